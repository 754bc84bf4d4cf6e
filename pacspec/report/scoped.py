"""The sections of a document for one person (``report --owner`` / ``--commercial``; the
scope is :class:`pacspec.engine.scope.Scope`, resolved by the session): the line that says
whose document it is, the one line a plan-wide section leaves in its place, and his
clients' lists by ABC class and by profile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pacspec.i18n import label
from pacspec.report.cells import int_cell, money_cell, pct_cell, text_cell
from pacspec.report.document import Block, Column, Paragraph, Row, Section, Table

if TYPE_CHECKING:
    from pacspec.engine.actions import PlanActions
    from pacspec.engine.result import Evaluation
    from pacspec.engine.scope import ClientGroup, Scope
    from pacspec.engine.steering import SteeringResult
    from pacspec.model.plan import Plan
    from pacspec.report.sections import Context, SectionSpec

__all__ = ["check_commercial", "check_scope", "owner_scope_of", "plan_wide", "scope_line", "scoped_abc", "scoped_profiles"]


def scope_line(scope: Scope, loc: str) -> str:
    """Whose document it is: "Document de SED1 (responsable d'actions) : ..."."""
    return label("rep_scope_owner" if scope.kind == "owner" else "rep_scope_commercial", loc, who=scope.key, n=len(scope.actions),
                 total=scope.total_actions, clients=scope.n_clients)


def plan_wide(spec: SectionSpec, ctx: Context) -> Section:
    """A section about the whole plan, in a document for one person: one line saying so."""
    assert ctx.scope is not None
    loc = ctx.locale
    return Section(spec.id, spec.title(loc), (
        Paragraph(label("rep_scope_plan_wide", loc, who=ctx.scope.key), "note"),))


def _summary(table_id: str, first: str, groups: list[ClientGroup], loc: str, cur: str,
             none: str) -> Table:
    return Table(table_id, None, (
        Column("label", first),
        Column("clients", label("clients", loc), "integer", "right"),
        Column("client_share", label("client_share", loc), "percent", "right"),
        Column("revenue", label("revenue", loc), "money", "right"),
        Column("revenue_share", label("revenue_share", loc), "percent", "right"),
    ), tuple(Row((text_cell(g.label if g.label is not None else none, strong=True),
                  int_cell(g.clients, loc), pct_cell(g.client_share, loc),
                  money_cell(g.revenue, cur, loc), pct_cell(g.revenue_share, loc)),
                 key=g.id or "none") for g in groups),
        note=label("rep_scope_class_note", loc), row_header=True)


def _lists(ctx: Context, by: Literal["abc", "profile"]) -> tuple[Block, ...]:
    from pacspec.engine.scope import client_lists

    assert ctx.scope is not None
    ev, loc = ctx.ev, ctx.locale
    cur = ctx.currency
    groups = client_lists(ev, ctx.scope.clients, by)
    if not groups:
        return (Paragraph(label("rep_scope_no_clients" if ctx.scope.n_clients == 0
                                else "rep_not_stated", loc, who=ctx.scope.key), "note"),)
    none = label("abc_none" if by == "abc" else "none", loc)
    other, other_title = ("profile", label("profile", loc)) if by == "abc" else \
        ("abc", label("abc", loc))
    rows: list[Row] = []
    for g in groups:
        rows.append(Row((text_cell(g.label if g.label is not None else none, strong=True),),
                        kind="group"))
        for c in g.members:
            value = c.profile if other == "profile" else c.abc
            shown = (ev.rule_label("profiles", value) if other == "profile" and value
                     else value)
            rows.append(Row((text_cell(c.client), text_cell(c.name), text_cell(shown),
                             money_cell(c.revenue, cur, loc)), key=c.client))
    first = label("abc" if by == "abc" else "profile", loc)
    return (_summary(f"scope-{by}", first, groups, loc, cur, none),
            Table(f"scope-{by}-clients", label(
                "rep_scope_list_abc" if by == "abc" else "rep_scope_list_profile", loc), (
                Column("client", label("client", loc)),
                Column("name", label("name", loc)),
                Column(other, other_title),
                Column("revenue", label("revenue", loc), "money", "right"),
            ), tuple(rows)))


def scoped_abc(ctx: Context) -> Section:
    """His clients by ABC class (the plan's classes): counts and revenue, then the list."""
    from pacspec.report.sections import get

    spec = get("abc")
    return Section(spec.id, spec.title(ctx.locale), _lists(ctx, "abc"))


def scoped_profiles(ctx: Context) -> Section:
    """His clients by profile (the plan's profiles): counts and revenue, then the list."""
    from pacspec.report.sections import get

    spec = get("profiles")
    return Section(spec.id, spec.title(ctx.locale), _lists(ctx, "profile"))


def owner_scope_of(ev: Evaluation, steering: SteeringResult | None,
                   actions: PlanActions | None, owner: str) -> Scope:
    """The owner's scope for a document built without one (``build_document(owner=)``):
    on the actions resolved on the baseline when given, else resolved on ``ev``."""
    from pacspec.engine.actions import resolve_actions
    from pacspec.engine.scope import owner_scope

    resolved = actions or (steering.plan_actions if steering is not None else None) \
        or resolve_actions(ev)
    return owner_scope(resolved, owner, steering)


def check_scope(owner: str | None, commercial: str | None, loc: str) -> None:
    """Refuse ``--owner`` and ``--commercial`` together (:class:`ReportError`, code
    ``scope-both``): a document is one person's."""
    from pacspec.diagnostics import Problem
    from pacspec.report.formats import ReportError

    if owner is not None and commercial is not None:
        raise ReportError([Problem("error", "scope-both", label("msg_scope_both", loc),
                                   hint=label("hint_scope_both", loc),
                                   hint_lead=label("hint_lead", loc))])


def check_commercial(plan: Plan, name: str, known: list[str]) -> None:
    """Refuse a salesperson the register does not have (:class:`ReportError`, code
    ``unknown-commercial``, with did-you-mean), in the plan's locale."""
    from pacspec.diagnostics import Problem, did_you_mean
    from pacspec.report.formats import ReportError

    if name in known:
        return
    loc = plan.locale
    meant = did_you_mean(name, known) or next(
        (k for k in known if k.casefold() == name.casefold()), None)
    register = plan.data.clients
    column = (register.columns.commercial if register is not None else None) or "commercial"
    hint = (label("hint_did_you_mean_quoted", loc, value=meant) if meant is not None
            else label("hint_unknown_commercial", loc, column=column))
    raise ReportError([Problem("error", "unknown-commercial", label(
        "msg_unknown_commercial", loc, name=name, names=", ".join(known) or "—"), hint=hint,
        hint_lead=label("hint_lead", loc))])
