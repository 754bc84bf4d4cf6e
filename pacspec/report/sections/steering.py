"""The steering dashboard: KPIs against their targets (with their trend), the actions' results, the alerts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from pacspec.engine.steering import DAYS_PER_MONTH
from pacspec.i18n import label
from pacspec.i18n.locale import Locale
from pacspec.model.types import localize
from pacspec.report import words
from pacspec.report.cells import (
    date_cell,
    int_cell,
    measure_cell,
    money_cell,
    pct_cell,
    status_cell,
    text_cell,
)
from pacspec.report.document import (
    Block,
    Cell,
    Column,
    KeyValues,
    Paragraph,
    Row,
    Section,
    Table,
    TrendChart,
    TrendChartSeries,
)
from pacspec.report.sections import Context, SectionSpec, Sheet

if TYPE_CHECKING:
    from pacspec.engine.result import Evaluation
    from pacspec.engine.steering import ActionSteering, KpiResult, SteeringResult
    from pacspec.engine.views import ActionPart
    from pacspec.history import Snapshot, Trend

    Snapshots: TypeAlias = "Trend | Sequence[Snapshot | Mapping[str, Any]]"


def _kpi_label(ev: Evaluation | None, kid: str, locale: str) -> str:
    """A KPI's label from the plan (objective text, KPI label), else its id."""
    if ev is None:
        return kid
    for o in ev.plan.header.objectives:
        if o.id == kid:
            return o.text
    for k in ev.plan.steering.kpis:
        if k.id == kid:
            return localize(k.label, locale, kid)
    return kid


def trend_of(snapshots: Snapshots | None, steering: SteeringResult | None = None,
             source: str = "<plan>") -> Trend | None:
    """The trend to render: ``snapshots`` itself when it is a
    :class:`~pacspec.engine.snapshot.Trend`, else :func:`pacspec.engine.snapshot.trend` over
    the snapshots followed by the steering result's own (it replaces a snapshot of the same
    date). None without snapshots."""
    from pacspec.history import Trend, to_snapshot, trend

    if snapshots is None or isinstance(snapshots, Trend):
        return snapshots
    items: list[Snapshot | Mapping[str, Any]] = list(snapshots)
    if not items:
        return None
    if steering is not None:
        items.append(to_snapshot(steering, source))
    return trend([s if not isinstance(s, Mapping) else dict(s) for s in items])


def _kpi_values(tr: Trend, kid: str, per_month_from: dt.date | None = None,
                what: Literal["value", "expected", "n1_value"] = "value"
                ) -> list[tuple[dt.date, float]]:
    """The dated values of one KPI of the trend (dates where it has one); ``what``: its
    value, what was expected by then, or its N−1 to date. A per-month KPI's snapshots hold
    its count to date: with ``per_month_from`` (the plan start) each value is divided by
    the months elapsed at its date, to compare with the per-month target."""
    for s in tr.kpis:
        if s.id == kid:
            out = []
            for d, p in zip(tr.dates, s.points, strict=True):
                raw = getattr(p, what)
                if raw is None:
                    continue
                day = dt.date.fromisoformat(d)
                value = float(raw)
                if per_month_from is not None:
                    months = ((day - per_month_from).days + 1) / DAYS_PER_MONTH
                    if months <= 0:
                        continue
                    value /= months
                out.append((day, value))
            return out
    return []


def _per_month_from(k: KpiResult, steering: SteeringResult) -> dt.date | None:
    return steering.plan_start if k.per_month is not None else None


def _direction(values: list[tuple[dt.date, float]]) -> str | None:
    """``up`` / ``down`` / ``flat`` from the last two values of a series."""
    if len(values) < 2:
        return None
    a, b = values[-2][1], values[-1][1]
    return "up" if b > a else "down" if b < a else "flat"


