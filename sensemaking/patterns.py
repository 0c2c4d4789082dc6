"""Patterns in a group of stories: how every question was answered, split by another question, or in
two groups side by side. Pure: no Flask, no database (``filters.stories`` loads the ``StoryRecord``s).

Every count leaves this module as it may be *shown* (``coalitions.monitoring``: an ``int`` of 0 or at
least ``THRESHOLD``, ``"<5"`` or ``HIDDEN``); the true small counts never reach a template, a chart or a
file (RELIABILITY row 30).

The small-cell rule
-------------------
* **Too few stories.** A group of fewer than ``THRESHOLD`` stories gets no table and no chart at all,
  only ``TooFew`` (its size shown as ``"<5"``, or 0).
* **One breakdown.** The answers to a question (options, slider steps or triad corners, plus
  ``MISSING``) split the group: ``coalitions.monitoring.suppress`` protects them against the group size.
  A multiple-choice option splits the group in two (chose it / did not), so each option is protected as
  its own two-cell breakdown: its count is hidden when the choosers *or* the others number 1-4.
* **Split by a question (crosstab).** ``protect`` takes the whole table: its margins are the two
  questions' own breakdowns, suppressed exactly as the unsplit pages show them (so comparing the split
  and the unsplit page gives nothing away), a row or column whose margin is hidden is hidden whole, and
  then every row and column whose margin is shown is made safe with ``monitoring.is_protected``, hiding
  more cells (smallest first) until none can be worked out as total minus the shown cells. A line that
  cannot be made safe even then is *withheld*: all its cells show ``HIDDEN`` (``"<5"`` included).
* **Percentages** are shown only for a shown count over a shown total (the column's group, or the
  whole group), so they never tell more than the counts beside them.
* **Charts.** A bar, grouped bar or slider histogram draws only shown counts: a bin or bar whose count
  is ``"<5"`` or ``HIDDEN`` is *omitted* (no bar, no height, not capped at some value), and the table
  beside the chart shows its mark. A triad's points are individual answers, so they are given only when
  the triad's whole table (every corner, ``MISSING`` and every margin) needs no suppression and at least
  ``THRESHOLD`` stories answered: then counting the points per corner (or per part of the split) gives
  nothing the table hides. Otherwise the triad is shown by its corner table only. (The points are the
  answers staff can read story by story in the story browser; what they must not give away is a small
  count the table suppresses.)
* **Comparison.** Each group is protected on its own, like the patterns page with that filter. When one
  group holds the other and they differ by 1-4 stories, subtracting the two would give those stories'
  answers: the comparison is withheld (``Comparison.nested_difference``).

Not covered (as in ``monitoring.suppress``): inference from when the greedy search stopped, inference
that combines several rows and columns at once (a full linear-programming audit), and differences
between two pages with different filters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coalitions.monitoring import HIDDEN, THRESHOLD, Shown, is_protected, shown_total, small_mark, suppress
from sensemaking.filters import StoryRecord, triad_corner
from vertelpunt.questionnaire import Definition, Question

MISSING = "missing"  # no answer, or a value the questionnaire does not know
ALL = "all"  # the one column of an unsplit table
CHART_KINDS = ("prompt", "single", "multi", "dyad", "triad")
SPLIT_KINDS = ("prompt", "single")  # questions that split a group into parts (one answer per story)


# --- Results ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TooFew:
    """No table and no chart: the group has fewer than ``THRESHOLD`` stories (``total`` is ``"<5"`` or 0)."""

    total: Shown


@dataclass(frozen=True)
class Table:
    """A question's counts as shown: one row per answer, one column per part of the split (or ``ALL``).

    ``row_totals`` are the answers' counts in the whole group (the unsplit breakdown), ``column_totals``
    the parts' sizes, ``total`` the group's size. In a multiple-choice table (``overlapping``) a story
    counts in every row it chose, so rows do not add up to the columns.
    """

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[Shown, ...], ...]
    row_totals: tuple[Shown, ...]
    column_totals: tuple[Shown, ...]
    total: Shown
    overlapping: bool = False
    # Cells shown as HIDDEN because their whole row or column was withheld (they may hold 1-4).
    withheld: frozenset[tuple[int, int]] = frozenset()

    @property
    def split(self) -> bool:
        """True when the table has a column per part of a split."""
        return self.columns != (ALL,)

    def percent(self, row: int, column: int) -> int | None:
        """The cell as a whole percentage of its column's group, when both are shown."""
        return _percent(self.cells[row][column], self.column_totals[column])

    def row_percent(self, row: int) -> int | None:
        """The row's count as a whole percentage of the group, when both are shown."""
        return _percent(self.row_totals[row], self.total)

    def column_percent(self, column: int) -> int | None:
        """The column's size as a whole percentage of the group, when both are shown."""
        return _percent(self.column_totals[column], self.total)

    def bar_values(self, column: int) -> list[int | None]:
        """A chart's bar heights for one column: shown counts, ``None`` (no bar) for ``"<5"`` and ``HIDDEN``."""
        return [_bar(row[column]) for row in self.cells]

    def bar_percents(self, column: int) -> list[int | None]:
        """Bar heights as percentages of the column's group; ``None`` where the count is not shown."""
        return [self.percent(i, column) for i in range(len(self.rows))]

    def fully_shown(self) -> bool:
        """True when no count of the table (cells and margins) is suppressed."""
        values = [*self.row_totals, *self.column_totals, self.total, *(v for row in self.cells for v in row)]
        return all(isinstance(v, int) for v in values)


