"""``pacspec convert``: any readable transactions source to the typed Parquet the engines
read where it lies (DESIGN §6), through pacspec's own parsers, batch by batch.

A delimited text export is cut into blocks of whole records (at a line end where the
quotes are balanced); each block is read by the same reader as a whole file (header, French
values, bad rows), so every engine sees the values the numpy path sees, and memory is
bounded by the block size. Other sources (workbooks, frames, SQL) are read whole. The
mapped columns keep their names, typed: client, order and product as text (trimmed), the
date as a date, amount, quantity and margin as float64; so the plan that reads the export reads
the Parquet file with ``--transactions lines.parquet``. Bad rows are counted with their
line numbers; the output is written atomically (:mod:`pacspec.output`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from pacspec.diagnostics import LedgerError, Problem
from pacspec.ingest.report import MAX_BAD_ROWS_KEPT, BadRow, BadRowPolicy, IngestReport
from pacspec.ingest.sources import open_source, pick
from pacspec.ingest.table import Table
from pacspec.ingest.transactions import header_problems, read_transactions
from pacspec.model.data import CsvOptions, TransactionColumns
from pacspec.reasons import Reason

__all__ = ["BLOCK_BYTES", "Converted", "convert_transactions"]

BLOCK_BYTES = 64 << 20
"""The size of a text block read at once (about 1 M lines of a typical export)."""


@dataclass
class Converted:
    """What a conversion read and wrote."""

    output: Path
    rows_read: int = 0
    rows_written: int = 0
    blocks: int = 0
    report: IngestReport | None = None
    """The bad rows of every block, numbered by the source file's lines."""
    notes: list[Problem] = field(default_factory=list)


def _schema(columns: TransactionColumns) -> Any:
    import pyarrow as pa

    fields = [(columns.client, pa.string()), (columns.date, pa.date32()),
              (columns.amount, pa.float64()), (columns.order, pa.string()),
              (columns.quantity, pa.float64()), (columns.product, pa.string()),
              (columns.margin, pa.float64())]
    return pa.schema([(name, kind) for name, kind in fields if name is not None])


def _text(table: Table, name: str, keep: Any) -> Any:
    """A column's values as trimmed text (blank: null), for the kept rows."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if table.arrow is not None:
        col = table.arrow(name)
        if keep is not None:
            col = col.filter(pa.array(keep))
    else:
        values = table.column(name)
        if keep is not None:
            values = values[keep]
        items = [None if v is None or (isinstance(v, float) and v != v) else
                 str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
                 for v in values.tolist()]
        col = pa.chunked_array([pa.array(items, type=pa.string())])
    col = pc.utf8_trim_whitespace(col)
    return pc.if_else(pc.equal(pc.utf8_length(col), 0), pa.scalar(None, pa.string()), col)


def _batch(table: Table, columns: TransactionColumns, options: CsvOptions) -> tuple[Any, Any]:
    """One block's lines as an Arrow table of the output schema, and its report."""
    import pyarrow as pa

    if table.want is not None:  # parse the mapped columns once, for the values and the texts
        table = table.want([n for n in _schema(columns).names])
    table = replace(table, release=None)  # the texts are read again below: kept
    tx = read_transactions(table, columns, options, "skip")
    client = pa.DictionaryArray.from_arrays(
        pa.array(tx.client.astype(np.int32)), pa.array(tx.uniques.tolist(), type=pa.string())
        if tx.uniques.dtype.kind == "O" else pa.array([str(v) for v in tx.uniques.tolist()])
    ).cast(pa.string())
    arrays: dict[str, Any] = {
        columns.client: client,
        columns.date: pa.array(tx.day.astype(np.int32)).cast(pa.date32()),
        columns.amount: pa.array(tx.amount, type=pa.float64()),
    }
    if columns.order is not None:
        arrays[columns.order] = _text(table, columns.order, tx.keep)
    if columns.quantity is not None and tx.quantity is not None:
        arrays[columns.quantity] = pa.array(tx.quantity, type=pa.float64())
    if columns.product is not None:
        arrays[columns.product] = _text(table, columns.product, tx.keep)
    if columns.margin is not None and tx.margin is not None:
        arrays[columns.margin] = pa.array(tx.margin, type=pa.float64())
    schema = _schema(columns)
    return pa.table([arrays[f.name] for f in schema], schema=schema), tx.report


def _blocks(path: Path, header_line: int, block_bytes: int) -> Iterator[tuple[bytes, bytes, int]]:
    """The file's preamble (every line up to the header's), and blocks of whole records
    with the line number of each block's first line."""
    with path.open("rb") as f:
        preamble = b"".join(f.readline() for _ in range(header_line))
        line = header_line + 1
        rest = b""
        while True:
            chunk = f.read(block_bytes)
            data = rest + chunk
            if not chunk:
                if data.strip():
                    yield preamble, data, line
                return
            cut = _record_end(data)
            if cut <= 0:  # one record longer than a block: read on
                rest = data
                continue
            block, rest = data[:cut], data[cut:]
            yield preamble, block, line
            line += block.count(b"\n")


def _record_end(data: bytes) -> int:
    """Past the last line end of ``data`` at which the quotes are balanced (0: none)."""
    cut = data.rfind(b"\n") + 1
    quotes = data.count(b'"', 0, cut)
    tries = 0
    while cut > 0 and quotes % 2 and tries < 64:  # a quoted value spans the line end
        previous = data.rfind(b"\n", 0, cut - 1) + 1
        quotes -= data.count(b'"', previous, cut)
        cut, tries = previous, tries + 1
    if quotes % 2:  # an unbalanced quote: the reader reports it at its line
        return data.rfind(b"\n") + 1
    return cut


