"""Transaction lines from a :class:`~pacspec.ingest.table.Table`: mapped columns checked,
values parsed, bad rows reported (and dropped with the ``skip`` policy)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np

from pacspec.diagnostics import LedgerError, Problem
from pacspec.ingest.arrays import Array, BoolArray, FloatArray, IntArray, release_arrow_memory
from pacspec.ingest.factorize import (
    dictionary_codes,
    factorize_values,
    first_seen,
    look_alike_ids,
    small_codes,
    text_categories,
)
from pacspec.ingest.report import BadRowKind, BadRowPolicy, IngestReport, explain
from pacspec.ingest.table import Table
from pacspec.ingest.values.arrow import AmbiguousNumbers, parse_dates_arrow, parse_numbers_arrow
from pacspec.ingest.values.dates import ambiguous_day_first, parse_dates
from pacspec.ingest.values.numbers import example_number, parse_numbers
from pacspec.model.data import CsvOptions, TransactionColumns
from pacspec.reasons import Reason

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
    product: Array | None = None
    """Code of each line's product into ``products`` (``-1``: none); None when unmapped."""
    products: Array | None = None
    keep: Array | None = None
    """The source rows kept (a bool mask); None when every row is kept."""
    margin: FloatArray | None = None
    """Gross margin of each kept line; None when no margin column is mapped."""


def _mapping(columns: TransactionColumns) -> list[tuple[str, str | None]]:
    return [
        ("client", columns.client),
        ("date", columns.date),
        ("amount", columns.amount),
        ("order", columns.order),
        ("quantity", columns.quantity),
        ("product", columns.product),
        ("margin", columns.margin),
    ]


def _parse_order(columns: TransactionColumns) -> list[str]:
    """The mapped columns in the order :func:`read_transactions` parses them (a source may
    decode the next one ahead, :mod:`pacspec.ingest.ahead`)."""
    names = [columns.client, columns.order, columns.date, columns.amount, columns.quantity,
             columns.margin, columns.product]
    return list(dict.fromkeys(n for n in names if n is not None))


def _hashed_orders(table: Table) -> bool:
    """Whether the source numbers the order ids itself (Arrow's hash or runs, by first
    appearance): they are then read right after the client ids."""
    return table.ids_stripped and table.id_codes is not None


def _codes_only(table: Table, columns: TransactionColumns) -> list[str]:
    """The order ids' column when it is read only for its codes: numbered by the source
    and mapped to no other key (a Parquet file then numbers it row group by row group)."""
    order = columns.order
    mapped = [name for _, name in _mapping(columns)]
    if order is None or not _hashed_orders(table) or mapped.count(order) > 1:
        return []
    return [order]


def header_problems(table: Table, columns: TransactionColumns) -> list[Problem]:
    """One problem per mapped column missing from the header (before any row is parsed);
    one for a file aligned with spaces."""
    aligned = table.aligned_problem("transactions")
    if aligned is not None and any(name not in table.names for _, name in _mapping(columns)
                                   if name is not None):
        return [aligned]
    return [
        table.missing_column(name, key, "transactions")
        for key, name in _mapping(columns)
        if name is not None and name not in table.names
    ]


