"""The Markdown report: GitHub-flavoured tables, for reviewing plans in pull requests.

It renders a :class:`~pacspec.report.document.Document`; it computes nothing. The output is
stable (no timestamps, fixed ordering) so that a golden file can compare it byte for byte.
Charts become small tables (the Pareto curve by deciles, the code x period matrix, the
portfolio matrix, KPI values per date); the IPO/IPA scatter is left out (its quadrant and
priority tables say the same)."""

from __future__ import annotations

from collections.abc import Sequence

from pacspec.i18n import colon, label, percent
from pacspec.report.cells import date_text
from pacspec.report.document import (
    Block,
    Cell,
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
    placed_in,
)

__all__ = ["render_markdown"]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").replace("*", "\\*")


def _cell(cell: Cell) -> str:
    if cell.lines and len(cell.lines) > 1:
        body = "<br>".join(_escape(line) for line in cell.lines)
        if cell.strong:
            first, *rest = cell.lines
            body = "<br>".join([f"**{_escape(first)}**", *(_escape(x) for x in rest)])
        return body
    text = _escape(cell.text)
    return f"**{text}**" if cell.strong and text else text


def _table_lines(headers: Sequence[str], aligns: Sequence[str], rows: Sequence[Sequence[str]]
                 ) -> list[str]:
    rule = {"left": "---", "right": "--:", "center": ":-:"}
    out = ["| " + " | ".join(_escape(h) for h in headers) + " |",
           "|" + "|".join(rule[a] for a in aligns) + "|"]
    out.extend("| " + " | ".join(r) + " |" for r in rows)
    return out


def _table(table: Table, loc: str) -> list[str]:
    out: list[str] = []
    if not table.data_rows:  # said in one line, not as a table of headers alone
        title = table.title or (table.columns[0].title if table.columns else "")
        out.append(f"_{_escape(label('rep_table_empty', loc, title=title))}_")
        return [*out, "", table.note] if table.note else out
    if table.title:
        out += [f"### {table.title}", ""]
    n = len(table.columns)
    rows: list[list[str]] = []
    for row in table.rows:
        if row.kind == "group":
            rows.append([f"**{_escape(row.cells[0].text)}**", *[""] * (n - 1)])
        elif row.kind == "total":
            rows.append([f"**{_escape(c.text)}**" if c.text else "" for c in row.cells])
        else:
            rows.append([_cell(c) for c in row.cells])
    out += _table_lines([c.title for c in table.columns], [c.align for c in table.columns],
                        rows)
    if table.note:
        out += ["", table.note]
    return out


def _key_values(block: KeyValues, loc: str) -> list[str]:
    out: list[str] = []
    if block.title:
        out += [f"### {block.title}", ""]
    for key, cell in block.items:
        out.append(f"- **{_escape(key)}**{colon(loc)}{_cell(cell)}")
    return out


def _pareto(chart: ParetoChart) -> list[str]:
    loc = chart.locale
    # Deciles of the clients: points are evenly spaced, so every tenth of them.
    step = max((len(chart.points) - 1) // 10, 1)
    picked = chart.points[step::step]
    out = [f"### {chart.title}", ""]
    out += _table_lines([chart.x_label, *(percent(x, loc, 0) for x, _ in picked)],
                        ["left", *["right"] * len(picked)],
                        [[_escape(chart.y_label), *(percent(y, loc) for _, y in picked)]])
    return out


def _heatmap(chart: HeatmapChart) -> list[str]:
    out = [f"### {chart.title}", ""]
    rows = [[f"`{r}`", *chart.texts[i], chart.row_notes[i]] for i, r in enumerate(chart.rows)]
    out += _table_lines([chart.row_title, *chart.cols, chart.row_notes_title],
                        ["left", *["right"] * (len(chart.cols) + 1)], rows)
    return out


def _matrix(chart: MatrixChart) -> list[str]:
    out = [f"### {chart.title}", ""]
    rows = [[f"**{_escape(r)}**", *(f"{c.clients} · {c.text} · {_escape(c.zone_label)}"
                                    for c in chart.cells[i])]
            for i, r in enumerate(chart.rows)]
    out += _table_lines([f"{chart.row_title} \\ {chart.col_title}", *chart.cols],
                        ["left", *["center"] * len(chart.cols)], rows)
    return out


def _trend(chart: TrendChart, loc: str) -> list[str]:
    dates = chart.dates
    if not any(s.points for s in chart.series):
        return []
    out = [f"### {chart.title}", ""]
    rows = []
    for s in chart.series:
        by_date = dict(zip((d for d, _ in s.points), s.texts, strict=False))
        rows.append([_escape(s.label), *(by_date.get(d, "") for d in dates),
                     _escape(s.target_text), _escape(s.expected_text), _escape(s.n1_text),
                     _escape(f"{s.landing_text} / {s.annual_target_text}"
                             if s.landing is not None else "")])
    date_titles = [date_text(d, loc) for d in dates]
    out += _table_lines([label("indicator", loc), *date_titles, chart.target_label,
                         label("expected", loc), label("n1_to_date", loc),
                         label("projection", loc)],
                        ["left", *["right"] * (len(dates) + 4)], rows)
    out += ["", f"_{label('rep_trend_legend_table', loc)}_"]
    return out


def _block(block: Block, loc: str) -> list[str]:
    if isinstance(block, Paragraph):
        if block.style == "warning":
            return [f"> ⚠ {block.text}"]
        if block.style == "note":
            return [f"_{block.text}_"]
        return [block.text]
    if isinstance(block, KeyValues):
        return _key_values(block, loc)
    if isinstance(block, Table):
        return _table(block, loc)
    if isinstance(block, ParetoChart):
        return _pareto(block)
    if isinstance(block, HeatmapChart):
        return _heatmap(block)
    if isinstance(block, MatrixChart):
        return _matrix(block)
    if isinstance(block, TrendChart):
        return _trend(block, loc)
    if isinstance(block, ScatterChart):
        return []
    raise TypeError(f"unknown block {type(block).__name__}")


def _section(section: Section, loc: str) -> list[str]:
    out = [f'<a id="{section.id}"></a>', "", f"## {section.title}"]
    for block in section.blocks:
        lines = _block(block, loc)
        if lines:
            out += ["", *lines]
    return out


def render_markdown(doc: Document) -> str:
    """The document as GitHub-flavoured Markdown."""
    loc = doc.locale
    as_of = date_text(doc.as_of, loc)
    out = [f"# {doc.title}", "", f"_{doc.subtitle} — {label('rep_generated', loc, as_of=as_of)}_"]
    out += ["", f"**{label('rep_contents', loc)}**{colon(loc)}"]
    shown = [s for s in doc.sections if placed_in(s, "markdown")]
    out[-1] += " · ".join(f"[{s.title}](#{s.id})" for s in shown)
    for section in shown:
        out += ["", *_section(section, loc)]
    return "\n".join(out).rstrip() + "\n"
