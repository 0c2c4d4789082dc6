"""Security headers on every route, friendly errors without tracebacks, no third-party references."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from tests.factories import make_link

ROOT = Path(__file__).parents[2]


def concrete_paths(app: Flask, token: str, slug: str = "onbekend") -> list[tuple[str, str]]:
    """One concrete URL per GET rule of the URL map (walked, not hand-picked), with its endpoint."""
    samples = {"token": token, "slug": slug, "filename": "css/vertelpunt.css"}
    paths = []
    for rule in app.url_map.iter_rules():
        if "GET" not in (rule.methods or set()):
            continue
        values = {arg: samples.get(arg, "1") for arg in rule.arguments}
        paths.append((rule.endpoint, rule.build(values)[1]))
    return paths


def test_every_route_sends_the_security_headers(app: Flask, client: FlaskClient, session: Session) -> None:
    link = make_link(session)
    paths = concrete_paths(app, link.token) + [("missing", "/no-such-page")]
    assert len(paths) >= 5
    for endpoint, path in paths:
        response = client.get(path)
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        for directive in (
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ):
            assert directive in csp, (path, directive)
        assert "unsafe-" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert "max-age=31536000" in headers["Strict-Transport-Security"]
        if not path.startswith("/static/"):
            assert headers["Cache-Control"] == "no-store", path
        public = endpoint == "missing" or endpoint.startswith(("vertelpunt.", "static"))
        if public:
            assert "Set-Cookie" not in headers, path  # tellers never get a cookie
        elif "Set-Cookie" in headers:
            cookie = headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Lax" in cookie, path
        response.close()


def test_unexpected_error_shows_a_friendly_page(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from vertelpunt import views

    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(views, "render_template", boom)
    response = client.get("/privacy")
    assert response.status_code == 500
    html = response.get_data(as_text=True)
    assert "Traceback" not in html and "secret internal detail" not in html
    assert "Er ging iets mis bij ons" in html


def test_no_inline_script_or_third_party_reference_in_templates() -> None:
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'<script(?![^>]*\bsrc=)(?![^>]*\btype="application/json")[^>]*>', text), (
            f"inline script in {path}"
        )
        assert " style=" not in text, f"inline style in {path} (blocked by the CSP)"
        assert not re.search(r"(src|href)=\"(https?:)?//", text), f"third-party reference in {path}"
        assert "|safe" not in text and "Markup(" not in text, f"unescaped output in {path}"


@pytest.mark.parametrize("path", ["/", "/privacy", "/i/unknown-token"])
def test_pages_work_in_english(client: FlaskClient, path: str) -> None:
    html = client.get(path + "?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Wat gebeurt er met mijn verhaal?" not in html  # the footer link is translated
