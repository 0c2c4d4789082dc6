"""Patterns: distributions per question, split by another question, two groups compared, and the small-cell
rule in every table and chart (RELIABILITY row 30), on known data, on random data and on the pages."""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from coalitions.models import Coalition
from coalitions.views.monitoring import wrap
from sensemaking import filters, patterns
from sensemaking.filters import StoryRecord
from sensemaking.patterns import ALL, HIDDEN, MISSING, Patterns, Table, TooFew, protect
from tests.coalitions.conftest import login
from tests.factories import make_coalition, make_organisation
from tests.sensemaking._stories import make_story
from vertelpunt import questionnaire

ROOT = Path(__file__).parents[2]
SMALL = "<5"
DEFINITION = questionnaire.parse(questionnaire.read_file())
Q = {q.id: q for q in DEFINITION.questions}
HELPED = Q["prompt"].label_of("helped", "nl")
SAFE = Q["prompt"].label_of("safe", "nl")
PARENT = Q["perspective"].label_of("parent", "nl")
PROS = Q["perspective"].label_of("professional", "nl")
_ids = iter(range(1, 10**9))


def record(**answers: Any) -> StoryRecord:
    """A story with these answers (as stored: sliders 0..1, triads as corner weights)."""
    n = next(_ids)
    return StoryRecord(
        id=f"s{n}",
        coalition_id=1,
        organisation_id=None,
        day=date(2026, 1, 1),
        language="nl",
        title=f"Verhaal {n}",
        text="Tekst",
        answers=answers,
    )


def many(n: int, **answers: Any) -> list[StoryRecord]:
    return [record(**answers) for _ in range(n)]


def column(table: Table, j: int = 0) -> dict[str, Any]:
    return {key: row[j] for key, row in zip(table.rows, table.cells, strict=True)}


def dist(result: Patterns | TooFew, question_id: str) -> patterns.Distribution:
    assert isinstance(result, Patterns)
    found = result.get(question_id)
    assert found is not None
    return found


# --- Distributions on known data ----------------------------------------------------------------------


def test_choice_question_counts_per_option_with_percentages() -> None:
    stories = many(7, prompt="helped") + many(5, prompt="safe") + many(8, prompt="school")
    table = dist(patterns.analyse(stories, DEFINITION), "prompt").table
    assert column(table) == {
        "helped": 7,
        "not_helped": 0,
        "safe": 5,
        "ordinary_life": 0,
        "school": 8,
        "other": 0,
        MISSING: 0,
    }
    assert table.total == 20 and not table.split
    assert table.percent(table.rows.index("helped"), 0) == 35
    assert table.bar_values(0)[table.rows.index("school")] == 8


def test_a_small_option_is_hidden_with_company() -> None:
    # Without the second hidden cell, 19 - 10 - 6 would give "safe"'s 3.
    stories = many(10, prompt="helped") + many(3, prompt="safe") + many(6, prompt="school")
    table = dist(patterns.analyse(stories, DEFINITION), "prompt").table
    cells = column(table)
    assert cells["safe"] == SMALL and cells["school"] == HIDDEN and cells["helped"] == 10
    assert table.percent(table.rows.index("safe"), 0) is None
    assert table.percent(table.rows.index("school"), 0) is None
    values = table.bar_values(0)
    assert values[table.rows.index("safe")] is None and values[table.rows.index("school")] is None


def test_unknown_values_and_no_answer_count_as_missing() -> None:
    stories = many(6, feeling="good") + many(3, feeling="unheard-of") + many(3)
    table = dist(patterns.analyse(stories, DEFINITION), "feeling").table
    assert column(table)["good"] == 6 and column(table)[MISSING] == 6


def test_multiple_choice_counts_each_chosen_option() -> None:
    stories = (
        many(6, helpers=["family", "care"])
        + many(5, helpers=["family"])
        + many(5, helpers=["care", "school"])
    )
    stories += many(5)
    table = dist(patterns.analyse(stories, DEFINITION), "helpers").table
    cells = column(table)
    assert table.overlapping and table.total == 21
    assert cells["family"] == 11 and cells["care"] == 11 and cells["school"] == 5 and cells[MISSING] == 5
    assert cells["friends"] == 0
    assert table.percent(table.rows.index("family"), 0) == round(100 * 11 / 21)


