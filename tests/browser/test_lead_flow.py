"""A coalition lead's whole "Delen" phase in a real Chromium, as a new user would do it.

Sign in, create a coalition, paste ten organisations, download a flyer PDF whose QR code decodes (with a
real decoder) to exactly that organisation's link, share a story through that link on a phone, and see
the count on the response dashboard as "<5".
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pypdfium2
import pytest
import zxingcpp
from sqlmodel import Session, select

from coalitions.models import InviteLink, Organisation
from tests.browser.conftest import NewContext
from tests.coalitions.staff_helpers import PASSWORD, make_user
from tests.factories import local_today
from vertelpunt.models import Story

pytestmark = pytest.mark.browser
DESKTOP = {"viewport": {"width": 1200, "height": 900}, "is_mobile": False, "has_touch": False}
ORGANISATIONS = "\n".join(
    ["naam\ttype\tcontactpersoon\tleeftijden"]
    + [f"Jeugdteam Wijk {n}\tWijkteam\tContact {n}\t12-18" for n in range(1, 8)]
    + [
        "Het Baken\tSchool\t\t12-18",
        "Pleeggezinnen Oost\tJeugdhulp\tR. de Boer\t0-12, 12-18",
        "Huisartsen Centrum\tHuisarts, ggz of ziekenhuis\t\t",
    ]
)


def decode_pdf_qr(path: Path) -> str:
    """Rasterise the PDF's first page at 150 dpi and decode its QR code."""
    pdf = pypdfium2.PdfDocument(str(path))
    image = pdf[0].render(scale=150 / 72).to_pil()
    pdf.close()
    results = zxingcpp.read_barcodes(image)
    assert len(results) == 1, "exactly one QR code on the flyer"
    return results[0].text


def test_lead_runs_the_sharing_phase(
    new_context: NewContext, live_server: str, session: Session, tmp_path: Path
) -> None:
    lead = make_user(session, email="trekker@example.org")
    session.expunge(lead)
    context, recorder = new_context(**DESKTOP)
    page = context.new_page()

    # Sign in: an unknown page sends us to the login form, and back afterwards.
    page.goto(f"{live_server}/coalitions/")
    page.fill("#email", lead.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("link", name="Nieuwe coalitie").click()

    # Create the coalition.
    page.fill("#name", "Samen Sterk Rivierland")
    page.fill("#slug", "samen-sterk-rivierland")
    page.fill("#region", "Rivierland")
    page.fill("#focus", "Jongeren die opgroeien in twee huizen na een scheiding.")
    page.check("input[name=target_groups][value='12-18']")
    page.fill("#opens_on", (local_today() - timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/coalitions/samen-sterk-rivierland/")
    assert page.get_by_role("heading", name="Samen Sterk Rivierland").is_visible()

    # Paste ten organisations.
    page.get_by_role("link", name="Organisaties en links").click()
    page.get_by_role("link", name="Plak een tabel uit Excel of kies een bestand").click()
    page.fill("#table", ORGANISATIONS)
    page.get_by_role("button", name="Importeren").click()
    page.wait_for_url("**/organisaties*")
    for name in ("Jeugdteam Wijk 1", "Het Baken", "Huisartsen Centrum"):
        assert page.get_by_role("cell", name=name).count() + page.get_by_role("link", name=name).count() >= 1
    session.rollback()
    organisation = session.exec(select(Organisation).where(Organisation.name == "Het Baken")).one()
    link = session.exec(select(InviteLink).where(InviteLink.organisation_id == organisation.id)).one()
    assert len(list(session.exec(select(Organisation)))) == 10

    # Download that organisation's A5 flyer and read its QR code.
    page.get_by_role("link", name="Het Baken").first.click()
    page.locator("table a").first.click()  # the link's hand-out page
    with page.expect_download() as download:
        page.locator("a[href*='flyer.pdf'][href*='size=a5'][href*='lang=nl']").click()
    pdf = tmp_path / "flyer.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    decoded = decode_pdf_qr(pdf)
    assert decoded == f"http://localhost/i/{link.token}"  # BASE_URL of the test app, exactly that link

    # A youth scans it: open the link on a phone and share a story.
    phone, _ = new_context()
    teller = phone.new_page()
    teller.goto(live_server + urlsplit(decoded).path)
    teller.check("input[name=prompt][value=school]")
    teller.fill(
        "#text", "Mijn mentor zorgde dat ik een rustige plek kreeg om te leren toen het thuis druk was."
    )
    teller.fill("#title", "Een rustige plek")
    teller.click("button[type=submit]")
    teller.wait_for_url("**/bedankt*")
    session.rollback()
    [story] = session.exec(select(Story)).all()
    assert story.organisation_id == organisation.id

    # The dashboard shows the organisation's count as "<5", never the real 1.
    page.goto(f"{live_server}/coalitions/samen-sterk-rivierland/respons")
    row = page.get_by_role("row").filter(has_text="Het Baken").first
    assert "<5" in row.inner_text()
    assert recorder.page_errors == [] and recorder.console_errors == []
    assert all(url.startswith(live_server) for url in recorder.requests)


def test_the_flyer_qr_survives_a_coarse_scan() -> None:
    """The same check straight from the service, at a coarse 100 dpi scan."""
    from coalitions.flyers import flyer_pdf

    pdf_bytes = flyer_pdf(
        size="a5",
        url="http://localhost/i/abcdefghijklmnopqrstuv",
        short_url="localhost/k/abcd-efgh",
        organisation="Het Baken",
        coalition_name="Samen Sterk",
        focus="Opgroeien in twee huizen.",
        language="nl",
    )
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    image = pdf[0].render(scale=100 / 72).to_pil()
    pdf.close()
    assert [r.text for r in zxingcpp.read_barcodes(image)] == ["http://localhost/i/abcdefghijklmnopqrstuv"]
