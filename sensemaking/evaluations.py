"""The anonymous session evaluation (step 6 of a workshop): three statements rated 1 to 5 and two short
free texts, and the results the facilitators see.

Nothing about the participant is stored: no address, no time, no account. Each form carries an id the
server made when it showed the form; sending the same form twice stores one answer. Results follow the
small-cell rule of ``coalitions.monitoring``: nothing is shown until there are at least 5 answers, and a
rating chosen by 1 to 4 people reads "<5". Free texts are listed in an order that does not follow their
arrival, so nobody can tell whose text came first.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, select

from coalitions.monitoring import THRESHOLD, Shown, shown_total, suppress
from sensemaking.errors import FieldError
from sensemaking.models import SessionEvaluation, Workshop
from vertelpunt.db import saved_id

TEXT_MAX = 1000
RATINGS = (1, 2, 3, 4, 5)
# The three statements, in the order the form asks them: model field and its statement.
STATEMENTS = (
    ("useful", _l("De sessie was nuttig")),
    ("heard", _l("Iedereen werd gehoord")),
    ("next_steps", _l("Het is duidelijk wat we nu gaan doen")),
)


class EvaluationError(FieldError):
    """An evaluation cannot be stored as sent; ``field`` names the input, the message says why in Dutch."""


def new_evaluation_id() -> str:
    """A fresh id for an evaluation form (random, so it says nothing about who or when)."""
    return str(uuid.uuid4())


def normalise_id(raw: str | None) -> str | None:
    """The evaluation id as stored (lower-case uuid), or None when ``raw`` is not a uuid."""
    try:
        return str(uuid.UUID((raw or "").strip()))
    except ValueError:
        return None


def submit_evaluation(
    session: Session,
    *,
    workshop: Workshop,
    evaluation_id: str,
    useful: int,
    heard: int,
    next_steps: int,
    went_well: str = "",
    better: str = "",
) -> SessionEvaluation:
    """Store one participant's evaluation; the caller commits.

    The same ``evaluation_id`` sent again (a double click, a retry) stores nothing new and returns the
    answer already stored. A closed session takes no answers.
    """
    evaluation_id = normalise_id(evaluation_id) or ""
    if not evaluation_id:
        raise EvaluationError("id", _l("Dit formulier is niet goed aangekomen. Probeer het nog een keer."))
    existing = session.get(SessionEvaluation, evaluation_id)
    if existing is not None:
        return existing
    if workshop.is_closed:
        raise EvaluationError("workshop", _l("Deze sessie is afgesloten."))
    ratings = {"useful": useful, "heard": heard, "next_steps": next_steps}
    for field, value in ratings.items():
        if isinstance(value, bool) or not isinstance(value, int) or value not in RATINGS:
            raise EvaluationError(field, _l("Kies een cijfer van 1 tot en met 5."))
    texts = {"went_well": (went_well or "").strip(), "better": (better or "").strip()}
    for field, text in texts.items():
        if len(text) > TEXT_MAX:
            raise EvaluationError(field, _l("Gebruik hooguit %(n)s tekens.", n=TEXT_MAX))
    evaluation = SessionEvaluation(
        id=evaluation_id,
        workshop_id=saved_id(workshop),
        useful=useful,
        heard=heard,
        next_steps=next_steps,
        went_well=texts["went_well"],
        better=texts["better"],
    )
    session.add(evaluation)
    session.flush()
    return evaluation


@dataclass(frozen=True)
class StatementResult:
    """How one statement was rated: the mean (one decimal) and how many chose each rating (as shown).

    The mean is None whenever a cell is hidden: with the total it would give the hidden counts away
    (ratings 5, 5, 5, 5, 1 have the mean 4.2, which only one 1 and four 5s make).
    """

    key: str
    statement: str
    mean: float | None
    distribution: dict[int, Shown]


@dataclass(frozen=True)
class EvaluationResults:
    """A workshop's evaluation results as they may be shown.

    ``answers`` is the true number, for decisions only; show ``answers_shown`` ("<5" for 1 to 4). Below
    the threshold ``shown`` is False and ``statements`` and the texts are empty.
    """

    answers: int
    answers_shown: Shown
    shown: bool
    statements: tuple[StatementResult, ...]
    went_well: tuple[str, ...]
    better: tuple[str, ...]
    threshold: int = THRESHOLD

    @property
    def too_few_message(self) -> str:
        """What to say while the results are hidden."""
        return str(_l("Nog te weinig antwoorden om te tonen"))


def _stable_order(texts: list[str]) -> tuple[str, ...]:
    """Non-empty texts in an order set by a hash of their content: the same every time, unrelated to arrival."""
    kept = [t.strip() for t in texts if t.strip()]
    return tuple(sorted(kept, key=lambda t: (hashlib.sha256(t.encode("utf-8")).hexdigest(), t)))


def evaluation_results(session: Session, workshop: Workshop) -> EvaluationResults:
    """The workshop's evaluation results: nothing but the (shown) count below 5 answers."""
    rows = session.exec(select(SessionEvaluation).where(SessionEvaluation.workshop_id == workshop.id)).all()
    answers = len(rows)
    if answers < THRESHOLD:
        return EvaluationResults(answers, shown_total(answers), False, (), (), ())
    statements = []
    for key, statement in STATEMENTS:
        values = [int(getattr(row, key)) for row in rows]
        counted = Counter(values)
        shown = suppress({str(r): counted.get(r, 0) for r in RATINGS})
        statements.append(
            StatementResult(
                key=key,
                statement=str(statement),
                mean=round(sum(values) / answers, 1)
                if all(isinstance(c, int) for c in shown.values())
                else None,
                distribution={r: shown[str(r)] for r in RATINGS},
            )
        )
    return EvaluationResults(
        answers=answers,
        answers_shown=shown_total(answers),
        shown=True,
        statements=tuple(statements),
        went_well=_stable_order([row.went_well for row in rows]),
        better=_stable_order([row.better for row in rows]),
    )


def is_answered(session: Session, *, evaluation_id: str | None) -> bool:
    """Whether an evaluation with this id is stored already (the form was sent before)."""
    normalised = normalise_id(evaluation_id)
    return normalised is not None and session.get(SessionEvaluation, normalised) is not None
