"""The theme screens: starting a run, its progress, the themes with their stories, the edits, the CSV,
and who may see what (another coalition's runs: 404; a coalition you cannot see: refused)."""

from __future__ import annotations

import csv
import html
import io
import json
import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from coalitions.models import Coalition
from sensemaking import theme_runs
from sensemaking.models import Theme, ThemeEdit, ThemeRun
from sensemaking.views import themes as views
from tests.coalitions.conftest import login
from tests.conftest import make_app
from tests.factories import make_coalition, make_organisation
from tests.sensemaking._stories import make_story
from tests.sensemaking._themes import subject_stories
from vertelpunt.models import Story

# Who tells the stories of each subject: the sport stories mix youths and a few professionals, so their
# theme has a small cell ("<5") and a cell hidden to protect it ("×").
TOLD_BY = {
    "wachten": ["parent"] * 10,
    "school": ["youth"] * 10,
    "voetbal": ["youth"] * 7 + ["professional"] * 3,
}


@pytest.fixture
def subjects(session: Session, coalition: Coalition) -> dict[str, str]:
    """30 stories over 3 subjects: story id -> subject."""
    return seed(session, coalition)


def seed(session: Session, coalition: Coalition) -> dict[str, str]:
    result = {}
    counters = dict.fromkeys(TOLD_BY, 0)
    for subject, text in subject_stories():
        perspective = TOLD_BY[subject][counters[subject]]
        counters[subject] += 1
        story = make_story(
            session,
            coalition,
            text=text,
            title=f"{subject.capitalize()} {counters[subject]}",
            answers={"prompt": "helped", "perspective": perspective},
        )
        result[story.id] = subject
    return result


def base(coalition: Coalition) -> str:
    return f"/coalitions/{coalition.slug}/themas"


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def flashes(response) -> str:
    match = re.search(
        r'<div class="message" role="status">(.*?)</div>', response.get_data(as_text=True), re.S
    )
    return html.unescape(match.group(1)) if match else ""


def start(client: FlaskClient, coalition: Coalition, **data: object) -> ThemeRun | None:
    """Start a run through the form (inline under TESTING); the run, or None when refused."""
    response = client.post(base(coalition), data={"k": "3", "seed": "0", **data})
    if response.status_code != 302:
        return None
    run_id = int(response.headers["Location"].rsplit("/", 1)[1])
    return ThemeRun(id=run_id)


def fresh(session: Session, run_id: int) -> ThemeRun:
    session.rollback()  # end the read snapshot: the app wrote since
    found = session.get(ThemeRun, run_id)
    assert found is not None
    return found


def themes(session: Session, run_id: int) -> list[Theme]:
    session.rollback()  # end the read snapshot: the app wrote since
    return theme_runs.themes_of(session, fresh(session, run_id))


def by_subject(session: Session, run_id: int, subjects: dict[str, str], subject: str) -> Theme:
    """The theme that holds most of the stories about ``subject``."""
    run = fresh(session, run_id)
    members = theme_runs.members_of(session, run)
    return max(
        theme_runs.themes_of(session, run),
        key=lambda t: sum(subjects.get(s) == subject for s in members.get(t.id or 0, [])),
    )


@pytest.fixture
def done_run(client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str]) -> int:
    """A finished run of 3 themes, started by a facilitator of the coalition (signed in)."""
    login(client, session, role="facilitator", coalition=coalition, lead=False)
    run = start(client, coalition)
    assert run is not None
    assert fresh(session, run.id).status == "done", fresh(session, run.id).message
    return run.id


# Starting and reading a run ------------------------------------------------------------------------


