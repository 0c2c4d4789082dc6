"""Backups while stories keep arriving, restoring them, and moving from SQLite to PostgreSQL.

Runs on SQLite and on PostgreSQL (TEST_DATABASE_URL). The PostgreSQL-only parts (move-database, the
password check) create scratch databases with createdb and drop them afterwards; PostgreSQL is always
present here and in CI, so an unreachable server fails the test with a message rather than skipping it.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from sqlalchemy.engine import make_url
from sqlmodel import Session, select

from coalitions import services as coalition_services
from coalitions.models import Coalition, InviteLink
from tests.conftest import PG_URL, make_app
from vertelpunt import backup, db, demo, services
from vertelpunt.models import Answer, Story

TODAY = date(2026, 3, 2)
DEFAULT_PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
COUNT_LINE = re.compile(r"^\s+(\w+)\s+(\d+)$", re.MULTILINE)
WRITER_TITLE = "Schrijver"


def _seed_demo(app: Flask) -> None:
    with app.app_context():
        session = db.get_session()
        demo.seed(session, today=TODAY)
        session.commit()


def _counts(url: str) -> dict[str, int]:
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return backup.row_counts(conn)
    finally:
        engine.dispose()


def _printed_counts(output: str) -> dict[str, int]:
    return {name: int(count) for name, count in COUNT_LINE.findall(output)}


def _pg_tool_args(server: sa.URL) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    if server.password:
        env["PGPASSWORD"] = str(server.password)
    args = [
        "-h",
        server.host or "127.0.0.1",
        "-p",
        str(server.port or 5432),
        "-U",
        server.username or "postgres",
    ]
    return args, env


@contextmanager
def scratch_postgres() -> Iterator[str]:
    """A new, empty PostgreSQL database on the test server; dropped afterwards."""
    server = make_url(PG_URL or DEFAULT_PG_SERVER)
    args, env = _pg_tool_args(server)
    name = f"t_backup_{uuid.uuid4().hex[:12]}"
    try:
        done = subprocess.run(["createdb", *args, name], env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        pytest.fail("createdb not found: these tests need the PostgreSQL client tools and a server")
    if done.returncode != 0:
        pytest.fail(
            f"PostgreSQL at {server.host}:{server.port} is needed and refused createdb: {done.stderr.strip()}"
        )
    try:
        yield server.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)
    finally:
        subprocess.run(
            ["dropdb", "--if-exists", "--force", *args, name], env=env, capture_output=True, check=False
        )


def _add_story(session: Session, link: InviteLink, title: str) -> None:
    questionnaire, _ = services.current_questionnaire(session)
    services.submit_story(
        session,
        link=link,
        questionnaire=questionnaire,
        submission_id=str(uuid.uuid4()),
        title=title,
        text="Ik moest lang wachten op hulp voor mijn zoon.",
        answers={"prompt": "helped"},
        language="nl",
        day=TODAY,
    )


class StoryWriter(threading.Thread):
    """Keeps submitting stories through its own session until stopped (the app's traffic)."""

    def __init__(self, app: Flask) -> None:
        super().__init__(daemon=True)
        self.engine = app.extensions["engine"]
        self.stop = threading.Event()
        self.started_writing = threading.Event()
        self.written = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        session = db.new_session(self.engine)
        try:
            link = session.exec(select(InviteLink)).first()
            assert link is not None
            while not self.stop.is_set():
                _add_story(session, link, f"{WRITER_TITLE} {self.written}")
                self.written += 1
                if self.written >= 5:
                    self.started_writing.set()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.error = exc
            self.started_writing.set()
        finally:
            session.close()


def _writer_stories(url: str) -> tuple[int, int]:
    """Stories by the writer and their answers, counted in one read."""
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            stories = conn.execute(
                sa.text("SELECT count(*) FROM story WHERE title LIKE :t"), {"t": f"{WRITER_TITLE} %"}
            ).scalar_one()
            answers = conn.execute(
                sa.text(
                    "SELECT count(*) FROM answer JOIN story ON story.id = answer.story_id WHERE title LIKE :t"
                ),
                {"t": f"{WRITER_TITLE} %"},
            ).scalar_one()
    finally:
        engine.dispose()
    return stories, answers


def test_backup_while_writing_then_restore_gives_the_backups_row_counts(
    app: Flask, database_url: str, tmp_path: Path
) -> None:
    _seed_demo(app)
    seeded = _counts(database_url)
    assert seeded["story"] == 165 and seeded["hexagon"] > 0 and seeded["action"] > 0
    writer = StoryWriter(app)
    writer.start()
    assert writer.started_writing.wait(20), "the writer thread did not get going"
    before = _counts(database_url)["story"]
    target = tmp_path / ("copy.sqlite" if backup.is_sqlite(database_url) else "copy.pgdump")
    made = app.test_cli_runner().invoke(args=["backup", "--output", str(target)])
    after = _counts(database_url)["story"]
    writer.stop.set()
    writer.join(20)
    assert writer.error is None, repr(writer.error)
    assert made.exit_code == 0, made.output
    assert str(target) in made.output and f"{target.stat().st_size:,} bytes" in made.output
    printed = _printed_counts(made.output)
    assert before >= 170 and after > before, "stories kept arriving during the backup"
    assert before <= printed["story"] <= after
    live_stories, live_answers = _writer_stories(database_url)
    per_story = live_answers // live_stories
    assert per_story >= 1 and live_answers == per_story * live_stories

    if backup.is_sqlite(database_url):
        # The copy is a consistent snapshot: intact, every story with all its answers, counts as printed.
        with sqlite3.connect(target) as check:
            assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert check.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert _counts(f"sqlite:///{target}") == printed
        stories, answers = _writer_stories(f"sqlite:///{target}")
        assert stories == printed["story"] - 165 and answers == stories * per_story

    # Change the data: delete stories, add a coalition; then put the backup back.
    with app.app_context():
        session = db.get_session()
        session.execute(sa.text("DELETE FROM answer"))
        coalition_services.create_coalition(
            session,
            slug="nieuw",
            name="Nieuw",
            region="R",
            focus="F",
            opens_on=TODAY,
            closes_on=TODAY,
        )
        session.commit()
        db.close_session()
    assert _counts(database_url) != printed
    restored = app.test_cli_runner().invoke(args=["restore", "--yes", str(target)])
    assert restored.exit_code == 0, restored.output
    assert _counts(database_url) == printed
    assert _printed_counts(restored.output) == printed
    stories, answers = _writer_stories(database_url)
    assert stories == printed["story"] - 165 and answers == stories * per_story
    # The running app reads the restored data through its existing engine.
    with app.app_context():
        assert db.get_session().exec(select(Coalition).where(Coalition.slug == "nieuw")).first() is None


def test_restore_asks_first_and_refuses_files_that_are_not_backups(
    app: Flask, database_url: str, tmp_path: Path
) -> None:
    runner = app.test_cli_runner()
    target = tmp_path / "b.backup"
    assert runner.invoke(args=["backup", "-o", str(target)]).exit_code == 0
    again = runner.invoke(args=["backup", "-o", str(target)])
    assert again.exit_code != 0 and "--force" in again.output
    assert runner.invoke(args=["backup", "-o", str(target), "--force"]).exit_code == 0

    with app.app_context():
        coalition_services.create_coalition(
            db.get_session(),
            slug="blijft",
            name="Blijft",
            region="R",
            focus="F",
            opens_on=TODAY,
            closes_on=TODAY,
        )
        db.get_session().commit()
        db.close_session()
    declined = runner.invoke(args=["restore", str(target)], input="n\n")
    assert declined.exit_code != 0 and "Replace all data" in declined.output
    assert _counts(database_url)["coalition"] == 1, "declining changed nothing"

    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a backup", encoding="utf-8")
    refused = runner.invoke(args=["restore", "--yes", str(junk)])
    assert refused.exit_code != 0 and "not a" in refused.output and "Traceback" not in refused.output
    missing = runner.invoke(args=["restore", "--yes", str(tmp_path / "nope.sqlite")])
    assert missing.exit_code != 0 and "no such file" in missing.output
    assert _counts(database_url)["coalition"] == 1


def test_sqlite_backup_checks_schema_integrity_and_revision(tmp_path: Path) -> None:
    live = f"sqlite:///{tmp_path / 'live.sqlite'}"
    db.upgrade(live)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    with pytest.raises(backup.BackupError, match="not a Vertelpunt backup"):
        backup.check_backup(live, other)

    copy = backup.backup(live, tmp_path / "copy.sqlite").path
    assert backup.check_backup(live, copy).revision == backup.head_revision()
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(backup.BackupError, match="unknown to this Vertelpunt"):
        backup.check_backup(live, copy)

    # A damaged page fails the integrity check before anything is replaced.
    damaged = tmp_path / "damaged.sqlite"
    shutil.copyfile(backup.backup(live, tmp_path / "ok.sqlite").path, damaged)
    data = bytearray(damaged.read_bytes())
    page = 4096
    data[page * 3 : page * 3 + 200] = b"\xff" * 200
    damaged.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError, match="integrity|cannot be read|not a"):
        backup.check_backup(live, damaged)


