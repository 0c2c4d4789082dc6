"""Rendered story forms, kept per process so a busy link renders its ~60 fields once, not per phone.

A plain GET of the story form differs between tellers only in the signed submission id. The page is
rendered once with a placeholder in that spot, kept under a key made of everything the page is built
from (the language, every column of the link and its coalition, the questionnaire version and the
limits), and each request fills in its own fresh id. Any change to the link, the coalition or the
questionnaire makes a new key, so a page is never stale; the link is still checked in the database on
every request. Entries also expire after ``SHARE_PAGE_CACHE_SECONDS`` (0 turns the cache off).
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

    def __init__(self, seconds: float, *, size: int = MAX_PAGES, timer: Callable[[], float] = time.monotonic):
        self.enabled = seconds > 0
        self._pages: TTLCache[Hashable, str] = TTLCache(maxsize=size, ttl=max(seconds, 1e-9), timer=timer)
        self._lock = threading.Lock()

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
        """Forget every page (tests, and after loading a questionnaire in this process)."""
        with self._lock:
            self._pages.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._pages)


def row_key(row: SQLModel) -> tuple[Any, ...]:
    """Every column value of ``row``, so that any change to it gives a different key."""
    return tuple(repr(getattr(row, column)) for column in row.__table__.columns.keys())  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    """Give the app its page cache (one per process: gunicorn workers each have their own)."""
    app.extensions["form_pages"] = FormPages(app.config["SHARE_PAGE_CACHE_SECONDS"])


def form_pages() -> FormPages:
    """The current app's page cache."""
    pages: FormPages = current_app.extensions["form_pages"]
    return pages
