"""The Evaluation's typed summaries: frozen dataclasses with ``to_dict`` (JSON) and
``to_pandas``, checked against plain-pandas references; unknown names are clear errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_helpers import example_evaluation

from pacspec import EvaluationError, evaluate
from pacspec.engine.result import (
    AbcSummary,
    CategoryCounts,
    CodeDistribution,
    Crosstab,
    PortfolioMatrix,
    RuleSummary,
    TopClients,
)
from pacspec.engine.table import Categorical


def _frame() -> pd.DataFrame:
    """The client table, with the portfolio's revenue class (not a table column)."""
    ev = example_evaluation()
    df = ev.to_pandas()
    revenue_class = ev.columns["revenue_class"]
    assert isinstance(revenue_class, Categorical)
    df["revenue_class"] = revenue_class.labels(None)
    return df


def test_abc_summary_matches_plain_pandas() -> None:
    ev = example_evaluation()
    abc = ev.abc_summary()
    assert isinstance(abc, AbcSummary)
    df = _frame()
    ref = df.groupby("abc")["revenue"].agg(["count", "sum"]).reindex(list(ev.plan.abc.labels))
    assert [r.clients for r in abc] == ref["count"].fillna(0).astype(int).tolist()
    assert [r.revenue for r in abc] == pytest.approx(ref["sum"].fillna(0).tolist())
    ranked = df["revenue"] > 0
    assert abc.total_revenue == pytest.approx(df.loc[ranked, "revenue"].sum())
    assert (abc.unranked_clients, abc.unranked_revenue) == (
        int((~ranked).sum()), pytest.approx(df.loc[~ranked, "revenue"].sum()))
    assert sum(r.client_share for r in abc) == pytest.approx(1.0)
    # the client shares are over the clients who bought (compared with the method's 20 %)
    assert abc[0].client_share == pytest.approx((df.loc[ranked, "abc"] == "A").mean())
    frame = abc.to_pandas()
    assert list(frame["class"]) == list(ev.plan.abc.labels)
    assert frame["clients"].sum() + abc.unranked_clients == len(df)
    with pytest.raises(dataclasses.FrozenInstanceError):
        abc.total_revenue = 0.0  # type: ignore[misc]


def test_abc_summary_is_computed_once_and_again_when_its_columns_change() -> None:
    ev = dataclasses.replace(example_evaluation())  # a copy: the shared one stays as it is
    ev.columns = dict(ev.columns)
    first = ev.abc_summary()
    assert ev.abc_summary() is first  # asked again by a document: not recomputed
    ev.columns["revenue"] = np.asarray(ev.columns["revenue"], dtype=np.float64) * 2
    doubled = ev.abc_summary()
    assert doubled is not first
    assert doubled.total_revenue == pytest.approx(2 * first.total_revenue)
    assert [r.clients for r in doubled] == [r.clients for r in first]


def test_rule_summary_and_counts_match_plain_pandas() -> None:
    ev = example_evaluation()
    df = _frame()
    profiles = ev.rule_summary("profile")
    assert isinstance(profiles, RuleSummary) and profiles.column == "profile"
    ref = df["profile"].fillna("").value_counts()
    for row in profiles:
        assert row.clients == int(ref.get(row.id or "", 0))
    zones = ev.rule_counts("zone")
    assert isinstance(zones, CategoryCounts)
    by_zone = df.groupby("zone")["revenue"].sum()
    for row in zones:
        if row.id is not None:
            assert row.revenue == pytest.approx(by_zone.get(row.id, 0.0))
    assert zones.to_pandas()["clients"].sum() == len(df)


def test_code_distribution_and_crosstab_match_plain_pandas() -> None:
    ev = example_evaluation()
    df = _frame()
    codes = ev.code_distribution()
    assert isinstance(codes, CodeDistribution)
    ref = df["code"].value_counts()
    assert {r.code: r.clients for r in codes} == ref.to_dict()
    matrix = ev.crosstab("revenue_class", "potential_class")
    assert isinstance(matrix, Crosstab)
    pivot = pd.crosstab(df["revenue_class"], df["potential_class"])
    for i, r in enumerate(matrix.rows):
        for j, c in enumerate(matrix.cols):
            expected = int(pivot.loc[r, c]) if r in pivot.index and c in pivot.columns else 0
            assert matrix.clients[i][j] == expected
    long = matrix.to_pandas()
    assert len(long) == len(matrix.rows) * len(matrix.cols)


def test_portfolio_zones_follow_the_engine_rule() -> None:
    """The matrix's zone of every non-empty cell is the zone of the clients in it."""
    ev = example_evaluation()
    df = _frame()
    m = ev.portfolio_matrix()
    assert isinstance(m, PortfolioMatrix)
    for i, r in enumerate(m.rows):
        for j, c in enumerate(m.cols):
            cell = df[(df["revenue_class"] == r) & (df["potential_class"] == c)]
            if len(cell):
                assert set(cell["zone"]) == {m.zones[i][j]}


