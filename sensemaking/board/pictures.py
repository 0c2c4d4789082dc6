"""Pictures of a hexagon board: an SVG document, a PNG of it, and printable cards to cut out (PDF).

Pure: plain values in, text or bytes out; no Flask, no database. The texts are user input, so every SVG is
built with ElementTree (which escapes text and attributes) after stripping characters XML cannot hold,
and the card template is rendered with autoescaping. The PDF renderer reads nothing but our static files
(``coalitions.flyers.render_pdf``).

Text is fitted into a hexagon with the real advance widths of DejaVu Sans (the font the pictures ask
for), measured with Pillow; without that font a conservative per-character estimate is used instead.
"""

from __future__ import annotations

import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cairosvg
from jinja2 import Environment, FileSystemLoader, select_autoescape
from PIL import ImageFont

from coalitions.flyers import render_pdf
from sensemaking.board import geometry
from sensemaking.board.colours import DEFAULT_COLOURS, KINDS

FONT_FAMILY = "DejaVu Sans, sans-serif"
SVG_NS = "http://www.w3.org/2000/svg"
ELLIPSIS = "…"
LINE_HEIGHT = 1.2  # line pitch, in font sizes
INK = "#1d2329"
STROKE = "#3a3f44"
CUT_LINE = "#9aa3ab"

# All proportions below are fractions of the hexagon's size (centre to corner). The text box is centred and
# lies wholly inside the hexagon: at half its width (0.65) the hexagon is 2 * (1 - 0.65 / sqrt(3)) = 1.249
# high, more than the box's 1.2.
TEXT_BOX_WIDTH = 1.30
TEXT_BOX_HEIGHT = 1.20
LABEL_SIZE = 0.085
LABEL_GAP = 0.04
FONT_SIZES = (0.17, 0.145, 0.12, 0.10, 0.085, 0.07)  # tried largest first

BOARD_HEX_SIZE = 80.0  # px, centre to corner
BOARD_MARGIN = 24.0  # px around the hexagons
EMPTY_BOARD = (240.0, 120.0)  # px, the picture of a board without hexagons
MAX_PNG_SIDE = 8000  # px; a larger picture is scaled down to this

CARD_WIDTH_MM = 80.0  # flat side to flat side; three rows of 8.5 cm pointy-top cards would not fit A4
CARD_SIZE_MM = CARD_WIDTH_MM / math.sqrt(3)
CARD_HEIGHT_MM = 2 * CARD_SIZE_MM
CARD_PAD_MM = 0.5  # room around the cut line inside each card's picture
CARDS_PER_PAGE = 6  # 2 columns x 3 rows on A4 portrait
CARD_ROW_GAP_MM = 3.5
CARD_COLUMN_GAP_MM = 12.0
A4_HEIGHT_MM = 297.0
MAX_EMPTY_CARDS = 100  # per kind
CARD_ORDER = ("theme", "observation", "action")

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = ROOT / "templates" if (ROOT / "templates").is_dir() else ROOT / "vertelpunt" / "templates"

# Characters XML 1.0 cannot hold (and C1 controls and non-characters, which have no place in a picture).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
_WIDE_CHARS = set("MWmw@%ÆŒæœ—")
_NARROW_CHARS = set("iljtfIr.,;:!'|()[]{} ")


GROUP_CHARS = 26  # how much of a theme's name fits beside the kind on a card


@dataclass(frozen=True)
class PictureHex:
    """One hexagon to draw: its kind ("observation", "theme" or "action"), text and cell, and the theme
    it belongs to (printed on its card, so a cut-out card still says where it goes)."""

    kind: str
    text: str
    q: int
    r: int
    group: str = ""


@dataclass(frozen=True)
class TextLine:
    """One line of text, centred on x, with its baseline at y."""

    x: float
    y: float
    text: str


@dataclass(frozen=True)
class HexLayout:
    """Everything needed to draw one hexagon: outline, colour, kind label and fitted text lines."""

    points: str
    colour: str
    label: TextLine
    label_size: float
    font_size: float
    bold: bool
    lines: tuple[TextLine, ...]


