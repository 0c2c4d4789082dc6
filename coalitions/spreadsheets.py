"""Tables for download as CSV or XLSX that no spreadsheet program will run as formulas. Pure: no Flask.

Both are built per request in memory and never written to disk: they hold invite link tokens.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

import xlsxwriter

from vertelpunt.csvsafe import neutralise

CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_chunks(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    """The table as CSV, a line at a time: a byte order mark first (Excel then reads UTF-8), every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
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
