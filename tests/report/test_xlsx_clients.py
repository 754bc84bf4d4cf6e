"""The workbook's Clients sheet, streamed column by column (issue 13, item 4), against the
writer it replaced: every cell written one by one through openpyxl from typed cells. Same
values, number formats and looks, same widths, filter and panes; on the example, on odd
values (texts XML cannot hold, markup, blanks, NaN, NaT, negative and huge numbers) and on
random ones (Hypothesis)."""

from __future__ import annotations

import dataclasses
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_helpers import example_document

from pacspec.report.clients import ClientsTable
from pacspec.report.document import Column, Document
from pacspec.report.number_text import number_text

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")
from pacspec.report import xlsx  # noqa: E402


def _cent(value: Any) -> Any:
    """A money amount as the Clients sheet stores it: rounded to the cent (a whole amount
    as its integer); anything else as it is."""
    if isinstance(value, float) and math.isfinite(value):
        return int(value) if value.is_integer() else round(value, 2)
    return value


def _reference(doc: Document, path: Path) -> None:
    """The Clients sheet as the old writer made it: a typed cell per client and column,
    each written through :meth:`xlsx._Writer.put` (a money amount rounded to the cent)."""
    s = xlsx._Styles()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Clients"
    w = xlsx._Writer(ws, doc, s)
    table = doc.clients
    w.header_row([c.title for c in table.columns])
    for row in table.rows:
        for j, cell in enumerate(row.cells):
            if cell.kind == "money":
                cell = dataclasses.replace(cell, value=_cent(cell.value))
            w.put(w.row, j + 1, cell)
        w.row += 1
    end = s.get_column_letter(len(table.columns))
    ws.auto_filter.ref = f"A1:{end}{max(w.row - 1, 1)}"
    ws.freeze_panes = "C2"
    w.finish()
    xlsx._text_as_text(ws)
    wb.save(path)


def _sheet(path: Path) -> dict[str, Any]:
    ws = openpyxl.load_workbook(path)["Clients"]
    cells = {c.coordinate: (c.value, c.data_type, c.number_format, c.alignment.wrap_text,
                            c.alignment.vertical, c.font.b, c.font.sz, c.fill.fgColor.rgb,
                            c.border.bottom.style if c.border.bottom else None)
             for row in ws.iter_rows() for c in row}
    return {"cells": cells, "max": (ws.max_row, ws.max_column), "freeze": ws.freeze_panes,
            "filter": ws.auto_filter.ref,
            "widths": {k: v.width for k, v in ws.column_dimensions.items()}}


def _compare(doc: Document, tmp_path: Path) -> dict[str, Any]:
    xlsx.write_xlsx(doc, tmp_path / "new.xlsx")
    _reference(doc, tmp_path / "old.xlsx")
    new, old = _sheet(tmp_path / "new.xlsx"), _sheet(tmp_path / "old.xlsx")
    # openpyxl writes a float as %.16g, which loses the last digit of some: a money
    # amount read back is the cent itself (the shortest text of the rounded amount)
    for j, column in enumerate(doc.clients.columns):
        if column.kind != "money":
            continue
        for i, value in enumerate(doc.clients.values[j].tolist()):
            key = f"{xlsx._column_letter(j + 1)}{i + 2}"
            if isinstance(value, float) and math.isfinite(value):
                old["cells"][key] = (_cent(value), *old["cells"][key][1:])
    assert new["cells"].keys() == old["cells"].keys()
    for key, value in old["cells"].items():
        assert new["cells"][key] == value, key
    assert new == old
    return new


def test_the_streamed_sheet_is_the_cell_by_cell_one_on_the_example(tmp_path: Path) -> None:
    doc = example_document(fmt="xlsx")
    sheet = _compare(doc, tmp_path)
    n = len(doc.clients)
    assert n > 300 and sheet["max"] == (n + 1, len(doc.clients.columns))
    kinds = {c.kind for c in doc.clients.columns}
    assert {"text", "money", "integer", "number", "percent", "date"} <= kinds
    # one named style per look, shared by the cells (not a style per cell)
    book = openpyxl.load_workbook(tmp_path / "new.xlsx")
    names = [n for n in book.named_styles if n.startswith("pacspec ")]
    assert 'pacspec #,##0" €"' in names and "pacspec General" in names
    assert len(names) == len(set(names)) < 40


