"""Workshop planning screens: list, plan, edit, agenda, stories to read, reading pack, review notes."""

from __future__ import annotations

from datetime import date

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, select

from coalitions.models import Coalition
from sensemaking import actions, workshops
from sensemaking.models import ActionNote, StoryMark, Workshop
from tests.coalitions.conftest import login
from tests.factories import make_coalition
from tests.sensemaking._stories import make_story
from tests.sensemaking._workshops import make_workshop


@pytest.fixture
def staff(client: FlaskClient, session: Session, coalition: Coalition) -> FlaskClient:
    login(client, session, coalition=coalition)
    return client


def url(coalition: Coalition, tail: str = "") -> str:
    return f"/coalitions/{coalition.slug}/sessies{tail}"


def test_plan_a_workshop_with_the_usual_agenda(
    staff: FlaskClient, session: Session, coalition: Coalition
) -> None:
    story = make_story(session, coalition)
    session.add(StoryMark(story_id=story.id, coalition_id=coalition.id, marked_on=date(2026, 11, 1)))
    session.commit()
    response = staff.post(
        url(coalition, "/nieuw"),
        data={
            "title": "Eerste duidingssessie",
            "cycle": "tempo",
            "held_on": "2027-02-03",
            "mode": "online",
            "location": "Videovergadering",
            "goal": "Thema's vinden",
            "participants": "Trekker\nWijkteam",
            "theme_run": "",
            "colour_observation": "#FFEE00",
            "colour_theme": "",
            "colour_action": "#f7b39a",
        },
    )
    assert response.status_code == 302
    session.rollback()
    workshop = session.exec(select(Workshop)).one()
    assert (workshop.title, workshop.cycle, workshop.held_on, workshop.mode) == (
        "Eerste duidingssessie",
        "tempo",
        date(2027, 2, 3),
        "online",
    )
    assert workshop.colours == {"observation": "#ffee00", "theme": "#9fd8cb", "action": "#f7b39a"}
    assert [s.kind for s in workshops.steps_of(session, workshop)] == [
        "review",
        "read",
        "themes",
        "actions",
        "dissent",
        "evaluation",
    ]
    assert workshops.story_ids_of(session, workshop) == [story.id]
    page = staff.get(url(coalition, f"/{workshop.id}"))
    assert page.status_code == 200
    assert "Wijkteam" in page.text and workshops.format_code(workshop.code) in page.text
    assert "Eerste duidingssessie" in staff.get(url(coalition)).text


def test_bad_plan_is_shown_again_with_what_was_typed(
    staff: FlaskClient, session: Session, coalition: Coalition
) -> None:
    response = staff.post(
        url(coalition, "/nieuw"),
        data={
            "title": "",
            "cycle": "startup",
            "mode": "on_site",
            "goal": "Mijn lange doel",
            "held_on": "31-31-2027",
            "colour_theme": "rood",
            "theme_run": "",
        },
    )
    assert response.status_code == 400
    assert "Mijn lange doel" in response.text
    assert "Geef de sessie een titel." in response.text
    assert "#rrggbb" in response.text
    assert session.exec(select(Workshop)).all() == []


