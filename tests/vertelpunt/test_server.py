"""`vertelpunt serve`: gunicorn settings, the anonymous access log, production refusals, proxies and
rate limits shared through Redis between workers."""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import re
import socket
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import timedelta
from http.cookiejar import CookieJar
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from flask import Flask
from gunicorn.config import Config
from limits.storage import MemoryStorage, RedisStorage
from redis import Redis
from werkzeug.test import EnvironBuilder

from tests.conftest import make_app
from vertelpunt.access_log import (
    ACCESS_LOG_FORMAT,
    LOG_PATH,
    AnonymousAccessLogger,
    is_secret,
    loggable_path,
    redact_raw_path,
)
from vertelpunt.config import ConfigError
from vertelpunt.limits import limiter
from vertelpunt.server import GunicornServer, checked_app, gunicorn_options, serve_command, settings_from

REDIS_URL = "redis://127.0.0.1:6379/13"
SECRET = "SeCrEt-token_0123456789"
CLIENT_IP = "203.0.113.77"
USER_AGENT = "Canary-Agent/9.9"
GOOD_KEY = "k" * 48
# gunicorn's own default format asks for the address, referrer and user agent: they must come out as "-".
GUNICORN_DEFAULT_FORMAT = (
    '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(q)s %({x-forwarded-for}i)s'
)


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


def _logger(log_format: str = ACCESS_LOG_FORMAT) -> tuple[AnonymousAccessLogger, _Lines]:
    cfg = Config()
    cfg.set("accesslog", "-")
    cfg.set("errorlog", "-")
    cfg.set("access_log_format", log_format)
    logger = AnonymousAccessLogger(cfg)
    lines = _Lines()
    logger.access_log.addHandler(lines)
    logger.error_log.addHandler(lines)
    return logger, lines


def _access_line(environ: dict[str, Any], log_format: str = ACCESS_LOG_FORMAT) -> str:
    """What the real logger class writes for one request (a fake gunicorn request and response)."""
    logger, lines = _logger(log_format)
    full = {
        "REMOTE_ADDR": CLIENT_IP,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_USER_AGENT": USER_AGENT,
        "HTTP_REFERER": f"https://vertelpunt.example/i/{SECRET}?lang=en",
        **environ,
    }
    full.setdefault(
        "RAW_URI", full["PATH_INFO"] + (f"?{full['QUERY_STRING']}" if full.get("QUERY_STRING") else "")
    )
    request = SimpleNamespace(
        headers=[
            ("User-Agent", USER_AGENT),
            ("X-Forwarded-For", CLIENT_IP),
            ("Referer", full["HTTP_REFERER"]),
        ]
    )
    response = SimpleNamespace(status="200 OK", sent=512, headers=[("Content-Type", "text/html")])
    logger.access(response, request, full, timedelta(milliseconds=12))
    assert len(lines.lines) == 1
    return lines.lines[0]


def _assert_anonymous(line: str) -> None:
    for leak in (SECRET, CLIENT_IP, USER_AGENT, "lang=en", "Referer", "https://"):
        assert leak not in line, f"{leak!r} in {line!r}"


def _call(app: Flask, method: str, path: str, **builder: Any) -> dict[str, Any]:
    """Call the app as gunicorn does, with one environ dict; return that dict after the response."""
    environ = EnvironBuilder(path=path, method=method, **builder).get_environ()
    body = app(environ, lambda status, headers, exc_info=None: lambda data: None)
    try:
        b"".join(body)
    finally:
        getattr(body, "close", lambda: None)()
    return environ


def _secret_rules(app: Flask) -> list[Any]:
    return [rule for rule in app.url_map.iter_rules() if any(is_secret(a) for a in rule.arguments)]


def test_every_route_with_a_token_or_code_is_logged_with_a_placeholder(app: Flask) -> None:
    rules = _secret_rules(app)
    # /i/, /i/…/bedankt, /k/, /wachtwoord/ and the workshop links /w/… at least.
    assert len(rules) >= 10 and {r.rule for r in rules} >= {"/i/<token>", "/k/<code>", "/wachtwoord/<token>"}
    for rule in rules:
        path = expected = rule.rule
        for name in rule.arguments:
            for written in (f"<{name}>", f"<int:{name}>"):
                path = path.replace(written, SECRET if is_secret(name) else "1")
                expected = expected.replace(written, f"<{name}>" if is_secret(name) else "1")
        method = "GET" if "GET" in (rule.methods or ()) else "POST"
        environ = _call(
            app,
            method,
            path,
            query_string="lang=en",
            headers={"User-Agent": USER_AGENT},
            environ_base={"REMOTE_ADDR": CLIENT_IP},
        )
        # The app itself recorded the route's path with the secret replaced by the argument's name.
        assert environ[LOG_PATH] == expected, rule.rule
        line = _access_line(dict(environ), GUNICORN_DEFAULT_FORMAT)
        _assert_anonymous(line)
        assert f'"{method} {expected} HTTP/1.1"' in line


