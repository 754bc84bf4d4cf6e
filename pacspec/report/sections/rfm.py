"""RFM: the code legend and distribution, revenue per code and period, the score cuts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.i18n import label, money, number
from pacspec.report.cells import (
    int_cell,
    money_cell,
    pct_cell,
    text_cell,
)
from pacspec.report.document import (
    Block,
    Column,
    HeatmapChart,
    Paragraph,
    Row,
    Section,
    Table,
)
from pacspec.report.sections import Context, SectionSpec, Sheet

if TYPE_CHECKING:
    from pacspec.engine.result import Evaluation


def heatmap_chart(ev: Evaluation) -> HeatmapChart:
    """Revenue per RFM code and period of ``ev`` as chart data."""
    loc, cur = ev.locale, ev.plan.header.currency
    m = ev.code_period_revenue()
    return HeatmapChart(
        "rfm-heatmap", label("rep_heatmap", loc), label("code", loc), label("periods", loc),
        tuple(r.code for r in m), m.periods,
        tuple(r.revenue for r in m),
        tuple(tuple(money(v, cur, loc) for v in r.revenue) for r in m),
        tuple(number(r.clients, loc) for r in m), label("clients", loc),
        tuple(r.clients for r in m))


def build(ctx: Context) -> Section:
    ev = ctx.ev
    loc, cur = ev.locale, ev.plan.header.currency
    codes = ev.code_distribution()
    legend = label("rep_code_legend", loc, periods=", ".join(ev.period_labels))
    blocks: list[Block] = [
        Paragraph(legend, "note"),
        Table("rfm-codes", label("title_codes", loc), (
            Column("code", label("code", loc)),
            Column("clients", label("clients", loc), "integer", "right"),
            Column("client_share", label("client_share", loc), "percent", "right"),
            Column("revenue", label("revenue", loc), "money", "right"),
        ), tuple(Row((text_cell(r.code), int_cell(r.clients, loc),
                      pct_cell(r.client_share, loc), money_cell(r.revenue, cur, loc)),
                     key=r.code) for r in codes), row_header=True),
        heatmap_chart(ev),
    ]
    score_rows = []
    for t in ev.score_thresholds():
        measure = {"recency": "recency", "frequency": "orders", "monetary": "revenue"}[t.metric]
        digits = 0 if t.metric == "monetary" else 1
        score_rows.append(Row((
            text_cell(t.score.upper(), strong=True), text_cell(label(measure, loc)),
            text_cell(label(f"rep_better_{t.better}", loc)),
            text_cell(" | ".join(number(c, loc, digits) for c in t.cuts)),
        ), key=t.score))
    blocks.append(Table("rfm-scores", label("title_scores", loc), (
        Column("score", "Score"),
        Column("metric", label("rep_measure", loc)),
        Column("better", label("rep_better", loc)),
        Column("cuts", label("thresholds", loc)),
    ), tuple(score_rows)))
    return Section(SECTION.id, SECTION.title(loc), tuple(blocks))


SECTION = SectionSpec(
    id="rfm", order=40, title=lambda loc: label("rep_title_rfm", loc), build=build,
    xlsx=Sheet(lambda loc: "RFM", 60), terminal=True,
)
