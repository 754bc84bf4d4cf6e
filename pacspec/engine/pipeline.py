"""Evaluate a plan against client data: one pass over the ledger, then array arithmetic per
client. The order is fixed: aggregates -> ABC -> RFM scores -> IPO/IPA -> portfolio ->
segments -> profiles -> typologies."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from pacspec.diagnostics import EvaluationError, JsonPath, LedgerError, Problem
from pacspec.engine.abc import abc_classes
from pacspec.engine.aggregate import NO_DAY, aggregate
from pacspec.engine.ipo_ipa import evaluate_ipo_ipa
from pacspec.engine.periods import from_day, period_edges, period_labels, to_day
from pacspec.engine.portfolio import evaluate_portfolio
from pacspec.engine.result import Evaluation, ScoreCuts
from pacspec.engine.rules import ConditionContext, ConditionError, assign_rules, condition_mask
from pacspec.engine.scores import quantile_scores
from pacspec.engine.table import Categorical, Column
from pacspec.ledger import Ledger, load_ledger_for_plan
from pacspec.loader import LoadedPlan, SourceMap, load_plan
from pacspec.model.plan import Plan

AMOUNT_DECIMALS = 2
"""Amounts are summed in exact cents, so that 10.10 + 20.20 - 30.30 nets to 0 and sets no
purchase bit (plain float sums leave about 1e-15)."""


def as_loaded(plan: LoadedPlan | Plan | str | os.PathLike[str]) -> LoadedPlan:
    """A loaded plan from a path, a LoadedPlan or a Plan built in Python."""
    if isinstance(plan, LoadedPlan):
        return plan
    if isinstance(plan, Plan):
        return LoadedPlan(plan=plan, source="<plan>", base_dir=Path.cwd(),
                          sources=SourceMap(main="<plan>"))
    return load_plan(plan)


def plan_ledger(loaded: LoadedPlan, *, ledger: Ledger | None = None, transactions: Any = None,
                clients: Any = None, bad_rows: str | None = None) -> Ledger:
    """The ledger to evaluate: ``ledger`` if given, else ``transactions``/``clients`` (paths,
    DataFrames, Arrow tables, mappings), else the plan's ``data:`` paths.

    Problems caused by the plan's ``data:`` section (their ``path`` is a ``$.data...`` JSON
    path) are placed in the plan: a problem about a data file gets a note at the plan line
    that names or maps it; a problem with no file of its own is positioned in the plan."""
    if ledger is not None:
        return ledger
    try:
        return load_ledger_for_plan(loaded.plan.data, loaded.base_dir,
                                    transactions=transactions, clients=clients,
                                    bad_rows=bad_rows)  # type: ignore[arg-type]
    except LedgerError as exc:
        raise LedgerError(_in_plan(loaded, exc.problems)) from None


def _plan_value(plan: Plan, path: JsonPath) -> tuple[bool, Any]:
    """Whether the plan file sets ``path`` (False when a default is used), and the value."""
    node: Any = plan
    explicit = True
    for part in path:
        if not isinstance(part, str) or not isinstance(node, BaseModel):
            return False, None
        field = next((name for name, info in type(node).model_fields.items()
                      if (info.alias or name) == part), None)
        if field is None:
            return False, None
        explicit = explicit and field in node.model_fields_set
        node = getattr(node, field)
    return explicit, node


def _in_plan(loaded: LoadedPlan, problems: list[Problem]) -> list[Problem]:
    """Place the problems caused by the plan's ``data:`` section in the plan file."""
    out: list[Problem] = []
    notes: list[Problem] = []
    noted: set[JsonPath] = set()
    for problem in problems:
        path = problem.path
        if path is None or path[:1] != ("data",):
            out.append(problem)
            continue
        if problem.file is None:  # nothing else to point at: the plan is the place
            out.append(loaded.sources.problem(problem.severity, problem.code, path,
                                              problem.message, problem.hint))
            continue
        out.append(problem)
        if path in noted:
            continue
        noted.add(path)
        key = ".".join(str(part) for part in path)
        if path[-1] == "path":
            message = (f"{key} names {problem.file} here (paths are relative to the plan file)")
        else:
            explicit, value = _plan_value(loaded.plan, path)
            shown = f" '{value}'" if isinstance(value, str) else ""
            message = (f"{key} is set here to{shown}" if explicit and shown else
                       f"{key} is set here" if explicit else
                       f"{key} is not set in the plan: its default{shown} is used")
        notes.append(loaded.sources.problem("note", problem.code, path, message))
    return [*out, *notes]


