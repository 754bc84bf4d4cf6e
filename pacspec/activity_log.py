"""Reading the activity log (``data.activities``): any source the ingestion registry reads
(CSV, Excel, Parquet, DataFrames, mappings), its columns checked before any row is parsed,
dates parsed by the same value parsers as the transactions, bad rows counted and placed,
kinds read in English or French, clients matched to the ledger's. It gives the engine an
:class:`~pacspec.engine.activities.ActivityLog`; the ingestion code itself is not changed."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from pacspec.diagnostics import LedgerError, Problem
from pacspec.engine.activities import ActivityLog
from pacspec.ingest import Ledger
from pacspec.ingest.report import BadRowPolicy
from pacspec.ingest.sources import open_source
from pacspec.ingest.table import Table
from pacspec.ingest.values.arrow import parse_dates_arrow
from pacspec.ingest.values.dates import EXPECTED, parse_dates
from pacspec.model.data import ActivityColumns, ActivitySource, CsvOptions
from pacspec.reasons import Reason

__all__ = ["KIND_WORDS", "normal_kind", "read_activities", "read_plan_activities"]

KIND_WORDS = {
    "visit": "visit", "visite": "visit", "visites": "visit", "visits": "visit",
    "call": "call", "appel": "call", "appels": "call", "telephone": "call", "relance": "call",
    "meeting": "meeting", "rendez-vous": "meeting", "rdv": "meeting", "reunion": "meeting",
    "demo": "demo", "demonstration": "demo",
    "quote": "quote", "devis": "quote", "offre": "quote",
}  # fmt: skip
"""The words of the ``kind`` column read as each kind (lower case, accents removed)."""

_SECTION = "activities"


def normal_kind(text: Any) -> str:
    """A kind as steering counts it: ``Visite`` → ``visit``, ``RDV`` → ``meeting``; other
    values lower-cased and kept."""
    if text is None:
        return ""
    word = unicodedata.normalize("NFKD", str(text).strip().lower())
    word = "".join(c for c in word if not unicodedata.combining(c))
    return KIND_WORDS.get(word, word)


def _mapping(columns: ActivityColumns) -> list[tuple[str, str]]:
    pairs = [("date", columns.date), ("client", columns.client), ("kind", columns.kind),
             ("owner", columns.owner), ("outcome", columns.outcome)]
    return [(k, v) for k, v in pairs if v is not None]


def _raw(table: Table, name: str) -> Any:
    return table.arrow(name) if table.arrow is not None else table.column(name)


def _texts(table: Table, name: str) -> np.ndarray:
    values = table.column(name)
    out = np.empty(len(values), dtype=object)
    out[:] = [None if v is None or (isinstance(v, float) and v != v) or str(v).strip() == ""
              else str(v).strip() for v in values.tolist()]
    return out


def read_activities(source: Any, ledger: Ledger, *, columns: ActivityColumns | None = None,
                    options: CsvOptions | None = None, policy: BadRowPolicy = "error",
                    plan_path: tuple[str | int, ...] | None = None
                    ) -> tuple[ActivityLog, list[Problem]]:
    """Read the activity log from ``source`` (a path or an in-memory table) for the clients
    of ``ledger``. Raises :class:`LedgerError` for a missing column, or for bad rows when
    ``policy`` is ``error``; returns the log and its warnings (rows skipped, entries whose
    client the ledger does not know, which are left out)."""
    columns = columns or ActivityColumns()
    options = options or CsvOptions()
    try:
        table = open_source(source, options, _SECTION)
    except LedgerError as exc:  # a file that cannot be read: the plan's path may be wrong
        raise LedgerError([replace(p, path=plan_path) if p.code == "io" and p.path is None
                           else p for p in exc.problems]) from None
    mapping = _mapping(columns)
    missing = [table.missing_column(name, key, _SECTION) for key, name in mapping
               if name not in table.names]
    if missing:
        raise LedgerError(missing)
    if table.want is not None:
        table = table.want([name for _, name in mapping])
    bad = table.bad_rows()
    bad.notes.extend(table.notes)
    whole = table.add_short_rows(bad, [name for _, name in mapping])
    uniques, codes = table.factorize(columns.client)
    no_client = (codes < 0) & whole
    if no_client.any():
        bad.add("missing-client", no_client, columns.client, _raw(table, columns.client))
    raw_dates = _raw(table, columns.date)
    if table.arrow is not None:
        day, bad_date = parse_dates_arrow(raw_dates, options.date_format)
    else:
        day, bad_date = parse_dates(raw_dates, options.date_format, table.text)
    bad.add("bad-date", bad_date & whole, columns.date, raw_dates)
    bad.expected["bad-date"] = options.date_format or f"{EXPECTED} (or set csv.date_format)"
    report = bad.report(policy)
    problems = report.problems()
    if policy == "error" and any(p.severity == "error" for p in problems):
        raise LedgerError(problems)
    keep = ~bad.any
    kinds = np.empty(int(keep.sum()), dtype=object)
    kinds[:] = [normal_kind(k) for k in _texts(table, columns.kind)[keep].tolist()]
    owner = _texts(table, columns.owner)[keep] if columns.owner is not None else None
    outcome = _texts(table, columns.outcome)[keep] if columns.outcome is not None else None
    dense = ledger.index_of(uniques)[codes[keep]] if len(uniques) else np.zeros(0, np.int64)
    known = dense >= 0
    warnings = [p for p in problems if p.severity == "warning"]
    if not known.all():
        unknown = sorted({str(v) for v in np.asarray(uniques, dtype=object)[codes[keep]][~known]
                          .tolist()})
        warnings.append(Problem(
            "warning", "activity-unknown-client", "", file=table.label if table.is_file
            else None, path=plan_path,
            reason=Reason("problem_activity_unknown_client",
                          {"n": int((~known).sum()), "clients": ", ".join(unknown[:5])
                           + (", …" if len(unknown) > 5 else "")})))
    log = ActivityLog(
        client=np.asarray(dense[known], dtype=np.int64),
        day=np.asarray(day[keep][known], dtype=np.int64),
        kind=kinds[known], owner=None if owner is None else owner[known],
        outcome=None if outcome is None else outcome[known], n_clients=ledger.n_clients)
    return log, warnings


def read_plan_activities(section: ActivitySource, base_dir: Path, ledger: Ledger,
                         source: Any = None, policy: BadRowPolicy = "error"
                         ) -> tuple[ActivityLog, list[Problem]] | None:
    """The activity log a plan's ``data.activities`` names (``source`` replaces its path);
    None when neither gives one."""
    plan_path: tuple[str | int, ...] | None = None
    if source is None:
        if section.path is None:
            return None
        source = base_dir / section.path
        plan_path = ("data", "activities", "path")
    return read_activities(source, ledger, columns=section.columns, options=section.csv,
                           policy=policy, plan_path=plan_path)
