"""The XLSX report: the same content as sheets a sales team can work in.

Sheets: ``PAC`` (the PAC table with filters, a frozen header, k€ and % formats, a data bar
on progress and a red fill on late actions), ``Pilotage``/``Steering`` (with a steering
result; green / orange / red fills on the lights), ``Plan``, ``EMOFF``, ``ABC`` (with a
Pareto line chart), ``RFM`` (codes, the code x period matrix with a colour scale, score
thresholds, segments), ``Profils``/``Profiles``, ``IPO-IPA``, ``Portefeuille``/``Portfolio``
and ``Clients`` (the per-client table with labels, filterable).

The PAC sheet is a working one: the cells a team fills in (progress, spent, comments,
results noted) are unlocked inputs with data validation, every other cell is locked and
the sheet protected; the very hidden sheet ``_pacspec`` records the plan file, its hash
and every editable cell's original value, for ``pacspec sync`` (docs/reports.md).

Cells hold raw values (amounts in currency units, shares as fractions, real dates); the
number formats show them as in the other reports. It renders a
:class:`~pacspec.report.document.Document` and computes nothing. openpyxl is imported
lazily: without it, :func:`require_openpyxl` raises a clear error.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
from dataclasses import dataclass
from typing import IO, Any

from pacspec.diagnostics import Problem
from pacspec.i18n import Locale, colon, label
from pacspec.report import palette
from pacspec.report.cells import date_text
from pacspec.report.document import (
    Block,
    Cell,
    Column,
    Document,
    HeatmapChart,
    KeyValues,
    MatrixChart,
    Paragraph,
    ParetoChart,
    ScatterChart,
    Section,
    Table,
    TrendChart,
)
from pacspec.report.palette import argb

__all__ = ["STATE_HEADER", "STATE_SHEET", "WORKBOOK_FORMAT", "WORKBOOK_VERSION", "EditableCell",
           "number_format", "require_openpyxl", "sheet_names", "write_xlsx"]

_ACCENT = argb(palette.ACCENT)
_SOFT = argb(palette.SOFT)
_STATUS_FILLS = {k: (argb(fill), argb(font)) for k, (fill, font) in palette.STATUS_FILLS.items()}
_ZONE_FILLS = {k: argb(v) for k, v in palette.ZONE_COLOURS.items()}


def require_openpyxl() -> Any:
    """The openpyxl module, or a :class:`~pacspec.report.ReportError` saying how to get it."""
    try:
        import openpyxl
    except ImportError:
        from pacspec.report import ReportError

        raise ReportError([Problem(
            "error", "missing-dependency", "openpyxl is not installed",
            hint="install the xlsx extra: pip install 'pacspec[xlsx]'")]) from None
    return openpyxl


def sheet_names(doc: Document) -> dict[str, str]:
    """The sheet of each section id of ``doc`` placed in the workbook (and ``clients``), in
    the plan's locale, as the section modules declare them."""
    from pacspec.report import sections

    names = {}
    for section in doc.sections:
        try:
            sheet = sections.get(section.id).xlsx
        except KeyError:  # a section no module declares: a sheet of its own
            names[section.id] = section.title[:31]
            continue
        if sheet is not None:
            names[section.id] = sheet.name(doc.locale)
    names["clients"] = "Clients"
    return names


def _sheets(doc: Document) -> list[tuple[str, list[Section]]]:
    """(sheet name, its sections in document order), sheets in their declared order."""
    from pacspec.report import sections

    names = sheet_names(doc)
    orders: dict[str, int] = {}
    members: dict[str, list[Section]] = {}
    for section in doc.sections:
        if section.id not in names:
            continue
        try:
            sheet = sections.get(section.id).xlsx
            order = sheet.order if sheet is not None else 1000
        except KeyError:
            order = 1000
        name = names[section.id]
        orders[name] = min(orders.get(name, order), order)
        members.setdefault(name, []).append(section)
    return [(name, members[name]) for name in sorted(members, key=lambda n: orders[n])]


