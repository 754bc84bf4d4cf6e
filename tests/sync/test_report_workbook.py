"""End to end on the workbooks ``pacspec report -o pac.xlsx`` writes: unedited, the plan
does not move; edited (per owner too), the edits reach the plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from conftest import run_main
from sync_helpers import cell_of, copy_example, edit_workbook

from pacspec.loader import load_plan
from pacspec.model.actions import reading_at

ON = dt.date(2026, 10, 31)


def _report(folder: Path, name: str, *extra: str) -> Path:
    code, _, err = run_main(["report", "plans/connect-plus.pac.yaml", "-o", name, "-q",
                             *extra], folder)
    assert code == 0, err
    book = folder / name
    # the working workbook's hidden sheet: what sync reads back (a report without it cannot
    # be synced, so its absence fails here rather than skipping every round trip)
    assert "_pacspec" in openpyxl.load_workbook(book).sheetnames
    return book


def test_report_workbooks_round_trip(tmp_path: Path) -> None:
    plan = copy_example(tmp_path)
    before = plan.read_bytes()
    book = _report(tmp_path, "pac.xlsx")
    code, out, err = run_main(["sync", "pac.xlsx", "--on", ON.isoformat(), "--write"],
                              tmp_path)
    assert (code, out) == (0, ""), err
    assert plan.read_bytes() == before
    edit_workbook(book, {("vip-nautilus", "progress"): 0.55,
                         ("vip-nautilus", "comments"): "Salon : 2 rendez-vous # pris"})
    sed1 = _report(tmp_path, "sed1.xlsx", "--owner", "SED1")
    edit_workbook(sed1, {("reconquete-inactifs", "spent"): 2750})
    code, out, err = run_main(["sync", "pac.xlsx", "sed1.xlsx", "--on", ON.isoformat(),
                               "--write"], tmp_path)
    assert code == 1, err
    actions = {a.id: a for a in load_plan(plan).plan.actions}
    assert reading_at(actions["vip-nautilus"].progress, ON) == (55.0, ON, True)
    assert actions["vip-nautilus"].comments == "Salon : 2 rendez-vous # pris"
    assert reading_at(actions["reconquete-inactifs"].spent, ON) == (2750.0, ON, True)
    # a formula typed in an input cell of the real workbook is named
    ref = cell_of(book, "fidelisation", "progress")
    edit_workbook(book, {("fidelisation", "progress"): "=0.5+0.1"})
    code, _, err = run_main(["sync", "pac.xlsx", "--on", ON.isoformat()], tmp_path)
    assert code == 2 and f"pac.xlsx!PAC!{ref}: error[sync-formula]" in err, err