def trend_chart(tr: Trend, steering: SteeringResult | None = None,
                ev: Evaluation | None = None, locale: str = "fr", currency: str = "EUR"
                ) -> TrendChart:
    """The KPI trend as chart data: one series per KPI of ``steering`` (its label, target and
    status), else per KPI of the trend. ``ev`` supplies the locale, the currency and labels
    from the plan."""
    loc = ev.locale if ev is not None else locale
    cur = ev.plan.header.currency if ev is not None else currency
    kpis: list[KpiResult] = list(steering.kpis) if steering is not None else []
    series = []
    if kpis:
        assert steering is not None
        for k in kpis:
            since = _per_month_from(k, steering)
            pts = _kpi_values(tr, k.id, since)
            # the landing (a count for the year) per month for a per-month KPI
            landing = (None if k.projection is None else k.projection / (
                steering.months_in_plan if k.per_month is not None else 1.0))
            annual = k.target if k.per_month is not None else k.annual_target
            expected = tuple(_kpi_values(tr, k.id, since, "expected"))
            n1 = tuple(_kpi_values(tr, k.id, since, "n1_value"))
            last = pts[-1][0] if pts else None
            series.append(TrendChartSeries(
                k.id, words.kpi_label(k, loc), tuple(pts),
                tuple(measure_cell(v, k.unit, loc, cur).text for _, v in pts),
                float(k.target), measure_cell(k.target, k.unit, loc, cur).text, k.status,
                k.unit == "rate",
                expected=expected, n1=n1,
                landing=landing, landing_text=measure_cell(landing, k.unit, loc, cur).text,
                annual_target=annual,
                annual_target_text=measure_cell(annual, k.unit, loc, cur).text,
                cumulative=k.cumulative,
                expected_text=measure_cell(dict(expected).get(last), k.unit, loc, cur).text
                if last else "",
                n1_text=measure_cell(dict(n1).get(last), k.unit, loc, cur).text
                if last else ""))
    else:
        for s in tr.kpis:
            pts = _kpi_values(tr, s.id)
            status = next((p.status for p in reversed(s.points) if p.status is not None), None)
            series.append(TrendChartSeries(
                s.id, _kpi_label(ev, s.id, loc), tuple(pts),
                tuple(measure_cell(v, "", loc, cur).text for _, v in pts), None, "", status,
                expected=tuple(_kpi_values(tr, s.id, None, "expected")),
                n1=tuple(_kpi_values(tr, s.id, None, "n1_value"))))
    return TrendChart("steering-trends", label("rep_trends", loc), label("rep_target", loc),
                      tuple(series), tuple(dt.date.fromisoformat(d) for d in tr.dates))


def build(ctx: Context) -> Section | None:
    """The steering dashboard (None without a steering result)."""
    ev, steering, tr = ctx.ev, ctx.steering, ctx.trend
    if steering is None:
        return None
    loc, cur = ev.locale, ev.plan.header.currency
    blocks: list[Block] = [KeyValues("steering-meta", None, (
        (label("rep_steering_as_of", loc), date_cell(steering.as_of, loc)),
        (label("rep_snapshots", loc), int_cell(len(tr.dates) if tr is not None else 0, loc)),
    ))]
    from pacspec.report import words
    from pacspec.report.steering import change_text

    if ctx.scope is not None:
        blocks += _scoped(ctx, steering)
        return Section(SECTION.id, SECTION.title(loc), tuple(blocks))
    arrows = {"up": "↗", "down": "↘", "flat": "→"}
    kpis = steering.kpis
    to_date = any(k.target_to_date is not None for k in kpis)
    reasons = any(words.kpi_reason(k, steering) for k in kpis)
    kpi_rows = []
    for kpi in kpis:
        cells = [text_cell(words.kpi_label(kpi, loc)),
                 measure_cell(kpi.target, kpi.unit, loc, cur)]
        if to_date:
            cells.append(measure_cell(kpi.target_to_date, kpi.unit, loc, cur))
        cells += [measure_cell(kpi.value, kpi.unit, loc, cur),
                  pct_cell(kpi.attainment, loc, 0),
                  status_cell(kpi.status, loc),
                  measure_cell(kpi.n1_value, kpi.unit, loc, cur),
                  text_cell(change_text(kpi.change, kpi.change_kind, loc) or None),
                  measure_cell(kpi.projection, kpi.unit, loc, cur),
                  text_cell(label(f"phasing_{kpi.phasing}", loc))]
        if tr is not None:
            trend = _direction(_kpi_values(tr, kpi.id, _per_month_from(kpi, steering)))
            cells.append(Cell("text", trend, arrows[trend] + " " + label(f"rep_trend_{trend}", loc))
                         if trend else Cell())
        if reasons:
            cells.append(text_cell(words.kpi_reason(kpi, steering) or None))
        kpi_rows.append(Row(tuple(cells), key=kpi.id))
    kpi_cols = [Column("kpi", label("indicator", loc)),
                Column("target", label("rep_target", loc), "number", "right")]
    if to_date:
        kpi_cols.append(Column("target_to_date", label("rep_target_to_date", loc), "number",
                               "right"))
    kpi_cols += [Column("value", label("realised", loc), "number", "right"),
                 Column("attainment", label("rep_attainment", loc), "percent", "right"),
                 Column("status", label("rep_status", loc), "status", "left"),
                 Column("n1_value", label("n1_to_date", loc), "number", "right"),
                 Column("change", label("change_n1", loc), "text", "right"),
                 Column("projection", label("projection", loc), "number", "right"),
                 Column("phasing", label("phasing", loc))]
    if tr is not None:
        kpi_cols.append(Column("trend", label("rep_trend", loc)))
    if reasons:
        kpi_cols.append(Column("reason", label("rep_reason", loc), wide=True))
    blocks.append(Table("steering-kpis", label("rep_dashboard", loc), tuple(kpi_cols),
                        tuple(kpi_rows)))
    blocks += _action_table(ev, steering, steering.actions, {})
    blocks.extend(Paragraph(alert, "warning") for alert in words.alerts(steering))
    if tr is not None:
        blocks.append(trend_chart(tr, steering, ev))
    return Section(SECTION.id, SECTION.title(loc), tuple(blocks))


