"""Find personal data in story text and propose a redacted version (RELIABILITY row 31).

Pure Python and rule based: regular expressions for e-mail addresses, URLs and user names, Dutch
phone numbers, BSN numbers (11-proef), postcodes, street addresses and dates of birth; heuristics for
names (a list of first names of all backgrounds, cue words such as "mijn zoon" or "mevrouw", initials,
surnames with particles, names joined by "en", lower-case youth writing, sayings that are not names).
It proposes; a person reviews before a story is shown in a workshop.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["KINDS", "PLACEHOLDERS", "Finding", "find_personal_data", "is_valid_bsn", "propose_redaction"]

PLACEHOLDERS: dict[str, str] = {
    "name": "[naam]",
    "phone": "[telefoonnummer]",
    "email": "[e-mailadres]",
    "address": "[adres]",
    "postcode": "[postcode]",
    "bsn": "[BSN]",
    "url": "[link]",
    "date_of_birth": "[geboortedatum]",
}
KINDS: tuple[str, ...] = tuple(PLACEHOLDERS)
# When two findings overlap, the kind that comes first here wins.
_PRIORITY = {
    kind: rank
    for rank, kind in enumerate(
        ("email", "url", "phone", "bsn", "date_of_birth", "postcode", "address", "name")
    )
}

NAMES_FILE = Path(__file__).with_name("data") / "first_names.txt"
NAME_WORDS_FILE = Path(__file__).with_name("data") / "name_words.txt"


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and where it sits in the text (``text[start:end]``)."""

    kind: str
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- pattern based kinds

