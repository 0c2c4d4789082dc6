"""Time and peak memory of theme discovery on 1,000, 10,000 and 100,000 generated Dutch stories.

    .venv/bin/python bench/themes.py [--sizes 1000 10000 100000] [--k N] [--seed S] [--keep DIR]

Per size, in separate processes so peaks do not mix:

- ``first``: ``vertelpunt themes`` on a JSON-lines file of new stories, with an empty ``--cache``
  (every story is prepared, then clustered);
- ``rerun``: the same command again: the prepared stories come from the cache;
- ``stored``: what a web theme run does once ``StoryRepresentation`` holds every story: the prepared
  bytes are loaded (here from the cache file instead of the database) and ``discover`` runs, with the
  lemmas for key words taken from the prepared bytes.

Peak memory is the maximum resident set size of that process (``wait4``/``getrusage``). The stories are
made by a seeded generator from sentence parts over ten youth-care subjects, 40 to 200 words each.
Targets on a 2-core machine: re-run over 10,000 stories < 15 s; 100,000 < 3 min and < 2 GB (checked
for every phase); a first run over 10,000 new stories < 10 min.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERTELPUNT = ROOT / ".venv/bin/vertelpunt"
TARGETS = {  # (n, phase) → (seconds, megabytes)
    (10_000, "rerun"): (15, None),
    (10_000, "stored"): (15, None),
    (10_000, "first"): (600, None),
    (100_000, "first"): (180, 2048),
    (100_000, "rerun"): (180, 2048),
    (100_000, "stored"): (180, 2048),
}

# --- Story generator ------------------------------------------------------------------------------

PEOPLE = [
    "mijn moeder",
    "mijn vader",
    "mijn oma",
    "mijn broer",
    "mijn zus",
    "mijn stiefvader",
    "mijn mentor",
    "de hulpverlener",
    "de jeugdconsulent",
    "mijn pleegmoeder",
    "de wijkagent",
    "mijn beste vriendin",
]
WHEN = [
    "na de zomervakantie",
    "vorig jaar",
    "in groep acht",
    "toen ik veertien was",
    "na de scheiding",
    "in de eerste klas",
    "afgelopen winter",
    "na drie maanden",
    "in het begin",
    "uiteindelijk",
    "later",
    "een tijd lang",
]
FEELING = [
    "boos",
    "verdrietig",
    "opgelucht",
    "bang",
    "moe",
    "alleen",
    "onzeker",
    "blij",
    "teleurgesteld",
    "trots",
]
SUBJECTS: dict[str, list[str]] = {
    "wachtlijst": [
        "We stonden {when} op een wachtlijst voor de jeugd-ggz en niemand belde ons terug.",
        "De wachttijd voor een intake was bijna een half jaar.",
        "{person} heeft elke week gebeld om te vragen hoe lang het wachten nog zou duren.",
        "Tijdens het wachten ging het steeds slechter met mij en voelde ik me {feeling}.",
        "Na de aanmelding hoorden we weken niets van de instelling.",
        "De huisarts verwees ons door, maar de wachtlijst bleek nog langer dan gedacht.",
        "Er was overbruggingszorg beloofd, maar die kwam er nooit.",
        "Toen eindelijk de intake kwam, moesten we opnieuw op een wachtlijst voor de behandeling.",
        "Het lange wachten op hulp was het zwaarste van alles.",
        "Ik snap niet dat kinderen zo lang moeten wachten op passende zorg.",
    ],
    "school": [
        "Op school ging het {when} mis en ik verzuimde steeds vaker.",
        "{person} zag dat ik mijn huiswerk niet meer maakte en vroeg wat er aan de hand was.",
        "De leerplichtambtenaar kwam langs omdat ik te vaak afwezig was in de klas.",
        "Mijn mentor regelde extra begeleiding zodat ik toch mijn diploma kon halen.",
        "In de klas kon ik me niet concentreren en mijn cijfers werden slechter.",
        "De zorgcoördinator van school organiseerde een gesprek met mijn ouders en de docenten.",
        "Ik moest naar een andere school, een plusvoorziening met kleine klassen.",
        "De leraren hadden geen tijd om naar mij te luisteren tijdens de lessen.",
        "Met een aangepast rooster kon ik weer een paar uur per dag naar school.",
        "Toen ik mijn examen haalde, was ik echt {feeling}.",
    ],
    "thuis": [
        "Thuis was er veel ruzie tussen mijn ouders, {when} gingen ze scheiden.",
        "{person} dronk te veel en dan werd het thuis onveilig.",
        "Ik moest vaak voor mijn kleine broertjes zorgen als mijn moeder weer ziek was.",
        "Na de scheiding woonde ik om de week bij mijn vader en bij mijn moeder.",
        "Het gezinshuis voelde in het begin niet als een thuis.",
        "Bij ruzies thuis sloot ik mezelf op in mijn kamer en voelde ik me {feeling}.",
        "De gezinscoach kwam elke week bij ons thuis om met het hele gezin te praten.",
        "Mijn ouders konden niet goed praten over de omgangsregeling en ik zat ertussen.",
        "Veilig Thuis werd ingeschakeld na een melding van de buren.",
        "Het huis was altijd een chaos en er was vaak geen eten in de koelkast.",
    ],
    "pleegzorg": [
        "Ik ben {when} uit huis geplaatst en kwam in een pleeggezin terecht.",
        "Mijn pleegouders deden hun best, maar ik miste mijn eigen familie.",
        "De voogd van de jeugdbescherming besliste over mij zonder het mij te vragen.",
        "In het pleeggezin moest ik wennen aan nieuwe regels en een nieuwe school.",
        "Omgang met mijn biologische moeder was maar één keer per maand onder begeleiding.",
        "{person} van de pleegzorgorganisatie kwam regelmatig op bezoek.",
        "Na drie pleeggezinnen wilde ik niemand meer vertrouwen.",
        "De ondertoezichtstelling werd steeds weer verlengd door de rechter.",
        "Mijn pleegbroer en ik werden na een tijd echte broers voor elkaar.",
        "Toen ik achttien werd, moest ik ineens weg uit het pleeggezin.",
    ],
    "therapie": [
        "Bij de psycholoog leerde ik {when} beter omgaan met mijn angsten.",
        "De therapie hielp mij om mijn paniekaanvallen te begrijpen.",
        "Mijn behandelaar wisselde drie keer en steeds moest ik mijn verhaal opnieuw vertellen.",
        "Ik kreeg de diagnose depressie en medicatie van de psychiater.",
        "In de groepstherapie ontmoette ik jongeren die hetzelfde meemaakten.",
        "{person} ging mee naar de eerste afspraak bij de ggz-instelling.",
        "Door de traumabehandeling kan ik nu beter slapen.",
        "De gesprekken met de therapeut voelden soms zinloos, ik voelde me {feeling}.",
        "Na de opname in de kliniek moest ik thuis weer mijn weg vinden.",
        "Het behandelplan werd samen met mij gemaakt en dat gaf vertrouwen.",
    ],
    "sport": [
        "Bij de voetbalclub vond ik {when} echte vrienden.",
        "De trainer gaf me elke training vertrouwen, ook als ik een slechte dag had.",
        "Door het sporten kon ik mijn hoofd leegmaken na een ruzie thuis.",
        "Met mijn team wonnen we een toernooi en ik voelde me {feeling}.",
        "Het jeugdfonds sport betaalde de contributie van de club.",
        "{person} bracht me elke zaterdag naar de wedstrijd.",
        "Op de boksschool leerde ik discipline en respect.",
        "Het buurtteam organiseerde elke woensdag sport op het pleintje.",
        "Dankzij de zwemles durfde ik eindelijk mee met vrienden naar het zwembad.",
        "Ik wil later zelf trainer worden bij de jeugd van de club.",
    ],
    "middelen": [
        "Ik begon {when} met blowen om niet te hoeven denken.",
        "Mijn vrienden gebruikten drugs en ik deed mee om erbij te horen.",
        "De verslavingszorg hielp mij om te stoppen met drinken.",
        "Op feestjes gebruikte ik steeds vaker pillen en ik voelde me {feeling}.",
        "{person} vond wiet in mijn kamer en toen kwam alles uit.",
        "Het afkicken was zwaar, ik had last van slapeloosheid en onrust.",
        "Bij de preventiewerker kon ik eerlijk praten over mijn gebruik.",
        "Door het gokken op mijn telefoon raakte ik veel geld kwijt.",
        "Ik ben nu een jaar clean en daar ben ik trots op.",
        "De politie hield me aan met drugs op zak en toen volgde Halt.",
    ],
    "geld": [
        "Mijn moeder had {when} grote schulden en er kwamen steeds deurwaarders aan de deur.",
        "We konden de huur niet betalen en moesten naar de voedselbank.",
        "Ik had geen geld voor de schoolreis en schaamde me tegenover mijn klasgenoten.",
        "De schuldhulpverlening van de gemeente maakte een plan voor het budget.",
        "{person} hielp mij met het aanvragen van studiefinanciering en toeslagen.",
        "Door de toeslagenaffaire raakte ons gezin alles kwijt.",
        "Op mijn achttiende kreeg ik ineens rekeningen van de zorgverzekering.",
        "Mijn bijbaan was nodig om thuis de boodschappen te kunnen betalen.",
        "Bewindvoering gaf rust, maar ik had geen zeggenschap meer over mijn geld.",
        "Van mijn zakgeld kocht ik kleren voor mijn zusje, ik voelde me {feeling}.",
    ],
    "wonen": [
        "Na mijn achttiende had ik {when} geen plek om te wonen.",
        "Ik sliep bij vrienden op de bank omdat ik thuis niet meer welkom was.",
        "In het beschermd wonen leerde ik koken, wassen en mijn post bijhouden.",
        "De woningcorporatie had een wachttijd van jaren voor een eigen kamer.",
        "{person} regelde een plek in de kamertraining.",
        "Zonder vast adres kon ik geen uitkering aanvragen.",
        "In de opvang voor dakloze jongeren voelde ik me {feeling}.",
        "Het begeleid wonen stopte op mijn achttiende en toen stond ik er alleen voor.",
        "Eindelijk kreeg ik de sleutel van mijn eigen studio.",
        "De huisbaas zette mij op straat toen ik de huur te laat betaalde.",
    ],
    "online": [
        "Ik werd {when} online gepest in een groepsapp van de klas.",
        "Iemand zette foto's van mij op sociale media zonder te vragen.",
        "Ik zat de hele nacht op mijn telefoon en sliep bijna niet meer.",
        "Via een game leerde ik iemand kennen die later heel dwingend werd.",
        "{person} ontdekte dat ik berichten kreeg van een onbekende volwassene.",
        "Op Instagram vergeleek ik mezelf steeds met anderen en voelde ik me {feeling}.",
        "De wijkagent gaf voorlichting over sexting en chantage.",
        "Door het gamen verloor ik mijn vrienden in het echte leven uit het oog.",
        "Een chatservice voor jongeren was voor mij de eerste plek waar ik mijn verhaal deed.",
        "Mijn ouders wisten niets van wat er op mijn telefoon gebeurde.",
    ],
}
GENERIC = [
    "Ik vond het moeilijk om erover te praten.",
    "Achteraf had ik eerder hulp willen vragen.",
    "Niet iedereen begreep wat ik nodig had.",
    "Het was een lange periode met ups en downs.",
    "{person} bleef altijd in mij geloven.",
    "Ik hoop dat andere jongeren sneller geholpen worden.",
    "Wat mij hielp was dat iemand echt luisterde.",
    "{when} werd het langzaam beter.",
    "Ik voelde me vaak {feeling} en wist niet bij wie ik terecht kon.",
    "Er waren veel gesprekken, maar weinig echte veranderingen.",
    "Dit wil ik graag delen zodat het beter wordt.",
    "Het heeft lang geduurd voordat er iets veranderde.",
]
OPENERS = ["", "", "Mijn verhaal gaat over vorig jaar. ", "Ik ben zestien. ", "Dit is wat ik meemaakte. "]


def _fill(template: str, rng: random.Random) -> str:
    sentence = template.format(person=rng.choice(PEOPLE), when=rng.choice(WHEN), feeling=rng.choice(FEELING))
    return sentence[:1].upper() + sentence[1:]


def generate(n: int, seed: int = 0) -> list[dict[str, object]]:
    """``n`` stories in the ``export-stories`` JSON-lines shape, 40 to 200 words, seeded."""
    rng = random.Random(seed)  # noqa: S311 - made-up stories, not secrets
    subjects = list(SUBJECTS)
    stories = []
    for number in range(n):
        subject = rng.choice(subjects)
        other = rng.choice(subjects)
        target = rng.randint(40, 200)
        sentences: list[str] = []
        words = 0
        while words < target:
            roll = rng.random()
            pool = SUBJECTS[subject] if roll < 0.65 else SUBJECTS[other] if roll < 0.8 else GENERIC
            sentence = _fill(rng.choice(pool), rng)
            sentences.append(sentence)
            words += len(sentence.split())
        text = rng.choice(OPENERS) + " ".join(sentences)
        text = " ".join(text.split()[:200])
        stories.append(
            {
                "id": f"bench-{number:06d}",
                "day": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "title": _fill(rng.choice(SUBJECTS[subject]), rng).split(",")[0][:60],
                "text": text,
                "answers": {"sfeer": rng.choice(["positief", "negatief", "gemengd"])},
                "subject": subject,  # not read by the tool; kept for a sanity check
            }
        )
    return stories


def write_stories(path: Path, n: int, seed: int) -> None:
    """Write ``n`` generated stories as JSON lines."""
    with path.open("w", encoding="utf-8") as f:
        for story in generate(n, seed):
            f.write(json.dumps(story, ensure_ascii=False) + "\n")


# --- Measuring ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One measured phase."""

    n: int
    phase: str
    seconds: float
    peak_mb: float
    themes: int
    largest: float


