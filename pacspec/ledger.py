"""Ingestion: CSV / Parquet / DataFrame / Arrow / mapping -> a :class:`Ledger` of numpy columns.

French spreadsheet exports work out of the box: ``;`` separator, decimal comma, thousands
separators (space, no-break space U+00A0, narrow no-break space U+202F, ``.``), amounts with
``€`` / ``EUR``, ``dd/mm/yyyy`` or ISO dates, UTF-8 with or without BOM, or cp1252.

Client ids are factorised once into dense int64 ids. The dense order is deterministic:

1. the register's ids (``clients``), in register order;
2. then the ids found only in the transactions, in ascending order (``C0002`` before
   ``C0010``; numbers numerically).

Ids keep their original type and text: ``"00001"`` stays ``"00001"`` (ids are read as text
from CSV, surrounding whitespace stripped), integer ids stay integers. Transactions keep
their file order.

Bad rows (too few fields for the mapped columns, missing client, unparsable date / amount /
quantity, date after ``as_of``) are reported by row number: the physical line of the file for files (the header is line 1),
the 0-based position for in-memory inputs. With ``bad_rows="error"`` (the default) they
raise :class:`~pacspec.diagnostics.LedgerError`; with ``"skip"`` they are dropped and the
:class:`IngestReport` in :attr:`Ledger.reports` lists them. Nothing is dropped silently
(rows whose every field is empty carry no data and are ignored). Negative amounts are
credit notes and are kept.

pyarrow, pandas and polars are optional: they are imported only when their objects are
passed in, or when a Parquet file is read.
"""

from __future__ import annotations

import codecs
import contextlib
import csv as _csv
import datetime as dt
import functools
import gc
import io
import math
import operator
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal, TypeVar, cast, get_args

import numpy as np
import numpy.typing as npt

from pacspec.diagnostics import JsonPath, LedgerError, Problem, did_you_mean
from pacspec.engine.periods import from_day, to_day
from pacspec.model.data import ClientColumns, CsvOptions, DataSection, TransactionColumns

__all__ = [
    "MAX_BAD_ROWS_KEPT",
    "BadRow",
    "BadRowKind",
    "BadRowPolicy",
    "IngestReport",
    "Ledger",
    "date_to_day",
    "day_to_date",
    "load_ledger",
    "load_ledger_for_plan",
]

BadRowKind = Literal[
    "short-row", "missing-client", "bad-date", "bad-amount", "bad-quantity", "future-date"
]
BadRowPolicy = Literal["error", "skip"]

Array = npt.NDArray[Any]
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

MAX_BAD_ROWS_KEPT = 1000
"""How many :class:`BadRow` records an :class:`IngestReport` keeps per kind (counts are exact)."""

_KINDS: tuple[BadRowKind, ...] = get_args(BadRowKind)
_EPOCH = dt.date(1970, 1, 1)
_EPOCH_ORDINAL = _EPOCH.toordinal()
_ROWS_SHOWN = 5
_ARROW_HINT = "install the arrow extra: pip install 'pacspec[arrow]'"


date_to_day = to_day
"""Days since 1970-01-01 (the unit of :attr:`Ledger.day`); the engine's own day numbers."""

day_to_date = from_day
"""The date of a day number (days since 1970-01-01)."""


# --------------------------------------------------------------------------------------
# Public records
# --------------------------------------------------------------------------------------


@dataclass
class BadRow:
    """One row that could not be used.

    ``row`` is the physical line in the file for files (header = line 1, so the first data
    row is line 2), or the 0-based position for in-memory inputs.
    """

    kind: BadRowKind
    row: int
    column: str
    value: str


@dataclass
class IngestReport:
    """What reading one source found: rows read and kept, and the bad rows by kind."""

    source: str
    rows_read: int
    rows_kept: int
    bad_rows: list[BadRow]
    """The first :data:`MAX_BAD_ROWS_KEPT` bad rows of each kind, in row order."""
    counts: dict[str, int]
    """Exact number of bad rows per kind (a row can be bad in several ways)."""
    encoding: str | None
    """The text encoding used (``utf-8``, ``utf-8-sig``, ``cp1252``...), None when not text."""
    policy: BadRowPolicy = "error"
    """The bad-row policy in force: ``error`` reports errors, ``skip`` warnings."""
    expected: dict[str, str] = field(default_factory=dict)
    """Per kind, what a good value looks like (used in the messages)."""
    rows_are_lines: bool = True
    """True when ``row`` numbers are file lines; False for 0-based positions."""

    @property
    def n_bad(self) -> int:
        """Number of rows dropped (or to be dropped): ``rows_read - rows_kept``."""
        return self.rows_read - self.rows_kept

    def problems(self) -> list[Problem]:
        """One problem per kind of bad row, with its count, first rows and first value."""
        out: list[Problem] = []
        severity: Literal["error", "warning"] = "error" if self.policy == "error" else "warning"
        for kind in _KINDS:
            count = self.counts.get(kind, 0)
            if not count:
                continue
            rows = [b for b in self.bad_rows if b.kind == kind]
            numbers = [b.row for b in rows[:_ROWS_SHOWN]]
            word = ("row" if count == 1 else "rows") if self.rows_are_lines else "index"
            shown = ", ".join(str(n) for n in numbers)
            if count > len(numbers):
                shown += ", …"
            column = rows[0].column if rows else ""
            value = rows[0].value if rows else ""
            noun = "row" if count == 1 else "rows"
            if kind == "short-row":
                width = self.expected.get(kind, "as many fields as the header")
                message = (
                    f"{count} {noun} with fewer fields than the header ({word} {shown}): "
                    f"expected {width}, found {value}"
                )
            elif kind == "missing-client":
                message = f"{count} {noun} with no client id in column '{column}' ({word} {shown})"
            elif kind == "future-date":
                after = self.expected.get(kind, "after as_of")
                message = f"{count} {noun} dated {after} ({word} {shown}): found '{value}'"
            else:
                what = {
                    "bad-date": "an unparsable date",
                    "bad-amount": "an unparsable amount",
                    "bad-quantity": "an unparsable quantity",
                }[kind]
                message = f"{count} {noun} with {what} in column '{column}' ({word} {shown})"
                expected = self.expected.get(kind)
                message += f": expected {expected}, found '{value}'" if expected else ""
            hint = (
                "fix the rows, or set data.bad_rows: skip to drop them and report them"
                if self.policy == "error"
                else "these rows were dropped"
            )
            out.append(
                Problem(
                    severity=severity,
                    code="bad-rows",
                    message=message,
                    file=self.source,
                    line=numbers[0] if numbers and self.rows_are_lines else None,
                    hint=hint,
                )
            )
        return out