@dataclass(frozen=True)
class TriadPoint:
    """One story's triad answer (weights of the three corners, adding up to 1) and its part of the split."""

    weights: tuple[float, float, float]
    column: str = ALL


@dataclass(frozen=True)
class Distribution:
    """How one question was answered in the group: its table and, for a safe triad, its points."""

    question: Question
    table: Table
    points: tuple[TriadPoint, ...] = ()


@dataclass(frozen=True)
class Patterns:
    """Every question's distribution in one group, optionally split by ``split``."""

    total: Shown
    split: Question | None
    distributions: tuple[Distribution, ...]

    def get(self, question_id: str) -> Distribution | None:
        """The distribution of ``question_id``, if the questionnaire has it."""
        return next((d for d in self.distributions if d.question.id == question_id), None)


@dataclass(frozen=True)
class Comparison:
    """Two groups side by side. Either side may be ``TooFew``; ``nested_difference`` withholds both."""

    a: Patterns | TooFew
    b: Patterns | TooFew
    nested_difference: bool = False

    @property
    def shown(self) -> bool:
        """True when both groups can be shown."""
        return not self.nested_difference and isinstance(self.a, Patterns) and isinstance(self.b, Patterns)

    def pairs(self) -> list[tuple[Distribution, Distribution]]:
        """The two groups' distributions, question by question (empty unless ``shown``)."""
        if not (self.shown and isinstance(self.a, Patterns) and isinstance(self.b, Patterns)):
            return []
        return list(zip(self.a.distributions, self.b.distributions, strict=True))


# --- The crosstab rule --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Protected:
    """A table of true counts as it may be shown (see ``protect``)."""

    cells: tuple[tuple[Shown, ...], ...]
    row_totals: tuple[Shown, ...]
    column_totals: tuple[Shown, ...]
    total: Shown
    withheld_rows: frozenset[int] = frozenset()
    withheld_columns: frozenset[int] = frozenset()


def protect(matrix: Sequence[Sequence[int]], *, threshold: int = THRESHOLD) -> Protected:
    """A table of counts (rows x columns, with its margins) as it may be shown.

    1. The margins are the row and column breakdowns, each suppressed with ``monitoring.suppress``
       against the grand total, exactly as a page without the split shows them.
    2. A row or column whose margin is not shown as a number is hidden whole: each of its cells shows
       ``"<5"`` (1-4) or ``HIDDEN``. A shown cell there would help work out the hidden margin.
    3. Every other cell of 1-4 is shown as ``"<5"``.
    4. Every row and column whose margin is shown (a number or ``"<5"``) must be protected as
       ``monitoring.is_protected`` defines it, given all hidden cells of that line. Until it is, one more
       of its cells is hidden, the smallest non-zero first, then zeros; rows and columns are checked
       again until nothing changes. A line that cannot be protected is withheld: all its cells
       ``HIDDEN``.
    """
    rows = [[int(v) for v in row] for row in matrix]
    if not rows or not rows[0]:
        raise ValueError("a table needs at least one row and one column")
    if any(len(row) != len(rows[0]) or any(v < 0 for v in row) for row in rows):
        raise ValueError("a table needs rows of equal length and no negative counts")
    height, width = len(rows), len(rows[0])
    row_sums = [sum(row) for row in rows]
    column_sums = [sum(row[j] for row in rows) for j in range(width)]
    row_shown = _suppressed(row_sums, threshold)
    column_shown = _suppressed(column_sums, threshold)
    hidden = {
        (i, j)
        for i in range(height)
        for j in range(width)
        if not isinstance(row_shown[i], int)
        or not isinstance(column_shown[j], int)
        or 0 < rows[i][j] < threshold
    }
    withheld_rows: set[int] = set()
    withheld_columns: set[int] = set()
    # Lines a reader can add up: those with a total shown as a number or as "<5".
    lines = [("row", i) for i in range(height) if row_shown[i] != HIDDEN]
    lines += [("column", j) for j in range(width) if column_shown[j] != HIDDEN]
    changed = True
    while changed:
        changed = False
        for kind, index in lines:
            if (kind == "row" and index in withheld_rows) or (kind == "column" and index in withheld_columns):
                continue
            cells = (
                [(index, j) for j in range(width)] if kind == "row" else [(i, index) for i in range(height)]
            )
            values = [rows[i][j] for i, j in cells]
            secret = {k for k, cell in enumerate(cells) if cell in hidden}
            if is_protected(values, secret, threshold=threshold):
                continue
            candidates = sorted(
                (k for k in range(len(cells)) if k not in secret),
                key=lambda k: (values[k] == 0, values[k], k),
            )
            for k in candidates:
                secret.add(k)
                hidden.add(cells[k])
                if is_protected(values, secret, threshold=threshold):
                    break
            else:
                (withheld_rows if kind == "row" else withheld_columns).add(index)
            changed = True
    mark = small_mark(threshold)

    def shown(i: int, j: int) -> Shown:
        if i in withheld_rows or j in withheld_columns:
            return HIDDEN
        if (i, j) not in hidden:
            return rows[i][j]
        return mark if 0 < rows[i][j] < threshold else HIDDEN

    return Protected(
        cells=tuple(tuple(shown(i, j) for j in range(width)) for i in range(height)),
        row_totals=tuple(row_shown),
        column_totals=tuple(column_shown),
        total=shown_total(sum(row_sums), threshold=threshold),
        withheld_rows=frozenset(withheld_rows),
        withheld_columns=frozenset(withheld_columns),
    )