def test_edit_the_plan(staff: FlaskClient, session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    page = staff.get(url(coalition, f"/{workshop.id}/bewerken"))
    assert page.status_code == 200 and "Eerste sessie" in page.text
    response = staff.post(
        url(coalition, f"/{workshop.id}/bewerken"),
        data={
            "title": "Nieuwe titel",
            "cycle": "action",
            "mode": "on_site",
            "theme_run": "999",
            "colour_observation": "#ffe08a",
            "colour_theme": "#9fd8cb",
            "colour_action": "#f7b39a",
        },
    )
    assert response.status_code == 400  # a run that is not the coalition's
    assert "themaverkenning" in response.text
    response = staff.post(
        url(coalition, f"/{workshop.id}/bewerken"),
        data={
            "title": "Nieuwe titel",
            "cycle": "action",
            "mode": "on_site",
            "theme_run": "",
            "colour_observation": "#ffe08a",
            "colour_theme": "#9fd8cb",
            "colour_action": "#f7b39a",
        },
    )
    assert response.status_code == 302
    session.rollback()
    session.refresh(workshop)
    assert (workshop.title, workshop.cycle) == ("Nieuwe titel", "action")


def test_agenda_can_be_changed_reordered_and_extended(
    staff: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    page = staff.get(url(coalition, f"/{workshop.id}/agenda"))
    assert page.status_code == 200
    data = {
        "step-0-number": "2",
        "step-0-kind": "review",
        "step-0-title": "Terugblik",
        "step-0-minutes": "15",
        "step-1-number": "1",
        "step-1-kind": "read",
        "step-1-title": "Lezen",
        "step-1-minutes": "",
        "step-2-number": "3",
        "step-2-kind": "other",
        "step-2-title": "Weg ermee",
        "step-2-remove": "1",
        "step-3-number": "4",
        "step-3-kind": "other",
        "step-3-title": "Koffie",
        "step-3-notes": "Tien minuten pauze",
        "step-4-number": "5",
        "step-4-kind": "other",
        "step-4-title": "",
    }
    assert staff.post(url(coalition, f"/{workshop.id}/agenda"), data=data).status_code == 302
    session.rollback()
    steps = workshops.steps_of(session, workshop)
    assert [(s.title, s.minutes) for s in steps] == [("Lezen", None), ("Terugblik", 15), ("Koffie", None)]
    bad = {**data, "step-0-minutes": "veel"}
    response = staff.post(url(coalition, f"/{workshop.id}/agenda"), data=bad)
    assert response.status_code == 400
    assert "veel" in response.text and "Tien minuten pauze" in response.text
    # A title that is too long is said, not cut off in silence; what was typed stays.
    long_title = "Terugblik op de acties " * 10
    response = staff.post(url(coalition, f"/{workshop.id}/agenda"), data={**data, "step-0-title": long_title})
    assert response.status_code == 400
    assert "Een titel heeft hooguit 200 tekens" in response.text and long_title.strip() in response.text
    # More steps than an agenda holds: said in Dutch, nothing saved.
    many = {}
    for i in range(workshops.MAX_STEPS + 1):
        many |= {
            f"step-{i}-number": str(i + 1),
            f"step-{i}-kind": "other",
            f"step-{i}-title": f"Stap {i + 1}",
        }
    response = staff.post(url(coalition, f"/{workshop.id}/agenda"), data=many)
    assert response.status_code == 400
    assert f"Een agenda heeft hooguit {workshops.MAX_STEPS} stappen." in response.text
    assert "at most" not in response.text
    session.rollback()
    assert len(workshops.steps_of(session, workshop)) == 3


def test_choose_stories_only_of_the_coalition(
    staff: FlaskClient, session: Session, coalition: Coalition
) -> None:
    mine = make_story(session, coalition)
    theirs = make_story(session, make_coalition(session))
    session.add(StoryMark(story_id=mine.id, coalition_id=coalition.id, marked_on=date(2026, 11, 1)))
    session.commit()
    workshop = make_workshop(session, coalition)
    assert staff.get(url(coalition, f"/{workshop.id}/verhalen")).status_code == 200
    staff.post(url(coalition, f"/{workshop.id}/verhalen"), data={"story": [mine.id, theirs.id]})
    session.rollback()
    assert workshops.story_ids_of(session, workshop) == [mine.id]
    pdf = staff.get(url(coalition, f"/{workshop.id}/leespakket.pdf"))
    assert pdf.data.startswith(b"%PDF")
    staff.post(url(coalition, f"/{workshop.id}/verhalen"), data={})
    empty = staff.get(url(coalition, f"/{workshop.id}/leespakket.pdf"))
    assert empty.status_code == 302  # nothing to print: back to choosing, with a message


def test_review_note_is_kept_with_the_action_and_the_session(
    staff: FlaskClient, session: Session, coalition: Coalition
) -> None:
    earlier = make_workshop(session, coalition, title="Eerder")
    action = actions.create_action(
        session, coalition=coalition, title="Spreekuur op school", workshop=earlier
    )
    session.commit()
    workshop = make_workshop(session, coalition, title="Nu")
    page = staff.get(url(coalition, f"/{workshop.id}"))
    assert "Spreekuur op school" in page.text
    response = staff.post(
        url(coalition, f"/{workshop.id}/bespreking/{action.id}"),
        data={"text": "Loopt goed", "status": "running"},
    )
    assert response.status_code == 302
    session.rollback()
    note = session.exec(select(ActionNote)).one()
    assert (note.text, note.status, note.workshop_id) == ("Loopt goed", "running", workshop.id)
    # Nothing written and the status unchanged: said on the page, nothing stored.
    empty = staff.post(
        url(coalition, f"/{workshop.id}/bespreking/{action.id}"), data={"text": "", "status": "running"}
    )
    assert empty.status_code == 422
    assert "Schrijf op wat er besproken is, of kies een andere stand." in empty.text
    # A long note (line breaks arrive as CRLF) is stored whole, not thrown away.
    long_note = "\r\n".join(["Besproken met de school en de wijkcoach."] * 60)
    assert len(long_note) > 2000
    saved = staff.post(
        url(coalition, f"/{workshop.id}/bespreking/{action.id}"),
        data={"text": long_note, "status": "running"},
    )
    assert saved.status_code == 302
    # Too long even for the service: the page says so and the typed note is still in the form.
    too_long = "Woord " * 2000
    refused = staff.post(
        url(coalition, f"/{workshop.id}/bespreking/{action.id}"), data={"text": too_long, "status": "done"}
    )
    assert refused.status_code == 422
    assert "Maak de notitie korter: hooguit 10.000 tekens." in refused.text
    assert too_long.strip() in refused.text and '<option value="done" selected>' in refused.text
    # Only the status changes: allowed without text.
    status_only = staff.post(
        url(coalition, f"/{workshop.id}/bespreking/{action.id}"), data={"text": "", "status": "done"}
    )
    assert status_only.status_code == 302
    session.rollback()
    notes = session.exec(select(ActionNote).order_by(ActionNote.id)).all()
    assert [(len(n.text), n.status) for n in notes] == [
        (10, "running"),
        (len(long_note.strip()), "running"),
        (0, "done"),
    ]


def test_another_coalitions_workshop_is_not_found(
    staff: FlaskClient, session: Session, coalition: Coalition
) -> None:
    other = make_workshop(session, make_coalition(session), title="Niet van ons")
    for tail in ("", "/bewerken", "/agenda", "/verhalen", "/leespakket.pdf", "/bord", "/bord/bord.json"):
        assert staff.get(url(coalition, f"/{other.id}{tail}")).status_code == 404


def test_a_closed_session_does_not_hand_out_its_evaluation_link(
    staff: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition, title="Afgesloten")
    open_page = staff.get(url(coalition, f"/{workshop.id}")).text
    assert f"/w/{workshop.token}/evaluatie" in open_page
    workshops.close_session(session, workshop)
    session.commit()
    closed_page = staff.get(url(coalition, f"/{workshop.id}")).text
    assert f"/w/{workshop.token}/evaluatie" not in closed_page  # that link answers 410 now
    assert "De sessie is gesloten, dus de evaluatie ook" in closed_page
