"""Administrators manage staff accounts: invite by a one-time set-password link."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user
from sqlmodel import select
from wtforms.fields.choices import SelectChoice

from coalitions import accounts
from coalitions.forms import AccountForm
from coalitions.models import Coalition, User
from vertelpunt.db import get_session

bp = Blueprint("admin", __name__)


@bp.before_request
def require_admin() -> ResponseReturnValue | None:
    """Sign in first; only administrators get further (others get a 404: the page does not exist for them)."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
    if current_user.user.role != "admin":
        abort(404)
    return None


@bp.route("/accounts", methods=["GET", "POST"])
def accounts_page() -> ResponseReturnValue:
    """All staff accounts, and a form to invite a new one."""
    session = get_session()
    coalitions = list(session.exec(select(Coalition).order_by(Coalition.name)))
    form = AccountForm()
    form.coalitions.choices = [SelectChoice(str(c.id), c.name) for c in coalitions]
    invite_url = None
    if form.validate_on_submit():
        try:
            user = accounts.create_user(
                session, email=form.email.data, role=form.role.data, name=form.name.data
            )
            for coalition in coalitions:
                if str(coalition.id) in (form.coalitions.data or []):
                    accounts.add_membership(
                        session, user=user, coalition=coalition, is_lead=form.is_lead.data
                    )
            token = accounts.issue_invite(session, user)
        except accounts.AccountError as exc:
            session.rollback()
            form.email.errors.append(str(exc))
        else:
            session.commit()
            invite_url = f"{current_app.config['BASE_URL']}{url_for('auth.set_password', token=token)}"
            form = AccountForm(formdata=None)
            form.coalitions.choices = [SelectChoice(str(c.id), c.name) for c in coalitions]
    users = list(session.exec(select(User).order_by(User.email)))
    return render_template(
        "admin/accounts.html", form=form, users=users, invite_url=invite_url
    ), 422 if form.errors else 200
