"""Workshop screens: the list of sessions, planning one (date, place, goal, agenda, participants, the
stories and themes to read), the reading pack, and the session page whose first step reviews the open
actions of earlier sessions."""

from __future__ import annotations

from typing import Any

from flask import Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import format_number
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, Regexp

from coalitions.forms import CYCLES
from coalitions.views import coalition_blueprint, current_coalition
from sensemaking import actions, boards, evaluations, reading_pack, workshops
from sensemaking import stories as story_service
from sensemaking.board.colours import DEFAULT_COLOURS
from sensemaking.models import Workshop
from sensemaking.views.board_pages import KIND_PLURALS, current_workshop, load_workshop
from sensemaking.workshops import WorkshopError
from vertelpunt.db import get_session
from vertelpunt.i18n import current_language

bp = coalition_blueprint("sensemaking_workshops", __name__)
PREFIX = "/<slug>/sessies"
PER_PAGE = 25
EMPTY_STEP_ROWS = 3
MODES = (("on_site", _l("Op locatie")), ("online", _l("Online")))
STEP_KINDS = (
    ("review", _l("Acties bespreken")),
    ("read", _l("Verhalen lezen")),
    ("observations", _l("Observaties")),
    ("themes", _l("Thema's")),
    ("actions", _l("Acties bedenken")),
    ("dissent", _l("Ritual dissent")),
    ("evaluation", _l("Evaluatie")),
    ("other", _l("Anders")),
)
COLOUR = Regexp(r"^#[0-9a-fA-F]{6}$", message=_l("Kies een kleur als #rrggbb."))


class WorkshopForm(FlaskForm):
    """The plan of a workshop."""

    title = StringField(
        _l("Titel"), validators=[InputRequired(_l("Geef de sessie een titel.")), Length(max=200)]
    )
    cycle = SelectField(_l("Cyclus"), choices=[SelectChoice(v, label) for v, label in CYCLES])
    held_on = DateField(_l("Datum"), validators=[Optional()])
    mode = SelectField(_l("Vorm"), choices=[SelectChoice(v, label) for v, label in MODES])
    location = StringField(_l("Plaats of link van de videovergadering"), validators=[Length(max=300)])
    goal = TextAreaField(_l("Doel van de sessie"), validators=[Length(max=2000)])
    participants = TextAreaField(
        _l("Deelnemers"),
        description=_l("Eén per regel, met naam of rol. Alleen de coalitie ziet dit."),
        validators=[Length(max=4000)],
    )
    theme_run = SelectField(_l("Thema's om te lezen"), choices=[], validate_choice=False)
    colour_observation = StringField(_l("Kleur observaties"), validators=[Optional(), COLOUR])
    colour_theme = StringField(_l("Kleur thema's"), validators=[Optional(), COLOUR])
    colour_action = StringField(_l("Kleur acties"), validators=[Optional(), COLOUR])


bp.before_request(load_workshop)


def _form(workshop: Workshop | None = None) -> WorkshopForm:
    form = WorkshopForm(obj=workshop) if request.method == "GET" else WorkshopForm()
    runs = workshops.runs_of(get_session(), coalition=current_coalition())
    form.theme_run.choices = [SelectChoice("", _("(geen)"))] + [
        SelectChoice(
            str(run.id),
            _("%(date)s · %(n)s thema's", date=run.created_at.date().strftime("%d-%m-%Y"), n=run.theme_count),
        )
        for run in runs
    ]
    if request.method == "GET":
        if workshop is not None:
            form.theme_run.data = str(workshop.theme_run_id or "")
            colours = workshops.colours_of(workshop)
        else:
            form.cycle.data = current_coalition().current_cycle
            form.theme_run.data = str(runs[0].id) if runs else ""
            colours = dict(DEFAULT_COLOURS)
        form.colour_observation.data = colours["observation"]
        form.colour_theme.data = colours["theme"]
        form.colour_action.data = colours["action"]
    return form


def _plan(form: WorkshopForm) -> dict[str, Any]:
    raw_run = form.theme_run.data or ""
    return {
        "title": form.title.data or "",
        "cycle": form.cycle.data,
        "held_on": form.held_on.data,
        "mode": form.mode.data,
        "location": form.location.data or "",
        "goal": form.goal.data or "",
        "participants": form.participants.data or "",
        "theme_run_id": int(raw_run) if raw_run.isdigit() else None,
    }


