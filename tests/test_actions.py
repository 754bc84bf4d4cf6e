"""Actions resolved on the baseline: target clients in the condition language, CA actuel
from the data and its check, CA cible, horizon, overlaps, budget roll-ups, workload and
coverage; on small hand-made ledgers and on the CONNECT+ example.

The small ledger (plan 2026-01-01 .. 2026-12-31; baseline = 2025):

======  ======  ===========================  =========================
client  region  2025                         otherwise
======  ======  ===========================  =========================
a       north   1000 + 1000                  1500 in 2026
b       north   3000
c       south                                800 in 2024, 400 in 2026
d       south                                600 in 2024
e       north   2000                         2000 in 2026
p       south                                prospect (never bought)
======  ======  ===========================  =========================
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
import pytest
from conftest import EXAMPLE_PLAN, HEADER
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec import EvaluationError, LoadedPlan, Plan, load_plan, load_plan_text
from pacspec.budget import budget_rollups as lint_rollups
from pacspec.engine.actions import (
    AXES,
    PlanActions,
    budget_rollups,
    budget_table,
    resolve_actions,
    workload_table,
)
from pacspec.ingest import Ledger, load_ledger, load_ledger_for_plan
from pacspec.model.actions import SUBTYPES
from pacspec.model.data import TransactionColumns
from pacspec.report import words
from pacspec.session import evaluate, resolve_plan, steer

D = dt.date
Row = tuple[str, dt.date, str, float]

ROWS: list[Row] = [
    ("a", D(2025, 3, 10), "A1", 1000.0),
    ("a", D(2025, 9, 10), "A2", 1000.0),
    ("b", D(2025, 5, 5), "B1", 3000.0),
    ("c", D(2024, 6, 1), "C1", 800.0),
    ("d", D(2024, 2, 1), "D1", 600.0),
    ("e", D(2025, 11, 20), "E1", 2000.0),
    ("a", D(2026, 2, 1), "A3", 1500.0),
    ("c", D(2026, 4, 10), "C2", 400.0),
    ("e", D(2026, 5, 5), "E2", 2000.0),
]
CLIENTS: dict[str, list[Any]] = {
    "client": ["a", "b", "c", "d", "e", "p"],
    "name": ["ALPHA", "BRAVO", "CHARLIE", "DELTA", "ECHO", "PAPA"],
    "region": ["north", "north", "south", "south", "north", "south"],
}
PROFILES = """
profiles:
  - {id: inactif, when: {code: "0000"}}
  - {id: actif}
