"""Semantic checks beyond the schema: ids, references, rule coverage, dates, budgets.

Every finding is a positioned :class:`~pacspec.diagnostics.Problem`. The checks form a
registry: each module of this package (but those whose name starts with ``_``) is one family
of checks, declares the codes it can emit in its ``CODES`` and registers its check function
with :func:`register`; :data:`FAMILIES` lists them in run order. The problem codes page of the
documentation is generated from that registry.
"""

from __future__ import annotations

import importlib
import os
import pkgutil

from pacspec.diagnostics import PlanError, Problem
from pacspec.lint._registry import (
    Check,
    Code,
    Context,
    Family,
    plan_language,
    register,
    registered,
)
from pacspec.loader import LoadedPlan, load_plan, load_rule_file
from pacspec.validation import explain_yaml_problems, message_language
from pacspec.yamlio import load_yaml_file

__all__ = [
    "FAMILIES",
    "POTENTIAL_CLASSES",
    "QUADRANTS",
    "RULE_FILE_SUFFIXES",
    "ZONES",
    "Check",
    "Code",
    "Context",
    "Family",
    "codes",
    "file_locale",
    "lint",
    "lint_rules",
    "plan_language",
    "register",
    "validate_file",
]


def _discover() -> tuple[Family, ...]:
    """Import every family module of the package; the registry fills as they load."""
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    return registered()


FAMILIES: tuple[Family, ...] = _discover()
"""Every family of checks, in run order."""

from pacspec.model.abc import POTENTIAL_CLASSES, ZONES  # noqa: E402
from pacspec.model.ipo_ipa import QUADRANTS  # noqa: E402

RULE_FILE_SUFFIXES = (".rules.yaml", ".rules.yml")
"""Files validated as rule files rather than plans."""


def codes() -> dict[str, list[tuple[Family, Code]]]:
    """Every lint code, with the families that declare it (and their declaration), sorted by
    code."""
    out: dict[str, list[tuple[Family, Code]]] = {}
    for family in FAMILIES:
        for name, code in family.codes.items():
            out.setdefault(name, []).append((family, code))
    return dict(sorted(out.items()))


def _run(loaded: LoadedPlan, rule_file: bool, lang: str | None) -> list[Problem]:
    lang = lang or plan_language(loaded, rule_file)
    problems: list[Problem] = []
    for family in FAMILIES:
        if family.rule_files or not rule_file:
            problems += family.run(loaded, rule_file, lang)
    return sorted(problems, key=Problem.sort_key)


def validate_file(path: str | os.PathLike[str], lang: str | None = None,
                  allow_outside: bool = False) -> list[Problem]:
    """Load and lint a plan file, or a rule file (``*.rules.yaml``): every problem, sorted
    (an empty list means clean). I/O errors come back as problems with code ``io``.

    ``lang`` (``en`` or ``fr``) is the language of the messages and hints; None (the
    default, like ``pacspec validate``): the plan's ``locale``, French (the default locale)
    for a rule file or a file that cannot be read far enough. The codes and positions do not
    depend on it. ``allow_outside`` lets includes leave the plan's repository."""
    return validate_file_in(path, lang, allow_outside)[0]


def validate_file_in(path: str | os.PathLike[str], lang: str | None = None,
                     allow_outside: bool = False) -> tuple[list[Problem], str]:
    """:func:`validate_file`'s problems, and the language their messages are in (``lang``,
    else the one the file's ``locale`` chose): the caller words its own lines in it."""
    is_rules = str(path).endswith(RULE_FILE_SUFFIXES)
    document = None
    if lang is None and is_rules:
        lang = "fr"
    elif lang is None:  # the plan's locale, from its YAML parsed once for both
        try:
            document = load_yaml_file(path, source=str(path))
        except PlanError:  # said again, in French, by load_plan below
            lang = "fr"
        else:
            lang = _locale_of(document.data)
    try:
        with message_language(lang):
            if is_rules:
                loaded = load_rule_file(path, allow_outside=allow_outside)
            else:
                loaded = load_plan(path, allow_outside=allow_outside, document=document)
    except PlanError as exc:
        return in_language(explain_yaml_problems(exc.problems, lang), lang), lang
    problems = lint_rules(loaded, lang) if is_rules else lint(loaded, lang)
    return in_language(problems, lang), lang


def in_language(problems: list[Problem], lang: str) -> list[Problem]:
    """``problems`` with their hint introduced in ``lang`` (``conseil : …``)."""
    from dataclasses import replace

    from pacspec.i18n import label

    lead = label("hint_lead", lang)
    return [replace(p, hint_lead=lead) for p in problems]


def file_locale(path: str | os.PathLike[str]) -> str:
    """The ``locale`` a plan file states (``fr`` or ``en``), read from its YAML only; ``fr``,
    the default locale, when it states none or cannot be read."""
    try:
        data = load_yaml_file(path).data
    except PlanError:
        return "fr"
    return _locale_of(data)


def _locale_of(data: object) -> str:
    """The ``locale`` a plan's YAML data states (``fr`` or ``en``), else ``fr``."""
    locale = data.get("locale") if isinstance(data, dict) else None
    return locale if locale in ("fr", "en") else "fr"


def lint_rules(loaded: LoadedPlan, lang: str | None = None) -> list[Problem]:
    """The checks that apply to a rule file on its own (see :func:`load_rule_file`): ids,
    code lengths, rule order, references inside the file, coverage and shadowed rules.
    Messages in ``lang`` (default: French, the default locale)."""
    return _run(loaded, rule_file=True, lang=lang)


def lint(loaded: LoadedPlan, lang: str | None = None) -> list[Problem]:
    """All semantic problems of a loaded plan, sorted by position; messages and hints in
    ``lang`` (``fr`` or ``en``; default: the plan's ``locale``)."""
    return _run(loaded, rule_file=False, lang=lang)


