"""Command line for coalitions, organisations and invite links (the coalition screens come later)."""

from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

from coalitions import accounts, services
from vertelpunt.db import get_session
from vertelpunt.services import current_questionnaire

coalitions_group = AppGroup("coalitions", help="Create and list coalitions.")
organisations_group = AppGroup("organisations", help="Add and list a coalition's organisations.")
links_group = AppGroup("links", help="Create, list, close and reopen invite links.")
users_group = AppGroup("users", help="Staff accounts (administrators, facilitators, coalition members).")
AGE_CATEGORIES = ("0-12", "12-18", "18plus", "unknown")
PERSPECTIVES = ("youth", "parent", "professional", "other")


def _coalition(slug: str) -> services.Coalition:
    coalition = services.get_coalition(get_session(), slug)
    if coalition is None:
        raise click.ClickException(f"no coalition with slug {slug!r} (see `vertelpunt coalitions list`)")
    return coalition


def link_url(token: str) -> str:
    """The public URL of an invite link."""
    return f"{current_app.config['BASE_URL']}/i/{token}"


@coalitions_group.command("create")
@click.option("--slug", required=True, help="Short name for URLs and commands, e.g. samen-thuis-veenhaven.")
@click.option("--name", required=True, help="The coalition's name.")
@click.option("--region", default="", help="The region it works in.")
@click.option("--focus", default="", help="What this trajectory is about, in the coalition's words.")
@click.option("--opens", type=click.DateTime(["%Y-%m-%d"]), help="First day the Vertelpunt takes stories.")
@click.option("--closes", type=click.DateTime(["%Y-%m-%d"]), help="Last day the Vertelpunt takes stories.")
def create_coalition(
    slug: str, name: str, region: str, focus: str, opens: date | None, closes: date | None
) -> None:
    """Create a coalition."""
    session = get_session()
    try:
        coalition = services.create_coalition(
            session,
            slug=slug,
            name=name,
            region=region,
            focus=focus,
            opens_on=opens.date() if opens else None,  # type: ignore[attr-defined]
            closes_on=closes.date() if closes else None,
        )  # type: ignore[attr-defined]
    except services.CoalitionError as exc:
        raise click.ClickException(str(exc)) from None
    session.commit()
    click.echo(f"created coalition {coalition.slug}")


@coalitions_group.command("list")
def list_coalitions() -> None:
    """List coalitions: slug, name, open and close dates."""
    for c in services.list_coalitions(get_session()):
        click.echo(f"{c.slug}\t{c.name}\t{c.opens_on or '-'}\t{c.closes_on or '-'}")


@organisations_group.command("add")
@click.option("--coalition", "slug", required=True, help="The coalition's slug.")
@click.option("--name", required=True, help="The organisation's name.")
@click.option("--type", "kind", default="other", help="Organisation type, e.g. youth_care, school.")
@click.option("--contact", default="", help="Contact person.")
@click.option("--ages", default="", help="Age categories served, comma-separated: 0-12,12-18,18plus.")
def add_organisation(slug: str, name: str, kind: str, contact: str, ages: str) -> None:
    """Add an organisation to a coalition."""
    _, definition = current_questionnaire(get_session())
    types = definition.get("organisation_type")
    if types is not None and kind not in types.values():
        raise click.ClickException(f"--type must be one of {', '.join(types.values())}")
    age_list = [a.strip() for a in ages.split(",") if a.strip()]
    bad = [a for a in age_list if a not in AGE_CATEGORIES]
    if bad:
        raise click.ClickException(f"--ages: unknown {', '.join(bad)} (use {', '.join(AGE_CATEGORIES)})")
    session = get_session()
    try:
        org = services.add_organisation(
            session,
            coalition=_coalition(slug),
            name=name,
            kind=kind,
            contact_name=contact,
            age_categories=age_list,
        )
    except services.CoalitionError as exc:
        raise click.ClickException(str(exc)) from None
    session.commit()
    click.echo(f"added organisation {org.name}")


