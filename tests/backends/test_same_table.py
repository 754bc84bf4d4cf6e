"""DuckDB gives the numpy kernel's per-client table client by client (DESIGN §6), on
generated ledgers: ties, credit notes, zero lines, lines after as_of, clients only in the
register, days on the period edges; from the in-memory ledger and from Parquet files."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from backend_helpers import BASE, EDGES, assert_same, make_ledger, request, write_parquet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec.engine.aggregate import ClientAggregates
from pacspec.engine.backends import get_engine
from pacspec.engine.backends.lines import LineSource, ScannedLedger
from pacspec.engine.backends.query import DUCKDB, LineColumns
from pacspec.engine.backends.source import _parquet_bound, _parquet_nulls, _parquet_stats

pytest.importorskip("duckdb")

EDGE_DAYS = sorted({int(e) - BASE + d for e in EDGES for d in (-1, 0, 1)})
day = st.one_of(st.sampled_from(EDGE_DAYS), st.integers(0, 800))
cents = st.one_of(st.sampled_from([0, 0, 100, -100, 1, -1, 2500, -2500]),
                  st.integers(-50_000, 100_000))
margin_cents = st.one_of(st.sampled_from([0, 1, -1, 50, -50, 1250]),
                         st.integers(-20_000, 60_000))
row = st.tuples(st.integers(0, 11), day, cents, st.one_of(st.none(), st.integers(0, 15)),
                st.integers(-3, 5), margin_cents)
ledgers = st.tuples(st.lists(row, max_size=60), st.integers(0, 6), st.booleans(),
                    st.one_of(st.none(), st.sampled_from(EDGE_DAYS), st.integers(0, 800)),
                    st.booleans())


def _ledger(rows: list[Any], n_register: int, with_orders: bool,
            with_margin: bool = False) -> Any:
    n_clients = max([n_register, *[r[0] + 1 for r in rows]])
    return make_ledger(rows, n_register, n_clients, with_orders, with_margin)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ledgers)
def test_duckdb_on_the_ledger_is_numpy(case: Any) -> None:
    rows, n_register, with_orders, as_of, with_margin = case
    ledger = _ledger(rows, n_register, with_orders, with_margin)
    req = request(as_of, use_orders=with_orders)
    assert_same(get_engine("numpy").aggregate(ledger, req),
                get_engine("duckdb").aggregate(ledger, req))


def _select(agg: ClientAggregates, index: np.ndarray) -> ClientAggregates:
    return ClientAggregates(
        n_clients=len(index), revenue=agg.revenue[index], orders=agg.orders[index],
        units=agg.units[index], first_purchase=agg.first_purchase[index],
        last_purchase=agg.last_purchase[index], period_revenue=agg.period_revenue[index],
        code=agg.code[index], history_revenue=agg.history_revenue[index],
        margin=None if agg.margin is None else agg.margin[index])


def scanned(path: Path, register: list[str], order: bool, margin: bool = False,
            statistics: bool = False) -> ScannedLedger:
    """A scanned ledger of ``path``; with ``statistics``, told what the Parquet footers
    say (no null date, the last day), as :func:`open_for_engine` tells it: the query
    then leaves out its date tests."""
    ids = np.empty(len(register), dtype=object)
    ids[:] = register
    columns = LineColumns("client", "date", "amount", "invoice" if order else None,
                          "quantity", margin="margin" if margin else None)
    if statistics:
        stats = _parquet_stats((str(path),), "date")
        columns = dataclasses.replace(
            columns, date_nulls=_parquet_nulls((str(path),), "date"),
            last_day=None if stats is None else stats[2],
            money_bound=_parquet_bound((str(path),), ["amount", "margin"] if margin
                                       else ["amount"]),
            lines=0 if stats is None else stats[0])
    return ScannedLedger(client_ids=ids, client=np.zeros(0, np.int64),
                         day=np.zeros(0, np.int64), amount=np.zeros(0),
                         source=LineSource(columns, paths=(str(path),), label=str(path)))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ledgers, st.booleans())
def test_duckdb_on_parquet_is_numpy(tmp_path: Path, case: Any, statistics: bool) -> None:
    rows, n_register, with_orders, as_of, with_margin = case
    ledger = _ledger(rows, n_register, with_orders, with_margin)
    req = request(as_of, use_orders=with_orders)
    path = write_parquet(ledger, tmp_path / "lines.parquet")
    register = [str(c) for c in ledger.client_ids[:n_register]]
    scan = scanned(path, register, with_orders, with_margin, statistics)
    got = get_engine("duckdb").aggregate(scan, req)
    # the scanned numbering: the register, then the clients with lines, sorted
    with_lines = sorted(set(ledger.client.tolist()) - set(range(n_register)))
    expected = [*range(n_register), *with_lines]
    assert [str(i) for i in scan.client_ids] == [str(ledger.client_ids[i]) for i in expected]
    want = _select(get_engine("numpy").aggregate(ledger, req), np.array(expected, np.int64))
    assert_same(want, got)
    # a second aggregation (another as_of) keeps the numbering
    again = get_engine("duckdb").aggregate(scan, request(None, use_orders=with_orders))
    assert again.n_clients == scan.n_clients


def test_amounts_round_half_to_even_like_numpy() -> None:
    # 0.125 is exact in binary: 12.5 cents rounds to 12 (half to even), as np.round does
    rows = [(0, 250, 0, 1, 1), (1, 250, 0, 2, 1)]
    ledger = make_ledger(rows, 2, 2, True)
    ledger.amount[:] = [0.125, 0.135]
    req = request()
    assert_same(get_engine("numpy").aggregate(ledger, req),
                get_engine("duckdb").aggregate(ledger, req))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-10**6, 10**6).map(lambda c: c / 200),  # half cents: the ties
    st.sampled_from([0.125, 0.135, -0.125, 2.5e-3, -0.005, 9.2e16, -9.3e16, 5e-324])),
    min_size=1, max_size=30))
def test_the_cast_to_cents_rounds_half_to_even_like_round_even(amounts: list[float]) -> None:
    """DuckDB's dialect drops ``round_even`` before ``TRY_CAST(… AS BIGINT)`` because its
    cast rounds half to even itself: the same cents (NULL for NaN, inf, too large)."""
    import duckdb
    import pyarrow as pa

    assert DUCKDB.cast_rounds_even
    lines = pa.table({"a": pa.array(amounts, pa.float64())})
    con = duckdb.connect()
    con.register("lines", lines)
    got = con.execute("SELECT TRY_CAST(a * 100 AS BIGINT) AS c, "
                      "TRY_CAST(round_even(a * 100, 0) AS BIGINT) AS r FROM lines").fetchall()
    for (cast, rounded), a in zip(got, amounts, strict=True):
        assert cast == rounded, a
        if rounded is not None:
            assert rounded == int(np.round(np.float64(a) * 100.0)), a


def test_statistics_leave_out_the_date_tests(tmp_path: Path) -> None:
    """The footers' last day and null counts make the query drop its as_of tests (and
    the date-null counts) only when they cannot change the table; a null date keeps
    them (the line is a bad one, counted)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pacspec.engine.backends.query import select_sql

    dates = pa.array([int(EDGES[0]) + d for d in (0, 10, 20)], pa.int32()).cast(pa.date32())
    full = tmp_path / "full.parquet"
    pq.write_table(pa.table({"client": ["A", "B", "A"], "date": dates,
                             "amount": [1.0, 2.0, 3.0], "quantity": [1.0, 1.0, 1.0]}), full)
    holes = tmp_path / "holes.parquet"
    pq.write_table(pa.table({"client": ["A", "B", "A"],
                             "date": pa.array([dates[0].as_py(), None, dates[2].as_py()]),
                             "amount": [1.0, 2.0, 3.0], "quantity": [1.0, 1.0, 1.0]}), holes)
    last = int(EDGES[0]) + 20
    for path, nulls in ((full, False), (holes, True)):
        scan = scanned(path, ["A", "B"], False, statistics=True)
        cols = scan.source.columns  # type: ignore[union-attr]
        assert (cols.date_nulls, cols.last_day) == (nulls, last)
        for as_of, short in ((last, True), (last - 1, False)):
            sql = select_sql("t", cols, request(as_of - BASE, use_orders=False), DUCKDB)
            assert ("CAST(0 AS BIGINT) AS \"after_as_of\"" in sql) is short
            assert ("COUNT(*) - COUNT(d)" in sql) is nulls
            # every column, the counts of bad lines and of lines after as_of included
            engine, req = get_engine("duckdb"), request(as_of - BASE, use_orders=False)
            plain = LineSource(dataclasses.replace(cols, date_nulls=True, last_day=None),
                               paths=(str(path),))
            want = engine.run(plain, req).sort_by("client")  # type: ignore[attr-defined]
            got = engine.run(scan.source, req).sort_by("client")  # type: ignore[attr-defined]
            assert got.equals(want)
            assert sum(got.column("after_as_of").to_pylist()) == (0 if short else 1)


