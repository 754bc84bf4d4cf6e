"""Calendar periods for the RFM code: ``count + 1`` ascending day-number edges, and labels."""

from __future__ import annotations

import datetime
from typing import Final, Literal

import numpy as np

from pacspec.calendar import from_day, month_index, month_start, to_day

__all__ = ["MONTHS_PER_UNIT", "PeriodUnit", "period_edges", "period_labels"]

PeriodUnit = Literal["month", "quarter", "half", "year"]

MONTHS_PER_UNIT: Final[dict[str, int]] = {"month": 1, "quarter": 3, "half": 6, "year": 12}
"""Length of each period unit in calendar months."""


def _unit_months(unit: str) -> int:
    try:
        return MONTHS_PER_UNIT[unit]
    except KeyError:
        known = ", ".join(MONTHS_PER_UNIT)
        raise ValueError(f"unknown period unit {unit!r} (expected one of: {known})") from None


def period_edges(
    as_of: datetime.date, unit: PeriodUnit, count: int, include_current: bool = False
) -> np.ndarray:
    """Edges (``int64`` days, length ``count + 1``, ascending) of ``count`` calendar periods.

    The last period is the last one that is complete at ``as_of``, i.e. whose exclusive end
    is on or before ``as_of + 1 day`` (so with ``as_of = 2025-12-31`` the last quarter is
    Q4 2025, with ``as_of = 2025-12-30`` it is Q3 2025). With ``include_current`` the last
    period is the one containing ``as_of``, complete or not.
    """
    if isinstance(as_of, datetime.datetime):
        as_of = as_of.date()
    step = _unit_months(unit)
    if isinstance(count, bool) or not isinstance(count, int | np.integer) or count < 1:
        raise ValueError(f"period count must be a positive integer, got {count!r}")
    current_start = (month_index(as_of) // step) * step
    current_end = current_start + step
    complete = to_day(month_start(current_end)) <= to_day(as_of) + 1
    end = current_end if include_current or complete else current_start
    return np.array(
        [to_day(month_start(end - step * k)) for k in range(int(count), -1, -1)], dtype=np.int64
    )


_LABELS: Final[dict[str, dict[str, str]]] = {
    "fr": {"quarter": "T{n} {year}", "half": "S{n} {year}"},
    "en": {"quarter": "Q{n} {year}", "half": "H{n} {year}"},
}


def _language(locale: str) -> str:
    language = locale.replace("-", "_").split("_", 1)[0].lower()
    if language not in _LABELS:
        raise ValueError(f"unsupported locale {locale!r} (expected 'fr' or 'en')")
    return language


def period_labels(edges: np.ndarray, unit: PeriodUnit, locale: str = "fr") -> list[str]:
    """One label per period, named after its first day.

    ``quarter``: ``"T1 2025"`` (fr) / ``"Q1 2025"`` (en); ``month``: ``"2025-03"``;
    ``half``: ``"S1 2025"`` / ``"H1 2025"``; ``year``: ``"2025"``. ``locale`` may carry a
    region (``"fr_FR"``, ``"en-GB"``).
    """
    step = _unit_months(unit)
    templates = _LABELS[_language(locale)]
    labels: list[str] = []
    for day in np.asarray(edges, dtype=np.int64)[:-1].tolist():
        start = from_day(day)
        if unit == "month":
            labels.append(f"{start.year:04d}-{start.month:02d}")
        elif unit == "year":
            labels.append(f"{start.year:04d}")
        else:
            n = (start.month - 1) // step + 1
            labels.append(templates[unit].format(n=n, year=f"{start.year:04d}"))
    return labels
