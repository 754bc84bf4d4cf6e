"""Actions: the strategies and typology an action names exist, and a commercial action
targets clients."""

from __future__ import annotations

from pacspec.diagnostics import JsonPath
from pacspec.lint._common import suggest
from pacspec.lint._registry import Code, Context, register

CODES = {
    "unresolved-ref": Code(
        "error",
        "An action's `strategies` name a strategy, or its `typology` a typology, that does "
        "not exist. The hint suggests the closest id or lists the known ones.",
        "Fix the id, or define what it refers to.",
    ),
    "no-target": Code(
        "warning",
        "A commercial action has no `target`: it works on no clients.",
        "Add `target:` with client ids, a profile, an ABC class...",
    ),
}


@register(CODES, order=50)
def check_actions(ctx: Context) -> None:
    plan = ctx.plan
    strategies = set()
    if plan.emoff is not None:
        for kind in ("so", "st", "wo", "wt"):
            strategies |= {s.id for s in getattr(plan.emoff.strategies, kind)}
    typologies = [t.id for t in plan.typologies]
    for i, action in enumerate(plan.actions):
        base: JsonPath = ("actions", i)
        for j, ref in enumerate(action.strategies):
            if ref not in strategies:
                ctx.add("error", "unresolved-ref", (*base, "strategies", j),
                        ctx.text("msg_unknown_strategy", ref=ref),
                        suggest(ref, sorted(strategies), ctx.lang))
        if action.typology is not None and action.typology not in typologies:
            ctx.add("error", "unresolved-ref", (*base, "typology"),
                    ctx.text("msg_unknown_typology", ref=action.typology),
                    suggest(action.typology, typologies, ctx.lang))
        if action.type == "commercial" and action.target is None:
            ctx.add("warning", "no-target", base,
                    ctx.text("msg_no_target", id=action.id), ctx.text("hint_no_target"))
