"""The terminal view of `pacspec track`: the PAC table resolved on the data, budgets,
workload, coverage, and the steering dashboard. It renders; it computes nothing (every
number comes from :class:`~pacspec.engine.actions.PlanActions`,
:class:`~pacspec.engine.steering.SteeringResult` and :class:`~pacspec.engine.snapshot.Trend`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from pacspec.engine.actions import ActionFigures, ClientRef, CoverageGroup, PlanActions
from pacspec.engine.steering import ActionSteering, KpiResult, SteeringResult, judge
from pacspec.engine.views import GroupKpi, GroupView, View, ViewBy, by_owner
from pacspec.history import SeriesPoint, Trend
from pacspec.i18n import Locale, label, money, number, percent
from pacspec.model.actions import reading_at
from pacspec.model.types import localize
from pacspec.reasons import Reason
from pacspec.report import words
from pacspec.report.grouping import typology_groups
from pacspec.report.text import render_table, underlined
from pacspec.report.words import format_measure

__all__ = ["action_record", "change_text",
           "kpi_record", "owner_records", "render_by_owner", "render_dashboard",
           "render_plan_actions", "render_steering", "render_trend", "render_view",
           "view_records"]


def _sep(loc: str) -> str:
    return Locale.of(loc).colon


def _money(value: float | None, cur: str, loc: str) -> str:
    return "" if value is None else money(value, cur, loc)


def _pct(value: float | None, loc: str, digits: int = 0) -> str:
    return "" if value is None else percent(value, loc, digits)


def _status(status: str | None, loc: str) -> str:
    return "" if status is None else label(f"status_{status}", loc)


def _client(c: ClientRef, cur: str, loc: str) -> str:
    name = c.name or c.client
    return f"{name} ({money(c.revenue, cur, loc)})" if c.revenue else name


def _count(n: int, loc: str) -> str:
    word = label("clients", loc).lower()
    return f"{number(n, loc)} {word if n != 1 else word.rstrip('s')}"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> str:
    """:func:`render_table` without the untitled columns that are empty in every row."""
    keep = [i for i, h in enumerate(headers) if h or any(r[i] for r in rows)]
    return render_table([headers[i] for i in keep], [[r[i] for i in keep] for r in rows],
                        "".join(align[i] for i in keep))


# ------------------------------------------------------------------------ the PAC table


def _groups(pa: PlanActions, loc: str) -> list[tuple[str, list[ActionFigures]]]:
    """Actions grouped by typology (plan order), then without typology, then internal."""
    order = [t.id for t in pa.plan.typologies]
    groups: dict[str, tuple[str, list[ActionFigures]]] = {}
    for a in pa.actions:
        if a.type == "internal":
            key, name = "\0internal", label("internal_actions", loc)
        elif a.typology is None:
            key, name = "\0none", label("no_typology", loc)
        else:
            key, name = a.typology, a.typology_label or a.typology
        groups.setdefault(key, (name, []))[1].append(a)
    keys = [k for k in order if k in groups]
    keys += [k for k in groups if k not in keys and not k.startswith("\0")]
    keys += [k for k in ("\0none", "\0internal") if k in groups]
    return [groups[k] for k in keys]


def _pac_table(pa: PlanActions, loc: str, cur: str, as_of: dt.date | None = None) -> str:
    headers = [label("action", loc), label("clients", loc), label("current_revenue", loc),
               label("target_revenue", loc), label("budget", loc), label("horizon", loc),
               label("priority", loc), label("owner", loc), label("due", loc),
               label("progress", loc)]
    rows: list[list[str]] = []
    for group, actions in typology_groups(pa.actions, pa.plan, loc):
        name = group.name
        rows.append([name, *[""] * (len(headers) - 1)])
        for a in actions:
            rows.append([
                f"  {a.id}", number(a.n_clients, loc) if a.has_target else "",
                _money(a.current_revenue, cur, loc), _money(a.target_revenue, cur, loc),
                money(a.budget, cur, loc), label(f"horizon_{a.horizon}", loc), str(a.priority),
                a.owner, _day(a.due, loc), percent(_progress_at(a, as_of) / 100, loc, 0),
            ])
    return render_table(headers, rows, "lrrrrlrllr")


def _action_clients(pa: PlanActions, loc: str, cur: str) -> list[str]:
    out = []
    sep = _sep(loc)
    for a in pa.actions:
        if not a.has_target:
            continue
        shown = "; ".join(_client(c, cur, loc) for c in a.top_clients)
        more = "; …" if a.n_clients > len(a.top_clients) else ""
        out.append(f"{a.id} — {a.title} ({_count(a.n_clients, loc)}){sep}"
                   f"{shown or label('none', loc)}{more}")
    return out


def _budget(pa: PlanActions, loc: str, cur: str) -> list[str]:
    headers = ["", "", label("budget", loc), label("share", loc), label("envelope", loc), ""]
    rows = []
    total = envelope = None
    for axis in pa.budget:
        total, envelope = axis.total, axis.envelope
        for i, line in enumerate(axis.lines):
            rows.append([label(f"axis_{axis.axis}", loc) if i == 0 else "",
                         words.budget_key_label(axis.axis, line.key, loc),
                         money(line.amount, cur, loc), _pct(line.share, loc),
                         _money(line.envelope, cur, loc), label("over", loc) if line.over else ""])
    if not rows:
        return []
    out = [_table(headers, rows, "llrrrl")]
    if total is not None:
        text = f"{label('total', loc)}{_sep(loc)}{money(total, cur, loc)}"
        if envelope is not None:
            text += f" / {label('envelope', loc).lower()} {money(envelope, cur, loc)}"
        out.append(text)
    return out


def _workload(pa: PlanActions, loc: str) -> list[str]:
    wl = pa.workload
    if not wl.rows:
        return []
    day = Locale.of(loc).day_unit

    def cell(visits: float, days: float) -> str:
        parts = []
        if visits:
            parts.append(f"{number(visits, loc, 0 if visits == int(visits) else 1)}v")
        if days:
            parts.append(f"{number(days, loc, 0 if days == int(days) else 1)}{day}")
        return " ".join(parts)

    headers = [label("person", loc), *(f"{m[5:7]}/{m[2:4]}" for m in wl.months),
               label("total", loc)]
    rows = [[r.person, *(cell(v, d) for v, d in zip(r.visits, r.days, strict=True)),
             cell(r.total_visits, r.total_days)] for r in wl.rows]
    out = [render_table(headers, rows)]
    out.extend(f"{r.person}{_sep(loc)}{', '.join(r.actions)}" for r in wl.rows)
    return out


def _coverage_table(groups: Sequence[CoverageGroup], title: str, loc: str, cur: str) -> str:
    rows = [[g.label, number(g.clients, loc), number(g.targeted, loc),
             money(g.revenue, cur, loc), "!" if g.uncovered else ""] for g in groups]
    return _table([title, label("clients", loc), label("targeted", loc),
                   label("revenue", loc), ""], rows, "lrrrl")


def _coverage(pa: PlanActions, loc: str, cur: str) -> list[str]:
    cov = pa.coverage
    sep = _sep(loc)
    out: list[str] = []
    if cov.complete:
        out.append(label("cov_complete", loc))
    if cov.strategies:
        out.append(label("cov_strategies", loc) + sep)
        out.extend(f"  {s.crossing.upper()} {s.id}{sep}{s.text}" for s in cov.strategies)
    for groups, key in ((cov.profiles, "cov_profiles"), (cov.abc, "cov_abc")):
        if not groups:
            continue
        uncovered = [g for g in groups if g.uncovered]
        if uncovered:
            out.append(label(key, loc) + sep + ", ".join(
                f"{g.label} ({number(g.clients, loc)}, {money(g.revenue, cur, loc)})"
                for g in uncovered))
    for groups, column in ((cov.profiles, "profile"), (cov.abc, "abc")):
        if groups:
            out.append("")
            out.append(_coverage_table(groups, label(column, loc), loc, cur))
    if cov.priority_total:
        out.append("")
        text = label("cov_priority", loc, n=number(cov.priority_uncovered, loc),
                     total=number(cov.priority_total, loc))
        if cov.priority_top:
            text += ", " + Locale.of(loc).including + " " + "; ".join(
                _client(c, cur, loc) for c in cov.priority_top)
            if cov.priority_uncovered > len(cov.priority_top):
                text += "; …"
        out.append(text)
    if cov.suggestions:
        out.append(underlined(label("title_suggestions", loc), "-"))
        out.extend(f"- {words.suggestion_text(s, loc, cur)}" for s in cov.suggestions)
    return out


def _progress_at(a: ActionFigures, as_of: dt.date | None) -> float:
    """The action's progress at ``as_of`` (its reading then, 0 before the first), or as the
    plan states it last when no date is given."""
    if as_of is None:
        return a.progress
    return reading_at(a.progress, as_of)[0] or 0.0


def render_plan_actions(pa: PlanActions, as_of: dt.date | None = None) -> str:
    """The PAC table, the clients of each action, budgets, workload and coverage; the
    progress is the reading at ``as_of`` when given (the steering date)."""
    loc = pa.plan.locale
    cur = pa.plan.header.currency
    out = [underlined(label("title_actions", loc))]
    if pa.actions:
        out.append(_pac_table(pa, loc, cur, as_of))
    else:
        out.append(label("none", loc))
    clients = _action_clients(pa, loc, cur)
    if clients:
        out.append(underlined(label("title_action_clients", loc), "-"))
        out.extend(clients)
    budget = _budget(pa, loc, cur)
    if budget:
        out.append(underlined(label("budget", loc)))
        out.extend(budget)
    workload = _workload(pa, loc)
    if workload:
        out.append(underlined(label("title_workload", loc)))
        out.extend(workload)
    out.append(underlined(label("title_coverage", loc)))
    out.extend(_coverage(pa, loc, cur))
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- dashboard


def change_text(value: float | None, kind: str | None, loc: str) -> str:
    """A change on N−1 as read: ``+12,1 %`` (relative) or ``+8,2 pts`` (rate points)."""
    if value is None:
        return ""
    sign = "+" if value >= 0 else ""
    if kind == "points":
        return f"{sign}{Locale.of(loc).number(value * 100, 1)} {label('points', loc)}"
    return f"{sign}{percent(value, loc, 1)}"


def _say(reason: Reason | None, result: SteeringResult) -> str:
    return words.say(reason, result.locale, result.plan.header.currency)


say_reason = _say
"""A reason in the plan's words (empty for None)."""


