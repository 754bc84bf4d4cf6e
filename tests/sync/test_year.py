"""A year run on workbooks: the example plan starts the year with no readings; each month
the team types rising progress and spending into a workbook made from the current plan,
``pacspec sync --write`` turns it into dated readings, and ``pacspec track`` at the end
shows the progress the readings say, moving from month to month."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from conftest import run_main
from sync_helpers import copy_example, make_workbook

from pacspec.calendar import add_months
from pacspec.loader import load_plan


def _month_ends(year: int) -> list[dt.date]:
    return [add_months(dt.date(year, m, 1), 1) - dt.timedelta(days=1) for m in range(1, 13)]


def test_a_year_of_monthly_syncs_moves_the_progress_track_shows(tmp_path: Path) -> None:
    plan = copy_example(tmp_path)
    text = plan.read_text(encoding="utf-8")
    # the start of the year: no reading yet (each `progress:`/`spent:` entry removed)
    text = re.sub(r"\n    # Avancement[^\n]*\n    #[^\n]*", "", text)
    text = re.sub(r"\n    (progress|spent): \[[^\]]*\]", "", text)
    plan.write_text(text, encoding="utf-8")
    ids = [a.id for a in load_plan(plan).plan.actions]
    assert all(a.progress == 0 and a.spent is None for a in load_plan(plan).plan.actions)
    folder = plan.parent.parent
    for month, end in enumerate(_month_ends(2026), start=1):
        book = folder / f"pac-{month:02d}.xlsx"
        edits = {}
        for n, action_id in enumerate(ids):
            edits[(action_id, "progress")] = min(1.0, month * (6 + n) / 100)
            edits[(action_id, "spent")] = 250.0 * month * (n + 1)
        edits[(ids[0], "comments")] = f"Revue du mois {month} : objectifs # suivis"
        make_workbook(plan, book, end - dt.timedelta(days=1), edits=edits)
        code, out, err = run_main(["sync", book.name, "--on", end.isoformat(), "--write"],
                                  folder)
        assert code == 1, err
        assert end.isoformat() in out
    final = {a.id: a for a in load_plan(plan).plan.actions}
    for n, action_id in enumerate(ids):
        readings = final[action_id].progress.readings  # type: ignore[attr-defined]
        days = [on for on, _ in readings]
        assert days == sorted(days) and len(days) == len(set(days))
        assert readings[-1][1] == min(100.0, 12 * (6 + n))
    assert final[ids[0]].comments == "Revue du mois 12 : objectifs # suivis"
    # steering reads the readings: progress at the data's end, then a quarter earlier
    tracked = {}
    for as_of in ("2026-10-30", "2026-07-15"):
        code, out, err = run_main(["track", "plans/connect-plus.pac.yaml", "--as-of", as_of,
                                   "--format", "json"], folder)
        assert code in (0, 1), err
        tracked[as_of] = {a["id"]: a for a in json.loads(out)["steering"]["actions"]}
    october, july = tracked["2026-10-30"], tracked["2026-07-15"]
    first = october[ids[0]]
    assert (first["progress"], first["progress_on"], first["progress_dated"]) == (
        54.0, "2026-09-30", True)  # 9 x 6 %, the reading of the end of September
    assert july[ids[0]]["progress"] == 36.0 and july[ids[0]]["progress_on"] == "2026-06-30"
    assert all(october[i]["progress"] > july[i]["progress"] for i in ids
               if july[i]["progress"] < 100)
    assert october[ids[1]]["spent"] == 250.0 * 9 * 2
