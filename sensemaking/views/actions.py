"""Action tracking screens: the coalition's actions with filters, counts per cycle and the cycle history,
a new action, one action with its progress notes, and a CSV of the list.

Every staff account that may see the coalition (members, facilitators, administrators) may add and
edit actions and write progress notes: facilitators review the actions in workshops. Moving the
coalition on to its next cycle is for its members (and administrators) only. Story counts follow the
small-cell rule (``coalitions.monitoring``); an action's stories are links to the story pages, which
show each story in the version the reader may see.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from flask import Response, abort, current_app, flash, g, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from coalitions import spreadsheets
from coalitions.forms import CYCLES as CYCLE_NAMES
from coalitions.monitoring import shown_total
from coalitions.views import (
    can_manage,
    coalition_blueprint,
    coalition_url,
    current_coalition,
    manager_required,
)
from sensemaking import actions as service
from sensemaking import stories as story_service
from sensemaking.actions import CYCLE_LABELS, STATUS_LABELS, TERM_LABELS, ActionError
from sensemaking.models import Action
from vertelpunt.db import get_session
from vertelpunt.timeutil import today

bp = coalition_blueprint("sensemaking_actions", __name__)
sensemaking_actions = bp

PER_PAGE = 25
# The query-string names of the list's filters, and the form fields they fill.
FILTER_KEYS = {"cyclus": "cycle", "status": "status", "termijn": "term", "organisatie": "organisation_id"}
# What a service error on a field means, in words for staff.
FIELD_ERRORS = {
    "title": _l("Geef de actie een titel van hooguit 200 tekens."),
    "organisation_id": _l("Kies een organisatie van deze coalitie."),
    "term": _l("Kies korte of lange termijn."),
    "status": _l("Kies een stand uit de lijst."),
    "cycle": _l("Kies een cyclus uit de lijst."),
    "themes": _l("Gebruik hooguit 20 thema's, één per regel."),
    "owner": _l("Gebruik hooguit 200 tekens voor de actiehouder."),
    "text": _l("Schrijf wat er is gebeurd, of kies een andere stand."),
}


# Loading the action in the URL -------------------------------------------------------------------


@bp.before_request
def load_action() -> None:
    """Find the action in the URL within this coalition, else 404 (runs after the coalition check)."""
    args = request.view_args or {}
    if "action_id" in args:
        g.action = service.get_action(get_session(), current_coalition(), args["action_id"]) or abort(404)


def current_action() -> Action:
    """The action in this request's URL (found by ``load_action``)."""
    action: Action = g.action
    return action


# Forms -------------------------------------------------------------------------------------------


class DayField(DateField):
    """A day as ``<input type=date>`` sends it; anything else gets a Dutch message and is shown again."""

    def process_formdata(self, valuelist: list[Any]) -> None:
        raw = str(valuelist[0]).strip() if valuelist else ""
        if not raw:
            self.data = None
            return
        try:
            self.data = date.fromisoformat(raw)
        except ValueError:
            self.data = None
            raise ValueError(_("Vul een geldige datum in, zoals 2027-03-31.")) from None


def _optional_int(value: object) -> int | None:
    if value in (None, ""):
        return None
    return int(str(value))


def _choices(labels: Mapping[str, Any]) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


def _lines(value: str | None) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _text(label: Any, limit: int = service.MAX_TEXT, **kwargs: Any) -> TextAreaField:
    message = _l("Gebruik hooguit %(n)s tekens.", n=f"{limit:,}".replace(",", "."))
    return TextAreaField(label, validators=[Length(max=limit, message=message)], **kwargs)


