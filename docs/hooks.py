"""mkdocs hooks: generate the reference pages from the code, at build time.

mkdocs.yml loads this file (``hooks: [docs/hooks.py]``). It runs in the environment where
pacspec is installed and replaces three placeholder comments in the pages:

``<!-- pacspec:plan-reference -->``
    one table per object of the plan file and of the rule file, from
    :func:`pacspec.schema.plan_schema` and :func:`pacspec.schema.rules_schema` (keys, types,
    defaults and the descriptions the schema carries), with links between objects;
``<!-- pacspec:cli-reference -->``
    the help of ``pacspec`` and of every command, from :func:`pacspec.cli.build_parser`;
``<!-- pacspec:api-reference -->``
    the public Python API (``pacspec.__all__``, ``pacspec.engine.__all__``,
    ``pacspec.report.write_report`` and the figure functions of ``pacspec.report.plots``),
    from signatures and docstrings;
``<!-- pacspec:lint-codes -->``
    the codes of the lint checks, from the registry of :mod:`pacspec.lint`: an index of
    every code, then one table per family of checks (severity, cause, fix), from the
    ``CODES`` each family module declares.

Because the reference is generated on every build, it cannot drift from the code. Only the
standard library, mkdocs and pacspec are used.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import importlib
import inspect
import itertools
import json
import os
import re
import textwrap
from typing import Any

PLACEHOLDERS = {
    "<!-- pacspec:plan-reference -->": "plan_reference",
    "<!-- pacspec:cli-reference -->": "cli_reference",
    "<!-- pacspec:api-reference -->": "api_reference",
    "<!-- pacspec:lint-codes -->": "lint_codes",
}


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    for marker, name in PLACEHOLDERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, globals()[name]())
    return markdown


# ----------------------------------------------------------------------------- helpers


def _cell(text: str) -> str:
    """Text fit for one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(text: str) -> str:
    """An inline code span that survives any backtick in ``text``."""
    ticks = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


_ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc|obj):`(~?)([^`]+)`")


def _rest_to_md(text: str, links: dict[str, str] | None = None) -> str:
    """The reST of a docstring (roles, ``literals``, ``::`` blocks, doctests) as Markdown."""
    links = links or {}

    def role(m: re.Match[str]) -> str:
        tilde, target = m.group(1), m.group(2)
        shown = target.rsplit(".", 1)[-1] if tilde else target
        key = target.rsplit(".", 1)[-1]
        anchor = links.get(target) or links.get(key)
        return f"[`{shown}`](#{anchor})" if anchor else f"`{shown}`"

    text = _ROLE.sub(role, text)
    text = re.sub(r"``(.+?)``", lambda m: _code(m.group(1)), text, flags=re.S)
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith(">>>"):
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i].strip())
                i += 1
            out += ["", "```pycon", *block, "```", ""]
            continue
        if line.rstrip().endswith("::") and not line.strip().startswith(".."):
            stripped = line.rstrip()[:-1]
            out.append(stripped if stripped.strip() else "")
            i += 1
            block = []
            while i < len(lines) and (not lines[i].strip() or lines[i].startswith((" ", "\t"))):
                block.append(lines[i])
                i += 1
            body = textwrap.dedent("\n".join(block)).strip("\n")
            out += ["", "```text", body, "```", ""]
            continue
        bullet = re.match(r"^\s*[*-] ", line)
        if bullet and out and out[-1].strip() and not re.match(r"^\s*[*-] |^\s+\S", out[-1]):
            out.append("")
        out.append(line)
        i += 1
    return "\n".join(out)


def _group(text: str) -> str:
    """Parenthesise a compound type inside another one."""
    return f"({text})" if " or " in text or ", " in text else text


def _yaml_value(value: Any) -> str:
    """A default value as it would be written in a plan file."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return value if re.fullmatch(r"[A-Za-z0-9_.\- ]+", value) and value.strip() == value \
            else json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_yaml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


# ------------------------------------------------------------------- plan file reference

_SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"


def _ref_name(node: dict[str, Any]) -> str | None:
    ref = node.get("$ref")
    return ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None


def _anchor(name: str) -> str:
    return name.lower()


class _SchemaDoc:
    """Render the definitions of one JSON Schema as Markdown tables."""

    def __init__(self, schema: dict[str, Any], models: dict[str, Any], root: str) -> None:
        self.schema = schema
        self.defs: dict[str, dict[str, Any]] = schema.get("definitions", {})
        self.models = models
        self.root = root
        """Name of the model of the file's top level (``Plan`` or ``RuleFile``)."""

    # -- types
    def type_of(self, node: dict[str, Any]) -> str:
        name = _ref_name(node)
        if name:
            return f"[{name}](#{_anchor(name)})"
        if "anyOf" in node:
            parts = [p for p in node["anyOf"] if p.get("type") != "null"]
            texts: list[str] = []
            for p in parts:
                t = self.type_of(p)
                if t not in texts:
                    texts.append(t)
            return " or ".join(texts) if texts else "null"
        if "const" in node:
            return _code(_yaml_value(node["const"]))
        if "enum" in node:
            return "one of " + ", ".join(_code(_yaml_value(v)) for v in node["enum"])
        kind = node.get("type")
        if kind == "array":
            items = node.get("items")
            if isinstance(items, list):
                return "[" + ", ".join(self.type_of(i) for i in items) + "]"
            text = "list of " + (_group(self.type_of(items)) if items else "values")
            lo, hi = node.get("minItems"), node.get("maxItems")
            if lo is not None and lo == hi:
                text += f" (exactly {lo})"
            elif lo:
                text += f" (at least {lo})"
            return text
        if kind == "object":
            values = node.get("additionalProperties")
            keys = node.get("propertyNames", {}).get("enum")
            key_text = ("/".join(_code(k) for k in keys)) if keys else "text"
            if isinstance(values, dict):
                return f"mapping of {key_text} → {_group(self.type_of(values))}"
            return "mapping"
        if kind == "string":
            pattern = node.get("pattern")
            if node.get("format") == "date":
                return "date (`YYYY-MM-DD`)"
            if pattern == _SLUG_PATTERN:
                return "id"
            if pattern == r"^\d{4}-\d{2}(-\d{2})?$":
                return "date (`YYYY-MM-DD` or `YYYY-MM`)"
            if pattern and "[01?]" in pattern:
                return "code pattern"
            if pattern:
                return f"text matching {_code(pattern)}"
            if node.get("maxLength") == 1:
                return "one character"
            return "text"
        if kind in ("number", "integer"):
            word = "integer" if kind == "integer" else "number"
            bounds = []
            if "minimum" in node and "maximum" in node:
                bounds.append(f"{_yaml_value(node['minimum'])} to {_yaml_value(node['maximum'])}")
            else:
                if "minimum" in node:
                    bounds.append(f"≥ {_yaml_value(node['minimum'])}")
                if "maximum" in node:
                    bounds.append(f"≤ {_yaml_value(node['maximum'])}")
            if "exclusiveMinimum" in node:
                bounds.append(f"> {_yaml_value(node['exclusiveMinimum'])}")
            if "exclusiveMaximum" in node:
                bounds.append(f"< {_yaml_value(node['exclusiveMaximum'])}")
            return word + (f", {', '.join(bounds)}" if bounds else "")
        if kind == "boolean":
            return "`true` or `false`"
        if "anyOf" not in node and not kind:
            return "any"
        return str(kind)

    # -- defaults
    def default_of(self, owner: str | None, key: str, node: dict[str, Any],
                   required: bool) -> str:
        if required:
            return "*required*"
        if "default" in node:
            value = node["default"]
            return "none" if value is None else _code(_yaml_value(value))
        # default_factory fields: the schema has no default; ask the model
        model = self.models.get(owner or self.root)
        field = None
        if model is not None:
            for name, f in model.model_fields.items():
                if (f.alias or name) == key:
                    field = f
                    break
        if field is not None:
            value = field.get_default(call_default_factory=True)
            if hasattr(value, "model_dump"):
                value = value.model_dump(exclude_defaults=True)
            return _code(_yaml_value(value))
        return "`{}`" if _ref_name(node) else "none"

    # -- where each definition is used
    def parents(self) -> dict[str, list[tuple[str | None, str]]]:
        """For each definition, the (object, key) pairs that refer to it."""
        out: dict[str, list[tuple[str | None, str]]] = {}

        def refs(node: Any) -> set[str]:
            found: set[str] = set()
            if isinstance(node, dict):
                name = _ref_name(node)
                if name:
                    found.add(name)
                for v in node.values():
                    found |= refs(v)
            elif isinstance(node, list):
                for v in node:
                    found |= refs(v)
            return found

        owners: list[tuple[str | None, dict[str, Any]]] = [(None, self.schema)]
        owners += list(self.defs.items())
        for owner, body in owners:
            for key, prop in body.get("properties", {}).items():
                for name in sorted(refs(prop)):
                    out.setdefault(name, []).append((owner, key))
        return out

    def paths(self) -> dict[str, list[str]]:
        """For each definition, its YAML paths from the top of the file (no recursion)."""
        out: dict[str, list[str]] = {}

        def walk(node: Any, path: str, chain: tuple[str, ...]) -> None:
            if isinstance(node, list):
                for v in node:
                    walk(v, path, chain)
                return
            if not isinstance(node, dict):
                return
            name = _ref_name(node)
            if name:
                if name in chain:
                    return
                out.setdefault(name, [])
                if path not in out[name]:
                    out[name].append(path)
                body = self.defs.get(name, {})
                for key, prop in body.get("properties", {}).items():
                    walk(prop, f"{path}.{key}" if path else key, (*chain, name))
                return
            if node.get("type") == "array" and isinstance(node.get("items"), dict):
                walk(node["items"], path + "[]", chain)
                return
            if node.get("type") == "object" and isinstance(node.get("additionalProperties"), dict):
                walk(node["additionalProperties"], path + ".*", chain)
                return
            for v in node.get("anyOf", []):
                walk(v, path, chain)

        for key, prop in self.schema.get("properties", {}).items():
            walk(prop, key, ())
        return out

    def direct_ref(self, node: dict[str, Any]) -> str | None:
        """The definition a key holds directly, or as the items of its list."""
        name = _ref_name(node)
        if name:
            return name
        for part in node.get("anyOf", []):
            found = self.direct_ref(part)
            if found:
                return found
        items = node.get("items")
        return self.direct_ref(items) if isinstance(items, dict) else None

    def dfs_order(self) -> list[str]:
        """Definitions in the order a reader meets them, from the top of the file."""
        order: list[str] = []

        def visit(node: Any) -> None:
            if isinstance(node, list):
                for v in node:
                    visit(v)
            elif isinstance(node, dict):
                name = _ref_name(node)
                if name:
                    if name not in order:
                        order.append(name)
                        for prop in self.defs[name].get("properties", {}).values():
                            visit(prop)
                    return
                for v in node.values():
                    visit(v)

        visit(self.schema.get("properties", {}))
        return order

    # -- tables
    def table(self, owner: str | None, body: dict[str, Any]) -> str:
        required = set(body.get("required", []))
        rows = ["| Key | Type | Default | Description |", "|---|---|---|---|"]
        for key, prop in body.get("properties", {}).items():
            desc = prop.get("description", "")
            if not desc and _ref_name(prop):
                desc = self.defs.get(_ref_name(prop) or "", {}).get("description", "")
            desc = re.sub(r"\bsee SUBTYPES\b", "see [the subtypes](#subtypes)", desc)
            rows.append("| " + " | ".join([
                f"`{key}`", _cell(self.type_of(prop)),
                _cell(self.default_of(owner, key, prop, key in required)),
                _cell(_rest_to_md(desc)),
            ]) + " |")
        return "\n".join(rows)

    def object_block(self, name: str, level: int, where: str, title: str | None = None) -> str:
        body = self.defs[name]
        head = "#" * level
        parts = [f"{head} {title or name} {{#{_anchor(name)}}}", ""]
        desc = body.get("description")
        if desc:
            parts += [_rest_to_md(desc), ""]
        if where:
            parts += [where, ""]
        parts.append(self.table(name, body))
        parts.append("")
        extra = _EXTRAS.get(name)
        if extra:
            parts += [extra(), ""]
        return "\n".join(parts)


def _subtypes_table() -> str:
    from pacspec.i18n import label
    from pacspec.model.actions import SUBTYPES

    rows = ["#### Action subtypes {#subtypes}", "",
            "Allowed `subtype` values for each `type`, with the labels reports show:", "",
            "| `type` | `subtype` | Label (fr) | Label (en) |", "|---|---|---|---|"]
    for kind, subtypes in SUBTYPES.items():
        for sub in subtypes:
            rows.append(f"| `{kind}` | `{sub}` | {label('subtype_' + sub, 'fr')} | "
                        f"{label('subtype_' + sub, 'en')} |")
    return "\n".join(rows)


def _metric_rows() -> list[tuple[str, str, str, str, bool]]:
    """``(metric, label fr, label en, unit, cumulative)`` of every KPI metric, from the KPI
    registry (``pacspec.engine.kpis``, one module per metric)."""
    from pacspec.engine import kpis

    return [(s.metric, s.labels["fr"], s.labels["en"], str(s.unit), s.cumulative)
            for s in kpis.specs()]


def _metrics_table() -> str:
    rows = ["The `metric` values (formulas on the [steering page](steering.md#kpis-and-formulas)):",
            "", "| `metric` | Label (fr) | Label (en) | Shown as | Target compared |",
            "|---|---|---|---|---|"]
    for metric, fr, en, unit, cumulative in _metric_rows():
        to_date = "pro rata of the time elapsed" if cumulative else "as it is"
        rows.append(f"| `{metric}` | {fr} | {en} | {unit.replace('_', ' ')} | {to_date} |")
    return "\n".join(rows)


_EXTRAS = {"Action": _subtypes_table, "Kpi": _metrics_table}


def _models_by_name() -> dict[str, Any]:
    """Every pydantic model reachable from Plan and RuleFile, by class name."""
    from pydantic import BaseModel

    from pacspec.model.plan import Plan, RuleFile

    found: dict[str, Any] = {}

    def visit(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp.__name__ in found:
                return
            found[tp.__name__] = tp
            for f in tp.model_fields.values():
                visit(f.annotation)
        for arg in getattr(tp, "__args__", ()) or ():
            visit(arg)

    visit(Plan)
    visit(RuleFile)
    return found


def plan_reference() -> str:
    from pacspec.schema import plan_schema, rules_schema

    models = _models_by_name()
    doc = _SchemaDoc(plan_schema(), models, "Plan")
    parents = doc.parents()
    paths = doc.paths()

    # Each definition is listed under the one top-level key that reaches it; definitions
    # that several top-level keys reach are listed at the end, as shared objects.
    reach = {name: {p.split(".")[0].split("[")[0] for p in ps} for name, ps in paths.items()}
    order = doc.dfs_order()
    shared = [n for n in order if len(reach.get(n, ())) != 1]

    def where(name: str) -> str:
        users = parents.get(name, [])
        if users and all(owner in shared for owner, _ in users):
            by_owner: dict[str, list[str]] = {}
            for owner, key in users:
                by_owner.setdefault(owner or "", []).append(_code(key))
            return "Used by " + "; ".join(
                f"[{o}](#{_anchor(o)}): " + ", ".join(keys) for o, keys in by_owner.items()) + "."
        return "At " + ", ".join(_code(p) for p in paths.get(name, [])) + "."

    out = ["## Top level {#top-level}", "",
           _rest_to_md(doc.schema.get("description", "")), "",
           doc.table(None, doc.schema), ""]
    for key, prop in doc.schema["properties"].items():
        group = [n for n in order if reach.get(n) == {key}]
        if not group:
            continue
        primary = doc.direct_ref(prop)
        if primary in group:
            group.remove(primary)
            out.append(doc.object_block(primary, 2, "", title=f"`{key}`"))
        else:
            out += [f"## `{key}`", ""]
        for name in group:
            out.append(doc.object_block(name, 3, where(name)))
    if shared:
        out += ["## Shared objects {#shared-objects}", "",
                "Objects used in several sections of the plan.", ""]
        for name in shared:
            out.append(doc.object_block(name, 3, where(name)))

    # rule files: the root table, and any definition the plan schema does not have
    rules = rules_schema()
    rdoc = _SchemaDoc(rules, models, "RuleFile")
    out += ["## Rule files (`*.rules.yaml`) {#rule-file}", "",
            _rest_to_md(rules.get("description", "")), "",
            rdoc.table(None, rules), ""]
    for name, body in rules.get("definitions", {}).items():
        if doc.defs.get(name) != body:
            out.append(rdoc.object_block(name, 3, ""))
    return "\n".join(out)


# -------------------------------------------------------------------------- CLI reference


def cli_reference() -> str:
    from pacspec.cli import build_parser

    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "92"
    try:
        parser = build_parser()
        sub_action = next(a for a in parser._actions
                          if isinstance(a, argparse._SubParsersAction))
        helps = {a.dest: a.help for a in sub_action._choices_actions}
        out = ["## `pacspec`", "", "```text", parser.format_help().rstrip(), "```", "",
               "| Command | What it does |", "|---|---|"]
        for name in sub_action.choices:
            out.append(f"| [`pacspec {name}`](#pacspec-{name}) | {_cell(helps.get(name) or '')} |")
        out.append("")
        for name, sub in sub_action.choices.items():
            text = helps.get(name) or ""
            out += [f"## `pacspec {name}` {{#pacspec-{name}}}", "",
                    text[:1].upper() + text[1:] + ".", "",
                    "```text", sub.format_help().rstrip(), "```", ""]
            defaults = []
            for action in sub._actions:
                value = action.default
                if (action.option_strings and value not in (None, False, argparse.SUPPRESS)
                        and action.dest != "help"):
                    defaults.append(f"{_code(action.option_strings[-1])}: {_code(str(value))}")
            if defaults:
                out += ["Defaults: " + ", ".join(defaults) + ".", ""]
        return "\n".join(out)
    finally:
        if saved is None:
            os.environ.pop("COLUMNS", None)
        else:
            os.environ["COLUMNS"] = saved


# -------------------------------------------------------------------------- API reference


def _annotation(value: Any) -> str:
    if value is inspect.Parameter.empty:
        return ""
    if isinstance(value, str):
        return value
    return inspect.formatannotation(value)


def _default(value: Any) -> str:
    """A parameter default as Python shows it (dataclass factories read ``<factory>``)."""
    return repr(value)


def _signature(name: str, obj: Any, skip_self: bool = False) -> str:
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return name
    parts: list[str] = []
    star_done = False
    previous = None
    params = list(sig.parameters.values())
    if skip_self and params and params[0].name in ("self", "cls"):
        params = params[1:]
    for p in params:
        if p.kind is p.KEYWORD_ONLY and not star_done and previous is not p.VAR_POSITIONAL:
            parts.append("*")
            star_done = True
        if previous is p.POSITIONAL_ONLY and p.kind is not p.POSITIONAL_ONLY:
            parts.append("/")
        text = p.name
        if p.kind is p.VAR_POSITIONAL:
            text = "*" + text
            star_done = True
        elif p.kind is p.VAR_KEYWORD:
            text = "**" + text
        ann = _annotation(p.annotation)
        if ann:
            text += f": {ann}"
        if p.default is not p.empty:
            text += (" = " if ann else "=") + _default(p.default)
        parts.append(text)
        previous = p.kind
    ret = _annotation(sig.return_annotation)
    one_line = f"{name}({', '.join(parts)})" + (f" -> {ret}" if ret else "")
    if len(one_line) <= 88:
        return one_line
    inner = ",\n".join("    " + x for x in parts)
    return f"{name}(\n{inner},\n)" + (f" -> {ret}" if ret else "")


def _attribute_docs(cls: type) -> dict[str, str]:
    """Docstrings written under class attributes (``x: int`` then ``\"\"\"...\"\"\"``)."""
    docs: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass is object:
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        except (OSError, TypeError, SyntaxError):
            continue
        body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
        for node, nxt in itertools.pairwise(body):
            if (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                    and isinstance(nxt, ast.Expr) and isinstance(nxt.value, ast.Constant)
                    and isinstance(nxt.value.value, str)):
                docs[node.target.id] = inspect.cleandoc(nxt.value.value)
    return docs


def _first_paragraph(doc: str) -> str:
    return doc.strip().split("\n\n")[0]


#: Pointers from the API entries to the pages that explain them.
_API_NOTES = {
    "pacspec.engine.steer": "The formulas are explained on the [steering page](steering.md).",
    "pacspec.engine.write_snapshot": "See [snapshots and trends](steering.md#snapshots-and-trends).",
    "pacspec.report.write_report": "See [Reports and charts](reports.md).",
}


def _api_anchor(qualname: str) -> str:
    """``pacspec.engine.steer`` -> ``pacspec-engine-steer`` (dunder names lose their
    underscores, which Markdown would read as emphasis)."""
    return re.sub(r"__(\w+)__", r"\1", qualname).replace(".", "-").lower()


class _Api:
    def __init__(self) -> None:
        self.entries: list[tuple[str, str, Any, str]] = []  # section, qualified name, obj, anchor
        self.links: dict[str, str] = {}
        self.members: dict[str, list[str]] = {}

    def add(self, section: str, qualname: str, obj: Any) -> None:
        anchor = _api_anchor(qualname)
        self.entries.append((section, qualname, obj, anchor))
        short = qualname.rsplit(".", 1)[-1]
        self.links.setdefault(short, anchor)
        self.links.setdefault(qualname, anchor)
        module = getattr(obj, "__module__", None)
        if module and hasattr(obj, "__qualname__"):
            self.links.setdefault(f"{module}.{obj.__qualname__}", anchor)
        if inspect.isclass(obj):
            for name in vars(obj):
                if not name.startswith("_"):
                    self.links.setdefault(f"{short}.{name}", f"{anchor}-{name.lower()}")
                    self.members.setdefault(name, []).append(f"{anchor}-{name.lower()}")

    def finish(self) -> None:
        """Link bare member names that only one documented class has."""
        for name, anchors in self.members.items():
            if len(anchors) == 1:
                self.links.setdefault(name, anchors[0])

    def doc(self, obj: Any) -> str:
        text = inspect.getdoc(obj) or ""
        return _rest_to_md(text, self.links)

    def render_function(self, qualname: str, obj: Any, anchor: str) -> str:
        short = qualname.rsplit(".", 1)[-1]
        out = [f"### `{short}` {{#{anchor}}}", "", "```python", _signature(qualname, obj),
               "```", "", self.doc(obj), ""]
        if qualname in _API_NOTES:
            out += [_API_NOTES[qualname], ""]
        return "\n".join(out)

    def render_class(self, qualname: str, cls: type, anchor: str) -> str:
        short = qualname.rsplit(".", 1)[-1]
        bases = [b.__name__ for b in cls.__bases__ if b is not object]
        head = f"class {qualname}" + (f"({', '.join(bases)})" if bases else "")
        out = [f"### `{short}` {{#{anchor}}}", "", "```python", head, "```", "",
               self.doc(cls), ""]
        is_model = hasattr(cls, "model_fields")
        if is_model:
            where = "plan-reference.md#rule-file" if short == "RuleFile" else "plan-reference.md"
            out += ["A pydantic model; every key and its meaning is in the "
                    f"[plan file reference]({where}).", ""]
            return "\n".join(out)
        if dataclasses.is_dataclass(cls):
            attr_docs = _attribute_docs(cls)
            hints = {f.name: f for f in dataclasses.fields(cls) if not f.name.startswith("_")}
            if hints:
                out += ["| Attribute | Type | Description |", "|---|---|---|"]
                for fname, f in hints.items():
                    ftype = f.type if isinstance(f.type, str) else _annotation(f.type)
                    out.append(f"| `{fname}` | {_cell(_code(ftype))} | "
                               f"{_cell(_rest_to_md(attr_docs.get(fname, ''), self.links))} |")
                out.append("")
        members = []
        fields = {f.name for f in dataclasses.fields(cls)} if dataclasses.is_dataclass(cls) \
            else set()
        for name, value in vars(cls).items():
            if name.startswith("_") or name in fields:
                continue
            if isinstance(value, property):
                ret = ""
                if value.fget is not None:
                    ret = _annotation(inspect.signature(value.fget).return_annotation)
                members.append((name, f"{name}: {ret}" if ret else name, value.fget, "property"))
            elif isinstance(value, (staticmethod, classmethod)):
                func = value.__func__
                members.append((name, _signature(f"{short}.{name}", func,
                                                 skip_self=isinstance(value, classmethod)),
                                func, type(value).__name__))
            elif inspect.isfunction(value):
                members.append((name, _signature(name, value, skip_self=True), value, "method"))
        for name, sig, func, kind in members:
            out += [f"#### `{short}.{name}` {{#{anchor}-{name.lower()}}}", "",
                    "```python", ("@property\n" if kind == "property" else
                                  f"@{kind}\n" if kind in ("classmethod", "staticmethod")
                                  else "") + sig, "```", ""]
            text = self.doc(func) if func is not None and inspect.getdoc(func) else ""
            if text:
                out += [text, ""]
        return "\n".join(out)

    def render(self, qualname: str, obj: Any, anchor: str) -> str:
        if inspect.isclass(obj):
            return self.render_class(qualname, obj, anchor)
        if callable(obj):
            return self.render_function(qualname, obj, anchor)
        short = qualname.rsplit(".", 1)[-1]
        return "\n".join([f"### `{short}` {{#{anchor}}}", "", "```python",
                          f"{qualname} = {obj!r}", "```", ""])


