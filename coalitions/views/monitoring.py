"""Response monitoring: who has shared stories so far, without singling anyone out."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator, Sequence
from typing import Any

from flask import Response, current_app, render_template
from flask.typing import ResponseReturnValue
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import escape

from coalitions import monitoring, spreadsheets
from coalitions.monitoring import HIDDEN, MISSING, Breakdown, Cell, Report
from coalitions.views import coalition_blueprint, current_coalition
from vertelpunt.db import get_session
from vertelpunt.timeutil import today

bp = coalition_blueprint("coalitions_monitoring", __name__)

TITLES = {
    "organisation": _l("Per organisatie"),
    "link": _l("Per link"),
    "perspective": _l("Per perspectief"),
    "age_category": _l("Per leeftijd"),
    "week": _l("Per week"),
}
CATEGORIES = {
    "perspective": {
        "youth": _l("Kinderen en jongeren"),
        "parent": _l("Ouders, verzorgers en familie"),
        "professional": _l("Professionals"),
        "other": _l("Iets anders"),
        MISSING: _l("Niet ingevuld"),
    },
    "age_category": {
        "0-12": _l("Jonger dan 12 jaar"),
        "12-18": _l("12 tot 18 jaar"),
        "18plus": _l("18 jaar of ouder"),
        "unknown": _l("Weet niet of zegt liever niet"),
        MISSING: _l("Niet ingevuld"),
    },
}
FLAGS = {
    ("0-12", "none"): _l("Nog geen verhalen over kinderen (0 tot 12 jaar)"),
    ("0-12", "few"): _l("Nog weinig verhalen over kinderen (0 tot 12 jaar)"),
    ("12-18", "none"): _l("Nog geen verhalen van jongeren (12 tot 18 jaar)"),
    ("12-18", "few"): _l("Nog weinig verhalen van jongeren (12 tot 18 jaar)"),
    ("parent", "none"): _l("Nog geen verhalen van ouders"),
    ("parent", "few"): _l("Nog weinig verhalen van ouders"),
    ("professional", "none"): _l("Nog geen verhalen van professionals"),
    ("professional", "few"): _l("Nog weinig verhalen van professionals"),
}
COLUMNS = {
    "organisation": _l("Organisatie"),
    "link": _l("Link"),
    "perspective": _l("Perspectief"),
    "age_category": _l("Leeftijd van het kind of de jongere"),
    "week": _l("Week"),
}
BRAND = "#1b5e7a"
# The full plotly.js bundle adds MapLibre's stylesheet in a <style> element (refused by our CSP) unless an
# element with this id exists; we draw no maps, so the chart pages carry an empty one (static/vendor/README.md).
PLOTLY_MAPLIBRE_ID = "9f215cf04c5486422605d13261cb87401f4e7763b6296af81e98efbc0130da53"


@bp.get("/<slug>/respons")
def dashboard(slug: str) -> ResponseReturnValue:
    """Stories per organisation, link, perspective, age and week, as tables and charts."""
    report = current_report()
    # No chart of links (there may be hundreds; the table lists them), and none before the first story.
    charts = {b.name: figure(b) for b in report.breakdowns if b.name != "link"} if report.total else {}
    return render_template("coalitions/monitoring/dashboard.html", report=report, charts=charts, **helpers())


@bp.get("/<slug>/respons/update")
def update(slug: str) -> ResponseReturnValue:
    """A short, printable response update to paste into an e-mail."""
    return render_template("coalitions/monitoring/update.html", report=current_report(), **helpers())


@bp.get("/<slug>/respons.csv")
def download(slug: str) -> ResponseReturnValue:
    """Every breakdown cell as shown on screen, as CSV (UTF-8 with BOM, so Excel reads it)."""
    # Built whole here: the labels need this request's language, which a streamed body would not have.
    response = Response("".join(csv_lines(current_report())), content_type="text/csv; charset=utf-8")
    # The slug is lowercase letters, digits and dashes (create_coalition checks it).
    response.headers["Content-Disposition"] = f'attachment; filename="respons-{slug}.csv"'
    return response


def current_report() -> Report:
    """This coalition's response report as of today."""
    return monitoring.response_report(
        get_session(), current_coalition(), today=today(current_app.config["TIMEZONE"])
    )


def helpers() -> dict[str, Any]:
    """Labels for the templates."""
    return {
        "titles": TITLES,
        "columns": COLUMNS,
        "week_number": lambda cell: cell.start.isocalendar()[1],
        "cell_label": cell_label,
        "flag_text": lambda flag: FLAGS[(flag.target_group, flag.level)],
        "week_label": week_label,
        "hidden": HIDDEN,
        "small": monitoring.small_mark(),
        "plotly_maplibre_id": PLOTLY_MAPLIBRE_ID,
    }


