"""Helpers for the response monitoring tests: a signed-in member, stories through real links, and an
independent reading of a breakdown by someone trying to recover the small counts."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from coalitions import accounts
from coalitions.models import Coalition, InviteLink, User
from coalitions.monitoring import HIDDEN, Shown
from vertelpunt import services

PASSWORD = "een lang wachtwoord 123"
_n = itertools.count(1)


def member_of(session: Session, coalition: Coalition) -> User:
    """A member account (a lead) of ``coalition``."""
    user = accounts.create_user(
        session, email=f"monitor{next(_n)}@example.org", role="member", password=PASSWORD
    )
    accounts.add_membership(session, user=user, coalition=coalition, is_lead=True)
    session.commit()
    return user


def signed_in(app: Flask, user: User) -> FlaskClient:
    """A test client signed in as ``user`` through the login form."""
    client = app.test_client()
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code in (302, 303), response.status_code
    return client


def tell(session: Session, link: InviteLink, *, day: date, n: int = 1, **answers: Any) -> None:
    """Store ``n`` stories told through ``link`` on ``day`` with these answers."""
    questionnaire, _definition = services.current_questionnaire(session)
    for _ in range(n):
        services.submit_story(
            session,
            link=link,
            questionnaire=questionnaire,
            submission_id=str(uuid.uuid4()),
            title="Een verhaal",
            text="Wat er gebeurde, in een paar zinnen verteld.",
            answers=dict(answers),
            language="nl",
            day=day,
        )


def feasible_small_values(
    shown: Mapping[str, Shown], total: Shown, *, threshold: int = 5
) -> dict[str, set[int]]:
    """For each cell shown as "<5": every value a reader could still think it has.

    The reader knows the shown numbers and the total (or that it is 1-4), that "<5" means 1-4, that a
    hidden (×) cell is 0 or at least the threshold, and that hidden cells were picked smallest first:
    no larger than a shown non-zero cell after them in the list, smaller than one before them; a zero only
    when no non-zero cell is shown and no zero is shown before it. Plain set arithmetic, written apart
    from the bit sets in ``coalitions.monitoring`` so the two can check each other.
    """
    small = f"<{threshold}"
    keys = list(shown)
    shown_sum = sum(v for v in shown.values() if isinstance(v, int))
    totals = set(range(1, threshold)) if total == small else {int(total)}
    sums = {t - shown_sum for t in totals if t >= shown_sum}
    top = max(sums)
    nonzero = [(p, v) for p, v in enumerate(shown.values()) if isinstance(v, int) and v > 0]
    zeros = [p for p, v in enumerate(shown.values()) if v == 0]

    def domain(position: int) -> set[int]:
        if shown[keys[position]] == small:
            return set(range(1, threshold))
        upper = min([v if position < p else v - 1 for p, v in nonzero] + [top])
        values = set(range(threshold, upper + 1))
        if not nonzero and all(p > position for p in zeros):
            values.add(0)
        return values

    hidden = [p for p, key in enumerate(keys) if not isinstance(shown[key], int)]
    result = {}
    for p in hidden:
        if shown[keys[p]] != small:
            continue
        reach = {0}
        for q in hidden:
            if q != p:
                reach = {r + v for r in reach for v in domain(q) if r + v <= top}
        result[keys[p]] = {v for v in domain(p) if any(s - v in reach for s in sums)}
    return result


def check_breakdown(
    counts: Mapping[str, int], shown: Mapping[str, Shown], total: Shown, threshold: int = 5
) -> None:
    """Assert the small-cell rule for one breakdown with true ``counts`` shown as ``shown`` beside ``total``."""
    small = f"<{threshold}"
    assert list(shown) == list(counts)
    assert total == (small if 0 < sum(counts.values()) < threshold else sum(counts.values()))
    withheld = all(v == HIDDEN for v in shown.values())
    for key, value in shown.items():
        if isinstance(value, int):
            assert value == counts[key], "a shown count must be the true count"
            assert not 0 < value < threshold, f"{key}: {value} is a small count shown"
        elif value == small:
            assert 0 < counts[key] < threshold
        else:
            assert value == HIDDEN
        if 0 < counts[key] < threshold:
            assert value == (HIDDEN if withheld else small)
    if isinstance(total, int) and not withheld:
        rest = total - sum(v for v in shown.values() if isinstance(v, int))
        assert rest == 0 or rest >= threshold, f"total - shown cells = {rest}, a small group"
    if not withheld:
        for key, values in feasible_small_values(shown, total, threshold=threshold).items():
            assert counts[key] in values
            assert len(values) >= 2, f"{key} can be worked out: {values}"
