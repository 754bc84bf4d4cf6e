"""Conformance of the lint registry, over every family of checks: each module declares the
codes it emits (checked statically on the source and dynamically on fixtures and shipped
files), and every code is documented on the problem codes page (docs/lint.md)."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import pkgutil
import re
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import PLANS, REPO

from pacspec import PlanError, Problem
from pacspec.lint import FAMILIES, Family, codes, lint, lint_rules, validate_file
from pacspec.loader import LoadedPlan, load_plan, load_plan_text, load_rule_file
from pacspec.starter import LOCALES, starter_plan

# (``pacspec.lint`` may be the function, once ``from pacspec import lint`` has run)
PACKAGE = Path(importlib.import_module("pacspec.lint").__file__ or "").parent
FIXTURES = Path(__file__).parent / "fixtures"
LINT_PAGE = REPO / "docs" / "lint.md"
SEVERITIES = ("error", "warning", "note")


def _family_modules() -> list[str]:
    return sorted(m.name for m in pkgutil.iter_modules([str(PACKAGE)])
                  if not m.name.startswith("_"))  # fmt: skip


def _module(family: Family) -> ModuleType:
    return importlib.import_module(f"pacspec.lint.{family.name}")


def test_every_module_of_the_package_is_one_registered_family() -> None:
    assert sorted(f.name for f in FAMILIES) == _family_modules()
    assert len({f.order for f in FAMILIES}) == len(FAMILIES), "two families share an order"
    assert [f.order for f in FAMILIES] == sorted(f.order for f in FAMILIES)


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_family_declares_its_codes(family: Family) -> None:
    module = _module(family)
    assert dict(family.codes) == module.CODES, "register() with the module's own CODES"
    assert family.codes, "a family emits at least one code"
    assert family.title and family.summary.endswith(".")
    assert module.__doc__ and len(module.__doc__.strip().split("\n\n")[0].splitlines()) <= 3
    for name, code in family.codes.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", name), f"{name}: codes are kebab-case"
        assert code.severities and set(code.severities) <= set(SEVERITIES), name
        assert code.description.strip() and "\n" not in code.description, name
        assert code.fix.strip() and "\n" not in code.fix, name


# --------------------------------------------------------------------------- static


def _emitted_in_source(path: Path) -> tuple[list[tuple[str, str, int]], list[str]]:
    """``(severity, code, line)`` of every ``ctx.add(...)`` in a module, and the places that
    report problems some other way (not allowed: the scan would not see their codes)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, str, int]] = []
    other: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        where = f"{path.name}:{node.lineno}"
        if name == "add" and isinstance(func, ast.Attribute) and \
                isinstance(func.value, ast.Name) and func.value.id == "ctx":
            args = node.args[:2]
            if len(args) < 2 or not all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                        for a in args):
                other.append(f"{where}: ctx.add() with a severity or code that is not a literal")
                continue
            sev, code = (a.value for a in args)  # type: ignore[attr-defined]
            found.append((sev, code, node.lineno))
        elif name in ("Problem", "problem"):
            other.append(f"{where}: {name}(...) outside Context.add")
    return found, other


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_codes_in_the_source_are_the_declared_ones(family: Family) -> None:
    path = Path(_module(family).__file__ or "")
    found, other = _emitted_in_source(path)
    assert other == []
    for severity, code, line in found:
        assert code in family.codes, f"{path.name}:{line}: code '{code}' is not in CODES"
        assert severity in family.codes[code].severities, (
            f"{path.name}:{line}: '{code}' as {severity}, declared "
            f"{' or '.join(family.codes[code].severities)}")
    declared = {(s, c) for c, code in family.codes.items() for s in code.severities}
    assert declared == {(s, c) for s, c, _ in found}, "declared but never emitted"


def test_helper_modules_emit_nothing() -> None:
    for path in sorted(PACKAGE.glob("_*.py")):
        found, other = _emitted_in_source(path)
        assert found == [] and [o for o in other if "Problem(" in o] == [], path.name


# -------------------------------------------------------------------------- dynamic


def _load(path: Path) -> LoadedPlan:
    return load_rule_file(path) if path.name.endswith(".rules.yaml") else load_plan(path)


