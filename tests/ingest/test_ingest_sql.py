"""The SQL source: a query over a DB-API connection (SQLite, DuckDB), from Python or from the
plan (a URL, or an environment variable holding it), the result's columns checked first."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from pacspec.diagnostics import LedgerError
from pacspec.ingest import SqlQuery, load_ledger, load_ledger_for_plan
from pacspec.model.data import DataSection, TransactionColumns

ROWS = [
    ("C1", "2025-01-15", "F1", 100.0),
    ("C2", "16/01/2025", "F2", 50.5),
    ("C1", "2025-02-17", "F1", -10.0),
]


def sqlite_file(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE ventes (code TEXT, jour TEXT, facture TEXT, montant REAL)")
    con.executemany("INSERT INTO ventes VALUES (?, ?, ?, ?)", ROWS)
    con.commit()
    con.close()
    return path


COLUMNS = TransactionColumns(client="code", date="jour", order="facture", amount="montant")
QUERY = "SELECT code, jour, facture, montant FROM ventes"


def test_sqlite_connection_from_python(tmp_path: Path) -> None:
    con = sqlite3.connect(sqlite_file(tmp_path / "v.db"))
    ledger = load_ledger(SqlQuery(QUERY, con), columns=COLUMNS)
    assert ledger.client_ids.tolist() == ["C1", "C2"]
    assert ledger.amount.tolist() == [100.0, 50.5, -10.0]
    assert ledger.order is not None and ledger.order.tolist() == [0, 1, 0]


def test_duckdb_gives_the_same_ledger(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    path = tmp_path / "v.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE ventes (code VARCHAR, jour VARCHAR, facture VARCHAR, montant DOUBLE)")
    con.executemany("INSERT INTO ventes VALUES (?, ?, ?, ?)", ROWS)
    con.close()
    from_duckdb = load_ledger(SqlQuery(QUERY, f"duckdb:///{path}"), columns=COLUMNS)
    from_sqlite = load_ledger(
        SqlQuery(QUERY, sqlite3.connect(sqlite_file(tmp_path / "v.db"))), columns=COLUMNS
    )
    assert from_duckdb.client_ids.tolist() == from_sqlite.client_ids.tolist()
    assert from_duckdb.amount.tolist() == from_sqlite.amount.tolist()
    assert from_duckdb.day.tolist() == from_sqlite.day.tolist()


def test_query_named_by_the_plan_with_the_url_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sqlite_file(tmp_path / "ventes.db")
    data = DataSection.model_validate(
        {"transactions": {"sql": QUERY, "connection": "sqlite:///ventes.db",
                          "columns": COLUMNS.model_dump()}}
    )  # fmt: skip
    ledger = load_ledger_for_plan(data, tmp_path)  # relative to the plan's folder
    assert ledger.n_transactions == 3
    monkeypatch.setenv("PAC_DB", f"sqlite:///{tmp_path / 'ventes.db'}")
    data = data.model_copy(
        update={"transactions": data.transactions.model_copy(update={"connection": "env:PAC_DB"})}
    )
    assert load_ledger_for_plan(data, "/").n_transactions == 3
    monkeypatch.delenv("PAC_DB")
    with pytest.raises(LedgerError) as info:
        load_ledger_for_plan(data, "/")
    assert "PAC_DB" in info.value.problems[0].message


def test_columns_checked_before_fetching_and_a_failing_query(tmp_path: Path) -> None:
    con = sqlite3.connect(sqlite_file(tmp_path / "v.db"))
    with pytest.raises(LedgerError) as info:
        load_ledger(SqlQuery("SELECT code AS client FROM ventes", con))
    assert [p.code for p in info.value.problems] == ["missing-column", "missing-column"]
    with pytest.raises(LedgerError) as info:
        load_ledger(SqlQuery("SELECT nope FROM ventes", con))
    (problem,) = info.value.problems
    assert problem.code == "sql" and "no such column: nope" in problem.message
    with pytest.raises(LedgerError) as info:
        load_ledger(SqlQuery(QUERY, "postgresql://user:secret@host/db"))
    assert "secret" not in info.value.problems[0].message