"""


def ledger(rows: Sequence[Row] = ROWS, clients: dict[str, list[Any]] | None = None,
           scale: float = 1.0) -> Ledger:
    data: dict[str, list[Any]] = {"client": [r[0] for r in rows], "date": [r[1] for r in rows],
                                  "invoice": [r[2] for r in rows],
                                  "amount": [r[3] * scale for r in rows]}
    return load_ledger(data, CLIENTS if clients is None else clients,
                       columns=TransactionColumns(order="invoice"))


def plan(*sections: str) -> LoadedPlan:
    body = "".join(textwrap.dedent(s)[1:] if s.startswith("\n") else s for s in sections)
    return load_plan_text(HEADER + body, source="plan.pac.yaml")


def resolve(*sections: str, data: Ledger | None = None) -> PlanActions:
    return resolve_plan(plan(*sections), ledger=data or ledger())


def action(target: str, ident: str = "x", subtype: str = "retention", extra: str = "") -> str:
    return (f"  - {{id: {ident}, title: T, type: commercial, subtype: {subtype}, "
            f"target: {target}, priority: 1, owner: KAM, due: 2026-12{extra}}}\n")


def actions(*items: str) -> str:
    return "actions:\n" + "".join(items)


# --------------------------------------------------------------------------- resolution


def test_clients_and_current_revenue_from_the_baseline() -> None:
    pa = resolve(PROFILES, actions(
        action("{attributes: {region: [north]}}", "north"),
        action("{profile: inactif, bought_before_window: true}", "back", "win_back"),
        action("{client: [a, p]}", "named"),
    ), "steering: {allow_overlap: true}\n")
    north, back, named = pa.actions
    assert pa.baseline.as_of == D(2025, 12, 31)
    assert pa.baseline.window == (D(2025, 1, 1), D(2025, 12, 31))
    assert north.client_ids == ["a", "b", "e"]
    assert north.current_revenue_data == north.current_revenue == 2000 + 3000 + 2000
    # c came back in 2026, yet stays in the win-back target: targets use the baseline
    assert back.client_ids == ["c", "d"]
    assert back.current_revenue == 0.0
    assert named.client_ids == ["a", "p"]
    assert [c.client for c in named.top_clients] == ["a", "p"]  # biggest first
    assert pa.problems == []
    assert [(o.first, o.second, o.clients) for o in pa.overlaps] == [("north", "named", ["a"])]


def test_internal_actions_have_no_clients() -> None:
    pa = resolve("""
    actions:
      - {id: t, title: T, type: internal, subtype: training, priority: 1, owner: DC, due: 2026-03}
    """)
    (train,) = pa.actions
    assert (train.n_clients, train.has_target, train.current_revenue, train.target_revenue) == (
        0, False, None, None)


def test_target_revenue_stated_or_from_growth() -> None:
    pa = resolve(PROFILES, actions(
        action("{client: [a]}", "stated", extra=", target_revenue: 5000"),
        action("{client: [a]}", "grown", extra=", growth: 0.25"),
        action("{client: [a]}", "grown-stated", extra=", growth: 0.1, current_revenue: 2050"),
        action("{client: [a]}", "none"),
    ), "steering: {allow_overlap: true}\n")
    got = {a.id: (a.current_revenue, a.target_revenue, a.target_source) for a in pa.actions}
    assert got == {
        "stated": (2000.0, 5000.0, "plan"),
        "grown": (2000.0, pytest.approx(2500.0), "growth"),
        "grown-stated": (2050.0, pytest.approx(2255.0), "growth"),
        "none": (2000.0, None, None),
    }


def test_stated_current_revenue_is_checked_against_the_data() -> None:
    text = actions(
        action("{client: [a]}", "at-tolerance", extra=", current_revenue: 2100"),
        action("{client: [b]}", "off", extra=", current_revenue: 3400"),
        action("{client: [p]}", "prospect", extra=", current_revenue: 500"),
        action("{client: [p]}", "zero", extra=", current_revenue: 0"),
    )
    pa = resolve(PROFILES, text, "steering: {allow_overlap: true}\n")
    found = [p for p in pa.problems if p.code == "current-revenue-mismatch"]
    assert [(p.line, p.json_path) for p in found] == [
        (12, "$.actions[1].current_revenue"), (13, "$.actions[2].current_revenue")]
    off = found[0]
    assert off.severity == "warning" and off.file == "plan.pac.yaml"
    # the plan is French: amounts, dates and percents in its formats
    assert off.message == ("l'action 'off' indique un CA actuel de 3\u202f400 €, mais ses "
                           "clients ont fait 3\u202f000 € du 01/01/2025 au 31/12/2025 "
                           "(13,3 % d'écart, tolérance 5,0 %)")
    assert off.reason is not None and off.reason.values["gap"] == pytest.approx(400 / 3000)
    assert off.col == text.splitlines()[2].index("current_revenue") + 1
    # the stated amount is still the one used
    assert pa.action("off").current_revenue == 3400.0
    assert pa.action("off").current_revenue_data == 3000.0
    # a wider tolerance silences it
    wide = resolve(PROFILES, text, "steering: {allow_overlap: true, revenue_tolerance: 0.2}\n")
    assert [p.json_path for p in wide.problems] == ["$.actions[2].current_revenue"]


@pytest.mark.parametrize(("due", "horizon"), [
    ("2026-03", "short"), ("2026-07-01", "short"), ("2026-07-02", "medium"),
    ("2027-06", "medium"), ("2028-01-01", "medium"), ("2028-01-02", "long"),
])  # fmt: skip
def test_horizon_from_the_due_date(due: str, horizon: str) -> None:
    pa = resolve(f"""
    actions:
      - {{id: t, title: T, type: internal, subtype: training, priority: 1, owner: DC,
         due: {due}}}
    """)
    assert pa.actions[0].horizon == horizon


def test_overlapping_targets() -> None:
    text = actions(action("{attributes: {region: [north]}}", "one"),
                   action("{client: [a, b, c]}", "two"),
                   action("{client: [e]}", "three"))
    pa = resolve(PROFILES, text)
    problems = [p for p in pa.problems if p.code == "overlapping-targets"]
    assert [(p.json_path, p.message) for p in problems] == [
        ("$.actions[1].target", "les actions 'one' et 'two' ciblent toutes deux 2 clients : a, b"),
        ("$.actions[2].target", "les actions 'one' et 'three' ciblent toutes deux 1 client : e"),
    ]
    assert problems[0].line == 12 and "allow_overlap" in (problems[0].hint or "")
    assert [(o.first, o.second, o.count) for o in pa.overlaps] == [("one", "two", 2),
                                                                  ("one", "three", 1)]
    allowed = resolve(PROFILES, text, "steering: {allow_overlap: true}\n")
    assert allowed.problems == [] and len(allowed.overlaps) == 2


def test_overlap_shows_a_few_clients() -> None:
    many = [f"k{i:02d}" for i in range(12)]
    clients = {"client": many, "name": many, "region": ["n"] * 12}
    pa = resolve(actions(action("{attributes: {region: [n]}}", "one"),
                         action("{attributes: {region: [n]}}", "two")),
                 data=ledger([], clients))
    (problem,) = pa.problems
    assert problem.message.endswith("ciblent toutes deux 12 clients : k00, k01, k02, k03, "
                                    "k04, ...")


def test_an_empty_target_is_reported() -> None:
    pa = resolve(actions(action("{attributes: {region: [west]}}", "nobody")))
    (problem,) = pa.problems
    assert (problem.code, problem.severity, problem.json_path) == ("empty-target", "warning",
                                                               "$.actions[0].target")


def test_a_target_the_data_cannot_answer_is_a_positioned_error() -> None:
    with pytest.raises(EvaluationError) as info:
        resolve(actions(action("{attributes: {regoin: [north]}}")))
    (problem,) = info.value.problems
    assert problem.json_path == "$.actions[0].target.attributes.regoin"
    assert "did you mean 'region'" in (problem.hint or "")


# ----------------------------------------------------------------- condition language


@pytest.fixture(scope="module")
def example() -> tuple[LoadedPlan, Ledger, PlanActions]:
    loaded = load_plan(EXAMPLE_PLAN)
    data = load_ledger_for_plan(loaded.plan.data, loaded.base_dir)
    return loaded, data, resolve_plan(loaded, ledger=data)


TARGETS: dict[str, tuple[dict[str, Any], Any]] = {
    "client ids": ({"client": ["C0001", "C0005"]}, lambda t: np.isin(t["client"],
                                                                      ["C0001", "C0005"])),
    "ABC class": ({"abc": ["A"]}, lambda t: t["abc"] == "A"),
    "profile": ({"profile": ["nouveau", "cyclique"]},
                lambda t: np.isin(t["profile"], ["nouveau", "cyclique"])),
    "RFM segment": ({"segment": ["at-risk"]}, lambda t: t["segment"] == "at-risk"),
    "IPO/IPA quadrant": ({"quadrant": [1]}, lambda t: t["quadrant"] == "1"),
    "portfolio zone": ({"zone": ["development"]}, lambda t: t["zone"] == "development"),
    "typology and region": ({"typology": ["chandlery"], "attributes": {"region": ["Bretagne"]}},
                            lambda t: (t["typology"] == "chandlery") & (t["region"] == "Bretagne")),
}  # fmt: skip


@pytest.mark.parametrize("kind", list(TARGETS))
def test_every_kind_of_target_resolves_to_its_clients(
    kind: str, example: tuple[LoadedPlan, Ledger, PlanActions]
) -> None:
    loaded, data, resolved = example
    target, expected = TARGETS[kind]
    raw = loaded.plan.model_dump(by_alias=True, exclude_none=True, mode="json")
    raw["actions"] = [{"id": "x", "title": "X", "type": "commercial", "subtype": "retention",
                       "target": target, "priority": 1, "owner": "KAM", "due": "2026-12-31"}]
    spec = Plan.model_validate(raw)
    pa = resolve_actions(evaluate(spec, ledger=data, as_of=resolved.baseline.as_of))
    table = resolved.baseline.table()
    table["region"] = np.asarray(data.attributes["region"], dtype=object)
    want = sorted(str(c) for c in table["client"][expected(table)])
    assert want, kind
    assert pa.actions[0].client_ids == want


# ------------------------------------------------------------------------ the example


def test_the_example_plan(example: tuple[LoadedPlan, Ledger, PlanActions]) -> None:
    _, _, pa = example
    assert pa.problems == []
    nautilus = pa.action("vip-nautilus")
    assert nautilus.client_ids == ["C0001"]
    assert nautilus.current_revenue_data == pytest.approx(522_000.0)
    assert (nautilus.current_revenue, nautilus.target_revenue) == (522_000.0, 750_000.0)
    assert (nautilus.horizon, nautilus.budget) == ("medium", 15_000.0)
    vips = pa.action("vip-comptes-cles")
    assert vips.n_clients == 11 and "C0001" not in vips.client_ids
    assert vips.current_revenue_data is not None
    assert vips.target_revenue == pytest.approx(vips.current_revenue_data * 1.15)
    assert pa.action("reconquete-inactifs").horizon == "short"
    assert pa.action("formation-produits").n_clients == 0
    assert pa.overlaps == []


def test_the_example_coverage(example: tuple[LoadedPlan, Ledger, PlanActions]) -> None:
    _, _, pa = example
    cov = pa.coverage
    assert cov.strategies == []  # every EMOFF strategy has an action
    assert [g.id for g in cov.profiles if g.uncovered] == ["nouveau", "cyclique", "reactive"]
    assert not any(g.uncovered for g in cov.abc)
    assert cov.priority_total > cov.priority_uncovered > 0
    assert [s.id for s in cov.suggestions] == [
        "integrer-nouveaux", "ventes-additionnelles-reguliers", "grands-comptes"]
    new = cov.suggestions[0]
    nouveau = next(g for g in cov.profiles if g.id == "nouveau")
    assert new.clients == nouveau.clients
    assert new.revenue == pytest.approx(nouveau.revenue)
    assert words.suggestion_text(new, "fr", "EUR").startswith("Nouveaux clients : fidélisation dès la première année : 35 "
                               "clients (218 k€) sans action fidélisation / ventes additionnelles "
                               "/ plan grand compte, dont ")


# ------------------------------------------------------------------------- coverage


COVERAGE_PLAN = """
emoff:
  strengths: [{id: s1, text: S}]
  opportunities: [{id: o1, text: O}]
  strategies:
    so:
      - {id: so1, text: Used, uses: [s1, o1]}
      - {id: so2, text: Not used, uses: [s1, o1]}
