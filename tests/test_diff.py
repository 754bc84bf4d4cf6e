"""`pacspec diff`: pairs of plans covering each kind of change (actions, budget against the
envelope, objectives and KPIs, rule sets with the RFM codes that move, other sections),
golden outputs in text, Markdown and JSON, exit codes, and `--git REV` in a temporary
repository. Rerun with ``PACSPEC_UPDATE_GOLDEN=1`` to accept a change of the goldens on
purpose."""

from __future__ import annotations

import difflib
import itertools
import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import HEADER
from conftest import run_main as run

from pacspec.diff import PlanDiff, diff_git, diff_plans, render_diff
from pacspec.loader import load_plan_text

GOLDEN = Path(__file__).parent / "golden" / "diff"

BASE = HEADER + """\
  objectives:
    - {id: nautilus, text: CA NAUTILUS, metric: revenue, target: 750000}
    - {id: fidelite, text: Fidéliser, metric: retention_rate, target: 0.85}
profiles:
  - {id: inactif, label: {fr: Inactifs, en: Inactive}, when: {code: "0000"}}
  - {id: regulier, label: {fr: Réguliers, en: Regular}, when: {code: "1111"}}
  - {id: nouveau, label: Nouveaux, when: {new: true}}
  - {id: a-fideliser, label: {fr: À fidéliser, en: To retain}, when: {code: "???0"}}
  - {id: autre, label: Autres, when: {}}
actions:
  - id: reconquete
    title: Reconquête des inactifs
    type: commercial
    subtype: win_back
    target: {profile: inactif}
    priority: 2
    owner: SED1
    due: 2026-06
    budget: 8000
    target_revenue: 40000
  - id: formation
    title: Formation produits
    type: internal
    subtype: training
    priority: 3
    owner: DC
    due: 2026-03
    budget: 3000
budget:
  total: 12000
  by_type: {commercial: 9000, internal: 3000}
steering:
  kpis:
    - {id: panier, metric: average_order_value, target: 2800}
"""


def changed(**edits: str) -> str:
    """BASE with each ``old=new`` replacement made once (keys are just names)."""
    text = BASE
    for spec in edits.values():
        before, after = spec.split("=>")
        assert text.count(before) == 1, before
        text = text.replace(before, after)
    return text


def diff(old: str, new: str) -> PlanDiff:
    return diff_plans(load_plan_text(old, "old.pac.yaml"), load_plan_text(new, "new.pac.yaml"))


def test_equal_plans() -> None:
    d = diff(BASE, BASE)
    assert d.equal
    assert render_diff(d) == "Plan old.pac.yaml → new.pac.yaml\n  aucun changement\n"
    assert json.loads(render_diff(d, "json"))[0]["equal"] is True


def test_layout_and_defaults_do_not_count() -> None:
    # the same plan written differently: flow style, a default stated, keys reordered
    other = BASE.replace("    budget: 3000\n", "    budget: 3000\n    progress: 0\n").replace(
        "    priority: 3\n    owner: DC\n", "    owner: DC\n    priority: 3\n")
    assert diff(BASE, other).equal


def test_action_fields() -> None:
    d = diff(BASE, changed(a="owner: SED1=>owner: KAM", b="due: 2026-06=>due: 2026-09",
                           c="target_revenue: 40000=>target_revenue: 35000",
                           d="target: {profile: inactif}=>target: {profile: [inactif, autre]}"))
    (item,) = d.actions.changed
    assert item.id == "reconquete" and item.label == "Reconquête des inactifs"
    assert [(c.field, c.before, c.after) for c in item.changes] == [
        ("owner", "SED1", "KAM"), ("due", "2026-06-30", "2026-09-30"),
        ("target_revenue", 40000.0, 35000.0),
        ("target", {"profile": {"in": ["inactif"]}},
         {"profile": {"in": ["inactif", "autre"]}})]
    text = render_diff(d)
    assert "    ~ reconquete « Reconquête des inactifs »\n" in text
    assert "      Responsable : SED1 → KAM\n" in text
    assert "      Date fin : 2026-06-30 → 2026-09-30\n" in text
    assert "CA cible : 40\u202f000 € → 35\u202f000 €" in text
    assert "Cible : {profile: [inactif]} → {profile: [inactif, autre]}" in text