_EMAIL = re.compile(r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_TLDS = r"(?:nl|com|org|net|eu|info|io|tv|app|gl|ly|uk|online|site|blog)"
# Top-level domains that are also short words ("huis.de ..."): a link only with a path ("youtu.be/x8Kq").
_PATH_TLDS = (
    r"(?:be|de|me|to|co|ee|gg|ai|fm|cc|ws|sr|cw|aw|ma|tr|pl|fr|es|it|ru|ua|us|ca|xyz|link|page|dev|shop|live)"
)
_URL = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"']+"
    rf"|(?<![\w@./-])(?:[a-z0-9][a-z0-9-]+\.)+{_TLDS}\b(?:/[^\s<>\"']*)?"
    rf"|(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+{_PATH_TLDS}/[^\s<>\"']+",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@./])@(?=[\w.]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
# A user name after the name of a platform: "snap: kevvv_2009", "insta = sanne.dw", "mijn tiktok is lisa_08".
_PLATFORMS = (
    r"(?:snap(?:chat)?|insta(?:gram)?|ig|tiktok|twitter|discord|telegram|kik|twitch|threads|bereal|youtube|yt"
    r"|steam|psn|xbox|roblox|fortnite|epic|gamertag|sc)"
)
_PLATFORM_HANDLE = re.compile(
    rf"\b(?=[sitdkbyepxrfg]){_PLATFORMS}\s*(?:naam|name|account|handle|id|username|gebruikersnaam)?\s*(?::|=|->|→)\s*"
    r"@?(?P<handle>[A-Za-z0-9_][A-Za-z0-9_.]*[A-Za-z0-9_])"
    # without a colon only something that looks like a user name: letters with digits, _ or a dot inside
    rf"|\b(?=[sitdkbyepxrfg]){_PLATFORMS}(?:\s+(?:is|naam|name|=))?\s+@?"
    r"(?P<loose>[A-Za-z_][A-Za-z0-9_]*(?:[0-9_]|\.[A-Za-z0-9_])[A-Za-z0-9_.]*[A-Za-z0-9_])(?![\w@])",
    re.IGNORECASE,
)
_HANDLE_LIKE = re.compile(r"[\d_]|\.\w")
_ALONE = re.compile(r"\s*(?:$|[\n,;)!?]|\.(?:\s|$))")
_NOT_HANDLES = frozenset(
    "geen niks niets prive privé niet weg verwijderd later vraag dm nee ja zelfde".split()
)
_SEP = r"[ .\-]{0,3}"
_PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)31{_SEP}(?:\(0\){_SEP})?|\(?0)[1-9](?:\)?{_SEP}\d){{8}}(?![\d:]|[.,]\d)"
)
_BSN = re.compile(r"(?<![\w.,+/-])(?:\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{8,9})(?![\w]|[.,-]\d)")
_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")
# In lower case: after the word "postcode" in the same sentence ("postcode invullen: 3512 cx"), or written
# together ("3512cx") when the letters are not a unit ("1500mg", "2000km").
_POSTCODE_CUED = re.compile(
    r"\bpostcode\b[^.!?\n]{0,60}?(?<![\w-])([1-9]\d{3} ?[a-z]{2})(?![\w-])", re.IGNORECASE
)
_SHORT_WORDS = frozenset("en is op in te of ik er ze we je al nu zo na om ja uw nr tm ca me de".split())
_POSTCODE_GLUED = re.compile(r"(?<![\w-])[1-9]\d{3}([a-z]{2})(?![\w-])")
_NOT_POSTCODE_LETTERS = frozenset(
    "km cm mm dm ml cl dl mg kg gr gb mb kb tb hz kw mw pk ct st nd rd th am pm uu jr sa sd ss".split()
)
_MONTHS = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?"
)
_DOB = re.compile(
    r"\b(?:geboren\s+(?:op\s+)?|geboortedatum\s*:?\s*|geb\.\s*)"
    rf"(\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)?\d{{2}}|\d{{1,2}}\s+{_MONTHS}\s+(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)

_STREET_SUFFIX = (
    r"(?:straat|straatje|straatweg|laan|laantje|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|steegje|dreef"
    r"|plantsoen|allee|boulevard|promenade|schans|wal|burgwal|markt|erf|hoeve|vaart|wetering|poort|veld|velden"
    r"|park|baan|berg|kamp|hout|rade|horst|donk|oord|akker|weide|gaarde|haven|ring|hage|zoom|polder|dal|heuvel"
    # Frisian: -wei (weg), -dyk (dijk), -strjitte (straat), -leane/-loane (laan), -paad (pad), -buorren
    r"|wei|dyk|strjitte|leane|loane|paad|buorren|reed)"
)
# Street names in lower case (youth writing) only with the clearest endings.
_LOWER_STREET_SUFFIX = r"(?:straat|laan|gracht|singel|kade|dijk|dreef|plein|weg|steeg)"
_BARE_STREET = r"(?:Markt|Brink|Dam|Plein|Kade|Dijk|Singel|Gracht|Wal|Haven|Laan|Hof|Ring|Boulevard)"
_CAPW = r"[A-ZÀ-Ý][\w'’.\-]*"
_HOUSE_NO = (
    r"(?:,?\s+(?:nummer|nr\.?|no\.?)\s*|\s+)\d{1,5}"
    r"(?:\s?-\s?(?:\d{1,4}[a-zA-Z]?|[a-zA-Z]{1,2}\d{0,2}|I{1,3}|IV)(?!\w)|\s?[a-zA-Z](?![\w@])"
    r"|\s(?:bis|hs|huis|boven|beneden|I{1,3}|IV)(?!\w))?"
    r"(?![\d:]|[.,]\d)"
)
_ADDRESS = re.compile(
    rf"(?<![\w'’\-])(?:[A-ZÀ-Ý][\w'’\-]*{_STREET_SUFFIX}|{_BARE_STREET}"
    rf"|(?:Laan|Plein|Kade|Weg|Dijk|Singel|Hof)\s+(?:van|der|de|op|ten|te|in)\s+(?:(?:de|der|den|het|'t)\s+)?(?:{_CAPW}\s+){{0,2}}{_CAPW}"
    rf"|[a-zà-ÿ][\w'’\-]{{2,}}{_LOWER_STREET_SUFFIX})"
    rf"{_HOUSE_NO}"
)
# A street without a typical ending after "woon op", "verhuisd naar", "adres:" (also Frisian "wennet oan").
_ADDRESS_CUED = re.compile(
    r"\b(?:(?:woon|woont|woonde|woonden|wonen|wonend|gewoond|verhuisd|verhuisde|verhuisden|verhuizen|verhuist"
    r"|wennet|wenje|wenne|wenn)(?:\s+(?:we|wij|ze|zij|hij|ik|jullie|nu|toen|eerst|vroeger|daarna|nog|al|ook|weer"
    r"|tijdelijk|inmiddels|sindsdien|sinds|kort|tegenwoordig|samen|steeds|allemaal)){0,4}\s+(?:op|aan|naar|oan|in(?=\s+(?:de|het)\s))"
    r"|(?:post|bezoek|woon)?adres\s*:|(?:post|bezoek|woon)?adres\s+is)\s+(?:(?:de|het|'t)\s+)?"
    rf"(?P<street>(?:(?:It|De|Het|'t|Den|Op|Ter|Ten)\s+)?(?:{_CAPW}(?:\s+{_CAPW}){{0,2}}|[a-zà-ÿ][\w'’\-]{{2,}}))"
    rf"{_HOUSE_NO}"
)
# A street without a typical ending, with a house number and a postcode: "Mearwei 3, 9008 SM Grou".
_ADDRESS_WITH_POSTCODE = re.compile(
    rf"(?<![\w'’\-])(?P<street>(?:(?:It|De|Het|'t|Den)\s+)?{_CAPW}(?:\s+{_CAPW}){{0,2}})"
    rf"{_HOUSE_NO}(?=,?\s+[1-9]\d{{3}}\s?[A-Z]{{2}}(?![\w-]))"
)
# Words after a house number that make the number an amount: "Utrecht 3 jaar", "Kerkweg 2 keer".
_NOT_HOUSE_NO = re.compile(
    r"\s*(?:jaar|jaren|maand|maanden|week|weken|dag|dagen|uur|uren|keer|kilometer|km|minuten|min|meter|euro"
    r"|procent|kinderen|mensen|personen|leerlingen|kamers|nachten|stuks|x)\b",
    re.IGNORECASE,
)
# Lower-case words that follow "woon op" with a number but are not streets: "woon op kamer 12".
_NOT_CUED_STREETS = frozenset(
    "kamer kamers nummer groep etage verdieping hoog bed unit afdeling zaal blok leefgroep cel plek "
    "school straat de het een mijn m'n onze".split()
)
_ADDRESS_DROP = frozenset(
    "op aan in naar bij de het een we wij ik mijn m'n ons onze hij zij ze hun toen nu ook dus daar hier via tot "
    "vanaf sinds voor achter naast tegenover langs richting adres postadres woon woonde wonen is was stuur breng "
    "en of maar staat stond zat zit".split()
)
_NOT_STREETS = frozenset({"gerechtshof", "kerkhof", "binnenhof", "hof"})
# Words that may begin a street name although they are ordinary words: "Eerste Helmersstraat", "Oude Gracht".
_STREET_PREFIXES = frozenset(
    "eerste tweede derde vierde vijfde nieuwe nieuw oude oud korte lange kleine grote hoge lage sint st "
    "burgemeester burg dokter dr professor prof van de der den het 't ter ten te it".split()
)
_STREET_PARTICLES = frozenset("van de der den het 't ter ten te".split())
_STREET_ABBREVIATIONS = frozenset("st burg dr prof mr ir ds mgr".split())
_PREFIX_WORD = re.compile(r"([\w'’.\-]+)\s+$")
_ORDINAL = re.compile(r"\d{1,2}(?:e|ste|de)$")
_INITIALS = re.compile(r"(?:[A-ZÀ-Ý]\.)+$")


def is_valid_bsn(digits: str) -> bool:
    """True if ``digits`` (8 or 9 digits, separators ignored) passes the 11-proef for a BSN."""
    number = re.sub(r"[\s.]", "", digits)
    if not number.isdigit() or len(number) not in (8, 9):
        return False
    number = number.zfill(9)
    if int(number) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(number[:8], range(9, 1, -1), strict=True)) - int(number[8])
    return total % 11 == 0


def _strip_url_tail(text: str, start: int, end: int) -> int:
    """Move ``end`` back over punctuation that ends the sentence rather than the link."""
    while end > start and text[end - 1] in ".,;:!?)]}'\"":
        if text[end - 1] == ")" and "(" in text[start:end]:
            break
        end -= 1
    return end


def _pattern_findings(text: str) -> list[Finding]:
    found: list[Finding] = []

    def add(kind: str, start: int, end: int) -> None:
        if end > start:
            found.append(Finding(kind, start, end, text[start:end]))

    for m in _EMAIL.finditer(text):
        add("email", m.start(), m.end())
    for m in _URL.finditer(text):
        add("url", m.start(), _strip_url_tail(text, m.start(), m.end()))
    for m in _HANDLE.finditer(text):
        add("url", m.start(), m.end())
    for m in _PLATFORM_HANDLE.finditer(text):
        group = "handle" if m.group("handle") else "loose"
        handle = m.group(group)
        if len(handle) < 3 or handle.lower() in _NOT_HANDLES or handle.lower() in STOP_WORDS:
            continue
        # a plain word after "insta:" only when it stands alone ("insta: lisadevries"), not "Instagram: foto's"
        if group == "handle" and not _HANDLE_LIKE.search(handle) and not _ALONE.match(text, m.end(group)):
            continue
        add("url", m.start(group), _strip_url_tail(text, m.start(group), m.end(group)))
    for m in _PHONE.finditer(text):
        add("phone", m.start(), m.end())
    for m in _BSN.finditer(text):
        if is_valid_bsn(m.group()):
            add("bsn", m.start(), m.end())
    for m in _DOB.finditer(text):
        add("date_of_birth", m.start(1), m.end(1))
    for m in _POSTCODE.finditer(text):
        add("postcode", m.start(), m.end())
    for m in _POSTCODE_CUED.finditer(text):
        if " " not in m.group(1) or m.group(1)[-2:].lower() not in _SHORT_WORDS:  # not "sinds 2019 en"
            add("postcode", m.start(1), m.end(1))
    for m in _POSTCODE_GLUED.finditer(text):
        if m.group(1) not in _NOT_POSTCODE_LETTERS:
            add("postcode", m.start(), m.end())
    _address_findings(text, add)
    return found


