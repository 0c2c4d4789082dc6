"""Moving everything from the configured (SQLite) database into an empty PostgreSQL database.

The target is migrated to the newest schema first, then every table is copied in foreign-key order, in
batches, in one target transaction (all or nothing) from one read transaction on the source (a consistent
snapshot while the app keeps running). Integer-keyed sequences are set to the largest copied id, and the
row counts per table are compared at the end.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from vertelpunt import db
from vertelpunt.backup import head_revision, row_counts, safe_url
from vertelpunt.models import import_all_models

BATCH_SIZE = 1000


class MoveError(Exception):
    """The move cannot go ahead or did not copy everything; the message is one line for the operator."""


@dataclass(frozen=True)
class MoveResult:
    """Rows per table in the source snapshot and in the target after the move (equal on success)."""

    source_counts: dict[str, int]
    target_counts: dict[str, int]


def move_database(source_url: str, target_url: str, *, batch_size: int = BATCH_SIZE) -> MoveResult:
    """Copy all data from ``source_url`` into the empty PostgreSQL database at ``target_url``."""
    if make_url(target_url).get_backend_name() != "postgresql":
        raise MoveError("the target must be a PostgreSQL URL (postgresql://user@host/dbname)")
    if make_url(source_url) == make_url(target_url):
        raise MoveError("the target is the configured database itself")
    import_all_models()
    source = db.make_engine(source_url)
    target = sa.create_engine(target_url)
    try:
        _check_source(source)
        _check_target_empty(target, target_url)
        db.upgrade(target_url)
        _check_target_empty(target, target_url)
        source_counts = _copy(source, target, batch_size)
        with target.connect() as conn:
            target_counts = row_counts(conn)
    except sa.exc.OperationalError as exc:
        raise MoveError(f"database error: {exc.orig}") from None
    finally:
        source.dispose()
        target.dispose()
    differ = [
        f"{name} {n} -> {target_counts.get(name)}"
        for name, n in source_counts.items()
        if target_counts.get(name) != n
    ]
    if differ:
        raise MoveError(f"row counts differ after the move: {'; '.join(differ)}")
    return MoveResult(source_counts=source_counts, target_counts=target_counts)


def _check_source(source: sa.Engine) -> None:
    with source.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
        revision = (
            conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
            if "alembic_version" in tables
            else None
        )
    if revision is None:
        raise MoveError("the configured database has no Vertelpunt schema (run: vertelpunt init-db)")
    if revision != head_revision():
        raise MoveError(
            f"the configured database is at revision {revision}; run `vertelpunt db upgrade` first"
        )


def _check_target_empty(target: sa.Engine, url: str) -> None:
    ours = {table.name for table in SQLModel.metadata.sorted_tables} | {"alembic_version"}
    with target.connect() as conn:
        present = set(sa.inspect(conn).get_table_names())
        foreign = sorted(present - ours)
        if foreign:
            raise MoveError(
                f"{safe_url(url)} is not empty (it has tables {', '.join(foreign[:5])}); use a new database"
            )
        filled = [name for name, count in row_counts(conn).items() if count]
    if filled:
        raise MoveError(f"{safe_url(url)} is not empty (rows in {', '.join(filled[:5])}); use a new database")


def _copy(source: sa.Engine, target: sa.Engine, batch_size: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    # Deferred BEGIN on SQLite: the first SELECT fixes the snapshot every later SELECT reads.
    with source.connect() as src, src.begin(), target.begin() as dst:
        for table in SQLModel.metadata.sorted_tables:
            expected = src.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            rows = src.execution_options(yield_per=batch_size).execute(
                sa.select(table).order_by(*table.primary_key.columns)
            )
            copied = 0
            for batch in rows.partitions():
                dst.execute(table.insert(), [dict(row._mapping) for row in batch])
                copied += len(batch)
            if copied != expected:
                raise MoveError(f"{table.name}: read {copied} rows, expected {expected}; nothing was moved")
            counts[table.name] = copied
        _reset_sequences(dst)
    return counts


def _reset_sequences(conn: sa.Connection) -> None:
    """Point each integer primary key's sequence past the largest copied id."""
    for table in SQLModel.metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or not isinstance(keys[0].type, sa.Integer):
            continue
        sequence = conn.execute(
            sa.text("SELECT pg_get_serial_sequence(:table, :column)"),
            {"table": f'"{table.name}"', "column": keys[0].name},
        ).scalar()
        if sequence is None:
            continue
        largest = conn.execute(sa.select(sa.func.max(keys[0]))).scalar()
        # setval(seq, 1, false): the next id is 1 for an empty table.
        conn.execute(
            sa.text("SELECT setval(:sequence, :value, :called)"),
            {"sequence": sequence, "value": largest or 1, "called": largest is not None},
        )
