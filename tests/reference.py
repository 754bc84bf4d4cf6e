"""Slow, obviously-correct reference implementations of the engine kernels.

Plain Python: loops, dicts, ``datetime``, ``fractions``. Each function restates one rule
of DESIGN §4 as directly as possible; the property tests check the numpy kernels against
them. Nothing here is fast, and nothing here imports ``pacspec``.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

NO_DAY = -(2**63)
EPOCH = datetime.date(1970, 1, 1)
UNIT_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}


def day_of(d: datetime.date) -> int:
    return (d - EPOCH).days


def date_of(day: int) -> datetime.date:
    return EPOCH + datetime.timedelta(days=day)


# -- periods ---------------------------------------------------------------------------


def next_month_start(d: datetime.date) -> datetime.date:
    """First day of the month after ``d``'s month."""
    if d.month == 12:
        return datetime.date(d.year + 1, 1, 1)
    return datetime.date(d.year, d.month + 1, 1)


def previous_month_start(d: datetime.date) -> datetime.date:
    """First day of the month before ``d``'s month."""
    if d.month == 1:
        return datetime.date(d.year - 1, 12, 1)
    return datetime.date(d.year, d.month - 1, 1)


def ref_add_months(d: datetime.date, months: int) -> datetime.date:
    """Step month by month, then clamp the day to the length of the target month."""
    start = datetime.date(d.year, d.month, 1)
    for _ in range(abs(months)):
        start = next_month_start(start) if months > 0 else previous_month_start(start)
    day = d.day
    while True:
        try:
            return start.replace(day=day)
        except ValueError:
            day -= 1


def ref_period_edges(
    as_of: datetime.date, unit: str, count: int, include_current: bool = False
) -> list[int]:
    """Walk calendar periods from 1 January of as_of's year until one contains as_of."""
    step = UNIT_MONTHS[unit]

    def advance(d: datetime.date) -> datetime.date:
        for _ in range(step):
            d = next_month_start(d)
        return d

    def back(d: datetime.date) -> datetime.date:
        for _ in range(step):
            d = previous_month_start(d)
        return d

    start = datetime.date(as_of.year, 1, 1)
    while advance(start) <= as_of:
        start = advance(start)
    end_of_current = advance(start)
    complete = end_of_current <= as_of + datetime.timedelta(days=1)
    end = end_of_current if (include_current or complete) else start
    edges = [end]
    for _ in range(count):
        edges.append(back(edges[-1]))
    return [day_of(d) for d in reversed(edges)]


def ref_period_labels(edges: Sequence[int], unit: str, locale: str) -> list[str]:
    labels = []
    for day in edges[:-1]:
        d = date_of(day)
        if unit == "month":
            labels.append(f"{d.year}-{d.month:02d}")
        elif unit == "year":
            labels.append(str(d.year))
        elif unit == "quarter":
            prefix = "T" if locale == "fr" else "Q"
            labels.append(f"{prefix}{(d.month - 1) // 3 + 1} {d.year}")
        else:
            prefix = "S" if locale == "fr" else "H"
            labels.append(f"{prefix}{(d.month - 1) // 6 + 1} {d.year}")
    return labels


# -- aggregates ------------------------------------------------------------------------


@dataclass
class Row:
    client: int
    day: int
    amount: float
    order: int | None = None
    quantity: float | None = None


@dataclass
class RefAggregates:
    revenue: list[float]
    orders: list[int]
    units: list[float]
    first_purchase: list[int]
    last_purchase: list[int]
    period_revenue: list[list[float]]
    code: list[int]
    history_revenue: list[float]


