"""Transaction lines as an SQL engine sees them, and the way back to the numpy pipeline.

* :class:`LineSource`: Parquet files, an Arrow table or a Spark table/DataFrame, with the
  names of its columns.
* :func:`ledger_lines`: an in-memory :class:`Ledger` as an Arrow table (zero-copy columns,
  dense client numbers as the key), so an engine can run on data that numpy also holds.
* :class:`ScannedLedger`: a ledger whose lines stay where they are (only the register and
  the client numbering are in memory); the first aggregation numbers the clients like the
  numpy ledger does: register ids in register order, then the other ids sorted.
* :func:`to_aggregates`: an engine's per-client Arrow table as :class:`ClientAggregates`
  in the ledger's numbering (clients without lines get zeros).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from pacspec.calendar import from_day
from pacspec.diagnostics import Problem
from pacspec.engine.aggregate import (
    NO_DAY,
    ClientAggregates,
    code_from_periods,
    default_workers,
    executor,
)
from pacspec.engine.backends.query import LineColumns
from pacspec.engine.backends.request import AggregateRequest
from pacspec.ingest import IngestReport, Ledger
from pacspec.reasons import Reason

__all__ = ["LineSource", "ScannedLedger", "key_codes", "ledger_lines", "to_aggregates"]


@dataclass(frozen=True, eq=False)
class LineSource:
    """Where an engine reads the transaction lines."""

    columns: LineColumns
    paths: tuple[str, ...] = ()
    """Parquet files (or globs / folders an engine accepts)."""
    table: Any = None
    """An Arrow table, a Spark DataFrame or a Spark table name, when not files."""
    label: str = "<table>"
    """What messages call it (the file, or the kind of table)."""


def ledger_lines(ledger: Ledger, use_orders: bool) -> LineSource:
    """The numpy ledger's columns as an Arrow table keyed by dense client number."""
    import pyarrow as pa

    arrays = {
        "client": pa.array(ledger.client, type=pa.int64()),
        "date": pa.array(ledger.day.astype(np.int32), type=pa.int32()).cast(pa.date32()),
        "amount": pa.array(ledger.amount, type=pa.float64()),
    }
    if use_orders and ledger.order is not None:
        arrays["order"] = pa.array(ledger.order, type=pa.int64())
    if ledger.quantity is not None:
        arrays["quantity"] = pa.array(ledger.quantity, type=pa.float64())
    if ledger.margin is not None:
        arrays["margin"] = pa.array(ledger.margin, type=pa.float64())
    columns = LineColumns("client", "date", "amount",
                          "order" if "order" in arrays else None,
                          "quantity" if "quantity" in arrays else None, trim_client=False,
                          margin="margin" if "margin" in arrays else None,
                          order_nulls=False)  # a numpy ledger numbers every order
    return LineSource(columns, table=pa.table(arrays), label="<ledger>")


