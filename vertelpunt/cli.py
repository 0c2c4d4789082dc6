"""The ``vertelpunt`` console script: a Flask CLI group over the application factory."""

from __future__ import annotations

import sys

import click
from flask.cli import FlaskGroup

from vertelpunt.app import create_app
from vertelpunt.config import ConfigError

cli = FlaskGroup(
    name="vertelpunt",
    create_app=create_app,
    add_default_commands=False,
    add_version_option=False,
    load_dotenv=False,
    help="Vertelpunt: collect anonymous experience stories and learn from them together.",
)


def main() -> None:
    """Console entry point: configuration errors are one line on stderr, not a traceback."""
    try:
        cli.main()
    except ConfigError as exc:
        click.echo(f"vertelpunt: configuration error: {exc}", err=True)
        sys.exit(2)