@contextmanager
def _database(kind: str, tmp_path: Path, name: str) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / name}"
    else:
        with scratch_postgres() as url:
            yield url


def test_restoring_an_older_backup_migrates_it_to_head(app: Flask, database_url: str, tmp_path: Path) -> None:
    kind = "sqlite" if backup.is_sqlite(database_url) else "postgresql"
    with _database(kind, tmp_path, "old.sqlite") as old_url:
        db.upgrade(old_url, "0004")
        engine = db.make_engine(old_url)
        with engine.begin() as conn:
            conn.execute(
                sa.text(
                    "INSERT INTO coalition (slug, name, region, focus, created_at)"
                    " VALUES ('oud', 'Oud', 'R', 'F', CURRENT_TIMESTAMP)"
                )
            )
        engine.dispose()
        old_backup = backup.backup(old_url, tmp_path / "old.backup")
    assert "workshop" not in old_backup.counts and old_backup.counts["coalition"] == 1

    _seed_demo(app)  # the live database is at head and full (workshops included)
    result = backup.restore(database_url, old_backup.path)
    assert result.revision == "0004" and result.upgraded_to == backup.head_revision()
    counts = _counts(database_url)
    assert counts["coalition"] == 1 and counts["story"] == 0 and counts["workshop"] == 0
    engine = db.make_engine(database_url)
    with engine.connect() as conn:
        assert (
            conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
            == backup.head_revision()
        )
        assert conn.execute(sa.text("SELECT slug FROM coalition")).scalar_one() == "oud"
    engine.dispose()


