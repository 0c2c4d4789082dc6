"""QR codes and printable flyers and posters for an invite link. No Flask here: plain values in, bytes out.

The PDF renderer only ever reads files from our own ``static/`` folder. WeasyPrint would otherwise follow
any ``http(s)://`` or ``file://`` reference in the HTML, which turns a rendering bug into a request to an
internal service or a read of a server file (RELIABILITY.md row 26).
"""

from __future__ import annotations

import io
import logging
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import qrcode
import qrcode.constants
import qrcode.image.pil
import qrcode.image.svg
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent


def _asset_dir(name: str) -> Path:
    # As in vertelpunt.app: a checkout keeps templates/ and static/ at the top, a wheel inside the package.
    top = ROOT / name
    return top if top.is_dir() else ROOT / "vertelpunt" / name


STATIC_DIR = _asset_dir("static")
PRINT_TEMPLATES = _asset_dir("templates") / "coalitions" / "print"


@dataclass(frozen=True)
class PaperSize:
    """A paper size the flyer template knows: its name for CSS ``@page`` and its size in millimetres."""

    css: str
    width_mm: int
    height_mm: int


SIZES = {
    "a5": PaperSize("A5", 148, 210),  # flyer, to hand out
    "a4": PaperSize("A4", 210, 297),  # poster
    "a3": PaperSize("A3", 297, 420),  # poster
}
# Text lengths per fitting step; the most compact step always fits one sheet (tested with maximum lengths).
FIT_LIMITS = (
    {"name": 200, "focus": 400},
    {"name": 200, "focus": 400},
    {"name": 70, "focus": 160},
)

# The flyer's own words, per language. The PDF's language is chosen per download, not per page view.
WORDING = {
    "nl": {
        "heading": "Deel je ervaring",
        "lead": "Heb je hulp of ondersteuning gehad, voor jezelf of voor je gezin? Vertel ons hoe dat was. "
        "Zo leren we wat goed gaat en wat beter kan.",
        "focus": "Waar we nu vooral over willen horen",
        "scan": "Scan de code met de camera van je telefoon",
        "or_type": "of typ dit adres:",
        "anonymity": "Je verhaal is anoniem: we vragen niet om je naam, en niemand kan zien welk verhaal "
        "van jou is.",
        "from": "Je krijgt deze uitnodiging van",
        "window": "Vertelpunt van",
        "qr_label": "QR-code naar het Vertelpunt",
    },
    "en": {
        "heading": "Share your experience",
        "lead": "Have you had help or support, for yourself or for your family? Tell us what it was like. "
        "That is how we learn what goes well and what could be better.",
        "focus": "What we would especially like to hear about",
        "scan": "Scan the code with your phone's camera",
        "or_type": "or type this address:",
        "anonymity": "Your story is anonymous: we don't ask for your name, and nobody can see which story "
        "is yours.",
        "from": "You were invited by",
        "window": "Vertelpunt of",
        "qr_label": "QR code to the Vertelpunt",
    },
}


class FetchRefused(ValueError):
    """The PDF renderer asked for something outside our static folder."""


def _qr(url: str, **kwargs: Any) -> qrcode.QRCode[Any]:
    # Error correction Q (25 %): a flyer survives a fold, a staple or a coffee ring. Border 4 is the quiet
    # zone the QR standard asks for.
    qr: qrcode.QRCode[Any] = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_Q, border=4, **kwargs
    )
    qr.add_data(url)
    qr.make(fit=True)
    return qr


def qr_svg(url: str) -> str:
    """The QR code for ``url`` as a standalone SVG document (one path on a white square)."""
    image = _qr(url, image_factory=qrcode.image.svg.SvgPathFillImage).make_image()
    svg: str = image.to_string(encoding="unicode")
    return svg


