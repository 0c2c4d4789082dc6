"""The public feedback page for tellers: what a coalition learned from the stories and what it does.

No account needed. It shows only what ``sensemaking.feedback.public_feedback`` returns (published
lessons and actions); pages are never cached (``vertelpunt.security``), so taking something off the
page takes effect at once.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from coalitions import services as coalition_services
from sensemaking import feedback
from vertelpunt.db import get_session

bp = Blueprint("feedback", __name__)

# How an action is going, in words a child understands.
STATUS = {
    "planned": _l("Gepland"),
    "running": _l("We zijn ermee bezig"),
    "done": _l("Gelukt"),
    "stopped": _l("Gestopt"),
}
TERM = {
    "short": _l("Korte termijn: dit kan snel"),
    "long": _l("Lange termijn: dit kost meer tijd"),
}


@bp.get("/geleerd/<slug>")
def page(slug: str) -> ResponseReturnValue:
    """What the coalition learned and what it does, in plain words (Dutch, or English with ?lang=en)."""
    session = get_session()
    coalition = coalition_services.get_coalition(session, slug) or abort(404)
    return render_template(
        "vertelpunt/feedback.html",
        coalition=coalition,
        feedback=feedback.public_feedback(session, coalition=coalition),
        status_label=lambda status: STATUS.get(status, ""),
        term_label=lambda term: TERM.get(term, ""),
    )
