"""The vectorised engine: client data + plan -> per-client table, analyses and steering.

One module per concept: periods, aggregate (decomposable per-client sums), abc, scores,
rules (the condition language as masks), ipo_ipa, portfolio, evaluate (the pipeline),
result (the Evaluation object), actions (the PAC table resolved on the baseline), steering
(KPIs and action results at a later date) and snapshot (steering history files)."""

from pacspec.engine.actions import (
    ActionFigures,
    Coverage,
    PlanActions,
    budget_rollups,
    resolve_plan,
)
from pacspec.engine.evaluate import evaluate
from pacspec.engine.result import Evaluation, ScoreCuts
from pacspec.engine.snapshot import (
    Trend,
    read_snapshots,
    to_snapshot,
    trend,
    with_current,
    write_snapshot,
)
from pacspec.engine.steering import ActionSteering, KpiResult, SteeringResult, steer
from pacspec.engine.table import Categorical

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
    "read_snapshots",
    "resolve_plan",
    "steer",
    "to_snapshot",
    "trend",
    "with_current",
    "write_snapshot",
]
