"""The anonymous session evaluation: the public form (double-submit safe, closed session, bad input,
cross-site posts, English) and the results (hidden under 5 answers, free texts in a stable order)."""

from __future__ import annotations

import html
import re
import uuid

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from coalitions.models import Coalition
from sensemaking import evaluations, workshops
from sensemaking.evaluations import EvaluationError
from sensemaking.models import SessionEvaluation, Workshop
from tests.coalitions.conftest import login
from tests.conftest import make_app
from tests.factories import make_coalition

ID_FIELD = re.compile(r'name="evaluation_id" type="hidden" value="([^"]*)"')


@pytest.fixture
def workshop(session: Session, coalition: Coalition) -> Workshop:
    made = workshops.create_workshop(session, coalition=coalition, title="Sessie april")
    session.commit()
    return made


def form_url(workshop: Workshop) -> str:
    return f"/w/{workshop.token}/evaluatie"


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def issued_id(client: FlaskClient, workshop: Workshop, **kwargs: object) -> str:
    response = client.get(form_url(workshop), **kwargs)
    assert response.status_code == 200
    match = ID_FIELD.search(response.get_data(as_text=True))
    assert match, "no evaluation id in the form"
    return match.group(1)


def answers(evaluation_id: str, **overrides: str) -> dict[str, str]:
    data = {
        "evaluation_id": evaluation_id,
        "useful": "4",
        "heard": "5",
        "next_steps": "3",
        "went_well": "Goede gesprekken",
        "better": "Meer pauzes",
    }
    data.update(overrides)
    return data


def store(
    session: Session, workshop: Workshop, useful: int, heard: int = 3, next_steps: int = 3, **texts: str
) -> None:
    evaluations.submit_evaluation(
        session,
        workshop=workshop,
        evaluation_id=evaluations.new_evaluation_id(),
        useful=useful,
        heard=heard,
        next_steps=next_steps,
        **texts,
    )
    session.commit()


def stored(session: Session) -> list[SessionEvaluation]:
    session.rollback()  # end the read transaction: see what the requests stored
    return list(session.exec(select(SessionEvaluation)).all())


# The public form ---------------------------------------------------------------------------------------------


def test_the_form_has_three_rating_groups_and_two_optional_texts(
    client: FlaskClient, workshop: Workshop
) -> None:
    response = client.get(form_url(workshop))
    page = text_of(response)
    assert response.status_code == 200
    for statement in (
        "De sessie was nuttig",
        "Iedereen werd gehoord",
        "Het is duidelijk wat we nu gaan doen",
    ):
        assert statement in page
    assert page.count("<fieldset") == 3
    assert page.count("<legend>") == 3
    for name in ("useful", "heard", "next_steps"):
        assert len(re.findall(rf'type="radio" name="{name}"|name="{name}" type="radio"', page)) == 5
    assert "Wat ging goed?" in page and "Wat kan beter?" in page
    assert 'maxlength="1000"' in page
    assert "<script" not in page and " style=" not in page
    assert uuid.UUID(issued_id(client, workshop))


def test_the_form_works_in_english(client: FlaskClient, workshop: Workshop) -> None:
    response = client.get(form_url(workshop) + "?lang=en")
    assert response.status_code == 200
    assert '<html lang="en">' in response.get_data(as_text=True)
    assert f'action="/w/{workshop.token}/evaluatie?lang=en"' in response.get_data(as_text=True)
    assert "Set-Cookie" not in response.headers  # participants get no cookie, like tellers
    sent = client.post(form_url(workshop) + "?lang=en", data=answers(issued_id(client, workshop)))
    assert sent.headers["Location"] == f"/w/{workshop.token}/evaluatie/bedankt?lang=en"
    assert "Set-Cookie" not in sent.headers


def test_two_identical_posts_store_one_answer_and_both_thank(
    client: FlaskClient, session: Session, workshop: Workshop
) -> None:
    evaluation_id = issued_id(client, workshop)
    first = client.post(form_url(workshop), data=answers(evaluation_id))
    second = client.post(form_url(workshop), data=answers(evaluation_id, useful="1"))
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"] == f"/w/{workshop.token}/evaluatie/bedankt"
    rows = stored(session)
    assert len(rows) == 1
    row = rows[0]
    assert (row.workshop_id, row.useful, row.heard, row.next_steps) == (workshop.id, 4, 5, 3)
    assert (row.went_well, row.better) == ("Goede gesprekken", "Meer pauzes")
    assert row.id == evaluation_id
    # Nothing about the participant: the table has no column for an address, a time or an account.
    assert set(SessionEvaluation.model_fields) == {
        "id",
        "workshop_id",
        "useful",
        "heard",
        "next_steps",
        "went_well",
        "better",
    }
    thanks = client.get(first.headers["Location"])
    assert thanks.status_code == 200
    assert "Bedankt voor je antwoorden!" in text_of(thanks)


