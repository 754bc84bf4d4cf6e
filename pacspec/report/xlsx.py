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
number formats show them as in the other reports, one named style per look (``pacspec
#,##0" €"``...). The Clients sheet, one row per client, is streamed into the file column by
column from :class:`~pacspec.report.clients.ClientsTable` (:class:`_ClientRows`): openpyxl
writes the other sheets and that sheet's header. It renders a
:class:`~pacspec.report.document.Document` and computes nothing. openpyxl is imported
lazily: without it, :func:`require_openpyxl` raises a clear error.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from pacspec.diagnostics import Problem
from pacspec.i18n import Locale, colon, label
from pacspec.reasons import Reason
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
from pacspec.report.number_text import gather, rounded_texts
from pacspec.report.palette import argb

if TYPE_CHECKING:
    from pacspec.report.clients import ClientsTable

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
            hint="install the xlsx extra: pip install 'pacspec[xlsx]'",
            reason=Reason("file_not_installed", {"module": "openpyxl", "extra": "xlsx"}))]
        ) from None
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


_CONTROLS = bytes([*range(0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20)])
"""The control bytes :data:`_NOT_XML` finds (XML 1.0 holds no other control character than
tab and line feed) and the carriage return (:func:`_clean` makes it a line feed)."""


def _plain_utf8(data: bytes) -> bool:
    """Whether UTF-8 ``data`` holds nothing :func:`_clean` would change: no byte of
    :data:`_CONTROLS`, no U+FFFE or U+FFFF (lone surrogates never reach Arrow)."""
    return len(data.translate(None, _CONTROLS)) == len(data) and \
        b"\xef\xbf\xbe" not in data and b"\xef\xbf\xbf" not in data


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
        target._style = copy.copy(self.s.look(self.ws.parent, key))
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
            if self.s.header is not None:  # the look of the first header cell, shared
                c._style = copy.copy(self.s.header)
            else:
                c.font = self.s.Font(bold=True)
                c.fill = self.s.PatternFill("solid", fgColor=_SOFT)
                c.border = self.s.Border(bottom=self.s.Side(style="thin", color="9AA7B4"))
                c.alignment = self.s.Alignment(wrap_text=True, vertical="bottom")
                self.s.header = copy.copy(c._style)
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
                         chart.target_label, label("expected", loc), label("n1_to_date", loc),
                         label("projection", loc), label("annual_target", loc)])
        last = dates[-1] if dates else None
        for s in chart.series:
            _cell(self.ws, self.row, 1, s.label)
            self.fit(1, s.label)
            by_date = dict(s.points)
            for j, d in enumerate(dates):
                _cell(self.ws, self.row, j + 2, by_date.get(d))
            _cell(self.ws, self.row, len(dates) + 2, s.target)
            # at the last date: expected (the phased target), N−1 to date; the landing
            # beside the year's target
            expected, n1 = dict(s.expected), dict(s.n1)
            for j, value in enumerate((expected.get(last) if last else None,
                                       n1.get(last) if last else None,
                                       s.landing, s.annual_target if s.landing is not None
                                       else None), start=len(dates) + 3):
                _cell(self.ws, self.row, j, value)
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
        from openpyxl.styles import (
            Alignment,
            Border,
            Font,
            NamedStyle,
            PatternFill,
            Protection,
            Side,
        )
        from openpyxl.styles.fonts import DEFAULT_FONT
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation

        self.Alignment, self.Border, self.Font = Alignment, Border, Font
        self.PatternFill, self.Side = PatternFill, Side
        self.CellIsRule, self.ColorScaleRule = CellIsRule, ColorScaleRule
        self.DataBarRule, self.FormulaRule = DataBarRule, FormulaRule
        self.ScatterChart, self.Reference, self.Series = ScatterChart, Reference, Series
        self.get_column_letter = get_column_letter
        self.Protection, self.DataValidation = Protection, DataValidation
        self.NamedStyle, self.default_font = NamedStyle, DEFAULT_FONT
        self.cell_styles: dict[tuple[str | None, bool, bool], Any] = {}
        """The style of each look (number format, wrap, bold) :meth:`look` built, copied
        to every cell of that look: building and indexing an openpyxl style per cell took
        two thirds of a 10 000-client workbook's time. One workbook's styles."""
        self.header: Any = None
        """The style array of a header cell (bold, filled, underlined, wrapped), made once:
        four openpyxl style objects built and indexed per header cell took a tenth of
        the workbook's time."""

    def look(self, wb: Any, key: tuple[str | None, bool, bool]) -> Any:
        """The style array of a cell of look ``key`` (number format or None, wrap, bold) in
        ``wb``: one named style per look (``pacspec #,##0``...), added to the workbook the
        first time it is used, so that every cell of a look shares it."""
        styled = self.cell_styles.get(key)
        if styled is None:
            fmt, wrap, bold = key
            name = " ".join(["pacspec", fmt or "General", *(["wrap"] if wrap else []),
                             *(["bold"] if bold else [])])
            if name not in wb.named_styles:
                wb.add_named_style(self.NamedStyle(
                    name=name, number_format=fmt or "General",
                    alignment=self.Alignment(wrap_text=wrap or None, vertical="top"),
                    font=self.Font(bold=True) if bold else copy.copy(self.default_font)))
            styled = copy.copy(wb._named_styles[name].as_tuple())
            self.cell_styles[key] = styled
        return styled


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


