"""Made-up stories on three clearly different subjects, for theme tests."""

from __future__ import annotations

import itertools

SUBJECTS = {
    "wachten": [
        "We stonden maanden op de wachtlijst voor hulp en niemand belde ons terug.",
        "De wachttijd voor de jeugd-ggz was een half jaar, in die tijd ging het slechter.",
        "Na de aanmelding hoorden we weken niets; wachten op hulp was het zwaarste.",
        "Mijn zoon kwam op een wachtlijst en wij moesten het zolang zelf oplossen.",
        "Het wachten op een intake duurde zo lang dat we bijna opgaven.",
    ],
    "school": [
        "Mijn mentor op school zag dat ik vaak verzuimde en zocht samen een oplossing.",
        "Op school werd ik gepest en de leraar deed er pas iets aan toen mijn moeder belde.",
        "De school regelde extra begeleiding in de klas zodat ik mijn diploma kon halen.",
        "Ik ging niet meer naar school, de leerplichtambtenaar en mijn mentor praatten met mij.",
        "Na de zomer kreeg ik een nieuwe klas en een mentor die echt naar me luisterde.",
    ],
    "voetbal": [
        "Bij de voetbalclub vond ik vrienden, de trainer gaf me elke training vertrouwen.",
        "Sporten bij de club hielp mij om mijn hoofd leeg te maken na een ruzie thuis.",
        "Door het voetbal op zaterdag had ik iets om naar uit te kijken met mijn team.",
        "Mijn trainer bij de sportclub merkte dat het thuis niet goed ging en vroeg ernaar.",
        "Met het team van de club wonnen we een toernooi, dat gaf me weer plezier.",
    ],
}


def subject_stories(copies: int = 2) -> list[tuple[str, str]]:
    """(subject, text) pairs: each sentence ``copies`` times with a small variation."""
    endings = itertools.cycle(
        ["", " Dat wil ik even kwijt.", " Zo was het voor mij.", " Dit is mijn verhaal."]
    )
    return [
        (subject, sentence + next(endings))
        for subject, sentences in SUBJECTS.items()
        for sentence in sentences
        for _ in range(copies)
    ]