@dataclass(eq=False)
class Ledger:
    """Transactions as dense numpy columns, plus the client register's attributes.

    Every per-transaction array has ``n_transactions`` items, in the source's row order;
    every per-client array (``client_ids``, each attribute) has ``n_clients`` items,
    indexed by dense client id.
    """

    client_ids: Array
    """Original client ids, indexed by dense id: ``str`` objects (object array) or int64."""
    client: IntArray
    """Dense client id of each transaction (index into ``client_ids``)."""
    day: IntArray
    """Date of each transaction, in days since 1970-01-01."""
    amount: FloatArray
    """Net amount of each transaction; negative = credit note."""
    order: IntArray | None = None
    """Factorised order / invoice id of each transaction (rows without an id each get
    their own code); None when no order column is mapped."""
    quantity: FloatArray | None = None
    """Quantity of each transaction; None when no quantity column is mapped."""
    product: IntArray | None = None
    """Factorised product of each transaction (index into ``product_names``)."""
    product_names: Array | None = None
    """Product names, sorted; a missing product is the name None (last)."""
    attributes: dict[str, Array] = field(default_factory=dict)
    """Register columns aligned to dense ids: float64 (NaN missing) for numeric columns,
    object (None missing) otherwise. The name column is under ``"name"``."""
    reports: list[IngestReport] = field(default_factory=list)
    """One report per source read (transactions first, then the register)."""
    _lookup: dict[Any, int] | None = field(default=None, init=False, repr=False)

    @property
    def n_clients(self) -> int:
        """Number of clients (register and transactions together)."""
        return len(self.client_ids)

    @property
    def n_transactions(self) -> int:
        """Number of transaction rows."""
        return len(self.client)

    @property
    def first_date(self) -> dt.date | None:
        """Date of the earliest transaction, None when there are none."""
        return day_to_date(int(self.day.min())) if len(self.day) else None

    @property
    def last_date(self) -> dt.date | None:
        """Date of the latest transaction (the default ``as_of``), None when there are none."""
        return day_to_date(int(self.day.max())) if len(self.day) else None

    def dates(self) -> npt.NDArray[np.datetime64]:
        """Transaction dates as ``datetime64[D]``."""
        return self.day.astype("datetime64[D]")

    def index_of(self, ids: Any) -> IntArray:
        """Dense ids of the given client ids (a scalar or a sequence); -1 for unknown ids.

        Ids are matched exactly; when the types differ (``"12"`` against ``12``) their text
        is compared.
        """
        if self._lookup is None:
            lookup: dict[Any, int] = {}
            for i, value in enumerate(self.client_ids.tolist()):
                lookup.setdefault(value, i)
            for i, value in enumerate(self.client_ids.tolist()):
                lookup.setdefault(("__text__", str(value)), i)
            self._lookup = lookup
        values = np.atleast_1d(np.asarray(ids, dtype=object)).ravel().tolist()
        out = np.empty(len(values), dtype=np.int64)
        for j, value in enumerate(values):
            found = self._lookup.get(value)
            if found is None:
                found = self._lookup.get(("__text__", str(value)), -1)
            out[j] = found
        return out


# --------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of small lists and strings are
    created (it would rescan them again and again: 3-5x slower); restore it after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_ledger(
    transactions: Any,
    clients: Any = None,
    *,
    columns: TransactionColumns | None = None,
    client_columns: ClientColumns | None = None,
    csv: CsvOptions | None = None,
    clients_csv: CsvOptions | None = None,
    as_of: dt.date | None = None,
    bad_rows: BadRowPolicy = "error",
) -> Ledger:
    """Read transactions (and optionally a client register) into a :class:`Ledger`.

    ``transactions`` and ``clients`` may each be a path to a CSV-like text file (any
    extension but ``.parquet`` / ``.pq``) or a Parquet file (needs pyarrow), a pandas or
    polars DataFrame, a pyarrow Table, or a mapping of column name -> array / list.

    Raises :class:`LedgerError` for unreadable sources, missing columns, duplicate register
    ids, and (with ``bad_rows="error"``) bad rows.
    """
    if bad_rows not in ("error", "skip"):
        raise ValueError(f"bad_rows must be 'error' or 'skip', not {bad_rows!r}")
    with _gc_paused():
        return _load(
            transactions,
            clients,
            columns or TransactionColumns(),
            client_columns or ClientColumns(),
            csv or CsvOptions(),
            clients_csv or CsvOptions(),
            as_of,
            bad_rows,
        )


def _load(
    transactions: Any,
    clients: Any,
    columns: TransactionColumns,
    client_columns: ClientColumns,
    csv_options: CsvOptions,
    clients_options: CsvOptions,
    as_of: dt.date | None,
    bad_rows: BadRowPolicy,
    named: Mapping[str, JsonPath] | None = None,
) -> Ledger:
    """``named``: the plan path (``data.transactions.path``...) of each source whose file the
    plan names, set on the problems reading it fails with."""
    named = named or {}
    problems: list[Problem] = []

    register: _Register | None = None
    if clients is not None:
        try:
            ctable = _open_source(clients, clients_options, "clients")
            register = _read_register(ctable, client_columns, clients_options, bad_rows)
        except LedgerError as exc:
            problems.extend(_named_in_plan(exc.problems, named.get("clients")))

    try:
        ttable = _open_source(transactions, csv_options, "transactions")
        tx = _read_transactions(ttable, columns, csv_options, as_of, bad_rows)
    except LedgerError as exc:
        problems.extend(_named_in_plan(exc.problems, named.get("transactions")))
        raise LedgerError(problems) from None

    if register is not None:
        problems.extend(register.problems)
    if problems:
        raise LedgerError(problems)
    bad = [*tx.report.problems()]
    if register is not None:
        bad.extend(register.report.problems())
    if bad_rows == "error" and bad:
        raise LedgerError(bad)
    return _assemble(tx, register)


def _named_in_plan(problems: list[Problem], path: JsonPath | None) -> list[Problem]:
    """Give the plan path that names a file to the problems of that file that have none
    (the file cannot be read: the path in the plan may be wrong)."""
    if path is None:
        return problems
    return [
        replace(p, path=tuple(path)) if p.code == "io" and p.path is None else p
        for p in problems
    ]


def load_ledger_for_plan(
    data: DataSection,
    base_dir: Path | str,
    *,
    transactions: Any = None,
    clients: Any = None,
    as_of: dt.date | None = None,
    bad_rows: BadRowPolicy | None = None,
) -> Ledger:
    """Read the data a plan's ``data:`` section names.

    Paths in the plan are relative to ``base_dir`` (the plan file's folder). Explicit
    ``transactions`` / ``clients`` arguments (paths relative to the working directory, or
    in-memory tables) override the plan's paths; ``bad_rows`` overrides the plan's policy.
    """
    base = Path(base_dir)
    named: dict[str, JsonPath] = {}
    """The sources whose path comes from the plan: their io problems point there."""
    if transactions is None:
        if data.transactions.path is None:
            raise LedgerError(
                [
                    Problem(
                        "error",
                        "no-data",
                        "no transactions to read: the plan names no transactions file",
                        path=("data", "transactions", "path"),
                        hint="set data.transactions.path in the plan, or pass --transactions "
                        "FILE (transactions= in Python)",
                    )
                ]
            )
        transactions = base / data.transactions.path
        named["transactions"] = ("data", "transactions", "path")
    source = data.clients
    if clients is None and source is not None and source.path is not None:
        clients = base / source.path
        named["clients"] = ("data", "clients", "path")
    policy = bad_rows or data.bad_rows
    if policy not in ("error", "skip"):
        raise ValueError(f"bad_rows must be 'error' or 'skip', not {policy!r}")
    with _gc_paused():
        return _load(
            transactions,
            clients,
            data.transactions.columns,
            source.columns if source is not None else ClientColumns(),
            data.transactions.csv,
            source.csv if source is not None else CsvOptions(),
            as_of,
            policy,
            named,
        )


# --------------------------------------------------------------------------------------
# Sources: every input becomes a _Table
# --------------------------------------------------------------------------------------


@dataclass
class _Table:
    """A uniform view of one input: named columns as numpy arrays."""

    label: str
    """The file path, or ``<pandas.DataFrame>`` etc."""
    what: str
    """``transactions`` or ``clients``."""
    is_file: bool
    encoding: str | None
    names: list[str]
    rows: IntArray
    """Row number of each data row (file line, or 0-based position)."""
    column: Callable[[str], Array]
    """The values of a column: object arrays of ``str`` for text files, typed otherwise."""
    factorize: Callable[[str], tuple[Array, IntArray]]
    """Sorted unique non-missing values of a column and each row's code (-1 = missing)."""
    text: bool
    """True when the values are raw text to parse (delimited files)."""
    delimiter: str | None = None
    rows_are_lines: bool = False
    """True when ``rows`` are file lines (text files); False for 0-based positions."""
    header_line: int = 1
    """The line of the header, for text files."""
    positions: dict[str, int] = field(default_factory=dict)
    """The field position of each column, for text files."""
    fields: IntArray | None = None
    """The number of fields of each data row, for text files with rows shorter than the
    header (None otherwise)."""

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    def short_of(self, names: Sequence[str]) -> BoolArray:
        """Rows with too few fields to hold every column of ``names`` (text files)."""
        if self.fields is None or not names:
            return np.zeros(self.n_rows, dtype=bool)
        return np.asarray(self.fields <= max(self.positions[n] for n in names), dtype=bool)

    def add_short_rows(self, bad: _BadRows, names: Sequence[str]) -> BoolArray:
        """Report the rows too short to hold the columns ``names``; return the other rows."""
        short = self.short_of(names)
        if self.fields is not None and short.any():
            found = _object_array([str(n) for n in self.fields.tolist()])
            bad.add("short-row", short, "", found)
            bad.expected["short-row"] = f"{len(self.positions)} fields"
        return ~short

    def require(self, name: str, field_name: str, section: str, explicit: bool = True) -> bool:
        """Check that a mapped column exists; raise a ``missing-column`` problem if not."""
        if name in self.names:
            return True
        if not explicit:
            return False
        raise LedgerError([self.missing_column(name, field_name, section)])

    def missing_column(self, name: str, field_name: str, section: str) -> Problem:
        found = ", ".join(f"'{n}'" for n in self.names) if self.names else "none (empty file)"
        guess = did_you_mean(name, self.names)
        where = f"data.{section}.columns.{field_name}"
        hint = f"did you mean '{guess}'? map it with {where}" if guess else f"map it with {where}"
        return Problem(
            "error",
            "missing-column",
            f"no column '{name}' for the {field_name} in the {self.what} {self.label}; "
            f"columns found: {found}",
            file=self.label if self.is_file else None,
            line=self.header_line if self.rows_are_lines else None,
            path=("data", section, "columns", field_name),
            hint=hint,
        )


