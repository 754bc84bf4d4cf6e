"""The PAC table: actions with every column of the method, and the budget envelope."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from pacspec.calendar import add_months
from pacspec.model.base import StrictModel
from pacspec.model.conditions import Condition
from pacspec.model.types import DueDate, IsoDate, Money, Slug

ActionType = Literal["commercial", "internal"]
Horizon = Literal["short", "medium", "long"]

SUBTYPES: dict[str, tuple[str, ...]] = {
    "commercial": (
        "prospecting",
        "win_back",
        "cross_selling",
        "up_selling",
        "retention",
        "key_account",
        "event",
        "promotion",
    ),
    "internal": (
        "organisation",
        "training",
        "sales_material",
        "tooling",
        "recruitment",
        "communication",
    ),
}
"""Allowed subtypes per action type."""


def horizon_of(plan_start: dt.date, due: dt.date) -> Horizon:
    """Horizon of an action due on ``due`` in a plan starting on ``plan_start``: short up to
    6 months, medium up to 24 months, long beyond (CT / MT / LT)."""
    if due <= add_months(plan_start, 6):
        return "short"
    if due <= add_months(plan_start, 24):
        return "medium"
    return "long"


class Workload(StrictModel):
    """Time the action takes, e.g. 3 visits a month from January."""

    visits_per_month: float | None = Field(default=None, ge=0)
    """Client visits per month."""
    days_per_month: float | None = Field(default=None, ge=0)
    """Person-days per month."""
    from_: IsoDate | None = Field(default=None, alias="from")
    """First day (default: the action's start or the plan start)."""
    to: IsoDate | None = None
    """Last day (default: the due date)."""
    who: list[str] | None = None
    """Who carries the load (default: the owner)."""

    @model_validator(mode="after")
    def _check(self) -> Workload:
        if self.visits_per_month is None and self.days_per_month is None:
            raise ValueError("a workload needs visits_per_month or days_per_month")
        if self.from_ and self.to and self.to < self.from_:
            raise ValueError(f"workload 'to' ({self.to}) is before 'from' ({self.from_})")
        return self


class Action(StrictModel):
    """One row of the PAC table."""

    id: Slug
    """Identifier."""
    title: str = Field(min_length=1)
    """Short name of the action."""
    type: ActionType
    """commercial (prospecting, win-back, cross-selling...) or internal (organisation, training...)."""
    subtype: str = Field(
        json_schema_extra={"enum": [s for subtypes in SUBTYPES.values() for s in subtypes]}
    )
    """Kind of action: prospecting, win_back, cross_selling, up_selling, retention,
    key_account, event, promotion (commercial); organisation, training, sales_material,
    tooling, recruitment, communication (internal)."""
    typology: Slug | None = None
    """Client typology the action belongs to in the PAC table."""
    target: Condition | None = None
    """Which clients the action works on (client ids, ABC class, profile, segment...)."""
    strategies: list[Slug] = Field(default_factory=list)
    """EMOFF strategies (SO/ST/WO/WT ids) the action implements."""
    steps: list[str] = Field(default_factory=list)
    """Étapes."""
    priority: int = Field(ge=1, le=5)
    """Priorité, 1 = highest."""
    owner: str = Field(min_length=1)
    """Responsable."""
    participants: list[str] = Field(default_factory=list)
    """Participants."""
    start: IsoDate | None = None
    """When the action starts (default: the plan start)."""
    due: DueDate
    """Date fin: YYYY-MM-DD, or YYYY-MM for the end of that month."""
    progress: float = Field(default=0.0, ge=0, le=100)
    """Avancement, 0-100 %."""
    budget: Money = 0.0
    """Budget, in the plan's currency."""
    comments: str | None = None
    """Commentaires."""
    current_revenue: Money | None = None
    """CA actuel; default: computed from the data for the target clients."""
    target_revenue: Money | None = None
    """CA cible."""
    growth: float | None = Field(default=None, gt=-1, allow_inf_nan=False)
    """Target growth over the current revenue (0.15 = +15 %), instead of target_revenue."""
    results: str | None = None
    """Résultats, as measured by the team."""
    spent: Money | None = None
    """Budget consumed so far; default for steering: budget x progress."""
    meetings: int | None = Field(default=None, ge=0)
    """Prospect meetings or offers made so far (for the conversion rate)."""
    workload: Workload | None = None
    """Time the action takes."""

    @model_validator(mode="after")
    def _check(self) -> Action:
        allowed = SUBTYPES[self.type]
        if self.subtype not in allowed:
            raise ValueError(
                f"subtype '{self.subtype}' is not a {self.type} subtype; expected one of "
                + ", ".join(allowed)
            )
        if self.target_revenue is not None and self.growth is not None:
            raise ValueError("give target_revenue or growth, not both")
        if self.start is not None and self.due < self.start:
            raise ValueError(f"due ({self.due}) is before start ({self.start})")
        return self


class Budget(StrictModel):
    """The budget envelope; every axis is optional. Over-allocation is an error."""

    total: Money | None = None
    """Total budget of the plan."""
    by_type: dict[ActionType, Money] = Field(default_factory=dict)
    """Envelope per action type."""
    by_horizon: dict[Horizon, Money] = Field(default_factory=dict)
    """Envelope per horizon."""
    by_owner: dict[str, Money] = Field(default_factory=dict)
    """Envelope per owner."""
    by_priority: dict[int, Money] = Field(default_factory=dict)
    """Envelope per priority."""
