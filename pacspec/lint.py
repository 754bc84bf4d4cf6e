"""Semantic checks beyond the schema: ids, references, rule coverage, dates, budgets.

Every finding is a positioned :class:`~pacspec.diagnostics.Problem`. The rule-coverage proof
works on the finite part of the condition language: the RFM purchase code (2^n codes) and the
R, F, M scores (1..bins each). For the rules of an ordered list that only test those, lint
enumerates every point of that space and reports the points no such rule covers and the rules
no point can reach (shadowed by earlier rules).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from pacspec.budget import budget_rollups
from pacspec.diagnostics import JsonPath, PlanError, Problem
from pacspec.engine.rules import ConditionContext, ConditionError, condition_mask
from pacspec.engine.table import Column
from pacspec.loader import LoadedPlan, SourceMap, load_plan, load_rule_file
from pacspec.model.conditions import Condition
from pacspec.model.plan import Plan
from pacspec.model.profiles import Rule

#: Portfolio zones, as used by ``zone:`` in conditions.
ZONES: tuple[str, ...] = ("core", "development", "economic", "no_visit")
#: Potential classes of the portfolio.
POTENTIAL_CLASSES: tuple[str, ...] = ("A'", "B'", "C'")
#: IPO/IPA quadrants.
QUADRANTS: tuple[str, ...] = ("1", "2", "3", "4")

#: Which rule lists each rule-dependent metric needs, and in which list it may not be used
#: (a list is evaluated after the ones it may reference: segments, profiles, typologies).
_STAGE = {"segment": 0, "profile": 1, "typology": 2}
_LIST_STAGE = {"segments": 0, "profiles": 1, "typologies": 2}

_FINITE = {"code", "r", "f", "m"}
_MAX_POINTS = 200_000
_SHOWN = 12


@dataclass
class _Ctx:
    plan: Plan
    sources: SourceMap
    problems: list[Problem]

    def add(self, severity: str, code: str, path: JsonPath, message: str,
            hint: str | None = None, at_key: bool = False) -> None:
        self.problems.append(self.sources.problem(severity, code, path, message, hint, at_key))

    def line_of(self, path: JsonPath) -> str:
        source, mark = self.sources.locate(path)
        if mark is None:
            return source
        return f"line {mark.line}" if source == self.sources.main else f"{source}:{mark.line}"


RULE_FILE_SUFFIXES = (".rules.yaml", ".rules.yml")
"""Files validated as rule files rather than plans."""


def validate_file(path: str | os.PathLike[str]) -> list[Problem]:
    """Load and lint a plan file, or a rule file (``*.rules.yaml``): every problem, sorted
    (an empty list means clean). I/O errors come back as problems with code ``io``."""
    is_rules = str(path).endswith(RULE_FILE_SUFFIXES)
    try:
        loaded = load_rule_file(path) if is_rules else load_plan(path)
    except PlanError as exc:
        return exc.problems
    return lint_rules(loaded) if is_rules else lint(loaded)


def lint_rules(loaded: LoadedPlan) -> list[Problem]:
    """The checks that apply to a rule file on its own (see :func:`load_rule_file`): ids,
    code lengths, rule order, references inside the file, coverage and shadowed rules."""
    ctx = _Ctx(loaded.plan, loaded.sources, [])
    _check_ids(ctx)
    _check_conditions(ctx, rule_file=True)
    _check_rule_coverage(ctx, "profiles")
    _check_rule_coverage(ctx, "segments")
    return sorted(ctx.problems, key=Problem.sort_key)


def lint(loaded: LoadedPlan) -> list[Problem]:
    """All semantic problems of a loaded plan, sorted by position."""
    ctx = _Ctx(loaded.plan, loaded.sources, [])
    _check_ids(ctx)
    _check_emoff(ctx)
    _check_conditions(ctx)
    _check_rule_coverage(ctx, "profiles")
    _check_rule_coverage(ctx, "segments")
    _check_actions(ctx)
    _check_budget(ctx)
    _check_ipo_ipa(ctx)
    return sorted(ctx.problems, key=Problem.sort_key)


# ------------------------------------------------------------------------------------ ids


def _check_unique(ctx: _Ctx, what: str, items: Iterable[tuple[str, JsonPath]]) -> None:
    seen: dict[str, JsonPath] = {}
    for ident, path in items:
        if ident in seen:
            ctx.add("error", "duplicate-id", (*path, "id"),
                    f"duplicate {what} id '{ident}' (first defined at "
                    f"{ctx.line_of((*seen[ident], 'id'))})", "ids must be unique")
        else:
            seen[ident] = path


def _check_ids(ctx: _Ctx) -> None:
    plan = ctx.plan
    if plan.emoff is not None:
        facts = [
            (fact.id, ("emoff", kind, i))
            for kind in ("threats", "opportunities", "strengths", "weaknesses")
            for i, fact in enumerate(getattr(plan.emoff, kind))
        ]
        _check_unique(ctx, "EMOFF fact", facts)
        strategies = [
            (s.id, ("emoff", "strategies", kind, i))
            for kind in ("so", "st", "wo", "wt")
            for i, s in enumerate(getattr(plan.emoff.strategies, kind))
        ]
        _check_unique(ctx, "strategy", strategies)
    for section, what in (("profiles", "profile"), ("segments", "segment"),
                          ("typologies", "typology"), ("recommendations", "recommendation"),
                          ("actions", "action")):
        _check_unique(ctx, what,
                      ((item.id, (section, i)) for i, item in enumerate(getattr(plan, section))))
    kpis = [(o.id, ("header", "objectives", i)) for i, o in enumerate(plan.header.objectives)]
    kpis += [(k.id, ("steering", "kpis", i)) for i, k in enumerate(plan.steering.kpis)]
    _check_unique(ctx, "objective/KPI", kpis)
    if plan.ipo_ipa is not None:
        for axis in ("ipo", "ipa"):
            _check_unique(ctx, f"{axis.upper()} criterion",
                          ((c.id, ("ipo_ipa", axis, i))
                           for i, c in enumerate(getattr(plan.ipo_ipa, axis))))


# ---------------------------------------------------------------------------------- emoff

_PLURAL = {"strength": "strengths", "weakness": "weaknesses", "opportunity": "opportunities",
           "threat": "threats", "segment": "segments", "profile": "profiles",
           "typology": "typologies"}

_CROSSINGS = {
    "so": ("strength", "opportunity"),
    "st": ("strength", "threat"),
    "wo": ("weakness", "opportunity"),
    "wt": ("weakness", "threat"),
}


def _check_emoff(ctx: _Ctx) -> None:
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
                    ctx.add("error", "unresolved-ref", path, f"unknown EMOFF fact '{ref}'",
                            _suggest(ref, facts))
                    continue
                kind = facts[ref][0]
                used_kinds.add(kind)
                if kind not in kinds:
                    ctx.add("warning", "strategy-kind", path,
                            f"{crossing.upper()} crosses {_PLURAL[kinds[0]]} and "
                            f"{_PLURAL[kinds[1]]}, but "
                            f"'{ref}' is a {kind}")
            missing = [k for k in kinds if k not in used_kinds]
            if missing and used_kinds:
                ctx.add("warning", "strategy-kind", ("emoff", "strategies", crossing, i, "uses"),
                        f"{crossing.upper()} strategy '{strategy.id}' uses no {missing[0]}")


def _suggest(ref: str, known: Iterable[str]) -> str | None:
    from pacspec.diagnostics import did_you_mean

    names = list(known)
    guess = did_you_mean(ref, names)
    if guess:
        return f"did you mean '{guess}'?"
    if names:
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        return f"known: {shown}"
    return None


# ----------------------------------------------------------------------------- conditions


def _all_conditions(plan: Plan) -> Iterator[tuple[str, Condition, JsonPath]]:
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


def _check_conditions(ctx: _Ctx, rule_file: bool = False) -> None:
    """References, code lengths and rule order in every condition. In a rule file, the
    sections it does not define (and the plan's ipo_ipa / portfolio) come from the plan that
    includes it, so references to them are not checked."""
    plan = ctx.plan
    n = plan.rfm.periods.count
    known = {
        "profile": [r.id for r in plan.profiles],
        "segment": [r.id for r in plan.segments],
        "typology": [t.id for t in plan.typologies],
        "abc": list(plan.abc.labels),
        "zone": list(ZONES),
        "potential_class": list(POTENTIAL_CLASSES),
        "quadrant": list(QUADRANTS),
    }
    needs = {"ipo": "ipo_ipa", "ipa": "ipo_ipa", "quadrant": "ipo_ipa",
             "potential": "portfolio", "potential_class": "portfolio", "zone": "portfolio"}
    if rule_file:
        needs = {}
        for metric in ("profile", "segment", "typology"):
            if not known[metric]:
                del known[metric]
    for context, root, root_path in _all_conditions(plan):
        for cond, path in root.walk(root_path):
            for i, pattern in enumerate(cond.code_patterns() or []):
                if len(pattern) != n:
                    where = (*path, "code", i)
                    ctx.add("error", "code-length", where,
                            f"code pattern '{pattern}' has {len(pattern)} digits but the plan "
                            f"has {n} RFM periods", f"write {n} digits, oldest period first")
            for metric, names in known.items():
                test = getattr(cond, metric)
                if test is None:
                    continue
                values = [*(test.in_ or []), *(test.not_in or [])]
                for value in values:
                    if str(value) not in names:
                        ctx.add("error", "unresolved-ref", (*path, metric),
                                f"unknown {metric.replace('_', ' ')} '{value}'",
                                _suggest(str(value), names))
            for metric, section in needs.items():
                if getattr(cond, metric) is not None and getattr(plan, section) is None:
                    ctx.add("error", "missing-section", (*path, metric),
                            f"'{metric}' needs the plan's '{section}' section")
            if context in _LIST_STAGE:
                for metric, stage in _STAGE.items():
                    if getattr(cond, metric) is not None and stage >= _LIST_STAGE[context]:
                        ctx.add("error", "rule-order", (*path, metric),
                                f"{context} rules cannot test '{metric}': "
                                f"{_PLURAL[metric]} are assigned after {context}",
                                "segments come first, then profiles, then typologies")


# ------------------------------------------------------------------------- rule coverage


def _finite_metrics(cond: Condition) -> set[str] | None:
    """The finite metrics a condition uses, or None when it uses any other metric."""
    used = cond.used_metrics()
    return used if used <= _FINITE else None


def _point_label(grid: dict[str, np.ndarray], index: int, n_periods: int) -> str:
    parts = []
    for name, values in grid.items():
        if name == "code":
            parts.append(format(int(values[index]), f"0{n_periods}b"))
        else:
            parts.append(f"{name}={int(values[index])}")
    return " ".join(parts)


def _shown(labels: Sequence[str]) -> str:
    text = ", ".join(labels[:_SHOWN])
    if len(labels) > _SHOWN:
        text += f", ... ({len(labels)} in all)"
    return text


def _check_rule_coverage(ctx: _Ctx, section: str) -> None:
    rules: list[Rule] = getattr(ctx.plan, section)
    if not rules:
        return
    n_periods = ctx.plan.rfm.periods.count
    bins = ctx.plan.rfm.scores.bins
    finite: list[tuple[int, Rule, set[str]]] = []
    for i, rule in enumerate(rules):
        metrics = _finite_metrics(rule.when)
        if metrics is not None:
            finite.append((i, rule, metrics))
    if not finite:
        return
    used: set[str] = set().union(*(m for _, _, m in finite))
    dims = [d for d in ("code", "r", "f", "m") if d in used]
    if not dims:  # only catch-alls: nothing to enumerate, but later rules are shadowed
        dims = ["code"]
    domains = {"code": range(2**n_periods), "r": range(1, bins + 1),
               "f": range(1, bins + 1), "m": range(1, bins + 1)}
    size = int(np.prod([len(domains[d]) for d in dims]))
    if size > _MAX_POINTS:
        ctx.add("note", "coverage-skipped", (section,),
                f"rule coverage not proven: {size} combinations to check")
        return
    points = np.array(list(itertools.product(*(domains[d] for d in dims))), dtype=np.int64)
    grid: dict[str, np.ndarray] = {d: points[:, k] for k, d in enumerate(dims)}
    columns: dict[str, Column] = {
        d: (values if d == "code" else values.astype(np.float64)) for d, values in grid.items()
    }
    space = ConditionContext(n=size, columns=columns, attributes={}, n_periods=n_periods)
    taken = np.zeros(size, dtype=bool)
    takers: list[tuple[str, np.ndarray]] = []
    for index, rule, _ in finite:
        try:
            mask = condition_mask(rule.when, space, (section, index, "when"))
        except ConditionError:  # e.g. a code of the wrong length, reported as code-length
            continue
        if not (mask & ~taken).any():
            earlier = [rid for rid, m in takers if (m & mask).any()]
            reason = (
                "every case it matches is taken by earlier rules " + ", ".join(earlier)
                if mask.any() else "it matches no possible case"
            )
            ctx.add("warning", "shadowed-rule", (section, index),
                    f"rule '{rule.id}' can never apply: {reason}",
                    "remove it or move it before the rules that take its cases")
        takers.append((rule.id, mask))
        taken |= mask
    if not taken.all():
        missing = [_point_label(grid, int(k), n_periods) for k in np.flatnonzero(~taken)]
        what = "codes" if dims == ["code"] else "cases"
        partial = len(finite) < len(rules)
        message = (f"{len(missing)} {what} are covered by no "
                   f"{'code-only ' if dims == ['code'] else ''}rule: {_shown(missing)}")
        hint = ("rules testing other metrics may still cover them; add a catch-all rule "
                "(empty 'when') last to be sure" if partial else
                "add rules for them, or a catch-all rule (empty 'when') last")
        ctx.add("warning", "uncovered", (section,), message, hint)


# -------------------------------------------------------------------------------- actions


def _check_actions(ctx: _Ctx) -> None:
    plan = ctx.plan
    start, end = plan.header.plan_start, plan.header.end
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
                        f"unknown strategy '{ref}'", _suggest(ref, sorted(strategies)))
        if action.typology is not None and action.typology not in typologies:
            ctx.add("error", "unresolved-ref", (*base, "typology"),
                    f"unknown typology '{action.typology}'", _suggest(action.typology, typologies))
        if action.due < start:
            ctx.add("error", "due-outside-plan", (*base, "due"),
                    f"due date {action.due} is before the plan starts ({start})")
        elif action.due > end:
            ctx.add("warning", "due-outside-plan", (*base, "due"),
                    f"due date {action.due} is after the plan ends ({end})",
                    "set header.plan_end later if the plan spans several years")
        if action.start is not None and not start <= action.start <= end:
            ctx.add("warning", "start-outside-plan", (*base, "start"),
                    f"start date {action.start} is outside the plan ({start} to {end})")
        if action.type == "commercial" and action.target is None:
            ctx.add("warning", "no-target", base,
                    f"commercial action '{action.id}' has no target clients",
                    "add target: with client ids, a profile, an ABC class...")
        if action.workload is not None:
            wl = action.workload
            first = action.start or start
            if wl.from_ is not None and wl.from_ < first:
                ctx.add("warning", "workload-dates", (*base, "workload", "from"),
                        f"workload starts {wl.from_}, before the action ({first})")
            if wl.to is not None and wl.to > action.due:
                ctx.add("warning", "workload-dates", (*base, "workload", "to"),
                        f"workload ends {wl.to}, after the action is due ({action.due})")


# --------------------------------------------------------------------------------- budget


def _money(value: float, currency: str) -> str:
    return f"{value:,.0f} {currency}".replace(",", " ")


def _check_budget(ctx: _Ctx) -> None:
    plan = ctx.plan
    budget = plan.budget
    cur = plan.header.currency
    total = sum(a.budget for a in plan.actions)
    if budget.total is not None:
        if total > budget.total + 1e-9:
            ctx.add("error", "over-budget", ("budget", "total"),
                    f"actions allocate {_money(total, cur)}, over the envelope of "
                    f"{_money(budget.total, cur)} by {_money(total - budget.total, cur)}")
        elif plan.actions and total < budget.total - 1e-9:
            ctx.add("note", "under-budget", ("budget", "total"),
                    f"actions allocate {_money(total, cur)} of {_money(budget.total, cur)} "
                    f"({total / budget.total:.0%})")
    rollups = budget_rollups(plan)
    axes = {"by_type": "type", "by_horizon": "horizon", "by_owner": "owner",
            "by_priority": "priority"}
    for field_name, axis in axes.items():
        envelope: dict[object, float] = getattr(budget, field_name)
        for key, limit in envelope.items():
            used = rollups[axis].get(str(key), 0.0)
            if used > limit + 1e-9:
                ctx.add("error", "over-budget", ("budget", field_name, str(key)),
                        f"{axis} '{key}' allocates {_money(used, cur)}, over its envelope of "
                        f"{_money(limit, cur)}")
        if budget.total is not None and envelope:
            declared = sum(envelope.values())
            if declared > budget.total + 1e-9:
                ctx.add("warning", "envelope-sum", ("budget", field_name),
                        f"the {axis} envelopes add up to {_money(declared, cur)}, more than the "
                        f"total of {_money(budget.total, cur)}")


# -------------------------------------------------------------------------------- ipo/ipa


def _check_ipo_ipa(ctx: _Ctx) -> None:
    spec = ctx.plan.ipo_ipa
    if spec is None:
        return
    lo, hi = spec.scale.min, spec.scale.max
    for axis, value in (("ipo", spec.thresholds.ipo), ("ipa", spec.thresholds.ipa)):
        if value is not None and not lo <= value <= hi:
            ctx.add("error", "threshold-scale", ("ipo_ipa", "thresholds", axis),
                    f"{axis.upper()} threshold {value:g} is outside the scale [{lo:g}, {hi:g}]")
    criteria = {c.id for c in [*spec.ipo, *spec.ipa]}
    for client, notes in spec.notes.items():
        for crit, note in notes.items():
            path = ("ipo_ipa", "notes", client, crit)
            if crit not in criteria:
                ctx.add("error", "unresolved-ref", path, f"unknown criterion '{crit}'",
                        _suggest(crit, sorted(criteria)), at_key=True)
            elif not lo <= note <= hi:
                ctx.add("error", "note-scale", path,
                        f"note {note:g} is outside the scale [{lo:g}, {hi:g}]")
