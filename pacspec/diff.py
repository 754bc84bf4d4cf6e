"""What a change to a plan does, in the plan's terms: actions added, removed and changed field
by field, budget allocated by type and horizon against the envelope, objectives and KPI
targets, rule sets (which RFM codes move from one profile or segment to another, proven by
enumeration like the coverage lint), and the other sections touched.

:func:`diff_plans` compares two loaded plans; :func:`diff_git` compares plans at a git
revision with the working tree. A :class:`PlanDiff` renders as text, Markdown (for a
pull-request comment) or JSON. Client data is never read: the diff is about the plan.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import json
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pacspec.budget import budget_rollups
from pacspec.diagnostics import PacspecError, Problem
from pacspec.i18n import Locale, colon, label
from pacspec.loader import LoadedPlan, load_plan
from pacspec.model.plan import Plan
from pacspec.model.types import localize

__all__ = [
    "DIFF_FORMATS",
    "ActionImpact",
    "BudgetLine",
    "ClientImpact",
    "ClientMove",
    "FieldChange",
    "ItemChange",
    "ItemsDiff",
    "PlanDiff",
    "RuleMove",
    "RuleSetDiff",
    "client_impact",
    "diff_git",
    "diff_plans",
    "render_diff",
]

_ACTION_ORDER = ("title", "type", "subtype", "owner", "participants", "priority", "start",
                 "due", "progress", "budget", "current_revenue", "target_revenue", "growth",
                 "spent", "target", "typology", "strategies", "steps", "meetings", "workload",
                 "results", "comments")
_KPI_ORDER = ("metric", "target", "text", "label", "direction", "bands.green", "bands.orange",
              "scope", "phasing")
_RULE_ORDER = ("label", "when", "description", "type", "subtypes")
_MONEY_FIELDS = frozenset({"budget", "current_revenue", "target_revenue", "spent"})
_OTHER_SECTIONS = ("data", "emoff", "ipo_ipa", "abc", "portfolio", "rfm", "steering")
_BUDGET_AXES = (("type", "by_type"), ("horizon", "by_horizon"))
_MAX_POINTS = 200_000
_SHOWN = 6


# ---------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class FieldChange:
    """One field of an item, before and after (None: not stated)."""

    field: str
    before: Any
    after: Any


@dataclass(frozen=True)
class ItemChange:
    """An item (action, objective, KPI, rule) present on both sides, and its changed
    fields; ``unit`` is the KPI unit of a target (``rate``, ``money``...), for display."""

    id: str
    label: str
    changes: tuple[FieldChange, ...]
    unit: str | None = None


@dataclass(frozen=True)
class ItemsDiff:
    """Items of a list keyed by id: added and removed ones (with their stated fields),
    changed ones."""

    added: tuple[ItemChange, ...] = ()
    removed: tuple[ItemChange, ...] = ()
    changed: tuple[ItemChange, ...] = ()
    reordered: bool = False
    """The same ids in another order (matters for first-match rules)."""

    @property
    def equal(self) -> bool:
        return not (self.added or self.removed or self.changed or self.reordered)


@dataclass(frozen=True)
class BudgetLine:
    """The budget the actions allocate on one line (the total, a type, a horizon) and the
    envelope of that line, before and after."""

    axis: str
    """``total``, ``type`` or ``horizon``."""
    key: str
    allocated_before: float
    allocated_after: float
    envelope_before: float | None
    envelope_after: float | None

    @property
    def over(self) -> float | None:
        """How much the allocation exceeds the envelope after the change (None: within)."""
        if self.envelope_after is None or self.allocated_after <= self.envelope_after + 1e-9:
            return None
        return self.allocated_after - self.envelope_after


@dataclass(frozen=True)
class RuleMove:
    """Points of the RFM space (purchase codes, with scores when the rules test them) that
    a first-match rule list assigns to ``before`` and now to ``after`` (None: no rule)."""

    before: str | None
    after: str | None
    count: int
    examples: tuple[str, ...]


@dataclass(frozen=True)
class RuleSetDiff:
    """One rule section (profiles, segments, typologies, recommendations)."""

    section: str
    rules: ItemsDiff
    moves: tuple[RuleMove, ...] | None = None
    """The points that change rule (None: not enumerated; see ``note``)."""
    space: int = 0
    """How many points were enumerated."""
    note: str | None = None
    """Why the moves were not enumerated, or what they leave out (a label key)."""
    left_out: tuple[str, ...] = ()
    """Rules on other measures than the code and scores (``new: true``), which take no
    enumerated case: the moves are those of the clients these rules do not take."""


@dataclass(frozen=True)
class ClientMove:
    """Clients of the data that a plan change moves from one profile (or segment) to
    another, at the baseline (the day before the plan starts)."""

    section: str
    """``profile`` or ``segment``."""
    before: str | None
    after: str | None
    clients: int
    revenue: float
    """Their CA over the analysis window."""
    ids: tuple[str, ...] = ()
    """The clients themselves: only with ``with_clients``."""
    revenues: tuple[float, ...] = ()
    """Their CA each, in the order of ``ids``: only with ``with_clients``."""


@dataclass(frozen=True)
class ActionImpact:
    """One action's target clients and amounts before and after, on the same data."""

    id: str
    clients_before: int
    clients_after: int
    entering: int
    leaving: int
    current_before: float | None
    current_after: float | None
    target_before: float | None
    target_after: float | None
    entering_ids: tuple[str, ...] = ()
    leaving_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ClientImpact:
    """What the change does to the clients of the data (the same data for both plans)."""

    baseline: str
    """The date the clients are classified at (ISO), the day before the plan starts."""
    n_clients: int
    moves: tuple[ClientMove, ...] = ()
    actions: tuple[ActionImpact, ...] = ()
    with_clients: bool = False


