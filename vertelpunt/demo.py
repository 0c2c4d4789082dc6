"""Fictional demo data: one coalition, its organisations and links, and a handful of stories.

Every name, place and story here is made up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from coalitions import accounts
from coalitions import services as coalition_services
from coalitions.models import Coalition, InviteLink
from vertelpunt import services

DEMO_SLUG = "samen-thuis-veenhaven"
# Made-up demo accounts; their passwords are printed by `vertelpunt demo`. Never use them for real data.
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


@dataclass(frozen=True)
class DemoStory:
    """A made-up story told through one of the demo links."""

    link: int
    days_ago: int
    title: str
    text: str
    answers: dict[str, Any]


STORIES = [
    DemoStory(
        0,
        3,
        "Eindelijk iemand die luisterde",
        "Ik zat al weken niet lekker in mijn vel en ging bijna niet meer naar school. Mijn mentor "
        "stuurde me naar het jeugdteam. De eerste keer dacht ik: dit wordt weer zo'n gesprek. Maar ze "
        "vroeg wat ik zelf wilde. We spraken af bij de bakker om de hoek in plaats van op kantoor.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["school", "care"],
            "who_decided": 0.8333,
            "what_mattered": {"listened": 0.6, "quick": 0.1, "together": 0.3},
            "when": "weeks",
            "living_situation": "home",
        },
    ),
    DemoStory(
        1,
        5,
        "Drie keer mijn verhaal vertellen",
        "Onze zoon had hulp nodig na de scheiding. We moesten bij drie verschillende mensen opnieuw "
        "uitleggen wat er aan de hand was. Elke keer begon het weer van voren af aan. Toen er eindelijk "
        "één vast persoon kwam, ging het snel beter.",
        {
            "prompt": "not_helped",
            "feeling": "bad",
            "helpers": ["care"],
            "who_decided": 0.3333,
            "what_mattered": {"listened": 0.3, "quick": 0.5, "together": 0.2},
            "when": "months",
            "age_category": "0-12",
            "living_situation": "home",
            "life_went_on": 0.3333,
        },
    ),
    DemoStory(
        2,
        9,
        "Samen met de school aan tafel",
        "Een leerling dreigde thuis te moeten vertrekken. We hebben met de ouders, de school en de "
        "huisarts één plan gemaakt. Niemand hoefde te wachten op een ander loket. Het meisje woont nog "
        "thuis en gaat weer elke dag naar school.",
        {
            "prompt": "ordinary_life",
            "feeling": "very_good",
            "helpers": ["family", "school", "care"],
            "professional_field": "care",
            "what_mattered": {"listened": 0.2, "quick": 0.3, "together": 0.5},
            "age_category": "12-18",
            "when": "months",
            "living_situation": "home",
            "life_went_on": 0.8333,
        },
    ),
    DemoStory(
        3,
        12,
        "Weer mijn eigen voetbalclub",
        "Toen ik naar mijn pleeggezin verhuisde, moest ik ook van club wisselen. Dat vond ik het "
        "ergste. Mijn pleegvader rijdt me nu elke zaterdag naar mijn oude club. Dat maakt echt "
        "verschil, want daar zitten mijn vrienden.",
        {
            "prompt": "ordinary_life",
            "perspective": "youth",
            "feeling": "good",
            "helpers": ["family", "friends"],
            "who_decided": 0.6667,
            "age_category": "12-18",
            "living_situation": "foster_family",
            "when": "weeks",
            "life_went_on": 0.6667,
        },
    ),
    DemoStory(
        4,
        15,
        "Niemand vroeg waarom ik te laat was",
        "Ik kwam vaak te laat omdat ik eerst mijn kleine broertje naar school bracht. Ik kreeg steeds "
        "strafwerk. Pas toen een nieuwe docent vroeg hoe het thuis ging, veranderde er iets. Nu mag ik "
        "het eerste uur later beginnen.",
        {
            "prompt": "school",
            "feeling": "mixed",
            "helpers": ["school"],
            "who_decided": 0.5,
            "what_mattered": {"listened": 0.7, "quick": 0.1, "together": 0.2},
            "when": "months",
            "living_situation": "home",
            "life_went_on": 0.5,
        },
    ),
    DemoStory(
        5,
        20,
        "Een vaste plek aan tafel",
        "Een jongen van negen kwam bij ons wonen na vier verhuizingen in één jaar. De eerste weken "
        "sliep hij met zijn schoenen aan. Nu heeft hij een vaste plek aan tafel en zijn eigen kast. Hij "
        "vraagt niet meer elke avond of hij morgen nog hier is.",
        {
            "prompt": "safe",
            "perspective": "professional",
            "professional_field": "care",
            "feeling": "very_good",
            "helpers": ["care"],
            "living_situation": "family_home",
            "when": "months",
            "life_went_on": 0.6667,
        },
    ),
    DemoStory(
        0,
        25,
        "Wachten op een gesprek",
        "Ik moest zes weken wachten op een eerste gesprek. In die tijd werd het thuis alleen maar "
        "erger. Ik wist niet bij wie ik terecht kon. Mijn vriendin heeft me toen geholpen om het aan "
        "mijn oom te vertellen.",
        {
            "prompt": "not_helped",
            "feeling": "very_bad",
            "helpers": ["friends", "family"],
            "who_decided": 0.1667,
            "what_mattered": {"listened": 0.2, "quick": 0.7, "together": 0.1},
            "when": "months",
            "living_situation": "home",
            "life_went_on": 0.1667,
        },
    ),
    DemoStory(
        1,
        31,
        "De wijkcoach kwam gewoon thuis",
        "Onze dochter wilde niet meer praten. De wijkcoach kwam bij ons thuis in plaats van dat wij "
        "naar een kantoor moesten. Ze ging met haar wandelen met de hond. Daardoor durfde ze na een "
        "paar keer te vertellen wat er op school speelde.",
        {
            "prompt": "helped",
            "feeling": "good",
            "helpers": ["neighbourhood", "family"],
            "what_mattered": {"listened": 0.5, "quick": 0.1, "together": 0.4},
            "age_category": "12-18",
            "living_situation": "home",
            "when": "weeks",
            "who_decided": 0.6667,
        },
    ),
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
        opens_on=today - timedelta(days=60),
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
    coalition_services.create_invite_link(
        session, coalition=coalition, definition=definition, label="Algemene link"
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
            title=story.title,
            text=story.text,
            answers=story.answers,
            language="nl",
            day=today - timedelta(days=story.days_ago),
        )
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
