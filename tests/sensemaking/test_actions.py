"""The action-tracking service: actions from a workshop board, ordering, progress notes, the review list
of the next workshop, and the record of a coalition's moves between cycles."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from sqlmodel import Session, select

from coalitions import services as coalition_services
from coalitions.models import Coalition, CycleChange
from sensemaking import actions
from sensemaking.actions import ActionError
from sensemaking.models import (
    ActionNote,
    ActionStory,
    Hexagon,
    HexagonLink,
    Theme,
    ThemeMember,
    ThemeRun,
    Workshop,
)
from sensemaking.workshops import create_workshop
from tests.coalitions.staff_helpers import make_user
from tests.factories import make_coalition, make_organisation
from tests.sensemaking._stories import make_story

DAY = date(2027, 3, 3)


@pytest.fixture
def workshop(session: Session, coalition: Coalition) -> Workshop:
    """A workshop of the coalition in the tempo cycle."""
    found = create_workshop(session, coalition=coalition, title="Eerste duidingssessie", cycle="tempo")
    session.commit()
    return found


def hexagon(session: Session, workshop: Workshop, kind: str, text: str, **fields: object) -> Hexagon:
    item = Hexagon(id=str(uuid.uuid4()), workshop_id=workshop.id, kind=kind, text=text, **fields)
    session.add(item)
    session.commit()
    return item


def link(session: Session, source: Hexagon, target: Hexagon) -> None:
    session.add(HexagonLink(source_id=source.id, target_id=target.id))
    session.commit()


def theme_with_stories(
    session: Session, coalition: Coalition, count: int, label: str
) -> tuple[Theme, list[str]]:
    """A sensemaking theme (of a finished run) with ``count`` of the coalition's stories as members."""
    run = ThemeRun(coalition_id=coalition.id, status="done")
    session.add(run)
    session.flush()
    theme = Theme(run_id=run.id, number=1, label=label, proposed_label=label)
    session.add(theme)
    session.commit()
    stories = [make_story(session, coalition, title=f"{label} {i}") for i in range(count)]
    session.add_all(ThemeMember(run_id=run.id, story_id=s.id, theme_id=theme.id) for s in stories)
    session.commit()
    return theme, [s.id for s in stories]


# From the board -----------------------------------------------------------------------------------


def test_an_action_hexagon_becomes_one_action_with_its_themes_and_stories(
    session: Session, coalition: Coalition, workshop: Workshop
) -> None:
    waiting, waiting_stories = theme_with_stories(session, coalition, 3, "Wachten")
    school, school_stories = theme_with_stories(session, coalition, 2, "School")
    other_coalition = make_coalition(session, slug="regio-west")
    # A cross-regional run can hold another coalition's story: it never becomes one of this action's.
    foreign = make_story(session, other_coalition, title="Elders")
    session.add(ThemeMember(run_id=waiting.run_id, story_id=foreign.id, theme_id=waiting.id))
    session.commit()
    theme_a = hexagon(session, workshop, "theme", "Lang wachten op hulp", q=2, r=0, theme_id=waiting.id)
    theme_b = hexagon(session, workshop, "theme", "School  als vindplaats", q=0, r=0, theme_id=school.id)
    unlinked = hexagon(session, workshop, "theme", "Niet gekoppeld", q=5, r=5)
    gone = hexagon(session, workshop, "theme", "Weggehaald", q=1, r=1, deleted=True)
    text = "Wachtlijst-telefoon elke week\nDe gemeente belt wie wacht, elke week, tot er hulp is."
    act = hexagon(session, workshop, "action", text, q=3, r=0)
    for target in (theme_a, theme_b, gone):
        link(session, act, target)
    assert unlinked.id

    action = actions.action_from_hexagon(session, workshop=workshop, hexagon=act, today=DAY)
    session.commit()

    assert action.title == "Wachtlijst-telefoon elke week"
    assert action.description == text
    assert action.themes == ["School als vindplaats", "Lang wachten op hulp"]  # grid order: row, then column
    assert (action.cycle, action.workshop_id, action.hexagon_id) == ("tempo", workshop.id, act.id)
    assert (action.status, action.created_on) == ("planned", DAY)
    stored = set(session.exec(select(ActionStory.story_id).where(ActionStory.action_id == action.id)).all())
    assert stored == set(waiting_stories) | set(school_stories)
    assert actions.story_ids_of(session, action) and foreign.id not in actions.story_ids_of(session, action)

    again = actions.action_from_hexagon(session, workshop=workshop, hexagon=act)
    session.commit()
    assert again.id == action.id
    assert len(session.exec(select(ActionStory).where(ActionStory.action_id == action.id)).all()) == 5


