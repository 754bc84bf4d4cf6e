"""The per-client table of the report (the workbook's Clients sheet), with labels: the
columns of :mod:`pacspec.report.client_columns` (client table, register, period table)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

from pacspec.engine.result import Evaluation
from pacspec.i18n import label
from pacspec.report.cells import (
    date_cell,
    int_cell,
    money_cell,
    num_cell,
    pct_cell,
    text_cell,
)
from pacspec.report.client_columns import Headers, client_columns, headers_of
from pacspec.report.document import Cell, Column, Row, Table

__all__ = ["clients_table"]

#: Decimals of the number columns.
_DIGITS = {"ipo": 2, "ipa": 2, "units": 0}


def _dates(values: np.ndarray) -> list[dt.date | None]:
    days = values.astype("datetime64[D]")
    return [None if np.isnat(v) else v.astype(dt.date) for v in days]


def clients_table(ev: Evaluation, headers: Headers = "labels") -> Table:
    """The per-client table with labels (the spreadsheet's Clients sheet); ``headers``:
    the columns' titles in the plan's locale, or their stable ids."""
    loc, cur = ev.locale, ev.plan.header.currency
    columns = client_columns(ev, labels=True)
    titles = headers_of(columns, headers)
    out_columns = tuple(Column(c.id, t, c.kind, "left" if c.kind == "text" else "right")
                        for c, t in zip(columns, titles, strict=True))
    makers: list[Callable[[object], Cell]] = []
    for c in columns:
        if c.kind == "money":
            makers.append(lambda v: money_cell(v, cur, loc, "unit"))
        elif c.kind == "integer":
            makers.append(lambda v: int_cell(v, loc))
        elif c.kind == "percent":
            makers.append(lambda v: pct_cell(v, loc))
        elif c.kind == "number":
            digits = _DIGITS.get(c.id, 2 if c.source == "register" else 0)
            makers.append(lambda v, d=digits: num_cell(v, loc, d))  # type: ignore[misc]
        elif c.kind == "date":
            makers.append(lambda v: date_cell(v if isinstance(v, dt.date) else None, loc))
        else:
            makers.append(lambda v: text_cell(None if v == "" else v))
    lists = [_dates(c.values) if c.values.dtype.kind == "M" else c.values.tolist()
             for c in columns]
    keys = [str(k) for k in lists[0]]
    rows = tuple(Row(tuple(make(v) for make, v in zip(makers, values, strict=True)), key=key)
                 for key, *values in zip(keys, *lists, strict=True))
    return Table("clients", label("rep_clients_table", loc), out_columns, rows)
