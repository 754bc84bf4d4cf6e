"""Working workbooks built by hand, following the workbook contract (the hidden ``_pacspec``
sheet, the PAC sheet with its id column), so that sync is tested on its own; and helpers
to edit a workbook as a team would."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
from conftest import EXAMPLE_PLAN

from pacspec.loader import load_plan
from pacspec.model.actions import reading_at

FIELD_KIND = {"progress": "percent", "spent": "money", "comments": "text", "results": "text"}
# PAC sheet layout of these hand-made workbooks: A title, B owner, C progress, D spent,
# E comments, F results, G the action id (the last column)
COLUMNS = {"progress": "C", "spent": "D", "comments": "E", "results": "F"}
ID_COLUMN = "G"


def copy_example(folder: Path) -> Path:
    """The example plan and its rule files and data, copied into ``folder``."""
    shutil.copytree(EXAMPLE_PLAN.parent, folder / "plans",
                    ignore=shutil.ignore_patterns("generate.py"))
    return folder / "plans" / EXAMPLE_PLAN.name


def original(action: Any, name: str, as_of: dt.date) -> Any:
    """The cell value the contract writes for a field at ``as_of``."""
    value = getattr(action, name)
    if name in ("progress", "spent"):
        number, _, _ = reading_at(value, as_of) if value is not None else (None, None, False)
        if number is None:
            return 0.0 if name == "progress" else None
        return number / 100 if name == "progress" else number
    return value


def make_workbook(plan: Path, out: Path, as_of: dt.date, *, owner: str | None = None,
                  recorded_plan: str | None = None, version: Any = 1,
                  edits: Mapping[tuple[str, str], Any] | None = None) -> Path:
    """A contract-following workbook of ``plan`` at ``as_of`` (only ``owner``'s actions
    when given), with ``edits`` {(action id, field): cell value} typed by the team."""
    loaded = load_plan(plan)
    data = plan.read_bytes()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "PAC"
    ws.append(["Action", "Responsable", "Avancement", "Consommé", "Commentaires",
               "Résultats", "id"])
    cells: list[tuple[str, str, str, str, Any]] = []
    row = 1
    last_typology = object()
    for action in loaded.plan.actions:
        if owner is not None and action.owner != owner:
            continue
        if action.typology != last_typology:  # a group row, no id
            row += 1
            ws.cell(row=row, column=1, value=f"Typologie {action.typology}")
            last_typology = action.typology
        row += 1
        ws.cell(row=row, column=1, value=action.title)
        ws.cell(row=row, column=2, value=action.owner)
        ws[f"{ID_COLUMN}{row}"] = action.id
        for name, column in COLUMNS.items():
            value = original(action, name, as_of)
            ws[f"{column}{row}"] = value
            cells.append((f"{column}{row}", action.id, name, FIELD_KIND[name], value))
    meta = wb.create_sheet("_pacspec")
    for key, value in (("format", "pacspec-workbook"), ("version", version),
                       ("plan", recorded_plan if recorded_plan is not None
                        else plan.as_posix()),
                       ("plan_sha256", hashlib.sha256(data).hexdigest()),
                       ("as_of", as_of.isoformat()),
                       ("generated", "2026-06-01T08:00:00+00:00"),
                       ("locale", loaded.plan.locale), ("owner", owner or ""),
                       ("pac_sheet", "PAC"), ("id_column", ID_COLUMN),
                       ("pacspec_version", "0.1.0")):
        meta.append([key, value])
    meta.append([])
    meta.append(["cell", "action", "field", "kind", "original"])
    for ref, action_id, name, kind, value in cells:
        meta.append([ref, action_id, name, kind, json.dumps(value, ensure_ascii=False)])
    meta.sheet_state = "veryHidden"
    wb.save(out)
    if edits:
        edit_workbook(out, edits)
    return out


def cell_of(path: Path, action: str, name: str) -> str:
    """The A1 reference of a field of an action in a workbook."""
    wb = openpyxl.load_workbook(path)
    for row in wb["_pacspec"].iter_rows(values_only=True):
        if row[1] == action and row[2] == name:
            return str(row[0])
    raise KeyError((action, name))


def edit_workbook(path: Path, edits: Mapping[tuple[str, str], Any]) -> None:
    """Type values into the PAC sheet, as a team would (percent cells take fractions)."""
    refs = {(a, f): cell_of(path, a, f) for a, f in edits}
    wb = openpyxl.load_workbook(path)
    ws = wb["PAC"]
    for key, value in edits.items():
        ws[refs[key]] = value
    wb.save(path)
