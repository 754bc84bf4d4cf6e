"""Steering: every KPI formula computed by hand on a small ledger (phased ``linear`` unless
a test says otherwise), empty denominators ("n/a", never a division error), attainment and
bands, action attainment and lateness, N−1 and landing, and the attainment scaling property.
Each corrected definition is pinned by a test that fails on the old formula.

The small ledger (plan 2026-01-01 .. 2026-12-31, steered at 2026-06-30, so the period has
181 days of 365 and 181 / 30.4375 months):

======  ===========================  ==================================  ===================
client  2025 (baseline window)       2026-01-01 .. 2026-06-30             note
======  ===========================  ==================================  ===================
a       1000 + 1000 (2 orders)       1500 (3 u) - 500 credit (-1 u)       key account
b       3000                         nothing                              lost
c       nothing (bought in 2024)     400 (1 u)                            win-back, came back
d       nothing (bought in 2024)     nothing                              win-back, still out
e       2000 (4 u)                   1000 (2 u) + 1000 (2 u)
p       never                        600 (1 u)                            prospect, converted
======  ===========================  ==================================  ===================

a also buys 9999 on 2026-08-01, after as_of: never counted.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import HEADER
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec import EvaluationError, LoadedPlan, load_plan_text
from pacspec.engine.steering import (
    DAYS_PER_MONTH,
    SteeringResult,
    attainment,
    band_status,
    judge,
)
from pacspec.ingest import Ledger, load_ledger
from pacspec.model.data import TransactionColumns
from pacspec.model.steering import Bands
from pacspec.reasons import Reason
from pacspec.report import words
from pacspec.report.summary import steering_summary
from pacspec.report.words import format_measure
from pacspec.session import steer

D = dt.date
AS_OF = D(2026, 6, 30)
ELAPSED = 181 / 365
MONTHS = 181 / DAYS_PER_MONTH

ROWS: list[tuple[str, dt.date, str, float, float]] = [
    ("a", D(2025, 3, 10), "A1", 1000.0, 2),
    ("a", D(2025, 9, 10), "A2", 1000.0, 2),
    ("b", D(2025, 5, 5), "B1", 3000.0, 5),
    ("c", D(2024, 6, 1), "C1", 800.0, 2),
    ("d", D(2024, 2, 1), "D1", 600.0, 1),
    ("e", D(2025, 11, 20), "E1", 2000.0, 4),
    ("e", D(2026, 1, 20), "E2", 1000.0, 2),
    ("a", D(2026, 2, 1), "A3", 1500.0, 3),
    ("p", D(2026, 3, 3), "P1", 600.0, 1),
    ("a", D(2026, 3, 15), "A4", -500.0, -1),
    ("c", D(2026, 4, 10), "C2", 400.0, 1),
    ("e", D(2026, 5, 5), "E3", 1000.0, 2),
    ("a", D(2026, 8, 1), "A5", 9999.0, 9),
]
CLIENTS = {
    "client": ["a", "b", "c", "d", "e", "p"],
    "name": ["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "PAPA"],
    "region": ["north", "north", "south", "south", "north", "south"],
}

PROFILES = """
profiles:
  - {id: inactif, when: {code: "0000"}}
  - {id: actif}
"""

ACTIONS = """
actions:
  - {id: key, title: Key account, type: commercial, subtype: key_account, target: {client: [a]},
     priority: 1, owner: KAM, due: 2026-12, progress: 40, current_revenue: 2000,
     target_revenue: 5000}
  - {id: back, title: Win-back, type: commercial, subtype: win_back,
     target: {profile: inactif, bought_before_window: true}, priority: 2, owner: SED,
     due: 2026-06, progress: 50, budget: 1000, growth: 0.5}
  - {id: hunt, title: Prospecting, type: commercial, subtype: prospecting,
     target: {prospect: true}, priority: 3, owner: SED, due: 2026-12, progress: 30,
     budget: 2000, spent: 800, meetings: 4, target_revenue: 1000}
  - {id: train, title: Training, type: internal, subtype: training, priority: 2, owner: DC,
     due: 2026-03, progress: 100, budget: 1000}
"""

KPIS = """
steering:
  phasing: linear
  kpis:
    - {id: opm, metric: orders_per_month, target: 1}
    - {id: upm, metric: units_per_month, target: 1}
    - {id: rev, metric: revenue, target: 10000}
    - {id: aov, metric: average_order_value, target: 1000}
    - {id: act, metric: active_clients, target: 4}
    - {id: ret, metric: retention_rate, target: 0.8}
    - {id: rea, metric: reactivation_rate, target: 0.25}
    - {id: acq, metric: acquisition_rate, target: 0.5}
    - {id: con, metric: conversion_rate, target: 0.25}
    - {id: mcon, metric: meeting_conversion_rate, target: 0.2}
    - {id: bud, metric: budget_consumed, target: 4000, direction: lower}
    - {id: roi, metric: roi, target: 1}
    - {id: north-rev, metric: revenue, target: 4000, scope: {attributes: {region: [north]}}}
    - {id: strict, metric: retention_rate, target: 0.8, bands: {green: 1.5, orange: 1.3}}
