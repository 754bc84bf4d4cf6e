"""Per-client aggregates of a ledger: the array kernel under ABC and RFM (semantics: DESIGN §4)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Final, TypeVar, overload

import numpy as np

# How it runs. Every output is a scatter-reduction keyed by client, done with
# ``np.bincount`` (sums), fancy assignment and sorting — never a Python loop over rows.
# The breakpoints ``edges``, ``window`` and ``as_of + 1`` cut the time line into a few
# *slots*, each wholly inside or outside every period, the window and the ``as_of``
# horizon, so one sum per slot serves history, window and periods alike.
#
# * Day-sorted rows (the usual chronological export; checked in one pass): every slot is a
#   contiguous row range, summed by ``np.bincount`` on slices, with no key or mask built.
#   First / last purchase days come from assigning whole single-day blocks in day order
#   into a small table of day offsets (``int16`` when the history spans < 89 years, so it
#   stays in cache). Inside one block every write carries the same value, so the result
#   does not depend on how numpy orders repeated indices (which it does not document).
# * Rows in any order: one ``client * n_slots + slot`` key per row and one ``bincount``;
#   first / last purchase days with ``np.minimum.at`` / ``np.maximum.at`` on the same small
#   offset tables.
# * Distinct orders: a run count when the order ids are sorted (the usual sequential
#   invoice numbers), else an "owner" table (one client per order id, verified), else a
#   sort of ``(client, order)`` pairs.
#
# Threads. Measured on numpy 2.4 with two threads running the same operation: sorting,
# boolean indexing, ``np.where``, fancy assignment and ufuncs scale about 2x;
# ``np.bincount`` releases the GIL around its loop but scales little (its scattered writes
# into a per-client table are bound by memory latency); ``ufunc.at`` holds the GIL. With
# ``workers > 1`` the independent reductions (one per slot, the order count, the first and
# the last purchase passes) run as tasks on a thread pool, longest first, and elementwise
# passes are split by rows. Each reduction still sees its rows whole and in order, so the
# results are bit-identical whatever ``workers`` is. A fresh large array costs page faults
# (about as much as one pass over it), so the kernel keeps few: small dtypes for tables,
# ``bool`` masks, ``out=`` buffers filled block by block.
#
# Decomposition. :meth:`ClientAggregates.merge` combines aggregates of disjoint row chunks
# (sums, mins, maxes; the code is recomputed from the summed period revenue). Order counts
# are added, so chunks must not share a counted pair: split the ledger **by client** (always
# safe) or by order id (with order ids) / by day (without).

__all__ = ["NO_DAY", "ClientAggregates", "aggregate", "code_from_periods", "code_to_str",
           "count_distinct_pairs", "default_workers", "executor"]

NO_DAY: Final[int] = int(np.iinfo(np.int64).min)
"""``first_purchase`` / ``last_purchase`` of a client who never bought."""

MAX_PERIODS: Final = 62
"""Most periods a code can hold (bits of a non-negative ``int64``)."""

_CHUNK: Final = 1 << 20
"""Rows per block for elementwise passes (bounds temporaries, lets threads share work)."""
_PARALLEL_MIN_ROWS: Final = 1 << 16
"""Below this many rows, threads cost more than they save: run inline."""


@dataclass
class ClientAggregates:
    """Per-client aggregates of a ledger; every array has one row per client."""

    n_clients: int
    revenue: np.ndarray
    """``float64 (n,)``: net revenue in the analysis window."""
    orders: np.ndarray
    """``int64 (n,)``: distinct orders in the window among rows with ``amount > 0``."""
    units: np.ndarray
    """``float64 (n,)``: net quantity in the window (zeros without a quantity column)."""
    first_purchase: np.ndarray
    """``int64 (n,)``: first day with ``amount > 0`` up to ``as_of``, or :data:`NO_DAY`."""
    last_purchase: np.ndarray
    """``int64 (n,)``: last day with ``amount > 0`` up to ``as_of``, or :data:`NO_DAY`."""
    period_revenue: np.ndarray
    """``float64 (n, n_periods)``: net revenue per period, oldest first (columns contiguous)."""
    code: np.ndarray
    """``int64 (n,)``: RFM code, bit ``n_periods - 1 - p`` set when period ``p`` is > 0."""
    history_revenue: np.ndarray
    """``float64 (n,)``: net revenue over the whole history up to ``as_of``."""
    margin: np.ndarray | None = None
    """``float64 (n,)``: net gross margin in the window (the margin column summed like the
    revenue); None without a margin column."""

    @property
    def n_periods(self) -> int:
        return int(self.period_revenue.shape[1])

    @classmethod
    def empty(cls, n_clients: int, n_periods: int, margin: bool = False) -> ClientAggregates:
        """Aggregates of an empty ledger (the neutral element of :meth:`merge`); with
        ``margin``, a margin column of zeros."""
        return cls(
            n_clients=n_clients,
            revenue=np.zeros(n_clients),
            orders=np.zeros(n_clients, dtype=np.int64),
            units=np.zeros(n_clients),
            first_purchase=np.full(n_clients, NO_DAY, dtype=np.int64),
            last_purchase=np.full(n_clients, NO_DAY, dtype=np.int64),
            period_revenue=np.zeros((n_clients, n_periods)),
            code=np.zeros(n_clients, dtype=np.int64),
            history_revenue=np.zeros(n_clients),
            margin=np.zeros(n_clients) if margin else None,
        )

    def merge(self, other: ClientAggregates) -> ClientAggregates:
        """Aggregates of the union of two disjoint row sets.

        Sums are added, first purchases take the minimum, last purchases the maximum, and
        the code is recomputed from the summed period revenue (a credit note in one chunk
        can cancel a sale in the other). Order counts are added: the two row sets must not
        share a ``(client, order)`` pair (``(client, day)`` without order ids) — split by
        client, which is always safe, or by order id.
        """
        if other.n_clients != self.n_clients or other.n_periods != self.n_periods:
            raise ValueError(
                "cannot merge aggregates of different shapes: "
                f"{self.n_clients}x{self.n_periods} and {other.n_clients}x{other.n_periods}"
            )
        a_first, b_first = self.first_purchase, other.first_purchase
        first = np.where(
            a_first == NO_DAY,
            b_first,
            np.where(b_first == NO_DAY, a_first, np.minimum(a_first, b_first)),
        )
        period_revenue = self.period_revenue + other.period_revenue
        return ClientAggregates(
            n_clients=self.n_clients,
            revenue=self.revenue + other.revenue,
            orders=self.orders + other.orders,
            units=self.units + other.units,
            first_purchase=first,
            last_purchase=np.maximum(self.last_purchase, other.last_purchase),
            period_revenue=period_revenue,
            code=code_from_periods(period_revenue),
            history_revenue=self.history_revenue + other.history_revenue,
            margin=None if self.margin is None or other.margin is None
            else self.margin + other.margin,
        )


def code_from_periods(period_revenue: np.ndarray) -> np.ndarray:
    """RFM codes (``int64``) of an ``(n, n_periods)`` revenue matrix: bit set when > 0."""
    n, n_periods = period_revenue.shape
    if n_periods > MAX_PERIODS:
        raise ValueError(f"at most {MAX_PERIODS} periods fit in a code, got {n_periods}")
    bits = np.zeros(n, dtype=np.min_scalar_type((1 << max(n_periods, 1)) - 1))
    for p in range(n_periods):  # oldest first: it ends up in the highest bit
        bits <<= 1
        bits |= period_revenue[:, p] > 0
    return bits.astype(np.int64)


@overload
def code_to_str(code: int, n_periods: int) -> str: ...
@overload
def code_to_str(code: np.ndarray, n_periods: int) -> np.ndarray: ...
def code_to_str(code: int | np.ndarray, n_periods: int) -> str | np.ndarray:
    """RFM code(s) as digit strings, oldest period first: ``code_to_str(3, 4) == "0011"``.

    An array gives an array of ``str`` (``<U{n_periods}``) of the same shape.
    """
    if not 0 <= n_periods <= MAX_PERIODS:
        raise ValueError(f"n_periods must be in 0..{MAX_PERIODS}, got {n_periods}")
    if isinstance(code, np.ndarray):
        codes = code.astype(np.int64, copy=False)
        if n_periods == 0:
            return np.full(codes.shape, "", dtype="<U1")
        shifts = np.arange(n_periods - 1, -1, -1, dtype=np.int64)
        bits = ((codes[..., None] >> shifts) & 1).astype(np.uint8) + ord("0")
        return np.ascontiguousarray(bits).view(f"S{n_periods}")[..., 0].astype(f"<U{n_periods}")
    value = int(code)
    if value < 0:
        raise ValueError(f"a code is non-negative, got {value}")
    return format(value, "b").zfill(n_periods)[-n_periods:] if n_periods else ""


# --------------------------------------------------------------------------------------
# Execution helpers

_T = TypeVar("_T")


class _Inline:
    """Executor-like object that runs each task immediately (``workers=1``)."""

    def submit(self, fn: Callable[..., _T], *args: Any) -> Future[_T]:
        future: Future[_T] = Future()
        future.set_result(fn(*args))
        return future


_Pool = ThreadPoolExecutor | _Inline


@contextmanager
def executor(workers: int) -> Iterator[_Pool]:
    """Threads to submit tasks to (the tasks run at once, in order, for ``workers <= 1``)."""
    if workers <= 1:
        yield _Inline()
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pacspec") as pool:
            yield pool


def default_workers() -> int:
    """Threads used when ``workers`` is not given: the CPUs available, at most 4."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    return max(1, min(4, available))


