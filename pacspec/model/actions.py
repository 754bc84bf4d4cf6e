"""The PAC table: actions with every column of the method, and the budget envelope."""

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Annotated, Any, Literal

from pydantic import Field, PlainSerializer, PlainValidator, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from pacspec.calendar import add_months
from pacspec.model.base import StrictModel
from pacspec.model.conditions import Condition
from pacspec.model.messages import READING_FORM, invalid
from pacspec.model.types import DueDate, IsoDate, Money, Slug, _parse_date

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


class Readings(float):
    """A figure stated as dated readings (``[{on: 2026-03-31, value: 40}, ...]``): as a
    number it is the last reading; :meth:`at` gives the reading used at a date."""

    readings: tuple[tuple[dt.date, float], ...]

    def __new__(cls, readings: Sequence[tuple[dt.date, float]]) -> "Readings":
        obj = super().__new__(cls, readings[-1][1] if readings else 0.0)
        obj.readings = tuple(readings)
        return obj

    def at(self, day: dt.date) -> tuple[float, dt.date] | None:
        """The last reading on or before ``day`` (value, date), None before the first."""
        found = None
        for on, value in self.readings:
            if on <= day:
                found = (value, on)
        return found

    def __reduce__(self) -> tuple[Any, ...]:
        return (Readings, (self.readings,))


def reading_at(value: float | None, day: dt.date
               ) -> tuple[float | None, dt.date | None, bool]:
    """``(value, date of the reading, dated)`` of a figure at ``day``: a plain number is
    used as is (no date, undated); dated readings give the last one on or before ``day``
    (None before the first)."""
    if isinstance(value, Readings):
        found = value.at(day)
        return (None, None, True) if found is None else (found[0], found[1], True)
    return value, None, False


def _parse_readings(value: Any, *, low: float, high: float | None, what: str) -> float:
    if isinstance(value, bool):
        raise invalid("reading_kind", what=what, value=repr(value))
    if isinstance(value, (int, float)):
        _bounded(float(value), low, high, what)
        return value if isinstance(value, Readings) else float(value)
    if not isinstance(value, list):
        raise invalid("readings_kind", what=what, form=READING_FORM, value=repr(value))
    out: list[tuple[dt.date, float]] = []
    for i, item in enumerate(value):
        if not isinstance(item, dict) or set(item) != {"on", "value"}:
            raise invalid("reading_form", i=i, what=what, form=READING_FORM,
                          value=repr(item))
        try:
            on = _parse_date(item["on"])
        except PydanticCustomError as exc:
            raise invalid("reading_date", i=i, what=what, detail=exc) from None
        number = item["value"]
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise invalid("reading_value", i=i, what=what, value=repr(number))
        _bounded(float(number), low, high, f"reading {i} of {what}")
        if out and on <= out[-1][0]:
            raise invalid("reading_order", i=i, what=what, on=on, previous=i - 1,
                          previous_on=out[-1][0])
        out.append((on, float(number)))
    if not out:
        raise invalid("readings_empty", what=what)
    return Readings(out)


def _readings(low: float, high: float | None, what: str) -> Any:
    """The validator of a number or dated readings between ``low`` and ``high`` (a partial
    of a module function, not a closure: the core schema can be cached)."""
    return functools.partial(_parse_readings, low=low, high=high, what=what)


def _bounded(value: float, low: float, high: float | None, what: str) -> None:
    if value != value or value in (float("inf"), float("-inf")):
        raise invalid("not_finite", what=what, value=value)
    if value < low or (high is not None and value > high):
        if high is not None:
            raise invalid("out_of_range", what=what, low=f"{low:g}", high=f"{high:g}",
                          value=f"{value:g}")
        raise invalid("below_minimum", what=what, low=f"{low:g}", value=f"{value:g}")


def _dump(value: float) -> Any:
    if isinstance(value, Readings):
        return [{"on": on.isoformat(), "value": v} for on, v in value.readings]
    return value


def _schema(low: float, high: float | None, what: str) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "number", "minimum": low}
    if high is not None:
        number["maximum"] = high
    reading = {"type": "object", "additionalProperties": False, "required": ["on", "value"],
               "properties": {"on": {"type": "string", "format": "date"}, "value": number}}
    return {"anyOf": [number, {"type": "array", "items": reading, "minItems": 1}],
            "description": f"{what}: a number, or dated readings [{{on: YYYY-MM-DD, value: N}}, "
                           "...] (a run uses the last one on or before its date)"}


Progress = Annotated[float, PlainValidator(_readings(0.0, 100.0, "progress")),
                     PlainSerializer(_dump), WithJsonSchema(_schema(0.0, 100.0, "Avancement"))]
"""Avancement 0-100: a number (undated) or dated readings."""
Spent = Annotated[float, PlainValidator(_readings(0.0, None, "spent")),
                  PlainSerializer(_dump), WithJsonSchema(_schema(0.0, None, "Budget consumed"))]
"""Budget consumed: a number (undated) or dated readings."""


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
    def _check(self) -> "Workload":
        if self.visits_per_month is None and self.days_per_month is None:
            raise invalid("workload_rate")
        if self.from_ and self.to and self.to < self.from_:
            raise invalid("workload_dates", to=self.to, start=self.from_)
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
    progress: Progress = 0.0
    """Avancement, 0-100 %: a number, or dated readings [{on: 2026-03-31, value: 40}, ...]."""
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
    spent: Spent | None = None
    """Budget consumed so far: a number, or dated readings; default for steering: budget x
    progress."""
    meetings: int | None = Field(default=None, ge=0)
    """Prospect meetings or offers made so far (for the conversion rate)."""
    workload: Workload | None = None
    """Time the action takes."""

    @model_validator(mode="after")
    def _check(self) -> "Action":
        allowed = SUBTYPES[self.type]
        if self.subtype not in allowed:
            raise invalid("subtype", subtype=self.subtype, type=self.type,
                          allowed=", ".join(allowed))
        if self.target_revenue is not None and self.growth is not None:
            raise invalid("target_and_growth")
        if self.start is not None and self.due < self.start:
            raise invalid("due_before_start", due=self.due, start=self.start)
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
