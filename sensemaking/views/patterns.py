"""Patterns: how every question was answered (optionally split by another question), two groups side by
side, and the regional figures ("hard data") beside them.

Every count comes from ``sensemaking.patterns`` already suppressed; the charts here draw only what the
tables show (see the rule in that module's docstring). Charts are plotly figures built on the server and
put in ``<script type="application/json">`` blocks that ``static/js/charts.js`` draws.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import Any

from flask import Response, abort, flash, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from markupsafe import escape
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import select
from werkzeug.datastructures import FileStorage

from coalitions.models import Organisation
from coalitions.monitoring import small_mark
from coalitions.views import (
    can_manage,
    coalition_blueprint,
    coalition_url,
    current_coalition,
    manager_required,
)
from coalitions.views.monitoring import PLOTLY_MAPLIBRE_ID, chart_height, mark_notes, wrap
from sensemaking import filters, hard_data, patterns
from sensemaking.filters import FilterError, StoryFilter
from sensemaking.patterns import ALL, HIDDEN, MISSING, Distribution, Table, TriadPoint
from vertelpunt.db import get_session
from vertelpunt.i18n import current_language
from vertelpunt.questionnaire import Definition, Question
from vertelpunt.services import current_questionnaire

bp = coalition_blueprint("sensemaking_patterns", __name__)
sensemaking_patterns = bp
GROUPS = ("g1-", "g2-")
BRAND = "#1b5e7a"
# Okabe-Ito colours (readable with colour blindness), the brand colour first.
PALETTE = ("#1b5e7a", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c6d1f", "#000000")
FONT = {"family": "system-ui, sans-serif", "size": 14, "color": "#1d2329"}
SQRT3_2 = math.sqrt(3) / 2


class FiguresForm(FlaskForm):
    """A CSV file of regional figures."""

    upload = FileField(_l("CSV-bestand (hooguit 1 MB)"))


class DeleteFiguresForm(FlaskForm):
    """Confirm removing all figures (the CSRF token is the point)."""


# --- Patterns -----------------------------------------------------------------------------------------


@bp.get("/<slug>/patronen", endpoint="patterns")
def patterns_page(slug: str) -> ResponseReturnValue:
    """Every question's answers in the filtered stories, optionally split by one question."""
    definition = _definition()
    organisations = _organisations()
    split_choices = patterns.split_questions(definition)
    split = request.args.get("split", "")
    try:
        flt = filters.parse(request.args, definition, organisation_ids=[i for i, _n in organisations])
        if split and split not in {q.id for q in split_choices}:
            raise FilterError("unknown split")
    except FilterError:
        return _bad_filter()
    records = _stories(flt, definition)
    result = patterns.analyse(records, definition, split=split or None)
    charts: dict[str, dict[str, Any]] = {}
    if isinstance(result, patterns.Patterns):
        charts = {d.question.id: figure(d, result.split) for d in result.distributions}
    return render_template(
        "sensemaking/patterns/patterns.html",
        flt=flt,
        result=result,
        split=split,
        split_choices=split_choices,
        charts=charts,
        prefix="",
        **_filter_context(definition, organisations),
        **_figure_context(),
        **helpers(),
    )


@bp.get("/<slug>/patronen/vergelijken")
def compare(slug: str) -> ResponseReturnValue:
    """Two filtered groups side by side, question by question."""
    definition = _definition()
    organisations = _organisations()
    ids = [i for i, _n in organisations]
    try:
        group_filters = [
            filters.parse(request.args, definition, prefix=p, organisation_ids=ids) for p in GROUPS
        ]
    except FilterError:
        return _bad_filter()
    groups = [_stories(flt, definition) for flt in group_filters]
    comparison = patterns.compare(groups[0], groups[1], definition)
    charts = {a.question.id: compare_figure(a, b) for a, b in comparison.pairs()}
    return render_template(
        "sensemaking/patterns/compare.html",
        comparison=comparison,
        group_filters=list(zip(GROUPS, group_filters, strict=True)),
        charts=charts,
        **_filter_context(definition, organisations),
        **helpers(),
    )