class ActionForm(FlaskForm):
    """An action: what, why (themes), who, when and how it goes."""

    title = StringField(
        _l("Titel"),
        filters=[lambda v: " ".join(v.split()) if isinstance(v, str) else v],
        validators=[
            DataRequired(_l("Geef de actie een titel.")),
            Length(max=service.MAX_TITLE, message=_l("Gebruik hooguit 200 tekens voor de titel.")),
        ],
    )
    description = _text(_l("Beschrijving"))
    themes = _text(
        _l("Thema's"), 4000, description=_l("Het thema of de thema's waar de actie uit komt, één per regel.")
    )
    owner = StringField(
        _l("Actiehouder"),
        validators=[
            Length(max=service.MAX_OWNER, message=_l("Gebruik hooguit 200 tekens voor de actiehouder."))
        ],
    )
    organisation_id = SelectField(_l("Organisatie"), coerce=_optional_int)
    term = SelectField(_l("Termijn"), choices=_choices(TERM_LABELS))
    status = SelectField(_l("Stand"), choices=_choices(STATUS_LABELS))
    cycle = SelectField(_l("Cyclus"), choices=_choices(dict(CYCLE_NAMES)))
    due_on = DayField(_l("Streefdatum"))
    obstacles = _text(_l("Belemmeringen"), description=_l("Wat staat de actie in de weg?"))
    enablers = _text(_l("Wat helpt"), description=_l("Wie of wat helpt de actie op weg?"))

    def changes(self) -> dict[str, Any]:
        """The form's values as the service takes them."""
        return {
            "title": self.title.data or "",
            "description": self.description.data or "",
            "themes": _lines(self.themes.data),
            "owner": self.owner.data or "",
            "organisation_id": self.organisation_id.data,
            "term": self.term.data,
            "status": self.status.data,
            "cycle": self.cycle.data,
            "due_on": self.due_on.data,
            "obstacles": self.obstacles.data or "",
            "enablers": self.enablers.data or "",
        }


class NoteForm(FlaskForm):
    """A progress note and the action's stand after it."""

    text = _text(
        _l("Wat is er gebeurd?"),
        description=_l("Voortgang, belemmeringen en kansen sinds de vorige notitie."),
    )
    status = SelectField(_l("Stand na deze notitie"), choices=_choices(STATUS_LABELS))


def _action_form(action: Action | None = None, *, posted: bool = True) -> ActionForm:
    """The action form, its organisation list the coalition's own. With ``posted=False`` (the page was
    sent another form) it shows ``action`` as stored, not the request's data."""
    if action is None:
        form = ActionForm(data={"cycle": current_coalition().current_cycle})
    elif posted:
        form = ActionForm(obj=action)
    else:
        form = ActionForm(formdata=None, obj=action)
    if action is not None and (not posted or request.method == "GET"):
        form.themes.data = "\n".join(action.themes)
    form.organisation_id.choices = [
        SelectChoice("", _("Geen organisatie")),
        *(SelectChoice(oid, name) for oid, name in _organisations()),
    ]
    return form


def _organisations() -> list[tuple[int, str]]:
    return story_service.organisations(get_session(), current_coalition())


def _note_form(action: Action) -> NoteForm:
    """An empty note form, the action's current stand chosen."""
    return NoteForm(formdata=None, prefix="notitie", data={"status": action.status})


def _invalid_choice(form: FlaskForm) -> bool:
    """Whether a select list got a value it never offered (a made-up request: 400, not 422)."""
    return any(isinstance(field, SelectField) and field.errors for field in form)


def _show_error(form: FlaskForm, exc: ActionError) -> None:
    field_name = str(exc).split(":", 1)[0]
    field = form._fields.get(field_name) or form._fields.get("title")
    if field is not None:
        field.errors = [*field.errors, str(FIELD_ERRORS.get(field_name, _("Dit klopt nog niet.")))]


# The list ----------------------------------------------------------------------------------------


def _read_filter(args: Mapping[str, str]) -> dict[str, Any]:
    """The list's filter in the query string (empty values left out); ``ActionError`` for anything unknown."""
    chosen: dict[str, Any] = {}
    for key, name in FILTER_KEYS.items():
        raw = (args.get(key) or "").strip()
        if not raw:
            continue
        if name == "organisation_id":
            if not (raw.isascii() and raw.isdigit()) or int(raw) not in dict(_organisations()):
                raise ActionError("organisation_id: not an organisation of this coalition")
            chosen[name] = int(raw)
        else:
            chosen[name] = raw
    return chosen


def _filter_args(chosen: Mapping[str, Any]) -> dict[str, str]:
    names = {name: key for key, name in FILTER_KEYS.items()}
    return {names[name]: str(value) for name, value in chosen.items()}


