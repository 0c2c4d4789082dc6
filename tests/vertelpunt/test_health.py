"""`GET /health`: database and Redis reachability for load balancers, revealing nothing else."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from tests.conftest import make_app
from vertelpunt.app import create_app

REDIS_URL = "redis://127.0.0.1:6379/13"
CLOSED_PORT_REDIS = "redis://127.0.0.1:1/0"
BROKEN_DATABASES = [
    # PostgreSQL on a port nobody listens on, and SQLite in a directory that does not exist.
    "postgresql+psycopg://vertelpunt:geheim@127.0.0.1:1/vertelpunt",
    "sqlite:////nonexistent-vertelpunt-dir/vertelpunt.sqlite",
]


@pytest.fixture
def apps() -> Iterator[list[Flask]]:
    """Apps a test makes; their engines are closed afterwards."""
    made: list[Flask] = []
    yield made
    for application in made:
        application.extensions["engine"].dispose()


def _health(app: Flask) -> tuple[int, dict[str, Any], Any]:
    response = app.test_client().get("/health")
    return response.status_code, response.get_json(), response


def test_all_up_without_redis(app: Flask) -> None:
    status, body, response = _health(app)
    assert status == 200
    assert body == {"status": "ok", "database": "ok", "redis": "not configured"}
    assert response.mimetype == "application/json" and response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers  # no account, no session


def test_all_up_with_redis(database_url: str, apps: list[Flask]) -> None:
    apps.append(make_app(database_url, REDIS_URL=REDIS_URL))
    status, body, _ = _health(apps[0])
    assert (status, body) == (200, {"status": "ok", "database": "ok", "redis": "ok"})


@pytest.mark.parametrize("url", BROKEN_DATABASES)
def test_unreachable_database_is_503_and_says_only_fail(
    url: str, apps: list[Flask], caplog: pytest.LogCaptureFixture
) -> None:
    # create_app, not make_app: there is no database to load a questionnaire into.
    apps.append(create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": url}))
    caplog.set_level(logging.WARNING, logger="vertelpunt.health")
    status, body, response = _health(apps[0])
    assert status == 503
    assert body == {"status": "fail", "database": "fail", "redis": "not configured"}
    text = response.get_data(as_text=True)
    for detail in ("127.0.0.1", "nonexistent", "geheim", "psycopg", "sqlite", "Error", "Traceback"):
        assert detail not in text
    # The log says what kind of failure, without the URL (it may hold a password).
    assert "health: database unreachable (OperationalError)" in caplog.text
    assert "geheim" not in caplog.text and "nonexistent" not in caplog.text


def test_redis_on_a_closed_port_is_503(
    database_url: str, apps: list[Flask], caplog: pytest.LogCaptureFixture
) -> None:
    apps.append(make_app(database_url, REDIS_URL=CLOSED_PORT_REDIS))
    caplog.set_level(logging.WARNING, logger="vertelpunt.health")
    status, body, response = _health(apps[0])
    assert (status, body) == (503, {"status": "fail", "database": "ok", "redis": "fail"})
    assert ":1/" not in response.get_data(as_text=True)
    assert "health: Redis unreachable (ConnectionError)" in caplog.text


def test_rate_limit_redis_is_checked_too(database_url: str, apps: list[Flask]) -> None:
    apps.append(make_app(database_url, RATELIMIT_STORAGE_URI=CLOSED_PORT_REDIS))
    status, body, _ = _health(apps[0])
    assert (status, body) == (503, {"status": "fail", "database": "ok", "redis": "fail"})


def test_health_needs_no_account_in_production(database_url: str, apps: list[Flask]) -> None:
    apps.append(
        make_app(database_url, TESTING=False, ENV="production", SECRET_KEY="k" * 48, RATELIMIT_ENABLED=True)
    )
    status, body, _ = _health(apps[0])
    assert status == 200 and body["status"] == "ok"