@dataclass(frozen=True)
class PlanDiff:
    """Everything that differs between two versions of a plan."""

    old: str
    new: str
    locale: str = "fr"
    currency: str = "EUR"
    status: str = "changed"
    """``changed`` (both exist), ``added`` (no old plan) or ``removed`` (no new plan)."""
    header: tuple[FieldChange, ...] = ()
    actions: ItemsDiff = field(default_factory=ItemsDiff)
    budget: tuple[BudgetLine, ...] = ()
    objectives: ItemsDiff = field(default_factory=ItemsDiff)
    kpis: ItemsDiff = field(default_factory=ItemsDiff)
    rules: tuple[RuleSetDiff, ...] = ()
    other: tuple[tuple[str, tuple[FieldChange, ...]], ...] = ()
    """Other sections changed, with their changed fields (dotted paths)."""
    impact: ClientImpact | None = None
    """What the change does to the clients of the data (see :func:`client_impact`); it does
    not count in :attr:`equal`, which is about the plan."""

    @property
    def equal(self) -> bool:
        return (self.status == "changed" and not self.header and self.actions.equal
                and not self.budget and self.objectives.equal and self.kpis.equal
                and not self.rules and not self.other)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["equal"] = self.equal
        for line, raw in zip(self.budget, out["budget"], strict=True):
            raw["over"] = line.over
        return out


# ------------------------------------------------------------------------------ compare


def _dump(model: BaseModel | None) -> dict[str, Any]:
    if model is None:
        return {}
    data: dict[str, Any] = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    return data


