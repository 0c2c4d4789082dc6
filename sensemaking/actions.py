"""Tracked actions: made in a workshop (often from an action hexagon of its board), owned by an
actiehouder, followed with dated progress notes and reviewed at the start of the next workshop.

Also the coalition's moves between the cycles of its trajectory (opstart → tempo → actie): every change
of ``Coalition.current_cycle`` is recorded (``coalitions.services.update_coalition`` writes the record).
Lists are ordered by what they mean (open first, due date, title), never by arrival.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from coalitions import services as coalition_services
from coalitions.models import Coalition, CycleChange, Organisation, User
from coalitions.trajectory import CYCLES
from sensemaking.models import (
    Action,
    ActionNote,
    ActionStory,
    Hexagon,
    HexagonLink,
    ThemeMember,
    Workshop,
)
from vertelpunt.db import saved_id
from vertelpunt.models import Story
from vertelpunt.timeutil import local_today

STATUSES = ("planned", "running", "done", "stopped")
OPEN_STATUSES = ("planned", "running")
TERMS = ("short", "long")
STATUS_LABELS = {
    "planned": _l("Gepland"),
    "running": _l("Loopt"),
    "done": _l("Klaar"),
    "stopped": _l("Gestopt"),
}
TERM_LABELS = {"short": _l("Korte termijn"), "long": _l("Lange termijn")}
# How the cycles read in running text ("opstart → tempo op 3 maart 2027").
CYCLE_LABELS = {"startup": _l("opstart"), "tempo": _l("tempo"), "action": _l("actie")}
MAX_TITLE = 200
MAX_OWNER = 200
MAX_TEXT = 10_000
MAX_THEMES = 20
FIELDS = frozenset(
    {
        "title",
        "description",
        "themes",
        "owner",
        "organisation_id",
        "term",
        "status",
        "due_on",
        "obstacles",
        "enablers",
        "cycle",
        "published",
        "public_text",
    }
)
TEXT_FIELDS = ("description", "obstacles", "enablers", "public_text")


class ActionError(ValueError):
    """An action or note cannot be saved as asked; the message says why (``field: reason``)."""


# Checking what is asked --------------------------------------------------------------------------


def _title(raw: object) -> str:
    title = " ".join(str(raw or "").split())
    if not title:
        raise ActionError("title: required")
    if len(title) > MAX_TITLE:
        raise ActionError(f"title: at most {MAX_TITLE} characters")
    return title


def _clean(session: Session, coalition: Coalition, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields checked and normalised; ``ActionError`` for the first that is not right."""
    unknown = set(fields) - FIELDS
    if unknown:
        raise ActionError(f"{sorted(unknown)[0]}: cannot be set")
    clean: dict[str, Any] = {}
    for key, value in fields.items():
        if key == "title":
            clean[key] = _title(value)
        elif key in TEXT_FIELDS:
            text = str(value or "").strip()
            if len(text) > MAX_TEXT:
                raise ActionError(f"{key}: at most {MAX_TEXT} characters")
            clean[key] = text
        elif key == "owner":
            owner = " ".join(str(value or "").split())
            if len(owner) > MAX_OWNER:
                raise ActionError(f"owner: at most {MAX_OWNER} characters")
            clean[key] = owner
        elif key == "themes":
            clean[key] = _themes(value)
        elif key == "organisation_id":
            clean[key] = _organisation_id(session, coalition, value)
        elif key == "term":
            if value not in TERMS:
                raise ActionError("term: unknown term")
            clean[key] = value
        elif key == "status":
            if value not in STATUSES:
                raise ActionError("status: unknown status")
            clean[key] = value
        elif key == "cycle":
            if value not in CYCLES:
                raise ActionError("cycle: unknown cycle")
            clean[key] = value
        elif key == "due_on":
            if value is not None and not isinstance(value, date):
                raise ActionError("due_on: not a date")
            clean[key] = value
        elif key == "published":
            clean[key] = bool(value)
    return clean


def _themes(value: object) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ActionError("themes: a list of texts")
    themes: list[str] = []
    for item in value:
        text = " ".join(str(item).split())
        if text and text not in themes:
            themes.append(text[:MAX_TITLE])
    if len(themes) > MAX_THEMES:
        raise ActionError(f"themes: at most {MAX_THEMES}")
    return themes