def number_format(cell: Cell | Column, locale: str, currency: str = "EUR") -> str | None:
    """The Excel number format of a cell (or a column's cells); None for text."""
    kind = cell.kind
    loc = Locale.of(locale)
    if kind == "money":
        scale = cell.scale if isinstance(cell, Cell) else "k"
        return loc.excel_money_format(currency, thousands=scale == "k")
    if kind == "percent":
        digits = cell.digits if isinstance(cell, Cell) else 0
        return "0%" if digits == 0 else "0." + "0" * digits + "%"
    if kind == "integer":
        return "#,##0"
    if kind == "number":
        digits = cell.digits if isinstance(cell, Cell) else 0
        return "#,##0" if digits == 0 else "#,##0." + "0" * digits
    if kind == "date":
        return loc.excel_date_format
    return None


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""The characters XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF, lone
surrogates): openpyxl refuses some and writes the others into a file nothing can open."""


def _clean(value: Any) -> Any:
    """``value``, a text as a workbook holds it and reads it back: each character XML
    cannot hold becomes U+FFFD (the cell shows where one was), and line ends are ``\n``
    (XML reads ``\r`` back as ``\n``), so that a cell reads back what was written."""
    if isinstance(value, str):
        return _NOT_XML.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


def _cell(ws: Any, row: int, column: int, value: Any) -> Any:
    """The cell of ``ws`` at (``row``, ``column``), holding ``value`` (see :func:`_clean`)."""
    cell = ws.cell(row=row, column=column)
    if value is not None:
        cell.value = _clean(value)
    return cell


class _Writer:
    """Writes blocks down one worksheet, keeping track of the row and column widths."""

    def __init__(self, ws: Any, doc: Document, styles: Any) -> None:
        self.ws = ws
        self.doc = doc
        self.s = styles
        self.row = 1
        self.widths: dict[int, float] = {}

    # ------------------------------------------------------------------ cells
    def fit(self, col: int, text: str, wide: bool = False) -> None:
        longest = max((len(x) for x in text.split("\n")), default=0)
        cap = 48.0 if wide else 40.0
        self.widths[col] = max(self.widths.get(col, 8.0), min(longest + 2.0, cap))

    def put(self, row: int, col: int, cell: Cell, wide: bool = False) -> Any:
        target = self.ws.cell(row=row, column=col)
        if cell.lines:
            target.value = _clean("\n".join(cell.lines))
        elif cell.kind in ("text", "status"):
            target.value = _clean(cell.text) or None
        else:
            target.value = _clean(cell.value)
        fmt = number_format(cell, self.doc.locale, self.doc.currency)
        key = (fmt if fmt and cell.value is not None else None, bool(cell.lines or wide),
               cell.strong)
        styled = self.s.cell_styles.get(key)
        if styled is not None:  # the same look as a cell written before: its style, copied
            target._style = copy.copy(styled)
        else:
            if key[0]:
                target.number_format = key[0]
            target.alignment = self.s.Alignment(wrap_text=True, vertical="top") if key[1] \
                else self.s.Alignment(vertical="top")
            if cell.strong:
                target.font = self.s.Font(bold=True)
            self.s.cell_styles[key] = copy.copy(target._style)
        self.fit(col, cell.text if not cell.lines else "\n".join(cell.lines), wide)
        return target

    def heading(self, text: str, size: int = 14) -> None:
        c = _cell(self.ws, self.row, 1, text)
        c.font = self.s.Font(bold=True, size=size, color=_ACCENT)
        self.row += 1

    # ----------------------------------------------------------------- blocks
    def paragraph(self, block: Paragraph) -> None:
        c = _cell(self.ws, self.row, 1, block.text)
        if block.style == "warning":
            c.font = self.s.Font(bold=True, color="B25E00")
        elif block.style == "note":
            c.font = self.s.Font(italic=True, color="5B6B7C")
        self.row += 1

    def key_values(self, block: KeyValues) -> None:
        if block.title:
            self.heading(block.title, 12)
        for key, value in block.items:
            k = _cell(self.ws, self.row, 1, key)
            k.font = self.s.Font(bold=True)
            self.fit(1, key)
            self.put(self.row, 2, value)
            self.row += 1

    def header_row(self, titles: list[str], first_col: int = 1) -> None:
        for j, title in enumerate(titles):
            c = _cell(self.ws, self.row, first_col + j, title)
            c.font = self.s.Font(bold=True)
            c.fill = self.s.PatternFill("solid", fgColor=_SOFT)
            c.border = self.s.Border(bottom=self.s.Side(style="thin", color="9AA7B4"))
            c.alignment = self.s.Alignment(wrap_text=True, vertical="bottom")
            self.fit(first_col + j, title)
        self.row += 1

    def table(self, table: Table) -> tuple[int, int]:
        """Write a table; returns (header row, last row)."""
        if table.title:
            self.heading(table.title, 12)
        header = self.row
        self.header_row([c.title for c in table.columns])
        n = len(table.columns)
        for row in table.rows:
            if row.kind == "group":
                c = _cell(self.ws, self.row, 1, row.cells[0].text)
                c.font = self.s.Font(bold=True, color="FFFFFF")
                for j in range(1, n + 1):
                    self.ws.cell(row=self.row, column=j).fill = self.s.PatternFill(
                        "solid", fgColor=_ACCENT)
            else:
                for j, (cell, col) in enumerate(zip(row.cells, table.columns, strict=False)):
                    target = self.put(self.row, j + 1, cell, col.wide)
                    if row.kind == "total":
                        target.font = self.s.Font(bold=True)
                        target.border = self.s.Border(top=self.s.Side(style="thin"))
            self.row += 1
        self.status_rules(table, header)
        if table.note:
            self.paragraph(Paragraph(table.note, "note"))
        return header, self.row - 1

    def status_rules(self, table: Table, header: int, offset: int = 0) -> None:
        """Green / orange / red fills on the status columns (conditional formatting, so
        they follow edits)."""
        first, last = header + 1, header + len(table.rows)
        if last < first:
            return
        loc = self.doc.locale
        for j, col in enumerate(table.columns):
            if col.kind != "status":
                continue
            letter = self.s.get_column_letter(j + 1 + offset)
            ref = f"{letter}{first}:{letter}{last}"
            for status, (fill, font) in _STATUS_FILLS.items():
                self.ws.conditional_formatting.add(ref, self.s.CellIsRule(
                    operator="equal", formula=[f'"{label(f"rep_status_{status}", loc)}"'],
                    fill=self.s.PatternFill("solid", fgColor=fill, bgColor=fill),
                    font=self.s.Font(bold=True, color=font)))

    def pareto(self, chart: ParetoChart) -> None:
        self.heading(chart.title, 12)
        header = self.row
        self.header_row([chart.x_label, chart.y_label])
        for x, y in chart.points:
            for j, v in enumerate((x, y)):
                c = _cell(self.ws, self.row, j + 1, v)
                c.number_format = "0%"
            self.row += 1
        line = self.s.ScatterChart()
        line.title = chart.title
        line.style = 13
        line.x_axis.title = chart.x_label
        line.y_axis.title = chart.y_label
        line.x_axis.number_format = "0%"
        line.y_axis.number_format = "0%"
        line.x_axis.scaling.min = line.y_axis.scaling.min = 0
        line.x_axis.scaling.max = line.y_axis.scaling.max = 1
        line.legend = None
        xs = self.s.Reference(self.ws, min_col=1, min_row=header + 1, max_row=self.row - 1)
        ys = self.s.Reference(self.ws, min_col=2, min_row=header, max_row=self.row - 1)
        series = self.s.Series(ys, xs, title_from_data=True)
        series.marker.symbol = "none"
        series.smooth = False
        line.series.append(series)
        line.height, line.width = 9, 15
        self.ws.add_chart(line, f"D{header}")

    def heatmap(self, chart: HeatmapChart) -> None:
        self.heading(chart.title, 12)
        self.header_row([chart.row_title, *chart.cols, chart.row_notes_title])
        first = self.row
        for i, code in enumerate(chart.rows):
            _cell(self.ws, self.row, 1, code).font = self.s.Font(bold=True)
            for j, value in enumerate(chart.values[i]):
                c = _cell(self.ws, self.row, j + 2, value)
                c.number_format = number_format(Cell("money"), self.doc.locale,
                                                self.doc.currency)
            if i < len(chart.row_counts):
                count = _cell(self.ws, self.row, len(chart.cols) + 2, chart.row_counts[i])
                count.number_format = "#,##0"
            self.row += 1
        if chart.rows and chart.cols:
            end = self.s.get_column_letter(len(chart.cols) + 1)
            self.ws.conditional_formatting.add(
                f"B{first}:{end}{self.row - 1}",
                self.s.ColorScaleRule(start_type="num", start_value=0, start_color="F5F6F7",
                                      end_type="max", end_color="5B8DB8"))

    def scatter(self, chart: ScatterChart) -> None:
        self.heading(chart.title, 12)
        header = self.row
        self.header_row([label("client", self.doc.locale), label("name", self.doc.locale),
                         chart.x_label, chart.y_label, chart.group_title])
        for p in chart.points:
            for j, v in enumerate((p.key, p.label, p.x, p.y, p.group)):
                c = _cell(self.ws, self.row, j + 1, v)
                if j in (2, 3):
                    c.number_format = "0.00"
            self.fit(2, p.label)
            self.row += 1
        self.ws.auto_filter.ref = f"A{header}:E{self.row - 1}"

    def matrix(self, chart: MatrixChart) -> None:
        self.heading(chart.title, 12)
        self.header_row([f"{chart.row_title} \\ {chart.col_title}", *chart.cols])
        for i, row in enumerate(chart.rows):
            _cell(self.ws, self.row, 1, row).font = self.s.Font(bold=True)
            for j, cell in enumerate(chart.cells[i]):
                c = _cell(self.ws, self.row, j + 2,
                          f"{cell.clients} · {cell.text}\n{cell.zone_label}")
                c.fill = self.s.PatternFill("solid", fgColor=_ZONE_FILLS.get(cell.zone, "EEEEEE"))
                c.alignment = self.s.Alignment(wrap_text=True, horizontal="center",
                                               vertical="center")
                self.fit(j + 2, cell.zone_label)
            self.row += 1

    def trend(self, chart: TrendChart) -> None:
        dates = chart.dates
        if not any(s.points for s in chart.series):
            return
        self.heading(chart.title, 12)
        loc = self.doc.locale
        self.header_row([label("indicator", loc), *(date_text(d, loc) for d in dates),
                         chart.target_label])
        for s in chart.series:
            _cell(self.ws, self.row, 1, s.label)
            self.fit(1, s.label)
            by_date = dict(s.points)
            for j, d in enumerate(dates):
                _cell(self.ws, self.row, j + 2, by_date.get(d))
            _cell(self.ws, self.row, len(dates) + 2, s.target)
            self.row += 1

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, KeyValues):
            self.key_values(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, ParetoChart):
            self.pareto(block)
        elif isinstance(block, HeatmapChart):
            self.heatmap(block)
        elif isinstance(block, ScatterChart):
            self.scatter(block)
        elif isinstance(block, MatrixChart):
            self.matrix(block)
        elif isinstance(block, TrendChart):
            self.trend(block)
        self.row += 1

    def section(self, section: Section) -> None:
        self.heading(section.title)
        self.row += 1
        for block in section.blocks:
            self.block(block)

    def finish(self) -> None:
        for col, width in self.widths.items():
            self.ws.column_dimensions[self.s.get_column_letter(col)].width = width


def _text_as_text(ws: Any) -> None:
    """Every text cell of ``ws`` stays a text cell: openpyxl would store a text starting
    with ``=`` as a formula (a plan title or a client name could then run one); a string
    cell is never evaluated, whatever it starts with (``+``, ``-``, ``@``, tab, CR)."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.data_type != "s":
                cell.data_type = "s"