def _colours(form: WorkshopForm) -> dict[str, str]:
    typed = {
        "observation": form.colour_observation.data,
        "theme": form.colour_theme.data,
        "action": form.colour_action.data,
    }
    return {kind: (value or DEFAULT_COLOURS[kind]).lower() for kind, value in typed.items()}


@bp.get(PREFIX, endpoint="workshops")
def workshops_page(slug: str) -> ResponseReturnValue:
    """The coalition's workshops: planned and held, with their cycle."""
    items = workshops.list_workshops(get_session(), coalition=current_coalition())
    page = story_service.paginate(items, request.args.get("page", 1, type=int) or 1, PER_PAGE)
    return render_template(
        "sensemaking/workshops/list.html",
        page=page,
        cycles=dict(CYCLES),
        modes=dict(MODES),
        prev_url=url_for(".workshops", slug=slug, page=page.page - 1) if page.page > 1 else None,
        next_url=url_for(".workshops", slug=slug, page=page.page + 1) if page.page < page.pages else None,
    )


@bp.route(PREFIX + "/nieuw", methods=["GET", "POST"])
def new_workshop(slug: str) -> ResponseReturnValue:
    """Plan a workshop: the usual agenda and the reading-pack stories come with it."""
    form = _form()
    if form.validate_on_submit():
        session = get_session()
        try:
            workshop = workshops.create_workshop(session, coalition=current_coalition(), **_plan(form))
            workshops.update_workshop(session, workshop, {"colours": _colours(form)})
        except WorkshopError as error:
            session.rollback()
            form.title.errors = [*form.title.errors, _message(error)]
        else:
            session.commit()
            flash(_("De sessie is gepland. Pas de agenda en de verhalen aan als dat nodig is."), "success")
            return redirect(url_for(".workshop", slug=slug, workshop_id=workshop.id))
    return render_template(
        "sensemaking/workshops/form.html", form=form, workshop=None
    ), 400 if form.errors else 200


@bp.route(PREFIX + "/<int:workshop_id>/bewerken", methods=["GET", "POST"])
def edit_workshop(slug: str, workshop_id: int) -> ResponseReturnValue:
    """Change the plan of a workshop."""
    workshop = current_workshop()
    form = _form(workshop)
    if form.validate_on_submit():
        session = get_session()
        try:
            workshops.update_workshop(session, workshop, {**_plan(form), "colours": _colours(form)})
        except WorkshopError as error:
            session.rollback()
            form.title.errors = [*form.title.errors, _message(error)]
        else:
            session.commit()
            flash(_("De sessie is bijgewerkt."), "success")
            return redirect(url_for(".workshop", slug=slug, workshop_id=workshop_id))
    return render_template(
        "sensemaking/workshops/form.html", form=form, workshop=workshop
    ), 400 if form.errors else 200


def _message(error: WorkshopError) -> str:
    field = str(error).split(":")[0]
    if field == "theme_run_id":
        return _("Kies een themaverkenning van deze coalitie.")
    if field == "title":
        return _("Geef de sessie een titel.")
    return _("Dit kon niet worden bewaard (%(field)s).", field=field)


@bp.get(PREFIX + "/<int:workshop_id>")
def workshop(slug: str, workshop_id: int) -> ResponseReturnValue:
    """The session page: plan, agenda with the review of open actions, reading pack, board, evaluation."""
    return _workshop_page()


