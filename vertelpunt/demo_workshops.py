"""Fictional demo data for the whole loop after the stories: a finished first workshop with its board,
ritual dissent, evaluations and tracked actions, the move to the tempo cycle, published lessons, and a
planned second workshop whose first step reviews the open actions.

Everything is made with the sensemaking services, as a facilitator would through the screens. Every
text is invented; participants are named by their role only. Ids the demo chooses itself (hexagons,
evaluation forms) are derived from fixed names, so two demo databases get the same ones.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import force_locale
from sqlmodel import Session, col, select

from coalitions import accounts
from coalitions.models import Coalition, Organisation, TrajectoryStep
from sensemaking import actions, boards, dissent, evaluations, feedback, workshops
from sensemaking import stories as story_service
from sensemaking.models import Action, Hexagon, ThemeMember, ThemeRun, Workshop
from vertelpunt.demo_stories import STORIES_BY_SUBJECT
from vertelpunt.models import Story

# Fixed namespace for the demo's own ids (hexagons, evaluation forms).
NAMESPACE = uuid.UUID("3d9b0f3e-6c1a-4f57-9a53-2b7e5c0d8f14")
HELD_DAYS_AGO = 35  # the first workshop, about five weeks before today
MARKED_DAYS_AGO = 42  # the reading pack was put together a week before it
MOVED_DAYS_AGO = 14  # the coalition moved on to the tempo cycle
PLANNED_IN_DAYS = 21  # the second workshop, about three weeks from today
EXTRA_THEME_SPACING = 4
TRACKER_EMAIL = "trekker@demo.vertelpunt.test"
FACILITATOR_EMAIL = "begeleider@demo.vertelpunt.test"

# The reading pack of the first workshop: demo stories (``demo_stories``) by title, all told before it.
PACK_TITLES = (
    "Negen maanden op de wachtlijst",
    "Tien mensen aan tafel",
    "Vier keer dezelfde vragenlijst",
    "Een uur per twee weken",
    "Handelingsverlegen",
    "Samen de gang over",
)

FIRST: dict[str, Any] = {
    "title": "Eerste duidingssessie",
    "cycle": "startup",
    "mode": "on_site",
    "location": "Buurthuis De Kade, Veenhaven",
    "goal": (
        "Samen lezen wat kinderen, jongeren, ouders en professionals in Veenhaven vertellen, benoemen "
        "welke thema's steeds terugkomen en de eerste acties kiezen die binnen een half jaar kunnen lopen."
    ),
    "participants": "\n".join(
        (
            "Trekker (gemeente)",
            "Jeugdconsulent",
            "Intern begeleider basisschool",
            "Pleegouder",
            "Jongerenwerker",
            "Ervaringsdeskundige jongere",
            "Gedragswetenschapper jeugdteam",
            "Ouder uit de klankbordgroep",
        )
    ),
}

FIRST_STEPS: tuple[dict[str, Any], ...] = (
    {
        "kind": "other",
        "title": "Welkom, kennismaken en het doel van de coalitie",
        "minutes": 15,
        "notes": "Eerste sessie: er zijn nog geen acties om te bespreken.",
    },
    {
        "kind": "read",
        "title": "Verhalen lezen in drietallen en observaties opschrijven",
        "minutes": 35,
        "notes": "Zes verhalen uit het leespakket, hardop voorgelezen.",
    },
    {"kind": "themes", "title": "Observaties groeperen in thema's", "minutes": 25},
    {"kind": "actions", "title": "Acties bedenken bij de gekozen thema's", "minutes": 25},
    {"kind": "dissent", "title": "Ritual dissent op twee voorstellen", "minutes": 30},
    {"kind": "evaluation", "title": "De sessie evalueren", "minutes": 10},
)

SECOND: dict[str, Any] = {
    "title": "Tweede duidingssessie",
    "cycle": "tempo",
    "mode": "online",
    "location": "Online; de link staat in de uitnodiging",
    "goal": (
        "Terugkijken op de acties van de eerste sessie, de verhalen van de laatste weken lezen en kiezen "
        "waar we in de tempofase op doorpakken."
    ),
    "participants": "\n".join(
        (
            "Trekker (gemeente)",
            "Jeugdconsulent",
            "Zorgcoördinator school",
            "Pleegouder",
            "Jongerenwerker",
            "Ervaringsdeskundige jongere",
        )
    ),
}


@dataclass(frozen=True)
class Cluster:
    """What participants added about one subject of the demo stories (``demo_stories.STORIES_BY_SUBJECT``).

    Their observation and action hexagon (its first line is the action's title) go next to the run's
    theme holding most stories of that subject. When that subject is what the theme is mostly about, the
    group also renames the theme on the board to ``label``.
    """

    key: str
    subject: str
    label: str
    observation: str
    action: str


CLUSTERS = (
    Cluster(
        "waiting",
        "waiting",
        "Wachten zonder dat iemand belt",
        "Wie op de wachtlijst staat, hoort in de tussentijd meestal niets van de organisatie.",
        "Wachtlijst-maatje: iemand die belt tijdens het wachten\n"
        "Gezinnen op de wachtlijst krijgen geregeld een belletje: hoe gaat het, hoe lang duurt het nog, "
        "wat helpt om het wachten vol te houden?",
    ),
    Cluster(
        "one_contact",
        "case_workers",
        "Steeds opnieuw je verhaal doen",
        "Ouders noemen hoe vaak ze hun verhaal opnieuw moesten vertellen aan een nieuwe hulpverlener.",
        "Eén vast aanspreekpunt per gezin\n"
        "Eén persoon die het gezin kent en het verhaal bijhoudt, ook als er meer hulpverleners bij komen.",
    ),
    Cluster(
        "school",
        "school",
        "School merkt het vaak als eerste",
        "In verhalen van leerlingen is de mentor vaak de eerste die ziet dat het thuis niet goed gaat.",
        "Spreekuur jeugdhulp op school\n"
        "Elke week een vast spreekuur van het jeugdteam op school, zonder afspraak, voor leerlingen, "
        "ouders en mentoren.",
    ),
    Cluster(
        "foster",
        "placement",
        "Meepraten over je eigen plek",
        "Pleegjongeren vertellen dat ze besluiten over hun plan vaak pas achteraf hoorden.",
        "Pleegjongeren praten mee over hun plan\n"
        "Bij elk gesprek over het plan zit de pleegjongere zelf aan tafel, met iemand die hij of zij kiest.",
    ),
)
# The theme the group added itself, with two observations of its own.
EXTRA_THEME = "Gewone dingen houden je overeind"
EXTRA_OBSERVATIONS = (
    "Sport, muziek of een vaste vriendengroep komen terug in de verhalen die goed aflopen.",
    "Jongeren die moesten verhuizen, noemen het houden van hun eigen club of school als wat het meest hielp.",
)
# The one-contact action also links to the theme mostly about professionals working together, if there is one.
ALSO_LINKED = {"one_contact": "cooperation"}

# Ritual dissent: per proposal (cluster key), two rounds of (critique, suggestions) and the improved text.
DISSENT: dict[str, tuple[tuple[tuple[str, str], ...], str]] = {
    "waiting": (
        (
            (
                "Wie belt er? Als dat weer een nieuw gezicht is, komt er voor het gezin juist nog iemand "
                "bij. En een belletje waarin je niets kunt bieden, kan ook teleurstellen.",
                "Laat bellen door iemand die het gezin al kent, bijvoorbeeld de jeugdconsulent van de "
                "aanmelding. Spreek af wat de beller wél kan doen: de actuele wachttijd doorgeven, een "
                "tussentijds gesprek of het inloopspreekuur aanbieden.",
            ),
            (
                "Elke twee weken bellen kost bij veertig gezinnen op de lijst veel uren. Is daar ruimte "
                "voor naast het gewone werk?",
                "Begin klein: een proef van drie maanden met de gezinnen die het langst wachten, en laat "
                "het gezin zelf kiezen hoe vaak het gebeld wil worden.",
            ),
        ),
        "Wachtlijst-maatje, een proef van drie maanden: gezinnen die het langst op de wachtlijst staan, "
        "worden gebeld door de jeugdconsulent die hun aanmelding deed. Het gezin kiest hoe vaak (elke twee "
        "tot vier weken). De beller geeft de actuele wachttijd door en kan een tussentijds gesprek of het "
        "inloopspreekuur aanbieden. Na drie maanden kijken we met de gezinnen terug.",
    ),
    "one_contact": (
        (
            (
                "Een vast aanspreekpunt bestaat op papier al; in de verhalen merken ouders daar weinig "
                "van. Wat maakt het deze keer anders?",
                "Maak het zichtbaar: één naam en één telefoonnummer op elke brief, en een overdracht met "
                "het gezin erbij als het aanspreekpunt toch wisselt.",
            ),
            (
                "Bij pleegzorg en gezinshuizen werken meerdere organisaties. Wie is dan het "
                "aanspreekpunt, en wie beslist dat?",
                "Leg in het eerste overleg samen met het gezin vast wie het aanspreekpunt is en zet het in "
                "het plan. Begin bij de gezinnen van het jeugdteam en breid daarna uit.",
            ),
        ),
        "Eén vast aanspreekpunt per gezin: in het eerste overleg kiezen het gezin en de hulpverleners "
        "samen wie het aanspreekpunt is, en dat staat in het plan. Op elke brief staan één naam en één "
        "telefoonnummer. Wisselt het aanspreekpunt toch, dan is er een gesprek met de oude en de nieuwe "
        "persoon en het gezin erbij. We beginnen bij de gezinnen van Jeugdteam Veenhaven.",
    ),
}


@dataclass(frozen=True)
class Tracked:
    """How an action from the board is followed: its owner (a role), organisation, term and due day."""

    key: str
    owner: str
    organisation: str
    term: str
    due_in_days: int
    obstacles: str
    enablers: str
    public_text: str = ""  # published for tellers when set


TRACKED = (
    Tracked(
        "waiting",
        "Jeugdconsulent gemeente",
        "Jeugdteam Veenhaven",
        "short",
        60,
        "Niet van alle gezinnen op de lijst is het telefoonnummer nog juist. De wachttijd per aanbieder "
        "is niet altijd bekend.",
        "De jeugdconsulenten kennen de gezinnen van de aanmelding. Twee aanbieders geven hun wachttijden "
        "nu elke maand door.",
        "Moet je gezin wachten op hulp? Dan belt iemand die jullie al kent regelmatig op. Die vraagt hoe "
        "het gaat en vertelt hoe lang het wachten nog duurt.",
    ),
    Tracked(
        "one_contact",
        "Teamleider jeugdteam",
        "Jeugdteam Veenhaven",
        "long",
        150,
        "Het registratiesysteem heeft nog geen plek voor het aanspreekpunt.",
        "Pleegzorg Het Anker wil meedoen zodra het jeugdteam begint.",
    ),
    Tracked(
        "school",
        "Zorgcoördinator school",
        "Scholengemeenschap De Horizon",
        "short",
        -7,
        "In de eerste weken wisten leerlingen niet waar het spreekuur was.",
        "De mentoren noemen het spreekuur in de mentorles.",
        "Op Scholengemeenschap De Horizon is er elke dinsdag een spreekuur van het jeugdteam. Je kunt er "
        "zonder afspraak binnenlopen.",
    ),
)

# Progress notes: (days before today, action, status after the note, text, author's e-mail).
NOTES = (
    (
        30,
        "school",
        "running",
        "Eerste spreekuur gehouden in een kamertje naast de mediatheek; twee leerlingen en een ouder "
        "kwamen langs.",
        TRACKER_EMAIL,
    ),
    (
        28,
        "waiting",
        "running",
        "Lijst gemaakt van de twaalf gezinnen die het langst wachten; de eerste vijf zijn gebeld.",
        FACILITATOR_EMAIL,
    ),
    (
        21,
        "one_contact",
        "planned",
        "Besproken in het teamoverleg. We beginnen over zes weken; eerst passen we het briefsjabloon aan.",
        TRACKER_EMAIL,
    ),
    (
        12,
        "school",
        "done",
        "Het spreekuur staat nu elke dinsdag vast in het rooster van de school. Over drie maanden kijken "
        "we terug met leerlingen en mentoren.",
        TRACKER_EMAIL,
    ),
    (
        9,
        "waiting",
        "running",
        "Alle twaalf gezinnen zijn gebeld. Drie kozen voor een tussentijds gesprek; één gezin wil liever "
        "niet gebeld worden.",
        FACILITATOR_EMAIL,
    ),
)

# Anonymous evaluations: useful, heard, next steps (1-5), what went well, what could be better.
EVALUATIONS = (
    (
        5,
        4,
        4,
        "Eindelijk samen met ouders en jongeren aan tafel.",
        "Meer tijd voor het lezen van de verhalen.",
    ),
    (4, 5, 3, "Het hardop voorlezen van de verhalen maakte indruk.", ""),
    (5, 5, 4, "", "Volgende keer ook een jongere uit de pleegzorg uitnodigen."),
    (4, 3, 4, "Het bord met de zeshoeken gaf overzicht.", "Niet iedereen kwam even veel aan het woord."),
    (3, 4, 3, "", "Nog niet helemaal duidelijk wie wat doet na vandaag."),
    (5, 4, 5, "Concrete acties met een actiehouder erbij.", ""),
    (4, 4, 4, "De ritual dissent was scherp maar prettig.", "Een langere pauze."),
)

# What the coalition learned, in words every teller understands (published on /geleerd/<slug>).
LESSONS = (
    (
        "Wachten is zwaar, zeker als je niets hoort",
        "Veel van jullie vertelden over wachten op hulp. Het wachten zelf is moeilijk. Nog moeilijker is "
        "het als niemand laat weten hoe lang het nog duurt.\n\n"
        "Daarom bellen we gezinnen die wachten nu vaker op.",
    ),
    (
        "Je verhaal niet steeds opnieuw hoeven vertellen",
        "Ouders en jongeren vertelden dat ze steeds aan nieuwe mensen moesten uitleggen wat er aan de hand "
        "is. Dat kost veel energie.\n\n"
        "We willen dat elk gezin één vaste persoon heeft die het verhaal kent.",
    ),
    (
        "School ziet vaak als eerste dat het niet goed gaat",
        "Leerlingen vertelden dat hun mentor vaak als eerste merkte dat het thuis niet goed ging. Maar de "
        "mentor wist niet altijd bij wie hij of zij terechtkon.\n\n"
        "Op school is nu een vast spreekuur waar je zonder afspraak naartoe kunt.",
    ),
)


def demo_id(name: str) -> str:
    """A fixed id for one of the demo's own hexagons or evaluation forms."""
    return str(uuid.uuid5(NAMESPACE, name))


FIRST_SESSION_STEP = "Eerste duidingssessie"  # the usual plan's step (coalitions/trajectory.py)


def seed_workshops(session: Session, *, coalition: Coalition, run: ThemeRun, today: date) -> None:
    """Add the demo's workshops, board, ritual dissent, actions, cycle move and lessons; commits.

    Called once, by ``vertelpunt.demo.seed`` right after it made ``coalition`` and its theme ``run``.
    """
    # Outside a request nothing picks a language: the usual agenda's step titles are stored in Dutch.
    with force_locale("nl"):
        held_on = today - timedelta(days=HELD_DAYS_AGO)
        run_id = run.id if run.status == "done" else None
        pack = _mark_pack(session, coalition, today=today - timedelta(days=MARKED_DAYS_AGO))
        first = workshops.create_workshop(
            session, coalition=coalition, held_on=held_on, theme_run_id=run_id, **FIRST
        )
        workshops.save_steps(session, first, FIRST_STEPS)
        workshops.set_stories(session, workshop=first, story_ids=pack)
        hexagons = _fill_board(session, first, run_id)
        _evaluate(session, first)
        _ritual_dissent(session, first, hexagons)
        workshops.close_session(session, first)
        _track_actions(session, coalition, first, hexagons, today=today)
        _publish_lessons(session, coalition)
        second = workshops.create_workshop(
            session,
            coalition=coalition,
            held_on=today + timedelta(days=PLANNED_IN_DAYS),
            theme_run_id=run_id,
            **SECOND,
        )
        workshops.set_stories(session, workshop=second, story_ids=[])  # chosen closer to the day
        _plan_follows_the_sessions(session, coalition, first, today=today)
    session.commit()


def _plan_follows_the_sessions(
    session: Session, coalition: Coalition, first: Workshop, *, today: date
) -> None:
    """The trajectory plan tells the demo's own story: the first session on its day and in its cycle, and
    every step before today ticked off (so 'next steps' lists what comes, not what is long past)."""
    for step in session.exec(select(TrajectoryStep).where(TrajectoryStep.coalition_id == coalition.id)).all():
        if step.what == FIRST_SESSION_STEP:
            step.planned_on, step.cycle = first.held_on, first.cycle
        step.done = step.planned_on is not None and step.planned_on < today
        session.add(step)


def _mark_pack(session: Session, coalition: Coalition, *, today: date) -> list[str]:
    """Put the pack's stories in the coalition's reading pack; returns their ids."""
    found = session.exec(
        select(Story).where(Story.coalition_id == coalition.id, col(Story.title).in_(PACK_TITLES))
    ).all()
    for story in sorted(found, key=lambda s: PACK_TITLES.index(s.title)):
        story_service.mark(session, coalition, story, today=today)
    return [story.id for story in found]


# The board ------------------------------------------------------------------------------------------


def _fill_board(session: Session, workshop: Workshop, run_id: int | None) -> dict[str, Hexagon]:
    """Seed the board from the run, then add what the participants wrote; returns the action hexagons."""
    if run_id is not None:
        boards.seed_from_run(session, workshop=workshop, run_id=run_id)
    themes = _run_themes(session, workshop)
    extra_id = demo_id("board/theme/extra")
    below = (0, max((t.hexagon.r for t in themes), default=-EXTRA_THEME_SPACING) + EXTRA_THEME_SPACING)
    ops = [_add("board/theme/extra", "theme", EXTRA_THEME, below)]
    ops += [
        _add(f"board/observation/extra/{n}", "observation", text, below, link=extra_id)
        for n, text in enumerate(EXTRA_OBSERVATIONS, start=1)
    ]
    renamed: set[str] = set()
    for cluster in CLUSTERS:
        theme = _theme_of(themes, cluster.subject)
        if theme is not None and theme.hexagon.id not in renamed and theme.is_about(cluster.subject):
            renamed.add(theme.hexagon.id)
            ops.append(
                {"op": "text", "id": theme.hexagon.id, "text": cluster.label, "base": theme.hexagon.text}
            )
        target, (q, r) = (theme.hexagon.id, theme.cell) if theme is not None else (extra_id, below)
        ops.append(
            _add(f"board/observation/{cluster.key}", "observation", cluster.observation, (q, r), link=target)
        )
        action_name = f"board/action/{cluster.key}"
        ops.append(_add(action_name, "action", cluster.action, (q, r + 2), link=target))
        also_about = ALSO_LINKED.get(cluster.key, "")
        also = _theme_of(themes, also_about)
        if also is not None and also.hexagon.id != target and also.is_about(also_about):
            ops.append({"op": "link", "id": demo_id(action_name), "target": also.hexagon.id})
    boards.apply_ops(session, workshop=workshop, ops=ops, staff=True)
    added = {c.key: session.get(Hexagon, demo_id(f"board/action/{c.key}")) for c in CLUSTERS}
    return {key: hexagon for key, hexagon in added.items() if hexagon is not None}


def _add(
    name: str, kind: str, text: str, cell: tuple[int, int], *, link: str | None = None
) -> dict[str, Any]:
    """An add operation for the hexagon with the demo's fixed id for ``name``, near ``cell``."""
    return {
        "op": "add",
        "id": demo_id(name),
        "kind": kind,
        "text": text,
        "q": cell[0],
        "r": cell[1],
        "link": link,
    }


@dataclass(frozen=True)
class RunTheme:
    """A theme hexagon seeded from the run, with how many of its theme's stories each subject has."""

    hexagon: Hexagon
    subjects: Counter[str]

    @property
    def cell(self) -> tuple[int, int]:
        """Where the hexagon lies on the board."""
        return self.hexagon.q, self.hexagon.r

    def is_about(self, subject: str) -> bool:
        """Whether no other subject has more stories in this theme."""
        return self.subjects[subject] > 0 and self.subjects[subject] == max(self.subjects.values())


def _run_themes(session: Session, workshop: Workshop) -> list[RunTheme]:
    """The board's theme hexagons seeded from the run, in grid order, with the subjects of their stories."""
    hexagons = [h for h in boards.live_hexagons(session, workshop) if h.kind == "theme" and h.theme_id]
    subject_of = {
        story.title: subject for subject, stories in STORIES_BY_SUBJECT.items() for story in stories
    }
    rows = session.exec(
        select(ThemeMember.theme_id, Story.title)
        .join(Story, col(Story.id) == col(ThemeMember.story_id))
        .where(col(ThemeMember.theme_id).in_([h.theme_id for h in hexagons]))
    ).all()
    subjects: dict[int, Counter[str]] = {}
    for theme_id, title in rows:
        if title in subject_of:
            subjects.setdefault(theme_id, Counter())[subject_of[title]] += 1
    return [RunTheme(h, subjects.get(h.theme_id or 0, Counter())) for h in hexagons]


def _theme_of(themes: list[RunTheme], subject: str) -> RunTheme | None:
    """The theme holding most stories of ``subject`` (the first in grid order on ties), or None."""
    best = max(themes, key=lambda theme: theme.subjects[subject], default=None)
    return best if best is not None and best.subjects[subject] > 0 else None


# Session results --------------------------------------------------------------------------------------


def _evaluate(session: Session, workshop: Workshop) -> None:
    """The participants' anonymous evaluations (enough of them for the results to be shown)."""
    for number, (useful, heard, next_steps, went_well, better) in enumerate(EVALUATIONS, start=1):
        evaluations.submit_evaluation(
            session,
            workshop=workshop,
            evaluation_id=demo_id(f"evaluation/{number}"),
            useful=useful,
            heard=heard,
            next_steps=next_steps,
            went_well=went_well,
            better=better,
        )


def _ritual_dissent(session: Session, workshop: Workshop, hexagons: dict[str, Hexagon]) -> None:
    """Two proposals from the board's action hexagons, each with two rounds and an improved text."""
    for key, (rounds, improved) in DISSENT.items():
        hexagon = hexagons[key]
        proposal = dissent.add_proposal(
            session,
            workshop=workshop,
            title=dissent.title_of_hexagon(hexagon),
            text=hexagon.text,
            hexagon_id=hexagon.id,
        )
        for critique, suggestions in rounds:
            dissent.record_round(session, proposal=proposal, critique=critique, suggestions=suggestions)
        dissent.save_improved(session, proposal=proposal, improved=improved)


# Actions and the move to the next cycle ---------------------------------------------------------------


def _track_actions(
    session: Session, coalition: Coalition, workshop: Workshop, hexagons: dict[str, Hexagon], *, today: date
) -> None:
    """Follow three of the board's actions with notes; the coalition moves on to tempo in between."""
    tracked = {
        plan.key: _follow(session, coalition, workshop, hexagons[plan.key], plan, today) for plan in TRACKED
    }
    tracker = accounts.get_user_by_email(session, TRACKER_EMAIL)
    moved_on = today - timedelta(days=MOVED_DAYS_AGO)
    # Notes in the order they were written: each keeps the cycle of its day, so the move comes between.
    notes = sorted(NOTES, key=lambda note: -note[0])
    _write_notes(session, tracked, [note for note in notes if note[0] >= MOVED_DAYS_AGO], today=today)
    actions.move_to_next_cycle(session, coalition=coalition, user=tracker, today=moved_on)
    _write_notes(session, tracked, [note for note in notes if note[0] < MOVED_DAYS_AGO], today=today)
    for plan in TRACKED:
        if plan.public_text:
            action_id = tracked[plan.key].id or 0
            feedback.set_action_publication(
                session,
                coalition=coalition,
                action_id=action_id,
                published=True,
                public_text=plan.public_text,
            )


def _follow(
    session: Session, coalition: Coalition, workshop: Workshop, hexagon: Hexagon, plan: Tracked, today: date
) -> Action:
    """The tracked action made from an action hexagon, with its owner, organisation, term and due day."""
    action = actions.action_from_hexagon(session, workshop=workshop, hexagon=hexagon, today=workshop.held_on)
    organisation = session.exec(
        select(Organisation.id).where(
            Organisation.coalition_id == coalition.id, Organisation.name == plan.organisation
        )
    ).first()
    changes: dict[str, Any] = {
        "owner": plan.owner,
        "organisation_id": organisation,
        "term": plan.term,
        "due_on": today + timedelta(days=plan.due_in_days),
        "obstacles": plan.obstacles,
        "enablers": plan.enablers,
    }
    if plan.key in DISSENT:  # the improved proposal is what the group agreed to do
        changes["description"] = DISSENT[plan.key][1]
    return actions.update_action(session, action, changes)


def _write_notes(
    session: Session, tracked: dict[str, Action], notes: list[tuple[int, str, str, str, str]], *, today: date
) -> None:
    """Progress notes on the tracked actions, by their authors (demo accounts), on their days."""
    for days_ago, key, status, text, email in notes:
        actions.add_note(
            session,
            action=tracked[key],
            text=text,
            status=status,
            user=accounts.get_user_by_email(session, email),
            today=today - timedelta(days=days_ago),
        )


def _publish_lessons(session: Session, coalition: Coalition) -> None:
    """Write the coalition's lessons and publish them on its feedback page."""
    for title, text in LESSONS:
        lesson = feedback.add_lesson(session, coalition=coalition, title=title, text=text)
        feedback.set_lesson_publication(session, lesson=lesson, published=True)
