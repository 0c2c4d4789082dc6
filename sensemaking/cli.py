"""``vertelpunt themes``: theme discovery on a JSON-lines file, without a database.

Input: one JSON object per line with at least ``id`` and ``text`` (``title`` is used too when present;
the Vertelpunt's ``export-stories`` output works as is). Output: one line per story,
``{"id": ..., "theme": <int>, "label": "..."}``; a summary of the themes goes to standard error.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import click

from sensemaking import representation as representations
from sensemaking.clustering import ClusteringError
from sensemaking.jobs import worker_command
from sensemaking.themes import ThemeResult, discover
from vertelpunt.exchange import json_lines

MAX_LINE_ERRORS = 10
PREPARE_BATCH = 2_000  # progress is reported after every batch


class InputError(ValueError):
    """The input file cannot be used; ``errors`` names the lines."""

    def __init__(self, message: str, errors: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.errors = list(errors)


@dataclass(frozen=True)
class Item:
    """One story read from the input."""

    id: str
    text: str


def read_items(lines: IO[str]) -> list[Item]:
    """Read and check the JSON lines; raise ``InputError`` listing the bad lines."""
    items: list[Item] = []
    errors: list[str] = []
    seen: set[str] = set()
    for number, record in json_lines(lines, errors):
        if not isinstance(record, dict):
            errors.append(f"line {number}: expected a JSON object")
            continue
        story_id, text = record.get("id"), record.get("text")
        if story_id is None or str(story_id) == "":
            errors.append(f"line {number}: no 'id'")
        elif not isinstance(text, str) or not text.strip():
            errors.append(f"line {number}: no 'text' (or it is empty)")
        elif str(story_id) in seen:
            errors.append(f"line {number}: id {story_id!r} appears twice")
        else:
            seen.add(str(story_id))
            title = record.get("title")
            full = f"{title}. {text}" if isinstance(title, str) and title.strip() else text
            items.append(Item(id=str(story_id), text=full))
    if errors:
        shown = errors[:MAX_LINE_ERRORS]
        if len(errors) > MAX_LINE_ERRORS:
            shown.append(f"... and {len(errors) - MAX_LINE_ERRORS} more")
        raise InputError(f"{len(errors)} line(s) cannot be used", shown)
    if not items:
        raise InputError("the input holds no stories")
    if len(items) < 2:
        raise InputError("at least two stories are needed to find themes (the input holds one)")
    return items


class TextCache:
    """Prepared representations cached by text hash in an SQLite file, so a re-run skips the slow part."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS prepared (key TEXT PRIMARY KEY, data BLOB NOT NULL)")

    def prepare(self, rep: representations.Representation, texts: Sequence[str]) -> list[bytes]:
        """``rep.prepare`` for the texts not cached yet; cached bytes for the rest."""
        keys = [representations.text_hash(rep.kind, t) for t in texts]
        found: dict[str, bytes] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, data FROM prepared WHERE key IN ({marks})"  # noqa: S608 - placeholders only
            found.update(self.db.execute(query, chunk).fetchall())
        missing = [i for i, key in enumerate(keys) if key not in found]
        if missing:
            fresh = rep.prepare([texts[i] for i in missing])
            rows = [(keys[i], data) for i, data in zip(missing, fresh, strict=True)]
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO prepared VALUES (?, ?)", rows)
            found.update(rows)
        return [found[key] for key in keys]


def summary(result: ThemeResult, total: int) -> list[str]:
    """Human-readable lines about the themes, for standard error."""
    lines = [f"{len(result.themes)} themes over {total} stories"]
    for theme in result.themes:
        share = round(100 * theme.size / total)
        lines.append(
            f"  theme {theme.number}: {theme.size} stories ({share}%) {theme.label} — {', '.join(theme.keywords[:6])}"
        )
    return lines


@click.command("themes")
@click.option(
    "--input",
    "input_file",
    required=True,
    type=click.File("r", encoding="utf-8"),
    help="JSON lines with id and text.",
)
@click.option(
    "--output",
    "output_file",
    required=True,
    type=click.File("w", encoding="utf-8"),
    help="Where to write one line per story.",
)
@click.option(
    "--k", type=click.IntRange(1, 200), default=None, help="Number of themes (default: chosen automatically)."
)
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="Same input and seed, same themes.")
@click.option(
    "--cache",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="SQLite file caching prepared stories between runs.",
)
@click.option(
    "--representation",
    "spec",
    default="lemmas",
    show_default=True,
    help="'lemmas' or 'package.module:factory'.",
)
def themes_command(
    input_file: IO[str],
    output_file: IO[str],
    k: int | None,
    lang: str,
    seed: int,
    cache: Path | None,
    spec: str,
) -> None:
    """Group the stories of INPUT into themes and write each story's theme to OUTPUT."""
    try:
        items = read_items(input_file)
    except InputError as exc:
        for line in exc.errors:
            click.echo(line, err=True)
        raise click.ClickException(str(exc)) from None
    finally:
        input_file.close()
    if k is not None and k > len(items):
        raise click.ClickException(f"--k {k} is more than the number of stories ({len(items)})")
    rep = representations.load(spec, lang)
    texts = [item.text for item in items]
    store = TextCache(cache) if cache else None
    prepared: list[bytes] = []
    for start in range(0, len(texts), PREPARE_BATCH):
        chunk = texts[start : start + PREPARE_BATCH]
        prepared += store.prepare(rep, chunk) if store else rep.prepare(chunk)
        click.echo(f"preparing stories: {len(prepared)}/{len(texts)}", err=True)
    lemma_rep = representations.LemmaRepresentation(lang)
    lemmas = (
        None
        if rep.kind == lemma_rep.kind
        else [representations.lemma_words(p) for p in lemma_rep.prepare(texts)]
    )

    def report(done: int, total: int) -> None:
        click.echo(f"choosing the number of themes: {done}/{total}", err=True)

    try:
        result, _ = discover(
            [i.id for i in items], prepared, rep, lemmas=lemmas, k=k, seed=seed, report=report
        )
    except ClusteringError as exc:
        raise click.ClickException(str(exc)) from None
    if len(result.themes) == 1 and k != 1:
        click.echo("warning: all stories look the same; they form one theme", err=True)
    assignment = result.assignment()
    labels = {t.number: t.label for t in result.themes}
    for item in items:
        theme = assignment[item.id]
        output_file.write(
            json.dumps({"id": item.id, "theme": theme, "label": labels[theme]}, ensure_ascii=False) + "\n"
        )
    output_file.flush()
    for line in summary(result, len(items)):
        click.echo(line, err=True)


COMMANDS = (themes_command, worker_command)
