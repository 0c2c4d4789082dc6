"""axe-core and a 360 px phone on the sensemaking screens: stories, the personal-data check, patterns,
regional figures and themes, as a coalition member preparing a workshop sees them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from sqlmodel import Session

from sensemaking import hard_data
from tests.browser.conftest import NewContext
from tests.browser.test_accessibility import blocking_violations
from tests.coalitions.staff_helpers import PASSWORD, make_user
from tests.factories import make_coalition, make_organisation
from tests.sensemaking._stories import make_story
from tests.sensemaking._themes import subject_stories

pytestmark = pytest.mark.browser

SLUG = "regio-west"
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "is_mobile": False, "has_touch": False}
PHONE_STORY = "Bel mij gerust op 06-12345678, want de wachtlijst duurde maanden en niemand belde terug."
PERSPECTIVES = ("youth", "parent", "professional")
FEELINGS = ("very_good", "good", "mixed", "bad", "very_bad")
FIGURES = (
    "indicator;periode;waarde;eenheid;bron\n"
    "Uithuisplaatsingen per 1.000 jeugdigen in de regio West en omliggende gemeenten;2023;13,1;per 1.000;"
    "CBS Jeugdmonitor, bewerking door de gemeente\n"
    "Uithuisplaatsingen per 1.000 jeugdigen in de regio West en omliggende gemeenten;2024;12,5;per 1.000;"
    "CBS Jeugdmonitor, bewerking door de gemeente\n"
    "Jeugdigen met jeugdhulp;2024;1187;jeugdigen;CBS\n"
)
# The page's width, the window's and the layout's, and what sticks out (a table scrolling in its own box may).
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const wide = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.table-scroll')
      && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1))
    .map((el) => name(el) + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, width, wide: wide.slice(0, 8)};
}"""
OPEN_ALL = "() => document.querySelectorAll('details').forEach((d) => { d.open = true; })"


def answers(n: int) -> dict[str, Any]:
    """Varied answers of every kind, so that filters, tables, charts and the story page show them all."""
    return {
        "prompt": ("helped", "not_helped", "safe")[n % 3],
        "perspective": PERSPECTIVES[n % 3],
        "feeling": FEELINGS[n % 5],
        "helpers": [("family", "school", "care", "friends")[n % 4], "neighbourhood"],
        "what_mattered": [(0.6, 0.2, 0.2), (0.1, 0.2, 0.7), (0.3, 0.5, 0.2)][n % 3],
        "who_decided": (n % 7) / 6,
        "age_category": ("12-18", "0-12")[n % 2],
    }


@pytest.fixture
def workshop(session: Session) -> dict[str, Any]:
    """A coalition with two organisations, 31 stories (one with a phone number), regional figures and a member."""
    coalition = make_coalition(session, slug=SLUG)
    organisations = [
        make_organisation(session, coalition, name="Jeugdhulp De Brug en partners in de regio West"),
        make_organisation(session, coalition, name="Wijkteam Centrum"),
    ]
    for n, (subject, text) in enumerate(subject_stories()):
        make_story(
            session,
            coalition,
            organisation=organisations[n % 2],
            text=text,
            title=subject.capitalize(),
            answers=answers(n),
        )
    story = make_story(
        session,
        coalition,
        organisation=organisations[0],
        text=PHONE_STORY,
        title="Lang wachten",
        answers=answers(1),
    )
    rows = hard_data.read_csv(FIGURES.encode("utf-8")).rows
    assert rows, "the example figures must be readable"
    hard_data.replace_figures(session, coalition.id or 0, rows)
    user = make_user(session, email="lid@example.org", role="member", coalition=coalition)
    found = {"story_id": story.id, "email": user.email}
    session.expunge_all()
    session.commit()
    return found


def sign_in(page: Any, base: str, email: str) -> None:
    page.goto(f"{base}/verhalen")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/verhalen"))


def start_theme_run(page: Any, base: str) -> str:
    """Ask for three themes through the form (the run finishes inline under TESTING); the run's URL."""
    page.goto(f"{base}/themas")
    page.get_by_label(re.compile("Aantal thema")).fill("3")
    page.get_by_role("button", name="Thema's zoeken").click()
    page.wait_for_url(re.compile(r"/themas/\d+"))
    assert page.locator(".theme-card").count() == 3
    return str(page.url)