def _organisation_id(session: Session, coalition: Coalition, value: object) -> int | None:
    if value in (None, ""):
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise ActionError("organisation_id: not an organisation")
    organisation = session.get(Organisation, value)
    if organisation is None or organisation.coalition_id != coalition.id:
        raise ActionError("organisation_id: not an organisation of this coalition")
    return value


def _check_workshop(coalition: Coalition, workshop: Workshop | None) -> None:
    if workshop is not None and workshop.coalition_id != coalition.id:
        raise ActionError("workshop: not a workshop of this coalition")


# Making and changing actions ---------------------------------------------------------------------


def create_action(
    session: Session,
    *,
    coalition: Coalition,
    title: str,
    user: User | None = None,
    workshop: Workshop | None = None,
    cycle: str | None = None,
    today: date | None = None,
    **fields: Any,
) -> Action:
    """Add a tracked action; the cycle is the workshop's, else the coalition's current one. The caller commits.

    ``user`` is who asked (the action keeps no author; its notes do). Raises ``ActionError``.
    """
    _check_workshop(coalition, workshop)
    cycle = cycle or (workshop.cycle if workshop is not None else coalition.current_cycle)
    values = _clean(session, coalition, {**fields, "title": title, "cycle": cycle})
    action = Action(
        coalition_id=saved_id(coalition),
        workshop_id=workshop.id if workshop is not None else None,
        created_on=today or local_today(),
        **values,
    )
    session.add(action)
    session.flush()
    return action


def update_action(session: Session, action: Action, changes: Mapping[str, Any]) -> Action:
    """Change an action's fields (title, description, themes, owner, organisation, term, status, ...)."""
    coalition = session.get(Coalition, action.coalition_id)
    if coalition is None:  # pragma: no cover - the foreign key keeps it
        raise ActionError("coalition: gone")
    for key, value in _clean(session, coalition, changes).items():
        setattr(action, key, value)
    session.add(action)
    return action


def action_from_hexagon(
    session: Session, *, workshop: Workshop, hexagon: Hexagon, today: date | None = None
) -> Action:
    """The tracked action made from an action hexagon of ``workshop``'s board; a second call returns it.

    Its themes are the texts of the theme hexagons it is linked to; its stories the members of the
    sensemaking themes those theme hexagons were seeded from (only the coalition's own stories).
    """
    if hexagon.workshop_id != workshop.id or hexagon.kind != "action" or hexagon.deleted:
        raise ActionError("hexagon: not an action of this board")
    existing = _action_of_hexagon(session, hexagon.id)
    if existing is not None:
        return existing
    text = (hexagon.text or "").strip()
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not first_line:
        raise ActionError("title: required")
    themes = _linked_themes(session, hexagon)
    coalition = session.get(Coalition, workshop.coalition_id)
    if coalition is None:  # pragma: no cover - the foreign key keeps it
        raise ActionError("coalition: gone")
    try:
        # A savepoint: two facilitators pressing the button at once make one action, not an error.
        with session.begin_nested():
            action = create_action(
                session,
                coalition=coalition,
                title=" ".join(first_line.split())[:MAX_TITLE],
                workshop=workshop,
                today=today,
                description=text,
                themes=[" ".join(t.text.split()) for t in themes],
            )
            action.hexagon_id = hexagon.id
            session.add(action)
            session.flush()
    except IntegrityError:
        found = _action_of_hexagon(session, hexagon.id)
        if found is None:  # pragma: no cover - the unique hexagon id was the only constraint
            raise
        return found
    for story_id in _stories_of_themes(session, coalition, themes):
        session.add(ActionStory(action_id=saved_id(action), story_id=story_id))
    session.flush()
    return action


def _action_of_hexagon(session: Session, hexagon_id: str) -> Action | None:
    return session.exec(select(Action).where(Action.hexagon_id == hexagon_id)).first()


