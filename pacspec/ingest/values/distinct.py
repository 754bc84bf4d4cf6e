"""Parse each distinct value once when a column repeats a lot, then broadcast the results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np

__all__ = ["via_distinct"]

_T = TypeVar("_T", bound=tuple[Any, ...])


def via_distinct(texts: list[str], parse: Callable[[list[str]], _T]) -> _T:
    """Parse only the distinct values when a sample says they repeat a lot (dates,
    quantities), then broadcast the results back to the rows."""
    n = len(texts)
    sample = texts[:4096]
    if n > 8192 and len(set(sample)) < len(sample) // 4:  # repetitive: worth it
        distinct = list(dict.fromkeys(texts))
        if len(distinct) < n // 2:
            position = {v: i for i, v in enumerate(distinct)}
            at = np.fromiter(map(position.__getitem__, texts), dtype=np.int64, count=n)
            parsed = parse(distinct)
            return cast(
                _T,
                tuple(p[at] if isinstance(p, np.ndarray) else p for p in parsed),
            )
    return parse(texts)
