"""What steering reads of the lines on numpy (``NumpyTables``) against a plain-Python
reference, on generated ledgers: product scopes, credit notes and zero lines, orders
over several days or shared by two clients or missing (no order column: purchase days),
whole and fractional quantities, clients without lines, spans starting and ending on
the data's edges, asked in several batches (the segments are cut again), and the lines
in the order drawn, in day order (each span a slice) or by client and order (each
order's lines in a run). Figures are compared to the last bit: revenue and orders are
exact, units are summed in day order as the lines sorted by day sum them."""

from __future__ import annotations

import fnmatch
from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec.engine.aggregate import NO_DAY
from pacspec.engine.backends.scoped import NumpyTables, _words
from pacspec.ingest import Ledger

D0 = 20_000
PRODUCTS = ["AIS-BOX", "GPS-FIXED", "GPS-HANDHELD", "SONAR"]
SCOPES = [(), ("GPS*",), ("SONAR", "AIS-?OX"), ("NONE*",)]
N_CLIENTS = 6  # clients 4 and 5 have no line when drawn so


@dataclass(frozen=True)
class Line:
    client: int
    day: int
    cents: int
    order: int | None  # an invoice number, shared by clients who draw the same one
    quantity: float
    product: int  # index into PRODUCTS, -1: none


_line = st.builds(
    Line,
    client=st.integers(0, 4),
    day=st.integers(0, 40).map(lambda d: D0 + d),
    cents=st.one_of(st.integers(-5_000, 20_000), st.just(0)),
    order=st.one_of(st.none(), st.integers(0, 12)),
    quantity=st.one_of(st.integers(-3, 12).map(float),
                       st.sampled_from([0.1, 0.25, 1.3, -0.7, 2.675])),
    product=st.integers(-1, len(PRODUCTS) - 1))

_layout = st.sampled_from(["drawn", "by_day", "by_client"])


def _ledger(lines: list[Line], layout: str, orders: bool, quantities: bool,
            whole: bool) -> tuple[Ledger, list[Line]]:
    if layout == "by_day":
        lines = sorted(lines, key=lambda x: x.day)  # stable: drawn order within a day
    elif layout == "by_client":
        lines = sorted(lines, key=lambda x: (x.client, -1 if x.order is None else x.order))
    if whole:
        lines = [Line(x.client, x.day, x.cents, x.order, float(round(x.quantity)), x.product)
                 for x in lines]
    codes: dict[int, int] = {}
    for x in lines:  # numbered by first appearance, lines without an id after them
        if x.order is not None:
            codes.setdefault(x.order, len(codes))
    extra = len(codes)
    order = []
    for x in lines:
        if x.order is None:
            order.append(extra)
            extra += 1
        else:
            order.append(codes[x.order])
    ledger = Ledger(
        client_ids=np.array([f"C{i}" for i in range(N_CLIENTS)], dtype=object),
        client=np.array([x.client for x in lines], dtype=np.int64),
        day=np.array([x.day for x in lines], dtype=np.int64),
        amount=np.array([x.cents / 100 for x in lines], dtype=np.float64),
        order=np.array(order, dtype=np.int64) if orders else None,
        quantity=np.array([x.quantity for x in lines]) if quantities else None,
        product_codes=np.array([x.product for x in lines], dtype=np.int8),
        products=np.array(PRODUCTS, dtype=object))
    return ledger, lines


def _in_scope(x: Line, patterns: tuple[str, ...]) -> bool:
    return not patterns or (x.product >= 0 and any(
        fnmatch.fnmatchcase(PRODUCTS[x.product], p) for p in patterns))


def _key(x: Line, i: int, orders: list[int] | None) -> tuple[str, int]:
    return ("order", orders[i]) if orders is not None else ("day", x.day)


def _reference(lines: list[Line], ledger: Ledger, patterns: tuple[str, ...],
               span: tuple[int, int]) -> tuple[list[float], list[int], list[float]]:
    """Per client: revenue (whole cents summed, ÷ 100), distinct orders among purchases
    (lines > 0), units summed line by line in day order (the drawn order within a day)."""
    orders = None if ledger.order is None else ledger.order.tolist()
    cents = [0] * N_CLIENTS
    keys: list[set[tuple[str, int]]] = [set() for _ in range(N_CLIENTS)]
    units = [0.0] * N_CLIENTS
    inside = [(i, x) for i, x in enumerate(lines)
              if _in_scope(x, patterns) and span[0] <= x.day < span[1]]
    for i, x in sorted(inside, key=lambda ix: (ix[1].day, ix[0])):
        cents[x.client] += x.cents
        units[x.client] += x.quantity
        if x.cents > 0:
            keys[x.client].add(_key(x, i, orders))
    return [c / 100 for c in cents], [len(k) for k in keys], units


def _check_figures(tables: NumpyTables, lines: list[Line], ledger: Ledger,
                   patterns: tuple[str, ...], spans: list[tuple[int, int]],
                   counts: list[bool]) -> None:
    found = tables.figures(patterns, spans, counts)
    for span, full, fig in zip(spans, counts, found, strict=True):
        revenue, orders, units = _reference(lines, ledger, patterns, span)
        assert fig.revenue.tolist() == revenue, span
        if fig.orders is None:  # revenue only (a span also asked with counts has them)
            assert not full and fig.units is None
            continue
        assert fig.orders.tolist() == orders, span
        if ledger.quantity is None:
            assert fig.units is None
        else:
            assert fig.units is not None and fig.units.tolist() == units, span


