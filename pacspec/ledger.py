"""Transition shim: the ledger moved to :mod:`pacspec.ingest`; import from there."""

from pacspec.ingest import (
    MAX_BAD_ROWS_KEPT,
    BadRow,
    BadRowKind,
    BadRowPolicy,
    IngestReport,
    Ledger,
    load_ledger,
    load_ledger_for_plan,
)

__all__ = [
    "MAX_BAD_ROWS_KEPT",
    "BadRow",
    "BadRowKind",
    "BadRowPolicy",
    "IngestReport",
    "Ledger",
    "load_ledger",
    "load_ledger_for_plan",
]
