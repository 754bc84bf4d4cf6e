"""Load plan files: strict YAML, format version, includes, pydantic validation, and every
problem mapped back to ``file:line:col`` with its JSON path.

Includes are confined (DESIGN §3): a relative path must resolve, symlinks followed, inside
the repository root of the including file (the nearest folder above it holding ``.git``),
or inside its folder when it is not in a repository; ``allow_outside=True`` (``pacspec
--allow-outside``) lifts this for a trusted local run. ``pacspec:<name>`` includes a
built-in rule set (:mod:`pacspec.rulesets`), whose problems are placed at
``pacspec:<name>:line:col``. Only regular files are read, each bounded in size.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
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
from pacspec.fsio import UnreadableFile, check_path, excerpt
from pacspec.i18n import label
from pacspec.model import cache as model_cache
from pacspec.model.base import field_name
from pacspec.model.plan import FORMAT_VERSION, RULE_SECTIONS, Plan, RuleFile
from pacspec.validation import current_language, problems_from_validation
from pacspec.yamlio import Mark, YamlDocument, load_yaml, load_yaml_file

BUILTIN_PREFIX = "pacspec:"
"""``include: [pacspec:profiles-fr]`` names a built-in rule set."""


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
            hint_lead=label("hint_lead", current_language()),
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
        hint_lead=label("hint_lead", current_language()),
    )  # fmt: skip


def _text(key: str, /, **values: object) -> str:
    """A message of the label table in the language of the messages (see
    :func:`pacspec.validation.message_language`)."""
    return label(key, current_language(), **values)


def _found_short(value: Any) -> str:
    """What was found instead of a mapping or a version, without echoing a file that may
    not be a plan (``include: [/etc/passwd]``): a short, sanitised excerpt at most."""
    if isinstance(value, dict):
        return _text("exp_mapping")
    if isinstance(value, list):
        return _text("exp_list")
    if value is None:
        return _text("msg_found_null")
    if isinstance(value, str):
        return _text("msg_found_text", text=excerpt(value, 16))
    return excerpt(repr(value), 16)


def _check_version(doc: YamlDocument, kind: str) -> list[Problem]:
    """``kind``: ``plan_file`` or ``rule_file``."""
    data = doc.data
    what = _text(f"msg_what_{kind}")
    version_text = str(FORMAT_VERSION)
    if data is None:
        return [Problem("error", "empty", _text("msg_file_empty", what=what), doc.source, 1, 1,
                        hint=_text("hint_file_empty", version=version_text))]
    if not isinstance(data, dict):
        return [_problem_at(doc, "type", (), _text("msg_file_not_mapping", what=what,
                                                   found=_found_short(data)),
                            _text("hint_start_with_version", version=version_text))]
    if "pacspec" not in data:
        return [_problem_at(doc, "missing-key", (), _text("msg_version_missing"),
                            _text("hint_version_missing", version=version_text))]
    version = data["pacspec"]
    if not isinstance(version, int) or isinstance(version, bool):
        text = version.strip() if isinstance(version, str) else ""
        return [_problem_at(doc, "type", ("pacspec",),
                            _text("msg_version_type", version=version_text,
                                  found=_found_short(version)),
                            _text("hint_version_unquote", text=text) if text.isdigit()
                            else _text("hint_version_write", version=version_text))]
    if version > FORMAT_VERSION:
        return [_problem_at(doc, "newer-format", ("pacspec",),
                            _text("msg_newer_format", what=what, version=str(version),
                                  supported=version_text), _text("hint_newer_format"))]
    return []


def _display(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def repository_root(folder: Path) -> Path:
    """The folder include paths are confined to: the nearest folder at or above ``folder``
    (resolved) holding ``.git``, else ``folder`` itself."""
    start = Path(os.path.realpath(folder))
    for candidate in (start, *start.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return start


@dataclass
class _IncludeContext:
    """What every level of an include walk shares."""

    sources: SourceMap
    merged: dict[str, Any]
    problems: list[Problem]
    included: list[str]
    allow_outside: bool
    merged_files: set[str] = field(default_factory=set)
    roots: dict[Path, Path] = field(default_factory=dict)

    def root(self, folder: Path) -> Path:
        if folder not in self.roots:
            self.roots[folder] = repository_root(folder)
        return self.roots[folder]


def _resolve_include(doc: YamlDocument, rel: str, base_dir: Path, where: JsonPath,
                     ctx: _IncludeContext) -> Path | None:
    """The real path of the relative include ``rel`` of ``doc`` (its folder ``base_dir``), or
    None with a problem positioned at ``where``."""
    def refuse(code: str, message: str, hint: str | None) -> None:
        ctx.problems.append(_problem_at(doc, code, where, message, hint))

    shown = excerpt(rel, 80)
    try:
        check_path(rel)
        target = Path(os.path.realpath(base_dir / rel, strict=True))
    except UnreadableFile as exc:
        refuse("include-path", _text("msg_include_unusable", name=shown, reason=exc.reason),
               exc.hint)
        return None
    except FileNotFoundError:
        refuse("include-not-found", _text("msg_include_not_found", name=shown,
                                          path=_display(base_dir / rel)),
               _text("hint_include_relative"))
        return None
    except OSError as exc:
        reason = (_text("msg_symlink_loop") if exc.errno == errno.ELOOP
                  else exc.strerror or type(exc).__name__)
        refuse("include-path", _text("msg_include_unfollowable", name=shown, reason=reason),
               _text("hint_include_fix_link"))
        return None
    except ValueError as exc:
        refuse("include-path", _text("msg_include_unusable", name=shown, reason=str(exc)), None)
        return None
    root = ctx.root(base_dir)
    if not ctx.allow_outside and not target.is_relative_to(root):
        refuse("include-outside", _text("msg_include_outside", name=shown,
                                        target=excerpt(str(target), 120),
                                        root=excerpt(str(root), 120)),
               _text("hint_include_outside"))
        return None
    if not target.is_file():
        key = "msg_include_folder" if target.is_dir() else "msg_include_not_regular"
        refuse("include-not-a-file", _text(key, name=shown), _text("hint_include_name_rule_file"))
        return None
    return target


def _load_builtin(doc: YamlDocument, name: str, where: JsonPath, ctx: _IncludeContext
                  ) -> YamlDocument | None:
    from pacspec import rulesets  # importlib.resources: only for a built-in include

    if name not in rulesets.NAMES:
        close = did_you_mean(name, rulesets.NAMES)
        hint = (_text("hint_did_you_mean_quoted", value=BUILTIN_PREFIX + close) if close else
                _text("hint_builtin_sets",
                      names=", ".join(BUILTIN_PREFIX + n for n in rulesets.NAMES)))
        ctx.problems.append(_problem_at(doc, "include-not-found", where,
                                        _text("msg_unknown_builtin",
                                              name=excerpt(BUILTIN_PREFIX + name, 60)), hint))
        return None
    source = BUILTIN_PREFIX + name
    return load_yaml(rulesets.path(name).read_bytes(), source=source)


def _merge_includes(doc: YamlDocument, base_dir: Path | None, stack: list[str],
                    ctx: _IncludeContext) -> None:
    """Load the rule files ``doc`` includes, recursively, into ``ctx.merged``. A file reached
    twice (two rule files including the same third one) is merged once. ``base_dir`` is
    None for a built-in rule set (it may include other built-in ones only)."""
    data = doc.data
    includes = data.get("include") if isinstance(data, dict) else None
    if includes is None:
        return
    if not isinstance(includes, list) or not all(isinstance(i, str) for i in includes):
        ctx.problems.append(_problem_at(doc, "type", ("include",),
                                        _text("msg_include_not_list"), None))
        return
    for index, rel in enumerate(includes):
        where: JsonPath = ("include", index)
        builtin = rel.startswith(BUILTIN_PREFIX)
        target: Path | None = None
        if builtin:
            key = rel
        elif base_dir is None:
            ctx.problems.append(_problem_at(doc, "include-path", where,
                                            _text("msg_builtin_includes_builtin"),
                                            _text("hint_write_builtin")))
            continue
        else:
            target = _resolve_include(doc, rel, base_dir, where, ctx)
            if target is None:
                continue
            key = str(target)
        if key in stack:
            chain = " -> ".join(_display(Path(p)) if not p.startswith(BUILTIN_PREFIX) else p
                                for p in [*stack, key])
            ctx.problems.append(_problem_at(doc, "include-cycle", where,
                                            _text("msg_include_cycle", chain=chain),
                                            _text("hint_include_cycle")))
            continue
        if key in ctx.merged_files:
            continue  # already included through another file (diamond): nothing new
        try:
            if target is None:
                sub = _load_builtin(doc, rel[len(BUILTIN_PREFIX):], where, ctx)
                if sub is None:
                    continue
            else:
                sub = load_yaml_file(target, source=_display(target))
        except PlanError as exc:
            ctx.problems.extend(exc.problems)
            continue
        source = sub.source
        ctx.sources.documents[source] = sub
        ctx.included.append(source)
        ctx.merged_files.add(key)
        version_problems = _check_version(sub, "rule_file")
        if version_problems:
            ctx.problems.extend(version_problems)
            continue
        try:
            RuleFile.model_validate(sub.data)
        except ValidationError as exc:
            local = SourceMap(main=source, documents={source: sub})
            ctx.problems.extend(problems_from_validation(exc, sub.data, RuleFile, local))
            continue
        _merge_includes(sub, None if target is None else target.parent, [*stack, key], ctx)
        for section in RULE_SECTIONS:
            if section not in sub.data:
                continue
            if section in ctx.merged:
                owner = ctx.sources.origins.get((section,), (ctx.sources.main, (section,)))[0]
                ctx.problems.append(_problem_at(
                    doc, "duplicate-section", where,
                    _text("msg_duplicate_section", section=section, first=owner,
                          second=source),
                    _text("hint_duplicate_section"),
                ))
                continue
            ctx.merged[section] = sub.data[section]
            ctx.sources.origins[(section,)] = (source, (section,))


def _real(file: Path) -> str:
    try:
        return os.path.realpath(file)
    except (OSError, ValueError):
        return str(file)


def load_plan_document(
    doc: YamlDocument, base_dir: Path, file: Path | None = None, *,
    allow_outside: bool = False,
) -> LoadedPlan:
    """Validate an already parsed plan document (see :func:`load_plan`); ``file`` is the
    plan's own path, for include cycle detection."""
    model_cache.prepare()
    try:
        return _load_plan_document(doc, base_dir, file, allow_outside)
    finally:
        model_cache.save()


