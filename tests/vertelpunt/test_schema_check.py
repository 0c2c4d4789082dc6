"""`vertelpunt db check`: Alembic's check passes on the shipped migrations and reports a drift."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlmodel import SQLModel

from vertelpunt import db, schema_check
from vertelpunt.models import import_all_models


def drifted_metadata() -> sa.MetaData:
    """A copy of the models' metadata with one column the migrations do not have."""
    import_all_models()
    copy = sa.MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(copy)
    copy.tables["story"].append_column(sa.Column("mood", sa.String(20), nullable=True))
    return copy


def test_fresh_database_matches_the_models() -> None:
    schema_check.check_fresh()


def test_a_column_missing_from_the_migrations_is_reported() -> None:
    with pytest.raises(schema_check.SchemaDrift) as caught:
        schema_check.check_fresh(metadata=drifted_metadata())
    assert caught.value.operations == ["add_column story mood"]


def test_a_database_behind_the_migrations_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    db.upgrade(url, "0001")
    with pytest.raises(schema_check.NotMigrated):
        schema_check.check(url)


def test_command_passes_on_the_shipped_migrations(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output
    assert "models and migrations agree" in result.output


def test_command_checks_the_configured_database(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["db", "check", "--url"])
    assert result.exit_code == 0, result.output
    assert "models and migrations agree" in result.output


def test_command_fails_and_lists_the_drift(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    drifted = drifted_metadata()
    fresh = schema_check.check_fresh
    monkeypatch.setattr(schema_check, "check_fresh", lambda: fresh(metadata=drifted))
    result = app.test_cli_runner().invoke(args=["db", "check"])
    assert result.exit_code == 1
    assert "add_column story mood" in result.output
    assert "the models and the migrations differ" in result.output
