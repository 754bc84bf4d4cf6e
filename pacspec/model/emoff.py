"""EMOFF (French SWOT): environment, threats, opportunities, strengths, weaknesses, and the
TOWS crossings (SO, ST, WO, WT) that turn them into recommended actions."""

from pydantic import Field

from pacspec.model.base import StrictModel
from pacspec.model.types import Slug


class Fact(StrictModel):
    """One threat, opportunity, strength or weakness."""

    id: Slug
    """Identifier, referenced by strategies (e.g. o1, t-competition)."""
    text: str = Field(min_length=1)
    """The fact, as the team states it."""
    weight: int | None = Field(default=None, ge=1, le=5)
    """Importance, 1 (minor) to 5 (major)."""
    source: str | None = None
    """Where the fact comes from (study, panel, field feedback...)."""


class Strategy(StrictModel):
    """A recommended action for one TOWS crossing, built on EMOFF facts."""

    id: Slug
    """Identifier, referenced by actions (strategies: [...])."""
    text: str = Field(min_length=1)
    """The recommendation."""
    uses: list[Slug] = Field(min_length=1)
    """Ids of the facts this crossing combines (e.g. a strength and an opportunity for SO)."""


class Strategies(StrictModel):
    """TOWS crossings (croisements)."""

    so: list[Strategy] = Field(default_factory=list)
    """Use strengths to seize opportunities."""
    st: list[Strategy] = Field(default_factory=list)
    """Use strengths to ward off threats."""
    wo: list[Strategy] = Field(default_factory=list)
    """Master weaknesses to seize opportunities."""
    wt: list[Strategy] = Field(default_factory=list)
    """Master weaknesses to limit exposure to threats."""


class Emoff(StrictModel):
    """Matrice EMOFF: Environnement, Menaces, Opportunités, Forces, Faiblesses."""

    environment: str | None = None
    """Context of the market (environnement)."""
    threats: list[Fact] = Field(default_factory=list)
    """Menaces: external factors against the plan."""
    opportunities: list[Fact] = Field(default_factory=list)
    """Opportunités: external factors in favour."""
    strengths: list[Fact] = Field(default_factory=list)
    """Forces: internal assets."""
    weaknesses: list[Fact] = Field(default_factory=list)
    """Faiblesses: internal shortcomings."""
    strategies: Strategies = Field(default_factory=Strategies)
    """TOWS crossings with recommended actions."""

    def facts(self) -> dict[str, tuple[str, Fact]]:
        """Every fact by id, with its kind (threat, opportunity, strength, weakness)."""
        out: dict[str, tuple[str, Fact]] = {}
        for kind, items in (
            ("threat", self.threats),
            ("opportunity", self.opportunities),
            ("strength", self.strengths),
            ("weakness", self.weaknesses),
        ):
            for fact in items:
                out.setdefault(fact.id, (kind, fact))
        return out
