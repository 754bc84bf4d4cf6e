"""Numbers from text: decimal comma or point, thousands separators, ``€`` / ``EUR``,
accounting negatives ``(12,50)`` and ``12,50-``; typed numbers pass through."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence

import numpy as np

from pacspec.ingest.arrays import Array, BoolArray, FloatArray, is_missing
from pacspec.ingest.values.distinct import via_distinct

__all__ = [
    "clearly_decimal_pattern",
    "example_number",
    "has_leading_zero",
    "number_one",
    "parse_number_texts",
    "parse_numbers",
    "separators_for",
]


class _Unparsable(Exception):
    """A block of numbers failed the fast path."""


_SPACES = " \t\r\u00a0\u202f"
_CURRENCY_RE = re.compile(  # a currency sign at the start or the end of a value
    r"^[ \t\r\u00a0\u202f]*(?:€|EUR|Eur|eur)|(?:€|EUR|Eur|eur)[ \t\r\u00a0\u202f]*$",
    re.MULTILINE,
)
_EDGE_SPACES_RE = re.compile(r"[ \t\r\u00a0\u202f]*\n[ \t\r\u00a0\u202f]*")
_HAS_EDGE_SPACES_RE = re.compile(r"[ \t\r\u00a0\u202f]\n|\n[ \t\r\u00a0\u202f]")
_COMMA_LAST_RE = re.compile(r"\.\d{3},\d")
_DOT_LAST_RE = re.compile(r",\d{3}\.\d")
_LEADING_ZERO_RE = re.compile(r"(?:^|\n)[+-]?0\d")


def has_leading_zero(texts: Sequence[str]) -> bool:
    """Whether a value starts with a zero followed by a digit (``01000``): a code, not a
    number."""
    return bool(_LEADING_ZERO_RE.search("\n".join(texts)))


def example_number(decimal: str) -> str:
    """A number written with the decimal mark ``decimal``, for messages."""
    return "1 234,50" if decimal == "," else "1234.50"


@functools.lru_cache(maxsize=64)
def _bad_separator_re(separators: str) -> re.Pattern[str]:
    """A separator not between a digit and exactly three digits."""
    cls = "".join(re.escape(c) for c in separators)
    return re.compile(rf"(?<![0-9])[{cls}]|[{cls}](?![0-9]{{3}}(?![0-9]))")


@functools.lru_cache(maxsize=64)
def _clearly_decimal_re(mark: str) -> re.Pattern[str]:
    """``mark`` followed by 1-2 or 4+ digits: a decimal mark, not a thousands separator."""
    return re.compile(rf"{re.escape(mark)}(?:[0-9]{{1,2}}|[0-9]{{4,}})(?![0-9])")


def clearly_decimal_pattern(mark: str) -> str:
    """``mark`` followed by 1-2 or 4+ digits, without look-arounds (for Arrow's RE2)."""
    return rf"{re.escape(mark)}(?:[0-9]{{1,2}}|[0-9]{{4,}})(?:[^0-9]|$)"


def _infer_decimal(text: str, thousands: str | None, default: str) -> str:
    """The decimal mark of a column, from its values joined by newlines: the other mark
    only when more values clearly use it (``12.5``, ``1,234.50``) than the default one."""
    if thousands in (".", ","):
        return "," if thousands == "." else "."
    other = "." if default == "," else ","
    if other not in text:
        return default
    votes = {
        ",": len(_clearly_decimal_re(",").findall(text)) + len(_COMMA_LAST_RE.findall(text)),
        ".": len(_clearly_decimal_re(".").findall(text)) + len(_DOT_LAST_RE.findall(text)),
    }
    return other if votes[other] > votes[default] else default


def separators_for(thousands: str | None, decimal: str) -> str:
    """The thousands separators accepted with the decimal mark ``decimal``."""
    if thousands is None:
        return " \u00a0\u202f" + ("." if decimal == "," else ",")
    return "".join(c for c in thousands if c != decimal)


def _numbers_block(texts: Sequence[str], decimal: str, separators: str) -> FloatArray:
    """Fast path: parse many numbers with whole-string replacements; raise if any fails."""
    joined = "\n".join(texts)
    if "€" in joined or "ur" in joined or "UR" in joined:
        joined = _CURRENCY_RE.sub("", joined)
    if any(c in joined for c in _SPACES) and _HAS_EDGE_SPACES_RE.search(joined):
        joined = _EDGE_SPACES_RE.sub("\n", joined)
    joined = joined.strip(_SPACES)
    if separators and any(c in joined for c in separators):
        if _bad_separator_re(separators).search(joined):
            raise _Unparsable
        for c in separators:
            joined = joined.replace(c, "")
    if decimal == ",":
        if "." in joined:
            raise _Unparsable
        joined = joined.replace(",", ".")
    try:
        if joined.encode("ascii").translate(None, b"0123456789.+-\n"):
            raise _Unparsable
    except UnicodeEncodeError:
        raise _Unparsable from None
    parts = joined.split("\n")
    if len(parts) != len(texts):
        raise _Unparsable
    try:
        out = np.array(parts, dtype=np.float64)
    except ValueError:
        raise _Unparsable from None
    if not np.isfinite(out).all():
        raise _Unparsable
    return out


def number_one(text: str, decimal: str, separators: str) -> float | None:
    """Slow path for one value; also accepts ``(12,50)`` and ``12,50-`` as negatives."""
    text = _CURRENCY_RE.sub("", text).strip(_SPACES)
    sign = 1.0
    if len(text) > 2 and text[0] == "(" and text[-1] == ")":
        text, sign = text[1:-1].strip(_SPACES), -1.0
    elif len(text) > 1 and text[-1] == "-" and text[0] not in "+-":
        text, sign = text[:-1].strip(_SPACES), -1.0
    if not text:
        return None
    try:
        return sign * float(_numbers_block([text], decimal, separators)[0])
    except _Unparsable:
        return None


def parse_number_texts(
    texts: list[str], decimal: str | None, thousands: str | None, default_decimal: str
) -> tuple[FloatArray, BoolArray, str]:
    """Numbers from text, a bad mask, and the decimal mark used (inferred when
    ``decimal`` is None); distinct values are parsed once when they repeat a lot."""
    return via_distinct(
        texts, lambda values: _parse_number_texts_all(values, decimal, thousands, default_decimal)
    )


def _parse_number_texts_all(
    texts: list[str], decimal: str | None, thousands: str | None, default_decimal: str
) -> tuple[FloatArray, BoolArray, str]:
    """Numbers from text: the fast path on everything, then on blocks, then one by one."""
    n = len(texts)
    if decimal is None:
        decimal = _infer_decimal("\n".join(texts), thousands, default_decimal)
    separators = separators_for(thousands, decimal)
    bad = np.zeros(n, dtype=bool)
    try:
        return _numbers_block(texts, decimal, separators), bad, decimal
    except _Unparsable:
        pass
    out = np.full(n, np.nan, dtype=np.float64)
    block = 4096
    cache: dict[str, float | None] = {}
    for start in range(0, n, block):
        chunk = texts[start : start + block]
        try:
            out[start : start + len(chunk)] = _numbers_block(chunk, decimal, separators)
            continue
        except _Unparsable:
            pass
        for j, text in enumerate(chunk):
            if text not in cache:
                cache[text] = number_one(text, decimal, separators)
            value = cache[text]
            if value is None:
                bad[start + j] = True
            else:
                out[start + j] = value
    return out, bad, decimal


def parse_numbers(
    values: Array,
    decimal: str | None,
    thousands: str | None,
    default_decimal: str,
    all_text: bool = False,
) -> tuple[FloatArray, BoolArray, str]:
    """Floats and a bad mask (missing, unparsable or non-finite values are bad), and the
    decimal mark used for text (``all_text``: every value is a ``str``)."""
    if all_text:
        return parse_number_texts(values.tolist(), decimal, thousands, default_decimal)
    n = len(values)
    kind = values.dtype.kind
    used = decimal or default_decimal
    if kind in "iub":
        return values.astype(np.float64), np.zeros(n, dtype=bool), used
    if kind == "f":
        out = values.astype(np.float64)  # a copy: the source's array is left alone
        bad = ~np.isfinite(out)
        if bad.any():
            out[bad] = np.nan
        return out, bad, used
    if kind in "US":
        values = values.astype(object)
    elif kind != "O":
        return np.full(n, np.nan), np.ones(n, dtype=bool), used
    items = values.tolist()
    is_text = np.fromiter((type(v) is str for v in items), dtype=bool, count=n)
    if is_text.all():
        return parse_number_texts(items, decimal, thousands, default_decimal)
    out = np.full(n, np.nan, dtype=np.float64)
    bad = np.ones(n, dtype=bool)
    text_at = np.flatnonzero(is_text)
    if text_at.size:
        numbers, text_bad, used = parse_number_texts(
            [items[i] for i in text_at.tolist()], decimal, thousands, default_decimal
        )
        out[text_at], bad[text_at] = numbers, text_bad
    for i in np.flatnonzero(~is_text).tolist():
        value = items[i]
        if isinstance(value, (bool, np.bool_)) or is_missing(value):
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(number):
            out[i], bad[i] = number, False
    return out, bad, used
