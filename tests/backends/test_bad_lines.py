"""DuckDB's per-client table without the counts of bad lines (AggregateRequest.line_counts
false), the report then counted by a second, ungrouped query when some line is not usable:
the same per-client figures and the same bad-line report as the table that counts them
client by client, on generated Parquet with bad lines of every kind."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from backend_helpers import assert_same, request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec.engine.backends.duckdb import DuckDBEngine
from pacspec.engine.backends.lines import LineSource, ScannedLedger
from pacspec.engine.backends.query import DUCKDB, LineColumns, aggregate_exprs, line_exprs

pytest.importorskip("duckdb")


class CountingPerClient(DuckDBEngine):
    """The engine as it was: every client's counts of bad lines in the grouped query."""

    lean_counts = False


NAN, INF = float("nan"), float("inf")
client = st.one_of(st.sampled_from(["C001", "C002", " C001", "C003 ", "  ", ""]), st.none(),
                   st.sampled_from([f"C{i:03d}" for i in range(8)]))
money = st.one_of(st.none(), st.just(NAN), st.sampled_from([0.0, 1.5, -2.25, 10.0]),
                  st.floats(-1e4, 1e4, allow_nan=False))
line = st.tuples(client, st.one_of(st.none(), st.integers(19_900, 20_500)), money,
                 st.one_of(st.none(), st.sampled_from([NAN, INF, -INF, 1.0, 2.0, 0.0])),
                 money, st.one_of(st.none(), st.integers(0, 9)))
# most lines good, so that both forms of the report (no bad line; some) are drawn
good = st.tuples(st.sampled_from([f"C{i:03d}" for i in range(8)]), st.integers(19_900, 20_500),
                 st.floats(-1e4, 1e4, allow_nan=False), st.just(1.0),
                 st.floats(-1e3, 1e3, allow_nan=False), st.integers(0, 9))


def _write(lines: list[Any], path: Path, margin: bool) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    columns: dict[str, Any] = {
        "client": pa.array([x[0] for x in lines], pa.string()),
        "date": pa.array([None if x[1] is None else dt.date(1970, 1, 1)
                          + dt.timedelta(days=x[1]) for x in lines], pa.date32()),
        "amount": pa.array([x[2] for x in lines], pa.float64()),
        "quantity": pa.array([x[3] for x in lines], pa.float64()),
        "invoice": pa.array([None if x[5] is None else f"F{x[5]}" for x in lines], pa.string()),
    }
    if margin:
        columns["margin"] = pa.array([x[4] for x in lines], pa.float64())
    pq.write_table(pa.table(columns), path)
    return path


def _scanned(path: Path, n: int, margin: bool, told: bool) -> ScannedLedger:
    ids = np.empty(3, dtype=object)
    ids[:] = ["C000", "C001", "C009"]
    columns = LineColumns("client", "date", "amount", "invoice", "quantity",
                          margin="margin" if margin else None, lines=n if told else 0)
    return ScannedLedger(client_ids=ids, client=np.zeros(0, np.int64),
                         day=np.zeros(0, np.int64), amount=np.zeros(0),
                         source=LineSource(columns, paths=(str(path),), label=str(path)),
                         policy="skip")


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(good, good, line), max_size=40), st.booleans(), st.booleans(),
       st.booleans())
def test_the_report_without_per_client_counts_is_the_same(
        tmp_path: Path, lines: list[Any], margin: bool, told: bool, orders: bool) -> None:
    path = _write(lines, tmp_path / "lines.parquet", margin)
    req = request(None, use_orders=orders)
    ours, theirs = _scanned(path, len(lines), margin, told), _scanned(path, len(lines),
                                                                       margin, told)
    got = DuckDBEngine().aggregate(ours, req)
    want = CountingPerClient().aggregate(theirs, req)
    assert_same(want, got)
    assert [str(c) for c in ours.client_ids] == [str(c) for c in theirs.client_ids]
    mine, old = ours.reports[0], theirs.reports[0]
    assert (mine.counts, mine.rows_read, mine.rows_kept) == \
        (old.counts, old.rows_read, old.rows_kept)
    assert [p.message for p in mine.problems()] == [p.message for p in old.problems()]
    assert ours.after == theirs.after


def test_the_lean_query_has_no_per_client_counts() -> None:
    cols = LineColumns("client", "date", "amount", "invoice", "quantity", lines=10)
    lean = dataclasses.replace(request(None), line_counts=False)
    names = [a for a, _ in aggregate_exprs(cols, lean, DUCKDB)]
    assert "good_rows" in names
    assert not {"rows", "bad_date", "bad_amount", "bad_quantity"} & set(names)
    assert "a" not in [a for a, _ in line_exprs(cols, lean, DUCKDB)]
    full = [a for a, _ in aggregate_exprs(cols, request(None), DUCKDB)]
    assert {"rows", "bad_amount", "bad_quantity"} <= set(full)


def test_no_second_query_when_every_line_is_usable(tmp_path: Path) -> None:
    lines = [("C001", 20_000, 10.0, 1.0, 1.0, 1), ("C002", 20_100, -2.5, 2.0, 0.0, None)]
    path = _write(lines, tmp_path / "lines.parquet", False)
    engine = DuckDBEngine()
    calls: list[int] = []
    engine.bad_lines = lambda *a: calls.append(1)  # type: ignore[method-assign, assignment, return-value]
    scan = _scanned(path, len(lines), False, True)
    engine.aggregate(scan, request(None))
    assert not calls and scan.reports[0].counts == {} and scan.reports[0].rows_read == 2


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(good, line), max_size=40), st.booleans(), st.booleans(),
       st.booleans(), st.one_of(st.none(), st.integers(0, 800)), st.booleans())
def test_distinct_orders_counted_apart_are_count_distinct(
        tmp_path: Path, lines: list[Any], margin: bool, orders: bool, trim: bool,
        as_of: int | None, counts: bool) -> None:
    """The distinct orders (or purchase days) counted in a branch of their own that keeps
    only the window's purchases (DuckDB's select_sql) are COUNT(DISTINCT …) FILTER's,
    every other column too: null and blank ids, null orders, bad lines, any as_of."""
    import duckdb

    from pacspec.engine.backends.query import select_sql

    path = _write(lines, tmp_path / "lines.parquet", margin)
    cols = LineColumns("client", "date", "amount", "invoice", "quantity",
                       margin="margin" if margin else None)
    req = dataclasses.replace(request(as_of, use_orders=orders), line_counts=counts)
    source = f"read_parquet('{path}')"
    together = dataclasses.replace(DUCKDB, distinct_apart=False)
    con = duckdb.connect()
    apart = con.sql(select_sql(source, cols, req, DUCKDB, trim)).to_arrow_table()
    want = con.sql(select_sql(source, cols, req, together, trim)).to_arrow_table()
    assert apart.schema == want.schema
    key = [("client", "ascending")]
    assert apart.sort_by(key).to_pylist() == want.sort_by(key).to_pylist()


def test_distinct_apart_from_duckdb_2_only() -> None:
    from pacspec.engine.backends.duckdb import _dialect

    assert _dialect("2.0.1").distinct_apart and _dialect("10.1").distinct_apart
    assert not _dialect("1.4.2").distinct_apart and not _dialect("dev").distinct_apart
