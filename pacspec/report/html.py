"""The HTML report: one self-contained, print-friendly file in the plan's locale.

It renders a :class:`~pacspec.report.document.Document` with the standard library only
(``html.escape`` and string building): inline CSS with ``@media print`` rules, charts as
inline SVG drawn by the small helpers below, no scripts, no external URL, no font to fetch.
Every section is a ``<section id="...">`` with the document's stable section id; the PAC
table's rows carry ``data-action="<action id>"``.

The helpers place things on screen (scales, colours, label positions); the numbers they
show come from the document.
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape

from pacspec.i18n import Locale, colon, label, number, percent
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
    Row,
    ScatterChart,
    ScatterPoint,
    Section,
    Table,
    TrendChart,
    TrendChartSeries,
    placed_in,
)

__all__ = ["render_html"]

#: Sections that start on a new page when printed.
_PAGE_BREAKS = frozenset({"abc", "rfm", "ipo-ipa", "portfolio", "pac-table", "steering"})

#: Column widths (percent) of the PAC table, so that it fits a landscape page.
_PAC_WIDTHS = {"client": 9.5, "steps": 9.5, "type": 7, "horizon": 4, "priority": 4,
               "owner": 5.5, "participants": 5, "due": 6.5, "progress": 6.5, "budget": 5,
               "spent": 5, "comments": 7.5, "current_revenue": 5, "target_revenue": 5,
               "realised": 5, "attainment": 4, "results": 6}
"""They add up to 100 with every column (the realised revenue and attainment appear once
the plan has started; without them the browser scales the rest up)."""

_ZONE_COLOURS = palette.ZONE_COLOURS
_QUADRANT_COLOURS = palette.QUADRANT_COLOURS
_STATUS_COLOURS = palette.STATUS_COLOURS

_ROOT = (f":root{{--ink:{palette.INK};--muted:{palette.MUTED};--line:#d3dbe3;"
         f"--soft:{palette.SOFT};--accent:{palette.ACCENT};\n"
         f"--green:{palette.STATUS_COLOURS['green']};--orange:{palette.STATUS_COLOURS['orange']};"
         f"--red:{palette.STATUS_COLOURS['red']}}}")
_CSS = "\n" + _ROOT + """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0 auto;max-width:1240px;padding:28px 32px 40px;color:var(--ink);background:#fff;
font-family:"Segoe UI","Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif;
font-size:13px;line-height:1.4}
header.doc{border-bottom:3px solid var(--accent);padding-bottom:12px;margin-bottom:8px}
header.doc .kicker{color:var(--accent);font-weight:700;letter-spacing:.06em;text-transform:uppercase;
font-size:12px;margin:0}
header.doc h1{font-size:26px;margin:4px 0 6px;line-height:1.2}
header.doc .band{display:flex;flex-wrap:wrap;gap:6px 28px;margin:8px 0 0;padding:0;list-style:none;
color:var(--muted)}
header.doc .band b{color:var(--ink)}
header.doc .vision{margin:10px 0 0;font-size:15px;font-style:italic}
header.doc .band.dates{margin-top:10px;padding-top:8px;border-top:1px solid var(--line);
font-size:12px}
nav.toc{margin:10px 0 4px;font-size:12px;color:var(--muted)}
nav.toc ol{display:flex;flex-wrap:wrap;gap:4px 18px;margin:4px 0 0;padding-left:0;list-style:none;
counter-reset:toc}
nav.toc li{counter-increment:toc;white-space:nowrap}
nav.toc li::before{content:counter(toc) ".\\00a0";color:var(--muted)}
nav.toc a{color:var(--accent);text-decoration:none}
section{margin-top:26px}
h2{font-size:19px;color:var(--accent);border-bottom:1.5px solid var(--accent);padding-bottom:3px;
margin:0 0 10px}
h3{font-size:13.5px;margin:0 0 6px}
.blocks{display:flex;flex-wrap:wrap;gap:14px 30px;align-items:flex-start}
.blocks>.full{flex:1 1 100%}
.block{min-width:0}
.stack{display:flex;flex-direction:column;gap:14px}
p{margin:0}
p.lead{max-width:960px;font-size:13.5px}
p.note{color:var(--muted);font-style:italic}
p.warning{border-left:4px solid var(--orange);background:#fff6e5;padding:6px 10px}
ul.warnings{border-left:4px solid var(--orange);background:#fff6e5;padding:6px 10px 6px 26px;
margin:0}
ul.warnings li{margin:1px 0}
td.status{white-space:nowrap}
table{border-collapse:collapse;font-variant-numeric:tabular-nums}
th,td{border:1px solid var(--line);padding:4px 7px;vertical-align:top;text-align:left}
thead th{background:var(--soft);font-weight:600;vertical-align:bottom}
td.r,th.r{text-align:right;white-space:nowrap}
td.c,th.c{text-align:center}
td.wide{min-width:14em}
tbody th{font-weight:600;background:#fafbfc}
tr.total td,tr.total th{font-weight:700;border-top:2px solid var(--ink)}
tr.group th{background:var(--accent);color:#fff;font-weight:700;letter-spacing:.02em}
.table-note{color:var(--muted);margin-top:4px}
ul.lines{margin:0;padding-left:1.1em}
ul.lines li{margin:0}
ul.lines.plain{list-style:none;padding-left:0}
ul.lines.plain li:first-child{font-weight:600}
ul.lines.plain li+li{color:var(--muted)}
.strong{font-weight:600}
.bar{display:inline-block;width:48px;height:7px;background:#e3e8ee;border-radius:4px;
margin-right:6px;vertical-align:middle;overflow:hidden}
.bar>span{display:block;height:100%;background:var(--accent)}
.light{display:inline-block;width:.85em;height:.85em;border-radius:50%;margin-right:.4em;
vertical-align:-.08em;border:1px solid rgba(0,0,0,.25)}
.light.green{background:var(--green)}.light.orange{background:var(--orange)}.light.red{background:var(--red)}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:0}
dl.kv dt{color:var(--muted)}
dl.kv dd{margin:0}
figure{margin:0}
figure figcaption{font-weight:600;font-size:13.5px;margin-bottom:4px}
svg{max-width:100%;height:auto;font-family:inherit}
svg text{fill:var(--ink)}
svg text.quadrant-label{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--muted);margin-top:4px}
.legend i{display:inline-block;width:11px;height:11px;margin-right:5px;vertical-align:-1px;
border:1px solid rgba(0,0,0,.2)}
.trends{display:flex;flex-wrap:wrap;gap:12px}
table.pac{width:100%;font-size:12px;table-layout:fixed}
table.pac th,table.pac td{padding:4px 5px;overflow-wrap:break-word;hyphens:auto}
table.pac td.wide{min-width:0}
table.pac thead th{white-space:normal;font-size:11px;overflow-wrap:normal;hyphens:auto}
table.pac .bar{width:30px;margin-right:4px}
table.pac td.r{white-space:normal}
footer{margin-top:30px;color:var(--muted);font-size:11px;border-top:1px solid var(--line);
padding-top:6px}
@page{size:A4 landscape;margin:11mm 10mm}
@media print{
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{max-width:none;padding:0;font-size:9.5pt}
nav.toc{display:none}
section{margin-top:14px}
section.page{break-before:page}
h2{break-after:avoid}
h3{break-after:avoid}
p.lead,p.note{break-after:avoid}
figure,.kv,.block{break-inside:avoid}
.block.pac-block{break-inside:auto}
tr{break-inside:avoid}
tr.group{break-after:avoid}
thead{display:table-header-group}
figure+.legend,figcaption{break-after:avoid}
p.empty{break-before:avoid}
table.pac{font-size:8.5pt}
a{color:inherit;text-decoration:none}
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _f(value: float) -> str:
    """A coordinate for SVG (2 decimals, no trailing zeros)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# -------------------------------------------------------------------------------- cells
def _cell_html(cell: Cell, column: Column | None) -> str:
    if cell.kind == "status" and cell.value:
        return f'<span class="light {_e(cell.value)}"></span>{_e(cell.text)}'
    if cell.kind == "percent" and column is not None and column.key == "progress" and \
            cell.value is not None:
        width = max(0.0, min(1.0, float(cell.value))) * 100
        return f'<span class="bar"><span style="width:{_f(width)}%"></span></span>{_e(cell.text)}'
    if len(cell.lines) > 1:
        cls = "lines plain" if cell.strong else "lines"
        return f'<ul class="{cls}">' + "".join(f"<li>{_e(x)}</li>" for x in cell.lines) + "</ul>"
    text = _e(cell.text)
    return f'<span class="strong">{text}</span>' if cell.strong and text else text


def _align_class(column: Column) -> str:
    classes = {"right": "r", "center": "c", "left": ""}[column.align]
    if column.kind == "status":
        classes = (classes + " status").strip()
    if column.wide:
        classes = (classes + " wide").strip()
    return f' class="{classes}"' if classes else ""


def _row(row: Row, table: Table) -> str:
    cols = table.columns
    if row.kind == "group":
        return (f'<tr class="group"><th colspan="{len(cols)}" scope="colgroup">'
                f"{_e(row.cells[0].text)}</th></tr>")
    attrs = ""
    if row.key is not None and row.kind == "data":
        attr = "data-action" if table.id == "pac" else "data-key"
        attrs = f' {attr}="{_e(row.key)}"'
    if row.kind == "total":
        attrs += ' class="total"'
    parts = []
    for i, (cell, col) in enumerate(zip(row.cells, cols, strict=False)):
        if i == 0 and table.row_header:
            parts.append(f'<th scope="row"{_align_class(col)}>{_cell_html(cell, col)}</th>')
        else:
            parts.append(f"<td{_align_class(col)}>{_cell_html(cell, col)}</td>")
    return f"<tr{attrs}>" + "".join(parts) + "</tr>"


def _empty_table(table: Table, loc: str) -> str:
    """A table without data rows, said in one line (not headers over nothing)."""
    title = table.title or (table.columns[0].title if table.columns else "")
    note = f'<p class="table-note">{_e(table.note)}</p>' if table.note else ""
    return (f'<p class="note empty" id="t-{_e(table.id)}">'
            f"{_e(label('rep_table_empty', loc, title=title))}</p>{note}")


def _table(table: Table, loc: str = "fr") -> str:
    if not table.data_rows:
        return _empty_table(table, loc)
    out = []
    if table.title:
        out.append(f"<h3>{_e(table.title)}</h3>")
    head = "".join(f'<th scope="col"{_align_class(c)}>{_e(c.title)}</th>' for c in table.columns)
    body = "".join(_row(r, table) for r in table.rows)
    cols = ""
    if table.id == "pac":
        cols = "<colgroup>" + "".join(
            f'<col style="width:{_f(_PAC_WIDTHS.get(c.key, 6))}%">' for c in table.columns
        ) + "</colgroup>"
    out.append(f'<table id="t-{_e(table.id)}" class="{_e(table.id)}">{cols}<thead><tr>{head}'
               f"</tr></thead><tbody>{body}</tbody></table>")
    if table.note:
        out.append(f'<p class="table-note">{_e(table.note)}</p>')
    return "".join(out)


def _key_values(block: KeyValues) -> str:
    title = f"<h3>{_e(block.title)}</h3>" if block.title else ""
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_cell_html(v, None)}</dd>" for k, v in block.items)
    return f'{title}<dl class="kv" id="kv-{_e(block.id)}">{items}</dl>'


# --------------------------------------------------------------------------- svg helpers
def _svg(width: int, height: int, title: str, body: str) -> str:
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="{_e(title)}">{body}</svg>')


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: float = 11,
          weight: str = "normal", fill: str | None = None, extra: str = "") -> str:
    colour = f' style="fill:{fill}"' if fill else ""
    bold = f' font-weight="{weight}"' if weight != "normal" else ""
    return (f'<text x="{_f(x)}" y="{_f(y)}" text-anchor="{anchor}" font-size="{_f(size)}"'
            f'{bold}{colour}{extra}>{_e(text)}</text>')


def _class_colour(index: int) -> str:
    return palette.class_colour(index)


def _pareto_svg(chart: ParetoChart) -> str:
    loc = chart.locale
    w, h = 560, 360
    left, right, top, bottom = 58, 18, 26, 50
    pw, ph = w - left - right, h - top - bottom

    def x(v: float) -> float:
        return left + v * pw

    def y(v: float) -> float:
        return top + (1 - v) * ph

    parts: list[str] = []
    start = 0.0
    for i, (name, end, _) in enumerate(chart.classes):
        if end > start:
            parts.append(f'<rect x="{_f(x(start))}" y="{top}" width="{_f(x(end) - x(start))}" '
                         f'height="{ph}" fill="{_class_colour(i)}" fill-opacity="0.10"/>')
            parts.append(_text((x(start) + x(end)) / 2, top - 8, name, anchor="middle",
                               size=12, weight="bold", fill=_class_colour(i)))
        start = end
    for k in range(6):
        v = k / 5
        parts.append(f'<line x1="{left}" y1="{_f(y(v))}" x2="{left + pw}" y2="{_f(y(v))}" '
                     'stroke="#e2e7ec" stroke-width="1"/>')
        parts.append(_text(left - 6, y(v) + 4, percent(v, loc, 0), anchor="end", size=10))
        parts.append(_text(x(v), top + ph + 15, percent(v, loc, 0), anchor="middle", size=10))
    for name, share in chart.reference[:-1]:
        parts.append(f'<line x1="{_f(x(share))}" y1="{top}" x2="{_f(x(share))}" '
                     f'y2="{top + ph}" stroke="#7b8794" stroke-dasharray="4 3"/>')
        parts.append(_text(x(share) + 3, top + ph - 6,
                           f"{chart.reference_label} {name} {percent(share, loc, 0)}",
                           size=9.5, fill="#5b6b7c"))
    parts.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" '
                 'stroke="#9aa7b4"/>')
    points = " ".join(f"{_f(x(a))},{_f(y(b))}" for a, b in chart.points)
    parts.append(f'<polyline points="{points}" fill="none" stroke="#0b4f79" '
                 'stroke-width="2.2" stroke-linejoin="round"/>')
    for i, (name, cx, cy) in enumerate(chart.classes[:-1]):
        parts.append(f'<circle cx="{_f(x(cx))}" cy="{_f(y(cy))}" r="4" fill="{_class_colour(i)}" '
                     f'stroke="#fff" stroke-width="1"><title>{_e(name)}{colon(loc)}'
                     f"{_e(percent(cx, loc))} → {_e(percent(cy, loc))}</title></circle>")
        parts.append(_text(x(cx) + 7, y(cy) + 14,
                           f"{name}{colon(loc)}{percent(cx, loc)} → {percent(cy, loc)}",
                           size=10.5, weight="bold"))
    parts.append(_text(left + pw / 2, h - 10, chart.x_label, anchor="middle", size=11))
    parts.append(_text(14, top + ph / 2, chart.y_label, anchor="middle", size=11,
                       extra=f' transform="rotate(-90 14 {_f(top + ph / 2)})"'))
    return _figure(chart.id, chart.title, _svg(w, h, chart.title, "".join(parts)))


def _heatmap_svg(chart: HeatmapChart, loc: str) -> str:
    cw, rh = 96, 21
    left, top, note_w = 92, 30, 64
    w = left + cw * len(chart.cols) + note_w
    h = top + rh * len(chart.rows) + 8
    top_value = max((v for row in chart.values for v in row), default=0.0)
    parts: list[str] = [_text(left - 8, top - 10, chart.row_title, anchor="end", size=10,
                              fill="#5b6b7c")]
    for j, col in enumerate(chart.cols):
        parts.append(_text(left + cw * j + cw / 2, top - 10, col, anchor="middle", size=11,
                           weight="bold"))
    parts.append(_text(left + cw * len(chart.cols) + note_w / 2, top - 10,
                       chart.row_notes_title, anchor="middle", size=10, fill="#5b6b7c"))
    for i, code in enumerate(chart.rows):
        yy = top + rh * i
        parts.append(_text(left - 8, yy + rh / 2 + 4, code, anchor="end", size=11.5,
                           extra=' font-family="DejaVu Sans Mono,Consolas,monospace"'))
        for j, value in enumerate(chart.values[i]):
            ratio = value / top_value if top_value > 0 and value > 0 else 0.0
            if value > 0:
                fill = f'fill="#0b4f79" fill-opacity="{_f(0.10 + 0.85 * math.sqrt(ratio))}"'
            else:
                fill = 'fill="#f5f6f7"'
            parts.append(f'<rect x="{left + cw * j + 1}" y="{yy + 1}" width="{cw - 2}" '
                         f'height="{rh - 2}" {fill}><title>{_e(code)} · {_e(chart.cols[j])}{colon(loc)}'
                         f"{_e(chart.texts[i][j])}</title></rect>")
            dark = value > 0 and 0.10 + 0.85 * math.sqrt(ratio) > 0.5
            parts.append(_text(left + cw * j + cw / 2, yy + rh / 2 + 4,
                               chart.texts[i][j] if value > 0 else "–", anchor="middle",
                               size=10.5, fill="#ffffff" if dark else "#1d2733"))
        parts.append(_text(left + cw * len(chart.cols) + note_w / 2, yy + rh / 2 + 4,
                           chart.row_notes[i], anchor="middle", size=10.5))
    return _figure(chart.id, chart.title, _svg(w, h, chart.title, "".join(parts)))


def _scatter_svg(chart: ScatterChart, loc: str) -> str:
    w, h = 560, 460
    left, right, top, bottom = 56, 18, 18, 50
    pw, ph = w - left - right, h - top - bottom
    lo, hi = chart.scale
    span = (hi - lo) or 1.0
    pad = span * 0.06  # room for the clients on the edges of the scale
    dlo, dspan = lo - pad, span + 2 * pad

    def x(v: float) -> float:
        return left + (v - dlo) / dspan * pw

    def y(v: float) -> float:
        return top + (1 - (v - dlo) / dspan) * ph

    xc, yc = x(chart.x_cut), y(chart.y_cut)
    parts: list[str] = []
    # quadrants: top-right, top-left, bottom-right, bottom-left
    boxes = ((xc, top, left + pw - xc, yc - top), (left, top, xc - left, yc - top),
             (xc, yc, left + pw - xc, top + ph - yc), (left, yc, xc - left, top + ph - yc))
    for (qid, _), (bx, by, bw, bh) in zip(chart.quadrants, boxes, strict=False):
        parts.append(f'<rect x="{_f(bx)}" y="{_f(by)}" width="{_f(max(bw, 0))}" '
                     f'height="{_f(max(bh, 0))}" fill="{_QUADRANT_COLOURS.get(qid, "#f3f3f3")}"/>')
    steps = round(span) if float(span).is_integer() and span <= 10 else 4
    for k in range(steps + 1):
        v = lo + span * k / steps
        parts.append(_text(left - 6, y(v) + 4, number(v, loc, 0 if float(v).is_integer() else 1),
                           anchor="end", size=10))
        parts.append(_text(x(v), top + ph + 15, number(v, loc, 0 if float(v).is_integer()
                                                         else 1), anchor="middle", size=10))
    parts.append(f'<line x1="{_f(xc)}" y1="{top}" x2="{_f(xc)}" y2="{top + ph}" '
                 'stroke="#5b6b7c" stroke-width="1.4" stroke-dasharray="5 3"/>')
    parts.append(f'<line x1="{left}" y1="{_f(yc)}" x2="{left + pw}" y2="{_f(yc)}" '
                 'stroke="#5b6b7c" stroke-width="1.4" stroke-dasharray="5 3"/>')
    parts.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" '
                 'stroke="#9aa7b4"/>')
    # Clients at the same place are spread on a small sunflower around it; a binned chart
    # (points standing for several clients) draws discs of area in proportion to them.
    order = {g: i for i, g in enumerate(chart.groups)}
    heaviest = max((p.weight for p in chart.points), default=1)
    binned = heaviest > 1

    def size(p: ScatterPoint) -> float:
        return 2.2 + 8.8 * math.sqrt(p.weight / heaviest) if binned else 3.6

    seen: dict[tuple[float, float], int] = {}
    dots = []
    for p in chart.points:
        spot = (round(p.x, 6), round(p.y, 6))
        k = seen.get(spot, 0)
        seen[spot] = k + 1
        step = 5.5 if binned else 3.4
        radius, angle = step * math.sqrt(k), k * 2.39996
        dots.append((order.get(p.group, len(order)), p, x(p.x) + radius * math.cos(angle),
                     y(p.y) + radius * math.sin(angle)))
    for g, p, cx, cy in sorted(dots, key=lambda d: (-d[0], -d[1].weight)):
        attr = f'class="bin" data-clients="{p.weight}"' if binned else \
            f'class="client" data-client="{_e(p.key)}"'
        opacity = ' fill-opacity="0.8"' if binned else ""
        parts.append(f'<circle {attr} cx="{_f(cx)}" cy="{_f(cy)}" r="{_f(size(p))}" '
                     f'fill="{_class_colour(g)}"{opacity} stroke="#fff" stroke-width="0.6">'
                     f"<title>{_e(p.tooltip)}</title></circle>")
    anchors = (("end", left + pw - 5, top + 14), ("start", left + 5, top + 14),
               ("end", left + pw - 5, top + ph - 7), ("start", left + 5, top + ph - 7))
    for (_, qlabel), (anchor, tx, ty) in zip(chart.quadrants, anchors, strict=False):
        parts.append(_text(tx, ty, qlabel, anchor=anchor, size=10.5, weight="bold",
                           fill="#26323d", extra=' class="quadrant-label"'))
    parts.append(_text(left + pw / 2, h - 10, chart.x_label, anchor="middle", size=11))
    parts.append(_text(14, top + ph / 2, chart.y_label, anchor="middle", size=11,
                       extra=f' transform="rotate(-90 14 {_f(top + ph / 2)})"'))
    legend = "".join(f'<span><i style="background:{_class_colour(i)}"></i>{_e(chart.group_title)}'
                     f" {_e(g)}</span>" for i, g in enumerate(chart.groups))
    return _figure(chart.id, chart.title, _svg(w, h, chart.title, "".join(parts)),
                   f'<div class="legend">{legend}</div>')


def _matrix_svg(chart: MatrixChart, loc: str) -> str:
    cw, rh = 150, 62
    left, top = 58, 44
    w = left + cw * len(chart.cols) + 4
    h = top + rh * len(chart.rows) + 4
    parts = [_text(left + cw * len(chart.cols) / 2, 14, chart.col_title, anchor="middle",
                   size=11, fill="#5b6b7c")]
    for j, col in enumerate(chart.cols):
        parts.append(_text(left + cw * j + cw / 2, top - 10, col, anchor="middle", size=13,
                           weight="bold"))
    parts.append(_text(12, top + rh * len(chart.rows) / 2, chart.row_title, anchor="middle",
                       size=11, fill="#5b6b7c",
                       extra=f' transform="rotate(-90 12 {_f(top + rh * len(chart.rows) / 2)})"'))
    clients_word = label("clients", loc).lower()
    for i, row in enumerate(chart.rows):
        yy = top + rh * i
        parts.append(_text(left - 12, yy + rh / 2 + 5, row, anchor="end", size=13,
                           weight="bold"))
        for j, cell in enumerate(chart.cells[i]):
            xx = left + cw * j
            parts.append(f'<rect x="{xx + 1}" y="{yy + 1}" width="{cw - 2}" height="{rh - 2}" '
                         f'fill="{_ZONE_COLOURS.get(cell.zone, "#eee")}" stroke="#fff" '
                         f'stroke-width="2"><title>{_e(row)} × {_e(chart.cols[j])}{colon(loc)}'
                         f"{_e(cell.zone_label)}</title></rect>")
            parts.append(_text(xx + cw / 2, yy + 27, f"{number(cell.clients, loc)} "
                               f"{clients_word}", anchor="middle", size=14, weight="bold"))
            parts.append(_text(xx + cw / 2, yy + 45, cell.text, anchor="middle", size=11,
                               fill="#3c4a58"))
    legend = "".join(f'<span><i style="background:{_ZONE_COLOURS.get(z, "#eee")}"></i>'
                     f"{_e(name)}</span>" for z, name in chart.zones)
    return _figure(chart.id, chart.title, _svg(w, h, chart.title, "".join(parts)),
                   f'<div class="legend">{legend}</div>')


def _text_width(text: str, size: float, bold: bool = False) -> float:
    """About the width of ``text`` in a sans-serif font of ``size`` (per character class:
    capitals and digits, lower case, narrow marks), enough to decide whether it fits."""
    em = 0.0
    for c in text:
        em += (0.28 if c in " .,;:!'()[]|/-" else 0.68 if c.isupper() or c.isdigit() or
               c in "%€&@MW" else 0.53)
    return em * size * (1.06 if bold else 1.0)


def _fitted(text: str, room: float, size: float, smallest: float) -> tuple[str, float]:
    """``text`` and the font size at which it fits in ``room`` pixels: ``size``, else a
    smaller one down to ``smallest``, else cut with an ellipsis at ``smallest``."""
    for s in (size, (size + smallest) / 2, smallest):
        if _text_width(text, s, bold=True) <= room:
            return text, s
    cut = text
    while cut and _text_width(cut + "…", smallest, bold=True) > room:
        cut = cut[:-1]
    return cut.rstrip() + "…", smallest


_TREND_BAND = 16
"""Pixels at the top of a trend panel's plot kept free of data for its one line of words
(the landing, or the target's key), so that the words never sit on a point."""


def _trend_svg(series: TrendChartSeries, target_label: str, loc: str) -> str:
    w, h = 270, 130
    left, right, top, bottom = 10, 10, 26, 22
    pw, ph = w - left - right, h - top - bottom
    values = [v for _, v in series.points]
    days = sorted({d for d, _ in (*series.points, *series.expected, *series.n1)})
    shown_target = series.target is not None and not series.cumulative  # a rate's own line
    scale_values = [*values, *(v for _, v in series.expected), *(v for _, v in series.n1),
                    *([series.target] if shown_target and series.target is not None else [])]
    lo, hi = (min(scale_values), max(scale_values)) if scale_values else (0.0, 1.0)
    if hi - lo < 1e-12:
        lo, hi = lo - 1, hi + 1
    words = series.landing is not None or (shown_target and series.target is not None)
    head, foot = (_TREND_BAND if words else 6), 6  # the data between these margins
    n = len(series.points)
    place = {d: i for i, d in enumerate(days)}
    m = len(days)

    def x(i: int) -> float:
        return left + (pw / 2 if m == 1 else pw * i / (m - 1))

    def line(points: tuple[tuple[dt.date, float], ...], dash: str, css: str) -> str:
        pts = " ".join(f"{_f(x(place[d]))},{_f(y(v))}" for d, v in points)
        return (f'<polyline class="{css}" points="{pts}" fill="none" stroke="#7b8794" '
                f'stroke-width="1.2" stroke-dasharray="{dash}"/>')

    def y(v: float) -> float:
        return top + head + (1 - (v - lo) / (hi - lo)) * (ph - head - foot)

    colour = _STATUS_COLOURS.get(series.status or "")
    light = f'<circle cx="{w - 14}" cy="12" r="6" fill="{colour}"/>' if colour else ""
    # the title beside the status light: smaller, or cut (whole in the tooltip and in the
    # KPI table above the charts) when it is long
    title, size = _fitted(series.label, (w - 28 if colour else w - 8) - 4, 11.5, 9.5)
    tip = f"<title>{_e(series.label)}</title>" if title != series.label else ""
    parts = [_text(4, 15, title, size=size, weight="bold",
                   extra="" if not tip else ' class="cut"').replace("</text>", f"{tip}</text>"),
             light,
             f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#fafbfc" '
             'stroke="#e2e7ec"/>']
    if series.expected and not (not series.cumulative and series.target is not None and all(
            abs(v - series.target) < 1e-9 for _, v in series.expected)):
        parts.append(line(series.expected, "5 3", "expected"))  # the phased target
    if series.n1:
        parts.append(line(series.n1, "1.5 2.5", "n1"))  # N−1 to date
    if series.landing is not None:
        parts.append(_text(left + 3, top + 10, f"{label('projection', loc)}{colon(loc)}"
                           f"{series.landing_text} / {series.annual_target_text}", size=9,
                           fill="#1d2733"))
    if series.target is not None and shown_target:
        ty = y(series.target)
        parts.append(f'<line x1="{left}" y1="{_f(ty)}" x2="{left + pw}" y2="{_f(ty)}" '
                     'stroke="#7b8794" stroke-dasharray="4 3"/>')
        # its name in the free band, after a key of the same dashes (written on the line,
        # it sat on the last point)
        parts.append(f'<line class="target-key" x1="{left + 4}" y1="{top + 7}" '
                     f'x2="{left + 18}" y2="{top + 7}" stroke="#7b8794" '
                     'stroke-dasharray="4 3"/>')
        parts.append(_text(left + 21, top + 10, f"{target_label} {series.target_text}",
                           size=9, fill="#5b6b7c"))
    if n:
        pts = " ".join(f"{_f(x(place[d]))},{_f(y(v))}" for d, v in series.points)
        parts.append(f'<polyline points="{pts}" fill="none" stroke="#0b4f79" stroke-width="2"/>')
        for (day, v), text in zip(series.points, series.texts, strict=False):
            parts.append(f'<circle cx="{_f(x(place[day]))}" cy="{_f(y(v))}" r="3" fill="#0b4f79">'
                         f"<title>{_e(date_text(day, loc))}{colon(loc)}{_e(text)}</title></circle>")
        parts.append(_text(left, h - 6, date_text(series.points[0][0], loc), size=9,
                           fill="#5b6b7c"))
        parts.append(_text(left + pw, h - 6, f"{date_text(series.points[-1][0], loc)}"
                           f"{colon(loc)}"
                           f"{series.texts[-1]}", anchor="end", size=9.5, weight="bold"))
    return _svg(w, h, series.label, "".join(parts))


def _figure(fid: str, title: str, svg: str, extra: str = "") -> str:
    return (f'<figure id="{_e(fid)}"><figcaption>{_e(title)}</figcaption>{svg}{extra}'
            "</figure>")


# -------------------------------------------------------------------------------- blocks
def _block(block: Block, loc: str) -> tuple[str, str]:
    """(html, extra classes) of one block."""
    if isinstance(block, Paragraph):
        return f'<p class="{block.style}">{_e(block.text)}</p>', "full"
    if isinstance(block, KeyValues):
        return _key_values(block), ""
    if isinstance(block, Table):
        wide = block.id in ("pac", "emoff-facts", "emoff-strategies", "steering-kpis",
                            "steering-actions")
        return _table(block, loc), ("full pac-block" if block.id == "pac" else
                               "full" if wide else "")
    if isinstance(block, ParetoChart):
        return _pareto_svg(block), ""
    if isinstance(block, HeatmapChart):
        return _heatmap_svg(block, loc), ""
    if isinstance(block, ScatterChart):
        return _scatter_svg(block, loc), ""
    if isinstance(block, MatrixChart):
        return _matrix_svg(block, loc), ""
    if isinstance(block, TrendChart):
        panels = "".join(_trend_svg(s, block.target_label, loc) for s in block.series
                         if s.points)
        legend = f'<p class="note">{_e(label("rep_trend_legend", loc))}</p>'
        return _figure(block.id, block.title, f'<div class="trends">{panels}</div>',
                       legend), "full"
    raise TypeError(f"unknown block {type(block).__name__}")


def _warnings(texts: list[str]) -> str:
    if len(texts) == 1:
        return f'<div class="block full"><p class="warning">{_e(texts[0])}</p></div>'
    items = "".join(f"<li>{_e(t)}</li>" for t in texts)
    return f'<div class="block full"><ul class="warnings">{items}</ul></div>'


def _section(section: Section, loc: str) -> str:
    # In a section with a chart, consecutive tables stack in one column beside the chart.
    charts = (ParetoChart, HeatmapChart, ScatterChart, MatrixChart)
    stack_tables = any(isinstance(b, charts) for b in section.blocks)
    blocks: list[str] = []
    stack: list[str] = []

    def flush() -> None:
        if len(stack) == 1:
            blocks.append(f'<div class="block">{stack[0]}</div>')
        elif stack:
            blocks.append('<div class="block stack">' + "".join(
                f'<div class="block">{x}</div>' for x in stack) + "</div>")
        stack.clear()

    warnings: list[str] = []
    for block in section.blocks:
        if section.id == "header" and isinstance(block, KeyValues) and block.id == "dates":
            continue  # in the banner, at the top of the first page
        if isinstance(block, Paragraph) and block.style == "warning":
            warnings.append(block.text)
            continue
        if warnings:
            flush()
            blocks.append(_warnings(warnings))
            warnings.clear()
        body, extra = _block(block, loc)
        if stack_tables and not extra and isinstance(block, (Table, KeyValues)):
            stack.append(body)
            continue
        flush()
        blocks.append(f'<div class="block {extra}">{body}</div>' if extra else
                      f'<div class="block">{body}</div>')
    flush()
    if warnings:
        blocks.append(_warnings(warnings))
    cls = ' class="page"' if section.id in _PAGE_BREAKS else ""
    return (f'<section id="{_e(section.id)}"{cls}><h2>{_e(section.title)}</h2>'
            f'<div class="blocks">{"".join(blocks)}</div></section>')


def _banner(doc: Document, generated: dt.date | None = None) -> str:
    header = doc.section("header")
    items: dict[str, str] = {}
    for block in header.blocks:
        if isinstance(block, KeyValues):
            items = {k: v.text for k, v in block.items}
            break
    loc = doc.locale
    keys = [label(k, loc) for k in ("rep_company", "rep_business_unit", "rep_budget_year")]
    band = "".join(f"<li>{_e(k)}{colon(loc)}<b>{_e(items[k])}</b></li>"
                   for k in keys if k in items)
    objectives = []
    for block in header.blocks:
        if isinstance(block, Table) and block.id == "objectives":
            objectives = [r.cells[0].text for r in block.data_rows]
    if objectives:
        band += (f"<li>{_e(label('rep_objectives', loc))}{colon(loc)}"
                 f"<b>{_e(Locale.of(loc).join(objectives))}</b></li>")
    vision = items.get(label("rep_vision", loc))
    vision_html = (f'<p class="vision">{_e(label("rep_vision", loc))}'
                   f"{colon(loc)}{_e(vision)}</p>" if vision else "")
    dates = ""
    for block in header.blocks:
        if isinstance(block, KeyValues) and block.id == "dates":
            items_html = "".join(f"<li>{_e(k)}{colon(loc)}<b>{_e(v.text)}</b></li>"
                                 for k, v in block.items)
            if generated is not None:
                items_html += (f"<li>{_e(label('rep_date_generated', loc))}{colon(loc)}"
                               f"<b>{_e(date_text(generated, loc))}</b></li>")
            dates = (f'<ul class="band dates" id="kv-dates" aria-label="{_e(block.title or "")}">'
                     f"{items_html}</ul>")
    return (f'<header class="doc"><p class="kicker">{_e(doc.subtitle)}</p>'
            f"<h1>{_e(doc.title)}</h1><ul class=\"band\">{band}</ul>{vision_html}{dates}"
            "</header>")


def render_html(doc: Document, generated: dt.date | None = None) -> str:
    """The document as one self-contained HTML page; ``generated``, the day it is made,
    is shown with the document's dates (left out when None, so that the page is the same
    from one day to the next)."""
    loc = doc.locale
    shown = [s for s in doc.sections if placed_in(s, "html")]
    toc = "".join(f'<li><a href="#{_e(s.id)}">{_e(s.title)}</a></li>' for s in shown)
    body = "".join(_section(s, loc) for s in shown)
    footer = label("rep_generated", loc, as_of=date_text(doc.as_of, loc))
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(loc)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(doc.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"{_banner(doc, generated)}\n"
        f'<nav class="toc"><b>{_e(label("rep_contents", loc))}</b><ol>{toc}</ol></nav>\n'
        f"<main>\n{body}\n</main>\n<footer>{_e(footer)}</footer>\n</body>\n</html>\n"
    )