def test_actions_added_and_removed() -> None:
    new = BASE.replace("  - id: formation\n    title: Formation produits\n", (
        "  - id: salon\n    title: Salon nautique\n"))
    d = diff(BASE, new)
    assert [i.id for i in d.actions.added] == ["salon"]
    assert [i.id for i in d.actions.removed] == ["formation"]
    assert d.actions.changed == ()
    text = render_diff(d)
    assert "Actions : 1 ajout(s), 1 suppression(s)" in text
    assert "+ salon « Salon nautique » — Responsable DC, Date fin 2026-03-31, Budget 3\u202f000 €" \
        in text
    assert "- formation « Formation produits »" in text


def test_budget_by_type_and_horizon_against_the_envelope() -> None:
    d = diff(BASE, changed(a="budget: 8000=>budget: 14000", b="due: 2026-06=>due: 2027-03"))
    lines = {(b.axis, b.key): b for b in d.budget}
    assert set(lines) == {("total", "total"), ("type", "commercial"), ("horizon", "short"),
                          ("horizon", "medium")}
    total = lines["total", "total"]
    assert (total.allocated_before, total.allocated_after) == (11000, 17000)
    assert (total.envelope_before, total.envelope_after, total.over) == (12000, 12000, 5000)
    assert lines["type", "commercial"].over == 5000
    short, medium = lines["horizon", "short"], lines["horizon", "medium"]
    assert (short.allocated_before, short.allocated_after) == (11000, 3000)
    assert (medium.allocated_before, medium.allocated_after, medium.over) == (0, 14000, None)
    text = render_diff(d)
    assert ("Total : 11\u202f000 € → 17\u202f000 € (enveloppe 12\u202f000 €) — dépasse "
            "l'enveloppe de 5\u202f000 €") in text
    assert "MT : 0 € → 14\u202f000 €" in text


def test_envelope_change_alone() -> None:
    d = diff(BASE, changed(a="  total: 12000=>  total: 10000"))
    (line,) = d.budget
    assert (line.axis, line.envelope_before, line.envelope_after, line.over) == (
        "total", 12000, 10000, 1000)


def test_objectives_and_kpis() -> None:
    d = diff(BASE, changed(a="target: 750000}=>target: 700000}",
                           b="target: 0.85}=>target: 0.8}",
                           c="- {id: panier, metric: average_order_value, target: 2800}=>"
                             "- {id: actifs, metric: active_clients, target: 120}"))
    assert [(i.id, [(c.field, c.before, c.after) for c in i.changes])
            for i in d.objectives.changed] == [("nautilus", [("target", 750000, 700000)]),
                                               ("fidelite", [("target", 0.85, 0.8)])]
    assert [i.id for i in d.kpis.added] == ["actifs"]
    assert [i.id for i in d.kpis.removed] == ["panier"]
    text = render_diff(d)
    assert "Objectif : 750\u202f000 € → 700\u202f000 €" in text
    assert "Objectif : 85 % → 80 %" in text


def _first_match(patterns: list[tuple[str, str | None]], code: str) -> str | None:
    """Plain reference: the first rule whose pattern matches (None: the catch-all)."""
    for rule, pattern in patterns:
        if pattern is None or all(p in ("?", c) for p, c in zip(pattern, code, strict=True)):
            return rule
    return None