def test_a_multiple_choice_option_hides_when_the_others_are_few() -> None:
    # 8 of 10 chose family: "did not choose family" would be 2 people, so the count is hidden.
    stories = many(8, helpers=["family"]) + many(2, helpers=["care"])
    cells = column(dist(patterns.analyse(stories, DEFINITION), "helpers").table)
    assert cells["family"] == HIDDEN and cells["care"] == SMALL


def test_slider_histogram_has_a_bin_per_step_from_pole_to_pole() -> None:
    steps = [questionnaire.dyad_position(s, 7) for s in range(7)]
    stories = [record(who_decided=steps[s]) for s in (0, 0, 0, 0, 0, 3, 3, 3, 3, 3, 3, 6, 6, 6, 6, 6)]
    table = dist(patterns.analyse(stories, DEFINITION), "who_decided").table
    assert table.rows == ("1", "2", "3", "4", "5", "6", "7", MISSING)
    assert column(table) == {"1": 5, "2": 0, "3": 0, "4": 6, "5": 0, "6": 0, "7": 5, MISSING: 0}


def test_slider_bins_of_one_to_four_are_not_drawn() -> None:
    steps = [questionnaire.dyad_position(s, 7) for s in range(7)]
    stories = [record(who_decided=steps[s]) for s in [0] * 9 + [1] * 2 + [6] * 9]
    table = dist(patterns.analyse(stories, DEFINITION), "who_decided").table
    values = table.bar_values(0)
    assert values[1] is None and column(table)["2"] == SMALL
    assert all(v is None or v == 0 or v >= 5 for v in values)


def triad(listened: float, quick: float, together: float) -> dict[str, float]:
    return {"listened": listened, "quick": quick, "together": together}


def test_triad_points_are_given_when_no_count_is_hidden() -> None:
    stories = many(5, what_mattered=triad(0.6, 0.2, 0.2)) + many(5, what_mattered=triad(0.1, 0.7, 0.2))
    result = dist(patterns.analyse(stories, DEFINITION), "what_mattered")
    assert column(result.table) == {"listened": 5, "quick": 5, "together": 0, MISSING: 0}
    assert len(result.points) == 10
    assert result.points[0].weights == (0.6, 0.2, 0.2) and result.points[0].column == ALL


def test_triad_points_are_withheld_when_a_corner_is_small() -> None:
    stories = many(6, what_mattered=triad(0.6, 0.2, 0.2)) + many(5, what_mattered=triad(0.1, 0.7, 0.2))
    stories += many(2, what_mattered=triad(0.1, 0.1, 0.8))
    result = dist(patterns.analyse(stories, DEFINITION), "what_mattered")
    assert column(result.table)["together"] == SMALL
    assert result.points == ()  # counting the points near "together" would give the hidden 2


def test_triad_points_need_five_answers() -> None:
    stories = many(5) + many(0, what_mattered=triad(1, 0, 0))
    result = dist(patterns.analyse(stories, DEFINITION), "what_mattered")
    assert result.points == () and column(result.table)[MISSING] == 5


def test_triad_answers_as_lists_count_too() -> None:
    stories = many(5, what_mattered=[0.2, 0.2, 0.6]) + many(5, what_mattered=triad(0.5, 0.5, 0))
    cells = column(dist(patterns.analyse(stories, DEFINITION), "what_mattered").table)
    assert cells["together"] == 5 and cells["listened"] == 5  # a tie goes to the first corner


def test_no_table_and_no_chart_for_a_group_under_five() -> None:
    assert patterns.analyse(many(4, prompt="helped"), DEFINITION) == TooFew(SMALL)
    assert patterns.analyse([], DEFINITION) == TooFew(0)
    assert patterns.analyse(many(4), DEFINITION, split="perspective") == TooFew(SMALL)
    assert isinstance(patterns.analyse(many(5), DEFINITION), Patterns)


