"""axe-core, a 360 px phone and a 1280 px desktop on the workshop screens: the sessions, the agenda, the
live board (also by keyboard), ritual dissent, the evaluation, the actions, the feedback pages, and what a
participant without an account sees: joining with the code, the board on a phone, the evaluation form.

Screenshots of the board, the session page, the actions overview and the feedback page are written to
/tmp/a11y-shots/ (or VERTELPUNT_A11Y_SHOTS) to be looked at by a person.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from sensemaking import actions, boards, dissent, evaluations, feedback, workshops
from sensemaking.models import Hexagon
from tests.browser.conftest import NewContext, Recorder
from tests.browser.test_accessibility import blocking_violations
from tests.coalitions.staff_helpers import PASSWORD, make_user
from tests.factories import local_today, make_coalition, make_organisation
from tests.sensemaking._stories import make_story
from tests.sensemaking._workshops import add, apply, make_workshop, run_with_themes

pytestmark = pytest.mark.browser

SLUG = "regio-zuid"
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "is_mobile": False, "has_touch": False}
SHOTS = Path(os.environ.get("VERTELPUNT_A11Y_SHOTS") or Path(tempfile.gettempdir()) / "a11y-shots")
LONG_ACTION = (
    "Een vaste contactpersoon die tijdens het wachten elke twee weken belt, ook in de vakanties, "
    "zodat jongeren weten waar ze aan toe zijn"
)
# The page's width, the window's and the layout's, and what sticks out: a table or the board in its own
# scrolling box may be wider than the screen.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const wide = [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.table-scroll, .board-viewport')
      && !(el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1))
    .map((el) => name(el) + ' ' + Math.round(el.getBoundingClientRect().right) + 'px');
  return {scroll: document.documentElement.scrollWidth, inner: window.innerWidth, width, wide: wide.slice(0, 8)};
}"""
OPEN_ALL = "() => document.querySelectorAll('details').forEach((d) => { d.open = true; })"
# Violations of the Content Security Policy, as the page itself sees them (the console shows them too).
WATCH_CSP = """() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation',
    (e) => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
}"""


