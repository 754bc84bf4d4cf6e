"""The source registry, each in-memory source's details, and one conformance test run over
every registered source: the same content read through each gives the same ledger."""

from __future__ import annotations

import datetime as dt
import math
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import FULL, assert_same, write

from pacspec.calendar import to_day
from pacspec.diagnostics import LedgerError
from pacspec.ingest import Ledger, Source, load_ledger, register, registered
from pacspec.ingest.sources import _registry, pick
from pacspec.ingest.sources.mapping import read_mapping
from pacspec.ingest.table import Table
from pacspec.model.data import CsvOptions

# ------------------------------------------------------------------ conformance

NAN = math.nan
TX: dict[str, list[Any]] = {
    "client": ["C1", "C2", "C1", "C3", "C2"],
    "date": [
        dt.date(2025, 1, 15),
        dt.date(2025, 1, 16),
        dt.date(2025, 2, 17),
        dt.date(2024, 2, 29),
        dt.date(2025, 12, 31),
    ],
    "invoice": ["F1", "F2", "F1", "F3", "F4"],
    "amount": [1234.5, 99.9, -10.0, 5.0, 0.0],
    "quantity": [2, 1, -1, 1, 3],
    "product": ["GPS-9", "GPS-7", "GPS-9", "GPS-7", "SONAR"],
    "margin": [370.35, 29.97, -3.0, 1.5, 0.0],
}
WITH_MARGIN = FULL.model_copy(update={"margin": "margin"})
"""The conformance mapping: every optional column, the margin too."""
REGISTER: dict[str, list[Any]] = {
    "client": ["C2", "C5"],
    "name": ["Deux", "Cinq"],
    "typology": ["marina", "vip"],
    "potential": [12000.0, NAN],
}


def french(value: Any) -> str:
    """A value as a French spreadsheet export writes it."""
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:_.2f}".replace(".", ",").replace("_", " ")
    return str(value)


def as_csv(tmp_path: Path, stem: str, content: dict[str, list[Any]]) -> Any:
    rows = zip(*content.values(), strict=True)
    lines = [";".join(content), *(";".join(french(v) for v in row) for row in rows)]
    return write(tmp_path / f"{stem}.csv", "\n".join(lines) + "\n", encoding="cp1252")


def as_parquet(tmp_path: Path, stem: str, content: dict[str, list[Any]]) -> Any:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / f"{stem}.parquet"
    pq.write_table(pa.table(content), path)
    return path


def as_arrow(tmp_path: Path, stem: str, content: dict[str, list[Any]]) -> Any:
    return pytest.importorskip("pyarrow").table(content)


def as_pandas(tmp_path: Path, stem: str, content: dict[str, list[Any]]) -> Any:
    return pytest.importorskip("pandas").DataFrame(content)


def as_polars(tmp_path: Path, stem: str, content: dict[str, list[Any]]) -> Any:
    return pytest.importorskip("polars").DataFrame(content)


def as_mapping(tmp_path: Path, stem: str, content: dict[str, list[Any]]) -> Any:
    return dict(content)


def as_sql(tmp_path: Path, stem: str, content: dict[str, list[Any]]) -> Any:
    """A SQLite table with the content, read by a query over a DB-API connection."""
    import sqlite3

    from pacspec.ingest import SqlQuery

    con = sqlite3.connect(tmp_path / f"{stem}.db")
    names = list(content)
    con.execute(f"CREATE TABLE t ({', '.join(names)})")
    rows = [
        [v.isoformat() if isinstance(v, dt.date) else None if v != v else v for v in row]
        for row in zip(*content.values(), strict=True)
    ]
    con.executemany(f"INSERT INTO t VALUES ({', '.join('?' * len(names))})", rows)
    con.commit()
    return SqlQuery(f"SELECT {', '.join(names)} FROM t", con)


def as_workbook(tmp_path: Path, stem: str, content: dict[str, list[Any]]) -> Any:
    """An .xlsx workbook with typed cells (dates as dates, numbers as numbers), on a sheet
    that is not the first, named in the options."""
    pytest.importorskip("python_calamine")
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("Ventes")
    sheet.append(list(content))
    for row in zip(*content.values(), strict=True):
        sheet.append([None if isinstance(v, float) and math.isnan(v) else v for v in row])
    path = tmp_path / f"{stem}.xlsx"
    book.save(path)
    return path


def as_ods(tmp_path: Path, stem: str, content: dict[str, list[Any]]) -> Any:
    """An OpenDocument spreadsheet (.ods) with typed cells, the data on its second sheet."""
    pytest.importorskip("python_calamine")
    from ods_helpers import write_ods

    rows = [list(content), *(list(row) for row in zip(*content.values(), strict=True))]
    return write_ods(tmp_path / f"{stem}.ods", {"Notes": [["notes"]], "Ventes": rows})


EXAMPLES: dict[str, Callable[[Path, str, dict[str, list[Any]]], Any]] = {
    "text-csv": as_csv,
    "parquet": as_parquet,
    "arrow-table": as_arrow,
    "pandas": as_pandas,
    "polars": as_polars,
    "mapping": as_mapping,
    "workbook": as_workbook,
    "sql": as_sql,
}
"""How to write the conformance content as the input of each source: a new source adds
its entry here."""


