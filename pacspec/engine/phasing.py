"""Phasing (DESIGN §5): the share p(d) ∈ [0, 1] of a year's value expected by a date, by
last year's profile (seasonal), by days (linear) or by declared monthly weights."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from pacspec.calendar import to_day
from pacspec.reasons import Reason

__all__ = ["MIN_ORDERS", "Profile", "linear", "monthly", "one_year_back", "seasonal"]

ProfileKind = Literal["seasonal", "linear", "monthly", "target"]

MIN_ORDERS = 30
"""Below this many orders in N−1 full, a scope's own profile is too thin to be used."""


def one_year_back(d: dt.date) -> dt.date:
    """The same calendar day a year earlier (29 February → 28 February)."""
    try:
        return d.replace(year=d.year - 1)
    except ValueError:
        return d.replace(year=d.year - 1, day=28)


@dataclass(frozen=True)
class Profile:
    """A phasing profile over the plan: ``shares[k]`` is the share expected after ``k`` days
    of the plan (``shares[0] = 0``, ``shares[-1] = 1``), and why this profile was chosen."""

    kind: ProfileKind
    start: dt.date
    shares: np.ndarray
    reason: Reason | None = None
    """Why this profile (a fallback, no history), or None."""

    def at(self, d: dt.date) -> float:
        """p(d): the share expected by the end of day ``d`` (clamped to [0, 1])."""
        k = (d - self.start).days + 1
        k = min(max(k, 0), len(self.shares) - 1)
        return float(min(max(self.shares[k], 0.0), 1.0))

    def before(self, d: dt.date) -> float:
        """The share expected by the end of the day before ``d``."""
        return self.at(d - dt.timedelta(days=1))


def _plan_days(start: dt.date, end: dt.date) -> int:
    return (end - start).days + 1


def linear(start: dt.date, end: dt.date, reason: Reason | None = None) -> Profile:
    """p = days elapsed ÷ days in the plan."""
    n = _plan_days(start, end)
    return Profile("linear", start, np.arange(n + 1, dtype=np.float64) / n, reason)


def monthly(start: dt.date, end: dt.date, weights: Sequence[float]) -> Profile:
    """Declared weights of the calendar months (January first), linear inside each month,
    normalised over the plan's days."""
    n = _plan_days(start, end)
    daily = np.empty(n, dtype=np.float64)
    for k in range(n):
        d = start + dt.timedelta(days=k)
        nxt = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        days_in_month = (nxt - d.replace(day=1)).days
        daily[k] = weights[d.month - 1] / days_in_month
    total = float(daily.sum())
    if total <= 0:
        return linear(start, end, Reason("phasing_weights_zero"))
    return Profile("monthly", start, np.concatenate([[0.0], np.cumsum(daily) / total]))


def seasonal(start: dt.date, end: dt.date, day: np.ndarray, value: np.ndarray
             ) -> tuple[Profile | None, float]:
    """Last year's profile of a measure given per line (``day``, ``value``): p(d) = value(N−1
    to date) ÷ value(N−1 full), N−1 full being ``[start − 1 year, start)``. Returns the
    profile (None when the N−1 total is ≤ 0) and that total."""
    first = one_year_back(start)
    d0, d1 = to_day(first), to_day(start)
    inside = (day >= d0) & (day < d1)
    daily = np.bincount((day[inside] - d0).astype(np.int64), weights=value[inside],
                        minlength=d1 - d0)
    cum = np.concatenate([[0.0], np.cumsum(daily)])
    total = float(cum[-1])
    if total <= 0:
        return None, total
    n = _plan_days(start, end)
    shares = np.ones(n + 1, dtype=np.float64)
    shares[0] = 0.0
    back = _days_back(start, n)  # plan day k (1..n): its day a year back, into cum
    beyond = np.flatnonzero(back >= len(cum))
    known = int(beyond[0]) if beyond.size else n  # from there on: the whole of N-1
    shares[1 : known + 1] = cum[np.maximum(back[:known], 0)] / total
    return Profile("seasonal", start, shares), total


@functools.lru_cache(maxsize=32)
def _days_back(start: dt.date, n: int) -> np.ndarray:
    """For plan days 1..n from ``start``: the position in the N−1 cumulative sums
    (``[start − 1 year, start)``, position 0 before its first day) of the same day a year
    back; the same for every measure and scope of a plan (read-only)."""
    d0 = to_day(one_year_back(start))
    out = np.array([to_day(one_year_back(start + dt.timedelta(days=k - 1))) - d0 + 1
                    for k in range(1, n + 1)], dtype=np.int64)
    out.flags.writeable = False
    return out