def test_every_chart_question_has_a_distribution_and_free_text_has_none() -> None:
    result = patterns.analyse(many(5), DEFINITION)
    assert isinstance(result, Patterns)
    ids = [d.question.id for d in result.distributions]
    assert "prompt" in ids and "what_mattered" in ids and "who_decided" in ids and "helpers" in ids
    assert "story" not in ids and "organisation" not in ids


# --- Split by a question ------------------------------------------------------------------------------


def test_split_gives_a_crosstab_with_the_unsplit_margins() -> None:
    stories = (
        many(6, prompt="helped", perspective="youth")
        + many(5, prompt="helped", perspective="parent")
        + many(7, prompt="safe", perspective="parent")
        + many(5, prompt="safe", perspective="professional")
    )
    result = patterns.analyse(stories, DEFINITION, split="perspective")
    assert isinstance(result, Patterns) and result.split is Q["perspective"]
    assert result.get("perspective") is None  # not split by itself
    table = dist(result, "prompt").table
    assert table.split and table.columns == ("youth", "parent", "professional", "other", MISSING)
    assert table.cells[table.rows.index("helped")] == (6, 5, 0, 0, 0)
    assert table.cells[table.rows.index("safe")] == (0, 7, 5, 0, 0)
    assert table.column_totals == (6, 12, 5, 0, 0) and table.total == 23
    unsplit = dist(patterns.analyse(stories, DEFINITION), "prompt").table
    assert table.row_totals == tuple(row[0] for row in unsplit.cells)
    # Percentages within each part of the split.
    assert table.percent(table.rows.index("safe"), 1) == round(100 * 7 / 12)
    assert table.bar_percents(2)[table.rows.index("safe")] == 100


def test_a_small_part_of_the_split_is_hidden_whole() -> None:
    stories = many(10, prompt="helped", perspective="youth") + many(10, prompt="safe", perspective="parent")
    stories += many(3, prompt="helped", perspective="other")
    table = dist(patterns.analyse(stories, DEFINITION, split="perspective"), "prompt").table
    other = table.columns.index("other")
    assert table.column_totals[other] == SMALL
    assert {row[other] for row in table.cells} <= {SMALL, HIDDEN}
    # The row total would otherwise give "other"'s 3 as 13 - 10: hidden in the margin too.
    helped = table.rows.index("helped")
    assert table.row_totals[helped] == 13
    assert table.cells[helped][table.columns.index("youth")] != 10


def test_split_only_by_allowed_questions() -> None:
    with pytest.raises(ValueError):
        patterns.analyse(many(5), DEFINITION, split="who_decided")
    with pytest.raises(ValueError):
        patterns.analyse(many(5), DEFINITION, split="nope")
    assert {q.id for q in patterns.split_questions(DEFINITION)} >= {"prompt", "perspective", "age_category"}


def test_triad_points_carry_their_part_of_the_split() -> None:
    stories = many(5, what_mattered=triad(0.8, 0.1, 0.1), perspective="youth")
    stories += many(5, what_mattered=triad(0.1, 0.8, 0.1), perspective="parent")
    result = dist(patterns.analyse(stories, DEFINITION, split="perspective"), "what_mattered")
    assert Counter(p.column for p in result.points) == {"youth": 5, "parent": 5}


# --- protect: examples --------------------------------------------------------------------------------


def test_protect_one_column_is_the_monitoring_rule() -> None:
    result = protect([[3], [6], [12]])
    assert [row[0] for row in result.cells] == [SMALL, HIDDEN, 12]
    assert result.row_totals == (SMALL, HIDDEN, 12) and result.total == 21


def test_protect_withholds_a_line_that_cannot_be_protected() -> None:
    # Four stories of one kind spread over four parts: "<5" each, and 4 in all, so each would be 1.
    result = protect([[1, 1, 1, 1], [10, 10, 10, 10]])
    assert result.row_totals == (SMALL, HIDDEN)
    assert result.cells[0] == (HIDDEN,) * 4 and 0 in result.withheld_rows


def test_protect_refuses_bad_tables() -> None:
    with pytest.raises(ValueError):
        protect([])
    with pytest.raises(ValueError):
        protect([[1, -1]])


