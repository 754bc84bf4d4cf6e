"""The value parsers over pyarrow string arrays (text read by pyarrow): numbers through
Arrow's regex and cast kernels, dates through their distinct values; the rare values the
fast path does not take (``(12,50)``, ``12,50-``, ``€``, odd shapes) go through the same
per-value parsers as every other source, once per distinct value."""

from __future__ import annotations

from typing import Any

import numpy as np

from pacspec.ingest.arrays import BoolArray, FloatArray, IntArray
from pacspec.ingest.values.buffers import chunk_parts, replace_byte, rows_with, with_nulls
from pacspec.ingest.values.dates import parse_date_texts_all
from pacspec.ingest.values.numbers import (
    clearly_decimal_pattern,
    number_one,
    separators_for,
)

__all__ = ["AmbiguousNumbers", "parse_dates_arrow", "parse_numbers_arrow"]

_SPACES = " \t\r\u00a0\u202f"
_DISTINCT_SHARE = 2
"""Dates are parsed through their distinct values when there are fewer than n / this."""


class AmbiguousNumbers:
    """Values such as ``12.345`` read with the dot as thousands separator (or ``12,345``
    with the comma) in a column where no other value tells which mark is meant."""

    def __init__(self, count: int, example: str, reading: float, mark: str) -> None:
        self.count, self.example, self.reading, self.mark = count, example, reading, mark


def _re_class(chars: str) -> str:
    return "".join("\\" + c if c in r"\^-[]." else c for c in chars)


def _infer_decimal(col: Any, thousands: str | None, default: str) -> str:
    """The decimal mark of a column (as ``numbers._infer_decimal``, counted by Arrow)."""
    import pyarrow.compute as pc

    if thousands in (".", ","):
        return "," if thousands == "." else "."
    other = "." if default == "," else ","
    mark = ord(other)
    if not any((chunk_parts(c)[1] == mark).any() for c in col.chunks if len(c)):
        return default

    def votes(mark: str) -> int:
        last = r"\.[0-9]{3},[0-9]" if mark == "," else r",[0-9]{3}\.[0-9]"
        clear = pc.sum(pc.count_substring_regex(col, pattern=clearly_decimal_pattern(mark)))
        both = pc.sum(pc.count_substring_regex(col, pattern=last))
        return int(clear.as_py() or 0) + int(both.as_py() or 0)

    return other if votes(other) > votes(default) else default


def parse_numbers_arrow(
    col: Any, decimal: str | None, thousands: str | None, default_decimal: str
) -> tuple[FloatArray, BoolArray, str, AmbiguousNumbers | None]:
    """Floats, a bad mask, the decimal mark used, and the ambiguous values if any, from a
    pyarrow string ChunkedArray (blank and missing values are bad).

    Values made of digits, a leading sign and the decimal mark only (most of a column) are
    cast by Arrow after the mark is rewritten in place; the others (thousands separators,
    spaces, ``€``, ``(12,50)``, ``12,50-``) take the general path."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(col)
    if decimal is None:
        decimal = _infer_decimal(col, thousands, default_decimal)
    separators = separators_for(thousands, decimal)
    plain_byte = np.zeros(256, dtype=bool)
    plain_byte[np.frombuffer(b"0123456789+-" + decimal.encode(), dtype=np.uint8)] = True
    special = np.zeros(n, dtype=bool)
    plain: list[Any] = []
    start = 0
    for chunk in col.chunks:
        size = len(chunk)
        offsets, data = chunk_parts(chunk)
        odd = rows_with(offsets, data, ~plain_byte[data])
        odd |= offsets[1:] == offsets[:-1]  # empty
        if chunk.null_count:
            odd |= np.asarray(chunk.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        lo, hi = int(offsets[0]), int(offsets[-1])
        signs = np.flatnonzero((data[lo:hi] == 43) | (data[lo:hi] == 45)) + lo
        if signs.size:  # a sign anywhere but first: 12,50- and the like
            row = np.searchsorted(offsets, signs, side="right") - 1
            odd[row[signs != offsets[row]]] = True
        special[start : start + size] = odd
        piece = replace_byte(chunk, 44, 46) if decimal == "," else chunk
        plain.append(with_nulls(piece, odd))
        start += size
    values = np.full(n, np.nan, dtype=np.float64)
    try:
        cast = pc.cast(pa.chunked_array(plain, pa.string()), pa.float64())
        offset = 0
        for piece in cast.chunks:  # into the column, chunk by chunk (a null: NaN)
            values[offset : offset + len(piece)] = piece.to_numpy(zero_copy_only=False)
            offset += len(piece)
    except pa.ArrowInvalid:  # some plain-looking value is not a number (1,2,3): all by the rules
        special[:] = True
        values[:] = np.nan
    bad = np.zeros(n, dtype=bool)
    ambiguous = None
    at = np.flatnonzero(special)
    if at.size:
        rest = col.take(pa.array(at)) if at.size < n else col
        got, got_bad, ambiguous = _numbers_regex(rest, decimal, separators)
        values[at], bad[at] = got, got_bad
    bad |= ~np.isfinite(values)
    values[bad] = np.nan
    return values, bad, decimal, ambiguous


def _numbers_regex(
    col: Any, decimal: str, separators: str
) -> tuple[FloatArray, BoolArray, AmbiguousNumbers | None]:
    """The general path: trimmed values matched by one RE2 pattern (thousands groups
    checked), cleaned and cast; the rest by the per-value parser, once per distinct value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(col)
    trimmed = pc.utf8_trim(col, characters=_SPACES)
    dec = _re_class(decimal)
    number = rf"(?:[0-9]+(?:{dec}[0-9]*)?|{dec}[0-9]+)"
    if separators:
        sep = _re_class(separators)
        grouped = rf"[0-9]{{1,3}}(?:[{sep}][0-9]{{3}})+(?:{dec}[0-9]*)?"
        pattern = rf"^[+-]?(?:{grouped}|{number})$"
    else:
        pattern = rf"^[+-]?{number}$"
    ok = pc.fill_null(pc.match_substring_regex(trimmed, pattern=pattern), False)
    clean = trimmed
    if separators:
        clean = pc.replace_substring_regex(
            clean, pattern=f"[{_re_class(separators)}]", replacement=""
        )
    if decimal == ",":
        clean = pc.replace_substring(clean, pattern=",", replacement=".")
    clean = pc.if_else(ok, clean, pa.scalar(None, pa.string()))
    values = np.array(
        pc.fill_null(pc.cast(clean, pa.float64()), np.nan).to_numpy(), dtype=np.float64
    )
    ok_np = np.asarray(ok.to_numpy(zero_copy_only=False), dtype=bool)
    bad = ~ok_np
    if bad.any():  # the rest, once per distinct value, by the per-value parser
        at = np.flatnonzero(bad)
        rest = pc.take(col, pa.array(at))
        distinct = pc.unique(rest)
        parsed = [
            None if v is None else number_one(v, decimal, separators) for v in distinct.to_pylist()
        ]
        found = np.asarray([np.nan if p is None else p for p in parsed], dtype=np.float64)
        index = np.asarray(pc.index_in(rest, value_set=distinct).to_numpy(zero_copy_only=False))
        index = np.where(np.isnan(index.astype(np.float64)), 0, index).astype(np.int64)
        got = found[index] if found.size else np.full(at.size, np.nan)
        values[at] = got
        bad[at] = np.isnan(got)
    bad |= ~np.isfinite(values)
    values[bad] = np.nan
    return values, bad, _ambiguous(trimmed, decimal, separators, values, n)