def _flat(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mappings as dotted keys (``bands.green``); lists and conditions kept whole."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and key not in ("when", "target", "scope", "label"):
            out.update(_flat(value, name + "."))
        else:
            out[name] = value
    return out


def _field_changes(before: Mapping[str, Any], after: Mapping[str, Any],
                   order: Sequence[str] = ()) -> tuple[FieldChange, ...]:
    keys = [k for k in order if k in before or k in after]
    keys += sorted((set(before) | set(after)) - set(keys))
    return tuple(FieldChange(k, before.get(k), after.get(k)) for k in keys
                 if before.get(k) != after.get(k))


def _items(before: Sequence[BaseModel], after: Sequence[BaseModel], order: Sequence[str],
           locale: str, title: Callable[[BaseModel], Any] = lambda m: getattr(m, "label", None),
           unit: Callable[[BaseModel], str | None] = lambda m: None) -> ItemsDiff:
    old = {str(getattr(m, "id")): m for m in before}  # noqa: B009 - every item has an id
    new = {str(getattr(m, "id")): m for m in after}  # noqa: B009

    def item(model: BaseModel, changes: tuple[FieldChange, ...]) -> ItemChange:
        text = title(model)
        return ItemChange(str(getattr(model, "id")),  # noqa: B009
                          localize(text, locale) if text is not None else "", changes,
                          unit(model))

    def stated(model: BaseModel, side: str) -> ItemChange:
        fields = {k: v for k, v in _flat(_dump(model)).items() if k != "id"}
        changes = tuple(FieldChange(k, None, v) if side == "after" else FieldChange(k, v, None)
                        for k in [*[o for o in order if o in fields],
                                  *sorted(set(fields) - set(order))]
                        for v in [fields[k]])
        return item(model, changes)

    added = tuple(stated(m, "after") for k, m in new.items() if k not in old)
    removed = tuple(stated(m, "before") for k, m in old.items() if k not in new)
    changed = []
    for key, model in new.items():
        if key in old:
            changes = _field_changes(_flat(_dump(old[key])), _flat(_dump(model)), order)
            if changes:
                changed.append(item(model, changes))
    common_old = [k for k in old if k in new]
    common_new = [k for k in new if k in old]
    return ItemsDiff(added, removed, tuple(changed), reordered=common_old != common_new)


def _budget(old: Plan, new: Plan) -> tuple[BudgetLine, ...]:
    lines: list[BudgetLine] = []
    before, after = budget_rollups(old), budget_rollups(new)
    total_before = sum(a.budget for a in old.actions)
    total_after = sum(a.budget for a in new.actions)
    lines.append(BudgetLine("total", "total", total_before, total_after, old.budget.total,
                            new.budget.total))
    for axis, envelope in _BUDGET_AXES:
        env_before: dict[str, float] = {str(k): v for k, v in getattr(old.budget,
                                                                      envelope).items()}
        env_after: dict[str, float] = {str(k): v for k, v in getattr(new.budget,
                                                                     envelope).items()}
        keys = list(dict.fromkeys([*after[axis], *before[axis], *env_after, *env_before]))
        for key in keys:
            lines.append(BudgetLine(axis, key, before[axis].get(key, 0.0),
                                    after[axis].get(key, 0.0), env_before.get(key),
                                    env_after.get(key)))
    return tuple(line for line in lines
                 if (line.allocated_before, line.envelope_before) !=
                 (line.allocated_after, line.envelope_after))


# ------------------------------------------------------------------------ rule moves


def _moves(section: str, old: Plan, new: Plan
           ) -> tuple[tuple[RuleMove, ...] | None, int, str | None, tuple[str, ...]]:
    """The points of the RFM space that change rule between the two first-match lists, by
    enumeration, with a note and the rules left out. Rules that test only other measures
    (``new: true``) take no case: the moves are those of the clients they do not take. The
    moves are None (with the reason) when a rule mixes the code or the scores with other
    measures, when the plans do not count the same periods or score bins, or when the space
    is too large."""
    import numpy as np

    from pacspec.engine.rules import ConditionContext, ConditionError, condition_mask

    rules_old, rules_new = getattr(old, section), getattr(new, section)
    finite = {"code", "r", "f", "m"}
    used: set[str] = set()
    others: list[str] = []  # rules on other measures only (new: true): they take no case
    for rule in [*rules_old, *rules_new]:
        metrics = rule.when.used_metrics()
        if metrics <= finite:
            used |= metrics
        elif metrics & finite:
            return None, 0, "diff_not_enumerated_metrics", ()
        elif rule.id not in others:
            others.append(rule.id)
    n_periods = new.rfm.periods.count
    bins = new.rfm.scores.bins
    if (old.rfm.periods.count, old.rfm.scores.bins) != (n_periods, bins):
        return None, 0, "diff_not_enumerated_periods", ()
    dims = [d for d in ("code", "r", "f", "m") if d in used] or ["code"]
    domains = {"code": range(2**n_periods), "r": range(1, bins + 1), "f": range(1, bins + 1),
               "m": range(1, bins + 1)}
    size = 1
    for d in dims:
        size *= len(domains[d])
    if size > _MAX_POINTS:
        return None, 0, "diff_not_enumerated_size", ()
    points = np.array(list(itertools.product(*(domains[d] for d in dims))), dtype=np.int64)
    grid = {d: points[:, k] for k, d in enumerate(dims)}
    columns: dict[str, Any] = {d: (v if d == "code" else v.astype(np.float64))
                               for d, v in grid.items()}
    space = ConditionContext(n=size, columns=columns, attributes={}, n_periods=n_periods)

    def assign(rules: Sequence[Any]) -> np.ndarray:
        out = np.full(size, -1, dtype=np.int64)
        for index, rule in enumerate(rules):
            if rule.id in others:
                continue
            try:
                mask = condition_mask(rule.when, space, (section, index, "when"))
            except ConditionError:
                continue
            out[(out < 0) & mask] = index
        return out

    before, after = assign(rules_old), assign(rules_new)
    ids_old = [r.id for r in rules_old]
    ids_new = [r.id for r in rules_new]
    named_before = np.array([ids_old[i] if i >= 0 else "" for i in before], dtype=object)
    named_after = np.array([ids_new[i] if i >= 0 else "" for i in after], dtype=object)
    moved = np.flatnonzero(named_before != named_after)
    groups: dict[tuple[str, str], list[int]] = {}
    for k in moved:
        groups.setdefault((named_before[k], named_after[k]), []).append(int(k))

    def point(k: int) -> str:
        parts = []
        for name, values in grid.items():
            parts.append(format(int(values[k]), f"0{n_periods}b") if name == "code"
                         else f"{name}={int(values[k])}")
        return " ".join(parts)

    moves = tuple(RuleMove(b or None, a or None, len(ks), tuple(point(k) for k in ks[:_SHOWN]))
                  for (b, a), ks in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])))
    return moves, size, ("diff_enumerated_without" if others else None), tuple(others)


