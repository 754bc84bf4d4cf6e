"""Shared fixtures data for the report tests: the example plan evaluated at a fixed date
(the baseline: the day before the plan starts), a real steering result on the same data and
two earlier snapshots of it."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from conftest import EXAMPLE_PLAN

from pacspec import Evaluation
from pacspec.engine.actions import PlanActions
from pacspec.engine.steering import SteeringResult
from pacspec.history import to_snapshot
from pacspec.report.document import Document, build_document
from pacspec.session import Session

AS_OF = dt.date(2025, 12, 31)
"""The fixed analysis date of the golden report (the example plan's baseline date)."""

STEERING_AS_OF = dt.date(2026, 6, 30)
"""The steering date of the report tests."""

SNAPSHOT_DATES = (dt.date(2026, 3, 31), dt.date(2026, 4, 30))
"""The dates of the earlier snapshots."""


@lru_cache(maxsize=1)
def example_session() -> Session:
    return Session.open(EXAMPLE_PLAN)


@lru_cache(maxsize=1)
def example_evaluation() -> Evaluation:
    return example_session().evaluate(AS_OF)


def example_actions() -> PlanActions:
    """The example's PAC table resolved on the baseline (the analysis date of the report)."""
    return example_session().actions()


def example_document(ev: Evaluation | None = None, **options: Any) -> Document:
    """The document of the example at :data:`AS_OF`, its PAC table resolved (as the session
    builds it)."""
    options.setdefault("actions", example_actions())
    return build_document(ev or example_evaluation(), **options)


@lru_cache(maxsize=4)
def _steer(as_of: dt.date) -> SteeringResult:
    return example_session().steer(as_of)


def example_steering(ev: Evaluation | None = None) -> SteeringResult:
    """The example plan steered at :data:`STEERING_AS_OF` (same data as ``ev``)."""
    return _steer(STEERING_AS_OF)


def example_snapshots() -> list[dict[str, Any]]:
    """Snapshots of the example plan at :data:`SNAPSHOT_DATES`, newest first (the order
    does not matter)."""
    return [to_snapshot(_steer(day), str(EXAMPLE_PLAN)) for day in reversed(SNAPSHOT_DATES)]