def expected_ledger() -> Ledger:
    client_ids = np.empty(4, dtype=object)
    client_ids[:] = ["C2", "C5", "C1", "C3"]  # the register's order, then the others sorted
    return Ledger(
        client_ids=client_ids,
        client=np.array([2, 0, 2, 3, 0], dtype=np.int64),
        day=np.array([to_day(d) for d in TX["date"]], dtype=np.int64),
        amount=np.array(TX["amount"], dtype=np.float64),
        order=np.array([0, 1, 0, 2, 3], dtype=np.int64),
        quantity=np.array(TX["quantity"], dtype=np.float64),
        product_codes=np.array([1, 0, 1, 0, 2], dtype=np.int8),
        products=np.array(["GPS-7", "GPS-9", "SONAR"], dtype=object),
        margin=np.array(TX["margin"], dtype=np.float64),
        attributes={
            "typology": np.array(["marina", "vip", None, None], dtype=object),
            "potential": np.array([12000.0, NAN, NAN, NAN]),
            "name": np.array(["Deux", "Cinq", None, None], dtype=object),
        },
    )


@pytest.mark.parametrize("source", registered(), ids=lambda s: s.name)
def test_every_source_reads_the_same_ledger(tmp_path: Path, source: Source) -> None:
    make = EXAMPLES.get(source.name)
    assert make is not None, f"add an example input of the source {source.name!r} to EXAMPLES"
    transactions, clients = make(tmp_path, "t", TX), make(tmp_path, "c", REGISTER)
    assert pick(transactions) is source and pick(clients) is source
    options = CsvOptions(sheet="Ventes") if source.name == "workbook" else None
    ledger = load_ledger(transactions, clients, columns=WITH_MARGIN, csv=options,
                         clients_csv=options)
    assert_same(ledger, expected_ledger())
    tx_report, register_report = ledger.reports
    assert (tx_report.rows_read, tx_report.rows_kept, tx_report.counts) == (5, 5, {})
    assert (register_report.rows_read, register_report.rows_kept) == (2, 2)


def test_an_ods_workbook_reads_the_same_ledger(tmp_path: Path) -> None:
    options = CsvOptions(sheet="Ventes")
    ledger = load_ledger(as_ods(tmp_path, "t", TX), as_ods(tmp_path, "c", REGISTER),
                         columns=WITH_MARGIN, csv=options, clients_csv=options)
    assert_same(ledger, expected_ledger())
    assert ledger.reports[0].source.endswith("t.ods[Ventes]")


def test_the_registry() -> None:
    names = [s.name for s in registered()]
    assert sorted(names) == sorted(EXAMPLES)
    assert names.index("parquet") < names.index("text-csv")  # .parquet before any path
    with pytest.raises(ValueError, match="already registered"):
        register(registered()[0])


def test_a_new_source_is_one_registration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_registry, "_SOURCES", dict(_registry._SOURCES))

    class Rows(list[tuple[str, str, float]]):
        """A list of (client, date, amount) records."""

    def read(obj: Any, options: CsvOptions, what: str) -> Table:
        client, date, amount = zip(*obj, strict=True)
        return read_mapping({"client": client, "date": date, "amount": amount}, what)

    register(Source("rows", "a list of rows", lambda obj: isinstance(obj, Rows), read, 40))
    ledger = load_ledger(Rows([("A", "2025-01-01", 1.0), ("B", "02/01/2025", 2.0)]))
    assert ledger.client_ids.tolist() == ["A", "B"] and ledger.amount.tolist() == [1.0, 2.0]
    with pytest.raises(LedgerError) as info:
        load_ledger(42)
    assert "a list of rows" in info.value.problems[0].message


def test_unsupported_input() -> None:
    with pytest.raises(LedgerError) as info:
        load_ledger(42)
    (problem,) = info.value.problems
    assert problem.code == "bad-input"
    assert problem.message == (
        "cannot read the transactions from a builtins.int: expected a file path, a SqlQuery, a pyarrow "
        "Table, a pandas DataFrame, a polars DataFrame or a mapping of columns"
    )


# -------------------------------------------------------------- each source's details

