"""Categorical.from_values (each distinct value read once) against the plain per-value
definition: None, NaN and blank texts are -1, every other value is coded by its text."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from pacspec.engine.table import Categorical

_values = st.lists(st.one_of(st.none(), st.just(float("nan")), st.sampled_from(["", " ", "a", "b"]),
                             st.text(max_size=3), st.integers(-2, 2), st.booleans(),
                             st.floats(allow_nan=False, allow_infinity=False, width=16)),
                   max_size=40)


def _text(v: object) -> str:
    missing = v is None or (isinstance(v, float) and math.isnan(v)) or (
        isinstance(v, str) and not v.strip())
    return "" if missing else str(v)


@given(_values, st.booleans())
def test_codes_are_the_texts_categories(values: list[object], as_array: bool) -> None:
    data = np.array(values, dtype=object) if as_array else values
    c = Categorical.from_values(data)
    texts = [_text(v) for v in values]
    assert list(c.categories) == sorted({t for t in texts if t})
    assert [c.categories[k] if k >= 0 else "" for k in c.codes.tolist()] == texts


@given(_values, st.lists(st.sampled_from(["a", "b", "1", "1.0", "True", "0"]), unique=True))
def test_given_categories_code_the_others_as_none(values: list[object],
                                                   categories: list[str]) -> None:
    c = Categorical.from_values(values, categories)
    expected = [categories.index(t) if t in categories else -1 for t in map(_text, values)]
    assert c.categories == tuple(categories) and c.codes.tolist() == expected


def test_a_ledger_is_encoded_once_and_again_when_a_column_changes() -> None:
    import datetime as dt

    from conftest import EXAMPLE_PLAN

    from pacspec.session import Session

    session = Session.open(EXAMPLE_PLAN)
    first = session.evaluate(dt.date(2025, 12, 31))
    second = session.evaluate(dt.date(2026, 6, 30))
    assert first.attributes["region"] is second.attributes["region"]  # shared, not redone
    ledger = first.ledger
    regions = np.asarray(ledger.attributes["region"], dtype=object).copy()
    regions[0] = "Zone test"
    ledger.attributes["region"] = regions
    third = session.evaluate(dt.date(2026, 6, 30))
    column = third.attributes["region"]
    assert isinstance(column, Categorical) and column is not first.attributes["region"]
    assert column.categories[column.codes[0]] == "Zone test"


_texts = st.lists(st.one_of(st.none(), st.just(float("nan")),
                            st.sampled_from(["", " ", "\u00a0", "a", "b", "é"]),
                            st.text(max_size=4),  # white space as Python's strip() sees it
                            st.text(st.sampled_from(" \t\x1c\x85\u00a0\u2003\u3000\u200bab"),
                                    max_size=3)), max_size=60)


@given(_texts, st.one_of(st.none(), st.lists(st.sampled_from(["a", "b", "é", "x"]),
                                             unique=True)))
def test_texts_through_arrow_are_the_definition(values: list[object],
                                                categories: list[str] | None) -> None:
    from pacspec.engine import table

    data = np.array(values, dtype=object)
    arrow = table._texts_by_arrow(data, categories)  # the path an object array of texts takes
    assert arrow is not None
    texts = [_text(v) for v in values]
    expected = sorted({t for t in texts if t}) if categories is None else categories
    assert list(arrow.categories) == expected
    assert arrow.codes.dtype == np.int32
    assert arrow.codes.tolist() == [expected.index(t) if t in expected else -1 for t in texts]
    via = Categorical.from_values(data, categories)
    assert via.categories == arrow.categories and via.codes.tolist() == arrow.codes.tolist()


def test_numbers_and_bytes_are_not_read_by_arrow() -> None:
    from pacspec.engine import table

    assert table._texts_by_arrow(np.array(["a", 1.5], dtype=object), None) is None
    c = Categorical.from_values(np.array([b"a", "a", 1, None], dtype=object))
    assert c.categories == ("1", "a", "b'a'") and c.codes.tolist() == [2, 1, 0, -1]


@given(st.lists(st.sampled_from(["a", "b", "c", "1", "é"]), max_size=6),
       st.lists(st.integers(-1, 5), max_size=20),
       st.lists(st.one_of(st.sampled_from(["a", "b", "c", "x", "1"]), st.integers(0, 2)),
                max_size=7))
def test_isin_is_the_rows_whose_category_text_is_wanted(
        categories: list[str], codes: list[int], wanted: list[object]) -> None:
    """Through the categories' index, or their list when a category repeats."""
    cats = tuple(categories)
    kept = [c if c < len(cats) else -1 for c in codes]
    column = Categorical(np.array(kept, dtype=np.int32), cats)
    texts = {str(v) for v in wanted}
    expected = [c >= 0 and cats[c] in texts for c in kept]
    assert column.isin(wanted).tolist() == expected
    assert column.isin(wanted).tolist() == expected  # the cached index, again


def test_the_client_column_holds_the_ledgers_ids_as_text() -> None:
    """``client:`` conditions see each id as its text: str ids as they are (the same
    objects, no copy), int64 ids written out."""
    from pacspec.engine.pipeline import _client_column
    from pacspec.ingest import Ledger

    def ledger(ids: np.ndarray) -> Ledger:
        return Ledger(client_ids=ids, client=np.zeros(0, dtype=np.int64),
                      day=np.zeros(0, dtype=np.int64), amount=np.zeros(0, dtype=np.float64))

    texts = np.array(["C1", "C10", "C2"], dtype=object)
    column = _client_column(ledger(texts))
    assert column.categories == ("C1", "C10", "C2")
    assert all(a is b for a, b in zip(column.categories, texts.tolist(), strict=True))
    assert column.codes.tolist() == [0, 1, 2]
    numbers = _client_column(ledger(np.array([12, 7], dtype=np.int64)))
    assert numbers.categories == ("12", "7")
