"""Read a working workbook (``pacspec report PLAN -o pac.xlsx``) back: its hidden
``_pacspec`` sheet (the plan, its hash, the original value of every editable cell, see the
workbook contract in ``docs/sync.md``) and the values the team typed in those cells.

Every bad input is a :class:`~pacspec.diagnostics.Problem` naming the cell
(``pac.xlsx!PAC!H12``): a workbook without the hidden sheet or of an unknown version, a row
deleted or moved (the id column no longer shows the recorded action), an action id typed
by hand, a value of the wrong type, a formula in an input cell. openpyxl (the ``xlsx``
extra) is imported lazily.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pacspec.diagnostics import Problem
from pacspec.fsio import UnreadableFile, regular_file, shown_path
from pacspec.i18n import Locale, label

__all__ = [
    "FIELDS",
    "META_SHEET",
    "WORKBOOK_FORMAT",
    "WORKBOOK_VERSIONS",
    "CellEdit",
    "Workbook",
    "read_workbook",
]

META_SHEET = "_pacspec"
WORKBOOK_FORMAT = "pacspec-workbook"
WORKBOOK_VERSIONS = frozenset({1})
"""The versions of the hidden sheet's layout this reader knows."""

FIELDS: dict[str, str] = {"progress": "percent", "spent": "money", "comments": "text",
                          "results": "text"}
"""The editable fields and the kind of their cells."""

_HEADER = ("cell", "action", "field", "kind", "original")


@dataclass(frozen=True)
class CellEdit:
    """One editable cell: where it is, what it holds for the plan, in the plan's units
    (progress 0-100, amounts, text; None: empty)."""

    workbook: str
    sheet: str
    cell: str
    action: str
    field: str
    original: float | str | None
    value: float | str | None

    @property
    def where(self) -> str:
        """``pac.xlsx!PAC!H12``."""
        return f"{self.workbook}!{self.sheet}!{self.cell}"

    @property
    def changed(self) -> bool:
        return not same_value(self.original, self.value)


def same_value(a: float | str | None, b: float | str | None) -> bool:
    """Equal as plan values (numbers to 1e-6, text exactly; empty text is no text)."""
    a = None if a == "" else a
    b = None if b == "" else b
    if isinstance(a, float | int) and isinstance(b, float | int):
        return abs(float(a) - float(b)) <= 1e-6
    return a == b


@dataclass
class Workbook:
    """What a workbook says: its meta keys, its editable cells; ``problems`` when bad."""

    name: str
    meta: dict[str, Any] = field(default_factory=dict)
    cells: list[CellEdit] = field(default_factory=list)
    modified: dt.date | None = None
    """The workbook's save date (its document properties), for the readings' date."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def locale(self) -> str:
        value = self.meta.get("locale")
        return value if isinstance(value, str) and value in ("fr", "en") else "fr"

    @property
    def plan(self) -> str | None:
        value = self.meta.get("plan")
        return value if isinstance(value, str) and value else None

    @property
    def as_of(self) -> dt.date | None:
        value = self.meta.get("as_of")
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            return None


def _problem(code: str, message: str, where: str, hint: str | None = None) -> Problem:
    return Problem("error", code, message, where, hint=hint)


def _column_index(letters: str) -> int | None:
    if not letters.isalpha() or not letters.isascii() or len(letters) > 3:
        return None
    out = 0
    for char in letters.upper():
        out = out * 26 + ord(char) - 64
    return out


def _split_ref(ref: str) -> tuple[int, int] | None:
    """``H12`` -> (row 12, column 8); None for anything else."""
    cut = len(ref) - len(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"))
    column = _column_index(ref[:cut]) if cut else None
    digits = ref[cut:]
    if column is None or not digits.isdigit() or int(digits) < 1:
        return None
    return int(digits), column


def _field_label(name: str, loc: str) -> str:
    labels = {"progress": label("progress", loc), "spent": label("spent", loc),
              "comments": label("comments", loc), "results": label("results", loc)}
    return labels.get(name, name)


def _shown(value: Any) -> str:
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _typed(raw: Any, kind: str, where: str, what: str, loc: str
           ) -> tuple[float | str | None, Problem | None]:
    """The plan value of a cell's content, or the problem of a wrong type."""
    if isinstance(raw, str) and raw.strip() == "":
        raw = None
    if raw is None:
        return None, None
    if kind == "text":
        if isinstance(raw, bool):
            return ("true" if raw else "false"), None
        if isinstance(raw, dt.datetime):
            return (raw.date().isoformat() if raw.time() == dt.time() else raw.isoformat()), None
        if isinstance(raw, dt.date):
            return raw.isoformat(), None
        if isinstance(raw, float | int):
            number = float(raw)
            return (str(int(number)) if number.is_integer() else repr(number)), None
        return str(raw), None
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        percent = kind == "percent"
        return None, _problem(
            "sync-bad-value",
            label("sync_bad_percent" if percent else "sync_bad_amount", loc, what=what,
                  found=_shown(raw)),
            where, label("sync_bad_percent_hint" if percent else "sync_bad_amount_hint", loc))
    value = float(raw)
    if kind == "percent":
        if value < -1e-9 or value > 1 + 1e-9:
            return None, _problem(
                "sync-bad-value", label("sync_percent_range", loc, what=what,
                                        found=Locale.of(loc).percent(value, 0)),
                where, label("sync_bad_percent_hint", loc))
        return round(min(max(value, 0.0), 1.0) * 100, 4), None
    if value < 0:
        return None, _problem("sync-bad-value",
                              label("sync_negative_amount", loc, what=what,
                                    found=Locale.of(loc).number(value, 2)),
                              where, label("sync_bad_amount_hint", loc))
    return round(value, 2), None


