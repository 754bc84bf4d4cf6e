"""The vectorised engine: client data + plan -> per-client table, analyses and steering.

One module per concept: periods, aggregate (decomposable per-client sums), abc, scores,
rules (the condition language as masks), ipo_ipa, portfolio, pipeline (evaluate: the whole
analysis), result (the Evaluation object), actions (the PAC table resolved on the baseline),
steering (KPIs and action results at a later date) and snapshot (steering history files).

The public names are imported on first use: ``pacspec validate`` (the pre-commit hook) uses
the condition compiler only and should not pay for the rest."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_LAZY: dict[str, str] = {
    "ActionFigures": "actions",
    "Coverage": "actions",
    "PlanActions": "actions",
    "resolve_plan": "actions",
    "budget_rollups": "actions",
    "evaluate": "pipeline",
    "Evaluation": "result",
    "ScoreCuts": "result",
    "Trend": "snapshot",
    "history": "snapshot",
    "read_snapshots": "snapshot",
    "to_snapshot": "snapshot",
    "trend": "snapshot",
    "with_current": "snapshot",
    "write_snapshot": "snapshot",
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
        resolve_plan,
    )
    from pacspec.engine.pipeline import evaluate
    from pacspec.engine.result import Evaluation, ScoreCuts
    from pacspec.engine.snapshot import (
        Trend,
        history,
        read_snapshots,
        to_snapshot,
        trend,
        with_current,
        write_snapshot,
    )
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
    "Trend",
    "budget_rollups",
    "evaluate",
    "history",
    "read_snapshots",
    "resolve_plan",
    "steer",
    "to_snapshot",
    "trend",
    "with_current",
    "write_snapshot",
]
