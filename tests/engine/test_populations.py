"""The populations of the analysis (DESIGN §4 v2) on any small ledger: ABC over the clients
who bought, scores over the active clients (lapsed 0, never bought none), prospects,
"new", and the warnings for scores and segments no client reaches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import reference as ref
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec import evaluate, load_plan_text
from pacspec.engine.table import Categorical

ROOT = Path(__file__).resolve().parents[2]
PLAN = f"""\
pacspec: 1
include: [{ROOT}/plans/rules/profiles-fr.rules.yaml, {ROOT}/plans/rules/rfm-segments.rules.yaml]
header: {{company: T, business_unit: U, budget_year: 2026, plan_start: 2026-01-01}}
"""
CLIENTS = ["a", "b", "c", "d", "e", "f", "g"]
AS_OF = dt.date(2025, 12, 31)
WINDOW = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))

_ROWS = st.lists(st.tuples(st.sampled_from(CLIENTS[:-1]),
                           st.dates(dt.date(2023, 6, 1), dt.date(2025, 12, 31)),
                           st.sampled_from([0.0, -20.0, 10.0, 35.5, 100.0, 250.0, 1000.0])),
                 max_size=30)


def _evaluate(rows: list[tuple[str, dt.date, float]]) -> object:
    plan = load_plan_text(PLAN, "p.pac.yaml", ROOT)
    tx = {"client": [r[0] for r in rows], "date": [r[1] for r in rows],
          "amount": [r[2] for r in rows]}
    return evaluate(plan, transactions=tx, clients={"client": CLIENTS}, as_of=AS_OF)


def _plain(rows: list[tuple[str, dt.date, float]]) -> dict[str, dict[str, object]]:
    """Per client in plain Python: window revenue, distinct purchase days in the window,
    first and last purchase (a line with an amount > 0)."""
    out: dict[str, dict[str, object]] = {}
    for c in CLIENTS:
        mine = [r for r in rows if r[0] == c and r[1] <= AS_OF]
        inside = [r for r in mine if WINDOW[0] <= r[1] <= WINDOW[1]]
        bought = sorted(r[1] for r in mine if r[2] > 0)
        out[c] = {"revenue": round(sum(r[2] for r in inside), 2),
                  "days": len({r[1] for r in inside if r[2] > 0}),
                  "first": bought[0] if bought else None,
                  "last": bought[-1] if bought else None}
    return out


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(_ROWS)
def test_populations_on_any_ledger(rows: list[tuple[str, dt.date, float]]) -> None:
    ev = _evaluate(rows)
    plain = _plain(rows)
    table = ev.table()  # type: ignore[attr-defined]
    ids = list(table["client"])
    revenue = np.array([plain[c]["revenue"] for c in ids])
    active = revenue > 0
    bought = np.array([plain[c]["first"] is not None for c in ids])
    assert np.allclose(np.asarray(table["revenue"], dtype=float), revenue)

    # ABC partitions the ranked clients (the clients who bought in the window)
    abc = ev.columns["abc"]  # type: ignore[attr-defined]
    assert isinstance(abc, Categorical)
    assert np.array_equal(abc.codes >= 0, active)
    summary = ev.abc_summary()  # type: ignore[attr-defined]
    assert sum(r.clients for r in summary) == summary.total_clients == int(active.sum())
    assert summary.unranked_clients == int((~active).sum())
    assert abc.codes[active].tolist() == [
        c for c in ref.ref_abc_classes(revenue.tolist(), (0.80, 0.95), "revenue") if c >= 0]

    # scores: every active client 1..n, lapsed 0, never bought none; equal values equal
    # scores; the cut points are the plain quantiles of the active clients' values
    recency = np.array([(AS_OF - plain[c]["last"]).days if plain[c]["last"] else 0  # type: ignore[operator]
                        for c in ids], dtype=float)
    days = np.array([plain[c]["days"] for c in ids], dtype=float)
    for name, values, higher in (("r", recency, False), ("f", days, True),
                                 ("m", revenue, True)):
        score = np.asarray(ev.columns[name], dtype=float)  # type: ignore[attr-defined]
        assert np.all((score[active] >= 1) & (score[active] <= 5))
        assert np.all(score[bought & ~active] == 0)
        assert np.all(np.isnan(score[~bought]))
        for v in np.unique(values[active]):
            assert len(np.unique(score[active & (values == v)])) == 1
        expected, _ = ref.ref_quantile_scores(values.tolist(), 5, higher, active.tolist())
        assert score[active].tolist() == [s for s, a in zip(expected, active, strict=True) if a]

    # prospects: never a line with an amount > 0 (0 € lines are not purchases)
    profile = ev.columns["profile"]  # type: ignore[attr-defined]
    assert isinstance(profile, Categorical)
    assert np.array_equal(profile.isin(["prospect"]), ~bought)
    # "new": first purchase ever inside the window
    new = np.array([plain[c]["first"] is not None
                    and WINDOW[0] <= plain[c]["first"] <= WINDOW[1] for c in ids])  # type: ignore[operator]
    assert np.array_equal(np.asarray(ev.columns["new"]), new)  # type: ignore[attr-defined]

    # a score no active client reaches is a warning, with the cut points
    codes = [p.code for p in ev.problems]  # type: ignore[attr-defined]
    reached = {n: set(np.asarray(ev.columns[n])[active].tolist())  # type: ignore[attr-defined]
               for n in ("r", "f", "m")}
    expected_warnings = sum(1 for n in reached if active.any() and len(reached[n]) < 5)
    assert codes.count("score-unreached") == expected_warnings


def test_zero_lines_are_not_purchases() -> None:
    # "a" has only a free-goods line at 0: a prospect, no score; "b" bought once
    ev = _evaluate([("a", dt.date(2025, 3, 1), 0.0), ("b", dt.date(2025, 3, 1), 10.0)])
    table = ev.table()  # type: ignore[attr-defined]
    row = {c: i for i, c in enumerate(table["client"])}
    assert table["profile"][row["a"]] == "prospect"
    assert np.isnan(table["r"][row["a"]])
    assert table["profile"][row["b"]] == "nouveau"


def test_unreached_scores_and_empty_segments_are_warnings() -> None:
    # six active clients with one purchase day each: every F is 1, so F reaches only 1
    rows = [(c, dt.date(2025, 2, 1 + i), 10.0 * (i + 1)) for i, c in enumerate(CLIENTS[:6])]
    ev = _evaluate(rows)
    found = {p.code: p for p in ev.problems}  # type: ignore[attr-defined]
    assert "score F (fréquence) : les niveaux 2, 3, 4, 5 sur 1..5" in found[
        "score-unreached"].message  # a plan without a locale is French
    empty = [p for p in ev.problems if p.code == "segment-empty"]  # type: ignore[attr-defined]
    segment = ev.columns["segment"]  # type: ignore[attr-defined]
    assert isinstance(segment, Categorical)
    counts = segment.counts()
    assert {p.path[1] for p in empty} == {i for i in range(len(segment.categories))
                                           if counts[i] == 0}
    assert empty


def test_short_history_warns_with_the_dates() -> None:
    # the export starts at the window's start: everyone who bought looks new
    rows = [(c, dt.date(2025, 1, 2 + i), 10.0) for i, c in enumerate(CLIENTS[:4])]
    ev = _evaluate(rows)
    (short,) = [p for p in ev.problems if p.code == "short-history"]  # type: ignore[attr-defined]
    assert "commencent le 02/01/2025" in short.message
    assert "du 01/01/2025 au 31/12/2025" in short.message
    assert "les 4 clients comptés comme nouveaux" in short.message
    assert short.hint is not None and "avant le 01/01/2025" in short.hint
    # one line before the window is history enough
    longer = _evaluate([("a", dt.date(2024, 12, 31), 5.0), *rows])
    assert "short-history" not in {p.code for p in longer.problems}  # type: ignore[attr-defined]
