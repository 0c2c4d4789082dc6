"""axe-core (shipped inside axe-playwright-python, nothing fetched at run time) on the teller's pages."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session

from coalitions.models import InviteLink
from tests.browser.conftest import NewContext
from tests.browser.pages import STORY_TEXT, STORY_TITLE, share_url, story_count

axe_sync = pytest.importorskip("axe_playwright_python.sync_playwright")

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")


def blocking_violations(page: Any) -> list[str]:
    """axe's serious and critical violations on the page, one readable line each."""
    results = axe_sync.Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> " + ", ".join(str(n["target"]) for n in v["nodes"])
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("lang", [None, "en"], ids=["nl", "en"])
def test_form_error_and_thanks_pages_have_no_serious_axe_violations(
    new_context: NewContext, live_server: str, session: Session, youth_link: InviteLink, lang: str | None
) -> None:
    context, _ = new_context()
    page = context.new_page()
    page.goto(share_url(live_server, youth_link, lang=lang))
    page.locator("details.anonymity-box summary").click()
    assert blocking_violations(page) == [], "story form"

    # An empty form comes back refused, with the error summary and the field errors.
    page.locator("button[type=submit]").click()
    page.locator("#form-message").wait_for()
    assert blocking_violations(page) == [], "form with errors"

    page.locator('input[name="prompt"][value="helped"]').check()
    page.locator("#text").fill(STORY_TEXT)
    page.locator("#title").fill(STORY_TITLE)
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/bedankt*")
    assert blocking_violations(page) == [], "thank-you page"
    assert story_count(session) == 1


def test_axe_reports_a_known_violation(new_context: NewContext, live_server: str) -> None:
    """The check above is only worth something if axe really runs: an unlabelled field must be reported."""
    context, _ = new_context()
    page = context.new_page()
    page.goto(f"{live_server}/privacy")
    page.evaluate("() => document.querySelector('main').append(document.createElement('input'))")
    assert any(line.startswith("label ") for line in blocking_violations(page))
