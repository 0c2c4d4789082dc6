"""The narrative database: a coalition's stories, paged and sorted, their answers with labels, the
reading-pack marks, and the personal-data review (which version of a story whom is shown).

Pure services: no Flask request code. The views pass in the configuration they need.
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Generic, TypeVar

from babel.dates import format_date
from sqlmodel import Session, col, select

from coalitions.models import Coalition, Organisation, User
from sensemaking import filters
from sensemaking.models import StoryMark, StoryReview
from vertelpunt.models import Answer, Questionnaire, Story
from vertelpunt.questionnaire import Definition, Question
from vertelpunt.services import current_questionnaire, parsed_definition

T = TypeVar("T")
PER_PAGE = 25
EXCERPT_CHARS = 300
TITLE_MAX = 200


class SortError(filters.FilterError):
    """The request asked for a sort order that is not on the allow-list."""


# The allow-list of sort orders: name -> key and direction. Ties keep the newest-first order.
SORTS: dict[str, Callable[[list[filters.StoryRecord]], list[filters.StoryRecord]]] = {
    "newest": lambda records: sorted(records, key=lambda r: (r.day, r.id), reverse=True),
    "oldest": lambda records: sorted(records, key=lambda r: (r.day, r.id)),
    "title": lambda records: sorted(records, key=lambda r: (r.title.casefold(), r.id)),
}
DEFAULT_SORT = "newest"


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, its number (from 1), the number of pages and of items in all."""

    items: list[T]
    page: int
    pages: int
    total: int


def paginate(items: Sequence[T], page: int, per_page: int = PER_PAGE) -> Page[T]:
    """The ``page``-th slice of ``items``; a page out of range gives the nearest page that exists."""
    total = len(items)
    pages = max(1, math.ceil(total / per_page))
    page = min(max(page, 1), pages)
    start = (page - 1) * per_page
    return Page(items=list(items[start : start + per_page]), page=page, pages=pages, total=total)


def check_sort(raw: str | None) -> str:
    """The sort order asked for, or the default for none; ``SortError`` for anything else."""
    if raw in (None, ""):
        return DEFAULT_SORT
    if raw not in SORTS:
        raise SortError("unknown sort order")
    return str(raw)


_MONTH = re.compile(r"(\d{4})-(\d{2})")


def month_as_day(raw: str, *, last: bool) -> str:
    """A month as the period form sends it ("2026-11") as an ISO day: its first, or with ``last`` its
    last; anything else is returned as it is (for ``filters.parse`` to read or refuse)."""
    found = _MONTH.fullmatch(raw.strip())
    if found is None:
        return raw
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= year <= 9999 or not 1 <= month <= 12:
        raise filters.FilterError("dates are written as YYYY-MM or YYYY-MM-DD")
    return date(year, month, calendar.monthrange(year, month)[1] if last else 1).isoformat()


def month_year(day: date, lang: str) -> str:
    """A story's day as month and year only ("november 2026" in ``lang``): the exact day could single a
    teller out."""
    return format_date(day, "LLLL yyyy", locale=lang)


def whole_months(flt: filters.StoryFilter) -> filters.StoryFilter:
    """The filter with its period widened to whole months.

    Stories show only their month; a period of single days would let anyone pin a story to its day
    (and a teller to the day they told it) by narrowing the dates.
    """
    since = flt.since.replace(day=1) if flt.since else None
    until = None
    if flt.until:
        until = flt.until.replace(day=calendar.monthrange(flt.until.year, flt.until.month)[1])
    return replace(flt, since=since, until=until)


def may_see_original(user: User, keep_original: bool) -> bool:
    """Whether ``user`` sees a reviewed story's original: administrators, and only while originals are kept."""
    return user.role == "admin" and keep_original


