"""Writers of the per-client output (:mod:`pacspec.report.client_columns`): CSV (the locale's delimiter and decimal mark, text that
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
from pacspec.reasons import Reason
from pacspec.report.client_columns import Headers, client_columns, headers_of

if TYPE_CHECKING:
    from pacspec.engine.result import Evaluation


def write_table(ev: Evaluation, path: str | os.PathLike[str], *, labels: bool = False,
                force: bool = False, headers: Headers = "ids") -> None:
    """Write the per-client output of ``ev`` (the client table, the register's columns and
    the period table, see :mod:`pacspec.report.client_columns`); the format follows the
    extension (.csv, .json, .parquet; see :func:`pacspec.output.table_format`).
    ``headers``: ``ids`` (stable machine names) or ``labels`` (titles in the plan's
    locale). An existing file is kept (:class:`EvaluationError`, code ``exists``) unless
    ``force``; a missing folder or a write failure is a problem ``io``."""
    fmt = table_format(path)
    if fmt == "csv":
        write_csv(ev, path, labels=labels, force=force, headers=headers)
    elif fmt == "json":
        write_json(ev, path, labels=labels, force=force, headers=headers)
    else:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise EvaluationError([Problem(
                "error", "missing-dependency", "pyarrow.parquet is not installed",
                hint="pip install 'pacspec[arrow]'", reason=Reason(
                    "file_not_installed", {"module": "pyarrow.parquet", "extra": "arrow"}))]
            ) from None
        columns = client_columns(ev, labels=labels)
        data = pa.table({h: (c.values.tolist() if c.values.dtype == object else c.values)
                         for h, c in zip(headers_of(columns, headers), columns, strict=True)})
        with open_output(path, force=force, what="the client table", binary=True,
                         error=EvaluationError) as fh:
            pq.write_table(data, fh)


def write_csv(ev: Evaluation, path: str | os.PathLike[str], *, labels: bool = False,
              delimiter: str | None = None, decimal: str | None = None,
              force: bool = False, headers: Headers = "ids") -> None:
    """The per-client output as CSV: the plan's locale gives the delimiter and the decimal
    mark (``;`` and ``,`` in French, what a French spreadsheet opens directly). Written
    column by column: each column is turned into its texts at once, then the rows are
    written in one call."""
    from pacspec.i18n import get_locale

    loc = get_locale(ev.locale)
    delimiter = delimiter or loc.csv_delimiter
    decimal = decimal or loc.csv_decimal
    columns = client_columns(ev, labels=labels)
    texts = [column_texts(c.values, decimal) for c in columns]
    with open_output(path, force=force, what="the client table", newline="",
                     error=EvaluationError) as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(headers_of(columns, headers))
        writer.writerows(zip(*texts, strict=True))


def write_json(ev: Evaluation, path: str | os.PathLike[str], *, labels: bool = False,
               force: bool = False, headers: Headers = "ids") -> None:
    """The per-client output as a JSON list of records."""
    columns = client_columns(ev, labels=labels)
    names = headers_of(columns, headers)
    values = [_json_values(c.values) for c in columns]
    encode = json.JSONEncoder(ensure_ascii=False).encode  # one line per record: the C encoder
    with open_output(path, force=force, what="the client table", error=EvaluationError) as fh:
        fh.write("[")
        for i, row in enumerate(zip(*values, strict=True)):
            fh.write(",\n " if i else "\n ")
            fh.write(encode(dict(zip(names, row, strict=True))))
        fh.write("\n]\n" if values and len(values[0]) else "]\n")


def column_texts(values: np.ndarray, decimal: str) -> list[str]:
    """A column's CSV texts, the whole column at once: numbers with the locale's decimal
    mark (up to 6 decimals, integers without), dates ISO, empty for a missing value, text
    made safe for a spreadsheet (:func:`safe_text`)."""
    kind = values.dtype.kind
    if kind == "M":
        text = np.datetime_as_string(values.astype("datetime64[D]"))
        return ["" if t == "NaT" else t for t in text.tolist()]
    if kind in "iu":
        return list(map(str, values.tolist()))
    if kind == "b":
        return ["true" if v else "false" for v in values.tolist()]
    if kind == "f":  # each distinct number written once (equal floats have one text)
        distinct, inverse = np.unique(values, return_inverse=True)
        texts = np.array(_numbers(distinct, decimal), dtype=object)
        return list(texts[inverse.reshape(-1)])
    items = values.tolist()
    if not _texts_only(items):
        return [_cell(v, decimal) for v in items]
    lookup = {v: _cell(v, decimal) for v in set(items)}
    return list(map(lookup.__getitem__, items))


def _texts_only(items: list[object]) -> bool:
    """Whether equal ``items`` are the same value (texts, None, NaN): 1 == 1.0 == True
    and 0.0 == -0.0 would share a text."""
    types = set(map(type, items))
    return types <= {str, type(None)} or (
        types <= {str, type(None), float} and all(v != v for v in items if type(v) is float))


def _json_values(values: np.ndarray) -> list[object]:
    """A column's JSON values, the whole column at once (see :func:`_json_value`)."""
    kind = values.dtype.kind
    if kind == "f":
        return [None if v != v else v for v in values.tolist()]
    if kind in "iub":
        return values.tolist()
    if kind == "M":
        return [_json_value(v) for v in values]
    return [_json_value(v) for v in values.tolist()]


def _numbers(values: np.ndarray, decimal: str) -> list[str]:
    """:func:`_number` of each float of ``values``, a class of values at a time (whole
    numbers, others, NaN) instead of a call per value."""
    from itertools import repeat

    texts: list[str] = [""] * len(values)  # NaN: empty
    whole = np.isfinite(values) & (values == np.trunc(values))
    other = ~whole & ~np.isnan(values)
    for i, text in zip(np.flatnonzero(whole).tolist(),
                       map(str, map(int, values[whole].tolist())), strict=True):
        texts[i] = text
    rounded = map(round, values[other].tolist(), repeat(6))
    spelt = list(map(repr, rounded))
    if decimal != "." and spelt:
        spelt = "\x00".join(spelt).replace(".", decimal).split("\x00")
    for i, text in zip(np.flatnonzero(other).tolist(), spelt, strict=True):
        texts[i] = text
    return texts


def _number(value: float, decimal: str) -> str:
    if value != value:  # NaN
        return ""
    text = repr(round(value, 6)) if not value.is_integer() else str(int(value))
    return text.replace(".", decimal) if decimal != "." else text


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
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number(value, decimal)
    return safe_text(str(value))


def safe_text(text: str) -> str:
    """A text field of a CSV file as a spreadsheet must show it: one starting with a
    formula character (:data:`FORMULA_STARTS`) gets a leading ``'`` (OWASP guidance), so
    that opening the file cannot run it; numbers are written as numbers, not through
    here."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
