"""Coverage of the analysis by the actions: the profiles and ABC classes each commercial
action reaches, the priority-1 clients left out, the EMOFF strategies with no action and
the recommendation suggestions (what the rule set advises that no action of the matching
kind covers)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.engine.actions import resolve_actions
from pacspec.i18n import Locale, label, money, number
from pacspec.report.cells import date_text, int_cell, lines_cell, money_cell, text_cell
from pacspec.report.document import Block, Cell, Column, Paragraph, Row, Section, Table
from pacspec.report.sections import Context, SectionSpec, Sheet

if TYPE_CHECKING:
    from collections.abc import Sequence

    from pacspec.engine.actions import ClientRef, CoverageGroup


def _client(c: ClientRef, cur: str, loc: str) -> str:
    name = c.name or c.client
    return f"{name} ({money(c.revenue, cur, loc)})" if c.revenue else name


def _groups(table_id: str, title: str, groups: Sequence[CoverageGroup], loc: str,
            cur: str) -> Table:
    rows = tuple(Row((
        text_cell(g.label, strong=g.uncovered),
        int_cell(g.clients, loc),
        int_cell(g.targeted, loc),
        money_cell(g.revenue, cur, loc),
        Cell("status", "orange", label("rep_uncovered", loc)) if g.uncovered else Cell("status"),
    ), key=g.id) for g in groups)
    return Table(table_id, None, (
        Column("group", title),
        Column("clients", label("clients", loc), "integer", "right"),
        Column("targeted", label("targeted", loc), "integer", "right"),
        Column("revenue", label("revenue", loc), "money", "right"),
        Column("uncovered", "", "status"),
    ), rows, row_header=True)


def build(ctx: Context) -> Section:
    ev = ctx.ev
    loc, cur = ev.locale, ev.plan.header.currency
    # the baseline's resolution when the report has one, else the targets as of today
    resolved = ctx.actions if ctx.actions is not None else resolve_actions(ev)
    cov = resolved.coverage
    blocks: list[Block] = [Paragraph(label("rep_coverage_at", loc, date=date_text(
        resolved.baseline.as_of, loc)), "note")]
    if not ev.plan.actions:
        blocks.append(Paragraph(label("rep_no_actions", loc), "note"))
    elif cov.complete:
        blocks.append(Paragraph(label("cov_complete", loc), "lead"))
    if cov.profiles:
        blocks.append(_groups("coverage-profiles", label("profile", loc), cov.profiles, loc, cur))
    if cov.abc:
        blocks.append(_groups("coverage-abc", label("abc", loc), cov.abc, loc, cur))
    if cov.priority_total:
        text = label("cov_priority", loc, n=number(cov.priority_uncovered, loc),
                     total=number(cov.priority_total, loc))
        if cov.priority_top:
            text += (", " + Locale.of(loc).including + " "
                     + "; ".join(_client(c, cur, loc) for c in cov.priority_top)
                     + ("; …" if cov.priority_uncovered > len(cov.priority_top) else ""))
        blocks.append(Paragraph(text, "warning" if cov.priority_uncovered else "text"))
    if cov.strategies:
        blocks.append(Table("coverage-strategies", label("cov_strategies", loc), (
            Column("crossing", label("rep_crossing", loc)),
            Column("strategy", label("rep_strategy", loc), wide=True),
        ), tuple(Row((text_cell(label(f"rep_tows_{s.crossing}", loc), strong=True),
                      text_cell(s.text)), key=s.id) for s in cov.strategies)))
    if ev.plan.recommendations:
        if cov.suggestions:
            blocks.append(Table("suggestions", label("title_suggestions", loc), (
                Column("recommendation", label("rep_recommendation", loc), wide=True),
                Column("kinds", label("rep_action_kinds", loc)),
                Column("clients", label("clients", loc), "integer", "right"),
                Column("revenue", label("revenue", loc), "money", "right"),
                Column("examples", label("rep_examples", loc), wide=True),
            ), tuple(Row((
                text_cell(s.label, strong=True),
                lines_cell(label(f"subtype_{k}", loc) for k in s.subtypes),
                int_cell(s.clients, loc),
                money_cell(s.revenue, cur, loc),
                lines_cell([*(_client(c, cur, loc) for c in s.top),
                            *(["…"] if s.more else [])]),
            ), key=s.id) for s in cov.suggestions)))
        else:
            blocks.append(Paragraph(label("rep_suggestions_none", loc), "note"))
    return Section(SECTION.id, SECTION.title(loc), tuple(blocks))


SECTION = SectionSpec(
    id="coverage", order=95, title=lambda loc: label("title_coverage", loc), build=build,
    xlsx=Sheet(lambda loc: label("rep_sheet_plan", loc), 30), terminal=False,
)
