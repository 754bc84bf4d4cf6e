"""The entry points: read transactions and a client register (paths, frames, tables,
mappings) into a :class:`~pacspec.ingest.ledger.Ledger`, or the data a plan names."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from pacspec.diagnostics import JsonPath, LedgerError, Problem
from pacspec.ingest.arrays import release_arrow_memory
from pacspec.ingest.ledger import Ledger, assemble
from pacspec.ingest.needs import RegisterNeed, no_register_problems
from pacspec.ingest.register import Register, read_register
from pacspec.ingest.register import header_problems as register_header_problems
from pacspec.ingest.report import BadRowPolicy
from pacspec.ingest.sources import open_source
from pacspec.ingest.sources.sql_query import SqlQuery
from pacspec.ingest.transactions import header_problems as transaction_header_problems
from pacspec.ingest.transactions import read_transactions
from pacspec.model.data import ClientColumns, CsvOptions, DataSection, TransactionColumns

__all__ = ["load_ledger", "load_ledger_for_plan", "options_model"]


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of small lists and strings are
    created (it would rescan them again and again: 3-5x slower); restore it after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_policy(policy: str) -> None:
    if policy not in ("error", "skip"):
        raise ValueError(f"bad_rows must be 'error' or 'skip', not {policy!r}")


def load_ledger(
    transactions: Any,
    clients: Any = None,
    *,
    columns: TransactionColumns | Mapping[str, Any] | None = None,
    client_columns: ClientColumns | Mapping[str, Any] | None = None,
    csv: CsvOptions | Mapping[str, Any] | None = None,
    clients_csv: CsvOptions | Mapping[str, Any] | None = None,
    bad_rows: BadRowPolicy = "error",
) -> Ledger:
    """Read transactions (and optionally a client register) into a :class:`Ledger`.

    ``transactions`` and ``clients`` may each be a path to a delimited text file, a
    Parquet file (``.parquet``, ``.pq``) or a workbook (``.xlsx``, ``.xls``, ``.ods``...;
    ``pacspec[xlsx]``), a pandas or polars DataFrame, a pyarrow Table, or a mapping of
    column name -> array / list. ``columns``, ``client_columns``, ``csv`` and
    ``clients_csv`` take the models or plain mappings
    (``columns={"client": "Code client"}``).

    Raises :class:`LedgerError` for unreadable sources, missing columns, duplicate register
    ids, and (with ``bad_rows="error"``) bad rows.
    """
    _check_policy(bad_rows)
    with _gc_paused():
        return _load(
            transactions,
            clients,
            options_model(TransactionColumns, columns, "columns"),
            options_model(ClientColumns, client_columns, "client_columns"),
            options_model(CsvOptions, csv, "csv"),
            options_model(CsvOptions, clients_csv, "clients_csv"),
            bad_rows,
        )


_M = TypeVar("_M", TransactionColumns, ClientColumns, CsvOptions)


def options_model(kind: type[_M], value: _M | Mapping[str, Any] | None, name: str) -> _M:
    """The model itself, one built from a plain mapping, or the defaults; a bad mapping is
    a :class:`LedgerError` naming the argument and the key."""
    if value is None:
        return kind()
    if isinstance(value, kind):
        return value
    if not isinstance(value, Mapping):
        raise TypeError(
            f"{name} must be a {kind.__name__} or a mapping, not {type(value).__name__}"
        )
    try:
        return kind.model_validate(dict(value))
    except ValidationError as exc:
        raise LedgerError(
            [
                Problem(
                    "error",
                    "bad-option",
                    f"{name}: {'.'.join(str(p) for p in e['loc'])}: {e['msg']}",
                    hint=f"the keys of {name} are: {', '.join(kind.model_fields)}",
                )
                for e in exc.errors()
            ]
        ) from None


def load_ledger_for_plan(
    data: DataSection,
    base_dir: Path | str,
    *,
    transactions: Any = None,
    clients: Any = None,
    bad_rows: BadRowPolicy | None = None,
    needs: Sequence[RegisterNeed] = (),
) -> Ledger:
    """Read the data a plan's ``data:`` section names.

    Paths in the plan are relative to ``base_dir`` (the plan file's folder). Explicit
    ``transactions`` / ``clients`` arguments (paths relative to the working directory, or
    in-memory tables) override the plan's paths; ``bad_rows`` overrides the plan's policy.
    ``needs`` (:func:`~pacspec.ingest.needs.register_needs` of the plan) are the register
    columns the analysis reads: checked in the register's header with the mapping (without
    a register the analysis reports them).
    """
    base = Path(base_dir)
    named: dict[str, JsonPath] = {}
    """The sources whose path comes from the plan: their io problems point there."""
    if transactions is None and data.transactions.sql is not None:
        transactions = _plan_query(
            data.transactions.sql, data.transactions.connection, base, "transactions"
        )
    if transactions is None:
        if data.transactions.path is None:
            raise LedgerError(
                [
                    Problem(
                        "error",
                        "no-data",
                        "no transactions to read: the plan names no transactions file",
                        path=("data", "transactions", "path"),
                        hint="set data.transactions.path in the plan, or pass --transactions "
                        "FILE (transactions= in Python)",
                    )
                ]
            )
        transactions = base / data.transactions.path
        named["transactions"] = ("data", "transactions", "path")
    source = data.clients
    if clients is None and source is not None and source.sql is not None:
        clients = _plan_query(source.sql, source.connection, base, "clients")
    if clients is None and source is not None and source.path is not None:
        clients = base / source.path
        named["clients"] = ("data", "clients", "path")
    policy = bad_rows or data.bad_rows
    _check_policy(policy)
    with _gc_paused():
        return _load(
            transactions,
            clients,
            data.transactions.columns,
            # the defaults as constructed, not validated: a model's own validator is
            # built on its first validation (the plan's validator holds the nested ones),
            # which loads pydantic's plugin machinery, ~20 ms of every data command
            source.columns if source is not None else ClientColumns.model_construct(),
            data.transactions.csv,
            source.csv if source is not None else CsvOptions.model_construct(),
            policy,
            named,
            needs,
        )


def _load(
    transactions: Any,
    clients: Any,
    columns: TransactionColumns,
    client_columns: ClientColumns,
    csv_options: CsvOptions,
    clients_options: CsvOptions,
    bad_rows: BadRowPolicy,
    named: Mapping[str, JsonPath] | None = None,
    needs: Sequence[RegisterNeed] = (),
) -> Ledger:
    """``named``: the plan path (``data.transactions.path``...) of each source whose file the
    plan names, set on the problems reading it fails with."""
    named = named or {}
    problems: list[Problem] = []

    # Headers first: both sources opened (a file's header only) and their column mappings
    # checked, every problem at once, before any row is parsed.
    ctable = ttable = None
    if clients is not None:
        try:
            ctable = open_source(clients, clients_options, "clients")
            problems.extend(register_header_problems(ctable, client_columns, needs))
        except LedgerError as exc:
            problems.extend(_named_in_plan(exc.problems, named.get("clients")))
    else:  # no register: the columns the plan reads from one cannot be there
        problems.extend(no_register_problems(list(needs)))
    try:
        ttable = open_source(transactions, csv_options, "transactions")
        problems.extend(transaction_header_problems(ttable, columns))
    except LedgerError as exc:
        problems.extend(_named_in_plan(exc.problems, named.get("transactions")))
    if problems or ttable is None:
        raise LedgerError(problems)

    register: Register | None = None
    if ctable is not None:
        try:
            register = read_register(ctable, client_columns, clients_options, bad_rows)
        except LedgerError as exc:
            problems.extend(_named_in_plan(exc.problems, named.get("clients")))
    try:
        tx = read_transactions(ttable, columns, csv_options, bad_rows)
    except LedgerError as exc:
        problems.extend(_named_in_plan(exc.problems, named.get("transactions")))
        raise LedgerError(problems) from None

    if register is not None:
        problems.extend(register.problems)
    if problems:
        raise LedgerError(problems)
    bad = [*tx.report.problems()]
    if register is not None:
        bad.extend(register.report.problems())
    if bad_rows == "error" and any(p.severity == "error" for p in bad):
        raise LedgerError(bad)
    ledger = assemble(tx, register)
    release_arrow_memory()  # the sources' Arrow columns are gone: before the engine runs
    return ledger


def _plan_query(sql: str, connection: str | None, base: Path, what: str) -> SqlQuery:
    """The query a plan names; its connection is a URL (or ``env:NAME``)."""
    if connection is None:
        raise LedgerError(
            [
                Problem(
                    "error",
                    "sql",
                    f"data.{what}.sql needs a connection",
                    path=("data", what, "connection"),
                    hint="set connection: sqlite:///FILE, duckdb:///FILE or env:NAME",
                )
            ]
        )
    return SqlQuery(sql, connection, base)


def _named_in_plan(problems: list[Problem], path: JsonPath | None) -> list[Problem]:
    """Give the plan path that names a file to the problems of that file that have none
    (the file cannot be read: the path in the plan may be wrong)."""
    if path is None:
        return problems
    return [
        replace(p, path=tuple(path)) if p.code == "io" and p.path is None else p for p in problems
    ]
