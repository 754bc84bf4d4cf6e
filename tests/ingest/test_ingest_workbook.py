"""The workbook source (.xlsx through fastexcel or python-calamine): typed cells, French
text cells, numeric ids as their integer text, sheets by name or index, row numbers, the
install hint; fastexcel and python-calamine give the same ledger and the same bad rows."""

from __future__ import annotations

import builtins
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import assert_same, day

from pacspec.diagnostics import LedgerError
from pacspec.ingest import load_ledger
from pacspec.ingest.sources import workbook as workbook_source
from pacspec.model.data import CsvOptions, TransactionColumns

pytest.importorskip("python_calamine")
openpyxl = pytest.importorskip("openpyxl")

COLUMNS = TransactionColumns(client="Code client", date="Date", amount="Montant HT")


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_typed_and_text_cells(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "ventes.xlsx",
        {
            "Ventes": [
                ["Code client", "Date", "Montant HT"],
                [1234, dt.date(2025, 1, 2), 12.5],  # a numeric id, an Excel date, a number
                ["C2", "03/01/2025", "1 234,50"],  # text cells, French
                [" C3 ", dt.datetime(2025, 1, 4, 10, 30), -3],
                [None, None, None],  # a blank row
                [1234.0, "2025-01-05", "(10,00)"],
            ]
        },
    )
    ledger = load_ledger(path, columns=COLUMNS)
    assert ledger.client_ids.tolist() == ["1234", "C2", "C3"]
    assert ledger.client_ids[ledger.client].tolist() == ["1234", "C2", "C3", "1234"]
    assert ledger.amount.tolist() == [12.5, 1234.5, -3.0, -10.0]
    assert ledger.day.tolist() == [
        day("2025-01-02"), day("2025-01-03"), day("2025-01-04"), day("2025-01-05"),
    ]  # fmt: skip
    assert ledger.reports[0].source.endswith("ventes.xlsx[Ventes]")


def test_sheet_by_name_or_index_and_a_wrong_name(tmp_path: Path) -> None:
    rows = [["Code client", "Date", "Montant HT"], ["A", dt.date(2025, 1, 2), 1.0]]
    path = workbook(tmp_path / "v.xlsx", {"Lisez-moi": [["rien"]], "Ventes 2025": rows})
    by_name = load_ledger(path, columns=COLUMNS, csv=CsvOptions(sheet="Ventes 2025"))
    by_index = load_ledger(path, columns=COLUMNS, csv=CsvOptions(sheet=1))
    assert by_name.client_ids.tolist() == by_index.client_ids.tolist() == ["A"]
    with pytest.raises(LedgerError) as info:
        load_ledger(path, columns=COLUMNS, csv=CsvOptions(sheet="Ventes2025"))
    (problem,) = info.value.problems
    assert "no sheet 'Ventes2025'" in problem.message
    assert problem.hint == "did you mean 'Ventes 2025'?"


def test_bad_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "v.xlsx",
        {
            "S": [
                [],
                ["Code client", "Date", "Montant HT"],  # row 2: the header
                ["A", dt.date(2025, 1, 2), 1.0],
                ["B", "pas une date", 2.0],  # row 4
            ]
        },
    )
    with pytest.raises(LedgerError) as info:
        load_ledger(path, columns=COLUMNS)
    (problem,) = info.value.problems
    assert "(row 4)" in problem.message and problem.line == 4


def test_headers_first_in_a_workbook(tmp_path: Path) -> None:
    path = workbook(tmp_path / "v.xlsx", {"S": [["client", "jour", "montant"], ["A", 1, 2]]})
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    assert [p.path[-1] for p in info.value.problems if p.path] == ["date", "amount"]


def test_missing_reader_is_a_one_line_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = workbook(tmp_path / "v.xlsx", {"S": [["client"]]})
    real_import = builtins.__import__

    def no_calamine(name: str, *args: Any, **kwargs: Any) -> Any:
        if name in ("python_calamine", "fastexcel"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_calamine)
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    (problem,) = info.value.problems
    assert problem.code == "missing-dependency"
    assert problem.message == "python-calamine is not installed"
    assert problem.hint == "install the xlsx extra: pip install 'pacspec[xlsx]'"