def test_rule_moves_are_proven_by_enumeration() -> None:
    new = changed(a='when: {code: "0000"}}=>when: {code: ["0000", "0010"]}}')
    d = diff(BASE, new)
    (rs,) = d.rules
    assert rs.section == "profiles" and [i.id for i in rs.rules.changed] == ["inactif"]
    assert rs.left_out == ("nouveau",) and rs.space == 16
    before = [("inactif", "0000"), ("regulier", "1111"), ("a-fideliser", "???0"),
              ("autre", None)]
    after = [("inactif", "0000"), ("inactif", "0010"), *before[1:]]
    expected: dict[tuple[str | None, str | None], list[str]] = {}
    for bits in itertools.product("01", repeat=4):
        code = "".join(bits)
        b, a = _first_match(before, code), _first_match(after, code)
        if b != a:
            expected.setdefault((b, a), []).append(code)
    assert {(m.before, m.after): list(m.examples) for m in rs.moves or ()} == expected
    assert expected == {("a-fideliser", "inactif"): ["0010"]}
    text = render_diff(d)
    assert "1 cas sur 16 changent de règle (énumérés)" in text
    assert "a-fideliser → inactif : 1 (0010)" in text


def test_rule_reordering_moves_codes() -> None:
    swapped = BASE.replace(
        '  - {id: regulier, label: {fr: Réguliers, en: Regular}, when: {code: "1111"}}\n', ""
    ).replace("  - {id: autre, label: Autres, when: {}}\n",
              '  - {id: autre, label: Autres, when: {}}\n'
              '  - {id: regulier, label: {fr: Réguliers, en: Regular}, when: {code: "1111"}}\n')
    (rs,) = diff(BASE, swapped).rules
    assert rs.rules.reordered and rs.rules.changed == ()
    assert [(m.before, m.after, m.count) for m in rs.moves or ()] == [
        ("regulier", "autre", 1)]


def test_rules_on_other_measures_are_not_enumerated() -> None:
    new = changed(a='when: {code: "1111"}}=>when: {code: "1111", new: false}}')
    (rs,) = diff(BASE, new).rules
    assert rs.moves is None and rs.note == "diff_not_enumerated_metrics"
    assert "les changements de règle dépendent des données" in render_diff(diff(BASE, new))


def test_other_sections() -> None:
    d = diff(BASE, BASE + "abc:\n  basis: clients\n  dependence_threshold: 0.05\n")
    assert [(s, [c.field for c in changes]) for s, changes in d.other] == [("abc", ["basis"])]
    assert "  Section abc\n    basis : — → clients\n" in render_diff(d)


def test_english_plan() -> None:
    old = BASE + "locale: en\n"
    d = diff(old, old.replace("owner: SED1", "owner: KAM"))
    text = render_diff(d)
    assert "Actions: 1 changed" in text and "Owner: SED1 → KAM" in text


# --------------------------------------------------------------------------- goldens

GOLDEN_NEW = changed(
    a="owner: SED1=>owner: KAM", b="budget: 8000=>budget: 12000",
    c="target_revenue: 40000=>target_revenue: 35000",
    d="target: 750000}=>target: 700000}",
    e='when: {code: "0000"}}=>when: {code: ["0000", "1000"]}}',
    f="  - id: formation\n    title: Formation produits\n=>"
      "  - id: salon\n    title: Salon nautique\n",
)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_golden(fmt: str) -> None:
    text = render_diff(diff(BASE, GOLDEN_NEW), fmt)
    path = GOLDEN / f"base.{ {'text': 'txt', 'markdown': 'md', 'json': 'json'}[fmt] }"
    if os.environ.get("PACSPEC_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="\n")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        pytest.fail("differs from its golden (rerun with PACSPEC_UPDATE_GOLDEN=1):\n" + "".join(
            difflib.unified_diff(expected.splitlines(True), text.splitlines(True), str(path),
                                 "now")))


# ------------------------------------------------------------------------------ command




def test_command_exit_codes(tmp_path: Path) -> None:
    (tmp_path / "a.pac.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "b.pac.yaml").write_text(GOLDEN_NEW, encoding="utf-8")
    (tmp_path / "bad.pac.yaml").write_text(BASE + "locale: FR\n", encoding="utf-8")
    assert run(["diff", "a.pac.yaml", "a.pac.yaml"], tmp_path)[0] == 0
    code, out, _ = run(["diff", "a.pac.yaml", "b.pac.yaml", "--format", "markdown"], tmp_path)
    assert code == 1 and out == render_diff(
        diff_plans(load_plan_text(BASE, "a.pac.yaml"), load_plan_text(GOLDEN_NEW, "b.pac.yaml")),
        "markdown")
    assert run(["diff", "-q", "a.pac.yaml", "b.pac.yaml"], tmp_path)[:2] == (1, "")
    code, out, err = run(["diff", "a.pac.yaml", "bad.pac.yaml"], tmp_path)
    assert code == 2 and out == "" and "bad.pac.yaml:" in err and "did you mean 'fr'?" in err
    code, _, err = run(["diff", "a.pac.yaml"], tmp_path)
    assert code == 2 and "give two plan files" in err


def _git(*args: str, cwd: Path) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.com",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.com")
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                          text=True).stdout