def _load_plan_document(doc: YamlDocument, base_dir: Path, file: Path | None,
                        allow_outside: bool) -> LoadedPlan:
    problems = _check_version(doc, "plan_file")
    if problems:
        raise PlanError(problems)
    sources = SourceMap(main=doc.source, documents={doc.source: doc})
    merged: dict[str, Any] = dict(doc.data)
    included: list[str] = []
    stack = [_real(file)] if file is not None else []
    ctx = _IncludeContext(sources, merged, problems, included, allow_outside)
    _merge_includes(doc, base_dir, stack, ctx)
    try:
        plan = Plan.model_validate(merged)
    except ValidationError as exc:
        problems.extend(problems_from_validation(exc, merged, Plan, sources))
        plan = None
    if plan is not None:
        problems.extend(quoted_numbers(merged, plan, sources))
    if problems or plan is None:
        raise PlanError(sorted(problems, key=Problem.sort_key))
    return LoadedPlan(plan=plan, source=doc.source, base_dir=base_dir, sources=sources,
                      includes=included)


def _model_child(node: Any, key: PathPart) -> Any:
    """The part of a validated value at ``key`` (a field alias, a dict key, a list index),
    or ``_NOTHING``."""
    if isinstance(node, BaseModel):
        name = field_name(type(node), key) if isinstance(key, str) else None
        return _NOTHING if name is None else getattr(node, name, _NOTHING)
    if isinstance(node, dict):
        return node.get(key, _NOTHING)
    if isinstance(node, list | tuple) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return _NOTHING