def _rule_sets(old: Plan, new: Plan, locale: str) -> tuple[RuleSetDiff, ...]:
    out = []
    for section in ("profiles", "segments", "typologies", "recommendations"):
        rules = _items(getattr(old, section), getattr(new, section), _RULE_ORDER, locale)
        if rules.equal:
            continue
        moves: tuple[RuleMove, ...] | None = None
        space, note, left_out = 0, None, ()  # type: tuple[int, str | None, tuple[str, ...]]
        if section in ("profiles", "segments"):
            moves, space, note, left_out = _moves(section, old, new)
        out.append(RuleSetDiff(section, rules, moves, space, note, left_out))
    return tuple(out)


def _unit(model: BaseModel) -> str | None:
    from pacspec.engine.kpis import get

    metric = getattr(model, "metric", None)
    return get(metric).unit if isinstance(metric, str) else None


def diff_plans(old: LoadedPlan | Plan | None, new: LoadedPlan | Plan | None,
               old_name: str = "", new_name: str = "") -> PlanDiff:
    """What differs from ``old`` to ``new`` (either may be None: a plan added or removed)."""
    before = old.plan if isinstance(old, LoadedPlan) else old
    after = new.plan if isinstance(new, LoadedPlan) else new
    old_name = old_name or (old.source if isinstance(old, LoadedPlan) else "")
    new_name = new_name or (new.source if isinstance(new, LoadedPlan) else "")
    shown = after or before
    assert shown is not None, "diff_plans needs at least one plan"
    locale, currency = shown.locale, shown.header.currency
    if before is None or after is None:
        return PlanDiff(old_name, new_name, locale, currency,
                        status="added" if before is None else "removed")
    head_old = {k: v for k, v in _flat(_dump(before.header)).items() if k != "objectives"}
    head_new = {k: v for k, v in _flat(_dump(after.header)).items() if k != "objectives"}
    for name in ("locale", "include"):
        head_old[name], head_new[name] = getattr(before, name), getattr(after, name)
    other = []
    for section in _OTHER_SECTIONS:
        a = _flat(_dump(getattr(before, section)))
        b = _flat(_dump(getattr(after, section)))
        if section == "steering":
            a = {k: v for k, v in a.items() if k != "kpis"}
            b = {k: v for k, v in b.items() if k != "kpis"}
        changes = _field_changes(a, b)
        if changes:
            other.append((section, changes))
    return PlanDiff(
        old=old_name, new=new_name, locale=locale, currency=currency,
        header=_field_changes(head_old, head_new),
        actions=_items(before.actions, after.actions, _ACTION_ORDER, locale,
                       title=lambda m: getattr(m, "title", None)),
        budget=_budget(before, after),
        objectives=_items(before.header.objectives, after.header.objectives, _KPI_ORDER,
                          locale, title=lambda m: getattr(m, "text", None), unit=_unit),
        kpis=_items(before.steering.kpis, after.steering.kpis, _KPI_ORDER, locale, unit=_unit),
        rules=_rule_sets(before, after, locale),
        other=tuple(other),
    )


# ------------------------------------------------------------------------ client impact