EXCEL_MAX_ROWS = 1_048_576
"""Rows of an Excel worksheet: the Clients sheet holds a header and one row per client."""

_CHUNK = 20_000
"""Clients rows formatted at a time (what the streamed sheet holds in memory)."""

_CELL_MARKUP = 80
"""Bytes of a cell's XML besides its text, and its share of its row's tags (``<c
r="AB123456" s="12" t="inlineStr"><is><t xml:space="preserve">`` and the closing tags: 77
at most)."""

_EXCEL_EPOCH_DAYS = 25_569
"""Days from Excel's day 0 (1899-12-30, the 1900 date system) to 1970-01-01."""


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _ClientRows:
    """The Clients sheet's data rows, written straight into the sheet's XML column by
    column (openpyxl would build one cell object per client and column): a column's cells
    are formatted in one string operation (its values, or its distinct texts), each row is
    one join, with one shared style per look. The XML is what openpyxl writes for cells of
    the same values and looks (numbers as ``%.16g``, money to the cent, dates as day serials,
    texts inline; a long column of few labels as shared strings, a fifth of the XML), but
    for the cells' optional ``r`` (see :meth:`chunks`) and a number's ``t="n"``, the
    default type (ECMA-376 18.3.1.4: a seventh of the XML at 100 000 clients). Integer and
    date cells are made by Arrow's compute functions, a column at a time, a number column
    by one printf, and each chunk's rows are joined by Arrow."""

    def __init__(self, table: ClientsTable, styles: list[int], empty: int,
                 widths: list[int]) -> None:
        self.table = table
        self.styles = styles
        self.empty = f'<c s="{empty}"/>'
        self.most = len(table) * sum(2 * w + _CELL_MARKUP for w in widths)
        """About the most bytes of XML the rows can take: per cell, twice its column's
        longest text (accents take two bytes, ``&`` five) and its markup."""
        self.shared: dict[str, int] = {}
        """The shared strings (``xl/sharedStrings.xml``) the cells refer to, each with its
        index: the distinct texts of the label columns (see :meth:`_plain_text`)."""

    def _plain_text(self, j: int, values: np.ndarray) -> Any:
        """A text column's cells made by Arrow when every value is a text with no
        character XML cannot hold, no carriage return and no space at either end; None
        otherwise (:meth:`_text` makes them). Markup is escaped, an empty text is an empty
        cell."""
        import pyarrow as pa
        import pyarrow.compute as pc

        try:
            texts = pa.array(values, pa.string())
        except (pa.ArrowInvalid, pa.ArrowTypeError,  # numbers, NaN...: not all texts
                UnicodeEncodeError):  # a lone surrogate
            return None
        if texts.null_count:
            return None
        if len(texts) >= 1024:  # labels (profile, region...): shared strings, made once
            coded = pc.dictionary_encode(texts)
            if 8 * len(coded.dictionary) < len(texts):
                if self._plain_cells(j, coded.dictionary) is None:
                    return None
                cells = [self._shared_cell(j, text) for text in coded.dictionary.to_pylist()]
                return pa.array(cells, pa.string()).take(coded.indices)
        return self._plain_cells(j, texts)

    def _shared_cell(self, j: int, text: str) -> str:
        """The cell of column ``j`` holding ``text`` as a shared string (an empty text is
        an empty cell): ``<c s=".." t="s"><v>index</v></c>``, 17 bytes and the text less
        than an inline one's."""
        if not text:
            return self.empty
        index = self.shared.setdefault(text, len(self.shared))
        return f'<c s="{self.styles[j]}" t="s"><v>{index}</v></c>'

    def shared_strings(self) -> bytes:
        """``xl/sharedStrings.xml`` of :attr:`shared` (ECMA-376 18.4.9)."""
        items = "".join(f"<si><t>{_xml_text(t)}</t></si>" for t in self.shared)
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns='
                f'"{_MAIN_NS}" uniqueCount="{len(self.shared)}">{items}</sst>').encode()

    def _plain_cells(self, j: int, texts: Any) -> Any:
        """:meth:`_plain_text` of the Arrow strings ``texts`` (no null among them)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        # a space at either end (xml:space): Python's spaces, among the distinct end letters
        ends = pc.unique(pa.chunked_array([pc.utf8_slice_codeunits(texts, 0, 1),
                                           pc.utf8_slice_codeunits(texts, -1, 2**31 - 1)]))
        if any(c.isspace() for c in ends.to_pylist()):
            return None
        data = _utf8(texts)
        if not _plain_utf8(data):
            return None
        for mark, entity in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
            if mark.encode() in data:
                texts = pc.replace_substring(texts, mark, entity)
        cells = pc.binary_join_element_wise(
            f'<c s="{self.styles[j]}" t="inlineStr"><is><t>', texts, "</t></is></c>", "")
        empty = pc.equal(texts, "")
        return pc.if_else(empty, pa.scalar(self.empty), cells) if pc.any(empty).as_py() \
            else cells

    def _text(self, j: int, values: np.ndarray) -> list[str]:
        """A text column's cells: each distinct value formatted once."""
        start, empty = f'<c s="{self.styles[j]}" t="inlineStr"><is><t', self.empty
        items = values.tolist()
        distinct = set(items)  # NaN: each NaN object is its own key, found by identity
        texts = {v: "" if v is None or (isinstance(v, float) and v != v) else str(v)
                 for v in distinct}
        sample = "".join(texts.values())
        plain = not (_NOT_XML.search(sample) or "\r" in sample)
        escape = any(c in sample for c in "&<>")
        lookup = {}
        for v, text in texts.items():
            if not text:
                lookup[v] = empty
                continue
            text = text if plain else _clean(text)
            space = ' xml:space="preserve"' if text != text.strip() else ""
            lookup[v] = f"{start}{space}>{_xml_text(text) if escape else text}</t></is></c>"
        return list(map(lookup.__getitem__, items))

    def _cells(self, j: int, texts: Any, empty: np.ndarray | None = None) -> Any:
        """Number cells of the Arrow strings ``texts`` (``<c s=".."><v>text</v></c>``),
        an empty cell where ``empty`` is true; an Arrow string array."""
        import pyarrow as pa
        import pyarrow.compute as pc

        cells = pc.binary_join_element_wise(f'<c s="{self.styles[j]}"><v>', texts,
                                            "</v></c>", "")
        if empty is not None and empty.any():
            cells = pc.if_else(pa.array(empty), pa.scalar(self.empty), cells)
        return cells

    def _numbers(self, j: int, values: np.ndarray, kind: str) -> Any:
        if values.dtype.kind == "b":
            values = values.astype(np.int64)
        if values.dtype.kind in "iu":
            return _by_distinct(values.astype(np.int64, copy=False),
                                lambda v: self._int_cells(j, v))
        floats = np.asarray([np.nan if v is None else v for v in values.tolist()],
                            dtype=np.float64) if values.dtype.kind == "O" else \
            values.astype(np.float64, copy=False)
        return _by_distinct(floats, lambda v: self._float_cells(j, v, kind))

    def _int_cells(self, j: int, ints: np.ndarray, empty: np.ndarray | None = None) -> Any:
        import pyarrow as pa

        return self._cells(j, pa.array(ints, pa.int64()).cast(pa.string()), empty)

    def _float_cells(self, j: int, floats: np.ndarray, kind: str) -> Any:
        """A number column's cells: an integer column's as ints; a money column's rounded
        to the cent, as the shortest text of that amount (the engine's sums carry float
        noise, 1319.3199999999997 for 1319.32: the cent is what a practitioner means and
        what the sheet shows); any other number as openpyxl writes it, ``%.16g`` (a whole
        one below 1e16 as its integer, the same text). NaN is an empty cell, an infinity
        an empty value (what openpyxl writes for one)."""
        import pyarrow as pa
        import pyarrow.compute as pc

        if kind == "integer":  # written as ints, NaN and infinities as an empty cell
            bad = ~np.isfinite(floats)
            return self._int_cells(j, np.where(bad, 0, floats).astype(np.int64), bad)
        finite = np.isfinite(floats)
        known = np.where(finite, floats, 0.0)
        texts = rounded_texts(known, 2) if kind == "money" else _g16_texts(known)
        cells = self._cells(j, texts, np.isnan(floats))
        infinite = ~finite & ~np.isnan(floats)
        if infinite.any():
            cells = pc.if_else(pa.array(infinite),
                               pa.scalar(f'<c s="{self.styles[j]}"><v></v></c>'), cells)
        return cells

    def _dates(self, j: int, values: np.ndarray) -> Any:
        if values.dtype.kind == "M":
            days = values.astype("datetime64[D]")
            missing = np.isnat(days)
            serial = np.where(missing, 0, days.astype(np.int64) + _EXCEL_EPOCH_DAYS)
        else:
            epoch = dt.date(1970, 1, 1)
            serial = np.array([(v - epoch).days + _EXCEL_EPOCH_DAYS
                               if isinstance(v, dt.date) and not isinstance(v, dt.datetime)
                               else -1 for v in values.tolist()], dtype=np.int64)
            missing = serial == -1
        return self._int_cells(j, serial, missing)

    def _fragments(self, j: int, start: int, stop: int) -> Any:
        """Column ``j``'s cells of rows ``start:stop``: an Arrow string array."""
        import pyarrow as pa

        kind, values = self.table.columns[j].kind, self.table.values[j][start:stop]
        if kind in ("money", "percent", "number", "integer"):
            return self._numbers(j, values, kind)
        if kind == "date":
            return self._dates(j, values)
        if values.dtype.kind == "O" and len(values) >= 64:
            plain = self._plain_text(j, values)
            if plain is not None:
                return plain
        return pa.array(self._text(j, values), pa.string())

    def chunks(self) -> Iterator[Any]:
        """The ``<row>`` elements of rows 2.. as UTF-8 (bytes-like Arrow buffers, what
        the zip stream compresses without a copy), a chunk of clients at a time. A
        cell carries no ``r`` (ECMA-376 makes it optional: a cell without one is the next
        column of its row, and every column has its cell, an empty one included); that is
        a quarter of the XML and most of the work of assembling it."""
        import pyarrow as pa
        import pyarrow.compute as pc

        n = len(self.table)
        for start in range(0, n, _CHUNK):
            stop = min(start + _CHUNK, n)
            numbers = pa.array(np.arange(start + 2, stop + 2)).cast(pa.string())
            parts = [pc.binary_join_element_wise('<row r="', numbers, '">', "")]
            parts.extend(self._fragments(j, start, stop) for j in range(len(self.styles)))
            # each row's cells joined by Arrow (the last argument is the separator); the
            # chunk is then the rows' UTF-8 bytes end to end, as the array holds them
            rows = pc.binary_join_element_wise(*parts, "</row>", "")
            yield _utf8_buffer(rows)