def api_reference() -> str:
    import pacspec
    import pacspec.engine
    import pacspec.report
    import pacspec.report.plots

    api = _Api()
    seen: dict[int, str] = {}
    aliases: dict[str, list[str]] = {}
    sections = [
        ("pacspec", "The package `pacspec`", [(f"pacspec.{n}", getattr(pacspec, n))
                                             for n in pacspec.__all__]),
        ("pacspec.engine", "The engine `pacspec.engine`",
         [(f"pacspec.engine.{n}", getattr(pacspec.engine, n)) for n in pacspec.engine.__all__]),
        ("pacspec.report", "Reports `pacspec.report`",
         [("pacspec.report.write_report", pacspec.report.write_report)]
         + [(f"pacspec.report.plots.{n}", getattr(pacspec.report.plots, n))
            for n in pacspec.report.plots.__all__]),
    ]
    for section, _title, items in sections:
        for qualname, obj in items:
            key = id(obj)
            if key in seen and not isinstance(obj, str):
                aliases.setdefault(section, []).append(
                    f"[`{qualname}`](#{seen[key]})")
                continue
            seen[key] = _api_anchor(qualname)
            api.add(section, qualname, obj)
    api.finish()
    out: list[str] = []
    for section, title, _items in sections:
        out += [f"## {title} {{#{section.replace('.', '-')}}}", ""]
        module = importlib.import_module(section)
        summary = _first_paragraph(inspect.getdoc(module) or "")
        if summary:
            out += [_rest_to_md(summary, api.links), ""]
        entries = [e for e in api.entries if e[0] == section]
        out += ["| Name | What it is |", "|---|---|"]
        for _s, qualname, obj, anchor in entries:
            first = _first_paragraph(inspect.getdoc(obj) or "") if not isinstance(obj, str) \
                else "The version of pacspec."
            out.append(f"| [`{qualname.rsplit('.', 1)[-1]}`](#{anchor}) | "
                       f"{_cell(_rest_to_md(first, api.links))} |")
        out.append("")
        if section in aliases:
            out += ["Also here, documented above: " + ", ".join(aliases[section]) + ".", ""]
        for _s, qualname, obj, anchor in entries:
            out.append(api.render(qualname, obj, anchor))
    return "\n".join(out)


