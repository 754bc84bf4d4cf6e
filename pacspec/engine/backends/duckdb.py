"""The DuckDB engine: the shared query on an embedded DuckDB, out of core with a
``memory_limit`` and a temporary directory (``pip install 'pacspec[duckdb]'``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pacspec.calendar import to_day
from pacspec.engine.backends.lines import LineSource, key_codes
from pacspec.engine.backends.query import DUCKDB, Dialect, bad_lines_sql, select_sql
from pacspec.engine.backends.request import AggregateRequest
from pacspec.engine.backends.sql import SqlEngine, missing_extra, trim_keys

__all__ = ["DuckDBEngine"]

_VIEW = "pacspec_lines"
_KEYS = "pacspec_keys"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def default_temp_directory() -> str:
    """Where DuckDB spills when no ``temp_directory`` is given: a folder of this process in
    the system's temporary directory (DuckDB's own default is ``.tmp`` in the current
    folder, where a killed run would leave gigabytes)."""
    import os
    import tempfile

    return os.path.join(tempfile.gettempdir(), f"pacspec-duckdb-{os.getpid()}")


class DuckDBEngine(SqlEngine):
    """Embedded DuckDB. ``memory_limit`` (``"4GB"``) bounds its memory: past it, the
    aggregation spills to ``temp_directory`` (default: a ``pacspec-duckdb-<pid>`` folder in
    the system's temporary directory, never the current folder, which is often the user's
    plans repository; DuckDB removes it when the query ends); ``threads`` defaults to
    DuckDB's own."""

    name = "duckdb"
    lean_counts = True

    def __init__(self, memory_limit: str | None = None, temp_directory: str | None = None,
                 threads: int | None = None) -> None:
        self.memory_limit = memory_limit
        self.temp_directory = temp_directory
        self.threads = threads

    @staticmethod
    def connect_check() -> None:
        """The one-line install hint when the duckdb package is missing."""
        import importlib.util

        if importlib.util.find_spec("duckdb") is None:
            raise missing_extra("duckdb", "duckdb")

    def connect(self, statistics: bool = True) -> Any:
        try:
            import duckdb
        except ImportError:
            raise missing_extra("duckdb", "duckdb") from None
        config: dict[str, Any] = {}
        if self.memory_limit is not None:
            config["memory_limit"] = self.memory_limit
        config["temp_directory"] = self.temp_directory or default_temp_directory()
        if self.threads is not None:
            config["threads"] = self.threads
        # insertion order is not needed for a grouped result: lets DuckDB stream and spill
        config["preserve_insertion_order"] = False
        con = duckdb.connect(":memory:", config=config)
        if not statistics:
            # DuckDB 2.0 folds isnan() to false from Parquet min/max statistics, which
            # pyarrow writes without the NaNs: a query that tests isnan() runs without them
            # (the shared query does not, with cents: TRY_CAST makes NaN NULL)
            con.execute("SET disabled_optimizers = 'statistics_propagation'")
        return con

    def _from(self, con: Any, source: LineSource) -> str:
        if source.paths:
            files = ", ".join(_literal(p) for p in source.paths)
            return f"read_parquet([{files}])"
        con.register(_VIEW, source.table)
        return _VIEW

    def run(self, source: LineSource, request: AggregateRequest, trim: bool = True) -> Any:
        return self.query(source, lambda lines, dialect: select_sql(
            lines, source.columns, request, dialect, trim),
            statistics=request.decimals is not None)

    def bad_lines(self, source: LineSource, request: AggregateRequest) -> Any:
        return self.query(source, lambda lines, dialect: bad_lines_sql(
            lines, source.columns, request, dialect), statistics=request.decimals is not None)

    def run_coded(self, source: LineSource, request: AggregateRequest, lookup: Any) -> Any:
        """The per-client table with each key's position in ``lookup`` joined in the query
        (DuckDB's parallel hash join on the grouped rows, instead of a hash of every id
        in Arrow afterwards); text ids grouped and joined as written, then trimmed by
        :func:`~pacspec.engine.backends.sql.trim_keys`, and looked up again in Arrow only
        when trimming changed some id (no per-client trim in the join). Ids of another kind
        than ``lookup``'s (text against numbers) are looked up in Arrow, as
        :func:`~pacspec.engine.backends.lines.key_codes` compares them."""
        import numpy as np
        import pyarrow as pa

        cols = source.columns
        kind = _key_kind(source)
        if kind is None or kind != _array_kind(lookup.type):
            return super().run_coded(source, request, lookup)
        keys = pa.table({"id": lookup, "code": pa.array(np.arange(len(lookup), dtype=np.int64))})

        def coded(trim: bool) -> Any:
            def build(lines: str, dialect: Dialect) -> str:
                inner = select_sql(lines, cols, request, dialect, trim)
                return (f"SELECT agg.*, {_KEYS}.code AS code\nFROM ({inner}) AS agg\n"
                        f"LEFT JOIN {_KEYS} ON agg.client = {_KEYS}.id")

            return self.query(source, build, statistics=request.decimals is not None,
                              tables={_KEYS: keys})

        if not cols.trim_client:
            return coded(True)
        # grouped and joined by the ids as written: right for every id that trimming
        # leaves as it is (the usual case, which trim_keys tells by returning the table)
        written = coded(False)
        table = trim_keys(written)
        if table is None:
            return coded(True)
        if table is not written:  # some ids had white space around them: looked up trimmed
            at = table.schema.get_field_index("code")
            found = key_codes(table.column("client"), lookup).cast(pa.int64())
            table = table.set_column(at, "code", found)
        return table

    def _connect(self, source: LineSource, statistics: bool = True) -> Any:
        """:meth:`connect`, a setting DuckDB refuses (a memory limit it cannot read,
        a thread count below 1) being the engine's clear error, not a traceback."""
        import duckdb

        try:
            return self.connect(statistics)
        except duckdb.Error as exc:
            raise self.failure(source, exc) from None

    def query(self, source: LineSource, build: Callable[[str, Dialect], str],
              statistics: bool = True, tables: dict[str, Any] | None = None) -> Any:
        """The Arrow table of ``build(lines, dialect)``; ``tables``: Arrow tables the
        query reads by name (registered on the connection)."""
        self.connect_check()
        import duckdb

        con = self._connect(source, statistics)
        try:
            for name, table in (tables or {}).items():
                con.register(name, table)
            relation = con.sql(build(self._from(con, source), _dialect(duckdb.__version__)))
            if hasattr(relation, "to_arrow_table"):
                return relation.to_arrow_table()
            return relation.arrow()  # duckdb < 1.4
        except duckdb.Error as exc:
            raise self.failure(source, exc) from None
        finally:
            con.close()

    def _one_row(self, source: LineSource, select: str, where: str = "") -> tuple[Any, ...]:
        """The one row of ``SELECT select FROM`` the lines of ``source`` [``WHERE where``]."""
        self.connect_check()
        import duckdb

        con = self._connect(source)
        try:
            sql = f"SELECT {select} FROM {self._from(con, source)}"
            row: tuple[Any, ...] = con.execute(sql + (f" WHERE {where}" if where else "")
                                               ).fetchone()
        except duckdb.Error as exc:
            raise self.failure(source, exc) from None
        finally:
            con.close()
        return row

    def count_after(self, source: LineSource, day: int) -> int:
        c = source.columns
        d = f"CAST({DUCKDB.ident(c.date)} AS DATE)"
        (n,) = self._one_row(
            source, "COUNT(*)",
            f"{d} > DATE '1970-01-01' + INTERVAL ({int(day)}) DAY AND "
            f"{DUCKDB.ident(c.client)} IS NOT NULL AND {DUCKDB.ident(c.amount)} IS NOT NULL")
        return int(n)

    def stats(self, source: LineSource) -> tuple[int, int | None, int | None]:
        c = source.columns
        d, a = f"CAST({DUCKDB.ident(c.date)} AS DATE)", DUCKDB.ident(c.amount)
        rows, first, last = self._one_row(
            source, f"COUNT(*), MIN(CASE WHEN {a} IS NOT NULL THEN {d} END), "
                    f"MAX(CASE WHEN {a} IS NOT NULL THEN {d} END)")
        return (int(rows), None if first is None else to_day(first),
                None if last is None else to_day(last))


def _dialect(version: str) -> Dialect:
    """:data:`DUCKDB`; before DuckDB 2.0 without :attr:`Dialect.distinct_apart` (its two
    readers of the lines' CTE were measured streamed from one scan on 2.0 only; an older
    DuckDB may materialise the CTE instead)."""
    import dataclasses

    try:
        major = int(version.split(".")[0])
    except ValueError:
        major = 0
    return DUCKDB if major >= 2 else dataclasses.replace(DUCKDB, distinct_apart=False)


def _key_kind(source: LineSource) -> str | None:
    """``text`` or ``integer``: the kind of the source's client ids, when known."""
    if source.paths:  # the schema was checked: text or integer ids
        return "text" if source.columns.trim_client else "integer"
    schema = getattr(source.table, "schema", None)
    try:
        kind = schema.field(source.columns.client).type  # type: ignore[union-attr]
    except (AttributeError, KeyError):
        return None
    import pyarrow as pa

    return _array_kind(kind.value_type if pa.types.is_dictionary(kind) else kind)


def _array_kind(kind: Any) -> str | None:
    import pyarrow as pa

    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return "text"
    return "integer" if pa.types.is_integer(kind) else None
