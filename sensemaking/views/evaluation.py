"""The anonymous session evaluation, for participants: open ``/w/<token>/evaluatie`` from the session link
(no account), rate three statements, optionally write two short texts, send.

Like the public story form it works with cookies blocked: no session CSRF token, the view checks
Origin / Sec-Fetch-Site instead (``vertelpunt.security.is_same_origin_post``), and the server-issued id in
the form makes a second send harmless. Nothing about the participant is stored.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from werkzeug.exceptions import RequestEntityTooLarge
from wtforms import HiddenField, RadioField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, StopValidation

from sensemaking import evaluations, workshops
from sensemaking.evaluations import TEXT_MAX, EvaluationError
from sensemaking.models import Workshop
from vertelpunt.db import get_session
from vertelpunt.i18n import lang_args
from vertelpunt.limits import limiter, link_lookup_limit, public_form_key, public_form_limit
from vertelpunt.security import is_same_origin_post

bp = Blueprint("evaluation_public", __name__)

SCALE = (
    SelectChoice("1", _l("Helemaal niet mee eens")),
    SelectChoice("2", _l("Niet mee eens")),
    SelectChoice("3", _l("Neutraal")),
    SelectChoice("4", _l("Mee eens")),
    SelectChoice("5", _l("Helemaal mee eens")),
)
RATING_VALUES = frozenset(choice.value for choice in SCALE)


class RatingField(RadioField):
    """A statement rated 1 to 5; anything else (nothing, 0, 6, "x") gets a Dutch message."""

    def pre_validate(self, form: Any) -> None:
        if self.data not in RATING_VALUES:
            raise StopValidation(_("Kies bij deze zin een cijfer van 1 tot en met 5."))


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class EvaluationForm(FlaskForm):
    """Three statements rated 1-5 and two optional short texts, with the form's server-issued id."""

    class Meta:
        csrf = False  # works without cookies; see the module docstring

    evaluation_id = HiddenField()
    useful = RatingField(evaluations.STATEMENTS[0][1], choices=list(SCALE))
    heard = RatingField(evaluations.STATEMENTS[1][1], choices=list(SCALE))
    next_steps = RatingField(evaluations.STATEMENTS[2][1], choices=list(SCALE))
    went_well = TextAreaField(
        _l("Wat ging goed?"),
        description=_l("Mag je overslaan. Hooguit 1000 tekens."),
        filters=[_strip],
        validators=[Length(max=TEXT_MAX, message=_l("Gebruik hooguit 1000 tekens."))],
    )
    better = TextAreaField(
        _l("Wat kan beter?"),
        description=_l("Mag je overslaan. Hooguit 1000 tekens."),
        filters=[_strip],
        validators=[Length(max=TEXT_MAX, message=_l("Gebruik hooguit 1000 tekens."))],
    )


def _workshop_or_404(token: str) -> Workshop:
    workshop = workshops.workshop_for_token(get_session(), token)
    if workshop is None:
        abort(404)
    return workshop


def _typed() -> dict[str, str]:
    """The texts a participant posted, so a page that refuses the answers can still give them back."""
    if request.method != "POST":
        return {}
    try:
        return {"went_well": request.form.get("went_well", ""), "better": request.form.get("better", "")}
    except RequestEntityTooLarge:
        return {}


def _page(
    workshop: Workshop, form: EvaluationForm, *, message: str = "", status: int = 200
) -> ResponseReturnValue:
    return render_template(
        "sensemaking/evaluation/form.html",
        workshop=workshop,
        form=form,
        statements=[form.useful, form.heard, form.next_steps],
        message=message,
        text_max=TEXT_MAX,
    ), status


@bp.route("/w/<token>/evaluatie", methods=["GET", "POST"])
@limiter.limit(public_form_limit, key_func=public_form_key)
def evaluate(token: str) -> ResponseReturnValue:
    """The evaluation form of a session; a closed session says so (410), an unknown link is a 404."""
    workshop = _workshop_or_404(token)
    if workshop.is_closed:
        return render_template("sensemaking/evaluation/closed.html", workshop=workshop, kept=_typed()), 410
    if request.method == "GET":
        form = EvaluationForm(formdata=None)
        form.evaluation_id.data = evaluations.new_evaluation_id()
        return _page(workshop, form)
    return _receive(workshop)


def _receive(workshop: Workshop) -> ResponseReturnValue:
    """Check and store posted answers. Every refusal shows the form again with everything typed."""
    session = get_session()
    try:
        form = EvaluationForm()
    except RequestEntityTooLarge:
        form = EvaluationForm(formdata=None)
        form.evaluation_id.data = evaluations.new_evaluation_id()
        return _page(
            workshop, form, status=413, message=_("Dat is te veel tekst in één keer. Maak het korter.")
        )
    if not is_same_origin_post(request):
        return _page(
            workshop,
            form,
            status=403,
            message=_(
                "Er ging iets mis met het versturen, dus je antwoorden zijn nog niet opgeslagen. "
                "Alles wat je invulde staat er nog. Klik nog een keer op Versturen."
            ),
        )
    if evaluations.is_answered(session, evaluation_id=form.evaluation_id.data):
        return _to_thanks(workshop)  # sent twice (a double click or a retry): we have it already
    if evaluations.normalise_id(form.evaluation_id.data) is None:
        form.evaluation_id.data = evaluations.new_evaluation_id()
        return _page(
            workshop,
            form,
            status=400,
            message=_(
                "Er ging iets mis met het formulier. Alles wat je invulde staat er nog. "
                "Kijk het even na en klik nog een keer op Versturen."
            ),
        )
    if not form.validate():
        return _page(
            workshop, form, status=422, message=_("Er klopt nog iets niet. Kijk bij de meldingen hieronder.")
        )
    try:
        evaluations.submit_evaluation(
            session,
            workshop=workshop,
            evaluation_id=form.evaluation_id.data or "",
            useful=int(form.useful.data),
            heard=int(form.heard.data),
            next_steps=int(form.next_steps.data),
            went_well=form.went_well.data or "",
            better=form.better.data or "",
        )
    except EvaluationError as error:
        session.rollback()
        return _page(workshop, form, status=422, message=str(error))
    try:
        session.commit()
    except sa.exc.IntegrityError:
        # The same form, sent twice at the same moment: the other request stored it.
        session.rollback()
        if not evaluations.is_answered(session, evaluation_id=form.evaluation_id.data):
            raise
    return _to_thanks(workshop)


def _to_thanks(workshop: Workshop) -> ResponseReturnValue:
    return redirect(url_for(".thanks", token=workshop.token, **lang_args()), code=303)


@bp.route("/w/<token>/evaluatie/bedankt")
@limiter.limit(link_lookup_limit)
def thanks(token: str) -> ResponseReturnValue:
    """Thank the participant."""
    workshop = _workshop_or_404(token)
    return render_template("sensemaking/evaluation/thanks.html", workshop=workshop)
