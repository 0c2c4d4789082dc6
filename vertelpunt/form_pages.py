"""Rendered story forms, kept per process so a busy link renders its ~60 fields once, not per phone.

A plain GET of the story form differs between tellers only in the signed submission id. The page is
rendered once with a placeholder in that spot, kept under a key made of everything the page is built
from (the language, every column of the link and its coalition, the questionnaire version and the
limits), and each request fills in its own fresh id. Any change to the link, the coalition or the
questionnaire makes a new key, so a page is never older than the last check of its link. Pages expire
after ``SHARE_PAGE_CACHE_SECONDS`` (0 turns the cache off).

A link found open is not looked up again for ``SHARE_LINK_CHECK_SECONDS`` (default 2; 0 checks on
every request): a flyer's QR code makes a whole class open the same link at once. So closing a link,
or editing its coalition's texts, reaches the form up to that many seconds later. Sending a story
always checks the link in the database, and a refused story is shown back with everything typed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

from cachetools import TTLCache
from flask import Flask, current_app
from sqlmodel import SQLModel

SLOT = "vertelpunt-submission-slot"
MAX_PAGES = 512


class FormPages:
    """A bounded, thread-safe cache of rendered form pages with one submission slot each."""

    def __init__(
        self,
        seconds: float,
        *,
        check_seconds: float = 0,
        size: int = MAX_PAGES,
        timer: Callable[[], float] = time.monotonic,
    ):
        self.enabled = seconds > 0
        self._pages: TTLCache[Hashable, str] = TTLCache(maxsize=size, ttl=max(seconds, 1e-9), timer=timer)
        self._checked = check_seconds > 0 and self.enabled
        self._links: TTLCache[tuple[str, str], Hashable] = TTLCache(
            maxsize=size, ttl=max(check_seconds, 1e-9), timer=timer
        )
        self._lock = threading.Lock()

    def recent(self, token: str, lang: str, submission: str) -> str | None:
        """The page of a link found open less than ``check_seconds`` ago, with ``submission`` filled in."""
        if not self._checked:
            return None
        with self._lock:
            key = self._links.get((token, lang))
            cached = self._pages.get(key) if key is not None else None
        return None if cached is None else cached.replace(SLOT, submission)

    def checked(self, token: str, lang: str, key: Hashable) -> None:
        """Remember that ``token`` was just found open and that its page has ``key``."""
        if self._checked:
            with self._lock:
                self._links[(token, lang)] = key

    def page(self, key: Hashable, submission: str, render: Callable[[str], str]) -> str:
        """The page for ``key`` with ``submission`` in its slot; ``render(slot)`` makes it when missing."""
        if not self.enabled:
            return render(submission)
        with self._lock:
            cached = self._pages.get(key)
        if cached is None:
            cached = render(SLOT)
            if cached.count(SLOT) != 1:  # the slot must be exactly the hidden field, or we do not keep it
                return cached.replace(SLOT, submission)
            with self._lock:
                self._pages[key] = cached
        return cached.replace(SLOT, submission)

    def clear(self) -> None:
        """Forget every page and every link check."""
        with self._lock:
            self._pages.clear()
            self._links.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._pages)


def row_key(row: SQLModel) -> tuple[Any, ...]:
    """Every column value of ``row``, so that any change to it gives a different key."""
    return tuple(repr(getattr(row, column)) for column in row.__table__.columns.keys())  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    """Give the app its page cache (one per process: gunicorn workers each have their own)."""
    app.extensions["form_pages"] = FormPages(
        app.config["SHARE_PAGE_CACHE_SECONDS"], check_seconds=app.config["SHARE_LINK_CHECK_SECONDS"]
    )


def form_pages() -> FormPages:
    """The current app's page cache."""
    pages: FormPages = current_app.extensions["form_pages"]
    return pages