def test_a_facilitator_starts_a_run_and_sees_the_themes(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str]
) -> None:
    login(client, session, role="facilitator", coalition=coalition, lead=False)
    response = client.post(base(coalition), data={"k": "3", "seed": "0"})
    assert response.status_code == 302
    run_id = int(response.headers["Location"].rsplit("/", 1)[1])
    run = fresh(session, run_id)
    assert run.status == "done" and run.theme_count == 3 and run.params["k"] == 3
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    body = text_of(page)
    assert 'http-equiv="refresh"' not in body
    for theme in themes(session, run_id):
        assert theme.label in body
        assert f'id="thema-{theme.number}"' in body
        for word in theme.keywords[:3]:
            assert word in body
    # The most representative stories, with a link to the story page and the start of the text.
    members = theme_runs.members_of(session, run)
    first = themes(session, run_id)[0]
    story_id = first.representatives[0]
    assert f'href="/coalitions/{coalition.slug}/verhalen/{story_id}"' in body
    story = session.get(Story, story_id)
    assert story is not None and story_id in members[first.id]
    assert f">{story.title}</a>" in body and story.text[:40] in body
    assert "Neutrale waarnemingen" in body and "Dit thema telt" in body
    # The runs page lists the run: its stories (30), its themes and "3" asked for.
    runs_page = text_of(client.get(base(coalition)))
    assert "Klaar" in runs_page and f"/themas/{run_id}" in runs_page


def test_a_member_may_start_runs_too_and_the_number_may_be_left_to_the_machine(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str]
) -> None:
    login(client, session, role="member", coalition=coalition)
    run = start(client, coalition, k="")
    assert run is not None
    stored = fresh(session, run.id)
    assert stored.params["k"] is None and stored.status == "done"
    assert "automatisch" in text_of(client.get(base(coalition)))


def test_wrong_input_is_refused_in_dutch_and_shown_again(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str]
) -> None:
    login(client, session, role="facilitator", coalition=coalition, lead=False)
    response = client.post(base(coalition), data={"k": "31", "seed": "0"})
    assert response.status_code == 422
    body = text_of(response)
    assert "Kies een aantal van 2 tot en met 30, of laat het leeg." in body
    assert 'value="31"' in body
    response = client.post(base(coalition), data={"k": "drie", "seed": "-1"})
    assert response.status_code == 422
    body = text_of(response)
    assert "Vul een heel getal in" in body and 'value="drie"' in body
    session.rollback()
    assert session.exec(select(ThemeRun)).all() == []


def test_the_filter_is_kept_with_the_run(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str]
) -> None:
    login(client, session, role="facilitator", coalition=coalition, lead=False)
    page = text_of(client.get(base(coalition) + "?a.perspective=youth"))
    assert '<input type="hidden" name="a.perspective" value="youth">' in page
    assert "(nu 17 verhalen)" in page
    run = start(client, coalition, **{"a.perspective": "youth", "k": "2"})
    assert run is not None
    stored = fresh(session, run.id)
    assert stored.params["filter"] == [["a.perspective", "youth"]]
    assert stored.story_count == 17
    listed = text_of(client.get(base(coalition)))
    assert "Wie ben jij in dit verhaal: Ik ben het kind of de jongere" in listed
    assert client.get(base(coalition) + "?a.perspective=alien").status_code == 400
    assert client.post(base(coalition), data={"k": "3", "org": "999"}).status_code == 400


def test_an_organisation_filter_must_be_the_coalitions_own(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str]
) -> None:
    other = make_coalition(session)
    foreign = make_organisation(session, other)
    own = make_organisation(session, coalition)
    login(client, session, role="facilitator", coalition=coalition, lead=False)
    assert client.get(base(coalition) + f"?org={foreign.id}").status_code == 400
    assert client.get(base(coalition) + f"?org={own.id}").status_code == 200


