"""The coverage proof's bitset evaluation agrees with the engine's numpy compiler on every
point of the space, for random conditions on the purchase code and the R, F, M scores."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec.engine.rules import ConditionContext, ConditionError, condition_mask
from pacspec.lint.coverage import CodeLengthError, Space, points_of
from pacspec.model.conditions import Condition

N_PERIODS = 3
BINS = 4
DIMS = ("code", "r", "f", "m")

patterns = st.text(alphabet="01?", min_size=N_PERIODS - 1, max_size=N_PERIODS)
values = st.integers(min_value=0, max_value=BINS + 1)


@st.composite
def numeric(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(["eq", "gt", "gte", "lt", "lte", "between", "bare"]))
    a, b = sorted([draw(values), draw(values)])
    return a if kind == "bare" else {kind: [a, b] if kind == "between" else a}


def leaves(dims: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def leaf(draw: st.DrawFn) -> dict[str, Any]:
        cond: dict[str, Any] = {}
        if "code" in dims and draw(st.booleans()):
            cond["code"] = draw(st.lists(patterns, min_size=1, max_size=3))
        for name in ("r", "f", "m"):
            if name in dims and draw(st.booleans()):
                cond[name] = draw(numeric())
        return cond
    return leaf()


def conditions(dims: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return st.recursive(
        leaves(dims),
        lambda inner: st.fixed_dictionaries(
            {}, optional={"all": st.lists(inner, min_size=1, max_size=3),
                          "any": st.lists(inner, min_size=1, max_size=3), "not": inner}),
        max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), dims=st.lists(st.sampled_from(DIMS), min_size=1, max_size=4,
                                     unique=True))
def test_bitsets_match_the_engine(data: st.DataObject, dims: list[str]) -> None:
    order = tuple(d for d in DIMS if d in dims)
    cond = Condition.model_validate(data.draw(conditions(order)))
    space = Space(order, N_PERIODS, BINS)
    grid = list(itertools.product(*space.domains.values()))
    assert len(grid) == space.size
    points = np.array(grid, dtype=np.int64).reshape(len(grid), len(order))
    columns: dict[str, Any] = {d: points[:, k] if d == "code" else points[:, k].astype(float)
                               for k, d in enumerate(order)}
    ctx = ConditionContext(n=len(grid), columns=columns, attributes={}, n_periods=N_PERIODS)
    try:
        expected = condition_mask(cond, ctx)
    except ConditionError:  # a code pattern of the wrong length
        with pytest.raises(CodeLengthError):
            points_of(cond, space)
        return
    bits = points_of(cond, space)
    got = np.array([bool(bits >> k & 1) for k in range(space.size)])
    assert (got == expected).all()
    assert bits >> space.size == 0  # no bit outside the space
    assert space.points(bits) == [p for p, e in zip(grid, expected, strict=True) if e]


def test_having_marks_exactly_the_points_with_that_value() -> None:
    space = Space(("code", "r", "m"), 2, 3)
    grid = list(itertools.product(*space.domains.values()))
    for k, dim in enumerate(space.dims):
        for value in space.domains[dim]:
            bits = space.having(dim, {value})
            assert [bool(bits >> i & 1) for i in range(space.size)] == [
                p[k] == value for p in grid]
