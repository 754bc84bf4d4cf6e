"""The workbook source (.xlsx through python-calamine): typed cells, French text cells,
numeric ids as their integer text, sheets by name or index, row numbers, the install hint."""

from __future__ import annotations

import builtins
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import day

from pacspec.diagnostics import LedgerError
from pacspec.ingest import load_ledger
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
        if name == "python_calamine":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_calamine)
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    (problem,) = info.value.problems
    assert problem.code == "missing-dependency"
    assert problem.hint == "pip install 'pacspec[xlsx]'"