def test_the_same_id_in_capitals_is_the_same_answer(
    client: FlaskClient, session: Session, workshop: Workshop
) -> None:
    evaluation_id = issued_id(client, workshop)
    client.post(form_url(workshop), data=answers(evaluation_id))
    again = client.post(form_url(workshop), data=answers(evaluation_id.upper()))
    assert again.status_code == 303
    assert len(stored(session)) == 1


@pytest.mark.parametrize("bad", ["0", "6", "x", ""])
def test_a_bad_rating_shows_the_form_again_with_everything_typed(
    client: FlaskClient, session: Session, workshop: Workshop, bad: str
) -> None:
    evaluation_id = issued_id(client, workshop)
    response = client.post(
        form_url(workshop),
        data=answers(evaluation_id, heard=bad, went_well="Fijne groep", better="Kortere dag"),
    )
    page = text_of(response)
    assert response.status_code == 422
    assert "Kies bij deze zin een cijfer van 1 tot en met 5." in page
    assert "Er klopt nog iets niet." in page
    assert "Fijne groep</textarea>" in page and "Kortere dag</textarea>" in page
    assert re.search(r'value="4"[^>]*checked|checked[^>]*value="4"', page)  # the good ratings stay chosen
    assert f'value="{evaluation_id}"' in page  # the same form: sending it again is still one answer
    assert stored(session) == []


def test_a_text_over_1000_characters_is_refused_in_dutch(
    client: FlaskClient, session: Session, workshop: Workshop
) -> None:
    response = client.post(form_url(workshop), data=answers(issued_id(client, workshop), better="x" * 1001))
    assert response.status_code == 422
    assert "Gebruik hooguit 1000 tekens." in text_of(response)
    assert stored(session) == []


def test_a_form_without_a_valid_id_is_shown_again_with_a_fresh_one(
    client: FlaskClient, session: Session, workshop: Workshop
) -> None:
    response = client.post(form_url(workshop), data=answers("niet-een-uuid", went_well="Bewaard"))
    page = text_of(response)
    assert response.status_code == 400
    assert "Bewaard</textarea>" in page
    fresh = ID_FIELD.search(page)
    assert fresh and uuid.UUID(fresh.group(1))
    assert stored(session) == []


def test_unknown_link_is_404(client: FlaskClient) -> None:
    assert client.get("/w/bestaat-niet/evaluatie").status_code == 404
    assert client.post("/w/bestaat-niet/evaluatie", data=answers(str(uuid.uuid4()))).status_code == 404
    assert client.get("/w/bestaat-niet/evaluatie/bedankt").status_code == 404


def test_a_closed_session_answers_410_with_a_friendly_page(
    client: FlaskClient, session: Session, workshop: Workshop
) -> None:
    evaluation_id = issued_id(client, workshop)
    workshops.close_session(session, workshop)
    session.commit()
    page = client.get(form_url(workshop))
    assert page.status_code == 410
    assert "Deze sessie is afgesloten" in text_of(page)
    response = client.post(form_url(workshop), data=answers(evaluation_id, went_well="Mijn tekst"))
    assert response.status_code == 410
    assert "Mijn tekst" in text_of(response)  # given back to copy
    assert stored(session) == []