def _linked_themes(session: Session, hexagon: Hexagon) -> list[Hexagon]:
    """The theme hexagons an action hexagon is linked to, in grid order."""
    query = (
        select(Hexagon)
        .join(HexagonLink, col(HexagonLink.target_id) == col(Hexagon.id))
        .where(
            HexagonLink.source_id == hexagon.id,
            Hexagon.kind == "theme",
            col(Hexagon.deleted).is_(False),
            Hexagon.workshop_id == hexagon.workshop_id,
        )
        .order_by(col(Hexagon.r), col(Hexagon.q))
    )
    seen: set[str] = set()
    themes = []
    for theme in session.exec(query).all():
        if theme.text.strip() and " ".join(theme.text.split()) not in seen:
            seen.add(" ".join(theme.text.split()))
            themes.append(theme)
    return themes


def _stories_of_themes(session: Session, coalition: Coalition, themes: Sequence[Hexagon]) -> list[str]:
    theme_ids = {t.theme_id for t in themes if t.theme_id is not None}
    if not theme_ids:
        return []
    query = (
        select(ThemeMember.story_id)
        .join(Story, col(Story.id) == col(ThemeMember.story_id))
        .where(col(ThemeMember.theme_id).in_(theme_ids), Story.coalition_id == coalition.id)
    )
    return sorted(set(session.exec(query).all()))


# Progress notes ----------------------------------------------------------------------------------


def add_note(
    session: Session,
    *,
    action: Action,
    text: str,
    status: str,
    user: User | None = None,
    workshop: Workshop | None = None,
    today: date | None = None,
) -> ActionNote:
    """Write a progress note (dated, day only) with the status after it; the action takes that status.

    The note keeps the coalition's current cycle and, when written while reviewing in a workshop, that
    workshop. A note may be empty only when it changes the status.
    """
    coalition = session.get(Coalition, action.coalition_id)
    if coalition is None:  # pragma: no cover - the foreign key keeps it
        raise ActionError("coalition: gone")
    _check_workshop(coalition, workshop)
    if status not in STATUSES:
        raise ActionError("status: unknown status")
    text = (text or "").strip()
    if not text and status == action.status:
        raise ActionError("text: required")
    if len(text) > MAX_TEXT:
        raise ActionError(f"text: at most {MAX_TEXT} characters")
    note = ActionNote(
        action_id=saved_id(action),
        written_on=today or local_today(),
        cycle=coalition.current_cycle,
        workshop_id=workshop.id if workshop is not None else None,
        status=status,
        text=text,
        author_id=user.id if user is not None else None,
    )
    action.status = status
    session.add_all([note, action])
    session.flush()
    return note


def notes_of(session: Session, action: Action) -> list[ActionNote]:
    """The action's progress notes, newest first (notes of one day in the order they were written, last first)."""
    query = (
        select(ActionNote)
        .where(ActionNote.action_id == action.id)
        .order_by(col(ActionNote.written_on).desc(), col(ActionNote.id).desc())
    )
    return list(session.exec(query).all())


def last_note_days(session: Session, actions: Sequence[Action]) -> dict[int, date]:
    """The day of each action's newest note (actions without notes are left out)."""
    ids = [a.id for a in actions if a.id is not None]
    if not ids:
        return {}
    query = (
        select(ActionNote.action_id, func.max(ActionNote.written_on))
        .where(col(ActionNote.action_id).in_(ids))
        .group_by(col(ActionNote.action_id))
    )
    return {int(action_id): day for action_id, day in session.exec(query).all()}


def author_names(session: Session, notes: Sequence[ActionNote]) -> dict[int, str]:
    """The name (else e-mail address) of each note's author, by user id."""
    ids = {n.author_id for n in notes if n.author_id is not None}
    if not ids:
        return {}
    users = session.exec(select(User).where(col(User.id).in_(ids))).all()
    return {u.id: u.name or u.email for u in users if u.id is not None}


def workshop_titles(session: Session, coalition: Coalition, ids: Sequence[int | None]) -> dict[int, str]:
    """The titles of the coalition's workshops with these ids."""
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    query = select(Workshop.id, Workshop.title).where(
        col(Workshop.id).in_(wanted), Workshop.coalition_id == coalition.id
    )
    return {int(wid): str(title) for wid, title in session.exec(query).all() if wid is not None}


# Reading actions ---------------------------------------------------------------------------------


def _order(action: Action) -> tuple[bool, bool, date, str, str, date]:
    return (
        action.status not in OPEN_STATUSES,
        action.due_on is None,
        action.due_on or date.max,
        action.title.casefold(),
        action.title,
        action.created_on,
    )


