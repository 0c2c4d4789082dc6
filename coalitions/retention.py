"""Retention: close a coalition's data, find coalitions past their retention period, and purge them with
nothing left behind (no orphan rows, no story ids in JSON columns, no story bytes in SQLite's files)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from coalitions.models import Coalition
from sensemaking.models import Theme, ThemeEdit, ThemeMember, ThemeRun
from vertelpunt.models import Story, import_all_models

CHUNK = 200  # ids per IN (...) list
SQLITE_BUSY_TIMEOUT_MS = 5000  # as vertelpunt/db.py sets it on every connection


@dataclass(frozen=True)
class Purged:
    """One purged (or, in a dry run, purgeable) coalition and the rows that went with it, per table."""

    slug: str
    closed_on: date
    purge_after: date
    rows: dict[str, int]


def purge_after(coalition: Coalition) -> date | None:
    """The last day the coalition's closed data is kept; None while the data is open."""
    if coalition.data_closed_on is None:
        return None
    return coalition.data_closed_on + timedelta(days=coalition.retention_days)


def close_data(
    session: Session, coalition: Coalition, *, today: date, retention_days: int | None = None
) -> Coalition:
    """Close the coalition's data as of ``today``: its links stop taking stories, the retention clock starts.

    ``retention_days`` (the RETENTION_DAYS setting) fixes the period now; closing twice keeps the first date.
    """
    if coalition.data_closed_on is None:
        coalition.data_closed_on = today
        if retention_days is not None:
            coalition.retention_days = retention_days
        session.add(coalition)
        session.flush()
    return coalition


def expired(session: Session, *, today: date) -> list[Coalition]:
    """Coalitions whose data was closed and whose retention period ended before ``today``."""
    closed = session.exec(
        select(Coalition).where(col(Coalition.data_closed_on).is_not(None)).order_by(col(Coalition.slug))
    )
    return [c for c in closed if (last := purge_after(c)) is not None and last < today]


@dataclass(frozen=True)
class PurgeReport:
    """What ``purge_expired`` did; ``files_scrubbed`` is False when SQLite readers kept the WAL."""

    purged: list[Purged]
    files_scrubbed: bool


def purge_expired(session: Session, *, today: date, dry_run: bool = False) -> PurgeReport:
    """Purge every expired coalition, one transaction each; with ``dry_run`` only count what would go."""
    done = []
    for coalition in expired(session, today=today):
        closed_on, last = coalition.data_closed_on, purge_after(coalition)
        assert closed_on is not None and last is not None  # noqa: S101 - expired() only returns closed ones
        if dry_run:
            rows = {"story": _count(session, Story, Story.coalition_id == coalition.id)}
        else:
            rows = purge_coalition(session, coalition)
            session.commit()
        done.append(Purged(coalition.slug, closed_on, last, rows))
    session.rollback()  # end the read transaction: a checkpoint cannot pass our own reader
    scrubbed = dry_run or scrub_sqlite_files(session.get_bind())  # also finishes an earlier, blocked one
    return PurgeReport(done, scrubbed)


def purge_coalition(session: Session, coalition: Coalition) -> dict[str, int]:
    """Delete the coalition and everything under it (users stay); return the rows deleted per table.

    Every table under a coalition reaches it through ON DELETE CASCADE; what the database cannot follow
    is done here: story ids held in JSON by other coalitions' cross-regional theme runs, and the
    coalition's id in their ``coalition_ids``. The caller commits.
    """
    before = row_counts(session)
    story_ids = list(session.exec(select(Story.id).where(Story.coalition_id == coalition.id)))
    forget_stories(session, story_ids)
    for run in session.exec(select(ThemeRun).where(ThemeRun.coalition_id != coalition.id)):
        if coalition.id in (run.coalition_ids or []):
            run.coalition_ids = [c for c in run.coalition_ids if c != coalition.id]
            session.add(run)
    session.flush()
    session.execute(sa.delete(Coalition).where(col(Coalition.id) == coalition.id))
    session.expire_all()
    after = row_counts(session)
    return {table: n - after.get(table, 0) for table, n in before.items() if n != after.get(table, 0)}


def delete_stories(session: Session, story_ids: Sequence[str]) -> int:
    """Delete stories and everything derived from them (cascades, plus JSON references); the caller commits."""
    forget_stories(session, story_ids)
    deleted = 0
    for chunk in _chunks(story_ids):
        result = session.execute(sa.delete(Story).where(col(Story.id).in_(chunk)))
        deleted += int(getattr(result, "rowcount", 0) or 0)
    session.expire_all()
    return deleted


