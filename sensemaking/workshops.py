"""Workshops (duidingssessies): planning, agenda, the stories to read, and the session link and code.

A workshop belongs to a coalition and a cycle. Participants join its board without an account, through an
unguessable session link (``/w/<token>``) or a short code typed on a phone (``/w`` → ``abc-def``); both stop
working when the facilitator closes the session.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from coalitions.models import Coalition
from coalitions.services import SHORT_CODE_ALPHABET
from coalitions.trajectory import CYCLES
from sensemaking.board.colours import DEFAULT_COLOURS
from sensemaking.models import StoryMark, ThemeRun, Workshop, WorkshopStep, WorkshopStory
from vertelpunt.db import saved_id
from vertelpunt.models import Story
from vertelpunt.timeutil import utcnow

TOKEN_BYTES = 16
CODE_LENGTH = 6
CODE_ATTEMPTS = 10
MODES = ("on_site", "online")
KINDS = ("review", "read", "observations", "themes", "actions", "dissent", "evaluation", "other")
MAX_STEPS = 30


class WorkshopError(ValueError):
    """A workshop cannot be planned or changed as asked; the message says why (field: reason)."""


@dataclass(frozen=True)
class UsualStep:
    """A step every workshop starts with, editable afterwards."""

    kind: str
    title: str
    minutes: int


USUAL_STEPS = (
    UsualStep("review", _l("Acties van de vorige keer bespreken"), 20),
    UsualStep("read", _l("Verhalen lezen en observaties opschrijven"), 30),
    UsualStep("themes", _l("Observaties groeperen in thema's"), 25),
    UsualStep("actions", _l("Acties bedenken bij de gekozen thema's"), 25),
    UsualStep("dissent", _l("Ritual dissent: kritiek en suggesties per voorstel"), 30),
    UsualStep("evaluation", _l("De sessie evalueren"), 10),
)


def _new_code(session: Session) -> str:
    for _attempt in range(CODE_ATTEMPTS):
        code = "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if session.exec(select(Workshop.id).where(Workshop.code == code)).first() is None:
            return code
    raise WorkshopError("code: no free code found, try again")


def create_workshop(
    session: Session,
    *,
    coalition: Coalition,
    title: str,
    cycle: str | None = None,
    held_on: date | None = None,
    mode: str = "on_site",
    location: str = "",
    goal: str = "",
    participants: str = "",
    theme_run_id: int | None = None,
) -> Workshop:
    """Plan a workshop with the usual agenda and the coalition's reading-pack stories; the caller commits."""
    cycle = cycle or coalition.current_cycle
    if cycle not in CYCLES:
        raise WorkshopError("cycle: unknown cycle")
    if mode not in MODES:
        raise WorkshopError("mode: unknown mode")
    if not title.strip():
        raise WorkshopError("title: required")
    if theme_run_id is not None and run_of(session, coalition, theme_run_id) is None:
        raise WorkshopError("theme_run_id: not a run of this coalition")
    workshop = Workshop(
        coalition_id=saved_id(coalition),
        cycle=cycle,
        title=title.strip(),
        held_on=held_on,
        mode=mode,
        location=location.strip(),
        goal=goal.strip(),
        participants=participants.strip(),
        theme_run_id=theme_run_id,
        token=secrets.token_urlsafe(TOKEN_BYTES),
        code=_new_code(session),
        colours=dict(DEFAULT_COLOURS),
    )
    session.add(workshop)
    session.flush()
    for position, step in enumerate(USUAL_STEPS, start=1):
        session.add(
            WorkshopStep(
                workshop_id=saved_id(workshop),
                position=position,
                kind=step.kind,
                title=str(step.title),
                minutes=step.minutes,
            )
        )
    marked = session.exec(select(StoryMark.story_id).where(StoryMark.coalition_id == coalition.id)).all()
    set_stories(session, workshop=workshop, story_ids=marked)
    return workshop


