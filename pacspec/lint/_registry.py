"""The registry of lint check families: the codes each family declares, and the context its
check writes problems to."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from pacspec.diagnostics import JsonPath, Problem, Severity
from pacspec.fsio import UnreadableFile, read_bounded
from pacspec.i18n import label
from pacspec.loader import LoadedPlan, SourceMap
from pacspec.model.plan import Plan
from pacspec.yamlio import DEFAULT_MAX_BYTES

_SCALAR = re.compile(r"[^\s,#\]}]+")
"""A plain scalar in block or flow style, up to a space, a comma, a comment or a bracket."""


@dataclass(frozen=True)
class Code:
    """A problem code a family can emit: its severity, what causes it and how to fix it.

    ``description`` and ``fix`` are one sentence each, in Markdown; the problem codes page of
    the documentation is generated from them."""

    severity: Severity | tuple[Severity, ...]
    """The severity of the problems with this code; a tuple when it depends on the case."""
    description: str
    """What causes the problem."""
    fix: str = ""
    """How to fix it."""

    @property
    def severities(self) -> tuple[Severity, ...]:
        """The severities the code may have, as a tuple."""
        return (self.severity,) if isinstance(self.severity, str) else self.severity


@dataclass
class Context:
    """What a check reads (the plan and where its parts came from) and where it writes."""

    plan: Plan
    sources: SourceMap
    rule_file: bool = False
    """True when the plan is a rule file linted on its own (see ``lint_rules``)."""
    lang: str = "en"
    """The language of the messages and hints (``fr`` or ``en``), written through the label
    table (:meth:`text`); the codes and positions do not change."""
    problems: list[Problem] = field(default_factory=list)
    _lines: dict[str, list[str] | None] = field(default_factory=dict, repr=False)

    def add(self, severity: Severity, code: str, path: JsonPath, message: str,
            hint: str | None = None, at_key: bool = False) -> None:
        """Report a problem at ``path`` of the plan (at its key with ``at_key``)."""
        self.problems.append(self.sources.problem(severity, code, path, message, hint, at_key))

    def source_text(self, path: JsonPath) -> str | None:
        """The text of the scalar at ``path`` as the user wrote it (``8.000`` where the value
        is 8.0), or None when it is not known: the plan was given as a text, not a file, or
        nothing is written at exactly that path (a default)."""
        source, inner = self.sources.main, tuple(path)
        for cut in range(len(path), 0, -1):
            origin = self.sources.origins.get(tuple(path[:cut]))
            if origin is not None:
                source, inner = origin[0], origin[1] + tuple(path[cut:])
                break
        doc = self.sources.documents.get(source)
        mark = doc.value_marks.get(inner) if doc is not None else None
        if mark is None:
            return None
        if source not in self._lines:
            try:
                text = read_bounded(source, DEFAULT_MAX_BYTES).decode("utf-8-sig")
            except (UnreadableFile, OSError, UnicodeDecodeError, ValueError):
                text = None
            self._lines[source] = text.splitlines() if text is not None else None
        lines = self._lines[source]
        if lines is None or mark.line > len(lines):
            return None
        found = _SCALAR.match(lines[mark.line - 1], mark.col - 1)
        return found.group() if found else None

    def line_of(self, path: JsonPath) -> str:
        """``line N`` (``ligne N`` in French; ``file:N`` in another file) of ``path``, for
        messages."""
        source, mark = self.sources.locate(path)
        if mark is None:
            return source
        if source != self.sources.main:
            return f"{source}:{mark.line}"
        return self.text("msg_at_line", line=str(mark.line))

    def text(self, key: str, /, **values: object) -> str:
        """The label ``key`` of the table (``pacspec.i18n``) in the context's language."""
        return label(key, self.lang, **values)


Check = Callable[[Context], None]
"""A check: reads the context's plan, adds problems to it."""


@dataclass(frozen=True)
class Family:
    """One family of checks: one module of ``pacspec.lint``, its codes and its check."""

    name: str
    """The module's name in ``pacspec.lint`` (``budget``)."""
    title: str
    """A short title: the module's docstring up to its first colon."""
    summary: str
    """What the family checks: the rest of the first paragraph of the module's docstring."""
    codes: Mapping[str, Code]
    """Every code the check can emit."""
    check: Check
    order: int
    """Position in a lint run (problems are sorted by position afterwards; the order only
    decides between problems at the same place)."""
    rule_files: bool
    """Whether the check also runs on a rule file linted on its own."""

    def run(self, loaded: LoadedPlan, rule_file: bool = False, lang: str | None = None
            ) -> list[Problem]:
        """The problems this family finds in a loaded plan (or rule file), unsorted; messages
        in ``lang`` (default: :func:`plan_language`)."""
        lang = lang or plan_language(loaded, rule_file)
        ctx = Context(loaded.plan, loaded.sources, rule_file, lang)
        self.check(ctx)
        return ctx.problems


def plan_language(loaded: LoadedPlan, rule_file: bool = False) -> str:
    """The language of a loaded plan's messages: its ``locale``; French, the default locale,
    for a rule file linted on its own (it has none)."""
    return "fr" if rule_file else loaded.plan.locale


_FAMILIES: dict[str, Family] = {}


def register(codes: Mapping[str, Code], *, order: int,
             rule_files: bool = False) -> Callable[[Check], Check]:
    """Register the decorated function as the check of its module's family.

    ``codes`` are all the codes it may emit (the module's ``CODES``); one family per module.
    The module's docstring starts with the family's title and a colon (``Dates: actions
    fall inside the plan period...``).
    """

    def decorate(check: Check) -> Check:
        module = check.__module__
        name = module.rsplit(".", 1)[-1]
        if name in _FAMILIES:
            raise ValueError(f"lint family {name!r} is registered twice")
        doc = " ".join((sys.modules[module].__doc__ or "").strip().split("\n\n")[0].split())
        title, colon, summary = doc.partition(": ")
        if not colon or not summary:
            raise ValueError(f"the docstring of {module} must read 'Title: what it checks.'")
        _FAMILIES[name] = Family(name=name, title=title, summary=summary[0].upper() + summary[1:],
                                 codes=MappingProxyType(dict(codes)), check=check,
                                 order=order, rule_files=rule_files)
        return check

    return decorate


def registered() -> tuple[Family, ...]:
    """The registered families, in run order."""
    return tuple(sorted(_FAMILIES.values(), key=lambda f: (f.order, f.name)))
