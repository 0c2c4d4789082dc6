"""Rate limits. Keys hold the client address in the limiter's storage only (memory or Redis, with a TTL);
it is never written to the database or the logs."""

from __future__ import annotations

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, headers_enabled=False)


def share_post_limit() -> str:
    """Story submissions allowed per invite link and address."""
    limit: str = current_app.config["SHARE_POST_LIMIT"]
    return limit


def link_lookup_limit() -> str:
    """Invite link openings allowed per address (slows down token guessing)."""
    limit: str = current_app.config["LINK_LOOKUP_LIMIT"]
    return limit


def withdraw_limit() -> str:
    """Wrong withdrawal codes allowed per address (slows down code guessing)."""
    limit: str = current_app.config["WITHDRAW_LIMIT"]
    return limit


def link_and_address() -> str:
    """Limit key: the invite link plus the address, so one busy school network does not block another link."""
    token = (request.view_args or {}).get("token", "")
    return f"{token}:{get_remote_address()}"
