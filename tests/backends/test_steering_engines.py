"""Steering on a scanned ledger: DuckDB (and Spark, ``-m spark``) read the lines where they
are and give the steering numpy gives (DESIGN §5, §6): the example plan on typed Parquet
at several dates, its views and ``track --engine duckdb``; generated ledgers (credit notes,
zero lines, shared and missing order ids, orders over several days, product scopes, lines
after as_of) compared action by action and KPI by KPI; the SQL tables against numpy's."""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pacspec.engine.backends import get_engine
from pacspec.engine.backends.lines import ScannedLedger
from pacspec.engine.backends.scoped import NumpyTables, matching
from pacspec.engine.steering import SteeringResult
from pacspec.session import Session

pytest.importorskip("duckdb")

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "plans" / "connect-plus.pac.yaml"
DATES = [dt.date(2026, 3, 31), dt.date(2026, 6, 30), dt.date(2026, 9, 30)]
PRODUCTS = ["AIS-TRANSPONDER", "GPS-HANDHELD", "GPS-FIXED", "SONAR-PRO", "CHART-EU"]


def _write(path: Path, client: list[str], day: list[int], amount: list[float],
           invoice: list[str | None], quantity: list[float], product: list[str]) -> Path:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({
        "client": pa.array(client, type=pa.string()),
        "date": pa.array(np.asarray(day, dtype=np.int32)).cast(pa.date32()),
        "invoice": pa.array(invoice, type=pa.string()),
        "amount": pa.array(amount, type=pa.float64()),
        "quantity": pa.array(quantity, type=pa.float64()),
        "product": pa.array(product, type=pa.string()),
    }), path)
    return path


@pytest.fixture(scope="module")
def example_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's transactions as typed Parquet, with their products."""
    lg = Session.open(PLAN, engine="numpy").ledger
    assert lg.order is not None and lg.quantity is not None and lg.product is not None
    return _write(tmp_path_factory.mktemp("steer") / "lines.parquet",
                  [str(c) for c in lg.client_ids[lg.client]], lg.day.tolist(),
                  lg.amount.tolist(), [f"F{o}" for o in lg.order.tolist()],
                  lg.quantity.tolist(), [str(p) for p in lg.product])


def _same(a: Any, b: Any, where: str) -> None:
    """Every field equal; floats to 1e-9 (a seasonal share sums the same cents in
    another order: the last bits of a float)."""
    for name, x in vars(a).items():
        if name == "tables":
            continue
        y = getattr(b, name)
        if isinstance(x, float) and isinstance(y, float):
            assert math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9), (where, name, x, y)
        else:
            assert repr(x) == repr(y), (where, name, x, y)


def assert_same_steering(a: SteeringResult, b: SteeringResult) -> None:
    assert [x.id for x in a.actions] == [x.id for x in b.actions]
    assert [k.id for k in a.kpis] == [k.id for k in b.kpis]
    for x, y in zip(a.actions, b.actions, strict=True):
        _same(x, y, f"action {x.id}")
    for x, y in zip(a.kpis, b.kpis, strict=True):
        _same(x, y, f"kpi {x.id}")
    assert (a.period, a.n1_period, a.elapsed) == (b.period, b.n1_period, b.elapsed)


@pytest.mark.parametrize("as_of", DATES)
def test_duckdb_steers_the_example_as_numpy_does(example_parquet: Path, as_of: dt.date) -> None:
    by_numpy = Session.open(PLAN, transactions=example_parquet, engine="numpy")
    by_duckdb = Session.open(PLAN, transactions=example_parquet, engine="duckdb")
    assert isinstance(by_duckdb.ledger, ScannedLedger)
    a, b = by_numpy.steer(as_of), by_duckdb.steer(as_of)
    assert_same_steering(a, b)
    # a product-scoped KPI is measured, not n/a
    gps = b.kpi("gps-mois")
    assert gps.value is not None and gps.value > 0
    assert gps.value == a.kpi("gps-mois").value
    # the views measure the groups on the same tables (no second pass over the lines)
    for by in ("owner", "typology"):
        va, vb = by_numpy.view(a, by), by_duckdb.view(b, by)
        assert len(va.groups) == len(vb.groups)
        for ga, gb in zip(va.groups, vb.groups, strict=True):
            for ka, kb in zip(ga.kpis, gb.kpis, strict=True):
                _same(ka, kb, f"{by} {ga.key} {ka.id}")