def _json_original(text: Any, kind: str) -> tuple[bool, float | str | None]:
    try:
        value = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return False, None
    if value is None:
        return True, None
    if kind == "text":
        return isinstance(value, str), value if isinstance(value, str) else None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False, None
    number = float(value)
    return True, round(number * 100, 4) if kind == "percent" else round(number, 2)


def _open(path: str | os.PathLike[str], name: str, lang: str) -> Any:
    """The openpyxl workbook (formulas as written), or a problem in ``lang`` (the
    workbook's own locale is not known before it is read)."""
    try:
        import openpyxl
    except ImportError:  # worded like the other missing extras (the report's openpyxl)
        return _problem("missing-dependency", label("file_not_installed", lang,
                                                    module="openpyxl"), name,
                        label("file_not_installed_hint", lang, extra="xlsx"))
    try:
        regular_file(path)
    except UnreadableFile as exc:
        return Problem("error", "io", label("sync_cannot_read", lang, name=name,
                                            reason=exc.reason), name, hint=exc.hint)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        reason = type(exc).__name__ if not str(exc) else " ".join(str(exc).split())[:120]
        return Problem("error", "io", label("sync_not_xlsx", lang, name=name, reason=reason),
                       name, hint=label("sync_not_xlsx_hint", lang))


def read_workbook(path: str | os.PathLike[str], name: str | None = None,
                  lang: str = "fr") -> Workbook:
    """The meta keys and editable cells of a workbook; its :attr:`Workbook.problems` say
    what is wrong (nothing is raised for a user's mistake). A workbook that cannot be
    opened is said in ``lang`` (the plan's, when known; French, the default locale);
    the problems of one that opens, in its own locale."""
    name = name or shown_path(path)
    book = Workbook(name)
    wb = _open(path, name, lang)
    if isinstance(wb, Problem):
        book.problems.append(wb)
        return book
    try:
        return _read(wb, book)
    finally:
        wb.close()  # a read-only workbook holds its file open