def _ambiguous(
    trimmed: Any, decimal: str, separators: str, values: FloatArray, n: int
) -> AmbiguousNumbers | None:
    """Values like ``12.345`` read as 12 345 when nothing else in the column says the dot
    groups thousands (no ``1.234,50``, no ``1.234.567``)."""
    import pyarrow.compute as pc

    other = "." if decimal == "," else ","
    if other not in separators or not pc.any(pc.match_substring(trimmed, other)).as_py():
        return None
    o = _re_class(other)
    single = pc.fill_null(
        pc.match_substring_regex(trimmed, pattern=rf"^[+-]?[0-9]{{1,3}}{o}[0-9]{{3}}$"), False
    )
    count = int(pc.sum(single).as_py() or 0)
    if not count:
        return None
    d = _re_class(decimal)
    decided = pc.any(
        pc.match_substring_regex(trimmed, pattern=rf"{o}[0-9]{{3}}(?:{o}|{d})")
    ).as_py()
    if decided:
        return None
    first = int(np.flatnonzero(np.asarray(single.to_numpy(zero_copy_only=False)))[0])
    return AmbiguousNumbers(count, str(trimmed[first].as_py()), float(values[first]), other)


def parse_dates_arrow(col: Any, fmt: str | None, distinct: list[str] | None = None
                      ) -> tuple[IntArray, BoolArray]:
    """Day numbers and a bad mask from a pyarrow string ChunkedArray: each chunk's distinct
    values (an Arrow dictionary: a few dates per chunk in a chronological export) parsed
    once for the whole column, then taken by the chunk's indices. ``distinct``, when
    given, receives the column's distinct texts."""
    import pyarrow.compute as pc

    n = len(col)
    days = np.zeros(n, dtype=np.int64)
    bad = np.ones(n, dtype=bool)
    known: dict[str, tuple[int, bool]] = {}
    start = 0
    for chunk in col.chunks:
        size = len(chunk)
        if not size:
            continue
        encoded = pc.dictionary_encode(chunk)
        values = encoded.dictionary.to_pylist()
        new = [v for v in values if v not in known]
        if new:
            d, b = parse_date_texts_all(new, fmt)
            known.update(zip(new, zip(d.tolist(), b.tolist(), strict=True), strict=True))
        lookup_day = np.asarray([known[v][0] for v in values] + [0], dtype=np.int64)
        lookup_bad = np.asarray([known[v][1] for v in values] + [True], dtype=bool)
        indices = encoded.indices
        if indices.null_count:
            indices = pc.fill_null(indices, len(values))
        at = np.asarray(indices.to_numpy(zero_copy_only=False))
        days[start : start + size] = lookup_day[at]
        bad[start : start + size] = lookup_bad[at]
        start += size
    if distinct is not None:
        distinct.extend(known)
    return days, bad


def to_string_array(values: Any) -> Any:
    """A pyarrow ChunkedArray of strings."""
    import pyarrow as pa

    if isinstance(values, pa.Array):
        values = pa.chunked_array([values])
    return values
