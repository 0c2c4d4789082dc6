"""Invitation texts: defaults, filling in, a coalition's own versions, and showing them safely."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient
from sqlmodel import Session, select

from coalitions import texts
from coalitions.models import Coalition, InvitationText, InviteLink
from tests.coalitions._auth import signed_in
from tests.factories import make_coalition, make_link, make_organisation

VALUES = {
    "link": "https://vp.example/i/TOKEN",
    "short_link": "https://vp.example/k/abcd-efgh",
    "coalition": "Coalitie Rivierenland",
    "organisation": "Jeugdhulp De Brug",
    "focus": "Zo thuis mogelijk opgroeien.",
}


@dataclass
class World:
    coalition: Coalition
    link: InviteLink

    @property
    def texts_url(self) -> str:
        return f"/coalitions/{self.coalition.slug}/teksten"

    @property
    def hand_out_url(self) -> str:
        return f"/coalitions/{self.coalition.slug}/links/{self.link.id}"


@pytest.fixture
def world(session: Session) -> World:
    coalition = make_coalition(session, name="Coalitie Rivierenland", focus="Zo thuis mogelijk opgroeien.")
    link = make_link(session, coalition, organisation=make_organisation(session, coalition, name="De Brug"))
    return World(coalition=coalition, link=link)


@pytest.fixture
def member(client: FlaskClient, session: Session, world: World) -> FlaskClient:
    signed_in(client, session, world.coalition)
    return client


def stored(session: Session, coalition: Coalition) -> list[InvitationText]:
    session.rollback()  # end the read transaction: see what the app committed since
    session.expire_all()
    return list(session.exec(select(InvitationText).where(InvitationText.coalition_id == coalition.id)))


# --- Pure functions ------------------------------------------------------------------------------------


def test_every_audience_has_a_default_in_both_languages_using_known_placeholders() -> None:
    for audience in texts.AUDIENCES:
        for language in texts.LANGUAGES:
            text = texts.DEFAULTS[(audience, language)]
            assert text.body and "{link}" in text.body
            assert texts.problems(text.body) == [] and texts.problems(text.subject) == []
            filled = texts.fill(text.body, VALUES)
            assert VALUES["link"] in filled and "{" not in filled


def test_fill_replaces_known_placeholders_and_keeps_unknown_ones_visible() -> None:
    assert texts.fill("Ga naar {link} van {organisation}", VALUES) == (
        "Ga naar https://vp.example/i/TOKEN van Jeugdhulp De Brug"
    )
    assert (
        texts.fill("Hoi {naam}, kijk op {short_link}", VALUES)
        == "Hoi {naam}, kijk op https://vp.example/k/abcd-efgh"
    )


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("Een { los en {link}", "Een { los en https://vp.example/i/TOKEN"),
        ("}{link}", "}https://vp.example/i/TOKEN"),
        ("{link.__class__.__mro__} {link}", "{link.__class__.__mro__} https://vp.example/i/TOKEN"),
        ("{link!r} {0} {} {link[0]}", "{link!r} {0} {} {link[0]}"),
        ("{link:>999999999}", "{link:>999999999}"),
    ],
)
def test_fill_never_fails_and_evaluates_nothing(template: str, expected: str) -> None:
    assert texts.fill(template, VALUES) == expected


def test_problems_name_the_unknown_placeholder() -> None:
    assert texts.problems("Hoi {naam} op {link}") == ["{naam}"]
    assert texts.problems("{link.x} {focus:>9} {link!r}") == ["{link.x}", "{focus:>9}", "{link!r}"]
    assert texts.problems("een { los") == [None]
    assert texts.problems("Alles goed: {link} {short_link} {coalition} {organisation} {focus}") == []


def test_mailto_and_whatsapp_links_encode_the_text() -> None:
    assert texts.whatsapp_url("Hoi & dag\n#1") == "https://wa.me/?text=Hoi%20%26%20dag%0A%231"
    assert texts.mailto_url("Onderwerp?", "a\nb&c") == "mailto:?subject=Onderwerp%3F&body=a%0D%0Ab%26c"


def test_save_twice_keeps_one_row_and_reset_removes_it(session: Session, world: World) -> None:
    for body in ("Eerste {link}", "Tweede {link}"):
        texts.save_text(session, world.coalition, audience="youth", language="nl", subject="S", body=body)
        session.commit()
    rows = stored(session, world.coalition)
    assert [r.body for r in rows] == ["Tweede {link}"]
    assert texts.text_for(session, world.coalition, "youth", "nl").custom
    assert texts.reset_text(session, world.coalition, audience="youth", language="nl")
    session.commit()
    assert stored(session, world.coalition) == []
    assert texts.text_for(session, world.coalition, "youth", "nl") == texts.DEFAULTS[("youth", "nl")]


# --- Pages ---------------------------------------------------------------------------------------------


def test_texts_page_is_in_the_coalition_menu_and_lists_every_text(member: FlaskClient, world: World) -> None:
    home = member.get(f"/coalitions/{world.coalition.slug}/").get_data(as_text=True)
    assert f'href="{world.texts_url}"' in home
    page = member.get(world.texts_url).get_data(as_text=True)
    for audience in texts.AUDIENCES:
        for language in texts.LANGUAGES:
            assert f'id="text-{audience}-{language}"' in page
            assert f"{world.texts_url}/{audience}/{language}" in page
    assert 'aria-current="page"' in page


def test_hand_out_page_fills_in_the_link(member: FlaskClient, session: Session, world: World) -> None:
    page = html.unescape(member.get(world.hand_out_url).get_data(as_text=True))
    session.rollback()
    session.expire_all()
    link = session.get(InviteLink, world.link.id)
    assert link is not None and link.short_code
    assert f"Vertel het hier: http://localhost/i/{link.token}" in page
    assert f"Of typ: http://localhost/k/{link.short_code[:4]}-{link.short_code[4:]}" in page
    assert "De Brug" in page and "Zo thuis mogelijk opgroeien." in page
    english = html.unescape(member.get(world.hand_out_url + "?taal=en").get_data(as_text=True))
    assert f"Tell us here: http://localhost/i/{link.token}" in english


def test_override_is_saved_shown_with_the_link_and_reset(
    member: FlaskClient, session: Session, world: World
) -> None:
    edit = f"{world.texts_url}/youth/nl"
    assert member.get(edit).status_code == 200
    response = member.post(edit, data={"subject": "Doe mee!", "body": "Onze eigen tekst: {link}"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/teksten#text-youth-nl")
    [row] = stored(session, world.coalition)
    assert (row.audience, row.language, row.subject, row.body) == (
        "youth",
        "nl",
        "Doe mee!",
        "Onze eigen tekst: {link}",
    )
    assert "eigen tekst" in member.get(world.texts_url).get_data(as_text=True)
    page = html.unescape(member.get(world.hand_out_url).get_data(as_text=True))
    assert f"Onze eigen tekst: http://localhost/i/{world.link.token}" in page

    response = member.post(f"{edit}/standaard")
    assert response.status_code == 302
    assert stored(session, world.coalition) == []
    page = html.unescape(member.get(world.hand_out_url).get_data(as_text=True))
    assert "Onze eigen tekst" not in page and "Vertel het hier:" in page


def test_unknown_placeholder_is_refused_and_the_typed_text_kept(
    member: FlaskClient, session: Session, world: World
) -> None:
    typed = "Hoi {voornaam}, vertel het op {link} <b>nu</b>"
    response = member.post(f"{world.texts_url}/parents/en", data={"subject": "Mijn onderwerp", "body": typed})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Het invulveld {voornaam} bestaat niet" in page
    assert html.escape(typed, quote=False) in page
    assert 'value="Mijn onderwerp"' in page
    assert stored(session, world.coalition) == []


@pytest.mark.parametrize(
    ("body", "message"),
    [("   ", "Vul een tekst in."), ("x" * 5001, "hooguit 5000 tekens"), ("een { los", "losse { of }")],
)
def test_invalid_body_is_refused_and_kept(
    member: FlaskClient, session: Session, world: World, body: str, message: str
) -> None:
    response = member.post(f"{world.texts_url}/youth/nl", data={"subject": "Behouden", "body": body})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert 'value="Behouden"' in page
    if body.strip():
        assert html.escape(body, quote=False) in page
    assert stored(session, world.coalition) == []


def test_script_in_a_text_is_shown_as_text(member: FlaskClient, world: World) -> None:
    payload = '</textarea><script>alert("x")</script><img src=x onerror=alert(1)> {link}'
    subject = '"><script>alert(2)</script>'
    response = member.post(f"{world.texts_url}/newsletter/nl", data={"subject": subject, "body": payload})
    assert response.status_code == 302
    for url in (world.texts_url, f"{world.texts_url}/newsletter/nl", world.hand_out_url):
        page = member.get(url).get_data(as_text=True)
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
        assert "&lt;script&gt;alert" in page, url


def test_facilitator_reads_but_does_not_edit(client: FlaskClient, session: Session, world: World) -> None:
    signed_in(client, session, world.coalition, role="facilitator")
    page = client.get(world.texts_url)
    assert page.status_code == 200
    assert f"{world.texts_url}/youth/nl" not in page.get_data(as_text=True)
    assert client.get(f"{world.texts_url}/youth/nl").status_code == 403
    assert client.post(f"{world.texts_url}/youth/nl", data={"body": "x {link}"}).status_code == 403
    assert client.post(f"{world.texts_url}/youth/nl/standaard").status_code == 403
    assert stored(session, world.coalition) == []


@pytest.mark.parametrize("path", ["kinderen/nl", "youth/de", "youth/nl/../en"])
def test_unknown_audience_or_language_is_404(member: FlaskClient, world: World, path: str) -> None:
    assert member.get(f"{world.texts_url}/{path}").status_code == 404
    assert member.post(f"{world.texts_url}/{path}", data={"body": "x"}).status_code in (404, 405)


def test_another_coalitions_texts_are_404(member: FlaskClient, session: Session) -> None:
    other = make_coalition(session, slug="niet-de-mijne")
    assert member.get(f"/coalitions/{other.slug}/teksten").status_code == 404
    assert (
        member.post(f"/coalitions/{other.slug}/teksten/youth/nl", data={"body": "x {link}"}).status_code
        == 404
    )
