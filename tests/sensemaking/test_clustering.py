"""Grouping vectors into themes: the k candidates, automatic k, balanced sizes, no story left out.

(And the character n-grams that the vectors are made of.)
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import adjusted_rand_score
from sklearn.preprocessing import normalize

from sensemaking import clustering, representation
from sensemaking.clustering import ClusteringError


def blobs(
    sizes: list[int], *, dims: int = 12, spread: float = 0.05, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors around ``len(sizes)`` clearly separated centres, and the true group of each."""
    rng = np.random.default_rng(seed)
    centres = np.eye(dims)[: len(sizes)] * 1.0
    groups = np.repeat(np.arange(len(sizes)), sizes)
    points = centres[groups] + rng.normal(scale=spread, size=(len(groups), dims))
    return normalize(points).astype(np.float32), groups


@pytest.mark.parametrize(
    ("n", "expected"),
    [(2, range(2, 3)), (10, range(2, 3)), (32, range(4, 5)), (50, range(4, 6)), (200, range(4, 11))],
)
def test_k_range_grows_with_the_number_of_stories(n: int, expected: range) -> None:
    assert clustering.k_range(n) == expected


@pytest.mark.parametrize("n", [1_000, 10_000, 100_000])
def test_k_range_is_4_to_15_for_large_sets(n: int) -> None:
    assert clustering.k_range(n) == range(4, 16)


@pytest.mark.parametrize("true_k", [4, 6, 9])
def test_choose_k_finds_clearly_separated_groups(true_k: int) -> None:
    vectors, _ = blobs([30] * true_k)
    assert clustering.choose_k(vectors, seed=0) == true_k


def test_choose_k_reports_progress() -> None:
    vectors, _ = blobs([30] * 5)
    calls: list[tuple[int, int]] = []
    clustering.choose_k(vectors, seed=0, report=lambda done, total: calls.append((done, total)))
    total = len(clustering.k_range(len(vectors)))
    assert calls == [(i, total) for i in range(1, total + 1)]


def test_cluster_recovers_the_groups_with_automatic_k() -> None:
    vectors, groups = blobs([25, 40, 30, 35, 20])
    labels = clustering.cluster(vectors, seed=3)
    assert len(set(labels)) == 5
    assert adjusted_rand_score(groups, labels) == pytest.approx(1.0)


def test_balance_keeps_every_theme_at_most_half() -> None:
    # One group holds 80 % of the stories (in two sub-groups), labelled as a single theme.
    vectors, groups = blobs([90, 70, 15, 15, 10], spread=0.1)
    labels = np.where(groups <= 1, 0, groups - 1)
    assert np.bincount(labels).max() > 0.5 * len(labels)
    balanced = clustering.balance(vectors, labels, seed=0)
    sizes = np.bincount(balanced)
    assert sizes.max() <= 0.5 * len(labels)
    assert len(sizes) == len(set(labels))  # the number of themes stays the same
    assert (sizes > 0).all()


def test_balance_leaves_a_balanced_assignment_alone() -> None:
    vectors, groups = blobs([30, 30, 30])
    assert adjusted_rand_score(groups, clustering.balance(vectors, groups, seed=0)) == 1.0


def test_cluster_never_leaves_a_story_without_a_theme() -> None:
    rng = np.random.default_rng(7)
    vectors = normalize(rng.normal(size=(300, 20))).astype(np.float32)  # no structure at all
    for k in (None, 2, 7):
        labels = clustering.cluster(vectors, k=k, seed=1)
        assert len(labels) == 300 and labels.min() == 0
        sizes = np.bincount(labels)
        assert (sizes > 0).all()  # numbered 0..k-1 without gaps, no empty or outlier theme
        assert list(sizes) == sorted(sizes, reverse=True)  # theme 0 is the largest
        if k is not None:
            assert len(sizes) == k  # the facilitator's k is kept, also k=2
        if k != 2:  # two themes cannot always be balanced without moving stories against their content
            assert sizes.max() <= 150


def test_cluster_is_deterministic_for_a_seed() -> None:
    rng = np.random.default_rng(1)
    vectors = normalize(rng.normal(size=(200, 10))).astype(np.float32)
    first = clustering.cluster(vectors, seed=5)
    assert np.array_equal(first, clustering.cluster(vectors, seed=5))


def test_identical_vectors_form_one_theme() -> None:
    vectors = np.ones((12, 4), dtype=np.float32) / 2
    assert list(clustering.cluster(vectors, seed=0)) == [0] * 12
    assert list(clustering.cluster(vectors, k=3, seed=0)) == [0] * 12  # k is capped at the distinct stories


def test_k_is_capped_at_the_number_of_distinct_stories() -> None:
    vectors = np.repeat(np.eye(3, dtype=np.float32), 4, axis=0)
    labels = clustering.cluster(vectors, k=5, seed=0)
    assert len(set(labels)) == 3


@pytest.mark.parametrize(
    ("rows", "k", "message"),
    [
        (0, None, "at least two stories"),
        (1, None, "at least two stories"),
        (5, 0, "between 1 and the number of stories (5)"),
        (5, 6, "between 1 and the number of stories (5)"),
    ],
)
def test_errors_say_what_is_wrong(rows: int, k: int | None, message: str) -> None:
    vectors = np.eye(max(rows, 1), 6, dtype=np.float32)[:rows]
    with pytest.raises(ClusteringError) as error:
        clustering.cluster(vectors, k=k, seed=0)
    assert message in str(error.value)


def test_choose_k_on_a_sample_of_a_large_set() -> None:
    vectors, _ = blobs([1_100] * 5, spread=0.08)  # more than CHOOSE_SAMPLE stories
    assert len(vectors) > clustering.CHOOSE_SAMPLE
    assert clustering.choose_k(vectors, seed=2) == 5
    labels = clustering.cluster(vectors, seed=2)
    assert len(labels) == len(vectors) and np.bincount(labels).tolist() == [1_100] * 5


def test_the_fast_character_ngrams_equal_scikit_learns() -> None:
    """The representation counts n-grams per distinct lemma; the numbers must be ``char_wb``'s."""
    docs = [
        "wachtlijst hulp wachttijd",
        "ai school mentor school",
        "jeugd-ggz wachtlijst x",
        "école naïef ok",
    ]
    reference = CountVectorizer(analyzer="char_wb", ngram_range=representation.CHAR_NGRAMS).fit(docs)
    words = CountVectorizer(token_pattern=representation.WORD_TOKENS).fit(docs)
    grams = representation._char_ngrams(words.get_feature_names_out())
    fast = words.transform(docs) @ grams
    assert fast.shape[1] == len(reference.vocabulary_)
    assert (fast != reference.transform(docs)).nnz == 0
