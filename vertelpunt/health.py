"""``GET /health``: can this server reach its database and Redis? For load balancers and monitoring.

The answer names only "ok", "fail" or "not configured": no versions, paths, addresses or error texts.
The reason for a failure goes to the server's log (the exception type only: messages may hold URLs).
"""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, current_app, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)
bp = Blueprint("health", __name__)
REDIS_TIMEOUT_SECONDS = 2.0


def database_ok(engine: Engine) -> bool:
    """Whether the database answers a trivial query."""
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        log.warning("health: database unreachable (%s)", type(exc).__name__)
        return False
    return True


def redis_ok(url: str) -> bool:
    """Whether the Redis server at ``url`` answers PING within a couple of seconds."""
    from redis import Redis

    try:
        client = Redis.from_url(
            url, socket_connect_timeout=REDIS_TIMEOUT_SECONDS, socket_timeout=REDIS_TIMEOUT_SECONDS
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        log.warning("health: Redis unreachable (%s)", type(exc).__name__)
        return False
    return True


def redis_urls(config: Any) -> list[str]:
    """The Redis servers this app uses: background jobs and, when on Redis, the rate limits."""
    urls = [config.get("REDIS_URL") or "", config.get("RATELIMIT_STORAGE_URI") or ""]
    return sorted({url for url in urls if url.startswith(("redis://", "rediss://", "unix://"))})


def report(engine: Engine, config: Any) -> dict[str, str]:
    """The health report: status, database and redis, each "ok" or "fail" (redis: or "not configured")."""
    database = "ok" if database_ok(engine) else "fail"
    urls = redis_urls(config)
    redis = "not configured" if not urls else "ok" if all(redis_ok(url) for url in urls) else "fail"
    status = "ok" if database == "ok" and redis != "fail" else "fail"
    return {"status": status, "database": database, "redis": redis}


@bp.get("/health")
def health() -> ResponseReturnValue:
    """The health report as JSON: 200 when everything configured is up, 503 otherwise."""
    result = report(current_app.extensions["engine"], current_app.config)
    response = jsonify(result)
    response.status_code = 200 if result["status"] == "ok" else 503
    response.headers["Cache-Control"] = "no-store"
    return response