def _measure(command: Sequence[str]) -> tuple[float, float, str]:
    """Run ``command``; its wall time, its own peak RSS in MB, and its standard error."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)  # noqa: S603
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        err.seek(0)
        stderr = err.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr[-2000:]}")
    return seconds, usage.ru_maxrss / 1024, stderr


def _shares(output: Path) -> tuple[int, float]:
    with output.open(encoding="utf-8") as f:
        themes = Counter(json.loads(line)["theme"] for line in f)
    return len(themes), max(themes.values()) / sum(themes.values())


def run_size(n: int, folder: Path, *, k: int | None, seed: int) -> list[Row]:
    """Measure the three phases for ``n`` stories."""
    stories, output, cache = (
        folder / f"stories-{n}.jsonl",
        folder / f"themes-{n}.jsonl",
        folder / f"cache-{n}.sqlite",
    )
    write_stories(stories, n, seed)
    cache.unlink(missing_ok=True)
    command = [str(VERTELPUNT), "themes", "--input", str(stories), "--output", str(output)]
    command += ["--seed", str(seed), "--cache", str(cache)] + (["--k", str(k)] if k else [])
    rows = []
    for phase in ("first", "rerun"):
        seconds, peak, _ = _measure(command)
        rows.append(Row(n, phase, seconds, peak, *_shares(output)))
        print(_format(rows[-1]), flush=True)
    stored = [
        sys.executable,
        __file__,
        "--stored",
        str(stories),
        str(cache),
        str(output),
        "--seed",
        str(seed),
    ]
    seconds, peak, _ = _measure(stored + (["--k", str(k)] if k else []))
    rows.append(Row(n, "stored", seconds, peak, *_shares(output)))
    print(_format(rows[-1]), flush=True)
    return rows


def stored_run(stories: Path, cache: Path, output: Path, *, k: int | None, seed: int) -> None:
    """The web's path once representations are stored: load prepared bytes by story, discover."""
    sys.path.insert(0, str(ROOT))
    from sensemaking import representation as representations
    from sensemaking.themes import discover

    rep = representations.LemmaRepresentation("nl")
    with stories.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    ids = [str(r["id"]) for r in records]
    keys = [representations.text_hash(rep.kind, f"{r['title']}. {r['text']}") for r in records]
    db = sqlite3.connect(cache)
    found: dict[str, bytes] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        query = f"SELECT key, data FROM prepared WHERE key IN ({','.join('?' * len(chunk))})"  # noqa: S608
        found.update(db.execute(query, chunk).fetchall())
    prepared = [found[key] for key in keys]
    lemmas = [representations.lemma_words(p) for p in prepared]
    result, _ = discover(ids, prepared, rep, lemmas=lemmas, k=k, seed=seed)
    assignment = result.assignment()
    with output.open("w", encoding="utf-8") as f:
        for story in ids:
            f.write(json.dumps({"id": story, "theme": assignment[story]}) + "\n")


HEADER = f"{'n':>8}  {'phase':<7} {'seconds':>8} {'peak MB':>8} {'themes':>6} {'largest':>8}  target"


def _format(row: Row) -> str:
    target = TARGETS.get((row.n, row.phase))
    note = ""
    if target:
        seconds, megabytes = target
        ok = row.seconds < seconds and (megabytes is None or row.peak_mb < megabytes)
        note = f"{'ok' if ok else 'MISSED'} (< {seconds} s" + (f", < {megabytes} MB)" if megabytes else ")")
    return (
        f"{row.n:>8}  {row.phase:<7} {row.seconds:>8.1f} {row.peak_mb:>8.0f} {row.themes:>6} "
        f"{row.largest:>8.1%}  {note}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--k", type=int, default=None, help="fixed number of themes (default: automatic)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, default=None, help="keep the stories and caches in this folder")
    parser.add_argument(
        "--stored", nargs=3, type=Path, metavar=("STORIES", "CACHE", "OUTPUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    if args.stored:
        stored_run(*args.stored, k=args.k, seed=args.seed)
        return 0
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores, load average {load}; k = {args.k or 'automatic'}; seed {args.seed}")
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            run_size(n, folder, k=args.k, seed=args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
