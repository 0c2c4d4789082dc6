"""Coalition screens, one module (and blueprint) per area. Every route needs a signed-in account and is
scoped to one coalition the account may see; anything else is a 404, so URL guessing reveals nothing.
``coalition_blueprint`` gives each area's blueprint that rule, so no route can forget it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import Blueprint, abort, current_app, g, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from coalitions import accounts
from coalitions.models import Coalition
from vertelpunt.db import get_session
from vertelpunt.i18n import lang_args

F = TypeVar("F", bound=Callable[..., ResponseReturnValue])
URL_PREFIX = "/coalitions"
# The coalition menu, in order; an entry shows once its area's blueprint is registered.
MENU = (
    ("coalitions_home.home", _l("Overzicht")),
    ("coalitions_organisations.organisations", _l("Organisaties en links")),
    ("coalitions_texts.texts", _l("Uitnodigingsteksten")),
    ("coalitions_monitoring.dashboard", _l("Respons")),
    ("sensemaking_stories.stories", _l("Verhalen")),
    ("sensemaking_patterns.patterns", _l("Patronen")),
    ("sensemaking_themes.runs", _l("Thema's")),
    ("sensemaking_workshops.workshops", _l("Sessies")),
    ("sensemaking_actions.actions", _l("Acties")),
    ("sensemaking_lessons.lessons", _l("Terugkoppeling")),
    ("coalitions_home.plan", _l("Trajectplan")),
    ("coalitions_home.members", _l("Leden")),
)


def coalition_blueprint(name: str, import_name: str) -> Blueprint:
    """A blueprint for a coalition screen area: sign-in and coalition access are checked before every view."""
    blueprint = Blueprint(name, import_name)
    blueprint.before_request(require_account)
    return blueprint


def require_account() -> ResponseReturnValue | None:
    """Sign in first; then resolve the coalition in the URL, or 404 when this account may not see it."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
    slug = (request.view_args or {}).get("slug")
    if slug is not None:
        coalition = accounts.coalition_for(get_session(), current_user.user, slug)
        if coalition is None:
            abort(404)
        g.coalition = coalition
    return None


def current_coalition() -> Coalition:
    """The coalition of this request (set by ``require_account``)."""
    coalition: Coalition = g.coalition
    return coalition


def can_manage(coalition: Coalition) -> bool:
    """Members and administrators manage a coalition; facilitators read it."""
    return current_user.user.role in ("admin", "member")


def manager_required(view: F) -> F:
    """Refuse (403) facilitators on screens that change a coalition."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        if not can_manage(current_coalition()):
            abort(403)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def lead_required(view: F) -> F:
    """Only the coalition's lead (or an administrator) may use this screen."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        if not accounts.is_lead(get_session(), current_user.user, current_coalition()):
            abort(403)
        return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


def staff_helpers() -> dict[str, Any]:
    """Templates can ask who is signed in and what they may do (registered once, in the app factory)."""
    menu = [(endpoint, label) for endpoint, label in MENU if endpoint in current_app.view_functions]
    return {"can_manage": can_manage, "coalition_menu": menu, "coalition": g.get("coalition")}


def coalition_url(endpoint: str, **values: Any) -> str:
    """A URL in the current coalition's screens that keeps the page language."""
    return url_for(endpoint, slug=current_coalition().slug, **{**lang_args(), **values})