def _problem(code: str, message: str, file: str | None = None, **kw: Any) -> LedgerError:
    return LedgerError([Problem("error", code, message, file=file, **kw)])


def _open_source(source: Any, options: CsvOptions, what: str) -> _Table:
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        if path.suffix.lower() in (".parquet", ".pq"):
            return _parquet_table(path, what)
        return _csv_table(path, options, what)
    module = type(source).__module__.split(".")[0]
    kind = type(source).__name__
    if module == "pandas" and kind == "DataFrame":
        return _pandas_table(source, what)
    if module == "polars" and kind in ("DataFrame", "LazyFrame"):
        return _polars_table(source.collect() if kind == "LazyFrame" else source, what)
    if module == "pyarrow" and kind in ("Table", "RecordBatch"):
        return _arrow_table(source, what, f"<pyarrow.{kind}>")
    if isinstance(source, Mapping):
        return _mapping_table(source, what)
    raise _problem(
        "bad-input",
        f"cannot read the {what} from a {type(source).__module__}.{kind}: expected a file "
        "path, a pandas or polars DataFrame, a pyarrow Table or a mapping of columns",
    )


# ---- delimited text ------------------------------------------------------------------


def _decode(raw: bytes, encoding: str, label: str) -> tuple[str, str]:
    """Decode a file's bytes. ``auto``: BOM, then strict UTF-8, then cp1252."""

    def failure(exc: UnicodeDecodeError, tried: str) -> LedgerError:
        line = raw[: exc.start].count(b"\n") + 1
        return _problem(
            "encoding",
            f"cannot decode the file as {tried} (byte 0x{raw[exc.start]:02x})",
            label,
            line=line,
            hint="set csv.encoding for this file (e.g. utf-8, cp1252, latin-1)",
        )

    if encoding.strip().lower() == "auto":
        if raw.startswith(codecs.BOM_UTF8):
            try:
                return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
            except UnicodeDecodeError as exc:
                raise failure(exc, "UTF-8 (it starts with a UTF-8 BOM)") from None
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            try:
                return raw.decode("utf-16"), "utf-16"
            except UnicodeDecodeError as exc:
                raise failure(exc, "UTF-16") from None
        try:
            return raw.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError as exc:
            raise failure(exc, "UTF-8 or cp1252") from None
    try:
        text = raw.decode(encoding)
    except LookupError:
        raise _problem("encoding", f"unknown encoding '{encoding}'", label) from None
    except UnicodeDecodeError as exc:
        raise failure(exc, encoding) from None
    return text.removeprefix("\ufeff"), encoding


_DELIMITERS = (";", ",", "\t", "|")
_EXCEL_SEP_RE = re.compile(r"sep=(.)\r?\n")


def _sniff_delimiter(text: str) -> str:
    """The candidate giving the widest header with the most rows of the same width."""
    sample = text[:65536]
    if len(text) > len(sample) and "\n" in sample:
        sample = sample[: sample.rfind("\n") + 1]
    best: tuple[tuple[float, int], str] | None = None
    for candidate in _DELIMITERS:
        try:
            reader = _csv.reader(io.StringIO(sample, newline=""), delimiter=candidate)
            rows = [r for r in reader if r][:50]
        except _csv.Error:
            continue
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        score = (sum(len(r) == width for r in rows) / len(rows), width)
        if best is None or score > best[0]:
            best = (score, candidate)
    return best[1] if best else ";"


def _has_blank_record(text: str, delimiter: str) -> bool:
    """Whether some line may hold only delimiters and spaces: cheap substring scans that
    can report false positives (then the records are checked one by one)."""
    body = text.rstrip("\r\n")
    starts = ("\n", "\r", delimiter, " ", "\t")
    return not body or body.startswith(starts) or any(f"\n{c}" in body for c in starts)


def _split_rows(text: str, delimiter: str, label: str) -> tuple[list[list[str]], IntArray]:
    """Records of the file and the line where each starts, blank records removed."""
    reader = _csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except _csv.Error as exc:
        raise _problem(
            "bad-csv", f"cannot parse the file: {exc}", label, line=reader.line_num
        ) from None
    if reader.line_num == len(rows):  # one record per line: the line is the position
        lines = np.arange(1, len(rows) + 1, dtype=np.int64)
    else:  # quoted fields spanning lines: track where each record starts
        reader = _csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        starts: list[int] = []
        rows = []
        previous = 0
        for row in reader:
            rows.append(row)
            starts.append(previous + 1)
            previous = reader.line_num
        lines = np.asarray(starts, dtype=np.int64)
    if _has_blank_record(text, delimiter):
        keep = [i for i, r in enumerate(rows) if r and (r[0].strip() or "".join(r).strip())]
        if len(keep) != len(rows):
            rows = [rows[i] for i in keep]
            lines = lines[np.asarray(keep, dtype=np.int64)]
    return rows, lines


def _csv_table(path: Path, options: CsvOptions, what: str) -> _Table:
    label = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise _problem("io", f"cannot read the {what} file: {reason}", label) from None
    text, encoding = _decode(raw, options.encoding, label)
    excel_hint = _EXCEL_SEP_RE.match(text)  # Excel's "sep=;" first line
    if excel_hint:
        delimiter = options.delimiter or excel_hint.group(1)
    else:
        delimiter = options.delimiter or _sniff_delimiter(text)
    records, lines = _split_rows(text, delimiter, label)
    if excel_hint and records:
        records, lines = records[1:], lines[1:]
    if not records:
        raise _problem(
            "empty-file",
            f"the {what} file is empty: not even a header line naming the columns",
            label,
            hint="the first line must name the columns; a header line alone (no rows) is fine",
        )
    header_line = int(lines[0]) if records else 1
    header = [h.strip() for h in records[0]] if records else []
    data = records[1:]
    lines = lines[1:]
    width = len(header)
    fields: IntArray | None = None
    if set(map(len, data)) - {width}:
        fields = np.fromiter(map(len, data), dtype=np.int64, count=len(data))
        if not (fields < width).any():
            fields = None
        fixed: list[list[str]] = []
        too_long: list[int] = []
        for record, line in zip(data, lines.tolist(), strict=True):
            if len(record) < width:
                record = record + [""] * (width - len(record))
            elif len(record) > width:
                if any(f.strip() for f in record[width:]):
                    too_long.append(line)
                record = record[:width]
            fixed.append(record)
        if too_long:
            shown = ", ".join(str(n) for n in too_long[:_ROWS_SHOWN])
            shown += ", …" if len(too_long) > _ROWS_SHOWN else ""
            raise _problem(
                "bad-csv",
                f"{len(too_long)} rows have more fields than the header's {width} "
                f"(rows {shown}) with the delimiter {delimiter!r}",
                label,
                line=too_long[0],
                hint="check csv.delimiter, and that values containing the delimiter are quoted",
            )
        data = fixed
    position: dict[str, int] = {}
    for i, name in enumerate(header):
        position.setdefault(name, i)
    cache: dict[str, Array] = {}

    def column(name: str) -> Array:
        if name not in cache:
            cache[name] = _object_array(list(map(operator.itemgetter(position[name]), data)))
        return cache[name]

    def factorize(name: str) -> tuple[Array, IntArray]:
        return _factorize_values(column(name), strip=True, all_text=True)

    return _Table(
        label=label,
        what=what,
        is_file=True,
        encoding=encoding,
        names=list(position),
        rows=lines,
        column=column,
        factorize=factorize,
        text=True,
        delimiter=delimiter,
        rows_are_lines=True,
        header_line=header_line,
        positions=position,
        fields=fields,
    )


