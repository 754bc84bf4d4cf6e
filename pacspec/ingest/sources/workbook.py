"""Spreadsheet workbooks (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``) through
fastexcel (Arrow columns, no Python object per cell) for ``.xlsx``/``.xlsm`` when it is
installed and every column holds one type of cell, else python-calamine (both in the
``xlsx`` extra): one sheet (``csv.sheet``: a name or a 0-based index,
default the first), its first non-empty row as the header, rows numbered as the
spreadsheet shows them. Excel dates and numbers arrive typed; text cells are parsed as
French values like any other text."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from pacspec import sheet_ahead
from pacspec.diagnostics import did_you_mean
from pacspec.ingest.arrays import Array, IntArray, arrow_objects, object_array, typed_column
from pacspec.ingest.factorize import arrow_codes, factorize_arrow, factorize_values, first_seen
from pacspec.ingest.sources._registry import Source, register
from pacspec.ingest.table import (
    Table,
    cannot_read,
    header_table,
    input_error,
    missing_reader,
    worded_error,
)
from pacspec.model.data import CsvOptions
from pacspec.reasons import Reason
from pacspec.sheet_ahead import SheetAhead

__all__ = ["SOURCE", "SUFFIXES", "read_workbook", "read_workbook_calamine", "read_workbook_fast"]

SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def _id_text(value: Any) -> Any:
    """An id cell as text: a whole number as its integer text (``1234.0`` -> ``1234``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value.strip() or None
    return None if value is None else str(value)


def pa_string() -> Any:
    import pyarrow as pa

    return pa.string()


def _arrow_column(values: list[Any]) -> Any:
    """A column of text cells as an Arrow ChunkedArray of strings (None for another type
    or mixed cells: those take the typed path)."""
    import pyarrow as pa

    if not values or type(values[0]) is not str:
        return None
    try:
        array = pa.array(values, type=pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        return None
    return pa.chunked_array([array])


def _sheet_table(where: str, what: str, position: dict[str, int], header_line: int,
                 lines: Any, column: Any, factorize: Any, count: int = -1,
                 id_codes: Any = None) -> Table:
    """The :class:`Table` of a sheet read by either reader: untyped cells, rows numbered as
    the spreadsheet shows them, ids trimmed, French decimal comma for text numbers."""
    return Table(label=where, what=what, is_file=True, encoding=None, names=list(position),
                 row_numbers=lines, column=column, factorize=factorize, text=False,
                 rows_are_lines=True, header_line=header_line, positions=position,
                 ids_stripped=True, default_decimal=",", count=count, id_codes=id_codes)


def _sheet(book: Any, wanted: str | int | None, label: str, what: str) -> Any:
    names = list(book.sheet_names)
    where = ("data", what, "csv", "sheet") if what in ("transactions", "clients") else None
    if wanted is None or wanted == 0:
        if not names:
            raise worded_error("empty-file", Reason("problem_workbook_no_sheets"), label)
        return book.get_sheet_by_index(0)
    if isinstance(wanted, int):
        if 0 <= wanted < len(names):
            return book.get_sheet_by_index(wanted)
        listed = ", ".join(f"{i}: '{n}'" for i, n in enumerate(names))
        raise worded_error("bad-input", Reason("problem_no_sheet_number", {
            "n": wanted, "sheets": listed}), label, path=where)
    if wanted in names:
        return book.get_sheet_by_name(wanted)
    guess = did_you_mean(wanted, names)
    hint = Reason("cli_did_you_mean", {"guess": guess}) if guess else Reason("hint_sheet_name")
    raise worded_error("bad-input", Reason("problem_no_sheet_named", {
        "sheet": wanted, "sheets": ", ".join(f"'{n}'" for n in names), "hint": hint}),
        label, path=where)


def read_workbook(path: Path, options: CsvOptions, what: str) -> Table:
    """Open the sheet and read its header; the rows are read when the header is checked."""
    if path.suffix.lower() in _FASTEXCEL_SUFFIXES and path.is_file():
        fast = read_workbook_fast(path, options, what)
        if fast is not None:
            return fast
    return read_workbook_calamine(path, options, what)


def read_workbook_calamine(path: Path, options: CsvOptions, what: str) -> Table:
    """:func:`read_workbook` through python-calamine's Python cells."""
    label = str(path)
    try:
        import python_calamine
    except ImportError:
        raise missing_reader("python-calamine", "xlsx", label) from None
    if not path.is_file():
        raise cannot_read(what, "not a file" if path.exists() else Reason("file_missing"), label)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        sheet = _sheet(book, options.sheet, label, what)
        rows_iter = iter(sheet.iter_rows())  # from the sheet's first row, blank ones too
        header_cells = None
        header_line = 0
        for number, cells in enumerate(rows_iter, start=1):
            if any(v != "" and v is not None for v in cells):
                header_cells, header_line = cells, number
                break
    except python_calamine.CalamineError as exc:
        raise input_error("io", f"cannot read the {what} workbook: {exc}", label) from None
    if header_cells is None:
        raise input_error(
            "empty-file",
            f"the {what} sheet is empty: not even a header row naming the columns",
            label,
        )
    header = ["" if v is None else str(v).strip() for v in header_cells]
    position: dict[str, int] = {}
    for i, name in enumerate(header):
        if name:
            position.setdefault(name, i)
    where = f"{label}[{sheet.name}]"

    def load(names: Sequence[str]) -> Table:
        wanted = [n for n in dict.fromkeys(names) if n in position]
        records: list[list[Any]] = []
        lines: list[int] = []
        width = len(header)
        for number, record in enumerate(rows_iter, start=header_line + 1):
            if all(v == "" or v is None for v in record):
                continue  # a blank row
            if len(record) < width:
                record = [*record, *[""] * (width - len(record))]
            records.append(record)
            lines.append(number)
        columns = {n: [r[position[n]] for r in records] for n in wanted}
        arrow = {
            n: a for n, a in ((n, _arrow_column(v)) for n, v in columns.items()) if a is not None
        }
        typed: dict[str, Array] = {}

        def column(name: str) -> Array:
            if name not in typed:
                typed[name] = typed_column(columns[name])
            return typed[name]

        def factorize(name: str) -> tuple[Array, IntArray]:
            found = arrow.get(name)
            if found is not None and found.type == pa_string():  # text ids: Arrow's hashing
                return factorize_arrow(found, strip=True)
            return factorize_values(object_array([_id_text(v) for v in columns[name]]))

        return _sheet_table(where, what, position, header_line,
                            np.asarray(lines, dtype=np.int64), column, factorize)

    return header_table(load, label=where, what=what, encoding=None, positions=position,
                        header_line=header_line, text=False)


_FASTEXCEL_SUFFIXES = (".xlsx", ".xlsm")


def _sheet_member(archive: Any, sheet: str) -> str | None:
    """The archive member holding ``sheet``'s XML (from the workbook and its relations)."""
    import re

    book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    found = None
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", book):
        name = re.search(r'\bname="([^"]*)"', tag)
        rid = re.search(r'\br:id="([^"]*)"', tag)
        if name and rid and _xml_text(name.group(1)) == sheet:
            found = rid.group(1)
    if found is None:
        return None
    target = None
    for tag in re.findall(r"<(?:\w+:)?Relationship\b[^>]*>", rels):
        if re.search(rf'\bId="{re.escape(found)}"', tag):
            match = re.search(r'\bTarget="([^"]*)"', tag)
            target = match.group(1) if match else None
    if target is None:
        return None
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _column_number(ref: str) -> int:
    """The 0-based column of a cell reference (``C7`` -> 2)."""
    number = 0
    for char in ref:
        if not char.isalpha():
            break
        number = number * 26 + ord(char.upper()) - 64
    return number - 1


def _runs_text(body: str) -> str:
    """The text of a string item (``<is>`` or ``<si>``): its ``<t>`` runs joined, the
    phonetic guides (``<rPh>``) left out, XML entities decoded."""
    import re

    body = re.sub(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", "", body, flags=re.S)
    return "".join(_xml_text(t) for t in re.findall(r"<(?:\w+:)?t\b[^>]*>(.*?)</(?:\w+:)?t>",
                                                    body, re.S))


def _shared_strings(archive: Any, wanted: set[int]) -> dict[int, str] | None:
    """The shared strings of index ``wanted``, read from the start of the table until the
    last of them (a header's are among the first); None when the table does not hold them."""
    import re

    if not wanted:
        return {}
    try:
        member = archive.open("xl/sharedStrings.xml")
    except KeyError:
        return None
    found: dict[int, str] = {}
    index = 0
    rest = ""
    item = re.compile(r"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.S)
    with member:
        while index <= max(wanted):
            chunk = member.read(1 << 16)
            if not chunk:
                return None
            rest += chunk.decode("utf-8", "replace")
            end = 0
            for match in item.finditer(rest):
                if index in wanted:
                    found[index] = _runs_text(match.group(1) or "")
                index += 1
                end = match.end()
            rest = rest[end:]
    return found


def _sheet_head(path: Path, sheet: str) -> tuple[int, list[str] | None] | None:
    """The spreadsheet line (1-based) of the first row holding a value on ``sheet`` of an
    .xlsx file (fastexcel's header row, whose line it does not give) and that row's text
    cells from its first to its last, read from the start of the XML without parsing the
    sheet; None when it cannot be told or a cell of that row is not text (then the sheet is
    read whole before its header is known)."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            member = _sheet_member(archive, sheet)
            if member is None:
                return None
            with archive.open(member) as xml:
                head = xml.read(1 << 20).decode("utf-8", "replace")
            for row in re.finditer(r"<(?:\w+:)?row\b([^>]*?)(/?)>", head):
                if row.group(2):  # <row/>: no cell
                    continue
                end = head.find("row>", row.end())
                if end < 0:
                    return None
                body = head[row.end() : end]
                if not re.search(r"<(?:\w+:)?(?:v|is)\b", body):
                    continue
                number = re.search(r'\br="(\d+)"', row.group(1))
                if not number:
                    return None
                return int(number.group(1)), _text_cells(archive, body)
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    return None


def _text_cells(archive: Any, row: str) -> list[str] | None:
    """The texts of a row's cells, in column order without a gap; None when a cell holds
    something else than text (a number, a formula's value, a gap)."""
    import re

    cells: list[tuple[int, str, str]] = []  # column, type, body
    for cell in re.finditer(r"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", row, re.S):
        attrs, body = cell.group(1), cell.group(2) or ""
        ref = re.search(r'\br="([A-Za-z]+)\d*"', attrs)
        typed = re.search(r'\bt="([^"]*)"', attrs)
        if ref is None:
            return None
        if not re.search(r"<(?:\w+:)?(?:v|is)\b", body):
            continue  # a styled empty cell
        cells.append((_column_number(ref.group(1)), typed.group(1) if typed else "n", body))
    if not cells or [c for c, _, _ in cells] != list(range(cells[0][0], cells[0][0] + len(cells))):
        return None
    shared = {int(v) for _, k, b in cells if k == "s"
              for v in re.findall(r"<(?:\w+:)?v>\s*(\d+)\s*<", b)}
    strings = _shared_strings(archive, shared)
    if strings is None:
        return None
    texts: list[str] = []
    for _, kind, body in cells:
        if kind == "inlineStr":
            texts.append(_runs_text(body))
        elif kind == "s":
            value = re.search(r"<(?:\w+:)?v>\s*(\d+)\s*<", body)
            if value is None or int(value.group(1)) not in strings:
                return None
            texts.append(strings[int(value.group(1))])
        elif kind == "str":
            value = re.search(r"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", body, re.S)
            if value is None:
                return None
            texts.append(_xml_text(value.group(1)))
        else:
            return None
    return texts


def _xml_text(text: str) -> str:
    import html

    return html.unescape(text)


def read_workbook_fast(path: Path, options: CsvOptions, what: str) -> Table | None:
    """The sheet through fastexcel, None when it is not installed or cannot give what
    python-calamine gives (a column mixing cell types, a blank header cell, an unknown
    header line): then python-calamine reads it. The header is read from the start of the
    sheet's XML, so that only the columns asked for after the header check are decoded
    (the sheet is parsed once, when they are); a header that is not all text, with a
    blank or a repeated name, is known only by reading the whole sheet at once."""
    try:
        import fastexcel
    except ImportError:
        return None

    label = str(path)
    ahead = sheet_ahead.find(path)  # the program may have started parsing it already
    reader: Any = None

    def opened() -> Any:
        """fastexcel's reader of the workbook, for a parse of this source's own."""
        nonlocal reader
        if reader is None:
            reader = fastexcel.read_excel(str(path))
        return reader

    try:
        names = ahead.sheet_names() if ahead is not None else None
        if names is None:
            names = list(opened().sheet_names)
        sheet_name = sheet_ahead.sheet_of(names, options.sheet)
        if sheet_name is None:
            return None  # the calamine path words the error
        head = _sheet_head(path, sheet_name)
    except Exception:  # fastexcel's errors (a file it cannot read): calamine
        return None
    early = ahead if ahead is not None and ahead.claim(sheet_name) else None
    if early is not None and head is None:  # python-calamine reads this sheet
        early.release()
    if head is None:
        return None
    header_line, cells = head
    where = f"{label}[{sheet_name}]"
    header = [c.strip() for c in cells or []]
    if cells is None or any(not n for n in header) or len(set(header)) < len(header):
        return _fast_table(opened, sheet_name, None, where, what, header_line, early)
    position = {name: i for i, name in enumerate(header)}
    raw = dict(zip(header, cells, strict=True))
    loaded: dict[tuple[str, ...], Table] = {}

    def load(names: Sequence[str]) -> Table:
        chosen = tuple(n for n in dict.fromkeys(names) if n in position)
        nonlocal early
        if chosen not in loaded:
            table = _fast_table(opened, sheet_name, [raw[n] for n in chosen] or None, where,
                                what, header_line, early)
            early = None
            if table is None:  # a column mixing cell types: python-calamine's cells
                calamine = read_workbook_calamine(path, options, what)
                assert calamine.want is not None
                table = calamine.want(list(names))
            loaded[chosen] = table
        return loaded[chosen]

    return header_table(load, label=where, what=what, encoding=None, positions=position,
                        header_line=header_line, text=False)


def _fast_table(opened: Callable[[], Any], sheet_name: str, select: list[str] | None,
                where: str, what: str, header_line: int,
                ahead: SheetAhead | None = None) -> Table | None:
    """The columns ``select`` (the header's names as written; None: all) of the sheet
    through fastexcel (its parse started ahead when ``ahead`` is given, else one of the
    reader ``opened()``), None when python-calamine must read it. A row blank in the
    columns selected is looked at in the whole sheet (a value in another column keeps it,
    as a row with its mapped cells missing)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        if ahead is not None:
            sheet = ahead.load(select)
        else:
            sheet = opened().load_sheet(sheet_name, schema_sample_rows=None,
                                        dtype_coercion="strict", use_columns=select)
        batch = sheet.to_arrow()
    except Exception:  # fastexcel's errors (mixed cells, a file it cannot read): calamine
        return None
    header = [str(n).strip() for n in batch.schema.names]
    if any(not n or n.startswith("__UNNAMED__") for n in header):
        return None
    if select is not None and sorted(header) != sorted(n.strip() for n in select):
        return None
    kinds = [f.type for f in batch.schema]
    if not all(_fast_type(k) for k in kinds):
        return None
    position: dict[str, int] = {}
    for i, name in enumerate(header):
        position.setdefault(name, i)
    # blank rows (every cell empty) are skipped, as python-calamine's path does; a column
    # of another type than text without an empty cell says there is none
    blank = None
    if not any(col.null_count == 0 and not pa.types.is_string(col.type)
               for col in batch.columns):
        for col in batch.columns:
            empty = pc.is_null(col)
            if pa.types.is_string(col.type):  # an empty text cell is blank too
                empty = pc.fill_null(pc.equal(col, ""), True)
            blank = empty if blank is None else pc.and_(blank, empty)
    table = pa.Table.from_batches([batch])
    if blank is not None and pc.any(blank).as_py():
        if select is not None:
            return _fast_table(opened, sheet_name, None, where, what, header_line)
        table = table.filter(pc.invert(blank))
        kept = np.flatnonzero(~np.asarray(blank.to_numpy(zero_copy_only=False), dtype=bool))
    else:
        kept = np.arange(batch.num_rows, dtype=np.int64)
    lines = kept.astype(np.int64) + header_line + 1

    def arrow_column(name: str) -> Any:
        return table.column(position[name])

    def column(name: str) -> Array:
        col = arrow_column(name)
        kind = col.type
        if pa.types.is_null(kind):
            return object_array([None] * len(col))
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            return arrow_objects(col)
        if pa.types.is_timestamp(kind) or pa.types.is_date(kind):
            days = col.cast(pa.timestamp("us")).cast(pa.date32()) if pa.types.is_timestamp(kind) else col
            return np.asarray(days.to_numpy(), dtype="datetime64[D]")
        return np.asarray(pc.cast(col, pa.float64()).fill_null(np.nan).to_numpy(),
                          dtype=np.float64)

    def id_texts(name: str) -> Any:
        """The column's ids as Arrow strings (a whole number as its integer text, as a
        numeric Excel id is written); None for cells that are neither."""
        col = arrow_column(name)
        kind = col.type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            return col.cast(pa.string())
        if pa.types.is_floating(kind) or pa.types.is_integer(kind):
            numbers = pc.cast(col, pa.float64())
            finite = pc.drop_null(numbers)
            if pc.all(pc.equal(finite, pc.round(finite))).as_py() is not False:
                try:
                    return pc.cast(pc.cast(numbers, pa.int64()), pa.string())
                except (pa.ArrowInvalid, OverflowError):
                    return None
        return None

    def factorize(name: str) -> tuple[Array, IntArray]:
        texts = id_texts(name)
        if texts is not None:
            return factorize_arrow(texts, strip=True)
        col = arrow_column(name)
        return factorize_values(object_array([_id_text(v) for v in col.to_pylist()]))

    def id_codes(name: str) -> tuple[int, IntArray]:
        """Order ids numbered by first appearance, by Arrow's hash (no Python string per
        id; the transactions read them beside the client ids)."""
        texts = id_texts(name)
        if texts is not None:
            return arrow_codes(texts, strip=True)
        uniques, codes = factorize(name)
        return first_seen(codes, len(uniques))

    return _sheet_table(where, what, position, header_line, lines, column, factorize,
                        count=len(lines), id_codes=id_codes)


def _fast_type(kind: Any) -> bool:
    """A column type the fastexcel path reads as python-calamine's cells would be read."""
    import pyarrow as pa

    return bool(pa.types.is_null(kind) or pa.types.is_string(kind)
                or pa.types.is_large_string(kind) or pa.types.is_floating(kind)
                or pa.types.is_integer(kind) or pa.types.is_timestamp(kind)
                or pa.types.is_date(kind))


def _accepts(obj: Any) -> bool:
    return isinstance(obj, (str, os.PathLike)) and Path(obj).suffix.lower() in SUFFIXES


def _read(obj: Any, options: CsvOptions, what: str) -> Table:
    return read_workbook(Path(obj), options, what)


SOURCE = register(
    Source(name="workbook", expects="a file path", accepts=_accepts, read=_read, priority=10)
)
