"""Staff test helpers: accounts and signing in through the real login form."""

from __future__ import annotations

import itertools

from flask.testing import FlaskClient
from sqlmodel import Session

from coalitions import accounts
from coalitions.models import Coalition, User

PASSWORD = "een lang wachtwoord 123"
_n = itertools.count(1)


def make_user(
    session: Session,
    *,
    role: str = "member",
    coalition: Coalition | None = None,
    lead: bool = True,
    email: str | None = None,
) -> User:
    """An account with PASSWORD, optionally in a coalition."""
    user = accounts.create_user(
        session, email=email or f"persoon{next(_n)}@example.org", role=role, password=PASSWORD
    )
    if coalition is not None:
        accounts.add_membership(session, user=user, coalition=coalition, is_lead=lead)
    session.commit()
    return user


def sign_in(client: FlaskClient, user: User, password: str = PASSWORD, **kwargs: object) -> object:
    """POST the login form (the test app has CSRF off unless the test says otherwise)."""
    return client.post("/login", data={"email": user.email, "password": password}, **kwargs)
