"""An Arrow source's typed dates, amounts and quantities read straight from their columns
(``date32`` as int64 days, float64 and signed integers as float64, chunk by chunk) give the
ledger and the report of parsing them as values, nulls, NaN and infinities included; and
a Parquet file's order ids hashed while the dates and amounts are read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import assert_same

from pacspec.diagnostics import LedgerError
from pacspec.ingest import load_ledger
from pacspec.ingest import transactions as transactions_module

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

COLUMNS = {"client": "client", "date": "date", "amount": "amount", "order": "invoice",
           "quantity": "quantity"}

_amount = st.one_of(st.floats(-1e6, 1e6), st.sampled_from([float("nan"), float("inf"), None]))


def _table(lines: list[tuple[int, dt.date | None, Any, int]], integer: bool, chunks: int) -> Any:
    n = len(lines)
    table = pa.table({
        "client": pa.array([f"C{c}" for c, *_ in lines], pa.string()),
        "date": pa.array([d for _, d, *_ in lines], pa.date32()),
        "invoice": pa.array([f"F{i // 2}" for i in range(n)], pa.string()),
        "amount": (pa.array([None if a is None or a != a or abs(a) == float("inf") else int(a)
                             for _, _, a, _ in lines], pa.int64()) if integer
                   else pa.array([a for _, _, a, _ in lines], pa.float64())),
        "quantity": pa.array([q for *_, q in lines], pa.int32()),
    })
    size = max(1, n // chunks)
    return pa.Table.from_batches(table.to_batches(max_chunksize=size))


def _read(source: Any, policy: str) -> Any:
    try:
        return load_ledger(source, columns=COLUMNS, bad_rows=policy)  # type: ignore[arg-type]
    except LedgerError as exc:
        return [(p.code, p.message) for p in exc.problems]


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.tuples(st.integers(0, 5),
                                st.one_of(st.none(), st.dates(dt.date(1990, 1, 1),
                                                              dt.date(2030, 1, 1))),
                                _amount, st.integers(-3, 9)), min_size=1, max_size=30),
       integer=st.booleans(), chunks=st.integers(1, 3), policy=st.sampled_from(["skip", "error"]))
def test_typed_columns_read_as_their_values_parsed(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        lines: list[tuple[int, dt.date | None, Any, int]], integer: bool, chunks: int,
        policy: str) -> None:
    table = _table(lines, integer, chunks)
    path = tmp_path / "t.parquet"
    pq.write_table(table, path, row_group_size=max(1, len(lines) // chunks))
    got = [_read(table, policy), _read(path, policy)]
    with monkeypatch.context() as patch:  # every column parsed as values, as before
        patch.setattr(transactions_module, "_typed_days", lambda table, name: None)
        patch.setattr(transactions_module, "_typed_numbers", lambda table, name: None)
        expected = [_read(table, policy), _read(path, policy)]
    for ledger, reference in zip(got, expected, strict=True):
        if isinstance(reference, list):
            assert ledger == reference
            continue
        assert_same(ledger, reference)
        assert ledger.reports[0].counts == reference.reports[0].counts
        assert ledger.reports[0].bad_rows == reference.reports[0].bad_rows


def test_a_date32_column_is_read_as_its_days() -> None:
    days = np.array([0, 19_000, 20_000, -5], dtype=np.int32)
    table = pa.table({"client": ["a", "b", "a", "c"], "date": pa.array(days, pa.date32()),
                      "amount": [1.0, 2.0, 3.0, 4.0], "invoice": ["1", "2", "2", "3"]})
    ledger = load_ledger(table, columns=COLUMNS | {"quantity": None})
    assert ledger.day.dtype == np.int64 and ledger.day.tolist() == days.tolist()
    assert ledger.order is not None and ledger.order.tolist() == [0, 1, 1, 2]
