"""Steering (piloter): KPIs with targets, alert bands and phasing, evaluated again and again."""

import math
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    WithJsonSchema,
    model_validator,
)

from pacspec.engine.kpis import names as kpi_names
from pacspec.model.actions import _dump, _readings
from pacspec.model.base import StrictModel
from pacspec.model.conditions import Condition
from pacspec.model.messages import READING_FORM, invalid
from pacspec.model.types import Label, Slug

if TYPE_CHECKING:
    Metric = str
else:  # the names of the KPI registry's modules (pacspec/engine/kpis/)
    Metric = Literal[kpi_names()]
"""The measurable quantities a KPI or an objective can track."""

DEFAULT_ORANGE = {"higher": 0.9, "lower": 1.1}
"""The orange band when a KPI does not set one: 90 % of the expected value for a KPI where
more is better, 110 % for one where less is better."""


class Bands(StrictModel):
    """Alert bands on attainment (value ÷ expected). More is better: green at or above
    `green`, orange at or above `orange`, red below. Less is better (`direction: lower`):
    green at or below `green`, orange at or below `orange`, red above."""

    green: float = Field(default=1.0, gt=0)
    """Attainment from which (up to which, for `lower`) the KPI is green."""
    orange: float | None = Field(default=None, gt=0)
    """Attainment from which (up to which, for `lower`) the KPI is orange; default 0.9, or
    1.1 for `direction: lower`."""

    def orange_for(self, direction: str) -> float:
        """The orange band, its default following the direction."""
        return self.orange if self.orange is not None else DEFAULT_ORANGE[direction]


class MonthlyPhasing(StrictModel):
    """Declared weights of the calendar months, January first; linear inside a month."""

    monthly: list[float] = Field(min_length=12, max_length=12)
    """Twelve weights, January to December (any scale: they are normalised over the plan)."""

    @model_validator(mode="after")
    def _check(self) -> "MonthlyPhasing":
        if any(w < 0 for w in self.monthly):
            raise invalid("phasing_negative")
        if sum(self.monthly) <= 0:
            raise invalid("phasing_zero")
        return self


Phasing = Literal["seasonal", "linear"] | MonthlyPhasing
"""How an annual target is spread over the year: ``seasonal`` (last year's profile of the
same measure), ``linear`` (by days), or declared monthly weights."""


class KpiScope(Condition):
    """The clients a KPI is measured on (a condition), and optionally the products."""

    product: list[str] | None = Field(default=None, min_length=1)
    """Product codes counted (glob patterns such as "GPS*"): only matching lines count."""


_READING_SCHEMA = {
    "anyOf": [{"type": "number"},
              {"type": "array", "minItems": 1, "items": {
                  "type": "object", "additionalProperties": False, "required": ["on", "value"],
                  "properties": {"on": {"type": "string", "format": "date"},
                                 "value": {"type": "number"}}}}],
    "description": "The value of a manual KPI: a number (undated), or dated readings "
                   "[{on: YYYY-MM-DD, value: N}, ...] (a run uses the last one on or before "
                   "its date)"}
Readings = Annotated[float, PlainValidator(_readings(float("-inf"), None, "readings")),
                     PlainSerializer(_dump), WithJsonSchema(_READING_SCHEMA)]
"""A manual KPI's value: a number (undated) or dated readings."""


QuotaBy = Literal["commercial", "region", "typology"]
"""The client register columns a KPI's targets can be split by (the `--by` views)."""


class Quotas(StrictModel):
    """Per-person targets (quotas, *objectifs individuels*): `{by: commercial, SED1: 20,
    SED2: 15}`. Each key besides `by` is a value of that register column (a salesperson, a
    region, a typology id) and its target, stated like the KPI's own `target` (per month
    for a per-month metric). A view by that column judges each group against its quota;
    groups without one show their values and N−1, not attainment."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, float] = Field(init=False)

    by: QuotaBy
    """The register column the targets are split by: `commercial` (the column mapped as
    `data.clients.columns.commercial`), `region` or `typology`."""

    @model_validator(mode="after")
    def _check(self) -> "Quotas":
        for key, value in self.targets().items():
            if not math.isfinite(value):
                raise invalid("quota_not_finite", key=repr(key))
        if not self.targets():
            raise invalid("quota_empty", example="{by: commercial, SED1: 20}")
        return self

    def targets(self) -> dict[str, float]:
        """The target of each value of the column."""
        return dict(self.__pydantic_extra__ or {})


class Kpi(StrictModel):
    """A ratio measured at each evaluation against its target."""

    id: Slug
    """Identifier."""
    metric: Metric
    """What is measured."""
    target: float = Field(allow_inf_nan=False)
    """The value aimed for (for the year, or per month for a per-month metric)."""
    label: Label | None = None
    """Name shown to users."""
    direction: Literal["higher", "lower"] = "higher"
    """Whether more is better (orders) or less is (budget consumed)."""
    bands: Bands = Field(default_factory=Bands)
    """Alert bands."""
    scope: KpiScope | None = None
    """Restrict the KPI to these clients (default: all) and products (`product`)."""
    phasing: Phasing | None = None
    """How the target is spread over the year (default: the plan's `steering.phasing`;
    `linear` for the budget)."""
    targets: Quotas | None = None
    """Per-person targets (quotas): `{by: commercial, SED1: 20, SED2: 15}`; `pacspec track
    --by commercial` judges each salesperson against his own."""
    readings: Readings | None = None
    """The value of a `metric: manual` KPI, typed in the plan (satisfaction, quality of
    the relationship): `[{on: 2026-03-31, value: 7.5}, ...]`; a run uses the last reading
    on or before its date."""

    @model_validator(mode="after")
    def _check_readings(self) -> "Kpi":
        if self.metric == "manual" and self.readings is None:
            raise invalid("manual_no_readings", form=READING_FORM)
        if self.metric != "manual" and self.readings is not None:
            raise invalid("readings_not_manual", metric=self.metric)
        return self

    @model_validator(mode="after")
    def _check_bands(self) -> "Kpi":
        green, orange = self.bands.green, self.bands.orange_for(self.direction)
        if self.direction == "higher" and orange > green:
            raise invalid("bands_higher", orange=orange, green=green)
        if self.direction == "lower" and orange < green:
            raise invalid("bands_lower", orange=orange, green=green)
        return self


class Steering(StrictModel):
    """How the plan is steered over the year."""

    phasing: Phasing = "seasonal"
    """How annual targets are spread over the year: seasonal (last year's profile, when the
    data covers last year), linear, or {monthly: [12 weights]}."""
    kpis: list[Kpi] = Field(default_factory=list)
    """KPIs besides the header's objectives."""
    revenue_tolerance: float = Field(default=0.05, ge=0)
    """Warn when an action's stated current revenue differs from the data by more than this share."""
    allow_overlap: StrictBool = False
    """Allow a client to be in the targets of several commercial actions without a warning."""