_NOTHING = object()


def quoted_numbers(data: Any, plan: Plan, sources: SourceMap) -> list[Problem]:
    """Errors (code ``quoted-number``) for the numbers written in quotes (``budget:
    "15000"``): pydantic would read them as numbers silently; pacspec, like for
    ``pacspec: "1"``, asks for the number itself, so that what the file says is what is
    computed. Found by walking the YAML data and the validated plan together."""
    out: list[Problem] = []
    todo: list[tuple[Any, Any, JsonPath]] = [(data, plan, ())]
    while todo:
        raw, value, path = todo.pop()
        if value is _NOTHING:
            continue
        if isinstance(raw, str):
            if isinstance(value, int | float) and not isinstance(value, bool):
                shown = raw.strip()
                out.append(sources.problem(
                    "error", "quoted-number", path,
                    _text("msg_quoted_number", text=excerpt(raw, 30)),
                    _text("hint_unquote_number", field=str(path[-1]), value=shown) if path
                    and isinstance(path[-1], str) and len(shown) <= 30
                    else _text("hint_unquote_number_plain")))
            continue
        if isinstance(raw, dict):
            todo.extend((v, _model_child(value, k), (*path, k)) for k, v in raw.items())
        elif isinstance(raw, list):
            todo.extend((v, _model_child(value, i), (*path, i)) for i, v in enumerate(raw))
    return out


