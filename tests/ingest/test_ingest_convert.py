"""``pacspec convert``: a French CSV export to the typed Parquet the engines read, block by
block; the same analysis from either; bad lines counted at their lines; atomic output."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import REPO, run_main
from ingest_helpers import FULL, write

from pacspec.diagnostics import LedgerError
from pacspec.ingest import load_ledger
from pacspec.ingest.convert import convert_transactions
from pacspec.output import OutputError

pq = pytest.importorskip("pyarrow.parquet")

PLAN = REPO / "plans" / "connect-plus.pac.yaml"
EXAMPLE = REPO / "plans" / "data" / "transactions.csv"


def _summary(ev: Any) -> tuple[str, list[tuple[str, str]]]:
    """The summary JSON without the problems' files (the CSV or the Parquet file), and the
    problems' codes and messages."""
    from pacspec.report.summary import evaluation_summary

    summary = evaluation_summary(ev)
    problems = [(p["code"], p["message"]) for p in summary.pop("problems")]
    return json.dumps(summary, sort_keys=True, default=str, ensure_ascii=False), problems


@pytest.mark.parametrize("as_of", [None, "2025-12-31"])
def test_the_converted_example_gives_the_same_analysis_with_duckdb(
    tmp_path: Path, as_of: str | None
) -> None:
    pytest.importorskip("duckdb")
    from pacspec.engine.backends.lines import ScannedLedger
    from pacspec.session import Session

    out = tmp_path / "lines.parquet"
    code, _, err = run_main(["convert", str(EXAMPLE), "-o", str(out), "--plan", str(PLAN),
                             "--block-mb", "1", "-q"], tmp_path)
    assert code == 0, err
    assert err.strip() == f"écrit : 9\u202f690 lignes dans {out}"  # the plan's locale
    day = None if as_of is None else dt.date.fromisoformat(as_of)
    by_csv = Session.open(PLAN, engine="numpy").evaluate(day)
    scanned = Session.open(PLAN, transactions=out, engine="duckdb")
    assert isinstance(scanned.ledger, ScannedLedger)  # the lines stayed in the file
    by_parquet = scanned.evaluate(day)
    assert _summary(by_csv) == _summary(by_parquet)
    for name, column in by_csv.columns.items():
        left = np.asarray(getattr(column, "codes", column))
        right = np.asarray(getattr(by_parquet.columns[name], "codes", by_parquet.columns[name]))
        np.testing.assert_array_equal(left, right, err_msg=name)
    if as_of is not None:  # the rows after as_of are counted by both
        assert any(c == "rows-after-as-of" for c, _ in _summary(by_parquet)[1])


@pytest.mark.parametrize("block", [200, 1000, 64 << 20])
def test_any_block_size_writes_the_values_the_ledger_reads(tmp_path: Path, block: int) -> None:
    lines = ["client;date;invoice;amount;quantity;product"]
    for i in range(120):
        label = '"GPS\n2 lignes"' if i % 17 == 3 else ('"Le ""best"""' if i % 19 == 5 else "GPS")
        lines.append(f" C{i % 7} ;{1 + i % 28:02d}/0{1 + i % 9}/2025;F{i // 3};"
                     f"{i * 10} {i % 10}50,5;{i % 4};{label if i % 11 else ''}")
    src = write(tmp_path / "ventes.csv", "\n".join(lines) + "\n", encoding="cp1252")
    result = convert_transactions(src, tmp_path / "out.parquet", columns=FULL,
                                  block_bytes=block)
    assert (result.rows_read, result.rows_written) == (120, 120)
    assert result.blocks >= (2 if block < 10_000 else 1)
    table = pq.read_table(tmp_path / "out.parquet")
    ledger = load_ledger(src, columns=FULL)
    assert table.column("client").to_pylist() == ledger.client_ids[ledger.client].tolist()
    days = np.asarray(table.column("date").cast("int32").to_numpy(), dtype=np.int64)
    np.testing.assert_array_equal(days, ledger.day)
    np.testing.assert_array_equal(table.column("amount").to_numpy(), ledger.amount)
    np.testing.assert_array_equal(table.column("quantity").to_numpy(), ledger.quantity)
    products = ledger.product
    assert products is not None and table.column("product").to_pylist() == products.tolist()
    orders = table.column("invoice").to_pylist()
    assert orders[:4] == ["F0", "F0", "F0", "F1"]
    # the same ledger from the Parquet file
    again = load_ledger(tmp_path / "out.parquet", columns=FULL)
    np.testing.assert_array_equal(again.amount, ledger.amount)
    assert again.client_ids.tolist() == ledger.client_ids.tolist()
    np.testing.assert_array_equal(again.order, ledger.order)


