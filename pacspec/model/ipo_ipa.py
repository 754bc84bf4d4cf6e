"""Qualitative client analysis: the IPO/IPA matrix (indice probable de potentiel /
d'accessibilité), weighted criteria notes on a declared scale, cut into four quadrants."""

from typing import Annotated

from pydantic import Field, model_validator

from pacspec.model.base import StrictModel
from pacspec.model.messages import invalid
from pacspec.model.types import Label, Slug, at_most

MAX_WEIGHT = 1e6
"""The largest criterion weight: weights are relative, and a weight of ``1.7e308`` would
make the weighted sums overflow to infinity."""

MAX_NOTE = 1e9
"""The largest note (in absolute value) a scale may have."""


QUADRANTS: tuple[str, ...] = ("1", "2", "3", "4")
"""The IPO/IPA priority quadrants: 1 (work first) to 4 (watch only)."""


class Criterion(StrictModel):
    """One weighted criterion; each client gets a note on the scale."""

    id: Slug
    """Identifier; also the register column holding the notes unless `attribute` is set."""
    label: Label
    """What the criterion measures, e.g. "Taille du point de vente"."""
    weight: Annotated[float, at_most(MAX_WEIGHT, "a weight")] = Field(
        default=1.0, gt=0, allow_inf_nan=False)
    """Relative weight in the index."""  # at most MAX_WEIGHT
    attribute: str | None = None
    """Register column with the notes (default: the criterion id)."""

    @property
    def column(self) -> str:
        return self.attribute or self.id


class Scale(StrictModel):
    """The note scale, e.g. 1 to 5."""

    min: float = 1.0
    """Lowest note."""
    max: float = 5.0
    """Highest note."""

    @model_validator(mode="after")
    def _check(self) -> "Scale":
        if not (abs(self.min) <= MAX_NOTE and abs(self.max) <= MAX_NOTE):  # also NaN
            raise invalid("scale_bounds", limit=f"{MAX_NOTE:.0e}", low=f"{self.min:g}",
                          high=f"{self.max:g}")
        if self.max <= self.min:
            raise invalid("scale_order", high=self.max, low=self.min)
        return self

    @property
    def midpoint(self) -> float:
        return (self.min + self.max) / 2


class Thresholds(StrictModel):
    """Where the 2x2 grid is cut; default: the scale midpoint. An index >= threshold is high."""

    ipo: float | None = None
    """IPO cut (potential)."""
    ipa: float | None = None
    """IPA cut (accessibility)."""


class IpoIpa(StrictModel):
    """IPO = weighted mean of the potential criteria notes, IPA = same for accessibility.

    Quadrants: 1 high IPO and high IPA (work first); 2 high IPO, low IPA (invest to open
    access); 3 low IPO, high IPA (serve at low cost); 4 low/low (watch only)."""

    scale: Scale = Field(default_factory=Scale)
    """The note scale shared by every criterion."""
    ipo: list[Criterion] = Field(min_length=1)
    """Potential criteria (indice probable de potentiel)."""
    ipa: list[Criterion] = Field(min_length=1)
    """Accessibility criteria (indice probable d'accessibilité)."""
    thresholds: Thresholds = Field(default_factory=Thresholds)
    """Grid cuts."""
    notes: dict[str, dict[str, float]] = Field(default_factory=dict)
    """Per-client notes stated in the plan, by client id then criterion id; they override the register."""

    @property
    def ipo_threshold(self) -> float:
        return self.scale.midpoint if self.thresholds.ipo is None else self.thresholds.ipo

    @property
    def ipa_threshold(self) -> float:
        return self.scale.midpoint if self.thresholds.ipa is None else self.thresholds.ipa
