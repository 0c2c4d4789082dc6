"""Alembic: migrations build the schema the models describe, and go down and up again."""

from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel

from vertelpunt import db
from vertelpunt.config import normalise_database_url
from vertelpunt.models import import_all_models


def fresh_url(tmp_path: Path) -> str:
    """An empty database of its own: a file for SQLite, a separate database on the PostgreSQL server."""
    pg = os.environ.get("TEST_DATABASE_URL")
    if not pg:
        return f"sqlite:///{tmp_path / 'migrate.sqlite'}"
    server = sa.make_url(normalise_database_url(pg))
    name = f"{server.database}_migrations"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def drift(url: str) -> list[object]:
    import_all_models()
    engine = db.make_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), SQLModel.metadata
        )
    engine.dispose()
    return diff


def test_upgrade_from_empty_matches_the_models(tmp_path: Path) -> None:
    url = fresh_url(tmp_path)
    db.upgrade(url)
    assert drift(url) == []


def test_downgrade_to_base_and_up_again(tmp_path: Path) -> None:
    url = fresh_url(tmp_path)
    db.upgrade(url)
    db.downgrade(url, "base")
    engine = db.make_engine(url)
    assert set(sa.inspect(engine).get_table_names()) <= {"alembic_version"}
    engine.dispose()
    db.upgrade(url)
    head = ScriptDirectory.from_config(db.alembic_config(url)).get_current_head()
    engine = db.make_engine(url)
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head
    engine.dispose()
