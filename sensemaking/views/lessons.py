"""Feedback to tellers (Terugkoppeling): what the coalition learned, and which actions tellers may see.

Everyone who may see the coalition reads this screen; members and administrators change it
(facilitators get a 403). A lesson or action of another coalition is a 404, found before any role check.
The forms carry no rules of their own: ``sensemaking.feedback`` checks the input and its Dutch message
is shown at the field.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField

from coalitions.views import coalition_blueprint, coalition_url, current_coalition, manager_required
from sensemaking import feedback
from sensemaking.feedback import FeedbackError
from sensemaking.models import Action, Lesson
from vertelpunt.db import get_session

bp = coalition_blueprint("sensemaking_lessons", __name__)
sensemaking_lessons = bp

STATUS = {
    "planned": _l("Gepland"),
    "running": _l("Loopt"),
    "done": _l("Klaar"),
    "stopped": _l("Gestopt"),
}


# Forms (the rules are in sensemaking.feedback) ----------------------------------------------------


class LessonForm(FlaskForm):
    """A lesson: a short title, an explanation in plain words, and whether tellers see it."""

    title = StringField(_l("Wat hebben we geleerd?"), description=_l("Kort en in gewone taal."))
    text = TextAreaField(
        _l("Uitleg"),
        description=_l("Schrijf voor kinderen en jongeren: korte zinnen, geen vakwoorden."),
    )
    published = BooleanField(_l("Laten zien op de pagina voor vertellers"))


class ActionPublicationForm(FlaskForm):
    """Whether tellers see an action, and the text they read about it."""

    published = BooleanField(_l("Laten zien aan vertellers"))
    public_text = TextAreaField(
        _l("Tekst voor vertellers"),
        description=_l(
            "In gewone taal, hooguit %(max)s tekens. Leeg gelaten, dan lezen vertellers de titel van de actie.",
            max=feedback.PUBLIC_TEXT_MAX,
        ),
    )


def _action_form(action: Action, **kwargs: Any) -> ActionPublicationForm:
    return ActionPublicationForm(prefix=f"actie-{action.id}", obj=action, **kwargs)


# Loading the lesson or action in the URL ----------------------------------------------------------


@bp.before_request
def load_objects() -> None:
    """Find the lesson or action in the URL within this coalition, else 404, before any role check."""
    args = request.view_args or {}
    session = get_session()
    if "lesson_id" in args:
        g.lesson = feedback.get_lesson(
            session, coalition=current_coalition(), lesson_id=args["lesson_id"]
        ) or abort(404)
    if "action_id" in args:
        g.action = feedback.get_action(
            session, coalition=current_coalition(), action_id=args["action_id"]
        ) or abort(404)


def current_lesson() -> Lesson:
    """The lesson in this request's URL (found by ``load_objects``)."""
    lesson: Lesson = g.lesson
    return lesson


def current_action() -> Action:
    """The action in this request's URL (found by ``load_objects``)."""
    action: Action = g.action
    return action


# The page -----------------------------------------------------------------------------------------


@bp.get("/<slug>/terugkoppeling")
def lessons(slug: str) -> ResponseReturnValue:
    """The coalition's lessons and actions, with what tellers see of them."""
    return _page()


@bp.post("/<slug>/terugkoppeling/lessen")
@manager_required
def add_lesson(slug: str) -> ResponseReturnValue:
    """Add a lesson at the end of the list."""
    form = LessonForm()
    if form.validate_on_submit():
        session = get_session()
        try:
            feedback.add_lesson(
                session,
                coalition=current_coalition(),
                title=form.title.data or "",
                text=form.text.data or "",
                published=bool(form.published.data),
            )
        except FeedbackError as exc:
            session.rollback()
            _field_error(form, exc)
        else:
            session.commit()
            flash(_("De les is toegevoegd."))
            return redirect(coalition_url(".lessons"))
    return _page(lesson_form=form), 422


@bp.route("/<slug>/terugkoppeling/lessen/<int:lesson_id>", methods=["GET", "POST"])
@manager_required
def edit_lesson(slug: str, lesson_id: int) -> ResponseReturnValue:
    """Change a lesson's title, text or publication."""
    lesson = current_lesson()
    form = LessonForm(obj=lesson)
    if form.validate_on_submit():
        session = get_session()
        try:
            feedback.update_lesson(
                session,
                lesson=lesson,
                title=form.title.data or "",
                text=form.text.data or "",
                published=bool(form.published.data),
            )
        except FeedbackError as exc:
            session.rollback()
            _field_error(form, exc)
        else:
            session.commit()
            flash(_("De les is opgeslagen."))
            return redirect(coalition_url(".lessons"))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "sensemaking/lessons/edit.html", coalition=current_coalition(), lesson=lesson, form=form
    ), status