def test_a_queued_run_shows_its_progress_and_refreshes_itself(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    login(client, session, role="facilitator", coalition=coalition, lead=False)
    run = theme_runs.start_run(session, coalition, k=3)
    run.status, run.progress, run.message = "running", 40, "Verhalen voorbereiden"
    session.add(run)
    session.commit()
    body = text_of(client.get(f"{base(coalition)}/{run.id}"))
    assert '<meta http-equiv="refresh" content="3">' in body
    assert re.search(r'<progress id="run-progress" max="100" value="40">40%</progress>', body)
    assert '<label for="run-progress">' in body and "Verhalen voorbereiden" in body
    # A queued run: the same, at 0.
    queued = theme_runs.start_run(session, coalition)
    body = text_of(client.get(f"{base(coalition)}/{queued.id}"))
    assert 'http-equiv="refresh"' in body and 'value="0"' in body


def test_a_failed_run_says_why_and_offers_a_way_back(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    for _ in range(3):
        make_story(session, coalition)
    login(client, session, role="facilitator", coalition=coalition, lead=False)
    run = start(client, coalition)
    assert run is not None and fresh(session, run.id).status == "failed"
    body = text_of(client.get(f"{base(coalition)}/{run.id}"))
    assert "Het zoeken naar thema's is niet gelukt" in body
    assert "minder dan 5 verhalen" in body and "minstens 10" in body
    assert 'http-equiv="refresh"' not in body
    assert f'href="{base(coalition)}"' in body
    assert client.get(f"{base(coalition)}/{run.id}.csv").status_code == 404
    # Edits need a finished run: refused with the service's Dutch message.
    theme_id = 1
    response = client.post(f"{base(coalition)}/{run.id}/thema/{theme_id}/splitsen", follow_redirects=True)
    assert "bestaat niet meer" in flashes(response)


def test_the_spread_of_perspectives_follows_the_small_cell_rule(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str], done_run: int
) -> None:
    body = client.get(f"{base(coalition)}/{done_run}").get_data(as_text=True)
    sport = by_subject(session, done_run, subjects, "voetbal")
    card = body[body.index(f'id="thema-{sport.number}"') :]
    card = card[: card.index("</section>")]
    assert "Professionals: &lt;5" in card
    assert 'Kinderen en jongeren: <span aria-hidden="true">×</span>' in card
    # The chart holds only shown counts: no number from 1 to 4, and no bar for the sport theme at all
    # (its youths are hidden to protect its professionals).
    found = re.search(r'<script type="application/json" id="figure-spread"[^>]*>(.*?)</script>', body, re.S)
    assert found is not None
    figure = json.loads(html.unescape(found.group(1)))
    row = next(i for i, name in enumerate(figure["data"][0]["y"]) if name.endswith(sport.label))
    for trace in figure["data"]:
        assert all(x is None or x == 0 or x >= 5 for x in trace["x"]), trace
        assert trace["x"][row] in (None, 0)
    assert '<script src="/static/vendor/plotly.min.js" defer></script>' in body


# Edits ------------------------------------------------------------------------------------------------


def edit(client: FlaskClient, coalition: Coalition, run_id: int, theme: Theme, action: str, **data: str):
    """POST an edit form of ``theme`` as the run page sends it (with the theme's number)."""
    return client.post(
        f"{base(coalition)}/{run_id}/thema/{theme.id}/{action}",
        data={"nummer": str(theme.number), **data},
        follow_redirects=True,
    )


def test_rename_shows_the_new_name_and_the_proposed_one(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str], done_run: int
) -> None:
    school = by_subject(session, done_run, subjects, "school")
    response = client.post(
        f"{base(coalition)}/{done_run}/thema/{school.id}/naam",
        data={"label": "  School en   mentor ", "nummer": str(school.number)},
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/themas/{done_run}#thema-{school.number}")
    page = client.get(response.headers["Location"])
    body = text_of(page)
    assert "Het thema heet nu ‘School en mentor’." in flashes(page)
    assert "School en mentor" in body and f"Voorgestelde naam: {school.proposed_label}" in body
    session.rollback()
    assert len(session.exec(select(ThemeEdit)).all()) == 1
    # An empty name is refused with a clear message; nothing changes.
    renamed = by_subject(session, done_run, subjects, "school")
    page = edit(client, coalition, done_run, renamed, "naam", label="   ")
    assert "Vul een naam voor het thema in." in flashes(page)
    assert by_subject(session, done_run, subjects, "school").label == "School en mentor"


def test_merge_joins_two_themes_and_refuses_what_does_not_fit(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str], done_run: int
) -> None:
    school = by_subject(session, done_run, subjects, "school")
    sport = by_subject(session, done_run, subjects, "voetbal")
    # Merging a theme with itself, with nothing, or with a number the run does not have is refused.
    page = edit(client, coalition, done_run, school, "samenvoegen", met=str(school.number))
    assert "Samenvoegen lukte niet" in flashes(page)
    page = edit(client, coalition, done_run, school, "samenvoegen", met="")
    assert "Kies een thema." in flashes(page)
    page = edit(client, coalition, done_run, school, "samenvoegen", met="99")
    assert "Samenvoegen lukte niet" in flashes(page)
    assert fresh(session, done_run).theme_count == 3
    page = edit(client, coalition, done_run, school, "samenvoegen", met=str(sport.number))
    assert "is samengevoegd met" in flashes(page)
    assert fresh(session, done_run).theme_count == 2
    assert text_of(page).count('class="theme-card"') == 2


