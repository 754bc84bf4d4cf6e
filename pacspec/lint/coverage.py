"""Rule coverage: for the rules of an ordered list (profiles, segments) that only test the RFM
purchase code and the R, F, M scores, every point of that finite space is enumerated, to find
the points no rule covers and the rules no point can reach (shadowed by earlier rules).

The space is small (at most 200,000 points) and its conditions use four metrics, so a set of
points is a Python integer, one bit per point: the proof needs no numpy, and ``pacspec
validate`` starts without importing it. The engine's numpy compiler
(:func:`pacspec.engine.rules.condition_mask`) is the reference: a property test checks that
both agree on random conditions."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from pacspec.lint._registry import Code, Context, register
from pacspec.model.conditions import Condition, pattern_mask
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


class Space:
    """The enumerated points of some of the finite metrics (``code``, ``r``, ``f``, ``m``),
    in :func:`itertools.product` order; a set of points is an ``int`` bitset."""

    def __init__(self, dims: Sequence[str], n_periods: int, bins: int) -> None:
        self.dims = tuple(dims)
        self.n_periods = n_periods
        self.domains = {d: (range(2**n_periods) if d == "code" else range(1, bins + 1))
                        for d in self.dims}
        self.size = 1
        for d in self.dims:
            self.size *= len(self.domains[d])
        self.all = (1 << self.size) - 1
        self._strides: dict[str, int] = {}
        stride = 1
        for d in reversed(self.dims):
            self._strides[d] = stride
            stride *= len(self.domains[d])

    def having(self, dim: str, values: set[int]) -> int:
        """The points whose ``dim`` is one of ``values``."""
        domain = self.domains[dim]
        stride, n = self._strides[dim], len(domain)
        period = stride * n
        repeat = ((1 << (period * (self.size // period))) - 1) // ((1 << period) - 1)
        block = 0
        for j, value in enumerate(domain):
            if value in values:
                block |= ((1 << stride) - 1) << (j * stride)
        return block * repeat

    def points(self, bits: int) -> list[tuple[int, ...]]:
        """The points of a bitset, in order."""
        return [p for k, p in enumerate(itertools.product(*self.domains.values()))
                if bits >> k & 1]

    def label(self, point: tuple[int, ...]) -> str:
        return " ".join(format(v, f"0{self.n_periods}b") if d == "code" else f"{d}={v}"
                        for d, v in zip(self.dims, point, strict=True))


class CodeLengthError(Exception):
    """A code pattern of the wrong length (reported by the ``code-length`` check)."""


def points_of(cond: Condition, space: Space) -> int:
    """The points of ``space`` where every test of ``cond`` holds (a condition on the
    finite metrics only; a metric not in the space must not be tested)."""
    bits = space.all
    patterns = cond.code_patterns()
    if patterns is not None:
        codes: set[int] = set()
        for pattern in patterns:
            if len(pattern) != space.n_periods:
                raise CodeLengthError(pattern)
            care, value = pattern_mask(pattern)
            codes |= {c for c in space.domains["code"] if c & care == value}
        bits &= space.having("code", codes)
    for name in ("r", "f", "m"):
        test = getattr(cond, name)
        if test is not None:
            bits &= space.having(name, {v for v in space.domains[name] if test.holds(v)})
    for sub in cond.all or []:
        bits &= points_of(sub, space)
    if cond.any:
        either = 0
        for sub in cond.any:
            either |= points_of(sub, space)
        bits &= either
    if cond.not_ is not None:
        bits &= space.all & ~points_of(cond.not_, space)
    return bits


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
    space = Space(dims, n_periods, bins)
    if space.size > _MAX_POINTS:
        ctx.add("note", "coverage-skipped", (section,),
                ctx.text("msg_coverage_skipped", size=str(space.size)))
        return
    taken = 0
    takers: list[tuple[str, int]] = []
    for index, rule, _ in finite:
        try:
            mask = points_of(rule.when, space)
        except CodeLengthError:  # reported as code-length
            continue
        if not mask & ~taken:
            earlier = [rid for rid, m in takers if m & mask]
            reason = (
                ctx.text("msg_shadowed_taken", rules=", ".join(earlier))
                if mask else ctx.text("msg_shadowed_empty")
            )
            ctx.add("warning", "shadowed-rule", (section, index),
                    ctx.text("msg_shadowed_rule", id=rule.id, reason=reason),
                    ctx.text("hint_shadowed_rule"))
        takers.append((rule.id, mask))
        taken |= mask
    if taken != space.all:
        missing = [space.label(p) for p in space.points(space.all & ~taken)]
        partial = len(finite) < len(rules)
        message = ctx.text("msg_uncovered_codes" if dims == ["code"] else "msg_uncovered_cases",
                           n=str(len(missing)), shown=_shown(ctx, missing))
        hint = ctx.text("hint_uncovered_partial" if partial else "hint_uncovered")
        ctx.add("warning", "uncovered", (section,), message, hint)