BAD = ("client;date;amount\n"
       "A;01/02/2025;1,00\n"
       "B;31/02/2025;2,00\n"      # line 3: no such date
       "C;02/02/2025;trois\n"     # line 4: not a number
       + "".join(f"D;03/02/2025;{i},00\n" for i in range(40))
       + ";04/02/2025;5,00\n"     # line 45: no client
       "E;05/02/2025;6,00\n")


def test_bad_lines_are_counted_at_their_lines_across_blocks(tmp_path: Path) -> None:
    src = write(tmp_path / "bad.csv", BAD)
    out = tmp_path / "out.parquet"
    with pytest.raises(LedgerError) as info:
        convert_transactions(src, out, block_bytes=100)
    assert not out.exists()  # nothing written
    assert info.value.problems[0].line == 3 and info.value.problems[0].file == str(src)

    result = convert_transactions(src, out, block_bytes=100, bad_rows="skip")
    assert result.blocks > 3
    assert result.report is not None
    assert result.report.counts == {"missing-client": 1, "bad-date": 1, "bad-amount": 1}
    assert sorted(b.row for b in result.report.bad_rows) == [3, 4, 45]
    assert (result.rows_read, result.rows_written) == (45, 42)
    assert pq.read_table(out).column("client").to_pylist()[-1] == "E"
    problems = {p.message.split(" (")[0]: p.line for p in result.report.problems()}
    assert problems == {"1 row with no client id in column 'client'": 45,
                        "1 row with an unparsable date in column 'date'": 3,
                        "1 row with an unparsable amount in column 'amount'": 4}

    code, _, err = run_main(["convert", str(src), "-o", str(out), "--force",
                             "--skip-bad-rows", "--block-mb", "1"], tmp_path)
    assert code == 0 and err.strip().endswith(
        f"écrit : 42 lignes dans {out} (3 lignes invalides laissées de côté)")
    assert "bad.csv:3: warning[bad-rows]" in err


def test_an_existing_output_is_kept_without_force(tmp_path: Path) -> None:
    src = write(tmp_path / "t.csv", "client;date;amount\nA;01/02/2025;1\n")
    out = write(tmp_path / "lines.parquet", "old")
    code, _, err = run_main(["convert", str(src), "-o", str(out)], tmp_path)
    assert code == 2 and "error[exists]" in err and out.read_text() == "old"
    with pytest.raises(OutputError):
        convert_transactions(src, out)
    bad = write(tmp_path / "bad.csv", "client;date;amount\nA;xx;1\n")
    code, _, err = run_main(["convert", str(bad), "-o", str(out), "--force"], tmp_path)
    assert code == 1 and "bad-rows" in err and out.read_text() == "old"  # untouched
    code, _, _ = run_main(["convert", str(src), "-o", str(out), "--force"], tmp_path)
    assert code == 0 and pq.read_table(out).num_rows == 1
    code, _, err = run_main(["convert", str(src), "-o", str(tmp_path / "x.csv")], tmp_path)
    assert code == 2 and "error[output-format]" in err


def test_missing_columns_are_found_before_any_block(tmp_path: Path) -> None:
    src = write(tmp_path / "t.csv", "Code client;date;amount\nA;01/02/2025;1\n")
    with pytest.raises(LedgerError) as info:
        convert_transactions(src, tmp_path / "o.parquet")
    assert [p.code for p in info.value.problems] == ["missing-column"]
    assert not (tmp_path / "o.parquet").exists()


def test_a_frame_is_converted_whole(tmp_path: Path) -> None:
    frame = {"client": ["A", 12, "B"], "date": ["2025-01-02", "03/01/2025", "20250104"],
             "amount": [1.5, 2.0, -3.0]}
    result = convert_transactions(frame, tmp_path / "o.parquet")
    table = pq.read_table(tmp_path / "o.parquet")
    assert result.blocks == 1 and table.column("client").to_pylist() == ["A", "12", "B"]
    assert table.column("date").to_pylist() == [dt.date(2025, 1, d) for d in (2, 3, 4)]
