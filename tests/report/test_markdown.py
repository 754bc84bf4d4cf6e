"""The Markdown report: golden file for the example plan, and the document it renders."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from report_helpers import example_document, example_evaluation, example_snapshots, example_steering

from pacspec.report.markdown import render_markdown
from pacspec.report.sections import ids as section_ids

GOLDEN = Path(__file__).parents[1] / "golden" / "connect-plus.md"


def test_golden_markdown() -> None:
    # data problems name the plan by the path it was opened with: written relative to the
    # repository so that the golden does not depend on where the checkout lives
    root = str(Path(__file__).resolve().parents[2]) + os.sep
    text = render_markdown(example_document()).replace(root, "")
    if os.environ.get("PACSPEC_UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8", newline="\n")
    expected = GOLDEN.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), text.splitlines(keepends=True),
            fromfile=str(GOLDEN), tofile="rendered", n=2))
        pytest.fail("the Markdown report differs from the golden file (rerun with "
                    f"PACSPEC_UPDATE_GOLDEN=1 to accept the change):\n{diff}")


def test_markdown_is_stable() -> None:
    ev = example_evaluation()
    assert render_markdown(example_document(ev)) == render_markdown(example_document(ev))


def test_every_section_has_an_anchor_and_a_heading() -> None:
    doc = example_document()
    text = render_markdown(doc)
    for section in doc.sections:
        assert f'<a id="{section.id}"></a>' in text
        assert f"\n## {section.title}\n" in text
    assert doc.section_ids == [s for s in section_ids() if s != "steering"]


def test_pac_table_rows_follow_the_plan() -> None:
    ev = example_evaluation()
    text = render_markdown(example_document(ev))
    pac = text[text.index('<a id="pac-table">'):]
    for action in ev.plan.actions:
        assert f"**{action.title}**" in pac
    # Grouped by typology in plan order, internal actions last.
    assert pac.index("Typologie n°1 : Clients VIP") < pac.index("Typologie n°2 : Shipchandlers")
    assert pac.index("Shipchandlers") < pac.index("**Actions internes**")


def test_markdown_escapes_table_pipes() -> None:
    ev = example_evaluation()
    text = render_markdown(example_document(ev))
    scores = text[text.index("### Seuils des scores RFM"):].split("\n\n")[1]
    for line in scores.splitlines()[2:]:
        # 4 columns: 5 unescaped pipes per row.
        assert line.replace("\\|", "").count("|") == 5, line


def test_steering_section_in_markdown() -> None:
    ev = example_evaluation()
    doc = example_document(ev, steering=example_steering(ev), snapshots=example_snapshots())
    text = render_markdown(doc)
    assert '<a id="steering"></a>' in text
    # value, attainment and light, then N−1 to date, its change, the landing (n/a for an
    # average) and the phasing, before the trend
    assert ("| Panier moyen | 2\u202f800 € | 2\u202f800 € | 3\u202f012 € | 108 % | Vert | "
            "2\u202f687 € | +12,1 % |  | objectif | ↗ hausse |") in text
    assert "> ⚠ Taux de conquête : ROUGE — " in text
    assert "### Évolution des indicateurs" in text
    assert "| Indicateur | 31/03/2026 | 30/04/2026 | 30/06/2026 | Cible |" in text