class _Styles:
    """The openpyxl names used, imported once."""

    def __init__(self) -> None:
        from openpyxl.chart import Reference, ScatterChart, Series
        from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, DataBarRule, FormulaRule
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        self.Alignment, self.Border, self.Font = Alignment, Border, Font
        self.PatternFill, self.Side = PatternFill, Side
        self.CellIsRule, self.ColorScaleRule = CellIsRule, ColorScaleRule
        self.DataBarRule, self.FormulaRule = DataBarRule, FormulaRule
        self.ScatterChart, self.Reference, self.Series = ScatterChart, Reference, Series
        self.get_column_letter = get_column_letter
        self.Protection, self.DataValidation = Protection, DataValidation
        self.cell_styles: dict[tuple[str | None, bool, bool], Any] = {}
        """The style of the first cell :meth:`_Writer.put` wrote with each (number format,
        wrap, bold), copied to the next ones: building and indexing an openpyxl style per
        cell took two thirds of a 10 000-client workbook's time. One workbook's styles."""


#: Column widths of the PAC sheet (characters).
_PAC_WIDTHS = {"typology": 26, "client": 34, "steps": 42, "type": 12, "horizon": 9,
               "priority": 9, "owner": 13, "participants": 20, "due": 12, "progress": 12,
               "budget": 11, "spent": 11, "comments": 36, "current_revenue": 12,
               "target_revenue": 12, "realised": 12, "attainment": 12, "results": 30,
               "id": 22}