def _address_findings(text: str, add: Callable[[str, int, int], None]) -> None:
    """Street addresses: a typical street word and a house number, or a street found by context."""
    for m in _ADDRESS.finditer(text):
        if _NOT_HOUSE_NO.match(text, m.end()):
            continue
        start = _street_start(text, m.start())
        first = re.match(r"[\w'’\-]+", text[start:])
        if first and first.group().lower() not in _NOT_STREETS:
            add("address", start, m.end())
    for pattern in (_ADDRESS_CUED, _ADDRESS_WITH_POSTCODE):
        for m in pattern.finditer(text):
            street = m.group("street")
            if _NOT_HOUSE_NO.match(text, m.end()) or street.lower() in _NOT_CUED_STREETS:
                continue
            street_start = _trim_street_words(text, m.start("street"), m.end("street"))
            if street_start is not None:
                add("address", street_start, m.end())


def _street_start(text: str, start: int) -> int:
    """Where the street name that ends in a typical word at ``start`` begins: back over words that belong to
    it ("Burgemeester de Vlugtlaan", "1e Oosterparkstraat", lower case "jan van galenstraat"), not over
    words of the sentence ("op de Kerkstraat")."""
    begin = pos = start
    for _ in range(4):
        m = _PREFIX_WORD.search(text, max(0, pos - 40), pos)
        if not m or m.end() != pos:
            break
        word = m.group(1)
        lower = word.lower()
        if lower in _STREET_PARTICLES and word.islower():
            pos = m.start(1)  # "op de Kerkstraat": only part of the street if a name word comes before it
            continue
        if not _street_word(word):
            break
        begin = pos = m.start(1)
    return begin


def _street_word(word: str) -> bool:
    """A word that can stand in a street name before its last word."""
    lower = word.lower()
    if word.endswith("."):
        return bool(_INITIALS.match(word)) or lower[:-1] in _STREET_ABBREVIATIONS
    if _ORDINAL.match(lower) or lower in _STREET_PREFIXES:
        return True
    if not word[0].isalpha() or lower in _ADDRESS_DROP:
        return False
    if word[0].isupper():
        return lower not in STOP_WORDS
    return _is_first_name(word.capitalize())  # "jan van galenstraat", "piet heinstraat"


def _trim_street_words(text: str, start: int, end: int) -> int | None:
    """Skip leading sentence words in a street name found by context; None if nothing of a name is left."""
    for word in re.finditer(r"\S+", text[start:end]):
        token = word.group()
        lower = token.lower()
        if lower in {"it", "de", "het", "'t", "den", "op", "ter", "ten"}:
            return start + word.start()  # an article that is part of the name: "It Heechhout", "De Kolk"
        if lower in _ADDRESS_DROP or (lower in STOP_WORDS and lower not in _STREET_PREFIXES):
            continue
        return start + word.start()
    return None


# --------------------------------------------------------------------------- names: word lists


def _read_list(path: Path) -> list[str]:
    """The entries of a data file: one per line, lines starting with # are comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


_FOLD = str.maketrans(
    {"ı": "i", "İ": "I", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"}
)


@lru_cache(maxsize=8192)
def _fold(word: str) -> str:
    """``word`` without diacritics: "Aydın" -> "Aydin", "Zoë" -> "Zoe", "Łukasz" -> "Lukasz"."""
    decomposed = unicodedata.normalize("NFKD", word.translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The first names from ``data/first_names.txt``, also spelled without diacritics."""
    names = _read_list(NAMES_FILE)
    return frozenset(names) | frozenset(_fold(name) for name in names)


@lru_cache(maxsize=1)
def name_words() -> frozenset[str]:
    """First names that are also ordinary words in lower case ("roos", "joy"), from ``data/name_words.txt``."""
    return frozenset(_read_list(NAME_WORDS_FILE)) | AMBIGUOUS_NAMES


