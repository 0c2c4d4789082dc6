"""The live hexagon board of a workshop: its state, the changes browsers send, seeding, import and export.

Browsers send small operations (add, move, text, delete, link, unlink) in batches and poll the board's
state by version. Every operation is safe to send twice: a hexagon's id is made by the browser that adds
it, moves and deletes set a value, and a text edit that lost a race is kept as a copy next to the hexagon
(its id derived from the edit's own id) instead of being dropped. Each batch first raises the workshop's
version with an UPDATE, which takes the board's row lock on PostgreSQL (SQLite writes are serialised by
``BEGIN IMMEDIATE``), so two browsers never place hexagons on the same cell.
"""

from __future__ import annotations

import json
import unicodedata
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from sensemaking.board import geometry
from sensemaking.board.colours import DEFAULT_COLOURS, KINDS
from sensemaking.board.pictures import PictureHex
from sensemaking.models import Action, Hexagon, HexagonLink, Theme, Workshop
from sensemaking.workshops import bump_version, colours_of, is_colour
from vertelpunt.db import saved_id

MAX_TEXT = 280
MAX_HEXAGONS = 400
MAX_OPS = 100
MAX_COORD = 60
MAX_IMPORT_BYTES = 512_000
EXPORT_FORMAT = "vertelpunt-board"
EXPORT_VERSION = 1
# Conflict copies get ids derived from the edit's id, so a retried edit makes the same copy once.
CONFLICT_NAMESPACE = uuid.UUID("6f1c1c52-5a55-4b8e-9d6e-0f3d7d9b2a41")
SEED_SPACING = 5
MAX_SEEDED_OBSERVATIONS = 6


class BoardError(ValueError):
    """A change the board refuses; the message says why."""


class BoardClosed(BoardError):
    """The session is closed: the board can be read by the coalition, not changed."""


class BoardLocked(BoardError):
    """The facilitator locked the board: participants can look, not change."""


@dataclass
class Outcome:
    """What a batch of operations did: the board's new version and any edits kept as copies."""

    version: int
    applied: int = 0
    conflicts: list[str] = field(default_factory=list)


# Reading ----------------------------------------------------------------------------------------------


def live_hexagons(session: Session, workshop: Workshop) -> list[Hexagon]:
    """The board's hexagons in grid order (row, then column): never the order they arrived in."""
    rows = session.exec(
        select(Hexagon).where(Hexagon.workshop_id == workshop.id, col(Hexagon.deleted).is_(False))
    ).all()
    return sorted(rows, key=lambda h: (h.r, h.q, h.kind, h.text))


def links_of(session: Session, hexagons: Sequence[Hexagon]) -> dict[str, list[str]]:
    """For each hexagon id, the live theme hexagons it is linked to (sorted)."""
    ids = {h.id for h in hexagons}
    if not ids:
        return {}
    rows = session.exec(select(HexagonLink).where(col(HexagonLink.source_id).in_(ids))).all()
    links: dict[str, list[str]] = {}
    for row in rows:
        if row.target_id in ids:
            links.setdefault(row.source_id, []).append(row.target_id)
    return {source: sorted(targets) for source, targets in links.items()}


def board_state(session: Session, workshop: Workshop) -> dict[str, Any]:
    """The whole board as browsers receive it."""
    hexagons = live_hexagons(session, workshop)
    links = links_of(session, hexagons)
    return {
        "version": workshop.version,
        "locked": workshop.locked,
        "closed": workshop.is_closed,
        "colours": colours_of(workshop),
        "hexagons": [
            {"id": h.id, "kind": h.kind, "text": h.text, "q": h.q, "r": h.r, "links": links.get(h.id, [])}
            for h in hexagons
        ],
    }


def tracked_hexagons(session: Session, *, workshop: Workshop) -> dict[str, int]:
    """Action hexagons of the board that became tracked actions: hexagon id → action id."""
    rows = session.exec(
        select(Action.hexagon_id, Action.id).where(
            Action.workshop_id == workshop.id, col(Action.hexagon_id).is_not(None)
        )
    ).all()
    return {str(hexagon_id): int(action_id) for hexagon_id, action_id in rows if action_id is not None}