def _workshop_page(review: dict[str, Any] | None = None, status: int = 200) -> ResponseReturnValue:
    """The session page; ``review`` re-shows a review note that could not be saved (action_id, text, error)."""
    session = get_session()
    item = current_workshop()
    board_state = boards.board_state(session, item)
    counts = {kind: sum(1 for h in board_state["hexagons"] if h["kind"] == kind) for kind in KIND_PLURALS}
    run = workshops.run_of(session, current_coalition(), item.theme_run_id) if item.theme_run_id else None
    return render_template(
        "sensemaking/workshops/detail.html",
        workshop=item,
        steps=workshops.steps_of(session, item),
        step_kinds=dict(STEP_KINDS),
        review=actions.open_actions_for_review(session, coalition=current_coalition()),
        typed_review=review or {},
        note_max=actions.MAX_TEXT,
        statuses=dict(actions.STATUS_LABELS),
        story_count=len(workshops.story_ids_of(session, item)),
        run=run,
        board_counts=counts,
        plurals=KIND_PLURALS,
        cycles=dict(CYCLES),
        modes=dict(MODES),
        code=workshops.format_code(item.code),
        join_url=url_for("workshop_public.board", token=item.token, _external=True),
        evaluation=evaluations.evaluation_results(session, item),
        evaluate_url=url_for("evaluation_public.evaluate", token=item.token, _external=True),
        made_here=[
            a
            for a in actions.list_actions(session, coalition=current_coalition())
            if a.workshop_id == item.id
        ],
    ), status


STEP_TITLE_MAX = 200  # the agenda form's limits (its inputs carry the same maxlength)
STEP_NOTES_MAX = 2000

REVIEW_ERRORS = {
    "text": _l("Schrijf op wat er besproken is, of kies een andere stand."),
    "status": _l("Kies een stand uit de lijst."),
}


@bp.post(PREFIX + "/<int:workshop_id>/bespreking/<int:action_id>")
def review_action(slug: str, workshop_id: int, action_id: int) -> ResponseReturnValue:
    """Write down what the review of an open action brought (a progress note made in this session)."""
    session = get_session()
    action = actions.get_action(session, current_coalition(), action_id) or abort(404)
    text = request.form.get("text", "")
    status = request.form.get("status", action.status)
    try:
        actions.add_note(
            session,
            action=action,
            text=text,
            status=status,
            user=current_user.user,
            workshop=current_workshop(),
        )
    except actions.ActionError as error:
        session.rollback()
        field = str(error).split(":", 1)[0]
        message = REVIEW_ERRORS.get(field, _l("Deze notitie kon niet worden bewaard."))
        if "at most" in str(error):
            message = _("Maak de notitie korter: hooguit %(n)s tekens.", n=format_number(actions.MAX_TEXT))
        typed = {"action_id": action_id, "text": text, "status": status, "error": str(message)}
        return _workshop_page(review=typed, status=422)
    session.commit()
    flash(_("De notitie is bij de actie bewaard."), "success")
    return redirect(url_for(".workshop", slug=slug, workshop_id=workshop_id) + f"#actie-{action_id}")


@bp.route(PREFIX + "/<int:workshop_id>/agenda", methods=["GET", "POST"])
def agenda(slug: str, workshop_id: int) -> ResponseReturnValue:
    """Edit the agenda: change, reorder (by number), remove and add steps."""
    session = get_session()
    item = current_workshop()
    if request.method == "POST":
        rows, error = _typed_steps(request.form)
        if error is None:
            try:
                workshops.save_steps(session, item, [row for row in rows if not row["remove"]])
            except WorkshopError as exc:
                session.rollback()
                error = (
                    _("Stap %(n)s mist een titel of soort.", n=str(exc).split(".")[1])
                    if "." in str(exc)
                    else str(exc)
                )
            else:
                session.commit()
                flash(_("De agenda is bewaard."), "success")
                return redirect(url_for(".workshop", slug=slug, workshop_id=workshop_id))
        return render_template(
            "sensemaking/workshops/agenda.html", workshop=item, rows=rows, error=error, kinds=STEP_KINDS
        ), 400
    rows = [
        {
            "number": n,
            "kind": s.kind,
            "title": s.title,
            "minutes": s.minutes or "",
            "notes": s.notes,
            "remove": False,
        }
        for n, s in enumerate(workshops.steps_of(session, item), start=1)
    ]
    start = len(rows)
    rows += [
        {"number": start + n, "kind": "other", "title": "", "minutes": "", "notes": "", "remove": False}
        for n in range(1, EMPTY_STEP_ROWS + 1)
    ]
    return render_template(
        "sensemaking/workshops/agenda.html", workshop=item, rows=rows, error=None, kinds=STEP_KINDS
    )


