"""Helpers shared by several lint families: "did you mean" hints, plural names, amounts."""

from __future__ import annotations

from collections.abc import Iterable

from pacspec.diagnostics import did_you_mean
from pacspec.i18n import label

PLURAL = {"strength": "strengths", "weakness": "weaknesses", "opportunity": "opportunities",
          "threat": "threats", "segment": "segments", "profile": "profiles",
          "typology": "typologies"}


def suggest(ref: str, known: Iterable[str], lang: str = "en") -> str | None:
    """A hint for an unknown id, in ``lang``: the closest known one, or the first few known
    ones."""
    names = list(known)
    guess = did_you_mean(ref, names)
    if guess:
        return label("hint_did_you_mean_quoted", lang, value=guess)
    if names:
        shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
        return label("hint_known_ids", lang, names=shown)
    return None


def money(value: float, currency: str) -> str:
    """An amount for messages: ``8 000 EUR``."""
    return f"{value:,.0f} {currency}".replace(",", " ")


def number(value: float) -> str:
    """A number for hints, as it is written in a plan: ``8000``, ``0.15``."""
    return f"{value:.10g}"
