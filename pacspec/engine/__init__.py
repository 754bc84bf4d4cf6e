"""The vectorised engine: (Plan, Ledger, dates) -> typed results, numbers and reason codes.
Public names are imported on first use (``pacspec validate`` needs the condition compiler
only)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_LAZY: dict[str, str] = {
    "ActionFigures": "actions",
    "Coverage": "actions",
    "PlanActions": "actions",
    "budget_rollups": "actions",
    "resolve_actions": "actions",
    "evaluate": "pipeline",
    "Evaluation": "result",
    "ScoreCuts": "result",
    "ActionSteering": "steering",
    "KpiResult": "steering",
    "SteeringResult": "steering",
    "steer": "steering",
    "Categorical": "table",
}

if TYPE_CHECKING:
    from pacspec.engine.actions import (
        ActionFigures,
        Coverage,
        PlanActions,
        budget_rollups,
        resolve_actions,
    )
    from pacspec.engine.pipeline import evaluate
    from pacspec.engine.result import Evaluation, ScoreCuts
    from pacspec.engine.steering import ActionSteering, KpiResult, SteeringResult, steer
    from pacspec.engine.table import Categorical


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'pacspec.engine' has no attribute '{name}'") from None
    value = getattr(importlib.import_module(f"pacspec.engine.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    "ActionFigures",
    "ActionSteering",
    "Categorical",
    "Coverage",
    "Evaluation",
    "KpiResult",
    "PlanActions",
    "ScoreCuts",
    "SteeringResult",
    "budget_rollups",
    "evaluate",
    "resolve_actions",
    "steer",
]