# --- Regional figures ---------------------------------------------------------------------------------


@bp.route("/<slug>/cijfers", methods=["GET", "POST"])
def figures(slug: str) -> ResponseReturnValue:
    """The coalition's regional figures; managers upload a CSV file that replaces them all."""
    coalition = current_coalition()
    form = FiguresForm()
    problems: list[str] = []
    if request.method == "POST":
        if not can_manage(coalition):
            abort(403)
        if form.validate_on_submit():
            upload = form.upload.data
            if not isinstance(upload, FileStorage) or not upload.filename:
                problems = [_("Kies een CSV-bestand.")]
            else:
                result = hard_data.read_csv(upload.read(hard_data.MAX_BYTES + 1))
                problems = [describe(problem) for problem in result.problems]
                if not problems:
                    session = get_session()
                    try:
                        count = hard_data.replace_figures(session, coalition.id or 0, result.rows)
                        session.commit()
                    except SQLAlchemyError:
                        session.rollback()
                        problems = [_("Het opslaan lukte niet. Er is niets veranderd; probeer het opnieuw.")]
                    else:
                        flash(
                            ngettext(
                                "%(num)d cijfer is geïmporteerd; de vorige cijfers zijn vervangen.",
                                "%(num)d cijfers zijn geïmporteerd; de vorige cijfers zijn vervangen.",
                                count,
                            )
                        )
                        return redirect(coalition_url(".figures"))
        else:
            problems = [_("Het formulier is verlopen. Kies het bestand opnieuw.")]
    return render_template(
        "sensemaking/patterns/figures.html",
        form=form,
        delete_form=DeleteFiguresForm(),
        problems=problems,
        max_rows=hard_data.MAX_ROWS,
        **_figure_context(),
    ), 422 if problems else 200


@bp.post("/<slug>/cijfers/verwijderen")
@manager_required
def delete_figures(slug: str) -> ResponseReturnValue:
    """Remove all of the coalition's figures."""
    if not DeleteFiguresForm().validate_on_submit():
        abort(400)
    session = get_session()
    hard_data.delete_all(session, current_coalition().id or 0)
    session.commit()
    flash(_("Alle cijfers zijn verwijderd."))
    return redirect(coalition_url(".figures"))


@bp.get("/<slug>/cijfers.csv")
def figures_csv(slug: str) -> ResponseReturnValue:
    """The coalition's figures as CSV (the upload's columns, so it can be changed and uploaded again)."""
    items = hard_data.figures(get_session(), current_coalition().id or 0)
    return _download(hard_data.csv_chunks(items), f"cijfers-{slug}.csv")


@bp.get("/<slug>/cijfers/voorbeeld.csv")
def figures_template(slug: str) -> ResponseReturnValue:
    """An example file to fill in."""
    return _download(hard_data.template_chunks(), "cijfers-voorbeeld.csv")


def describe(problem: hard_data.Problem) -> str:
    """An upload problem in the reader's language, with its row and column."""
    message = _(problem.message, **problem.params)
    if problem.row is None:
        return message
    if problem.column:
        return _(
            "Rij %(row)s, kolom %(column)s: %(problem)s",
            row=problem.row,
            column=problem.column,
            problem=message,
        )
    return _("Rij %(row)s: %(problem)s", row=problem.row, problem=message)


def _download(chunks: Iterator[str], filename: str) -> Response:
    # Built whole: small (at most MAX_ROWS rows), and a streamed body would lose the request context.
    response = Response("".join(chunks), content_type="text/csv; charset=utf-8")
    # The slug is lowercase letters, digits and dashes (create_coalition checks it).
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Helpers ------------------------------------------------------------------------------------------


def _definition() -> Definition:
    return current_questionnaire(get_session())[1]


def _organisations() -> list[tuple[int, str]]:
    rows = get_session().exec(
        select(Organisation.id, Organisation.name).where(Organisation.coalition_id == current_coalition().id)
    )
    return sorted(
        ((int(i), name) for i, name in rows if i is not None), key=lambda r: (r[1].casefold(), r[0])
    )