def test_git_revision_against_the_working_tree(tmp_path: Path) -> None:
    repo = tmp_path / "plans-repo"
    (repo / "rules").mkdir(parents=True)
    (repo / "plans").mkdir()
    rules = "pacspec: 1\nprofiles:\n  - {id: inactif, label: Inactifs, when: {code: \"0000\"}}\n" \
            "  - {id: autre, label: Autres, when: {}}\n"
    (repo / "rules" / "profils.rules.yaml").write_text(rules, encoding="utf-8")
    plan = (HEADER + BASE[len(HEADER):].split("profiles:")[0]  # the header's objectives
            + "include: [../rules/profils.rules.yaml]\nactions:" + BASE.split("actions:")[1])
    (repo / "plans" / "pac.pac.yaml").write_text(plan, encoding="utf-8")
    (repo / "plans" / "same.pac.yaml").write_text(HEADER, encoding="utf-8")
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    _git("commit", "-qm", "v1", cwd=repo)
    _git("tag", "v1", cwd=repo)
    # the working tree: a rule changed, a budget raised, a new plan
    (repo / "rules" / "profils.rules.yaml").write_text(
        rules.replace('code: "0000"', 'code: "00??"'), encoding="utf-8")
    (repo / "plans" / "pac.pac.yaml").write_text(plan.replace("budget: 8000", "budget: 9500"),
                                                 encoding="utf-8")
    (repo / "plans" / "new.pac.yaml").write_text(HEADER, encoding="utf-8")

    diffs = diff_git("v1", cwd=repo / "plans")
    by_name = {d.new: d for d in diffs}
    assert set(by_name) == {"new.pac.yaml", "pac.pac.yaml", "same.pac.yaml"}
    assert by_name["same.pac.yaml"].equal and by_name["new.pac.yaml"].status == "added"
    pac = by_name["pac.pac.yaml"]
    assert pac.old == "v1:plans/pac.pac.yaml"
    (action,) = pac.actions.changed
    assert [(c.field, c.before, c.after) for c in action.changes] == [("budget", 8000, 9500)]
    (rs,) = pac.rules
    assert [(m.before, m.after, m.count) for m in rs.moves or ()] == [("autre", "inactif", 3)]

    code, out, _ = run(["diff", "--git", "v1", "pac.pac.yaml"], repo / "plans")
    assert code == 1 and out.startswith("Plan v1:plans/pac.pac.yaml → pac.pac.yaml\n")
    assert run(["diff", "--git", "v1", "same.pac.yaml"], repo / "plans")[:2] == (
        0, "Plan v1:plans/same.pac.yaml → same.pac.yaml\n  aucun changement\n")
    code, _, err = run(["diff", "--git", "nope", "pac.pac.yaml"], repo / "plans")
    assert code == 2 and "error[git]" in err
    code, _, err = run(["diff", "--git", "v1"], tmp_path)  # not a repository
    assert code == 2 and "error[git]" in err


def test_rules_rewritten_with_the_same_meaning() -> None:
    # a label and the way a code is written change; no case changes profile
    new = changed(a='{id: inactif, label: {fr: Inactifs, en: Inactive}, when: {code: "0000"}}'
                    '=>{id: inactif, label: Perdus, when: {code: ["0000"]}}')
    (rs,) = diff(BASE, new).rules
    assert [[(c.field, c.before, c.after) for c in i.changes] for i in rs.rules.changed] == [
        [("label", {"fr": "Inactifs", "en": "Inactive"}, "Perdus")]]
    assert rs.moves == ()
    assert "aucun des 16 cas ne change de règle (énumérés)" in render_diff(diff(BASE, new))


