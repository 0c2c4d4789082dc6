"""The demo stories: enough of them, varied, and every answer one the story form could have stored."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import Any

import pytest
from flask import Flask
from sqlmodel import Session, select
from werkzeug.datastructures import MultiDict

from coalitions import services as coalition_services
from coalitions.models import Organisation
from vertelpunt import demo
from vertelpunt import questionnaire as qn
from vertelpunt.demo_stories import GENERAL, STORIES, STORIES_BY_SUBJECT, DemoStory
from vertelpunt.forms import build_story_form
from vertelpunt.models import Answer, Story

DEFINITION = qn.parse(qn.read_file())


def option_values(question_id: str) -> tuple[str, ...]:
    question = DEFINITION.get(question_id)
    assert question is not None, question_id
    return question.values()


PERSPECTIVES = option_values("perspective")
SENTENCE_END = re.compile(r"[.!?](\s|$)")


def link_prefills() -> list[dict[str, Any]]:
    """Each demo link's prefilled answers, in the order the demo creates them (the general link last)."""
    organisations = {spec["name"]: Organisation(**spec) for spec in demo.ORGANISATIONS}
    prefills = [
        qn.check_prefill(
            DEFINITION,
            coalition_services.link_prefill(organisations[org], age_category=age, perspective=perspective),
        )
        for org, _label, age, perspective in demo.LINKS
    ]
    return [*prefills, qn.check_prefill(DEFINITION, coalition_services.link_prefill(None))]


PREFILLS = link_prefills()


def answer_of(story: DemoStory, question_id: str) -> Any:
    """The story's answer, or its link's (a story answers a prefilled question only when the link asks it)."""
    return story.answers.get(question_id, PREFILLS[story.link].get(question_id))


def perspective_of(story: DemoStory) -> str:
    return str(answer_of(story, "perspective"))


def label(story: DemoStory) -> str:
    return f"{story.title!r} (link {story.link})"


def triad_scores() -> dict[tuple[float, ...], tuple[int, ...]]:
    """Stored triad weights → three scores a teller could have typed in the form that give them."""
    scores: dict[tuple[float, ...], tuple[int, ...]] = {}
    for combo in itertools.product(range(11), repeat=3):
        weights = qn.triad_weights([float(x) for x in combo])
        if weights is not None:
            scores.setdefault(tuple(weights), combo)
    return scores


TRIAD_SCORES = triad_scores()


def form_data(story: DemoStory, questions: tuple[qn.Question, ...]) -> MultiDict[str, str]:
    """The form fields a teller would have posted to give this story's answers (ValueError: none would)."""
    data: MultiDict[str, str] = MultiDict({"title": story.title, "text": story.text})
    scores = TRIAD_SCORES
    for question in questions:
        value = story.answers.get(question.id)
        if value is None:
            continue
        if question.kind == "multi":
            data.setlist(question.id, list(value))
        elif question.kind == "dyad":
            step = round(value * (question.steps - 1))
            if qn.dyad_position(step, question.steps) != value:
                raise ValueError(f"{label(story)}: {question.id}={value} is not a slider step")
            data[question.id] = str(step)
        elif question.kind == "triad":
            weights = tuple(value[corner] for corner in question.values())
            if weights not in scores:
                raise ValueError(f"{label(story)}: {question.id}={value} is not a stored triad")
            for corner, score in zip(question.values(), scores[weights], strict=True):
                data[f"{question.id}-{corner}"] = str(score)
        else:
            data[question.id] = value
    return data


def test_there_are_at_least_150_stories() -> None:
    assert len(STORIES) >= 150
    assert sum(len(stories) for stories in STORIES_BY_SUBJECT.values()) == len(STORIES)


def test_every_link_index_is_a_demo_link() -> None:
    assert GENERAL == len(demo.LINKS)
    assert {story.link for story in STORIES} == set(range(len(PREFILLS)))


