"""Configuration: defaults, then a TOML file (path in ``VERTELPUNT_CONFIG``), then ``FLASK_*`` env vars."""

from __future__ import annotations

import os
import secrets
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask

DEFAULT_CONFIG_FILE = "config.toml"
INSECURE_SECRETS = {"", "change-me", "dev", "secret"}


class ConfigError(Exception):
    """The configuration cannot be used; the message is one line that names the key or file."""


# key -> (type, default). A default of None means "derived at load time".
SCHEMA: dict[str, tuple[type | tuple[type, ...], Any]] = {
    "ENV": (str, "development"),
    "SECRET_KEY": (str, None),
    "DATABASE_URL": (str, None),
    "BASE_URL": (str, "http://127.0.0.1:5000"),
    "DEFAULT_LOCALE": (str, "nl"),
    "TIMEZONE": (str, "Europe/Amsterdam"),
    "RATELIMIT_STORAGE_URI": (str, "memory://"),
    "RATELIMIT_ENABLED": (bool, True),
    "SHARE_POST_LIMIT": (str, "60 per 10 minutes"),
    "LINK_LOOKUP_LIMIT": (str, "300 per minute"),
    "LOGIN_LIMIT": (str, "5 per minute"),
    # Wrong withdrawal codes allowed per address (/intrekken); a right code does not count.
    "WITHDRAW_LIMIT": (str, "10 per hour"),
    "SECURE_COOKIES": (bool, None),
    "SUBMISSION_TOKEN_MAX_AGE": (int, 6 * 3600),
    # Seconds a rendered story form is reused per process (vertelpunt/form_pages.py); 0 turns it off.
    "SHARE_PAGE_CACHE_SECONDS": (int, 300),
    # Seconds a link found open is not looked up again for its form page (the POST always checks).
    "SHARE_LINK_CHECK_SECONDS": ((int, float), 2.0),
    "STORY_MIN_WORDS": (int, 3),
    "STORY_MAX_CHARS": (int, 20_000),
    "TITLE_MAX_CHARS": (int, 120),
    "MAX_CONTENT_LENGTH": (int, 1024 * 1024),
    "MAX_FORM_MEMORY_SIZE": (int, 1024 * 1024),
    "QUESTIONNAIRE_FILE": (str, ""),
    # After a story is checked for personal data: keep the original for administrators, or not at all.
    "KEEP_ORIGINAL_STORIES": (bool, True),
    # Days a coalition's closed data is kept before `vertelpunt purge-expired` deletes it.
    "RETENTION_DAYS": (int, 365),
    # Redis for background jobs (theme runs); empty runs them in the web process.
    "REDIS_URL": (str, ""),
    # Story representation for theme discovery: "lemmas" (built in) or "module:callable" of your own.
    "THEME_REPRESENTATION": (str, "lemmas"),
    # `vertelpunt serve` (gunicorn): address, worker processes, threads per worker.
    "SERVER_HOST": (str, "127.0.0.1"),
    "SERVER_PORT": (int, 8000),
    "SERVER_WORKERS": (int, 2),
    "SERVER_THREADS": (int, 4),
    # Reverse proxies in front of the app that set X-Forwarded-For/-Proto; 0 trusts no such header.
    "TRUSTED_PROXIES": (int, 0),
    "TESTING": (bool, False),
    "DEBUG": (bool, False),
}
ENVIRONMENTS = ("development", "production")


def load(app: Flask, test_config: Mapping[str, Any] | None = None, *, default_env: str | None = None) -> None:
    """Fill ``app.config``: defaults, then the TOML file or ``test_config``, then ``FLASK_*`` env vars.

    ``default_env`` replaces the ENV default (``vertelpunt serve`` passes "production"); the file or
    ``FLASK_ENV`` still decide when they name one.
    """
    app.config.from_mapping({k: default for k, (_, default) in SCHEMA.items() if default is not None})
    if default_env is not None:
        app.config["ENV"] = default_env
    if test_config is not None:
        app.config.update(test_config)
    else:
        app.config.update(read_file(config_path()))
        app.config.from_prefixed_env()
    finish(app)


