"""Rate limits count per visitor, and what they keep (memory or Redis) holds no client address."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import make_app, submission_token
from tests.factories import make_link, story_form
from vertelpunt.db import new_session

LIMITS_REDIS = "redis://127.0.0.1:6379/12"
ADDRESS = "203.0.113.77"
OTHER_ADDRESS = "198.51.100.23"
SAME_ORIGIN = {"Sec-Fetch-Site": "same-origin"}


@pytest.fixture
def limited_app(database_url: str) -> Iterator[Flask]:
    """The app with limits on, counted in a Redis database emptied first."""
    store = redis.Redis.from_url(LIMITS_REDIS)
    store.flushdb()
    app = make_app(
        database_url,
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI=LIMITS_REDIS,
        SHARE_POST_LIMIT="2 per minute",
    )
    yield app
    app.extensions["engine"].dispose()
    store.flushdb()
    store.close()


def _tell(client: FlaskClient, token: str) -> int:
    submission = submission_token(client.get(f"/i/{token}").get_data(as_text=True))
    return client.post(
        f"/i/{token}", data={"submission": submission, **story_form()}, headers=SAME_ORIGIN
    ).status_code


def test_limits_count_per_visitor_and_redis_keeps_no_address(limited_app: Flask) -> None:
    with limited_app.app_context():
        session = new_session(limited_app.extensions["engine"])
        token = make_link(session).token
        session.close()
    teller = limited_app.test_client()
    teller.environ_base["REMOTE_ADDR"] = ADDRESS
    other = limited_app.test_client()
    other.environ_base["REMOTE_ADDR"] = OTHER_ADDRESS

    assert [_tell(teller, token) for _ in range(3)] == [303, 303, 429]
    assert _tell(other, token) == 303  # another visitor has their own count
    teller.post("/login", data={"email": "iemand@example.org", "password": "fout"}, headers=SAME_ORIGIN)

    store = redis.Redis.from_url(LIMITS_REDIS)
    try:
        keys = [key.decode() for key in store.keys("*")]
        values = [str(store.get(key)) for key in keys if store.type(key) == b"string"]
    finally:
        store.close()
    assert keys, "the limits should be counted in Redis"
    for address in (ADDRESS, OTHER_ADDRESS):
        assert not any(address in key for key in keys)
        assert not any(address in value for value in values)


def test_guessing_session_codes_in_the_address_bar_is_limited_too(database_url: str) -> None:
    app = make_app(database_url, RATELIMIT_ENABLED=True, LINK_LOOKUP_LIMIT="3 per minute")
    try:
        client = app.test_client()
        codes = [client.get(f"/w?code=abc-de{n}").status_code for n in range(4)]
        assert codes == [400, 400, 400, 429]
    finally:
        app.extensions["engine"].dispose()
