"""Filtering a coalition's stories by their answers, organisation, period and words.

A filter is parsed from query-string arguments against an allow-list built from the questionnaire:
an unknown field or value raises ``FilterError`` (the view answers 400), so no request text ever
reaches a query as anything but a bound parameter (RELIABILITY row 25).

Arguments (an optional ``prefix`` such as ``"g1-"`` lets one page hold two filters):
``a.<question>=<value>`` (repeatable: any of the values), ``org=<id>`` (repeatable), ``van`` and ``tot``
(ISO dates, inclusive), ``q`` (words, all must occur in the title or text) and ``leespakket=1`` (marked
for the reading pack only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import SQLColumnExpression, and_, func, or_
from sqlmodel import Session, col, select

from sensemaking.models import StoryMark, StoryReview
from vertelpunt.models import Answer, Story
from vertelpunt.questionnaire import Definition, Question
from vertelpunt.text import without_controls

CHOICE_KINDS = ("prompt", "single", "multi")
DYAD_BINS = ("left", "middle", "right")
BIN_TOLERANCE = 0.001
ANSWER_PREFIX = "a."
OTHER_KEYS = ("org", "van", "tot", "q", "leespakket")
MAX_QUERY_LENGTH = 200


class FilterError(ValueError):
    """The request asked for a field or value that cannot be filtered on."""


@dataclass(frozen=True)
class FilterField:
    """A question that can be filtered on, with its allowed values and their labels."""

    question: Question
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class StoryFilter:
    """What a story must satisfy; empty parts do not restrict."""

    answers: Mapping[str, frozenset[str]] = field(default_factory=dict)
    organisations: frozenset[int] = frozenset()
    since: date | None = None
    until: date | None = None
    query: str = ""
    marked: bool = False

    def is_empty(self) -> bool:
        """True when the filter lets every story through."""
        return not (
            self.answers or self.organisations or self.since or self.until or self.query or self.marked
        )

    def args(self, prefix: str = "") -> list[tuple[str, str]]:
        """The filter as query-string arguments (for paging links and exports)."""
        pairs = [
            (f"{prefix}{ANSWER_PREFIX}{question}", value)
            for question, values in sorted(self.answers.items())
            for value in sorted(values)
        ]
        pairs += [(f"{prefix}org", str(org)) for org in sorted(self.organisations)]
        if self.since:
            pairs.append((f"{prefix}van", self.since.isoformat()))
        if self.until:
            pairs.append((f"{prefix}tot", self.until.isoformat()))
        if self.query:
            pairs.append((f"{prefix}q", self.query))
        if self.marked:
            pairs.append((f"{prefix}leespakket", "1"))
        return pairs


@dataclass
class StoryRecord:
    """A story with its answers, as the sensemaking screens and theme runs use it.

    ``title`` and ``text`` are the reviewed (redacted) version when the story was checked for personal
    data (``reviewed``), unless the original was asked for (``stories(..., originals=True)``).
    """

    id: str
    coalition_id: int
    organisation_id: int | None
    day: date
    language: str
    title: str
    text: str
    answers: dict[str, Any]
    reviewed: bool = False


def filter_fields(definition: Definition, lang: str = "nl") -> list[FilterField]:
    """The questions that can be filtered on: choice questions by option, sliders by third, triads by corner."""
    fields = []
    for question in definition.questions:
        if question.kind in CHOICE_KINDS or question.kind == "triad":
            values = tuple(
                (option.value, option.label.get(lang) or option.label["nl"]) for option in question.options
            )
        elif question.kind == "dyad":
            left = question.left.get(lang) or question.left.get("nl", "")
            right = question.right.get(lang) or question.right.get("nl", "")
            middle = {"nl": "ergens in het midden", "en": "somewhere in between"}.get(
                lang, "ergens in het midden"
            )
            values = (("left", left), ("middle", middle), ("right", right))
        else:
            continue
        fields.append(FilterField(question=question, values=values))
    return fields


def parse(
    args: Mapping[str, Any],
    definition: Definition,
    *,
    prefix: str = "",
    organisation_ids: Iterable[int] = (),
) -> StoryFilter:
    """Read a filter from request arguments (a ``MultiDict``); raise ``FilterError`` on anything unknown.

    Arguments without ``prefix`` (or with another page's keys such as ``page`` or ``lang``) are ignored.
    """
    allowed = {f.question.id: {value for value, _ in f.values} for f in filter_fields(definition)}
    known_orgs = set(organisation_ids)
    answers: dict[str, frozenset[str]] = {}
    for key in args:
        if not key.startswith(prefix):
            continue
        name = key[len(prefix) :]
        if name.startswith(ANSWER_PREFIX):
            question = name[len(ANSWER_PREFIX) :]
            values = {v for v in _getlist(args, key) if v}
            if question not in allowed or not values <= allowed[question]:
                raise FilterError(f"unknown filter {name}")
            if values:  # an empty field (a form sent with nothing ticked) does not restrict
                answers[question] = frozenset(values)
        elif prefix and name not in OTHER_KEYS:
            raise FilterError(f"unknown filter {name}")
    organisations = set()
    for raw in _getlist(args, f"{prefix}org"):
        if not raw:
            continue
        # isascii: str.isdigit() accepts digits such as "²" that int() refuses.
        if not (raw.isascii() and raw.isdigit()) or int(raw) not in known_orgs:
            raise FilterError("unknown organisation")
        organisations.add(int(raw))
    query = " ".join(without_controls(str(args.get(f"{prefix}q", "") or "")).split())
    if len(query) > MAX_QUERY_LENGTH:
        raise FilterError("search text too long")
    return StoryFilter(
        answers=answers,
        organisations=frozenset(organisations),
        since=_date(args.get(f"{prefix}van")),
        until=_date(args.get(f"{prefix}tot")),
        query=query,
        marked=args.get(f"{prefix}leespakket") in ("1", "on", "true"),
    )


def _getlist(args: Mapping[str, Any], key: str) -> list[str]:
    getlist = getattr(args, "getlist", None)
    if getlist is not None:
        return [str(v) for v in getlist(key)]
    value = args.get(key)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def _date(raw: Any) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(str(raw))
    except ValueError:
        raise FilterError("dates are written as YYYY-MM-DD") from None


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def stories(
    session: Session,
    coalition_ids: Sequence[int],
    flt: StoryFilter | None = None,
    definition: Definition | None = None,
    *,
    originals: bool = False,
) -> list[StoryRecord]:
    """The coalitions' stories that pass ``flt``, newest first, with their answers (two queries).

    A story checked for personal data comes as its reviewed version, and words are searched in that
    version only (a name taken out of a story must not find it). ``originals=True`` (administrators,
    when originals are kept) gives and searches the stored original instead.
    """
    flt = flt or StoryFilter()
    query = (
        select(Story, StoryReview)
        .outerjoin(StoryReview, col(StoryReview.story_id) == col(Story.id))
        .where(col(Story.coalition_id).in_(list(coalition_ids)))
    )
    if flt.organisations:
        query = query.where(col(Story.organisation_id).in_(sorted(flt.organisations)))
    if flt.since:
        query = query.where(col(Story.day) >= flt.since)
    if flt.until:
        query = query.where(col(Story.day) <= flt.until)
    title: SQLColumnExpression[str]
    text: SQLColumnExpression[str]
    if originals:
        title, text = col(Story.title), col(Story.text)
    else:
        title = func.coalesce(col(StoryReview.title), col(Story.title))
        text = func.coalesce(col(StoryReview.text), col(Story.text))
    for word in flt.query.split():
        pattern = _like(word)
        query = query.where(or_(title.ilike(pattern, escape="\\"), text.ilike(pattern, escape="\\")))
    if flt.marked:
        marks = select(StoryMark.story_id).where(col(StoryMark.coalition_id).in_(list(coalition_ids)))
        query = query.where(col(Story.id).in_(marks))
    rows = session.exec(query.order_by(col(Story.day).desc(), col(Story.id))).all()
    answers = _answers(session, coalition_ids, flt)
    records = [
        StoryRecord(
            id=s.id,
            coalition_id=s.coalition_id,
            organisation_id=s.organisation_id,
            day=s.day,
            language=s.language,
            title=s.title if originals or review is None else review.title,
            text=s.text if originals or review is None else review.text,
            answers=answers.get(s.id, {}),
            reviewed=review is not None,
        )
        for s, review in rows
    ]
    if not flt.answers:
        return records
    kinds = {q.id: q for q in definition.questions} if definition else {}
    return [r for r in records if matches_answers(r.answers, flt.answers, kinds)]


def _answers(session: Session, coalition_ids: Sequence[int], flt: StoryFilter) -> dict[str, dict[str, Any]]:
    query = (
        select(Answer.story_id, Answer.question_id, Answer.value)
        .join(Story, col(Story.id) == col(Answer.story_id))
        .where(col(Story.coalition_id).in_(list(coalition_ids)))
    )
    if flt.since or flt.until:
        query = query.where(
            and_(
                col(Story.day) >= (flt.since or date.min),
                col(Story.day) <= (flt.until or date.max),
            )
        )
    result: dict[str, dict[str, Any]] = {}
    for story_id, question_id, value in session.exec(query):
        result.setdefault(story_id, {})[question_id] = value
    return result


def answer_values(value: Any, question: Question | None) -> set[str]:
    """The filterable values of one answer: options as given, a slider's third, a triad's strongest corner."""
    if question is not None and question.kind == "dyad":
        return {dyad_bin(value)} if isinstance(value, int | float) else set()
    if question is not None and question.kind == "triad":
        corner = triad_corner(value, question)
        return {corner} if corner else set()
    if isinstance(value, list):
        return {str(v) for v in value}
    return {str(value)} if value is not None else set()


def matches_answers(
    answers: Mapping[str, Any], wanted: Mapping[str, frozenset[str]], questions: Mapping[str, Question]
) -> bool:
    """True when, for every filtered question, the story's answer has one of the wanted values."""
    return all(answer_values(answers.get(qid), questions.get(qid)) & values for qid, values in wanted.items())


def dyad_bin(position: float) -> str:
    """A slider position (0 left .. 1 right) as its third: ``left``, ``middle`` or ``right``.

    Positions are stored rounded to 4 decimals (a 7-step slider's third step is 0.3333), so the borders
    allow for that: 7 steps split 2 / 3 / 2, symmetric around the middle.
    """
    if position < 1 / 3 - BIN_TOLERANCE:
        return "left"
    return "middle" if position <= 2 / 3 + BIN_TOLERANCE else "right"


def triad_corner(weights: Any, question: Question) -> str | None:
    """The triad corner with the largest weight (the first on a tie), or None for no answer.

    Triads are stored as ``{corner: weight}``; a list of three weights in corner order is accepted too.
    """
    corners = question.values()
    if isinstance(weights, dict):
        weights = [weights.get(corner) for corner in corners]
    if not isinstance(weights, list) or len(weights) != 3 or len(corners) != 3:
        return None
    if not all(isinstance(w, int | float) for w in weights):
        return None
    best = max(range(3), key=lambda i: (weights[i], -i))
    return corners[best]
