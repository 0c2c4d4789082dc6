"""A coalition's organisations and their invite links: list, add, import, edit, links and downloads."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from flask import Response, abort, current_app, flash, g, redirect, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.exc import IntegrityError
from werkzeug.datastructures import FileStorage
from wtforms.fields.choices import SelectChoice

from coalitions import organisations_import, services, spreadsheets
from coalitions.forms import AGE_CATEGORIES, PERSPECTIVES, ImportForm, LinkForm, OrganisationForm
from coalitions.models import InviteLink, Organisation
from coalitions.views import coalition_blueprint, coalition_url, current_coalition, manager_required
from vertelpunt.db import get_session
from vertelpunt.i18n import current_language
from vertelpunt.questionnaire import Definition
from vertelpunt.services import current_questionnaire

bp = coalition_blueprint("coalitions_organisations", __name__)
PER_PAGE = 50


@bp.before_request
def load_objects() -> None:
    """Find the organisation or link in the URL within this coalition, else 404, before any role check.

    Runs after the blueprint's coalition check. Looking up first means a facilitator who tries another
    coalition's ids gets a 404 (nothing here), not a 403 that would confirm the id exists.
    """
    args = request.view_args or {}
    session = get_session()
    if "organisation_id" in args:
        g.organisation = services.get_organisation_by_id(
            session, coalition=current_coalition(), organisation_id=args["organisation_id"]
        ) or abort(404)
    if "link_id" in args:
        g.link = services.get_link_by_id(
            session, coalition=current_coalition(), link_id=args["link_id"]
        ) or abort(404)


@bp.get("/<slug>/organisaties")
def organisations(slug: str) -> ResponseReturnValue:
    """The coalition's organisations with their number of links, its general link, and a form to add one."""
    definition = _definition()
    return _list_page(_organisation_form(definition, formdata=None), definition)


@bp.post("/<slug>/organisaties")
@manager_required
def add_organisation(slug: str) -> ResponseReturnValue:
    """Add one organisation, with a first invite link."""
    definition = _definition()
    form = _organisation_form(definition)
    if form.validate_on_submit():
        session = get_session()
        try:
            [(organisation, _link)] = services.add_organisations_with_links(
                session,
                coalition=current_coalition(),
                definition=definition,
                organisations=[form_values(form)],
            )
            session.commit()
        except (services.CoalitionError, IntegrityError):
            # The form checked everything else: the name is taken (perhaps a moment ago, by a colleague).
            session.rollback()
            form.name.errors.append(_("Deze coalitie heeft al een organisatie met deze naam."))
        else:
            flash(_("%(name)s is toegevoegd, met een eerste link.", name=organisation.name))
            return redirect(coalition_url(".organisation", organisation_id=organisation.id))
    return _list_page(form, definition), 422


@bp.route("/<slug>/organisaties/importeren", methods=["GET", "POST"])
@manager_required
def import_organisations(slug: str) -> ResponseReturnValue:
    """Add many organisations at once from a pasted table or a file, each with an invite link; all or nothing."""
    form = ImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        definition = _definition()
        session = get_session()
        coalition = current_coalition()
        kinds = organisations_import.kinds_from_question(
            definition.get("organisation_type"), current_language()
        )
        upload = form.upload.data
        if isinstance(upload, FileStorage):
            table = organisations_import.read_upload(
                upload.read(organisations_import.MAX_BYTES + 1), kinds=kinds
            )
            field = form.upload
        else:
            table = organisations_import.read_text(form.table.data or "", kinds=kinds)
            field = form.table
        table = organisations_import.without_existing(
            table, services.organisation_names(session, coalition=coalition)
        )
        if not table.problems:
            try:
                created = services.add_organisations_with_links(
                    session,
                    coalition=coalition,
                    definition=definition,
                    organisations=[row.values() for row in table.rows],
                )
                session.commit()
            except (services.CoalitionError, IntegrityError):
                session.rollback()
                problems = [
                    _("Iemand voegde net een organisatie met dezelfde naam toe. Probeer het opnieuw.")
                ]
            else:
                flash(
                    ngettext(
                        "%(num)d organisatie is geïmporteerd, met een eigen link.",
                        "%(num)d organisaties zijn geïmporteerd, elk met een eigen link.",
                        len(created),
                    )
                )
                if table.ignored_columns:
                    flash(
                        _(
                            "Deze kolommen zijn overgeslagen: %(columns)s.",
                            columns=", ".join(table.ignored_columns),
                        )
                    )
                return redirect(coalition_url(".organisations"))
        problems = problems or [describe(problem) for problem in table.problems]
        field.errors.append(
            _("Er is niets geïmporteerd. Kies het bestand opnieuw als je het hebt aangepast.")
            if field is form.upload
            else _("Er is niets geïmporteerd. Pas de tabel aan en probeer het opnieuw.")
        )
    return render_template(
        "coalitions/import.html",
        coalition=current_coalition(),
        form=form,
        problems=problems,
        max_rows=organisations_import.MAX_ROWS,
    ), 422 if problems else 200


