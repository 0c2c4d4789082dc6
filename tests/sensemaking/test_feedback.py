"""Feedback to tellers: lessons and action publication on the staff screen, the public page
``/geleerd/<slug>`` (only published things, in order, nl/en, escaped), and the link on the thank-you page."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from coalitions.models import Coalition
from sensemaking import feedback
from sensemaking.models import Action, Lesson
from tests.coalitions.conftest import login
from tests.coalitions.staff_helpers import PASSWORD, make_user
from tests.conftest import make_app
from tests.factories import make_coalition, make_link, make_organisation

CANARY = "KANARIE-7f3a"


def staff(coalition: Coalition) -> str:
    return f"/coalitions/{coalition.slug}/terugkoppeling"


def public(coalition: Coalition) -> str:
    return f"/geleerd/{coalition.slug}"


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def add_lesson(session: Session, coalition: Coalition, title: str, *, published: bool = True, **kw) -> Lesson:
    lesson = feedback.add_lesson(session, coalition=coalition, title=title, published=published, **kw)
    session.commit()
    return lesson


def add_action(session: Session, coalition: Coalition, title: str, **overrides: object) -> Action:
    values: dict[str, object] = {
        "coalition_id": coalition.id,
        "cycle": "action",
        "title": title,
        "owner": "Petra Actiehouder",
        "created_on": date(2026, 11, 3),
    }
    values.update(overrides)
    action = Action(**values)
    session.add(action)
    session.commit()
    return action


def fresh(session: Session) -> None:
    """End the test session's read snapshot and forget what it loaded, to see what the app wrote."""
    session.rollback()
    session.expire_all()


def reload(session: Session, model: type, id_: int):
    """The row as the app left it (ending the test session's read snapshot first)."""
    fresh(session)
    return session.get(model, id_)


# The public page --------------------------------------------------------------------------------


