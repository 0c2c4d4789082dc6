"""Ritual dissent: proposals (by hand and from the board), rounds numbered per proposal, the improved
proposal, and the staff screens (which refuse another coalition's workshop or proposal)."""

from __future__ import annotations

import html
import threading
import time
import uuid

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from coalitions.models import Coalition
from sensemaking import dissent, workshops
from sensemaking.dissent import DissentError
from sensemaking.models import DissentRound, Hexagon, Proposal, Workshop
from tests.coalitions.conftest import login
from tests.factories import make_coalition
from vertelpunt import db


def make_workshop(session: Session, coalition: Coalition, title: str = "Sessie april") -> Workshop:
    workshop = workshops.create_workshop(session, coalition=coalition, title=title)
    session.commit()
    return workshop


def hexagon(
    session: Session, workshop: Workshop, text: str, *, kind: str = "action", **extra: object
) -> Hexagon:
    row = Hexagon(id=str(uuid.uuid4()), workshop_id=workshop.id, kind=kind, text=text, **extra)
    session.add(row)
    session.commit()
    return row


def base(coalition: Coalition, workshop: Workshop) -> str:
    return f"/coalitions/{coalition.slug}/sessies/{workshop.id}/dissent"


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


# Service ------------------------------------------------------------------------------------------------


