"""Coalition use cases: coalitions, organisations, and the invite links tellers arrive through."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, TypedDict

from sqlmodel import Session, col, select

from coalitions import trajectory
from coalitions.models import Coalition, CycleChange, InviteLink, Organisation, TrajectoryStep, User
from vertelpunt.db import saved_id
from vertelpunt.questionnaire import Definition, check_prefill
from vertelpunt.timeutil import local_today, utcnow

TOKEN_BYTES = 16  # 128 bits: not guessable, still short enough for a QR code


class LinkError(Exception):
    """Base for invite links that cannot take a story now."""


class LinkUnknown(LinkError):
    """No link has this token."""


class LinkClosed(LinkError):
    """The link was closed, or the coalition's Vertelpunt has closed."""

    def __init__(self, link: InviteLink, coalition: Coalition) -> None:
        super().__init__(link.token)
        self.link, self.coalition = link, coalition


class LinkNotOpenYet(LinkClosed):
    """The coalition's Vertelpunt opens later."""


class CoalitionError(ValueError):
    """A coalition, organisation or link cannot be created as asked; the message says why."""


def create_coalition(
    session: Session,
    *,
    slug: str,
    name: str,
    region: str = "",
    focus: str = "",
    opens_on: date | None = None,
    closes_on: date | None = None,
    target_groups: Sequence[str] = (),
    success_criteria: str = "",
    current_cycle: str = "startup",
) -> Coalition:
    """Create a coalition with a unique slug, its trajectory plan prefilled with the usual ten steps."""
    if not slug or not slug.replace("-", "").isalnum() or slug != slug.lower():
        raise CoalitionError(f"slug {slug!r}: use lowercase letters, digits and dashes")
    if session.exec(select(Coalition).where(Coalition.slug == slug)).first():
        raise CoalitionError(f"slug {slug!r}: a coalition with this slug exists already")
    if opens_on and closes_on and closes_on < opens_on:
        raise CoalitionError("closes_on: the Vertelpunt cannot close before it opens")
    if current_cycle not in trajectory.CYCLES:
        raise CoalitionError(f"current_cycle: one of {', '.join(trajectory.CYCLES)}")
    coalition = Coalition(
        slug=slug,
        name=name,
        region=region,
        focus=focus,
        opens_on=opens_on,
        closes_on=closes_on,
        target_groups=list(target_groups),
        success_criteria=success_criteria,
        current_cycle=current_cycle,
    )
    session.add(coalition)
    session.flush()
    start = opens_on or local_today()
    session.add_all(
        TrajectoryStep(
            coalition_id=saved_id(coalition),
            cycle=cycle,
            position=position,
            planned_on=day,
            what=what,
            who=who,
            result=result,
        )
        for cycle, position, day, what, who, result in trajectory.usual_plan(start)
    )
    return coalition


def update_coalition(
    session: Session,
    coalition: Coalition,
    *,
    user: User | None = None,
    today: date | None = None,
    **changes: object,
) -> Coalition:
    """Change a coalition's editable fields (the slug stays: links and commands use it).

    A change of ``current_cycle`` is recorded as a ``CycleChange`` by ``user`` on ``today`` (the local
    day; the UTC day when not given).
    """
    editable = {
        "name",
        "region",
        "focus",
        "target_groups",
        "success_criteria",
        "current_cycle",
        "opens_on",
        "closes_on",
    }
    unknown = set(changes) - editable
    if unknown:
        raise CoalitionError(f"cannot change {', '.join(sorted(unknown))}")
    if changes.get("current_cycle", coalition.current_cycle) not in trajectory.CYCLES:
        raise CoalitionError("current_cycle: unknown cycle")
    old_cycle = coalition.current_cycle
    for key, value in changes.items():
        setattr(coalition, key, value)
    if coalition.opens_on and coalition.closes_on and coalition.closes_on < coalition.opens_on:
        raise CoalitionError("closes_on: the Vertelpunt cannot close before it opens")
    if coalition.current_cycle != old_cycle:
        session.add(
            CycleChange(
                coalition_id=saved_id(coalition),
                from_cycle=old_cycle,
                to_cycle=coalition.current_cycle,
                changed_on=today or local_today(),
                user_id=user.id if user is not None else None,
            )
        )
    session.add(coalition)
    return coalition


