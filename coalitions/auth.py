"""Signing in staff: Flask-Login with a per-login token, idle and absolute timeouts, safe redirects."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, flash, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin, LoginManager, UserMixin, current_user, logout_user

from coalitions import accounts
from coalitions.models import User
from vertelpunt.db import get_session

IDLE_SECONDS = 30 * 60
ABSOLUTE_SECONDS = 12 * 3600
login_manager = LoginManager()


class Staff(UserMixin):
    """The signed-in account as Flask-Login sees it; ``get_id`` is the rotating session token."""

    def __init__(self, user: User) -> None:
        self.user = user

    def get_id(self) -> str:
        return self.user.session_token or ""

    @property
    def is_active(self) -> bool:
        return self.user.active


class Anonymous(AnonymousUserMixin):
    """Nobody signed in."""

    user = None


def init_app(app: Flask) -> None:
    """Wire Flask-Login and the session timeouts."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = ""
    login_manager.anonymous_user = Anonymous
    login_manager.session_protection = "basic"
    app.before_request(enforce_timeouts)


@login_manager.user_loader
def load_user(token: str) -> Staff | None:
    """The account whose current session token this is (None after logout, password change or deactivation)."""
    user = accounts.user_for_session(get_session(), token)
    return Staff(user) if user else None


def start_session(user: User) -> None:
    """Record when this session began and was last used (for the timeouts)."""
    now = int(time.time())
    session.clear()  # a fresh session on sign-in: nothing from before survives (fixation)
    session["started"] = now
    session["seen"] = now
    session.permanent = False


def enforce_timeouts() -> ResponseReturnValue | None:
    """Sign out after 30 idle minutes or 12 hours, whichever comes first."""
    if request.endpoint in (None, "static") or not current_user.is_authenticated:
        return None
    now = int(time.time())
    started, seen = session.get("started", 0), session.get("seen", 0)
    if now - seen > IDLE_SECONDS or now - started > ABSOLUTE_SECONDS:
        accounts.sign_out(get_session(), current_user.user)
        get_session().commit()
        logout_user()
        session.clear()
        flash(_("Je was een tijd niet actief. Log opnieuw in."))
        return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
    session["seen"] = now
    return None


def safe_next(target: Any, default: str) -> str:
    """``target`` if it is a path on this site, else ``default`` (no open redirects)."""
    if not isinstance(target, str) or not target:
        return default
    target = target.strip()
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or any(ord(c) < 32 for c in target)
    ):
        return default
    return target
