"""pandas DataFrames (pandas is imported only when one is passed)."""

from __future__ import annotations

from typing import Any

import numpy as np

from pacspec.ingest.arrays import Array, IntArray
from pacspec.ingest.factorize import finish_factorized
from pacspec.ingest.sources._registry import Source, register
from pacspec.ingest.table import Table
from pacspec.model.data import CsvOptions

__all__ = ["SOURCE", "read_pandas"]


def read_pandas(df: Any, what: str) -> Table:
    """A view of a pandas DataFrame; rows are 0-based positions."""
    import pandas as pd

    originals = {str(c): c for c in df.columns}

    def series(name: str) -> Any:
        s = df[originals[name]]
        if isinstance(s, pd.DataFrame):  # duplicated column name: the first one
            s = s.iloc[:, 0]
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(object)
        return s

    def column(name: str) -> Array:
        s = series(name)
        dtype = s.dtype
        if pd.api.types.is_datetime64_any_dtype(dtype):
            if getattr(dtype, "tz", None) is not None:
                s = s.dt.tz_localize(None)
            return np.asarray(s.to_numpy(dtype="datetime64[ns]"))
        if pd.api.types.is_bool_dtype(dtype):
            return np.asarray(s.to_numpy(dtype=object))
        if pd.api.types.is_integer_dtype(dtype) and not s.hasnans:
            return np.asarray(s.to_numpy(dtype=np.int64))
        if pd.api.types.is_numeric_dtype(dtype):
            return np.asarray(s.to_numpy(dtype=np.float64, na_value=np.nan))
        return np.asarray(s.to_numpy(dtype=object))

    def factorize(name: str) -> tuple[Array, IntArray]:
        s = series(name)
        try:
            codes, uniques = pd.factorize(s, sort=True)
        except TypeError:  # mixed types cannot be sorted
            codes, uniques = pd.factorize(s, sort=False)
        if pd.api.types.is_integer_dtype(uniques.dtype):
            values: Array = np.asarray(uniques, dtype=np.int64)
        elif pd.api.types.is_float_dtype(uniques.dtype):
            values = np.asarray(uniques, dtype=np.float64)
        else:
            values = np.asarray(uniques, dtype=object)
        return finish_factorized(values, np.asarray(codes, dtype=np.int64))

    return Table(
        label="<pandas.DataFrame>",
        what=what,
        is_file=False,
        encoding=None,
        names=list(originals),
        row_numbers=np.arange(len(df), dtype=np.int64),
        column=column,
        factorize=factorize,
        text=False,
    )


def _accepts(obj: Any) -> bool:
    kind = type(obj)
    return kind.__module__.split(".")[0] == "pandas" and kind.__name__ == "DataFrame"


def _read(obj: Any, options: CsvOptions, what: str) -> Table:
    return read_pandas(obj, what)


SOURCE = register(
    Source(name="pandas", expects="a pandas DataFrame", accepts=_accepts, read=_read, priority=30)
)
