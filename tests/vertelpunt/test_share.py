"""The teller's flow through the test client: links, the form, every refusal path, and storing once."""

from __future__ import annotations

import re
import threading
from datetime import UTC, datetime, timedelta
from html import unescape
from typing import Any

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from coalitions import services as coalition_services
from tests.conftest import submission_token
from tests.factories import local_today, make_coalition, make_link, make_organisation, story_form
from vertelpunt import services
from vertelpunt.models import Answer, Story

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


def open_form(client: FlaskClient, token: str) -> tuple[str, str]:
    """GET the form; return its HTML and submission token."""
    response = client.get(f"/i/{token}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    return html, submission_token(html)


def post_story(
    client: FlaskClient, token: str, submission: str, headers: dict[str, str] | None = None, **overrides: Any
) -> Any:
    return client.post(
        f"/i/{token}",
        data={"submission": submission, **story_form(**overrides)},
        headers=SAME_ORIGIN if headers is None else headers,
    )


def stories(session: Session) -> list[Story]:
    session.rollback()  # end the read snapshot so the app's commits are visible
    return list(session.exec(select(Story)))


def answers_of(session: Session, story: Story) -> dict[str, Answer]:
    return {a.question_id: a for a in session.exec(select(Answer).where(Answer.story_id == story.id))}


def test_form_leaves_out_what_the_link_answers(client: FlaskClient, session: Session) -> None:
    link = make_link(session, perspective="youth")
    html, _ = open_form(client, link.token)
    assert 'name="prompt"' in html and 'name="text"' in html and 'name="title"' in html
    for prefilled in ("perspective", "age_category", "organisation_type", "organisation"):
        assert f'name="{prefilled}"' not in html
    # Perspective "youth" is known, so the question for professionals cannot apply.
    assert 'name="professional_field"' not in html


def test_age_question_appears_when_link_age_is_unknown(client: FlaskClient, session: Session) -> None:
    coalition = make_coalition(session)
    organisation = make_organisation(session, coalition, age_categories=["0-12", "12-18"])
    link = make_link(session, coalition, organisation=organisation)
    assert link.prefill["age_category"] == "unknown"
    html, token = open_form(client, link.token)
    assert 'name="age_category"' in html
    response = post_story(client, link.token, token, age_category="0-12")
    assert response.status_code == 303
    stored = answers_of(session, stories(session)[0])
    assert stored["age_category"].value == "0-12" and not stored["age_category"].prefilled


def test_general_link_asks_everything(client: FlaskClient, session: Session) -> None:
    link = make_link(session, general=True)
    html, _ = open_form(client, link.token)
    for question in ("perspective", "age_category", "organisation_type", "organisation"):
        assert f'name="{question}"' in html


def test_submit_stores_story_with_link_organisation_and_answers(
    client: FlaskClient, session: Session
) -> None:
    link = make_link(session, perspective="youth")
    _, token = open_form(client, link.token)
    response = post_story(client, link.token, token)
    assert response.status_code == 303
    assert response.headers["Location"].split("?")[0].endswith(f"/i/{link.token}/bedankt")
    [story] = stories(session)
    assert story.organisation_id == link.organisation_id and story.invite_link_id == link.id
    assert story.title == "Eindelijk gehoord" and story.day == local_today()
    stored = answers_of(session, story)
    assert stored["prompt"].value == "helped"
    assert stored["helpers"].value == ["family", "care"]
    assert stored["who_decided"].value == pytest.approx(5 / 6, abs=1e-4)
    triad = stored["what_mattered"].value
    assert triad == {"listened": 0.6, "quick": 0.2, "together": 0.2} and sum(triad.values()) == pytest.approx(
        1
    )
    assert stored["perspective"].prefilled and stored["perspective"].value == "youth"
    assert stored["organisation"].prefilled
    thanks = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Nog een ervaring delen" in thanks and f'href="/i/{link.token}"' in thanks


def test_conditional_answer_is_dropped_when_it_does_not_apply(client: FlaskClient, session: Session) -> None:
    link = make_link(session, general=True)
    _, token = open_form(client, link.token)
    post_story(client, link.token, token, perspective="parent", professional_field="care")
    assert "professional_field" not in answers_of(session, stories(session)[0])
    _, token = open_form(client, link.token)
    post_story(client, link.token, token, perspective="professional", professional_field="care")
    kept = [s for s in stories(session) if "professional_field" in answers_of(session, s)]
    assert len(kept) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Geef je verhaal een korte titel."),
        ({"text": "Kort"}, "Vertel iets meer"),
        ({"prompt": None}, "Kies een antwoord."),
        ({"prompt": "not-an-option"}, "prompt"),
        ({"what_mattered-quick": ""}, "Geef alle drie een cijfer"),
        (
            {"what_mattered-listened": "0", "what_mattered-quick": "0", "what_mattered-together": "0"},
            "Geef alle drie een cijfer",
        ),
        ({"what_mattered-listened": "11"}, "Kies een cijfer van 0 tot 10."),
    ],
)
def test_validation_errors_keep_everything_typed(
    client: FlaskClient, session: Session, overrides: dict[str, Any], message: str
) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)
    text = overrides.get("text", story_form()["text"])
    response = post_story(client, link.token, token, **overrides)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in html
    assert text in html
    assert re.search(r'<input checked[^>]*value="family"', html), "ticked boxes stay ticked"
    assert stories(session) == []


