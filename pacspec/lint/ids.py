"""Identifiers: every id is unique within its kind (EMOFF facts, strategies, rules, actions,
objectives and KPIs, IPO/IPA criteria)."""

from __future__ import annotations

from collections.abc import Iterable

from pacspec.diagnostics import JsonPath
from pacspec.lint._registry import Code, Context, register

CODES = {
    "duplicate-id": Code(
        "error",
        "Two entries share an id: EMOFF facts (all four lists together), strategies (all four "
        "crossings together), profiles, segments, typologies, recommendations, actions, "
        "objectives and KPIs (together), IPO criteria, IPA criteria. The message gives the "
        "line of the first.",
        "Rename one.",
    ),
}


def _check_unique(ctx: Context, kind: str, items: Iterable[tuple[str, JsonPath]]) -> None:
    """``kind``: the ``msg_kind_*`` label of what the ids name (``action``)."""
    seen: dict[str, JsonPath] = {}
    for ident, path in items:
        if ident in seen:
            ctx.add("error", "duplicate-id", (*path, "id"),
                    ctx.text("msg_duplicate_id", what=ctx.text(f"msg_kind_{kind}"), id=ident,
                             where=ctx.line_of((*seen[ident], "id"))),
                    ctx.text("hint_duplicate_id"))
        else:
            seen[ident] = path


@register(CODES, order=10, rule_files=True)
def check_ids(ctx: Context) -> None:
    plan = ctx.plan
    if plan.emoff is not None:
        facts = [
            (fact.id, ("emoff", kind, i))
            for kind in ("threats", "opportunities", "strengths", "weaknesses")
            for i, fact in enumerate(getattr(plan.emoff, kind))
        ]
        _check_unique(ctx, "emoff_fact", facts)
        strategies = [
            (s.id, ("emoff", "strategies", kind, i))
            for kind in ("so", "st", "wo", "wt")
            for i, s in enumerate(getattr(plan.emoff.strategies, kind))
        ]
        _check_unique(ctx, "strategy", strategies)
    for section, kind in (("profiles", "profile"), ("segments", "segment"),
                          ("typologies", "typology"), ("recommendations", "recommendation"),
                          ("actions", "action")):
        _check_unique(ctx, kind,
                      ((item.id, (section, i)) for i, item in enumerate(getattr(plan, section))))
    kpis = [(o.id, ("header", "objectives", i)) for i, o in enumerate(plan.header.objectives)]
    kpis += [(k.id, ("steering", "kpis", i)) for i, k in enumerate(plan.steering.kpis)]
    _check_unique(ctx, "objective_kpi", kpis)
    if plan.ipo_ipa is not None:
        for axis in ("ipo", "ipa"):
            _check_unique(ctx, f"{axis}_criterion",
                          ((c.id, ("ipo_ipa", axis, i))
                           for i, c in enumerate(getattr(plan.ipo_ipa, axis))))