recommendations:
  - {id: win, label: Inactifs, when: {profile: inactif, bought_before_window: true},
     subtypes: [win_back]}
  - {id: all, label: Tous, when: {}, subtypes: [event]}
actions:
  - {id: back, title: B, type: commercial, subtype: win_back, target: {client: [c]},
     strategies: [so1], priority: 1, owner: SED, due: 2026-06}
  - {id: other, title: O, type: commercial, subtype: retention, target: {client: [d]},
     priority: 1, owner: SED, due: 2026-06}
"""


def test_coverage_by_hand() -> None:
    pa = resolve(PROFILES, COVERAGE_PLAN)
    cov = pa.coverage
    assert [(s.id, s.crossing, s.text) for s in cov.strategies] == [("so2", "so", "Not used")]
    profiles = {g.id: (g.clients, g.targeted, g.revenue, g.uncovered) for g in cov.profiles}
    # inactif: c, d (2024 only) and p (prospect); actif: a, b, e
    assert profiles == {"inactif": (3, 2, 0.0, False), "actif": (3, 0, 7000.0, True)}
    # b (3000) then a and e (2000 each, equal: same class) reach 80 % only together; c, d
    # and p have no revenue in the window, hence no class (DESIGN §4, ABC)
    assert [(g.id, g.clients, g.targeted) for g in cov.abc] == [
        ("A", 3, 0), ("B", 0, 0), ("C", 0, 0)]
    assert [g.uncovered for g in cov.abc] == [True, False, False]
    assert cov.priority_total == 0  # no ipo_ipa section
    win, every = cov.suggestions
    # d is targeted, but by a retention action: only win_back counts for this rule
    assert (win.id, win.clients, win.revenue, [c.client for c in win.top]) == (
        "win", 1, 0.0, ["d"])
    assert words.suggestion_text(win, "fr", "EUR") == "Inactifs : 1 clients (0,0 k€) sans action reconquête, dont DELTA"
    assert (every.clients, [c.client for c in every.top]) == (6, ["b", "a", "e"])
    assert words.suggestion_text(every, "fr", "EUR").endswith("dont BRAVO, ALPHA, ECHO, …")
    assert not cov.complete


def test_nothing_to_cover() -> None:
    pa = resolve(PROFILES, actions(action("{}", "all")))
    assert pa.coverage.complete


# ---------------------------------------------------------------------- budgets


BUDGET_ACTIONS = """
actions:
  - {id: a1, title: T, type: commercial, subtype: win_back, target: {client: [a]}, priority: 2,
     owner: SED, due: 2026-05, budget: 1000}
  - {id: a2, title: T, type: commercial, subtype: key_account, target: {client: [b]},
     priority: 1, owner: KAM, due: 2027-06, budget: 3000}
  - {id: a3, title: T, type: internal, subtype: training, priority: 2, owner: SED,
     due: 2026-03, budget: 500}