def default_as_of(ledger: Ledger, source: str) -> dt.date:
    """The last transaction date, the default ``as_of``; an error when there is none."""
    if ledger.n_transactions == 0:
        raise EvaluationError([Problem("error", "no-data", "there are no transactions, so "
                                       "as_of cannot default to the last one", source,
                                       hint="give --as-of YYYY-MM-DD")])
    return from_day(int(ledger.day.max()))


def _as_of_problems(ledger: Ledger, as_of: dt.date, source: str) -> list[Problem]:
    """A warning when no transaction is on or before ``as_of`` (every client then looks
    like a prospect), with a note counting the rows after it, which are left out."""
    if ledger.n_transactions and int(ledger.day.min()) <= to_day(as_of):
        return []
    if not ledger.n_transactions:
        return [Problem("warning", "no-data-before-as-of",
                        f"there are no transactions, so none is on or before as_of {as_of}: "
                        "every client counts as never having bought", source)]
    n = ledger.n_transactions
    first, last = ledger.first_date, ledger.last_date
    rows = "the only transaction row is" if n == 1 else f"all {n} transaction rows are"
    return [
        Problem("warning", "no-data-before-as-of",
                f"no transaction is on or before as_of {as_of}: the data runs from {first} "
                f"to {last}, so every client counts as never having bought", source,
                hint=f"give an as_of on or after {first} (--as-of YYYY-MM-DD)"),
        Problem("note", "after-as-of",
                f"{rows} dated after as_of {as_of} and left out "
                "(nothing after as_of is used for the analysis)", source),
    ]


def _attributes(ledger: Ledger) -> dict[str, Column]:
    """Register columns: numbers stay arrays, text becomes Categorical."""
    out: dict[str, Column] = {}
    for name, values in ledger.attributes.items():
        arr = np.asarray(values)
        out[name] = arr if arr.dtype.kind in "fiub" else Categorical.from_values(arr)
    return out


