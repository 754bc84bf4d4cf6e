"""Spreadsheet outputs cannot run what a plan or the data holds: a text that starts like a
formula (``=``, ``+``, ``-``, ``@``, tab, CR) is a string cell in the XLSX report and gets a
leading ``'`` in CSV files (OWASP, CSV injection)."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import EXAMPLE_PLAN

from pacspec import load_plan_text
from pacspec.report import write_report
from pacspec.report.tables import FORMULA_STARTS, safe_text, write_csv
from pacspec.session import Session

HOSTILE = ['=HYPERLINK("http://evil.example","clic")', "+1+cmd|' /C calc'!A0", "-2+3",
           "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.fixture(scope="module")
def session() -> Session:
    text = EXAMPLE_PLAN.read_text(encoding="utf-8")
    assert text.count("  company: CONNECT+\n") == 1
    text = text.replace("  company: CONNECT+\n", f"  company: {json.dumps(HOSTILE[0])}\n")
    loaded = load_plan_text(text, str(EXAMPLE_PLAN), EXAMPLE_PLAN.parent)
    assert loaded.plan.header.company == HOSTILE[0]
    register = pd.read_csv(EXAMPLE_PLAN.parent / "data" / "clients.csv", sep=";", dtype=str,
                           encoding="utf-8-sig")
    register.loc[: len(HOSTILE) - 1, "name"] = HOSTILE
    return Session.open(loaded, clients=register)


def test_safe_text() -> None:
    for start in FORMULA_STARTS:
        assert safe_text(f"{start}x") == f"'{start}x"
    assert safe_text("NAUTILUS") == "NAUTILUS"
    assert safe_text("") == ""


def test_xlsx_text_cells_are_strings(session: Session, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    ev = session.evaluate(dt.date(2025, 12, 31))
    book = openpyxl.load_workbook(write_report(ev, tmp_path / "r.xlsx",
                                               actions=session.actions()))
    found: set[str] = set()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if not isinstance(cell.value, str):
                    continue
                # XML reads a carriage return back as a line feed
                value = "\r" + cell.value[1:] if cell.value.startswith("\n") else cell.value
                if value in HOSTILE:
                    assert cell.data_type == "s"
                    found.add(value)
    # the company on the Plan sheet, every hostile name on the Clients sheet
    assert found == set(HOSTILE)


def test_csv_text_fields_are_quoted(session: Session, tmp_path: Path) -> None:
    ev = session.evaluate(dt.date(2025, 12, 31))
    out = tmp_path / "clients.csv"
    write_csv(ev, out, labels=True)
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    names = [r["name"] for r in rows[: len(HOSTILE)]]
    assert names == ["'" + h for h in HOSTILE]
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            if value.startswith("-"):  # a negative number, never text
                float(value.replace(",", ".").replace("\u202f", ""))
