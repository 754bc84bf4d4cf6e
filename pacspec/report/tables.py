"""Writers of the per-client table: CSV (the locale's delimiter and decimal mark, text that
a spreadsheet would run as a formula quoted), JSON, Parquet; the format follows the file's
extension."""

from __future__ import annotations

import csv
import json
import os
from typing import TYPE_CHECKING

import numpy as np

from pacspec.diagnostics import EvaluationError, Problem
from pacspec.output import open_output, table_format

if TYPE_CHECKING:
    from pacspec.engine.result import Evaluation


def write_table(ev: Evaluation, path: str | os.PathLike[str], *, labels: bool = False,
                force: bool = False) -> None:
    """Write the client table of ``ev``; the format follows the extension (.csv, .json,
    .parquet; see :func:`pacspec.output.table_format`). An existing file is kept
    (:class:`EvaluationError`, code ``exists``) unless ``force``; a missing folder or a
    write failure is a problem ``io``."""
    fmt = table_format(path)
    if fmt == "csv":
        write_csv(ev, path, labels=labels, force=force)
    elif fmt == "json":
        write_json(ev, path, labels=labels, force=force)
    else:
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise EvaluationError([Problem(
                "error", "missing-dependency", "pyarrow.parquet is not installed",
                hint="pip install 'pacspec[arrow]'")]) from None
        data = ev.to_arrow(labels)
        with open_output(path, force=force, what="the client table", binary=True,
                         error=EvaluationError) as fh:
            pq.write_table(data, fh)


def write_csv(ev: Evaluation, path: str | os.PathLike[str], *, labels: bool = False,
              delimiter: str | None = None, decimal: str | None = None,
              force: bool = False) -> None:
    """The client table as CSV: the plan's locale gives the delimiter and the decimal mark
    (``;`` and ``,`` in French, what a French spreadsheet opens directly)."""
    from pacspec.i18n import get_locale

    loc = get_locale(ev.locale)
    delimiter = delimiter or loc.csv_delimiter
    decimal = decimal or loc.csv_decimal
    table = ev.table(labels)
    names = list(table)
    with open_output(path, force=force, what="the client table", newline="",
                     error=EvaluationError) as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(names)
        for i in range(ev.n_clients):
            writer.writerow([_cell(table[n][i], decimal) for n in names])


def write_json(ev: Evaluation, path: str | os.PathLike[str], *, labels: bool = False,
               force: bool = False) -> None:
    """The client table as a JSON list of records."""
    table = ev.table(labels)
    records = [{n: _json_value(table[n][i]) for n in table} for i in range(ev.n_clients)]
    with open_output(path, force=force, what="the client table", error=EvaluationError) as fh:
        json.dump(records, fh, ensure_ascii=False, indent=1)
        fh.write("\n")


def _json_value(value: object) -> object:
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else str(value)
    if isinstance(value, (np.floating, float)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


#: First characters that make a spreadsheet read a CSV field as a formula (OWASP, CSV
#: injection).
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object, decimal: str) -> str:
    value = _json_value(value)
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(round(value, 6)) if not value.is_integer() else str(int(value))
        return text.replace(".", decimal) if decimal != "." else text
    return safe_text(str(value))


def safe_text(text: str) -> str:
    """A text field of a CSV file as a spreadsheet must show it: one starting with a
    formula character (:data:`FORMULA_STARTS`) gets a leading ``'`` (OWASP guidance), so
    that opening the file cannot run it; numbers are written as numbers, not through
    here."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