def browse(
    session: Session,
    coalition: Coalition,
    flt: filters.StoryFilter,
    definition: Definition,
    *,
    user: User,
    keep_original: bool,
    sort: str = DEFAULT_SORT,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Page[filters.StoryRecord]:
    """One page of the coalition's stories that pass ``flt``, sorted, each in the version ``user`` may see."""
    records = filters.stories(
        session,
        [coalition.id or 0],
        flt,
        definition,
        originals=may_see_original(user, keep_original),
    )
    return paginate(SORTS[check_sort(sort)](records), page, per_page)


def get_story(session: Session, coalition: Coalition, story_id: str) -> Story | None:
    """The story with this id if it belongs to ``coalition``, else None (the view answers 404)."""
    if not isinstance(story_id, str) or not 0 < len(story_id) <= 36:
        return None
    story = session.get(Story, story_id)
    return story if story is not None and story.coalition_id == coalition.id else None


def get_review(session: Session, story: Story) -> StoryReview | None:
    """The personal-data review of a story, if it was reviewed."""
    return session.get(StoryReview, story.id)


def shown_version(
    session: Session, story: Story, user: User, *, keep_original: bool = True
) -> tuple[str, str, bool]:
    """The title and text ``user`` is shown, and whether the story was reviewed for personal data.

    After a review everybody sees the reviewed version, except administrators when originals are kept
    (``KEEP_ORIGINAL_STORIES``). When originals are not kept, the review overwrote the story itself.
    """
    review = get_review(session, story)
    if review is None:
        return story.title, story.text, False
    if may_see_original(user, keep_original):
        return story.title, story.text, True
    return review.title, review.text, True


def save_review(
    session: Session,
    story: Story,
    *,
    title: str,
    text: str,
    reviewer: User | None,
    today: date,
    keep_original: bool,
) -> StoryReview:
    """Store the reviewed version of a story (a new review or a change to one); the caller commits.

    Without ``keep_original`` the story itself gets the reviewed title and text: the original is gone.
    """
    title, text = title.strip(), text.strip()
    if not title or not text or len(title) > TITLE_MAX:
        raise ValueError("a review needs a title of at most 200 characters and a text")
    review = get_review(session, story)
    if review is None:
        review = StoryReview(story_id=story.id, title=title, text=text, reviewed_on=today)
    review.title, review.text, review.reviewed_on = title, text, today
    review.reviewer_id = reviewer.id if reviewer is not None else None
    session.add(review)
    if not keep_original:
        story.title, story.text = title, text
        session.add(story)
    session.flush()
    return review


# Reading pack -------------------------------------------------------------------------------------


def is_marked(session: Session, coalition: Coalition, story: Story) -> bool:
    """Whether the story is in the coalition's reading pack."""
    mark = session.get(StoryMark, story.id)
    return mark is not None and mark.coalition_id == coalition.id


def mark(session: Session, coalition: Coalition, story: Story, *, today: date) -> bool:
    """Put a story of the coalition in its reading pack; True when it was not there yet. Caller commits."""
    if story.coalition_id != coalition.id:
        raise ValueError("the story is not this coalition's")
    if session.get(StoryMark, story.id) is not None:
        return False
    session.add(StoryMark(story_id=story.id, coalition_id=coalition.id or 0, marked_on=today))
    session.flush()
    return True


def unmark(session: Session, coalition: Coalition, story: Story) -> bool:
    """Take a story out of the coalition's reading pack; True when it was there. Caller commits."""
    found = session.get(StoryMark, story.id)
    if found is None or found.coalition_id != coalition.id:
        return False
    session.delete(found)
    session.flush()
    return True


def marked_ids(session: Session, coalition: Coalition) -> set[str]:
    """The ids of the stories in the coalition's reading pack."""
    query = select(StoryMark.story_id).where(col(StoryMark.coalition_id) == coalition.id)
    return set(session.exec(query).all())


def marked_stories(session: Session, coalition: Coalition) -> list[Story]:
    """The stories in the coalition's reading pack, newest first."""
    query = (
        select(Story)
        .join(StoryMark, col(StoryMark.story_id) == col(Story.id))
        .where(col(StoryMark.coalition_id) == coalition.id, col(Story.coalition_id) == coalition.id)
        .order_by(col(Story.day).desc(), col(Story.id))
    )
    return list(session.exec(query).all())


# Organisations, definitions and answers ------------------------------------------------------------


def organisations(session: Session, coalition: Coalition) -> list[tuple[int, str]]:
    """The coalition's organisations as (id, name), by name: the organisation filter's choices."""
    query = (
        select(Organisation.id, Organisation.name)
        .where(col(Organisation.coalition_id) == coalition.id)
        .order_by(col(Organisation.name))
    )
    return [(int(oid), str(name)) for oid, name in session.exec(query).all() if oid is not None]


def story_definition(session: Session, story: Story) -> Definition:
    """The questionnaire version the story was told with (the current one if it cannot be found)."""
    row = session.get(Questionnaire, story.questionnaire_id)
    return parsed_definition(row) if row is not None else current_questionnaire(session)[1]


def definitions_of(session: Session, story_ids: Sequence[str]) -> dict[str, Definition]:
    """The questionnaire version each of these stories was told with (one query for a page of cards)."""
    if not story_ids:
        return {}
    query = (
        select(Story.id, Questionnaire)
        .join(Questionnaire, col(Questionnaire.id) == col(Story.questionnaire_id))
        .where(col(Story.id).in_(list(story_ids)))
    )
    return {story_id: parsed_definition(row) for story_id, row in session.exec(query).all()}


def story_answers(session: Session, story: Story) -> dict[str, Any]:
    """The story's answers by question id."""
    query = select(Answer.question_id, Answer.value).where(col(Answer.story_id) == story.id)
    return {str(qid): value for qid, value in session.exec(query).all()}


@dataclass(frozen=True)
class Pole:
    """A slider answer: the two pole labels and the position between them (0 = left, 100 = right)."""

    left: str
    right: str
    percent: int


@dataclass(frozen=True)
class Share:
    """One corner of a triad answer and its share in percent."""

    label: str
    percent: int


@dataclass(frozen=True)
class ShownAnswer:
    """An answer as the story page shows it: the question, and labels, a slider position or triad shares."""

    question_id: str
    kind: str
    question: str
    labels: tuple[str, ...] = ()
    pole: Pole | None = None
    shares: tuple[Share, ...] = ()


def _text(texts: Mapping[str, str], lang: str) -> str:
    return texts.get(lang) or texts.get("nl") or next(iter(texts.values()), "")


def _percentages(weights: Sequence[float]) -> list[int]:
    """Whole percentages that add up to 100 (largest remainder), so a triad reads as a whole."""
    total = sum(weights)
    if total <= 0:
        return [0 for _ in weights]
    exact = [w * 100 / total for w in weights]
    whole = [math.floor(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (exact[i] - whole[i], -i), reverse=True)
    for i in order[: 100 - sum(whole)]:
        whole[i] += 1
    return whole


def show_answer(question: Question, value: Any, lang: str) -> ShownAnswer | None:
    """One answer with its labels in ``lang``; None for an answer that cannot be shown (wrong shape)."""
    text = _text(question.text, lang)
    if question.kind in ("prompt", "single", "multi"):
        values = value if isinstance(value, list) else [value]
        labels = tuple(question.label_of(str(v), lang) for v in values if v not in (None, ""))
        return ShownAnswer(question.id, question.kind, text, labels=labels) if labels else None
    if question.kind == "dyad":
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 1:
            return None
        pole = Pole(_text(question.left, lang), _text(question.right, lang), round(value * 100))
        return ShownAnswer(question.id, question.kind, text, pole=pole)
    if question.kind == "triad":
        if (
            not isinstance(value, list)
            or len(value) != 3
            or len(question.options) != 3
            or not all(isinstance(v, int | float) and not isinstance(v, bool) and v >= 0 for v in value)
        ):
            return None
        percents = _percentages([float(v) for v in value])
        shares = tuple(
            Share(_text(option.label, lang), pct)
            for option, pct in zip(question.options, percents, strict=True)
        )
        return ShownAnswer(question.id, question.kind, text, shares=shares)
    if question.kind == "text":
        return ShownAnswer(question.id, question.kind, text, labels=(str(value),)) if value else None
    return None


def shown_answers(
    answers: Mapping[str, Any], own: Definition, current: Definition | None, lang: str
) -> list[ShownAnswer]:
    """A story's answers in questionnaire order, labelled with the story's own questionnaire version.

    An answer to a question its own version does not know is labelled with the current version; one
    that neither knows is left out (there is no label to show it with).
    """
    shown = []
    seen = set()
    for definition in (own, current) if current is not None else (own,):
        for question in definition.questions:
            if question.id in seen or question.id not in answers or question.kind == "story":
                continue
            seen.add(question.id)
            answer = show_answer(question, answers[question.id], lang)
            if answer is not None:
                shown.append(answer)
    return shown


def answer_label(definition: Definition, question_id: str, value: Any, lang: str) -> str:
    """A choice answer's label (e.g. the prompt or perspective on a story card); empty for no answer."""
    question = definition.get(question_id)
    if question is None or value in (None, "", []):
        return ""
    values = value if isinstance(value, list) else [value]
    return ", ".join(question.label_of(str(v), lang) for v in values)


@dataclass(frozen=True)
class Segment:
    """A piece of a text for the review page: plain (``kind`` None) or a finding of personal data."""

    text: str
    kind: str | None = None


def segments(text: str, findings: Sequence[Any]) -> list[Segment]:
    """Cut ``text`` into plain pieces and findings (anything with ``start``, ``end`` and ``kind``).

    The template marks the findings up, escaping every piece: nothing here is markup. Findings that
    overlap an earlier one, or fall outside the text, are left out.
    """
    pieces: list[Segment] = []
    at = 0
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        start, end = int(finding.start), int(finding.end)
        if start < at or end <= start or end > len(text):
            continue
        if start > at:
            pieces.append(Segment(text[at:start]))
        pieces.append(Segment(text[start:end], str(finding.kind)))
        at = end
    if at < len(text):
        pieces.append(Segment(text[at:]))
    return pieces


def paragraphs(text: str) -> list[str]:
    """A story's text as paragraphs (the teller's line breaks), without empty ones."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The start of a text, cut at a word boundary, with an ellipsis when something was left out."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"
