"""The trajectory plan: three cycles of the StoryCycle and the usual ten steps (pure data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

CYCLES = ("startup", "tempo", "action")
PHASES = ("share", "insight", "develop", "evolve")


@dataclass(frozen=True)
class StepTemplate:
    """A usual step, planned ``week`` weeks after the start."""

    cycle: str
    week: int
    what: str
    who: str
    result: str


USUAL_STEPS = (
    StepTemplate(
        "startup",
        0,
        "Startbijeenkomst van de coalitie",
        "Trekker, begeleider",
        "Iedereen weet hoe het traject loopt en wat de drie cycli zijn.",
    ),
    StepTemplate(
        "startup",
        1,
        "Coalitieleden kiezen",
        "Trekker",
        "Ongeveer zeven mensen met warme contacten naar de vertellers doen mee.",
    ),
    StepTemplate(
        "startup",
        2,
        "Focus en succescriteria kiezen",
        "Coalitie",
        "We weten waarover we verhalen willen horen en wanneer het traject geslaagd is.",
    ),
    StepTemplate(
        "startup",
        3,
        "Vertellers uitnodigen: links, flyers en teksten uitdelen",
        "Coalitieleden",
        "Elke organisatie heeft haar eigen link en nodigt haar netwerk uit.",
    ),
    StepTemplate(
        "tempo",
        6,
        "Teamoverleg: is het vertelnetwerk compleet?",
        "Coalitie, begeleider",
        "We zien welke groepen nog ontbreken en wie we opnieuw benaderen.",
    ),
    StepTemplate(
        "tempo",
        7,
        "Opnieuw uitnodigen, gericht op ontbrekende groepen",
        "Coalitieleden",
        "Ook de groepen die nog stil waren, delen hun ervaringen.",
    ),
    StepTemplate(
        "tempo",
        10,
        "Eerste duidingssessie",
        "Begeleider, coalitie",
        "Observaties en thema's uit de verhalen, en de eerste acties met actiehouders.",
    ),
    StepTemplate(
        "action",
        12,
        "Uitkomsten van de sessie delen met de vertellers",
        "Trekker",
        "Vertellers zien wat er met hun verhalen gebeurt.",
    ),
    StepTemplate(
        "action",
        18,
        "Slotsessie",
        "Begeleider, coalitie",
        "We kijken terug op de acties en kiezen wat we blijvend anders doen.",
    ),
    StepTemplate(
        "action",
        20,
        "Acties uitvoeren en de resultaten delen",
        "Actiehouders",
        "De acties lopen en iedereen hoort wat ze opleveren.",
    ),
)


def usual_plan(start: date) -> list[tuple[str, int, date, str, str, str]]:
    """The usual ten steps dated from ``start``: (cycle, position, date, what, who, result)."""
    return [
        (s.cycle, i, start + timedelta(weeks=s.week), s.what, s.who, s.result)
        for i, s in enumerate(USUAL_STEPS, start=1)
    ]