@dataclass(eq=False)
class ScannedLedger(Ledger):
    """A ledger whose lines an engine reads from :attr:`source`; the arrays ``client``,
    ``day``… are empty, the counts and dates come from the source's statistics."""

    source: LineSource | None = None
    source_engine: str = "duckdb"
    """The engine that reads :attr:`source` (for messages)."""
    rows: int = 0
    """Transaction lines in the source (usable or not)."""
    first_day: int | None = None
    last_day: int | None = None
    policy: str = "error"
    """The bad-row policy: ``error`` stops at the first aggregation, ``skip`` warns."""
    numbered: bool = False
    """True once the clients of the lines have been numbered (first aggregation)."""
    count_after: Any = None
    """``count_after(day)``: the engine's count of the usable lines dated after ``day``."""
    after: dict[int, int] = field(default_factory=dict)
    """The usable lines after each as_of (day) an aggregation has run at, which counted
    them in passing (:meth:`rows_after` then needs no second pass)."""
    _keys: Any = field(default=None, init=False, repr=False)
    _register_keys: Any = field(default=None, init=False, repr=False)

    @property
    def n_transactions(self) -> int:
        return self.rows

    @property
    def first_date(self) -> Any:
        return None if self.first_day is None else from_day(self.first_day)

    @property
    def last_date(self) -> Any:
        return None if self.last_day is None else from_day(self.last_day)

    def rows_after(self, as_of: Any) -> int | None:
        """The usable lines dated after ``as_of``, counted by the engine."""
        from pacspec.calendar import to_day

        day = to_day(as_of)
        if day in self.after:
            return self.after[day]
        return None if self.count_after is None else int(self.count_after(day))

    def lookup(self) -> Any:
        """The ids the engine's keys are looked up in, as an Arrow array whose positions
        are the dense numbers: the register's ids before the first aggregation (then
        :meth:`number` appends the other ids), every client's after it."""
        import pyarrow as pa

        if self._keys is not None:
            return self._keys
        if self._register_keys is None:
            register = self.client_ids
            self._register_keys = pa.array(register) if len(register) \
                else pa.array([], type=pa.string())
        return self._register_keys

    def dense(self, keys: Any, codes: Any = None) -> np.ndarray:
        """Dense numbers of the engine's client keys (an Arrow array); ``-1``: unknown.
        ``codes``: the keys' positions in :meth:`lookup` (null where not found), when
        the engine looked them up itself (:meth:`SqlEngine.run_coded`)."""
        if self._keys is None:
            raise RuntimeError("the clients of a scanned ledger are numbered first")
        if codes is None:
            codes = key_codes(keys, self._keys)
        return np.asarray(codes.fill_null(-1), dtype=np.int64).copy()  # the caller writes it

    def number(self, keys: Any, usable: np.ndarray, codes: Any = None) -> np.ndarray:
        """Number the clients of the lines (the first aggregation's keys where
        ``usable``): register ids first, in register order, then the other ids sorted.
        Returns the dense number of every key (``-1`` where not usable). ``codes``: the
        keys' positions in :meth:`lookup` (the register), null where not found, when the
        engine looked them up itself."""
        import pyarrow as pa
        import pyarrow.compute as pc

        keys = keys.combine_chunks() if isinstance(keys, pa.ChunkedArray) else keys
        register = self.client_ids
        n_reg = len(register)
        reg = self.lookup()
        if codes is None:
            codes = key_codes(keys, reg)
        found = np.asarray(codes.fill_null(-1), dtype=np.int64)
        dense = found[usable]
        new = dense < 0
        extra = keys.filter(pa.array(usable & (found < 0)))
        if len(extra):
            order = np.asarray(pc.sort_indices(extra), dtype=np.int64)
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order), dtype=np.int64)
            dense[new] = n_reg + rank
            extra = extra.take(pa.array(order))
        if not len(extra):  # every client is in the register (the usual case)
            self._keys = reg
        elif pa.types.is_integer(extra.type) and (not n_reg or register.dtype.kind in "iu"):
            ids: np.ndarray = np.concatenate([np.asarray(register, dtype=np.int64),
                                              extra.to_numpy(zero_copy_only=False)])
            self.client_ids = ids
            self._keys = pa.array(ids)
        else:
            ids = np.empty(n_reg + len(extra), dtype=object)
            ids[:n_reg] = register.tolist()
            ids[n_reg:] = extra.to_pylist()
            self.client_ids = ids
            self._keys = pa.concat_arrays([reg.cast(pa.string()), extra.cast(pa.string())]) \
                if n_reg else extra.cast(pa.string())
        self.attributes = {k: _pad(v, len(extra)) for k, v in self.attributes.items()}
        self.numbered = True
        self._lookup = None
        index = np.full(len(keys), -1, dtype=np.int64)
        index[usable] = dense
        return index


