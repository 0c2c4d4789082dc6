"""The questionnaire as data: question kinds, the shipped file, visibility rules and answer shapes.

Pure: no Flask, no database. ``parse`` checks a definition (from the TOML file or a stored version) and
returns frozen dataclasses the form builder and the services work with.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_FILE = Path(__file__).parent / "questionnaires" / "default.toml"
LANGUAGES = ("nl", "en")
KINDS = ("prompt", "story", "single", "multi", "dyad", "triad", "text")
CHOICE_KINDS = ("prompt", "single", "multi")
STORY_ID = "story"


class QuestionnaireError(ValueError):
    """The questionnaire definition is not usable; the message names the question and key."""


@dataclass(frozen=True)
class Option:
    """A choice in a prompt, single, multi or triad (corner) question."""

    value: str
    label: Mapping[str, str]


@dataclass(frozen=True)
class Condition:
    """Ask a question only when another question's answer is one of ``any_of``."""

    question: str
    any_of: tuple[str, ...]


@dataclass(frozen=True)
class Question:
    """One question of the questionnaire."""

    id: str
    kind: str
    section: str
    text: Mapping[str, str]
    help: Mapping[str, str] = field(default_factory=dict)
    required: bool = False
    options: tuple[Option, ...] = ()
    left: Mapping[str, str] = field(default_factory=dict)
    right: Mapping[str, str] = field(default_factory=dict)
    steps: int = 7
    max_length: int = 500
    prefillable: bool = False
    ask_if_prefilled: tuple[str, ...] = ()
    show_if: Condition | None = None
    extra: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def values(self) -> tuple[str, ...]:
        """The allowed option values (corners for a triad)."""
        return tuple(option.value for option in self.options)

    def label_of(self, value: str, lang: str) -> str:
        """The option label for ``value`` in ``lang``, or the value itself."""
        for option in self.options:
            if option.value == value:
                return option.label.get(lang) or option.label["nl"]
        return value

    def labels_of(self, values: tuple[str, ...] | list[str], lang: str) -> list[str]:
        """The option labels for several values, in order."""
        return [self.label_of(value, lang) for value in values]


@dataclass(frozen=True)
class Definition:
    """A parsed questionnaire: ordered questions and section titles."""

    label: str
    sections: Mapping[str, Mapping[str, str]]
    questions: tuple[Question, ...]

    def get(self, question_id: str) -> Question | None:
        """The question with this id, or None."""
        return next((q for q in self.questions if q.id == question_id), None)

    def prefillable(self) -> dict[str, Question]:
        """Questions an invite link may answer, by id."""
        return {q.id: q for q in self.questions if q.prefillable}


def read_file(path: Path | None = None) -> dict[str, Any]:
    """Read and check a questionnaire TOML file, returning its plain definition."""
    path = path or DEFAULT_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QuestionnaireError(f"{path}: file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise QuestionnaireError(f"{path}: not valid TOML ({exc})") from None
    parse(raw)
    return raw


def checksum(definition: Mapping[str, Any]) -> str:
    """A stable hash of a definition, to tell whether loading it makes a new version."""
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _texts(raw: Any, where: str, *, required: bool = True) -> dict[str, str]:
    if raw is None and not required:
        return {}
    if not isinstance(raw, dict) or not all(
        isinstance(raw.get(lang), str) and raw[lang] for lang in LANGUAGES
    ):
        raise QuestionnaireError(f"{where}: needs a text in every language ({', '.join(LANGUAGES)})")
    return {lang: raw[lang] for lang in LANGUAGES}


def _options(raw: Any, where: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or len(raw) < 2:
        raise QuestionnaireError(f"{where}: needs a list of at least two options")
    options = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict) or not isinstance(item.get("value"), str) or not item["value"]:
            raise QuestionnaireError(f"{where}[{i}]: needs a value")
        options.append(Option(value=item["value"], label=_texts(item, f"{where}[{i}]")))
    values = [o.value for o in options]
    if len(set(values)) != len(values):
        raise QuestionnaireError(f"{where}: option values must be unique")
    return tuple(options)


def _question(raw: Any, index: int, sections: Mapping[str, Any]) -> Question:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str) or not raw["id"].isidentifier():
        raise QuestionnaireError(f"questions[{index}]: needs an id made of letters, digits and _")
    qid = raw["id"]
    kind = raw.get("kind")
    if kind not in KINDS:
        raise QuestionnaireError(f"question {qid}: kind must be one of {', '.join(KINDS)}")
    section = raw.get("section", "")
    if section not in sections:
        raise QuestionnaireError(f"question {qid}: section {section!r} is not in [sections]")
    options: tuple[Option, ...] = ()
    if kind in CHOICE_KINDS:
        options = _options(raw.get("options"), f"question {qid}.options")
    elif kind == "triad":
        options = _options(raw.get("corners"), f"question {qid}.corners")
        if len(options) != 3:
            raise QuestionnaireError(f"question {qid}.corners: a triad has exactly three corners")
    condition = None
    if "show_if" in raw:
        cond = raw["show_if"]
        if (
            not isinstance(cond, dict)
            or not isinstance(cond.get("question"), str)
            or not isinstance(cond.get("any_of"), list)
        ):
            raise QuestionnaireError(f"question {qid}.show_if: needs question and any_of")
        condition = Condition(question=cond["question"], any_of=tuple(str(v) for v in cond["any_of"]))
    steps = raw.get("steps", 7)
    if kind == "dyad" and (not isinstance(steps, int) or not 3 <= steps <= 11):
        raise QuestionnaireError(f"question {qid}.steps: a slider has 3 to 11 steps")
    extra = {}
    for key in ("title", "title_help", "help_js"):
        if key in raw:
            extra[key] = _texts(raw[key], f"question {qid}.{key}")
    if kind == "story" and "title" not in extra:
        raise QuestionnaireError(f"question {qid}.title: the story needs a title label")
    return Question(
        id=qid,
        kind=kind,
        section=section,
        text=_texts(raw.get("text"), f"question {qid}.text"),
        help=_texts(raw.get("help"), f"question {qid}.help", required=False),
        required=bool(raw.get("required", False)) or kind in ("prompt", "story"),
        options=options,
        left=_texts(raw.get("left"), f"question {qid}.left") if kind == "dyad" else {},
        right=_texts(raw.get("right"), f"question {qid}.right") if kind == "dyad" else {},
        steps=steps,
        max_length=int(raw.get("max_length", 500)),
        prefillable=bool(raw.get("prefillable", False)),
        ask_if_prefilled=tuple(raw.get("ask_if_prefilled", ())),
        show_if=condition,
        extra=extra,
    )


