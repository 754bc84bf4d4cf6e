"""write_report: format by extension, refusal to overwrite, the document model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from report_helpers import (
    example_document,
    example_evaluation,
    example_session,
    example_snapshots,
    example_steering,
)

from pacspec import PacspecError
from pacspec.engine.actions import baseline_as_of, resolve_actions
from pacspec.history import to_snapshot, trend
from pacspec.report import ReportError, report_format, write_report
from pacspec.report.document import Table, TrendChart
from pacspec.report.sections import ids as section_ids


@pytest.mark.parametrize(("name", "fmt"), [("r.html", "html"), ("R.HTM", "html"),
                                           ("r.md", "markdown"), ("r.xlsx", "xlsx")])
def test_format_by_extension(name: str, fmt: str) -> None:
    assert report_format(name) == fmt


@pytest.mark.parametrize("name", ["r.docx", "report", "r.html.bak"])
def test_unknown_extension_names_the_supported_ones(tmp_path: Path, name: str) -> None:
    with pytest.raises(ReportError) as info:
        write_report(example_evaluation(), tmp_path / name)
    problem = info.value.problems[0]
    assert problem.code == "output-format"
    assert ".html" in (problem.hint or "") and ".md" in (problem.hint or "")
    assert ".xlsx" in (problem.hint or "")
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("name", ["r.html", "r.md", "r.xlsx"])
def test_existing_file_is_kept_unless_force(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(PacspecError) as info:
        write_report(example_evaluation(), target)
    assert info.value.problems[0].code == "exists"
    assert target.read_text(encoding="utf-8") == "keep me"
    assert write_report(example_evaluation(), target, force=True) == target
    assert target.stat().st_size > 1000


def test_document_sections_and_steering_only_when_given() -> None:
    ev = example_evaluation()
    doc = example_document(ev)
    assert doc.section_ids == list(section_ids()[:-1])
    with_steering = example_document(ev, steering=example_steering(ev))
    assert with_steering.section_ids == list(section_ids())


def test_document_numbers_come_from_the_evaluation() -> None:
    ev = example_evaluation()
    doc = example_document(ev)
    abc = ev.abc_summary()
    table = doc.section("abc").table("abc-classes")
    classes = [r for r in table.data_rows if r.key != "none"]
    for row, expected in zip(classes, abc, strict=True):
        assert row.cells[1].value == expected.clients
        assert row.cells[4].value == pytest.approx(expected.revenue)
    # the clients with no revenue in the window on their own line ("sans CA")
    (none,) = [r for r in table.data_rows if r.key == "none"]
    assert none.cells[1].value == abc.unranked_clients > 0
    codes = doc.section("rfm").table("rfm-codes")
    assert [r.key for r in codes.data_rows] == [c.code for c in ev.code_distribution()]
    assert len(doc.clients.rows) == ev.n_clients


def test_pac_table_groups_and_values() -> None:
    ev = example_evaluation()
    table = example_document(ev).section("pac-table").table("pac")
    assert isinstance(table, Table)
    assert sorted(r.key for r in table.data_rows) == sorted(a.id for a in ev.plan.actions)
    groups = [r.cells[0].text for r in table.rows if r.kind == "group"]
    assert groups[0] == "Typologie n°1 : Clients VIP"
    assert groups[-1] == "Actions internes"
    rows = {r.key: r for r in table.data_rows}
    col = {c.key: i for i, c in enumerate(table.columns)}
    nautilus = rows["vip-nautilus"]
    assert nautilus.cells[col["client"]].lines == ("Plan grand compte NAUTILUS", "NAUTILUS")
    assert nautilus.cells[col["due"]].value == dt.date(2026, 12, 31)
    # the baseline is before the first progress reading (2026-03-31): none yet, 0 %
    assert nautilus.cells[col["progress"]].value == 0
    assert nautilus.cells[col["spent"]].value is None
    assert (nautilus.cells[col["type"]].text, nautilus.cells[col["horizon"]].text) == (
        "Commerciale", "MT")
    assert (nautilus.cells[col["current_revenue"]].value,
            nautilus.cells[col["target_revenue"]].value) == (522_000, 750_000)
    # ev is the baseline: CA actuel / cible are the engine's resolved figures.
    assert ev.as_of == baseline_as_of(ev.plan)
    resolved = resolve_actions(ev)
    for key, row in rows.items():
        figures = resolved.action(key)
        assert row.cells[col["current_revenue"]].value == figures.current_revenue
        assert row.cells[col["target_revenue"]].value == figures.target_revenue
    assert rows["vip-comptes-cles"].cells[col["target_revenue"]].value is not None  # growth
    assert rows["reconquete-inactifs"].cells[col["target_revenue"]].value == 90_000
    # no steering result: no computed Résultats columns
    assert "realised" not in col and "attainment" not in col
    assert [c.key for c in table.columns if c.editable] == [
        "progress", "spent", "comments", "results"]
    assert table.note is None


def test_pac_table_off_baseline_shows_the_stated_amounts() -> None:
    ev = example_session().evaluate(dt.date(2025, 9, 30))
    table = example_document(ev, actions=None).section("pac-table").table("pac")
    rows = {r.key: r for r in table.data_rows}
    col = {c.key: i for i, c in enumerate(table.columns)}
    for action in ev.plan.actions:
        assert rows[action.id].cells[col["current_revenue"]].value == action.current_revenue
        assert rows[action.id].cells[col["target_revenue"]].value == action.target_revenue
    assert rows["vip-nautilus"].cells[0].lines == ("Plan grand compte NAUTILUS", "NAUTILUS")
    assert table.note is not None and "tels que le plan les indique" in table.note


def test_abc_total_row_sums_the_class_shares() -> None:
    ev = example_evaluation()
    abc = ev.abc_summary()
    rows = example_document(ev).section("abc").table("abc-classes").rows
    (total,) = [r for r in rows if r.kind == "total"]
    assert total.cells[2].value == pytest.approx(sum(r.client_share for r in abc))
    assert total.cells[5].value == pytest.approx(sum(r.revenue_share for r in abc))


def test_steering_gives_the_pac_figures_and_the_trend() -> None:
    ev = example_evaluation()
    steering = example_steering(ev)
    doc = example_document(ev, steering=steering, snapshots=example_snapshots())
    pac = doc.section("pac-table").table("pac")
    rows = {r.key: r for r in pac.data_rows}
    col = {c.key: i for i, c in enumerate(pac.columns)}
    figures = steering.plan_actions.action("vip-comptes-cles")
    assert rows["vip-comptes-cles"].cells[col["current_revenue"]].value == figures.current_revenue
    assert rows["vip-comptes-cles"].cells[col["target_revenue"]].value == figures.target_revenue
    # the computed Résultats: the steering's realised revenue and attainment
    measured = steering.action("vip-comptes-cles")
    assert rows["vip-comptes-cles"].cells[col["realised"]].value == measured.realised
    assert rows["vip-comptes-cles"].cells[col["attainment"]].value == measured.attainment
    kpis = doc.section("steering").table("steering-kpis")
    keys = [c.key for c in kpis.columns]
    assert "trend" in keys
    status = keys.index("status")
    assert [r.cells[status].value for r in kpis.data_rows] == [k.status for k in steering.kpis]
    # Snapshots in any order; the steering result's own values are the last point.
    tr = trend([*example_snapshots(), to_snapshot(steering, "connect-plus.pac.yaml")])
    trend_col = keys.index("trend")
    for row, series in zip(kpis.data_rows, tr.kpis, strict=True):
        a, b = (p.value for p in series.points[-2:])
        assert a is not None and b is not None
        assert row.cells[trend_col].value == ("up" if b > a else "down" if b < a else "flat")
    chart = doc.section("steering").blocks[-1]
    assert isinstance(chart, TrendChart)
    assert [d.isoformat() for d in chart.dates] == ["2026-03-31", "2026-04-30", "2026-06-30"]
    assert [d.isoformat() for d, _ in chart.series[0].points] == [
        "2026-03-31", "2026-04-30", "2026-06-30"]
    # A ready Trend renders the same.
    again = example_document(ev, steering=steering, snapshots=tr)
    assert again.section("steering") == doc.section("steering")