# ---- Parquet / Arrow -----------------------------------------------------------------


def _parquet_table(path: Path, what: str) -> _Table:
    label = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise _problem(
            "missing-dependency",
            f"reading the Parquet file needs pyarrow: {_ARROW_HINT}",
            label,
        ) from None
    if not path.is_file():
        reason = "No such file or directory" if not path.exists() else "not a file"
        raise _problem("io", f"cannot read the {what} file: {reason}", label)
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several exception types for bad files
        raise _problem("io", f"cannot read the {what} Parquet file: {exc}", label) from None
    out = _arrow_table(table, what, label)
    out.is_file = True  # rows stay 0-based positions: Parquet has no lines
    return out


def _arrow_table(table: Any, what: str, label: str) -> _Table:
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    names = [str(n) for n in table.column_names]

    def chunked(name: str) -> Any:
        col = table.column(names.index(name))
        if pa.types.is_dictionary(col.type):
            col = col.cast(col.type.value_type)
        return col

    def column(name: str) -> Array:
        col = chunked(name)
        kind = col.type
        if pa.types.is_timestamp(kind):
            if kind.tz is not None:
                col = pc.local_timestamp(col)
            return np.asarray(col.to_numpy())
        if pa.types.is_date(kind):
            return np.asarray(col.cast(pa.date32()).to_numpy())
        if pa.types.is_integer(kind) and col.null_count == 0:
            return np.asarray(col.to_numpy()).astype(np.int64)
        if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind):
            return np.asarray(pc.cast(col, pa.float64()).to_numpy(), dtype=np.float64)
        return _object_array(col.to_pylist())

    def factorize(name: str) -> tuple[Array, IntArray]:
        col = chunked(name)
        if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)) and not (
            pa.types.is_integer(col.type)
        ):
            return _factorize_values(column(name))
        uniques = pc.unique(col).drop_null()
        codes = pc.fill_null(pc.index_in(col, value_set=uniques), -1)
        values = (
            np.asarray(uniques.to_numpy(zero_copy_only=False)).astype(np.int64)
            if pa.types.is_integer(col.type)
            else _object_array(uniques.to_pylist())
        )
        return _finish_factorized(values, np.asarray(codes.to_numpy(), dtype=np.int64))

    return _Table(
        label=label,
        what=what,
        is_file=False,
        encoding=None,
        names=names,
        rows=np.arange(table.num_rows, dtype=np.int64),
        column=column,
        factorize=factorize,
        text=False,
    )


# ---- pandas / polars / mapping -------------------------------------------------------


def _pandas_table(df: Any, what: str) -> _Table:
    import pandas as pd

    originals = {str(c): c for c in df.columns}

    def series(name: str) -> Any:
        s = df[originals[name]]
        if isinstance(s, pd.DataFrame):  # duplicated column name: the first one
            s = s.iloc[:, 0]
        if isinstance(s.dtype, pd.CategoricalDtype):
            s = s.astype(object)
        return s

    def column(name: str) -> Array:
        s = series(name)
        dtype = s.dtype
        if pd.api.types.is_datetime64_any_dtype(dtype):
            if getattr(dtype, "tz", None) is not None:
                s = s.dt.tz_localize(None)
            return np.asarray(s.to_numpy(dtype="datetime64[ns]"))
        if pd.api.types.is_bool_dtype(dtype):
            return np.asarray(s.to_numpy(dtype=object))
        if pd.api.types.is_integer_dtype(dtype) and not s.hasnans:
            return np.asarray(s.to_numpy(dtype=np.int64))
        if pd.api.types.is_numeric_dtype(dtype):
            return np.asarray(s.to_numpy(dtype=np.float64, na_value=np.nan))
        return np.asarray(s.to_numpy(dtype=object))

    def factorize(name: str) -> tuple[Array, IntArray]:
        s = series(name)
        try:
            codes, uniques = pd.factorize(s, sort=True)
        except TypeError:  # mixed types cannot be sorted
            codes, uniques = pd.factorize(s, sort=False)
        if pd.api.types.is_integer_dtype(uniques.dtype):
            values: Array = np.asarray(uniques, dtype=np.int64)
        elif pd.api.types.is_float_dtype(uniques.dtype):
            values = np.asarray(uniques, dtype=np.float64)
        else:
            values = np.asarray(uniques, dtype=object)
        return _finish_factorized(values, np.asarray(codes, dtype=np.int64))

    return _Table(
        label="<pandas.DataFrame>",
        what=what,
        is_file=False,
        encoding=None,
        names=list(originals),
        rows=np.arange(len(df), dtype=np.int64),
        column=column,
        factorize=factorize,
        text=False,
    )


def _polars_table(df: Any, what: str) -> _Table:
    import polars as pl

    def series(name: str) -> Any:
        s = df.get_column(name)
        if isinstance(s.dtype, (pl.Categorical, pl.Enum)):
            s = s.cast(pl.String)
        return s

    def column(name: str) -> Array:
        s = series(name)
        dtype = s.dtype
        if dtype.is_temporal():
            if isinstance(dtype, pl.Datetime) and dtype.time_zone is not None:
                s = s.dt.replace_time_zone(None)
            return np.asarray(s.to_numpy())
        if dtype.is_integer() and s.null_count() == 0:
            return np.asarray(s.to_numpy()).astype(np.int64)
        if dtype.is_numeric():
            return np.asarray(s.cast(pl.Float64).fill_null(float("nan")).to_numpy())
        return _object_array(s.to_list())

    def factorize(name: str) -> tuple[Array, IntArray]:
        s = series(name)
        if not (s.dtype == pl.String or s.dtype.is_integer()):
            return _factorize_values(column(name))
        ranks = s.rank("dense")  # 1-based, ascending, nulls stay null
        codes = np.asarray(ranks.fill_null(0).cast(pl.Int64).to_numpy(), dtype=np.int64) - 1
        uniques = s.drop_nulls().unique().sort()
        values = (
            np.asarray(uniques.to_numpy()).astype(np.int64)
            if s.dtype.is_integer()
            else _object_array(uniques.to_list())
        )
        return _finish_factorized(values, codes)

    return _Table(
        label="<polars.DataFrame>",
        what=what,
        is_file=False,
        encoding=None,
        names=[str(c) for c in df.columns],
        rows=np.arange(df.height, dtype=np.int64),
        column=column,
        factorize=factorize,
        text=False,
    )


def _mapping_table(mapping: Mapping[Any, Any], what: str) -> _Table:
    columns: dict[str, Array] = {}
    for key, values in mapping.items():
        array = np.asarray(values.to_numpy() if hasattr(values, "to_numpy") else values)
        if array.ndim != 1:
            raise _problem("bad-input", f"column '{key}' of the {what} is not one-dimensional")
        if array.dtype.kind in "US":
            array = array.astype(object)
        columns[str(key)] = array
    lengths = {len(a) for a in columns.values()}
    if len(lengths) > 1:
        sizes = ", ".join(f"{k}: {len(a)}" for k, a in columns.items())
        raise _problem("bad-input", f"the {what} columns have different lengths ({sizes})")
    n = lengths.pop() if lengths else 0
    return _Table(
        label="<mapping>",
        what=what,
        is_file=False,
        encoding=None,
        names=list(columns),
        rows=np.arange(n, dtype=np.int64),
        column=lambda name: columns[name],
        factorize=lambda name: _factorize_values(columns[name]),
        text=False,
    )


