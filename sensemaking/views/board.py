"""The facilitator's side of a workshop board: the live board with its controls, seeding from a theme
run, lock and close, turning action hexagons into tracked actions, and every export (SVG, PNG, card PDF,
JSON, CSV) — streamed per request to signed-in staff of the coalition, never stored at a URL."""

from __future__ import annotations

import re
from typing import Any

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from coalitions import spreadsheets
from coalitions.views import coalition_blueprint, current_coalition
from sensemaking import actions, boards, workshops
from sensemaking.board import pictures
from sensemaking.boards import BoardError
from sensemaking.models import Hexagon
from sensemaking.views.board_pages import (
    board_context,
    current_workshop,
    error_message,
    form_change,
    kind_labels,
    load_workshop,
    ops_response,
    state_response,
)
from vertelpunt.db import get_session

bp = coalition_blueprint("sensemaking_board", __name__)
PREFIX = "/<slug>/sessies/<int:workshop_id>/bord"
MAX_EMPTY_CARDS = 60
CSV_HEADER = ["soort", "tekst", "kolom", "rij", "thema"]


bp.before_request(load_workshop)


def _context() -> dict[str, Any]:
    workshop = current_workshop()
    slug = current_coalition().slug
    context = board_context(
        workshop,
        staff=True,
        state_url=url_for(".state", slug=slug, workshop_id=workshop.id),
        ops_url=url_for(".ops", slug=slug, workshop_id=workshop.id),
        form_url=url_for(".change", slug=slug, workshop_id=workshop.id),
    )
    session = get_session()
    context["runs"] = workshops.runs_of(session, coalition=current_coalition())
    context["tracked"] = boards.tracked_hexagons(session, workshop=workshop)
    context["join_url"] = url_for("workshop_public.board", token=workshop.token, _external=True)
    context["join_code_url"] = url_for("workshop_public.join", _external=True)
    context["board_data"]["csrf"] = generate_csrf()
    context["ctx"] = context
    return context


@bp.get(PREFIX)
def board(slug: str, workshop_id: int) -> ResponseReturnValue:
    """The live board with the facilitator's controls."""
    return render_template("sensemaking/board/staff.html", **_context())


@bp.get(PREFIX + "/state")
def state(slug: str, workshop_id: int) -> ResponseReturnValue:
    """The board as JSON (also after the session is closed: the coalition keeps reading it)."""
    return state_response(current_workshop())


@bp.post(PREFIX + "/ops")
def ops(slug: str, workshop_id: int) -> ResponseReturnValue:
    """Apply a batch of changes from the facilitator's board (may change a locked board)."""
    return ops_response(current_workshop(), staff=True)


@bp.post(PREFIX + "/zeshoek")
def change(slug: str, workshop_id: int) -> ResponseReturnValue:
    """Add, change or remove a hexagon with a plain form."""
    message = form_change(current_workshop(), staff=True)
    if message:
        return render_template(
            "sensemaking/board/staff.html", form_error=message, typed=request.form, **_context()
        ), 400
    return redirect(url_for(".board", slug=slug, workshop_id=workshop_id) + "#lijst")


@bp.post(PREFIX + "/zaaien")
def seed(slug: str, workshop_id: int) -> ResponseReturnValue:
    """Put a theme run's themes and their neutral observations on the board."""
    session = get_session()
    workshop = current_workshop()
    run_id = request.form.get("run", type=int)
    run = workshops.run_of(session, current_coalition(), run_id) if run_id else None
    if run is None or run.status != "done":
        flash(_("Kies een afgeronde themaverkenning."), "error")
        return redirect(url_for(".board", slug=slug, workshop_id=workshop_id))
    try:
        added = boards.seed_from_run(session, workshop=workshop, run_id=run.id)  # type: ignore[arg-type]
    except BoardError as error:
        session.rollback()
        flash(error_message(error), "error")
        return redirect(url_for(".board", slug=slug, workshop_id=workshop_id))
    session.commit()
    flash(
        _("%(n)s zeshoeken op het bord gezet.", n=added)
        if added
        else _("Deze thema's staan al op het bord."),
        "success",
    )
    return redirect(url_for(".board", slug=slug, workshop_id=workshop_id))


@bp.post(PREFIX + "/slot")
def lock(slug: str, workshop_id: int) -> ResponseReturnValue:
    """Lock or unlock the board for participants."""
    session = get_session()
    locked = request.form.get("locked") == "1"
    workshops.set_locked(session, current_workshop(), locked)
    session.commit()
    flash(_("Het bord is op slot.") if locked else _("Het bord is weer open."), "success")
    return redirect(url_for(".board", slug=slug, workshop_id=workshop_id))


@bp.post(PREFIX + "/sluiten")
def close(slug: str, workshop_id: int) -> ResponseReturnValue:
    """Close the session (the link and code stop working) or open it again."""
    session = get_session()
    if request.form.get("open") == "1":
        workshops.reopen_session(session, current_workshop())
        flash(_("De sessie is weer open; de link en code werken weer."), "success")
    else:
        workshops.close_session(session, current_workshop())
        flash(
            _("De sessie is gesloten. De link en code werken niet meer; het bord blijft hier te lezen."),
            "success",
        )
    session.commit()
    return redirect(url_for(".board", slug=slug, workshop_id=workshop_id))


