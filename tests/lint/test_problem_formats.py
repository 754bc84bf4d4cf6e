"""Every output format of problems (``--format NAME``): each problem appears once with its
file, position, severity and code; the machine formats parse; no problem, no noise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import HEADER
from hypothesis import given
from hypothesis import strategies as st

from pacspec.cli import main
from pacspec.diagnostics import (
    PROBLEM_FORMATS,
    Problem,
    ProblemFormat,
    format_sarif,
    render_problems,
)

PROBLEMS = [
    Problem("error", "unknown-key", "unknown key 'responsable'", "plans/a.pac.yaml", 12, 5,
            ("actions", 0, "responsable"), "did you mean 'owner'?"),
    Problem("warning", "thousands-point", "8.000 is read as 8", "plans/a.pac.yaml", 14, 13,
            ("actions", 0, "budget"), "did you mean 8000?"),
    Problem("note", "under-budget", "actions allocate 8 EUR of 1 000 EUR (1%)",
            "pacspec:profiles-fr", 3, 1, ("budget", "total")),
    Problem("error", "io", "cannot read the file: No such file", "nowhere.pac.yaml"),
    Problem("error", "usage", "a problem with no file, 50% sure: a, b"),
]


def _parsed(fmt: ProblemFormat, problems: list[Problem]) -> list[dict[str, object]]:
    """(file, line, col, severity, code) of each problem, read back from the output."""
    out = fmt.render(problems)
    rows: list[dict[str, object]] = []
    if fmt.name == "text":
        for line, p in zip(out.splitlines(), problems, strict=True):
            assert line == p.format()
            rows.append({"file": p.file, "line": p.line, "col": p.col,
                         "severity": p.severity, "code": p.code})
    elif fmt.name == "json":
        for item in json.loads(out):
            rows.append({k: item.get(k) for k in ("file", "line", "col", "severity", "code")})
    elif fmt.name == "github":
        levels = {"error": "error", "warning": "warning", "notice": "note"}
        for line in out.splitlines():
            head, _, _message = line[2:].partition("::")
            level, _, props = head.partition(" ")
            fields = dict(kv.split("=", 1) for kv in props.split(",") if kv)
            rows.append({"file": fields.get("file", "").replace("%3A", ":") or None,
                         "line": int(fields["line"]) if "line" in fields else None,
                         "col": int(fields["col"]) if "col" in fields else None,
                         "severity": levels[level],
                         "code": fields["title"].replace("pacspec ", "")})
    elif fmt.name == "sarif":
        log = json.loads(out)
        (run,) = log["runs"]
        for result in run["results"]:
            loc = result["locations"][0]["physicalLocation"] if "locations" in result else {}
            region = loc.get("region", {})
            rows.append({"file": loc.get("artifactLocation", {}).get("uri"),
                         "line": region.get("startLine"), "col": region.get("startColumn"),
                         "severity": result["level"], "code": result["ruleId"]})
    else:  # pragma: no cover - a new format gets its reader here
        pytest.fail(f"no reader for the format {fmt.name!r} in this test")
    return rows


@pytest.mark.parametrize("fmt", PROBLEM_FORMATS.values(), ids=lambda f: f.name)
def test_every_problem_is_rendered_with_its_position_and_code(fmt: ProblemFormat) -> None:
    expected = [{"file": p.file, "line": p.line, "col": p.col, "severity": p.severity,
                 "code": p.code} for p in PROBLEMS]
    assert _parsed(fmt, PROBLEMS) == expected
    assert render_problems(PROBLEMS, fmt.name) == fmt.render(PROBLEMS)
    assert fmt.description and not fmt.render(PROBLEMS).endswith("\n")


@pytest.mark.parametrize("fmt", PROBLEM_FORMATS.values(), ids=lambda f: f.name)
def test_no_problem(fmt: ProblemFormat) -> None:
    out = fmt.render([])
    if not fmt.empty:
        assert out == ""
    elif fmt.name == "sarif":
        assert json.loads(out)["runs"][0]["results"] == []
    else:
        assert json.loads(out) == []


def test_sarif_is_a_sarif_log_with_one_rule_per_code() -> None:
    log = json.loads(format_sarif(PROBLEMS))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "pacspec"
    rule_ids = [r["id"] for r in driver["rules"]]
    assert rule_ids == ["unknown-key", "thousands-point", "under-budget", "io", "usage"]
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
    first = run["results"][0]
    assert first["message"]["text"] == (
        "$.actions[0].responsable: unknown key 'responsable' (hint: did you mean 'owner'?)")
    assert first["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "$.actions[0].responsable"}]
    assert "locations" not in run["results"][-1]  # no file: no location
    assert json.loads(format_sarif([]))["runs"][0]["results"] == []


@given(st.text(min_size=1), st.text())
def test_machine_formats_carry_any_message_intact(message: str, hint: str) -> None:
    problem = Problem("warning", "x-y", message, "a b/c:d,e.pac.yaml", 3, 4, ("k",), hint or None)
    (item,) = json.loads(render_problems([problem], "json"))
    assert item["message"] == message
    (result,) = json.loads(render_problems([problem], "sarif"))["runs"][0]["results"]
    assert result["message"]["text"].startswith(f"$.k: {message}")
    (line,) = render_problems([problem], "github").split("\n")
    assert "\r" not in line  # one workflow command, whatever the message holds


def test_validate_sarif_from_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.pac.yaml").write_text(HEADER + "locale: NO\n", encoding="utf-8")
    assert main(["validate", "--format", "sarif", "a.pac.yaml"]) == 1
    (result,) = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    assert result["ruleId"] == "literal" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "a.pac.yaml"}, "region": {"startLine": 7, "startColumn": 9}}
