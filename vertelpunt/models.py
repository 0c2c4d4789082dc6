"""The questionnaire versions, stories and their answers.

A story keeps no time of day, no IP address, no user agent and no cookie identifier. Keys are
random UUIDs so that neither ids nor answer rows reveal the order in which stories arrived.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from vertelpunt.timeutil import utcnow


def new_uuid() -> str:
    """A random UUID as text."""
    return str(uuid.uuid4())


class Questionnaire(SQLModel, table=True):
    """One loaded version of the platform-wide questionnaire; stories point at the version they used."""

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(unique=True, index=True)
    checksum: str = Field(max_length=64)
    label: str = Field(default="", max_length=100)
    definition: dict[str, Any] = Field(sa_type=sa.JSON)
    loaded_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


class Story(SQLModel, table=True):
    """An anonymous experience story."""

    id: str = Field(default_factory=new_uuid, primary_key=True, max_length=36)
    # Issued by the server with the form; the unique constraint makes retries and double clicks harmless.
    submission_id: str = Field(max_length=36, unique=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", index=True, ondelete="SET NULL"
    )
    invite_link_id: int | None = Field(
        default=None, foreign_key="invitelink.id", index=True, ondelete="SET NULL"
    )
    link_kind: str = Field(default="organisation", max_length=20)
    questionnaire_id: int = Field(foreign_key="questionnaire.id", index=True)
    day: date = Field(index=True)
    language: str = Field(default="nl", max_length=5)
    title: str = Field(max_length=200)
    text: str = Field(sa_type=sa.Text)
    # sha256 (hex) of the teller's one-time withdrawal code (vertelpunt/withdrawal.py); never the code.
    # Not unique: on PostgreSQL a second unique index would turn two racing identical submissions into an
    # error instead of ON CONFLICT (submission_id) DO NOTHING; 12 random characters do not collide.
    withdraw_hash: str | None = Field(default=None, max_length=64, index=True)


class Answer(SQLModel, table=True):
    """A teller's answer to one question, or an answer the invite link supplied (``prefilled``)."""

    story_id: str = Field(foreign_key="story.id", primary_key=True, ondelete="CASCADE", max_length=36)
    question_id: str = Field(primary_key=True, max_length=64)
    value: Any = Field(sa_type=sa.JSON)
    prefilled: bool = False


def import_all_models() -> None:
    """Import every package's models so SQLModel.metadata is complete (Alembic, create_all)."""
    import coalitions.models  # noqa: F401
    import sensemaking.models  # noqa: F401
