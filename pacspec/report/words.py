"""The engine's numbers and reason codes put into words in the plan's locale: KPI names and
reasons, action reasons, alerts, budget keys, suggestions, category names."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pacspec.engine import kpis as registry
from pacspec.engine.result import RULE_SECTION_OF
from pacspec.i18n import explain, label
from pacspec.i18n.locale import Locale
from pacspec.reasons import Reason

if TYPE_CHECKING:
    from pacspec.engine.actions import Suggestion
    from pacspec.engine.result import Evaluation
    from pacspec.engine.steering import ActionSteering, KpiResult, SteeringResult



def _texts() -> dict[str, Mapping[str, str]]:
    """The reason texts of every KPI module."""
    out: dict[str, Mapping[str, str]] = {}
    for spec in registry.specs():
        out.update(spec.texts)
    return out


def say(reason: Reason | None, locale: str, currency: str = "EUR") -> str:
    """A reason in words ("" for none)."""
    if reason is None:
        return ""
    return explain(reason.code, reason.values, locale, currency, texts=_texts())


def metric_label(metric: str, locale: str) -> str:
    """The name of a metric in ``locale`` (from its KPI module)."""
    labels = registry.get(metric).labels
    return labels.get(locale) or labels["fr"]


def format_measure(value: float | None, unit: str, locale: str = "fr",
                   currency: str = "EUR") -> str:
    """A KPI value or target as users read it, following its unit."""
    return Locale.of(locale).measure(value, unit, currency)


def kpi_label(kpi: KpiResult, locale: str) -> str:
    """The plan's name of a KPI, else its metric's name."""
    return kpi.name or metric_label(kpi.metric, locale)


def _said(reason: Reason | None, result: SteeringResult) -> str:
    return say(reason, result.locale, result.plan.header.currency)


def kpi_reason(k: KpiResult, result: SteeringResult) -> str:
    """A KPI's basis and how its value compares with what is expected of it to date."""
    loc, cur = result.locale, result.plan.header.currency
    if k.value is None:
        return _said(k.reason, result)
    values: dict[str, Any] = {"value": k.value, "expected": k.expected, "unit": k.unit,
                              "share": k.share, "annual": k.annual_target,
                              "phasing": f"phasing_{k.phasing}", "attainment": k.attainment,
                              "target": k.target}
    if k.cumulative:
        code = "kpi_vs_expected_cap" if k.direction == "lower" else "kpi_vs_expected"
    elif k.phasing == "seasonal":
        code = "kpi_vs_trajectory"
    else:
        code = "kpi_vs_cap" if k.direction == "lower" else "kpi_vs_target"
    parts = [p for p in (_said(k.reason, result), say(Reason(code, values), loc, cur))
             if p]
    if k.per_month is not None:
        parts.append(label("per_month_value", loc, value=k.per_month))
    parts += [_said(extra, result) for extra in (k.phasing_reason, k.warning)
              if extra is not None]
    return Locale.of(loc).list_separator.join(parts)


def action_reason(a: ActionSteering, result: SteeringResult) -> str:
    """How an action's realised revenue compares with what is expected of it by now."""
    if a.expected is None or a.realised is None:
        return _said(a.reasons.get("attainment"), result) if a.has_target else ""
    parts = [_said(Reason("action_vs_expected", {
        "realised": a.realised, "expected": a.expected, "share": a.share or 0.0,
        "phasing": f"phasing_{a.phasing}", "attainment": a.attainment}), result)]
    parts += [_said(extra, result) for extra in (a.reasons.get("attainment"), a.phasing_reason)
              if extra is not None]
    return Locale.of(result.locale).list_separator.join(parts)


def late_reason(action: ActionSteering, result: SteeringResult) -> str | None:
    """Why an action is late, or None."""
    if action.late_reason is None:
        return None
    return say(action.late_reason, result.locale, result.plan.header.currency)


def alerts(result: SteeringResult) -> list[str]:
    """What needs attention, one sentence each: red actions and KPIs with their reason,
    then late actions; actions by their title (the plan's words), dates in the locale."""
    loc = result.locale
    sep = Locale.of(loc).colon
    red = label("status_red", loc)
    out = [f"{a.title or a.id}{sep}{red} — {action_reason(a, result)}" for a in result.actions
           if a.status == "red"]
    out += [f"{kpi_label(k, loc)}{sep}{red} — {kpi_reason(k, result)}" for k in result.kpis
            if k.status == "red"]
    out += [f"{a.title or a.id}{sep}{label('late', loc)} — {late_reason(a, result)}"
            for a in result.actions if a.late]
    return out


def budget_key_label(axis: str, key: str, locale: str) -> str:
    """A budget roll-up key in words (``Commerciales``, ``Priorité 1``, an owner as is)."""
    if axis in ("type", "subtype", "horizon"):
        return label(f"{axis}_{key}", locale)
    if axis == "priority":
        return label("priority_n", locale, n=key)
    return key


def envelope_key_label(axis: str, key: str, locale: str) -> str:
    """A key of the plan's budget envelope in words: action types in the plural
    (``commerciales``), horizons by their abbreviation (``CT``), owners and priorities as
    written."""
    if axis == "type":
        return (label("rep_type_commercial", locale) if key == "commercial"
                else label("rep_type_internal", locale))
    if axis == "horizon":
        return budget_key_label(axis, key, locale)
    return key


def suggestion_text(suggestion: Suggestion, locale: str, currency: str) -> str:
    """A recommendation no action covers, as one sentence."""
    names = [c.name or c.client for c in suggestion.top] + (["…"] if suggestion.more else [])
    return explain("suggestion", {"label": suggestion.label, "n": suggestion.clients,
                                  "revenue": suggestion.revenue, "kinds": suggestion.subtypes,
                                  "names": names}, locale, currency)


def category_label(column: str, category: str | None, locale: str) -> str:
    """A category of the IPO/IPA quadrant or portfolio zone column in words (``none`` for
    the clients without one)."""
    if category is None:
        return label("none", locale)
    return label(f"{column}_{category}", locale)


def dependence_warnings(ev: Evaluation) -> list[str]:
    """The ABC summary's warnings in words."""
    loc = Locale.of(ev.locale)
    return [explain(r.code, {**r.values, "share": loc.percent(r.values["share"], 1)}, ev.locale)
            for r in ev.abc_summary().warnings]


def category_names(ev: Evaluation) -> dict[str, tuple[str, ...]]:
    """Display names of the categories of each categorical column, "none" last."""
    from pacspec.engine.table import Categorical

    locale = ev.locale
    none = label("none", locale)
    out: dict[str, tuple[str, ...]] = {}
    for name, col in ev.columns.items():
        if not isinstance(col, Categorical) or name == "client":
            continue
        if name in RULE_SECTION_OF:
            names = [ev.rule_label(RULE_SECTION_OF[name], c) for c in col.categories]
        elif name in ("quadrant", "zone"):
            names = [label(f"{name}_{c}", locale) for c in col.categories]
        else:
            names = list(col.categories)
        out[name] = (*names, none)
    return out
