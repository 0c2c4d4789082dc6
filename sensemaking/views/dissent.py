"""Ritual dissent screens (proposals, their rounds of critique and suggestions, the improved proposal) and
the session evaluation results, under a workshop.

Every account that may see the coalition records rounds: facilitators run the sessions, members help.
Another coalition's workshop or proposal is a 404, like every coalition screen.
"""

from __future__ import annotations

from typing import Any

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from werkzeug.routing import BuildError
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from coalitions.monitoring import HIDDEN, small_mark
from coalitions.views import coalition_blueprint, coalition_url, current_coalition
from sensemaking import dissent, evaluations, workshops
from sensemaking.dissent import ROUND_TEXT_MAX, TEXT_MAX, TITLE_MAX, DissentError
from sensemaking.models import Proposal, Workshop
from vertelpunt.db import get_session
from vertelpunt.i18n import lang_args

bp = coalition_blueprint("sensemaking_dissent", __name__)
WORKSHOP_ENDPOINT = "sensemaking_workshops.workshop"
WORKSHOPS_ENDPOINT = "sensemaking_workshops.workshops"


# Loading the workshop and proposal in the URL -------------------------------------------------------


@bp.before_request
def load_objects() -> None:
    """Find the workshop (and proposal) in the URL within this coalition, else 404 (after the coalition check)."""
    args = request.view_args or {}
    if "workshop_id" in args:
        session = get_session()
        g.workshop = workshops.get_workshop(session, current_coalition(), args["workshop_id"]) or abort(404)
        if "proposal_id" in args:
            g.proposal = dissent.get_proposal(session, g.workshop, args["proposal_id"]) or abort(404)


@bp.context_processor
def count_marks() -> dict[str, Any]:
    """How hidden and small counts read (the evaluation results use them)."""
    return {"hidden": HIDDEN, "small": small_mark()}


def current_workshop() -> Workshop:
    """The workshop in this request's URL."""
    workshop: Workshop = g.workshop
    return workshop


def current_proposal() -> Proposal:
    """The proposal in this request's URL."""
    proposal: Proposal = g.proposal
    return proposal


def _url(endpoint: str, **values: Any) -> str:
    """A URL under this workshop that keeps the page language."""
    return coalition_url(endpoint, workshop_id=current_workshop().id, **values)


def _workshop_url() -> str | None:
    """The workshop's own page (or the list of sessions), for the way back."""
    for endpoint, values in (
        (WORKSHOP_ENDPOINT, {"workshop_id": current_workshop().id}),
        (WORKSHOPS_ENDPOINT, {}),
    ):
        try:
            return url_for(endpoint, slug=current_coalition().slug, **values, **lang_args())
        except BuildError:
            continue
    return None


# Forms ------------------------------------------------------------------------------------------------


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class ProposalForm(FlaskForm):
    """A proposal added by hand, optionally for an action on the board."""

    title = StringField(
        _l("Titel van het voorstel"),
        filters=[_strip],
        validators=[
            DataRequired(_l("Geef het voorstel een titel.")),
            Length(max=TITLE_MAX, message=_l("Gebruik hooguit 200 tekens.")),
        ],
    )
    text = TextAreaField(
        _l("Het voorstel"),
        description=_l("Wat de groep voorstelt, zoals ze het presenteert."),
        filters=[_strip],
        validators=[Length(max=TEXT_MAX, message=_l("Gebruik hooguit 10.000 tekens."))],
    )
    # Checked by the service (an action of this workshop's board without a proposal), not by WTForms.
    hexagon_id = SelectField(_l("Hoort bij deze actie op het bord"), choices=[], validate_choice=False)


class RoundForm(FlaskForm):
    """One round: first the critique, then the suggestions."""

    critique = TextAreaField(
        _l("Kritiek"),
        description=_l("Eerst de kritiek: wat kan er misgaan, wat ontbreekt, waar zit het risico?"),
        filters=[_strip],
        validators=[Length(max=ROUND_TEXT_MAX, message=_l("Gebruik hooguit 5.000 tekens."))],
    )
    suggestions = TextAreaField(
        _l("Suggesties"),
        description=_l("Daarna de suggesties: hoe kan het voorstel sterker worden?"),
        filters=[_strip],
        validators=[Length(max=ROUND_TEXT_MAX, message=_l("Gebruik hooguit 5.000 tekens."))],
    )