def _is_first_name(word: str) -> bool:
    """``word`` (capitalised) is a listed first name, or its first part is ("Anne-Marie", "Aydın")."""
    names = first_names()
    first = word.split("-")[0]
    return word in names or first in names or _fold(first) in names


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# First names that are also ordinary Dutch (or English) words: only names when capitalised mid-sentence,
# after a cue ("mijn zus Roos") or with context ("Roos zei"), in lower case only after a cue or joined by
# "en" to a person ("met roos en sem"). data/name_words.txt adds the names that are words in lower case.
AMBIGUOUS_NAMES = _words(
    "ben job roos fleur mark merel iris amber bas frank rob lieve storm mees wolf rosa jade noor lot ton max wil "
    "els frans toon jet lies leen margriet madelief hazel linde arend sterre floor puck maas can jack jean pier "
    "luis wei hui thu li tuba lama rama salam aster kay bo vic gül nur marina hope joy sky may dean "
    "erin wen dien adel adem aurora berk bink bob bobby emir erica ernst ester femme gloria henna ion jaap "
    "joke keet nada nadir nova pascal peer pip ram riet rietje roman sake song teddy valentijn violet grace "
    "faith summer destiny willow habiba amin iman ola gul gil belle mine margarita roosje lotje vesper"
)
# Surnames: a name when capitalised mid-sentence; those in _PARTICLE_SURNAMES only after van/de/...
_SURNAMES = _words(
    "Jansen Janssen Vries Dijkstra Hoekstra Visser Meijer Mulder Peters Hendriks Dekker Brouwer Smits Vermeulen "
    "Schouten Willems Maas Verhoeven Koster Huisman Peeters Kuipers Veenstra Scholten Postma Martens Vink "
    "Timmermans Gerritsen Willemsen Smeets Driessen Hermans Evers Hofman Bosman Wolters Kuiper Kramer Jacobs "
    "Kok Bakker Smit Bos Vos Blom Groen Jonker Schipper Boer Groot Jong Jonge Wit Graaf Haan Bruin Bruijn Lange "
    "Ruiter Berg Dijk Meer Veen Beek Brink Wal Laan Heuvel Broek Linden Velde Velden Heijden Ven Vliet Loon Dam "
    "Doorn Wijk Dongen Bosch Leeuwen Kamp Hoek Zanden Hulst Pol Sijbesma Wouters Bastiaans Verbeek Verschuren "
    "Claassen Hoogendoorn Koopman Kuijpers Ramaker Stam Vonk Zijlstra Wierda Bouma Hoogeveen Mol Boersma "
    "Yilmaz Yılmaz Kaya Demir Şahin Sahin Çelik Celik Yıldız Yildiz Yıldırım Yildirim Öztürk Ozturk Aydın "
    "Aydin Özdemir Ozdemir Arslan Doğan Dogan Kılıç Kilic Aslan Çetin Cetin Koç Koc Özkan Ozkan Şimşek Simsek "
    "Polat Erdoğan Erdogan Aksoy Güler Guler Karaca Kurt Kara Amrani Bouzid Idrissi Benali Boukhari Khatib "
    "Ouali Tahiri Azzouzi Bakkali Chaouch Hamdaoui Ouahabi Haddouchi Aouragh Bennani Belhaj Berrada Chakir "
    "Daoudi Fassi Hajji Kaddouri Mansouri Moussaoui Najjar Rahmouni Saidi Tazi Ziani Ouazzani Achahbar "
    "Aboutaleb Laghmouchi Ramdin Jagroep Sewdien Bhola Kanhai Pinas Kromodimedjo Sno Pengel Eersteling Lont "
    "Ramautar Soekhai Mahabier Ramsaran Biharie Chotkan Sardjoe Jhinkoe Wijngaarde Waterberg Sabajo Doelwijt "
    "Kowalski Kowalska Nowak Wiśniewski Wisniewski Wójcik Wojcik Kowalczyk Kamiński Kaminski Kamińska "
    "Lewandowski Lewandowska Zieliński Zielinski Szymański Szymanski Woźniak Wozniak Dąbrowski Dabrowski "
    "Kozłowski Kozlowski Jankowski Mazur Krawczyk Isenia Felida Maduro Rosaria Girigorie Koeiman"
)
_PARTICLE_SURNAMES = _words(
    "Groot Jong Jonge Wit Lange Bruin Bruijn Berg Dijk Meer Veen Beek Brink Heuvel Broek Linden Ven Wal Haan "
    "Graaf Boer Laan Dam Loon Doorn Wijk Kamp Hoek Pol Bosch Velde Velden Heijden Vliet Leeuwen Dongen Zanden "
    "Hulst Ruiter Vries"
)
# Surnames that are ordinary words: a name mid-sentence, not at the start of a sentence.
_WORDLIKE_SURNAMES = _words(
    "Bakker Visser Smit Mulder Brouwer Koster Kramer Kok Bos Vos Maas Blom Groen Jonker Schipper Kuiper Dekker Kara Kurt Stam Mol Vonk"
)
_PARTICLES = _words("van de der den ter ten te het 't el al la le du da di del dos das vd")
_LOOKBACK_PARTICLES = _words("van de der den ter ten te 't")
# Surnames that are also names of squares or places ("op de Dam"): only after van/ter/ten.
_VAN_SURNAMES = _words("Dam Brink Hoek Kamp Berg")

