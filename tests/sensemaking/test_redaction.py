"""Personal data in story text: detection per kind, BSN 11-proef, placeholders, RELIABILITY row 31 targets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sensemaking.redaction import Finding, find_personal_data, is_valid_bsn, propose_redaction

DATA = Path(__file__).parent / "data"


def _load(name: str) -> list[dict]:
    with (DATA / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _kinds(text: str) -> dict[str, str]:
    """The found values by text, e.g. {"06-12345678": "phone"}."""
    return {f.text: f.kind for f in find_personal_data(text)}


def _covered(value_start: int, value_end: int, findings: list[Finding]) -> bool:
    chars = {i for f in findings for i in range(f.start, f.end)}
    return all(i in chars for i in range(value_start, value_end))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Mijn dochter Noor is 14.", "Noor"),
        ("Ik heet Kayden en ik woon op een groep.", "Kayden"),
        ("De gezinsvoogd, mevrouw Yilmaz, belde niet terug.", "Yilmaz"),
        ("Het gesprek was met dhr. Van der Meer.", "Van der Meer"),
        ("Ondertekend door J. de Vries namens het team.", "J. de Vries"),
        ("Onze casemanager Petra de Graaf was snel weg.", "Petra de Graaf"),
        ("Tygo (9) slaapt slecht.", "Tygo"),
        ("Ik zat met Roos in de klas.", "Roos"),
        ("Roos zei dat het goed kwam.", "Roos"),
        ("mijn mentor heet joost", "joost"),
        ("Ik sprak met meneer Bakker van het wijkteam.", "Bakker"),
        ("Mijn broer Frans kwam ook.", "Frans"),
    ],
)
def test_names(text: str, value: str) -> None:
    assert _kinds(text).get(value) == "name"


@pytest.mark.parametrize(
    "text",
    [
        "Jeugdzorg, Veilig Thuis en de GGZ werkten samen met de Raad voor de Kinderbescherming.",
        "Op Maandag stuurde ik een bericht via WhatsApp en Instagram.",
        "Met Kerst en tijdens de Ramadan was het druk op de groep.",
        "We lagen in het Emma Kinderziekenhuis en sliepen in het Ronald McDonald Huis.",
        "De William Schrikker Groep is betrokken; boodschappen doen we bij de Albert Heijn.",
        "Mijn moeder spreekt Frans en Engels, ik ben Surinaams.",
        "Ben ik dan een slechte moeder? Mark my words.",
        "Een mevrouw van Veilig Thuis en een meneer van de Gemeente kwamen langs.",
        "Ik woon bij Opa en Oma en mis Mama.",
        "Onze dochter met het syndroom van Down gaat naar de Anne Frankschool.",
    ],
)
def test_ordinary_capitalised_words_are_not_names(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "06 12 34 56 78",
        "+31 6 12345678",
        "+31612345678",
        "+31 (0)6 12 34 56 78",
        "0031 6 1234 5678",
        "020-1234567",
        "010 123 4567",
        "0318-123456",
        "(050) 312 45 67",
    ],
)
def test_phone_numbers(phone: str) -> None:
    assert _kinds(f"Bel me op {phone} als het niet gaat.") == {phone: "phone"}


@pytest.mark.parametrize(
    "text",
    [
        "Op 06-05-2023 10:00 was de zitting.",
        "Bel 112 of de Kindertelefoon.",
        "Het kostte € 1.250,00 per maand en 2000 km rijden.",
        "Om 9.00-17.00 uur open, zaaknummer 2023-04-117.",
    ],
)
def test_numbers_that_are_not_phone_numbers(text: str) -> None:
    assert find_personal_data(text) == []


def test_email_and_url() -> None:
    text = "Mail sanne.dewit@gmail.com of kijk op https://www.instagram.com/sanne.dw/, www.mijnblog.nl en tiktok.com/@sanne_08."
    assert _kinds(text) == {
        "sanne.dewit@gmail.com": "email",
        "https://www.instagram.com/sanne.dw/": "url",
        "www.mijnblog.nl": "url",
        "tiktok.com/@sanne_08": "url",
    }


def test_social_media_handle_is_a_link() -> None:
    assert _kinds("Volg me op insta @kayden.2010") == {"@kayden.2010": "url"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We woonden op de Kerkstraat 12 in Amersfoort.", {"Kerkstraat 12": "address"}),
        (
            "Adres: Burgemeester Visserlaan 4b, 3721 AB Bilthoven.",
            {"Burgemeester Visserlaan 4b": "address", "3721 AB": "postcode"},
        ),
        ("De brief ging naar Laan van Meerdervoort 212.", {"Laan van Meerdervoort 212": "address"}),
        ("Hij woont op de Vondelstraat 112-2.", {"Vondelstraat 112-2": "address"}),
        ("Ons huis is in 2513AA, vlak bij het station.", {"2513AA": "postcode"}),
    ],
)
def test_addresses_and_postcodes(text: str, expected: dict[str, str]) -> None:
    assert _kinds(text) == expected


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("111222333", True),
        ("123456782", True),
        ("1234.56.782", True),
        ("123 456 782", True),
        ("12345672", True),  # 8 digits: a leading zero left out
        ("123456789", False),
        ("111222334", False),
        ("000000000", False),
        ("12345", False),
    ],
)
def test_bsn_11_proef(number: str, valid: bool) -> None:
    assert is_valid_bsn(number) is valid


def test_bsn_detected_only_when_valid() -> None:
    assert _kinds("Mijn BSN is 123456782.") == {"123456782": "bsn"}
    assert find_personal_data("Mijn BSN is 123456789.") == []


def test_date_of_birth() -> None:
    assert _kinds("Geboren op 12 maart 2010 in Zwolle.") == {"12 maart 2010": "date_of_birth"}
    assert find_personal_data("Hij is geboren in 2010.") == []


def test_placeholders() -> None:
    text = (
        "Ik ben Zeynep, bel 06-12345678 of mail z.kaya@gmail.com. Ik woon op de Kerkstraat 12, "
        "1234 AB. BSN 123456782, zie www.zeynep.nl."
    )
    assert propose_redaction(text) == (
        "Ik ben [naam], bel [telefoonnummer] of mail [e-mailadres]. Ik woon op de [adres], "
        "[postcode]. BSN [BSN], zie [link]."
    )


def test_propose_redaction_uses_given_findings() -> None:
    text = "Sanne belde."
    assert propose_redaction(text, []) == text
    assert propose_redaction(text, [Finding("name", 0, 5, "Sanne")]) == "[naam] belde."


def test_findings_are_sorted_and_do_not_overlap() -> None:
    for row in _load("pii_snippets.jsonl"):
        findings = find_personal_data(row["text"])
        for f in findings:
            assert row["text"][f.start : f.end] == f.text
        for a, b in zip(findings, findings[1:], strict=False):
            assert a.end <= b.start


def test_empty_text() -> None:
    assert find_personal_data("") == []
    assert propose_redaction("") == ""


def test_recall_on_pii_snippets() -> None:
    """RELIABILITY row 31: at least 95 % of the personal data in 200 made-up snippets is found."""
    rows = _load("pii_snippets.jsonl")
    assert len(rows) == 200
    expected = found = 0
    for row in rows:
        findings = find_personal_data(row["text"])
        for pii in row["pii"]:
            start = row["text"].index(pii["value"])
            expected += 1
            found += _covered(start, start + len(pii["value"]), findings)
    assert found / expected >= 0.95, f"recall {found / expected:.3f}"


def test_false_alarms_on_clean_stories() -> None:
    """RELIABILITY row 31: at most 10 % of 200 stories without personal data get a finding."""
    rows = _load("clean_stories.jsonl")
    assert len(rows) == 200
    alarms = [row["text"] for row in rows if find_personal_data(row["text"])]
    assert len(alarms) / len(rows) <= 0.10, alarms


def test_clean_text_is_left_unchanged() -> None:
    for row in _load("clean_stories.jsonl"):
        if not find_personal_data(row["text"]):
            assert propose_redaction(row["text"]) == row["text"]