def _g16_texts(floats: np.ndarray) -> Any:
    """The finite ``floats`` as openpyxl writes them, ``%.16g`` (one printf over the
    column's fractional numbers; a whole number below 1e16 as its integer, the same text):
    an Arrow string array."""
    import pyarrow as pa

    whole = (floats == np.trunc(floats)) & (np.abs(floats) < 1e16) & ~(
        (floats == 0) & np.signbit(floats))  # -0.0 is "-0"
    other = floats[~whole]
    text = ("%.16g\x00" * len(other) % tuple(other.tolist()))[:-1]
    return gather(whole, pa.array(floats[whole].astype(np.int64)).cast(pa.string()),
                  pa.array(text.split("\x00") if len(other) else [], pa.string()))


def _utf8_buffer(strings: Any) -> Any:
    """The UTF-8 of an Arrow string array's values end to end (no null among them), as the
    array holds it: an Arrow buffer (bytes-like, not copied)."""
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int32)
    first, last = offsets[strings.offset], offsets[strings.offset + len(strings)]
    return strings.buffers()[2][int(first):int(last)]


def _utf8(strings: Any) -> bytes:
    """:func:`_utf8_buffer` as bytes."""
    return bytes(_utf8_buffer(strings).to_pybytes())


def _by_distinct(values: np.ndarray, cells: Callable[[np.ndarray], Any]) -> Any:
    """``cells(values)`` (an Arrow array), made for each distinct value once when values
    repeat (counts, scores, zeros) and taken for each value: values are the same when their
    bits are (``-0.0`` is not ``0.0``, as their texts are not)."""
    if len(values) < 64:
        return cells(values)
    keys = values.view(np.int64) if values.dtype == np.float64 else values
    sample = keys[::max(1, len(keys) // 256)]
    if 2 * len(np.unique(sample)) > len(sample):  # mostly distinct (amounts): no sort
        return cells(values)
    distinct, inverse = np.unique(keys, return_inverse=True)
    if 2 * len(distinct) > len(values):
        return cells(values)
    made = cells(distinct.view(values.dtype) if values.dtype == np.float64 else distinct)
    return made.take(inverse.reshape(-1))


def _width(table: ClientsTable, j: int) -> int:
    """The longest text a cell of column ``j`` shows (what :meth:`_Writer.fit` measures):
    of every distinct text, or of the extreme values (a number's text grows with its size
    and sign, a date's is fixed)."""
    values = table.values[j]
    kind = table.columns[j].kind
    if kind == "text" and values.dtype.kind == "O":
        longest = _longest_text(values)
        if longest is not None:
            return longest
    if kind == "text" or values.dtype.kind == "O":
        texts = [table.cell(j, v).text if not isinstance(v, str) else v
                 for v in set(values.tolist())]
        # the longest line of any text: one join and one split, not one split per text
        return max(map(len, "\n".join(texts).split("\n"))) if texts else 0
    if values.dtype.kind == "M":
        known = values[~np.isnat(values)]
        samples: list[object] = known[:1].astype("datetime64[D]").astype(dt.date).tolist()
    else:
        known = values[np.isfinite(values)] if values.dtype.kind == "f" else values
        samples = [known.min(), known.max()] if len(known) else []
    return max((len(table.cell(j, v).text) for v in samples), default=0)


def _longest_text(values: np.ndarray) -> int | None:
    """The most characters of a value of ``values`` when they are all texts (or None)
    without a line break, measured by Arrow; None otherwise."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        texts = pa.array(values, pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeEncodeError):  # numbers, NaN...
        return None
    if b"\n" in _utf8(texts.fill_null("")):
        return None
    longest = pc.max(pc.utf8_length(texts)).as_py()
    return int(longest) if longest is not None else 0


def _clients_sheet(ws: Any, doc: Document, s: _Styles) -> _ClientRows:
    """The Clients sheet: its header row, widths, filter and frozen panes here; its data
    rows streamed at save (see :class:`_ClientRows` and :func:`_save`)."""
    table = doc.clients
    if len(table) + 1 > EXCEL_MAX_ROWS:
        from pacspec.report import ReportError

        loc = doc.locale
        raise ReportError([Problem(
            "error", "too-many-rows",
            label("rep_xlsx_too_many_rows", loc, clients=str(len(table)),
                  rows=str(EXCEL_MAX_ROWS - 1)),
            hint=label("rep_xlsx_too_many_rows_hint", loc))])
    w = _Writer(ws, doc, s)
    w.header_row([c.title for c in table.columns])
    wb = ws.parent
    styles, widths = [], []
    for j, col in enumerate(table.columns):
        fmt = number_format(Cell(col.kind, digits=table.digits[j], scale="unit"), doc.locale,
                            doc.currency)
        styles.append(wb._cell_styles.add(s.look(wb, (fmt, False, False))))
        if len(table):
            widths.append(_width(table, j))
            w.fit(j + 1, "x" * widths[-1])
    empty = wb._cell_styles.add(s.look(wb, (None, False, False)))
    end = s.get_column_letter(len(table.columns))
    ws.auto_filter.ref = f"A1:{end}{max(len(table) + 1, 1)}"
    ws.freeze_panes = "C2"
    w.finish()
    return _ClientRows(table, styles, empty, widths)


def _sheet_member(book: zipfile.ZipFile, title: str) -> str:
    """The zip member of the worksheet named ``title`` (from the workbook's relations)."""
    import xml.etree.ElementTree as ET

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    sheets = ET.fromstring(book.read("xl/workbook.xml")).iter(f"{main}sheet")
    rid = next(e.get(rel) for e in sheets if e.get("name") == title)
    rels = ET.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(str(e.get("Target")) for e in rels if e.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def _save(wb: Any, path: str | os.PathLike[str] | IO[bytes], clients: str,
          rows: _ClientRows) -> None:
    """Save ``wb`` to ``path``, the worksheet ``clients`` with ``rows`` streamed into it:
    openpyxl writes the workbook (the Clients sheet with its header only) to memory, then
    every part is copied to ``path`` and the rows are written into that sheet's
    ``<sheetData>`` a chunk at a time."""
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as book:
        member = _sheet_member(book, clients)
        target = path if hasattr(path, "write") else os.fspath(path)
        # level 1 for the streamed rows, most of the bytes: at 100 000 clients (220 MB of
        # XML) level 6 took 6.7 s instead of 1.8 s for a file 28 % smaller
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED,  # type: ignore[arg-type]
                             compresslevel=1) as out:
            later = [i for i in book.infolist() if i.filename in _SHARED_STRINGS_PARTS]
            for info in book.infolist():
                if info in later:
                    continue
                if info.filename != member:
                    out.writestr(info, book.read(info))
                    continue
                xml = book.read(info).decode("utf-8").replace("<sheetData />",
                                                              "<sheetData></sheetData>")
                head, tail = xml.split("</sheetData>", 1)
                n, width = len(rows.table) + 1, max(len(rows.table.columns), 1)
                head = re.sub(r'<dimension ref="[^"]*"',
                              f'<dimension ref="A1:{_column_letter(width)}{n}"', head, count=1)
                big = rows.most > 1_500_000_000  # 2 GiB of XML or more is possible: zip64
                with out.open(member, "w", force_zip64=big) as fh:
                    fh.write(head.encode("utf-8"))
                    _write_behind(fh, rows.chunks())
                    fh.write(("</sheetData>" + tail).encode("utf-8"))
            # the shared strings the rows referred to: their part, its relation, its type
            for info in later:
                text = book.read(info).decode("utf-8")
                if rows.shared:
                    end, entry = _SHARED_STRINGS_PARTS[info.filename]
                    text = text.replace(end, entry + end, 1)
                out.writestr(info, text.encode("utf-8"))
            if rows.shared:
                out.writestr("xl/sharedStrings.xml", rows.shared_strings())


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SHARED_STRINGS_PARTS = {
    "xl/_rels/workbook.xml.rels": (
        "</Relationships>",
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/sharedStrings" Target="sharedStrings.xml" Id="rIdPacspecStrings" />'),
    "[Content_Types].xml": (
        "</Types>",
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" />'),
}
"""The parts that name the shared strings (openpyxl writes none): the closing tag of each,
and the entry put before it."""


def _write_behind(fh: IO[bytes], chunks: Iterator[Any]) -> None:
    """Write ``chunks`` to ``fh`` in a second thread, one chunk behind the formatting of the
    next: zlib releases the GIL, so on two cores the compression (a third of the sheet's
    time) overlaps the formatting. An error of either side is raised here."""
    from concurrent.futures import Future, ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pacspec-xlsx") as pool:
        pending: Future[int] | None = None
        for chunk in chunks:
            if pending is not None:
                pending.result()
            pending = pool.submit(fh.write, chunk)
        if pending is not None:
            pending.result()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


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
    clients = sheet_names(doc)["clients"]
    rows = _clients_sheet(wb.create_sheet(clients), doc, s)
    if pac is not None:
        _state_sheet(wb.create_sheet(STATE_SHEET), doc, *pac)
    for ws in wb.worksheets:
        _text_as_text(ws)
    wb.properties.title = doc.title
    wb.properties.creator = "pacspec"
    stamp = dt.datetime.combine(doc.as_of, dt.time())
    wb.properties.created = wb.properties.modified = stamp
    _save(wb, path, clients, rows)
