"""The :class:`Ledger` (transactions and client register as numpy columns) and its assembly
from the transactions and register read."""

from __future__ import annotations

import datetime as dt
import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pacspec.calendar import from_day, to_day
from pacspec.diagnostics import Problem
from pacspec.ingest.arrays import Array, BoolArray, FloatArray, IntArray
from pacspec.ingest.factorize import factorize_values, merge_ids, small_codes, text_categories
from pacspec.ingest.register import Register
from pacspec.ingest.report import IngestReport
from pacspec.ingest.transactions import Transactions
from pacspec.reasons import Reason

__all__ = ["Ledger", "after_as_of_notes", "assemble"]


@dataclass(eq=False)
class Ledger:
    """Transactions as dense numpy columns, plus the client register's attributes.

    Every per-transaction array has ``n_transactions`` items, in the source's row order;
    every per-client array (``client_ids``, each attribute) has ``n_clients`` items,
    indexed by dense client id.
    """

    client_ids: Array
    """Original client ids, indexed by dense id: ``str`` objects (object array) or int64."""
    client: IntArray
    """Dense client id of each transaction (index into ``client_ids``)."""
    day: IntArray
    """Date of each transaction, in days since 1970-01-01."""
    amount: FloatArray
    """Net amount of each transaction; negative = credit note."""
    order: IntArray | None = None
    """Factorised order / invoice id of each transaction, numbered by first appearance
    (rows without an id each get their own code after those); None when no order column
    is mapped. Only equality between codes means something."""
    quantity: FloatArray | None = None
    """Quantity of each transaction; None when no quantity column is mapped."""
    product_codes: Array | None = None
    """The product of each transaction as a code into ``products`` (int8, int16 or int32,
    the smallest that holds them; ``-1``: no product); None when no product column is
    mapped. Read it through :meth:`product_lines` (patterns matched once per product)."""
    products: Array | None = None
    """The distinct product texts, sorted (``str`` objects), indexed by product code."""
    attributes: dict[str, Array] = field(default_factory=dict)
    """Register columns aligned to dense ids: float64 (NaN missing) for numeric columns,
    object (None missing) otherwise. The name column is under ``"name"``."""
    reports: list[IngestReport] = field(default_factory=list)
    """One report per source read (transactions first, then the register)."""
    margin: FloatArray | None = None
    """Gross margin amount of each transaction; None when no margin column is mapped."""
    _lookup: dict[Any, int] | None = field(default=None, init=False, repr=False)
    _text_lookup: dict[str, int] | None = field(default=None, init=False, repr=False)

    @property
    def n_clients(self) -> int:
        """Number of clients (register and transactions together)."""
        return len(self.client_ids)

    @property
    def n_transactions(self) -> int:
        """Number of transaction rows."""
        return len(self.client)

    @property
    def first_date(self) -> dt.date | None:
        """Date of the earliest transaction, None when there are none."""
        return from_day(int(self.day.min())) if len(self.day) else None

    @property
    def last_date(self) -> dt.date | None:
        """Date of the latest transaction (the default ``as_of``), None when there are none."""
        return from_day(int(self.day.max())) if len(self.day) else None

    @property
    def product(self) -> Array | None:
        """Each transaction's product text (None: no product), decoded from the codes: an
        object array as large as the ledger; prefer :meth:`product_lines`."""
        if self.product_codes is None or self.products is None:
            return None
        decoded = np.empty(len(self.products) + 1, dtype=object)  # the last: no product
        decoded[:-1] = self.products
        return np.asarray(decoded[self.product_codes], dtype=object)

    @product.setter
    def product(self, values: Any) -> None:
        """Set the product of each transaction (a sequence of texts, None for none)."""
        if values is None:
            self.product_codes = self.products = None
            return
        array = np.empty(len(values), dtype=object)
        array[:] = list(values)
        uniques, codes = factorize_values(array, strip=True)
        self.products, codes = text_categories(uniques, codes)
        self.product_codes = small_codes(codes, len(self.products))

    def product_lines(self, patterns: Sequence[str]) -> BoolArray | None:
        """The transactions whose product matches one of the shell-style ``patterns``
        (``GPS*``, case-sensitive); each distinct product is matched once, then the codes
        are looked up. None when the ledger has no product column."""
        if self.product_codes is None or self.products is None:
            return None
        hit = np.zeros(len(self.products) + 1, dtype=bool)  # the last: no product
        for i, name in enumerate(self.products.tolist()):
            hit[i] = any(fnmatch.fnmatchcase(name, p) for p in patterns)
        return np.asarray(hit[self.product_codes], dtype=bool)

    def rows_after(self, as_of: dt.date) -> int | None:
        """The number of transactions dated after ``as_of`` (None when not known)."""
        if len(self.day) != self.n_transactions:
            return None
        return int(np.count_nonzero(self.day > to_day(as_of)))

    def index_of(self, ids: Any) -> IntArray:
        """Dense ids of the given client ids (a scalar or a sequence); -1 for unknown ids.

        Ids are matched exactly; when the types differ (``"12"`` against ``12``) their text
        is compared.
        """
        if self._lookup is None:
            self._lookup = _first_index(self.client_ids.tolist())
        values = np.atleast_1d(np.asarray(ids, dtype=object)).ravel().tolist()
        out = np.empty(len(values), dtype=np.int64)
        for j, value in enumerate(values):
            found = self._lookup.get(value)
            if found is None:  # the texts, built only when an id is not found as it is
                if self._text_lookup is None:
                    self._text_lookup = _first_index([str(v) for v in self.client_ids.tolist()])
                found = self._text_lookup.get(str(value), -1)
            out[j] = found
        return out