def _stories(flt: StoryFilter, definition: Definition) -> list[filters.StoryRecord]:
    return filters.stories(get_session(), [current_coalition().id or 0], flt, definition)


def _bad_filter() -> ResponseReturnValue:
    return render_template("sensemaking/patterns/bad_filter.html"), 400


def _filter_context(definition: Definition, organisations: list[tuple[int, str]]) -> dict[str, Any]:
    return {
        "fields": filters.filter_fields(definition, current_language()),
        "organisations": organisations,
        "plotly_maplibre_id": PLOTLY_MAPLIBRE_ID,
    }


def _figure_context() -> dict[str, Any]:
    items = hard_data.figures(get_session(), current_coalition().id or 0)
    return {"figure_groups": hard_data.grouped(items), "number": lambda v: format_decimal(v)}


def helpers() -> dict[str, Any]:
    """Labels and marks for the templates."""
    return {
        "question_title": question_title,
        "row_label": row_label,
        "column_label": column_label,
        "hidden": HIDDEN,
        "small": small_mark(),
        "missing": MISSING,
        "all_column": ALL,
    }


def question_title(question: Question) -> str:
    """The question as asked, in the page language ("Gekozen vraag" for the prompt)."""
    if question.kind == "prompt":
        return _("Gekozen vraag")
    lang = current_language()
    return question.text.get(lang) or question.text.get("nl", question.id)


def row_label(question: Question, key: str) -> str:
    """A table row's label: the option, a slider step with its pole, or "not answered"."""
    lang = current_language()
    if key == MISSING:
        return _("Niet ingevuld")
    if question.kind == "dyad":
        pole = ""
        if key == "1":
            pole = question.left.get(lang) or question.left.get("nl", "")
        elif key == str(question.steps):
            pole = question.right.get(lang) or question.right.get("nl", "")
        return f"{key} · {pole}" if pole else key
    return question.label_of(key, lang)


def column_label(split: Question | None, key: str) -> str:
    """A split column's label."""
    if split is None or key == ALL:
        return _("Alle verhalen")
    return row_label(split, key)


# --- Charts -------------------------------------------------------------------------------------------


def figure(dist: Distribution, split: Question | None) -> dict[str, Any]:
    """The chart of one question: ternary for a safe triad, histogram for a slider, bars otherwise."""
    if dist.points:
        return ternary_figure(dist.question, dist.points, split, dist.table)
    if dist.table.split:
        return grouped_figure(dist.question, dist.table, split)
    return bar_figure(dist.question, dist.table)


def _chart_rows(question: Question, table: Table) -> list[int]:
    # A slider's histogram runs from pole to pole; "not answered" stays in the table.
    return [i for i, key in enumerate(table.rows) if not (question.kind == "dyad" and key == MISSING)]


def _axis_labels(question: Question, table: Table, rows: Sequence[int]) -> list[str]:
    if question.kind == "dyad":
        return [table.rows[i] for i in rows]  # the steps; the poles are written under the ends
    return [wrap(row_label(question, table.rows[i])) for i in rows]


def _poles(question: Question) -> list[dict[str, Any]]:
    """The slider's two poles under the ends of its histogram."""
    lang = current_language()
    left = question.left.get(lang) or question.left.get("nl", "")
    right = question.right.get(lang) or question.right.get("nl", "")
    common = {"xref": "paper", "yref": "paper", "y": -0.12, "yanchor": "top", "showarrow": False}
    return [
        {**common, "x": 0, "xanchor": "left", "text": "← " + wrap(left, 30)},
        {**common, "x": 1, "xanchor": "right", "text": wrap(right, 30) + " →"},
    ]


