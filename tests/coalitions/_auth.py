"""Signing in for the flyer and text tests: an account in a coalition, logged in through the real form."""

from __future__ import annotations

import itertools

from flask.testing import FlaskClient
from sqlmodel import Session

from coalitions import accounts
from coalitions.models import Coalition, User

PASSWORD = "een lang wachtwoord 123"
_numbers = itertools.count(1)


def signed_in(client: FlaskClient, session: Session, coalition: Coalition, *, role: str = "member") -> User:
    """Create an account in ``coalition`` and sign ``client`` in with it (the app must have CSRF off)."""
    user = accounts.create_user(
        session, email=f"uitdeler{next(_numbers)}@example.org", role=role, password=PASSWORD
    )
    accounts.add_membership(session, user=user, coalition=coalition, is_lead=False)
    session.commit()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 302, "sign-in failed"
    return user