PAC_HEADER_ROW = 4
"""Row of the PAC sheet's column headers (the plan header is above it)."""

STATE_SHEET = "_pacspec"
"""The very hidden sheet that records where a working workbook comes from (see
:func:`_state_sheet` and docs/reports.md)."""
WORKBOOK_FORMAT = "pacspec-workbook"
WORKBOOK_VERSION = 1
"""The layout version of :data:`STATE_SHEET` (``pacspec sync`` refuses others)."""
STATE_HEADER = ("cell", "action", "field", "kind", "original")
"""The header of the editable cells' table in :data:`STATE_SHEET`."""

_INPUT_FILL = "FFF4CC"
"""The fill of the cells a team edits (the one input style)."""
_INPUT_FONT = "1F3F99"
_INPUT_KINDS = {"percent": "percent", "money": "money", "text": "text"}
"""The kind an editable column's cells are recorded with, by column kind."""


@dataclass(frozen=True)
class EditableCell:
    """One editable cell of the PAC sheet: its A1 reference, the action of its row, the plan
    field, its kind (``percent``: a fraction 0..1, ``money``, ``text``) and the value as
    written."""

    cell: str
    action: str
    field: str
    kind: str
    original: Any


def _pac_sheet(ws: Any, doc: Document, s: _Styles) -> list[EditableCell]:
    """The PAC sheet, a working one: the editable columns' cells unlocked and styled as
    inputs with their validation, every other cell locked, the sheet protected (no
    password: the protection guards against slips, not people). Returns the editable
    cells."""
    loc = doc.locale
    section = doc.section("pac-table")
    _cell(ws, 1, 1, doc.title).font = s.Font(bold=True, size=14, color=_ACCENT)
    header = doc.section("header")
    items = {k: v.text for b in header.blocks if isinstance(b, KeyValues) for k, v in b.items}
    sep = colon(loc)
    parts = [f"{k}{sep}{items[k]}" for k in (label("rep_business_unit", loc),
                                             label("rep_budget_year", loc),
                                             label("rep_vision", loc)) if k in items]
    objectives = [r.cells[0].text for b in header.blocks if isinstance(b, Table)
                  and b.id == "objectives" for r in b.data_rows]
    if objectives:
        parts.append(label("rep_objectives", loc) + sep + ("; ".join(objectives)))
    if any(isinstance(b, Paragraph) and b.style == "lead" for b in section.blocks):
        parts += [(b.title or "") + sep + "; ".join(f"{k}{sep}{v.text}" for k, v in b.items)
                  for b in section.blocks if isinstance(b, KeyValues) and b.id == "budget"]
    _cell(ws, 2, 1, "   —   ".join(parts))
    try:
        table = section.table("pac")
    except KeyError:
        _cell(ws, PAC_HEADER_ROW, 1, label("rep_no_actions", loc))
        _protect(ws)
        return []
    late = _cell(ws, 3, 1, "■ " + label("rep_late", loc, as_of=date_text(doc.as_of, loc)))
    late.font = s.Font(italic=True, color=_STATUS_FILLS["red"][1])
    if any(c.editable for c in table.columns):
        inputs = _cell(ws, 3, 4, label("rep_wb_inputs", loc))
        inputs.font = s.Font(italic=True, color=_INPUT_FONT)
        inputs.fill = s.PatternFill("solid", fgColor=_INPUT_FILL)
    lead = [b.text for b in section.blocks if isinstance(b, Paragraph) and b.style == "lead"]
    if lead:  # a document for one person (--owner, --commercial): whose actions
        _cell(ws, 1, 4, lead[0]).font = s.Font(bold=True, size=12)
    columns = [Column("typology", label("typology", loc)), *table.columns,
               Column("id", label("rep_pac_id", loc))]
    w = _Writer(ws, doc, s)
    w.row = PAC_HEADER_ROW
    w.header_row([c.title for c in columns])
    group = ""
    editable: list[EditableCell] = []
    input_fill = s.PatternFill("solid", fgColor=_INPUT_FILL)
    for row in table.rows:
        if row.kind == "group":
            group = row.cells[0].text
            continue
        _cell(ws, w.row, 1, group).alignment = s.Alignment(vertical="top", wrap_text=True)
        for j, (cell, col) in enumerate(zip(row.cells, table.columns, strict=False)):
            target = w.put(w.row, j + 2, cell, col.wide)
            if col.editable and row.key is not None:
                target.protection = s.Protection(locked=False)
                target.fill = input_fill
                target.font = s.Font(color=_INPUT_FONT)
                if col.kind == "money":  # typed in full: "4" in a k€ cell would be 4 €
                    target.number_format = Locale.of(loc).excel_money_format(
                        doc.currency, thousands=False)
                elif target.number_format == "General":
                    target.number_format = number_format(col, loc, doc.currency) or "General"
                editable.append(EditableCell(target.coordinate, row.key, col.key,
                                             _INPUT_KINDS.get(col.kind, "text"),
                                             target.value))
        _cell(ws, w.row, len(columns), row.key).alignment = s.Alignment(
            vertical="top")
        w.row += 1
    last = w.row - 1
    _validations(ws, table.columns, letter_of=lambda j: s.get_column_letter(j + 2),
                 first=PAC_HEADER_ROW + 1, last=last, doc=doc, s=s)
    if table.note:
        _cell(ws, last + 2, 1, table.note).font = s.Font(italic=True)
    keys = [c.key for c in columns]
    letter = {k: s.get_column_letter(i + 1) for i, k in enumerate(keys)}
    ref_end = s.get_column_letter(len(columns))
    ws.auto_filter.ref = f"A{PAC_HEADER_ROW}:{ref_end}{max(last, PAC_HEADER_ROW)}"
    ws.freeze_panes = f"C{PAC_HEADER_ROW + 1}"
    if last > PAC_HEADER_ROW:
        first = PAC_HEADER_ROW + 1
        progress = f"{letter['progress']}{first}:{letter['progress']}{last}"
        ws.conditional_formatting.add(progress, s.DataBarRule(
            start_type="num", start_value=0, end_type="num", end_value=1, color="5B8DB8"))
        d = doc.as_of
        red_fill, red_font = _STATUS_FILLS["red"]
        formula = (f"AND(ISNUMBER(${letter['due']}{first}),${letter['due']}{first}<"
                   f"DATE({d.year},{d.month},{d.day}),${letter['progress']}{first}<1)")
        ws.conditional_formatting.add(
            f"{letter['due']}{first}:{letter['progress']}{last}",
            s.FormulaRule(formula=[formula], fill=s.PatternFill("solid", fgColor=red_fill,
                                                                bgColor=red_fill),
                          font=s.Font(bold=True, color=red_font)))
    for k, width in _PAC_WIDTHS.items():
        if k in letter:
            ws.column_dimensions[letter[k]].width = width
    ws.row_dimensions[PAC_HEADER_ROW].height = 30
    ws.sheet_view.zoomScale = 90
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{PAC_HEADER_ROW}:{PAC_HEADER_ROW}"
    _protect(ws)
    return editable


