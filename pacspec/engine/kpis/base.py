"""What a KPI module declares, and the figures of the steering period it measures on."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

from pacspec.reasons import Reason

if TYPE_CHECKING:
    from pacspec.engine.actions import ActionFigures, PlanActions
    from pacspec.engine.steering import ActionSteering

Unit = Literal["money", "amount", "rate", "count", "per_month", "ratio"]
"""How values are shown: money (k€), amount (€), rate (%), count, per month, ratio."""


@dataclass
class KpiContext:
    """Per-client figures of the steering period and what every KPI may read."""

    revenue: np.ndarray
    orders: np.ndarray
    units: np.ndarray | None
    active: np.ndarray
    """Net revenue > 0 in the period."""
    new: np.ndarray
    """Active, with the first purchase ever inside the period."""
    baseline_active: np.ndarray
    """Active in the baseline analysis window."""
    elapsed: float
    months: float
    actions: PlanActions
    steered: Sequence[ActionSteering] = ()

    def targeted(self, type_: str, subtype: str | None = None) -> np.ndarray:
        """Clients in the target of an action of this type (and subtype)."""
        mask = np.zeros(len(self.revenue), dtype=bool)
        for a in self.of_kind(type_, subtype):
            mask[a.clients] = True
        return mask

    def of_kind(self, type_: str, subtype: str | None = None) -> list[ActionFigures]:
        return [a for a in self.actions.actions
                if a.type == type_ and (subtype is None or a.subtype == subtype)]

    def budget_consumed(self) -> tuple[float, float]:
        """(spent by all actions, the part estimated as budget x progress where no
        ``spent`` is stated)."""
        total = estimated = 0.0
        for a in self.actions.actions:
            if a.spent is not None:
                total += a.spent
            else:
                guess = a.budget * a.progress / 100.0
                total += guess
                estimated += guess
        return total, estimated


@dataclass(frozen=True)
class Measure:
    """A KPI's value (None: n/a), the reason behind it (its basis, or why n/a), and whether
    part of it is estimated."""

    value: float | None
    reason: Reason | None = None
    estimated: bool = False


@dataclass(frozen=True)
class KpiSpec:
    """One KPI: its metric name, unit, whether its target is cumulative (compared pro rata
    of the elapsed share), whether a ``scope`` of clients applies, its names in each
    locale, the texts of its reason codes, and the measure itself."""

    metric: str
    unit: Unit
    measure: Callable[[KpiContext, np.ndarray], Measure]
    labels: Mapping[str, str]
    """The metric's name per locale (``fr``, ``en``)."""
    texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Templates of the reason codes this KPI emits: code -> locale -> template."""
    cumulative: bool = False
    scoped: bool = True
