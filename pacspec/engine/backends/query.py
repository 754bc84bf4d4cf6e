"""The per-client aggregation written once, as SQL expressions, for every SQL engine.

Two lists of expressions: the per-line values (:func:`line_exprs`: the client key, the
date, the amount in cents, …, each computed once per line) and the per-client aggregates
over them (:func:`aggregate_exprs`). DuckDB runs them as ``WITH lines AS (SELECT …)
SELECT … GROUP BY`` (:func:`select_sql`), Spark as ``select(…).groupBy().agg(…)``; a
:class:`Dialect` holds the few spellings that differ (DuckDB's ``FILTER`` clause, Spark's
``CASE``). Semantics are those of :func:`pacspec.engine.aggregate.aggregate` (DESIGN §4):

* a line is usable when its date and amount are present (and the amount is a number that
  fits in cents: NaN is not); the amount is rounded half-to-even to ``10**-decimals``
  (cents) first, like the numpy kernel, and summed as an exact ``BIGINT`` of cents;
* a *purchase* is a usable line with a rounded amount > 0; lines after ``as_of`` are
  ignored (they still make their client exist, as in the numpy ledger);
* ``orders`` counts distinct ``(client, order)`` pairs among purchases in the window (a
  line without an order id is its own order), or distinct purchase days without order ids.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from pacspec.calendar import from_day, to_day
from pacspec.engine.backends.request import AggregateRequest

__all__ = ["DUCKDB", "SPARK", "WHITESPACE", "Dialect", "LineColumns", "aggregate_exprs",
           "bad_counts", "bad_lines_sql", "daily_sql", "distinct_orders", "figures_sql",
           "line_exprs",
           "products_sql", "select_sql"]

WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
              "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
"""What the numpy path trims around client ids and product texts: Python's ``str.strip()``
(the characters for which ``str.isspace()`` holds), which is also Arrow's
``utf8_trim_whitespace``; the SQL engines' own ``TRIM`` trims spaces only (DuckDB: the
Unicode space separators, not tabs or line breaks), so the query names them."""


@dataclass(frozen=True)
class Dialect:
    """What differs between the SQL engines."""

    name: str
    quote: str
    """Identifier quote character."""
    round_even: str
    """Half-to-even rounding to an integer of ``{x}`` (numpy's ``np.round``)."""
    filter_clause: bool
    """Aggregates take ``FILTER (WHERE …)`` (else ``CASE WHEN … THEN x END``)."""
    nan_guard: bool
    """Test NaN amounts with ``isnan`` before the cast to cents (where a cast of NaN to
    an integer does not give NULL)."""
    cast_rounds_even: bool = False
    """``TRY_CAST`` of a DOUBLE to ``BIGINT`` rounds half to even (DuckDB's cast does, by
    ``nearbyint``): the cents need no separate :attr:`round_even` (a cheaper line)."""
    finite: str = "isfinite({x})"
    """Whether the DOUBLE ``{x}`` is a number (not NaN nor infinite; NULL stays NULL)."""
    trim_both: str = "TRIM({x}, {chars})"
    """``{x}`` trimmed of the characters of the string literal ``{chars}``."""
    distinct_apart: bool = False
    """:func:`select_sql` counts the distinct orders in a branch of their own that keeps
    only the purchases in the window before grouping the ``(client, order)`` pairs (a
    hash table of about a third of the pairs), rather than by ``COUNT(DISTINCT …)
    FILTER``, which DuckDB runs by grouping every pair of the lines first."""
    narrow_sum: str | None = None
    """A sum of integers with a 64-bit state and no overflow check, for sums that
    :meth:`LineColumns.sums_fit` proves cannot overflow (DuckDB's ``SUM`` of ``BIGINT``
    keeps a 128-bit state: about a tenth of the query's time)."""

    def trim(self, value: str) -> str:
        """``value`` (a text) trimmed of :data:`WHITESPACE`, blank as NULL."""
        chars = "'" + WHITESPACE.replace("'", "''") + "'"
        return f"NULLIF({self.trim_both.format(x=value, chars=chars)}, '')"

    def ident(self, name: str) -> str:
        q = self.quote
        return q + name.replace(q, q + q) + q

    def where(self, function: str, value: str, condition: str) -> str:
        """``function(value)`` over the lines where ``condition`` holds."""
        if self.filter_clause:
            return f"{function}({value}) FILTER (WHERE {condition})"
        return f"{function}(CASE WHEN {condition} THEN {value} END)"

    def count_where(self, condition: str) -> str:
        """The lines where ``condition`` holds."""
        if self.filter_clause:
            return f"COUNT(*) FILTER (WHERE {condition})"
        return f"COUNT(CASE WHEN {condition} THEN 1 END)"


# DuckDB: TRY_CAST of NaN to BIGINT is NULL, and isnan() is left out because DuckDB 2.0's
# statistics propagation folds it to false from pyarrow's Parquet statistics (which leave
# the NaNs out of min / max)
# (and its cast rounds half to even: tests/backends/test_same_table.py checks it on ties)
DUCKDB = Dialect("duckdb", '"', "round_even({x}, 0)", filter_clause=True, nan_guard=False,
                 cast_rounds_even=True,
                 # TRIM with a set of characters costs ~1 µs a value (10 M ids: 10 s, where
                 # TRIM alone takes 0.5): only the values that start or end with something
                 # other than visible ASCII are trimmed
                 trim_both="(CASE WHEN ord({x}) BETWEEN 33 AND 126 AND ord(right({x}, 1)) "
                           "BETWEEN 33 AND 126 THEN {x} ELSE TRIM({x}, {chars}) END)",
                 narrow_sum="sum_no_overflow", distinct_apart=True)
SPARK = Dialect("spark", "`", "bround({x}, 0)", filter_clause=False, nan_guard=True,
                trim_both="TRIM(BOTH {chars} FROM {x})",
                finite="(NOT isnan({x}) AND abs({x}) != CAST('Infinity' AS DOUBLE))")


@dataclass(frozen=True)
class LineColumns:
    """Names of the transaction columns in the engine's table (``None``: not mapped)."""

    client: str
    date: str
    amount: str
    order: str | None = None
    quantity: str | None = None
    trim_client: bool = True
    """Trim the client id (text ids); False for integer ids."""
    margin: str | None = None
    """The line's gross margin amount (summed in cents like the amount)."""
    order_nulls: bool = True
    """The order column may hold nulls (each such purchase line is an order of its own);
    False when the source's statistics say it has none (one aggregate less)."""
    product: str | None = None
    """The product column (steering's product scopes: :func:`figures_sql`)."""
    date_nulls: bool = True
    """The date column may hold nulls; False when the source's statistics say it has
    none (the usable lines are then those with an amount: two aggregates cheaper)."""
    last_day: int | None = None
    """No line with an amount is dated after this day (days since 1970-01-01), from the
    source's statistics (None: unknown). At an ``as_of`` on or after it, the query needs
    no ``d <= as_of`` test and counts no line after ``as_of``."""
    money_bound: float | None = None
    """No line's amount (nor margin) is larger than this in absolute value, from the
    source's statistics (None: unknown); with :attr:`lines`, it bounds every sum."""
    lines: int = 0
    """The source's number of lines (with :attr:`money_bound`)."""

    def sums_fit(self, decimals: int | None) -> bool:
        """Whether every sum of amounts in ``10**-decimals`` fits a 64-bit integer with
        room to spare (half its range), whatever lines it adds: then an engine may sum
        in 64 bits rather than 128 (:attr:`Dialect.narrow_sum`)."""
        if decimals is None or self.money_bound is None or not np.isfinite(self.money_bound):
            return False
        return (self.money_bound * 10 ** decimals + 1) * max(self.lines, 1) < 2.0 ** 62


_FIRST, _LAST = to_day(dt.date(1, 1, 1)), to_day(dt.date(9999, 12, 31))


def _date(day: int) -> str:
    """A date literal (a day beyond the years 1..9999 is clamped: no data lies there)."""
    return f"DATE '{from_day(min(max(day, _FIRST), _LAST)).isoformat()}'"


def key_expr(cols: LineColumns, dialect: Dialect, trim: bool = True) -> str:
    """The client key: the id as written, trimmed when text (and ``trim``); blank means
    missing. Without ``trim`` the engine groups by the id as written and the keys are
    trimmed afterwards (:func:`pacspec.engine.backends.sql.trim_keys`), once per client
    instead of once per line."""
    raw = dialect.ident(cols.client)
    if not cols.trim_client or not trim:
        return raw
    return dialect.trim(f"CAST({raw} AS STRING)")


def _cents(value: str, request: AggregateRequest, dialect: Dialect) -> str:
    """A money value rounded to the request's decimals as an exact BIGINT (NULL when
    missing, NaN or too large); a DOUBLE without decimals."""
    x = f"CAST({value} AS DOUBLE)"
    if request.decimals is None:
        return f"(CASE WHEN NOT isnan({x}) THEN {x} END)"
    scaled = f"{x} * {10 ** request.decimals}"
    rounded = scaled if dialect.cast_rounds_even else dialect.round_even.format(x=scaled)
    cents = f"TRY_CAST({rounded} AS BIGINT)"
    return f"(CASE WHEN NOT isnan({x}) THEN {cents} END)" if dialect.nan_guard else cents


def line_exprs(cols: LineColumns, request: AggregateRequest, dialect: Dialect,
               trim: bool = True) -> list[tuple[str, str]]:
    """``(alias, expression)`` of the per-line values the aggregates read: ``client``
    (:func:`key_expr`), ``d`` (the date), ``m`` (the amount in cents, NULL when the line
    is not usable), and when mapped ``q`` (quantity), ``g`` (margin in cents), ``o``
    (order). A mapped quantity or margin that is missing or not a number (NaN, infinite)
    makes the line unusable, as in the numpy ingestion (a bad row); ``a`` (the amount
    alone) then tells the lines with a bad amount apart. Without
    :attr:`~AggregateRequest.line_counts` there is no ``a``, and ``q`` is the quantity as
    read: every aggregate reads it only on usable lines (``m IS NOT NULL``), where it is a
    number, and only ``bad_quantity`` needed it NULL elsewhere."""
    amount = _cents(dialect.ident(cols.amount), request, dialect)
    values: list[tuple[str, str]] = []
    tests: list[str] = []
    if cols.quantity is not None:
        x = f"CAST({dialect.ident(cols.quantity)} AS DOUBLE)"
        finite = dialect.finite.format(x=x)
        values.append(("q", f"(CASE WHEN {finite} THEN {x} END)" if request.line_counts
                           else x))
        tests.append(finite)
    if cols.margin is not None:
        margin = _cents(dialect.ident(cols.margin), request, dialect)
        values.append(("g", margin))
        tests.append(f"{margin} IS NOT NULL")
    exprs = [("client", key_expr(cols, dialect, trim)),
             ("d", f"CAST({dialect.ident(cols.date)} AS DATE)")]
    if tests:
        exprs.append(("m", f"(CASE WHEN {' AND '.join(tests)} THEN {amount} END)"))
        if request.line_counts:  # only bad_amount reads it
            exprs.append(("a", amount))
    else:
        exprs.append(("m", amount))
    exprs += values
    if request.use_orders and cols.order is not None:
        exprs.append(("o", dialect.ident(cols.order)))
    return exprs


_USABLE = "(m IS NOT NULL AND d IS NOT NULL)"
"""A line the aggregates can use: an amount (and its tests) and a date."""


def _span(lo: int, hi: int, horizon: int) -> str:
    """Lines dated in ``[lo, hi)`` and before ``horizon`` (FALSE when none can be)."""
    hi = min(hi, horizon)
    return f"(d >= {_date(lo)} AND d < {_date(hi)})" if lo < hi else "FALSE"


def distinct_orders(cols: LineColumns, request: AggregateRequest) -> tuple[str, str]:
    """What ``orders`` counts distinct values of (``o``, or ``d``: purchase days without
    order ids) and on which lines: the purchases in the window on or before as_of."""
    start, end = request.window
    key = "o" if request.use_orders and cols.order is not None else "d"
    return key, f"{_span(start, end, request.as_of + 1)} AND m > 0"


def aggregate_exprs(cols: LineColumns, request: AggregateRequest,
                    dialect: Dialect, distinct: bool = True) -> list[tuple[str, str]]:
    """``(alias, aggregate expression)`` pairs over the values of :func:`line_exprs`, one
    per output column of the per-client table (grouped by ``client``). Without
    ``distinct``, ``orders`` counts only the purchase lines without an order id (each an
    order of its own), the distinct ones being counted apart (:func:`select_sql`)."""
    total = "DOUBLE" if request.decimals is None else "BIGINT"
    horizon = request.as_of + 1

    def span(lo: int, hi: int) -> str:
        return _span(lo, hi, horizon)

    add = dialect.narrow_sum if dialect.narrow_sum and cols.sums_fit(request.decimals) \
        else "SUM"

    def sum_of(value: str, condition: str | None) -> str:
        summed = f"{add}({value})" if condition is None \
            else dialect.where(add, value, condition)
        return f"CAST(COALESCE({summed}, 0) AS {total})"

    start, end = request.window
    in_window = span(start, end)
    # the source's statistics may say that no line with an amount lies after as_of: then
    # "on or before as_of" only asks for a date (and nothing, when no date is missing)
    none_after = cols.last_day is not None and cols.last_day <= request.as_of
    dated = "(d IS NOT NULL)" if cols.date_nulls else None
    upto = dated if none_after else f"(d <= {_date(request.as_of)})"
    bought_upto = "m > 0" if none_after else f"{upto} AND m > 0"  # MIN / MAX skip no date
    usable = _USABLE
    exprs: list[tuple[str, str]] = [
        ("revenue", sum_of("m", in_window)),
        ("history_revenue", sum_of("m", upto)),
    ]
    if cols.quantity is not None:
        exprs.append(("units", f"CAST(COALESCE({dialect.where('SUM', 'q', f'{in_window} AND m IS NOT NULL')}, 0) AS DOUBLE)"))
    if cols.margin is not None:
        exprs.append(("margin", sum_of("g", f"{in_window} AND m IS NOT NULL")))
    key, bought = distinct_orders(cols, request)
    if not distinct:  # the distinct count is made apart (select_sql): only the lone lines
        lone = key == "o" and cols.order_nulls
        exprs.append(("orders", dialect.count_where(f"{bought} AND o IS NULL") if lone
                      else "CAST(0 AS BIGINT)"))
    elif key == "o":
        orders = dialect.where("COUNT", "DISTINCT o", bought) if dialect.filter_clause \
            else f"COUNT(DISTINCT CASE WHEN {bought} THEN o END)"
        if cols.order_nulls:
            orders += f" + {dialect.count_where(f'{bought} AND o IS NULL')}"
        exprs.append(("orders", orders))
    else:
        exprs.append(("orders", dialect.where("COUNT", "DISTINCT d", bought)
                      if dialect.filter_clause
                      else f"COUNT(DISTINCT CASE WHEN {bought} THEN d END)"))
    exprs += [
        ("first_purchase", dialect.where("MIN", "d", bought_upto)),
        ("last_purchase", dialect.where("MAX", "d", bought_upto)),
    ]
    edges = [int(e) for e in request.edges]
    for p, (lo, hi) in enumerate(itertools.pairwise(edges)):
        exprs.append((f"period_{p}", sum_of("m", span(lo, hi))))
    exprs.append(("good_rows", dialect.count_where(usable) if cols.date_nulls
                  else "COUNT(m)"))
    if request.line_counts:
        exprs += bad_counts(cols)
    exprs += [
        # the usable lines after as_of, which the analysis leaves out (counted here rather
        # than by a second pass over the lines)
        ("after_as_of", "CAST(0 AS BIGINT)" if none_after
         else dialect.count_where(f"d > {_date(request.as_of)} AND m IS NOT NULL")),
    ]
    return exprs


def bad_counts(cols: LineColumns) -> list[tuple[str, str]]:
    """``(alias, aggregate)`` of the lines of each kind of bad line, and of every line."""
    checked = cols.quantity is not None or cols.margin is not None  # m tests them: a, the amount
    return [
        ("bad_date", "COUNT(*) - COUNT(d)" if cols.date_nulls else "CAST(0 AS BIGINT)"),
        ("bad_amount", "COUNT(*) - COUNT(a)" if checked else "COUNT(*) - COUNT(m)"),
        *([("bad_quantity", "COUNT(*) - COUNT(q)")] if cols.quantity is not None else []),
        *([("bad_margin", "COUNT(*) - COUNT(g)")] if cols.margin is not None else []),
        ("rows", "COUNT(*)"),
    ]


def bad_lines_sql(source: str, cols: LineColumns, request: AggregateRequest,
                  dialect: Dialect) -> str:
    """At most two rows, not grouped by client: the lines with no client id
    (``has_client`` false) and those with one (true), with the counts of :func:`aggregate_exprs`'
    ``good_rows``, ``bad_*`` and ``rows`` summed over them: what the per-client table
    holds when :attr:`AggregateRequest.line_counts` is set, as the bad-line report adds
    it up (:func:`~pacspec.engine.backends.lines.bad_row_report`). The ids are trimmed
    per line (blank: no client), as the per-client keys are."""
    full = dataclasses.replace(request, line_counts=True)
    lines = ",\n    ".join(f"{e} AS {dialect.ident(a)}"
                           for a, e in line_exprs(cols, full, dialect, trim=True))
    usable = _USABLE
    items = ",\n  ".join(f"{e} AS {dialect.ident(a)}" for a, e in [
        ("good_rows", dialect.count_where(usable)), *bad_counts(cols)])
    return (f"WITH lines AS (\n  SELECT {lines}\n  FROM {source})\n"
            f"SELECT client IS NOT NULL AS has_client,\n  {items}\nFROM lines\nGROUP BY 1")


def select_sql(source: str, cols: LineColumns, request: AggregateRequest,
               dialect: Dialect, trim: bool = True) -> str:
    """The whole query over ``source`` (a table name or a table function call). With
    :attr:`Dialect.distinct_apart`, the distinct orders are counted by a second branch
    over the same lines that keeps only the purchases in the window before it groups the
    ``(client, order)`` pairs, joined to the per-client aggregates."""
    lines = ",\n    ".join(f"{e} AS {dialect.ident(a)}"
                           for a, e in line_exprs(cols, request, dialect, trim))
    exprs = aggregate_exprs(cols, request, dialect, distinct=not dialect.distinct_apart)
    items = ",\n  ".join(f"{e} AS {dialect.ident(a)}" for a, e in exprs)
    head = f"WITH lines AS (\n  SELECT {lines}\n  FROM {source})"
    if not dialect.distinct_apart:
        return f"{head}\nSELECT client,\n  {items}\nFROM lines\nGROUP BY 1"
    key, bought = distinct_orders(cols, request)
    columns = ",\n  ".join(
        f"per_client.orders + COALESCE(distinct_orders.n, 0) AS {dialect.ident(a)}"
        if a == "orders" else f"per_client.{dialect.ident(a)}" for a, _ in exprs)
    # the NULL client (lines without one) is a group too: joined by IS NOT DISTINCT FROM
    return (f"{head},\nper_client AS (\n  SELECT client,\n  {items}\n  FROM lines\n"
            f"  GROUP BY 1),\n"
            f"distinct_orders AS (\n  SELECT client, COUNT(*) AS n FROM (\n"
            f"    SELECT DISTINCT client, {key} FROM lines\n"
            f"    WHERE {bought} AND {key} IS NOT NULL) AS bought\n  GROUP BY 1)\n"
            f"SELECT per_client.client AS client,\n  {columns}\n"
            f"FROM per_client LEFT JOIN distinct_orders\n"
            f"  ON per_client.client IS NOT DISTINCT FROM distinct_orders.client")


# ------------------------------------------------------------------ steering's tables
# (pacspec.engine.backends.scoped): the same per-line values, on a product scope


_LINES = AggregateRequest(edges=np.array([0, 1], dtype=np.int64), window=(0, 1), as_of=0,
                          use_orders=True)
"""Steering counts orders by their ids whenever the ledger has them (amounts in cents)."""


def _product(cols: LineColumns, dialect: Dialect) -> str:
    """The line's product text, trimmed (blank: none)."""
    assert cols.product is not None
    return dialect.trim(f"CAST({dialect.ident(cols.product)} AS STRING)")


def _text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _scoped_lines(source: str, cols: LineColumns, dialect: Dialect,
                  products: Sequence[str] | None) -> str:
    """``SELECT`` of the per-line values (trimmed client keys) on the lines of
    ``products`` (None: every line)."""
    exprs = ", ".join(f"{e} AS {dialect.ident(a)}"
                      for a, e in line_exprs(cols, _LINES, dialect, trim=True))
    where = ""
    if products is not None:
        where = (f" WHERE {_product(cols, dialect)} IN ({', '.join(map(_text, products))})"
                 if products else " WHERE FALSE")
    return f"SELECT {exprs} FROM {source}{where}"


def figures_sql(source: str, cols: LineColumns, dialect: Dialect,
                products: Sequence[str] | None, spans: Sequence[tuple[int, int]],
                counts: Sequence[bool] | None = None) -> str:
    """Per client: ``revenue_i`` (cents) of each span ``[lo, hi)``, with ``orders_i`` and
    ``units_i`` where ``counts[i]`` (default every span), and ``first_purchase`` over every
    line of the scope. Two levels: per ``(client, order)`` (per ``(client, day)`` without
    order ids) the sums and the span's purchase lines, then per client, where an order
    counts once when it has a purchase line in the span (a line without an order id is
    an order of its own): one hash aggregation instead of a ``COUNT(DISTINCT)`` per span."""
    counts = [True] * len(spans) if counts is None else list(counts)
    key = "o" if cols.order is not None else "d"
    inner, outer = [], []
    for i, (lo, hi) in enumerate(spans):
        inside = f"(d >= {_date(lo)} AND d < {_date(hi)})" if lo < hi else "FALSE"
        inner.append(f"{dialect.where('SUM', 'm', inside)} AS r{i}")
        outer.append(f"CAST(COALESCE(SUM(r{i}), 0) AS BIGINT) AS revenue_{i}")
        if not counts[i]:
            continue
        inner.append(f"{dialect.count_where(f'{inside} AND m > 0')} AS n{i}")
        lone = f"WHEN {key} IS NULL THEN n{i} " if cols.order is not None else ""
        outer.append(f"CAST(COALESCE(SUM(CASE {lone}WHEN n{i} > 0 THEN 1 ELSE 0 END), 0) "
                     f"AS BIGINT) AS orders_{i}")
        if cols.quantity is not None:
            inner.append(f"{dialect.where('SUM', 'q', f'{inside} AND m IS NOT NULL')} AS u{i}")
            outer.append(f"CAST(COALESCE(SUM(u{i}), 0) AS DOUBLE) AS units_{i}")
    inner.append(f"{dialect.where('MIN', 'd', 'm > 0')} AS f")
    outer.append("MIN(f) AS first_purchase")
    return (f"WITH lines AS ({_scoped_lines(source, cols, dialect, products)}),\n"
            f"keyed AS (SELECT client, {key}, {', '.join(inner)}\n"
            f"  FROM lines GROUP BY client, {key})\n"
            f"SELECT client, {', '.join(outer)}\nFROM keyed GROUP BY client")


def daily_sql(source: str, cols: LineColumns, dialect: Dialect,
              products: Sequence[str] | None, span: tuple[int, int]) -> str:
    """Per ``(client, d)`` of the span ``[lo, hi)``: ``cents`` (net amount), ``units``
    and ``orders``, each order counted on the first day it has a purchase line in the
    span: the per-day sums joined with the orders counted at their first day (a line
    without an order id is an order of its own; without order ids, the purchase days)."""
    lo, hi = span
    units = (f", CAST(COALESCE({dialect.where('SUM', 'q', 'm IS NOT NULL')}, 0) AS DOUBLE) "
             "AS units" if cols.quantity is not None else "")
    head = (f"WITH scoped AS ({_scoped_lines(source, cols, dialect, products)}),\n"
            f"lines AS (SELECT * FROM scoped WHERE d >= {_date(lo)} AND d < {_date(hi)}),\n")
    if cols.order is None:
        return (head.rstrip(",\n") + "\n"
                f"SELECT client, d, CAST(COALESCE(SUM(m), 0) AS BIGINT) AS cents{units}, "
                "MAX(CASE WHEN m > 0 THEN 1 ELSE 0 END) AS orders\n"
                "FROM lines GROUP BY client, d")
    lone = dialect.count_where("m > 0 AND o IS NULL")
    return (head
            + f"days AS (SELECT client, d, CAST(COALESCE(SUM(m), 0) AS BIGINT) AS cents{units}, "
            f"{lone} AS lone FROM lines GROUP BY client, d),\n"
            "firsts AS (SELECT client, f, COUNT(*) AS n FROM (SELECT client, o, "
            "MIN(d) AS f FROM lines WHERE m > 0 AND o IS NOT NULL GROUP BY client, o) AS x "
            "GROUP BY client, f)\n"
            "SELECT days.client AS client, days.d AS d, cents"
            f"{', units' if cols.quantity is not None else ''}, "
            "lone + COALESCE(n, 0) AS orders\n"
            "FROM days LEFT JOIN firsts ON days.client = firsts.client AND days.d = firsts.f")


def products_sql(source: str, cols: LineColumns, dialect: Dialect) -> str:
    """The distinct product texts of the lines (trimmed; blank: none)."""
    return f"SELECT DISTINCT {_product(cols, dialect)} AS p FROM {source}"
