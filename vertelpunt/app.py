"""The application factory."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from flask import Flask, Request
from flask_wtf import CSRFProtect

from coalitions import auth
from coalitions.cli import GROUPS as COALITION_COMMANDS
from coalitions.views import URL_PREFIX as COALITIONS
from coalitions.views import admin as admin_views
from coalitions.views import auth as auth_views
from coalitions.views import flyers as coalition_flyers
from coalitions.views import home as coalition_home
from coalitions.views import monitoring as coalition_monitoring
from coalitions.views import organisations as coalition_organisations
from coalitions.views import texts as coalition_texts
from sensemaking.cli import COMMANDS as SENSEMAKING_COMMANDS
from sensemaking.views import patterns as sensemaking_patterns
from sensemaking.views import stories as sensemaking_stories
from sensemaking.views import themes as sensemaking_themes
from vertelpunt import config, db, errors, i18n, security
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


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Create and configure the application."""
    app = Flask(
        __name__,
        template_folder=_asset_dir("templates"),
        static_folder=_asset_dir("static"),
        instance_relative_config=True,
    )
    app.request_class = MemoryRequest
    config.load(app, test_config)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    db.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    limiter.init_app(app)
    errors.init_app(app)
    csrf.init_app(app)
    # The public story form must work with cookies blocked: it checks Origin / Sec-Fetch-Site instead.
    csrf.exempt(vertelpunt_views.share)
    auth.init_app(app)
    app.register_blueprint(vertelpunt_views.bp)
    app.register_blueprint(auth_views.bp)
    app.register_blueprint(admin_views.bp, url_prefix="/admin")
    for area in (
        coalition_home,
        coalition_organisations,
        coalition_flyers,
        coalition_texts,
        coalition_monitoring,
        sensemaking_stories,
        sensemaking_patterns,
        sensemaking_themes,
    ):
        app.register_blueprint(area.bp, url_prefix=COALITIONS)
    for command in (*COMMANDS, *COALITION_COMMANDS, *SENSEMAKING_COMMANDS):
        app.cli.add_command(command)
    return app
