"""Invite links: unguessable tokens, prefill, the general link, and resolving a token."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session

from coalitions import services
from tests.factories import local_today, make_coalition, make_link, make_organisation
from vertelpunt.services import current_questionnaire


def test_tokens_are_long_random_and_unique(session: Session) -> None:
    coalition = make_coalition(session)
    organisation = make_organisation(session, coalition)
    tokens = {make_link(session, coalition, organisation=organisation).token for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(t) >= 22 and not t.isdigit() for t in tokens)  # 16 random bytes, URL-safe


def test_prefill_follows_the_organisation(session: Session) -> None:
    coalition = make_coalition(session)
    one_age = make_organisation(session, coalition, kind="school", age_categories=["12-18"])
    link = make_link(session, coalition, organisation=one_age)
    assert link.prefill == {
        "organisation": one_age.name,
        "organisation_type": "school",
        "age_category": "12-18",
    }
    two_ages = make_organisation(session, coalition, age_categories=["0-12", "12-18"])
    assert make_link(session, coalition, organisation=two_ages).prefill["age_category"] == "unknown"
    chosen = make_link(session, coalition, organisation=two_ages, age_category="0-12", perspective="parent")
    assert chosen.prefill["age_category"] == "0-12" and chosen.prefill["perspective"] == "parent"


def test_invalid_prefill_is_refused(session: Session) -> None:
    coalition = make_coalition(session)
    organisation = make_organisation(session, coalition, kind="bakery")
    _, definition = current_questionnaire(session)
    with pytest.raises(services.CoalitionError, match="organisation_type"):
        services.create_invite_link(
            session, coalition=coalition, definition=definition, organisation=organisation
        )


def test_one_general_link_per_coalition(session: Session) -> None:
    coalition = make_coalition(session)
    general = make_link(session, coalition, general=True)
    assert general.kind == "general" and general.prefill == {}
    with pytest.raises(services.CoalitionError, match="general link already"):
        make_link(session, coalition, general=True)


def test_link_of_another_coalition_is_refused(session: Session) -> None:
    mine, other = make_coalition(session), make_coalition(session)
    foreign = make_organisation(session, other)
    _, definition = current_questionnaire(session)
    with pytest.raises(services.CoalitionError, match="another coalition"):
        services.create_invite_link(session, coalition=mine, definition=definition, organisation=foreign)


def test_resolve_link_states(session: Session) -> None:
    coalition = make_coalition(session, opens_on=date(2026, 1, 1), closes_on=date(2026, 6, 30))
    link = make_link(session, coalition)
    assert services.resolve_link(session, token=link.token, today=date(2026, 3, 1))[0].id == link.id
    with pytest.raises(services.LinkNotOpenYet):
        services.resolve_link(session, token=link.token, today=date(2025, 12, 31))
    with pytest.raises(services.LinkClosed):
        services.resolve_link(session, token=link.token, today=date(2026, 7, 1))
    services.close_link(session, link)
    with pytest.raises(services.LinkClosed):
        services.resolve_link(session, token=link.token, today=date(2026, 3, 1))
    for token in ("", "x" * 65, "unknown"):
        with pytest.raises(services.LinkUnknown):
            services.resolve_link(session, token=token, today=date(2026, 3, 1))


def test_coalition_rules(session: Session) -> None:
    make_coalition(session, slug="dubbel")
    with pytest.raises(services.CoalitionError, match="exists already"):
        make_coalition(session, slug="dubbel")
    with pytest.raises(services.CoalitionError, match="lowercase"):
        make_coalition(session, slug="Met Spaties")
    with pytest.raises(services.CoalitionError, match="cannot close before it opens"):
        make_coalition(session, opens_on=local_today(), closes_on=local_today() - timedelta(days=1))


def test_database_refuses_a_second_general_link(session: Session) -> None:
    import sqlalchemy as sa

    from coalitions.models import InviteLink

    coalition = make_coalition(session)
    make_link(session, coalition, general=True)
    session.add(InviteLink(token="handmatig-tweede-algemene-link", coalition_id=coalition.id))
    with pytest.raises(sa.exc.IntegrityError):
        session.commit()
    session.rollback()
