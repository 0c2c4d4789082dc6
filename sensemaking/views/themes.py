"""Theme screens: start a theme run, follow its progress, read its themes and edit them for a workshop.

Every staff account that may see the coalition (members, facilitators, administrators) may start runs
and edit themes: facilitators prepare workshops with these screens. Every count shown follows the
small-cell rule (``coalitions.monitoring``); stories are shown in the version the reader may see, and
only when they belong to a coalition the reader may see (a cross-regional run holds other coalitions'
stories).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import Response, abort, current_app, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_date, format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlmodel import Session, col, select
from werkzeug.datastructures import MultiDict
from wtforms import Field, HiddenField, IntegerField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from coalitions import accounts, spreadsheets
from coalitions.models import Coalition
from coalitions.monitoring import HIDDEN, MISSING, PERSPECTIVES, shown_total, small_mark
from coalitions.views import coalition_blueprint, coalition_url, current_coalition
from coalitions.views.monitoring import CATEGORIES, PLOTLY_MAPLIBRE_ID
from sensemaking import filters, jobs, theme_runs
from sensemaking import stories as story_service
from sensemaking.filters import ANSWER_PREFIX, FilterError, StoryFilter
from sensemaking.models import Theme, ThemeRun
from sensemaking.theme_runs import RunError
from vertelpunt.db import get_session
from vertelpunt.i18n import current_language, lang_args
from vertelpunt.models import Story
from vertelpunt.questionnaire import Definition
from vertelpunt.services import current_questionnaire

bp = coalition_blueprint("sensemaking_themes", __name__)
sensemaking_themes = bp

MIN_K, MAX_K = 2, 30
MAX_SEED = 999_999
EXCERPT_CHARS = 200
PER_PAGE = 25
MAX_OBSERVATIONS = 10_000
REFRESH_SECONDS = 3
PALETTE = ("#1b5e7a", "#c27c0e", "#4f7f33", "#8e4b8a", "#7b8791")
STATUS = {
    "queued": _l("In de wachtrij"),
    "running": _l("Bezig"),
    "done": _l("Klaar"),
    "failed": _l("Mislukt"),
}


# Loading the run and theme in the URL -------------------------------------------------------------


@bp.before_request
def load_run() -> None:
    """Find the run in the URL within this coalition, else 404 (runs after the coalition check)."""
    args = request.view_args or {}
    if "run_id" in args:
        g.run = theme_runs.get_run(get_session(), current_coalition(), args["run_id"]) or abort(404)


@bp.context_processor
def count_marks() -> dict[str, Any]:
    """How hidden and small counts read, for every theme template."""
    return {"hidden": HIDDEN, "small": small_mark()}


def current_run() -> ThemeRun:
    """The run in this request's URL (found by ``load_run``)."""
    run: ThemeRun = g.run
    return run


def _theme_of_run(theme_id: int) -> Theme | None:
    theme = get_session().get(Theme, theme_id)
    return theme if theme is not None and theme.run_id == current_run().id else None


def _posted_theme(theme_id: int) -> Theme | None:
    """The theme an edit form was sent for, if it is still the theme the page showed.

    Every edit saves the run's themes anew, so ids change (and SQLite may give an old id to another
    theme); a theme keeps its number within a run, so the form sends that too and both must match.
    """
    theme = _theme_of_run(theme_id)
    return theme if theme is not None and request.form.get("nummer") == str(theme.number) else None


def _theme_by_number(raw: int | None) -> Theme | None:
    """The run's theme with this number (the select lists of the edit forms name themes by number)."""
    if raw is None:
        return None
    return next((t for t in theme_runs.themes_of(get_session(), current_run()) if t.number == raw), None)


# Forms --------------------------------------------------------------------------------------------


class WholeNumberField(IntegerField):
    """A whole number of at least 0; anything else gets a Dutch message (not WTForms' English one)."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        raw = str(valuelist[0]).strip() if valuelist else ""
        if not raw:
            self.data = None
            return
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
            self.data = None
            raise ValueError(_("Vul een heel getal in, zonder letters of tekens."))
        self.data = int(raw)


class CheckboxList(SelectMultipleField):
    """Several choices as checkboxes (the staff field macro knows this type by its name)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _visible_only(form: StartForm, field: Field) -> None:
    allowed = {value for value, _label in field.choices or []}
    if any(value not in allowed for value in field.data or []):
        raise ValidationError(_("Je kunt alleen coalities kiezen waarvan je de verhalen mag zien."))


