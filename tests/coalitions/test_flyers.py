"""Per link: short codes, QR codes, flyers and posters, the hand-out page, and the PDF renderer's fetcher."""

from __future__ import annotations

import io
import logging
import socket
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pypdfium2 as pdfium
import pytest
import zxingcpp
from flask.testing import FlaskClient
from PIL import Image
from sqlmodel import Session, select

from coalitions import flyers, services
from coalitions.models import Coalition, InviteLink
from tests.coalitions._auth import signed_in
from tests.factories import make_coalition, make_link, make_organisation

MM = 72 / 25.4  # PDF points per millimetre
PAGE_MM = {"a5": (148, 210), "a4": (210, 297), "a3": (297, 420)}


@dataclass
class World:
    coalition: Coalition
    link: InviteLink
    other_link: InviteLink

    @property
    def base(self) -> str:
        return f"/coalitions/{self.coalition.slug}/links/{self.link.id}"

    @property
    def url(self) -> str:
        return f"http://localhost/i/{self.link.token}"


@pytest.fixture
def world(session: Session) -> World:
    other = make_coalition(session, slug="andere-coalitie")
    other_link = make_link(session, other)
    coalition = make_coalition(session, name="Coalitie Rivierenland", focus="Zo thuis mogelijk opgroeien.")
    organisation = make_organisation(session, coalition, name="Jeugdhulp De Brug")
    link = make_link(session, coalition, organisation=organisation)
    return World(coalition=coalition, link=link, other_link=other_link)


@pytest.fixture
def member(client: FlaskClient, session: Session, world: World) -> FlaskClient:
    signed_in(client, session, world.coalition)
    return client


def decode(image: Image.Image) -> list[str]:
    return [result.text for result in zxingcpp.read_barcodes(image)]


def short_code_of(session: Session, link: InviteLink) -> str | None:
    session.rollback()  # end the read transaction: see what the app committed since
    session.expire_all()
    return session.exec(select(InviteLink.short_code).where(InviteLink.id == link.id)).one()


# --- QR codes ---------------------------------------------------------------------------------------


def test_qr_svg_is_xml_and_png_decodes_to_the_link(member: FlaskClient, world: World) -> None:
    svg = member.get(f"{world.base}/qr.svg")
    assert svg.status_code == 200
    assert svg.mimetype == "image/svg+xml"
    assert svg.headers["Content-Disposition"].startswith("attachment;")
    root = ET.fromstring(svg.data)  # noqa: S314 - our own output
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}path") is not None

    png = member.get(f"{world.base}/qr.png")
    assert png.status_code == 200
    assert png.mimetype == "image/png"
    assert png.headers["Content-Disposition"].endswith('.png"')
    assert decode(Image.open(io.BytesIO(png.data))) == [world.url]


def test_qr_png_box_size() -> None:
    small = Image.open(io.BytesIO(flyers.qr_png("https://example.org/i/x", box_size=4)))
    large = Image.open(io.BytesIO(flyers.qr_png("https://example.org/i/x", box_size=10)))
    assert large.size[0] == small.size[0] * 10 // 4
    assert decode(large) == ["https://example.org/i/x"]


# --- Flyers and posters ------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "language"), [("a5", "nl"), ("a4", "en"), ("a3", "nl")])
def test_flyer_pdf_has_the_right_page_and_a_qr_code_that_opens_the_link(
    member: FlaskClient, session: Session, world: World, size: str, language: str
) -> None:
    response = member.get(f"{world.base}/flyer.pdf?size={size}&lang={language}")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="vertelpunt-{world.coalition.slug}-link-{world.link.id}-flyer-{size}-{language}.pdf"'
    )
    assert response.data.startswith(b"%PDF")
    document = pdfium.PdfDocument(response.data)
    assert len(document) == 1
    width, height = document[0].get_size()
    assert (round(width / MM), round(height / MM)) == PAGE_MM[size]
    image = document[0].render(scale=150 / 72).to_pil()
    # An English flyer opens the story form in English.
    assert decode(image) == [world.url + ("?lang=en" if language == "en" else "")]
    text = " ".join(document[0].get_textpage().get_text_bounded().split())
    code = short_code_of(session, world.link)
    assert code is not None
    assert f"localhost/k/{code[:4]}-{code[4:]}" in text
    assert "Jeugdhulp De Brug" in text
    assert "Zo thuis mogelijk opgroeien." in text
    assert ("Deel je ervaring" if language == "nl" else "Share your experience") in text