def test_every_summary_to_dict_is_json_and_to_pandas_works() -> None:
    ev = example_evaluation()
    summaries = [ev.abc_summary(), ev.rule_summary("segment"), ev.rule_counts("quadrant"),
                 ev.code_distribution(), ev.score_thresholds(), ev.crosstab("abc", "zone"),
                 ev.top_clients("abc", 2), ev.priority_clients(3), ev.pareto_summary(11),
                 ev.code_period_revenue(), ev.ipo_ipa_points(), ev.portfolio_matrix(),
                 ev.client_names(["C0001", "nobody"])]
    for s in summaries:
        assert s is not None
        json.dumps(s.to_dict())
        assert isinstance(s.to_pandas(), pd.DataFrame)
    top = ev.top_clients("abc", 2)
    assert isinstance(top, TopClients)
    assert all(len(g.clients) <= 2 for g in top)
    names = ev.client_names(["C0001", "nobody"])
    assert [n.known for n in names] == [True, False]


@pytest.mark.parametrize(("call", "guess"), [
    (lambda ev: ev.rule_summary("profiles"), "profile"),
    (lambda ev: ev.top_clients(by="abcd"), "abc"),
    (lambda ev: ev.crosstab("abc", "zones"), "zone"),
    (lambda ev: ev.rule_counts("quadrants"), "quadrant"),
])
def test_unknown_names_say_did_you_mean(call: object, guess: str) -> None:
    with pytest.raises(EvaluationError) as info:
        call(example_evaluation())  # type: ignore[operator]
    problem = info.value.problems[0]
    assert problem.code == "unknown-name"
    assert f"did you mean '{guess}'" in (problem.hint or "")


def test_rule_summary_refuses_a_column_that_is_not_a_rule() -> None:
    with pytest.raises(EvaluationError) as info:
        example_evaluation().rule_summary("abc")
    assert "profile, segment, typology" in (info.value.problems[0].hint or "")


# ----------------------------------------------------------------- invariants
_DAYS = st.dates(dt.date(2023, 6, 1), dt.date(2025, 12, 31))
_ROWS = st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d", "e"]), _DAYS,
                           st.floats(-50, 5000, allow_nan=False).map(lambda x: round(x, 2))),
                 max_size=25)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(_ROWS)
def test_summaries_add_up_on_any_ledger(rows: list[tuple[str, dt.date, float]]) -> None:
    """On any small ledger: every summary counts each client once and the revenue once."""
    from test_evaluate import small_plan

    register = {"client": ["a", "b", "c", "d", "e", "f"],
                "typology": ["vip", "x", "x", "vip", "x", "x"],
                "potential": [500.0, 5.0, 50.0, 200.0, 20.0, 150.0],
                "size": [5.0, 1.0, 3.0, 4.0, 2.0, 5.0], "growth": [1.0, 1.0, 5.0, 4.0, 2.0, 5.0],
                "relation": [5.0, 1.0, 4.0, 2.0, 3.0, 1.0]}
    tx = {"client": [r[0] for r in rows], "date": [r[1] for r in rows],
          "amount": [r[2] for r in rows]}
    ev = evaluate(small_plan(), transactions=tx, clients=register, as_of=dt.date(2025, 12, 31))
    n, revenue = ev.n_clients, float(np.sum(ev.columns["revenue"]))
    abc = ev.abc_summary()
    assert sum(r.clients for r in abc) == abc.total_clients
    assert abc.total_clients + abc.unranked_clients == n
    assert abc.total_revenue + abc.unranked_revenue == pytest.approx(revenue)
    assert sum(r.client_share for r in abc) == pytest.approx(1.0 if abc.total_clients else 0.0)
    for name in ("profile", "segment", "typology"):
        rows_ = ev.rule_summary(name)
        assert sum(r.clients for r in rows_) in (0, n)
        if len(rows_):
            assert sum(r.revenue for r in rows_) == pytest.approx(revenue)
    codes = ev.code_distribution()
    assert sum(r.clients for r in codes) == n
    assert sum(r.revenue for r in codes) == pytest.approx(revenue)
    heat = ev.code_period_revenue()
    assert [r.code for r in heat] == [r.code for r in codes]
    for name in ("quadrant", "zone"):
        assert sum(r.clients for r in ev.rule_counts(name)) == n
    m = ev.portfolio_matrix()
    assert m is not None
    assert sum(map(sum, m.clients)) <= n
    top = ev.top_clients("abc", 2)
    assert all(len(g.clients) <= 2 for g in top)
    pareto = ev.pareto_summary(11)
    assert pareto.points[0] == (0.0, 0.0) or not n
    json.dumps([s.to_dict() for s in (abc, codes, heat, m, top, pareto)])