def render_dashboard(result: SteeringResult) -> str:
    """Each action's realised / expected / attainment / status, N−1, change and landing,
    with the reason and late flags; its progress and spending with their dates; each KPI
    with its value, expected value, attainment, status, N−1, change, landing and phasing."""
    loc = result.locale
    cur = result.plan.header.currency
    sep = _sep(loc)
    out = [underlined(label("title_dashboard", loc, as_of=_day(result.as_of, loc)))]
    if result.n1_period is not None:
        out.append(label("n1_period_line", loc, start=result.n1_period[0],
                         end=result.n1_period[1]))
    else:
        out.append(label("n1_period_none", loc))
    if result.actions:
        out.extend(_action_results(result, loc, cur))
        out.extend(_action_facts(result, loc, cur))
    measured = [k for k in result.kpis if k.metric != "manual"]
    if measured:
        out.append(underlined(label("title_kpis", loc), "-"))
        rows = []
        for k in measured:
            def measure(v: float | None, k: KpiResult = k) -> str:
                return "" if v is None else format_measure(v, k.unit, loc, cur)
            rows.append([
                words.kpi_label(k, loc), format_measure(k.value, k.unit, loc, cur),
                measure(k.expected), _pct(k.attainment, loc, 1), _status(k.status, loc),
                measure(k.n1_value), change_text(k.change, k.change_kind, loc),
                measure(k.projection), measure(k.annual_target) if k.cumulative else "",
                label(f"phasing_{k.phasing}", loc),
                label("estimated", loc) if k.estimated else ""])
        out.append(_table([label("indicator", loc), label("value", loc), label("expected", loc),
                           label("attainment", loc), label("status", loc),
                           label("n1_to_date", loc), label("change_n1", loc),
                           label("projection", loc), label("annual_target", loc),
                           label("phasing", loc), ""], rows, "lrrrlrrrrll"))
        out.append("")
        out.extend(f"{words.kpi_label(k, loc)}{sep}{_status(k.status, loc)} — "
                   f"{words.kpi_reason(k, result)}" for k in measured)
    out.extend(_qualitative(result, loc, cur))
    return "\n".join(out) + "\n"


