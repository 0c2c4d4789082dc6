"""The workshop reading pack PDF: a cover and one page per story, each story in its safe version (checked,
or automatically redacted with a note), month and year only, no story ids, only the coalition's own."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import date

import pypdfium2 as pdfium
import pytest
from flask import Flask
from sqlmodel import Session

from coalitions.models import Coalition
from sensemaking import reading_pack
from sensemaking.models import StoryReview, Workshop, WorkshopStory
from sensemaking.reading_pack import ReadingPackEmpty, reading_pack_pdf
from tests.factories import make_coalition
from tests.sensemaking._stories import make_story
from vertelpunt.models import Story

PHONE_STORY = "Bel mijn moeder gerust op 06-12345678 als er iets is. Zij weet er alles van."
_n = itertools.count(1)


@pytest.fixture
def ctx(app: Flask) -> Iterator[None]:
    """An app context: the pack's template and translations come from the app."""
    with app.app_context():
        yield


def make_workshop(
    session: Session, coalition: Coalition, *, title: str = "Duidingssessie najaar"
) -> Workshop:
    n = next(_n)
    workshop = Workshop(
        coalition_id=coalition.id or 0,
        cycle="startup",
        title=title,
        held_on=date(2026, 12, 8),
        token=f"pack-token-{n}",
        code=f"PACK{n}",
    )
    session.add(workshop)
    session.commit()
    return workshop


def choose(session: Session, workshop: Workshop, *stories: Story) -> None:
    session.add_all(WorkshopStory(workshop_id=workshop.id or 0, story_id=story.id) for story in stories)
    session.commit()


def review(session: Session, story: Story, *, title: str, text: str) -> None:
    session.add(StoryReview(story_id=story.id, title=title, text=text, reviewed_on=date(2026, 11, 20)))
    session.commit()


def pdf_pages(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def test_pack_has_a_cover_and_a_page_per_story_in_its_safe_version(
    ctx: None, session: Session, coalition: Coalition
) -> None:
    checked = make_story(
        session,
        coalition,
        title="Mijn begeleider Annelies",
        text="Annelies de Vries kwam elke week langs en luisterde echt.",
        day=date(2026, 10, 14),
        answers={
            "prompt": "helped",
            "feeling": "good",
            "what_mattered": [0.5, 0.3, 0.2],
            "who_decided": 0.8,
            "perspective": "youth",
        },
    )
    review(
        session,
        checked,
        title="Mijn begeleider",
        text="[naam] kwam elke week langs en luisterde echt.",
    )
    unchecked = make_story(session, coalition, title="Bellen", text=PHONE_STORY, day=date(2026, 11, 3))
    workshop = make_workshop(session, coalition)
    choose(session, workshop, checked, unchecked)

    pdf = reading_pack_pdf(session, workshop=workshop, coalition=coalition, language="nl")

    assert pdf.startswith(b"%PDF")
    pages = pdf_pages(pdf)
    assert len(pages) == 1 + 2
    cover, first, second = pages
    assert "Duidingssessie najaar" in cover and "Regio Oost" in cover and "8 december 2026" in cover
    assert "hardop" in cover and "niet mee naar huis" in cover and "anoniem" in cover
    # Ordered by month: the October story first. Numbered, never by id; month and year only.
    assert "Verhaal 1 van 2" in first and "Verhaal 2 van 2" in second
    assert "oktober 2026" in first and "14 oktober" not in first and "november 2026" in second
    assert checked.id not in pdf.decode("latin-1") and unchecked.id not in " ".join(pages)
    # The checked story: its checked version, not the name in the original; no "unchecked" note.
    assert "[naam] kwam elke week langs en luisterde echt." in first
    assert "Annelies" not in first and "de Vries" not in first
    assert "Mijn begeleider" in first and "nog niet gecontroleerd" not in first
    # Its prompt and its answers, formatted as on the story page.
    assert "Wanneer voelde je je echt geholpen?" in first
    assert "Hoe voelde je je toen?" in first and "Goed" in first
    assert "Dat er naar mij geluisterd werd 50%" in first and "30%" in first and "20%" in first
    assert "Anderen beslisten voor mij" in first and "Ik besliste zelf mee" in first
    # The unchecked story: the automatic proposal, with the note.
    assert "[telefoonnummer]" in second and "06-12345678" not in second and "12345678" not in " ".join(pages)
    assert "Automatisch geanonimiseerd, nog niet gecontroleerd" in second


def test_another_coalitions_story_is_skipped(ctx: None, session: Session, coalition: Coalition) -> None:
    other = make_coalition(session, slug="regio-west", name="Regio West")
    own = make_story(session, coalition, title="Eigen verhaal", text="Het ging goed op school.")
    foreign = make_story(session, other, title="Verhaal van elders", text="Dit hoort hier niet.")
    workshop = make_workshop(session, coalition)
    choose(session, workshop, own, foreign)

    pages = pdf_pages(reading_pack_pdf(session, workshop=workshop, coalition=coalition, language="nl"))

    assert len(pages) == 2
    text = " ".join(pages)
    assert "Eigen verhaal" in text and "Verhaal 1 van 1" in text
    assert "Verhaal van elders" not in text and "Dit hoort hier niet" not in text


def test_free_text_answers_are_redacted_too(ctx: None, session: Session, coalition: Coalition) -> None:
    story = make_story(session, coalition, answers={"prompt": "helped", "organisation": "Bel 06-12345678"})
    review(session, story, title="Gecontroleerd", text="Het ging goed.")
    workshop = make_workshop(session, coalition)
    choose(session, workshop, story)

    text = " ".join(
        pdf_pages(reading_pack_pdf(session, workshop=workshop, coalition=coalition, language="nl"))
    )

    assert "Hoe heet die organisatie?" in text and "[telefoonnummer]" in text and "12345678" not in text


def test_pack_in_english(ctx: None, session: Session, coalition: Coalition) -> None:
    story = make_story(session, coalition, answers={"prompt": "helped", "feeling": "good"})
    workshop = make_workshop(session, coalition)
    choose(session, workshop, story)

    text = " ".join(
        pdf_pages(reading_pack_pdf(session, workshop=workshop, coalition=coalition, language="en"))
    )

    assert "When did you really feel helped?" in text and "November 2026" in text


def test_empty_pack_raises(ctx: None, session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    with pytest.raises(ReadingPackEmpty):
        reading_pack_pdf(session, workshop=workshop, coalition=coalition, language="nl")
    # Only other coalitions' stories chosen: still empty.
    other = make_coalition(session, slug="regio-noord", name="Regio Noord")
    choose(session, workshop, make_story(session, other))
    with pytest.raises(ReadingPackEmpty):
        reading_pack_pdf(session, workshop=workshop, coalition=coalition, language="nl")


def test_workshop_of_another_coalition_is_refused(ctx: None, session: Session, coalition: Coalition) -> None:
    other = make_coalition(session, slug="regio-zuid", name="Regio Zuid")
    workshop = make_workshop(session, other)
    choose(session, workshop, make_story(session, other))
    with pytest.raises(ValueError, match="not this coalition"):
        reading_pack.pack_stories(session, workshop=workshop, coalition=coalition)
