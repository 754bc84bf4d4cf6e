"""Quantitative client analysis: ABC / Pareto segmentation and the client portfolio
(matrice ABC croisée)."""

import itertools
from typing import Literal

from pydantic import Field, model_validator

from pacspec.model.base import StrictModel
from pacspec.model.messages import invalid
from pacspec.model.types import Share

DEFAULT_CUTS: dict[str, list[float]] = {"revenue": [0.80, 0.95], "clients": [0.20, 0.70]}


def _default_labels() -> list[str]:
    return ["A", "B", "C"]


def _default_reference() -> list[float]:
    return [0.20, 0.50, 0.30]


class Abc(StrictModel):
    """ABC classes of the clients active in the window (net revenue > 0), ranked by revenue
    (or by margin). A client belongs to the class in which its cumulative share *before* it
    falls, so A is the smallest set of top clients reaching the first cut; the clients with
    no positive revenue have no class (``abc: none``, shown "sans CA")."""

    measure: Literal["revenue", "margin"] = "revenue"
    """What the clients are ranked on: their net revenue in the window, or their gross
    margin in the window (needs ``data.transactions.columns.margin``). With ``margin``,
    the ranked clients are the active ones with a positive margin; the others have no
    class."""

    basis: Literal["revenue", "clients"] = "revenue"
    """Cut at cumulative revenue shares (80/95 %) or at cumulative client shares (20/70 %)."""
    cuts: list[Share] | None = None
    """Increasing cut points between classes; default 0.80, 0.95 (revenue) or 0.20, 0.70 (clients)."""
    labels: list[str] = Field(default_factory=_default_labels)
    """Class names, one more than the cuts."""
    reference: list[Share] = Field(default_factory=_default_reference)
    """Reference split of clients per class, shown beside the real one (20/50/30)."""
    dependence_threshold: Share = 0.05
    """Warn when class A holds fewer than this share of clients (dependence on few clients)."""

    @model_validator(mode="after")
    def _check(self) -> "Abc":
        cuts = self.effective_cuts
        if any(b <= a for a, b in itertools.pairwise(cuts)):
            raise invalid("cuts_increase", value=cuts)
        if any(c <= 0 or c >= 1 for c in cuts):
            raise invalid("cuts_range", value=cuts)
        if len(self.labels) != len(cuts) + 1:
            raise invalid("cuts_labels", cuts=len(cuts), classes=len(cuts) + 1,
                          labels=len(self.labels), given=self.labels)
        if "none" in self.labels:
            raise invalid("label_none")
        if len(set(self.labels)) != len(self.labels):
            raise invalid("labels_distinct", value=self.labels)
        if len(self.reference) != len(self.labels):
            raise invalid("reference_count", classes=len(self.labels),
                          found=len(self.reference))
        if abs(sum(self.reference) - 1.0) > 1e-6:
            raise invalid("reference_sum", value=f"{sum(self.reference):g}")
        return self

    @property
    def effective_cuts(self) -> list[float]:
        return list(self.cuts) if self.cuts is not None else list(DEFAULT_CUTS[self.basis])


POTENTIAL_CLASSES: tuple[str, ...] = ("A'", "B'", "C'")
"""The portfolio's potential classes."""
ZONES: tuple[str, ...] = ("core", "development", "economic", "no_visit")
"""Portfolio zones: fonds de commerce, potentiel de développement, gestion économique, pas de
visite (the rule that places a cell is ``engine.portfolio.zone_of``)."""


class Portfolio(StrictModel):
    """Revenue class (A/B/C, P for prospects) crossed with a potential class (A', B', C')."""

    attribute: str = "potential"
    """Register column with each client's estimated purchasing potential."""
    thresholds: list[float] = Field(min_length=2, max_length=2)
    """Two decreasing thresholds: potential >= first is A', >= second is B', below is C'."""

    @model_validator(mode="after")
    def _check(self) -> "Portfolio":
        if self.thresholds[0] <= self.thresholds[1]:
            raise invalid("thresholds_decrease", value=self.thresholds)
        return self
