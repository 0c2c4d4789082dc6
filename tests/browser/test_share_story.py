"""The teller's flow in a real browser at phone size: tell a story, answer, send, get thanked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlmodel import Session

from coalitions.models import InviteLink
from tests.browser.conftest import NewContext
from tests.browser.pages import (
    DRAFT_PREFIX,
    PREFILLED_QUESTIONS,
    PROMPT_LABEL,
    SEND,
    STORY_TEXT,
    STORY_TITLE,
    TRIAD_CORNERS,
    assert_one_story,
    assert_thanked,
    draft_keys,
    drag_on_triangle,
    fill_story,
    no_horizontal_scroll,
    send,
    share_url,
    stored,
    story_count,
    triad_scores,
    wait_for_draft,
)

pytestmark = pytest.mark.browser


def test_full_flow_with_javascript_at_phone_width(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink
) -> None:
    context, recorder = new_context()
    page = context.new_page()
    page.goto(share_url(live_server, youth_link))

    # The link answers who the teller is, their age group and the organisation: none of that is asked,
    # nor the follow-up question for professionals that the "youth" answer rules out.
    for name in (*PREFILLED_QUESTIONS, "professional_field"):
        assert page.locator(f'[name="{name}"]').count() == 0, f"{name} is asked although the link answers it"
        assert page.locator(f"#q-{name}").count() == 0
    no_horizontal_scroll(page)

    fill_story(page, triad="triangle")
    # The tap placed the dot and filled in the accessible number inputs to match.
    assert triad_scores(page) == ["8", "1", "1"]
    assert page.locator("svg.triad-board circle.dot").get_attribute("visibility") == "visible"
    no_horizontal_scroll(page)

    send(page)
    assert_thanked(page, youth_link)
    no_horizontal_scroll(page)
    assert_one_story(session, youth_link, triad={"listened": 0.8, "quick": 0.1, "together": 0.1})
    assert recorder.page_errors == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_triangles_corner_labels_do_not_overlap_and_stay_inside(
    new_context: NewContext, live_server: str, youth_link: InviteLink, lang: str
) -> None:
    context, recorder = new_context()
    page = context.new_page()
    page.goto(share_url(live_server, youth_link) + ("?lang=en" if lang == "en" else ""))
    page.locator("svg.triad-board").scroll_into_view_if_needed()
    board, labels = page.evaluate(
        """() => {
          const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
          const svg = document.querySelector('svg.triad-board');
          return [box(svg), [...svg.querySelectorAll('text')].map((t) => [t.textContent, box(t)])];
        }"""
    )
    assert len(labels) == 3 and all(text for text, _box in labels)
    for _text, (left, top, right, bottom) in labels:
        assert (
            left >= board[0] - 1 and right <= board[2] + 1 and top >= board[1] - 1 and bottom <= board[3] + 1
        )
    (_a, top_label), (_b, left_label), (_c, right_label) = labels
    assert left_label[2] < right_label[0], (left_label, right_label)  # the bottom two do not touch
    assert top_label[3] <= board[1] + 34 / 280 * (board[3] - board[1]) + 1  # above the top corner
    assert recorder.page_errors == []


def test_triangle_dot_follows_a_finger_drag_and_the_number_inputs(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink
) -> None:
    context, recorder = new_context()
    page = context.new_page()
    page.goto(share_url(live_server, youth_link))
    dot = page.locator("svg.triad-board circle.dot")
    assert dot.get_attribute("visibility") == "hidden", "no dot before an answer"

    # Typing scores moves the dot: all weight on "together" puts it on that (bottom right) corner.
    for corner, score in zip(TRIAD_CORNERS, ("0", "0", "10"), strict=True):
        page.locator(f"#what_mattered-{corner}").fill(score)
    assert dot.get_attribute("visibility") == "visible"
    assert (float(dot.get_attribute("cx") or 0), float(dot.get_attribute("cy") or 0)) == (276, 250)

    # A finger put down near the top corner and dragged to the middle leaves equal scores.
    drag_on_triangle(page, [(150, 60), (140, 100), (150, 140), (150, 178)])
    assert triad_scores(page) == ["3", "3", "3"]
    assert page.evaluate("window.scrollX") == 0
    fill_story(page, triad="keep")
    send(page)
    assert_one_story(session, youth_link, triad=dict.fromkeys(TRIAD_CORNERS, 1 / 3))
    assert recorder.page_errors == []


def test_full_flow_without_javascript(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink
) -> None:
    context, _ = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(share_url(live_server, youth_link))
    assert page.locator("svg.triad-board").count() == 0, "no script ran: the number inputs are the way in"
    assert page.locator('[name="perspective"]').count() == 0
    no_horizontal_scroll(page)

    fill_story(page, triad="numbers")
    send(page)
    assert_thanked(page, youth_link)
    no_horizontal_scroll(page)
    assert_one_story(session, youth_link, triad={"listened": 0.6, "quick": 0.2, "together": 0.2})


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_double_click_on_send_stores_one_story(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink, javascript: bool
) -> None:
    context, recorder = new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(share_url(live_server, youth_link))
    fill_story(page)

    page.get_by_role("button", name=SEND).dblclick()
    # Without the script the browser sends twice and abandons the first navigation (net::ERR_ABORTED),
    # which ``wait_for_url`` reports as an error; ``expect`` keeps waiting for the page that stays.
    expect(page).to_have_url(re.compile(r"/bedankt"), timeout=15_000)
    assert_thanked(page, youth_link)
    assert story_count(session) == 1
    assert recorder.posts, "the form was never posted"
    if javascript:
        assert len(recorder.posts) == 1, "the script lets the second click through"
    assert recorder.page_errors == []


def test_offline_send_keeps_the_story_and_sends_once_back_online(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink
) -> None:
    context, recorder = new_context()
    page = context.new_page()
    form_url = share_url(live_server, youth_link)
    page.goto(form_url)
    fill_story(page)

    context.set_offline(True)
    page.get_by_role("button", name=SEND).click()
    offline = page.locator(".offline-message")
    offline.wait_for(state="visible")
    assert offline.inner_text().strip(), "the offline message is empty"
    assert page.url == form_url
    assert page.locator("#text").input_value() == STORY_TEXT
    assert page.locator("#title").input_value() == STORY_TITLE
    assert page.get_by_role("button", name=SEND).is_enabled()
    assert recorder.posts == []
    assert story_count(session) == 0
    draft = page.evaluate("key => JSON.parse(sessionStorage.getItem(key))", DRAFT_PREFIX + youth_link.token)
    assert draft["text"] == STORY_TEXT, "the draft is saved when sending fails"

    context.set_offline(False)
    offline.wait_for(state="hidden")
    send(page)
    assert_thanked(page, youth_link)
    assert story_count(session) == 1
    assert draft_keys(page) == [], "the thank-you page clears the draft"
    assert page.evaluate("localStorage.length") == 0, "nothing may be kept in localStorage"
    assert recorder.page_errors == []


def test_draft_survives_a_reload_and_a_validation_error(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink
) -> None:
    context, recorder = new_context()
    page = context.new_page()
    page.goto(share_url(live_server, youth_link))
    page.get_by_label(PROMPT_LABEL).check()
    page.locator("#text").fill(STORY_TEXT)
    page.locator("#title").fill(STORY_TITLE)
    wait_for_draft(page, youth_link, text=STORY_TEXT, title=STORY_TITLE)
    assert page.evaluate("localStorage.length") == 0, "drafts belong in sessionStorage only"

    page.reload()
    assert page.locator("#text").input_value() == STORY_TEXT
    assert page.locator("#title").input_value() == STORY_TITLE
    assert page.get_by_label(PROMPT_LABEL).is_checked()

    # Send without a title: the server refuses, everything typed stays, the error says what is missing.
    page.locator("#title").fill("")
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name=SEND).click()
    assert posted.value.status == 422
    page.wait_for_load_state()
    summary = page.locator("#form-message")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"
    assert summary.locator('a[href="#title"]').count() == 1, "the summary links to the title field"
    title_error = page.locator("#title-error")
    assert title_error.is_visible()
    assert "titel" in title_error.inner_text()
    assert "title-error" in (page.locator("#title").get_attribute("aria-describedby") or "").split()
    assert page.locator("#text").input_value() == STORY_TEXT
    assert page.get_by_label(PROMPT_LABEL).is_checked()
    assert story_count(session) == 0

    page.locator("#title").fill(STORY_TITLE)
    send(page)
    assert_thanked(page, youth_link)
    stories, _ = stored(session)
    assert [(s.title, s.text) for s in stories] == [(STORY_TITLE, STORY_TEXT)]
    assert draft_keys(page) == []
    assert recorder.page_errors == []
