"""``vertelpunt themes``: JSON lines in, one theme per story out, a summary on stderr, no database."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from sensemaking.cli import themes_command
from sensemaking.representation import LemmaRepresentation
from tests.sensemaking._themes import subject_stories
from vertelpunt.exchange import write_jsonl

VERTELPUNT = Path(sys.executable).parent / "vertelpunt"


def export_records(stories: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Records shaped like ``vertelpunt export-stories`` output (ids as the real ones are: opaque strings)."""
    return [
        {
            "id": f"s{number:03d}-{subject}",
            "day": f"2025-03-{1 + number % 28:02d}",
            "coalition": "regio-west",
            "organisation": None,
            "link_kind": "general",
            "questionnaire_version": 1,
            "language": "nl",
            "title": subject.capitalize(),
            "text": text,
            "answers": {"sfeer": "positief", "hoe_lang": ["weken"]},
            "prefilled": [],
        }
        for number, (subject, text) in enumerate(stories)
    ]


def write_input(path: Path, records: Sequence[dict[str, Any]]) -> Path:
    out = io.StringIO()
    write_jsonl(records, out)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def run(tmp_path: Path, source: Path, *options: str) -> tuple[Result, list[dict[str, Any]]]:
    """Run the command; its result and the output lines."""
    output = tmp_path / "themes.jsonl"
    result = CliRunner().invoke(
        themes_command, ["--input", str(source), "--output", str(output), *options], catch_exceptions=False
    )
    text = output.read_text(encoding="utf-8") if output.exists() else ""
    return result, [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def stories(tmp_path: Path) -> Path:
    """30 stories on three subjects in the export-stories format."""
    return write_input(tmp_path / "stories.jsonl", export_records(subject_stories()))


def test_one_line_per_story_with_theme_and_label(tmp_path: Path, stories: Path) -> None:
    result, lines = run(tmp_path, stories, "--k", "3")
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in stories.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [r["id"] for r in records]  # input order
    assert all(set(line) == {"id", "theme", "label"} for line in lines)
    assert {line["theme"] for line in lines} == {0, 1, 2}
    assert all(isinstance(line["theme"], int) and line["label"] for line in lines)
    labels = {line["theme"]: line["label"] for line in lines}
    assert all(line["label"] == labels[line["theme"]] for line in lines)  # one label per theme
    assert len(set(labels.values())) == 3
    # The three subjects come out as three themes.
    for subject in ("wachten", "school", "voetbal"):
        themes = Counter(line["theme"] for line in lines if line["id"].endswith(subject))
        assert themes.most_common(1)[0][1] >= 8, (subject, themes)


def test_summary_goes_to_stderr(tmp_path: Path, stories: Path) -> None:
    result, lines = run(tmp_path, stories, "--k", "3")
    assert result.stdout == ""
    assert "3 themes over 30 stories" in result.stderr
    for theme in range(3):
        size = sum(line["theme"] == theme for line in lines)
        assert f"theme {theme}: {size} stories" in result.stderr


def test_automatic_number_of_themes(tmp_path: Path, stories: Path) -> None:
    result, lines = run(tmp_path, stories)
    assert result.exit_code == 0, result.stderr
    sizes = Counter(line["theme"] for line in lines)
    assert 2 <= len(sizes) <= 4 and max(sizes.values()) <= 15
    assert "choosing the number of themes" in result.stderr


def test_minimal_input_with_only_id_and_text(tmp_path: Path) -> None:
    source = tmp_path / "plain.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": number, "text": text}, ensure_ascii=False) + "\n"
            for number, (_, text) in enumerate(subject_stories(1))
        ),
        encoding="utf-8",
    )
    result, lines = run(tmp_path, source, "--k", "3")
    assert result.exit_code == 0, result.stderr
    assert [line["id"] for line in lines] == [str(i) for i in range(15)]


def test_same_seed_same_output(tmp_path: Path, stories: Path) -> None:
    first, _ = run(tmp_path, stories, "--seed", "7")
    output = (tmp_path / "themes.jsonl").read_bytes()
    second, _ = run(tmp_path, stories, "--seed", "7")
    assert first.exit_code == second.exit_code == 0
    assert (tmp_path / "themes.jsonl").read_bytes() == output
    assert first.stderr == second.stderr


