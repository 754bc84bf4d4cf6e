"""Conformance of the section registry: every registered section is built and rendered in
every format it declares (HTML, Markdown, XLSX, the terminal) and in no other, on the
example (with steering), on a one-client ledger and on an empty one."""

from __future__ import annotations

import datetime as dt
import io
from functools import cache
from typing import Any

import pandas as pd
import pytest
from conftest import EXAMPLE_PLAN
from report_helpers import (
    example_document,
    example_evaluation,
    example_snapshots,
    example_steering,
)

from pacspec.i18n import TEXTS
from pacspec.report import sections
from pacspec.report.document import Document, build_document
from pacspec.report.html import render_html
from pacspec.report.markdown import render_markdown
from pacspec.report.text import render_text
from pacspec.report.xlsx import STATE_SHEET, sheet_names, write_xlsx
from pacspec.session import Session

SPECS = sections.specs()


@cache
def _ledger_document(kind: str) -> Document:
    """The example plan on one client (its register line and two invoices), or on no
    client and no transaction at all."""
    data = EXAMPLE_PLAN.parent / "data"
    tx = pd.read_csv(data / "transactions.csv", sep=";", dtype=str, encoding="utf-8-sig")
    register = pd.read_csv(data / "clients.csv", sep=";", decimal=",", encoding="utf-8-sig")
    one = kind == "one-client"
    tx = tx[tx["client"] == "C0001"].head(2) if one else tx.head(0)
    register = register[register["client"] == "C0001"] if one else register.head(0)
    session = Session.open(EXAMPLE_PLAN, transactions=tx, clients=register)
    ev = session.evaluate(dt.date(2026, 6, 30))
    assert ev.n_clients == (1 if one else 0)
    return build_document(ev, steering=session.steer(ev.as_of), actions=session.actions())


@cache
def _document(case: str) -> Document:
    if case == "example":
        return example_document(steering=example_steering(), snapshots=example_snapshots())
    return _ledger_document(case)


CASES = ("example", "one-client", "empty")


def test_registry_is_ordered_and_declares_everything() -> None:
    assert [s.order for s in SPECS] == sorted(s.order for s in SPECS)
    assert len({s.id for s in SPECS}) == len(SPECS)
    for spec in SPECS:
        for locale in ("fr", "en"):
            assert spec.title(locale)
            if spec.xlsx is not None:
                name = spec.xlsx.name(locale)
                assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\")
    # the titles come from the label table (both locales)
    assert all(any(spec.title("fr") == t["fr"] for t in TEXTS.values()) for spec in SPECS)


@pytest.mark.parametrize("case", CASES)
def test_every_section_is_built(case: str) -> None:
    doc = _document(case)
    assert doc.section_ids == [s.id for s in SPECS]
    for spec, section in zip(SPECS, doc.sections, strict=True):
        assert section.title == spec.title(doc.locale)
        assert section.blocks, spec.id


def _sheet_texts(book: Any, name: str) -> set[str]:
    ws = book[name]
    return {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}


@pytest.mark.parametrize("case", CASES)
def test_every_renderer_shows_what_each_section_declares(case: str) -> None:
    doc = _document(case)
    html = render_html(doc)
    markdown = render_markdown(doc)
    terminal = render_text(doc)
    openpyxl = pytest.importorskip("openpyxl")
    buffer = io.BytesIO()
    write_xlsx(doc, buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    names = sheet_names(doc)
    for spec in SPECS:
        section = doc.section(spec.id)
        assert (f'<section id="{spec.id}"' in html) == spec.html, spec.id
        assert (f'<a id="{spec.id}"></a>' in markdown) == spec.markdown, spec.id
        underlined = f"\n{section.title}\n{'=' * len(section.title)}\n"
        assert (underlined in terminal) == spec.terminal, spec.id
        if spec.xlsx is None:
            assert spec.id not in names
            continue
        sheet = spec.xlsx.name(doc.locale)
        assert sheet in book.sheetnames, spec.id
        texts = _sheet_texts(book, sheet)
        if spec.id == "pac-table":  # the PAC sheet is the table itself, under the title
            assert doc.title in texts
        else:
            assert section.title in texts, (spec.id, sheet)
    # the sheets in their declared order, then the client appendix
    placed = [(s.xlsx.order, s.xlsx.name(doc.locale)) for s in SPECS if s.xlsx is not None]
    order = list(dict.fromkeys(name for _, name in sorted(placed, key=lambda p: p[0])))
    hidden = [STATE_SHEET] if "pac-table" in doc.section_ids else []  # the working workbook
    assert book.sheetnames == [*order, "Clients", *hidden]


def test_a_format_only_build_keeps_its_sections() -> None:
    for fmt in sections.FORMATS:
        doc = build_document(example_evaluation(), steering=example_steering(), fmt=fmt)
        assert doc.section_ids == [s.id for s in SPECS if s.placed_in(fmt)], fmt
        assert bool(doc.clients.rows) == (fmt == "xlsx")
