"""Transaction lines from a :class:`~pacspec.ingest.table.Table`: mapped columns checked,
values parsed, bad rows reported (and dropped with the ``skip`` policy)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pacspec.diagnostics import LedgerError
from pacspec.ingest.arrays import Array, FloatArray, IntArray
from pacspec.ingest.factorize import factorize_values
from pacspec.ingest.report import BadRowPolicy, IngestReport
from pacspec.ingest.table import Table
from pacspec.ingest.values.dates import parse_dates
from pacspec.ingest.values.numbers import example_number, parse_numbers
from pacspec.model.data import CsvOptions, TransactionColumns

__all__ = ["Transactions", "read_transactions"]


@dataclass
class Transactions:
    """The kept transaction lines; clients as codes into ``uniques``."""

    uniques: Array
    client: IntArray
    day: IntArray
    amount: FloatArray
    order: IntArray | None
    quantity: FloatArray | None
    report: IngestReport


def read_transactions(
    table: Table, columns: TransactionColumns, options: CsvOptions, policy: BadRowPolicy
) -> Transactions:
    """Read the mapped columns of ``table``; raise :class:`LedgerError` for missing columns."""
    mapping: list[tuple[str, str | None]] = [
        ("client", columns.client),
        ("date", columns.date),
        ("amount", columns.amount),
        ("order", columns.order),
        ("quantity", columns.quantity),
        ("product", columns.product),
    ]
    missing = [
        table.missing_column(name, key, "transactions")
        for key, name in mapping
        if name is not None and name not in table.names
    ]
    if missing:
        raise LedgerError(missing)
    default_decimal = "," if table.delimiter == ";" else "."
    decimal = options.decimal
    bad = table.bad_rows()
    # rows lacking a mapped column are short rows, not rows with empty values
    whole = table.add_short_rows(bad, [name for _, name in mapping if name is not None])

    uniques, codes = table.factorize(columns.client)
    bad.add("missing-client", (codes < 0) & whole, columns.client, table.column(columns.client))

    raw_dates = table.column(columns.date)
    day, bad_date = parse_dates(raw_dates, options.date_format, table.text)
    bad.add("bad-date", bad_date & whole, columns.date, raw_dates)
    bad.expected["bad-date"] = options.date_format or "dd/mm/yyyy or yyyy-mm-dd"

    raw_amounts = table.column(columns.amount)
    amount, bad_amount, used = parse_numbers(
        raw_amounts, decimal, options.thousands, default_decimal, table.text
    )
    bad.add("bad-amount", bad_amount & whole, columns.amount, raw_amounts)
    bad.expected["bad-amount"] = f"a number such as {example_number(used)}"

    quantity: FloatArray | None = None
    if columns.quantity is not None:
        raw_quantities = table.column(columns.quantity)
        quantity, bad_quantity, used = parse_numbers(
            raw_quantities, decimal, options.thousands, default_decimal, table.text
        )
        bad.add("bad-quantity", bad_quantity & whole, columns.quantity, raw_quantities)
        bad.expected["bad-quantity"] = f"a number such as {example_number(used)}"

    report = bad.report(policy)
    keep = ~bad.any
    all_kept = bool(keep.all())

    def kept(values: Array) -> Array:
        return values if all_kept else values[keep]

    codes = kept(codes)
    if not all_kept:  # forget ids used only by dropped rows
        used_ids = np.bincount(codes, minlength=len(uniques)) > 0
        if not used_ids.all():
            remap = np.cumsum(used_ids, dtype=np.int64) - 1
            uniques, codes = uniques[used_ids], remap[codes]

    order: IntArray | None = None
    if columns.order is not None:
        order_uniques, order = factorize_values(
            kept(table.column(columns.order)), strip=True, all_text=table.text
        )
        no_id = order < 0
        if no_id.any():  # a row without an order id is an order of its own
            order[no_id] = len(order_uniques) + np.arange(int(no_id.sum()), dtype=np.int64)

    return Transactions(
        uniques=uniques,
        client=codes,
        day=kept(day),
        amount=kept(amount),
        order=order,
        quantity=kept(quantity) if quantity is not None else None,
        report=report,
    )