class StartForm(FlaskForm):
    """A new theme run: how many themes (or automatic), the seed, and other coalitions to include."""

    k = WholeNumberField(
        _l("Aantal thema's"),
        description=_l("Laat dit leeg om het aantal automatisch te laten kiezen. Of kies 2 tot en met 30."),
        validators=[
            Optional(),
            NumberRange(MIN_K, MAX_K, message=_l("Kies een aantal van 2 tot en met 30, of laat het leeg.")),
        ],
        render_kw={"inputmode": "numeric", "min": MIN_K, "max": MAX_K},
    )
    seed = WholeNumberField(
        _l("Startgetal (seed)"),
        default=0,
        description=_l(
            "Met hetzelfde startgetal en dezelfde verhalen krijg je dezelfde thema's. Een ander getal "
            "geeft een andere indeling om mee te vergelijken."
        ),
        validators=[
            Optional(),
            NumberRange(0, MAX_SEED, message=_l("Kies een startgetal van 0 tot en met 999999.")),
        ],
        render_kw={"inputmode": "numeric", "min": 0, "max": MAX_SEED},
    )
    coalitions = CheckboxList(
        _l("Ook de verhalen van deze coalities (patronen over regio's heen)"),
        coerce=int,
        validate_choice=False,
        validators=[_visible_only],
    )


class RenameForm(FlaskForm):
    """A theme's new name."""

    label = StringField(
        _l("Nieuwe naam"),
        filters=[lambda v: " ".join(v.split()) if isinstance(v, str) else v],
        validators=[
            DataRequired(_l("Vul een naam voor het thema in.")),
            Length(max=200, message=_l("Gebruik hooguit 200 tekens voor de naam.")),
        ],
    )


class MergeForm(FlaskForm):
    """The theme to merge into this one."""

    met = WholeNumberField(_l("Samenvoegen met"), validators=[InputRequired(_l("Kies een thema."))])


class MoveForm(FlaskForm):
    """A story and the theme it moves to."""

    verhaal = StringField(validators=[DataRequired(), Length(max=36)])
    naar = WholeNumberField(_l("Verplaats naar"), validators=[InputRequired(_l("Kies een thema."))])
    terug = HiddenField()
    pagina = WholeNumberField()


class ObservationsForm(FlaskForm):
    """The facilitator's neutral observations of a theme."""

    tekst = TextAreaField(
        _l("Neutrale waarnemingen"),
        validators=[
            Length(max=MAX_OBSERVATIONS, message=_l("Gebruik hooguit 10.000 tekens voor de waarnemingen."))
        ],
    )


# The runs -----------------------------------------------------------------------------------------


@bp.get("/<slug>/themas")
def runs(slug: str) -> ResponseReturnValue:
    """The coalition's theme runs, newest first, and a form to start a new one."""
    try:
        flt = _read_filter(request.args)
    except FilterError:
        return render_template("sensemaking/themes/bad_filter.html", coalition=current_coalition()), 400
    form = StartForm(formdata=None)
    return _runs_page(form, flt)


@bp.post("/<slug>/themas")
def start(slug: str) -> ResponseReturnValue:
    """Start a theme run with the chosen settings and filter; it runs in the background."""
    session = get_session()
    coalition = current_coalition()
    try:
        flt = _read_filter(request.form)
    except FilterError:
        return render_template("sensemaking/themes/bad_filter.html", coalition=coalition), 400
    form = StartForm()
    form.coalitions.choices = _other_coalitions(session, coalition)
    if not form.validate_on_submit():
        # A coalition that is not on the list was never offered: the request was made up.
        status = 400 if form.coalitions.errors else 422
        return _runs_page(form, flt, validated=True), status
    run = theme_runs.start_run(
        session,
        coalition,
        k=form.k.data,
        seed=form.seed.data or 0,
        filter_args=flt.args(),
        coalition_ids=list(form.coalitions.data or []),
        user_id=current_user.user.id,
    )
    jobs.submit_theme_run(run.id or 0)
    return redirect(coalition_url(".run", run_id=run.id))


