"""Views of the dashboard by a client register column (``--by commercial|region|typology``):
the groups add up to the whole (hypothesis, on random assignments of the clients), each
group's KPI is the KPI on the group's clients (a plain-pandas reference), quotas give
attainment only where they exist, and a column the data lacks is a clear error."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from conftest import EXAMPLE_PLAN, run_main
from hypothesis import given
from hypothesis import strategies as st
from test_steering import ACTIONS, CLIENTS, PROFILES, ROWS, fixed, ledger, plan

from pacspec import EvaluationError
from pacspec.engine.phasing import one_year_back
from pacspec.engine.views import View
from pacspec.session import Session

D = dt.date
AS_OF = D(2026, 6, 30)

DATA = """
data:
  clients:
    columns: {id: client, name: name, commercial: seller}
"""

KPIS = """
steering:
  phasing: linear
  allow_overlap: true
  kpis:
    - {id: opm, metric: orders_per_month, target: 1}
    - {id: upm, metric: units_per_month, target: 1}
    - {id: rev, metric: revenue, target: 10000,
       targets: {by: region, north: 6000, south: 4000, west: 1}}
    - {id: ret, metric: retention_rate, target: 0.8, targets: {by: commercial, ann: 0.9}}
    - {id: bud, metric: budget_consumed, target: 4000, direction: lower}
