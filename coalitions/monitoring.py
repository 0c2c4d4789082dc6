"""Response monitoring: how many stories a coalition received, broken down so that no small group stands out.

Read-only queries plus pure logic; no Flask. Every figure leaves this module as it may be *shown*
(an ``int`` of 0 or at least the threshold, ``"<5"`` or ``HIDDEN``): the true small counts never reach
a template, a CSV file or a chart. See ``suppress`` for the small-cell rule (RELIABILITY row 30).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlmodel import Session, col, select

from coalitions.models import Coalition, InviteLink, Organisation
from vertelpunt.models import Answer, Story

THRESHOLD = 5
HIDDEN = "×"  # hidden to protect another cell (complementary suppression), or a whole withheld table
Shown = int | str
WEEKS = 8
RECENT_DAYS = 14
PERSPECTIVES = ("youth", "parent", "professional", "other")
AGE_CATEGORIES = ("0-12", "12-18", "18plus", "unknown")
MISSING = "missing"  # no answer, or a value the current questionnaire does not know
NO_ORGANISATION = "none"  # the general link, or an organisation that was removed
# Which answer a coalition target group is counted by, and the value it counts.
TARGET_GROUP_ANSWERS = {
    "0-12": ("age_category", "0-12"),
    "12-18": ("age_category", "12-18"),
    "parent": ("perspective", "parent"),
    "professional": ("perspective", "professional"),
}


def small_mark(threshold: int = THRESHOLD) -> str:
    """How a count from 1 to ``threshold - 1`` is shown."""
    return f"<{threshold}"


def shown_total(total: int, *, threshold: int = THRESHOLD) -> Shown:
    """A total as it may be shown: like any count, 1 to ``threshold - 1`` becomes ``"<5"``."""
    return small_mark(threshold) if 0 < total < threshold else total


def suppress(counts: Mapping[str, int], *, threshold: int = THRESHOLD) -> dict[str, Shown]:
    """The cells of one breakdown as they may be shown, next to its total (``shown_total(sum(counts))``).

    1. **Primary suppression.** A count from 1 to ``threshold - 1`` is shown as ``"<5"``; 0 and counts
       of at least ``threshold`` are shown as they are.
    2. **Complementary suppression.** The breakdown is *protected* when a reader who knows the shown
       cells, the total, that ``"<5"`` means 1-4 and that a ``HIDDEN`` cell is 0 or at least 5 (and no
       larger than the shown cells it was chosen before, see below) can
       (a) not compute the hidden cells' sum ``total - sum(shown)`` as a number from 1 to 4 (one hidden
           cell would be that number; two hidden cells summing to 2 would both be 1), and
       (b) not pin any ``"<5"`` cell to a single value, by exact integer reasoning over the sum
           (e.g. two ``"<5"`` cells with a hidden sum of 8 are both 4; a ``"<5"`` cell and a hidden
           cell summing to 6 are 1 and 5).
       Until protected, one more cell is hidden as ``HIDDEN``: the smallest non-zero shown cell (it
       costs the fewest stories), then zeros, ties in the given order. A ``HIDDEN`` cell is never
       labelled ``"<5"``: that would be untrue and would send a reminder to the wrong organisation.
       Because the choice is "smallest first", a hidden cell is known to be at most the shown cells
       picked after it; the check in (b) takes that into account.
    3. **Withholding.** If hiding every cell still leaves it unprotected (e.g. two cells of 4 each and
       nothing else), every cell is shown as ``HIDDEN``.

    The total itself follows ``shown_total``; when it is ``"<5"`` the reader only knows it is 1-4.
    Not covered: inference from *when* the greedy search stopped, and differences between moments in
    time (a total that grows by one between two visits).
    """
    keys = list(counts)
    values = [int(counts[key]) for key in keys]
    if any(value < 0 for value in values):
        raise ValueError("counts cannot be negative")
    primary = {i for i, value in enumerate(values) if 0 < value < threshold}
    if not primary:
        return dict(zip(keys, values, strict=True))
    hidden = set(primary)
    candidates = iter(
        sorted((i for i in range(len(values)) if i not in hidden), key=lambda i: _pick(values, i))
    )
    while not is_protected(values, hidden, threshold=threshold):
        candidate = next(candidates, None)
        if candidate is None:
            return dict.fromkeys(keys, HIDDEN)
        hidden.add(candidate)
    mark = small_mark(threshold)
    return {
        key: (mark if i in primary else HIDDEN) if i in hidden else values[i] for i, key in enumerate(keys)
    }


def _pick(values: Sequence[int], i: int) -> tuple[bool, int, int]:
    # Complementary cells are chosen in this order: non-zero cells from small to large, then zeros.
    return (values[i] == 0, values[i], i)


def is_protected(values: Sequence[int], hidden: set[int], *, threshold: int = THRESHOLD) -> bool:
    """Whether hiding the cells at ``hidden`` protects every small cell (rules 2a and 2b of ``suppress``)."""
    total = sum(values)
    shown = [i for i in range(len(values)) if i not in hidden]
    shown_sum = sum(values[i] for i in shown)
    totals = range(1, threshold) if 0 < total < threshold else (total,)
    sums = [t - shown_sum for t in totals if t >= shown_sum]
    if len(sums) == 1 and 0 < sums[0] < threshold:
        return False
    primary = [i for i in hidden if 0 < values[i] < threshold]
    if not primary:
        return True
    top = max(sums)
    mask = (1 << (top + 1)) - 1
    wanted = sum(1 << s for s in sums)
    # Sums the other hidden cells can make. "<5" cells all have the same range, so one computation serves all.
    reach = 1
    for _ in primary[1:]:
        reach = _plus(reach, [(1, threshold - 1)], mask)
    for j in hidden:
        if j not in primary:
            reach = _plus(reach, _complement_range(values, shown, j, threshold, top), mask)
    possible = sum(1 for v in range(1, threshold) if (reach << v) & wanted)
    return possible >= 2


def _complement_range(
    values: Sequence[int], shown: Sequence[int], j: int, threshold: int, top: int
) -> list[tuple[int, int]]:
    """What a reader can tell about complementary cell ``j``: 0 or at least the threshold, and no larger
    than the shown cells it was picked before (see ``_pick``)."""
    nonzero = [c for c in shown if values[c] > 0]
    upper = min((values[c] if j < c else values[c] - 1 for c in nonzero), default=top)
    ranges = [(threshold, min(upper, top))] if min(upper, top) >= threshold else []
    if not nonzero and all(c > j for c in shown):
        ranges.append((0, 0))
    return ranges


def _plus(reach: int, ranges: Sequence[tuple[int, int]], mask: int) -> int:
    """The sums reachable by adding one value from ``ranges`` to a sum in ``reach`` (bit sets)."""
    out = 0
    for low, high in ranges:
        spread, width = reach << low, 1
        while width < high - low + 1:
            step = min(width, high - low + 1 - width)
            spread |= spread << step
            width += step
        out |= spread
    return out & mask


# --- The report -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryFacts:
    """What monitoring needs of one story: where it came from, when, and two of its answers."""

    organisation_id: int | None
    invite_link_id: int | None
    day: date
    perspective: str | None = None
    age_category: str | None = None


@dataclass(frozen=True)
class LinkInfo:
    """An invite link as monitoring lists it."""

    id: int
    organisation_id: int | None
    label: str


@dataclass(frozen=True)
class Cell:
    """One row of a breakdown, as shown. ``key`` names fixed categories; ``label`` and ``group`` carry
    names from the database (organisation and link names)."""

    key: str
    shown: Shown
    label: str = ""
    group: str = ""
    start: date | None = None  # the Monday of a week
    number: int = 0  # a link's place among its organisation's links, oldest first


@dataclass(frozen=True)
class Breakdown:
    """The coalition's stories split one way; the cells add up to the total."""

    name: str  # organisation | link | perspective | age_category | week
    cells: tuple[Cell, ...]
    total: Shown