@bp.post("/<slug>/terugkoppeling/lessen/<int:lesson_id>/verplaatsen")
@manager_required
def move_lesson(slug: str, lesson_id: int) -> ResponseReturnValue:
    """Move a lesson one place up or down."""
    session = get_session()
    try:
        feedback.move_lesson(
            session,
            coalition=current_coalition(),
            lesson=current_lesson(),
            direction=request.form.get("richting", ""),
        )
    except FeedbackError as exc:
        session.rollback()
        flash(exc.message)
    else:
        session.commit()
    return redirect(coalition_url(".lessons") + "#lessen")


@bp.post("/<slug>/terugkoppeling/lessen/<int:lesson_id>/publiceren")
@manager_required
def publish_lesson(slug: str, lesson_id: int) -> ResponseReturnValue:
    """Show a lesson to tellers, or take it off their page."""
    session = get_session()
    published = request.form.get("gepubliceerd") == "1"
    lesson = feedback.set_lesson_publication(session, lesson=current_lesson(), published=published)
    session.commit()
    if published:
        flash(_("‘%(title)s’ staat nu op de pagina voor vertellers.", title=lesson.title))
    else:
        flash(_("‘%(title)s’ staat niet meer op de pagina voor vertellers.", title=lesson.title))
    return redirect(coalition_url(".lessons") + "#lessen")


@bp.route("/<slug>/terugkoppeling/lessen/<int:lesson_id>/verwijderen", methods=["GET", "POST"])
@manager_required
def delete_lesson(slug: str, lesson_id: int) -> ResponseReturnValue:
    """Ask whether to delete a lesson; delete it when confirmed."""
    lesson = current_lesson()
    if request.method == "POST":
        session = get_session()
        title = lesson.title
        feedback.delete_lesson(session, lesson=lesson)
        session.commit()
        flash(_("‘%(title)s’ is verwijderd.", title=title))
        return redirect(coalition_url(".lessons"))
    return render_template("sensemaking/lessons/delete.html", coalition=current_coalition(), lesson=lesson)


@bp.post("/<slug>/terugkoppeling/acties/<int:action_id>")
@manager_required
def publish_action(slug: str, action_id: int) -> ResponseReturnValue:
    """Save whether tellers see an action, and its text for them."""
    action = current_action()
    form = _action_form(action)
    if form.validate_on_submit():
        session = get_session()
        try:
            feedback.set_action_publication(
                session,
                coalition=current_coalition(),
                action_id=action.id or 0,
                published=bool(form.published.data),
                public_text=form.public_text.data or "",
            )
        except FeedbackError as exc:
            session.rollback()
            _field_error(form, exc)
        else:
            session.commit()
            flash(_("Opgeslagen wat vertellers zien van ‘%(title)s’.", title=action.title))
            return redirect(coalition_url(".lessons") + f"#actie-{action.id}")
    return _page(action_forms={action.id or 0: form}), 422


# Helpers ------------------------------------------------------------------------------------------


def _field_error(form: FlaskForm, error: FeedbackError) -> None:
    """Show a service's refusal at the field it is about (or at the first field)."""
    field = form._fields.get(error.field) or next(iter(form))
    field.errors = [*field.errors, error.message]


def _page(
    *, lesson_form: LessonForm | None = None, action_forms: dict[int, ActionPublicationForm] | None = None
) -> str:
    session = get_session()
    coalition = current_coalition()
    actions = feedback.actions_of(session, coalition=coalition)
    kept = action_forms or {}
    forms = {a.id or 0: kept.get(a.id or 0) or _action_form(a, formdata=None) for a in actions}
    public_path = url_for("feedback.page", slug=coalition.slug)
    return render_template(
        "sensemaking/lessons/lessons.html",
        coalition=coalition,
        lessons=feedback.lessons_of(session, coalition=coalition),
        actions=actions,
        action_forms=forms,
        lesson_form=lesson_form or LessonForm(formdata=None),
        status_label=lambda status: STATUS.get(status, status),
        public_url=f"{current_app.config['BASE_URL']}{public_path}",
        anything_published=feedback.has_published(session, coalition.id or 0),
        text_max=feedback.TEXT_MAX,
        title_max=feedback.TITLE_MAX,
        public_text_max=feedback.PUBLIC_TEXT_MAX,
    )