def read_transactions(
    table: Table, columns: TransactionColumns, options: CsvOptions, policy: BadRowPolicy
) -> Transactions:
    """Read the mapped columns of ``table``; raise :class:`LedgerError` for missing columns."""
    mapping = _mapping(columns)
    missing = header_problems(table, columns)
    if missing:
        raise LedgerError(missing)
    if table.want is not None:  # the header is checked: parse the mapped columns only
        table = table.want(_parse_order(columns), categories=[
            n for n in (columns.client, columns.product) if n is not None],
            codes_only=_codes_only(table, columns))
    default_decimal = table.decimal_mark
    decimal = options.decimal
    bad = table.bad_rows()
    bad.notes.extend(table.notes)
    # rows lacking a mapped column are short rows, not rows with empty values
    whole = table.add_short_rows(bad, [name for _, name in mapping if name is not None])
    pending = [name for _, name in mapping if name is not None]

    def done(name: str) -> None:
        """A mapped column is read: the source may drop it unless another key maps it."""
        pending.remove(name)
        if table.release is not None and name not in pending:
            table.release(name)
            release_arrow_memory()  # its buffers back to the system, for numpy's arrays

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pacspec-parse") as beside:
        # the order ids by Arrow's hash or runs (first appearance already, no Python string
        # per id) in a second thread while the client ids are factorized here
        orders: Future[tuple[int, IntArray]] | None = None
        if table.typed_arrow is not None:  # a file source decodes the client ids first,
            table.typed_arrow(columns.client)  # the order ids next, ahead (ingest.ahead)
        if columns.order is not None and _hashed_orders(table):
            assert table.id_codes is not None
            orders = beside.submit(_order_codes, table, columns.order,
                                   done if table.arrow is None else None)
        uniques, codes = table.factorize(columns.client)
        no_client = (codes < 0) & whole
        if no_client.any():  # the raw values only when a row must be shown
            bad.add("missing-client", no_client, columns.client, _raw(table, columns.client))
        for pair in look_alike_ids(uniques)[:1]:
            bad.notes.append(_look_alike_note(table, columns.client, uniques, pair))
        done(columns.client)

        def dates_read(parsed: tuple[Any, IntArray, BoolArray, list[str]]) -> IntArray:
            """The dates' bookkeeping; their column let go."""
            raw_dates, day, bad_date, texts = parsed
            if options.date_format is None:
                guess = ambiguous_day_first(texts)
                if guess is not None:
                    n_dates = int(np.count_nonzero(~bad_date))
                    bad.notes.append(_ambiguous_date_note(table, columns.date, guess, n_dates))
            bad.add("bad-date", bad_date & whole, columns.date, raw_dates)
            del raw_dates, parsed  # a copy of the column for a typed source
            done(columns.date)
            bad.expected["bad-date"] = (
                Reason("ingest_expected_format", {"format": options.date_format})
                if options.date_format else Reason("ingest_expected_dates"))
            return day

        hashed_orders: tuple[int, IntArray] | None = None
        amount_parsed: _Parsed | None = None
        if table.arrow is not None:  # text: the order ids let go before the dates, which
            hashed_orders = _result(orders)  # are parsed beside the amounts (Arrow, numpy)
            if orders is not None and columns.order is not None:
                done(columns.order)
            dates = beside.submit(_dates, table, columns.date, options.date_format)
            amount_parsed = _numbers(table, columns.amount, decimal, options.thousands,
                                     default_decimal)
            day = dates_read(dates.result())
            del dates
        else:  # a typed source: the dates and amounts (decoded ahead) while the order ids
            day = dates_read(_dates(table, columns.date, options.date_format))  # are hashed
            if orders is not None:
                amount_parsed = _numbers(table, columns.amount, decimal, options.thousands,
                                         default_decimal)
                hashed_orders = _result(orders)  # their column let go there

    def numbers(name: str, kind: BadRowKind, parsed: _Parsed | None = None) -> FloatArray:
        raw, values, bad_values, used, ambiguous = parsed or _numbers(
            table, name, decimal, options.thousands, default_decimal)
        if ambiguous is not None:
            bad.notes.append(_ambiguous_note(table, name, ambiguous))
        bad.add(kind, bad_values & whole, name, raw)
        bad.expected[kind] = Reason("ingest_expected_number", {"example": example_number(used)})
        done(name)
        return values

    amount = numbers(columns.amount, "bad-amount", amount_parsed)
    del amount_parsed
    quantity: FloatArray | None = None
    if columns.quantity is not None:
        quantity = numbers(columns.quantity, "bad-quantity")
    margin: FloatArray | None = None
    if columns.margin is not None:
        margin = numbers(columns.margin, "bad-margin")

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
        # numbered by first appearance in the kept lines, whatever the source
        if hashed_orders is not None:
            n_orders, order = hashed_orders
            hashed_orders = None
            if not all_kept:
                n_orders, order = first_seen(order[keep], n_orders)
        else:
            if table.ids_stripped:  # the source's own factorisation, then the kept rows
                order_uniques, order = table.factorize(columns.order)
                order = kept(order)
            else:
                order_uniques, order = factorize_values(
                    kept(table.column(columns.order)), strip=True, all_text=table.text
                )
            n_orders, order = first_seen(order, len(order_uniques))
        no_id = order < 0
        if no_id.any():  # a row without an order id is an order of its own
            own = int(no_id.sum())
            if n_orders + own >= np.iinfo(order.dtype).max:
                order = order.astype(np.int64)
            order[no_id] = n_orders + np.arange(own, dtype=order.dtype)
        if not _hashed_orders(table):
            done(columns.order)

    product: Array | None = None
    products: Array | None = None
    if columns.product is not None:
        products, product = product_column(table, columns.product, None if all_kept else keep)
        done(columns.product)

    return Transactions(
        uniques=uniques,
        client=codes,
        day=kept(day),
        amount=kept(amount),
        order=order,
        quantity=kept(quantity) if quantity is not None else None,
        report=report,
        product=product,
        products=products,
        keep=None if all_kept else keep,
        margin=kept(margin) if margin is not None else None,
    )


