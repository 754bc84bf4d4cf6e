"""The register's attribute columns: the per-value definition (``is_missing``/``is_blank``,
numbers when every present value parses) against the list-wide path every text column
takes, and the path of an Arrow column with no blank; the blank-free test on Arrow bytes."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec.ingest.arrays import is_blank, is_missing, object_array
from pacspec.ingest.register import _attribute
from pacspec.ingest.values.numbers import has_leading_zero, parse_number_texts
from pacspec.model.data import CsvOptions

_CELLS = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\u00a0", "\x1c", "Bretagne", " Var ", "12", "1 234,5", "007",
                     "3.5", "\t", "1,5", "1.500", "2,25", "(12,50)", "8 000 €"]),
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
    numeric = bool(present) and not has_leading_zero(present) and not parse_number_texts(
        present, None, None, ",")[1].any()  # every present value a number, no code
    assert (out.dtype == np.float64) == numeric
    if not text and cells and all(isinstance(v, str) and v[:1].isalnum() for v in cells):
        plain = _attribute(object_array(cells), text, CsvOptions(), ",", plain=True)
        assert plain.dtype == out.dtype and all(  # Arrow said no blank: the same column
            _same(a, b) for a, b in zip(plain.tolist(), out.tolist(), strict=True))
    if out.dtype == np.float64:  # read as numbers: exactly where a value is present
        assert present and [not math.isnan(x) for x in out.tolist()] == [
            t is not None for t in texts]
    else:
        assert all(_same(a, b) for a, b in zip(out.tolist(), texts, strict=True))


def test_mixed_objects_take_the_per_value_path() -> None:
    values = object_array(["a", float("nan"), 3, "  ", None])
    assert _attribute(values, False, CsvOptions(), ",").tolist()[1:] == [None, 3, None, None]
    assert _attribute(values, False, CsvOptions(), ",")[0] == "a"


@settings(deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=3)), max_size=20))
def test_blank_free_never_says_so_of_a_column_with_a_blank(cells: list[str | None]) -> None:
    import pyarrow as pa

    from pacspec.ingest.factorize import blank_free

    col = pa.chunked_array([pa.array(cells, pa.string())], pa.string())
    if blank_free(col):
        assert all(isinstance(v, str) and not is_blank(v) for v in cells)
    if cells and all(isinstance(v, str) and v[:1].isascii() and v[:1].isalnum() for v in cells):
        assert blank_free(col)


@settings(max_examples=300, deadline=None)
@given(chunks=st.lists(st.lists(_CELLS, max_size=12), max_size=4), sliced=st.booleans())
def test_blank_texts_agrees_with_the_per_value_definition(
        chunks: list[list[str | None]], sliced: bool) -> None:
    """Missing, empty and white-space-only values (NBSP, ``\x1c``, tabs) are blank, as
    ``str.isspace`` says, in chunks of any size, sliced ones (an offset into the buffers)
    and chunks of nulls only."""
    import pyarrow as pa

    from pacspec.arrowtext import blank_texts

    arrays = [pa.array(["x", *c, "y"] if sliced else c, pa.string()) for c in chunks]
    if sliced:
        arrays = [a.slice(1, len(a) - 2) for a in arrays]
    col = pa.chunked_array(arrays, pa.string())
    cells = [v for c in chunks for v in c]
    assert blank_texts(col).tolist() == [is_blank(v) for v in cells]
    for array, part in zip(arrays, chunks, strict=True):  # an Array as a ChunkedArray
        assert blank_texts(array).tolist() == [is_blank(v) for v in part]


@settings(max_examples=100, deadline=None)
@given(cells=st.lists(_CELLS, min_size=1, max_size=20), dictionary=st.booleans())
def test_names_from_arrow_are_the_per_value_definition(
        cells: list[str | None], dictionary: bool) -> None:
    """The register's names from an Arrow table (plain or dictionary-encoded text) are
    the names as written, None for a blank one: what the per-value path gives."""
    import pyarrow as pa

    from pacspec.ingest.register import read_register
    from pacspec.ingest.sources.arrow_table import read_arrow
    from pacspec.model.data import ClientColumns

    names = pa.array(cells, pa.string())
    table = pa.table({"id": [f"C{i}" for i in range(len(cells))],
                      "name": names.dictionary_encode() if dictionary else names})
    register = read_register(read_arrow(table, "clients", "<clients>"),
                             ClientColumns(id="id", name="name"), CsvOptions(), "error")
    assert register.attributes["name"].tolist() == [None if is_blank(v) else v for v in cells]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["12", "1,5", "1.500", "2,25", "3.5", "007", "(12,50)",
                                 "8 000 €", "1 234,5", "1.234,5", "1,234.5"]),
                min_size=60, max_size=140))
def test_long_number_columns_are_decided_on_every_value(cells: list[str]) -> None:
    # beyond the first values looked at first: numbers exactly when every value is one
    numeric = not has_leading_zero(cells) and not parse_number_texts(
        cells, None, None, ",")[1].any()
    for plain in (False, True):
        out = _attribute(object_array(cells), False, CsvOptions(), ",", plain=plain)
        assert (out.dtype == np.float64) == numeric