def _runs_page(form: StartForm, flt: StoryFilter, *, validated: bool = False) -> ResponseReturnValue:
    session = get_session()
    coalition = current_coalition()
    definition = _definition()
    lang = current_language()
    organisations = dict(story_service.organisations(session, coalition))
    others = _other_coalitions(session, coalition)
    if not validated:
        form.coalitions.choices = others
    visible = {c.id: c.name for c in accounts.visible_coalitions(session, current_user.user)}
    rows = [
        {
            "run": run,
            "created": when(run.created_at),
            "status": STATUS.get(run.status, run.status),
            "stories": shown_total(run.story_count) if run.status == "done" else None,
            "k": run.params.get("k"),
            "filter": filter_summary(run.params.get("filter", []), definition, organisations, lang),
            "also": [visible[cid] for cid in run.coalition_ids if cid != coalition.id and cid in visible],
            "also_hidden": sum(1 for cid in run.coalition_ids if cid != coalition.id and cid not in visible),
        }
        for run in theme_runs.runs_of(session, coalition)
    ]
    matching = len(filters.stories(session, [coalition.id or 0], flt, definition))
    return render_template(
        "sensemaking/themes/runs.html",
        coalition=coalition,
        rows=rows,
        form=form,
        flt=flt,
        hidden_args=flt.args(),
        summary=filter_summary(flt.args(), definition, organisations, lang),
        matching=shown_total(matching),
        enough=matching >= theme_runs.MIN_STORIES,
        min_stories=theme_runs.MIN_STORIES,
        fields=filters.filter_fields(definition, lang),
        organisations=list(organisations.items()),
        stories_url=_stories_url(flt),
    )


# One run --------------------------------------------------------------------------------------------


@bp.get("/<slug>/themas/<int:run_id>")
def run(slug: str, run_id: int) -> ResponseReturnValue:
    """A run: its progress while it works, its message when it failed, its themes when it is done."""
    item = current_run()
    context: dict[str, Any] = {
        "coalition": current_coalition(),
        "run": item,
        "status": STATUS.get(item.status, item.status),
        "created": when(item.created_at),
        "refresh": REFRESH_SECONDS if item.status in ("queued", "running") else None,
    }
    if item.status != "done":
        return render_template("sensemaking/themes/run.html", **context)
    session = get_session()
    themes = theme_runs.themes_of(session, item)
    members = theme_runs.members_of(session, item)
    spread = theme_runs.perspective_spread(session, themes, members)
    stories = _story_items(session, [s for t in themes for s in t.representatives])
    definition = _definition()
    organisations = dict(story_service.organisations(session, current_coalition()))
    cards = [
        {
            "theme": theme,
            "position": position,
            "size": shown_total(theme.size),
            "spread": spread[theme.id or 0],
            "stories": [stories[s] for s in theme.representatives if s in stories],
            "others": [t for t in themes if t.id != theme.id],
        }
        for position, theme in enumerate(themes, start=1)
    ]
    return render_template(
        "sensemaking/themes/run.html",
        **context,
        cards=cards,
        stories_shown=shown_total(item.story_count),
        perspectives=perspective_labels(),
        figure=spread_figure(cards) if cards else None,
        filter=filter_summary(item.params.get("filter", []), definition, organisations, current_language()),
        plotly_maplibre_id=PLOTLY_MAPLIBRE_ID,
    )


@bp.get("/<slug>/themas/<int:run_id>/thema/<int:theme_id>")
def theme(slug: str, run_id: int, theme_id: int) -> ResponseReturnValue:
    """All stories of one theme, 25 to a page, each with the move action."""
    item = current_run()
    found = _theme_of_run(theme_id) or abort(404)
    session = get_session()
    themes = theme_runs.themes_of(session, item)
    members = theme_runs.members_of(session, item).get(theme_id, [])
    page = story_service.paginate(members, request.args.get("page", 1, type=int) or 1, PER_PAGE)
    stories = _story_items(session, page.items)
    position = next(i for i, t in enumerate(themes, start=1) if t.id == found.id)
    return render_template(
        "sensemaking/themes/theme.html",
        coalition=current_coalition(),
        run=item,
        theme=found,
        position=position,
        size=shown_total(found.size),
        page=page,
        stories=[stories[s] for s in page.items if s in stories],
        others=[t for t in themes if t.id != found.id],
        prev_url=coalition_url(".theme", run_id=item.id, theme_id=found.id, page=page.page - 1)
        if page.page > 1
        else None,
        next_url=coalition_url(".theme", run_id=item.id, theme_id=found.id, page=page.page + 1)
        if page.page < page.pages
        else None,
    )