def test_story_text_is_returned_byte_identical(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)
    tricky = "Zij zei: \"<b>nee</b>\" & ging weg.\r\nRegel 2 met émoji 🙂 en 'quotes'."
    response = post_story(client, link.token, token, title="", text=tricky)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "&lt;b&gt;nee&lt;/b&gt;" in html and "<b>nee</b>" not in html  # escaped, not executed
    textarea = html.split('name="text"', 1)[1].split(">", 1)[1].split("</textarea>", 1)[0]
    assert unescape(textarea) == "\r\n" + tricky  # WTForms adds one leading newline, browsers drop it


def test_expired_form_keeps_text_and_issues_fresh_token(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        _, old_token = open_form(client, link.token)
        traveller.shift(timedelta(hours=7))
        response = post_story(client, link.token, old_token)
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        assert story_form()["text"] in html and "stond een tijd open" in html
        new_token = submission_token(html)
        assert new_token != old_token
        assert stories(session) == []
        assert post_story(client, link.token, new_token).status_code == 303
    assert len(stories(session)) == 1


def test_forged_submission_token_is_refused_but_text_kept(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    response = post_story(client, link.token, "forged.token.value")
    assert response.status_code == 200 and story_form()["text"] in response.get_data(as_text=True)
    assert stories(session) == []


def test_double_submit_stores_one_story(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)
    first = post_story(client, link.token, token)
    second = post_story(client, link.token, token)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert len(stories(session)) == 1


def test_ten_concurrent_identical_posts_store_one_story(app: Flask, session: Session) -> None:
    link = make_link(session)
    _, token = open_form(app.test_client(), link.token)
    barrier = threading.Barrier(10)
    results: list[int] = []

    def send() -> None:
        client = app.test_client()
        barrier.wait()
        results.append(post_story(client, link.token, token).status_code)

    threads = [threading.Thread(target=send) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [303] * 10
    assert len(stories(session)) == 1
    assert len(list(session.exec(select(Answer)))) == len(answers_of(session, stories(session)[0]))


def test_share_another_gives_a_fresh_form(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    _, first = open_form(client, link.token)
    post_story(client, link.token, first)
    _, second = open_form(client, link.token)
    assert second != first
    assert post_story(client, link.token, second, title="Nog een").status_code == 303
    assert len(stories(session)) == 2


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
    ],
)
def test_cross_site_post_is_refused_and_text_kept(
    client: FlaskClient, session: Session, headers: dict[str, str]
) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)
    response = post_story(client, link.token, token, headers=headers)
    assert response.status_code == 403
    assert story_form()["text"] in response.get_data(as_text=True)
    assert stories(session) == []


@pytest.mark.parametrize("headers", [{"Origin": "http://localhost"}, {"Sec-Fetch-Site": "same-origin"}, {}])
def test_same_origin_post_without_cookies_is_accepted(
    client: FlaskClient, session: Session, headers: dict[str, str]
) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)
    response = post_story(client, link.token, token, headers=headers)
    assert response.status_code == 303
    assert "Set-Cookie" not in response.headers
    assert client.get_cookie("session") is None


