"""Reports that stay usable with many clients (issue 13, item 4): the IPO/IPA scatter drawn
binned above a client count (weights against a plain count), the HTML page's size bounded by
the bins, not the clients; the figures' jitter and readable axes."""

from __future__ import annotations

from collections import Counter

import pytest
from report_helpers import example_evaluation

from pacspec.report.html import _scatter_svg
from pacspec.report.sections.ipo_ipa import MAX_POINTS, ipo_ipa_chart


def test_the_example_is_drawn_client_by_client() -> None:
    ev = example_evaluation()
    chart = ipo_ipa_chart(ev)
    assert chart is not None
    assert len(chart.points) <= MAX_POINTS and all(p.weight == 1 for p in chart.points)


def test_a_binned_scatter_counts_every_client_once() -> None:
    ev = example_evaluation()
    per_client = ipo_ipa_chart(ev)
    binned = ipo_ipa_chart(ev, max_points=10)
    assert per_client is not None and binned is not None
    # plain reference: clients per (IPA, IPO, ABC class)
    expected = Counter((round(p.x, 6), round(p.y, 6), p.group) for p in per_client.points)
    got = {(round(p.x, 6), round(p.y, 6), p.group): p.weight for p in binned.points}
    assert got == dict(expected)
    assert sum(p.weight for p in binned.points) == len(per_client.points)
    assert len(binned.points) < len(per_client.points)
    assert binned.title != per_client.title and str(len(per_client.points)) in binned.title


def test_the_page_grows_with_the_bins_not_the_clients() -> None:
    ev = example_evaluation()
    binned = ipo_ipa_chart(ev, max_points=10)
    assert binned is not None
    svg = _scatter_svg(binned, ev.locale)
    assert svg.count("<circle") == len(binned.points)
    assert 'class="client"' not in svg and 'data-clients="' in svg
    radii = [float(part.split('"')[0]) for part in svg.split(' r="')[1:]]
    heaviest = max(binned.points, key=lambda p: p.weight)
    assert max(radii) == pytest.approx(11.0)  # the heaviest bin gets the largest disc
    assert f'data-clients="{heaviest.weight}"' in svg


def test_figures_spread_clients_at_one_place_and_read_amounts() -> None:
    pytest.importorskip("matplotlib")
    from pacspec.report.plots import _short, ipo_ipa_figure

    ev = example_evaluation()
    fig = ipo_ipa_figure(ev)
    offsets = [tuple(xy) for c in fig.axes[0].collections
               if str(c.get_gid()).startswith("ipo-ipa-") for xy in c.get_offsets()]
    chart = ipo_ipa_chart(ev)
    assert chart is not None
    assert len(offsets) == len(chart.points)
    # clients sharing a place are spread: as many distinct positions as clients
    assert len(set(offsets)) == len(offsets)
    assert _short(12_500_000, "fr") == "12 M" and _short(1_250_000, "fr") == "1,2 M"
    assert _short(850_000, "fr") == "850 k" and _short(45, "fr") == "45"
