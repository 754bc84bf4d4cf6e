"""Spreadsheet workbooks (``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``) through
python-calamine (the ``xlsx`` extra): one sheet (``csv.sheet``: a name or a 0-based index,
default the first), its first non-empty row as the header, rows numbered as the
spreadsheet shows them. Excel dates and numbers arrive typed; text cells are parsed as
French values like any other text."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from pacspec.diagnostics import did_you_mean
from pacspec.ingest.arrays import Array, IntArray, object_array, typed_column
from pacspec.ingest.factorize import factorize_arrow, factorize_values
from pacspec.ingest.sources._registry import Source, register
from pacspec.ingest.table import Table, header_table, input_error
from pacspec.model.data import CsvOptions

__all__ = ["SOURCE", "SUFFIXES", "read_workbook"]

SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
HINT = "pip install 'pacspec[xlsx]'"


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


def _sheet(book: Any, wanted: str | int | None, label: str) -> Any:
    names = list(book.sheet_names)
    if wanted is None or wanted == 0:
        if not names:
            raise input_error("empty-file", "the workbook has no sheet", label)
        return book.get_sheet_by_index(0)
    if isinstance(wanted, int):
        if 0 <= wanted < len(names):
            return book.get_sheet_by_index(wanted)
        raise input_error(
            "bad-input",
            f"the workbook has no sheet number {wanted} (sheets: "
            + ", ".join(f"0: '{n}'" if i == 0 else f"{i}: '{n}'" for i, n in enumerate(names))
            + ")",
            label,
            path=("data", "transactions", "csv", "sheet"),
        )
    if wanted in names:
        return book.get_sheet_by_name(wanted)
    guess = did_you_mean(wanted, names)
    raise input_error(
        "bad-input",
        f"the workbook has no sheet '{wanted}'; sheets: " + ", ".join(f"'{n}'" for n in names),
        label,
        hint=f"did you mean '{guess}'?" if guess else "set csv.sheet to one of them",
    )


def read_workbook(path: Path, options: CsvOptions, what: str) -> Table:
    """Open the sheet and read its header; the rows are read when the header is checked."""
    label = str(path)
    try:
        import python_calamine
    except ImportError:
        raise input_error(
            "missing-dependency",
            f"reading the {what} workbook needs python-calamine: {HINT}",
            label,
            hint=HINT,
        ) from None
    if not path.is_file():
        reason = "No such file or directory" if not path.exists() else "not a file"
        raise input_error("io", f"cannot read the {what} file: {reason}", label)
    try:
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        sheet = _sheet(book, options.sheet, label)
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

        return Table(
            label=where,
            what=what,
            is_file=True,
            encoding=None,
            names=list(position),
            row_numbers=np.asarray(lines, dtype=np.int64),
            column=column,
            factorize=factorize,
            text=False,
            rows_are_lines=True,
            header_line=header_line,
            positions=position,
            ids_stripped=True,
            default_decimal=",",
        )

    return header_table(load, label=where, what=what, encoding=None, positions=position,
                        header_line=header_line, text=False)


def _accepts(obj: Any) -> bool:
    return isinstance(obj, (str, os.PathLike)) and Path(obj).suffix.lower() in SUFFIXES


def _read(obj: Any, options: CsvOptions, what: str) -> Table:
    return read_workbook(Path(obj), options, what)


SOURCE = register(
    Source(name="workbook", expects="a file path", accepts=_accepts, read=_read, priority=10)
)
