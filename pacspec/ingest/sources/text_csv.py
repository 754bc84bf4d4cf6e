"""Delimited text files (any path but the other file sources'), read by ``pyarrow.csv``.

The header is read first (encoding, delimiter, Excel's ``sep=`` line); the columns the
plan maps are then parsed by pyarrow, multithreaded, as raw bytes, and decoded value by
value: UTF-8 or cp1252 (``auto``), each non-ASCII value in its own codec, so that one
cp1252 line in a UTF-8 file is found and named, never decoded wholesale in the wrong codec.
What pyarrow's parser refuses (rows of another width, blank records, quoted fields spanning
lines, unbalanced quotes) is read record by record by the stdlib reader, which names each
malformed record by its line.
"""

from __future__ import annotations

import codecs
import csv as _csv
import io
import mmap
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from pacspec.diagnostics import Problem
from pacspec.ingest.arrays import Array, IntArray
from pacspec.ingest.factorize import arrow_codes, factorize_arrow
from pacspec.ingest.report import ROWS_SHOWN, explain
from pacspec.ingest.sources._registry import Source, register
from pacspec.ingest.sources._stdlib_csv import (
    AUTO_CODECS,
    decode_error,
    read_csv_stdlib,
    sniff_delimiter,
)
from pacspec.ingest.table import (
    Table,
    cannot_read,
    header_table,
    input_error,
    os_words,
    worded_error,
)
from pacspec.ingest.values.buffers import ascii_only, chunk_parts, rows_with
from pacspec.model.data import CsvOptions
from pacspec.reasons import Reason

__all__ = ["SOURCE", "read_csv"]

_HEAD = 1 << 20
_CHUNK = 1 << 26
_WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
_ASCII_SAFE = {
    "utf-8",
    "cp1252",
    "latin-1",
    "iso8859-15",
    "iso8859-1",
    "ascii",
    "cp850",
    "mac-roman",
}


class _Fallback(Exception):
    """The file needs the stdlib reader."""


def _header_fields(line: str, delimiter: str) -> list[str]:
    """The header line's names; a line the csv module cannot split alone (a bare carriage
    return inside it) goes to the stdlib reader, which reads the file record by record."""
    try:
        return [h.strip() for h in next(_csv.reader([line.rstrip("\r\n")], delimiter=delimiter))]
    except (_csv.Error, StopIteration):
        raise _Fallback from None


