"""The demo's workshop loop: a finished first workshop (board, ritual dissent, evaluations, tracked actions),
the move to the tempo cycle, published lessons and a planned second workshop.

The demo is seeded once for this module (it takes a few seconds); the tests only read it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask, url_for
from sqlmodel import Session, SQLModel, col, func, select

from coalitions import services as coalition_services
from coalitions.models import Coalition, CycleChange, Organisation, TrajectoryStep
from sensemaking import actions, boards, dissent, evaluations, feedback, workshops
from sensemaking.models import (
    Action,
    ActionNote,
    Hexagon,
    HexagonLink,
    Lesson,
    Proposal,
    SessionEvaluation,
    StoryMark,
    Theme,
    Workshop,
)
from tests.conftest import PG_URL, make_app
from vertelpunt import db, demo
from vertelpunt import demo_workshops as demo_ws
from vertelpunt.models import import_all_models

TODAY = date(2026, 3, 2)
MODELS = (Workshop, Hexagon, HexagonLink, Proposal, Action, ActionNote, Lesson, CycleChange, StoryMark)


@pytest.fixture(scope="module")
def demo_app(database_template: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app (CSRF off) on a database with the demo seeded once."""
    if PG_URL:
        import_all_models()
        engine = sa.create_engine(database_template)
        names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        engine.dispose()
        url = database_template
    else:
        path = Path(tmp_path_factory.mktemp("demo")) / "demo.sqlite"
        shutil.copyfile(database_template, path)
        url = f"sqlite:///{path}"
    app = make_app(url, WTF_CSRF_ENABLED=False)
    with app.app_context():
        session = db.get_session()
        demo.seed(session, today=TODAY)
        session.commit()
    yield app
    app.extensions["engine"].dispose()


@pytest.fixture
def reader(demo_app: Flask) -> Iterator[Session]:
    """A read-only session on the seeded database."""
    session = db.new_session(demo_app.extensions["engine"], writes=False)
    yield session
    session.close()


def url(app: Flask, endpoint: str, **values: object) -> str:
    """The path of one of the demo coalition's pages."""
    with app.test_request_context():
        return url_for(endpoint, slug=demo.DEMO_SLUG, **values)


def the_coalition(session: Session) -> Coalition:
    coalition = coalition_services.get_coalition(session, demo.DEMO_SLUG)
    assert coalition is not None
    return coalition


def workshop_titled(session: Session, title: str) -> Workshop:
    return session.exec(select(Workshop).where(Workshop.title == title)).one()


def first_workshop(session: Session) -> Workshop:
    return workshop_titled(session, "Eerste duidingssessie")


def second_workshop(session: Session) -> Workshop:
    return workshop_titled(session, "Tweede duidingssessie")


def test_the_first_workshop_was_held_on_site_and_is_closed(reader: Session) -> None:
    workshop = first_workshop(reader)
    assert workshop.cycle == "startup" and workshop.is_closed
    assert workshop.held_on == TODAY - timedelta(days=35)
    assert workshop.mode == "on_site" and workshop.location == "Buurthuis De Kade, Veenhaven"
    assert workshop.goal
    roles = workshop.participants.splitlines()
    assert len(roles) == 8 and "Pleegouder" in roles and "Jongerenwerker" in roles
    assert [step.kind for step in workshops.steps_of(reader, workshop)][1:] == [
        "read",
        "themes",
        "actions",
        "dissent",
        "evaluation",
    ]


def test_the_first_board_has_the_run_themes_and_what_participants_added(reader: Session) -> None:
    workshop = first_workshop(reader)
    state = boards.board_state(reader, workshop)
    hexagons = state["hexagons"]
    kinds = {h["kind"] for h in hexagons}
    assert len(hexagons) >= 15 and kinds == {"observation", "theme", "action"}
    by_id = {h["id"]: h for h in hexagons}
    themes = [h for h in hexagons if h["kind"] == "theme"]
    run_themes = reader.exec(
        select(Hexagon).where(Hexagon.workshop_id == workshop.id, col(Hexagon.theme_id).is_not(None))
    ).all()
    assert len(run_themes) >= 2 and len(themes) == len(run_themes) + 1
    assert any(h["text"] == demo_ws.EXTRA_THEME for h in themes)
    # Every observation and action is grouped under a theme.
    for hexagon in hexagons:
        if hexagon["kind"] != "theme":
            assert hexagon["links"], hexagon["text"]
            assert all(by_id[target]["kind"] == "theme" for target in hexagon["links"])
    texts = {h["text"] for h in hexagons}
    added = [c.observation for c in demo_ws.CLUSTERS] + list(demo_ws.EXTRA_OBSERVATIONS)
    assert 4 <= len(added) <= 6 and set(added) <= texts
    board_actions = [h for h in hexagons if h["kind"] == "action"]
    assert len(board_actions) == 4
    assert {h["text"].splitlines()[0] for h in board_actions} >= {
        "Wachtlijst-maatje: iemand die belt tijdens het wachten",
        "Eén vast aanspreekpunt per gezin",
        "Spreekuur jeugdhulp op school",
        "Pleegjongeren praten mee over hun plan",
    }