def _protect(ws: Any) -> None:
    """Sheet protection on, without a password; filtering and resizing columns and rows
    stay allowed, sorting does not (``pacspec sync`` reads the rows where they were
    written). openpyxl's flags say what is *locked*."""
    p = ws.protection
    p.sheet = True
    p.autoFilter = p.formatColumns = p.formatRows = False
    p.sort = p.formatCells = p.insertRows = p.deleteRows = True
    p.selectLockedCells = p.selectUnlockedCells = False


def _validations(ws: Any, columns: tuple[Column, ...], *, letter_of: Any, first: int,
                 last: int, doc: Document, s: _Styles) -> None:
    """Data validation on the editable columns: a percentage 0..1 (shown 0-100 %), an
    amount of 0 or more; text is free."""
    if last < first:
        return
    loc = doc.locale
    for j, col in enumerate(columns):
        if not col.editable or col.kind not in ("percent", "money"):
            continue
        letter = letter_of(j)
        if col.kind == "percent":
            dv = s.DataValidation(type="decimal", operator="between", formula1="0",
                                  formula2="1", allow_blank=True)
            title, error = label("progress", loc), label("rep_wb_progress_error",
                                                                      loc)
        else:
            dv = s.DataValidation(type="decimal", operator="greaterThanOrEqual",
                                  formula1="0", allow_blank=True)
            title = label("spent", loc)
            error = label("rep_wb_spent_error", loc, currency=doc.currency)
        dv.showErrorMessage = dv.showInputMessage = True
        dv.errorStyle = "stop"
        dv.errorTitle = dv.promptTitle = title
        dv.error = dv.prompt = error
        dv.add(f"{letter}{first}:{letter}{last}")
        ws.add_data_validation(dv)