def _doc_with(columns: list[tuple[str, np.ndarray, int]]) -> Document:
    doc = example_document(fmt="xlsx")
    table = ClientsTable("clients", "Clients",
                         tuple(Column(f"c{j}", f"Colonne {j}", kind)
                               for j, (kind, _, _) in enumerate(columns)),
                         tuple(v for _, v, _ in columns), tuple(d for _, _, d in columns),
                         doc.locale, doc.currency)
    return dataclasses.replace(doc, clients=table)


def test_odd_values_read_back_as_the_old_writer_wrote_them(tmp_path: Path) -> None:
    texts = np.array(["C1", "a & b <c>", "  padded ", "", None, float("nan"), "x\x02y\ufffe",
                      "line\r\nend", 12, "=1+1", "é€ñ"], dtype=object)
    n = len(texts)
    money = np.array([1.5, -2.25, 0.0, np.nan, 1e15, 1 / 3, -0.0, np.inf, 12345678.9, 7,
                      0.1 + 0.2])
    integer = np.array([0, 1, -3, np.nan, 2**40, 5, 6, 7, 8, 9, 10], dtype=np.float64)
    counts = np.arange(n, dtype=np.int64) - 3
    days = np.array(["2025-01-31", "NaT", "1970-01-01", "2026-12-31", "NaT", "2000-02-29",
                     "2025-06-30", "1999-12-31", "2030-01-01", "NaT", "2026-06-30"],
                    dtype="datetime64[D]")
    doc = _doc_with([("text", texts, 0), ("money", money, 0), ("integer", integer, 0),
                     ("integer", counts, 0), ("percent", money / 100, 1),
                     ("number", money, 2), ("date", days, 0),
                     ("text", np.array([True, False] * 5 + [True]), 0)])
    sheet = _compare(doc, tmp_path)
    assert sheet["cells"]["A3"][0] == "a & b <c>" and sheet["cells"]["A4"][0] == "  padded "
    assert sheet["cells"]["A11"][:2] == ("=1+1", "s")  # a text, never a formula
    assert sheet["cells"]["A8"][0] == "x\ufffdy\ufffd"


_finite = st.floats(allow_nan=True, allow_infinity=False, width=64)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.one_of(st.none(), st.text(max_size=12)), min_size=1, max_size=8),
       numbers=st.lists(_finite, min_size=8, max_size=8))
def test_random_values_read_back_as_the_old_writer_wrote_them(
        tmp_path_factory: pytest.TempPathFactory, texts: list[str | None],
        numbers: list[float]) -> None:
    k = len(texts)
    money = np.array(numbers[:k], dtype=np.float64)
    whole = np.array([float(math.trunc(v)) if abs(v) < 2**53 else np.nan for v in money])
    doc = _doc_with([("text", np.array(texts, dtype=object), 0), ("money", money, 0),
                     ("number", money, 2), ("integer", whole, 0)])
    _compare(doc, tmp_path_factory.mktemp("random"))