def config_path() -> Path | None:
    """The TOML file to read: ``VERTELPUNT_CONFIG`` (must exist) or ``./config.toml`` (may be absent)."""
    named = os.environ.get("VERTELPUNT_CONFIG")
    if named:
        path = Path(named).expanduser().resolve()
        if not path.is_file():
            raise ConfigError(f"VERTELPUNT_CONFIG: file not found: {path}")
        return path
    path = Path(DEFAULT_CONFIG_FILE).resolve()
    return path if path.is_file() else None


def read_file(path: Path | None) -> dict[str, Any]:
    """Parse and check a TOML config file; raise ConfigError naming the bad key."""
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    for key, value in data.items():
        if key not in SCHEMA:
            raise ConfigError(f"{path}: unknown key {key} (keys are UPPERCASE; see config.example.toml)")
        expected = SCHEMA[key][0]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            kind = expected.__name__ if isinstance(expected, type) else "/".join(t.__name__ for t in expected)
            raise ConfigError(f"{path}: {key} must be a {kind}, got {value!r}")
    return data


def finish(app: Flask) -> None:
    """Derive defaults that depend on other keys, then refuse unsafe combinations."""
    cfg = app.config
    if cfg["ENV"] not in ENVIRONMENTS:
        raise ConfigError(f"ENV must be one of {', '.join(ENVIRONMENTS)}, got {cfg['ENV']!r}")
    if not cfg.get("DATABASE_URL"):
        Path(app.instance_path).mkdir(parents=True, exist_ok=True)
        cfg["DATABASE_URL"] = f"sqlite:///{Path(app.instance_path) / 'vertelpunt.sqlite'}"
    cfg["DATABASE_URL"] = normalise_database_url(cfg["DATABASE_URL"])
    production = cfg["ENV"] == "production" and not cfg.get("TESTING")
    if not cfg.get("SECRET_KEY"):
        if production:
            raise ConfigError(
                "SECRET_KEY is required in production (generate one: python -c "
                "'import secrets; print(secrets.token_urlsafe(48))')"
            )
        # Development only: a fresh key per process. Open forms survive a restart (they re-render).
        cfg["SECRET_KEY"] = secrets.token_urlsafe(48)
    elif production and cfg["SECRET_KEY"] in INSECURE_SECRETS:
        raise ConfigError("SECRET_KEY is a placeholder; set a long random value in production")
    if production and cfg.get("DEBUG"):
        raise ConfigError("DEBUG must be false in production")
    _session_cookie(cfg, production)
    _shared_limits(cfg)
    if cfg["TRUSTED_PROXIES"] < 0:
        raise ConfigError(f"TRUSTED_PROXIES must be 0 or more, got {cfg['TRUSTED_PROXIES']}")
    if cfg["DEFAULT_LOCALE"] not in ("nl", "en"):
        raise ConfigError(f"DEFAULT_LOCALE must be nl or en, got {cfg['DEFAULT_LOCALE']!r}")
    cfg["BASE_URL"] = cfg["BASE_URL"].rstrip("/")


def _session_cookie(cfg: Any, production: bool) -> None:
    # Staff sessions only: the public story form sets no cookie at all. In production the cookie is
    # Secure with the __Host- prefix; plain-HTTP development on 127.0.0.1 cannot use either.
    secure = cfg.get("SECURE_COOKIES")
    if secure is None:
        secure = production
    cfg["SESSION_COOKIE_SECURE"] = secure
    cfg["SESSION_COOKIE_NAME"] = "__Host-vertelpunt" if secure else "vertelpunt_session"
    cfg["SESSION_COOKIE_HTTPONLY"] = True
    cfg["SESSION_COOKIE_SAMESITE"] = "Lax"
    cfg["SESSION_COOKIE_PATH"] = "/"
    # Staff form tokens live as long as the session (idle 30 min, absolute 12 h), not one hour.
    cfg.setdefault("WTF_CSRF_TIME_LIMIT", None)


def _shared_limits(cfg: Any) -> None:
    # memory:// counts per process; with Redis configured, every worker and server shares the counters.
    if cfg.get("REDIS_URL") and cfg["RATELIMIT_STORAGE_URI"] == "memory://":
        cfg["RATELIMIT_STORAGE_URI"] = cfg["REDIS_URL"]


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for plain ``postgres://`` and ``postgresql://`` URLs."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
