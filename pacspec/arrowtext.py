"""The bytes of an Arrow string array, for the questions the ingestion and the engine ask
of a text column (may a value be blank? start or end with white space?) without reading
every value in Python."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["VISIBLE_FIRST", "blank_texts", "value_bytes"]

Bytes = npt.NDArray[np.uint8]
Offsets = npt.NDArray[np.int32]
Mask = npt.NDArray[np.bool_]

VISIBLE_FIRST = np.zeros(256, dtype=bool)
VISIBLE_FIRST[0x21:0x7F] = True
"""First bytes of a value that cannot be blank: every Unicode white space is ASCII below
``!`` or starts with a byte of 0x80 or more."""


def value_bytes(texts: Any) -> tuple[Bytes, Offsets, Offsets]:
    """The UTF-8 bytes of a non-empty pyarrow ``string`` array (one chunk, no nulls looked
    at) and where each value starts and ends in them; an array of empty values has no
    bytes (every ``start == end``)."""
    n = len(texts)
    buffers = texts.buffers()
    offsets = np.frombuffer(buffers[1], dtype=np.int32)[texts.offset : texts.offset + n + 1]
    data = (np.frombuffer(buffers[2], dtype=np.uint8) if buffers[2] is not None
            else np.zeros(0, dtype=np.uint8))
    return data, offsets[:-1], offsets[1:]


def blank_texts(texts: Any) -> Mask:
    """Whether each value of a pyarrow string Array or ChunkedArray is missing or blank
    (empty, or white space only as ``str.strip`` says: NBSP and ``\\x1c`` included), told
    from the bytes; a value is read in Python only when its first byte is a space, a
    control or a non-ASCII one."""
    import pyarrow as pa

    parts = [np.zeros(0, dtype=bool)]
    for chunk in getattr(texts, "chunks", [texts]):
        n = len(chunk)
        if chunk.null_count == n:
            parts.append(np.ones(n, dtype=bool))
            continue
        data, starts, ends = value_bytes(chunk)
        blank = ends == starts
        if chunk.null_count:
            blank |= np.asarray(chunk.is_null().to_numpy(zero_copy_only=False), dtype=bool)
        filled = np.flatnonzero(~blank)
        doubt = filled[~VISIBLE_FIRST[data[starts[filled]]]]
        if doubt.size:
            values = chunk.take(pa.array(doubt)).to_pylist()
            blank[doubt] = [v.isspace() for v in values]
        parts.append(blank)
    return np.concatenate(parts)
