"""The per-client table of the report (the workbook's Clients sheet), with labels."""

from __future__ import annotations

import datetime as dt

import numpy as np

from pacspec.engine.result import TABLE_COLUMNS, Evaluation
from pacspec.i18n import label
from pacspec.report.cells import date_cell, int_cell, money_cell, num_cell, text_cell
from pacspec.report.document import CellKind, Column, Row, Table

__all__ = ["clients_table"]


_CLIENT_KINDS: dict[str, tuple[CellKind, int]] = {
    "revenue": ("money", 0), "history_revenue": ("money", 0), "potential": ("money", 0),
    "orders": ("integer", 0), "units": ("number", 0), "recency": ("integer", 0),
    "r": ("integer", 0), "f": ("integer", 0), "m": ("integer", 0),
    "first_purchase": ("date", 0), "last_purchase": ("date", 0),
    "ipo": ("number", 2), "ipa": ("number", 2),
}


def clients_table(ev: Evaluation) -> Table:
    """The per-client table with labels (the spreadsheet's Clients sheet)."""
    loc, cur = ev.locale, ev.plan.header.currency
    table = ev.table(labels=True)
    names = [n for n in TABLE_COLUMNS if n in table]
    columns = tuple(Column(n, label(n, loc), _CLIENT_KINDS[n][0] if n in _CLIENT_KINDS else "text",
                           "right" if n in _CLIENT_KINDS else "left") for n in names)
    lists = {n: table[n].tolist() if table[n].dtype.kind != "M" else table[n] for n in names}
    rows = []
    for i in range(ev.n_clients):
        cells = []
        for n in names:
            kind, digits = _CLIENT_KINDS.get(n, ("text", 0))
            v = lists[n][i]
            if kind == "money":
                cells.append(money_cell(v, cur, loc, "unit"))
            elif kind == "integer":
                cells.append(int_cell(v, loc))
            elif kind == "number":
                cells.append(num_cell(v, loc, digits))
            elif kind == "date":
                cells.append(date_cell(None if np.isnat(v) else v.astype(dt.date), loc))
            else:
                cells.append(text_cell(None if v == "" else v))
        rows.append(Row(tuple(cells), key=str(lists["client"][i])))
    return Table("clients", label("rep_clients_table", loc), columns, tuple(rows))
