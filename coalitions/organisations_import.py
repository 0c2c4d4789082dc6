"""Read a table of organisations pasted from a spreadsheet or uploaded as CSV or XLSX, and check every row.

Pure: no Flask, no database. Problems carry a Dutch message template marked with ``N_`` (so Babel
extracts it) plus its parameters; the view translates and fills them in. Nothing here decides what
happens to good rows: ``services.import_organisations`` stores them, all or nothing.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from coalitions import spreadsheets
from vertelpunt.questionnaire import Question

MAX_BYTES = 1024 * 1024
MAX_ROWS = 1000
# Rows looked at, empty ones included: a tiny .xlsx can declare a million empty rows.
MAX_SCANNED_ROWS = 50_000
MAX_CELL = 200  # names and contact persons, as in the Organisation model
MAX_COLUMNS = 30
# A 1 MB .xlsx can unpack to far more; refuse anything that would unpack past this.
MAX_UNPACKED_BYTES = 30 * 1024 * 1024
AGE_CATEGORIES = ("0-12", "12-18", "18plus")
FIELDS = ("name", "kind", "contact_name", "age_categories")
# Header names people type, normalised by _key (lowercase letters and digits only).
HEADERS = {
    "name": ("naam", "name", "organisatie", "organisation", "organization", "naamorganisatie"),
    "kind": ("type", "soort", "organisatietype", "soortorganisatie", "organisationtype", "kind"),
    "contact_name": ("contactpersoon", "contact", "contactperson", "contactname", "contactnaam"),
    "age_categories": (
        "leeftijden",
        "leeftijd",
        "leeftijdscategorieen",
        "leeftijdscategorie",
        "agecategories",
        "agecategory",
        "ages",
        "age",
    ),
}
AGE_ALIASES = {"0-12": "0-12", "12-18": "12-18", "18plus": "18plus", "18+": "18plus", "18-plus": "18plus"}


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel looks for
    """Mark a message for translation; the view translates it when it is shown."""
    return message


@dataclass(frozen=True)
class Kind:
    """An organisation type: the stored value, the label to show, and every name that means it."""

    value: str
    label: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Problem:
    """Why the table cannot be imported; ``row`` is the spreadsheet row (None: the table as a whole)."""

    row: int | None
    message: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class OrganisationRow:
    """One good row."""

    row: int
    name: str
    kind: str
    contact_name: str = ""
    age_categories: tuple[str, ...] = ()

    def values(self) -> dict[str, Any]:
        """Keywords for ``services.add_organisation``."""
        return {
            "name": self.name,
            "kind": self.kind,
            "contact_name": self.contact_name,
            "age_categories": list(self.age_categories),
        }


@dataclass(frozen=True)
class Table:
    """The rows read and the problems found; import only when there are no problems."""

    rows: tuple[OrganisationRow, ...] = ()
    problems: tuple[Problem, ...] = ()
    ignored_columns: tuple[str, ...] = ()


def kinds_from_question(question: Question | None, lang: str) -> tuple[Kind, ...]:
    """The organisation types of the questionnaire's organisation_type question ("none" is no type)."""
    if question is None:
        return (Kind("other", "other"),)
    return tuple(
        Kind(o.value, o.label.get(lang) or o.label["nl"], tuple(o.label.values()))
        for o in question.options
        if o.value != "none"
    )


