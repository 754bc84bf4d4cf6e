"""Factorisation of id columns (sorted uniques and a code per row) and the dense client ids
of a ledger (register first, then the other ids)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

from pacspec.arrowtext import VISIBLE_FIRST, value_bytes
from pacspec.ingest.arrays import Array, IntArray, arrow_objects, is_blank, object_array

__all__ = [
    "arrow_codes",
    "blank_free",
    "dictionary_codes",
    "factorize_arrow",
    "factorize_sorted",
    "factorize_values",
    "finish_factorized",
    "first_seen",
    "look_alike_ids",
    "merge_ids",
    "small_codes",
    "streamed_run_codes",
    "text_categories",
]


def _factorize_small_ints(values: IntArray) -> tuple[Array, IntArray]:
    """Non-negative ints below ~2 x count: a presence table, no sort."""
    present = np.zeros(int(values.max()) + 1 if values.size else 0, dtype=bool)
    present[values] = True
    rank = np.cumsum(present, dtype=np.int64) - 1
    return np.flatnonzero(present).astype(np.int64), rank[values]


def factorize_sorted(values: Array) -> tuple[Array, IntArray]:
    """Sort-based factorisation (np.unique)."""
    uniques, inverse = np.unique(values, return_inverse=True)
    return uniques, np.asarray(inverse, dtype=np.int64).ravel()


def factorize_values(
    values: Array, *, strip: bool = False, all_text: bool = False
) -> tuple[Array, IntArray]:
    """Sorted unique non-missing values and the code of each row (-1 = missing).

    Missing: None, NaN, NaT, pandas NA, and blank strings. ``strip`` strips strings first
    (text files); otherwise strings are kept exactly.
    """
    kind = values.dtype.kind
    n = len(values)
    if kind in "iu":
        ints = values.astype(np.int64, copy=False)
        if n and int(ints.min()) >= 0 and int(ints.max()) < 2 * n + 1024:
            return _factorize_small_ints(ints)
        return factorize_sorted(ints)
    if kind in "fM":
        valid = ~(np.isnan(values) if kind == "f" else np.isnat(values))
        codes = np.full(n, -1, dtype=np.int64)
        uniques, inverse = factorize_sorted(values[valid])
        codes[valid] = inverse
        return finish_factorized(uniques, codes)
    items = values.tolist()
    if all_text or all(type(v) is str for v in items):
        return _factorize_strings(items, strip)
    # Mixed objects: hash them, then try to sort.
    seen: dict[Any, int] = {}
    codes = np.empty(n, dtype=np.int64)
    for i, v in enumerate(items):
        if is_blank(v):
            codes[i] = -1
        else:
            codes[i] = seen.setdefault(v, len(seen))
    return finish_factorized(object_array(list(seen)), codes)


def _mostly_distinct(items: Sequence[Any]) -> bool:
    """Whether a sample of a long column says most values differ (invoice numbers,
    amounts) rather than repeat (client ids, dates, products)."""
    sample = items[:4096]
    return len(items) > 8192 and len(set(sample)) > len(sample) // 2


def _factorize_strings(items: list[str], strip: bool) -> tuple[Array, IntArray]:
    """Factorise strings: the distinct raw values first (hashing for repetitive columns,
    a numpy sort for mostly distinct ones), then cleaning (strip, blanks) and sorting on
    the distinct values only."""
    n = len(items)
    raw_codes: IntArray | None = None
    longest = max(map(len, items)) if items else 0
    if _mostly_distinct(items) and longest <= 64:
        uniques, inverse = np.unique(np.array(items, dtype=f"U{longest}"), return_inverse=True)
        raw: list[str] = uniques.tolist()
        raw_codes = np.asarray(inverse, dtype=np.int64).ravel()
    else:
        raw = list(dict.fromkeys(items))
    clean = [v.strip() for v in raw] if strip else raw
    distinct = sorted({v for v in clean if v and not v.isspace()})
    index = {v: i for i, v in enumerate(distinct)}
    if raw_codes is not None:
        lookup = np.asarray([index.get(c, -1) for c in clean], dtype=np.int64)
        return object_array(distinct), lookup[raw_codes]
    code_of = {r: index.get(c, -1) for r, c in zip(raw, clean, strict=True)}
    codes = np.fromiter(map(code_of.__getitem__, items), dtype=np.int64, count=n)
    return object_array(distinct), codes


def finish_factorized(uniques: Array, codes: IntArray) -> tuple[Array, IntArray]:
    """Normalise a backend's factorisation: missing values out, integral floats and Python
    ints as int64, strings as ``str`` objects, uniques sorted when they can be."""
    kind = uniques.dtype.kind
    if kind in "US":
        uniques = object_array(uniques.tolist())
    elif kind == "f":
        finite = np.isfinite(uniques)
        if finite.all() and np.all(uniques == np.round(uniques)) and uniques.size:
            uniques = uniques.astype(np.int64)
    if uniques.dtype.kind == "O":
        items = uniques.tolist()
        drop = [is_blank(v) for v in items]
        if any(drop):
            keep = ~np.asarray(drop, dtype=bool)
            remap = np.where(keep, np.cumsum(keep) - 1, -1).astype(np.int64)
            codes = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1).astype(np.int64)
            uniques = uniques[keep]
            items = uniques.tolist()
        if items and all(type(v) is int for v in items):
            uniques = np.asarray(items, dtype=np.int64)
    if len(uniques) > 1:
        try:
            ordered = bool(np.all(uniques[:-1] < uniques[1:]))
            perm = None if ordered else np.argsort(uniques, kind="stable")
        except TypeError:  # mixed types: keep the backend's order
            perm = None
        if perm is not None:
            rank = np.empty(len(perm), dtype=np.int64)
            rank[perm] = np.arange(len(perm), dtype=np.int64)
            uniques = uniques[perm]
            codes = np.where(codes >= 0, rank[np.maximum(codes, 0)], -1).astype(np.int64)
    return uniques, np.asarray(codes, dtype=np.int64)


def _id_kind(values: Array) -> str:
    if values.dtype.kind in "iu":
        return "int"
    if values.dtype.kind == "O" and set(map(type, values.tolist())) <= {str}:
        return "str"
    return "other"


def merge_ids(register: Array | None, uniques: Array, codes: IntArray) -> tuple[Array, IntArray]:
    """Dense ids: the register's ids in register order, then the other ids (sorted)."""
    if register is None or len(register) == 0:
        return uniques, codes
    if len(uniques) == 0:  # no transactions (an engine aggregates them): the register's ids
        return (register.astype(np.int64) if register.dtype.kind in "iu" else register,
                np.asarray(codes, dtype=np.int64))
    same = _id_kind(register) == _id_kind(uniques) != "other"
    reg_keys = register if same else object_array([str(v) for v in register.tolist()])
    keys = uniques if same else object_array([str(v) for v in uniques.tolist()])
    position = np.full(len(uniques), -1, dtype=np.int64)
    try:
        sorter = np.argsort(reg_keys, kind="stable")
        at = np.searchsorted(reg_keys, keys, sorter=sorter)
        at = np.minimum(at, len(reg_keys) - 1)
        found = reg_keys[sorter[at]] == keys
        position[found] = sorter[at[found]]
    except TypeError:
        lookup = {k: i for i, k in enumerate(reg_keys.tolist())}
        for j, k in enumerate(keys.tolist()):
            position[j] = lookup.get(k, -1)
    new = position < 0
    position[new] = len(register) + np.arange(int(new.sum()), dtype=np.int64)
    extra = uniques[new]
    if register.dtype.kind in "iu" and extra.dtype.kind in "iu":
        ids: Array = np.concatenate([register.astype(np.int64), extra.astype(np.int64)])
    elif register.dtype.kind == "O" and extra.dtype.kind == "O":
        ids = np.concatenate([register, extra])  # the same objects, no Python list
    else:
        ids = object_array(register.tolist() + extra.tolist())
    return ids, position[codes]