@bp.post(PREFIX + "/actie/<hexagon_id>")
def track(slug: str, workshop_id: int, hexagon_id: str) -> ResponseReturnValue:
    """Turn an action hexagon into a tracked action (again: the action it already became)."""
    session = get_session()
    hexagon = session.get(Hexagon, hexagon_id[:36])
    if hexagon is None or hexagon.workshop_id != workshop_id or hexagon.kind != "action" or hexagon.deleted:
        abort(404)
    try:
        action = actions.action_from_hexagon(session, workshop=current_workshop(), hexagon=hexagon)
    except actions.ActionError:
        session.rollback()
        flash(_("Geef de actie eerst een tekst op het bord."), "error")
        return redirect(url_for(".board", slug=slug, workshop_id=workshop_id))
    session.commit()
    flash(_("De actie wordt nu gevolgd. Vul de actiehouder en de termijn in."), "success")
    return redirect(url_for("sensemaking_actions.action", slug=slug, action_id=action.id))


@bp.post(PREFIX + "/importeren")
def import_json(slug: str, workshop_id: int) -> ResponseReturnValue:
    """Rebuild the board from a JSON export (only on an empty board)."""
    session = get_session()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        flash(_("Kies een JSON-bestand van een bord."), "error")
        return redirect(url_for(".board", slug=slug, workshop_id=workshop_id))
    try:
        data = boards.parse_export(upload.read(boards.MAX_IMPORT_BYTES + 1))
        count = boards.import_board(session, workshop=current_workshop(), data=data)
    except BoardError as error:
        session.rollback()
        flash(_import_message(error), "error")
        return redirect(url_for(".board", slug=slug, workshop_id=workshop_id))
    session.commit()
    flash(_("Het bord is opgebouwd uit het bestand: %(n)s zeshoeken.", n=count), "success")
    return redirect(url_for(".board", slug=slug, workshop_id=workshop_id))


def _import_message(error: BoardError) -> str:
    text = str(error)
    if text == "board: not empty":
        return _(
            "Een bord kan alleen op een leeg bord worden opgebouwd. Maak een nieuwe sessie of maak dit bord leeg."
        )
    if text.startswith(("file:", "hexagons: a list")):
        return _("Dit is geen bord-export van Vertelpunt (of het bestand is te groot).")
    return _("Het bestand klopt niet (%(where)s). Er is niets veranderd.", where=text.split(":")[0])


# Exports ------------------------------------------------------------------------------------------------


def _filename(extension: str) -> str:
    workshop = current_workshop()
    stem = re.sub(r"[^a-z0-9]+", "-", workshop.title.lower()).strip("-")[:60] or "bord"
    return f"bord-{stem}.{extension}"


def _download(body: bytes | str, mimetype: str, extension: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{_filename(extension)}"'
    return response


def _svg() -> str:
    workshop = current_workshop()
    return pictures.board_svg(
        boards.picture_hexes(get_session(), workshop),
        colours=workshops.colours_of(workshop),
        title=workshop.title,
        labels=kind_labels(),
    )


@bp.get(PREFIX + "/bord.svg")
def export_svg(slug: str, workshop_id: int) -> ResponseReturnValue:
    """The whole board as an SVG picture."""
    return _download(_svg(), "image/svg+xml", "svg")


@bp.get(PREFIX + "/bord.png")
def export_png(slug: str, workshop_id: int) -> ResponseReturnValue:
    """The whole board as a PNG picture (twice the size, sharp on a projector)."""
    return _download(pictures.board_png(_svg(), scale=2.0), "image/png", "png")


@bp.get(PREFIX + "/kaarten.pdf")
def export_cards(slug: str, workshop_id: int) -> ResponseReturnValue:
    """Printable hexagon cards to cut out, with as many empty cards per kind as asked."""
    workshop = current_workshop()
    empty = {
        kind: max(0, min(request.args.get(f"leeg_{kind}", 0, type=int) or 0, MAX_EMPTY_CARDS))
        for kind in kind_labels()
    }
    only_empty = request.args.get("alleen_leeg") == "1"
    hexes = [] if only_empty else boards.picture_hexes(get_session(), workshop)
    pdf = pictures.cards_pdf(
        hexes, colours=workshops.colours_of(workshop), labels=kind_labels(), empty=empty, title=workshop.title
    )
    return _download(pdf, "application/pdf", "pdf")


@bp.get(PREFIX + "/bord.json")
def export_json(slug: str, workshop_id: int) -> ResponseReturnValue:
    """The board's data as JSON, to keep or to rebuild the board from."""
    return _download(boards.export_json(get_session(), current_workshop()), "application/json", "json")


@bp.get(PREFIX + "/bord.csv")
def export_csv(slug: str, workshop_id: int) -> ResponseReturnValue:
    """One row per hexagon, with a header row; safe to open in a spreadsheet."""
    labels = kind_labels()
    # Read now, inside the request: a streamed body must not use the request's database session later.
    rows = [[labels[row[0]], *row[1:]] for row in boards.csv_rows(get_session(), current_workshop())]
    delimiter = ";" if request.args.get("scheiding") == "puntkomma" else ","
    response = Response(
        spreadsheets.csv_chunks(CSV_HEADER, rows, delimiter=delimiter), mimetype=spreadsheets.CSV_MIMETYPE
    )
    response.headers["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response