def _qualitative(result: SteeringResult, loc: str, cur: str) -> list[str]:
    """The KPIs typed in the plan (``metric: manual``), their own block: the reading used
    and its date, the target, attainment and status."""
    manual = [k for k in result.kpis if k.metric == "manual"]
    if not manual:
        return []
    sep = _sep(loc)
    rows = [[words.kpi_label(k, loc), format_measure(k.value, k.unit, loc, cur),
             _day(k.reading_on, loc) if k.reading_on is not None
             else ("" if k.value is None else label("undated", loc)),
             format_measure(k.target, k.unit, loc, cur), _pct(k.attainment, loc, 1),
             _status(k.status, loc)] for k in manual]
    out = ["", underlined(label("title_qualitative", loc), "-"),
           _table([label("indicator", loc), label("value", loc), label("reading_on", loc),
                   label("target", loc), label("attainment", loc), label("status", loc)],
                  rows, "lrrrrl"), ""]
    out.extend(f"{words.kpi_label(k, loc)}{sep}{_status(k.status, loc)} — "
               f"{words.kpi_reason(k, result)}" for k in manual)
    return out


def _action_results(result: SteeringResult, loc: str, cur: str) -> list[str]:
    return _action_results_of(result, result.actions, loc, cur)


def _action_results_of(result: SteeringResult, actions: Sequence[ActionSteering], loc: str,
                       cur: str) -> list[str]:
    sep = _sep(loc)
    out = [underlined(label("title_action_results", loc), "-")]
    headers = [label("action", loc), label("clients", loc), label("target_revenue", loc),
               label("expected", loc), label("realised", loc), label("attainment", loc),
               label("status", loc), label("n1_to_date", loc), label("change_n1", loc),
               label("projection", loc), label("progress_vs_expected", loc), ""]
    rows = []
    for a in actions:
        rows.append([
            a.id, number(a.clients, loc) if a.realised is not None else "",
            _money(a.target_revenue, cur, loc), _money(a.expected, cur, loc),
            _money(a.realised, cur, loc), _pct(a.attainment, loc, 1),
            _status(a.status, loc) if a.status != "n/a" else "",
            _money(a.n1_realised, cur, loc), change_text(a.change, "relative", loc),
            _money(a.projection, cur, loc),
            f"{percent(a.progress / 100, loc, 0)} / {percent(a.expected_progress / 100, loc, 0)}",
            label("late", loc) if a.late else "",
        ])
    out.append(_table(headers, rows, "lrrrrrlrrrrl"))
    out.append("")
    for a in actions:
        parts = []
        reason = words.action_reason(a, result)
        if reason:
            parts.append(f"{_status(a.status, loc)} — {reason}")
        if a.late and a.late_reason:
            parts.append(f"{label('late', loc)} — {words.late_reason(a, result)}")
        if parts:
            out.append(f"{a.id}{sep}" + Locale.of(loc).list_separator.join(parts))
    return out


