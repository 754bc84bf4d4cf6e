"""The bad-row report of one source: bad rows by kind, their count, and the problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

import numpy as np

from pacspec.diagnostics import Problem
from pacspec.ingest.arrays import BoolArray, IntArray, is_missing
from pacspec.reasons import Reason

__all__ = [
    "KINDS",
    "MAX_BAD_ROWS_KEPT",
    "ROWS_SHOWN",
    "BadRow",
    "BadRowKind",
    "BadRowPolicy",
    "BadRows",
    "IngestReport",
]

BadRowKind = Literal[
    "bad-quote", "short-row", "long-row", "missing-client", "bad-date", "bad-amount", "bad-quantity",
    "bad-margin",
]
BadRowPolicy = Literal["error", "skip"]

KINDS: tuple[BadRowKind, ...] = get_args(BadRowKind)
"""The kinds, in the order the problems are reported."""

MAX_BAD_ROWS_KEPT = 1000
"""How many :class:`BadRow` records an :class:`IngestReport` keeps per kind (counts are exact)."""

ROWS_SHOWN = 5
"""How many row numbers a message lists."""


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
    expected: dict[str, Reason | str] = field(default_factory=dict)
    """Per kind, what a good value looks like (used in the messages): a reason the plan's
    locale words (``ingest_expected_*``), or a text shown as it is."""
    rows_are_lines: bool = True
    """True when ``row`` numbers are file lines; False for 0-based positions."""
    notes: list[Problem] = field(default_factory=list)
    """Warnings about rows kept (ambiguous values, look-alike ids...), reported as they are."""

    @property
    def n_bad(self) -> int:
        """Number of rows dropped (or to be dropped): ``rows_read - rows_kept``."""
        return self.rows_read - self.rows_kept

    def problems(self) -> list[Problem]:
        """One problem per kind of bad row, with its count, first rows and first value."""
        out: list[Problem] = list(self.notes)
        severity: Literal["error", "warning"] = "error" if self.policy == "error" else "warning"
        for kind in KINDS:
            count = self.counts.get(kind, 0)
            if not count:
                continue
            rows = [b for b in self.bad_rows if b.kind == kind]
            numbers = [b.row for b in rows[:ROWS_SHOWN]]
            shown = ", ".join(str(n) for n in numbers)
            if count > len(numbers):
                shown += ", …"
            column = rows[0].column if rows else ""
            value = rows[0].value if rows else ""
            values: dict[str, Any] = {
                "n": count, "noun": "ingest_row" if count == 1 else "ingest_rows",
                "where": (("ingest_row" if count == 1 else "ingest_rows")
                          if self.rows_are_lines else "ingest_at_index"),
                "rows": shown, "column": column, "value": value,
                "next": "ingest_fix_or_skip" if self.policy == "error" else "ingest_rows_dropped",
            }
            expected = self.expected.get(kind)
            if isinstance(expected, str):  # a text given as it is (a date format...)
                expected = Reason("ingest_expected_format", {"format": expected})
            if kind in ("short-row", "long-row"):
                expected = expected or Reason("ingest_expected_header_width")
            if expected is not None:
                values["expected"] = expected  # worded in the same locale
            if kind in _VALUE_KINDS:
                values["what"] = _VALUE_KINDS[kind]
            code = _MESSAGE_OF[kind]
            if code == "problem_bad_rows_value" and expected is None:
                code = "problem_bad_rows_value_bare"
            reason = Reason(code, values)
            message = explain(reason.code, values, "en")
            hint = explain("problem_bad_rows_hint", values, "en")
            out.append(
                Problem(
                    severity=severity,
                    code="bad-rows",
                    message=message,
                    file=self.source,
                    line=numbers[0] if numbers and self.rows_are_lines else None,
                    hint=hint,
                    reason=reason,
                )
            )
        return out


_MESSAGE_OF: dict[str, str] = {
    "bad-quote": "problem_bad_rows_quote",
    "short-row": "problem_bad_rows_short",
    "long-row": "problem_bad_rows_long",
    "missing-client": "problem_bad_rows_client",
    "bad-date": "problem_bad_rows_value",
    "bad-amount": "problem_bad_rows_value",
    "bad-quantity": "problem_bad_rows_value",
    "bad-margin": "problem_bad_rows_value",
}
"""The label of each kind's message (:mod:`pacspec.i18n.texts`, in the plan's locale)."""

_VALUE_KINDS: dict[str, str] = {
    "bad-date": "ingest_what_bad_date",
    "bad-amount": "ingest_what_bad_amount",
    "bad-quantity": "ingest_what_bad_quantity",
    "bad-margin": "ingest_what_bad_margin",
}


def explain(code: str, values: dict[str, Any], lang: str) -> str:
    """The text of an ingestion reason (pacspec.i18n, imported when a problem is worded)."""
    from pacspec.i18n import explain as words

    return words(code, values, lang)


def display(value: Any) -> str:
    """A value as a message shows it ("" when missing)."""
    if is_missing(value):
        return ""
    if isinstance(value, np.datetime64):
        return str(value.astype("datetime64[D]"))
    return str(value)


class BadRows:
    """Collects the bad rows of one source, then makes its :class:`IngestReport`."""

    def __init__(
        self,
        source: str,
        rows: IntArray | Callable[[], IntArray],
        encoding: str | None,
        rows_are_lines: bool,
        n_rows: int | None = None,
    ) -> None:
        self.source = source
        self._rows = rows
        self.n_rows = len(rows) if n_rows is None and not callable(rows) else int(n_rows or 0)
        self.encoding = encoding
        self.rows_are_lines = rows_are_lines
        self.any = np.zeros(self.n_rows, dtype=bool)
        self.notes: list[Problem] = []
        self.rows: list[BadRow] = []
        self.counts: dict[str, int] = {}
        self.expected: dict[str, Reason | str] = {}

    def row_numbers(self) -> IntArray:
        """The row number of each data row (file line, or 0-based position), on demand."""
        if callable(self._rows):
            self._rows = self._rows()
        return self._rows

    def add(self, kind: BadRowKind, mask: BoolArray, column: str, raw: Any) -> None:
        """Record the rows of ``mask`` as bad rows of ``kind`` (``raw``: the column's values,
        a numpy array or a pyarrow array)."""
        at = np.flatnonzero(mask)
        if not at.size:
            return
        self.any |= mask
        self.counts[kind] = self.counts.get(kind, 0) + int(at.size)
        rows = self.row_numbers()
        for i in at[:MAX_BAD_ROWS_KEPT].tolist():
            value = raw[i]
            if hasattr(value, "as_py"):  # a pyarrow scalar
                value = value.as_py()
            self.rows.append(BadRow(kind, int(rows[i]), column, display(value)))

    def report(self, policy: BadRowPolicy) -> IngestReport:
        order = {k: i for i, k in enumerate(KINDS)}
        self.rows.sort(key=lambda b: (order[b.kind], b.row))
        n_rows = self.n_rows
        return IngestReport(
            source=self.source,
            rows_read=n_rows,
            rows_kept=n_rows - int(self.any.sum()),
            bad_rows=self.rows,
            counts={k: self.counts[k] for k in KINDS if k in self.counts},
            encoding=self.encoding,
            policy=policy,
            expected=self.expected,
            rows_are_lines=self.rows_are_lines,
            notes=self.notes,
        )