@pytest.fixture
def data(session: Session) -> dict[str, Any]:
    """A coalition after a workshop: a seeded board, tracked actions with notes, dissent, evaluations and a
    published lesson and action; a second workshop planned to review the actions; a member who signs in."""
    coalition = make_coalition(session, slug=SLUG, name="Samen Sterk Regio Zuid")
    organisation = make_organisation(
        session, coalition, name="Jeugdhulp De Brug en partners in de regio Zuid"
    )
    stories = [
        make_story(session, coalition, organisation=organisation, title=f"Verhaal {n}", text=text)
        for n, text in enumerate(
            (
                "Ik moest maanden wachten en niemand belde terug. Op school wisten ze van niets.",
                "Mijn begeleider kwam gewoon bij ons thuis en luisterde echt naar wat ik wilde.",
                "Op school merkten ze pas heel laat dat het thuis niet goed ging.",
            ),
            start=1,
        )
    ]
    run = run_with_themes(session, coalition)
    user = make_user(session, email="lid@example.org", role="member", coalition=coalition)

    first = make_workshop(
        session,
        coalition,
        title="Eerste sessie over wachten en school",
        theme_run_id=run.id,
        held_on=local_today() - timedelta(days=14),
        location="Buurthuis De Klimop, grote zaal",
        goal="Samen kijken wat de verhalen ons vertellen over wachten.",
        participants="Twee jongeren\nEen ouder\nDrie professionals",
    )
    session.rollback()
    workshops.set_stories(session, workshop=first, story_ids=[s.id for s in stories[:2]])
    boards.seed_from_run(session, workshop=first, run_id=run.id or 0)
    session.commit()
    themes = {
        h.text: h.id
        for h in session.exec(select(Hexagon).where(Hexagon.workshop_id == first.id, Hexagon.kind == "theme"))
    }
    tracked = add("action", LONG_ACTION, 2, 0, themes["Wachten"])
    apply(
        session,
        first,
        add("observation", "Niemand belde terug tijdens het wachten", 1, 1, themes["Wachten"]),
        add("observation", "School hoort het pas laat", 6, 1, themes["School"]),
        tracked,
        add("action", "Spreekuur op school", 7, 0, themes["School"]),
        staff=True,
    )
    session.rollback()
    hexagon = session.get(Hexagon, tracked["id"])
    assert hexagon is not None
    action = actions.action_from_hexagon(session, workshop=first, hexagon=hexagon)
    actions.update_action(
        session,
        action,
        {
            "owner": "Wijkteam Centrum",
            "organisation_id": organisation.id,
            "term": "short",
            "due_on": local_today() + timedelta(days=30),
            "obstacles": "Er is nog geen budget voor de belronde.",
            "enablers": "Het wijkteam wil meedoen.",
        },
    )
    actions.add_note(
        session, action=action, text="Eerste belronde gehouden met vijf gezinnen.", status="running"
    )
    other = actions.create_action(
        session,
        coalition=coalition,
        title="Jongeren meer laten meebeslissen over hun plan",
        term="long",
        description="Samen met de jongerenraad een manier vinden om jongeren echt mee te laten beslissen.",
    )
    feedback.set_action_publication(
        session,
        coalition=coalition,
        action_id=action.id or 0,
        published=True,
        public_text="Als je moet wachten op hulp, bellen we je elke twee weken om te vertellen hoe het gaat.",
    )
    feedback.add_lesson(
        session,
        coalition=coalition,
        title="Wachten is het zwaarst als niemand iets laat horen",
        text="Veel jongeren vertelden dat ze niet wisten hoe lang het nog zou duren.\n\nDat willen we veranderen.",
        published=True,
    )
    feedback.add_lesson(session, coalition=coalition, title="School merkt problemen vaak laat op", text="")

    proposal = dissent.proposals_from_board(session, workshop=first)[0]
    dissent.record_round(
        session,
        proposal=proposal,
        critique="Wie betaalt de belronde? En wat als niemand opneemt?",
        suggestions="Begin klein, met één wijkteam, en stuur ook een bericht.",
    )
    dissent.save_improved(
        session, proposal=proposal, improved="Eerst een proef van drie maanden in één wijk."
    )
    for n in range(6):
        evaluations.submit_evaluation(
            session,
            workshop=first,
            evaluation_id=evaluations.new_evaluation_id(),
            useful=1 + n % 5,
            heard=5 - n % 3,
            next_steps=3,
            went_well="Goed dat jongeren erbij waren." if n % 2 else "",
            better="Meer tijd voor de acties." if n % 3 == 0 else "",
        )
    session.commit()

    second = make_workshop(
        session, coalition, title="Tweede sessie", held_on=local_today() + timedelta(days=7)
    )
    found = {
        "email": user.email,
        "first": first.id,
        "second": second.id,
        "token": first.token,
        "code": first.code,
        "proposal": proposal.id,
        "action": action.id,
        "other": other.id,
    }
    session.expunge_all()
    session.commit()
    return found


