"""How long a change on the workshop board takes to appear in another browser.

    .venv/bin/python bench/board_latency.py [--changes 20] [--chromium /usr/bin/chromium]

Serves the app on a fresh SQLite file (a thread of this process, as the browser tests do), opens the board in
two separate headless Chromium processes (a facilitator signed in, a participant who joined with the code),
and lets the participant add hexagons one at a time, then move them. For each change it measures the time from
the click until the other browser shows it. The board asks the server for news every second, so the expected
figure is about half a second on average and at most about a second plus a round trip; the issue asks for
"about two seconds".
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from coalitions import accounts  # noqa: E402
from tests.factories import make_coalition  # noqa: E402
from tests.sensemaking._workshops import make_workshop  # noqa: E402
from vertelpunt import db, services  # noqa: E402
from vertelpunt.app import create_app  # noqa: E402

PASSWORD = "een-lang-wachtwoord-voor-de-meting"  # noqa: S105 - a throwaway account on a temporary database
ARGS = ["--no-sandbox", "--disable-dev-shm-usage"]


def serve(directory: Path) -> tuple[str, str, int, str]:
    """Start the app; returns the base URL, the workshop's code, its id and the coalition slug."""
    app = create_app(
        {
            "DATABASE_URL": f"sqlite:///{directory / 'bench.sqlite'}",
            "SECRET_KEY": "bench-" + "x" * 40,
            "RATELIMIT_ENABLED": False,
            "WTF_CSRF_ENABLED": False,
        }
    )
    db.upgrade(app.config["DATABASE_URL"])
    with app.app_context():
        session = db.get_session()
        services.load_questionnaire(session)
        coalition = make_coalition(session, slug="meting")
        user = accounts.create_user(
            session, email="begeleider@example.org", role="facilitator", name="Begeleider", password=PASSWORD
        )
        accounts.add_membership(session, user=user, coalition=coalition, is_lead=False)
        session.commit()
        workshop = make_workshop(session, coalition, title="Meting")
        code, workshop_id = workshop.code, workshop.id or 0
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no request log (it would hold addresses)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}", code, workshop_id, "meting"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        base, code, workshop_id, slug = serve(Path(tmp))
        lead_browser = playwright.chromium.launch(executable_path=options.chromium, args=ARGS)
        phone_browser = playwright.chromium.launch(executable_path=options.chromium, args=ARGS)
        lead = lead_browser.new_page(viewport={"width": 1280, "height": 900})
        lead.goto(f"{base}/coalitions/{slug}/sessies/{workshop_id}/bord")
        lead.fill("#email", "begeleider@example.org")
        lead.fill("#password", PASSWORD)
        lead.get_by_role("button", name="Inloggen").click()
        lead.wait_for_selector("#board-canvas")
        phone = phone_browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
        phone.goto(f"{base}/w?code={code}")
        phone.wait_for_selector("#board-canvas")

        added, moved = [], []
        for number in range(options.changes):
            text = f"Zeshoek nr {number:03d}"
            phone.locator("#board-add-text").fill(text)
            start = time.perf_counter()
            phone.get_by_role("button", name="Op het bord zetten").click()
            lead.locator(".board-canvas .hex", has_text=text).wait_for(timeout=10_000)
            added.append(time.perf_counter() - start)
        for number in range(options.changes):
            hexagon = lead.locator(".board-canvas .hex", has_text=f"Zeshoek nr {number:03d}")
            before = phone.locator(".board-canvas .hex", has_text=f"Zeshoek nr {number:03d}").evaluate(
                "el => el.style.left"
            )
            hexagon.focus()
            start = time.perf_counter()
            lead.keyboard.press("ArrowDown")
            phone.wait_for_function(
                "([text, left]) => [...document.querySelectorAll('.board-canvas .hex')]"
                ".some(el => el.textContent.includes(text) && el.style.left !== left)",
                arg=[f"Zeshoek nr {number:03d}", before],
                timeout=10_000,
            )
            moved.append(time.perf_counter() - start)
        lead_browser.close()
        phone_browser.close()

    print(f"{'change':<28} {'n':>4} {'median s':>9} {'p95 s':>7} {'max s':>7}")
    for name, times in (("participant adds, lead sees", added), ("lead moves, participant sees", moved)):
        ordered = sorted(times)
        p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
        print(f"{name:<28} {len(times):>4} {statistics.median(times):>9.2f} {p95:>7.2f} {max(times):>7.2f}")


if __name__ == "__main__":
    main()
