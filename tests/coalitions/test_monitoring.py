"""Response monitoring: counts per organisation, link, perspective, age and week, never a small cell."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from coalitions.monitoring import (
    AGE_CATEGORIES,
    HIDDEN,
    MISSING,
    NO_ORGANISATION,
    PERSPECTIVES,
    LinkInfo,
    StoryFacts,
    build_report,
    suppress,
    week_starts,
)
from coalitions.views.monitoring import PLOTLY_MAPLIBRE_ID
from tests.coalitions._monitoring_helpers import check_breakdown, member_of, signed_in, tell
from tests.factories import local_today, make_coalition, make_link, make_organisation

ROOT = Path(__file__).parents[2]
TEMPLATES = ROOT / "templates" / "coalitions" / "monitoring"
TODAY = date(2025, 6, 4)  # a Wednesday


# --- suppress: examples -------------------------------------------------------------------------------


def test_no_small_count_no_change() -> None:
    assert suppress({"a": 0, "b": 5, "c": 12}) == {"a": 0, "b": 5, "c": 12}


def test_a_single_small_cell_takes_the_next_smallest_with_it() -> None:
    # Without the second hidden cell, 21 - 12 - 6 would give a's 3.
    assert suppress({"a": 3, "b": 6, "c": 12}) == {"a": "<5", "b": HIDDEN, "c": 12}


def test_a_hidden_cell_tied_with_a_shown_one_is_not_enough() -> None:
    # Smallest first: a hidden b next to a shown 5 must be 5 itself, so a = 13 - 5 - 5 = 3.
    assert suppress({"a": 3, "b": 5, "c": 5}) == {"a": "<5", "b": HIDDEN, "c": HIDDEN}


def test_hidden_cells_summing_to_a_small_number_are_not_enough() -> None:
    # a + b = 44 - 40 = 4 would be a small group of its own.
    assert suppress({"a": 2, "b": 2, "c": 40}) == {"a": "<5", "b": "<5", "c": HIDDEN}


def test_a_zero_may_protect_when_nothing_else_can() -> None:
    assert suppress({"a": 4, "b": 4, "c": 0}) == {"a": "<5", "b": "<5", "c": HIDDEN}


def test_a_breakdown_that_cannot_be_protected_is_withheld() -> None:
    # Two cells of "<5" and a total of 8: both are 4. One of "<5" and one hidden summing to 6: 1 and 5.
    assert suppress({"a": 4, "b": 4}) == {"a": HIDDEN, "b": HIDDEN}
    assert suppress({"a": 1, "b": 5}) == {"a": HIDDEN, "b": HIDDEN}


def test_a_small_total_needs_no_company() -> None:
    # The total is shown as "<5" too, so 3 cannot be worked out.
    assert suppress({"a": 3, "b": 0}) == {"a": "<5", "b": 0}


def test_suppress_refuses_negative_counts() -> None:
    with pytest.raises(ValueError, match="negative"):
        suppress({"a": -1})


# --- suppress: the property (RELIABILITY row 30) ------------------------------------------------------

small_or_any = st.one_of(st.integers(0, 6), st.integers(0, 6), st.integers(0, 30))


@settings(max_examples=500, deadline=None)
@given(st.lists(small_or_any, min_size=1, max_size=8))
def test_no_breakdown_shows_or_gives_away_a_small_count(values: list[int]) -> None:
    counts = {f"cel {i}": v for i, v in enumerate(values)}
    total = sum(values)
    check_breakdown(counts, suppress(counts), "<5" if 0 < total < 5 else total)


@st.composite
def coalitions_with_stories(
    draw: st.DrawFn,
) -> tuple[list[StoryFacts], list[tuple[int, str]], list[LinkInfo]]:
    """Organisations, their links (maybe a general link) and stories told through them."""
    n_orgs = draw(st.integers(0, 5))
    organisations = [(i, f"Organisatie {i}") for i in range(1, n_orgs + 1)]
    links = []
    for org_id, _name in organisations:
        links += [
            LinkInfo(id=len(links) + 1, organisation_id=org_id, label="")
            for _ in range(draw(st.integers(0, 3)))
        ]
    if draw(st.booleans()):
        links.append(LinkInfo(id=len(links) + 1, organisation_id=None, label=""))
    sources = [(link.organisation_id, link.id) for link in links] + [(None, None)]
    if organisations:
        sources.append((organisations[0][0], None))  # a story whose link was removed
    stories = draw(
        st.lists(
            st.tuples(
                st.sampled_from(sources),
                st.integers(0, 90),
                st.sampled_from([*PERSPECTIVES, None, "onbekend"]),
                st.sampled_from([*AGE_CATEGORIES, None]),
            ),
            max_size=60,
        )
    )
    facts = [
        StoryFacts(
            organisation_id=o, invite_link_id=k, day=TODAY - timedelta(days=d), perspective=p, age_category=a
        )
        for (o, k), d, p, a in stories
    ]
    return facts, organisations, links


@settings(max_examples=500, deadline=None)
@given(coalitions_with_stories())
def test_no_report_breakdown_shows_or_gives_away_a_small_count(data) -> None:
    facts, organisations, links = data
    report = build_report(facts, organisations=organisations, links=links, target_groups=[], today=TODAY)
    total = len(facts)
    assert report.total == ("<5" if 0 < total < 5 else total)
    known = {i for i, _name in organisations}
    owner = {link.id: link.organisation_id for link in links}

    def org(f: StoryFacts) -> str:
        return f"organisation:{f.organisation_id}" if f.organisation_id in known else NO_ORGANISATION

    starts = week_starts(TODAY)

    def week(f: StoryFacts) -> str:
        if f.day < starts[0]:
            return "earlier"
        return "{}-W{:02d}".format(*f.day.isocalendar()[:2])

    truths = {
        "organisation": Counter(org(f) for f in facts),
        "perspective": Counter(f.perspective if f.perspective in PERSPECTIVES else MISSING for f in facts),
        "age_category": Counter(
            f.age_category if f.age_category in AGE_CATEGORIES else MISSING for f in facts
        ),
        "week": Counter(week(f) for f in facts),
    }
    for name, truth in truths.items():
        breakdown = report.breakdown(name)
        assert breakdown.total == report.total
        check_breakdown(
            {c.key: truth[c.key] for c in breakdown.cells},
            {c.key: c.shown for c in breakdown.cells},
            breakdown.total,
        )

    # Links: within each organisation whose count is shown, against that count.
    def link(f: StoryFacts) -> str:
        group = f.organisation_id if f.organisation_id in known else None
        if f.invite_link_id in owner and owner[f.invite_link_id] == group:
            return f"link:{f.invite_link_id}"
        return f"removed:{group or ''}"

    link_truth = Counter(link(f) for f in facts)
    by_org = {c.key: c.shown for c in report.breakdown("organisation").cells}
    groups: dict[str, list] = {}
    for cell in report.breakdown("link").cells:
        groups.setdefault(cell.group, []).append(cell)
    names = dict(organisations)
    for label, cells in groups.items():
        parent_key = next((f"organisation:{i}" for i, n in names.items() if n == label), NO_ORGANISATION)
        parent = by_org[parent_key]
        counts = {c.key: link_truth[c.key] for c in cells}
        shown = {c.key: c.shown for c in cells}
        if isinstance(parent, int):
            assert sum(counts.values()) == parent
            check_breakdown(counts, shown, parent)
        elif len(cells) == 1:
            assert shown == {cells[0].key: parent}
        else:
            assert set(shown.values()) == {HIDDEN}


# --- the pages ---------------------------------------------------------------------------------------


@pytest.fixture
def world(session: Session) -> dict:
    """A coalition with four organisations: 3, 7, 0 and 12 stories (2 of them by professionals)."""
    coalition = make_coalition(session, slug="regio-west", target_groups=["12-18", "parent", "professional"])
    today = local_today()
    small = make_organisation(session, coalition, name="Aa Kleine Club")
    middle = make_organisation(session, coalition, name="Bb Middenweg")
    quiet = make_organisation(session, coalition, name="Cc Stille Vennoot")
    large = make_organisation(session, coalition, name="Dd Grote Stichting")
    tell(session, make_link(session, coalition, organisation=small), day=today, n=3, perspective="youth")
    tell(session, make_link(session, coalition, organisation=middle), day=today, n=7, perspective="other")
    tell(session, make_link(session, coalition, organisation=large), day=today, n=10, perspective="youth")
    tell(
        session, make_link(session, coalition, organisation=large), day=today, n=2, perspective="professional"
    )
    make_link(session, coalition, organisation=quiet)
    return {"coalition": coalition, "member": member_of(session, coalition)}


def row_value(html: str, label: str) -> str:
    """The count in the table row headed ``label`` (first table that has it)."""
    match = re.search(
        r'<th scope="row">' + re.escape(label) + r'</th>\s*<td class="num">(.*?)</td>', html, re.S
    )
    assert match, f"no row {label!r}"
    return re.sub(r'<span class="visually-hidden">.*?</span>|<[^>]+>', "", match.group(1)).strip()


def test_dashboard_shows_small_counts_as_small(app: Flask, world: dict) -> None:
    client = signed_in(app, world["member"])
    response = client.get("/coalitions/regio-west/respons")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert row_value(html, "Aa Kleine Club") == "&lt;5"
    assert row_value(html, "Bb Middenweg") == HIDDEN  # hidden too: else 22 - 12 - 7 gives the 3
    assert row_value(html, "Cc Stille Vennoot") == "0"
    assert row_value(html, "Dd Grote Stichting") == "12"
    assert row_value(html, "Professionals") == "&lt;5"
    assert row_value(html, "Iets anders") == HIDDEN
    assert row_value(html, "Kinderen en jongeren") == "13"
    assert row_value(html, "Ouders, verzorgers en familie") == "0"
    assert 'scope="col"' in html and "<tfoot>" in html


def test_chart_json_never_holds_a_small_count(app: Flask, world: dict) -> None:
    html = signed_in(app, world["member"]).get("/coalitions/regio-west/respons").get_data(as_text=True)
    figures = dict(
        re.findall(
            r'<script type="application/json" id="figure-[\w-]+" class="chart-data" data-target="chart-([\w-]+)">(.*?)</script>',
            html,
            re.S,
        )
    )
    assert {"organisation", "perspective", "age_category", "week"} <= set(figures)
    organisation = json.loads(figures["organisation"])
    bar = organisation["data"][0]
    row = bar["y"].index("Aa Kleine Club")
    assert bar["x"][row] is None and bar["text"][row] == ""
    assert 3 not in bar["x"] and "3" not in bar["text"]
    notes = {n["y"]: n["text"] for n in organisation["layout"]["annotations"]}
    assert notes["Aa Kleine Club"] == "<5" and notes["Bb Middenweg"] == HIDDEN
    assert bar["x"][bar["y"].index("Dd Grote Stichting")] == 12
    assert bar["x"][bar["y"].index("Cc Stille Vennoot")] == 0
    perspective = json.loads(figures["perspective"])["data"][0]
    assert 2 not in perspective["x"] and "2" not in perspective["text"]


def test_csv_has_every_cell_as_shown(app: Flask, world: dict) -> None:
    response = signed_in(app, world["member"]).get("/coalitions/regio-west/respons.csv")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="respons-regio-west.csv"'
    assert response.mimetype == "text/csv"
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["verdeling", "omschrijving", "aantal"]
    values = {(r[0], r[1]): r[2] for r in rows[1:]}
    assert values[("Per organisatie", "Aa Kleine Club")] == "<5"
    assert values[("Per organisatie", "Bb Middenweg")] == HIDDEN
    assert values[("Per organisatie", "Cc Stille Vennoot")] == "0"
    assert values[("Per organisatie", "Dd Grote Stichting")] == "12"
    assert values[("Per link", "Aa Kleine Club · Link 1")] == "<5"
    assert values[("Totaal", "Alle verhalen")] == "22"
    assert not any(r[2] in {"1", "2", "3", "4"} for r in rows[1:])


def test_csv_neutralises_formula_names(app: Flask, session: Session) -> None:
    coalition = make_coalition(session, slug="formules")
    organisation = make_organisation(session, coalition, name='=HYPERLINK("x")')
    tell(session, make_link(session, coalition, organisation=organisation), day=local_today(), n=6)
    body = (
        signed_in(app, member_of(session, coalition))
        .get("/coalitions/formules/respons.csv")
        .get_data(as_text=True)
    )
    assert "'=HYPERLINK" in body


def test_flags_and_reminders(app: Flask, session: Session, world: dict) -> None:
    coalition = world["coalition"]
    late = make_organisation(session, coalition, name="Ee Laat Bericht")
    tell(
        session, make_link(session, coalition, organisation=late), day=local_today() - timedelta(days=20), n=6
    )
    client = signed_in(app, world["member"])
    for url in ("/coalitions/regio-west/respons", "/coalitions/regio-west/respons/update"):
        html = client.get(url).get_data(as_text=True)
        assert "Nog geen verhalen van ouders" in html
        assert "Nog weinig verhalen van professionals" in html
        assert "jongeren (12 tot 18 jaar)" not in html  # prefilled 12-18 by the organisations' links
        remind = html.split(
            "Organisaties zonder verhaal" if "respons/update" not in url else "Zonder verhaal"
        )[1]
        remind = remind.split("</ul>")[0]
        assert "Cc Stille Vennoot" in remind and "Ee Laat Bericht" in remind
        assert "Aa Kleine Club" not in remind and "Dd Grote Stichting" not in remind


def test_no_young_people_yet(app: Flask, session: Session) -> None:
    coalition = make_coalition(session, slug="jong", target_groups=["12-18", "0-12"])
    organisation = make_organisation(session, coalition, age_categories=["0-12"])
    tell(session, make_link(session, coalition, organisation=organisation), day=local_today(), n=5)
    html = (
        signed_in(app, member_of(session, coalition)).get("/coalitions/jong/respons").get_data(as_text=True)
    )
    assert "Nog geen verhalen van jongeren (12 tot 18 jaar)" in html
    assert "kinderen (0 tot 12 jaar)" not in html


def test_update_page_is_printable(app: Flask, world: dict) -> None:
    response = signed_in(app, world["member"]).get("/coalitions/regio-west/respons/update")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'media="print"' in html and "monitoring-print.css" in html
    assert "Verhalen tot nu toe: 22" in html
    assert re.search(r"Deze week \(week \d+\): 22", html)
    assert re.search(r"Vorige week \(week \d+\): 0", html)


def test_other_coalitions_response_is_not_found(app: Flask, session: Session, world: dict) -> None:
    other = make_coalition(session, slug="elders")
    tell(session, make_link(session, other), day=local_today(), n=6)
    client = signed_in(app, world["member"])
    for url in (
        "/coalitions/elders/respons",
        "/coalitions/elders/respons/update",
        "/coalitions/elders/respons.csv",
    ):
        assert client.get(url).status_code == 404


def test_signed_out_is_sent_to_login(app: Flask, world: dict) -> None:
    response = app.test_client().get("/coalitions/regio-west/respons")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_menu_links_to_the_dashboard(app: Flask, world: dict) -> None:
    html = signed_in(app, world["member"]).get("/coalitions/regio-west/").get_data(as_text=True)
    assert 'href="/coalitions/regio-west/respons"' in html


def test_no_request_to_third_party_hosts(app: Flask, world: dict) -> None:
    for template in TEMPLATES.glob("*.html"):
        assert not re.search(r"https?://", template.read_text(encoding="utf-8")), template.name
    html = signed_in(app, world["member"]).get("/coalitions/regio-west/respons").get_data(as_text=True)
    sources = re.findall(r'\b(?:src|href)="([^"]*)"', html)
    assert any(s.endswith("/static/vendor/plotly.min.js") for s in sources)
    assert not [s for s in sources if re.match(r"(?:https?:)?//", s)]
    assert "<style" not in html and " style=" not in html


def test_an_empty_coalition_shows_zeros_and_no_charts(app: Flask, session: Session) -> None:
    coalition = make_coalition(session, slug="leeg")
    make_organisation(session, coalition, name="Nog Niemand")
    html = (
        signed_in(app, member_of(session, coalition)).get("/coalitions/leeg/respons").get_data(as_text=True)
    )
    assert row_value(html, "Nog Niemand") == "0"
    assert "chart-data" not in html and "plotly.min.js" not in html


def test_plotly_is_served_by_us_and_adds_no_style_element(app: Flask, world: dict) -> None:
    # plotly.js skips its own <style> elements when these elements exist (static/vendor/README.md).
    bundle = (ROOT / "static" / "vendor" / "plotly.min.js").read_text(encoding="utf-8")
    assert bundle.startswith("/**\n* plotly.js v")
    assert 'matches(".no-inline-styles")' in bundle
    assert f'document.getElementById("{PLOTLY_MAPLIBRE_ID}")' in bundle
    assert ".js-plotly-plot .plotly" in (ROOT / "static" / "vendor" / "plotly.css").read_text(
        encoding="utf-8"
    )
    html = signed_in(app, world["member"]).get("/coalitions/regio-west/respons").get_data(as_text=True)
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in html
    assert f'id="{PLOTLY_MAPLIBRE_ID}"' in html
