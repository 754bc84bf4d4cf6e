"""Steering (piloter): KPIs with targets and alert bands, evaluated again and again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, StrictBool, model_validator

from pacspec.engine.kpis import names as kpi_names
from pacspec.model.base import StrictModel
from pacspec.model.conditions import Condition
from pacspec.model.types import Label, Slug

if TYPE_CHECKING:
    Metric = str
else:  # the names of the KPI registry's modules (pacspec/engine/kpis/)
    Metric = Literal[kpi_names()]
"""The measurable quantities a KPI or an objective can track."""


class Bands(StrictModel):
    """Alert bands on attainment (realised / target): green at or above `green`, orange at or
    above `orange`, red below."""

    green: float = Field(default=1.0, gt=0)
    """Attainment from which the KPI is green."""
    orange: float = Field(default=0.9, gt=0)
    """Attainment from which the KPI is orange."""

    @model_validator(mode="after")
    def _check(self) -> Bands:
        if self.orange > self.green:
            raise ValueError(f"orange ({self.orange}) must not exceed green ({self.green})")
        return self


class Kpi(StrictModel):
    """A ratio measured at each evaluation against its target."""

    id: Slug
    """Identifier."""
    metric: Metric
    """What is measured."""
    target: float = Field(allow_inf_nan=False)
    """The value aimed for."""
    label: Label | None = None
    """Name shown to users."""
    direction: Literal["higher", "lower"] = "higher"
    """Whether more is better (orders) or less is (budget consumed)."""
    bands: Bands = Field(default_factory=Bands)
    """Alert bands."""
    scope: Condition | None = None
    """Restrict the KPI to these clients (default: all)."""


class Steering(StrictModel):
    """How the plan is steered over the year."""

    kpis: list[Kpi] = Field(default_factory=list)
    """KPIs besides the header's objectives."""
    revenue_tolerance: float = Field(default=0.05, ge=0)
    """Warn when an action's stated current revenue differs from the data by more than this share."""
    allow_overlap: StrictBool = False
    """Allow a client to be in the targets of several commercial actions without a warning."""
