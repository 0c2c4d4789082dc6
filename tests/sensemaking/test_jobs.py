"""Theme runs as background jobs: in a thread without Redis, through RQ and a worker with Redis."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from redis import Redis
from rq import Queue, SimpleWorker
from sqlmodel import Session

from sensemaking import jobs, theme_runs
from sensemaking.models import ThemeRun
from tests.conftest import make_app
from tests.factories import make_coalition
from tests.sensemaking._stories import make_story
from tests.sensemaking._themes import subject_stories

REDIS_URL = "redis://127.0.0.1:6379/15"


def _seed_run(session: Session) -> int:
    coalition = make_coalition(session)
    for subject, text in subject_stories():
        make_story(session, coalition, text=text, title=subject)
    return theme_runs.start_run(session, coalition, k=3).id or 0


def _wait_until_finished(app_session: Session, run_id: int, timeout: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = app_session.get(ThemeRun, run_id, populate_existing=True)
        assert run is not None
        seen = run.model_dump()
        app_session.rollback()  # never hold SQLite's write lock while the job works
        if seen["status"] in ("done", "failed"):
            return seen
        time.sleep(0.1)
    raise AssertionError(f"run {run_id} did not finish")


def test_without_redis_a_run_goes_to_a_thread_and_finishes(database_url: str) -> None:
    app = make_app(database_url, TESTING=False, ENV="development")
    with app.app_context():
        from vertelpunt import db

        session = db.get_session()
        run_id = _seed_run(session)
        assert jobs.submit_theme_run(run_id, app) == "thread"
        run = _wait_until_finished(session, run_id)
    assert run["status"] == "done", run["message"]
    assert run["theme_count"] == 3 and run["progress"] == 100
    app.extensions["engine"].dispose()


def test_with_redis_a_worker_does_the_run(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    redis = Redis.from_url(REDIS_URL)
    try:
        redis.ping()
    except Exception as exc:  # CI and this machine run Redis on 127.0.0.1:6379
        pytest.fail(f"Redis is not reachable at {REDIS_URL}: {exc}")
    queue_name = f"test-{uuid.uuid4().hex}"
    monkeypatch.setattr(jobs, "QUEUE", queue_name)
    # The worker builds its own app from the configuration file, as `vertelpunt worker` does.
    config = tmp_path / "config.toml"
    config.write_text(
        f'SECRET_KEY = "test-secret"\nDATABASE_URL = "{database_url}"\nREDIS_URL = "{REDIS_URL}"\n'
    )
    monkeypatch.setenv("VERTELPUNT_CONFIG", str(config))
    app = make_app(database_url, REDIS_URL=REDIS_URL)
    with app.app_context():
        from vertelpunt import db

        session = db.get_session()
        run_id = _seed_run(session)
        assert jobs.submit_theme_run(run_id, app) == "rq"
        queued = session.get(ThemeRun, run_id, populate_existing=True)
        assert queued is not None and queued.status == "queued"  # nothing ran in the web process
        session.rollback()
        queue = Queue(queue_name, connection=redis)
        assert len(queue) == 1
        SimpleWorker([queue], connection=redis).work(burst=True)
        run = _wait_until_finished(session, run_id, timeout=5)
    assert run["status"] == "done", run["message"]
    assert run["theme_count"] == 3
    queue.delete(delete_jobs=True)
    app.extensions["engine"].dispose()
