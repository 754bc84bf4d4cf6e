"""What pacspec ships lints clean: the example plan, the built-in rule sets (package data,
with byte-equal copies in plans/rules/) and the starter plans (templates, package data)."""

from __future__ import annotations

import hashlib
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE_PLAN, HEADER, PLANS, REPO, RULE_FILES, PlanKit
from lint_snippets import IPO_IPA, PORTFOLIO

import pacspec.rulesets
from pacspec import lint, load_plan, load_plan_text
from pacspec.lint import validate_file
from pacspec.model.profiles import Rule
from pacspec.starter import COMPANY_MARK, LOCALES, YEAR_MARK, starter_plan, template

# ------------------------------------------------------------------------- rule sets


def test_builtin_rule_sets_are_package_data() -> None:
    files = sorted(p.name for p in resources.files("pacspec.rulesets").iterdir()
                   if p.name.endswith(".rules.yaml"))  # fmt: skip
    assert files == sorted(f"{name}.rules.yaml" for name in pacspec.rulesets.NAMES)
    assert [pacspec.rulesets.path(name).name for name in pacspec.rulesets.NAMES] == [
        "profiles-fr.rules.yaml", "rfm-segments.rules.yaml", "recommendations-fr.rules.yaml",
        "profiles-en.rules.yaml", "recommendations-en.rules.yaml"]
    with pytest.raises(ValueError, match="unknown built-in rule set"):
        pacspec.rulesets.path("profiles-de")


@pytest.mark.parametrize("name", pacspec.rulesets.NAMES)
def test_builtin_rule_set_lints_clean_and_plans_keep_a_byte_equal_copy(name: str) -> None:
    with resources.as_file(pacspec.rulesets.path(name)) as path:
        assert validate_file(path) == []
        shipped = path.read_bytes()
    assert (PLANS / "rules" / f"{name}.rules.yaml").read_bytes() == shipped


def test_plans_rules_holds_only_the_copies() -> None:
    assert [p.name for p in RULE_FILES] == sorted(
        f"{name}.rules.yaml" for name in pacspec.rulesets.NAMES)


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is Python 3.11+")
def test_wheel_ships_templates_and_rule_sets() -> None:
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    data = config["tool"]["setuptools"]["package-data"]
    assert data["pacspec.rulesets"] == ["*.rules.yaml"]
    assert data["pacspec.templates"] == ["*.pac.yaml.tmpl"]


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


def test_templates_are_package_data() -> None:
    files = sorted(p.name for p in resources.files("pacspec.templates").iterdir()
                   if p.name.endswith(".tmpl"))  # fmt: skip
    assert files == sorted(f"{locale}.pac.yaml.tmpl" for locale in LOCALES)
    with pytest.raises(ValueError, match="unknown locale"):
        template("de")


@pytest.mark.parametrize("locale", LOCALES)
def test_starter_plan_is_its_template_filled_in(locale: str) -> None:
    raw = template(locale)
    assert raw.count(COMPANY_MARK) == 1 and raw.count(YEAR_MARK) == 9
    assert raw.count("@") == 2 * (1 + 9)  # no other '@' that a mark could be confused with
    text = starter_plan("Société « Nautique »", locale, year=2031)
    assert text == raw.replace(COMPANY_MARK, '"Société « Nautique »"').replace(YEAR_MARK, "2031")
    assert COMPANY_MARK not in text and YEAR_MARK not in text


# The templates moved out of starter.py byte for byte; these pin the rendered text so that an
# accidental change (an editor trimming spaces, line endings) shows. Change them with the
# templates, on purpose.
RENDERED_SHA256 = {
    "fr": "40f7531cf7927b40b5526890c779f55cd6354377896168ae0a58fffb42fc3fb7",
    "en": "3c52f02797c0a84a5ab345d69c590139df5b09414290f076201fc39d255f2218",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_starter_plan_text_is_pinned(locale: str) -> None:
    text = starter_plan(locale=locale, year=2026)
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == RENDERED_SHA256[locale]


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
    shipped = load_plan_text(HEADER + f"include: [rules/profiles-{locale}.rules.yaml]\n",
                             base_dir=PLANS).plan.profiles  # fmt: skip
    starter = load_plan_text(starter_plan(locale=locale)).plan.profiles
    assert _meaning(starter) == _meaning(shipped)
    assert [r.label for r in starter] == [r.label for r in shipped]


def _rules(name: str, section: str) -> list[Any]:
    text = HEADER + f"include: [pacspec:profiles-{name[-2:]}, pacspec:{name}]\n"
    if section == "recommendations":
        text += IPO_IPA + PORTFOLIO
    return list(getattr(load_plan_text(text).plan, section))


@pytest.mark.parametrize(("section", "stem"), [("profiles", "profiles"),
                                               ("recommendations", "recommendations")])
def test_english_rule_sets_are_the_french_ones_with_english_ids(section: str,
                                                                stem: str) -> None:
    fr, en = _rules(f"{stem}-fr", section), _rules(f"{stem}-en", section)
    profile_ids = {f.id: e.id for f, e in zip(_rules("profiles-fr", "profiles"),
                                              _rules("profiles-en", "profiles"), strict=True)}
    assert len(fr) == len(en)
    for f, e in zip(fr, en, strict=True):
        f_when = f.when.model_dump(exclude_none=True)
        if "profile" in f_when:  # the profile ids, translated
            f_when["profile"] = {k: [profile_ids[v] for v in vs]
                                 for k, vs in f_when["profile"].items()}
        assert e.when.model_dump(exclude_none=True) == f_when, (f.id, e.id)
        assert dict(e.label) == dict(f.label)  # the same words, both languages
        assert getattr(e, "subtypes", None) == getattr(f, "subtypes", None)