# --------------------------------------------------------------------------------------
# Inputs and slots


@dataclass(frozen=True)
class _Columns:
    client: np.ndarray
    day: np.ndarray
    amount: np.ndarray
    order: np.ndarray | None
    quantity: np.ndarray | None
    n_clients: int
    margin: np.ndarray | None = None

    @classmethod
    def check(
        cls,
        pool: _Pool,
        client: np.ndarray,
        day: np.ndarray,
        amount: np.ndarray,
        order: np.ndarray | None,
        quantity: np.ndarray | None,
        n_clients: int,
        decimals: int | None,
        margin: np.ndarray | None = None,
    ) -> _Columns:
        if n_clients < 0:
            raise ValueError(f"n_clients must be >= 0, got {n_clients}")
        client = np.ascontiguousarray(client, dtype=np.int64)
        if client.ndim != 1:
            raise ValueError(f"column 'client' must be one-dimensional, got {client.shape}")
        n = len(client)

        def column(name: str, values: np.ndarray, dtype: type) -> np.ndarray:
            array: np.ndarray = np.ascontiguousarray(values, dtype=dtype)
            if array.shape != (n,):
                raise ValueError(f"column {name!r} has shape {array.shape}, expected ({n},)")
            return array

        day = column("day", day, np.int64)
        amount = column("amount", amount, np.float64)
        if order is not None:
            order = column("order", order, np.int64)
        if quantity is not None:
            quantity = column("quantity", quantity, np.float64)
        if margin is not None:
            margin = column("margin", margin, np.float64)
        if n:
            low, high = pool.submit(client.min), pool.submit(client.max)
            if int(low.result()) < 0 or int(high.result()) >= n_clients:
                raise ValueError(f"client ids must lie in 0..{n_clients - 1}")
        if decimals is not None:  # rounded in place: one copy of the column, not two
            amount = amount * 10.0**decimals
            np.round(amount, out=amount)
            if margin is not None:
                margin = margin * 10.0**decimals
                np.round(margin, out=margin)
        return cls(client, day, amount, order, quantity, n_clients, margin)