_INVISIBLE_RE = "[\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069\u00ad]"
"""Zero-width, direction and soft-hyphen characters: invisible in a spreadsheet."""


def _needs_trim(values: Any) -> bool:
    """Whether some value is empty or may start or end with white space (a byte that is a
    space, a control character or not ASCII: no-break spaces), from the raw bytes."""
    for chunk in values.chunks:
        if not len(chunk):
            continue
        if chunk.null_count:
            return True
        edges = _edge_bytes(chunk)
        if edges is None:  # an empty value
            return True
        for edge in edges:
            if int(edge.min()) <= 0x20 or int(edge.max()) >= 0x80:
                return True
    return False


def _edge_bytes(chunk: Any) -> tuple[Array, Array] | None:
    """The first and the last byte of each value of a non-empty string chunk (strided
    views when every value has the same length); None when a value is empty."""
    data, starts, ends = value_bytes(chunk)
    width = _fixed_width(starts, ends)
    if width is not None:
        if width == 0:
            return None
        first = int(starts[0])
        heads = np.ndarray((len(chunk),), np.uint8, data, first, (width,))
        tails = np.ndarray((len(chunk),), np.uint8, data, first + width - 1, (width,))
        return heads, tails
    if (ends == starts).any():
        return None
    return data[starts], data[ends - 1]