def test_the_demo_chooses_its_own_ids(reader: Session) -> None:
    workshop = first_workshop(reader)
    for cluster in demo_ws.CLUSTERS:
        hexagon = reader.get(Hexagon, demo_ws.demo_id(f"board/action/{cluster.key}"))
        assert hexagon is not None and hexagon.workshop_id == workshop.id
        assert hexagon.text == cluster.action
    assert demo_ws.demo_id("x") == demo_ws.demo_id("x") != demo_ws.demo_id("y")


def test_two_proposals_went_through_two_rounds_each(reader: Session) -> None:
    workshop = first_workshop(reader)
    proposals = dissent.proposals_of(reader, workshop)
    assert len(proposals) == 2
    for proposal in proposals:
        rounds = dissent.rounds_of(reader, proposal)
        assert [r.number for r in rounds] == [1, 2]
        assert all(r.critique and r.suggestions for r in rounds)
        assert proposal.improved and proposal.improved != proposal.text
        hexagon = reader.get(Hexagon, proposal.hexagon_id)
        assert hexagon is not None and hexagon.kind == "action" and hexagon.workshop_id == workshop.id


def test_seven_evaluations_so_the_results_show(reader: Session) -> None:
    workshop = first_workshop(reader)
    results = evaluations.evaluation_results(reader, workshop)
    assert results.answers == 7 and results.shown
    assert results.went_well and results.better


def test_three_actions_are_tracked_with_owners_and_dated_notes(reader: Session) -> None:
    coalition = the_coalition(reader)
    workshop = first_workshop(reader)
    tracked = actions.list_actions(reader, coalition=coalition)
    assert len(tracked) == 3
    assert {a.status for a in tracked} == {"running", "planned", "done"}
    organisations = {
        o.id for o in reader.exec(select(Organisation).where(Organisation.coalition_id == coalition.id))
    }
    for action in tracked:
        assert action.workshop_id == workshop.id and action.cycle == "startup"
        assert action.hexagon_id is not None and action.themes
        assert action.owner and action.organisation_id in organisations
        assert action.term in actions.TERMS and action.due_on is not None
        assert action.obstacles and action.enablers
        notes = actions.notes_of(reader, action)
        assert 1 <= len(notes) <= 3
        assert all(workshop.held_on < note.written_on <= TODAY for note in notes)
        assert notes[0].status == action.status
        assert actions.story_ids_of(reader, action), "an action from a run theme keeps its stories"
    tracked_hexagons = boards.tracked_hexagons(reader, workshop=workshop)
    assert len(tracked_hexagons) == 3  # the fourth action on the board is not followed (yet)


def test_the_coalition_moved_on_to_tempo_between_the_notes(reader: Session) -> None:
    coalition = the_coalition(reader)
    assert coalition.current_cycle == "tempo"
    history = actions.cycle_history(reader, coalition=coalition)
    assert [(c.from_cycle, c.to_cycle) for c in history] == [("startup", "tempo")]
    moved_on = history[0].changed_on
    assert first_workshop(reader).held_on < moved_on < TODAY
    notes = reader.exec(select(ActionNote)).all()
    assert {n.cycle for n in notes} == {"startup", "tempo"}
    assert all((n.cycle == "tempo") == (n.written_on >= moved_on) for n in notes)


def test_the_second_workshop_is_planned_online_in_tempo(reader: Session) -> None:
    workshop = second_workshop(reader)
    assert workshop.cycle == "tempo" and not workshop.is_closed
    assert workshop.held_on == TODAY + timedelta(days=21) and workshop.mode == "online"
    assert boards.live_hexagons(reader, workshop) == []
    steps = workshops.steps_of(reader, workshop)
    assert [s.kind for s in steps] == [s.kind for s in workshops.USUAL_STEPS]
    assert steps[0].title == "Acties van de vorige keer bespreken"  # stored in Dutch, even from the CLI


def test_the_reading_pack_holds_the_first_workshops_stories(reader: Session) -> None:
    coalition = the_coalition(reader)
    marked = reader.exec(select(StoryMark).where(StoryMark.coalition_id == coalition.id)).all()
    assert len(marked) == len(demo_ws.PACK_TITLES) == 6
    assert set(workshops.story_ids_of(reader, first_workshop(reader))) == {m.story_id for m in marked}