def client_impact(old: LoadedPlan, new: LoadedPlan, *, transactions: Any = None,
                  clients: Any = None, with_clients: bool = False) -> ClientImpact:
    """The clients a change moves between profiles and segments, and each action's target
    clients and CA actuel / cible before and after, both plans evaluated on the same data
    (``transactions``/``clients``, else the new plan's ``data:``) at the baseline, the day
    before the new plan starts. Counts and totals only, unless ``with_clients``."""
    import numpy as np

    from pacspec.session import Session

    after = Session.open(new, transactions=transactions, clients=clients, check=False)
    before = Session.open(old, ledger=after.ledger, check=False)
    acts_before, acts_after = before.actions(), after.actions()
    ev_before, ev_after = acts_before.baseline, acts_after.baseline
    ids = np.asarray(after.ledger.client_ids, dtype=object)
    revenue = np.asarray(ev_after.column("revenue"), dtype=np.float64)

    def names(ev: Any, column: str) -> np.ndarray:
        cat = ev.column(column)
        table = np.array([*cat.categories, ""], dtype=object)
        return table[np.where(cat.codes < 0, len(cat.categories), cat.codes)]

    moves: list[ClientMove] = []
    for column in ("profile", "segment"):
        a, b = names(ev_before, column), names(ev_after, column)
        changed = np.flatnonzero(a != b)
        groups: dict[tuple[str, str], list[int]] = {}
        for k in changed:
            groups.setdefault((a[k], b[k]), []).append(int(k))
        for (x, y), ks in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
            moves.append(ClientMove(
                column, x or None, y or None, len(ks), float(revenue[ks].sum()),
                tuple(str(ids[k]) for k in ks) if with_clients else (),
                tuple(float(revenue[k]) for k in ks) if with_clients else ()))
    old_actions = {a.id: a for a in acts_before.actions}
    new_actions = {a.id: a for a in acts_after.actions}
    impacts: list[ActionImpact] = []
    for action_id in [*new_actions, *(i for i in old_actions if i not in new_actions)]:
        was, now = old_actions.get(action_id), new_actions.get(action_id)
        set_x = set(map(int, was.clients)) if was is not None else set()
        set_y = set(map(int, now.clients)) if now is not None else set()
        entering, leaving = sorted(set_y - set_x), sorted(set_x - set_y)
        current = (was.current_revenue if was else None, now.current_revenue if now else None)
        target = (was.target_revenue if was else None, now.target_revenue if now else None)
        if not entering and not leaving and current[0] == current[1] and target[0] == target[1]:
            continue
        impacts.append(ActionImpact(
            action_id, len(set_x), len(set_y), len(entering), len(leaving), *current, *target,
            tuple(str(ids[k]) for k in entering) if with_clients else (),
            tuple(str(ids[k]) for k in leaving) if with_clients else ()))
    return ClientImpact(ev_after.as_of.isoformat(), len(ids), tuple(moves),
                        tuple(impacts), with_clients)


# --------------------------------------------------------------------------------- git


class DiffError(PacspecError):
    """A diff could not be made: not a git repository, an unknown revision."""


def _git(args: Sequence[str], cwd: str | os.PathLike[str]) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise DiffError([Problem("error", "git", f"cannot run git: {exc.strerror or exc}",
                                 hint="install git, or compare two files: "
                                      "pacspec diff OLD NEW")]) from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise DiffError([Problem("error", "git", f"git {args[0]}: "
                                 + (message[-1] if message else "failed"))])
    return done.stdout


def _plan_names(listing: bytes) -> list[str]:
    return [n for n in listing.decode("utf-8", "surrogateescape").split("\0")
            if n.endswith((".pac.yaml", ".pac.yml"))]