def key_codes(keys: Any, lookup: Any) -> Any:
    """Each key's position in ``lookup`` (Arrow arrays of unique ids), null where not
    found; text and integer ids are compared as text (``12`` is ``'12'``)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    keys = keys.combine_chunks() if isinstance(keys, pa.ChunkedArray) else keys
    if _is_text(keys.type) != _is_text(lookup.type) \
            or pa.types.is_integer(keys.type) != pa.types.is_integer(lookup.type):
        keys, lookup = keys.cast(pa.string()), lookup.cast(pa.string())
    elif keys.type != lookup.type:
        keys = keys.cast(lookup.type)
    return pc.index_in(keys, value_set=lookup)


def _is_text(kind: Any) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def _pad(values: np.ndarray, extra: int) -> np.ndarray:
    """A register column extended with ``extra`` missing values."""
    if extra == 0:
        return values
    kind = values.dtype.kind
    if kind == "f":
        return np.concatenate([values, np.full(extra, np.nan, dtype=values.dtype)])
    if kind == "M":
        return np.concatenate([values, np.full(extra, np.datetime64("NaT"), dtype=values.dtype)])
    return np.concatenate([values.astype(object), np.full(extra, None, dtype=object)])


def _day_numbers(column: Any) -> Any:
    """An Arrow date (or timestamp) column as ``int32`` day numbers, nulls kept."""
    import pyarrow as pa

    return column.cast(pa.date32()).cast(pa.int32())


def _days(column: Any) -> np.ndarray:
    """A date column as int64 day numbers, :data:`NO_DAY` where null."""
    import pyarrow as pa

    days = _day_numbers(column).cast(pa.int64())
    return np.asarray(days.fill_null(NO_DAY), dtype=np.int64)


def scatter(target: np.ndarray, column: Any, index: np.ndarray,
            usable: np.ndarray | None = None, days: bool = False) -> np.ndarray:
    """``target[index[i]] = column[i]`` for every row ``i`` of the Arrow ``column`` (where
    ``usable``, when given), chunk by chunk: a chunk without nulls is read where Arrow
    holds it (no copy of the column), and a null leaves ``target``'s value as it is (the
    zero or :data:`NO_DAY` it starts from). ``days``: a date column, as day numbers.
    Returns ``target``."""
    import pyarrow as pa

    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    at = 0
    for chunk in chunks:
        rows = index[at: at + len(chunk)]
        pick = None if usable is None else usable[at: at + len(chunk)]
        at += len(chunk)
        if days:
            chunk = _day_numbers(chunk)
        if chunk.null_count:
            valid = np.asarray(chunk.is_valid(), dtype=bool)
            pick = valid if pick is None else pick & valid
            chunk = chunk.fill_null(0)
        values = chunk.to_numpy(zero_copy_only=False)  # a copy only where Arrow needs one
        if pick is None:
            target[rows] = values
        else:
            target[rows[pick]] = values[pick]
    return target


_THREADED_CLIENTS = 500_000
"""From this many clients, :func:`to_aggregates` fills its columns in threads."""


def to_aggregates(table: Any, index: np.ndarray, n_clients: int,
                  request: AggregateRequest) -> ClientAggregates:
    """The engine's per-client table (one row per key, ``index`` its dense number, ``-1``
    to leave out) scattered into the ledger's numbering (:func:`scatter`: no copy of the
    engine's columns; the money divided into units in place)."""
    usable = index >= 0
    # every row a client (the usual case): no mask to apply
    keep = None if usable.all() else usable
    out = ClientAggregates.empty(n_clients, 0, margin="margin" in table.column_names)
    scale = 1.0 if request.decimals is None else 10.0 ** request.decimals
    by_period = np.zeros((request.n_periods, n_clients))
    # (target, column, money, days): each column into its own array
    jobs: list[tuple[np.ndarray, str, bool, bool]] = [
        (out.revenue, "revenue", True, False),
        (out.history_revenue, "history_revenue", True, False),
        (out.orders, "orders", False, False),
        (out.first_purchase, "first_purchase", False, True),
        (out.last_purchase, "last_purchase", False, True),
        *((by_period[p], f"period_{p}", True, False) for p in range(request.n_periods))]
    if "units" in table.column_names:
        jobs.append((out.units, "units", False, False))
    if out.margin is not None:
        jobs.append((out.margin, "margin", True, False))

    def fill(target: np.ndarray, name: str, money: bool, days: bool) -> None:
        scatter(target, table.column(name), index, keep, days=days)
        if money and scale != 1.0:
            np.divide(target, scale, out=target)

    # random writes over millions of clients, the GIL released: the columns side by side
    # (5 M clients: 0.50 -> 0.30 s on two cores); one at a time for a small table
    with executor(default_workers() if n_clients >= _THREADED_CLIENTS else 1) as pool:
        for done in [pool.submit(fill, *job) for job in jobs]:
            done.result()
    out.period_revenue = by_period.T
    out.code = code_from_periods(out.period_revenue)
    return out


