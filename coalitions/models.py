"""Coalitions, their organisations and their invite links."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from vertelpunt.timeutil import utcnow

DEFAULT_RETENTION_DAYS = 365


class Coalition(SQLModel, table=True):
    """A regional or local coalition running a trajectory, with its own Vertelpunt window."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=64, unique=True, index=True)
    name: str = Field(max_length=200)
    region: str = Field(default="", max_length=200)
    focus: str = Field(default="", sa_type=sa.Text)
    # Target groups (vertelpopulatie): values of the questionnaire's perspective and age questions.
    target_groups: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    success_criteria: str = Field(default="", sa_type=sa.Text)
    current_cycle: str = Field(default="startup", max_length=20)
    opens_on: date | None = None
    closes_on: date | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    # Retention (coalitions/retention.py): once the data is closed, its links take no stories, and
    # everything of the coalition is purged ``retention_days`` after ``data_closed_on``.
    data_closed_on: date | None = None
    retention_days: int = Field(default=DEFAULT_RETENTION_DAYS, sa_column_kwargs={"server_default": "365"})


class Organisation(SQLModel, table=True):
    """An organisation that invites tellers from its own network."""

    __table_args__ = (sa.UniqueConstraint("coalition_id", "name"),)

    id: int | None = Field(default=None, primary_key=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=200)
    kind: str = Field(default="other", max_length=64)
    contact_name: str = Field(default="", max_length=200)
    age_categories: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


class InviteLink(SQLModel, table=True):
    """An unguessable link to the Vertelpunt that answers some questions in advance."""

    # At most one general link (no organisation) per coalition, enforced by the database itself.
    __table_args__ = (
        sa.Index(
            "uq_invitelink_general",
            "coalition_id",
            unique=True,
            sqlite_where=sa.text("organisation_id IS NULL"),
            postgresql_where=sa.text("organisation_id IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    token: str = Field(max_length=64, unique=True, index=True)
    # Human-typable code for flyers and posters (/k/<code>), unambiguous letters and digits only.
    short_code: str | None = Field(default=None, max_length=16, unique=True, index=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    organisation_id: int | None = Field(
        default=None, foreign_key="organisation.id", index=True, ondelete="CASCADE"
    )
    label: str = Field(default="", max_length=200)
    prefill: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    closed_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))

    @property
    def kind(self) -> str:
        """``general`` for the coalition's general link, else ``organisation``."""
        return "general" if self.organisation_id is None else "organisation"

    @property
    def is_closed(self) -> bool:
        """Whether the link has been closed by the coalition."""
        return self.closed_at is not None


class User(SQLModel, table=True):
    """A staff account: administrator, facilitator or coalition member. Tellers never have one."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    name: str = Field(default="", max_length=200)
    password_hash: str = Field(default="", max_length=255)
    role: str = Field(default="member", max_length=20)  # admin | facilitator | member
    active: bool = True
    # Rotated at every login and logout: a copied session cookie stops working after logout.
    session_token: str | None = Field(default=None, max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


class Membership(SQLModel, table=True):
    """A user's place in a coalition: member (possibly lead) or assigned facilitator."""

    __table_args__ = (sa.UniqueConstraint("user_id", "coalition_id"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    is_lead: bool = False


class AccountInvite(SQLModel, table=True):
    """A one-time link to set a password, for a new account or a reset. Only its hash is stored."""

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True, index=True)
    expires_at: datetime = Field(sa_type=sa.DateTime(timezone=True))
    used_at: datetime | None = Field(default=None, sa_type=sa.DateTime(timezone=True))


class InvitationText(SQLModel, table=True):
    """A coalition's own wording of one invitation text (audience × language); defaults live in code."""

    __table_args__ = (sa.UniqueConstraint("coalition_id", "audience", "language"),)

    id: int | None = Field(default=None, primary_key=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    audience: str = Field(max_length=32)  # youth | parents | professionals | newsletter | intranet
    language: str = Field(max_length=5)
    subject: str = Field(default="", max_length=200)
    body: str = Field(sa_type=sa.Text)


class TrajectoryStep(SQLModel, table=True):
    """One step of a coalition's trajectory plan: when, what, who, and the intended result."""

    id: int | None = Field(default=None, primary_key=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    cycle: str = Field(max_length=20)  # startup | tempo | action
    position: int = 0
    planned_on: date | None = None
    what: str = Field(max_length=300)
    who: str = Field(default="", max_length=200)
    result: str = Field(default="", sa_type=sa.Text)
    done: bool = False


class CycleChange(SQLModel, table=True):
    """A coalition's move from one cycle of its trajectory to another (opstart → tempo → actie).

    Written by ``coalitions.services.update_coalition`` whenever ``Coalition.current_cycle`` changes.
    """

    id: int | None = Field(default=None, primary_key=True)
    coalition_id: int = Field(foreign_key="coalition.id", index=True, ondelete="CASCADE")
    from_cycle: str = Field(max_length=20)
    to_cycle: str = Field(max_length=20)
    changed_on: date
    user_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
