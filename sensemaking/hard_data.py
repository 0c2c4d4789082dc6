"""Regional figures ("hard data") put beside the stories: read an uploaded CSV, store, list and export.

An upload **replaces** all of the coalition's figures, in one transaction: the file is the list. A file
with any problem changes nothing (``read_csv`` finds every problem first; ``replace_figures`` deletes
and adds in the caller's transaction, which commits once).

The CSV: UTF-8 with or without a byte order mark (Excel's Windows code page is read too), ``;``, ``,``
or tab between cells, a header row with the columns ``indicator``, ``periode``, ``waarde`` and
optionally ``eenheid`` and ``bron`` (English names work too: indicator, period, value, unit, source),
at most ``MAX_ROWS`` figures. Values may use a decimal comma (``12,5``) or point (``12.5``), and a
thousands separator when a decimal separator follows (``1.234,5``). Problems carry a Dutch message
template marked with ``N_`` plus its parameters; the view translates them, naming the row and column.

The export has the same columns (Dutch names), ``;`` between cells and decimal commas, so Dutch Excel
opens it and it can be uploaded again. Every cell goes through ``vertelpunt.csvsafe.neutralise``, so no
spreadsheet runs one as a formula; ``read_csv`` removes that ``'`` again before ``=``, ``+``, ``-``
and ``@``.
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from coalitions import spreadsheets
from sensemaking.models import HardFigure
from vertelpunt.csvsafe import TRIGGERS

MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
MAX_SCANNED_ROWS = 20_000  # lines looked at, empty ones included
FIELDS = ("indicator", "period", "value", "unit", "source")
REQUIRED = ("indicator", "period", "value")
# What each column is called in the file (and in the export), and every name that means it.
COLUMN_NAMES = {
    "indicator": "indicator",
    "period": "periode",
    "value": "waarde",
    "unit": "eenheid",
    "source": "bron",
}
HEADERS = {
    "indicator": ("indicator", "indicatoren", "cijfer", "onderwerp"),
    "period": ("periode", "period", "jaar", "year"),
    "value": ("waarde", "value", "aantal", "getal"),
    "unit": ("eenheid", "unit"),
    "source": ("bron", "source"),
}
LIMITS = {"indicator": 200, "period": 50, "unit": 50, "source": 300}  # as in the HardFigure model
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
TEMPLATE_ROWS = (
    ("Jeugdigen met jeugdhulp", "2023", 1234.0, "jeugdigen", "CBS Jeugdmonitor"),
    ("Jeugdigen met jeugdhulp", "2024", 1187.0, "jeugdigen", "CBS Jeugdmonitor"),
    ("Uithuisplaatsingen per 1.000 jeugdigen", "2024", 12.5, "per 1.000", "Gemeente"),
)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention Babel looks for
    """Mark a message for translation; the view translates it when it is shown."""
    return message


@dataclass(frozen=True)
class Problem:
    """Why the file cannot be imported: ``row`` is the file's line (1 = header), ``column`` its name."""

    row: int | None
    message: str
    column: str | None = None
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FigureRow:
    """One good row of the file."""

    row: int
    indicator: str
    period: str
    value: float
    unit: str = ""
    source: str = ""


@dataclass(frozen=True)
class Upload:
    """The rows read and the problems found; import only when there are no problems."""

    rows: tuple[FigureRow, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True)
class IndicatorGroup:
    """An indicator's figures, period by period."""

    indicator: str
    figures: tuple[HardFigure, ...]

    @property
    def units(self) -> str:
        """The units used, joined (usually one)."""
        return ", ".join(dict.fromkeys(f.unit for f in self.figures if f.unit))

    @property
    def sources(self) -> str:
        """The sources named, joined."""
        return ", ".join(dict.fromkeys(f.source for f in self.figures if f.source))


# --- Reading ------------------------------------------------------------------------------------------


def read_csv(data: bytes) -> Upload:
    """Read and check an uploaded CSV file; every problem is reported, nothing is stored here."""
    if len(data) > MAX_BYTES:
        return _refuse(N_("Het bestand is groter dan 1 MB."))
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return _refuse(N_("Dit is een Excel-bestand. Sla het op als CSV (puntkomma- of kommagescheiden)."))
    text = spreadsheets.decode_text(data)
    if not text.strip():
        return _refuse(N_("Het bestand is leeg. Zet de kopregel en minstens één cijfer erin."))
    try:
        lines = spreadsheets.csv_rows(text)
    except csv.Error:
        return _refuse(N_("Dit bestand kan ik niet lezen als CSV."))
    return read_rows(lines)