@dataclass(frozen=True)
class Flag:
    """A target group with no (``none``) or few (``few``: 1-4) stories so far."""

    target_group: str
    level: str


@dataclass(frozen=True)
class Report:
    """Everything the response pages show, already safe to show."""

    today: date
    total: Shown
    breakdowns: tuple[Breakdown, ...]
    flags: tuple[Flag, ...]
    to_remind: tuple[str, ...]  # organisation names without a story in the last RECENT_DAYS days

    def breakdown(self, name: str) -> Breakdown:
        """The breakdown called ``name``."""
        return next(b for b in self.breakdowns if b.name == name)

    @property
    def this_week(self) -> Cell:
        """This week's cell of the week breakdown."""
        return self.breakdown("week").cells[-1]

    @property
    def last_week(self) -> Cell:
        """Last week's cell of the week breakdown."""
        return self.breakdown("week").cells[-2]


def build_report(
    facts: Sequence[StoryFacts],
    *,
    organisations: Sequence[tuple[int, str]],
    links: Sequence[LinkInfo],
    target_groups: Iterable[str],
    today: date,
    threshold: int = THRESHOLD,
) -> Report:
    """All breakdowns, flags and reminders for these stories (pure; ``response_report`` loads them)."""
    names = dict(organisations)
    by_organisation = _organisation_breakdown(facts, organisations, threshold)
    perspective = _answer_breakdown("perspective", [f.perspective for f in facts], PERSPECTIVES, threshold)
    age = _answer_breakdown("age_category", [f.age_category for f in facts], AGE_CATEGORIES, threshold)
    breakdowns = (
        by_organisation,
        _link_breakdown(facts, by_organisation, links, names, threshold),
        perspective,
        age,
        _week_breakdown(facts, today, threshold),
    )
    recent = {f.organisation_id for f in facts if f.day > today - timedelta(days=RECENT_DAYS)}
    return Report(
        today=today,
        total=shown_total(len(facts), threshold=threshold),
        breakdowns=breakdowns,
        flags=flags(target_groups, {"perspective": perspective, "age_category": age}, threshold),
        to_remind=tuple(sorted((n for i, n in organisations if i not in recent), key=str.casefold)),
    )


