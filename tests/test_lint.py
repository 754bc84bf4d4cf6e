"""One test per lint rule, each stating the exact line, column and code.

Texts are built with ``pac.text`` (conftest): a valid six-line header (the plan runs from
2026-01-01 to 2026-12-31, 4 RFM quarters), then the sections given, from line 7 on.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN, HEADER, PLANS, RULE_FILES, PlanKit

from pacspec import lint, load_plan, load_plan_text
from pacspec.model.profiles import Rule
from pacspec.starter import starter_plan

# One commercial action, lines 7-14; extra keys of the action go on line 15 and after,
# indented by four spaces.
ACTION = """\
actions:
  - id: a1
    title: Action
    type: commercial
    subtype: win_back
    priority: 1
    owner: DC
    due: 2026-06
"""

IPO_IPA = """\
ipo_ipa:
  ipo: [{id: size, label: Taille}]
  ipa: [{id: relation, label: Relation}]
"""

PORTFOLIO = "portfolio:\n  thresholds: [50000, 10000]\n"


# -------------------------------------------------------------------------------- ids


def test_duplicate_id(pac: PlanKit) -> None:
    problems = pac.lint(
        """
        typologies:
          - id: vip
            label: VIP
          - id: vip
            label: VIP bis
        """
    )
    problem = pac.one(problems, "duplicate-id")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 9, "duplicate-id")
    assert problem.severity == "error"
    assert problem.json_path == "$.typologies[1].id"
    assert "line 8" in problem.message


def test_duplicate_id_across_objectives_and_kpis(pac: PlanKit) -> None:
    problems = pac.lint(
        "  objectives:\n    - {id: ca, text: CA, metric: revenue, target: 10}\n",
        "steering:\n  kpis:\n    - {id: ca, metric: revenue, target: 12}\n",
    )
    problem = pac.one(problems, "duplicate-id")
    assert pac.at(problem) == ("plan.pac.yaml", 11, 12, "duplicate-id")


# ------------------------------------------------------------------------ references

EMOFF = """\
emoff:
  threats:
    - {id: t1, text: T}
  strengths:
    - {id: s1, text: S}
  opportunities:
    - {id: o1, text: O}
  strategies:
    so:
      - id: so1
        text: Strategy