# ------------------------------------------------------------------------ lint codes


def _severities(severities: Any) -> str:
    return " or ".join(severities)


def lint_codes() -> str:
    """The index of the lint codes, then one section per family of checks."""
    from pacspec.lint import FAMILIES, codes

    def anchor(family: Any) -> str:
        return "lint-" + family.name.replace("_", "-")

    def link(family: Any) -> str:
        return f"[{family.title}](#{anchor(family)})"

    out = ["| Code | Severity | Family |", "|---|---|---|"]
    for name, declared in codes().items():
        severities = list(dict.fromkeys(s for _f, code in declared for s in code.severities))
        families = ", ".join(link(family) for family, _c in declared)
        out.append(f"| `{name}` | {_severities(severities)} | {families} |")
    out += ["", "The codes are the same in every language; the messages and hints of the "
            "problems follow the plan's `locale`, or `pacspec validate --lang fr|en` (see "
            "[messages in your language](#messages-in-your-language)).", ""]
    for family in FAMILIES:
        where = ("plans, and rule files on their own" if family.rule_files else "plans")
        out += [f"### {family.title} {{#{anchor(family)}}}", "",
                f"{family.summary} Checks {where}; module `pacspec.lint.{family.name}`.", "",
                "| Code | Severity | Cause | Fix |", "|---|---|---|---|"]
        for name, code in family.codes.items():
            out.append(f"| `{name}` | {_severities(code.severities)} | "
                       f"{_cell(code.description)} | {_cell(code.fix)} |")
        out.append("")
    return "\n".join(out)
