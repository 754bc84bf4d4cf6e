"""The PAC table: the actions grouped by typology, with the budget envelope."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.i18n import Locale, label, money
from pacspec.model.actions import horizon_of, reading_at
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
    from pacspec.model.plan import Plan


PAC_COLUMNS: tuple[str, ...] = (
    "client", "steps", "type", "horizon", "priority", "owner", "participants", "due",
    "progress", "budget", "spent", "comments", "current_revenue", "target_revenue",
    "realised", "attainment", "results",
)  # fmt: skip
"""The PAC table's columns; ``realised`` and ``attainment`` (the computed *Résultats*) only
with a steering result."""

EDITABLE: tuple[str, ...] = ("progress", "spent", "comments", "results")
"""The plan fields the team fills in (unlocked in the working workbook)."""

_COMPUTED = ("realised", "attainment")

PAC_TITLES = {"type": "rep_pac_type", "realised": "rep_realised_revenue",
              "attainment": "rep_attainment", "results": "rep_pac_results_text"}
"""The label key of a column's title, when it is not the column's key."""


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


def owners(actions: list[Action]) -> list[str]:
    """The action owners of a plan, in order of first appearance."""
    return list(dict.fromkeys(a.owner for a in actions))


def check_owner(plan: Plan, owner: str | None) -> None:
    """Refuse an ``owner`` that carries none of the plan's actions
    (:class:`~pacspec.report.ReportError`, code ``unknown-owner``, with did-you-mean), in
    the plan's locale."""
    from pacspec.diagnostics import Problem, did_you_mean
    from pacspec.report.formats import ReportError

    known = owners(plan.actions)
    if owner is None or owner in known:
        return
    loc = plan.locale
    meant = did_you_mean(owner, known) or next(
        (k for k in known if k.casefold() == owner.casefold()), None)
    hint = (label("hint_did_you_mean_quoted", loc, value=meant) if meant is not None
            else label("hint_unknown_owner", loc))
    raise ReportError([Problem("error", "unknown-owner", label(
        "msg_unknown_owner", loc, owner=owner, owners=", ".join(known) or "—"), hint=hint,
        hint_lead=label("hint_lead", loc))])


def _scope_budget(ctx: Context, actions: list[Action]) -> KeyValues:
    """The budget block of a document for one person: his actions' budget and spending at
    ``as_of`` and their share of the plan's; for a salesperson, only the actions whose
    clients are all his (a budget is not split by client), the shared ones named."""
    assert ctx.scope is not None
    scope, loc, cur = ctx.scope, ctx.locale, ctx.currency
    plan = ctx.ev.plan
    whole = [a for a in actions if scope.kind == "owner" or (
        a.id in scope.parts and scope.parts[a.id].whole)]
    shared = [a.id for a in actions if a not in whole]
    budget = sum(a.budget for a in whole)
    spent = sum(reading_at(a.spent, ctx.ev.as_of)[0] or 0.0 for a in whole)
    total = plan.budget.total if plan.budget.total is not None else sum(
        a.budget for a in plan.actions)
    items: list[tuple[str, Cell]] = [
        (label("rep_scope_budget_actions" if scope.kind == "owner"
               else "rep_scope_budget_whole", loc), money_cell(budget, cur, loc)),
        (label("spent", loc), money_cell(spent, cur, loc)),
        (label("rep_scope_budget_share", loc), pct_cell(budget / total if total else None,
                                                        loc, 1)),
    ]
    envelope = plan.budget.by_owner.get(scope.key) if scope.kind == "owner" else None
    if envelope is not None:
        items.append((label("rep_scope_envelope", loc, who=scope.key),
                      money_cell(envelope, cur, loc)))
    if shared:
        items.append((label("rep_scope_shared", loc, n=len(shared), ids=", ".join(shared)),
                      text_cell("n/a")))
    title = label("rep_scope_budget_owner" if scope.kind == "owner"
                  else "rep_scope_budget_commercial", loc, who=scope.key)
    return KeyValues("budget", title, tuple(items))


