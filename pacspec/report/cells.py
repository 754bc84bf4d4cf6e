"""Typed cells of the report's tables, formatted in the plan's locale; a KPI value's cell
follows the unit its KPI module declares."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Literal

from pacspec.engine import kpis
from pacspec.engine.result import RuleRow as RuleLike
from pacspec.i18n import Locale, label, money, number, percent
from pacspec.report.document import Cell, Column, Row, Table

__all__ = ["date_cell", "date_text", "int_cell", "lines_cell", "measure_cell", "metric_cell",
           "money_cell", "num_cell", "pct_cell", "rule_table", "status_cell", "text_cell"]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def text_cell(value: object, strong: bool = False) -> Cell:
    if _missing(value):
        return Cell()
    return Cell("text", str(value), str(value), strong=strong)


def lines_cell(lines: Iterable[str], sep: str = "; ", strong_first: bool = False) -> Cell:
    items = tuple(str(x) for x in lines)
    if not items:
        return Cell()
    return Cell("text", sep.join(items), sep.join(items), lines=items, strong=strong_first)


def int_cell(value: object, loc: str) -> Cell:
    if _missing(value):
        return Cell("integer")
    v = int(value)  # type: ignore[call-overload]
    return Cell("integer", v, number(v, loc))


def num_cell(value: object, loc: str, digits: int = 1) -> Cell:
    if _missing(value):
        return Cell("number", digits=digits)
    v = float(value)  # type: ignore[arg-type]
    return Cell("number", v, number(v, loc, digits), digits=digits)


def money_cell(value: object, currency: str, loc: str, scale: Literal["k", "unit"] = "k"
               ) -> Cell:
    if _missing(value):
        return Cell("money", scale=scale)
    v = float(value)  # type: ignore[arg-type]
    return Cell("money", v, money(v, currency, loc, thousands=scale == "k"), scale=scale)


def pct_cell(value: object, loc: str, digits: int = 1) -> Cell:
    if _missing(value):
        return Cell("percent", digits=digits)
    v = float(value)  # type: ignore[arg-type]
    return Cell("percent", v, percent(v, loc, digits), digits=digits)


def date_text(value: dt.date, loc: str) -> str:
    """``31/12/2026`` (fr) or ``2026-12-31`` (en)."""
    return Locale.of(loc).date(value)


def date_cell(value: dt.date | None, loc: str) -> Cell:
    if value is None:
        return Cell("date")
    return Cell("date", value, date_text(value, loc))


def status_cell(status: object, loc: str) -> Cell:
    if status not in ("green", "orange", "red"):
        return Cell("status")
    return Cell("status", status, label(f"rep_status_{status}", loc))


def measure_cell(value: object, unit: str, loc: str, cur: str) -> Cell:
    """A KPI value or target as its unit shows it: ``rate`` a percentage, ``money`` an
    amount in thousands, ``amount`` in full, ``count`` a whole number, ``ratio`` two
    decimals, anything else (``per_month``) one decimal unless whole."""
    if unit == "rate":
        return pct_cell(value, loc)
    if unit == "money":
        return money_cell(value, cur, loc)
    if unit == "amount":
        return money_cell(value, cur, loc, "unit")
    if unit == "count":
        return int_cell(value, loc)
    if unit == "ratio":
        return num_cell(value, loc, 2)
    return num_cell(value, loc, 0 if _missing(value) or float(value).is_integer() else 1)  # type: ignore[arg-type]


def metric_cell(metric: str, value: object, loc: str, cur: str) -> Cell:
    """:func:`measure_cell` with the unit of ``metric`` from the KPI registry (a metric the
    registry does not know: a plain number)."""
    unit = kpis.get(metric).unit if metric in kpis.names() else ""
    return measure_cell(value, unit, loc, cur)


def rule_table(table_id: str, title: str | None, first: str, rows: Iterable[RuleLike],
               loc: str, cur: str) -> Table:
    """Clients and revenue per rule (profiles, segments, typologies), "none" in words."""
    none = label("none", loc)
    return Table(table_id, title, (
        Column("label", first),
        Column("clients", label("clients", loc), "integer", "right"),
        Column("client_share", label("client_share", loc), "percent", "right"),
        Column("revenue", label("revenue", loc), "money", "right"),
        Column("revenue_share", label("revenue_share", loc), "percent", "right"),
    ), tuple(Row((text_cell(r.label if r.label is not None else none), int_cell(r.clients, loc),
                  pct_cell(r.client_share, loc), money_cell(r.revenue, cur, loc),
                  pct_cell(r.revenue_share, loc)), key=r.id) for r in rows))
