"""Regional figures: reading an uploaded CSV (Dutch or English headers, ; or , decimal commas, BOM),
per-row problems, all-or-nothing import, listing, export with formula protection, and who may do what."""

from __future__ import annotations

import csv
import html
import io

import pytest
from flask.testing import FlaskClient
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from coalitions.models import Coalition
from sensemaking import hard_data
from sensemaking.hard_data import parse_number, read_csv
from sensemaking.models import HardFigure
from tests.coalitions.conftest import login
from tests.factories import make_coalition

DUTCH = "indicator;periode;waarde;eenheid;bron\r\nUithuisplaatsingen;2023;125;jeugdigen;CBS\r\nUithuisplaatsingen;2024;118;jeugdigen;CBS\r\nJeugdhulp per 1.000;2024;12,5;per 1.000;Gemeente\r\n"


def problems(data: bytes) -> list[tuple[int | None, str | None, str]]:
    return [
        (p.row, p.column, p.message % p.params if p.params else p.message) for p in read_csv(data).problems
    ]


# --- Reading ------------------------------------------------------------------------------------------


def test_dutch_headers_semicolons_decimal_comma_and_bom() -> None:
    upload = read_csv(("\ufeff" + DUTCH).encode("utf-8"))
    assert upload.problems == ()
    assert [(r.row, r.indicator, r.period, r.value, r.unit, r.source) for r in upload.rows] == [
        (2, "Uithuisplaatsingen", "2023", 125.0, "jeugdigen", "CBS"),
        (3, "Uithuisplaatsingen", "2024", 118.0, "jeugdigen", "CBS"),
        (4, "Jeugdhulp per 1.000", "2024", 12.5, "per 1.000", "Gemeente"),
    ]


def test_english_headers_commas_and_no_bom() -> None:
    text = 'Indicator,Period,Value,Unit,Source\nPlacements,2024,"12,5",%,CBS\nPlacements,2025,13.75,%,\n'
    upload = read_csv(text.encode("utf-8"))
    assert upload.problems == ()
    assert [r.value for r in upload.rows] == [12.5, 13.75]
    assert upload.rows[1].source == ""


def test_unit_and_source_columns_may_be_left_out_and_columns_reordered() -> None:
    upload = read_csv(b"waarde;periode;indicator\n7;2024;Wachtlijst\n")
    assert upload.problems == () and upload.rows[0].value == 7 and upload.rows[0].unit == ""


def test_excel_code_page_is_read() -> None:
    upload = read_csv("indicator;periode;waarde\nGezinnen bereikt (één keer);2024;3\n".encode("cp1252"))
    assert upload.rows[0].indicator == "Gezinnen bereikt (één keer)"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1 234,5", 1234.5),
        ("1.234.567", 1234567.0),
        ("-3", -3.0),
        ("0,125", 0.125),
        ("2,1250", 2.125),
        ("1e5", 100000.0),
        ("1234", 1234.0),
    ],
)
def test_numbers_as_people_write_them(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "abc", "12,5%", "1.234", "1,234", "12 5", "nan", "inf", "1.2.3", "1,2.3,4"]
)
def test_not_a_number_or_ambiguous(text: str) -> None:
    assert parse_number(text) is None


def test_every_row_problem_names_row_and_column_in_dutch() -> None:
    text = "indicator;periode;waarde\nA;2023;12,5\nA;2024;veel\n;2024;3\nB;;\nA;2023;4\n"
    assert problems(text.encode()) == [
        (
            3,
            "waarde",
            "'veel' is geen getal. Schrijf bijvoorbeeld 12,5 of 1234 (zonder punt voor duizendtallen).",
        ),
        (4, "indicator", "vul dit in."),
        (5, "periode", "vul dit in."),
        (5, "waarde", "vul een getal in."),
        (6, None, "'A' over 2023 staat ook al op rij 2."),
    ]


def test_a_comma_in_an_unquoted_number_is_explained() -> None:
    found = problems(b"indicator,periode,waarde\nA,2024,12,5\n")
    assert found[0][0] == 2 and "meer cellen dan de kopregel" in found[0][2]