def plan_steps(session: Session, coalition: Coalition) -> list[TrajectoryStep]:
    """The coalition's trajectory steps in order."""
    query = (
        select(TrajectoryStep)
        .where(TrajectoryStep.coalition_id == coalition.id)
        .order_by(col(TrajectoryStep.position), col(TrajectoryStep.id))
    )
    return list(session.exec(query))


def get_coalition(session: Session, slug: str) -> Coalition | None:
    """The coalition with this slug, or None."""
    return session.exec(select(Coalition).where(Coalition.slug == slug)).first()


def list_coalitions(session: Session) -> list[Coalition]:
    """All coalitions, by slug."""
    return list(session.exec(select(Coalition).order_by(col(Coalition.slug))))


def add_organisation(
    session: Session,
    *,
    coalition: Coalition,
    name: str,
    kind: str = "other",
    contact_name: str = "",
    age_categories: Sequence[str] = (),
) -> Organisation:
    """Add an organisation to a coalition; names are unique within the coalition."""
    name = name.strip()
    if not name:
        raise CoalitionError("name: an organisation needs a name")
    exists = session.exec(
        select(Organisation).where(Organisation.coalition_id == coalition.id, Organisation.name == name)
    ).first()
    if exists:
        raise CoalitionError(f"name {name!r}: this coalition has an organisation with this name already")
    organisation = Organisation(
        coalition_id=saved_id(coalition),
        name=name,
        kind=kind,
        contact_name=contact_name,
        age_categories=list(age_categories),
    )
    session.add(organisation)
    session.flush()
    return organisation


def get_organisation(session: Session, *, coalition: Coalition, name: str) -> Organisation | None:
    """The coalition's organisation with this name, or None."""
    return session.exec(
        select(Organisation).where(Organisation.coalition_id == coalition.id, Organisation.name == name)
    ).first()


def link_prefill(
    organisation: Organisation | None, *, age_category: str | None = None, perspective: str | None = None
) -> dict[str, Any]:
    """The answers a link carries: the organisation, its type, an age category and maybe a perspective.

    Without an explicit age category, an organisation serving exactly one category prefills it; one
    serving several gets "unknown", so the teller is asked.
    """
    if organisation is None:
        prefill: dict[str, Any] = {}
    else:
        prefill = {"organisation": organisation.name, "organisation_type": organisation.kind}
        if age_category is None:
            served = organisation.age_categories
            age_category = served[0] if len(served) == 1 else "unknown"
    if age_category is not None:
        prefill["age_category"] = age_category
    if perspective is not None:
        prefill["perspective"] = perspective
    return prefill


def create_invite_link(
    session: Session,
    *,
    coalition: Coalition,
    definition: Definition,
    organisation: Organisation | None = None,
    label: str = "",
    age_category: str | None = None,
    perspective: str | None = None,
) -> InviteLink:
    """Create an invite link with a fresh unguessable token; without an organisation it is the general link."""
    if organisation is not None and organisation.coalition_id != coalition.id:
        raise CoalitionError("organisation: belongs to another coalition")
    if organisation is None:
        general = session.exec(
            select(InviteLink).where(
                InviteLink.coalition_id == coalition.id, col(InviteLink.organisation_id).is_(None)
            )
        ).first()
        if general is not None:
            raise CoalitionError("general: this coalition has a general link already")
    try:
        prefill = check_prefill(
            definition, link_prefill(organisation, age_category=age_category, perspective=perspective)
        )
    except ValueError as exc:
        raise CoalitionError(str(exc)) from None
    link = InviteLink(
        token=secrets.token_urlsafe(TOKEN_BYTES),
        coalition_id=saved_id(coalition),
        organisation_id=organisation.id if organisation else None,
        label=label,
        prefill=prefill,
    )
    session.add(link)
    session.flush()
    return link


