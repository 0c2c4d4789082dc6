"""A conditional question on a general link: hidden until it applies with the script, plainly asked without."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from coalitions.models import InviteLink
from tests.browser.conftest import NewContext
from tests.browser.pages import PROMPT_LABEL, STORY_TEXT, STORY_TITLE, send, share_url, stored

pytestmark = pytest.mark.browser

PROFESSIONAL = "Ik werk met kinderen, jongeren of gezinnen"
PARENT = "Ik ben ouder, verzorger of familie"
FIELD = "Onderwijs"


def test_follow_up_question_appears_only_when_it_applies(
    new_context: NewContext, live_server: str, session: Session, general_link: InviteLink
) -> None:
    context, recorder = new_context()
    page = context.new_page()
    page.goto(share_url(live_server, general_link))
    follow_up = page.locator("#q-professional_field")
    # A general link answers nothing: the questions a link would prefill are asked here.
    for name in ("perspective", "age_category", "organisation_type", "organisation"):
        assert page.locator(f'[name="{name}"]').count() > 0, f"{name} is not asked on a general link"
    assert follow_up.is_hidden()

    page.get_by_label(PROFESSIONAL).check()
    assert follow_up.is_visible()
    follow_up.get_by_label(FIELD).check()
    page.get_by_label(PARENT).check()
    assert follow_up.is_hidden()
    page.get_by_label(PROFESSIONAL).check()
    assert follow_up.get_by_label(FIELD).is_checked(), "hiding the question does not throw the answer away"

    page.get_by_label(PROMPT_LABEL).check()
    page.locator("#text").fill(STORY_TEXT)
    page.locator("#title").fill(STORY_TITLE)
    send(page)
    stories, answers = stored(session)
    assert len(stories) == 1
    story = stories[0]
    assert story.organisation_id is None
    given = {qid: a.value for qid, a in answers[story.id].items()}
    assert given["perspective"] == "professional"
    assert given["professional_field"] == "education"
    assert not any(a.prefilled for a in answers[story.id].values())
    assert recorder.page_errors == []


def test_follow_up_answer_is_dropped_when_the_teller_changes_their_mind(
    new_context: NewContext, live_server: str, session: Session, general_link: InviteLink
) -> None:
    context, _ = new_context()
    page = context.new_page()
    page.goto(share_url(live_server, general_link))
    page.get_by_label(PROFESSIONAL).check()
    page.locator("#q-professional_field").get_by_label(FIELD).check()
    page.get_by_label(PARENT).check()  # the follow-up hides, its radio stays checked in the page

    page.get_by_label(PROMPT_LABEL).check()
    page.locator("#text").fill(STORY_TEXT)
    page.locator("#title").fill(STORY_TITLE)
    send(page)
    stories, answers = stored(session)
    assert len(stories) == 1
    given = {qid: a.value for qid, a in answers[stories[0].id].items()}
    assert given["perspective"] == "parent"
    assert "professional_field" not in given, "an answer to a question that does not apply is not stored"


def test_without_javascript_the_follow_up_is_asked_with_a_hint(
    new_context: NewContext, live_server: str, general_link: InviteLink
) -> None:
    context, _ = new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(share_url(live_server, general_link))
    follow_up = page.locator("#q-professional_field")
    assert follow_up.is_visible()
    hint = follow_up.locator(".condition-hint")
    assert hint.is_visible()
    assert PROFESSIONAL in hint.inner_text()