def flags(
    target_groups: Iterable[str], tables: Mapping[str, Breakdown], threshold: int = THRESHOLD
) -> tuple[Flag, ...]:
    """Target groups shown as 0 (``none``) or ``"<5"`` (``few``). Read from the shown cells only, so a
    flag never tells more than the tables do (a ``HIDDEN`` cell raises no flag)."""
    found = []
    for group in target_groups:
        if group not in TARGET_GROUP_ANSWERS:
            continue
        question, value = TARGET_GROUP_ANSWERS[group]
        shown = next(c.shown for c in tables[question].cells if c.key == value)
        if shown == 0:
            found.append(Flag(group, "none"))
        elif shown == small_mark(threshold):
            found.append(Flag(group, "few"))
    return tuple(found)


def _breakdown(name: str, cells: Sequence[Cell], counts: Sequence[int], threshold: int) -> Breakdown:
    shown = suppress({str(i): n for i, n in enumerate(counts)}, threshold=threshold)
    return Breakdown(
        name=name,
        cells=tuple(replace(cell, shown=shown[str(i)]) for i, cell in enumerate(cells)),
        total=shown_total(sum(counts), threshold=threshold),
    )


def _organisation_breakdown(
    facts: Sequence[StoryFacts], organisations: Sequence[tuple[int, str]], threshold: int
) -> Breakdown:
    known = {i for i, _name in organisations}
    counts = Counter(f.organisation_id if f.organisation_id in known else None for f in facts)
    cells = [Cell(key=f"organisation:{i}", shown=0, label=name) for i, name in organisations]
    cells.append(Cell(key=NO_ORGANISATION, shown=0))
    numbers = [counts[i] for i, _name in organisations] + [counts[None]]
    return _breakdown("organisation", cells, numbers, threshold)


def _link_breakdown(
    facts: Sequence[StoryFacts],
    by_organisation: Breakdown,
    links: Sequence[LinkInfo],
    names: Mapping[int, str],
    threshold: int,
) -> Breakdown:
    """Links within their organisation. An organisation's shown count is the total of its links, so its
    links are suppressed against it; under a hidden organisation count they are hidden too (a single link
    repeats the organisation's cell, which tells nothing new). Stories whose link is gone count as a
    ``removed`` link of their organisation."""
    owner_of = {link.id: link.organisation_id for link in links}
    counts: Counter[tuple[int | None, int | None]] = Counter()
    for fact in facts:
        owner = fact.organisation_id if fact.organisation_id in names else None
        link = fact.invite_link_id
        counts[(owner, link if link in owner_of and owner_of[link] == owner else None)] += 1
    cells: list[Cell] = []
    for parent in by_organisation.cells:
        owner = None if parent.key == NO_ORGANISATION else int(parent.key.split(":")[1])
        group = [
            Cell(key=f"link:{link.id}", shown=counts[(owner, link.id)], label=link.label, number=n)
            for n, link in enumerate((link for link in links if link.organisation_id == owner), start=1)
        ]
        if counts[(owner, None)]:
            group.append(Cell(key=f"removed:{owner or ''}", shown=counts[(owner, None)]))
        if not group:
            continue
        if isinstance(parent.shown, int):
            shown = suppress({c.key: int(c.shown) for c in group}, threshold=threshold)
        elif len(group) == 1:
            shown = {group[0].key: parent.shown}
        else:
            shown = dict.fromkeys((c.key for c in group), HIDDEN)
        cells += [replace(c, shown=shown[c.key], group=parent.label) for c in group]
    return Breakdown(name="link", cells=tuple(cells), total=by_organisation.total)


