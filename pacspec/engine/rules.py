"""The condition language compiled to boolean masks; ordered rule lists assigned by first match."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from pacspec.diagnostics import JsonPath, did_you_mean
from pacspec.engine.table import Categorical, Column
from pacspec.model.conditions import AttributeTest, BoundsTest, Condition, SetTest, pattern_mask
from pacspec.model.profiles import Rule

# Code patterns compile to (code & care) == value (model.conditions.pattern_mask), care having
# a bit for every 0/1 of the pattern. Numeric tests on NaN never hold; set tests compare as text.

#: Metrics read from the client table under the same name.
_NUMERIC = ("recency", "orders", "revenue", "units", "history_revenue", "r", "f", "m",
            "ipo", "ipa", "potential")
_BOOLEAN = ("new", "bought_before_window", "prospect")
_SETS = ("abc", "profile", "segment", "typology", "quadrant", "potential_class", "zone",
         "client")


class ConditionError(Exception):
    """A condition cannot be evaluated on this data (e.g. an unknown register column)."""

    def __init__(self, path: JsonPath, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.hint = hint


@dataclass
class ConditionContext:
    """What conditions are evaluated against."""

    n: int
    columns: Mapping[str, Column]
    attributes: Mapping[str, Column]
    n_periods: int


def numeric_mask(values: np.ndarray, test: BoundsTest) -> np.ndarray:
    """Where every numeric bound of ``test`` holds (a :class:`NumericTest`, or the numeric
    keys of an :class:`AttributeTest`: its set keys and a text ``eq`` are ignored here).
    NaN never matches."""
    values = np.asarray(values, dtype=np.float64)
    mask = ~np.isnan(values)
    eq = test.eq
    if eq is not None and not isinstance(eq, str):
        mask &= values == float(eq)
    if test.gt is not None:
        mask &= values > test.gt
    if test.gte is not None:
        mask &= values >= test.gte
    if test.lt is not None:
        mask &= values < test.lt
    if test.lte is not None:
        mask &= values <= test.lte
    if test.between is not None:
        mask &= (values >= test.between[0]) & (values <= test.between[1])
    return mask


NONE = "none"
"""In a set test on a categorical column, the clients with no category (``abc: none``: the
clients with no positive revenue in the window, shown "sans CA"), unless a category has
that name."""


def _text_isin(column: Column, values: Sequence[object]) -> np.ndarray:
    if isinstance(column, Categorical):
        mask = column.isin(values)
        if NONE in {str(v) for v in values} and NONE not in column.categories:
            mask |= column.codes < 0
        return mask
    wanted = {str(v) for v in values}
    if column.dtype.kind in "fiu":
        # numbers in the register: compare numerically where the wanted values are numbers
        nums = []
        for v in values:
            try:
                nums.append(float(v))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                continue
        return np.isin(column.astype(np.float64), np.array(nums, dtype=np.float64))
    return np.fromiter((str(v) in wanted for v in column), dtype=bool, count=len(column))


def _set_mask(column: Column, test: SetTest | AttributeTest) -> np.ndarray:
    n = len(column)
    mask = np.ones(n, dtype=bool)
    if test.in_ is not None:
        mask &= _text_isin(column, test.in_)
    if test.not_in is not None:
        mask &= ~_text_isin(column, test.not_in)
    return mask


def _attribute_mask(column: Column, test: AttributeTest) -> np.ndarray:
    mask = _set_mask(column, test) if (test.in_ is not None or test.not_in is not None) else (
        np.ones(len(column), dtype=bool)
    )
    numeric = any(v is not None for v in (test.gt, test.gte, test.lt, test.lte, test.between))
    if isinstance(test.eq, str):
        mask &= _text_isin(column, [test.eq])
    elif test.eq is not None:
        numeric = True
    if numeric:
        if isinstance(column, Categorical) or column.dtype.kind not in "fiub":
            raise ConditionError((), "a numeric test on a text column",
                                 "use in / not_in for text columns")
        mask &= numeric_mask(column, test)
    return mask


#: Codes of up to this many periods are matched through a table of every code's answer
#: (one gather over the clients, whatever the number of patterns).
_TABLE_PERIODS = 16


def _code_hit(code: np.ndarray, patterns: Sequence[str], n_periods: int,
              path: JsonPath) -> np.ndarray:
    """The clients whose code matches one of ``patterns``: each pattern is tested against
    every possible code once, then the clients' codes look their answer up (a pass per
    pattern over millions of clients cost 10-40 ms each)."""
    for pattern in patterns:
        if len(pattern) != n_periods:
            raise ConditionError((*path, "code"),
                                 f"code pattern '{pattern}' has {len(pattern)} digits but "
                                 f"the plan has {n_periods} periods")
    if n_periods > _TABLE_PERIODS:
        hit = np.zeros(len(code), dtype=bool)
        for pattern in patterns:
            care, value = pattern_mask(pattern)
            hit |= (code & care) == value
        return hit
    every = np.arange(1 << n_periods, dtype=np.int64)
    table = np.zeros(len(every), dtype=bool)
    for pattern in patterns:
        care, value = pattern_mask(pattern)
        table |= (every & care) == value
    looked_up: np.ndarray = table[code]  # codes are in [0, 2**n_periods) (code_from_periods)
    return looked_up


def condition_mask(cond: Condition, ctx: ConditionContext, path: JsonPath = ()) -> np.ndarray:
    """Boolean mask of the clients for which every test of ``cond`` holds."""
    mask = np.ones(ctx.n, dtype=bool)
    patterns = cond.code_patterns()
    if patterns is not None:
        code = _column(ctx, "code", path)
        assert isinstance(code, np.ndarray)
        mask &= _code_hit(code, patterns, ctx.n_periods, path)
    for name in _BOOLEAN:
        flag = getattr(cond, name)
        if flag is not None:
            column = _column(ctx, name, path)
            assert isinstance(column, np.ndarray)
            mask &= column if flag else ~column
    for name in _NUMERIC:
        test = getattr(cond, name)
        if test is not None:
            column = _column(ctx, name, path)
            assert isinstance(column, np.ndarray)
            mask &= numeric_mask(column, test)
    for name in _SETS:
        test = getattr(cond, name)
        if test is not None:
            mask &= _set_mask(_column(ctx, name, path), test)
    for attr, test in (cond.attributes or {}).items():
        if attr not in ctx.attributes:
            guess = did_you_mean(attr, ctx.attributes)
            known = ", ".join(sorted(ctx.attributes)) or "none"
            raise ConditionError((*path, "attributes", attr),
                                 f"the client register has no column '{attr}'",
                                 f"did you mean '{guess}'?" if guess else f"columns: {known}")
        try:
            mask &= _attribute_mask(ctx.attributes[attr], test)
        except ConditionError as exc:
            raise ConditionError((*path, "attributes", attr),
                                 f"column '{attr}': {exc.message}", exc.hint) from None
    for i, sub in enumerate(cond.all or []):
        mask &= condition_mask(sub, ctx, (*path, "all", i))
    if cond.any:
        either = np.zeros(ctx.n, dtype=bool)
        for i, sub in enumerate(cond.any):
            either |= condition_mask(sub, ctx, (*path, "any", i))
        mask &= either
    if cond.not_ is not None:
        mask &= ~condition_mask(cond.not_, ctx, (*path, "not"))
    return mask


def _column(ctx: ConditionContext, name: str, path: JsonPath) -> Column:
    column = ctx.columns.get(name)
    if column is None:
        raise ConditionError((*path, name), f"'{name}' is not available for this evaluation",
                             _why_missing(name))
    return column


def _why_missing(name: str) -> str:
    if name in ("ipo", "ipa", "quadrant"):
        return "add an ipo_ipa section to the plan"
    if name in ("potential", "potential_class", "zone"):
        return "add a portfolio section to the plan"
    if name in ("segment", "profile", "typology"):
        return "segments are assigned first, then profiles, then typologies"
    return "this metric needs data the plan does not provide"


def assign_rules(rules: Sequence[Rule], ctx: ConditionContext, path: JsonPath) -> Categorical:
    """First-match assignment of an ordered rule list: the index of the first rule whose
    condition holds, -1 where none does."""
    codes = np.full(ctx.n, -1, dtype=np.int32)
    free = np.ones(ctx.n, dtype=bool)
    for index, rule in enumerate(rules):
        if not free.any():
            break
        hit = condition_mask(rule.when, ctx, (*path, index, "when")) & free
        codes[hit] = index
        free &= ~hit
    return Categorical(codes, tuple(rule.id for rule in rules))
