"""Per link: everything to hand out. QR codes, printable flyers and posters, and invitation texts with the
link filled in. Downloads are made per request and never stored."""

from __future__ import annotations

from flask import Response, abort, current_app, g, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlmodel import select

from coalitions import flyers, services, texts
from coalitions.models import InviteLink, Organisation
from coalitions.views import coalition_blueprint, current_coalition
from coalitions.views.texts import AUDIENCE_LABELS, LANGUAGE_LABELS
from vertelpunt.db import get_engine, get_session, new_session
from vertelpunt.i18n import current_language

bp = coalition_blueprint("coalitions_flyers", __name__)
FLYER_SIZES = {"a5": "A5", "a4": "A4", "a3": "A3"}


@bp.before_request
def load_link() -> None:
    """The link in the URL, looked up within this request's coalition only; anything else is a 404."""
    link_id = (request.view_args or {}).get("link_id")
    if link_id is None:
        return
    g.share_link = get_session().exec(
        select(InviteLink).where(InviteLink.id == link_id, InviteLink.coalition_id == current_coalition().id)
    ).first() or abort(404)


@bp.get("/<slug>/links/<int:link_id>")
def hand_out(slug: str, link_id: int) -> ResponseReturnValue:
    """The "Uitdelen" page: the link and its short form, the QR code, flyers and posters, invitation texts."""
    link = current_link()
    coalition = current_coalition()
    language = request.args.get("taal") if request.args.get("taal") in texts.LANGUAGES else current_language()
    values = _placeholder_values(link, language)
    invitations = [
        _invitation(audience, text, values)
        for audience, text in texts.all_texts(get_session(), coalition, language).items()
    ]
    return render_template(
        "coalitions/hand_out.html",
        coalition=coalition,
        link=link,
        title=_title(link),
        link_url=values["link"],
        short_url=values["short_link"],
        sizes=FLYER_SIZES,
        languages=LANGUAGE_LABELS,
        text_language=language,
        invitations=invitations,
    )


@bp.get("/<slug>/links/<int:link_id>/qr.svg")
def qr_svg(slug: str, link_id: int) -> ResponseReturnValue:
    """The link's QR code as SVG (also the preview on the hand-out page)."""
    return _download(
        flyers.qr_svg(link_url(current_link())), "image/svg+xml; charset=utf-8", _file_name("qr", "svg")
    )


@bp.get("/<slug>/links/<int:link_id>/qr.png")
def qr_png(slug: str, link_id: int) -> ResponseReturnValue:
    """The link's QR code as PNG, for programs that take no SVG."""
    return _download(flyers.qr_png(link_url(current_link())), "image/png", _file_name("qr", "png"))


@bp.get("/<slug>/links/<int:link_id>/flyer.pdf")
def flyer_pdf(slug: str, link_id: int) -> ResponseReturnValue:
    """A printable A5 flyer or A4/A3 poster in Dutch or English (``?size=a5|a4|a3&lang=nl|en``)."""
    size = request.args.get("size", "a5")
    language = request.args.get("lang", current_language())
    if size not in FLYER_SIZES or language not in texts.LANGUAGES:
        return render_template(
            "coalitions/flyer_choice.html",
            coalition=current_coalition(),
            link=current_link(),
            sizes=FLYER_SIZES,
        ), 400
    link = current_link()
    coalition = current_coalition()
    pdf = flyers.flyer_pdf(
        size=size,
        # An English flyer opens the story form in English; the Dutch one stays the bare link.
        url=link_url(link) + ("?lang=en" if language == "en" else ""),
        short_url=short_url(link),
        organisation=_organisation_name(link),
        coalition_name=coalition.name,
        focus=coalition.focus,
        language=language,
    )
    return _download(pdf, "application/pdf", _file_name(f"flyer-{size}-{language}", "pdf"))


def current_link() -> InviteLink:
    """The link in this request's URL (found by ``load_link``)."""
    link: InviteLink = g.share_link
    return link


def link_url(link: InviteLink) -> str:
    """The public address of an invite link; the QR code holds exactly this."""
    return current_app.config["BASE_URL"] + url_for("vertelpunt.share", token=link.token)


def short_url(link: InviteLink) -> str:
    """The link's short address (``…/k/abcd-efgh``), giving the link its short code on first use.

    The code is written in a short transaction of its own: this is a GET, whose session only reads.
    """
    if not link.short_code:
        session = new_session(get_engine())
        try:
            services.ensure_short_code(session, link)
            session.commit()
        finally:
            session.close()
    code = services.format_short_code(link.short_code or "")
    return current_app.config["BASE_URL"] + url_for("vertelpunt.short_link", code=code)


def _invitation(audience: str, text: texts.Text, values: dict[str, str]) -> dict[str, str]:
    """One invitation text filled in for this link, with ready WhatsApp and e-mail links."""
    subject, body = texts.fill(text.subject, values), texts.fill(text.body, values)
    return {
        "audience": audience,
        "label": str(AUDIENCE_LABELS[audience]),
        "subject": subject,
        "body": body,
        "whatsapp": texts.whatsapp_url(body),
        "mailto": texts.mailto_url(subject, body),
    }


def _title(link: InviteLink) -> str:
    """How the hand-out page names a link: its organisation (or "general link") and its label."""
    name = _organisation_name(link) if link.organisation_id else _("Algemene link")
    return f"{name} · {link.label}" if link.label else name


def _organisation(link: InviteLink) -> Organisation | None:
    if link.organisation_id is None:
        return None
    return get_session().get(Organisation, link.organisation_id)


def _organisation_name(link: InviteLink) -> str:
    """Who hands the link out: the organisation, or the coalition for its general link."""
    organisation = _organisation(link)
    return organisation.name if organisation else current_coalition().name


def _placeholder_values(link: InviteLink, language: str) -> dict[str, str]:
    coalition = current_coalition()
    return texts.values_for(
        link=link_url(link),
        short_link=short_url(link),
        coalition=coalition.name,
        organisation=_organisation_name(link),
        focus=coalition.focus,
        language=language,
    )


def _file_name(what: str, extension: str) -> str:
    # Slug (lowercase letters, digits, dashes) and link id only: safe in a header without quoting rules.
    return f"vertelpunt-{current_coalition().slug}-link-{current_link().id}-{what}.{extension}"


def _download(body: bytes | str, mimetype: str, filename: str) -> Response:
    response = Response(body, content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