# --- Comparing two groups -----------------------------------------------------------------------------


def test_two_groups_side_by_side() -> None:
    parents = many(6, perspective="parent", prompt="helped") + many(6, perspective="parent", prompt="safe")
    pros = many(10, perspective="professional", prompt="helped")
    comparison = patterns.compare(parents, pros, DEFINITION)
    assert comparison.shown and not comparison.nested_difference
    pairs = {a.question.id: (a, b) for a, b in comparison.pairs()}
    a, b = pairs["prompt"]
    assert column(a.table)["helped"] == 6 and column(b.table)["helped"] == 10
    assert a.table.percent(a.table.rows.index("helped"), 0) == 50
    assert b.table.percent(b.table.rows.index("helped"), 0) == 100


def test_comparison_of_a_small_group_shows_nothing() -> None:
    comparison = patterns.compare(many(3), many(8), DEFINITION)
    assert not comparison.shown and comparison.pairs() == []
    assert comparison.a == TooFew(SMALL)


def test_groups_that_differ_by_a_few_stories_are_not_compared() -> None:
    everyone = many(10, prompt="helped") + many(3, prompt="safe")
    comparison = patterns.compare(everyone, everyone[:10], DEFINITION)
    assert comparison.nested_difference and not comparison.shown and comparison.pairs() == []
    assert patterns.compare(everyone, everyone, DEFINITION).shown  # the same group twice is fine
    assert patterns.compare(everyone, everyone[:5], DEFINITION).shown  # 8 apart


# --- The small-cell rule, on random data (RELIABILITY row 30) -----------------------------------------


def domain(mark: Any, top: int, loose: bool) -> set[int]:
    """What a reader knows of a cell: "<5" is 1-4, × is 0 or at least 5; withheld or not shown: anything."""
    if loose or mark is None:
        return set(range(top + 1))
    if mark == SMALL:
        return set(range(1, 5))
    if mark == HIDDEN:
        return {0, *range(5, top + 1)}
    return {mark}


def check_line(true: Sequence[int], marks: Sequence[Any], total: Any, loose: set[int] | None = None) -> None:
    """One row or column beside its shown total, read by someone trying to recover the small counts.

    Every shown count is the true count and 0 or at least 5; "<5" is used for 1-4 only; the hidden cells'
    sum (total - shown) is never 1-4; and every hidden count of 1-4 has at least two values a reader must
    still consider (plain set arithmetic, no knowledge of the order in which cells were hidden).
    """
    loose = set(loose or ())
    if total == HIDDEN:
        return  # nobody can add up a line whose total is hidden
    if marks and all(m == HIDDEN for m in marks if m is not None):
        loose = set(range(len(marks)))  # a withheld breakdown: every cell unknown
    totals = set(range(1, 5)) if total == SMALL else {total}
    assert sum(true) in totals, (true, marks, total)
    shown = [k for k, m in enumerate(marks) if isinstance(m, int) and k not in loose]
    hidden = [k for k in range(len(marks)) if k not in shown]
    for k in shown:
        assert marks[k] == true[k], f"a shown count must be true: {true} {marks}"
        assert not 0 < true[k] < 5, f"a small count is shown: {true} {marks}"
    for k in hidden:
        if k not in loose and marks[k] is not None:
            assert marks[k] in (SMALL, HIDDEN), marks
            assert (marks[k] == SMALL) == (0 < true[k] < 5), (true, marks)
    shown_sum = sum(true[k] for k in shown)
    sums = {t - shown_sum for t in totals if t >= shown_sum}
    if isinstance(total, int) and hidden:
        rest = total - shown_sum
        assert rest == 0 or rest >= 5, f"total - shown = {rest}: {true} {marks} {total}"
    top = max(sums)
    domains = {k: domain(marks[k], top, k in loose) for k in hidden}
    for p in hidden:
        if not 0 < true[p] < 5:
            continue
        reach = {0}
        for q in hidden:
            if q != p:
                reach = {r + v for r in reach for v in domains[q] if r + v <= top}
        feasible = {v for v in domains[p] if any(s - v in reach for s in sums)}
        assert true[p] in feasible, (true, marks, total, p)
        assert len(feasible) >= 2, f"cell {p} can be worked out as {feasible}: {true} {marks} {total}"


