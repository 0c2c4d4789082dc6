"""Theme discovery: stories grouped by what they are about, each theme with key words, a proposed label
and its most representative stories; and the facilitator's edits, which can be replayed on a new run.

Pure logic (no database): the web screens (``sensemaking.theme_runs``) and the ``vertelpunt themes``
command use the same functions.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from sensemaking import clustering
from sensemaking.clustering import ClusteringError
from sensemaking.representation import Representation, lemma_words

KEYWORDS = 8
REPRESENTATIVES = 5
MATCH_SHARE = 0.5  # an edit applies to the theme holding at least half of the stories it was made on
EDIT_KINDS = ("rename", "merge", "split", "move")

__all__ = ["ClusteringError", "ThemeInfo", "ThemeResult", "describe", "discover", "apply_edit", "apply_edits"]


@dataclass
class ThemeInfo:
    """One theme: its members (most typical first), key words and labels."""

    number: int
    members: list[str]
    keywords: list[str] = field(default_factory=list)
    proposed_label: str = ""
    label: str = ""

    @property
    def size(self) -> int:
        """The number of stories in the theme."""
        return len(self.members)

    @property
    def representatives(self) -> list[str]:
        """The most typical stories (closest to the theme's centre)."""
        return self.members[:REPRESENTATIVES]


@dataclass
class ThemeResult:
    """The themes of one run, with the story-to-theme assignment."""

    themes: list[ThemeInfo]
    scores: dict[str, float] = field(default_factory=dict)

    def assignment(self) -> dict[str, int]:
        """Story id → theme number."""
        return {story: theme.number for theme in self.themes for story in theme.members}

    def theme(self, number: int) -> ThemeInfo:
        """The theme with this number."""
        return next(t for t in self.themes if t.number == number)


def discover(
    ids: Sequence[str],
    prepared: Sequence[bytes],
    representation: Representation,
    *,
    lemmas: Sequence[Sequence[str]] | None = None,
    k: int | None = None,
    seed: int = 0,
    report: Callable[[int, int], None] | None = None,
) -> tuple[ThemeResult, np.ndarray]:
    """Group the stories into themes; returns the themes and the story vectors (for later edits).

    ``prepared`` are the representation's per-story bytes; ``lemmas`` the content lemmas used for key
    words (taken from ``prepared`` when the representation is the built-in lemma one).
    """
    if len(ids) != len(prepared) or len(set(ids)) != len(ids):
        raise ClusteringError("every story needs one unique id")
    vectors = representation.matrix(prepared, seed=seed)
    labels = clustering.cluster(vectors, k=k, seed=seed, report=report)
    words = lemmas if lemmas is not None else [lemma_words(p) for p in prepared]
    result = describe(ids, labels, vectors, words)
    return result, vectors


def describe(
    ids: Sequence[str],
    labels: Sequence[int] | np.ndarray,
    vectors: np.ndarray,
    lemmas: Sequence[Sequence[str]],
) -> ThemeResult:
    """Themes from an assignment: members ordered by closeness to the centre, key words, proposed label."""
    labels = np.asarray(labels)
    keywords = key_words(labels, lemmas)
    themes, scores = [], {}
    for number in sorted({int(x) for x in labels}):
        inside = np.flatnonzero(labels == number)
        centre = vectors[inside].mean(axis=0)
        norm = float(np.linalg.norm(centre)) or 1.0
        closeness = vectors[inside] @ (centre / norm)
        inside_ids = [ids[int(position)] for position in inside]
        order = sorted(range(len(inside)), key=lambda i: (-float(closeness[i]), inside_ids[i]))
        members = [inside_ids[i] for i in order]
        for i in order:
            scores[inside_ids[i]] = round(float(closeness[i]), 4)
        proposed = proposed_label(keywords.get(number, []))
        themes.append(
            ThemeInfo(
                number=number,
                members=members,
                keywords=keywords.get(number, []),
                proposed_label=proposed,
                label=proposed,
            )
        )
    return ThemeResult(themes=themes, scores=scores)


def key_words(
    labels: np.ndarray, lemmas: Sequence[Sequence[str]], *, top: int = KEYWORDS
) -> dict[int, list[str]]:
    """Per theme, the lemmas that are frequent in its stories and rarer elsewhere (class-based TF-IDF)."""
    in_theme: dict[int, Counter[str]] = {}
    overall: Counter[str] = Counter()
    for label, words in zip(labels, lemmas, strict=True):
        unique = set(words)
        in_theme.setdefault(int(label), Counter()).update(unique)
        overall.update(unique)
    n = len(lemmas)
    result = {}
    for number, counts in in_theme.items():
        size = int((labels == number).sum())
        minimum = 2 if size >= 4 else 1
        scored = [
            (count / size * math.log(1 + n / overall[word]), word)
            for word, count in counts.items()
            if count >= minimum
        ]
        result[number] = [word for _, word in sorted(scored, key=lambda s: (-s[0], s[1]))[:top]]
    return result


def proposed_label(keywords: Sequence[str], *, words: int = 3) -> str:
    """A short label from the first key words: "Wachtlijst, hulp en school"."""
    chosen = list(keywords[:words])
    if not chosen:
        return "Overig"
    text = chosen[0] if len(chosen) == 1 else ", ".join(chosen[:-1]) + " en " + chosen[-1]
    return text[:1].upper() + text[1:]


# --- Edits ----------------------------------------------------------------------------------------


def match(result: ThemeResult, anchor: Sequence[str]) -> ThemeInfo | None:
    """The theme that holds at least half of ``anchor`` (the stories an edit was made on), best overlap first."""
    wanted = set(anchor)
    if not wanted:
        return None
    best: tuple[float, int] | None = None
    for theme in result.themes:
        common = len(wanted & set(theme.members))
        if common / len(wanted) < MATCH_SHARE:
            continue
        jaccard = common / len(wanted | set(theme.members))
        if best is None or jaccard > best[0]:
            best = (jaccard, theme.number)
    return result.theme(best[1]) if best else None


def apply_edit(
    result: ThemeResult,
    edit: Mapping[str, Any],
    vectors: Mapping[str, np.ndarray],
    lemmas: Mapping[str, Sequence[str]],
    *,
    seed: int = 0,
) -> bool:
    """Apply one edit in place; False when it no longer fits (e.g. its theme is gone). Edits:

    - ``{"kind": "rename", "anchor": [ids], "label": "..."}``
    - ``{"kind": "merge", "anchors": [[ids], [ids]]}`` (a label given to the first one is kept)
    - ``{"kind": "split", "anchor": [ids]}`` (into two, by seeded k-means)
    - ``{"kind": "move", "story": id, "anchor": [ids of the target theme]}``
    """
    kind = edit.get("kind")
    if kind == "rename":
        theme = match(result, edit.get("anchor", []))
        label = str(edit.get("label", "")).strip()
        if theme is None or not label:
            return False
        theme.label = label
        return True
    if kind == "merge":
        anchors = edit.get("anchors", [])
        themes = [match(result, anchor) for anchor in anchors]
        if len(themes) < 2 or any(t is None for t in themes) or len({t.number for t in themes if t}) < 2:
            return False
        first, *others = [t for t in themes if t]
        members = first.members + [m for t in others for m in t.members]
        result.themes = [t for t in result.themes if t not in others]
        _refresh(result, first, members, vectors, lemmas)
        return True
    if kind == "split":
        theme = match(result, edit.get("anchor", []))
        if theme is None or theme.size < 2:
            return False
        matrix = np.vstack([vectors[m] for m in theme.members])
        halves = clustering.kmeans(matrix, 2, seed)
        if len(set(halves)) < 2:
            return False
        stay = [m for m, h in zip(theme.members, halves, strict=True) if h == halves[0]]
        leave = [m for m, h in zip(theme.members, halves, strict=True) if h != halves[0]]
        new = ThemeInfo(number=max(t.number for t in result.themes) + 1, members=[])
        result.themes.append(new)
        theme.label = ""
        _refresh(result, theme, stay, vectors, lemmas)
        _refresh(result, new, leave, vectors, lemmas)
        return True
    if kind == "move":
        story = edit.get("story")
        target = match(result, [s for s in edit.get("anchor", []) if s != story])
        source = next((t for t in result.themes if story in t.members), None)
        if target is None or source is None or source is target:
            return source is target and source is not None
        remaining = [m for m in source.members if m != story]
        if not remaining:
            result.themes.remove(source)
        else:
            _refresh(result, source, remaining, vectors, lemmas, keep_label=True)
        _refresh(result, target, target.members + [str(story)], vectors, lemmas, keep_label=True)
        return True
    return False


def apply_edits(
    result: ThemeResult,
    edits: Sequence[Mapping[str, Any]],
    vectors: Mapping[str, np.ndarray],
    lemmas: Mapping[str, Sequence[str]],
    *,
    seed: int = 0,
) -> int:
    """Replay edits in order on a new run; returns how many still applied."""
    return sum(apply_edit(result, edit, vectors, lemmas, seed=seed) for edit in edits)


def _refresh(
    result: ThemeResult,
    theme: ThemeInfo,
    members: list[str],
    vectors: Mapping[str, np.ndarray],
    lemmas: Mapping[str, Sequence[str]],
    *,
    keep_label: bool = False,
) -> None:
    """Recompute a theme's order, key words and proposed label after its members changed."""
    others = [m for t in result.themes if t is not theme for m in t.members if m not in members]
    ids = members + others
    labels = np.array([0] * len(members) + [1] * len(others))
    matrix = np.vstack([vectors[i] for i in ids])
    described = describe(ids, labels, matrix, [lemmas.get(i, []) for i in ids])
    inside = described.theme(0)
    renamed = theme.label and theme.label != theme.proposed_label
    theme.members = inside.members
    theme.keywords = inside.keywords
    theme.proposed_label = inside.proposed_label
    if not (keep_label or renamed):
        theme.label = inside.proposed_label
    for story in members:
        result.scores[story] = described.scores[story]


def copy_result(result: ThemeResult) -> ThemeResult:
    """A deep copy (edits change a result in place)."""
    return ThemeResult(
        themes=[replace(t, members=list(t.members), keywords=list(t.keywords)) for t in result.themes],
        scores=dict(result.scores),
    )