def test_a_cross_site_post_is_refused(client: FlaskClient, session: Session, workshop: Workshop) -> None:
    evaluation_id = issued_id(client, workshop)
    response = client.post(
        form_url(workshop), data=answers(evaluation_id), headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403
    assert "Goede gesprekken</textarea>" in text_of(response)
    response = client.post(
        form_url(workshop), data=answers(evaluation_id), headers={"Origin": "https://elders.example"}
    )
    assert response.status_code == 403
    assert stored(session) == []
    same = client.post(
        form_url(workshop), data=answers(evaluation_id), headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert same.status_code == 303
    assert len(stored(session)) == 1


def test_the_form_needs_no_cookie_or_csrf_token(
    database_url: str, session: Session, workshop: Workshop
) -> None:
    app = make_app(database_url)  # CSRF on, as in production
    try:
        client = app.test_client(use_cookies=False)
        response = client.post(
            form_url(workshop),
            data=answers(issued_id(client, workshop)),
            headers={"Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"},
        )
        assert response.status_code == 303
    finally:
        app.extensions["engine"].dispose()
    assert len(stored(session)) == 1


# The service and the results -------------------------------------------------------------------------------------


def test_the_service_refuses_bad_ratings_and_ids(session: Session, workshop: Workshop) -> None:
    good = {"useful": 3, "heard": 3, "next_steps": 3}
    for field, value in (("useful", 0), ("heard", 6), ("next_steps", True)):
        with pytest.raises(EvaluationError) as error:
            evaluations.submit_evaluation(
                session, workshop=workshop, evaluation_id=str(uuid.uuid4()), **{**good, field: value}
            )
        assert error.value.field == field
    with pytest.raises(EvaluationError):
        evaluations.submit_evaluation(session, workshop=workshop, evaluation_id="abc", **good)
    with pytest.raises(EvaluationError):
        evaluations.submit_evaluation(
            session, workshop=workshop, evaluation_id=str(uuid.uuid4()), went_well="x" * 1001, **good
        )


def test_results_are_hidden_under_five_answers_and_shown_at_five(
    session: Session, workshop: Workshop
) -> None:
    for useful in (5, 4, 4, 2):
        store(session, workshop, useful, went_well="Fijn")
    hidden = evaluations.evaluation_results(session, workshop)
    assert (hidden.answers, hidden.answers_shown, hidden.shown) == (4, "<5", False)
    assert hidden.statements == () and hidden.went_well == () and hidden.better == ()

    store(session, workshop, 5, heard=1, went_well="Goede sfeer", better="Meer tijd")
    results = evaluations.evaluation_results(session, workshop)
    assert (results.answers, results.answers_shown, results.shown) == (5, 5, True)
    useful = results.statements[0]
    assert (useful.key, useful.statement) == ("useful", "De sessie was nuttig")
    # With cells hidden the mean would give them away (total 5, mean 4.0 pins the small counts): no mean.
    assert useful.mean is None
    # 1-4 people on one rating read "<5"; another cell is hidden so the small ones cannot be worked out.
    assert useful.distribution[1] == useful.distribution[3] == 0
    assert useful.distribution[2] == useful.distribution[4] == useful.distribution[5] == "<5"
    assert [s.key for s in results.statements] == ["useful", "heard", "next_steps"]
    assert results.statements[1].mean is None
    assert results.statements[2].distribution == {1: 0, 2: 0, 3: 5, 4: 0, 5: 0}
    assert results.statements[2].mean == 3.0  # nothing hidden: the mean tells nothing new
    assert sorted(results.went_well) == ["Fijn", "Fijn", "Fijn", "Fijn", "Goede sfeer"]
    assert results.better == ("Meer tijd",)


def test_the_mean_does_not_give_away_one_dissenting_participant(session: Session, workshop: Workshop) -> None:
    for useful in (5, 5, 5, 5, 1):
        store(session, workshop, useful)
    useful_row = evaluations.evaluation_results(session, workshop).statements[0]
    assert useful_row.distribution == {1: "<5", 2: 0, 3: 0, 4: 0, 5: "<5"}
    assert useful_row.mean is None  # 4.2 with a total of 5 would mean: exactly one person chose 1
    for useful in (5, 5, 5, 5, 1):
        store(session, workshop, useful)
    assert evaluations.evaluation_results(session, workshop).statements[0].mean is None  # still a "<5" cell


def test_free_texts_are_in_a_stable_order_not_by_arrival(session: Session, coalition: Coalition) -> None:
    texts = [f"Tekst {n}" for n in range(8)]
    first = workshops.create_workshop(session, coalition=coalition, title="Een")
    second = workshops.create_workshop(session, coalition=coalition, title="Twee")
    session.commit()
    for text in texts:
        store(session, first, 3, went_well=text)
    for text in reversed(texts):
        store(session, second, 3, went_well=text)
    one = evaluations.evaluation_results(session, first).went_well
    two = evaluations.evaluation_results(session, second).went_well
    assert one == two  # the same texts, the same order, whatever the order they came in
    assert sorted(one) == sorted(texts)
    assert list(one) != texts and list(one) != list(reversed(texts))


def test_the_staff_page_shows_the_link_and_hides_results_under_five(
    client: FlaskClient, session: Session, coalition: Coalition, workshop: Workshop
) -> None:
    login(client, session, role="facilitator", coalition=coalition)
    url = f"/coalitions/{coalition.slug}/sessies/{workshop.id}/evaluatie"
    for useful in (5, 4, 4, 2):
        store(session, workshop, useful, went_well="Geheim van een van vier")
    page = text_of(client.get(url))
    assert f"http://localhost/w/{workshop.token}/evaluatie" in page
    assert "Nog te weinig antwoorden om te tonen" in page
    assert "Geheim van een van vier" not in page
    assert "&lt;5" in client.get(url).get_data(as_text=True)
    store(session, workshop, 5, went_well="Goede sfeer")
    page = text_of(client.get(url))
    assert "Nog te weinig antwoorden" not in page
    assert "De sessie was nuttig" in page and "3,0" in page  # everyone gave 3: that mean can be shown
    assert "4,0" not in page  # "nuttig" has hidden cells, so its mean (4.0) is hidden too
    assert "samen met het totaal zou het gemiddelde kleine aantallen verraden" in page
    assert "Goede sfeer" in page
    assert 'role="region"' in page and " style=" not in page


def test_the_staff_page_is_404_for_another_coalition(
    client: FlaskClient, session: Session, workshop: Workshop
) -> None:
    elsewhere = make_coalition(session, slug="regio-west")
    login(client, session, role="member", coalition=elsewhere)
    for slug in ("regio-oost", "regio-west"):
        assert client.get(f"/coalitions/{slug}/sessies/{workshop.id}/evaluatie").status_code == 404


def test_csrf_exemption_is_only_for_the_evaluation_form(app: Flask) -> None:
    csrf = app.extensions["csrf"]
    assert "sensemaking.views.evaluation.evaluate" in csrf._exempt_views
    assert not any(name.startswith("sensemaking.views.dissent") for name in csrf._exempt_views)