def check_matrix(matrix: list[list[int]], marks: Sequence[Sequence[Any]], table: Table) -> None:
    """Every row and column of a crosstab (and its margins) against its shown total."""
    height, width = len(matrix), len(matrix[0])
    rows = [sum(r) for r in matrix]
    columns = [sum(matrix[i][j] for i in range(height)) for j in range(width)]
    total = sum(rows)
    assert table.total == (SMALL if 0 < total < 5 else total)
    check_line(rows, list(table.row_totals), table.total)
    check_line(columns, list(table.column_totals), table.total)
    for i in range(height):
        loose = {j for j in range(width) if (i, j) in table.withheld}
        check_line(matrix[i], marks[i], table.row_totals[i], loose)
    for j in range(width):
        loose = {i for i in range(height) if (i, j) in table.withheld}
        check_line(
            [matrix[i][j] for i in range(height)], [m[j] for m in marks], table.column_totals[j], loose
        )


def true_key(value: Any, question_id: str) -> str:
    """The row a stored answer counts in, worked out here independently of ``sensemaking.patterns``."""
    question = Q[question_id]
    if question.kind == "dyad":
        return str(round(value * 6) + 1) if isinstance(value, float) else MISSING
    if question.kind == "triad":
        if not isinstance(value, dict):
            return MISSING
        weights = [value[c] for c in question.values()]
        return question.values()[weights.index(max(weights))]
    return value if value in question.values() else MISSING


def check_table(dist: patterns.Distribution, stories: Sequence[StoryRecord], split: str | None) -> None:
    table = dist.table
    qid = dist.question.id
    parts = [true_key(s.answers.get(split), split) if split else ALL for s in stories]
    assert table.columns == ((*Q[split].values(), MISSING) if split else (ALL,))
    # Percentages only beside shown counts and shown totals.
    for i in range(len(table.rows)):
        for j in range(len(table.columns)):
            percent = table.percent(i, j)
            cell, size = table.cells[i][j], table.column_totals[j]
            assert (percent is None) == (not (isinstance(cell, int) and isinstance(size, int) and size > 0))
        # Charts: bar heights are shown counts (or percentages of them) and nothing else.
    for j in range(len(table.columns)):
        for value, row in zip(table.bar_values(j), table.cells, strict=True):
            assert value == (row[j] if isinstance(row[j], int) else None)
            assert value is None or value == 0 or value >= 5
        for percent, row in zip(table.bar_percents(j), table.cells, strict=True):
            assert percent is None or isinstance(row[j], int)
    if Q[qid].kind == "multi":
        for i, key in enumerate(table.rows):
            chose = Counter(
                part
                for s, part in zip(stories, parts, strict=True)
                if (key in (s.answers.get(qid) or [])) or (key == MISSING and not s.answers.get(qid))
            )
            size = Counter(parts)
            matrix = [[chose[c] for c in table.columns], [size[c] - chose[c] for c in table.columns]]
            marks = [list(table.cells[i]), [None] * len(table.columns)]
            loose = {j for j in range(len(table.columns)) if (i, j) in table.withheld}
            check_line(matrix[0], marks[0], table.row_totals[i], loose)
            check_line([sum(matrix[0]), sum(matrix[1])], [table.row_totals[i], None], table.total)
            for j in range(len(table.columns)):
                pair = [matrix[0][j], matrix[1][j]]
                check_line(pair, [marks[0][j], None], table.column_totals[j], {0} if j in loose else set())
        return
    counts = Counter(
        (true_key(s.answers.get(qid), qid), part) for s, part in zip(stories, parts, strict=True)
    )
    matrix = [[counts[(r, c)] for c in table.columns] for r in table.rows]
    check_matrix(matrix, table.cells, table)
    if dist.points:
        assert table.fully_shown() and len(dist.points) >= 5
        assert Counter(p.column for p in dist.points) == Counter(
            part
            for s, part in zip(stories, parts, strict=True)
            if true_key(s.answers.get(qid), qid) != MISSING
        )