def test_split_makes_two_themes_and_a_page_that_is_out_of_date_is_refused(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str], done_run: int
) -> None:
    wait = by_subject(session, done_run, subjects, "wachten")
    school = by_subject(session, done_run, subjects, "school")
    page = edit(client, coalition, done_run, wait, "splitsen")
    assert "in twee gesplitst" in flashes(page)
    assert fresh(session, done_run).theme_count == 4
    assert text_of(page).count('class="theme-card"') == 4
    # Every edit saves the themes anew: a form from before a merge, for the theme merged away, is
    # refused clearly (its id may now belong to another theme), never applied to the wrong theme.
    school = by_subject(session, done_run, subjects, "school")
    sport = by_subject(session, done_run, subjects, "voetbal")
    # A copy, as the old page had it (the session would reload the row, which gets another theme).
    old_page = Theme(id=sport.id, run_id=done_run, number=sport.number, label="", proposed_label="")
    edit(client, coalition, done_run, school, "samenvoegen", met=str(sport.number))
    assert fresh(session, done_run).theme_count == 3
    page = edit(client, coalition, done_run, old_page, "splitsen")
    assert page.status_code == 200 and "Dit thema bestaat niet meer" in flashes(page)
    assert fresh(session, done_run).theme_count == 3
    # Without the theme's number the form is refused too.
    current = by_subject(session, done_run, subjects, "school")
    page = client.post(f"{base(coalition)}/{done_run}/thema/{current.id}/splitsen", follow_redirects=True)
    assert "Dit thema bestaat niet meer" in flashes(page)


def test_move_puts_a_story_in_another_theme(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str], done_run: int
) -> None:
    school = by_subject(session, done_run, subjects, "school")
    sport = by_subject(session, done_run, subjects, "voetbal")
    story = school.representatives[-1]
    moves = f"{base(coalition)}/{done_run}/verplaatsen"
    response = client.post(moves, data={"verhaal": story, "naar": str(sport.number)})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#thema-{school.number}")
    page = client.get(response.headers["Location"])
    assert "Het verhaal staat nu bij" in flashes(page)
    members = theme_runs.members_of(session, fresh(session, done_run))
    sport_now = next(t for t in themes(session, done_run) if t.number == sport.number)
    assert story in members[sport_now.id]
    # To its own theme, to nowhere, or a story that is not in the run: refused.
    page = client.post(moves, data={"verhaal": story, "naar": str(sport.number)}, follow_redirects=True)
    assert "Verplaatsen lukte niet" in flashes(page)
    page = client.post(moves, data={"verhaal": story, "naar": ""}, follow_redirects=True)
    assert "Kies een thema." in flashes(page)
    page = client.post(
        moves, data={"verhaal": "no-such-story", "naar": str(sport.number)}, follow_redirects=True
    )
    assert "hoort niet (meer) bij deze ronde" in flashes(page)


def test_observations_are_saved_and_survive_an_edit_of_another_theme(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str], done_run: int
) -> None:
    school = by_subject(session, done_run, subjects, "school")
    page = edit(
        client, coalition, done_run, school, "waarnemingen", tekst="Jongeren noemen hun mentor.\r\nVerzuim.  "
    )
    assert "De waarnemingen bij" in flashes(page)
    assert "Jongeren noemen hun mentor.\nVerzuim.</textarea>" in text_of(page)
    # Renaming the theme, or merging two others, keeps these observations.
    edit(client, coalition, done_run, school, "naam", label="School")
    wait = by_subject(session, done_run, subjects, "wachten")
    sport = by_subject(session, done_run, subjects, "voetbal")
    edit(client, coalition, done_run, wait, "samenvoegen", met=str(sport.number))
    assert fresh(session, done_run).theme_count == 2
    kept = by_subject(session, done_run, subjects, "school")
    assert kept.observations == "Jongeren noemen hun mentor.\nVerzuim."
    merged = by_subject(session, done_run, subjects, "wachten")
    assert merged.observations.startswith("Dit thema telt 20 van de 30 verhalen")
    # Too long is refused.
    page = edit(client, coalition, done_run, kept, "waarnemingen", tekst="x" * 10_001)
    assert "hooguit 10.000 tekens" in flashes(page)
    assert by_subject(session, done_run, subjects, "school").observations.startswith("Jongeren")