def forget_stories(session: Session, story_ids: Sequence[str]) -> None:
    """Remove story ids from what holds them outside a foreign key, before the stories are deleted:
    theme sizes and run counts, themes' representative stories, and facilitators' replayed theme edits."""
    gone = set(story_ids)
    if not gone:
        return
    per_theme: Counter[int] = Counter()
    per_run: Counter[int] = Counter()
    for chunk in _chunks(story_ids):
        query = select(ThemeMember.theme_id, ThemeMember.run_id).where(col(ThemeMember.story_id).in_(chunk))
        for theme_id, run_id in session.exec(query):
            per_theme[theme_id] += 1
            per_run[run_id] += 1
    for theme in _mentioning(session, Theme, Theme.representatives, story_ids):
        theme.representatives = [s for s in theme.representatives if s not in gone]
        session.add(theme)
    for theme_id, n in per_theme.items():
        theme = session.get(Theme, theme_id)
        if theme is not None:
            theme.size = max(0, theme.size - n)
            session.add(theme)
    for run_id, n in per_run.items():
        run = session.get(ThemeRun, run_id)
        if run is not None:
            run.story_count = max(0, run.story_count - n)
            session.add(run)
    for edit in _mentioning(session, ThemeEdit, ThemeEdit.payload, story_ids):
        payload = _without(edit.payload, gone)
        if payload is None:
            session.delete(edit)
        else:
            edit.payload = payload
            session.add(edit)
    session.flush()


def _without(payload: dict[str, Any], gone: set[str]) -> dict[str, Any] | None:
    # A theme edit names themes by anchors (the story ids they held); None: nothing is left to anchor to.
    if payload.get("story") in gone:
        return None
    result = dict(payload)
    if isinstance(payload.get("anchor"), list):
        result["anchor"] = [s for s in payload["anchor"] if s not in gone]
        if not result["anchor"]:
            return None
    if isinstance(payload.get("anchors"), list):
        result["anchors"] = [[s for s in a if s not in gone] for a in payload["anchors"]]
        if not all(result["anchors"]):
            return None
    return result


def _mentioning(session: Session, model: type[SQLModel], column: Any, story_ids: Sequence[str]) -> list[Any]:
    # Rows whose JSON column mentions any of the ids (story ids are UUIDs: a text match is exact enough).
    found: dict[Any, Any] = {}
    for chunk in _chunks(story_ids, size=50):
        matches = sa.or_(*(sa.cast(column, sa.Text).contains(story_id) for story_id in chunk))
        for row in session.exec(select(model).where(matches)):
            found[sa.inspect(row).identity] = row
    return list(found.values())


def _chunks(ids: Sequence[str], size: int = CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _count(session: Session, model: type[SQLModel], *where: Any) -> int:
    return int(session.execute(sa.select(sa.func.count()).select_from(model).where(*where)).scalar_one())


def row_counts(session: Session) -> dict[str, int]:
    """Rows per table, for every table of the models."""
    import_all_models()
    return {
        table.name: int(session.execute(sa.select(sa.func.count()).select_from(table)).scalar_one())
        for table in SQLModel.metadata.sorted_tables
    }


def orphan_counts(session: Session) -> dict[str, int]:
    """Rows pointing at a row that does not exist, per ``table.column``; only non-zero counts.

    Checks every foreign key of every table with a LEFT JOIN (SQLite only enforces them with the pragma
    on, and a bulk load or a manual fix can get around them), plus the story and coalition ids kept in
    JSON by theme runs and their themes.
    """
    import_all_models()
    found: dict[str, int] = {}
    for table in SQLModel.metadata.sorted_tables:
        for fk in table.foreign_keys:
            parent = fk.column.table.alias("parent")
            child_col, parent_col = fk.parent, parent.c[fk.column.name]
            query = (
                sa.select(sa.func.count())
                .select_from(table.outerjoin(parent, child_col == parent_col))
                .where(child_col.is_not(None), parent_col.is_(None))
            )
            n = int(session.execute(query).scalar_one())
            if n:
                found[f"{table.name}.{fk.parent.name}"] = n
    found.update(_json_orphans(session))
    return found


def _json_orphans(session: Session) -> dict[str, int]:
    found: dict[str, int] = {}
    mentioned = {s for reps in session.exec(select(Theme.representatives)) for s in reps or []}
    missing = len(mentioned - _existing(session, Story.id, list(mentioned)))
    if missing:
        found["theme.representatives"] = missing
    coalitions = {c for ids in session.exec(select(ThemeRun.coalition_ids)) for c in ids or []}
    missing = len(coalitions - _existing(session, Coalition.id, list(coalitions)))
    if missing:
        found["themerun.coalition_ids"] = missing
    return found


def _existing(session: Session, column: Any, ids: Sequence[Any]) -> set[Any]:
    present: set[Any] = set()
    for start in range(0, len(ids), CHUNK):
        present.update(session.exec(select(column).where(col(column).in_(ids[start : start + CHUNK]))))
    return present


def scrub_sqlite_files(bind: Any, *, wait_ms: int | None = None) -> bool:
    """On SQLite, move the WAL into the database file and truncate it, so deleted rows' old page images
    are gone from disk too (``secure_delete`` zeroes them in the database file). True when done (always on
    PostgreSQL); False when readers kept it from finishing within the busy timeout, or ``wait_ms``."""
    engine: Engine = bind.engine if hasattr(bind, "engine") else bind
    if engine.dialect.name != "sqlite":
        return True
    with engine.connect() as conn:
        # A plain (deferred) BEGIN: inside a write transaction SQLite refuses to checkpoint.
        conn.execution_options(sqlite_immediate=False)
        if wait_ms is not None:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait_ms)}")
        try:
            busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").scalar()
        finally:
            if wait_ms is not None:
                conn.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    return not busy