"""


def ledger(rows: Sequence[tuple[str, dt.date, str, float, float]] = ROWS,
           clients: dict[str, list[Any]] | None = None, quantity: bool = True,
           scale: float = 1.0) -> Ledger:
    data: dict[str, list[Any]] = {
        "client": [r[0] for r in rows], "date": [r[1] for r in rows],
        "invoice": [r[2] for r in rows], "amount": [r[3] * scale for r in rows],
    }
    if quantity:
        data["quantity"] = [r[4] for r in rows]
    columns = TransactionColumns(order="invoice", quantity="quantity" if quantity else None)
    return load_ledger(data, clients if clients is not None else CLIENTS, columns=columns)


def plan(*sections: str) -> LoadedPlan:
    """HEADER and the sections: a section starting with a line break is dedented, any other
    is used as is (e.g. indented keys that extend the header)."""
    body = "".join(textwrap.dedent(s)[1:] if s.startswith("\n") else s for s in sections)
    return load_plan_text(HEADER + body, source="plan.pac.yaml")


@pytest.fixture(scope="module")
def result() -> SteeringResult:
    return steer(plan(PROFILES, ACTIONS, KPIS), ledger=ledger(), as_of=AS_OF)


# ------------------------------------------------------------------------ the period


def test_period_and_elapsed(result: SteeringResult) -> None:
    assert result.period == (D(2026, 1, 1), AS_OF)
    assert result.days == 181
    assert result.elapsed == pytest.approx(ELAPSED)
    assert result.months == pytest.approx(MONTHS)
    assert result.baseline.as_of == D(2025, 12, 31)


def test_as_of_after_the_plan_end_is_clipped() -> None:
    late = steer(plan(PROFILES, ACTIONS), ledger=ledger(), as_of=D(2027, 3, 1))
    assert late.period == (D(2026, 1, 1), D(2026, 12, 31))
    assert late.elapsed == 1.0
    assert late.action("key").realised == pytest.approx(1000 + 9999)


@pytest.mark.parametrize("as_of", [D(2026, 1, 1), D(2025, 12, 1)])
def test_as_of_must_follow_the_plan_start(as_of: dt.date) -> None:
    with pytest.raises(EvaluationError) as info:
        steer(plan(PROFILES, ACTIONS), ledger=ledger(), as_of=as_of)
    (problem,) = info.value.problems
    assert problem.code == "before-plan-start"
    assert (problem.file, problem.line, problem.json_path) == ("plan.pac.yaml", 6,
                                                          "$.header.plan_start")
    assert "le plan commence le 01/01/2026" in problem.message


def test_as_of_defaults_to_the_last_transaction() -> None:
    assert steer(plan(PROFILES), ledger=ledger()).as_of == D(2026, 8, 1)


# --------------------------------------------------------------------------- the KPIs


def value(result: SteeringResult, kpi: str) -> float | None:
    return result.kpi(kpi).value


def test_orders_and_units_per_month(result: SteeringResult) -> None:
    # orders: A3, P1, C2, E2, E3 (the credit note A4 is no order; A5 is after as_of);
    # a target of 1 a month is 12 for the year, 12 x elapsed to date (cumulative counts)
    kpi = result.kpi("opm")
    assert (kpi.value, kpi.unit, kpi.annual_target) == (5, "count", 12)
    assert kpi.per_month == pytest.approx(5 / MONTHS)
    assert kpi.expected == pytest.approx(12 * ELAPSED)
    assert kpi.attainment == pytest.approx(5 / (12 * ELAPSED))
    assert kpi.projection == pytest.approx(5 / ELAPSED)
    assert kpi.status == "red"
    # units: 3 - 1 + 1 + 1 + 2 + 2
    assert value(result, "upm") == pytest.approx(8)
    assert result.kpi("upm").attainment == pytest.approx(8 / (12 * ELAPSED))


def test_per_month_is_not_judged_on_the_average_of_the_months(result: SteeringResult) -> None:
    # the old formula compared (count ÷ months elapsed) with t: 5 / 5.95 = 0.84 either way
    # on a linear profile; on a seasonal one they differ (see test_seasonal_phasing)
    kpi = result.kpi("opm")
    assert kpi.attainment == pytest.approx(kpi.value / kpi.expected)


def test_revenue_is_compared_pro_rata(result: SteeringResult) -> None:
    kpi = result.kpi("rev")
    assert kpi.value == pytest.approx(1000 + 600 + 400 + 2000)
    assert kpi.target == 10000
    assert kpi.target_to_date == kpi.expected == pytest.approx(10000 * ELAPSED)
    assert kpi.attainment == pytest.approx(4000 / (10000 * ELAPSED))
    assert kpi.status == "red"
    assert (kpi.phasing, kpi.share) == ("linear", pytest.approx(ELAPSED))
    assert kpi.projection == pytest.approx(4000 / ELAPSED)
    # N−1 to date (2025-01-01 .. 2025-06-30): a 1000 (A1) + b 3000 (B1)
    assert kpi.n1_value == pytest.approx(4000)
    assert (kpi.change, kpi.change_kind) == (pytest.approx(0.0), "relative")


def test_scope_restricts_the_clients(result: SteeringResult) -> None:
    # north: a (1000) and e (2000); c and p are south
    kpi = result.kpi("north-rev")
    assert kpi.value == pytest.approx(3000)
    assert kpi.attainment == pytest.approx(3000 / (4000 * ELAPSED))
    assert kpi.status == "green"


def test_average_order_value(result: SteeringResult) -> None:
    assert value(result, "aov") == pytest.approx(4000 / 5)
    kpi = result.kpi("aov")
    assert kpi.attainment == pytest.approx(0.8)
    assert kpi.status == "red"
    assert kpi.n1_value == pytest.approx(4000 / 2)  # A1, B1
    assert kpi.change == pytest.approx(800 / 2000 - 1)
    assert kpi.projection is None and kpi.reasons["projection"].code == "na_not_cumulative"


def test_active_clients(result: SteeringResult) -> None:
    assert value(result, "act") == 4  # a, c, e, p
    assert result.kpi("act").status == "green"


def test_retention_rate_excludes_clients_won_back(result: SteeringResult) -> None:
    # clients active in 2025 (a, b, e) who bought since: a, e. c came back (won back) and is
    # not a retained client: the old formula (active - new) / base gave 3 / 3
    assert value(result, "ret") == pytest.approx(2 / 3)
    assert value(result, "ret") != pytest.approx(1.0)
    kpi = result.kpi("ret")
    assert kpi.attainment == pytest.approx((2 / 3) / 0.8)
    assert words.kpi_reason(kpi, result).startswith(
        "2 clients de l'an dernier ont racheté, sur 3 actifs l'an dernier")
    # N−1 needs the year before 2025 in full: the data starts on 2024-02-01
    assert kpi.n1_value is None and kpi.reasons["n1_value"].code == "na_no_prior_year"


def test_bands_are_configurable_per_kpi(result: SteeringResult) -> None:
    assert result.kpi("ret").status == "red"  # 83 % of its target
    strict = result.kpi("strict")
    assert strict.attainment == pytest.approx((2 / 3) / 0.8)
    assert strict.status == "red"  # below its orange band of 1.3


def test_reactivation_rate(result: SteeringResult) -> None:
    # win-back targets c and d (inactive in 2025, bought before); c came back
    assert value(result, "rea") == pytest.approx(0.5)
    assert result.kpi("rea").status == "green"
    assert words.kpi_reason(result.kpi("rea"), result).startswith("1 clients revenus sur 2 ciblés")


def test_acquisition_rate(result: SteeringResult) -> None:
    assert value(result, "acq") == pytest.approx(1 / 4)  # p is new among 4 active
    assert result.kpi("acq").attainment == pytest.approx(0.5)


def test_conversion_rate_is_prospects_converted_over_prospects_targeted(
        result: SteeringResult) -> None:
    # the prospecting action targets p, who bought: 1 / 1. The old formula divided the
    # orders of the targets (1) by the meetings (4): 0.25
    assert value(result, "con") == pytest.approx(1.0)
    assert result.kpi("con").status == "green"
    assert result.kpi("con").reasons["n1_value"].code == "na_n1_not_applicable"
    # per meeting: converted (1) / meetings (4)
    assert value(result, "mcon") == pytest.approx(0.25)
    assert result.kpi("mcon").attainment == pytest.approx(0.25 / 0.2)


def test_budget_consumed(result: SteeringResult) -> None:
    # back: 1000 x 50 % (estimated), hunt: spent 800, train: 1000 x 100 % (estimated)
    kpi = result.kpi("bud")
    assert kpi.value == pytest.approx(500 + 800 + 1000)
    assert kpi.estimated
    assert "dont 1,5 k€ estimés d'après l'avancement" in words.kpi_reason(kpi, result)
    assert kpi.expected == pytest.approx(4000 * ELAPSED)
    # consumption judged on spent / expected, never target / value (the old 0.86)
    assert kpi.attainment == pytest.approx(2300 / (4000 * ELAPSED))
    assert kpi.attainment != pytest.approx(4000 * ELAPSED / 2300)
    assert kpi.status == "red"  # above the orange band of 1.1 for a lower-is-better KPI
    assert kpi.projection == pytest.approx(2300 / ELAPSED)


def test_roi_is_on_revenue_gained_over_last_year(result: SteeringResult) -> None:
    # the commercial actions' clients a, c, d, p: 2000 to date, 1000 (a's A1) a year earlier
    gained = (1000 + 400 + 0 + 600) - 1000
    cost = 2300
    kpi = result.kpi("roi")
    assert kpi.value == pytest.approx((gained - cost) / cost)
    # the old formula: realised - CA actuel x elapsed
    old = ((1000 - 2000 * ELAPSED) + 400 + 600 - cost) / cost
    assert kpi.value != pytest.approx(old, rel=1e-4)
    assert kpi.status == "red"  # negative
    assert words.kpi_reason(kpi, result).startswith(
        "CA supplémentaire sur N−1 à date 1,0 k€ pour un coût de 2,3 k€")


def test_roi_with_a_margin_rate() -> None:
    res = steer(plan("  margin_rate: 0.4\n", PROFILES, ACTIONS, KPIS), ledger=ledger(),
                as_of=AS_OF)
    assert res.kpi("roi").value == pytest.approx((1000 * 0.4 - 2300) / 2300)


def test_objectives_are_kpis() -> None:
    objectives = ("  objectives:\n"
                  "    - {id: cmd, text: 1 commande par mois, metric: orders_per_month,"
                  " target: 0.8}\n")
    res = steer(plan(objectives, PROFILES), ledger=ledger(), as_of=AS_OF)
    (obj,) = res.kpis
    assert (obj.id, obj.source, words.kpi_label(obj, "fr")) == ("cmd", "objective", "1 commande par mois")
    assert obj.value == 5
    assert obj.per_month == pytest.approx(5 / MONTHS)


# ----------------------------------------------------------------- empty denominators

EMPTY_KPIS = """
steering:
  kpis:
    - {id: opm, metric: orders_per_month, target: 1}
    - {id: upm, metric: units_per_month, target: 1}
    - {id: aov, metric: average_order_value, target: 1000}
    - {id: ret, metric: retention_rate, target: 0.8}
    - {id: rea, metric: reactivation_rate, target: 0.25}
    - {id: acq, metric: acquisition_rate, target: 0.5}
    - {id: con, metric: conversion_rate, target: 0.25}
    - {id: mcon, metric: meeting_conversion_rate, target: 0.25}
    - {id: roi, metric: roi, target: 1}
    - {id: bud, metric: budget_consumed, target: 100, direction: lower}
