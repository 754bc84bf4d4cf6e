"""SQL queries (:class:`SqlQuery`) through a DB-API connection: one passed from Python, or
a URL the plan names (``sqlite:///ventes.db``, ``duckdb:///ventes.duckdb``,
``postgresql://user@host/base`` through psycopg, or ``env:NAME`` for a URL kept in an
environment variable, so that no password sits in the plan); every connection it opens
is read-only. The
result's column names are checked before any row is fetched; DuckDB gives Arrow."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pacspec.diagnostics import LedgerError
from pacspec.ingest.arrays import typed_column
from pacspec.ingest.sources._registry import Source, register
from pacspec.ingest.sources.arrow_table import read_arrow
from pacspec.ingest.sources.mapping import read_mapping
from pacspec.ingest.table import Table, missing_reader, worded_error
from pacspec.model.data import CsvOptions
from pacspec.reasons import Reason

__all__ = ["SOURCE", "SqlQuery", "connect"]


@dataclass(frozen=True)
class SqlQuery:
    """A query and where to run it: a DB-API connection, or a URL (see the module)."""

    sql: str
    connection: Any
    base_dir: Path | None = None
    """Where relative database file paths in a URL are resolved (the plan's folder)."""


def connect(url: str, base_dir: Path | None = None) -> Any:
    """A read-only connection for ``sqlite:///path`` or ``duckdb:///path`` (``env:NAME``:
    the URL in that environment variable)."""
    if url.startswith("env:"):
        name = url[4:]
        value = os.environ.get(name)
        if not value:
            raise worded_error("sql", Reason("problem_sql_env_unset", {"name": name}))
        url = value
    scheme, sep, rest = url.partition("://")
    if sep and scheme in ("postgresql", "postgres"):
        return _postgres(url)
    if not sep or scheme not in ("sqlite", "duckdb"):
        raise worded_error("sql", Reason("problem_sql_bad_url", {
            "url": repr(url.split("@")[-1])}))
    file = Path(rest[1:] if rest.startswith("/") else rest)  # sqlite:///rel, sqlite:////abs
    if not file.is_absolute() and base_dir is not None:
        file = base_dir / file
    if not file.is_file():
        raise worded_error("io", Reason("problem_sql_no_file", {"file": str(file)}), str(file))
    if scheme == "sqlite":
        import sqlite3
        from urllib.request import pathname2url

        return sqlite3.connect(f"file:{pathname2url(str(file.resolve()))}?mode=ro", uri=True)
    try:
        import duckdb
    except ImportError:
        raise missing_reader("duckdb", "duckdb") from None
    return duckdb.connect(str(file), read_only=True)


def _postgres(url: str) -> Any:
    """A read-only psycopg connection (the ``postgres`` extra) to a ``postgresql://`` URL;
    its password, if any, is never shown in a message."""
    try:
        import psycopg
    except ImportError:
        raise missing_reader("psycopg", "postgres") from None
    shown = url.split("://", 1)[0] + "://" + url.split("@")[-1].split("://")[-1]
    try:
        con = psycopg.connect(url, connect_timeout=10)
        con.read_only = True  # every transaction of the session is read-only
    except Exception as exc:  # psycopg's OperationalError, a bad URL...
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        password = _password(url)
        if password:
            first = first.replace(password, "***")
        raise worded_error("sql", Reason("problem_sql_connect", {
            "shown": repr(shown), "first": first})) from None
    return con


def _password(url: str) -> str | None:
    """The password of ``scheme://user:password@host...``, None without one."""
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).password
    except ValueError:
        return None


def _failed(exc: Exception, what: str) -> LedgerError:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    words = {"transactions": Reason("ingest_sql_transactions"),
             "clients": Reason("ingest_sql_clients")}.get(what)
    return worded_error("sql", Reason("problem_sql_failed", {
        "what": words or Reason("ingest_text", {"text": what}), "first": first}))


def read_query(query: SqlQuery, what: str) -> Table:
    """Run the query; its columns are known at once, its rows are fetched when asked for."""
    con = query.connection
    if isinstance(con, str):
        con = connect(con, query.base_dir)
    label = "<sql>"
    if type(con).__module__.split(".")[0] in ("duckdb", "_duckdb"):
        try:
            relation = con.sql(query.sql)
            names = [str(n) for n in relation.columns]
        except Exception as exc:  # the drivers raise their own exception types
            raise _failed(exc, what) from None

        def load_duckdb(wanted: Sequence[str]) -> Table:
            try:
                result = relation.arrow()
                table = result.read_all() if hasattr(result, "read_all") else result
            except Exception as exc:
                raise _failed(exc, what) from None
            return read_arrow(table, what, label)

        return _header(names, what, label, load_duckdb)
    try:
        cursor = con.cursor()
        cursor.execute(query.sql)
        names = [str(d[0]) for d in cursor.description or []]
    except Exception as exc:
        raise _failed(exc, what) from None

    def load_rows(wanted: Sequence[str]) -> Table:
        try:
            rows = cursor.fetchall()
        except Exception as exc:
            raise _failed(exc, what) from None
        columns = [typed_column(c) for c in zip(*rows, strict=True)] if rows else None
        if columns is None:
            columns = [typed_column([]) for _ in names]
        table = read_mapping(dict(zip(names, columns, strict=True)), what)
        table.label = label
        return table

    return _header(names, what, label, load_rows)


def _header(names: list[str], what: str, label: str, load: Any) -> Table:
    """A table of the result's column names only, loading the rows on ``want``."""
    table = read_mapping({n: [] for n in names}, what)
    table.label = label
    table.want = lambda names, *, categories=(), codes_only=(): load(names)
    return table


def _accepts(obj: Any) -> bool:
    return isinstance(obj, SqlQuery)


def _read(obj: Any, options: CsvOptions, what: str) -> Table:
    return read_query(obj, what)


SOURCE = register(
    Source(name="sql", expects="a SqlQuery", accepts=_accepts, read=_read, priority=20)
)