def _suppressed(counts: Sequence[int], threshold: int) -> list[Shown]:
    shown = suppress({str(i): n for i, n in enumerate(counts)}, threshold=threshold)
    return [shown[str(i)] for i in range(len(counts))]


def _percent(count: Shown, total: Shown) -> int | None:
    if isinstance(count, int) and isinstance(total, int) and total > 0:
        return round(100 * count / total)
    return None


def _bar(value: Shown) -> int | None:
    return value if isinstance(value, int) else None


# --- Answers ------------------------------------------------------------------------------------------


def question_rows(question: Question) -> tuple[str, ...]:
    """A question's table rows: its options (a slider's steps "1".."n", a triad's corners), then ``MISSING``."""
    if question.kind == "dyad":
        return (*(str(step) for step in range(1, question.steps + 1)), MISSING)
    return (*question.values(), MISSING)


def answer_keys(value: Any, question: Question) -> set[str]:
    """The rows one answer counts in (``MISSING`` for no answer or an unknown value)."""
    if question.kind == "dyad":
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            return {MISSING}
        return {str(round(value * (question.steps - 1)) + 1)}
    if question.kind == "triad":
        weights = triad_weights(value, question)
        corner = triad_corner(list(weights), question) if weights else None
        return {corner} if corner else {MISSING}
    known = set(question.values())
    if question.kind == "multi":
        chosen = {str(v) for v in value} & known if isinstance(value, list) else set()
        return chosen or {MISSING}
    return {value} if isinstance(value, str) and value in known else {MISSING}


def triad_weights(value: Any, question: Question) -> tuple[float, float, float] | None:
    """A triad answer as three weights in corner order; stored as ``{corner: weight}`` (or a list)."""
    corners = question.values()
    if len(corners) != 3:
        return None
    if isinstance(value, Mapping):
        raw = [value.get(corner) for corner in corners]
    elif isinstance(value, list | tuple) and len(value) == 3:
        raw = list(value)
    else:
        return None
    weights: list[float] = []
    for w in raw:
        if isinstance(w, bool) or not isinstance(w, int | float) or w < 0:
            return None
        weights.append(float(w))
    total = sum(weights)
    if total <= 0:
        return None
    a, b, c = (w / total for w in weights)
    return (a, b, c)


def split_questions(definition: Definition) -> list[Question]:
    """The questions a page may split by (the allow-list of ``?split=``): one answer per story."""
    return [q for q in definition.questions if q.kind in SPLIT_KINDS]


def chart_questions(definition: Definition) -> list[Question]:
    """The questions with a distribution: choices, sliders and triads (not the story or free text)."""
    return [q for q in definition.questions if q.kind in CHART_KINDS]


# --- Distributions ------------------------------------------------------------------------------------


def analyse(
    records: Sequence[StoryRecord],
    definition: Definition,
    *,
    split: str | None = None,
    threshold: int = THRESHOLD,
) -> Patterns | TooFew:
    """Every question's distribution in this group of stories, split by ``split`` (a question id from
    ``split_questions``) or not; ``TooFew`` for a group under ``threshold`` stories."""
    split_question = _split_question(definition, split)
    if len(records) < threshold:
        return TooFew(shown_total(len(records), threshold=threshold))
    return Patterns(
        total=len(records),
        split=split_question,
        distributions=tuple(
            distribution(records, question, split=split_question, threshold=threshold)
            for question in chart_questions(definition)
            if split_question is None or question.id != split_question.id
        ),
    )