budget:
  total: 5000
  by_type: {commercial: 3500, internal: 1000}
  by_owner: {SED: 2000, DC: 100}
"""


def test_budget_rollups_by_every_axis() -> None:
    spec = plan(BUDGET_ACTIONS).plan
    assert budget_rollups(spec) == {
        "type": {"commercial": 4000.0, "internal": 500.0},
        "subtype": {"win_back": 1000.0, "key_account": 3000.0, "training": 500.0},
        "horizon": {"short": 1500.0, "medium": 3000.0},
        "owner": {"SED": 1500.0, "KAM": 3000.0},
        "priority": {"1": 3000.0, "2": 1500.0},
    }
    assert lint_rollups is budget_rollups  # lint and the engine share one implementation


def test_budget_table_shows_envelopes() -> None:
    table = {b.axis: b for b in budget_table(plan(BUDGET_ACTIONS).plan)}
    assert [b for b in table] == list(AXES)
    by_type = table["type"]
    assert (by_type.total, by_type.envelope) == (4500.0, 5000.0)
    assert [(ln.key, ln.amount, ln.envelope, ln.over) for ln in by_type.lines] == [
        ("commercial", 4000.0, 3500.0, True), ("internal", 500.0, 1000.0, False)]
    assert [words.budget_key_label("type", ln.key, "fr") for ln in by_type.lines] == [
        "Commerciale", "Interne"]
    # an owner with an envelope and no action still shows
    assert [(ln.key, ln.amount, ln.envelope) for ln in table["owner"].lines] == [
        ("SED", 1500.0, 2000.0), ("KAM", 3000.0, None), ("DC", 0.0, 100.0)]
    assert table["subtype"].lines[0].share == pytest.approx(1000 / 4500)


def _actions(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for i in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(sorted(SUBTYPES)))
        out.append({
            "id": f"a{i}", "title": "T", "type": kind,
            "subtype": draw(st.sampled_from(SUBTYPES[kind])),
            "priority": draw(st.integers(1, 5)),
            "owner": draw(st.sampled_from(["KAM", "SED1", "DC", "MKE"])),
            "due": draw(st.dates(D(2026, 1, 1), D(2029, 12, 31))).isoformat(),
            "budget": draw(st.floats(0, 1e6, allow_nan=False, allow_infinity=False)),
        })
    return out


@settings(max_examples=60, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.composite(_actions)())
def test_budget_rollups_along_any_axis_add_up_to_the_total(items: list[dict[str, Any]]) -> None:
    spec = Plan.model_validate({"pacspec": 1, "actions": items, "header": {
        "company": "X", "business_unit": "Y", "budget_year": 2026, "plan_start": "2026-01-01"}})
    total = sum(a.budget for a in spec.actions)
    rollups = budget_rollups(spec)
    for name in AXES:
        assert sum(rollups[name].values()) == pytest.approx(total, abs=1e-6), name
    for axis in budget_table(spec):
        assert sum(ln.amount for ln in axis.lines) == pytest.approx(axis.total, abs=1e-6)


# ----------------------------------------------------------------------- workload


def test_workload_per_person_and_month() -> None:
    spec = plan("""
    actions:
      - {id: kam, title: T, type: commercial, subtype: key_account, target: {client: [a]},
         priority: 1, owner: KAM, due: 2026-12, workload: {visits_per_month: 3, from: 2026-01-01}}
      - {id: both, title: T, type: commercial, subtype: retention, target: {client: [b]},
         priority: 1, owner: KAM, start: 2026-02-15, due: 2026-04-10,
         workload: {visits_per_month: 1, days_per_month: 0.5, who: [KAM, SED]}}
      - {id: none, title: T, type: internal, subtype: training, priority: 1, owner: DC,
         due: 2026-03}
    """).plan
    wl = workload_table(spec)
    assert wl.months == [f"2026-{m:02d}" for m in range(1, 13)]
    kam, sed = wl.rows
    assert kam.person == "KAM" and kam.actions == ["kam", "both"]
    assert kam.visits == [3, 4, 4, 4, *[3] * 8]  # "both" runs from February to April
    assert kam.days == [0, 0.5, 0.5, 0.5, *[0] * 8]
    assert (kam.total_visits, kam.total_days) == (39, 1.5)
    assert sed.visits == [0, 1, 1, 1, *[0] * 8]
    assert workload_table(plan("").plan).rows == []


# --------------------------------------------------- property: a client outside targets


TARGETED = """
actions:
  - {id: named, title: T, type: commercial, subtype: key_account, target: {client: [a]},
     priority: 1, owner: KAM, due: 2026-12, target_revenue: 3000}
  - {id: north, title: T, type: commercial, subtype: retention,
     target: {attributes: {region: [north]}, not: {client: [a]}}, priority: 1, owner: KAM,
     due: 2026-12, growth: 0.1}
  - {id: back, title: T, type: commercial, subtype: win_back,
     target: {profile: inactif, bought_before_window: true, attributes: {region: [south]}},
     priority: 1, owner: KAM, due: 2026-06, target_revenue: 1000}
  - {id: hunt, title: T, type: commercial, subtype: prospecting,
     target: {prospect: true, attributes: {region: [south]}}, priority: 1, owner: KAM,
     due: 2026-12, target_revenue: 500}
