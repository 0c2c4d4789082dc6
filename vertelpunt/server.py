"""The production server: ``vertelpunt serve`` runs the app under gunicorn with the anonymous access log.

The master process builds the app once to check the configuration (production refuses a placeholder
SECRET_KEY or DEBUG), then every worker builds its own app after the fork, so no database or Redis
connection crosses a process boundary.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import click
from flask import Flask
from gunicorn.app.base import BaseApplication

from vertelpunt.access_log import ACCESS_LOG_FORMAT, AnonymousAccessLogger
from vertelpunt.config import ConfigError


@dataclass(frozen=True)
class ServerSettings:
    """Where gunicorn listens and how many workers and threads it runs."""

    host: str
    port: int
    workers: int
    threads: int

    @property
    def bind(self) -> str:
        """The gunicorn bind address (IPv6 addresses in brackets)."""
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"


def settings_from(config: Mapping[str, Any], **given: Any) -> ServerSettings:
    """Command-line values where given, else the SERVER_* configuration keys."""
    keys = {
        "host": "SERVER_HOST",
        "port": "SERVER_PORT",
        "workers": "SERVER_WORKERS",
        "threads": "SERVER_THREADS",
    }
    values = {name: given[name] if given.get(name) is not None else config[key] for name, key in keys.items()}
    for name in ("workers", "threads"):
        if values[name] < 1:
            raise ConfigError(f"{keys[name]} must be at least 1, got {values[name]}")
    return ServerSettings(**values)


def gunicorn_options(settings: ServerSettings) -> dict[str, Any]:
    """gunicorn settings: threaded workers, logs on standard error, nothing about the client logged."""
    return {
        "bind": [settings.bind],
        "workers": settings.workers,
        "threads": settings.threads,
        "worker_class": "gthread",
        "accesslog": "-",
        "errorlog": "-",
        "access_log_format": ACCESS_LOG_FORMAT,
        "logger_class": AnonymousAccessLogger,
        "proc_name": "vertelpunt",
        # gunicorn ≥ 25 opens a control socket in $HOME by default; two installations would share it.
        "control_socket_disable": True,
    }


class GunicornServer(BaseApplication):
    """gunicorn running an app built by ``factory`` in each worker."""

    def __init__(self, factory: Callable[[], Flask], options: Mapping[str, Any]) -> None:
        self._factory = factory
        self._options = dict(options)
        super().__init__()

    def load_config(self) -> None:
        # Settings an older gunicorn does not know are left out rather than failing.
        for key, value in self._options.items():
            if key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self) -> Flask:
        return self._factory()


def checked_app(*, dev: bool) -> Flask:
    """Build the app as the workers will (production unless ``dev`` or the configuration says ENV);
    raise ConfigError if the configuration cannot serve."""
    from vertelpunt.app import create_app  # the app imports the commands, which import this module

    return create_app(default_env="development" if dev else "production")


def run(settings: ServerSettings, *, dev: bool) -> None:
    """Serve until stopped (SIGTERM or Ctrl+C)."""
    GunicornServer(lambda: checked_app(dev=dev), gunicorn_options(settings)).run()


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on [config SERVER_HOST, 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [config SERVER_PORT, 8000].")
@click.option("--workers", type=int, default=None, help="Worker processes [config SERVER_WORKERS, 2].")
@click.option("--threads", type=int, default=None, help="Threads per worker [config SERVER_THREADS, 4].")
@click.option("--dev", is_flag=True, help="Development mode when the configuration does not set ENV.")
def serve_command(
    host: str | None, port: int | None, workers: int | None, threads: int | None, dev: bool
) -> None:
    """Serve the app with gunicorn (production mode unless --dev or ENV = "development")."""
    try:
        app = checked_app(dev=dev)
        settings = settings_from(app.config, host=host, port=port, workers=workers, threads=threads)
    except ConfigError as exc:
        click.echo(f"vertelpunt serve: configuration error: {exc}", err=True)
        sys.exit(1)
    app.extensions["engine"].dispose()
    if app.config["ENV"] == "development":
        # Development without a SECRET_KEY gets a random one per process: give every worker the same.
        os.environ.setdefault("FLASK_SECRET_KEY", app.config["SECRET_KEY"])
    click.echo(
        f"Serving on http://{settings.bind} ({app.config['ENV']}, {settings.workers} workers"
        f" x {settings.threads} threads); access log without addresses or tokens.",
        err=True,
    )
    run(settings, dev=dev)