def clean(text: str) -> str:
    """``text`` without characters XML cannot hold, with ``\\r\\n`` and ``\\r`` as ``\\n``."""
    return _INVALID_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def wrap(text: str, *, width_chars: int, max_lines: int) -> list[str]:
    """Word-wrap ``text`` into lines of at most ``width_chars`` characters, at most ``max_lines`` of them.

    Runs of white space become one space; line breaks in the text start a new line (empty lines are
    dropped). Words longer than a line are broken. When the text does not fit, the last line kept ends
    in "…".
    """
    width = max(1, width_chars)
    if max_lines < 1:
        return []
    lines: list[str] = []
    for paragraph in clean(text).split("\n"):
        line = ""
        for word in paragraph.split():
            while len(word) > width:
                if line:
                    lines.append(line)
                    line = ""
                lines.append(word[:width])
                word = word[width:]
            if not line:
                line = word
            elif len(line) + 1 + len(word) <= width:
                line = f"{line} {word}"
            else:
                lines.append(line)
                line = word
        if line:
            lines.append(line)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    if len(last) >= width:  # make room for the ellipsis, at a word boundary when there is one
        cut = last[: width - 1]
        if " " in cut and last[width - 1] != " ":
            cut = cut.rsplit(" ", 1)[0]
        last = cut.rstrip()
    kept[-1] = last + ELLIPSIS
    return kept


@lru_cache(maxsize=2)
def _font(bold: bool) -> ImageFont.FreeTypeFont | None:
    # Pillow looks the name up in the system's font folders; 100 px, scaled when measuring.
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", 100)
    except OSError:
        return None


def _is_wide(char: str) -> bool:
    # East Asian wide characters and most emoji: DejaVu has no glyph, the fallback font draws them ~1 em.
    return unicodedata.east_asian_width(char) in ("W", "F")


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of one line of ``text`` in DejaVu Sans at font ``size`` (same unit as ``size``)."""
    wide = sum(1 for char in text if _is_wide(char))
    rest = "".join(char for char in text if not _is_wide(char)) if wide else text
    font = _font(bold)
    if font is not None:
        return font.getlength(rest) * size / 100 + wide * size
    estimate = sum(1.0 if c in _WIDE_CHARS else 0.42 if c in _NARROW_CHARS else 0.7 for c in rest)
    return (estimate * (1.1 if bold else 1.0) + wide) * size


def _wrap_to_width(text: str, *, size: float, width: float, max_lines: int, bold: bool) -> list[str]:
    """Wrap with the most characters per line at which every line measures within ``width``.

    Starts a little above what the text's average character width suggests and steps down.
    """
    flat = " ".join(text.split())
    if not flat:
        return []
    average = text_width(flat, size, bold=bold) / len(flat)
    if average <= 0:  # only characters that take no room (a soft hyphen): it fits on one line
        return [flat]
    chars = max(1, min(len(flat), math.floor(1.3 * width / average) + 1))
    while True:
        lines = wrap(text, width_chars=chars, max_lines=max_lines)
        if chars == 1 or all(text_width(line, size, bold=bold) <= width for line in lines):
            return lines
        chars -= 1


def fit(
    text: str,
    *,
    width: float,
    height: float,
    sizes: Sequence[float],
    bold: bool = False,
    line_height: float = LINE_HEIGHT,
) -> tuple[float, list[str]]:
    """The largest of ``sizes`` at which ``text`` fits a ``width`` x ``height`` box, and its lines.

    Every line measures at most ``width``; lines x size x ``line_height`` is at most ``height``. When the
    text does not fit even at the smallest size, it is cut there with "…".
    """
    ordered = sorted(set(sizes), reverse=True)
    if not ordered:
        raise ValueError("sizes: at least one font size")
    unlimited = len(text) + 1  # more lines than wrap can ever make
    for size in ordered:
        max_lines = math.floor(height / (size * line_height) + 1e-9)
        if max_lines < 1:
            continue
        smallest = size == ordered[-1]
        if not smallest and text_width(" ".join(text.split()), size, bold=bold) > width * max_lines:
            continue  # longer than all the lines together: cannot fit at this size
        lines = _wrap_to_width(
            text, size=size, width=width, max_lines=max_lines if smallest else unlimited, bold=bold
        )
        if smallest or len(lines) <= max_lines:
            return size, lines
    return ordered[-1], []


def text_box(size: float) -> tuple[float, float]:
    """The (width, height) of the box, centred in a hexagon of ``size``, that holds its label and text."""
    return TEXT_BOX_WIDTH * size, TEXT_BOX_HEIGHT * size


def _colour(colours: Mapping[str, str], kind: str) -> str:
    value = colours.get(kind, "")
    if isinstance(value, str) and _COLOUR.fullmatch(value):
        return value
    return DEFAULT_COLOURS.get(kind, "#ffffff")


def layout(
    hexagon: PictureHex,
    *,
    cx: float,
    cy: float,
    size: float,
    colours: Mapping[str, str],
    labels: Mapping[str, str],
    with_text: bool = True,
) -> HexLayout:
    """Where everything of one hexagon goes when it is drawn at size ``size`` with its centre at (cx, cy)."""
    ox, oy = geometry.centre(hexagon.q, hexagon.r, size)
    points = " ".join(
        f"{_num(x - ox + cx)},{_num(y - oy + cy)}" for x, y in geometry.corners(hexagon.q, hexagon.r, size)
    )
    box_width, box_height = text_box(size)
    top = cy - box_height / 2
    label_size = LABEL_SIZE * size
    label = TextLine(cx, top + label_size * (LINE_HEIGHT / 2 + 0.35), clean(labels.get(hexagon.kind, "")))
    text_top = top + label_size * LINE_HEIGHT + LABEL_GAP * size
    text_height = box_height - (text_top - top)
    bold = hexagon.kind == "theme"
    font_size, lines = (
        fit(
            hexagon.text,
            width=box_width,
            height=text_height,
            sizes=[factor * size for factor in FONT_SIZES],
            bold=bold,
        )
        if with_text
        else (FONT_SIZES[0] * size, [])
    )
    pitch = font_size * LINE_HEIGHT
    first = text_top + (text_height - pitch * len(lines)) / 2
    placed = tuple(
        TextLine(cx, first + pitch * index + font_size * (LINE_HEIGHT / 2 + 0.35), line)
        for index, line in enumerate(lines)
    )
    return HexLayout(
        points=points,
        colour=_colour(colours, hexagon.kind),
        label=label,
        label_size=label_size,
        font_size=font_size,
        bold=bold,
        lines=placed,
    )


def _num(value: float) -> str:
    """A coordinate for SVG: at most two decimals, no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key.replace("_", "-"): value for key, value in attributes.items()})
    if text is not None:
        element.text = text
    return element


