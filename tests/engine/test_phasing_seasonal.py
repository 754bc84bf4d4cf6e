"""The seasonal profile (DESIGN §5, phasing): p(d) = N−1 value to the same day a year back ÷
N−1 full, against a plain-Python reference, plan days over 29 February and past the end of
N−1 included."""

from __future__ import annotations

import datetime as dt

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec.calendar import to_day
from pacspec.engine.phasing import one_year_back, seasonal


def reference(start: dt.date, end: dt.date, days: list[int], values: list[float]
              ) -> tuple[list[float] | None, float]:
    """Day by day: the N−1 total up to each plan day's date a year back, over N−1 full."""
    first, stop = to_day(one_year_back(start)), to_day(start)
    daily = [0.0] * (stop - first)
    for d, v in zip(days, values, strict=True):
        if first <= d < stop:
            daily[d - first] += v
    cum = [0.0]
    for x in daily:
        cum.append(cum[-1] + x)
    total = cum[-1]
    if total <= 0:
        return None, total
    shares = [0.0]
    for k in range(1, (end - start).days + 2):
        back = to_day(one_year_back(start + dt.timedelta(days=k - 1))) - first + 1
        shares.append(1.0 if back >= len(cum) else cum[max(back, 0)] / total)
    return shares, total


@settings(max_examples=150, deadline=None)
@given(start=st.dates(dt.date(2019, 1, 1), dt.date(2030, 12, 31)),
       length=st.integers(0, 800),
       lines=st.lists(st.tuples(st.integers(-400, 10), st.integers(-50_000, 200_000)),
                      max_size=60))
def test_the_profile_is_the_day_by_day_reference(start: dt.date, length: int,
                                                  lines: list[tuple[int, int]]) -> None:
    end = start + dt.timedelta(days=length)
    days = [to_day(start) + offset for offset, _ in lines]
    values = [cents / 100 for _, cents in lines]
    profile, total = seasonal(start, end, np.asarray(days, dtype=np.int64),
                              np.asarray(values, dtype=np.float64))
    expected, expected_total = reference(start, end, days, values)
    assert total == expected_total or abs(total - expected_total) <= 1e-9 * abs(expected_total)
    if expected is None:
        assert profile is None
        return
    assert profile is not None
    np.testing.assert_allclose(profile.shares, expected, rtol=1e-12, atol=1e-15)


def test_a_plan_starting_on_29_february_reads_28_february_a_year_back() -> None:
    start = dt.date(2024, 2, 29)
    days = np.asarray([to_day(dt.date(2023, 2, 28)), to_day(dt.date(2023, 3, 1))])
    profile, total = seasonal(start, dt.date(2024, 3, 2), days, np.asarray([1.0, 3.0]))
    assert total == 4.0 and profile is not None
    # day 1 (29/02/2024) reaches 28/02/2023 included; day 2 (01/03/2024) 01/03/2023
    assert profile.shares.tolist()[:3] == [0.0, 0.25, 1.0]
