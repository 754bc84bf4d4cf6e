"""Loader pitfalls: each test states the exact line, column and code of the problem.

Texts are built with ``pac.text`` (conftest): a valid six-line header, then the sections
given, so the first section line is line 7.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN, PlanKit

from pacspec import PlanError, load_plan
from pacspec.diagnostics import JsonPath
from pacspec.yamlio import DEFAULT_MAX_BYTES, load_yaml, load_yaml_file

# --------------------------------------------------------------------------- strict YAML


def test_duplicate_key_names_both_positions(pac: PlanKit) -> None:
    text = pac.text(
        """
        actions:
          - id: a
            title: t
            type: internal
            subtype: training
            priority: 1
            owner: DC
            owner: KAM
            due: 2026-03
        """
    )
    problem = pac.one(pac.load_errors(text), "duplicate-key")
    assert pac.at(problem) == ("plan.pac.yaml", 14, 5, "duplicate-key")
    assert problem.json_path == "$.actions[0].owner"
    assert "first defined at line 13, col 5" in problem.message


def test_duplicate_top_level_key(pac: PlanKit) -> None:
    problem = pac.one(pac.load_errors(pac.text("locale: fr\nlocale: en\n")), "duplicate-key")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 1, "duplicate-key")
    assert "line 7, col 1" in problem.message


def test_yaml11_booleans_stay_strings(pac: PlanKit) -> None:
    text = pac.text().replace("pacspec: 1\n", "pacspec: 1\nlocale: NO\n")
    problem = pac.one(pac.load_errors(text), "literal")
    assert pac.at(problem) == ("plan.pac.yaml", 2, 9, "literal")
    assert problem.json_path == "$.locale"
    assert "'NO'" in problem.message
    data = load_yaml("a: NO\nb: off\nc: yes\nd: On\ne: n\nf: true\ng: False\n").data
    assert data == {"a": "NO", "b": "off", "c": "yes", "d": "On", "e": "n", "f": True,
                    "g": False}  # fmt: skip
    # in text fields they are kept as written
    loaded = pac.load(pac.text("  vision: yes\n  author: off\n"))
    assert (loaded.plan.header.vision, loaded.plan.header.author) == ("yes", "off")


def test_yaml11_boolean_in_a_bool_field_is_an_error(pac: PlanKit) -> None:
    text = pac.text("rfm:\n  periods:\n    include_current: off\n")
    problem = pac.one(pac.load_errors(text), "type")
    assert pac.at(problem) == ("plan.pac.yaml", 9, 22, "type")
    assert "'off'" in problem.message


def test_postal_code_like_numbers_stay_strings(pac: PlanKit) -> None:
    text = pac.text(
        """
        actions:
          - id: a
            title: t
            type: commercial
            subtype: prospecting
            target: {client: [00042], attributes: {postal_code: 01000}}
            priority: 1
            owner: DC
            due: 2026-03
        """
    )
    target = pac.load(text).plan.actions[0].target
    assert target is not None and target.client is not None and target.attributes is not None
    assert target.client.in_ == ["00042"]
    assert target.attributes["postal_code"].in_ == ["01000"]
    assert load_yaml("zip: 01000\nn: 1000\nneg: -007\n").data == {
        "zip": "01000", "n": 1000, "neg": "-007",
    }  # fmt: skip
    # an RFM code pattern written unquoted with a leading 0 is text too, and is accepted
    rules = pac.load(pac.text("profiles:\n  - id: x\n    when: {code: 0011}\n"))
    assert rules.plan.profiles[0].when.code == ["0011"]


def test_unquoted_code_pattern_that_is_a_number_is_an_error(pac: PlanKit) -> None:
    problem = pac.one(
        pac.load_errors(pac.text("profiles:\n  - id: x\n    when: {code: 1011}\n")), "value"
    )
    assert pac.at(problem) == ("plan.pac.yaml", 9, 18, "value")
    assert "quoted" in problem.message


def test_no_implicit_timestamps(pac: PlanKit) -> None:
    assert load_yaml("d: 2026-01-01\nt: 2026-01-01 10:00:00\n").data == {
        "d": "2026-01-01", "t": "2026-01-01 10:00:00",
    }  # fmt: skip
    loaded = pac.load(pac.text("  vision: 2026-01-01\n"))
    assert loaded.plan.header.vision == "2026-01-01"  # text where the model says text
    assert loaded.plan.header.plan_start == dt.date(2026, 1, 1)  # a date where it says date
    # a timestamp is not a date
    text = pac.text().replace("plan_start: 2026-01-01", "plan_start: 2026-01-01 10:00:00")
    problem = pac.one(pac.load_errors(text), "value")
    assert pac.at(problem) == ("plan.pac.yaml", 6, 15, "value")
    assert problem.json_path == "$.header.plan_start"
    assert "YYYY-MM-DD" in problem.message


def test_invalid_calendar_date(pac: PlanKit) -> None:
    text = pac.text().replace("plan_start: 2026-01-01", "plan_start: 2026-02-30")
    problem = pac.one(pac.load_errors(text), "value")
    assert pac.at(problem) == ("plan.pac.yaml", 6, 15, "value")
    assert "2026-02-30" in problem.message


def test_alias_bomb_is_refused(pac: PlanKit) -> None:
    # each level multiplies by ten: 'f' would expand to over a million nodes
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcde", "bcdef", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    problem = pac.one(pac.load_errors("\n".join(lines) + "\n"), "too-many-nodes")
    # a..e hold 124,445 nodes; the first *e in f (line 6, col 8) crosses 200,000
    assert pac.at(problem) == ("plan.pac.yaml", 6, 8, "too-many-nodes")
    assert problem.json_path == "$.f[0]"


def test_recursive_alias_is_refused(pac: PlanKit) -> None:
    problem = pac.one(pac.load_errors("pacspec: 1\nx: &x\n  y: *x\n"), "recursive-alias")
    assert pac.at(problem) == ("plan.pac.yaml", 3, 6, "recursive-alias")


def test_oversized_file_is_refused(pac: PlanKit, tmp_path: Path) -> None:
    path = tmp_path / "big.pac.yaml"
    path.write_text(pac.text() + "# " + "x" * DEFAULT_MAX_BYTES + "\n", encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    (problem,) = info.value.problems
    assert pac.at(problem) == (str(path), None, None, "file-too-large")
    assert str(DEFAULT_MAX_BYTES) in problem.message
    # the same limit holds for text
    big = pac.one(pac.load_errors(pac.text() + "#" * (DEFAULT_MAX_BYTES + 1)), "file-too-large")
    assert (big.line, big.col) == (None, None)


# --------------------------------------------------------------------------- the schema


def test_unknown_key_with_did_you_mean(pac: PlanKit) -> None:
    problem = pac.one(pac.load_errors(pac.text("  vison: Leader\n")), "unknown-key")
    assert pac.at(problem) == ("plan.pac.yaml", 7, 3, "unknown-key")
    assert problem.json_path == "$.header.vison"
    assert problem.hint == "did you mean 'vision'?"


def test_unknown_key_inside_a_list_item(pac: PlanKit) -> None:
    text = pac.text(
        """
        typologies:
          - id: vip
            label: VIP
            wen: {abc: [A]}
        """
    )
    problem = pac.one(pac.load_errors(text), "unknown-key")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 5, "unknown-key")
    assert problem.json_path == "$.typologies[0].wen"
    assert problem.hint == "did you mean 'when'?"


def test_missing_key(pac: PlanKit) -> None:
    text = pac.text().replace("  budget_year: 2026\n", "")
    problem = pac.one(pac.load_errors(text), "missing-key")
    # positioned at the mapping that lacks it
    assert pac.at(problem) == ("plan.pac.yaml", 3, 3, "missing-key")
    assert problem.json_path == "$.header.budget_year"
    assert "budget_year" in problem.message


def test_missing_key_in_a_list_item(pac: PlanKit) -> None:
    text = pac.text(
        """
        actions:
          - id: a
            title: t
            type: internal
            subtype: training
            priority: 1
            due: 2026-03
        """
    )
    problem = pac.one(pac.load_errors(text), "missing-key")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 5, "missing-key")
    assert problem.json_path == "$.actions[0].owner"


def test_wrong_type(pac: PlanKit) -> None:
    text = pac.text().replace("budget_year: 2026", "budget_year: deux mille")
    problem = pac.one(pac.load_errors(text), "type")
    assert pac.at(problem) == ("plan.pac.yaml", 5, 16, "type")
    assert problem.json_path == "$.header.budget_year"
    assert "'deux mille'" in problem.message


def test_wrong_type_mapping_instead_of_list(pac: PlanKit) -> None:
    problem = pac.one(pac.load_errors(pac.text("actions:\n  id: a\n")), "type")
    assert pac.at(problem) == ("plan.pac.yaml", 8, 3, "type")
    assert problem.json_path == "$.actions"


def test_literal_with_did_you_mean(pac: PlanKit) -> None:
    text = pac.text(
        """
        rfm:
          periods:
            unit: quater
        """
    )
    problem = pac.one(pac.load_errors(text), "literal")
    assert pac.at(problem) == ("plan.pac.yaml", 9, 11, "literal")
    assert problem.json_path == "$.rfm.periods.unit"
    assert problem.hint == "did you mean 'quarter'?"
    assert "'quater'" in problem.message


def test_newer_format_says_upgrade(pac: PlanKit) -> None:
    text = pac.text().replace("pacspec: 1", "pacspec: 2")
    (problem,) = pac.load_errors(text + "  new_key_of_format_2: x\n")
    assert pac.at(problem) == ("plan.pac.yaml", 1, 10, "newer-format")
    assert problem.hint is not None and "upgrade" in problem.hint


def test_missing_format_version(pac: PlanKit) -> None:
    (problem,) = pac.load_errors(pac.text().replace("pacspec: 1\n", ""))
    assert pac.at(problem) == ("plan.pac.yaml", 1, 1, "missing-key")
    assert "'pacspec'" in problem.message
    assert problem.hint is not None and "pacspec: 1" in problem.hint


@pytest.mark.parametrize(("value", "hint"), [
    ("true", "write 'pacspec: 1'"),
    ("1.0", "write 'pacspec: 1'"),
    ('"1"', "write it unquoted: 'pacspec: 1'"),
])
def test_format_version_must_be_the_integer_1(pac: PlanKit, value: str, hint: str) -> None:
    problem = pac.one(pac.load_errors(pac.text().replace("pacspec: 1", f"pacspec: {value}")),
                      "type")  # fmt: skip
    assert pac.at(problem) == ("plan.pac.yaml", 1, 10, "type")
    assert problem.hint == hint


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n"])
def test_empty_file(pac: PlanKit, text: str) -> None:
    (problem,) = pac.load_errors(text)
    assert pac.at(problem) == ("plan.pac.yaml", 1, 1, "empty")
    assert problem.hint is not None and "pacspec init" in problem.hint


@pytest.mark.parametrize(
    ("text", "found"),
    [("- pacspec: 1\n", "a list"), ("\n  hello\n", "'hello'"), ("42\n", "42")],
)
def test_non_mapping_root(pac: PlanKit, text: str, found: str) -> None:
    (problem,) = pac.load_errors(text)
    expected = (2, 3) if text.startswith("\n") else (1, 1)
    assert pac.at(problem) == ("plan.pac.yaml", *expected, "type")
    assert found in problem.message


def test_yaml_syntax_error_with_tab_hint(pac: PlanKit) -> None:
    (problem,) = pac.load_errors(pac.text().replace("  company", "\tcompany"))
    assert pac.at(problem) == ("plan.pac.yaml", 3, 1, "yaml-syntax")
    assert problem.hint == "indent with spaces, not tabs"


# ------------------------------------------------------------------------------ includes

RULES_OK = """\
pacspec: 1
profiles:
  - id: inactive
    when: {code: ["0000"]}
  - id: other
