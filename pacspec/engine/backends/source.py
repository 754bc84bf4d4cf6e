"""Choosing an engine for a plan's data and opening the data for it (the session calls
this): ``auto`` picks DuckDB when the estimated numpy ledger exceeds half the available
memory; an SQL engine given Parquet files (or an Arrow table, or a Spark DataFrame) leaves
the lines where they are and reads only the client register into memory."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pacspec.calendar import to_day
from pacspec.diagnostics import LedgerError, Problem
from pacspec.engine.backends import ENGINE_NAMES, Aggregator, get_engine
from pacspec.engine.backends.lines import LineSource, ScannedLedger
from pacspec.engine.backends.query import LineColumns
from pacspec.engine.backends.sql import SqlEngine
from pacspec.ingest import load_ledger_for_plan
from pacspec.model.data import DataSection, TransactionColumns

__all__ = ["EngineChoice", "available_memory", "choose_engine", "ledger_bytes",
           "open_for_engine", "parquet_files"]

PARQUET_SUFFIXES = (".parquet", ".pq")
BYTES_PER_LINE = 200
"""Peak bytes per line of reading Parquet into the numpy ledger and evaluating it: the
columns themselves are 24 bytes (client number, day, amount), but reading holds the text
ids, the Arrow columns and the factorisation at once; measured about 240 bytes a line
with order and quantity at 10 M lines and 1 M clients (benchmarks/SCALE.md)."""
BYTES_PER_OPTIONAL = 20
"""Each mapped order, quantity or margin column."""


@dataclass(frozen=True)
class EngineChoice:
    """The engine to use and, when ``auto`` chose it or could not, the one-line reason."""

    name: str
    announcement: str | None = None


def parquet_files(transactions: Any) -> tuple[str, ...] | None:
    """The Parquet files a transactions argument names (a file, or a folder of them)."""
    if not isinstance(transactions, (str, os.PathLike)):
        return None
    path = Path(transactions)
    if path.is_dir():
        files = sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in PARQUET_SUFFIXES)
        return tuple(files) or None
    return (str(path),) if path.suffix.lower() in PARQUET_SUFFIXES else None


def available_memory() -> int:
    """Bytes of memory available now (``MemAvailable``), else the physical memory."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return int(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE"))
    except (ValueError, OSError, AttributeError):
        return 1 << 34


def ledger_bytes(rows: int, columns: TransactionColumns) -> int:
    """Estimated peak memory of reading ``rows`` lines into the numpy ledger."""
    optional = sum(c is not None for c in (columns.order, columns.quantity, columns.margin))
    return rows * (BYTES_PER_LINE + BYTES_PER_OPTIONAL * optional)


def _parquet_rows(files: tuple[str, ...]) -> int | None:
    import pyarrow.parquet as pq

    try:
        return sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    except (OSError, ValueError):
        return None  # unreadable: the reader says why, later


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def choose_engine(requested: str, transactions: Any, columns: TransactionColumns) -> EngineChoice:
    """``requested`` itself, or for ``auto``: DuckDB when the transactions are Parquet whose
    numpy ledger would exceed half the available memory, numpy otherwise."""
    if requested not in ENGINE_NAMES:
        raise ValueError(f"unknown engine {requested!r}: expected one of {', '.join(ENGINE_NAMES)}")
    if requested != "auto":
        return EngineChoice(requested)
    files = parquet_files(transactions)
    rows = _parquet_rows(files) if files else None
    if rows is None:
        return EngineChoice("numpy")
    size, free = ledger_bytes(rows, columns), available_memory()
    if size <= free // 2:
        return EngineChoice("numpy")
    why = (f"{rows:,} lines, about {size / 1e9:.1f} GB to read into memory, more than half "
           f"the {free / 1e9:.1f} GB available")
    if _has("duckdb"):
        return EngineChoice("duckdb", f"engine duckdb (out of core): {why}")
    return EngineChoice("numpy", f"engine numpy: {why}; pip install 'pacspec[duckdb]' to "
                                 "aggregate out of core")


def _is_spark_frame(value: Any) -> bool:
    return type(value).__module__.startswith("pyspark.") and hasattr(value, "groupBy")


