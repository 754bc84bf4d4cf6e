"""The stdlib reader of delimited text: used by the text CSV source for what pyarrow's
parser refuses (rows of another width, blank records, fields spanning lines, stray quotes),
to read such a file record by record and name each malformed record by its line."""

from __future__ import annotations

import codecs
import csv as _csv
import io
import operator
import re
from pathlib import Path
from typing import Any

import numpy as np

from pacspec.diagnostics import LedgerError
from pacspec.ingest.arrays import Array, IntArray, object_array
from pacspec.ingest.factorize import factorize_values
from pacspec.ingest.report import ROWS_SHOWN
from pacspec.ingest.table import (
    Table,
    cannot_read,
    file_words,
    input_error,
    os_words,
    worded_error,
)
from pacspec.model.data import CsvOptions
from pacspec.reasons import Reason

__all__ = ["AUTO_CODECS", "decode", "decode_error", "read_csv_stdlib", "sniff_delimiter"]

_DELIMITERS = (";", ",", "\t", "|")
_EXCEL_SEP_RE = re.compile(r"sep=(.)\r?\n")


AUTO_CODECS = Reason("ingest_codec_or", {"codec": "cp1252"})
"""``encoding: auto``'s second codec, after UTF-8, for messages."""


def decode_error(label: str, line: int, tried: str, byte: int | None,
                 other: Reason | None = None) -> LedgerError:
    """The file cannot be decoded as ``tried`` (then ``other``: the other codec tried, or
    why) at ``line``, from the byte ``byte`` when known."""
    shown = Reason("ingest_byte", {"byte": f"{byte:02x}"}) if byte is not None else None
    return worded_error("encoding", Reason("problem_cannot_decode", {
        "tried": tried, "other": other, "byte": shown}), label, line=line)


def decode(raw: bytes, encoding: str, label: str) -> tuple[str, str]:
    """Decode a file's bytes. ``auto``: BOM, then strict UTF-8, then cp1252."""

    def failure(exc: UnicodeDecodeError, tried: str, other: Reason | None = None,
                skipped: int = 0) -> LedgerError:
        at = exc.start + skipped  # the decoded bytes started after a BOM of ``skipped``
        return decode_error(label, raw[:at].count(b"\n") + 1, tried, raw[at], other)

    if encoding.strip().lower() == "auto":
        if raw.startswith(codecs.BOM_UTF8):
            try:
                return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
            except UnicodeDecodeError as exc:
                raise failure(exc, "UTF-8", Reason("ingest_codec_bom"),
                              len(codecs.BOM_UTF8)) from None
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
            raise failure(exc, "UTF-8", AUTO_CODECS) from None
    try:
        text = raw.decode(encoding)
    except LookupError:
        raise worded_error(
            "encoding", Reason("problem_unknown_encoding", {"encoding": encoding}), label
        ) from None
    except UnicodeDecodeError as exc:
        raise failure(exc, encoding) from None
    return text.removeprefix("\ufeff"), encoding


def sniff_delimiter(text: str) -> str:
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


def _swallowed(row: list[str], delimiter: str) -> bool:
    """Whether a record spanning lines holds whole records in a field: a quote that opens
    and never closes on its line (``"Le best;12,50``), not a field with a line break."""
    return any("\n" in f and delimiter in f.split("\n", 1)[1] for f in row)


def _split_rows(
    text: str, delimiter: str, label: str
) -> tuple[list[list[str]], IntArray, list[int]]:
    """Records of the file, the line where each starts (blank records removed), and the
    records whose quote does not close (each read alone from its line, quotes as text)."""
    reader = _csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
        simple = reader.line_num == len(rows)
    except _csv.Error:
        simple = False
    unbalanced: list[int] = []
    if simple:  # one record per line: the line is the position
        lines = np.arange(1, len(rows) + 1, dtype=np.int64)
    else:  # fields spanning lines, or a quote that does not close: record by record
        rows, starts = [], []
        rest, offset = text, 0
        while True:
            reader = _csv.reader(io.StringIO(rest, newline=""), delimiter=delimiter)
            previous, restart = 0, None
            try:
                for row in reader:
                    start = previous + 1
                    if reader.line_num > start and _swallowed(row, delimiter):
                        restart = start
                        break
                    rows.append(row)
                    starts.append(offset + start)
                    previous = reader.line_num
            except _csv.Error:
                restart = previous + 1
            if restart is None:
                break
            physical = rest.splitlines(keepends=True)
            alone = physical[restart - 1].rstrip("\r\n")
            rows.append(alone.split(delimiter))  # read alone, quotes as text (never raises)
            starts.append(offset + restart)
            unbalanced.append(len(rows) - 1)
            rest = "".join(physical[restart:])
            offset += restart
        lines = np.asarray(starts, dtype=np.int64)
    if _has_blank_record(text, delimiter):
        keep = [i for i, r in enumerate(rows) if r and (r[0].strip() or "".join(r).strip())]
        if len(keep) != len(rows):
            kept = set(keep)
            new_index = {old: new for new, old in enumerate(keep)}
            unbalanced = [new_index[i] for i in unbalanced if i in kept]
            rows = [rows[i] for i in keep]
            lines = lines[np.asarray(keep, dtype=np.int64)]
    return rows, lines, unbalanced


