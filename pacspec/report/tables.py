"""Writers of the per-client output (:mod:`pacspec.report.client_columns`): CSV (the locale's delimiter and decimal mark, text that
a spreadsheet would run as a formula quoted), JSON, Parquet; the format follows the file's
extension."""

from __future__ import annotations

import csv
import io
import json
import os
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from pacspec.diagnostics import EvaluationError, Problem
from pacspec.output import open_output, table_format
from pacspec.reasons import Reason
from pacspec.report.client_columns import Headers, client_columns, headers_of
from pacspec.report.number_text import number_text, rounded_texts

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
    column by column (:func:`write_csv_columns`)."""
    from pacspec.i18n import get_locale

    loc = get_locale(ev.locale)
    delimiter = delimiter or loc.csv_delimiter
    decimal = decimal or loc.csv_decimal
    columns = client_columns(ev, labels=labels)
    with open_output(path, force=force, what="the client table", binary=True,
                     error=EvaluationError) as fh:
        write_csv_columns(fh, headers_of(columns, headers), [c.values for c in columns],
                          delimiter=delimiter, decimal=decimal)


#: Rows formatted at a time by :func:`write_csv_columns`.
_CSV_CHUNK = 65_536
#: Delimiters :func:`write_csv_columns` quotes itself (for any other, :mod:`csv` writes).
_CSV_DELIMITERS = ",;\t|"


def write_csv_columns(fh: IO[bytes], names: list[str], values: list[np.ndarray], *,
                      delimiter: str, decimal: str) -> None:
    """Write a header line and the columns ``values`` to ``fh`` as UTF-8 CSV, the bytes
    :func:`csv.writer` writes (``QUOTE_MINIMAL``, ``\\r\\n`` line ends) for the rows of
    :func:`column_texts`: a chunk of rows at a time, each column's texts made by Arrow
    (:func:`column_strings`), the fields that hold the delimiter, a quote or a line break
    quoted, then each row joined by Arrow and the chunk written as the array holds it."""
    import pyarrow.compute as pc

    head = io.StringIO()
    csv.writer(head, delimiter=delimiter).writerow(names)  # checks the delimiter too
    fh.write(head.getvalue().encode("utf-8"))
    n = len(values[0]) if values else 0
    fast = delimiter in _CSV_DELIMITERS and len(values) > 1  # one column: csv's own rules
    for start in range(0, n, _CSV_CHUNK):
        part = [v[start:start + _CSV_CHUNK] for v in values]
        try:
            if not fast:
                raise _Slow
            fields = [_quoted(column_strings(v, decimal), delimiter) for v in part]
        except (_Slow, UnicodeEncodeError):  # a text Arrow cannot hold: csv writes the rows
            text = io.StringIO()
            csv.writer(text, delimiter=delimiter).writerows(
                zip(*(_python_texts(v, decimal) for v in part), strict=True))
            fh.write(text.getvalue().encode("utf-8"))
            continue
        fields[-1] = pc.binary_join_element_wise(fields[-1], "\r\n", "")
        fh.write(_utf8_buffer(pc.binary_join_element_wise(*fields, delimiter)))


class _Slow(Exception):
    """This chunk is written by :mod:`csv` (see :func:`write_csv_columns`)."""


def _quoted(texts: Any, delimiter: str) -> Any:
    """``texts`` as :func:`csv.writer` writes its fields (``QUOTE_MINIMAL``): one holding
    the delimiter, a double quote, CR or LF between double quotes, its quotes doubled."""
    import pyarrow.compute as pc

    data = _utf8_buffer(texts)
    if not any(data.to_pybytes().find(c) >= 0 for c in (delimiter.encode(), b'"', b"\r", b"\n")):
        return texts
    need = pc.match_substring_regex(texts, f'[{delimiter}"\r\n]')
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(texts, '"', '""'), '"', "")
    return pc.if_else(need, quoted, texts)


def _utf8_buffer(strings: Any) -> Any:
    """The UTF-8 of an Arrow string array's values end to end (no null among them), as the
    array holds it: an Arrow buffer (bytes-like, not copied)."""
    offsets = np.frombuffer(strings.buffers()[1], dtype=np.int32)
    first, last = offsets[strings.offset], offsets[strings.offset + len(strings)]
    return strings.buffers()[2][int(first):int(last)]


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
    made safe for a spreadsheet (:func:`safe_text`); each value's text is what
    :func:`_cell` makes of it alone."""
    try:
        return list(column_strings(values, decimal).to_pylist())
    except UnicodeEncodeError:  # a lone surrogate: not UTF-8, not an Arrow text
        return _python_texts(values, decimal)


def column_strings(values: np.ndarray, decimal: str) -> Any:
    """:func:`column_texts` as an Arrow string array, made by Arrow and numpy a column at
    a time (no Python object per value) for integers, booleans, dates, floats
    (:func:`~pacspec.report.number_text.rounded_texts`) and texts (with None and NaN as
    empty); a column of other values goes through :func:`_python_texts`. Raises
    :class:`UnicodeEncodeError` for a text that is not Unicode (a lone surrogate)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = values.dtype.kind
    if kind in "iu":
        return pa.array(values).cast(pa.string())
    if kind == "b":
        return pc.if_else(pa.array(values), "true", "false")
    if kind == "M":
        text = pa.array(np.datetime_as_string(values.astype("datetime64[D]")))
        return pc.if_else(pc.equal(text, "NaT"), "", text) if np.isnat(values).any() else text
    if kind == "f":
        return rounded_texts(values, 6, decimal)
    if kind in "OU":
        items = values.tolist()
        if _texts_only(items):
            texts = pa.array(items, pa.string(), from_pandas=True).fill_null("")
            starts = pc.utf8_slice_codeunits(texts, 0, 1)
            formula = pc.is_in(starts, pa.array(FORMULA_STARTS))
            if pc.any(formula).as_py():
                texts = pc.if_else(formula, pc.binary_join_element_wise("'", texts, ""), texts)
            return texts
    return pa.array(_python_texts(values, decimal), pa.string())


def _python_texts(values: np.ndarray, decimal: str) -> list[str]:
    """:func:`column_texts` made value by value in Python (each distinct value once): for
    columns :func:`column_strings` does not make itself."""
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
    """A number's CSV text: up to 6 decimals, a whole number as its integer, NaN empty."""
    return number_text(value, 6, decimal)


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
