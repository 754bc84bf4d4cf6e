"""Every registered engine (one conformance test over the registry): on a small ledger
with a credit note, a zero line, a line after as_of and a client only in the register, it
gives the numpy kernel's table; ``auto`` without DuckDB stays on numpy with the hint."""

from __future__ import annotations

from pathlib import Path

import pytest
from backend_helpers import BASE, EDGES, assert_same, make_ledger
from backend_helpers import request as aggregate_request

from pacspec.engine.backends import ENGINE_NAMES, ENGINES, get_engine, source
from pacspec.model.data import TransactionColumns

ROWS = [(0, 210, 12_000, 1, 2), (0, 210, -2_000, 1, -1), (1, 400, 0, 2, 3),
        (1, int(EDGES[-1]) - BASE + 5, 9_900, 3, 1), (2, int(EDGES[1]) - BASE, 500, None, 1),
        (2, int(EDGES[1]) - BASE - 1, 500, None, 1)]


@pytest.mark.parametrize("name", [n for n in ENGINES if n != "spark"])
def test_every_engine_gives_the_kernel_table(name: str) -> None:
    # Spark's run of the same check is in test_spark.py, to share its JVM
    if name == "duckdb":
        pytest.importorskip("duckdb")
    engine = get_engine(name)
    ledger = make_ledger(ROWS, 4, 4, True)  # client 3: register only
    for use_orders in (True, False):
        req = aggregate_request(None, use_orders=use_orders)
        assert_same(get_engine("numpy").aggregate(ledger, req), engine.aggregate(ledger, req))


def test_names() -> None:
    assert ENGINE_NAMES == ("auto", "numpy", "duckdb", "spark")
    with pytest.raises(ValueError, match="unknown engine"):
        get_engine("polars")


def test_auto_without_duckdb_stays_on_numpy_and_says_how(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"client": ["A"], "date": pa.array([0], pa.int32()).cast(
        pa.date32()), "amount": [1.0]}), path)
    monkeypatch.setattr(source, "available_memory", lambda: 10)
    monkeypatch.setattr(source, "_has", lambda module: False)
    choice = source.choose_engine("auto", path, TransactionColumns())
    assert choice.name == "numpy"
    assert choice.announcement is not None
    assert "pip install 'pacspec[duckdb]'" in choice.announcement
    monkeypatch.setattr(source, "_has", lambda module: True)
    assert source.choose_engine("auto", path, TransactionColumns()).name == "duckdb"
    assert source.choose_engine("auto", tmp_path / "t.csv", TransactionColumns()).name == "numpy"
