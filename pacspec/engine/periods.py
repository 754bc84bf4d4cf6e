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
    as_of: datetime.date, unit: PeriodUnit, count: int, include_current: bool = False,
    start_month: int = 1,
) -> np.ndarray:
    """Edges (``int64`` days, length ``count + 1``, ascending) of ``count`` periods aligned on
    years starting in ``start_month`` (1: calendar periods; 4: a fiscal year from April,
    whose halves are April-September and October-March).

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
    if not 1 <= start_month <= 12:
        raise ValueError(f"start_month must be 1..12, got {start_month!r}")
    offset = (start_month - 1) % step
    current_start = ((month_index(as_of) - offset) // step) * step + offset
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


def period_labels(edges: np.ndarray, unit: PeriodUnit, locale: str = "fr",
                  start_month: int = 1) -> list[str]:
    """One label per period, named after its first day.

    ``quarter``: ``"T1 2025"`` (fr) / ``"Q1 2025"`` (en); ``month``: ``"2025-03"``;
    ``half``: ``"S1 2025"`` / ``"H1 2025"``; ``year``: ``"2025"``. ``locale`` may carry a
    region (``"fr_FR"``, ``"en-GB"``). With a fiscal year starting in ``start_month`` > 1,
    quarters and halves are numbered within the fiscal year, which is named by its two
    calendar years: ``"T1 2025/26"`` is April-June 2025 for a year from April.
    """
    step = _unit_months(unit)
    templates = _LABELS[_language(locale)]
    labels: list[str] = []
    for day in np.asarray(edges, dtype=np.int64)[:-1].tolist():
        start = from_day(day)
        fiscal_index = (start.month - start_month) % 12  # months since the year's start
        first_year = start.year - (1 if start.month < start_month else 0)
        year = (f"{first_year:04d}" if start_month == 1
                else f"{first_year:04d}/{(first_year + 1) % 100:02d}")
        if unit == "month":
            labels.append(f"{start.year:04d}-{start.month:02d}")
        elif unit == "year":
            labels.append(year)
        else:
            n = fiscal_index // step + 1
            labels.append(templates[unit].format(n=n, year=year))
    return labels
