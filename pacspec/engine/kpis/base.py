"""What a KPI module declares, and the figures of one span (N to date, N−1 to date, N−1
full) it measures on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pacspec.reasons import Reason

if TYPE_CHECKING:
    import numpy as np

    from pacspec.engine.actions import ActionFigures, PlanActions
    from pacspec.engine.steering import ActionSteering

Unit = Literal["money", "amount", "rate", "count", "per_month", "ratio"]
"""How values are shown: money (k€), amount (€), rate (%), count, per month, ratio."""

Quantity = Literal["revenue", "orders", "units"]
"""The per-line quantity a cumulative KPI adds up (its seasonal profile is that of the
quantity on the same scope)."""


@dataclass
class KpiContext:
    """Per-client figures of one span and what every KPI may read. The figures are those of
    the lines in the KPI's product scope (every line without one)."""

    revenue: np.ndarray
    orders: np.ndarray
    units: np.ndarray | None
    active: np.ndarray
    """Net revenue > 0 in the span."""
    new: np.ndarray
    """Active, with the first purchase ever inside the span."""
    base_active: np.ndarray | None
    """Active in the full year before the span starts (None: the data does not reach back)."""
    months: float
    """Months in the span (days ÷ 30.4375)."""
    actions: PlanActions
    steered: Sequence[ActionSteering] = ()
    current: bool = True
    """The span is N to date (False: a past span, for N−1 and the profiles)."""
    spent: float = 0.0
    """Budget consumed by every action at ``as_of`` (readings, numbers or estimates)."""
    spent_estimated: float = 0.0
    """The part of ``spent`` estimated as budget × progress (no ``spent`` stated)."""
    late: int = 0
    """Actions late at ``as_of``."""
    n1_revenue: np.ndarray | None = None
    """Per-client revenue of the same span one year earlier (None: not covered)."""
    margin_rate: float | None = None
    visits: np.ndarray | None = None
    """Per-client visits of the activity log in the span (None: no log, or the log does
    not reach back to the span's start)."""
    meetings: np.ndarray | None = None
    """Per-client meetings held (visits, meetings, demos) of the activity log in the span."""
    has_log: bool = False
    """The plan has an activity log (``visits`` None with a log: it does not reach back)."""
    reading: float | None = None
    """A ``manual`` KPI's reading at ``as_of`` (None: no reading yet)."""
    reading_on: dt.date | None = None
    """The date of that reading (None: a plain number, undated)."""

    def targeted(self, type_: str, subtype: str | None = None) -> np.ndarray:
        """Clients in the target of an action of this type (and subtype)."""
        import numpy as np

        mask = np.zeros(len(self.revenue), dtype=bool)
        for a in self.of_kind(type_, subtype):
            mask[a.clients] = True
        return mask

    def of_kind(self, type_: str, subtype: str | None = None) -> list[ActionFigures]:
        return [a for a in self.actions.actions
                if a.type == type_ and (subtype is None or a.subtype == subtype)]


@dataclass(frozen=True)
class Measure:
    """A KPI's value (None: n/a), the reason behind it (its basis, or why n/a), and whether
    part of it is estimated."""

    value: float | None
    reason: Reason | None = None
    estimated: bool = False


@dataclass(frozen=True)
class KpiSpec:
    """One KPI: its metric name, unit, how it is phased and compared, whether a ``scope``
    applies, its names in each locale, the texts of its reason codes, and the measure.

    * ``cumulative``: the value adds up over the year (revenue, orders, units, budget): the
      expected value is the annual target × p, and the landing is value ÷ p;
    * ``per_month``: the target is stated per month (t means t × months in the plan for the
      year); the measure gives the cumulative count, the engine shows the per-month value;
    * ``quantity``: the per-line quantity behind a cumulative value (its seasonal profile);
    * ``trajectory``: a rate that builds up over the year (retention, coverage): expected =
      target × rate(N−1 to date) ÷ rate(N−1 full) when two years of history allow it;
    * ``history``: the measure can be taken on a past span (N−1); without it N−1 is n/a;
    * ``phasing``: ``plan`` (the plan's or KPI's phasing) or ``linear`` unless declared."""

    metric: str
    unit: Unit
    measure: Callable[[KpiContext, np.ndarray], Measure]
    labels: Mapping[str, str]
    """The metric's name per locale (``fr``, ``en``)."""
    texts: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Templates of the reason codes this KPI emits: code -> locale -> template."""
    cumulative: bool = False
    per_month: bool = False
    quantity: Quantity | None = None
    trajectory: bool = False
    history: bool = True
    phasing: Literal["plan", "linear"] = "plan"
    scoped: bool = True
