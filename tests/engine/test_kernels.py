"""The engine's array kernels against the plain-Python reference, and their invariants.

Amounts and values in the property tests are multiples of 1/4 with small magnitudes, so
every float sum is exact whatever the order of addition: kernels and reference can be
compared with ``==``, including the RFM code bits (net > 0) and the ABC cuts.
"""

from __future__ import annotations

import datetime
import importlib
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pacspec.calendar import add_months, from_day, to_day
from pacspec.engine import aggregate as aggregate_module
from pacspec.engine.abc import abc_classes, abc_thresholds, class_summary, pareto_curve
from pacspec.engine.aggregate import (
    NO_DAY,
    ClientAggregates,
    aggregate,
    code_from_periods,
    code_to_str,
)
from pacspec.engine.periods import period_edges, period_labels
from pacspec.engine.scores import quantile_cuts, quantile_scores, scores_from_cuts

try:
    from tests import reference as ref
except ImportError:  # tests/ is not a package and not importable as one: pytest put it on sys.path
    ref = importlib.import_module("reference")


def fixed(max_examples: int) -> settings:
    """Deterministic hypothesis settings (same examples on every run)."""
    return settings(
        max_examples=max_examples,
        derandomize=True,
        deadline=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.function_scoped_fixture,
        ],
    )


D = to_day
UNITS = ("month", "quarter", "half", "year")

# -- periods ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "unit", "count", "include_current", "first", "end"),
    [
        # as_of on the last day of a quarter: that quarter is complete and included.
        (datetime.date(2025, 12, 31), "quarter", 4, False, "2025-01-01", "2026-01-01"),
        (datetime.date(2025, 12, 30), "quarter", 4, False, "2024-10-01", "2025-10-01"),
        (datetime.date(2025, 12, 30), "quarter", 4, True, "2025-01-01", "2026-01-01"),
        (datetime.date(2025, 12, 31), "quarter", 4, True, "2025-01-01", "2026-01-01"),
        (datetime.date(2026, 1, 1), "quarter", 4, False, "2025-01-01", "2026-01-01"),
        (datetime.date(2026, 1, 1), "quarter", 4, True, "2025-04-01", "2026-04-01"),
        (datetime.date(2025, 3, 31), "month", 3, False, "2025-01-01", "2025-04-01"),
        (datetime.date(2025, 3, 30), "month", 3, False, "2024-12-01", "2025-03-01"),
        (datetime.date(2024, 2, 29), "month", 1, False, "2024-02-01", "2024-03-01"),
        (datetime.date(2024, 2, 28), "month", 2, True, "2024-01-01", "2024-03-01"),
        (datetime.date(2025, 6, 30), "half", 2, False, "2024-07-01", "2025-07-01"),
        (datetime.date(2025, 6, 29), "half", 2, False, "2024-01-01", "2025-01-01"),
        (datetime.date(2025, 6, 29), "half", 1, True, "2025-01-01", "2025-07-01"),
        (datetime.date(2025, 12, 31), "year", 2, False, "2024-01-01", "2026-01-01"),
        (datetime.date(2025, 12, 30), "year", 2, False, "2023-01-01", "2025-01-01"),
        (datetime.date(2025, 7, 14), "year", 1, True, "2025-01-01", "2026-01-01"),
    ],
)
def test_period_edges_examples(
    as_of: datetime.date, unit: Any, count: int, include_current: bool, first: str, end: str
) -> None:
    edges = period_edges(as_of, unit, count, include_current)
    assert edges.dtype == np.int64
    assert len(edges) == count + 1
    assert from_day(int(edges[0])).isoformat() == first
    assert from_day(int(edges[-1])).isoformat() == end


def test_period_edges_quarters_are_calendar_quarters() -> None:
    edges = period_edges(datetime.date(2025, 12, 31), "quarter", 4)
    assert [from_day(int(e)).isoformat() for e in edges] == [
        "2025-01-01",
        "2025-04-01",
        "2025-07-01",
        "2025-10-01",
        "2026-01-01",
    ]
    assert period_labels(edges, "quarter") == ["T1 2025", "T2 2025", "T3 2025", "T4 2025"]
    assert period_labels(edges, "quarter", "en") == ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]