def update_workshop(session: Session, workshop: Workshop, changes: Mapping[str, object]) -> Workshop:
    """Change a workshop's plan (title, date, mode, place, goal, participants, cycle, run, colours)."""
    allowed = {
        "title",
        "held_on",
        "mode",
        "location",
        "goal",
        "participants",
        "cycle",
        "theme_run_id",
        "colours",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise WorkshopError(f"{sorted(unknown)[0]}: cannot be changed")
    if "cycle" in changes and changes["cycle"] not in CYCLES:
        raise WorkshopError("cycle: unknown cycle")
    if "mode" in changes and changes["mode"] not in MODES:
        raise WorkshopError("mode: unknown mode")
    run_id = changes.get("theme_run_id")
    if run_id is not None:
        run = session.get(ThemeRun, run_id)
        if run is None or run.coalition_id != workshop.coalition_id:
            raise WorkshopError("theme_run_id: not a run of this coalition")
    colours = changes.get("colours")
    if colours is not None:
        if not isinstance(colours, Mapping) or set(colours) != set(DEFAULT_COLOURS):
            raise WorkshopError("colours: one colour per kind")
        if not all(is_colour(str(value)) for value in colours.values()):
            raise WorkshopError("colours: use #rrggbb")
    for key, value in changes.items():
        setattr(workshop, key, value)
    session.add(workshop)
    return workshop


def is_colour(value: str) -> bool:
    """Whether ``value`` is a colour as ``#rrggbb``."""
    return len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in value[1:])


def colours_of(workshop: Workshop) -> dict[str, str]:
    """The board colours of a workshop (the defaults for any kind it does not set)."""
    return {kind: (workshop.colours or {}).get(kind, colour) for kind, colour in DEFAULT_COLOURS.items()}


def run_of(session: Session, coalition: Coalition, run_id: int) -> ThemeRun | None:
    """The coalition's theme run with this id, or None."""
    run = session.get(ThemeRun, run_id)
    return run if run is not None and run.coalition_id == coalition.id else None


def runs_of(session: Session, *, coalition: Coalition) -> list[ThemeRun]:
    """The coalition's finished theme runs, newest first (to seed a board or to read in a workshop)."""
    return list(
        session.exec(
            select(ThemeRun)
            .where(ThemeRun.coalition_id == coalition.id, ThemeRun.status == "done")
            .order_by(col(ThemeRun.created_at).desc())
        ).all()
    )


def get_workshop(session: Session, coalition: Coalition, workshop_id: int) -> Workshop | None:
    """The coalition's workshop with this id, or None (another coalition's workshop is None too)."""
    workshop = session.get(Workshop, workshop_id)
    return workshop if workshop is not None and workshop.coalition_id == coalition.id else None


def list_workshops(session: Session, *, coalition: Coalition) -> list[Workshop]:
    """The coalition's workshops, planned ones (by date) after held ones, undated last."""
    workshops = session.exec(select(Workshop).where(Workshop.coalition_id == coalition.id)).all()
    return sorted(workshops, key=lambda w: (w.held_on is None, w.held_on or date.max, w.title))


def workshop_for_token(session: Session, token: str) -> Workshop | None:
    """The workshop whose session link carries ``token`` (open or closed), or None."""
    if not token or len(token) > 64:
        return None
    return session.exec(select(Workshop).where(Workshop.token == token)).first()


def normalise_code(typed: str) -> str | None:
    """A typed session code as stored (``ABC-def`` → ``abcdef``), or None when it cannot be one."""
    code = "".join(typed.split()).lower().replace("-", "")
    if len(code) != CODE_LENGTH or any(c not in SHORT_CODE_ALPHABET for c in code):
        return None
    return code


