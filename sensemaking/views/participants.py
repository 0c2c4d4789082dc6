"""The board for workshop participants: joined with the session link or code, without an account.

The session link's token is the only key: it opens this workshop's board and nothing else, and stops
working when the facilitator closes the session (410). Changes come in as JSON from our own page (checked
with Sec-Fetch-Site / Origin, like the public story form, so a participant needs no cookie); without
JavaScript the same changes go through plain forms.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from sensemaking import workshops
from sensemaking.models import Workshop
from sensemaking.views.board_pages import board_context, form_change, ops_response, state_response
from vertelpunt.db import get_session
from vertelpunt.limits import limiter, link_lookup_limit
from vertelpunt.security import is_same_origin_post

bp = Blueprint("workshop_public", __name__)


def _workshop(token: str) -> Workshop:
    """The workshop of this session link; 404 when unknown, 410 when the session is closed."""
    workshop = workshops.workshop_for_token(get_session(), token) or abort(404)
    if workshop.is_closed:
        abort(410)
    return workshop


def _context(workshop: Workshop, token: str) -> dict[str, Any]:
    context = board_context(
        workshop,
        staff=False,
        state_url=url_for(".state", token=token),
        ops_url=url_for(".ops", token=token),
        form_url=url_for(".add_form", token=token),
    )
    context["ctx"] = context
    return context


@bp.route("/w", methods=["GET", "POST"])
@limiter.limit(link_lookup_limit)  # both: /w?code=… looks the code up just like the form does
def join() -> ResponseReturnValue:
    """Type the session code shown by the facilitator."""
    typed = (
        request.form.get("code", "")[:40] if request.method == "POST" else request.args.get("code", "")[:40]
    )
    error = None
    if typed:
        workshop = workshops.workshop_for_code(get_session(), typed)
        if workshop is not None:
            return redirect(url_for("workshop_public.board", token=workshop.token))
        error = _(
            "Deze code kennen we niet, of de sessie is al gesloten. Kijk nog eens goed: de code heeft zes tekens, zoals abc-def."
        )
    elif request.method == "POST":
        error = _("Vul de code van de sessie in.")
    return render_template("sensemaking/board/join.html", typed=typed, error=error), 400 if error else 200


@bp.get("/w/<token>")
@limiter.limit(link_lookup_limit)
def board(token: str) -> ResponseReturnValue:
    """The live board of the session (with a plain list and forms that work without JavaScript)."""
    workshop = _workshop(token)
    context = _context(workshop, token)
    return render_template("sensemaking/board/participant.html", **context)


@bp.get("/w/<token>/state")
def state(token: str) -> ResponseReturnValue:
    """The board as JSON, or 304 when the browser already has this version."""
    workshop = workshops.workshop_for_token(get_session(), token) or abort(404)
    if workshop.is_closed:
        return jsonify({"closed": True, "version": workshop.version}), 410
    return state_response(workshop)


@bp.post("/w/<token>/ops")
def ops(token: str) -> ResponseReturnValue:
    """Apply a batch of changes sent by the board's script."""
    if not is_same_origin_post(request):
        abort(403)
    workshop = workshops.workshop_for_token(get_session(), token) or abort(404)
    return ops_response(workshop, staff=False)


@bp.post("/w/<token>/zeshoek")
def add_form(token: str) -> ResponseReturnValue:
    """Add, change or remove a hexagon with a plain form (the board without JavaScript)."""
    if not is_same_origin_post(request):
        abort(403)
    workshop = _workshop(token)
    message = form_change(workshop, staff=False)
    if message:
        context = _context(workshop, token)
        return render_template(
            "sensemaking/board/participant.html",
            form_error=message,
            typed=request.form,
            **context,
        ), 400
    return redirect(url_for(".board", token=token) + "#lijst")
