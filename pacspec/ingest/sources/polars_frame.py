"""polars DataFrames and LazyFrames (polars is imported only when one is passed)."""

from __future__ import annotations

from typing import Any

import numpy as np

from pacspec.ingest.arrays import Array, IntArray, object_array
from pacspec.ingest.factorize import factorize_values, finish_factorized
from pacspec.ingest.sources._registry import Source, register
from pacspec.ingest.table import Table
from pacspec.model.data import CsvOptions

__all__ = ["SOURCE", "read_polars"]


def read_polars(df: Any, what: str) -> Table:
    """A view of a polars DataFrame; rows are 0-based positions."""
    import polars as pl

    def series(name: str) -> Any:
        s = df.get_column(name)
        if isinstance(s.dtype, (pl.Categorical, pl.Enum)):
            s = s.cast(pl.String)
        return s

    def column(name: str) -> Array:
        s = series(name)
        dtype = s.dtype
        if dtype.is_temporal():
            if isinstance(dtype, pl.Datetime) and dtype.time_zone is not None:
                s = s.dt.replace_time_zone(None)
            return np.asarray(s.to_numpy())
        if dtype.is_integer() and s.null_count() == 0:
            return np.asarray(s.to_numpy()).astype(np.int64)
        if dtype.is_numeric():
            return np.asarray(s.cast(pl.Float64).fill_null(float("nan")).to_numpy())
        return object_array(s.to_list())

    def factorize(name: str) -> tuple[Array, IntArray]:
        s = series(name)
        if not (s.dtype == pl.String or s.dtype.is_integer()):
            return factorize_values(column(name))
        ranks = s.rank("dense")  # 1-based, ascending, nulls stay null
        codes = np.asarray(ranks.fill_null(0).cast(pl.Int64).to_numpy(), dtype=np.int64) - 1
        uniques = s.drop_nulls().unique().sort()
        values = (
            np.asarray(uniques.to_numpy()).astype(np.int64)
            if s.dtype.is_integer()
            else object_array(uniques.to_list())
        )
        return finish_factorized(values, codes)

    return Table(
        label="<polars.DataFrame>",
        what=what,
        is_file=False,
        encoding=None,
        names=[str(c) for c in df.columns],
        row_numbers=np.arange(df.height, dtype=np.int64),
        column=column,
        factorize=factorize,
        text=False,
    )


def _accepts(obj: Any) -> bool:
    kind = type(obj)
    return kind.__module__.split(".")[0] == "polars" and kind.__name__ in (
        "DataFrame",
        "LazyFrame",
    )


def _read(obj: Any, options: CsvOptions, what: str) -> Table:
    return read_polars(obj.collect() if type(obj).__name__ == "LazyFrame" else obj, what)


SOURCE = register(
    Source(name="polars", expects="a polars DataFrame", accepts=_accepts, read=_read, priority=30)
)
