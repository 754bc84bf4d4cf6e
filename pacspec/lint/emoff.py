"""EMOFF and TOWS strategies: each strategy uses known facts, of the two kinds its crossing names (an SO
strategy uses a strength and an opportunity)."""

from __future__ import annotations

from pacspec.lint._common import suggest
from pacspec.lint._registry import Code, Context, register

CODES = {
    "unresolved-ref": Code(
        "error",
        "A strategy's `uses` names an EMOFF fact that does not exist. The hint suggests the "
        "closest id or lists the known ones.",
        "Fix the id, or define the fact.",
    ),
    "strategy-kind": Code(
        "warning",
        "A TOWS strategy uses a fact of the wrong kind (an SO strategy using a threat), or "
        "lacks one of its two kinds (an SO strategy with no opportunity).",
        "Move the strategy to the right crossing, or fix its `uses`.",
    ),
}

_CROSSINGS = {
    "so": ("strength", "opportunity"),
    "st": ("strength", "threat"),
    "wo": ("weakness", "opportunity"),
    "wt": ("weakness", "threat"),
}


@register(CODES, order=20)
def check_emoff(ctx: Context) -> None:
    emoff = ctx.plan.emoff
    if emoff is None:
        return
    facts = emoff.facts()
    for crossing, kinds in _CROSSINGS.items():
        for i, strategy in enumerate(getattr(emoff.strategies, crossing)):
            used_kinds = set()
            for j, ref in enumerate(strategy.uses):
                path = ("emoff", "strategies", crossing, i, "uses", j)
                if ref not in facts:
                    ctx.add("error", "unresolved-ref", path,
                            ctx.text("msg_unknown_emoff_fact", ref=ref),
                            suggest(ref, facts, ctx.lang))
                    continue
                kind = facts[ref][0]
                used_kinds.add(kind)
                if kind not in kinds:
                    ctx.add("warning", "strategy-kind", path,
                            ctx.text("msg_strategy_wrong_kind", crossing=crossing.upper(),
                                     first=ctx.text(f"msg_facts_{kinds[0]}"),
                                     second=ctx.text(f"msg_facts_{kinds[1]}"), ref=ref,
                                     kind=ctx.text(f"msg_fact_a_{kind}")))
            missing = [k for k in kinds if k not in used_kinds]
            if missing and used_kinds:
                ctx.add("warning", "strategy-kind", ("emoff", "strategies", crossing, i, "uses"),
                        ctx.text("msg_strategy_missing_kind", crossing=crossing.upper(),
                                 id=strategy.id, kind=ctx.text(f"msg_fact_{missing[0]}")))
