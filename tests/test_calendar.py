"""Day numbers and calendar months against plain-Python references; the calendar's bounds
(1900-01-01..2199-12-31) for plan dates, ``--as-of`` and the API."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from conftest import HEADER, PlanKit
from hypothesis import given, settings
from hypothesis import strategies as st
from reference import next_month_start, ref_add_months

from pacspec import EvaluationError
from pacspec.calendar import (
    CALENDAR_HINT,
    EPOCH,
    MAX_DATE,
    MAX_DAY,
    MIN_DATE,
    MIN_DAY,
    add_months,
    calendar_message,
    check_date,
    from_day,
    in_calendar,
    month_index,
    month_start,
    to_day,
)
from pacspec.cli import main
from pacspec.session import evaluate, steer

RANGE = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))
"""Dates whose moves by up to 100 years stay inside ``datetime.date``'s range."""


def ref_month_index(d: dt.date) -> int:
    """Count the month starts from 1 January 1900 (month index 1900 * 12) to ``d``'s."""
    start, index = dt.date(1900, 1, 1), 1900 * 12
    target = d.replace(day=1)
    while start < target:
        start, index = next_month_start(start), index + 1
    return index


@settings(max_examples=300, deadline=None)
@given(st.dates())
def test_day_numbers_round_trip_over_every_date(d: dt.date) -> None:
    assert from_day(to_day(d)) == d
    assert to_day(d) == d.toordinal() - EPOCH.toordinal()


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1678, 1, 1), dt.date(2261, 12, 31)), st.times())
def test_day_numbers_match_numpy_and_truncate_datetimes(d: dt.date, t: dt.time) -> None:
    assert to_day(d) == int(np.datetime64(d.isoformat(), "D").astype(np.int64))
    assert to_day(dt.datetime.combine(d, t)) == to_day(d)


def test_day_number_landmarks() -> None:
    assert to_day(dt.date(1970, 1, 1)) == 0 and from_day(0) == EPOCH
    assert to_day(dt.date(1969, 12, 31)) == -1
    assert to_day(dt.date(2000, 3, 1)) == 11017
    assert from_day(np.int64(11017)) == dt.date(2000, 3, 1)


@settings(max_examples=100, deadline=None)
@given(RANGE)
def test_month_index_counts_months(d: dt.date) -> None:
    assert month_index(d) == ref_month_index(d)
    assert month_start(month_index(d)) == d.replace(day=1)


@settings(max_examples=300, deadline=None)
@given(RANGE, st.integers(-1200, 1200))
def test_add_months_matches_the_reference(d: dt.date, months: int) -> None:
    moved = add_months(d, months)
    assert moved == ref_add_months(d, months)
    assert month_index(moved) == month_index(d) + months
    assert add_months(dt.datetime.combine(d, dt.time(12)), months) == moved


def test_add_months_clamps_to_the_month_end() -> None:
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 11, 15), 2) == dt.date(2026, 1, 15)
    assert add_months(dt.date(2025, 12, 31), -12) == dt.date(2024, 12, 31)


# ------------------------------------------------------------------ the calendar's bounds

def test_the_bounds_are_documented_constants() -> None:
    assert (dt.date(1900, 1, 1), dt.date(2199, 12, 31)) == (MIN_DATE, MAX_DATE)
    assert (to_day(MIN_DATE), to_day(MAX_DATE)) == (MIN_DAY, MAX_DAY)
    assert "1900-01-01" in CALENDAR_HINT and "2199-12-31" in CALENDAR_HINT


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.dates(), st.sampled_from([MIN_DATE, MAX_DATE, dt.date(1899, 12, 31),
                                               dt.date(2200, 1, 1)])))
def test_check_date_accepts_exactly_the_calendar(d: dt.date) -> None:
    inside = d.toordinal() in range(MIN_DATE.toordinal(), MAX_DATE.toordinal() + 1)
    assert in_calendar(d) is inside
    assert in_calendar(dt.datetime.combine(d, dt.time(23, 59))) is inside
    if inside:
        assert check_date(d) == d
    else:
        with pytest.raises(ValueError) as info:
            check_date(d, "plan_start")
        text = str(info.value)
        assert text == calendar_message(d, "plan_start")
        assert text.startswith(f"plan_start {d.isoformat()} is ")
        assert ("before 1900-01-01" if d < MIN_DATE else "after 2199-12-31") in text