def part_reason(part: ActionPart, a: ActionSteering, steering: SteeringResult) -> str:
    """How a part of an action (a salesperson's clients) compares with what is expected
    of it by now, on the action's own profile; or why that is n/a."""
    from pacspec.reasons import Reason
    from pacspec.report.steering import say_reason

    if part.expected is None or part.realised is None:
        return say_reason(part.reasons.get("attainment"), steering)
    return say_reason(Reason("action_vs_expected", {
        "realised": part.realised, "expected": part.expected, "share": a.share or 0.0,
        "phasing": f"phasing_{a.phasing}", "attainment": part.attainment}), steering)


def _action_table(ev: Evaluation, steering: SteeringResult, actions: Sequence[ActionSteering],
                  parts: Mapping[str, ActionPart]) -> list[Block]:
    """The actions' results; an action with a part in ``parts`` that is not the whole
    action (a salesperson's clients) shows the part's figures."""

    loc, cur = ev.locale, ev.plan.header.currency
    titles = {a.id: a.title for a in ev.plan.actions}
    expected = any(a.expected is not None for a in actions)
    act_rows = []
    for a in actions:
        part = parts.get(a.id)
        if part is not None and not part.whole:
            variance = (part.realised - part.expected if part.realised is not None
                        and part.expected is not None else None)
            values = (part.clients, part.current_revenue, part.target_revenue, part.expected,
                      part.realised, part.attainment, variance, part.status,
                      part.n1_realised, part.projection, part_reason(part, a, steering))
        else:
            values = (a.clients, a.current_revenue, a.target_revenue, a.expected, a.realised,
                      a.attainment, a.variance, a.status, a.n1_realised, a.projection,
                      words.action_reason(a, steering))
        (clients, current, target, exp, realised, attained, variance, status, n1, landing,
         reason) = values
        cells = [text_cell(titles.get(a.id, a.title)),
                 int_cell(clients, loc),
                 money_cell(current, cur, loc),
                 money_cell(target, cur, loc)]
        if expected:
            cells.append(money_cell(exp, cur, loc))
        cells += [money_cell(realised, cur, loc),
                  pct_cell(attained, loc, 0),
                  money_cell(variance, cur, loc),
                  status_cell(status, loc),
                  money_cell(n1, cur, loc),
                  money_cell(landing, cur, loc),
                  text_cell(reason or None)]
        act_rows.append(Row(tuple(cells), key=a.id))
    blocks: list[Block] = []
    if act_rows:
        act_cols = [Column("action", label("action", loc), wide=True),
                    Column("clients", label("clients", loc), "integer", "right"),
                    Column("current_revenue", label("current_revenue", loc), "money",
                           "right"),
                    Column("target_revenue", label("target_revenue", loc), "money",
                           "right")]
        if expected:
            act_cols.append(Column("expected", label("rep_expected", loc), "money", "right"))
        act_cols += [
            Column("realised", label("rep_realised_revenue", loc), "money", "right"),
            Column("attainment", label("rep_attainment", loc), "percent", "right"),
            Column("variance", label("variance", loc), "money", "right"),
            Column("status", label("rep_status", loc), "status"),
            Column("n1_realised", label("n1_to_date", loc), "money", "right"),
            Column("projection", label("projection", loc), "money", "right"),
            Column("reason", label("rep_reason", loc), wide=True),
        ]
        blocks.append(Table("steering-actions", label("title_action_results", loc),
                            tuple(act_cols), tuple(act_rows)))
    return blocks


