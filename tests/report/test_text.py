"""The terminal summary renders the report's Document: the sections declared for the
terminal, with every table of theirs (same titles, same cell texts), and no chart."""

from __future__ import annotations

from report_helpers import example_evaluation

from pacspec.report import sections
from pacspec.report.document import Table, build_document
from pacspec.report.text import render_evaluation, render_text


def test_terminal_shows_the_tables_of_its_sections() -> None:
    ev = example_evaluation()
    doc = build_document(ev, top=3, fmt="terminal")
    text = render_evaluation(ev, top=3)
    assert text == render_text(doc)
    assert doc.section_ids == [s.id for s in sections.specs() if s.terminal]
    for section in doc.sections:
        assert f"\n{section.title}\n{'=' * len(section.title)}\n" in text
        for block in section.blocks:
            if not isinstance(block, Table):
                continue
            if block.title:
                assert f"\n{block.title}\n{'-' * len(block.title)}\n" in text
            for row in block.data_rows:
                first = row.cells[0]
                assert ("; ".join(first.lines) if first.lines else first.text) in text
    assert "<svg" not in text and "Courbe de Pareto" not in text  # charts left out
    # the top-clients table lists ``top`` clients per class
    top = doc.section("abc").table("abc-top")
    assert len(top.data_rows) == 3 * len(ev.plan.abc.labels)