class ImprovedForm(FlaskForm):
    """The proposal as the group improved it after the rounds."""

    improved = TextAreaField(
        _l("Verbeterd voorstel"),
        description=_l("Het voorstel zoals de groep het na de rondes heeft aangepast."),
        filters=[_strip],
        validators=[Length(max=TEXT_MAX, message=_l("Gebruik hooguit 10.000 tekens."))],
    )


def _add_error(form: FlaskForm, error: DissentError) -> None:
    field = form[error.field] if error.field in form else next(iter(form))
    field.errors = [*field.errors, str(error)]


# Proposals ----------------------------------------------------------------------------------------------


def _hexagon_choices(workshop: Workshop) -> list[SelectChoice]:
    free = dissent.board_actions(get_session(), workshop, without_proposal=True)
    return [SelectChoice("", _("Geen (een los voorstel)"))] + [
        SelectChoice(h.id, dissent.title_of_hexagon(h) or _("(actie zonder tekst)")) for h in free
    ]


@bp.route("/<slug>/sessies/<int:workshop_id>/dissent", methods=["GET", "POST"])
def proposals(slug: str, workshop_id: int) -> ResponseReturnValue:
    """The workshop's proposals with their number of rounds; take them from the board or add one."""
    session = get_session()
    workshop = current_workshop()
    form = ProposalForm() if request.method == "POST" else ProposalForm(formdata=None)
    form.hexagon_id.choices = _hexagon_choices(workshop)
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                proposal = dissent.add_proposal(
                    session,
                    workshop=workshop,
                    title=form.title.data or "",
                    text=form.text.data or "",
                    hexagon_id=form.hexagon_id.data or None,
                )
            except DissentError as error:
                session.rollback()
                _add_error(form, error)
            else:
                session.commit()
                flash(_("Het voorstel is toegevoegd."))
                return redirect(_url(".proposal", proposal_id=proposal.id))
        status = 422
    return render_template(
        "sensemaking/dissent/proposals.html",
        coalition=current_coalition(),
        workshop=workshop,
        rows=dissent.proposal_rows(session, workshop),
        waiting=[
            h for h in dissent.board_actions(session, workshop, without_proposal=True) if h.text.strip()
        ],
        form=form,
        workshop_url=_workshop_url(),
    ), status


@bp.post("/<slug>/sessies/<int:workshop_id>/dissent/van-het-bord")
def from_board(slug: str, workshop_id: int) -> ResponseReturnValue:
    """Make a proposal of every action on the board that has none yet."""
    session = get_session()
    made = dissent.proposals_from_board(session, workshop=current_workshop())
    session.commit()
    if made:
        flash(
            ngettext(
                "%(num)s voorstel van het bord overgenomen.",
                "%(num)s voorstellen van het bord overgenomen.",
                len(made),
            )
        )
    else:
        flash(_("Er staan geen nieuwe acties op het bord."))
    return redirect(_url(".proposals"))


# One proposal: its rounds and the improved version ---------------------------------------------------------


def _proposal_page(
    *,
    round_form: RoundForm | None = None,
    improved_form: ImprovedForm | None = None,
    edited: tuple[int, RoundForm] | None = None,
    status: int = 200,
) -> ResponseReturnValue:
    """The proposal page; a form that was sent with an error is shown as sent."""
    session = get_session()
    proposal = current_proposal()
    rounds = dissent.rounds_of(session, proposal)
    edit_forms = []
    for row in rounds:
        if edited is not None and edited[0] == row.number:
            edit_forms.append((row, edited[1]))
        else:
            data = {"critique": row.critique, "suggestions": row.suggestions}
            edit_forms.append((row, RoundForm(formdata=None, data=data, prefix=f"ronde-{row.number}")))
    return render_template(
        "sensemaking/dissent/proposal.html",
        coalition=current_coalition(),
        workshop=current_workshop(),
        proposal=proposal,
        rounds=edit_forms,
        next_number=(rounds[-1].number + 1) if rounds else 1,
        round_form=round_form or RoundForm(formdata=None),
        improved_form=improved_form or ImprovedForm(formdata=None, data={"improved": proposal.improved}),
        edited_number=edited[0] if edited else None,
        workshop_url=_workshop_url(),
    ), status


