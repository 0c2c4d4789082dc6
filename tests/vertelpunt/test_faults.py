"""Faults around a story being sent: a worker killed mid-burst, a full disk, a locked database, a cut
connection. Each ends with every acknowledged story stored once and nothing the teller typed lost."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import psycopg
import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy import event
from sqlmodel import func, select

from tests import _gunicorn
from tests.conftest import PG_URL, make_app, submission_token
from tests.factories import make_link, story_form
from vertelpunt import db, services
from vertelpunt.models import Story

SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}
FORM = "application/x-www-form-urlencoded"
# Characters a browser sends as they are and HTML leaves alone: the re-shown page must hold these bytes.
TEXT = "Ik wacht al maanden op hulp 🙂 en niemand belt terug. Mijn moeder is er moe van, ik ook. " * 120
sqlite_only = pytest.mark.skipif(
    bool(PG_URL), reason="faults made with SQLite itself (max_page_count, a held write lock)"
)


def _prepare(database_url: str) -> str:
    """Give the database a questionnaire and an open invite link; return the link's token."""
    app = make_app(database_url)
    try:
        session = db.new_session(app.extensions["engine"])
        token = make_link(session).token
        session.close()
        return token
    finally:
        app.extensions["engine"].dispose()


def _stored(database_url: str) -> list[str]:
    """Submission ids of the stories in the database."""
    engine = db.make_engine(database_url)
    try:
        with engine.connect() as conn:
            return [str(sid) for sid in conn.execute(select(Story.submission_id)).scalars()]
    finally:
        engine.dispose()


def _body(submission: str, **overrides: Any) -> bytes:
    return urlencode({"submission": submission, **story_form(**overrides)}, doseq=True).encode()


def _post(server: _gunicorn.LiveServer, link: str, body: bytes) -> int | None:
    """POST a story over a fresh connection; the status, or None when the connection broke."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=20)
    try:
        connection.request("POST", f"/i/{link}", body=body, headers={**SAME_ORIGIN, "Content-Type": FORM})
        return connection.getresponse().status
    except (OSError, http.client.HTTPException):
        return None
    finally:
        connection.close()


@pytest.fixture
def live(database_url: str, tmp_path: Path) -> Iterator[tuple[_gunicorn.LiveServer, str, str]]:
    """`vertelpunt serve` (3 workers) on the test database: the server, an invite link's token and the secret key."""
    link = _prepare(database_url)
    config = _gunicorn.write_config(tmp_path / "config.toml", database_url)
    with _gunicorn.serving(config, workers=3, log=tmp_path / "gunicorn.log") as server:
        yield server, link, _gunicorn.secret_key_of(config)


def test_kill_9_of_a_worker_loses_no_acknowledged_story(
    live: tuple[_gunicorn.LiveServer, str, str], database_url: str
) -> None:
    server, link, secret = live
    acknowledged: list[tuple[str, float]] = []
    broken: list[str] = []
    stop = threading.Event()

    def teller() -> None:
        while not stop.is_set():
            token = services.issue_submission_token(secret)
            submission = services.read_submission_token(secret, token, max_age=600).submission_id
            assert submission
            status = _post(server, link, _body(token))
            if status == 303:
                acknowledged.append((submission, time.monotonic()))
            else:
                broken.append(submission)

    tellers = [threading.Thread(target=teller) for _ in range(6)]
    for thread in tellers:
        thread.start()
    try:
        time.sleep(1.5)
        victim = server.worker_pids()[0]
        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        server.wait_for_workers(besides=victim, timeout=15)  # gunicorn starts a new worker
        time.sleep(1.0)
    finally:
        stop.set()
        for thread in tellers:
            thread.join(timeout=30)

    stored = set(_stored(database_url))
    assert len(acknowledged) > 20
    assert any(at > killed_at for _, at in acknowledged), "the server kept taking stories"
    assert {submission for submission, _ in acknowledged} <= stored  # every acknowledged story is there
    # A story whose answer was lost with the worker may be stored; nothing else is.
    assert stored <= {s for s, _ in acknowledged} | set(broken)
    if database_url.startswith("sqlite"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _raw_request(server: _gunicorn.LiveServer, link: str, body: bytes, *, cut_at: int) -> None:
    """Send the POST's headers and the first ``cut_at`` bytes of its body, then close without reading."""
    head = (
        f"POST /i/{link} HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\nContent-Type: {FORM}\r\n"
        f"Content-Length: {len(body)}\r\nSec-Fetch-Site: same-origin\r\n\r\n"
    ).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(head + body[:cut_at])


def _wait_for(database_url: str, submission: str, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if submission in _stored(database_url):
            return True
        time.sleep(0.1)
    return False


def test_cut_connection_then_retry_stores_one_story(
    live: tuple[_gunicorn.LiveServer, str, str], database_url: str
) -> None:
    server, link, secret = live
    # Cut half-way through the body: nothing is stored; the retry stores the story once.
    half = services.issue_submission_token(secret)
    body = _body(half)
    _raw_request(server, link, body, cut_at=len(body) // 2)
    time.sleep(0.5)  # the worker has seen the connection end early
    assert _stored(database_url) == []
    assert _post(server, link, body) == 303
    assert _post(server, link, body) == 303  # and once more, as a browser retrying would
    assert len(_stored(database_url)) == 1

    # The whole request sent, the connection closed before the answer: stored; the retry adds nothing.
    whole = services.issue_submission_token(secret)
    submission = services.read_submission_token(secret, whole, max_age=600).submission_id
    assert submission
    body = _body(whole)
    _raw_request(server, link, body, cut_at=len(body))
    assert _wait_for(database_url, submission)  # the server finished the request without its reader
    assert _post(server, link, body) == 303  # the retry leads to the thank-you page ...
    assert len(_stored(database_url)) == 2  # ... without a second copy


# Disk full and locked database: the app in this process, the fault made with SQLite itself -------------


@pytest.fixture
def sqlite_app(database_url: str) -> Iterator[Flask]:
    path = database_url.removeprefix("sqlite:///")
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("VACUUM")  # no free pages left: any new story needs the file to grow
    application = make_app(database_url)
    yield application
    application.extensions["engine"].dispose()


def _open_form(app: Flask) -> tuple[str, str]:
    session = db.new_session(app.extensions["engine"])
    link = make_link(session).token
    session.close()
    response = app.test_client().get(f"/i/{link}")
    assert response.status_code == 200
    return link, submission_token(response.get_data(as_text=True))


def _count(app: Flask) -> int:
    with app.extensions["engine"].connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Story)).scalar_one())


