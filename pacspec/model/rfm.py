"""RFM settings: the purchase-code periods, the analysis window and score bins."""

from typing import Literal

from pydantic import Field, StrictBool, model_validator

from pacspec.model.base import StrictModel
from pacspec.model.messages import invalid
from pacspec.model.types import IsoDate


class Periods(StrictModel):
    """Periods of the RFM purchase code (cotation RFM), aligned on the calendar or on the
    plan's fiscal year."""

    unit: Literal["month", "quarter", "half", "year"] = "quarter"
    """Period length."""
    align: Literal["calendar", "fiscal"] = "calendar"
    """Align quarters, halves and years on the calendar (January) or on the fiscal year,
    which starts in the month of header.plan_start (a plan starting 1 April has quarters
    April-June...)."""
    count: int = Field(default=4, ge=1, le=24)
    """Number of periods, one code digit each."""
    include_current: StrictBool = False
    """Let the last period be the one containing as_of, even if not complete."""


class Window(StrictModel):
    """The analysis window, when it differs from the span of the RFM periods."""

    start: IsoDate
    """First day (included)."""
    end: IsoDate
    """Last day (included)."""

    @model_validator(mode="after")
    def _check(self) -> "Window":
        if self.end < self.start:
            raise invalid("window_dates", end=self.end, start=self.start)
        return self


class Scores(StrictModel):
    """RFM scores by quantile cut points; equal values always get equal scores."""

    bins: int = Field(default=5, ge=2, le=10)
    """Number of score levels; the highest is best."""


class Rfm(StrictModel):
    """Recency, frequency, monetary value."""

    periods: Periods = Field(default_factory=Periods)
    """Periods of the purchase code."""
    window: Window | None = None
    """Analysis window; default: the span of the periods."""
    frequency: Literal["orders", "days"] = "orders"
    """Count distinct orders (needs an order column) or distinct purchase days."""
    scores: Scores = Field(default_factory=Scores)
    """Score settings."""
