"""Day numbers (days since 1970-01-01) and calendar months, shared by ingestion, engine and
steering; imports nothing from pacspec.

pacspec computes on the dates from :data:`MIN_DATE` (1900-01-01) to :data:`MAX_DATE`
(2199-12-31): every date a user gives (a plan date, ``--as-of``, a data row) is checked with
:func:`check_date` or :func:`in_calendar`, so that the moves the engine makes (a year back for
N-1, months forward for the phasing) never leave ``datetime.date``'s range.
"""

from __future__ import annotations

import datetime
from typing import Final

__all__ = [
    "CALENDAR_HINT",
    "EPOCH",
    "MAX_DATE",
    "MAX_DAY",
    "MIN_DATE",
    "MIN_DAY",
    "add_months",
    "calendar_message",
    "check_date",
    "from_day",
    "in_calendar",
    "month_index",
    "month_start",
    "to_day",
]

EPOCH: Final = datetime.date(1970, 1, 1)
"""Day 0 of the day numbers."""

MIN_DATE: Final = datetime.date(1900, 1, 1)
"""The first date pacspec computes on."""

MAX_DATE: Final = datetime.date(2199, 12, 31)
"""The last date pacspec computes on."""

MIN_DAY: Final = (MIN_DATE - EPOCH).days
"""The day number of :data:`MIN_DATE` (-25567), for vectorised checks of day columns."""

MAX_DAY: Final = (MAX_DATE - EPOCH).days
"""The day number of :data:`MAX_DATE` (84005)."""

CALENDAR_HINT: Final = (f"pacspec works on dates from {MIN_DATE.isoformat()} to "
                        f"{MAX_DATE.isoformat()}; check the year")
"""The hint of every problem about a date outside the calendar."""


def in_calendar(d: datetime.date) -> bool:
    """Whether ``d`` (a date or a datetime) lies from :data:`MIN_DATE` to :data:`MAX_DATE`."""
    if isinstance(d, datetime.datetime):
        d = d.date()
    return MIN_DATE <= d <= MAX_DATE


def calendar_message(d: datetime.date, what: str = "the date") -> str:
    """The message for a date outside the calendar: ``the date 9999-06-01 is after
    2199-12-31, the last date pacspec computes on``."""
    if isinstance(d, datetime.datetime):
        d = d.date()
    if d < MIN_DATE:
        return (f"{what} {d.isoformat()} is before {MIN_DATE.isoformat()}, the first date "
                "pacspec computes on")
    return (f"{what} {d.isoformat()} is after {MAX_DATE.isoformat()}, the last date pacspec "
            "computes on")


def check_date(d: datetime.date, what: str = "the date") -> datetime.date:
    """``d`` itself when :func:`in_calendar`; otherwise :class:`ValueError` with
    :func:`calendar_message` (usable as a pydantic validator)."""
    if not in_calendar(d):
        raise ValueError(calendar_message(d, what))
    return d


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


def days_in_month(year: int, month: int) -> int:
    """The days of ``month`` (1..12) in ``year``, Gregorian leap years (what
    ``calendar.monthrange`` says, for any year, without importing that module: the plan
    models use it on the validate path)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def add_months(d: datetime.date, months: int) -> datetime.date:
    """``d`` moved by a whole number of calendar months, clamping the day to the month's end.

    ``add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)``.
    """
    if isinstance(d, datetime.datetime):
        d = d.date()
    target = month_start(month_index(d) + months)
    return target.replace(day=min(d.day, days_in_month(target.year, target.month)))