@bp.get("/<slug>/themas/<int:run_id>.csv")
def run_csv(slug: str, run_id: int) -> ResponseReturnValue:
    """One row per theme (no story text): number, labels, size, key words and perspectives, as shown."""
    item = current_run()
    if item.status != "done":
        abort(404)
    session = get_session()
    themes = theme_runs.themes_of(session, item)
    spread = theme_runs.perspective_spread(session, themes, theme_runs.members_of(session, item))
    labels = perspective_labels()
    rows: list[list[object]] = [
        [
            _("nummer"),
            _("label"),
            _("voorgestelde label"),
            _("aantal verhalen"),
            _("kernwoorden"),
            *[_("perspectief: %(name)s", name=label) for label in labels.values()],
        ]
    ]
    for position, theme_row in enumerate(themes, start=1):
        counts = spread[theme_row.id or 0]
        rows.append(
            [
                position,
                theme_row.label,
                theme_row.proposed_label,
                shown_total(theme_row.size),
                ", ".join(theme_row.keywords),
                *[counts[key] for key in labels],
            ]
        )
    response = Response(
        "".join(spreadsheets.csv_chunks(rows[0], rows[1:])), content_type=spreadsheets.CSV_MIMETYPE
    )
    # The slug is lowercase letters, digits and dashes; the id a number.
    response.headers["Content-Disposition"] = f'attachment; filename="themas-{slug}-{item.id}.csv"'
    return response


# Edits ----------------------------------------------------------------------------------------------


@bp.post("/<slug>/themas/<int:run_id>/thema/<int:theme_id>/naam")
def rename(slug: str, run_id: int, theme_id: int) -> ResponseReturnValue:
    """Give a theme a name of the coalition's own."""
    found = _posted_theme(theme_id)
    if found is None:
        return _gone()
    form = RenameForm()
    if not form.validate_on_submit():
        return _refused(form, found.number)
    label = form.label.data or ""
    _say(
        _edit({"kind": "rename", "theme": found.id, "label": label}),
        _("Het thema heet nu ‘%(label)s’.", label=label),
        _("De naam kon niet worden opgeslagen. Probeer het opnieuw."),
    )
    return _back(found.number)


@bp.post("/<slug>/themas/<int:run_id>/thema/<int:theme_id>/samenvoegen")
def merge(slug: str, run_id: int, theme_id: int) -> ResponseReturnValue:
    """Add the stories of another theme to this one."""
    found = _posted_theme(theme_id)
    if found is None:
        return _gone()
    form = MergeForm()
    if not form.validate_on_submit():
        return _refused(form, found.number)
    other = _theme_by_number(form.met.data)
    if other is None or other.id == found.id:
        flash(_("Samenvoegen lukte niet: kies een ander thema van deze ronde."))
        return _back(found.number)
    _say(
        _edit({"kind": "merge", "themes": [found.id, other.id]}),
        _("‘%(other)s’ is samengevoegd met ‘%(label)s’.", other=other.label, label=found.label),
        _("Samenvoegen lukte niet: kies een ander thema van deze ronde."),
    )
    return _back(found.number)


@bp.post("/<slug>/themas/<int:run_id>/thema/<int:theme_id>/splitsen")
def split(slug: str, run_id: int, theme_id: int) -> ResponseReturnValue:
    """Split a theme in two."""
    found = _posted_theme(theme_id)
    if found is None:
        return _gone()
    if found.size < 2:
        flash(_("Een thema met één verhaal kun je niet splitsen."))
    else:
        _say(
            _edit({"kind": "split", "theme": found.id}),
            _("Het thema is in twee gesplitst. Het nieuwe thema staat ook in de lijst."),
            _("Splitsen lukte niet: de verhalen van dit thema lijken te veel op elkaar."),
        )
    return _back(found.number)


@bp.post("/<slug>/themas/<int:run_id>/verplaatsen")
def move(slug: str, run_id: int) -> ResponseReturnValue:
    """Move one story of the run to another theme."""
    session = get_session()
    item = current_run()
    form = MoveForm()
    members = theme_runs.members_of(session, item)
    story_id = str(form.verhaal.data or "")
    source_id = next((t for t, stories in members.items() if story_id in stories), None)
    source = _theme_of_run(source_id) if source_id is not None else None
    back_to_theme = form.terug.data == "thema"
    if source is None:
        flash(_("Dit verhaal hoort niet (meer) bij deze ronde."))
        return redirect(coalition_url(".run", run_id=item.id))
    if not form.validate_on_submit():
        return _refused(form, source.number, theme_page=back_to_theme)
    target = _theme_by_number(form.naar.data)
    refused = _("Verplaatsen lukte niet: kies een ander thema van deze ronde.")
    if target is None or target.id == source.id:
        flash(refused)
    else:
        _say(
            _edit({"kind": "move", "story": story_id, "target": target.id}),
            _("Het verhaal staat nu bij ‘%(label)s’.", label=target.label),
            refused,
        )
    return _back(source.number, theme_page=back_to_theme, page=form.pagina.data or 1)


