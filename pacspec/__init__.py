"""pacspec: Plans d'Action Commerciale (PAC) as plan files that live in git, are checked like
code, and are evaluated against real client data.

>>> import pacspec
>>> loaded = pacspec.load_plan("plans/connect-plus.pac.yaml")   # doctest: +SKIP
>>> problems = pacspec.validate("plans/connect-plus.pac.yaml")   # doctest: +SKIP
"""

from pacspec.diagnostics import (
    EvaluationError,
    LedgerError,
    PacspecError,
    PlanError,
    Problem,
)
from pacspec.engine import Evaluation, evaluate
from pacspec.lint import lint
from pacspec.lint import validate_file as validate
from pacspec.loader import LoadedPlan, load_plan, load_plan_text
from pacspec.model.plan import Plan, RuleFile

__version__ = "0.1.0"

__all__ = [
    "Evaluation",
    "EvaluationError",
    "LedgerError",
    "LoadedPlan",
    "PacspecError",
    "Plan",
    "PlanError",
    "Problem",
    "RuleFile",
    "__version__",
    "evaluate",
    "lint",
    "load_plan",
    "load_plan_text",
    "validate",
]