"""  # lines 7-17; the strategy's 'uses' goes on line 18


def test_unresolved_ref_strategy_to_fact(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(EMOFF + "        uses: [s1, o11]\n"), "unresolved-ref")
    assert pac.at(problem) == ("plan.pac.yaml", 18, 20, "unresolved-ref")
    assert problem.json_path == "$.emoff.strategies.so[0].uses[1]"
    assert "'o11'" in problem.message
    assert problem.hint == "did you mean 'o1'?"


def test_unresolved_ref_action_to_strategy(pac: PlanKit) -> None:
    problems = pac.lint(
        EMOFF + "        uses: [s1, o1]\n",
        ACTION.replace("  - id: a1\n", "  - id: a1\n    strategies: [so1, so2]\n"),
        "    target: {abc: [A]}\n",
    )
    problem = pac.one(problems, "unresolved-ref")
    assert pac.at(problem) == ("plan.pac.yaml", 21, 23, "unresolved-ref")
    assert problem.json_path == "$.actions[0].strategies[1]"
    assert "'so2'" in problem.message


def test_unresolved_ref_action_to_typology(pac: PlanKit) -> None:
    problems = pac.lint(
        "typologies:\n  - {id: vip, label: VIP}\n",
        ACTION,
        "    typology: vpi\n    target: {abc: [A]}\n",
    )
    problem = pac.one(problems, "unresolved-ref")
    assert pac.at(problem) == ("plan.pac.yaml", 17, 15, "unresolved-ref")
    assert problem.json_path == "$.actions[0].typology"
    assert problem.hint == "did you mean 'vip'?"


@pytest.mark.parametrize(
    ("target", "sections", "what"),
    [
        ("{profile: [ghost]}", "", "profile"),
        ("{segment: [ghost]}", "", "segment"),
        ("{typology: [ghost]}", "", "typology"),
        ("{abc: [D]}", "", "abc"),
        ("{zone: [centre]}", PORTFOLIO, "zone"),
        ("{quadrant: [5]}", IPO_IPA, "quadrant"),
        ("{potential_class: [D']}", PORTFOLIO, "potential class"),
    ],
)
def test_unresolved_ref_condition(pac: PlanKit, target: str, sections: str, what: str) -> None:
    metric = target[1 : target.index(":")]
    problem = pac.one(pac.lint(ACTION, f"    target: {target}\n", sections), "unresolved-ref")
    # "    target: {" is 13 characters; the value follows "metric: "
    assert pac.at(problem) == ("plan.pac.yaml", 15, 14 + len(metric) + 2, "unresolved-ref")
    assert problem.json_path == f"$.actions[0].target.{metric}"
    assert f"unknown {what} '" in problem.message


def test_unresolved_ref_in_a_nested_condition(pac: PlanKit) -> None:
    problems = pac.lint(
        "profiles:\n  - {id: inactif, when: {code: ['0000']}}\n  - {id: other}\n",
        ACTION,
        "    target:\n      any:\n        - {abc: [A]}\n        - not: {profile: [inactf]}\n",
    )
    problem = pac.one(problems, "unresolved-ref")
    assert pac.at(problem) == ("plan.pac.yaml", 21, 26, "unresolved-ref")
    assert problem.json_path == "$.actions[0].target.any[1].not.profile"
    assert problem.hint == "did you mean 'inactif'?"


def test_unresolved_ref_ipo_ipa_note_criterion(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(IPO_IPA, "  notes:\n    C1: {sise: 3}\n"), "unresolved-ref")
    # positioned at the criterion name (the key), not at the note
    assert pac.at(problem) == ("plan.pac.yaml", 11, 10, "unresolved-ref")
    assert problem.hint == "did you mean 'size'?"


def test_strategy_kind(pac: PlanKit) -> None:
    problems = pac.lint(EMOFF + "        uses: [s1, t1]\n")
    kinds = [p for p in problems if p.code == "strategy-kind"]
    assert [pac.at(p) for p in kinds] == [
        ("plan.pac.yaml", 18, 15, "strategy-kind"),  # SO uses no opportunity
        ("plan.pac.yaml", 18, 20, "strategy-kind"),  # t1 is a threat
    ]
    assert all(p.severity == "warning" for p in kinds)
    assert "'t1' is a threat" in kinds[1].message
    assert "uses no opportunity" in kinds[0].message


# ---------------------------------------------------------------------------- conditions


def test_code_length(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(ACTION, '    target: {code: ["0011", "011"]}\n'), "code-length")
    assert pac.at(problem) == ("plan.pac.yaml", 15, 29, "code-length")
    assert problem.json_path == "$.actions[0].target.code[1]"
    assert "4" in problem.message and "'011'" in problem.message


def test_code_length_in_a_profile_rule(pac: PlanKit) -> None:
    problems = pac.lint('profiles:\n  - id: x\n    when: {code: "001"}\n  - id: rest\n')
    problem = pac.one(problems, "code-length")
    assert pac.at(problem) == ("plan.pac.yaml", 9, 18, "code-length")


def test_missing_section(pac: PlanKit) -> None:
    problems = pac.lint(ACTION, "    target: {quadrant: [1], zone: [core]}\n")
    missing = [pac.at(p) for p in problems if p.code == "missing-section"]
    assert missing == [
        ("plan.pac.yaml", 15, 24, "missing-section"),  # quadrant needs ipo_ipa
        ("plan.pac.yaml", 15, 35, "missing-section"),  # zone needs portfolio
    ]


def test_rule_order(pac: PlanKit) -> None:
    problems = pac.lint(
        """
        segments:
          - id: s1
            when: {profile: [p1]}
        profiles:
          - id: p1
        """
    )
    problem = pac.one(problems, "rule-order")
    assert pac.at(problem) == ("plan.pac.yaml", 9, 21, "rule-order")
    assert problem.json_path == "$.segments[0].when.profile"


def test_rule_order_self_reference(pac: PlanKit) -> None:
    problems = pac.lint("typologies:\n  - {id: t1, label: T, when: {typology: [t1]}}\n")
    problem = pac.one(problems, "rule-order")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 41, "rule-order")


# ----------------------------------------------------------------------- rule coverage


def test_uncovered_codes(pac: PlanKit) -> None:
    problems = pac.lint(
        """
        profiles:
          - id: none
            when: {code: "0000"}
          - id: all
            when: {code: "1111"}
          - id: recent
            when: {code: "???1"}
          - id: new
            when: {new: true}
        """
    )
    problem = pac.one(problems, "uncovered")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 3, "uncovered")
    assert problem.severity == "warning"
    assert problem.message.startswith("7 codes are covered by no code-only rule: 0010, 0100,")
    assert "1110" in problem.message and "0001" not in problem.message


def test_uncovered_scores(pac: PlanKit) -> None:
    problems = pac.lint(
        "rfm:\n  scores: {bins: 3}\n",
        "segments:\n  - {id: top, when: {r: {gte: 2}, f: {gte: 2}}}\n  - {id: low, when: {r: 1}}\n",
    )
    problem = pac.one(problems, "uncovered")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 3, "uncovered")
    assert problem.message.startswith("2 cases are covered by no rule: r=2 f=1, r=3 f=1")


def test_shadowed_rule_code(pac: PlanKit) -> None:
    problems = pac.lint(
        """
        profiles:
          - id: old
            when: {code: ["1???"]}
          - id: old-and-recent
            when: {code: ["1??1"]}
          - id: rest
        """
    )
    problem = pac.one(problems, "shadowed-rule")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 5, "shadowed-rule")
    assert problem.json_path == "$.profiles[1]"
    assert "'old-and-recent'" in problem.message and "old" in problem.message
    assert not [p for p in problems if p.code == "uncovered"]


def test_shadowed_rule_scores(pac: PlanKit) -> None:
    problems = pac.lint(
        """
        segments:
          - {id: recent, when: {r: {gte: 3}}}
          - {id: older, when: {r: {lt: 3}}}
          - {id: best, when: {r: 5, f: 5, m: 5}}
        """
    )
    problem = pac.one(problems, "shadowed-rule")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 5, "shadowed-rule")
    assert "'best'" in problem.message and "recent" in problem.message


def test_rule_that_matches_nothing_is_shadowed(pac: PlanKit) -> None:
    problems = pac.lint("segments:\n  - {id: never, when: {r: {gt: 9}}}\n  - {id: all}\n")
    problem = pac.one(problems, "shadowed-rule")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 5, "shadowed-rule")
    assert "matches no possible case" in problem.message


# ------------------------------------------------------------------------------- actions


def test_due_before_plan_is_an_error(pac: PlanKit) -> None:
    text = ACTION.replace("due: 2026-06", "due: 2025-12-31")
    problem = pac.one(pac.lint(text, "    target: {abc: [A]}\n"), "due-outside-plan")
    assert pac.at(problem) == ("plan.pac.yaml", 14, 10, "due-outside-plan")
    assert problem.severity == "error"


def test_due_after_plan_is_a_warning(pac: PlanKit) -> None:
    text = ACTION.replace("due: 2026-06", "due: 2027-01")
    problem = pac.one(pac.lint(text, "    target: {abc: [A]}\n"), "due-outside-plan")
    assert pac.at(problem) == ("plan.pac.yaml", 14, 10, "due-outside-plan")
    assert problem.severity == "warning"
    assert "2027-01-31" in problem.message


def test_due_on_the_last_day_is_inside(pac: PlanKit) -> None:
    text = ACTION.replace("due: 2026-06", "due: 2026-12")
    assert pac.lint(text, "    target: {abc: [A]}\n") == []


def test_start_outside_plan(pac: PlanKit) -> None:
    problem = pac.one(
        pac.lint(ACTION, "    start: 2025-11-15\n    target: {abc: [A]}\n"), "start-outside-plan"
    )
    assert pac.at(problem) == ("plan.pac.yaml", 15, 12, "start-outside-plan")
    assert problem.severity == "warning"


def test_no_target(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(ACTION), "no-target")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 5, "no-target")
    assert problem.severity == "warning"
    # internal actions need no target
    internal = ACTION.replace("commercial", "internal").replace("win_back", "training")
    assert pac.lint(internal) == []


def test_workload_dates(pac: PlanKit) -> None:
    problems = pac.lint(
        ACTION,
        "    start: 2026-02-01\n"
        "    target: {abc: [A]}\n"
        "    workload: {visits_per_month: 2, from: 2026-01-15, to: 2026-07-31}\n",
    )
    found = [(pac.at(p), p.severity) for p in problems if p.code == "workload-dates"]
    assert found == [
        (("plan.pac.yaml", 17, 43, "workload-dates"), "warning"),  # before the start
        (("plan.pac.yaml", 17, 59, "workload-dates"), "warning"),  # after the due date
    ]


# -------------------------------------------------------------------------------- budget

TWO_ACTIONS = """\
actions:
  - {id: a1, title: A, type: internal, subtype: training, priority: 1, owner: DC,
     due: 2026-03, budget: 600}
  - {id: a2, title: B, type: internal, subtype: tooling, priority: 2, owner: KAM,
     due: 2027-06, budget: 500}
