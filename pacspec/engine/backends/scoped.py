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

:class:`NumpyTables` computes them on an in-memory ledger (its lines sorted by day once
per scope, each span a slice); :class:`SqlTables` by one query per scope (all its spans at
once) and one per daily table, written once (:mod:`.query`) for DuckDB and Spark. The
product patterns are matched on the ledger's distinct product texts (``fnmatchcase``, as
:meth:`pacspec.ingest.Ledger.product_lines` does), so the engines filter on an exact list.
Results are cached per scope and span.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass
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
    orders: np.ndarray
    """``float64`` (whole): the orders whose first purchase line in the span is that day."""


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


@dataclass(frozen=True)
class _Scope:
    """A scope's lines sorted by day (stable: the ledger's order within a day), amounts as
    read and in whole cents."""

    client: np.ndarray
    day: np.ndarray
    amount: np.ndarray
    cents: np.ndarray
    order: np.ndarray | None
    quantity: np.ndarray | None

    def rows(self, span: Span) -> slice:
        lo, hi = np.searchsorted(self.day, [span[0], span[1]], side="left")
        return slice(int(lo), int(hi))


class NumpyTables(_Cache):
    """The tables of an in-memory ledger."""

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
        self._scopes: dict[Patterns, _Scope] = {}

    def scope(self, patterns: Patterns) -> _Scope:
        if patterns not in self._scopes:
            lg = self.ledger
            mask = lg.product_lines(patterns) if patterns else None
            day = lg.day if mask is None else lg.day[mask]
            sort = _day_order(day)
            if sort is None and mask is None:  # in day order already: the columns as they are
                rows: Any = slice(None)
            else:
                base = np.flatnonzero(mask) if mask is not None else None
                rows = base if sort is None else (sort if base is None else base[sort])
                day = day if sort is None else day[sort]
            amount = lg.amount[rows]
            self._scopes[patterns] = _Scope(
                lg.client[rows], day, amount, np.round(amount * _CENTS),
                None if lg.order is None else lg.order[rows],
                None if lg.quantity is None else lg.quantity[rows])
        return self._scopes[patterns]

    def _compute(self, patterns: Patterns, spans: list[Span], counts: list[bool]
                 ) -> tuple[list[SpanFigures], np.ndarray | None]:
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
        return out, None

    def _first_purchase(self, patterns: Patterns) -> np.ndarray:
        sc = self.scope(patterns)
        bought = sc.cents > 0
        never = np.iinfo(np.int64).max
        first = np.full(self.n_clients, never, dtype=np.int64)
        np.minimum.at(first, sc.client[bought], sc.day[bought])
        first[first == never] = NO_DAY
        return first

    def _compute_daily(self, patterns: Patterns, span: Span) -> DailyTable:
        """The scope's lines of the span themselves (one row per line: the sums are the
        same), each order counted on its first purchase line in the span."""
        sc = self.scope(patterns)
        rows = sc.rows(span)
        client, day, cents = sc.client[rows], sc.day[rows], sc.cents[rows]
        bought = np.flatnonzero(cents > 0)
        key = sc.order[rows][bought] if sc.order is not None else day[bought]
        first = _first_lines(client[bought], key)  # in day order: the earliest day
        orders = np.zeros(len(client), dtype=np.float64)
        orders[bought[first]] = 1.0
        return DailyTable(client, day, sc.amount[rows],
                          None if sc.quantity is None else sc.quantity[rows], orders)


def _first_lines(client: np.ndarray, key: np.ndarray) -> np.ndarray:
    """The index of the first row of each distinct ``(client, key)`` pair: through a table
    indexed by key when every key belongs to one client (order ids), else a sort."""
    n = len(key)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    low = int(key.min())
    span = int(key.max()) - low + 1
    if span <= 4 * n + (1 << 16):
        offset = key - low
        owner = np.empty(span, dtype=np.int64)
        owner[offset] = client
        if np.array_equal(owner[offset], client):  # one client per key
            first = np.full(span, n, dtype=np.int64)
            np.minimum.at(first, offset, np.arange(n, dtype=np.int64))
            return first[first < n]
    _, first = np.unique(client * (1 << 32) + key, return_index=True)
    return np.asarray(first, dtype=np.int64)


def _day_order(day: np.ndarray) -> np.ndarray | None:
    """A stable sort of the days (a radix sort on 16-bit offsets when they fit); None
    when they are in order already."""
    if len(day) == 0 or bool(np.all(day[1:] >= day[:-1])):
        return None
    low, high = int(day.min()), int(day.max())
    if high - low < (1 << 16):
        return np.argsort((day - low).astype(np.uint16), kind="stable")
    return np.argsort(day, kind="stable")


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
        from pacspec.engine.backends.lines import _days

        table = self.engine.figures(self.source, self.products(patterns), spans, counts)
        index = self._dense(table)
        keep = index >= 0
        at, n = index[keep], self.n_clients

        def column(name: str, dtype: type) -> np.ndarray:
            out: np.ndarray = np.zeros(n, dtype=dtype)
            out[at] = np.asarray(table.column(name).fill_null(0), dtype=dtype)[keep]
            return out

        found = []
        for i, full in enumerate(counts):
            found.append(SpanFigures(
                column(f"revenue_{i}", np.float64) / _CENTS,
                column(f"orders_{i}", np.int64) if full else None,
                column(f"units_{i}", np.float64) if full and self.has_quantity else None))
        first = np.full(n, NO_DAY, dtype=np.int64)
        first[at] = _days(table.column("first_purchase"))[keep]
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