PLAN_DATES = {
    "plan_start": ("  plan_start: {d}\n", 6, 15),
    "plan_end": ("  plan_start: 2026-01-01\n  plan_end: {d}\n", 7, 13),
}


@pytest.mark.parametrize("value", ["9999-06-01", "0001-01-01", "1899-12-31", "2200-01-01"])
@pytest.mark.parametrize("field", sorted(PLAN_DATES))
def test_a_plan_date_outside_the_calendar_is_a_positioned_problem(
        pac: PlanKit, field: str, value: str) -> None:
    header = HEADER.replace("  plan_start: 2026-01-01\n", PLAN_DATES[field][0].format(d=value))
    problems = pac.load_errors(header)
    problem = pac.one(problems, "value")
    assert (problem.line, problem.col) == PLAN_DATES[field][1:]
    assert problem.path == ("header", field)
    assert value in problem.message and "pacspec computes on" in problem.message


def test_an_action_due_outside_the_calendar_is_a_positioned_problem(pac: PlanKit) -> None:
    text = pac.text("""
        actions:
          - id: a1
            title: Relancer
            owner: Anne
            due: 9999-12
        """)
    problem = pac.one(pac.load_errors(text), "value")
    assert problem.path == ("actions", 0, "due") and problem.line == 11
    assert "9999-12-31 is after 2199-12-31" in problem.message


def _edge_plan(folder: Path, year: int) -> Path:
    (folder / "t.csv").write_text(f"client,date,amount\nA,{year}-01-01,10\nB,{year}-06-30,20\n"
                                  f"A,{year}-12-31,5\n", encoding="utf-8")
    plan = folder / "edge.pac.yaml"
    plan.write_text(HEADER.replace("2026", str(year)) + "data:\n  transactions:\n"
                    "    path: t.csv\n", encoding="utf-8")
    return plan


@pytest.mark.parametrize("year", [MIN_DATE.year, MAX_DATE.year])
def test_plans_at_the_edges_of_the_calendar_run(tmp_path: Path, year: int,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A plan of the first or the last year: the baseline (the day before the plan start)
    and N-1 fall outside the calendar, and still every command runs."""
    plan = str(_edge_plan(tmp_path, year))
    for args in (["evaluate", plan, "--as-of", f"{year}-12-31", "-q"],
                 ["track", plan, "--as-of", f"{year}-12-31", "--save", str(tmp_path / "h")],
                 ["track", plan, "--history", str(tmp_path / "h")],
                 ["report", plan, "-o", str(tmp_path / "r.md"), "-q"]):
        assert main(args) == 0, capsys.readouterr().err
    capsys.readouterr()


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "1899-12-31", "2200-01-01"])
@pytest.mark.parametrize("command", ["evaluate", "track", "report"])
def test_as_of_outside_the_calendar_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, value: str) -> None:
    plan = str(_edge_plan(tmp_path, 2026))
    extra = ["-o", str(tmp_path / "r.md")] if command == "report" else []
    with pytest.raises(SystemExit) as info:
        main([command, plan, "--as-of", value, *extra])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert f"--as-of: the date {value} is" in err and "2199-12-31" in err
    assert not (tmp_path / "r.md").exists()


def test_as_of_outside_the_calendar_in_the_api_is_a_problem(tmp_path: Path) -> None:
    plan = _edge_plan(tmp_path, 2026)
    for call in (evaluate, steer):
        with pytest.raises(EvaluationError) as info:
            call(plan, as_of=dt.date(2200, 1, 1))
        (problem,) = info.value.problems
        assert (problem.code, problem.file) == ("date-range", str(plan))
        assert problem.message == calendar_message(dt.date(2200, 1, 1), "as_of")
