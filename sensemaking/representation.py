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
from scipy.sparse import csr_matrix, hstack

from sensemaking.language import content_lemmas, signature

Progress = Callable[[int, int], None]
FIT_SAMPLE = 5_000  # the vocabulary and LSA axes are learnt from at most this many stories
BATCH = 2_000
WORD_TOKENS = r"\S+"  # prepared text is already split into lemmas
CHAR_NGRAMS = (3, 5)
MAX_DF = 0.5


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
        self.kind = f"lemmas-{lang}-{signature(lang)}"
        self.components = components

    def prepare(self, texts: Sequence[str]) -> list[bytes]:
        """The content lemmas of each text, space-separated."""
        return [" ".join(lemmas).encode("utf-8") for lemmas in content_lemmas(texts, self.lang)]

    def matrix(self, prepared: Sequence[bytes], *, seed: int = 0) -> np.ndarray:
        """TF-IDF (lemmas + their 3-5 character n-grams) → LSA → unit rows.

        Vectoriser and SVD are fitted on a seeded sample of at most ``FIT_SAMPLE`` stories and applied to
        all stories in batches, so memory stays bounded at 100,000 stories. The n-grams are counted once
        per distinct lemma, not per occurrence: the same numbers as scikit-learn's ``char_wb`` analyser
        on the lemma text, many times faster.
        """
        # scikit-learn is imported on first use: the web app and most commands never need it (seconds).
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
        from sklearn.preprocessing import normalize

        docs = [p.decode("utf-8") for p in prepared]
        n = len(docs)
        rng = np.random.default_rng(seed)
        sample = np.arange(n) if n <= FIT_SAMPLE else np.sort(rng.choice(n, FIT_SAMPLE, replace=False))
        min_df = 2 if len(sample) >= 20 else 1
        try:
            counter = CountVectorizer(token_pattern=WORD_TOKENS, dtype=np.float64)
            counts = counter.fit_transform(docs).tocsr()
        except ValueError:  # no content words at all (e.g. every story is empty or only stop words)
            return np.zeros((n, 1))
        grams = _char_ngrams(counter.get_feature_names_out())
        fitted_counts = counts[sample]
        words = _kept(fitted_counts, min_df)
        fitted_grams = fitted_counts @ grams
        chars = _kept(fitted_grams, min_df)
        if not len(words) or not len(chars):
            return np.zeros((n, 1))
        grams = grams[:, chars].tocsr()
        word_weights = TfidfTransformer(sublinear_tf=True).fit(fitted_counts[:, words])
        char_weights = TfidfTransformer(sublinear_tf=True).fit(fitted_grams[:, chars])

        def tfidf(rows: csr_matrix) -> csr_matrix:
            chars_of_rows = rows @ grams
            chars_of_rows.sort_indices()
            return hstack(
                [word_weights.transform(rows[:, words]), char_weights.transform(chars_of_rows)]
            ).tocsr()

        fitted = tfidf(fitted_counts)
        components = self.components or min(100, max(10, round(math.sqrt(len(sample)))))
        components = min(components, fitted.shape[1] - 1, len(sample) - 1)
        if components < 1:
            return normalize(fitted.toarray()) if n == len(sample) else np.zeros((n, 1))
        svd = TruncatedSVD(components, random_state=seed).fit(fitted)
        rows = [svd.transform(tfidf(counts[start : start + BATCH])) for start in range(0, n, BATCH)]
        return normalize(np.vstack(rows)).astype(np.float32)


def _kept(counts: csr_matrix, min_df: int) -> np.ndarray:
    """Columns in at least ``min_df`` and at most ``MAX_DF`` of the rows, as ``TfidfVectorizer`` keeps them."""
    df = np.diff((counts > 0).tocsc().indptr)
    return np.flatnonzero((df >= min_df) & (df <= MAX_DF * counts.shape[0]))


def _char_ngrams(words: Sequence[str]) -> csr_matrix:
    """Word × n-gram counts, n-grams in alphabetical order, as scikit-learn's ``char_wb`` analyser makes them."""
    low, high = CHAR_NGRAMS
    per_word: list[list[str]] = []
    for word in words:
        padded, grams = f" {word} ", []
        for size in range(low, high + 1):
            offset = 0
            grams.append(padded[offset : offset + size])
            while offset + size < len(padded):
                offset += 1
                grams.append(padded[offset : offset + size])
            if offset == 0:  # a word shorter than the n-gram counts once
                break
        per_word.append(grams)
    names = sorted({gram for grams in per_word for gram in grams})
    column = {gram: i for i, gram in enumerate(names)}
    indptr = np.cumsum([0] + [len(grams) for grams in per_word])
    indices = np.fromiter((column[g] for grams in per_word for g in grams), dtype=np.int64, count=indptr[-1])
    matrix = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(per_word), len(names)))
    matrix.sum_duplicates()
    return matrix


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
