"""The development server used by ``make demo``: Werkzeug, with an access log that keeps no client
address, query string or link token (invite, session link, short code, password link)."""

from __future__ import annotations

import re

from flask import Flask
from werkzeug.serving import WSGIRequestHandler, run_simple

TOKEN_IN_PATH = re.compile(r"^(/(?:i|w|k|wachtwoord)/)[^/?]+")


def anonymous_request_line(method: str, path: str) -> str:
    """The request as logged: method and path with the invite token and query string removed."""
    path = TOKEN_IN_PATH.sub(r"\1…", path.split("?", 1)[0])
    return f"{method} {path}"


class AnonymousRequestHandler(WSGIRequestHandler):
    """Log method, path and status; never the client address, query string or link token."""

    def address_string(self) -> str:
        return "-"

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        line = anonymous_request_line(getattr(self, "command", "-") or "-", getattr(self, "path", "") or "")
        self.log("info", '"%s" %s %s', line, code, size)


def serve(app: Flask, *, host: str = "127.0.0.1", port: int = 5000) -> None:
    """Serve ``app`` on host:port with the anonymous access log, threaded, without the reloader."""
    run_simple(host, port, app, threaded=True, use_reloader=False, request_handler=AnonymousRequestHandler)