def qr_png(url: str, box_size: int = 10) -> bytes:
    """The QR code for ``url`` as a black-on-white PNG, ``box_size`` pixels per module."""
    image = _qr(url, box_size=box_size, image_factory=qrcode.image.pil.PilImage).make_image()
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def _inline_svg(svg: str, *, css_class: str, label: str) -> Markup:
    """An SVG document as an element to place in HTML: sized by CSS instead of its own millimetres."""
    body = re.sub(r'^<svg width="[^"]*" height="[^"]*"', "<svg", svg.strip(), count=1)
    opening = Markup('<svg class="{}" role="img" aria-label="{}"').format(css_class, label)
    return Markup(body.replace("<svg", str(opening), 1))  # noqa: S704 - our own QR markup


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves files under one folder and refuses everything else."""

    def __init__(self, static_dir: Path = STATIC_DIR) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False, timeout=1)
        self.static_dir = static_dir.resolve()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        """Serve ``url`` if it is a file in the static folder; otherwise log it and raise FetchRefused."""
        path = self.static_path(url)
        if path is None:
            log.warning("PDF rendering: refused to fetch %.200s (only static files are allowed)", url)
            raise FetchRefused(f"not a static file: {url[:200]}")
        mimetype = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mimetype})

    def static_path(self, url: str) -> Path | None:
        """The file ``url`` points to when it is a ``file:`` URL inside the static folder, else None."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(parts.path)).resolve()  # resolve: no way out through ../ or a symlink
        if not path.is_relative_to(self.static_dir) or not path.is_file():
            return None
        return path


def _document(html: str, static_dir: Path) -> Any:
    return HTML(
        string=html,
        base_url=static_dir.resolve().as_uri() + "/",
        url_fetcher=StaticOnlyFetcher(static_dir),
    ).render()


def render_pdf(html: str, *, static_dir: Path = STATIC_DIR) -> bytes:
    """Render HTML to PDF; relative references resolve in, and only in, ``static_dir``."""
    pdf: bytes = _document(html, static_dir).write_pdf()
    return pdf


_templates = Environment(
    loader=FileSystemLoader(PRINT_TEMPLATES),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def display_url(url: str) -> str:
    """An address as printed for typing: without ``https://`` (browsers add it)."""
    return url.removeprefix("https://")


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def flyer_html(
    *,
    size: str,
    url: str,
    short_url: str,
    organisation: str,
    coalition_name: str,
    focus: str,
    language: str,
    fit: int = 0,
) -> str:
    """The flyer or poster as HTML for WeasyPrint (never served to a browser).

    ``fit`` 1 makes the layout denser, 2 also shortens long names and the focus, for texts that would
    otherwise push the sheet onto a second page.
    """
    if size not in SIZES:
        raise ValueError(f"size: one of {', '.join(SIZES)}")
    language = language if language in WORDING else "nl"
    words = WORDING[language]
    limits = FIT_LIMITS[fit]
    return _templates.get_template("flyer.html").render(
        size=size,
        paper=SIZES[size],
        fit=fit,
        lang=language,
        words=words,
        qr=_inline_svg(qr_svg(url), css_class="qr", label=words["qr_label"]),
        short_url=display_url(short_url),
        organisation=_shorten(organisation, limits["name"]),
        coalition_name=_shorten(coalition_name, limits["name"]),
        focus=_shorten(focus, limits["focus"]),
    )


def flyer_pdf(
    *,
    size: str,
    url: str,
    short_url: str,
    organisation: str,
    coalition_name: str,
    focus: str,
    language: str,
) -> bytes:
    """A one-page flyer (``a5``) or poster (``a4``, ``a3``) whose QR code opens ``url``.

    The short URL is printed under the code for people who cannot scan it. Long names or a long focus
    get a denser layout, then shorter texts, so the result is always one sheet.
    """
    values = {
        "size": size,
        "url": url,
        "short_url": short_url,
        "organisation": organisation,
        "coalition_name": coalition_name,
        "focus": focus,
        "language": language,
    }
    for fit in range(len(FIT_LIMITS)):
        document = _document(flyer_html(**values, fit=fit), STATIC_DIR)
        if len(document.pages) == 1:
            break
    pdf: bytes = document.write_pdf()
    return pdf