@bp.get("/<slug>/acties")
def actions(slug: str) -> ResponseReturnValue:
    """The coalition's actions, 25 to a page, open ones first, with filters, counts per cycle and history."""
    session = get_session()
    coalition = current_coalition()
    try:
        chosen = _read_filter(request.args)
        found = service.list_actions(session, coalition=coalition, **chosen)
    except ActionError:
        return render_template("sensemaking/actions/bad_filter.html", coalition=coalition), 400
    page = story_service.paginate(found, request.args.get("page", 1, type=int) or 1, PER_PAGE)
    args = _filter_args(chosen)
    return render_template(
        "sensemaking/actions/list.html",
        coalition=coalition,
        page=page,
        rows=_rows(page.items),
        chosen=args,
        filtered=bool(chosen),
        cycles=CYCLE_LABELS,
        cycle_names=dict(CYCLE_NAMES),
        statuses=STATUS_LABELS,
        terms=TERM_LABELS,
        organisations=_organisations(),
        counts=service.cycle_counts(session, coalition=coalition),
        history=service.cycle_history(session, coalition=coalition),
        following=service.next_cycle(coalition),
        may_move=can_manage(coalition),
        csv_url=coalition_url(".actions_csv", **args),
        prev_url=coalition_url(".actions", **args, page=page.page - 1) if page.page > 1 else None,
        next_url=coalition_url(".actions", **args, page=page.page + 1) if page.page < page.pages else None,
    )


def _rows(items: list[Action]) -> list[dict[str, Any]]:
    """The table rows of these actions: the action with its organisation's name and last note day."""
    session = get_session()
    organisations = dict(_organisations())
    last = service.last_note_days(session, items)
    return [
        {
            "action": action,
            "organisation": organisations.get(action.organisation_id or 0, ""),
            "last_note": last.get(action.id or 0),
        }
        for action in items
    ]


@bp.get("/<slug>/acties.csv")
def actions_csv(slug: str) -> ResponseReturnValue:
    """The (filtered) list as CSV, one row per action; cells that look like formulas are neutralised."""
    session = get_session()
    coalition = current_coalition()
    try:
        found = service.list_actions(session, coalition=coalition, **_read_filter(request.args))
    except ActionError:
        abort(400)
    organisations = dict(_organisations())
    last = service.last_note_days(session, found)
    stories = service.story_counts(session, found)
    header = [
        _("titel"),
        _("thema's"),
        _("actiehouder"),
        _("organisatie"),
        _("termijn"),
        _("stand"),
        _("streefdatum"),
        _("laatste notitie"),
        _("cyclus"),
        _("gemaakt op"),
        _("aantal verhalen"),
        _("beschrijving"),
        _("belemmeringen"),
        _("wat helpt"),
    ]
    rows = [
        [
            a.title,
            "; ".join(a.themes),
            a.owner,
            organisations.get(a.organisation_id or 0, ""),
            TERM_LABELS.get(a.term, a.term),
            STATUS_LABELS.get(a.status, a.status),
            a.due_on.isoformat() if a.due_on else "",
            last[a.id].isoformat() if a.id in last else "",
            CYCLE_LABELS.get(a.cycle, a.cycle),
            a.created_on.isoformat(),
            shown_total(stories.get(a.id or 0, 0)),
            a.description,
            a.obstacles,
            a.enablers,
        ]
        for a in found
    ]
    response = Response(
        "".join(spreadsheets.csv_chunks(header, rows)), content_type=spreadsheets.CSV_MIMETYPE
    )
    # The slug is lowercase letters, digits and dashes.
    response.headers["Content-Disposition"] = f'attachment; filename="acties-{slug}.csv"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/<slug>/acties/volgende-cyclus")
@manager_required
def next_cycle(slug: str) -> ResponseReturnValue:
    """Move the coalition on to its next cycle (opstart → tempo → actie); the move is recorded."""
    session = get_session()
    coalition = current_coalition()
    try:
        service.move_to_next_cycle(
            session, coalition=coalition, user=current_user.user, today=today(current_app.config["TIMEZONE"])
        )
    except ActionError:
        session.rollback()
        flash(_("De coalitie is al in de laatste cyclus."))
    else:
        session.commit()
        flash(_("De coalitie is nu in de %(cycle)s-cyclus.", cycle=CYCLE_LABELS[coalition.current_cycle]))
    return redirect(coalition_url(".actions"))