def _fixed_width(starts: Any, ends: Any) -> int | None:
    """The length every value has, None when they differ."""
    width = int(ends[0] - starts[0])
    if int(ends[-1] - starts[0]) != width * len(starts):
        return None
    return width if bool(((ends - starts) == width).all()) else None


def blank_free(values: Any) -> bool:
    """Whether no value of a pyarrow string ChunkedArray can be missing or blank: no null,
    no empty string, and every first byte a visible ASCII character (a value starting
    with a space, a control character or a non-ASCII one may be blank: not decided here)."""
    for chunk in values.chunks:
        if not len(chunk):
            continue
        if chunk.null_count:
            return False
        data, starts, ends = value_bytes(chunk)
        if (ends == starts).any():
            return False
        if not VISIBLE_FIRST[data[starts]].all():
            return False
    return True


def _sorted_runs(col: Any) -> IntArray | None:
    """Codes by runs when the column is sorted (invoice numbers in an export usually are):
    no hashing; None when it is not sorted."""
    import pyarrow.compute as pc

    n = len(col)
    if n < 2:
        return np.zeros(n, dtype=np.int64)
    probe = min(n, 4096)
    head = col.slice(0, probe)
    if not pc.all(pc.less_equal(head.slice(0, probe - 1), head.slice(1))).as_py():
        return None
    change = _word_changes(col)
    if isinstance(change, bool):  # False: not sorted
        return None
    if change is None:  # not of one width: Arrow's comparisons of the strings
        change = _arrow_changes(col)
        if change is None:
            return None
    return _run_codes([change], n)


def _arrow_changes(values: Any) -> Array | None:
    """Whether each string value (of an Array or ChunkedArray of at least 2) differs from
    the one before, by Arrow's comparisons; None when they are not sorted."""
    import pyarrow.compute as pc

    left, right = values.slice(0, len(values) - 1), values.slice(1)
    if not pc.all(pc.less_equal(left, right)).as_py():
        return None
    return np.asarray(pc.not_equal(left, right).to_numpy(zero_copy_only=False), dtype=bool)


def _run_codes(changes: list[Array], n: int) -> IntArray:
    """The codes by runs of ``n >= 2`` sorted values, from whether each one differs from
    the one before (``n - 1`` of them, in parts): the bools summed in place, part by part,
    without a copy of them all."""
    codes = np.empty(n, dtype=np.int64)
    codes[0] = 0
    at = 1
    running = 0
    for part in changes:
        np.cumsum(part, dtype=np.int64, out=codes[at : at + len(part)])
        codes[at : at + len(part)] += running
        at += len(part)
        running = int(codes[at - 1])
    return codes