def close_link(session: Session, link: InviteLink) -> InviteLink:
    """Close a link: it no longer takes stories (stories told through it stay)."""
    if link.closed_at is None:
        link.closed_at = utcnow()
        session.add(link)
    return link


def reopen_link(session: Session, link: InviteLink) -> InviteLink:
    """Reopen a closed link."""
    link.closed_at = None
    session.add(link)
    return link


def get_link(session: Session, token: str) -> InviteLink | None:
    """The link with this token, or None."""
    return session.exec(select(InviteLink).where(InviteLink.token == token)).first()


def resolve_link(session: Session, *, token: str, today: date) -> tuple[InviteLink, Coalition]:
    """The open link for ``token`` and its coalition; raise LinkUnknown, LinkClosed or LinkNotOpenYet."""
    if not token or len(token) > 64:
        raise LinkUnknown(token)
    found = session.exec(
        select(InviteLink, Coalition)
        .join(Coalition, col(Coalition.id) == col(InviteLink.coalition_id))
        .where(InviteLink.token == token)
    ).first()
    if found is None:
        raise LinkUnknown(token)
    link, coalition = found
    closed = coalition.data_closed_on is not None  # coalitions/retention.py: the data is closed for good
    if closed or link.is_closed or (coalition.closes_on is not None and today > coalition.closes_on):
        raise LinkClosed(link, coalition)
    if coalition.opens_on is not None and today < coalition.opens_on:
        raise LinkNotOpenYet(link, coalition)
    return link, coalition


def list_links(session: Session, *, coalition: Coalition) -> list[tuple[InviteLink, Organisation | None]]:
    """The coalition's links with their organisations, general link first, then by organisation name."""
    rows = session.exec(
        select(InviteLink, Organisation)
        .join(Organisation, col(InviteLink.organisation_id) == col(Organisation.id), isouter=True)
        .where(InviteLink.coalition_id == coalition.id)
    ).all()
    return sorted(rows, key=lambda row: (row[1] is not None, row[1].name if row[1] else "", row[0].label))


def update_plan(
    session: Session, coalition: Coalition, steps: list[TrajectoryStep], form: Mapping[str, str]
) -> dict[int, str]:
    """Apply the plan table's edits (``step-<id>-<field>`` keys, and ``new-*`` for an added step).

    Returns problems by step id (0 for the new step); nothing is changed when there is any.
    """
    errors: dict[int, str] = {}
    changes: list[tuple[TrajectoryStep, StepValues]] = []
    for step in steps:
        prefix = f"step-{step.id}-"
        if prefix + "what" not in form:
            continue  # not part of this submission: leave it as it is
        values = _step_values(form, prefix)
        if isinstance(values, str):
            errors[step.id or 0] = values
        else:
            changes.append((step, values))
    new_what = form.get("new-what", "").strip()
    new_values: StepValues | None = None
    if new_what:
        checked = _step_values(form, "new-")
        if isinstance(checked, str):
            errors[0] = checked
        elif form.get("new-cycle") not in trajectory.CYCLES:
            errors[0] = "Kies een cyclus."
        else:
            new_values = checked
    if errors:
        return errors
    for step, values in changes:
        for key, value in values.items():
            setattr(step, key, value)
        session.add(step)
    if new_values is not None:
        position = max((s.position for s in steps), default=0) + 1
        session.add(
            TrajectoryStep(
                coalition_id=saved_id(coalition), cycle=form["new-cycle"], position=position, **new_values
            )
        )
    return errors


class StepValues(TypedDict):
    """The editable fields of a trajectory step, checked."""

    what: str
    planned_on: date | None
    who: str
    result: str
    done: bool


