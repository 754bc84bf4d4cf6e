"""One typology rule for every renderer: a commercial action without a typology is listed
under "Sans typologie", internal actions under "Actions internes" (the document's PAC table
in HTML, Markdown and XLSX, and `pacspec track`'s PAC table)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN

from pacspec import load_plan_text
from pacspec.report import write_report
from pacspec.report.document import build_document
from pacspec.report.grouping import typology_groups
from pacspec.report.markdown import render_markdown
from pacspec.report.steering import render_plan_actions
from pacspec.session import Session

AS_OF = dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def session() -> Session:
    """The example with its fishing action's typology removed (a commercial action
    without one) and a typology given to an internal action."""
    text = EXAMPLE_PLAN.read_text(encoding="utf-8")
    assert text.count("    typology: fishing\n") == 1
    text = text.replace("    typology: fishing\n", "")
    text = text.replace("    subtype: training\n", "    subtype: training\n    typology: vip\n", 1)
    loaded = load_plan_text(text, str(EXAMPLE_PLAN), EXAMPLE_PLAN.parent)
    return Session.open(loaded)


def test_the_rule(session: Session) -> None:
    plan = session.plan
    groups = typology_groups(plan.actions, plan, "fr")
    kinds = [g.kind for g, _ in groups]
    assert kinds[-2:] == ["none", "internal"]
    none = dict((g.kind, m) for g, m in groups)["none"]
    assert [a.id for a in none] == ["prospection-peche"]
    internal = dict((g.kind, m) for g, m in groups)["internal"]
    assert all(a.type == "internal" for a in internal) and len(internal) == 3
    english = typology_groups(plan.actions, plan, "en")
    assert [g.name for g, _ in english][-2:] == ["No typology", "Internal actions"]


def test_every_renderer_groups_the_same(session: Session, tmp_path: Path) -> None:
    ev = session.evaluate(AS_OF)
    doc = build_document(ev, actions=session.actions())
    table = doc.section("pac-table").table("pac")
    groups = [r.cells[0].text for r in table.rows if r.kind == "group"]
    assert groups[-2:] == ["Sans typologie", "Actions internes"]
    keys: list[tuple[str, str | None]] = []
    current = ""
    for row in table.rows:
        if row.kind == "group":
            current = row.cells[0].text
        else:
            keys.append((current, row.key))
    assert ("Sans typologie", "prospection-peche") in keys
    assert ("Actions internes", "formation-produits") in keys  # internal, typology or not

    markdown = render_markdown(doc)
    assert markdown.index("**Sans typologie**") < markdown.index("**Actions internes**")

    html = write_report(ev, tmp_path / "r.html", actions=session.actions()).read_text(
        encoding="utf-8")
    assert html.index(">Sans typologie<") < html.index(">Actions internes<")

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(write_report(ev, tmp_path / "r.xlsx",
                                               actions=session.actions()))
    ws = book["PAC"]
    column_a = {ws.cell(row=r, column=1).value for r in range(5, ws.max_row + 1)}
    assert {"Sans typologie", "Actions internes"} <= column_a

    track = render_plan_actions(session.actions())
    assert track.index("Sans typologie") < track.index("Actions internes")
    # the same groups, in the same order, as the document
    positions = [track.index(f"\n{g}") for g in ("Sans typologie", "Actions internes")]
    assert positions == sorted(positions)
