"""Invitation texts: our defaults per audience and language, a coalition's own versions, and filling them in.

A text is a template with placeholders such as ``{link}``. Filling in never fails: an unknown or broken
placeholder stays visible as typed, so a coalition sees its mistake instead of an error page. Saving a
coalition's version checks the placeholders first (``problems``).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from coalitions.models import Coalition, InvitationText
from vertelpunt.db import saved_id

AUDIENCES = ("youth", "parents", "professionals", "newsletter", "intranet")
LANGUAGES = ("nl", "en")
PLACEHOLDERS = ("link", "short_link", "coalition", "organisation", "focus")
BODY_MAX_CHARS = 5000
SUBJECT_MAX_CHARS = 200
# Said instead of the focus when the coalition has not written one yet.
NO_FOCUS = {
    "nl": "alle ervaringen met hulp en ondersteuning.",
    "en": "any experience with help and support.",
}
_SIMPLE_FIELD = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Text:
    """An invitation text: subject (for e-mail, or a title) and body. ``custom``: the coalition's own."""

    subject: str
    body: str
    custom: bool = False


DEFAULTS: dict[tuple[str, str], Text] = {
    ("youth", "nl"): Text(
        "Vertel jouw verhaal",
        """Hoi!

Heb jij hulp gehad? Bijvoorbeeld van een hulpverlener, op school of thuis? We willen graag weten hoe dat voor jou was. Wat ging goed? Wat kan beter?

Vertel het hier: {link}
Of typ: {short_link}

Het kost maar een paar minuten. Je hoeft je naam niet te zeggen. Niemand kan zien welk verhaal van jou is.

Met jouw verhaal maken we de hulp beter. Dank je wel!

{organisation}""",
    ),
    ("youth", "en"): Text(
        "Tell your story",
        """Hi!

Have you had help? For example from a care worker, at school or at home? We would like to know what it was like for you. What went well? What could be better?

Tell us here: {link}
Or type: {short_link}

It only takes a few minutes. You don't have to give your name. Nobody can see which story is yours.

Your story helps us make help better. Thank you!

{organisation}""",
    ),
    ("parents", "nl"): Text(
        "Hoe was de hulp voor jouw kind of gezin?",
        """Beste ouder of verzorger,

Heeft jouw kind of gezin hulp of ondersteuning gehad? We horen graag hoe dat voor jou was. Wat hielp? Wat liep minder goed?

Vertel je ervaring op {link} (of typ {short_link}). Het kost een paar minuten en kan gewoon op je telefoon.

Je verhaal is anoniem: we vragen niet om je naam, en niemand kan zien welk verhaal van jou is. {coalition} leest de verhalen samen en gebruikt ze om de hulp beter te maken.

Hartelijke groet,
{organisation}""",
    ),
    ("parents", "en"): Text(
        "How was the help for your child or family?",
        """Dear parent or carer,

Has your child or family had help or support? We would like to hear what it was like for you. What helped? What did not go so well?

Share your experience at {link} (or type {short_link}). It takes a few minutes and works fine on your phone.

Your story is anonymous: we don't ask for your name, and nobody can see which story is yours. {coalition} reads the stories together and uses them to make help better.

Kind regards,
{organisation}""",
    ),
    ("professionals", "nl"): Text(
        "Deel een ervaring uit je werk",
        """Hoi collega,

{coalition} verzamelt ervaringen van jongeren, ouders en professionals. We willen vooral horen over: {focus}

Wil jij een ervaring uit je eigen werk delen? Dat kan anoniem op {link} (korte link: {short_link}). Het kost een paar minuten.

Vraag ook de jongeren en ouders met wie je werkt om hun verhaal te vertellen. Geef ze deze link, of de flyer met de QR-code.

Dank je wel!
{organisation}""",
    ),
    ("professionals", "en"): Text(
        "Share an experience from your work",
        """Hi,

{coalition} is collecting experiences from young people, parents and professionals. We especially want to hear about: {focus}

Would you share an experience from your own work? You can do so anonymously at {link} (short link: {short_link}). It takes a few minutes.

Please also ask the young people and parents you work with to tell their story. Give them this link, or the flyer with the QR code.

Thank you!
{organisation}""",
    ),
    ("newsletter", "nl"): Text(
        "Vertel over jouw ervaring met hulp",
        """Heb jij, je kind of je gezin hulp of ondersteuning gehad? {coalition} wil graag weten hoe dat ging: wat hielp, en wat kan beter? We willen vooral horen over: {focus}

Vertellen kan anoniem en kost een paar minuten: {link} (of typ {short_link}).

Een groep mensen uit de regio leest de verhalen samen. Ze zoeken wat vaker voorkomt en wat er beter kan, en vertellen later wat ze ermee doen.""",
    ),
    ("newsletter", "en"): Text(
        "Tell us about your experience with help",
        """Have you, your child or your family had help or support? {coalition} would like to know how it went: what helped, and what could be better? We especially want to hear about: {focus}

Sharing is anonymous and takes a few minutes: {link} (or type {short_link}).

A group of people from the region reads the stories together. They look for what comes up more often and what could be better, and later tell what they do with it.""",
    ),
    ("intranet", "nl"): Text(
        "Help mee: ervaringen verzamelen voor {coalition}",
        """{organisation} doet mee aan het Vertelpunt van {coalition}. Daar vertellen jongeren, ouders en professionals anoniem over hun ervaringen met hulp en ondersteuning. We willen vooral horen over: {focus}

Wat kun jij doen?
- Vertel zelf een ervaring uit je werk: {link}
- Geef de link of de flyer met de QR-code aan jongeren en ouders met wie je werkt.
- Korte link om over te typen: {short_link}

Elk verhaal helpt om te zien wat goed gaat en wat beter kan.""",
    ),
    ("intranet", "en"): Text(
        "Help us collect experiences for {coalition}",
        """{organisation} takes part in the Vertelpunt of {coalition}. There, young people, parents and professionals tell anonymously about their experiences with help and support. We especially want to hear about: {focus}

What can you do?
- Share an experience from your own work: {link}
- Give the link, or the flyer with the QR code, to young people and parents you work with.
- Short link to type in: {short_link}

Every story helps us see what goes well and what could be better.""",
    ),
}