def build(ctx: Context) -> Section:
    """The PAC table; CA actuel and CA cible from ``resolved`` (the engine's), else as the
    plan states them (with a note). Progress and spent are the plan's readings at
    ``as_of``; with a steering result, the computed *Résultats* (realised revenue since
    the action's start, attainment of its phased CA cible) sit beside the free-text
    ``results``. With ``ctx.owner``, only that owner's actions."""
    ev, resolved = ctx.ev, ctx.actions
    loc, cur = ev.locale, ev.plan.header.currency
    plan = ev.plan
    kinds: dict[str, tuple[CellKind, Align, bool]] = {
        "client": ("text", "left", True), "steps": ("text", "left", True),
        "type": ("text", "left", False), "horizon": ("text", "center", False),
        "priority": ("integer", "center", False), "owner": ("text", "left", False),
        "participants": ("text", "left", False), "due": ("date", "right", False),
        "progress": ("percent", "right", False), "budget": ("money", "right", False),
        "spent": ("money", "right", False),
        "comments": ("text", "left", True), "current_revenue": ("money", "right", False),
        "target_revenue": ("money", "right", False), "realised": ("money", "right", False),
        "attainment": ("percent", "right", False), "results": ("text", "left", True),
    }
    keys = [k for k in PAC_COLUMNS if ctx.steering is not None or k not in _COMPUTED]
    columns = tuple(Column(k, label(PAC_TITLES.get(k, k), loc), kinds[k][0], kinds[k][1],
                           kinds[k][2], editable=k in EDITABLE) for k in keys)
    scope = ctx.scope

    def shown(a: Action) -> bool:
        if scope is not None:
            return scope.has(a.id)
        return ctx.owner is None or a.owner == ctx.owner

    actions = [a for a in plan.actions if shown(a)]
    groups: list[tuple[str, list[Action]]] = []
    # numbered over the whole plan: an owner's workbook says "Typologie n°3" as the plan's
    for n, (group, members) in enumerate(typology_groups(plan.actions, plan, loc), start=1):
        title = (label("rep_typology_group", loc, n=n, label=group.name)
                 if group.kind in ("typology", "unknown") else group.name)
        kept = [a for a in members if shown(a)]
        if kept:
            groups.append((title, kept))
    start = plan.header.plan_start
    rows: list[Row] = []
    for title, members in groups:
        rows.append(Row((text_cell(title, strong=True),), kind="group"))
        for a in members:
            if resolved is not None:
                figures = resolved.action(a.id)
                current, target = figures.current_revenue, figures.target_revenue
            else:
                current, target = a.current_revenue, a.target_revenue
            part = scope.parts.get(a.id) if scope is not None else None
            if part is not None and not part.whole:  # a salesperson's clients only
                current, target = part.current_revenue, part.target_revenue
            progress = reading_at(a.progress, ev.as_of)[0]
            spent = reading_at(a.spent, ev.as_of)[0]
            cells: dict[str, Cell] = {
                "client": lines_cell([a.title, *_named_clients(ev, a, resolved)],
                                     strong_first=True),
                "steps": lines_cell(a.steps),
                "type": text_cell(label(f"type_{a.type}", loc)),
                "horizon": text_cell(label(f"horizon_{horizon_of(start, a.due)}", loc)),
                "priority": int_cell(a.priority, loc),
                "owner": text_cell(a.owner),
                "participants": text_cell(", ".join(a.participants) or None),
                "due": date_cell(a.due, loc),
                "progress": pct_cell((progress or 0.0) / 100, loc, 0),
                "budget": money_cell(a.budget, cur, loc),
                "spent": money_cell(spent, cur, loc),
                "comments": text_cell(a.comments),
                "current_revenue": money_cell(current, cur, loc),
                "target_revenue": money_cell(target, cur, loc),
                "results": text_cell(a.results),
            }
            if ctx.steering is not None:
                st = ctx.steering.action(a.id)
                realised, attained = (st.realised if st.has_target else None), st.attainment
                if part is not None and not part.whole:
                    realised, attained = part.realised, part.attainment
                cells["realised"] = money_cell(realised, cur, loc)
                cells["attainment"] = pct_cell(attained, loc, 0)
            rows.append(Row(tuple(cells[k] for k in keys), key=a.id))
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
    if scope is not None:  # his actions' budget, not the plan's envelope
        blocks.append(_scope_budget(ctx, actions))
        blocks.append(Paragraph(label(
            "rep_pac_owner_only" if scope.kind == "owner" else "rep_pac_commercial_only", loc,
            owner=scope.key, who=scope.key, n=len(actions), total=len(plan.actions)), "lead"))
    elif items:
        blocks.append(KeyValues("budget", label("rep_budget_envelope", loc), tuple(items)))
    if scope is None and ctx.owner is not None:
        blocks.append(Paragraph(label("rep_pac_owner_only", loc, owner=ctx.owner,
                                      n=len(actions), total=len(plan.actions)), "lead"))
    if actions:
        note = None if resolved is not None else label("rep_pac_stated_note", loc)
        blocks.append(Table("pac", None, columns, tuple(rows), note=note))
    else:
        blocks.append(Paragraph(label("rep_no_actions", loc), "note"))
    return Section(SECTION.id, SECTION.title(loc), tuple(blocks))


SECTION = SectionSpec(
    id="pac-table", order=90, title=lambda loc: label("title_actions", loc), build=build,
    xlsx=Sheet(lambda loc: "PAC", 10), terminal=False, scoped=build,
)
