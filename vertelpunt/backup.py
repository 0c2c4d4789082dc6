"""Backups while the app runs, and putting one back.

SQLite: ``VACUUM INTO`` writes a compact, consistent snapshot (other connections keep writing, WAL) without
free pages, so purged stories do not travel along; restoring uses SQLite's online backup API into the
configured file. PostgreSQL: ``pg_dump --format=custom`` inside an exported snapshot (the printed row counts
are those of the dump), and ``pg_restore --clean --if-exists --no-owner`` to restore. A restored older
backup is migrated to the newest schema. Passwords go to ``pg_dump``/``pg_restore`` through ``PGPASSWORD``,
never on the command line or in output.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump/pg_restore with an argument list, no shell
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from vertelpunt import db
from vertelpunt.models import import_all_models

# Tables every Vertelpunt database has had since the first migration.
CORE_TABLES = frozenset({"alembic_version", "questionnaire", "coalition", "invitelink", "story", "answer"})
SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore cannot go ahead; the message is one line for the operator."""


@dataclass(frozen=True)
class BackupResult:
    """A finished backup: the file, its size in bytes and the rows per table it holds."""

    path: Path
    size: int
    counts: dict[str, int]


@dataclass(frozen=True)
class BackupInfo:
    """A checked backup file: which database kind it is for and its schema revision."""

    path: Path
    kind: str
    revision: str


@dataclass(frozen=True)
class RestoreResult:
    """A finished restore: the backup's revision, whether it was migrated, and the rows per table now."""

    revision: str
    upgraded_to: str | None
    counts: dict[str, int]


def is_sqlite(url: str) -> bool:
    """Whether ``url`` names a SQLite database."""
    return make_url(url).get_backend_name() == "sqlite"


def default_backup_name(url: str, day: date) -> str:
    """``vertelpunt-backup-2026-11-23.sqlite`` or ``.pgdump``, by database kind."""
    return f"vertelpunt-backup-{day.isoformat()}.{'sqlite' if is_sqlite(url) else 'pgdump'}"


def safe_url(url: str) -> str:
    """The URL with its password masked, for output."""
    return make_url(url).render_as_string(hide_password=True)


def row_counts(conn: sa.Connection) -> dict[str, int]:
    """Rows per Vertelpunt table present in the database, in foreign-key order."""
    import_all_models()
    present = set(sa.inspect(conn).get_table_names())
    return {
        table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
        for table in SQLModel.metadata.sorted_tables
        if table.name in present
    }


def head_revision() -> str:
    """The newest migration this code ships."""
    head = ScriptDirectory.from_config(db.alembic_config("sqlite://")).get_current_head()
    if head is None:
        raise BackupError("no migrations found")
    return head


def backup(url: str, output: Path, *, force: bool = False) -> BackupResult:
    """Write a consistent copy of the database at ``url`` to ``output`` (refuses to overwrite unless forced)."""
    if output.exists() and not force:
        raise BackupError(f"{output} exists; choose another --output or add --force to overwrite it")
    if output.is_dir():
        raise BackupError(f"{output} is a directory")
    # Written next to the target and renamed at the end: a failed run never leaves a half backup.
    partial = output.with_name(output.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        counts = _backup_sqlite(url, partial) if is_sqlite(url) else _backup_postgres(url, partial)
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=output, size=output.stat().st_size, counts=counts)


def check_backup(url: str, path: Path) -> BackupInfo:
    """Check that ``path`` is a Vertelpunt backup this code can restore into the database at ``url``."""
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    with path.open("rb") as fh:
        magic = fh.read(16)
    if is_sqlite(url):
        if not magic.startswith(SQLITE_MAGIC):
            hint = (
                " (a PostgreSQL dump; the configured database is SQLite)"
                if magic.startswith(PGDUMP_MAGIC)
                else ""
            )
            raise BackupError(f"{path}: not a SQLite backup{hint}")
        revision = _check_sqlite_backup(path)
        kind = "sqlite"
    else:
        if not magic.startswith(PGDUMP_MAGIC):
            hint = " (a SQLite file; see move-database)" if magic.startswith(SQLITE_MAGIC) else ""
            raise BackupError(f"{path}: not a pg_dump custom-format backup{hint}")
        revision = _check_pgdump(path)
        kind = "postgresql"
    script = ScriptDirectory.from_config(db.alembic_config(url))
    try:
        script.get_revision(revision)
    except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown revision
        raise BackupError(
            f"{path}: schema revision {revision!r} is unknown to this Vertelpunt (made by a newer version?)"
        ) from None
    return BackupInfo(path=path, kind=kind, revision=revision)


def restore(url: str, path: Path) -> RestoreResult:
    """Replace the data of the database at ``url`` with the backup at ``path``, then migrate it to head."""
    info = check_backup(url, path)
    if info.kind == "sqlite":
        _restore_sqlite(url, path)
    else:
        _restore_postgres(url, path)
    head = head_revision()
    upgraded_to = None
    if info.revision != head:
        db.upgrade(url)
        upgraded_to = head
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            counts = row_counts(conn)
    finally:
        engine.dispose()
    return RestoreResult(revision=info.revision, upgraded_to=upgraded_to, counts=counts)


# SQLite ---------------------------------------------------------------------------------------------