def test_the_second_session_page_reviews_the_open_actions(demo_app: Flask, reader: Session) -> None:
    client = demo_app.test_client()
    email, _role, _name, password = demo.DEMO_ACCOUNTS[0]
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    workshop = second_workshop(reader)
    response = client.get(url(demo_app, "sensemaking_workshops.workshop", workshop_id=workshop.id))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    review = page[page.index("review-list") :]
    for action in actions.list_actions(reader, coalition=the_coalition(reader)):
        shown = f"{action.title}</a>" in review
        assert shown == (action.status in actions.OPEN_STATUSES), action.title
    assert "Jeugdconsulent gemeente" in review  # the owner, for the staff


def test_the_public_page_shows_the_published_lessons_and_actions(demo_app: Flask, reader: Session) -> None:
    coalition = the_coalition(reader)
    page = feedback.public_feedback(reader, coalition=coalition)
    assert len(page.lessons) == 3 and len(page.actions) == 2
    html = demo_app.test_client().get(url(demo_app, "feedback.page")).get_data(as_text=True)
    for title, _text in demo_ws.LESSONS:
        assert title in html
    for plan in demo_ws.TRACKED:
        if plan.public_text:
            assert plan.public_text.split(".")[0] in html
        assert plan.owner not in html  # owners are never shown to tellers


def test_seeding_again_changes_nothing(demo_app: Flask, reader: Session) -> None:
    def counts() -> list[int]:
        reader.rollback()
        return [reader.exec(select(func.count()).select_from(model)).one() for model in MODELS] + [
            reader.exec(select(func.count()).select_from(SessionEvaluation)).one()
        ]

    before = counts()
    with demo_app.app_context():
        session = db.get_session()
        demo.seed(session, today=TODAY + timedelta(days=1))
        session.commit()
    assert counts() == before


def test_every_screen_of_the_loop_shows_the_demo(demo_app: Flask, reader: Session) -> None:
    client = demo_app.test_client()
    email, _role, _name, password = demo.DEMO_ACCOUNTS[1]
    assert client.post("/login", data={"email": email, "password": password}).status_code == 302
    first, second = first_workshop(reader), second_workshop(reader)
    pages = [url(demo_app, "sensemaking_workshops.workshops"), url(demo_app, "sensemaking_actions.actions")]
    for workshop in (first, second):
        for endpoint in (
            "sensemaking_workshops.workshop",
            "sensemaking_workshops.agenda",
            "sensemaking_workshops.stories",
            "sensemaking_board.board",
            "sensemaking_dissent.proposals",
            "sensemaking_dissent.evaluation",
        ):
            pages.append(url(demo_app, endpoint, workshop_id=workshop.id))
    for proposal in dissent.proposals_of(reader, first):
        pages.append(
            url(demo_app, "sensemaking_dissent.proposal", workshop_id=first.id, proposal_id=proposal.id)
        )
    for action in actions.list_actions(reader, coalition=the_coalition(reader)):
        pages.append(url(demo_app, "sensemaking_actions.action", action_id=action.id))
    for page in pages:
        assert client.get(page).status_code == 200, page


def _seeded_themes_and_board(
    tmp_path: Path, name: str
) -> tuple[list[tuple[str, int]], list[tuple[str, str, int, int]]]:
    """Seed the demo on a new SQLite file; its run's themes (label, size) and first board, by position."""
    url = f"sqlite:///{tmp_path / name}"
    db.upgrade(url)
    app = make_app(url)
    try:
        with app.app_context():
            session = db.get_session()
            demo.seed(session, today=TODAY)
            session.commit()
            themes = [
                (t.label, t.size) for t in session.exec(select(Theme).order_by(col(Theme.number))).all()
            ]
            board = sorted(
                (h.kind, h.text, h.q, h.r)
                for h in session.exec(
                    select(Hexagon).where(Hexagon.workshop_id == first_workshop(session).id)
                )
            )
            return themes, board
    finally:
        app.extensions["engine"].dispose()


def test_the_demo_is_the_same_every_time(tmp_path: Path) -> None:
    """Fixed story ids: two `make demo` runs show the same themes and the same board."""
    first = _seeded_themes_and_board(tmp_path, "one.sqlite")
    again = _seeded_themes_and_board(tmp_path, "two.sqlite")
    assert first[0] and first[1]
    assert first == again


def test_the_plan_tells_the_demos_own_story(reader: Session) -> None:
    """The first session sits in the plan on its day and in its cycle; what lies before today is ticked off."""
    coalition = the_coalition(reader)
    steps = reader.exec(select(TrajectoryStep).where(TrajectoryStep.coalition_id == coalition.id)).all()
    first = first_workshop(reader)
    (session_step,) = [s for s in steps if s.what == "Eerste duidingssessie"]
    assert (session_step.planned_on, session_step.cycle) == (first.held_on, first.cycle)
    assert all(s.done == (s.planned_on is not None and s.planned_on < TODAY) for s in steps)
    assert any(not s.done for s in steps)  # there is still something to come
