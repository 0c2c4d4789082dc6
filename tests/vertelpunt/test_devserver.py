"""The development server's access log keeps no client address, query string or invite token."""

from __future__ import annotations

import logging
import threading
import urllib.request

import pytest
from flask import Flask
from sqlmodel import Session
from werkzeug.serving import make_server

from tests.factories import make_link
from vertelpunt.devserver import AnonymousRequestHandler, anonymous_request_line


@pytest.mark.parametrize(
    ("method", "path", "logged"),
    [
        ("GET", "/i/abcDEF123_-x?lang=en", "GET /i/…"),
        ("POST", "/i/abcDEF123_-x", "POST /i/…"),
        ("GET", "/i/abcDEF123_-x/bedankt", "GET /i/…/bedankt"),
        ("GET", "/privacy?utm=x", "GET /privacy"),
    ],
)
def test_request_line_drops_token_and_query(method: str, path: str, logged: str) -> None:
    assert anonymous_request_line(method, path) == logged


def test_served_requests_are_logged_without_address(
    app: Flask, session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    link = make_link(session)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=AnonymousRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    caplog.set_level(logging.INFO, logger="werkzeug")
    try:
        url = f"http://127.0.0.1:{server.server_port}/i/{link.token}?lang=en"
        with urllib.request.urlopen(url) as response:  # noqa: S310 - our own loopback server
            assert response.status == 200
    finally:
        server.shutdown()
        server.server_close()
    assert '"GET /i/…" 200' in caplog.text
    assert "127.0.0.1" not in caplog.text and link.token not in caplog.text and "lang=en" not in caplog.text