def parse(raw: Mapping[str, Any]) -> Definition:
    """Check a plain definition and turn it into a Definition."""
    sections = raw.get("sections")
    if not isinstance(sections, dict) or not sections:
        raise QuestionnaireError("[sections]: at least one section is needed")
    titled = {key: _texts(value, f"sections.{key}") for key, value in sections.items()}
    items = raw.get("questions")
    if not isinstance(items, list) or not items:
        raise QuestionnaireError("[[questions]]: at least one question is needed")
    questions = tuple(_question(item, i, titled) for i, item in enumerate(items))
    ids = [q.id for q in questions]
    duplicate = next((qid for qid in ids if ids.count(qid) > 1), None)
    if duplicate:
        raise QuestionnaireError(f"question {duplicate}: the id is used twice")
    if [q.kind for q in questions].count("prompt") != 1 or [q.kind for q in questions].count("story") != 1:
        raise QuestionnaireError("questions: exactly one prompt and one story question are needed")
    if next(q for q in questions if q.kind == "story").id != STORY_ID:
        raise QuestionnaireError(f"question of kind story: its id must be {STORY_ID!r}")
    for q in questions:
        if q.show_if:
            target = next((t for t in questions if t.id == q.show_if.question), None)
            if target is None or ids.index(target.id) >= ids.index(q.id):
                raise QuestionnaireError(f"question {q.id}.show_if: must refer to an earlier question")
    return Definition(label=str(raw.get("label", "")), sections=titled, questions=questions)


def asked(definition: Definition, prefill: Mapping[str, Any]) -> tuple[Question, ...]:
    """The questions the teller is asked.

    Left out: questions the invite link answers (unless its answer is one that still asks, such as
    "unknown"), and conditional questions whose condition the link's answers already rule out.
    """
    open_ids = {
        q.id for q in definition.questions if q.id not in prefill or prefill[q.id] in q.ask_if_prefilled
    }
    return tuple(
        q
        for q in definition.questions
        if q.id in open_ids and (q.show_if is None or q.show_if.question in open_ids or applies(q, prefill))
    )


def applies(question: Question, answers: Mapping[str, Any]) -> bool:
    """Whether a conditional question applies, given the answers so far (link answers included)."""
    if question.show_if is None:
        return True
    given = answers.get(question.show_if.question)
    given_values = given if isinstance(given, list) else [given]
    return any(value in question.show_if.any_of for value in given_values)


def triad_weights(points: list[float]) -> list[float] | None:
    """Turn three non-negative scores into weights that sum to exactly 1 (None if all are zero)."""
    if len(points) != 3 or any(p < 0 for p in points) or sum(points) <= 0:
        return None
    total = sum(points)
    first, second = round(points[0] / total, 4), round(points[1] / total, 4)
    return [first, second, round(1 - first - second, 4)]


def dyad_position(step: int, steps: int) -> float:
    """A slider step (0 .. steps-1) as a position between the poles, 0.0 (left) to 1.0 (right)."""
    return round(step / (steps - 1), 4)


def check_prefill(definition: Definition, prefill: Mapping[str, Any]) -> dict[str, Any]:
    """Check the answers an invite link carries; raise QuestionnaireError naming the bad key."""
    allowed = definition.prefillable()
    clean: dict[str, Any] = {}
    for key, value in prefill.items():
        question = allowed.get(key)
        if question is None:
            raise QuestionnaireError(
                f"prefill {key}: not a question a link may answer (allowed: {', '.join(sorted(allowed))})"
            )
        if question.kind in CHOICE_KINDS and value not in question.values():
            raise QuestionnaireError(f"prefill {key}: {value!r} is not one of {', '.join(question.values())}")
        if question.kind == "text" and (not isinstance(value, str) or len(value) > question.max_length):
            raise QuestionnaireError(
                f"prefill {key}: must be text of at most {question.max_length} characters"
            )
        clean[key] = value
    return clean


@dataclass(frozen=True)
class Section:
    """A group of asked questions under one heading, in questionnaire order."""

    key: str
    title: Mapping[str, str]
    questions: tuple[Question, ...]


def sections_of(definition: Definition, questions: tuple[Question, ...]) -> list[Section]:
    """Group the asked questions by section, keeping the questionnaire's order; empty sections drop out."""
    return [
        Section(key, title, tuple(q for q in questions if q.section == key))
        for key, title in definition.sections.items()
        if any(q.section == key for q in questions)
    ]
