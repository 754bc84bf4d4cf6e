"""Bad rows: kinds, row numbers, the error and skip policies, the report's problems."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from ingest_helpers import write

from pacspec.diagnostics import LedgerError
from pacspec.ingest import MAX_BAD_ROWS_KEPT, load_ledger
from pacspec.ingest.report import KINDS, BadRows
from pacspec.model.data import TransactionColumns

BAD = (
    "client;date;amount;quantity\n"
    "A;01/01/2025;10,00;1\n"  # 2
    ";02/01/2025;10,00;1\n"  # 3 missing client
    "B;31/02/2025;10,00;1\n"  # 4 bad date
    "C;03/01/2025;dix;1\n"  # 5 bad amount
    "D;04/01/2025;10,00;x\n"  # 6 bad quantity
    "E;15/01/2030;10,00;1\n"  # 7 far in the future: fine (as_of is the engine's business)
    "F;2025-13-01;;1\n"  # 8 bad date and bad amount
    "G;05/01/2025;-5,00;-1\n"  # 9 credit note: fine
    "   ;06/01/2025;1,00;1\n"  # 10 missing client (blank)
)
COLUMNS = TransactionColumns(quantity="quantity")


def test_bad_rows_raise_with_row_numbers(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", BAD)
    with pytest.raises(LedgerError) as info:
        load_ledger(path, columns=COLUMNS)
    problems = info.value.problems
    assert [p.code for p in problems] == ["bad-rows"] * 4
    assert all(p.severity == "error" and p.file == str(path) for p in problems)
    assert [p.line for p in problems] == [3, 4, 5, 6]
    messages = "\n".join(p.message for p in problems)
    assert "2 rows with no client id in column 'client' (rows 3, 10)" in messages
    assert (
        "2 rows with an unparsable date in column 'date' (rows 4, 8): "
        "expected dd/mm/yyyy, dd/mm/yy, yyyy-mm-dd or yyyymmdd (or set csv.date_format), "
        "found '31/02/2025'"
    ) in messages
    assert "2 rows with an unparsable amount in column 'amount' (rows 5, 8)" in messages
    assert "found 'dix'" in messages
    assert "1 row with an unparsable quantity in column 'quantity' (row 6)" in messages
    assert all(p.hint is not None and "data.bad_rows: skip" in p.hint for p in problems)


def test_skip_keeps_the_report(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", BAD)
    ledger = load_ledger(path, columns=COLUMNS, bad_rows="skip")
    assert ledger.client_ids.tolist() == ["A", "E", "G"]  # ids used only by dropped rows go
    assert ledger.amount.tolist() == [10.0, 10.0, -5.0]
    report = ledger.reports[0]
    assert (report.rows_read, report.rows_kept, report.n_bad) == (9, 3, 6)
    assert report.counts == {"missing-client": 2, "bad-date": 2, "bad-amount": 2, "bad-quantity": 1}
    rows = {(b.kind, b.row, b.value) for b in report.bad_rows}
    assert ("bad-date", 8, "2025-13-01") in rows and ("bad-amount", 8, "") in rows
    assert ("missing-client", 10, "   ") in rows
    problems = report.problems()
    assert len(problems) == 4 and all(p.severity == "warning" for p in problems)
    assert all(p.hint == "these rows were dropped" for p in problems)


def test_rows_after_any_date_are_not_bad_rows(tmp_path: Path) -> None:
    text = "client;date;amount\nA;01/01/2030;1,00\n"
    assert load_ledger(write(tmp_path / "t.csv", text)).n_transactions == 1


def test_bad_rows_kept_are_capped_counts_are_exact(tmp_path: Path) -> None:
    n = MAX_BAD_ROWS_KEPT + 50
    text = "client;date;amount\n" + "A;bad;1\n" * n
    ledger = load_ledger(write(tmp_path / "t.csv", text), bad_rows="skip")
    report = ledger.reports[0]
    assert report.counts == {"bad-date": n}
    assert len(report.bad_rows) == MAX_BAD_ROWS_KEPT
    assert f"{n:,} rows with an unparsable date" in report.problems()[0].message  # en: 1,050
    assert "2, 3, 4, 5, 6, …" in report.problems()[0].message


def test_short_rows(tmp_path: Path) -> None:
    text = "client;date;amount;quantity\nA;01/01/2025;1\nB;01/01/2025;2;1\n"
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "t.csv", text), columns=COLUMNS)
    (problem,) = info.value.problems
    assert problem.line == 2
    assert problem.message == (
        "1 row with fewer fields than the header (row 2): expected 4 fields, found 3"
    )
    # an unmapped column may be missing from a row
    assert load_ledger(write(tmp_path / "u.csv", text)).n_transactions == 2


def test_long_rows_are_bad_rows_that_skip_drops(tmp_path: Path) -> None:
    """A few rows with more fields than the header (a value holding the delimiter): bad
    rows at their lines, an error by default, dropped and counted with skip; empty extra
    fields are not counted."""
    text = ("client;date;amount\nA;13/01/2025;1,00\nB;02/01/2025;2,00;Le; best\n"
            "C;03/01/2025;3,00;\nD;04/01/2025;4,00\n")
    path = write(tmp_path / "t.csv", text)
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    (problem,) = info.value.problems
    assert (problem.code, problem.line) == ("bad-rows", 3)
    assert problem.message == ("1 row with more fields than the header (row 3): expected 3 "
                               "fields, found 5 (a value holding the delimiter, unquoted?)")
    ledger = load_ledger(path, bad_rows="skip")
    (report,) = ledger.reports
    assert report.counts == {"long-row": 1} and ledger.n_transactions == 3
    assert (report.rows_read, report.rows_kept) == (4, 3)


def test_most_rows_too_long_is_a_delimiter_error(tmp_path: Path) -> None:
    text = "client;date;amount\nA;01/01/2025;1;x\nB;02/01/2025;2;y\nC;03/01/2025;3\n"
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "t.csv", text), bad_rows="skip")
    (problem,) = info.value.problems
    assert problem.code == "bad-csv" and "more fields than the header" in problem.message


def test_collector_orders_rows_by_kind_then_row() -> None:
    bad = BadRows("<mapping>", np.arange(4, dtype=np.int64), None, rows_are_lines=False)
    values = np.array(["x", "y", "z", "w"], dtype=object)
    bad.add("bad-amount", np.array([False, True, False, True]), "amount", values)
    bad.add("missing-client", np.array([False, False, True, False]), "client", values)
    report = bad.report("skip")
    assert [(b.kind, b.row) for b in report.bad_rows] == [
        ("missing-client", 2), ("bad-amount", 1), ("bad-amount", 3),
    ]  # fmt: skip
    assert list(report.counts) == ["missing-client", "bad-amount"]
    assert (report.rows_read, report.rows_kept) == (4, 1)
    first, second = report.problems()
    assert first.message == "1 row with no client id in column 'client' (index 2)"
    assert second.message == "2 rows with an unparsable amount in column 'amount' (index 1, 3)"
    assert first.line is None and first.file == "<mapping>"


def test_kinds() -> None:
    assert KINDS == (
        "bad-quote", "short-row", "long-row", "missing-client", "bad-date", "bad-amount",
        "bad-quantity", "bad-margin",
    )  # fmt: skip
