"""When the server cannot take the story yet: the teller keeps every word, and can still send it."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlmodel import Session

from coalitions import services as coalition_services
from coalitions.models import InviteLink
from tests.browser.conftest import NewContext
from tests.browser.pages import (
    DRAFT_PREFIX,
    SEND,
    STORY_TEXT,
    STORY_TITLE,
    assert_one_story,
    assert_thanked,
    fill_story,
    no_horizontal_scroll,
    send,
    share_url,
    story_count,
)

pytestmark = pytest.mark.browser


def test_link_closed_while_writing_gives_the_text_back(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink
) -> None:
    context, recorder = new_context()
    page = context.new_page()
    page.goto(share_url(live_server, youth_link))
    long_word = "heel" * 60  # one unbroken 240-character word must not widen the page
    text = f"{STORY_TEXT} {long_word}"
    fill_story(page, text=text)

    link = session.get(InviteLink, youth_link.id)
    assert link is not None
    coalition_services.close_link(session, link)
    session.commit()

    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name=SEND).click()
    assert posted.value.status == 410
    page.wait_for_load_state()
    assert page.locator("#kept-text").input_value() == text
    assert page.locator("#kept-title-text").input_value() == STORY_TITLE
    no_horizontal_scroll(page)
    assert story_count(session) == 0
    draft = page.evaluate("key => sessionStorage.getItem(key)", DRAFT_PREFIX + youth_link.token)
    assert draft is not None and long_word in draft, "the tab keeps the draft when the story was not sent"
    assert recorder.page_errors == []


def test_form_left_open_too_long_is_sent_with_one_more_click(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink, app: Flask
) -> None:
    context, recorder = new_context()
    page = context.new_page()
    page.goto(share_url(live_server, youth_link))
    old_token = page.locator('input[name="submission"]').input_value()
    fill_story(page)

    max_age = app.config["SUBMISSION_TOKEN_MAX_AGE"]
    app.config["SUBMISSION_TOKEN_MAX_AGE"] = -1  # every token is too old now
    try:
        page.get_by_role("button", name=SEND).click()
        message = page.locator("#form-message")
        message.wait_for()
        assert message.get_attribute("role") == "alert"
    finally:
        app.config["SUBMISSION_TOKEN_MAX_AGE"] = max_age
    assert story_count(session) == 0
    assert page.locator('input[name="submission"]').input_value() != old_token, "the form needs a fresh token"
    assert page.locator("#text").input_value() == STORY_TEXT
    assert page.locator("#title").input_value() == STORY_TITLE
    assert page.get_by_role("button", name=SEND).is_enabled()

    send(page)
    assert_thanked(page, youth_link)
    assert_one_story(session, youth_link, triad={"listened": 0.6, "quick": 0.2, "together": 0.2})
    assert recorder.page_errors == []
