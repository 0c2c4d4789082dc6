"""A whole workshop session in two real headless Chromium browsers at once.

The facilitator (desktop, signed in) seeds the board from a theme run; a participant (phone, no account)
joins with the session code in a second Chromium; both add and move hexagons, by pointer and by keyboard,
and each sees the other's changes. The facilitator exports the board (SVG, PNG, card PDF, JSON), rebuilds it
from the JSON on a new session's board, turns an action hexagon into a tracked action and finds it in the
actions overview and in the next session's review step.
"""

from __future__ import annotations

import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from sqlmodel import Session

from sensemaking import workshops
from tests.browser.conftest import CHROMIUM_ARGS, NewContext, Recorder
from tests.coalitions.staff_helpers import PASSWORD, make_user
from tests.factories import make_coalition
from tests.sensemaking._workshops import add, apply, make_workshop, run_with_themes

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "is_mobile": False, "has_touch": False}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SEEN_WITHIN_MS = 4_000  # "within about two seconds": polling is every second; generous for a busy CI
SHOTS = os.environ.get("VERTELPUNT_SCREENSHOTS")
XSS = "<img src=x onerror=alert(1)><script>alert(2)</script>"


def hexagon(page: Any, text: str) -> Any:
    return page.locator(".board-canvas .hex", has_text=text)


def state(page: Any, url: str) -> dict:
    return page.request.get(url).json()


def shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def download(page: Any, link_name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    return Path(info.value.path()).read_bytes()


def test_two_browsers_share_one_board(
    new_context: NewContext, live_server: str, session: Session, playwright: Any, chromium: str
) -> None:
    coalition = make_coalition(session, slug="regio-oost")
    run = run_with_themes(session, coalition)
    user = make_user(session, email="begeleider@example.org", role="facilitator", coalition=coalition)
    workshop = make_workshop(session, coalition, title="Eerste sessie", theme_run_id=run.id)
    code, workshop_id, email = workshop.code, workshop.id, user.email
    session.expunge_all()
    session.commit()
    base = f"{live_server}/coalitions/regio-oost/sessies"
    board_url = f"{base}/{workshop_id}/bord"

    # The facilitator signs in and seeds the board from the theme run.
    facilitator_context, facilitator_log = new_context(**DESKTOP, accept_downloads=True)
    lead = facilitator_context.new_page()
    lead.goto(board_url)
    lead.fill("#email", email)
    lead.fill("#password", PASSWORD)
    lead.get_by_role("button", name="Inloggen").click()
    lead.wait_for_url(re.compile(r"/bord$"))
    lead.get_by_role("button", name=re.compile("Zet de thema's")).click()
    lead.wait_for_url(re.compile(r"/bord$"))
    hexagon(lead, "Wachten").first.wait_for()
    assert lead.locator(".board-canvas .hex").count() == 5

    # A participant joins in a second Chromium, on a phone, with the code typed by hand.
    second = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
    try:
        participant_context = second.new_context(**PHONE)
        participant_log = Recorder()
        participant_log.watch(participant_context)
        phone = participant_context.new_page()
        phone.goto(f"{live_server}/w")
        phone.get_by_label("Code van de sessie").fill(workshops.format_code(code).upper())
        phone.get_by_role("button", name="Meedoen").click()
        phone.wait_for_url(re.compile(r"/w/[\w-]+$"))
        hexagon(phone, "School").wait_for()
        assert phone.locator(".board-canvas .hex").count() == 5
        shot(phone, "participant-joined")

        # The participant adds an observation under a theme; the facilitator sees it.
        phone.get_by_role("radio", name="Observatie").check()
        phone.locator("#board-add-text").fill("Niemand belde terug tijdens het wachten")
        phone.locator("#board-add-theme").select_option(label="Wachten")
        phone.get_by_role("button", name="Op het bord zetten").click()
        hexagon(lead, "Niemand belde terug").wait_for(timeout=SEEN_WITHIN_MS)

        # Markup typed into a hexagon stays text on both screens: no script runs, no dialog opens.
        dialogs: list[str] = []
        for page in (lead, phone):
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        phone.locator("#board-add-text").fill(XSS)
        phone.get_by_role("button", name="Op het bord zetten").click()
        hexagon(lead, "<img src=x").wait_for(timeout=SEEN_WITHIN_MS)
        assert dialogs == []
        assert lead.locator(".board-canvas img, .board-canvas script").count() == 0

        # The facilitator adds an action; the participant sees it.
        lead.get_by_role("radio", name="Actie").check()
        lead.locator("#board-add-text").fill("Belronde tijdens het wachten")
        lead.locator("#board-add-theme").select_option(label="Wachten")
        lead.get_by_role("button", name="Op het bord zetten").click()
        hexagon(phone, "Belronde tijdens het wachten").wait_for(timeout=SEEN_WITHIN_MS)

        # The participant drags a hexagon with a pointer; it snaps to a free cell, and the facilitator sees it move.
        state_url = phone.url + "/state"
        before = {h["text"]: (h["q"], h["r"]) for h in state(phone, state_url)["hexagons"]}
        hexagon(phone, "School").scroll_into_view_if_needed()
        box = hexagon(phone, "School").bounding_box()
        phone.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        phone.mouse.down()
        phone.mouse.move(box["x"] + box["width"] / 2 - 150, box["y"] + box["height"] / 2 + 160, steps=8)
        phone.mouse.up()
        lead.wait_for_function(
            "([text, left]) => { const el = [...document.querySelectorAll('.board-canvas .hex')]"
            ".find(h => h.textContent.includes(text)); return el && Math.abs(el.offsetLeft - left) > 40; }",
            arg=["School", hexagon(lead, "School").evaluate("el => el.offsetLeft")],
            timeout=SEEN_WITHIN_MS,
        )
        after = {h["text"]: (h["q"], h["r"]) for h in state(phone, state_url)["hexagons"]}
        assert after["School"] != before["School"]
        cells = list(after.values())
        assert len(cells) == len(set(cells)), "two hexagons on one cell"

        # The facilitator moves one with the keyboard: focus, arrow right.
        target = hexagon(lead, "Belronde tijdens het wachten")
        target.focus()
        old = after["Belronde tijdens het wachten"]
        lead.keyboard.press("ArrowRight")
        phone.wait_for_function(
            "([url, old]) => fetch(url).then(r => r.json()).then(s => s.hexagons.some("
            "h => h.text.startsWith('Belronde') && (h.q !== old[0] || h.r !== old[1])))",
            arg=[state_url, list(old)],
            timeout=SEEN_WITHIN_MS,
        )
        # The participant's connection drops: the change waits in the outbox and arrives once back online.
        participant_context.set_offline(True)
        phone.locator("#board-add-text").fill("Geschreven zonder wifi")
        phone.get_by_role("button", name="Op het bord zetten").click()
        phone.get_by_text("Geen verbinding").wait_for()
        hexagon(phone, "Geschreven zonder wifi").wait_for()  # still on the participant's own screen
        participant_context.set_offline(False)
        hexagon(lead, "Geschreven zonder wifi").wait_for(timeout=SEEN_WITHIN_MS * 3)
        assert [h["text"] for h in state(phone, state_url)["hexagons"]].count("Geschreven zonder wifi") == 1

        shot(lead, "facilitator-board")
        shot(phone, "participant-board")
        assert participant_log.page_errors == []
        # Only the requests made while offline may fail.
        assert [e for e in participant_log.console_errors if "ERR_INTERNET_DISCONNECTED" not in e] == []
    finally:
        second.close()

    # Exports: SVG, PNG, card PDF and JSON.
    svg = download(lead, "Plaatje (SVG)")
    root = ET.fromstring(svg)  # noqa: S314 - our own export, parsing is the test
    assert len(root.findall(".//{http://www.w3.org/2000/svg}polygon")) == 9
    assert download(lead, "Plaatje (PNG)").startswith(b"\x89PNG")
    with lead.expect_download() as info:
        lead.get_by_role("button", name="Kaarten maken").click()
    cards = Path(info.value.path()).read_bytes()
    assert len(pypdfium2.PdfDocument(io.BytesIO(cards))) == 3  # 9 cards + 6 empty observation cards
    exported = download(lead, "Gegevens (JSON)")
    assert len(json.loads(exported)["hexagons"]) == 9

    # Rebuild the board from its JSON on a new session, identical.
    lead.goto(f"{base}/nieuw")
    lead.get_by_label("Titel").fill("Herbouwd bord")
    lead.get_by_role("button", name="Bewaren").click()
    lead.wait_for_url(re.compile(r"/sessies/\d+$"))
    lead.get_by_role("link", name="Naar het bord").click()
    lead.get_by_label("Bord opbouwen uit een JSON-export").set_input_files(
        files=[{"name": "bord.json", "mimeType": "application/json", "buffer": exported}]
    )
    lead.get_by_role("button", name="Opbouwen", exact=True).click()
    hexagon(lead, "Niemand belde terug").wait_for()
    assert download(lead, "Gegevens (JSON)") == exported

    # The action from the first board becomes a tracked action, seen in the overview and the next review.
    lead.goto(board_url)
    lead.get_by_role("button", name=re.compile("Volgen als actie")).click()
    lead.wait_for_url(re.compile(r"/acties/\d+$"))
    lead.goto(f"{live_server}/coalitions/regio-oost/acties")
    assert "Belronde tijdens het wachten" in lead.locator("main").inner_text()
    lead.goto(f"{base}/nieuw")
    lead.get_by_label("Titel").fill("Tweede sessie")
    lead.get_by_role("button", name="Bewaren").click()
    lead.wait_for_url(re.compile(r"/sessies/\d+$"))
    review = lead.locator(".review-list")
    assert "Belronde tijdens het wachten" in review.inner_text()
    shot(lead, "next-session-review")

    assert facilitator_log.page_errors == []
    assert not [e for e in facilitator_log.console_errors if "Content Security Policy" in e or "Refused" in e]


def test_a_closed_session_still_shows_its_board_to_the_coalition(
    new_context: NewContext, live_server: str, session: Session
) -> None:
    coalition = make_coalition(session, slug="regio-west")
    user = make_user(session, email="trekker@example.org", role="member", coalition=coalition)
    workshop = make_workshop(session, coalition, title="Afgelopen sessie")
    theme = add("theme", "Wachten", 0, 0)
    apply(session, workshop, theme, add("observation", "Niemand belde", 1, 0, link=theme["id"]))
    workshops.close_session(session, workshop)
    session.commit()
    workshop_id, email = workshop.id, user.email
    session.expunge_all()
    context, recorder = new_context(**DESKTOP)
    page = context.new_page()
    page.goto(f"{live_server}/coalitions/regio-west/sessies/{workshop_id}/bord")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    hexagon(page, "Niemand belde").wait_for()
    assert page.locator(".board-canvas .hex").count() == 2
    assert page.locator("#board-closed").is_visible()
    assert page.locator("#board-add").count() == 0
    hexagon(page, "Wachten").click()
    assert page.locator("#board-editor").is_hidden()  # nothing to change on a closed board
    assert recorder.page_errors == []