def _dated(value: str, on: dt.date | None, dated: bool, loc: str) -> str:
    if on is not None:
        return f"{value} ({label('dated_on', loc, on=on)})"
    return value if dated else f"{value} ({label('undated', loc)})"


def _action_facts(result: SteeringResult, loc: str, cur: str) -> list[str]:
    """Progress and spending with the date of the reading used, and the Résultats: the
    realised revenue and attainment (computed) beside the plan's own text."""
    out = ["", underlined(label("title_action_facts", loc), "-")]
    rows = []
    for a in result.actions:
        spent = money(a.spent, cur, loc)
        spent = (f"{spent} ({label('estimated', loc)})" if a.spent_estimated
                 else _dated(spent, a.spent_on, a.spent_dated, loc))
        results = []
        if a.realised is not None:
            text = money(a.realised, cur, loc)
            if a.attainment is not None:
                text += f" ({percent(a.attainment, loc, 1)})"
            results.append(text)
        if a.results:
            results.append(a.results)
        rows.append([a.id, _dated(percent(a.progress / 100, loc, 0), a.progress_on,
                                  a.progress_dated, loc), spent, _visits(a, loc),
                     " — ".join(results)])
    out.append(_table([label("action", loc), label("progress", loc), label("spent", loc),
                       label("visits_done_planned", loc), label("results", loc)], rows,
                      "lrrrl"))
    return out


def _visits(a: ActionSteering, loc: str) -> str:
    """Visits done (activity log) / planned to date (workload), either alone if the other
    is missing."""
    if a.visits is None and a.visits_planned is None:
        return ""
    done = "" if a.visits is None else number(a.visits, loc)
    if a.visits_planned is None:
        return done
    return f"{done or '?'} / {number(a.visits_planned, loc, 1)}"


