"""The ``purge-expired`` command (the work is in coalitions/retention.py)."""

from __future__ import annotations

from datetime import datetime

import click
from flask import current_app
from flask.cli import with_appcontext

from coalitions import retention
from vertelpunt import db
from vertelpunt.timeutil import today as local_today


@click.command("purge-expired")
@click.option(
    "--today",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Act as if it were this day (YYYY-MM-DD); default: today.",
)
@click.option("--dry-run", is_flag=True, help="Only say what would be purged.")
@with_appcontext
def purge_expired_command(day: datetime | None, dry_run: bool) -> None:
    """Delete every coalition whose closed data is past its retention period, with everything under it."""
    on = day.date() if day is not None else local_today(current_app.config["TIMEZONE"])
    session = db.get_session()
    report = retention.purge_expired(session, today=on, dry_run=dry_run)
    purged = report.purged
    verb = "would purge" if dry_run else "purged"
    for item in purged:
        click.echo(f"{verb} {item.slug} (data closed {item.closed_on}, kept until {item.purge_after}):")
        for table, count in sorted(item.rows.items()):
            click.echo(f"  {table:<20}  {count}")
    if not dry_run and purged:
        left = retention.orphan_counts(session)
        session.rollback()
        if left:
            raise click.ClickException(f"orphan rows left: {left}")
        click.echo("no orphan rows left")
        if not report.files_scrubbed:
            raise click.ClickException(
                "rows deleted, but open readers kept SQLite from truncating its WAL file; run again later"
            )
    click.echo(f"{len(purged)} coalition(s) {'to purge' if dry_run else 'purged'} on {on}")