def _shift(report: IngestReport, offset: int) -> list[BadRow]:
    return [BadRow(b.kind, b.row + offset, b.column, b.value) for b in report.bad_rows]


def _merge(reports: list[IngestReport], label: str, policy: BadRowPolicy) -> IngestReport:
    first = reports[0]
    counts: dict[str, int] = {}
    rows: list[BadRow] = []
    kept: dict[str, int] = {}
    notes: dict[tuple[str, str], Problem] = {}
    seen: dict[tuple[str, str], list[Problem]] = {}
    for r in reports:
        for kind, n in r.counts.items():
            counts[kind] = counts.get(kind, 0) + n
        for b in r.bad_rows:
            if kept.get(b.kind, 0) < MAX_BAD_ROWS_KEPT:
                kept[b.kind] = kept.get(b.kind, 0) + 1
                rows.append(b)
        for p in r.notes:  # one note per kind and column (each block finds it again)
            notes.setdefault((p.code, str(p.path)), p)
            seen.setdefault((p.code, str(p.path)), []).append(p)
    for key, found in seen.items():  # dates are ambiguous only if no block decides
        if key[0] == "ambiguous-date":
            if len(found) < len(reports):
                del notes[key]
            else:
                notes[key] = _ambiguous_in_all(found)
    expected: dict[str, Reason | str] = {}
    for r in reports:
        expected.update(r.expected)
    return IngestReport(
        source=label, rows_read=sum(r.rows_read for r in reports),
        rows_kept=sum(r.rows_kept for r in reports), bad_rows=rows, counts=counts,
        encoding=first.encoding, policy=policy, expected=expected,
        rows_are_lines=first.rows_are_lines, notes=list(notes.values()))


def _tables(source: Any, options: CsvOptions, columns: TransactionColumns,
            block_bytes: int) -> Iterator[tuple[Table, int]]:
    """The source's tables, header checked first: text files block by block (each with the
    offset of its lines), any other source whole."""
    table = open_source(source, options, "transactions")
    problems = header_problems(table, columns)
    if problems:
        raise LedgerError(problems)
    chosen = pick(source)
    if chosen is None or chosen.name != "text-csv" or not table.rows_are_lines:
        yield table, 0
        return
    path = Path(source)
    with tempfile.TemporaryDirectory(prefix="pacspec-convert-") as folder:
        part = Path(folder) / path.name
        for preamble, block, line in _blocks(path, table.header_line, block_bytes):
            part.write_bytes(preamble + block)
            # part line header_line + 1 is the source's line ``line``
            yield open_source(part, options, "transactions"), line - table.header_line - 1


def convert_transactions(source: Any, output: str | os.PathLike[str], *,
                         columns: TransactionColumns | None = None,
                         csv: CsvOptions | None = None, bad_rows: BadRowPolicy = "error",
                         force: bool = False, block_bytes: int = BLOCK_BYTES) -> Converted:
    """Convert the transactions ``source`` (a path or any in-memory source) to a typed
    Parquet file ``output``. With ``bad_rows="error"`` a bad row raises
    :class:`LedgerError` (and nothing is written); with ``skip`` bad rows are left out and
    counted, by line, in :attr:`Converted.report`."""
    import pyarrow.parquet as pq

    from pacspec.output import output_path

    columns = columns or TransactionColumns()
    options = csv or CsvOptions()
    label = str(source) if isinstance(source, str | os.PathLike) else f"<{type(source).__name__}>"
    result = Converted(output=Path(output))
    reports: list[IngestReport] = []
    schema = _schema(columns)
    with (output_path(output, force=force, what="the Parquet file") as tmp,
          pq.ParquetWriter(tmp, schema) as writer):
        for table, offset in _tables(source, options, columns, block_bytes):
            batch, report = _batch(table, columns, options)
            report = IngestReport(**{**report.__dict__, "bad_rows": _shift(report, offset),
                                     "notes": [_unplaced(p, label) for p in report.notes]})
            reports.append(report)
            result.blocks += 1
            if bad_rows == "error" and report.counts:
                raise LedgerError(_merge(reports, label, "error").problems())
            writer.write_table(batch)
            result.rows_written += batch.num_rows
    if reports:
        merged = _merge(reports, label, bad_rows)
        result.report = merged
        result.rows_read = merged.rows_read
        result.notes = [p for p in merged.problems() if p.severity != "error"]
    return result


def _ambiguous_in_all(found: list[Problem]) -> Problem:
    """The ambiguous-date note of every block as one, counting every block's dates."""
    from dataclasses import replace

    from pacspec.i18n import explain
    from pacspec.reasons import Reason

    first = found[0]
    if first.reason is None:
        return first
    values = dict(first.reason.values)
    values["n"] = sum(int(p.reason.values["n"]) for p in found if p.reason is not None)
    return replace(first, message=explain(first.reason.code, values, "en"),
                   reason=Reason(first.reason.code, values))


def _unplaced(problem: Problem, label: str) -> Problem:
    """A block's note named after the source file (not the block's temporary file)."""
    from dataclasses import replace

    if problem.file is None:
        return problem
    return replace(problem, file=label, line=None)
