"""ABC (Pareto) classes of clients by revenue or margin (semantics: DESIGN §4, *ABC*).

Only the clients with a positive value are ranked (the clients who bought in the window,
with a positive margin when ranking on margin); the others have no class (-1, shown
"sans CA"). Shares are over the ranked clients."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np

# The kernel sorts the positive values once, computes the class at each sorted position and
# turns it into one value threshold per class, so classifying the clients is a few vector
# comparisons, with no per-client gather.

__all__ = ["AbcBasis", "AbcMeasure", "abc_classes", "abc_thresholds", "abc_values",
           "class_summary", "pareto_curve"]

AbcBasis = Literal["revenue", "clients"]
AbcMeasure = Literal["revenue", "margin"]


def abc_values(revenue: np.ndarray, margin: np.ndarray | None,
               measure: AbcMeasure | str = "revenue") -> np.ndarray:
    """The value each client is ranked on: its net revenue in the window, or with
    ``measure="margin"`` its gross margin in the window for the clients active in it
    (revenue > 0) and 0 for the others. Only positive values are ranked, so with margin
    the ranked clients are the active ones with a positive margin."""
    revenue = np.asarray(revenue, dtype=np.float64)
    if measure == "revenue":
        return revenue
    if measure != "margin":
        raise ValueError(f"unknown ABC measure {measure!r} (expected 'revenue' or 'margin')")
    if margin is None:
        raise ValueError("ABC on margin needs a margin per client")
    return np.where(revenue > 0, np.asarray(margin, dtype=np.float64), 0.0)


def _check_cuts(cuts: Sequence[float]) -> np.ndarray:
    array = np.asarray(cuts, dtype=np.float64)
    if array.ndim != 1 or np.any(np.diff(array) < 0) or np.any(np.isnan(array)):
        raise ValueError(f"ABC cuts must be a non-decreasing sequence, got {list(cuts)!r}")
    return array


def abc_thresholds(
    values: np.ndarray, cuts: Sequence[float] = (0.80, 0.95), basis: AbcBasis = "revenue"
) -> np.ndarray:
    """Smallest value of each class ``0 .. len(cuts) - 1`` (``+inf`` when a class is empty).

    A client with value ``v > 0`` is in class ``#{k : v < thresholds[k]}``; with basis
    ``clients`` the client shares are over the ranked (positive) clients only.
    """
    cut_array = _check_cuts(cuts)
    if basis not in ("revenue", "clients"):
        raise ValueError(f"unknown ABC basis {basis!r} (expected 'revenue' or 'clients')")
    values = np.asarray(values, dtype=np.float64)
    thresholds = np.full(len(cut_array), np.inf)
    ranked = np.sort(values[values > 0])[::-1]
    if len(ranked) == 0:
        return thresholds
    cumulative = np.cumsum(ranked)
    total = cumulative[-1]
    # Position of each tie group's first member, for every sorted position.
    first = np.flatnonzero(np.concatenate([[True], ranked[1:] != ranked[:-1]]))
    group_start = np.repeat(first, np.diff(np.append(first, len(ranked))))
    if basis == "revenue":
        before = np.concatenate([[0.0], cumulative[:-1]])[group_start]
        share_before = before / total
    else:
        share_before = group_start / len(ranked)
    klass = np.searchsorted(cut_array, share_before, side="right")
    # klass is non-decreasing along the ranking; the last position with class <= k holds
    # the smallest value of classes 0..k.
    last_at_most = np.searchsorted(klass, np.arange(len(cut_array)), side="right") - 1
    present = last_at_most >= 0
    thresholds[present] = ranked[last_at_most[present]]
    return thresholds


def abc_classes(
    values: np.ndarray, cuts: Sequence[float] = (0.80, 0.95), basis: AbcBasis = "revenue"
) -> np.ndarray:
    """ABC class of each client: ``int8`` in ``0 .. len(cuts)`` (0 = A, ``len(cuts)`` = last),
    ``-1`` for a value ``<= 0`` (not ranked: no class).

    See DESIGN §4 (ABC) for the exact rule (share before the client, ties together).
    """
    values = np.asarray(values, dtype=np.float64)
    thresholds = abc_thresholds(values, cuts, basis)
    classes = np.full(values.shape, -1, dtype=np.int8)
    positive = values > 0
    if np.any(positive):
        # Class k holds thresholds[k] <= v < thresholds[k - 1]; count thresholds above v.
        classes[positive] = 0
        for threshold in thresholds:
            classes += positive & (values < threshold)
    return classes


def class_summary(
    classes: np.ndarray, values: np.ndarray, n_classes: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per class: client counts, client shares, value sums and value shares.

    Shares are fractions of the number of clients and of the total value; they are 0 when
    that total is 0 (no clients, or values summing to 0).
    """
    classes = np.asarray(classes)
    values = np.asarray(values, dtype=np.float64)
    if classes.shape != values.shape:
        raise ValueError(f"classes {classes.shape} and values {values.shape} differ in shape")
    if len(classes) and (int(classes.min()) < 0 or int(classes.max()) >= n_classes):
        raise ValueError(f"class indices must lie in 0..{n_classes - 1}")
    index = classes.astype(np.intp)
    counts = np.bincount(index, minlength=n_classes).astype(np.int64)
    sums = np.bincount(index, weights=values, minlength=n_classes)
    n = int(counts.sum())
    client_shares = counts / n if n else np.zeros(n_classes)
    total = float(sums.sum())
    value_shares = sums / total if total != 0 else np.zeros(n_classes)
    return counts, client_shares, sums, value_shares


def pareto_curve(values: np.ndarray, points: int = 101) -> tuple[np.ndarray, np.ndarray]:
    """Pareto (concentration) curve for charts: ``(client_share, revenue_share)``.

    ``client_share`` is ``points`` evenly spaced fractions 0..1 of the clients ranked by
    value, descending; ``revenue_share`` is the cumulative share of the positive total held
    by that top fraction (linear between clients). Only the positive values are ranked, as
    for the ABC classes: the client shares are over them. All zeros when there is no
    positive value.
    """
    if points < 2:
        raise ValueError(f"a curve needs at least 2 points, got {points}")
    values = np.asarray(values, dtype=np.float64)
    x = np.linspace(0.0, 1.0, points)
    positive = np.sort(values[values > 0])[::-1]
    if len(positive) == 0:
        return x, np.zeros(points)
    cumulative = np.concatenate([[0.0], np.cumsum(positive)])
    total = cumulative[-1]
    client_share = np.arange(len(positive) + 1) / len(positive)
    y = np.interp(x, client_share, cumulative / total)
    return x, np.minimum(y, 1.0)