def _object_array(values: Sequence[Any]) -> Array:
    out = np.empty(len(values), dtype=object)
    out[:] = list(values)
    return out


# --------------------------------------------------------------------------------------
# Factorisation
# --------------------------------------------------------------------------------------


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, (float, np.floating)):
        return bool(math.isnan(value))
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    return type(value).__name__ in ("NAType", "NaTType")


def _factorize_small_ints(values: IntArray) -> tuple[Array, IntArray]:
    """Non-negative ints below ~2 x count: a presence table, no sort."""
    present = np.zeros(int(values.max()) + 1 if values.size else 0, dtype=bool)
    present[values] = True
    rank = np.cumsum(present, dtype=np.int64) - 1
    return np.flatnonzero(present).astype(np.int64), rank[values]


def _factorize_sorted(values: Array) -> tuple[Array, IntArray]:
    """Sort-based factorisation (np.unique)."""
    uniques, inverse = np.unique(values, return_inverse=True)
    return uniques, np.asarray(inverse, dtype=np.int64).ravel()


def _factorize_values(
    values: Array, *, strip: bool = False, all_text: bool = False
) -> tuple[Array, IntArray]:
    """Sorted unique non-missing values and the code of each row (-1 = missing).

    Missing: None, NaN, NaT, pandas NA, and blank strings. ``strip`` strips strings first
    (text files); otherwise strings are kept exactly.
    """
    kind = values.dtype.kind
    n = len(values)
    if kind in "iu":
        ints = values.astype(np.int64, copy=False)
        if n and int(ints.min()) >= 0 and int(ints.max()) < 2 * n + 1024:
            return _factorize_small_ints(ints)
        return _factorize_sorted(ints)
    if kind in "fM":
        valid = ~(np.isnan(values) if kind == "f" else np.isnat(values))
        codes = np.full(n, -1, dtype=np.int64)
        uniques, inverse = _factorize_sorted(values[valid])
        codes[valid] = inverse
        return _finish_factorized(uniques, codes)
    items = values.tolist()
    if all_text or all(type(v) is str for v in items):
        return _factorize_strings(items, strip)
    # Mixed objects: hash them, then try to sort.
    seen: dict[Any, int] = {}
    codes = np.empty(n, dtype=np.int64)
    for i, v in enumerate(items):
        if _is_missing(v) or (isinstance(v, str) and not v.strip()):
            codes[i] = -1
        else:
            codes[i] = seen.setdefault(v, len(seen))
    return _finish_factorized(_object_array(list(seen)), codes)


def _mostly_distinct(items: Sequence[Any]) -> bool:
    """Whether a sample of a long column says most values differ (invoice numbers,
    amounts) rather than repeat (client ids, dates, products)."""
    sample = items[:4096]
    return len(items) > 8192 and len(set(sample)) > len(sample) // 2


def _factorize_strings(items: list[str], strip: bool) -> tuple[Array, IntArray]:
    """Factorise strings: the distinct raw values first (hashing for repetitive columns,
    a numpy sort for mostly distinct ones), then cleaning (strip, blanks) and sorting on
    the distinct values only."""
    n = len(items)
    raw_codes: IntArray | None = None
    longest = max(map(len, items)) if items else 0
    if _mostly_distinct(items) and longest <= 64:
        uniques, inverse = np.unique(np.array(items, dtype=f"U{longest}"), return_inverse=True)
        raw: list[str] = uniques.tolist()
        raw_codes = np.asarray(inverse, dtype=np.int64).ravel()
    else:
        raw = list(dict.fromkeys(items))
    clean = [v.strip() for v in raw] if strip else raw
    distinct = sorted({v for v in clean if v and not v.isspace()})
    index = {v: i for i, v in enumerate(distinct)}
    if raw_codes is not None:
        lookup = np.asarray([index.get(c, -1) for c in clean], dtype=np.int64)
        return _object_array(distinct), lookup[raw_codes]
    code_of = {r: index.get(c, -1) for r, c in zip(raw, clean, strict=True)}
    codes = np.fromiter(map(code_of.__getitem__, items), dtype=np.int64, count=n)
    return _object_array(distinct), codes


def _finish_factorized(uniques: Array, codes: IntArray) -> tuple[Array, IntArray]:
    """Normalise a backend's factorisation: missing values out, integral floats and Python
    ints as int64, strings as ``str`` objects, uniques sorted when they can be."""
    kind = uniques.dtype.kind
    if kind in "US":
        uniques = _object_array(uniques.tolist())
    elif kind == "f":
        finite = np.isfinite(uniques)
        if finite.all() and np.all(uniques == np.round(uniques)) and uniques.size:
            uniques = uniques.astype(np.int64)
    if uniques.dtype.kind == "O":
        items = uniques.tolist()
        drop = [_is_missing(v) or (isinstance(v, str) and not v.strip()) for v in items]
        if any(drop):
            keep = ~np.asarray(drop, dtype=bool)
            remap = np.where(keep, np.cumsum(keep) - 1, -1).astype(np.int64)
            codes = np.where(codes >= 0, remap[np.maximum(codes, 0)], -1).astype(np.int64)
            uniques = uniques[keep]
            items = uniques.tolist()
        if items and all(type(v) is int for v in items):
            uniques = np.asarray(items, dtype=np.int64)
    if len(uniques) > 1:
        try:
            ordered = bool(np.all(uniques[:-1] < uniques[1:]))
            perm = None if ordered else np.argsort(uniques, kind="stable")
        except TypeError:  # mixed types: keep the backend's order
            perm = None
        if perm is not None:
            rank = np.empty(len(perm), dtype=np.int64)
            rank[perm] = np.arange(len(perm), dtype=np.int64)
            uniques = uniques[perm]
            codes = np.where(codes >= 0, rank[np.maximum(codes, 0)], -1).astype(np.int64)
    return uniques, np.asarray(codes, dtype=np.int64)


def _id_kind(values: Array) -> str:
    if values.dtype.kind in "iu":
        return "int"
    if values.dtype.kind == "O" and all(type(v) is str for v in values.tolist()):
        return "str"
    return "other"


def _merge_ids(register: Array | None, uniques: Array, codes: IntArray) -> tuple[Array, IntArray]:
    """Dense ids: the register's ids in register order, then the other ids (sorted)."""
    if register is None:
        return uniques, codes
    if len(register) == 0:
        return uniques, codes
    same = _id_kind(register) == _id_kind(uniques) != "other"
    reg_keys = register if same else _object_array([str(v) for v in register.tolist()])
    keys = uniques if same else _object_array([str(v) for v in uniques.tolist()])
    position = np.full(len(uniques), -1, dtype=np.int64)
    try:
        sorter = np.argsort(reg_keys, kind="stable")
        at = np.searchsorted(reg_keys, keys, sorter=sorter)
        at = np.minimum(at, len(reg_keys) - 1)
        found = reg_keys[sorter[at]] == keys
        position[found] = sorter[at[found]]
    except TypeError:
        lookup = {k: i for i, k in enumerate(reg_keys.tolist())}
        for j, k in enumerate(keys.tolist()):
            position[j] = lookup.get(k, -1)
    new = position < 0
    position[new] = len(register) + np.arange(int(new.sum()), dtype=np.int64)
    extra = uniques[new]
    if register.dtype.kind in "iu" and extra.dtype.kind in "iu":
        ids: Array = np.concatenate([register.astype(np.int64), extra.astype(np.int64)])
    else:
        ids = _object_array(register.tolist() + extra.tolist())
    return ids, position[codes]


# --------------------------------------------------------------------------------------
# Values: dates and numbers
# --------------------------------------------------------------------------------------

_FR_DIGITS = [0, 1, 3, 4, 6, 7, 8, 9]
_ISO_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9]
_DAYS_IN_MONTH = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_FR_DATE_RE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _TIME)
_ISO_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME)