# ------------------------------------------------------------------------ client impact


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example plan with its rule files and data; the new version gives code
    1000 to the profile 'inactif' and raises the NAUTILUS target."""
    import shutil

    from conftest import PLANS

    shutil.copytree(PLANS / "rules", tmp_path / "rules")
    shutil.copytree(PLANS / "data", tmp_path / "data")
    text = (PLANS / "connect-plus.pac.yaml").read_text(encoding="utf-8")
    (tmp_path / "old.pac.yaml").write_text(text, encoding="utf-8")
    rules = (PLANS / "rules" / "profiles-fr.rules.yaml").read_text(encoding="utf-8")
    (tmp_path / "rules" / "profiles-new.rules.yaml").write_text(
        rules.replace('when: {code: "0000"}', 'when: {code: ["0000", "1000"]}'),
        encoding="utf-8")
    new = text.replace("rules/profiles-fr.rules.yaml", "rules/profiles-new.rules.yaml")
    assert new.count("target_revenue: 750000") == 1
    new = new.replace("target_revenue: 750000", "target_revenue: 800000")
    (tmp_path / "new.pac.yaml").write_text(new, encoding="utf-8")
    return tmp_path


def test_client_impact_on_the_data(example: Path) -> None:
    import numpy as np

    from pacspec.diff import client_impact
    from pacspec.loader import load_plan
    from pacspec.session import Session

    old, new = load_plan(example / "old.pac.yaml"), load_plan(example / "new.pac.yaml")
    impact = client_impact(old, new, with_clients=True)
    # plain reference: the enumeration says code 1000 moves from a-fideliser to inactif;
    # on the data that is the clients with code 1000 whose profile was a-fideliser
    ev = Session.open(old, check=False).actions().baseline
    code = np.asarray(ev.column("code"))
    profile = ev.column("profile")
    was = np.array([profile.categories[c] if c >= 0 else "" for c in profile.codes])
    expected = np.flatnonzero((code == 0b1000) & (was == "a-fideliser"))
    ids = np.asarray(ev.ledger.client_ids, dtype=object)
    revenue = np.asarray(ev.column("revenue"), dtype=float)
    (move,) = [m for m in impact.moves if m.section == "profile"]
    assert (move.before, move.after, move.clients) == ("a-fideliser", "inactif", len(expected))
    assert len(expected) > 0
    assert move.ids == tuple(str(i) for i in ids[expected])
    assert move.revenue == pytest.approx(revenue[expected].sum())
    by_id = {a.id: a for a in impact.actions}
    # the win-back action targets 'inactif': it gains them; retention targets a-fideliser
    win_back, retention = by_id["reconquete-inactifs"], by_id["fidelisation"]
    assert (win_back.entering, win_back.leaving) == (len(expected), 0)
    assert win_back.clients_after - win_back.clients_before == len(expected)
    assert set(win_back.entering_ids) == set(move.ids) == set(retention.leaving_ids)
    assert (by_id["vip-nautilus"].target_before, by_id["vip-nautilus"].target_after) == (
        750000, 800000)


def test_client_impact_from_the_command_carries_no_client_data_by_default(
        example: Path) -> None:
    code, out, _ = run(["diff", "old.pac.yaml", "new.pac.yaml", "--data"], example)
    assert code == 1
    impact = out[out.index("  Impact sur les clients"):]
    assert "profils : a-fideliser → inactif : " in impact
    assert "C0" not in impact  # no client id without --clients
    code, out, _ = run(["diff", "old.pac.yaml", "new.pac.yaml", "--clients"], example)
    assert code == 1 and "      + C0" in out
    code, out, _ = run(["diff", "old.pac.yaml", "new.pac.yaml", "--data", "--format", "json"],
                       example)
    (d,) = json.loads(out)
    assert d["impact"]["moves"][0]["ids"] == [] and d["impact"]["n_clients"] > 0