def bar_figure(question: Question, table: Table) -> dict[str, Any]:
    """Counts per answer. A count shown as "<5" or × gets no bar (omitted, not capped), only its mark."""
    rows = _chart_rows(question, table)
    labels = _axis_labels(question, table, rows)
    values = [v for i, v in enumerate(table.bar_values(0)) if i in rows]
    marks = [str(table.cells[i][0]) for i in rows]
    across = question.kind == "dyad"
    bar = {
        "type": "bar",
        "x": labels if across else values,
        "y": values if across else labels,
        "orientation": "v" if across else "h",
        "text": [m if v is not None else "" for v, m in zip(values, marks, strict=True)],
        "textposition": "outside",
        "cliponaxis": False,
        "marker": {"color": BRAND},
        "hovertemplate": "%{" + ("x" if across else "y") + "}: %{text}<extra></extra>",
    }
    notes = mark_notes(labels, values, marks, across=across)
    if across:
        layout = _layout(height=380, annotations=notes, bargap=0.08)
        layout["xaxis"] = {
            "type": "category",
            "automargin": True,
            "title": {"text": _("Stand van het schuifje")},
        }
        layout["yaxis"] = _value_axis(_("Verhalen"))
    else:
        layout = _layout(height=chart_height(labels), annotations=notes)
        layout["xaxis"] = _value_axis(_("Verhalen"))
        layout["yaxis"] = {"type": "category", "automargin": True, "autorange": "reversed"}
    return {"data": [bar], "layout": layout}


def grouped_figure(question: Question, table: Table, split: Question | None) -> dict[str, Any]:
    """Per part of the split, the share of its stories per answer (bars of shown counts only)."""
    rows = _chart_rows(question, table)
    labels = _axis_labels(question, table, rows)
    across = question.kind == "dyad"
    traces = []
    for j, key in enumerate(table.columns):
        size = table.column_totals[j]
        if not isinstance(size, int) or size == 0:
            continue  # a part whose size is hidden, or empty, gets no bars at all
        percents = [p for i, p in enumerate(table.bar_percents(j)) if i in rows]
        counts = [str(table.cells[i][j]) for i in rows]
        name = f"{escape(column_label(split, key))} ({size})"
        traces.append(
            _share_bars(name, labels, percents, counts, PALETTE[len(traces) % len(PALETTE)], across)
        )
    height = 420 if across else 120 + max(1, len(traces)) * 12 * len(labels)
    layout = _layout(
        height=height, showlegend=True, barmode="group", annotations=_poles(question) if across else []
    )
    layout["legend"] = {
        "orientation": "h",
        "y": -0.15 if across else 1.02,
        "yanchor": "top" if across else "bottom",
    }
    layout.update(_share_axes(across))
    return {"data": traces, "layout": layout}


def ternary_figure(
    question: Question, points: Sequence[TriadPoint], split: Question | None, table: Table
) -> dict[str, Any]:
    """A triad's answers as points in a triangle (drawn on cartesian axes: plain SVG, CSP-safe)."""
    lang = current_language()
    labels = [o.label.get(lang) or o.label["nl"] for o in question.options]
    corners = [str(escape(label)) for label in labels]
    outline = {
        "type": "scatter",
        "mode": "lines",
        "x": [0, 1, 0.5, 0],
        "y": [0, 0, SQRT3_2, 0],
        "line": {"color": "#8a99a5", "width": 1.5},
        "hoverinfo": "skip",
        "showlegend": False,
    }
    traces: list[dict[str, Any]] = [outline]
    for j, key in enumerate(table.columns):
        mine = [p for p in points if p.column == key]
        if not mine:
            continue
        name = str(escape(column_label(split, key)))
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": name,
                "x": [round(p.weights[1] + p.weights[2] / 2, 4) for p in mine],
                "y": [round(p.weights[2] * SQRT3_2, 4) for p in mine],
                "customdata": [[round(100 * w) for w in p.weights] for p in mine],
                "marker": {"color": PALETTE[j % len(PALETTE)], "size": 9, "opacity": 0.7},
                "hovertemplate": f"{corners[0]} %{{customdata[0]}}%<br>{corners[1]} %{{customdata[1]}}%"
                f"<br>{corners[2]} %{{customdata[2]}}%<extra>{name}</extra>",
                "showlegend": table.split,
            }
        )
    notes = [
        {"x": 0, "y": -0.02, "text": wrap(labels[0], 22), "showarrow": False, "yanchor": "top"},
        {"x": 1, "y": -0.02, "text": wrap(labels[1], 22), "showarrow": False, "yanchor": "top"},
        {
            "x": 0.5,
            "y": SQRT3_2 + 0.02,
            "text": wrap(labels[2], 30),
            "showarrow": False,
            "yanchor": "bottom",
        },
    ]
    hidden_axis = {"visible": False, "fixedrange": True}
    layout = _layout(height=460, annotations=notes, showlegend=table.split)
    layout["margin"] = {"l": 20, "r": 20, "t": 50, "b": 20}
    layout["xaxis"] = {**hidden_axis, "range": [-0.2, 1.2]}
    layout["yaxis"] = {**hidden_axis, "range": [-0.2, 0.95], "scaleanchor": "x"}
    layout["legend"] = {"orientation": "h", "y": -0.02, "yanchor": "top"}
    return {"data": traces, "layout": layout}