def _split_question(definition: Definition, split: str | None) -> Question | None:
    if not split:
        return None
    question = definition.get(split)
    if question is None or question.kind not in SPLIT_KINDS:
        raise ValueError(f"cannot split by {split!r}")
    return question


def distribution(
    records: Sequence[StoryRecord],
    question: Question,
    *,
    split: Question | None = None,
    threshold: int = THRESHOLD,
) -> Distribution:
    """One question's table (and triad points) for a group of at least ``threshold`` stories."""
    if len(records) < threshold:
        raise ValueError("a group under the threshold gets no distribution (use analyse)")
    rows = question_rows(question)
    columns = question_rows(split) if split is not None else (ALL,)
    keys = [answer_keys(r.answers.get(question.id), question) for r in records]
    parts = [next(iter(answer_keys(r.answers.get(split.id), split))) if split else ALL for r in records]
    if question.kind == "multi":
        table = _indicator_table(keys, parts, rows, columns, threshold)
    else:
        counts = Counter((next(iter(k)), part) for k, part in zip(keys, parts, strict=True))
        result = protect([[counts[(row, col)] for col in columns] for row in rows], threshold=threshold)
        table = _table(rows, columns, result)
    points: tuple[TriadPoint, ...] = ()
    if question.kind == "triad" and table.fully_shown():
        answered = [
            (w, part)
            for r, part in zip(records, parts, strict=True)
            if (w := triad_weights(r.answers.get(question.id), question)) is not None
        ]
        if len(answered) >= threshold:
            points = tuple(
                TriadPoint(weights=(round(a, 3), round(b, 3), round(c, 3)), column=part)
                for (a, b, c), part in answered
            )
    return Distribution(question=question, table=table, points=points)


def _table(
    rows: Sequence[str], columns: Sequence[str], result: Protected, overlapping: bool = False
) -> Table:
    return Table(
        rows=tuple(rows),
        columns=tuple(columns),
        cells=result.cells,
        row_totals=result.row_totals,
        column_totals=result.column_totals,
        total=result.total,
        overlapping=overlapping,
        withheld=frozenset(
            (i, j)
            for i in range(len(rows))
            for j in range(len(columns))
            if i in result.withheld_rows or j in result.withheld_columns
        ),
    )


def _indicator_table(
    keys: Sequence[set[str]],
    parts: Sequence[str],
    rows: Sequence[str],
    columns: Sequence[str],
    threshold: int,
) -> Table:
    """A multiple-choice question: every option (and ``MISSING``) splits each column in two, chose it or
    not, and is protected as that two-row table; only the "chose it" row is shown."""
    size = Counter(parts)
    cells: list[tuple[Shown, ...]] = []
    row_totals: list[Shown] = []
    column_totals: tuple[Shown, ...] = ()
    withheld: set[tuple[int, int]] = set()
    for index, row in enumerate(rows):
        chose = Counter(part for key, part in zip(keys, parts, strict=True) if row in key)
        result = protect(
            [[chose[c] for c in columns], [size[c] - chose[c] for c in columns]], threshold=threshold
        )
        cells.append(result.cells[0])
        row_totals.append(result.row_totals[0])
        column_totals = result.column_totals
        withheld |= {
            (index, j)
            for j in range(len(columns))
            if 0 in result.withheld_rows or j in result.withheld_columns
        }
    return Table(
        rows=tuple(rows),
        columns=tuple(columns),
        cells=tuple(cells),
        row_totals=tuple(row_totals),
        column_totals=column_totals,
        total=shown_total(len(parts), threshold=threshold),
        overlapping=True,
        withheld=frozenset(withheld),
    )


# --- Two groups ---------------------------------------------------------------------------------------


def compare(
    group_a: Sequence[StoryRecord],
    group_b: Sequence[StoryRecord],
    definition: Definition,
    *,
    threshold: int = THRESHOLD,
) -> Comparison:
    """Two groups side by side, each protected on its own; withheld when one holds the other but for 1-4."""
    ids_a, ids_b = {r.id for r in group_a}, {r.id for r in group_b}
    only_a, only_b = len(ids_a - ids_b), len(ids_b - ids_a)
    nested = (only_a == 0 and 0 < only_b < threshold) or (only_b == 0 and 0 < only_a < threshold)
    return Comparison(
        a=analyse(group_a, definition, threshold=threshold),
        b=analyse(group_b, definition, threshold=threshold),
        nested_difference=nested,
    )
