"""``report.number_text``: numbers rounded to a few decimals as their shortest texts, made
a column at a time, are ``repr(round(v, digits))`` of each number alone (a whole number as
its integer); 6 decimals for the per-client CSV, 2 (the cent) for the workbook's money."""

from __future__ import annotations

import math

import numpy as np
import pytest
from float_cases import cents, near_ties, sums_of_amounts
from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec.report.number_text import gather, number_text, rounded_texts

_floats = st.one_of(
    st.floats(width=64),
    st.sampled_from([0.0, -0.0, 1e-300, -5e-324, 1e300, 2.0**63, 2.0**53 + 2, 1e13 - 0.01,
                     9_999_999_999_999.995, 1e9 - 1e-7, 1e-4, 9.999_999_9e-5, 0.005, -0.005,
                     0.015, 2.675, 0.125, 1319.319_999_999_999_7, 0.1 + 0.2, math.inf,
                     -math.inf, math.nan]),
    cents,
    near_ties([1e2, 1e6]),
    sums_of_amounts,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_floats, max_size=40), st.sampled_from([2, 6]), st.sampled_from([",", "."]))
def test_each_text_is_the_number_alone(values: list[float], digits: int, decimal: str) -> None:
    array = np.array(values, dtype=np.float64)
    assert rounded_texts(array, digits, decimal).to_pylist() == \
        [number_text(v, digits, decimal) for v in values]


@pytest.mark.parametrize("digits", [2, 6])
def test_many_magnitudes(digits: int) -> None:
    """A large sample of every magnitude from 1e-8 to 1e17, either sign, as drawn and with
    4 or 2 decimals (amounts), and running sums of amounts."""
    rng = np.random.default_rng(13)
    raw = rng.standard_normal(50_000) * 10.0 ** rng.integers(-8, 17, 50_000)
    values = np.concatenate([raw, np.round(raw, 4), np.round(raw, 2),
                             np.cumsum(np.round(raw[:5_000] % 1e4, 2))])
    texts = rounded_texts(values, digits).to_pylist()
    assert texts == [number_text(v, digits) for v in values.tolist()]


def test_number_text() -> None:
    assert [number_text(v, 2) for v in (1319.3199999999997, 2.0, -0.0, 0.004, -0.004,
                                        2.675, math.nan, math.inf)] == \
        ["1319.32", "2", "0", "0.0", "-0.0", "2.67", "", "inf"]
    assert number_text(1234.5678901, 6, ",") == "1234,56789"


@given(st.lists(st.booleans(), max_size=30))
def test_gather_keeps_each_side_in_order(where: list[bool]) -> None:
    import pyarrow as pa

    mask = np.array(where, dtype=bool)
    these = pa.array([f"t{i}" for i in range(int(mask.sum()))], pa.string())
    others = pa.array([f"o{i}" for i in range(len(where) - int(mask.sum()))], pa.string())
    got = gather(mask, these, others).to_pylist()
    assert [x for x, m in zip(got, where, strict=True) if m] == these.to_pylist()
    assert [x for x, m in zip(got, where, strict=True) if not m] == others.to_pylist()
