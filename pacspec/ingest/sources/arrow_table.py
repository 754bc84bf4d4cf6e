"""pyarrow Tables and RecordBatches (pyarrow is imported only when one is passed)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from pacspec.ingest.arrays import Array, IntArray, arrow_objects
from pacspec.ingest.factorize import (
    arrow_codes,
    factorize_arrow,
    factorize_dictionary,
    factorize_values,
    finish_factorized,
    first_seen,
)
from pacspec.ingest.sources._registry import Source, register
from pacspec.ingest.table import Table, file_words, worded_error
from pacspec.model.data import CsvOptions
from pacspec.reasons import Reason

__all__ = ["SOURCE", "read_arrow"]


def read_arrow(table: Any, what: str, label: str,
               fetch: Callable[[str], dict[str, Any]] | None = None, rows: int = 0) -> Table:
    """A view of a pyarrow Table or RecordBatch; rows are 0-based positions. ``fetch``
    (a file of ``rows`` rows: ``table`` is then its schema only) reads a column on its
    first use, with others it chooses (``{name: ChunkedArray}``); each is dropped once
    parsed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    names = [str(n) for n in table.column_names]
    n_rows = table.num_rows if fetch is None else rows
    held: dict[str, Any] = {}  # each column by name (the first of a repeated name)
    if fetch is None:
        for i, name in enumerate(names):
            held.setdefault(name, table.column(i))
    del table

    lock = threading.Lock()  # the reader may parse two columns at once

    def get(name: str) -> Any:
        found = held.get(name)
        if found is None and fetch is not None:  # decoded outside the lock: two at once
            fetched = fetch(name)
            with lock:
                held.update(fetched)
        return held[name]

    def release(name: str) -> None:
        if fetch is not None:  # a table given in memory is the caller's to keep
            with lock:
                held.pop(name, None)

    def chunked(name: str) -> Any:
        col = get(name)
        if pa.types.is_dictionary(col.type):
            col = col.cast(col.type.value_type)
        return col

    def column(name: str) -> Array:
        col = chunked(name)
        kind = col.type
        _check_flat(name, col)
        if pa.types.is_timestamp(kind):
            if kind.tz is not None:
                col = pc.local_timestamp(col)
            return np.asarray(col.to_numpy())
        if pa.types.is_date(kind):
            return np.asarray(col.cast(pa.date32()).to_numpy())
        if pa.types.is_integer(kind) and col.null_count == 0:
            return np.asarray(col.to_numpy()).astype(np.int64)
        if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
            return np.asarray(pc.cast(col, pa.float64()).to_numpy(), dtype=np.float64)
        return arrow_objects(col)

    def text(name: str) -> Any:
        """The column as Arrow strings, or None when it does not hold text."""
        col = chunked(name)
        if pa.types.is_large_string(col.type) or pa.types.is_string_view(col.type):
            col = col.cast(pa.string())
        return col if pa.types.is_string(col.type) else None

    def id_codes(name: str) -> tuple[int, IntArray]:
        col = text(name)
        if col is not None:  # no Python string per distinct id (order ids: millions)
            return arrow_codes(col, strip=True)
        uniques, codes = factorize(name)
        return first_seen(codes, len(uniques))

    def factorize(name: str) -> tuple[Array, IntArray]:
        held_type = get(name).type
        if pa.types.is_dictionary(held_type) and (pa.types.is_string(held_type.value_type)
                                                  or pa.types.is_large_string(
                                                      held_type.value_type)):
            return factorize_dictionary(get(name), strip=True)
        col = text(name)
        if col is not None:
            return factorize_arrow(col, strip=True)
        col = chunked(name)
        if not pa.types.is_integer(col.type):
            _check_flat(name, col)
            return factorize_values(column(name))
        uniques = pc.unique(col).drop_null()
        codes = pc.fill_null(pc.index_in(col, value_set=uniques), -1)
        values = np.asarray(uniques.to_numpy(zero_copy_only=False)).astype(np.int64)
        return finish_factorized(values, np.asarray(codes.to_numpy(), dtype=np.int64))

    def _check_flat(name: str, col: Any) -> None:
        if pa.types.is_nested(col.type):
            raise worded_error("bad-type", Reason("problem_nested_column", {
                "name": name, "of": file_words(what, of=True), "type": str(col.type)}),
                None if label.startswith("<") else label)

    return Table(
        label=label,
        what=what,
        is_file=False,
        encoding=None,
        names=names,
        row_numbers=lambda: np.arange(n_rows, dtype=np.int64),
        count=n_rows,
        column=column,
        factorize=factorize,
        text=False,
        ids_stripped=True,
        id_codes=id_codes,
        typed_arrow=get,
        release=release,
    )


def _accepts(obj: Any) -> bool:
    kind = type(obj)
    return kind.__module__.split(".")[0] == "pyarrow" and kind.__name__ in ("Table", "RecordBatch")


def _read(obj: Any, options: CsvOptions, what: str) -> Table:
    return read_arrow(obj, what, f"<pyarrow.{type(obj).__name__}>")


SOURCE = register(
    Source(name="arrow-table", expects="a pyarrow Table", accepts=_accepts, read=_read, priority=30)
)