def read_rows(lines: Iterable[Sequence[str]]) -> Upload:
    """Check a header row and the rows under it; row numbers count from 1, the header included."""
    numbered = ((number, [_clean(cell) for cell in line]) for number, line in enumerate(lines, start=1))
    header = next(((n, line) for n, line in numbered if any(line)), None)
    if header is None:
        return _refuse(N_("Het bestand is leeg. Zet de kopregel en minstens één cijfer erin."))
    columns, problems = _columns(header[1])
    if problems:
        return Upload(problems=tuple(problems))
    rows: list[FigureRow] = []
    seen: dict[tuple[str, str], int] = {}
    count = 0
    for number, line in numbered:
        if number > MAX_SCANNED_ROWS:
            return _refuse(N_("Het bestand heeft meer dan %(max)s regels."), max=MAX_SCANNED_ROWS)
        if not any(line):
            continue
        count += 1
        if count > MAX_ROWS:
            return _refuse(
                N_("Er staan meer dan %(max)s cijfers in het bestand. Importeer hooguit %(max)s rijen."),
                max=MAX_ROWS,
            )
        if len(line) > len(header[1]) and any(line[len(header[1]) :]):
            problems.append(
                Problem(
                    number,
                    N_(
                        "deze rij heeft meer cellen dan de kopregel. Staat er een komma in een getal? "
                        "Zet de waarde tussen aanhalingstekens of gebruik ; tussen de kolommen."
                    ),
                )
            )
            continue
        values = {name: line[index] if index < len(line) else "" for name, index in columns.items()}
        good, found = _check_row(number, values)
        problems += found
        if good is None:
            continue
        key = (good.indicator.casefold(), good.period.casefold())
        if key in seen:
            problems.append(
                Problem(
                    number,
                    N_("'%(indicator)s' over %(period)s staat ook al op rij %(other)s."),
                    params={"indicator": good.indicator, "period": good.period, "other": seen[key]},
                )
            )
        else:
            seen[key] = number
            rows.append(good)
    if count == 0:
        return _refuse(N_("Onder de kopregel staan geen cijfers."))
    return Upload(rows=tuple(rows), problems=tuple(problems))


def parse_number(text: str) -> float | None:
    """A figure as written in the file: ``12,5``, ``12.5``, ``1.234,5``, ``1,234.5``, ``-3`` or ``1234``.

    None when it is not a number, or when it is ambiguous: a single point or comma followed by exactly
    three digits (``1.234``, ``1,234``) could be a thousands separator or a decimal one.
    """
    raw = text.replace("\u00a0", " ").replace("\u202f", " ").strip()
    if not raw:
        return None
    if " " in raw:  # spaces only between groups of three digits: "1 234 567,5"
        if not re.fullmatch(r"[+-]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?", raw):
            return None
        raw = raw.replace(" ", "")
    if "." in raw and "," in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _sep, fraction = raw.rpartition(decimal)
        if not re.fullmatch(r"[+-]?\d{1,3}(?:" + re.escape(thousands) + r"\d{3})+", whole):
            return None
        raw = whole.replace(thousands, "") + "." + fraction
    elif raw.count(",") > 1 or raw.count(".") > 1:
        separator = "," if "," in raw else "."
        if not re.fullmatch(r"[+-]?\d{1,3}(?:" + re.escape(separator) + r"\d{3})+", raw):
            return None
        raw = raw.replace(separator, "")
    elif re.fullmatch(r"[+-]?\d{1,3}[.,]\d{3}", raw) and not re.fullmatch(r"[+-]?0[.,]\d{3}", raw):
        return None
    else:
        raw = raw.replace(",", ".")
    if not NUMBER.fullmatch(raw):
        return None
    value = float(raw)
    return value if math.isfinite(value) else None


def _refuse(message: str, **params: Any) -> Upload:
    return Upload(problems=(Problem(None, message, params=params),))