def diff_git(rev: str, plans: Sequence[str] = (), cwd: str | os.PathLike[str] = ".", *,
             impact: bool = False, transactions: Any = None,
             with_clients: bool = False) -> list[PlanDiff]:
    """Each plan at revision ``rev`` against the working tree: the ``plans`` named (paths
    from ``cwd``), or every plan file of the repository at either side. The YAML files of
    the revision are extracted to a temporary folder (a repository of its own, so includes
    resolve the same way), and removed afterwards. With ``impact``, the client impact of
    each changed plan is computed on the working tree's data (see :func:`client_impact`)."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    commit = _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd).decode().strip()
    if plans:
        names = [os.path.relpath(Path(cwd, p).resolve(), top) for p in plans]
    else:
        names = sorted(set(_plan_names(_git(["ls-tree", "-r", "-z", "--name-only", commit],
                                            top)))
                       | set(_plan_names(_git(["ls-files", "-z", "-co", "--exclude-standard"],
                                              top))))
    listing = _git(["ls-tree", "-r", "-z", "--name-only", commit], top)
    yaml_files = [n for n in listing.decode("utf-8", "surrogateescape").split("\0")
                  if n.endswith((".yaml", ".yml"))]
    out: list[PlanDiff] = []
    with tempfile.TemporaryDirectory(prefix="pacspec-diff-") as tmp:
        if yaml_files:
            archive = _git(["archive", "--format=tar", commit, "--", *yaml_files], top)
            with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
                tar.extractall(tmp, filter="data")
        _git(["init", "-q"], tmp)
        for name in names:
            old_file, new_file = Path(tmp, name), top / name
            old = load_plan(old_file) if old_file.is_file() else None
            new = load_plan(new_file) if new_file.is_file() else None
            if old is None and new is None:
                raise DiffError([Problem("error", "io", f"'{name}' is neither in {rev} nor "
                                         "in the working tree", file=name)])
            shown_new = os.path.relpath(new_file, cwd)
            d = diff_plans(old, new, f"{rev}:{name}", shown_new)
            if impact and old is not None and new is not None and not d.equal:
                d = dataclasses.replace(d, impact=client_impact(
                    old, new, transactions=transactions, with_clients=with_clients))
            out.append(d)
    return out


# --------------------------------------------------------------------------- rendering


def _flow(value: Any) -> str:
    """A value as YAML flow text: ``{profile: inactif}``, ``[a, b]``."""
    if isinstance(value, dict) and list(value) == ["in"]:
        return _flow(value["in"])  # a set test as written: {profile: [a, b]}
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Words:
    """Labels and values in the plan's locale."""

    def __init__(self, diff: PlanDiff) -> None:
        self.locale = diff.locale
        self.loc = Locale.of(diff.locale)
        self.currency = diff.currency
        self.colon = colon(diff.locale)
        loc = diff.locale
        self.fields = {
            "target_revenue": label("target_revenue", loc),
            "current_revenue": label("current_revenue", loc), "budget": label("budget", loc),
            "owner": label("owner", loc), "due": label("due", loc),
            "priority": label("priority", loc), "progress": label("progress", loc),
            "typology": label("typology", loc), "target": label("rep_target", loc),
            "title": label("diff_field_title", loc), "growth": label("diff_field_growth", loc),
            "spent": label("diff_field_spent", loc), "metric": label("indicator", loc),
            "when": label("diff_field_when", loc), "include": label("diff_field_include", loc),
            "label": label("diff_field_label", loc),
        }
        self.kpi_target = label("target", loc)
        self.sections = {
            "profiles": label("diff_sec_profiles", loc),
            "segments": label("diff_sec_segments", loc),
            "typologies": label("diff_sec_typologies", loc),
            "recommendations": label("diff_sec_recommendations", loc),
        }

    def money(self, value: float | None) -> str:
        return "—" if value is None else self.loc.money(value, self.currency, thousands=False)

    def field(self, name: str) -> str:
        return self.fields.get(name, name)

    def value(self, name: str, value: Any, unit: str | None = None) -> str:
        if value is None:
            return "—"
        if name in _MONEY_FIELDS and isinstance(value, int | float):
            return self.money(value)
        if name == "progress" and isinstance(value, int | float):
            return f"{self.loc.number(value, 0 if float(value).is_integer() else 1)} %"
        if name == "growth" and isinstance(value, int | float):
            return self.loc.percent(value, 0 if float(value * 100).is_integer() else 1)
        if name == "target" and isinstance(value, int | float) and unit is not None:
            if unit == "rate":
                return self.loc.percent(value, 0 if float(value * 100).is_integer() else 1)
            if unit in ("money", "amount"):
                return self.money(value)
            return self.loc.number(value, 0 if float(value).is_integer() else 2)
        return _flow(value)

    def change(self, c: FieldChange, unit: str | None = None) -> str:
        name = self.kpi_target if unit is not None and c.field == "target" else \
            self.field(c.field)
        return (f"{name}{self.colon}{self.value(c.field, c.before, unit)}"
                f" → {self.value(c.field, c.after, unit)}")

    def stated(self, item: ItemChange, side: str) -> str:
        shown = [c for c in item.changes if c.field in ("owner", "due", "budget",
                                                        "target_revenue", "metric", "target")]
        parts = [f"{self.field(c.field)} {self.value(c.field, getattr(c, side), item.unit)}"
                 for c in shown]
        return ", ".join(parts)

    def key(self, axis: str, key: str) -> str:
        if axis == "total":
            return label("total", self.locale)
        try:
            return label(f"{axis}_{key}", self.locale)
        except KeyError:
            return key

    def rule(self, rule_id: str | None) -> str:
        return rule_id if rule_id is not None else label("diff_no_rule", self.locale)


