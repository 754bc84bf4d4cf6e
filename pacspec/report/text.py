"""The terminal summary of ``pacspec evaluate``: the report's
:class:`~pacspec.report.document.Document`, the sections declared for the terminal, as
plain aligned text. It renders; it computes nothing. Charts are left out (their tables say
the same)."""

from __future__ import annotations

from collections.abc import Sequence

from pacspec.engine.result import Evaluation
from pacspec.i18n import Locale
from pacspec.report.document import (
    Block,
    Cell,
    Document,
    KeyValues,
    Paragraph,
    Section,
    Table,
    build_document,
    placed_in,
)

__all__ = ["render_evaluation", "render_table", "render_text", "underlined"]


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                 align: str | None = None) -> str:
    """A plain aligned table; ``align`` has one 'l' or 'r' per column (default: first left,
    others right)."""
    align = align or "l" + "r" * (len(headers) - 1)
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=False)]

    def fmt(cells: Sequence[str]) -> str:
        parts = [c.ljust(w) if a == "l" else c.rjust(w)
                 for c, w, a in zip(cells, widths, align, strict=False)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(headers), rule, *(fmt(r) for r in rows)])


def underlined(text: str, underline: str = "=") -> str:
    """A section title underlined, after a blank line (shared by the terminal renderers)."""
    return f"\n{text}\n{underline * len(text)}"


def _text(cell: Cell) -> str:
    return "; ".join(cell.lines) if cell.lines else cell.text


def _table(table: Table) -> list[str]:
    out = [underlined(table.title, "-")] if table.title else []
    n = len(table.columns)
    rows = [[_text(row.cells[0]), *[""] * (n - 1)] if row.kind == "group"
            else [_text(c) for c in row.cells] for row in table.rows]
    # a column empty in every row (names when the register has none) is left out
    keep = [j for j in range(n) if j == 0 or not rows or any(r[j] for r in rows)]
    align = "".join("r" if table.columns[j].align == "right" else "l" for j in keep)
    out.append(render_table([table.columns[j].title for j in keep],
                            [[r[j] for j in keep] for r in rows], align))
    if table.note:
        out.append(table.note)
    return out


def _block(block: Block, loc: Locale) -> list[str]:
    if isinstance(block, Paragraph):
        return [f"! {block.text}" if block.style == "warning" else block.text]
    if isinstance(block, KeyValues):
        out = [underlined(block.title, "-")] if block.title else []
        return out + [f"{key}{loc.colon}{_text(cell)}" for key, cell in block.items]
    if isinstance(block, Table):
        return _table(block)
    return []  # charts: their tables are in the section


def _section(section: Section, loc: Locale) -> list[str]:
    out = [underlined(section.title)]
    for i, block in enumerate(section.blocks):
        lines = _block(block, loc)
        if i and lines and isinstance(block, (Table, KeyValues)) and not block.title:
            lines = ["", *lines]  # an untitled table apart from what comes before
        elif i and lines and _warning(block) and not _warning(section.blocks[i - 1]):
            lines = ["", *lines]  # the warnings (! …) apart from the table above them
        out += lines
    return out


def _warning(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.style == "warning"


def render_text(doc: Document) -> str:
    """The sections of ``doc`` declared for the terminal, as plain text."""
    loc = Locale.of(doc.locale)
    out = [doc.title, "=" * len(doc.title)]
    for section in doc.sections:
        if placed_in(section, "terminal"):
            out += _section(section, loc)
    return "\n".join(out) + "\n"


def render_evaluation(ev: Evaluation, top: int = 3) -> str:
    """The readable summary `pacspec evaluate` prints (``top`` clients per ABC class)."""
    return render_text(build_document(ev, top=top, fmt="terminal"))