@bp.post("/<slug>/themas/<int:run_id>/thema/<int:theme_id>/waarnemingen")
def observations(slug: str, run_id: int, theme_id: int) -> ResponseReturnValue:
    """Save the facilitator's neutral observations of a theme."""
    found = _posted_theme(theme_id)
    if found is None:
        return _gone()
    form = ObservationsForm()
    if not form.validate_on_submit():
        return _refused(form, found.number)
    theme_runs.save_observations(get_session(), current_run(), theme_id, form.tekst.data or "")
    flash(_("De waarnemingen bij ‘%(label)s’ zijn opgeslagen.", label=found.label))
    return _back(found.number)


def _edit(edit: Mapping[str, Any]) -> bool | None:
    """Apply an edit to the current run: True when done, False when refused (the caller says why),
    None when the run cannot be edited at all (the reason is flashed here)."""
    try:
        return theme_runs.edit_run(get_session(), current_run(), edit)
    except RunError as exc:
        flash(str(exc))
        return None


def _say(done: bool | None, success: str, refusal: str) -> None:
    """Flash how an edit went (nothing when ``_edit`` already said why it could not be done)."""
    if done:
        flash(success)
    elif done is False:
        flash(refusal)


def _refused(form: FlaskForm, number: int, *, theme_page: bool = False) -> ResponseReturnValue:
    for errors in form.errors.values():
        for message in errors if isinstance(errors, list) else [errors]:
            flash(str(message))
    return _back(number, theme_page=theme_page)


def _gone() -> ResponseReturnValue:
    flash(_("Dit thema bestaat niet meer; misschien is het net aangepast. Bekijk de thema's hieronder."))
    return redirect(coalition_url(".run", run_id=current_run().id))


def _back(number: int, *, theme_page: bool = False, page: int = 1) -> ResponseReturnValue:
    """Back to the theme (found by its number: an edit gives the run's themes new ids)."""
    item = current_run()
    if theme_page:
        found = next((t for t in theme_runs.themes_of(get_session(), item) if t.number == number), None)
        if found is not None:
            extra = {"page": page} if page > 1 else {}
            return redirect(coalition_url(".theme", run_id=item.id, theme_id=found.id, **extra))
    return redirect(coalition_url(".run", run_id=item.id, _anchor=f"thema-{number}"))


# Helpers --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryItem:
    """A story as a theme card lists it: title and excerpt when the reader may see it, and its link."""

    id: str
    visible: bool
    title: str = ""
    excerpt: str = ""
    url: str | None = None
    coalition: str = ""


def _story_items(session: Session, story_ids: Sequence[str]) -> dict[str, StoryItem]:
    """The stories, each in the version this account may see; another coalition's story only when the
    account may see that coalition (a cross-regional run may have been started by someone else)."""
    if not story_ids:
        return {}
    here = current_coalition()
    visible = {c.id: c for c in accounts.visible_coalitions(session, current_user.user)}
    keep = bool(current_app.config.get("KEEP_ORIGINAL_STORIES", True))
    rows = session.exec(select(Story).where(col(Story.id).in_(list(story_ids)))).all()
    items = {}
    for story in rows:
        coalition = visible.get(story.coalition_id)
        if coalition is None:
            items[story.id] = StoryItem(id=story.id, visible=False)
            continue
        title, text, _reviewed = story_service.shown_version(
            session, story, current_user.user, keep_original=keep
        )
        items[story.id] = StoryItem(
            id=story.id,
            visible=True,
            title=title,
            excerpt=story_service.excerpt(text, EXCERPT_CHARS),
            url=url_for("sensemaking_stories.story", slug=coalition.slug, story_id=story.id, **lang_args()),
            coalition=coalition.name if coalition.id != here.id else "",
        )
    return items


def perspective_labels() -> dict[str, str]:
    """The perspectives in order, with a column for stories without one."""
    names = CATEGORIES["perspective"]
    return {key: str(names[key]) for key in (*PERSPECTIVES, MISSING)}