def _plan_folder(file: Path) -> Path:
    return Path(_real(file)).parent


def _check_link(file: Path, allow_outside: bool) -> None:
    """Refuse a plan or rule file that is a symbolic link to a file outside the repository
    of the folder holding the link (before reading it), unless ``allow_outside``."""
    if allow_outside or not os.path.islink(file):
        return
    root = repository_root(file.parent if str(file.parent) else Path("."))
    target = Path(_real(file))
    if not target.is_relative_to(root):
        raise PlanError([Problem(
            "error", "plan-outside",
            _text("msg_plan_outside", name=excerpt(str(file), 120),
                  target=excerpt(str(target), 120), root=excerpt(str(root), 120)),
            str(file), hint=_text("hint_plan_outside"))])


def load_plan(path: str | os.PathLike[str], *, allow_outside: bool = False,
              document: YamlDocument | None = None) -> LoadedPlan:
    """Load and validate a plan file. Raises :class:`PlanError` with positioned problems.
    Includes must stay inside the plan's repository unless ``allow_outside``. ``document``
    is the file's YAML when the caller already parsed it (``load_yaml_file(path,
    source=str(path))``), so that it is not parsed twice."""
    file = Path(path)
    _check_link(file, allow_outside)
    doc = document if document is not None else load_yaml_file(file, source=str(path))
    return load_plan_document(doc, _plan_folder(file), file, allow_outside=allow_outside)


def load_plan_text(text: str, source: str = "<input>", base_dir: str | Path = ".", *,
                   allow_outside: bool = False) -> LoadedPlan:
    """Load and validate a plan from text; includes are resolved from ``base_dir`` (and
    confined to its repository unless ``allow_outside``)."""
    doc = load_yaml(text, source=source)
    return load_plan_document(doc, Path(base_dir).resolve(), allow_outside=allow_outside)


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


def load_rule_file(path: str | os.PathLike[str], *, allow_outside: bool = False
                   ) -> LoadedPlan:
    """Load and validate a rule file (``*.rules.yaml``) with its includes, for linting on
    its own: its sections are placed in a plan with a placeholder header, and the RFM period
    count is taken from its code patterns. Raises :class:`PlanError`."""
    model_cache.prepare()
    try:
        return _load_rule_file(path, allow_outside)
    finally:
        model_cache.save()


def _load_rule_file(path: str | os.PathLike[str], allow_outside: bool) -> LoadedPlan:
    file = Path(path)
    _check_link(file, allow_outside)
    doc = load_yaml_file(file, source=str(path))
    problems = _check_version(doc, "rule_file")
    if problems:
        raise PlanError(problems)
    sources = SourceMap(main=doc.source, documents={doc.source: doc})
    try:
        rules = RuleFile.model_validate(doc.data)
    except ValidationError as exc:
        raise PlanError(problems_from_validation(exc, doc.data, RuleFile, sources)) from None
    merged: dict[str, Any] = {k: v for k, v in doc.data.items() if k in RULE_SECTIONS}
    included: list[str] = []
    ctx = _IncludeContext(sources, merged, problems, included, allow_outside)
    _merge_includes(doc, _plan_folder(file), [_real(file)], ctx)
    if problems:
        raise PlanError(sorted(problems, key=Problem.sort_key))
    placeholder = {"company": "-", "business_unit": "-", "budget_year": 2000,
                   "plan_start": "2000-01-01"}
    data = {"pacspec": FORMAT_VERSION, "header": placeholder,
            "rfm": {"periods": {"count": _code_periods(rules)}}, **merged}
    plan = Plan.model_validate(data)  # the sections were validated as a RuleFile
    return LoadedPlan(plan=plan, source=doc.source, base_dir=_plan_folder(file),
                      sources=sources, includes=included)