def _lintable() -> list[tuple[str, LoadedPlan, bool]]:
    """Every plan and rule file that loads: shipped ones, starter plans, lint fixtures."""
    out: list[tuple[str, LoadedPlan, bool]] = []
    files = [*sorted(PLANS.glob("*.pac.yaml")), *sorted(PLANS.glob("rules/*.rules.yaml")),
             *sorted(FIXTURES.glob("*.yaml"))]
    for path in files:
        try:
            out.append((path.name, _load(path), path.name.endswith(".rules.yaml")))
        except PlanError:
            assert path.name.startswith("broken-"), f"{path} does not load"
    for locale in LOCALES:
        out.append((f"starter-{locale}", load_plan_text(starter_plan(locale=locale)), False))
    return out


@cache
def _runs() -> list[tuple[str, Family, list[Problem]]]:
    runs = []
    for name, loaded, rule_file in _lintable():
        for family in FAMILIES:
            if family.rule_files or not rule_file:
                runs.append((name, family, family.run(loaded, rule_file)))
    return runs


def test_lint_is_the_families_run_in_order() -> None:
    for name, loaded, rule_file in _lintable():
        mine = [p for n, _f, problems in _runs() if n == name for p in problems]
        assert (lint_rules(loaded) if rule_file else lint(loaded)) == sorted(
            mine, key=Problem.sort_key), name


def test_emitted_codes_are_declared_by_the_family_that_emits_them() -> None:
    for name, family, problems in _runs():
        for p in problems:
            assert p.code in family.codes, f"{name}: {family.name} emitted undeclared {p.code}"
            assert p.severity in family.codes[p.code].severities, f"{name}: {p.format()}"


def test_fixtures_emit_every_declared_code() -> None:
    emitted = {(f.name, p.code, p.severity) for _n, f, problems in _runs() for p in problems}
    declared = {(f.name, c, s) for f in FAMILIES for c, code in f.codes.items()
                for s in code.severities}  # fmt: skip
    assert declared - emitted == set(), "add a fixture in tests/lint/fixtures/"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.name)
