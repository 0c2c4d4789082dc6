"""Reading organisation tables (pure: no app, no database)."""

from __future__ import annotations

import io
import zipfile

import pytest

from coalitions import organisations_import as oi
from vertelpunt import questionnaire

KINDS = oi.kinds_from_question(questionnaire.parse(questionnaire.read_file()).get("organisation_type"), "nl")


def messages(table: oi.Table) -> list[tuple[int | None, str]]:
    return [(p.row, p.message % p.params if p.params else p.message) for p in table.problems]


def test_kinds_come_from_the_questionnaire_without_none() -> None:
    values = [k.value for k in KINDS]
    assert "youth_care" in values and "other" in values and "none" not in values
    assert oi.kinds_from_question(None, "nl") == (oi.Kind("other", "other"),)


@pytest.mark.parametrize(
    "text",
    [
        "naam\ttype\tleeftijden\nDe Linde\tSchool\t0-12\n",
        "Naam;Soort;Leeftijd\nDe Linde;school;0-12\n",
        "Name,Kind,Ages\nDe Linde,SCHOOL,0-12 jaar\n",
        "\ufeffOrganisatie;Organisatietype;Leeftijdscategorieën\n\nDe Linde;School;0–12\n",
    ],
)
def test_delimiters_and_header_names(text: str) -> None:
    table = oi.read_text(text, kinds=KINDS)
    assert table.problems == ()
    [row] = table.rows
    assert (row.name, row.kind, row.age_categories) == ("De Linde", "school", ("0-12",))


def test_types_by_value_or_label_in_either_language() -> None:
    text = "naam\ttype\nA\tyouth_care\nB\tNeighbourhood team\nC\tgemeente\nD\tGP, mental health or hospital\n"
    assert [r.kind for r in oi.read_text(text, kinds=KINDS).rows] == [
        "youth_care",
        "neighbourhood_team",
        "municipality",
        "health",
    ]


def test_ages_are_split_deduplicated_and_ordered() -> None:
    text = 'naam,type,leeftijden\nA,school,"18+; 0-12, 0-12"\nB,school,18plus/12-18\n'
    assert [r.age_categories for r in oi.read_text(text, kinds=KINDS).rows] == [
        ("0-12", "18plus"),
        ("12-18", "18plus"),
    ]


def test_every_row_is_checked_and_numbered_like_the_spreadsheet() -> None:
    text = "naam;type\n\nGoed;school\nFout;bakkerij\n;school\nLeeg;\n" + "X" * 201 + ";school\n"
    table = oi.read_text(text, kinds=KINDS)
    assert [r.name for r in table.rows] == ["Goed"]
    found = messages(table)
    assert [row for row, _ in found] == [4, 5, 6, 7]
    assert found[0][1].startswith("type 'bakkerij' ken ik niet; kies uit 'Jeugdhulp', 'Wijkteam'")
    assert found[3][1] == "de naam is te lang (hooguit 200 tekens)."


def test_header_problems() -> None:
    assert messages(oi.read_text("De Linde\tschool\n", kinds=KINDS))[0][1].startswith("De eerste rij moet")
    twice = oi.read_text("naam;name;type\nA;A;school\n", kinds=KINDS)
    assert messages(twice) == [(None, "De kolom 'name' staat twee keer in de kopregel.")]
    assert messages(oi.read_text("naam;type\n\n", kinds=KINDS)) == [
        (None, "Onder de kopregel staan geen organisaties.")
    ]
    assert oi.read_text("naam;type;e-mail\nA;school;a@b.nl\n", kinds=KINDS).ignored_columns == ("e-mail",)


def test_duplicates_within_the_table_and_with_existing_names() -> None:
    table = oi.read_text("naam;type\nDe Linde;school\nHet Baken;school\nde linde;school\n", kinds=KINDS)
    assert messages(table) == [(4, "'de linde' staat ook al op rij 2.")]
    checked = oi.without_existing(table, ["HET BAKEN"])
    assert [row for row, _ in messages(checked)] == [3, 4]


def test_limits() -> None:
    many = "naam;type\n" + "".join(f"Org {n};school\n" for n in range(oi.MAX_ROWS + 1))
    assert messages(oi.read_text(many, kinds=KINDS))[0][1].startswith("Er staan meer dan 1000 organisaties")
    exactly = "naam;type\n" + "".join(f"Org {n};school\n" for n in range(oi.MAX_ROWS))
    assert len(oi.read_text(exactly, kinds=KINDS).rows) == oi.MAX_ROWS
    big = "naam;type\n" + "A;school\n" * 120_000
    assert "groter dan 1 MB" in messages(oi.read_text(big, kinds=KINDS))[0][1]
    assert "groter dan 1 MB" in messages(oi.read_upload(big.encode(), kinds=KINDS))[0][1]


def test_files_that_are_not_readable() -> None:
    old_excel = oi.read_upload(b"\xd0\xcf\x11\xe0" + b"\0" * 100, kinds=KINDS)
    assert "(.xls)" in messages(old_excel)[0][1]
    broken = oi.read_upload(b"PK\x03\x04 not really a zip", kinds=KINDS)
    assert "kan ik niet lezen" in messages(broken)[0][1]
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (oi.MAX_UNPACKED_BYTES + 1))
    assert len(bomb.getvalue()) < oi.MAX_BYTES
    assert "kan ik niet lezen" in messages(oi.read_upload(bomb.getvalue(), kinds=KINDS))[0][1]
    not_a_workbook = io.BytesIO()
    with zipfile.ZipFile(not_a_workbook, "w") as archive:
        archive.writestr("hello.txt", "hallo")
    assert "kan ik niet lezen" in messages(oi.read_upload(not_a_workbook.getvalue(), kinds=KINDS))[0][1]


def test_quoted_cells_from_excel_keep_their_content() -> None:
    text = 'naam\ttype\tcontactpersoon\n"Stichting ""Thuis""\nNoord"\tschool\tJan\n'
    [row] = oi.read_text(text, kinds=KINDS).rows
    assert row.name == 'Stichting "Thuis" Noord' and row.contact_name == "Jan"
