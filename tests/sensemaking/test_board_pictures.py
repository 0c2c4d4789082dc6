"""The hexagon board's geometry and pictures: cells and pixels, the SVG (escaped, fitted), the PNG, and the
printable card PDF."""

from __future__ import annotations

import io
import math
import xml.etree.ElementTree as ET

import pypdfium2 as pdfium
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageFont

from sensemaking.board import geometry, pictures
from sensemaking.board.colours import DEFAULT_COLOURS
from sensemaking.board.pictures import PictureHex

NS = "{http://www.w3.org/2000/svg}"
LABELS = {"observation": "Observatie", "theme": "Thema", "action": "Actie"}
LONG = (
    "Mijn zoon stond een half jaar op de wachtlijst en in die tijd heeft niemand ons gebeld, ook niet toen "
    "het thuis echt misging. Pas toen de school aan de bel trok kwam er beweging in, maar toen waren we al "
    "zo moe dat we bijna niet meer wilden. De hulpverlener die uiteindelijk kwam was wel heel fijn."
)
cells = st.tuples(st.integers(-30, 30), st.integers(-30, 30))


def real_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of a line in DejaVu Sans, measured here independently of the code under test."""
    font = ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", 200)
    return font.getlength(text) * size / 200


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))  # noqa: S314 - our own output, parsing is the test


def board(*hexes: PictureHex) -> str:
    return pictures.board_svg(list(hexes), colours=DEFAULT_COLOURS, title="Sessie 3 maart", labels=LABELS)


def inside_hexagon(
    point: tuple[float, float], polygon: list[tuple[float, float]], slack: float = 1e-9
) -> bool:
    """Whether a point lies in a convex polygon whose corners go clockwise on screen (y down)."""
    x, y = point
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (x2 - x1) * (y - y1) - (y2 - y1) * (x - x1) < -slack:
            return False
    return True


# --- geometry ---------------------------------------------------------------------------------------------


def test_centre_and_corners_follow_the_pointy_top_convention() -> None:
    assert geometry.centre(0, 0, 10) == (0, 0)
    assert geometry.centre(1, 0, 10) == pytest.approx((10 * math.sqrt(3), 0))
    assert geometry.centre(0, 1, 10) == pytest.approx((5 * math.sqrt(3), 15))
    points = geometry.corners(2, -1, 10)
    cx, cy = geometry.centre(2, -1, 10)
    assert len(points) == 6
    assert all(math.dist(point, (cx, cy)) == pytest.approx(10) for point in points)
    assert points[0] == pytest.approx((cx + 5 * math.sqrt(3), cy - 5))  # -30°: upper right
    top = min(points, key=lambda p: p[1])
    assert top == pytest.approx((cx, cy - 10))  # a point on top, not a flat side


@given(cells)
def test_neighbours_are_six_distinct_cells_at_distance_one(cell: tuple[int, int]) -> None:
    around = geometry.neighbours(*cell)
    assert len(set(around)) == 6 and cell not in around
    assert all(geometry.distance(cell, other) == 1 for other in around)
    assert geometry.ring(*cell, 1) == around


@given(cells, st.sampled_from([1.0, 10.0, 37.5, 80.0]))
def test_neighbouring_hexagons_touch_along_a_whole_side(cell: tuple[int, int], size: float) -> None:
    here = geometry.corners(*cell, size)
    for other in geometry.neighbours(*cell):
        assert math.dist(geometry.centre(*cell, size), geometry.centre(*other, size)) == pytest.approx(
            math.sqrt(3) * size
        )
        shared = [
            p for p in geometry.corners(*other, size) if any(math.dist(p, c) < 1e-6 * size for c in here)
        ]
        assert len(shared) == 2  # one whole side in common, no gap and no overlap


@given(cells, cells)
def test_distance_is_a_metric(a: tuple[int, int], b: tuple[int, int]) -> None:
    assert geometry.distance(a, b) == geometry.distance(b, a) >= 0
    assert (geometry.distance(a, b) == 0) == (a == b)
    assert geometry.distance(a, b) <= geometry.distance(a, (0, 0)) + geometry.distance((0, 0), b)


def test_distance_examples() -> None:
    assert geometry.distance((0, 0), (3, 0)) == 3
    assert geometry.distance((0, 0), (2, -1)) == 2
    assert geometry.distance((0, 0), (2, 2)) == 4
    assert geometry.distance((-1, 3), (2, -3)) == 6


@pytest.mark.parametrize("radius", [0, 1, 2, 5])
def test_ring_holds_every_cell_at_that_distance_once_in_a_fixed_order(radius: int) -> None:
    ring = geometry.ring(3, -2, radius)
    assert len(ring) == len(set(ring)) == max(1, 6 * radius)
    assert all(geometry.distance((3, -2), cell) == radius for cell in ring)
    expected = {
        (q, r) for q in range(-10, 20) for r in range(-20, 10) if geometry.distance((3, -2), (q, r)) == radius
    }
    assert set(ring) == expected
    if radius:
        assert ring[0] == (3 + radius, -2)  # starts east
        assert all(geometry.distance(a, b) == 1 for a, b in zip(ring, ring[1:] + ring[:1], strict=True))
    assert geometry.ring(0, 0, -1) == []


def test_ring_goes_clockwise_on_screen() -> None:
    angles = [math.atan2(y, x) for x, y in (geometry.centre(q, r, 1) for q, r in geometry.ring(0, 0, 1))]
    steps = [(b - a) % (2 * math.pi) for a, b in zip(angles, angles[1:], strict=False)]
    assert steps == pytest.approx([math.pi / 3] * 5)  # y points down: growing angles turn clockwise


@settings(max_examples=60)
@given(cells, st.sampled_from([1.0, 24.0, 80.0]), st.floats(0, 2 * math.pi), st.floats(0, 0.85))
def test_pixel_to_cell_finds_the_hexagon_a_point_lies_in(
    cell: tuple[int, int], size: float, angle: float, fraction: float
) -> None:
    cx, cy = geometry.centre(*cell, size)
    assert geometry.pixel_to_cell(cx, cy, size) == cell
    # Any point within the inscribed circle (radius sqrt(3)/2 * size) belongs to the cell.
    reach = fraction * math.sqrt(3) / 2 * size
    assert geometry.pixel_to_cell(cx + reach * math.cos(angle), cy + reach * math.sin(angle), size) == cell


def test_pixel_to_cell_round_trips_over_a_range() -> None:
    for q in range(-12, 13):
        for r in range(-12, 13):
            assert geometry.pixel_to_cell(*geometry.centre(q, r, 60.0), 60.0) == (q, r)


def test_nearest_free_keeps_a_free_cell_and_breaks_ties_in_ring_order() -> None:
    assert geometry.nearest_free(set(), 4, -2) == (4, -2)
    assert geometry.nearest_free({(1, 1)}, 4, -2) == (4, -2)
    assert geometry.nearest_free({(0, 0)}, 0, 0) == (1, 0)  # east first
    assert geometry.nearest_free({(0, 0), (1, 0)}, 0, 0) == (0, 1)  # then south-east
    full = {(0, 0), *geometry.ring(0, 0, 1)}
    assert geometry.nearest_free(full, 0, 0) == (2, 0)


@settings(max_examples=80)
@given(
    st.sets(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), max_size=40),
    st.integers(-3, 3),
    st.integers(-3, 3),
)
def test_nearest_free_is_free_closest_and_deterministic(
    occupied: set[tuple[int, int]], q: int, r: int
) -> None:
    found = geometry.nearest_free(occupied, q, r)
    assert found not in occupied
    best = geometry.distance((q, r), found)
    nearer = {(a, b) for a in range(q - best, q + best + 1) for b in range(r - best, r + best + 1)}
    assert all(cell in occupied for cell in nearer if geometry.distance((q, r), cell) < best)
    # Same answer whatever order the cells come in, as a frozenset or as a list either way round.
    assert geometry.nearest_free(frozenset(occupied), q, r) == found
    assert geometry.nearest_free(sorted(occupied, reverse=True), q, r) == found
    assert geometry.nearest_free(sorted(occupied), q, r) == found


@settings(max_examples=80)
@given(
    st.sets(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), max_size=30),
    st.integers(-2, 2),
    st.integers(-2, 2),
    st.integers(0, 25),
)
def test_around_gives_distinct_free_cells_closest_first(
    occupied: set[tuple[int, int]], q: int, r: int, count: int
) -> None:
    before = set(occupied)
    found = geometry.around(q, r, count, occupied)
    assert occupied == before  # not changed
    assert len(found) == len(set(found)) == count
    assert not set(found) & occupied and (q, r) not in found
    distances = [geometry.distance((q, r), cell) for cell in found]
    assert distances == sorted(distances)
    if found:  # as close as possible: every free cell nearer than the farthest one is used
        farthest = distances[-1]
        for radius in range(1, farthest):
            assert all(cell in occupied or cell in found for cell in geometry.ring(q, r, radius))
    assert geometry.around(q, r, count, occupied) == found


def test_around_fills_the_first_ring_around_an_occupied_centre() -> None:
    assert geometry.around(0, 0, 3, {(0, 0), (1, 0)}) == [(0, 1), (-1, 1), (-1, 0)]
    assert geometry.around(0, 0, 0, set()) == []


def test_bounds_cover_the_corners() -> None:
    s = 10.0
    assert geometry.bounds([], s) == (0, 0, 0, 0)
    assert geometry.bounds([(0, 0)], s) == pytest.approx((-s * math.sqrt(3) / 2, -s, s * math.sqrt(3) / 2, s))
    min_x, min_y, max_x, max_y = geometry.bounds([(0, 0), (2, 1)], s)
    assert (min_x, min_y) == pytest.approx((-s * math.sqrt(3) / 2, -s))
    assert (max_x, max_y) == pytest.approx((geometry.centre(2, 1, s)[0] + s * math.sqrt(3) / 2, 1.5 * s + s))


# --- text: wrap and fit -----------------------------------------------------------------------------------


def test_wrap_breaks_at_words_and_breaks_long_words() -> None:
    assert pictures.wrap("een twee drie vier", width_chars=9, max_lines=5) == ["een twee", "drie vier"]
    assert pictures.wrap("a  b\t c", width_chars=20, max_lines=5) == ["a b c"]
    assert pictures.wrap("jeugdhulpverlening nu", width_chars=6, max_lines=9) == [
        "jeugdh",
        "ulpver",
        "lening",
        "nu",
    ]
    assert pictures.wrap("eerste\n\ntweede", width_chars=20, max_lines=5) == ["eerste", "tweede"]
    assert pictures.wrap("", width_chars=10, max_lines=3) == []
    assert pictures.wrap("iets", width_chars=10, max_lines=0) == []


def test_wrap_ends_in_an_ellipsis_when_cut() -> None:
    lines = pictures.wrap("een twee drie vier vijf zes", width_chars=9, max_lines=2)
    assert lines == ["een twee", "drie…"]
    lines = pictures.wrap("abcdefghijklmnop", width_chars=5, max_lines=2)
    assert lines == ["abcde", "fghi…"]


@given(st.text(max_size=300), st.integers(1, 40), st.integers(0, 12))
def test_wrap_never_exceeds_its_limits(text: str, width: int, max_lines: int) -> None:
    lines = pictures.wrap(text, width_chars=width, max_lines=max_lines)
    assert len(lines) <= max_lines
    assert all(0 < len(line) <= width for line in lines)
    words = "".join(pictures.clean(text).split())
    if "".join("".join(lines).split()) != words:  # something was cut: then and only then the ellipsis
        assert lines == [] or lines[-1].endswith("…")


def test_fit_gives_short_texts_large_type_and_long_texts_small_type() -> None:
    sizes = [20, 16, 12, 9, 7]
    short_size, short_lines = pictures.fit("Kort", width=100, height=80, sizes=sizes)
    assert (short_size, short_lines) == (20, ["Kort"])
    long_size, long_lines = pictures.fit(LONG, width=100, height=80, sizes=sizes)
    assert long_size < short_size
    assert long_lines[-1].endswith("…")  # too long even at 7: cut, not overflowing
    assert len(long_lines) * long_size * pictures.LINE_HEIGHT <= 80


@settings(max_examples=40, deadline=None)
@given(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=280)
    | st.sampled_from([LONG, "W" * 200, "WWW MMM " * 30, "i" * 400, "Wachtlijst"]),
    st.booleans(),
)
@example("\xad", False)  # only a soft hyphen: no width at all (was a division by zero)
def test_fitted_text_never_leaves_its_box(text: str, bold: bool) -> None:
    width, height = pictures.text_box(80.0)
    sizes = [f * 80.0 for f in pictures.FONT_SIZES]
    size, lines = pictures.fit(text, width=width, height=height, sizes=sizes, bold=bold)
    assert size in sizes
    assert len(lines) * size * pictures.LINE_HEIGHT <= height + 1e-9
    for line in lines:
        narrow = "".join(c for c in line if not pictures._is_wide(c))
        wide = len(line) - len(narrow)
        assert real_width(narrow, size, bold=bold) + wide * size <= width + 1e-6


def test_without_the_font_the_estimate_still_fits_the_real_font(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pictures, "_font", lambda bold: None)
    width, height = 104.0, 80.0
    for text in (LONG, "W" * 100, "MMMM WWWW " * 10, "Ik moest drie maanden wachten voordat iemand belde."):
        size, lines = pictures.fit(text, width=width, height=height, sizes=[14, 11, 8])
        assert lines and all(real_width(line, size) <= width for line in lines)


def test_the_text_box_lies_inside_the_hexagon() -> None:
    size = 80.0
    width, height = pictures.text_box(size)
    polygon = geometry.corners(0, 0, size)
    box = [
        (-width / 2, -height / 2),
        (width / 2, -height / 2),
        (width / 2, height / 2),
        (-width / 2, height / 2),
    ]
    assert all(inside_hexagon(corner, polygon) for corner in box)
    # ...and is not needlessly small: a little wider or taller would stick out.
    assert not inside_hexagon((width / 2 * 1.05, -height / 2 * 1.05), polygon)


# --- SVG -------------------------------------------------------------------------------------------------


HEXES = [
    PictureHex("observation", "Niemand belde terug", 1, 0),
    PictureHex("theme", "Wachttijden", 0, 0),
    PictureHex("action", "Wekelijks belrondje wachtlijst", -1, 1),
    PictureHex("observation", LONG, 0, 1),
]


def test_svg_is_a_standalone_document_with_one_polygon_per_hexagon() -> None:
    root = parse(board(*HEXES))
    assert root.tag == f"{NS}svg"
    assert root.get("font-family") == "DejaVu Sans, sans-serif"
    assert root.findtext(f"{NS}title") == "Sessie 3 maart"
    left, top, width, height = (float(v) for v in root.get("viewBox", "").split())
    min_x, min_y, max_x, max_y = geometry.bounds([(h.q, h.r) for h in HEXES], pictures.BOARD_HEX_SIZE)
    assert left < min_x and top < min_y and left + width > max_x and top + height > max_y
    assert float(root.get("width", "0")) >= width and float(root.get("height", "0")) >= height
    background = root.find(f"{NS}rect")
    assert background is not None and background.get("fill") == "#ffffff"
    groups = root.findall(f"{NS}g")
    assert len(groups) == len(HEXES) == len(root.findall(f".//{NS}polygon"))
    fills = sorted(g.find(f"{NS}polygon").get("fill") for g in groups)  # type: ignore[union-attr]
    assert fills == sorted(DEFAULT_COLOURS[h.kind] for h in HEXES)
    # Drawn at grid size: each polygon's corners are the cell's corners, so neighbours touch.
    drawn = {g.find(f"{NS}polygon").get("points") for g in groups}  # type: ignore[union-attr]
    for h in HEXES:
        corners = geometry.corners(h.q, h.r, pictures.BOARD_HEX_SIZE)
        assert " ".join(f"{pictures._num(x)},{pictures._num(y)}" for x, y in corners) in drawn


def test_svg_shows_labels_and_texts_with_themes_bold() -> None:
    root = parse(board(*HEXES))
    by_class = {g.get("class"): g for g in root.findall(f"{NS}g")}
    theme = by_class["hexagon theme"]
    assert theme.find(f"{NS}polygon").get("fill") == DEFAULT_COLOURS["theme"]  # type: ignore[union-attr]
    label, text = theme.findall(f"{NS}text")
    assert label.text == "Thema"
    assert float(label.get("font-size", "0")) < float(text.get("font-size", "0"))
    assert float(label.get("y", "0")) < float(text.find(f"{NS}tspan").get("y", "0"))  # type: ignore[union-attr]
    assert text.get("font-weight") == "bold" and text.get("text-anchor") == "middle"
    assert [t.text for t in text.findall(f"{NS}tspan")] == ["Wachttijden"]
    action = by_class["hexagon action"].findall(f"{NS}text")
    assert action[0].text == "Actie" and action[1].get("font-weight") is None
    assert " ".join(t.text or "" for t in action[1]) == "Wekelijks belrondje wachtlijst"


def test_svg_text_stays_inside_each_hexagon() -> None:
    size = pictures.BOARD_HEX_SIZE
    width, height = pictures.text_box(size)
    root = parse(board(*HEXES, PictureHex("action", "W" * 280, 2, -1), PictureHex("theme", LONG, 3, 3)))
    sizes = []
    for group in root.findall(f"{NS}g"):
        polygon = [tuple(map(float, p.split(","))) for p in group.find(f"{NS}polygon").get("points").split()]  # type: ignore[union-attr]
        cx = sum(x for x, _ in polygon) / 6
        cy = sum(y for _, y in polygon) / 6
        label, text = group.findall(f"{NS}text")
        font_size = float(text.get("font-size", "0"))
        sizes.append(font_size)
        lines = text.findall(f"{NS}tspan")
        assert len(lines) * font_size * pictures.LINE_HEIGHT <= height
        for line in lines:
            assert (
                real_width(line.text or "", font_size, bold=text.get("font-weight") == "bold") <= width + 0.01
            )
            baseline = float(line.get("y", "0"))
            assert float(line.get("x", "0")) == pytest.approx(cx, abs=0.02)
            assert (
                cy - height / 2 < baseline - font_size * 0.8 and baseline + font_size * 0.25 < cy + height / 2
            )
            assert inside_hexagon((cx - width / 2, baseline), polygon)
        assert float(label.get("y", "0")) > cy - height / 2
    assert max(sizes) > min(sizes)  # short texts big, long ones small


PAYLOADS = [
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "]]>",
    "&amp; &lt;b&gt; &#x3C;",
    "<![CDATA[x]]><!-- c --><?pi x?>",
    "' onmouseover='alert(1)",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_svg_escapes_user_text_everywhere(payload: str) -> None:
    svg = pictures.board_svg(
        [PictureHex("observation", payload, 0, 0), PictureHex("theme", f"x{payload}y", 1, 0)],
        colours={"observation": '#fff" onload="alert(1)', "theme": "url(https://evil.example/x)"},
        title=payload,
        labels={"observation": payload, "theme": "Thema"},
    )
    root = parse(svg)
    allowed_tags = {f"{NS}{tag}" for tag in ("svg", "title", "rect", "g", "polygon", "text", "tspan")}
    allowed_attributes = {
        *("xmlns", "version", "viewBox", "width", "height", "font-family", "role", "x", "y", "fill", "class"),
        *("points", "stroke", "stroke-width", "stroke-linejoin", "text-anchor", "font-size", "font-weight"),
    }
    for element in root.iter():
        assert element.tag in allowed_tags
        assert set(element.attrib) <= allowed_attributes
        assert not any("alert" in value or "evil" in value for value in element.attrib.values())
    assert "<script" not in svg and "<svg onload" not in svg and "<![CDATA[" not in svg
    assert root.findtext(f"{NS}title") == payload  # shown as text, exactly
    observation = root.find(f"{NS}g[@class='hexagon observation']")
    assert observation is not None
    label, text = observation.findall(f"{NS}text")
    assert label.text == payload
    shown = "".join(t.text or "" for t in text)
    assert "".join(shown.split()) == "".join(payload.split())  # wrapped, not changed
    fills = {p.get("fill") for p in root.iter(f"{NS}polygon")}
    assert fills == {DEFAULT_COLOURS["observation"], DEFAULT_COLOURS["theme"]}  # bad colours replaced


def test_svg_strips_characters_xml_cannot_hold() -> None:
    svg = pictures.board_svg(
        [PictureHex("observation", "a\x00b\x08c\x1bd\ufffee\ud800f", 0, 0)],
        colours=DEFAULT_COLOURS,
        title="t\x0bi\x7ftel",
        labels=LABELS,
    )
    svg.encode("utf-8")  # no lone surrogate left
    root = parse(svg)
    assert root.findtext(f"{NS}title") == "titel"
    assert [t.text for t in root.iter(f"{NS}tspan")] == ["abcdef"]


def test_an_empty_board_is_a_small_valid_picture() -> None:
    svg = board()
    root = parse(svg)
    assert root.findall(f".//{NS}polygon") == []
    assert root.findtext(f"{NS}title") == "Sessie 3 maart"
    assert 0 < float(root.get("width", "0")) <= 400 and 0 < float(root.get("height", "0")) <= 400
    png = pictures.board_png(svg)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_hexagons_of_an_unknown_kind_are_drawn_white_without_a_label() -> None:
    root = parse(board(PictureHex("sticky", "Iets", 0, 0)))
    group = root.find(f"{NS}g")
    assert group is not None and group.get("class") == "hexagon other"
    assert group.find(f"{NS}polygon").get("fill") == "#ffffff"  # type: ignore[union-attr]
    assert [t.get("class") for t in group.findall(f"{NS}text")] == ["text"]


# --- PNG -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_png_has_the_svg_size_times_the_scale(scale: float) -> None:
    svg = board(*HEXES)
    root = parse(svg)
    png = pictures.board_png(svg, scale=scale)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size == pytest.approx(
        (float(root.get("width", "0")) * scale, float(root.get("height", "0")) * scale), abs=1
    )
    # The picture has the kinds' colours in it, not just a white sheet.
    colours = {colour for _count, colour in image.convert("RGB").getcolors(1_000_000) or []}
    assert (0xFF, 0xE0, 0x8A) in colours and (0x9F, 0xD8, 0xCB) in colours


def test_png_of_a_huge_board_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pictures, "MAX_PNG_SIDE", 400)
    svg = board(PictureHex("theme", "links", -20, 0), PictureHex("theme", "rechts", 20, 0))
    image = Image.open(io.BytesIO(pictures.board_png(svg, scale=2.0)))
    assert max(image.size) <= 401


# --- card PDF --------------------------------------------------------------------------------------------


def test_cards_come_in_kind_order_then_by_row_and_column_then_the_empty_ones() -> None:
    hexes = [
        PictureHex("action", "actie onder", 0, 2),
        PictureHex("observation", "obs rechts", 3, 0),
        PictureHex("theme", "thema onder", -5, 1),
        PictureHex("observation", "obs links", -3, 0),
        PictureHex("theme", "thema boven", 9, -1),
        PictureHex("observation", "obs boven", 7, -4),
    ]
    laid = pictures.cards(
        hexes, colours=DEFAULT_COLOURS, labels=LABELS, empty={"observation": 2, "action": 1}
    )
    texts = [" ".join(line.text for line in card.lines) for card in laid]
    assert texts == [
        "thema boven",
        "thema onder",
        "obs boven",
        "obs links",
        "obs rechts",
        "actie onder",
        "",
        "",
        "",
    ]
    assert [card.label.text for card in laid[-3:]] == ["Observatie", "Observatie", "Actie"]
    assert [card.colour for card in laid[-3:]] == [DEFAULT_COLOURS["observation"]] * 2 + [
        DEFAULT_COLOURS["action"]
    ]
    assert laid[0].bold and not laid[2].bold
    # Fitted: the short text large, a long one smaller, both within the card's text box.
    long_card = pictures.cards([PictureHex("action", LONG, 0, 0)], colours={}, labels=LABELS, empty={})[0]
    assert long_card.font_size < laid[0].font_size
    width, height = pictures.text_box(pictures.CARD_SIZE_MM)
    assert len(long_card.lines) * long_card.font_size * pictures.LINE_HEIGHT <= height
    assert all(real_width(line.text, long_card.font_size) <= width for line in long_card.lines)


def test_empty_card_counts_are_bounded() -> None:
    laid = pictures.cards([], colours={}, labels=LABELS, empty={"theme": -4, "action": 10_000})
    assert len(laid) == pictures.MAX_EMPTY_CARDS and {card.label.text for card in laid} == {"Actie"}


def page_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    return [document[i].get_textpage().get_text_range() for i in range(len(document))]


def test_card_pdf_has_six_cards_a_page_with_the_texts_on_them() -> None:
    hexes = [PictureHex("observation", f"Observatie nummer {n}", n, 0) for n in range(5)]
    hexes += [
        PictureHex("theme", "Bereikbaarheid", 0, 3),
        PictureHex("action", "Terugbelbelofte <b>48 uur</b>", 2, 2),
    ]
    empty = {"theme": 1, "observation": 3, "action": 2}
    pdf = pictures.cards_pdf(
        hexes, colours=DEFAULT_COLOURS, labels=LABELS, empty=empty, title="Kaarten & meer"
    )
    assert pdf.startswith(b"%PDF")
    texts = page_texts(pdf)
    assert len(texts) == math.ceil((len(hexes) + 6) / 6) == 3
    first = "".join(texts[0].split())  # the text layer's spacing is not the point here
    assert first.startswith("ThemaBereikbaarheid")  # themes first
    assert "Observatienummer0" in first and "Observatienummer4" in first
    assert "Terugbelbelofte<b>48uur</b>" in "".join(texts[1].split())  # escaped, shown as typed
    assert pdfium.PdfDocument(pdf).get_metadata_dict()["Title"] == "Kaarten & meer"
    # A4 portrait.
    width, height = pdfium.PdfDocument(pdf)[0].get_size()
    assert (width, height) == pytest.approx((595.3, 841.9), abs=0.5)


def test_card_pdf_of_only_empty_cards() -> None:
    pdf = pictures.cards_pdf([], colours=DEFAULT_COLOURS, labels=LABELS, empty={"action": 7}, title="Leeg")
    texts = page_texts(pdf)
    assert len(texts) == 2
    assert texts[0].split() == ["Actie"] * 6 and texts[1].split() == ["Actie"]


def test_card_pdf_fetches_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    from coalitions import flyers

    fetched: list[str] = []
    original = flyers.StaticOnlyFetcher.fetch

    def spy(self: flyers.StaticOnlyFetcher, url: str, headers: object = None) -> object:
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(flyers.StaticOnlyFetcher, "fetch", spy)
    text = '<img src="http://169.254.169.254/latest"> url(file:///etc/passwd)'
    pdf = pictures.cards_pdf(
        [PictureHex("observation", text, 0, 0)], colours=DEFAULT_COLOURS, labels=LABELS, empty={}, title="t"
    )
    assert pdf.startswith(b"%PDF") and fetched == []