# ------------------------------------------------------------------------ views


def render_view(result: SteeringResult, found: View) -> str:
    """`pacspec track --by BY`: by owner, his actions' sums; by a register column, each
    group's share of the actions and its KPIs (the groups add up to the whole). The view's
    problems are expected worded and placed (the session's :meth:`view`)."""
    if found.by == "owner":
        return render_by_owner(result, found.groups)
    return _render_register_view(result, found)


def render_by_owner(result: SteeringResult, views: Sequence[GroupView] | None = None) -> str:
    """The actions' sums per owner (they add up to the whole plan), then each owner's
    actions, for a review person by person."""
    loc, cur = result.locale, result.plan.header.currency
    views = by_owner(result) if views is None else views
    out = [underlined(label("title_by_owner", loc, as_of=_day(result.as_of, loc)))]
    headers = [label("owner", loc), label("diff_actions", loc), label("target_revenue", loc),
               label("expected", loc), label("realised", loc), label("attainment", loc),
               label("status", loc), label("n1_to_date", loc), label("budget", loc),
               label("spent", loc), label("late_count", loc), label("visits_done_planned", loc),
               label("visits_logged", loc)]

    def row(name: str, v: GroupView) -> list[str]:
        revenue = [money(v.target_revenue, cur, loc), money(v.expected, cur, loc),
                   money(v.realised, cur, loc), _pct(v.attainment, loc, 1),
                   _status(v.status, loc) if v.status != "n/a" else "",
                   _money(v.n1_realised, cur, loc)] if v.has_target else [""] * 6
        visits = "" if v.visits is None and v.visits_planned is None else (
            ("?" if v.visits is None else number(v.visits, loc))
            + ("" if v.visits_planned is None else f" / {number(v.visits_planned, loc, 1)}"))
        return [name, number(len(v.actions), loc), *revenue, _money(v.budget, cur, loc),
                _money(v.spent, cur, loc), number(v.late, loc), visits,
                "" if v.visits_logged is None else number(v.visits_logged, loc)]

    rows = [row(v.owner, v) for v in views]
    total = _total(views)
    if total.expected > 0:
        total.attainment, total.status = judge(total.realised, total.expected)
    rows.append(row(label("total", loc), total))
    out.append(_table(headers, rows, "lrrrrrlrrrrrr"))
    if any(v.visits_logged is not None for v in views):
        out.append(label("view_visits_logged_note", loc))
    for v in views:
        out.append(underlined(v.owner, "-"))
        sub = [a for a in result.actions if a.owner == v.owner]
        out.extend(_action_results_of(result, sub, loc, cur)[1:])
    return "\n".join(out) + "\n"


def _total(views: Sequence[GroupView]) -> GroupView:
    """The sums of a view's groups (the whole plan)."""
    def add(values: list[float | None]) -> float | None:
        return None if any(v is None for v in values) else sum(v or 0.0 for v in values)

    by = views[0].by if views else "owner"
    return GroupView(by=by, key=None,
                     actions=list(dict.fromkeys(a for v in views for a in v.actions)),
                     clients=sum(v.clients for v in views),
                     target_revenue=sum(v.target_revenue for v in views),
                     expected=sum(v.expected for v in views),
                     realised=sum(v.realised for v in views),
                     n1_realised=add([v.n1_realised for v in views]),
                     budget=add([v.budget for v in views]), spent=add([v.spent for v in views]),
                     late=sum(v.late for v in views),
                     visits=_total_visits(views),
                     visits_logged=None if all(v.visits_logged is None for v in views)
                     else sum(v.visits_logged or 0 for v in views),
                     visits_planned=None if all(v.visits_planned is None for v in views)
                     else sum(v.visits_planned or 0.0 for v in views),
                     has_target=any(v.has_target for v in views))


def _total_visits(views: Sequence[GroupView]) -> int | None:
    """The visits done of a view's total: over the groups that plan visits, when some do."""
    planned = [v for v in views if v.visits_planned is not None]
    counted = [v.visits for v in (planned or views) if v.visits is not None]
    return sum(counted) if counted else None


def _key_label(result: SteeringResult, by: ViewBy, key: str | None) -> str:
    loc = result.locale
    if key is None:
        return label("view_no_value", loc)
    if by == "typology":
        typo = next((t for t in result.plan.typologies if t.id == key), None)
        if typo is not None and typo.label:
            return localize(typo.label, loc, key)
    return key