STEP_VALUES = [questionnaire.dyad_position(s, 7) for s in range(7)]
TRIADS = [triad(0.8, 0.1, 0.1), triad(0.1, 0.8, 0.1), triad(0.1, 0.1, 0.8), triad(0.34, 0.33, 0.33)]


def answer(question_id: str) -> st.SearchStrategy[Any]:
    question = Q[question_id]
    if question.kind == "dyad":
        return st.sampled_from(STEP_VALUES)
    if question.kind == "triad":
        return st.sampled_from(TRIADS)
    if question.kind == "multi":
        return st.lists(st.sampled_from(question.values()[:4]), min_size=1, max_size=3, unique=True)
    # A few options only, so that small cells, zeros and large cells all occur.
    return st.sampled_from(question.values()[:3])


ASKED = ("prompt", "perspective", "age_category", "feeling", "helpers", "who_decided", "what_mattered")


@st.composite
def story_sets(draw: st.DrawFn) -> list[StoryRecord]:
    size = draw(st.integers(min_value=0, max_value=45))
    stories = []
    for _ in range(size):
        answers = {}
        for qid in ASKED:
            if draw(st.integers(0, 9)) > 0:  # now and then no answer
                answers[qid] = draw(answer(qid))
        stories.append(record(**answers))
    return stories


FIELDS = {f.question.id: f for f in filters.filter_fields(DEFINITION) if f.question.id in ASKED}


@st.composite
def filter_choices(draw: st.DrawFn) -> dict[str, frozenset[str]]:
    chosen = draw(st.lists(st.sampled_from(sorted(FIELDS)), max_size=2, unique=True))
    return {
        qid: frozenset(
            draw(
                st.lists(
                    st.sampled_from([v for v, _l in FIELDS[qid].values]), min_size=1, max_size=3, unique=True
                )
            )
        )
        for qid in chosen
    }


@settings(max_examples=500, deadline=None)
@given(
    story_sets(),
    filter_choices(),
    st.sampled_from([None, "prompt", "perspective", "age_category", "feeling"]),
)
def test_no_table_or_chart_shows_or_gives_away_a_small_count(
    stories: list[StoryRecord], wanted: dict[str, frozenset[str]], split: str | None
) -> None:
    group = [s for s in stories if filters.matches_answers(s.answers, wanted, Q)]
    result = patterns.analyse(group, DEFINITION, split=split)
    if len(group) < 5:
        assert result == TooFew(SMALL if group else 0)  # no table, no chart
        return
    assert isinstance(result, Patterns) and result.total == len(group)
    for distribution in result.distributions:
        check_table(distribution, group, split)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.integers(0, 12), min_size=1, max_size=6).filter(bool), min_size=1, max_size=6))
def test_protect_any_table(rows: list[list[int]]) -> None:
    width = len(rows[0])
    matrix = [(r * width)[:width] for r in rows]
    result = protect(matrix)
    table = Table(
        rows=tuple(str(i) for i in range(len(matrix))),
        columns=tuple(str(j) for j in range(width)),
        cells=result.cells,
        row_totals=result.row_totals,
        column_totals=result.column_totals,
        total=result.total,
        withheld=frozenset(
            (i, j)
            for i in range(len(matrix))
            for j in range(width)
            if i in result.withheld_rows or j in result.withheld_columns
        ),
    )
    check_matrix(matrix, result.cells, table)


# --- The pages ----------------------------------------------------------------------------------------