def test_the_theme_page_lists_all_its_stories_in_pages(
    client: FlaskClient,
    session: Session,
    coalition: Coalition,
    subjects: dict[str, str],
    done_run: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(views, "PER_PAGE", 4)
    school = by_subject(session, done_run, subjects, "school")
    url = f"{base(coalition)}/{done_run}/thema/{school.id}"
    first = text_of(client.get(url))
    assert first.count('class="theme-story"') == 4 and "Pagina 1 van 3" in first
    assert "School" in first and 'name="terug" value="thema"' in first
    last = text_of(client.get(url + "?page=3"))
    assert last.count('class="theme-story"') == 2
    # Moving from the theme page comes back to the same page of the same theme.
    story = theme_runs.members_of(session, fresh(session, done_run))[school.id][-1]
    sport = by_subject(session, done_run, subjects, "voetbal")
    response = client.post(
        f"{base(coalition)}/{done_run}/verplaatsen",
        data={"verhaal": story, "naar": str(sport.number), "terug": "thema", "pagina": "3"},
    )
    school_now = by_subject(session, done_run, subjects, "school")
    assert response.headers["Location"].endswith(f"/thema/{school_now.id}?page=3")
    # A theme of another run is not found here.
    session.rollback()
    other_run = theme_runs.execute_run(session, theme_runs.start_run(session, coalition, k=2).id)
    foreign = theme_runs.themes_of(session, other_run)[0]
    assert client.get(f"{base(coalition)}/{done_run}/thema/{foreign.id}").status_code == 404


# The CSV ----------------------------------------------------------------------------------------------


def test_csv_has_a_header_suppressed_counts_and_no_story_text(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str], done_run: int
) -> None:
    school = by_subject(session, done_run, subjects, "school")
    edit(client, coalition, done_run, school, "naam", label="=HYPERLINK(1)")
    response = client.get(f"{base(coalition)}/{done_run}.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:5] == ["nummer", "label", "voorgestelde label", "aantal verhalen", "kernwoorden"]
    assert "perspectief: Professionals" in rows[0]
    assert len(rows) == 4
    professional = rows[0].index("perspectief: Professionals")
    assert "<5" in [row[professional] for row in rows[1:]]
    assert "'=HYPERLINK(1)" in [row[1] for row in rows[1:]]
    for sentence in ("wachtlijst voor hulp", "mentor op school", "voetbalclub vond ik"):
        assert sentence not in text


# Who may see what -------------------------------------------------------------------------------------


def test_another_coalitions_member_gets_404_on_every_theme_route(
    app: Flask, client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str]
) -> None:
    run = theme_runs.execute_run(session, theme_runs.start_run(session, coalition, k=3).id)
    theme = theme_runs.themes_of(session, run)[0]
    story = theme.representatives[0]
    elsewhere = make_coalition(session, slug="regio-west")
    for role in ("member", "facilitator"):
        client.post("/logout")
        login(client, session, role=role, coalition=elsewhere)
        rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("sensemaking_themes.")]
        assert len(rules) >= 10
        for rule in rules:
            for slug in (coalition.slug, elsewhere.slug):
                values = {"slug": slug, "run_id": run.id, "theme_id": theme.id}
                url = rule.build({k: v for k, v in values.items() if k in rule.arguments})[1]
                if set(rule.arguments) == {"slug"} and slug == elsewhere.slug:
                    continue  # its own runs page
                for method in sorted((rule.methods or set()) & {"GET", "POST"}):
                    data = {
                        "verhaal": story,
                        "naar": str(theme.number),
                        "nummer": str(theme.number),
                        "label": "x",
                        "met": "1",
                        "tekst": "x",
                        "k": "3",
                    }
                    status = client.open(url, method=method, data=data).status_code
                    assert status == 404, (role, method, url, status)
    session.rollback()
    assert session.exec(select(ThemeEdit)).all() == []
    assert len(session.exec(select(ThemeRun)).all()) == 1


