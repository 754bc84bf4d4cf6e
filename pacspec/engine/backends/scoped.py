"""What steering reads of the transaction lines, asked of an engine (DESIGN §5, §6).

Steering measures the plan's actions and KPIs on product-scoped lines over spans of its
own (N to date, N−1 to date, N−1 full, the year before a span), and phases them on last
year's daily profile. Two tables serve every measure, on a *scope* (the lines whose
product matches one of the shell-style patterns, or every line):

* :class:`SpanFigures`: per client and span ``[lo, hi)`` (days), the net revenue (exact
  cents, like the per-client aggregation), the distinct orders among purchases (amount
  > 0; a line without an order id is its own order; distinct purchase days without order
  ids) and the net units; and the first purchase over every line of the scope;
* :class:`DailyTable`: per ``(client, day)`` of one span, the net amount, the net units and the orders counted at their first purchase day in the span (N−1 full,
  for the seasonal profiles and N−1 orders of any client subset).

:class:`NumpyTables` computes them on an in-memory ledger, never sorting nor copying its
lines per scope: lines in day order (a dated export) make each span a slice; otherwise the
scope is cut into segments at the spans' ends, summed once per client and segment, and a
span is a sum of its segments (exact: whole cents; whole quantities, else in day order).
:class:`SqlTables` computes them by one query per scope (all its spans at once) and one
per daily table, written once (:mod:`.query`) for DuckDB and Spark. The
product patterns are matched on the ledger's distinct product texts (``fnmatchcase``, as
:meth:`pacspec.ingest.Ledger.product_lines` does), so the engines filter on an exact list.
Results are cached per scope and span.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from pacspec.engine.aggregate import NO_DAY, count_distinct_pairs

if TYPE_CHECKING:
    from pacspec.engine.backends.lines import ScannedLedger
    from pacspec.engine.backends.sql import SqlEngine
    from pacspec.ingest import Ledger

__all__ = ["DailyTable", "LineTables", "NumpyTables", "Span", "SpanFigures", "SqlTables",
           "matching"]

Span = tuple[int, int]
"""``[lo, hi)`` in days since 1970-01-01."""
Patterns = tuple[str, ...]
"""A product scope: shell-style patterns (empty: every line)."""

_CENTS = 100.0


@dataclass(frozen=True)
class SpanFigures:
    """Per-client figures of one span on one scope."""

    revenue: np.ndarray
    """``float64``: net revenue (sums of cents, ÷ 100)."""
    orders: np.ndarray | None
    """``int64``: distinct orders among the purchases (None: not asked, revenue only)."""
    units: np.ndarray | None
    """``float64``: net units (None without a quantity column, or not asked)."""


@dataclass(frozen=True)
class DailyTable:
    """Per ``(client, day)`` of one span on one scope (rows in no particular order; an
    engine may give several rows for one pair: every use adds them up)."""

    client: np.ndarray
    """``int64`` dense client numbers."""
    day: np.ndarray
    """``int64`` days."""
    amount: np.ndarray
    """``float64``: the net amount (numpy: each line's own amount, so a profile sums them
    in the ledger's order as before; SQL: the pair's sum of cents ÷ 100; profiles agree to
    the last bits of a float)."""
    units: np.ndarray | None
    counted: np.ndarray | Callable[[], np.ndarray] = field(repr=False)
    """:attr:`orders`, or what computes them on first use (numpy)."""

    @property
    def orders(self) -> np.ndarray:
        """``float64`` (whole): the orders whose first purchase line in the span is that
        day."""
        if callable(self.counted):
            object.__setattr__(self, "counted", self.counted())
        assert isinstance(self.counted, np.ndarray)
        return self.counted


class LineTables(Protocol):
    """An engine's answers to steering."""

    n_clients: int
    has_products: bool
    """The ledger has a product column (a product scope can be measured)."""
    has_quantity: bool

    def figures(self, patterns: Patterns, spans: Sequence[Span],
                counts: Sequence[bool] | None = None) -> list[SpanFigures]:
        """One :class:`SpanFigures` per span, on the lines of ``patterns``; orders and
        units only where ``counts`` (default every span): the rest is revenue only."""
        ...

    def first_purchase(self, patterns: Patterns) -> np.ndarray:
        """Per client, the first day with a purchase on the scope (:data:`NO_DAY`)."""
        ...

    def daily(self, patterns: Patterns, span: Span) -> DailyTable:
        """The per-(client, day) table of ``span`` on the scope."""
        ...


