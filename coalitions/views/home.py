"""A coalition's own screens: the list, creating one, its home page, settings, members and trajectory plan."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from coalitions import accounts, retention, services
from coalitions.forms import CYCLES, TARGET_GROUPS, CoalitionForm
from coalitions.models import TrajectoryStep
from coalitions.views import (
    can_manage,
    coalition_blueprint,
    current_coalition,
    lead_required,
)
from vertelpunt.db import get_session
from vertelpunt.timeutil import today

bp = coalition_blueprint("coalitions_home", __name__)
EDITABLE = (
    "name",
    "region",
    "focus",
    "target_groups",
    "success_criteria",
    "current_cycle",
    "opens_on",
    "closes_on",
)


@bp.route("/")
def index() -> ResponseReturnValue:
    """The coalitions this account works with."""
    coalitions = accounts.visible_coalitions(get_session(), current_user.user)
    if len(coalitions) == 1 and current_user.user.role == "member":
        return redirect(url_for("coalitions_home.home", slug=coalitions[0].slug))
    return render_template("coalitions/index.html", coalitions=coalitions)


@bp.route("/nieuw", methods=["GET", "POST"])
def create() -> ResponseReturnValue:
    """Start a new coalition; its creator becomes its lead."""
    user = current_user.user
    if user.role == "facilitator":
        abort(403)
    form = CoalitionForm()
    if request.method == "GET":
        form.current_cycle.data = "startup"
    if form.validate_on_submit():
        session = get_session()
        try:
            coalition = services.create_coalition(
                session, slug=form.slug.data, **{k: form[k].data for k in EDITABLE}
            )
            if user.role != "admin":
                accounts.add_membership(session, user=user, coalition=coalition, is_lead=True)
        except (services.CoalitionError, accounts.AccountError) as exc:
            session.rollback()
            form.slug.errors.append(
                _("Deze korte naam is al in gebruik.") if "exists" in str(exc) else str(exc)
            )
        else:
            session.commit()
            flash(_("De coalitie is aangemaakt. Voeg nu de organisaties toe."))
            return redirect(url_for("coalitions_home.home", slug=coalition.slug))
    return render_template("coalitions/edit.html", form=form, coalition=None), 200 if not form.errors else 422


@bp.route("/<slug>/")
def home(slug: str) -> ResponseReturnValue:
    """The coalition's home: focus, current cycle, the next steps of the plan."""
    coalition = current_coalition()
    steps = services.plan_steps(get_session(), coalition)
    upcoming = [s for s in steps if not s.done][:3]
    return render_template(
        "coalitions/home.html",
        coalition=coalition,
        cycles=CYCLES,
        upcoming=upcoming,
        target_labels=dict(TARGET_GROUPS),
    )


@bp.route("/<slug>/instellingen", methods=["GET", "POST"])
@lead_required
def edit(slug: str) -> ResponseReturnValue:
    """Change the coalition's name, focus, target groups, success criteria, cycle and dates."""
    coalition = current_coalition()
    form = CoalitionForm(obj=coalition)
    del form.slug
    if form.validate_on_submit():
        session = get_session()
        try:
            services.update_coalition(
                session,
                coalition,
                user=current_user.user,
                today=today(current_app.config["TIMEZONE"]),
                **{k: form[k].data for k in EDITABLE},
            )
        except services.CoalitionError as exc:
            session.rollback()
            form.closes_on.errors.append(str(exc))
        else:
            session.commit()
            flash(_("Opgeslagen."))
            return redirect(url_for("coalitions_home.home", slug=slug))
    return render_template(
        "coalitions/edit.html", form=form, coalition=coalition, purge_after=retention.purge_after(coalition)
    ), 200 if not form.errors else 422


@bp.route("/<slug>/gegevens-sluiten", methods=["GET", "POST"])
@lead_required
def close_data(slug: str) -> ResponseReturnValue:
    """Close the coalition's data for good, after a confirmation that says when it will be deleted."""
    coalition = current_coalition()
    cfg = current_app.config
    day = today(cfg["TIMEZONE"])
    if request.method == "POST" and coalition.data_closed_on is None:
        session = get_session()
        retention.close_data(session, coalition, today=day, retention_days=cfg["RETENTION_DAYS"])
        session.commit()
        flash(_("De gegevens zijn gesloten. De links nemen geen verhalen meer aan."))
        return redirect(url_for("coalitions_home.edit", slug=slug))
    if coalition.data_closed_on is not None:
        return redirect(url_for("coalitions_home.edit", slug=slug))
    return render_template(
        "coalitions/close_data.html",
        coalition=coalition,
        purge_after=day + timedelta(days=cfg["RETENTION_DAYS"]),
    )


@bp.route("/<slug>/leden")
def members(slug: str) -> ResponseReturnValue:
    """Who works in this coalition."""
    return render_template(
        "coalitions/members.html",
        coalition=current_coalition(),
        members=accounts.members_of(get_session(), current_coalition()),
    )


@bp.route("/<slug>/plan", methods=["GET", "POST"])
def plan(slug: str) -> ResponseReturnValue:
    """The trajectory plan: three cycles with their steps; members can edit dates, who, result and progress."""
    coalition = current_coalition()
    session = get_session()
    steps = services.plan_steps(session, coalition)
    errors: dict[int, str] = {}
    if request.method == "POST":
        if not can_manage(coalition):
            abort(403)
        errors = services.update_plan(session, coalition, steps, request.form)
        if not errors:
            session.commit()
            flash(_("Het plan is opgeslagen."))
            return redirect(url_for("coalitions_home.plan", slug=slug))
        session.rollback()
    return render_template(
        "coalitions/plan.html",
        coalition=coalition,
        steps=steps,
        cycles=CYCLES,
        errors=errors,
        form_values=request.form,
    ), 200 if not errors else 422


def step_label(step: TrajectoryStep) -> str:
    """A step's cycle as shown to staff."""
    return dict(CYCLES).get(step.cycle, step.cycle)
