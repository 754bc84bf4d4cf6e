"""Factorisation: sorted uniques, missing values, the no-sort path for small ints, and the
dense ids over a register."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pacspec.ingest import factorize as factorize_module
from pacspec.ingest import load_ledger
from pacspec.ingest.arrays import object_array
from pacspec.ingest.factorize import (
    arrow_codes,
    factorize_values,
    finish_factorized,
    first_seen,
    merge_ids,
    streamed_run_codes,
)


def test_small_int_ids_take_the_no_sort_path(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(1)
    ids = rng.integers(0, 500, size=2000)
    dates = np.full(2000, np.datetime64("2025-01-01"))
    amounts = rng.normal(100, 10, size=2000)
    big = load_ledger({"client": ids + 10**12, "date": dates, "amount": amounts})

    def no_sort(values: Any) -> Any:
        raise AssertionError("small non-negative int ids must not be sorted")

    monkeypatch.setattr(factorize_module, "factorize_sorted", no_sort)
    small = load_ledger({"client": ids, "date": dates, "amount": amounts})
    np.testing.assert_array_equal(small.client, big.client)
    np.testing.assert_array_equal(small.client_ids + 10**12, big.client_ids)
    assert small.client_ids.dtype == np.int64
    np.testing.assert_array_equal(small.client_ids[small.client], ids)
    register = {"client": np.array([499, 3, 700])}
    with_register = load_ledger({"client": ids, "date": dates, "amount": amounts}, register)
    assert with_register.client_ids[:3].tolist() == [499, 3, 700]
    np.testing.assert_array_equal(with_register.client_ids[with_register.client], ids)


def test_strings_blanks_and_strip() -> None:
    values = object_array([" b", "a", "", "   ", "b", "a "])
    uniques, codes = factorize_values(values)
    assert uniques.tolist() == [" b", "a", "a ", "b"] and codes.tolist() == [0, 1, -1, -1, 3, 2]
    uniques, codes = factorize_values(values, strip=True)
    assert uniques.tolist() == ["a", "b"] and codes.tolist() == [1, 0, -1, -1, 1, 0]


def test_mostly_distinct_long_columns_give_the_same_codes() -> None:
    items = [f"F{i % 9000:05d} " for i in range(10_000)]
    uniques, codes = factorize_values(object_array(items), strip=True, all_text=True)
    assert len(uniques) == 9000 and uniques[0] == "F00000"
    assert [uniques[c] for c in codes[:3].tolist()] == ["F00000", "F00001", "F00002"]


def test_floats_dates_and_mixed_objects() -> None:
    uniques, codes = factorize_values(np.array([3.0, np.nan, 1.0, 3.0]))
    assert uniques.dtype == np.int64 and uniques.tolist() == [1, 3]  # integral floats: ints
    assert codes.tolist() == [1, -1, 0, 1]
    days = np.array(["2025-01-02", "NaT", "2025-01-01"], dtype="M8[D]")
    assert factorize_values(days)[1].tolist() == [1, -1, 0]
    uniques, codes = factorize_values(object_array([7, None, "7", 7]))
    assert codes[0] == codes[3] != codes[2] and codes[1] == -1  # 7 and "7" differ
    assert sorted(map(str, uniques.tolist())) == ["7", "7"]


def test_finish_factorized_drops_missing_and_sorts() -> None:
    uniques, codes = finish_factorized(
        object_array(["b", None, "a"]), np.array([0, 1, 2, 0], dtype=np.int64)
    )
    assert uniques.tolist() == ["a", "b"] and codes.tolist() == [1, -1, 0, 1]


def test_merge_ids() -> None:
    tx_ids, tx_codes = object_array(["A", "C"]), np.array([1, 0, 1], dtype=np.int64)
    ids, codes = merge_ids(object_array(["C", "B"]), tx_ids, tx_codes)
    assert ids.tolist() == ["C", "B", "A"] and codes.tolist() == [0, 2, 0]
    ids, codes = merge_ids(None, tx_ids, tx_codes)
    assert ids.tolist() == ["A", "C"] and codes.tolist() == [1, 0, 1]
    ids, _ = merge_ids(np.array([5, 2], dtype=np.int64), np.array([2, 9], dtype=np.int64),
                       np.array([0, 1], dtype=np.int64))  # fmt: skip
    assert ids.dtype == np.int64 and ids.tolist() == [5, 2, 9]


_IDS = st.one_of(
    st.lists(st.sampled_from(["A", "B", "C", "D", "é"]), unique=True, max_size=5),
    st.lists(st.integers(-3, 3), unique=True, max_size=5),
    st.lists(st.sampled_from(["A", "B", 1, 2]), unique=True, max_size=4),
)


def _as_ids(values: list[Any]) -> Any:
    if values and all(type(v) is int for v in values):
        return np.array(values, dtype=np.int64)
    return object_array(values)


@given(_IDS, _IDS, st.data())
def test_merge_ids_agrees_with_a_plain_python_reference(
    register: list[Any], seen: list[Any], data: st.DataObject
) -> None:
    """The register's ids in its order, then the other ids, whatever their kinds (text,
    integers, both), none of the transactions' ids (an engine reads them), or no
    register: each line's client is the position of its id."""
    codes = np.array(data.draw(st.lists(st.integers(0, max(len(seen) - 1, 0)), max_size=8)
                               if seen else st.just([])), dtype=np.int64)
    ids, merged = merge_ids(_as_ids(register), _as_ids(seen), codes)
    if not register:  # no register: the transactions' ids as they are
        expected = list(seen)
    elif len({type(v) for v in register + seen}) == 1:
        expected = register + [v for v in seen if v not in register]
    else:  # kinds that differ meet as text
        texts = [str(v) for v in register]
        expected = register + [v for v in seen if str(v) not in texts]
    keys = [str(v) for v in expected]
    assert ids.tolist() == expected
    assert [keys[c] for c in merged.tolist()] == [str(seen[c]) for c in codes.tolist()]
    assert merged.dtype == np.int64