"""


def test_empty_denominators_are_na_with_a_reason() -> None:
    # nobody bought in 2025 or since the plan started; no quantities; no win-back action;
    # a prospecting action without meetings; no budget
    rows = [("a", D(2024, 3, 1), "A1", 100.0, 1)]
    actions = """
    actions:
      - {id: hunt, title: Prospecting, type: commercial, subtype: prospecting,
         target: {prospect: true}, priority: 1, owner: SED, due: 2026-12}
    """
    res = steer(plan(PROFILES, actions, EMPTY_KPIS), ledger=ledger(rows, quantity=False),
                as_of=AS_OF)
    reasons = {k.id: (k.value, k.attainment, k.status, words.kpi_reason(k, res)) for k in res.kpis}
    assert reasons["opm"][:3] == (0.0, 0.0, "red")
    assert reasons["con"][:3] == (0.0, 0.0, "red")  # 5 register prospects, none bought
    expected = {
        "upm": "n/a : pas de quantités dans les données",
        "aov": "n/a : aucune commande sur la période",
        "ret": "n/a : aucun client actif l'année précédente",
        "rea": "n/a : aucun client ciblé par une action de reconquête",
        "acq": "n/a : aucun client actif sur la période",
        "mcon": "n/a : aucun rendez-vous enregistré (meetings)",
        "roi": "n/a : aucun budget consommé",
    }
    for kpi, reason in expected.items():
        assert reasons[kpi] == (None, None, "n/a", reason), kpi
    # nothing consumed: 0 % of the expected, under half of it while "hunt" is late (0 % done
    # at mid-year): a warning, orange rather than green
    assert reasons["bud"][:3] == (0.0, 0.0, "orange")
    assert res.kpi("bud").warning == Reason("warn_underspent_late",
                                            {"late": 1, "attainment": 0.0})
    assert res.action("hunt").realised == 0.0


def test_conversion_without_a_prospecting_action() -> None:
    res = steer(plan(PROFILES, EMPTY_KPIS), ledger=ledger(), as_of=AS_OF)
    assert words.kpi_reason(res.kpi("con"), res) == "n/a : aucune action de prospection"
    assert res.kpi("con").status == "n/a"


def test_na_in_english() -> None:
    res = steer(plan("locale: en\n", PROFILES, EMPTY_KPIS), ledger=ledger(), as_of=AS_OF)
    assert words.kpi_reason(res.kpi("rea"), res) == "n/a: no client is targeted by a win-back action"
    assert format_measure(None, "rate", "en") == "n/a"


# ------------------------------------------------------------------ attainment, bands


@pytest.mark.parametrize(
    ("value", "target", "expected"),
    [
        (90.0, 100.0, 0.9),
        (0.0, 100.0, 0.0),
        (-50.0, 100.0, -0.5),
        (125.0, 100.0, 1.25),  # for a lower-is-better KPI too: never inverted
        (5.0, 0.0, None),      # nothing expected has no ratio
        (None, 100.0, None),
    ],
)  # fmt: skip
def test_attainment(value: float | None, target: float, expected: float | None) -> None:
    got = attainment(value, target)
    assert got == (None if expected is None else pytest.approx(expected))


@pytest.mark.parametrize(
    ("ratio", "bands", "status"),
    [
        (1.0, None, "green"), (0.99, None, "orange"), (0.9, None, "orange"),
        (0.8999, None, "red"), (3.0, None, "green"),
        (1.1, Bands(green=1.2, orange=1.0), "orange"), (0.95, Bands(green=1.2, orange=1.0), "red"),
    ],
)  # fmt: skip
def test_band_status(ratio: float, bands: Bands | None, status: str) -> None:
    assert band_status(ratio, bands) == status


@pytest.mark.parametrize(
    ("ratio", "bands", "status"),
    [
        (0.5, None, "green"), (1.0, None, "green"), (1.05, None, "orange"),
        (1.1, None, "orange"), (1.1001, None, "red"),
        (0.95, Bands(green=0.9, orange=1.0), "orange"),
    ],
)  # fmt: skip
def test_lower_bands_are_read_the_other_way(ratio: float, bands: Bands | None,
                                            status: str) -> None:
    assert band_status(ratio, bands, "lower") == status


def test_lower_bands_accept_orange_above_green() -> None:
    from pacspec.model.steering import Kpi

    Kpi(id="b", metric="budget_consumed", target=1, direction="lower",
        bands=Bands(green=1.0, orange=1.2))
    with pytest.raises(ValueError, match="must not be below green"):
        Kpi(id="b", metric="budget_consumed", target=1, direction="lower",
            bands=Bands(green=1.0, orange=0.9))
    with pytest.raises(ValueError, match="must not exceed green"):
        Kpi(id="b", metric="revenue", target=1, bands=Bands(green=1.0, orange=1.2))


def test_judge_without_a_ratio_is_na() -> None:
    assert judge(0.0, 0.0, "higher") == (None, "n/a")
    assert judge(5.0, 0.0, "lower") == (None, "n/a")
    assert judge(None, 1.0) == (None, "n/a")


def test_format_measure() -> None:
    assert format_measure(0.832, "rate") == "83,2 %"
    assert format_measure(3011.52, "amount") == "3\u202f012 €"
    assert format_measure(474_599.88, "money") == "475 k€"
    assert format_measure(182.625, "per_month") == "182,6"
    assert format_measure(16.026, "ratio", "en") == "16.03"
    assert format_measure(4.0, "count") == "4"


# --------------------------------------------------------------------------- actions


def test_action_attainment_and_variance(result: SteeringResult) -> None:
    key = result.action("key")
    assert key.realised == pytest.approx(1000)  # 1500 - 500; the August 9999 is later
    assert key.expected == pytest.approx(5000 * ELAPSED)
    assert key.attainment == pytest.approx(1000 / (5000 * ELAPSED))
    assert key.variance == pytest.approx(1000 - 5000 * ELAPSED)
    assert key.relative_variance == pytest.approx((1000 - 5000 * ELAPSED) / (5000 * ELAPSED))
    assert key.status == "red"
    assert words.action_reason(key, result) == (
        "réalisé 1,0 k€ pour 2,5 k€ attendus (49,6 % du CA cible, phasage linéaire) (40,3 %)")


def test_action_with_a_growth_target_on_no_revenue(result: SteeringResult) -> None:
    # growth on clients with no CA actuel resolves to a target of 0: an error, not a green
    back = result.action("back")
    assert back.current_revenue == 0.0
    assert back.target_revenue == 0.0  # 0 x 1.5
    assert back.realised == pytest.approx(400)
    assert (back.attainment, back.status) == (None, "n/a")
    assert back.reasons["attainment"].code == "na_target_zero"
    (problem,) = [p for p in result.problems if p.code == "growth-on-no-revenue"]
    assert problem.severity == "error" and problem.json_path == "$.actions[1].growth"
    assert "target_revenue" in (problem.hint or "")


def test_track_fails_on_an_error_found_while_steering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pacspec track` prints the growth-on-no-revenue error and exits 1, not 0."""
    from pacspec.cli import main

    (tmp_path / "t.csv").write_text("client;date;invoice;amount;quantity\n" + "".join(
        f"{c};{d:%d/%m/%Y};{i};{str(a).replace('.', ',')};{q}\n" for c, d, i, a, q in ROWS),
        encoding="utf-8")
    (tmp_path / "c.csv").write_text("client;name;region\n" + "".join(
        f"{c};{n};{r}\n" for c, n, r in zip(*CLIENTS.values(), strict=True)), encoding="utf-8")
    data = ("data:\n  transactions: {path: t.csv, columns: {order: invoice, quantity: "
            "quantity}}\n  clients: {path: c.csv}\n")
    body = textwrap.dedent(PROFILES)[1:] + textwrap.dedent(ACTIONS)[1:] + data
    (tmp_path / "p.pac.yaml").write_text(HEADER + body, encoding="utf-8")
    code = main(["track", str(tmp_path / "p.pac.yaml"), "--as-of", "2026-06-30"])
    captured = capsys.readouterr()
    assert "error[growth-on-no-revenue] $.actions[1].growth" in captured.out + captured.err
    assert code == 1


