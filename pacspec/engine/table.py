"""The per-client table: numpy columns (NaN where no value) and :class:`Categorical` codes (-1 for none)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from pacspec.arrowtext import blank_texts


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
        if isinstance(values, np.ndarray) and types <= {*_TEXTS, float}:
            found = _texts_by_arrow(values, categories)
            if found is not None:
                return found
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
        index = self._index
        if index is not None and len(wanted) < len(self.categories):
            idx = [index[v] for v in wanted if v in index]  # the client ids: 100 000 of them
        else:
            idx = [i for i, c in enumerate(self.categories) if c in wanted]
        if not idx:
            return np.zeros(len(self.codes), dtype=bool)
        table = np.zeros(len(self.categories) + 1, dtype=bool)  # last slot: code -1
        table[idx] = True
        return table[self.codes]

    @functools.cached_property
    def _index(self) -> dict[str, int] | None:
        """Each category's position (None when a category repeats: the list is read)."""
        index = {c: i for i, c in enumerate(self.categories)}
        return index if len(index) == len(self.categories) else None

    def labels(self, none: str = "") -> np.ndarray:
        """The categories as an object array, ``none`` for -1."""
        table = np.array([*self.categories, none], dtype=object)
        return table[self.codes]

    def counts(self) -> np.ndarray:
        """Rows per category (the last entry counts rows with none)."""
        return np.bincount(np.where(self.codes < 0, len(self.categories), self.codes),
                           minlength=len(self.categories) + 1)


def _texts_by_arrow(values: np.ndarray, categories: Sequence[str] | None
                    ) -> Categorical | None:
    """:meth:`Categorical.from_values` of an object array of texts, None and NaN through
    Arrow's hash and sort (the register's names at 100 000 clients: 24 ms instead of
    150 ms); only the texts that may be blank are read in Python. None when pyarrow is
    missing or a value is a number (Arrow refuses it as text)."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow is a core dependency
        return None
    try:  # None and NaN become nulls; a float that is not NaN is refused
        encoded = pc.dictionary_encode(pa.array(values, type=pa.string(), from_pandas=True))
    except (pa.ArrowInvalid, pa.ArrowTypeError, UnicodeError):
        return None
    dictionary = encoded.dictionary
    if categories is None:  # sorted by Arrow: UTF-8 bytes sort as code points do
        blank = blank_texts(dictionary)
        kept = np.flatnonzero(~blank)
        order = kept[np.asarray(pc.array_sort_indices(dictionary.take(kept)).to_numpy(),
                                dtype=np.int64)]
        categories = dictionary.take(order).to_pylist()
        code_of = np.full(len(dictionary) + 1, -1, dtype=np.int32)  # the last slot: none
        code_of[order] = np.arange(len(order), dtype=np.int32)
    else:
        lookup = {c: i for i, c in enumerate(categories)}
        code_of = np.array([*(lookup.get("" if v.strip() == "" else v, -1)
                              for v in dictionary.to_pylist()), -1], dtype=np.int32)
    distinct = len(dictionary)
    indices = encoded.indices
    if indices.null_count:
        indices = pc.fill_null(indices, distinct)  # the last slot: none
    codes = code_of[np.asarray(indices.to_numpy(zero_copy_only=False))]
    return Categorical(codes, tuple(categories))


_TEXTS = {str, type(None)}
"""Value types whose equal values have equal texts (and NaN, its own key)."""


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and np.isnan(value):
        return True
    return isinstance(value, str) and value.strip() == ""


Column = np.ndarray | Categorical
