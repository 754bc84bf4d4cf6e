"""The condition compiler and first-match rule assignment against a plain-Python reference."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec.engine.rules import (
    ConditionContext,
    ConditionError,
    assign_rules,
    condition_mask,
    pattern_mask,
)
from pacspec.engine.table import Categorical
from pacspec.model.conditions import Condition
from pacspec.model.profiles import Rule

N_PERIODS = 4
PROFILES = ("inactif", "regulier", "nouveau")
ABC = ("A", "B", "C")


# ------------------------------------------------------------------ plain-Python reference


def ref_holds(cond: Condition, row: dict[str, Any]) -> bool:
    """Does ``cond`` hold for one client, written as obviously as possible."""
    patterns = cond.code_patterns()
    if patterns is not None:
        digits = format(row["code"], f"0{N_PERIODS}b")
        if not any(all(p in ("?", d) for p, d in zip(pat, digits, strict=True))
                   for pat in patterns):
            return False
    for name in ("new", "bought_before_window", "prospect"):
        flag = getattr(cond, name)
        if flag is not None and row[name] != flag:
            return False
    for name in ("recency", "orders", "revenue", "r", "f", "m"):
        test = getattr(cond, name)
        if test is not None:
            value = row[name]
            if value is None or (isinstance(value, float) and math.isnan(value)):
                return False
            if not test.holds(value):
                return False
    for name in ("abc", "profile", "client"):
        test = getattr(cond, name)
        if test is not None and not test.holds(row[name]):
            return False
    for attr, test in (cond.attributes or {}).items():
        value = row["attributes"][attr]
        if test.in_ is not None and str(value) not in {str(v) for v in test.in_}:
            return False
        if test.not_in is not None and str(value) in {str(v) for v in test.not_in}:
            return False
    if cond.all and not all(ref_holds(c, row) for c in cond.all):
        return False
    if cond.any and not any(ref_holds(c, row) for c in cond.any):
        return False
    return not (cond.not_ is not None and ref_holds(cond.not_, row))


def ref_assign(rules: list[Rule], row: dict[str, Any]) -> int:
    for i, rule in enumerate(rules):
        if ref_holds(rule.when, row):
            return i
    return -1


# --------------------------------------------------------------------------- strategies

patterns = st.text(alphabet="01?", min_size=N_PERIODS, max_size=N_PERIODS)
small = st.integers(min_value=0, max_value=6)


@st.composite
def numeric_tests(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["eq", "gt", "gte", "lt", "lte", "between", "bare"]))
    a, b = sorted([draw(small), draw(small)])
    if kind == "bare":
        return {"eq": a}
    if kind == "between":
        return {"between": [a, b]}
    return {kind: a}


@st.composite
def leaf_conditions(draw: st.DrawFn) -> dict[str, Any]:
    cond: dict[str, Any] = {}
    if draw(st.booleans()):
        cond["code"] = draw(st.lists(patterns, min_size=1, max_size=3))
    for name in ("new", "bought_before_window", "prospect"):
        if draw(st.integers(0, 5)) == 0:
            cond[name] = draw(st.booleans())
    for name in ("recency", "orders", "r", "f", "m"):
        if draw(st.integers(0, 3)) == 0:
            cond[name] = draw(numeric_tests())
    if draw(st.integers(0, 3)) == 0:
        cond["abc"] = draw(st.lists(st.sampled_from(ABC), min_size=1, max_size=2))
    if draw(st.integers(0, 4)) == 0:
        cond["profile"] = {"not_in": draw(st.lists(st.sampled_from(PROFILES), min_size=1))}
    if draw(st.integers(0, 4)) == 0:
        cond["attributes"] = {"region": draw(st.sampled_from(["Bretagne", ["Corse", "Bretagne"]]))}
    return cond


@st.composite
def conditions(draw: st.DrawFn) -> dict[str, Any]:
    cond = draw(leaf_conditions())
    if draw(st.integers(0, 4)) == 0:
        cond["any"] = draw(st.lists(leaf_conditions(), min_size=1, max_size=3))
    if draw(st.integers(0, 4)) == 0:
        cond["not"] = draw(leaf_conditions())
    return cond


@st.composite
def clients(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(min_value=0, max_value=25))
    rows = []
    for i in range(n):
        bought = draw(st.booleans())
        rows.append({
            "code": draw(st.integers(0, 2**N_PERIODS - 1)) if bought else 0,
            "new": bought and draw(st.booleans()),
            "bought_before_window": bought and draw(st.booleans()),
            "prospect": not bought,
            "recency": float(draw(small)) if bought else float("nan"),
            "orders": float(draw(small)),
            "revenue": float(draw(small)),
            "r": float(draw(st.integers(1, 5))) if bought else float("nan"),
            "f": float(draw(st.integers(1, 5))) if bought else float("nan"),
            "m": float(draw(st.integers(1, 5))) if bought else float("nan"),
            "abc": draw(st.sampled_from(ABC)),
            "profile": draw(st.sampled_from(PROFILES)),
            "client": f"C{i:03d}",
            "attributes": {"region": draw(st.sampled_from(["Bretagne", "Corse", "Normandie"]))},
        })
    return rows


def context(rows: list[dict[str, Any]]) -> ConditionContext:
    n = len(rows)
    columns: dict[str, Any] = {
        "code": np.array([r["code"] for r in rows], dtype=np.int64),
        "abc": Categorical.from_values([r["abc"] for r in rows], ABC),
        "profile": Categorical.from_values([r["profile"] for r in rows], PROFILES),
        "client": Categorical.from_values([r["client"] for r in rows]),
    }
    for name in ("new", "bought_before_window", "prospect"):
        columns[name] = np.array([r[name] for r in rows], dtype=bool)
    for name in ("recency", "orders", "revenue", "r", "f", "m"):
        columns[name] = np.array([r[name] for r in rows], dtype=np.float64)
    attributes = {"region": Categorical.from_values([r["attributes"]["region"] for r in rows])}
    return ConditionContext(n=n, columns=columns, attributes=attributes, n_periods=N_PERIODS)


# -------------------------------------------------------------------------------- tests


@settings(max_examples=150, deadline=None)
@given(rows=clients(), cond=conditions())
def test_condition_mask_agrees_with_reference(rows: list[dict[str, Any]],
                                              cond: dict[str, Any]) -> None:
    condition = Condition.model_validate(cond)
    mask = condition_mask(condition, context(rows))
    assert mask.tolist() == [ref_holds(condition, r) for r in rows]


@settings(max_examples=100, deadline=None)
@given(rows=clients(), conds=st.lists(conditions(), min_size=1, max_size=5))
def test_first_match_assignment_agrees_with_reference(rows: list[dict[str, Any]],
                                                      conds: list[dict[str, Any]]) -> None:
    rules = [Rule.model_validate({"id": f"r{i}", "when": c}) for i, c in enumerate(conds)]
    assigned = assign_rules(rules, context(rows), ("profiles",))
    assert assigned.codes.tolist() == [ref_assign(rules, r) for r in rows]
    assert assigned.categories == tuple(r.id for r in rules)


@pytest.mark.parametrize(("pattern", "codes"), [
    ("0011", [0b0011]),
    ("1??1", [0b1001, 0b1011, 0b1101, 0b1111]),
    ("????", list(range(16))),
])
def test_pattern_mask_matches_exactly_the_listed_codes(pattern: str, codes: list[int]) -> None:
    care, value = pattern_mask(pattern)
    assert [c for c in range(16) if c & care == value] == codes


def test_nan_never_matches_numeric_tests() -> None:
    rows = [{"code": 0, "new": False, "bought_before_window": False, "prospect": True,
             "recency": float("nan"), "orders": 0.0, "revenue": 0.0, "r": float("nan"),
             "f": float("nan"), "m": float("nan"), "abc": "C", "profile": "inactif",
             "client": "P1", "attributes": {"region": "Corse"}}]
    ctx = context(rows)
    for test in ({"recency": {"gte": 0}}, {"r": {"lte": 5}}, {"f": {"between": [0, 9]}}):
        assert not condition_mask(Condition.model_validate(test), ctx).any()


def test_unknown_attribute_is_a_positioned_error_with_a_suggestion() -> None:
    ctx = context([])
    cond = Condition.model_validate({"attributes": {"regoin": "Corse"}})
    with pytest.raises(ConditionError) as err:
        condition_mask(cond, ctx, ("actions", 2, "target"))
    assert err.value.path == ("actions", 2, "target", "attributes", "regoin")
    assert err.value.hint == "did you mean 'region'?"


def test_numeric_test_on_text_column_is_an_error() -> None:
    ctx = context([])
    cond = Condition.model_validate({"attributes": {"region": {"gte": 3}}})
    with pytest.raises(ConditionError, match="numeric test on a text column"):
        condition_mask(cond, ctx)


def test_numeric_attribute_column() -> None:
    ctx = ConditionContext(n=3, columns={}, attributes={"potential": np.array([1.0, 5.0, np.nan])},
                           n_periods=4)
    cond = Condition.model_validate({"attributes": {"potential": {"gte": 2}}})
    assert condition_mask(cond, ctx).tolist() == [False, True, False]
    cond = Condition.model_validate({"attributes": {"potential": [1, 7]}})
    assert condition_mask(cond, ctx).tolist() == [True, False, False]


@settings(max_examples=60, deadline=None)
@given(n_periods=st.sampled_from([1, 4, 16, 17, 24]), data=st.data())
def test_code_patterns_match_as_their_bits_say(n_periods: int, data: st.DataObject) -> None:
    # the table of every code's answer (up to 16 periods) and the pass per pattern (more)
    # both give what each pattern's digits say, digit by digit
    codes = data.draw(st.lists(st.integers(0, 2**n_periods - 1), max_size=30))
    patterns = data.draw(st.lists(st.text("01?", min_size=n_periods, max_size=n_periods),
                                  min_size=1, max_size=4))
    n = len(codes)
    ctx = ConditionContext(n=n, columns={"code": np.array(codes, dtype=np.int64)},
                           attributes={}, n_periods=n_periods)
    mask = condition_mask(Condition.model_validate({"code": patterns}), ctx)

    def digits(code: int) -> str:
        return format(code, f"0{n_periods}b")

    expected = [any(all(p in ("?", d) for p, d in zip(pattern, digits(c), strict=True))
                    for pattern in patterns) for c in codes]
    assert mask.tolist() == expected
