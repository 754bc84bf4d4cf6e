"""The printed document (issue 13, item 3): the dates it rests on, budget and workload by axis,
coverage and suggestions, alerts with labels, empty tables said in one line, and the PDF
printed by a headless Chromium, checked page by page for orphaned headings."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from report_helpers import (
    AS_OF,
    STEERING_AS_OF,
    example_actions,
    example_document,
    example_evaluation,
    example_session,
    example_steering,
)

from pacspec.cli import main
from pacspec.report import ReportError, formats, write_report
from pacspec.report import pdf as pdf_module
from pacspec.report.document import Column, KeyValues, Paragraph, Row, Table
from pacspec.report.html import render_html
from pacspec.report.markdown import render_markdown
from pacspec.report.words import alerts

_CHROMIUM = pdf_module.find_chromium()
_PDFTOTEXT = shutil.which("pdftotext")


def _dates(doc_header: object) -> dict[str, str]:
    block = next(b for b in doc_header.blocks  # type: ignore[attr-defined]
                 if isinstance(b, KeyValues) and b.id == "dates")
    return {k: v.text for k, v in block.items}


# ------------------------------------------------------------------------------ dates
def test_the_header_states_every_date_at_the_baseline() -> None:
    dates = _dates(example_document().section("header"))
    assert dates["Date d'analyse"] == "31/12/2025"
    assert dates["Fenêtre d'analyse"] == "01/01/2025 → 31/12/2025"
    assert dates["Durée du plan"] == "01/01/2026 → 31/12/2026"
    ledger = example_evaluation().ledger
    assert dates["Données lues"] == (f"{ledger.first_date:%d/%m/%Y} → {ledger.last_date:%d/%m/%Y}")
    assert dates["Tableau du PAC (CA actuel et cible)"] == "au 31/12/2025 (veille du début du plan)"
    assert "Pilotage (N à date)" not in dates


def test_the_header_says_when_the_pac_amounts_are_the_plans() -> None:
    dates = _dates(example_document(actions=None).section("header"))
    assert dates["Tableau du PAC (CA actuel et cible)"] == "montants saisis dans le plan"


def test_a_steering_report_states_the_analysis_the_baseline_and_the_steering_period() -> None:
    session = example_session()
    ev = session.evaluate(STEERING_AS_OF)
    doc = example_document(ev, steering=example_steering(ev), actions=None)
    dates = _dates(doc.section("header"))
    # the two dates the issue found mixed without a word: the analysis at as_of, the PAC
    # table's amounts at the baseline
    assert dates["Date d'analyse"] == "30/06/2026"
    assert dates["Fenêtre d'analyse"] == "01/07/2025 → 30/06/2026"
    assert dates["Tableau du PAC (CA actuel et cible)"] == "au 31/12/2025 (veille du début du plan)"
    assert dates["Pilotage (N à date)"] == "01/01/2026 → 30/06/2026"
    assert dates["Comparaison N−1"] == "01/01/2025 → 30/06/2025"
    html = render_html(doc, generated=AS_OF)
    band = re.search(r'<ul class="band dates"[^>]*>(.*?)</ul>', html)
    assert band is not None and "30/06/2026" in band.group(1) and "31/12/2025" in band.group(1)
    assert "Document généré le" in band.group(1)
    assert "Document généré le" not in render_html(doc)  # no date: the same page every day


# ---------------------------------------------------------------------- budget, workload
def test_budget_by_axis_against_a_plain_sum_of_the_plan() -> None:
    plan = example_evaluation().plan
    table = example_document().section("resources").table("budget-axes")
    shown: dict[str, float] = {r.key or "": r.cells[1].value for r in table.data_rows}
    by: dict[str, float] = defaultdict(float)
    for a in plan.actions:
        by[f"type:{a.type}"] += a.budget
        by[f"owner:{a.owner}"] += a.budget
        by[f"priority:{a.priority}"] += a.budget
    for key, amount in by.items():
        assert shown[key] == pytest.approx(amount), key
    horizons = sum(v for k, v in shown.items() if k.startswith("horizon:"))
    assert horizons == pytest.approx(sum(a.budget for a in plan.actions))
    envelope = dict(plan.budget.by_type)
    for kind, limit in envelope.items():
        row = next(r for r in table.data_rows if r.key == f"type:{kind}")
        assert row.cells[3].value == pytest.approx(limit)
        assert (row.cells[4].value == "red") == (by[f"type:{kind}"] > limit + 1e-9)


def test_workload_totals_are_the_months_added_up() -> None:
    table = example_document().section("resources").table("workload")
    for row in table.data_rows:
        months = [c.value or 0.0 for c in row.cells[3:-1]]
        assert (row.cells[-1].value or 0.0) == pytest.approx(sum(months))
    # actions by their titles, not ids
    titles = {a.title for a in example_evaluation().plan.actions}
    names = [x for r in table.data_rows for x in (r.cells[1].lines or (r.cells[1].text,)) if x]
    assert names and set(names) <= titles


# ----------------------------------------------------------------------------- coverage
def test_coverage_counts_the_clients_the_commercial_actions_target() -> None:
    pa = example_actions()
    ev = pa.baseline
    targeted: set[int] = set()
    for a in pa.actions:
        if a.type == "commercial":
            targeted.update(int(i) for i in a.clients)
    profile = ev.table()["profile"]
    table = example_document().section("coverage").table("coverage-profiles")
    for row in table.data_rows:
        members = [i for i, p in enumerate(profile) if p == row.key]
        assert row.cells[1].value == len(members)
        assert row.cells[2].value == len([i for i in members if i in targeted])
        assert (row.cells[4].value is not None) == (bool(members) and not
                                                    any(i in targeted for i in members))


def test_suggestions_name_the_recommendations_left_without_an_action() -> None:
    section = example_document().section("coverage")
    table = section.table("suggestions")
    assert [r.key for r in table.data_rows] == [s.id for s in
                                                 example_actions().coverage.suggestions]
    assert all(r.cells[2].value > 0 for r in table.data_rows)


# ------------------------------------------------------------------------------- alerts
def test_alerts_name_actions_by_title_and_dates_in_the_locale() -> None:
    result = example_steering()
    said = alerts(result)
    ids = {a.id for a in result.actions}
    assert said
    assert not any(line.split(" : ", 1)[0] in ids for line in said)
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", line) for line in said)
    assert any("30/06/2026" in line for line in said)


# --------------------------------------------------------------------------- empty tables
def test_an_empty_table_is_said_in_one_line() -> None:
    table = Table("t", "Premiers clients", (Column("a", "A"),), (
        Row((), kind="group"),), note="Aucun client n'a de CA.")
    from pacspec.report.html import _table as html_table  # the renderer's block

    html = html_table(table, "fr")
    assert "<table" not in html and "Premiers clients : aucune ligne." in html
    assert "Aucun client n&#x27;a de CA." in html
    doc = example_document()
    section = doc.sections[1]
    empty_doc = type(doc)(doc.title, doc.subtitle, doc.locale, doc.currency, doc.as_of, (
        type(section)(section.id, section.title, (table, Paragraph("x"))),), doc.clients)
    md = render_markdown(empty_doc)
    assert "_Premiers clients : aucune ligne._" in md and "| A |" not in md


# -------------------------------------------------------------------------------- PDF
def test_pdf_is_a_registered_format() -> None:
    fmt = formats.get("pdf")
    assert formats.by_extension("pac.PDF") is fmt
    assert fmt.binary and fmt.sections_of == "html" and fmt.require is not None


def test_without_chromium_the_pdf_is_refused_in_one_line(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    monkeypatch.setenv("PACSPEC_CHROMIUM", str(tmp_path / "no-such-browser"))
    with pytest.raises(ReportError) as info:
        write_report(example_evaluation(), tmp_path / "pac.pdf")
    problem = info.value.problems[0]
    assert problem.code == "missing-dependency"
    assert "\n" not in (problem.hint or "") and "Chromium" in (problem.hint or "")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("PACSPEC_CHROMIUM")
    from conftest import EXAMPLE_PLAN

    from pacspec.session import Session

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the data was read before the browser was looked for")

    monkeypatch.setattr(Session, "open", classmethod(never))  # fails before any reading

    # an error like a missing openpyxl for .xlsx (exit 1), said without a traceback
    assert main(["report", str(EXAMPLE_PLAN), "-o", str(tmp_path / "pac.pdf"), "-q"]) == 1
    err = capsys.readouterr().err
    # in the plan's language (French): the program's line, and its hint
    assert "ni Chromium ni Chrome dans le PATH" in err and "Traceback" not in err
    assert "(conseil : installez Chromium (apt install chromium)" in err
    assert not list(tmp_path.iterdir())


def _page_texts(path: Path) -> list[str]:
    done = subprocess.run([str(_PDFTOTEXT), "-layout", str(path), "-"], capture_output=True,
                          check=True, timeout=60)
    return done.stdout.decode("utf-8").split("\f")[:-1]


def _headings(doc: object) -> set[str]:
    out: set[str] = set()
    for s in doc.sections:  # type: ignore[attr-defined]
        out.add(s.title)
        for b in s.blocks:
            title = getattr(b, "title", None)
            if title:
                out.add(title)
            if isinstance(b, Table):
                out.update(r.cells[0].text for r in b.rows if r.kind == "group")
    return out


@pytest.mark.skipif(_CHROMIUM is None or _PDFTOTEXT is None,
                    reason="needs Chromium and pdftotext (poppler-utils)")
@pytest.mark.parametrize("as_of", [AS_OF, STEERING_AS_OF])
def test_the_pdf_has_no_heading_left_at_a_page_foot(tmp_path: Path, as_of: object) -> None:
    session = example_session()
    out = session.report(tmp_path / "pac.pdf", as_of=as_of)  # type: ignore[arg-type]
    assert out.read_bytes().startswith(b"%PDF")
    pages = _page_texts(out)
    assert len(pages) >= 5
    ev = session.evaluate(as_of)  # type: ignore[arg-type]
    steering = session.steer(ev.as_of) if ev.as_of > ev.plan.header.plan_start else None
    doc = example_document(ev, steering=steering, fmt="html",
                           actions=None if steering else example_actions())
    headings = _headings(doc)
    for number, page in enumerate(pages[:-1], start=1):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        assert lines, f"page {number} is blank"
        # a heading (section, table, chart or PAC typology) must not end a page
        assert lines[-1] not in headings, f"page {number} ends with the heading {lines[-1]!r}"
    text = "\n".join(pages)
    for s in doc.sections:
        assert s.title in text, f"section {s.id} not printed"


def test_the_toc_numbers_are_apart_from_the_titles() -> None:
    """The table of contents numbers its entries in CSS, a no-break space after the number
    ("9. Tableau du PAC", not "Tableau du PAC10."), and the page holds no NUL character."""
    html = render_html(example_document())
    assert "\x00" not in html
    assert 'nav.toc li::before{content:counter(toc) ".\\00a0"' in html
    assert "nav.toc ol{" in html and "list-style:none" in html.split("nav.toc ol{", 1)[1][:200]
