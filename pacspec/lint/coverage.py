"""Rule coverage: for the rules of an ordered list (profiles, segments) that only test the RFM
purchase code and the R, F, M scores, every point of that finite space is enumerated, to find
the points no rule covers and the rules no point can reach (shadowed by earlier rules)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np

from pacspec.engine.rules import ConditionContext, ConditionError, condition_mask
from pacspec.engine.table import Column
from pacspec.lint._registry import Code, Context, register
from pacspec.model.conditions import Condition
from pacspec.model.profiles import Rule

CODES = {
    "shadowed-rule": Code(
        "warning",
        "A profile or segment rule can never apply: every case it matches is taken by earlier "
        "rules, or it matches no possible case.",
        "Remove it, or move it before the rules that take its cases. See "
        "[rule coverage](conditions.md#rule-coverage).",
    ),
    "uncovered": Code(
        "warning",
        "Some purchase codes, or score combinations, are covered by no profile or segment "
        "rule. The message lists the first twelve.",
        "Add rules for them, or a catch-all rule (empty `when`) last.",
    ),
    "coverage-skipped": Code(
        "note",
        "The coverage proof would have to check more than 200,000 combinations, so it was not "
        "made.",
        "Nothing to do; fewer periods or score dimensions bring the proof back.",
    ),
}

_FINITE = {"code", "r", "f", "m"}
_MAX_POINTS = 200_000
_SHOWN = 12


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


def _shown(ctx: Context, labels: Sequence[str]) -> str:
    text = ", ".join(labels[:_SHOWN])
    if len(labels) > _SHOWN:
        text += ", ... " + ctx.text("msg_in_all", n=str(len(labels)))
    return text


@register(CODES, order=40, rule_files=True)
def check_coverage(ctx: Context) -> None:
    for section in ("profiles", "segments"):
        _check_rule_coverage(ctx, section)


def _check_rule_coverage(ctx: Context, section: str) -> None:
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
                ctx.text("msg_coverage_skipped", size=str(size)))
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
                ctx.text("msg_shadowed_taken", rules=", ".join(earlier))
                if mask.any() else ctx.text("msg_shadowed_empty")
            )
            ctx.add("warning", "shadowed-rule", (section, index),
                    ctx.text("msg_shadowed_rule", id=rule.id, reason=reason),
                    ctx.text("hint_shadowed_rule"))
        takers.append((rule.id, mask))
        taken |= mask
    if not taken.all():
        missing = [_point_label(grid, int(k), n_periods) for k in np.flatnonzero(~taken)]
        partial = len(finite) < len(rules)
        message = ctx.text("msg_uncovered_codes" if dims == ["code"] else "msg_uncovered_cases",
                           n=str(len(missing)), shown=_shown(ctx, missing))
        hint = ctx.text("hint_uncovered_partial" if partial else "hint_uncovered")
        ctx.add("warning", "uncovered", (section,), message, hint)
