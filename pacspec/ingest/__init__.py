"""Ingestion: transactions and a client register, from files, frames, tables or mappings,
into a :class:`Ledger` of numpy columns (DESIGN §4 *Ledger*, §6)."""

from pacspec.ingest.ledger import Ledger, after_as_of_notes
from pacspec.ingest.read import load_ledger, load_ledger_for_plan
from pacspec.ingest.report import (
    MAX_BAD_ROWS_KEPT,
    BadRow,
    BadRowKind,
    BadRowPolicy,
    IngestReport,
)
from pacspec.ingest.sources import Source, register, registered
from pacspec.ingest.sources.sql_query import SqlQuery

__all__ = [
    "MAX_BAD_ROWS_KEPT",
    "BadRow",
    "BadRowKind",
    "BadRowPolicy",
    "IngestReport",
    "Ledger",
    "Source",
    "SqlQuery",
    "after_as_of_notes",
    "load_ledger",
    "load_ledger_for_plan",
    "register",
    "registered",
]
