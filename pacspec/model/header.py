"""The plan header: company, business unit (DAS), budget year, vision, measurable objectives."""

import datetime as dt

from pydantic import Field, model_validator

from pacspec.model.base import StrictModel
from pacspec.model.messages import invalid
from pacspec.model.steering import Kpi
from pacspec.model.types import IsoDate


class Objective(Kpi):
    """A measurable objective of the plan, e.g. 45 orders per month. Steered like a KPI."""

    text: str = Field(min_length=1)
    """The objective as the plan states it, e.g. "45 commandes par mois"."""


class Header(StrictModel):
    """Who the plan is for and what it aims at."""

    company: str = Field(min_length=1)
    """Company name (entreprise)."""
    business_unit: str = Field(min_length=1)
    """Business area the plan covers (DAS, domaine d'activité stratégique)."""
    budget_year: int = Field(ge=1900, le=2999)
    """The plan's fiscal year (année budgétaire)."""
    plan_start: IsoDate
    """First day of the plan; action horizons and steering count from it."""
    plan_end: IsoDate | None = None
    """Last day of the plan; default: one day before plan_start + 12 months."""
    vision: str | None = None
    """Long-term ambition, e.g. "être leader en France dans 3 ans"."""
    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    """ISO 4217 currency code of every amount in the plan."""
    margin_rate: float | None = Field(default=None, gt=0, le=1)
    """Gross margin rate (0.35 = 35 %); when stated, the ROI counts incremental revenue x
    this rate."""
    author: str | None = None
    """Who wrote the plan."""
    objectives: list[Objective] = Field(default_factory=list)
    """Measurable objectives, each steered like a KPI."""

    @model_validator(mode="after")
    def _check_dates(self) -> "Header":
        if self.plan_end is not None and self.plan_end <= self.plan_start:
            raise invalid("plan_dates", end=self.plan_end, start=self.plan_start)
        return self

    @property
    def end(self) -> dt.date:
        """The plan's last day (plan_end, or a year after plan_start)."""
        if self.plan_end is not None:
            return self.plan_end
        start = self.plan_start
        try:
            nxt = start.replace(year=start.year + 1)
        except ValueError:  # 29 February
            nxt = start.replace(year=start.year + 1, day=28)
        return nxt - dt.timedelta(days=1)
