"""The qualitative axis (DESIGN §5): the activity log read from any source (French kinds
and dates, bad rows placed, unknown clients counted), the ``visits`` KPI, the per-meeting
conversion from the log and the visits done against the workload, each checked against a
plain-pandas reference on random logs (hypothesis); ``metric: manual`` KPIs and their
dated readings picked correctly between readings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_steering import PROFILES, fixed, ledger, plan

from pacspec import LedgerError, PlanError, load_plan_text
from pacspec.activity_log import normal_kind, read_activities
from pacspec.engine.steering import DAYS_PER_MONTH, months_between
from pacspec.session import Session

D = dt.date
AS_OF = D(2026, 6, 30)

ACTIONS = """
actions:
  - {id: key, title: Key account, type: commercial, subtype: key_account, target: {client: [a, e]},
     priority: 1, owner: KAM, due: 2026-12, target_revenue: 5000,
     workload: {visits_per_month: 2, from: 2026-02-01}}
  - {id: hunt, title: Prospecting, type: commercial, subtype: prospecting,
     target: {prospect: true}, priority: 3, owner: SED, due: 2026-12, meetings: 4,
     target_revenue: 1000}
  - {id: train, title: Training, type: internal, subtype: training, priority: 2, owner: DC,
     due: 2026-03, progress: 100, workload: {visits_per_month: 1}}
"""

KPIS = """
steering:
  phasing: linear
  allow_overlap: true
  kpis:
    - {id: vis, metric: visits, target: 100}
    - {id: vis-north, metric: visits, target: 40, scope: {attributes: {region: [north]}}}
    - {id: mcon, metric: meeting_conversion_rate, target: 0.2}
    - {id: sat, metric: manual, target: 8,
       readings: [{on: 2026-03-31, value: 7}, {on: 2026-06-30, value: 8.5}]}
    - {id: plain, metric: manual, target: 4, readings: 5}
