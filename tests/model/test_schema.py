"""The committed JSON Schemas: up to date, draft-07 only, self-contained, and accepting the
example plan, the shipped rule files and the starter plans."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE_PLAN, REPO, RULE_FILES

from pacspec.schema import DRAFT_07, dumps, plan_schema, rules_schema
from pacspec.starter import starter_plan
from pacspec.yamlio import load_yaml, load_yaml_file

SCHEMAS = {
    "plan": (REPO / "schemas" / "pacspec-plan.schema.json", plan_schema,
             "pacspec schema -o schemas/pacspec-plan.schema.json --force"),
    "rules": (REPO / "schemas" / "pacspec-rules.schema.json", rules_schema,
              "pacspec schema --rules -o schemas/pacspec-rules.schema.json --force"),
}  # fmt: skip

# Keywords of JSON Schema 2019-09 / 2020-12 that draft-07 validators (and the YAML
# language server) do not understand.
NOT_DRAFT_07 = {
    "$defs", "prefixItems", "dependentRequired", "dependentSchemas", "unevaluatedProperties",
    "unevaluatedItems", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef",
    "$recursiveAnchor", "$vocabulary", "minContains", "maxContains",
}  # fmt: skip

# Keys whose values are maps of names to schemas (their keys are names, not keywords).
NAME_MAPS = {"properties", "definitions", "patternProperties"}


def committed(kind: str) -> dict[str, Any]:
    path = SCHEMAS[kind][0]
    if not path.exists():
        pytest.fail(f"{path.relative_to(REPO)} is missing; write it with: {SCHEMAS[kind][2]}")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def keywords(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any], str, Any]]:
    """(json pointer, schema, keyword, value) for every keyword of every (sub)schema; the
    names of properties and definitions are not keywords."""
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from keywords(item, f"{path}/{i}")
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        yield path, node, key, value
        if key in NAME_MAPS and isinstance(value, dict):
            for name, sub in value.items():
                yield from keywords(sub, f"{path}/{key}/{name}")
        elif key in ("default", "const", "enum", "examples"):
            continue  # values, not schemas
        else:
            yield from keywords(value, f"{path}/{key}")


def resolve(schema: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#"), f"external $ref {ref!r}"
    node: Any = schema
    for part in ref[1:].split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        assert isinstance(node, dict) and part in node, f"$ref {ref!r} does not resolve"
        node = node[part]
    return node


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_committed_schema_is_up_to_date(kind: str) -> None:
    path, make, command = SCHEMAS[kind]
    expected = dumps(make())
    if not path.exists() or path.read_text(encoding="utf-8") != expected:
        pytest.fail(
            f"{path.relative_to(REPO)} is stale: the models changed since it was written. "
            f"Regenerate it with:\n    {command}\nand commit it."
        )


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_schema_uses_draft_07_keywords_only(kind: str) -> None:
    schema = committed(kind)
    assert schema["$schema"] == DRAFT_07
    found = [(where, key) for where, _, key, _ in keywords(schema) if key in NOT_DRAFT_07]
    assert found == []
    for where, node, key, value in keywords(schema):
        if key in ("exclusiveMinimum", "exclusiveMaximum"):  # numbers since draft-06
            assert isinstance(value, int | float) and not isinstance(value, bool), where
        if key == "items" and isinstance(value, list):  # the tuple form of prefixItems
            assert node.get("additionalItems") is False, where


@pytest.mark.parametrize("kind", sorted(SCHEMAS))
def test_every_ref_resolves_inside_the_schema(kind: str) -> None:
    schema = committed(kind)
    refs = [(where, value) for where, _, key, value in keywords(schema) if key == "$ref"]
    assert refs, "expected the models to be shared through definitions"
    for _, ref in refs:
        assert isinstance(ref, str) and ref.startswith("#/definitions/"), ref
        resolve(schema, ref)
    # and every definition is used
    used = {ref.split("/")[-1] for _, ref in refs}
    assert set(schema.get("definitions", {})) <= used


def test_schema_ids_match_the_starter_modeline() -> None:
    plan = committed("plan")
    assert plan["$id"].endswith("/pacspec-plan.schema.json")
    assert starter_plan().splitlines()[0] == f"# yaml-language-server: $schema={plan['$id']}"
    assert committed("rules")["$id"].endswith("/pacspec-rules.schema.json")


# ------------------------------------------------------- validation with jsonschema


def validator(kind: str) -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = committed(kind)
    cls = jsonschema.Draft7Validator
    cls.check_schema(schema)
    # formats too: editors check "date"
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def schema_errors(kind: str, data: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:200]}"
        for e in validator(kind).iter_errors(data)
    ]


# Files the schema wrongly rejects (see SHORTHAND_BUG).
@pytest.mark.parametrize(
    "path",
    [
        path
        for path in [EXAMPLE_PLAN, *RULE_FILES]
    ],
    ids=lambda p: p.name,
)
def test_shipped_files_validate_against_the_schema(path: Path) -> None:
    kind = "plan" if path.name.endswith(".pac.yaml") else "rules"
    assert schema_errors(kind, load_yaml_file(path).data) == []


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_starter_plan_validates_against_the_schema(locale: str) -> None:
    text = starter_plan('ACME: "Nautique" #1', locale, year=2026)
    assert schema_errors("plan", load_yaml(text).data) == []


def test_schema_rejects_what_the_model_rejects() -> None:
    text = starter_plan(year=2026).replace("budget_year: 2026", "budget_year: 2026\n  ceo: Me")
    assert any("ceo" in e for e in schema_errors("plan", load_yaml(text).data))