def read_text(text: str, *, kinds: Sequence[Kind]) -> Table:
    """Read a table pasted from a spreadsheet (tabs) or typed as CSV (semicolons or commas)."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        return _refuse(N_("De tabel is groter dan 1 MB. Importeer de organisaties in delen."))
    if not text.strip():
        return _refuse(N_("Plak een tabel met een kopregel en minstens één organisatie."))
    try:
        return read_cells(spreadsheets.csv_rows(text), kinds=kinds)
    except csv.Error:
        return _refuse(N_("Deze tabel kan ik niet lezen. Kopieer hem opnieuw uit het rekenblad."))


def read_upload(data: bytes, *, kinds: Sequence[Kind]) -> Table:
    """Read an uploaded .xlsx or .csv file (the content decides, not the file name)."""
    if len(data) > MAX_BYTES:
        return _refuse(N_("Het bestand is groter dan 1 MB. Importeer de organisaties in delen."))
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, kinds=kinds)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _refuse(N_("Dit is een oud Excel-bestand (.xls). Sla het op als .xlsx of .csv."))
    return read_text(spreadsheets.decode_text(data), kinds=kinds)


def read_cells(cells: Iterable[Sequence[object]], *, kinds: Sequence[Kind]) -> Table:
    """Check a header row and the data rows under it; row numbers count from 1, as spreadsheets do."""
    numbered = ((i, [_text(c) for c in row]) for i, row in enumerate(cells, start=1))
    header = next(((i, row) for i, row in numbered if any(row)), None)
    if header is None:
        return _refuse(N_("Plak een tabel met een kopregel en minstens één organisatie."))
    columns, ignored, header_problems = _columns(header[1])
    if header_problems:
        return Table(problems=tuple(header_problems))
    by_kind = _kind_lookup(kinds)
    choices = ", ".join(f"'{k.label}'" for k in kinds)
    rows: list[OrganisationRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    count = 0
    for number, row in numbered:
        if number > MAX_SCANNED_ROWS:
            return _refuse(
                N_("De tabel heeft meer dan %(max)s rijen, lege rijen meegeteld. Haal de lege rijen weg."),
                max=MAX_SCANNED_ROWS,
            )
        if not any(row):
            continue
        count += 1
        if count > MAX_ROWS:
            return _refuse(
                N_("Er staan meer dan %(max)s organisaties in de tabel. Importeer ze in delen."),
                max=MAX_ROWS,
            )
        values = {name: row[index] if index < len(row) else "" for name, index in columns.items()}
        good, found = _check_row(number, values, by_kind=by_kind, choices=choices)
        problems += found
        if good is not None:
            key = good.name.casefold()
            if key in seen:
                problems.append(
                    Problem(
                        number,
                        N_("'%(name)s' staat ook al op rij %(other)s."),
                        {"name": good.name, "other": seen[key]},
                    )
                )
            else:
                seen[key] = number
                rows.append(good)
    if count == 0:
        return _refuse(N_("Onder de kopregel staan geen organisaties."))
    return Table(rows=tuple(rows), problems=tuple(problems), ignored_columns=tuple(ignored))


def _refuse(message: str, **params: Any) -> Table:
    return Table(problems=(Problem(None, message, params),))


def _key(text: str) -> str:
    """Lowercase letters and digits only, accents dropped: "Leeftijds-categorieën" -> "leeftijdscategorieen"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def _columns(header: Sequence[str]) -> tuple[dict[str, int], list[str], list[Problem]]:
    names = {alias: name for name, aliases in HEADERS.items() for alias in aliases}
    columns: dict[str, int] = {}
    ignored: list[str] = []
    problems: list[Problem] = []
    for index, title in enumerate(header[:MAX_COLUMNS]):
        name = names.get(_key(title))
        if name is None:
            if title:
                ignored.append(title)
        elif name in columns:
            problems.append(
                Problem(None, N_("De kolom '%(column)s' staat twee keer in de kopregel."), {"column": title})
            )
        else:
            columns[name] = index
    missing = [name for name in ("name", "kind") if name not in columns]
    if missing:
        problems.append(
            Problem(
                None,
                N_(
                    "De eerste rij moet de kolomnamen hebben: naam, type, contactpersoon, leeftijden "
                    "(naam en type zijn nodig)."
                ),
            )
        )
    return columns, ignored, problems


def _kind_key(text: str) -> str:
    """Types compare ignoring case, spacing, dashes and underscores: "Youth care" is youth_care."""
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


