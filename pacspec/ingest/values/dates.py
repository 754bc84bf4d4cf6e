"""Dates to day numbers: ``dd/mm/yyyy`` and ISO text (vectorised), a ``strptime`` format,
or typed dates (``date``, ``datetime``, ``Timestamp``, ``datetime64``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np

from pacspec.calendar import to_day
from pacspec.ingest.arrays import Array, BoolArray, IntArray, is_missing
from pacspec.ingest.values.distinct import via_distinct

__all__ = ["EXPECTED", "ambiguous_day_first", "parse_date_texts_all", "parse_dates"]

_FR_DIGITS = [0, 1, 3, 4, 6, 7, 8, 9]
_ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9]
_DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_FR_DATE_RE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME)
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)
_FR_SHORT_RE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})" + _TIME)
_COMPACT_RE = re.compile(r"(\d{4})(\d{2})(\d{2})" + _TIME)
EXPECTED = "dd/mm/yyyy, dd/mm/yy, yyyy-mm-dd or yyyymmdd"
"""The date shapes read without ``csv.date_format``, as messages name them."""


def _pivot(yy: int) -> int:
    """A two-digit year as ``strptime``'s ``%y`` reads it: 69-99 -> 1969-1999, 00-68 ->
    2000-2068 (Sage and EBP exports write ``15/01/25``)."""
    return 1900 + yy if yy >= 69 else 2000 + yy


def _days_from_civil(y: IntArray, m: IntArray, d: IntArray) -> IntArray:
    """Days since 1970-01-01 of proleptic Gregorian dates (H. Hinnant's algorithm)."""
    y = y - (m <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * ((m + 9) % 12) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return np.asarray(era * 146097 + doe - 719468, dtype=np.int64)


def _valid_ymd(y: IntArray, m: IntArray, d: IntArray) -> BoolArray:
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    month_ok = (m >= 1) & (m <= 12)
    last = _DAYS_IN_MONTH[np.clip(m, 1, 12) - 1] + ((m == 2) & leap)
    return np.asarray((y >= 1) & month_ok & (d >= 1) & (d <= last), dtype=bool)


def ambiguous_day_first(texts: Any) -> tuple[str, str] | None:
    """Whether reading ``dd/mm`` dates day first is a guess: every ``a/b/yyyy`` (or
    ``a/b/yy``) text has a and b at most 12 and some has a != b (``03/04/2025``); then an
    example and the month-first ``csv.date_format``. None when a day above 12 confirms the
    day-first reading, or no date has that shape. ``texts``: the distinct values."""
    example: tuple[str, str] | None = None
    for text in texts:
        if not isinstance(text, str):
            continue
        text = text.strip()
        match = _FR_DATE_RE.fullmatch(text) or _FR_SHORT_RE.fullmatch(text)
        if match is None:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12:
            return None
        if example is None and first != second and second <= 12:
            sep = text[match.end(1)]
            year = "%Y" if len(match.group(3)) == 4 else "%y"
            example = (text, f"%m{sep}%d{sep}{year}")
    return example


def _parse_date_text(text: str, fmt: str | None) -> int | None:
    """One date string -> day number, or None (the slow path)."""
    text = text.strip()
    try:
        if fmt is not None:
            return to_day(dt.datetime.strptime(text, fmt))
        match = _FR_DATE_RE.fullmatch(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
        elif match := _ISO_DATE_RE.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
        elif match := _FR_SHORT_RE.fullmatch(text):
            day, month, yy = (int(g) for g in match.groups())
            year = _pivot(yy)
        elif match := _COMPACT_RE.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
        else:
            return None
        return to_day(dt.date(year, month, day))
    except ValueError:
        return None


def _date_value(value: Any, fmt: str | None) -> int | None:
    """A non-text date value (date, datetime, Timestamp, datetime64) -> day number."""
    if is_missing(value):
        return None
    if isinstance(value, str):
        return _parse_date_text(value, fmt)
    if isinstance(value, dt.date):  # a datetime (or a Timestamp) is truncated to its date
        return to_day(value)
    if isinstance(value, np.datetime64):
        return int(value.astype("datetime64[D]").astype(np.int64))
    return None


def _parse_date_texts(texts: list[str], fmt: str | None) -> tuple[IntArray, BoolArray]:
    """Day numbers and a bad mask from date strings (distinct values parsed once)."""
    return via_distinct(texts, lambda values: parse_date_texts_all(values, fmt))


def parse_date_texts_all(texts: list[str], fmt: str | None) -> tuple[IntArray, BoolArray]:
    """Vectorised: fixed-width ``dd/mm/yyyy`` and ``yyyy-mm-dd`` through a byte matrix;
    other shapes one distinct value at a time."""
    n = len(texts)
    texts = [t.strip() for t in texts]
    days = np.zeros(n, dtype=np.int64)
    bad = np.ones(n, dtype=bool)
    done = np.zeros(n, dtype=bool)
    allow_fr = fmt is None or fmt == "%d/%m/%Y"
    allow_iso = fmt is None or fmt == "%Y-%m-%d"
    if n and (allow_fr or allow_iso):
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
        at = np.flatnonzero(lengths == 10)
        joined = "".join(texts) if at.size == n else "".join(texts[i] for i in at.tolist())
        try:
            raw = joined.encode("ascii")
        except UnicodeEncodeError:
            raw = b""
            at = at[:0]
        if at.size:
            b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 10).astype(np.int64)
            g = b - 48
            digit = (g >= 0) & (g <= 9)
            fr = (b[:, 2] == 47) & (b[:, 5] == 47) & digit[:, _FR_DIGITS].all(axis=1)
            iso = (b[:, 4] == 45) & (b[:, 7] == 45) & digit[:, _ISO_DIGITS].all(axis=1)
            fr &= allow_fr
            iso &= allow_iso & ~fr
            y = np.where(fr, g[:, 6] * 1000 + g[:, 7] * 100 + g[:, 8] * 10 + g[:, 9], 0)
            y = np.where(iso, g[:, 0] * 1000 + g[:, 1] * 100 + g[:, 2] * 10 + g[:, 3], y)
            m = np.where(fr, g[:, 3] * 10 + g[:, 4], g[:, 5] * 10 + g[:, 6])
            d = np.where(fr, g[:, 0] * 10 + g[:, 1], g[:, 8] * 10 + g[:, 9])
            matched = fr | iso
            ok = matched & _valid_ymd(y, m, d)
            done[at[matched]] = True
            bad[at[ok]] = False
            days[at[ok]] = _days_from_civil(y[ok], m[ok], d[ok])
    rest = np.flatnonzero(~done)
    if rest.size:
        cache: dict[str, int | None] = {}
        for i in rest.tolist():
            text = texts[i]
            if text not in cache:
                cache[text] = _parse_date_text(text, fmt)
            value = cache[text]
            if value is not None:
                days[i] = value
                bad[i] = False
    return days, bad


def parse_dates(
    values: Array, fmt: str | None, all_text: bool = False
) -> tuple[IntArray, BoolArray]:
    """Day numbers and a bad mask, from text or typed date values (``all_text``: every
    value is a ``str``, as read from a delimited file)."""
    if all_text:
        return _parse_date_texts(values.tolist(), fmt)
    n = len(values)
    kind = values.dtype.kind
    if kind == "M":
        bad = np.isnat(values)
        days = values.astype("datetime64[D]", copy=False).astype(np.int64)  # one copy
        if bad.any():
            days[bad] = 0
        return days, np.asarray(bad, dtype=bool)
    if kind in "iu" and fmt in (None, "%Y%m%d"):  # integer yyyymmdd (a DataFrame's 20250115)
        return _parse_date_texts([str(int(v)) for v in values.tolist()], "%Y%m%d")
    if kind == "f" and fmt in (None, "%Y%m%d"):
        finite = np.isfinite(values)
        texts = [
            str(int(v)) if ok else ""
            for v, ok in zip(values.tolist(), finite.tolist(), strict=True)
        ]
        return _parse_date_texts(texts, "%Y%m%d")
    if kind in "US":
        values = values.astype(object)
    elif kind != "O":
        return np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool)
    items = values.tolist()
    is_text = np.fromiter((type(v) is str for v in items), dtype=bool, count=n)
    if is_text.all():
        return _parse_date_texts(items, fmt)
    days = np.zeros(n, dtype=np.int64)
    bad = np.ones(n, dtype=bool)
    text_at = np.flatnonzero(is_text)
    if text_at.size:
        tdays, tbad = _parse_date_texts([items[i] for i in text_at.tolist()], fmt)
        days[text_at], bad[text_at] = tdays, tbad
    for i in np.flatnonzero(~is_text).tolist():
        value = _date_value(items[i], fmt)
        if value is not None:
            days[i], bad[i] = value, False
    return days, bad
