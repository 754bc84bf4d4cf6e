"""French and ISO dates, French and English numbers, from text and from typed values."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from ingest_helpers import day

from pacspec.calendar import to_day
from pacspec.ingest.arrays import object_array
from pacspec.ingest.values import parse_dates, parse_number_texts, parse_numbers
from pacspec.ingest.values.numbers import has_leading_zero


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15/01/2025", "2025-01-15"),
        ("2025-01-15", "2025-01-15"),
        (" 5/1/2025 ", "2025-01-05"),
        ("29/02/2024", "2024-02-29"),
        ("15/01/2025 10:30", "2025-01-15"),
        ("2025-01-15T10:30:00+01:00", "2025-01-15"),
        ("15.01.2025", "2025-01-15"),
    ],
)
def test_date_texts(text: str, expected: str) -> None:
    days, bad = parse_dates(object_array([text]), None, all_text=True)
    assert not bad[0] and days[0] == day(expected)


@pytest.mark.parametrize(
    "text", ["31/02/2025", "2025-13-01", "00/01/2025", "", "demain", "15/01/5", "32/01/25"]
)
def test_bad_date_texts(text: str) -> None:
    assert parse_dates(object_array([text]), None, all_text=True)[1].tolist() == [True]


def test_a_date_format_is_strict() -> None:
    texts = object_array(["01.02.2025", "2025-02-01"])
    days, bad = parse_dates(texts, "%d.%m.%Y", all_text=True)
    assert bad.tolist() == [False, True] and days[0] == day("2025-02-01")
    days, bad = parse_dates(object_array(["01/02/2025", "2025-02-01"]), "%Y-%m-%d")
    assert bad.tolist() == [True, False] and days[1] == day("2025-02-01")


def test_typed_dates() -> None:
    values = object_array(
        [dt.date(2025, 1, 2), dt.datetime(2025, 1, 2, 23, 59), np.datetime64("2025-01-02"),
         "02/01/2025", None, 12]
    )  # fmt: skip
    days, bad = parse_dates(values, None)
    assert bad.tolist() == [False, False, False, False, True, True]
    assert days[:4].tolist() == [day("2025-01-02")] * 4
    stamps = np.array(["2025-01-02T12:00", "NaT"], dtype="M8[s]")
    days, bad = parse_dates(stamps, None)
    assert days[0] == day("2025-01-02") and bad.tolist() == [False, True]
    assert parse_dates(np.array([1.5]), None)[1].tolist() == [True]


def test_repeated_dates_are_parsed_once_with_the_same_result() -> None:
    texts = ["15/01/2025", "16/01/2025", "bad"] * 5000
    days, bad = parse_dates(object_array(texts), None, all_text=True)
    assert days[:2].tolist() == [day("2025-01-15"), day("2025-01-16")]
    assert bad.reshape(-1, 3).tolist() == [[False, False, True]] * 5000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 234,50", 1234.5),
        ("1\u00a0234,50 €", 1234.5),
        ("1\u202f000,00", 1000.0),
        ("1.234,50", 1234.5),
        ("EUR 7,5", 7.5),
        ("-12,00", -12.0),
        ("(12,50)", -12.5),
        ("7,00-", -7.0),
        ("+3", 3.0),
    ],
)
def test_french_numbers(text: str, expected: float) -> None:
    numbers, bad, decimal = parse_number_texts([text], None, None, ",")
    assert (numbers[0], bad[0], decimal) == (expected, False, ",")


@pytest.mark.parametrize("text", ["12 34,00", "1,234.5", "dix", "", "1,2,3", "inf", "nan"])
def test_bad_french_numbers(text: str) -> None:
    assert parse_number_texts([text], ",", None, ",")[1].tolist() == [True]


def test_the_decimal_mark_is_inferred_per_column() -> None:
    numbers, bad, decimal = parse_number_texts(["12.50", "1234.5", "3"], None, None, ",")
    assert decimal == "." and numbers.tolist() == [12.5, 1234.5, 3.0] and not bad.any()
    numbers, _, decimal = parse_number_texts(["1,234.50", "7"], None, None, ".")
    assert decimal == "." and numbers.tolist() == [1234.5, 7.0]
    assert parse_number_texts(["1.234"], None, None, ",")[0].tolist() == [1234.0]
    numbers, _, decimal = parse_number_texts(["1.5"], ".", "'", ",")
    assert (numbers.tolist(), decimal) == ([1.5], ".")


def test_typed_numbers() -> None:
    numbers, bad, _ = parse_numbers(np.array([1, 2], dtype=np.int64), None, None, ",")
    assert numbers.dtype == np.float64 and not bad.any()
    numbers, bad, _ = parse_numbers(np.array([1.5, np.nan, np.inf]), None, None, ",")
    assert bad.tolist() == [False, True, True] and np.isnan(numbers[1:]).all()
    mixed = object_array([1, "2,5", None, True, "x", 3.5])
    numbers, bad, _ = parse_numbers(mixed, None, None, ",")
    assert bad.tolist() == [False, False, True, True, True, False]
    assert numbers[[0, 1, 5]].tolist() == [1.0, 2.5, 3.5]


def test_leading_zeros_mark_codes() -> None:
    assert has_leading_zero(["29200", "01000"]) and has_leading_zero(["-05"])
    assert not has_leading_zero(["0", "0,5", "100"])


def test_short_years_and_compact_dates() -> None:
    from pacspec.ingest.values.dates import parse_dates

    texts = np.array(
        ["15/01/25", "31/12/99", "01/01/68", "20250115", "20250115 10:30", "2025011"], dtype=object
    )
    days, bad = parse_dates(texts, None, all_text=True)
    assert bad.tolist() == [False, False, False, False, False, True]
    expected = [
        dt.date(2025, 1, 15),
        dt.date(1999, 12, 31),
        dt.date(2068, 1, 1),
        dt.date(2025, 1, 15),
        dt.date(2025, 1, 15),
    ]
    assert days[:5].tolist() == [to_day(d) for d in expected]


def test_integer_yyyymmdd_dates_in_a_frame() -> None:
    from pacspec.ingest import load_ledger

    ledger = load_ledger(
        {"client": ["A", "B"], "date": np.array([20250115, 20241231]), "amount": [1.0, 2.0]}
    )
    assert ledger.day.tolist() == [to_day(dt.date(2025, 1, 15)), to_day(dt.date(2024, 12, 31))]
    forced = load_ledger(
        {"client": ["A"], "date": [20250115], "amount": [1.0]}, csv={"date_format": "%Y%m%d"}
    )
    assert forced.day.tolist() == [to_day(dt.date(2025, 1, 15))]
