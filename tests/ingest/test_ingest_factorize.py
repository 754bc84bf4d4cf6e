"""Factorisation: sorted uniques, missing values, the no-sort path for small ints, and the
dense ids over a register."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from pacspec.ingest import factorize as factorize_module
from pacspec.ingest import load_ledger
from pacspec.ingest.arrays import object_array
from pacspec.ingest.factorize import factorize_values, finish_factorized, merge_ids


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
