"""What the public pages leave behind and call out to: no cookies, no other sites, no errors."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session

from coalitions.models import InviteLink
from tests.browser.conftest import NewContext, Recorder
from tests.browser.pages import (
    assert_one_story,
    assert_thanked,
    fill_story,
    send,
    share_url,
    story_count,
    triad_scores,
)

pytestmark = pytest.mark.browser


def test_public_flow_sets_no_cookies(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink
) -> None:
    context, recorder = new_context()
    page = context.new_page()
    page.goto(share_url(live_server, youth_link))
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**lang=en")
    page.get_by_role("link", name="Nederlands").click()
    page.wait_for_url("**lang=nl")
    fill_story(page)
    send(page)
    assert_thanked(page, youth_link)
    page.locator("footer a").first.click()
    page.wait_for_url("**/privacy")

    assert recorder.set_cookies == []
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    assert story_count(session) == 1


def test_story_can_be_told_with_cookies_and_storage_blocked(
    cookieless_context: tuple[Any, Recorder], live_server: str, session: Session, youth_link: InviteLink
) -> None:
    context, recorder = cookieless_context
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(share_url(live_server, youth_link))
    blocked = page.evaluate("() => { try { return !window.sessionStorage; } catch (e) { return e.name; } }")
    assert blocked == "SecurityError", "this profile should refuse the page its storage"

    fill_story(page, triad="triangle")
    assert triad_scores(page) == ["8", "1", "1"], "the triangle works without storage too"
    send(page)
    assert_thanked(page, youth_link)
    assert_one_story(session, youth_link, triad={"listened": 0.8, "quick": 0.1, "together": 0.1})
    assert recorder.page_errors == [], "the script must cope with storage it may not use"
    assert recorder.set_cookies == []


def test_no_third_party_requests_console_errors_or_csp_violations(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink
) -> None:
    context, recorder = new_context()
    # Report CSP violations in every document as console errors (an init script is not subject to the CSP).
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = context.new_page()
    form_url = share_url(live_server, youth_link)
    page.goto(form_url)
    page.locator("details.anonymity-box summary").click()
    fill_story(page, triad="triangle")
    send(page)
    assert_thanked(page, youth_link)
    # "Share another experience" leads back to a working form.
    page.locator(f'main a[href^="/i/{youth_link.token}"]').first.click()
    page.wait_for_url(form_url)
    page.locator("svg.triad-board").wait_for()
    page.locator("footer a").first.click()
    page.wait_for_url("**/privacy")

    assert len(recorder.requests) >= 8, recorder.requests
    assert [url for url in recorder.requests if not url.startswith(live_server + "/")] == []
    assert recorder.console_errors == []
    assert recorder.page_errors == []
    assert story_count(session) == 1

    # The watch works: an inline script, which the CSP forbids, is reported.
    with page.expect_console_message(lambda message: "CSP violation: script-src" in message.text):
        page.evaluate(
            "() => { const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }"
        )