# Cue words. Titles may be followed by initials and particles ("mevrouw A.M. de Vries").
_TITLE_CUES = _words(
    "meneer mevrouw mevr mw dhr hr heer juf juffrouw meester dokter dr mr drs ir prof familie fam zuster"
)
_ABBREVIATED = _words("mevr mw dhr hr dr mr drs ir prof fam")
_RELATION_CUES = _words(
    "zoon zoontje dochter dochtertje broer broertje zus zusje moeder vader mama papa mam pap stiefvader "
    "stiefmoeder stiefzoon stiefdochter stiefbroer stiefzus halfbroer halfzus pleegmoeder pleegvader pleegzoon "
    "pleegdochter pleegkind pleegbroer pleegzus oma opa tante oom neef nicht neefje nichtje vriend vriendin "
    "vriendje vriendinnetje buurman buurvrouw buurjongen buurmeisje klasgenoot klasgenote mentor mentrix coach "
    "begeleider begeleidster hulpverlener hulpverleenster jeugdbeschermer voogd gezinsvoogd gezinscoach "
    "casemanager regisseur therapeut therapeute psycholoog psychologe psychiater orthopedagoog huisarts jeugdarts "
    "verpleegkundige werker werkster jongerenwerker consulent trajectbegeleider behandelaar collega teamleider "
    "leidinggevende docent docente leraar lerares directeur directrice zorgcoördinator wijkagent advocaat ex "
    "partner echtgenoot echtgenote jongste oudste middelste kleinzoon kleindochter cliënt client pupil stagiair "
    "stagiaire buddy maatje gastouder oppas tweelingbroer tweelingzus zwager schoonzus schoonmoeder schoonvader "
    "peetoom peettante vriendinnen vrienden "
    # more family words, Frisian grandparents, and people in the roles around a child
    "pake beppe omi opi ome grootmoeder grootvader overgrootmoeder overgrootvader schoonzoon schoondochter "
    "halfbroertje halfzusje stiefbroertje stiefzusje pleegbroertje pleegzusje pleegouders pleegmama pleegpapa "
    "gezinshuisouder gezinshuisvader gezinshuismoeder groepsleider groepsleidster pedagoog medewerker "
    "conciërge concierge advocate notaris bewindvoerder curator rechter kinderrechter rechercheur agent "
    "agente politieagent reclasseringswerker tolk kinderarts schoolarts tandarts verloskundige logopedist "
    "logopediste fysiotherapeut ergotherapeut wijkverpleegkundige jeugdverpleegkundige leerkracht rector "
    "conrector juffrouw trainer trainster imam dominee pastoor pastor rabbijn chauffeur taxichauffeur "
    "stagebegeleider pleegzorgbegeleider jeugdconsulent consulente ib'er"
)
# Relation words that need a possessive in front ("mijn man Karim", not "een man Kwam").
_GENERIC_RELATIONS = _words("man vrouw kind kindje jongen meisje baby jongere arts")
_APPOSITION_ROLES = _RELATION_CUES | _GENERIC_RELATIONS | _TITLE_CUES
_POSSESSIVES = _words("mijn m'n onze ons zijn z'n haar d'r hun je jouw uw")
_NAME_VERBS = _words("heet heette heten genaamd noemde noemden noemt noemen noem")
# Words that may stand between a naming verb and the name: "ik heet eigenlijk Kirsten", "ze noemden me Kiki".
_NAME_VERB_FILLERS = _words(
    "eigenlijk echt officieel voluit gewoon nu toch ook zelf altijd vroeger allemaal iedereen soms vaak "
    "me mij hem haar ons jou je hen ze zij hij ik we wij jullie"
)
# "met bas en hij", "ik en joy": a listed name joined by "en" to a pronoun is a person.
_COORD_PRONOUNS = _words("ik jij hij zij ze wij we mij jou hem ons")
_ARTICLES = _words("een de het die dat deze dit zo'n")
# Words before a name that may head an apposition: "Ben, de vader van Milan", "Frans, onze conciërge".
_APPOSITION_HEADS = _words("de het een mijn m'n onze ons zijn z'n haar d'r hun je jouw")
_APPOSITION_ENDS = frozenset(", . ; : ! ? ) – — - van bij op uit in en".split())
_SUBJECTS = _words("ik hij zij ze je jij u")
_SUBJECT_STARTS = _SUBJECTS | _ARTICLES | _POSSESSIVES
# After an ambiguous first name at the start of a sentence these verbs make it a name ("Roos zei ...").
_PERSON_VERBS = _words(
    "zei zegt vroeg vraagt belde belt vertelde vertelt appte appt lachte huilde antwoordde riep schreef "
    "woont woonde kwam komt"
)
_GREETINGS = _words("hoi hallo hey hee hi beste lieve liefste dag doei dankjewel bedankt groetjes")
_PRECEDING_TITLES = _words("Prinses Prins Koningin Koning Sint St Sinte Heilige Keizer Paus")
_INSTITUTION_HEADS = _words(
    "kinderziekenhuis ziekenhuis centrum huis school college lyceum gymnasium academie instituut kliniek "
    "stichting groep fonds foundation gasthuis stadion kerk moskee universiteit hogeschool prijs zaal"
)
_INSTITUTION_SUFFIXES = (
    "school",
    "straat",
    "ziekenhuis",
    "college",
    "lyceum",
    "centrum",
    "kliniek",
    "stichting",
    "plein",
)
# Multi-word names of places, brands and public figures that contain first names or surnames.
# Sayings and stock figures with first names in them: "Jan en alleman", "joost mag het weten", "Klaas Vaak".
_SAYINGS = re.compile(
    r"\b(?=[jpkhndlmbtvo])(?:joost mag (?:het )?weten|jan en alleman|jan,? piet en klaas|jan modaal|jan met de pet|jan publiek"
    r"|jan lul|jan doedel|jan salie|jan soldaat|jan boezeroen|jan klaassen|jan rap en (?:zijn|z'n) maat"
    r"|jan,? jans en de kinderen|huishouden van jan steen|ome jan|jantje lacht,? jantje huilt|jantje beton"
    r"|jantje van leiden|pietje precies|pietje puk|pietje bell|piet snot|hoge piet|klaas vaak|dik trom"
    r"|nieuwsgierig aagje|van lotje getikt|luie lotje|hollebolle gijs|magere hein|dikkertje dap"
    r"|jip en janneke|hans en grietje|bert en ernie|pippi langkous|harry potter|bob de bouwer|donald duck"
    r"|lucky luke|tom poes|heer bommel|maagd maria|jozef en maria|profeet mohammed|de profeet)\b",
    re.IGNORECASE,
)
_PHRASES = re.compile(
    r"\b(?:Albert Heijn|Anne Frank|Van Gogh|Ronald McDonald|William Schrikker|Pieter Baan|Jeroen Bosch|"
    r"Zwarte Piet|Sint Maarten|Den Bosch|Den Haag|Den Helder|Willem-Alexander|Willem van Oranje|"
    r"Maria Montessori|Dalton|Jan Ligthart|Kinderpostzegels|Hong Kong|Sri Lanka|San Francisco|Santa Maria|"
    r"Santa Cruz|El Salvador|São Paulo|Sao Paulo|Saint Louis|Costa Rica|Sierra Leone)\b"
)