def _view_words(by: ViewBy, loc: str, as_of: dt.date) -> tuple[str, str]:
    """The title of a view by a register column and the name of its column."""
    day = _day(as_of, loc)
    if by == "commercial":
        return label("title_by_commercial", loc, as_of=day), label("view_commercial", loc)
    if by == "region":
        return label("title_by_region", loc, as_of=day), label("view_region", loc)
    return label("title_by_typology", loc, as_of=day), label("typology", loc)


def _render_register_view(result: SteeringResult, found: View) -> str:
    loc, cur = result.locale, result.plan.header.currency
    by, groups = found.by, found.groups
    title, column = _view_words(by, loc, result.as_of)
    out = [underlined(title), label("view_note", loc, by=by), ""]
    headers = [column, label("clients", loc), label("diff_actions", loc),
               label("realised", loc), label("n1_to_date", loc), label("change_n1", loc),
               label("budget", loc), label("spent", loc), label("rep_visits", loc)]

    def row(name: str, v: GroupView) -> list[str]:
        return [name, number(v.clients, loc), number(len(v.actions), loc),
                money(v.realised, cur, loc), _money(v.n1_realised, cur, loc),
                change_text(v.change, "relative", loc),
                "n/a" if v.budget is None else money(v.budget, cur, loc),
                "n/a" if v.spent is None else money(v.spent, cur, loc),
                "" if v.visits is None else number(v.visits, loc)]

    rows = [row(_key_label(result, by, v.key), v) for v in groups]
    total = _total(groups)
    total.budget = sum(a.budget for a in result.plan_actions.actions)  # the whole actions
    total.spent = sum(a.spent for a in result.actions)
    rows.append(row(label("total", loc), total))
    out.append(_table(headers, rows, "lrrrrrrrr"))
    out.append(label("view_budget_note", loc))
    names = {k.id: words.kpi_label(k, loc) for k in result.kpis}
    for v in groups:
        out.append(underlined(_key_label(result, by, v.key), "-"))
        if v.shared:
            out.append(label("view_shared", loc, ids=", ".join(v.shared)))
        if v.parts:
            out.append(label("view_actions_part", loc))
            out.append(_table(
                [label("action", loc), label("clients", loc), label("realised", loc),
                 label("n1_to_date", loc), label("change_n1", loc)],
                [[p.id, number(p.clients, loc), _money(p.realised, cur, loc),
                  _money(p.n1_realised, cur, loc), change_text(p.change, "relative", loc)]
                 for p in v.parts], "lrrrr"))
        if v.kpis:
            out.append("")
            out.append(label("view_kpis", loc))
            out.append(_table(
                [label("indicator", loc), label("value", loc), label("n1_to_date", loc),
                 label("change_n1", loc), label("projection", loc), label("quota", loc),
                 label("expected", loc), label("attainment", loc), label("status", loc)],
                [_group_kpi_row(k, names[k.id], loc, cur) for k in v.kpis], "lrrrrrrrl"))
    if found.problems:
        out.append("")
        out.extend(p.format() for p in found.problems)
    return "\n".join(out) + "\n"


def _group_kpi_row(k: GroupKpi, name: str, loc: str, cur: str) -> list[str]:
    def measure(v: float | None) -> str:
        return "" if v is None else format_measure(v, k.unit, loc, cur)

    return [name, measure(k.value), measure(k.n1_value),
            change_text(k.change, k.change_kind, loc), measure(k.projection),
            "" if k.quota is None else format_measure(k.quota, k.quota_unit, loc, cur),
            measure(k.expected), _pct(k.attainment, loc, 1),
            _status(k.status, loc) if k.status != "n/a" else ""]


def owner_records(result: SteeringResult, views: Sequence[GroupView] | None = None
                  ) -> list[dict[str, Any]]:
    """The per-owner sums as plain data (JSON-ready)."""
    return [{"owner": v.owner, "actions": v.actions,
             "target_revenue": _round(v.target_revenue, 2), "expected": _round(v.expected, 2),
             "realised": _round(v.realised, 2), "attainment": _round(v.attainment, 6),
             "status": v.status, "n1_realised": _round(v.n1_realised, 2),
             "budget": _round(v.budget, 2), "spent": _round(v.spent, 2), "late": v.late,
             "late_actions": v.late_ids, "visits": v.visits,
             "visits_planned": _round(v.visits_planned, 2), "visits_logged": v.visits_logged}
            for v in (by_owner(result) if views is None else views)]