def _kind_lookup(kinds: Sequence[Kind]) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for kind in kinds:
        for name in (kind.value, kind.label, *kind.aliases):
            lookup.setdefault(_kind_key(name), kind.value)
    return lookup


def _check_row(
    number: int, values: Mapping[str, str], *, by_kind: Mapping[str, str], choices: str
) -> tuple[OrganisationRow | None, list[Problem]]:
    problems: list[Problem] = []
    name = values.get("name", "")
    if not name:
        problems.append(Problem(number, N_("vul de naam van de organisatie in.")))
    elif len(name) > MAX_CELL:
        problems.append(
            Problem(number, N_("de naam is te lang (hooguit %(max)s tekens)."), {"max": MAX_CELL})
        )
    raw_kind = values.get("kind", "")
    kind = by_kind.get(_kind_key(raw_kind))
    if not raw_kind:
        problems.append(Problem(number, N_("vul een type in; kies uit %(choices)s."), {"choices": choices}))
    elif kind is None:
        problems.append(
            Problem(
                number,
                N_("type '%(value)s' ken ik niet; kies uit %(choices)s."),
                {"value": raw_kind, "choices": choices},
            )
        )
    contact = values.get("contact_name", "")
    if len(contact) > MAX_CELL:
        problems.append(
            Problem(number, N_("de contactpersoon is te lang (hooguit %(max)s tekens)."), {"max": MAX_CELL})
        )
    ages, unknown = _ages(values.get("age_categories", ""))
    if unknown:
        problems.append(
            Problem(
                number,
                N_("leeftijd '%(value)s' ken ik niet; gebruik 0-12, 12-18 en 18plus."),
                {"value": unknown},
            )
        )
    if problems or kind is None:
        return None, problems
    return OrganisationRow(number, name, kind, contact, ages), []


def _ages(cell: str) -> tuple[tuple[str, ...], str]:
    """The age categories in a cell such as "0-12, 12-18", and the first part not understood."""
    found: set[str] = set()
    for part in re.split(r"[,;/|\n]+", cell):
        token = "".join(part.casefold().replace("\u2013", "-").replace("\u2014", "-").split())
        token = re.sub(r"(jaar|jr|years?)$", "", token)
        if not token:
            continue
        value = AGE_ALIASES.get(token)
        if value is None:
            return (), part.strip()
        found.add(value)
    return tuple(a for a in AGE_CATEGORIES if a in found), ""


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell).split())


def _read_xlsx(data: bytes, *, kinds: Sequence[Kind]) -> Table:
    unreadable = N_("Dit Excel-bestand kan ik niet lezen. Sla het opnieuw op als .xlsx of .csv.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                return _refuse(unreadable)
    except zipfile.BadZipFile:
        return _refuse(unreadable)
    # Imported here: only an upload needs openpyxl, and it is slow to import.
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it skips; they do not matter for our cells.
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                # The active sheet may be a chart sheet: then the first sheet with cells.
                sheets = [workbook.active, *workbook.worksheets]
                sheet = next(s for s in sheets if isinstance(s, ReadOnlyWorksheet))
                sheet.reset_dimensions()
                return read_cells(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), kinds=kinds)
            finally:
                workbook.close()
    except Exception:  # noqa: BLE001 - any broken workbook is the same problem for the user
        return _refuse(unreadable)


def without_existing(table: Table, existing: Iterable[str]) -> Table:
    """The table with a problem for every row naming an organisation the coalition has already."""
    taken = {name.casefold() for name in existing}
    clashes = tuple(
        Problem(row.row, N_("'%(name)s' staat al in de lijst van deze coalitie."), {"name": row.name})
        for row in table.rows
        if row.name.casefold() in taken
    )
    if not clashes:
        return table
    problems = sorted((*table.problems, *clashes), key=lambda p: p.row or 0)
    return Table(rows=table.rows, problems=tuple(problems), ignored_columns=table.ignored_columns)