def test_unknown_link_is_a_friendly_404(client: FlaskClient) -> None:
    response = client.get("/i/does-not-exist")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "Deze pagina bestaat niet" in html and "<form" not in html and "Traceback" not in html
    assert client.post("/i/does-not-exist", data=story_form(), headers=SAME_ORIGIN).status_code == 404


def test_closed_link_is_410_and_gives_back_the_text(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)
    coalition_services.close_link(session, link)
    session.commit()
    response = client.get(f"/i/{link.token}")
    assert response.status_code == 410 and "<form" not in response.get_data(as_text=True)
    posted = post_story(client, link.token, token)
    assert posted.status_code == 410
    assert story_form()["text"] in posted.get_data(as_text=True)
    assert stories(session) == []
    coalition_services.reopen_link(session, link)
    session.commit()
    assert client.get(f"/i/{link.token}").status_code == 200


def test_coalition_dates_are_honoured(client: FlaskClient, session: Session) -> None:
    later = make_coalition(session, opens_on=local_today() + timedelta(days=3), closes_on=None)
    ended = make_coalition(session, opens_on=None, closes_on=local_today() - timedelta(days=1))
    not_yet = client.get(f"/i/{make_link(session, later).token}")
    assert not_yet.status_code == 403 and "nog niet open" in not_yet.get_data(as_text=True)
    assert client.get(f"/i/{make_link(session, ended).token}").status_code == 410


def test_too_long_story_is_refused_with_text_kept(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)
    long_text = "woord " * 3400 + "einde"  # 20,405 characters
    response = post_story(client, link.token, token, text=long_text)
    assert response.status_code == 422
    assert "te lang" in response.get_data(as_text=True) and long_text in response.get_data(as_text=True)


def test_emoji_story_of_ten_thousand_characters_is_accepted(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)
    text = "ik 🙂 " * 2000  # 10,000 characters, 4-byte emoji included
    assert post_story(client, link.token, token, text=text).status_code == 303
    assert stories(session)[0].text == text.strip()


def test_request_too_large_keeps_form_and_explains(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)
    response = post_story(client, link.token, token, text="x" * 1_100_000)
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "te groot" in html and 'name="text"' in html and "data-draft-key" in html


def test_database_busy_keeps_text(
    client: FlaskClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)

    def busy(*_args: Any, **_kwargs: Any) -> None:
        raise sa.exc.OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(services, "submit_story", busy)
    response = post_story(client, link.token, token)
    assert response.status_code == 503
    assert story_form()["text"] in response.get_data(as_text=True)
    assert submission_token(response.get_data(as_text=True)) == token  # the retry stays idempotent


def test_rate_limited_post_keeps_text(database_url: str, session: Session) -> None:
    from tests.conftest import make_app

    app = make_app(database_url, RATELIMIT_ENABLED=True, SHARE_POST_LIMIT="2 per minute")
    try:
        with app.app_context():
            from vertelpunt.db import new_session

            s = new_session(app.extensions["engine"])
            link = make_link(s)
            s.close()
        client = app.test_client()
        codes = []
        for _ in range(3):
            _, token = open_form(client, link.token)
            response = post_story(client, link.token, token)
            codes.append(response.status_code)
        assert codes == [303, 303, 429]
        assert story_form()["text"] in response.get_data(as_text=True)
        assert "Probeer het over een paar minuten opnieuw" in response.get_data(as_text=True)
    finally:
        app.extensions["engine"].dispose()


def test_nothing_identifying_is_stored(client: FlaskClient, session: Session, app: Flask) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)
    canary_ua = "CanaryBrowser/9.9 (vertelpunt-test-ua)"
    client.post(
        f"/i/{link.token}",
        data={"submission": token, **story_form()},
        headers={**SAME_ORIGIN, "User-Agent": canary_ua, "X-Forwarded-For": "203.0.113.77"},
        environ_base={"REMOTE_ADDR": "127.0.0.2"},
    )
    assert len(stories(session)) == 1
    engine = app.extensions["engine"]
    dump = []
    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        for name in inspector.get_table_names():
            for row in conn.execute(sa.text(f'SELECT * FROM "{name}"')):  # noqa: S608 - names from the schema
                dump.append(repr(tuple(row)))
    everything = "\n".join(dump)
    assert "127.0.0.2" not in everything and "203.0.113.77" not in everything
    assert "CanaryBrowser" not in everything
    # Only the day is kept: no time-of-day column on stories or answers.
    for table in ("story", "answer"):
        columns = sa.inspect(engine).get_columns(table)
        assert not [c["name"] for c in columns if isinstance(c["type"], sa.DateTime)]


