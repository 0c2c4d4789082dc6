"""Benchmark the personal-data detector (RELIABILITY row 31): recall per kind, false alarms, speed.

Run: .venv/bin/python bench/redaction.py
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sensemaking.redaction import find_personal_data  # noqa: E402

DATA = ROOT / "tests" / "sensemaking" / "data"
# Written by someone who never saw the detector or its test data: the honest figure.
HELD_OUT = ROOT / "bench" / "data"


def load(name: str, folder: Path = DATA) -> list[dict]:
    with (folder / name).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def recall_per_kind(rows: list[dict]) -> tuple[Counter[str], Counter[str]]:
    """Expected and found counts per kind; a value counts as found when findings cover all its characters."""
    expected: Counter[str] = Counter()
    found: Counter[str] = Counter()
    for row in rows:
        chars = {i for f in find_personal_data(row["text"]) for i in range(f.start, f.end)}
        for pii in row["pii"]:
            start = row["text"].index(pii["value"])
            expected[pii["kind"]] += 1
            found[pii["kind"]] += all(i in chars for i in range(start, start + len(pii["value"])))
    return expected, found


def speed(texts: list[str], rounds: int = 5) -> float:
    """Stories per second over ``rounds`` passes."""
    begin = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            find_personal_data(text)
    return rounds * len(texts) / (time.perf_counter() - begin)


def report(title: str, snippets: list[dict], clean: list[dict]) -> None:
    """Print recall per kind and the false-alarm rate of one evaluation set."""
    expected, found = recall_per_kind(snippets)
    alarms = sum(1 for row in clean if find_personal_data(row["text"]))
    print(f"\n{title}")
    print(f"{'kind':<12}{'found':>7}{'of':>5}{'recall':>9}")
    for kind in sorted(expected):
        print(f"{kind:<12}{found[kind]:>7}{expected[kind]:>5}{found[kind] / expected[kind]:>9.1%}")
    total_found, total = sum(found.values()), sum(expected.values())
    print(f"{'overall':<12}{total_found:>7}{total:>5}{total_found / total:>9.1%}   (target >= 95 %)")
    print(
        f"false alarms: {alarms} of {len(clean)} clean stories = {alarms / len(clean):.1%}   (target <= 10 %)"
    )


def main() -> None:
    snippets = load("pii_snippets.jsonl")
    clean = load("clean_stories.jsonl")
    report("Development set (tests/sensemaking/data, written with the detector)", snippets, clean)
    held_snippets = load("heldout_pii.jsonl", HELD_OUT)
    held_clean = load("heldout_clean.jsonl", HELD_OUT)
    report(
        "Held-out set 1 (bench/data/heldout_*, written independently; the detector was then improved on its misses)",
        held_snippets,
        held_clean,
    )
    report(
        "Held-out set 2 (bench/data/heldout2_*, written independently, never used to change the detector)",
        load("heldout2_pii.jsonl", HELD_OUT),
        load("heldout2_clean.jsonl", HELD_OUT),
    )
    texts = [row["text"] for row in snippets + clean]
    print(f"\nspeed: {speed(texts):,.0f} stories/s ({len(texts)} texts, 5 rounds)")


if __name__ == "__main__":
    main()
