"""Fixtures of the sensemaking screen tests: the coalition screens' app (CSRF off) and a coalition."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from coalitions.models import Coalition
from tests.coalitions.conftest import app  # noqa: F401 - the app fixture, CSRF off, shared with the coalition screens
from tests.factories import make_coalition


@pytest.fixture
def coalition(session: Session) -> Coalition:
    """The coalition whose screens a test looks at (a test module may give its own, with stories)."""
    return make_coalition(session, slug="regio-oost", name="Regio Oost")