"""


def test_include_not_found(pac: PlanKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    main = pac.write(
        tmp_path,
        "main.pac.yaml",
        pac.text("include:\n  - rules/ok.rules.yaml\n  - rules/nope.rules.yaml\n"),
    )
    pac.write(tmp_path, "rules/ok.rules.yaml", RULES_OK)
    with pytest.raises(PlanError) as info:
        load_plan("main.pac.yaml")
    (problem,) = info.value.problems
    assert pac.at(problem) == ("main.pac.yaml", 9, 5, "include-not-found")
    assert problem.json_path == "$.include[1]"
    assert "rules/nope.rules.yaml" in problem.message
    assert main.exists()


def test_include_cycle(pac: PlanKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pac.write(tmp_path, "main.pac.yaml", pac.text("include: [a.rules.yaml]\n"))
    pac.write(tmp_path, "a.rules.yaml", "pacspec: 1\ninclude: [b.rules.yaml]\n")
    pac.write(tmp_path, "b.rules.yaml", "pacspec: 1\ninclude:\n  - a.rules.yaml\n")
    with pytest.raises(PlanError) as info:
        load_plan("main.pac.yaml")
    (problem,) = info.value.problems
    # reported where the cycle closes: b's include of a
    assert pac.at(problem) == ("b.rules.yaml", 3, 5, "include-cycle")
    assert "a.rules.yaml -> b.rules.yaml -> a.rules.yaml" in problem.message


def test_include_cycle_back_to_the_plan(
    pac: PlanKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    pac.write(tmp_path, "main.pac.yaml", pac.text("include: [a.rules.yaml]\n"))
    pac.write(tmp_path, "a.rules.yaml", "pacspec: 1\ninclude: [main.pac.yaml]\n")
    with pytest.raises(PlanError) as info:
        load_plan("main.pac.yaml")
    (problem,) = info.value.problems
    assert pac.at(problem) == ("a.rules.yaml", 2, 11, "include-cycle")


def test_duplicate_section_between_plan_and_include(
    pac: PlanKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    text = pac.text("include:\n  - rules.rules.yaml\nprofiles:\n  - id: mine\n")
    pac.write(tmp_path, "main.pac.yaml", text)
    pac.write(tmp_path, "rules.rules.yaml", RULES_OK)
    with pytest.raises(PlanError) as info:
        load_plan("main.pac.yaml")
    (problem,) = info.value.problems
    assert pac.at(problem) == ("main.pac.yaml", 8, 5, "duplicate-section")
    assert "'profiles'" in problem.message
    assert "main.pac.yaml" in problem.message and "rules.rules.yaml" in problem.message


def test_error_inside_included_rule_file_is_positioned_there(
    pac: PlanKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    pac.write(tmp_path, "main.pac.yaml", pac.text("include: [rules/r.rules.yaml]\n"))
    pac.write(
        tmp_path,
        "rules/r.rules.yaml",
        """\
        pacspec: 1
        profiles:
          - id: inactive
            when: {code: ["0000"], recency: {gte: 10, lesser: 3}}
        """,
    )
    with pytest.raises(PlanError) as info:
        load_plan("main.pac.yaml")
    (problem,) = info.value.problems
    assert pac.at(problem) == ("rules/r.rules.yaml", 4, 47, "unknown-key")
    assert problem.json_path == "$.profiles[0].when.recency.lesser"


def test_error_inside_included_rule_file_found_by_the_plan_model(
    pac: PlanKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lint problem of an included rule is positioned in the rule file too."""
    monkeypatch.chdir(tmp_path)
    pac.write(tmp_path, "main.pac.yaml", pac.text("include: [r.rules.yaml]\n"))
    pac.write(tmp_path, "r.rules.yaml", RULES_OK.replace("id: other", "id: inactive"))
    from pacspec import validate

    problem = pac.one(validate("main.pac.yaml"), "duplicate-id")
    assert pac.at(problem) == ("r.rules.yaml", 5, 9, "duplicate-id")
    assert "r.rules.yaml:3" in problem.message


