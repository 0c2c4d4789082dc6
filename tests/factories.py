"""Test data builders: coalitions, organisations, links and stories with sensible defaults."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from sqlmodel import Session

from coalitions import services as coalition_services
from coalitions.models import Coalition, InviteLink, Organisation
from vertelpunt import services
from vertelpunt.timeutil import local_today

_counter = itertools.count(1)


def make_coalition(session: Session, **overrides: Any) -> Coalition:
    """A coalition that is open today unless dates are given."""
    n = next(_counter)
    values: dict[str, Any] = {
        "slug": f"coalitie-{n}",
        "name": f"Coalitie {n}",
        "region": "Testregio",
        "focus": "Zo thuis mogelijk opgroeien.",
        "opens_on": local_today() - timedelta(days=10),
        "closes_on": local_today() + timedelta(days=10),
    }
    values.update(overrides)
    coalition = coalition_services.create_coalition(session, **values)
    session.commit()
    return coalition


def make_organisation(session: Session, coalition: Coalition, **overrides: Any) -> Organisation:
    """An organisation of ``coalition`` serving youths 12-18."""
    values: dict[str, Any] = {
        "name": f"Organisatie {next(_counter)}",
        "kind": "youth_care",
        "age_categories": ["12-18"],
    }
    values.update(overrides)
    organisation = coalition_services.add_organisation(session, coalition=coalition, **values)
    session.commit()
    return organisation


def make_link(
    session: Session,
    coalition: Coalition | None = None,
    *,
    organisation: Organisation | None = None,
    general: bool = False,
    **overrides: Any,
) -> InviteLink:
    """An invite link; by default for a new organisation of a new coalition."""
    coalition = coalition or make_coalition(session)
    if organisation is None and not general:
        organisation = make_organisation(session, coalition)
    _, definition = services.current_questionnaire(session)
    link = coalition_services.create_invite_link(
        session, coalition=coalition, definition=definition, organisation=organisation, **overrides
    )
    session.commit()
    return link


def story_form(**overrides: Any) -> dict[str, Any]:
    """Form data for a complete, valid story (the submission token must be added by the caller)."""
    data: dict[str, Any] = {
        "prompt": "helped",
        "text": "Mijn begeleider kwam gewoon bij ons thuis en luisterde echt naar wat ik wilde.",
        "title": "Eindelijk gehoord",
        "feeling": "good",
        "helpers": ["family", "care"],
        "what_mattered-listened": "6",
        "what_mattered-quick": "2",
        "what_mattered-together": "2",
        "who_decided": "5",
        "perspective": "youth",
        "living_situation": "home",
        "when": "weeks",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}