def test_default_gunicorn_format_keeps_nothing_about_the_client() -> None:
    line = _access_line(
        {"REQUEST_METHOD": "GET", "PATH_INFO": "/privacy", "QUERY_STRING": "lang=en"}, GUNICORN_DEFAULT_FORMAT
    )
    _assert_anonymous(line)
    assert line.startswith("- - - [") and '"GET /privacy HTTP/1.1" 200 512 "-" "-"' in line


def test_our_format_is_method_path_status_size_and_time() -> None:
    line = _access_line({"REQUEST_METHOD": "POST", "PATH_INFO": "/login", LOG_PATH: "/login"})
    assert line.endswith('"POST /login HTTP/1.1" 200 512 12ms') and "%(h)s" not in ACCESS_LOG_FORMAT


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        (f"/i/{SECRET}/bedankt/x", "/i/<token>/bedankt/x"),
        (f"/w/{SECRET}/", "/w/<token>/"),
        (f"/k/{SECRET}", "/k/<code>"),
        (f"/wachtwoord/{SECRET}/extra", "/wachtwoord/<token>/extra"),
        ("/static/app.css", "/static/app.css"),
    ],
)
def test_unrouted_paths_lose_the_segment_after_a_secret_prefix(path: str, logged: str) -> None:
    assert redact_raw_path(path + "?lang=en") == logged
    line = _access_line({"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "lang=en"})
    _assert_anonymous(line)
    assert f'"GET {logged} HTTP/1.1" 200' in line


def test_loggable_path_replaces_secret_arguments_only() -> None:
    assert loggable_path(f"/x/{SECRET}/7", {"invite_token": SECRET, "n": 7}) == "/x/<invite_token>/7"
    assert (
        loggable_path("/coalitions/demo/links/7", {"slug": "demo", "link_id": 7})
        == "/coalitions/demo/links/7"
    )


def test_error_log_loses_client_address_query_and_tokens() -> None:
    logger, lines = _logger()
    logger.warning(
        f"Invalid request from ip={CLIENT_IP}: Invalid HTTP request line: 'GET /i/{SECRET}?lang=en HTTP/1.1 x'"
    )
    logger.warning("Invalid request from ip=::1: bad")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logger.exception("Error handling request %s", f"/w/{SECRET}/ops?lang=en")
    text = "\n".join(lines.lines)
    _assert_anonymous(text)
    assert "ip=-: Invalid HTTP request line: 'GET /i/<token> HTTP/1.1 x'" in text
    assert "ip=-: bad" in text and "Error handling request /w/<token>/ops" in text


def test_gunicorn_gets_threaded_workers_and_the_anonymous_logger() -> None:
    settings = settings_from(
        {"SERVER_HOST": "127.0.0.1", "SERVER_PORT": 8000, "SERVER_WORKERS": 2, "SERVER_THREADS": 4},
        port=8123,
        workers=3,
    )
    server = GunicornServer(lambda: Flask(__name__), gunicorn_options(settings))
    assert server.cfg.bind == ["127.0.0.1:8123"]
    assert (server.cfg.workers, server.cfg.threads) == (3, 4)
    assert server.cfg.worker_class_str == "gthread"
    assert server.cfg.logger_class is AnonymousAccessLogger
    assert server.cfg.access_log_format == ACCESS_LOG_FORMAT and "%(h)" not in server.cfg.access_log_format
    assert (
        settings_from(
            {"SERVER_HOST": "::1", "SERVER_PORT": 80, "SERVER_WORKERS": 1, "SERVER_THREADS": 1}
        ).bind
        == "[::1]:80"
    )
    with pytest.raises(ConfigError, match="SERVER_WORKERS must be at least 1"):
        settings_from({"SERVER_HOST": "h", "SERVER_PORT": 1, "SERVER_WORKERS": 0, "SERVER_THREADS": 1})


def _config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f'DATABASE_URL = "sqlite:///{tmp_path / "x.sqlite"}"\n{text}', encoding="utf-8")
    monkeypatch.setenv("VERTELPUNT_CONFIG", str(path))
    for key in ("FLASK_ENV", "FLASK_SECRET_KEY", "FLASK_DEBUG"):
        monkeypatch.delenv(key, raising=False)
    return path


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("", "SECRET_KEY is required in production"),
        ('SECRET_KEY = "change-me"\n', "SECRET_KEY is a placeholder"),
        (f'SECRET_KEY = "{GOOD_KEY}"\nDEBUG = true\n', "DEBUG must be false in production"),
        (f'SECRET_KEY = "{GOOD_KEY}"\nSERVER_WORKERS = 0\n', "SERVER_WORKERS must be at least 1"),
    ],
)
def test_serve_refuses_an_unsafe_production_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, config: str, message: str
) -> None:
    _config_file(tmp_path, monkeypatch, config)
    result = CliRunner().invoke(serve_command, [])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("vertelpunt serve: configuration error: ")
    assert message in lines[0]


