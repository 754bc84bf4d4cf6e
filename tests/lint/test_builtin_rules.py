"""Built-in rule sets from a team's repository that has no `plans/` folder: `pacspec init`
includes `pacspec:profiles-fr`, plans include the others by name, `pacspec rules list` and
`pacspec rules show NAME` (to copy and adapt one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HEADER
from conftest import run_main as run
from lint_snippets import IPO_IPA, PORTFOLIO

from pacspec import rulesets
from pacspec.lint import validate_file


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_a_new_repository_from_nothing(tmp_path: Path, locale: str) -> None:
    assert not (tmp_path / "plans").exists()
    assert run(["init", "pac.pac.yaml", "--locale", locale], tmp_path)[0] == 0
    text = (tmp_path / "pac.pac.yaml").read_text(encoding="utf-8")
    assert f"include:\n  - pacspec:profiles-{locale} " in text and "\nprofiles:" not in text
    assert run(["validate", "--strict", "pac.pac.yaml"], tmp_path) == (
        0, "pac.pac.yaml: ok\n", "")


@pytest.mark.parametrize("names", [
    ["profiles-fr", "rfm-segments", "recommendations-fr"],
    ["profiles-en", "rfm-segments", "recommendations-en"],
])
def test_every_built_in_rule_set_by_name(tmp_path: Path, names: list[str]) -> None:
    assert set(rulesets.NAMES) == {"profiles-fr", "rfm-segments", "recommendations-fr",
                                   "profiles-en", "recommendations-en"}
    included = ", ".join(f"pacspec:{n}" for n in names)
    # the recommendations test the portfolio and the IPO/IPA quadrant: the plan has both
    plan = HEADER + f"include: [{included}]\n" + IPO_IPA + PORTFOLIO
    (tmp_path / "a.pac.yaml").write_text(plan, encoding="utf-8")
    assert run(["validate", "--strict", "a.pac.yaml"], tmp_path)[:2] == (0, "a.pac.yaml: ok\n")


def test_two_profile_sets_are_one_too_many(tmp_path: Path) -> None:
    plan = HEADER + "include: [pacspec:profiles-fr, pacspec:profiles-en]\n"
    (tmp_path / "a.pac.yaml").write_text(plan, encoding="utf-8")
    (problem,) = validate_file(tmp_path / "a.pac.yaml")
    assert (problem.code, problem.line) == ("duplicate-section", 7)


def test_a_problem_in_a_built_in_rule_set_is_placed_in_it(tmp_path: Path) -> None:
    (tmp_path / "a.pac.yaml").write_text(
        HEADER + "include: [pacspec:profiles-fr, pacspec:recommendations-fr]\n",
        encoding="utf-8")
    problems = validate_file(tmp_path / "a.pac.yaml")
    assert [(p.file, p.line, p.col, p.code, p.json_path) for p in problems] == [
        ("pacspec:recommendations-fr", 34, 37, "missing-section",
         "$.recommendations[4].when.potential_class"),
        ("pacspec:recommendations-fr", 39, 38, "missing-section",
         "$.recommendations[5].when.quadrant"),
    ]
    text = rulesets.path("recommendations-fr").read_text(encoding="utf-8").splitlines()
    assert text[33][36:].startswith('"A\'"') and text[38][37:].startswith("1}")
    assert problems[0].format().startswith("pacspec:recommendations-fr:34:37: error")


def test_rules_list(tmp_path: Path) -> None:
    code, out, _ = run(["rules", "list"], tmp_path)
    assert code == 0
    for name in rulesets.NAMES:
        assert f"pacspec:{name}  (" in out
    assert "pacspec:profiles-fr  (8 profils)" in out  # French, the default locale
    assert "incluez-en un avec 'include: [pacspec:NOM]'" in out
    code, out, _ = run(["rules", "list", "--lang", "en"], tmp_path)
    assert code == 0 and "pacspec:profiles-fr  (8 profiles)" in out
    assert "include one with 'include: [pacspec:NAME]'" in out


def test_rules_show_and_copy(tmp_path: Path) -> None:
    shipped = rulesets.path("profiles-fr").read_text(encoding="utf-8")
    assert run(["rules", "show", "profiles-fr"], tmp_path)[:2] == (0, shipped)
    assert run(["rules", "show", "pacspec:profiles-fr"], tmp_path)[:2] == (0, shipped)
    (tmp_path / "rules").mkdir()
    code, out, _ = run(["rules", "show", "profiles-fr", "-o", "rules/mes-profils.rules.yaml"],
                       tmp_path)
    assert code == 0 and out.startswith("écrit : rules/mes-profils.rules.yaml ; incluez-le")
    copy = tmp_path / "rules" / "mes-profils.rules.yaml"
    assert copy.read_text(encoding="utf-8") == shipped
    # adapted: a plan including the copy validates, and so does the copy on its own
    (tmp_path / "a.pac.yaml").write_text(
        HEADER + "include: [rules/mes-profils.rules.yaml]\n", encoding="utf-8")
    assert run(["validate", "a.pac.yaml", "rules/mes-profils.rules.yaml"], tmp_path)[0] == 0
    code, _, err = run(["rules", "show", "profiles-fr", "-o", "rules/mes-profils.rules.yaml"],
                       tmp_path)
    assert code == 2 and "exists" in err  # never overwritten without --force


def test_rules_show_unknown_name(tmp_path: Path) -> None:
    code, out, err = run(["rules", "show", "profile-fr"], tmp_path)
    assert (code, out) == (2, "")
    assert err == "pacspec: erreur : aucun jeu de règles fourni ne s'appelle 'profile-fr' " \
                  "(vouliez-vous dire 'profiles-fr' ?)\n"
    code, out, err = run(["rules", "show", "--lang", "en", "profile-fr"], tmp_path)
    assert err == "pacspec: error: no built-in rule set 'profile-fr' (did you mean " \
                  "'profiles-fr'?)\n"
