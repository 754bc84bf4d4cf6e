"""The client portfolio (crossed ABC matrix): potential classes, crosstab, zones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.i18n import Locale, label, money
from pacspec.model.abc import POTENTIAL_CLASSES, ZONES
from pacspec.report import words
from pacspec.report.cells import (
    int_cell,
    money_cell,
    pct_cell,
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

if TYPE_CHECKING:
    from pacspec.engine.result import Evaluation


def _penetration(ev: Evaluation) -> list[Block]:
    """Penetration (revenue / stated potential) and reste à gagner per zone, then in all."""
    loc, cur = ev.locale, ev.plan.header.currency
    zones = ev.portfolio_zones()
    if zones is None:
        return []
    rows = []
    for z in zones:
        total = z.zone == "total"
        rows.append(Row((
            text_cell(label("total", loc) if total else words.category_label("zone", z.zone, loc)),
            int_cell(z.clients, loc), money_cell(z.revenue, cur, loc),
            int_cell(z.with_potential, loc), money_cell(z.potential, cur, loc),
            pct_cell(z.penetration, loc, 0), money_cell(z.headroom, cur, loc),
            int_cell(z.over_potential, loc),
        ), kind="total" if total else "data", key=z.zone))
    return [Table("portfolio-penetration", label("rep_penetration_title", loc), (
        Column("zone", label("zone", loc)),
        Column("clients", label("clients", loc), "integer", "right"),
        Column("revenue", label("revenue", loc), "money", "right"),
        Column("with_potential", label("rep_with_potential", loc), "integer", "right"),
        Column("potential", label("potential", loc), "money", "right"),
        Column("penetration", label("penetration", loc), "percent", "right"),
        Column("headroom", label("headroom", loc), "money", "right"),
        Column("over_potential", label("rep_over_potential", loc), "integer", "right"),
    ), tuple(rows), note=label("rep_penetration_note", loc))]


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
        *_penetration(ev),
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
