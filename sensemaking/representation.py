"""How stories are represented for theme discovery, pluggable.

A representation has two steps. ``prepare`` turns one text into bytes that depend on that text only,
so they are computed once per story and stored (``StoryRepresentation``) or cached by text, and every
later run reuses them. ``matrix`` turns the prepared bytes of a set of stories into one dense row per
story, L2-normalised, ready for clustering.

The built-in ``LemmaRepresentation`` needs no model download: content lemmas (spaCy lookup tables),
TF-IDF over the lemmas and over their character n-grams (which catches Dutch compounds such as
*wachtlijst* / *wachttijd*), reduced with LSA (truncated SVD). A region can plug in a representation of
its own, e.g. sentence embeddings from a model it hosts, with ``THEME_REPRESENTATION = "pkg.mod:factory"``:
``factory(lang)`` returns an object with ``kind``, ``prepare`` and ``matrix``.
"""

from __future__ import annotations

import hashlib
import importlib
import math
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
from scipy.sparse import hstack
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from sensemaking.language import content_lemmas

Progress = Callable[[int, int], None]
FIT_SAMPLE = 5_000  # the vocabulary and LSA axes are learnt from at most this many stories
BATCH = 2_000
WORD_TOKENS = r"\S+"  # prepared text is already split into lemmas


class Representation(Protocol):
    """What theme discovery needs from a story representation."""

    kind: str

    def prepare(self, texts: Sequence[str]) -> list[bytes]:
        """Per text, bytes that depend on that text only (stored or cached, reused by every run)."""
        ...

    def matrix(self, prepared: Sequence[bytes], *, seed: int = 0) -> np.ndarray:
        """One L2-normalised row per story."""
        ...


def text_hash(kind: str, text: str) -> str:
    """The cache key of ``text`` under a representation ``kind``."""
    return hashlib.sha256(f"{kind}\x00{text}".encode()).hexdigest()


def lemma_words(prepared: bytes) -> list[str]:
    """The content lemmas stored by ``LemmaRepresentation.prepare``."""
    return prepared.decode("utf-8").split()


class LemmaRepresentation:
    """Content lemmas, TF-IDF over words and character n-grams, reduced by LSA."""

    def __init__(self, lang: str = "nl", *, components: int | None = None) -> None:
        self.lang = lang
        self.kind = f"lemmas-{lang}-v2"  # bump when lemmas or stop words change
        self.components = components

    def prepare(self, texts: Sequence[str]) -> list[bytes]:
        """The content lemmas of each text, space-separated."""
        return [" ".join(lemmas).encode("utf-8") for lemmas in content_lemmas(texts, self.lang)]

    def matrix(self, prepared: Sequence[bytes], *, seed: int = 0) -> np.ndarray:
        """TF-IDF (lemmas + their 3-5 character n-grams) → LSA → unit rows.

        Vectoriser and SVD are fitted on a seeded sample of at most ``FIT_SAMPLE`` stories and applied to
        all stories in batches, so memory stays bounded at 100,000 stories.
        """
        docs = [p.decode("utf-8") for p in prepared]
        n = len(docs)
        rng = np.random.default_rng(seed)
        sample = (
            docs if n <= FIT_SAMPLE else [docs[i] for i in sorted(rng.choice(n, FIT_SAMPLE, replace=False))]
        )
        min_df = 2 if len(sample) >= 20 else 1
        words = TfidfVectorizer(sublinear_tf=True, min_df=min_df, max_df=0.5, token_pattern=WORD_TOKENS)
        chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=min_df, max_df=0.5
        )
        try:
            fitted = hstack([words.fit_transform(sample), chars.fit_transform(sample)]).tocsr()
        except ValueError:  # no content words at all (e.g. every story is empty or only stop words)
            return np.zeros((n, 1))
        components = self.components or min(100, max(10, round(math.sqrt(len(sample)))))
        components = min(components, fitted.shape[1] - 1, len(sample) - 1)
        if components < 1:
            return normalize(fitted.toarray()) if n == len(sample) else np.zeros((n, 1))
        svd = TruncatedSVD(components, random_state=seed).fit(fitted)
        rows = []
        for start in range(0, n, BATCH):
            batch = docs[start : start + BATCH]
            sparse = hstack([words.transform(batch), chars.transform(batch)]).tocsr()
            rows.append(svd.transform(sparse))
        return normalize(np.vstack(rows)).astype(np.float32)


def load(spec: str, lang: str = "nl") -> Representation:
    """The representation named by ``spec``: ``"lemmas"`` or ``"package.module:factory"``."""
    if spec in ("", "lemmas"):
        return LemmaRepresentation(lang)
    module_name, _, attribute = spec.partition(":")
    if not attribute:
        raise ValueError(f"THEME_REPRESENTATION must be 'lemmas' or 'module:factory', got {spec!r}")
    factory = getattr(importlib.import_module(module_name), attribute)
    representation: Representation = factory(lang)
    return representation
