"""Choosing an engine changes nothing in the analysis: the example plan on typed Parquet
evaluated by numpy and by DuckDB gives the same summary JSON and the same client table;
``auto`` and the extras' hints; bad lines and unreadable sources through an engine."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from backend_helpers import write_parquet

import pacspec
from pacspec.diagnostics import LedgerError
from pacspec.engine.backends import get_engine, source
from pacspec.engine.backends.lines import ScannedLedger
from pacspec.report.summary import evaluation_summary
from pacspec.session import Session

pytest.importorskip("duckdb")

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "plans" / "connect-plus.pac.yaml"
CLIENTS = REPO / "plans" / "data" / "clients.csv"
AS_OF = [None, "2025-06-30", "2025-12-31"]


@pytest.fixture(scope="module")
def example_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's transactions as typed Parquet (text ids, dates, numbers)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    ledger = Session.open(PLAN, engine="numpy").ledger
    path = write_parquet(ledger, tmp_path_factory.mktemp("pq") / "transactions.parquet")
    table = pq.read_table(path)
    product = pa.array(["GPS-HANDHELD"] * table.num_rows)
    # client ids dictionary-encoded, as large exports often are
    client = table.column("client").dictionary_encode()
    table = table.set_column(0, "client", client).append_column("product", product)
    pq.write_table(table, path)
    return path


def _summary(ev: Any) -> str:
    return json.dumps(evaluation_summary(ev), sort_keys=True, default=str, ensure_ascii=False)


def _client_table(ev: Any) -> dict[str, list[Any]]:
    out = {}
    for name, column in ev.columns.items():
        values = getattr(column, "codes", column)
        out[name] = np.asarray(values).tolist()
    out["client_ids"] = [str(c) for c in ev.ledger.client_ids]
    return out


@pytest.mark.parametrize("as_of", AS_OF)
def test_duckdb_on_parquet_gives_the_numpy_analysis(example_parquet: Path,
                                                    as_of: str | None) -> None:
    import datetime as dt

    day = None if as_of is None else dt.date.fromisoformat(as_of)
    by_numpy = Session.open(PLAN, transactions=example_parquet, engine="numpy")
    by_duckdb = Session.open(PLAN, transactions=example_parquet, engine="duckdb")
    assert isinstance(by_duckdb.ledger, ScannedLedger)  # the lines stayed in the file
    assert len(by_duckdb.ledger.client) == 0
    a, b = by_numpy.evaluate(day), by_duckdb.evaluate(day)
    assert _summary(a) == _summary(b)
    assert json.dumps(_client_table(a)) == json.dumps(_client_table(b))
    # the actions, resolved on the baseline, are the same clients and amounts
    def resolved(session: Session) -> list[Any]:
        return [(x.id, x.current_revenue, x.clients.tolist(), x.target_revenue)
                for x in session.actions().actions]

    assert resolved(by_numpy) == resolved(by_duckdb)


def test_the_api_and_the_cli_take_the_engine(example_parquet: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    ev = pacspec.evaluate(PLAN, transactions=example_parquet, engine="duckdb")
    assert isinstance(ev.ledger, ScannedLedger)
    from pacspec.cli import main

    outputs = []
    for engine in ("numpy", "duckdb"):
        assert main(["evaluate", str(PLAN), "--transactions", str(example_parquet),
                     "--engine", engine, "--format", "json", "-q"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]


def recorded_setting(monkeypatch: pytest.MonkeyPatch, name: str) -> list[Any]:
    """The DuckDB setting ``name`` of every connection opened from now on."""
    from pacspec.engine.backends.duckdb import DuckDBEngine

    values: list[Any] = []
    connect = DuckDBEngine.connect

    def recorded(self: DuckDBEngine, statistics: bool = True) -> Any:
        con = connect(self, statistics)
        values.append(con.execute(f"SELECT current_setting('{name}')").fetchall()[0][0])
        return con

    monkeypatch.setattr(DuckDBEngine, "connect", recorded)
    return values


def test_the_cli_passes_the_memory_limit_to_duckdb(example_parquet: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from pacspec.cli import main

    args = ["evaluate", str(PLAN), "--transactions", str(example_parquet), "--engine",
            "duckdb", "--format", "json", "-q"]
    assert main(args) == 0
    unlimited = capsys.readouterr().out
    limits = recorded_setting(monkeypatch, "memory_limit")
    assert main([*args, "--memory-limit", "512MiB"]) == 0
    assert capsys.readouterr().out == unlimited  # the same numbers, within the limit
    assert limits and set(limits) == {"512.0 MiB"}
    # a size DuckDB cannot read is the CLI's usage error, before anything runs
    with pytest.raises(SystemExit) as stop:
        main([*args, "--memory-limit", "4 XB"])
    assert stop.value.code == 2
    assert "--memory-limit: expected a size such as 4GB or 512MB, found '4 XB'" \
        in capsys.readouterr().err


def test_auto_picks_duckdb_past_half_the_memory(example_parquet: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert Session.open(PLAN, transactions=example_parquet).announcements == []
    monkeypatch.setattr(source, "available_memory", lambda: 100_000)
    session = Session.open(PLAN, transactions=example_parquet)
    assert isinstance(session.ledger, ScannedLedger)
    (line,) = session.announcements
    assert line.startswith("engine duckdb") and "lines" in line
    # text exports stay on numpy whatever their size (the engines read typed data)
    assert Session.open(PLAN).announcements == []


def test_a_missing_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(LedgerError) as info:
        get_engine("duckdb").connect()  # type: ignore[attr-defined]
    assert info.value.problems[0].hint is not None
    assert "pip install 'pacspec[duckdb]'" in info.value.problems[0].hint


def _bad_lines(tmp: Path) -> Path:
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    d = dt.date(2025, 3, 1)
    table = pa.table({
        "client": ["C0001", None, "  ", "C0002", "C0003", " C0001 "],
        "date": [d, d, d, None, d, d],
        "invoice": ["F1", "F2", "F3", "F4", "F5", None],
        "amount": [10.0, 5.0, 5.0, 7.0, float("nan"), 2.5],
        "quantity": [1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
        "product": ["GPS"] * 6,
    })
    path = tmp / "bad.parquet"
    pq.write_table(table, path)
    return path


def test_bad_lines_through_the_engine(tmp_path: Path) -> None:
    path = _bad_lines(tmp_path)
    session = Session.open(PLAN, transactions=path, engine="duckdb")
    with pytest.raises(LedgerError) as info:
        session.evaluate()
    messages = " | ".join(p.message for p in info.value.problems)
    # in the plan's language (French): None and blank ids, no date, no amount
    assert "2 lignes" in messages and "sans identifiant client" in messages
    assert "1 ligne" in messages and "sans date" in messages
    assert "sans montant" in messages
    skipped = Session.open(PLAN, transactions=path, engine="duckdb", bad_rows="skip")
    ev = skipped.evaluate()
    warnings = [p for p in ev.problems if p.code.startswith("bad-rows")]
    assert len(warnings) == 3 and all(p.severity == "warning" for p in warnings)
    ids = [str(c) for c in ev.ledger.client_ids]
    # C0002 and C0003 have no usable line: like the numpy path, they exist only through
    # the register; " C0001 " is C0001 once trimmed, its line without an invoice is an order
    j = ids.index("C0001")
    assert ev.columns["history_revenue"][j] == 12.5
    assert ids.count("C0001") == 1


def test_an_untyped_column_is_a_clear_error(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "text.parquet"
    pq.write_table(pa.table({"client": ["C1"], "date": ["01/03/2025"], "invoice": ["F"],
                             "amount": ["12,50"], "quantity": [1.0], "product": ["G"]}), path)
    with pytest.raises(LedgerError) as info:
        Session.open(PLAN, transactions=path, engine="duckdb")
    problems = info.value.problems
    assert {p.code for p in problems} >= {"engine-column-type"}
    text = " ".join(p.message for p in problems)
    assert "duckdb" in text and "'date'" in text and "'amount'" in text and "text.parquet" in text


def test_duckdb_counts_the_lines_after_as_of_as_numpy_does(example_parquet: Path) -> None:
    by_numpy = Session.open(PLAN, transactions=example_parquet, engine="numpy")
    by_duckdb = Session.open(PLAN, transactions=example_parquet, engine="duckdb")
    for day in (dt.date(2025, 6, 30), dt.date(2025, 12, 31), dt.date(2030, 1, 1)):
        assert by_duckdb.ledger.rows_after(day) == by_numpy.ledger.rows_after(day)
    a, b = by_numpy.evaluate(dt.date(2025, 6, 30)), by_duckdb.evaluate(dt.date(2025, 6, 30))
    (note,) = [p for p in a.problems if p.code == "rows-after-as-of"]
    assert [p.message for p in b.problems if p.code == "rows-after-as-of"] == [note.message]
    # counted by the aggregation in passing (no second pass), the same count
    from pacspec.calendar import to_day

    assert isinstance(by_duckdb.ledger, ScannedLedger)
    assert by_duckdb.ledger.after == {to_day(dt.date(2025, 6, 30)):
                                      by_numpy.ledger.rows_after(dt.date(2025, 6, 30))}


def test_duckdb_spills_to_the_system_temporary_folder_not_the_current_one(
        example_parquet: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """DuckDB's own default spill folder is ``.tmp`` in the current folder (often the
    user's plans repository); pacspec's is a folder of the process in the system's
    temporary directory, unless ``temp_directory`` is given."""
    import tempfile

    from pacspec.cli import main
    from pacspec.engine.backends.duckdb import DuckDBEngine

    folders = recorded_setting(monkeypatch, "temp_directory")
    monkeypatch.chdir(tmp_path)
    assert main(["evaluate", str(PLAN), "--transactions", str(example_parquet), "--engine",
                 "duckdb", "--format", "json", "-q"]) == 0
    assert folders and {Path(f).parent for f in folders} == {Path(tempfile.gettempdir())}
    assert all(Path(f).name.startswith("pacspec-duckdb-") for f in folders)
    assert list(tmp_path.iterdir()) == []
    con = DuckDBEngine(temp_directory=str(tmp_path / "spill")).connect()
    assert con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0] == str(
        tmp_path / "spill")
    con.close()


def test_the_cli_passes_the_temp_directory_to_duckdb(
        example_parquet: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """``--temp-directory DIR`` (``Session.open(temp_directory=…)``) is where DuckDB spills
    past its memory limit: every connection of the run uses it; the numbers are the same."""
    from pacspec.cli import main

    args = ["evaluate", str(PLAN), "--transactions", str(example_parquet), "--engine",
            "duckdb", "--format", "json", "-q"]
    assert main(args) == 0
    default = capsys.readouterr().out
    folders = recorded_setting(monkeypatch, "temp_directory")
    spill = tmp_path / "spill here"
    assert main([*args, "--temp-directory", str(spill), "--memory-limit", "64MB"]) == 0
    assert capsys.readouterr().out == default
    assert folders and set(folders) == {str(spill)}
    folders.clear()
    session = Session.open(PLAN, transactions=example_parquet, engine="duckdb",
                           temp_directory=str(spill), check=False)
    session.evaluate()
    assert folders and set(folders) == {str(spill)}
