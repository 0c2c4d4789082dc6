"""The ``backup``, ``restore`` and ``move-database`` commands (the work is in backup.py and move_database.py)."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from vertelpunt import backup as backups
from vertelpunt.config import normalise_database_url
from vertelpunt.move_database import MoveError, move_database
from vertelpunt.timeutil import today


def _echo_counts(counts: dict[str, int]) -> None:
    width = max((len(name) for name in counts), default=0)
    for name, count in counts.items():
        click.echo(f"  {name:<{width}}  {count}")


@click.command("backup")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Backup file (default: vertelpunt-backup-<date>.sqlite or .pgdump here).",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@with_appcontext
def backup_command(output: Path | None, force: bool) -> None:
    """Write a consistent copy of the database while the app keeps running."""
    url = current_app.config["DATABASE_URL"]
    output = output or Path(backups.default_backup_name(url, today(current_app.config["TIMEZONE"])))
    try:
        result = backups.backup(url, output, force=force)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"backup written: {result.path} ({result.size:,} bytes)")
    click.echo(f"rows per table ({sum(result.counts.values()):,} in all):")
    _echo_counts(result.counts)


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(file: Path, yes: bool) -> None:
    """Replace ALL data in the configured database with the backup FILE, then migrate it to the newest schema."""
    url = current_app.config["DATABASE_URL"]
    try:
        info = backups.check_backup(url, file)
        if not yes:
            click.confirm(
                f"Replace all data in {backups.safe_url(url)} with {file} (revision {info.revision})?",
                abort=True,
            )
        result = backups.restore(url, file)
    except backups.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    migrated = f", migrated {result.revision} -> {result.upgraded_to}" if result.upgraded_to else ""
    click.echo(f"restored {file} into {backups.safe_url(url)}{migrated}")
    click.echo("rows per table:")
    _echo_counts(result.counts)


@click.command("move-database")
@click.option("--to", "target", required=True, help="URL of an EMPTY PostgreSQL database.")
@with_appcontext
def move_database_command(target: str) -> None:
    """Copy everything from the configured database into an empty PostgreSQL database."""
    target = normalise_database_url(target)
    try:
        result = move_database(current_app.config["DATABASE_URL"], target)
    except MoveError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"moved {sum(result.target_counts.values()):,} rows into {backups.safe_url(target)}; counts match:"
    )
    _echo_counts(result.target_counts)
    click.echo("Now point DATABASE_URL (or FLASK_DATABASE_URL) at that database and restart the app.")
