"""The uniform view every source gives of its input (:class:`Table`), and the error helper."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from pacspec.diagnostics import LedgerError, Problem, did_you_mean
from pacspec.fsio import excerpt
from pacspec.ingest.arrays import Array, BoolArray, IntArray, object_array
from pacspec.ingest.report import BadRows
from pacspec.reasons import Reason

__all__ = ["Table", "found_columns", "input_error", "missing_reader", "worded_error"]


def input_error(code: str, message: str, file: str | None = None, **kw: Any) -> LedgerError:
    """A :class:`LedgerError` with one error problem."""
    return LedgerError([Problem("error", code, message, file=file, **kw)])


def worded_error(code: str, reason: Reason, file: str | None = None, **kw: Any) -> LedgerError:
    """A :class:`LedgerError` with one error problem given as a reason: its English words
    (and its hint's, ``<reason>_hint``) for the API; the session words it in the plan's
    language."""
    from pacspec.i18n import TEXTS, explain

    hint_key = f"{reason.code}_hint"
    if hint_key in TEXTS:
        kw["hint"] = explain(hint_key, reason.values, "en")
    return input_error(code, explain(reason.code, reason.values, "en"), file, reason=reason,
                       **kw)


_KNOWN_FILES = ("transactions", "clients", "activities")


def file_words(what: str, of: bool = False) -> Reason:
    """The data file ``what`` (``transactions``, ``clients``, ``activities``) as words of
    the plan's language: ``le fichier des transactions`` (with ``of``: ``du fichier des
    transactions``); any other name as it is."""
    if what not in _KNOWN_FILES:
        return Reason("ingest_text", {"text": what})
    return Reason(f"ingest_of_{what}") if of else Reason(f"ingest_file_{what}")


def cannot_read(what: str, why: str | Reason, file: str | None = None,
                hint: str | Reason | None = None, **kw: Any) -> LedgerError:
    """``cannot read the transactions file: <why>`` (code ``io``), in the plan's language
    when ``why`` is given as a reason (:class:`pacspec.fsio.UnreadableFile`'s ``words``);
    a text (the system's) is shown as it is."""
    from pacspec.i18n import TEXTS, explain

    words = why if isinstance(why, Reason) else Reason("ingest_text", {"text": why})
    values: dict[str, object] = {"what": file_words(what), "why": words}
    own_hint = f"{why.code}_hint" if isinstance(why, Reason) else ""
    if isinstance(why, Reason) and own_hint in TEXTS:
        values["hint"] = Reason(own_hint, why.values)
    elif hint is not None:
        values["hint"] = hint if isinstance(hint, Reason) else Reason("ingest_text", {"text": hint})
    shown = explain("problem_cannot_read_data_hint", values, "en") if "hint" in values else None
    return input_error("io", explain("problem_cannot_read_data", values, "en"), file,
                       hint=shown, reason=Reason("problem_cannot_read_data", values), **kw)


def os_words(exc: OSError) -> str | Reason:
    """Why the system could not read a file: a missing file as words of the plan's
    language, anything else as the system says it."""
    import errno

    if exc.errno == errno.ENOENT:
        return Reason("file_missing")
    return exc.strerror or str(exc)


def missing_reader(module: str, extra: str, file: str | None = None) -> LedgerError:
    """The reader ``module`` is not installed: the one-line install of the ``extra``."""
    return worded_error("missing-dependency", Reason("file_not_installed", {
        "module": module, "extra": extra}), file)


class Want(Protocol):
    """A source's ``want``: the columns to parse, in the order they will be used (a
    source may decode the next ahead), and among them the ``categories``, factorized
    with their distinct values (client ids, which repeat: a Parquet file reads them
    dictionary-encoded, as writers store them, instead of hashing every row), and the
    ``codes_only``, read through ``id_codes`` alone (order ids: a Parquet file numbers
    them row group by row group, never holding the whole column)."""

    def __call__(self, names: Sequence[str], /, *, categories: Sequence[str] = (),
                 codes_only: Sequence[str] = ()) -> Table:
        ...  # pragma: no cover


@dataclass
class Table:
    """A uniform view of one input: named columns as numpy arrays."""

    label: str
    """The file path, or ``<pandas.DataFrame>`` etc."""
    what: str
    """``transactions`` or ``clients``."""
    is_file: bool
    encoding: str | None
    names: list[str]
    row_numbers: IntArray | Callable[[], IntArray]
    """Row number of each data row (file line, or 0-based position), or a function that
    finds them (only called when a row must be named: a bad row, a duplicate)."""
    column: Callable[[str], Array]
    """The values of a column: object arrays of ``str`` for text files, typed otherwise."""
    factorize: Callable[[str], tuple[Array, IntArray]]
    """Sorted unique non-missing values of a column and each row's code (-1 = missing)."""
    text: bool
    """True when the values are raw text to parse (delimited files)."""
    count: int = -1
    """Number of data rows (-1: ``len(row_numbers)``)."""
    arrow: Callable[[str], Any] | None = None
    """The values of a column as a pyarrow ChunkedArray of strings, for text sources read
    by pyarrow (the value parsers then run on Arrow arrays, no Python object per row)."""
    typed_arrow: Callable[[str], Any] | None = None
    """The column as the typed Arrow source holds it (Parquet, Arrow tables): lets a
    repetitive text column (products) be encoded chunk by chunk, without a copy."""
    want: Want | None = None
    """Tell the source which columns will be read (after the header check), so that it
    parses only those; it returns the table of those columns."""
    unbalanced: IntArray | None = None
    """Data rows (0-based) whose quote does not close on its line (text files): each is a
    bad row, read alone from its line so that the lines after it are not lost."""
    default_decimal: str | None = None
    """The decimal mark of text numbers when no option says it (None: ``,`` with a ``;``
    delimiter, else ``.``)."""
    ids_stripped: bool = False
    """Whether ``factorize`` trims the spaces around text ids (then the order ids use it)."""
    id_codes: Callable[[str], tuple[int, IntArray]] | None = None
    """The number of distinct ids of a column and each row's code (-1 = missing), without
    the ids themselves (order ids: only their count is used); trims like ``factorize``."""
    notes: list[Problem] = field(default_factory=list)
    """Warnings found while reading (ambiguous values, mixed encodings skipped...)."""
    release: Callable[[str], None] | None = None
    """Let the source drop its copy of a column that will not be read again (the
    transactions read each column once): a 10 M-line Parquet file's columns are not all
    held until the last one is parsed."""
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
    long_rows: IntArray | None = None
    """The data rows (0-based) with more non-empty fields than the header, when they are a
    minority (a majority is a wrong delimiter: an error at reading), and their field counts."""
    long_fields: IntArray | None = None

    @property
    def rows(self) -> IntArray:
        """Row number of each data row (computed on first use for lazy sources)."""
        if callable(self.row_numbers):
            self.row_numbers = self.row_numbers()
        return self.row_numbers

    @property
    def decimal_mark(self) -> str:
        """The decimal mark assumed for text numbers before the values vote."""
        if self.default_decimal is not None:
            return self.default_decimal
        return "," if self.delimiter == ";" else "."

    @property
    def n_rows(self) -> int:
        return self.count if self.count >= 0 else len(self.rows)

    def bad_rows(self) -> BadRows:
        """An empty collector of this table's bad rows."""
        return BadRows(
            self.label, lambda: self.rows, self.encoding, self.rows_are_lines, self.n_rows
        )

    def short_of(self, names: Sequence[str]) -> BoolArray:
        """Rows with too few fields to hold every column of ``names`` (text files)."""
        if self.fields is None or not names:
            return np.zeros(self.n_rows, dtype=bool)
        return np.asarray(self.fields <= max(self.positions[n] for n in names), dtype=bool)

    def add_short_rows(self, bad: BadRows, names: Sequence[str]) -> BoolArray:
        """Report the rows too short to hold the columns ``names`` and the rows with an
        unbalanced quote; return the other rows."""
        whole = np.ones(self.n_rows, dtype=bool)
        if self.unbalanced is not None and self.unbalanced.size:
            stray = np.zeros(self.n_rows, dtype=bool)
            stray[self.unbalanced] = True
            bad.add("bad-quote", stray, "", np.full(self.n_rows, "", dtype=object))
            whole &= ~stray
        short = self.short_of(names) & whole
        if self.fields is not None and short.any():
            found = object_array([str(n) for n in self.fields.tolist()])
            bad.add("short-row", short, "", found)
            bad.expected["short-row"] = Reason("ingest_expected_fields", {"n": len(self.positions)})
        if self.long_rows is not None and self.long_fields is not None and self.long_rows.size:
            long = np.zeros(self.n_rows, dtype=bool)
            long[self.long_rows] = True
            long &= whole & ~short
            found = np.full(self.n_rows, "", dtype=object)
            found[self.long_rows] = [str(n) for n in self.long_fields.tolist()]
            bad.add("long-row", long, "", found)
            bad.expected["long-row"] = Reason("ingest_expected_fields", {"n": len(self.positions)})
            short = short | long
        return whole & ~short

    def require(self, name: str, field_name: str, section: str) -> None:
        """Check that a mapped column exists; raise a ``missing-column`` problem if not."""
        if name not in self.names:
            raise LedgerError([self.missing_column(name, field_name, section)])

    def aligned_problem(self, section: str) -> Problem | None:
        """One error for a text file whose columns are aligned with runs of spaces (a
        printed report, a fixed-width export): its header reads as one name holding
        several words apart; None for any other header."""
        if not self.text or len(self.names) != 1:
            return None
        words = re.split(r"\s{2,}", self.names[0].strip())
        if len(words) < 2:
            return None
        from pacspec.i18n import explain

        reason = Reason("problem_aligned_text", {
            "what": file_words(self.what), "label": self.label,
            "header": excerpt(self.names[0], 60), "n": len(words)})
        return Problem(
            "error",
            "aligned-text",
            explain(reason.code, reason.values, "en"),
            file=self.label if self.is_file else None,
            line=self.header_line if self.rows_are_lines else None,
            path=("data", section, "csv", "delimiter"),
            hint=explain("problem_aligned_text_hint", {}, "en"),
            reason=reason,
        )

    def missing_column(self, name: str, field_name: str, section: str) -> Problem:
        found = found_columns(self.names)
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
            reason=Reason("problem_column_not_found", {
                "name": name, "field": field_name, "label": self.label, "found": found,
                "what": Reason(f"ingest_file_{self.what}")
                if self.what in ("transactions", "clients") else self.what,
                "guess": Reason("ingest_guess", {"guess": guess}) if guess else None,
                "where": where}),
        )



def header_table(load: Callable[[Sequence[str]], Table], *, label: str, what: str,
                 encoding: str | None, positions: dict[str, int], header_line: int,
                 text: bool, **extra: Any) -> Table:
    """The table of a file whose header only is read so far: ``want`` (after the header
    check) parses the named columns; reading a column first parses them all."""
    names = list(positions)
    table = Table(label=label, what=what, is_file=True, encoding=encoding, names=names,
                  row_numbers=np.zeros(0, dtype=np.int64),
                  column=lambda name: load(names).column(name),
                  factorize=lambda name: load(names).factorize(name), text=text,
                  rows_are_lines=True, header_line=header_line, positions=positions, count=0,
                  **extra)
    table.want = lambda names, *, categories=(), codes_only=(): load(names)
    return table

_SHOWN_COLUMNS = 12


def found_columns(names: Sequence[str]) -> str:
    """The header's names for a message: at most 12, each a short sanitised excerpt, so that
    a path pointing at a file that is not a data export does not echo its first line."""
    if not names:
        return "none (empty file)"
    shown = ", ".join(excerpt(n, 40) for n in names[:_SHOWN_COLUMNS])
    more = len(names) - _SHOWN_COLUMNS
    return shown + (f" and {more} more" if more > 0 else "")
