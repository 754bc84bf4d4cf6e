"""Plan header: company, business unit, year, vision, the analysis dates, the objectives and the data problems."""

from __future__ import annotations

from pacspec.i18n import label
from pacspec.report import words
from pacspec.report.cells import (
    date_cell,
    date_text,
    int_cell,
    metric_cell,
    text_cell,
)
from pacspec.report.document import (
    Block,
    Cell,
    Column,
    KeyValues,
    Paragraph,
    Row,
    Section,
    Table,
)
from pacspec.report.sections import Context, SectionSpec, Sheet


def build(ctx: Context) -> Section:
    ev = ctx.ev
    loc, h = ev.locale, ev.plan.header
    items: list[tuple[str, Cell]] = [
        (label("rep_company", loc), text_cell(h.company, strong=True)),
        (label("rep_business_unit", loc), text_cell(h.business_unit)),
        (label("rep_budget_year", loc), text_cell(str(h.budget_year))),
        (label("rep_plan_period", loc),
         text_cell(f"{date_text(h.plan_start, loc)} → {date_text(h.end, loc)}")),
    ]
    if h.vision:
        items.append((label("rep_vision", loc), text_cell(h.vision, strong=True)))
    if h.author:
        items.append((label("rep_author", loc), text_cell(h.author)))
    items += [
        (label("as_of", loc), date_cell(ev.as_of, loc)),
        (label("window", loc), text_cell(
            f"{date_text(ev.window[0], loc)} → {date_text(ev.window[1], loc)}")),
        (label("periods", loc), text_cell(", ".join(ev.period_labels))),
        (label("clients", loc), int_cell(ev.n_clients, loc)),
        (label("rep_transactions", loc), int_cell(ev.ledger.n_transactions, loc)),
    ]
    blocks: list[Block] = [KeyValues("plan", None, tuple(items))]
    cur = h.currency
    if h.objectives:
        blocks.append(Table("objectives", label("rep_objectives", loc), (
            Column("objective", label("rep_objective", loc), wide=True),
            Column("metric", label("rep_metric", loc)),
            Column("target", label("rep_target", loc), "number", "right"),
        ), tuple(Row((text_cell(o.text), text_cell(words.metric_label(o.metric, loc)),
                      metric_cell(o.metric, o.target, loc, cur)), key=o.id)
                 for o in h.objectives)))
    # the data problems, positioned in the plan file as the commands print them
    for p in ev.problems:
        blocks.append(Paragraph(p.format(), "warning" if p.severity != "note" else "note"))
    return Section(SECTION.id, SECTION.title(loc), tuple(blocks))


SECTION = SectionSpec(
    id="header", order=10, title=lambda loc: label("rep_title_header", loc), build=build,
    xlsx=Sheet(lambda loc: label("rep_sheet_plan", loc), 30),
    terminal=True,
)
