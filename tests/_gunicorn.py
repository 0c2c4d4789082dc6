"""A live server on 127.0.0.1, for the fault tests and bench/load.py: the app through ``vertelpunt serve``
(gunicorn, reading a temporary TOML configuration from ``VERTELPUNT_CONFIG``), or another WSGI app under
plain gunicorn with the same settings (gthread workers, anonymous access log, no control socket).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parent.parent
# Seconds a stopping server gets before it is killed (the database is checked after it is gone).
STOP_WAIT = 3


def script(name: str) -> str:
    """A console script of this virtualenv (the one running Python), else the one on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"{name} is not installed (make install)")
    return found


def command_line(port: int, workers: int, wsgi_app: str | None, chdir: Path) -> list[str]:
    """``vertelpunt serve`` for the app; gunicorn with the same settings for any other ``module:app``."""
    if wsgi_app is None:
        return [script("vertelpunt"), "serve", "--host", "127.0.0.1", "--port", str(port)] + [
            "--workers",
            str(workers),
            "--threads",
            "1",
        ]
    from vertelpunt.access_log import ACCESS_LOG_FORMAT

    return [
        script("gunicorn"),
        *("--workers", str(workers), "--threads", "1", "--worker-class", "gthread"),
        *("--bind", f"127.0.0.1:{port}", "--chdir", str(chdir), "--no-control-socket"),
        *("--access-logfile", "-", "--access-logformat", ACCESS_LOG_FORMAT, "--error-logfile", "-"),
        *("--logger-class", "vertelpunt.access_log.AnonymousAccessLogger"),
        wsgi_app,
    ]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def write_config(path: Path, database_url: str, **overrides: Any) -> Path:
    """A production-like configuration: a random secret key, the given database, rate limits off."""
    values: dict[str, Any] = {
        "ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": database_url,
        "RATELIMIT_ENABLED": False,
        # Plain HTTP on loopback: a Secure cookie would never come back (the public pages set none anyway).
        "SECURE_COOKIES": False,
    }
    values.update(overrides)
    lines = [f"{key} = {_toml(value)}" for key, value in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value))  # a JSON string is a valid TOML basic string


def secret_key_of(config: Path) -> str:
    """The SECRET_KEY written to a configuration file (to sign submission ids like the server does)."""
    import tomllib

    key: str = tomllib.loads(config.read_text(encoding="utf-8"))["SECRET_KEY"]
    return key


@dataclass
class LiveServer:
    """A running gunicorn master and its address."""

    process: subprocess.Popen[bytes]
    port: int
    workers: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def worker_pids(self) -> list[int]:
        """The master's worker processes (Linux: read from /proc)."""
        pid = self.process.pid
        try:
            text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        except OSError:
            return []
        return [int(p) for p in text.split()]

    def wait_for_workers(
        self, count: int | None = None, *, besides: int | None = None, timeout: float = 30
    ) -> list[int]:
        """Wait until ``count`` workers run (none of them ``besides``) and the server answers."""
        wanted = self.workers if count is None else count
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log_tail()}")
            pids = [p for p in self.worker_pids() if p != besides]
            if len(pids) >= wanted and _answers(self.url + "/privacy"):
                return pids
            time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not get {wanted} workers in {timeout} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server (SIGINT); whatever of it still runs after a few seconds is killed, workers first."""
        if self.process.poll() is not None:
            return
        workers = self.worker_pids()
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=STOP_WAIT)
        except subprocess.TimeoutExpired:
            for pid in workers:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            self.process.kill()
            self.process.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our own loopback server
            return bool(response.status < 500)
    except urllib.error.HTTPError as error:
        return error.code < 500
    except OSError:
        return False


def start(
    config: Path | None,
    *,
    workers: int = 4,
    wsgi_app: str | None = None,
    chdir: Path = ROOT,
    log: Path,
    timeout: float = 60,
) -> LiveServer:
    """Start the server on a free loopback port and wait until all its workers answer."""
    port = free_port()
    environment = dict(os.environ)
    if config is not None:
        environment["VERTELPUNT_CONFIG"] = str(config)
    handle: IO[bytes] = log.open("ab")
    process = subprocess.Popen(  # noqa: S603 - a fixed command line
        command_line(port, workers, wsgi_app, chdir),
        cwd=chdir,
        env=environment,
        stdout=handle,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
    )
    handle.close()
    server = LiveServer(process=process, port=port, workers=workers, log=log)
    try:
        server.wait_for_workers(timeout=timeout)
    except BaseException:
        server.stop()
        raise
    return server


@contextmanager
def serving(config: Path | None, **options: Any) -> Iterator[LiveServer]:
    """A live gunicorn for the duration of a ``with`` block; always stopped afterwards."""
    server = start(config, **options)
    try:
        yield server
    finally:
        server.stop()
