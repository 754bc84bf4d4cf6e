"""Parquet and Arrow columns held no longer than needed: read row group by row group (a
chunk each, the same ledger as one chunk), each mapped column released once parsed (not a
column another key still maps), no Arrow memory held by the ledger."""

from __future__ import annotations

import gc
import importlib
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pacspec.ingest import load_ledger
from pacspec.model.data import TransactionColumns

parquet_module = importlib.import_module("pacspec.ingest.sources.parquet_file")

COLUMNS = TransactionColumns(order="invoice", product="product", quantity="quantity")


def sample(n: int = 5000) -> pa.Table:
    rng = np.random.default_rng(7)
    days = np.datetime64("2025-01-01") + rng.integers(0, 365, n)
    return pa.table({
        "client": [f"C{c:04d}" for c in rng.integers(0, 700, n)],
        "date": pa.array(days.astype("datetime64[D]")),
        "amount": rng.normal(100, 40, n).round(2),
        "invoice": [f"F{i:05d}" for i in rng.integers(0, 2500, n)],  # not sorted
        "quantity": rng.integers(1, 9, n),
        "product": [f"P{p}" for p in rng.integers(0, 5, n)],
    })


def test_row_groups_give_the_ledger_of_one_chunk(tmp_path: Path) -> None:
    table = sample()
    pq.write_table(table, tmp_path / "one.parquet")
    pq.write_table(table, tmp_path / "many.parquet", row_group_size=700)
    assert pq.ParquetFile(tmp_path / "many.parquet").num_row_groups == 8
    one = load_ledger(tmp_path / "one.parquet", columns=COLUMNS)
    many = load_ledger(tmp_path / "many.parquet", columns=COLUMNS)
    assert one.client_ids.tolist() == many.client_ids.tolist()
    for name in ("client", "day", "amount", "order", "quantity", "product_codes"):
        np.testing.assert_array_equal(getattr(one, name), getattr(many, name), err_msg=name)
    # the order codes: the same partition as the ids, numbered by first appearance
    ids = table.column("invoice").to_pylist()
    first: dict[str, int] = {}
    assert many.order is not None
    assert many.order.tolist() == [first.setdefault(v, len(first)) for v in ids]


def test_each_mapped_column_is_released_once_parsed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pq.write_table(sample(), tmp_path / "t.parquet", row_group_size=1000)
    released: list[str] = []
    real = parquet_module.read_arrow

    def spying(*args: Any, **kwargs: Any) -> Any:
        out = real(*args, **kwargs)
        inner = out.release

        def release(name: str) -> None:
            released.append(name)
            inner(name)

        out.release = release
        return out

    monkeypatch.setattr(parquet_module, "read_arrow", spying)
    load_ledger(tmp_path / "t.parquet", columns=COLUMNS)
    # each once, in the order parsed; the order ids in the thread hashing them, as soon as
    # hashed (meanwhile the dates and amounts are read): anywhere after the client ids
    assert sorted(released) == sorted(["client", "invoice", "date", "amount", "quantity",
                                       "product"])
    assert [n for n in released if n != "invoice"] == ["client", "date", "amount", "quantity",
                                                       "product"]
    assert released.index("invoice") > 0


def test_a_column_mapped_twice_is_kept_until_its_last_use(tmp_path: Path) -> None:
    table = sample(800)
    pq.write_table(table, tmp_path / "t.parquet", row_group_size=300)
    # the client id is also the order id: one order per client
    ledger = load_ledger(tmp_path / "t.parquet", columns=TransactionColumns(order="client"))
    assert ledger.order is not None
    first: dict[int, int] = {}
    assert ledger.order.tolist() == [first.setdefault(c, len(first))
                                     for c in ledger.client.tolist()]


def test_the_ledger_holds_no_arrow_memory(tmp_path: Path) -> None:
    pq.write_table(sample(), tmp_path / "t.parquet")
    load_ledger(tmp_path / "t.parquet", columns=COLUMNS)  # Arrow's one-off allocations
    # Measured as a difference: other tests of the same process may still hold Arrow
    # memory (192 bytes once in CI), which says nothing about this ledger.
    gc.collect()
    before = pa.total_allocated_bytes()
    ledger = load_ledger(tmp_path / "t.parquet", columns=COLUMNS)
    gc.collect()
    assert ledger.client.size == 5000
    # nothing of the file is held by the ledger, which is still alive here
    assert pa.total_allocated_bytes() - before == 0


