"""Words and lemmas of story text: spaCy's blank Dutch (or English) pipeline with lookup lemmas.

No pretrained model is needed: ``spacy-lookups-data`` ships the lemma tables.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib.metadata import version
from typing import Any

LANGUAGES = ("nl", "en")
MIN_LENGTH = 3
# Words that say nothing about what a story is about, beyond spaCy's stop words.
EXTRA_STOP_WORDS = {
    "nl": set(
        """gaan gaat komen zeggen krijgen maken gemaakt heel echt even gewoon keer soms weet weten willen
        zien denken vinden staan sta zitten zit hoor horen blijven goed nieuwe nieuw iedereen gegaan dag jaar
        week één een twee drie vier vijf zes zeven acht negen tien eerste tweede laatste mensen""".split()
    ),
    "en": set("get got go going say said really just time".split()),
}


def signature(lang: str = "nl") -> str:
    """A short fingerprint of how lemmas are made (spaCy version, our stop words, minimum length):
    stored lemmas made another way are recomputed, never mixed."""
    basis = f"{version('spacy')}|{MIN_LENGTH}|{' '.join(sorted(EXTRA_STOP_WORDS[lang]))}"
    return hashlib.sha256(basis.encode()).hexdigest()[:8]


@lru_cache(maxsize=2)
def pipeline(lang: str = "nl") -> Any:
    """The blank spaCy pipeline for ``lang`` with a lookup lemmatizer (built once per process)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, got {lang!r}")
    import spacy  # imported on first use: the web app and most commands never need it (about a second)

    nlp = spacy.blank(lang)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


@lru_cache(maxsize=2)
def stop_words(lang: str = "nl") -> frozenset[str]:
    """spaCy's stop words for ``lang`` plus our own, lower case."""
    return frozenset(pipeline(lang).Defaults.stop_words) | EXTRA_STOP_WORDS[lang]


def content_lemmas(texts: Iterable[str], lang: str = "nl", *, batch_size: int = 256) -> Iterator[list[str]]:
    """Per text, the lower-case lemmas of its content words (no stop words, numbers or short words)."""
    stops = stop_words(lang)
    for doc in pipeline(lang).pipe(texts, batch_size=batch_size):
        lemmas = []
        for token in doc:
            if not token.is_alpha or len(token) < MIN_LENGTH:
                continue
            lemma = (token.lemma_ or token.text).lower()
            if token.lower_ in stops or lemma in stops or len(lemma) < MIN_LENGTH:
                continue
            lemmas.append(lemma)
        yield lemmas
