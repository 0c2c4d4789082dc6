"""Story export (JSON lines, CSV) and import (JSON lines) for operators: moving data, and tests."""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from sqlmodel import Session, col, select

from coalitions.models import Coalition, Organisation
from coalitions.services import get_coalition, get_organisation
from vertelpunt import services
from vertelpunt.csvsafe import neutralise
from vertelpunt.db import saved_id
from vertelpunt.models import Answer, Questionnaire, Story

FIXED_COLUMNS = (
    "id",
    "day",
    "coalition",
    "organisation",
    "link_kind",
    "questionnaire_version",
    "language",
    "title",
    "text",
)
LINK_KINDS = ("organisation", "general", "import")
CHUNK = 500


class UnknownCoalition(LookupError):
    """No coalition has the slug asked for."""


def story_records(session: Session, *, coalition_slug: str | None = None) -> Iterator[dict[str, Any]]:
    """One record per story, ordered by day then id (never by arrival), answers keyed by question id."""
    query = (
        select(Story, Coalition.slug, Organisation.name, Questionnaire.version)
        .join(Coalition, col(Story.coalition_id) == Coalition.id)
        .join(Questionnaire, col(Story.questionnaire_id) == Questionnaire.id)
        .join(Organisation, col(Story.organisation_id) == Organisation.id, isouter=True)
        .order_by(col(Story.day), col(Story.id))
    )
    if coalition_slug is not None:
        if get_coalition(session, coalition_slug) is None:
            raise UnknownCoalition(coalition_slug)
        query = query.where(Coalition.slug == coalition_slug)
    rows = session.exec(query).all()
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        answers = _answers_for([story.id for story, *_ in chunk], session)
        for story, slug, organisation, version in chunk:
            own = answers.get(story.id, [])
            yield {
                "id": story.id,
                "day": story.day.isoformat(),
                "coalition": slug,
                "organisation": organisation,
                "link_kind": story.link_kind,
                "questionnaire_version": version,
                "language": story.language,
                "title": story.title,
                "text": story.text,
                "answers": {a.question_id: a.value for a in own},
                "prefilled": sorted(a.question_id for a in own if a.prefilled),
            }


def _answers_for(story_ids: list[str], session: Session) -> dict[str, list[Answer]]:
    grouped: dict[str, list[Answer]] = {}
    for answer in session.exec(select(Answer).where(col(Answer.story_id).in_(story_ids))):
        grouped.setdefault(answer.story_id, []).append(answer)
    return grouped


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write records as JSON lines; return how many."""
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        count += 1
    return count


def cell(value: Any) -> str:
    """An answer as one CSV cell: lists joined with "; ", triads as corner=weight pairs."""
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}={v}" for k, v in value.items())
    return "" if value is None else str(value)


def write_csv(records: Iterable[dict[str, Any]], out: IO[str], *, question_ids: list[str]) -> int:
    """Write records as CSV with a header row; every cell is neutralised against formula injection."""
    writer = csv.writer(out)
    writer.writerow([*FIXED_COLUMNS, *(f"answer:{qid}" for qid in question_ids)])
    count = 0
    for record in records:
        answers = record["answers"]
        row = [record[c] for c in FIXED_COLUMNS] + [cell(answers.get(qid)) for qid in question_ids]
        writer.writerow([neutralise(v) for v in row])
        count += 1
    return count


def question_columns(session: Session) -> list[str]:
    """Answer columns for CSV: the current questionnaire's order, then ids only older versions had."""
    ids: list[str] = []
    for row in session.exec(select(Questionnaire).order_by(col(Questionnaire.version).desc())):
        for question in services.parsed_definition(row).questions:
            if question.kind != "story" and question.id not in ids:
                ids.append(question.id)
    return ids


@dataclass
class ImportResult:
    """What an import did."""

    imported: int = 0
    skipped_existing: int = 0
    errors: list[str] = field(default_factory=list)


class ImportFailed(ValueError):
    """The file has malformed lines; nothing was imported. ``errors`` name each line."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__(f"{len(errors)} line(s) cannot be imported")
        self.errors = errors


def json_lines(lines: Iterable[str], errors: list[str]) -> Iterator[tuple[int, Any]]:
    """Each non-blank line's number and JSON value; a line that is not JSON adds to ``errors`` instead."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"line {number}: not valid JSON ({exc.msg})")
            continue
        yield number, record