def test_postgres_password_reaches_pg_dump_only_through_the_environment(tmp_path: Path) -> None:
    with scratch_postgres() as url:
        db.upgrade(url)
        # The test server trusts local connections, so any password works; it must never be shown.
        with_password = (
            make_url(url).set(password="geheim-wachtwoord-42").render_as_string(hide_password=False)
        )
        uri, env = backup.libpq_target(with_password)
        assert "geheim" not in uri and env["PGPASSWORD"] == "geheim-wachtwoord-42"
        app = make_app(with_password)
        made = app.test_cli_runner().invoke(args=["backup", "-o", str(tmp_path / "pw.pgdump")])
        app.extensions["engine"].dispose()
        assert made.exit_code == 0, made.output
        assert "geheim" not in made.output and (tmp_path / "pw.pgdump").stat().st_size > 0
        failing = backup.safe_url(
            make_url(with_password).set(database="does_not_exist").render_as_string(False)
        )
        assert "geheim" not in failing


def test_move_database_copies_everything_into_an_empty_postgres(tmp_path: Path) -> None:
    source_url = f"sqlite:///{tmp_path / 'source.sqlite'}"
    db.upgrade(source_url)
    app = make_app(source_url)
    _seed_demo(app)
    source_counts = _counts(source_url)
    with scratch_postgres() as target_url:
        moved = app.test_cli_runner().invoke(args=["move-database", "--to", target_url])
        assert moved.exit_code == 0, moved.output
        assert _counts(target_url) == source_counts == _printed_counts(moved.output)
        assert source_counts["story"] == 165 and source_counts["hexagonlink"] > 0

        source = db.make_engine(source_url)
        target = db.make_engine(target_url)
        with source.connect() as src, target.connect() as dst:
            stories = sa.select(Story.id, Story.title, Story.day, Story.text).order_by(Story.id)
            assert src.execute(stories).all() == dst.execute(stories).all()
            answers = sa.select(Answer.story_id, Answer.question_id, Answer.value).order_by(
                Answer.story_id, Answer.question_id
            )
            assert src.execute(answers).all() == dst.execute(answers).all()
        # The sequences continue after the copied ids: the app on PostgreSQL can add rows at once.
        target_app = make_app(target_url)
        with target_app.app_context():
            session = db.get_session()
            largest = session.execute(sa.text("SELECT max(id) FROM coalition")).scalar_one()
            added = coalition_services.create_coalition(
                session,
                slug="na-verhuizing",
                name="Na",
                region="R",
                focus="F",
                opens_on=TODAY,
                closes_on=TODAY,
            )
            session.commit()
            assert added.id == largest + 1
            db.close_session()
        target_app.extensions["engine"].dispose()
        again = app.test_cli_runner().invoke(args=["move-database", "--to", target_url])
        assert again.exit_code != 0 and "not empty" in again.output
        source.dispose()
        target.dispose()
    app.extensions["engine"].dispose()
    sqlite_target = app.test_cli_runner().invoke(
        args=["move-database", "--to", f"sqlite:///{tmp_path / 'x.db'}"]
    )
    assert sqlite_target.exit_code != 0 and "PostgreSQL" in sqlite_target.output