"""

CUMULATIVE = ("opm", "upm", "rev")


def session(clients: dict[str, list[Any]] | None = None, *sections: str) -> Session:
    body = sections or (PROFILES, ACTIONS, KPIS, DATA)
    return Session.open(plan(*body), ledger=ledger(clients=clients or with_sellers()))


def with_sellers(sellers: list[str | None] | None = None,
                 regions: list[str | None] | None = None) -> dict[str, list[Any]]:
    out = dict(CLIENTS)
    out["seller"] = sellers or ["ann", "bob", "ann", None, "bob", "cy"]
    if regions is not None:
        out["region"] = regions
    return out


def cut(s: Session, as_of: dt.date, by: str) -> tuple[Any, View]:
    result = s.steer(as_of)
    return result, s.view(result, by)


names = st.sampled_from(["ann", "bob", "cy", None])


@fixed(20)
@given(sellers=st.lists(names, min_size=6, max_size=6),
       regions=st.lists(st.sampled_from(["north", "south", None]), min_size=6, max_size=6),
       as_of=st.dates(D(2026, 1, 2), D(2026, 12, 31)),
       by=st.sampled_from(["commercial", "region"]))
def test_the_groups_add_up_to_the_whole(sellers: list[str | None],
                                        regions: list[str | None], as_of: dt.date,
                                        by: str) -> None:
    result, found = cut(session(with_sellers(sellers, regions)), as_of, by)
    groups = found.groups
    assert sum(g.clients for g in groups) == result.baseline.n_clients
    for a in result.actions:
        parts = [p for g in groups for p in g.parts if p.id == a.id]
        if a.realised is None:
            assert parts == []
            continue
        assert sum(p.clients for p in parts) == a.clients
        assert sum(p.realised or 0 for p in parts) == pytest.approx(a.realised, abs=1e-6)
        if a.n1_realised is not None:
            assert sum(p.n1_realised or 0 for p in parts) == pytest.approx(a.n1_realised,
                                                                         abs=1e-6)
    whole = sum(a.realised for a in result.actions if a.realised is not None)
    assert sum(g.realised for g in groups) == pytest.approx(whole, abs=1e-6)
    for kpi_id in CUMULATIVE:
        values = [next(k for k in g.kpis if k.id == kpi_id).value for g in groups]
        assert sum(v or 0 for v in values) == pytest.approx(result.kpi(kpi_id).value, abs=1e-6)
    # the budget is the plan's own: never cut by client
    assert all(k.id != "bud" for g in groups for k in g.kpis)
    # budget and spending per group: the actions whose clients all fall in the group only
    column = dict(zip(CLIENTS["client"], sellers if by == "commercial" else regions,
                      strict=True))
    budgets = {a.id: a.budget for a in result.plan_actions.actions}
    spent = {a.id: a.spent for a in result.actions}
    for g in groups:
        mine = [f for f in result.plan_actions.actions if f.client_ids
                and any(column[c] == g.key for c in f.client_ids)]
        whole = [f.id for f in mine if {column[c] for c in f.client_ids} == {g.key}]
        assert sorted(g.shared) == sorted(f.id for f in mine if f.id not in whole)
        if mine and not whole:
            assert g.budget is None and g.spent is None
        else:
            assert g.budget == pytest.approx(sum(budgets[i] for i in whole))
            assert g.spent == pytest.approx(sum(spent[i] for i in whole))
    # a CA cible by growth is split in proportion of the clients' CA actuel: it adds up
    for f in result.plan_actions.actions:
        parts = [p for g in groups for p in g.parts if p.id == f.id]
        if f.target_source == "growth" and parts and (f.current_revenue_data or 0) > 0:
            assert sum(p.target_revenue or 0 for p in parts) == pytest.approx(f.target_revenue)
            assert sum(p.current_revenue or 0 for p in parts) == pytest.approx(
                f.current_revenue)


def test_a_group_kpi_is_the_kpi_on_the_groups_clients() -> None:
    _, found = cut(session(), AS_OF, "region")
    frame = pd.DataFrame(ROWS, columns=["client", "date", "invoice", "amount", "units"])
    frame["date"] = pd.to_datetime(frame["date"])
    region = dict(zip(CLIENTS["client"], CLIENTS["region"], strict=True))
    frame["region"] = frame["client"].map(region)
    now = frame[(frame["date"] >= "2026-01-01") & (frame["date"] <= str(AS_OF))]
    n1 = frame[(frame["date"] >= "2025-01-01") & (frame["date"] <= str(one_year_back(AS_OF)))]
    for g in found.groups:
        rev = next(k for k in g.kpis if k.id == "rev")
        assert rev.value == pytest.approx(now.loc[now["region"] == g.key, "amount"].sum())
        assert rev.n1_value == pytest.approx(n1.loc[n1["region"] == g.key, "amount"].sum())
        quota = {"north": 6000, "south": 4000}[str(g.key)]
        assert rev.quota == quota
        # linear phasing: the quota × days elapsed ÷ days in the plan
        assert rev.expected == pytest.approx(quota * 181 / 365)
        assert rev.attainment == pytest.approx(rev.value / rev.expected)
        assert rev.status in ("green", "orange", "red")
        ret = next(k for k in g.kpis if k.id == "ret")  # its quotas are by commercial
        assert (ret.quota, ret.expected, ret.attainment, ret.status) == (None, None, None,
                                                                         "n/a")
        assert ret.reasons["attainment"].code == "na_no_quota"
    # 'west' names no client of the register: a warning at the quota, placed in the plan
    (problem,) = found.problems
    assert problem.code == "quota-unknown" and problem.severity == "warning"
    assert problem.json_path == "$.steering.kpis[2].targets.west"
    assert problem.line is not None and "west" in problem.message


def test_by_commercial_reads_the_mapped_column_and_its_quotas() -> None:
    _, found = cut(session(), AS_OF, "commercial")
    assert [g.key for g in found.groups] == ["ann", "bob", "cy", None]
    assert [g.clients for g in found.groups] == [2, 2, 1, 1]
    ann = found.groups[0]
    ret = next(k for k in ann.kpis if k.id == "ret")
    # ann's clients a and c: a was active in 2025 and bought in 2026, c was not active
    assert ret.value == pytest.approx(1.0)
    assert ret.quota == 0.9 and ret.attainment == pytest.approx(1.0 / 0.9)
    bob = found.groups[1]
    assert next(k for k in bob.kpis if k.id == "ret").attainment is None


def test_by_typology_follows_the_plan_typologies() -> None:
    typologies = """
typologies:
  - {id: big, label: Big, when: {client: [a, e]}}
  - {id: small, label: Small}
