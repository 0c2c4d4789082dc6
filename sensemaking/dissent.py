"""Ritual dissent (step 5 of a workshop): each proposal goes through rounds of critique, then suggestions,
and the group writes down its improved proposal.

Proposals come from the action hexagons on the workshop's board, or are added by hand. The rounds of a
proposal are numbered 1, 2, 3 … in the order they were held; that order is the point of the method, so it
is kept. Lists of proposals are ordered by title, never by when they were added.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlmodel import Session, col, delete, func, select

from sensemaking.errors import FieldError
from sensemaking.models import DissentRound, Hexagon, Proposal, Workshop
from vertelpunt.db import saved_id

TITLE_MAX = 200
TEXT_MAX = 10_000
ROUND_TEXT_MAX = 5_000
ACTION = "action"


class DissentError(FieldError):
    """A proposal or round cannot be saved as asked; ``field`` names the input, the message says why in Dutch."""


@dataclass(frozen=True)
class ProposalRow:
    """A proposal with how many rounds it had, for the list."""

    proposal: Proposal
    rounds: int


def proposals_of(session: Session, workshop: Workshop) -> list[Proposal]:
    """The workshop's proposals, by title."""
    proposals = session.exec(select(Proposal).where(Proposal.workshop_id == workshop.id)).all()
    return sorted(proposals, key=lambda p: (p.title.casefold(), p.id or 0))


def proposal_rows(session: Session, workshop: Workshop) -> list[ProposalRow]:
    """The workshop's proposals (by title), each with its number of rounds."""
    counts = dict(
        session.exec(
            select(DissentRound.proposal_id, func.count())
            .join(Proposal, col(Proposal.id) == col(DissentRound.proposal_id))
            .where(Proposal.workshop_id == workshop.id)
            .group_by(col(DissentRound.proposal_id))
        ).all()
    )
    return [ProposalRow(p, int(counts.get(saved_id(p), 0))) for p in proposals_of(session, workshop)]


def get_proposal(session: Session, workshop: Workshop, proposal_id: int) -> Proposal | None:
    """The workshop's proposal with this id, or None (a proposal of another workshop is None too)."""
    proposal = session.get(Proposal, proposal_id)
    return proposal if proposal is not None and proposal.workshop_id == workshop.id else None


def _clean(value: str, *, field: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise DissentError(field, _l("Gebruik hooguit %(n)s tekens.", n=limit))
    return value


def board_actions(session: Session, workshop: Workshop, *, without_proposal: bool = False) -> list[Hexagon]:
    """The action hexagons on the workshop's board (not deleted), in grid order; optionally only those
    that have no proposal yet."""
    hexagons = session.exec(
        select(Hexagon)
        .where(Hexagon.workshop_id == workshop.id, Hexagon.kind == ACTION, col(Hexagon.deleted).is_(False))
        .order_by(col(Hexagon.r), col(Hexagon.q), col(Hexagon.id))
    ).all()
    if not without_proposal:
        return list(hexagons)
    taken = _hexagons_with_proposal(session, workshop)
    return [h for h in hexagons if h.id not in taken]


def _hexagons_with_proposal(session: Session, workshop: Workshop) -> set[str]:
    rows = session.exec(
        select(Proposal.hexagon_id).where(
            Proposal.workshop_id == workshop.id, col(Proposal.hexagon_id).is_not(None)
        )
    ).all()
    return {row for row in rows if row is not None}


def title_of_hexagon(hexagon: Hexagon) -> str:
    """A proposal title from a hexagon: the first non-empty line of its text, cut to fit."""
    first = next((line.strip() for line in hexagon.text.splitlines() if line.strip()), "")
    return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1].rstrip() + "…"


def _one_at_a_time(session: Session, workshop: Workshop) -> None:
    """Lock the workshop's row until the caller commits, so two clicks on "from the board" (or two people)
    cannot both see an action without a proposal and both make one. PostgreSQL takes the row lock;
    SQLite's write transactions already run one at a time (BEGIN IMMEDIATE)."""
    session.exec(select(Workshop.id).where(Workshop.id == workshop.id).with_for_update()).one()