def _key(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def _clean(cell: str) -> str:
    text = " ".join(cell.split())
    # Undo our own export's formula protection: "'=..." was "=..." (it is protected again on export).
    if text.startswith("'") and text[1:].startswith(TRIGGERS):
        return text[1:]
    return text


def _columns(header: Sequence[str]) -> tuple[dict[str, int], list[Problem]]:
    names = {_key(alias): name for name, aliases in HEADERS.items() for alias in aliases}
    columns: dict[str, int] = {}
    problems: list[Problem] = []
    for index, title in enumerate(header):
        name = names.get(_key(title))
        if name is None:
            continue
        if name in columns:
            problems.append(
                Problem(
                    1, N_("de kolom '%(column)s' staat twee keer in de kopregel."), params={"column": title}
                )
            )
        else:
            columns[name] = index
    if any(name not in columns for name in REQUIRED):
        problems.append(
            Problem(
                1,
                N_(
                    "de eerste rij moet de kolomnamen hebben: indicator, periode, waarde, eenheid, bron "
                    "(indicator, periode en waarde zijn nodig)."
                ),
            )
        )
    return columns, problems


def _check_row(number: int, values: Mapping[str, str]) -> tuple[FigureRow | None, list[Problem]]:
    problems: list[Problem] = []
    for name in ("indicator", "period"):
        if not values.get(name):
            problems.append(Problem(number, N_("vul dit in."), COLUMN_NAMES[name]))
    for name, limit in LIMITS.items():
        if len(values.get(name, "")) > limit:
            problems.append(
                Problem(number, N_("te lang (hooguit %(max)s tekens)."), COLUMN_NAMES[name], {"max": limit})
            )
    raw = values.get("value", "")
    value = parse_number(raw)
    if not raw:
        problems.append(Problem(number, N_("vul een getal in."), COLUMN_NAMES["value"]))
    elif value is None:
        problems.append(
            Problem(
                number,
                N_(
                    "'%(value)s' is geen getal. Schrijf bijvoorbeeld 12,5 of 1234 (zonder punt voor duizendtallen)."
                ),
                COLUMN_NAMES["value"],
                {"value": raw[:50]},
            )
        )
    if problems or value is None:
        return None, problems
    return (
        FigureRow(
            row=number,
            indicator=values["indicator"],
            period=values["period"],
            value=value,
            unit=values.get("unit", ""),
            source=values.get("source", ""),
        ),
        [],
    )


# --- Storing and listing ------------------------------------------------------------------------------


def replace_figures(session: Session, coalition_id: int, rows: Sequence[FigureRow]) -> int:
    """Replace the coalition's figures with ``rows`` (the caller commits, or rolls back: all or nothing)."""
    delete_all(session, coalition_id)
    session.add_all(
        HardFigure(
            coalition_id=coalition_id,
            indicator=row.indicator,
            period=row.period,
            value=row.value,
            unit=row.unit,
            source=row.source,
        )
        for row in rows
    )
    session.flush()
    return len(rows)


def delete_all(session: Session, coalition_id: int) -> None:
    """Remove all of the coalition's figures (the caller commits)."""
    session.execute(sa.delete(HardFigure).where(col(HardFigure.coalition_id) == coalition_id))


def figures(session: Session, coalition_id: int) -> list[HardFigure]:
    """The coalition's figures in upload order."""
    return list(
        session.exec(
            select(HardFigure).where(HardFigure.coalition_id == coalition_id).order_by(col(HardFigure.id))
        )
    )


def grouped(items: Iterable[HardFigure]) -> list[IndicatorGroup]:
    """Figures by indicator (in the order they first appear), each indicator's periods in natural order."""
    groups: dict[str, list[HardFigure]] = {}
    for item in items:
        groups.setdefault(item.indicator, []).append(item)
    return [
        IndicatorGroup(indicator, tuple(sorted(members, key=lambda f: _natural(f.period))))
        for indicator, members in groups.items()
    ]


def _natural(text: str) -> list[tuple[int, int | str]]:
    """ "2023-Q2" sorts before "2023-Q10", and "2019" before "2020"."""
    return [
        (0, int(part)) if part.isdigit() else (1, part.casefold())
        for part in re.split(r"(\d+)", text)
        if part
    ]


def format_number(value: float) -> str:
    """A figure with a decimal comma and no thousands separator: 1234, 12,5, -0,25."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = repr(value).replace(".", ",")
    # "2,125" would read as ambiguous (thousands or decimals?) on upload: "2,1250" is not.
    if re.fullmatch(r"-?[1-9]\d{0,2},\d{3}", text):
        text += "0"
    return text


# --- Export -------------------------------------------------------------------------------------------


def csv_chunks(items: Iterable[HardFigure | Sequence[Any]]) -> Iterator[str]:
    """Figures as CSV for Dutch Excel: a byte order mark, the header row, ``;`` between cells, decimal
    commas; every cell neutralised so that no spreadsheet runs it as a formula."""
    rows = []
    for item in items:
        if isinstance(item, HardFigure):
            item = (item.indicator, item.period, item.value, item.unit, item.source)
        indicator, period, value, unit, source = item
        rows.append([indicator, period, format_number(float(value)), unit, source])
    return spreadsheets.csv_chunks([COLUMN_NAMES[name] for name in FIELDS], rows, delimiter=";")


def template_chunks() -> Iterator[str]:
    """A CSV template to fill in: the header row and three example rows."""
    return csv_chunks(TEMPLATE_ROWS)
