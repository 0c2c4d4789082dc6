"""The action screens: the list with filters, pages, counts per cycle and history; a new action; one action
with its notes; the CSV; moving to the next cycle; and who may do what (another coalition's action: 404)."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date
from typing import TypeVar

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from coalitions.models import Coalition, CycleChange
from sensemaking import actions
from sensemaking.models import Action, ActionNote, ActionStory
from tests.coalitions.conftest import login
from tests.factories import make_coalition, make_organisation
from tests.sensemaking._stories import make_story

T = TypeVar("T")
INLINE_SCRIPT = re.compile(r'<script(?![^>]*\bsrc=)(?![^>]*\btype="application/json")[^>]*>')


def base(coalition: Coalition) -> str:
    return f"/coalitions/{coalition.slug}/acties"


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def fresh_actions(session: Session) -> list[Action]:
    session.rollback()  # end the read snapshot: the app wrote since
    return list(session.exec(select(Action).execution_options(populate_existing=True)).all())


def reloaded(session: Session, item: T) -> T:
    """``item`` as the app left it (the test session's snapshot and cached values are dropped)."""
    session.rollback()
    session.refresh(item)
    return item


def make_action(session: Session, coalition: Coalition, title: str, **fields: object) -> Action:
    action = actions.create_action(session, coalition=coalition, title=title, **fields)
    session.commit()
    return action


def form_data(**overrides: str) -> dict[str, str]:
    data = {
        "title": "Spreekuur op school",
        "description": "Elke week een uur.",
        "themes": "School als vindplaats\nWachten",
        "owner": "Sanne de Vries",
        "organisation_id": "",
        "term": "short",
        "status": "planned",
        "cycle": "startup",
        "due_on": "2027-05-01",
        "obstacles": "",
        "enablers": "",
    }
    data.update(overrides)
    return data


# The list ----------------------------------------------------------------------------------------


def test_the_list_shows_actions_counts_and_history_and_filters(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    organisation = make_organisation(session, coalition, name="Jeugdteam Oost")
    make_action(
        session,
        coalition,
        "Spreekuur op school",
        owner="Sanne",
        organisation_id=organisation.id,
        themes=["School"],
        due_on=date(2027, 3, 3),
    )
    make_action(session, coalition, "Wachtlijst bellen", status="done", term="long")
    user = login(client, session, coalition=coalition)
    session.rollback()
    actions.move_to_next_cycle(session, coalition=coalition, user=user, today=date(2027, 3, 3))
    session.commit()

    page = text_of(client.get(base(coalition)))
    assert "Spreekuur op school" in page and "Wachtlijst bellen" in page
    assert page.index("Spreekuur op school") < page.index("Wachtlijst bellen")  # open first
    assert "Jeugdteam Oost" in page and "Sanne" in page and "3 maart 2027" in page
    assert "opstart → tempo op 3 maart 2027" in page
    assert "Nieuwe actie" in page and "Naar de volgende cyclus" in page
    assert 'role="region"' in page and 'tabindex="0"' in page

    done = text_of(client.get(base(coalition), query_string={"status": "done"}))
    assert "Wachtlijst bellen" in done and "Spreekuur op school" not in done
    by_org = text_of(client.get(base(coalition), query_string={"organisatie": str(organisation.id)}))
    assert "Spreekuur op school" in by_org and "Wachtlijst bellen" not in by_org
    assert "Spreekuur op school" not in text_of(client.get(base(coalition), query_string={"termijn": "long"}))
    assert "Geen acties gevonden" in text_of(client.get(base(coalition), query_string={"cyclus": "action"}))
    assert client.get(base(coalition), query_string={"cyclus": "", "status": ""}).status_code == 200


@pytest.mark.parametrize(
    "args", [{"status": "busy"}, {"cyclus": "later"}, {"termijn": "x"}, {"organisatie": "abc"}]
)
def test_an_unknown_filter_is_a_400(
    client: FlaskClient, session: Session, coalition: Coalition, args: dict[str, str]
) -> None:
    login(client, session, coalition=coalition)
    response = client.get(base(coalition), query_string=args)
    assert response.status_code == 400
    assert "Dit filter kennen we niet" in text_of(response)
    assert client.get(f"{base(coalition)}.csv", query_string=args).status_code == 400


def test_another_coalitions_organisation_is_no_filter(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    theirs = make_organisation(session, make_coalition(session, slug="regio-west"))
    login(client, session, coalition=coalition)
    assert client.get(base(coalition), query_string={"organisatie": str(theirs.id)}).status_code == 400


def test_the_list_has_pages_of_25(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    for n in range(30):
        actions.create_action(session, coalition=coalition, title=f"Actie {n:02d}")
    session.commit()
    login(client, session, coalition=coalition)
    first = text_of(client.get(base(coalition)))
    assert "Actie 00" in first and "Actie 24" in first and "Actie 25" not in first
    assert "Pagina 1 van 2" in first and "Volgende pagina" in first
    second = text_of(client.get(base(coalition), query_string={"page": "2"}))
    assert "Actie 25" in second and "Actie 29" in second and "Actie 24" not in second


# A new action, and one action --------------------------------------------------------------------


def test_a_member_adds_an_action_and_sees_it(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    organisation = make_organisation(session, coalition, name="Jeugdteam Oost")
    login(client, session, coalition=coalition)
    assert client.get(f"{base(coalition)}/nieuw").status_code == 200
    response = client.post(f"{base(coalition)}/nieuw", data=form_data(organisation_id=str(organisation.id)))
    assert response.status_code == 302
    [action] = fresh_actions(session)
    assert (action.title, action.themes, action.organisation_id) == (
        "Spreekuur op school",
        ["School als vindplaats", "Wachten"],
        organisation.id,
    )
    assert (action.due_on, action.cycle, action.owner) == (date(2027, 5, 1), "startup", "Sanne de Vries")
    page = text_of(client.get(response.headers["Location"]))
    assert "De actie is toegevoegd." in page and "Sanne de Vries (Jeugdteam Oost)" in page


def test_wrong_input_is_refused_in_dutch_and_keeps_what_was_typed(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition)
    response = client.post(
        f"{base(coalition)}/nieuw", data=form_data(title="", owner="Karim Bouali", due_on="31-02-2027")
    )
    assert response.status_code == 422
    page = text_of(response)
    assert "Geef de actie een titel." in page and "Vul een geldige datum in" in page
    assert 'value="Karim Bouali"' in page and 'value="31-02-2027"' in page and "Elke week een uur." in page
    # A value no list offered is a made-up request.
    assert client.post(f"{base(coalition)}/nieuw", data=form_data(status="busy")).status_code == 400
    assert client.post(f"{base(coalition)}/nieuw", data=form_data(organisation_id="abc")).status_code == 400
    theirs = make_organisation(session, make_coalition(session, slug="regio-west"))
    assert (
        client.post(f"{base(coalition)}/nieuw", data=form_data(organisation_id=str(theirs.id))).status_code
        == 400
    )
    assert fresh_actions(session) == []


def test_an_action_is_edited_and_a_bad_edit_is_shown_again(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    action = make_action(session, coalition, "Oude titel", themes=["Wachten"])
    login(client, session, coalition=coalition)
    page = text_of(client.get(f"{base(coalition)}/{action.id}"))
    assert 'value="Oude titel"' in page and re.search(r'name="themes"[^>]*>\s*Wachten</textarea>', page)
    bad = client.post(
        f"{base(coalition)}/{action.id}", data=form_data(title="x" * 201, owner="Nieuwe houder")
    )
    assert bad.status_code == 422
    assert "Gebruik hooguit 200 tekens voor de titel." in text_of(bad) and 'value="Nieuwe houder"' in text_of(
        bad
    )
    ok = client.post(f"{base(coalition)}/{action.id}", data=form_data(title="Nieuwe titel", status="running"))
    assert ok.status_code == 302
    [stored] = fresh_actions(session)
    assert (stored.title, stored.status, stored.themes) == (
        "Nieuwe titel",
        "running",
        ["School als vindplaats", "Wachten"],
    )


def test_a_note_updates_the_stand_and_a_bad_note_keeps_what_was_typed(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    action = make_action(session, coalition, "Spreekuur")
    user = login(client, session, coalition=coalition)
    url = f"{base(coalition)}/{action.id}/notitie"
    bad = client.post(url, data={"notitie-text": "   ", "notitie-status": "planned"})
    assert bad.status_code == 422
    assert "Schrijf wat er is gebeurd, of kies een andere stand." in text_of(bad)
    assert 'value="Spreekuur"' in text_of(bad)  # the edit form shows the action, not the note's data
    too_long = client.post(url, data={"notitie-text": "Lang verhaal " * 1000, "notitie-status": "running"})
    assert too_long.status_code == 422 and "Lang verhaal Lang verhaal" in text_of(too_long)
    response = client.post(url, data={"notitie-text": "Eerste gesprek gevoerd.", "notitie-status": "running"})
    assert response.status_code == 302
    session.rollback()
    note = session.exec(select(ActionNote)).one()
    assert (note.text, note.status, note.cycle, note.author_id) == (
        "Eerste gesprek gevoerd.",
        "running",
        "startup",
        user.id,
    )
    assert reloaded(session, action).status == "running"
    page = text_of(client.get(f"{base(coalition)}/{action.id}"))
    assert "Eerste gesprek gevoerd." in page and "stand: Loopt" in page
    assert client.post(url, data={"notitie-text": "x", "notitie-status": "half"}).status_code == 400


def test_stories_are_a_suppressed_count_and_links_not_texts(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    few = make_action(session, coalition, "Weinig verhalen")
    many = make_action(session, coalition, "Veel verhalen")
    stories = [
        make_story(session, coalition, text=f"Geheim verhaal nummer {i} over de wachtlijst.")
        for i in range(6)
    ]
    session.add_all(ActionStory(action_id=few.id, story_id=s.id) for s in stories[:3])
    session.add_all(ActionStory(action_id=many.id, story_id=s.id) for s in stories)
    session.commit()
    login(client, session, coalition=coalition)
    page = text_of(client.get(f"{base(coalition)}/{few.id}"))
    assert "Aantal verhalen: <5" in page
    assert f"/coalitions/{coalition.slug}/verhalen/{stories[0].id}" in page
    assert "Geheim verhaal" not in page
    assert "Aantal verhalen: 6" in text_of(client.get(f"{base(coalition)}/{many.id}"))
    assert client.get(f"/coalitions/{coalition.slug}/verhalen/{stories[0].id}").status_code == 200


# CSV -------------------------------------------------------------------------------------------------


def test_csv_has_a_header_and_neutralised_cells(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    make_action(session, coalition, '=HYPERLINK("http://x")', owner="+31 6 1234", themes=["@thema"])
    make_action(session, coalition, "Gewone actie", status="done")
    login(client, session, coalition=coalition)
    response = client.get(f"{base(coalition)}.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.headers["Cache-Control"] == "no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:8] == [
        "titel",
        "thema's",
        "actiehouder",
        "organisatie",
        "termijn",
        "stand",
        "streefdatum",
        "laatste notitie",
    ]
    assert len(rows) == 3
    assert (
        rows[1][0] == '\'=HYPERLINK("http://x")' and rows[1][2] == "'+31 6 1234" and rows[1][1] == "'@thema"
    )
    assert rows[2][5] == "Klaar"
    filtered = list(
        csv.reader(io.StringIO(client.get(f"{base(coalition)}.csv?status=done").get_data(as_text=True)))
    )
    assert len(filtered) == 2


# Cycles ----------------------------------------------------------------------------------------------


def test_a_member_moves_the_coalition_to_the_next_cycle(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, coalition=coalition, lead=False)
    response = client.post(f"{base(coalition)}/volgende-cyclus")
    assert response.status_code == 302
    session.rollback()
    assert reloaded(session, coalition).current_cycle == "tempo"
    [change] = session.exec(select(CycleChange)).all()
    assert (change.from_cycle, change.to_cycle) == ("startup", "tempo")
    assert "De coalitie is nu in de tempo-cyclus." in text_of(client.get(response.headers["Location"]))
    client.post(f"{base(coalition)}/volgende-cyclus")
    last = client.post(f"{base(coalition)}/volgende-cyclus", follow_redirects=True)
    assert "De coalitie is al in de laatste cyclus." in text_of(last)
    assert "Naar de volgende cyclus" not in text_of(last)
    session.rollback()
    assert len(session.exec(select(CycleChange)).all()) == 2


def test_the_coalition_settings_record_a_cycle_change_with_the_user(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    user = login(client, session, coalition=coalition)
    data = {
        "name": coalition.name,
        "region": "",
        "focus": "",
        "success_criteria": "",
        "current_cycle": "tempo",
    }
    response = client.post(f"/coalitions/{coalition.slug}/instellingen", data=data)
    assert response.status_code == 302
    session.rollback()
    [change] = session.exec(select(CycleChange)).all()
    assert (change.from_cycle, change.to_cycle, change.user_id) == ("startup", "tempo", user.id)


# Who may do what ---------------------------------------------------------------------------------------


def test_a_facilitator_reads_and_tracks_actions_but_does_not_move_the_cycle(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    action = make_action(session, coalition, "Spreekuur")
    login(client, session, role="facilitator", coalition=coalition, lead=False)
    page = text_of(client.get(base(coalition)))
    assert "Spreekuur" in page and "Naar de volgende cyclus" not in page
    assert client.get(f"{base(coalition)}/{action.id}").status_code == 200
    note = client.post(
        f"{base(coalition)}/{action.id}/notitie",
        data={"notitie-text": "Besproken", "notitie-status": "running"},
    )
    assert note.status_code == 302
    assert (
        client.post(f"{base(coalition)}/nieuw", data=form_data(title="Van de begeleider")).status_code == 302
    )
    assert client.post(f"{base(coalition)}/volgende-cyclus").status_code == 403
    session.rollback()
    assert reloaded(session, coalition).current_cycle == "startup"
    assert {a.title for a in fresh_actions(session)} == {"Spreekuur", "Van de begeleider"}


def test_another_coalitions_action_is_a_404_on_every_route(
    app: Flask, client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    theirs = make_action(session, make_coalition(session, slug="regio-west"), "Hun actie")
    login(client, session, coalition=coalition)
    rules = [
        r
        for r in app.url_map.iter_rules()
        if "action_id" in r.arguments and r.endpoint.startswith("sensemaking_actions.")
    ]
    assert {r.endpoint for r in rules} >= {"sensemaking_actions.action", "sensemaking_actions.add_note"}
    for rule in rules:
        url = rule.build({"slug": coalition.slug, "action_id": theirs.id})[1]
        for method in sorted((rule.methods or set()) & {"GET", "POST"}):
            status = client.open(url, method=method, data=form_data(**{"notitie-text": "x"})).status_code
            assert status == 404, (method, url)
    assert client.get(f"{base(coalition)}/99999").status_code == 404
    # And a coalition the account may not see is a 404 too.
    assert client.get("/coalitions/regio-west/acties").status_code == 404
    session.rollback()
    assert session.exec(select(ActionNote)).all() == []
    assert reloaded(session, theirs).title == "Hun actie"


def test_signing_in_is_required(client: FlaskClient, coalition: Coalition) -> None:
    response = client.get(base(coalition))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_pages_have_no_inline_style_or_script_and_labels_on_every_field(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    action = make_action(session, coalition, "Spreekuur")
    login(client, session, coalition=coalition)
    for url in (base(coalition), f"{base(coalition)}/nieuw", f"{base(coalition)}/{action.id}"):
        body = client.get(url).get_data(as_text=True)
        assert " style=" not in body
        assert not INLINE_SCRIPT.search(body)
        ids = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', body)
        assert len(ids) == len(set(ids)), url
        for field_id in ids:
            if field_id != "csrf_token":
                assert f'for="{field_id}"' in body, (url, field_id)