def test_header_row_is_required() -> None:
    found = problems(b"A;2024;12\nB;2024;13\n")
    assert found[0][0] == 1 and "kolomnamen" in found[0][2]
    assert problems(b"indicator;periode;waarde;Waarde\nA;1;2\n")[0][2].startswith("de kolom 'Waarde'")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Het bestand is leeg"),
        (b"indicator;periode;waarde\n\n", "Onder de kopregel staan geen cijfers"),
        (b"PK\x03\x04rest", "Excel-bestand"),
        (b"x" * (hard_data.MAX_BYTES + 1), "groter dan 1 MB"),
    ],
)
def test_files_refused_as_a_whole(data: bytes, message: str) -> None:
    found = problems(data)
    assert len(found) == 1 and found[0][0] is None and message in found[0][2]


def test_at_most_2000_rows() -> None:
    header = "indicator;periode;waarde\n"
    ok = header + "".join(f"A;{n};{n}\n" for n in range(2000))
    assert read_csv(ok.encode()).problems == () and len(read_csv(ok.encode()).rows) == 2000
    too_many = header + "".join(f"A;{n};{n}\n" for n in range(2001))
    upload = read_csv(too_many.encode())
    assert upload.rows == () and "meer dan 2000 cijfers" in (
        upload.problems[0].message % upload.problems[0].params
    )


def test_export_reads_back_in_and_neutralises_formulas() -> None:
    rows = [
        ('=HYPERLINK("http://x")', "2024", -3.5, "@eenheid", "+bron"),
        ("Plaatsingen", "2024", 2.125, "", ""),
        ("Plaatsingen", "2025", 1234.0, "", ""),
    ]
    body = "".join(hard_data.csv_chunks(rows))
    assert body.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert lines[0] == ["indicator", "periode", "waarde", "eenheid", "bron"]
    assert lines[1] == ['\'=HYPERLINK("http://x")', "2024", "'-3,5", "'@eenheid", "'+bron"]
    assert lines[2][2] == "2,1250" and lines[3][2] == "1234"
    again = read_csv(body.encode("utf-8"))
    assert again.problems == ()
    assert [(r.indicator, r.value, r.unit, r.source) for r in again.rows] == [
        (r[0], r[2], r[3], r[4]) for r in rows
    ]


def test_template_is_a_valid_upload() -> None:
    upload = read_csv("".join(hard_data.template_chunks()).encode("utf-8"))
    assert upload.problems == () and len(upload.rows) == 3


# --- The screens --------------------------------------------------------------------------------------


def url(coalition: Coalition, path: str = "") -> str:
    return f"/coalitions/{coalition.slug}/cijfers{path}"