def _state_sheet(ws: Any, doc: Document, pac_sheet: str, cells: list[EditableCell]) -> None:
    """The very hidden, protected sheet that lets ``pacspec sync`` read the workbook back:
    keys and values in A:B (format, version, plan, plan_sha256, as_of, generated, locale,
    owner, pac_sheet, pacspec_version), an empty row, then one row per editable cell
    (cell, action, field, kind, original value as JSON)."""
    import pacspec

    origin = doc.origin
    generated = ""
    if origin is not None:
        stamp = origin.generated.astimezone(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
        generated = stamp.isoformat() + "Z"
    items: list[tuple[str, Any]] = [
        ("format", WORKBOOK_FORMAT),
        ("version", WORKBOOK_VERSION),
        ("plan", origin.plan if origin is not None else ""),
        ("plan_sha256", origin.sha256 if origin is not None else ""),
        ("as_of", doc.as_of.isoformat()),
        ("generated", generated),
        ("locale", doc.locale),
        ("owner", (origin.owner or "") if origin is not None else ""),
        ("pac_sheet", pac_sheet),
        ("pacspec_version", pacspec.__version__),
    ]
    for i, (key, value) in enumerate(items, start=1):
        _cell(ws, i, 1, key)
        _cell(ws, i, 2, value)
    row = len(items) + 2
    for j, title in enumerate(STATE_HEADER, start=1):
        _cell(ws, row, j, title)
    for c in cells:
        row += 1
        for j, value in enumerate((c.cell, c.action, c.field, c.kind,
                                   json.dumps(c.original, ensure_ascii=False)), start=1):
            _cell(ws, row, j, value)
    ws.sheet_state = "veryHidden"
    _protect(ws)


def _clients_sheet(ws: Any, doc: Document, s: _Styles) -> None:
    w = _Writer(ws, doc, s)
    table = doc.clients
    w.header_row([c.title for c in table.columns])
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            w.put(w.row, j + 1, cell)
        w.row += 1
    end = s.get_column_letter(len(table.columns))
    ws.auto_filter.ref = f"A1:{end}{max(w.row - 1, 1)}"
    ws.freeze_panes = "C2"
    w.finish()


def write_xlsx(doc: Document, path: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the document as an XLSX workbook to ``path`` (replacing it) or to a binary
    file object (what :func:`pacspec.output.open_output` gives)."""
    openpyxl = require_openpyxl()
    s = _Styles()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    pac: tuple[str, list[EditableCell]] | None = None
    for name, members in _sheets(doc):
        ws = wb.create_sheet(name)
        if [m.id for m in members] == ["pac-table"]:
            pac = (name, _pac_sheet(ws, doc, s))
            continue
        w = _Writer(ws, doc, s)
        for section in members:
            w.section(section)
        w.finish()
        if any(m.id == "steering" for m in members):
            ws.freeze_panes = "A2"
    _clients_sheet(wb.create_sheet(sheet_names(doc)["clients"]), doc, s)
    if pac is not None:
        _state_sheet(wb.create_sheet(STATE_SHEET), doc, *pac)
    for ws in wb.worksheets:
        _text_as_text(ws)
    wb.properties.title = doc.title
    wb.properties.creator = "pacspec"
    stamp = dt.datetime.combine(doc.as_of, dt.time())
    wb.properties.created = wb.properties.modified = stamp
    wb.save(path if hasattr(path, "write") else os.fspath(path))  # type: ignore[arg-type]
