"""The per-client table of the report (the workbook's Clients sheet), with labels: the
columns of :mod:`pacspec.report.client_columns` (client table, register, period table).

It is held column by column (one array per column, one entry per client): at 100 000
clients a cell object per client and column was 4.5 million objects that only the workbook
read. :attr:`ClientsTable.rows` still gives the typed cells, built on demand, for a script
or a test that wants them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
from pacspec.report.document import Cell, Column, Row

__all__ = ["ClientsTable", "clients_table"]

#: Decimals of the number columns.
_DIGITS = {"ipo": 2, "ipa": 2, "units": 0}


def _dates(values: np.ndarray) -> list[dt.date | None]:
    days = values.astype("datetime64[D]")
    return [None if np.isnat(v) else v.astype(dt.date) for v in days]


@dataclass(frozen=True, eq=False)
class ClientsTable:
    """The per-client table as columns: ``columns[j]`` (id, header, kind) holds
    ``values[j]``, one entry per client in the ledger's order (NaN / NaT / None / "" where
    empty); ``digits[j]`` are the decimals of a ``number`` or ``percent`` column. Money is
    in full currency units."""

    id: str
    title: str
    columns: tuple[Column, ...]
    values: tuple[np.ndarray, ...]
    digits: tuple[int, ...]
    locale: str
    currency: str

    def __len__(self) -> int:
        return len(self.values[0]) if self.values else 0

    def cell(self, j: int, value: object) -> Cell:
        """The typed cell of ``value`` in column ``j`` (what the other tables hold)."""
        kind, loc = self.columns[j].kind, self.locale
        if kind == "money":
            return money_cell(value, self.currency, loc, "unit")
        if kind == "integer":
            return int_cell(value, loc)
        if kind == "percent":
            return pct_cell(value, loc, self.digits[j])
        if kind == "number":
            return num_cell(value, loc, self.digits[j])
        if kind == "date":
            return date_cell(value if isinstance(value, dt.date) else None, loc)
        return text_cell(None if value == "" else value)

    @property
    def rows(self) -> tuple[Row, ...]:
        """One row of typed cells per client, built on each call (slow with many clients:
        the workbook reads :attr:`values`)."""
        lists = [_dates(v) if v.dtype.kind == "M" else v.tolist() for v in self.values]
        return tuple(Row(tuple(self.cell(j, v) for j, v in enumerate(values)),
                         key=str(values[0]))
                     for values in zip(*lists, strict=True))

def clients_table(ev: Evaluation, headers: Headers = "labels", *,
                  empty: bool = False) -> ClientsTable:
    """The per-client table with labels (the spreadsheet's Clients sheet); ``headers``:
    the columns' titles in the plan's locale, or their stable ids. ``empty``: no column
    (a document for a renderer that leaves the table out)."""
    loc, cur = ev.locale, ev.plan.header.currency
    title = label("rep_clients_table", loc)
    if empty:
        return ClientsTable("clients", title, (), (), (), loc, cur)
    columns = client_columns(ev, labels=True)
    titles = headers_of(columns, headers)
    out_columns = tuple(Column(c.id, t, c.kind, "left" if c.kind == "text" else "right")
                        for c, t in zip(columns, titles, strict=True))
    digits = tuple(_DIGITS.get(c.id, 2 if c.source == "register" else 0)
                   if c.kind == "number" else 1 if c.kind == "percent" else 0
                   for c in columns)
    return ClientsTable("clients", title, out_columns,
                        tuple(np.asarray(c.values) for c in columns), digits, loc, cur)