def view_records(result: SteeringResult, found: View) -> dict[str, Any]:
    """A view as plain data (JSON-ready): ``{"by", "groups", "problems"}``; by owner, the
    groups are :func:`owner_records`."""
    by = found.by
    if by == "owner":
        return {"by": by, "groups": owner_records(result, found.groups), "problems": []}
    groups = []
    for v in found.groups:
        groups.append({
            "key": v.key, "label": _key_label(result, by, v.key), "clients": v.clients,
            "actions": [{"id": p.id, "clients": p.clients, "realised": _round(p.realised, 2),
                         "n1_realised": _round(p.n1_realised, 2),
                         "change": _round(p.change, 6)} for p in v.parts],
            "realised": _round(v.realised, 2), "n1_realised": _round(v.n1_realised, 2),
            "change": _round(v.change, 6),
            "budget": _round(v.budget, 2), "spent": _round(v.spent, 2),
            "budget_reason": None if v.budget is not None else "na_shared_action",
            "shared_actions": v.shared, "visits": v.visits,
            "kpis": [_group_kpi_record(k, result) for k in v.kpis]})
    return {"by": by, "groups": groups,
            "problems": [p.to_dict() for p in found.problems]}


def _group_kpi_record(k: GroupKpi, result: SteeringResult) -> dict[str, Any]:
    digits = 2 if k.unit in ("money", "amount") else 6
    return {"id": k.id, "metric": k.metric, "unit": k.unit, "quota": k.quota,
            "annual_quota": _round(k.annual_quota, digits), "value": _round(k.value, digits),
            "per_month": _round(k.per_month, 6), "n1_value": _round(k.n1_value, digits),
            "change": _round(k.change, 6), "change_kind": k.change_kind,
            "projection": _round(k.projection, digits), "expected": _round(k.expected, digits),
            "attainment": _round(k.attainment, 6), "status": k.status,
            "phasing": {"kind": k.phasing, "share": _round(k.share, 6)},
            "reasons": _reasons(k.reasons, result)}


# ------------------------------------------------------------------------ JSON records


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(float(value), digits)


def _reasons(reasons: dict[str, Reason], result: SteeringResult) -> dict[str, Any]:
    return {name: {"code": r.code, "text": _say(r, result)} for name, r in reasons.items()}


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _day(d: dt.date, loc: str) -> str:
    """A date in the text, as the plan's locale writes it (30/06/2026 in French)."""
    return Locale.of(loc).date(d)


def kpi_record(k: KpiResult, result: SteeringResult) -> dict[str, Any]:
    """A KPI or objective as plain data: numbers as JSON numbers (money to the cent, ratios
    to 6 decimals), ``null`` with its reason in ``reasons`` where n/a."""
    digits = 2 if k.unit in ("money", "amount") else 6
    return {
        "id": k.id, "label": words.kpi_label(k, result.locale), "metric": k.metric,
        "source": k.source, "direction": k.direction, "unit": k.unit,
        "cumulative": k.cumulative, "target": k.target,
        "annual_target": _round(k.annual_target, digits), "value": _round(k.value, digits),
        "per_month": _round(k.per_month, 6), "expected": _round(k.expected, digits),
        "target_to_date": _round(k.target_to_date, digits),
        "attainment": _round(k.attainment, 6), "status": k.status,
        "n1_value": _round(k.n1_value, digits), "change": _round(k.change, 6),
        "change_kind": k.change_kind, "projection": _round(k.projection, digits),
        "phasing": {"kind": k.phasing, "share": _round(k.share, 6),
                    "reason": None if k.phasing_reason is None else k.phasing_reason.code},
        "warning": None if k.warning is None else k.warning.code,
        "reading_on": _iso(k.reading_on),
        "reason": words.kpi_reason(k, result), "estimated": k.estimated,
        "reasons": _reasons(k.reasons, result),
    }  # fmt: skip