def test_cache_gives_the_same_output_without_preparing_again(
    tmp_path: Path, stories: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache.sqlite"
    first, _ = run(tmp_path, stories, "--k", "3", "--cache", str(cache))
    output = (tmp_path / "themes.jsonl").read_bytes()

    def no_prepare(self: LemmaRepresentation, texts: Sequence[str]) -> list[bytes]:
        raise AssertionError(f"prepared {len(texts)} stories again")

    monkeypatch.setattr(LemmaRepresentation, "prepare", no_prepare)
    second, _ = run(tmp_path, stories, "--k", "3", "--cache", str(cache))
    assert first.exit_code == second.exit_code == 0, second.stderr
    assert (tmp_path / "themes.jsonl").read_bytes() == output


GOOD = json.dumps({"id": "a", "text": "Op school hielp mijn mentor mij."})


@pytest.mark.parametrize(
    ("content", "messages"),
    [
        ("", ["the input holds no stories"]),
        ("\n  \n", ["the input holds no stories"]),
        (GOOD + '\n{"id": "b"}\n', ["line 2: no 'text'", "1 line(s) cannot be used"]),
        (GOOD + '\n{"id": "b", "text": "   "}\n', ["line 2: no 'text'"]),
        (GOOD + '\n{"id": "b", "text": 12}\n', ["line 2: no 'text'"]),
        (GOOD + '\n{"text": "Geen id hier."}\n', ["line 2: no 'id'"]),
        (GOOD + "\n{id: b, text: c}\n", ["line 2: not valid JSON"]),
        (GOOD + '\n["b", "tekst"]\n', ["line 2: expected a JSON object"]),
        (GOOD + "\n" + GOOD + "\n", ["line 2: id 'a' appears twice"]),
        (GOOD + "\n", ["at least two stories are needed", "the input holds one"]),
        (
            "oops\n" * 12,
            ["line 1: not valid JSON", "line 10:", "... and 2 more", "12 line(s) cannot be used"],
        ),
    ],
    ids=[
        "empty",
        "blank-lines",
        "no-text",
        "blank-text",
        "text-not-a-string",
        "no-id",
        "invalid-json",
        "not-an-object",
        "duplicate-id",
        "one-story",
        "many-bad-lines",
    ],
)
def test_bad_input_is_refused_with_a_clear_message(tmp_path: Path, content: str, messages: list[str]) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(content, encoding="utf-8")
    result, lines = run(tmp_path, source)
    assert result.exit_code == 1
    for message in messages:
        assert message in result.stderr
    assert "Traceback" not in result.output
    assert lines == []


def test_k_larger_than_the_number_of_stories(tmp_path: Path) -> None:
    source = write_input(tmp_path / "three.jsonl", export_records(subject_stories(1)[:3]))
    result, lines = run(tmp_path, source, "--k", "5")
    assert result.exit_code == 1
    assert "--k 5 is more than the number of stories (3)" in result.stderr
    assert lines == []


@pytest.mark.parametrize("k", ["0", "-2", "drie"])
def test_k_must_be_a_positive_number(tmp_path: Path, stories: Path, k: str) -> None:
    # Standard input: click would open a named input file before refusing --k, and leave it open.
    result = CliRunner().invoke(
        themes_command,
        ["--input", "-", "--output", str(tmp_path / "out.jsonl"), "--k", k],
        input=stories.read_text(encoding="utf-8"),
    )
    assert result.exit_code == 2
    assert "Invalid value for '--k'" in result.stderr


@pytest.mark.parametrize("options", [(), ("--k", "3")])
def test_identical_stories_form_one_theme_with_a_warning(tmp_path: Path, options: tuple[str, ...]) -> None:
    records = export_records([("wachten", "We wachtten lang op hulp van de jeugdzorg.")] * 25)
    result, lines = run(tmp_path, write_input(tmp_path / "same.jsonl", records), *options)
    assert result.exit_code == 0, result.stderr
    assert len(lines) == 25 and {line["theme"] for line in lines} == {0}
    assert "warning: all stories look the same; they form one theme" in result.stderr
    assert "1 themes over 25 stories" in result.stderr


def test_the_console_script_needs_no_database(tmp_path: Path, stories: Path) -> None:
    output = tmp_path / "out.jsonl"
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "TEST_DATABASE", "VERTELPUNT"))
    }
    completed = subprocess.run(
        [
            str(VERTELPUNT),
            "themes",
            "--input",
            str(stories),
            "--output",
            str(output),
            "--k",
            "3",
            "--lang",
            "nl",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "3 themes over 30 stories" in completed.stderr
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 30 and {line["theme"] for line in lines} == {0, 1, 2}
    assert list(tmp_path.glob("*.sqlite")) == []
