"""Load plan files: strict YAML, format version, includes, pydantic validation, and every
problem mapped back to ``file:line:col`` with its JSON path."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pacspec.diagnostics import (
    JsonPath,
    PathPart,
    PlanError,
    Problem,
)
from pacspec.model.plan import FORMAT_VERSION, RULE_SECTIONS, Plan, RuleFile
from pacspec.validation import found_text, problems_from_validation
from pacspec.yamlio import Mark, YamlDocument, load_yaml, load_yaml_file


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
                            f"{found_text(data)}", "start it with 'pacspec: 1'")]
    if "pacspec" not in data:
        return [_problem_at(doc, "missing-key", (), "required key 'pacspec' (format version) is "
                            "missing", f"add 'pacspec: {FORMAT_VERSION}' as the first line")]
    version = data["pacspec"]
    if not isinstance(version, int) or isinstance(version, bool):
        text = version.strip() if isinstance(version, str) else ""
        return [_problem_at(doc, "type", ("pacspec",),
                            f"the format version must be the whole number {FORMAT_VERSION}, "
                            f"found {found_text(version)}",
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
