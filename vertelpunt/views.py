"""The teller's flow: open an invite link, tell a story, answer the questions, say thank you."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import RequestEntityTooLarge

from coalitions import services as coalition_services
from coalitions.models import Coalition, InviteLink
from sensemaking.feedback import has_published
from vertelpunt import services, withdrawal
from vertelpunt.db import get_session, read_session, write_session
from vertelpunt.errors import typed_story
from vertelpunt.form_pages import form_pages, row_key
from vertelpunt.forms import StoryForm, build_story_form
from vertelpunt.i18n import current_language
from vertelpunt.limits import limiter, link_lookup_limit, public_form_key, public_form_limit, withdraw_limit
from vertelpunt.questionnaire import Definition, asked, sections_of
from vertelpunt.security import is_same_origin_post
from vertelpunt.timeutil import today

bp = Blueprint("vertelpunt", __name__)
log = logging.getLogger(__name__)


@bp.app_template_filter("error_list")
def error_list(errors: Any) -> list[str]:
    """Flatten a field's errors (a list, or a sub-form's dict of lists) into messages."""
    if isinstance(errors, dict):
        return [message for value in errors.values() for message in error_list(value)]
    if isinstance(errors, list | tuple):
        return [str(e) for e in errors]
    return [str(errors)]


@bp.route("/")
def index() -> ResponseReturnValue:
    """What the Vertelpunt is; tellers arrive through a link or QR code, not here."""
    return render_template("vertelpunt/index.html")


@bp.route("/privacy")
def privacy() -> ResponseReturnValue:
    """What happens with a story, in plain words."""
    return render_template("vertelpunt/privacy.html")


@bp.route("/i/<token>", methods=["GET", "POST"])
@limiter.limit(public_form_limit, key_func=public_form_key)
def share(token: str) -> ResponseReturnValue:
    """The story form of an invite link, with the questions the link answers left out."""
    if request.method == "GET":
        return render_share(token)
    return receive_story(token)


@bp.route("/i/<token>/bedankt")
def thanks(token: str) -> ResponseReturnValue:
    """Thank the teller, invite them to share another experience, and link to what the coalition learned."""
    session = get_session()
    link = coalition_services.get_link(session, token) or abort(404)
    coalition = session.get(Coalition, link.coalition_id) or abort(404)
    ticket = request.args.get("code", "")
    code = withdrawal.code_from_ticket(current_app.config["SECRET_KEY"], ticket) if ticket else None
    return render_template(
        "vertelpunt/thanks.html",
        link=link,
        coalition=coalition,
        has_feedback=has_published(session, link.coalition_id),
        withdraw_code=withdrawal.grouped(code) if code else "",
    )


def _limits() -> dict[str, int]:
    cfg = current_app.config
    return {
        "text": cfg["STORY_MAX_CHARS"],
        "title": cfg["TITLE_MAX_CHARS"],
        "min_words": cfg["STORY_MIN_WORDS"],
    }


def _open_link(token: str) -> tuple[InviteLink, Coalition] | ResponseReturnValue:
    """The open link, or the page that explains why it cannot take a story (with the typed text kept)."""
    session = get_session()
    try:
        return coalition_services.resolve_link(
            session, token=token, today=today(current_app.config["TIMEZONE"])
        )
    except coalition_services.LinkUnknown:
        abort(404)
    except coalition_services.LinkNotOpenYet as exc:
        return render_template(
            "vertelpunt/link_closed.html", coalition=exc.coalition, not_yet=True, kept=typed_story()
        ), 403
    except coalition_services.LinkClosed as exc:
        return render_template(
            "vertelpunt/link_closed.html", coalition=exc.coalition, not_yet=False, kept=typed_story()
        ), 410


def _form_for(
    link: InviteLink,
    definition: Definition,
    formdata: ImmutableMultiDict[str, str] | None,
    submission: str | None = None,
) -> StoryForm:
    """The link's story form; a fresh submission id when ``submission`` is not given and none was posted."""
    questions = asked(definition, link.prefill)
    form_class = build_story_form(questions, lang=current_language(), limits=_limits())
    form = form_class(formdata=formdata) if formdata is not None else form_class(formdata=None)
    if submission is not None:
        form.submission.data = submission
    elif formdata is None or not form.submission.data:
        form.submission.data = services.issue_submission_token(current_app.config["SECRET_KEY"])
    return form