@bp.get("/<slug>/organisaties/<int:organisation_id>")
def organisation(slug: str, organisation_id: int) -> ResponseReturnValue:
    """One organisation: its links, a form to add a link, and its details."""
    definition = _definition()
    org = current_organisation()
    return _organisation_page(
        org,
        organisation_form=_organisation_form(definition, formdata=None, obj=org),
        link_form=_link_form(org, formdata=None),
    )


@bp.post("/<slug>/organisaties/<int:organisation_id>")
@manager_required
def update_organisation(slug: str, organisation_id: int) -> ResponseReturnValue:
    """Change an organisation's name, type, contact person or ages served."""
    definition = _definition()
    org = current_organisation()
    form = _organisation_form(definition, obj=org)
    if form.validate_on_submit():
        session = get_session()
        try:
            services.update_organisation(session, org, definition=definition, **form_values(form))
            session.commit()
        except (services.OrganisationNameTaken, IntegrityError):
            session.rollback()
            form.name.errors.append(_("Deze coalitie heeft al een organisatie met deze naam."))
        except services.CoalitionError:
            session.rollback()
            form.kind.errors.append(_("Kies een soort organisatie uit de lijst."))
        else:
            flash(_("De gegevens van %(name)s zijn opgeslagen.", name=org.name))
            return redirect(coalition_url(".organisation", organisation_id=org.id))
    return _organisation_page(org, organisation_form=form, link_form=_link_form(org, formdata=None)), 422


@bp.post("/<slug>/organisaties/<int:organisation_id>/links")
@manager_required
def add_link(slug: str, organisation_id: int) -> ResponseReturnValue:
    """Add an invite link to an organisation."""
    definition = _definition()
    org = current_organisation()
    form = _link_form(org)
    if form.validate_on_submit():
        session = get_session()
        try:
            services.create_invite_link(
                session,
                coalition=current_coalition(),
                definition=definition,
                organisation=org,
                label=form.label.data or "",
                age_category=form.age_category.data,
                perspective=form.perspective.data or None,
            )
            session.commit()
        except services.CoalitionError:
            session.rollback()
            form.age_category.errors.append(_("Deze link kan zo niet gemaakt worden. Kies opnieuw."))
        else:
            flash(_("De nieuwe link staat in de lijst."))
            return redirect(coalition_url(".organisation", organisation_id=org.id))
    return _organisation_page(
        org, organisation_form=_organisation_form(definition, formdata=None, obj=org), link_form=form
    ), 422


@bp.post("/<slug>/links/algemeen")
@manager_required
def create_general_link(slug: str) -> ResponseReturnValue:
    """Create the coalition's general link (a coalition has at most one)."""
    session = get_session()
    try:
        services.create_general_link(session, coalition=current_coalition(), definition=_definition())
        session.commit()
    except services.CoalitionError:
        session.rollback()
        flash(_("Deze coalitie heeft al een algemene link."))
    else:
        flash(_("De algemene link is gemaakt."))
    return redirect(coalition_url(".organisations"))


@bp.post("/<slug>/links/<int:link_id>/sluiten")
@manager_required
def close_link(slug: str, link_id: int) -> ResponseReturnValue:
    """Close a link: it takes no more stories (the stories told through it stay)."""
    session = get_session()
    link = services.close_link(session, current_link())
    session.commit()
    flash(_("De link is gesloten. Wie hem opent, leest dat hij niet meer werkt."))
    return redirect(_back_to(link))


@bp.post("/<slug>/links/<int:link_id>/heropenen")
@manager_required
def reopen_link(slug: str, link_id: int) -> ResponseReturnValue:
    """Reopen a closed link."""
    session = get_session()
    link = services.reopen_link(session, current_link())
    session.commit()
    flash(_("De link werkt weer."))
    return redirect(_back_to(link))


@bp.get("/<slug>/links.csv")
def links_csv(slug: str) -> ResponseReturnValue:
    """All of the coalition's links as CSV (UTF-8 with BOM, so Excel reads it), for mail merges and lists."""
    header, rows = _link_table()
    return _download(spreadsheets.csv_chunks(header, rows), spreadsheets.CSV_MIMETYPE, f"links-{slug}.csv")


@bp.get("/<slug>/links.xlsx")
def links_xlsx(slug: str) -> ResponseReturnValue:
    """All of the coalition's links as an Excel workbook."""
    header, rows = _link_table()
    workbook = spreadsheets.xlsx_bytes(header, rows, sheet=_("Links"))
    return _download(workbook, spreadsheets.XLSX_MIMETYPE, f"links-{slug}.xlsx")


