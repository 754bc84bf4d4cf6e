"""Floats that are hard to write as text, for the number-text tests: a few ulps from a
tie at some decimals, amounts in cents and the float noise of their sums."""

from __future__ import annotations

import math

from hypothesis import strategies as st


def ulps(value: float, steps: int) -> float:
    """``value`` moved ``steps`` representable floats up (or down when negative)."""
    for _ in range(abs(steps)):
        value = math.nextafter(value, math.copysign(math.inf, steps))
    return value


cents = st.integers(-10**13, 10**13).map(lambda c: c / 100)
"""Amounts in cents."""

sums_of_amounts = st.lists(st.integers(-10**7, 10**7).map(lambda c: c / 100), min_size=2,
                           max_size=9).map(sum)
"""Sums of a few amounts, with their float noise (1319.3199999999997)."""


def near_ties(scales: list[float], spread: int = 10**14) -> st.SearchStrategy[float]:
    """Numbers a few ulps from a tie at ``1 / scale`` (a half cent, a half millionth)."""
    return st.tuples(st.integers(-spread, spread), st.sampled_from(scales),
                     st.integers(-3, 3)).map(lambda t: ulps((t[0] + 0.5) / t[1], t[2]))
