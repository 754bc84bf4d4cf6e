"""Load plan files: strict YAML, format version, includes, pydantic validation, and every
problem mapped back to ``file:line:col`` with its JSON path."""

from __future__ import annotations

import os
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from pacspec.diagnostics import (
    JsonPath,
    PathPart,
    PlanError,
    Problem,
    did_you_mean,
)
from pacspec.model.plan import FORMAT_VERSION, RULE_SECTIONS, Plan, RuleFile
from pacspec.yamlio import Mark, YamlDocument, load_yaml, load_yaml_file

Locator = Callable[[Sequence[PathPart], bool], tuple[str, "Mark | None"]]


@dataclass
class SourceMap:
    """Where every part of a (possibly merged) plan came from."""

    main: str
    documents: dict[str, YamlDocument] = field(default_factory=dict)
    origins: dict[JsonPath, tuple[str, JsonPath]] = field(default_factory=dict)
    """Merged path prefix -> (source, path in that source), for sections taken from includes."""

    def locate(self, path: Sequence[PathPart], prefer_key: bool = False) -> tuple[str, Mark | None]:
        """The file and position of ``path`` in the merged plan (longest known prefix)."""
        source, inner = self.main, tuple(path)
        for cut in range(len(path), 0, -1):
            origin = self.origins.get(tuple(path[:cut]))
            if origin is not None:
                source, inner = origin[0], origin[1] + tuple(path[cut:])
                break
        doc = self.documents.get(source)
        if doc is None:
            return source, None
        mark, _ = doc.mark_for(inner, prefer_key=prefer_key)
        return source, mark

    def problem(
        self,
        severity: str,
        code: str,
        path: Sequence[PathPart],
        message: str,
        hint: str | None = None,
        prefer_key: bool = False,
    ) -> Problem:
        """A Problem positioned at ``path`` of the merged plan."""
        source, mark = self.locate(path, prefer_key)
        return Problem(
            severity=severity,  # type: ignore[arg-type]
            code=code,
            message=message,
            file=source,
            line=mark.line if mark else None,
            col=mark.col if mark else None,
            path=tuple(path),
            hint=hint,
        )


@dataclass
class LoadedPlan:
    """A validated plan and where its parts came from."""

    plan: Plan
    source: str
    base_dir: Path
    sources: SourceMap
    includes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- model walking


