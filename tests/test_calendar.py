"""Day numbers and calendar months against plain-Python references."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import next_month_start, ref_add_months

from pacspec.calendar import EPOCH, add_months, from_day, month_index, month_start, to_day

RANGE = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))
"""Dates whose moves by up to 100 years stay inside ``datetime.date``'s range."""


def ref_month_index(d: dt.date) -> int:
    """Count the month starts from 1 January 1900 (month index 1900 * 12) to ``d``'s."""
    start, index = dt.date(1900, 1, 1), 1900 * 12
    target = d.replace(day=1)
    while start < target:
        start, index = next_month_start(start), index + 1
    return index


@settings(max_examples=300, deadline=None)
@given(st.dates())
def test_day_numbers_round_trip_over_every_date(d: dt.date) -> None:
    assert from_day(to_day(d)) == d
    assert to_day(d) == d.toordinal() - EPOCH.toordinal()


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1678, 1, 1), dt.date(2261, 12, 31)), st.times())
def test_day_numbers_match_numpy_and_truncate_datetimes(d: dt.date, t: dt.time) -> None:
    assert to_day(d) == int(np.datetime64(d.isoformat(), "D").astype(np.int64))
    assert to_day(dt.datetime.combine(d, t)) == to_day(d)


def test_day_number_landmarks() -> None:
    assert to_day(dt.date(1970, 1, 1)) == 0 and from_day(0) == EPOCH
    assert to_day(dt.date(1969, 12, 31)) == -1
    assert to_day(dt.date(2000, 3, 1)) == 11017
    assert from_day(np.int64(11017)) == dt.date(2000, 3, 1)


@settings(max_examples=100, deadline=None)
@given(RANGE)
def test_month_index_counts_months(d: dt.date) -> None:
    assert month_index(d) == ref_month_index(d)
    assert month_start(month_index(d)) == d.replace(day=1)


@settings(max_examples=300, deadline=None)
@given(RANGE, st.integers(-1200, 1200))
def test_add_months_matches_the_reference(d: dt.date, months: int) -> None:
    moved = add_months(d, months)
    assert moved == ref_add_months(d, months)
    assert month_index(moved) == month_index(d) + months
    assert add_months(dt.datetime.combine(d, dt.time(12)), months) == moved


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 11, 15), 2) == dt.date(2026, 1, 15)
    assert add_months(dt.date(2025, 12, 31), -12) == dt.date(2024, 12, 31)