def _scoped(ctx: Context, steering: SteeringResult) -> list[Block]:
    """One person's steering: the KPIs with a quota for him (else one line saying the
    plan's KPIs are plan-wide), his action lines, the alerts on them. The plan's trend is
    the plan's: left to the plan's document."""
    from pacspec.report.steering import change_text, say_reason

    scope = ctx.scope
    assert scope is not None
    ev, loc, cur = ctx.ev, ctx.locale, ctx.currency
    blocks: list[Block] = []
    if scope.kind == "owner":
        blocks.append(Paragraph(label("rep_scope_kpis_owner", loc), "note"))
    elif not scope.kpis:
        blocks.append(Paragraph(label("rep_scope_kpis_plan_wide", loc, who=scope.key), "note"))
    else:
        names = {k.id: words.kpi_label(k, loc) for k in steering.kpis}
        rows = tuple(Row((
            text_cell(names.get(k.id, k.id)),
            measure_cell(k.quota, k.quota_unit if k.quota_unit != "per_month" else k.unit,
                         loc, cur),
            measure_cell(k.expected, k.unit, loc, cur),
            measure_cell(k.value, k.unit, loc, cur),
            pct_cell(k.attainment, loc, 0),
            status_cell(k.status, loc),
            measure_cell(k.n1_value, k.unit, loc, cur),
            text_cell(change_text(k.change, k.change_kind, loc) or None),
            measure_cell(k.projection, k.unit, loc, cur),
            text_cell(say_reason(k.reason, steering) or None)), key=k.id)
            for k in scope.kpis)
        blocks.append(Table("steering-kpis", label("rep_scope_kpis", loc, who=scope.key), (
            Column("kpi", label("indicator", loc)),
            Column("target", label("rep_target", loc), "number", "right"),
            Column("target_to_date", label("rep_target_to_date", loc), "number", "right"),
            Column("value", label("realised", loc), "number", "right"),
            Column("attainment", label("rep_attainment", loc), "percent", "right"),
            Column("status", label("rep_status", loc), "status", "left"),
            Column("n1_value", label("n1_to_date", loc), "number", "right"),
            Column("change", label("change_n1", loc), "text", "right"),
            Column("projection", label("projection", loc), "number", "right"),
            Column("reason", label("rep_reason", loc), wide=True)), rows))
    mine = [a for a in steering.actions if scope.has(a.id)]
    blocks += _action_table(ev, steering, mine, scope.parts)
    if not mine:
        blocks.append(Paragraph(label("rep_no_actions", loc), "note"))
    sep = Locale.of(loc).colon
    red = label("status_red", loc)
    for a in mine:
        part = scope.parts.get(a.id)
        if part is not None and not part.whole:
            if part.status == "red":
                blocks.append(Paragraph(f"{a.title or a.id}{sep}{red} — "
                                        f"{part_reason(part, a, steering)}", "warning"))
        elif a.status == "red":
            blocks.append(Paragraph(f"{a.title or a.id}{sep}{red} — "
                                    f"{words.action_reason(a, steering)}", "warning"))
    for a in mine:
        if a.late:
            blocks.append(Paragraph(f"{a.title or a.id}{sep}{label('late', loc)} — "
                                    f"{words.late_reason(a, steering)}", "warning"))
    names = {k.id: words.kpi_label(k, loc) for k in steering.kpis}
    for g in scope.kpis:
        if g.status == "red":
            blocks.append(Paragraph(f"{names.get(g.id, g.id)}{sep}{red}", "warning"))
    return blocks


SECTION = SectionSpec(
    id="steering", order=100, title=lambda loc: label("rep_title_steering", loc), build=build,
    xlsx=Sheet(lambda loc: label("rep_title_steering", loc), 20), terminal=False,
    scoped=build,
)
