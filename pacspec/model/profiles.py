"""Ordered rules that name clients: purchase-code profiles, RFM score segments, typologies."""

from pydantic import Field, model_validator

from pacspec.model.actions import SUBTYPES, ActionType
from pacspec.model.base import StrictModel
from pacspec.model.conditions import Condition
from pacspec.model.messages import invalid
from pacspec.model.types import Label, Slug


class Rule(StrictModel):
    """A named rule; in an ordered list the first rule whose `when` holds names the client."""

    id: Slug
    """Identifier, used in conditions (profile: [...], segment: [...])."""
    label: Label | None = None
    """Name shown to users (per locale)."""
    description: str | None = None
    """What the rule means and what to do with such clients."""
    when: Condition = Field(default_factory=Condition)
    """The condition; empty matches every client (a catch-all)."""


class Typology(StrictModel):
    """A client typology (e.g. VIP clients); the PAC table groups actions by typology."""

    id: Slug
    """Identifier, referenced by actions and by conditions (typology: [...])."""
    label: Label
    """Name, e.g. "Clients VIP"."""
    when: Condition | None = None
    """Which clients belong; default: register column `typology` equal to the id."""


class Recommendation(StrictModel):
    """A recommended kind of action for some clients (e.g. inactive -> win-back). Steering
    reports the matching clients that no action of that subtype targets."""

    id: Slug
    """Identifier."""
    label: Label | None = None
    """What is recommended, shown to users."""
    when: Condition
    """Which clients the recommendation is for (evaluated at the plan start)."""
    type: ActionType = "commercial"
    """Type of the recommended actions."""
    subtypes: list[str] = Field(min_length=1)
    """Action subtypes that satisfy the recommendation (e.g. [win_back])."""

    @model_validator(mode="after")
    def _check(self) -> "Recommendation":
        wrong = [s for s in self.subtypes if s not in SUBTYPES[self.type]]
        if wrong:
            raise invalid("subtype", subtype=wrong[0], type=self.type,
                          allowed=", ".join(SUBTYPES[self.type]))
        return self
