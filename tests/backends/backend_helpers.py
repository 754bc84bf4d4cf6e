"""Shared helpers and fixtures of the engine tests (not a conftest.py: a second module named
``conftest`` would shadow tests/conftest.py): generated ledgers, their Parquet form, a local
Spark session (module ``spark`` marker: ``pytest -m spark tests/backends`` runs them alone,
``-m 'not spark'`` skips them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from pacspec.engine.backends import AggregateRequest
from pacspec.engine.periods import period_edges
from pacspec.ingest import Ledger

AS_OF = dt.date(2025, 12, 31)
EDGES = period_edges(AS_OF, "quarter", 4, False)
BASE = int(EDGES[0]) - 200
"""Days are drawn around the period edges, from 200 days before the first one."""


def make_ledger(rows: list[tuple[int, ...]], n_register: int, n_clients: int,
                with_orders: bool, with_margin: bool = False) -> Ledger:
    """A ledger of ``(client, day offset, cents, order, quantity[, margin cents])`` rows;
    clients ``0..n_register-1`` are the register (some may have no rows); with
    ``with_margin``, a margin column (the rows' sixth item, else 0)."""
    ids = np.empty(n_clients, dtype=object)
    ids[:] = [f"C{i:03d}" for i in range(n_clients)]
    client = np.array([r[0] for r in rows], dtype=np.int64)
    day = np.array([BASE + r[1] for r in rows], dtype=np.int64)
    amount = np.array([r[2] / 100 for r in rows], dtype=np.float64)
    order = np.array([r[3] if r[3] is not None else 10_000 + i for i, r in enumerate(rows)],
                     dtype=np.int64) if with_orders else None
    quantity = np.array([float(r[4]) for r in rows], dtype=np.float64)
    margin = np.array([(r[5] if len(r) > 5 else 0) / 100 for r in rows],
                      dtype=np.float64) if with_margin else None
    return Ledger(client_ids=ids, client=client, day=day, amount=amount, order=order,
                  quantity=quantity, margin=margin)


def request(as_of_offset: int | None = None, use_orders: bool = True) -> AggregateRequest:
    as_of = int(EDGES[-1]) - 1 if as_of_offset is None else BASE + as_of_offset
    return AggregateRequest(edges=EDGES, window=(int(EDGES[0]), int(EDGES[-1])), as_of=as_of,
                            use_orders=use_orders)


FIELDS = ("revenue", "orders", "units", "first_purchase", "last_purchase", "period_revenue",
          "code", "history_revenue", "margin")


def assert_same(a: Any, b: Any) -> None:
    """Client by client, every column identical (money in exact cents); the margin on
    both or on neither."""
    assert a.n_clients == b.n_clients
    for name in FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        assert (x is None) == (y is None), name
        if x is None:
            continue
        assert x.shape == y.shape, name
        assert np.array_equal(x, y), (name, np.flatnonzero(x != y)[:5])


def write_parquet(ledger: Ledger, path: Path, *, order: bool = True) -> Path:
    """The ledger's lines as typed Parquet with text client ids (order ids as text)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, Any] = {
        "client": pa.array(ledger.client_ids[ledger.client].tolist(), type=pa.string()),
        "date": pa.array(ledger.day.astype(np.int32)).cast(pa.date32()),
        "amount": pa.array(ledger.amount),
    }
    if order and ledger.order is not None:
        columns["invoice"] = pa.array([f"F{o}" for o in ledger.order.tolist()])
    if ledger.quantity is not None:
        columns["quantity"] = pa.array(ledger.quantity)
    if ledger.margin is not None:
        columns["margin"] = pa.array(ledger.margin)
    pq.write_table(pa.table(columns), path)
    return path


def local_spark() -> Iterator[Any]:
    """A local Spark engine for a fixture (skips without pyspark or Java)."""
    pytest.importorskip("pyspark")
    import shutil

    if shutil.which("java") is None:
        pytest.skip("no Java runtime")
    from pacspec.engine.backends.spark import SparkEngine

    engine = SparkEngine(master="local[2]", config={"spark.sql.shuffle.partitions": "4"})
    yield engine
    engine.session().stop()