def test_every_story_is_what_the_story_form_would_store(app: Flask) -> None:
    limits = {
        "text": app.config["STORY_MAX_CHARS"],
        "title": app.config["TITLE_MAX_CHARS"],
        "min_words": app.config["STORY_MIN_WORDS"],
    }
    problems = []
    with app.test_request_context():
        for story in STORIES:
            prefill = PREFILLS[story.link]
            questions = qn.asked(DEFINITION, prefill)
            unasked = set(story.answers) - {q.id for q in questions}
            if unasked:
                problems.append(f"{label(story)}: answers questions its link does not ask: {sorted(unasked)}")
                continue
            try:
                data = form_data(story, questions)
            except ValueError as exc:
                problems.append(str(exc))
                continue
            form = build_story_form(questions, lang="nl", limits=limits)(formdata=data)
            if not form.validate():
                problems.append(f"{label(story)}: {form.errors}")
            elif form.validate_conditions(prefill) != story.answers:
                problems.append(f"{label(story)}: stored {form.validate_conditions(prefill)}")
            elif (form["title"].data.strip(), form["text"].data.strip()) != (story.title, story.text):
                problems.append(f"{label(story)}: title or text has surrounding spaces")
    assert not problems, "\n".join(problems)


def test_every_story_respects_its_links_prefill() -> None:
    for story in STORIES:
        prefill = PREFILLS[story.link]
        for qid, value in prefill.items():
            question = DEFINITION.get(qid)
            assert question is not None
            if value not in question.ask_if_prefilled:
                assert qid not in story.answers, f"{label(story)}: {qid} is prefilled by its link"
        if "perspective" not in prefill:
            assert story.answers.get("perspective") in PERSPECTIVES, f"{label(story)}: needs a perspective"
        if prefill.get("age_category", "unknown") == "unknown":
            assert "age_category" in story.answers, f"{label(story)}: the link asks the age category"


@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_every_perspective_tells_at_least_15_stories(perspective: str) -> None:
    assert sum(perspective_of(story) == perspective for story in STORIES) >= 15


def test_children_and_young_adults_tell_stories_too() -> None:
    ages = Counter(answer_of(s, "age_category") for s in STORIES if perspective_of(s) == "youth")
    assert ages["0-12"] >= 5 and ages["18plus"] >= 3


def test_no_two_stories_share_a_title_or_a_text() -> None:
    titles = Counter(story.title.casefold() for story in STORIES)
    texts = Counter(story.text for story in STORIES)
    assert [t for t, n in titles.items() if n > 1] == []
    assert [t[:40] for t, n in texts.items() if n > 1] == []


def test_stories_vary_in_length_tone_and_time() -> None:
    sentences = [len(SENTENCE_END.findall(story.text)) or 1 for story in STORIES]
    assert sum(n <= 2 for n in sentences) >= 10 and sum(n >= 10 for n in sentences) >= 5
    feelings = Counter(story.answers.get("feeling") for story in STORIES)
    assert all(feelings[value] >= 10 for value in option_values("feeling"))
    days = [story.days_ago for story in STORIES]
    assert min(days) >= 1 and max(days) <= 120
    assert all(any(start <= d < start + 30 for d in days) for start in (1, 31, 61, 91))


def test_every_subject_is_told_from_several_perspectives() -> None:
    assert len(STORIES_BY_SUBJECT) >= 8
    for subject, stories in STORIES_BY_SUBJECT.items():
        assert len(stories) >= 10, subject
        assert len({perspective_of(story) for story in stories}) >= 3, subject


def test_waiting_list_stories_feel_worse_than_sport_and_friends_stories() -> None:
    score = {"very_good": 2, "good": 1, "mixed": 0, "bad": -1, "very_bad": -2}

    def mean(stories: list[DemoStory]) -> float:
        return sum(score[s.answers["feeling"]] for s in stories) / len(stories)

    assert mean(STORIES_BY_SUBJECT["waiting"]) < 0 < mean(STORIES_BY_SUBJECT["sport_friends"])


def test_seeding_stores_every_story_within_the_open_period(app: Flask, session: Session) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    coalition = coalition_services.get_coalition(session, demo.DEMO_SLUG)
    assert coalition is not None and coalition.opens_on is not None
    stories = list(session.exec(select(Story).where(Story.coalition_id == coalition.id)))
    assert len(stories) == len(STORIES)
    assert min(story.day for story in stories) >= coalition.opens_on
    perspectives = session.exec(select(Answer).where(Answer.question_id == "perspective"))
    assert Counter(answer.value for answer in perspectives) == Counter(perspective_of(s) for s in STORIES)