def current_organisation() -> Organisation:
    """The organisation in this request's URL (found by ``load_objects``)."""
    organisation: Organisation = g.organisation
    return organisation


def current_link() -> InviteLink:
    """The link in this request's URL (found by ``load_objects``)."""
    link: InviteLink = g.link
    return link


def form_values(form: OrganisationForm) -> dict[str, Any]:
    """The organisation form as ``services.add_organisation`` keywords."""
    return {
        "name": form.name.data,
        "kind": form.kind.data,
        "contact_name": form.contact_name.data or "",
        "age_categories": [a for a, _label in AGE_CATEGORIES if a in (form.age_categories.data or [])],
    }


def describe(problem: organisations_import.Problem) -> str:
    """An import problem in the reader's language, with its row number."""
    message = _(problem.message, **problem.params)
    if problem.row is None:
        return message
    return _("Rij %(row)s: %(problem)s", row=problem.row, problem=message)


def link_url(link: InviteLink) -> str:
    """The public address of an invite link."""
    return f"{current_app.config['BASE_URL']}/i/{link.token}"


def age_label(value: str | None) -> str:
    """A link's age category for staff ("asked" when the link leaves it to the teller)."""
    if value is None or value == "unknown":
        return _("wordt gevraagd")
    return str(dict(AGE_CATEGORIES).get(value, value))


def perspective_label(value: str | None) -> str:
    """A link's perspective for staff ("asked" when the link leaves it to the teller)."""
    if value is None:
        return _("wordt gevraagd")
    return str(dict(PERSPECTIVES).get(value, value))


def _definition() -> Definition:
    return current_questionnaire(get_session())[1]


def _kind_label(definition: Definition) -> Callable[[str], str]:
    """The organisation type's label in the page language, as the questionnaire words it."""
    question = definition.get("organisation_type")
    lang = current_language()
    return lambda kind: question.label_of(kind, lang) if question else kind


def _back_to(link: InviteLink) -> str:
    if link.organisation_id is None:
        return coalition_url(".organisations")
    return coalition_url(".organisation", organisation_id=link.organisation_id)


def _organisation_form(definition: Definition, **kwargs: Any) -> OrganisationForm:
    form = OrganisationForm(**kwargs)
    kinds = organisations_import.kinds_from_question(definition.get("organisation_type"), current_language())
    form.kind.choices = [SelectChoice(k.value, k.label) for k in kinds]
    return form


def _link_form(organisation: Organisation, **kwargs: Any) -> LinkForm:
    # The same default a link gets without an explicit age: the one age served, else "ask".
    default_age = services.link_prefill(organisation)["age_category"]
    return LinkForm(data={"age_category": default_age}, **kwargs)


def _list_page(form: OrganisationForm, definition: Definition) -> str:
    session = get_session()
    coalition = current_coalition()
    total = services.count_organisations(session, coalition=coalition)
    pages = max(1, math.ceil(total / PER_PAGE))
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    rows = services.list_organisations(
        session, coalition=coalition, offset=(page - 1) * PER_PAGE, limit=PER_PAGE
    )
    return render_template(
        "coalitions/organisations.html",
        coalition=coalition,
        form=form,
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        general=services.general_link(session, coalition=coalition),
        kind_label=_kind_label(definition),
        age_label=age_label,
        link_url=link_url,
    )


def _organisation_page(
    organisation: Organisation, *, organisation_form: OrganisationForm, link_form: LinkForm
) -> str:
    return render_template(
        "coalitions/organisation.html",
        coalition=current_coalition(),
        organisation=organisation,
        links=services.organisation_links(get_session(), organisation=organisation),
        organisation_form=organisation_form,
        link_form=link_form,
        kind_label=_kind_label(_definition()),
        age_label=age_label,
        perspective_label=perspective_label,
        link_url=link_url,
    )


def _link_table() -> tuple[list[str], list[list[str]]]:
    header = [
        _("Organisatie"),
        _("Naam van de link"),
        _("Leeftijd"),
        _("Perspectief"),
        _("Status"),
        _("Link"),
    ]
    rows = [
        [
            organisation.name if organisation else _("Algemene link"),
            link.label,
            age_label(link.prefill.get("age_category")),
            perspective_label(link.prefill.get("perspective")),
            _("gesloten") if link.is_closed else _("open"),
            link_url(link),
        ]
        for link, organisation in services.list_links(get_session(), coalition=current_coalition())
    ]
    return header, rows


def _download(body: Any, mimetype: str, filename: str) -> Response:
    # The slug in the file name is lowercase letters, digits and dashes (create_coalition checks it).
    response = Response(body, content_type=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