# Capitalised words that are not names: function words that start sentences, institutions, places,
# days, months, holidays, languages, brands. Checked in lower case and per part of a hyphenated word.
STOP_WORDS = _words(
    # pronouns, articles, conjunctions, prepositions, adverbs, frequent verbs
    "ik je jij u hij zij ze wij we jullie hun hen mij me mijn m'n jouw zijn haar ons onze het de een die dat "
    "deze dit daar hier er toen dan nu ook maar en of want omdat als dus daarna daarom later eerst soms vaak "
    "altijd nooit niemand iedereen alles niets niks iets wat wie waar waarom hoe welke wanneer na voor met "
    "zonder bij van in op aan uit over door naar tegen tussen tijdens sinds vanaf tot om per elke ieder iedere "
    "veel weinig meer minder heel erg echt gewoon wel niet geen nog al pas zelfs toch misschien inmiddels "
    "uiteindelijk gelukkig helaas achteraf ondertussen vervolgens opeens ineens samen alleen thuis vandaag "
    "gisteren morgen vorig vorige volgend volgende eerste tweede derde laatste nieuwe nieuw oude oud andere "
    "sommige sommigen beide allebei ja nee oké ok oke dank sorry help zo zoals ongeveer bijna precies vooral "
    "eigenlijk natuurlijk zeker ben bent is was waren heb hebt heeft had hadden word wordt werd werden kan kon "
    "kunnen moet moest moeten mag mocht wil wilde willen zou zouden ga gaat ging gingen kom komt kwam kwamen "
    "zeg zegt zei vond vind voel voelde weet wist denk dacht zie zag krijg kreeg laat liet stond zit zat lag "
    "blijf bleef hoop hallo hoi doei beste lieve groetjes groeten geen graag dankzij volgens behalve "
    "totdat terwijl hoewel zodat zodra voordat nadat indien mits tenzij ofwel noch "
    "speelt speelde werkt werkte woont woonde doet deed maakt maakte loopt liep praat praatte leert leerde "
    "slaapt sliep eet at houdt hield vindt kijkt keek zoekt zocht wacht wachtte belt belde helpt hielp snapt "
    "snapte begrijpt begreep heet heette lacht lachte huilt huilde schreeuwt blijft gaf geeft nam neemt "
    "zegt vertelt vertelde vraagt vroeg weet kent kende hoort hoorde ziet wordt "
    # family words, titles and roles
    "mama papa mam pap oma opa tante oom moeder vader juf meester mentor meneer mevrouw dokter familie "
    "ouders ouder kinderen kind jongeren jongere begeleider begeleiding hulpverlener hulpverlening zorg "
    # institutions and services
    "jeugdzorg bureau veilig thuis ggz ggd raad kinderbescherming kinderrechter rechter rechtbank "
    "jeugdbescherming jeugdreclassering wijkteam buurtteam jeugdteam sociaal team gemeente stadsdeel "
    "provincie rijksoverheid overheid jeugdwet wmo wlz jeugd gezin cjg centrum kindertelefoon leger heils "
    "halt politie uwv duo svb belastingdienst toeslagenaffaire kinderombudsman ombudsman ministerie kamer "
    "pleegzorg gezinshuis jeugdhulp voedselbank stadsbank school basisschool havo vwo vmbo mbo hbo "
    "praktijkonderwijs praktijkschool lyceum college roc universiteit hogeschool huisarts huisartsenpost "
    "ziekenhuis kinderziekenhuis crisisdienst meldcode samenwerkingsverband zorgboerderij jeugdgevangenis "
    "jji azc coa ind opvang crisisopvang intake dossier rapport plan verslag gemeenteraad wethouder "
    # social media, brands and games
    "whatsapp instagram insta tiktok snapchat facebook youtube twitter linkedin google netflix teams zoom "
    "skype discord telegram signal digid fortnite minecraft roblox playstation xbox nintendo ipad iphone "
    "samsung jumbo lidl aldi hema action kruidvat efteling walibi ajax feyenoord psv duolingo spotify "
    # religion, holidays, days, months, seasons
    "god allah jezus jesus christus bijbel koran kerk moskee islam moslim moslima christen christelijk katholiek "
    "joods hindoe ramadan suikerfeest offerfeest kerst kerstmis pasen pinksteren sinterklaas sint "
    "koningsdag bevrijdingsdag carnaval moederdag vaderdag diwali holi keti koti chanoeka "
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli "
    "augustus september oktober november december lente zomer herfst winter "
    # places, languages, nationalities
    "nederland nederlands nederlandse nederlander holland hollands engels engelse engeland duits duitse "
    "duitsland frans franse frankrijk spaans spaanse turks turkse turkije marokkaans marokkaanse marokko "
    "arabisch berbers tamazight tarifit koerdisch koerdische pools poolse polen surinaams surinaamse suriname "
    "antilliaans antilliaanse curaçao curacao aruba syrisch syrische syrië syrie eritrees eritrese eritrea "
    "somalisch somalische somalië afghaans afghaanse afghanistan oekraïens oekraïense oekraïne roemeens "
    "bulgaars hindoestaans hindoestaanse javaans creools papiaments papiamento sranantongo europees europa "
    "tigrinya tigrinia amhaars farsi perzisch dari pashto somali russisch italiaans portugees grieks hindi urdu "
    "mandarijn kantonees vietnamees fries friese "
    "afrika afrikaans azië amerika amerikaans china chinees belgisch belgië vlaams noord zuid oost west "
    "amsterdam rotterdam utrecht haag eindhoven groningen zwolle arnhem nijmegen tilburg breda almere leiden "
    "haarlem delft zeeland drenthe friesland limburg brabant gelderland overijssel flevoland twente randstad "
    "regio stad dorp wijk "
    # school subjects and diagnoses
    "wiskunde biologie geschiedenis aardrijkskunde gym adhd add autisme asperger down tourette corona covid "
    "lockdown"
)

# --------------------------------------------------------------------------- names: tokens


_TOKEN = re.compile(
    r"(?P<init>(?<![\w.])(?:[A-ZÀ-ÖØ-ÞĆČĐĞİŁŃŐŘŚŞŠŢŰŹŻŽ]\.){1,4}(?=[\s,;:)!?]|$))"
    r"|(?P<word>[^\W\d_]+(?:['’\-][^\W\d_]+)*)"
    r"|(?P<num>\d+)"
    r"|(?P<punct>[^\w\s])"
)
_SENTENCE_PUNCT = frozenset('.!?:;"“”«»•*–—(')


@dataclass(frozen=True, slots=True)
class _Tok:
    text: str
    start: int
    end: int
    kind: str  # init, word, num or punct
    sentence_start: bool

    @property
    def lower(self) -> str:
        return self.text.lower()


def _tokenize(text: str) -> list[_Tok]:
    tokens: list[_Tok] = []
    for m in _TOKEN.finditer(text):
        prev = tokens[-1] if tokens else None
        starts = (
            prev is None
            or (prev.kind == "punct" and prev.text in _SENTENCE_PUNCT)
            or "\n" in text[prev.end : m.start()]
        )
        tokens.append(_Tok(m.group(), m.start(), m.end(), m.lastgroup or "punct", starts))
    return tokens


def _bare(word: str) -> str:
    """The word without a possessive ending: "Sanne's" -> "Sanne"."""
    if word[-1] in "'’":
        return word[:-1]
    if len(word) > 2 and word[-1] == "s" and word[-2] in "'’":
        return word[:-2]
    return word