def test_period_labels_per_unit() -> None:
    as_of = datetime.date(2025, 6, 30)
    assert period_labels(period_edges(as_of, "month", 2), "month") == ["2025-05", "2025-06"]
    assert period_labels(period_edges(as_of, "half", 2), "half") == ["S2 2024", "S1 2025"]
    assert period_labels(period_edges(as_of, "half", 1), "half", "en-GB") == ["H1 2025"]
    assert period_labels(period_edges(as_of, "year", 2, True), "year", "fr_FR") == [
        "2024",
        "2025",
    ]
    with pytest.raises(ValueError, match="locale"):
        period_labels(period_edges(as_of, "year", 1), "year", "de")


def test_period_edges_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unit"):
        period_edges(datetime.date(2025, 1, 1), "week", 4)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="count"):
        period_edges(datetime.date(2025, 1, 1), "month", 0)


@fixed(200)
@given(
    as_of=st.dates(datetime.date(1990, 1, 1), datetime.date(2100, 12, 31)),
    unit=st.sampled_from(UNITS),
    count=st.integers(1, 14),
    include_current=st.booleans(),
)
def test_period_edges_match_reference(
    as_of: datetime.date, unit: Any, count: int, include_current: bool
) -> None:
    edges = period_edges(as_of, unit, count, include_current)
    assert edges.tolist() == ref.ref_period_edges(as_of, unit, count, include_current)
    assert period_labels(edges, unit) == ref.ref_period_labels(edges.tolist(), unit, "fr")
    assert period_labels(edges, unit, "en") == ref.ref_period_labels(edges.tolist(), unit, "en")
    # The last period ends on or before as_of + 1 (complete) unless include_current,
    # in which case it contains as_of.
    step = {"month": 1, "quarter": 3, "half": 6, "year": 12}[unit]
    if include_current:
        assert edges[-2] <= D(as_of) < edges[-1]
    else:
        assert edges[-1] <= D(as_of) + 1 < D(add_months(from_day(int(edges[-1])), step))


@fixed(300)
@given(d=st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)), k=st.integers(-400, 400))
def test_add_months_and_day_round_trip(d: datetime.date, k: int) -> None:
    assert add_months(d, k) == ref.ref_add_months(d, k)
    assert from_day(to_day(d)) == d
    assert to_day(d) == (np.datetime64(d.isoformat(), "D").astype(np.int64))


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2024, 3, 31), -1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2025, 11, 15), 2) == datetime.date(2026, 1, 15)


# -- RFM code --------------------------------------------------------------------------


def test_code_to_str() -> None:
    assert code_to_str(3, 4) == "0011"
    assert code_to_str(0, 4) == "0000"
    assert code_to_str(15, 4) == "1111"
    assert code_to_str(8, 4) == "1000"
    assert code_to_str(5, 0) == ""
    assert code_to_str(np.array([3, 4, 15]), 4).tolist() == ["0011", "0100", "1111"]
    assert code_to_str(np.array([], dtype=np.int64), 4).tolist() == []
    assert code_to_str(np.array([[1], [2]]), 2).tolist() == [["01"], ["10"]]


@fixed(100)
@given(st.lists(st.integers(0, 2**12 - 1), max_size=20), st.integers(12, 62))
def test_code_to_str_matches_reference(codes: list[int], n_periods: int) -> None:
    expected = [ref.ref_code_to_str(c, n_periods) for c in codes]
    assert code_to_str(np.array(codes, dtype=np.int64), n_periods).tolist() == expected
    assert [code_to_str(c, n_periods) for c in codes] == expected


def test_code_most_recent_period_is_lowest_bit() -> None:
    # bought in the last two of four quarters -> 0011 = 3
    period_revenue = np.array([[0.0, 0.0, 5.0, 1.0], [1.0, -1.0, 0.0, 0.0]])
    assert code_from_periods(period_revenue).tolist() == [3, 8]