def after_as_of_notes(ledger: Ledger, as_of: dt.date) -> list[Problem]:
    """A note counting the transaction rows dated after ``as_of`` (left out of the
    analysis), when some but not all are (all of them: the analysis warns itself); none
    when the ledger cannot count them (:meth:`Ledger.rows_after`)."""
    total = ledger.n_transactions
    n = ledger.rows_after(as_of) if total else None
    if n is None or n == 0 or n == total:
        return []
    from pacspec.i18n import explain

    code = "problem_rows_after_as_of_one" if n == 1 else "problem_rows_after_as_of"
    values = {"n": n, "total": total, "as_of": as_of, "last": ledger.last_date}
    return [Problem("note", "rows-after-as-of", explain(code, values, "en"),
                    reason=Reason(code, values))]


def _pad(values: Array, extra: int) -> Array:
    """A register column extended with ``extra`` missing values."""
    if extra == 0:
        return values
    kind = values.dtype.kind
    if kind == "f":
        fill: Array = np.full(extra, np.nan, dtype=values.dtype)
    elif kind == "M":
        fill = np.full(extra, np.datetime64("NaT"), dtype=values.dtype)
    else:
        fill = np.full(extra, None, dtype=object)
        values = values.astype(object)
    return np.concatenate([values, fill])


def _first_index(values: list[Any]) -> dict[Any, int]:
    """Each value's first position (built reversed, so that the first one wins)."""
    return dict(zip(reversed(values), range(len(values) - 1, -1, -1), strict=True))


def assemble(tx: Transactions, register: Register | None) -> Ledger:
    """The ledger: dense ids over the register and the transactions, register columns
    padded for the clients found only in the transactions. The sources read ids, days
    and orders as int64, the kernels' type, so that the ledger takes them as they are: a
    narrower type while reading, widened here, cost more time (a fresh copy of each
    column, 0.1-0.25 s of a 10 M-line evaluation) than the memory it saved at the peak
    (30 MB)."""
    client_ids, client = merge_ids(
        register.ids if register is not None else None, tx.uniques, tx.client
    )
    tx.client = client = np.asarray(client, dtype=np.int64)  # no copy: int64 already
    tx.day = np.asarray(tx.day, dtype=np.int64)
    if tx.order is not None:
        tx.order = np.asarray(tx.order, dtype=np.int64)
    attributes: dict[str, Array] = {}
    reports = [tx.report]
    if register is not None:
        extra = len(client_ids) - len(register.ids)
        attributes = {k: _pad(v, extra) for k, v in register.attributes.items()}
        reports.append(register.report)
    return Ledger(
        client_ids=client_ids,
        client=client,
        day=tx.day,
        amount=tx.amount,
        order=tx.order,
        quantity=tx.quantity,
        product_codes=tx.product,
        products=tx.products,
        margin=tx.margin,
        attributes=attributes,
        reports=reports,
    )
