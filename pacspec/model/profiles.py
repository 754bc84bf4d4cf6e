"""Ordered rules that name clients: purchase-code profiles, RFM score segments, typologies."""

from __future__ import annotations

from pydantic import Field

from pacspec.model.base import StrictModel
from pacspec.model.conditions import Condition
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
