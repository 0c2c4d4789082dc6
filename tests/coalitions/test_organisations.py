"""Organisation and link screens: list, add, import, edit, close and reopen links, downloads, and access."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
import xlsxwriter
from flask.testing import FlaskClient
from openpyxl import load_workbook
from sqlmodel import Session, select

from coalitions import services
from coalitions.models import Coalition, InviteLink, Organisation
from tests.coalitions.conftest import login
from tests.coalitions.staff_helpers import PASSWORD, make_user
from tests.conftest import make_app
from tests.factories import make_coalition, make_link, make_organisation

PASTED = (
    "Naam\tType\tContactpersoon\tLeeftijden\n"
    "Wijkteam Noord\tWijkteam\tFatima de Vries\t0-12, 12-18\n"
    "Het Baken\tschool\t\t12-18\n"
    "Jeugdhulp Oost\tYouth care\tPiet\t\n"
)


@pytest.fixture
def coalition(session: Session) -> Coalition:
    return make_coalition(session, slug="regio-noord")


def url(coalition: Coalition, path: str = "") -> str:
    return f"/coalitions/{coalition.slug}/{path}"


def organisations_of(session: Session, coalition: Coalition) -> list[Organisation]:
    session.rollback()  # end the test session's snapshot: see what the requests committed
    query = select(Organisation).where(Organisation.coalition_id == coalition.id).order_by(Organisation.name)
    return list(session.exec(query))


def links_of(session: Session, organisation: Organisation) -> list[InviteLink]:
    return services.organisation_links(session, organisation=organisation)


def test_list_shows_organisations_with_type_label_ages_and_link_count(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    org = make_organisation(
        session,
        coalition,
        name="Wijkteam Zuid",
        kind="neighbourhood_team",
        contact_name="Anna",
        age_categories=["0-12", "18plus"],
    )
    make_link(session, coalition, organisation=org)
    make_link(session, coalition, organisation=org)
    login(client, session, coalition=coalition)
    page = client.get(url(coalition, "organisaties"))
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?</tr>", text, re.S).group(0)
    assert "Wijkteam Zuid" in row and "Wijkteam</td>" in row and "Anna" in row
    assert "0-12, 18+" in row and "<td>2</td>" in row
    assert 'scope="col"' in text and "Organisatie toevoegen" in text
    assert "Algemene link maken" in text  # no general link yet


def test_list_is_paged_by_fifty(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    for n in range(51):
        services.add_organisation(session, coalition=coalition, name=f"Organisatie {n:02d}", kind="school")
    session.commit()
    login(client, session, coalition=coalition)
    first = client.get(url(coalition, "organisaties")).get_data(as_text=True)
    assert first.count('scope="row"') == 50 and "Pagina 1 van 2" in first and "Organisatie 49" in first
    second = client.get(url(coalition, "organisaties?page=2")).get_data(as_text=True)
    assert second.count('scope="row"') == 1 and "Organisatie 50" in second and "Vorige pagina" in second
    beyond = client.get(url(coalition, "organisaties?page=99")).get_data(as_text=True)
    assert "Pagina 2 van 2" in beyond
    assert client.get(url(coalition, "organisaties?page=abc")).status_code == 200


def test_add_organisation_with_errors_keeps_input(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    make_organisation(session, coalition, name="Het Baken")
    login(client, session, coalition=coalition)
    empty = client.post(
        url(coalition, "organisaties"),
        data={"name": "   ", "kind": "school", "contact_name": "Karin Smit", "age_categories": ["12-18"]},
    )
    assert empty.status_code == 422
    text = empty.get_data(as_text=True)
    assert "Vul de naam van de organisatie in." in text and 'aria-invalid="true"' in text
    assert 'value="Karin Smit"' in text and re.search(r'<input checked[^>]*value="12-18"', text)
    assert re.search(r'<option selected value="school">|<option value="school" selected', text)
    taken = client.post(url(coalition, "organisaties"), data={"name": "Het Baken", "kind": "school"})
    assert taken.status_code == 422 and "al een organisatie met deze naam" in taken.get_data(as_text=True)
    bad_type = client.post(url(coalition, "organisaties"), data={"name": "Bakkerij", "kind": "bakery"})
    assert bad_type.status_code == 422
    assert [o.name for o in organisations_of(session, coalition)] == ["Het Baken"]


def test_add_organisation_creates_it_with_a_first_link(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    response = client.post(
        url(coalition, "organisaties"),
        data={
            "name": " Basisschool De Linde ",
            "kind": "school",
            "contact_name": "Karin",
            "age_categories": ["0-12"],
        },
    )
    assert response.status_code == 302
    [org] = organisations_of(session, coalition)
    assert response.headers["Location"].endswith(f"/organisaties/{org.id}")
    assert (org.name, org.kind, org.contact_name, org.age_categories) == (
        "Basisschool De Linde",
        "school",
        "Karin",
        ["0-12"],
    )
    [link] = links_of(session, org)
    assert link.prefill == {"organisation": org.name, "organisation_type": "school", "age_category": "0-12"}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"http://localhost/i/{link.token}" in page and "is toegevoegd" in page


def test_import_with_row_errors_imports_nothing_and_keeps_the_text(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    make_organisation(session, coalition, name="Het Baken")
    login(client, session, coalition=coalition)
    pasted = (
        "naam;type;contactpersoon;leeftijden\n"
        "Wijkteam Noord;Wijkteam;Fatima;0-12\n"
        "Bakker & Zn;bakkerij;;\n"
        "Kinderopvang Zon;Jeugdhulp;;0-4\n"
        "het baken;school;;\n"
        ";school;;\n"
        "Wijkteam noord;Gemeente;;\n"
    )
    response = client.post(url(coalition, "organisaties/importeren"), data={"table": pasted})
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    problems = [html.unescape(p) for p in re.findall(r"<li>(Rij .*?)</li>", text)]
    assert problems[0].startswith("Rij 3: type 'bakkerij' ken ik niet; kies uit 'Jeugdhulp', 'Wijkteam'")
    assert "'Geen organisatie'" not in problems[0]
    assert problems[1] == "Rij 4: leeftijd '0-4' ken ik niet; gebruik 0-12, 12-18 en 18plus."
    assert problems[2] == "Rij 5: 'het baken' staat al in de lijst van deze coalitie."
    assert problems[3] == "Rij 6: vul de naam van de organisatie in."
    assert problems[4] == "Rij 7: 'Wijkteam noord' staat ook al op rij 2."
    assert len(problems) == 5
    assert html.escape(pasted, quote=False).strip() in text  # the textarea keeps the table
    assert [o.name for o in organisations_of(session, coalition)] == ["Het Baken"]


def test_import_refuses_a_table_without_header(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    response = client.post(
        url(coalition, "organisaties/importeren"), data={"table": "Wijkteam Noord\tWijkteam\n"}
    )
    assert response.status_code == 422
    assert "De eerste rij moet de kolomnamen hebben" in response.get_data(as_text=True)
    nothing = client.post(url(coalition, "organisaties/importeren"), data={"table": ""})
    assert nothing.status_code == 422 and "Plak een tabel" in nothing.get_data(as_text=True)


def test_import_creates_organisations_each_with_a_link(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    assert client.get(url(coalition, "organisaties/importeren")).status_code == 200
    response = client.post(url(coalition, "organisaties/importeren"), data={"table": PASTED})
    assert response.status_code == 302 and response.headers["Location"].endswith("/organisaties")
    orgs = {o.name: o for o in organisations_of(session, coalition)}
    assert sorted(orgs) == ["Het Baken", "Jeugdhulp Oost", "Wijkteam Noord"]
    noord = orgs["Wijkteam Noord"]
    assert (noord.kind, noord.contact_name, noord.age_categories) == (
        "neighbourhood_team",
        "Fatima de Vries",
        ["0-12", "12-18"],
    )
    assert orgs["Jeugdhulp Oost"].kind == "youth_care" and orgs["Jeugdhulp Oost"].age_categories == []
    for org in orgs.values():
        [link] = links_of(session, org)
        assert link.prefill["organisation"] == org.name and link.prefill["organisation_type"] == org.kind
    assert links_of(session, orgs["Het Baken"])[0].prefill["age_category"] == "12-18"
    assert links_of(session, noord)[0].prefill["age_category"] == "unknown"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "3 organisaties zijn geïmporteerd" in page


def test_import_accepts_english_headers_and_commas(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    pasted = 'Name,Type,Contact,Age categories,Notes\nDe Brug,Council,"Jansen, K.","12-18, 18plus",x\n'
    response = client.post(url(coalition, "organisaties/importeren"), data={"table": pasted})
    assert response.status_code == 302
    [org] = organisations_of(session, coalition)
    assert (org.name, org.kind, org.contact_name, org.age_categories) == (
        "De Brug",
        "municipality",
        "Jansen, K.",
        ["12-18", "18plus"],
    )
    assert "Deze kolommen zijn overgeslagen: Notes." in client.get(url(coalition, "organisaties")).get_data(
        as_text=True
    )


def xlsx_file(rows: list[list[object]]) -> bytes:
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    workbook.close()
    return output.getvalue()


def test_import_from_an_xlsx_upload(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, coalition=coalition)
    data = xlsx_file(
        [
            ["Organisatie", "Soort", "Contact", "Leeftijd"],
            ["Sportclub 1904", "Een andere organisatie", "Lotte", "18+"],
            [],
            [1234, "GP, mental health or hospital", None, "0-12;12-18"],
        ]
    )
    response = client.post(
        url(coalition, "organisaties/importeren"),
        data={"table": "", "upload": (io.BytesIO(data), "organisaties.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    orgs = {o.name: o for o in organisations_of(session, coalition)}
    assert orgs["Sportclub 1904"].kind == "other" and orgs["Sportclub 1904"].age_categories == ["18plus"]
    assert orgs["1234"].kind == "health" and orgs["1234"].age_categories == ["0-12", "12-18"]
    assert all(len(links_of(session, org)) == 1 for org in orgs.values())


def test_xlsx_upload_errors_name_the_spreadsheet_row(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    data = xlsx_file([["naam", "type"], ["Goed", "school"], [], ["Fout", "bakkerij"]])
    response = client.post(
        url(coalition, "organisaties/importeren"),
        data={"upload": (io.BytesIO(data), "organisaties.xlsx")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    text = html.unescape(response.get_data(as_text=True))
    assert "Rij 4: type 'bakkerij' ken ik niet" in text and "Kies het bestand opnieuw" in text
    assert organisations_of(session, coalition) == []


def test_import_from_a_windows_csv_upload(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    data = "naam;type;contactpersoon\r\nCafé de Hoek;Gemeente;Zoë\r\n".encode("cp1252")
    response = client.post(
        url(coalition, "organisaties/importeren"),
        data={"upload": (io.BytesIO(data), "organisaties.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    [org] = organisations_of(session, coalition)
    assert (org.name, org.contact_name) == ("Café de Hoek", "Zoë")


def test_edit_organisation_updates_its_links(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    org = make_organisation(session, coalition, name="Jeugdhulp Oost", kind="youth_care")
    make_organisation(session, coalition, name="Het Baken")
    link = make_link(session, coalition, organisation=org, perspective="parent")
    login(client, session, coalition=coalition)
    page = client.get(url(coalition, f"organisaties/{org.id}"))
    assert page.status_code == 200 and 'value="Jeugdhulp Oost"' in page.get_data(as_text=True)
    taken = client.post(
        url(coalition, f"organisaties/{org.id}"), data={"name": "Het Baken", "kind": "school"}
    )
    assert taken.status_code == 422 and "al een organisatie met deze naam" in taken.get_data(as_text=True)
    saved = client.post(
        url(coalition, f"organisaties/{org.id}"),
        data={"name": "Jeugdzorg Oost", "kind": "health", "contact_name": "Sam", "age_categories": ["12-18"]},
    )
    assert saved.status_code == 302
    session.rollback()
    session.refresh(org)
    session.refresh(link)
    assert (org.name, org.kind, org.contact_name, org.age_categories) == (
        "Jeugdzorg Oost",
        "health",
        "Sam",
        ["12-18"],
    )
    assert link.prefill == {
        "organisation": "Jeugdzorg Oost",
        "organisation_type": "health",
        "age_category": "12-18",
        "perspective": "parent",
    }


def test_add_link_defaults_to_the_age_served(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    org = make_organisation(session, coalition, age_categories=["0-12"])
    login(client, session, coalition=coalition)
    page = client.get(url(coalition, f"organisaties/{org.id}")).get_data(as_text=True)
    assert re.search(r'<option selected value="0-12">|<option value="0-12" selected', page)
    response = client.post(
        url(coalition, f"organisaties/{org.id}/links"),
        data={"label": "Ouders", "age_category": "0-12", "perspective": "parent"},
    )
    assert response.status_code == 302
    bad = client.post(url(coalition, f"organisaties/{org.id}/links"), data={"age_category": "99"})
    assert bad.status_code == 422
    [link] = links_of(session, org)
    assert link.label == "Ouders" and link.prefill["perspective"] == "parent"
    assert link.prefill["age_category"] == "0-12"


def test_close_and_reopen_a_link(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    org = make_organisation(session, coalition)
    link = make_link(session, coalition, organisation=org, label="Jongeren")
    login(client, session, coalition=coalition)
    closed = client.post(url(coalition, f"links/{link.id}/sluiten"))
    assert closed.status_code == 302 and closed.headers["Location"].endswith(f"/organisaties/{org.id}")
    session.rollback()
    session.refresh(link)
    assert link.is_closed
    page = client.get(closed.headers["Location"]).get_data(as_text=True)
    assert "gesloten" in page and "Weer openen" in page
    assert client.post(url(coalition, f"links/{link.id}/heropenen")).status_code == 302
    session.rollback()
    session.refresh(link)
    assert not link.is_closed
    assert client.get(url(coalition, f"links/{link.id}/sluiten")).status_code == 405


def test_general_link_is_created_once(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, coalition=coalition)
    assert client.post(url(coalition, "links/algemeen")).status_code == 302
    again = client.post(url(coalition, "links/algemeen"), follow_redirects=True)
    assert "al een algemene link" in again.get_data(as_text=True)
    session.rollback()
    general = services.general_link(session, coalition=coalition)
    assert general is not None and general.prefill == {}
    assert len(services.list_links(session, coalition=coalition)) == 1
    page = client.get(url(coalition, "organisaties")).get_data(as_text=True)
    assert f"http://localhost/i/{general.token}" in page and "Algemene link sluiten" in page
    assert (
        client.post(url(coalition, f"links/{general.id}/sluiten"))
        .headers["Location"]
        .endswith("/organisaties")
    )


@pytest.fixture
def export_world(session: Session, coalition: Coalition) -> dict:
    evil = make_organisation(session, coalition, name='=HYPERLINK("http://evil.example","klik")')
    closed = make_link(session, coalition, organisation=evil, label="+SUM(1,2)", perspective="youth")
    services.close_link(session, closed)
    session.commit()
    plain = make_organisation(session, coalition, name="Wijkteam Noord", age_categories=["0-12", "12-18"])
    open_link = make_link(session, coalition, organisation=plain)
    general = make_link(session, coalition, general=True)
    return {"closed": closed, "open": open_link, "general": general}


HEADER = ["Organisatie", "Naam van de link", "Leeftijd", "Perspectief", "Status", "Link"]


def test_links_csv_download(
    client: FlaskClient, session: Session, coalition: Coalition, export_world: dict
) -> None:
    login(client, session, coalition=coalition, role="facilitator")  # reading is enough
    response = client.get(url(coalition, "links.csv"))
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == 'attachment; filename="links-regio-noord.csv"'
    assert response.headers["Cache-Control"] == "no-store"
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    assert rows[1] == [
        "Algemene link",
        "",
        "wordt gevraagd",
        "wordt gevraagd",
        "open",
        f"http://localhost/i/{export_world['general'].token}",
    ]
    evil = next(r for r in rows if "HYPERLINK" in r[0])
    assert evil[0] == '\'=HYPERLINK("http://evil.example","klik")' and evil[1] == "'+SUM(1,2)"
    assert evil[3] == "Kinderen en jongeren" and evil[4] == "gesloten"
    noord = next(r for r in rows if r[0] == "Wijkteam Noord")
    assert noord[2] == "wordt gevraagd" and noord[5].endswith(export_world["open"].token)
    assert len(rows) == 4


def test_links_xlsx_download_has_no_formulas(
    client: FlaskClient, session: Session, coalition: Coalition, export_world: dict
) -> None:
    login(client, session, coalition=coalition)
    response = client.get(url(coalition, "links.xlsx"))
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="links-regio-noord.xlsx"'
    assert response.headers["Cache-Control"] == "no-store"
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert cells and all(cell.data_type != "f" for cell in cells)
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == HEADER and len(values) == 4
    evil = next(r for r in values if "HYPERLINK" in r[0])
    assert evil[0] == '=HYPERLINK("http://evil.example","klik")' and evil[1] == "+SUM(1,2)"
    assert sheet.cell(row=2, column=6).hyperlink is None  # URLs stay text, too


def test_another_coalitions_objects_are_not_found(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    other = make_coalition(session)
    their_org = make_organisation(session, other)
    their_link = make_link(session, other, organisation=their_org)
    login(client, session, coalition=coalition)
    assert client.get(url(coalition, f"organisaties/{their_org.id}")).status_code == 404
    assert client.post(url(coalition, f"organisaties/{their_org.id}"), data={"name": "x"}).status_code == 404
    assert client.post(url(coalition, f"organisaties/{their_org.id}/links"), data={}).status_code == 404
    assert client.post(url(coalition, f"links/{their_link.id}/sluiten")).status_code == 404
    assert client.get(url(other, "organisaties")).status_code == 404
    assert client.get(url(other, "links.csv")).status_code == 404
    session.rollback()
    session.refresh(their_link)
    assert not their_link.is_closed


def test_facilitator_reads_but_cannot_change(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    org = make_organisation(session, coalition)
    link = make_link(session, coalition, organisation=org)
    login(client, session, coalition=coalition, role="facilitator")
    listing = client.get(url(coalition, "organisaties"))
    assert listing.status_code == 200 and "Organisatie toevoegen" not in listing.get_data(as_text=True)
    detail = client.get(url(coalition, f"organisaties/{org.id}")).get_data(as_text=True)
    assert link.token in detail and "Sluiten" not in detail and "Link maken" not in detail
    posts = [
        ("organisaties", {"name": "Nieuw", "kind": "school"}),
        ("organisaties/importeren", {"table": PASTED}),
        (f"organisaties/{org.id}", {"name": "Anders", "kind": "school"}),
        (f"organisaties/{org.id}/links", {"age_category": "0-12"}),
        (f"links/{link.id}/sluiten", {}),
        (f"links/{link.id}/heropenen", {}),
        ("links/algemeen", {}),
    ]
    for path, data in posts:
        assert client.post(url(coalition, path), data=data).status_code == 403, path
    assert client.get(url(coalition, "organisaties/importeren")).status_code == 403
    assert [o.name for o in organisations_of(session, coalition)] == [org.name]


def test_posts_need_a_csrf_token(database_url: str, session: Session) -> None:
    app = make_app(database_url)  # CSRF on, as in production
    try:
        coalition = make_coalition(session)
        user = make_user(session, coalition=coalition)
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        signed_in = client.post(
            "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
        )
        assert signed_in.status_code == 302
        form = client.get(url(coalition, "organisaties")).get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
        data = {"name": "Het Baken", "kind": "school"}
        assert client.post(url(coalition, "organisaties"), data=data).status_code == 400
        assert client.post(url(coalition, "links/algemeen")).status_code == 400
        assert (
            client.post(url(coalition, "organisaties"), data={**data, "csrf_token": token}).status_code == 302
        )
    finally:
        app.extensions["engine"].dispose()
