"""Invitation texts per audience and language, editable per coalition."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from coalitions import texts
from coalitions.views import coalition_blueprint, current_coalition, manager_required
from vertelpunt.db import get_session

bp = coalition_blueprint("coalitions_texts", __name__)
AUDIENCE_LABELS = {
    "youth": _l("Jongeren"),
    "parents": _l("Ouders en verzorgers"),
    "professionals": _l("Professionals"),
    "newsletter": _l("Nieuwsbrief"),
    "intranet": _l("Intranet"),
}
LANGUAGE_LABELS = {"nl": _l("Nederlands"), "en": _l("Engels")}
PLACEHOLDER_HELP = {
    "link": _l("de link van de organisatie"),
    "short_link": _l("de korte link om over te typen"),
    "coalition": _l("de naam van de coalitie"),
    "organisation": _l("de naam van de organisatie (bij de algemene link: de coalitie)"),
    "focus": _l("de focus van de coalitie"),
}


def placeholder_messages(template: str) -> list[str]:
    """The placeholder problems of a template, worded for the form."""
    known = ", ".join("{" + name + "}" for name in texts.PLACEHOLDERS)
    return [
        _("Er staat een losse { of } in de tekst. Gebruik accolades alleen rond een invulveld, zoals {link}.")
        if typed is None
        else _(
            "Het invulveld %(typed)s bestaat niet. Je kunt gebruiken: %(known)s.", typed=typed, known=known
        )
        for typed in texts.problems(template)
    ]


def _known_placeholders(_form: FlaskForm, field: Any) -> None:
    messages = placeholder_messages(field.data or "")
    if messages:
        raise ValidationError(" ".join(messages))


class InvitationTextForm(FlaskForm):
    """A coalition's own wording of one invitation text."""

    subject = StringField(
        _l("Onderwerp of kop"),
        description=_l("Voor een e-mail, of als kop boven een bericht. Mag leeg blijven."),
        validators=[
            Length(
                max=texts.SUBJECT_MAX_CHARS, message=_l("Maak het onderwerp korter (hooguit %(max)d tekens).")
            ),
            _known_placeholders,
        ],
    )
    body = TextAreaField(
        _l("Tekst"),
        validators=[
            DataRequired(
                _l("Vul een tekst in. Wil je de standaardtekst terug? Kies dan ‘Standaardtekst terugzetten’.")
            ),
            Length(max=texts.BODY_MAX_CHARS, message=_l("Maak de tekst korter (hooguit %(max)d tekens).")),
            _known_placeholders,
        ],
    )


@bp.before_request
def known_text() -> None:
    """An audience or language we have no text for is a 404, before any role check."""
    args = request.view_args or {}
    if "audience" in args and (args["audience"], args.get("language")) not in texts.DEFAULTS:
        abort(404)


@bp.get("/<slug>/teksten", endpoint="texts")  # the coalition menu's endpoint
def texts_page(slug: str) -> ResponseReturnValue:
    """Every invitation text in both languages, with the coalition's own versions marked."""
    session = get_session()
    coalition = current_coalition()
    by_language = {language: texts.all_texts(session, coalition, language) for language in texts.LANGUAGES}
    return render_template(
        "coalitions/texts.html",
        coalition=coalition,
        by_language=by_language,
        audience_labels=AUDIENCE_LABELS,
        language_labels=LANGUAGE_LABELS,
        placeholder_help=PLACEHOLDER_HELP,
    )


@bp.get("/<slug>/teksten/<audience>/<language>")
@manager_required
def edit(slug: str, audience: str, language: str) -> ResponseReturnValue:
    """The form to change one text, filled with the current version."""
    current = texts.text_for(get_session(), current_coalition(), audience, language)
    form = InvitationTextForm(formdata=None, data={"subject": current.subject, "body": current.body})
    return _edit_page(form, audience, language, current)


@bp.post("/<slug>/teksten/<audience>/<language>")
@manager_required
def save(slug: str, audience: str, language: str) -> ResponseReturnValue:
    """Save the coalition's own version; on a problem, show the form again with everything typed."""
    session = get_session()
    coalition = current_coalition()
    form = InvitationTextForm()
    if form.validate_on_submit():
        texts.save_text(
            session,
            coalition,
            audience=audience,
            language=language,
            subject=(form.subject.data or "").strip(),
            body=(form.body.data or "").strip(),
        )
        session.commit()
        flash(_("De tekst voor %(audience)s is opgeslagen.", audience=AUDIENCE_LABELS[audience]))
        return redirect(_overview(audience, language))
    current = texts.text_for(session, coalition, audience, language)
    return _edit_page(form, audience, language, current), 422


@bp.post("/<slug>/teksten/<audience>/<language>/standaard")
@manager_required
def reset(slug: str, audience: str, language: str) -> ResponseReturnValue:
    """Go back to our default text."""
    session = get_session()
    texts.reset_text(session, current_coalition(), audience=audience, language=language)
    session.commit()
    flash(_("De standaardtekst voor %(audience)s staat er weer.", audience=AUDIENCE_LABELS[audience]))
    return redirect(_overview(audience, language))


def _overview(audience: str, language: str) -> str:
    args = {"lang": request.args["lang"]} if request.args.get("lang") in texts.LANGUAGES else {}
    url = url_for("coalitions_texts.texts", slug=current_coalition().slug, **args)
    return f"{url}#text-{audience}-{language}"


def _edit_page(form: InvitationTextForm, audience: str, language: str, current: texts.Text) -> str:
    return render_template(
        "coalitions/text_edit.html",
        coalition=current_coalition(),
        form=form,
        audience=audience,
        language=language,
        audience_label=AUDIENCE_LABELS[audience],
        language_label=LANGUAGE_LABELS[language],
        custom=current.custom,
        default=texts.DEFAULTS[(audience, language)],
        placeholder_help=PLACEHOLDER_HELP,
    )