def upload(client: FlaskClient, coalition: Coalition, data: bytes, name: str = "cijfers.csv"):
    return client.post(
        url(coalition), data={"upload": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def stored(session: Session, coalition: Coalition) -> list[tuple[str, str, float]]:
    session.rollback()  # end the read transaction: see what the app committed since
    rows = session.exec(
        select(HardFigure).where(HardFigure.coalition_id == coalition.id).order_by(HardFigure.id)
    )
    return [(f.indicator, f.period, f.value) for f in rows]


def test_upload_replaces_the_figures_and_lists_them_by_indicator(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    response = upload(client, coalition, ("\ufeff" + DUTCH).encode())
    assert response.status_code == 302
    assert stored(session, coalition) == [
        ("Uithuisplaatsingen", "2023", 125.0),
        ("Uithuisplaatsingen", "2024", 118.0),
        ("Jeugdhulp per 1.000", "2024", 12.5),
    ]
    page = html.unescape(client.get(url(coalition)).get_data(as_text=True))
    assert "3 cijfers zijn geïmporteerd" in page
    assert page.index("Uithuisplaatsingen") < page.index("Jeugdhulp per 1.000")
    assert "12,5" in page
    # A second file replaces the first.
    assert upload(client, coalition, b"indicator;periode;waarde\nWachtlijst;2025;40\n").status_code == 302
    assert stored(session, coalition) == [("Wachtlijst", "2025", 40.0)]
    # And the patterns page puts them beside the stories.
    patterns_page = html.unescape(client.get(f"/coalitions/{coalition.slug}/patronen").get_data(as_text=True))
    assert "Cijfers uit de regio" in patterns_page and "Wachtlijst" in patterns_page


def test_a_file_with_problems_changes_nothing_and_shows_every_problem(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    upload(client, coalition, DUTCH.encode())
    before = stored(session, coalition)
    response = upload(client, coalition, b"indicator;periode;waarde\nA;2024;1\nB;2024;twaalf\nC;;3\n")
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    assert "Er is niets geïmporteerd" in page
    assert "Rij 3, kolom waarde: 'twaalf' is geen getal" in page
    assert "Rij 4, kolom periode: vul dit in." in page
    assert stored(session, coalition) == before


def test_a_failure_while_storing_leaves_the_old_figures(
    client: FlaskClient, session: Session, coalition: Coalition, monkeypatch: pytest.MonkeyPatch
) -> None:
    login(client, session, coalition=coalition)
    upload(client, coalition, DUTCH.encode())
    before = stored(session, coalition)
    real = hard_data.replace_figures

    def half_then_fail(db: Session, coalition_id: int, rows) -> int:
        real(db, coalition_id, rows[:1])  # old figures deleted, one new one added ...
        raise SQLAlchemyError("disk full")  # ... and then the database gives up

    monkeypatch.setattr(hard_data, "replace_figures", half_then_fail)
    response = upload(client, coalition, b"indicator;periode;waarde\nA;2024;1\nB;2024;2\n")
    assert response.status_code == 422
    assert "Er is niets veranderd" in html.unescape(response.get_data(as_text=True))
    assert stored(session, coalition) == before


def test_no_file_chosen(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, coalition=coalition)
    response = client.post(url(coalition), data={}, content_type="multipart/form-data")
    assert response.status_code == 422 and "Kies een CSV-bestand" in response.get_data(as_text=True)


def test_export_has_a_header_and_protects_against_formulas(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    upload(client, coalition, b'indicator;periode;waarde;bron\n=SUM(A1);2024;"12,5";@bron\n')
    response = client.get(url(coalition, ".csv"))
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="cijfers-regio-oost.csv"'
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    lines = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert lines == [
        ["indicator", "periode", "waarde", "eenheid", "bron"],
        ["'=SUM(A1)", "2024", "12,5", "", "'@bron"],
    ]
    template = client.get(url(coalition, "/voorbeeld.csv"))
    assert template.status_code == 200 and template.get_data().startswith(
        b"\xef\xbb\xbfindicator;periode;waarde"
    )


def test_delete_all(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, coalition=coalition)
    upload(client, coalition, DUTCH.encode())
    assert client.post(url(coalition, "/verwijderen")).status_code == 302
    assert stored(session, coalition) == []


def test_facilitator_sees_the_figures_but_cannot_change_them(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    session.add(HardFigure(coalition_id=coalition.id, indicator="Wachtlijst", period="2025", value=40))
    session.commit()
    login(client, session, role="facilitator", coalition=coalition)
    page = client.get(url(coalition)).get_data(as_text=True)
    assert "Wachtlijst" in page and 'type="file"' not in page and "/cijfers/verwijderen" not in page
    assert client.get(url(coalition, ".csv")).status_code == 200
    assert upload(client, coalition, DUTCH.encode()).status_code == 403
    assert client.post(url(coalition, "/verwijderen")).status_code == 403
    assert stored(session, coalition) == [("Wachtlijst", "2025", 40.0)]


def test_another_coalitions_figures_are_not_found(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    session.add(HardFigure(coalition_id=coalition.id, indicator="Geheim", period="2025", value=1))
    session.commit()
    login(client, session, coalition=make_coalition(session, slug="elders"))
    for path in ("", ".csv", "/voorbeeld.csv"):
        assert client.get(url(coalition, path)).status_code == 404
    assert upload(client, coalition, DUTCH.encode()).status_code == 404
    assert client.post(url(coalition, "/verwijderen")).status_code == 404
    assert stored(session, coalition) == [("Geheim", "2025", 1.0)]
    # Their own page lists only their own figures.
    assert "Geheim" not in client.get("/coalitions/elders/cijfers").get_data(as_text=True)