def test_flyer_stays_one_page_with_very_long_texts() -> None:
    pdf = flyers.flyer_pdf(
        size="a5",
        url="https://vertelpunt.example.nl/i/" + "x" * 22,
        short_url="https://vertelpunt.jeugdhulp-zuid-holland-zuid.example.nl/k/abcd-efgh",
        organisation="Stichting Jeugdhulp en Gezinsondersteuning " * 5,
        coalition_name="Coalitie Jeugd en Gezin Zuid-Holland Zuid " * 5,
        focus="Zo thuis mogelijk opgroeien is waar het om gaat. " * 40,
        language="en",
    )
    document = pdfium.PdfDocument(pdf)
    assert len(document) == 1
    assert decode(document[0].render(scale=150 / 72).to_pil()) == [
        "https://vertelpunt.example.nl/i/" + "x" * 22
    ]


@pytest.mark.parametrize("query", ["size=a6", "size=", "size=a5&lang=de", "size=../../etc"])
def test_unknown_flyer_size_or_language_is_a_friendly_400(
    member: FlaskClient, world: World, query: str
) -> None:
    response = member.get(f"{world.base}/flyer.pdf?{query}")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "Kies een formaat" in page
    assert f"{world.base}/flyer.pdf?size=a4&amp;lang=en" in page


def test_flyer_without_parameters_is_a_dutch_a5(member: FlaskClient, world: World) -> None:
    response = member.get(f"{world.base}/flyer.pdf")
    assert response.status_code == 200
    width, height = pdfium.PdfDocument(response.data)[0].get_size()
    assert (round(width / MM), round(height / MM)) == PAGE_MM["a5"]


# --- The renderer's URL fetcher (RELIABILITY.md row 26) ------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and refuse) every outgoing connection."""
    attempts: list[object] = []

    def connect(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect)
    return attempts


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "https://example.org/style.css",
        "file:///etc/passwd",
        "file://localhost/etc/passwd",
        (flyers.STATIC_DIR / ".." / "pyproject.toml").as_uri(),
        (flyers.STATIC_DIR / "css" / ".." / ".." / "pyproject.toml").as_uri(),
        "ftp://127.0.0.1/x",
        "data:text/plain,hello",
    ],
)
def test_fetcher_refuses_everything_but_static_files(
    url: str, caplog: pytest.LogCaptureFixture, no_network: list[object]
) -> None:
    fetcher = flyers.StaticOnlyFetcher()
    with caplog.at_level(logging.WARNING, logger="coalitions.flyers"), pytest.raises(flyers.FetchRefused):
        fetcher.fetch(url)
    assert any("refused to fetch" in r.getMessage() for r in caplog.records)
    assert no_network == []


def test_fetcher_serves_static_files() -> None:
    response = flyers.StaticOnlyFetcher().fetch((flyers.STATIC_DIR / "css" / "print.css").as_uri())
    assert response.content_type == "text/css"
    assert b".qr {" in response.read()
    response.close()


def test_rendering_html_with_outside_references_fetches_nothing(
    caplog: pytest.LogCaptureFixture, no_network: list[object]
) -> None:
    html = """<!doctype html><html><head>
      <link rel="stylesheet" href="http://127.0.0.1:9/x.css">
      <link rel="stylesheet" href="file:///etc/passwd">
      <style>@import url("https://example.org/a.css"); body { background: url(http://127.0.0.1:9/bg.png); }</style>
      </head><body><p>Hallo</p>
      <img src="http://127.0.0.1:9/x"><img src="file:///etc/passwd"><img src="../pyproject.toml">
      <object data="file:///etc/passwd"></object><iframe src="file:///etc/passwd"></iframe>
      </body></html>"""
    with caplog.at_level(logging.WARNING, logger="coalitions.flyers"):
        pdf = flyers.render_pdf(html)
    assert pdf.startswith(b"%PDF")
    refused = [r.getMessage() for r in caplog.records if r.name == "coalitions.flyers"]
    assert any("http://127.0.0.1:9/x" in message for message in refused)
    assert any("file:///etc/passwd" in message for message in refused)
    assert any("pyproject.toml" in message for message in refused)
    assert no_network == []
    text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_bounded()
    assert "Hallo" in text
    assert "root:" not in text


# --- Short codes --------------------------------------------------------------------------------------


