"""Story collection use cases: questionnaire versions, submission ids and storing a story once."""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from coalitions.models import Coalition, InviteLink
from vertelpunt import questionnaire as qn
from vertelpunt.models import Answer, Questionnaire, Story

SUBMISSION_SALT = "vertelpunt.story-submission"
PG_DISK_FULL = "53100"


class NoQuestionnaire(RuntimeError):
    """No questionnaire has been loaded yet (run ``vertelpunt init-db``)."""


@dataclass(frozen=True)
class LoadResult:
    """The outcome of loading a questionnaire file."""

    questionnaire: Questionnaire
    created: bool


def load_questionnaire(session: Session, *, path: Path | None = None) -> LoadResult:
    """Load the questionnaire file; a new version is made only when its content changed."""
    definition = qn.read_file(path)
    digest = qn.checksum(definition)
    latest = latest_questionnaire(session)
    if latest is not None and latest.checksum == digest:
        return LoadResult(latest, created=False)
    version = (latest.version + 1) if latest else 1
    row = Questionnaire(
        version=version, checksum=digest, label=str(definition.get("label", "")), definition=definition
    )
    session.add(row)
    session.flush()
    return LoadResult(row, created=True)


def latest_questionnaire(session: Session) -> Questionnaire | None:
    """The newest questionnaire version, or None."""
    # The definition is loaded only when this process has not parsed that version yet (parsed_definition).
    # SQLModel types the column as its Python value (a dict), not as the attribute defer() expects.
    query = select(Questionnaire).options(defer(Questionnaire.definition))  # type: ignore[arg-type]
    return session.exec(query.order_by(col(Questionnaire.version).desc())).first()


def current_questionnaire(session: Session) -> tuple[Questionnaire, qn.Definition]:
    """The version new stories are told with, parsed; raise NoQuestionnaire when none is loaded."""
    row = latest_questionnaire(session)
    if row is None:
        raise NoQuestionnaire("no questionnaire loaded; run `vertelpunt init-db`")
    return row, parsed_definition(row)


_PARSED: dict[tuple[int, str], qn.Definition] = {}


def parsed_definition(row: Questionnaire) -> qn.Definition:
    """Parse a stored version once per process (versions never change once stored)."""
    key = (row.version, row.checksum)
    if key not in _PARSED:
        _PARSED[key] = qn.parse(row.definition)
    return _PARSED[key]


def issue_submission_token(secret_key: str) -> str:
    """A signed, timestamped token carrying a fresh submission id, for one story form."""
    return URLSafeTimedSerializer(secret_key, salt=SUBMISSION_SALT).dumps(str(uuid.uuid4()))


@dataclass(frozen=True)
class SubmissionToken:
    """A submission id read back from a form; ``expired`` when the form stayed open too long."""

    submission_id: str | None
    expired: bool = False


def read_submission_token(secret_key: str, token: str, *, max_age: int) -> SubmissionToken:
    """Read a submission token; a forged or mangled one gives ``submission_id=None``."""
    serializer = URLSafeTimedSerializer(secret_key, salt=SUBMISSION_SALT)
    try:
        return SubmissionToken(_as_uuid(serializer.loads(token, max_age=max_age)))
    except SignatureExpired as exc:
        payload = serializer.load_payload(exc.payload) if exc.payload is not None else None
        return SubmissionToken(_as_uuid(payload), expired=True)
    except BadSignature:
        return SubmissionToken(None)


def _as_uuid(value: Any) -> str | None:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


def story_exists(session: Session, *, submission_id: str) -> bool:
    """Whether a story with this submission id is stored (a retry or double click)."""
    found = session.exec(select(Story.id).where(Story.submission_id == submission_id)).first()
    return found is not None


@dataclass(frozen=True)
class SubmitResult:
    """The stored story's id, and whether this call stored it (False: it was there already)."""

    story_id: str | None
    created: bool


def submit_story(
    session: Session,
    *,
    link: InviteLink,
    questionnaire: Questionnaire,
    submission_id: str,
    title: str,
    text: str,
    answers: dict[str, Any],
    language: str,
    day: date,
    withdraw_hash: str | None = None,
    story_id: str | None = None,
) -> SubmitResult:
    """Store a story and its answers exactly once per submission id, in one transaction.

    The link's own answers are stored too, marked ``prefilled``; a teller's answer to a question the link
    left open (age "unknown") wins over the link's. ``withdraw_hash`` is the sha256 of the teller's
    withdrawal code (vertelpunt/withdrawal.py); a duplicate submission keeps the first story's.
    ``story_id`` is random unless given (the demo gives fixed ids, so its theme run is the same every time).
    """
    story_id = story_id or str(uuid.uuid4())
    values = {
        "id": story_id,
        "submission_id": submission_id,
        "coalition_id": link.coalition_id,
        "organisation_id": link.organisation_id,
        "invite_link_id": link.id,
        "link_kind": link.kind,
        "questionnaire_id": questionnaire.id,
        "day": day,
        "language": language,
        "title": title.strip(),
        "text": text.strip(),
        "withdraw_hash": withdraw_hash,
    }
    try:
        inserted = session.execute(_insert_ignoring_duplicates(session, values)).first()
        if inserted is None:
            session.rollback()
            return SubmitResult(None, created=False)
        rows = [
            {"story_id": story_id, "question_id": qid, "value": value, "prefilled": True}
            for qid, value in link.prefill.items()
            if qid not in answers
        ]
        rows += [
            {"story_id": story_id, "question_id": qid, "value": value, "prefilled": False}
            for qid, value in answers.items()
        ]
        if rows:  # one executemany, not an ORM flush of a dozen objects
            session.execute(sa.insert(Answer), rows)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return SubmitResult(story_id, created=True)


def storage_full(error: sa.exc.DBAPIError) -> bool:
    """Whether a database error means the disk (or SQLite's size limit) is full, rather than busy."""
    orig = error.orig
    return (
        getattr(orig, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL
        or getattr(orig, "sqlstate", None) == PG_DISK_FULL
    )


def _insert_ignoring_duplicates(session: Session, values: dict[str, Any]) -> sa.Executable:
    # INSERT ... ON CONFLICT (submission_id) DO NOTHING RETURNING id: concurrent identical posts race
    # on the unique constraint, not on a check-then-insert.
    dialect = session.get_bind().dialect.name
    statement: sqlite.Insert | postgresql.Insert
    if dialect == "sqlite":
        statement = sqlite.insert(Story).on_conflict_do_nothing(index_elements=["submission_id"])
    elif dialect == "postgresql":
        statement = postgresql.insert(Story).on_conflict_do_nothing(index_elements=["submission_id"])
    else:
        raise ValueError(f"unsupported database dialect {dialect!r}")
    return statement.values(**values).returning(col(Story.id))


def coalition_of(session: Session, story: Story) -> Coalition | None:
    """The coalition a story belongs to."""
    return session.get(Coalition, story.coalition_id)
