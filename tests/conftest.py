"""Fixtures: an app on a fresh database per test (SQLite file, or PostgreSQL via TEST_DATABASE_URL)."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, SQLModel

from vertelpunt import db, services
from vertelpunt.app import create_app
from vertelpunt.config import normalise_database_url
from vertelpunt.limits import limiter
from vertelpunt.models import import_all_models

PG_URL = os.environ.get("TEST_DATABASE_URL")
TOKEN_FIELD = re.compile(r'name="submission" type="hidden" value="([^"]+)"')


def _reset_postgres(url: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Migrate one database per test session; SQLite tests copy it, PostgreSQL tests truncate it."""
    if PG_URL:
        url = normalise_database_url(PG_URL)
        _reset_postgres(url)
        db.upgrade(url)
        return url
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    url = f"sqlite:///{path}"
    db.upgrade(url)
    engine = db.make_engine(url)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return str(path)


@pytest.fixture
def database_url(database_template: str, tmp_path: Path) -> str:
    """A clean, migrated database for one test."""
    if PG_URL:
        import_all_models()
        engine = sa.create_engine(database_template)
        names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        engine.dispose()
        return database_template
    path = tmp_path / "test.sqlite"
    shutil.copyfile(database_template, path)
    return f"sqlite:///{path}"


def make_app(database_url: str, **overrides: Any) -> Flask:
    """An app configured for tests on ``database_url``, with the questionnaire loaded."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE_URL": database_url,
        "RATELIMIT_ENABLED": False,
        "BASE_URL": "http://localhost",
        # Tests change links between requests; the few-second window has tests of its own (test_form_pages).
        "SHARE_LINK_CHECK_SECONDS": 0,
    }
    config.update(overrides)
    app = create_app(config)
    with app.app_context():
        session = db.get_session()
        services.load_questionnaire(session)
        session.commit()
    return app


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    """The application on a fresh database."""
    application = make_app(database_url)
    yield application
    application.extensions["engine"].dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client."""
    return app.test_client()


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """A database session on the test app's engine, outside any request."""
    # No app context is pushed here: requests made during the test must get their own (and their own g).
    # Deferred transactions: a test reading the database must not hold the write lock the app needs.
    s = db.new_session(app.extensions["engine"], writes=False)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _reset_rate_limits() -> Iterator[None]:
    yield
    try:
        limiter.reset()
    except Exception:  # noqa: BLE001, S110 - storage not initialised in tests that build no app
        pass


def submission_token(html: str) -> str:
    """The submission token in a rendered story form."""
    match = TOKEN_FIELD.search(html)
    assert match, "no submission token in the page"
    return match.group(1)
