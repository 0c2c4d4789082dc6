"""The application factory."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from flask import Flask, Request
from flask_wtf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from coalitions import auth
from coalitions.cli import GROUPS as COALITION_COMMANDS
from coalitions.views import URL_PREFIX as COALITIONS
from coalitions.views import admin as admin_views
from coalitions.views import auth as auth_views
from coalitions.views import flyers as coalition_flyers
from coalitions.views import home as coalition_home
from coalitions.views import monitoring as coalition_monitoring
from coalitions.views import organisations as coalition_organisations
from coalitions.views import staff_helpers
from coalitions.views import texts as coalition_texts
from sensemaking.cli import COMMANDS as SENSEMAKING_COMMANDS
from sensemaking.views import actions as sensemaking_actions
from sensemaking.views import board as sensemaking_board
from sensemaking.views import dissent as sensemaking_dissent
from sensemaking.views import evaluation as evaluation_public
from sensemaking.views import feedback as sensemaking_feedback
from sensemaking.views import lessons as sensemaking_lessons
from sensemaking.views import participants as sensemaking_participants
from sensemaking.views import patterns as sensemaking_patterns
from sensemaking.views import stories as sensemaking_stories
from sensemaking.views import themes as sensemaking_themes
from sensemaking.views import workshops as sensemaking_workshops
from vertelpunt import access_log, config, db, errors, form_pages, health, i18n, security
from vertelpunt import views as vertelpunt_views
from vertelpunt.commands import COMMANDS
from vertelpunt.limits import limiter

ROOT = Path(__file__).resolve().parent.parent
csrf = CSRFProtect()


class MemoryRequest(Request):
    """Keep uploaded files in memory: organisation lists name contact persons and must not reach the disk.

    Bodies are capped by MAX_CONTENT_LENGTH (1 MB by default), so memory stays bounded.
    """

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        return io.BytesIO()


def _asset_dir(name: str) -> str:
    # A checkout keeps templates/ and static/ at the top; a wheel ships them inside the package.
    top = ROOT / name
    return str(top if top.is_dir() else Path(__file__).parent / name)


def create_app(test_config: Mapping[str, Any] | None = None, *, default_env: str | None = None) -> Flask:
    """Create and configure the application (``default_env``: the ENV unless the configuration names one)."""
    app = Flask(
        __name__,
        template_folder=_asset_dir("templates"),
        static_folder=_asset_dir("static"),
        instance_relative_config=True,
    )
    app.request_class = MemoryRequest
    config.load(app, test_config, default_env=default_env)
    if app.config["TRUSTED_PROXIES"]:
        # Behind our own reverse proxies only: trust exactly that many X-Forwarded-For/-Proto hops.
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    db.init_app(app)
    access_log.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    limiter.init_app(app)
    form_pages.init_app(app)
    errors.init_app(app)
    csrf.init_app(app)
    # The public story form must work with cookies blocked: it checks Origin / Sec-Fetch-Site instead.
    csrf.exempt(vertelpunt_views.share)
    # So must the workshop board for participants without an account (same check, same reason).
    csrf.exempt(sensemaking_participants.bp)
    csrf.exempt(evaluation_public.evaluate)  # the session evaluation, likewise
    csrf.exempt(vertelpunt_views.withdraw)  # and the withdrawal form (/intrekken)
    auth.init_app(app)
    app.register_blueprint(vertelpunt_views.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(auth_views.bp)
    app.register_blueprint(admin_views.bp, url_prefix="/admin")
    # Public: workshop participants (no account, the session link or code) and the feedback page.
    app.register_blueprint(sensemaking_participants.bp)
    app.register_blueprint(evaluation_public.bp)
    app.register_blueprint(sensemaking_feedback.bp)
    for area in (
        coalition_home,
        coalition_organisations,
        coalition_flyers,
        coalition_texts,
        coalition_monitoring,
        sensemaking_stories,
        sensemaking_patterns,
        sensemaking_themes,
        sensemaking_workshops,
        sensemaking_board,
        sensemaking_dissent,
        sensemaking_actions,
        sensemaking_lessons,
    ):
        app.register_blueprint(area.bp, url_prefix=COALITIONS)
    app.context_processor(staff_helpers)
    for command in (*COMMANDS, *COALITION_COMMANDS, *SENSEMAKING_COMMANDS):
        app.cli.add_command(command)
    return app