def _unwrap(tp: Any) -> list[Any]:
    """The alternatives of a type: Optional/Union/Annotated are flattened."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin is typing.Union or origin is types.UnionType:
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    return [tp]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _field_names(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def _step(tp: Any, part: PathPart) -> Any | None:
    for alt in _unwrap(tp):
        origin = typing.get_origin(alt)
        if isinstance(part, int):
            if origin in (list, tuple, Sequence):
                return typing.get_args(alt)[0]
            continue
        if _is_model(alt):
            names = _field_names(alt)
            if part in names:
                return names[part]
        elif origin is dict:
            return typing.get_args(alt)[1]
    return None


def known_keys(root: type[BaseModel], path: Sequence[PathPart]) -> list[str]:
    """The keys a mapping at ``path`` of ``root`` may have (for "did you mean")."""
    tp: Any = root
    for part in path:
        tp = _step(tp, part)
        if tp is None:
            return []
    keys: list[str] = []
    for alt in _unwrap(tp):
        if _is_model(alt):
            keys.extend(_field_names(alt))
    return keys


# ----------------------------------------------------------------------- error mapping


def _data_path(data: Any, loc: Sequence[PathPart]) -> JsonPath:
    """The path into the user's data that a pydantic ``loc`` designates, skipping pydantic's
    own parts (union member names, validator names)."""
    path: list[PathPart] = []
    node = data
    for part in loc:
        found, child = _child(node, part)
        if found:
            path.append(part)
            node = child
        elif isinstance(node, dict) and isinstance(part, str) and not _looks_internal(part):
            path.append(part)  # a missing key: kept so the message can name it
            break
        else:
            continue
    return tuple(path)


def _child(node: Any, part: PathPart) -> tuple[bool, Any]:
    """(True, node[part]) when ``part`` is a key or index of ``node``."""
    if isinstance(node, dict) and isinstance(part, str) and part in node:
        return True, node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


def _looks_internal(part: str) -> bool:
    return any(ch in part for ch in "[]()") or part in {
        "str", "int", "float", "bool", "list", "dict", "tuple", "none",
    }  # fmt: skip


def _found(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _clean_message(msg: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    if msg.startswith("Input should be "):
        msg = "expected " + msg[len("Input should be ") :]
    return msg


def problems_from_validation(
    exc: ValidationError, data: Any, model: type[BaseModel], sources: SourceMap
) -> list[Problem]:
    """Turn a pydantic ValidationError into positioned Problems (one per location)."""
    grouped: dict[JsonPath, list[Any]] = {}
    order: list[JsonPath] = []
    for err in exc.errors(include_url=False):
        kind = err["type"]
        loc = tuple(err["loc"])
        path = _data_path(data, loc)
        if path not in grouped:
            grouped[path] = []
            order.append(path)
        grouped[path].append(err)

    problems: list[Problem] = []
    for path in order:
        errs = grouped[path]
        first = errs[0]
        kind = first["type"]
        if kind == "extra_forbidden":
            key = str(path[-1]) if path else "?"
            candidates = known_keys(model, path[:-1])
            guess = did_you_mean(key, candidates)
            hint = f"did you mean '{guess}'?" if guess else (
                "allowed keys: " + ", ".join(candidates) if candidates else None
            )
            problems.append(
                sources.problem("error", "unknown-key", path, f"unknown key '{key}'", hint, True)
            )
        elif kind == "missing":
            key = str(path[-1]) if path else "?"
            problems.append(
                sources.problem(
                    "error",
                    "missing-key",
                    path,
                    f"required key '{key}' is missing",
                    f"add '{key}:' to this mapping",
                )
            )
        else:
            messages: list[str] = []
            for err in errs:
                msg = _clean_message(str(err["msg"]))
                if msg not in messages:
                    messages.append(msg)
            if kind == "literal_error":
                code = "literal"
            elif kind.endswith(("_type", "_parsing")) or kind in ("model_type", "dict_type"):
                code = "type"
            else:
                code = "value"
            message = messages[0] if len(messages) == 1 else "; or ".join(messages[:3])
            hint = None
            value = first.get("input")
            if kind == "literal_error" and isinstance(value, str):
                expected = first.get("ctx", {}).get("expected", "")
                options = [o.strip(" '\"") for o in str(expected).replace(" or ", ",").split(",")]
                guess = did_you_mean(value, [o for o in options if o])
                if guess:
                    hint = f"did you mean '{guess}'?"
            if kind == "bool_type":
                hint = "write true or false (YAML 1.2: yes, no, on and off are text)"
            if kind not in ("value_error", "assertion_error"):
                message += f", found {_found(value)}"
            at_key = "[key]" in first["loc"]
            if at_key:
                message = message.replace("expected", "expected a key that is", 1)
            problems.append(sources.problem("error", code, path, message, hint, at_key))
    return problems


# ------------------------------------------------------------------------------ loading


def _problem_at(doc: YamlDocument, code: str, path: JsonPath, message: str,
                hint: str | None = None, prefer_key: bool = False) -> Problem:
    mark, _ = doc.mark_for(path, prefer_key=prefer_key)
    return Problem(
        "error", code, message, doc.source, mark.line if mark else None,
        mark.col if mark else None, tuple(path), hint,
    )  # fmt: skip


def _check_version(doc: YamlDocument, what: str) -> list[Problem]:
    data = doc.data
    if data is None:
        return [Problem("error", "empty", f"the {what} is empty", doc.source, 1, 1,
                        hint="start it with 'pacspec: 1'; `pacspec init` writes a starter plan")]
    if not isinstance(data, dict):
        return [_problem_at(doc, "type", (), f"a {what} must be a mapping of keys, found "
                            f"{_found(data)}", "start it with 'pacspec: 1'")]
    if "pacspec" not in data:
        return [_problem_at(doc, "missing-key", (), "required key 'pacspec' (format version) is "
                            "missing", f"add 'pacspec: {FORMAT_VERSION}' as the first line")]
    version = data["pacspec"]
    if not isinstance(version, int) or isinstance(version, bool):
        text = version.strip() if isinstance(version, str) else ""
        return [_problem_at(doc, "type", ("pacspec",),
                            f"the format version must be the whole number {FORMAT_VERSION}, "
                            f"found {_found(version)}",
                            f"write it unquoted: 'pacspec: {text}'" if text.isdigit()
                            else f"write 'pacspec: {FORMAT_VERSION}'")]
    if version > FORMAT_VERSION:
        return [_problem_at(doc, "newer-format", ("pacspec",),
                            f"this {what} uses format {version}, but this pacspec reads format "
                            f"{FORMAT_VERSION} only", "upgrade pacspec: pip install -U pacspec")]
    return []


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _merge_includes(
    doc: YamlDocument,
    base_dir: Path,
    sources: SourceMap,
    merged: dict[str, Any],
    stack: list[Path],
    problems: list[Problem],
    included: list[str],
    merged_files: set[Path] | None = None,
) -> None:
    """Load the rule files ``doc`` includes, recursively, into ``merged``. A file reached
    twice (two rule files including the same third one) is merged once."""
    if merged_files is None:
        merged_files = set()
    data = doc.data
    includes = data.get("include") if isinstance(data, dict) else None
    if includes is None:
        return
    if not isinstance(includes, list) or not all(isinstance(i, str) for i in includes):
        problems.append(_problem_at(doc, "type", ("include",),
                                    "include must be a list of file paths", None))
        return
    for index, rel in enumerate(includes):
        target = (base_dir / rel).resolve()
        where: JsonPath = ("include", index)
        if target in stack:
            chain = " -> ".join(_display(p) for p in [*stack, target])
            problems.append(_problem_at(doc, "include-cycle", where,
                                        f"include cycle: {chain}",
                                        "remove one of the includes"))
            continue
        if target in merged_files:
            continue  # already included through another file (diamond): nothing new
        if not target.is_file():
            problems.append(_problem_at(doc, "include-not-found", where,
                                        f"included file '{rel}' not found "
                                        f"(looked for {_display(target)})",
                                        "paths are relative to the including file"))
            continue
        source = _display(target)
        try:
            sub = load_yaml_file(target, source=source)
        except PlanError as exc:
            problems.extend(exc.problems)
            continue
        sources.documents[source] = sub
        included.append(source)
        merged_files.add(target)
        version_problems = _check_version(sub, "rule file")
        if version_problems:
            problems.extend(version_problems)
            continue
        try:
            RuleFile.model_validate(sub.data)
        except ValidationError as exc:
            local = SourceMap(main=source, documents={source: sub})
            problems.extend(problems_from_validation(exc, sub.data, RuleFile, local))
            continue
        _merge_includes(sub, target.parent, sources, merged, [*stack, target], problems,
                        included, merged_files)
        for section in RULE_SECTIONS:
            if section not in sub.data:
                continue
            if section in merged:
                owner = sources.origins.get((section,), (sources.main, (section,)))[0]
                problems.append(_problem_at(
                    doc, "duplicate-section", where,
                    f"section '{section}' is defined both in {owner} and in {source}",
                    "keep one definition, or split the rule files",
                ))
                continue
            merged[section] = sub.data[section]
            sources.origins[(section,)] = (source, (section,))


def load_plan_document(
    doc: YamlDocument, base_dir: Path, file: Path | None = None
) -> LoadedPlan:
    """Validate an already parsed plan document (see :func:`load_plan`); ``file`` is the
    plan's own path, for include cycle detection."""
    problems = _check_version(doc, "plan file")
    if problems:
        raise PlanError(problems)
    sources = SourceMap(main=doc.source, documents={doc.source: doc})
    merged: dict[str, Any] = dict(doc.data)
    included: list[str] = []
    stack = [file.resolve()] if file is not None else []
    _merge_includes(doc, base_dir, sources, merged, stack, problems, included)
    try:
        plan = Plan.model_validate(merged)
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, merged, Plan, sources))
        plan = None
    if problems or plan is None:
        raise PlanError(sorted(problems, key=Problem.sort_key))
    return LoadedPlan(plan=plan, source=doc.source, base_dir=base_dir, sources=sources,
                      includes=included)