def _typed_steps(form: Any) -> tuple[list[dict[str, Any]], str | None]:
    """The agenda rows as typed (empty rows dropped), ordered by their number; an error for bad input."""
    rows: list[dict[str, Any]] = []
    error = None
    for index in range(workshops.MAX_STEPS + EMPTY_STEP_ROWS):
        prefix = f"step-{index}-"
        if prefix + "title" not in form:
            continue
        row = {
            "number": form.get(prefix + "number", "").strip(),
            "kind": form.get(prefix + "kind", "other"),
            "title": form.get(prefix + "title", "").strip(),
            "minutes": form.get(prefix + "minutes", "").strip(),
            "notes": form.get(prefix + "notes", "").strip(),
            "remove": form.get(prefix + "remove") == "1",
        }
        if not row["title"] and not row["notes"]:
            continue
        if not row["title"] and not row["remove"]:
            error = error or _("Elke stap heeft een titel nodig.")
        if row["minutes"] and not (row["minutes"].isdigit() and int(row["minutes"]) <= 600):
            error = error or _("Minuten is een heel getal tot 600.")
        if row["kind"] not in dict(STEP_KINDS):
            error = error or _("Kies een soort stap uit de lijst.")
        if len(row["title"]) > STEP_TITLE_MAX or len(row["notes"]) > STEP_NOTES_MAX:
            error = error or _(
                "Een titel heeft hooguit %(title)s tekens, een toelichting hooguit %(notes)s.",
                title=STEP_TITLE_MAX,
                notes=format_number(STEP_NOTES_MAX),
            )
        rows.append(row)
    if sum(1 for row in rows if not row["remove"]) > workshops.MAX_STEPS:
        error = error or _(
            "Een agenda heeft hooguit %(n)s stappen. Haal er een paar weg.", n=workshops.MAX_STEPS
        )
    rows.sort(key=lambda row: int(row["number"]) if str(row["number"]).isdigit() else 10_000)
    return rows, error


@bp.route(PREFIX + "/<int:workshop_id>/verhalen", methods=["GET", "POST"])
def stories(slug: str, workshop_id: int) -> ResponseReturnValue:
    """Choose the stories to read: from the reading pack (marked stories) and those chosen before."""
    session = get_session()
    item = current_workshop()
    if request.method == "POST":
        count = workshops.set_stories(session, workshop=item, story_ids=request.form.getlist("story")[:500])
        session.commit()
        flash(_("%(n)s verhalen gekozen voor deze sessie.", n=count), "success")
        return redirect(url_for(".workshop", slug=slug, workshop_id=workshop_id))
    chosen = set(workshops.story_ids_of(session, item))
    candidates = {story.id: story for story in story_service.marked_stories(session, current_coalition())}
    for story_id in chosen - set(candidates):
        story = story_service.get_story(session, current_coalition(), story_id)
        if story is not None:
            candidates[story.id] = story
    keep = current_app.config.get("KEEP_ORIGINAL_STORIES", True)
    lang = current_language()
    rows = []
    for story in sorted(candidates.values(), key=lambda s: (s.day, s.id), reverse=True):
        title, text, checked = story_service.shown_version(
            session, story, current_user.user, keep_original=keep
        )
        rows.append(
            {
                "id": story.id,
                "title": title,
                "excerpt": story_service.excerpt(text),
                "checked": checked,
                "month": story_service.month_year(story.day, lang),
                "chosen": story.id in chosen,
            }
        )
    return render_template("sensemaking/workshops/stories.html", workshop=item, rows=rows)


@bp.get(PREFIX + "/<int:workshop_id>/leespakket.pdf", endpoint="reading_pack")
def reading_pack_pdf(slug: str, workshop_id: int) -> ResponseReturnValue:
    """The reading pack: one story per page, checked or automatically anonymised, with its answers."""
    try:
        pdf = reading_pack.reading_pack_pdf(
            get_session(),
            workshop=current_workshop(),
            coalition=current_coalition(),
            language=current_language(),
        )
    except reading_pack.ReadingPackEmpty:
        flash(_("Kies eerst de verhalen voor het leespakket."), "error")
        return redirect(url_for(".stories", slug=slug, workshop_id=workshop_id))
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = 'attachment; filename="leespakket.pdf"'
    return response