def spread_figure(cards: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A plotly stacked bar of every theme by perspective. Only shown counts: a "<5" or hidden cell
    gets no bar (the table beside the chart gives its mark), so no small number is in the figure."""
    import plotly.graph_objects as go  # imported here: only this page needs plotly

    labels = perspective_labels()
    names = [f"{card['position']}. {card['theme'].label}" for card in cards]
    bars = []
    for i, (key, label) in enumerate(labels.items()):
        values = [card["spread"][key] if isinstance(card["spread"][key], int) else None for card in cards]
        if not any(values):
            continue  # a perspective without a bar anywhere would only crowd the legend
        bars.append(
            go.Bar(
                name=label,
                x=values,
                y=names,
                orientation="h",
                marker={"color": PALETTE[i % len(PALETTE)]},
                hovertemplate="%{y}<br>" + label + ": %{x}<extra></extra>",
            )
        )
    layout = go.Layout(
        template="none",
        barmode="stack",
        height=140 + 40 * len(cards),
        margin={"l": 10, "r": 20, "t": 10, "b": 30},
        font={"family": "system-ui, sans-serif", "size": 14, "color": "#1d2329"},
        legend={"orientation": "h", "y": -0.15},
        xaxis={"rangemode": "tozero", "gridcolor": "#d5dde2", "automargin": True},
        yaxis={"type": "category", "automargin": True, "autorange": "reversed"},
    )
    figure: dict[str, Any] = json.loads(go.Figure(data=bars, layout=layout).to_json())
    return figure


def filter_summary(
    pairs: Sequence[Sequence[str]], definition: Definition, organisations: Mapping[int, str], lang: str
) -> str:
    """A run's filter in words: "Alle verhalen", or e.g. "Wie ben jij in dit verhaal?: Iets anders"."""
    if not pairs:
        return _("Alle verhalen")
    fields = {f.question.id: f for f in filters.filter_fields(definition, lang)}
    answers: dict[str, list[str]] = {}
    others = []
    for key, value in pairs:
        if key.startswith(ANSWER_PREFIX):
            qid = key[len(ANSWER_PREFIX) :]
            field = fields.get(qid)
            answers.setdefault(qid, []).append(dict(field.values).get(value, value) if field else value)
        elif key == "org":
            name = organisations.get(int(value)) if value.isascii() and value.isdigit() else None
            others.append(_("organisatie: %(name)s", name=name or _("onbekend")))
        elif key == "van":
            others.append(_("vanaf %(day)s", day=_day(value)))
        elif key == "tot":
            others.append(_("tot en met %(day)s", day=_day(value)))
        elif key == "q":
            others.append(_("met de woorden ‘%(words)s’", words=value))
        elif key == "leespakket":
            others.append(_("alleen het leespakket"))
    parts = []
    for qid, labels in answers.items():
        field = fields.get(qid)
        if field is None:
            question = qid
        elif field.question.kind == "prompt":
            question = _("Gekozen vraag")
        else:
            question = field.question.text.get(lang) or field.question.text.get("nl", qid)
        parts.append(f"{question.rstrip('?: ')}: " + f" {_('of')} ".join(labels))
    return "; ".join(parts + others)


def _day(raw: str) -> str:
    try:
        return format_date(datetime.fromisoformat(raw).date(), "d MMM yyyy")
    except ValueError:
        return raw


def when(moment: datetime | None) -> str:
    """A moment in the configured time zone, e.g. "3 nov. 2026, 14:05"."""
    if moment is None:
        return ""
    if moment.tzinfo is None:  # SQLite gives the stored UTC moment back without its zone
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(ZoneInfo(current_app.config["TIMEZONE"]))
    return format_datetime(local, "d MMM yyyy, HH:mm", rebase=False)


def _other_coalitions(session: Session, coalition: Coalition) -> list[tuple[int, str]]:
    """The coalitions besides this one whose stories this account may see (for a cross-regional run)."""
    return [
        (c.id, c.name)
        for c in accounts.visible_coalitions(session, current_user.user)
        if c.id is not None and c.id != coalition.id
    ]


def _read_filter(args: Any) -> StoryFilter:
    """The story filter in the arguments (the story list's names); ``FilterError`` for anything unknown."""
    organisations = [oid for oid, _name in story_service.organisations(get_session(), current_coalition())]
    return filters.parse(args, _definition(), organisation_ids=organisations)


def _stories_url(flt: StoryFilter) -> str | None:
    if "sensemaking_stories.stories" not in current_app.view_functions:
        return None
    values: MultiDict[str, str] = MultiDict(flt.args())
    return url_for(
        "sensemaking_stories.stories",
        slug=current_coalition().slug,
        **lang_args(),
        **values.to_dict(flat=False),
    )


def _definition() -> Definition:
    return current_questionnaire(get_session())[1]
