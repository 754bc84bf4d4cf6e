"""The per-client CSV written column by column (``report.tables.write_csv_columns``): the
same bytes as :func:`csv.writer` writing the rows value by value (``_python_texts``, the
writer's former code, and ``_number`` / ``_cell`` for each value alone), on awkward values:
delimiters, quotes, line breaks, formula starts, NaN, -0.0, near ties, huge and tiny
floats, dates, booleans, chunks written by :mod:`csv` for texts Arrow cannot hold."""

from __future__ import annotations

import csv
import io
from typing import Any

import numpy as np
import pytest
from float_cases import near_ties, sums_of_amounts
from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec.report import tables
from pacspec.report.tables import (
    _number,
    _python_texts,
    column_strings,
    column_texts,
    write_csv_columns,
)

_AWKWARD_FLOATS = [0.0, -0.0, 1e-300, -5e-324, 1e300, 2.0**63, -(2.0**63), 2.0**53 + 2,
                   1e9 - 1e-7, 999_999_999.999_999_5, 1e9, 1e-4, 9.999_999_9e-5, 1e-7,
                   0.007_812_5, 2.5e-6, 0.000_000_5, 1319.319_999_999_999_7, 0.1 + 0.2,
                   float("inf"), float("-inf"), float("nan"), 2.5e15, 123_456.000_000_5,
                   # an ulp from a tie, where x * 1e6 rounds to the other side of it
                   9_722_824.127_410_5, -38_415_851.867_586_5, 428_418.633_215_5]


_floats = st.one_of(
    st.floats(width=64),
    st.sampled_from(_AWKWARD_FLOATS),
    st.integers(-10**11, 10**11).map(lambda c: c / 100),  # amounts in cents
    st.integers(-10**15, 10**15).map(lambda c: (c + 0.5) / 1e6),  # ties at 6 decimals
    near_ties([1e6]),  # a few ulps from a tie
    st.integers(-2**40, 2**40).map(lambda c: c / 2**20),  # exact binary fractions
    sums_of_amounts,
)
_texts = st.one_of(
    st.text(max_size=6),
    st.sampled_from(["=1+1", "+33 6", "-x", "@a", "\tx", "\rx", "a;b", "a,b", 'say "hi"',
                     '"', "a\nb", "a\r\nb", "a|b", "a\tb", "", " ", "'", "é;à", "NaT"]),
)
_objects = st.one_of(_texts, st.none(), st.just(float("nan")))
_mixed = st.one_of(_objects, st.integers(-2, 2), st.booleans(), st.just(-0.0), st.just(1.5))


def _reference(names: list[str], values: list[np.ndarray], delimiter: str,
               decimal: str) -> bytes:
    """What the writer wrote before: csv.writer over the rows of the value-by-value texts."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(names)
    writer.writerows(zip(*(_python_texts(v, decimal) for v in values), strict=True))
    return out.getvalue().encode("utf-8")


def _written(names: list[str], values: list[np.ndarray], delimiter: str,
             decimal: str) -> bytes:
    out = io.BytesIO()
    write_csv_columns(out, names, values, delimiter=delimiter, decimal=decimal)
    return out.getvalue()


def _objects_array(items: list[Any]) -> np.ndarray:
    array = np.empty(len(items), dtype=object)
    array[:] = items
    return array


@st.composite
def _tables(draw: st.DrawFn) -> tuple[list[str], list[np.ndarray]]:
    n = draw(st.integers(0, 12))
    kinds = draw(st.lists(st.sampled_from(["float", "int", "bool", "date", "text", "mixed",
                                           "unicode"]), min_size=1, max_size=6))
    columns: list[np.ndarray] = []
    for kind in kinds:
        if kind == "float":
            columns.append(np.array(draw(st.lists(_floats, min_size=n, max_size=n)),
                                    dtype=np.float64))
        elif kind == "int":
            columns.append(np.array(draw(st.lists(st.integers(-2**63, 2**63 - 1),
                                                  min_size=n, max_size=n)), dtype=np.int64))
        elif kind == "bool":
            columns.append(np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)),
                                    dtype=bool))
        elif kind == "date":
            days = draw(st.lists(st.one_of(st.integers(-30_000, 60_000), st.none()),
                                 min_size=n, max_size=n))
            columns.append(np.array(["NaT" if d is None else d for d in days],
                                    dtype="datetime64[D]"))
        elif kind == "unicode":
            columns.append(np.array(draw(st.lists(_texts, min_size=n, max_size=n)),
                                    dtype=str))
        else:
            strategy = _objects if kind == "text" else _mixed
            columns.append(_objects_array(draw(st.lists(strategy, min_size=n, max_size=n))))
    names = draw(st.lists(_texts, min_size=len(columns), max_size=len(columns)))
    return names, columns


@settings(max_examples=300, deadline=None)
@given(_tables(), st.sampled_from([";", ",", "\t", "|", " "]), st.sampled_from([",", "."]))
def test_the_columns_are_written_as_csv_writer_writes_the_rows(
        table: tuple[list[str], list[np.ndarray]], delimiter: str, decimal: str) -> None:
    names, values = table
    assert _written(names, values, delimiter, decimal) == \
        _reference(names, values, delimiter, decimal)


@settings(max_examples=200, deadline=None)
@given(st.lists(_floats, max_size=40), st.sampled_from([",", "."]))
def test_float_texts_are_each_number_alone(values: list[float], decimal: str) -> None:
    array = np.array(values, dtype=np.float64)
    assert column_strings(array, decimal).to_pylist() == [_number(v, decimal) for v in values]


def test_float_texts_over_many_magnitudes() -> None:
    """A large sample of every magnitude from 1e-8 to 1e17, either sign, as drawn and with
    4 or 2 decimals (amounts): each text is the number's own."""
    rng = np.random.default_rng(13)
    raw = rng.standard_normal(60_000) * 10.0 ** rng.integers(-8, 17, 60_000)
    values = np.concatenate([raw, np.round(raw, 4), np.round(raw, 2),
                             np.cumsum(np.round(raw[:5_000] % 1e4, 2))])
    texts = column_strings(values, ",").to_pylist()
    assert texts == [_number(v, ",") for v in values.tolist()]


def test_chunks_and_texts_arrow_cannot_hold(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows go out a chunk at a time; a chunk with a lone surrogate is written by csv (which
    fails to encode it, as the writer did before) and the other chunks by Arrow."""
    monkeypatch.setattr(tables, "_CSV_CHUNK", 3)
    names = ["id", "amount", "note"]
    values = [np.arange(8), np.linspace(-2.5, 3.25, 8),
              _objects_array(["a;b", None, '"q"', "=x", "ok", "x\ny", float("nan"), "z"])]
    assert _written(names, values, ";", ",") == _reference(names, values, ";", ",")
    values[2][4] = "\ud800"
    with pytest.raises(UnicodeEncodeError):
        _written(names, values, ";", ",")
    assert column_texts(values[2], ",")[4] == "\ud800"


def test_one_column_and_no_rows_are_csv_writers() -> None:
    for values in ([_objects_array(["", "a", None])], [np.zeros(0)], []):
        names = [f"c{i}" for i in range(len(values))]
        assert _written(names, values, ";", ",") == _reference(names, values, ";", ",")
