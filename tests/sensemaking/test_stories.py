"""The narrative database screens: the story list with its filter and pages, one story with its answers,
the reading pack, the personal-data review, and who may see what (other coalitions: 404)."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from coalitions.models import Coalition
from sensemaking import filters
from sensemaking import stories as service
from sensemaking.models import StoryMark, StoryReview
from tests.coalitions.conftest import login
from tests.conftest import make_app
from tests.factories import local_today, make_coalition, make_organisation
from tests.sensemaking._stories import make_story
from vertelpunt import questionnaire
from vertelpunt.models import Story

PHONE_STORY = "Bel mijn moeder gerust op 06-12345678 als er iets is. Zij weet er alles van."


def url(coalition: Coalition, path: str = "") -> str:
    return f"/coalitions/{coalition.slug}/verhalen{path}"


def page_text(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def card_titles(response) -> list[str]:
    return [
        html.unescape(t)
        for t in re.findall(
            r'<h3 id="story-[^"]+"><a href="[^"]*">([^<]*)</a>', response.get_data(as_text=True)
        )
    ]


def fresh(session: Session, model, key):
    session.rollback()  # end this session's snapshot...
    session.expire_all()  # ...and forget what it loaded: see what the requests committed
    return session.get(model, key)


# The list ----------------------------------------------------------------------------------------


def test_list_shows_cards_with_month_labels_and_a_small_count(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    make_story(
        session,
        coalition,
        title="Eindelijk gehoord",
        text="Woord " * 100,
        day=date(2026, 11, 3),
        answers={"prompt": "safe", "perspective": "parent"},
    )
    make_story(session, coalition, title="Tweede", day=date(2026, 10, 9))
    login(client, session, coalition=coalition)
    response = client.get(url(coalition))
    assert response.status_code == 200
    text = page_text(response)
    assert card_titles(response) == ["Eindelijk gehoord", "Tweede"]  # newest first
    assert "november 2026" in text and "oktober 2026" in text
    assert "3 november" not in text and "2026-11-03" not in text  # month and year only
    assert "Wanneer voelde je je veilig, of juist niet veilig?" in text  # the prompt's label
    assert "Ik ben ouder, verzorger of familie" in text  # the perspective's label
    assert "Alle verhalen: <5" in text  # a count of 1 to 4 reads "<5"
    assert "&lt;5" in response.get_data(as_text=True)
    excerpt = re.search(r'<p class="story-excerpt">([^<]*)</p>', response.get_data(as_text=True)).group(1)
    assert len(excerpt) <= 301 and excerpt.endswith("…")
    assert 'name="a.feeling"' in text and 'name="q"' in text and 'name="leespakket"' in text


def test_empty_states(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, coalition=coalition)
    assert "Nog geen verhalen" in page_text(client.get(url(coalition)))
    make_story(session, coalition, answers={"feeling": "good"})
    text = page_text(client.get(url(coalition), query_string={"a.feeling": "bad"}))
    assert "Geen verhalen gevonden met dit filter" in text and "Gevonden verhalen: 0" in text


def test_filters_narrow_the_results(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    school = make_organisation(session, coalition, name="Het Baken")
    make_story(
        session, coalition, title="Goed thuis", text="Thuis ging het goed.", answers={"feeling": "good"}
    )
    make_story(session, coalition, title="Slecht", text="Het ging niet.", answers={"feeling": "bad"})
    make_story(
        session,
        coalition,
        title="Op school",
        text="De mentor hielp.",
        organisation=school,
        answers={"feeling": "good"},
    )
    make_story(
        session,
        coalition,
        title="Oud",
        text="Lang geleden.",
        day=date(2025, 1, 5),
        answers={"feeling": "good"},
    )
    login(client, session, coalition=coalition, role="facilitator")
    assert set(card_titles(client.get(url(coalition)))) == {"Goed thuis", "Slecht", "Op school", "Oud"}
    good = client.get(url(coalition), query_string={"a.feeling": "good"})
    assert set(card_titles(good)) == {"Goed thuis", "Op school", "Oud"}
    assert 'value="good" checked' in good.get_data(as_text=True)
    assert card_titles(client.get(url(coalition), query_string={"org": str(school.id)})) == ["Op school"]
    assert card_titles(client.get(url(coalition), query_string={"q": "thuis"})) == ["Goed thuis"]
    period = client.get(url(coalition), query_string={"van": "2025-01-01", "tot": "2025-12-31"})
    assert card_titles(period) == ["Oud"]
    # Every filter field may come empty from the form: nothing is restricted then.
    empty = {"q": "", "van": "", "tot": "", "sort": "newest"}
    assert len(card_titles(client.get(url(coalition), query_string=empty))) == 4
    by_title = client.get(url(coalition), query_string={"sort": "title"})
    assert card_titles(by_title) == ["Goed thuis", "Op school", "Oud", "Slecht"]
    assert card_titles(client.get(url(coalition), query_string={"sort": "oldest"}))[0] == "Oud"


def test_pages_of_25_keep_the_filter(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    for n in range(30):
        make_story(
            session,
            coalition,
            title=f"Goed {n:02d}",
            day=date(2026, 1, n % 28 + 1),
            answers={"feeling": "good"},
        )
    make_story(session, coalition, title="Slecht", answers={"feeling": "bad"})
    login(client, session, coalition=coalition)
    first = client.get(url(coalition), query_string={"a.feeling": "good", "sort": "title"})
    assert card_titles(first) == [f"Goed {n:02d}" for n in range(25)]
    assert "Gevonden verhalen: 30" in page_text(first)
    body = page_text(first)
    next_link = re.search(r'<a href="([^"]+)" rel="next">', body).group(1)
    assert "a.feeling=good" in next_link and "sort=title" in next_link and "page=2" in next_link
    second = client.get(next_link)
    assert card_titles(second) == [f"Goed {n:02d}" for n in range(25, 30)]
    assert 'rel="prev"' in second.get_data(as_text=True) and 'rel="next"' not in second.get_data(as_text=True)
    # The story links carry the list state, so the story page can lead back to this page.
    story_link = re.search(r'<h3 id="story-[^"]+"><a href="([^"]+)"', page_text(second)).group(1)
    assert "page=2" in story_link and "a.feeling=good" in story_link
    back = re.search(
        r'<a href="([^"]+)">Terug naar de verhalen</a>', page_text(client.get(story_link))
    ).group(1)
    assert "page=2" in back and "a.feeling=good" in back and "sort=title" in back
    # A page out of range shows the last page, not an error.
    assert card_titles(client.get(url(coalition), query_string={"page": "99", "a.feeling": "good"}))
    assert client.get(url(coalition), query_string={"page": "x"}).status_code == 200


def test_the_period_is_whole_months(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    # Cards show a month only: a period of single days must not pin a story to its day.
    for day in (
        date(2026, 10, 31),
        date(2026, 11, 1),
        date(2026, 11, 3),
        date(2026, 11, 30),
        date(2026, 12, 1),
    ):
        make_story(session, coalition, title=day.isoformat(), day=day)
    login(client, session, coalition=coalition)
    november = {"2026-11-01", "2026-11-03", "2026-11-30"}
    one_day = client.get(url(coalition), query_string={"van": "2026-11-03", "tot": "2026-11-03"})
    assert set(card_titles(one_day)) == november
    body = one_day.get_data(as_text=True)
    assert 'name="van" value="2026-11"' in body and 'name="tot" value="2026-11"' in body
    months = client.get(url(coalition), query_string={"van": "2026-11", "tot": "2026-11"})
    assert set(card_titles(months)) == november
    link = re.search(r'<h3 id="story-[^"]+"><a href="([^"]+)"', page_text(months)).group(1)
    assert "van=2026-11-01" in link and "tot=2026-11-30" in link
    assert set(card_titles(client.get(url(coalition), query_string={"van": "2026-12"}))) == {"2026-12-01"}
    for bad in ("2026-13", "2026-00", "0000-01", "2026-1"):
        assert client.get(url(coalition), query_string={"van": bad}).status_code == 400, bad


def test_month_helpers() -> None:
    assert service.month_as_day("2024-02", last=True) == "2024-02-29"
    assert service.month_as_day("2024-02", last=False) == "2024-02-01"
    assert service.month_as_day("2024-02-10", last=True) == "2024-02-10"  # a day is left to the filter
    flt = service.whole_months(filters.StoryFilter(since=date(2026, 2, 14), until=date(2026, 2, 14)))
    assert (flt.since, flt.until) == (date(2026, 2, 1), date(2026, 2, 28))
    assert service.whole_months(filters.StoryFilter()) == filters.StoryFilter()


@pytest.mark.parametrize(
    "query",
    [
        {"a.nope": "1"},
        {"a.feeling": "great"},
        {"a.who_decided": "0.5"},
        {"sort": "title; DROP TABLE story"},
        {"sort": "day"},
        {"onbekend": "1"},
        {"van": "morgen"},
        {"org": "999"},
        {"q": "x" * 500},
    ],
)
def test_unknown_filter_is_a_friendly_400(
    client: FlaskClient, session: Session, coalition: Coalition, query: dict
) -> None:
    make_story(session, coalition)
    login(client, session, coalition=coalition)
    response = client.get(url(coalition), query_string=query)
    assert response.status_code == 400
    text = page_text(response)
    assert "Dit filter kennen we niet" in text and "Alle verhalen bekijken" in text
    assert "Traceback" not in text and "FilterError" not in text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.one_of(
        st.sampled_from(
            ["sort", "page", "q", "van", "tot", "org", "leespakket", "a.feeling", "a.who_decided"]
        ),
        st.text(max_size=12),
    ),
    value=st.text(max_size=40),
)
@example(key="q", value="\x00")  # a NUL byte in the search: PostgreSQL refused it with a 500
def test_fuzzed_arguments_give_a_page_or_a_400(
    client: FlaskClient, session: Session, coalition: Coalition, key: str, value: str
) -> None:
    if client.get(url(coalition)).status_code == 302:  # the first example: sign in, store a story
        login(client, session, coalition=coalition)
        make_story(session, coalition, answers={"feeling": "good", "who_decided": 0.5})
    response = client.get(url(coalition), query_string={key: value})
    assert response.status_code in (200, 400), (key, value, response.status_code)
    if key == "sort" and value not in ("", "newest", "oldest", "title"):
        assert response.status_code == 400


def test_another_coalitions_organisation_is_not_a_filter(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    other = make_coalition(session)
    theirs = make_organisation(session, other)
    login(client, session, coalition=coalition)
    assert client.get(url(coalition), query_string={"org": str(theirs.id)}).status_code == 400


# One story ---------------------------------------------------------------------------------------


def test_story_page_shows_every_answer_with_labels(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    story = make_story(
        session,
        coalition,
        title="De toets",
        text="Eerste alinea.\n\nTweede alinea.",
        answers={
            "prompt": "school",
            "feeling": "mixed",
            "helpers": ["family", "school"],
            "what_mattered": [0.5, 0.3, 0.2],
            "who_decided": 0.8333,
            "perspective": "youth",
            "organisation": "Het Baken",
        },
    )
    login(client, session, coalition=coalition)
    response = client.get(url(coalition, f"/{story.id}"))
    assert response.status_code == 200
    text = page_text(response)
    assert '<h1 id="story-title">De toets</h1>' in text
    assert "<p>Eerste alinea.</p>" in text and "<p>Tweede alinea.</p>" in text
    assert "Gedeeld in november 2026" in text
    assert "Wanneer paste school of werk goed bij je, of juist niet?" in text
    assert "Een beetje goed en een beetje slecht" in text
    assert "Mijn familie" in text and "Iemand van school" in text
    # The triad as three percentages, the slider as a position between its poles.
    assert "Dat er naar mij geluisterd werd" in text and "50%" in text and "30%" in text and "20%" in text
    assert "Anderen beslisten voor mij" in text and "Ik besliste zelf mee" in text
    assert "Op 83 van 100" in text
    assert "Het Baken" in text
    assert "Nog niet gecontroleerd" in text
    assert 'name="csrf_token"' in text and "In het leespakket" in text
    assert url(coalition, f"/{story.id}/controleren") in text


def test_answers_keep_their_own_questionnaire_version() -> None:
    raw = questionnaire.read_file()
    old = questionnaire.parse(raw)
    changed = {**raw, "questions": [dict(q) for q in raw["questions"]]}
    feeling = next(q for q in changed["questions"] if q["id"] == "feeling")
    feeling["options"] = [{**o, "nl": o["nl"].upper()} for o in feeling["options"]]
    feeling["text"] = {"nl": "Nieuwe vraag?", "en": "New question?"}
    new = questionnaire.parse(changed)
    shown = service.shown_answers({"feeling": "good", "gone": "x"}, old, new, "nl")
    assert [(a.question, a.labels) for a in shown] == [("Hoe voelde je je toen?", ("Goed",))]
    # A question only the current version knows is labelled with it.
    shown = service.shown_answers(
        {"feeling": "good"}, questionnaire.parse({**raw, "questions": raw["questions"][:2]}), new, "nl"
    )
    assert [(a.question, a.labels) for a in shown] == [("Nieuwe vraag?", ("GOED",))]


def test_triad_percentages_add_up_to_100() -> None:
    definition = questionnaire.parse(questionnaire.read_file())
    triad = definition.get("what_mattered")
    answer = service.show_answer(triad, [1 / 3, 1 / 3, 1 / 3], "nl")
    assert sum(s.percent for s in answer.shares) == 100
    assert service.show_answer(triad, [0.5, "x", 0.5], "nl") is None
    assert service.show_answer(definition.get("who_decided"), 7, "nl") is None


# The reading pack --------------------------------------------------------------------------------


def test_marking_toggles_and_the_reading_pack_filter_lists_it(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    story = make_story(session, coalition, title="Voor de sessie")
    make_story(session, coalition, title="Een ander")
    login(client, session, coalition=coalition, role="facilitator")
    back = url(coalition, "?a.feeling=good")
    response = client.post(url(coalition, f"/{story.id}/leespakket"), data={"next": back})
    assert response.status_code == 302 and response.headers["Location"] == back
    assert fresh(session, StoryMark, story.id).coalition_id == coalition.id
    assert card_titles(client.get(url(coalition), query_string={"leespakket": "1"})) == ["Voor de sessie"]
    listing = page_text(client.get(url(coalition)))
    assert listing.count("In het leespakket</span>") == 1
    assert "Uit het leespakket halen" in page_text(client.get(url(coalition, f"/{story.id}")))
    # Marking twice is harmless; toggling takes it out.
    client.post(url(coalition, f"/{story.id}/leespakket"), data={"actie": "aan"})
    assert fresh(session, StoryMark, story.id) is not None
    client.post(url(coalition, f"/{story.id}/leespakket"))
    assert fresh(session, StoryMark, story.id) is None
    assert card_titles(client.get(url(coalition), query_string={"leespakket": "1"})) == []
    assert client.post(url(coalition, f"/{story.id}/leespakket"), data={"actie": "x"}).status_code == 400
    # The button says what it does, in both languages.
    assert "In het leespakket zetten" in page_text(client.get(url(coalition, f"/{story.id}")))
    assert "Add to the reading pack" in page_text(client.get(url(coalition, f"/{story.id}?lang=en")))


@pytest.mark.parametrize("target", ["https://example.com/x", "//example.com/x", "javascript:alert(1)", ""])
def test_marking_never_redirects_off_site(
    client: FlaskClient, session: Session, coalition: Coalition, target: str
) -> None:
    story = make_story(session, coalition)
    login(client, session, coalition=coalition)
    response = client.post(url(coalition, f"/{story.id}/leespakket"), data={"next": target})
    assert response.headers["Location"] == url(coalition, f"/{story.id}")


def test_marking_needs_a_csrf_token(database_url: str, session: Session, coalition: Coalition) -> None:
    application = make_app(database_url)
    try:
        story = make_story(session, coalition)
        client = application.test_client()
        from tests.coalitions.staff_helpers import make_user

        user = make_user(session, coalition=coalition)
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        client.post(
            "/login", data={"email": user.email, "password": "een lang wachtwoord 123", "csrf_token": token}
        )
        assert client.post(url(coalition, f"/{story.id}/leespakket")).status_code == 400
        assert fresh(session, StoryMark, story.id) is None
        # The story page's form carries a token that works.
        form = client.get(url(coalition, f"/{story.id}")).get_data(as_text=True)
        token = re.search(r'class="mark-form".*?name="csrf_token" value="([^"]+)"', form, re.S).group(1)
        response = client.post(url(coalition, f"/{story.id}/leespakket"), data={"csrf_token": token})
        assert response.status_code == 302
        assert fresh(session, StoryMark, story.id) is not None
    finally:
        application.extensions["engine"].dispose()


# Access ------------------------------------------------------------------------------------------


def story_urls(coalition: Coalition, story: Story) -> list[tuple[str, str]]:
    return [
        ("GET", url(coalition)),
        ("GET", url(coalition, f"/{story.id}")),
        ("POST", url(coalition, f"/{story.id}/leespakket")),
        ("GET", url(coalition, f"/{story.id}/controleren")),
        ("POST", url(coalition, f"/{story.id}/controleren")),
    ]


@pytest.mark.parametrize("role", ["member", "facilitator"])
def test_other_coalitions_stories_are_not_found(
    client: FlaskClient, session: Session, coalition: Coalition, role: str
) -> None:
    theirs = make_story(session, coalition, title="Van A")
    mine = make_coalition(session, slug="regio-b")
    make_story(session, mine, title="Van B")
    login(client, session, coalition=mine, role=role)
    for method, address in story_urls(coalition, theirs):
        assert client.open(address, method=method, data={"title": "x", "text": "y"}).status_code == 404, (
            address
        )
    # With B's own slug but A's story id: also nothing there.
    for method, address in story_urls(mine, theirs)[1:]:
        assert client.open(address, method=method, data={"title": "x", "text": "y"}).status_code == 404, (
            address
        )
    assert fresh(session, StoryMark, theirs.id) is None and fresh(session, StoryReview, theirs.id) is None
    assert "Van A" not in page_text(client.get(url(mine)))


def test_unassigned_facilitator_finds_nothing(client: FlaskClient, session: Session, coalition: Coalition):
    story = make_story(session, coalition)
    login(client, session, role="facilitator")
    for method, address in story_urls(coalition, story):
        assert client.open(address, method=method, data={}).status_code == 404, address


def test_unknown_story_is_not_found(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, coalition=coalition)
    for story_id in ("1", "x" * 40, "00000000-0000-0000-0000-000000000000"):
        assert client.get(url(coalition, f"/{story_id}")).status_code == 404


def test_signed_out_is_sent_to_login(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    story = make_story(session, coalition)
    for method, address in story_urls(coalition, story):
        response = client.open(address, method=method, data={})
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_menu_links_to_the_stories(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    login(client, session, coalition=coalition)
    assert f'href="{url(coalition)}"' in client.get(f"/coalitions/{coalition.slug}/").get_data(as_text=True)


def test_pages_have_no_inline_styles_or_scripts(client: FlaskClient, session: Session, coalition: Coalition):
    story = make_story(session, coalition, text=PHONE_STORY)
    login(client, session, coalition=coalition)
    for address in (
        url(coalition),
        url(coalition, f"/{story.id}"),
        url(coalition, f"/{story.id}/controleren"),
    ):
        body = client.get(address).get_data(as_text=True)
        assert " style=" not in body and "<script>" not in body
        assert "sensemaking.css" in body


# The personal-data review ------------------------------------------------------------------------


def textarea(body: str, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', body, re.S)
    assert found, f"no textarea {name}"
    return html.unescape(found.group(1)).removeprefix("\r\n")  # WTForms starts with a line break


def input_value(body: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', body)
    assert found, f"no input {name}"
    return html.unescape(found.group(1))


def review_and_save(client: FlaskClient, coalition: Coalition, story: Story) -> tuple[str, str]:
    """Open the review page, take the proposed version as it is, and save it."""
    page = client.get(url(coalition, f"/{story.id}/controleren"))
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    title, text = input_value(body, "title"), textarea(body, "text")
    response = client.post(url(coalition, f"/{story.id}/controleren"), data={"title": title, "text": text})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/verhalen/{story.id}")
    return title, text


def test_review_proposes_a_redaction_and_a_member_then_sees_it(
    app: Flask, client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    story = make_story(session, coalition, title="Mijn moeder", text=PHONE_STORY)
    facilitator = login(client, session, coalition=coalition, role="facilitator")
    page = client.get(url(coalition, f"/{story.id}/controleren"))
    body = page.get_data(as_text=True)
    # The finding is named and highlighted in the original; the form holds the proposal without it.
    assert "telefoonnummer" in body
    assert re.search(r"<mark>06-12345678<span", body)
    assert "06-12345678" not in textarea(body, "text") and "[" in textarea(body, "text")
    assert "De oorspronkelijke tekst blijft bewaard" in page_text(page)
    _title, text = review_and_save(client, coalition, story)
    review = fresh(session, StoryReview, story.id)
    assert (
        review.text == text and review.reviewer_id == facilitator.id and review.reviewed_on == local_today()
    )
    assert fresh(session, Story, story.id).text == PHONE_STORY  # kept (KEEP_ORIGINAL_STORIES is on)

    member = app.test_client()
    login(member, session, coalition=coalition)
    shown = page_text(member.get(url(coalition, f"/{story.id}")))
    assert "06-12345678" not in shown and "Gecontroleerd op persoonsgegevens" in shown
    assert "Bel mijn moeder gerust op" in shown
    listing = page_text(member.get(url(coalition)))
    assert "06-12345678" not in listing and "Gecontroleerd op persoonsgegevens" in listing
    # Searching for what was taken out finds nothing; the review page no longer shows the original.
    assert card_titles(member.get(url(coalition), query_string={"q": "12345678"})) == []
    again = member.get(url(coalition, f"/{story.id}/controleren"))
    assert again.status_code == 200 and "06-12345678" not in again.get_data(as_text=True)
    assert "Dit verhaal is al gecontroleerd" in page_text(again)


def test_without_kept_originals_the_review_replaces_the_story(
    database_url: str, session: Session, coalition: Coalition
) -> None:
    application = make_app(database_url, WTF_CSRF_ENABLED=False, KEEP_ORIGINAL_STORIES=False)
    try:
        story = make_story(session, coalition, title="Mijn moeder", text=PHONE_STORY)
        client = application.test_client()
        login(client, session, coalition=coalition)
        warning = page_text(client.get(url(coalition, f"/{story.id}/controleren")))
        assert "na het opslaan is de oorspronkelijke tekst weg" in warning
        title, text = review_and_save(client, coalition, story)
        stored = fresh(session, Story, story.id)
        assert (stored.title, stored.text) == (title, text) and "06-12345678" not in stored.text
        admin = application.test_client()
        login(admin, session, role="admin")
        assert "06-12345678" not in page_text(admin.get(url(coalition, f"/{story.id}")))
    finally:
        application.extensions["engine"].dispose()


def test_an_administrator_sees_the_original_when_it_is_kept(
    app: Flask, client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    story = make_story(session, coalition, title="Mijn moeder", text=PHONE_STORY)
    login(client, session, coalition=coalition)
    review_and_save(client, coalition, story)
    admin = app.test_client()
    login(admin, session, role="admin")
    shown = page_text(admin.get(url(coalition, f"/{story.id}")))
    assert "06-12345678" in shown and "Je ziet de oorspronkelijke tekst" in shown
    assert "06-12345678" in page_text(admin.get(url(coalition, f"/{story.id}/controleren")))
    assert "06-12345678" not in page_text(client.get(url(coalition, f"/{story.id}")))


def test_review_errors_keep_what_was_typed(
    client: FlaskClient, session: Session, coalition: Coalition
) -> None:
    story = make_story(session, coalition, text=PHONE_STORY)
    login(client, session, coalition=coalition, role="facilitator")
    typed = "Bel [naam] gerust als er iets is.\nTweede regel met <b>tekens</b> & meer."
    response = client.post(url(coalition, f"/{story.id}/controleren"), data={"title": "   ", "text": typed})
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert "Vul een titel in." in body and textarea(body, "text") == typed.strip()
    assert "<b>tekens</b>" not in body  # escaped, never markup
    response = client.post(
        url(coalition, f"/{story.id}/controleren"), data={"title": "x" * 201, "text": typed}
    )
    assert response.status_code == 422 and input_value(response.get_data(as_text=True), "title") == "x" * 201
    response = client.post(url(coalition, f"/{story.id}/controleren"), data={"title": "Titel", "text": ""})
    assert response.status_code == 422 and "Vul de tekst van het verhaal in." in page_text(response)
    assert fresh(session, StoryReview, story.id) is None


def test_review_page_escapes_the_story(client: FlaskClient, session: Session, coalition: Coalition) -> None:
    story = make_story(session, coalition, title="<i>kop</i>", text="<script>x()</script> bel 06-12345678")
    login(client, session, coalition=coalition)
    body = client.get(url(coalition, f"/{story.id}/controleren")).get_data(as_text=True)
    assert "<script>x()" not in body and "&lt;script&gt;x()&lt;/script&gt;" in body
    assert "<i>kop</i>" not in body


def test_segments_cut_text_around_findings() -> None:
    class F:
        def __init__(self, kind: str, start: int, end: int) -> None:
            self.kind, self.start, self.end = kind, start, end

    text = "bel 0612345678 of mail a@b.nl"
    pieces = service.segments(
        text, [F("email", 23, 29), F("phone", 4, 14), F("phone", 6, 10), F("x", 40, 50)]
    )
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.kind) for p in pieces if p.kind] == [("0612345678", "phone"), ("a@b.nl", "email")]
    assert service.segments("", []) == []


# The service -------------------------------------------------------------------------------------


def test_paging_and_sorting_rules() -> None:
    page = service.paginate(list(range(51)), 3)
    assert (page.items, page.page, page.pages, page.total) == ([50], 3, 3, 51)
    assert service.paginate([], 5) == service.Page(items=[], page=1, pages=1, total=0)
    assert service.paginate(list(range(30)), -2).page == 1
    assert service.check_sort(None) == service.check_sort("") == "newest"
    for bad in ("day", "title desc", "story.title", "NEWEST"):
        with pytest.raises(filters.FilterError):
            service.check_sort(bad)


def test_marks_belong_to_one_coalition(session: Session, coalition: Coalition) -> None:
    other = make_coalition(session)
    older = make_story(session, coalition, day=date(2026, 1, 1))
    newer = make_story(session, coalition, day=date(2026, 2, 1))
    theirs = make_story(session, other)
    assert service.mark(session, coalition, older, today=local_today())
    assert service.mark(session, coalition, newer, today=local_today())
    assert not service.mark(session, coalition, newer, today=local_today())  # already there
    with pytest.raises(ValueError, match="not this coalition"):
        service.mark(session, coalition, theirs, today=local_today())
    session.commit()
    assert [s.id for s in service.marked_stories(session, coalition)] == [newer.id, older.id]
    assert service.marked_ids(session, other) == set()
    assert not service.unmark(session, other, older)  # another coalition cannot take it out
    assert service.unmark(session, coalition, older) and not service.is_marked(session, coalition, older)
    assert service.get_story(session, coalition, theirs.id) is None
    assert service.get_story(session, other, theirs.id).id == theirs.id


def test_the_list_links_to_theme_discovery_with_its_filter(client: FlaskClient, session: Session) -> None:
    coalition = make_coalition(session)
    login(client, session, coalition=coalition)
    make_story(session, coalition, answers={"prompt": "helped", "perspective": "parent"})
    html = client.get(f"/coalitions/{coalition.slug}/verhalen?a.perspective=parent").get_data(as_text=True)
    assert f'href="/coalitions/{coalition.slug}/themas?a.perspective=parent"' in html
