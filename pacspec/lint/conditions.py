"""Conditions: in every condition of the plan, RFM code patterns have one digit per period,
references name known ids, the sections a test needs exist, and rule lists only test lists
assigned before them."""

from __future__ import annotations

from collections.abc import Iterator

from pacspec.diagnostics import JsonPath
from pacspec.lint._common import PLURAL, suggest
from pacspec.lint._registry import Code, Context, register
from pacspec.model.abc import POTENTIAL_CLASSES, ZONES
from pacspec.model.conditions import Condition
from pacspec.model.ipo_ipa import QUADRANTS
from pacspec.model.plan import Plan

CODES = {
    "code-length": Code(
        "error",
        "An RFM code pattern does not have one digit per period (`rfm.periods.count`).",
        "Write one digit per period, oldest first.",
    ),
    "unresolved-ref": Code(
        "error",
        "A condition value for `profile`, `segment`, `typology`, `abc`, `quadrant`, "
        "`potential_class` or `zone` names nothing. The hint suggests the closest id or lists "
        "the known ones. In a rule file on its own, references to rule lists the file does "
        "not define are left to the plan that includes it.",
        "Fix the id, or define what it refers to.",
    ),
    "missing-section": Code(
        "error",
        "A condition tests `ipo`, `ipa` or `quadrant` without an `ipo_ipa` section, or "
        "`potential`, `potential_class` or `zone` without a `portfolio` section.",
        "Add the section, or remove the test.",
    ),
    "rule-order": Code(
        "error",
        "A rule list tests a list computed at its own step or later: a segment rule testing "
        "`segment`, `profile` or `typology`; a profile rule testing `profile` or `typology`; "
        "a typology testing `typology`.",
        "Segments come first, then profiles, then typologies: test only earlier lists. See "
        "[evaluation order](conditions.md#evaluation-order).",
    ),
}


#: Which rule lists each rule-dependent metric needs, and in which list it may not be used
#: (a list is evaluated after the ones it may reference: segments, profiles, typologies).
_STAGE = {"segment": 0, "profile": 1, "typology": 2}
_LIST_STAGE = {"segments": 0, "profiles": 1, "typologies": 2}


def all_conditions(plan: Plan) -> Iterator[tuple[str, Condition, JsonPath]]:
    """(context, condition, path) for every condition of the plan; context is the rule list
    name for rules, else 'other'."""
    for section in ("segments", "profiles"):
        for i, rule in enumerate(getattr(plan, section)):
            yield section, rule.when, (section, i, "when")
    for i, typo in enumerate(plan.typologies):
        if typo.when is not None:
            yield "typologies", typo.when, ("typologies", i, "when")
    for i, rec in enumerate(plan.recommendations):
        yield "other", rec.when, ("recommendations", i, "when")
    for i, action in enumerate(plan.actions):
        if action.target is not None:
            yield "other", action.target, ("actions", i, "target")
    for i, obj in enumerate(plan.header.objectives):
        if obj.scope is not None:
            yield "other", obj.scope, ("header", "objectives", i, "scope")
    for i, kpi in enumerate(plan.steering.kpis):
        if kpi.scope is not None:
            yield "other", kpi.scope, ("steering", "kpis", i, "scope")


@register(CODES, order=30, rule_files=True)
def check_conditions(ctx: Context) -> None:
    """References, code lengths and rule order in every condition. In a rule file, the
    sections it does not define (and the plan's ipo_ipa / portfolio) come from the plan that
    includes it, so references to them are not checked."""
    plan = ctx.plan
    n = plan.rfm.periods.count
    known = {
        "profile": [r.id for r in plan.profiles],
        "segment": [r.id for r in plan.segments],
        "typology": [t.id for t in plan.typologies],
        "abc": [*plan.abc.labels, "none"],  # none: the clients with no revenue (Sans CA)
        "zone": list(ZONES),
        "potential_class": list(POTENTIAL_CLASSES),
        "quadrant": list(QUADRANTS),
    }
    needs = {"ipo": "ipo_ipa", "ipa": "ipo_ipa", "quadrant": "ipo_ipa",
             "potential": "portfolio", "potential_class": "portfolio", "zone": "portfolio"}
    if ctx.rule_file:
        needs = {}
        for metric in ("profile", "segment", "typology"):
            if not known[metric]:
                del known[metric]
    for context, root, root_path in all_conditions(plan):
        for cond, path in root.walk(root_path):
            for i, pattern in enumerate(cond.code_patterns() or []):
                if len(pattern) != n:
                    where = (*path, "code", i)
                    ctx.add("error", "code-length", where,
                            ctx.text("msg_code_length", pattern=pattern,
                                     digits=str(len(pattern)), n=str(n)),
                            ctx.text("hint_code_length", n=str(n)))
            for metric, names in known.items():
                test = getattr(cond, metric)
                if test is None:
                    continue
                values = [*(test.in_ or []), *(test.not_in or [])]
                for value in values:
                    if str(value) not in names:
                        ctx.add("error", "unresolved-ref", (*path, metric),
                                ctx.text(f"msg_unknown_{metric}", ref=str(value)),
                                suggest(str(value), names, ctx.lang))
            for metric, section in needs.items():
                if getattr(cond, metric) is not None and getattr(plan, section) is None:
                    ctx.add("error", "missing-section", (*path, metric),
                            ctx.text("msg_missing_section", metric=metric, section=section),
                            ctx.text("hint_missing_section", section=section))
            if context in _LIST_STAGE:
                for metric, stage in _STAGE.items():
                    if getattr(cond, metric) is not None and stage >= _LIST_STAGE[context]:
                        ctx.add("error", "rule-order", (*path, metric),
                                ctx.text("msg_rule_order", context=context, metric=metric,
                                         plural=PLURAL[metric]),
                                ctx.text("hint_rule_order"))