def test_public_page_shows_only_published_things(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    organisation = make_organisation(session, coalition, name="Jeugdhulp Oost")
    add_lesson(session, coalition, "Jongeren willen sneller hulp", text="Wachten duurt te lang.")
    add_lesson(session, coalition, f"Geheime les {CANARY}", published=False, text=f"tekst {CANARY}")
    add_lesson(session, coalition, "Zichtbaar", text=f"alleen de titel telt niet {CANARY}", published=False)
    add_action(
        session,
        coalition,
        "Wachtlijst aanpakken",
        published=True,
        public_text="We maken de wachtlijst korter.",
        status="running",
        term="long",
        organisation_id=organisation.id,
    )
    add_action(session, coalition, f"Actie {CANARY}", public_text=f"publiek {CANARY}", published=False)

    response = client.get(public(coalition))
    body = text_of(response)
    assert response.status_code == 200
    assert CANARY not in body
    assert "Jongeren willen sneller hulp" in body and "Wachten duurt te lang." in body
    assert "We maken de wachtlijst korter." in body
    assert "Wachtlijst aanpakken" not in body  # the public text replaces the title
    assert "We zijn ermee bezig" in body and "Lange termijn" in body
    assert "Jeugdhulp Oost" in body
    assert "Petra Actiehouder" not in body  # never a person's name
    assert coalition.name in body and "Zo thuis mogelijk opgroeien." in body  # name and focus


def test_action_without_public_text_shows_its_title_and_status_in_plain_words(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    for title, status in [("Eén", "planned"), ("Twee", "done"), ("Drie", "stopped"), ("Vier", "running")]:
        add_action(session, coalition, title, published=True, status=status)
    body = text_of(client.get(public(coalition)))
    for words in ("Gepland", "Gelukt", "Gestopt", "We zijn ermee bezig"):
        assert words in body
    items = re.findall(r'<p class="feedback-action">(.*?)</p>', body)
    assert items == ["Vier", "Eén", "Twee", "Drie"]  # running, planned, done, stopped


def test_organisation_of_another_coalition_is_not_named(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    other = make_coalition(session)
    stranger = make_organisation(session, other, name=f"Vreemde {CANARY}")
    add_action(session, coalition, "Iets doen", published=True, organisation_id=stranger.id)
    body = text_of(client.get(public(coalition)))
    assert "Iets doen" in body and CANARY not in body


def test_lessons_appear_in_their_order(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    for title in ("Eerste", "Tweede", "Derde"):
        add_lesson(session, coalition, title)
    body = text_of(client.get(public(coalition)))
    assert re.findall(r"<h3>(.*?)</h3>", body) == ["Eerste", "Tweede", "Derde"]


def test_nothing_published_gives_a_friendly_page(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    add_lesson(session, coalition, f"Nog geheim {CANARY}", published=False)
    add_action(session, coalition, f"Ook geheim {CANARY}")
    response = client.get(public(coalition))
    assert response.status_code == 200
    body = text_of(response)
    assert "Nog niets te melden, kom later terug" in body and CANARY not in body


def test_unknown_coalition_is_the_friendly_404(client: FlaskClient) -> None:
    response = client.get("/geleerd/bestaat-niet")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in text_of(response)


def test_public_page_is_not_cached_and_needs_no_account(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    response = client.get(public(coalition))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response.headers
    assert "<script" not in response.get_data(as_text=True)  # works without JavaScript


def test_public_page_in_dutch_and_english(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    add_lesson(session, coalition, "Luisteren helpt")
    dutch = client.get(public(coalition)).get_data(as_text=True)
    assert '<html lang="nl">' in dutch and "Luisteren helpt" in dutch
    assert f'href="{public(coalition)}?lang=en"' in dutch  # the language switch
    english = client.get(public(coalition) + "?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and "Luisteren helpt" in english
    assert "Wat gebeurt er met mijn verhaal?" not in english  # the shared footer is translated
    assert 'href="/privacy?lang=en"' in english  # links keep the language


def test_lesson_title_is_escaped(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    add_lesson(session, coalition, payload, text=payload)
    add_action(session, coalition, "Actie", published=True, public_text=payload)
    raw = client.get(public(coalition)).get_data(as_text=True)
    assert "<script>alert" not in raw and "<img src=x" not in raw
    assert "&lt;script&gt;alert" in raw


# The thank-you page -----------------------------------------------------------------------------


def test_thank_you_page_links_to_feedback_only_when_something_is_published(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    link = make_link(session, coalition)
    thanks = f"/i/{link.token}/bedankt"
    lesson = add_lesson(session, coalition, "Nog niet klaar", published=False)
    action = add_action(session, coalition, "Nog niet klaar")
    assert "Lees wat we geleerd hebben" not in text_of(client.get(thanks))
    assert public(coalition) not in text_of(client.get(thanks))

    feedback.set_lesson_publication(session, lesson=lesson, published=True)
    session.commit()
    body = text_of(client.get(thanks))
    assert "Wat doen we met de verhalen?" in body and "Lees wat we geleerd hebben" in body
    assert f'href="{public(coalition)}"' in body
    assert f'href="{public(coalition)}?lang=en"' in text_of(client.get(thanks + "?lang=en"))

    feedback.set_lesson_publication(session, lesson=reload(session, Lesson, lesson.id), published=False)
    feedback.set_action_publication(
        session, coalition=coalition, action_id=action.id, published=True, public_text=""
    )
    session.commit()
    assert "Lees wat we geleerd hebben" in text_of(client.get(thanks))


def test_has_published_looks_at_one_coalition(session: Session, coalition: Coalition) -> None:
    other = make_coalition(session)
    add_lesson(session, other, "Elders")
    assert feedback.has_published(session, other.id)
    assert not feedback.has_published(session, coalition.id)


# The staff screen -------------------------------------------------------------------------------


def test_staff_screen_needs_an_account(client: FlaskClient, coalition: Coalition) -> None:
    response = client.get(staff(coalition))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_member_adds_edits_publishes_and_deletes_a_lesson(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    page = client.get(staff(coalition))
    assert page.status_code == 200
    assert "Nog niets te melden" in text_of(page)  # says what tellers see now
    assert f'href="{public(coalition)}"' in text_of(page)  # preview link

    response = client.post(staff(coalition) + "/lessen", data={"title": "  Luister beter ", "text": "Echt."})
    assert response.status_code == 302
    lesson = session.exec(select(Lesson)).one()
    assert (lesson.title, lesson.text, lesson.published) == ("Luister beter", "Echt.", False)
    assert "Luister beter" not in text_of(client.get(public(coalition)))

    client.post(f"{staff(coalition)}/lessen/{lesson.id}/publiceren", data={"gepubliceerd": "1"})
    assert "Luister beter" in text_of(client.get(public(coalition)))

    edit = client.get(f"{staff(coalition)}/lessen/{lesson.id}")
    assert edit.status_code == 200 and 'value="Luister beter"' in edit.get_data(as_text=True)
    client.post(
        f"{staff(coalition)}/lessen/{lesson.id}",
        data={"title": "Luister nog beter", "text": "", "published": "y"},
    )
    assert reload(session, Lesson, lesson.id).title == "Luister nog beter"

    client.post(f"{staff(coalition)}/lessen/{lesson.id}/publiceren", data={"gepubliceerd": "0"})
    assert not reload(session, Lesson, lesson.id).published

    confirm = client.get(f"{staff(coalition)}/lessen/{lesson.id}/verwijderen")
    assert confirm.status_code == 200 and "Les verwijderen?" in text_of(confirm)
    assert reload(session, Lesson, lesson.id) is not None  # asking deletes nothing
    response = client.post(f"{staff(coalition)}/lessen/{lesson.id}/verwijderen")
    assert response.status_code == 302
    assert reload(session, Lesson, lesson.id) is None


def test_bad_lesson_input_keeps_what_was_typed(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    response = client.post(staff(coalition) + "/lessen", data={"title": "   ", "text": "Mijn uitleg"})
    assert response.status_code == 422
    body = text_of(response)
    assert "Geef de les een titel." in body and "Mijn uitleg" in body
    response = client.post(staff(coalition) + "/lessen", data={"title": "Goed", "text": "x" * 2001})
    assert response.status_code == 422 and "De tekst is te lang" in text_of(response)
    assert session.exec(select(Lesson)).all() == []

    lesson = add_lesson(session, coalition, "Bestaat")
    response = client.post(f"{staff(coalition)}/lessen/{lesson.id}", data={"title": "", "text": "nieuw"})
    assert response.status_code == 422 and "Geef de les een titel." in text_of(response)
    assert reload(session, Lesson, lesson.id).title == "Bestaat"


def test_lessons_move_up_and_down(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, coalition=coalition)
    a, b, c = (add_lesson(session, coalition, title) for title in ("A", "B", "C"))

    def order() -> list[str]:
        return re.findall(r"<h3>(.*?)</h3>", text_of(client.get(public(coalition))))

    client.post(f"{staff(coalition)}/lessen/{c.id}/verplaatsen", data={"richting": "up"})
    assert order() == ["A", "C", "B"]
    client.post(f"{staff(coalition)}/lessen/{a.id}/verplaatsen", data={"richting": "down"})
    assert order() == ["C", "A", "B"]
    client.post(f"{staff(coalition)}/lessen/{c.id}/verplaatsen", data={"richting": "up"})  # already first
    assert order() == ["C", "A", "B"]
    client.post(f"{staff(coalition)}/lessen/{a.id}/verwijderen")
    fresh(session)
    assert [x.position for x in feedback.lessons_of(session, coalition=coalition)] == [0, 1]  # closed up
    new = add_lesson(session, coalition, "D")
    assert new.position == 2 and order() == ["C", "B", "D"]


def test_move_lesson_refuses_an_unknown_direction(session: Session, coalition: Coalition) -> None:
    lesson = add_lesson(session, coalition, "A")
    with pytest.raises(feedback.FeedbackError):
        feedback.move_lesson(session, coalition=coalition, lesson=lesson, direction="sideways")
    assert feedback.move_lesson(session, coalition=coalition, lesson=lesson, direction="down") is False


def test_member_publishes_an_action_with_a_text_for_tellers(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    action = add_action(session, coalition, "Intern: wachtlijstoverleg")
    page = text_of(client.get(staff(coalition)))
    assert "Intern: wachtlijstoverleg" in page and "Tekst voor vertellers" in page

    prefix = f"actie-{action.id}-"
    response = client.post(
        f"{staff(coalition)}/acties/{action.id}",
        data={prefix + "published": "y", prefix + "public_text": "We praten over kortere wachttijden."},
    )
    assert response.status_code == 302
    saved = reload(session, Action, action.id)
    assert saved.published and saved.public_text == "We praten over kortere wachttijden."
    assert "We praten over kortere wachttijden." in text_of(client.get(public(coalition)))

    too_long = "woord " * 120  # 720 characters
    response = client.post(f"{staff(coalition)}/acties/{action.id}", data={prefix + "public_text": too_long})
    assert response.status_code == 422
    body = text_of(response)
    assert "De tekst voor vertellers is te lang: hooguit 600 tekens" in body
    assert too_long.strip() in body  # what was typed is kept
    saved = reload(session, Action, action.id)
    assert saved.published and saved.public_text == "We praten over kortere wachttijden."

    client.post(f"{staff(coalition)}/acties/{action.id}", data={prefix + "public_text": "x"})
    assert not reload(session, Action, action.id).published  # unticked: off the page
    assert "We praten" not in text_of(client.get(public(coalition)))


def test_set_action_publication_refuses_another_coalitions_action(
    session: Session, coalition: Coalition
) -> None:
    other = make_coalition(session)
    action = add_action(session, other, "Van een ander")
    with pytest.raises(feedback.UnknownAction):
        feedback.set_action_publication(
            session, coalition=coalition, action_id=action.id, published=True, public_text=""
        )
    assert not reload(session, Action, action.id).published


@pytest.mark.parametrize("role", ["member", "facilitator"])
def test_another_coalitions_lessons_and_actions_are_404(
    client: FlaskClient, session: Session, coalition: Coalition, role: str
) -> None:
    login(client, session, role=role, coalition=coalition)
    other = make_coalition(session)
    lesson = add_lesson(session, other, "Van een ander", published=False)
    action = add_action(session, other, "Van een ander")
    base = staff(coalition)
    for method, path in [
        ("get", f"{base}/lessen/{lesson.id}"),
        ("post", f"{base}/lessen/{lesson.id}"),
        ("get", f"{base}/lessen/{lesson.id}/verwijderen"),
        ("post", f"{base}/lessen/{lesson.id}/verwijderen"),
        ("post", f"{base}/lessen/{lesson.id}/verplaatsen"),
        ("post", f"{base}/lessen/{lesson.id}/publiceren"),
        ("post", f"{base}/acties/{action.id}"),
    ]:
        response = getattr(client, method)(path, data={"title": "x", "gepubliceerd": "1", "richting": "up"})
        assert response.status_code == 404, path
    assert reload(session, Lesson, lesson.id).title == "Van een ander"
    assert not reload(session, Lesson, lesson.id).published
    assert not reload(session, Action, action.id).published
    # And another coalition's screen itself is not there either.
    assert client.get(staff(other)).status_code == 404


def test_facilitator_reads_but_cannot_change(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, role="facilitator", coalition=coalition, lead=False)
    lesson = add_lesson(session, coalition, "Gedeelde les", published=False)
    action = add_action(session, coalition, "Gedeelde actie", public_text="Voor vertellers")
    page = client.get(staff(coalition))
    assert page.status_code == 200
    body = text_of(page)
    assert "Gedeelde les" in body and "Gedeelde actie" in body
    assert "Les toevoegen" not in body and "<textarea" not in body  # no forms to change anything
    base = staff(coalition)
    for method, path in [
        ("post", f"{base}/lessen"),
        ("get", f"{base}/lessen/{lesson.id}"),
        ("post", f"{base}/lessen/{lesson.id}"),
        ("get", f"{base}/lessen/{lesson.id}/verwijderen"),
        ("post", f"{base}/lessen/{lesson.id}/verwijderen"),
        ("post", f"{base}/lessen/{lesson.id}/verplaatsen"),
        ("post", f"{base}/lessen/{lesson.id}/publiceren"),
        ("post", f"{base}/acties/{action.id}"),
    ]:
        data = {"title": "x", "gepubliceerd": "1", "richting": "up", f"actie-{action.id}-published": "y"}
        response = getattr(client, method)(path, data=data)
        assert response.status_code == 403, path
    assert len(session.exec(select(Lesson)).all()) == 1
    assert not reload(session, Lesson, lesson.id).published
    assert not reload(session, Action, action.id).published


def test_staff_screen_is_in_the_coalition_menu(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    body = client.get(f"/coalitions/{coalition.slug}/verhalen").get_data(as_text=True)
    assert f'href="{staff(coalition)}"' in body and "Terugkoppeling" in body


def test_app_uses_this_blueprint(app: Flask) -> None:
    assert "feedback.page" in app.view_functions and "sensemaking_lessons.lessons" in app.view_functions


def test_forms_carry_their_csrf_token(database_url: str, session: Session, coalition: Coalition) -> None:
    app = make_app(database_url)  # CSRF on, as in production
    try:
        user = make_user(session, coalition=coalition)
        action = add_action(session, coalition, "Met token")
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
        page = client.get(staff(coalition)).get_data(as_text=True)
        prefix = f"actie-{action.id}-"
        field = re.escape(prefix + "csrf_token")
        action_token = re.search(rf'name="{field}" type="hidden" value="([^"]+)"', page).group(1)
        data = {prefix + "published": "y", prefix + "public_text": "Zichtbaar"}
        assert client.post(f"{staff(coalition)}/acties/{action.id}", data=data).status_code == 400
        assert client.post(staff(coalition) + "/lessen", data={"title": "Zonder token"}).status_code == 400
        response = client.post(
            f"{staff(coalition)}/acties/{action.id}", data={**data, prefix + "csrf_token": action_token}
        )
        assert response.status_code == 302
        assert reload(session, Action, action.id).published
    finally:
        app.extensions["engine"].dispose()
