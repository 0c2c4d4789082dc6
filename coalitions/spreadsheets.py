"""Spreadsheet tables in and out. Pure: no Flask.

Downloads (CSV or XLSX) are built per request in memory, never written to disk (they may hold invite
link tokens), and no spreadsheet program will run a cell of them as a formula. Uploads and pasted
tables are read the way spreadsheet programs write them: UTF-8 or Excel's Windows code page, and a tab,
semicolon or comma between cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

import xlsxwriter

from vertelpunt.csvsafe import neutralise

CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_chunks(
    header: Sequence[object], rows: Iterable[Sequence[object]], *, delimiter: str = ","
) -> Iterator[str]:
    """The table as CSV, a line at a time: a byte order mark first (Excel then reads UTF-8), every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    yield "\ufeff"
    for row in (header, *rows):
        writer.writerow([neutralise(cell) for cell in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence[object]], *, sheet: str) -> bytes:
    """The table as an .xlsx workbook in which every cell is plain text (no formulas, no hyperlinks)."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        output,
        # in_memory: xlsxwriter would otherwise assemble the file in temporary files on disk.
        {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
    )
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    widths = [len(title) for title in header]
    for col, title in enumerate(header):
        worksheet.write_string(0, col, title, bold)
    for row_number, row in enumerate(rows, start=1):
        for col, cell in enumerate(row):
            text = "" if cell is None else str(cell)
            worksheet.write_string(row_number, col, text)
            if col < len(widths):
                widths[col] = max(widths[col], len(text))
    for col, width in enumerate(widths):
        worksheet.set_column(col, col, min(width + 2, 80))
    worksheet.freeze_panes(1, 0)
    workbook.close()
    return output.getvalue()


def decode_text(data: bytes) -> str:
    """An uploaded file as text: UTF-8 (a byte order mark is dropped), else Excel's Windows code page."""
    # Excel on Windows saves "CSV" in the ANSI code page unless asked for UTF-8.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def csv_rows(text: str) -> list[list[str]]:
    """The cells of a CSV or pasted table; the separator (tab, ``;`` or ``,``) is judged from the first
    line. Raises ``csv.Error`` for text that is not a table."""
    text = text.lstrip("\ufeff")
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "\t" in first:
        delimiter = "\t"
    elif first.count(";") >= first.count(",") and ";" in first:
        delimiter = ";"
    else:
        delimiter = ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