def test_serve_is_production_unless_development_is_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _config_file(tmp_path, monkeypatch, f'SECRET_KEY = "{GOOD_KEY}"\n')
    assert checked_app(dev=False).config["ENV"] == "production"
    assert checked_app(dev=True).config["ENV"] == "development"
    # The configuration's own ENV wins over the flag: --dev cannot switch a production file's checks off.
    _config_file(tmp_path, monkeypatch, 'ENV = "production"\nSECRET_KEY = "change-me"\n')
    with pytest.raises(ConfigError, match="placeholder"):
        checked_app(dev=True)
    _config_file(tmp_path, monkeypatch, 'ENV = "development"\n')
    assert checked_app(dev=False).config["ENV"] == "development"


def _forwarded_environ(app: Flask, forwarded_for: str) -> dict[str, Any]:
    headers = {"X-Forwarded-For": forwarded_for, "X-Forwarded-Proto": "https"}
    return _call(app, "GET", "/health", headers=headers, environ_base={"REMOTE_ADDR": "127.0.0.1"})


def test_forwarded_headers_count_only_behind_a_configured_proxy(database_url: str) -> None:
    direct = make_app(database_url)
    environ = _forwarded_environ(direct, "198.51.100.1")
    assert environ["REMOTE_ADDR"] == "127.0.0.1" and environ["wsgi.url_scheme"] == "http"
    behind = make_app(database_url, TRUSTED_PROXIES=1)
    # The proxy appends the address it saw; whatever the client put in front is ignored.
    environ = _forwarded_environ(behind, "198.51.100.1, 203.0.113.5")
    assert environ["REMOTE_ADDR"] == "203.0.113.5" and environ["wsgi.url_scheme"] == "https"
    for application in (direct, behind):
        application.extensions["engine"].dispose()


