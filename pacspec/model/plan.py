"""The plan file's root model and the reusable rule file."""

from typing import Literal

from pydantic import Field

from pacspec.model.abc import Abc, Portfolio
from pacspec.model.actions import Action, Budget
from pacspec.model.base import StrictModel
from pacspec.model.data import DataSection
from pacspec.model.emoff import Emoff
from pacspec.model.header import Header
from pacspec.model.ipo_ipa import IpoIpa
from pacspec.model.profiles import Recommendation, Rule, Typology
from pacspec.model.rfm import Rfm
from pacspec.model.steering import Steering
from pacspec.model.types import Locale

FORMAT_VERSION = 1
"""The plan format this version of pacspec reads (the `pacspec:` key)."""

#: Sections a rule file may define; a plan gets them through `include:`.
RULE_SECTIONS: tuple[str, ...] = ("profiles", "segments", "typologies", "recommendations")


class Plan(StrictModel):
    """A Plan d'Action Commerciale: analysis, actions and steering, in one file."""

    pacspec: Literal[1]
    """Plan format version."""
    locale: Locale = "fr"
    """Language of the labels shown to users."""
    include: list[str] = Field(default_factory=list)
    """Rule files to include, by path relative to this file (e.g. rules/profiles-fr.rules.yaml)."""
    header: Header
    """Company, business unit, budget year, vision, objectives."""
    data: DataSection = Field(default_factory=DataSection)
    """Where the client data is and how its columns are named."""
    emoff: Emoff | None = None
    """Matrice EMOFF and TOWS strategies."""
    ipo_ipa: IpoIpa | None = None
    """IPO/IPA matrix (qualitative client analysis)."""
    abc: Abc = Field(default_factory=Abc)
    """ABC / Pareto segmentation."""
    portfolio: Portfolio | None = None
    """Client portfolio (matrice ABC croisée)."""
    rfm: Rfm = Field(default_factory=Rfm)
    """RFM settings."""
    profiles: list[Rule] = Field(default_factory=list)
    """Ordered profile rules on the purchase code (first match names the client)."""
    segments: list[Rule] = Field(default_factory=list)
    """Ordered RFM score segments (Champions, Loyal, At risk...)."""
    typologies: list[Typology] = Field(default_factory=list)
    """Client typologies; the PAC table groups actions by them."""
    recommendations: list[Recommendation] = Field(default_factory=list)
    """Recommended action kinds per group of clients (inactive -> win-back...)."""
    actions: list[Action] = Field(default_factory=list)
    """The PAC table."""
    budget: Budget = Field(default_factory=Budget)
    """Budget envelope."""
    steering: Steering = Field(default_factory=Steering)
    """KPIs and alert bands."""


class RuleFile(StrictModel):
    """A reusable rule set (`*.rules.yaml`), included by plans."""

    pacspec: Literal[1]
    """Plan format version."""
    description: str | None = None
    """What the rule set is for."""
    include: list[str] = Field(default_factory=list)
    """Other rule files to include."""
    profiles: list[Rule] | None = None
    """Ordered profile rules."""
    segments: list[Rule] | None = None
    """Ordered RFM score segments."""
    typologies: list[Typology] | None = None
    """Client typologies."""
    recommendations: list[Recommendation] | None = None
    """Recommended action kinds per group of clients."""
