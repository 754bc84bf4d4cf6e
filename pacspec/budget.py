"""Budget roll-ups of the PAC table: plan-only arithmetic, shared by lint (envelope checks)
and the engine (resource allocation tables)."""

from __future__ import annotations

from pacspec.model.actions import SUBTYPES, Action, Horizon, horizon_of
from pacspec.model.plan import Plan

AXES: tuple[str, ...] = ("type", "subtype", "horizon", "owner", "priority")
"""The axes budgets add up along."""

_HORIZONS: tuple[Horizon, ...] = ("short", "medium", "long")


def _axis_keys(plan: Plan, action: Action) -> dict[str, str]:
    return {
        "type": action.type,
        "subtype": action.subtype,
        "horizon": horizon_of(plan.header.plan_start, action.due),
        "owner": action.owner,
        "priority": str(action.priority),
    }


def _axis_order(plan: Plan, axis: str) -> list[str]:
    """Canonical key order of an axis: the method's order, owners as they first appear."""
    if axis == "type":
        return list(SUBTYPES)
    if axis == "subtype":
        return [s for subtypes in SUBTYPES.values() for s in subtypes]
    if axis == "horizon":
        return list(_HORIZONS)
    if axis == "priority":
        return [str(p) for p in sorted({a.priority for a in plan.actions})]
    return list(dict.fromkeys(a.owner for a in plan.actions))


def budget_rollups(plan: Plan) -> dict[str, dict[str, float]]:
    """Action budgets added up per axis: type, subtype, horizon, owner, priority.

    Keys are text (priorities too) in the method's order; only keys with actions appear.
    Every axis adds up to the total of the action budgets."""
    sums: dict[str, dict[str, float]] = {axis: {} for axis in AXES}
    for action in plan.actions:
        for axis, key in _axis_keys(plan, action).items():
            sums[axis][key] = sums[axis].get(key, 0.0) + action.budget
    return {axis: {k: sums[axis][k] for k in _axis_order(plan, axis) if k in sums[axis]}
            for axis in AXES}
