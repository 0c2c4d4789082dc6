"""Tenant isolation over every route of the app: the URL map is walked, not a hand-picked list.

Coalition B is created first, so its organisation and link get id 1; a member of coalition A then tries
every coalition route with B's slug, and with A's own slug but B's object ids. Every answer must be a 404
(or 405 where the method does not exist) — never a 200, a 403 that confirms existence, or a 500.
"""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session

from sensemaking.actions import create_action
from sensemaking.models import DissentRound, Lesson, Proposal
from tests.coalitions.staff_helpers import make_user, sign_in
from tests.factories import make_coalition, make_link, make_organisation
from tests.sensemaking._stories import make_story
from tests.sensemaking._workshops import add, apply, make_workshop

STAFF_PREFIXES = ("coalitions_", "sensemaking_", "admin.")


def staff_rules(app: Flask) -> list:
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith(STAFF_PREFIXES)]
    assert len(rules) >= 6, "the walk found too few staff routes"
    return rules


def build(rule, slug: str, ids: dict[str, int]) -> str:
    values = {arg: slug if arg == "slug" else ids.get(arg, 1) for arg in rule.arguments}
    return rule.build(values)[1]


@pytest.fixture
def world(session: Session) -> dict:
    other = make_coalition(session, slug="coalitie-b")
    other_org = make_organisation(session, other)
    other_link = make_link(session, other, organisation=other_org)
    make_link(session, other, general=True)
    other_story = make_story(session, other, organisation=other_org)
    other_workshop = make_workshop(session, other, title="B's sessie")
    action_hexagon = add("action", "B's actie", 0, 0)
    apply(session, other_workshop, action_hexagon)
    other_action = create_action(session, coalition=other, title="B's actie", workshop=other_workshop)
    proposal = Proposal(workshop_id=other_workshop.id, title="B's voorstel")
    session.add(proposal)
    session.flush()
    session.add(DissentRound(proposal_id=proposal.id, number=1, critique="kritiek"))
    lesson = Lesson(coalition_id=other.id, title="B's les")
    session.add(lesson)
    session.commit()
    mine = make_coalition(session, slug="coalitie-a")
    my_org = make_organisation(session, mine)
    make_link(session, mine, organisation=my_org)
    assert other_org.id == 1 and other_link.id == 1
    assert other_workshop.id == other_action.id == proposal.id == lesson.id == 1
    return {
        "mine": mine,
        "other": other,
        "other_ids": {
            "organisation_id": other_org.id,
            "link_id": other_link.id,
            "story_id": other_story.id,
            "workshop_id": other_workshop.id,
            "action_id": other_action.id,
            "proposal_id": proposal.id,
            "lesson_id": lesson.id,
            "number": 1,
            "hexagon_id": action_hexagon["id"],
        },
    }


@pytest.mark.parametrize("role", ["member", "facilitator"])
def test_no_route_shows_another_coalition(
    client: FlaskClient, session: Session, app: Flask, world: dict, role: str
) -> None:
    user = make_user(session, role=role, coalition=world["mine"])
    sign_in(client, user)
    leaks = []
    for rule in staff_rules(app):
        if "slug" not in rule.arguments:
            continue
        for slug in (world["other"].slug, world["mine"].slug):
            if slug == world["mine"].slug and not (set(rule.arguments) - {"slug"}):
                continue  # A's own coalition-level pages are A's to see
            url = build(rule, slug, world["other_ids"])
            for method in sorted((rule.methods or set()) & {"GET", "POST"}):
                status = client.open(url, method=method, data={}).status_code
                if status not in (404, 405):
                    leaks.append(f"{method} {url} ({rule.endpoint}) -> {status}")
    assert leaks == []


def test_admin_routes_do_not_exist_for_others(
    client: FlaskClient, session: Session, app: Flask, world: dict
) -> None:
    sign_in(client, make_user(session, coalition=world["mine"]))
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin."):
            assert client.get(build(rule, "x", {})).status_code == 404, rule.rule


def test_every_staff_route_needs_sign_in(client: FlaskClient, app: Flask, world: dict) -> None:
    for rule in staff_rules(app):
        url = build(rule, world["mine"].slug, {})
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            response = client.open(url, method=method, data={})
            assert response.status_code == 302 and "/login" in response.headers["Location"], (method, url)


def test_administrator_sees_every_coalition(client: FlaskClient, session: Session, world: dict) -> None:
    sign_in(client, make_user(session, role="admin"))
    for coalition in (world["mine"], world["other"]):
        assert client.get(f"/coalitions/{coalition.slug}/").status_code == 200