def board_svg(
    hexes: Sequence[PictureHex], *, colours: Mapping[str, str], title: str, labels: Mapping[str, str]
) -> str:
    """The whole board as one standalone SVG document, hexagons drawn in (r, q) order.

    Each hexagon is a ``<g>`` with a ``<polygon>`` in its kind's colour, a small kind label and its text
    fitted in centred lines (themes bold). A board without hexagons is a small white picture.
    """
    size = BOARD_HEX_SIZE
    ordered = sorted(hexes, key=lambda h: (h.r, h.q, h.kind, h.text))
    if ordered:
        min_x, min_y, max_x, max_y = geometry.bounds(((h.q, h.r) for h in ordered), size)
        left, top = min_x - BOARD_MARGIN, min_y - BOARD_MARGIN
        width, height = max_x - min_x + 2 * BOARD_MARGIN, max_y - min_y + 2 * BOARD_MARGIN
    else:
        (left, top), (width, height) = (0.0, 0.0), EMPTY_BOARD
    root = ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "version": "1.1",
            "viewBox": " ".join(_num(v) for v in (left, top, width, height)),
            "width": _num(math.ceil(width)),
            "height": _num(math.ceil(height)),
            "font-family": FONT_FAMILY,
            "role": "img",
        },
    )
    _sub(root, "title", clean(title))
    _sub(root, "rect", x=_num(left), y=_num(top), width=_num(width), height=_num(height), fill="#ffffff")
    for hexagon in ordered:
        cx, cy = geometry.centre(hexagon.q, hexagon.r, size)
        drawn = layout(hexagon, cx=cx, cy=cy, size=size, colours=colours, labels=labels)
        kind = hexagon.kind if hexagon.kind in KINDS else "other"
        group = _sub(root, "g", **{"class": f"hexagon {kind}"})
        _sub(
            group,
            "polygon",
            points=drawn.points,
            fill=drawn.colour,
            stroke=STROKE,
            stroke_width=_num(0.02 * size),
            stroke_linejoin="round",
        )
        if drawn.label.text:
            _sub(
                group,
                "text",
                drawn.label.text,
                **{"class": "label"},
                x=_num(drawn.label.x),
                y=_num(drawn.label.y),
                text_anchor="middle",
                font_size=_num(drawn.label_size),
                fill=STROKE,
            )
        if drawn.lines:
            attributes = {"text_anchor": "middle", "font_size": _num(drawn.font_size), "fill": INK}
            if drawn.bold:
                attributes["font_weight"] = "bold"
            text = _sub(group, "text", **{"class": "text"}, **attributes)
            for line in drawn.lines:
                _sub(text, "tspan", line.text, x=_num(line.x), y=_num(line.y))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _svg_side(svg: str) -> float | None:
    """The larger of the root element's width and height, when both are plain numbers."""
    tag = re.search(r"<svg\b[^>]*>", svg)
    if tag is None:
        return None
    sides = []
    for name in ("width", "height"):
        found = re.search(rf'\s{name}="([0-9]+(?:\.[0-9]+)?)"', tag.group(0))
        if found is None:
            return None
        sides.append(float(found.group(1)))
    return max(sides)