def import_jsonl(session: Session, lines: Iterable[str]) -> ImportResult:
    """Import stories from JSON lines, all or nothing; stories whose id exists already are skipped."""
    coalitions = {c.slug: c for c in session.exec(select(Coalition))}
    versions = {q.version: q for q in session.exec(select(Questionnaire))}
    errors: list[str] = []
    parsed: list[tuple[int, dict[str, Any]]] = []
    for number, record in json_lines(lines, errors):
        problem = _check_record(record, coalitions, versions, session)
        if problem:
            errors.append(f"line {number}: {problem}")
        else:
            parsed.append((number, record))
    ids = [r["id"] for _, r in parsed]
    if len(set(ids)) != len(ids):
        seen: set[str] = set()
        for number, record in parsed:
            if record["id"] in seen:
                errors.append(f"line {number}: id {record['id']} appears twice in the file")
            seen.add(record["id"])
    if errors:
        raise ImportFailed(errors)
    result = ImportResult()
    existing = set(session.exec(select(Story.id).where(col(Story.id).in_(ids)))) if ids else set()
    for _, record in parsed:
        if record["id"] in existing:
            result.skipped_existing += 1
            continue
        _add_story(
            session, record, coalitions[record["coalition"]], versions[record["questionnaire_version"]]
        )
        result.imported += 1
    session.commit()
    return result


def _check_record(
    record: Any, coalitions: dict[str, Coalition], versions: dict[int, Questionnaire], session: Session
) -> str | None:
    if not isinstance(record, dict):
        return "expected a JSON object"
    for key in ("id", "day", "coalition", "questionnaire_version", "title", "text"):
        if key not in record:
            return f"missing key {key!r}"
    try:
        uuid.UUID(str(record["id"]))
        date.fromisoformat(str(record["day"]))
    except ValueError:
        return "id must be a UUID and day a date (YYYY-MM-DD)"
    if not isinstance(record["title"], str) or not record["title"].strip():
        return "title must be non-empty text"
    if not isinstance(record["text"], str) or not record["text"].strip():
        return "text must be non-empty text"
    coalition = coalitions.get(record["coalition"])
    if coalition is None:
        return f"unknown coalition {record['coalition']!r}"
    version = versions.get(record["questionnaire_version"])
    if version is None:
        return f"unknown questionnaire version {record['questionnaire_version']!r}"
    if record.get("link_kind", "import") not in LINK_KINDS:
        return f"link_kind must be one of {', '.join(LINK_KINDS)}"
    organisation = record.get("organisation")
    if organisation is not None and get_organisation(session, coalition=coalition, name=organisation) is None:
        return f"unknown organisation {organisation!r} in coalition {coalition.slug!r}"
    answers = record.get("answers", {})
    if not isinstance(answers, dict):
        return "answers must be an object"
    known = {q.id for q in services.parsed_definition(version).questions}
    unknown = sorted(set(answers) - known)
    if unknown:
        return f"unknown question id(s) for version {version.version}: {', '.join(unknown)}"
    return None


def _add_story(
    session: Session, record: dict[str, Any], coalition: Coalition, version: Questionnaire
) -> None:
    organisation = record.get("organisation")
    org = get_organisation(session, coalition=coalition, name=organisation) if organisation else None
    story = Story(
        id=str(uuid.UUID(record["id"])),
        submission_id=str(uuid.uuid4()),
        coalition_id=saved_id(coalition),
        organisation_id=org.id if org else None,
        link_kind=record.get("link_kind", "import"),
        questionnaire_id=saved_id(version),
        day=date.fromisoformat(record["day"]),
        language=str(record.get("language", "nl"))[:5],
        title=record["title"],
        text=record["text"],
    )
    session.add(story)
    session.flush()
    prefilled = set(record.get("prefilled", []))
    session.add_all(
        Answer(story_id=story.id, question_id=qid, value=value, prefilled=qid in prefilled)
        for qid, value in record.get("answers", {}).items()
    )
