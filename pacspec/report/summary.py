"""The JSON documents of ``pacspec evaluate --format json`` and ``pacspec track --format
json``: the engine's results as plain data, with labels in the plan's locale."""

from __future__ import annotations

from typing import Any

from pacspec.engine.result import Evaluation
from pacspec.engine.steering import SteeringResult
from pacspec.i18n import label
from pacspec.report import words


def counts(ev: Evaluation, name: str) -> list[dict[str, Any]]:
    """:meth:`Evaluation.rule_counts` with the label of each category after its id."""
    return [{"id": r.id, "label": words.category_label(name, r.id, ev.locale),
             "clients": r.clients, "revenue": r.revenue} for r in ev.rule_counts(name)]


def rules(ev: Evaluation, name: str) -> list[dict[str, Any]]:
    """:meth:`Evaluation.rule_summary` with "none" in words."""
    none = label("none", ev.locale)
    return [{**r.to_dict(), "label": r.label if r.label is not None else none}
            for r in ev.rule_summary(name)]


def _zone_label(zone: str, locale: str) -> str:
    return label("total", locale) if zone == "total" else words.category_label("zone", zone,
                                                                                locale)


def evaluation_summary(ev: Evaluation) -> dict[str, Any]:
    """Everything the analysis shows, as plain data (JSON-ready)."""
    header = ev.plan.header
    out: dict[str, Any] = {
        "plan": {"company": header.company, "business_unit": header.business_unit,
                 "budget_year": header.budget_year, "locale": ev.locale},
        "as_of": ev.as_of.isoformat(),
        "window": [ev.window[0].isoformat(), ev.window[1].isoformat()],
        "periods": ev.period_labels,
        "clients": ev.n_clients,
        "transactions": ev.ledger.n_transactions,
        "abc": {**ev.abc_summary().to_dict(), "warnings": words.dependence_warnings(ev)},
        "codes": ev.code_distribution().records(),
        "profiles": rules(ev, "profile"),
        "segments": rules(ev, "segment"),
        "typologies": rules(ev, "typology"),
        "scores": ev.score_thresholds().records(),
    }
    if "quadrant" in ev.columns:
        out["ipo_ipa"] = {"quadrants": counts(ev, "quadrant"),
                          "priority_clients": ev.priority_clients().records()}
    if "zone" in ev.columns:
        zones = ev.portfolio_zones()
        out["portfolio"] = {
            "zones": counts(ev, "zone"),
            "matrix": ev.crosstab("revenue_class", "potential_class").to_dict(),
            # penetration (revenue / stated potential) and reste à gagner, per zone then total
            "penetration": [{**r, "label": _zone_label(str(r["zone"]), ev.locale)}
                            for r in (zones.records() if zones is not None else [])],
        }
    out["problems"] = [p.to_dict() for p in ev.problems]
    return out


def steering_summary(result: SteeringResult, source: str) -> dict[str, Any]:
    """Everything ``pacspec track`` shows, as plain data (JSON-ready)."""
    header = result.plan.header
    locale = result.locale
    out: dict[str, Any] = {
        "plan": {"file": source, "company": header.company,
                 "business_unit": header.business_unit, "budget_year": header.budget_year,
                 "locale": locale, "currency": header.currency,
                 "plan_start": header.plan_start.isoformat(), "plan_end": header.end.isoformat()},
        "as_of": result.as_of.isoformat(),
        "period": [result.period[0].isoformat(), result.period[1].isoformat()],
        "elapsed": round(result.elapsed, 4),
        "n1_period": None if result.n1_period is None
        else [result.n1_period[0].isoformat(), result.n1_period[1].isoformat()],
        "months_in_plan": round(result.months_in_plan, 6),
    }
    out.update(result.plan_actions.summary())
    for entry, suggestion in zip(out["coverage"]["suggestions"],
                                 result.plan_actions.coverage.suggestions, strict=True):
        entry["text"] = words.suggestion_text(suggestion, locale, header.currency)
    from pacspec.report.steering import action_record, kpi_record

    out["steering"] = {"actions": [action_record(a, result) for a in result.actions],
                       "kpis": [kpi_record(k, result) for k in result.kpis],
                       "alerts": words.alerts(result)}
    out["problems"] = [p.to_dict() for p in result.problems]
    return out