# A new action ------------------------------------------------------------------------------------


@bp.route("/<slug>/acties/nieuw", methods=["GET", "POST"])
def new_action(slug: str) -> ResponseReturnValue:
    """Add an action by hand (actions from a workshop board are added from the board)."""
    form = _action_form()
    if form.validate_on_submit():
        session = get_session()
        changes = form.changes()
        try:
            action = service.create_action(
                session,
                coalition=current_coalition(),
                user=current_user.user,
                today=today(current_app.config["TIMEZONE"]),
                **changes,
            )
        except ActionError as exc:
            session.rollback()
            _show_error(form, exc)
        else:
            session.commit()
            flash(_("De actie is toegevoegd."))
            return redirect(coalition_url(".action", action_id=action.id))
    status = 200 if request.method == "GET" else (400 if _invalid_choice(form) else 422)
    return render_template("sensemaking/actions/new.html", coalition=current_coalition(), form=form), status


# One action --------------------------------------------------------------------------------------


@bp.route("/<slug>/acties/<int:action_id>", methods=["GET", "POST"])
def action(slug: str, action_id: int) -> ResponseReturnValue:
    """One action: its details and edit form, the stories it came from, and its progress notes."""
    item = current_action()
    form = _action_form(item)
    if form.validate_on_submit():
        session = get_session()
        try:
            service.update_action(session, item, form.changes())
        except ActionError as exc:
            session.rollback()
            _show_error(form, exc)
        else:
            session.commit()
            flash(_("De actie is opgeslagen."))
            return redirect(coalition_url(".action", action_id=item.id))
    status = 200 if request.method == "GET" else (400 if _invalid_choice(form) else 422)
    return _action_page(item, form, _note_form(item)), status


@bp.post("/<slug>/acties/<int:action_id>/notitie")
def add_note(slug: str, action_id: int) -> ResponseReturnValue:
    """Write a progress note with the action's stand after it."""
    item = current_action()
    note_form = NoteForm(prefix="notitie")
    if note_form.validate_on_submit():
        session = get_session()
        try:
            service.add_note(
                session,
                action=item,
                text=note_form.text.data or "",
                status=note_form.status.data,
                user=current_user.user,
                today=today(current_app.config["TIMEZONE"]),
            )
        except ActionError as exc:
            session.rollback()
            _show_error(note_form, exc)
        else:
            session.commit()
            flash(_("De notitie is toegevoegd."))
            return redirect(coalition_url(".action", action_id=item.id, _anchor="notities"))
    status = 400 if _invalid_choice(note_form) else 422
    return _action_page(item, _action_form(item, posted=False), note_form), status


def _action_page(item: Action, form: ActionForm, note_form: NoteForm) -> str:
    session = get_session()
    coalition = current_coalition()
    notes = service.notes_of(session, item)
    story_ids = service.story_ids_of(session, item)
    workshops = service.workshop_titles(
        session, coalition, [item.workshop_id, *(n.workshop_id for n in notes)]
    )
    return render_template(
        "sensemaking/actions/action.html",
        coalition=coalition,
        action=item,
        form=form,
        note_form=note_form,
        notes=notes,
        authors=service.author_names(session, notes),
        workshops=workshops,
        organisation=dict(_organisations()).get(item.organisation_id or 0, ""),
        story_count=shown_total(len(story_ids)),
        story_ids=story_ids,
        cycles=CYCLE_LABELS,
        statuses=STATUS_LABELS,
        terms=TERM_LABELS,
    )


@bp.context_processor
def date_helpers() -> dict[str, Any]:
    """``long_date`` for the action templates: a day written out, e.g. "3 maart 2027"."""
    return {"long_date": long_date}


def long_date(day: date | None) -> str:
    """A day written out in the page language, e.g. "3 maart 2027" (empty for no day)."""
    return format_date(day, "d MMMM y") if day else ""
