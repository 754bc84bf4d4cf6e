"""Draw the charts the documentation shows, from the CONNECT+ example.

Run by hand, from the repository root, after a change to the example or to the charts:

    python docs/make_images.py

It evaluates ``plans/connect-plus.pac.yaml`` on its bundled data and writes, with
:mod:`pacspec.report.plots` (needs matplotlib, the ``plot`` extra), into ``docs/images/``:

* ``pareto.png``: the Pareto curve with the ABC classes, at the plan's baseline (2025-12-31);
* ``rfm-heatmap.png``: revenue per RFM purchase code and quarter, same date;
* ``ipo-ipa.png``: the clients on the IPO/IPA grid, same date;
* ``kpi-trend.png``: the KPIs at three steering dates (2026-03-31, 2026-06-30, 2026-09-30),
  computed in memory: no snapshot file is written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pacspec import Session
from pacspec.history import to_snapshot
from pacspec.report.plots import (
    ipo_ipa_figure,
    kpi_trend_figure,
    pareto_figure,
    rfm_heatmap_figure,
)

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "connect-plus.pac.yaml"
OUT = Path(__file__).resolve().parent / "images"
BASELINE = dt.date(2025, 12, 31)
STEERING_DATES = (dt.date(2026, 3, 31), dt.date(2026, 6, 30), dt.date(2026, 9, 30))
DPI = 100


def main() -> None:
    OUT.mkdir(exist_ok=True)
    session = Session.open(PLAN)  # the data is read once; every evaluation below reuses it
    ev = session.evaluate(BASELINE)

    figures = {
        "pareto.png": pareto_figure(ev),
        "rfm-heatmap.png": rfm_heatmap_figure(ev),
        "ipo-ipa.png": ipo_ipa_figure(ev),
    }
    results = [session.steer(day) for day in STEERING_DATES]
    earlier = [to_snapshot(r, str(PLAN)) for r in results[:-1]]
    trend = kpi_trend_figure(earlier, results[-1], ev=ev)
    # a little wider than the default, so that the long objective titles do not overlap
    width, height = trend.get_size_inches()
    trend.set_size_inches(max(width, 12.6), height)
    figures["kpi-trend.png"] = trend

    for name, fig in figures.items():
        path = OUT / name
        fig.savefig(path, dpi=DPI)
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
