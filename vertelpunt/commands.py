"""The ``vertelpunt`` commands: database, questionnaire, export/import, demo and the development server.

The application factory adds them to ``app.cli``; ``vertelpunt.cli`` is the console entry point.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from coalitions.cli import link_url
from vertelpunt import db, demo, exchange, schema_check, services
from vertelpunt.backup_commands import backup_command, move_database_command, restore_command
from vertelpunt.config import normalise_database_url
from vertelpunt.devserver import serve
from vertelpunt.questionnaire import QuestionnaireError
from vertelpunt.retention_commands import purge_expired_command
from vertelpunt.server import serve_command
from vertelpunt.timeutil import today


def init_database() -> None:
    """Migrate the app's database to the newest schema and load the shipped questionnaire."""
    db.upgrade(current_app.config["DATABASE_URL"])
    session = db.get_session()
    result = services.load_questionnaire(session, path=_questionnaire_path())
    session.commit()
    if result.created:
        click.echo(f"loaded questionnaire version {result.questionnaire.version}")


def _questionnaire_path() -> Path | None:
    configured = current_app.config.get("QUESTIONNAIRE_FILE")
    return Path(configured) if configured else None


@click.command("init-db")
@with_appcontext
def init_db_command() -> None:
    """Create or migrate the database and load the questionnaire."""
    init_database()
    click.echo("database ready")


@click.group("db")
def db_group() -> None:
    """Schema migrations (Alembic)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade(revision: str) -> None:
    """Migrate the database up to REVISION (default: the newest)."""
    db.upgrade(current_app.config["DATABASE_URL"], revision)


@db_group.command("downgrade")
@click.argument("revision")
@with_appcontext
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION (e.g. -1)."""
    db.downgrade(current_app.config["DATABASE_URL"], revision)


@db_group.command("check")
@click.option(
    "--url",
    is_flag=False,
    flag_value="",
    default=None,
    help="Check this database (at the newest revision) instead; --url alone checks the configured one.",
)
@with_appcontext
def db_check(url: str | None) -> None:
    """Fail when the models and the migrations differ (default: on a freshly migrated temporary SQLite)."""
    try:
        if url is None:
            schema_check.check_fresh()
            where = "a freshly migrated SQLite database"
        else:
            target = normalise_database_url(url or current_app.config["DATABASE_URL"])
            schema_check.check(target)
            where = sa.make_url(target).render_as_string(hide_password=True)
    except schema_check.SchemaDrift as exc:
        for operation in exc.operations:
            click.echo(f"  {operation}", err=True)
        raise click.ClickException(f"the models and the migrations differ: {exc}") from None
    except schema_check.NotMigrated as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"models and migrations agree ({where})")


@click.group("questionnaire")
def questionnaire_group() -> None:
    """The platform-wide questionnaire."""


@questionnaire_group.command("load")
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def questionnaire_load(file: Path | None) -> None:
    """Load the questionnaire FILE (default: the configured or shipped one); a change makes a new version."""
    session = db.get_session()
    try:
        result = services.load_questionnaire(session, path=file or _questionnaire_path())
    except QuestionnaireError as exc:
        raise click.ClickException(str(exc)) from None
    session.commit()
    q = result.questionnaire
    click.echo(f"{'new' if result.created else 'unchanged'}: questionnaire version {q.version} ({q.label})")


@click.command("export-stories")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--coalition", "slug", default=None, help="Only this coalition's stories.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of standard output.",
)
@with_appcontext
def export_stories(fmt: str, slug: str | None, output: Path | None) -> None:
    """Write one record per story, with all its answers, as JSON lines or CSV."""
    session = db.get_session()
    # A file gets a byte-order mark for CSV, so spreadsheet programs read the accents right.
    out = (
        output.open("w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
        if output
        else sys.stdout
    )
    try:
        records = exchange.story_records(session, coalition_slug=slug)
        if fmt == "csv":
            count = exchange.write_csv(records, out, question_ids=exchange.question_columns(session))
        else:
            count = exchange.write_jsonl(records, out)
    except exchange.UnknownCoalition:
        raise click.ClickException(f"no coalition with slug {slug!r}") from None
    finally:
        if output:
            out.close()
    click.echo(f"exported {count} stories", err=True)


@click.command("import-stories")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@with_appcontext
def import_stories(file: click.utils.LazyFile) -> None:
    """Import stories from a JSON lines FILE as written by export-stories; all or nothing."""
    session = db.get_session()
    try:
        result = exchange.import_jsonl(session, file)
    except exchange.ImportFailed as exc:
        for line in exc.errors:
            click.echo(line, err=True)
        raise click.ClickException(f"{exc}; nothing was imported") from None
    click.echo(f"imported {result.imported} stories, skipped {result.skipped_existing} already present")


@click.command("demo")
@click.option(
    "--serve/--no-serve", "serve_app", default=True, help="Start the development server afterwards."
)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@with_appcontext
def demo_command(serve_app: bool, host: str, port: int) -> None:
    """Create the database with fictional demo data, print the demo invite links, and serve the app."""
    init_database()
    session = db.get_session()
    demo.seed(session, today=today(current_app.config["TIMEZONE"]))
    session.commit()
    click.echo("Demo invite links (open one on your phone or in a browser):")
    for link, label in demo.demo_links(session):
        click.echo(f"{link_url(link.token)}  {label}")
    click.echo(f"Staff sign-in at {current_app.config['BASE_URL']}/login with these demo accounts:")
    for email, role, _name, password in demo.DEMO_ACCOUNTS:
        click.echo(f"  {demo.ROLE_NAMES[role]:<28} {email}  password: {password}")
    db.close_session()
    if serve_app:
        click.echo(f"Serving on http://{host}:{port} (Ctrl+C stops).")
        serve(current_app._get_current_object(), host=host, port=port)  # type: ignore[attr-defined]


@click.command("run")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@with_appcontext
def run_command(host: str, port: int) -> None:
    """Serve the app with the development server (access log without client addresses)."""
    serve(current_app._get_current_object(), host=host, port=port)  # type: ignore[attr-defined]


COMMANDS = (
    init_db_command,
    db_group,
    questionnaire_group,
    export_stories,
    import_stories,
    demo_command,
    run_command,
    serve_command,
    backup_command,
    restore_command,
    move_database_command,
    purge_expired_command,
)
