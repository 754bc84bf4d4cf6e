"""JSON Schema of plan and rule files, generated from the models, in draft-07 form so that
editors (YAML language server) understand it."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from pacspec.model.plan import Plan, RuleFile

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
PLAN_SCHEMA_ID = "https://pacspec.dev/schemas/pacspec-plan.schema.json"
RULES_SCHEMA_ID = "https://pacspec.dev/schemas/pacspec-rules.schema.json"


def _to_draft07(node: Any) -> Any:
    """Rewrite 2020-12 keywords that pydantic emits into their draft-07 equivalents."""
    if isinstance(node, list):
        return [_to_draft07(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$defs":
            out["definitions"] = _to_draft07(value)
        elif key == "$ref" and isinstance(value, str):
            out["$ref"] = value.replace("#/$defs/", "#/definitions/")
        elif key == "prefixItems":
            out["items"] = _to_draft07(value)
            out["additionalItems"] = False
        else:
            out[key] = _to_draft07(value)
    return out


def _schema(model: type[BaseModel], schema_id: str, title: str) -> dict[str, Any]:
    raw = model.model_json_schema(by_alias=True, mode="validation")
    body = _to_draft07(raw)
    head = {"$schema": DRAFT_07, "$id": schema_id, "title": title}
    body.pop("title", None)
    return {**head, **body}


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of ``*.pac.yaml`` plan files."""
    return _schema(Plan, PLAN_SCHEMA_ID, "pacspec plan (Plan d'Action Commerciale)")


def rules_schema() -> dict[str, Any]:
    """The JSON Schema of ``*.rules.yaml`` rule files."""
    return _schema(RuleFile, RULES_SCHEMA_ID, "pacspec rule set")


def dumps(schema: dict[str, Any]) -> str:
    """Stable text form of a schema (what `pacspec schema` writes and the repo keeps)."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