def test_a_long_hexagon_text_is_cut_for_the_title_and_other_hexagons_are_refused(
    session: Session, coalition: Coalition, workshop: Workshop
) -> None:
    act = hexagon(session, workshop, "action", "\n  " + "x" * 250 + "\nmeer")
    action = actions.action_from_hexagon(session, workshop=workshop, hexagon=act)
    assert action.title == "x" * 200 and action.themes == [] and action.description.endswith("meer")
    observation = hexagon(session, workshop, "observation", "Iets gezien")
    with pytest.raises(ActionError, match="^hexagon:"):
        actions.action_from_hexagon(session, workshop=workshop, hexagon=observation)
    other = create_workshop(session, coalition=coalition, title="Tweede sessie")
    with pytest.raises(ActionError, match="^hexagon:"):
        actions.action_from_hexagon(session, workshop=other, hexagon=act)
    empty = hexagon(session, workshop, "action", "   ")
    with pytest.raises(ActionError, match="^title:"):
        actions.action_from_hexagon(session, workshop=workshop, hexagon=empty)


# Making, checking and listing ---------------------------------------------------------------------


def test_create_action_takes_the_cycle_of_the_workshop_else_of_the_coalition(
    session: Session, coalition: Coalition, workshop: Workshop
) -> None:
    organisation = make_organisation(session, coalition)
    by_hand = actions.create_action(
        session,
        coalition=coalition,
        title="  Spreekuur   op school ",
        owner="Sanne",
        organisation_id=organisation.id,
    )
    in_session = actions.create_action(session, coalition=coalition, title="Uit de sessie", workshop=workshop)
    chosen = actions.create_action(session, coalition=coalition, title="Later", cycle="action", term="long")
    assert (by_hand.title, by_hand.cycle, by_hand.organisation_id) == (
        "Spreekuur op school",
        "startup",
        organisation.id,
    )
    assert (in_session.cycle, in_session.workshop_id) == ("tempo", workshop.id)
    assert (chosen.cycle, chosen.term) == ("action", "long")


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"status": "busy"}, "status"),
        ({"term": "medium"}, "term"),
        ({"cycle": "later"}, "cycle"),
        ({"owner": "x" * 201}, "owner"),
        ({"colour": "red"}, "colour"),
        ({"due_on": "morgen"}, "due_on"),
    ],
)
def test_create_action_refuses_what_does_not_fit(
    session: Session, coalition: Coalition, fields: dict[str, object], field: str
) -> None:
    values: dict[str, object] = {"title": "Een actie", **fields}
    with pytest.raises(ActionError, match=f"^{field}:"):
        actions.create_action(session, coalition=coalition, **values)  # type: ignore[arg-type]


def test_an_organisation_or_workshop_of_another_coalition_is_refused(
    session: Session, coalition: Coalition
) -> None:
    elsewhere = make_coalition(session, slug="regio-west")
    theirs = make_organisation(session, elsewhere)
    with pytest.raises(ActionError, match="^organisation_id:"):
        actions.create_action(session, coalition=coalition, title="Actie", organisation_id=theirs.id)
    their_workshop = create_workshop(session, coalition=elsewhere, title="Hun sessie")
    with pytest.raises(ActionError, match="^workshop:"):
        actions.create_action(session, coalition=coalition, title="Actie", workshop=their_workshop)
    action = actions.create_action(session, coalition=coalition, title="Actie")
    with pytest.raises(ActionError, match="^organisation_id:"):
        actions.update_action(session, action, {"organisation_id": theirs.id})