"""
    clients = with_sellers()
    clients["typology"] = ["big", "small", "small", None, "big", None]
    s = session(clients, PROFILES, typologies, ACTIONS, KPIS, DATA)
    _, found = cut(s, AS_OF, "typology")
    assert [g.key for g in found.groups] == ["big", "small", None]
    assert [g.clients for g in found.groups] == [2, 2, 2]


def test_a_missing_column_is_a_clear_error() -> None:
    s = Session.open(plan(PROFILES, ACTIONS, KPIS), ledger=ledger())
    result = s.steer(AS_OF)
    with pytest.raises(EvaluationError) as info:
        s.view(result, "commercial")
    (problem,) = info.value.problems
    assert problem.code == "view-no-commercial"
    assert "data.clients.columns.commercial" in (problem.hint or "")
    clients = {k: v for k, v in CLIENTS.items() if k != "region"}
    s = Session.open(plan(PROFILES, ACTIONS, KPIS), ledger=ledger(clients=clients))
    with pytest.raises(EvaluationError) as info:
        s.view(s.steer(AS_OF), "region")
    assert info.value.problems[0].code == "view-no-column"
    assert "'region'" in info.value.problems[0].message


def test_track_by_commercial_on_the_example(tmp_path: Path) -> None:
    code, out, err = run_main(["track", str(EXAMPLE_PLAN), "--as-of", "2026-06-30", "--by",
                               "commercial"], tmp_path)
    assert code == 0, err
    assert out.lstrip().startswith("Tableau de bord par commercial au 30/06/2026\n")
    assert "\nSED1\n----\n" in out
    code, out, _ = run_main(["track", str(EXAMPLE_PLAN), "--as-of", "2026-06-30", "--by",
                             "commercial", "--format", "json"], tmp_path)
    data = json.loads(out)
    groups = data["steering"]["by_commercial"]["groups"]
    actions = data["steering"]["actions"]
    assert sum(g["realised"] for g in groups) == pytest.approx(
        sum(a["realised"] for a in actions if a["realised"] is not None), abs=0.05)
    kam = next(g for g in groups if g["key"] == "KAM")
    retention = next(k for k in kam["kpis"] if k["id"] == "retention")
    assert retention["quota"] == 0.95 and retention["status"] in ("green", "orange", "red")
    sed3 = next(g for g in groups if g["key"] == "SED3")
    basket = next(k for k in sed3["kpis"] if k["id"] == "panier-moyen")
    assert basket["attainment"] is None and basket["reasons"]["attainment"]["code"] == \
        "na_no_quota"


def _logged_visits(as_of: dt.date, by: str) -> dict[str, int]:
    """Visits of the example's activity log from the plan start to ``as_of``, counted by
    hand from the CSV: per person who made them (``owner``) or per salesperson of the
    visited client (``commercial``)."""
    import csv

    folder = EXAMPLE_PLAN.parent / "data"
    with (folder / "clients.csv").open(encoding="utf-8-sig") as fh:
        seller = {r["client"]: r["owner"] for r in csv.DictReader(fh, delimiter=";")}
    out: dict[str, int] = {}
    with (folder / "activities.csv").open(encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh, delimiter=";"):
            day = dt.datetime.strptime(r["date"], "%d/%m/%Y").date()
            if r["kind"] != "visite" or not D(2026, 1, 1) <= day <= as_of:
                continue
            key = r["owner"] if by == "owner" else seller[r["client"]]
            out[key] = out.get(key, 0) + 1
    return out


@pytest.mark.parametrize("as_of", [D(2026, 3, 31), AS_OF, D(2026, 9, 30)])
def test_visits_per_group_are_the_logs(as_of: dt.date) -> None:
    s = Session.open(EXAMPLE_PLAN)
    result = s.steer(as_of)
    by_seller = _logged_visits(as_of, "commercial")
    groups = s.view(result, "commercial").groups
    assert {g.key: g.visits for g in groups} == {g.key: by_seller.get(g.key or "", 0)
                                                  for g in groups}
    by_person = _logged_visits(as_of, "owner")
    owners = s.view(result, "owner").groups
    assert {g.key: g.visits_logged for g in owners} == {g.key: by_person.get(g.key or "", 0)
                                                         for g in owners}


def test_track_by_commercial_shows_budget_and_visits(tmp_path: Path) -> None:
    code, out, err = run_main(["track", str(EXAMPLE_PLAN), "--as-of", "2026-06-30", "--by",
                               "commercial", "--format", "json"], tmp_path)
    assert code in (0, 1), err
    groups = {g["key"]: g for g in json.loads(out)["steering"]["by_commercial"]["groups"]}
    assert groups["KAM"]["budget"] == 33000 and groups["KAM"]["shared_actions"] == []
    assert groups["SED1"]["budget"] is None
    assert groups["SED1"]["budget_reason"] == "na_shared_action"
    assert groups["SED1"]["visits"] == _logged_visits(D(2026, 6, 30), "commercial")["SED1"]