def _days_from_civil(y: IntArray, m: IntArray, d: IntArray) -> IntArray:
    """Days since 1970-01-01 of proleptic Gregorian dates (H. Hinnant's algorithm)."""
    y = y - (m <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * ((m + 9) % 12) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return np.asarray(era * 146097 + doe - 719468, dtype=np.int64)


def _valid_ymd(y: IntArray, m: IntArray, d: IntArray) -> BoolArray:
    leap = (y % 4 == 0) & ((y % 100 != 0) | (y % 400 == 0))
    month_ok = (m >= 1) & (m <= 12)
    last = _DAYS_IN_MONTH[np.clip(m, 1, 12) - 1] + ((m == 2) & leap)
    return np.asarray((y >= 1) & month_ok & (d >= 1) & (d <= last), dtype=bool)


def _parse_date_text(text: str, fmt: str | None) -> int | None:
    """One date string -> day number, or None (the slow path)."""
    text = text.strip()
    try:
        if fmt is not None:
            return dt.datetime.strptime(text, fmt).date().toordinal() - _EPOCH_ORDINAL
        match = _FR_DATE_RE.fullmatch(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
        else:
            match = _ISO_DATE_RE.fullmatch(text)
            if not match:
                return None
            year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day).toordinal() - _EPOCH_ORDINAL
    except ValueError:
        return None


def _date_value(value: Any, fmt: str | None) -> int | None:
    """A non-text date value (date, datetime, Timestamp, datetime64) -> day number."""
    if _is_missing(value):
        return None
    if isinstance(value, str):
        return _parse_date_text(value, fmt)
    if isinstance(value, dt.datetime):
        return value.date().toordinal() - _EPOCH_ORDINAL
    if isinstance(value, dt.date):
        return value.toordinal() - _EPOCH_ORDINAL
    if isinstance(value, np.datetime64):
        return int(value.astype("datetime64[D]").astype(np.int64))
    return None


_T = TypeVar("_T", bound=tuple[Any, ...])


def _via_distinct(texts: list[str], parse: Callable[[list[str]], _T]) -> _T:
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


def _parse_date_texts(texts: list[str], fmt: str | None) -> tuple[IntArray, BoolArray]:
    """Day numbers and a bad mask from date strings (distinct values parsed once)."""
    return _via_distinct(texts, lambda values: _parse_date_texts_all(values, fmt))


def _parse_date_texts_all(texts: list[str], fmt: str | None) -> tuple[IntArray, BoolArray]:
    """Vectorised: fixed-width ``dd/mm/yyyy`` and ``yyyy-mm-dd`` through a byte matrix;
    other shapes one distinct value at a time."""
    n = len(texts)
    texts = [t.strip() for t in texts]
    days = np.zeros(n, dtype=np.int64)
    bad = np.ones(n, dtype=bool)
    done = np.zeros(n, dtype=bool)
    allow_fr = fmt is None or fmt == "%d/%m/%Y"
    allow_iso = fmt is None or fmt == "%Y-%m-%d"
    if n and (allow_fr or allow_iso):
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=n)
        at = np.flatnonzero(lengths == 10)
        joined = "".join(texts) if at.size == n else "".join(texts[i] for i in at.tolist())
        try:
            raw = joined.encode("ascii")
        except UnicodeEncodeError:
            raw = b""
            at = at[:0]
        if at.size:
            b = np.frombuffer(raw, dtype=np.uint8).reshape(-1, 10).astype(np.int64)
            g = b - 48
            digit = (g >= 0) & (g <= 9)
            fr = (b[:, 2] == 47) & (b[:, 5] == 47) & digit[:, _FR_DIGITS].all(axis=1)
            iso = (b[:, 4] == 45) & (b[:, 7] == 45) & digit[:, _ISO_DIGITS].all(axis=1)
            fr &= allow_fr
            iso &= allow_iso & ~fr
            y = np.where(fr, g[:, 6] * 1000 + g[:, 7] * 100 + g[:, 8] * 10 + g[:, 9], 0)
            y = np.where(iso, g[:, 0] * 1000 + g[:, 1] * 100 + g[:, 2] * 10 + g[:, 3], y)
            m = np.where(fr, g[:, 3] * 10 + g[:, 4], g[:, 5] * 10 + g[:, 6])
            d = np.where(fr, g[:, 0] * 10 + g[:, 1], g[:, 8] * 10 + g[:, 9])
            matched = fr | iso
            ok = matched & _valid_ymd(y, m, d)
            done[at[matched]] = True
            bad[at[ok]] = False
            days[at[ok]] = _days_from_civil(y[ok], m[ok], d[ok])
    rest = np.flatnonzero(~done)
    if rest.size:
        cache: dict[str, int | None] = {}
        for i in rest.tolist():
            text = texts[i]
            if text not in cache:
                cache[text] = _parse_date_text(text, fmt)
            value = cache[text]
            if value is not None:
                days[i] = value
                bad[i] = False
    return days, bad


def _parse_dates(
    values: Array, fmt: str | None, all_text: bool = False
) -> tuple[IntArray, BoolArray]:
    """Day numbers and a bad mask, from text or typed date values."""
    if all_text:
        return _parse_date_texts(values.tolist(), fmt)
    n = len(values)
    kind = values.dtype.kind
    if kind == "M":
        bad = np.isnat(values)
        days = np.where(bad, 0, values.astype("datetime64[D]").astype(np.int64))
        return np.asarray(days, dtype=np.int64), np.asarray(bad, dtype=bool)
    if kind in "US":
        values = values.astype(object)
    elif kind != "O":
        return np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool)
    items = values.tolist()
    is_text = np.fromiter((type(v) is str for v in items), dtype=bool, count=n)
    if is_text.all():
        return _parse_date_texts(items, fmt)
    days = np.zeros(n, dtype=np.int64)
    bad = np.ones(n, dtype=bool)
    text_at = np.flatnonzero(is_text)
    if text_at.size:
        tdays, tbad = _parse_date_texts([items[i] for i in text_at.tolist()], fmt)
        days[text_at], bad[text_at] = tdays, tbad
    for i in np.flatnonzero(~is_text).tolist():
        value = _date_value(items[i], fmt)
        if value is not None:
            days[i], bad[i] = value, False
    return days, bad


class _Unparsable(Exception):
    """A block of numbers failed the fast path."""


_SPACES = " \t\r\u00a0\u202f"
_CURRENCY_RE = re.compile(  # a currency sign at the start or the end of a value
    r"^[ \t\r\u00a0\u202f]*(?:€|EUR|Eur|eur)|(?:€|EUR|Eur|eur)[ \t\r\u00a0\u202f]*$",
    re.MULTILINE,
)
_EDGE_SPACES_RE = re.compile(r"[ \t\r\u00a0\u202f]*\n[ \t\r\u00a0\u202f]*")
_HAS_EDGE_SPACES_RE = re.compile(r"[ \t\r\u00a0\u202f]\n|\n[ \t\r\u00a0\u202f]")
_COMMA_LAST_RE = re.compile(r"\.\d{3},\d")
_DOT_LAST_RE = re.compile(r",\d{3}\.\d")
_LEADING_ZERO_RE = re.compile(r"(?:^|\n)[+-]?0\d")


@functools.lru_cache(maxsize=64)
def _bad_separator_re(separators: str) -> re.Pattern[str]:
    """A separator not between a digit and exactly three digits."""
    cls = "".join(re.escape(c) for c in separators)
    return re.compile(rf"(?<![0-9])[{cls}]|[{cls}](?![0-9]{{3}}(?![0-9]))")


@functools.lru_cache(maxsize=64)
def _clearly_decimal_re(mark: str) -> re.Pattern[str]:
    """``mark`` followed by 1-2 or 4+ digits: a decimal mark, not a thousands separator."""
    return re.compile(rf"{re.escape(mark)}(?:[0-9]{{1,2}}|[0-9]{{4,}})(?![0-9])")


def _infer_decimal(text: str, thousands: str | None, default: str) -> str:
    """The decimal mark of a column, from its values joined by newlines: the other mark
    only when more values clearly use it (``12.5``, ``1,234.50``) than the default one."""
    if thousands in (".", ","):
        return "," if thousands == "." else "."
    other = "." if default == "," else ","
    if other not in text:
        return default
    votes = {
        ",": len(_clearly_decimal_re(",").findall(text)) + len(_COMMA_LAST_RE.findall(text)),
        ".": len(_clearly_decimal_re(".").findall(text)) + len(_DOT_LAST_RE.findall(text)),
    }
    return other if votes[other] > votes[default] else default


