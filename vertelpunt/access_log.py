"""Access logs without personal data: no client address, user agent, referrer or query string, and no
secret in a path (invite tokens, workshop session links, short codes, password links).

The app records each routed request's path with its secret arguments replaced by ``<name>``; the
gunicorn logger writes that path, or for a request no route matched, the raw path with the segment
after a secret prefix (``/i/``, ``/w/``, ``/k/``, ``/wachtwoord/``) replaced.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from flask import Flask, request
from gunicorn import glogging

# The WSGI environ key under which the app leaves the path as it may be logged.
LOG_PATH = "vertelpunt.log_path"
SECRET_ARGUMENTS = frozenset({"token", "code"})
SECRET_PREFIXES = {"i": "token", "w": "token", "k": "code", "wachtwoord": "token"}
_SECRET_SEGMENT = re.compile(r"(?<![\w.-])/(i|w|k|wachtwoord)/[^/\s?#'\"]+")
_QUERY = re.compile(r"\?[^\s'\"]*")
_CLIENT_IP = re.compile(r"\bip=.*?: ")
# Method, path, protocol, status, bytes, milliseconds: nothing about who asked.
ACCESS_LOG_FORMAT = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
# gunicorn atoms that say nothing about the client; everything else is dropped or replaced.
_SAFE_ATOMS = ("t", "s", "m", "H", "b", "B", "T", "D", "M", "L", "p")


def is_secret(argument: str) -> bool:
    """Whether a route argument holds a secret that must never be logged."""
    return argument in SECRET_ARGUMENTS or argument.endswith(("_token", "_code"))


def redact_raw_path(path: str) -> str:
    """A raw path (no route known) without query string and without the segment after a secret prefix."""
    path = path.split("?", 1)[0]
    return _SECRET_SEGMENT.sub(lambda m: f"/{m.group(1)}/<{SECRET_PREFIXES[m.group(1)]}>", path)


def loggable_path(path: str, view_args: Mapping[str, Any] | None) -> str:
    """``path`` with every segment that holds a secret route argument replaced by ``<argument>``."""
    secrets = {str(value): name for name, value in (view_args or {}).items() if is_secret(name)}
    if secrets:
        path = "/".join(f"<{secrets[s]}>" if s in secrets else s for s in path.split("/"))
    return redact_raw_path(path)


def scrub(message: str) -> str:
    """A log message without client addresses, query strings or secret path segments."""
    message = _CLIENT_IP.sub("ip=-: ", message)
    return _SECRET_SEGMENT.sub(
        lambda m: f"/{m.group(1)}/<{SECRET_PREFIXES[m.group(1)]}>", _QUERY.sub("", message)
    )


def init_app(app: Flask) -> None:
    """Leave the loggable path of every routed request in its WSGI environ."""

    @app.url_value_preprocessor
    def _record_log_path(_endpoint: str | None, values: dict[str, Any] | None) -> None:
        request.environ[LOG_PATH] = loggable_path(request.path, values)


class _ScrubFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = scrub(record.getMessage())
        record.args = None
        return True


class AnonymousAccessLogger(glogging.Logger):
    """gunicorn's logger, writing only the safe atoms and the app's loggable path.

    Client address, user, referrer, user agent, query string and all header and environ atoms are
    replaced by "-", whatever ``access_log_format`` asks for. The error log is scrubbed as well
    (gunicorn logs "Invalid request from ip=..." and the request URI of failed requests).
    """

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        if not any(isinstance(f, _ScrubFilter) for f in self.error_log.filters):
            self.error_log.addFilter(_ScrubFilter())

    def atoms(self, resp: Any, req: Any, environ: Mapping[str, Any], request_time: Any) -> dict[str, Any]:
        every = super().atoms(resp, req, environ, request_time)
        atoms = {key: every[key] for key in _SAFE_ATOMS if key in every}
        path = environ.get(LOG_PATH) or redact_raw_path(str(environ.get("PATH_INFO") or ""))
        atoms.update(
            {
                "U": path,
                "r": f"{every.get('m') or '-'} {path} {every.get('H') or '-'}",
                "h": "-",
                "l": "-",
                "u": "-",
                "q": "",
                "f": "-",
                "a": "-",
            }
        )
        return atoms
