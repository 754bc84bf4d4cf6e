"""ABC on margin (``abc.measure: margin``): the per-client margin of the kernel against a
plain loop (sorted and shuffled rows, one and two threads, exact cents), the ranked
population (active clients with a positive margin), and the evaluation end to end."""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec.engine import aggregate as aggregate_module
from pacspec.engine.abc import abc_classes, abc_values
from pacspec.engine.aggregate import aggregate
from pacspec.engine.periods import period_edges

EDGES = period_edges(dt.date(2025, 12, 31), "quarter", 4)
LO = int(EDGES[0]) - 120
HI = int(EDGES[-1]) + 60
SPECIAL = sorted({int(e) + d for e in EDGES for d in (-1, 0, 1)})

rows = st.lists(st.tuples(
    st.integers(0, 6),
    st.one_of(st.sampled_from(SPECIAL), st.integers(LO, HI)),
    st.integers(-4_000, 12_000),  # amount in cents
    st.integers(-3_000, 5_000),  # margin in cents
), max_size=60)


def _kernel(case: list[tuple[int, int, int, int]], as_of: int, window: tuple[int, int],
            *, shuffle: bool = False, workers: int = 1) -> Any:
    data = sorted(case, key=lambda r: r[1])  # day-sorted: the sorted path
    if shuffle:
        data = data[::-1]  # days descending: the unsorted path (when days differ)
    return aggregate(np.array([r[0] for r in data], dtype=np.int64),
                     np.array([r[1] for r in data], dtype=np.int64),
                     np.array([r[2] / 100 for r in data]), n_clients=7, edges=EDGES,
                     window=window, as_of=as_of, workers=workers, decimals=2,
                     margin=np.array([r[3] / 100 for r in data]))


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(case=rows,
       as_of=st.sampled_from([int(EDGES[-1]) - 1, int(EDGES[2]), int(EDGES[1]) - 1, HI]),
       custom=st.booleans())
def test_margin_is_the_window_sum_up_to_as_of(case: list[tuple[int, int, int, int]],
                                             as_of: int, custom: bool,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(aggregate_module, "_CHUNK", 3)
    monkeypatch.setattr(aggregate_module, "_PARALLEL_MIN_ROWS", 0)
    window = (int(EDGES[1]) + 5, int(EDGES[-1]) + 20) if custom else (int(EDGES[0]),
                                                                       int(EDGES[-1]))
    expected = [0] * 7  # cents, by a plain loop
    for client, day, _, margin in case:
        if window[0] <= day < window[1] and day <= as_of:
            expected[client] += margin
    for shuffle in (False, True):
        for workers in (1, 2):
            got = _kernel(case, as_of, window, shuffle=shuffle, workers=workers)
            assert got.margin is not None
            assert got.margin.tolist() == [c / 100 for c in expected]


def test_no_margin_column_no_margin() -> None:
    agg = aggregate(np.array([0]), np.array([int(EDGES[0])]), np.array([5.0]), n_clients=1,
                    edges=EDGES, window=(int(EDGES[0]), int(EDGES[-1])),
                    as_of=int(EDGES[-1]) - 1)
    assert agg.margin is None
    assert agg.merge(agg).margin is None


def test_abc_values_rank_active_clients_on_margin() -> None:
    revenue = np.array([100.0, 50.0, 0.0, -10.0, 80.0, 30.0])
    margin = np.array([10.0, 40.0, 25.0, 5.0, -3.0, 0.0])
    values = abc_values(revenue, margin, "margin")
    # no revenue in the window (a margin without a sale) or no positive margin: not ranked
    assert values.tolist() == [10.0, 40.0, 0.0, 0.0, -3.0, 0.0]
    classes = abc_classes(values)
    assert classes.tolist() == [1, 0, -1, -1, -1, -1]
    assert abc_values(revenue, None, "revenue") is not None
    with pytest.raises(ValueError, match="margin"):
        abc_values(revenue, None, "margin")
    with pytest.raises(ValueError, match="unknown ABC measure"):
        abc_values(revenue, margin, "units")