def _shows_story_again(response: Any, token: str) -> None:
    assert response.status_code == 503
    assert TEXT.strip().encode() in response.data  # byte for byte, emoji included
    assert submission_token(response.get_data(as_text=True)) == token  # the retry stays one story
    assert b"Traceback" not in response.data


@sqlite_only
def test_disk_full_shows_the_story_again_with_a_clear_message(sqlite_app: Flask) -> None:
    link, token = _open_form(sqlite_app)
    engine = sqlite_app.extensions["engine"]

    def no_room_to_grow(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")  # SQLITE_FULL once the file must grow

    engine.dispose()
    event.listen(engine, "connect", no_room_to_grow)
    response = sqlite_app.test_client().post(
        f"/i/{link}", data={"submission": token, **story_form(text=TEXT)}, headers=SAME_ORIGIN
    )
    _shows_story_again(response, token)
    assert "geen opslagruimte" in response.get_data(as_text=True)
    event.remove(engine, "connect", no_room_to_grow)
    engine.dispose()
    assert _count(sqlite_app) == 0

    again = sqlite_app.test_client().post(
        f"/i/{link}", data={"submission": token, **story_form(text=TEXT)}, headers=SAME_ORIGIN
    )
    assert again.status_code == 303 and _count(sqlite_app) == 1


@sqlite_only
def test_locked_database_shows_the_story_again_with_a_clear_message(sqlite_app: Flask) -> None:
    link, token = _open_form(sqlite_app)
    path = sqlite_app.config["DATABASE_URL"].removeprefix("sqlite:///")
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another writer that holds on longer than the busy timeout
        started = time.monotonic()
        response = sqlite_app.test_client().post(
            f"/i/{link}", data={"submission": token, **story_form(text=TEXT)}, headers=SAME_ORIGIN
        )
        assert time.monotonic() - started >= 4  # it waited for the lock (busy timeout 5 s) before giving up
    finally:
        holder.rollback()
        holder.close()
    _shows_story_again(response, token)
    assert "Het is nu heel druk" in response.get_data(as_text=True)
    assert _count(sqlite_app) == 0

    again = sqlite_app.test_client().post(
        f"/i/{link}", data={"submission": token, **story_form(text=TEXT)}, headers=SAME_ORIGIN
    )
    assert again.status_code == 303 and _count(sqlite_app) == 1


def test_disk_full_is_told_apart_from_busy() -> None:
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
    locked = sqlite3.OperationalError("database is locked")
    locked.sqlite_errorcode = sqlite3.SQLITE_BUSY  # type: ignore[attr-defined]
    assert services.storage_full(sa.exc.OperationalError("INSERT", {}, full))
    assert not services.storage_full(sa.exc.OperationalError("INSERT", {}, locked))
    assert not services.storage_full(sa.exc.OperationalError("INSERT", {}, Exception("gone")))
    assert services.storage_full(sa.exc.OperationalError("INSERT", {}, psycopg.errors.DiskFull()))