_Parsed = tuple[Any, FloatArray, BoolArray, str, AmbiguousNumbers | None]
"""A number column's raw values, numbers, bad rows, decimal mark used, ambiguity found."""


def _order_codes(table: Table, name: str, done: Callable[[str], None] | None
                 ) -> tuple[int, IntArray]:
    """The order ids' codes (the source's hash or runs); ``done`` lets their column go at
    once, in this thread (a typed source, whose other columns are read meanwhile)."""
    assert table.id_codes is not None
    codes = table.id_codes(name)
    if done is not None:
        done(name)
    return codes


def _result(future: Future[tuple[int, IntArray]] | None) -> tuple[int, IntArray] | None:
    return future.result() if future is not None else None


def _numbers(table: Table, name: str, decimal: str | None, thousands: str | None,
             default_decimal: str) -> _Parsed:
    """A number column parsed (no bookkeeping: safe in a second thread)."""
    typed = _typed_numbers(table, name)
    if typed is not None:
        return typed, typed, np.zeros(len(typed), dtype=bool), decimal or default_decimal, None
    raw = _raw(table, name)
    if table.arrow is not None:
        values, bad_values, used, ambiguous = parse_numbers_arrow(
            raw, decimal, thousands, default_decimal)
        return raw, values, bad_values, used, ambiguous
    values, bad_values, used = parse_numbers(raw, decimal, thousands, default_decimal,
                                             table.text)
    return raw, values, bad_values, used, None


def _dates(table: Table, name: str, date_format: str | None
           ) -> tuple[Any, IntArray, BoolArray, list[str]]:
    """The date column parsed: its raw values, days, bad rows and distinct texts (for the
    day-first check); no bookkeeping, safe in a second thread."""
    typed = _typed_days(table, name)
    if typed is not None:
        return typed, typed, np.zeros(len(typed), dtype=bool), []
    raw = _raw(table, name)
    texts: list[str] = []
    if table.arrow is not None:
        day, bad_date = parse_dates_arrow(raw, date_format, texts)
    else:
        day, bad_date = parse_dates(raw, date_format, table.text)
        if raw.dtype.kind == "O":
            texts = list(set(raw.tolist()))
    return raw, day, bad_date, texts


def _typed_column(table: Table, name: str) -> Any:
    """An Arrow source's typed column without nulls (a ChunkedArray), else None."""
    if table.arrow is not None or table.typed_arrow is None:
        return None
    col = table.typed_arrow(name)
    return col if col.null_count == 0 else None


def _typed_days(table: Table, name: str) -> IntArray | None:
    """A ``date32`` column without nulls (Parquet's dates) as the ledger's int64 days,
    chunk by chunk into one array: its values are the days; None for any other column (parsed as
    values, the raw column kept to show bad rows)."""
    import pyarrow as pa

    col = _typed_column(table, name)
    if col is None or not pa.types.is_date32(col.type):
        return None
    return _chunks_into(col, np.int64, pa.int32())  # type: ignore[return-value]


