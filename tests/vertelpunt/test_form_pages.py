"""The rendered-form cache: one render per link and language, a fresh submission id per teller, never stale."""

from __future__ import annotations

import sqlite3
import time
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from coalitions.models import Coalition
from tests.conftest import PG_URL, make_app, submission_token
from tests.factories import make_link, story_form
from vertelpunt import services
from vertelpunt.db import new_session
from vertelpunt.form_pages import SLOT, FormPages, form_pages
from vertelpunt.timeutil import utcnow

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
CANARY = "Mijn verhaal over de wachtlijst en de fijne begeleider die bleef bellen."


class Clock:
    """A timer the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def counting(html: str) -> tuple[list[str], Any]:
    """A render function that records each call and puts the slot where the submission id goes."""
    calls: list[str] = []

    def render(slot: str) -> str:
        calls.append(slot)
        return html.replace("{id}", slot)

    return calls, render


def test_a_page_is_rendered_once_and_each_request_gets_its_own_submission_id() -> None:
    pages = FormPages(60)
    calls, render = counting('<input name="submission" value="{id}">')
    first = pages.page(("nl", 1), "token-a", render)
    second = pages.page(("nl", 1), "token-b", render)
    assert first == '<input name="submission" value="token-a">'
    assert second == '<input name="submission" value="token-b">'
    assert calls == [SLOT] and len(pages) == 1


def test_another_key_renders_again() -> None:
    pages = FormPages(60)
    calls, render = counting("<p>{id}</p>")
    pages.page(("nl", 1), "a", render)
    pages.page(("en", 1), "b", render)
    pages.page(("nl", 2), "c", render)
    assert len(calls) == 3 and len(pages) == 3


def test_entries_expire_and_the_cache_stays_bounded() -> None:
    clock = Clock()
    pages = FormPages(10, size=2, timer=clock)
    calls, render = counting("<p>{id}</p>")
    pages.page("a", "1", render)
    clock.now = 11
    pages.page("a", "2", render)  # expired: rendered again
    pages.page("b", "3", render)
    pages.page("c", "4", render)  # the oldest goes
    assert len(calls) == 3 + 1 and len(pages) == 2


def test_a_page_without_exactly_one_slot_is_not_kept() -> None:
    pages = FormPages(60)
    calls, render = counting("<p>{id} and {id}</p>")  # e.g. the id echoed in a second place
    assert pages.page("k", "x", render) == "<p>x and x</p>"
    assert pages.page("k", "y", render) == "<p>y and y</p>"
    assert len(calls) == 2 and len(pages) == 0


def test_zero_seconds_turns_the_cache_off() -> None:
    pages = FormPages(0)
    calls, render = counting("<p>{id}</p>")
    assert pages.page("k", "x", render) == "<p>x</p>"
    pages.page("k", "y", render)
    assert calls == ["x", "y"] and len(pages) == 0


def test_a_link_found_open_is_not_looked_up_again_within_the_window() -> None:
    clock = Clock()
    pages = FormPages(300, check_seconds=2, timer=clock)
    _calls, render = counting("<p>{id}</p>")
    assert pages.recent("tok", "nl", "a") is None  # never checked
    pages.checked("tok", "nl", ("nl", "v1"))
    pages.page(("nl", "v1"), "a", render)
    assert pages.recent("tok", "nl", "b") == "<p>b</p>"
    assert pages.recent("tok", "en", "b") is None  # each language is its own page
    clock.now = 2.5
    assert pages.recent("tok", "nl", "c") is None  # the window is over: look the link up again


def test_without_a_window_every_request_checks_the_link() -> None:
    pages = FormPages(300, check_seconds=0)
    _calls, render = counting("<p>{id}</p>")
    pages.checked("tok", "nl", "key")
    pages.page("key", "a", render)
    assert pages.recent("tok", "nl", "b") is None


# Through the app --------------------------------------------------------------------------------


def test_two_tellers_get_the_same_page_with_different_valid_submission_ids(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    link = make_link(session)
    first = client.get(f"/i/{link.token}").get_data(as_text=True)
    second = client.get(f"/i/{link.token}").get_data(as_text=True)
    token_a, token_b = submission_token(first), submission_token(second)
    assert token_a != token_b
    assert first.replace(token_a, "") == second.replace(token_b, "")
    assert SLOT not in first
    with app.app_context():
        assert len(form_pages()) == 1
    for token in (token_a, token_b):  # both are ids the server signed, and each stores one story
        assert services.read_submission_token(app.config["SECRET_KEY"], token, max_age=60).submission_id
        posted = client.post(
            f"/i/{link.token}", data={"submission": token, **story_form()}, headers=SAME_ORIGIN
        )
        assert posted.status_code == 303


def test_each_language_has_its_own_page(app: Flask, client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    dutch = client.get(f"/i/{link.token}").get_data(as_text=True)
    english = client.get(f"/i/{link.token}?lang=en").get_data(as_text=True)
    assert 'lang="nl"' in dutch and "Deel je ervaring" in dutch
    assert 'lang="en"' in english and "Share your experience" in english
    assert len(app.extensions["form_pages"]) == 2


def test_a_change_to_the_coalition_or_link_shows_at_once(client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    assert client.get(f"/i/{link.token}").status_code == 200
    coalition = session.get(Coalition, link.coalition_id)
    assert coalition is not None
    coalition.focus = "Hoe het gaat na de zomervakantie."
    session.add(coalition)
    session.commit()
    assert "Hoe het gaat na de zomervakantie." in client.get(f"/i/{link.token}").get_data(as_text=True)
    link.closed_at = utcnow()
    session.add(link)
    session.commit()
    assert client.get(f"/i/{link.token}").status_code == 410


@pytest.mark.skipif(bool(PG_URL), reason="the write lock is SQLite's own")
def test_a_held_write_lock_does_not_stop_the_form_from_checking_a_story(
    app: Flask, client: FlaskClient, session: Session
) -> None:
    """Everything before the insert only reads: a teller still sees what to fix while another writer works."""
    link = make_link(session)
    token = submission_token(client.get(f"/i/{link.token}").get_data(as_text=True))
    holder = sqlite3.connect(app.config["DATABASE_URL"].removeprefix("sqlite:///"), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        response = client.post(
            f"/i/{link.token}", data={"submission": token, **story_form(title="")}, headers=SAME_ORIGIN
        )
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 422
    assert "Geef je verhaal een korte titel." in response.get_data(as_text=True)
    assert waited < 2  # no wait for the lock (the busy timeout is 5 s)


def test_the_staff_context_runs_once_per_page(app: Flask) -> None:
    """Each coalition blueprint used to add it again: 13 runs for every page, public ones too."""
    from coalitions.views import staff_helpers

    processors = app.template_context_processors[None]
    assert processors.count(staff_helpers) == 1


def test_closing_a_link_reaches_the_form_after_the_window_and_a_story_sent_meanwhile_is_kept(
    database_url: str,
) -> None:
    app = make_app(database_url, SHARE_LINK_CHECK_SECONDS=2)
    clock = Clock()
    app.extensions["form_pages"] = FormPages(300, check_seconds=2, timer=clock)
    try:
        session = new_session(app.extensions["engine"])
        link = make_link(session)
        client = app.test_client()
        token = submission_token(client.get(f"/i/{link.token}").get_data(as_text=True))
        link.closed_at = utcnow()
        session.add(link)
        session.commit()
        assert client.get(f"/i/{link.token}").status_code == 200  # within the window: not looked up again
        refused = client.post(
            f"/i/{link.token}", data={"submission": token, **story_form(text=CANARY)}, headers=SAME_ORIGIN
        )
        assert refused.status_code == 410 and CANARY in refused.get_data(
            as_text=True
        )  # sending always checks
        clock.now = 2.5
        assert client.get(f"/i/{link.token}").status_code == 410
        session.close()
    finally:
        app.extensions["engine"].dispose()