@pytest.fixture
def coalition(session: Session) -> Coalition:
    """A coalition with 23 stories: 10 from youths, 10 from parents, 3 from professionals."""
    coalition = make_coalition(session, slug="regio-zuid")
    organisation = make_organisation(session, coalition, name="Wijkteam Zuid")
    for n in range(10):
        make_story(
            session,
            coalition,
            organisation=organisation,
            answers={
                "prompt": "helped",
                "perspective": "youth",
                "who_decided": STEP_VALUES[0 if n < 5 else 6],
                "what_mattered": triad(0.7, 0.2, 0.1),
                "helpers": ["family"],
            },
        )
    for _ in range(10):
        make_story(
            session,
            coalition,
            answers={
                "prompt": "safe",
                "perspective": "parent",
                "who_decided": STEP_VALUES[3],
                "what_mattered": triad(0.1, 0.7, 0.2),
                "helpers": ["care"],
            },
        )
    for _ in range(3):
        make_story(
            session,
            coalition,
            answers={
                "prompt": "helped",
                "perspective": "professional",
                "who_decided": STEP_VALUES[3],
                "what_mattered": triad(0.6, 0.2, 0.2),
            },
        )
    return coalition


def url(coalition: Coalition, path: str = "") -> str:
    return f"/coalitions/{coalition.slug}/patronen{path}"


def chart_data(page: str) -> dict[str, dict[str, Any]]:
    blocks = re.findall(
        r'<script type="application/json" id="figure-([\w-]+)" class="chart-data" data-kind="(\w+)" '
        r'data-target="chart-[\w-]+">(.*?)</script>',
        page,
        re.S,
    )
    return {qid: {"kind": kind, **json.loads(html.unescape(body))} for qid, kind, body in blocks}


def row_cells(page: str, label: str) -> list[str]:
    """The cells of the first table row headed ``label``, as text."""
    match = re.search(r'<th scope="row">' + re.escape(label) + r"</th>(.*?)</tr>", page, re.S)
    assert match, f"no row {label!r}"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)
    return [
        html.unescape(re.sub(r'<span class="visually-hidden">.*?</span>|<[^>]+>', "", c)).strip()
        for c in cells
    ]


