"""Find personal data in story text and propose a redacted version (RELIABILITY row 31).

Pure Python and rule based: regular expressions for e-mail addresses, URLs, Dutch phone numbers,
BSN numbers (11-proef), postcodes, street addresses and dates of birth; heuristics for names
(a list of first names, cue words such as "mijn zoon" or "mevrouw", initials, surnames with
particles). It proposes; a person reviews before a story is shown in a workshop.
"""

from __future__ import annotations

import re
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
_URL = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"']+"
    rf"|(?<![\w@./-])(?:[a-z0-9][a-z0-9-]+\.)+{_TLDS}\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
_HANDLE = re.compile(r"(?<![\w@./])@(?=[\w.]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")
_SEP = r"[ .\-]{0,3}"
_PHONE = re.compile(
    rf"(?<![\w+])(?:(?:\+|00)31{_SEP}(?:\(0\){_SEP})?|\(?0)[1-9](?:\)?{_SEP}\d){{8}}(?![\d:]|[.,]\d)"
)
_BSN = re.compile(r"(?<![\w.,+/-])(?:\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{8,9})(?![\w]|[.,-]\d)")
_POSTCODE = re.compile(r"(?<![\w-])[1-9]\d{3} ?(?!SA|SD|SS)[A-Z]{2}(?![\w-])")
_POSTCODE_CUED = re.compile(r"\bpostcode\s*:?\s*([1-9]\d{3} ?[a-z]{2})(?![\w-])", re.IGNORECASE)
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
    r"(?:straat|straatweg|laan|weg|plein|gracht|kade|singel|dijk|hof|pad|steeg|dreef|plantsoen"
    r"|allee|boulevard|promenade|schans|wal|burgwal|markt|erf|hoeve|vaart|wetering|poort)"
)
_BARE_STREET = r"(?:Markt|Brink|Dam|Plein|Kade|Dijk|Singel|Gracht|Wal|Haven|Laan|Hof|Ring|Boulevard)"
_CAPW = r"[A-ZÀ-Ý][\w'’.\-]*"
_HOUSE_NO = (
    r"(?:,?\s+(?:nummer|nr\.?|no\.?)\s*|\s+)\d{1,5}"
    r"(?:\s?-\s?(?:\d{1,4}[a-zA-Z]?|I{1,3}|IV|hs|h)(?!\w)|\s?[a-zA-Z](?![\w@])|\s(?:bis|hs|huis|boven|beneden|I{1,3}|IV)(?!\w))?"
    r"(?![\d:]|[.,]\d)"
)
_ADDRESS = re.compile(
    rf"(?:(?:{_CAPW}|van|de|der|den|het|'t|ter|ten|te)\s+){{0,4}}?"
    rf"(?:[A-ZÀ-Ý][\w'’\-]*{_STREET_SUFFIX}|{_BARE_STREET}"
    rf"|(?:Laan|Plein|Kade|Weg|Dijk|Singel|Hof)\s+(?:van|der|de|op|ten|te|in)\s+(?:(?:de|der|den|het|'t)\s+)?(?:{_CAPW}\s+){{0,2}}{_CAPW}"
    rf"|[a-zà-ÿ][\w'’\-]{{2,}}(?:straat|laan|gracht|singel))"
    rf"{_HOUSE_NO}"
)
_ADDRESS_DROP = frozenset(
    "op aan in naar bij de het een we wij ik mijn m'n ons onze hij zij ze hun toen nu ook dus daar hier via tot "
    "vanaf sinds voor achter naast tegenover langs richting adres postadres woon woonde wonen is was stuur breng "
    "en of maar staat stond zat zit".split()
)
_NOT_STREETS = frozenset({"gerechtshof", "kerkhof", "binnenhof", "hof"})


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
        add("postcode", m.start(1), m.end(1))
    for m in _ADDRESS.finditer(text):
        start = _trim_address_start(text, m.start(), m.end())
        if start is not None:
            add("address", start, m.end())
    return found


def _trim_address_start(text: str, start: int, end: int) -> int | None:
    """Skip leading words that belong to the sentence ("Op de Kerkstraat 12"); None if no street is left."""
    for word in re.finditer(r"\S+", text[start:end]):
        token = word.group()
        if token[0].islower() and not re.search(_STREET_SUFFIX + r"$", token):
            continue
        if token.lower() in _ADDRESS_DROP:
            continue
        street = text[start + word.start() : end]
        first = re.match(r"[\w'’\-]+", street)
        if first and first.group().lower() in _NOT_STREETS:
            return None
        return start + word.start()
    return None


# --------------------------------------------------------------------------- names: word lists


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """The first names from ``data/first_names.txt`` (lines starting with # are comments)."""
    lines = NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# First names that are also ordinary Dutch (or English) words: only names when capitalised mid-sentence
