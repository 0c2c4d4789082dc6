"""Draft neutral observations: sizes, who told them, answers that stand out, recurring phrases."""

from __future__ import annotations

from datetime import date
from typing import Any

from sensemaking.filters import StoryRecord
from sensemaking.observations import draft, recurring_phrases
from vertelpunt.questionnaire import parse, read_file

DEFINITION = parse(read_file())


def record(n: int, text: str = "Ik wachtte lang op hulp.", **answers: Any) -> StoryRecord:
    return StoryRecord(
        id=f"s{n}",
        coalition_id=1,
        organisation_id=None,
        day=date(2026, 11, 1),
        language="nl",
        title="Verhaal",
        text=text,
        answers=answers,
    )


def test_size_perspectives_and_small_cells() -> None:
    theme = [record(i, perspective="youth", feeling="bad") for i in range(6)]
    theme += [record(10 + i, perspective="parent") for i in range(3)]
    theme += [record(20 + i, perspective="other") for i in range(3)]
    others = [record(100 + i, perspective="professional", feeling="good") for i in range(10)]
    lines = draft(theme, theme + others, DEFINITION).splitlines()
    assert lines[0] == "Dit thema telt 12 van de 22 verhalen (55%)."
    assert lines[1] == "Verteld door jongeren: 6; ouders en verzorgers: minder dan 5; anderen: minder dan 5."


def test_a_count_that_would_give_away_a_small_cell_is_hidden_too() -> None:
    theme = [record(i, perspective="youth") for i in range(6)] + [
        record(10 + i, perspective="parent") for i in range(2)
    ]
    lines = draft(theme, theme, DEFINITION).splitlines()
    # 8 stories, "<5" parents: showing 6 youths would reveal that there are 2 parents.
    assert lines[1] == "Verteld door jongeren: niet getoond; ouders en verzorgers: minder dan 5."


def test_an_answer_that_stands_out_is_named_with_both_shares() -> None:
    theme = [record(i, perspective="youth", feeling="bad") for i in range(10)]
    others = [record(100 + i, perspective="youth", feeling="good") for i in range(30)]
    text = draft(theme, theme + others, DEFINITION)
    assert "Hoe voelde je je toen?" in text
    assert "koos 100%" in text and "tegen 25% in alle verhalen" in text


def test_a_rare_answer_is_not_called_out() -> None:
    # Four stories share an unusual answer: fewer than five, so not mentioned at all.
    theme = [record(i, perspective="youth", feeling="bad" if i < 4 else "good") for i in range(10)]
    others = [record(100 + i, perspective="youth", feeling="good") for i in range(30)]
    assert "Hoe voelde je je toen?" not in draft(theme, theme + others, DEFINITION)


def test_a_theme_under_five_stories_shows_no_exact_size() -> None:
    theme = [record(i, perspective="youth") for i in range(3)]
    assert draft(theme, theme + [record(9)] * 10, DEFINITION).splitlines()[0] == "Dit thema telt <5 verhalen."


def test_recurring_phrases_need_several_stories_and_skip_stop_words() -> None:
    texts = [
        "We stonden op de wachtlijst voor hulp.",
        "Die wachtlijst voor hulp was lang.",
        "Weer de wachtlijst voor hulp, en niemand belde.",
        "Ik had een fijne mentor.",
    ]
    phrases = recurring_phrases(texts)
    assert phrases == ["wachtlijst voor hulp"]
    assert recurring_phrases(texts[:2]) == []  # two stories are not enough