def test_action_bands(result: SteeringResult) -> None:
    hunt = result.action("hunt")
    assert hunt.attainment == pytest.approx(600 / (1000 * ELAPSED))
    assert hunt.status == "green"


def test_internal_actions_have_no_revenue(result: SteeringResult) -> None:
    train = result.action("train")
    assert (train.realised, train.expected, train.status, words.action_reason(train, result)) == (None, None, "n/a",
                                                                             "")


def test_late_actions(result: SteeringResult) -> None:
    key = result.action("key")  # 40 % at 181 / 365 of its span: within 10 points
    assert key.expected_progress == pytest.approx(100 * 181 / 365)
    assert not key.late
    back = result.action("back")  # due 2026-06-30, at 50 %: expected 100 %
    assert back.late
    assert words.late_reason(back, result) == "avancement 50 % pour 100 % attendus au 30/06/2026"
    hunt = result.action("hunt")  # 30 % where 49.6 % are expected
    assert hunt.late
    train = result.action("train")  # done
    assert not train.late and train.expected_progress == 100.0


def test_past_due_actions_are_late() -> None:
    res = steer(plan(PROFILES, ACTIONS), ledger=ledger(), as_of=D(2026, 7, 1))
    back = res.action("back")
    assert back.late
    assert words.late_reason(back, res) == "échéance du 30/06/2026 dépassée à 50 % d'avancement"


