"""Grouping story vectors into themes: seeded k-means, an automatic number of themes, balanced sizes.

Pure NumPy / scikit-learn; the same input and seed always give the same labels.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

MIN_K = 4
MAX_K = 15
MAX_SHARE = 0.5  # no theme may hold more than half of the stories
SILHOUETTE_SAMPLE = 2_000
CHOOSE_SAMPLE = 5_000  # automatic k is chosen on a seeded sample of at most this many stories
GOOD_ENOUGH = 0.95  # automatic k: the smallest k within 95 % of the best silhouette


class ClusteringError(ValueError):
    """The stories cannot be grouped as asked (too few, or k out of range)."""


def k_range(n: int) -> range:
    """The numbers of themes tried automatically for ``n`` stories: 4 to 15, fewer for small sets."""
    upper = min(MAX_K, max(2, round(math.sqrt(n / 2))))
    lower = min(MIN_K, upper)
    return range(lower, upper + 1)


def kmeans(vectors: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Seeded k-means labels (several starts; the best inertia wins)."""
    from sklearn.cluster import KMeans  # on first use, like the rest of scikit-learn (representation.py)

    return KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(vectors).astype(int)


def choose_k(vectors: np.ndarray, seed: int, report: Callable[[int, int], None] | None = None) -> int:
    """The number of themes: the smallest k whose silhouette is within 95 % of the best one.

    Silhouette (cosine) grows slowly with k on text; taking the smallest nearly-best k keeps themes
    few enough to discuss in a workshop. Above ``CHOOSE_SAMPLE`` stories the candidates are tried on a
    seeded sample, so 100,000 stories cost no more than 5,000.
    """
    from sklearn.metrics import silhouette_score

    candidates = list(k_range(len(vectors)))
    rng = np.random.default_rng(seed)
    if len(vectors) > CHOOSE_SAMPLE:
        vectors = vectors[np.sort(rng.choice(len(vectors), CHOOSE_SAMPLE, replace=False))]
    n = len(vectors)
    sample = (
        np.sort(rng.choice(n, SILHOUETTE_SAMPLE, replace=False)) if n > SILHOUETTE_SAMPLE else np.arange(n)
    )
    scores: dict[int, float] = {}
    for i, k in enumerate(candidates):
        labels = kmeans(vectors, k, seed)
        if len(set(labels[sample])) < 2:
            scores[k] = -1.0
        else:
            scores[k] = float(silhouette_score(vectors[sample], labels[sample], metric="cosine"))
        if report:
            report(i + 1, len(candidates))
    best = max(scores.values())
    threshold = best * GOOD_ENOUGH if best > 0 else best
    return min(k for k, score in scores.items() if score >= threshold)


def balance(
    vectors: np.ndarray, labels: np.ndarray, seed: int, *, max_share: float = MAX_SHARE
) -> np.ndarray:
    """Split any theme holding more than ``max_share`` of the stories, then merge the two closest themes.

    The number of themes stays the same; every story keeps a theme (there is no outlier bin). Two
    themes are left as they are: a split and a merge would make three, or undo each other.
    """
    labels = labels.copy()
    if len(np.unique(labels)) < 3:
        return _renumber(labels)
    n = len(labels)
    for _ in range(10):
        sizes = np.bincount(labels)
        largest = int(sizes.argmax())
        if sizes[largest] <= max_share * n or sizes[largest] < 4:
            break
        inside = np.flatnonzero(labels == largest)
        halves = kmeans(vectors[inside], 2, seed)
        if len(set(halves)) < 2:
            break
        new = labels.max() + 1
        labels[inside[halves == 1]] = new
        labels = _merge_closest(vectors, labels, protect={largest, new})
    return _renumber(labels)


def _centroids(vectors: np.ndarray, labels: np.ndarray) -> dict[int, np.ndarray]:
    return {int(c): vectors[labels == c].mean(axis=0) for c in np.unique(labels)}


def _merge_closest(vectors: np.ndarray, labels: np.ndarray, *, protect: set[int]) -> np.ndarray:
    centroids = _centroids(vectors, labels)
    ids = [c for c in centroids if c not in protect]
    if len(ids) < 2:
        return labels
    best: tuple[float, int, int] | None = None
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            distance = float(np.linalg.norm(centroids[a] - centroids[b]))
            if best is None or distance < best[0]:
                best = (distance, a, b)
    assert best is not None  # noqa: S101 - at least two themes were compared
    labels = labels.copy()
    labels[labels == best[2]] = best[1]
    return labels


def _renumber(labels: np.ndarray) -> np.ndarray:
    """Themes numbered 0.. by decreasing size (ties: by first story), so numbers are stable."""
    order = sorted(np.unique(labels), key=lambda c: (-int((labels == c).sum()), int(np.argmax(labels == c))))
    mapping = {int(old): new for new, old in enumerate(order)}
    return np.array([mapping[int(x)] for x in labels], dtype=int)


def cluster(
    vectors: np.ndarray,
    *,
    k: int | None = None,
    seed: int = 0,
    report: Callable[[int, int], None] | None = None,
) -> np.ndarray:
    """Theme numbers (0 = largest) for each row of ``vectors``; k chosen automatically when None."""
    n = len(vectors)
    if n < 2:
        raise ClusteringError("at least two stories are needed to find themes")
    if k is not None and not 1 <= k <= n:
        raise ClusteringError(f"the number of themes must be between 1 and the number of stories ({n})")
    distinct = len(np.unique(np.round(vectors, 6), axis=0))
    if k is None:
        k = choose_k(vectors, seed, report) if distinct >= 2 else 1
    k = min(k, distinct)
    if k <= 1:
        return np.zeros(n, dtype=int)
    return balance(vectors, kmeans(vectors, k, seed), seed)
