"""What the SQL engines share: run the query, bring the per-client table back to the
ledger's numbering, count the lines they cannot use."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from pacspec.diagnostics import LedgerError, Problem
from pacspec.engine.aggregate import ClientAggregates
from pacspec.engine.backends.lines import (
    EngineBadRows,
    LineSource,
    ScannedLedger,
    bad_row_report,
    key_codes,
    ledger_lines,
    to_aggregates,
)
from pacspec.engine.backends.query import (
    Dialect,
    bad_counts,
    bad_lines_sql,
    daily_sql,
    figures_sql,
    products_sql,
)
from pacspec.engine.backends.request import AggregateRequest
from pacspec.ingest import Ledger

if TYPE_CHECKING:
    from pacspec.engine.backends.scoped import LineTables

__all__ = ["SqlEngine", "missing_extra", "trim_keys"]


def trim_keys(table: Any) -> Any:
    """``table`` (one row per client id as written) with its ``client`` keys trimmed of
    surrounding white space (blank: null, a line with no client), as the query's
    :meth:`~pacspec.engine.backends.query.Dialect.trim` and the numpy ingestion do
    (``utf8_trim_whitespace``: :data:`~pacspec.engine.backends.query.WHITESPACE`); None
    when two ids trim to the same key (their rows cannot simply be added)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    keys = table.column("client")
    if not pa.types.is_string(keys.type) and not pa.types.is_large_string(keys.type):
        keys = keys.cast(pa.string())
    trimmed = pc.utf8_trim_whitespace(keys)
    trimmed = pc.if_else(pc.equal(pc.utf8_length(trimmed), 0),
                         pa.scalar(None, trimmed.type), trimmed)
    changed = pc.fill_null(pc.not_equal(trimmed, keys), True)
    if not pc.any(pc.and_(changed, pc.is_valid(keys))).as_py():
        return table  # no id had spaces around it (blank ones are lines without a client)
    kept = trimmed.filter(pc.is_valid(trimmed))
    if len(pc.unique(kept)) != len(kept):
        return None
    return table.set_column(table.schema.get_field_index("client"), "client", trimmed)


def missing_extra(engine: str, module: str) -> LedgerError:
    """The error of an engine whose package is not installed, with the one-line fix."""
    return LedgerError([Problem(
        "error", "engine-missing",
        f"the {engine} engine needs the Python package '{module}', which is not installed",
        hint=f"pip install 'pacspec[{engine}]' (or choose another engine with --engine)")])


