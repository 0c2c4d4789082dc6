"""Load on this machine: the story form beside a bare Flask hello-world, story submissions on SQLite and
PostgreSQL, and a workshop burst. Loopback only, bounded in time; prints a table.

    .venv/bin/python bench/load.py            # about 5 minutes
    .venv/bin/python bench/load.py --quick    # about a minute: the CI smoke (exit 1 on errors or lost rows)

The app runs under `vertelpunt serve` (gunicorn, 4 gthread workers of 1 thread, anonymous access log) on
127.0.0.1 with a production-like configuration in a temporary folder: a random SECRET_KEY, rate limits on
but set very high (so the limiter's cost is measured without it refusing anything). The hello-world runs
under gunicorn with the same settings. SQLite is a fresh file; PostgreSQL a scratch database made and
dropped here. The load comes from locust (bench/locustfile.py), headless, on the same two cores as the
server, so every figure is a floor.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402
from sqlmodel import func, select  # noqa: E402

from sensemaking import workshops  # noqa: E402
from sensemaking.models import Hexagon  # noqa: E402
from tests import _gunicorn  # noqa: E402
from tests.factories import make_coalition, make_link  # noqa: E402
from vertelpunt import db, services  # noqa: E402
from vertelpunt.app import create_app  # noqa: E402
from vertelpunt.models import Story  # noqa: E402

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
HIGH_LIMIT = "1000000 per minute"
TARGET_RATIO = 0.5
TARGET_SUBMIT_RPS = 200
TARGET_SUBMIT_P99_MS = 200
TARGET_BURST_GET_P95_MS = 300
TARGET_BURST_POST_P95_MS = 500


@dataclass(frozen=True)
class Timing:
    """How long each locust run lasts (seconds), and how many users it has."""

    throughput: int
    submit: int
    burst: int
    users: int = 50
    burst_users: int = 60
    burst_spawn: int = 10


FULL = Timing(throughput=20, submit=20, burst=60)
QUICK = Timing(throughput=5, submit=6, burst=10, burst_spawn=30)


@dataclass(frozen=True)
class Stats:
    """One request name's line of locust's stats CSV."""

    count: int
    failures: int
    rps: float
    p50: float
    p95: float
    p99: float

    @property
    def ok(self) -> int:
        return self.count - self.failures


@dataclass
class Row:
    """A line of the printed table."""

    scenario: str
    database: str
    stats: Stats
    rows: str = "-"


@dataclass
class Report:
    """Table rows, the target checks and whether anything was lost or failed."""

    rows: list[Row] = field(default_factory=list)
    checks: list[tuple[str, bool]] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)

    def rows_match(self, label: str, stored: int, acknowledged: int) -> str:
        if stored != acknowledged:
            self.broken.append(f"{label}: {stored} rows stored, {acknowledged} acknowledged")
            return f"NO {stored}/{acknowledged}"
        return f"yes ({stored})"

    def errors(self, label: str, stats: Stats) -> None:
        if stats.failures:
            self.broken.append(f"{label}: {stats.failures} failed requests")


def run_locust(
    user: str, url: str, workdir: Path, *, users: int, spawn: int, seconds: int, env: dict[str, str]
) -> dict[str, Stats]:
    """Run one headless locust and return its final stats per request name (and "Aggregated")."""
    result = workdir / f"locust-{user}-{time.monotonic_ns()}.json"
    command = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(spawn),
        "-t",
        f"{seconds}s",
        # Users finish the request they are in: every POST the server got is counted, answered or not.
        "--stop-timeout",
        "30",
        "--json-file",
        str(result.with_suffix("")),
        "--host",
        url,
        "--loglevel",
        "WARNING",
        "--only-summary",
        user,
    ]
    with (workdir / "locust.log").open("ab") as log:
        subprocess.run(  # noqa: S603 - a fixed command line; locust exits 1 when any request failed
            command, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT, check=False
        )
    entries = json.loads(result.read_text(encoding="utf-8"))
    start = min(entry["start_time"] for entry in entries)
    last = max(entry["last_request_timestamp"] or start for entry in entries)
    stats = {entry["name"]: _stats([entry], last - start) for entry in entries}
    stats["Aggregated"] = _stats(entries, last - start)
    return stats


def _stats(entries: list[dict[str, Any]], seconds: float) -> Stats:
    """Counts, rate over the whole run and percentiles of one or more of locust's final stats entries."""
    times: Counter[float] = Counter()
    for entry in entries:
        times.update({float(ms): n for ms, n in entry["response_times"].items()})
    total = sum(entry["num_requests"] for entry in entries)
    return Stats(
        count=total,
        failures=sum(entry["num_failures"] for entry in entries),
        rps=total / seconds if seconds > 0 else 0.0,
        p50=_percentile(times, 0.50),
        p95=_percentile(times, 0.95),
        p99=_percentile(times, 0.99),
    )


