"""Shared fixtures data for the report tests: the example plan evaluated at a fixed date
(the baseline: the day before the plan starts), a real steering result on the same data and
two earlier snapshots of it."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from conftest import EXAMPLE_PLAN

import pacspec
from pacspec import Evaluation
from pacspec.engine.snapshot import to_snapshot
from pacspec.engine.steering import SteeringResult, steer

AS_OF = dt.date(2025, 12, 31)
"""The fixed analysis date of the golden report (the example plan's baseline date)."""

STEERING_AS_OF = dt.date(2026, 6, 30)
"""The steering date of the report tests."""

SNAPSHOT_DATES = (dt.date(2026, 3, 31), dt.date(2026, 4, 30))
"""The dates of the earlier snapshots."""


@lru_cache(maxsize=1)
def example_evaluation() -> Evaluation:
    return pacspec.evaluate(EXAMPLE_PLAN, as_of=AS_OF)


@lru_cache(maxsize=4)
def _steer(as_of: dt.date) -> SteeringResult:
    ev = example_evaluation()
    return steer(ev.loaded, ledger=ev.ledger, as_of=as_of)


def example_steering(ev: Evaluation | None = None) -> SteeringResult:
    """The example plan steered at :data:`STEERING_AS_OF` (same data as ``ev``)."""
    return _steer(STEERING_AS_OF)


def example_snapshots() -> list[dict[str, Any]]:
    """Snapshots of the example plan at :data:`SNAPSHOT_DATES`, newest first (the order
    does not matter)."""
    return [to_snapshot(_steer(day)) for day in reversed(SNAPSHOT_DATES)]
