"""Sensemaking data: story reviews, reading-pack marks, regional figures, theme runs, workshops and actions."""

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


# Workshops (duidingssessies), their hexagon board, ritual dissent, actions and feedback --------------


class Workshop(SQLModel, table=True):
    """A workshop of a coalition in one cycle, with its plan and its live hexagon board."""

    id: int | None = Field(default=None, primary_key=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    cycle: str = Field(max_length=20)  # startup | tempo | action
    title: str = Field(max_length=200)
    held_on: date | None = None
    mode: str = Field(default="on_site", max_length=20)  # on_site | online
    location: str = Field(default="", max_length=300)
    goal: str = Field(default="", sa_type=sa.Text)
    participants: str = Field(default="", sa_type=sa.Text)
    theme_run_id: int | None = Field(default=None, foreign_key="themerun.id", ondelete="SET NULL")
    # The board: joined through an unguessable link or a short code, without an account.
    token: str = Field(max_length=64, unique=True, index=True)
    code: str = Field(max_length=16, unique=True, index=True)
    colours: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON)
    locked: bool = False
    closed_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))
    # Raised by every change of the board, so browsers fetch the board only when it changed.
    version: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))

    @property
    def is_closed(self) -> bool:
        """Whether the session has been closed (its link no longer opens the board)."""
        return self.closed_at is not None


class WorkshopStep(SQLModel, table=True):
    """A step of a workshop's agenda (review earlier actions, observations, themes, ...)."""

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    position: int
    kind: str = Field(default="other", max_length=20)
    title: str = Field(max_length=200)
    minutes: int | None = None
    notes: str = Field(default="", sa_type=sa.Text)


class WorkshopStory(SQLModel, table=True):
    """A story chosen to be read in a workshop (its reading pack)."""

    workshop_id: int = Field(foreign_key="workshop.id", primary_key=True, ondelete="CASCADE")
    story_id: str = Field(foreign_key="story.id", primary_key=True, ondelete="CASCADE", max_length=36)


class Hexagon(SQLModel, table=True):
    """A hexagon on a board: an observation, a theme or an action, at a cell of the hexagonal grid.

    Ids are random (made by the browser that adds it, so a retry cannot add it twice), and boards are
    always read in grid order, never in the order hexagons arrived.
    """

    id: str = Field(primary_key=True, max_length=36)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)  # observation | theme | action
    text: str = Field(default="", sa_type=sa.Text)
    q: int = 0
    r: int = 0
    theme_id: int | None = Field(default=None, foreign_key="theme.id", ondelete="SET NULL")
    deleted: bool = False
    version: int = 1


class HexagonLink(SQLModel, table=True):
    """An observation grouped under a theme, or an action linked to a theme."""

    source_id: str = Field(foreign_key="hexagon.id", primary_key=True, ondelete="CASCADE", max_length=36)
    target_id: str = Field(foreign_key="hexagon.id", primary_key=True, ondelete="CASCADE", max_length=36)


class Proposal(SQLModel, table=True):
    """A proposal put through ritual dissent: rounds of critique and suggestions, then improved."""

    id: int | None = Field(default=None, primary_key=True)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    hexagon_id: str | None = Field(default=None, foreign_key="hexagon.id", ondelete="SET NULL", max_length=36)
    title: str = Field(max_length=200)
    text: str = Field(default="", sa_type=sa.Text)
    improved: str = Field(default="", sa_type=sa.Text)


class DissentRound(SQLModel, table=True):
    """One round of ritual dissent on a proposal: the critique, then the suggestions."""

    __table_args__ = (sa.UniqueConstraint("proposal_id", "number"),)

    id: int | None = Field(default=None, primary_key=True)
    proposal_id: int = Field(foreign_key="proposal.id", index=True, ondelete="CASCADE")
    number: int
    critique: str = Field(default="", sa_type=sa.Text)
    suggestions: str = Field(default="", sa_type=sa.Text)


class Action(SQLModel, table=True):
    """A tracked action (made in a workshop, owned by an actiehouder), reviewed in later workshops."""

    id: int | None = Field(default=None, primary_key=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    workshop_id: int | None = Field(default=None, foreign_key="workshop.id", ondelete="SET NULL")
    hexagon_id: str | None = Field(
        default=None, foreign_key="hexagon.id", ondelete="SET NULL", max_length=36, unique=True
    )
    cycle: str = Field(max_length=20)
    title: str = Field(max_length=200)
    description: str = Field(default="", sa_type=sa.Text)
    themes: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    owner: str = Field(default="", max_length=200)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", ondelete="SET NULL")
    term: str = Field(default="short", max_length=10)  # short | long
    status: str = Field(default="planned", max_length=20)  # planned | running | done | stopped
    due_on: date | None = None
    obstacles: str = Field(default="", sa_type=sa.Text)
    enablers: str = Field(default="", sa_type=sa.Text)
    published: bool = False
    public_text: str = Field(default="", sa_type=sa.Text)
    created_on: date


class ActionStory(SQLModel, table=True):
    """A story an action came from (through the themes of its workshop)."""

    action_id: int = Field(foreign_key="action.id", primary_key=True, ondelete="CASCADE")
    story_id: str = Field(foreign_key="story.id", primary_key=True, ondelete="CASCADE", max_length=36)


class ActionNote(SQLModel, table=True):
    """A progress note on an action, written between workshops or while reviewing it in one."""

    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True, ondelete="CASCADE")
    written_on: date
    cycle: str = Field(max_length=20)
    workshop_id: int | None = Field(default=None, foreign_key="workshop.id", ondelete="SET NULL")
    status: str = Field(max_length=20)
    text: str = Field(default="", sa_type=sa.Text)
    author_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")


class SessionEvaluation(SQLModel, table=True):
    """A participant's anonymous evaluation of a workshop (the id is issued with the empty form)."""

    id: str = Field(primary_key=True, max_length=36)
    workshop_id: int = Field(foreign_key="workshop.id", index=True, ondelete="CASCADE")
    useful: int
    heard: int
    next_steps: int
    went_well: str = Field(default="", sa_type=sa.Text)
    better: str = Field(default="", sa_type=sa.Text)


class Lesson(SQLModel, table=True):
    """Something the coalition learned from the stories, shown on its public feedback page when published."""

    id: int | None = Field(default=None, primary_key=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    title: str = Field(max_length=200)
    text: str = Field(default="", sa_type=sa.Text)
    published: bool = False
    position: int = 0
