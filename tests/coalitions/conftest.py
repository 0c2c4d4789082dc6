"""Shared fixtures and helpers for the coalition screen tests (the sensemaking screen tests use them too)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from coalitions.models import Coalition, User
from tests.coalitions.staff_helpers import make_user, sign_in
from tests.conftest import make_app


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    """The app with CSRF off, so that tests sign in and post with plain requests (CSRF tests build their own)."""
    application = make_app(database_url, WTF_CSRF_ENABLED=False)
    yield application
    application.extensions["engine"].dispose()


def login(
    client: FlaskClient,
    session: Session,
    *,
    role: str = "member",
    coalition: Coalition | None = None,
    lead: bool = True,
) -> User:
    """Create an account (in ``coalition``, if given) and sign ``client`` in with it (CSRF must be off)."""
    user = make_user(session, role=role, coalition=coalition, lead=lead)
    response = sign_in(client, user)
    assert response.status_code == 302, "sign-in failed (is CSRF off for this app?)"
    return user
