"""Feedback to tellers: what a coalition learned (lessons) and what it does (published actions).

Staff write lessons, order them and publish them; they choose which actions tellers may see, with a
plain-language text for each. The public page reads only what ``public_feedback`` returns: published
lessons and actions, reduced to the fields a teller may see (never an action's owner). Services flush;
the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlmodel import Session, col, func, select

from coalitions.models import Coalition, Organisation
from sensemaking.errors import FieldError
from sensemaking.models import Action, Lesson

TITLE_MAX = 200
TEXT_MAX = 2000
PUBLIC_TEXT_MAX = 600
DIRECTIONS = ("up", "down")
# Actions are listed by how far along they are, then by title: never in the order they were made.
STATUS_ORDER = ("running", "planned", "done", "stopped")


class FeedbackError(FieldError):
    """Input a lesson or action publication cannot take; ``field`` names the form field, the message is Dutch."""


class UnknownAction(LookupError):
    """No action with this id in this coalition."""


@dataclass(frozen=True)
class PublicLesson:
    """A published lesson as tellers see it."""

    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class PublicAction:
    """A published action as tellers see it: its public text, never its owner."""

    text: str
    status: str  # planned | running | done | stopped
    term: str  # short | long
    organisation: str


@dataclass(frozen=True)
class FeedbackPage:
    """Everything the public feedback page shows: only published lessons and actions."""

    name: str
    focus: str
    lessons: tuple[PublicLesson, ...]
    actions: tuple[PublicAction, ...]

    @property
    def is_empty(self) -> bool:
        """Whether nothing has been published yet."""
        return not self.lessons and not self.actions


# Lessons -----------------------------------------------------------------------------------------


def lessons_of(session: Session, *, coalition: Coalition, published_only: bool = False) -> list[Lesson]:
    """The coalition's lessons in their chosen order."""
    query = select(Lesson).where(col(Lesson.coalition_id) == coalition.id)
    if published_only:
        query = query.where(col(Lesson.published).is_(True))
    return list(session.exec(query.order_by(col(Lesson.position), col(Lesson.title), col(Lesson.id))))


def get_lesson(session: Session, *, coalition: Coalition, lesson_id: int) -> Lesson | None:
    """The lesson with this id if it belongs to the coalition, else ``None``."""
    lesson = session.get(Lesson, lesson_id)
    return lesson if lesson is not None and lesson.coalition_id == coalition.id else None


def _clean_lesson(title: str, text: str) -> tuple[str, str]:
    title, text = (title or "").strip(), (text or "").strip().replace("\r\n", "\n")
    if not title:
        raise FeedbackError("title", _("Geef de les een titel."))
    if len(title) > TITLE_MAX:
        raise FeedbackError("title", _("De titel is te lang: hooguit %(max)s tekens.", max=TITLE_MAX))
    if len(text) > TEXT_MAX:
        raise FeedbackError(
            "text",
            _("De tekst is te lang: hooguit %(max)s tekens (nu %(now)s).", max=TEXT_MAX, now=len(text)),
        )
    return title, text


def add_lesson(
    session: Session, *, coalition: Coalition, title: str, text: str = "", published: bool = False
) -> Lesson:
    """Add a lesson at the end of the coalition's list."""
    title, text = _clean_lesson(title, text)
    last = session.exec(
        select(func.max(Lesson.position)).where(col(Lesson.coalition_id) == coalition.id)
    ).one()
    lesson = Lesson(
        coalition_id=coalition.id or 0,
        title=title,
        text=text,
        published=published,
        position=(last if last is not None else -1) + 1,
    )
    session.add(lesson)
    session.flush()
    return lesson


def update_lesson(session: Session, *, lesson: Lesson, title: str, text: str, published: bool) -> Lesson:
    """Change a lesson's title, text and whether tellers see it."""
    lesson.title, lesson.text = _clean_lesson(title, text)
    lesson.published = published
    session.add(lesson)
    session.flush()
    return lesson


def set_lesson_publication(session: Session, *, lesson: Lesson, published: bool) -> Lesson:
    """Publish a lesson on the public page, or take it off."""
    lesson.published = published
    session.add(lesson)
    session.flush()
    return lesson


def _renumber(session: Session, lessons: list[Lesson]) -> None:
    for position, lesson in enumerate(lessons):
        if lesson.position != position:
            lesson.position = position
            session.add(lesson)


