"""The response dashboard's plotly charts under our strict CSP: drawn, no refused styles, nothing fetched elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import Session

from tests.browser.conftest import NewContext
from tests.coalitions._monitoring_helpers import PASSWORD, member_of, tell
from tests.factories import local_today, make_coalition, make_link, make_organisation

pytestmark = pytest.mark.browser

WATCH_CSP = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective));
"""


def sign_in(page: Any, live_server: str, email: str) -> None:
    page.goto(f"{live_server}/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def test_charts_draw_under_the_csp(new_context: NewContext, live_server: str, session: Session) -> None:
    coalition = make_coalition(session, slug="grafieken")
    small = make_organisation(session, coalition, name="Kleine Club")
    large = make_organisation(session, coalition, name="Grote Stichting")
    tell(
        session,
        make_link(session, coalition, organisation=small),
        day=local_today(),
        n=3,
        perspective="parent",
    )
    tell(
        session,
        make_link(session, coalition, organisation=large),
        day=local_today(),
        n=9,
        perspective="youth",
    )
    largest = make_organisation(session, coalition, name="Zeer Grote Stichting")
    tell(
        session,
        make_link(session, coalition, organisation=largest),
        day=local_today(),
        n=20,
        perspective="youth",
    )
    email = member_of(session, coalition).email
    session.commit()

    context, recorder = new_context(viewport={"width": 1280, "height": 900}, is_mobile=False, has_touch=False)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/coalitions/grafieken/respons")
    for name in ("organisation", "perspective", "age_category", "week"):
        page.wait_for_selector(f"#chart-{name} .main-svg")

    assert page.evaluate("window.__csp") == []
    assert page.evaluate("document.querySelectorAll('style').length") == 0
    assert recorder.console_errors == [] and recorder.page_errors == []
    assert all(url.startswith(live_server) for url in recorder.requests)
    # Hidden counts get no bar, only their mark: "<5" for the 3, "×" for the 9 hidden beside it.
    chart = page.locator("#chart-organisation")
    assert sorted(chart.locator("text.bartext").all_text_contents()) == ["0", "20"]
    assert sorted(chart.locator("text.annotation-text").all_text_contents()) == sorted(["×", "<5"])


def test_on_a_phone_the_bars_get_room_beside_long_labels(
    new_context: NewContext, live_server: str, session: Session
) -> None:
    coalition = make_coalition(session, slug="telefoon")
    long_name = "Stichting Jeugdhulp en Gezinsondersteuning Veenhaven-Noord"
    tell(
        session,
        make_link(session, coalition, organisation=make_organisation(session, coalition, name=long_name)),
        day=local_today(),
        n=12,
        perspective="parent",
    )
    email = member_of(session, coalition).email
    session.commit()
    context, recorder = new_context()  # a 360 px phone
    page = context.new_page()
    sign_in(page, live_server, email)
    page.goto(f"{live_server}/coalitions/telefoon/respons")
    page.wait_for_selector("#chart-organisation .main-svg")
    chart, bars = page.evaluate(
        """() => { const box = (s) => document.querySelector(s).getBoundingClientRect().width;
                   return [box('#chart-organisation .main-svg'), box('#chart-organisation .draglayer .nsewdrag')]; }"""
    )
    assert bars >= chart / 3, (bars, chart)  # the label wraps instead of taking the whole width (was a fifth)
    assert recorder.page_errors == []
