"""French-aware hints of the schema validation (``pacspec/validation.py``): French words for
keys and values, French number and percent forms with the exact value to write, enum values
in another case, a misspelt required key reported once, YAML syntax errors in plain words.

Each test states the exact line, column and code; texts are built with ``pac.text``
(conftest): the first section given starts on line 7.
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import pytest
from conftest import PlanKit
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from pacspec.lint import validate_file
from pacspec.model.plan import Plan, RuleFile
from pacspec.validation import FRENCH_KEYS, FRENCH_VALUES, _unwrap, french_number

ACTION = """\
actions:
  - id: a1
    title: Action
    type: {type}
    subtype: win_back
    priority: {priority}
    {owner}: DC
    {due}: 2026-06
    {extra}
"""  # type on line 10, priority 12, owner 13, due 14, extra 15 (all values at column 5+)


def action(type: str = "commercial", priority: str = "1", owner: str = "owner",
           due: str = "due", extra: str = "budget: 100") -> str:
    return ACTION.format(type=type, priority=priority, owner=owner, due=due, extra=extra)


@pytest.mark.parametrize(("word", "key", "line"), [
    ("responsable", "owner", 13), ("Responsable", "owner", 13), ("échéance", "due", 14),
    ("date_fin", "due", 14), ("date fin", "due", 14), ("Date-Fin", "due", 14),
    ("ownr", "owner", 13),
])  # fmt: skip
def test_misspelt_required_key_is_one_problem(pac: PlanKit, word: str, key: str,
                                              line: int) -> None:
    owner, due = (word, "due") if key == "owner" else ("owner", word)
    problems = pac.load_errors(pac.text(action(owner=owner, due=due)))
    (problem,) = problems  # not "missing" and "unknown" for one slip
    assert pac.at(problem) == ("plan.pac.yaml", line, 5, "unknown-key")
    assert problem.message == f"unknown key '{word}'"
    assert problem.hint == f"did you mean '{key}'? ('{key}' is required)"


@pytest.mark.parametrize(("word", "key"), [
    ("priorité", "priority"), ("avancement", "progress"), ("étapes", "steps"),
    ("ca_cible", "target_revenue"), ("CA actuel", "current_revenue"), ("croissance", "growth"),
    ("commentaires", "comments"), ("cible", "target"), ("résultats", "results"),
])  # fmt: skip
def test_french_key_of_an_action(pac: PlanKit, word: str, key: str) -> None:
    problem = pac.one(pac.load_errors(pac.text(action(extra=f"{word}: 1"))), "unknown-key")
    assert pac.at(problem) == ("plan.pac.yaml", 15, 5, "unknown-key")
    assert problem.hint == f"did you mean '{key}'?"


def test_french_key_of_the_header(pac: PlanKit) -> None:
    problem = pac.one(pac.load_errors(pac.text("  objectifs: []\n")), "unknown-key")
    assert pac.at(problem) == ("plan.pac.yaml", 7, 3, "unknown-key")
    assert problem.hint == "did you mean 'objectives'?"


def test_unknown_key_without_a_guess_lists_the_keys(pac: PlanKit) -> None:
    problem = pac.one(pac.load_errors(pac.text(action(extra="zzz: 1"))), "unknown-key")
    assert problem.hint is not None and problem.hint.startswith("allowed keys: id, title")


def _model_keys(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    if model in seen:
        return set()
    seen.add(model)
    keys: set[str] = set()
    for name, info in model.model_fields.items():
        keys.add(info.alias or name)
        stack: list[Any] = [info.annotation]
        while stack:
            for alt in _unwrap(stack.pop()):
                if isinstance(alt, type) and issubclass(alt, BaseModel):
                    keys |= _model_keys(alt, seen)
                else:
                    stack.extend(typing.get_args(alt))
    return keys


def test_french_keys_name_keys_that_exist() -> None:
    keys = _model_keys(Plan, set()) | _model_keys(RuleFile, set())
    for word, meant in FRENCH_KEYS.items():
        assert set(meant) <= keys, f"{word} -> {meant}"


@pytest.mark.parametrize(("written", "meant"), [
    ("commerciale", "commercial"), ("Commercial", "commercial"), ("INTERNE", "internal"),
    ("interne", "internal"), ("comercial", "commercial"),
])  # fmt: skip
def test_enum_value(pac: PlanKit, written: str, meant: str) -> None:
    problem = pac.one(pac.load_errors(pac.text(action(type=written))), "literal")
    assert pac.at(problem) == ("plan.pac.yaml", 10, 11, "literal")
    assert problem.hint == f"did you mean '{meant}'?"


@pytest.mark.parametrize(("written", "meant"), [("FR", "fr"), ("En", "en"),
                                                ("français", "fr"), ("anglais", "en")])
def test_locale_in_another_case_or_in_french(pac: PlanKit, written: str, meant: str) -> None:
    problem = pac.one(pac.load_errors(pac.text(f"locale: {written}\n")), "literal")
    assert pac.at(problem) == ("plan.pac.yaml", 7, 9, "literal")
    assert problem.hint == f"did you mean '{meant}'?"


@pytest.mark.parametrize(("written", "number"), [("haute", 1), ("Haute", 1), ("moyenne", 2),
                                                 ("basse", 3)])
def test_priority_in_words(pac: PlanKit, written: str, number: int) -> None:
    problem = pac.one(pac.load_errors(pac.text(action(priority=written))), "type")
    assert pac.at(problem) == ("plan.pac.yaml", 12, 15, "type")
    assert problem.hint == f"write {number}: priority is a number from 1 (highest) to 5"


@pytest.mark.parametrize(("field", "written", "hint"), [
    ("budget", "0,15", "write 0.15 "),
    ("budget", "8 000 €", "write 8000 "),
    ("budget", "8 000", "write 8000 "),
    ("budget", "8\u202f000\u00a0€", "write 8000 "),
    ("budget", "8.000 €", "write 8000 "),
    ("budget", "1.200.000", "write 1200000 "),
    ("budget", "1.234,50", "write 1234.5 "),
    ("budget", "15 k€", "write 15000 "),
    ("growth", "15%", "write 0.15: a share is a fraction (15 % = 0.15)"),
    ("growth", "1,5 %", "write 0.015: a share is a fraction (1.5 % = 0.015)"),
    ("growth", "0,15", "write 0.15 "),
    ("progress", "50%", "write 50: progress is a percent from 0 to 100, without '%'"),
    ("progress", "50 %", "write 50: progress is a percent from 0 to 100, without '%'"),
    ("target_revenue", "90 000 €", "write 90000 "),
])  # fmt: skip
def test_french_number_forms(pac: PlanKit, field: str, written: str, hint: str) -> None:
    problems = pac.load_errors(pac.text(action(extra=f'{field}: "{written}"')))
    (problem,) = problems
    assert (problem.line, problem.col, problem.json_path) == (15, 7 + len(field),
                                                              f"$.actions[0].{field}")
    assert problem.code in ("type", "value")
    assert problem.hint is not None and problem.hint.startswith(hint), problem.hint


@pytest.mark.parametrize("text", ["abc", "1,2,3", "8 0,00", "1.2.3", "%", "€", "1.23.456",
                                  "12,", "--5", ""])
def test_not_a_french_number(text: str) -> None:
    assert french_number(text) is None


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99))
def test_french_number_reads_what_a_french_locale_writes(units: int, cents: int) -> None:
    grouped = f"{units:,}".replace(",", "\u202f")
    value = float(f"{units}.{cents:02d}")
    assert french_number(f"{grouped},{cents:02d} €") == (value, False)
    assert french_number(f"{units:,}".replace(",", ".") + f",{cents:02d}") == (value, False)
    assert french_number(f"{units} %") == (units, True)


def test_french_values_are_allowed_values() -> None:
    import json

    from pacspec.schema import plan_schema, rules_schema

    words: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("enum", "const"):
                if key in node:
                    values = node[key] if key == "enum" else [node[key]]
                    words.update(str(v) for v in values)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(json.dumps(plan_schema())))
    walk(json.loads(json.dumps(rules_schema())))
    assert set(FRENCH_VALUES.values()) <= words, set(FRENCH_VALUES.values()) - words


# ---------------------------------------------------------------------------- YAML syntax


@pytest.mark.parametrize(("text", "where", "hint"), [
    ("header:\n  company: ACME: Nautique\n", (2, 16),
     "a ': ' inside a value starts a new key: put the value in quotes, e.g. "
     'company: "ACME: Nautique"'),
    ("actions:\n  - title: Salon: Nautic 2026\n", (2, 17), 'e.g. title: "Salon: Nautic 2026"'),
    ("header:\n  company: x\n   business_unit: y\n", (3, 17),
     "this line is indented more than the key above it"),
    ("header:\n  company: x\n business_unit: y\n", (3, 2),
     "this line is not indented like the keys of its mapping"),
    ("actions:\n  - id: a\n  title: b\n  - id: c\n", (3, 3),
     "the items of a list start with '- ' in the same column"),
    ("x: {a: 1, b: 2\ny: 3\n", (2, 2), "the { } started at line 1 is not closed: add '}'"),
    ("x: [1, 2\ny: 3\n", (2, 2), "the [ ] started at line 1 is not closed: add ']'"),
    ("title: 'l'entreprise'\n", (1, 11), "a quote inside a quoted value ends it"),
    ('title: "abc\n', (2, 1), "a quote is not closed"),
    ("header:\n\tcompany: x\n", (2, 1), "indent with spaces, not tabs"),
])  # fmt: skip
def test_yaml_syntax_in_plain_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                    text: str, where: tuple[int, int], hint: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("plan.pac.yaml").write_text(text, encoding="utf-8")
    (problem,) = validate_file("plan.pac.yaml", lang="en")
    assert (problem.file, problem.line, problem.col, problem.code) == (
        "plan.pac.yaml", *where, "yaml-syntax")
    assert problem.hint is not None and hint in problem.hint, problem.hint
