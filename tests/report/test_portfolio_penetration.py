"""Zone penetration in the report's portfolio section and in ``evaluate --format json``,
against a plain walk over the client table."""

from __future__ import annotations

import json

import pytest
from conftest import EXAMPLE_PLAN
from report_helpers import AS_OF, example_document, example_evaluation

from pacspec.cli import main


def _reference() -> dict[str, tuple[int, float, float]]:
    """zone -> (clients with a potential > 0, their potential, reste à gagner)."""
    table = example_evaluation().table()
    out: dict[str, list[float]] = {}
    for zone, pot, rev in zip(table["zone"], table["potential"], table["revenue"], strict=True):
        if not pot > 0:  # NaN or <= 0: no stated potential
            continue
        for key in (zone, "total"):
            acc = out.setdefault(key, [0, 0.0, 0.0])
            acc[0] += 1
            acc[1] += pot
            acc[2] += max(0.0, pot - rev)
    return {k: (int(v[0]), v[1], v[2]) for k, v in out.items()}


def test_the_portfolio_section_shows_penetration_per_zone() -> None:
    table = example_document().section("portfolio").table("portfolio-penetration")
    reference = _reference()
    for row in table.rows:
        n, potential, headroom = reference.get(row.key or "", (0, 0.0, 0.0))
        assert row.cells[3].value == n
        assert row.cells[4].value == pytest.approx(potential)
        assert row.cells[6].value == pytest.approx(headroom)
    assert table.rows[-1].kind == "total" and table.rows[-1].cells[0].text == "Total"


def test_evaluate_json_has_the_penetration(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", str(EXAMPLE_PLAN), "--as-of", AS_OF.isoformat(),
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = data["portfolio"]["penetration"]
    assert rows[-1]["zone"] == "total" and rows[-1]["label"] == "Total"
    assert rows[-1]["headroom"] == pytest.approx(_reference()["total"][2])
    assert all(r["label"] and r["label"] != r["zone"] for r in rows)  # in words
