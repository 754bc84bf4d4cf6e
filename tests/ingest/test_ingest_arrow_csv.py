"""The pyarrow CSV path: same ledgers as the stdlib reader, headers first, nothing lost
(unbalanced quotes, mixed encodings, ambiguous numbers, look-alike ids, nested columns)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import FULL, assert_same, day, write

from pacspec.diagnostics import LedgerError
from pacspec.ingest import load_ledger
from pacspec.ingest.sources import _stdlib_csv
from pacspec.ingest.sources.text_csv import read_csv
from pacspec.model.data import ClientColumns, CsvOptions, TransactionColumns

HEADER = "client;date;invoice;amount;quantity;product\n"


def stdlib_ledger(path: Path, **kw: object) -> object:
    """The ledger the stdlib reader alone gives for the file."""
    from pacspec.ingest.sources import text_csv

    original = text_csv._read_arrow

    def refuse(*args: object) -> object:
        raise text_csv._Fallback

    text_csv._read_arrow = refuse  # type: ignore[assignment]
    try:
        return load_ledger(path, **kw)  # type: ignore[arg-type]
    finally:
        text_csv._read_arrow = original


def test_the_fast_path_reads_only_the_mapped_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", HEADER + "C1;15/01/2025;F1;1 234,50;2;GPS\n")
    table = read_csv(path, CsvOptions(), "transactions")
    assert table.arrow is None and table.want is not None  # the header only, so far
    loaded = table.want(["client", "amount"])
    assert loaded.arrow is not None
    assert loaded.arrow("amount").to_pylist() == ["1 234,50"]


# ------------------------------------------------------------------ same ledgers

_ids = st.sampled_from(["C1", " C2", "C3 ", "00042", "Café", "Île-de-Ré", "Ærø"])
_dates = st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
_cents = st.integers(-10_000_000, 10_000_000)


def _french_amount(cents: int, style: int) -> str:
    units, frac = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    body = f"{units:,}".replace(",", [" ", "\u00a0", ".", ""][style])
    text = f"{sign}{body},{frac:02d}"
    if style == 1 and cents < 0:
        text = f"({body},{frac:02d})"
    return text + (" €" if style == 2 else "")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(_ids, _dates, st.integers(0, 30), _cents, st.integers(0, 3)),
        min_size=1,
        max_size=30,
    ),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
    bom=st.booleans(),
    crlf=st.booleans(),
    iso=st.booleans(),
)
def test_pyarrow_and_stdlib_readers_give_the_same_ledger(
    tmp_path: Path,
    rows: list[tuple[str, dt.date, int, int, int]],
    encoding: str,
    bom: bool,
    crlf: bool,
    iso: bool,
) -> None:
    lines = [HEADER.rstrip("\n")]
    for client, date, order, cents, style in rows:
        when = date.isoformat() if iso else f"{date:%d/%m/%Y}"
        lines.append(
            f"{client};{when};F{order};{_french_amount(cents, style)};{style};P{order % 3}"
        )
    end = "\r\n" if crlf else "\n"
    path = write(
        tmp_path / "t.csv",
        end.join(lines) + end,
        encoding=encoding,
        bom=bom and encoding == "utf-8",
    )
    fast = load_ledger(path, columns=FULL)
    slow = stdlib_ledger(path, columns=FULL)
    assert_same(fast, slow)  # type: ignore[arg-type]
    assert fast.amount.tolist() == [c / 100 for *_, c, _ in rows]
    assert fast.client_ids[fast.client].tolist() == [r[0].strip() for r in rows]


def test_row_numbers_skip_blank_lines(tmp_path: Path) -> None:
    text = HEADER + "C1;15/01/2025;F1;1,00;1;X\n\n\nC2;32/01/2025;F2;1,00;1;X\r\n"
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "t.csv", text), columns=FULL)
    (problem,) = info.value.problems
    assert problem.line == 5 and "(row 5)" in problem.message


# ------------------------------------------------------------------ headers first


def test_every_missing_column_of_both_files_at_once_before_any_row(tmp_path: Path) -> None:
    # the body is undecodable and malformed: it must not be read at all
    tx = write(tmp_path / "t.csv", "Client;Date;Montant\nA;01/01/2025\n")
    (tmp_path / "t.csv").write_bytes((tmp_path / "t.csv").read_bytes() + b"\x81\x8d;;;;\n")
    clients = write(tmp_path / "c.csv", "code;nom\nA;Alpha\n")
    with pytest.raises(LedgerError) as info:
        load_ledger(tx, clients, columns=TransactionColumns(order="facture"))
    problems = info.value.problems
    assert [(p.code, p.path) for p in problems] == [
        ("missing-column", ("data", "clients", "columns", "id")),
        ("missing-column", ("data", "transactions", "columns", "client")),
        ("missing-column", ("data", "transactions", "columns", "date")),
        ("missing-column", ("data", "transactions", "columns", "amount")),
        ("missing-column", ("data", "transactions", "columns", "order")),
    ]
    assert "did you mean 'Client'?" in (problems[1].hint or "")
    assert all(p.line == 1 for p in problems)


def test_a_missing_file_and_a_wrong_mapping_together(tmp_path: Path) -> None:
    tx = write(tmp_path / "t.csv", "client;date;montant\nA;01/01/2025;1\n")
    with pytest.raises(LedgerError) as info:
        load_ledger(tx, tmp_path / "absent.csv", client_columns=ClientColumns())
    assert [p.code for p in info.value.problems] == ["io", "missing-column"]


# ------------------------------------------------------------------ nothing lost


def test_unbalanced_quote_is_a_bad_row_at_its_line(tmp_path: Path) -> None:
    text = (
        "client;date;amount;label\n"
        "A;13/01/2025;10,00;ok\n"
        'B;02/01/2025;20,00;"Le best\n'  # line 3: the quote never closes
        "C;03/01/2025;30,00;fine\n"
        'D;04/01/2025;40,00;"two\nlines"\n'  # lines 5-6: a real multi-line field
        'E;05/01/2025;50,00;Le "best"\n'  # line 7: a quote inside a field is text
    )
    path = write(tmp_path / "t.csv", text)
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    (problem,) = info.value.problems
    assert problem.line == 3 and "1 row with a quote that does not close" in problem.message
    ledger = load_ledger(path, bad_rows="skip")
    assert ledger.client_ids.tolist() == ["A", "C", "D", "E"]
    report = ledger.reports[0]
    assert (report.rows_read, report.rows_kept, report.counts) == (5, 4, {"bad-quote": 1})
    assert [b.row for b in report.bad_rows] == [3]


def test_a_quote_opening_mid_file_loses_nothing(tmp_path: Path) -> None:
    body = [f"C{i};01/01/2025;{i},00" for i in range(200)]
    body[10] = 'C10;01/01/2025;"10,00'
    path = write(tmp_path / "t.csv", "client;date;amount\n" + "\n".join(body) + "\n")
    ledger = load_ledger(path, bad_rows="skip")
    assert ledger.n_transactions == 199
    assert ledger.reports[0].bad_rows[0].row == 12


def test_one_cp1252_line_in_a_utf8_file_is_named(tmp_path: Path) -> None:
    good = "client;date;amount\nSÈTE;01/01/2025;1,00\nCAFÉ;02/01/2025;2,00\n".encode()
    path = tmp_path / "t.csv"
    path.write_bytes(good + "SÈTE;03/01/2025;3,00\n".encode("cp1252"))
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    (problem,) = info.value.problems
    assert problem.code == "encoding" and problem.line == 4
    assert "1 row is in cp1252 while the rest of the file is UTF-8 (rows 4)" in problem.message
    with pytest.raises(LedgerError) as info:
        load_ledger(path, csv=CsvOptions(encoding="utf-8"))
    assert [(p.code, p.line) for p in info.value.problems] == [("encoding", 4)]


def test_cp1252_file_with_no_break_space_thousands(tmp_path: Path) -> None:
    text = "Code client;Date;Montant HT\nC1;01/01/2025;1\u00a0234,50\nC2;02/01/2025;12,00\n"
    path = write(tmp_path / "t.csv", text, encoding="cp1252")
    cols = TransactionColumns(client="Code client", date="Date", amount="Montant HT")
    ledger = load_ledger(path, columns=cols)
    assert ledger.amount.tolist() == [1234.5, 12.0]
    assert ledger.reports[0].encoding == "cp1252"


def test_ambiguous_numbers_are_a_warning_naming_the_reading(tmp_path: Path) -> None:
    text = "client;date;amount\nA;01/01/2025;12.345\nB;01/01/2025;7\nC;01/01/2025;1.500\n"
    ledger = load_ledger(write(tmp_path / "t.csv", text))
    assert ledger.amount.tolist() == [12345.0, 7.0, 1500.0]
    (note,) = [p for r in ledger.reports for p in r.problems()]
    assert note.severity == "warning" and note.code == "ambiguous-number"
    assert "2 values such as '12.345' in column 'amount' read as 12345" in note.message
    decided = "client;date;amount\nA;01/01/2025;12.345\nB;01/01/2025;1.234,50\n"
    ledger = load_ledger(write(tmp_path / "t.csv", decided))
    assert ledger.amount.tolist() == [12345.0, 1234.5]
    assert not [p for r in ledger.reports for p in r.problems()]


def test_look_alike_ids_are_a_warning(tmp_path: Path) -> None:
    text = "client;date;amount\nC1;01/01/2025;1\nC\u200b1;01/01/2025;2\nC2;01/01/2025;3\n"
    ledger = load_ledger(write(tmp_path / "t.csv", text))
    assert ledger.n_clients == 3  # kept as written
    (note,) = [p for r in ledger.reports for p in r.problems()]
    assert note.code == "look-alike-id" and "'C1' and 'C\\u200b1'" in note.message


def test_a_workbook_named_csv_is_not_an_encoding_problem(tmp_path: Path) -> None:
    path = tmp_path / "ventes.csv"
    path.write_bytes(b"PK\x03\x04" + bytes(200))
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    (problem,) = info.value.problems
    assert problem.code == "bad-input" and "spreadsheet workbook" in problem.message
    assert "pacspec[xlsx]" in (problem.hint or "")


def test_a_list_typed_column_is_a_type_error() -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"client": [["A"], ["B"]], "date": ["2025-01-01"] * 2, "amount": [1.0, 2.0]})
    with pytest.raises(LedgerError) as info:
        load_ledger(table)
    (problem,) = info.value.problems
    assert problem.code == "bad-type" and "column 'client'" in problem.message


def test_large_french_file_matches_the_stdlib_reader(tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    n = 30_000
    cents = rng.integers(-500_000, 5_000_000, n)
    days = rng.integers(0, 700, n)
    base = dt.date(2024, 1, 1)
    lines = [HEADER.rstrip("\n")]
    for i in range(n):
        d = base + dt.timedelta(days=int(days[i]))
        lines.append(
            f"C{i % 997:05d};{d:%d/%m/%Y};F{i // 3};{_french_amount(int(cents[i]), i % 3)};1;P"
        )
    path = write(tmp_path / "t.csv", "\n".join(lines) + "\n", encoding="cp1252")
    fast = load_ledger(path, columns=FULL)
    assert_same(fast, stdlib_ledger(path, columns=FULL))  # type: ignore[arg-type]
    assert fast.day[0] == day((base + dt.timedelta(days=int(days[0]))).isoformat())


def test_stdlib_reader_is_only_a_fallback() -> None:
    assert _stdlib_csv.read_csv_stdlib.__module__.endswith("_stdlib_csv")


def test_a_file_too_large_for_the_memory_left_is_a_clear_message(tmp_path: Path) -> None:
    """A file whose reading would not fit in the memory left (set lower than the estimate,
    in a child process) is refused before reading, with the way out, never MemoryError;
    the next test checks that an address-space limit (resource.setrlimit) bounds it."""
    import subprocess
    import sys
    import textwrap

    path = write(tmp_path / "t.csv", HEADER + "C1;15/01/2025;F1;1,00;1;X\n" * 200_000)
    script = textwrap.dedent(
        f"""
        from pacspec.diagnostics import LedgerError
        from pacspec.ingest import load_ledger
        from pacspec.ingest.sources import text_csv
        soft = int(text_csv.estimated_bytes({path.stat().st_size}, 6, 6) * 0.5)
        text_csv.available_memory = lambda: soft
        try:
            load_ledger({str(path)!r})
        except LedgerError as exc:
            (p,) = exc.problems
            print(p.code, "|", p.message, "|", p.hint)
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert "MemoryError" not in out.stderr, out.stderr
    code, message, hint = out.stdout.strip().split(" | ")
    assert code == "memory" and "too large to read in memory" in message
    assert "--engine duckdb" in hint


def test_memory_left_is_bounded_by_an_address_space_limit() -> None:
    import resource
    import subprocess
    import sys

    script = (
        "import resource; from pacspec.ingest.sources.text_csv import available_memory; "
        "resource.setrlimit(resource.RLIMIT_AS, (3 << 30, resource.getrlimit(resource.RLIMIT_AS)[1])); "
        "print(available_memory())"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert int(out.stdout) <= 3 << 30, out.stderr
    del resource