"""

PURCHASE = st.tuples(st.dates(D(2023, 1, 1), D(2026, 12, 31)),
                     st.floats(-500, 5000, allow_nan=False, allow_infinity=False).map(
                         lambda x: round(x, 2)))


@settings(max_examples=30, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PURCHASE, max_size=6))
def test_a_client_outside_every_target_changes_no_action(purchases: list[Any]) -> None:
    # phased linear: a seasonal profile may fall back on the whole ledger's profile (DESIGN
    # §5), which an outside client moves by design
    loaded = plan(PROFILES, TARGETED, "steering:\n  phasing: linear\n")
    clients = {k: [*v, w] for k, v, w in zip(CLIENTS, CLIENTS.values(),
                                             ["zz", "ZULU", "west"], strict=True)}
    rows = [*ROWS, *(("zz", day, f"Z{i}", amount) for i, (day, amount) in enumerate(purchases))]
    as_of = D(2026, 9, 30)
    before = steer(loaded, ledger=ledger(), as_of=as_of)
    after = steer(loaded, ledger=ledger(rows, clients), as_of=as_of)
    for x, y in zip(before.plan_actions.actions, after.plan_actions.actions, strict=True):
        assert (x.client_ids, x.current_revenue, x.target_revenue) == (
            y.client_ids, y.current_revenue, y.target_revenue)
    for x2, y2 in zip(before.actions, after.actions, strict=True):
        assert (x2.realised, x2.expected, x2.attainment, x2.status, x2.late) == (
            y2.realised, y2.expected, y2.attainment, y2.status, y2.late)


def test_the_baseline_ignores_later_data() -> None:
    # the same targets with or without the 2026 rows
    early = [r for r in ROWS if r[1].year < 2026]
    a = resolve(PROFILES, TARGETED)
    b = resolve(PROFILES, TARGETED, data=ledger(early))
    assert [x.client_ids for x in a.actions] == [x.client_ids for x in b.actions]
    assert [x.current_revenue for x in a.actions] == [x.current_revenue for x in b.actions]