class SqlEngine:
    """Base of the engines that run :mod:`pacspec.engine.backends.query`."""

    name = "sql"

    def run(self, source: LineSource, request: AggregateRequest, trim: bool = True) -> Any:
        """The per-client Arrow table of ``source`` (columns of :func:`aggregate_exprs`);
        without ``trim``, grouped by the text ids as written (see :func:`trim_keys`)."""
        raise NotImplementedError

    def run_trimmed(self, source: LineSource, request: AggregateRequest) -> Any:
        """The per-client table keyed by trimmed ids: grouped by the ids as written, then
        the keys trimmed (once per distinct id, not once per line); when two written ids
        trim to the same client (``C1`` and ``C1 ``), grouped again by the trimmed id in
        the query, since their distinct orders cannot be added."""
        if not source.columns.trim_client:
            return self.run(source, request)
        table = trim_keys(self.run(source, request, trim=False))
        if table is None:
            return self.run(source, request)
        return table

    def run_coded(self, source: LineSource, request: AggregateRequest, lookup: Any) -> Any:
        """:meth:`run_trimmed`'s table with a ``code`` column: each client key's position
        in ``lookup`` (an Arrow array of unique ids), null where not found (as
        :func:`~pacspec.engine.backends.lines.key_codes` gives it). Here looked up in
        Arrow after the query; an engine may join the ids in its query instead."""
        table = self.run_trimmed(source, request)
        return table.append_column("code", key_codes(table.column("client"), lookup))

    def stats(self, source: LineSource) -> tuple[int, int | None, int | None]:
        """Lines in ``source``, first and last day among the dated lines with an amount."""
        raise NotImplementedError

    def query(self, source: LineSource, build: Callable[[str, Dialect], str]) -> Any:
        """The Arrow table of the query ``build(table, dialect)`` over the lines of
        ``source`` (``table``: what the query reads them as)."""
        raise NotImplementedError

    # steering's tables (pacspec.engine.backends.scoped)
    def products(self, source: LineSource) -> list[str]:
        """The distinct product texts of ``source``'s lines."""
        table = self.query(source, lambda t, d: products_sql(t, source.columns, d))
        return [p for p in table.column("p").to_pylist() if p is not None]

    def figures(self, source: LineSource, products: Sequence[str] | None,
                spans: Sequence[tuple[int, int]], counts: Sequence[bool] | None = None) -> Any:
        """Per client, the figures of each span on the scope (:func:`figures_sql`)."""
        return self.query(source, lambda t, d: figures_sql(t, source.columns, d, products,
                                                           spans, counts))

    def daily(self, source: LineSource, products: Sequence[str] | None,
              span: tuple[int, int]) -> Any:
        """The per-(client, day) table of a span on the scope (:func:`daily_sql`)."""
        return self.query(source, lambda t, d: daily_sql(t, source.columns, d, products, span))

    def tables(self, ledger: Ledger) -> LineTables:
        """What steering reads of the lines: queries where they are for a scanned ledger,
        numpy on an in-memory one."""
        from pacspec.engine.backends.scoped import NumpyTables, SqlTables

        if isinstance(ledger, ScannedLedger):
            return SqlTables(self, ledger)
        return NumpyTables(ledger)

    def count_after(self, source: LineSource, day: int) -> int:
        """The usable lines of ``source`` (a client, a date, an amount) dated after ``day``
        (days since 1970-01-01): the rows the analysis leaves out at that as_of."""
        raise NotImplementedError

    lean_counts = False
    """The per-client table leaves out the counts of bad lines
    (:attr:`AggregateRequest.line_counts` false), which :meth:`bad_lines` counts when
    some line is not usable."""

    def bad_lines(self, source: LineSource, request: AggregateRequest) -> Any:
        """The lines of ``source`` with and without a client id, and their counts by kind
        of bad line (:func:`~pacspec.engine.backends.query.bad_lines_sql`)."""
        return self.query(source, lambda t, d: bad_lines_sql(t, source.columns, request, d))

    def bad_row_report(self, table: Any, source: LineSource, request: AggregateRequest,
                       policy: str) -> EngineBadRows:
        """The bad-line report of ``source`` from its per-client ``table``: from the
        table's own counts when it has them; else, when the usable lines of the clients
        are all the source's lines (the footers' count), no bad line; else from
        :meth:`bad_lines`. The same report either way."""
        import pyarrow as pa
        import pyarrow.compute as pc

        cols = source.columns
        if request.line_counts:
            return bad_row_report(table, source.label, cols, policy)
        kept = table.column("good_rows").filter(pc.is_valid(table.column("client")))
        good = int(pc.sum(kept).as_py() or 0)
        if cols.lines > 0 and good == cols.lines:  # every line has a client and is usable
            counts = {a: [0] for a, _ in bad_counts(cols)} | {"rows": [good]}
            totals = pa.table({"client": [True], "good_rows": [good], **counts})
        else:
            totals = self.bad_lines(source, request)
            has = totals.column("has_client")
            totals = totals.drop_columns(["has_client"]).append_column(
                "client", pc.if_else(has, True, pa.scalar(None, pa.bool_())))
        return bad_row_report(totals, source.label, cols, policy)

    def failure(self, source: LineSource, exc: BaseException) -> LedgerError:
        """A clear error naming the engine and the source it could not read."""
        text = " ".join(str(exc).split())
        if len(text) > 300:
            text = text[:300] + "…"
        return LedgerError([Problem(
            "error", "engine-read",
            f"the {self.name} engine could not read {source.label}: {text}",
            file=source.paths[0] if source.paths else None,
            hint="the engines read typed Parquet (dates as dates, amounts as numbers); "
                 "use --engine numpy for text exports")])

    def aggregate(self, ledger: Ledger, request: AggregateRequest) -> ClientAggregates:
        if not isinstance(ledger, ScannedLedger):
            table = self.run_trimmed(ledger_lines(ledger, request.use_orders), request)
            index = np.asarray(table.column("client").fill_null(-1), dtype=np.int64)
            return to_aggregates(table, index, ledger.n_clients, request)
        import pyarrow.compute as pc

        source = ledger.source
        assert source is not None
        if self.lean_counts:
            request = dataclasses.replace(request, line_counts=False)
        table = self.run_coded(source, request, ledger.lookup())
        keys, codes = table.column("client"), table.column("code")
        usable = np.asarray(pc.and_(pc.is_valid(keys),
                                    pc.greater(table.column("good_rows"), 0)).fill_null(False))
        if not ledger.numbered:
            report = self.bad_row_report(table, source, request, ledger.policy)
            if report.counts and ledger.policy == "error":
                raise LedgerError(report.problems())
            ledger.reports.insert(0, report)
            index = ledger.number(keys, usable, codes)
        else:
            index = ledger.dense(keys, codes)
            index[~usable] = -1
        after = table.column("after_as_of").filter(pc.is_valid(keys))
        ledger.after[request.as_of] = int(pc.sum(after).as_py() or 0)
        return to_aggregates(table, index, ledger.n_clients, request)
