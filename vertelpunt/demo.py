"""Fictional demo data: one coalition, its organisations and links, and its stories (``demo_stories``).

Every name, place and story here is made up.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from coalitions import accounts
from coalitions import services as coalition_services
from coalitions.models import Coalition, InviteLink
from sensemaking import theme_runs
from sensemaking.models import HardFigure
from vertelpunt import services
from vertelpunt.demo_stories import STORIES
from vertelpunt.demo_workshops import seed_workshops

DEMO_SLUG = "samen-thuis-veenhaven"
# Made-up demo accounts; their passwords are printed by `vertelpunt demo`. Never use them for real data.
# How the printed account list names each role (the member is the coalition's lead, "trekker").
ROLE_NAMES = {"member": "coalition lead (trekker)", "facilitator": "facilitator (begeleider)"}
DEMO_ACCOUNTS = (
    ("trekker@demo.vertelpunt.test", "member", "Demo-trekker", "veenhaven-trekker-demo"),
    ("begeleider@demo.vertelpunt.test", "facilitator", "Demo-begeleider", "veenhaven-begeleider-demo"),
)

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "name": "Jeugdteam Veenhaven",
        "kind": "neighbourhood_team",
        "contact_name": "M. de Wit",
        "age_categories": ["0-12", "12-18"],
    },
    {
        "name": "Pleegzorg Het Anker",
        "kind": "youth_care",
        "contact_name": "R. Bosman",
        "age_categories": ["0-12", "12-18"],
    },
    {
        "name": "Scholengemeenschap De Horizon",
        "kind": "school",
        "contact_name": "S. Yilmaz",
        "age_categories": ["12-18"],
    },
    {
        "name": "Gezinshuis De Linde",
        "kind": "youth_care",
        "contact_name": "J. Peeters",
        "age_categories": ["0-12"],
    },
]

# (organisation, label, age category or None for the organisation's default, perspective or None)
LINKS: list[tuple[str, str, str | None, str | None]] = [
    ("Jeugdteam Veenhaven", "Jongeren 12-18", "12-18", "youth"),
    ("Jeugdteam Veenhaven", "Ouders en verzorgers", None, "parent"),
    ("Jeugdteam Veenhaven", "Medewerkers", None, "professional"),
    ("Pleegzorg Het Anker", "Pleegjongeren en pleegouders", None, None),
    ("Scholengemeenschap De Horizon", "Leerlingen", None, "youth"),
    ("Gezinshuis De Linde", "Gezinshuisouders en kinderen", None, None),
]


# Made-up regional figures to put beside the stories (the patterns page shows them).
FIGURES_SOURCE = "Fictieve demogegevens"
FIGURES: list[tuple[str, str, float, str]] = [
    ("Jongeren met jeugdhulp", "2024", 1840, "jongeren"),
    ("Jongeren met jeugdhulp", "2025", 1915, "jongeren"),
    ("Jeugdhulp met verblijf (pleegzorg, gezinshuis)", "2024", 212, "jongeren"),
    ("Jeugdhulp met verblijf (pleegzorg, gezinshuis)", "2025", 198, "jongeren"),
    ("Gemiddelde wachttijd tot de start van hulp", "2025", 11.5, "weken"),
    ("Leerlingen met langdurig verzuim", "2024-2025", 87, "leerlingen"),
]


def seed(session: Session, *, today: date) -> Coalition:
    """Create the demo coalition, organisations, links and stories (once; later calls change nothing)."""
    existing = coalition_services.get_coalition(session, DEMO_SLUG)
    if existing is not None:
        return existing
    questionnaire, definition = services.current_questionnaire(session)
    coalition = coalition_services.create_coalition(
        session,
        slug=DEMO_SLUG,
        name="Samen Thuis Veenhaven",
        region="Veenhaven en omstreken",
        focus="Kinderen en jongeren groeien zo veel mogelijk thuis op, ook als het thuis even moeilijk is.",
        target_groups=["0-12", "12-18", "parent", "professional"],
        success_criteria="Uit elke doelgroep minstens tien verhalen, en drie acties die binnen een half jaar lopen.",
        # Open since just before the oldest demo story.
        opens_on=today - timedelta(days=max(story.days_ago for story in STORIES) + 5),
        closes_on=today + timedelta(days=120),
    )
    organisations = {
        spec["name"]: coalition_services.add_organisation(session, coalition=coalition, **spec)
        for spec in ORGANISATIONS
    }
    links = [
        coalition_services.create_invite_link(
            session,
            coalition=coalition,
            definition=definition,
            organisation=organisations[org],
            label=label,
            age_category=age,
            perspective=perspective,
        )
        for org, label, age, perspective in LINKS
    ]
    # The general link comes last: demo stories address it as ``demo_stories.GENERAL``.
    links.append(
        coalition_services.create_invite_link(
            session, coalition=coalition, definition=definition, label="Algemene link"
        )
    )
    for email, role, name, password in DEMO_ACCOUNTS:
        user = accounts.create_user(session, email=email, role=role, name=name, password=password)
        accounts.add_membership(session, user=user, coalition=coalition, is_lead=role == "member")
    session.commit()
    for number, story in enumerate(STORIES):
        services.submit_story(
            session,
            link=links[story.link],
            questionnaire=questionnaire,
            submission_id=f"00000000-0000-4000-8000-{number:012d}",
            story_id=f"00000000-0000-4000-9000-{number:012d}",  # fixed: the same theme run every time
            title=story.title,
            text=story.text,
            answers=story.answers,
            language="nl",
            day=today - timedelta(days=story.days_ago),
        )
    session.add_all(
        HardFigure(
            coalition_id=coalition.id or 0,
            indicator=indicator,
            period=period,
            value=value,
            unit=unit,
            source=FIGURES_SOURCE,
        )
        for indicator, period, value, unit in FIGURES
    )
    session.commit()
    # A finished theme run, so the theme screens show real patterns right away.
    run = theme_runs.start_run(session, coalition, seed=0)
    theme_runs.execute_run(session, run.id or 0)
    seed_workshops(session, coalition=coalition, run=run, today=today)
    return coalition


def demo_links(session: Session) -> list[tuple[InviteLink, str]]:
    """The demo coalition's links with a readable label each."""
    coalition = coalition_services.get_coalition(session, DEMO_SLUG)
    if coalition is None:
        return []
    return [
        (link, f"{org.name} · {link.label}" if org else link.label or "Algemene link")
        for link, org in coalition_services.list_links(session, coalition=coalition)
    ]