def matching(products: Sequence[str], patterns: Patterns) -> list[str]:
    """The products (texts) that one of ``patterns`` matches (case-sensitive)."""
    return [p for p in products if any(fnmatch.fnmatchcase(p, q) for q in patterns)]


class _Cache:
    """Figures cached per (scope, span), the first purchase and daily tables per scope."""

    def __init__(self) -> None:
        self._figures: dict[tuple[Patterns, Span], SpanFigures] = {}
        self._first: dict[Patterns, np.ndarray] = {}
        self._daily: dict[tuple[Patterns, Span], DailyTable] = {}

    def figures(self, patterns: Patterns, spans: Sequence[Span],
                counts: Sequence[bool] | None = None) -> list[SpanFigures]:
        wanted: dict[Span, bool] = {}
        for span, full in zip(spans, counts or [True] * len(spans), strict=True):
            wanted[span] = wanted.get(span, False) or full
        missing = {s: full for s, full in wanted.items()
                   if (patterns, s) not in self._figures
                   or (full and self._figures[patterns, s].orders is None)}
        if missing:
            found, first = self._compute(patterns, list(missing), list(missing.values()))
            for span, fig in zip(missing, found, strict=True):
                self._figures[patterns, span] = fig
            if first is not None:
                self._first.setdefault(patterns, first)
        return [self._figures[patterns, s] for s in spans]

    def first_purchase(self, patterns: Patterns) -> np.ndarray:
        if patterns not in self._first:
            self._first[patterns] = self._first_purchase(patterns)
        return self._first[patterns]

    def daily(self, patterns: Patterns, span: Span) -> DailyTable:
        if (patterns, span) not in self._daily:
            self._daily[patterns, span] = self._compute_daily(patterns, span)
        return self._daily[patterns, span]

    # what an engine computes
    def _compute(self, patterns: Patterns, spans: list[Span], counts: list[bool]
                 ) -> tuple[list[SpanFigures], np.ndarray | None]:
        raise NotImplementedError

    def _first_purchase(self, patterns: Patterns) -> np.ndarray:
        raise NotImplementedError

    def _compute_daily(self, patterns: Patterns, span: Span) -> DailyTable:
        raise NotImplementedError


# ------------------------------------------------------------------------------ numpy


_NEVER = int(np.iinfo(np.int64).max)


@dataclass(frozen=True)
class _Scope:
    """A scope's lines of a ledger in day order, amounts in whole cents."""

    client: np.ndarray
    day: np.ndarray
    amount: np.ndarray
    cents: np.ndarray
    order: np.ndarray | None
    quantity: np.ndarray | None

    def rows(self, span: Span) -> slice:
        lo, hi = np.searchsorted(self.day, [span[0], span[1]], side="left")
        return slice(int(lo), int(hi))


@dataclass(frozen=True)
class _Pairs:
    """The ledger's ``(client, key)`` pairs (key: the order, or the day without an order
    column), over every line: an order counts in a span when one of its purchase lines is
    there."""

    client: np.ndarray
    """``int64 (P,)``: each pair's client (pairs that no line has are given client 0 and
    never count: they have no purchase line)."""
    starts: np.ndarray | None
    """The first line of each pair when every pair's lines are contiguous (the usual
    invoice export, numbered by first appearance): reduced by runs, not by a scatter."""
    line: np.ndarray | None
    """``int64 (lines,)``: each line's pair (None when ``starts`` is set)."""


@dataclass(frozen=True)
class _Orders:
    """A scope's orders by the segments holding one of their purchase lines: those in
    one segment counted per (segment, client), the others kept with their bits (bit
    ``s`` of word ``s // 64``)."""

    single: np.ndarray | None
    """``int64 (segments, n_clients)`` (None: every order is kept with its bits)."""
    bits: np.ndarray
    """``(orders, words)``: unsigned words of 8 to 64 bits (64 when several)."""
    client: np.ndarray

    def count(self, cols: slice, n: int) -> np.ndarray:
        """Per client, the orders with a purchase line in segments ``cols``."""
        words = _words(cols, self.bits.shape[1]).astype(self.bits.dtype)
        present = ((self.bits[:, 0] & words[0]) != 0 if len(words) == 1 else
                   np.any((self.bits & words) != 0, axis=1))
        out = np.bincount(self.client[present], minlength=n)
        if self.single is not None:
            out += self.single[cols].sum(axis=0)
        return out