"""

KIND_TEXTS = ["visite", "Visite", "visit", "appel", "RDV", "rendez-vous", "démo", "devis",
              "salon"]


def session() -> Session:
    return Session.open(plan(PROFILES, ACTIONS, KPIS), ledger=ledger())


def log_of(entries: list[tuple[str, dt.date, str]]) -> dict[str, list[Any]]:
    return {"date": [e[1] for e in entries], "client": [e[0] for e in entries],
            "owner": ["KAM" for _ in entries], "kind": [e[2] for e in entries]}


def steer(entries: list[tuple[str, dt.date, str]], as_of: dt.date = AS_OF) -> Any:
    s = session()
    s.activity_source = log_of(entries)
    return s.steer(as_of)


entries_st = st.lists(st.tuples(st.sampled_from(["a", "b", "c", "d", "e", "p"]),
                                st.dates(D(2025, 1, 1), D(2026, 12, 31)),
                                st.sampled_from(KIND_TEXTS)), min_size=1, max_size=40)


def reference(entries: list[tuple[str, dt.date, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(entries, columns=["client", "date", "kind"])
    frame["kind"] = frame["kind"].map(normal_kind)
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def _in(frame: pd.DataFrame, start: dt.date, end: dt.date) -> pd.DataFrame:
    return frame[(frame["date"] >= pd.Timestamp(start)) & (frame["date"] <= pd.Timestamp(end))]


@fixed(25)
@given(entries=entries_st, as_of=st.dates(D(2026, 1, 2), D(2026, 12, 31)))
def test_visits_match_a_pandas_reference(entries: list[tuple[str, dt.date, str]],
                                         as_of: dt.date) -> None:
    res = steer(entries, as_of)
    frame = reference(entries)
    now = _in(frame, D(2026, 1, 1), as_of)
    visits = now[now["kind"] == "visit"]
    kpi = res.kpi("vis")
    assert kpi.value == len(visits)
    assert kpi.expected == pytest.approx(100 * ((as_of - D(2026, 1, 1)).days + 1) / 365)
    assert res.kpi("vis-north").value == len(visits[visits["client"].isin(["a", "b", "e"])])
    if frame["date"].min() <= pd.Timestamp(D(2025, 1, 1)):
        last = _in(frame, D(2025, 1, 1), as_of.replace(year=2025))
        assert kpi.n1_value == len(last[last["kind"] == "visit"])
    else:
        assert kpi.n1_value is None and kpi.reasons["n1_value"].code == "na_log_no_history"
    # the per-meeting conversion: prospect p bought on 2026-03-03; meetings held with the
    # targeted prospects (p) are its visits, meetings and demos (not calls or quotes)
    held = now[(now["client"] == "p") & now["kind"].isin(["visit", "meeting", "demo"])]
    converted = 1 if as_of >= D(2026, 3, 3) else 0
    mcon = res.kpi("mcon")
    if len(held) == 0:
        assert mcon.value is None and mcon.reason.code == "na_no_meetings_logged"
    else:
        assert mcon.value == pytest.approx(converted / len(held))
    # visits done against the workload: the action's clients (a, e) from its start
    key = res.action("key")
    done = _in(frame, D(2026, 2, 1), as_of)
    assert key.visits == len(done[(done["kind"] == "visit") & done["client"].isin(["a", "e"])])
    planned = 2 * months_between(D(2026, 2, 1), as_of) if as_of >= D(2026, 2, 1) else 0.0
    assert key.visits_planned == pytest.approx(planned)
    assert res.action("train").visits is None  # no clients: nothing to count
    assert res.action("hunt").visits_planned is None


def test_without_a_log_visits_are_na_and_meetings_come_from_the_plan() -> None:
    res = session().steer(AS_OF)
    assert res.kpi("vis").value is None
    assert res.kpi("vis").reason.code == "na_no_activity_log"
    # 1 prospect converted for the 4 meetings the prospecting action states
    assert res.kpi("mcon").value == pytest.approx(1 / 4)
    assert res.action("key").visits is None
    assert res.action("key").reasons["visits"].code == "na_no_activity_log"
    assert res.action("key").visits_planned == pytest.approx(2 * months_between(
        D(2026, 2, 1), AS_OF))
    assert 4 * DAYS_PER_MONTH < (AS_OF - D(2026, 2, 1)).days + 1 < 5 * DAYS_PER_MONTH


@pytest.mark.parametrize(("as_of", "value", "on"), [
    (D(2026, 3, 30), None, None),  # before the first reading
    (D(2026, 3, 31), 7.0, D(2026, 3, 31)),
    (D(2026, 5, 15), 7.0, D(2026, 3, 31)),  # between readings: the last one before
    (D(2026, 6, 30), 8.5, D(2026, 6, 30)),
    (D(2026, 11, 1), 8.5, D(2026, 6, 30)),
])
def test_a_manual_kpi_reads_the_last_reading_on_or_before_as_of(
        as_of: dt.date, value: float | None, on: dt.date | None) -> None:
    kpi = session().steer(as_of).kpi("sat")
    assert (kpi.value, kpi.reading_on) == (value, on)
    if value is None:
        assert kpi.status == "n/a" and kpi.reason.code == "na_no_reading"
    else:
        assert kpi.attainment == pytest.approx(value / 8)
        assert kpi.expected == 8 and kpi.projection is None
    plain = session().steer(as_of).kpi("plain")  # a plain number: undated, used as is
    assert (plain.value, plain.reading_on, plain.reason.code) == (5, None,
                                                                  "basis_manual_undated")


@pytest.mark.parametrize(("kpi", "needle"), [
    ("{id: sat, metric: manual, target: 8}", "needs its readings"),
    ("{id: rev, metric: revenue, target: 8, readings: 5}", "readings are typed values"),
])
def test_readings_belong_to_manual_kpis(kpi: str, needle: str) -> None:
    from conftest import HEADER

    with pytest.raises(PlanError) as info:
        load_plan_text(HEADER + f"steering:\n  kpis:\n    - {kpi}\n", source="p.pac.yaml")
    assert needle in str(info.value)


def test_the_log_is_read_from_a_french_csv(tmp_path: Path) -> None:
    path = tmp_path / "journal.csv"
    path.write_text("date;client;owner;kind\n03/02/2026;a;KAM;Visite\n04/02/2026;zz;KAM;"
                    "appel\n05/02/2026;e;KAM;Rendez-vous\n06/02/2026;yy;KAM;visite\n",
                    encoding="utf-8")
    log, warnings = read_activities(path, ledger())
    assert log.kind.tolist() == ["visit", "meeting"]
    assert [str(d) for d in pd.to_datetime(log.day, unit="D").date] == ["2026-02-03",
                                                                         "2026-02-05"]
    (unknown,) = warnings
    assert unknown.code == "activity-unknown-client" and unknown.reason is not None
    assert unknown.reason.values["n"] == 2 and unknown.reason.values["clients"] == "yy, zz"


def test_a_bad_date_and_a_missing_column_are_placed(tmp_path: Path) -> None:
    path = tmp_path / "journal.csv"
    path.write_text("date;client;owner;kind\n03/02/2026;a;KAM;visite\n31/02/2026;a;KAM;visite\n",
                    encoding="utf-8")
    with pytest.raises(LedgerError) as info:
        read_activities(path, ledger())
    (problem,) = info.value.problems
    assert (problem.code, problem.line) == ("bad-rows", 3)
    assert "31/02/2026" in problem.message
    log, warnings = read_activities(path, ledger(), policy="skip")
    assert len(log.day) == 1 and warnings[0].severity == "warning"
    path.write_text("date;client;who;kind\n03/02/2026;a;KAM;visite\n", encoding="utf-8")
    with pytest.raises(LedgerError) as info:
        read_activities(path, ledger())
    (problem,) = info.value.problems
    assert problem.code == "missing-column"
    assert problem.path == ("data", "activities", "columns", "owner")


def test_the_example_plan_steers_its_activity_log() -> None:
    from conftest import EXAMPLE_PLAN

    s = Session.open(EXAMPLE_PLAN)
    res = s.steer(D(2026, 6, 30))
    log = res.activities
    assert log is not None
    csv = pd.read_csv(EXAMPLE_PLAN.parent / "data" / "activities.csv", sep=";",
                      encoding="utf-8-sig", dtype=str)
    csv["date"] = pd.to_datetime(csv["date"], format="%d/%m/%Y")
    half = csv[(csv["date"] >= "2026-01-01") & (csv["date"] <= "2026-06-30")]
    assert res.kpi("visites").value == (half["kind"] == "visite").sum()
    nautilus = half[(half["client"] == "C0001") & (half["kind"] == "visite")]
    assert res.action("vip-nautilus").visits == len(nautilus)
    assert res.action("vip-nautilus").visits_planned == pytest.approx(3 * 6)
    assert res.kpi("satisfaction").value == 7.8