@bp.get("/<slug>/sessies/<int:workshop_id>/dissent/<int:proposal_id>")
def proposal(slug: str, workshop_id: int, proposal_id: int) -> ResponseReturnValue:
    """A proposal: the original text, its rounds, a form for the next round and the improved proposal."""
    return _proposal_page()


@bp.post("/<slug>/sessies/<int:workshop_id>/dissent/<int:proposal_id>/rondes")
def add_round(slug: str, workshop_id: int, proposal_id: int) -> ResponseReturnValue:
    """Record the next round of critique and suggestions."""
    session = get_session()
    form = RoundForm()
    if form.validate_on_submit():
        try:
            row = dissent.record_round(
                session,
                proposal=current_proposal(),
                critique=form.critique.data or "",
                suggestions=form.suggestions.data or "",
            )
        except DissentError as error:
            session.rollback()
            _add_error(form, error)
        else:
            session.commit()
            flash(_("Ronde %(n)s is opgeslagen.", n=row.number))
            return redirect(_url(".proposal", proposal_id=proposal_id) + "#rondes")
    return _proposal_page(round_form=form, status=422)


@bp.post("/<slug>/sessies/<int:workshop_id>/dissent/<int:proposal_id>/rondes/<int:number>")
def edit_round(slug: str, workshop_id: int, proposal_id: int, number: int) -> ResponseReturnValue:
    """Correct what was written down in a round."""
    session = get_session()
    row = dissent.get_round(session, current_proposal(), number) or abort(404)
    form = RoundForm(prefix=f"ronde-{number}")
    if form.validate_on_submit():
        try:
            dissent.update_round(
                session,
                dissent_round=row,
                critique=form.critique.data or "",
                suggestions=form.suggestions.data or "",
            )
        except DissentError as error:
            session.rollback()
            _add_error(form, error)
        else:
            session.commit()
            flash(_("Ronde %(n)s is aangepast.", n=number))
            return redirect(_url(".proposal", proposal_id=proposal_id) + f"#ronde-{number}")
    return _proposal_page(edited=(number, form), status=422)


@bp.post("/<slug>/sessies/<int:workshop_id>/dissent/<int:proposal_id>/verbeterd")
def improve(slug: str, workshop_id: int, proposal_id: int) -> ResponseReturnValue:
    """Save the improved proposal."""
    session = get_session()
    form = ImprovedForm()
    if form.validate_on_submit():
        try:
            dissent.save_improved(session, proposal=current_proposal(), improved=form.improved.data or "")
        except DissentError as error:
            session.rollback()
            _add_error(form, error)
        else:
            session.commit()
            flash(_("Het verbeterde voorstel is opgeslagen."))
            return redirect(_url(".proposal", proposal_id=proposal_id) + "#verbeterd")
    return _proposal_page(improved_form=form, status=422)


@bp.route("/<slug>/sessies/<int:workshop_id>/dissent/<int:proposal_id>/verwijderen", methods=["GET", "POST"])
def delete_proposal(slug: str, workshop_id: int, proposal_id: int) -> ResponseReturnValue:
    """Ask whether to delete a proposal with its rounds; delete it when confirmed."""
    proposal = current_proposal()
    if request.method == "POST":
        session = get_session()
        title = proposal.title
        dissent.delete_proposal(session, proposal=proposal)
        session.commit()
        flash(_("‘%(title)s’ is verwijderd.", title=title))
        return redirect(_url(".proposals"))
    return render_template(
        "sensemaking/dissent/delete.html",
        coalition=current_coalition(),
        workshop=current_workshop(),
        proposal=proposal,
        rounds=len(dissent.rounds_of(get_session(), proposal)),
    )


# Session evaluation results ------------------------------------------------------------------------------


@bp.get("/<slug>/sessies/<int:workshop_id>/evaluatie")
def evaluation(slug: str, workshop_id: int) -> ResponseReturnValue:
    """The session evaluation: the participants' link and the results (none below 5 answers)."""
    workshop = current_workshop()
    link = current_app.config["BASE_URL"] + url_for("evaluation_public.evaluate", token=workshop.token)
    return render_template(
        "sensemaking/dissent/evaluation.html",
        coalition=current_coalition(),
        workshop=workshop,
        results=evaluations.evaluation_results(get_session(), workshop),
        link=link,
        ratings=evaluations.RATINGS,
        workshop_url=_workshop_url(),
    )
