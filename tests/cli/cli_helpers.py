"""Plan texts shared by the CLI tests."""

from __future__ import annotations

from conftest import HEADER

BROKEN = HEADER.replace("budget_year: 2026", "budget_year: deux") + "locale: NO\n"
# an internal action due after the plan ends: a warning, nothing else
WARNED = HEADER + (
    "actions:\n"
    "  - {id: a1, title: T, type: internal, subtype: training, priority: 1, owner: DC,\n"
    "     due: 2027-06}\n"
)
COMPANY = 'ACME: "Nautique" #1'
EXISTING = "# my plan, not to be overwritten\n" + HEADER