def _spied_reads(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, tuple[str, ...]]]:
    """The (row group, columns) of every Parquet row-group read, in the order they start."""
    asked: list[tuple[int, tuple[str, ...]]] = []
    real = pq.ParquetFile.read_row_group

    def spying(self: Any, i: int, columns: Any = None, **kwargs: Any) -> Any:
        asked.append((i, tuple(columns or ())))
        return real(self, i, columns=columns, **kwargs)

    monkeypatch.setattr(pq.ParquetFile, "read_row_group", spying)
    return asked


def _runs(reads: list[tuple[int, tuple[str, ...]]]) -> list[str]:
    """The column names of consecutive reads, each run of one column once."""
    return [name for k, (_, (name,)) in enumerate(reads) if k == 0 or reads[k - 1][1] != (name,)]


def test_parquet_columns_are_read_one_at_a_time(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = sample()
    invoices = sorted(table.column("invoice").to_pylist())  # as exports number them
    table = table.set_column(table.column_names.index("invoice"), "invoice", pa.array(invoices))
    pq.write_table(table, tmp_path / "t.parquet", row_group_size=2000)
    asked = _spied_reads(monkeypatch)
    ledger = load_ledger(tmp_path / "t.parquet", columns=COLUMNS)
    order = ("client", "invoice", "date", "amount", "quantity", "product")  # as parsed
    # each row group of each column read once, one column per read...
    assert sorted(asked) == sorted((i, (name,)) for name in order for i in range(3))
    # ...a column's reads all done before the next column's start (the next one is
    # decoded ahead while this one is parsed, the row groups of one split between two
    # threads: never more than two columns held)...
    others = [read for read in asked if read[1] != ("invoice",)]
    assert _runs(others) == [n for n in order if n != "invoice"]
    # ...and the sorted order ids numbered row group by row group as they are read, in a
    # thread of their own: never all their strings at once
    assert [i for i, names in asked if names == ("invoice",)] == [0, 1, 2]
    first: dict[str, int] = {}
    assert ledger.order is not None
    assert ledger.order.tolist() == [first.setdefault(v, len(first)) for v in invoices]


def test_unsorted_order_ids_are_read_whole_after_the_first_row_group_shows_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = sample()  # its invoices are not sorted
    pq.write_table(table, tmp_path / "t.parquet", row_group_size=2000)
    asked = _spied_reads(monkeypatch)
    ledger = load_ledger(tmp_path / "t.parquet", columns=COLUMNS)
    reads = [i for i, names in asked if names == ("invoice",)]
    assert reads[0] == 0 and sorted(reads[1:]) == [0, 1, 2]  # one row group, then whole
    ids = table.column("invoice").to_pylist()
    first: dict[str, int] = {}
    assert ledger.order is not None
    assert ledger.order.tolist() == [first.setdefault(v, len(first)) for v in ids]


def test_ids_days_and_orders_are_read_as_the_ledgers_int64(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sources give ids, days and orders as int64, the kernels' type: the ledger takes
    the very arrays read (no widening copy), with the file's values."""
    read_module = importlib.import_module("pacspec.ingest.read")
    pq.write_table(sample(), tmp_path / "t.parquet", row_group_size=1000)
    seen: dict[str, Any] = {}
    real = read_module.assemble

    def spy(tx: Any, register: Any) -> Any:
        seen.update(client=tx.client, day=tx.day, order=tx.order)
        return real(tx, register)

    monkeypatch.setattr(read_module, "assemble", spy)
    ledger = load_ledger(tmp_path / "t.parquet", columns=COLUMNS)
    assert {k: v.dtype for k, v in seen.items()} == {
        "client": np.int64, "day": np.int64, "order": np.int64}
    assert ledger.client is seen["client"] and ledger.day is seen["day"]
    assert ledger.order is seen["order"]
    table = sample()
    days = np.asarray(table.column("date").to_numpy()).astype("datetime64[D]").astype(np.int64)
    np.testing.assert_array_equal(ledger.day, days)
    ids = table.column("client").to_pylist()
    assert ledger.client_ids[ledger.client].tolist() == ids
