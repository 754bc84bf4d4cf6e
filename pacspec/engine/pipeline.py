"""Evaluate a plan against client data: one pass over the ledger, then array arithmetic per
client. The order is fixed: aggregates -> ABC -> RFM scores -> IPO/IPA -> portfolio ->
segments -> profiles -> typologies."""

from __future__ import annotations

import datetime as dt
import weakref
from collections.abc import Mapping

import numpy as np

from pacspec.calendar import from_day, to_day
from pacspec.diagnostics import EvaluationError, Problem
from pacspec.engine.abc import abc_classes, abc_values
from pacspec.engine.aggregate import NO_DAY
from pacspec.engine.backends.numpy import NumpyEngine
from pacspec.engine.backends.request import AggregateRequest, Aggregator
from pacspec.engine.ipo_ipa import evaluate_ipo_ipa
from pacspec.engine.periods import period_edges, period_labels
from pacspec.engine.portfolio import evaluate_portfolio
from pacspec.engine.result import Evaluation, ScoreCuts
from pacspec.engine.rules import ConditionContext, ConditionError, assign_rules, condition_mask
from pacspec.engine.scores import quantile_scores
from pacspec.engine.table import Categorical, Column
from pacspec.ingest import Ledger
from pacspec.model.plan import Plan
from pacspec.model.types import localize
from pacspec.reasons import Reason

AMOUNT_DECIMALS = 2
"""Amounts are summed in exact cents, so that 10.10 + 20.20 - 30.30 nets to 0 and sets no
purchase bit (plain float sums leave about 1e-15)."""


def _as_of_problems(ledger: Ledger, as_of: dt.date) -> list[Problem]:
    """A warning when no transaction is on or before ``as_of`` (every client then looks
    like a prospect), with a note counting the rows after it, which are left out."""
    first = ledger.first_date
    if ledger.n_transactions and first is not None and first <= as_of:
        return []
    where = ("data", "transactions")  # placed at the plan's transactions (or its root)
    if not ledger.n_transactions:
        return [Problem("warning", "no-data-before-as-of", "", path=where,
                        reason=Reason("problem_no_transactions", {"as_of": as_of}))]
    n = ledger.n_transactions
    last = ledger.last_date
    return [
        Problem("warning", "no-data-before-as-of", "", path=where, reason=Reason(
            "problem_no_data_before_as_of", {"as_of": as_of, "first": first, "last": last})),
        Problem("note", "after-as-of", "", path=where, reason=Reason(
            "problem_after_as_of_one" if n == 1 else "problem_after_as_of",
            {"n": n, "as_of": as_of})),
    ]


_ENCODED: weakref.WeakKeyDictionary[Ledger, dict[str, tuple[object, Categorical]]] = \
    weakref.WeakKeyDictionary()
"""Each ledger's text columns as encoded for its last evaluation, with the array each was
encoded from: a session evaluates one ledger at several dates (the analysis date, the
baseline), and the register does not depend on the date."""


def _attributes(ledger: Ledger) -> dict[str, Column]:
    """Register columns: numbers stay arrays, text becomes Categorical (once per ledger and
    column array, see :data:`_ENCODED`)."""
    out: dict[str, Column] = {}
    encoded = _ENCODED.setdefault(ledger, {})
    for name, values in ledger.attributes.items():
        arr = np.asarray(values)
        if arr.dtype.kind in "fiub":
            out[name] = arr
            continue
        known = encoded.get(name)
        if known is None or known[0] is not values:
            known = encoded[name] = (values, Categorical.from_values(arr))
        out[name] = known[1]
    return out


def _finite(values: np.ndarray) -> np.ndarray:
    """``np.nan_to_num`` of the values as float64 (NaN 0, infinities the largest finite
    numbers), with one pass to tell that there is nothing to replace (the usual case)."""
    data = np.asarray(values, dtype=np.float64)
    if np.isfinite(data).all():
        return data
    return np.nan_to_num(data)


def _client_column(ledger: Ledger) -> Categorical:
    """The clients' ids as a Categorical (``client:`` conditions), once per ledger and ids
    array like the register's texts (:data:`_ENCODED`): its index of 100 000 ids is then
    built once for every evaluation of a session."""
    encoded = _ENCODED.setdefault(ledger, {})
    known = encoded.get("\0client")
    ids = ledger.client_ids
    if known is None or known[0] is not ids:
        # the ledger's ids are str objects or int64 (Ledger.client_ids): only numbers are
        # made text (a str() call per id is 0.35 s for 5 M clients)
        texts = ids.tolist() if ids.dtype == object else map(str, ids.tolist())
        column = Categorical(np.arange(len(ids), dtype=np.int32), tuple(texts))
        known = encoded["\0client"] = (ids, column)
    return known[1]