def _separators(thousands: str | None, decimal: str) -> str:
    if thousands is None:
        return " \u00a0\u202f" + ("." if decimal == "," else ",")
    return "".join(c for c in thousands if c != decimal)


def _numbers_block(texts: Sequence[str], decimal: str, separators: str) -> FloatArray:
    """Fast path: parse many numbers with whole-string replacements; raise if any fails."""
    joined = "\n".join(texts)
    if "€" in joined or "ur" in joined or "UR" in joined:
        joined = _CURRENCY_RE.sub("", joined)
    if any(c in joined for c in _SPACES) and _HAS_EDGE_SPACES_RE.search(joined):
        joined = _EDGE_SPACES_RE.sub("\n", joined)
    joined = joined.strip(_SPACES)
    if separators and any(c in joined for c in separators):
        if _bad_separator_re(separators).search(joined):
            raise _Unparsable
        for c in separators:
            joined = joined.replace(c, "")
    if decimal == ",":
        if "." in joined:
            raise _Unparsable
        joined = joined.replace(",", ".")
    try:
        if joined.encode("ascii").translate(None, b"0123456789.+-\n"):
            raise _Unparsable
    except UnicodeEncodeError:
        raise _Unparsable from None
    parts = joined.split("\n")
    if len(parts) != len(texts):
        raise _Unparsable
    try:
        out = np.array(parts, dtype=np.float64)
    except ValueError:
        raise _Unparsable from None
    if not np.isfinite(out).all():
        raise _Unparsable
    return out


def _number_one(text: str, decimal: str, separators: str) -> float | None:
    """Slow path for one value; also accepts ``(12,50)`` and ``12,50-`` as negatives."""
    text = _CURRENCY_RE.sub("", text).strip(_SPACES)
    sign = 1.0
    if len(text) > 2 and text[0] == "(" and text[-1] == ")":
        text, sign = text[1:-1].strip(_SPACES), -1.0
    elif len(text) > 1 and text[-1] == "-" and text[0] not in "+-":
        text, sign = text[:-1].strip(_SPACES), -1.0
    if not text:
        return None
    try:
        return sign * float(_numbers_block([text], decimal, separators)[0])
    except _Unparsable:
        return None


def _parse_number_texts(
    texts: list[str], decimal: str | None, thousands: str | None, default_decimal: str
) -> tuple[FloatArray, BoolArray, str]:
    """Numbers from text (distinct values parsed once when they repeat a lot)."""
    return _via_distinct(
        texts, lambda values: _parse_number_texts_all(values, decimal, thousands, default_decimal)
    )


def _parse_number_texts_all(
    texts: list[str], decimal: str | None, thousands: str | None, default_decimal: str
) -> tuple[FloatArray, BoolArray, str]:
    """Numbers from text: the fast path on everything, then on blocks, then one by one."""
    n = len(texts)
    if decimal is None:
        decimal = _infer_decimal("\n".join(texts), thousands, default_decimal)
    separators = _separators(thousands, decimal)
    bad = np.zeros(n, dtype=bool)
    try:
        return _numbers_block(texts, decimal, separators), bad, decimal
    except _Unparsable:
        pass
    out = np.full(n, np.nan, dtype=np.float64)
    block = 4096
    cache: dict[str, float | None] = {}
    for start in range(0, n, block):
        chunk = texts[start : start + block]
        try:
            out[start : start + len(chunk)] = _numbers_block(chunk, decimal, separators)
            continue
        except _Unparsable:
            pass
        for j, text in enumerate(chunk):
            if text not in cache:
                cache[text] = _number_one(text, decimal, separators)
            value = cache[text]
            if value is None:
                bad[start + j] = True
            else:
                out[start + j] = value
    return out, bad, decimal


def _parse_numbers(
    values: Array,
    decimal: str | None,
    thousands: str | None,
    default_decimal: str,
    all_text: bool = False,
) -> tuple[FloatArray, BoolArray, str]:
    """Floats and a bad mask (missing, unparsable or non-finite values are bad), and the
    decimal mark used for text."""
    if all_text:
        return _parse_number_texts(values.tolist(), decimal, thousands, default_decimal)
    n = len(values)
    kind = values.dtype.kind
    used = decimal or default_decimal
    if kind in "iub":
        return values.astype(np.float64), np.zeros(n, dtype=bool), used
    if kind == "f":
        out = values.astype(np.float64)
        bad = ~np.isfinite(out)
        return np.where(bad, np.nan, out), bad, used
    if kind in "US":
        values = values.astype(object)
    elif kind != "O":
        return np.full(n, np.nan), np.ones(n, dtype=bool), used
    items = values.tolist()
    is_text = np.fromiter((type(v) is str for v in items), dtype=bool, count=n)
    if is_text.all():
        return _parse_number_texts(items, decimal, thousands, default_decimal)
    out = np.full(n, np.nan, dtype=np.float64)
    bad = np.ones(n, dtype=bool)
    text_at = np.flatnonzero(is_text)
    if text_at.size:
        numbers, text_bad, used = _parse_number_texts(
            [items[i] for i in text_at.tolist()], decimal, thousands, default_decimal
        )
        out[text_at], bad[text_at] = numbers, text_bad
    for i in np.flatnonzero(~is_text).tolist():
        value = items[i]
        if isinstance(value, (bool, np.bool_)) or _is_missing(value):
            continue
        try:
            number = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(number):
            out[i], bad[i] = number, False
    return out, bad, used


def _display(value: Any) -> str:
    if _is_missing(value):
        return ""
    if isinstance(value, np.datetime64):
        return str(value.astype("datetime64[D]"))
    return str(value)


def _example_number(decimal: str) -> str:
    return "1 234,50" if decimal == "," else "1234.50"


# --------------------------------------------------------------------------------------
# Reading transactions and the register
# --------------------------------------------------------------------------------------


@dataclass
class _Transactions:
    uniques: Array
    client: IntArray
    day: IntArray
    amount: FloatArray
    order: IntArray | None
    quantity: FloatArray | None
    product: IntArray | None
    product_names: Array | None
    report: IngestReport


@dataclass
class _Register:
    ids: Array
    attributes: dict[str, Array]
    report: IngestReport
    problems: list[Problem]


class _BadRows:
    """Collects the bad rows of one source."""

    def __init__(self, table: _Table) -> None:
        self.table = table
        self.any = np.zeros(table.n_rows, dtype=bool)
        self.rows: list[BadRow] = []
        self.counts: dict[str, int] = {}
        self.expected: dict[str, str] = {}

    def add(self, kind: BadRowKind, mask: BoolArray, column: str, raw: Array) -> None:
        at = np.flatnonzero(mask)
        if not at.size:
            return
        self.any |= mask
        self.counts[kind] = int(at.size)
        rows = self.table.rows
        for i in at[:MAX_BAD_ROWS_KEPT].tolist():
            self.rows.append(BadRow(kind, int(rows[i]), column, _display(raw[i])))

    def report(self, policy: BadRowPolicy) -> IngestReport:
        order = {k: i for i, k in enumerate(_KINDS)}
        self.rows.sort(key=lambda b: (order[b.kind], b.row))
        table = self.table
        return IngestReport(
            source=table.label,
            rows_read=table.n_rows,
            rows_kept=table.n_rows - int(self.any.sum()),
            bad_rows=self.rows,
            counts={k: self.counts[k] for k in _KINDS if k in self.counts},
            encoding=table.encoding,
            policy=policy,
            expected=self.expected,
            rows_are_lines=table.rows_are_lines,
        )


