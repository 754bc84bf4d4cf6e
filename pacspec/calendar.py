"""Day numbers (days since 1970-01-01) and calendar months, shared by ingestion, engine and
steering; imports nothing from pacspec."""

from __future__ import annotations

import datetime
from typing import Final

__all__ = ["EPOCH", "add_months", "from_day", "month_index", "month_start", "to_day"]

EPOCH: Final = datetime.date(1970, 1, 1)
"""Day 0 of the day numbers."""


def to_day(d: datetime.date) -> int:
    """Days since 1970-01-01 of a date (a ``datetime`` is truncated to its date)."""
    if isinstance(d, datetime.datetime):
        d = d.date()
    return (d - EPOCH).days


def from_day(day: int) -> datetime.date:
    """The date of a day number (inverse of :func:`to_day`)."""
    return EPOCH + datetime.timedelta(days=int(day))


def month_index(d: datetime.date) -> int:
    """Months since year 0: ``year * 12 + month - 1``."""
    return d.year * 12 + d.month - 1


def month_start(index: int) -> datetime.date:
    """First day of the month with the given :func:`month_index`."""
    year, month0 = divmod(index, 12)
    return datetime.date(year, month0 + 1, 1)


def _days_in_month(year: int, month: int) -> int:
    nxt = datetime.date(year + 1, 1, 1) if month == 12 else datetime.date(year, month + 1, 1)
    return (nxt - datetime.date(year, month, 1)).days


def add_months(d: datetime.date, months: int) -> datetime.date:
    """``d`` moved by a whole number of calendar months, clamping the day to the month's end.

    ``add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)``.
    """
    if isinstance(d, datetime.datetime):
        d = d.date()
    target = month_start(month_index(d) + months)
    return target.replace(day=min(d.day, _days_in_month(target.year, target.month)))
