"""Charts as matplotlib figures (the ``plot`` extra): the Pareto / ABC curve, the RFM code x
period heatmap, the IPO/IPA scatter with its quadrants, and KPI trends across snapshots.

Each function returns a :class:`matplotlib.figure.Figure` on an Agg canvas, built without
pyplot (no global state, nothing shown): save it with ``fig.savefig("x.png")`` or display
it in a notebook. The figures draw the same chart data as the HTML report
(:mod:`pacspec.report.document`), so they show the same numbers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pacspec.diagnostics import Problem
from pacspec.i18n import colon, label, percent
from pacspec.reasons import Reason
from pacspec.report import palette
from pacspec.report.cells import date_text
from pacspec.report.sections.abc import pareto_chart
from pacspec.report.sections.ipo_ipa import ipo_ipa_chart
from pacspec.report.sections.rfm import heatmap_chart
from pacspec.report.sections.steering import trend_chart, trend_of

if TYPE_CHECKING:
    from pacspec.engine.result import Evaluation
    from pacspec.engine.steering import SteeringResult
    from pacspec.history import Snapshot, Trend

__all__ = ["ipo_ipa_figure", "kpi_trend_figure", "pareto_figure", "rfm_heatmap_figure"]

_CLASS_COLOURS = palette.CLASS_COLOURS
_QUADRANT_COLOURS = palette.QUADRANT_COLOURS
_STATUS_COLOURS = palette.STATUS_COLOURS


def _short(value: float, loc: str) -> str:
    """An axis value as read on a chart: ``1,2 M``, ``850 k``, ``45`` (in the locale)."""
    from pacspec.i18n import number

    size = abs(value)
    if size >= 1e6:
        return f"{number(value / 1e6, loc, 1 if size < 1e7 else 0)} M"
    if size >= 1e4:
        return f"{number(value / 1e3, loc, 0)} k"
    return number(value, loc, 0 if float(value).is_integer() or size >= 100 else 1)


def _figure(width: float, height: float) -> Any:
    """A new Figure on an Agg canvas (no pyplot, no interactive backend)."""
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        from pacspec.report import ReportError

        raise ReportError([Problem(
            "error", "missing-dependency", "matplotlib is not installed",
            hint="install the plot extra: pip install 'pacspec[plot]'",
            reason=Reason("file_not_installed", {"module": "matplotlib", "extra": "plot"}))]
        ) from None
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _percent_axis(axis: Any, loc: str) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: percent(v, loc, 0)))


def pareto_figure(ev: Evaluation) -> Any:
    """The Pareto curve of revenue with the ABC classes and the reference split."""
    chart = pareto_chart(ev)
    loc = chart.locale
    fig = _figure(7.0, 4.6)
    ax = fig.add_subplot()
    start = 0.0
    for i, (name, end, _) in enumerate(chart.classes):
        colour = _CLASS_COLOURS[min(i, len(_CLASS_COLOURS) - 1)]
        if end > start:
            ax.axvspan(start, end, color=colour, alpha=0.10, lw=0)
            ax.text((start + end) / 2, 1.02, name, ha="center", va="bottom", color=colour,
                    fontweight="bold", transform=ax.get_xaxis_transform())
        start = end
    for name, share in chart.reference[:-1]:
        ax.axvline(share, color=palette.GUIDE, ls="--", lw=1)
        ax.text(share + 0.01, 0.03, f"{chart.reference_label} {name} {percent(share, loc, 0)}",
                fontsize=8, color=palette.MUTED)
    xs = [p[0] for p in chart.points]
    ys = [p[1] for p in chart.points]
    ax.plot(xs, ys, color=palette.ACCENT, lw=2.2, label=chart.title)
    ends = chart.classes[:-1]
    ax.scatter([c[1] for c in ends], [c[2] for c in ends], color=palette.ACCENT, zorder=3, s=25)
    for name, cx, cy in ends:
        ax.annotate(f"{name}{colon(loc)}{percent(cx, loc)} → {percent(cy, loc)}", (cx, cy),
                    xytext=(8, -14), textcoords="offset points", fontsize=8.5,
                    fontweight="bold")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.0)
    _percent_axis(ax.xaxis, loc)
    _percent_axis(ax.yaxis, loc)
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    ax.grid(color=palette.GRID, lw=0.8)
    fig.suptitle(chart.title, fontweight="bold")
    return fig


def rfm_heatmap_figure(ev: Evaluation) -> Any:
    """Revenue per RFM code (rows) and period (columns), each cell labelled."""
    chart = heatmap_chart(ev)
    n_rows, n_cols = len(chart.rows), len(chart.cols)
    fig = _figure(2.0 + 1.25 * n_cols, 1.2 + 0.32 * max(n_rows, 1))
    ax = fig.add_subplot()
    values = [[max(v, 0.0) for v in row] for row in chart.values]
    top = max((v for row in values for v in row), default=0.0) or 1.0
    image = ax.imshow([[math.sqrt(v / top) for v in row] for row in values] or [[0.0]],
                      cmap="Blues", vmin=0, vmax=1, aspect="auto")
    for i in range(n_rows):
        for j in range(n_cols):
            v = chart.values[i][j]
            dark = v > 0 and math.sqrt(v / top) > 0.55
            ax.text(j, i, chart.texts[i][j] if v > 0 else "–", ha="center", va="center",
                    fontsize=8, color="white" if dark else palette.INK)
    ax.set_xticks(range(n_cols), list(chart.cols))
    ax.set_yticks(range(n_rows), [f"{c}  ({n})" for c, n in zip(chart.rows, chart.row_notes,
                                                                  strict=False)],
                  fontfamily="monospace")
    ax.xaxis.tick_top()
    ax.set_ylabel(f"{chart.row_title} ({chart.row_notes_title.lower()})")
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    image.set_gid("rfm-heatmap")
    fig.suptitle(chart.title, fontweight="bold")
    return fig


def ipo_ipa_figure(ev: Evaluation) -> Any:
    """The clients on the IPO/IPA grid (IPA across, IPO up), quadrants shaded and labelled,
    dots coloured by ABC class."""
    chart = ipo_ipa_chart(ev)
    if chart is None:
        from pacspec.report import ReportError

        raise ReportError([Problem("error", "no-ipo-ipa", "the plan has no IPO/IPA matrix",
                                   hint="add an ipo_ipa section to the plan")])
    fig = _figure(6.4, 5.6)
    ax = fig.add_subplot()
    lo, hi = chart.scale
    pad = (hi - lo) * 0.06
    # a band above and below the scale's range (where no client's notes can put him, the
    # sunflower spread included) holds the quadrants' titles, so that no title covers a dot
    band = (hi - lo) * 0.11
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(lo - pad - band, hi + pad + band)
    corners = ((chart.x_cut, hi + pad, chart.y_cut, hi + pad + band),
               (lo - pad, chart.x_cut, chart.y_cut, hi + pad + band),
               (chart.x_cut, hi + pad, lo - pad - band, chart.y_cut),
               (lo - pad, chart.x_cut, lo - pad - band, chart.y_cut))
    places = (("right", "top"), ("left", "top"), ("right", "bottom"), ("left", "bottom"))
    for (qid, qlabel), (x0, x1, y0, y1), (ha, va) in zip(chart.quadrants, corners, places,
                                                         strict=False):
        ax.fill_between([x0, x1], y0, y1, color=_QUADRANT_COLOURS.get(qid, "#f3f3f3"), lw=0,
                        zorder=0)
        ax.text(x1 - 0.05 if ha == "right" else x0 + 0.05,
                y1 - band * 0.2 if va == "top" else y0 + band * 0.2, qlabel, ha=ha, va=va,
                fontsize=8.5,
                fontweight="bold", color=palette.LABEL, zorder=4)
    ax.axvline(chart.x_cut, color=palette.MUTED, ls="--", lw=1.2, zorder=1)
    ax.axhline(chart.y_cut, color=palette.MUTED, ls="--", lw=1.2, zorder=1)
    # Clients at the same place (the notes are few, so many share one) are spread on a small
    # sunflower around it, so that each stays visible; a binned chart (points standing for
    # several clients) draws areas in proportion to them instead.
    heaviest = max((p.weight for p in chart.points), default=1)
    step = 0.035 * ((hi - lo) or 1.0)
    seen: dict[tuple[float, float], int] = {}
    placed: dict[int, tuple[float, float]] = {}
    for p in chart.points:
        spot = (round(p.x, 6), round(p.y, 6))
        k = seen.get(spot, 0)
        seen[spot] = k + 1
        r, angle = (step * (1.6 if heaviest > 1 else 1.0)) * math.sqrt(k), k * 2.39996
        placed[id(p)] = (p.x + r * math.cos(angle), p.y + r * math.sin(angle))
    for i, group in reversed(list(enumerate(chart.groups))):
        members = [p for p in chart.points if p.group == group]
        if not members:
            continue
        sizes = ([14 + 320 * p.weight / heaviest for p in members] if heaviest > 1 else 22)
        ax.scatter([placed[id(p)][0] for p in members], [placed[id(p)][1] for p in members],
                   s=sizes, alpha=0.8,
                   color=_CLASS_COLOURS[min(i, len(_CLASS_COLOURS) - 1)],
                   edgecolors="white", linewidths=0.5, zorder=3 + (len(chart.groups) - i) / 10,
                   label=f"{chart.group_title} {group}", gid=f"ipo-ipa-{group}")
    ax.set_xlabel(chart.x_label)
    ax.set_ylabel(chart.y_label)
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="upper center", bbox_to_anchor=(0.5, -0.12),
              ncol=max(len(labels), 1), frameon=False, fontsize=8.5)
    fig.suptitle(chart.title, fontweight="bold")
    return fig


def kpi_trend_figure(snapshots: Trend | Sequence[Snapshot | Mapping[str, Any]],
                     steering: SteeringResult | None = None, *,
                     ev: Evaluation | None = None, locale: str = "fr") -> Any:
    """One small line chart per KPI across the ``snapshots`` (and ``steering``, the latest
    result, if given): the value to date against what was expected by each date (the
    target phased, dashed; a rate or an average against its target line), N−1 to date
    dotted, and the year-end landing beside the target for the year; the title coloured
    by the last status. ``snapshots`` are
    snapshot files read back, :func:`~pacspec.history.to_snapshot` dicts, or a
    :class:`~pacspec.history.Trend`; ``ev`` supplies labels from the plan."""
    from pacspec.history import Trend as _Trend

    tr = trend_of(snapshots, steering) or _Trend(dates=[])
    chart = trend_chart(tr, steering, ev, locale=locale)
    loc = ev.locale if ev is not None else locale
    series = [s for s in chart.series if s.points]
    n = max(len(series), 1)
    cols = min(n, 3)
    rows = math.ceil(n / cols)
    fig = _figure(3.6 * cols, 2.5 * rows + 0.5)
    if not series:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, label("rep_not_stated", loc), ha="center", va="center")
        ax.set_axis_off()
    for k, s in enumerate(series):
        ax = fig.add_subplot(rows, cols, k + 1)
        dates = [d for d, _ in s.points]
        values = [v for _, v in s.points]
        ax.plot(dates, values, marker="o", color=palette.ACCENT, lw=2, ms=4, gid=f"trend-{s.key}",
                label=label("realised", loc))
        flat = s.target is not None and all(abs(v - s.target) < 1e-9 for _, v in s.expected)
        if s.expected and not (flat and not s.cumulative):
            # the phased target: what the value to date is judged against
            ax.plot([d for d, _ in s.expected], [v for _, v in s.expected], color=palette.GUIDE,
                    ls="--", lw=1.2, marker="_", gid=f"trend-{s.key}-expected",
                    label=label("expected", loc))
        if s.n1:
            ax.plot([d for d, _ in s.n1], [v for _, v in s.n1], color=palette.MUTED, ls=":",
                    lw=1.2, marker=".", ms=4, gid=f"trend-{s.key}-n1",
                    label=label("n1_to_date", loc))
        rate_target = s.target is not None and not s.cumulative
        if rate_target:  # a rate: its target itself, named in the legend (a label on the
            # line would sit on the last point, which is where the eye goes)
            ax.axhline(s.target, color=palette.GUIDE, ls="-.", lw=0.8,
                       gid=f"trend-{s.key}-target",
                       label=f"{chart.target_label} {s.target_text}")
        if s.landing is not None:  # the landing beside the year's target, in words
            ax.text(0.02, 0.96, f"{label('projection', loc)}{colon(loc)}{s.landing_text}"
                    f" / {s.annual_target_text}", transform=ax.transAxes, ha="left",
                    va="top", fontsize=7.5, color=palette.INK, gid=f"trend-{s.key}-landing")
        if s.expected or s.n1 or rate_target:
            ax.legend(fontsize=6.5, loc="best", frameon=True, framealpha=0.85,
                      edgecolor="none")
        title_colour = _STATUS_COLOURS.get(str(s.status), palette.INK)
        ax.set_title(f"● {s.label}" if s.status in _STATUS_COLOURS else s.label, fontsize=9.5,
                     color=title_colour, loc="left", fontweight="bold")
        from matplotlib.ticker import FuncFormatter

        if s.is_rate:
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: percent(v, loc, 0)))
        else:  # readable amounts: 1,2 M / 850 k, never the offset notation 1e7
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _short(v, loc)))
        ax.tick_params(labelsize=7.5)
        ticks = sorted({d for d, _ in (*s.points, *s.expected, *s.n1)})
        ax.set_xticks(ticks, [date_text(d, loc)[:5] for d in ticks])  # the snapshots' dates
        for tick in ax.get_xticklabels():
            tick.set_rotation(30)
            tick.set_ha("right")
        ax.grid(color=palette.GRID, lw=0.6)
    fig.suptitle(chart.title, fontweight="bold")
    return fig
