"""Draft neutral observations for a theme: factual, non-judging sentences a facilitator edits.

How many stories and from whom, which answers stand out against the whole set, and which phrases
recur. Every count follows the small-cell rule: a count from 1 to 4 is written as "<5", and an answer
is only called out when at least 5 stories in the theme gave it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from coalitions.monitoring import THRESHOLD, shown_total, suppress
from sensemaking.filters import StoryRecord, answer_values
from sensemaking.language import stop_words
from vertelpunt.questionnaire import Definition, Question

STAND_OUT = 0.15  # an answer stands out when its share in the theme is 15 points above the whole set
MAX_STANDOUTS = 4
MAX_PHRASES = 5
WORD = re.compile(r"[a-zà-ÿ]+(?:-[a-zà-ÿ]+)*")
QUESTION_KINDS = ("prompt", "single", "multi", "dyad", "triad")
# Who told the stories, in the words of an observation (the questionnaire's options speak to the teller).
PERSPECTIVES = {
    "nl": {
        "youth": "jongeren",
        "parent": "ouders en verzorgers",
        "professional": "professionals",
        "other": "anderen",
    },
    "en": {
        "youth": "young people",
        "parent": "parents and carers",
        "professional": "professionals",
        "other": "others",
    },
}
MARKS = {"nl": {"<5": "minder dan 5", "×": "niet getoond"}, "en": {"<5": "fewer than 5", "×": "not shown"}}


def draft(
    members: Sequence[StoryRecord],
    everyone: Sequence[StoryRecord],
    definition: Definition,
    *,
    keywords: Sequence[str] = (),
    lang: str = "nl",
) -> str:
    """The draft observations of one theme, one per line."""
    lines = [_size_line(len(members), len(everyone))]
    perspective = _perspective_line(members, definition, lang)
    if perspective:
        lines.append(perspective)
    lines += _standouts(members, everyone, definition, lang)
    phrases = recurring_phrases([f"{r.title}. {r.text}" for r in members])
    if phrases:
        quoted = ", ".join(f"‘{p}’" for p in phrases)
        lines.append(f"Woorden die in meerdere verhalen terugkomen: {quoted}.")
    elif keywords:
        lines.append(f"Kernwoorden: {', '.join(keywords[:6])}.")
    return "\n".join(lines)


def _size_line(size: int, total: int) -> str:
    shown = shown_total(size)
    if isinstance(shown, str):
        return f"Dit thema telt {shown} verhalen."
    return f"Dit thema telt {shown} van de {total} verhalen ({round(100 * size / total)}%)."


def _perspective_line(members: Sequence[StoryRecord], definition: Definition, lang: str) -> str:
    question = definition.get("perspective")
    if question is None:
        return ""
    counts = Counter(str(r.answers.get("perspective")) for r in members if r.answers.get("perspective"))
    if not counts:
        return ""
    shown = suppress({o.value: counts.get(o.value, 0) for o in question.options})
    names, marks = PERSPECTIVES.get(lang, PERSPECTIVES["nl"]), MARKS.get(lang, MARKS["nl"])
    parts = [
        f"{names.get(value) or question.label_of(value, lang).lower()}: {marks.get(str(count), count)}"
        for value, count in shown.items()
        if count != 0
    ]
    return "Verteld door " + "; ".join(parts) + "." if parts else ""


def _standouts(
    members: Sequence[StoryRecord], everyone: Sequence[StoryRecord], definition: Definition, lang: str
) -> list[str]:
    found = []
    for question in definition.questions:
        if question.kind not in QUESTION_KINDS or question.id == "perspective":
            continue
        inside = _value_counts(members, question)
        overall = _value_counts(everyone, question)
        for value, count in inside.items():
            if count < THRESHOLD:
                continue
            share_in = count / len(members)
            share_all = overall[value] / len(everyone)
            if share_in - share_all >= STAND_OUT:
                found.append((share_in - share_all, question, value, share_in, share_all))
    found.sort(key=lambda f: (-f[0], f[1].id, f[2]))
    lines = []
    for _, question, value, share_in, share_all in found[:MAX_STANDOUTS]:
        text = _short(question.text.get(lang) or question.text["nl"])
        lines.append(
            f"Bij ‘{text}’ koos {round(100 * share_in)}% ‘{_value_label(question, value, lang)}’, "
            f"tegen {round(100 * share_all)}% in alle verhalen."
        )
    return lines


def _short(text: str) -> str:
    """A question up to its question mark (drops an explanation that follows)."""
    end = text.find("?")
    return text[: end + 1] if end >= 0 else text


def _value_counts(records: Sequence[StoryRecord], question: Question) -> Counter[str]:
    counts: Counter[str] = Counter()
    for record in records:
        counts.update(answer_values(record.answers.get(question.id), question))
    return counts


def _value_label(question: Question, value: str, lang: str) -> str:
    kind = question.kind
    if kind == "dyad":
        left = question.left.get(lang) or question.left.get("nl", "")
        right = question.right.get(lang) or question.right.get("nl", "")
        return {"left": f"dichter bij {left}", "right": f"dichter bij {right}"}.get(value, "in het midden")
    return question.label_of(value, lang)


def recurring_phrases(texts: Sequence[str], *, lang: str = "nl", top: int = MAX_PHRASES) -> list[str]:
    """Two- and three-word phrases (not only stop words) found in at least 3 stories and 20 % of them."""
    stops = stop_words(lang)
    counts: Counter[str] = Counter()
    for text in texts:
        words = WORD.findall(text.lower())
        seen = set()
        for size in (2, 3):
            for i in range(len(words) - size + 1):
                gram = words[i : i + size]
                if gram[0] in stops or gram[-1] in stops or sum(w not in stops for w in gram) < 2:
                    continue
                seen.add(" ".join(gram))
        counts.update(seen)
    needed = max(3, round(0.2 * len(texts)))
    frequent = [(n, phrase) for phrase, n in counts.items() if n >= needed]
    frequent.sort(key=lambda x: (-x[0], -len(x[1]), x[1]))
    chosen: list[str] = []
    for _, phrase in frequent:
        if not any(phrase in other or other in phrase for other in chosen):
            chosen.append(phrase)
        if len(chosen) == top:
            break
    return chosen
