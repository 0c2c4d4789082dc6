"""A facilitator prepares a workshop in a real Chromium: finds stories, checks one for personal data,
looks at the patterns, finds themes and renames one."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from sensemaking.models import StoryReview
from tests.browser.conftest import NewContext
from tests.coalitions.staff_helpers import PASSWORD, make_user
from tests.factories import make_coalition
from tests.sensemaking._stories import make_story
from tests.sensemaking._themes import subject_stories

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "is_mobile": False, "has_touch": False}
PHONE_STORY = "Bel mij gerust op 06-12345678, want de wachtlijst duurde maanden en niemand belde terug."


def test_facilitator_prepares_a_workshop(new_context: NewContext, live_server: str, session: Session) -> None:
    coalition = make_coalition(session, slug="regio-oost")
    for subject, text in subject_stories():
        make_story(session, coalition, text=text, title=subject.capitalize())
    story = make_story(session, coalition, text=PHONE_STORY, title="Lang wachten")
    story_id = story.id
    user = make_user(session, email="begeleider@example.org", role="facilitator", coalition=coalition)
    session.expunge_all()
    session.commit()
    context, recorder = new_context(**DESKTOP)
    page = context.new_page()
    base = f"{live_server}/coalitions/regio-oost"

    page.goto(f"{base}/verhalen")
    page.fill("#email", user.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    # Find the stories about waiting, and open the one with a phone number in it.
    page.get_by_label("Zoeken in titel en tekst").fill("wachtlijst")
    page.get_by_role("button", name=re.compile("Verhalen tonen|Toon|Zoeken")).first.click()
    heading = page.locator("#results-heading").inner_text()
    assert "Gevonden verhalen" in heading
    assert page.locator(".story-card").count() < 31
    page.get_by_role("link", name="Lang wachten").click()
    assert "06-12345678" in page.content()

    # Check it for personal data: the number is proposed for redaction; saving shows the checked version.
    page.get_by_role("link", name=re.compile("Controleren")).first.click()
    text = page.locator("textarea").first.input_value()
    assert "06-12345678" not in text and "[telefoonnummer]" in text
    page.get_by_role("button", name="Gecontroleerde versie opslaan").click()
    page.wait_for_url(re.compile(rf"/verhalen/{story_id}(\?.*)?$"))
    assert "06-12345678" not in page.content()
    assert session.exec(select(StoryReview).where(StoryReview.story_id == story_id)).first() is not None
    session.commit()

    # Patterns: charts drawn by the locally served plotly, within the CSP.
    page.goto(f"{base}/patronen")
    page.wait_for_selector(".js-plotly-plot .main-svg")

    # Themes: ask for three, see them, rename one.
    page.goto(f"{base}/themas")
    page.get_by_label(re.compile("Aantal thema")).fill("3")
    page.get_by_role("button", name="Thema's zoeken").click()
    page.wait_for_url(re.compile(r"/themas/\d+"))
    assert page.locator(".theme-card").count() == 3
    page.locator(".theme-edit summary").first.click()  # the edit actions fold open
    first_label = page.locator("input[name=label]").first
    first_label.fill("Wachten op hulp")
    page.get_by_role("button", name="Naam opslaan").first.click()
    page.wait_for_url(re.compile(r"/themas/\d+"))
    assert "Wachten op hulp" in page.content()

    assert recorder.page_errors == []
    assert not [e for e in recorder.console_errors if "Content Security Policy" in e or "Refused" in e]
