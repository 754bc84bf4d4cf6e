"""An engine's per-client table into the ledger's numbering (lines.to_aggregates): every
column scattered as a plain loop would, nulls leaving zeros (NO_DAY for dates), money
divided into units, in one thread or several."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec.engine.aggregate import NO_DAY
from pacspec.engine.backends import lines
from pacspec.engine.backends.request import AggregateRequest

N_PERIODS = 4
MONEY = ("revenue", "history_revenue", "margin", *(f"period_{p}" for p in range(N_PERIODS)))


def _request() -> AggregateRequest:
    edges = np.array([0, 90, 181, 273, 365], dtype=np.int64)
    return AggregateRequest(edges=edges, window=(0, 365), as_of=364, use_orders=True)


@st.composite
def engine_tables(draw: st.DrawFn) -> tuple[pa.Table, np.ndarray, int]:
    n_clients = draw(st.integers(1, 40))
    rows = draw(st.integers(0, n_clients))
    index = np.array(draw(st.permutations(range(n_clients)))[:rows], dtype=np.int64)
    index[np.array(draw(st.lists(st.booleans(), min_size=rows, max_size=rows)), dtype=bool)
          if rows else np.zeros(0, dtype=bool)] = -1  # keys that are no client of the ledger
    cents = st.one_of(st.none(), st.integers(-10**9, 10**9))
    day = st.one_of(st.none(), st.integers(0, 364))

    def column(values: st.SearchStrategy[object], kind: pa.DataType) -> pa.ChunkedArray:
        drawn = draw(st.lists(values, min_size=rows, max_size=rows))
        cut = draw(st.integers(0, rows))  # two chunks, as an engine's batches come
        return pa.chunked_array([pa.array(drawn[:cut], kind), pa.array(drawn[cut:], kind)])

    table = pa.table({
        **{name: column(cents, pa.int64()) for name in MONEY},
        "orders": column(st.one_of(st.none(), st.integers(0, 50)), pa.int64()),
        "units": column(st.one_of(st.none(), st.floats(-1e6, 1e6)), pa.float64()),
        "first_purchase": column(day, pa.int32()).cast(pa.date32()),
        "last_purchase": column(day, pa.int32()).cast(pa.date32()),
    })
    return table, index, n_clients


def _reference(table: pa.Table, index: np.ndarray, n: int, name: str) -> list[float]:
    """The column in the ledger's numbering, one row at a time."""
    out: list[float] = [NO_DAY if name.endswith("_purchase") else 0.0] * n
    for row, value in zip(index.tolist(), table.column(name).to_pylist(), strict=True):
        if row < 0 or value is None:
            continue
        if isinstance(value, dt.date):
            out[row] = (value - dt.date(1970, 1, 1)).days
        else:
            out[row] = value / 100 if name in MONEY else value
    return out


@pytest.mark.parametrize("threaded", [False, True])
@settings(max_examples=60, deadline=None)
@given(case=engine_tables())
def test_every_column_lands_on_its_client(case: tuple[pa.Table, np.ndarray, int],
                                          threaded: bool) -> None:
    table, index, n = case
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lines, "_THREADED_CLIENTS", 0 if threaded else 10**9)
        got = lines.to_aggregates(table, index, n, _request())
    assert got.revenue.tolist() == _reference(table, index, n, "revenue")
    assert got.history_revenue.tolist() == _reference(table, index, n, "history_revenue")
    assert got.margin is not None
    assert got.margin.tolist() == _reference(table, index, n, "margin")
    assert got.orders.tolist() == _reference(table, index, n, "orders")
    assert got.units.tolist() == _reference(table, index, n, "units")
    assert got.first_purchase.tolist() == _reference(table, index, n, "first_purchase")
    assert got.last_purchase.tolist() == _reference(table, index, n, "last_purchase")
    for p in range(N_PERIODS):
        assert got.period_revenue[:, p].tolist() == _reference(table, index, n, f"period_{p}")
    expected_code = [sum(1 << (N_PERIODS - 1 - p) for p in range(N_PERIODS)
                         if got.period_revenue[c, p] > 0) for c in range(n)]
    assert got.code.tolist() == expected_code
