"""JSON Schema of plan and rule files, generated from the models, in draft-07 form so that
editors (YAML language server) understand it.

The field descriptions are the attribute docstrings of the models, read from their source
here, when a schema is asked for: building the models with pydantic's
``use_attribute_docstrings`` would read every model's source on each start (a third of
``pacspec validate``'s time)."""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from functools import cache
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


@cache
def _attribute_docstrings(cls: type) -> dict[str, str]:
    """``{field name: docstring}`` of the string literals right after annotated assignments
    in the body of ``cls`` (what pydantic's ``use_attribute_docstrings`` reads)."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):
        return {}
    body = next((n for n in ast.parse(source).body if isinstance(n, ast.ClassDef)), None)
    out: dict[str, str] = {}
    if body is None:
        return out
    for node, after in zip(body.body, body.body[1:], strict=False):
        if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)):
            out[node.target.id] = inspect.cleandoc(after.value.value)
    return out


def field_description(model: type[BaseModel], name: str) -> str | None:
    """The description of field ``name`` of ``model`` in the schema: its ``Field``
    description, else its attribute docstring (in ``model`` or a base)."""
    field = model.model_fields[name]
    if field.description:
        return field.description
    return next((d[name] for c in model.__mro__ if isinstance(c, type)
                 and (d := _attribute_docstrings(c)).get(name)), None)


def _models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model class reachable from ``model`` through its fields, by class name (the
    schema's definition names)."""
    found: dict[str, type[BaseModel]] = {}

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if found.get(tp.__name__) is tp:
                return
            found[tp.__name__] = tp
            for field in tp.model_fields.values():
                visit(field.annotation)
        for arg in getattr(tp, "__args__", ()) or ():
            visit(arg)
        origin = getattr(tp, "__origin__", None)
        if origin is not None:
            visit(origin)
        for meta in getattr(tp, "__metadata__", ()) or ():
            visit(meta)

    visit(model)
    return found


def _describe(schema: dict[str, Any], cls: type[BaseModel]) -> None:
    """Give each property of ``schema`` (the definition of ``cls``) its attribute docstring,
    unless its ``Field`` states a description (a docstring overrides the description of the
    field's type, as in pydantic); keys stay in pydantic's sorted order."""
    props = schema.get("properties")
    if not isinstance(props, dict):
        return
    for name, field in cls.model_fields.items():
        key = field.alias or name
        prop = props.get(key)
        if not isinstance(prop, dict) or field.description:
            continue
        doc = field_description(cls, name)
        if doc:
            props[key] = dict(sorted({**prop, "description": doc}.items()))


def _schema(model: type[BaseModel], schema_id: str, title: str) -> dict[str, Any]:
    raw = model.model_json_schema(by_alias=True, mode="validation")
    models = _models(model)
    _describe(raw, model)
    for name, definition in raw.get("$defs", {}).items():
        if name in models:
            _describe(definition, models[name])
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