def cell_label(breakdown: str, cell: Cell) -> str:
    """A cell's row label in the reader's language."""
    if breakdown == "organisation":
        return cell.label or _("Zonder organisatie (algemene link)")
    if breakdown == "link":
        if cell.key.startswith("removed:"):
            return _("Verwijderde link")
        if cell.label:
            return cell.label
        return _("Link %(number)s", number=cell.number) if cell.group else _("Algemene link")
    if breakdown == "week":
        return week_label(cell)
    return str(CATEGORIES[breakdown].get(cell.key, cell.key))


def week_label(cell: Cell) -> str:
    """ "Week 23 (vanaf 2 jun.)", or "Eerder" for the cell of all older stories."""
    if cell.start is None:
        return _("Eerder")
    return _(
        "Week %(week)s (vanaf %(date)s)",
        week=cell.start.isocalendar()[1],
        date=format_date(cell.start, "d MMM"),
    )


def full_label(breakdown: str, cell: Cell) -> str:
    """A label that names the organisation too (links of different organisations share names)."""
    label = cell_label(breakdown, cell)
    if breakdown != "link":
        return label
    return f"{cell.group or _('Zonder organisatie')} · {label}"


def chart_label(breakdown: str, cell: Cell) -> str:
    """A label short enough for a chart axis; weeks on two lines, long names wrapped."""
    if breakdown == "week" and cell.start is not None:
        return "{}<br>{}".format(
            _("week %(number)s", number=cell.start.isocalendar()[1]), format_date(cell.start, "d MMM")
        )
    return wrap(full_label(breakdown, cell))


def wrap(text: str, width: int = 18) -> str:
    """A long chart label on lines of whole words, narrow enough to leave a phone room for the bars
    (plotly breaks lines at ``<br>``; the text itself is escaped)."""
    lines = textwrap.wrap(text, width, break_long_words=False) or [text]
    return "<br>".join(str(escape(line)) for line in lines)


def chart_height(labels: Sequence[str]) -> int:
    """The height of a chart of horizontal bars: room for every line of every label."""
    return 70 + sum(20 + 17 * (label.count("<br>") + 1) for label in labels)


def figure(breakdown: Breakdown) -> dict[str, Any]:
    """A plotly bar chart of the shown counts. A hidden cell gets no bar, only its mark ("<5" or "×")
    as a label: the true small value is never in the figure."""
    import plotly.graph_objects as go  # imported here: only the dashboard needs plotly, not app start-up

    labels = [chart_label(breakdown.name, cell) for cell in breakdown.cells]
    values = [cell.shown if isinstance(cell.shown, int) else None for cell in breakdown.cells]
    marks = [str(cell.shown) for cell in breakdown.cells]
    across = breakdown.name == "week"
    bar = go.Bar(
        x=labels if across else values,
        y=values if across else labels,
        orientation="v" if across else "h",
        # A hidden cell's mark is an annotation (below): plotly draws the text of a missing bar too.
        text=[mark if value is not None else "" for value, mark in zip(values, marks, strict=True)],
        textposition="outside",
        cliponaxis=False,
        marker={"color": BRAND},
        hovertemplate="%{" + ("x" if across else "y") + "}: %{text}<extra></extra>",
    )
    notes = mark_notes(labels, values, marks, across=across)
    category_axis = {"type": "category", "automargin": True}
    value_axis = {"rangemode": "tozero", "gridcolor": "#d5dde2", "zeroline": True, "automargin": True}
    layout = go.Layout(
        template="none",
        height=360 if across else chart_height(labels),
        margin={"l": 10, "r": 40, "t": 10, "b": 30},
        font={"family": "system-ui, sans-serif", "size": 14, "color": "#1d2329"},
        annotations=notes,
        showlegend=False,
        xaxis=category_axis if across else value_axis,
        yaxis=value_axis if across else {**category_axis, "autorange": "reversed"},
    )
    figure_json: dict[str, Any] = json.loads(go.Figure(data=[bar], layout=layout).to_json())
    return figure_json


def mark_notes(
    labels: Sequence[str], values: Sequence[int | None], marks: Sequence[str], *, across: bool
) -> list[dict[str, Any]]:
    """Plotly annotations for the bars left out: a hidden count's mark ("<5" or "×") where its bar would start.

    ``across`` is for vertical bars (labels along the x axis); ``values`` is None for a count not drawn.
    """
    return [
        {
            "x": label if across else 0,
            "y": 0 if across else label,
            "text": mark,
            "hovertext": _("Verborgen") if mark == HIDDEN else _("1 tot 4 verhalen"),
            "showarrow": False,
            "xanchor": "center" if across else "left",
            "yanchor": "bottom" if across else "middle",
        }
        for label, value, mark in zip(labels, values, marks, strict=True)
        if value is None
    ]


def csv_lines(report: Report) -> Iterator[str]:
    """The report as CSV: a byte order mark, a header, then one row per cell as shown; cells neutralised."""
    rows: list[list[object]] = [[_("Totaal"), _("Alle verhalen"), report.total]]
    for breakdown in report.breakdowns:
        rows += [[TITLES[breakdown.name], full_label(breakdown.name, c), c.shown] for c in breakdown.cells]
    return spreadsheets.csv_chunks([_("verdeling"), _("omschrijving"), _("aantal")], rows)