def render_share(
    token: str,
    *,
    formdata: ImmutableMultiDict[str, str] | None = None,
    message: str = "",
    status: int = 200,
    fresh_token: bool = False,
) -> ResponseReturnValue:
    """Render the story form, re-filled from ``formdata`` when given, with an optional message.

    A fresh, empty form comes from the page cache (form_pages.py) with its own submission id.
    """
    fresh_form = formdata is None and not message and status == 200
    if fresh_form:
        fresh = services.issue_submission_token(current_app.config["SECRET_KEY"])
        page = form_pages().recent(token, current_language(), fresh)
        if page is not None:
            return page
    opened = _open_link(token)
    if not isinstance(opened, tuple) or not isinstance(opened[0], InviteLink):
        return opened
    link, coalition = opened
    row, definition = services.current_questionnaire(get_session())
    if fresh_form:
        lang = current_language()
        key = (lang, row_key(link), row_key(coalition), row.version, row.checksum, *_limits().values())
        form_pages().checked(token, lang, key)
        return form_pages().page(
            key, fresh, lambda slot: _render_form(link, coalition, definition, None, "", slot)
        )
    renewed = services.issue_submission_token(current_app.config["SECRET_KEY"]) if fresh_token else None
    return _render_form(
        link, coalition, definition, formdata, message, renewed, validate=status == 422
    ), status


def _render_form(
    link: InviteLink,
    coalition: Coalition,
    definition: Definition,
    formdata: ImmutableMultiDict[str, str] | None,
    message: str,
    submission: str | None,
    *,
    validate: bool = False,
) -> str:
    form = _form_for(link, definition, formdata, submission)
    if formdata is not None and validate:
        form.validate()
    return render_template(
        "vertelpunt/share.html",
        form=form,
        link=link,
        coalition=coalition,
        definition=definition,
        sections=sections_of(definition, tuple(form.questions)),
        message=message,
        limits=_limits(),
    )


def receive_story(token: str) -> ResponseReturnValue:
    """Check and store a posted story. Every refusal re-shows the form with everything the teller typed."""
    try:
        return _receive_story(token)
    except sa.exc.OperationalError as error:  # locked past the busy timeout, disk full, connection lost
        return _not_stored(token, full=services.storage_full(error))


def _receive_story(token: str) -> ResponseReturnValue:
    read_session()  # everything up to the insert reads; the insert has a write transaction of its own
    opened = _open_link(token)
    if not isinstance(opened, tuple) or not isinstance(opened[0], InviteLink):
        return opened
    link, _coalition = opened
    try:
        formdata = request.form
    except RequestEntityTooLarge:
        return render_share(
            token,
            message=_(
                "Je verhaal is te groot om in één keer te versturen. Maak het korter en probeer het opnieuw."
            ),
            status=413,
        )
    if not is_same_origin_post(request):
        return render_share(
            token,
            formdata=formdata,
            status=403,
            message=_(
                "Er ging iets mis met het versturen, dus je verhaal is nog niet opgeslagen. "
                "Alles wat je typte staat er nog. Kijk het even na en klik nog een keer op Versturen."
            ),
        )
    questionnaire, definition = services.current_questionnaire(get_session())
    form = _form_for(link, definition, formdata)
    cfg = current_app.config
    token_state = services.read_submission_token(
        cfg["SECRET_KEY"], form.submission.data or "", max_age=cfg["SUBMISSION_TOKEN_MAX_AGE"]
    )
    session = get_session()
    nonce = withdrawal.nonce_for(cfg["SECRET_KEY"], form.submission.data or "")
    code = withdrawal.code_for(cfg["SECRET_KEY"], nonce)
    if token_state.submission_id and services.story_exists(session, submission_id=token_state.submission_id):
        # A retry or double click of a story we already have: the same form gives the same code, shown
        # again while the form is fresh; the stored hash is never replaced, so the first code keeps working.
        again = not token_state.expired and withdrawal.has_code(
            session, submission_id=token_state.submission_id, code=code
        )
        return _to_thanks(token, nonce=nonce if again else None)
    if token_state.submission_id is None or token_state.expired:
        return render_share(
            token,
            formdata=formdata,
            fresh_token=True,
            message=_(
                "Je formulier stond een tijd open. Alles wat je typte staat er nog. "
                "Kijk het even na en klik nog een keer op Versturen."
            ),
        )
    if not form.validate():
        return render_share(
            token,
            formdata=formdata,
            status=422,
            message=_("Er klopt nog iets niet. Kijk bij de meldingen hieronder."),
        )
    try:
        with write_session() as writing:
            services.submit_story(
                writing,
                link=link,
                questionnaire=questionnaire,
                submission_id=token_state.submission_id,
                title=form["title"].data,
                text=form["text"].data,
                answers=form.validate_conditions(link.prefill),
                language=current_language(),
                day=today(cfg["TIMEZONE"]),
                withdraw_hash=withdrawal.code_hash(code),
            )
    except sa.exc.OperationalError as error:
        return _not_stored(token, full=services.storage_full(error))
    return _to_thanks(token, nonce=nonce)