def test_more_clients_than_a_sheet_holds_is_a_clear_error(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from pacspec.report import ReportError

    monkeypatch.setattr(xlsx, "EXCEL_MAX_ROWS", 100)
    doc = example_document(fmt="xlsx")
    with pytest.raises(ReportError) as info:
        xlsx.write_xlsx(doc, tmp_path / "big.xlsx")
    problem = info.value.problems[0]
    assert problem.code == "too-many-rows" and "99" in problem.message
    assert "clients.parquet" in (problem.hint or "")
    assert not (tmp_path / "big.xlsx").exists()


def test_a_file_object_gets_the_same_workbook(tmp_path: Path) -> None:
    doc = example_document(fmt="xlsx")
    with open(tmp_path / "fh.xlsx", "wb") as fh:
        xlsx.write_xlsx(doc, fh)
    xlsx.write_xlsx(doc, tmp_path / "path.xlsx")
    assert _sheet(tmp_path / "fh.xlsx") == _sheet(tmp_path / "path.xlsx")


def test_the_workbook_never_builds_a_cell_per_client(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The document holds the per-client table as arrays, and the workbook reads them as
    such: neither builds the typed cells (4.5 million objects at 100 000 clients)."""
    doc = example_document(fmt="xlsx")
    assert all(isinstance(v, np.ndarray) and len(v) == len(doc.clients)
               for v in doc.clients.values)

    def no_rows(self: ClientsTable) -> None:
        raise AssertionError("the typed cells of the client table were built")

    monkeypatch.setattr(ClientsTable, "rows", property(no_rows))
    cell, calls = ClientsTable.cell, []

    def counted(self: ClientsTable, j: int, value: object) -> Any:
        calls.append(j)
        return cell(self, j, value)

    monkeypatch.setattr(ClientsTable, "cell", counted)
    xlsx.write_xlsx(doc, tmp_path / "arrays.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "arrays.xlsx")["Clients"]
    assert ws.max_row == len(doc.clients) + 1
    # a typed cell only for a column's widest texts (its extremes, its missing value)
    assert len(calls) <= 3 * len(doc.clients.columns) < len(doc.clients)


@pytest.mark.parametrize("odd", (False, True))
def test_the_size_bound_holds_so_zip64_comes_in_time(odd: bool) -> None:
    """The streamed sheet needs zip64 past 2 GiB of XML: the bound it is decided on is
    never below what the rows take."""
    doc = example_document(fmt="xlsx")
    if odd:  # long texts, markup to escape, accents, padded texts: the most per character
        texts = np.array(["&<>" * 20, " é " * 30, "x", None, "€" * 50], dtype=object)
        doc = _doc_with([("text", texts, 0), ("money", np.array([-1e15, 1 / 3, np.nan,
                                                                 1.0, 2.0]), 0)])
    wb = openpyxl.Workbook()
    rows = xlsx._clients_sheet(wb.active, doc, xlsx._Styles())
    assert 0 < sum(map(len, rows.chunks())) <= rows.most


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([0.0, -0.0, 1.0, 2.5, float("nan"), float("inf"), -float("inf"),
                                 1e300, 123456.789, 1319.3199999999997, 0.125, -0.005])
                | st.floats(width=64),
                min_size=64, max_size=400),
       st.sampled_from(["integer", "number", "money"]))
def test_repeated_numbers_are_formatted_once_each_as_alone(values: list[float],
                                                           kind: str) -> None:
    """A column's cells made per distinct value (by its bits) are the cells made value by
    value: -0.0 stays apart from 0.0, NaN and the infinities keep their cells; a number
    as openpyxl writes it (``%.16g``), a money amount rounded to the cent as its shortest
    text."""
    rows = xlsx._ClientRows.__new__(xlsx._ClientRows)
    rows.styles, rows.empty = [7], '<c s="3"/>'
    array = np.array(values, dtype=np.float64)
    whole = kind == "integer"
    if whole:  # an integer column: counts, far inside int64
        array = np.where(np.abs(array) > 1e15, 1e15, array)
    direct = rows._float_cells(0, array, kind).to_pylist()
    assert xlsx._by_distinct(array, lambda v: rows._float_cells(0, v, kind)).to_pylist() \
        == direct
    text = {"integer": lambda v: str(int(v)), "number": lambda v: format(v, ".16g"),
            "money": lambda v: number_text(v, 2)}[kind]
    expected = [rows.empty if math.isnan(v) or (whole and math.isinf(v))
                else '<c s="7"><v></v></c>' if math.isinf(v)
                else f'<c s="7"><v>{text(v)}</v></c>' for v in array.tolist()]
    assert direct == expected
    ints = np.array([int(v) % 7 if math.isfinite(v) else 0 for v in values], dtype=np.int64)
    assert xlsx._by_distinct(ints, lambda v: rows._int_cells(0, v)).to_pylist() == \
        [f'<c s="7"><v>{v}</v></c>' for v in ints.tolist()]


_TEXT = st.text(alphabet=st.sampled_from([*"ab Zé&<>\n\r\t\x00\x1f\x7f", "\ufffe", "\uffff",
                                          "\u00a0", "€", "𝄞"]), max_size=6)


@settings(max_examples=80, deadline=None)
@given(st.lists(_TEXT | st.sampled_from(["", "Marina", "Oui", "Non", " lead", "trail "]),
                min_size=64, max_size=300),
       st.sampled_from([None, "", float("nan")]))
def test_texts_made_by_arrow_are_the_cells_made_text_by_text(texts: list[str],
                                                             odd: object) -> None:
    """A text column of 64 values or more goes through Arrow when it can (:meth:`_plain_text`):
    its cells are then those made distinct text by distinct text (:meth:`_text`), markup
    escaped, blanks empty; a text that needs cleaning or keeps its edge spaces, or a value
    that is not a text, leaves it to :meth:`_text`."""
    rows = xlsx._ClientRows.__new__(xlsx._ClientRows)
    rows.styles, rows.empty = [7], '<c s="3"/>'
    values = np.array(texts, dtype=object)
    plain = rows._plain_text(0, values)
    if plain is not None:
        assert plain.to_pylist() == rows._text(0, values)
        assert not any(xlsx._NOT_XML.search(t) or "\r" in t or t != t.strip() for t in texts
                       if t)
    with_odd = np.array([*texts, odd], dtype=object)
    if odd != "":  # None or NaN: not a text, never through Arrow
        assert rows._plain_text(0, with_odd) is None


@settings(max_examples=40, deadline=None)
@given(st.lists(_TEXT | st.sampled_from(["", "Marina", "Oui", "Non", " lead", "trail "]),
                min_size=1, max_size=12),
       st.integers(1024, 3000), st.integers(0, 2**32 - 1))
def test_repeated_labels_are_made_once_each_as_alone(labels: list[str], n: int,
                                                     seed: int) -> None:
    """A long column of few distinct texts (profiles, regions, oui / non) is made by its
    distinct texts and taken for each row, as shared strings: once each shared string is
    put back inline, the cells made text by text; the string table holds each non-empty
    label once."""
    rows = xlsx._ClientRows.__new__(xlsx._ClientRows)
    rows.styles, rows.empty, rows.shared = [7], '<c s="3"/>', {}
    values = np.array(labels, dtype=object)[np.arange(n) % len(labels)]  # each label present
    np.random.default_rng(seed).shuffle(values)
    plain = rows._plain_text(0, values)
    clean = not any(xlsx._NOT_XML.search(t) or "\r" in t or t != t.strip() for t in labels if t)
    assert (plain is not None) == clean
    if plain is not None:
        texts = list(rows.shared)
        inline = [re.sub(r'<c s="7" t="s"><v>(\d+)</v></c>', lambda m: '<c s="7" t="inlineStr">'
                         f'<is><t>{xlsx._xml_text(texts[int(m.group(1))])}</t></is></c>', c)
                  for c in plain.to_pylist()]
        assert inline == rows._text(0, values)
        assert sorted(rows.shared) == sorted({t for t in labels if t})
        table = ET.fromstring(rows.shared_strings())
        assert [si[0].text for si in table] == texts


def test_a_lone_surrogate_leaves_the_column_to_python() -> None:
    rows = xlsx._ClientRows.__new__(xlsx._ClientRows)
    rows.styles, rows.empty, rows.shared = [7], '<c s="3"/>', {}
    assert rows._plain_text(0, np.array(["a\ud800"] * 70, dtype=object)) is None


def test_plain_texts_go_through_arrow() -> None:
    """What the 100 000-client sheet holds (ids, names, labels) takes the Arrow path."""
    rows = xlsx._ClientRows.__new__(xlsx._ClientRows)
    rows.styles, rows.empty = [7], '<c s="3"/>'
    values = np.array([f"CLIENT {i} & <Cie> été" for i in range(100)] + [""], dtype=object)
    plain = rows._plain_text(0, values)
    assert plain is not None and plain.to_pylist() == rows._text(0, values)
    assert plain[0].as_py() == \
        '<c s="7" t="inlineStr"><is><t>CLIENT 0 &amp; &lt;Cie&gt; été</t></is></c>'
    assert plain[100].as_py() == '<c s="3"/>'


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_plain_utf8_is_what_clean_leaves_alone(text: str) -> None:
    expected = not (xlsx._NOT_XML.search(text) or "\r" in text)
    assert xlsx._plain_utf8(text.encode("utf-8")) == expected