def format_code(code: str) -> str:
    """A session code as shown: ``abc-def``."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def workshop_for_code(session: Session, typed: str) -> Workshop | None:
    """The open workshop with this (typed) code, or None."""
    code = normalise_code(typed)
    if code is None:
        return None
    workshop = session.exec(select(Workshop).where(Workshop.code == code)).first()
    return workshop if workshop is not None and not workshop.is_closed else None


def bump_version(session: Session, workshop: Workshop) -> int:
    """Raise the board's version in SQL and read back its version, lock and closing, as stored now.

    Everything that changes a board goes through here first: the UPDATE's row lock (PostgreSQL; SQLite
    writes one at a time anyway) makes a lock, a close and a batch of hexagons wait for each other, and
    an increment in SQL is never lost the way ``version += 1`` in Python can be.
    """
    session.execute(
        sa.update(Workshop).where(col(Workshop.id) == workshop.id).values(version=col(Workshop.version) + 1)
    )
    version, locked, closed_at = session.exec(
        select(Workshop.version, Workshop.locked, Workshop.closed_at).where(Workshop.id == workshop.id)
    ).one()
    for name, value in (("version", version), ("locked", locked), ("closed_at", closed_at)):
        set_committed_value(workshop, name, value)
    return int(version)


def close_session(session: Session, workshop: Workshop) -> Workshop:
    """Close the session: the link and code stop working, the board stays for the coalition (read-only)."""
    bump_version(session, workshop)
    if workshop.closed_at is None:
        workshop.closed_at = utcnow()
        workshop.locked = True
        session.add(workshop)
    return workshop


def reopen_session(session: Session, workshop: Workshop) -> Workshop:
    """Open a closed session again (same link and code)."""
    bump_version(session, workshop)
    workshop.closed_at = None
    session.add(workshop)
    return workshop


def set_locked(session: Session, workshop: Workshop, locked: bool) -> Workshop:
    """Lock the board (participants can look but not change it) or unlock it."""
    bump_version(session, workshop)
    workshop.locked = locked
    session.add(workshop)
    return workshop


# Agenda ---------------------------------------------------------------------------------------------


def steps_of(session: Session, workshop: Workshop) -> list[WorkshopStep]:
    """The workshop's agenda in order."""
    return list(
        session.exec(
            select(WorkshopStep)
            .where(WorkshopStep.workshop_id == workshop.id)
            .order_by(col(WorkshopStep.position))
        ).all()
    )


def save_steps(
    session: Session, workshop: Workshop, steps: Sequence[Mapping[str, object]]
) -> list[WorkshopStep]:
    """Replace the agenda by ``steps`` (dicts with kind, title, minutes, notes), in that order."""
    if len(steps) > MAX_STEPS:
        raise WorkshopError(f"steps: at most {MAX_STEPS}")
    for number, step in enumerate(steps, start=1):
        if step.get("kind", "other") not in KINDS:
            raise WorkshopError(f"steps.{number}.kind: unknown kind")
        if not str(step.get("title", "")).strip():
            raise WorkshopError(f"steps.{number}.title: required")
    session.exec(sa.delete(WorkshopStep).where(col(WorkshopStep.workshop_id) == workshop.id))
    saved = []
    for position, step in enumerate(steps, start=1):
        minutes = step.get("minutes")
        row = WorkshopStep(
            workshop_id=saved_id(workshop),
            position=position,
            kind=str(step.get("kind", "other")),
            title=str(step["title"]).strip(),
            minutes=int(minutes) if isinstance(minutes, int | str) and str(minutes).strip() else None,
            notes=str(step.get("notes", "")).strip(),
        )
        session.add(row)
        saved.append(row)
    return saved


# Stories to read ------------------------------------------------------------------------------------


def story_ids_of(session: Session, workshop: Workshop) -> list[str]:
    """Ids of the stories chosen for the workshop."""
    return list(
        session.exec(select(WorkshopStory.story_id).where(WorkshopStory.workshop_id == workshop.id)).all()
    )


def set_stories(session: Session, *, workshop: Workshop, story_ids: Iterable[str]) -> int:
    """Choose the stories to read (only the coalition's own stories count); returns how many."""
    wanted = set(story_ids)
    own = (
        set(
            session.exec(
                select(Story.id).where(col(Story.id).in_(wanted), Story.coalition_id == workshop.coalition_id)
            ).all()
        )
        if wanted
        else set()
    )
    session.exec(sa.delete(WorkshopStory).where(col(WorkshopStory.workshop_id) == workshop.id))
    for story_id in sorted(own):
        session.add(WorkshopStory(workshop_id=saved_id(workshop), story_id=story_id))
    return len(own)
