"""The `vertelpunt` command: links, export and import, demo data."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session, select

from tests.factories import make_coalition, make_link, make_organisation
from vertelpunt import services
from vertelpunt.csvsafe import TRIGGERS, neutralise
from vertelpunt.models import Answer, Story
from vertelpunt.timeutil import today


def add_story(
    session: Session,
    link,
    *,
    title: str = "Titel",
    text: str = "Een verhaal van een paar woorden.",
    answers: dict | None = None,
) -> str:
    questionnaire, _ = services.current_questionnaire(session)
    result = services.submit_story(
        session,
        link=link,
        questionnaire=questionnaire,
        submission_id=services.read_submission_token(
            "k", services.issue_submission_token("k"), max_age=60
        ).submission_id,
        title=title,
        text=text,
        answers=answers or {"prompt": "helped"},
        language="nl",
        day=today("Europe/Amsterdam"),
    )
    assert result.story_id
    return result.story_id


def test_links_create_list_close(app: Flask, session: Session) -> None:
    runner = app.test_cli_runner()
    coalition = make_coalition(session, slug="regio-west")
    make_organisation(session, coalition, name="Jeugdteam West", age_categories=["0-12", "12-18"])
    created = runner.invoke(
        args=[
            "links",
            "create",
            "--coalition",
            "regio-west",
            "--organisation",
            "Jeugdteam West",
            "--perspective",
            "parent",
        ]
    )
    assert created.exit_code == 0, created.output
    url = created.output.strip()
    assert url.startswith("http://localhost/i/") and len(url.rsplit("/", 1)[1]) >= 22
    general = runner.invoke(args=["links", "create", "--coalition", "regio-west", "--general"])
    assert general.exit_code == 0
    again = runner.invoke(args=["links", "create", "--coalition", "regio-west", "--general"])
    assert again.exit_code != 0 and "general link already" in again.output
    listed = runner.invoke(args=["links", "list", "--coalition", "regio-west"]).output
    assert "age_category=unknown" in listed and "perspective=parent" in listed and "(general)" in listed
    assert runner.invoke(args=["links", "close", url]).exit_code == 0
    assert "\tclosed\t" in runner.invoke(args=["links", "list", "--coalition", "regio-west"]).output
    missing = runner.invoke(args=["links", "create", "--coalition", "nope", "--general"])
    assert missing.exit_code != 0 and "no coalition with slug 'nope'" in missing.output


def test_organisations_add_checks_type_and_ages(app: Flask, session: Session) -> None:
    runner = app.test_cli_runner()
    make_coalition(session, slug="regio-oost")
    ok = runner.invoke(
        args=[
            "organisations",
            "add",
            "--coalition",
            "regio-oost",
            "--name",
            "School A",
            "--type",
            "school",
            "--ages",
            "12-18",
        ]
    )
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(
        args=["organisations", "add", "--coalition", "regio-oost", "--name", "B", "--type", "bakery"]
    )
    assert bad.exit_code != 0 and "--type must be one of" in bad.output
    ages = runner.invoke(
        args=["organisations", "add", "--coalition", "regio-oost", "--name", "C", "--ages", "7"]
    )
    assert ages.exit_code != 0 and "--ages: unknown 7" in ages.output


def test_export_import_round_trip(app: Flask, session: Session, tmp_path: Path, database_url: str) -> None:
    link = make_link(session, perspective="youth")
    ids = {
        add_story(
            session,
            link,
            answers={
                "prompt": "safe",
                "helpers": ["family"],
                "what_mattered": {"listened": 0.5, "quick": 0.25, "together": 0.25},
            },
        ),
        add_story(session, link, title='=HYPERLINK("http://x")', text="+31 6 is geen formule, toch?"),
    }
    runner = app.test_cli_runner()
    out = tmp_path / "stories.jsonl"
    result = runner.invoke(args=["export-stories", "--format", "jsonl", "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["id"] for r in records} == ids
    first = next(r for r in records if r["answers"]["prompt"] == "safe")
    assert (
        first["organisation"] and first["link_kind"] == "organisation" and first["questionnaire_version"] == 1
    )
    assert first["answers"]["perspective"] == "youth" and "perspective" in first["prefilled"]
    assert "T" not in first["day"]  # a day, never a time

    # Delete the stories, import them back, and compare.
    for story in session.exec(select(Story)):
        session.delete(story)
    session.commit()
    imported = runner.invoke(args=["import-stories", str(out)])
    assert imported.exit_code == 0 and "imported 2 stories" in imported.output
    again = tmp_path / "again.jsonl"
    runner.invoke(args=["export-stories", "-o", str(again)])
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    twice = runner.invoke(args=["import-stories", str(out)])
    assert "imported 0 stories, skipped 2 already present" in twice.output


def test_import_reports_malformed_lines_and_imports_nothing(
    app: Flask, session: Session, tmp_path: Path
) -> None:
    coalition = make_coalition(session, slug="regio-noord")
    good = {
        "id": "6b0f7c4e-7f59-4a3c-9a8e-3d1c2b1a0f01",
        "day": "2026-10-01",
        "coalition": "regio-noord",
        "questionnaire_version": 1,
        "title": "Goed",
        "text": "Een goed verhaal.",
        "answers": {"prompt": "helped"},
    }
    lines = [
        json.dumps(good),
        "{not json",
        json.dumps({**good, "id": "x"}),
        json.dumps({**good, "id": "6b0f7c4e-7f59-4a3c-9a8e-3d1c2b1a0f02", "coalition": "elders"}),
        json.dumps({**good, "id": "6b0f7c4e-7f59-4a3c-9a8e-3d1c2b1a0f03", "answers": {"hoedje": 1}}),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import-stories", str(path)])
    assert result.exit_code != 0
    assert "line 2: not valid JSON" in result.output
    assert "line 3: id must be a UUID" in result.output
    assert "line 4: unknown coalition 'elders'" in result.output
    assert "line 5: unknown question id(s) for version 1: hoedje" in result.output
    assert "nothing was imported" in result.output
    assert list(session.exec(select(Story))) == [] and coalition.id


def test_csv_export_has_header_and_neutralised_cells(app: Flask, session: Session, tmp_path: Path) -> None:
    link = make_link(session)
    add_story(session, link, title="@SUM(A1:A9)", text="=1+1 is wat ze zei, echt waar.")
    out = tmp_path / "stories.csv"
    result = app.test_cli_runner().invoke(args=["export-stories", "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    header, row = rows[0], rows[1]
    assert header[:9] == [
        "id",
        "day",
        "coalition",
        "organisation",
        "link_kind",
        "questionnaire_version",
        "language",
        "title",
        "text",
    ]
    assert "answer:prompt" in header and "answer:what_mattered" in header
    assert row[header.index("title")] == "'@SUM(A1:A9)"
    assert row[header.index("text")].startswith("'=1+1")


def test_export_unknown_coalition_is_an_error(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["export-stories", "--coalition", "nope"])
    assert result.exit_code != 0 and "no coalition with slug 'nope'" in result.output


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(TRIGGERS), st.text(max_size=20))
def test_every_formula_trigger_is_neutralised(trigger: str, rest: str) -> None:
    assert neutralise(trigger + rest).startswith("'")


@given(st.text(max_size=30).filter(lambda s: not s.startswith(TRIGGERS)))
def test_harmless_text_is_untouched(value: str) -> None:
    assert neutralise(value) == value


def test_demo_creates_data_and_prints_every_link(app: Flask, session: Session) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    urls = [line.split()[0] for line in result.output.splitlines() if line.startswith("http")]
    assert len(urls) == 7 and len(set(urls)) == 7
    assert len(list(session.exec(select(Story)))) >= 8
    assert list(session.exec(select(Answer).where(Answer.prefilled)))
    again = app.test_cli_runner().invoke(args=["demo", "--no-serve"])
    assert [line.split()[0] for line in again.output.splitlines() if line.startswith("http")] == urls


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_filters_by_coalition(app: Flask, session: Session, fmt: str) -> None:
    mine, other = make_coalition(session, slug="mijn"), make_coalition(session, slug="ander")
    add_story(session, make_link(session, mine), title="Van mij")
    add_story(session, make_link(session, other), title="Van een ander")
    result = app.test_cli_runner().invoke(args=["export-stories", "--format", fmt, "--coalition", "mijn"])
    assert "Van mij" in result.output and "Van een ander" not in result.output
