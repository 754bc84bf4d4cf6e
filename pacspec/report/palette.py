"""The report's colours, written once for the HTML page, the workbook and the matplotlib
figures (``#rrggbb``; :func:`argb` gives the workbook's ``RRGGBB``)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

__all__ = ["ACCENT", "CLASS_COLOURS", "GRID", "GUIDE", "INK", "LABEL", "MUTED",
           "QUADRANT_COLOURS", "SOFT", "STATUS_COLOURS", "STATUS_FILLS", "ZONE_COLOURS", "argb",
           "class_colour"]

ACCENT: Final = "#0b4f79"
"""Titles, the Pareto curve, the first ABC class."""
SOFT: Final = "#eef3f7"
"""Table headers."""
INK: Final = "#1d2733"
"""Text."""
MUTED: Final = "#5b6b7c"
"""Secondary text, the quadrant cuts."""
GUIDE: Final = "#7b8794"
"""Reference and target lines."""
GRID: Final = "#e2e7ec"
"""Grid lines."""
LABEL: Final = "#26323d"
"""Labels drawn over a shaded area."""
CLASS_COLOURS: Final = ("#0b4f79", "#3d8bc4", "#9cc3e4", "#c9d6e2", "#e3e9ef")
"""ABC classes in order (the last repeats for more classes)."""
ZONE_COLOURS: Final[Mapping[str, str]] = MappingProxyType({
    "core": "#cfe8d0", "development": "#cfe2f6", "economic": "#fbefc9", "no_visit": "#ececec"})
"""Portfolio zones (:data:`pacspec.engine.portfolio.ZONES`)."""
QUADRANT_COLOURS: Final[Mapping[str, str]] = MappingProxyType({
    "1": "#e6f3e4", "2": "#e5eef8", "3": "#fcf4e0", "4": "#f3f3f3"})
"""IPO/IPA quadrants (priorities 1 to 4)."""
STATUS_COLOURS: Final[Mapping[str, str]] = MappingProxyType({
    "green": "#2e7d32", "orange": "#ef8f00", "red": "#c62828"})
"""Steering lights."""
STATUS_FILLS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType({
    "green": ("#c8e6c9", "#1b5e20"), "orange": ("#ffe0b2", "#8a4b00"),
    "red": ("#ffcdd2", "#8e0000")})
"""Steering lights as a cell: (fill, text)."""


def class_colour(index: int) -> str:
    """The colour of the ``index``-th ABC class."""
    return CLASS_COLOURS[min(index, len(CLASS_COLOURS) - 1)]


def argb(colour: str) -> str:
    """``#0b4f79`` -> ``0B4F79`` (what openpyxl takes)."""
    return colour.lstrip("#").upper()