def _step_values(form: Mapping[str, str], prefix: str) -> StepValues | str:
    """The step's checked values from the form fields starting with ``prefix``, or the problem."""
    what = form.get(prefix + "what", "").strip()
    if not what:
        return "Beschrijf wat er gebeurt."
    if len(what) > 300:
        return "Maak de beschrijving korter (hooguit 300 tekens)."
    raw_date = form.get(prefix + "planned_on", "").strip()
    planned: date | None = None
    if raw_date:
        try:
            planned = date.fromisoformat(raw_date)
        except ValueError:
            return "Vul een datum in als 2026-03-31."
    return StepValues(
        what=what,
        planned_on=planned,
        who=form.get(prefix + "who", "").strip()[:200],
        result=form.get(prefix + "result", "").strip()[:4000],
        done=form.get(prefix + "done") == "on",
    )


class OrganisationNameTaken(CoalitionError):
    """Another organisation of the coalition has this name."""


def get_organisation_by_id(
    session: Session, *, coalition: Coalition, organisation_id: int
) -> Organisation | None:
    """The coalition's organisation with this id, or None (also when it belongs to another coalition)."""
    return session.exec(
        select(Organisation).where(
            Organisation.id == organisation_id, Organisation.coalition_id == coalition.id
        )
    ).first()


def get_link_by_id(session: Session, *, coalition: Coalition, link_id: int) -> InviteLink | None:
    """The coalition's link with this id, or None (also when it belongs to another coalition)."""
    return session.exec(
        select(InviteLink).where(InviteLink.id == link_id, InviteLink.coalition_id == coalition.id)
    ).first()


def general_link(session: Session, *, coalition: Coalition) -> InviteLink | None:
    """The coalition's general link (at most one), or None."""
    return session.exec(
        select(InviteLink).where(
            InviteLink.coalition_id == coalition.id,
            col(InviteLink.organisation_id).is_(None),
        )
    ).first()


def organisation_links(session: Session, *, organisation: Organisation) -> list[InviteLink]:
    """An organisation's links, oldest first."""
    query = (
        select(InviteLink)
        .where(
            InviteLink.organisation_id == organisation.id,
            InviteLink.coalition_id == organisation.coalition_id,
        )
        .order_by(col(InviteLink.created_at), col(InviteLink.id))
    )
    return list(session.exec(query))


def count_organisations(session: Session, *, coalition: Coalition) -> int:
    """How many organisations the coalition has."""
    from sqlalchemy import func

    query = select(func.count()).select_from(Organisation).where(Organisation.coalition_id == coalition.id)
    return int(session.exec(query).one())


def list_organisations(
    session: Session, *, coalition: Coalition, offset: int = 0, limit: int | None = None
) -> list[tuple[Organisation, int]]:
    """The coalition's organisations by name, each with its number of links, one page at a time."""
    from sqlalchemy import func

    links = (
        select(func.count(col(InviteLink.id)))
        .where(InviteLink.organisation_id == Organisation.id)
        .correlate(Organisation)
        .scalar_subquery()
    )
    query = (
        select(Organisation, links)
        .where(Organisation.coalition_id == coalition.id)
        .order_by(func.lower(Organisation.name), col(Organisation.id))
        .offset(offset)
        .limit(limit)
    )
    return [(organisation, int(count)) for organisation, count in session.exec(query)]


def organisation_names(session: Session, *, coalition: Coalition) -> list[str]:
    """The names of the coalition's organisations."""
    return list(session.exec(select(Organisation.name).where(Organisation.coalition_id == coalition.id)))


def update_organisation(
    session: Session,
    organisation: Organisation,
    *,
    definition: Definition,
    name: str,
    kind: str,
    contact_name: str = "",
    age_categories: Sequence[str] = (),
) -> Organisation:
    """Change an organisation; its links then prefill the new name and type for stories still to come."""
    name = name.strip()
    if not name:
        raise CoalitionError("name: an organisation needs a name")
    clash = session.exec(
        select(Organisation.id).where(
            Organisation.coalition_id == organisation.coalition_id,
            Organisation.name == name,
            Organisation.id != organisation.id,
        )
    ).first()
    if clash is not None:
        raise OrganisationNameTaken(
            f"name {name!r}: this coalition has an organisation with this name already"
        )
    try:
        known = check_prefill(definition, {"organisation": name, "organisation_type": kind})
    except ValueError as exc:
        raise CoalitionError(str(exc)) from None
    if (name, kind) != (organisation.name, organisation.kind):
        for link in organisation_links(session, organisation=organisation):
            # A new dict, not an in-place change: the JSON column only notices assignment.
            link.prefill = {**link.prefill, **known}
            session.add(link)
    organisation.name = name
    organisation.kind = kind
    organisation.contact_name = contact_name.strip()
    organisation.age_categories = list(age_categories)
    session.add(organisation)
    session.flush()
    return organisation


