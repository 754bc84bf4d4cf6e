"""`pacspec validate` on rule files (*.rules.yaml) on their own, as the pre-commit hook runs it
when a rule set changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from pacspec.cli import main
from pacspec.lint import validate_file

RULES = Path(__file__).resolve().parents[2] / "plans" / "rules"


@pytest.mark.parametrize("path", sorted(RULES.glob("*.rules.yaml")), ids=lambda p: p.name)
def test_shipped_rule_files_are_clean(path: Path) -> None:
    assert validate_file(path) == []


def write(tmp_path: Path, text: str, name: str = "x.rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shadowed_and_uncovered_rules_are_positioned_in_the_rule_file(tmp_path: Path) -> None:
    path = write(tmp_path, 'pacspec: 1\nprofiles:\n  - id: a\n    when: {code: "1???"}\n'
                           '  - id: b\n    when: {code: "11??"}\n')
    problems = validate_file(path)
    codes = {(p.code, p.line, p.col) for p in problems}
    assert ("shadowed-rule", 5, 5) in codes
    assert ("uncovered", 3, 3) in codes
    assert all(p.file == str(path) for p in problems)


def test_period_count_comes_from_the_patterns(tmp_path: Path) -> None:
    path = write(tmp_path, 'pacspec: 1\nprofiles:\n  - {id: a, when: {code: "1?????"}}\n'
                           '  - {id: b, when: {code: "0?????"}}\n  - {id: c, when: {code: "01"}}\n')
    problems = validate_file(path, lang="en")
    assert [(p.code, p.line) for p in problems if p.severity == "error"] == [("code-length", 5)]
    assert "6 RFM periods" in next(p.message for p in problems if p.code == "code-length")


def test_schema_errors_and_duplicate_ids(tmp_path: Path) -> None:
    path = write(tmp_path, "pacspec: 1\nsegments:\n  - {id: s, when: {r: {gte: 4}}}\n"
                           "  - {id: s, whn: {}}\n")
    (problem,) = validate_file(path, lang="en")
    assert (problem.code, problem.line, problem.col) == ("unknown-key", 4, 13)
    assert problem.hint == "did you mean 'when'?"
    path = write(tmp_path, "pacspec: 1\nsegments:\n  - {id: s, when: {r: {gte: 4}}}\n"
                           "  - {id: s}\n")
    assert [(p.code, p.line) for p in validate_file(path)] == [("duplicate-id", 4)]


def test_references_to_sections_of_the_including_plan_are_not_errors(tmp_path: Path) -> None:
    # a recommendations-only file names profiles defined elsewhere: that is the plan's business
    path = write(tmp_path, "pacspec: 1\nrecommendations:\n"
                           "  - {id: r, when: {profile: inactif, quadrant: 1},"
                           " subtypes: [win_back]}\n")
    assert validate_file(path) == []
    # but a rule list may not test what is assigned after it
    path = write(tmp_path, "pacspec: 1\nprofiles:\n  - {id: p, when: {profile: p}}\n")
    assert [p.code for p in validate_file(path)] == ["rule-order"]


def test_cli_validates_plans_and_rule_files_together(capsys: pytest.CaptureFixture[str]) -> None:
    plan = RULES.parent / "connect-plus.pac.yaml"
    rule_files = sorted(RULES.glob("*.rules.yaml"))
    assert main(["validate", str(plan), *map(str, rule_files)]) == 0
    out = capsys.readouterr().out
    assert out.count(": ok") == 1 + len(rule_files)