def list_actions(
    session: Session,
    *,
    coalition: Coalition,
    cycle: str | None = None,
    status: str | None = None,
    term: str | None = None,
    organisation_id: int | None = None,
) -> list[Action]:
    """The coalition's actions: open ones (planned, running) first, then by due date (none last), then title."""
    query = select(Action).where(Action.coalition_id == coalition.id)
    if cycle is not None:
        if cycle not in CYCLES:
            raise ActionError("cycle: unknown cycle")
        query = query.where(Action.cycle == cycle)
    if status is not None:
        if status not in STATUSES:
            raise ActionError("status: unknown status")
        query = query.where(Action.status == status)
    if term is not None:
        if term not in TERMS:
            raise ActionError("term: unknown term")
        query = query.where(Action.term == term)
    if organisation_id is not None:
        query = query.where(Action.organisation_id == organisation_id)
    return sorted(session.exec(query).all(), key=_order)


def open_actions_for_review(
    session: Session, *, coalition: Coalition
) -> list[tuple[Action, list[ActionNote]]]:
    """The planned and running actions, each with its notes newest first: the first step of a workshop."""
    actions = [a for a in list_actions(session, coalition=coalition) if a.status in OPEN_STATUSES]
    return [(action, notes_of(session, action)) for action in actions]


def get_action(session: Session, coalition: Coalition, action_id: int) -> Action | None:
    """The coalition's action with this id, or None (another coalition's action is None too)."""
    action = session.get(Action, action_id)
    return action if action is not None and action.coalition_id == coalition.id else None


def story_ids_of(session: Session, action: Action) -> list[str]:
    """Ids of the stories an action came from, by the stories' day (then id, which is random)."""
    query = (
        select(ActionStory.story_id)
        .join(Story, col(Story.id) == col(ActionStory.story_id))
        .where(ActionStory.action_id == action.id)
        .order_by(col(Story.day), col(Story.id))
    )
    return list(session.exec(query).all())


def story_counts(session: Session, actions: Sequence[Action]) -> dict[int, int]:
    """How many stories each action came from (actions without stories are left out)."""
    ids = [a.id for a in actions if a.id is not None]
    if not ids:
        return {}
    query = (
        select(ActionStory.action_id, func.count())
        .where(col(ActionStory.action_id).in_(ids))
        .group_by(col(ActionStory.action_id))
    )
    return {int(action_id): int(count) for action_id, count in session.exec(query).all()}


def cycle_counts(session: Session, *, coalition: Coalition) -> dict[str, dict[str, int]]:
    """Per cycle, how many actions there are in each status (and ``total``); every cycle and status present."""
    counts = {cycle: dict.fromkeys((*STATUSES, "total"), 0) for cycle in CYCLES}
    query = (
        select(Action.cycle, Action.status, func.count())
        .where(Action.coalition_id == coalition.id)
        .group_by(col(Action.cycle), col(Action.status))
    )
    for cycle, status, count in session.exec(query).all():
        row = counts.setdefault(cycle, dict.fromkeys((*STATUSES, "total"), 0))
        row[status] = row.get(status, 0) + count
        row["total"] += count
    return counts


# Cycles ------------------------------------------------------------------------------------------


def cycle_history(session: Session, *, coalition: Coalition) -> list[CycleChange]:
    """The coalition's moves between cycles, oldest first (moves of one day in the order they were made)."""
    query = (
        select(CycleChange)
        .where(CycleChange.coalition_id == coalition.id)
        .order_by(col(CycleChange.changed_on), col(CycleChange.id))
    )
    return list(session.exec(query).all())


def next_cycle(coalition: Coalition) -> str | None:
    """The cycle after the coalition's current one, or None in the last."""
    position = CYCLES.index(coalition.current_cycle) if coalition.current_cycle in CYCLES else -1
    return CYCLES[position + 1] if position + 1 < len(CYCLES) else None


def move_to_next_cycle(
    session: Session, *, coalition: Coalition, user: User | None = None, today: date | None = None
) -> Coalition:
    """Move the coalition on to its next cycle (recorded as a ``CycleChange``); ``ActionError`` in the last."""
    following = next_cycle(coalition)
    if following is None:
        raise ActionError("cycle: already in the last cycle")
    return coalition_services.update_coalition(
        session, coalition, user=user, today=today or local_today(), current_cycle=following
    )