def staff_screens(base: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, URL) of every staff screen of the workshops and the actions."""
    first = f"{base}/sessies/{data['first']}"
    return [
        ("sessions", f"{base}/sessies"),
        ("plan form", f"{base}/sessies/nieuw"),
        ("session (review step)", f"{base}/sessies/{data['second']}"),
        ("session (after the workshop)", first),
        ("agenda", f"{first}/agenda"),
        ("stories", f"{first}/verhalen"),
        ("board", f"{first}/bord"),
        ("proposals", f"{first}/dissent"),
        ("proposal", f"{first}/dissent/{data['proposal']}"),
        ("evaluation results", f"{first}/evaluatie"),
        ("actions", f"{base}/acties"),
        ("new action", f"{base}/acties/nieuw"),
        ("action", f"{base}/acties/{data['action']}"),
        ("action without notes", f"{base}/acties/{data['other']}"),
        ("feedback (staff)", f"{base}/terugkoppeling"),
    ]


def public_screens(live_server: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """(name, URL) of the pages for participants and tellers, who have no account."""
    return [
        ("join", f"{live_server}/w"),
        ("join (wrong code)", f"{live_server}/w?code=zzz-zzz"),
        ("participant board", f"{live_server}/w/{data['token']}"),
        ("evaluation form", f"{live_server}/w/{data['token']}/evaluatie"),
        ("feedback page", f"{live_server}/geleerd/{SLUG}"),
    ]


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


def check(page: Any, name: str, url: str, *, phone: bool) -> list[str]:
    """Open ``url`` and return its problems: axe (all foldouts open too), sideways scrolling on a phone,
    CSP violations."""
    page.goto(url)
    assert page.locator("h1").count() == 1, f"{name}: not a page ({page.url})"
    if page.locator("#board-canvas").count():
        page.locator("#board-canvas .hex").first.wait_for()
    found: list[str] = []
    if phone:
        found += overflow(page, "closed")
    found += blocking_violations(page)
    page.evaluate(OPEN_ALL)
    if phone:
        found += overflow(page, "open")
    found += [f"open: {line}" for line in blocking_violations(page)]
    found += [f"CSP: {line}" for line in page.evaluate("() => window.__csp")]
    return found


def sign_in(page: Any, live_server: str, email: str) -> None:
    page.goto(f"{live_server}/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def watched(context: Any) -> Any:
    """A new page of ``context`` that records CSP violations in ``window.__csp``."""
    context.add_init_script(script=f"({WATCH_CSP})()")
    return context.new_page()


def no_errors(recorder: Recorder) -> None:
    assert recorder.page_errors == []
    assert recorder.console_errors == []


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_workshop_screens_have_no_serious_axe_violations_or_sideways_scrolling(
    new_context: NewContext, live_server: str, data: dict[str, Any], size: str
) -> None:
    phone = size == "phone"
    options = {} if phone else DESKTOP
    problems: dict[str, list[str]] = {}

    context, recorder = new_context(**options)
    page = watched(context)
    sign_in(page, live_server, data["email"])
    if phone:
        assert page.evaluate("() => window.innerWidth") == 360
    base = f"{live_server}/coalitions/{SLUG}"
    for name, url in staff_screens(base, data):
        found = check(page, name, url, phone=phone)
        if found:
            problems[name] = found
        if name == "board":
            # The board's own box may scroll sideways; the page around it may not.
            assert page.locator("#board-viewport").is_visible()
        if name in ("board", "session (review step)", "actions", "feedback (staff)", "proposal", "agenda"):
            shot(page, f"{size}-{name.split(' ')[0]}")
    no_errors(recorder)

    public, public_log = new_context(**options)
    page = watched(public)
    for name, url in public_screens(live_server, data):
        found = check(page, name, url, phone=phone)
        if found:
            problems[name] = found
        if name in ("participant board", "feedback page", "evaluation form", "join (wrong code)"):
            shot(page, f"{size}-{name.replace(' ', '-')}")
    # The join form refusing an empty code, and the evaluation form refusing an empty answer.
    page.goto(f"{live_server}/w")
    page.get_by_role("button", name="Meedoen").click()
    page.locator("#code-error").wait_for()
    problems.setdefault("join (empty)", []).extend(
        blocking_violations(page) + (overflow(page, "empty") if phone else [])
    )
    page.goto(f"{live_server}/w/{data['token']}/evaluatie")
    page.get_by_role("button", name="Versturen").click()
    page.locator("#form-message").wait_for()
    problems.setdefault("evaluation (errors)", []).extend(
        blocking_violations(page) + (overflow(page, "errors") if phone else [])
    )
    problems = {name: lines for name, lines in problems.items() if lines}

    assert problems == {}, "\n".join(f"{name}: {line}" for name, lines in problems.items() for line in lines)
    assert public_log.page_errors == []
    # The refused forms answer 400 and 422, which the browser logs as failed loads; nothing else may be logged.
    assert [e for e in public_log.console_errors if not re.search(r"status of 4(00|22) ", e)] == []


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_board_works_by_keyboard(
    new_context: NewContext, live_server: str, data: dict[str, Any], size: str
) -> None:
    context, recorder = new_context(**({} if size == "phone" else DESKTOP))
    page = watched(context)
    sign_in(page, live_server, data["email"])
    page.goto(f"{live_server}/coalitions/{SLUG}/sessies/{data['first']}/bord")
    page.locator("#board-canvas .hex").first.wait_for()

    # Tab from the board's scrolling box reaches the first hexagon, which has a name.
    page.locator("#board-viewport").focus()
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => ({cls: document.activeElement.className, name: document.activeElement.getAttribute('aria-label'),"
        " role: document.activeElement.getAttribute('role'), id: document.activeElement.dataset.id})"
    )
    assert "hex" in focused["cls"].split(), focused
    assert focused["role"] == "button"
    assert re.match(r"^(Observatie|Thema|Actie): \S", focused["name"] or ""), focused
    hexagon = page.locator(f'.hex[data-id="{focused["id"]}"]')
    assert hexagon.evaluate("el => el.getBoundingClientRect().width") > 0

    # An arrow key moves it; the status region says where to.
    left = hexagon.evaluate("el => el.offsetLeft")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.getElementById('board-status').textContent.startsWith('Verplaatst')"
    )
    assert hexagon.evaluate("el => el.offsetLeft") > left
    assert page.evaluate("() => document.activeElement.dataset.id") == focused["id"]
    assert page.locator("#board-status").get_attribute("role") == "status"

    # Enter opens the editor with the focus in its text; axe finds nothing there either.
    page.keyboard.press("Enter")
    page.locator("#board-editor").wait_for()
    assert page.evaluate("() => document.activeElement.id") == "board-editor-text"
    assert blocking_violations(page) == []
    if size == "phone":
        assert overflow(page, "editor") == []
    shot(page, f"{size}-board-editor")

    # Escape closes it and gives the focus back to the hexagon.
    page.keyboard.press("Escape")
    page.locator("#board-editor").wait_for(state="hidden")
    assert page.evaluate("() => document.activeElement.dataset.id") == focused["id"]
    assert page.evaluate("() => window.__csp") == []
    no_errors(recorder)


CENTRES = """() => [...document.querySelectorAll('#board-canvas .hex')].map((el) => {
  const box = el.getBoundingClientRect();
  return {id: el.dataset.id, x: box.x + box.width / 2, y: box.y + box.height / 2, width: box.width};
})"""


def test_the_board_zooms_and_a_dragged_hexagon_lands_under_the_pointer(
    new_context: NewContext, live_server: str, data: dict[str, Any]
) -> None:
    context, recorder = new_context(**DESKTOP)
    page = watched(context)
    sign_in(page, live_server, data["email"])
    page.goto(f"{live_server}/coalitions/{SLUG}/sessies/{data['first']}/bord")
    page.locator("#board-canvas .hex").first.wait_for()
    assert page.locator("#board-zoom-level").text_content() == "100%"
    normal = page.evaluate(CENTRES)[0]["width"]

    page.get_by_role("button", name="Groter").click()
    page.get_by_role("button", name="Groter").click()
    assert page.locator("#board-zoom-level").text_content() == "150%"
    assert "150 procent" in (page.locator("#board-status").text_content() or "")
    assert page.evaluate(CENTRES)[0]["width"] == pytest.approx(normal * 1.5, abs=2)
    # "contactpersoon" (14 letters) gets a smaller letter and fits on its line unbroken.
    fits = page.evaluate(
        """() => [...document.querySelectorAll('#board-canvas .hex-text')]
          .filter((el) => el.textContent.includes('contactpersoon'))
          .map((el) => { el.style.overflowWrap = 'normal'; const ok = el.scrollWidth <= el.clientWidth + 1;
                         el.style.overflowWrap = ''; return [ok, el.style.fontSize !== '']; })"""
    )
    assert fits == [[True, True]]
    assert blocking_violations(page) == []
    shot(page, "desktop-board-zoom-150")

    # The rightmost hexagon, dragged two hexagon widths further right (free cells), lands two cells on:
    # the distance on screen is divided by the zoom (without that it would land three cells on).
    page.locator("#board-viewport").evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    rightmost = max(page.evaluate(CENTRES), key=lambda c: c["x"])
    left = f"parseFloat(document.querySelector(`.hex[data-id='{rightmost['id']}']`).style.left)"
    start = page.evaluate(f"() => {left}")
    page.mouse.move(rightmost["x"], rightmost["y"])
    page.mouse.down()
    page.mouse.move(rightmost["x"] + rightmost["width"] * 2, rightmost["y"], steps=10)
    page.mouse.up()
    two_cells = 2 * 3**0.5 * 60  # two hexagon widths in board pixels (size 60, pointy top)
    page.wait_for_function(f"() => Math.abs({left} - {start} - {two_cells}) < 1.5", timeout=5000)
    page.wait_for_timeout(1500)  # and the server's next state agrees
    assert page.evaluate(f"() => {left}") - start == pytest.approx(two_cells, abs=1.5)
    assert next(c for c in page.evaluate(CENTRES) if c["id"] == rightmost["id"])["width"] == pytest.approx(
        normal * 1.5, abs=2
    )

    page.reload()
    page.locator("#board-canvas .hex").first.wait_for()
    assert page.locator("#board-zoom-level").text_content() == "150%"  # kept for this tab
    page.get_by_role("button", name="Gewone grootte").click()
    assert page.locator("#board-zoom-level").text_content() == "100%"
    assert page.evaluate("() => window.__csp") == []
    no_errors(recorder)


def test_a_hexagon_dragged_past_the_left_edge_lands_under_the_pointer_and_nothing_else_jumps(
    new_context: NewContext, live_server: str, data: dict[str, Any]
) -> None:
    context, recorder = new_context(**DESKTOP)
    page = watched(context)
    sign_in(page, live_server, data["email"])
    page.goto(f"{live_server}/coalitions/{SLUG}/sessies/{data['first']}/bord")
    page.locator("#board-canvas .hex").first.wait_for()
    page.locator("#board-viewport").evaluate("el => { el.scrollLeft = 0; }")
    before = page.evaluate(CENTRES)
    leftmost = min(before, key=lambda c: c["x"])
    others = {c["id"]: c for c in before if c["id"] != leftmost["id"]}
    drop = (leftmost["x"] - leftmost["width"], leftmost["y"])  # one cell past the left edge, still on screen
    page.mouse.move(leftmost["x"], leftmost["y"])
    page.mouse.down()
    page.mouse.move(*drop, steps=10)
    page.mouse.up()
    page.wait_for_function("() => document.getElementById('board-status').textContent.includes('Opgeslagen')")
    page.wait_for_timeout(1200)  # the next poll's state is drawn too
    after = {c["id"]: c for c in page.evaluate(CENTRES)}
    moved = after[leftmost["id"]]
    assert (
        abs(moved["x"] - drop[0]) <= leftmost["width"] / 2
        and abs(moved["y"] - drop[1]) <= leftmost["width"] / 2
    )
    shifted = [
        i for i, c in others.items() if abs(after[i]["x"] - c["x"]) > 2 or abs(after[i]["y"] - c["y"]) > 2
    ]
    assert shifted == []
    no_errors(recorder)
