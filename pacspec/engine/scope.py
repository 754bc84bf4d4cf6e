"""The scope of a document for one person (DESIGN §5 "Views": a report per person): a set
of actions, a set of clients and who it is for.

- **An action owner** (``owner``: the plan's roles, KAM, SED1...): his actions, whole, and
  the clients they target.
- **A salesperson of the client register** (``commercial``: the column the plan maps as
  ``data.clients.columns.commercial``): his clients, and the actions that target at least
  one of them, each cut to his clients by :func:`pacspec.engine.views.split_action` (the
  computation of the register views, not a second one): CA actuel, CA cible where it can be
  split, realised, N−1; budgets only where the action's clients are all his.

The engine resolves a scope; the session asks for it by name and the report lays it out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np

from pacspec.engine.table import Categorical
from pacspec.engine.views import (
    ActionPart,
    GroupKpi,
    client_groups_of,
    share_revenue,
    split_action,
    view,
)
from pacspec.reasons import Reason

if TYPE_CHECKING:
    from pacspec.engine.actions import PlanActions
    from pacspec.engine.result import Evaluation
    from pacspec.engine.steering import SteeringResult

__all__ = ["SCOPE_KINDS", "ClientGroup", "Scope", "ScopeKind", "ScopedClient", "client_lists",
           "commercial_keys", "commercial_scope", "owner_scope", "owners"]

ScopeKind = Literal["owner", "commercial"]
SCOPE_KINDS: tuple[ScopeKind, ...] = ("owner", "commercial")


@dataclass
class Scope:
    """A document for one person: the actions it shows (plan order), the clients it lists
    (a mask over the baseline's clients), and, with a steering result, each action's part
    in the scope and the KPIs that have a quota for him."""

    kind: ScopeKind
    key: str
    """The owner (``SED1``) or the salesperson as the register writes him."""
    actions: tuple[str, ...]
    clients: np.ndarray
    """Boolean mask over the clients of the baseline (the same ledger as the report's)."""
    total_actions: int
    """The plan's actions (for "1 of 9")."""
    parts: dict[str, ActionPart] = field(default_factory=dict)
    """Each action's part in the scope (by owner: the whole action), with a steering
    result."""
    kpis: list[GroupKpi] = field(default_factory=list)
    """The KPIs with a quota for this person, measured on his clients (``commercial``)."""

    @property
    def n_clients(self) -> int:
        return int(self.clients.sum())

    def has(self, action_id: str) -> bool:
        return action_id in self.actions


def owners(actions: PlanActions) -> list[str]:
    """The action owners of a plan, in order of first appearance."""
    return list(dict.fromkeys(a.owner for a in actions.actions))


def owner_scope(actions: PlanActions, owner: str,
                steering: SteeringResult | None = None) -> Scope:
    """The document of the owner ``owner``: his actions and the clients they target."""
    mine = [a for a in actions.actions if a.owner == owner]
    mask = np.zeros(actions.baseline.n_clients, dtype=bool)
    for a in mine:
        mask[a.clients] = True
    scope = Scope("owner", owner, tuple(a.id for a in mine), mask, len(actions.actions))
    if steering is not None:
        found = view(steering, "owner")
        for g in found.groups:
            if g.key == owner:
                scope.parts = {p.id: p for p in g.parts}
    return scope


def commercial_keys(actions: PlanActions) -> list[str]:
    """The salespeople of the client register (sorted; ``EvaluationError`` when the plan
    maps no ``commercial`` column or the data lacks it)."""
    return [k for k in client_groups_of(actions.baseline, actions.plan, "commercial")[1]
            if k is not None]


def commercial_scope(actions: PlanActions, name: str,
                     steering: SteeringResult | None = None) -> Scope:
    """The document of the salesperson ``name`` (a value of the register's ``commercial``
    column, which the caller has checked): his clients, the actions that target one of
    them, cut to his clients; his quotas with a steering result."""
    codes, keys = client_groups_of(actions.baseline, actions.plan, "commercial")
    g = keys.index(name)
    mask = codes == g
    ids = tuple(a.id for a in actions.actions if len(a.clients) and mask[a.clients].any())
    scope = Scope("commercial", name, ids, mask, len(actions.actions))
    budgets = {a.id: a.budget for a in actions.actions}
    figures = {a.id: a for a in actions.actions}
    if steering is None:  # no steering yet: his clients' CA actuel and cible
        revenue = np.asarray(actions.baseline.columns["revenue"], dtype=np.float64)
        for i in ids:
            fig = figures[i]
            groups = len(np.unique(codes[fig.clients]))
            mine = fig.clients[mask[fig.clients]]
            if groups == 1:
                part = ActionPart(id=i, clients=len(mine), realised=None, n1_realised=None,
                                  target_revenue=fig.target_revenue,
                                  current_revenue=fig.current_revenue, budget=fig.budget,
                                  spent=fig.spent)
            else:
                part = ActionPart(id=i, clients=len(mine), realised=None, n1_realised=None,
                                  whole=False, groups=groups)
                shared = Reason("na_shared_action", {"groups": groups})
                part.reasons["budget"] = part.reasons["spent"] = shared
                share_revenue(part, fig, float(revenue[mine].sum()),
                              float(revenue[fig.clients].sum()))
            scope.parts[i] = part
        return scope
    for a in steering.actions:
        if a.id not in ids:
            continue
        for code, part in split_action(steering, a, figures[a.id], codes, len(keys),
                                       budgets.get(a.id)):
            if code == g:
                scope.parts[a.id] = part
    found = view(steering, "commercial")
    scope.kpis = [k for k in found.groups[g].kpis if k.quota is not None]
    return scope


# ------------------------------------------------------------------ his clients' lists


@dataclass(frozen=True)
class ScopedClient:
    """One client of a scope as its lists show him: id, name, revenue in the analysis
    window, ABC class and profile (ids; None: none)."""

    client: str
    name: str | None
    revenue: float
    abc: str | None
    profile: str | None


@dataclass(frozen=True)
class ClientGroup:
    """The scope's clients in one ABC class or profile (``id`` None: no class / no
    profile), shares over the scope's clients and revenue, members by revenue."""

    id: str | None
    label: str | None
    clients: int
    client_share: float
    revenue: float
    revenue_share: float
    members: tuple[ScopedClient, ...]


def _category(ev: Evaluation, name: str) -> Categorical | None:
    col = ev.columns.get(name)
    return col if isinstance(col, Categorical) else None


def client_lists(ev: Evaluation, mask: np.ndarray, by: Literal["abc", "profile"]
                 ) -> list[ClientGroup]:
    """The clients of ``mask`` grouped by ABC class or profile (the plan's classes, as the
    whole plan's evaluation ``ev`` gives them), in class / rule order then none; empty
    groups left out. Empty when the plan computes no such column."""
    col = _category(ev, by)
    if col is None:
        return []
    revenue = np.asarray(ev.columns["revenue"], dtype=np.float64)
    abc, profile = _category(ev, "abc"), _category(ev, "profile")
    names = ev.ledger.attributes.get("name")
    members = np.flatnonzero(mask)
    members = members[np.argsort(-revenue[members], kind="stable")]
    k = len(col.categories)
    idx = np.where(col.codes[members] < 0, k, col.codes[members])
    n, total = max(len(members), 1), float(revenue[members].sum())

    def cat(c: Categorical | None, j: int) -> str | None:
        return None if c is None or c.codes[j] < 0 else str(c.categories[c.codes[j]])

    out = []
    for i in range(k + 1):
        inside = members[idx == i]
        if len(inside) == 0:
            continue
        ident = str(col.categories[i]) if i < k else None
        sums = float(revenue[inside].sum())
        out.append(ClientGroup(
            ident, (ev.rule_label("profiles", ident) if by == "profile" else ident)
            if ident is not None else None, len(inside), len(inside) / n, sums,
            sums / total if total else 0.0,
            tuple(ScopedClient(str(ev.ledger.client_ids[j]),
                               None if names is None else _text(names[j]), float(revenue[j]),
                               cat(abc, j), cat(profile, j)) for j in inside.tolist())))
    return out


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return str(value)
