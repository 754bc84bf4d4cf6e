"""The per-client output, as columns: the engine's client table, then the register's other
attribute columns (region, owner, criteria notes...), then the method's period table (per
RFM period, oldest first: bought, the code digit, the net amount). Each column has a stable
machine ``id`` and a ``title`` in the plan's locale; the CSV, JSON and Parquet writers and
the workbook's Clients sheet all read this one list, column by column (no per-cell
objects).

Headers: ``labels`` (the titles, what a French spreadsheet user reads) or ``ids`` (stable
names for scripts: ``revenue``, ``region``, ``p2025_01_revenue``...).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

import numpy as np

from pacspec.engine.result import TABLE_COLUMNS
from pacspec.i18n import label
from pacspec.model.types import localize

if TYPE_CHECKING:
    from pacspec.engine.result import Evaluation
    from pacspec.report.document import CellKind

__all__ = ["HEADERS", "ClientColumn", "Headers", "client_columns", "headers_of"]

Headers = Literal["labels", "ids"]
HEADERS: tuple[str, ...] = get_args(Headers)
"""The header styles of the per-client output."""

#: Kind of each engine column (for the workbook's number formats); text otherwise.
KINDS: dict[str, CellKind] = {
    "revenue": "money", "margin": "money", "history_revenue": "money", "potential": "money", "headroom": "money",
    "orders": "integer", "units": "number", "recency": "integer",
    "r": "integer", "f": "integer", "m": "integer",
    "first_purchase": "date", "last_purchase": "date",
    "ipo": "number", "ipa": "number", "penetration": "percent",
}


#: Register columns with a word in the locale (the others keep the register's header).
ATTRIBUTE_LABELS: dict[str, str] = {"owner": "owner", "commercial": "view_commercial",
                                    "region": "view_region"}


@dataclass(frozen=True)
class ClientColumn:
    """One column of the per-client output: ``values`` has one entry per client (in the
    ledger's order); ``source`` says where it comes from (``table``, ``register``,
    ``period``)."""

    id: str
    title: str
    values: np.ndarray
    kind: CellKind = "text"
    source: Literal["table", "register", "period"] = "table"


def _epoch_day(day: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(day))


def _attribute_title(ev: Evaluation, name: str) -> str:
    """A register column's title: the plan's criterion label for a criteria note, the
    locale's word for a known column, else the register's own header."""
    spec = ev.plan.ipo_ipa
    if spec is not None:
        for criterion in (*spec.ipo, *spec.ipa):
            if criterion.column == name:
                return localize(criterion.label, ev.locale, name)
    key = ATTRIBUTE_LABELS.get(name)
    return label(ATTRIBUTE_LABELS[name], ev.locale) if key is not None else name


def period_ids(ev: Evaluation) -> list[str]:
    """A stable id per RFM period, oldest first: ``p`` + the first month (``p2025_01``)."""
    return [f"p{_epoch_day(d):%Y_%m}" for d in np.asarray(ev.edges)[:-1].tolist()]


def client_columns(ev: Evaluation, *, labels: bool = False) -> list[ClientColumn]:
    """Every column of the per-client output of ``ev`` (see the module docstring); with
    ``labels``, categories (profile, segment...) and "bought" read in the plan's locale."""
    loc = ev.locale
    table = ev.table(labels)
    out = [ClientColumn(n, label(n, loc), table[n], KINDS.get(n, "text"))
           for n in TABLE_COLUMNS if n in table]
    shown = set(table)
    for name, values in ev.ledger.attributes.items():
        if name in shown:
            continue
        array = np.asarray(values)
        kind: CellKind = "number" if array.dtype.kind in "if" else "text"
        out.append(ClientColumn(name, _attribute_title(ev, name), array, kind, "register"))
    code = np.asarray(ev.columns["code"], dtype=np.int64)
    n = ev.n_periods
    yes, no = label("rep_yes", loc), label("rep_no", loc)
    for i, (pid, plabel) in enumerate(zip(period_ids(ev), ev.period_labels, strict=True)):
        digit = (code >> (n - 1 - i)) & 1  # the code's digit: most recent period lowest bit
        bought = np.where(digit == 1, yes, no).astype(object) if labels else digit == 1
        out += [
            ClientColumn(f"{pid}_bought", label("rep_period_bought", loc, period=plabel),
                         bought, "text", "period"),
            ClientColumn(f"{pid}_digit", label("rep_period_digit", loc, period=plabel),
                         digit, "integer", "period"),
            ClientColumn(f"{pid}_revenue", label("rep_period_revenue", loc, period=plabel),
                         np.asarray(ev.period_revenue[:, i], dtype=np.float64), "money",
                         "period"),
        ]
    return out


def headers_of(columns: list[ClientColumn], headers: Headers = "ids") -> list[str]:
    """The header line: the columns' ids or titles (a title two columns share gets its id
    after it, so that every header is unique)."""
    if headers == "ids":
        return [c.id for c in columns]
    if headers != "labels":
        raise ValueError(f"unknown headers {headers!r} (use one of {', '.join(HEADERS)})")
    titles = [c.title for c in columns]
    return [f"{t} ({c.id})" if titles.count(t) > 1 else t for t, c in zip(titles, columns,
                                                                          strict=True)]