# Changing -----------------------------------------------------------------------------------------------


def clean_text(raw: object) -> str:
    """A hexagon's text: a string without control characters (newlines kept), trimmed, at most MAX_TEXT."""
    if not isinstance(raw, str):
        raise BoardError("text: not a string")
    text = "".join(c for c in raw if c in "\n\t" or unicodedata.category(c)[0] != "C").strip()
    text = text.replace("\t", " ")
    if len(text) > MAX_TEXT:
        raise BoardError(f"text: at most {MAX_TEXT} characters")
    return text


def _uuid(raw: object) -> str:
    try:
        return str(uuid.UUID(str(raw)))
    except ValueError as error:
        raise BoardError("id: not a valid id") from error


def _coord(raw: object, name: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or abs(raw) > MAX_COORD:
        raise BoardError(f"{name}: a whole number from -{MAX_COORD} to {MAX_COORD}")
    return raw


def check_open(workshop: Workshop, *, staff: bool) -> None:
    """Raise when this person may not change the board now."""
    if workshop.is_closed:
        raise BoardClosed("board: the session is closed")
    if workshop.locked and not staff:
        raise BoardLocked("board: locked by the facilitator")


def apply_ops(
    session: Session, *, workshop: Workshop, ops: Sequence[Mapping[str, Any]], staff: bool = False
) -> Outcome:
    """Apply a batch of browser operations in one transaction (the caller commits)."""
    check_open(workshop, staff=staff)
    if len(ops) > MAX_OPS:
        raise BoardError(f"ops: at most {MAX_OPS} at once")
    version = _bump(session, workshop, staff=staff)
    board = _Board(session, workshop, version)
    outcome = Outcome(version=version)
    for op in ops:
        if not isinstance(op, Mapping):
            raise BoardError("op: not an object")
        kind = op.get("op")
        handler = _HANDLERS.get(kind) if isinstance(kind, str) else None
        if handler is None:
            raise BoardError("op: unknown operation")
        conflict = handler(board, op)
        outcome.applied += 1
        if conflict:
            outcome.conflicts.append(conflict)
    return outcome


def _bump(session: Session, workshop: Workshop, *, staff: bool) -> int:
    """Raise the board's version first (workshops.bump_version), then check again, under that lock, that
    this person may still change the board: a close or lock that got in just before is respected."""
    version = bump_version(session, workshop)
    check_open(workshop, staff=staff)
    return version


class _Board:
    """The board's hexagons loaded once per batch, with the occupied cells."""

    def __init__(self, session: Session, workshop: Workshop, version: int) -> None:
        self.session = session
        self.workshop = workshop
        self.version = version
        rows = session.exec(select(Hexagon).where(Hexagon.workshop_id == workshop.id)).all()
        self.by_id = {h.id: h for h in rows}

    def occupied(self, *, besides: str | None = None) -> set[tuple[int, int]]:
        return {(h.q, h.r) for h in self.by_id.values() if not h.deleted and h.id != besides}

    def live(self, hexagon_id: str) -> Hexagon | None:
        hexagon = self.by_id.get(hexagon_id)
        return hexagon if hexagon is not None and not hexagon.deleted else None

    def touch(self, hexagon: Hexagon) -> None:
        hexagon.version = self.version
        self.session.add(hexagon)

    def add(
        self, hexagon_id: str, kind: str, text: str, q: int, r: int, theme_id: int | None = None
    ) -> Hexagon:
        if sum(1 for h in self.by_id.values() if not h.deleted) >= MAX_HEXAGONS:
            raise BoardError(f"board: at most {MAX_HEXAGONS} hexagons")
        q, r = geometry.nearest_free(self.occupied(), q, r)
        hexagon = Hexagon(
            id=hexagon_id,
            workshop_id=saved_id(self.workshop),
            kind=kind,
            text=text,
            q=q,
            r=r,
            theme_id=theme_id,
            version=self.version,
        )
        self.session.add(hexagon)
        self.by_id[hexagon_id] = hexagon
        return hexagon

    def link(self, source: Hexagon, target: Hexagon) -> None:
        if target.kind != "theme" or source.kind == "theme" or target.deleted:
            raise BoardError("link: only observations and actions link to a theme")
        existing = self.session.exec(select(HexagonLink).where(HexagonLink.source_id == source.id)).all()
        if any(row.target_id == target.id for row in existing):
            return
        if source.kind == "observation":  # an observation belongs to one theme at a time
            for row in existing:
                self.session.delete(row)
        self.session.add(HexagonLink(source_id=source.id, target_id=target.id))
        self.touch(source)


def _op_add(board: _Board, op: Mapping[str, Any]) -> str | None:
    hexagon_id = _uuid(op.get("id"))
    if hexagon_id in board.by_id:
        return None  # sent again after a lost answer: already on the board
    kind = op.get("kind")
    if kind not in KINDS:
        raise BoardError("kind: observation, theme or action")
    hexagon = board.add(
        hexagon_id,
        str(kind),
        clean_text(op.get("text", "")),
        _coord(op.get("q", 0), "q"),
        _coord(op.get("r", 0), "r"),
    )
    target = op.get("link")
    if target:
        theme = board.live(_uuid(target))
        if theme is not None:
            board.link(hexagon, theme)
    return None


def _op_move(board: _Board, op: Mapping[str, Any]) -> str | None:
    hexagon = board.live(_uuid(op.get("id")))
    if hexagon is None:
        return None  # deleted meanwhile: nothing to move
    q, r = _coord(op.get("q"), "q"), _coord(op.get("r"), "r")
    hexagon.q, hexagon.r = geometry.nearest_free(board.occupied(besides=hexagon.id), q, r)
    board.touch(hexagon)
    return None


def _op_text(board: _Board, op: Mapping[str, Any]) -> str | None:
    hexagon = board.by_id.get(_uuid(op.get("id")))
    if hexagon is None:
        raise BoardError("id: no such hexagon")
    text = clean_text(op.get("text"))
    base = op.get("base")
    if hexagon.deleted:  # edited while someone deleted it: the edit brings it back
        hexagon.deleted = False
        hexagon.q, hexagon.r = geometry.nearest_free(board.occupied(besides=hexagon.id), hexagon.q, hexagon.r)
        hexagon.text = text
        board.touch(hexagon)
        return None
    if text == hexagon.text:
        return None
    if base is not None and base != hexagon.text:
        # Someone else changed this text since the sender read it: keep both, side by side.
        copy_id = str(uuid.uuid5(CONFLICT_NAMESPACE, _uuid(op.get("opid") or uuid.uuid4())))
        if copy_id not in board.by_id:
            copy = board.add(copy_id, hexagon.kind, text, hexagon.q, hexagon.r)
            for target in links_of(board.session, [hexagon]).get(hexagon.id, []):
                theme = board.live(target)
                if theme is not None:
                    board.link(copy, theme)
        return copy_id
    hexagon.text = text
    board.touch(hexagon)
    return None


def _op_delete(board: _Board, op: Mapping[str, Any]) -> str | None:
    hexagon = board.live(_uuid(op.get("id")))
    if hexagon is not None:
        hexagon.deleted = True
        board.touch(hexagon)
    return None


def _op_link(board: _Board, op: Mapping[str, Any]) -> str | None:
    source, target = board.live(_uuid(op.get("id"))), board.live(_uuid(op.get("target")))
    if source is not None and target is not None:
        board.link(source, target)
    return None


def _op_unlink(board: _Board, op: Mapping[str, Any]) -> str | None:
    source_id, target_id = _uuid(op.get("id")), _uuid(op.get("target"))
    if source_id not in board.by_id:  # only this board's links: ids of another board do nothing
        return None
    row = board.session.get(HexagonLink, (source_id, target_id))
    if row is not None:
        board.session.delete(row)
        source = board.by_id.get(source_id)
        if source is not None:
            board.touch(source)
    return None


_HANDLERS = {
    "add": _op_add,
    "move": _op_move,
    "text": _op_text,
    "delete": _op_delete,
    "link": _op_link,
    "unlink": _op_unlink,
}


def add_hexagon(
    session: Session,
    *,
    workshop: Workshop,
    kind: str,
    text: str,
    theme_hexagon: str | None = None,
    staff: bool = False,
) -> Hexagon:
    """Add one hexagon near its theme (or the middle of the board): the form used without JavaScript."""
    q, r = 0, 0
    if theme_hexagon:
        theme = session.get(Hexagon, _uuid(theme_hexagon))
        if theme is None or theme.workshop_id != workshop.id or theme.kind != "theme":
            raise BoardError("link: no such theme")
        q, r = theme.q, theme.r
    hexagon_id = str(uuid.uuid4())
    op = {"op": "add", "id": hexagon_id, "kind": kind, "text": text, "q": q, "r": r, "link": theme_hexagon}
    apply_ops(session, workshop=workshop, ops=[op], staff=staff)
    hexagon = session.get(Hexagon, hexagon_id)
    if hexagon is None:  # apply_ops adds it or raises; this guards the contract
        raise BoardError("add: the hexagon was not added")
    return hexagon


# Seeding from a theme run ------------------------------------------------------------------------------


def seed_from_run(session: Session, *, workshop: Workshop, run_id: int) -> int:
    """Put one theme hexagon per theme of the run on the board, its neutral observations around it.

    Themes already seeded (same theme) are skipped, so seeding twice adds nothing. Returns how many
    hexagons were added. The caller commits.
    """
    check_open(workshop, staff=True)
    themes = session.exec(select(Theme).where(Theme.run_id == run_id).order_by(col(Theme.number))).all()
    version = _bump(session, workshop, staff=True)
    board = _Board(session, workshop, version)
    seeded = {h.theme_id for h in board.by_id.values() if h.theme_id is not None and not h.deleted}
    added = 0
    for index, theme in enumerate(themes):
        if theme.id in seeded:
            continue
        q, r = _seed_cell(index)
        hexagon = board.add(str(uuid.uuid4()), "theme", clean_text(theme.label[:MAX_TEXT]), q, r, theme.id)
        added += 1
        lines = [line.strip() for line in theme.observations.splitlines() if line.strip()]
        cells = geometry.around(hexagon.q, hexagon.r, len(lines[:MAX_SEEDED_OBSERVATIONS]), board.occupied())
        for line, (oq, orr) in zip(lines[:MAX_SEEDED_OBSERVATIONS], cells, strict=False):
            observation = board.add(str(uuid.uuid4()), "observation", clean_text(line[:MAX_TEXT]), oq, orr)
            board.link(observation, hexagon)
            added += 1
    return added


def _seed_cell(index: int) -> tuple[int, int]:
    """Where the index-th theme goes: a loose grid of clusters, four per row, with room between them."""
    column, row = index % 4, index // 4
    return column * SEED_SPACING - row * (SEED_SPACING // 2), row * SEED_SPACING


# Export and import --------------------------------------------------------------------------------------

KIND_ORDER = {kind: number for number, kind in enumerate(("theme", "observation", "action"))}


def _export_order(hexagons: Sequence[Hexagon]) -> list[Hexagon]:
    return sorted(hexagons, key=lambda h: (KIND_ORDER[h.kind], h.r, h.q))


def export_data(session: Session, workshop: Workshop) -> dict[str, Any]:
    """The board as data: hexagons with board-local keys (h1, h2 … in kind and grid order) and links."""
    hexagons = _export_order(live_hexagons(session, workshop))
    keys = {h.id: f"h{number}" for number, h in enumerate(hexagons, start=1)}
    links = links_of(session, hexagons)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "colours": colours_of(workshop),
        "hexagons": [
            {
                "key": keys[h.id],
                "kind": h.kind,
                "text": h.text,
                "q": h.q,
                "r": h.r,
                "links": sorted((keys[t] for t in links.get(h.id, [])), key=lambda k: int(k[1:])),
            }
            for h in hexagons
        ],
    }


def export_json(session: Session, workshop: Workshop) -> str:
    """The board's data as JSON text (stable: the same board gives the same bytes)."""
    return json.dumps(export_data(session, workshop), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def csv_rows(session: Session, workshop: Workshop) -> Iterator[list[str]]:
    """One row per hexagon: kind, text, column, row and the theme(s) it is linked to (header not included)."""
    hexagons = _export_order(live_hexagons(session, workshop))
    texts = {h.id: h.text for h in hexagons}
    links = links_of(session, hexagons)
    for h in hexagons:
        yield [h.kind, h.text, str(h.q), str(h.r), " | ".join(texts[t] for t in links.get(h.id, []))]


def picture_hexes(session: Session, workshop: Workshop) -> list[PictureHex]:
    """The board's hexagons for the SVG, PNG and card pictures (with the first theme each belongs to)."""
    hexagons = live_hexagons(session, workshop)
    texts = {h.id: h.text for h in hexagons}
    links = links_of(session, hexagons)
    return [
        PictureHex(
            kind=h.kind, text=h.text, q=h.q, r=h.r, group=next((texts[t] for t in links.get(h.id, [])), "")
        )
        for h in hexagons
    ]


def parse_export(raw: bytes | str) -> dict[str, Any]:
    """Read and check a board's JSON export; raises BoardError naming the first problem."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise BoardError("file: too large")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise BoardError("file: not JSON") from error
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise BoardError("file: not a board export")
    if data.get("version") != EXPORT_VERSION:
        raise BoardError("file: unknown version")
    hexagons = data.get("hexagons")
    if not isinstance(hexagons, list) or len(hexagons) > MAX_HEXAGONS:
        raise BoardError(f"hexagons: a list of at most {MAX_HEXAGONS}")
    keys: set[str] = set()
    cells: set[tuple[int, int]] = set()
    for number, item in enumerate(hexagons, start=1):
        if not isinstance(item, dict):
            raise BoardError(f"hexagons.{number}: not an object")
        key = item.get("key")
        if not isinstance(key, str) or not key or key in keys:
            raise BoardError(f"hexagons.{number}.key: missing or repeated")
        keys.add(key)
        if item.get("kind") not in KINDS:
            raise BoardError(f"hexagons.{number}.kind: observation, theme or action")
        clean_text(item.get("text", ""))
        cell = (_coord(item.get("q"), f"hexagons.{number}.q"), _coord(item.get("r"), f"hexagons.{number}.r"))
        if cell in cells:
            raise BoardError(f"hexagons.{number}: two hexagons on one cell")
        cells.add(cell)
        if not isinstance(item.get("links", []), list):
            raise BoardError(f"hexagons.{number}.links: not a list")
    kinds = {item["key"]: item["kind"] for item in hexagons}
    for number, item in enumerate(hexagons, start=1):
        for target in item.get("links", []):
            if kinds.get(target) != "theme" or item["kind"] == "theme":
                raise BoardError(f"hexagons.{number}.links: only to a theme on this board")
    colours = data.get("colours", DEFAULT_COLOURS)
    if (
        not isinstance(colours, dict)
        or set(colours) != set(KINDS)
        or not all(is_colour(str(v)) for v in colours.values())
    ):
        raise BoardError("colours: one #rrggbb colour per kind")
    return data


def import_board(session: Session, *, workshop: Workshop, data: Mapping[str, Any]) -> int:
    """Rebuild a board from its (checked) export on an empty board; returns how many hexagons it has."""
    check_open(workshop, staff=True)
    if live_hexagons(session, workshop):
        raise BoardError("board: not empty")
    version = _bump(session, workshop, staff=True)
    board = _Board(session, workshop, version)
    ids: dict[str, Hexagon] = {}
    for item in data["hexagons"]:
        ids[item["key"]] = board.add(
            str(uuid.uuid4()), item["kind"], clean_text(item.get("text", "")), item["q"], item["r"]
        )
    session.flush()
    for item in data["hexagons"]:
        for target in item.get("links", []):
            board.link(ids[item["key"]], ids[target])
    workshop.colours = dict(data.get("colours", DEFAULT_COLOURS))
    session.add(workshop)
    return len(ids)