def test_track_engine_duckdb_prints_the_numpy_dashboard(
        example_parquet: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pacspec.cli import main

    out = []
    for engine in ("numpy", "duckdb"):
        code = main(["track", str(PLAN), "--transactions", str(example_parquet),
                     "--engine", engine, "--as-of", "2026-06-30", "--format", "json"])
        assert code in (0, 1)
        out.append(json.loads(capsys.readouterr().out))
    assert out[0] == out[1]
    assert out[1]["steering"]["kpis"]


@pytest.mark.parametrize("by", ["owner", "commercial", "typology"])
def test_track_by_a_group_on_duckdb_is_numpys(example_parquet: Path, by: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """The views' action parts (realised and N−1 per group) come from the engine's tables
    too, not from the (empty) lines of a scanned ledger."""
    from pacspec.cli import main

    out = []
    for engine in ("numpy", "duckdb"):
        code = main(["track", str(PLAN), "--transactions", str(example_parquet),
                     "--engine", engine, "--as-of", "2026-06-30", "--format", "json",
                     "--by", by])
        assert code in (0, 1)
        out.append(capsys.readouterr().out)
    assert out[0] == out[1]
    assert '"realised": 0.0' not in out[1] or '"realised": 0.0' in out[0]


# ------------------------------------------------------------------------------ generated

CLIENTS = [f"C{i:04d}" for i in range(1, 41)]  # the example register's first clients
D0 = (dt.date(2024, 1, 1) - dt.date(1970, 1, 1)).days
D1 = (dt.date(2026, 10, 31) - dt.date(1970, 1, 1)).days

_line = st.tuples(
    st.integers(0, len(CLIENTS) + 4),  # a few clients not in the register
    st.integers(D0, D1),
    st.sampled_from([0, 1, 2, 5, 10, 50]),  # days to the line's order's first day
    st.one_of(st.integers(-50_000, 400_000), st.just(0)),  # cents; credit notes, zeros
    st.integers(0, 60),  # the order: shared between lines, or none
    st.integers(-2, 9),  # quantity
    st.sampled_from(PRODUCTS),
)


def _generated(path: Path, lines: list[tuple[int, ...]]) -> Path:
    client, day, amount, invoice, quantity, product = [], [], [], [], [], []
    for who, d, spread, cents, order, qty, prod in lines:
        client.append(CLIENTS[who] if who < len(CLIENTS) else f"X{who:03d}")
        day.append(min(D1, d + spread) if order % 3 == 0 else d)
        amount.append(cents / 100)
        invoice.append(None if order == 0 else f"F{order:03d}-{who}")
        quantity.append(float(qty))
        product.append(prod)
    return _write(path, client, day, amount, invoice, quantity, product)


# each example opens the plan twice and steers it: few examples, no shrinking (minutes)
@settings(max_examples=6, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_line, min_size=40, max_size=250),
       as_of=st.sampled_from([dt.date(2026, 2, 28), dt.date(2026, 6, 30),
                              dt.date(2026, 10, 15)]))
def test_generated_ledgers_steer_the_same(tmp_path: Path, lines: list[tuple[int, ...]],
                                          as_of: dt.date) -> None:
    path = _generated(tmp_path / f"g{abs(hash(tuple(lines))) % 10**9}.parquet", lines)
    by_numpy = Session.open(PLAN, transactions=path, engine="numpy", bad_rows="skip")
    by_duckdb = Session.open(PLAN, transactions=path, engine="duckdb", bad_rows="skip")
    assert_same_steering(by_numpy.steer(as_of), by_duckdb.steer(as_of))


@settings(max_examples=10, deadline=None,
          phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_line, min_size=1, max_size=200),
       patterns=st.sampled_from([(), ("GPS*",), ("SONAR-PRO", "CHART-?U"), ("NONE*",)]))
def test_the_sql_tables_are_numpys(tmp_path: Path, lines: list[tuple[int, ...]],
                                   patterns: tuple[str, ...]) -> None:
    """Figures of overlapping spans, the first purchase and the N−1 daily table of a
    scope, DuckDB against numpy on the same lines (per client; per day summed)."""
    path = _generated(tmp_path / f"t{abs(hash((tuple(lines), patterns))) % 10**9}.parquet",
                      lines)
    numpy_ledger = Session.open(PLAN, transactions=path, engine="numpy", bad_rows="skip")
    scanned = Session.open(PLAN, transactions=path, engine="duckdb", bad_rows="skip")
    numpy_ledger.evaluate(dt.date(2026, 6, 30))
    scanned.evaluate(dt.date(2026, 6, 30))  # numbers the clients
    assert [str(c) for c in numpy_ledger.ledger.client_ids] == \
        [str(c) for c in scanned.ledger.client_ids]
    ours = NumpyTables(numpy_ledger.ledger)
    theirs = get_engine("duckdb").tables(scanned.ledger)  # type: ignore[attr-defined]
    spans = [(D0, D0 + 400), (D0 + 100, D0 + 500), (D0 + 366, D1 + 1), (D1 - 30, D1 + 1)]
    counts = [True, False, True, True]
    for x, y in zip(ours.figures(patterns, spans, counts),
                    theirs.figures(patterns, spans, counts), strict=True):
        assert np.array_equal(x.revenue, y.revenue)
        assert (x.orders is None) == (y.orders is None)
        if x.orders is not None:
            assert np.array_equal(x.orders, y.orders)
            assert np.array_equal(x.units, y.units)
    assert np.array_equal(ours.first_purchase(patterns), theirs.first_purchase(patterns))
    n = ours.n_clients
    span = (D0 + 200, D0 + 565)
    a, b = ours.daily(patterns, span), theirs.daily(patterns, span)
    for field in ("amount", "units", "orders"):
        def by_pair(t: Any, field: str = field) -> dict[tuple[int, int], float]:
            out: dict[tuple[int, int], float] = {}
            for c, d, v in zip(t.client.tolist(), t.day.tolist(),
                               getattr(t, field).tolist(), strict=True):
                out[c, d] = out.get((c, d), 0.0) + v
            return {k: round(v, 6) for k, v in out.items() if round(v, 6) != 0}
        assert by_pair(a) == by_pair(b), field
    assert a.client.max(initial=0) < n


