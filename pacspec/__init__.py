"""pacspec: Plans d'Action Commerciale (PAC) as plan files that live in git, are checked like
code, and are evaluated against real client data.

>>> import pacspec
>>> problems = pacspec.validate("plans/connect-plus.pac.yaml")    # doctest: +SKIP
>>> ev = pacspec.evaluate("plans/connect-plus.pac.yaml")          # doctest: +SKIP

The public names are imported on first use, so that ``pacspec --version`` and the
pre-commit hook start quickly.
"""

from __future__ import annotations

import importlib
import types
from typing import TYPE_CHECKING, Any

from pacspec.diagnostics import (
    EvaluationError,
    LedgerError,
    PacspecError,
    PlanError,
    Problem,
)

__version__ = "0.1.0"

_LAZY: dict[str, tuple[str, str]] = {
    "Evaluation": ("pacspec.engine.result", "Evaluation"),
    "evaluate": ("pacspec.session", "evaluate"),
    "steer": ("pacspec.session", "steer"),
    "report": ("pacspec.session", "report"),
    "sync": ("pacspec.session", "sync"),
    "Session": ("pacspec.session", "Session"),
    "SteeringResult": ("pacspec.engine.steering", "SteeringResult"),
    "lint": ("pacspec.lint", "lint"),
    "validate": ("pacspec.lint", "validate_file"),
    "LoadedPlan": ("pacspec.loader", "LoadedPlan"),
    "load_plan": ("pacspec.loader", "load_plan"),
    "load_plan_text": ("pacspec.loader", "load_plan_text"),
    "Plan": ("pacspec.model.plan", "Plan"),
    "RuleFile": ("pacspec.model.plan", "RuleFile"),
    "Ledger": ("pacspec.ingest", "Ledger"),
    "load_ledger": ("pacspec.ingest", "load_ledger"),
    "TransactionColumns": ("pacspec.model.data", "TransactionColumns"),
    "ClientColumns": ("pacspec.model.data", "ClientColumns"),
    "CsvOptions": ("pacspec.model.data", "CsvOptions"),
}

if TYPE_CHECKING:
    from pacspec.engine.result import Evaluation
    from pacspec.engine.steering import SteeringResult
    from pacspec.ingest import Ledger, load_ledger
    from pacspec.lint import lint
    from pacspec.lint import validate_file as validate
    from pacspec.loader import LoadedPlan, load_plan, load_plan_text
    from pacspec.model.data import ClientColumns, CsvOptions, TransactionColumns
    from pacspec.model.plan import Plan, RuleFile
    from pacspec.session import Session, evaluate, report, steer, sync


class ReportPackage(types.ModuleType):
    """The class of the :mod:`pacspec.report` package: ``pacspec.report`` names both the
    package and the top-level :func:`pacspec.session.report` (once the package is imported,
    Python binds its name over the function), so calling the package runs the function."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from pacspec.session import report

        return report(*args, **kwargs)


class SyncPackage(types.ModuleType):
    """The class of the :mod:`pacspec.sync` package, callable as the top-level
    :func:`pacspec.session.sync` (see :class:`ReportPackage`)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from pacspec.session import sync

        return sync(*args, **kwargs)


def __getattr__(name: str) -> Any:
    try:
        module, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'pacspec' has no attribute '{name}'") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "ClientColumns",
    "CsvOptions",
    "Evaluation",
    "EvaluationError",
    "Ledger",
    "LedgerError",
    "LoadedPlan",
    "PacspecError",
    "Plan",
    "PlanError",
    "Problem",
    "RuleFile",
    "Session",
    "SteeringResult",
    "TransactionColumns",
    "__version__",
    "evaluate",
    "lint",
    "load_ledger",
    "load_plan",
    "load_plan_text",
    "report",
    "steer",
    "sync",
    "validate",
]
