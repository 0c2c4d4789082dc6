"""Rate limits, counted per visitor without keeping their address.

A limiter key holds a keyed hash of the client address (HMAC with the app's SECRET_KEY), never the
address itself: what sits in memory or in Redis (with a TTL) cannot be turned back into an address
without the secret, not even by trying all four billion IPv4 addresses. Nothing is written to the
database or the logs."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def visitor() -> str:
    """The limiter's key for this visitor: a keyed hash of the client address, not the address."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    digest = hmac.new(secret, b"rate-limit:" + get_remote_address().encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


limiter = Limiter(key_func=visitor, headers_enabled=False)


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
    return f"{token}:{visitor()}"


def public_form_limit() -> str:
    """One limit for a public form's route: openings (GET) per visitor, submissions (POST) per link and visitor.

    One decorator instead of one per method: flask-limiter's checks cost more than the cached form page.
    """
    return share_post_limit() if request.method == "POST" else link_lookup_limit()


def public_form_key() -> str:
    """The key that goes with ``public_form_limit``: the method keeps the two counts apart."""
    return f"post:{link_and_address()}" if request.method == "POST" else f"get:{visitor()}"
