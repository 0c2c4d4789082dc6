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
    ("text", "value"),
    [
        # first names of many backgrounds, also written without diacritics
        ("Oleksandr is sinds maart in onze klas.", "Oleksandr"),
        ("Semhar helpt me met Nederlands.", "Semhar"),
        ("Wytze en Sjoukje zijn mijn pleegouders.", "Wytze"),
        ("Gisteren kwam Nadezhda op bezoek.", "Nadezhda"),
        ("Aysegul en ik zaten naast elkaar.", "Aysegul"),
        ("Ik heb het alleen aan Jo verteld.", "Jo"),
        ("Xiu Mei en haar moeder kwamen uit Guangzhou.", "Xiu Mei"),
        # lower-case youth writing: a listed name that is no ordinary word, also at the start
        ("fatima en ik zijn al vriendinnen sinds groep 3", "fatima"),
        ("daan uit de andere groep doet altijd zo raar tegen me", "daan"),
        # names that are also words, joined by "en" to a name or a pronoun
        ("op vrijdag ga ik met roos en sem zwemmen", "roos"),
        ("ik heb ruzie gehad met mees en hij wil niet meer praten", "mees"),
        ("Ik sprak af met Ilias en max in de stad.", "max"),
        ("ik ging met roos, sem en bas naar de film", "roos"),
        # naming verbs with words in between
        ("Mijn jongerenwerker heet eigenlijk Mohamed.", "Mohamed"),
        ("In de klas noemden ze mij vroeger Bolle.", "Bolle"),
        # roles before a name, multi-part surnames, initials after a first name
        ("Onze logopedist Hanneke zag het meteen.", "Hanneke"),
        ("Conciërge Harm heeft me geholpen.", "Harm"),
        ("Dokter Tjin A Djie was heel aardig.", "Tjin A Djie"),
        ("Onze advocaat mr. Ö. Demir stuurde een brief.", "Ö. Demir"),
        ("het gesprek met Lars V. ging over pesten", "Lars V."),
        ("het gesprek met Tim B., de mentor en mij", "Tim B."),
        ("met Anouk de R. heb ik samen gewerkt", "Anouk de R."),
        # names that are ordinary words, with an apposition or a verb of speaking
        ("Volgens Ben, mijn mentor, moet ik meer slapen.", "Ben"),
        ("Gisteren belde Wil, de moeder van Sem, over de verjaardag.", "Wil"),
        ("Vorige week vertelde Ben dat hij ging verhuizen.", "Ben"),
    ],
)
def test_names_in_harder_places(text: str, value: str) -> None:
    start = text.index(value)
    assert _covered(start, start + len(value), find_personal_data(text)), _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        # sayings and stock figures
        "Hij was een echte Pietje Precies met zijn kamer.",
        "joost mag weten wanneer ik naar huis mag",
        "Het was Jan en alleman die erover praatte.",
        "We zijn gewoon Jan Modaal, niet arm en niet rijk.",
        "mn opa zegt altijd dat klaas vaak er is als ik moe ben",
        "Ze was echt Jantje lacht, Jantje huilt die week.",
        # names that are words, without the context of a person
        "Mijn moeder spreekt Frans, mijn vader Arabisch.",
        "Dan zei de rechter dat ik bij mijn vader moest wonen.",
        "elke dag hetzelfde, dan ga ik maar slapen",
        "Ik koos voor de opleiding zorg.",
        "iedereen zegt dat ik een karen ben lol",
        "Roos en tulpen kocht ik voor mijn moeder op Moederdag.",
        "met hoop en liefde gaan we verder",
        "op 15 jan begon ik op mijn nieuwe school",
    ],
)
def test_sayings_and_words_are_not_names(text: str) -> None:
    assert find_personal_data(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Wij woonden op de Eerste Jan van der Heijdenstraat 48-2.", "Eerste Jan van der Heijdenstraat 48-2"),
        ("Ik woon nu aan de 2de Kostverlorenkade 19-1.", "2de Kostverlorenkade 19-1"),
        ("Ze woont in de Zeeheldenbuurt, Piet Heinkade 201-D.", "Piet Heinkade 201-D"),
        ("Mijn tante woont aan de Burgemeester Roellstraat 4 bis.", "Burgemeester Roellstraat 4 bis"),
        ("Het huis staat op Wilgenhof 27a.", "Wilgenhof 27a"),
        ("Ze wonen aan de Beukenhorst 22.", "Beukenhorst 22"),
        # lower case, with a first name in the street name
        ("mijn oma woont op de willem de zwijgerlaan 15", "willem de zwijgerlaan 15"),
        ("ik woon in de pieter de hoochstraat 3", "pieter de hoochstraat 3"),
        # no typical ending: after "woon op", "verhuisd naar", "adres:", or before a postcode
        ("we woonden op sterrenveld 14-3", "sterrenveld 14-3"),
        ("We zijn verhuisd naar De Akkers 5 in Ommen.", "De Akkers 5"),
        ("Ik woon sinds kort in de Bongerd 14.", "Bongerd 14"),
        ("adres: Hofstede 12, 7131 AB Lichtenvoorde", "Hofstede 12"),
        ("Sjoerd woont op Lyts Deinum 4, 9033 XA Deinum.", "Lyts Deinum 4"),
        ("Pake wenne oan de Skâns 3 yn Dokkum.", "Skâns 3"),
        # postcodes in lower case
        ("mijn postcode is 9711lm", "9711lm"),
        ("vul hier je postcode in: 1012 ab", "1012 ab"),
        # short links and user names after the name of a platform
        ("kijk mijn filmpje op youtu.be/AbC123xyz", "youtu.be/AbC123xyz"),
        ("check discord.gg/abc123 voor de groep", "discord.gg/abc123"),
        ("voeg me toe op snap sanne_2010", "sanne_2010"),
        ("mijn snap: jaydenxo08", "jaydenxo08"),
        ("insta: lisadevries", "lisadevries"),
    ],
)
def test_more_addresses_postcodes_and_links(text: str, value: str) -> None:
    start = text.index(value)
    assert _covered(start, start + len(value), find_personal_data(text)), _kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ik woon al 3 jaar op de groep.",
        "Ik woonde op kamer 12 van de leefgroep.",
        "We zijn verhuisd naar Utrecht 2 jaar geleden.",
        "Hoofdstuk 3 ging over hechting, in groep 7 leerde ik lezen.",
        "wij wonen op de 3e verdieping en de lift is altijd kapot",
        "Ik slik 1500mg per dag en fiets 2000km per jaar.",
        "ik ga naar huis.de volgende dag was beter",
        "Instagram: foto's van iedereen, de hele dag.",
        "Ik zit 3 uur per dag op snap en tiktok 100k views is normaal.",
    ],
)
def test_ordinary_numbers_and_words_are_not_addresses_or_links(text: str) -> None:
    assert find_personal_data(text) == []


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