def _by_first_appearance(items: list[str | None]) -> list[int]:
    """Plain-Python reference: each non-blank id (trimmed) numbered by its first row."""
    seen: dict[str, int] = {}
    out = []
    for v in items:
        key = v.strip() if v is not None else ""
        out.append(-1 if not key else seen.setdefault(key, len(seen)))
    return out


_ORDER_IDS = st.lists(
    st.one_of(st.none(), st.sampled_from(["F1", "F2", " F1", "F10", "", "  ", "é9", "F2 "])),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(items=_ORDER_IDS, chunks=st.integers(1, 3))
def test_order_codes_are_numbered_by_first_appearance(items: list[str | None],
                                                      chunks: int) -> None:
    import pyarrow as pa

    size = max(1, len(items) // chunks)
    parts = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    col = pa.chunked_array([pa.array(p, pa.string()) for p in parts], pa.string())
    expected = _by_first_appearance(items)
    count, codes = arrow_codes(col, strip=True)
    assert codes.tolist() == expected and count == len(set(expected) - {-1})
    # any other numbering of the same ids gives the same codes once renumbered
    texts = object_array(["" if v is None else v for v in items])  # as a text file has them
    uniques, sorted_codes = factorize_values(texts, strip=True, all_text=True)
    n_renumbered, renumbered = first_seen(sorted_codes, len(uniques))
    assert n_renumbered == count and renumbered.tolist() == expected


@given(st.lists(st.integers(-1, 6), max_size=40))
def test_first_seen_keeps_the_partition_and_drops_unused_codes(codes: list[int]) -> None:
    count, out = first_seen(np.asarray(codes, dtype=np.int64), 7)
    reference: dict[int, int] = {}
    expected = [-1 if c < 0 else reference.setdefault(c, len(reference)) for c in codes]
    assert out.tolist() == expected and count == len(reference)


def test_order_codes_skip_the_sort_of_millions_of_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    def no_sort(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("order ids need no sorted dictionary")

    col = pa.chunked_array([pa.array([f"F{(i * 7919) % 5000}" for i in range(10_000)])])
    monkeypatch.setattr(pc, "array_sort_indices", no_sort)
    count, codes = arrow_codes(col)
    assert count == 5000 and codes[:3].tolist() == [0, 1, 2]


_DICTIONARY_IDS = st.one_of(
    st.none(), st.sampled_from(["C1", " C1", "C1 ", "C2", "", "  ", "\u00a0C3", "é9", "C10"]))


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.tuples(st.lists(_DICTIONARY_IDS, min_size=1, max_size=6, unique=True),
                                st.lists(st.integers(-1, 5), max_size=12)),
                      min_size=1, max_size=4))
def test_a_dictionary_encoded_column_factorizes_as_its_values_do(
        parts: list[tuple[list[str | None], list[int]]]) -> None:
    """A Parquet column read dictionary-encoded (one dictionary per row group, values no
    row uses, null values and null indices) gives the uniques and codes of the same
    values hashed row by row."""
    import pyarrow as pa

    from pacspec.ingest.factorize import factorize_arrow, factorize_dictionary

    chunks = []
    for dictionary, picks in parts:
        indices = [None if p < 0 or p >= len(dictionary) else p for p in picks]
        chunks.append(pa.DictionaryArray.from_arrays(
            pa.array(indices, pa.int32()), pa.array(dictionary, pa.string())))
    encoded = pa.chunked_array(chunks, pa.dictionary(pa.int32(), pa.string()))
    plain = pa.chunked_array([c.cast(pa.string()) for c in chunks], pa.string())
    uniques, codes = factorize_dictionary(encoded, strip=True)
    expected_uniques, expected_codes = factorize_arrow(plain, strip=True)
    assert uniques.tolist() == expected_uniques.tolist()
    assert codes.tolist() == expected_codes.tolist()
    # and the plain-Python meaning: each trimmed non-blank id, sorted
    values = [v for c in plain.chunks for v in c.to_pylist()]
    keys = ["" if v is None else v.strip() for v in values]
    ordered = sorted({k for k in keys if k})
    assert uniques.tolist() == ordered
    assert codes.tolist() == [ordered.index(k) if k else -1 for k in keys]


def _hashed_as_strings(col: Any, need_uniques: bool) -> tuple[Any, int, Any]:
    """:func:`_arrow_codes` of ``col`` with the ids never packed into integers: Arrow's
    hash of the strings, the reference the packed paths must agree with."""
    original = factorize_module._packed_keys
    try:
        factorize_module._packed_keys = lambda values: None  # type: ignore[assignment]
        return factorize_module._arrow_codes(col, False, need_uniques)
    finally:
        factorize_module._packed_keys = original  # type: ignore[assignment]


_SHORT_IDS = st.lists(st.text(alphabet=st.sampled_from(["C", "0", "9", "a", "é", "-", "中", "\x00"]),
                              min_size=1, max_size=5), max_size=40)


@settings(max_examples=300, deadline=None)
@given(items=_SHORT_IDS, cut=st.integers(0, 40), need_uniques=st.booleans())
def test_ids_of_at_most_8_bytes_packed_as_integers_factorize_as_strings(
        items: list[str], cut: int, need_uniques: bool) -> None:
    """Ids of up to 8 UTF-8 bytes are hashed as one integer each (their bytes big-endian):
    the same distinct values, sorted the same way, and the same codes (as first seen for
    order ids) as hashing the strings; longer ids and NUL bytes take the string path."""
    import pyarrow as pa

    parts = [items[:cut], items[cut:]] if 0 < cut < len(items) else [items]
    col = pa.chunked_array([pa.array(p, pa.string()) for p in parts], pa.string())
    packed = factorize_module._packed_keys(col)
    fits = all(len(v.encode()) <= 8 and "\x00" not in v for v in items)
    assert (packed is not None) == fits
    block = factorize_module._PACK_BLOCK
    try:  # values of several lengths are packed a few rows at a time
        factorize_module._PACK_BLOCK = 3
        got = factorize_module._arrow_codes(col, False, need_uniques)
    finally:
        factorize_module._PACK_BLOCK = block
    expected = _hashed_as_strings(col, need_uniques)
    assert got[1] == expected[1]
    assert got[2].tolist() == expected[2].tolist()
    if need_uniques:
        assert got[0].to_pylist() == expected[0].to_pylist() == sorted(set(items), key=str.encode)


_DIGIT_IDS = st.tuples(
    st.sampled_from(["", "C", "CL", "F-", "C\u00e9"]), st.integers(1, 7),
    st.lists(st.integers(0, 10**7 - 1), min_size=1, max_size=40),
    st.sampled_from(["", "", "x", " ", "A1"]), st.integers(0, 39),
).map(lambda t: [f"{t[0]}{v % 10 ** t[1]:0{t[1]}d}" for v in t[2]]
      + ([t[3] + "7" * t[1]] if t[3] else []))


@settings(max_examples=300, deadline=None)
@given(items=_DIGIT_IDS, cut=st.integers(0, 40), span=st.sampled_from([1 << 23, 5]))
@example(items=["0000000", "8388608"], cut=0, span=1 << 23)  # just past the table
def test_digit_ids_numbered_by_a_table_factorize_as_strings(
        items: list[str], cut: int, span: int) -> None:
    """Ids of a shared prefix and digits of one width (``C0012345``) are numbered by a
    table over their digits' values, not hashed: the same sorted distinct ids and codes
    as hashing the strings; ids that break the shape (another length, a letter, a space)
    or a range wider than the table are hashed."""
    import pyarrow as pa

    parts = [items[:cut], items[cut:]] if 0 < cut < len(items) else [items]
    col = pa.chunked_array([pa.array(p, pa.string()) for p in parts], pa.string())
    keys = factorize_module._packed_keys(col)
    assert (keys is None) == any(len(v.encode()) > 8 for v in items)  # ids too long
    digits = [v.lstrip("CLF-\u00e9") for v in items]
    shaped = keys is not None and all(d.isdigit() and d.isascii() for d in digits) \
        and len({len(d) for d in digits}) == 1 \
        and len({v[: len(v) - len(d)] for v, d in zip(items, digits, strict=True)}) == 1
    original_span = factorize_module._DIGIT_SPAN
    try:
        factorize_module._DIGIT_SPAN = span
        taken = (factorize_module._digit_codes(keys, np.empty(len(items), np.int64))
                 if keys is not None else None)
        got = factorize_module._arrow_codes(col, False, True)
    finally:
        factorize_module._DIGIT_SPAN = original_span
    values = sorted({int(d) for d in digits}) if shaped else []
    assert (taken is not None) == (shaped and values[-1] - values[0] < span)
    expected = _hashed_as_strings(col, True)
    ordered = sorted(set(items), key=str.encode)
    assert got[0].to_pylist() == expected[0].to_pylist() == ordered
    assert got[1] == expected[1] == len(ordered)
    assert got[2].tolist() == expected[2].tolist() == [ordered.index(v) for v in items]


_FIXED = st.integers(1, 14).flatmap(lambda width: st.lists(
    st.text(alphabet=st.sampled_from(["F", "0", "1", "9", "-", " ", "é"]), min_size=width,
            max_size=width).filter(lambda v: len(v.encode()) == width), max_size=30))


@settings(max_examples=300, deadline=None)
@given(items=st.one_of(_FIXED, st.lists(st.text(max_size=10), max_size=20)),
       sort=st.booleans(), cut=st.integers(0, 30))
def test_sorted_runs_and_trim_checks_read_the_bytes_as_strings_do(
        items: list[str], sort: bool, cut: int) -> None:
    """The checks on a string column's raw bytes (values of one length compared as 8-byte
    words in place, first and last bytes for the trim) agree with the strings."""
    import pyarrow as pa

    values = sorted(items, key=str.encode) if sort else items
    parts = [values[:cut], values[cut:]] if 0 < cut < len(values) else [values]
    col = pa.chunked_array([pa.array(p, pa.string()) for p in parts], pa.string())
    runs = factorize_module._sorted_runs(col)
    ordered = all(a.encode() <= b.encode() for a, b in itertools.pairwise(values))
    assert (runs is not None) == ordered or len(values) < 2
    changes = factorize_module._word_changes(col)  # past the probe of the first rows
    widths = {len(v.encode()) for v in values}
    if not values:
        pass
    elif len(widths) == 1 and min(widths) >= 8:
        assert changes is not None
        if not ordered:
            assert changes is False
        else:
            assert isinstance(changes, np.ndarray)
            assert changes.tolist() == [a != b for a, b in itertools.pairwise(values)]
    else:
        assert changes is None
    if runs is not None and len(values) >= 2:
        seen: dict[str, int] = {}
        assert runs.tolist() == [seen.setdefault(v, len(seen)) for v in values]
    edge = [v == "" or v.encode()[0] <= 0x20 or v.encode()[0] >= 0x80
            or v.encode()[-1] <= 0x20 or v.encode()[-1] >= 0x80 for v in values]
    assert factorize_module._needs_trim(col) == any(edge)


_STREAMED = st.one_of(
    _FIXED,
    st.lists(st.one_of(st.none(), st.sampled_from(["F1", "F2", "F10", " F1", "F2 ", "", "é9"])),
             max_size=30),
    st.lists(st.text(alphabet=st.sampled_from(["A", "b", "0", "9", "é", " "]), max_size=9),
             max_size=30),
)


@settings(max_examples=300, deadline=None)
@given(items=_STREAMED, sort=st.sampled_from(["none", "whole", "each chunk"]),
       cuts=st.lists(st.integers(0, 30), max_size=4))
def test_order_ids_numbered_chunk_by_chunk_as_the_whole_column_is(
        items: list[str | None], sort: str, cuts: list[int]) -> None:
    """The order ids of a Parquet file numbered row group by row group, one held at a time
    (:func:`streamed_run_codes`): the codes of the whole column when it is sorted, blank
    free and untrimmed (numbered by first appearance, as :func:`arrow_codes` numbers
    them); None, and the whole column hashed instead, in every other case."""
    import pyarrow as pa

    def key(v: str | None) -> tuple[bool, bytes]:
        return v is not None, (v or "").encode()

    values = sorted(items, key=key) if sort == "whole" else items
    edges = sorted({0, len(values), *(c for c in cuts if c <= len(values))})
    if sort == "each chunk":  # sorted within row groups, maybe not across them
        values = [v for a, b in itertools.pairwise(edges) for v in sorted(values[a:b], key=key)]
    chunks = [pa.array(values[a:b], pa.string()) for a, b in itertools.pairwise(edges)]
    got = streamed_run_codes(iter(chunks))
    plain = [v for v in values if v is not None]
    untrimmed = len(plain) == len(values) and all(
        v and v.encode()[0] > 0x20 and v.encode()[0] < 0x80
        and v.encode()[-1] > 0x20 and v.encode()[-1] < 0x80 for v in plain)
    ordered = all(a.encode() <= b.encode() for a, b in itertools.pairwise(plain))
    assert (got is not None) == (untrimmed and ordered)
    if got is not None:
        count, codes = got
        whole = pa.chunked_array(chunks, pa.string())
        whole_count, whole_codes = arrow_codes(whole, strip=True)
        assert count == whole_count and codes.tolist() == whole_codes.tolist()
        assert codes.tolist() == _by_first_appearance(values)
        assert count == len(set(values))


def test_look_alike_ids_among_text_and_other_ids() -> None:
    """Ids that differ only by an invisible mark are paired, whether every id is text or
    some are numbers (a workbook's numeric codes); all-ASCII ids have none."""
    from pacspec.ingest.factorize import look_alike_ids

    text = object_array(["C1", "C\u200b1", "C2", "\u202aC3", "C3"])
    assert look_alike_ids(text) == [("C\u200b1", "C1"), ("\u202aC3", "C3")]
    mixed = object_array([12, "C\u200b1", None, "C1", 3.5])
    assert look_alike_ids(mixed) == [("C\u200b1", "C1")]
    assert look_alike_ids(object_array(["C1", "C2", 7])) == []