def _word_changes(col: Any) -> Array | bool | None:
    """For a string column whose values all have one length of at least 8 bytes (invoice
    numbers like ``F25-00001234``): whether each value differs from the one before
    (``n - 1`` of them), or False when the column is not sorted; compared as big-endian
    8-byte words read in place (strided, the last one ending at the value's end: a
    lexicographic comparison of the bytes). None for other columns."""
    import pyarrow as pa

    if not pa.types.is_string(col.type) or col.null_count:
        return None
    chunks = [c for c in col.chunks if len(c)]
    width = None
    words: list[list[Array]] = []
    for chunk in chunks:
        _, starts, ends = value_bytes(chunk)
        size = _fixed_width(starts, ends)
        if size is None or size < 8 or (width is not None and size != width):
            return None
        width = size
        data = value_bytes(chunk)[0]
        at = [*range(0, size - 7, 8)]
        if at[-1] != size - 8:
            at.append(size - 8)
        first = int(starts[0])
        words.append([np.ndarray((len(chunk),), ">u8", data, first + k, (size,)) for k in at])
    parts: list[Array] = []
    before: str | None = None
    for chunk, row_words in zip(chunks, words, strict=True):
        head = chunk[0].as_py()
        if before is not None:  # across chunks: the strings (UTF-8 keeps the bytes' order)
            if head < before:
                return False
            parts.append(np.array([head != before]))
        ordered = row_words[-1][1:] >= row_words[-1][:-1]
        for word in reversed(row_words[:-1]):
            ordered = (word[1:] > word[:-1]) | ((word[1:] == word[:-1]) & ordered)
        if not ordered.all():
            return False
        del ordered
        differs = np.zeros(len(chunk) - 1, dtype=bool)
        for word in row_words:
            differs |= word[1:] != word[:-1]
        parts.append(differs)
        before = chunk[len(chunk) - 1].as_py()
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def streamed_run_codes(chunks: Iterable[Any]) -> tuple[int, IntArray] | None:
    """:func:`arrow_codes` of a string column given chunk by chunk (a Parquet file's row
    groups as they are decoded), one chunk held at a time: the codes by runs, when the
    whole column is sorted and needs no trimming (invoice numbers, as exports write them);
    None as soon as a chunk shows it is not so (the caller then reads the column whole
    and hashes it). The codes are those :func:`arrow_codes` gives the whole column."""
    import pyarrow as pa

    parts: list[Array] = []
    before: str | None = None
    total = 0
    for chunk in chunks:
        if not len(chunk):
            continue
        if not pa.types.is_string(chunk.type):
            return None
        one = pa.chunked_array([chunk])
        if _needs_trim(one):  # nulls and empty values included
            return None
        head = chunk[0].as_py()
        if before is not None:  # across chunks: the strings (UTF-8 keeps the bytes' order)
            if head < before:
                return None
            parts.append(np.array([head != before]))
        change = _word_changes(one)
        if isinstance(change, bool):  # False: not sorted
            return None
        if change is None and len(chunk) > 1:  # not of one width: Arrow's comparisons
            change = _arrow_changes(chunk)
            if change is None:
                return None
        if change is not None:
            parts.append(change)
        del one
        before = chunk[len(chunk) - 1].as_py()
        total += len(chunk)
    if total < 2:  # as :func:`_sorted_runs`
        return total, np.zeros(total, dtype=np.int64)
    codes = _run_codes(parts, total)
    return int(codes[-1]) + 1, codes


