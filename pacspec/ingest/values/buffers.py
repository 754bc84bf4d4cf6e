"""numpy views of Arrow string and binary chunks (offsets and bytes, zero-copy), to find the
rows holding given bytes and to rewrite bytes one for one without a Python object per row."""

from __future__ import annotations

from typing import Any

import numpy as np

from pacspec.ingest.arrays import BoolArray, IntArray

__all__ = ["ascii_only", "chunk_parts", "replace_byte", "rows_with", "with_nulls"]


def chunk_parts(chunk: Any) -> tuple[IntArray, Any]:
    """The offsets (``len + 1`` items, into ``data``) and the byte buffer of a string or
    binary chunk (32-bit offsets)."""
    buffers = chunk.buffers()
    n = len(chunk)
    offsets = np.frombuffer(buffers[1], dtype=np.int32)[chunk.offset : chunk.offset + n + 1]
    data = (
        np.frombuffer(buffers[2], dtype=np.uint8)
        if buffers[2] is not None
        else np.zeros(0, dtype=np.uint8)
    )
    return offsets.astype(np.int64), data


def ascii_only(chunk: Any) -> bool:
    """Whether every byte of a string or binary chunk (32-bit offsets) is ASCII: one pass
    over its bytes, without the per-row masks of :func:`rows_with`."""
    buffers = chunk.buffers()
    if not len(chunk) or buffers[2] is None:
        return True
    offsets = np.frombuffer(buffers[1], dtype=np.int32)
    lo, hi = int(offsets[chunk.offset]), int(offsets[chunk.offset + len(chunk)])
    return lo == hi or int(np.frombuffer(buffers[2], dtype=np.uint8)[lo:hi].max()) < 0x80


def rows_with(offsets: IntArray, data: Any, hit: BoolArray) -> BoolArray:
    """Rows of a chunk with at least one byte where ``hit`` (a mask over ``data``) is True."""
    n = len(offsets) - 1
    lo, hi = int(offsets[0]), int(offsets[-1])
    positions = np.flatnonzero(hit[lo:hi]) + lo
    out = np.zeros(n, dtype=bool)
    if positions.size:
        out[np.searchsorted(offsets, positions, side="right") - 1] = True
    return out


def replace_byte(chunk: Any, old: int, new: int) -> Any:
    """A copy of a string chunk with every byte ``old`` replaced by ``new`` (lengths kept)."""
    import pyarrow as pa

    buffers = chunk.buffers()
    data = np.frombuffer(buffers[2], dtype=np.uint8).copy()
    data[data == old] = new
    return pa.Array.from_buffers(
        pa.string(), len(chunk), [buffers[0], buffers[1], pa.py_buffer(data)], offset=chunk.offset
    )


def with_nulls(chunk: Any, null: BoolArray) -> Any:
    """The chunk with the rows of ``null`` set to null (existing nulls kept)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not null.any():
        return chunk
    return pc.if_else(pa.array(null), pa.scalar(None, chunk.type), chunk)
