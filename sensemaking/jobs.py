"""Background jobs: RQ on Redis when ``REDIS_URL`` is set, else a thread of the web process.

With Redis, several web workers and servers share one queue and ``vertelpunt worker`` runs the jobs;
without it a job runs in a daemon thread of the process that started it (fine for one server).
Under ``TESTING`` jobs run at once, inside the request, so tests see the finished result.
"""

from __future__ import annotations

import logging
import threading

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from sensemaking import theme_runs
from vertelpunt import db

QUEUE = "vertelpunt"
JOB_TIMEOUT = 3 * 3600
log = logging.getLogger(__name__)


def submit_theme_run(run_id: int, app: Flask | None = None) -> str:
    """Start the theme run ``run_id`` in the background; returns how ("rq", "thread" or "inline")."""
    # Flask types current_app as Flask, hiding the proxy's own method: a gap in Flask's annotations.
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    redis_url = app.config.get("REDIS_URL")
    if redis_url:
        from redis import Redis
        from rq import Queue

        Queue(QUEUE, connection=Redis.from_url(redis_url)).enqueue(
            "sensemaking.jobs.run_in_worker", run_id, job_timeout=JOB_TIMEOUT
        )
        return "rq"
    if app.config.get("TESTING"):
        _execute(app, run_id)
        return "inline"
    threading.Thread(target=_execute, args=(app, run_id), daemon=True, name=f"theme-run-{run_id}").start()
    return "thread"


def _execute(app: Flask, run_id: int) -> None:
    with app.app_context():
        session = db.new_session(db.get_engine())
        try:
            theme_runs.execute_run(session, run_id)
        except Exception:  # a job must record its failure, never die silently
            log.exception("theme run %s failed", run_id)
            session.rollback()
            run = session.get(theme_runs.ThemeRun, run_id)
            if run is not None:
                run.status, run.message = "failed", "Er ging iets mis bij het zoeken naar thema's."
                session.add(run)
                session.commit()
        finally:
            session.close()


def run_in_worker(run_id: int) -> None:
    """The RQ job: build the app from the worker's configuration and do the run."""
    from vertelpunt.app import create_app

    app = create_app()
    try:
        _execute(app, run_id)
    finally:
        app.extensions["engine"].dispose()  # a worker process runs many jobs: leave no connection open


@click.command("worker")
@with_appcontext
def worker_command() -> None:
    """Run background jobs from Redis (needs REDIS_URL in the configuration)."""
    redis_url = current_app.config.get("REDIS_URL")
    if not redis_url:
        raise click.ClickException("REDIS_URL is not set; without Redis, jobs run inside the web process")
    from redis import Redis
    from rq import Queue, Worker

    connection = Redis.from_url(redis_url)
    Worker([Queue(QUEUE, connection=connection)], connection=connection).work()