def _percentile(times: Counter[float], fraction: float) -> float:
    """The response time (ms, in locust's rounded buckets) under which ``fraction`` of requests fall."""
    total = sum(times.values())
    seen = 0
    for ms in sorted(times):
        seen += times[ms]
        if seen >= fraction * total:
            return ms
    return float("nan")


def prepare(url: str) -> tuple[str, str]:
    """Migrate the database and give it a questionnaire, an invite link and a planned workshop."""
    db.upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench-" + "x" * 40, "RATELIMIT_ENABLED": False})
    try:
        with app.app_context():
            session = db.get_session()
            services.load_questionnaire(session)
            session.commit()
            coalition = make_coalition(session, slug="belasting", name="Belastingproef")
            link = make_link(session, coalition)
            workshop = workshops.create_workshop(session, coalition=coalition, title="Drukke sessie")
            session.commit()
            return link.token, workshop.token
    finally:
        app.extensions["engine"].dispose()


def warm_up(base: str, paths: list[str], *, rounds: int) -> None:
    """Ask every worker for each page a few times first (templates compiled, connections opened)."""
    for _ in range(rounds):
        for path in paths:
            with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 - loopback
                response.read()


def count(url: str, model: type[Story] | type[Hexagon]) -> int:
    """Rows of ``model`` in the database."""
    engine = db.make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(model)).scalar_one())
    finally:
        engine.dispose()


