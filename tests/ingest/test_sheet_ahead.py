"""The pacspec program parses a plan's .xlsx sheet ahead, while its modules load
(pacspec.sheet_ahead): what it starts for, that the workbook source takes that parse for
the same file and sheet only, that the ledger is the one read without it, and that an error
before the rows are read neither waits for the parse nor loses the message."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ingest_helpers import assert_same

from pacspec import sheet_ahead
from pacspec.ingest import load_ledger
from pacspec.model.data import CsvOptions, TransactionColumns

pytest.importorskip("fastexcel")
openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parents[2]
COLUMNS = TransactionColumns(client="Code client", date="Date", amount="Montant HT",
                             order="Facture")
PLAN = """\
pacspec: 1
locale: fr
header:
  company: ACME
  business_unit: Ventes
  budget_year: 2025
  plan_start: 2025-01-01
  plan_end: 2025-12-31
  currency: EUR
data:
  transactions:
    path: {path}
    columns: {{client: Code client, date: Date, amount: Montant HT, order: Facture}}
    csv: {{sheet: {sheet}}}
"""


def _book(path: Path, rows: int = 40) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    notes = book.create_sheet("Lisez-moi")
    notes.append(["rien"])
    sheet = book.create_sheet("Ventes")
    sheet.append(["Code client", "Date", "Montant HT", "Facture", "Commentaire"])
    for i in range(rows):
        sheet.append([f"C{i % 7}", dt.date(2025, 1 + i % 12, 1 + i % 28), i * 1.25,
                      f"F{i // 3}", "à revoir"])
    book.save(path)
    return path


@pytest.fixture(autouse=True)
def _no_parse_left() -> Iterator[None]:
    """Each test starts and ends with no parse started (the module keeps one)."""
    sheet_ahead._ahead = None
    yield
    ahead = sheet_ahead._ahead
    if ahead is not None:
        ahead.load([])  # lets its thread end
    sheet_ahead._ahead = None


def _plan(tmp_path: Path, data: str, sheet: str = "Ventes") -> Path:
    plan = tmp_path / "p.pac.yaml"
    plan.write_text(PLAN.format(path=data, sheet=sheet), encoding="utf-8")
    return plan


def test_started_for_the_plans_workbook_and_taken_for_the_same_sheet(tmp_path: Path) -> None:
    book = _book(tmp_path / "ventes.xlsx")
    plan = _plan(tmp_path, "ventes.xlsx")
    ahead = sheet_ahead.start(str(plan), None)
    assert ahead is not None and ahead.path == tmp_path / "ventes.xlsx"
    assert sheet_ahead.find(book) is ahead
    assert ahead.sheet_names() == ["Lisez-moi", "Ventes"]
    assert not ahead.claim("Lisez-moi")  # it parses the plan's sheet, not that one
    assert ahead.claim("Ventes") and not ahead.claim("Ventes")  # taken once
    batch = ahead.load(["Code client", "Montant HT"]).to_arrow()
    assert batch.schema.names == ["Code client", "Montant HT"]
    assert batch.num_rows == 40


def test_the_ledger_through_the_parse_ahead_is_the_ledger_without_it(tmp_path: Path) -> None:
    book = _book(tmp_path / "ventes.xlsx")
    options = CsvOptions(sheet="Ventes")
    without = load_ledger(book, columns=COLUMNS, csv=options)
    ahead = sheet_ahead.start(str(_plan(tmp_path, "ventes.xlsx")), None)
    assert ahead is not None
    through = load_ledger(book, columns=COLUMNS, csv=options)
    assert ahead._claimed and ahead._done.is_set()
    assert_same(through, without)
    assert through.reports[0].counts == without.reports[0].counts


def test_the_transactions_option_wins_over_the_plans_path(tmp_path: Path) -> None:
    _book(tmp_path / "ventes.xlsx")
    other = _book(tmp_path / "autres.xlsx", rows=5)
    ahead = sheet_ahead.start(str(_plan(tmp_path, "ventes.xlsx")), str(other))
    assert ahead is not None and ahead.path == other
    assert sheet_ahead.find(tmp_path / "ventes.xlsx") is None


def test_a_file_changed_since_is_not_taken(tmp_path: Path) -> None:
    book = _book(tmp_path / "ventes.xlsx")
    ahead = sheet_ahead.start(str(_plan(tmp_path, "ventes.xlsx")), None)
    assert ahead is not None
    ahead.load([])
    _book(tmp_path / "ventes.xlsx", rows=41)
    os.utime(book, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert sheet_ahead.find(book) is None


@pytest.mark.parametrize("data, sheet", [
    ("ventes.csv", "Ventes"),  # not a workbook fastexcel reads
    ("absent.xlsx", "Ventes"),  # no such file
    ("ventes.xlsx", "[1, 2]"),  # a sheet option that is no name nor index
])
def test_nothing_is_started_for_anything_else(tmp_path: Path, data: str, sheet: str) -> None:
    _book(tmp_path / "ventes.xlsx")
    (tmp_path / "ventes.csv").write_text("a;b\n", encoding="utf-8")
    assert sheet_ahead.start(str(_plan(tmp_path, data, sheet)), None) is None


def test_nothing_is_started_for_a_plan_that_is_a_link_or_not_yaml(tmp_path: Path) -> None:
    _book(tmp_path / "ventes.xlsx")
    plan = _plan(tmp_path, "ventes.xlsx")
    link = tmp_path / "lien.pac.yaml"
    link.symlink_to(plan)
    assert sheet_ahead.start(str(link), None) is None  # the loader decides about links
    broken = tmp_path / "cassé.pac.yaml"
    broken.write_text("data: {transactions: [\n", encoding="utf-8")
    assert sheet_ahead.start(str(broken), None) is None


def _program(plan: Path, *words: str, patch: str = "") -> tuple[subprocess.CompletedProcess[str], float]:
    """The pacspec program run on ``plan`` (with ``patch`` run first), and its wall time."""
    code = ("import sys\n" + patch + "from pacspec.cli import main\n"
            f"sys.argv = ['pacspec', 'evaluate', {str(plan)!r}, *{list(words)!r}]\n"
            "sys.exit(main())\n")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    return done, time.perf_counter() - start


def test_the_program_gives_the_evaluation_it_gives_without_the_parse_ahead(
    tmp_path: Path,
) -> None:
    _book(tmp_path / "ventes.xlsx", rows=400)
    plan = _plan(tmp_path, "ventes.xlsx")
    words = ("--as-of", "2025-12-31", "--format", "json")
    through, _ = _program(plan, *words, patch=(
        "import pacspec.sheet_ahead as s\n"
        "taken = s.SheetAhead.load\n"
        "def load(self, select):\n"
        "    print('taken', sorted(select or []), file=sys.stderr)\n"
        "    return taken(self, select)\n"
        "s.SheetAhead.load = load\n"))
    without, _ = _program(plan, *words, patch=(
        "import pacspec.sheet_ahead as s\n"
        "s.start = lambda *args: None\n"))
    assert through.returncode == without.returncode == 0, through.stderr + without.stderr
    assert "taken ['Code client', 'Date', 'Facture', 'Montant HT']" in through.stderr
    assert through.stdout == without.stdout


def _missing_column_plan(tmp_path: Path) -> Path:
    """A plan on a workbook whose amount column (``Montant TTC``) the sheet lacks."""
    _book(tmp_path / "ventes.xlsx")
    plan = tmp_path / "p.pac.yaml"
    plan.write_text(PLAN.format(path="ventes.xlsx", sheet="Ventes").replace(
        "amount: Montant HT", "amount: Montant TTC"), encoding="utf-8")
    return plan


def test_an_error_before_the_rows_does_not_wait_for_the_parse(tmp_path: Path) -> None:
    """A missing column is worded at once and the program ends with its exit code, though
    the sheet's parse (made to take 60 s here) is still running: it leaves without the
    interpreter's shutdown (whose exit handlers would meet that thread inside fastexcel)."""
    plan = _missing_column_plan(tmp_path)
    slow = ("import atexit, time, fastexcel\n"
            "atexit.register(lambda: print('exit handlers ran', file=sys.stderr))\n"
            "fastexcel.ExcelReader.load_sheet = lambda self, *a, **k: time.sleep(60)\n")
    done, seconds = _program(plan, "--as-of", "2025-12-31", patch=slow)
    assert done.returncode == 1
    assert "Montant TTC" in done.stderr and "Traceback" not in done.stderr
    assert "exit handlers ran" not in done.stderr
    assert seconds < 30