def _not_stored(token: str, *, full: bool) -> ResponseReturnValue:
    """The database refused the story: re-show the form with everything typed and the same submission id."""
    read_session()  # the page must render while another connection may still hold the write lock
    if full:
        log.warning("story not stored: database or disk full")  # never log the story itself
        message = _(
            "Je verhaal is nog niet opgeslagen: er is bij ons even geen opslagruimte. Alles wat je typte "
            "staat er nog. Kopieer je verhaal als je het wilt bewaren, en probeer het later nog een keer."
        )
    else:
        log.warning("story not stored: database busy or unavailable")
        message = _(
            "Het is nu heel druk en je verhaal is nog niet opgeslagen. Alles wat je typte staat er nog. "
            "Probeer het over een minuutje nog een keer."
        )
    try:
        formdata = request.form
    except RequestEntityTooLarge:
        formdata = None
    try:
        return render_share(token, formdata=formdata, status=503, message=message)
    except sa.exc.SQLAlchemyError:  # the database cannot even be read: a plain page, the story still shown
        log.warning("story form not shown again: database unavailable")
        return render_template("errors.html", code=503, kept=typed_story()), 503


def _to_thanks(token: str, *, nonce: str | None = None) -> ResponseReturnValue:
    args: dict[str, Any] = {}
    if current_language() != current_app.config["DEFAULT_LOCALE"]:
        args["lang"] = current_language()
    if nonce is not None:
        # A ticket, not the code: valid for minutes, and only the server can turn it into the code.
        args["code"] = withdrawal.ticket(current_app.config["SECRET_KEY"], nonce)
    return redirect(url_for("vertelpunt.thanks", token=token, **args), code=303)


@bp.app_errorhandler(429)
def rate_limited(_error: Exception) -> ResponseReturnValue:
    """Too many requests: on the story form, re-show it with everything typed; elsewhere a plain page."""
    if request.endpoint == "vertelpunt.share" and request.method == "POST":
        token = (request.view_args or {}).get("token", "")
        try:
            formdata = request.form
        except RequestEntityTooLarge:
            formdata = None
        return render_share(
            token,
            formdata=formdata,
            status=429,
            message=_(
                "Er zijn net heel veel verhalen verstuurd vanaf dit apparaat of wifi-netwerk. Je verhaal is nog niet opgeslagen; "
                "alles wat je typte staat er nog. Probeer het over een paar minuten opnieuw."
            ),
        )
    if request.endpoint == "vertelpunt.withdraw":
        return render_template(
            "vertelpunt/withdraw.html",
            message=_("Je hebt het te vaak geprobeerd. Wacht een uur en probeer het dan opnieuw."),
        ), 429
    return render_template("errors.html", code=429), 429


@bp.route("/k/<code>")
@limiter.limit(link_lookup_limit)
def short_link(code: str) -> ResponseReturnValue:
    """The short code printed on a flyer (any case, with or without the dash) leads to its invite link."""
    link = coalition_services.link_for_short_code(get_session(), code) or abort(404)
    return redirect(url_for("vertelpunt.share", token=link.token), code=302)


@bp.route("/intrekken", methods=["GET", "POST"])
@limiter.limit(withdraw_limit, methods=["POST"], deduct_when=lambda response: response.status_code == 422)
def withdraw() -> ResponseReturnValue:
    """Withdraw a story with its one-time code. A wrong code says nothing about whether it ever existed."""
    if request.method == "GET":
        return render_template("vertelpunt/withdraw.html")
    if not is_same_origin_post(request):
        message = _("Er ging iets mis met het versturen. Probeer het nog een keer.")
        return render_template("vertelpunt/withdraw.html", message=message), 403
    if withdrawal.withdraw(get_session(), request.form.get("code", "")[:100]):
        return render_template("vertelpunt/withdraw.html", done=True)
    message = _("Deze code werkt niet. Kijk of je hem goed hebt overgetypt en probeer het nog een keer.")
    return render_template("vertelpunt/withdraw.html", message=message), 422