@contextmanager
def scratch_postgres(admin_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards."""
    name = f"vertelpunt_load_{os.getpid()}"
    admin = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def measure_hello(report: Report, workdir: Path, timing: Timing, workers: int) -> Stats:
    with _gunicorn.serving(
        None,
        wsgi_app="hello:app",
        chdir=Path(__file__).resolve().parent,
        workers=workers,
        log=workdir / "hello.log",
    ) as server:
        stats = run_locust(
            "HelloUser",
            server.url,
            workdir,
            users=timing.users,
            spawn=timing.users,
            seconds=timing.throughput,
            env={},
        )["hello GET"]
    report.rows.append(Row("hello-world GET", "-", stats))
    report.errors("hello-world GET", stats)
    return stats


def measure_app(
    report: Report,
    workdir: Path,
    timing: Timing,
    workers: int,
    url: str,
    label: str,
    *,
    form: bool,
    burst: bool,
) -> Stats | None:
    """Submissions (flat out, then paced at the target rate) and the workshop burst on one database."""
    link, workshop = prepare(url)
    config = _gunicorn.write_config(
        workdir / f"config-{label}.toml",
        url,
        BASE_URL="http://127.0.0.1",
        RATELIMIT_ENABLED=True,
        SHARE_POST_LIMIT=HIGH_LIMIT,
        LINK_LOOKUP_LIMIT=HIGH_LIMIT,
    )
    env = {"LOAD_LINK": link, "LOAD_WORKSHOP": workshop, "LOAD_SECRET": _gunicorn.secret_key_of(config)}
    form_stats = None
    log = workdir / f"server-{label}.log"
    with _gunicorn.serving(config, workers=workers, log=log) as server:
        warm_up(server.url, [f"/i/{link}", f"/w/{workshop}", f"/w/{workshop}/state"], rounds=4 * workers)
        if form:
            form_stats = run_locust(
                "FormUser",
                server.url,
                workdir,
                users=timing.users,
                spawn=timing.users,
                seconds=timing.throughput,
                env=env,
            )["form GET"]
            report.rows.append(Row("story form GET", label, form_stats))
            report.errors(f"story form GET ({label})", form_stats)
        paced = TARGET_SUBMIT_RPS / timing.users
        for scenario, pace in (("story POST, flat out", 0.0), ("story POST, 200/s offered", paced)):
            before = count(url, Story)
            stats = run_locust(
                "SubmitUser",
                server.url,
                workdir,
                users=timing.users,
                spawn=timing.users,
                seconds=timing.submit,
                env={**env, "LOAD_PACE": str(pace)},
            )
            posted = stats["story POST"]
            rows = report.rows_match(f"{scenario} ({label})", count(url, Story) - before, posted.ok)
            report.rows.append(Row(scenario, label, posted, rows))
            report.errors(f"{scenario} ({label})", stats["Aggregated"])
            if pace:
                report.checks.append(
                    (
                        f"{label}: stories/s ≥ {TARGET_SUBMIT_RPS} with p99 < {TARGET_SUBMIT_P99_MS} ms "
                        f"(offered {TARGET_SUBMIT_RPS}/s: {posted.rps:.0f}/s, p99 {posted.p99:.0f} ms)",
                        posted.rps >= TARGET_SUBMIT_RPS * 0.95 and posted.p99 < TARGET_SUBMIT_P99_MS,
                    )
                )
            else:
                report.checks.append(
                    (
                        f"{label}: capacity ≥ {TARGET_SUBMIT_RPS} stories/s ({posted.rps:.0f}/s)",
                        posted.rps >= TARGET_SUBMIT_RPS,
                    )
                )
        if burst:
            measure_burst(report, workdir, timing, server.url, url, label, env)
    busy = sum("database busy" in line for line in log.read_text(errors="replace").splitlines())
    report.checks.append((f"{label}: 'database busy' lines in the server log: {busy}", busy == 0))
    return form_stats


def measure_burst(
    report: Report, workdir: Path, timing: Timing, base: str, url: str, label: str, env: dict[str, str]
) -> None:
    stories, hexagons = count(url, Story), count(url, Hexagon)
    stats = run_locust(
        "WorkshopUser",
        base,
        workdir,
        users=timing.burst_users,
        spawn=timing.burst_spawn,
        seconds=timing.burst,
        env=env,
    )
    told, added = stats["burst story POST"], stats["ops POST"]
    report.rows.append(Row("burst: board state GET", label, stats["state GET"]))
    report.rows.append(
        Row(
            "burst: hexagon POST",
            label,
            added,
            report.rows_match(f"burst hexagons ({label})", count(url, Hexagon) - hexagons, added.ok),
        )
    )
    report.rows.append(
        Row(
            "burst: story POST",
            label,
            told,
            report.rows_match(f"burst stories ({label})", count(url, Story) - stories, told.ok),
        )
    )
    report.errors(f"workshop burst ({label})", stats["Aggregated"])
    gets = [stats[name] for name in ("state GET", "form GET", "board GET")]
    posts = [told, added]
    get_p95, post_p95 = max(s.p95 for s in gets), max(s.p95 for s in posts)
    report.checks.append(
        (
            f"{label} burst: p95 GET < {TARGET_BURST_GET_P95_MS} ms ({get_p95:.0f}), "
            f"p95 POST < {TARGET_BURST_POST_P95_MS} ms ({post_p95:.0f}), "
            f"failures 0 ({stats['Aggregated'].failures})",
            get_p95 < TARGET_BURST_GET_P95_MS
            and post_p95 < TARGET_BURST_POST_P95_MS
            and not stats["Aggregated"].failures,
        )
    )


def print_report(report: Report, hello: Stats, form: Stats | None) -> None:
    header = f"{'scenario':<27} {'DB':<10} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}  rows==2xx"
    print(header)
    print("-" * len(header))
    for row in report.rows:
        s = row.stats
        print(
            f"{row.scenario:<27} {row.database:<10} {s.rps:>7.0f} {s.p50:>7.0f} {s.p95:>7.0f} {s.p99:>7.0f} "
            f"{s.failures:>7}  {row.rows}"
        )
    print()
    if form is not None:
        ratio = form.rps / hello.rps if hello.rps else 0.0
        print(f"story form GET / hello-world GET: {form.rps:.0f} / {hello.rps:.0f} req/s = {ratio:.2f}")
        report.checks.insert(0, (f"form/hello ratio ≥ {TARGET_RATIO} ({ratio:.2f})", ratio >= TARGET_RATIO))
    for text, met in report.checks:
        print(f"  [{'met ' if met else 'MISS'}] {text}")
    for problem in report.broken:
        print(f"  [FAIL] {problem}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a ~1 minute smoke run (CI)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--postgres", default=PG_ADMIN_URL, help="admin URL to create a scratch database on")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs, CSVs)")
    options = parser.parse_args()
    timing = QUICK if options.quick else FULL
    workdir = Path(tempfile.mkdtemp(prefix="vertelpunt-load-"))
    report = Report()
    started = time.monotonic()
    try:
        hello = measure_hello(report, workdir, timing, options.workers)
        sqlite_url = f"sqlite:///{workdir / 'load.sqlite'}"
        form = measure_app(
            report, workdir, timing, options.workers, sqlite_url, "SQLite", form=True, burst=True
        )
        if not options.no_postgres:
            with scratch_postgres(options.postgres) as pg_url:
                measure_app(
                    report,
                    workdir,
                    timing,
                    options.workers,
                    pg_url,
                    "PostgreSQL",
                    form=False,
                    burst=not options.quick,
                )
        print(
            f"\n{options.workers} gunicorn workers, {os.cpu_count()} cores, {time.monotonic() - started:.0f} s\n"
        )
        print_report(report, hello, form)
    finally:
        if options.keep:
            print(f"logs and CSVs in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())
