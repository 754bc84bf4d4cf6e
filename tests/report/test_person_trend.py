"""The KPI trend (issue 10 item 5, issue 13 item 5): each point carries what was expected by
its date (the phased target), N−1 to date and the landing, which the snapshots hold; the
year to date is drawn against the phased target, not the annual one; the text trend shows
the change on N−1 and the landing at each date. References are read from the snapshot
dicts themselves, by hand."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import pytest
from report_helpers import example_session

from pacspec.engine.steering import DAYS_PER_MONTH, SteeringResult
from pacspec.history import to_snapshot, trend
from pacspec.report.document import TrendChart, TrendChartSeries
from pacspec.report.sections.steering import trend_chart

DATES = (dt.date(2026, 2, 28), dt.date(2026, 4, 30), dt.date(2026, 6, 30))
START = dt.date(2026, 1, 1)


@lru_cache(maxsize=4)
def steer(as_of: dt.date) -> SteeringResult:
    return example_session().steer(as_of)


@lru_cache(maxsize=1)
def snapshots() -> tuple[dict[str, Any], ...]:
    return tuple(to_snapshot(steer(d), "connect-plus.pac.yaml") for d in DATES)


def chart() -> TrendChart:
    last = steer(DATES[-1])
    return trend_chart(trend(list(snapshots())), last, example_session().evaluate(DATES[-1]))


def _series(kid: str) -> TrendChartSeries:
    return next(s for s in chart().series if s.key == kid)


def _kpi(snap: dict[str, Any], kid: str) -> dict[str, Any]:
    return next(k for k in snap["kpis"] if k["id"] == kid)


def _months(d: dt.date) -> float:
    return ((d - START).days + 1) / DAYS_PER_MONTH


def test_a_cumulative_kpi_is_drawn_against_its_phased_target() -> None:
    s = _series("visites")
    assert s.cumulative
    expected = [(d, _kpi(snap, "visites")["expected"]) for d, snap in zip(DATES, snapshots(),
                                                                           strict=True)]
    assert [d for d, _ in s.expected] == list(DATES)
    assert [v for _, v in s.expected] == pytest.approx([v for _, v in expected])
    n1 = [_kpi(snap, "visites")["n1_value"] for snap in snapshots()]
    assert [v for _, v in s.n1] == pytest.approx(n1)
    last = _kpi(snapshots()[-1], "visites")
    assert s.landing == pytest.approx(last["projection"])
    assert s.annual_target == pytest.approx(last["annual_target"])
    # the phased target grows with the year: never the flat annual target
    assert s.expected[0][1] < s.expected[-1][1] < last["annual_target"]


def test_a_per_month_kpi_is_per_month_at_every_date() -> None:
    s = _series("commandes-mois")
    for (d, value), (d2, expected), snap in zip(s.points, s.expected, snapshots(), strict=True):
        assert d == d2
        k = _kpi(snap, "commandes-mois")
        assert value == pytest.approx(k["value"] / _months(d))
        assert expected == pytest.approx(k["expected"] / _months(d))
    last = _kpi(snapshots()[-1], "commandes-mois")
    months = steer(DATES[-1]).months_in_plan
    assert s.landing == pytest.approx(last["projection"] / months)
    assert s.annual_target == pytest.approx(last["target"])  # 45 a month


def test_a_rate_keeps_its_own_target_and_has_no_landing() -> None:
    s = _series("retention")
    assert not s.cumulative and s.landing is None and s.target == pytest.approx(0.85)


def test_an_old_snapshot_without_the_new_fields_still_trends() -> None:
    old = [{"as_of": d.isoformat(), "kpis": [
        {"id": k["id"], "value": k["value"], "attainment": k["attainment"],
         "status": k["status"]} for k in snap["kpis"]], "actions": []}
        for d, snap in zip(DATES[:2], snapshots()[:2], strict=True)]
    tr = trend([*old, snapshots()[-1]])
    s = next(x for x in trend_chart(tr, steer(DATES[-1])).series if x.key == "visites")
    assert len(s.points) == 3 and [d for d, _ in s.expected] == [DATES[-1]]


def test_the_figure_draws_expected_n1_and_landing() -> None:
    pytest.importorskip("matplotlib")
    from pacspec.report.plots import kpi_trend_figure

    fig = kpi_trend_figure(list(snapshots()[:-1]), steer(DATES[-1]),
                           ev=example_session().evaluate(DATES[-1]))
    lines = {ln.get_gid(): ln for ax in fig.axes for ln in ax.get_lines() if ln.get_gid()}
    expected = lines["trend-visites-expected"]
    assert list(expected.get_ydata()) == pytest.approx(
        [_kpi(s, "visites")["expected"] for s in snapshots()])
    assert list(lines["trend-visites-n1"].get_ydata()) == pytest.approx(
        [_kpi(s, "visites")["n1_value"] for s in snapshots()])
    texts = [t for ax in fig.axes for t in ax.texts if t.get_gid() == "trend-visites-landing"]
    assert texts and texts[0].get_text().startswith("Atterrissage")


def test_html_and_markdown_show_the_phased_target_n1_and_landing() -> None:
    from pacspec.report.document import build_document
    from pacspec.report.html import render_html
    from pacspec.report.markdown import render_markdown

    last = steer(DATES[-1])
    doc = build_document(example_session().evaluate(DATES[-1]), steering=last,
                         snapshots=list(snapshots()[:-1]))
    page = render_html(doc)
    assert page.count('class="expected"') >= 1 and page.count('class="n1"') >= 1
    assert "Atterrissage : " in page and "tirets : attendu à date" in page
    md = render_markdown(doc)
    head = next(line for line in md.splitlines() if line.startswith("| Indicateur | 28/02"))
    assert head.rstrip(" |").endswith("Attendu | N−1 à date | Atterrissage")


def test_the_text_trend_shows_change_and_landing_by_date() -> None:
    from pacspec.report.steering import render_trend

    text = render_trend(trend(list(snapshots())), "fr")
    assert "Indicateur — Évol. N−1" in text and "Indicateur — Atterrissage" in text
    line = next(x for x in text.splitlines() if x.startswith("visites") and "%" in x
                and "ROUGE" not in x and "vert" not in x and "orange" not in x)
    changes = [_kpi(s, "visites")["change"] for s in snapshots()]
    assert len(line.split()) == 1 + 2 * len(changes)  # "-4,8 %" per date
    assert f"{changes[0] * 100:+.1f}".replace(".", ",") in line


def test_the_workbook_trend_has_expected_n1_and_landing(tmp_path: Any) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from pacspec.report.document import build_document
    from pacspec.report.xlsx import write_xlsx

    doc = build_document(example_session().evaluate(DATES[-1]), steering=steer(DATES[-1]),
                         snapshots=list(snapshots()[:-1]), fmt="xlsx")
    write_xlsx(doc, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["Pilotage"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    head = next(r for r in rows if r and r[0] == "Indicateur" and "28/02/2026" in r)
    line = next(r for r in rows[rows.index(head):] if r and r[0] == "Visites clients")
    last = _kpi(snapshots()[-1], "visites")
    got = dict(zip(head, line, strict=False))
    assert got["Attendu"] == pytest.approx(last["expected"])
    assert got["N−1 à date"] == pytest.approx(last["n1_value"])
    assert got["Atterrissage"] == pytest.approx(last["projection"])
    assert got["Objectif annuel"] == pytest.approx(last["annual_target"])