def add_proposal(
    session: Session, *, workshop: Workshop, title: str, text: str = "", hexagon_id: str | None = None
) -> Proposal:
    """Add a proposal to the workshop, optionally tied to an action hexagon on its board; the caller commits."""
    title = _clean(title, field="title", limit=TITLE_MAX)
    if not title:
        raise DissentError("title", _l("Geef het voorstel een titel."))
    text = _clean(text, field="text", limit=TEXT_MAX)
    if hexagon_id:
        _one_at_a_time(session, workshop)
        hexagon = session.get(Hexagon, hexagon_id)
        if hexagon is None or hexagon.workshop_id != workshop.id or hexagon.kind != ACTION or hexagon.deleted:
            raise DissentError("hexagon_id", _l("Kies een actie van het bord van deze sessie."))
        if hexagon_id in _hexagons_with_proposal(session, workshop):
            raise DissentError("hexagon_id", _l("Bij deze actie van het bord hoort al een voorstel."))
    proposal = Proposal(
        workshop_id=saved_id(workshop),
        hexagon_id=hexagon_id or None,
        title=title,
        text=text,
    )
    session.add(proposal)
    session.flush()
    return proposal


def proposals_from_board(session: Session, *, workshop: Workshop) -> list[Proposal]:
    """Make a proposal of every action hexagon on the board that has none yet; returns the new ones.

    The title is the first line of the hexagon's text, the text the whole of it. Empty hexagons are
    skipped: there is nothing to present. Running it again adds nothing new; the caller commits.
    """
    _one_at_a_time(session, workshop)
    made = []
    for hexagon in board_actions(session, workshop, without_proposal=True):
        title = title_of_hexagon(hexagon)
        if not title:
            continue
        proposal = Proposal(
            workshop_id=saved_id(workshop),
            hexagon_id=hexagon.id,
            title=title,
            text=hexagon.text.strip()[:TEXT_MAX],
        )
        session.add(proposal)
        made.append(proposal)
    session.flush()
    return made


def rounds_of(session: Session, proposal: Proposal) -> list[DissentRound]:
    """The proposal's rounds, in the order they were held (by number)."""
    return list(
        session.exec(
            select(DissentRound)
            .where(DissentRound.proposal_id == proposal.id)
            .order_by(col(DissentRound.number))
        ).all()
    )


def get_round(session: Session, proposal: Proposal, number: int) -> DissentRound | None:
    """The proposal's round with this number, or None."""
    return session.exec(
        select(DissentRound).where(DissentRound.proposal_id == proposal.id, DissentRound.number == number)
    ).first()


def _round_texts(critique: str, suggestions: str) -> tuple[str, str]:
    critique = _clean(critique, field="critique", limit=ROUND_TEXT_MAX)
    suggestions = _clean(suggestions, field="suggestions", limit=ROUND_TEXT_MAX)
    if not critique and not suggestions:
        raise DissentError("critique", _l("Vul de kritiek of de suggesties in (of allebei)."))
    return critique, suggestions


def record_round(session: Session, *, proposal: Proposal, critique: str, suggestions: str) -> DissentRound:
    """Record the next round of a proposal (numbered 1, 2, 3 …); the caller commits.

    A double click sends the same round twice: when the last round already holds exactly these texts,
    that round is returned and nothing new is stored.
    """
    critique, suggestions = _round_texts(critique, suggestions)
    # Lock the proposal (PostgreSQL; SQLite write transactions are serial already) so that two people
    # recording at once get numbers one after the other instead of the same number.
    session.exec(select(Proposal.id).where(Proposal.id == proposal.id).with_for_update())
    rounds = rounds_of(session, proposal)
    if rounds and (rounds[-1].critique, rounds[-1].suggestions) == (critique, suggestions):
        return rounds[-1]
    row = DissentRound(
        proposal_id=saved_id(proposal),
        number=(rounds[-1].number + 1) if rounds else 1,
        critique=critique,
        suggestions=suggestions,
    )
    session.add(row)
    session.flush()
    return row


def update_round(
    session: Session, *, dissent_round: DissentRound, critique: str, suggestions: str
) -> DissentRound:
    """Correct what was written down in a round (its number stays); the caller commits."""
    dissent_round.critique, dissent_round.suggestions = _round_texts(critique, suggestions)
    session.add(dissent_round)
    return dissent_round


def save_improved(session: Session, *, proposal: Proposal, improved: str) -> Proposal:
    """Save the improved proposal (empty clears it); the caller commits."""
    proposal.improved = _clean(improved, field="improved", limit=TEXT_MAX)
    session.add(proposal)
    return proposal


def delete_proposal(session: Session, *, proposal: Proposal) -> None:
    """Delete a proposal and its rounds (the board's action hexagon stays); the caller commits."""
    session.exec(delete(DissentRound).where(col(DissentRound.proposal_id) == proposal.id))
    session.delete(proposal)
    session.flush()