def _codec(name: str) -> str | None:
    """The normalised codec name, None when unknown."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _line_starts(path: Path, skip: int) -> IntArray:
    """1-based numbers of the non-empty lines after the first ``skip`` lines (the lines
    pyarrow reads as records when no field spans lines)."""
    buf = (
        np.memmap(path, dtype=np.uint8, mode="r") if path.stat().st_size else np.zeros(0, np.uint8)
    )
    size = len(buf)
    nl = np.concatenate(
        [np.flatnonzero(buf[o : o + _CHUNK] == 10) + o for o in range(0, size, _CHUNK)]
        or [np.zeros(0, dtype=np.int64)]
    ).astype(np.int64)
    starts = np.concatenate([np.zeros(1, dtype=np.int64), nl + 1])
    ends = np.concatenate([nl, np.array([size], dtype=np.int64)])
    if size and buf[size - 1] == 10:  # no line after the final newline
        starts, ends = starts[:-1], ends[:-1]
    length = ends - starts
    empty = length == 0
    one = np.flatnonzero(length == 1)
    empty[one] = buf[starts[one]] == 13
    numbers = np.arange(1, len(starts) + 1, dtype=np.int64)
    return numbers[(numbers > skip) & ~empty]


def _odd_quote_lines(path: Path) -> bool:
    """Whether some line holds an odd number of quotes (a field spanning lines, or a stray
    quote): then only the stdlib reader can tell records apart. The lines holding quotes
    are found by a byte search over the mapped file, checked one by one while they are
    few, then by windows."""
    size = path.stat().st_size
    if not size:
        return False
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
        # few lines with quotes (a quoted header, a few labels): line by line
        at = m.find(b'"')
        for _ in range(_FEW_QUOTED_LINES):
            if at < 0:
                return False
            line_start = m.rfind(b"\n", 0, at) + 1
            line_end = m.find(b"\n", at)
            if line_end < 0:
                line_end = size
            if m[line_start:line_end].count(b'"') % 2:
                return True
            at = m.find(b'"', line_end)
        return _odd_quote_windows(m, size, m.rfind(b"\n", 0, at) + 1 if at >= 0 else size)


_FEW_QUOTED_LINES = 2000
"""Lines with quotes checked one by one before the whole file is scanned by windows."""


def _odd_quote_windows(m: mmap.mmap, size: int, offset: int) -> bool:
    """:func:`_odd_quote_lines` over ``m`` from ``offset`` (a line start), by windows;
    windows without a quote are skipped by a byte search."""
    carry = 0
    for start in range(offset, size, _CHUNK):
        end = min(start + _CHUNK, size)
        if m.find(b'"', start, end) < 0:
            if carry and m.find(b"\n", start, end) >= 0:
                return True
            continue
        buf = np.frombuffer(m[start:end], dtype=np.uint8)
        quotes = np.flatnonzero(buf == 34)
        nl = np.flatnonzero(buf == 10)
        counts = np.bincount(np.searchsorted(nl, quotes), minlength=len(nl) + 1)
        counts[0] += carry
        if (counts[:-1] % 2).any():
            return True
        carry = int(counts[-1] % 2)
    return carry == 1


def _decode_head(raw: bytes, encoding: str) -> tuple[str, str, bool]:
    """The start of the file as text, the encoding found, and whether values must be
    decoded one by one (``auto`` on a file that is not valid UTF-8)."""
    if encoding == "auto":
        if raw.startswith(codecs.BOM_UTF8):
            return raw[3:].decode("utf-8", errors="replace"), "utf-8-sig", False
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise _Fallback
        text = raw.decode("utf-8", errors="replace")
        return text, "utf-8", False
    codec = _codec(encoding)
    if codec is None or codec not in _ASCII_SAFE:
        raise _Fallback
    text = raw.decode(codec, errors="replace")
    return text.removeprefix("\ufeff"), encoding, False


def read_csv(path: Path, options: CsvOptions, what: str) -> Table:
    """Read the header of a delimited text file; its columns are parsed when asked for."""
    label = str(path)
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD)
    except OSError as exc:
        raise cannot_read(what, os_words(exc), label) from None
    if head.startswith(_WORKBOOK_MAGIC):
        raise worded_error("bad-input", Reason("problem_workbook_as_text", {
            "what": Reason(f"ingest_file_{what}") if what in ("transactions", "clients")
            else what}), label)
    try:
        return _read_arrow(path, head, options, what)
    except _Fallback:
        return read_csv_stdlib(path, options, what)


def _read_arrow(path: Path, head: bytes, options: CsvOptions, what: str) -> Table:
    import pyarrow as pa

    label = str(path)
    text, encoding, _ = _decode_head(head, options.encoding.strip().lower())
    if len(head) == _HEAD and "\n" in text:
        text = text[: text.rfind("\n") + 1]
    lines = text.splitlines(keepends=True)
    skip = 0
    while skip < len(lines) and not lines[skip].strip():
        skip += 1
    delimiter = options.delimiter
    if (
        skip < len(lines)
        and lines[skip].startswith("sep=")
        and len(lines[skip].rstrip("\r\n")) == 5
    ):
        delimiter = delimiter or lines[skip][4]
        skip += 1
        while skip < len(lines) and not lines[skip].strip():
            skip += 1
    if skip >= len(lines):
        raise _Fallback  # empty: the stdlib reader says so
    delimiter = delimiter or sniff_delimiter("".join(lines[skip:]))
    header_text = lines[skip]
    if header_text.count('"') % 2:
        raise _Fallback
    header = _header_fields(header_text, delimiter)
    header_line = skip + 1
    auto = options.encoding.strip().lower() == "auto"
    if auto and encoding == "utf-8":
        try:
            header_bytes = head.split(b"\n")[skip]
            header_bytes.decode("utf-8")
        except UnicodeDecodeError:
            header = _header_fields(
                head.split(b"\n")[skip].decode("cp1252", errors="replace"), delimiter
            )
    position: dict[str, int] = {}
    for i, name in enumerate(header):
        position.setdefault(name, i)
    if _odd_quote_lines(path):
        raise _Fallback
    width = len(header)

    def load(names: Sequence[str]) -> Table:
        return _load(
            path,
            options,
            what,
            header,
            position,
            names,
            skip + 1,
            header_line,
            delimiter,
            encoding,
            auto,
        )

    del width, pa
    return header_table(load, label=label, what=what, encoding=encoding, positions=position,
                        header_line=header_line, text=True, ids_stripped=True,
                        delimiter=delimiter)


def _load(
    path: Path,
    options: CsvOptions,
    what: str,
    header: list[str],
    position: dict[str, int],
    names: Sequence[str],
    skip: int,
    header_line: int,
    delimiter: str,
    encoding: str,
    auto: bool,
) -> Table:
    """Parse the columns ``names`` with pyarrow; the stdlib reader when pyarrow refuses."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    label = str(path)
    fields = [f"f{i}" for i in range(len(header))]
    wanted = list(dict.fromkeys(n for n in names if n in position))
    include = [fields[position[n]] for n in wanted]
    _check_memory(path, len(header), len(include), what)
    try:
        data = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=fields, skip_rows=skip, use_threads=True),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False),
            convert_options=pacsv.ConvertOptions(
                include_columns=include or fields[:1],
                column_types=dict.fromkeys(include or fields[:1], pa.binary()),
                strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return read_csv_stdlib(path, options, what)
    except (MemoryError, pa.ArrowMemoryError):
        raise _memory_error(path, what, None, None) from None
    n = data.num_rows
    if n and include:
        import pyarrow.compute as pc

        empty = None
        for f in include:
            blank = pc.equal(pc.binary_length(data.column(f)), 0)
            empty = blank if empty is None else pc.and_(empty, blank)
        if empty is not None and pc.any(empty).as_py():
            return read_csv_stdlib(path, options, what)  # blank records: dropped there

    lines_cache: list[IntArray] = []

    def rows() -> IntArray:
        if not lines_cache:
            found = _line_starts(path, skip)
            if len(found) != n:
                found = read_csv_stdlib(path, options, what).rows
            lines_cache.append(found)
        return lines_cache[0]

    decoded, used, problems = _decode_columns(
        {n_: data.column(fields[position[n_]]) for n_ in wanted}, encoding, auto, label, rows
    )
    cache: dict[str, Array] = {}

    def arrow(name: str) -> Any:
        return decoded[name]

    def column(name: str) -> Array:
        if name not in cache:
            cache[name] = np.asarray(decoded[name].to_numpy(zero_copy_only=False), dtype=object)
        return cache[name]

    def release(name: str) -> None:  # a column parsed: its strings let go
        decoded.pop(name, None)
        cache.pop(name, None)

    return Table(
        label=label,
        what=what,
        is_file=True,
        encoding=used,
        names=list(position),
        row_numbers=rows,
        column=column,
        factorize=lambda name: factorize_arrow(decoded[name], strip=True),
        id_codes=lambda name: arrow_codes(decoded[name], strip=True),
        text=True,
        ids_stripped=True,
        delimiter=delimiter,
        rows_are_lines=True,
        header_line=header_line,
        positions=position,
        count=n,
        arrow=arrow,
        notes=problems,
        release=release,
    )


def available_memory() -> int:
    """Bytes this process may still allocate: the system's available memory, bounded by
    an address-space limit (``ulimit -v``) when one is set."""
    import resource

    free = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                free = int(line.split()[1]) * 1024
    except OSError:
        pass
    if free is None:
        try:
            free = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        except (ValueError, OSError):
            free = 1 << 62
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft not in (resource.RLIM_INFINITY, -1):
        free = min(free, soft)
    return free


def estimated_bytes(size: int, columns: int, read: int) -> int:
    """A generous estimate of the peak memory of reading ``read`` of ``columns`` columns
    of a ``size``-byte file: the parsed bytes and offsets, the decoded strings, and the
    ledger's numpy columns (8 bytes per line and column)."""
    share = size * read / max(columns, 1)
    lines = size / 40  # short lines make more rows: take 40 bytes a line at least
    return int(2 * share + lines * (4 * read + 8 * 5))


def _check_memory(path: Path, columns: int, read: int, what: str) -> None:
    need = estimated_bytes(path.stat().st_size, columns, read)
    free = available_memory()
    if need > free:
        raise _memory_error(path, what, need, free)


def _memory_error(path: Path, what: str, need: int | None, free: int | None) -> Exception:
    size = path.stat().st_size / 1e9
    amounts = (
        f"about {need / 1e9:.1f} GB, more than the {free / 1e9:.1f} GB available"
        if need is not None and free is not None
        else "more memory than is available"
    )
    return input_error(
        "memory",
        f"the {what} file ({size:.1f} GB) is too large to read in memory: it needs {amounts}",
        str(path),
        hint="convert it to Parquet and run with --engine duckdb (out of core), or read "
        "fewer lines (a shorter period)",
    )


def _decode_columns(
    columns: dict[str, Any],
    encoding: str,
    auto: bool,
    label: str,
    rows: Callable[[], IntArray],
) -> tuple[dict[str, Any], str, list[Problem]]:
    """Each binary column as strings. UTF-8 is checked by Arrow's cast; otherwise (or for
    ``auto`` on a file that is not UTF-8) each distinct non-ASCII value is decoded alone."""
    import pyarrow as pa
    import pyarrow.compute as pc

    out: dict[str, Any] = {}
    codec = "utf-8" if encoding in ("utf-8", "utf-8-sig") else (_codec(encoding) or "utf-8")
    if codec == "utf-8":
        try:
            for name, col in columns.items():
                out[name] = col.cast(pa.string())
            return out, encoding, []
        except pa.ArrowInvalid:
            if not auto:
                bad_at = _first_invalid(columns, "utf-8")
                raise _encoding_error(label, rows, bad_at, "utf-8") from None
    # value by value: only the rows holding a byte above 0x7f, chunk by chunk
    kinds: dict[str, list[IntArray]] = {"utf-8": [], "cp1252": []}
    decoded: dict[bytes, tuple[str, str]] = {}
    for name, col in columns.items():
        pieces: list[Any] = []
        start = 0
        for chunk in col.chunks:
            size = len(chunk)
            unsafe = chunk.view(pa.string())
            if ascii_only(chunk):  # the usual column (ids, dates, amounts): one byte pass
                pieces.append(unsafe)
                start += size
                continue
            offsets, data = chunk_parts(chunk)
            high = rows_with(offsets, data, data >= 0x80)
            at = np.flatnonzero(high)
            if not at.size:
                pieces.append(unsafe)
                start += size
                continue
            subset = chunk.take(pa.array(at))
            texts: list[str] = []
            for j, value in enumerate(subset.to_pylist()):
                found = decoded.get(value)
                if found is None:
                    found = _decode_value(value, codec, auto)
                    if found is None:
                        raise _encoding_error(
                            label,
                            rows,
                            start + int(at[j]),
                            "UTF-8" if auto else encoding,
                            value,
                            AUTO_CODECS if auto else None,
                        ) from None
                    decoded[value] = found
                texts.append(found[0])
                kinds.setdefault(found[1], []).append(np.asarray([start + int(at[j])]))
            pieces.append(
                pc.replace_with_mask(unsafe, pa.array(high), pa.array(texts, pa.string()))
            )
            start += size
        out[name] = pa.chunked_array(pieces, pa.string())
    if not auto:
        return out, encoding, []
    utf8_rows = (
        np.unique(np.concatenate(kinds["utf-8"])) if kinds["utf-8"] else np.zeros(0, np.int64)
    )
    cp_rows = (
        np.unique(np.concatenate(kinds["cp1252"])) if kinds["cp1252"] else np.zeros(0, np.int64)
    )
    if cp_rows.size and utf8_rows.size:  # mixed encodings: name the minority's lines
        minority, major, minor = (
            (cp_rows, "UTF-8", "cp1252")
            if cp_rows.size <= utf8_rows.size
            else (utf8_rows, "cp1252", "UTF-8")
        )
        lines = rows()[minority]
        shown = ", ".join(str(int(x)) for x in lines[:ROWS_SHOWN])
        shown += ", …" if len(lines) > ROWS_SHOWN else ""
        values = {"n": len(lines), "minor": minor, "major": major, "rows": shown}
        code = "problem_mixed_encodings_one" if len(lines) == 1 else "problem_mixed_encodings"
        raise input_error(
            "encoding",
            explain(code, values, "en"),
            label,
            line=int(lines[0]),
            hint=explain("problem_encoding_hint", values, "en"),
            reason=Reason(code, values),
        )
    used = "cp1252" if cp_rows.size else encoding
    return out, used, []


def _decode_value(value: bytes, codec: str, auto: bool) -> tuple[str, str] | None:
    """A value's text and the codec that decoded it (UTF-8 first with ``auto``)."""
    if auto or codec == "utf-8":
        try:
            return value.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            if not auto:
                return None
    target = "cp1252" if auto else codec
    try:
        return value.decode(target), target
    except UnicodeDecodeError:
        return None


def _first_invalid(columns: dict[str, Any], codec: str) -> int:
    """The first row with a value that does not decode."""
    import pyarrow as pa
    import pyarrow.compute as pc

    first = None
    for col in columns.values():
        combined = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
        unsafe = combined.view(pa.string())
        at = np.flatnonzero(
            ~np.asarray(pc.string_is_ascii(unsafe).to_numpy(zero_copy_only=False), bool)
        )
        for i in at.tolist():
            try:
                combined[i].as_py().decode(codec)
            except UnicodeDecodeError:
                first = i if first is None else min(first, i)
                break
    return first or 0


def _encoding_error(
    label: str, rows: Callable[[], IntArray], row: int, tried: str,
    value: bytes | None = None, other: Reason | None = None
) -> Exception:
    line = int(rows()[row])
    byte = next((b for b in value if b >= 0x80), None) if value is not None else None
    return decode_error(label, line, tried, byte, other)


def _accepts(obj: Any) -> bool:
    return isinstance(obj, (str, os.PathLike))


SOURCE = register(
    Source(
        name="text-csv",
        expects="a file path",
        accepts=_accepts,
        read=lambda obj, options, what: read_csv(Path(obj), options, what),
        priority=90,  # any path: after the sources that claim paths by their extension
    )
)

del io