def delete_lesson(session: Session, *, lesson: Lesson) -> None:
    """Delete a lesson; the others close up."""
    coalition_id = lesson.coalition_id
    session.delete(lesson)
    session.flush()
    rest = session.exec(
        select(Lesson).where(col(Lesson.coalition_id) == coalition_id).order_by(col(Lesson.position))
    ).all()
    _renumber(session, list(rest))
    session.flush()


def move_lesson(session: Session, *, coalition: Coalition, lesson: Lesson, direction: str) -> bool:
    """Swap a lesson with the one above (``up``) or below (``down``); ``False`` when it is already at that end."""
    if direction not in DIRECTIONS:
        raise FeedbackError("direction", _("Kies omhoog of omlaag."))
    lessons = lessons_of(session, coalition=coalition)
    index = next(i for i, item in enumerate(lessons) if item.id == lesson.id)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(lessons):
        _renumber(session, lessons)
        session.flush()
        return False
    lessons[index], lessons[other] = lessons[other], lessons[index]
    _renumber(session, lessons)
    session.flush()
    return True


# Actions -----------------------------------------------------------------------------------------


def _status_rank(action: Action) -> int:
    return STATUS_ORDER.index(action.status) if action.status in STATUS_ORDER else len(STATUS_ORDER)


def actions_of(session: Session, *, coalition: Coalition, published_only: bool = False) -> list[Action]:
    """The coalition's actions, running first, then planned, done and stopped; by title within each."""
    query = select(Action).where(col(Action.coalition_id) == coalition.id)
    if published_only:
        query = query.where(col(Action.published).is_(True))
    actions = list(session.exec(query))
    return sorted(actions, key=lambda a: (_status_rank(a), a.title.casefold(), a.id or 0))


def get_action(session: Session, *, coalition: Coalition, action_id: int) -> Action | None:
    """The action with this id if it belongs to the coalition, else ``None``."""
    action = session.get(Action, action_id)
    return action if action is not None and action.coalition_id == coalition.id else None


def set_action_publication(
    session: Session, *, coalition: Coalition, action_id: int, published: bool, public_text: str
) -> Action:
    """Show an action to tellers (or not), with a plain-language text (the title is shown when it is empty)."""
    action = get_action(session, coalition=coalition, action_id=action_id)
    if action is None:
        raise UnknownAction(action_id)
    public_text = (public_text or "").strip().replace("\r\n", "\n")
    if len(public_text) > PUBLIC_TEXT_MAX:
        raise FeedbackError(
            "public_text",
            _(
                "De tekst voor vertellers is te lang: hooguit %(max)s tekens (nu %(now)s).",
                max=PUBLIC_TEXT_MAX,
                now=len(public_text),
            ),
        )
    action.published = published
    action.public_text = public_text
    session.add(action)
    session.flush()
    return action


# The public page ---------------------------------------------------------------------------------


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip())


def public_feedback(session: Session, *, coalition: Coalition) -> FeedbackPage:
    """What tellers may read about the coalition: its name and focus, published lessons and actions."""
    lessons = tuple(
        PublicLesson(title=lesson.title, paragraphs=_paragraphs(lesson.text))
        for lesson in lessons_of(session, coalition=coalition, published_only=True)
    )
    published = actions_of(session, coalition=coalition, published_only=True)
    ids = {a.organisation_id for a in published if a.organisation_id is not None}
    names = (
        dict(
            session.exec(
                select(Organisation.id, Organisation.name).where(
                    col(Organisation.id).in_(ids), col(Organisation.coalition_id) == coalition.id
                )
            ).all()
        )
        if ids
        else {}
    )
    actions = tuple(
        PublicAction(
            text=action.public_text.strip() or action.title,
            status=action.status,
            term=action.term,
            organisation=names.get(action.organisation_id, "") if action.organisation_id else "",
        )
        for action in published
    )
    return FeedbackPage(name=coalition.name, focus=coalition.focus, lessons=lessons, actions=actions)


def has_published(session: Session, coalition_id: int) -> bool:
    """Whether the coalition has published any lesson or action (so its feedback page has something)."""
    for model in (Lesson, Action):
        found = session.exec(
            select(model.id)
            .where(col(model.coalition_id) == coalition_id, col(model.published).is_(True))
            .limit(1)
        ).first()
        if found is not None:
            return True
    return False