def test_an_error_after_the_parse_lets_its_thread_end(tmp_path: Path) -> None:
    """A parse done but never taken (the plan's column is missing) is let go: the program
    ends normally, its exit handlers run."""
    plan = _missing_column_plan(tmp_path)
    wait = ("import atexit, pacspec.sheet_ahead as s\n"
            "atexit.register(lambda: print('exit handlers ran', file=sys.stderr))\n"
            "finish = s.finish\n"
            "def patient(code: int) -> None:\n"
            "    if s._ahead is not None:\n"
            "        s._ahead._parsed.wait(60)\n"
            "    finish(code)\n"
            "s.finish = patient\n")
    done, _ = _program(plan, "--as-of", "2025-12-31", patch=wait)
    assert done.returncode == 1
    assert "Montant TTC" in done.stderr and "exit handlers ran" in done.stderr


def test_no_yaml_is_parsed_when_no_workbook_can_be_meant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan whose text names no .xls file, or a --transactions file that is no workbook,
    costs the program no YAML parse; a workbook given by --transactions is parsed ahead
    whatever the plan's path, with the plan's sheet."""
    import yaml

    _book(tmp_path / "ventes.xlsx")
    (tmp_path / "ventes.csv").write_text("a;b\n", encoding="utf-8")
    csv_plan = _plan(tmp_path, "ventes.csv")
    parsed: list[object] = []
    real = yaml.load
    monkeypatch.setattr(yaml, "load", lambda *a, **k: parsed.append(a) or real(*a, **k))
    assert sheet_ahead.start(str(csv_plan), None) is None
    assert sheet_ahead.start(str(_plan(tmp_path, "ventes.xlsx")), "ventes.csv") is None
    assert parsed == []
    ahead = sheet_ahead.start(str(csv_plan), str(tmp_path / "ventes.xlsx"))
    assert ahead is not None and len(parsed) == 1
    assert ahead.claim("Ventes")


def test_a_register_in_another_sheet_of_the_workbook_leaves_the_parse_to_the_transactions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The register read from the same file's ``Clients`` sheet (before or after the
    transactions) does not take nor spoil the parse of ``Ventes``; the ledger is the one
    read without the parse ahead."""
    path = _book(tmp_path / "ventes.xlsx")
    book = openpyxl.load_workbook(path)
    register = book.create_sheet("Clients")
    register.append(["Code client", "Secteur"])
    for i in range(7):
        register.append([f"C{i}", "Industrie" if i % 2 else "Services"])
    book.save(path)
    read = {"csv": CsvOptions(sheet="Ventes"), "clients_csv": CsvOptions(sheet="Clients"),
            "client_columns": {"id": "Code client"}}
    without = load_ledger(path, path, columns=COLUMNS, **read)
    loads: list[Any] = []
    taken = sheet_ahead.SheetAhead.load
    monkeypatch.setattr(sheet_ahead.SheetAhead, "load",
                        lambda self, select: loads.append(select) or taken(self, select))
    ahead = sheet_ahead.start(str(_plan(tmp_path, "ventes.xlsx")), None)
    assert ahead is not None
    through = load_ledger(path, path, columns=COLUMNS, **read)
    assert [sorted(s) for s in loads] == [["Code client", "Date", "Facture", "Montant HT"]]
    assert_same(through, without)
    assert through.attributes["Secteur"].tolist() == without.attributes["Secteur"].tolist()


def test_a_parse_claimed_for_a_sheet_calamine_reads_is_let_go(tmp_path: Path) -> None:
    """When the sheet's header cannot be read from its XML's start (here: made unknown),
    python-calamine reads it and the parse ahead keeps no column."""
    path = _book(tmp_path / "ventes.xlsx")
    ahead = sheet_ahead.start(str(_plan(tmp_path, "ventes.xlsx")), None)
    assert ahead is not None
    from pacspec.ingest.sources import workbook

    real = workbook._sheet_head
    try:
        workbook._sheet_head = lambda *args: None  # type: ignore[assignment]
        ledger = load_ledger(path, columns=COLUMNS, csv=CsvOptions(sheet="Ventes"))
    finally:
        workbook._sheet_head = real  # type: ignore[assignment]
    assert ahead._claimed and ahead._select == frozenset()
    ahead.thread.join(30)
    assert not ahead.thread.is_alive()
    assert ledger.n_transactions == 40