"""  # lines 7-11; a1 is short term, a2 medium term (and due after the plan)


def test_over_budget_total(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(TWO_ACTIONS, "budget:\n  total: 1000\n"), "over-budget")
    assert pac.at(problem) == ("plan.pac.yaml", 13, 10, "over-budget")
    assert problem.severity == "error"
    assert "1 100 EUR" in problem.message and "by 100 EUR" in problem.message


@pytest.mark.parametrize(
    ("axis", "envelope", "col"),
    [
        ("by_type", "{internal: 1000}", 23),
        ("by_horizon", "{short: 500, medium: 500}", 23),
        ("by_owner", "{DC: 500, KAM: 500}", 18),
        ("by_priority", "{1: 600, 2: 400}", 28),
    ],
)
def test_over_budget_per_axis(pac: PlanKit, axis: str, envelope: str, col: int) -> None:
    problem = pac.one(pac.lint(TWO_ACTIONS, f"budget:\n  {axis}: {envelope}\n"), "over-budget")
    assert pac.at(problem) == ("plan.pac.yaml", 13, col, "over-budget")
    assert problem.json_path.startswith(f"$.budget.{axis}")


def test_under_budget_note(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(TWO_ACTIONS, "budget:\n  total: 2200\n"), "under-budget")
    assert pac.at(problem) == ("plan.pac.yaml", 13, 10, "under-budget")
    assert problem.severity == "note"
    assert "(50%)" in problem.message


def test_envelope_sum(pac: PlanKit) -> None:
    problems = pac.lint(
        TWO_ACTIONS, "budget:\n  total: 1100\n  by_owner:\n    DC: 800\n    KAM: 800\n"
    )
    problem = pac.one(problems, "envelope-sum")
    assert pac.at(problem) == ("plan.pac.yaml", 15, 5, "envelope-sum")
    assert problem.severity == "warning"
    assert "1 600 EUR" in problem.message


# ------------------------------------------------------------------------------- ipo/ipa


def test_threshold_scale(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(IPO_IPA, "  thresholds: {ipo: 3, ipa: 6}\n"), "threshold-scale")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 29, "threshold-scale")
    assert problem.json_path == "$.ipo_ipa.thresholds.ipa"


def test_note_scale(pac: PlanKit) -> None:
    problem = pac.one(pac.lint(IPO_IPA, "  notes:\n    C1: {size: 3, relation: 0}\n"), "note-scale")
    assert pac.at(problem) == ("plan.pac.yaml", 11, 29, "note-scale")
    assert problem.json_path == "$.ipo_ipa.notes.C1.relation"


# ----------------------------------------------------------------------- shipped plans


@pytest.mark.parametrize("rules", RULE_FILES, ids=lambda p: p.name)
def test_shipped_rule_sets_are_proven(pac: PlanKit, rules: Path) -> None:
    text = pac.text(f"include: [rules/{rules.name}]\n")
    problems = lint(load_plan_text(text, source="plan.pac.yaml", base_dir=PLANS))
    assert not [p for p in problems if p.code in ("uncovered", "shadowed-rule",
                                                  "coverage-skipped")]  # fmt: skip


def test_example_plan_is_clean() -> None:
    problems = lint(load_plan(EXAMPLE_PLAN))
    assert [p.format() for p in problems if p.severity != "note"] == []


# ------------------------------------------------------------------------- starter plans


@pytest.mark.parametrize("locale", ["fr", "en"])
@pytest.mark.parametrize("company", ["Mon entreprise", 'ACME: "Nautique" #1'])
def test_starter_plan_is_clean(locale: str, company: str) -> None:
    text = starter_plan(company, locale)  # this year's plan, as `pacspec init` writes it
    assert text.splitlines()[0] == (
        "# yaml-language-server: $schema=https://pacspec.dev/schemas/pacspec-plan.schema.json"
    )
    loaded = load_plan_text(text, source="starter.pac.yaml")
    assert lint(loaded) == []  # no error, no warning, not even a note
    plan = loaded.plan
    assert plan.locale == locale
    assert plan.header.company == company or (company, locale) == ("Mon entreprise", "en")
    assert plan.header.objectives and plan.steering.kpis
    assert plan.data.transactions.path and plan.data.clients is not None
    assert plan.emoff is not None
    assert [
        len(getattr(plan.emoff, kind))
        for kind in ("threats", "opportunities", "strengths", "weaknesses")
    ] == [1, 1, 1, 1]
    assert len(plan.emoff.strategies.so) == 1
    assert plan.ipo_ipa is not None and plan.portfolio is not None
    assert len(plan.typologies) == 2
    assert sorted(a.type for a in plan.actions) == ["commercial", "internal"]
    assert plan.budget.total == sum(a.budget for a in plan.actions)
    # comments in the plan's language
    assert ("# Règles d'écriture" in text) == (locale == "fr")
    assert ("# Writing rules" in text) == (locale == "en")


def _meaning(rules: list[Rule]) -> list[tuple[str, object, object]]:
    return [
        (r.id, r.when.code_patterns(), r.when.model_dump(exclude={"code"}, exclude_none=True))
        for r in rules
    ]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_starter_profiles_mean_the_shipped_rule_set(locale: str) -> None:
    shipped = load_plan_text(HEADER + "include: [rules/profiles-fr.rules.yaml]\n",
                             base_dir=PLANS).plan.profiles  # fmt: skip
    starter = load_plan_text(starter_plan(locale=locale)).plan.profiles
    assert _meaning(starter) == _meaning(shipped)
    assert [r.label for r in starter] == [r.label for r in shipped]