def test_a_cross_regional_run_takes_only_coalitions_the_user_may_see(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str]
) -> None:
    west = make_coalition(session, slug="regio-west", name="Regio West")
    hidden = make_coalition(session, slug="regio-noord", name="Regio Noord")
    make_story(session, west, title="Uit het westen", text="Op de wachtlijst stonden we lang, niemand belde.")
    make_story(session, hidden, title="Uit het noorden", text="Mijn mentor op school hielp mij enorm.")
    user = login(client, session, role="facilitator", coalition=coalition, lead=False)
    from coalitions import accounts

    session.rollback()
    accounts.add_membership(session, user=user, coalition=west)
    session.commit()
    page = text_of(client.get(base(coalition)))
    assert "Regio West" in page and "Regio Noord" not in page
    # A coalition the user cannot see is refused, and nothing is started.
    response = client.post(base(coalition), data={"k": "3", "coalitions": [str(west.id), str(hidden.id)]})
    assert response.status_code == 400
    assert "Je kunt alleen coalities kiezen waarvan je de verhalen mag zien." in text_of(response)
    session.rollback()
    assert session.exec(select(ThemeRun)).all() == []
    response = client.post(base(coalition), data={"k": "3", "coalitions": "abc"})
    assert response.status_code == 400
    # With a coalition the user may see, the run covers both.
    run = start(client, coalition, coalitions=str(west.id))
    assert run is not None
    stored = fresh(session, run.id)
    assert stored.coalition_ids == sorted([coalition.id, west.id]) and stored.story_count == 31
    listed = text_of(client.get(base(coalition)))
    assert "Samen met: Regio West" in listed


def test_another_coalitions_story_in_a_cross_regional_run_is_not_shown_to_who_cannot_see_it(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str]
) -> None:
    west = make_coalition(session, slug="regio-west", name="Regio West")
    for i in range(10):
        make_story(
            session, west, title=f"Westverhaal {i}", text="Op de wachtlijst stonden we lang, niemand belde."
        )
    run = theme_runs.execute_run(
        session, theme_runs.start_run(session, coalition, k=3, coalition_ids=[west.id or 0]).id
    )
    assert run.status == "done", run.message
    login(client, session, role="member", coalition=coalition)
    body = text_of(client.get(f"{base(coalition)}/{run.id}"))
    assert "Westverhaal" not in body
    assert "Een verhaal uit een coalitie waarvan je de verhalen niet mag lezen." in body
    assert "Samen met: 1 andere coalitie(s)" in text_of(client.get(base(coalition)))


def test_pages_have_no_inline_style_or_script_and_labels_on_every_field(
    client: FlaskClient, session: Session, coalition: Coalition, subjects: dict[str, str], done_run: int
) -> None:
    for url in (base(coalition), f"{base(coalition)}/{done_run}"):
        body = client.get(url).get_data(as_text=True)
        assert " style=" not in body
        assert not re.search(r'<script(?![^>]*\bsrc=)(?![^>]*\btype="application/json")[^>]*>', body)
        for field_id in re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', body):
            assert f'for="{field_id}"' in body, (url, field_id)
        for tag in re.findall(r"<(?:select|textarea)[^>]*>", body):
            assert "id=" in tag, tag


def test_csrf_is_required_for_edits(database_url: str, session: Session) -> None:
    application = make_app(database_url)
    try:
        client = application.test_client()
        coalition = make_coalition(session, slug="regio-zuid")
        seed(session, coalition)
        run = theme_runs.execute_run(session, theme_runs.start_run(session, coalition, k=3).id)
        theme = theme_runs.themes_of(session, run)[0]
        from tests.coalitions.staff_helpers import PASSWORD, make_user

        user = make_user(session, role="facilitator", coalition=coalition, lead=False)
        login_page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)
        assert token is not None
        client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token.group(1)})
        response = client.post(f"{base(coalition)}/{run.id}/thema/{theme.id}/naam", data={"label": "Nieuw"})
        assert response.status_code == 400
        session.rollback()
        assert session.exec(select(ThemeEdit)).all() == []
    finally:
        application.extensions["engine"].dispose()