@dataclass
class _Segments:
    """One scope's lines cut at the days its spans start or end: per client and segment
    the net cents (and units), per pair the segments holding a purchase line; a span made
    of whole segments is then a sum of columns (exact: whole cents) and an OR of bits."""

    bounds: np.ndarray
    """Sorted distinct days; segment ``s`` is ``[bounds[s-1], bounds[s])`` (open at both
    ends of the ledger)."""
    seg: np.ndarray
    """``(lines,)`` small integers: each line's segment, ``len(bounds) + 1`` off the
    scope."""
    cents: np.ndarray
    """``(segments, n_clients)``: net cents."""
    units: np.ndarray | None = None
    """``(segments, n_clients)``: net units (None: no quantity column, or fractional
    quantities, summed per span in day order)."""
    orders: _Orders | None = None
    """The orders by the segments they have a purchase line in (built when asked)."""

    def columns(self, span: Span) -> slice:
        """The segments that make up ``span`` (its ends are bounds)."""
        lo, hi = np.searchsorted(self.bounds, [span[0], span[1]])
        return slice(int(lo) + 1, int(hi) + 1)


class NumpyTables(_Cache):
    """The tables of an in-memory ledger, read in its own line order (never sorted, and
    copied per product scope only when in day order). Lines in day order: each span is a
    slice of the scope's lines. Otherwise each scope is cut into segments at the ends of
    the spans asked (one :class:`_Segments` per scope, cut again when a span ends
    elsewhere) and each span's figures are sums of its segments: revenue sums whole cents
    and units whole quantities, so any order of the sums gives the same floats, and a
    ledger with fractional quantities sums each span's units in day order, as the lines
    sorted by day do. The daily table is the span's lines in the ledger's order: a day's
    lines add up in the same order either way."""

    def __init__(self, ledger: Ledger) -> None:
        from pacspec.engine.backends.lines import ScannedLedger

        if isinstance(ledger, ScannedLedger):  # its lines are not in memory: no zeros
            from pacspec.diagnostics import EvaluationError, Problem

            raise EvaluationError([Problem(
                "error", "engine-mismatch",
                "this ledger's lines were left in the source for an SQL engine; numpy "
                "cannot steer on them", hint="steer through the engine that opened it "
                "(Session.steer), or open the data with --engine numpy")])
        super().__init__()
        self.ledger = ledger
        self.n_clients = ledger.n_clients
        self.has_products = ledger.product_codes is not None
        self.has_quantity = ledger.quantity is not None
        self._masks: dict[Patterns, np.ndarray | None] = {}
        self._segments: dict[Patterns, _Segments] = {}
        self._cents: np.ndarray | None = None
        self._buy: np.ndarray | None = None
        self._pairs: _Pairs | None = None
        self._whole: bool | None = None
        self._by_day: bool | None = None
        self._cuts: tuple[np.ndarray, np.ndarray] | None = None
        self._scopes: dict[Patterns, _Scope] = {}

    # shared by every scope, once
    @property
    def cents(self) -> np.ndarray:
        """Each line's amount in whole cents (as the per-client aggregation rounds it)."""
        if self._cents is None:
            cents = self.ledger.amount * _CENTS
            self._cents = np.round(cents, out=cents)
        return self._cents

    @property
    def buy(self) -> np.ndarray:
        """The purchase lines (amount > 0 in cents)."""
        if self._buy is None:
            self._buy = self.cents > 0
        return self._buy

    def mask(self, patterns: Patterns) -> np.ndarray | None:
        """The scope's lines (None: every line)."""
        if patterns not in self._masks:
            self._masks[patterns] = self.ledger.product_lines(patterns) if patterns else None
        return self._masks[patterns]

    def _wanted(self, patterns: Patterns) -> np.ndarray:
        """The scope's purchase lines."""
        mask = self.mask(patterns)
        return self.buy if mask is None else self.buy & mask

    @property
    def whole_units(self) -> bool:
        """Every quantity is a whole number (its sums are exact in any order)."""
        if self._whole is None:
            q = self.ledger.quantity
            self._whole = q is None or bool(np.all(q == np.rint(q)))
        return self._whole

    @property
    def pairs(self) -> _Pairs:
        if self._pairs is None:
            lg = self.ledger
            self._pairs = _pairs_of(lg.client, lg.order if lg.order is not None else lg.day)
        return self._pairs

    def segments(self, patterns: Patterns, spans: Sequence[Span]) -> _Segments:
        """The scope's segments cut at every end of ``spans`` (and of the spans asked
        before)."""
        ends = np.unique(np.asarray([e for s in spans for e in s], dtype=np.int64))
        found = self._segments.get(patterns)
        if found is not None and bool(np.all(np.isin(ends, found.bounds))):
            return found
        bounds, seg = self._cut(ends if found is None else np.union1d(found.bounds, ends))
        lg, n, k = self.ledger, self.n_clients, len(bounds) + 2  # the last: off the scope
        mask = self.mask(patterns)
        if mask is not None:
            seg = np.where(mask, seg, k - 1)
        key = seg.astype(np.int64)  # segment-major: a run of days fills one row at a time
        key *= n
        key += lg.client
        cents = np.bincount(key, weights=self.cents, minlength=n * k).reshape(k, n)[:-1]
        units = None  # with the cents while the key is at hand (whole quantities only)
        if lg.quantity is not None and self.whole_units:
            units = np.bincount(key, weights=lg.quantity, minlength=n * k).reshape(k, n)[:-1]
        found = _Segments(bounds, seg, cents, units)
        self._segments[patterns] = found
        return found

    def _cut(self, bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Bounds holding ``bounds`` and those of the scopes cut before (one cut shared by
        the scopes), and each line's segment (``searchsorted(bounds, day, "right")``, by a
        table of the ledger's days)."""
        if self._cuts is not None and bool(np.all(np.isin(bounds, self._cuts[0]))):
            return self._cuts
        if self._cuts is not None:
            bounds = np.union1d(self._cuts[0], bounds)
        day = self.ledger.day
        low = min(int(day.min()), 0)  # days since 1970: the table indexed by the day itself
        kind = next(t for t in (np.int8, np.int16, np.int32)
                    if len(bounds) + 2 <= np.iinfo(t).max)
        table = np.searchsorted(bounds, np.arange(low, int(day.max()) + 1),
                                side="right").astype(kind)
        self._cuts = bounds, table[day - low] if low else table[day]
        return self._cuts

    def _orders(self, sg: _Segments, patterns: Patterns) -> _Orders:
        if sg.orders is None:
            pairs, wanted, n = self.pairs, self._wanted(patterns), self.n_clients
            segments = len(sg.bounds) + 1
            if segments > 64:
                sg.orders = self._wide_orders(sg, wanted, segments)
                return sg.orders
            width = next(w for w in (8, 16, 32, 64) if segments <= w)
            kind = np.dtype(f"uint{width}")
            powers = np.array([1 << i for i in range(width)] + [0], dtype=kind)
            value = powers[np.where(wanted, sg.seg, width)]  # 0 off the scope's purchases
            if pairs.starts is not None:
                bits = np.bitwise_or.reduceat(value, pairs.starts)
            else:
                bits = np.zeros(len(pairs.client), dtype=kind)
                at = np.flatnonzero(value)
                assert pairs.line is not None
                np.bitwise_or.at(bits, pairs.line[at], value[at])
            del value
            if width <= 16:  # each value's segment when it has a single bit, else -1
                log = np.full(1 << width, -1, dtype=np.int8)
                log[powers[:-1]] = np.arange(width, dtype=np.int8)
                seg = log[bits]
            else:
                one = (bits & (bits - kind.type(1))) == 0
                seg = np.where(one & (bits != 0),
                               np.frexp(bits.astype(np.float64))[1] - 1, -1)
            key = seg.astype(np.int64)
            key *= n
            key += pairs.client
            key[seg < 0] = segments * n  # one bin past the table for the others
            counts = np.bincount(key, minlength=segments * n + 1)[:-1].reshape(segments, n)
            del key
            multi = np.flatnonzero((seg < 0) & (bits != 0))
            sg.orders = _Orders(counts, bits[multi, None], pairs.client[multi])
        return sg.orders

    def _wide_orders(self, sg: _Segments, wanted: np.ndarray, segments: int) -> _Orders:
        """More than 64 segments: every order kept with its bits, 64 to a word."""
        pairs = self.pairs
        words = (segments + 63) // 64
        bits = np.zeros((len(pairs.client), words), dtype=np.uint64)
        powers = np.array([1 << i for i in range(64)] + [0], dtype=np.uint64)
        for w in range(words):
            here = sg.seg.astype(np.int64) - 64 * w
            value = powers[np.where(wanted & (here >= 0) & (here < 64), here, 64)]
            if pairs.starts is not None:
                bits[:, w] = np.bitwise_or.reduceat(value, pairs.starts)
            else:
                at = np.flatnonzero(value)
                assert pairs.line is not None
                np.bitwise_or.at(bits[:, w], pairs.line[at], value[at])
        some = np.flatnonzero(np.any(bits != 0, axis=1))
        return _Orders(None, bits[some], pairs.client[some])

    @property
    def by_day(self) -> bool:
        """The lines are in day order (a dated export): each span is a slice of them."""
        if self._by_day is None:
            day = self.ledger.day
            self._by_day = bool(np.all(day[1:] >= day[:-1]))
        return self._by_day

    def scope(self, patterns: Patterns) -> _Scope:
        """The scope's lines of a ledger in day order (the columns themselves for every
        line)."""
        if patterns not in self._scopes:
            lg, mask = self.ledger, self.mask(patterns)
            rows: Any = slice(None) if mask is None else np.flatnonzero(mask)
            self._scopes[patterns] = _Scope(
                lg.client[rows], lg.day[rows], lg.amount[rows], self.cents[rows],
                None if lg.order is None else lg.order[rows],
                None if lg.quantity is None else lg.quantity[rows])
        return self._scopes[patterns]

    def _compute(self, patterns: Patterns, spans: list[Span], counts: list[bool]
                 ) -> tuple[list[SpanFigures], np.ndarray | None]:
        if self.by_day:
            return self._slices(patterns, spans, counts), None
        n = self.n_clients
        sg = self.segments(patterns, spans)
        out = []
        for span, full in zip(spans, counts, strict=True):
            cols = sg.columns(span)
            revenue = sg.cents[cols].sum(axis=0) / _CENTS
            if not full:
                out.append(SpanFigures(revenue, None, None))
                continue
            orders = self._orders(sg, patterns).count(cols, n)
            units = (None if self.ledger.quantity is None else
                     sg.units[cols].sum(axis=0) if sg.units is not None else
                     self._ordered_units(patterns, span))
            out.append(SpanFigures(revenue, orders.astype(np.int64), units))
        return out, None

    def _slices(self, patterns: Patterns, spans: list[Span], counts: list[bool]
                ) -> list[SpanFigures]:
        """Lines in day order: each span's figures from its slice of the scope's lines."""
        sc, n = self.scope(patterns), self.n_clients
        out = []
        for span, full in zip(spans, counts, strict=True):
            rows = sc.rows(span)
            client, cents = sc.client[rows], sc.cents[rows]
            revenue = np.bincount(client, weights=cents, minlength=n) / _CENTS
            if not full:
                out.append(SpanFigures(revenue, None, None))
                continue
            key = sc.order[rows] if sc.order is not None else sc.day[rows]
            orders = count_distinct_pairs(client, key, n, cents > 0)
            units = (None if sc.quantity is None else
                     np.bincount(client, weights=sc.quantity[rows], minlength=n))
            out.append(SpanFigures(revenue, orders.astype(np.int64), units))
        return out

    def _rows(self, patterns: Patterns, span: Span) -> np.ndarray:
        """The scope's lines in ``span``, in the ledger's order."""
        day, mask = self.ledger.day, self.mask(patterns)
        inside = (day >= span[0]) & (day < span[1])
        return np.flatnonzero(inside if mask is None else inside & mask)

    def _ordered_units(self, patterns: Patterns, span: Span) -> np.ndarray:
        """A span's units summed in day order (the ledger's within a day): fractional
        quantities give the floats that the lines sorted by day give."""
        lg = self.ledger
        assert lg.quantity is not None
        rows = self._rows(patterns, span)
        rows = rows[np.argsort(lg.day[rows], kind="stable")]
        return np.bincount(lg.client[rows], weights=lg.quantity[rows], minlength=self.n_clients)

    def _first_purchase(self, patterns: Patterns) -> np.ndarray:
        lg, wanted = self.ledger, self._wanted(patterns)
        first = np.full(self.n_clients, _NEVER, dtype=np.int64)
        np.minimum.at(first, lg.client, np.where(wanted, lg.day, _NEVER))
        first[first == _NEVER] = NO_DAY
        return first

    def _compute_daily(self, patterns: Patterns, span: Span) -> DailyTable:
        """The scope's lines of the span themselves, in the ledger's order (one row per
        line: the sums are the same, and a day's lines add up in the ledger's order, as
        they would sorted by day), each order counted on one of its purchase lines of its
        first purchase day in the span."""
        lg = self.ledger
        if self.by_day:
            sc = self.scope(patterns)
            rows: Any = sc.rows(span)
            client, day, cents = sc.client[rows], sc.day[rows], sc.cents[rows]
            order, quantity, amount = sc.order, sc.quantity, sc.amount[rows]
        else:
            rows = self._rows(patterns, span)
            client, day, cents = lg.client[rows], lg.day[rows], self.cents[rows]
            order, quantity, amount = lg.order, lg.quantity, lg.amount[rows]

        def counted() -> np.ndarray:
            bought = np.flatnonzero(cents > 0)
            key = order[rows][bought] if order is not None else day[bought]
            orders = np.zeros(len(client), dtype=np.float64)
            orders[bought[_earliest_lines(client[bought], key, day[bought])]] = 1.0
            return orders

        return DailyTable(client, day, amount,
                          None if quantity is None else quantity[rows], counted)


def _earliest_lines(client: np.ndarray, key: np.ndarray, day: np.ndarray) -> np.ndarray:
    """One line of each distinct ``(client, key)`` pair on the pair's earliest day: the
    pairs through a table indexed by key when every key belongs to one client (order
    ids), else a sort."""
    n = len(key)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    if _contiguous(client, key):  # each pair one run (lines in the ledger's order)
        start = np.concatenate([[True], (key[1:] != key[:-1]) | (client[1:] != client[:-1])])
        runs = np.flatnonzero(start)
        low = np.minimum.reduceat(day, runs)
        run = np.cumsum(start) - 1
        on_first = np.flatnonzero(day == low[run])
        keep = np.concatenate([[True], run[on_first[1:]] != run[on_first[:-1]]])
        return on_first[keep]  # the first line of each run on its earliest day
    pair, count = _pair_index(client, key)
    first = np.full(count, _NEVER, dtype=np.int64)
    np.minimum.at(first, pair, day)
    on_first = np.flatnonzero(day == first[pair])
    one = np.full(count, -1, dtype=np.int64)
    one[pair[on_first]] = on_first  # any of a pair's lines that day: same client and day
    return one[one >= 0]


def _pair_index(client: np.ndarray, key: np.ndarray) -> tuple[np.ndarray, int]:
    """Each line's ``(client, key)`` pair as a number below the count returned (numbers
    that no line has may be left unused)."""
    n = len(key)
    low = int(key.min())
    span = int(key.max()) - low + 1
    if span <= 4 * n + (1 << 16):
        offset = key - low
        owner = np.empty(span, dtype=np.int64)
        owner[offset] = client
        if np.array_equal(owner[offset], client):  # one client per key
            return offset, span
    # keys are order codes (fewer than the lines) or days, clients fewer than the lines:
    # client × span + key fits in 64 bits
    unique, inverse = np.unique(client * span + (key - low), return_inverse=True)
    return inverse.astype(np.int64).ravel(), len(unique)


def _words(cols: slice, words: int) -> np.ndarray:
    """The bits of segments ``cols`` as ``words`` 64-bit words."""
    out = np.zeros(words, dtype=np.uint64)
    for w in range(words):
        lo, hi = max(cols.start - 64 * w, 0), min(cols.stop - 64 * w, 64)
        if lo < hi:
            out[w] = np.uint64(((1 << (hi - lo)) - 1) << lo)
    return out


def _pairs_of(client: np.ndarray, key: np.ndarray) -> _Pairs:
    """The distinct ``(client, key)`` pairs of the lines: runs when each pair's lines are
    contiguous, else numbered by :func:`_pair_index`."""
    if len(key) == 0:
        return _Pairs(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), None)
    if _contiguous(client, key):
        change = np.ones(len(key), dtype=bool)
        np.not_equal(key[1:], key[:-1], out=change[1:])
        change[1:] |= client[1:] != client[:-1]
        starts = np.flatnonzero(change)
        return _Pairs(client[starts], starts, None)
    line, count = _pair_index(client, key)
    owner = np.zeros(count, dtype=np.int64)
    owner[line] = client  # every line of a pair has its client
    return _Pairs(owner, None, line)


