"""Periods aligned on a fiscal year that does not start in January (``align: fiscal``),
against a plain-Python walk over the months."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pacspec import evaluate, load_plan_text
from pacspec.engine.periods import MONTHS_PER_UNIT, period_edges, period_labels

ROOT = Path(__file__).resolve().parents[2]


def _month_start(year: int, month: int) -> dt.date:
    return dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def _ref_edges(as_of: dt.date, unit: str, count: int, include_current: bool,
               start_month: int) -> list[dt.date]:
    """Walk every month start from long before as_of: a period starts where the months
    since the fiscal start are a multiple of the step; keep the last complete ones (or the
    one containing as_of)."""
    step = MONTHS_PER_UNIT[unit]
    starts = [_month_start(as_of.year - 30, m) for m in range(1, 12 * 32)
              if (m - start_month) % step == 0]
    periods = list(itertools.pairwise(starts))
    if include_current:
        chosen = [p for p in periods if p[0] <= as_of]
    else:
        chosen = [p for p in periods if p[1] <= as_of + dt.timedelta(days=1)]
    chosen = chosen[-count:]
    return [chosen[0][0], *(b for _, b in chosen)]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2040, 12, 31)),
       st.sampled_from(["month", "quarter", "half", "year"]), st.integers(1, 8),
       st.booleans(), st.integers(1, 12))
def test_fiscal_edges_match_a_walk_over_the_months(as_of: dt.date, unit: str, count: int,
                                                   include_current: bool, start: int) -> None:
    got = period_edges(as_of, unit, count, include_current, start)  # type: ignore[arg-type]
    expected = _ref_edges(as_of, unit, count, include_current, start)
    assert [dt.date(1970, 1, 1) + dt.timedelta(days=int(d)) for d in got] == expected


def test_fiscal_labels_number_periods_within_the_fiscal_year() -> None:
    edges = period_edges(dt.date(2026, 3, 31), "quarter", 4, False, 4)
    assert period_labels(edges, "quarter", "fr", 4) == [
        "T1 2025/26", "T2 2025/26", "T3 2025/26", "T4 2025/26"]
    halves = period_edges(dt.date(2026, 3, 31), "half", 2, False, 4)
    assert period_labels(halves, "half", "en", 4) == ["H1 2025/26", "H2 2025/26"]
    assert period_labels(period_edges(dt.date(2026, 3, 31), "year", 1, False, 4), "year",
                         "fr", 4) == ["2025/26"]


def test_plan_with_align_fiscal() -> None:
    plan = load_plan_text(
        "pacspec: 1\nheader: {company: T, business_unit: U, budget_year: 2026, "
        "plan_start: 2026-04-01}\nrfm: {periods: {unit: half, count: 2, align: fiscal}}\n",
        "p.pac.yaml", ROOT)
    tx = {"client": ["a", "a"], "date": [dt.date(2025, 5, 1), dt.date(2026, 2, 1)],
          "amount": [10.0, 20.0]}
    ev = evaluate(plan, transactions=tx, as_of=dt.date(2026, 3, 31))
    assert ev.period_labels == ["S1 2025/26", "S2 2025/26"]  # type: ignore[attr-defined]
    assert ev.window == (dt.date(2025, 4, 1), dt.date(2026, 3, 31))  # type: ignore[attr-defined]
    assert ev.codes_as_text().tolist() == ["11"]  # type: ignore[attr-defined]
