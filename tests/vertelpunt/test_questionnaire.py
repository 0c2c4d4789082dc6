"""The questionnaire as data: the shipped file, its rules, and versioning."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, select

from vertelpunt import questionnaire as qn
from vertelpunt import services
from vertelpunt.models import Questionnaire

RAW = tomllib.loads(qn.DEFAULT_FILE.read_text(encoding="utf-8"))
DEFAULT = qn.parse(RAW)


def test_default_questionnaire_covers_the_domain() -> None:
    ids = {q.id for q in DEFAULT.questions}
    assert {
        "prompt",
        "story",
        "feeling",
        "what_mattered",
        "who_decided",
        "perspective",
        "age_category",
        "living_situation",
        "when",
        "organisation",
        "organisation_type",
    } <= ids
    kinds = {q.kind for q in DEFAULT.questions}
    assert kinds == set(qn.KINDS)
    assert DEFAULT.get("age_category").values() == ("0-12", "12-18", "18plus", "unknown")
    assert DEFAULT.get("perspective").values() == ("youth", "parent", "professional", "other")
    for question in DEFAULT.questions:
        assert question.text["nl"] and question.text["en"]


def test_prefilled_questions_are_not_asked() -> None:
    prefill = {"organisation": "X", "organisation_type": "school", "age_category": "12-18"}
    asked = {q.id for q in qn.asked(DEFAULT, prefill)}
    assert not asked & set(prefill)
    assert "perspective" in asked and "professional_field" in asked


def test_unknown_age_on_the_link_still_asks_the_age() -> None:
    assert "age_category" in {q.id for q in qn.asked(DEFAULT, {"age_category": "unknown"})}


def test_condition_ruled_out_by_the_link_hides_the_question() -> None:
    assert "professional_field" not in {q.id for q in qn.asked(DEFAULT, {"perspective": "parent"})}
    assert "professional_field" in {q.id for q in qn.asked(DEFAULT, {"perspective": "professional"})}


def test_applies_follows_the_answer() -> None:
    question = DEFAULT.get("professional_field")
    assert qn.applies(question, {"perspective": "professional"})
    assert not qn.applies(question, {"perspective": "youth"})
    assert not qn.applies(question, {})


@given(st.lists(st.floats(min_value=0, max_value=10, allow_nan=False), min_size=3, max_size=3))
def test_triad_weights_sum_to_exactly_one(points: list[float]) -> None:
    weights = qn.triad_weights(points)
    if sum(points) <= 0:
        assert weights is None
    else:
        assert weights is not None and round(sum(weights), 10) == 1.0 and all(w >= -1e-9 for w in weights)


def test_dyad_positions_span_zero_to_one() -> None:
    assert [qn.dyad_position(i, 7) for i in (0, 3, 6)] == [0.0, 0.5, 1.0]


def broken(mutate: Any) -> dict[str, Any]:
    raw = copy.deepcopy(RAW)
    mutate(raw)
    return raw


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r["questions"][2].update(kind="essay"), "question feeling: kind must be one of"),
        (
            lambda r: r["questions"][2]["text"].pop("en"),
            "question feeling.text: needs a text in every language",
        ),
        (
            lambda r: r["questions"][4]["corners"].pop(),
            "question what_mattered.corners: a triad has exactly three",
        ),
        (lambda r: r["questions"][3].update(id="feeling"), "question feeling: the id is used twice"),
        (
            lambda r: r["questions"][8].update(show_if={"question": "nope", "any_of": ["x"]}),
            "must refer to an earlier",
        ),
        (lambda r: r["questions"][5].update(steps=2), "a slider has 3 to 11 steps"),
        (lambda r: r["questions"][2].update(section="elsewhere"), "section 'elsewhere' is not in [sections]"),
    ],
)
def test_broken_definitions_name_the_question(mutate: Any, message: str) -> None:
    with pytest.raises(qn.QuestionnaireError, match=message.replace("[", r"\[").replace("]", r"\]")):
        qn.parse(broken(mutate))


def test_prefill_is_checked_against_the_questionnaire() -> None:
    assert qn.check_prefill(DEFAULT, {"age_category": "12-18"}) == {"age_category": "12-18"}
    with pytest.raises(qn.QuestionnaireError, match="prefill age_category"):
        qn.check_prefill(DEFAULT, {"age_category": "42"})
    with pytest.raises(qn.QuestionnaireError, match="prefill feeling: not a question a link may answer"):
        qn.check_prefill(DEFAULT, {"feeling": "good"})


def test_loading_a_changed_file_makes_a_new_version(session: Session, tmp_path: Path) -> None:
    first = services.load_questionnaire(session)
    session.commit()
    assert not first.created  # the app fixture loaded it already
    again = services.load_questionnaire(session)
    assert not again.created and again.questionnaire.version == first.questionnaire.version
    edited = tmp_path / "q.toml"
    edited.write_text(
        qn.DEFAULT_FILE.read_text(encoding="utf-8").replace(
            'label = "Vertelpunt 2026.1"', 'label = "Vertelpunt 2026.2"'
        ),
        encoding="utf-8",
    )
    second = services.load_questionnaire(session, path=edited)
    session.commit()
    assert second.created and second.questionnaire.version == first.questionnaire.version + 1
    versions = [q.version for q in session.exec(select(Questionnaire).order_by(Questionnaire.version))]
    assert versions == [1, 2]
    current, _ = services.current_questionnaire(session)
    assert current.label == "Vertelpunt 2026.2"


def test_invalid_file_is_refused_before_anything_is_stored(session: Session, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('label = "x"\n[sections]\n', encoding="utf-8")
    with pytest.raises(qn.QuestionnaireError):
        services.load_questionnaire(session, path=bad)
    session.rollback()
    assert len(list(session.exec(select(Questionnaire)))) == 1