def _plan_status(diff: PlanDiff, w: _Words) -> str:
    if diff.status == "added":
        return label("diff_plan_added", w.locale, new=diff.new)
    return label("diff_plan_removed", w.locale, old=diff.old)


def _not_enumerated(note: str, w: _Words) -> str:
    if note == "diff_not_enumerated_periods":
        return label("diff_not_enumerated_periods", w.locale)
    if note == "diff_not_enumerated_size":
        return label("diff_not_enumerated_size", w.locale)
    return label("diff_not_enumerated_metrics", w.locale)


def _counts(w: _Words, items: ItemsDiff) -> str:
    parts = []
    if items.added:
        parts.append(label("diff_n_added", w.locale, n=len(items.added)))
    if items.removed:
        parts.append(label("diff_n_removed", w.locale, n=len(items.removed)))
    if items.changed:
        parts.append(label("diff_n_changed", w.locale, n=len(items.changed)))
    if not parts:
        parts.append(label("diff_reordered_only", w.locale))
    return ", ".join(parts)


def _item_title(item: ItemChange) -> str:
    return f"{item.id} « {item.label} »" if item.label else item.id


def _sections(diff: PlanDiff, w: _Words) -> Iterator[tuple[str, list[tuple[int, str]]]]:
    """(title, [(depth, line)]) of each part of the diff that has changes."""
    if diff.header:
        yield label("diff_header", w.locale), [(1, w.change(c)) for c in diff.header]
    if not diff.actions.equal:
        lines = []
        for item in diff.actions.added:
            lines.append((1, f"+ {_item_title(item)} — {w.stated(item, 'after')}"))
        for item in diff.actions.removed:
            lines.append((1, f"- {_item_title(item)} — {w.stated(item, 'before')}"))
        for item in diff.actions.changed:
            lines.append((1, f"~ {_item_title(item)}"))
            lines += [(2, w.change(c)) for c in item.changes]
        if diff.actions.reordered:
            lines.append((1, label("diff_reordered", w.locale)))
        yield f"{label('diff_actions', w.locale)}{w.colon}{_counts(w, diff.actions)}", lines
    if diff.budget:
        lines = []
        for b in diff.budget:
            text = (f"{w.key(b.axis, b.key)}{w.colon}{w.money(b.allocated_before)} → "
                    f"{w.money(b.allocated_after)}")
            if b.envelope_before is not None or b.envelope_after is not None:
                text += f" ({label('envelope', w.locale).lower()} {w.money(b.envelope_before)}"
                if b.envelope_after != b.envelope_before:
                    text += f" → {w.money(b.envelope_after)}"
                text += ")"
            if b.over is not None:
                text += f" — {label('diff_over', w.locale, amount=w.money(b.over))}"
            lines.append((1, text))
        yield label("diff_budget", w.locale), lines
    for items, title in ((diff.objectives, "diff_objectives"), (diff.kpis, "diff_kpis")):
        if items.equal:
            continue
        lines = []
        for item in items.added:
            lines.append((1, f"+ {_item_title(item)} — {w.stated(item, 'after')}"))
        for item in items.removed:
            lines.append((1, f"- {_item_title(item)} — {w.stated(item, 'before')}"))
        for item in items.changed:
            lines.append((1, f"~ {_item_title(item)}"))
            lines += [(2, w.change(c, item.unit)) for c in item.changes]
        name = label("diff_objectives" if title == "diff_objectives" else "diff_kpis", w.locale)
        yield f"{name}{w.colon}{_counts(w, items)}", lines
    for rs in diff.rules:
        lines = [(1, f"+ {_item_title(i)}") for i in rs.rules.added]
        lines += [(1, f"- {_item_title(i)}") for i in rs.rules.removed]
        for item in rs.rules.changed:
            lines.append((1, f"~ {_item_title(item)}"))
            lines += [(2, w.change(c)) for c in item.changes]
        if rs.rules.reordered:
            lines.append((1, label("diff_rules_reordered", w.locale)))
        if rs.moves is not None:
            moved = sum(m.count for m in rs.moves)
            lines.append((1, label("diff_moves", w.locale, count=moved, space=rs.space)
                          if moved else label("diff_no_moves", w.locale, space=rs.space)))
            if rs.left_out:
                lines.append((2, label("diff_enumerated_without", w.locale,
                                       rules=", ".join(rs.left_out))))
            for m in rs.moves:
                more = ", …" if m.count > len(m.examples) else ""
                lines.append((2, f"{w.rule(m.before)} → {w.rule(m.after)}{w.colon}"
                                 f"{m.count} ({', '.join(m.examples)}{more})"))
        elif rs.note is not None:
            lines.append((1, _not_enumerated(rs.note, w)))
        section = w.sections.get(rs.section, rs.section)
        yield f"{label('diff_rules', w.locale, section=section)}{w.colon}" \
              f"{_counts(w, rs.rules)}", lines
    for section, changes in diff.other:
        yield label("diff_section", w.locale, section=section), [(1, w.change(c)) for c in changes]
    if diff.impact is not None:
        yield _impact_title(diff.impact, w), _impact_lines(diff.impact, w)