def compare_figure(a: Distribution, b: Distribution) -> dict[str, Any]:
    """Two groups' shares per answer, side by side (bars of shown counts only)."""
    question = a.question
    rows = _chart_rows(question, a.table)
    labels = _axis_labels(question, a.table, rows)
    across = question.kind == "dyad"
    traces = []
    for n, dist in enumerate((a, b)):
        name = _("Groep %(n)s", n=n + 1)
        percents = [p for i, p in enumerate(dist.table.bar_percents(0)) if i in rows]
        counts = [str(dist.table.cells[i][0]) for i in rows]
        traces.append(_share_bars(name, labels, percents, counts, PALETTE[n], across))
    layout = _layout(
        height=400 if across else 120 + 24 * len(labels),
        showlegend=True,
        barmode="group",
        annotations=_poles(question) if across else [],
    )
    layout["legend"] = {"orientation": "h", "y": 1.02, "yanchor": "bottom"}
    layout.update(_share_axes(across))
    return {"data": traces, "layout": layout}


def _share_axes(across: bool) -> dict[str, Any]:
    """The axes of a chart of shares: the answers one way, the percentage of each group the other."""
    shares = _value_axis(_("Procent van de groep"), percent=True)
    if across:
        return {"xaxis": {"type": "category", "automargin": True}, "yaxis": shares}
    return {"xaxis": shares, "yaxis": {"type": "category", "automargin": True, "autorange": "reversed"}}


def _share_bars(
    name: str,
    labels: Sequence[str],
    percents: Sequence[int | None],
    counts: Sequence[str],
    colour: str,
    across: bool,
) -> dict[str, Any]:
    """One group's bars: its share of stories per answer, its counts as shown in the hover text."""
    return {
        "type": "bar",
        "name": name,
        "x": labels if across else percents,
        "y": percents if across else labels,
        "orientation": "v" if across else "h",
        "customdata": counts,
        "marker": {"color": colour},
        "hovertemplate": name
        + " · %{"
        + ("x" if across else "y")
        + "}: %{"
        + ("y" if across else "x")
        + "}% (%{customdata})<extra></extra>",
    }


def _layout(*, height: int, annotations: list[dict[str, Any]] | None = None, **extra: Any) -> dict[str, Any]:
    layout: dict[str, Any] = {
        "template": "none",
        "height": height,
        "margin": {"l": 10, "r": 40, "t": 10, "b": 40},
        "font": FONT,
        "annotations": annotations or [],
        "showlegend": False,
        "separators": ",." if current_language() == "nl" else ".,",
    }
    layout.update(extra)
    return layout


def _value_axis(title: str, *, percent: bool = False) -> dict[str, Any]:
    axis: dict[str, Any] = {
        "rangemode": "tozero",
        "gridcolor": "#d5dde2",
        "zeroline": True,
        "automargin": True,
        "title": {"text": title},
    }
    if percent:
        axis["ticksuffix"] = "%"
    return axis