def ref_aggregate(
    rows: Sequence[Row],
    n_clients: int,
    edges: Sequence[int],
    window: tuple[int, int],
    as_of: int,
    use_orders: bool,
) -> RefAggregates:
    n_periods = len(edges) - 1
    revenue = [0.0] * n_clients
    units = [0.0] * n_clients
    history = [0.0] * n_clients
    period_revenue = [[0.0] * n_periods for _ in range(n_clients)]
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    counted: dict[int, set[object]] = {c: set() for c in range(n_clients)}
    for row in rows:
        if row.day > as_of:
            continue
        c = row.client
        history[c] += row.amount
        if row.amount > 0:
            first[c] = min(first.get(c, row.day), row.day)
            last[c] = max(last.get(c, row.day), row.day)
        for p in range(n_periods):
            if edges[p] <= row.day < edges[p + 1]:
                period_revenue[c][p] += row.amount
        if window[0] <= row.day < window[1]:
            revenue[c] += row.amount
            if row.quantity is not None:
                units[c] += row.quantity
            if row.amount > 0:
                counted[c].add(row.order if use_orders else row.day)
    codes = []
    for c in range(n_clients):
        digits = "".join("1" if period_revenue[c][p] > 0 else "0" for p in range(n_periods))
        codes.append(int(digits, 2) if digits else 0)
    return RefAggregates(
        revenue=revenue,
        orders=[len(counted[c]) for c in range(n_clients)],
        units=units,
        first_purchase=[first.get(c, NO_DAY) for c in range(n_clients)],
        last_purchase=[last.get(c, NO_DAY) for c in range(n_clients)],
        period_revenue=period_revenue,
        code=codes,
        history_revenue=history,
    )


def ref_code_to_str(code: int, n_periods: int) -> str:
    digits = ""
    for p in range(n_periods):
        digits = ("1" if code >> p & 1 else "0") + digits
    return digits


# -- ABC -------------------------------------------------------------------------------


def ref_abc_classes(values: Sequence[float], cuts: Sequence[float], basis: str) -> list[int]:
    """Walk the clients from the best; a tie group is classed at its first member. Only the
    clients with a positive value are ranked; the others have no class (-1)."""
    n = len(values)
    classes = [-1] * n
    ranked = sorted((i for i in range(n) if values[i] > 0), key=lambda i: -values[i])
    total = 0.0
    for i in ranked:
        total += values[i]
    before = 0.0
    group_share = 0.0
    previous: float | None = None
    for position, i in enumerate(ranked):
        if values[i] != previous:
            group_share = before / total if basis == "revenue" else position / len(ranked)
            previous = values[i]
        classes[i] = sum(1 for cut in cuts if cut <= group_share)
        before += values[i]
    return classes


# -- scores ----------------------------------------------------------------------------


def ref_linear_quantile(values: Sequence[float], q: Fraction) -> float:
    """numpy's ``method="linear"``: virtual index (n - 1) q, interpolated from the nearer end."""
    data = sorted(values)
    h = (len(data) - 1) * q
    lower = h.numerator // h.denominator
    t = h - lower
    a = data[lower]
    b = data[min(lower + 1, len(data) - 1)]
    tf = float(t)
    if tf >= 0.5:
        return b - (b - a) * (1.0 - tf)
    return a + (b - a) * tf


def ref_cuts(values: Sequence[float], n_bins: int) -> list[float]:
    if not values:
        return []
    return [ref_linear_quantile(values, Fraction(k, n_bins)) for k in range(1, n_bins)]


def ref_score(value: float, cuts: Sequence[float], n_bins: int, higher_is_better: bool) -> int:
    below = sum(1 for cut in cuts if cut < value)
    return 1 + below if higher_is_better else n_bins - below


def ref_quantile_scores(
    values: Sequence[float], n_bins: int, higher_is_better: bool, mask: Sequence[bool]
) -> tuple[list[int], list[float]]:
    population = [v for v, keep in zip(values, mask, strict=True) if keep]
    cuts = ref_cuts(population, n_bins)
    scores = [
        ref_score(v, cuts, n_bins, higher_is_better) if keep else 0
        for v, keep in zip(values, mask, strict=True)
    ]
    return scores, cuts
