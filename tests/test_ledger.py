"""Ingestion: French CSV exports, bad rows, ids, registers, in-memory inputs, Parquet."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec import ledger as ledger_module
from pacspec.diagnostics import LedgerError
from pacspec.ledger import Ledger, date_to_day, day_to_date, load_ledger, load_ledger_for_plan
from pacspec.model.data import (
    ClientColumns,
    ClientSource,
    CsvOptions,
    DataSection,
    TransactionColumns,
    TransactionSource,
)

ROOT = Path(__file__).resolve().parents[1]
BOM = b"\xef\xbb\xbf"
FULL = TransactionColumns(order="invoice", quantity="quantity", product="product")


def write(path: Path, text: str, encoding: str = "utf-8", bom: bool = False) -> Path:
    path.write_bytes((BOM if bom else b"") + text.encode(encoding))
    return path


def day(text: str) -> int:
    return date_to_day(dt.date.fromisoformat(text))


def assert_same(a: Ledger, b: Ledger) -> None:
    """Two ledgers hold the same data (reports aside)."""
    assert a.client_ids.tolist() == b.client_ids.tolist()
    assert [type(v) for v in a.client_ids.tolist()] == [type(v) for v in b.client_ids.tolist()]
    for name in ("client", "day", "amount", "order", "quantity", "product"):
        left, right = getattr(a, name), getattr(b, name)
        assert (left is None) == (right is None), name
        if left is not None:
            assert left.dtype == right.dtype, name
            np.testing.assert_array_equal(left, right, err_msg=name)
    names_a = None if a.product_names is None else a.product_names.tolist()
    names_b = None if b.product_names is None else b.product_names.tolist()
    assert names_a == names_b
    assert a.attributes.keys() == b.attributes.keys()
    for key, values in a.attributes.items():
        other = b.attributes[key]
        assert values.dtype == other.dtype, key
        if values.dtype.kind == "f":
            np.testing.assert_array_equal(values, other, err_msg=key)
        else:
            assert values.tolist() == other.tolist(), key


# ----------------------------------------------------------------------------- French CSV

FRENCH = (
    "client;date;invoice;amount;quantity;product\n"
    "00001;15/01/2025;F1;1 234,50;2;GPS-PLOTTER-7\n"  # line 2: space thousands
    "00001;2025-02-03;F2;1\u00a0234,50 €;1;GPS-HANDHELD\n"  # line 3: NBSP, €, ISO date
    ' 00002 ;03/02/2025;F3;1\u202f000,00;3;"SONAR; CHIRP"\n'  # line 4: narrow NBSP, quotes
    "00003;28/02/2025;F4;1.234,50;1;GPS-PLOTTER-9\n"  # line 5: dot thousands
    "00003;01/03/2025;AV1;-12,00;-1;GPS-PLOTTER-9\n"  # line 6: credit note
    '00004;29/02/2024;F5;EUR 7,5;1;"CARTO\n'  # line 7-8: leap day, multi-line field
    'PACK"\n'
    "00002;31/12/2025;F6;0,99;1;GPS-HANDHELD\n"  # line 9
)


def test_french_export(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", FRENCH, bom=True)
    ledger = load_ledger(path, columns=FULL)
    assert ledger.client_ids.tolist() == ["00001", "00002", "00003", "00004"]
    assert ledger.client_ids[ledger.client].tolist() == [
        "00001", "00001", "00002", "00003", "00003", "00004", "00002",
    ]  # fmt: skip
    assert ledger.amount.tolist() == [1234.5, 1234.5, 1000.0, 1234.5, -12.0, 7.5, 0.99]
    assert ledger.quantity is not None
    assert ledger.quantity.tolist() == [2, 1, 3, 1, -1, 1, 1]
    assert ledger.day.tolist() == [
        day("2025-01-15"), day("2025-02-03"), day("2025-02-03"), day("2025-02-28"),
        day("2025-03-01"), day("2024-02-29"), day("2025-12-31"),
    ]  # fmt: skip
    assert ledger.product_names is not None and ledger.product is not None
    names = ledger.product_names[ledger.product].tolist()
    assert names[2] == "SONAR; CHIRP" and names[5] == "CARTO\nPACK"
    assert ledger.order is not None and len(set(ledger.order.tolist())) == 7
    report = ledger.reports[0]
    assert report.encoding == "utf-8-sig"
    assert (report.rows_read, report.rows_kept, report.counts) == (7, 7, {})
    assert ledger.last_date == dt.date(2025, 12, 31)
    assert ledger.first_date == dt.date(2024, 2, 29)


def test_row_numbers_after_multiline_field(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", FRENCH + "00005;32/01/2025;F7;1,00;1;X\n")
    with pytest.raises(LedgerError) as info:
        load_ledger(path, columns=FULL)
    (problem,) = info.value.problems
    assert problem.line == 10  # the multi-line field above takes two lines
    assert "(row 10)" in problem.message


def test_utf8_without_bom_and_cp1252(tmp_path: Path) -> None:
    tx = "client;date;amount\nA;01/01/2025;10,00\nB;02/01/2025;20,00\n"
    register = "client;name;region\nA;Café de la Marée;Bretagne\nB;Pêche & Océan;Corse\n"
    plain = write(tmp_path / "t.csv", tx)
    old = write(tmp_path / "c.csv", register, encoding="cp1252")
    ledger = load_ledger(plain, old)
    assert ledger.reports[0].encoding == "utf-8"
    assert ledger.reports[1].encoding == "cp1252"
    assert ledger.attributes["name"].tolist() == ["Café de la Marée", "Pêche & Océan"]
    forced = load_ledger(plain, old, clients_csv=CsvOptions(encoding="latin-1"))
    assert forced.attributes["name"].tolist() == ["Café de la Marée", "Pêche & Océan"]


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"client;date;amount\nA;01/01/2025;10\n\x81\x8d;01/01/2025;1\n")
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    assert info.value.problems[0].code == "encoding"
    assert info.value.problems[0].line == 3


def test_sniffed_comma_file_with_decimal_point(tmp_path: Path) -> None:
    text = 'client,date,amount\nA,2025-01-01,"1,234.50"\nB,2025-01-02,12.5\nC,2025-01-03,-3\n'
    ledger = load_ledger(write(tmp_path / "t.csv", text))
    assert ledger.amount.tolist() == [1234.5, 12.5, -3.0]


def test_semicolon_file_with_decimal_point_is_inferred(tmp_path: Path) -> None:
    text = "client;date;amount\nA;01/01/2025;12.50\nB;02/01/2025;1234.5\n"
    assert load_ledger(write(tmp_path / "t.csv", text)).amount.tolist() == [12.5, 1234.5]


def test_excel_separator_hint(tmp_path: Path) -> None:
    text = "sep=,\nclient,date,montant\nA,2025-01-01,1.5\n"
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "t.csv", text))
    assert info.value.problems[0].line == 2  # the header follows the hint
    ledger = load_ledger(
        write(tmp_path / "t.csv", text), columns=TransactionColumns(amount="montant")
    )
    assert ledger.amount.tolist() == [1.5]


def test_explicit_options(tmp_path: Path) -> None:
    text = "id|jour|montant\nA|01.02.2025|1'234.5\nB|28.02.2025|-7\n"
    ledger = load_ledger(
        write(tmp_path / "t.csv", text),
        columns=TransactionColumns(client="id", date="jour", amount="montant"),
        csv=CsvOptions(delimiter="|", decimal=".", thousands="'", date_format="%d.%m.%Y"),
    )
    assert ledger.amount.tolist() == [1234.5, -7.0]
    assert ledger.day.tolist() == [day("2025-02-01"), day("2025-02-28")]


def test_accounting_negatives_and_blank_lines(tmp_path: Path) -> None:
    text = "client;date;amount\nA;01/01/2025;(12,50)\n\n;;\nB;02/01/2025;7,00-\n"
    ledger = load_ledger(write(tmp_path / "t.csv", text))
    assert ledger.amount.tolist() == [-12.5, -7.0]
    assert ledger.reports[0].rows_read == 2


def test_ambiguous_separators_are_bad_not_misread(tmp_path: Path) -> None:
    text = "client;date;amount\nA;01/01/2025;12 34,00\nB;01/01/2025;1,234.5\nC;01/01/2025;5,5\n"
    ledger = load_ledger(write(tmp_path / "t.csv", text), bad_rows="skip")
    assert ledger.amount.tolist() == [5.5]
    assert [b.row for b in ledger.reports[0].bad_rows] == [2, 3]


# ------------------------------------------------------------------------------ bad rows

BAD = (
    "client;date;amount;quantity\n"
    "A;01/01/2025;10,00;1\n"  # 2
    ";02/01/2025;10,00;1\n"  # 3 missing client
    "B;31/02/2025;10,00;1\n"  # 4 bad date
    "C;03/01/2025;dix;1\n"  # 5 bad amount
    "D;04/01/2025;10,00;x\n"  # 6 bad quantity
    "E;15/01/2026;10,00;1\n"  # 7 after as_of
    "F;2025-13-01;;1\n"  # 8 bad date and bad amount
    "G;05/01/2025;-5,00;-1\n"  # 9 credit note: fine
    "   ;06/01/2025;1,00;1\n"  # 10 missing client (blank)
)
COLUMNS = TransactionColumns(quantity="quantity")
AS_OF = dt.date(2025, 12, 31)


def test_bad_rows_raise_with_row_numbers(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", BAD)
    with pytest.raises(LedgerError) as info:
        load_ledger(path, columns=COLUMNS, as_of=AS_OF)
    problems = info.value.problems
    assert [p.code for p in problems] == ["bad-rows"] * 5
    assert all(p.severity == "error" and p.file == str(path) for p in problems)
    assert [p.line for p in problems] == [3, 4, 5, 6, 7]
    by_start = {p.message.split(" with ")[-1][:30]: p.message for p in problems}
    messages = "\n".join(by_start.values())
    assert "2 rows with no client id in column 'client' (rows 3, 10)" in messages
    assert (
        "2 rows with an unparsable date in column 'date' (rows 4, 8): "
        "expected dd/mm/yyyy or yyyy-mm-dd, found '31/02/2025'"
    ) in messages
    assert "2 rows with an unparsable amount in column 'amount' (rows 5, 8)" in messages
    assert "found 'dix'" in messages
    assert "1 row with an unparsable quantity in column 'quantity' (row 6)" in messages
    assert "1 row dated after as_of 31/12/2025 (row 7): found '15/01/2026'" in messages


def test_skip_keeps_the_report(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", BAD)
    ledger = load_ledger(path, columns=COLUMNS, as_of=AS_OF, bad_rows="skip")
    assert ledger.client_ids.tolist() == ["A", "G"]  # ids used only by dropped rows are gone
    assert ledger.amount.tolist() == [10.0, -5.0]
    report = ledger.reports[0]
    assert (report.rows_read, report.rows_kept, report.n_bad) == (9, 2, 7)
    assert report.counts == {
        "missing-client": 2, "bad-date": 2, "bad-amount": 2, "bad-quantity": 1, "future-date": 1,
    }  # fmt: skip
    rows = {(b.kind, b.row, b.value) for b in report.bad_rows}
    assert ("bad-date", 8, "2025-13-01") in rows and ("bad-amount", 8, "") in rows
    assert ("missing-client", 10, "   ") in rows
    problems = report.problems()
    assert len(problems) == 5 and all(p.severity == "warning" for p in problems)


def test_without_as_of_future_dates_are_fine(tmp_path: Path) -> None:
    text = "client;date;amount\nA;01/01/2030;1,00\n"
    assert load_ledger(write(tmp_path / "t.csv", text)).n_transactions == 1


def test_bad_rows_kept_are_capped_counts_are_exact(tmp_path: Path) -> None:
    n = ledger_module.MAX_BAD_ROWS_KEPT + 50
    text = "client;date;amount\n" + "A;bad;1\n" * n
    ledger = load_ledger(write(tmp_path / "t.csv", text), bad_rows="skip")
    report = ledger.reports[0]
    assert report.counts == {"bad-date": n}
    assert len(report.bad_rows) == ledger_module.MAX_BAD_ROWS_KEPT
    assert f"{n} rows with an unparsable date" in report.problems()[0].message
    assert "2, 3, 4, 5, 6, …" in report.problems()[0].message


def test_too_many_fields(tmp_path: Path) -> None:
    text = "client;date;amount\nA;01/01/2025;12;50\n"
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "t.csv", text))
    assert info.value.problems[0].code == "bad-csv"
    assert info.value.problems[0].line == 2


# ------------------------------------------------------------------- ids and the register


def test_ids_preserved_and_round_trip(tmp_path: Path) -> None:
    text = "client;date;amount\n00010;01/01/2025;1\n00001;01/01/2025;2\n 0001;01/01/2025;3\n"
    ledger = load_ledger(write(tmp_path / "t.csv", text))
    assert ledger.client_ids.tolist() == ["00001", "0001", "00010"]  # sorted, never numbers
    assert ledger.client.tolist() == [2, 0, 1]
    assert ledger.client_ids[ledger.client].tolist() == ["00010", "00001", "0001"]
    assert ledger.index_of(["00001", "0001", "1", "nope"]).tolist() == [0, 1, -1, -1]
    assert ledger.index_of("00010").tolist() == [2]


REGISTER = (
    "client;name;typology;potential;ipo_size;postcode;note\n"
    "C3;NAUTILUS;vip;1 200 000,50;5;29200;\n"
    "C1;Prospect;chandlery;;2;01000;à voir\n"
    "C9;Dormant;marina;3500;3;17000;\n"
)


def test_register_order_attributes_and_register_only_clients(tmp_path: Path) -> None:
    tx = "client;date;amount\nC3;01/01/2025;5\nC7;01/01/2025;1\nC2;01/01/2025;2\nC3;02/01/2025;1\n"
    ledger = load_ledger(write(tmp_path / "t.csv", tx), write(tmp_path / "c.csv", REGISTER))
    # register ids in register order, then the others sorted
    assert ledger.client_ids.tolist() == ["C3", "C1", "C9", "C2", "C7"]
    assert ledger.client.tolist() == [0, 4, 3, 0]
    attrs = ledger.attributes
    assert list(attrs) == ["typology", "potential", "ipo_size", "postcode", "note", "name"]
    assert attrs["name"].tolist() == ["NAUTILUS", "Prospect", "Dormant", None, None]
    assert attrs["typology"].tolist() == ["vip", "chandlery", "marina", None, None]
    np.testing.assert_array_equal(attrs["potential"], [1200000.5, np.nan, 3500, np.nan, np.nan])
    assert attrs["ipo_size"].dtype == np.float64
    assert attrs["postcode"].tolist() == ["29200", "01000", "17000", None, None]  # codes
    assert attrs["note"].tolist() == [None, "à voir", None, None, None]
    assert ledger.n_clients == 5 and ledger.n_transactions == 4
    assert [r.source for r in ledger.reports] == [str(tmp_path / "t.csv"), str(tmp_path / "c.csv")]


def test_duplicate_register_ids(tmp_path: Path) -> None:
    register = "client;name\nC1;A\nC2;B\n C1 ;C\n"
    tx = "client;date;amount\nC1;01/01/2025;5\n"
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "t.csv", tx), write(tmp_path / "c.csv", register))
    (problem,) = info.value.problems
    assert problem.code == "duplicate-client"
    assert "'C1'" in problem.message and "rows 2 and 4" in problem.message
    assert problem.line == 4


def test_register_name_column(tmp_path: Path) -> None:
    tx = write(tmp_path / "t.csv", "client;date;amount\nC1;01/01/2025;5\n")
    no_name = write(tmp_path / "c.csv", "client;region\nC1;Corse\n")
    assert "name" not in load_ledger(tx, no_name).attributes  # the default is optional
    with pytest.raises(LedgerError) as info:
        load_ledger(tx, no_name, client_columns=ClientColumns(name="raison_sociale"))
    assert info.value.problems[0].code == "missing-column"
    other = write(tmp_path / "d.csv", "id;raison_sociale\nC1;Nautilus\n")
    ledger = load_ledger(tx, other, client_columns=ClientColumns(id="id", name="raison_sociale"))
    assert ledger.attributes["name"].tolist() == ["Nautilus"]


def test_missing_column_with_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "client;date;montant\nA;01/01/2025;1\n")
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    (problem,) = info.value.problems
    assert problem.code == "missing-column"
    assert problem.file == str(path) and problem.line == 1
    assert "no column 'amount'" in problem.message
    assert "columns found: 'client', 'date', 'montant'" in problem.message
    assert problem.hint is not None and "did you mean 'montant'?" in problem.hint
    assert problem.json_path == "$.data.transactions.columns.amount"


def test_missing_file() -> None:
    with pytest.raises(LedgerError) as info:
        load_ledger("/nonexistent/transactions.csv")
    (problem,) = info.value.problems
    assert problem.code == "io" and problem.file == "/nonexistent/transactions.csv"
    assert "No such file" in problem.message


def test_errors_from_both_files_are_reported_together(tmp_path: Path) -> None:
    tx = write(tmp_path / "t.csv", "client;date;montant\nA;01/01/2025;1\n")
    with pytest.raises(LedgerError) as info:
        load_ledger(tx, tmp_path / "missing.csv")
    assert [p.code for p in info.value.problems] == ["io", "missing-column"]


def test_empty_file_with_header(tmp_path: Path) -> None:
    tx = write(tmp_path / "t.csv", "client;date;amount;quantity\n", bom=True)
    register = write(tmp_path / "c.csv", "client;name\nC1;Prospect\n")
    ledger = load_ledger(tx, register, columns=COLUMNS)
    assert ledger.n_transactions == 0 and ledger.client_ids.tolist() == ["C1"]
    assert ledger.day.dtype == np.int64 and ledger.amount.dtype == np.float64
    assert ledger.last_date is None
    assert load_ledger(tx, columns=COLUMNS).n_clients == 0


def test_load_ledger_for_plan(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    write(tmp_path / "data" / "tx.csv", "id;date;amount\nC1;01/01/2025;5\n")
    write(tmp_path / "data" / "c.csv", "id;name\nC1;A\nC2;B\n")
    section = DataSection(
        transactions=TransactionSource(path="data/tx.csv", columns=TransactionColumns(client="id")),
        clients=ClientSource(path="data/c.csv", columns=ClientColumns(id="id")),
    )
    ledger = load_ledger_for_plan(section, tmp_path)
    assert ledger.client_ids.tolist() == ["C1", "C2"]
    other = write(tmp_path / "other.csv", "id;date;amount\nC9;01/01/2025;5\n")
    assert load_ledger_for_plan(section, tmp_path, transactions=other).n_clients == 3
    with pytest.raises(LedgerError) as info:
        load_ledger_for_plan(DataSection(), tmp_path)
    assert info.value.problems[0].code == "no-data"


def test_data_section_schema() -> None:
    schema = DataSection.model_json_schema()
    assert "description" in schema["properties"]["bad_rows"]
    with pytest.raises(ValueError, match="extra"):
        DataSection.model_validate({"transactions": {"pth": "x.csv"}})


# ------------------------------------------------------------------------ other inputs

REGISTER_FR = "client;name;typology;potential\nC2;Deux;marina;12 000,00\nC5;Cinq;vip;\n"
TX_FR = (
    "client;date;invoice;amount;quantity;product\n"
    "C1;15/01/2025;F1;1 234,50;2;GPS-9\n"
    "C2;16/01/2025;F2;99,90;1;GPS-7\n"
    "C1;17/02/2025;F1;-10,00;-1;GPS-9\n"
    "C3;18/03/2025;F3;5,00;1;;\n"
)


def frame_data() -> tuple[dict[str, Any], dict[str, Any]]:
    tx = {
        "client": ["C1", "C2", "C1", "C3"],
        "date": np.array(["2025-01-15", "2025-01-16", "2025-02-17", "2025-03-18"], "M8[D]"),
        "invoice": ["F1", "F2", "F1", "F3"],
        "amount": [1234.5, 99.9, -10.0, 5.0],
        "quantity": [2, 1, -1, 1],
        "product": ["GPS-9", "GPS-7", "GPS-9", None],
    }
    register = {
        "client": ["C2", "C5"],
        "name": ["Deux", "Cinq"],
        "typology": ["marina", "vip"],
        "potential": [12000.0, np.nan],
    }
    return tx, register


@pytest.fixture
def csv_ledger(tmp_path: Path) -> Ledger:
    tx = write(tmp_path / "t.csv", TX_FR.replace(";;\n", ";\n"))
    return load_ledger(tx, write(tmp_path / "c.csv", REGISTER_FR), columns=FULL)


def test_csv_reference(csv_ledger: Ledger) -> None:
    assert csv_ledger.client_ids.tolist() == ["C2", "C5", "C1", "C3"]
    assert csv_ledger.product_names is not None
    assert csv_ledger.product_names.tolist() == ["GPS-7", "GPS-9", None]


def test_mapping_input(csv_ledger: Ledger) -> None:
    tx, register = frame_data()
    assert_same(load_ledger(tx, register, columns=FULL), csv_ledger)
    text_dates = dict(tx, date=["15/01/2025", "16/01/2025", "17/02/2025", "2025-03-18"])
    assert_same(load_ledger(text_dates, register, columns=FULL), csv_ledger)
    report = load_ledger(tx, columns=FULL).reports[0]
    assert report.source == "<mapping>" and report.encoding is None


def test_mapping_bad_rows_use_positions() -> None:
    tx = {"client": ["A", None, "B"], "date": ["2025-01-01"] * 3, "amount": [1.0, 2.0, np.nan]}
    with pytest.raises(LedgerError) as info:
        load_ledger(tx)
    messages = [p.message for p in info.value.problems]
    assert messages[0].startswith("1 row with no client id in column 'client' (index 1)")
    assert "(index 2)" in messages[1]
    assert all(p.line is None for p in info.value.problems)


def test_pandas_input(csv_ledger: Ledger) -> None:
    pd = pytest.importorskip("pandas")
    tx, register = frame_data()
    frame = pd.DataFrame(tx)
    assert_same(load_ledger(frame, pd.DataFrame(register), columns=FULL), csv_ledger)
    frame["date"] = pd.to_datetime(frame["date"]).dt.tz_localize("Europe/Paris")
    frame["client"] = frame["client"].astype("category")
    assert_same(load_ledger(frame, pd.DataFrame(register), columns=FULL), csv_ledger)
    ints = pd.DataFrame({"client": [7, 3, 7], "date": ["01/01/2025"] * 3, "amount": [1, 2, 3]})
    ledger = load_ledger(ints)
    assert ledger.client_ids.dtype == np.int64 and ledger.client_ids.tolist() == [3, 7]


def test_polars_input(csv_ledger: Ledger) -> None:
    pl = pytest.importorskip("polars")
    tx, register = frame_data()
    frame = pl.DataFrame(tx)
    assert_same(load_ledger(frame, pl.DataFrame(register), columns=FULL), csv_ledger)
    assert_same(load_ledger(frame.lazy(), pl.DataFrame(register), columns=FULL), csv_ledger)


def test_arrow_input(csv_ledger: Ledger) -> None:
    pa = pytest.importorskip("pyarrow")
    tx, register = frame_data()
    table = pa.table(tx)
    assert_same(load_ledger(table, pa.table(register), columns=FULL), csv_ledger)
    dictionary = table.set_column(0, "client", table.column("client").dictionary_encode())
    assert_same(load_ledger(dictionary, pa.table(register), columns=FULL), csv_ledger)


def test_parquet_round_trip(tmp_path: Path, csv_ledger: Ledger) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    tx, register = frame_data()
    pq.write_table(pa.table(tx), tmp_path / "t.parquet")
    pq.write_table(pa.table(register), tmp_path / "c.pq")
    ledger = load_ledger(tmp_path / "t.parquet", tmp_path / "c.pq", columns=FULL)
    assert_same(ledger, csv_ledger)
    assert ledger.reports[0].source == str(tmp_path / "t.parquet")
    with pytest.raises(LedgerError) as info:
        load_ledger(tmp_path / "missing.parquet")
    assert info.value.problems[0].code == "io"


def test_parquet_without_pyarrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # import now fails
    with pytest.raises(LedgerError) as info:
        load_ledger(tmp_path / "t.parquet")
    (problem,) = info.value.problems
    assert problem.code == "missing-dependency"
    assert "install the arrow extra: pip install 'pacspec[arrow]'" in problem.message


def test_unsupported_input() -> None:
    with pytest.raises(LedgerError) as info:
        load_ledger(42)
    assert info.value.problems[0].code == "bad-input"


def test_small_int_ids_take_the_no_sort_path(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(1)
    ids = rng.integers(0, 500, size=2000)
    dates = np.full(2000, np.datetime64("2025-01-01"))
    amounts = rng.normal(100, 10, size=2000)
    big = load_ledger({"client": ids + 10**12, "date": dates, "amount": amounts})

    def no_sort(values: Any) -> Any:
        raise AssertionError("small non-negative int ids must not be sorted")

    monkeypatch.setattr(ledger_module, "_factorize_sorted", no_sort)
    small = load_ledger({"client": ids, "date": dates, "amount": amounts})
    np.testing.assert_array_equal(small.client, big.client)
    np.testing.assert_array_equal(small.client_ids + 10**12, big.client_ids)
    assert small.client_ids.dtype == np.int64
    np.testing.assert_array_equal(small.client_ids[small.client], ids)
    register = {"client": np.array([499, 3, 700])}
    with_register = load_ledger({"client": ids, "date": dates, "amount": amounts}, register)
    assert with_register.client_ids[:3].tolist() == [499, 3, 700]
    np.testing.assert_array_equal(with_register.client_ids[with_register.client], ids)


def test_int_register_matches_text_transaction_ids(tmp_path: Path) -> None:
    tx = write(tmp_path / "t.csv", "client;date;amount\n12;01/01/2025;1\n99;01/01/2025;1\n")
    ledger = load_ledger(tx, {"client": [12, 13], "region": ["Corse", "Bretagne"]})
    assert ledger.client_ids.tolist() == [12, 13, "99"]
    assert ledger.client.tolist() == [0, 2]


# -------------------------------------------------------------------- the example data


def test_bundled_example_data_loads_cleanly() -> None:
    data = ROOT / "plans" / "data"
    ledger = load_ledger(data / "transactions.csv", data / "clients.csv", columns=FULL)
    assert all(not r.counts and r.rows_kept == r.rows_read for r in ledger.reports)
    assert 8_000 <= ledger.n_transactions <= 15_000
    assert 350 <= ledger.n_clients <= 420
    assert ledger.client_ids.tolist()[0] == "C0001"
    assert ledger.attributes["name"][0] == "NAUTILUS"
    in_2025 = (ledger.day >= day("2025-01-01")) & (ledger.day <= day("2025-12-31"))
    nautilus = in_2025 & (ledger.client == 0)
    assert abs(ledger.amount[nautilus].sum() - 522_000) < 1_000
    assert ledger.first_date == dt.date(2024, 1, 1) or ledger.first_date is not None
    assert ledger.last_date is not None and ledger.last_date <= dt.date(2026, 10, 31)
    for key in ("potential", "ipo_size", "ipa_distance"):
        assert ledger.attributes[key].dtype == np.float64
    assert set(ledger.attributes["typology"].tolist()) == {
        "vip", "chandlery", "marina", "boat-dealer", "fishing", "online",
    }  # fmt: skip
    assert 0.03 < float((ledger.amount < 0).mean()) < 0.05


# ---------------------------------------------------------------------------- property


def french_amount(cents: int, separator: str, currency: bool) -> str:
    sign = "-" if cents < 0 else ""
    units, rest = divmod(abs(cents), 100)
    digits = str(units)
    groups: list[str] = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    text = f"{sign}{separator.join(groups)},{rest:02d}"
    return text + " €" if currency else text


rows_strategy = st.lists(
    st.tuples(
        st.sampled_from(["00001", "0001", "1", "C0042", "ÉTÉ-7", "a b"]),
        st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)),
        st.integers(-(10**11), 10**11),
    ),
    max_size=25,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=rows_strategy,
    separator=st.sampled_from(["", " ", "\u00a0", "\u202f", "."]),
    iso=st.booleans(),
    currency=st.booleans(),
    encoding=st.sampled_from(["utf-8-sig", "utf-8", "cp1252"]),
    crlf=st.booleans(),
)
def test_french_csv_round_trip(
    tmp_path: Path,
    rows: list[tuple[str, dt.date, int]],
    separator: str,
    iso: bool,
    currency: bool,
    encoding: str,
    crlf: bool,
) -> None:
    if encoding == "cp1252" and separator == "\u202f":
        separator = "\u00a0"  # no narrow no-break space in cp1252
    end = "\r\n" if crlf else "\n"
    lines = ["client;date;amount"]
    for client, when, cents in rows:
        date = when.isoformat() if iso else f"{when:%d/%m/%Y}"
        lines.append(f"{client};{date};{french_amount(cents, separator, currency)}")
    path = tmp_path / "round.csv"
    path.write_bytes(end.join([*lines, ""]).encode(encoding))
    ledger = load_ledger(path)
    assert ledger.reports[0].rows_kept == len(rows)
    assert ledger.client_ids[ledger.client].tolist() == [r[0] for r in rows]
    assert [day_to_date(d) for d in ledger.day.tolist()] == [r[1] for r in rows]
    assert np.round(ledger.amount * 100).astype(np.int64).tolist() == [r[2] for r in rows]
