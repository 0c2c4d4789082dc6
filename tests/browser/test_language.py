"""Switching to English on the form: the page, the questions and the thank-you page follow; the draft stays."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sqlmodel import Session

from coalitions.models import InviteLink
from tests.browser.conftest import NewContext
from tests.browser.pages import (
    PROMPT_LABEL,
    STORY_TEXT,
    STORY_TITLE,
    assert_thanked,
    no_horizontal_scroll,
    share_url,
    stored,
    wait_for_draft,
)
from vertelpunt import i18n

pytestmark = pytest.mark.browser

CATALOG = Path(i18n.__file__).parent / "translations" / "en" / "LC_MESSAGES" / "messages.po"


def english(*msgids: str) -> list[str]:
    """The English catalog's translations of these Dutch messages (the test follows the catalog's wording)."""
    if not CATALOG.is_file():
        pytest.fail(f"no English catalog at {CATALOG}")
    if not CATALOG.with_suffix(".mo").is_file():
        pytest.fail("the English catalog is not compiled: run `make translations`")
    with CATALOG.open("rb") as f:
        catalog = read_po(f)
    found = []
    for msgid in msgids:
        message = catalog.get(msgid)
        assert message is not None and message.string, f"{msgid!r} has no English translation"
        found.append(message.string)
    return found


def test_switching_to_english_keeps_the_draft_and_the_story_is_told_in_english(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink
) -> None:
    share_heading, send_button, thanks_heading = english(
        "Deel je ervaring", "Versturen", "Bedankt voor je verhaal!"
    )
    context, recorder = new_context()
    page = context.new_page()
    page.goto(share_url(live_server, youth_link))
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_label(PROMPT_LABEL).check()
    page.locator("#text").fill(STORY_TEXT)
    page.locator("#title").fill(STORY_TITLE)
    wait_for_draft(page, youth_link, text=STORY_TEXT, title=STORY_TITLE)

    page.get_by_role("link", name="English").click()
    page.wait_for_url(share_url(live_server, youth_link, lang="en"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == share_heading
    # Section headings and questions come from the questionnaire's English texts.
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert any(h.endswith("What is your story about?") for h in headings), headings
    assert any(h.endswith("Tell your story") for h in headings), headings
    assert page.get_by_label("When did you really feel helped?").is_visible()
    assert page.get_by_role("link", name="Nederlands").is_visible()
    no_horizontal_scroll(page)

    # What was typed in Dutch is still there: the draft lives in the tab, not in the URL.
    assert page.locator("#text").input_value() == STORY_TEXT
    assert page.locator("#title").input_value() == STORY_TITLE
    assert page.get_by_label("When did you really feel helped?").is_checked()

    page.get_by_role("button", name=send_button).click()
    page.wait_for_url("**/bedankt?lang=en*")
    assert_thanked(page, youth_link, heading=thanks_heading)
    assert page.locator("html").get_attribute("lang") == "en"
    stories, _ = stored(session)
    assert [(s.title, s.language) for s in stories] == [(STORY_TITLE, "en")]
    assert recorder.page_errors == []