def _answer_breakdown(
    name: str, answers: Sequence[str | None], options: Sequence[str], threshold: int
) -> Breakdown:
    counts = Counter(answer if answer in options else MISSING for answer in answers)
    keys = [*options, MISSING]
    return _breakdown(
        name, [Cell(key=key, shown=0) for key in keys], [counts[key] for key in keys], threshold
    )


def week_starts(today: date, weeks: int = WEEKS) -> list[date]:
    """The Mondays of the last ``weeks`` ISO weeks, oldest first; the last is this week's."""
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def _week_breakdown(facts: Sequence[StoryFacts], today: date, threshold: int) -> Breakdown:
    """Stories per ISO week for the last WEEKS weeks, plus one cell for all earlier stories: without it,
    the total minus the weeks would give the earlier stories' count, however small."""
    starts = week_starts(today)
    counts = Counter(
        -1 if f.day < starts[0] else min((f.day - starts[0]).days // 7, len(starts) - 1) for f in facts
    )
    cells = [Cell(key="earlier", shown=0)]
    cells += [
        Cell(key="{}-W{:02d}".format(*start.isocalendar()[:2]), shown=0, start=start) for start in starts
    ]
    return _breakdown("week", cells, [counts[i] for i in range(-1, len(starts))], threshold)


# --- Queries --------------------------------------------------------------------------------------


def story_facts(session: Session, coalition: Coalition) -> list[StoryFacts]:
    """The coalition's stories as ``StoryFacts`` (two queries, whatever the number of stories)."""
    stories = session.exec(
        select(col(Story.id), col(Story.organisation_id), col(Story.invite_link_id), col(Story.day)).where(
            Story.coalition_id == coalition.id
        )
    ).all()
    answers: dict[tuple[str, str], Any] = {
        (story_id, question_id): value
        for story_id, question_id, value in session.exec(
            select(Answer.story_id, Answer.question_id, Answer.value)
            .join(Story, col(Story.id) == col(Answer.story_id))
            .where(
                Story.coalition_id == coalition.id,
                col(Answer.question_id).in_(("perspective", "age_category")),
            )
        )
    }
    return [
        StoryFacts(
            organisation_id=organisation_id,
            invite_link_id=link_id,
            day=day,
            perspective=_text(answers.get((story_id, "perspective"))),
            age_category=_text(answers.get((story_id, "age_category"))),
        )
        for story_id, organisation_id, link_id, day in stories
    ]


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def response_report(session: Session, coalition: Coalition, *, today: date) -> Report:
    """The response report of ``coalition`` as of ``today``."""
    # Stored rows always have an id; the ``is not None`` only narrows the models' ``int | None``.
    organisations = sorted(
        (
            (i, name)
            for i, name in session.exec(
                select(col(Organisation.id), col(Organisation.name)).where(
                    Organisation.coalition_id == coalition.id
                )
            )
            if i is not None
        ),
        key=lambda row: (row[1].casefold(), row[0]),
    )
    links = session.exec(
        select(col(InviteLink.id), col(InviteLink.organisation_id), col(InviteLink.label))
        .where(InviteLink.coalition_id == coalition.id)
        .order_by(col(InviteLink.created_at), col(InviteLink.id))
    ).all()
    return build_report(
        story_facts(session, coalition),
        organisations=organisations,
        links=[LinkInfo(id=i, organisation_id=o, label=label) for i, o, label in links if i is not None],
        target_groups=coalition.target_groups or [],
        today=today,
    )
