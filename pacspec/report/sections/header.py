"""Plan header: company, business unit, year, vision, every date the document rests on, the
objectives and the data problems."""

from __future__ import annotations

import datetime as dt

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
from pacspec.report.scoped import scope_line
from pacspec.report.sections import Context, SectionSpec, Sheet


def _span(first: dt.date, last: dt.date, loc: str) -> Cell:
    return Cell("text", (first, last), f"{date_text(first, loc)} → {date_text(last, loc)}")


def dates(ctx: Context) -> KeyValues:
    """Every date the document rests on: the analysis (``as_of`` and its window), the data
    read, the plan period, the date the PAC table's amounts are taken at and the steering
    periods."""
    ev = ctx.ev
    loc, h = ev.locale, ev.plan.header
    first, last = ev.ledger.first_date, ev.ledger.last_date
    items: list[tuple[str, Cell]] = [
        (label("as_of", loc), date_cell(ev.as_of, loc)),
        (label("window", loc), _span(ev.window[0], ev.window[1], loc)),
        (label("periods", loc), text_cell(", ".join(ev.period_labels))),
        (label("rep_date_data", loc), _span(first, last, loc) if first and last
         else text_cell(label("rep_date_no_data", loc))),
        (label("rep_plan_period", loc), _span(h.plan_start, h.end, loc)),
    ]
    if ctx.actions is not None:
        at = ctx.actions.baseline.as_of
        items.append((label("rep_date_baseline", loc), Cell(
            "text", at, label("rep_date_baseline_at", loc, date=date_text(at, loc)))))
    else:
        items.append((label("rep_date_baseline", loc), text_cell(label("rep_date_stated", loc))))
    if ctx.steering is not None:
        items.append((label("rep_date_steering", loc), _span(*ctx.steering.period, loc)))
        if ctx.steering.n1_period is not None:
            items.append((label("rep_date_n1", loc), _span(*ctx.steering.n1_period, loc)))
    return KeyValues("dates", label("rep_dates", loc), tuple(items))


def build(ctx: Context) -> Section:
    ev = ctx.ev
    loc, h = ev.locale, ev.plan.header
    items: list[tuple[str, Cell]] = [
        (label("rep_company", loc), text_cell(h.company, strong=True)),
        (label("rep_business_unit", loc), text_cell(h.business_unit)),
        (label("rep_budget_year", loc), text_cell(str(h.budget_year))),
    ]
    if h.vision:
        items.append((label("rep_vision", loc), text_cell(h.vision, strong=True)))
    if h.author:
        items.append((label("rep_author", loc), text_cell(h.author)))
    items += [
        (label("clients", loc), int_cell(ev.n_clients, loc)),
        (label("rep_transactions", loc), int_cell(ev.ledger.n_transactions, loc)),
    ]
    blocks: list[Block] = [KeyValues("plan", None, tuple(items)), dates(ctx)]
    if ctx.scope is not None:  # whose document it is, first
        blocks.insert(0, Paragraph(scope_line(ctx.scope, loc), "lead"))
    cur = h.currency
    if h.objectives:
        blocks.append(Table("objectives", label("rep_objectives", loc), (
            Column("objective", label("rep_objective", loc), wide=True),
            Column("metric", label("rep_metric", loc)),
            Column("target", label("rep_target", loc), "number", "right"),
        ), tuple(Row((text_cell(o.text), text_cell(words.metric_label(o.metric, loc)),
                      metric_cell(o.metric, o.target, loc, cur)), key=o.id)
                 for o in h.objectives)))
        if ctx.scope is not None:
            blocks.append(Paragraph(label("rep_scope_objectives", loc, who=ctx.scope.key),
                                    "note"))
    # the data problems in the plan's words (the commands print them with their position)
    for p in ev.problems:
        text = p.message + (f" ({p.hint})" if p.hint else "")
        blocks.append(Paragraph(text, "warning" if p.severity != "note" else "note"))
    return Section(SECTION.id, SECTION.title(loc), tuple(blocks))


SECTION = SectionSpec(
    id="header", order=10, title=lambda loc: label("rep_title_header", loc), build=build,
    xlsx=Sheet(lambda loc: label("rep_sheet_plan", loc), 30),
    terminal=True, scoped=build,
)
