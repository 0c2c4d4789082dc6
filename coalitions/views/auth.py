"""Signing in and out, and setting a password from a one-time link."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from coalitions import accounts
from coalitions.auth import Staff, safe_next, start_session
from coalitions.forms import LoginForm, SetPasswordForm
from vertelpunt.db import get_session
from vertelpunt.limits import limiter, visitor

bp = Blueprint("auth", __name__)


def login_limit() -> str:
    """Sign-in attempts allowed per account and address."""
    limit: str = current_app.config["LOGIN_LIMIT"]
    return limit


def account_and_address() -> str:
    """Limit key: the e-mail tried plus the address, so one attacker cannot lock a colleague out."""
    return f"{accounts.normalise_email(request.form.get('email', ''))}:{visitor()}"


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_limit, methods=["POST"], key_func=account_and_address)
def login() -> ResponseReturnValue:
    """Sign in with e-mail and password."""
    target = safe_next(request.args.get("next"), url_for("coalitions_home.index"))
    if current_user.is_authenticated:
        return redirect(target)
    form = LoginForm()
    if form.validate_on_submit():
        session = get_session()
        user = accounts.authenticate(session, email=form.email.data, password=form.password.data)
        if user is not None:
            session.commit()
            start_session(user)
            login_user(Staff(user))
            return redirect(target)
        form.password.errors.append(_("Dit e-mailadres en wachtwoord horen niet bij elkaar."))
    return render_template("auth/login.html", form=form), 200 if request.method == "GET" else 422


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    """Sign out everywhere: the session token is dropped, so a copied cookie no longer works."""
    if current_user.is_authenticated:
        session = get_session()
        accounts.sign_out(session, current_user.user)
        session.commit()
    logout_user()
    flash(_("Je bent uitgelogd."))
    return redirect(url_for("auth.login"))


@bp.route("/wachtwoord/<token>", methods=["GET", "POST"])
@limiter.limit(login_limit)
def set_password(token: str) -> ResponseReturnValue:
    """Choose a password from a one-time link sent by an administrator."""
    session = get_session()
    user = accounts.redeem_invite(session, token=token)
    if user is None:
        abort(410)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            accounts.redeem_invite(session, token=token, password=form.password.data)
        except accounts.AccountError as exc:
            form.password.errors.append(str(exc))
        else:
            session.commit()
            flash(_("Je wachtwoord is opgeslagen. Log nu in."))
            return redirect(url_for("auth.login"))
    return render_template("auth/set_password.html", form=form, email=user.email)
