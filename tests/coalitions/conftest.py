"""Shared helpers for the coalition screen tests."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlmodel import Session

from coalitions.models import Coalition, User
from tests.coalitions.staff_helpers import make_user, sign_in


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