def sqlite_path(url: str) -> Path:
    """The file behind a SQLite URL; in-memory databases cannot be backed up or restored."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        raise BackupError("the configured SQLite database is not a plain file")
    return Path(database)


def _connect_sqlite(path: Path, *, read_only: bool = False) -> sqlite3.Connection:
    target = f"file:{path}?mode=ro" if read_only else str(path)
    conn = sqlite3.connect(target, uri=read_only, isolation_level=None, timeout=30)
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def _backup_sqlite(url: str, partial: Path) -> dict[str, int]:
    source = sqlite_path(url)
    if not source.is_file():
        raise BackupError(f"database file not found: {source}")
    conn = _connect_sqlite(source)
    try:
        # One statement, one read transaction: a consistent snapshot while other connections write.
        conn.execute("VACUUM INTO ?", (str(partial),))
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite backup failed: {exc}") from None
    finally:
        conn.close()
    _check_sqlite_backup(partial)
    return _sqlite_counts(partial)


def _sqlite_counts(path: Path) -> dict[str, int]:
    engine = sa.create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            return row_counts(conn)
    finally:
        engine.dispose()


def _check_sqlite_backup(path: Path) -> str:
    try:
        conn = _connect_sqlite(path, read_only=True)
        try:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = sorted(CORE_TABLES - tables)
            revisions = (
                [] if missing else [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
            )
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path}: cannot be read as a SQLite database ({exc})") from None
    if integrity != ["ok"]:
        raise BackupError(f"{path}: integrity check failed: {'; '.join(integrity[:3])}")
    if missing:
        raise BackupError(f"{path}: not a Vertelpunt backup (missing tables: {', '.join(missing)})")
    if len(revisions) != 1:
        raise BackupError(f"{path}: not a Vertelpunt backup (no schema revision)")
    return str(revisions[0])


def _restore_sqlite(url: str, path: Path) -> None:
    target = sqlite_path(url)
    target.parent.mkdir(parents=True, exist_ok=True)
    source = _connect_sqlite(path, read_only=True)
    dest = _connect_sqlite(target)
    try:
        # The online backup API writes through SQLite's own locking: connections the app holds open see
        # the restored data on their next transaction, and the file keeps its WAL mode.
        source.backup(dest)
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite restore failed: {exc}") from None
    finally:
        dest.close()
        source.close()


# PostgreSQL -----------------------------------------------------------------------------------------


def libpq_target(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and an environment that carries the password."""
    parsed = make_url(url)
    env = dict(os.environ)
    if parsed.password is not None:
        env["PGPASSWORD"] = str(parsed.password)
    without_password = sa.URL.create(
        "postgresql",
        username=parsed.username,
        host=parsed.host,
        port=parsed.port,
        database=parsed.database,
        query=parsed.query,
    )
    uri = without_password.render_as_string(hide_password=False)
    return uri, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} not found; install the PostgreSQL client tools (apt install postgresql-client)"
        )
    return path


def _run(args: list[str], env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        message = " ".join(done.stderr.split())[:500] or f"exit status {done.returncode}"
        raise BackupError(f"{Path(args[0]).name} failed: {message}")
    return done.stdout


def _backup_postgres(url: str, partial: Path) -> dict[str, int]:
    uri, env = libpq_target(url)
    pg_dump = _tool("pg_dump")
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                # pg_dump reads the snapshot of this open transaction, so the counts match the dump.
                snapshot = conn.execute(sa.text("SELECT pg_export_snapshot()")).scalar_one()
                counts = row_counts(conn)
                _run(
                    [
                        pg_dump,
                        "--format=custom",
                        f"--snapshot={snapshot}",
                        f"--file={partial}",
                        f"--dbname={uri}",
                    ],
                    env,
                )
    except sa.exc.OperationalError as exc:
        raise BackupError(f"cannot connect to {safe_url(url)}: {exc.orig}") from None
    finally:
        engine.dispose()
    return counts


def _dump_tables(path: Path) -> set[str]:
    listing = _run([_tool("pg_restore"), "--list", str(path)])
    tables = set()
    for line in listing.splitlines():
        # e.g. "3425; 0 16390 TABLE DATA public story postgres"
        parts = line.split(";", 1)[-1].split()
        if len(parts) >= 6 and parts[2:4] == ["TABLE", "DATA"]:
            tables.add(parts[5])
    return tables


def _check_pgdump(path: Path) -> str:
    missing = sorted(CORE_TABLES - _dump_tables(path))
    if missing:
        raise BackupError(f"{path}: not a Vertelpunt backup (missing tables: {', '.join(missing)})")
    script = _run([_tool("pg_restore"), "--data-only", "--table=alembic_version", "--file=-", str(path)])
    lines = script.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("COPY ") and "alembic_version" in line and number + 1 < len(lines):
            revision = lines[number + 1].strip()
            if revision and revision != "\\.":
                return revision
    raise BackupError(f"{path}: not a Vertelpunt backup (no schema revision)")


def _restore_postgres(url: str, path: Path) -> None:
    uri, env = libpq_target(url)
    # Tables from newer migrations than the backup would block --clean (their foreign keys point at
    # tables it drops) and then clash with the upgrade that recreates them: drop them first.
    import_all_models()
    ours = {table.name for table in SQLModel.metadata.sorted_tables}
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            extra = (ours & set(sa.inspect(conn).get_table_names())) - _dump_tables(path)
            for name in extra:
                conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
    except sa.exc.OperationalError as exc:
        raise BackupError(f"cannot connect to {safe_url(url)}: {exc.orig}") from None
    finally:
        engine.dispose()
    _run(
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={uri}",
            str(path),
        ],
        env,
    )