REGISTER_FR = "client;name;typology;potential\nC2;Deux;marina;12 000,00\nC5;Cinq;vip;\n"
TX_FR = (
    "client;date;invoice;amount;quantity;product\n"
    "C1;15/01/2025;F1;1 234,50;2;GPS-9\n"
    "C2;16/01/2025;F2;99,90;1;GPS-7\n"
    "C1;17/02/2025;F1;-10,00;-1;GPS-9\n"
    "C3;18/03/2025;F3;5,00;1;\n"
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
    tx = write(tmp_path / "t.csv", TX_FR)
    return load_ledger(tx, write(tmp_path / "c.csv", REGISTER_FR), columns=FULL)


def test_csv_reference(csv_ledger: Ledger) -> None:
    assert csv_ledger.client_ids.tolist() == ["C2", "C5", "C1", "C3"]


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


def test_mapping_shape_problems() -> None:
    with pytest.raises(LedgerError) as info:
        load_ledger({"client": [["A"]], "date": ["2025-01-01"], "amount": [1.0]})
    assert "column 'client' of the transactions is not one-dimensional" in str(
        info.value.problems[0].message
    )
    with pytest.raises(LedgerError) as info:
        load_ledger({"client": ["A", "B"], "date": ["2025-01-01"], "amount": [1.0]})
    assert info.value.problems[0].message == (
        "the transactions columns have different lengths (client: 2, date: 1, amount: 1)"
    )


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
    batch = table.to_batches()[0]
    assert_same(load_ledger(batch, pa.table(register), columns=FULL), csv_ledger)
    assert load_ledger(batch, columns=FULL).reports[0].source == "<pyarrow.RecordBatch>"


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


def test_parquet_client_ids_past_a_full_dictionary_page_are_read_plain(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A client column whose writer fell back to plain values (its dictionary page full)
    is read as plain strings, one with few ids as dictionary indices: the footer's sizes
    tell them apart, and the ledger is the one the same table gives from memory."""
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from pacspec.ingest.sources import parquet_file

    rng = np.random.default_rng(7)
    n = 300_000
    asked: list[object] = []  # each reader's read_dictionary
    original = pq.ParquetFile

    def spy(*args: Any, **kwargs: Any) -> Any:
        asked.append(kwargs.get("read_dictionary"))
        return original(*args, **kwargs)

    for distinct, stored in ((120_000, False), (300, True)):
        ids = [f"C{v:07d}" for v in rng.integers(0, distinct, n)]
        table = pa.table({"client": ids, "date": pa.array(
            rng.integers(to_day(dt.date(2024, 1, 1)), to_day(dt.date(2025, 12, 31)), n),
            pa.int32()).cast(pa.date32()), "amount": rng.integers(-5, 500, n) / 4})
        path = tmp_path / f"t{distinct}.parquet"
        pq.write_table(table, path, row_group_size=100_000)
        assert parquet_file._indices_stored(pq.ParquetFile(path).metadata, "client") is stored
        asked.clear()
        monkeypatch.setattr(pq, "ParquetFile", spy)
        ledger = load_ledger(path)
        monkeypatch.setattr(pq, "ParquetFile", original)
        assert (["client"] in asked) is stored
        assert_same(ledger, load_ledger(table))
        assert len(ledger.client_ids) == len(set(ids))


def test_parquet_without_pyarrow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)  # import now fails
    with pytest.raises(LedgerError) as info:
        load_ledger(tmp_path / "t.parquet")
    (problem,) = info.value.problems
    assert problem.code == "missing-dependency"
    assert problem.message == "pyarrow is not installed"
    assert problem.hint == "install the arrow extra: pip install 'pacspec[arrow]'"


# --------------------------------------------------------- property: every source agrees


def as_iso_csv(tmp_path: Path, stem: str, content: dict[str, list[Any]]) -> Any:
    """The same content as an ISO export: ``,``, decimal point, ``yyyy-mm-dd``, UTF-8."""

    def iso(value: Any) -> str:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, float):
            return "" if math.isnan(value) else f"{value:.2f}"
        return f'"{value}"' if "," in str(value) else str(value)

    rows = zip(*content.values(), strict=True)
    lines = [",".join(content), *(",".join(iso(v) for v in row) for row in rows)]
    return write(tmp_path / f"{stem}-iso.csv", "\n".join(lines) + "\n")


_client = st.text(alphabet="ABCÉé0123456789-_ ", min_size=1, max_size=6).filter(
    lambda s: s.strip() == s and s.strip() != ""
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(
        st.tuples(
            _client,
            st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)),
            st.integers(0, 9),
            st.integers(-(10**8), 10**8),
            st.integers(-5, 50),
            st.sampled_from(["GPS-7", "GPS-9", "SONAR", "12", " CARTO", ""]),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_every_source_gives_the_same_ledger_for_any_content(
    tmp_path: Path, lines: list[tuple[str, dt.date, int, int, int, str]]
) -> None:
    content: dict[str, list[Any]] = {
        "client": [c for c, *_ in lines],
        "date": [d for _, d, *_ in lines],
        "invoice": [f"F{o}" for _, _, o, *_ in lines],
        "amount": [cents / 100 for *_, cents, _, _ in lines],
        "quantity": [q for *_, q, _ in lines],
        "product": [p for *_, p in lines],  # blank: no product; spaces around are trimmed
    }
    base = Path(tempfile.mkdtemp(dir=tmp_path))  # one folder per example
    reference = load_ledger(as_mapping(base, "t", content), columns=FULL)
    makers = {**EXAMPLES, "iso-csv": as_iso_csv, "ods": as_ods}
    for name, make in makers.items():
        source = make(base, f"t-{name}", content)
        options = CsvOptions(sheet="Ventes") if name in ("workbook", "ods") else None
        ledger = load_ledger(source, columns=FULL, csv=options)
        assert_same(ledger, reference)
    decoded = reference.product
    assert decoded is not None
    assert decoded.tolist() == [p.strip() or None for p in content["product"]]
