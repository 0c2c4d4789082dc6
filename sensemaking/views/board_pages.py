"""What the participants' and the facilitators' board pages share: the page data, the JSON answers and
the Dutch words for the board's refusals."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Response, abort, g, jsonify, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from coalitions.views import current_coalition
from sensemaking import boards, workshops
from sensemaking.boards import BoardClosed, BoardError, BoardLocked
from sensemaking.models import Workshop
from vertelpunt.db import get_session

KIND_LABELS = {"observation": _l("Observatie"), "theme": _l("Thema"), "action": _l("Actie")}
KIND_PLURALS = {"observation": _l("Observaties"), "theme": _l("Thema's"), "action": _l("Acties")}


def load_workshop() -> None:
    """Find the workshop in the URL within the request's coalition, else 404 (a blueprint's before_request)."""
    args = request.view_args or {}
    if "workshop_id" in args:
        g.workshop = workshops.get_workshop(get_session(), current_coalition(), args["workshop_id"]) or abort(
            404
        )


def current_workshop() -> Workshop:
    """The workshop in this request's URL (found by ``load_workshop``)."""
    workshop: Workshop = g.workshop
    return workshop


def kind_labels() -> dict[str, str]:
    """The kinds' names in the reader's language."""
    return {kind: str(label) for kind, label in KIND_LABELS.items()}


def error_message(error: BoardError) -> str:
    """A board refusal in the participant's language."""
    if isinstance(error, BoardClosed):
        return _("De sessie is gesloten: het bord kan niet meer veranderen.")
    if isinstance(error, BoardLocked):
        return _("De begeleider heeft het bord even op slot gezet. Je kunt kijken, maar niets veranderen.")
    text = str(error)
    if text.startswith("text:"):
        return _("Een zeshoek mag hoogstens %(n)s tekens hebben.", n=boards.MAX_TEXT)
    if text.startswith("kind:"):
        return _("Kies observatie, thema of actie.")
    if text.startswith("board: at most"):
        return _("Het bord is vol (%(n)s zeshoeken).", n=boards.MAX_HEXAGONS)
    if text.startswith("link"):
        return _("Kies een thema dat op het bord staat.")
    return _("Die wijziging kon het bord niet verwerken.")


def board_context(
    workshop: Workshop, *, staff: bool, state_url: str, ops_url: str, form_url: str
) -> dict[str, Any]:
    """Everything the board template needs, including the data its script starts from."""
    session = get_session()
    state = boards.board_state(session, workshop)
    themes = [h for h in state["hexagons"] if h["kind"] == "theme"]
    return {
        "workshop": workshop,
        "state": state,
        "themes": themes,
        "grouped": _grouped(state["hexagons"]),
        "labels": kind_labels(),
        "plurals": {kind: str(label) for kind, label in KIND_PLURALS.items()},
        "colours": workshops.colours_of(workshop),
        "staff": staff,
        "form_url": form_url,
        "opid": str(uuid.uuid4()),
        "code": workshops.format_code(workshop.code),
        "board_data": {
            "state": state,
            "stateUrl": state_url,
            "opsUrl": ops_url,
            "staff": staff,
            "maxText": boards.MAX_TEXT,
            "labels": kind_labels(),
        },
    }


def _grouped(hexagons: list[dict[str, Any]]) -> list[tuple[dict[str, Any] | None, list[dict[str, Any]]]]:
    """Themes with their observations and actions (for the list beside the board), then the loose ones."""
    themes = [h for h in hexagons if h["kind"] == "theme"]
    by_theme: dict[str | None, list[dict[str, Any]]] = {t["id"]: [] for t in themes}
    by_theme[None] = []
    for h in hexagons:
        if h["kind"] == "theme":
            continue
        targets = [t for t in h["links"] if t in by_theme] or [None]
        by_theme[targets[0]].append(h)
    groups: list[tuple[dict[str, Any] | None, list[dict[str, Any]]]] = [
        (t, by_theme[t["id"]]) for t in themes
    ]
    if by_theme[None]:
        groups.append((None, by_theme[None]))
    return groups


def state_response(workshop: Workshop) -> ResponseReturnValue:
    """The board's state as JSON with its version as ETag (304 when unchanged)."""
    etag = f'"{workshop.id}-{workshop.version}"'
    if request.headers.get("If-None-Match") == etag:
        response = Response(status=304)
    else:
        response = jsonify(boards.board_state(get_session(), workshop))
    response.headers["ETag"] = etag
    return response


def ops_response(workshop: Workshop, *, staff: bool) -> ResponseReturnValue:
    """Apply the posted batch and answer with the new state; refusals as JSON with a readable message."""
    if not request.is_json:
        return jsonify({"error": _("Verkeerd formaat.")}), 415
    payload = request.get_json(silent=True)
    ops = payload.get("ops") if isinstance(payload, dict) else None
    if not isinstance(ops, list):
        return jsonify({"error": _("Verkeerd formaat.")}), 400
    session = get_session()
    try:
        outcome = boards.apply_ops(session, workshop=workshop, ops=ops, staff=staff)
    except BoardError as error:
        session.rollback()
        status = 410 if isinstance(error, BoardClosed) else 423 if isinstance(error, BoardLocked) else 400
        return jsonify(
            {"error": error_message(error), "state": boards.board_state(session, workshop)}
        ), status
    session.commit()
    return jsonify(
        {
            "applied": outcome.applied,
            "conflicts": outcome.conflicts,
            "state": boards.board_state(session, workshop),
        }
    )


def form_change(workshop: Workshop, *, staff: bool) -> str | None:
    """Apply the no-JavaScript form (add, edit or delete); returns an error message or None."""
    session = get_session()
    action = request.form.get("action", "add")
    try:
        if action == "add":
            if not request.form.get("text", "").strip():
                return _("Schrijf eerst een tekst voor de zeshoek.")
            boards.add_hexagon(
                session,
                workshop=workshop,
                kind=request.form.get("kind", ""),
                text=request.form.get("text", ""),
                theme_hexagon=request.form.get("theme") or None,
                staff=staff,
            )
        elif action in ("edit", "delete"):
            op: dict[str, Any] = {
                "op": "text" if action == "edit" else "delete",
                "id": request.form.get("id", ""),
            }
            if action == "edit":
                op.update(
                    text=request.form.get("text", ""),
                    base=request.form.get("base"),
                    opid=request.form.get("opid"),
                )
            boards.apply_ops(session, workshop=workshop, ops=[op], staff=staff)
        else:
            return _("Onbekende handeling.")
    except (BoardClosed, BoardLocked, BoardError) as error:
        session.rollback()
        return error_message(error)
    session.commit()
    return None
