"""The SQL source against a real PostgreSQL server, started by the tests on this machine
(initdb in a temporary folder, pg_ctl on a Unix socket, no TCP port, no root): the
conformance content gives the conformance ledger, from a connection and from the plan's
URL; the session is read-only. Skipped, with the reason, when Debian's ``postgresql`` or
psycopg is not installed."""

from __future__ import annotations

import datetime as dt
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import assert_same
from test_ingest_sources import REGISTER, TX, WITH_MARGIN, expected_ledger

from pacspec.diagnostics import LedgerError
from pacspec.ingest import SqlQuery, load_ledger, load_ledger_for_plan
from pacspec.model.data import DataSection


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return versions[-1] if versions else None


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The Unix socket folder of a PostgreSQL server running for this module."""
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (pip install "
                                  "'pacspec[postgres]')")
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        pytest.skip("PostgreSQL is not installed (Debian: apt-get install postgresql)")
    user: str | None = None
    if os.geteuid() == 0:  # the server refuses root: run it as the postgres account
        try:
            user = pwd.getpwnam("postgres").pw_name
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' account to run the server")
    # as root, a folder the postgres account can reach (pytest's own is root's, 0700)
    base = Path(tempfile.mkdtemp(prefix="pacspec-pg-")) if user else tmp_path_factory.mktemp("pg")
    data, sock = base / "data", base / "s"
    sock.mkdir()
    if user is not None:
        entry = pwd.getpwnam(user)
        for path in (base, sock):
            os.chown(path, entry.pw_uid, entry.pw_gid)

    def run(*argv: str) -> None:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120, user=user,
                              cwd=base)
        if done.returncode != 0:
            pytest.skip(f"the PostgreSQL server could not start: {done.stderr.strip()[-300:]}")

    run(initdb, "-D", str(data), "-U", "pacspec", "--auth=trust", "-E", "UTF8",
        "--no-locale", "--no-sync")
    options = f"-k {sock} -c listen_addresses='' -F"
    run(pg_ctl, "-D", str(data), "-o", options, "-l", str(base / "log"), "-w", "-t", "60",
        "start")
    try:
        with psycopg.connect(host=str(sock), user="pacspec", dbname="postgres",
                             autocommit=True) as con:
            con.execute("CREATE DATABASE ventes")
        with psycopg.connect(host=str(sock), user="pacspec", dbname="ventes") as con:
            _table(con, "tx", TX)
            _table(con, "register", REGISTER)
        yield str(sock)
    finally:
        subprocess.run([pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60, user=user, cwd=base)
        if user:
            shutil.rmtree(base, ignore_errors=True)


def _table(con: Any, name: str, content: dict[str, list[Any]]) -> None:
    """The content as a table with PostgreSQL's own types (DATE, DOUBLE, BIGINT, TEXT)."""
    def kind(values: list[Any]) -> str:
        first = next(v for v in values if v is not None)
        if isinstance(first, dt.date):
            return "DATE"
        if isinstance(first, float):
            return "DOUBLE PRECISION"
        if isinstance(first, int):
            return "BIGINT"
        return "TEXT"

    names = list(content)
    con.execute(f"CREATE TABLE {name} ({', '.join(f'{n} {kind(content[n])}' for n in names)})")
    rows = [[None if isinstance(v, float) and v != v else v for v in row]
            for row in zip(*content.values(), strict=True)]
    with con.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {name} VALUES ({', '.join(['%s'] * len(names))})", rows
        )


def _url(sock: str) -> str:
    return f"postgresql://pacspec@/ventes?host={sock}"


def test_a_connection_gives_the_conformance_ledger(server: str) -> None:
    import psycopg

    with psycopg.connect(_url(server)) as con:
        ledger = load_ledger(
            SqlQuery(f"SELECT {', '.join(TX)} FROM tx ORDER BY ctid", con),
            SqlQuery(f"SELECT {', '.join(REGISTER)} FROM register ORDER BY ctid", con),
            columns=WITH_MARGIN,
        )
    assert_same(ledger, expected_ledger())
    assert (ledger.reports[0].rows_read, ledger.reports[0].rows_kept) == (5, 5)


def test_the_plan_names_the_server_through_the_environment(
    server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VENTES_URL", _url(server))
    data = DataSection.model_validate({
        "transactions": {"sql": f"SELECT {', '.join(TX)} FROM tx ORDER BY ctid",
                         "connection": "env:VENTES_URL", "columns": dict(WITH_MARGIN)},
        "clients": {"sql": "SELECT client, name, typology, potential FROM register ORDER BY ctid",
                    "connection": "env:VENTES_URL", "columns": {"name": "name"}},
    })
    ledger = load_ledger_for_plan(data, tmp_path)
    assert_same(ledger, expected_ledger())


def test_the_session_is_read_only(server: str) -> None:
    query = SqlQuery("INSERT INTO tx (client) VALUES ('X') RETURNING client, client AS date, "
                     "client AS amount", _url(server))
    with pytest.raises(LedgerError) as info:
        load_ledger(query, columns={"client": "client", "date": "date", "amount": "amount"})
    (problem,) = info.value.problems
    assert problem.code == "sql" and "read-only" in problem.message
    import psycopg

    with psycopg.connect(_url(server)) as con:
        assert con.execute("SELECT count(*) FROM tx").fetchone() == (len(TX["client"]),)


def test_a_wrong_server_is_one_line_without_the_password(server: str) -> None:
    url = f"postgresql://pacspec:s3cret@/nobase?host={server}"
    with pytest.raises(LedgerError) as info:
        load_ledger(SqlQuery("SELECT 1", url))
    (problem,) = info.value.problems
    assert problem.code == "sql" and "nobase" in problem.message
    assert "s3cret" not in problem.message and "s3cret" not in (problem.hint or "")