def test_spoofed_forwarded_for_does_not_reset_the_login_limit(database_url: str) -> None:
    app = make_app(database_url, TRUSTED_PROXIES=1, RATELIMIT_ENABLED=True, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    codes = [
        client.post(
            "/login",
            data={"email": "beheer@example.org", "password": "fout"},
            headers={"X-Forwarded-For": f"10.9.9.{i}, 203.0.113.5"},
        ).status_code
        for i in range(7)
    ]
    assert codes == [422] * 5 + [429] * 2
    app.extensions["engine"].dispose()


@pytest.fixture
def redis_db() -> Iterator[Redis]:
    """Our own Redis database (13), empty before and after."""
    redis = Redis.from_url(REDIS_URL)
    try:
        redis.flushdb()
    except Exception as exc:  # noqa: BLE001 - say plainly what is missing
        pytest.fail(f"Redis is not reachable at {REDIS_URL}: {exc}")
    yield redis
    redis.flushdb()
    redis.close()


def test_limits_use_redis_when_it_is_configured(database_url: str, redis_db: Redis) -> None:
    app = make_app(database_url, REDIS_URL=REDIS_URL, RATELIMIT_ENABLED=True)
    assert app.config["RATELIMIT_STORAGE_URI"] == REDIS_URL
    assert isinstance(limiter.storage, RedisStorage)
    chosen = make_app(database_url, REDIS_URL=REDIS_URL, RATELIMIT_STORAGE_URI="memory://?x=1")
    assert chosen.config["RATELIMIT_STORAGE_URI"] == "memory://?x=1"
    alone = make_app(database_url, RATELIMIT_ENABLED=True)
    assert alone.config["RATELIMIT_STORAGE_URI"] == "memory://" and isinstance(limiter.storage, MemoryStorage)
    for application in (app, chosen, alone):
        application.extensions["engine"].dispose()


def test_two_workers_share_the_login_limit_through_redis(database_url: str, redis_db: Redis) -> None:
    settings = {"REDIS_URL": REDIS_URL, "RATELIMIT_ENABLED": True, "WTF_CSRF_ENABLED": False}
    first = make_app(database_url, **settings)
    attempt = {"email": "beheer@example.org", "password": "fout"}
    codes = [first.test_client().post("/login", data=attempt).status_code for _ in range(3)]
    # A second worker: its own app and its own limiter storage object, the same Redis behind it.
    second = make_app(database_url, **settings)
    codes += [second.test_client().post("/login", data=attempt).status_code for _ in range(3)]
    codes += [first.test_client().post("/login", data=attempt).status_code]
    assert codes == [422] * 5 + [429, 429]
    assert any(key.startswith(b"LIMITS") for key in redis_db.keys("*"))
    for application in (first, second):
        application.extensions["engine"].dispose()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(opener: urllib.request.OpenerDirector, url: str, data: bytes | None = None) -> tuple[int, str]:
    try:
        with opener.open(url, data=data, timeout=10) as response:
            return int(response.status), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def _serve(args: list[str], config: Path, log: Path) -> None:
    """`vertelpunt serve ARGS` with CONFIG, everything it prints going to LOG (runs in a forked child)."""
    os.environ["VERTELPUNT_CONFIG"] = str(config)
    sys.stdout = sys.stderr = log.open("w", buffering=1)
    serve_command.main(args, prog_name="vertelpunt serve")


def test_serve_runs_gunicorn_with_shared_limits_and_an_anonymous_log(
    app: Flask, tmp_path: Path, redis_db: Redis
) -> None:
    port = _free_port()
    config = tmp_path / "config.toml"
    config.write_text(
        f'SECRET_KEY = "{GOOD_KEY}"\nDATABASE_URL = "{app.config["DATABASE_URL"]}"\nREDIS_URL = "{REDIS_URL}"\n'
        # Plain HTTP on loopback: the staff cookie may not be Secure here, or urllib would not send it.
        "SECURE_COOKIES = false\n",
        encoding="utf-8",
    )
    log = tmp_path / "serve.log"
    assert app.cli.commands["serve"] is serve_command
    # A fork of this process, which has imported the app already: a fresh interpreter needs ~8 s for that.
    server = multiprocessing.get_context("fork").Process(
        target=_serve, args=(["--port", str(port), "--workers", "2"], config, log)
    )
    server.start()
    base = f"http://127.0.0.1:{port}"
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):  # refused until gunicorn listens: ask again
                if _fetch(browser, f"{base}/health")[0] == 200:
                    break
            assert server.is_alive() and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        assert _fetch(browser, f"{base}/i/{SECRET}?lang=en")[0] == 404
        status, page = _fetch(browser, f"{base}/login?next=/coalitions/")
        match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        assert status == 200 and match, page
        attempt = urlencode({"csrf_token": match.group(1), "email": "beheer@example.org", "password": "fout"})
        codes = [_fetch(browser, f"{base}/login", attempt.encode())[0] for _ in range(7)]
        # Wrong passwords are 422; from the 6th on 429, wherever a worker counted the earlier ones.
        assert codes == [422] * 5 + [429, 429], codes
    finally:
        server.terminate()  # SIGTERM: gunicorn's graceful stop
        server.join(timeout=30)
    assert server.exitcode == 0
    text = log.read_text()
    assert "(production, 2 workers x 4 threads)" in text and text.count("Booting worker") == 2
    access = [line for line in text.splitlines() if "HTTP/1.1" in line]
    assert len(access) >= 9
    assert '"GET /i/<token> HTTP/1.1" 404' in text and '"POST /login HTTP/1.1" 429' in text
    assert not [
        line
        for line in access
        if "127.0.0.1" in line
        or SECRET in line
        or "lang=en" in line
        or "next=" in line
        or "Python-urllib" in line
    ]