def evaluate(spec: Plan, ledger: Ledger, as_of: dt.date, engine: Aggregator | None = None
             ) -> Evaluation:
    """Evaluate the plan against the ledger at ``as_of`` (nothing after it is used). The
    per-client aggregation runs on ``engine`` (default numpy, see
    :mod:`pacspec.engine.backends`). Raises :class:`EvaluationError` with problems placed
    by plan path."""
    problems: list[Problem] = []
    as_of_day = to_day(as_of)
    problems.extend(_as_of_problems(ledger, as_of))

    periods = spec.rfm.periods
    start_month = spec.header.plan_start.month if periods.align == "fiscal" else 1
    edges = period_edges(as_of, periods.unit, periods.count, periods.include_current,
                         start_month)
    if spec.rfm.window is not None:
        window = (to_day(spec.rfm.window.start), to_day(spec.rfm.window.end) + 1)
    else:
        window = (int(edges[0]), int(edges[-1]))
    use_orders = spec.rfm.frequency == "orders" and ledger.order is not None
    if spec.rfm.frequency == "orders" and ledger.order is None:
        problems.append(Problem("note", "frequency-days", "",
                                reason=Reason("problem_frequency_days")))
    request = AggregateRequest(edges=edges, window=window, as_of=as_of_day,
                               use_orders=use_orders, decimals=AMOUNT_DECIMALS)
    if spec.abc.measure == "margin" and ledger.margin is None:
        raise EvaluationError([Problem(
            "error", "abc-margin-no-column", "", path=("abc", "measure"),
            reason=Reason("problem_abc_margin_no_column", {}))])
    agg = (engine or NumpyEngine()).aggregate(ledger, request)

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
        # first purchase ever inside the window (a first purchase after it is not "new")
        "new": bought & (agg.first_purchase >= window[0]) & (agg.first_purchase < window[1]),
        "bought_before_window": bought & (agg.first_purchase < window[0]),
        "prospect": ~bought,
    }

    active = agg.revenue > 0
    if agg.margin is not None:
        columns["margin"] = agg.margin
    abc = spec.abc
    classes = abc_classes(abc_values(agg.revenue, agg.margin, abc.measure),
                          abc.effective_cuts, abc.basis)
    columns["abc"] = Categorical(classes.astype(np.int32), tuple(abc.labels))

    bins = spec.rfm.scores.bins
    cuts: dict[str, np.ndarray] = {}
    for name, values, higher in (("r", recency, False), ("f", agg.orders, True),
                                 ("m", agg.revenue, True)):
        # scored over the active clients; lapsed (bought, not active in the window) 0;
        # never bought: no score
        scores, cut = quantile_scores(_finite(values), bins, higher, mask=active)
        columns[name] = np.where(bought, scores, np.nan).astype(np.float64, copy=False)
        cuts[name] = cut
    problems.extend(_unreached_scores(columns, active, bins, cuts))
    problems.extend(_short_history(ledger, window, as_of, np.asarray(columns["new"])))

    attributes = _attributes(ledger)
    columns["client"] = _client_column(ledger)
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
                problems.append(Problem(
                    "warning", "unknown-client", "", path=("ipo_ipa", "notes", cid),
                    at_key=True, reason=Reason("problem_unknown_client", {"client": cid})))
            ipo = evaluate_ipo_ipa(spec.ipo_ipa, n, attributes, overrides)
            columns.update(ipo=ipo.ipo, ipa=ipo.ipa, quadrant=ipo.quadrant)
            if ipo.unscored:
                problems.append(Problem(
                    "note", "ipo-ipa-unscored", "", path=("ipo_ipa",), reason=Reason(
                        "problem_ipo_ipa_unscored", {"unscored": ipo.unscored, "n": n})))
        if spec.portfolio is not None:
            attr = spec.portfolio.attribute
            col = attributes.get(attr)
            if col is None or isinstance(col, Categorical):
                raise ConditionError(("portfolio", "attribute"),
                                     f"the client register has no numeric column '{attr}'",
                                     "set portfolio.attribute to the column of potentials")
            port = evaluate_portfolio(spec.portfolio, col, columns["abc"],  # type: ignore[arg-type]
                                      ~active, agg.revenue)
            columns.update(potential=port.potential, potential_class=port.potential_class,
                           revenue_class=port.revenue_class, zone=port.zone,
                           penetration=port.penetration, headroom=port.headroom)
            problems.extend(_over_potential(ledger, attr, agg.revenue, port.potential))
        ctx = ConditionContext(n=n, columns=columns, attributes=attributes,
                               n_periods=len(edges) - 1)
        columns["segment"] = assign_rules(spec.segments, ctx, ("segments",))
        problems.extend(_empty_segments(spec, columns["segment"], active))
        columns["profile"] = assign_rules(spec.profiles, ctx, ("profiles",))
        columns["typology"] = _typologies(spec, ctx, attributes)
        problems.extend(_typology_fit(spec, ctx, columns["typology"]))
    except ConditionError as exc:
        raise EvaluationError([Problem("error", "evaluation", exc.message, path=exc.path,
                                       hint=exc.hint)]) from None

    return Evaluation(
        plan=spec,
        ledger=ledger,
        as_of=as_of,
        window=(from_day(window[0]), from_day(window[1] - 1)),
        edges=edges,
        period_labels=period_labels(edges, periods.unit, spec.locale, start_month),
        columns=columns,
        attributes=attributes,
        first_purchase=agg.first_purchase,
        last_purchase=agg.last_purchase,
        period_revenue=agg.period_revenue,
        score_cuts=ScoreCuts(bins=bins, recency=cuts["r"], frequency=cuts["f"],
                             monetary=cuts["m"], scored=int(active.sum()),
                             lapsed=int((bought & ~active).sum())),
        problems=problems,
    )


