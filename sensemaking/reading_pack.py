"""The reading pack of a workshop as a PDF: a cover page, then each chosen story on its own page, in the
version that is safe to read aloud, with the teller's answers.

Privacy: a checked story (``StoryReview``) is printed in its checked version, never the original; a story
not yet checked gets the automatic proposal of ``sensemaking.redaction`` and a note that nobody checked
it. Stories show their month only, never their id, and only the coalition's own stories are printed.

Rendered with WeasyPrint through ``coalitions.flyers.render_pdf`` (static files only). Needs an app
context (the template and its translations come from the app).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from flask import current_app
from flask_babel import force_locale, format_date
from sqlmodel import Session, col, select

from coalitions import flyers
from coalitions.models import Coalition
from sensemaking import redaction
from sensemaking import stories as service
from sensemaking.models import StoryReview, Workshop, WorkshopStory
from vertelpunt.i18n import LANGUAGES
from vertelpunt.models import Story
from vertelpunt.questionnaire import Definition
from vertelpunt.services import current_questionnaire

TEMPLATE = "sensemaking/workshops/reading_pack.html"


class ReadingPackEmpty(Exception):
    """The workshop has no stories of its coalition chosen: there is no pack to print."""


@dataclass(frozen=True)
class PackStory:
    """One story as the pack prints it: the safe title and text, its month, prompt and other answers."""

    title: str
    paragraphs: list[str]
    month: str
    prompt: str
    answers: list[service.ShownAnswer]
    checked: bool


def safe_version(session: Session, story: Story) -> tuple[str, str, bool]:
    """The title and text safe to read aloud, and whether a person checked them.

    A checked story gives its checked version (whoever asks: a pack is handed round); an unchecked one
    the automatic redaction proposal (names become "[naam]", phone numbers "[telefoonnummer]", ...).
    """
    review = session.get(StoryReview, story.id)
    if review is not None:
        return review.title, review.text, True
    return redaction.propose_redaction(story.title), redaction.propose_redaction(story.text), False


def pack_stories(session: Session, *, workshop: Workshop, coalition: Coalition) -> list[Story]:
    """The stories chosen for the workshop that belong to ``coalition`` (any other is skipped)."""
    if workshop.coalition_id != coalition.id:
        raise ValueError("the workshop is not this coalition's")
    query = (
        select(Story)
        .join(WorkshopStory, col(WorkshopStory.story_id) == col(Story.id))
        .where(col(WorkshopStory.workshop_id) == workshop.id, col(Story.coalition_id) == coalition.id)
    )
    return list(session.exec(query).all())


def _pack_story(session: Session, story: Story, current: Definition, lang: str) -> PackStory:
    title, text, checked = safe_version(session, story)
    shown = service.shown_answers(
        service.story_answers(session, story), service.story_definition(session, story), current, lang
    )
    prompt = next((", ".join(a.labels) for a in shown if a.kind == "prompt"), "")
    # Free-text answers were never part of the check: they get the automatic proposal too.
    answers = [
        replace(a, labels=tuple(redaction.propose_redaction(label) for label in a.labels))
        if a.kind == "text"
        else a
        for a in shown
        if a.kind != "prompt"
    ]
    return PackStory(
        title=title,
        paragraphs=service.paragraphs(text),
        month=service.month_year(story.day, lang),
        prompt=prompt,
        answers=answers,
        checked=checked,
    )


def pack_contents(
    session: Session, *, workshop: Workshop, coalition: Coalition, language: str
) -> list[PackStory]:
    """The pack's stories ready to print, by month and then title (never the order they arrived in).

    Raises ``ReadingPackEmpty`` when no story of the coalition was chosen for the workshop.
    """
    lang = language if language in LANGUAGES else "nl"
    found = pack_stories(session, workshop=workshop, coalition=coalition)
    if not found:
        raise ReadingPackEmpty("no stories chosen for this workshop")
    current = current_questionnaire(session)[1]
    pairs = [(story.day, _pack_story(session, story, current, lang)) for story in found]
    pairs.sort(key=lambda pair: (_month(pair[0]), pair[1].title.casefold(), pair[1].paragraphs))
    return [item for _day, item in pairs]


def _month(day: date) -> tuple[int, int]:
    return day.year, day.month


def reading_pack_html(session: Session, *, workshop: Workshop, coalition: Coalition, language: str) -> str:
    """The reading pack as HTML for WeasyPrint (never served to a browser); see ``reading_pack_pdf``."""
    lang = language if language in LANGUAGES else "nl"
    items = pack_contents(session, workshop=workshop, coalition=coalition, language=lang)
    with force_locale(lang):
        held_on = format_date(workshop.held_on, "long") if workshop.held_on else ""
        return current_app.jinja_env.get_template(TEMPLATE).render(
            lang=lang,
            workshop=workshop,
            coalition_name=coalition.name,
            held_on=held_on,
            stories=items,
        )


def reading_pack_pdf(session: Session, *, workshop: Workshop, coalition: Coalition, language: str) -> bytes:
    """The workshop's reading pack as an A4 PDF: a cover page, then one story per page.

    Each story is in its safe version (``safe_version``) with its prompt and answers, numbered "Verhaal
    3 van 12". Raises ``ReadingPackEmpty`` when no story of ``coalition`` was chosen for ``workshop``,
    and ``ValueError`` for a workshop of another coalition.
    """
    html = reading_pack_html(session, workshop=workshop, coalition=coalition, language=language)
    return flyers.render_pdf(html)
