"""Snapshots carry the steering figures of the track JSON (N−1, change, landing, phasing
profile, dates of the readings used), and a snapshot written in the older shape (value,
target, attainment and status only) still loads and takes part in the trend."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN

from pacspec import EvaluationError
from pacspec.history import read_snapshots, to_snapshot, trend, with_current
from pacspec.session import Session

STEM = "connect-plus"

OLD = {  # what pacspec track --save wrote before the N−1, landing and phasing fields
    "format": 1, "plan": "connect-plus.pac.yaml", "company": "CONNECT+",
    "as_of": "2026-03-31", "plan_start": "2026-01-01", "elapsed": 0.2466,
    "kpis": [{"id": "commandes-mois", "metric": "orders_per_month", "value": 98.0,
              "target": 45.0, "attainment": 0.7407, "status": "red"},
             {"id": "gone", "metric": "revenue", "value": 1.0, "target": 2.0,
              "attainment": 0.5, "status": "red"}],
    "actions": [{"id": "vip-nautilus", "clients": 1, "current_revenue": 522000.0,
                 "target_revenue": 750000.0, "realised": 200000.0, "expected": 180000.0,
                 "attainment": 1.1111, "status": "green", "progress": 15.0, "late": False}],
}


@pytest.fixture(scope="module")
def june() -> tuple[Session, object]:
    session = Session.open(EXAMPLE_PLAN)
    return session, session.steer(dt.date(2026, 6, 30))


def test_a_snapshot_carries_n1_landing_and_phasing(june: tuple[Session, object]) -> None:
    session, result = june
    snap = to_snapshot(result, session.source)  # type: ignore[arg-type]
    kpis = {k["id"]: k for k in snap["kpis"]}
    orders = result.kpi("commandes-mois")  # type: ignore[attr-defined]
    entry = kpis["commandes-mois"]
    assert entry["n1_value"] == orders.n1_value and entry["n1_value"] is not None
    assert entry["change"] == pytest.approx(orders.change, abs=1e-4)
    assert entry["projection"] == pytest.approx(orders.projection, abs=1e-4)
    assert entry["expected"] == pytest.approx(orders.expected, abs=1e-4)
    assert entry["annual_target"] == 540
    assert entry["phasing"] == {"kind": "seasonal", "share": round(orders.share, 4),
                                "reason": None}
    assert kpis["satisfaction"]["reading_on"] == "2026-06-30"
    assert kpis["panier-moyen"]["projection"] is None  # a rate or an average has no landing
    actions = {a["id"]: a for a in snap["actions"]}
    nautilus = result.action("vip-nautilus")  # type: ignore[attr-defined]
    assert actions["vip-nautilus"]["n1_realised"] == pytest.approx(nautilus.n1_realised)
    assert actions["vip-nautilus"]["projection"] == pytest.approx(nautilus.projection, abs=0.01)
    assert actions["vip-nautilus"]["progress_on"] == "2026-06-30"
    assert actions["vip-nautilus"]["visits_planned"] == 18.0
    assert actions["formation-produits"]["phasing"]["kind"] is None  # no clients, no profile


def test_an_old_snapshot_still_loads_and_joins_the_trend(june: tuple[Session, object],
                                                         tmp_path: Path) -> None:
    session, result = june
    (tmp_path / f"{STEM}.2026-03-31.snapshot.json").write_text(json.dumps(OLD),
                                                                encoding="utf-8")
    saved = read_snapshots(tmp_path, STEM)
    assert [s.as_of for s in saved] == [dt.date(2026, 3, 31)]
    tr = trend(with_current(saved, to_snapshot(result, session.source)))  # type: ignore[arg-type]
    assert tr.dates == ["2026-03-31", "2026-06-30"]
    orders = next(s for s in tr.kpis if s.id == "commandes-mois")
    assert [p.status for p in orders.points] == ["red", "red"]
    assert orders.points[0].value == 98.0
    gone = next(s for s in tr.kpis if s.id == "gone")  # only in the old one
    assert gone.points[1].status is None


def test_a_new_field_of_the_wrong_type_is_named(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(OLD))
    bad["kpis"][0]["n1_value"] = "341"
    path = tmp_path / f"{STEM}.2026-03-31.snapshot.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        read_snapshots(tmp_path, STEM)
    (problem,) = info.value.problems
    assert problem.code == "bad-snapshot" and "kpis[0].n1_value" in problem.message