def test_logs_never_contain_the_story(
    client: FlaskClient, session: Session, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = make_link(session)
    caplog.set_level("DEBUG")
    _, token = open_form(client, link.token)
    post_story(client, link.token, token)

    def busy(*_args: Any, **_kwargs: Any) -> None:
        raise sa.exc.OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(services, "submit_story", busy)
    _, token = open_form(client, link.token)
    post_story(client, link.token, token)
    assert "luisterde echt" not in caplog.text and "Eindelijk gehoord" not in caplog.text
    assert link.token not in caplog.text


def test_english_switch_keeps_language_through_the_flow(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    response = client.get(f"/i/{link.token}?lang=en")
    html = response.get_data(as_text=True)
    assert '<html lang="en">' in html and "Pick the question that fits best" in html
    assert f'action="/i/{link.token}?lang=en"' in html
    posted = client.post(
        f"/i/{link.token}?lang=en",
        data={"submission": submission_token(html), **story_form()},
        headers=SAME_ORIGIN,
    )
    assert "lang=en" in posted.headers["Location"].split("?")[1].split("&")
    assert stories(session)[0].language == "en"


def test_control_characters_are_dropped_and_the_story_is_stored(
    client: FlaskClient, session: Session
) -> None:
    """A NUL byte (pasted from a broken app) would make PostgreSQL refuse the whole story."""
    link = make_link(session)
    _, token = open_form(client, link.token)
    response = post_story(
        client,
        link.token,
        token,
        title="Eindelijk\x00 gehoord",
        text="Ze luisterde\x00 echt\tnaar mij.\r\nFijn\x07!",
    )
    assert response.status_code == 303
    (story,) = stories(session)
    assert story.title == "Eindelijk gehoord"
    assert story.text == "Ze luisterde echt\tnaar mij.\r\nFijn!"


def test_an_unforeseen_error_while_sending_still_shows_the_story(
    client: FlaskClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    link = make_link(session)
    _, token = open_form(client, link.token)

    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("a bug we did not foresee")

    monkeypatch.setattr(services, "submit_story", broken)
    response = post_story(client, link.token, token, text="Mijn verhaal over de wachtlijst bij de jeugdhulp.")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert (
        "Mijn verhaal over de wachtlijst bij de jeugdhulp." in body and "Je verhaal is niet verstuurd" in body
    )
    assert "RuntimeError" not in body and "Traceback" not in body


def test_a_database_that_cannot_even_be_read_still_shows_the_story(
    client: FlaskClient, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vertelpunt import views

    link = make_link(session)
    _, token = open_form(client, link.token)

    def down(*_args: Any, **_kwargs: Any) -> None:
        raise sa.exc.OperationalError("SELECT", {}, Exception("connection refused"))

    monkeypatch.setattr(services, "submit_story", down)
    monkeypatch.setattr(views, "render_share", down)  # showing the form again needs the database too
    response = post_story(client, link.token, token, text="Mijn verhaal over de wachtlijst bij de jeugdhulp.")
    body = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Mijn verhaal over de wachtlijst bij de jeugdhulp." in body and "Het is nu te druk" in body


def test_database_errors_never_carry_a_story_into_a_log(app: Flask) -> None:
    with app.app_context(), pytest.raises(sa.exc.DBAPIError) as caught:
        with app.extensions["engine"].connect() as conn:
            conn.execute(sa.text("INSERT INTO no_such_table VALUES (:text)"), {"text": "GEHEIM VERHAAL"})
    assert "GEHEIM VERHAAL" not in str(caught.value)


def test_the_english_form_has_no_dutch_left(client: FlaskClient, session: Session) -> None:
    """The form's fields come from templates/_macros, whose texts were once never extracted."""
    link = make_link(session)
    html = client.get(f"/i/{link.token}?lang=en").get_data(as_text=True)
    for dutch in ("verplicht", "Weet je het niet?", "Minstens", "Stap 1 van"):
        assert dutch not in html
    assert "required" in html and "Not sure? Then skip this question." in html