def charts_drawn(page: Any) -> None:
    page.wait_for_selector(".js-plotly-plot .main-svg")


# Filters applied on the screens that have them: a search and answers, a split, two groups.
STORY_FILTER = "q=wachtlijst&a.perspective=youth&a.perspective=parent"
PATTERN_FILTER = "split=perspective&a.feeling=good&a.feeling=mixed"
GROUPS = "g1-a.perspective=youth&g2-a.perspective=parent"


def screens(base: str, story_id: int) -> list[tuple[str, str, Callable[[Any], None] | None]]:
    """(name, URL, what to wait for) of every sensemaking screen but the theme run's."""
    return [
        ("story list (filtered)", f"{base}/verhalen?{STORY_FILTER}", None),
        ("story list (page 2)", f"{base}/verhalen?page=2", None),
        ("story", f"{base}/verhalen/{story_id}?q=wachtlijst", None),
        ("personal-data check", f"{base}/verhalen/{story_id}/controleren", None),
        ("patterns (split)", f"{base}/patronen?{PATTERN_FILTER}", charts_drawn),
        ("patterns", f"{base}/patronen", charts_drawn),
        ("comparison", f"{base}/patronen/vergelijken?{GROUPS}", charts_drawn),
        ("comparison (empty)", f"{base}/patronen/vergelijken", None),
        ("regional figures", f"{base}/cijfers", None),
        ("theme runs (filtered)", f"{base}/themas?q=school", None),
    ]


def check_screens(page: Any, base: str, story_id: int, *, phone: bool) -> dict[str, list[str]]:
    """Every screen's axe violations (with all foldouts opened) and, on a phone, its sideways overflow."""
    problems: dict[str, list[str]] = {}
    run_url = start_theme_run(page, base)
    run_screens = [
        ("theme runs", f"{base}/themas", None),
        ("theme run", run_url, None),
    ]
    for name, url, wait in screens(base, story_id) + run_screens:
        page.goto(url)
        assert page.locator("h1").count() == 1, f"{name}: not a page ({page.url})"
        if wait:
            wait(page)
        found: list[str] = []
        if phone:
            found += overflow(page, "closed")
        page.evaluate(OPEN_ALL)
        if phone:
            found += overflow(page, "open")
        found += blocking_violations(page)
        if found:
            problems[name] = found
    # A theme's own page, linked from the run.
    page.goto(run_url)
    page.get_by_role("link", name="Alle verhalen van dit thema").first.click()
    page.wait_for_url(re.compile(r"/thema/\d+"))
    found = (overflow(page, "theme") if phone else []) + blocking_violations(page)
    if found:
        problems["theme"] = found
    return problems


def overflow(page: Any, state: str) -> list[str]:
    """The page body's sideways scrolling at 360 px, if any, with the outermost elements that stick out.

    A phone zooms out to show a too wide page whole, and window.innerWidth grows with it: so the window
    must still be 360 px wide as well as the page no wider than the window.
    """
    found = page.evaluate(OVERFLOW)
    if found["inner"] == 360 and found["scroll"] <= found["inner"] + 1:
        return []
    return [
        f"{state}: page {found['scroll']} px wide, window {found['inner']} px (layout {found['width']} px);"
        f" sticking out: {found['wide']}"
    ]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_sensemaking_screens_have_no_serious_axe_violations_or_sideways_scrolling(
    new_context: NewContext, live_server: str, workshop: dict[str, Any], size: str
) -> None:
    context, recorder = new_context(**(DESKTOP if size == "desktop" else {}))
    page = context.new_page()
    base = f"{live_server}/coalitions/{SLUG}"
    sign_in(page, base, workshop["email"])
    if size == "phone":
        assert page.evaluate("() => window.innerWidth") == 360

    problems = check_screens(page, base, workshop["story_id"], phone=size == "phone")

    assert problems == {}, "\n".join(f"{name}: {line}" for name, lines in problems.items() for line in lines)
    assert recorder.page_errors == []