def test_patterns_page_shows_a_chart_and_a_table_per_question(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    response = client.get(url(coalition))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    charts = chart_data(page)
    assert {"prompt", "perspective", "who_decided", "what_mattered", "helpers"} <= set(charts)
    assert row_cells(page, HELPED)[:2] == ["13", "57%"]
    assert row_cells(page, PROS)[0] == "<5"
    # The slider as a histogram from pole to pole, the triad as points in a triangle.
    histogram = charts["who_decided"]
    assert histogram["kind"] == "histogram" and len(histogram["data"][0]["x"]) == 7
    assert histogram["data"][0]["y"] == [5, 0, 0, 13, 0, 0, 5]
    ternary = charts["what_mattered"]
    assert ternary["kind"] == "ternary"
    points = [t for t in ternary["data"] if t.get("mode") == "markers"]
    assert sum(len(t["x"]) for t in points) == 23
    assert all(t["type"] == "scatter" for t in ternary["data"])  # cartesian only (static/vendor/README.md)
    assert "Cijfers uit de regio" in page
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in page


def test_chart_data_never_holds_a_small_count(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    page = client.get(url(coalition)).get_data(as_text=True)
    for qid, chart in chart_data(page).items():
        if chart["kind"] == "ternary":
            continue
        for trace in chart["data"]:
            values = trace["x"] if trace.get("orientation") == "h" else trace["y"]
            assert all(v is None or v == 0 or v >= 5 for v in values), (qid, values)
            assert not set(trace.get("text", [])) & {"1", "2", "3", "4"}, qid
    perspective = chart_data(page)["perspective"]
    bar = perspective["data"][0]
    pros = wrap(PROS)  # the label as the chart shows it, on lines narrow enough for a phone
    assert "<br>" in pros
    row = bar["y"].index(pros)
    assert bar["x"][row] is None
    notes = {n["y"]: n["text"] for n in perspective["layout"]["annotations"]}
    assert notes[pros] == "<5"


def test_split_page_shows_grouped_bars_and_a_crosstab(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    response = client.get(url(coalition, "?split=perspective"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    charts = chart_data(page)
    assert "perspective" not in charts
    prompt = charts["prompt"]
    # Perspectives 10, 10 and 3: the 3 is "<5", and the first 10 is hidden with it (monitoring's rule).
    names = [t["name"] for t in prompt["data"]]
    assert names == [f"{PARENT} (10)"]  # a part whose size is hidden gets no bars at all
    assert row_cells(page, SAFE)[:4] == ["×", "10 (100%)", "×", "0"]
    assert row_cells(page, HELPED)[:3] == ["×", "0 (0%)", "<5"]
    assert "selected>" in page


def test_filters_narrow_the_patterns(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, coalition=coalition)
    page = client.get(url(coalition, "?a.perspective=parent")).get_data(as_text=True)
    assert row_cells(page, SAFE)[:2] == ["10", "100%"]


def test_a_group_under_five_gets_no_chart(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    page = client.get(url(coalition, "?a.perspective=professional")).get_data(as_text=True)
    assert "chart-data" not in page and "plotly.min.js" not in page
    assert "Te weinig verhalen om te tonen" in html.unescape(page)


@pytest.mark.parametrize(
    "query",
    [
        "?a.nope=1",
        "?a.perspective=alien",
        "?org=999",
        "?van=gisteren",
        "?split=who_decided",
        "?split=%3Cx%3E",
    ],
)
def test_unknown_filter_or_split_is_a_friendly_400(
    client: FlaskClient, session: Session, coalition: Coalition, query: str
) -> None:
    login(client, session, coalition=coalition)
    response = client.get(url(coalition, query))
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert "Dit filter kennen we niet" in page and "Traceback" not in page


def test_compare_puts_two_groups_side_by_side(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    response = client.get(url(coalition, "/vergelijken?g1-a.perspective=youth&g2-a.perspective=parent"))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert row_cells(page, HELPED)[:2] == ["10 (100%)", "0 (0%)"]
    assert row_cells(page, SAFE)[:2] == ["0 (0%)", "10 (100%)"]
    prompt = chart_data(page)["prompt"]
    assert [t["name"] for t in prompt["data"]] == ["Groep 1", "Groep 2"]
    assert 'name="g1-a.perspective"' in page and 'name="g2-a.perspective"' in page


def test_compare_withholds_groups_a_few_stories_apart(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    # Everyone versus everyone but the 3 professionals: the difference would show their answers.
    page = client.get(url(coalition, "/vergelijken?g2-a.perspective=youth&g2-a.perspective=parent"))
    text = html.unescape(page.get_data(as_text=True))
    assert "chart-data" not in text and "op 1 tot 4 verhalen na" in text


def test_compare_refuses_unknown_filters(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, coalition=coalition)
    assert client.get(url(coalition, "/vergelijken?g1-foo=1")).status_code == 400
    assert client.get(url(coalition, "/vergelijken?g2-a.prompt=nope")).status_code == 400


def test_another_coalitions_member_finds_nothing(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=make_coalition(session, slug="elders"))
    for path in ("", "/vergelijken"):
        assert client.get(url(coalition, path)).status_code == 404
    assert client.get(f"/coalitions/{coalition.slug}/cijfers").status_code == 404


def test_facilitators_see_the_patterns(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, role="facilitator", coalition=coalition)
    assert client.get(url(coalition)).status_code == 200


def test_signed_out_is_sent_to_login(client: FlaskClient, coalition: Coalition) -> None:
    response = client.get(url(coalition))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_menu_links_to_the_patterns(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, coalition=coalition)
    page = client.get(f"/coalitions/{coalition.slug}/").get_data(as_text=True)
    assert f'href="/coalitions/{coalition.slug}/patronen"' in page


def test_pages_have_no_inline_styles_or_scripts(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    for path in ("", "?split=perspective", "/vergelijken?g1-a.perspective=youth&g2-a.perspective=parent"):
        page = client.get(url(coalition, path)).get_data(as_text=True)
        assert "<style" not in page and " style=" not in page
        scripts = re.findall(r"<script\b[^>]*>", page)
        assert all('type="application/json"' in s or "src=" in s for s in scripts), scripts
        sources = re.findall(r'\b(?:src|href)="([^"]*)"', page)
        assert not [s for s in sources if re.match(r"(?:https?:)?//", s)]
    for template in (ROOT / "templates" / "sensemaking" / "patterns").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert "|safe" not in text and " style=" not in text and not re.search(r"https?://", text)
