"""The client register from a :class:`~pacspec.ingest.table.Table`: ids (duplicates are
errors), the name, and every other column as an attribute."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from pacspec.arrowtext import blank_texts
from pacspec.diagnostics import LedgerError, Problem, did_you_mean
from pacspec.ingest.arrays import Array, arrow_objects, is_blank, is_missing, object_array
from pacspec.ingest.factorize import blank_free
from pacspec.ingest.needs import RegisterNeed
from pacspec.ingest.report import BadRowPolicy, IngestReport, explain
from pacspec.ingest.table import Table, found_columns
from pacspec.ingest.values.numbers import has_leading_zero, parse_number_texts
from pacspec.model.data import ClientColumns, CsvOptions
from pacspec.reasons import Reason

__all__ = ["Register", "header_problems", "read_register"]

_DUPLICATES_LISTED = 50
_TEXT_OR_NONE = {str, type(None)}


@dataclass
class Register:
    """The register's ids in register order, its attributes aligned to them, and its
    problems (duplicated ids)."""

    ids: Array
    attributes: dict[str, Array]
    report: IngestReport
    problems: list[Problem]


def _attribute(values: Array, text: bool, options: CsvOptions, default_decimal: str,
               plain: bool = False) -> Array:
    """A register column: float64 when every non-empty value is a number, else objects.
    ``plain``: every value is a ``str`` known not to be blank (Arrow said so)."""
    kind = values.dtype.kind
    if kind in "iuf":
        return values.astype(np.float64)
    if kind == "M":
        return values
    items = values.tolist()
    if text:
        items = [v.strip() for v in items]
    if plain and not text:  # every value present: no list of positions, no blanks
        if items and _may_be_numbers(items, options, default_decimal) \
                and not has_leading_zero(items):
            numbers, bad, _ = parse_number_texts(
                items, options.decimal, options.thousands, default_decimal)
            if not bad.any():
                return np.asarray(numbers, dtype=np.float64)
        return object_array(items)
    if _texts_or_none(items):  # the usual column: no call per value
        present = [i for i, v in enumerate(items) if v and not v.isspace()]
    elif all(type(v) is str or is_missing(v) for v in items):
        present = [i for i, v in enumerate(items) if not is_missing(v) and v.strip()]
    else:
        return _attribute_text(items)
    texts = [items[i] for i in present]
    if texts and _may_be_numbers(texts, options, default_decimal) \
            and not has_leading_zero(texts):
        numbers, bad, _ = parse_number_texts(
            texts, options.decimal, options.thousands, default_decimal
        )
        if not bad.any():
            out = np.full(len(items), np.nan, dtype=np.float64)
            out[np.asarray(present, dtype=np.int64)] = numbers
            return out
    return _attribute_text(items)


def _may_be_numbers(texts: list[str], options: CsvOptions, default_decimal: str) -> bool:
    """False when one of the first values is not a number (names, regions): the whole
    column is then text, without a look at every value."""
    head = texts[:64]
    _, bad, _ = parse_number_texts(head, options.decimal, options.thousands, default_decimal)
    return not bool(bad.any())


def _plain_text(table: Table, name: str) -> bool:
    """Whether an Arrow source's text column has no missing or blank value (told from
    its bytes, no Python call per value)."""
    if table.typed_arrow is None or table.text:
        return False
    import pyarrow as pa

    col = table.typed_arrow(name)
    return bool(pa.types.is_string(col.type)) and blank_free(col)


def _arrow_names(table: Table, name: str, keep: Any) -> Array | None:
    """An Arrow source's text column of names as they are, None for a missing or blank
    one, told from its bytes (:func:`~pacspec.arrowtext.blank_texts`); None when the
    column is not Arrow text (a file's text, numbers)."""
    if table.typed_arrow is None or table.text:
        return None
    import pyarrow as pa

    col = table.typed_arrow(name)
    kind = col.type
    text = pa.types.is_dictionary(kind) and pa.types.is_string(kind.value_type)
    if text or pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        col = col.cast(pa.string())
    if not pa.types.is_string(col.type):
        return None
    blank = blank_texts(col)[keep]
    if blank.all():  # no names (a register of ids only)
        return np.full(len(blank), None, dtype=object)
    names = arrow_objects(col)[keep]
    names[blank] = None
    return names


def _texts_or_none(items: list[object]) -> bool:
    """Whether every value is a ``str`` or None (a text column as Arrow or a file gives it)."""
    return set(map(type, items)) <= _TEXT_OR_NONE


def _attribute_text(values: Array | list[object]) -> Array:
    """Objects, with None for missing and blank values."""
    items: list[Any] = values.tolist() if isinstance(values, np.ndarray) else values
    if _texts_or_none(items):  # blank: empty or spaces only, as str.strip() says
        return object_array([v if v and not v.isspace() else None for v in items])
    return object_array([None if is_blank(v) else v for v in items])


def header_problems(
    table: Table, columns: ClientColumns, needs: Sequence[RegisterNeed] = ()
) -> list[Problem]:
    """The id column (and a name column set explicitly) missing from the header, and each
    column the plan needs (``needs``) that it lacks; one problem for a file aligned with
    spaces."""
    aligned = table.aligned_problem("clients")
    if aligned is not None and columns.id not in table.names:
        return [aligned]
    problems = []
    if columns.id not in table.names:
        problems.append(table.missing_column(columns.id, "id", "clients"))
    name = columns.name
    if name is not None and name not in table.names and "name" in columns.model_fields_set:
        problems.append(table.missing_column(name, "name", "clients"))
    for need in needs:
        if need.column in table.names:
            continue
        guess = did_you_mean(need.column, table.names)
        found = found_columns(table.names)
        problems.append(Problem(
            "error",
            "missing-column",
            f"no column '{need.column}' for {need.role} in the client register {table.label}; "
            f"columns found: {found}",
            file=table.label if table.is_file else None,
            line=table.header_line if table.rows_are_lines else None,
            path=need.path,
            hint=f"did you mean '{guess}'? {need.hint}" if guess else need.hint,
            reason=Reason("problem_register_column_not_found", {
                "column": need.column, "role": need.words, "label": table.label,
                "found": found, "fix": need.fix,
                "guess": Reason("ingest_guess", {"guess": guess}) if guess else None})
            if need.words is not None and need.fix is not None else None,
        ))
    return problems


def read_register(
    table: Table, columns: ClientColumns, options: CsvOptions, policy: BadRowPolicy
) -> Register:
    """Read the register; raise :class:`LedgerError` for a missing id (or explicit name)
    column."""
    problems = header_problems(table, columns)
    if problems:
        raise LedgerError(problems)
    name_column = columns.name if columns.name in table.names else None
    if table.want is not None:  # the header is checked: every column is an attribute
        table = table.want(table.names)
    default_decimal = table.decimal_mark

    uniques, codes = table.factorize(columns.id)
    bad = table.bad_rows()
    whole = table.add_short_rows(bad, [columns.id])
    no_client = (codes < 0) & whole
    if no_client.any():  # the raw values only when a row must be shown
        bad.add("missing-client", no_client, columns.id, table.column(columns.id))
    report = bad.report(policy)
    keep = ~bad.any
    codes = codes[keep]
    rows = table.rows[keep]

    problems = []
    counts = np.bincount(codes, minlength=len(uniques))
    duplicated = np.flatnonzero(counts > 1)
    for code in duplicated[:_DUPLICATES_LISTED].tolist():
        lines = rows[codes == code].tolist()
        words = {"id": str(uniques[code]), "first": lines[0], "second": lines[1],
                  "where": "ingest_rows" if table.rows_are_lines else "ingest_at_index",
                  "more": None if len(lines) == 2 else Reason(
                      "ingest_duplicate_one_more" if len(lines) == 3 else "ingest_duplicate_more",
                      {"n": len(lines) - 2})}
        reason = Reason("problem_duplicate_client", words)
        problems.append(
            Problem(
                "error",
                "duplicate-client",
                explain(reason.code, words, "en"),
                file=table.label if table.is_file else None,
                line=lines[1] if table.rows_are_lines else None,
                hint=explain("problem_duplicate_client_hint", words, "en"),
                reason=reason,
            )
        )
    if duplicated.size > _DUPLICATES_LISTED:
        words = {"n": int(duplicated.size - _DUPLICATES_LISTED)}
        reason = Reason("problem_duplicate_client_more", words)
        problems.append(
            Problem(
                "error",
                "duplicate-client",
                explain(reason.code, words, "en"),
                file=table.label if table.is_file else None,
                reason=reason,
            )
        )

    attributes: dict[str, Array] = {}
    for name in table.names:
        if name == columns.id or name == name_column:
            continue
        values = table.column(name)[keep]
        attributes[name] = _attribute(values, table.text, options, default_decimal,
                                      _plain_text(table, name))
    if name_column is not None:
        found = _arrow_names(table, name_column, keep)
        if found is not None:
            attributes["name"] = found
        else:
            names = table.column(name_column)[keep]
            if table.text:
                names = object_array([v.strip() for v in names.tolist()])
            attributes["name"] = _attribute_text(names)
    return Register(ids=uniques[codes], attributes=attributes, report=report, problems=problems)