def test_matching_is_fnmatch_on_the_product_texts() -> None:
    assert matching(PRODUCTS, ("GPS*",)) == ["GPS-HANDHELD", "GPS-FIXED"]
    assert matching(PRODUCTS, ("CHART-[A-Z]U", "sonar*")) == ["CHART-EU"]
    assert matching(PRODUCTS, ()) == []


@pytest.mark.spark
def test_spark_steers_the_example_and_a_generated_ledger_as_numpy_does(
        example_parquet: Path, tmp_path: Path) -> None:
    from backend_helpers import local_spark

    spark = local_spark()
    engine = next(spark)
    try:
        as_of = dt.date(2026, 6, 30)
        by_numpy = Session.open(PLAN, transactions=example_parquet, engine="numpy")
        by_spark = Session.open(PLAN, transactions=example_parquet, engine=engine)
        assert isinstance(by_spark.ledger, ScannedLedger)
        assert_same_steering(by_numpy.steer(as_of), by_spark.steer(as_of))
        rng = np.random.default_rng(7)
        lines = [(int(rng.integers(0, 44)), int(rng.integers(D0, D1)),
                  int(rng.choice([0, 1, 5, 50])), int(rng.integers(-50_000, 400_000)),
                  int(rng.integers(0, 60)), int(rng.integers(-2, 9)),
                  str(rng.choice(PRODUCTS))) for _ in range(300)]
        path = _generated(tmp_path / "g.parquet", lines)
        by_numpy = Session.open(PLAN, transactions=path, engine="numpy", bad_rows="skip")
        by_spark = Session.open(PLAN, transactions=path, engine=engine, bad_rows="skip")
        assert_same_steering(by_numpy.steer(as_of), by_spark.steer(as_of))
    finally:
        next(spark, None)  # stops the session


def test_numpy_tables_refuse_a_scanned_ledger(example_parquet: Path) -> None:
    """Never zeros for lines numpy does not hold: steering a scanned ledger without its
    engine's tables is a clear error."""
    from pacspec.diagnostics import EvaluationError
    from pacspec.engine.steering import steer

    session = Session.open(PLAN, transactions=example_parquet, engine="duckdb")
    actions = session.actions()
    with pytest.raises(EvaluationError) as info:
        steer(session.plan, session.ledger, dt.date(2026, 6, 30), actions)
    assert info.value.problems[0].code == "engine-mismatch"


_PADS = ["", " ", "\t", "\u00a0", "\n", " \u3000", "\r\n"]


@settings(max_examples=4, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=st.lists(st.tuples(_line, st.sampled_from(_PADS), st.sampled_from(_PADS)),
                      min_size=30, max_size=150))
def test_ids_and_products_padded_with_white_space_read_alike(
        tmp_path: Path, lines: list[tuple[Any, str, str]]) -> None:
    """Client ids and product texts with tabs, line breaks or no-break spaces around them
    are trimmed by the SQL engines as the numpy ingestion trims them (``str.strip()``;
    an SQL ``TRIM`` alone trims spaces only): the same clients, products and steering."""
    path = _generated(tmp_path / f"p{abs(hash(tuple(lines))) % 10**9}.parquet",
                      [line for line, _, _ in lines])
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    ids = [f"{left}{c}{right}" for c, (_, left, right) in
           zip(table.column("client").to_pylist(), lines, strict=True)]
    products = [f"{right}{p}{left}" for p, (_, left, right) in
                zip(table.column("product").to_pylist(), lines, strict=True)]
    table = table.set_column(0, "client", pa.array(ids, pa.string()))
    table = table.set_column(table.schema.get_field_index("product"), "product",
                             pa.array(products, pa.string()))
    pq.write_table(table, path)
    by_numpy = Session.open(PLAN, transactions=path, engine="numpy", bad_rows="skip")
    by_duckdb = Session.open(PLAN, transactions=path, engine="duckdb", bad_rows="skip")
    as_of = dt.date(2026, 6, 30)
    assert_same_steering(by_numpy.steer(as_of), by_duckdb.steer(as_of))
    assert [str(c) for c in by_numpy.ledger.client_ids] == \
        [str(c) for c in by_duckdb.ledger.client_ids]
    scanned = by_duckdb.ledger
    assert isinstance(scanned, ScannedLedger) and scanned.source is not None
    engine = get_engine("duckdb")
    assert sorted(engine.products(scanned.source)) == sorted(  # type: ignore[attr-defined]
        str(p) for p in by_numpy.ledger.products)