# -- aggregates ------------------------------------------------------------------------

AS_OF_CHOICES = [
    datetime.date(2025, 12, 31),
    datetime.date(2025, 12, 30),
    datetime.date(2025, 3, 31),
    datetime.date(2025, 4, 1),
    datetime.date(2024, 2, 29),
    datetime.date(2025, 8, 17),
]
ORDER_MODES = ("none", "small", "functional", "sequential", "week", "sparse", "huge")


@st.composite
def ledgers(draw: st.DrawFn, max_rows: int = 40) -> dict[str, Any]:
    unit = draw(st.sampled_from(UNITS[:3]))
    count = draw(st.integers(1, 4))
    as_of_date = draw(
        st.one_of(
            st.sampled_from(AS_OF_CHOICES),
            st.dates(datetime.date(2024, 1, 1), datetime.date(2026, 12, 31)),
        )
    )
    include_current = draw(st.booleans())
    edges = period_edges(as_of_date, unit, count, include_current)
    as_of = D(as_of_date)
    lo, hi = int(edges[0]) - 60, max(as_of, int(edges[-1])) + 40
    if draw(st.booleans()):
        window = (int(edges[0]), int(edges[-1]))
    else:
        a, b = draw(st.integers(lo, hi)), draw(st.integers(lo, hi))
        window = (min(a, b), max(a, b))
    specials = sorted(
        {*edges.tolist(), *(edges - 1).tolist(), as_of - 1, as_of, as_of + 1, *window}
        | {window[0] - 1, window[1] - 1}
    )
    n_clients = draw(st.integers(1, 7))
    day = st.one_of(st.sampled_from(specials), st.integers(lo, hi))
    amount = st.one_of(st.integers(-40, 120).map(lambda x: x / 4), st.just(0.0))
    rows = draw(
        st.lists(
            st.tuples(
                st.integers(0, n_clients - 1),
                day,
                amount,
                st.integers(-2, 5),
                st.integers(-3, 9).map(float),
            ),
            max_size=max_rows,
        )
    )
    if draw(st.booleans()):
        rows.sort(key=lambda r: r[1])
    mode = draw(st.sampled_from(ORDER_MODES))
    orders: list[int] | None
    if mode == "none":
        orders = None
    elif mode == "small":
        orders = [r[3] for r in rows]
    elif mode == "functional":
        orders = [r[0] * 10 + r[3] for r in rows]
    elif mode == "sequential":
        # one order per (day, client), numbered in row order: sorted when rows are
        seen: dict[tuple[int, int], int] = {}
        orders = [seen.setdefault((r[1], r[0]), len(seen)) for r in rows]
    elif mode == "week":
        orders = [r[1] // 7 for r in rows]
    elif mode == "sparse":
        orders = [r[3] * 10**12 + r[0] for r in rows]
    else:
        orders = [r[3] * 2**59 for r in rows]
    with_quantity = draw(st.booleans())
    return {
        "rows": [
            ref.Row(
                client=r[0],
                day=r[1],
                amount=r[2],
                order=orders[i] if orders is not None else None,
                quantity=r[4] if with_quantity else None,
            )
            for i, r in enumerate(rows)
        ],
        "n_clients": n_clients,
        "edges": edges,
        "window": window,
        "as_of": as_of,
        "use_orders": orders is not None,
        "with_quantity": with_quantity,
    }


def run_kernel(ledger: dict[str, Any], **options: Any) -> ClientAggregates:
    rows = ledger["rows"]
    return aggregate(
        np.array([r.client for r in rows], dtype=np.int64),
        np.array([r.day for r in rows], dtype=np.int64),
        np.array([r.amount for r in rows], dtype=np.float64),
        n_clients=ledger["n_clients"],
        edges=ledger["edges"],
        window=ledger["window"],
        as_of=ledger["as_of"],
        order=np.array([r.order for r in rows], dtype=np.int64) if ledger["use_orders"] else None,
        quantity=(
            np.array([r.quantity for r in rows], dtype=np.float64)
            if ledger["with_quantity"]
            else None
        ),
        **options,
    )


def run_reference(ledger: dict[str, Any]) -> ref.RefAggregates:
    return ref.ref_aggregate(
        ledger["rows"],
        ledger["n_clients"],
        ledger["edges"].tolist(),
        ledger["window"],
        ledger["as_of"],
        ledger["use_orders"],
    )


FIELDS = (
    "revenue",
    "orders",
    "units",
    "first_purchase",
    "last_purchase",
    "period_revenue",
    "code",
    "history_revenue",
)


def assert_same(a: ClientAggregates, b: ClientAggregates) -> None:
    assert a.n_clients == b.n_clients
    for name in FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype, name
        assert np.array_equal(x, y), name


def assert_matches_reference(got: ClientAggregates, expected: ref.RefAggregates) -> None:
    n = got.n_clients
    assert got.revenue.dtype == np.float64 and got.revenue.shape == (n,)
    assert got.orders.dtype == np.int64 and got.code.dtype == np.int64
    assert got.first_purchase.dtype == np.int64 and got.last_purchase.dtype == np.int64
    assert got.period_revenue.dtype == np.float64
    assert got.period_revenue.shape == (n, len(expected.period_revenue[0]) if n else 0) or n == 0
    for name in FIELDS:
        assert getattr(got, name).tolist() == getattr(expected, name), name


@fixed(300)
@given(ledgers())
def test_aggregate_matches_reference(ledger: dict[str, Any]) -> None:
    got = run_kernel(ledger, workers=1)
    assert_matches_reference(got, run_reference(ledger))


@fixed(100)
@given(ledger=ledgers())
def test_aggregate_workers_and_chunks_do_not_change_results(
    ledger: dict[str, Any], monkeypatch_chunk: None
) -> None:
    serial = run_kernel(ledger, workers=1)
    assert_same(serial, run_kernel(ledger, workers=2))


@pytest.fixture
def monkeypatch_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiny row blocks and no minimum size, so that small ledgers do use threads."""
    monkeypatch.setattr(aggregate_module, "_CHUNK", 3)
    monkeypatch.setattr(aggregate_module, "_PARALLEL_MIN_ROWS", 0)


@fixed(80)
@given(ledgers(), st.sampled_from(["client", "order"]))
def test_merge_of_disjoint_chunks_equals_whole(ledger: dict[str, Any], split: str) -> None:
    rows = ledger["rows"]
    if split == "order":
        assume(ledger["use_orders"])
        keys = [r.order for r in rows]
    else:
        keys = [r.client for r in rows]
    part_a = {**ledger, "rows": [r for r, k in zip(rows, keys, strict=True) if k % 2 == 0]}
    part_b = {**ledger, "rows": [r for r, k in zip(rows, keys, strict=True) if k % 2 != 0]}
    merged = run_kernel(part_a).merge(run_kernel(part_b))
    assert_same(merged, run_kernel(ledger))
    empty = ClientAggregates.empty(ledger["n_clients"], len(ledger["edges"]) - 1)
    assert_same(empty.merge(merged), merged)


def test_aggregate_all_zero_amounts() -> None:
    edges = period_edges(datetime.date(2025, 12, 31), "quarter", 4)
    rows = [ref.Row(client=c, day=int(edges[c % 4]), amount=0.0, order=c) for c in range(6)]
    ledger = {
        "rows": rows,
        "n_clients": 8,
        "edges": edges,
        "window": (int(edges[0]), int(edges[-1])),
        "as_of": int(edges[-1]) - 1,
        "use_orders": True,
        "with_quantity": False,
    }
    got = run_kernel(ledger)
    assert_matches_reference(got, run_reference(ledger))
    assert not got.code.any() and not got.orders.any()
    assert np.all(got.first_purchase == NO_DAY)


def test_aggregate_paths_agree_on_a_larger_ledger() -> None:
    """Day-sorted and shuffled rows, 1 and 2 threads, with real block sizes: same results."""
    rng = np.random.default_rng(7)
    n_rows, n_clients = 150_000, 20_000
    edges = period_edges(datetime.date(2025, 12, 31), "quarter", 4)
    day = np.sort(rng.integers(int(edges[0]) - 400, int(edges[-1]) + 30, n_rows))
    client = rng.integers(0, n_clients, n_rows) ** 2 // n_clients  # skewed
    amount = rng.integers(-200, 1000, n_rows) / 4  # exact sums in any order
    order = np.cumsum(rng.random(n_rows) < 0.4)  # sequential order ids, several lines each
    order_client = client[np.searchsorted(order, order)]  # one client per order
    quantity = rng.integers(-2, 9, n_rows).astype(np.float64)
    args: dict[str, Any] = {
        "n_clients": n_clients,
        "edges": edges,
        "window": (int(edges[0]), int(edges[-1])),
        "as_of": int(edges[-1]) - 1,
    }
    shuffle = rng.permutation(n_rows)
    for orders in (order, None):
        results = []
        for permutation in (np.arange(n_rows), shuffle):
            for workers in (1, 2):
                results.append(
                    aggregate(
                        order_client[permutation],
                        day[permutation],
                        amount[permutation],
                        order=None if orders is None else orders[permutation],
                        quantity=quantity[permutation],
                        workers=workers,
                        **args,
                    )
                )
        for other in results[1:]:
            assert_same(results[0], other)
    assert results[0].orders.sum() > 0 and results[0].code.any()


def test_aggregate_small_example() -> None:
    edges = period_edges(datetime.date(2025, 12, 31), "quarter", 4)
    day = np.array(
        [
            D(datetime.date(2025, 11, 3)),  # client 0, Q4
            D(datetime.date(2025, 11, 3)),  # same order
            D(datetime.date(2025, 8, 1)),  # client 0, Q3
            D(datetime.date(2024, 12, 31)),  # client 1, before the window
            D(datetime.date(2025, 2, 1)),  # client 1, Q1 credit note
            D(datetime.date(2026, 1, 1)),  # after as_of: ignored
            D(datetime.date(2025, 12, 31)),  # client 2 exactly on as_of
        ]
    )
    client = np.array([0, 0, 0, 1, 1, 0, 2])
    amount = np.array([100.0, 50.0, 20.0, 70.0, -30.0, 999.0, 10.0])
    order = np.array([1, 1, 2, 3, 4, 5, 6])
    agg = aggregate(
        client,
        day,
        amount,
        n_clients=4,
        edges=edges,
        window=(int(edges[0]), int(edges[-1])),
        as_of=D(datetime.date(2025, 12, 31)),
        order=order,
    )
    assert agg.revenue.tolist() == [170.0, -30.0, 10.0, 0.0]
    assert agg.history_revenue.tolist() == [170.0, 40.0, 10.0, 0.0]
    assert agg.orders.tolist() == [2, 0, 1, 0]
    assert code_to_str(agg.code, 4).tolist() == ["0011", "0000", "0001", "0000"]
    assert agg.first_purchase.tolist() == [
        D(datetime.date(2025, 8, 1)),
        D(datetime.date(2024, 12, 31)),
        D(datetime.date(2025, 12, 31)),
        NO_DAY,
    ]
    assert agg.last_purchase[0] == D(datetime.date(2025, 11, 3))
    assert agg.units.tolist() == [0.0] * 4


def test_aggregate_empty_ledger_and_no_clients() -> None:
    edges = period_edges(datetime.date(2025, 12, 31), "quarter", 4)
    empty = np.zeros(0, dtype=np.int64)
    for n_clients in (0, 3):
        agg = aggregate(
            empty,
            empty,
            np.zeros(0),
            n_clients=n_clients,
            edges=edges,
            window=(int(edges[0]), int(edges[-1])),
            as_of=int(edges[-1]) - 1,
        )
        assert_same(agg, ClientAggregates.empty(n_clients, 4))


def test_decimals_make_cancelling_amounts_exact() -> None:
    edges = period_edges(datetime.date(2025, 12, 31), "quarter", 1)
    day = np.full(3, int(edges[0]))
    amount = np.array([10.10, 20.20, -30.30])
    args: dict[str, Any] = {
        "n_clients": 1,
        "edges": edges,
        "window": (int(edges[0]), int(edges[-1])),
        "as_of": int(edges[-1]) - 1,
    }
    assert 10.10 + 20.20 - 30.30 != 0  # the float noise the option removes
    exact = aggregate(np.zeros(3, dtype=np.int64), day, amount, decimals=2, **args)
    assert exact.revenue.tolist() == [0.0]
    assert exact.code.tolist() == [0]
    assert exact.first_purchase.tolist() == [int(edges[0])]


@fixed(100)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(-5000, 20000).map(lambda c: c / 100)),
        max_size=30,
    )
)
def test_decimals_sums_are_exact_decimal_sums(rows: list[tuple[int, float]]) -> None:
    edges = period_edges(datetime.date(2025, 12, 31), "quarter", 2)
    n = len(rows)
    agg = aggregate(
        np.array([r[0] for r in rows], dtype=np.int64),
        np.full(n, int(edges[1])),
        np.array([r[1] for r in rows]),
        n_clients=4,
        edges=edges,
        window=(int(edges[0]), int(edges[-1])),
        as_of=int(edges[-1]) - 1,
        decimals=2,
    )
    for c in range(4):
        exact = sum((Fraction(str(a)) for k, a in rows if k == c), Fraction(0))
        assert agg.revenue[c] == float(exact)
        assert agg.code[c] == (1 if exact > 0 else 0)


def test_aggregate_rejects_bad_input() -> None:
    edges = period_edges(datetime.date(2025, 12, 31), "quarter", 4)
    good: dict[str, Any] = {
        "n_clients": 2,
        "edges": edges,
        "window": (int(edges[0]), int(edges[-1])),
        "as_of": int(edges[-1]) - 1,
    }
    one = np.array([int(edges[0])])
    with pytest.raises(ValueError, match="client ids"):
        aggregate(np.array([2]), one, np.array([1.0]), **good)
    with pytest.raises(ValueError, match="client ids"):
        aggregate(np.array([-1]), one, np.array([1.0]), **good)
    with pytest.raises(ValueError, match="shape"):
        aggregate(np.array([0, 1]), one, np.array([1.0]), **good)
    with pytest.raises(ValueError, match="increasing"):
        aggregate(np.array([0]), one, np.array([1.0]), **{**good, "edges": edges[::-1]})
    with pytest.raises(ValueError, match="window"):
        aggregate(np.array([0]), one, np.array([1.0]), **{**good, "window": (10, 5)})


# -- ABC -------------------------------------------------------------------------------

quarter_values = st.integers(-40, 400).map(lambda x: x / 4)
value_lists = st.lists(st.one_of(quarter_values, st.just(0.0), st.sampled_from([5.0, 10.0])))
CUT_CHOICES = st.sampled_from([(0.80, 0.95), (0.20, 0.70), (0.5,), (0.0, 0.5), (0.8, 0.8, 1.0)])


@fixed(250)
@given(value_lists, CUT_CHOICES, st.sampled_from(["revenue", "clients"]))
def test_abc_matches_reference(values: list[float], cuts: tuple[float, ...], basis: Any) -> None:
    got = abc_classes(np.array(values, dtype=np.float64), cuts, basis)
    assert got.dtype == np.int8
    assert got.tolist() == ref.ref_abc_classes(values, cuts, basis)


@fixed(150)
@given(value_lists, st.sampled_from(["revenue", "clients"]), st.randoms(use_true_random=False))
def test_abc_invariants(values: list[float], basis: Any, random: Any) -> None:
    cuts = (0.80, 0.95) if basis == "revenue" else (0.20, 0.70)
    v = np.array(values, dtype=np.float64)
    classes = abc_classes(v, cuts, basis)
    n_classes = len(cuts) + 1
    # a partition of the ranked clients: every client with a positive value has exactly one
    # class in range, every other client none (-1, "sans CA")
    assert classes.shape == v.shape
    positive = v > 0
    assert np.all((classes[positive] >= 0) & (classes[positive] < n_classes))
    assert np.all(classes[~positive] == -1)
    counts = np.bincount(classes[positive].astype(np.intp), minlength=n_classes)
    assert int(counts.sum()) == int(positive.sum())
    # monotone: a better value never gets a worse class; equal values, equal class
    for k in range(n_classes - 1):
        upper, lower = v[positive & (classes == k)], v[positive & (classes == k + 1)]
        if len(upper) and len(lower):
            assert upper.min() > lower.max()
    for value in np.unique(v):
        assert len(np.unique(classes[v == value])) == 1
    # A is the smallest top set reaching the first cut, tie groups taken whole
    exact = [Fraction(x) for x in values]
    positives = [x for x in exact if x > 0]
    cut = Fraction(str(cuts[0]))
    if positives:
        total = sum(positives, Fraction(0))
        members = sorted((x for x, c in zip(exact, classes, strict=True) if c == 0), reverse=True)

        def share(xs: list[Fraction]) -> Fraction:
            if basis == "revenue":
                return sum(xs, Fraction(0)) / total
            return Fraction(len(xs), len(positives))

        assert share(members) >= cut or len(members) == len(positives)
        if members:
            assert share([x for x in members if x != members[-1]]) < cut
    else:
        assert np.all(classes == -1)
    # permutation and scaling by a power of two (exact in floating point) change nothing
    permutation = list(range(len(values)))
    random.shuffle(permutation)
    permuted = abc_classes(v[permutation], cuts, basis)
    assert np.array_equal(permuted, classes[permutation])
    for factor in (2.0**-7, 4.0, 2.0**40):
        assert np.array_equal(abc_classes(v * factor, cuts, basis), classes)


def test_abc_examples() -> None:
    # 80 % is reached by the second client: both are A; the one after is B.
    values = np.array([50.0, 30.0, 15.0, 5.0, 0.0, -3.0])
    assert abc_classes(values).tolist() == [0, 0, 1, 2, -1, -1]
    # crossing 80 %: the first client holds 90 %, it alone is A
    assert abc_classes(np.array([90.0, 6.0, 4.0])).tolist() == [0, 1, 2]
    # ties take the better class, even when the group straddles the cut
    assert abc_classes(np.array([40.0, 40.0, 10.0, 10.0])).tolist() == [0, 0, 1, 1]
    assert abc_classes(np.array([0.0, -1.0])).tolist() == [-1, -1]
    assert abc_classes(np.zeros(0)).tolist() == []
    # basis clients: shares before are rank / n with n counting the ranked clients only
    assert abc_classes(np.array([3.0, 2.0, 1.0, 0.0, 0.0, -1.0]), (0.2, 0.7),
                       "clients").tolist() == [0, 1, 1, -1, -1, -1]
    assert abc_classes(np.arange(10.0, 0.0, -1.0), (0.2, 0.7), "clients").tolist() == [
        0,
        0,
        1,
        1,
        1,
        1,
        1,
        2,
        2,
        2,
    ]
    assert abc_thresholds(np.array([50.0, 30.0, 15.0, 5.0])).tolist() == [30.0, 15.0]
    with pytest.raises(ValueError, match="basis"):
        abc_classes(values, basis="profit")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cuts"):
        abc_classes(values, (0.9, 0.5))


def test_class_summary() -> None:
    classes = np.array([0, 0, 1, 2, 2], dtype=np.int8)
    values = np.array([50.0, 30.0, 15.0, 5.0, 0.0])
    counts, client_shares, sums, value_shares = class_summary(classes, values, 3)
    assert counts.tolist() == [2, 1, 2]
    assert client_shares.tolist() == [0.4, 0.2, 0.4]
    assert sums.tolist() == [80.0, 15.0, 5.0]
    assert value_shares.tolist() == [0.8, 0.15, 0.05]
    counts, client_shares, sums, value_shares = class_summary(
        np.zeros(0, dtype=np.int8), np.zeros(0), 3
    )
    assert counts.tolist() == [0, 0, 0] and client_shares.tolist() == [0.0] * 3
    assert value_shares.tolist() == [0.0] * 3
    _, _, _, value_shares = class_summary(np.array([2, 2]), np.array([0.0, 0.0]), 3)
    assert value_shares.tolist() == [0.0] * 3


def test_pareto_curve() -> None:
    x, y = pareto_curve(np.array([60.0, 30.0, 10.0, 0.0]), points=5)
    assert x.tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    # the client shares are over the 3 ranked clients (the one at 0 has no class)
    assert y.tolist() == pytest.approx([0.0, 0.45, 0.75, 0.925, 1.0])
    x, y = pareto_curve(np.zeros(3))
    assert len(x) == 101 and not y.any()
    _, y = pareto_curve(np.array([3.0, 1.0, 2.0, -5.0]), points=11)
    assert np.all(np.diff(y) >= 0) and y[-1] == 1.0


# -- scores ----------------------------------------------------------------------------

score_values = st.lists(
    st.one_of(st.integers(-20, 200).map(lambda x: x / 4), st.sampled_from([0.0, 7.0])),
    max_size=60,
)


@fixed(250)
@given(score_values, st.integers(1, 12), st.booleans())
def test_scores_match_reference(values: list[float], n_bins: int, higher: bool) -> None:
    v = np.array(values, dtype=np.float64)
    cuts = quantile_cuts(v, n_bins)
    assert cuts.tolist() == ref.ref_cuts(values, n_bins)
    if values:
        assert cuts == pytest.approx(
            np.quantile(v, np.arange(1, n_bins) / n_bins, method="linear"), rel=1e-12, abs=1e-12
        )
    mask = [i % 3 != 1 for i in range(len(values))]
    scores, used = quantile_scores(v, n_bins, higher, np.array(mask, dtype=bool))
    expected_scores, expected_cuts = ref.ref_quantile_scores(values, n_bins, higher, mask)
    assert scores.dtype == np.int8
    assert scores.tolist() == expected_scores
    assert used.tolist() == expected_cuts


@fixed(200)
@given(score_values.filter(bool), st.integers(1, 10), st.booleans())
def test_score_invariants(values: list[float], n_bins: int, higher: bool) -> None:
    v = np.array(values, dtype=np.float64)
    scores, cuts = quantile_scores(v, n_bins, higher)
    assert np.all((scores >= 1) & (scores <= n_bins))
    assert np.array_equal(scores_from_cuts(v, cuts, n_bins, higher), scores)
    order = np.argsort(v, kind="stable")
    ranked = scores[order] if higher else -scores[order].astype(np.int64)
    assert np.all(np.diff(ranked.astype(np.int64)) >= 0)  # better value, never a worse score
    for value in np.unique(v):
        assert len(np.unique(scores[v == value])) == 1


def test_score_examples() -> None:
    values = np.arange(1.0, 11.0)
    cuts = quantile_cuts(values, 5)
    assert cuts.tolist() == pytest.approx([2.8, 4.6, 6.4, 8.2])
    assert scores_from_cuts(values, cuts, 5).tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert scores_from_cuts(values, cuts, 5, higher_is_better=False).tolist() == [
        5,
        5,
        4,
        4,
        3,
        3,
        2,
        2,
        1,
        1,
    ]
    # all equal: one score for everyone
    assert quantile_scores(np.full(4, 3.0))[0].tolist() == [1, 1, 1, 1]
    assert quantile_cuts(np.zeros(0)).tolist() == []
    scores, cuts = quantile_scores(np.array([5.0, 1.0, 9.0]), mask=np.array([True, False, True]))
    assert scores[1] == 0 and cuts.tolist() == quantile_cuts(np.array([5.0, 9.0])).tolist()
    with pytest.raises(ValueError, match="n_bins"):
        quantile_cuts(values, 0)