def test_nested_includes(pac: PlanKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pac.write(tmp_path, "plans/main.pac.yaml", pac.text("include: [rules/a.rules.yaml]\n"))
    pac.write(
        tmp_path,
        "plans/rules/a.rules.yaml",
        "pacspec: 1\ninclude: [more/b.rules.yaml]\n" + RULES_OK[len("pacspec: 1\n") :],
    )
    pac.write(
        tmp_path,
        "plans/rules/more/b.rules.yaml",
        """\
        pacspec: 1
        segments:
          - {id: all, label: Tous}
        """,
    )
    loaded = load_plan("plans/main.pac.yaml")
    assert [r.id for r in loaded.plan.profiles] == ["inactive", "other"]
    assert [r.id for r in loaded.plan.segments] == ["all"]
    assert loaded.includes == ["plans/rules/a.rules.yaml", "plans/rules/more/b.rules.yaml"]
    # an error two levels down is positioned in the innermost file
    pac.write(
        tmp_path,
        "plans/rules/more/b.rules.yaml",
        "pacspec: 1\nsegments:\n  - {id: all, lable: Tous}\n",
    )
    with pytest.raises(PlanError) as info:
        load_plan("plans/main.pac.yaml")
    (problem,) = info.value.problems
    assert pac.at(problem) == ("plans/rules/more/b.rules.yaml", 3, 15, "unknown-key")
    assert problem.hint == "did you mean 'label'?"


def test_diamond_includes(pac: PlanKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    pac.write(tmp_path, "main.pac.yaml", pac.text("include: [a.rules.yaml, b.rules.yaml]\n"))
    pac.write(tmp_path, "a.rules.yaml", "pacspec: 1\ninclude: [common.rules.yaml]\n")
    pac.write(tmp_path, "b.rules.yaml", "pacspec: 1\ninclude: [common.rules.yaml]\n")
    pac.write(tmp_path, "common.rules.yaml", RULES_OK)
    loaded = load_plan("main.pac.yaml")
    assert [r.id for r in loaded.plan.profiles] == ["inactive", "other"]


def test_newer_format_in_an_included_file(
    pac: PlanKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    pac.write(tmp_path, "main.pac.yaml", pac.text("include: [r.rules.yaml]\n"))
    pac.write(tmp_path, "r.rules.yaml", "pacspec: 3\n")
    with pytest.raises(PlanError) as info:
        load_plan("main.pac.yaml")
    (problem,) = info.value.problems
    assert pac.at(problem) == ("r.rules.yaml", 1, 10, "newer-format")


def test_shipped_rule_files_load_into_the_example_plan() -> None:
    loaded = load_plan(EXAMPLE_PLAN)
    assert len(loaded.includes) == len(loaded.plan.include) >= 2
    rules = {name: load_yaml_file(EXAMPLE_PLAN.parent / "rules" / f"{name}.rules.yaml").data
             for name in ("profiles-fr", "rfm-segments")}
    assert [r.id for r in loaded.plan.profiles] == [
        r["id"] for r in rules["profiles-fr"]["profiles"]]
    assert [r.id for r in loaded.plan.segments] == [
        r["id"] for r in rules["rfm-segments"]["segments"]]


# ------------------------------------------------------------ numbers: quotes, overflow


@pytest.mark.parametrize(("section", "line", "col", "where"), [
    ("  budget_year: '2027'\n", None, None, None),
    ("""
     ipo_ipa:
       ipo: [{id: size, label: Taille, weight: "2"}]
       ipa: [{id: rel, label: Relation}]
     """, 8, 43, ("ipo_ipa", "ipo", 0, "weight")),
])
def test_a_number_in_quotes_is_an_error(pac: PlanKit, section: str, line: int | None,
                                        col: int | None, where: JsonPath | None) -> None:
    """Quoted numbers are not read silently as numbers (DESIGN §3: what the file says is
    what is computed): an error at the value, with the unquoted form as the fix."""
    text = (pac.header.replace("  budget_year: 2026\n", section) if section.startswith("  ")
            else pac.text(section))
    problem = pac.one(pac.load_errors(text), "quoted-number")
    if where is None:
        assert (problem.line, problem.col, problem.path) == (5, 16, ("header", "budget_year"))
        assert problem.hint == "write it without quotes: budget_year: 2027"
    else:
        assert (problem.line, problem.col, problem.path) == (line, col, where)
        assert problem.hint == "write it without quotes: weight: 2"
    assert problem.message.startswith("a number is written in quotes: '")


def test_quoted_text_that_is_text_stays_text(pac: PlanKit) -> None:
    loaded = pac.load(pac.header.replace("company: ACME", "company: '2026'"))
    assert loaded.plan.header.company == "2026"


@pytest.mark.parametrize(("section", "path", "expected"), [
    ("""
     ipo_ipa:
       ipo: [{id: size, label: Taille, weight: 1.7e308}]
       ipa: [{id: rel, label: Relation}]
     """, ("ipo_ipa", "ipo", 0, "weight"), "a weight must be at most 1e+06, found 1.7e+308"),
    ("""
     ipo_ipa:
       scale: {min: 0, max: 1.0e300}
       ipo: [{id: size, label: Taille}]
       ipa: [{id: rel, label: Relation}]
     """, ("ipo_ipa", "scale"), "the scale must lie within -1e+09..1e+09"),
    ("""
     actions:
       - {id: a1, title: Relancer, owner: Anne, due: 2026-06, budget: 1.7e308}
     """, ("actions", 0, "budget"), "an amount must be at most 1e+15, found 1.7e+308"),
])
def test_numbers_that_would_overflow_are_refused(pac: PlanKit, section: str, path: JsonPath,
                                                 expected: str) -> None:
    problem = pac.one(pac.load_errors(pac.text(section)), "value")
    assert problem.path == path and problem.line is not None
    assert expected in problem.message