def read_csv_stdlib(path: Path, options: CsvOptions, what: str) -> Table:
    """Read a delimited text file; raise :class:`LedgerError` when it cannot be read."""
    label = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise cannot_read(what, os_words(exc), label) from None
    text, encoding = decode(raw, options.encoding, label)
    excel_hint = _EXCEL_SEP_RE.match(text)  # Excel's "sep=;" first line
    if excel_hint:
        delimiter = options.delimiter or excel_hint.group(1)
    else:
        delimiter = options.delimiter or sniff_delimiter(text)
    records, lines, unbalanced = _split_rows(text, delimiter, label)
    if excel_hint and records:
        records, lines = records[1:], lines[1:]
        unbalanced = [i - 1 for i in unbalanced if i > 0]
    if unbalanced and unbalanced[0] == 0:
        raise input_error(
            "bad-csv",
            "the header line has a quote that does not close",
            label,
            line=int(lines[0]),
            hint="remove the stray quote, or double it inside a quoted name",
        )
    if not records:
        raise worded_error("empty-file", Reason("problem_empty_data_file", {
            "what": file_words(what)}), label)
    header_line = int(lines[0])
    header = [h.strip() for h in records[0]]
    data = records[1:]
    lines = lines[1:]
    quote_rows = np.asarray([i - 1 for i in unbalanced], dtype=np.int64)
    width = len(header)
    fields: IntArray | None = None
    longer: IntArray | None = None
    longer_fields: IntArray | None = None
    if set(map(len, data)) - {width}:
        counts = np.fromiter(map(len, data), dtype=np.int64, count=len(data))
        fields = counts if (counts < width).any() else None
        fixed: list[list[str]] = []
        too_long: list[int] = []
        long_rows: list[int] = []
        is_quote_row = np.zeros(len(data), dtype=bool)
        is_quote_row[quote_rows] = True
        for record, line, stray in zip(data, lines.tolist(), is_quote_row.tolist(), strict=True):
            if len(record) < width:
                record = record + [""] * (width - len(record))
            elif len(record) > width:
                if any(f.strip() for f in record[width:]) and not stray:
                    too_long.append(line)
                    long_rows.append(len(fixed))
                record = record[:width]
            fixed.append(record)
        if too_long and 2 * len(too_long) <= len(data):
            # a few rows too long: bad rows (long-row), reported or skipped by the policy
            longer = np.asarray(long_rows, dtype=np.int64)
            longer_fields = counts[longer]
            too_long = []
        if too_long:  # most rows: the delimiter is wrong, not the rows
            shown = ", ".join(str(n) for n in too_long[:ROWS_SHOWN])
            shown += ", …" if len(too_long) > ROWS_SHOWN else ""
            raise worded_error("bad-csv", Reason("problem_wrong_delimiter", {
                "n": len(too_long), "width": width, "rows": shown,
                "delimiter": repr(delimiter)}), label, line=too_long[0])
        data = fixed
    position: dict[str, int] = {}
    for i, name in enumerate(header):
        position.setdefault(name, i)
    cache: dict[str, Array] = {}

    def column(name: str) -> Array:
        if name not in cache:
            cache[name] = object_array(list(map(operator.itemgetter(position[name]), data)))
        return cache[name]

    def factorize(name: str) -> tuple[Array, IntArray]:
        return factorize_values(column(name), strip=True, all_text=True)

    def arrow(name: str) -> Any:
        """The column as Arrow strings: the same value parsers as the pyarrow path."""
        import pyarrow as pa

        return pa.chunked_array([pa.array(column(name).tolist(), pa.string())])

    return Table(
        label=label,
        what=what,
        is_file=True,
        encoding=encoding,
        names=list(position),
        row_numbers=lines,
        column=column,
        factorize=factorize,
        text=True,
        ids_stripped=True,
        delimiter=delimiter,
        rows_are_lines=True,
        header_line=header_line,
        positions=position,
        fields=fields,
        long_rows=longer,
        long_fields=longer_fields,
        arrow=arrow,
        unbalanced=quote_rows if quote_rows.size else None,
    )
