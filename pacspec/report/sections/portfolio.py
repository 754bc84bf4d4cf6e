"""The client portfolio (crossed ABC matrix): potential classes, crosstab, zones."""

from __future__ import annotations

from pacspec.i18n import Locale, label, money
from pacspec.model.abc import POTENTIAL_CLASSES, ZONES
from pacspec.report import words
from pacspec.report.cells import (
    int_cell,
    money_cell,
    text_cell,
)
from pacspec.report.document import (
    Block,
    Column,
    KeyValues,
    MatrixCell,
    MatrixChart,
    Paragraph,
    Row,
    Section,
    Table,
)
from pacspec.report.sections import Context, SectionSpec, Sheet


def build(ctx: Context) -> Section:
    ev = ctx.ev
    loc, cur = ev.locale, ev.plan.header.currency
    title = SECTION.title(loc)
    spec = ev.plan.portfolio
    m = ev.portfolio_matrix()
    if spec is None or m is None:
        return Section(SECTION.id, title, (Paragraph(label("rep_not_stated", loc), "note"),))
    cells = tuple(tuple(
        MatrixCell(m.clients[i][j], m.revenue[i][j], money(m.revenue[i][j], cur, loc),
                   m.zones[i][j], label(f"zone_{m.zones[i][j]}", loc))
        for j in range(len(m.cols))) for i in range(len(m.rows)))
    hi, mid = spec.thresholds
    blocks: list[Block] = [
        KeyValues("portfolio-spec", None, (
            (label("rep_potential_attribute", loc), text_cell(spec.attribute)),
            (label("rep_potential_classes", loc), text_cell(Locale.of(loc).join((
                f"{POTENTIAL_CLASSES[0]} ≥ {money(hi, cur, loc)}",
                f"{POTENTIAL_CLASSES[1]} ≥ {money(mid, cur, loc)}",
                f"{POTENTIAL_CLASSES[2]} < {money(mid, cur, loc)}")))),
        )),
        Table("portfolio-crosstab", label("rep_portfolio_counts", loc), (
            Column("class", f"{label('revenue_class', loc)} \\ {label('potential_class', loc)}"),
            *(Column(f"p{j}", c, "integer", "right") for j, c in enumerate(m.cols)),
        ), tuple(Row((text_cell(r, strong=True),
                      *(int_cell(v, loc) for v in m.clients[i])), key=r)
                 for i, r in enumerate(m.rows)), row_header=True),
        Table("portfolio-zones", None, (
            Column("zone", label("zone", loc)),
            Column("clients", label("clients", loc), "integer", "right"),
            Column("revenue", label("revenue", loc), "money", "right"),
        ), tuple(Row((text_cell(words.category_label("zone", z.id, loc)),
                      int_cell(z.clients, loc), money_cell(z.revenue, cur, loc)), key=z.id)
                 for z in ev.rule_counts("zone"))),
        MatrixChart("portfolio-matrix", label("rep_portfolio_matrix", loc),
                    label("revenue_class", loc), label("potential_class", loc),
                    m.rows, m.cols, cells, tuple((z, label(f"zone_{z}", loc)) for z in ZONES)),
    ]
    return Section(SECTION.id, title, tuple(blocks))


SECTION = SectionSpec(
    id="portfolio", order=80, title=lambda loc: label("title_portfolio", loc), build=build,
    xlsx=Sheet(lambda loc: label("rep_sheet_portfolio", loc), 90),
    terminal=True,
)
