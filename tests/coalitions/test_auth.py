"""Signing in and out: passwords, brute force, sessions, timeouts, redirects, invites and roles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from coalitions import accounts
from tests.coalitions.staff_helpers import PASSWORD, make_user, sign_in
from tests.conftest import make_app
from tests.factories import make_coalition


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    """The app with CSRF off (one test below turns it on) and rate limits on."""
    application = make_app(database_url, WTF_CSRF_ENABLED=False, RATELIMIT_ENABLED=True)
    yield application
    application.extensions["engine"].dispose()


def test_sign_in_and_reach_the_coalitions(client: FlaskClient, session: Session) -> None:
    coalition = make_coalition(session)
    user = make_user(session, coalition=coalition)
    assert client.get("/coalitions/").status_code == 302
    response = sign_in(client, user)
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    home = client.get("/coalitions/", follow_redirects=True)
    assert coalition.name in home.get_data(as_text=True)


def test_wrong_password_is_refused_and_email_kept(client: FlaskClient, session: Session) -> None:
    user = make_user(session)
    response = sign_in(client, user, password="helemaal fout 123")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "horen niet bij elkaar" in html and user.email in html
    unknown = client.post("/login", data={"email": "niemand@example.org", "password": "wat dan ook 123"})
    assert unknown.status_code == 422 and "horen niet bij elkaar" in unknown.get_data(as_text=True)


def test_brute_force_is_limited_per_account_and_address(client: FlaskClient, session: Session) -> None:
    user = make_user(session)
    codes = [sign_in(client, user, password=f"fout wachtwoord {i}").status_code for i in range(7)]
    assert codes[:5] == [422] * 5 and codes[5:] == [429, 429]
    # The owner, from another address, is not locked out.
    other = sign_in(client, user, environ_base={"REMOTE_ADDR": "127.0.0.9"})
    assert other.status_code == 302


def test_logout_kills_the_session_even_for_a_copied_cookie(client: FlaskClient, session: Session) -> None:
    coalition = make_coalition(session)
    user = make_user(session, coalition=coalition)
    sign_in(client, user)
    stolen = client.get_cookie("vertelpunt_session").value
    assert client.get(f"/coalitions/{coalition.slug}/").status_code == 200
    client.post("/logout")
    thief = client.application.test_client()
    thief.set_cookie("vertelpunt_session", stolen)
    assert thief.get(f"/coalitions/{coalition.slug}/").status_code == 302


def test_sign_in_starts_a_fresh_session(client: FlaskClient, session: Session) -> None:
    user = make_user(session)
    client.get("/login")
    with client.session_transaction() as before:
        before["planted"] = "by an attacker"
    sign_in(client, user)
    with client.session_transaction() as after:
        assert "planted" not in after and "_user_id" in after


@pytest.mark.parametrize(("minutes", "signed_in"), [(29, True), (31, False)])
def test_idle_timeout(client: FlaskClient, session: Session, minutes: int, signed_in: bool) -> None:
    coalition = make_coalition(session)
    user = make_user(session, coalition=coalition)
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        sign_in(client, user)
        traveller.shift(timedelta(minutes=minutes))
        response = client.get(f"/coalitions/{coalition.slug}/")
    assert (response.status_code == 200) is signed_in


def test_absolute_timeout_after_twelve_hours(client: FlaskClient, session: Session) -> None:
    coalition = make_coalition(session)
    user = make_user(session, coalition=coalition)
    with time_machine.travel(datetime.now(UTC), tick=False) as traveller:
        sign_in(client, user)
        for _ in range(12 * 3):  # busy all day: a request every 20 minutes
            traveller.shift(timedelta(minutes=20))
            last = client.get(f"/coalitions/{coalition.slug}/")
        assert last.status_code == 200  # exactly 12 h: still in
        traveller.shift(timedelta(minutes=20))
        assert client.get(f"/coalitions/{coalition.slug}/").status_code == 302


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example",
        "//evil.example",
        "/\\evil.example",
        "////evil.example",
        "javascript:alert(1)",
        "http:/evil.example",
        " //evil.example",
        "/%0d%0aSet-Cookie:x",
    ],
)
def test_next_never_leaves_the_site(client: FlaskClient, session: Session, target: str) -> None:
    user = make_user(session)
    response = client.post(
        "/login", query_string={"next": target}, data={"email": user.email, "password": PASSWORD}
    )
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\")), location
    assert "evil" not in location.split("?")[0] or location.startswith("/coalitions")


def test_next_within_the_site_is_followed(client: FlaskClient, session: Session) -> None:
    coalition = make_coalition(session)
    user = make_user(session, coalition=coalition)
    response = client.post(
        "/login",
        query_string={"next": f"/coalitions/{coalition.slug}/plan"},
        data={"email": user.email, "password": PASSWORD},
    )
    assert response.headers["Location"] == f"/coalitions/{coalition.slug}/plan"


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("kort", False),
        ("wachtwoord123", False),
        ("Welkom123", False),
        ("x" * 257, False),
        ("paard batterij nietje", True),
        ("a" * 64 + "!", True),
    ],
)
def test_password_policy(password: str, ok: bool) -> None:
    assert (accounts.password_problem(password) is None) is ok


def test_admin_invites_and_the_link_works_once(client: FlaskClient, session: Session) -> None:
    coalition = make_coalition(session)
    admin = make_user(session, role="admin")
    sign_in(client, admin)
    page = client.post(
        "/admin/accounts",
        data={
            "email": "Nieuw@Example.org",
            "name": "Nieuw",
            "role": "member",
            "coalitions": [str(coalition.id)],
            "is_lead": "y",
        },
    )
    assert page.status_code == 200
    invite = re.search(r'value="http://localhost(/wachtwoord/[^"]+)"', page.get_data(as_text=True)).group(1)
    client.post("/logout")
    assert client.get(invite).status_code == 200
    weak = client.post(invite, data={"password": "wachtwoord1", "confirm": "wachtwoord1"})
    assert "heel vaak gebruikt" in weak.get_data(as_text=True)
    done = client.post(invite, data={"password": "mijn eigen lange zin", "confirm": "mijn eigen lange zin"})
    assert done.status_code == 302
    assert client.get(invite).status_code == 410
    new_user = accounts.get_user_by_email(session, "nieuw@example.org")
    session.refresh(new_user)
    assert sign_in(client, new_user, password="mijn eigen lange zin").status_code == 302
    assert accounts.is_lead(session, new_user, coalition)


def test_roles(client: FlaskClient, session: Session) -> None:
    coalition = make_coalition(session)
    facilitator = make_user(session, role="facilitator", coalition=coalition, lead=False)
    sign_in(client, facilitator)
    assert client.get(f"/coalitions/{coalition.slug}/plan").status_code == 200
    assert client.post(f"/coalitions/{coalition.slug}/plan", data={}).status_code == 403
    assert client.get("/coalitions/nieuw").status_code == 403
    assert client.get(f"/coalitions/{coalition.slug}/instellingen").status_code == 403
    assert client.get("/admin/accounts").status_code == 404
    client.post("/logout")
    member = make_user(session, coalition=coalition, lead=False)
    sign_in(client, member)
    assert client.get(f"/coalitions/{coalition.slug}/instellingen").status_code == 403
    steps = client.get(f"/coalitions/{coalition.slug}/plan").get_data(as_text=True)
    assert "Startbijeenkomst van de coalitie" in steps


def test_member_creates_a_coalition_and_leads_it(client: FlaskClient, session: Session) -> None:
    user = make_user(session)
    sign_in(client, user)
    bad = client.post(
        "/coalitions/nieuw",
        data={
            "name": "Regio Zuid",
            "slug": "Regio Zuid!",
            "current_cycle": "startup",
            "focus": "Thuis opgroeien",
        },
    )
    assert bad.status_code == 422 and "Thuis opgroeien" in bad.get_data(as_text=True)
    made = client.post(
        "/coalitions/nieuw",
        data={
            "name": "Regio Zuid",
            "slug": "regio-zuid",
            "current_cycle": "startup",
            "target_groups": ["12-18"],
            "opens_on": "2026-01-01",
            "closes_on": "2026-12-31",
        },
    )
    assert made.status_code == 302 and made.headers["Location"].endswith("/coalitions/regio-zuid/")
    home = client.get("/coalitions/regio-zuid/").get_data(as_text=True)
    assert "Opstart-cyclus" in home and "Jongeren (12 tot 18 jaar)" in home
    coalition = accounts.coalition_for(session, user, "regio-zuid")
    assert coalition is not None and accounts.is_lead(session, user, coalition)
    assert client.get("/coalitions/regio-zuid/instellingen").status_code == 200


def test_plan_edit_keeps_input_on_error(client: FlaskClient, session: Session) -> None:
    coalition = make_coalition(session)
    sign_in(client, make_user(session, coalition=coalition))
    from coalitions.services import plan_steps

    step = plan_steps(session, coalition)[0]
    p = f"step-{step.id}-"
    bad = client.post(
        f"/coalitions/{coalition.slug}/plan",
        data={p + "what": "Startsessie op het gemeentehuis", p + "planned_on": "31-02-2026"},
    )
    assert bad.status_code == 422
    assert "Startsessie op het gemeentehuis" in bad.get_data(as_text=True)
    good = client.post(
        f"/coalitions/{coalition.slug}/plan",
        data={
            p + "what": "Startsessie op het gemeentehuis",
            p + "planned_on": "2026-02-03",
            p + "done": "on",
            "new-what": "Extra sessie met jongeren",
            "new-cycle": "tempo",
        },
    )
    assert good.status_code == 302
    session.rollback()
    steps = plan_steps(session, coalition)
    assert steps[0].what == "Startsessie op het gemeentehuis" and steps[0].done
    assert steps[-1].what == "Extra sessie met jongeren" and len(steps) == 11


def test_staff_posts_need_a_csrf_token(database_url: str, session: Session) -> None:
    app = make_app(database_url)  # CSRF on, as in production
    try:
        coalition = make_coalition(session)
        user = make_user(session, coalition=coalition)
        client = app.test_client()
        assert sign_in(client, user).status_code == 400
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        ok = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
        assert ok.status_code == 302
        assert client.post(f"/coalitions/{coalition.slug}/plan", data={}).status_code == 400
    finally:
        app.extensions["engine"].dispose()


def test_users_create_command(app: Flask, session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VERTELPUNT_PASSWORD", "de eerste beheerder")
    result = app.test_cli_runner().invoke(
        args=["users", "create", "--email", "Beheer@Example.org", "--role", "admin"]
    )
    assert result.exit_code == 0, result.output
    user = accounts.get_user_by_email(session, "beheer@example.org")
    assert user is not None and user.role == "admin" and user.password_hash.startswith("scrypt:")
    weak = app.test_cli_runner().invoke(
        args=["users", "create", "--email", "b@example.org", "--role", "admin", "--password", "kort"]
    )
    assert weak.exit_code != 0 and "minstens 10 tekens" in weak.output