def test_an_action_not_started_is_not_late() -> None:
    actions = """
    actions:
      - {id: later, title: Later, type: internal, subtype: training, priority: 1, owner: DC,
         start: 2026-09-01, due: 2026-12}
    """
    later = steer(plan(actions), ledger=ledger(), as_of=AS_OF).action("later")
    assert (later.expected_progress, later.late) == (0.0, False)


def test_summary_is_json_ready(result: SteeringResult) -> None:
    import json

    summary = steering_summary(result, "plan.pac.yaml")
    text = json.dumps(summary)
    assert "NaN" not in text and "Infinity" not in text
    assert summary["steering"]["kpis"][0]["id"] == "opm"
    assert summary["actions"][0]["client_ids"] == ["a"]


# ------------------------------------------------------------------ property: scaling


def fixed(max_examples: int) -> settings:
    return settings(max_examples=max_examples, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


SCALED_ACTIONS = """
actions:
  - {{id: key, title: K, type: commercial, subtype: key_account, target: {{client: [a, e]}},
     priority: 1, owner: KAM, due: 2026-12, current_revenue: {current}, target_revenue: {target}}}
  - {{id: grow, title: G, type: commercial, subtype: retention, target: {{client: [a, b, e]}},
     priority: 1, owner: KAM, due: 2026-12, growth: 0.2}}
steering:
  allow_overlap: true
  kpis:
    - {{id: rev, metric: revenue, target: {target}}}
    - {{id: aov, metric: average_order_value, target: {target}}}
"""


@fixed(25)
@given(k=st.integers(min_value=1, max_value=1_000_000).map(lambda n: n / 100))
def test_attainment_does_not_change_when_every_amount_is_scaled(k: float) -> None:
    # Amounts are money, summed in exact cents: the scales keep every amount a whole number
    # of cents (the rows are whole euros), so scaling is exact and nothing is lost to rounding.
    def run(scale: float) -> SteeringResult:
        text = SCALED_ACTIONS.format(current=4000 * scale, target=9000 * scale)
        return steer(plan(PROFILES, text), ledger=ledger(scale=scale), as_of=AS_OF)

    base, scaled = run(1.0), run(k)
    for a, b in zip(base.actions, scaled.actions, strict=True):
        assert a.realised is not None and a.expected is not None
        assert b.realised == pytest.approx(a.realised * k, rel=1e-9)
        assert b.expected == pytest.approx(a.expected * k, rel=1e-9)
        assert b.attainment == pytest.approx(a.attainment, rel=1e-9)
        assert b.status == a.status or math.isclose(a.attainment or 0, 1.0, rel_tol=1e-6)
    for x, y in zip(base.kpis, scaled.kpis, strict=True):
        assert x.value is not None
        assert y.attainment == pytest.approx(x.attainment, rel=1e-9)
        assert y.value == pytest.approx(x.value * k, rel=1e-9)


def test_rows_after_as_of_are_never_used() -> None:
    extra = [*ROWS, ("b", D(2026, 7, 1), "B9", 5000.0, 1)]
    a = steer(plan(PROFILES, ACTIONS, KPIS), ledger=ledger(), as_of=AS_OF)
    b = steer(plan(PROFILES, ACTIONS, KPIS), ledger=ledger(extra), as_of=AS_OF)
    assert [k.value for k in a.kpis] == [k.value for k in b.kpis]
    assert np.array_equal([x.realised or 0 for x in a.actions],
                          [x.realised or 0 for x in b.actions])


# ------------------------------------------------------------------------- rendering


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_rendering_computes_nothing_and_handles_empty_plans(locale: str) -> None:
    from pacspec.report.steering import render_steering
    from pacspec.report.words import kpi_reason

    full = steer(plan(f"locale: {locale}\n", PROFILES, ACTIONS, KPIS), ledger=ledger(),
                 as_of=AS_OF)
    text = render_steering(full)
    assert ("Tableau de bord au 30/06/2026" if locale == "fr"
            else "Dashboard at 2026-06-30") in text
    for kpi in full.kpis:
        assert kpi_reason(kpi, full) in text
    empty = steer(plan(f"locale: {locale}\n"), ledger=ledger(), as_of=AS_OF)
    assert empty.actions == [] and empty.kpis == []
    assert ("30/06/2026" if locale == "fr" else "2026-06-30") in render_steering(empty)


# ------------------------------------------------------------------- phasing and N−1


def test_seasonal_phasing_falls_back_to_the_ledger_profile() -> None:
    # no "phasing": seasonal, since the data starts before 2025-01-01. Each scope has fewer
    # than 30 orders in 2025: the whole ledger's 2025 revenue profile is used, and said.
    # 2025: a 1000 (10/03) + b 3000 (05/05) by 30/06, then a 1000 + e 2000: p = 4000 / 7000
    res = steer(plan(PROFILES, ACTIONS, KPIS.replace("  phasing: linear\n", "")),
                ledger=ledger(), as_of=AS_OF)
    kpi = res.kpi("rev")
    assert (kpi.phasing, kpi.share) == ("seasonal", pytest.approx(4 / 7))
    assert kpi.phasing_reason is not None and kpi.phasing_reason.code == "phasing_fallback"
    assert kpi.expected == pytest.approx(10000 * 4 / 7)
    assert kpi.projection == pytest.approx(4000 * 7 / 4)
    opm = res.kpi("opm")
    assert opm.expected == pytest.approx(12 * 4 / 7)
    # the old per-month formula: (5 / months) / 1, blind to the season
    assert opm.attainment != pytest.approx(5 / MONTHS, rel=1e-3)
    # the budget stays linear unless declared
    assert res.kpi("bud").phasing == "linear"
    assert res.action("key").expected == pytest.approx(5000 * 4 / 7)


def test_linear_when_the_data_does_not_cover_last_year() -> None:
    rows = [r for r in ROWS if r[1] >= D(2025, 6, 1)]
    res = steer(plan(PROFILES, KPIS.replace("  phasing: linear\n", "")),
                ledger=ledger(rows), as_of=AS_OF)
    kpi = res.kpi("rev")
    assert kpi.phasing == "linear" and kpi.share == pytest.approx(ELAPSED)
    assert kpi.phasing_reason == Reason("phasing_no_history", {"since": D(2025, 1, 1)})
    assert kpi.n1_value is None and kpi.reasons["n1_value"].code == "na_n1_no_data"
    assert kpi.reasons["change"].code == "na_n1_no_data"


def test_declared_monthly_weights() -> None:
    weights = "[" + ", ".join(["0"] * 6 + ["1"] * 6) + "]"  # all in the second half
    text = KPIS.replace("  phasing: linear\n", f"  phasing: {{monthly: {weights}}}\n")
    res = steer(plan(PROFILES, text), ledger=ledger(), as_of=AS_OF)
    kpi = res.kpi("rev")
    assert (kpi.phasing, kpi.share, kpi.expected) == ("monthly", 0.0, 0.0)
    assert kpi.attainment is None and kpi.reasons["attainment"].code == "na_nothing_expected"
    assert kpi.projection is None
    later = steer(plan(PROFILES, text), ledger=ledger(), as_of=D(2026, 7, 16))
    assert later.kpi("rev").share == pytest.approx(16 / 31 / 6)


def test_a_kpi_declares_its_own_phasing() -> None:
    text = KPIS.replace("{id: rev, metric: revenue, target: 10000}",
                        "{id: rev, metric: revenue, target: 10000, phasing: seasonal}")
    res = steer(plan(PROFILES, text), ledger=ledger(), as_of=AS_OF)
    assert res.kpi("rev").phasing == "seasonal"
    assert res.kpi("north-rev").phasing == "linear"


START_ACTIONS = """
actions:
  - {id: late-start, title: L, type: commercial, subtype: retention, target: {client: [e]},
     priority: 1, owner: SED, start: 2026-04-01, due: 2026-12, target_revenue: 3000}
  - {id: future, title: F, type: commercial, subtype: retention, target: {client: [a]},
     priority: 1, owner: SED, start: 2026-09-01, due: 2026-12, target_revenue: 3000}
steering:
  phasing: linear
"""


def test_actions_are_phased_from_their_own_start() -> None:
    res = steer(plan(PROFILES, START_ACTIONS), ledger=ledger(), as_of=AS_OF)
    late = res.action("late-start")
    # p(31/03) = 90 / 365, p(30/06) = 181 / 365: (181 - 90) / (365 - 90) of the CA cible
    assert late.share == pytest.approx(91 / 275)
    assert late.expected == pytest.approx(3000 * 91 / 275)
    # only revenue from its start: E3 (05/05), not E2 (20/01)
    assert late.realised == pytest.approx(1000)
    assert late.projection == pytest.approx(1000 * 275 / 91)
    # the same span a year earlier: 2025-04-01 .. 2025-06-30, e bought nothing
    assert late.n1_realised == 0.0 and late.reasons["change"].code == "na_n1_zero"
    future = res.action("future")
    assert (future.expected, future.realised, future.status) == (0.0, 0.0, "n/a")
    assert future.reasons["attainment"] == Reason("na_not_started", {"start": D(2026, 9, 1)})


DATED = """
actions:
  - {id: crm, title: CRM, type: internal, subtype: tooling, priority: 1, owner: DC,
     due: 2026-12, budget: 1000,
     progress: [{on: 2026-03-31, value: 20}, {on: 2026-06-30, value: 60}],
     spent: [{on: 2026-02-15, value: 100}, {on: 2026-05-31, value: 450}]}
  - {id: plain, title: P, type: internal, subtype: tooling, priority: 1, owner: DC,
     due: 2026-12, budget: 1000, progress: 30}
"""


@pytest.mark.parametrize(
    ("as_of", "progress", "progress_on", "spent", "spent_on"),
    [
        (D(2026, 2, 1), 0.0, None, 0.0, None),
        (D(2026, 3, 31), 20.0, D(2026, 3, 31), 100.0, D(2026, 2, 15)),
        (D(2026, 5, 30), 20.0, D(2026, 3, 31), 100.0, D(2026, 2, 15)),
        (D(2026, 6, 1), 20.0, D(2026, 3, 31), 450.0, D(2026, 5, 31)),
        (D(2026, 9, 30), 60.0, D(2026, 6, 30), 450.0, D(2026, 5, 31)),
    ],
)  # fmt: skip
def test_dated_readings_are_picked_at_as_of(as_of: dt.date, progress: float,
                                            progress_on: dt.date | None, spent: float,
                                            spent_on: dt.date | None) -> None:
    res = steer(plan(DATED), ledger=ledger(), as_of=as_of)
    crm = res.action("crm")
    assert (crm.progress, crm.progress_on, crm.progress_dated) == (progress, progress_on, True)
    assert (crm.spent, crm.spent_on, crm.spent_dated, crm.spent_estimated) == (
        spent, spent_on, True, False)
    plain = res.action("plain")  # undated: used as is, spent estimated from it
    assert (plain.progress, plain.progress_on, plain.progress_dated) == (30.0, None, False)
    assert (plain.spent, plain.spent_estimated) == (300.0, True)


@fixed(20)
@given(daily=st.integers(1, 50), as_of=st.dates(D(2026, 1, 2), D(2026, 12, 31)),
       clients=st.integers(1, 4))
def test_a_flat_season_gives_the_same_expected_values_as_linear(
        daily: int, as_of: dt.date, clients: int) -> None:
    # every client buys the same amount every day of 2025 (and 2026): the seasonal profile of
    # revenue, orders and units is the linear one
    rows = []
    for c in "abcd"[:clients]:
        for k in range(365 * 2):
            d = D(2025, 1, 1) + dt.timedelta(days=k)
            rows.append((c, d, f"{c}{k}", float(daily), 1.0))
    kpis = """
    steering:
      kpis:
        - {id: rev, metric: revenue, target: 50000}
        - {id: opm, metric: orders_per_month, target: 30}
        - {id: upm, metric: units_per_month, target: 30}
    """
    lg = ledger(rows, clients={"client": list("abcd")})
    seasonal_ = steer(plan(kpis), ledger=lg, as_of=as_of)
    linear_ = steer(plan(kpis.replace("  kpis:", "  phasing: linear\n      kpis:")),
                    ledger=lg, as_of=as_of)
    for s, li in zip(seasonal_.kpis, linear_.kpis, strict=True):
        assert (s.phasing, li.phasing) == ("seasonal", "linear")
        assert s.phasing_reason is None
        assert s.expected == pytest.approx(li.expected, rel=1e-9)


# ------------------------------------------------------------------- product scopes

PRODUCT_KPIS = """
steering:
  phasing: linear
  kpis:
    - {id: gps, metric: units_per_month, target: 1, scope: {product: ["GPS*"]}}
    - {id: gps-north, metric: revenue, target: 1000,
       scope: {product: ["GPS*"], attributes: {region: [north]}}}
    - {id: all, metric: units_per_month, target: 1}
"""


def test_a_product_scope_counts_only_matching_lines() -> None:
    lg = ledger()
    products = {"A3": "GPS-7", "A4": "GPS-7", "E2": "AIS", "E3": "GPS-9", "P1": "CARTO",
                "C2": "GPS-9"}
    invoices = [r[2] for r in ROWS]
    lg.product = np.array([products.get(i, "OTHER") for i in invoices], dtype=object)
    res = steer(plan(PRODUCT_KPIS), ledger=lg, as_of=AS_OF)
    # GPS lines to date: A3 3 u, A4 -1 u (credit note), C2 1 u, E3 2 u
    assert res.kpi("gps").value == pytest.approx(3 - 1 + 1 + 2)
    assert res.kpi("all").value == pytest.approx(8)
    # north clients a, e: A3 1500 - A4 500 + E3 1000
    assert res.kpi("gps-north").value == pytest.approx(2000)


def test_a_product_scope_without_a_product_column_is_na() -> None:
    res = steer(plan(PRODUCT_KPIS), ledger=ledger(), as_of=AS_OF)
    kpi = res.kpi("gps")
    assert (kpi.value, kpi.status) == (None, "n/a")
    assert kpi.reason == Reason("na_no_product_column")


# ------------------------------------------------------------------------ by owner


@fixed(15)
@given(owners=st.lists(st.sampled_from(["KAM", "SED1", "SED2"]), min_size=4, max_size=4),
       as_of=st.dates(D(2026, 1, 2), D(2026, 12, 31)))
def test_the_owners_sums_equal_the_whole(owners: list[str], as_of: dt.date) -> None:
    from pacspec.engine.views import by_owner

    names = iter(owners)
    text = re.sub(r"owner: \w+", lambda _: f"owner: {next(names)}", ACTIONS)
    res = steer(plan(PROFILES, text), ledger=ledger(), as_of=as_of)
    views = by_owner(res)
    assert sorted(a for v in views for a in v.actions) == sorted(a.id for a in res.actions)
    with_target = [a for a in res.actions if a.expected is not None]
    assert sum(v.realised for v in views) == pytest.approx(sum(a.realised or 0 for a in with_target))
    assert sum(v.expected for v in views) == pytest.approx(sum(a.expected or 0 for a in with_target))
    assert sum(v.spent for v in views) == pytest.approx(sum(a.spent for a in res.actions))
    assert sum(v.late for v in views) == sum(a.late for a in res.actions)
    for v in views:
        mine = [a for a in res.actions if a.owner == v.owner]
        assert v.actions == [a.id for a in mine]