# or after a cue ("mijn zus Roos"), never in lower case.
AMBIGUOUS_NAMES = _words(
    "ben job roos fleur mark merel iris amber bas frank rob lieve storm mees wolf rosa jade noor lot ton max wil "
    "els frans toon jet lies leen margriet madelief hazel linde arend sterre floor puck maas can jack jean pier "
    "luis wei hui thu li tuba lama rama salam aster kay bo vic gül nur marina hope joy sky may dean"
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
    "peetoom peettante vriendinnen vrienden"
)
# Relation words that need a possessive in front ("mijn man Karim", not "een man Kwam").
_GENERIC_RELATIONS = _words("man vrouw kind kindje jongen meisje baby jongere arts")
_POSSESSIVES = _words("mijn m'n onze ons zijn z'n haar d'r hun je jouw uw")
_NAME_VERBS = _words("heet heette heten genaamd noemde noemt")
_SUBJECTS = _words("ik hij zij ze je jij u")
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
_PHRASES = re.compile(
    r"\b(?:Albert Heijn|Anne Frank|Van Gogh|Ronald McDonald|William Schrikker|Pieter Baan|Jeroen Bosch|"
    r"Zwarte Piet|Sint Maarten|Den Bosch|Den Haag|Den Helder|Willem-Alexander|Willem van Oranje|"
    r"Maria Montessori|Dalton|Jan Ligthart|Kinderpostzegels)\b"
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
    "god allah jezus christus bijbel koran kerk moskee islam moslim moslima christen christelijk katholiek "
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
    r"(?P<init>(?<![\w.])(?:[A-Z]\.){1,4}(?=\s))"
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
    return re.sub(r"(?:['’]s|['’])$", "", word)


def _is_cap(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and not word.isupper()


def _is_known(tok: _Tok) -> bool:
    """A capitalised first name from the list (first part of a double name counts: "Anne-Marie")."""
    if tok.kind != "word" or not _is_cap(tok.text):
        return False
    word = _bare(tok.text)
    return word in first_names() or word.split("-")[0] in first_names()


def _is_known_lower(tok: _Tok) -> bool:
    """A first name written in lower case ("met lisa"), unless it is also an ordinary word."""
    word = _bare(tok.text)
    return (
        tok.kind == "word"
        and word.islower()
        and len(word) >= 3
        and word not in AMBIGUOUS_NAMES
        and word.capitalize() in first_names()
    )


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
        while j < len(toks) and toks[j].lower in _PARTICLES and j - end <= 3:
            j += 1
        if j >= len(toks):
            break
        if _is_institution(toks[j]) and toks[j].kind == "word" and _is_cap(toks[j].text):
            return _CANCEL
        if not _is_name_word(toks[j]) or toks[j].sentence_start:
            break
        end = j
    return end


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
    if j == i and _is_known_lower(toks[j]):
        return (i, j)
    return None


def _known_name_spans(toks: list[_Tok], blocked: set[int]) -> list[tuple[int, int]]:
    spans = []
    for i, tok in enumerate(toks):
        if i in blocked:
            continue
        if _is_known(tok):
            lower = _bare(tok.text).lower()
            if lower in STOP_WORDS:
                continue  # "Frans", "Ben", "Lieve": only after a cue ("mijn oom Frans")
            if lower in AMBIGUOUS_NAMES and not _ambiguous_is_name(toks, i):
                continue
            if _after_royal_title(toks, i):
                continue
            end = _extend(toks, i)
            if end != _CANCEL:
                spans.append((i, end))
        elif _is_known_lower(tok) and not tok.sentence_start:
            spans.append((i, i))
    return spans


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
    """ "hij heet Kayden", "de voogd heet Petra"; also "Marloes heette ze"."""
    span = _person_after(toks, i + 1, title=False)
    if span:
        context = {t.lower for t in toks[max(0, i - 4) : i]}
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
    """ "Femke en Kyano": a capitalised word joined by "en" to a name is a name too."""
    extra = []
    for first, last in spans:
        after = last + 2
        if after < len(toks) and toks[last + 1].lower in ("en", "&") and _is_name_word(toks[after]):
            end = _extend(toks, after)
            if end != _CANCEL:
                extra.append((after, end))
        before = first - 2
        if before >= 0 and toks[first - 1].lower in ("en", "&") and _is_name_word(toks[before]):
            extra.append((before, before))
    return extra


def _name_findings(text: str) -> list[Finding]:
    toks = _tokenize(text)
    blocked = {
        i for m in _PHRASES.finditer(text) for i, t in enumerate(toks) if m.start() <= t.start < m.end()
    }
    spans = _known_name_spans(toks, blocked) + _cue_spans(toks) + _context_spans(toks)
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
