"""Quantile scores 1..n for the RFM metrics (semantics: DESIGN §4, *RFM scores*)."""

from __future__ import annotations

import numpy as np

# The cuts use exact integer index arithmetic (the virtual index (n - 1) * k / n_bins split
# with divmod) and np.partition instead of a full sort; they equal numpy's "linear" quantiles
# up to the last bit, and a cut that falls on a data point is that data point exactly.

__all__ = ["quantile_cuts", "quantile_scores", "scores_from_cuts"]


def _check_bins(n_bins: int) -> None:
    if isinstance(n_bins, bool) or not isinstance(n_bins, int | np.integer) or n_bins < 1:
        raise ValueError(f"n_bins must be a positive integer, got {n_bins!r}")
    if n_bins > 127:
        raise ValueError(f"scores are int8: n_bins must be <= 127, got {n_bins}")


def quantile_cuts(values: np.ndarray, n_bins: int = 5) -> np.ndarray:
    """The ``n_bins - 1`` cut points (``float64``, non-decreasing) of ``values``.

    Cut ``k - 1`` is the linear quantile at ``k / n_bins``. An empty input gives an empty
    array.
    """
    _check_bins(n_bins)
    data = np.asarray(values, dtype=np.float64).ravel()
    n = len(data)
    if n == 0:
        return np.zeros(0)
    if np.isnan(data).any():
        raise ValueError("cannot score NaN values")
    if n_bins == 1:
        return np.zeros(0)
    whole, frac = zip(*(divmod((n - 1) * k, n_bins) for k in range(1, n_bins)), strict=True)
    lower = np.asarray(whole, dtype=np.intp)
    upper = np.minimum(lower + 1, n - 1)
    kth = np.unique(np.concatenate([lower, upper]))
    part = np.partition(data, kth)
    a, b = part[lower], part[upper]
    t = np.asarray(frac, dtype=np.float64) / n_bins
    # numpy's _lerp: interpolate from the nearer end, so t = 0 gives a and the result stays
    # within [a, b].
    diff = b - a
    cuts = np.where(t >= 0.5, b - diff * (1.0 - t), a + diff * t)
    return np.maximum.accumulate(cuts)


def scores_from_cuts(
    values: np.ndarray, cuts: np.ndarray, n_bins: int, higher_is_better: bool = True
) -> np.ndarray:
    """``int8`` scores 1..n_bins: ``1 + #(cuts < v)``, or ``n_bins - #(cuts < v)``."""
    _check_bins(n_bins)
    cut_array = np.asarray(cuts, dtype=np.float64)
    if cut_array.ndim != 1 or len(cut_array) > n_bins - 1:
        raise ValueError(f"expected at most {n_bins - 1} cuts, got shape {cut_array.shape}")
    if np.any(cut_array[1:] < cut_array[:-1]):
        raise ValueError("cuts must be non-decreasing")
    data = np.asarray(values, dtype=np.float64)
    if len(cut_array) <= 16:
        # a few vector comparisons beat a binary search per value
        below = np.zeros(data.shape, dtype=np.int8)
        for cut in cut_array.tolist():
            below += data > cut
    else:
        below = np.searchsorted(cut_array, data, side="left").astype(np.int8)
    return (below + 1) if higher_is_better else (np.int8(n_bins) - below)


def quantile_scores(
    values: np.ndarray,
    n_bins: int = 5,
    higher_is_better: bool = True,
    mask: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Scores of ``values`` by the cuts of the scored population ``values[mask]``.

    Returns ``(scores, cuts)``: ``int8`` scores, 0 outside ``mask``, and the cuts used
    (``scores_from_cuts(values, cuts, ...)`` reproduces the scores inside ``mask``).
    """
    data = np.asarray(values, dtype=np.float64)
    if mask is None:
        cuts = quantile_cuts(data, n_bins)
        return scores_from_cuts(data, cuts, n_bins, higher_is_better), cuts
    keep = np.asarray(mask, dtype=bool)
    if keep.shape != data.shape:
        raise ValueError(f"mask {keep.shape} and values {data.shape} differ in shape")
    cuts = quantile_cuts(data[keep], n_bins)
    scores = scores_from_cuts(data, cuts, n_bins, higher_is_better)
    scores *= keep
    return scores, cuts