@dataclass(frozen=True)
class _Slots:
    """Intervals between consecutive breakpoints.

    Slot ``j`` (``0 <= j <= len(bounds)``) holds the days ``bounds[j-1] <= d < bounds[j]``
    (unbounded at both ends), i.e. ``j = searchsorted(bounds, d, side="right")``.
    """

    bounds: np.ndarray
    period: np.ndarray
    """``int64 (n_slots,)``: period index of each slot, ``-1`` outside every period."""
    in_window: np.ndarray
    """``bool (n_slots,)``: slot inside the window (and on or before ``as_of``)."""
    valid: np.ndarray
    """``bool (n_slots,)``: slot on or before ``as_of``."""
    horizon: int
    """``as_of + 1``: the first day ignored."""
    window: tuple[int, int]
    """The window clipped to the horizon (``start >= end`` when empty)."""

    @property
    def n(self) -> int:
        return len(self.bounds) + 1

    @classmethod
    def build(cls, edges: np.ndarray, window: tuple[int, int], as_of: int) -> _Slots:
        start, end = window
        horizon = as_of + 1
        bounds = np.unique(np.concatenate([edges, np.array([start, end, horizon], np.int64)]))
        lower = np.concatenate([[np.iinfo(np.int64).min], bounds])
        upper = np.concatenate([bounds, [np.iinfo(np.int64).max]])
        valid = upper <= horizon
        in_window = valid & (lower >= start) & (upper <= end)
        period = np.full(len(lower), -1, dtype=np.int64)
        for p in range(len(edges) - 1):
            period[valid & (lower >= edges[p]) & (upper <= edges[p + 1])] = p
        return cls(
            bounds=bounds,
            period=period,
            in_window=in_window,
            valid=valid,
            horizon=horizon,
            window=(start, min(end, horizon)),
        )

    def slot_table(self) -> tuple[int, np.ndarray]:
        """``(origin, table)``: ``slot(d) = table[clip(d, origin, origin + len - 1) - origin]``."""
        origin = int(self.bounds[0]) - 1
        days = np.arange(origin, int(self.bounds[-1]) + 1, dtype=np.int64)
        return origin, np.searchsorted(self.bounds, days, side="right").astype(np.int64)

    def assemble(
        self, sums: list[np.ndarray | None], n_clients: int, n_periods: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Window revenue, history revenue and ``(n_periods, n)`` period revenue."""
        by_period = np.zeros((n_periods, n_clients))
        for p in range(n_periods):
            _add_into(by_period[p], [sums[j] for j in np.flatnonzero(self.period == p)])
        revenue = np.zeros(n_clients)
        _add_into(revenue, [sums[j] for j in np.flatnonzero(self.in_window)])
        history = revenue.copy()
        _add_into(history, [sums[j] for j in np.flatnonzero(self.valid & ~self.in_window)])
        return revenue, history, by_period


def _add_into(target: np.ndarray, parts: list[np.ndarray | None]) -> None:
    """``target += sum(parts)`` in order, skipping ``None``."""
    for part in parts:
        if part is not None:
            target += part


# --------------------------------------------------------------------------------------
# Reductions


def _sum_by(index: np.ndarray, weights: np.ndarray, size: int) -> np.ndarray:
    """``float64`` sums of ``weights`` per index (``np.bincount`` is ``int64`` when empty)."""
    return np.bincount(index, weights=weights, minlength=size).astype(np.float64, copy=False)


def _is_sorted(values: np.ndarray) -> bool:
    return bool(len(values) < 2 or not np.any(values[1:] < values[:-1]))


def _day_blocks(day: np.ndarray) -> list[int]:
    """Boundaries ``[0, ..., len]`` of the runs of equal days in a sorted day column."""
    if len(day) == 0:
        return [0]
    first, last = int(day[0]), int(day[-1])
    if last - first < len(day) // 8:  # dense days: binary-search each day's first row
        bounds = np.searchsorted(day, np.arange(first + 1, last + 1), side="left")
        return [0, *np.unique(bounds).tolist(), len(day)]
    change = np.flatnonzero(day[1:] != day[:-1]) + 1
    return [0, *change.tolist(), len(day)]


def _offset_dtype(span: int) -> type[np.signedinteger[Any]]:
    """Smallest signed dtype holding day offsets ``-1 .. span`` (a table that fits in cache)."""
    for dtype in (np.int16, np.int32):
        if span < np.iinfo(dtype).max:
            return dtype
    return np.int64


def _days_from_offsets(table: np.ndarray, base: int, n_clients: int, missing: int) -> np.ndarray:
    offsets = table[:n_clients]
    return np.where(offsets != missing, offsets.astype(np.int64) + base, NO_DAY)


def _extreme_day_sorted(
    buyer: np.ndarray, day: np.ndarray, blocks: list[int], n_clients: int, latest: bool
) -> np.ndarray:
    """Last (``latest``) or first day per client of day-sorted rows, :data:`NO_DAY` if none.

    ``buyer == n_clients`` marks rows to ignore; ``blocks`` are the bounds of the runs of
    equal days. Blocks are assigned in day order (descending for the first day), and each
    assignment writes one value, so repeated indices cannot change the result.
    """
    if len(day) == 0:
        return np.full(n_clients, NO_DAY, dtype=np.int64)
    base = int(day[0])
    table = np.full(n_clients + 1, -1, dtype=_offset_dtype(int(day[-1]) - base))
    runs = [(lo, hi) for lo, hi in itertools.pairwise(blocks) if hi > lo]
    for lo, hi in runs if latest else reversed(runs):
        table[buyer[lo:hi]] = int(day[lo]) - base
    return _days_from_offsets(table, base, n_clients, -1)


def _extreme_day_at(
    buyer: np.ndarray, offsets: np.ndarray, base: int, n_clients: int, latest: bool
) -> np.ndarray:
    """Last (``latest``) or first day per client, rows in any order (``buyer == n`` ignored)."""
    info = np.iinfo(offsets.dtype)
    missing = info.min if latest else info.max
    table = np.full(n_clients + 1, missing, dtype=offsets.dtype)
    (np.maximum if latest else np.minimum).at(table, buyer, offsets)
    return _days_from_offsets(table, base, n_clients, missing)


def _distinct_days_sorted(buyer: np.ndarray, day: np.ndarray, n_clients: int) -> np.ndarray:
    """Distinct ``(client, day)`` pairs per client of day-sorted rows (``buyer == n`` ignored).

    Within a single-day block, every row writes its position to its client's slot; exactly
    one row per client then reads its own position back, whichever write won.
    """
    winner = np.empty(n_clients + 1, dtype=np.int64)
    positions = np.arange(len(buyer), dtype=np.int64)
    kept = [np.zeros(0, dtype=np.int64)]
    for lo, hi in itertools.pairwise(_day_blocks(day)):
        block = buyer[lo:hi]
        winner[block] = positions[lo:hi]
        kept.append(block[winner[block] == positions[lo:hi]])
    return np.bincount(np.concatenate(kept), minlength=n_clients + 1)[:n_clients]


def _count_distinct_pairs(
    client: np.ndarray, key: np.ndarray, n_clients: int, keep: np.ndarray | None = None
) -> np.ndarray:
    """Distinct ``(client, key)`` pairs per client among rows where ``keep`` (default all)."""
    if len(client) == 0:
        return np.zeros(n_clients, dtype=np.int64)
    if _is_sorted(key):
        # Each key value is one contiguous run; count runs unless a run mixes clients.
        new_key = np.concatenate([[True], key[1:] != key[:-1]])
        if not np.any(~new_key[1:] & (client[1:] != client[:-1])):
            starts = np.flatnonzero(new_key)
            if keep is not None:
                starts = starts[np.logical_or.reduceat(keep, starts)]
            return np.bincount(client[starts], minlength=n_clients)
    if keep is not None:
        client, key = client[keep], key[keep]
        if len(client) == 0:
            return np.zeros(n_clients, dtype=np.int64)
    low, high = int(key.min()), int(key.max())
    span = high - low + 1
    n = len(client)
    if span <= 4 * n + (1 << 16):
        # Owner table: one write per key value survives; if every row agrees with it, each
        # key belongs to a single client and the pairs are the distinct keys.
        offset = key - low if low else key
        owner = np.empty(span, dtype=np.int64)
        owner[offset] = client
        if np.array_equal(owner[offset], client):
            seen = np.zeros(span, dtype=bool)
            seen[offset] = True
            return np.bincount(owner[seen], minlength=n_clients)
    if span <= np.iinfo(np.int64).max // max(n_clients, 1):
        pairs = np.sort(client * span + (key - low))
        first = np.concatenate([[True], pairs[1:] != pairs[:-1]])
        return np.bincount(pairs[first] // span, minlength=n_clients)
    order = np.lexsort((key, client))
    c, k = client[order], key[order]
    first = np.concatenate([[True], (c[1:] != c[:-1]) | (k[1:] != k[:-1])])
    return np.bincount(c[first], minlength=n_clients)


count_distinct_pairs = _count_distinct_pairs
"""Distinct ``(client, key)`` pairs per client among the rows where ``keep`` (steering's
orders over a span: :mod:`pacspec.engine.backends.scoped`)."""


# --------------------------------------------------------------------------------------
# The kernel


def aggregate(
    client: np.ndarray,
    day: np.ndarray,
    amount: np.ndarray,
    *,
    n_clients: int,
    edges: np.ndarray,
    window: tuple[int, int],
    as_of: int,
    order: np.ndarray | None = None,
    quantity: np.ndarray | None = None,
    workers: int | None = None,
    decimals: int | None = None,
    margin: np.ndarray | None = None,
) -> ClientAggregates:
    """Per-client aggregates of a ledger.

    Inputs are dense numpy columns, one row per ledger line:

    * ``client``: ``int64`` ids in ``0 .. n_clients - 1`` (factorised upstream; clients with no
      rows exist and get zeros),
    * ``day``: ``int64`` days since 1970-01-01,
    * ``amount``: ``float64`` net amounts (credit notes are negative),
    * optional ``order`` (``int64`` order / invoice ids), ``quantity`` and ``margin``
      (``float64``, the line's gross margin amount).

    Semantics (DESIGN §4). Rows after ``as_of`` are ignored. ``window = (start, end)`` is the
    half-open analysis window ``[start, end)`` in days.

    * ``revenue``: net amount in the window; ``units``: net quantity in the window;
      ``margin``: net margin in the window (rounded to ``decimals`` like the amounts).
    * ``orders``: distinct orders in the window among rows with ``amount > 0`` — distinct
      ``(client, order)`` pairs with order ids, distinct ``(client, day)`` pairs without.
    * ``first_purchase`` / ``last_purchase``: first and last day with ``amount > 0`` over the
      whole history up to ``as_of``; :data:`NO_DAY` when there is none.
    * ``period_revenue[:, p]``: net amount in period ``[edges[p], edges[p + 1])``.
    * ``code``: the RFM code, bit set when the period's net revenue is ``> 0``; the most recent
      period is the lowest bit (``0011`` = 3, see :func:`code_to_str`).
    * ``history_revenue``: net amount over the whole history up to ``as_of``.

    RFM metrics built on these (by the caller, documented here so every module agrees):
    recency = ``as_of - last_purchase`` in days (lower is better), frequency = ``orders``,
    monetary = ``revenue``. The scored population is the clients with at least one purchase
    up to ``as_of`` (``last_purchase != NO_DAY``); the others score 0.

    Floating point. Sums are plain ``float64`` sums, so a period whose lines cancel exactly
    in decimal (``10.10 + 20.20 - 30.30``) may come out as ``±4e-15`` and set a code bit. Pass
    ``decimals=2`` (the currency's minor unit) to round amounts to cents first: the sums are
    then exact integers of cents, and the code and ABC see exact nets.

    ``edges``: ``int64`` period edges (:func:`pacspec.engine.periods.period_edges`).
    ``window``: analysis window ``[start, end)`` in days. ``as_of``: last day used.
    ``workers``: threads (default :func:`default_workers`); results do not depend on it.
    ``decimals``: round amounts to this many decimals before summing (exact money sums).
    """
    edges = np.asarray(edges, dtype=np.int64)
    if edges.ndim != 1 or len(edges) < 1 or np.any(edges[1:] <= edges[:-1]):
        raise ValueError("edges must be a non-empty, strictly increasing 1-d array")
    n_periods = len(edges) - 1
    if n_periods > MAX_PERIODS:
        raise ValueError(f"at most {MAX_PERIODS} periods fit in a code, got {n_periods}")
    start, end = int(window[0]), int(window[1])
    if start > end:
        raise ValueError(f"window start {start} is after its end {end}")
    slots = _Slots.build(edges, (start, end), int(as_of))
    if workers is None:
        workers = default_workers()
    if len(client) < _PARALLEL_MIN_ROWS:
        workers = 1
    with executor(workers) as pool:
        cols = _Columns.check(pool, client, day, amount, order, quantity, n_clients, decimals,
                              margin)
        if _is_sorted(cols.day):
            sums, units, first, last, orders, margins = _aggregate_sorted(pool, cols, slots)
        else:
            sums, units, first, last, orders, margins = _aggregate_unsorted(pool, cols, slots)
    revenue, history, by_period = slots.assemble(sums, n_clients, n_periods)
    if decimals is not None:
        scale = 10.0**decimals
        for total in (by_period, revenue, history, *([] if margins is None else [margins])):
            total /= scale
    period_revenue = by_period.T  # (n, n_periods), each column contiguous
    return ClientAggregates(
        n_clients=n_clients,
        revenue=revenue,
        orders=orders.astype(np.int64, copy=False),
        units=units,
        first_purchase=first,
        last_purchase=last,
        period_revenue=period_revenue,
        code=code_from_periods(period_revenue),
        history_revenue=history,
        margin=margins,
    )


_Parts = tuple[list[np.ndarray | None], np.ndarray, np.ndarray, np.ndarray, np.ndarray,
               np.ndarray | None]
"""Per-slot revenue sums (``None``: empty or after ``as_of``), units, first, last, orders,
margin (None without a margin column)."""


def _aggregate_sorted(pool: _Pool, cols: _Columns, slots: _Slots) -> _Parts:
    """Day-sorted rows: every slot is a contiguous row range."""
    client, day, amount, n = cols.client, cols.day, cols.amount, cols.n_clients
    rows = np.searchsorted(day, slots.bounds, side="left").tolist()
    ranges = list(zip([0, *rows], [*rows, len(day)], strict=True))
    horizon = int(np.searchsorted(day, slots.horizon, side="left"))
    w_lo, w_hi = np.searchsorted(day, slots.window, side="left").tolist()
    w_hi = max(w_lo, w_hi)

    # Longest task chains first, so that the threads finish together.
    if cols.order is not None:
        orders_f = pool.submit(
            _count_distinct_pairs,
            client[w_lo:w_hi],
            cols.order[w_lo:w_hi],
            n,
            amount[w_lo:w_hi] > 0,
        )
    # Rows that bought (amount > 0, up to as_of) keep their client id, the others point to
    # a spare table entry n.
    buyer = np.empty(horizon, dtype=_buyer_dtype(n))

    def fill_buyer(lo: int, hi: int) -> None:
        _buyers(client[lo:hi], amount[lo:hi] > 0, n, out=buyer[lo:hi])

    buyer_fs = _submit_blocks(pool, horizon, fill_buyer)
    by_size = sorted(
        (j for j in range(slots.n) if slots.valid[j] and ranges[j][1] > ranges[j][0]),
        key=lambda j: ranges[j][0] - ranges[j][1],
    )
    sum_fs = {
        j: pool.submit(_sum_by, client[slice(*ranges[j])], amount[slice(*ranges[j])], n)
        for j in by_size
    }
    quantity = cols.quantity
    units_f = (
        pool.submit(_sum_by, client[w_lo:w_hi], quantity[w_lo:w_hi], n)
        if quantity is not None
        else None
    )
    margin = cols.margin
    margin_f = (pool.submit(_sum_by, client[w_lo:w_hi], margin[w_lo:w_hi], n)
                if margin is not None else None)
    blocks = _day_blocks(day[:horizon])
    for block in buyer_fs:
        block.result()
    first_f = pool.submit(_extreme_day_sorted, buyer, day[:horizon], blocks, n, False)
    last_f = pool.submit(_extreme_day_sorted, buyer, day[:horizon], blocks, n, True)
    if cols.order is None:
        orders_f = pool.submit(_distinct_days_sorted, buyer[w_lo:w_hi], day[w_lo:w_hi], n)

    sums: list[np.ndarray | None] = [None] * slots.n
    for j, future in sum_fs.items():
        sums[j] = future.result()
    units = units_f.result() if units_f is not None else np.zeros(n)
    margins = margin_f.result() if margin_f is not None else None
    return sums, units, first_f.result(), last_f.result(), orders_f.result(), margins


def _buyer_dtype(n_clients: int) -> type[np.signedinteger[Any]]:
    """The type of the per-row buyer ids ``0 .. n_clients``: int32 when they fit (half the
    memory of the kernel's largest temporary at its peak), else int64."""
    return np.int32 if n_clients < np.iinfo(np.int32).max else np.int64


def _buyers(client: np.ndarray, bought: np.ndarray, n_clients: int, out: np.ndarray) -> None:
    """``out = where(bought, client, n_clients)``, as arithmetic (twice as fast here)."""
    np.subtract(client, n_clients, out=out)
    out *= bought
    out += n_clients


def _submit_blocks(pool: _Pool, n: int, fn: Callable[[int, int], None]) -> list[Future[None]]:
    """Submit ``fn(lo, hi)`` over consecutive row blocks of :data:`_CHUNK` rows."""
    size = _CHUNK
    return [pool.submit(fn, lo, min(lo + size, n)) for lo in range(0, n, size)]


def _aggregate_unsorted(pool: _Pool, cols: _Columns, slots: _Slots) -> _Parts:
    """Rows in any order: one ``client * n_slots + slot`` key per row."""
    client, day, amount, n = cols.client, cols.day, cols.amount, cols.n_clients
    n_rows, n_slots = len(client), slots.n
    start, end = slots.window
    if cols.order is not None:
        order = cols.order

        def count_orders() -> np.ndarray:
            keep = (amount > 0) & (day >= start) & (day < end)
            return _count_distinct_pairs(client[keep], order[keep], n)

        orders_f = pool.submit(count_orders)

    # Per row: its slot key, its buyer id (n when it did not buy) and its day offset.
    origin, table = slots.slot_table()
    top = origin + len(table) - 1
    base = int(day.min())
    offset_dtype = _offset_dtype(max(int(day.max()) - base, slots.horizon - base))
    key = np.empty(n_rows, dtype=np.int64)
    buyer = np.empty(n_rows, dtype=_buyer_dtype(n))
    offsets = np.empty(n_rows, dtype=offset_dtype)

    def fill(lo: int, hi: int) -> None:
        days = day[lo:hi]
        slot = np.clip(days, origin, top)
        slot -= origin
        np.multiply(client[lo:hi], n_slots, out=key[lo:hi])
        key[lo:hi] += table[slot]
        _buyers(client[lo:hi], (amount[lo:hi] > 0) & (days < slots.horizon), n, out=buyer[lo:hi])
        np.subtract(days, base, out=offsets[lo:hi], casting="unsafe")

    for block in _submit_blocks(pool, n_rows, fill):
        block.result()
    sums_f = pool.submit(_sum_by, key, amount, n * n_slots)
    quantity = cols.quantity
    units_f = pool.submit(_sum_by, key, quantity, n * n_slots) if quantity is not None else None
    margin = cols.margin
    margin_f = pool.submit(_sum_by, key, margin, n * n_slots) if margin is not None else None
    first_f = pool.submit(_extreme_day_at, buyer, offsets, base, n, False)
    last_f = pool.submit(_extreme_day_at, buyer, offsets, base, n, True)
    if cols.order is None:

        def count_days() -> np.ndarray:
            keep = (buyer < n) & (day >= start) & (day < end)
            return _count_distinct_pairs(client[keep], day[keep], n)

        orders_f = pool.submit(count_days)

    by_slot = sums_f.result().reshape(n, n_slots)
    sums = [by_slot[:, j] if slots.valid[j] else None for j in range(n_slots)]
    if units_f is not None:
        units = units_f.result().reshape(n, n_slots)[:, slots.in_window].sum(axis=1)
    else:
        units = np.zeros(n)
    margins = (margin_f.result().reshape(n, n_slots)[:, slots.in_window].sum(axis=1)
               if margin_f is not None else None)
    return sums, units, first_f.result(), last_f.result(), orders_f.result(), margins
