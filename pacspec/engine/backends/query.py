"""The per-client aggregation written once, as SQL expressions, for every SQL engine.

The same expressions (one per output column) are joined into a ``SELECT … GROUP BY`` for
DuckDB and passed to ``DataFrame.groupBy().agg(F.expr(…))`` for Spark; a
:class:`Dialect` holds the few spellings that differ. Semantics are those of
:func:`pacspec.engine.aggregate.aggregate` (DESIGN §4):

* a line is usable when its date and amount are present (and the amount is not NaN);
  the amount is rounded half-to-even to ``10**-decimals`` (cents) first, like the numpy
  kernel, and summed as an exact ``BIGINT`` of cents;
* a *purchase* is a usable line with a rounded amount > 0; lines after ``as_of`` are
  ignored (they still make their client exist, as in the numpy ledger);
* ``orders`` counts distinct ``(client, order)`` pairs among purchases in the window (a
  line without an order id is its own order), or distinct purchase days without order ids.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass

from pacspec.calendar import from_day, to_day
from pacspec.engine.backends.request import AggregateRequest

__all__ = ["DUCKDB", "SPARK", "Dialect", "LineColumns", "aggregate_exprs", "select_sql"]


@dataclass(frozen=True)
class Dialect:
    """What differs between the SQL engines."""

    name: str
    quote: str
    """Identifier quote character."""
    round_even: str
    """Half-to-even rounding to an integer of ``{x}`` (numpy's ``np.round``)."""

    def ident(self, name: str) -> str:
        q = self.quote
        return q + name.replace(q, q + q) + q


DUCKDB = Dialect("duckdb", '"', "round_even({x}, 0)")
SPARK = Dialect("spark", "`", "bround({x}, 0)")


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


_FIRST, _LAST = to_day(dt.date(1, 1, 1)), to_day(dt.date(9999, 12, 31))


def _date(day: int) -> str:
    """A date literal (a day beyond the years 1..9999 is clamped: no data lies there)."""
    return f"DATE '{from_day(min(max(day, _FIRST), _LAST)).isoformat()}'"


def key_expr(cols: LineColumns, dialect: Dialect) -> str:
    """The client key: the id as written, trimmed when text; blank means missing."""
    raw = dialect.ident(cols.client)
    if not cols.trim_client:
        return raw
    return f"NULLIF(TRIM(CAST({raw} AS STRING)), '')"


def aggregate_exprs(cols: LineColumns, request: AggregateRequest,
                    dialect: Dialect) -> list[tuple[str, str]]:
    """``(alias, aggregate expression)`` pairs, one per output column of the per-client
    table (grouped by :func:`key_expr`)."""
    d = f"CAST({dialect.ident(cols.date)} AS DATE)"
    amount = f"CAST({dialect.ident(cols.amount)} AS DOUBLE)"
    ok = f"({d} IS NOT NULL AND {amount} IS NOT NULL AND NOT isnan({amount}))"
    if request.decimals is None:
        money = f"(CASE WHEN {ok} THEN {amount} END)"
        total = "DOUBLE"
    else:
        scaled = f"{amount} * {10 ** request.decimals}"
        # TRY_CAST: engines may compute the cast before the CASE picks the rows (common
        # subexpressions), and NaN cannot become a BIGINT
        money = (f"(CASE WHEN {ok} THEN TRY_CAST({dialect.round_even.format(x=scaled)} AS "
                 "BIGINT) END)")
        total = "BIGINT"
    horizon = f"({d} <= {_date(request.as_of)})"
    start, end = request.window
    in_window = f"({d} >= {_date(start)} AND {d} < {_date(end)} AND {horizon})"
    bought = f"({money} > 0)"

    def total_of(condition: str, value: str = money) -> str:
        return f"CAST(COALESCE(SUM(CASE WHEN {condition} THEN {value} END), 0) AS {total})"

    exprs: list[tuple[str, str]] = [
        ("revenue", total_of(in_window)),
        ("history_revenue", total_of(horizon)),
    ]
    if cols.margin is not None:
        m = f"CAST({dialect.ident(cols.margin)} AS DOUBLE)"
        if request.decimals is not None:
            m = (f"TRY_CAST({dialect.round_even.format(x=f'{m} * {10 ** request.decimals}')} "
                 "AS BIGINT)")
        exprs.append(("margin", f"CAST(COALESCE(SUM(CASE WHEN {in_window} AND {ok} THEN {m} "
                                f"END), 0) AS {total})"))
    if cols.quantity is not None:
        q = f"CAST({dialect.ident(cols.quantity)} AS DOUBLE)"
        exprs.append(("units", f"CAST(COALESCE(SUM(CASE WHEN {in_window} AND {ok} THEN {q} "
                               "END), 0) AS DOUBLE)"))
    purchase_in_window = f"{in_window} AND {bought}"
    if request.use_orders and cols.order is not None:
        o = dialect.ident(cols.order)
        exprs.append(("orders", f"COUNT(DISTINCT CASE WHEN {purchase_in_window} THEN {o} END)"
                                f" + COUNT(CASE WHEN {purchase_in_window} AND {o} IS NULL "
                                "THEN 1 END)"))
    else:
        exprs.append(("orders", f"COUNT(DISTINCT CASE WHEN {purchase_in_window} THEN {d} END)"))
    exprs += [
        ("first_purchase", f"MIN(CASE WHEN {horizon} AND {bought} THEN {d} END)"),
        ("last_purchase", f"MAX(CASE WHEN {horizon} AND {bought} THEN {d} END)"),
    ]
    edges = [int(e) for e in request.edges]
    for p, (lo, hi) in enumerate(itertools.pairwise(edges)):
        exprs.append((f"period_{p}",
                      total_of(f"{d} >= {_date(lo)} AND {d} < {_date(hi)} AND {horizon}")))
    exprs += [
        ("good_rows", f"COUNT(CASE WHEN {ok} THEN 1 END)"),
        ("bad_date", f"COUNT(CASE WHEN {d} IS NULL THEN 1 END)"),
        ("bad_amount", f"COUNT(CASE WHEN {amount} IS NULL OR isnan({amount}) THEN 1 END)"),
        ("rows", "COUNT(*)"),
    ]
    return exprs


def select_sql(source: str, cols: LineColumns, request: AggregateRequest,
               dialect: Dialect) -> str:
    """The whole query over ``source`` (a table name or a table function call)."""
    exprs = aggregate_exprs(cols, request, dialect)
    items = ",\n  ".join(f"{e} AS {dialect.ident(a)}" for a, e in exprs)
    return (f"SELECT {key_expr(cols, dialect)} AS {dialect.ident('client')},\n  {items}\n"
            f"FROM {source}\nGROUP BY 1")
