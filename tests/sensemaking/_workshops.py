"""Building workshops and boards for tests."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from coalitions.models import Coalition
from sensemaking import boards, workshops
from sensemaking.models import Theme, ThemeRun, Workshop


def make_workshop(
    session: Session, coalition: Coalition, *, title: str = "Eerste sessie", **fields: Any
) -> Workshop:
    """A planned workshop of ``coalition`` (committed)."""
    session.rollback()  # leave any read snapshot first: SQLite cannot turn an old read into a write
    workshop = workshops.create_workshop(session, coalition=coalition, title=title, **fields)
    session.commit()
    return workshop


def add(
    kind: str = "observation", text: str = "Tekst", q: int = 0, r: int = 0, link: str | None = None
) -> dict[str, Any]:
    """An add operation as the board's script sends it."""
    return {"op": "add", "id": str(uuid.uuid4()), "kind": kind, "text": text, "q": q, "r": r, "link": link}


def apply(session: Session, workshop: Workshop, *ops: dict[str, Any], staff: bool = False) -> boards.Outcome:
    """Apply operations and commit."""
    session.rollback()
    outcome = boards.apply_ops(session, workshop=workshop, ops=list(ops), staff=staff)
    session.commit()
    return outcome


def run_with_themes(session: Session, coalition: Coalition) -> ThemeRun:
    """A finished theme run with two themes and their neutral observations (three lines)."""
    run = ThemeRun(coalition_id=coalition.id, status="done", theme_count=2)
    session.add(run)
    session.flush()
    for number, (label, observations) in enumerate(
        [
            ("Wachten", "12 verhalen (20%).\nVaak genoemd: ‘lang wachten’."),
            ("School", "Verteld door jongeren."),
        ],
        start=1,
    ):
        session.add(
            Theme(run_id=run.id, number=number, label=label, proposed_label=label, observations=observations)
        )
    session.commit()
    return run