def test_sums_in_64_bits_only_when_the_statistics_bound_them(tmp_path: Path) -> None:
    """DuckDB sums cents with a 64-bit state (sum_no_overflow, which wraps silently)
    only when the footers' largest amount times the lines cannot reach half of 2**63;
    the table is then the one of SUM's 128-bit state; otherwise SUM is kept."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pacspec.engine.backends.query import select_sql

    dates = pa.array([int(EDGES[0]) + d for d in (0, 10, 20)], pa.int32()).cast(pa.date32())
    engine, req = get_engine("duckdb"), request(None, use_orders=False)
    for amounts, narrow in (([1.5, -2.25, 1e9], True),  # a credit note: |min| counts
                            ([-1.6e16, 1.0, 2.0], False),  # 3 x 1.6e18 cents > 2**62
                            ([1.0, float("inf"), 2.0], False)):
        path = tmp_path / f"a{len(list(tmp_path.iterdir()))}.parquet"
        pq.write_table(pa.table({"client": ["A", "B", "A"], "date": dates, "amount": amounts,
                                 "quantity": [1.0, 1.0, 1.0]}), path)
        scan = scanned(path, ["A", "B"], False, statistics=True)
        cols = scan.source.columns  # type: ignore[union-attr]
        assert cols.money_bound == max(abs(a) for a in amounts) and cols.lines == 3
        sql = select_sql("t", cols, req, DUCKDB)
        assert ("sum_no_overflow(" in sql) is narrow and ("SUM(m)" in sql) is not narrow
        if narrow:
            wide = LineSource(dataclasses.replace(cols, money_bound=None), paths=(str(path),))
            assert "sum_no_overflow(" not in select_sql("t", wide.columns, req, DUCKDB)
            want = engine.run(wide, req).sort_by("client")  # type: ignore[attr-defined]
            got = engine.run(scan.source, req).sort_by("client")  # type: ignore[attr-defined]
            assert got.equals(want)
    # no statistics: nothing bounds the sums
    assert not LineColumns("c", "d", "a", money_bound=None, lines=3).sums_fit(2)
    assert not LineColumns("c", "d", "a", money_bound=1.0, lines=3).sums_fit(None)


@pytest.mark.parametrize("ids", [
    ["C1", " C2", "C3 ", "  ", "", None, "C4"],  # spaces, blanks: trimmed after grouping
    ["C1", "C1 ", " C1", "C2", "  "],  # ids that trim to one client: trimmed in the query
])
def test_keys_trimmed_after_grouping_are_keys_trimmed_per_line(ids: list[str | None]) -> None:
    import pyarrow as pa

    n = 40
    rng = np.random.default_rng(3)
    table = pa.table({
        "client": pa.array([ids[i] for i in rng.integers(0, len(ids), n)], pa.string()),
        "date": pa.array((int(EDGES[0]) + rng.integers(-30, 400, n)).astype(np.int32)
                         ).cast(pa.date32()),
        "amount": pa.array(rng.integers(-500, 2000, n) / 100),
        "invoice": pa.array(rng.integers(0, 12, n)),
    })
    engine = get_engine("duckdb")
    source = LineSource(LineColumns("client", "date", "amount", "invoice"), table=table)
    req = request(None)
    import pyarrow.compute as pc

    per_line = engine.run(source, req, trim=True)
    after = engine.run_trimmed(source, req)

    def clients(table: Any) -> Any:  # the rows of real clients, in key order
        return table.filter(pc.is_valid(table.column("client"))).sort_by("client")

    def no_client(table: Any) -> list[int]:  # the lines with no client id, by count
        rest = table.filter(pc.is_null(table.column("client")))
        return [int(pc.sum(rest.column(c)).as_py() or 0) for c in ("rows", "good_rows")]

    assert clients(after).equals(clients(per_line))
    assert no_client(after) == no_client(per_line)