class _KeepUnknown(dict[str, str]):
    """The mapping for ``str.format_map``: an unknown placeholder is written back as it was typed."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _is_plain(template: str) -> bool:
    """Whether every ``{...}`` in the template is a bare name (no attribute, index, conversion or format)."""
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return False
    return all(
        name is None or (name.isidentifier() and not spec and conversion is None)
        for _literal, name, spec, conversion in fields
    )


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill in the placeholders; unknown or malformed ones stay visible as typed. Never raises."""
    if _is_plain(template):
        return template.format_map(_KeepUnknown(values))
    # A stray brace, ``{link.attr}`` or ``{link:>99999}``: replace only well-formed known names, keep the rest.
    return _SIMPLE_FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def problems(template: str) -> list[str | None]:
    """The placeholders a coalition may not use, as typed (``"{naam}"``); None for a stray brace.

    Empty when the template is fine. The caller words the message in the reader's language.
    """
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        unknown = [m.group(0) for m in _SIMPLE_FIELD.finditer(template) if m.group(1) not in PLACEHOLDERS]
        return [None, *dict.fromkeys(unknown)]
    found: list[str | None] = []
    for _literal, name, spec, conversion in fields:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            typed = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            found.append(typed)
    return list(dict.fromkeys(found))


def values_for(
    *, link: str, short_link: str, coalition: str, organisation: str, focus: str, language: str
) -> dict[str, str]:
    """The placeholder values for one link; an empty focus gets a general phrase."""
    return {
        "link": link,
        "short_link": short_link,
        "coalition": coalition,
        "organisation": organisation,
        "focus": focus.strip() or NO_FOCUS.get(language, NO_FOCUS["nl"]),
    }


def whatsapp_url(text: str) -> str:
    """A link that opens WhatsApp with ``text`` ready to send (the user follows it; we request nothing)."""
    return "https://wa.me/?text=" + quote(text, safe="")


def mailto_url(subject: str, body: str) -> str:
    """A ``mailto:`` link that opens a new e-mail with this subject and body (line breaks as CRLF)."""
    crlf = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:?subject={quote(subject, safe='')}&body={quote(crlf, safe='')}"


def overrides(session: Session, coalition: Coalition) -> dict[tuple[str, str], InvitationText]:
    """The coalition's own texts by (audience, language)."""
    rows = session.exec(select(InvitationText).where(InvitationText.coalition_id == coalition.id))
    return {(row.audience, row.language): row for row in rows}


def text_for(session: Session, coalition: Coalition, audience: str, language: str) -> Text:
    """The coalition's version of a text, else our default."""
    own = overrides(session, coalition).get((audience, language))
    if own is not None:
        return Text(own.subject, own.body, custom=True)
    return DEFAULTS[(audience, language)]


def all_texts(session: Session, coalition: Coalition, language: str) -> dict[str, Text]:
    """Every audience's text in one language, the coalition's own where it has one."""
    own = overrides(session, coalition)
    result = {}
    for audience in AUDIENCES:
        row = own.get((audience, language))
        result[audience] = Text(row.subject, row.body, custom=True) if row else DEFAULTS[(audience, language)]
    return result


def _check_key(audience: str, language: str) -> None:
    if (audience, language) not in DEFAULTS:
        raise ValueError(f"no invitation text for {audience!r} in {language!r}")


def save_text(
    session: Session, coalition: Coalition, *, audience: str, language: str, subject: str, body: str
) -> InvitationText:
    """Store the coalition's own version of a text (the caller has checked it and commits)."""
    _check_key(audience, language)

    def existing() -> InvitationText | None:
        return session.exec(
            select(InvitationText).where(
                InvitationText.coalition_id == coalition.id,
                InvitationText.audience == audience,
                InvitationText.language == language,
            )
        ).first()

    row = existing()
    if row is None:
        try:
            with session.begin_nested():
                row = InvitationText(
                    coalition_id=saved_id(coalition),
                    audience=audience,
                    language=language,
                    subject=subject,
                    body=body,
                )
                session.add(row)
            return row
        except IntegrityError:
            row = existing()  # a colleague saved the first version a moment ago: this save wins
            if row is None:
                raise
    row.subject, row.body = subject, body
    session.add(row)
    session.flush()
    return row


def reset_text(session: Session, coalition: Coalition, *, audience: str, language: str) -> bool:
    """Drop the coalition's own version, so the default applies again; False when there was none."""
    _check_key(audience, language)
    row = overrides(session, coalition).get((audience, language))
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
