"""The matplotlib figures: each returns a Figure with the expected artists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from report_helpers import example_evaluation, example_snapshots, example_steering

pytest.importorskip("matplotlib", reason="the plot extra (matplotlib) is not installed")

from matplotlib.figure import Figure

from pacspec.history import trend
from pacspec.i18n import label
from pacspec.report import plots


def test_pareto_figure() -> None:
    ev = example_evaluation()
    fig = plots.pareto_figure(ev)
    assert isinstance(fig, Figure)
    ax = fig.axes[0]
    curve = ax.lines[-1]
    assert len(curve.get_xdata()) == len(ev.pareto_summary().points) == 101
    assert list(curve.get_ydata()) == pytest.approx(
        [p[1] for p in ev.pareto_summary().points])
    # one marker per class end except the last, one dashed line per reference cut
    assert len(ax.collections[0].get_offsets()) == len(ev.abc_summary()) - 1
    assert len(ax.lines) == 1 + len(ev.plan.abc.reference) - 1


def test_rfm_heatmap_figure() -> None:
    ev = example_evaluation()
    fig = plots.rfm_heatmap_figure(ev)
    ax = fig.axes[0]
    matrix = ev.code_period_revenue()
    image = ax.images[0]
    assert image.get_array().shape == (len(matrix), len(matrix.periods))
    assert [t.get_text() for t in ax.get_xticklabels()] == list(matrix.periods)
    assert len(ax.texts) == len(matrix) * len(matrix.periods)


def test_ipo_ipa_figure() -> None:
    ev = example_evaluation()
    fig = plots.ipo_ipa_figure(ev)
    ax = fig.axes[0]
    dots = [c for c in ax.collections if (c.get_gid() or "").startswith("ipo-ipa-")]
    assert sum(len(c.get_offsets()) for c in dots) == len(ev.ipo_ipa_points() or ())
    groups = (*ev.plan.abc.labels, label("abc_none", ev.locale))
    assert {c.get_gid() for c in dots} <= {f"ipo-ipa-{x}" for x in groups}
    # quadrant lines at the cuts
    cuts = ev.ipo_ipa_points()
    assert cuts is not None
    assert next(ln.get_xdata()[0] for ln in ax.lines if ln.get_linestyle() == "--") == cuts.ipa_threshold
    assert len([t for t in ax.texts if t.get_text().startswith(("1 ", "2 ", "3 ", "4 "))]) == 4


def test_no_quadrant_title_covers_a_client() -> None:
    """Each quadrant title is drawn where no dot is (a band above or below the scale)."""
    fig = plots.ipo_ipa_figure(example_evaluation())
    fig.canvas.draw()
    ax = fig.axes[0]
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    dots = [c for c in ax.collections if (c.get_gid() or "").startswith("ipo-ipa-")]
    centres = [xy for c in dots for xy in ax.transData.transform(c.get_offsets())]
    titles = [t for t in ax.texts if t.get_text().startswith(("1 ", "2 ", "3 ", "4 "))]
    assert len(titles) == 4 and len(centres) > 300
    for title in titles:
        box = title.get_window_extent(renderer).expanded(1.0, 1.0)
        inside = [(x, y) for x, y in centres if box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1]
        assert inside == [], title.get_text()


def test_a_rate_target_is_named_in_the_legend_not_on_the_line() -> None:
    ev = example_evaluation()
    steering = example_steering(ev)
    fig = plots.kpi_trend_figure(example_snapshots(), steering, ev=ev)
    ax = next(a for a in fig.axes
              if any(ln.get_gid() == "trend-panier-moyen-target" for ln in a.lines))
    target = steering.kpi("panier-moyen").target
    chart = plots.trend_chart(plots.trend_of(example_snapshots(), steering), steering, ev)
    series = next(s for s in chart.series if s.key == "panier-moyen")
    named = f"{chart.target_label} {series.target_text}"
    assert named == "Cible 2\u202f800 €"
    assert named in [t.get_text() for t in ax.get_legend().get_texts()]
    assert not [t for t in ax.texts if t.get_text() == named]
    line = next(ln for ln in ax.lines if ln.get_gid() == "trend-panier-moyen-target")
    assert list(line.get_ydata()) == [target, target]


def test_kpi_trend_figure(tmp_path: Path) -> None:
    ev = example_evaluation()
    steering = example_steering(ev)
    fig = plots.kpi_trend_figure(example_snapshots(), steering, ev=ev)
    assert len(fig.axes) == len(steering.kpis)
    line = next(ln for ln in fig.axes[2].lines if ln.get_gid() == "trend-panier-moyen")
    values = [next(k["value"] for k in snap["kpis"] if k["id"] == "panier-moyen")
              for snap in reversed(example_snapshots())]
    assert list(line.get_ydata()) == pytest.approx(
        [*values, steering.kpi("panier-moyen").value], abs=0.01)
    assert list(line.get_xdata()) == [dt.date(2026, 3, 31), dt.date(2026, 4, 30),
                                      dt.date(2026, 6, 30)]
    fig.savefig(tmp_path / "trend.png")
    assert (tmp_path / "trend.png").stat().st_size > 1000


def test_trend_from_snapshots_only() -> None:
    snapshots = example_snapshots()
    fig = plots.kpi_trend_figure(snapshots)
    assert len(fig.axes) == len(snapshots[0]["kpis"])
    # a ready Trend gives the same figure
    again = plots.kpi_trend_figure(trend(snapshots))
    assert [ax.get_title(loc="left") for ax in again.axes] == [
        ax.get_title(loc="left") for ax in fig.axes]


def test_figures_are_on_an_agg_canvas() -> None:
    fig = plots.pareto_figure(example_evaluation())
    assert type(fig.canvas).__name__ == "FigureCanvasAgg"
