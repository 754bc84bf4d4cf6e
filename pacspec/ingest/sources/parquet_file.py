"""Parquet files (``.parquet``, ``.pq``), read with pyarrow; rows are 0-based positions."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

from pacspec.ingest.ahead import ReadAhead
from pacspec.ingest.arrays import IntArray, release_arrow_memory
from pacspec.ingest.factorize import streamed_run_codes
from pacspec.ingest.sources._registry import Source, register
from pacspec.ingest.sources.arrow_table import read_arrow
from pacspec.ingest.table import Table, cannot_read, file_words, missing_reader, worded_error
from pacspec.model.data import CsvOptions
from pacspec.reasons import Reason

__all__ = ["SOURCE", "SUFFIXES", "read_parquet"]

SUFFIXES = (".parquet", ".pq")


def read_parquet(path: Path, what: str) -> Table:
    """Read a Parquet file; raise :class:`~pacspec.diagnostics.LedgerError` when it cannot."""
    label = str(path)
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise missing_reader("pyarrow", "arrow", label) from None
    if not path.is_file():
        raise cannot_read(what, "not a file" if path.exists() else Reason("file_missing"), label)
    try:
        parquet = pq.ParquetFile(path)
        names = [str(n) for n in parquet.schema_arrow.names]
    except Exception as exc:  # pyarrow raises several exception types for bad files
        raise _bad_parquet(what, exc, label) from None

    def load(wanted: Sequence[str], *, categories: Sequence[str] = (),
             codes_only: Sequence[str] = ()) -> Table:
        columns = [n for n in dict.fromkeys(wanted) if n in names]
        schema = parquet.schema_arrow
        encoded = {n for n in categories if n in names and _is_text(schema.field(n).type)
                   and _indices_stored(parquet.metadata, n)}
        streamed = {n for n in codes_only if n in columns and n not in encoded
                    and pa.types.is_string(schema.field(n).type)}

        def decode(name: str, helper: Executor | None) -> dict[str, Any]:
            """One column, row group by row group: one chunk each, no copy of the whole
            into one; with a ``helper`` thread, the later row groups are decoded there,
            through a reader of their own, at the same time. A category column is read
            dictionary-encoded (its values once per row group)."""
            count = parquet.num_row_groups
            dictionary = [name] if name in encoded else None
            try:  # a reader per call and thread: columns may be decoded two at once
                reader = pq.ParquetFile(path, read_dictionary=dictionary)
                if helper is not None and count > 1:
                    cut = _halfway(parquet)
                    own = pq.ParquetFile(path, read_dictionary=dictionary)
                    later = helper.submit(_row_groups, own, range(cut, count), name)
                    try:
                        groups = _row_groups(reader, range(cut), name)
                    finally:
                        groups_later = later.result()
                    groups += groups_later
                    del groups_later
                else:
                    groups = _row_groups(reader, range(count), name)
                table = pa.concat_tables(groups) if groups else reader.read(columns=[name])
            except Exception as exc:
                raise _bad_parquet(what, exc, label) from None
            del groups
            release_arrow_memory()  # the decoder's buffers, kept by Arrow's pool for reuse
            return {name: table.column(0)}  # the first of a repeated name

        ahead = ReadAhead(decode, [n for n in columns if n not in streamed])
        out = read_arrow(pa.table({n: pa.array([], pa.null()) for n in columns}), what,
                         label, fetch=ahead.fetch, rows=parquet.metadata.num_rows)
        out.is_file = True  # rows stay 0-based positions: Parquet has no lines
        out.names = names
        whole = out.id_codes
        assert whole is not None

        def id_codes(name: str) -> tuple[int, IntArray]:
            """A codes-only column (the order ids) numbered row group by row group as it
            is decoded, its strings never all held (458 MB of a 30 M-line file's invoice
            numbers); decoded whole and hashed when the ids are not sorted."""
            if name in streamed:
                found = streamed_run_codes(_chunks(path, name, what, label))
                release_arrow_memory()
                if found is not None:
                    return found
            return whole(name)

        out.id_codes = id_codes
        return out

    # the schema only, so far: the mapped columns are read once the header is checked
    header = read_arrow(pa.table({n: pa.array([], pa.null()) for n in names}), what, label)
    header.is_file = True
    header.count = parquet.metadata.num_rows
    header.want = load
    return header


def _is_text(kind: Any) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


_INDEX_BYTES = 4
"""Bytes per value above which a column's data pages hold its values, not dictionary
indices (at most ~3 bytes each, the dictionary page included)."""


def _indices_stored(metadata: Any, name: str) -> bool:
    """Whether the column ``name`` is stored as dictionary indices in every row group,
    by its sizes in the footer: a writer falls back to plain values once a row group's
    dictionary page is full (1 MB: ~80 000 ids of 8 characters), and Arrow then reads a
    dictionary-encoded column by hashing those values again: twice the time of reading
    them plain (0.44 against 0.20 s on two threads for 10 M client ids, 460 000 of
    them). True when the footer does not say (no row group)."""
    stored = values = 0
    for i in range(metadata.num_row_groups):
        group = metadata.row_group(i)
        for j in range(group.num_columns):
            column = group.column(j)
            if column.path_in_schema == name:
                if not column.has_dictionary_page:
                    return False
                stored += column.total_uncompressed_size
                values += column.num_values
    return stored <= _INDEX_BYTES * values


def _chunks(path: Path, name: str, what: str, label: str) -> Iterator[Any]:
    """The column ``name``'s chunks, one row group decoded at a time."""
    import pyarrow.parquet as pq

    try:
        reader = pq.ParquetFile(path)
        count = reader.num_row_groups
    except Exception as exc:  # pyarrow raises several exception types for bad files
        raise _bad_parquet(what, exc, label) from None
    for i in range(count):
        try:
            group = reader.read_row_group(i, columns=[name])
        except Exception as exc:
            raise _bad_parquet(what, exc, label) from None
        yield from group.column(0).chunks


def _row_groups(parquet: Any, indices: range, name: str) -> list[Any]:
    return [parquet.read_row_group(i, columns=[name]) for i in indices]


def _halfway(parquet: Any) -> int:
    """The first row group of the file's second half by rows (at least one each side)."""
    metadata = parquet.metadata
    sizes = [metadata.row_group(i).num_rows for i in range(parquet.num_row_groups)]
    total, running = sum(sizes), 0
    for i, size in enumerate(sizes[:-1]):
        running += size
        if 2 * running >= total:
            return i + 1
    return len(sizes) - 1


def _bad_parquet(what: str, exc: Exception, label: str) -> Exception:
    """A file pyarrow cannot read as Parquet, in the plan's language (pyarrow's words)."""
    return worded_error("io", Reason("problem_cannot_read_parquet", {
        "what": file_words(what), "why": str(exc)}), label)


def _accepts(obj: Any) -> bool:
    return isinstance(obj, (str, os.PathLike)) and Path(obj).suffix.lower() in SUFFIXES


def _read(obj: Any, options: CsvOptions, what: str) -> Table:
    return read_parquet(Path(obj), what)


SOURCE = register(
    Source(name="parquet", expects="a file path", accepts=_accepts, read=_read, priority=10)
)
