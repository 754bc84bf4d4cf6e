"""Budget and workload: the actions' budgets added up by type, horizon, owner and priority
against the plan's envelopes, and each person's load per month."""

from __future__ import annotations

from pacspec.engine.actions import BudgetAxis, WorkloadTable, budget_table, workload_table
from pacspec.i18n import Locale, label, money, number
from pacspec.report import words
from pacspec.report.cells import lines_cell, money_cell, num_cell, pct_cell, text_cell
from pacspec.report.document import Block, Cell, Column, Paragraph, Row, Section, Table
from pacspec.report.sections import Context, SectionSpec, Sheet

#: The axes the method's PAC sheet adds budgets up by (the engine also has ``subtype``).
AXES: tuple[str, ...] = ("type", "horizon", "owner", "priority")


def budget_block(axes: list[BudgetAxis], loc: str, cur: str) -> list[Block]:
    """One table of every axis: amount, share of the actions' total, envelope, over."""
    rows: list[Row] = []
    total = envelope = None
    for axis in axes:
        if axis.axis not in AXES:
            continue
        total, envelope = axis.total, axis.envelope
        rows.append(Row((text_cell(label(f"axis_{axis.axis}", loc), strong=True),),
                        kind="group"))
        for line in axis.lines:
            rows.append(Row((
                text_cell(words.budget_key_label(axis.axis, line.key, loc)),
                money_cell(line.amount, cur, loc),
                pct_cell(line.share, loc, 0),
                money_cell(line.envelope, cur, loc),
                Cell("status", "red", label("over", loc)) if line.over else Cell("status"),
            ), key=f"{axis.axis}:{line.key}"))
    if total is None or total <= 0:
        return [Paragraph(label("rep_budget_none", loc), "note")]
    note = (label("rep_budget_total", loc, total=money(total, cur, loc),
                  envelope=money(envelope, cur, loc)) if envelope is not None
            else label("rep_budget_no_envelope", loc, total=money(total, cur, loc)))
    return [Table("budget-axes", label("rep_budget_axes", loc), (
        Column("key", label("value", loc)),
        Column("amount", label("budget", loc), "money", "right"),
        Column("share", label("share", loc), "percent", "right"),
        Column("envelope", label("envelope", loc), "money", "right"),
        Column("over", "", "status"),
    ), tuple(rows), note=note)]


def _month_title(month: str, loc: str) -> str:
    return label("rep_month_short", loc, yy=month[2:4], mm=month[5:7])


def workload_block(wl: WorkloadTable, titles: dict[str, str], loc: str) -> list[Block]:
    """Visits and days per person and month (two rows per person), with the actions by
    their titles."""
    if not wl.rows:
        return [Paragraph(label("rep_workload_none", loc), "note")]
    day = Locale.of(loc).day_unit

    def amount(value: float) -> Cell:
        return num_cell(value, loc, 0 if float(value).is_integer() else 1) if value else Cell(
            "number")

    rows: list[Row] = []
    for r in wl.rows:
        acts = lines_cell(titles.get(a, a) for a in r.actions)
        rows.append(Row((text_cell(r.person, strong=True), acts,
                         text_cell(label("rep_visits", loc)),
                         *(amount(v) for v in r.visits), amount(r.total_visits)),
                        key=f"{r.person}:visits"))
        rows.append(Row((Cell(), Cell(), text_cell(f"{label('rep_days', loc)} ({day})"),
                         *(amount(d) for d in r.days), amount(r.total_days)),
                        key=f"{r.person}:days"))
    return [Table("workload", label("title_workload", loc), (
        Column("person", label("person", loc)),
        Column("actions", label("diff_actions", loc), wide=True),
        Column("unit", ""),
        *(Column(f"m{m}", _month_title(m, loc), "number", "right") for m in wl.months),
        Column("total", label("total", loc), "number", "right"),
    ), tuple(rows), note=label("rep_workload_note", loc, days=number(
        sum(r.total_days for r in wl.rows), loc, 1), visits=number(
        sum(r.total_visits for r in wl.rows), loc, 0)))]


def build(ctx: Context) -> Section:
    ev = ctx.ev
    loc, cur = ev.locale, ev.plan.header.currency
    axes = ctx.actions.budget if ctx.actions is not None else budget_table(ev.plan)
    wl = ctx.actions.workload if ctx.actions is not None else workload_table(ev.plan)
    titles = {a.id: a.title for a in ev.plan.actions}
    blocks = [*budget_block(axes, loc, cur), *workload_block(wl, titles, loc)]
    return Section(SECTION.id, SECTION.title(loc), tuple(blocks))


SECTION = SectionSpec(
    id="resources", order=92, title=lambda loc: label("rep_title_resources", loc), build=build,
    xlsx=Sheet(lambda loc: label("rep_sheet_plan", loc), 30), terminal=False,
)