def evaluate(
    plan: LoadedPlan | Plan | str | os.PathLike[str],
    *,
    transactions: Any = None,
    clients: Any = None,
    as_of: dt.date | None = None,
    bad_rows: str | None = None,
    ledger: Ledger | None = None,
) -> Evaluation:
    """Evaluate ``plan`` (a path, a loaded plan or a Plan) against client data.

    The data comes from ``ledger`` if given, else from ``transactions``/``clients`` (paths,
    DataFrames, Arrow tables or mappings of arrays), else from the plan's ``data:`` paths.
    ``as_of`` defaults to the last transaction date; rows after it are read but not used (a
    later ``as_of`` on the same data is how the plan is steered). Raises :class:`EvaluationError` or
    :class:`~pacspec.diagnostics.LedgerError` with positioned problems."""
    loaded = as_loaded(plan)
    spec = loaded.plan
    ledger = plan_ledger(loaded, ledger=ledger, transactions=transactions, clients=clients,
                         bad_rows=bad_rows)
    problems: list[Problem] = []
    for report in ledger.reports:
        problems.extend(p for p in report.problems() if p.severity != "error")

    if as_of is None:
        as_of = default_as_of(ledger, loaded.source)
    as_of_day = to_day(as_of)
    problems.extend(_as_of_problems(ledger, as_of, loaded.source))

    periods = spec.rfm.periods
    edges = period_edges(as_of, periods.unit, periods.count, periods.include_current)
    if spec.rfm.window is not None:
        window = (to_day(spec.rfm.window.start), to_day(spec.rfm.window.end) + 1)
    else:
        window = (int(edges[0]), int(edges[-1]))
    use_orders = spec.rfm.frequency == "orders" and ledger.order is not None
    if spec.rfm.frequency == "orders" and ledger.order is None:
        problems.append(Problem("note", "frequency-days", "no order column: frequency counts "
                                "distinct purchase days", loaded.source))
    agg = aggregate(ledger.client, ledger.day, ledger.amount, n_clients=ledger.n_clients,
                    edges=edges, window=window, as_of=as_of_day,
                    order=ledger.order if use_orders else None, quantity=ledger.quantity,
                    decimals=AMOUNT_DECIMALS)

    n = ledger.n_clients
    bought = agg.first_purchase != NO_DAY
    recency = np.where(bought, as_of_day - agg.last_purchase, np.nan).astype(np.float64)
    columns: dict[str, Column] = {
        "revenue": agg.revenue,
        "orders": agg.orders.astype(np.float64),
        "units": agg.units,
        "history_revenue": agg.history_revenue,
        "recency": recency,
        "code": agg.code,
        "new": bought & (agg.first_purchase >= window[0]),
        "bought_before_window": bought & (agg.first_purchase < window[0]),
        "prospect": ~bought,
    }

    abc = spec.abc
    classes = abc_classes(agg.revenue, abc.effective_cuts, abc.basis)
    columns["abc"] = Categorical(classes.astype(np.int32), tuple(abc.labels))

    bins = spec.rfm.scores.bins
    cuts: dict[str, np.ndarray] = {}
    for name, values, higher in (("r", recency, False), ("f", agg.orders, True),
                                 ("m", agg.revenue, True)):
        scores, cut = quantile_scores(np.nan_to_num(np.asarray(values, dtype=np.float64)),
                                      bins, higher, mask=bought)
        columns[name] = np.where(bought, scores, np.nan).astype(np.float64)
        cuts[name] = cut

    attributes = _attributes(ledger)
    columns["client"] = Categorical(np.arange(n, dtype=np.int32),
                                    tuple(str(c) for c in ledger.client_ids))
    try:
        if spec.ipo_ipa is not None:
            overrides: dict[int, Mapping[str, float]] = {}
            unknown = []
            if spec.ipo_ipa.notes:
                index = ledger.index_of(list(spec.ipo_ipa.notes))
                for cid, idx in zip(spec.ipo_ipa.notes, index, strict=False):
                    if idx < 0:
                        unknown.append(cid)
                    else:
                        overrides[int(idx)] = spec.ipo_ipa.notes[cid]
            for cid in unknown:
                problems.append(loaded.sources.problem(
                    "warning", "unknown-client", ("ipo_ipa", "notes", cid),
                    f"client '{cid}' is not in the data", prefer_key=True))
            ipo = evaluate_ipo_ipa(spec.ipo_ipa, n, attributes, overrides)
            columns.update(ipo=ipo.ipo, ipa=ipo.ipa, quadrant=ipo.quadrant)
            if ipo.unscored:
                problems.append(loaded.sources.problem(
                    "note", "ipo-ipa-unscored", ("ipo_ipa",),
                    f"{ipo.unscored} of {n} clients have no IPO/IPA notes and no quadrant"))
        if spec.portfolio is not None:
            attr = spec.portfolio.attribute
            col = attributes.get(attr)
            if col is None or isinstance(col, Categorical):
                raise ConditionError(("portfolio", "attribute"),
                                     f"the client register has no numeric column '{attr}'",
                                     "set portfolio.attribute to the column of potentials")
            port = evaluate_portfolio(spec.portfolio, col, columns["abc"],  # type: ignore[arg-type]
                                      ~bought)
            columns.update(potential=port.potential, potential_class=port.potential_class,
                           revenue_class=port.revenue_class, zone=port.zone)
        ctx = ConditionContext(n=n, columns=columns, attributes=attributes,
                               n_periods=len(edges) - 1)
        columns["segment"] = assign_rules(spec.segments, ctx, ("segments",))
        columns["profile"] = assign_rules(spec.profiles, ctx, ("profiles",))
        columns["typology"] = _typologies(spec, ctx, attributes)
    except ConditionError as exc:
        raise EvaluationError([loaded.sources.problem("error", "evaluation", exc.path,
                                                      exc.message, exc.hint)]) from None

    return Evaluation(
        loaded=loaded,
        ledger=ledger,
        as_of=as_of,
        window=(from_day(window[0]), from_day(window[1] - 1)),
        edges=edges,
        period_labels=period_labels(edges, periods.unit, spec.locale),
        columns=columns,
        attributes=attributes,
        first_purchase=agg.first_purchase,
        last_purchase=agg.last_purchase,
        period_revenue=agg.period_revenue,
        score_cuts=ScoreCuts(bins=bins, recency=cuts["r"], frequency=cuts["f"],
                             monetary=cuts["m"]),
        problems=problems,
    )


def _typologies(spec: Plan, ctx: ConditionContext, attributes: Mapping[str, Column]
                ) -> Categorical:
    """First matching typology; a typology without `when` matches the register column
    `typology` equal to its id."""
    codes = np.full(ctx.n, -1, dtype=np.int32)
    free = np.ones(ctx.n, dtype=bool)
    register = attributes.get("typology")
    for i, typo in enumerate(spec.typologies):
        if typo.when is not None:
            hit = condition_mask(typo.when, ctx, ("typologies", i, "when"))
        elif register is None:
            raise ConditionError(("typologies", i),
                                 f"typology '{typo.id}' has no 'when' and the client register "
                                 "has no 'typology' column",
                                 "add a 'when' condition or a typology column")
        elif isinstance(register, Categorical):
            hit = register.isin([typo.id])
        else:
            hit = np.zeros(ctx.n, dtype=bool)
        hit &= free
        codes[hit] = i
        free &= ~hit
    return Categorical(codes, tuple(t.id for t in spec.typologies))
