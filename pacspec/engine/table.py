"""The per-client table: numpy columns (NaN where no value) and :class:`Categorical` codes (-1 for none)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Categorical:
    """Integer codes (-1 = none) into ``categories``."""

    codes: np.ndarray
    categories: tuple[str, ...]

    @classmethod
    def from_values(cls, values: Sequence[object] | np.ndarray,
                    categories: Sequence[str] | None = None) -> Categorical:
        """Encode text values; None, NaN and "" become -1. Categories default to the sorted
        distinct values."""
        items: list[object] = values.tolist() if isinstance(values, np.ndarray) \
            else list(values)
        types = set(map(type, items))
        if not (types <= _TEXTS or (types <= {*_TEXTS, float}
                                    and all(v != v for v in items if type(v) is float))):
            # numbers: 1 == 1.0 == True and 0.0 == -0.0 would share a key below
            items = ["" if _missing(v) else str(v) for v in items]
        # each distinct value is read once (a register column repeats a few values over
        # many clients); a NaN object is its own key, found by identity
        text = {v: "" if _missing(v) else str(v) for v in set(items)}
        if categories is None:
            categories = sorted({t for t in text.values() if t != ""})
        lookup = {c: i for i, c in enumerate(categories)}
        code_of = {v: lookup.get(t, -1) for v, t in text.items()}
        codes = np.fromiter(map(code_of.__getitem__, items), dtype=np.int32, count=len(items))
        return cls(codes, tuple(categories))

    def __len__(self) -> int:
        return len(self.codes)

    def isin(self, values: Iterable[object]) -> np.ndarray:
        """Boolean mask of the rows whose category is one of ``values`` (compared as text)."""
        wanted = {str(v) for v in values}
        idx = [i for i, c in enumerate(self.categories) if c in wanted]
        if not idx:
            return np.zeros(len(self.codes), dtype=bool)
        table = np.zeros(len(self.categories) + 1, dtype=bool)  # last slot: code -1
        table[idx] = True
        return table[self.codes]

    def labels(self, none: str = "") -> np.ndarray:
        """The categories as an object array, ``none`` for -1."""
        table = np.array([*self.categories, none], dtype=object)
        return table[self.codes]

    def counts(self) -> np.ndarray:
        """Rows per category (the last entry counts rows with none)."""
        return np.bincount(np.where(self.codes < 0, len(self.categories), self.codes),
                           minlength=len(self.categories) + 1)


_TEXTS = {str, type(None)}
"""Value types whose equal values have equal texts (and NaN, its own key)."""


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


Column = np.ndarray | Categorical
