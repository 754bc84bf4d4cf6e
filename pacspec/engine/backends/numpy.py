"""The numpy engine: the in-memory kernel :func:`pacspec.engine.aggregate.aggregate`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pacspec.diagnostics import EvaluationError, Problem
from pacspec.engine.aggregate import ClientAggregates, aggregate
from pacspec.engine.backends.lines import ScannedLedger
from pacspec.engine.backends.request import AggregateRequest
from pacspec.ingest import Ledger

if TYPE_CHECKING:
    from pacspec.engine.backends.scoped import NumpyTables

__all__ = ["NumpyEngine"]


class NumpyEngine:
    """Every line in memory as numpy columns (the default for data that fits)."""

    name = "numpy"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers

    def tables(self, ledger: Ledger) -> NumpyTables:
        """What steering reads of the lines (:mod:`pacspec.engine.backends.scoped`)."""
        from pacspec.engine.backends.scoped import NumpyTables

        return NumpyTables(ledger)

    def aggregate(self, ledger: Ledger, request: AggregateRequest) -> ClientAggregates:
        if isinstance(ledger, ScannedLedger):
            raise EvaluationError([Problem(
                "error", "engine-mismatch",
                "this ledger's lines were left in the source for an SQL engine; the numpy "
                "engine needs them in memory", hint="open the data with --engine numpy")])
        return aggregate(ledger.client, ledger.day, ledger.amount, n_clients=ledger.n_clients,
                         edges=request.edges, window=request.window, as_of=request.as_of,
                         order=ledger.order if request.use_orders else None,
                         quantity=ledger.quantity, workers=self.workers,
                         decimals=request.decimals, margin=ledger.margin)
