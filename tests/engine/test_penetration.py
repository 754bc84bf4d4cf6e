"""Penetration rate and reste à gagner per client and per portfolio zone, and the
over-potential warning, against plain pandas on the example."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from pacspec.engine.portfolio import penetration_headroom
from pacspec.engine.result import Evaluation, PortfolioZones
from pacspec.session import Session

EXAMPLE = Path(__file__).resolve().parents[2] / "plans" / "connect-plus.pac.yaml"


@lru_cache(maxsize=1)
def _example() -> Evaluation:
    return Session.open(EXAMPLE).evaluate(dt.date(2025, 12, 31))


def test_per_client_penetration_and_headroom_match_plain_pandas() -> None:
    ev = _example()
    df = ev.to_pandas()
    stated = df["potential"] > 0
    expected = (df["revenue"] / df["potential"]).where(stated)
    assert np.allclose(df["penetration"], expected, equal_nan=True)
    assert np.allclose(df["headroom"], df["potential"] - df["revenue"], equal_nan=True)
    assert df["penetration"].notna().sum() == stated.sum() > 0


def test_per_zone_figures_match_plain_pandas() -> None:
    ev = _example()
    zones = ev.portfolio_zones()
    assert isinstance(zones, PortfolioZones)
    df = ev.to_pandas()
    df["stated"] = df["potential"] > 0
    df["left"] = (df["potential"] - df["revenue"]).clip(lower=0).where(df["stated"], 0.0)
    for row in zones:
        part = df if row.zone == "total" else df[df["zone"] == row.zone]
        known = part[part["stated"]]
        assert row.clients == len(part)
        assert row.revenue == pytest.approx(part["revenue"].sum())
        assert row.with_potential == len(known)
        assert row.potential == pytest.approx(known["potential"].sum())
        if len(known) and known["potential"].sum() > 0:
            assert row.penetration == pytest.approx(known["revenue"].sum()
                                                    / known["potential"].sum())
        assert row.headroom == pytest.approx(part["left"].sum())
        assert row.over_potential == int((known["revenue"] > known["potential"]).sum())
    assert [r.zone for r in zones][-1] == "total"
    assert zones.to_pandas()["clients"].iloc[-1] == ev.n_clients


def test_over_potential_warning_counts_the_clients() -> None:
    ev = _example()
    df = ev.to_pandas()
    over = int((df["revenue"] > df["potential"]).sum())
    found = [p for p in ev.problems if p.code == "over-potential"]
    assert over > 0 and len(found) == 1
    stated = int(df["potential"].notna().sum())
    assert found[0].reason is not None
    assert (found[0].reason.values["over"], found[0].reason.values["known"]) == (over, stated)
    assert found[0].message.startswith(  # the example plan is French
        f"{over} clients sur les {stated} dont le potentiel est renseigné")
    assert found[0].path == ("portfolio", "attribute")


def test_penetration_headroom_edge_cases() -> None:
    pen, left = penetration_headroom(np.array([50.0, 10.0, 5.0, 0.0]),
                                     np.array([100.0, np.nan, 0.0, 20.0]))
    assert pen[0] == 0.5 and np.isnan(pen[1]) and np.isnan(pen[2]) and pen[3] == 0.0
    assert left[0] == 50.0 and np.isnan(left[1]) and left[2] == -5.0 and left[3] == 20.0


def test_repr_is_short_and_names_the_dates() -> None:
    ev = _example()
    text = repr(ev)
    assert len(text) < 300 and "\n" not in text
    assert "as of 2025-12-31" in text and "381 clients (286 active)" in text
    html = ev._repr_html_()
    assert len(html) < 5000 and "<table>" in html and "2025-01-01" in html
    points = ev.ipo_ipa_points()
    assert points is not None and len(points) > 3
    assert len(repr(points)) < 1000 and f"({len(points)} rows:" in repr(points)


def test_api_misuse_is_an_error_with_did_you_mean() -> None:
    from pacspec import EvaluationError

    ev = _example()
    for call, guess in ((lambda: ev.rule_summary("profiles"), "profile"),
                        (lambda: ev.top_clients(by="abcc"), "abc"),
                        (lambda: ev.crosstab("abc", "zonee"), "zone"),
                        (lambda: ev.column("revenu"), "revenue")):
        with pytest.raises(EvaluationError) as info:
            call()
        assert f"did you mean '{guess}'?" in (info.value.problems[0].hint or "")