def _read_transactions(
    table: _Table,
    columns: TransactionColumns,
    options: CsvOptions,
    as_of: dt.date | None,
    policy: BadRowPolicy,
) -> _Transactions:
    mapping: list[tuple[str, str | None]] = [
        ("client", columns.client),
        ("date", columns.date),
        ("amount", columns.amount),
        ("order", columns.order),
        ("quantity", columns.quantity),
        ("product", columns.product),
    ]
    missing = [
        table.missing_column(name, key, "transactions")
        for key, name in mapping
        if name is not None and name not in table.names
    ]
    if missing:
        raise LedgerError(missing)
    default_decimal = "," if table.delimiter == ";" else "."
    decimal = options.decimal
    bad = _BadRows(table)
    # rows lacking a mapped column are short rows, not rows with empty values
    whole = table.add_short_rows(bad, [name for _, name in mapping if name is not None])

    uniques, codes = table.factorize(columns.client)
    bad.add("missing-client", (codes < 0) & whole, columns.client, table.column(columns.client))

    raw_dates = table.column(columns.date)
    day, bad_date = _parse_dates(raw_dates, options.date_format, table.text)
    bad_date &= whole
    bad.add("bad-date", bad_date, columns.date, raw_dates)
    bad.expected["bad-date"] = options.date_format or "dd/mm/yyyy or yyyy-mm-dd"

    raw_amounts = table.column(columns.amount)
    amount, bad_amount, used = _parse_numbers(
        raw_amounts, decimal, options.thousands, default_decimal, table.text
    )
    bad.add("bad-amount", bad_amount & whole, columns.amount, raw_amounts)
    bad.expected["bad-amount"] = f"a number such as {_example_number(used)}"

    quantity: FloatArray | None = None
    if columns.quantity is not None:
        raw_quantities = table.column(columns.quantity)
        quantity, bad_quantity, used = _parse_numbers(
            raw_quantities, decimal, options.thousands, default_decimal, table.text
        )
        bad.add("bad-quantity", bad_quantity & whole, columns.quantity, raw_quantities)
        bad.expected["bad-quantity"] = f"a number such as {_example_number(used)}"

    if as_of is not None:
        limit = date_to_day(as_of)
        bad.add("future-date", whole & ~bad_date & (day > limit), columns.date, raw_dates)
        bad.expected["future-date"] = f"after as_of {as_of:%d/%m/%Y}"

    report = bad.report(policy)
    keep = ~bad.any
    all_kept = bool(keep.all())

    def kept(values: Array) -> Array:
        return values if all_kept else values[keep]

    codes = kept(codes)
    if not all_kept:  # forget ids used only by dropped rows
        used_ids = np.bincount(codes, minlength=len(uniques)) > 0
        if not used_ids.all():
            remap = np.cumsum(used_ids, dtype=np.int64) - 1
            uniques, codes = uniques[used_ids], remap[codes]

    order: IntArray | None = None
    if columns.order is not None:
        order_uniques, order = _factorize_values(
            kept(table.column(columns.order)), strip=True, all_text=table.text
        )
        no_id = order < 0
        if no_id.any():  # a row without an order id is an order of its own
            order[no_id] = len(order_uniques) + np.arange(int(no_id.sum()), dtype=np.int64)

    product: IntArray | None = None
    product_names: Array | None = None
    if columns.product is not None:
        product_names, product = _factorize_values(
            kept(table.column(columns.product)), strip=table.text, all_text=table.text
        )
        if (product < 0).any():
            product = np.where(product < 0, len(product_names), product).astype(np.int64)
            product_names = _object_array([*product_names.tolist(), None])
        elif product_names.dtype.kind != "O":
            product_names = _object_array(product_names.tolist())

    return _Transactions(
        uniques=uniques,
        client=codes,
        day=kept(day),
        amount=kept(amount),
        order=order,
        quantity=kept(quantity) if quantity is not None else None,
        product=product,
        product_names=product_names,
        report=report,
    )


def _attribute(values: Array, text: bool, options: CsvOptions, default_decimal: str) -> Array:
    """A register column: float64 when every non-empty value is a number, else objects."""
    kind = values.dtype.kind
    if kind in "iuf":
        return values.astype(np.float64)
    if kind == "M":
        return values
    items = values.tolist()
    if text:
        items = [v.strip() for v in items]
    if all(type(v) is str or _is_missing(v) for v in items):
        present = [i for i, v in enumerate(items) if not _is_missing(v) and v.strip()]
        texts = [items[i] for i in present]
        if texts and not _LEADING_ZERO_RE.search("\n".join(texts)):
            numbers, bad, _ = _parse_number_texts(
                texts, options.decimal, options.thousands, default_decimal
            )
            if not bad.any():
                out = np.full(len(items), np.nan, dtype=np.float64)
                out[np.asarray(present, dtype=np.int64)] = numbers
                return out
    return _object_array(
        [None if _is_missing(v) or (isinstance(v, str) and not v.strip()) else v for v in items]
    )


def _read_register(
    table: _Table, columns: ClientColumns, options: CsvOptions, policy: BadRowPolicy
) -> _Register:
    table.require(columns.id, "id", "clients")
    name_column = columns.name
    if name_column is not None and name_column not in table.names:
        if "name" in columns.model_fields_set:
            raise LedgerError([table.missing_column(name_column, "name", "clients")])
        name_column = None
    default_decimal = "," if table.delimiter == ";" else "."

    uniques, codes = table.factorize(columns.id)
    bad = _BadRows(table)
    whole = table.add_short_rows(bad, [columns.id])
    bad.add("missing-client", (codes < 0) & whole, columns.id, table.column(columns.id))
    report = bad.report(policy)
    keep = ~bad.any
    codes = codes[keep]
    rows = table.rows[keep]

    problems: list[Problem] = []
    counts = np.bincount(codes, minlength=len(uniques))
    duplicated = np.flatnonzero(counts > 1)
    for code in duplicated[:50].tolist():
        lines = rows[codes == code].tolist()
        where = "rows" if table.rows_are_lines else "index"
        shown = " and ".join(str(n) for n in lines[:2])
        more = f" (and {len(lines) - 2} more)" if len(lines) > 2 else ""
        problems.append(
            Problem(
                "error",
                "duplicate-client",
                f"client '{uniques[code]}' appears more than once in the register "
                f"({where} {shown}{more})",
                file=table.label if table.is_file else None,
                line=lines[1] if table.rows_are_lines else None,
            )
        )
    if duplicated.size > 50:
        problems.append(
            Problem(
                "error",
                "duplicate-client",
                f"{duplicated.size - 50} more duplicated client ids in the register",
                file=table.label if table.is_file else None,
            )
        )

    attributes: dict[str, Array] = {}
    for name in table.names:
        if name == columns.id or name == name_column:
            continue
        values = table.column(name)[keep]
        attributes[name] = _attribute(values, table.text, options, default_decimal)
    if name_column is not None:
        names = table.column(name_column)[keep]
        if table.text:
            names = _object_array([v.strip() for v in names.tolist()])
        attributes["name"] = _attribute_text(names)
    return _Register(ids=uniques[codes], attributes=attributes, report=report, problems=problems)


def _attribute_text(values: Array) -> Array:
    return _object_array(
        [None if _is_missing(v) or (isinstance(v, str) and not v.strip()) else v for v in values]
    )


def _pad(values: Array, extra: int) -> Array:
    if extra == 0:
        return values
    kind = values.dtype.kind
    if kind == "f":
        fill: Array = np.full(extra, np.nan, dtype=values.dtype)
    elif kind == "M":
        fill = np.full(extra, np.datetime64("NaT"), dtype=values.dtype)
    else:
        fill = np.full(extra, None, dtype=object)
        values = values.astype(object)
    return np.concatenate([values, fill])


def _assemble(tx: _Transactions, register: _Register | None) -> Ledger:
    client_ids, client = _merge_ids(
        register.ids if register is not None else None, tx.uniques, tx.client
    )
    attributes: dict[str, Array] = {}
    reports = [tx.report]
    if register is not None:
        extra = len(client_ids) - len(register.ids)
        attributes = {k: _pad(v, extra) for k, v in register.attributes.items()}
        reports.append(register.report)
    return Ledger(
        client_ids=client_ids,
        client=np.asarray(client, dtype=np.int64),
        day=tx.day,
        amount=tx.amount,
        order=tx.order,
        quantity=tx.quantity,
        product=tx.product,
        product_names=tx.product_names,
        attributes=attributes,
        reports=reports,
    )