def test_update_action_changes_the_fields_it_is_given(session: Session, coalition: Coalition) -> None:
    action = actions.create_action(session, coalition=coalition, title="Oud")
    actions.update_action(
        session, action, {"title": "Nieuw", "themes": ["Wachten", " Wachten ", "", "School"], "due_on": DAY}
    )
    assert (action.title, action.themes, action.due_on) == ("Nieuw", ["Wachten", "School"], DAY)
    with pytest.raises(ActionError, match="^id:"):
        actions.update_action(session, action, {"id": 99})


def test_actions_are_listed_open_first_then_by_due_date_then_title(
    session: Session, coalition: Coalition
) -> None:
    def make(title: str, status: str = "planned", due_on: date | None = None, **fields: object) -> None:
        actions.create_action(
            session, coalition=coalition, title=title, status=status, due_on=due_on, **fields
        )

    make("Zwemles", due_on=date(2027, 5, 1))
    make("beter bellen", status="running")
    make("Afgerond", status="done", due_on=date(2027, 1, 1))
    make("Aanmelden", status="running", due_on=date(2027, 5, 1))
    make("Gestopt", status="stopped")
    make("Eerder", due_on=date(2027, 4, 1), term="long", cycle="tempo")
    session.commit()
    titles = [a.title for a in actions.list_actions(session, coalition=coalition)]
    assert titles == ["Eerder", "Aanmelden", "Zwemles", "beter bellen", "Afgerond", "Gestopt"]
    assert [a.title for a in actions.list_actions(session, coalition=coalition, status="done")] == [
        "Afgerond"
    ]
    assert [a.title for a in actions.list_actions(session, coalition=coalition, term="long")] == ["Eerder"]
    assert [a.title for a in actions.list_actions(session, coalition=coalition, cycle="tempo")] == ["Eerder"]
    with pytest.raises(ActionError, match="^status:"):
        actions.list_actions(session, coalition=coalition, status="busy")
    other = make_coalition(session, slug="regio-west")
    assert actions.list_actions(session, coalition=other) == []
    counts = actions.cycle_counts(session, coalition=coalition)
    assert counts["startup"] == {"planned": 1, "running": 2, "done": 1, "stopped": 1, "total": 5}
    assert counts["tempo"]["total"] == 1 and counts["action"]["total"] == 0


def test_get_action_gives_none_for_another_coalitions_action(session: Session, coalition: Coalition) -> None:
    action = actions.create_action(session, coalition=coalition, title="Van ons")
    session.commit()
    other = make_coalition(session, slug="regio-west")
    assert actions.get_action(session, coalition, action.id) is action
    assert actions.get_action(session, other, action.id) is None
    assert actions.get_action(session, coalition, 999) is None


# Progress notes and the review -----------------------------------------------------------------


def test_add_note_records_the_day_cycle_workshop_and_updates_the_status(
    session: Session, coalition: Coalition, workshop: Workshop
) -> None:
    user = make_user(session, coalition=coalition)
    action = actions.create_action(session, coalition=coalition, title="Spreekuur")
    first = actions.add_note(
        session, action=action, text="Eerste gesprek gevoerd.", status="running", user=user, today=DAY
    )
    coalition_services.update_coalition(session, coalition, current_cycle="tempo")
    second = actions.add_note(
        session,
        action=action,
        text="Besproken in de sessie.",
        status="running",
        workshop=workshop,
        today=date(2027, 4, 1),
    )
    session.commit()
    assert action.status == "running"
    assert (first.written_on, first.cycle, first.workshop_id, first.author_id) == (
        DAY,
        "startup",
        None,
        user.id,
    )
    assert (second.cycle, second.workshop_id, second.author_id) == ("tempo", workshop.id, None)
    assert [n.id for n in actions.notes_of(session, action)] == [second.id, first.id]
    assert actions.last_note_days(session, [action]) == {action.id: date(2027, 4, 1)}

    # A status change needs no words; a note without either is refused.
    done = actions.add_note(session, action=action, text="", status="done")
    assert done.text == "" and action.status == "done"
    with pytest.raises(ActionError, match="^text:"):
        actions.add_note(session, action=action, text="  ", status="done")
    with pytest.raises(ActionError, match="^status:"):
        actions.add_note(session, action=action, text="Hm", status="half")


