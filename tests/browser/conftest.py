"""Browser fixtures: Debian's Chromium driven by Playwright's sync API, against the test app served live.

Playwright cannot download its own browsers here, so the system Chromium is launched directly. The app
fixture (a fresh database per test, SQLite or PostgreSQL) is served by Werkzeug in a daemon thread.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from playwright import sync_api  # a missing package is an error, never a skip
from sqlmodel import Session
from werkzeug.serving import make_server

from coalitions.models import InviteLink
from tests.factories import make_link

CHROMIUM = os.environ.get("VERTELPUNT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
]
PHONE: dict[str, Any] = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "locale": "nl-NL",
}
# Playwright waits this long for an element or a navigation; the pages are small and local.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """One Playwright driver for the whole test session."""
    with sync_api.sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium executable; its absence fails the browser tests loudly (they are never skipped)."""
    if not shutil.which(CHROMIUM):
        pytest.fail(
            f"no Chromium at {CHROMIUM}: run `sudo apt-get install -y chromium` or `make chromium` "
            "(or set VERTELPUNT_CHROMIUM)"
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(playwright: Any, chromium: str) -> Iterator[Any]:
    """Debian's headless Chromium, launched once per test session."""
    browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def live_server(app: Flask) -> Iterator[str]:
    """The test app served on a free local port; yields the base URL (no trailing slash)."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Recorder:
    """What the pages of one context did: every request, Set-Cookie headers, console errors, script errors."""

    requests: list[str] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)
    set_cookies: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def watch(self, context: Any) -> None:
        """Record everything ``context`` and its pages (present and future) do."""
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        context.on("request", self._on_request)
        context.on("response", self._on_response)
        context.on("page", self._on_page)
        for page in context.pages:
            self._on_page(page)

    def _on_request(self, request: Any) -> None:
        self.requests.append(request.url)
        if request.method == "POST":
            self.posts.append(request.url)

    def _on_response(self, response: Any) -> None:
        header = response.headers.get("set-cookie")
        if header:
            self.set_cookies.append(f"{response.url}: {header}")

    def _on_page(self, page: Any) -> None:
        page.on("console", lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))


NewContext = Callable[..., tuple[Any, Recorder]]


@pytest.fixture
def new_context(browser: Any, live_server: str) -> Iterator[NewContext]:
    """Make phone-sized browser contexts (options override the phone defaults), each with a Recorder.

    Depends on ``live_server`` so that the contexts close before the server shuts down.
    """
    contexts: list[Any] = []

    def make(**options: Any) -> tuple[Any, Recorder]:
        context = browser.new_context(**{**PHONE, **options})
        contexts.append(context)
        recorder = Recorder()
        recorder.watch(context)
        return context, recorder

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def cookieless_context(
    playwright: Any, chromium: str, live_server: str, tmp_path: Path
) -> Iterator[tuple[Any, Recorder]]:
    """A phone-sized Chromium profile that blocks all cookies, as some in-app browsers do.

    Chromium then also refuses the page sessionStorage and localStorage (a SecurityError on access).
    """
    profile = tmp_path / "profile"
    (profile / "Default").mkdir(parents=True)
    preferences = {"profile": {"default_content_setting_values": {"cookies": 2}}}
    (profile / "Default" / "Preferences").write_text(json.dumps(preferences), encoding="utf-8")
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=chromium, args=CHROMIUM_ARGS, headless=True, **PHONE
    )
    recorder = Recorder()
    recorder.watch(context)
    yield context, recorder
    context.close()


@pytest.fixture
def youth_link(session: Session) -> InviteLink:
    """A link of an organisation (youth care, 12-18 only) for youths: perspective, age, organisation prefilled."""
    return detached(session, make_link(session, perspective="youth"))


@pytest.fixture
def general_link(session: Session) -> InviteLink:
    """A coalition's general link: it answers nothing, so every question is asked."""
    return detached(session, make_link(session, general=True))


def detached(session: Session, row: Any) -> Any:
    """Commit and detach ``row``, so that reading its attributes later never opens a transaction.

    On SQLite an open transaction in the test's session would hold an old snapshot (and could hold the
    write lock) while the browser posts through the live server.
    """
    session.commit()
    session.refresh(row)
    session.expunge(row)
    session.commit()
    return row
