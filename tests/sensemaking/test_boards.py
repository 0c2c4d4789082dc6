"""The board service: operations, concurrency, locking, seeding, and the JSON round trip."""

from __future__ import annotations

import json
import threading
import uuid

import pytest
from flask import Flask
from sqlmodel import Session, select

from coalitions.models import Coalition
from sensemaking import boards, workshops
from sensemaking.boards import BoardClosed, BoardError, BoardLocked
from sensemaking.models import Hexagon, HexagonLink
from tests.sensemaking._workshops import add, apply, make_workshop, run_with_themes
from vertelpunt import db


def hexagons(session: Session, workshop) -> list[dict]:
    session.rollback()
    return boards.board_state(session, workshop)["hexagons"]


def test_an_added_hexagon_is_on_the_board_once_even_when_sent_twice(
    session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    op = add("observation", "Wachten duurt lang", 2, 1)
    apply(session, workshop, op)
    apply(session, workshop, op)  # the answer got lost; the browser sends it again
    state = hexagons(session, workshop)
    assert [(h["text"], h["q"], h["r"]) for h in state] == [("Wachten duurt lang", 2, 1)]


def test_no_two_hexagons_share_a_cell(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    first, second = add(text="een"), add(text="twee")
    apply(session, workshop, first, second)
    third = add(text="drie", q=5, r=5)
    apply(session, workshop, third, {"op": "move", "id": third["id"], "q": 0, "r": 0})
    cells = [(h["q"], h["r"]) for h in hexagons(session, workshop)]
    assert len(cells) == len(set(cells)) == 3
    assert (0, 0) in cells and (5, 5) not in cells  # the moved one sits next to the others


def test_board_is_read_in_grid_order_not_arrival_order(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    apply(
        session,
        workshop,
        add(text="laatste rij", q=0, r=3),
        add(text="eerste rij", q=4, r=-2),
        add(text="midden", q=1, r=0),
    )
    assert [h["text"] for h in hexagons(session, workshop)] == ["eerste rij", "midden", "laatste rij"]


def test_a_text_edit_that_lost_a_race_is_kept_as_a_copy(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    op = add(text="origineel")
    apply(session, workshop, op)
    apply(
        session,
        workshop,
        {
            "op": "text",
            "id": op["id"],
            "text": "versie van Anna",
            "base": "origineel",
            "opid": str(uuid.uuid4()),
        },
    )
    late = {
        "op": "text",
        "id": op["id"],
        "text": "versie van Bo",
        "base": "origineel",
        "opid": str(uuid.uuid4()),
    }
    outcome = apply(session, workshop, late)
    apply(session, workshop, late)  # retried: still one copy
    texts = sorted(h["text"] for h in hexagons(session, workshop))
    assert texts == ["versie van Anna", "versie van Bo"]
    assert len(outcome.conflicts) == 1


def test_an_edit_brings_back_a_hexagon_deleted_at_the_same_time(
    session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    op = add(text="eerst")
    apply(session, workshop, op)
    apply(session, workshop, {"op": "delete", "id": op["id"]})
    apply(session, workshop, {"op": "text", "id": op["id"], "text": "toch bewaren", "base": "eerst"})
    assert [h["text"] for h in hexagons(session, workshop)] == ["toch bewaren"]


def test_links_observation_one_theme_action_several(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    t1, t2 = add("theme", "Wachten", 0, 0), add("theme", "School", 4, 0)
    obs, act = (
        add("observation", "Lang wachten", 1, 0, link=t1["id"]),
        add("action", "Wachtlijst-buddy", 2, 2),
    )
    apply(session, workshop, t1, t2, obs, act)
    apply(session, workshop, {"op": "link", "id": obs["id"], "target": t2["id"]})
    apply(
        session,
        workshop,
        {"op": "link", "id": act["id"], "target": t1["id"]},
        {"op": "link", "id": act["id"], "target": t2["id"]},
    )
    links = {h["id"]: h["links"] for h in hexagons(session, workshop)}
    assert links[obs["id"]] == [t2["id"]]
    assert sorted(links[act["id"]]) == sorted([t1["id"], t2["id"]])
    with pytest.raises(BoardError):
        boards.apply_ops(
            session, workshop=workshop, ops=[{"op": "link", "id": t1["id"], "target": obs["id"]}]
        )
    session.rollback()


@pytest.mark.parametrize(
    "op",
    [
        {"op": "add", "id": "niet-een-id", "kind": "observation", "text": "x", "q": 0, "r": 0},
        {"op": "add", "id": str(uuid.uuid4()), "kind": "sticker", "text": "x", "q": 0, "r": 0},
        {"op": "add", "id": str(uuid.uuid4()), "kind": "theme", "text": "x" * 281, "q": 0, "r": 0},
        {"op": "add", "id": str(uuid.uuid4()), "kind": "theme", "text": "x", "q": 10_000, "r": 0},
        {"op": "add", "id": str(uuid.uuid4()), "kind": "theme", "text": "x", "q": "1", "r": 0},
        {"op": "drop-table"},
        "add",
    ],
)
def test_bad_operations_are_refused_and_change_nothing(
    session: Session, coalition: Coalition, op: object
) -> None:
    workshop = make_workshop(session, coalition)
    with pytest.raises(BoardError):
        boards.apply_ops(session, workshop=workshop, ops=[add(text="goed"), op])  # type: ignore[list-item]
    session.rollback()
    assert hexagons(session, workshop) == []


def test_control_characters_are_removed_and_markup_is_kept_as_text(
    session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    apply(session, workshop, add(text="<script>alert(1)</script>\x00\x07 klaar"))
    assert hexagons(session, workshop)[0]["text"] == "<script>alert(1)</script> klaar"


def test_locked_board_refuses_participants_not_facilitators(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    workshops.set_locked(session, workshop, True)
    session.commit()
    with pytest.raises(BoardLocked):
        boards.apply_ops(session, workshop=workshop, ops=[add()])
    session.rollback()
    apply(session, workshop, add(text="begeleider"), staff=True)
    assert [h["text"] for h in hexagons(session, workshop)] == ["begeleider"]


def test_closed_board_refuses_everyone(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    workshops.close_session(session, workshop)
    session.commit()
    for staff in (False, True):
        with pytest.raises(BoardClosed):
            boards.apply_ops(session, workshop=workshop, ops=[add()], staff=staff)
        session.rollback()
    assert workshops.workshop_for_code(session, workshop.code) is None


def test_version_rises_with_every_batch(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    before = workshop.version
    apply(session, workshop, add())
    apply(session, workshop, add())
    assert workshop.version == before + 2


def test_concurrent_participants_lose_no_hexagon(app: Flask, session: Session, coalition: Coalition) -> None:
    """Six browsers each add ten hexagons at the same spot at once: all 60 arrive, on 60 different cells."""
    workshop = make_workshop(session, coalition)
    engine = app.extensions["engine"]
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def participant(number: int) -> None:
        try:
            start.wait()
            for item in range(10):
                with db.new_session(engine, writes=True) as own:
                    board = own.get(type(workshop), workshop.id)
                    boards.apply_ops(own, workshop=board, ops=[add(text=f"{number}-{item}", q=0, r=0)])
                    own.commit()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=participant, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    state = hexagons(session, workshop)
    assert len(state) == 60
    assert len({(h["q"], h["r"]) for h in state}) == 60
    assert sorted(h["text"] for h in state) == sorted(f"{n}-{i}" for n in range(6) for i in range(10))


def test_seeding_puts_each_theme_with_its_observations_around_it(
    session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    run = run_with_themes(session, coalition)
    assert boards.seed_from_run(session, workshop=workshop, run_id=run.id) == 5
    session.commit()
    assert boards.seed_from_run(session, workshop=workshop, run_id=run.id) == 0  # already there
    session.commit()
    state = hexagons(session, workshop)
    themes = {h["text"]: h for h in state if h["kind"] == "theme"}
    assert set(themes) == {"Wachten", "School"}
    wachten = themes["Wachten"]
    grouped = [h for h in state if h["links"] == [wachten["id"]]]
    assert sorted(h["text"] for h in grouped) == ["12 verhalen (20%).", "Vaak genoemd: ‘lang wachten’."]
    for observation in grouped:  # touching their theme
        dq, dr = observation["q"] - wachten["q"], observation["r"] - wachten["r"]
        assert (abs(dq) + abs(dr) + abs(dq + dr)) // 2 == 1


def test_json_export_rebuilds_an_identical_board(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    theme = add("theme", 'Wachten & "zorg" <b>', 0, 0)
    apply(
        session,
        workshop,
        theme,
        add("observation", "Lang wachten\nop hulp", 1, 0, link=theme["id"]),
        add("action", "Buddy tijdens het wachten", -2, 3, link=theme["id"]),
        add("observation", "Los", 6, -3),
    )
    workshops.update_workshop(
        session, workshop, {"colours": {"observation": "#ffffff", "theme": "#000000", "action": "#123abc"}}
    )
    session.commit()
    exported = boards.export_json(session, workshop)
    copy = make_workshop(session, coalition, title="Kopie")
    boards.import_board(session, workshop=copy, data=boards.parse_export(exported))
    session.commit()
    assert boards.export_json(session, copy) == exported
    data = json.loads(exported)
    assert [h["key"] for h in data["hexagons"]] == ["h1", "h2", "h3", "h4"]
    assert data["hexagons"][0]["kind"] == "theme"


@pytest.mark.parametrize(
    "raw",
    [
        b"niet json",
        b"[]",
        json.dumps({"format": "iets anders", "version": 1, "hexagons": []}).encode(),
        json.dumps({"format": "vertelpunt-board", "version": 2, "hexagons": []}).encode(),
        json.dumps(
            {
                "format": "vertelpunt-board",
                "version": 1,
                "hexagons": [
                    {"key": "a", "kind": "theme", "text": "x", "q": 0, "r": 0, "links": []},
                    {"key": "b", "kind": "theme", "text": "y", "q": 0, "r": 0, "links": []},
                ],
            }
        ).encode(),
        json.dumps(
            {
                "format": "vertelpunt-board",
                "version": 1,
                "hexagons": [
                    {"key": "a", "kind": "observation", "text": "x", "q": 0, "r": 0, "links": ["b"]},
                    {"key": "b", "kind": "action", "text": "y", "q": 1, "r": 0, "links": []},
                ],
            }
        ).encode(),
        b"{" + b" " * boards.MAX_IMPORT_BYTES + b"}",
    ],
)
def test_a_bad_import_file_is_refused(raw: bytes) -> None:
    with pytest.raises(BoardError):
        boards.parse_export(raw)


def test_import_only_on_an_empty_board(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    apply(session, workshop, add(text="al iets"))
    data = boards.parse_export(boards.export_json(session, workshop))
    with pytest.raises(BoardError, match="not empty"):
        boards.import_board(session, workshop=workshop, data=data)
    session.rollback()


def test_csv_rows_name_the_theme(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    theme = add("theme", "Wachten", 0, 0)
    apply(session, workshop, theme, add("observation", "=1+1", 1, 0, link=theme["id"]))
    assert list(boards.csv_rows(session, workshop)) == [
        ["theme", "Wachten", "0", "0", ""],
        ["observation", "=1+1", "1", "0", "Wachten"],
    ]


def test_deleting_a_theme_removes_its_links_from_the_state(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    theme = add("theme", "Wachten", 0, 0)
    observation = add("observation", "x", 1, 0, link=theme["id"])
    apply(session, workshop, theme, observation)
    apply(session, workshop, {"op": "delete", "id": theme["id"]})
    assert [h["links"] for h in hexagons(session, workshop)] == [[]]
    assert session.exec(select(HexagonLink)).all()  # the link row stays, harmless, until the board goes
    assert session.get(Hexagon, theme["id"]).deleted


def test_an_unlink_naming_another_boards_hexagons_does_nothing(
    session: Session, coalition: Coalition
) -> None:
    ours, theirs = make_workshop(session, coalition), make_workshop(session, coalition)
    theme, obs = add("theme", "Wachten", 0, 0), add("observation", "Lang wachten", 1, 0)
    apply(session, theirs, theme, {**obs, "link": theme["id"]})
    apply(session, ours, {"op": "unlink", "id": obs["id"], "target": theme["id"]})
    assert session.get(HexagonLink, (obs["id"], theme["id"])) is not None  # the other board keeps its link


def test_a_lock_after_a_batch_never_reuses_the_batchs_version(session: Session, app: Flask) -> None:
    """The facilitator's page loaded the workshop before a participant's batch landed: the lock must
    still get a version of its own, or browsers holding the batch's ETag never hear of the lock."""
    from tests.factories import make_coalition

    workshop = make_workshop(session, make_coalition(session))
    other = db.new_session(app.extensions["engine"])
    try:
        seen_by_facilitator = other.get(type(workshop), workshop.id)
        assert seen_by_facilitator is not None
        before = seen_by_facilitator.version
        other.commit()  # the page has rendered; the object keeps what it read (expire_on_commit off)
        batch = apply(session, workshop, add(text="Net op tijd"))  # lands in between
        workshops.set_locked(other, seen_by_facilitator, True)
        other.commit()
        session.rollback()
        session.refresh(workshop)  # what is stored now
        assert workshop.locked
        assert batch.version == before + 1 and workshop.version == before + 2
    finally:
        other.close()


def test_a_batch_checks_the_lock_again_once_it_holds_the_board(session: Session, app: Flask) -> None:
    from tests.factories import make_coalition

    workshop = make_workshop(session, make_coalition(session))
    stale = db.new_session(app.extensions["engine"])
    try:
        participant_view = stale.get(type(workshop), workshop.id)
        assert participant_view is not None and not participant_view.locked
        stale.commit()  # the request read the workshop; the object keeps what it read
        workshops.set_locked(session, workshop, True)  # locked after the participant's request read it
        session.commit()
        with pytest.raises(BoardLocked):
            boards.apply_ops(stale, workshop=participant_view, ops=[add(text="Te laat")])
        stale.rollback()
    finally:
        stale.close()
    assert hexagons(session, workshop) == []