def _check_schema(files: tuple[str, ...], columns: TransactionColumns, engine: str,
                  path: tuple[str, ...] | None) -> bool:
    """Check the columns the plan maps against the first file's schema before any row is
    read; returns whether the client id is text (to be trimmed)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(files[0])
    except (OSError, ValueError) as exc:
        raise LedgerError([Problem("error", "io", f"cannot read {files[0]} as Parquet: {exc}",
                                   file=files[0], path=path)]) from None
    wanted = {"client": columns.client, "date": columns.date, "amount": columns.amount,
              "order": columns.order, "quantity": columns.quantity, "margin": columns.margin,
              "product": columns.product}
    problems = []
    types = {name: _value_type(schema.field(name).type) for name in schema.names}
    for field, name in wanted.items():
        if name is None:
            continue
        if name not in types:
            problems.append(Problem(
                "error", "missing-column",
                f"column '{name}' (data.transactions.columns.{field}) is not in {files[0]}: "
                f"found {', '.join(schema.names[:12])}", file=files[0],
                path=("data", "transactions", "columns", field),
                hint=f"map {field} to one of the file's columns"))
            continue
        kind = types[name]
        ok = {"date": pa.types.is_date(kind) or pa.types.is_timestamp(kind),
              "amount": pa.types.is_integer(kind) or pa.types.is_floating(kind)
              or pa.types.is_decimal(kind),
              "quantity": pa.types.is_integer(kind) or pa.types.is_floating(kind)
              or pa.types.is_decimal(kind),
              "margin": pa.types.is_integer(kind) or pa.types.is_floating(kind)
              or pa.types.is_decimal(kind),
              "client": pa.types.is_integer(kind) or pa.types.is_string(kind)
              or pa.types.is_large_string(kind)}.get(field, True)
        if not ok:
            problems.append(Problem(
                "error", "engine-column-type",
                f"the {engine} engine reads typed columns: '{name}' ({field}) is {kind} in "
                f"{files[0]}", file=files[0], path=("data", "transactions", "columns", field),
                hint="convert the export to typed Parquet, or use --engine numpy"))
    if problems:
        raise LedgerError(problems)
    client = types[columns.client]
    return not pa.types.is_integer(client)


def _value_type(kind: Any) -> Any:
    """The type of the values (a dictionary-encoded column's value type)."""
    import pyarrow as pa

    return kind.value_type if pa.types.is_dictionary(kind) else kind


def _empty_transactions(columns: TransactionColumns) -> Any:
    import pyarrow as pa

    fields = [(columns.client, pa.string()), (columns.date, pa.date32()),
              (columns.amount, pa.float64()), (columns.order, pa.string()),
              (columns.quantity, pa.float64()), (columns.product, pa.string()),
              (columns.margin, pa.float64())]
    return pa.table({name: pa.array([], type=t) for name, t in fields if name is not None})


def open_for_engine(engine: Aggregator, data: DataSection, base_dir: Path | str, *,
                    transactions: Any = None, clients: Any = None,
                    bad_rows: str | None = None) -> ScannedLedger | None:
    """A :class:`ScannedLedger` when ``engine`` can read the transactions where they are
    (Parquet files, an Arrow table, a Spark DataFrame); None when they must be read into
    numpy first (text exports, frames, the numpy engine)."""
    if not isinstance(engine, SqlEngine):
        return None
    named: tuple[str, ...] | None = None
    if transactions is None and data.transactions.path is not None:
        transactions = Path(base_dir) / data.transactions.path
        named = ("data", "transactions", "path")
    columns = data.transactions.columns
    files = parquet_files(transactions)
    if files:
        if not all(Path(f).is_file() for f in files):
            return None  # the reader reports the missing file, positioned in the plan
        text_id = _check_schema(files, columns, engine.name, named)
        nulls = columns.order is not None and _parquet_nulls(files, columns.order)
        source = LineSource(_line_columns(columns, text_id, nulls,
                                          _parquet_nulls(files, columns.date)), paths=files,
                            label=files[0] if len(files) == 1 else f"{len(files)} Parquet files")
    elif _is_arrow_table(transactions) or (engine.name == "spark"
                                           and _is_spark_frame(transactions)):
        text_id = _text_client(transactions, columns.client)
        nulls = columns.order is not None and _table_nulls(transactions, columns.order)
        source = LineSource(_line_columns(columns, text_id, nulls,
                                          _table_nulls(transactions, columns.date)),
                            table=transactions,
                            label="<table>")
    else:
        return None
    policy = bad_rows or data.bad_rows
    register = load_ledger_for_plan(data, base_dir, transactions=_empty_transactions(columns),
                                    clients=clients, bad_rows=policy)  # type: ignore[arg-type]
    stats = _parquet_stats(files, columns.date) if files else None
    rows, first, last = stats if stats is not None else engine.stats(source)
    # the query leaves out its as_of tests when no line is dated after as_of
    # and sums in 64 bits when the amounts' statistics bound them (LineColumns.sums_fit)
    money = [n for n in (columns.amount, columns.margin) if n is not None]
    bound = _parquet_bound(files, money) if files else _table_bound(transactions, money)
    source = dataclasses.replace(source, columns=dataclasses.replace(
        source.columns, last_day=last, money_bound=bound, lines=rows))
    return ScannedLedger(
        client_ids=register.client_ids,
        client=np.zeros(0, dtype=np.int64), day=np.zeros(0, dtype=np.int64),
        amount=np.zeros(0, dtype=np.float64),
        order=None if columns.order is None else np.zeros(0, dtype=np.int64),
        quantity=None if columns.quantity is None else np.zeros(0, dtype=np.float64),
        margin=None if columns.margin is None else np.zeros(0, dtype=np.float64),
        attributes=dict(register.attributes),
        reports=list(register.reports[1:]), source=source, source_engine=engine.name, rows=rows, first_day=first,
        last_day=last, policy=policy,
        count_after=lambda day: engine.count_after(source, day))


def _parquet_stats(files: tuple[str, ...], date: str) -> tuple[int, int, int] | None:
    """Lines and first / last date from the files' footers (no scan), when every row
    group has min / max statistics for the date column. (The footers count lines with no
    amount too; an engine's own scan would leave them out of the dates.)"""
    import datetime as dt

    found = _footer_min_max(files, date)
    if found is None:
        return None
    rows, extremes = found
    lows, highs = [low for low, _ in extremes], [high for _, high in extremes]
    if not lows or not all(isinstance(v, dt.date) for v in (*lows, *highs)):
        return None
    first, last = min(lows), max(highs)
    if isinstance(first, dt.datetime) or isinstance(last, dt.datetime):
        return None  # timestamps: let the engine cast them to dates
    return rows, to_day(first), to_day(last)


def _footer_min_max(files: tuple[str, ...], name: str
                    ) -> tuple[int, list[tuple[Any, Any]]] | None:
    """The files' lines and the ``(min, max)`` of column ``name`` in each non-empty row
    group, from the footers (no scan); None when a row group lacks them or a footer
    cannot be read."""
    import pyarrow.parquet as pq

    rows, extremes = 0, []
    try:
        for file in files:
            meta = pq.ParquetFile(file).metadata
            rows += meta.num_rows
            index = meta.schema.to_arrow_schema().get_field_index(name)
            for g in range(meta.num_row_groups):
                group = meta.row_group(g)
                if group.num_rows == 0:
                    continue
                stats = group.column(index).statistics
                if stats is None or not stats.has_min_max:
                    return None
                extremes.append((stats.min, stats.max))
    except (OSError, ValueError, IndexError):
        return None
    return rows, extremes


def _line_columns(columns: TransactionColumns, text_id: bool,
                  order_nulls: bool = True, date_nulls: bool = True) -> LineColumns:
    return LineColumns(columns.client, columns.date, columns.amount, columns.order,
                       columns.quantity, trim_client=text_id, margin=columns.margin,
                       order_nulls=order_nulls, product=columns.product,
                       date_nulls=date_nulls)


def _parquet_nulls(files: tuple[str, ...], name: str) -> bool:
    """Whether the column may hold nulls: False only when every row group's footer
    statistics count none (no scan)."""
    import pyarrow.parquet as pq

    try:
        for file in files:
            meta = pq.ParquetFile(file).metadata
            index = meta.schema.to_arrow_schema().get_field_index(name)
            for g in range(meta.num_row_groups):
                stats = meta.row_group(g).column(index).statistics
                if stats is None or not stats.has_null_count or stats.null_count:
                    return True
    except (OSError, ValueError, IndexError):
        return True
    return False


def _parquet_bound(files: tuple[str, ...], names: Sequence[str]) -> float | None:
    """The largest absolute value of the numeric columns ``names``, from every row
    group's footer statistics (no scan); None when one lacks them."""
    bound = 0.0
    for name in names:
        found = _footer_min_max(files, name)
        if found is None:
            return None
        for low, high in found[1]:
            if not isinstance(low, (int, float)) or not isinstance(high, (int, float)):
                return None  # text or decimal amounts: not bounded here
            bound = max(bound, abs(float(low)), abs(float(high)))
    return bound


def _table_bound(table: Any, names: Sequence[str]) -> float | None:
    """:func:`_parquet_bound` of an Arrow table (its numeric columns' min and max); None
    for a Spark frame or a column that is not numeric."""
    if not _is_arrow_table(table):
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    bound = 0.0
    try:
        for name in names:
            col = table.column(name)
            if not (pa.types.is_integer(col.type) or pa.types.is_floating(col.type)):
                return None
            extremes = pc.min_max(col).as_py()
            for value in extremes.values():
                if value is not None:
                    bound = max(bound, abs(float(value)))
    except (KeyError, AttributeError):
        return None
    return bound


def _table_nulls(table: Any, name: str) -> bool:
    """Whether an Arrow table's column holds nulls (True for a Spark frame: unknown)."""
    try:
        return bool(table.column(name).null_count) if _is_arrow_table(table) else True
    except (KeyError, AttributeError):
        return True


def _is_arrow_table(value: Any) -> bool:
    return type(value).__module__.startswith("pyarrow") and hasattr(value, "schema") \
        and hasattr(value, "column_names")


def _text_client(table: Any, name: str) -> bool:
    try:
        if _is_spark_frame(table):
            return str(dict(table.dtypes).get(name, "string")) not in ("int", "bigint",
                                                                       "smallint", "tinyint")
        import pyarrow as pa

        return not pa.types.is_integer(_value_type(table.schema.field(name).type))
    except (KeyError, AttributeError):
        return True


def engine_for(name: str, **options: Any) -> Aggregator:
    """The engine object of a resolved name (never ``auto``)."""
    return get_engine(name, **options)