_span = st.tuples(st.integers(-3, 44), st.integers(0, 47)).map(
    lambda t: (D0 + min(t), D0 + max(t)))


@settings(max_examples=300)
@given(lines=st.lists(_line, max_size=60), layout=_layout, orders=st.booleans(),
       quantities=st.booleans(), whole=st.booleans(), patterns=st.sampled_from(SCOPES),
       batches=st.lists(st.lists(st.tuples(_span, st.booleans()), min_size=1, max_size=5),
                        min_size=1, max_size=3))
def test_figures_are_the_plain_sums(lines: list[Line], layout: str, orders: bool,
                                    quantities: bool, whole: bool,
                                    patterns: tuple[str, ...],
                                    batches: list[list[tuple[tuple[int, int], bool]]]
                                    ) -> None:
    ledger, lines = _ledger(lines, layout, orders, quantities, whole)
    tables = NumpyTables(ledger)
    for batch in batches:  # a later batch may end its spans elsewhere: cut again
        _check_figures(tables, lines, ledger, patterns, [s for s, _ in batch],
                       [c for _, c in batch])
    # the first batch again, from the cache or from segments cut since; a span between
    # ends already cut
    first = [s for s, _ in batches[0]]
    _check_figures(tables, lines, ledger, patterns, first, [c for _, c in batches[0]])
    _check_figures(tables, lines, ledger, patterns,
                   [(min(s[0] for s in first), max(s[1] for s in first))], [True])
    # another scope on the same tables (the days are cut once for both)
    other = () if patterns else ("GPS*",)
    _check_figures(tables, lines, ledger, other, first, [c for _, c in batches[0]])


@settings(max_examples=60)
@given(lines=st.lists(_line, min_size=1, max_size=80), layout=_layout,
       ends=st.lists(st.integers(0, 200), min_size=70, max_size=90, unique=True))
def test_more_than_64_segments(lines: list[Line], layout: str, ends: list[int]) -> None:
    """Spans cut the lines into more segments than one 64-bit word holds."""
    lines = [Line(x.client, D0 + (x.day - D0) * 5, x.cents, x.order, x.quantity, x.product)
             for x in lines]
    ledger, lines = _ledger(lines, layout, True, True, True)
    pairs = zip(ends[0::2], ends[1::2], strict=False)
    spans = [(D0 + min(a, b), D0 + max(a, b)) for a, b in pairs]
    _check_figures(NumpyTables(ledger), lines, ledger, (), spans, [True] * len(spans))


@settings(max_examples=200)
@given(lines=st.lists(_line, max_size=60), layout=_layout, orders=st.booleans(),
       patterns=st.sampled_from(SCOPES), span=_span,
       subset=st.lists(st.booleans(), min_size=N_CLIENTS, max_size=N_CLIENTS))
def test_first_purchase_and_daily_table(lines: list[Line], layout: str, orders: bool,
                                        patterns: tuple[str, ...], span: tuple[int, int],
                                        subset: list[bool]) -> None:
    """The first purchase per client; the daily table's per-day sums over a client subset
    (in row order, as a seasonal profile adds them) are the lines' sums in the ledger's
    order, and each order counts once, on its first purchase day in the span."""
    ledger, lines = _ledger(lines, layout, orders, True, False)
    tables = NumpyTables(ledger)
    tables.figures(patterns, [span])  # the daily table after the figures, as steering asks
    first = [NO_DAY] * N_CLIENTS
    for x in lines:
        if _in_scope(x, patterns) and x.cents > 0:
            first[x.client] = x.day if first[x.client] == NO_DAY else min(first[x.client], x.day)
    assert tables.first_purchase(patterns).tolist() == first

    codes = None if ledger.order is None else ledger.order.tolist()
    amount: dict[int, float] = defaultdict(float)
    units: dict[int, float] = defaultdict(float)
    earliest: dict[tuple[int, tuple[str, int]], int] = {}
    for i, x in enumerate(lines):
        if not (_in_scope(x, patterns) and span[0] <= x.day < span[1]):
            continue
        if x.cents > 0:
            pair = (x.client, _key(x, i, codes))
            earliest[pair] = min(earliest.get(pair, x.day), x.day)
        if subset[x.client]:
            amount[x.day] += x.cents / 100
            units[x.day] += x.quantity
    per_pair: dict[tuple[int, int], int] = defaultdict(int)
    for (client, _), day in earliest.items():
        per_pair[client, day] += 1

    table = tables.daily(patterns, span)
    keep = np.asarray(subset)[table.client]
    days = np.unique(table.day[keep])
    for name, expected in (("amount", amount), ("units", units)):
        values = getattr(table, name)[keep]
        sums = {int(d): 0.0 for d in days}
        for d, v in zip(table.day[keep].tolist(), values.tolist(), strict=True):
            sums[d] += v
        assert sums == dict(expected), name
    got: dict[tuple[int, int], int] = defaultdict(int)
    for c, d, o in zip(table.client.tolist(), table.day.tolist(), table.orders.tolist(),
                       strict=True):
        if o:
            got[c, d] += int(o)
    assert dict(got) == dict(per_pair)


def test_words_hold_the_bits_of_a_run_of_segments() -> None:
    assert _words(slice(0, 0), 1).tolist() == [0]
    assert _words(slice(1, 4), 1).tolist() == [0b1110]
    assert _words(slice(60, 70), 2).tolist() == [0b1111 << 60, 0b111111]
    assert _words(slice(0, 128), 2).tolist() == [2**64 - 1, 2**64 - 1]
