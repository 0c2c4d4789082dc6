"""Stored stories for the narrative-database tests: written straight to the tables, answers as stored."""

from __future__ import annotations

import itertools
import uuid
from datetime import date
from typing import Any

from sqlmodel import Session

from coalitions.models import Coalition, Organisation
from vertelpunt import services
from vertelpunt.models import Answer, Story

_n = itertools.count(1)


def make_story(
    session: Session,
    coalition: Coalition,
    *,
    organisation: Organisation | None = None,
    title: str | None = None,
    text: str = "Mijn begeleider kwam gewoon bij ons thuis en luisterde echt naar wat ik wilde.",
    day: date = date(2026, 11, 3),
    answers: dict[str, Any] | None = None,
    questionnaire_id: int | None = None,
) -> Story:
    """A story of ``coalition`` with ``answers`` as stored (triads as weights, sliders as 0..1)."""
    if questionnaire_id is None:
        questionnaire_id = services.current_questionnaire(session)[0].id
    story = Story(
        submission_id=str(uuid.uuid4()),
        coalition_id=coalition.id,
        organisation_id=organisation.id if organisation else None,
        questionnaire_id=questionnaire_id,
        day=day,
        title=title or f"Verhaal {next(_n)}",
        text=text,
    )
    session.add(story)
    session.flush()
    given = {"prompt": "helped", "perspective": "youth"} if answers is None else answers
    session.add_all(Answer(story_id=story.id, question_id=qid, value=value) for qid, value in given.items())
    session.commit()
    return story
