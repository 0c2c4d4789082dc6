"""axe-core on the staff screens with tables that scroll in their own box: the response dashboard, the
organisations, one organisation, the members, the trajectory plan and the accounts, as an administrator
sees them on a desktop."""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlmodel import Session

from tests.browser.conftest import NewContext
from tests.browser.test_accessibility import blocking_violations
from tests.coalitions._monitoring_helpers import tell
from tests.coalitions.staff_helpers import PASSWORD, make_user
from tests.factories import local_today, make_coalition, make_link, make_organisation

pytestmark = pytest.mark.browser

SLUG = "staf-tabellen"
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "is_mobile": False, "has_touch": False}


@pytest.fixture
def staff_data(session: Session) -> dict[str, Any]:
    """A coalition with a general link, two organisations with stories, a member, and an administrator."""
    coalition = make_coalition(session, slug=SLUG, name="Samen Sterk Rivierland")
    make_link(session, coalition, general=True)
    small = make_organisation(session, coalition, name="Het Baken", contact_name="R. de Boer")
    large = make_organisation(session, coalition, name="Jeugdhulp De Brug en partners in de regio West")
    tell(session, make_link(session, coalition, organisation=small, label="Jongeren"), day=local_today(), n=3)
    tell(
        session,
        make_link(session, coalition, organisation=large, perspective="youth"),
        day=local_today(),
        n=12,
        perspective="youth",
    )
    make_user(session, email="lid@example.org", role="member", coalition=coalition, lead=False)
    admin = make_user(session, email="beheer@example.org", role="admin")
    found = {"email": admin.email, "organisation_id": large.id}
    session.expunge_all()
    session.commit()
    return found


def test_staff_table_screens_have_no_serious_axe_violations(
    new_context: NewContext, live_server: str, staff_data: dict[str, Any]
) -> None:
    context, recorder = new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server}/login")
    page.fill("#email", staff_data["email"])
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()

    base = f"{live_server}/coalitions/{SLUG}"
    screens = [
        ("response dashboard", f"{base}/respons"),
        ("organisations", f"{base}/organisaties"),
        ("organisation", f"{base}/organisaties/{staff_data['organisation_id']}"),
        ("members", f"{base}/leden"),
        ("plan", f"{base}/plan"),
        ("accounts", f"{live_server}/admin/accounts"),
    ]
    problems: dict[str, list[str]] = {}
    for name, url in screens:
        page.goto(url)
        assert page.locator("h1").count() == 1, f"{name}: not a page ({page.url})"
        if name == "response dashboard":
            page.wait_for_selector("#chart-organisation .main-svg")
        # Every table scrolls in a box that a keyboard can reach and a screen reader can name.
        boxes = page.locator(".table-scroll")
        assert boxes.count() >= 1, f"{name}: no table"
        for box in boxes.all():
            assert box.get_attribute("tabindex") == "0", f"{name}: a table box out of the tab order"
            assert box.get_attribute("role") == "region", f"{name}: a table box without a role"
            label = page.locator(f"#{box.get_attribute('aria-labelledby')}")
            assert label.count() == 1 and label.text_content().strip(), f"{name}: a table box without a name"
        found = blocking_violations(page)
        if found:
            problems[name] = found

    assert problems == {}, "\n".join(f"{name}: {line}" for name, lines in problems.items() for line in lines)
    assert re.search(r"/admin/accounts$", page.url)
    assert recorder.page_errors == []
