"""What one per-client aggregation asks for, and what an aggregation engine is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import numpy as np

if TYPE_CHECKING:
    from pacspec.engine.aggregate import ClientAggregates
    from pacspec.ingest import Ledger

__all__ = ["AggregateRequest", "Aggregator"]


@dataclass(frozen=True, eq=False)
class AggregateRequest:
    """The inputs of :func:`pacspec.engine.aggregate.aggregate` that are not columns."""

    edges: np.ndarray
    """``int64`` period edges in days, oldest first."""
    window: tuple[int, int]
    """Analysis window ``[start, end)`` in days."""
    as_of: int
    """Last day used."""
    use_orders: bool
    """Count distinct order ids (else distinct purchase days)."""
    decimals: int | None = 2
    """Round amounts to this many decimals before summing (exact sums of cents)."""
    line_counts: bool = True
    """Each client's counts of its lines by kind of bad line (``rows``, ``bad_date``,
    ``bad_amount``, …) in the per-client table. False: only ``good_rows`` (whether the
    client has a usable line); the bad-line report is then counted by a second, ungrouped
    query, run only when the usable lines fall short of the source's lines
    (:meth:`pacspec.engine.backends.sql.SqlEngine.aggregate`): four aggregate states less a
    client, and no per-line ``a`` value."""

    @property
    def n_periods(self) -> int:
        return len(self.edges) - 1


class Aggregator(Protocol):
    """An aggregation engine: the per-client table of a ledger, numbered like the ledger."""

    name: str

    def aggregate(self, ledger: Ledger, request: AggregateRequest) -> ClientAggregates: ...
