"""Database wiring: one engine per app, a session per app context, SQLite pragmas, Alembic migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session

MIGRATIONS = Path(__file__).parent / "migrations"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def init_app(app: Flask) -> None:
    """Create the app's engine and close the session at the end of every app context."""
    engine = make_engine(app.config["DATABASE_URL"])
    app.extensions["engine"] = engine
    app.teardown_appcontext(close_session)


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and explicit transaction control."""
    # hide_parameters: an error message never carries a story's text into a log.
    if not url.startswith("sqlite"):
        return sa.create_engine(url, pool_pre_ping=True, hide_parameters=True)
    engine = sa.create_engine(
        url, connect_args={"check_same_thread": False, "timeout": 5}, hide_parameters=True
    )
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Hand transaction control to SQLAlchemy so _begin_sqlite can choose BEGIN IMMEDIATE.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    for pragma in (
        "journal_mode=WAL",
        "busy_timeout=5000",
        "synchronous=NORMAL",
        "foreign_keys=ON",
        "secure_delete=ON",
    ):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _begin_sqlite(conn: sa.Connection) -> None:
    # A deferred transaction that reads and then writes fails with SQLITE_BUSY at once when another
    # writer got in between, whatever the busy timeout; write transactions take the lock up front.
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def get_engine() -> Engine:
    """The current app's engine."""
    engine: Engine = current_app.extensions["engine"]
    return engine


def get_session() -> Session:
    """Return this app context's session, opening it on first use.

    Requests that may write (POST and friends) and CLI commands get a session whose SQLite
    transactions begin IMMEDIATE; GET requests never write and read concurrently.
    """
    if "db_session" not in g:
        writes = not has_request_context() or request.method in WRITE_METHODS
        g.db_session = new_session(get_engine(), writes=writes)
    session: Session = g.db_session
    return session


def read_session() -> Session:
    """Swap this app context's session for one that reads without taking SQLite's write lock first.

    For a page shown after a write failed (database locked or full): it must render while another
    connection may still hold the lock. Also for a POST that reads a lot before one short write, which
    then goes through ``write_session``.
    """
    close_session()
    session = new_session(get_engine(), writes=False)
    g.db_session = session
    return session


@contextmanager
def write_session() -> Iterator[Session]:
    """A session of its own for one short write transaction (SQLite: BEGIN IMMEDIATE), closed after.

    SQLite has one write lock for all workers: taking it only around the insert, not for the whole
    request (link lookup, form parsing, validation), is what lets story submissions run side by side.
    PostgreSQL locks rows, not the database: there the request's own session (one connection) serves.
    """
    engine = get_engine()
    if engine.dialect.name != "sqlite":
        yield get_session()
        return
    session = new_session(engine, writes=True)
    try:
        yield session
    finally:
        session.close()


def new_session(engine: Engine, *, writes: bool = True) -> Session:
    """Open a session on ``engine``; ``writes`` makes SQLite transactions take the write lock first."""
    bind = engine.execution_options(sqlite_immediate=True) if writes else engine
    return Session(bind=bind, expire_on_commit=False)


def close_session(_exc: BaseException | None = None) -> None:
    """Close the app context's session, rolling back anything uncommitted."""
    session = g.pop("db_session", None)
    if session is not None:
        session.close()


def alembic_config(url: str) -> AlembicConfig:
    """An Alembic configuration for the shipped migrations against ``url``."""
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url`` to ``revision``."""
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    """Migrate the database at ``url`` down to ``revision``."""
    command.downgrade(alembic_config(url), revision)


class _Row(Protocol):
    @property
    def id(self) -> int | None: ...


def saved_id(row: _Row) -> int:
    """The primary key of a row that is in the database already (added and flushed).

    Rows get their integer id from the database, so the model types say ``int | None``; code that links
    a new row to an existing one uses this instead of passing ``None`` on to a NOT NULL column.
    """
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet: add and flush it first")
    return row.id


@contextmanager
def transaction(session: Session) -> Iterator[Session]:
    """Commit on success, roll back on any error."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