def load_plan(path: str | os.PathLike[str]) -> LoadedPlan:
    """Load and validate a plan file. Raises :class:`PlanError` with positioned problems."""
    file = Path(path)
    doc = load_yaml_file(file, source=str(path))
    return load_plan_document(doc, file.resolve().parent, file)


def load_plan_text(text: str, source: str = "<input>", base_dir: str | Path = ".") -> LoadedPlan:
    """Load and validate a plan from text; includes are resolved from ``base_dir``."""
    doc = load_yaml(text, source=source)
    return load_plan_document(doc, Path(base_dir).resolve())


def _code_periods(rules: RuleFile) -> int:
    """The number of RFM periods a rule file's code patterns are written for (the most
    common pattern length; 4 quarters when it has none)."""
    lengths: dict[int, int] = {}
    for section in (rules.profiles or [], rules.segments or []):
        for rule in section:
            for cond, _ in rule.when.walk():
                for pattern in cond.code_patterns() or []:
                    lengths[len(pattern)] = lengths.get(len(pattern), 0) + 1
    return max(lengths, key=lambda n: (lengths[n], n)) if lengths else 4


def load_rule_file(path: str | os.PathLike[str]) -> LoadedPlan:
    """Load and validate a rule file (``*.rules.yaml``) with its includes, for linting on
    its own: its sections are placed in a plan with a placeholder header, and the RFM period
    count is taken from its code patterns. Raises :class:`PlanError`."""
    file = Path(path)
    doc = load_yaml_file(file, source=str(path))
    problems = _check_version(doc, "rule file")
    if problems:
        raise PlanError(problems)
    sources = SourceMap(main=doc.source, documents={doc.source: doc})
    try:
        rules = RuleFile.model_validate(doc.data)
    except ValidationError as exc:
        raise PlanError(problems_from_validation(exc, doc.data, RuleFile, sources)) from None
    merged: dict[str, Any] = {k: v for k, v in doc.data.items() if k in RULE_SECTIONS}
    included: list[str] = []
    _merge_includes(doc, file.resolve().parent, sources, merged, [file.resolve()], problems,
                    included)
    if problems:
        raise PlanError(sorted(problems, key=Problem.sort_key))
    placeholder = {"company": "-", "business_unit": "-", "budget_year": 2000,
                   "plan_start": "2000-01-01"}
    data = {"pacspec": FORMAT_VERSION, "header": placeholder,
            "rfm": {"periods": {"count": _code_periods(rules)}}, **merged}
    plan = Plan.model_validate(data)  # the sections were validated as a RuleFile
    return LoadedPlan(plan=plan, source=doc.source, base_dir=file.resolve().parent,
                      sources=sources, includes=included)