@links_group.command("create")
@click.option("--coalition", "slug", required=True, help="The coalition's slug.")
@click.option("--organisation", default=None, help="The organisation's name (leave out with --general).")
@click.option("--general", is_flag=True, help="Create the coalition's general link (use it sparingly).")
@click.option(
    "--age",
    type=click.Choice(AGE_CATEGORIES),
    default=None,
    help="Age category the link answers; 'unknown' makes the form ask.",
)
@click.option(
    "--perspective",
    type=click.Choice(PERSPECTIVES),
    default=None,
    help="Perspective the link answers (optional).",
)
@click.option("--label", default="", help="A label for your own overview, e.g. 'Ouders'.")
def create_link(
    slug: str, organisation: str | None, general: bool, age: str | None, perspective: str | None, label: str
) -> None:
    """Create an invite link and print its URL."""
    if general == bool(organisation):
        raise click.ClickException("give either --organisation NAME or --general")
    session = get_session()
    coalition = _coalition(slug)
    org = None
    if organisation:
        org = services.get_organisation(session, coalition=coalition, name=organisation)
        if org is None:
            raise click.ClickException(f"no organisation {organisation!r} in coalition {slug!r}")
    _, definition = current_questionnaire(session)
    try:
        link = services.create_invite_link(
            session,
            coalition=coalition,
            definition=definition,
            organisation=org,
            label=label,
            age_category=age,
            perspective=perspective,
        )
    except services.CoalitionError as exc:
        raise click.ClickException(str(exc)) from None
    session.commit()
    click.echo(link_url(link.token))


@links_group.command("list")
@click.option("--coalition", "slug", required=True, help="The coalition's slug.")
def list_links(slug: str) -> None:
    """List a coalition's links: URL, state, organisation, label and prefilled answers."""
    for link, org in services.list_links(get_session(), coalition=_coalition(slug)):
        state = "closed" if link.is_closed else "open"
        answers = ",".join(f"{k}={v}" for k, v in sorted(link.prefill.items()))
        click.echo(
            f"{link_url(link.token)}\t{state}\t{org.name if org else '(general)'}\t{link.label}\t{answers}"
        )


def _set_closed(token: str, closed: bool) -> None:
    session = get_session()
    link = services.get_link(session, token.rsplit("/", 1)[-1])
    if link is None:
        raise click.ClickException("no link with this token")
    (services.close_link if closed else services.reopen_link)(session, link)
    session.commit()
    click.echo(f"link {'closed' if closed else 'reopened'}")


@links_group.command("close")
@click.argument("token")
def close_link(token: str) -> None:
    """Close a link (TOKEN or its whole URL): it stops taking stories."""
    _set_closed(token, True)


@links_group.command("reopen")
@click.argument("token")
def reopen_link(token: str) -> None:
    """Reopen a closed link (TOKEN or its whole URL)."""
    _set_closed(token, False)


@users_group.command("create")
@click.option("--email", required=True, help="E-mail address to sign in with.")
@click.option(
    "--role", type=click.Choice(accounts.ROLES), required=True, help="admin, facilitator or member."
)
@click.option("--name", default="", help="Display name.")
@click.option("--coalition", "slug", default=None, help="Coalition the account works in (not for admins).")
@click.option("--lead", is_flag=True, help="Make the account the coalition's lead.")
@click.option(
    "--password",
    envvar="VERTELPUNT_PASSWORD",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Taken from VERTELPUNT_PASSWORD, else asked twice.",
)
def create_user(email: str, role: str, name: str, slug: str | None, lead: bool, password: str) -> None:
    """Create a staff account with a password (the first administrator, for instance)."""
    session = get_session()
    try:
        user = accounts.create_user(session, email=email, role=role, name=name, password=password)
        if slug:
            accounts.add_membership(session, user=user, coalition=_coalition(slug), is_lead=lead)
    except accounts.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    session.commit()
    click.echo(f"created {role} {user.email}")


GROUPS = (coalitions_group, organisations_group, links_group, users_group)