@dataclass
class EngineBadRows(IngestReport):
    """The lines an engine could not use, counted by kind (engines give no row numbers)."""

    columns: dict[str, str] = field(default_factory=dict)

    def problems(self) -> list[Problem]:
        severity: Literal["error", "warning"] = "error" if self.policy == "error" else "warning"
        out = []
        for kind, count in self.counts.items():
            noun = "line" if count == 1 else "lines"
            message = (f"{count} {noun} of {self.source} with {_WHAT[kind][1]} in column "
                       f"'{self.columns.get(kind, '')}'")
            if severity == "warning":
                message += " left out"
            left = "_left" if severity == "warning" else ""
            values = {"n": count, "noun": f"engine_{noun}{left}", "source": self.source,
                      "what": _WHAT[kind][0], "column": self.columns.get(kind, "")}
            out.append(Problem(severity, f"bad-rows-{kind}", message, file=self.source,
                               hint=None if severity == "warning" else
                               "fix the source, or leave these lines out with "
                               "--skip-bad-rows (bad_rows: skip)",
                               reason=Reason("problem_engine_bad_rows" if severity == "error"
                                             else "problem_engine_bad_rows_left", values)))
        return out


_WHAT: dict[str, tuple[str, str]] = {
    "missing-client": ("engine_what_missing_client", "no client id"),
    "bad-date": ("engine_what_bad_date", "no date"),
    "bad-amount": ("engine_what_bad_amount", "no amount (or NaN)"),
    "bad-quantity": ("engine_what_bad_quantity", "no quantity (or NaN, infinite)"),
    "bad-margin": ("engine_what_bad_margin", "no margin (or NaN)"),
}
"""What a bad line of each kind lacks: its label (pacspec.i18n, in the plan's locale) and
the English words of the message."""


def bad_row_report(table: Any, label: str, columns: LineColumns,
                   policy: str) -> EngineBadRows:
    """Counts of the lines no engine can use: no client id, no date, no amount."""
    import pyarrow.compute as pc

    def total(name: str, mask: Any) -> int:
        return int(pc.sum(table.column(name).filter(mask)).as_py() or 0)

    key = table.column("client")
    valid, missing = pc.is_valid(key), pc.is_null(key)
    counts = {"missing-client": total("rows", missing), "bad-date": total("bad_date", valid),
              "bad-amount": total("bad_amount", valid)}
    for kind, name in (("bad-quantity", "bad_quantity"), ("bad-margin", "bad_margin")):
        if name in table.column_names:  # a mapped quantity or margin (a line it leaves out)
            counts[kind] = total(name, valid)
    rows = int(pc.sum(table.column("rows")).as_py() or 0)
    return EngineBadRows(source=label, rows_read=rows, rows_kept=total("good_rows", valid),
                         bad_rows=[], counts={k: v for k, v in counts.items() if v},
                         encoding=None, policy=policy,  # type: ignore[arg-type]
                         columns={"missing-client": columns.client, "bad-date": columns.date,
                                  "bad-amount": columns.amount,
                                  "bad-quantity": columns.quantity or "",
                                  "bad-margin": columns.margin or ""})
