"""The bytes of an Arrow string array, for the questions the ingestion and the engine ask
of a text column (may a value be blank? start or end with white space?) without reading
every value in Python."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["value_bytes"]

Bytes = npt.NDArray[np.uint8]
Offsets = npt.NDArray[np.int32]


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