def test_fixture_header_names_what_it_exercises(path: Path) -> None:
    """Each fixture's first line says which codes it is for; they are the codes it gets."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    listed = set(re.findall(r"\b[a-z]+(?:-[a-z]+)+\b", first.split("(", 1)[-1]))
    got = {p.code for p in validate_file(path)}
    assert listed <= got, f"{path.name}: announces {sorted(listed - got)} but does not emit them"


# ---------------------------------------------------------------------------- docs


@cache
def _hooks() -> Any:
    spec = importlib.util.spec_from_file_location("pacspec_docs_hooks", REPO / "docs" / "hooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _page() -> str:
    """docs/lint.md as mkdocs renders it: the lint codes section generated in."""
    text = LINT_PAGE.read_text(encoding="utf-8")
    return _hooks().on_page_markdown(text, None, None, None) if "<!--" in text else text


def test_lint_page_is_generated_from_the_registry() -> None:
    text = LINT_PAGE.read_text(encoding="utf-8")
    assert text.count("<!-- pacspec:lint-codes -->") == 1
    lint_section = text[text.index("## Lint\n"):]
    assert lint_section.index("<!-- pacspec:lint-codes -->") < lint_section.index("\n## ", 1)
    generated = _hooks().lint_codes()
    for family in FAMILIES:
        section = generated[generated.index(f"### {family.title} "):]
        section = section[: section.find("\n### ", 1) if "\n### " in section[1:] else None]
        for name, code in family.codes.items():
            row = next(line for line in section.splitlines() if line.startswith(f"| `{name}` |"))
            assert " or ".join(code.severities) in row and code.description[:40] in row
    for name in codes():
        assert f"| `{name}` |" in generated.split("\n\n", 1)[0], f"{name} is not in the index"


def _documented() -> set[str]:
    return set(re.findall(r"^\| `([a-z]+(?:-[a-z]+)*)` \|", _page(), re.M))


def test_every_code_validate_prints_on_the_corpus_is_documented() -> None:
    """Loader and YAML codes too: the broken fixtures stop before lint."""
    files = [*sorted(PLANS.glob("*.pac.yaml")), *sorted(PLANS.glob("rules/*.rules.yaml")),
             *sorted(FIXTURES.glob("*.yaml"))]
    printed = {p.code for path in files for p in validate_file(path)}
    assert {"duplicate-key", "unknown-key", "yaml-syntax", "value", "literal"} <= printed
    assert printed - _documented() == set()
    assert set(codes()) <= _documented()


# ------------------------------------------------------------------------ messages

MESSAGE_MODULES = [*sorted(PACKAGE.glob("*.py")), PACKAGE.parent / "validation.py",
                   PACKAGE.parent / "loader.py"]
"""Every module that writes problem messages through the label table."""


def _label_calls(path: Path) -> list[tuple[str, set[str] | None, str]]:
    """``(key pattern, keyword names or None for **values, where)`` of every label lookup
    of a module (``ctx.text``, ``label``, the loader's ``_text``); an f-string key becomes
    a regular expression."""
    out: list[tuple[str, set[str] | None, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in ("text", "label", "_text"):
            continue
        key = node.args[0]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            pattern = re.escape(key.value)
        elif isinstance(key, ast.JoinedStr):
            pattern = "".join(re.escape(part.value) if isinstance(part, ast.Constant)
                              else "[a-z_]+" for part in key.values)
        else:
            continue  # a key chosen in a variable: covered by the dynamic test below
        names = {k.arg for k in node.keywords if k.arg is not None}
        splat = any(k.arg is None for k in node.keywords)
        out.append((pattern, None if splat else names, f"{path.name}:{node.lineno}"))
    return out


@pytest.mark.parametrize("path", MESSAGE_MODULES, ids=lambda p: p.name)
def test_every_message_key_exists_in_both_languages(path: Path) -> None:
    """Each key a module looks up is in the label table in French and English, with the
    placeholders the call fills (an f-string key: every key it may name)."""
    from pacspec.i18n import TEXTS, fields

    def placeholders(key: str) -> set[str]:
        return {n for lang in ("fr", "en") for n, _ in fields(TEXTS[key][lang])}

    for pattern, names, where in _label_calls(path):
        keys = [k for k in TEXTS if re.fullmatch(pattern, k)]
        if names is not None and "[a-z_]+" in pattern:  # the keys of that family of texts
            keys = [k for k in keys if placeholders(k) == names]
        assert keys, f"{where}: no label {pattern!r} in pacspec.i18n with {names}"
        for key in keys:
            entry = TEXTS[key]
            assert entry.get("fr") and entry.get("en"), f"{where}: {key} lacks a language"
            if names is not None:
                assert placeholders(key) == names, f"{where}: {key} needs {placeholders(key)}"


def test_every_pydantic_error_text_exists_in_both_languages() -> None:
    """The keys the schema's messages are chosen from by pydantic error type."""
    from pacspec import validation
    from pacspec.i18n import TEXTS, fields

    keys = {*validation._EXPECTED.values(), *(k for k, _ in validation._BOUNDS.values())}
    assert keys and all(TEXTS[k]["fr"] and TEXTS[k]["en"] for k in keys)
    for key in validation._EXPECTED.values():
        assert fields(TEXTS[key]["fr"]) == set(), key  # filled with nothing
    for key, _bound in validation._BOUNDS.values():  # filled with limit=, n=, pattern=
        names = {n for n, _ in fields(TEXTS[key]["fr"])}
        assert len(names) == 1 and names <= {"limit", "n", "pattern"}, key


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_family_messages_come_from_the_label_table(family: Family) -> None:
    """No message or hint written as a literal in a check: each goes through the table, so
    it exists in both languages."""
    path = Path(_module(family).__file__ or "")
    assert _label_calls(path), f"{path.name} looks up no label"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                node.func.attr == "add" and len(node.args) >= 4:
            for arg in node.args[3:5]:
                assert not isinstance(arg, ast.JoinedStr | ast.BinOp) and not (
                    isinstance(arg, ast.Constant) and isinstance(arg.value, str)), (
                    f"{path.name}:{node.lineno}: a message or hint written in the code")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_corpus_lints_in_both_languages(lang: str) -> None:
    """Every family runs on every shipped plan, starter plan and fixture in both languages
    (a key missing in one would raise), with the same problems but for their words."""
    for name, loaded, rule_file in _lintable():
        for family in FAMILIES:
            if family.rule_files or not rule_file:
                words = family.run(loaded, rule_file, lang)
                default = [p for n, f, problems in _runs() if n == name and f is family
                           for p in problems]
                assert [(p.code, p.line, p.col, p.path) for p in words] == [
                    (p.code, p.line, p.col, p.path) for p in default], (name, family.name)
