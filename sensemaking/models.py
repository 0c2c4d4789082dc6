"""Sensemaking data: story reviews, reading-pack marks, regional figures, theme runs and their edits."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from vertelpunt.timeutil import utcnow


class StoryReview(SQLModel, table=True):
    """A story checked for personal data: the version shown in workshops and to non-administrators."""

    story_id: str = Field(foreign_key="story.id", primary_key=True, ondelete="CASCADE", max_length=36)
    title: str = Field(max_length=200)
    text: str = Field(sa_type=sa.Text)
    reviewed_on: date
    reviewer_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")


class StoryMark(SQLModel, table=True):
    """A story marked for the coalition's workshop reading pack."""

    story_id: str = Field(foreign_key="story.id", primary_key=True, ondelete="CASCADE", max_length=36)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    marked_on: date


class HardFigure(SQLModel, table=True):
    """A regional figure put beside the stories (e.g. placements per year), from an uploaded CSV."""

    id: int | None = Field(default=None, primary_key=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    indicator: str = Field(max_length=200)
    period: str = Field(max_length=50)
    value: float
    unit: str = Field(default="", max_length=50)
    source: str = Field(default="", max_length=300)


class StoryRepresentation(SQLModel, table=True):
    """A story's representation for theme discovery, computed once and reused by every run."""

    story_id: str = Field(foreign_key="story.id", primary_key=True, ondelete="CASCADE", max_length=36)
    kind: str = Field(primary_key=True, max_length=100)
    # The text the representation was computed from, hashed: a changed (redacted) story is recomputed.
    text_hash: str = Field(max_length=64)
    data: bytes = Field(sa_type=sa.LargeBinary)


class ThemeRun(SQLModel, table=True):
    """One run of theme discovery, with the parameters it used; its themes are kept with it."""

    id: int | None = Field(default=None, primary_key=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    # Several coalitions for a cross-regional run (ids); the run belongs to ``coalition_id``.
    coalition_ids: list[int] = Field(default_factory=list, sa_type=sa.JSON)
    params: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    status: str = Field(default="queued", max_length=20)  # queued, running, done, failed
    progress: int = 0
    message: str = Field(default="", max_length=500)
    story_count: int = 0
    theme_count: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    finished_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    created_by_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")


class Theme(SQLModel, table=True):
    """A theme of a run: key words, a label (proposed, perhaps renamed), size and draft observations."""

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="themerun.id", index=True, ondelete="CASCADE")
    number: int
    label: str = Field(max_length=200)
    proposed_label: str = Field(max_length=200)
    keywords: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    representatives: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    size: int = 0
    observations: str = Field(default="", sa_type=sa.Text)


class ThemeMember(SQLModel, table=True):
    """A story's place in a run: its theme, and how central it is there (1 = most typical)."""

    run_id: int = Field(foreign_key="themerun.id", primary_key=True, ondelete="CASCADE")
    story_id: str = Field(foreign_key="story.id", primary_key=True, ondelete="CASCADE", max_length=36)
    theme_id: int = Field(foreign_key="theme.id", index=True, ondelete="CASCADE")
    score: float = 0.0


class ThemeEdit(SQLModel, table=True):
    """A facilitator's edit (rename, merge, split, move), replayed on every later run of the coalition."""

    id: int | None = Field(default=None, primary_key=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
