"""Mappings of column name to a 1-d array, list or Series (tried last: any Mapping)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from pacspec.ingest.arrays import Array
from pacspec.ingest.factorize import factorize_values
from pacspec.ingest.sources._registry import Source, register
from pacspec.ingest.table import Table, input_error
from pacspec.model.data import CsvOptions

__all__ = ["SOURCE", "read_mapping"]


def read_mapping(mapping: Mapping[Any, Any], what: str) -> Table:
    """A view of the columns; raise for a column that is not 1-d, or unequal lengths."""
    columns: dict[str, Array] = {}
    for key, values in mapping.items():
        array = np.asarray(values.to_numpy() if hasattr(values, "to_numpy") else values)
        if array.ndim != 1:
            raise input_error("bad-input", f"column '{key}' of the {what} is not one-dimensional")
        if array.dtype.kind in "US":
            array = array.astype(object)
        columns[str(key)] = array
    lengths = {len(a) for a in columns.values()}
    if len(lengths) > 1:
        sizes = ", ".join(f"{k}: {len(a)}" for k, a in columns.items())
        raise input_error("bad-input", f"the {what} columns have different lengths ({sizes})")
    n = lengths.pop() if lengths else 0
    return Table(
        label="<mapping>",
        what=what,
        is_file=False,
        encoding=None,
        names=list(columns),
        row_numbers=np.arange(n, dtype=np.int64),
        column=lambda name: columns[name],
        factorize=lambda name: factorize_values(columns[name]),
        text=False,
    )


def _accepts(obj: Any) -> bool:
    return isinstance(obj, Mapping)


def _read(obj: Any, options: CsvOptions, what: str) -> Table:
    return read_mapping(obj, what)


SOURCE = register(
    Source(
        name="mapping",
        expects="a mapping of columns",
        accepts=_accepts,
        read=_read,
        priority=90,  # any Mapping: after the libraries' own types
    )
)