def _contiguous(client: np.ndarray, key: np.ndarray) -> bool:
    """The lines are sorted by (client, key) or by (key, client): each pair is one run."""
    same_client = client[1:] == client[:-1]
    if bool(np.all((client[1:] > client[:-1]) | (same_client & (key[1:] >= key[:-1])))):
        return True
    same_key = key[1:] == key[:-1]
    return bool(np.all((key[1:] > key[:-1]) | (same_key & (client[1:] >= client[:-1]))))


# ------------------------------------------------------------------------------ SQL


class SqlTables(_Cache):
    """The tables of a scanned ledger, each a query the SQL engine runs where the lines
    are (:func:`pacspec.engine.backends.query.figures_sql`, :func:`daily_sql`)."""

    def __init__(self, engine: SqlEngine, ledger: ScannedLedger) -> None:
        super().__init__()
        assert ledger.source is not None
        self.engine, self.ledger, self.source = engine, ledger, ledger.source
        self.n_clients = ledger.n_clients
        self.has_products = ledger.source.columns.product is not None
        self.has_quantity = ledger.source.columns.quantity is not None
        self._products: list[str] | None = None

    def products(self, patterns: Patterns) -> list[str] | None:
        """The product texts of the scope (None: every line)."""
        if not patterns:
            return None
        if self._products is None:
            self._products = sorted(self.engine.products(self.source))
        return matching(self._products, patterns)

    def _dense(self, table: Any) -> np.ndarray:
        import pyarrow.compute as pc

        keys = table.column("client")
        index = self.ledger.dense(keys)
        index[~np.asarray(pc.is_valid(keys), dtype=bool)] = -1
        return index

    def _compute(self, patterns: Patterns, spans: list[Span], counts: list[bool]
                 ) -> tuple[list[SpanFigures], np.ndarray | None]:
        from pacspec.engine.backends.lines import scatter

        table = self.engine.figures(self.source, self.products(patterns), spans, counts)
        index = self._dense(table)
        keep = index >= 0
        n = self.n_clients

        def column(name: str, dtype: type) -> np.ndarray:
            return scatter(np.zeros(n, dtype=dtype), table.column(name), index, keep)

        found = []
        for i, full in enumerate(counts):
            found.append(SpanFigures(
                column(f"revenue_{i}", np.float64) / _CENTS,
                column(f"orders_{i}", np.int64) if full else None,
                column(f"units_{i}", np.float64) if full and self.has_quantity else None))
        first = scatter(np.full(n, NO_DAY, dtype=np.int64), table.column("first_purchase"),
                        index, keep, days=True)
        return found, first

    def _first_purchase(self, patterns: Patterns) -> np.ndarray:
        first = self._compute(patterns, [], [])[1]
        assert first is not None
        return first

    def _compute_daily(self, patterns: Patterns, span: Span) -> DailyTable:
        from pacspec.engine.backends.lines import _days

        table = self.engine.daily(self.source, self.products(patterns), span)
        index = self._dense(table)
        keep = index >= 0

        def values(name: str) -> np.ndarray:
            return np.asarray(table.column(name).fill_null(0), dtype=np.float64)[keep]

        return DailyTable(index[keep], _days(table.column("d"))[keep],
                          values("cents") / _CENTS,
                          values("units") if self.has_quantity else None, values("orders"))
