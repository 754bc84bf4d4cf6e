"""The text CSV source: French exports, encodings, delimiters, quoting, row numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import FULL, day, write

from pacspec.calendar import from_day
from pacspec.diagnostics import LedgerError
from pacspec.ingest import load_ledger
from pacspec.ingest.sources.text_csv import read_csv
from pacspec.model.data import CsvOptions, TransactionColumns

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
    assert ledger.order is not None and len(set(ledger.order.tolist())) == 7
    report = ledger.reports[0]
    assert report.encoding == "utf-8-sig"
    assert (report.rows_read, report.rows_kept, report.counts) == (7, 7, {})
    assert ledger.last_date == dt.date(2025, 12, 31)
    assert ledger.first_date == dt.date(2024, 2, 29)


def test_quoted_fields_and_record_lines(tmp_path: Path) -> None:
    table = read_csv(write(tmp_path / "t.csv", FRENCH, bom=True), CsvOptions(), "transactions")
    products = table.column("product").tolist()
    assert products[2] == "SONAR; CHIRP" and products[5] == "CARTO\nPACK"
    assert table.rows.tolist() == [2, 3, 4, 5, 6, 7, 9]  # the record on lines 7-8 starts on 7
    assert (table.delimiter, table.encoding, table.header_line) == (";", "utf-8-sig", 1)


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


def test_too_many_fields(tmp_path: Path) -> None:
    text = "client;date;amount\nA;01/01/2025;12;50\n"
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "t.csv", text))
    assert info.value.problems[0].code == "bad-csv"
    assert info.value.problems[0].line == 2


def test_missing_file() -> None:
    with pytest.raises(LedgerError) as info:
        load_ledger("/nonexistent/transactions.csv")
    (problem,) = info.value.problems
    assert problem.code == "io" and problem.file == "/nonexistent/transactions.csv"
    assert "No such file" in problem.message


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "t.csv", ""))
    assert info.value.problems[0].code == "empty-file"


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
    assert [from_day(d) for d in ledger.day.tolist()] == [r[1] for r in rows]
    assert np.round(ledger.amount * 100).astype(np.int64).tolist() == [r[2] for r in rows]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    lines=st.lists(st.text(alphabet='ab";\r', max_size=8), max_size=12),
    few=st.integers(0, 3),
    window=st.sampled_from([4, 7, 1 << 26]),
)
def test_odd_quote_lines_matches_a_plain_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lines: list[str], few: int, window: int
) -> None:
    """Line by line while the quoted lines are few, then by windows of any size: the answer
    is the plain one (some line holds an odd number of quotes)."""
    from pacspec.ingest.sources import text_csv

    monkeypatch.setattr(text_csv, "_FEW_QUOTED_LINES", few)
    monkeypatch.setattr(text_csv, "_CHUNK", window)
    path = tmp_path / "q.csv"
    path.write_bytes("\n".join(lines).encode())
    expected = any(line.count('"') % 2 for line in "\n".join(lines).split("\n"))
    assert text_csv._odd_quote_lines(path) is expected