def _typed_numbers(table: Table, name: str) -> FloatArray | None:
    """A float64 or signed integer column without nulls, as float64 chunk by chunk into one array
    (no copy of the whole column first), when every value is finite; None otherwise (the
    column is then parsed as values, the raw column kept to show bad rows)."""
    import pyarrow as pa

    col = _typed_column(table, name)
    if col is None or not (pa.types.is_float64(col.type)
                           or pa.types.is_signed_integer(col.type)):
        return None
    values = _chunks_into(col, np.float64)
    if not np.isfinite(values).all():
        return None
    return values


def _chunks_into(col: Any, dtype: Any, view: Any = None) -> Any:
    """A ChunkedArray without nulls as one numpy array of ``dtype``, chunk by chunk (each
    chunk ``view``-ed as that Arrow type first, when given): no copy of the whole column."""
    out = np.empty(len(col), dtype=dtype)
    at = 0
    for chunk in col.chunks:
        out[at : at + len(chunk)] = (chunk if view is None else chunk.view(view)).to_numpy()
        at += len(chunk)
    return out


def product_column(table: Table, name: str, keep: Array | None) -> tuple[Array, Array]:
    """The product column dictionary-encoded: the distinct product texts (sorted) and each
    kept line's code in the smallest integer type (``-1``: no product)."""
    codes: Array
    typed = table.typed_arrow(name) if table.typed_arrow is not None else None
    if table.arrow is not None:  # text read by pyarrow: chunk by chunk, in the small type
        products, codes = dictionary_codes(table.arrow(name))
    elif typed is not None and _is_text(typed.type):  # Parquet / Arrow text, likewise
        products, codes = dictionary_codes(typed)
    else:
        products, codes = text_categories(*table.factorize(name))
    if keep is not None:
        codes = codes[keep]
        used = np.bincount(codes + 1, minlength=len(products) + 1)[1:] > 0
        if not used.all():  # forget the products of dropped lines only
            rank = np.append(np.cumsum(used, dtype=np.int64) - 1, -1)
            codes, products = rank[codes], products[used]
    return products, small_codes(codes, len(products))


def _is_text(kind: Any) -> bool:
    """A pyarrow string type, or a dictionary of strings."""
    import pyarrow as pa

    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind)
                or pa.types.is_string_view(kind))


def _raw(table: Table, name: str) -> Any:
    """A column's values: Arrow strings when the source has them, numpy otherwise."""
    return table.arrow(name) if table.arrow is not None else table.column(name)


def _ambiguous_note(table: Table, name: str, found: AmbiguousNumbers) -> Problem:
    other = "." if found.mark == "," else ","
    values = {"n": found.count, "values": "ingest_value" if found.count == 1 else "ingest_values",
              "example": found.example, "column": name, "reading": f"{found.reading:g}",
              "mark": found.mark, "other": other}
    return Problem(
        "warning",
        "ambiguous-number",
        explain("problem_ambiguous_number", values, "en"),
        file=table.label if table.is_file else None,
        path=("data", table.what, "csv", "decimal"),
        hint=explain("problem_ambiguous_number_hint", values, "en"),
        reason=Reason("problem_ambiguous_number", values),
    )


def _ambiguous_date_note(table: Table, name: str, guess: tuple[str, str], n: int) -> Problem:
    example, month_first = guess
    values = {"n": n, "column": name, "example": example, "month_first": month_first}
    return Problem(
        "warning",
        "ambiguous-date",
        explain("problem_ambiguous_date", values, "en"),
        file=table.label if table.is_file else None,
        path=("data", table.what, "csv", "date_format"),
        hint=explain("problem_ambiguous_date_hint", values, "en"),
        reason=Reason("problem_ambiguous_date", values),
    )


def _look_alike_note(table: Table, name: str, uniques: Any, pair: tuple[str, str]) -> Problem:
    marked, plain = pair
    shown = marked.encode("unicode_escape").decode("ascii")
    values = {"plain": plain, "shown": shown, "column": name}
    return Problem(
        "warning",
        "look-alike-id",
        explain("problem_look_alike_id", values, "en"),
        file=table.label if table.is_file else None,
        hint=explain("problem_look_alike_id_hint", values, "en"),
        reason=Reason("problem_look_alike_id", values),
    )