def _read_both(path: Path, monkeypatch: pytest.MonkeyPatch, **kw: Any) -> tuple[Any, Any, bool]:
    """The ledger (or the LedgerError's problems) through each reader, and whether
    fastexcel read it (python-calamine when a column mixes cell types)."""
    def outcome() -> Any:
        try:
            return load_ledger(path, columns=COLUMNS_FULL, bad_rows="skip", **kw)
        except LedgerError as exc:
            return [(p.code, p.message, p.line) for p in exc.problems]

    used: list[bool] = []
    fast = workbook_source.read_workbook_fast

    def spy(*args: Any) -> Any:
        table = fast(*args)
        used.append(table is not None)
        return table

    with monkeypatch.context() as m:
        m.setattr(workbook_source, "read_workbook_fast", spy)
        through_fast = outcome()
    with monkeypatch.context() as m:
        m.setattr(workbook_source, "read_workbook_fast", lambda *args: None)
        through_calamine = outcome()
    return through_fast, through_calamine, any(used)


COLUMNS_FULL = TransactionColumns(client="Code client", date="Date", amount="Montant HT",
                                  order="Facture")

_ids = st.one_of(st.sampled_from(["C1", " C2 ", "C3", "", "0042"]), st.integers(1, 3),
                 st.sampled_from([1.0, 2.0, 2.5]))
_dates = st.one_of(st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31)),
                   st.sampled_from(["03/02/2025", "2025-02-04", "pas une date"]),
                   st.just(dt.datetime(2025, 3, 1, 10, 30)))
_amounts = st.one_of(st.integers(-500, 5000).map(lambda c: c / 4),
                     st.sampled_from(["1 234,50", "12,5", "(10,00)", "abc"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.one_of(
            st.tuples(_ids, _dates, _amounts, _ids).map(list),
            st.just([None, None, None, None]),  # a blank row
        ),
        min_size=1,
        max_size=12,
    ),
    uniform=st.booleans(),
    leading=st.integers(0, 2),
)
def test_fastexcel_and_calamine_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[list[Any]], uniform: bool,
    leading: int,
) -> None:
    """Same ledger, same bad rows at the same spreadsheet rows, whichever reader; fastexcel
    reads every sheet whose columns each hold one type of cell."""
    pytest.importorskip("fastexcel")
    if uniform:  # one type per column: what an ERP export gives
        rows = [r if r[0] is None else [f"C{i % 3}", dt.date(2025, 1, 1 + i), i / 4, f"F{i % 2}"]
                for i, r in enumerate(rows)]
    header = [["Code client", "Date", "Montant HT", "Facture"]]
    path = workbook(tmp_path / f"w-{uniform}-{leading}-{len(rows)}.xlsx",
                    {"Ventes": [*[[] for _ in range(leading)], *header, *rows]})
    through_fast, through_calamine, used_fast = _read_both(path, monkeypatch)
    if isinstance(through_calamine, list):
        assert through_fast == through_calamine
    else:
        assert not isinstance(through_fast, list)
        assert_same(through_fast, through_calamine)
        assert through_fast.reports[0].bad_rows == through_calamine.reports[0].bad_rows
        assert through_fast.reports[0].counts == through_calamine.reports[0].counts
    if uniform:
        assert used_fast


def test_a_mixed_column_is_read_by_calamine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fastexcel")
    path = workbook(tmp_path / "m.xlsx", {"S": [["Code client", "Date", "Montant HT", "Facture"],
                                                [1234, dt.date(2025, 1, 2), 12.5, "F1"],
                                                ["C2", "03/01/2025", "1 234,50", 7]]})
    through_fast, through_calamine, used_fast = _read_both(path, monkeypatch)
    assert not used_fast
    assert_same(through_fast, through_calamine)
    assert through_fast.amount.tolist() == [12.5, 1234.5]