def _short_history(ledger: Ledger, window: tuple[int, int], as_of: dt.date,
                   new: np.ndarray) -> list[Problem]:
    """A warning when the data does not reach back before the analysis window: a client
    who bought before the export began looks new (DESIGN §4, *Analysis window*)."""
    first = ledger.first_date
    start = from_day(window[0])
    if first is None or first > as_of or first < start:
        return []
    n_new = int(np.count_nonzero(new))
    return [Problem("warning", "short-history", "", path=("data", "transactions"),
                    reason=Reason("problem_short_history", {
                        "first": first, "start": start, "end": from_day(window[1] - 1),
                        "n_new": n_new}))]


def _over_potential(ledger: Ledger, attr: str, revenue: np.ndarray, potential: np.ndarray
                    ) -> list[Problem]:
    """A data warning counting the clients whose revenue in the window is above their
    stated potential (the potential is likely out of date)."""
    known = ~np.isnan(potential)
    over = np.flatnonzero(known & (revenue > potential))
    if not len(over):
        return []
    shown = ", ".join(str(ledger.client_ids[i]) for i in over[:5].tolist())
    more = ", ..." if len(over) > 5 else ""
    return [Problem("warning", "over-potential", "", path=("portfolio", "attribute"),
                    reason=Reason("problem_over_potential", {
                        "over": len(over), "known": int(known.sum()),
                        "clients": f"{shown}{more}", "column": attr}))]


TYPOLOGY_FIT = 0.5
"""An action filed under a typology warns when fewer than this share of its targets are of
that typology."""


def _typology_fit(spec: Plan, ctx: ConditionContext, typology: Column) -> list[Problem]:
    """A warning per action filed under a client typology whose target clients (at this
    evaluation) are mostly outside it (DESIGN §4, *Actions*). A target the data cannot
    answer is left to the resolution of the actions, which reports it."""
    if not isinstance(typology, Categorical):
        return []
    out = []
    names = {t.id: localize(t.label, spec.locale, t.id) for t in spec.typologies}
    for i, action in enumerate(spec.actions):
        if action.typology is None or action.target is None:
            continue
        if action.typology not in typology.categories:
            continue  # an unknown typology is the lint's (unresolved-ref)
        try:
            mask = condition_mask(action.target, ctx, ("actions", i, "target"))
        except ConditionError:
            continue
        n = int(mask.sum())
        inside = int((mask & typology.isin([action.typology])).sum())
        if n and inside < TYPOLOGY_FIT * n:
            out.append(Problem(
                "warning", "typology-mismatch", "", path=("actions", i, "typology"),
                reason=Reason("problem_typology_mismatch", {
                    "action": action.id, "title": action.title, "typology": action.typology,
                    "typology_label": names.get(action.typology, action.typology),
                    "inside": inside, "n": n})))
    return out


_METRICS = {"r": "recency", "f": "frequency", "m": "monetary"}


def _unreached_scores(columns: Mapping[str, Column], active: np.ndarray, bins: int,
                      cuts: Mapping[str, np.ndarray]) -> list[Problem]:
    """A warning per score (R, F, M) with levels that no active client reaches (tied
    values at a cut point merge levels: equal values always get equal scores)."""
    n_active = int(active.sum())
    if not n_active:
        return []
    out = []
    for name, metric in _METRICS.items():
        values = np.asarray(columns[name], dtype=np.float64)[active].astype(np.int64)
        reached = np.bincount(values, minlength=bins + 1)[1:bins + 1]
        missing = [str(k + 1) for k in np.flatnonzero(reached == 0).tolist()]
        if missing:
            out.append(Problem(
                "warning", "score-unreached", "", path=("rfm", "scores"), reason=Reason(
                    "problem_score_unreached" if len(missing) > 1
                    else "problem_score_unreached_one", {
                        "score": name.upper(), "metric": f"rfm_{metric}",
                        "levels": ", ".join(missing), "bins": bins, "n_active": n_active,
                        "cuts": tuple(cuts[name].tolist())})))
    return out


def _empty_segments(spec: Plan, segment: Column, active: np.ndarray) -> list[Problem]:
    """A warning per segment rule that no client reaches (when some client is active)."""
    if not isinstance(segment, Categorical) or not active.any():
        return []
    counts = segment.counts()
    return [Problem("warning", "segment-empty", "", path=("segments", i), at_key=True,
                    reason=Reason("problem_segment_empty", {
                        "segment": rule.id,
                        "segment_label": localize(rule.label, spec.locale, rule.id)}))
            for i, rule in enumerate(spec.segments) if counts[i] == 0]


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