def test_the_next_workshop_reviews_the_open_actions_with_their_notes(
    session: Session, coalition: Coalition
) -> None:
    running = actions.create_action(session, coalition=coalition, title="Loopt", status="running")
    planned = actions.create_action(session, coalition=coalition, title="Gepland", due_on=DAY)
    finished = actions.create_action(session, coalition=coalition, title="Klaar")
    actions.add_note(session, action=finished, text="Gelukt", status="done")
    old = actions.add_note(session, action=running, text="Gestart", status="running", today=date(2027, 1, 1))
    new = actions.add_note(
        session, action=running, text="Halverwege", status="running", today=date(2027, 2, 1)
    )
    session.commit()
    review = actions.open_actions_for_review(session, coalition=coalition)
    assert [(a.title, [n.id for n in notes]) for a, notes in review] == [
        (planned.title, []),
        (running.title, [new.id, old.id]),
    ]
    assert session.exec(select(ActionNote).where(ActionNote.action_id == finished.id)).one().status == "done"


# Cycles --------------------------------------------------------------------------------------------


def test_update_coalition_records_a_change_of_cycle(session: Session, coalition: Coalition) -> None:
    user = make_user(session, coalition=coalition)
    coalition_services.update_coalition(
        session, coalition, user=user, today=DAY, current_cycle="tempo", name="Oost"
    )
    coalition_services.update_coalition(session, coalition, name="Regio Oost", current_cycle="tempo")
    session.commit()
    history = actions.cycle_history(session, coalition=coalition)
    assert [(c.from_cycle, c.to_cycle, c.changed_on, c.user_id) for c in history] == [
        ("startup", "tempo", DAY, user.id)
    ]


def test_a_refused_coalition_change_records_nothing(session: Session, coalition: Coalition) -> None:
    with pytest.raises(coalition_services.CoalitionError):
        coalition_services.update_coalition(
            session, coalition, current_cycle="tempo", opens_on=date(2027, 5, 1), closes_on=date(2027, 1, 1)
        )
    session.rollback()
    assert session.exec(select(CycleChange)).all() == []


def test_move_to_next_cycle_walks_the_three_cycles_and_stops_at_the_last(
    session: Session, coalition: Coalition
) -> None:
    user = make_user(session, coalition=coalition)
    assert actions.next_cycle(coalition) == "tempo"
    actions.move_to_next_cycle(session, coalition=coalition, user=user, today=DAY)
    actions.move_to_next_cycle(session, coalition=coalition, today=date(2027, 6, 1))
    session.commit()
    assert coalition.current_cycle == "action" and actions.next_cycle(coalition) is None
    with pytest.raises(ActionError, match="^cycle:"):
        actions.move_to_next_cycle(session, coalition=coalition)
    history = actions.cycle_history(session, coalition=coalition)
    assert [(c.from_cycle, c.to_cycle, c.changed_on) for c in history] == [
        ("startup", "tempo", DAY),
        ("tempo", "action", date(2027, 6, 1)),
    ]
    assert history[0].user_id == user.id and history[1].user_id is None
    # A new action now takes the coalition's new cycle.
    assert actions.create_action(session, coalition=coalition, title="Nieuw").cycle == "action"