def add_organisations_with_links(
    session: Session,
    *,
    coalition: Coalition,
    definition: Definition,
    organisations: Sequence[Mapping[str, Any]],
) -> list[tuple[Organisation, InviteLink]]:
    """Add organisations (``add_organisation`` keywords each) with one default invite link each.

    All or nothing: the first error raises and the caller rolls back; nothing is committed here.
    """
    created = []
    for values in organisations:
        organisation = add_organisation(session, coalition=coalition, **values)
        link = create_invite_link(
            session, coalition=coalition, definition=definition, organisation=organisation
        )
        created.append((organisation, link))
    return created


def create_general_link(
    session: Session, *, coalition: Coalition, definition: Definition, label: str = ""
) -> InviteLink:
    """Create the coalition's general link; raise CoalitionError when it has one already."""
    # Lock the coalition row (PostgreSQL; SQLite write transactions are exclusive anyway), so two
    # simultaneous clicks cannot both pass the "at most one general link" check.
    session.exec(select(Coalition.id).where(Coalition.id == coalition.id).with_for_update()).first()
    return create_invite_link(session, coalition=coalition, definition=definition, label=label)


# Short codes: what a flyer prints under the QR code, to type in by hand (/k/abcd-efgh).
# Lowercase letters and digits without the look-alikes 0/o, 1/l/i: 31 signs, 8 places, about 40 bits.
SHORT_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SHORT_CODE_LENGTH = 8
SHORT_CODE_ATTEMPTS = 10


def ensure_short_code(session: Session, link: InviteLink) -> str:
    """The link's short code, giving it a new unique one first if it has none.

    Safe when two requests do this at once: the code is only written where none is set yet, so the
    first writer wins and the other returns the winner's code. A code taken by another link is retried.
    The caller commits.
    """
    import sqlalchemy as sa
    from sqlalchemy.orm.attributes import set_committed_value

    if link.short_code:
        return link.short_code
    for _attempt in range(SHORT_CODE_ATTEMPTS):
        code = "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(SHORT_CODE_LENGTH))
        try:
            with session.begin_nested():
                session.exec(
                    sa.update(InviteLink)
                    .where(col(InviteLink.id) == link.id, col(InviteLink.short_code).is_(None))
                    .values(short_code=code)
                )
        except sa.exc.IntegrityError:
            continue  # another link has this code: draw again
        stored = session.exec(select(InviteLink.short_code).where(InviteLink.id == link.id)).one()
        # Record the stored value without marking the link changed (it may belong to another session).
        set_committed_value(link, "short_code", stored)
        return str(stored)
    raise CoalitionError("short_code: no free code found, try again")


def normalise_short_code(typed: str) -> str | None:
    """A typed short code as stored (``ABCD-efgh`` → ``abcdefgh``), or None when it cannot be one."""
    code = typed.strip().lower().replace("-", "")
    if len(code) != SHORT_CODE_LENGTH or any(c not in SHORT_CODE_ALPHABET for c in code):
        return None
    return code


def format_short_code(code: str) -> str:
    """A short code as printed: two groups of four, ``abcd-efgh``."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def link_for_short_code(session: Session, typed: str) -> InviteLink | None:
    """The link with this (typed) short code, or None."""
    code = normalise_short_code(typed)
    if code is None:
        return None
    return session.exec(select(InviteLink).where(InviteLink.short_code == code)).first()