def _read(wb: Any, book: Workbook) -> Workbook:
    name = book.name
    modified = wb.properties.modified
    book.modified = modified.date() if isinstance(modified, dt.datetime) else None
    if META_SHEET not in wb.sheetnames:
        book.problems.append(_problem("sync-not-a-workbook", label("sync_no_meta", "fr",
                                                                   name=name),
                                      name, label("sync_no_meta_hint", "fr")))
        return book
    meta_ws = wb[META_SHEET]
    rows = [tuple(row[:5]) + (None,) * (5 - len(row[:5]))
            for row in meta_ws.iter_rows(max_col=5, values_only=True)]
    index = 0
    while index < len(rows) and rows[index][0] not in (None, ""):
        key = str(rows[index][0])
        book.meta[key] = rows[index][1] if len(rows[index]) > 1 else None
        index += 1
    loc = book.locale
    meta_where = f"{name}!{META_SHEET}"
    if book.meta.get("format") != WORKBOOK_FORMAT:
        book.problems.append(_problem("sync-not-a-workbook",
                                      label("sync_bad_format", loc, name=name,
                                            found=_shown(book.meta.get("format"))),
                                      meta_where, label("sync_no_meta_hint", loc)))
        return book
    version = book.meta.get("version")
    try:
        number = int(str(version))
    except ValueError:
        number = None
    if number not in WORKBOOK_VERSIONS:
        known = ", ".join(str(v) for v in sorted(WORKBOOK_VERSIONS))
        book.problems.append(_problem("sync-version", label(
            "sync_unknown_version", loc, name=name, found=_shown(version), known=known),
            meta_where, label("sync_unknown_version_hint", loc)))
        return book
    sheet_name = str(book.meta.get("pac_sheet") or "PAC")
    if sheet_name not in wb.sheetnames:
        book.problems.append(_problem("sync-not-a-workbook", label(
            "sync_no_pac_sheet", loc, name=name, sheet=sheet_name), meta_where,
            label("sync_no_meta_hint", loc)))
        return book
    ws = _Grid(wb[sheet_name])
    while index < len(rows) and rows[index][0] in (None, ""):
        index += 1
    if index >= len(rows) or tuple(str(v) for v in rows[index]) != _HEADER:
        book.problems.append(_problem("sync-not-a-workbook", label(
            "sync_no_cells", loc, name=name), meta_where, label("sync_no_meta_hint", loc)))
        return book
    id_column = _column_index(str(book.meta.get("id_column") or "")) or ws.max_column
    recorded: dict[int, str] = {}
    bad_rows: set[int] = set()
    first_row = None
    for offset, row in enumerate(rows[index + 1:], start=index + 2):
        if all(v in (None, "") for v in row):
            continue
        ref, action, fld, kind, original = (list(row) + [None] * 5)[:5]
        position = _split_ref(str(ref or ""))
        ok, original_value = _json_original(original, str(kind))
        if (position is None or not action or fld not in FIELDS or kind != FIELDS[str(fld)]
                or not ok):
            book.problems.append(_problem("sync-not-a-workbook", label(
                "sync_bad_meta_row", loc, row=offset), f"{meta_where}!A{offset}",
                label("sync_no_meta_hint", loc)))
            continue
        row_number, column = position
        recorded[row_number] = str(action)
        first_row = row_number if first_row is None else min(first_row, row_number)
        where = f"{name}!{sheet_name}!{ref}"
        what = label("sync_what", loc, field=_field_label(str(fld), loc), action=str(action))
        shown_id = ws.value(row_number, id_column)
        if str(shown_id or "") != str(action):
            if row_number in bad_rows:
                continue
            bad_rows.add(row_number)
            book.problems.append(_row_problem(ws, recorded, name, sheet_name, row_number,
                                              id_column, str(action), shown_id, loc, rows,
                                              index))
            continue
        raw, data_type = ws.cell(row_number, column)
        if data_type == "f" or (isinstance(raw, str) and raw.startswith("=")):
            formula = raw if isinstance(raw, str) else "=…"
            book.problems.append(_problem("sync-formula", label(
                "sync_formula", loc, what=what, formula=_shown(formula)), where,
                label("sync_formula_hint", loc)))
            continue
        value, problem = _typed(raw, str(kind), where, what, loc)
        if problem is not None:
            book.problems.append(problem)
            continue
        book.cells.append(CellEdit(name, sheet_name, str(ref).upper(), str(action), str(fld),
                                   original_value, value))
    moved = [p for p in book.problems if p.code == "sync-row-moved"]
    if len(moved) > 1:  # one deleted or inserted row shifts every row below it
        first = moved[0]
        book.problems = [p for p in book.problems if p.code != "sync-row-moved" or p is first]
        book.problems.insert(book.problems.index(first), replace(
            first, message=first.message + label("sync_rows_after", loc,
                                                 n=str(len(moved) - 1))))
        book.problems.remove(first)
    if first_row is not None:
        recorded_ids = set(recorded.values())
        letter = _letter(id_column)
        for row_number in range(first_row, ws.max_row + 1):
            shown_id = ws.value(row_number, id_column)
            if shown_id in (None, "") or row_number in recorded:
                continue
            if str(shown_id) not in recorded_ids:
                book.problems.append(_problem("sync-unknown-id", label(
                    "sync_typed_id", loc, id=_shown(shown_id)),
                    f"{name}!{sheet_name}!{letter}{row_number}",
                    label("sync_typed_id_hint", loc)))
    return book


class _Grid:
    """The cells of a read-only sheet, read once: (value, data type) by position."""

    def __init__(self, ws: Any) -> None:
        self.cells: dict[tuple[int, int], tuple[Any, str]] = {}
        self.max_row = self.max_column = 0
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or not hasattr(cell, "row"):
                    continue  # an empty cell
                self.cells[(cell.row, cell.column)] = (cell.value, cell.data_type)
                self.max_row = max(self.max_row, cell.row)
                self.max_column = max(self.max_column, cell.column)

    def cell(self, row: int, column: int) -> tuple[Any, str]:
        return self.cells.get((row, column), (None, "n"))

    def value(self, row: int, column: int) -> Any:
        return self.cell(row, column)[0]


def _letter(column: int) -> str:
    out = ""
    while column:
        column, rest = divmod(column - 1, 26)
        out = chr(65 + rest) + out
    return out


def _row_problem(ws: Any, recorded: dict[int, str], name: str, sheet: str, row: int,
                 id_column: int, action: str, shown_id: Any, loc: str,
                 rows: list[tuple[Any, ...]], index: int) -> Problem:
    """A row whose id cell no longer shows its recorded action: moved or deleted, or an id
    typed by hand."""
    where = f"{name}!{sheet}!{_letter(id_column)}{row}"
    all_actions = {str(r[1]) for r in rows[index + 1:] if r and r[1]}
    if shown_id in (None, ""):
        return _problem("sync-row-moved", label("sync_row_gone", loc, action=action),
                        where, label("sync_row_moved_hint", loc))
    if str(shown_id) in all_actions:
        return _problem("sync-row-moved", label("sync_row_moved", loc, action=action,
                                                found=_shown(shown_id)),
                        where, label("sync_row_moved_hint", loc))
    return _problem("sync-unknown-id", label("sync_id_changed", loc, action=action,
                                             found=_shown(shown_id)),
                    where, label("sync_typed_id_hint", loc))


def workbook_name(path: str | os.PathLike[str]) -> str:
    """How a workbook is named in problems: the path as given."""
    return shown_path(Path(path))
