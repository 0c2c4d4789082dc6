"""Helpers for the browser tests: filling and sending the story form, and reading back what was stored."""

from __future__ import annotations

import math
from typing import Any

from sqlmodel import Session, select

from coalitions.models import InviteLink
from vertelpunt.models import Answer, Story
from vertelpunt.questionnaire import dyad_position

DRAFT_PREFIX = "vertelpunt-draft:"
STORY_TEXT = "Mijn begeleider kwam gewoon bij ons thuis en luisterde echt naar wat ik zelf wilde."
STORY_TITLE = "Eindelijk gehoord"
PROMPT_LABEL = "Wanneer voelde je je echt geholpen?"
SEND = "Versturen"
THANKS_HEADING = "Bedankt voor je verhaal!"
# What a youth link of an organisation of kind youth_care serving only 12-18 answers for the teller.
YOUTH_PREFILL = {"perspective": "youth", "age_category": "12-18", "organisation_type": "youth_care"}
PREFILLED_QUESTIONS = ("perspective", "age_category", "organisation", "organisation_type")
TRIAD_CORNERS = ("listened", "quick", "together")


def share_url(base: str, link: InviteLink, lang: str | None = None) -> str:
    """The story form of ``link`` on the live server."""
    return f"{base}/i/{link.token}" + (f"?lang={lang}" if lang else "")


def fill_story(
    page: Any, *, title: str = STORY_TITLE, text: str = STORY_TEXT, triad: str = "numbers"
) -> None:
    """Fill the form as a teller would: a prompt, the story, a radio, two checkboxes, a dyad and the triad.

    ``triad`` is "numbers" (type the scores 6, 2, 2), "triangle" (tap the triangle the script draws,
    near the "listened" corner: scores 8, 1, 1) or "keep" (leave it as it is).
    """
    page.get_by_label(PROMPT_LABEL).check()
    page.locator("#text").fill(text)
    page.locator("#title").fill(title)
    page.locator("#q-feeling").get_by_label("Goed", exact=True).check()
    page.locator("#q-helpers").get_by_label("Mijn familie").check()
    page.locator("#q-helpers").get_by_label("Een hulpverlener").check()
    page.locator("#q-who_decided").get_by_label("Stap 5 van 7").check()
    if triad == "triangle":
        tap_triangle(page, 150, 80)
    elif triad == "numbers":
        for corner, score in zip(TRIAD_CORNERS, ("6", "2", "2"), strict=True):
            page.locator(f"#what_mattered-{corner}").fill(score)


def tap_triangle(page: Any, x: float, y: float) -> None:
    """Tap the triad's triangle at (x, y) in its own 300 x 280 drawing coordinates."""
    board = page.locator("svg.triad-board")
    board.scroll_into_view_if_needed()
    box = board.bounding_box()
    assert box, "the triangle is not shown"
    board.tap(position={"x": x * box["width"] / 300, "y": y * box["height"] / 280})


def drag_on_triangle(page: Any, points: list[tuple[float, float]]) -> None:
    """Put a finger down on the triangle at the first point, slide it through the others, lift it.

    Points are in the triangle's own 300 x 280 drawing coordinates; real touch events go through CDP.
    """
    board = page.locator("svg.triad-board")
    board.scroll_into_view_if_needed()
    box = board.bounding_box()
    assert box, "the triangle is not shown"

    def touch(x: float, y: float) -> list[dict[str, float]]:
        return [{"x": box["x"] + x * box["width"] / 300, "y": box["y"] + y * box["height"] / 280}]

    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": touch(*points[0])})
        for point in points[1:]:
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": touch(*point)})
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        cdp.detach()


def triad_scores(page: Any) -> list[str]:
    """The three triad number inputs, in corner order."""
    return [page.locator(f"#what_mattered-{corner}").input_value() for corner in TRIAD_CORNERS]


def send(page: Any, button: str = SEND) -> None:
    """Click the send button and wait for the thank-you page."""
    page.get_by_role("button", name=button).click()
    page.wait_for_url("**/bedankt*")


def assert_thanked(page: Any, link: InviteLink, heading: str = THANKS_HEADING) -> None:
    """The thank-you page of ``link`` is shown."""
    assert page.url.split("?")[0].endswith(f"/i/{link.token}/bedankt"), page.url
    assert page.get_by_role("heading", level=1).inner_text() == heading


def stored(session: Session) -> tuple[list[Story], dict[str, dict[str, Answer]]]:
    """The stories in the database and their answers by story id and question id, read afresh.

    Any transaction left open is ended first (on SQLite it would show an old snapshot), and the read
    transaction is ended before returning, so the live server is never kept waiting on a lock.
    """
    session.commit()
    fresh = {"populate_existing": True}
    stories = list(session.exec(select(Story).execution_options(**fresh)).all())
    answers: dict[str, dict[str, Answer]] = {}
    for answer in session.exec(select(Answer).execution_options(**fresh)).all():
        answers.setdefault(answer.story_id, {})[answer.question_id] = answer
    session.commit()
    return stories, answers


def story_count(session: Session) -> int:
    """How many stories are stored right now."""
    return len(stored(session)[0])


def assert_one_story(
    session: Session, link: InviteLink, *, triad: dict[str, float], language: str = "nl"
) -> Story:
    """Exactly one story, of the link's organisation, with what ``fill_story`` answered and the link's answers."""
    stories, answers = stored(session)
    assert len(stories) == 1, f"expected one story, found {len(stories)}"
    story = stories[0]
    assert story.organisation_id == link.organisation_id
    assert story.coalition_id == link.coalition_id
    assert story.invite_link_id == link.id
    assert (story.title, story.text, story.language) == (STORY_TITLE, STORY_TEXT, language)
    rows = answers[story.id]
    prefilled = {qid: a.value for qid, a in rows.items() if a.prefilled}
    given = {qid: a.value for qid, a in rows.items() if not a.prefilled}
    assert prefilled == {**YOUTH_PREFILL, "organisation": link.prefill["organisation"]}
    weights = given.pop("what_mattered")
    assert given == {
        "prompt": "helped",
        "feeling": "good",
        "helpers": ["family", "care"],
        "who_decided": dyad_position(4, 7),
    }
    assert set(weights) == set(triad)
    assert math.isclose(sum(weights.values()), 1.0)
    for corner, expected in triad.items():
        assert math.isclose(weights[corner], expected, abs_tol=1e-3), weights
    return story


def draft_keys(page: Any) -> list[str]:
    """This tab's sessionStorage keys that hold a story draft."""
    keys: list[str] = page.evaluate("Object.keys(sessionStorage)")
    return [k for k in keys if k.startswith(DRAFT_PREFIX)]


def wait_for_draft(page: Any, link: InviteLink, **fields: str) -> None:
    """Wait until the script has saved these field values in the tab's draft (it waits 300 ms after typing)."""
    page.wait_for_function(
        "([key, fields]) => { const d = JSON.parse(sessionStorage.getItem(key) || '{}');"
        " return Object.entries(fields).every(([k, v]) => d[k] === v); }",
        arg=[DRAFT_PREFIX + link.token, fields],
    )


def no_horizontal_scroll(page: Any) -> None:
    """Assert that the page fits the phone's width."""
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"{page.url} scrolls sideways: {width}px wide at {viewport}px"