def test_rounds_are_numbered_per_proposal(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    first = dissent.add_proposal(session, workshop=workshop, title="Buddy voor elke jongere")
    second = dissent.add_proposal(session, workshop=workshop, title="Wachtlijst zichtbaar maken")
    numbers = [
        dissent.record_round(session, proposal=first, critique="Te duur", suggestions="").number,
        dissent.record_round(session, proposal=second, critique="", suggestions="Begin klein").number,
        dissent.record_round(
            session, proposal=first, critique="Wie betaalt?", suggestions="Vrijwilligers"
        ).number,
        dissent.record_round(session, proposal=first, critique="", suggestions="Koppel aan school").number,
    ]
    session.commit()
    assert numbers == [1, 1, 2, 3]
    assert [r.number for r in dissent.rounds_of(session, first)] == [1, 2, 3]
    assert [r.suggestions for r in dissent.rounds_of(session, first)] == [
        "",
        "Vrijwilligers",
        "Koppel aan school",
    ]
    assert [r.number for r in dissent.rounds_of(session, second)] == [1]
    assert [(row.proposal.title, row.rounds) for row in dissent.proposal_rows(session, workshop)] == [
        ("Buddy voor elke jongere", 3),
        ("Wachtlijst zichtbaar maken", 1),
    ]


def test_a_round_sent_twice_is_stored_once_and_an_empty_round_is_refused(
    session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    proposal = dissent.add_proposal(session, workshop=workshop, title="Buddy")
    once = dissent.record_round(
        session, proposal=proposal, critique=" Te duur ", suggestions="Klein beginnen"
    )
    twice = dissent.record_round(session, proposal=proposal, critique="Te duur", suggestions="Klein beginnen")
    assert once.id == twice.id
    with pytest.raises(DissentError) as error:
        dissent.record_round(session, proposal=proposal, critique="  ", suggestions="")
    assert error.value.field == "critique"
    updated = dissent.update_round(
        session, dissent_round=once, critique="Te duur voor één gemeente", suggestions=""
    )
    assert (updated.number, updated.critique) == (1, "Te duur voor één gemeente")
    saved = dissent.save_improved(session, proposal=proposal, improved="Buddy's via de sportclub")
    session.commit()
    assert session.get(Proposal, proposal.id).improved == "Buddy's via de sportclub"
    assert saved.improved == "Buddy's via de sportclub"


def test_proposals_from_board_is_idempotent(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    buddy = hexagon(session, workshop, "Buddy voor elke jongere\nMet een vaste contactpersoon", r=1)
    hexagon(session, workshop, "Wachtlijst zichtbaar maken", r=0)
    hexagon(session, workshop, "Weggehaald", deleted=True)
    hexagon(session, workshop, "Een observatie", kind="observation")
    hexagon(session, workshop, "   ")
    by_hand = dissent.add_proposal(session, workshop=workshop, title="Eigen titel", hexagon_id=buddy.id)
    made = dissent.proposals_from_board(session, workshop=workshop)
    session.commit()
    assert [p.title for p in made] == ["Wachtlijst zichtbaar maken"]
    assert dissent.proposals_from_board(session, workshop=workshop) == []
    later = hexagon(session, workshop, "Ouders in de raad", r=5)
    again = dissent.proposals_from_board(session, workshop=workshop)
    session.commit()
    assert [(p.title, p.hexagon_id) for p in again] == [("Ouders in de raad", later.id)]
    titles = [p.title for p in dissent.proposals_of(session, workshop)]
    assert titles == ["Eigen titel", "Ouders in de raad", "Wachtlijst zichtbaar maken"]
    assert by_hand.hexagon_id == buddy.id


def test_the_title_from_the_board_is_the_first_line_and_fits(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    hexagon(session, workshop, "\n  Eerste regel  \nTweede regel")
    hexagon(session, workshop, "x" * 300, r=1)
    made = dissent.proposals_from_board(session, workshop=workshop)
    assert made[0].title == "Eerste regel"
    assert made[0].text == "Eerste regel  \nTweede regel"
    assert len(made[1].title) == dissent.TITLE_MAX


def test_a_hexagon_of_another_board_or_kind_is_refused(session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    other = make_workshop(session, coalition, title="Andere sessie")
    elsewhere = hexagon(session, other, "Actie van een ander bord")
    observation = hexagon(session, workshop, "Een observatie", kind="observation")
    gone = hexagon(session, workshop, "Weg", deleted=True)
    for hexagon_id in (elsewhere.id, observation.id, gone.id, "bestaat-niet"):
        with pytest.raises(DissentError) as error:
            dissent.add_proposal(session, workshop=workshop, title="Voorstel", hexagon_id=hexagon_id)
        assert error.value.field == "hexagon_id"
    own = hexagon(session, workshop, "Eigen actie")
    dissent.add_proposal(session, workshop=workshop, title="Voorstel", hexagon_id=own.id)
    with pytest.raises(DissentError):
        dissent.add_proposal(session, workshop=workshop, title="Nog een keer", hexagon_id=own.id)
    with pytest.raises(DissentError):
        dissent.add_proposal(session, workshop=workshop, title="   ")


# Screens ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["facilitator", "member"])
def test_facilitators_and_members_run_ritual_dissent_without_js(
    client: FlaskClient, session: Session, coalition: Coalition, role: str
) -> None:
    workshop = make_workshop(session, coalition)
    hexagon(session, workshop, "Buddy voor elke jongere\nMet een vaste contactpersoon")
    login(client, session, role=role, coalition=coalition)
    page = client.get(base(coalition, workshop))
    assert page.status_code == 200
    assert "Voorstellen van het bord overnemen" in text_of(page)
    assert "Op het bord staat 1 actie zonder voorstel." in text_of(page)

    response = client.post(base(coalition, workshop) + "/van-het-bord")
    assert response.status_code == 302
    proposal = session.exec(select(Proposal).where(Proposal.workshop_id == workshop.id)).one()
    assert proposal.title == "Buddy voor elke jongere"

    url = f"{base(coalition, workshop)}/{proposal.id}"
    for critique, suggestions in (("Te duur", "Begin klein"), ("Wie doet het?", "Vrijwilligers")):
        response = client.post(url + "/rondes", data={"critique": critique, "suggestions": suggestions})
        assert response.status_code == 302
    response = client.post(url + "/verbeterd", data={"improved": "Buddy's via de sportclub"})
    assert response.status_code == 302

    page = text_of(client.get(url))
    assert "1 voorstel van het bord overgenomen." in page  # the flashes
    assert "Ronde 2 is opgeslagen." in page
    assert "Met een vaste contactpersoon" in page
    page = page[page.index('id="rondes"') :]
    assert page.index("Ronde 1") < page.index("Te duur") < page.index("Begin klein") < page.index("Ronde 2")
    assert "Ronde 3 opschrijven" in page
    assert page.index('name="critique"') < page.index('name="suggestions"')
    assert "Buddy's via de sportclub" in page

    listing = text_of(client.get(base(coalition, workshop)))
    assert "Buddy voor elke jongere" in listing
    assert '<td class="num">2</td>' in listing


def test_add_a_proposal_and_correct_a_round(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    login(client, session, role="facilitator", coalition=coalition)
    response = client.post(base(coalition, workshop), data={"title": "", "text": "Iets zonder titel"})
    assert response.status_code == 422
    assert "Geef het voorstel een titel." in text_of(response)
    assert "Iets zonder titel" in text_of(response)
    response = client.post(
        base(coalition, workshop), data={"title": "Wachtlijst zichtbaar", "text": "Op de site"}
    )
    assert response.status_code == 302
    proposal = session.exec(select(Proposal)).one()
    url = f"{base(coalition, workshop)}/{proposal.id}"
    response = client.post(url + "/rondes", data={"critique": "", "suggestions": ""})
    assert response.status_code == 422
    assert "Vul de kritiek of de suggesties in" in text_of(response)
    client.post(url + "/rondes", data={"critique": "Wie houdt het bij?", "suggestions": ""})
    response = client.post(
        url + "/rondes/1", data={"ronde-1-critique": "", "ronde-1-suggestions": "Een vaste persoon"}
    )
    assert response.status_code == 302
    session.rollback()  # end the read transaction: see what the requests stored
    row = session.exec(select(DissentRound)).one()
    assert (row.number, row.critique, row.suggestions) == (1, "", "Een vaste persoon")
    assert client.post(url + "/rondes/2", data={"ronde-2-critique": "x"}).status_code == 404


def test_a_proposal_is_deleted_with_its_rounds_after_asking_and_its_board_action_stays(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    action = hexagon(session, workshop, "Buddy voor elke jongere")
    keep = dissent.add_proposal(session, workshop=workshop, title="Wachtlijst zichtbaar")
    dissent.record_round(session, proposal=keep, critique="Wie houdt het bij?", suggestions="")
    (gone,) = dissent.proposals_from_board(session, workshop=workshop)
    for critique in ("Te duur", "Wie doet het?"):
        dissent.record_round(session, proposal=gone, critique=critique, suggestions="")
    session.commit()
    login(client, session, role="facilitator", coalition=coalition)
    url = f"{base(coalition, workshop)}/{gone.id}/verwijderen"
    assert url in text_of(client.get(f"{base(coalition, workshop)}/{gone.id}"))

    question = text_of(client.get(url))
    assert "Voorstel verwijderen?" in question and "Buddy voor elke jongere" in question
    assert "De 2 rondes die erbij zijn opgeschreven verdwijnen ook." in question
    assert "De actie op het bord blijft staan." in question
    response = client.post(url)
    assert response.status_code == 302
    assert "‘Buddy voor elke jongere’ is verwijderd." in text_of(client.get(base(coalition, workshop)))

    session.rollback()  # end the read transaction: see what the requests stored
    assert [p.title for p in session.exec(select(Proposal)).all()] == ["Wachtlijst zichtbaar"]
    assert [r.critique for r in session.exec(select(DissentRound)).all()] == ["Wie houdt het bij?"]
    assert session.get(Hexagon, action.id) is not None
    assert [h.id for h in dissent.board_actions(session, workshop, without_proposal=True)] == [action.id]
    assert client.post(url).status_code == 404  # already gone


def test_a_board_action_from_another_workshop_is_refused_on_screen(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    other = make_workshop(session, coalition, title="Andere sessie")
    elsewhere = hexagon(session, other, "Actie van een ander bord")
    login(client, session, role="member", coalition=coalition)
    response = client.post(base(coalition, workshop), data={"title": "Voorstel", "hexagon_id": elsewhere.id})
    assert response.status_code == 422
    assert "Kies een actie van het bord van deze sessie." in text_of(response)
    assert session.exec(select(Proposal)).all() == []


def test_another_coalitions_workshop_or_proposal_is_404(
    app: Flask, client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    proposal = dissent.add_proposal(session, workshop=workshop, title="Buddy")
    dissent.record_round(session, proposal=proposal, critique="Te duur", suggestions="")
    session.commit()
    elsewhere = make_coalition(session, slug="regio-west")
    own_workshop = make_workshop(session, elsewhere)
    login(client, session, role="member", coalition=elsewhere)
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("sensemaking_dissent.")]
    assert len(rules) >= 7
    for rule in rules:
        for slug, workshop_id in ((coalition.slug, workshop.id), (elsewhere.slug, workshop.id)):
            values = {"slug": slug, "workshop_id": workshop_id, "proposal_id": proposal.id, "number": 1}
            url = rule.build({k: v for k, v in values.items() if k in rule.arguments})[1]
            for method in sorted((rule.methods or set()) & {"GET", "POST"}):
                data = {"title": "x", "critique": "x", "improved": "x", "ronde-1-critique": "x"}
                status = client.open(url, method=method, data=data).status_code
                assert status == 404, (method, url, status)
        # Its own workshop, but the other coalition's proposal.
        if "proposal_id" in rule.arguments:
            values = {
                "slug": elsewhere.slug,
                "workshop_id": own_workshop.id,
                "proposal_id": proposal.id,
                "number": 1,
            }
            url = rule.build({k: v for k, v in values.items() if k in rule.arguments})[1]
            for method in sorted((rule.methods or set()) & {"GET", "POST"}):
                assert client.open(url, method=method, data={"critique": "x"}).status_code == 404
    session.rollback()  # end the read transaction: see what the requests stored
    assert len(session.exec(select(Proposal)).all()) == 1
    assert [(r.critique) for r in session.exec(select(DissentRound)).all()] == ["Te duur"]
    assert session.get(Proposal, proposal.id).improved == ""


def test_signed_out_is_sent_to_login(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    workshop = make_workshop(session, coalition)
    response = client.get(base(coalition, workshop))
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_pages_have_no_inline_style_and_labels_on_every_field(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    workshop = make_workshop(session, coalition)
    proposal = dissent.add_proposal(session, workshop=workshop, title="Buddy", text="<b>vet</b>")
    dissent.record_round(session, proposal=proposal, critique="<script>x</script>", suggestions="")
    session.commit()
    login(client, session, role="facilitator", coalition=coalition)
    for url in (base(coalition, workshop), f"{base(coalition, workshop)}/{proposal.id}"):
        body = client.get(url).get_data(as_text=True)
        assert " style=" not in body
        assert "<script>x" not in body and "<b>vet" not in body
        for field_id in ("title", "critique", "suggestions", "improved", "ronde-1-critique"):
            if f'id="{field_id}"' in body:
                assert f'for="{field_id}"' in body, field_id


def test_two_clicks_on_from_the_board_at_once_make_one_proposal(
    app: Flask, session: Session, coalition: Coalition
) -> None:
    """The first request holds its new proposal uncommitted while the second one runs: the second waits
    (PostgreSQL: the workshop's row lock; SQLite: one writer at a time) and then finds it."""
    workshop = make_workshop(session, coalition)
    hexagon(session, workshop, "Buddy voor elke jongere")
    engine = app.extensions["engine"]
    first, second = db.new_session(engine), db.new_session(engine)
    started = threading.Event()
    made: dict[str, int] = {}

    def second_click() -> None:
        started.wait(5)
        made["second"] = len(dissent.proposals_from_board(second, workshop=second.get(Workshop, workshop.id)))
        second.commit()

    thread = threading.Thread(target=second_click)
    thread.start()
    try:
        made["first"] = len(dissent.proposals_from_board(first, workshop=first.get(Workshop, workshop.id)))
        started.set()
        time.sleep(0.5)  # the second click arrives while the first has not committed yet
        first.commit()
        thread.join(10)
    finally:
        first.close()
        second.close()
    session.rollback()
    assert made == {"first": 1, "second": 0}
    assert len(session.exec(select(Proposal)).all()) == 1
