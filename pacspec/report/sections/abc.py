"""The ABC matrix (Pareto): classes, top clients per class, the Pareto curve, the dependence warning."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.i18n import Locale, label, percent
from pacspec.report import words
from pacspec.report.cells import (
    int_cell,
    money_cell,
    pct_cell,
    text_cell,
)
from pacspec.report.document import (
    Block,
    Cell,
    Column,
    Paragraph,
    ParetoChart,
    Row,
    Section,
    Table,
)
from pacspec.report.scoped import scoped_abc
from pacspec.report.sections import Context, SectionSpec, Sheet

if TYPE_CHECKING:
    from pacspec.engine.result import AbcRow, Evaluation


def pareto_chart(ev: Evaluation) -> ParetoChart:
    """The Pareto curve of ``ev`` as chart data."""
    loc = ev.locale
    p = ev.pareto_summary()
    margin = ev.plan.abc.measure == "margin"
    return ParetoChart(
        "abc-pareto", label("rep_pareto", loc),
        label("rep_pareto_x_margin" if margin else "rep_pareto_x", loc),
        label("rep_pareto_y_margin" if margin else "rep_pareto_y", loc),
        p.points,
        tuple((c.class_, c.client_share, c.revenue_share) for c in p.classes),
        tuple((r.class_, r.client_share) for r in p.reference),
        label("reference", loc), loc)


def build(ctx: Context) -> Section:
    ev = ctx.ev
    loc, cur = ev.locale, ev.plan.header.currency
    abc = ev.abc_summary()
    margin = abc.measure == "margin"

    def by_margin(r: AbcRow) -> tuple[Cell, ...]:  # the margin columns, when ranked on it
        return ((money_cell(r.margin or 0.0, cur, loc), pct_cell(r.margin_share or 0.0, loc))
                if margin else ())

    rows = [Row((text_cell(r.class_, strong=True), int_cell(r.clients, loc),
                 pct_cell(r.client_share, loc), pct_cell(r.reference, loc, 0),
                 money_cell(r.revenue, cur, loc), pct_cell(r.revenue_share, loc),
                 *by_margin(r)), key=r.class_) for r in abc]
    total_margin = ((money_cell(abc.total_margin or 0.0, cur, loc),
                     pct_cell(sum(r.margin_share or 0.0 for r in abc), loc)) if margin else ())
    rows.append(Row((text_cell(label("total", loc)), int_cell(abc.total_clients, loc),
                     pct_cell(sum(r.client_share for r in abc), loc), Cell("percent"),
                     money_cell(abc.total_revenue, cur, loc),
                     pct_cell(sum(r.revenue_share for r in abc), loc), *total_margin),
                    kind="total"))
    if abc.unranked_clients:
        # after the total of the ranked clients: the clients with no positive revenue in
        # the window (no positive margin either, on margin), who have no class and are not
        # in the shares
        rows.append(Row((text_cell(label("abc_none_margin" if margin else "abc_none", loc)),
                         int_cell(abc.unranked_clients, loc),
                         Cell("percent"), Cell("percent"),
                         money_cell(abc.unranked_revenue, cur, loc), Cell("percent"),
                         *((Cell("money"), Cell("percent")) if margin else ())),
                        key="none"))
    basis = label("rep_basis_margin" if margin and abc.basis == "revenue"
                  else f"rep_basis_{abc.basis}", loc)
    note = (f"{label('thresholds', loc)} ({basis}){Locale.of(loc).colon}"
            + ", ".join(percent(c, loc, 0) for c in abc.cuts))
    if margin:  # say what the classes rank on (revenue is the method's default)
        note = f"{label('rep_abc_on_margin', loc)}. {note}"
    margin_columns = (
        Column("margin", label("margin", loc), "money", "right"),
        Column("margin_share", label("margin_share", loc), "percent", "right"),
    ) if margin else ()
    blocks: list[Block] = [
        Table("abc-classes", None, (
            Column("class", label("abc", loc)),
            Column("clients", label("clients", loc), "integer", "right"),
            Column("client_share", label("client_share", loc), "percent", "right"),
            Column("reference", label("reference", loc), "percent", "right"),
            Column("revenue", label("revenue", loc), "money", "right"),
            Column("revenue_share", label("revenue_share", loc), "percent", "right"),
            *margin_columns,
        ), tuple(rows), note=note, row_header=True),
    ]
    top_rows: list[Row] = []
    for group in ev.top_clients("abc", ctx.top):
        for c in group.clients:
            top_rows.append(Row((text_cell(group.category, strong=True),
                                 text_cell(c.client), text_cell(c.name),
                                 money_cell(c.revenue, cur, loc)), key=c.client))
    blocks.append(Table("abc-top", label("title_top", loc), (
        Column("class", label("abc", loc)),
        Column("client", label("client", loc)),
        Column("name", label("name", loc)),
        Column("revenue", label("revenue", loc), "money", "right"),
    ), tuple(top_rows)))
    blocks.append(pareto_chart(ev))
    blocks.extend(Paragraph(w, "warning") for w in words.dependence_warnings(ev))
    return Section(SECTION.id, SECTION.title(loc), tuple(blocks))


SECTION = SectionSpec(
    id="abc", order=30, title=lambda loc: label("title_abc", loc), build=build,
    xlsx=Sheet(lambda loc: "ABC", 50), terminal=True, scoped=scoped_abc,
)