def board_png(svg: str, *, scale: float = 1.0) -> bytes:
    """A PNG of an SVG from :func:`board_svg`, ``scale`` times its size (at most MAX_PNG_SIDE px a side).

    cairosvg's safe mode is kept: no external files, no XML entities.
    """
    side = _svg_side(svg)
    if side is not None and side * scale > MAX_PNG_SIDE:
        scale = MAX_PNG_SIDE / side
    png: bytes = cairosvg.svg2png(bytestring=svg.encode("utf-8"), scale=scale, unsafe=False)
    return png


_templates = Environment(
    loader=FileSystemLoader(TEMPLATES_DIR),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def _card_order(hexagon: PictureHex) -> tuple[int, str, int, int, str]:
    rank = CARD_ORDER.index(hexagon.kind) if hexagon.kind in CARD_ORDER else len(CARD_ORDER)
    return rank, hexagon.kind, hexagon.r, hexagon.q, hexagon.text


def cards(
    hexes: Sequence[PictureHex],
    *,
    colours: Mapping[str, str],
    labels: Mapping[str, str],
    empty: Mapping[str, int],
) -> list[HexLayout]:
    """The cards to print, laid out in millimetres: the hexagons (themes, observations, actions, each by
    (r, q)), then ``empty[kind]`` cards per kind with only the label (at most MAX_EMPTY_CARDS a kind)."""
    size = CARD_SIZE_MM
    cx, cy = CARD_WIDTH_MM / 2, CARD_HEIGHT_MM / 2

    def card(hexagon: PictureHex, with_text: bool) -> HexLayout:
        own = dict(labels)
        if hexagon.group:
            group = (
                hexagon.group if len(hexagon.group) <= GROUP_CHARS else hexagon.group[: GROUP_CHARS - 1] + "…"
            )
            own[hexagon.kind] = f"{labels.get(hexagon.kind, hexagon.kind)} · {group}"
        return layout(hexagon, cx=cx, cy=cy, size=size, colours=colours, labels=own, with_text=with_text)

    laid = [card(hexagon, True) for hexagon in sorted(hexes, key=_card_order)]
    for kind in CARD_ORDER:
        count = max(0, min(int(empty.get(kind, 0) or 0), MAX_EMPTY_CARDS))
        laid.extend(card(PictureHex(kind=kind, text="", q=0, r=0), False) for _ in range(count))
    return laid


def cards_html(
    hexes: Sequence[PictureHex],
    *,
    colours: Mapping[str, str],
    labels: Mapping[str, str],
    empty: Mapping[str, int],
    title: str,
    lang: str = "nl",
) -> str:
    """The cards as HTML for WeasyPrint (never served to a browser): A4 pages of six cards each."""
    laid = cards(hexes, colours=colours, labels=labels, empty=empty)
    pages = [laid[start : start + CARDS_PER_PAGE] for start in range(0, len(laid), CARDS_PER_PAGE)]
    return _templates.get_template("sensemaking/board/cards.html").render(
        pages=pages,
        title=clean(title),
        lang=lang,
        font_family=FONT_FAMILY,
        num=_num,
        card_width=CARD_WIDTH_MM,
        card_height=CARD_HEIGHT_MM,
        pad=CARD_PAD_MM,
        row_gap=CARD_ROW_GAP_MM,
        column_gap=CARD_COLUMN_GAP_MM,
        page_top=(A4_HEIGHT_MM - 3 * (CARD_HEIGHT_MM + 2 * CARD_PAD_MM) - 2 * CARD_ROW_GAP_MM) / 2,
        ink=INK,
        label_ink=STROKE,
        cut_line=CUT_LINE,
    )


def cards_pdf(
    hexes: Sequence[PictureHex],
    *,
    colours: Mapping[str, str],
    labels: Mapping[str, str],
    empty: Mapping[str, int],
    title: str,
    lang: str = "nl",
) -> bytes:
    """Printable hexagon cards to cut out: A4 portrait, six to a page, each ``CARD_WIDTH_MM`` wide.

    Every hexagon becomes a card in its kind's colour with a dashed cut line, the kind label at the top
    and its text fitted (larger for short texts); then ``empty[kind]`` blank cards per kind to write on.
    The PDF's title is ``title``; it has at least one page.
    """
    return render_pdf(cards_html(hexes, colours=colours, labels=labels, empty=empty, title=title, lang=lang))
