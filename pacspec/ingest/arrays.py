"""numpy type aliases and the small array helpers every ingestion module uses."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Array", "BoolArray", "FloatArray", "IntArray", "is_blank", "is_missing", "object_array"]

Array = npt.NDArray[Any]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def object_array(values: Sequence[Any]) -> Array:
    """A 1-d object array of the values (never a 2-d array of sequences)."""
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


def is_missing(value: Any) -> bool:
    """None, NaN, NaT, pandas NA / NaT."""
    if value is None:
        return True
    if isinstance(value, (float, np.floating)):
        return bool(math.isnan(value))
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    return type(value).__name__ in ("NAType", "NaTType")


def is_blank(value: Any) -> bool:
    """Missing, or a string of spaces only."""
    return is_missing(value) or (isinstance(value, str) and not value.strip())