def test_short_code_redirects_in_any_case_with_or_without_dash(
    member: FlaskClient, session: Session, world: World
) -> None:
    assert member.get(world.base).status_code == 200  # the hand-out page gives the link its code
    code = short_code_of(session, world.link)
    assert code is not None and len(code) == 8
    assert set(code) <= set(services.SHORT_CODE_ALPHABET)
    assert not set(code) & set("0o1li")
    public = FlaskClient(member.application)
    for typed in (code, code.upper(), f"{code[:4]}-{code[4:]}", f"{code[:4].upper()}-{code[4:]}"):
        response = public.get(f"/k/{typed}")
        assert response.status_code == 302, typed
        assert response.headers["Location"] == f"/i/{world.link.token}"


@pytest.mark.parametrize("typed", ["abcdefgh", "abcd-efg", "abcdefghj", "abcd--efgh0", "%2e%2e", "x" * 300])
def test_unknown_short_code_is_404(client: FlaskClient, world: World, typed: str) -> None:
    assert client.get(f"/k/{typed}").status_code == 404


def test_ensure_short_code_keeps_a_code_and_retries_a_taken_one(
    session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    world.other_link.short_code = "aaaaaaaa"
    session.add(world.other_link)
    session.commit()
    draws = iter("a" * 8 + "b" * 8)
    monkeypatch.setattr(services.secrets, "choice", lambda _alphabet: next(draws))
    assert services.ensure_short_code(session, world.link) == "bbbbbbbb"
    session.commit()
    assert services.ensure_short_code(session, world.link) == "bbbbbbbb"
    assert short_code_of(session, world.link) == "bbbbbbbb"
    assert services.link_for_short_code(session, "BBBB-bbbb").id == world.link.id  # type: ignore[union-attr]


def test_ensure_short_code_does_not_overwrite_a_code_set_meanwhile(session: Session, world: World) -> None:
    stale = session.get(InviteLink, world.link.id)
    assert stale is not None and stale.short_code is None
    session.expunge(stale)
    world.link.short_code = "cccccccc"  # another request got there first
    session.add(world.link)
    session.commit()
    assert services.ensure_short_code(session, stale) == "cccccccc"


# --- The hand-out page and access -------------------------------------------------------------------


def test_hand_out_page_shows_link_short_link_qr_downloads_and_texts(
    member: FlaskClient, world: World
) -> None:
    page = member.get(world.base).get_data(as_text=True)
    assert f'value="{world.url}"' in page
    assert "/k/" in page
    assert f'<img src="{world.base}/qr.svg"' in page
    for query in ("size=a5&amp;lang=nl", "size=a4&amp;lang=en", "size=a3&amp;lang=nl"):
        assert f"{world.base}/flyer.pdf?{query}" in page
    assert f"{world.base}/qr.png" in page
    assert page.count('class="invitation-text"') == 5
    assert "https://wa.me/?text=" in page
    assert "mailto:?subject=" in page
    assert 'src="/static/js/copy.js"' in page
    # The strict CSP allows no inline script or style.
    assert "<script>" not in page and " style=" not in page and "<style" not in page


def test_facilitator_may_hand_out(client: FlaskClient, session: Session, world: World) -> None:
    signed_in(client, session, world.coalition, role="facilitator")
    assert client.get(world.base).status_code == 200
    assert client.get(f"{world.base}/qr.png").status_code == 200


@pytest.mark.parametrize("suffix", ["", "/qr.svg", "/qr.png", "/flyer.pdf?size=a4", "/flyer.pdf?size=zz"])
def test_another_coalitions_link_is_404(member: FlaskClient, world: World, suffix: str) -> None:
    url = f"/coalitions/{world.coalition.slug}/links/{world.other_link.id}{suffix}"
    assert member.get(url).status_code == 404
    assert member.get(f"/coalitions/{world.coalition.slug}/links/999999{suffix}").status_code == 404


def test_signed_out_is_sent_to_login(client: FlaskClient, world: World) -> None:
    response = client.get(f"{world.base}/flyer.pdf?size=a5")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_general_link_names_the_coalition(member: FlaskClient, session: Session, world: World) -> None:
    general = make_link(session, world.coalition, general=True)
    page = member.get(f"/coalitions/{world.coalition.slug}/links/{general.id}").get_data(as_text=True)
    assert "Algemene link" in page
    pdf = member.get(f"/coalitions/{world.coalition.slug}/links/{general.id}/flyer.pdf").data
    text = " ".join(pdfium.PdfDocument(pdf)[0].get_textpage().get_text_bounded().split())
    assert "uitnodiging van Coalitie Rivierenland" in text
