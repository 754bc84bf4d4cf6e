"""The register's attribute columns: the per-value definition (``is_missing``/``is_blank``)
against the list-wide path every text column takes."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec.ingest.arrays import is_blank, is_missing, object_array
from pacspec.ingest.register import _attribute
from pacspec.model.data import CsvOptions

_CELLS = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\u00a0", "\x1c", "Bretagne", " Var ", "12", "1 234,5", "007",
                     "3.5", "\t"]),
    st.text(max_size=4),
)


def _reference(items: list[Any], text: bool) -> Any:
    """The per-value definition: numbers when every present value parses (no leading
    zero), else the texts with None for blanks."""
    if text:
        items = [v.strip() for v in items]
    present = [v for v in items if not is_missing(v) and v.strip()]
    return [None if is_blank(v) else v for v in items], present


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return type(a) is type(b) and a == b


@settings(max_examples=300, deadline=None)
@given(cells=st.lists(_CELLS, max_size=30), text=st.booleans())
def test_text_columns_keep_the_per_value_definition(cells: list[str | None], text: bool) -> None:
    if text:  # a text file has no missing cell, only empty texts
        cells = ["" if v is None else v for v in cells]
    out = _attribute(object_array(cells), text, CsvOptions(), ",")
    texts, present = _reference(cells, text)
    if out.dtype == np.float64:  # read as numbers: exactly where a value is present
        assert present and [not math.isnan(x) for x in out.tolist()] == [
            t is not None for t in texts]
    else:
        assert all(_same(a, b) for a, b in zip(out.tolist(), texts, strict=True))


def test_mixed_objects_take_the_per_value_path() -> None:
    values = object_array(["a", float("nan"), 3, "  ", None])
    assert _attribute(values, False, CsvOptions(), ",").tolist()[1:] == [None, 3, None, None]
    assert _attribute(values, False, CsvOptions(), ",")[0] == "a"
