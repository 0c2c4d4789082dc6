"""Withdrawal (RELIABILITY row 33): a one-time code shown once after sharing, stored only as a hash, that
deletes exactly one story and everything derived from it; wrong codes are rate-limited and tell nothing."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html import unescape
from pathlib import Path

import pytest
import sqlalchemy as sa
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from coalitions import retention
from coalitions.models import InviteLink
from sensemaking.models import StoryMark, StoryReview, Theme, ThemeMember, ThemeRun
from tests.conftest import PG_URL, make_app, submission_token
from tests.factories import local_today, make_link, story_form
from vertelpunt import withdrawal
from vertelpunt.models import Answer, Story

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
CODE = re.compile(r'<p class="code" translate="no"><strong>([a-z0-9 ]+)</strong></p>')
GONE = "Je verhaal is verwijderd"
WRONG = "Deze code werkt niet"


def share(
    client: FlaskClient, link: InviteLink, token: str | None = None, **overrides: str
) -> tuple[str, str]:
    """Send a story through the form; return the redirect location and the code the thank-you page shows."""
    if token is None:
        token = submission_token(client.get(f"/i/{link.token}").get_data(as_text=True))
    sent = client.post(
        f"/i/{link.token}", data={"submission": token, **story_form(**overrides)}, headers=SAME_ORIGIN
    )
    assert sent.status_code == 303
    location = sent.headers["Location"]
    match = CODE.search(client.get(location).get_data(as_text=True))
    return location, match.group(1) if match else ""


def withdraw(client: FlaskClient, code: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    response = client.post(
        "/intrekken", data={"code": code}, headers=SAME_ORIGIN if headers is None else headers
    )
    return response.status_code, unescape(response.get_data(as_text=True))


def stories(session: Session) -> list[Story]:
    session.rollback()
    return list(session.exec(select(Story)))


def test_thank_you_page_shows_a_code_once_and_the_story_keeps_only_its_hash(
    client: FlaskClient, session: Session
) -> None:
    link = make_link(session)
    location, code = share(client, link)
    assert re.fullmatch(r"[a-z2-9]{4} [a-z2-9]{4} [a-z2-9]{4}", code)
    assert all(c in withdrawal.SHORT_CODE_ALPHABET for c in code.replace(" ", ""))
    page = unescape(client.get(location).get_data(as_text=True))
    assert "Wil je je verhaal later toch terugtrekken? Bewaar deze code" in page
    assert "/intrekken" in page
    compact = code.replace(" ", "")
    assert compact not in location  # the redirect carries a ticket, not the code
    (story,) = stories(session)
    assert story.withdraw_hash == hashlib.sha256(compact.encode()).hexdigest()
    # Without the ticket, or with a mangled one, the page shows no code.
    plain = client.get(location.split("?")[0]).get_data(as_text=True)
    assert not CODE.search(plain) and "Bedankt voor je verhaal" in plain
    assert not CODE.search(client.get(location + "x").get_data(as_text=True))


def test_the_ticket_expires_after_a_few_minutes(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    location, code = share(client, link)
    assert code
    now = datetime.now(UTC)
    with time_machine.travel(now + timedelta(seconds=withdrawal.TICKET_MAX_AGE - 30), tick=False):
        assert CODE.search(client.get(location).get_data(as_text=True))
    with time_machine.travel(now + timedelta(seconds=withdrawal.TICKET_MAX_AGE + 30), tick=False):
        assert not CODE.search(client.get(location).get_data(as_text=True))


def sqlite_files(app: Flask) -> list[Path]:
    path = Path(sa.make_url(app.config["DATABASE_URL"]).database or "")
    return [p for p in (path, path.with_name(path.name + "-wal")) if p.exists()]


def test_no_plaintext_code_in_the_database(app: Flask, client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    _, code = share(client, link)
    compact = code.replace(" ", "")
    session.rollback()
    if PG_URL:
        dumped = " ".join(str(row) for row in session.execute(sa.text("SELECT * FROM story")).all())
        assert compact not in dumped and code not in dumped
        return
    data = b"".join(p.read_bytes() for p in sqlite_files(app))
    assert story_form()["text"].encode() in data  # the grep does find what is stored
    assert compact.encode() not in data and code.encode() not in data
    assert compact.upper().encode() not in data


def test_the_code_withdraws_exactly_one_story_and_what_came_from_it(
    client: FlaskClient, session: Session
) -> None:
    link = make_link(session)
    _, first = share(client, link, title="Eerste")
    _, second = share(client, link, title="Tweede")
    assert first != second
    by_title = {s.title: s for s in stories(session)}
    mine, other = by_title["Eerste"], by_title["Tweede"]
    run = ThemeRun(
        coalition_id=link.coalition_id, coalition_ids=[link.coalition_id], status="done", story_count=2
    )
    session.add(run)
    session.flush()
    theme = Theme(
        run_id=run.id, number=1, label="t", proposed_label="t", representatives=[mine.id, other.id], size=2
    )
    session.add(theme)
    session.flush()
    for story in (mine, other):
        session.add(ThemeMember(run_id=run.id, story_id=story.id, theme_id=theme.id))  # type: ignore[arg-type]
        session.add(StoryMark(story_id=story.id, coalition_id=link.coalition_id, marked_on=local_today()))
        session.add(
            StoryReview(story_id=story.id, title=story.title, text=story.text, reviewed_on=local_today())
        )
    session.commit()

    status, page = withdraw(client, first.upper().replace(" ", "-"))  # typed loosely: still the code
    assert status == 200 and GONE in page
    assert [s.title for s in stories(session)] == ["Tweede"]
    assert session.exec(select(Answer.story_id).distinct()).all() == [other.id]
    for model in (StoryMark, StoryReview, ThemeMember):
        assert [row.story_id for row in session.exec(select(model))] == [other.id]
    session.expire_all()
    assert session.get(Theme, theme.id).representatives == [other.id]  # type: ignore[union-attr]
    assert session.get(Theme, theme.id).size == 1  # type: ignore[union-attr]
    assert retention.orphan_counts(session) == {}


def test_the_code_works_once_and_wrong_codes_tell_nothing(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    link = make_link(session)
    _, code = share(client, link, text="Een verhaal met KANARIE-intrekken erin, dat weer weg moet.")
    assert withdraw(client, code)[0] == 200
    if not PG_URL:  # no reader was open, so the WAL was checkpointed and truncated: no bytes left
        assert b"KANARIE-intrekken" not in b"".join(p.read_bytes() for p in sqlite_files(app))
    again_status, again = withdraw(client, code)
    never_status, never = withdraw(client, "abcd efgh jkmn")
    junk_status, junk = withdraw(client, "<script>")
    assert again_status == never_status == junk_status == 422
    assert WRONG in again and again == never == junk
    assert stories(session) == []


def test_cross_site_posts_are_refused(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    _, code = share(client, link)
    status, _ = withdraw(client, code, headers={"Sec-Fetch-Site": "cross-site"})
    assert status == 403
    status, _ = withdraw(client, code, headers={"Origin": "https://evil.example"})
    assert status == 403
    assert len(stories(session)) == 1


def test_a_double_submit_shows_the_same_code_and_stores_one_story(
    client: FlaskClient, session: Session
) -> None:
    link = make_link(session)
    token = submission_token(client.get(f"/i/{link.token}").get_data(as_text=True))
    _, first = share(client, link, token=token)
    _, second = share(client, link, token=token)
    assert first and second == first
    assert len(stories(session)) == 1
    assert withdraw(client, first)[0] == 200
    assert stories(session) == []


def test_the_page_in_english_and_dutch(client: FlaskClient) -> None:
    dutch = client.get("/intrekken")
    assert dutch.status_code == 200 and 'lang="nl"' in dutch.get_data(as_text=True)
    assert 'name="code"' in dutch.get_data(as_text=True)
    english = client.get("/intrekken?lang=en").get_data(as_text=True)
    assert 'lang="en"' in english and 'action="/intrekken?lang=en"' in english


@pytest.fixture
def limited_app(database_url: str) -> Iterator[Flask]:
    app = make_app(database_url, RATELIMIT_ENABLED=True, WITHDRAW_LIMIT="3 per hour")
    yield app
    app.extensions["engine"].dispose()


def test_wrong_codes_are_rate_limited_per_address(limited_app: Flask) -> None:
    from vertelpunt.db import new_session

    session = new_session(limited_app.extensions["engine"])
    link = make_link(session)
    session.close()
    client = limited_app.test_client()
    _, code = share(client, link)
    assert withdraw(client, code)[0] == 200  # a right code does not count
    assert [withdraw(client, "abcd efgh jkmn")[0] for _ in range(3)] == [422, 422, 422]
    status, page = withdraw(client, "abcd efgh jkmn")
    assert status == 429 and "te vaak geprobeerd" in page and 'name="code"' in page
    other = limited_app.test_client()
    assert (
        other.post(
            "/intrekken", data={"code": "x"}, headers=SAME_ORIGIN, environ_base={"REMOTE_ADDR": "10.0.0.9"}
        ).status_code
        == 422
    )  # another address is not blocked