def action_record(a: ActionSteering, result: SteeringResult) -> dict[str, Any]:
    """An action as plain data: numbers as JSON numbers, ``null`` with its reason in
    ``reasons`` where n/a; progress and spending with the date of the reading used."""
    return {
        "id": a.id, "owner": a.owner, "start": _iso(a.start), "clients": a.clients,
        "current_revenue": _round(a.current_revenue, 2),
        "target_revenue": _round(a.target_revenue, 2), "realised": _round(a.realised, 2),
        "expected": _round(a.expected, 2), "share": _round(a.share, 6),
        "attainment": _round(a.attainment, 6), "variance": _round(a.variance, 2),
        "relative_variance": _round(a.relative_variance, 6), "status": a.status,
        "n1_realised": _round(a.n1_realised, 2), "change": _round(a.change, 6),
        "projection": _round(a.projection, 2),
        "phasing": {"kind": a.phasing, "reason": None if a.phasing_reason is None
                    else a.phasing_reason.code},
        "progress": a.progress, "progress_on": _iso(a.progress_on),
        "progress_dated": a.progress_dated, "expected_progress": _round(a.expected_progress, 2),
        "spent": _round(a.spent, 2), "spent_on": _iso(a.spent_on),
        "spent_dated": a.spent_dated, "spent_estimated": a.spent_estimated, "late": a.late,
        "visits": a.visits, "visits_planned": _round(a.visits_planned, 2),
        "late_reason": words.late_reason(a, result), "reason": words.action_reason(a, result),
        "results": a.results, "reasons": _reasons(a.reasons, result),
    }  # fmt: skip


def render_trend(tr: Trend, locale: str = "fr") -> str:
    """Attainment and status of each KPI and action at each snapshot date."""
    loc = locale
    if not tr.dates:
        return ""
    out = [underlined(label("title_trend", loc))]
    for series, head in ((tr.kpis, label("indicator", loc)), (tr.actions, label("action", loc))):
        if not series:
            continue
        rows = []
        for s in series:
            cells = []
            for p in s.points:
                late = f" ({label('late', loc)})" if p.late else ""
                if p.status is None:
                    cells.append("")
                elif p.attainment is None:
                    cells.append((_status(p.status, loc) + late).strip())
                else:
                    cells.append(f"{percent(p.attainment, loc, 1)} {_status(p.status, loc)}"
                                 f"{late}")
            rows.append([s.id, *cells])
        out.append("")
        out.append(render_table([head, *tr.dates], rows, "l" + "r" * len(tr.dates)))
        # N−1 to date and the year-end landing at each date (the snapshots carry them)
        def change(p: SeriesPoint) -> str:
            return change_text(p.change, p.change_kind, loc)

        def landing(p: SeriesPoint) -> str:
            return "" if p.projection is None else number(p.projection, loc)

        cells_of: tuple[tuple[str, Callable[[SeriesPoint], str]], ...] = (
            (label("change_n1", loc), change), (label("projection", loc), landing))
        for title, cell in cells_of:
            more = [[s.id, *(cell(p) for p in s.points)] for s in series]
            if any(any(c for c in r[1:]) for r in more):
                out.append("")
                out.append(render_table([f"{head} — {title}", *tr.dates], more,
                                        "l" + "r" * len(tr.dates)))
    return "\n".join(out) + "\n"


def render_steering(result: SteeringResult, trend: Trend | None = None) -> str:
    """Everything `pacspec track` prints: header, PAC table, budgets, workload, coverage,
    dashboard, trend (when given) and the problems found."""
    loc = result.locale
    h = result.plan.header
    sep = _sep(loc)
    title = f"{label('title_track', loc)} {h.company} — {h.business_unit} — {h.budget_year}"
    base = result.baseline
    out = [title, "=" * len(title)]
    out.append(f"{label('baseline', loc)}{sep}{_day(base.as_of, loc)} "
               f"({label('window', loc).lower()} {_day(base.window[0], loc)} → "
               f"{_day(base.window[1], loc)})")
    out.append(f"{label('period', loc)}{sep}" + label(
        "period_line", loc, start=_day(result.period[0], loc),
        end=_day(result.period[1], loc), days=result.days,
        elapsed=percent(result.elapsed, loc, 1), of=label(result.span, loc)))
    text = "\n".join(out) + "\n"
    text += render_plan_actions(result.plan_actions, result.as_of)
    text += render_dashboard(result)
    if trend is not None and trend.dates:
        text += render_trend(trend, loc)
    if result.problems:
        text += "\n" + "\n".join(p.format() for p in result.problems) + "\n"
    return text