def _impact_title(impact: ClientImpact, w: _Words) -> str:
    return label("diff_impact", w.locale, date=impact.baseline, n=str(impact.n_clients))


def _impact_lines(impact: ClientImpact, w: _Words) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    for m in impact.moves:
        section = w.sections.get(f"{m.section}s", m.section)
        lines.append((1, f"{section}{w.colon}{w.rule(m.before)} → {w.rule(m.after)}{w.colon}"
                         + label("diff_impact_clients", w.locale, n=str(m.clients),
                                 revenue=w.money(m.revenue))))
        lines += [(2, f"{i} ({w.money(r)})") for i, r in zip(m.ids, m.revenues, strict=True)]
    for a in impact.actions:
        lines.append((1, label("diff_impact_action", w.locale, id=a.id,
                               before=str(a.clients_before), after=str(a.clients_after),
                               entering=str(a.entering), leaving=str(a.leaving))))
        if a.current_before != a.current_after:
            lines.append((2, w.change(FieldChange("current_revenue", a.current_before,
                                                  a.current_after))))
        if a.target_before != a.target_after:
            lines.append((2, w.change(FieldChange("target_revenue", a.target_before,
                                                  a.target_after))))
        if a.entering_ids:
            lines.append((2, f"+ {', '.join(a.entering_ids)}"))
        if a.leaving_ids:
            lines.append((2, f"- {', '.join(a.leaving_ids)}"))
    if not lines:
        lines.append((1, label("diff_impact_none", w.locale)))
    return lines


def _render_text(diffs: Sequence[PlanDiff]) -> str:
    out: list[str] = []
    for diff in diffs:
        w = _Words(diff)
        if diff.status != "changed":
            out.append(_plan_status(diff, w))
            continue
        out.append(label("diff_title", w.locale, old=diff.old, new=diff.new))
        if diff.equal:
            out.append("  " + label("diff_equal", w.locale))
            continue
        for title, lines in _sections(diff, w):
            out.append(f"  {title}")
            out += ["  " + "  " * depth + line for depth, line in lines]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;")


def _md_marker(line: str) -> str:
    """``+ x`` / ``- x`` / ``~ x`` with the marker in bold, so that it does not read as a
    nested list."""
    for marker, shown in (("+ ", "**+** "), ("- ", "**−** "), ("~ ", "**~** ")):
        if line.startswith(marker):
            return shown + line[len(marker):]
    return line


def _render_markdown(diffs: Sequence[PlanDiff]) -> str:
    out: list[str] = []
    for diff in diffs:
        w = _Words(diff)
        if diff.status != "changed":
            out += [f"### {_md(_plan_status(diff, w))}", ""]
            continue
        out += [f"### {_md(label('diff_title', w.locale, old=diff.old, new=diff.new))}", ""]
        if diff.equal:
            out += [label("diff_equal", w.locale), ""]
            continue
        for title, lines in _sections(diff, w):
            out += [f"**{_md(title)}**", ""]
            out += ["  " * (depth - 1) + "- " + _md_marker(_md(line)) for depth, line in lines]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _render_json(diffs: Sequence[PlanDiff]) -> str:
    return json.dumps([d.to_dict() for d in diffs], ensure_ascii=False, indent=2) + "\n"


DIFF_FORMATS: Mapping[str, Callable[[Sequence[PlanDiff]], str]] = {
    "text": _render_text, "markdown": _render_markdown, "json": _render_json,
}
"""The output formats of a diff, by name."""


def render_diff(diffs: PlanDiff | Sequence[PlanDiff], format_name: str = "text") -> str:
    """The diffs in ``text``, ``markdown`` or ``json``."""
    items = [diffs] if isinstance(diffs, PlanDiff) else list(diffs)
    return DIFF_FORMATS[format_name](items)
