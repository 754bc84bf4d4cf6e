"""The PAC table: the actions grouped by typology, with the budget envelope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.i18n import Locale, label, money
from pacspec.report import words
from pacspec.report.cells import (
    date_cell,
    int_cell,
    lines_cell,
    money_cell,
    pct_cell,
    text_cell,
)
from pacspec.report.document import (
    Align,
    Block,
    Cell,
    CellKind,
    Column,
    KeyValues,
    Paragraph,
    Row,
    Section,
    Table,
)
from pacspec.report.grouping import typology_groups
from pacspec.report.sections import Context, SectionSpec, Sheet

if TYPE_CHECKING:
    from pacspec.engine.actions import PlanActions
    from pacspec.engine.result import Evaluation
    from pacspec.model.actions import Action


PAC_COLUMNS: tuple[str, ...] = (
    "client", "steps", "priority", "owner", "participants", "due", "progress", "budget",
    "comments", "current_revenue", "target_revenue", "results",
)  # fmt: skip


def _named_clients(ev: Evaluation, action: Action, resolved: PlanActions | None) -> list[str]:
    """Names of the clients of an action whose target names them (a top-level ``client:``
    test): the resolved clients, else the ids the plan lists."""
    target = action.target
    if target is None or target.client is None or not target.client.in_:
        return []
    if resolved is not None:
        ids: list[str] = resolved.action(action.id).client_ids
        names = resolved.baseline.client_names(ids)
    else:
        names = ev.client_names(list(target.client.in_))
    return [c.name or c.client for c in names]


def build(ctx: Context) -> Section:
    """The PAC table; CA actuel and CA cible from ``resolved`` (the engine's), else as the
    plan states them (with a note)."""
    ev, resolved = ctx.ev, ctx.actions
    loc, cur = ev.locale, ev.plan.header.currency
    plan = ev.plan
    kinds: dict[str, tuple[CellKind, Align, bool]] = {
        "client": ("text", "left", True), "steps": ("text", "left", True),
        "priority": ("integer", "center", False), "owner": ("text", "left", False),
        "participants": ("text", "left", False), "due": ("date", "right", False),
        "progress": ("percent", "right", False), "budget": ("money", "right", False),
        "comments": ("text", "left", True), "current_revenue": ("money", "right", False),
        "target_revenue": ("money", "right", False), "results": ("text", "left", True),
    }
    columns = tuple(Column(k, label(k, loc), kinds[k][0], kinds[k][1],
                           kinds[k][2]) for k in PAC_COLUMNS)
    groups: list[tuple[str, list[Action]]] = []
    for n, (group, members) in enumerate(typology_groups(plan.actions, plan, loc), start=1):
        title = (label("rep_typology_group", loc, n=n, label=group.name)
                 if group.kind in ("typology", "unknown") else group.name)
        groups.append((title, members))
    rows: list[Row] = []
    for title, members in groups:
        rows.append(Row((text_cell(title, strong=True),), kind="group"))
        for a in members:
            if resolved is not None:
                figures = resolved.action(a.id)
                current, target = figures.current_revenue, figures.target_revenue
            else:
                current, target = a.current_revenue, a.target_revenue
            rows.append(Row((
                lines_cell([a.title, *_named_clients(ev, a, resolved)], strong_first=True),
                lines_cell(a.steps),
                int_cell(a.priority, loc),
                text_cell(a.owner),
                text_cell(", ".join(a.participants) or None),
                date_cell(a.due, loc),
                pct_cell(a.progress / 100, loc, 0),
                money_cell(a.budget, cur, loc),
                text_cell(a.comments),
                money_cell(current, cur, loc),
                money_cell(target, cur, loc),
                text_cell(a.results),
            ), key=a.id))
    blocks: list[Block] = []
    b = plan.budget
    locale = Locale.of(loc)
    items: list[tuple[str, Cell]] = []
    if b.total is not None:
        items.append((label("total", loc), money_cell(b.total, cur, loc)))
    for axis, envelope in (("type", b.by_type), ("horizon", b.by_horizon),
                           ("owner", b.by_owner), ("priority", b.by_priority)):
        if envelope:
            parts = [f"{words.envelope_key_label(axis, str(k), loc)}{locale.colon}"
                     f"{money(v, cur, loc)}" for k, v in envelope.items()]
            items.append((label(f"axis_{axis}", loc), text_cell(locale.join(parts))))
    if items:
        blocks.append(KeyValues("budget", label("rep_budget_envelope", loc), tuple(items)))
    if plan.actions:
        note = None if resolved is not None else label("rep_pac_stated_note", loc)
        blocks.append(Table("pac", None, columns, tuple(rows), note=note))
    else:
        blocks.append(Paragraph(label("rep_no_actions", loc), "note"))
    return Section(SECTION.id, SECTION.title(loc), tuple(blocks))


SECTION = SectionSpec(
    id="pac-table", order=90, title=lambda loc: label("title_actions", loc), build=build,
    xlsx=Sheet(lambda loc: "PAC", 10), terminal=False,
)