def _arrow_codes(values: Any, strip: bool, need_uniques: bool) -> tuple[Any, int, IntArray]:
    """Sorted distinct values (an Arrow array, or None when not needed), their count, and
    each row's code (-1 = missing or blank)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    col = values
    if _needs_trim(col):
        if strip:
            col = pc.utf8_trim_whitespace(col)
        blank = pc.or_(pc.is_null(col), pc.equal(pc.utf8_length(col), 0))
        if strip:
            blank = pc.or_(blank, pc.fill_null(pc.utf8_is_space(col), False))
        if pc.any(blank).as_py():
            col = pc.if_else(blank, pa.scalar(None, pa.string()), col)
    if col.null_count == 0:
        runs = _sorted_runs(col)
        if runs is not None:
            count = int(runs[-1]) + 1 if len(runs) else 0
            if not need_uniques:
                return None, count, runs
            starts = np.flatnonzero(np.diff(runs, prepend=-1)) if len(runs) else runs
            return col.take(pa.array(starts)), count, runs
    # one hash pass over the chunks (dictionary_encode: one dictionary for all, codes as
    # first seen), then for the uniques the small dictionary sorted and the codes
    # renumbered by rank
    chunked = col if isinstance(col, pa.ChunkedArray) else pa.chunked_array([col])
    keys = _packed_keys(chunked) if chunked.null_count == 0 else None
    if keys is not None:  # ids of at most 8 bytes: one integer each, hashed as such
        return _packed_codes(keys, len(chunked), need_uniques)
    encoded = pc.dictionary_encode(chunked)
    parts = [c for c in encoded.chunks if len(c)]
    if not parts:
        return (pa.array([], pa.string()) if need_uniques else None), 0, np.zeros(0, np.int64)
    dictionary = parts[-1].dictionary
    if any(len(c.dictionary) != len(dictionary) for c in parts):  # not seen so far
        parts = [c for c in pa.chunked_array(parts).unify_dictionaries().chunks if len(c)]
        dictionary = parts[-1].dictionary
    rank: IntArray | None = None
    if need_uniques:
        order = np.asarray(pc.array_sort_indices(dictionary).to_numpy(), dtype=np.int64)
        rank = np.empty(len(order) + 1, dtype=np.int64)
        rank[order] = np.arange(len(order), dtype=np.int64)
        rank[-1] = -1  # nulls
    codes = np.empty(len(chunked), dtype=np.int64)
    at = 0
    for chunk in parts:  # chunk by chunk: no copy of the whole column
        indices = chunk.indices
        if indices.null_count:
            indices = pc.fill_null(indices, len(dictionary) if rank is not None else -1)
        piece = np.asarray(indices.to_numpy(zero_copy_only=False))
        if rank is not None:
            np.take(rank, piece, out=codes[at : at + len(piece)])
        else:  # order ids: numbered as first seen, their labels never read
            codes[at : at + len(piece)] = piece
        at += len(piece)
    if rank is None:
        return None, len(dictionary), codes
    return dictionary.take(pa.array(order)), len(order), codes


_PACK_BLOCK = 1 << 17
"""Rows packed at a time when their lengths differ (bounds the byte positions' memory)."""


def _packed_keys(values: Any) -> list[IntArray] | None:
    """Each value of a pyarrow string ChunkedArray (no nulls) as one uint64, chunk by
    chunk: its UTF-8 bytes big-endian, zero-padded to 8. Exact, and ordered as the bytes
    are, when every value has at most 8 bytes and none a NUL byte (ids like ``C0012345``);
    None otherwise (the column is then hashed as strings)."""
    import pyarrow as pa

    if not pa.types.is_string(values.type):
        return None
    keys: list[IntArray] = []
    for chunk in values.chunks:
        n = len(chunk)
        if not n:
            continue
        data, starts, ends = value_bytes(chunk)
        lengths = ends - starts
        longest = int(lengths.max())
        if longest > 8:
            return None
        first, last = int(starts[0]), int(ends[-1])
        body = data[first:last]
        if not body.all():  # a NUL byte: it would read as padding
            return None
        padded = np.zeros((n, 8), dtype=np.uint8)
        if int(lengths.min()) == longest:  # one length (the usual ids): a block copy
            padded[:, :longest] = body.reshape(n, longest)
        else:
            flat = padded.reshape(-1)
            for at in range(0, n, _PACK_BLOCK):  # each byte to its row's slot
                rows = slice(at, min(at + _PACK_BLOCK, n))
                size = lengths[rows]
                lo, hi = int(starts[rows][0]) - first, int(ends[rows][-1]) - first
                target = np.repeat(np.arange(rows.start, rows.stop, dtype=np.int64) * 8
                                   - (starts[rows] - first), size)
                target += np.arange(lo, hi, dtype=np.int64)
                flat[target] = body[lo:hi]
        keys.append(padded.view(">u8").ravel().astype(np.uint64))
    return keys


_DIGIT_SPAN = 1 << 23
"""The widest range of digit values numbered by a table (8 M entries: 40 MB at most, a
flag and an int32 rank each) instead of hashed."""

_SWAR = [(np.uint64(8), np.uint64(0x00FF00FF00FF00FF), np.uint64(10)),
         (np.uint64(16), np.uint64(0x0000FFFF0000FFFF), np.uint64(100)),
         (np.uint64(32), np.uint64(0xFFFFFFFF), np.uint64(10000))]
"""Digit bytes (0-9 each, the last digit lowest) to their number: pairs, fours, eights."""


def _digit_codes(keys: list[IntArray], codes: IntArray) -> Array | None:
    """:func:`_packed_codes` of digit ids by a table over their numbers instead of a hash
    (a third of its time): when the keys (packed by :func:`_packed_keys`) share every
    byte but their last ``L`` before the padding and those are ASCII digits in every key
    (``C0012345``, ``411000123``, ``C01234``), the number they make orders the keys as
    their bytes do. Each row's rank among the distinct keys is written in ``codes`` and
    the distinct keys, sorted, returned; None (``codes`` then unspecified) for other ids
    or numbers spread wider than :data:`_DIGIT_SPAN`."""
    same, any_ = np.uint64(0xFFFFFFFFFFFFFFFF), np.uint64(0)
    for k in keys:
        same &= np.bitwise_and.reduce(k)
        any_ |= np.bitwise_or.reduce(k)
    pad = 0  # the zero bytes every key ends with (ids of fewer than 8 bytes)
    while pad < 8 and not (int(any_) >> (8 * pad)) & 0xFF:
        pad += 1
    width = max(1, ((int(any_ ^ same) >> (8 * pad)).bit_length() + 7) // 8)  # that differ
    if pad + width > 8:
        return None
    mask = np.uint64((1 << (8 * width)) - 1)
    zeros, sixes, high = (np.uint64(int(byte * width, 16)) for byte in ("30", "06", "F0"))
    size = max(len(k) for k in keys)
    x, t = np.empty(size, dtype=np.uint64), np.empty(size, dtype=np.uint64)  # reused
    low, top, at = 10**8, -1, 0
    for k in keys:  # each chunk's numbers, while it is in cache, into ``codes``
        xs, ts = x[: len(k)], t[: len(k)]
        if pad:
            np.right_shift(k, np.uint64(8 * pad), out=xs)
            xs &= mask
        else:
            np.bitwise_and(k, mask, out=xs)
        np.bitwise_and(xs, high, out=ts)  # each byte 0x30-0x3F, and below 0x3A: a digit
        if not (ts == zeros).all():
            return None
        np.add(xs, sixes, out=ts)  # no carry: every byte is at most 0x3F
        ts &= high
        if not (ts == zeros).all():
            return None
        xs -= zeros
        for shift, lanes, scale in _SWAR:  # digit bytes to their number, in place
            np.right_shift(xs, shift, out=ts)
            ts &= lanes
            ts *= scale
            xs &= lanes
            xs += ts
        low, top = min(low, int(xs.min())), max(top, int(xs.max()))
        codes[at : at + len(k)] = xs  # at most 8 digits: below 10**8
        at += len(k)
    del x, t
    if top - low >= _DIGIT_SPAN:
        return None
    codes -= low
    seen = np.zeros(top - low + 1, dtype=bool)
    seen[codes] = True
    rank = np.cumsum(seen, dtype=np.int32)  # below the span: int32 holds every rank
    rank -= 1
    for at in range(0, len(codes), _PACK_BLOCK * 8):  # in place, a block at a time
        block = codes[at : at + _PACK_BLOCK * 8]
        block[:] = rank[block]
    numbers = np.flatnonzero(seen).astype(np.uint64) + np.uint64(low)
    distinct = np.full(len(numbers), same & ~(mask << np.uint64(8 * pad)), dtype=np.uint64)
    for place in range(width):  # each digit back to its byte: the keys themselves
        digit = numbers % np.uint64(10) + np.uint64(0x30)
        distinct |= digit << np.uint64(8 * (pad + place))
        numbers //= np.uint64(10)
    return distinct


def _packed_codes(keys: list[IntArray], n: int, need_uniques: bool
                  ) -> tuple[Any, int, IntArray]:
    """:func:`_arrow_codes` of a column packed by :func:`_packed_keys`: Arrow's hash of
    the integers (codes as first seen, as for the strings), the distinct keys sorted as
    integers (their bytes' order) and unpacked into strings; digit ids sorted by a table
    instead (:func:`_digit_codes`)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    codes = np.empty(n, dtype=np.int64)
    if not keys:
        return (pa.array([], pa.string()) if need_uniques else None), 0, codes
    if need_uniques:
        distinct = _digit_codes(keys, codes)
        if distinct is not None:
            return _unpacked(distinct), len(distinct), codes
    encoded = pc.dictionary_encode(pa.chunked_array([pa.array(k) for k in keys], pa.uint64()))
    last = encoded.chunk(encoded.num_chunks - 1).dictionary
    if any(len(c.dictionary) != len(last) for c in encoded.chunks):  # not seen so far
        encoded = encoded.unify_dictionaries()
        last = encoded.chunk(encoded.num_chunks - 1).dictionary
    dictionary = np.asarray(last.to_numpy(), dtype=np.uint64)
    rank: IntArray | None = None
    if need_uniques:
        order = np.argsort(dictionary)
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order), dtype=np.int64)
    at = 0
    for chunk in encoded.chunks:
        piece = np.asarray(chunk.indices.to_numpy())
        if rank is not None:
            np.take(rank, piece, out=codes[at : at + len(piece)])
        else:
            codes[at : at + len(piece)] = piece
        at += len(piece)
    if rank is None:
        return None, len(dictionary), codes
    return _unpacked(dictionary[order]), len(order), codes


def _unpacked(keys: Array) -> Any:
    """Keys packed by :func:`_packed_keys` back into their strings (a pyarrow array)."""
    import pyarrow as pa

    packed = keys.astype(">u8").view(np.uint8).reshape(-1, 8)
    filled = packed != 0
    offsets = np.zeros(len(keys) + 1, dtype=np.int32)
    np.cumsum(filled.sum(axis=1), out=offsets[1:])
    return pa.StringArray.from_buffers(len(keys), pa.py_buffer(offsets),
                                       pa.py_buffer(np.ascontiguousarray(packed[filled])))


def first_seen(codes: IntArray, count: int) -> tuple[int, IntArray]:
    """``codes`` (``-1`` = missing, others below ``count``) numbered again by first
    appearance, the unused codes dropped: the numbering Arrow's hash gives, so that every
    source numbers the same ids alike (order ids, whose labels are never read)."""
    valid = codes >= 0
    rows = np.flatnonzero(valid)
    present = codes[rows]
    first = np.full(count, len(codes), dtype=np.int64)
    np.minimum.at(first, present, rows)
    starts = np.zeros(len(codes), dtype=bool)
    starts[first[first < len(codes)]] = True
    new = np.full(count, -1, dtype=np.int64)
    new[codes[starts]] = np.arange(int(starts.sum()), dtype=np.int64)
    out = np.full(len(codes), -1, dtype=np.int64)
    out[rows] = new[present]
    return int(starts.sum()), out


def factorize_arrow(values: Any, *, strip: bool = True) -> tuple[Array, IntArray]:
    """Sorted unique non-blank strings and each row's code (-1 = missing or blank), from a
    pyarrow string ChunkedArray: sorted columns by runs, others through Arrow's hash
    kernels (``unique``, ``index_in``); spaces are trimmed only when some value has them."""
    distinct, _, codes = _arrow_codes(values, strip, True)
    return arrow_objects(distinct), codes


def factorize_dictionary(values: Any, *, strip: bool = True) -> tuple[Array, IntArray]:
    """:func:`factorize_arrow` of a dictionary-encoded pyarrow ChunkedArray of strings (a
    Parquet column read as its writer stored it, a dictionary per row group) without
    hashing every row: the chunks' dictionaries are factorized together (trimmed, sorted,
    merged where trimming makes them equal), then each row's code is looked up by its
    index. Dictionary values no row uses are left out, as they are when every row is
    hashed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    codes = np.empty(len(values), dtype=np.int64)
    chunks = [c for c in values.chunks if len(c)]
    if not chunks:
        return object_array([]), codes
    dictionaries: list[Any] = []  # each distinct dictionary once (chunks may share one)
    offsets: dict[tuple[int, ...], int] = {}
    starts = []
    at = 0
    for chunk in chunks:
        dictionary = chunk.dictionary
        key = (*(b.address if b is not None else 0 for b in dictionary.buffers()),
               dictionary.offset, len(dictionary))
        if key not in offsets:
            offsets[key] = at
            dictionaries.append(dictionary if pa.types.is_string(dictionary.type)
                                else dictionary.cast(pa.string()))
            at += len(dictionary)
        starts.append(offsets[key])
    distinct, count, entry = _arrow_codes(pa.chunked_array(dictionaries, pa.string()), strip,
                                          True)
    entry = entry.astype(np.int64, copy=False)

    def indices_of(chunk: Any) -> IntArray:
        indices = chunk.indices
        if indices.null_count:  # a null index: missing
            indices = pc.fill_null(indices, len(chunk.dictionary))
        return np.asarray(indices.to_numpy(zero_copy_only=False))

    # the codes some row has, from each chunk's indices (values of the dictionaries no row
    # has are left out): no copy of the whole column, nor a pass over its codes
    used = np.zeros(count, dtype=bool)
    for chunk, start in zip(chunks, starts, strict=True):
        size = len(chunk.dictionary)
        hit = np.bincount(indices_of(chunk), minlength=size + 1)[:size] > 0
        found = entry[start : start + size][hit]
        used[found[found >= 0]] = True
    final = entry
    if not used.all():
        rank = np.append(np.cumsum(used, dtype=np.int64) - 1, np.array([-1], dtype=np.int64))
        final = rank[entry]  # entry -1 (blank) reads rank's last: -1
        distinct = distinct.filter(pa.array(used))
    at = 0
    for chunk, start in zip(chunks, starts, strict=True):  # each row's code, chunk by chunk
        size = len(chunk.dictionary)
        lookup = np.append(final[start : start + size], np.array([-1], dtype=np.int64))
        piece = indices_of(chunk)
        np.take(lookup, piece, out=codes[at : at + len(piece)])
        at += len(piece)
    return arrow_objects(distinct), codes


def arrow_codes(values: Any, *, strip: bool = True) -> tuple[int, IntArray]:
    """The number of distinct non-blank values and each row's code, numbered by first
    appearance (order ids: the values themselves are not needed)."""
    _, count, codes = _arrow_codes(values, strip, False)
    return count, codes


def look_alike_ids(uniques: Array) -> list[tuple[str, str]]:
    """Pairs of distinct ids that differ only by invisible characters (zero-width, RTL
    marks...): ``[(with, without)...]``, the first few."""
    import re

    pattern = re.compile(_INVISIBLE_RE)
    items = uniques.tolist()
    try:  # text ids: joined as they are (a pass over a million ids costs 0.1 s)
        joined = "".join(items)
    except TypeError:  # some ids are not text: only the text ones can look alike
        items = [v for v in items if isinstance(v, str)]
        joined = "".join(items)
    if joined.isascii():  # every invisible mark is outside ASCII
        return []
    del joined
    marked = [v for v in items if pattern.search(v)]
    if not marked:
        return []
    seen: dict[str, str] = {}
    for v in items:
        if not pattern.search(v):
            seen.setdefault(v, v)
    pairs: list[tuple[str, str]] = []
    for v in marked:
        bare = pattern.sub("", v).strip()
        other = seen.get(bare)
        if other is not None:
            pairs.append((v, other))
        else:
            seen[bare] = v
    return pairs


def small_codes(codes: IntArray, n: int) -> Array:
    """``codes`` (``-1`` = missing) in the smallest signed integer type that holds ``n``
    categories: int8 up to 127 products, int16 up to 32 767, else int32."""
    for kind in (np.int8, np.int16, np.int32):
        if n <= np.iinfo(kind).max:
            return codes.astype(kind)
    return codes.astype(np.int64)


def text_categories(uniques: Array, codes: IntArray) -> tuple[Array, IntArray]:
    """A dictionary column as text: each category as its text, trimmed (a numeric code as
    its integer text, ``12.0`` as ``12``), blanks dropped, equal texts merged, sorted;
    the codes renumbered (``-1`` = missing)."""
    texts: list[str] = []
    for value in uniques.tolist():
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        texts.append("" if is_blank(value) else str(value).strip())
    if not texts:
        return object_array([]), codes
    distinct, inverse = np.unique(np.array(texts, dtype=object), return_inverse=True)
    remap = np.asarray(inverse, dtype=np.int64).ravel()
    keep = distinct != ""
    if not keep.all():  # blanks are missing
        rank = np.where(keep, np.cumsum(keep) - 1, -1).astype(np.int64)
        remap, distinct = rank[remap], distinct[keep]
    remap = np.append(remap, -1)  # code -1 stays missing
    return object_array(distinct.tolist()), remap[codes]


def dictionary_codes(values: Any) -> tuple[Array, Array]:
    """A pyarrow string or dictionary ChunkedArray as a text dictionary column, chunk by
    chunk (no copy of the whole column, codes written straight into the small type):
    each chunk's hash dictionary, unified, then :func:`text_categories` on the distinct
    values only. For repetitive columns (products), whose distinct values are few."""
    import pyarrow as pa
    import pyarrow.compute as pc

    chunks = [c if pa.types.is_dictionary(c.type) else pc.dictionary_encode(c)
              for c in values.chunks if len(c)]
    if not chunks:
        return object_array([]), np.zeros(0, dtype=np.int8)
    unified = pa.chunked_array(chunks).unify_dictionaries()
    dictionary = unified.chunk(0).dictionary
    n = len(dictionary)
    every = np.append(np.arange(n, dtype=np.int64), -1)  # each value, then null (code n)
    categories, remap = text_categories(arrow_objects(dictionary), every)
    codes = small_codes(np.zeros(len(values), dtype=np.int8), len(categories))
    lookup = remap.astype(codes.dtype)
    at = 0
    for chunk in unified.chunks:
        indices = chunk.indices
        if indices.null_count:
            indices = pc.fill_null(indices, n)
        codes[at : at + len(chunk)] = lookup[indices.to_numpy(zero_copy_only=False)]
        at += len(chunk)
    return categories, codes