def _is_cap(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and not word.isupper()


def _is_known(tok: _Tok) -> bool:
    """A capitalised first name from the list (first part of a double name counts: "Anne-Marie")."""
    if tok.kind != "word" or not _is_cap(tok.text):
        return False
    return _is_first_name(_bare(tok.text))


def _is_known_lower(tok: _Tok) -> bool:
    """A first name written in lower case ("met lisa"), unless it is also an ordinary word ("roos", "dan")."""
    if tok.kind != "word" or not tok.text.islower():
        return False
    word = _bare(tok.text)
    return (
        len(word) >= 3
        and word not in name_words()
        and _fold(word) not in name_words()
        and word not in STOP_WORDS
        and _is_first_name(word.capitalize())
    )


def _is_listed_lower(tok: _Tok) -> bool:
    """Any listed first name in lower case, also one that is an ordinary word ("bas", "joy"): needs context."""
    if tok.kind != "word" or not tok.text.islower():
        return False
    word = _bare(tok.text)
    return word not in STOP_WORDS and _is_first_name(word.capitalize())


def _is_stop(word: str) -> bool:
    lower = _bare(word).lower()
    return lower in STOP_WORDS or any(part in STOP_WORDS for part in re.split(r"['’\-]", lower))


def _is_name_word(tok: _Tok) -> bool:
    """A capitalised word that can be (part of) a name: known, or not a stop word or particle."""
    if tok.kind != "word" or not _is_cap(tok.text):
        return False
    if _is_known(tok):
        return True
    return not _is_stop(tok.text) and tok.lower not in _PARTICLES and tok.lower not in _TITLE_CUES


def _is_institution(tok: _Tok) -> bool:
    lower = tok.lower
    return lower in _INSTITUTION_HEADS or (len(lower) > 6 and lower.endswith(_INSTITUTION_SUFFIXES))


# --------------------------------------------------------------------------- names: rules

_CANCEL = -1


def _extend(toks: list[_Tok], end: int) -> int:
    """Extend a name ending at token ``end`` with surnames ("Sanne de Wit"); _CANCEL if it names an institution."""
    for _ in range(3):
        j = end + 1
        if j < len(toks) and toks[j].kind == "init":
            end = j  # "Tim B.", "Sanne K. de Vries"
            continue
        while j < len(toks) and (toks[j].lower in _PARTICLES or _is_letter_part(toks, j)) and j - end <= 3:
            j += 1
        if j >= len(toks):
            break
        if _is_institution(toks[j]) and toks[j].kind == "word" and _is_cap(toks[j].text):
            return _CANCEL
        if toks[j].kind == "init" and j > end + 1:
            return j  # "Anouk de R."
        if not _is_name_word(toks[j]) or toks[j].sentence_start:
            break
        end = j
    return end


def _is_letter_part(toks: list[_Tok], j: int) -> bool:
    """A capital letter inside a surname: "Tjon A Fong", "Lie A Ling"."""
    tok = toks[j]
    return (
        tok.kind == "word"
        and len(tok.text) == 1
        and tok.text.isupper()
        and j + 1 < len(toks)
        and toks[j + 1].kind == "word"
        and _is_cap(toks[j + 1].text)
    )


def _person_after(toks: list[_Tok], i: int, *, title: bool) -> tuple[int, int] | None:
    """The name that starts at token ``i`` after a cue word, as (first, last) token, or None."""
    n = len(toks)
    if i < n and toks[i].text == ",":
        i += 1
    j = i
    while j < n and toks[j].kind == "init":
        j += 1
    particles = j
    if title or j > i:
        while j < n and toks[j].lower in _PARTICLES and j + 1 < n and toks[j + 1].kind == "word":
            j += 1
    if j >= n:
        return None
    # "meneer Van der Meer": a capitalised particle is spelled that way only in a surname.
    surname_follows = j > particles and (
        toks[particles].text[0].isupper() or _bare(toks[j].text) in _SURNAMES
    )
    if _is_name_word(toks[j]) or (surname_follows and toks[j].kind == "word" and _is_cap(toks[j].text)):
        end = _extend(toks, j)
        return None if end == _CANCEL else (i, end)
    if j == i and _is_listed_lower(toks[j]):
        return (i, j)  # "mijn broer kevin", "ik heet bas"
    return None


def _mostly_lower(toks: list[_Tok]) -> bool:
    """Youth writing without capitals: at least half of the sentences start in lower case."""
    starts = [t.text[0].islower() for t in toks if t.sentence_start and t.kind == "word"]
    return bool(starts) and 2 * sum(starts) >= len(starts)


def _known_name_spans(toks: list[_Tok], blocked: set[int]) -> list[tuple[int, int]]:
    spans = []
    lower_text = _mostly_lower(toks)
    for i, tok in enumerate(toks):
        if i in blocked:
            continue
        if _is_known(tok):
            lower = _bare(tok.text).lower()
            if lower in STOP_WORDS:
                # "Frans", "Ben", "Lieve": only after a cue ("mijn oom Frans") or with context
                if not (_apposition_follows(toks, i) or _person_verb_around(toks, i)):
                    continue
            elif lower in AMBIGUOUS_NAMES and not _ambiguous_is_name(toks, i):
                continue
            if _after_royal_title(toks, i):
                continue
            end = _extend(toks, i)
            if end != _CANCEL:
                spans.append((i, end))
        elif i > 0 and (toks[i - 1].lower in _ARTICLES or toks[i - 1].kind == "num"):
            continue  # "een karen", "15 jan": with an article or a number a lower-case word is no name
        elif _is_known_lower(tok) and (lower_text or not tok.sentence_start):
            spans.append((i, i))  # "met lisa"; in lower-case writing also "kevin uit mijn klas"
        elif (
            lower_text
            and _is_listed_lower(tok)
            and (_apposition_follows(toks, i) or _person_verb_around(toks, i))
        ):
            spans.append((i, i))  # "bas zei", "joy, mijn beste vriendin"
    return spans


def _apposition_follows(toks: list[_Tok], i: int) -> bool:
    """ "Ben, de vader van Milan", "Frans, onze conciërge": a comma, then a person's role."""
    if i + 3 >= len(toks) or toks[i + 1].text != "," or toks[i + 2].lower not in _APPOSITION_HEADS:
        return False
    for k in (i + 3, i + 4):
        if k < len(toks) and toks[k].lower in _APPOSITION_ROLES:
            # the role ends the apposition: "Ben, de vader van Milan," - not "Frans, mijn vader Arabisch"
            return k + 1 == len(toks) or toks[k + 1].text in _APPOSITION_ENDS
    return False


def _person_verb_around(toks: list[_Tok], i: int) -> bool:
    """ "Vandaag belde Ben", "Frans zei dat": a verb of speaking or coming next to the name."""
    before = toks[i - 1] if i > 0 else None
    if before is not None and before.lower in _PERSON_VERBS and not toks[i].sentence_start:
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    after = toks[i + 2] if i + 2 < len(toks) else None
    # "Dan zei hij ...", "Dan belde Sanne": a subject after the verb makes the first word an adverb
    return (
        nxt is not None
        and nxt.lower in _PERSON_VERBS
        and (after is None or not (after.lower in _SUBJECT_STARTS or _is_cap(after.text)))
    )


def _after_royal_title(toks: list[_Tok], i: int) -> bool:
    """ "Prinses Máxima", "St. Maarten": public names and places, not people in the story."""
    j = i - 2 if i > 1 and toks[i - 1].text == "." else i - 1
    return j >= 0 and toks[j].text in _PRECEDING_TITLES


def _ambiguous_is_name(toks: list[_Tok], i: int) -> bool:
    """A name that is also a word ("Roos", "Max"): mid-sentence, or before a verb like "zei"."""
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.kind == "num":
        return False  # "max 3 uur"
    return not toks[i].sentence_start or (nxt is not None and nxt.lower in _PERSON_VERBS)


def _cue_spans(toks: list[_Tok]) -> list[tuple[int, int]]:
    spans = []
    for i, tok in enumerate(toks):
        if tok.kind != "word":
            continue
        lower = tok.lower
        nxt = i + 1
        if lower in _ABBREVIATED and nxt < len(toks) and toks[nxt].text == ".":
            nxt += 1
        span = None
        if lower in _TITLE_CUES and (lower != "heer" or (i > 0 and toks[i - 1].lower == "de")):
            span = _person_after(toks, nxt, title=True)
        elif lower in _RELATION_CUES or (
            lower in _GENERIC_RELATIONS and i > 0 and toks[i - 1].lower in _POSSESSIVES
        ):
            span = _person_after(toks, nxt, title=False)
        elif lower in _NAME_VERBS:
            span = _named_after_verb(toks, i)
        elif lower == "ben" and i > 0 and toks[i - 1].lower == "ik":
            span = _person_after(toks, nxt, title=False)
        elif lower in _GREETINGS and tok.sentence_start:
            span = _person_after(toks, nxt, title=False)
        elif lower == "naam" and nxt + 1 < len(toks) and toks[nxt].lower in ("is", "was"):
            span = _person_after(toks, nxt + 1, title=False)
        if span:
            spans.append(span)
    return spans


def _named_after_verb(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """ "hij heet Kayden", "ik heet eigenlijk Kirsten", "ze noemden me Kiki"; also "Marloes heette ze"."""
    j = i + 1
    while j < len(toks) and j - i <= 3 and toks[j].lower in _NAME_VERB_FILLERS:
        j += 1
    span = _person_after(toks, j, title=False)
    if span:
        context = {t.lower for t in toks[max(0, i - 4) : j]}
        if _is_known(toks[span[1]]) or context & (_SUBJECTS | _RELATION_CUES | _TITLE_CUES):
            return span
    if i > 0 and i + 1 < len(toks) and toks[i + 1].lower in _SUBJECTS and _is_name_word(toks[i - 1]):
        return (i - 1, i - 1)
    return None


def _context_spans(toks: list[_Tok]) -> list[tuple[int, int]]:
    """Unknown capitalised words that an age, initials or a surname list mark as a name."""
    spans = []
    for i, tok in enumerate(toks):
        if tok.kind == "init":
            span = _person_after(toks, i, title=False)
            if span and toks[span[1]].kind == "word" and toks[span[1]].lower not in STOP_WORDS:
                spans.append(span)
            continue
        if not _is_name_word(tok):
            continue
        # "Tygo (9)", "Sem, 8 jaar"
        after = [t.text for t in toks[i + 1 : i + 4]]
        if (len(after) >= 3 and after[0] == "(" and after[1].isdigit() and len(after[1]) <= 2) or (
            len(after) >= 3 and after[0] == "," and after[1].isdigit() and after[2] == "jaar"
        ):
            spans.append((i, i))
            continue
        surname = _surname_span(toks, i)
        if surname:
            spans.append(surname)
    return spans


def _surname_span(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    word = _bare(toks[i].text)
    if word not in _SURNAMES:
        return None
    j = i
    while j > 0 and toks[j - 1].lower in _LOOKBACK_PARTICLES:
        j -= 1
    if j < i and (word not in _VAN_SURNAMES or {t.lower for t in toks[j:i]} & {"van", "ter", "ten"}):
        return (j, i)
    if j < i:
        return None
    if word in _PARTICLE_SURNAMES:
        return None
    if word in _WORDLIKE_SURNAMES and toks[i].sentence_start:
        return None
    return (i, i)


def _coordinated_spans(toks: list[_Tok], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "Femke en Kyano", "Dilan en joy": a name word or listed name joined by "en" to a name is a name too;
    in a list ("roos, sem en bas") a listed name joined by a comma."""
    extra = []
    for first, last in spans:
        after = last + 2
        if after < len(toks) and _joins(toks[last + 1], toks[after]):
            end = _extend(toks, after) if _is_cap(toks[after].text) else after
            if end != _CANCEL:
                extra.append((after, end))
        before = first - 2
        if before >= 0 and _joins(toks[first - 1], toks[before]):
            extra.append((before, before))
    return extra


def _joins(joiner: _Tok, tok: _Tok) -> bool:
    if joiner.lower in ("en", "&"):
        return _can_be_joined(tok)
    return joiner.text == "," and (_is_known(tok) or _is_listed_lower(tok))


def _can_be_joined(tok: _Tok) -> bool:
    return _is_name_word(tok) or _is_known(tok) or _is_listed_lower(tok)


def _pronoun_joined_spans(toks: list[_Tok]) -> list[tuple[int, int]]:
    """ "met bas en hij", "ik en joy", "met Dilan en joy": listed names, even ordinary words, as people."""
    spans = []
    n = len(toks)
    joins = [k for k, t in enumerate(toks) if t.text in ("en", "&")]
    for i in sorted({k - 1 for k in joins if k > 0} | {k + 1 for k in joins if k + 1 < n}):
        tok = toks[i]
        if not (_is_listed_lower(tok) or _is_known(tok)):
            continue
        joined_after = i + 2 < n and toks[i + 1].text in ("en", "&")
        joined_before = i >= 2 and toks[i - 1].text in ("en", "&")
        if (joined_after and toks[i + 2].lower in _COORD_PRONOUNS) or (
            joined_before and toks[i - 2].lower in _COORD_PRONOUNS
        ):
            spans.append((i, i))
        elif (
            joined_after
            and i > 0
            and toks[i - 1].lower == "met"
            and (_is_listed_lower(toks[i + 2]) or _is_known(toks[i + 2]))
        ):
            spans += [(i, i), (i + 2, i + 2)]
    return spans


def _name_findings(text: str) -> list[Finding]:
    toks = _tokenize(text)
    phrases = [m.span() for pattern in (_PHRASES, _SAYINGS) for m in pattern.finditer(text)]
    blocked = {i for start, end in phrases for i, t in enumerate(toks) if start <= t.start < end}
    spans = _known_name_spans(toks, blocked) + _cue_spans(toks) + _context_spans(toks)
    spans += _pronoun_joined_spans(toks)
    spans += _coordinated_spans(toks, spans)
    found = []
    for first, last in spans:
        if any(k in blocked for k in range(first, last + 1)):
            continue
        start, end = toks[first].start, toks[last].end
        found.append(Finding("name", start, end, text[start:end]))
    return found


# --------------------------------------------------------------------------- public API


def _resolve(findings: list[Finding]) -> list[Finding]:
    """Keep non-overlapping findings: higher-priority kinds first, then longer ones; sorted by start."""
    chosen: list[Finding] = []
    ranked = sorted(findings, key=lambda f: (_PRIORITY[f.kind], -(f.end - f.start), f.start))
    for f in ranked:
        if all(f.end <= c.start or f.start >= c.end for c in chosen):
            chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def find_personal_data(text: str) -> list[Finding]:
    """All personal data found in ``text``: non-overlapping findings sorted by start."""
    if not text:
        return []
    return _resolve(_pattern_findings(text) + _name_findings(text))


def propose_redaction(text: str, findings: list[Finding] | None = None) -> str:
    """``text`` with each finding replaced by a Dutch placeholder such as "[naam]" or "[telefoonnummer]"."""
    if findings is None:
        findings = find_personal_data(text)
    parts = []
    pos = 0
    for f in sorted(findings, key=lambda f: f.start):
        if f.start < pos:
            continue
        parts.append(text[pos : f.start])
        parts.append(PLACEHOLDERS.get(f.kind, "[verwijderd]"))
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)
