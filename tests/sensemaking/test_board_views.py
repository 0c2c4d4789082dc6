"""Board routes: joining by code, the session link as the only key, the JSON operations, the no-JavaScript
forms, the facilitator's controls and every export."""

from __future__ import annotations

import io
import json
import uuid
import xml.etree.ElementTree as ET

import pypdfium2
import pytest
from flask.testing import FlaskClient
from sqlmodel import Session

from coalitions.models import Coalition
from sensemaking import boards, workshops
from sensemaking.models import Workshop
from tests.coalitions.conftest import login
from tests.factories import make_coalition
from tests.sensemaking._workshops import add, apply, make_workshop, run_with_themes

SAME = {"Sec-Fetch-Site": "same-origin"}
XSS = '<img src=x onerror=alert(1)>"><script>alert(2)</script>'


def post_ops(client: FlaskClient, workshop: Workshop, *ops: dict, headers: dict | None = None):
    return client.post(f"/w/{workshop.token}/ops", json={"ops": list(ops)}, headers=headers or SAME)


def texts(session: Session, workshop: Workshop) -> list[str]:
    session.rollback()  # a fresh read: the requests wrote meanwhile
    return [h["text"] for h in boards.board_state(session, workshop)["hexagons"]]


# Participants ------------------------------------------------------------------------------------------


