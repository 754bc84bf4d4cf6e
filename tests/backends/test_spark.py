"""Spark (local mode) gives the numpy kernel's per-client table and the same analysis.
Few tests, marked ``spark``: ``pytest -m spark tests/backends`` runs them alone."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from backend_helpers import (
    BASE,
    EDGES,
    assert_same,
    local_spark,
    make_ledger,
    request,
    write_parquet,
)

from pacspec.engine.backends import get_engine
from pacspec.engine.backends.lines import ScannedLedger
from pacspec.report.summary import evaluation_summary
from pacspec.session import Session

pytestmark = pytest.mark.spark


@pytest.fixture(scope="module")
def spark_engine() -> Iterator[Any]:
    yield from local_spark()

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "plans" / "connect-plus.pac.yaml"


def _rows(seed: int, n: int) -> list[tuple[int, int, int, int | None, int, int]]:
    rng = np.random.default_rng(seed)
    edge_days = [int(e) - BASE + d for e in EDGES for d in (-1, 0, 1)]
    days = np.where(rng.random(n) < 0.3, rng.choice(edge_days, n), rng.integers(0, 800, n))
    cents = rng.choice([0, 100, -100, 2500, -2500, 1], n)
    cents = np.where(rng.random(n) < 0.5, rng.integers(-50_000, 100_000, n), cents)
    orders = rng.integers(0, 40, n)
    margins = np.where(rng.random(n) < 0.2, 0, rng.integers(-20_000, 60_000, n))
    return [(int(c), int(d), int(a), None if o >= 35 else int(o), int(q), int(m))
            for c, d, a, o, q, m in zip(rng.integers(0, 60, n), days, cents, orders,
                                        rng.integers(-3, 5, n), margins, strict=True)]


def test_spark_on_generated_ledgers_is_numpy(spark_engine: Any) -> None:
    for seed, with_orders, as_of in ((1, True, None), (2, False, 500), (3, True, 310)):
        # 10+ only-register clients; the margin on two ledgers of three
        ledger = make_ledger(_rows(seed, 400), 10, 70, with_orders, with_margin=seed != 2)
        req = request(as_of, use_orders=with_orders)
        assert_same(get_engine("numpy").aggregate(ledger, req),
                    spark_engine.aggregate(ledger, req))


def test_spark_on_parquet_gives_the_numpy_analysis(spark_engine: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = write_parquet(Session.open(PLAN, engine="numpy").ledger, tmp_path / "t.parquet")
    table = pq.read_table(path)
    pq.write_table(table.append_column("product", pa.array(["GPS"] * table.num_rows)), path)
    by_numpy = Session.open(PLAN, transactions=path, engine="numpy").evaluate()
    session = Session.open(PLAN, transactions=path, engine=spark_engine)
    assert isinstance(session.ledger, ScannedLedger)
    by_spark = session.evaluate()

    def summary(ev: Any) -> str:
        return json.dumps(evaluation_summary(ev), sort_keys=True, default=str)

    assert summary(by_numpy) == summary(by_spark)
    for name in ("revenue", "orders", "code", "recency", "r", "f", "m"):
        assert json.dumps(np.asarray(by_numpy.columns[name]).tolist()) == \
               json.dumps(np.asarray(by_spark.columns[name]).tolist()), name
    # the lines after an as_of, counted by Spark as numpy counts them (rows-after-as-of)
    day = dt.date(2025, 12, 31)
    after = by_numpy.ledger.rows_after(day)
    assert after is not None and after > 0 and session.ledger.rows_after(day) == after


def test_sparks_trim_is_str_strip(spark_engine: Any) -> None:
    """The query's trim on Spark (``TRIM(BOTH … FROM …)``) is ``str.strip()`` too, blank
    as NULL: client keys and product texts padded with tabs, line breaks, no-break
    spaces."""
    from pacspec.engine.backends.query import SPARK

    texts = ["a", " a\t", "\n\u00a0b c\r\n", "\u3000", "", "\x0b\x1c'q'\x85", "\u200bz"]
    frame = spark_engine.session().createDataFrame([(i, t) for i, t in enumerate(texts)],
                                                   "i INT, v STRING")
    rows = frame.selectExpr("i", f"{SPARK.trim('v')} AS t").orderBy("i").collect()
    assert [r["t"] for r in rows] == [t.strip() or None for t in texts]