def test_join_by_code_leads_to_the_board(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    typed = workshops.format_code(workshop.code).upper()  # typed in capitals, with the dash
    response = client.post("/w", data={"code": f" {typed} "})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/w/{workshop.token}")
    page = client.get(f"/w/{workshop.token}")
    assert page.status_code == 200
    assert workshop.title in page.text


@pytest.mark.parametrize("code", ["", "abc", "zzzzzz", "<script>"])
def test_a_wrong_code_says_so_and_keeps_what_was_typed(client: FlaskClient, code: str) -> None:
    response = client.post("/w", data={"code": code})
    assert response.status_code == 400
    assert "code" in response.text.lower()
    assert "<script>" not in response.text


def test_a_closed_session_no_longer_opens(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    workshops.close_session(session, workshop)
    session.commit()
    assert client.get(f"/w/{workshop.token}").status_code == 410
    assert client.get(f"/w/{workshop.token}/state").status_code == 410
    assert post_ops(client, workshop, add()).status_code == 410
    assert client.post("/w", data={"code": workshop.code}).status_code == 400
    assert client.get("/w/onbekend-token").status_code == 404


def test_participant_adds_and_sees_the_state(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    response = post_ops(client, workshop, add("theme", "Wachten", 0, 0))
    assert response.status_code == 200
    assert [h["text"] for h in response.json["state"]["hexagons"]] == ["Wachten"]
    state = client.get(f"/w/{workshop.token}/state")
    assert state.json["hexagons"][0]["text"] == "Wachten"
    again = client.get(f"/w/{workshop.token}/state", headers={"If-None-Match": state.headers["ETag"]})
    assert again.status_code == 304


def test_operations_from_another_site_are_refused(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    assert post_ops(client, workshop, add(), headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403
    assert post_ops(client, workshop, add(), headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post(f"/w/{workshop.token}/ops", data="ops", headers=SAME).status_code == 415
    assert texts(session, workshop) == []


def test_locked_board_refuses_participants(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    workshops.set_locked(session, workshop, True)
    session.commit()
    response = post_ops(client, workshop, add())
    assert response.status_code == 423
    assert "op slot" in response.json["error"]


def test_a_session_link_reaches_only_its_own_board(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    mine, other = (
        make_workshop(session, coalition),
        make_workshop(session, make_coalition(session), title="Ander"),
    )
    theirs = add("theme", "Van een ander bord", 0, 0)
    apply(session, other, theirs)
    move = {"op": "move", "id": theirs["id"], "q": 9, "r": 9}
    delete = {"op": "delete", "id": theirs["id"]}
    edit = {"op": "text", "id": theirs["id"], "text": "gekaapt", "base": "Van een ander bord"}
    for op in (move, delete):
        assert post_ops(client, mine, op).status_code == 200
    assert post_ops(client, mine, edit).status_code == 400
    session.expire_all()
    state = boards.board_state(session, other)["hexagons"]
    assert [(h["text"], h["q"], h["r"]) for h in state] == [("Van een ander bord", 0, 0)]
    assert texts(session, mine) == []


def test_form_without_javascript_adds_edits_and_deletes(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    url = f"/w/{workshop.token}/zeshoek"
    assert (
        client.post(url, data={"action": "add", "kind": "theme", "text": "Wachten"}, headers=SAME).status_code
        == 302
    )
    session.rollback()
    theme = boards.board_state(session, workshop)["hexagons"][0]
    response = client.post(
        url, data={"action": "add", "kind": "observation", "text": "Lang", "theme": theme["id"]}, headers=SAME
    )
    assert response.status_code == 302
    session.rollback()
    observation = next(
        h for h in boards.board_state(session, workshop)["hexagons"] if h["kind"] == "observation"
    )
    assert observation["links"] == [theme["id"]]
    edit = {
        "action": "edit",
        "id": theme["id"],
        "text": "Wachten en wachten",
        "base": "Wachten",
        "opid": str(uuid.uuid4()),
    }
    assert client.post(url, data=edit, headers=SAME).status_code == 302
    assert (
        client.post(url, data={"action": "delete", "id": observation["id"]}, headers=SAME).status_code == 302
    )
    assert texts(session, workshop) == ["Wachten en wachten"]


def test_form_errors_keep_the_typed_text(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    long = "heel lang verhaal " * 20
    response = client.post(
        f"/w/{workshop.token}/zeshoek", data={"action": "add", "kind": "theme", "text": long}, headers=SAME
    )
    assert response.status_code == 400
    assert "280" in response.text
    assert long.strip() in response.text
    empty = client.post(
        f"/w/{workshop.token}/zeshoek", data={"action": "add", "kind": "theme", "text": " "}, headers=SAME
    )
    assert empty.status_code == 400


def test_hexagon_text_is_escaped_everywhere_on_the_page(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    apply(session, workshop, add("theme", XSS, 0, 0))
    page = client.get(f"/w/{workshop.token}").text
    assert "<script>alert(2)" not in page and "<img src=x" not in page
    data = page.split('id="board-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["state"]["hexagons"][0]["text"] == XSS  # the JSON block holds it safely


# Facilitators ------------------------------------------------------------------------------------------


@pytest.fixture
def staff(client: FlaskClient, session: Session, coalition: Coalition) -> FlaskClient:
    login(client, session, coalition=coalition)
    return client


def board_url(coalition: Coalition, workshop: Workshop, tail: str = "") -> str:
    return f"/coalitions/{coalition.slug}/sessies/{workshop.id}/bord{tail}"


def test_facilitator_board_page_and_controls(
    staff: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    page = staff.get(board_url(coalition, workshop))
    assert page.status_code == 200
    assert workshops.format_code(workshop.code) in page.text
    assert staff.post(board_url(coalition, workshop, "/slot"), data={"locked": "1"}).status_code == 302
    session.rollback()
    session.refresh(workshop)
    assert workshop.locked
    response = staff.post(board_url(coalition, workshop, "/ops"), json={"ops": [add(text="mag wel")]})
    assert response.status_code == 200  # a facilitator may change a locked board
    assert staff.post(board_url(coalition, workshop, "/sluiten")).status_code == 302
    session.rollback()
    session.refresh(workshop)
    assert workshop.is_closed
    assert staff.get(board_url(coalition, workshop)).status_code == 200  # still readable for the coalition
    assert staff.get(board_url(coalition, workshop, "/state")).json["closed"] is True


def test_seed_route_puts_themes_on_the_board(
    staff: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    run = run_with_themes(session, coalition)
    assert staff.post(board_url(coalition, workshop, "/zaaien"), data={"run": run.id}).status_code == 302
    assert sorted(texts(session, workshop))[:2] == ["12 verhalen (20%).", "School"]
    other_run = run_with_themes(session, make_coalition(session))
    staff.post(board_url(coalition, workshop, "/zaaien"), data={"run": other_run.id})
    assert len(texts(session, workshop)) == 5  # another coalition's run is refused


def _board_with_content(session: Session, workshop: Workshop) -> dict:
    theme = add("theme", "Wachten op hulp duurt te lang voor veel gezinnen", 0, 0)
    apply(
        session,
        workshop,
        theme,
        add("observation", XSS, 1, 0, link=theme["id"]),
        add("action", "Een maatje tijdens het wachten", 0, 2, link=theme["id"]),
    )
    return theme


def test_exports_svg_png_pdf_json_csv(staff: FlaskClient, session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition, title="Sessie één")
    _board_with_content(session, workshop)
    svg = staff.get(board_url(coalition, workshop, "/bord.svg"))
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
    tree = ET.fromstring(svg.data)  # noqa: S314 - our own output, parsing is the test
    assert len(tree.findall(".//{http://www.w3.org/2000/svg}polygon")) == 3
    assert not [el for el in tree.iter() if el.tag.endswith(("script", "img"))]
    png = staff.get(board_url(coalition, workshop, "/bord.png"))
    assert png.data.startswith(b"\x89PNG\r\n\x1a\n")
    cards = staff.get(board_url(coalition, workshop, "/kaarten.pdf?leeg_observation=7"))
    assert cards.data.startswith(b"%PDF")
    assert len(pypdfium2.PdfDocument(io.BytesIO(cards.data))) == 2  # 3 cards + 7 empty = 10, six per page
    data = staff.get(board_url(coalition, workshop, "/bord.json"))
    assert json.loads(data.data)["hexagons"][1]["text"] == XSS
    csv = staff.get(board_url(coalition, workshop, "/bord.csv")).data.decode("utf-8-sig").splitlines()
    assert csv[0] == "soort,tekst,kolom,rij,thema"
    assert len(csv) == 4
    for response in (svg, png, cards, data):
        assert response.headers["Cache-Control"] == "no-store"
        assert "attachment" in response.headers["Content-Disposition"]


def test_exports_need_a_signed_in_member_of_the_coalition(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    for tail in ("/bord.svg", "/bord.png", "/kaarten.pdf", "/bord.json", "/bord.csv"):
        assert client.get(board_url(coalition, workshop, tail)).status_code == 302
    login(client, session, coalition=make_coalition(session))
    for tail in ("/bord.svg", "/bord.json", "/kaarten.pdf"):
        assert client.get(board_url(coalition, workshop, tail)).status_code == 404


def test_rebuild_from_json_export_gives_the_same_board(
    staff: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    _board_with_content(session, workshop)
    exported = staff.get(board_url(coalition, workshop, "/bord.json")).data
    copy = make_workshop(session, coalition, title="Herbouw")
    response = staff.post(
        board_url(coalition, copy, "/importeren"),
        data={"file": (io.BytesIO(exported), "bord.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert staff.get(board_url(coalition, copy, "/bord.json")).data == exported
    refused = staff.post(
        board_url(coalition, copy, "/importeren"),
        data={"file": (io.BytesIO(exported), "bord.json")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "leeg bord" in refused.text


def test_an_action_hexagon_becomes_a_tracked_action_reviewed_next_time(
    staff: FlaskClient, session: Session, coalition: Coalition
) -> None:
    first = make_workshop(session, coalition, title="Eerste sessie")
    _board_with_content(session, first)
    action_hex = next(h for h in boards.board_state(session, first)["hexagons"] if h["kind"] == "action")
    response = staff.post(board_url(coalition, first, f"/actie/{action_hex['id']}"))
    assert response.status_code == 302
    again = staff.post(board_url(coalition, first, f"/actie/{action_hex['id']}"))
    assert again.headers["Location"] == response.headers["Location"]  # still one action
    overview = staff.get(f"/coalitions/{coalition.slug}/acties")
    assert "Een maatje tijdens het wachten" in overview.text
    second = make_workshop(session, coalition, title="Tweede sessie")
    page = staff.get(f"/coalitions/{coalition.slug}/sessies/{second.id}")
    assert page.status_code == 200, page.text
    review = page.text.split("Acties van de vorige keer bespreken", 1)[1].split("<h3>", 1)[0]
    assert "Een maatje tijdens het wachten" in review
    assert staff.post(board_url(coalition, first, f"/actie/{uuid.uuid4()}")).status_code == 404
