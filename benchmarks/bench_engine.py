"""Benchmark: pacspec's engine kernels against pandas and polars, in one run.

Run by hand (not part of the test suite)::

    python benchmarks/bench_engine.py --rows 10_000_000 --clients 1_000_000
    python benchmarks/bench_engine.py --rows 10_000_000 --clients 1_000_000 --shuffle
    python benchmarks/bench_engine.py --rows 10_000_000 --clients 1_000_000 --parquet

It generates a seeded synthetic ledger (skewed client activity and basket sizes, ~10 %
credit notes, order ids, a little over two years of days, rows after ``as_of``), then
computes the SAME outputs three ways — per-client revenue over the analysis window,
distinct orders, first and last purchase days, the 4-quarter RFM code, the ABC class and
the R, F, M quintile scores, for every client 0..n-1 — checks that they agree on a sample
of clients, and prints the best-of-N wall time, the ratios, the peak memory increase and
the memory-bandwidth floor (the time to copy the input columns once).

``--shuffle`` puts the rows in random order (the kernels detect day-sorted input and use a
faster path; a chronological export is the usual case). ``--parquet`` also times the
end-to-end read of a Parquet file plus evaluation (pyarrow -> numpy for pacspec, polars'
own reader for polars).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import platform
import resource
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pacspec.calendar import to_day
from pacspec.engine.abc import abc_classes
from pacspec.engine.aggregate import NO_DAY, aggregate, default_workers
from pacspec.engine.periods import period_edges
from pacspec.engine.scores import quantile_scores

AS_OF = datetime.date(2025, 12, 31)
HISTORY_START = datetime.date(2023, 11, 1)
DATA_END = datetime.date(2026, 1, 31)  # one month of rows after as_of, to be ignored
CUTS = (0.80, 0.95)
N_BINS = 5

# --------------------------------------------------------------------------------------
# Data


@dataclass
class Ledger:
    client: np.ndarray
    day: np.ndarray
    amount: np.ndarray
    order: np.ndarray

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.client, self.day, self.amount, self.order))


def make_ledger(rows: int, clients: int, seed: int, shuffle: bool) -> Ledger:
    """Orders of 1-5 lines, clients drawn from a Pareto law, ~10 % credit-note documents."""
    rng = np.random.default_rng(seed)
    lines = rng.integers(1, 6, rows // 2 + 2)
    ends = np.cumsum(lines)
    n_orders = int(np.searchsorted(ends, rows)) + 1
    lines = lines[:n_orders].copy()
    lines[-1] -= int(ends[n_orders - 1]) - rows
    weight = rng.pareto(1.2, clients) + 0.05
    order_client = rng.choice(clients, n_orders, p=weight / weight.sum())
    order_day = np.sort(rng.integers(to_day(HISTORY_START), to_day(DATA_END) + 1, n_orders))
    credit = rng.random(n_orders) < 0.10
    order = np.repeat(np.arange(n_orders, dtype=np.int64), lines)
    amount = np.round(rng.lognormal(3.5, 1.0, rows), 2)
    amount[credit[order]] *= -0.5
    amount = np.round(amount, 2)
    ledger = Ledger(
        client=order_client[order].astype(np.int64),
        day=order_day[order].astype(np.int64),
        amount=amount,
        order=order,
    )
    if shuffle:
        permutation = rng.permutation(rows)
        ledger = Ledger(
            ledger.client[permutation],
            ledger.day[permutation],
            ledger.amount[permutation],
            ledger.order[permutation],
        )
    return ledger


@dataclass
class Outputs:
    """Per-client outputs, dense over clients 0..n-1, as numpy arrays."""

    revenue: np.ndarray
    orders: np.ndarray
    first: np.ndarray  # NO_DAY when never
    last: np.ndarray
    code: np.ndarray
    abc: np.ndarray
    r: np.ndarray
    f: np.ndarray
    m: np.ndarray


# --------------------------------------------------------------------------------------
# The three implementations of the same outputs


def run_pacspec(
    client: np.ndarray,
    day: np.ndarray,
    amount: np.ndarray,
    order: np.ndarray,
    n_clients: int,
    edges: np.ndarray,
    as_of: int,
    workers: int | None = None,
) -> Outputs:
    agg = aggregate(
        client,
        day,
        amount,
        n_clients=n_clients,
        edges=edges,
        window=(int(edges[0]), int(edges[-1])),
        as_of=as_of,
        order=order,
        workers=workers,
    )
    abc = abc_classes(agg.revenue, CUTS)
    bought = agg.last_purchase != NO_DAY
    recency = np.where(bought, as_of - agg.last_purchase, 0)
    r, _ = quantile_scores(recency, N_BINS, higher_is_better=False, mask=bought)
    f, _ = quantile_scores(agg.orders, N_BINS, mask=bought)
    m, _ = quantile_scores(agg.revenue, N_BINS, mask=bought)
    return Outputs(
        agg.revenue, agg.orders, agg.first_purchase, agg.last_purchase, agg.code, abc, r, f, m
    )


def polars_frame(ledger: Ledger) -> Any:
    import polars as pl

    return pl.DataFrame(
        {"client": ledger.client, "day": ledger.day, "amount": ledger.amount, "order": ledger.order}
    )


def run_polars(df: Any, n_clients: int, edges: np.ndarray, as_of: int) -> Any:
    """Idiomatic polars (lazy, one plan per output family, joins on the client key)."""
    import polars as pl

    e = [int(x) for x in edges]
    n_periods = len(e) - 1
    day, amount = pl.col("day"), pl.col("amount")
    ledger = df.lazy().filter(day <= as_of)
    purchases = ledger.filter(amount > 0).group_by("client").agg(first=day.min(), last=day.max())
    window = ledger.filter((day >= e[0]) & (day < e[-1])).with_columns(
        period=pl.sum_horizontal([(day >= x).cast(pl.Int8) for x in e[1:-1]])
    )
    per_period = window.group_by("client", "period").agg(net=amount.sum())
    bit = pl.col("period").replace_strict(
        list(range(n_periods)),
        [1 << (n_periods - 1 - p) for p in range(n_periods)],
        return_dtype=pl.Int64,
    )
    revenue = per_period.group_by("client").agg(
        revenue=pl.col("net").sum(), code=((pl.col("net") > 0).cast(pl.Int64) * bit).sum()
    )
    orders = window.filter(amount > 0).group_by("client").agg(orders=pl.col("order").n_unique())
    clients = pl.LazyFrame({"client": np.arange(n_clients, dtype=np.int64)})
    joined = (
        clients.join(revenue, on="client", how="left", maintain_order="left")
        .join(orders, on="client", how="left", maintain_order="left")
        .join(purchases, on="client", how="left", maintain_order="left")
        .with_columns(
            pl.col("revenue").fill_null(0.0),
            pl.col("code").fill_null(0),
            pl.col("orders").fill_null(0).cast(pl.Int64),
            recency=as_of - pl.col("last"),
        )
    )
    ranked = (
        joined.filter(pl.col("revenue") > 0)
        .select("client", "revenue")
        .sort("revenue", descending=True)
        .with_columns(before=pl.col("revenue").cum_sum().shift(1, fill_value=0.0))
        .with_columns(share=pl.col("before").min().over("revenue") / pl.col("revenue").sum())
        .select(
            "client", abc=pl.sum_horizontal([(pl.col("share") >= c).cast(pl.Int8) for c in CUTS])
        )
    )
    table = (
        joined.join(ranked, on="client", how="left", maintain_order="left")
        .with_columns(pl.col("abc").fill_null(len(CUTS)))
        .collect()
    )
    bought = table.filter(pl.col("last").is_not_null())
    qs = [k / N_BINS for k in range(1, N_BINS)]
    metrics = {"recency": False, "orders": True, "revenue": True}
    cuts = bought.select(
        [
            pl.col(name).quantile(q, interpolation="linear").alias(f"{name}{i}")
            for name in metrics
            for i, q in enumerate(qs)
        ]
    ).row(0, named=True)

    def score(name: str, higher_is_better: bool) -> Any:
        below = pl.sum_horizontal(
            [(pl.col(name) > cuts[f"{name}{i}"]).cast(pl.Int8) for i in range(N_BINS - 1)]
        )
        value = (1 + below) if higher_is_better else (N_BINS - below)
        return pl.when(pl.col("last").is_not_null()).then(value).otherwise(0).cast(pl.Int8)

    return table.with_columns(
        r=score("recency", False), f=score("orders", True), m=score("revenue", True)
    )


def polars_outputs(table: Any) -> Outputs:
    def col(name: str, fill: int | float = 0) -> np.ndarray:
        return np.asarray(table.get_column(name).fill_null(fill).to_numpy())

    return Outputs(
        col("revenue"),
        col("orders"),
        col("first", NO_DAY),
        col("last", NO_DAY),
        col("code"),
        col("abc"),
        col("r"),
        col("f"),
        col("m"),
    )


def pandas_frame(ledger: Ledger) -> Any:
    import pandas as pd

    return pd.DataFrame(
        {"client": ledger.client, "day": ledger.day, "amount": ledger.amount, "order": ledger.order}
    )


def run_pandas(df: Any, n_clients: int, edges: np.ndarray, as_of: int) -> Any:
    """Idiomatic pandas: boolean filters, groupby aggregations, a reindex on all clients."""
    import pandas as pd

    n_periods = len(edges) - 1
    ledger = df[df["day"] <= as_of]
    purchases = ledger[ledger["amount"] > 0].groupby("client")["day"].agg(["min", "max"])
    window = ledger[(ledger["day"] >= edges[0]) & (ledger["day"] < edges[-1])]
    period = pd.cut(window["day"], bins=edges, right=False, labels=False)
    net = window.groupby(["client", period])["amount"].sum().unstack(fill_value=0.0)
    weights = 2 ** (n_periods - 1 - net.columns.to_numpy().astype(np.int64))
    orders = window[window["amount"] > 0].groupby("client")["order"].nunique()
    clients = pd.RangeIndex(n_clients, name="client")
    table = pd.DataFrame(
        {
            "revenue": net.sum(axis=1),
            "code": (net > 0).mul(weights, axis=1).sum(axis=1),
            "orders": orders,
            "first": purchases["min"],
            "last": purchases["max"],
        }
    ).reindex(clients)
    table[["revenue", "code", "orders"]] = table[["revenue", "code", "orders"]].fillna(0)
    table["recency"] = as_of - table["last"]
    positive = table.loc[table["revenue"] > 0, "revenue"].sort_values(ascending=False)
    before = positive.cumsum().shift(1, fill_value=0.0)
    share = before.groupby(positive).transform("min") / positive.sum()
    table["abc"] = len(CUTS)
    table.loc[share.index, "abc"] = sum((share >= c).astype(np.int8) for c in CUTS)
    bought = table["last"].notna()
    qs = [k / N_BINS for k in range(1, N_BINS)]
    for name, letter, higher in (
        ("recency", "r", False),
        ("orders", "f", True),
        ("revenue", "m", True),
    ):
        cuts = table.loc[bought, name].quantile(qs, interpolation="linear").to_numpy()
        below = sum((table[name] > c).astype(np.int8) for c in cuts)
        table[letter] = np.where(bought, (1 + below) if higher else (N_BINS - below), 0)
    return table


def pandas_outputs(table: Any) -> Outputs:
    def col(name: str, fill: int | float = 0) -> np.ndarray:
        return np.asarray(table[name].fillna(fill).to_numpy())

    return Outputs(
        col("revenue"),
        col("orders").astype(np.int64),
        col("first", NO_DAY).astype(np.int64),
        col("last", NO_DAY).astype(np.int64),
        col("code").astype(np.int64),
        col("abc"),
        col("r"),
        col("f"),
        col("m"),
    )


# --------------------------------------------------------------------------------------
# Agreement


def compare(name: str, got: Outputs, expected: Outputs, sample: np.ndarray) -> list[str]:
    """Mismatches on the sample, tolerating float noise (summation order differs)."""
    problems = []
    close = np.isclose(got.revenue[sample], expected.revenue[sample], rtol=1e-9, atol=1e-6)
    if not close.all():
        problems.append(f"revenue differs for {int((~close).sum())} clients")
    for field in ("orders", "first", "last"):
        a, b = getattr(got, field)[sample], getattr(expected, field)[sample]
        if not np.array_equal(a, b):
            problems.append(f"{field} differs for {int((a != b).sum())} clients")
    for field in ("code", "abc", "r", "f", "m"):
        a, b = getattr(got, field)[sample], getattr(expected, field)[sample]
        diff = int((a.astype(np.int64) != b.astype(np.int64)).sum())
        # A net of ~1e-13 (cancelling cents) can land on either side of 0 depending on
        # the order of addition; one such client in a million may differ. Report, allow 0.1 %.
        if diff > max(1, len(sample) // 1000):
            problems.append(f"{field} differs for {diff} clients")
        elif diff:
            print(f"    note: {name}: {field} differs for {diff} sampled client(s) (float noise)")
    return problems


# --------------------------------------------------------------------------------------
# Measurement


def best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), times


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


@contextmanager
def peak_rss() -> Iterator[list[int]]:
    """Peak resident-memory increase over the block, sampled every 2 ms (any allocator)."""
    result = [0]
    base = rss_bytes()
    peak = [base]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], rss_bytes())
            stop.wait(0.002)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield result
    finally:
        stop.set()
        thread.join()
        peak[0] = max(peak[0], rss_bytes())
        result[0] = peak[0] - base


def memory_of(fn: Callable[[], Any]) -> tuple[int, int | None]:
    """(peak RSS increase, tracemalloc peak of numpy/Python allocations) of one call."""
    gc.collect()
    tracemalloc.start()
    try:
        with peak_rss() as rss:
            result = fn()
            del result
        _, traced = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return rss[0], traced


def copy_bandwidth(nbytes: int) -> float:
    """Bytes per second of ``np.copyto`` between two buffers of ``nbytes``."""
    source = np.ones(nbytes // 8)
    target = np.empty_like(source)
    np.copyto(target, source)
    best, _ = best_of(lambda: np.copyto(target, source), 5)
    return source.nbytes / best


def mb(n: int | float) -> str:
    return f"{n / 2**20:,.0f} MB"


# --------------------------------------------------------------------------------------


def make_runners(
    args: argparse.Namespace, ledger: Ledger, edges: np.ndarray, as_of: int
) -> dict[str, Callable[[], Any]]:
    """One zero-argument callable per implementation (frames built here, outside timing)."""
    runners: dict[str, Callable[[], Any]] = {
        "pacspec": lambda: run_pacspec(
            ledger.client,
            ledger.day,
            ledger.amount,
            ledger.order,
            args.clients,
            edges,
            as_of,
            args.workers,
        ),
        "pacspec 1 thread": lambda: run_pacspec(
            ledger.client,
            ledger.day,
            ledger.amount,
            ledger.order,
            args.clients,
            edges,
            as_of,
            1,
        ),
    }
    polars_df = polars_frame(ledger)
    runners["polars"] = lambda: run_polars(polars_df, args.clients, edges, as_of)
    if not args.no_pandas:
        pandas_df = pandas_frame(ledger)
        runners["pandas"] = lambda: run_pandas(pandas_df, args.clients, edges, as_of)
    return runners


def measure_in_subprocess(argv: list[str], name: str) -> tuple[int, int]:
    """Peak memory of one run of ``name`` in a fresh interpreter (no pooled allocations)."""
    import json
    import subprocess

    out = subprocess.run(
        [sys.executable, __file__, *argv, "--memory-of", name],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return int(result["rss"]), int(result["traced"])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--rows", type=lambda s: int(s.replace("_", "")), default=10_000_000)
    parser.add_argument("--clients", type=lambda s: int(s.replace("_", "")), default=1_000_000)
    parser.add_argument("--seed", type=int, default=20251231)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per implementation")
    parser.add_argument("--workers", type=int, default=None, help="pacspec threads")
    parser.add_argument("--shuffle", action="store_true", help="rows in random order")
    parser.add_argument("--parquet", action="store_true", help="also time Parquet read+evaluate")
    parser.add_argument("--no-pandas", action="store_true", help="skip pandas (slow, large)")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory runs")
    parser.add_argument("--sample", type=int, default=200_000, help="clients checked")
    parser.add_argument("--memory-of", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(raw)
    as_of = to_day(AS_OF)
    edges = period_edges(AS_OF, "quarter", 4)

    if args.memory_of:  # child process: one run, report its memory as JSON
        import json

        ledger = make_ledger(args.rows, args.clients, args.seed, args.shuffle)
        run = make_runners(args, ledger, edges, as_of)[args.memory_of]
        rss, traced = memory_of(run)
        print(json.dumps({"rss": rss, "traced": traced or 0}))
        return 0

    import pandas as pd
    import polars as pl

    print(
        f"python {platform.python_version()}, numpy {np.__version__}, polars {pl.__version__}, "
        f"pandas {pd.__version__}; {os.cpu_count()} CPUs, polars threads "
        f"{pl.thread_pool_size()}, pacspec workers {args.workers or default_workers()}"
    )
    print(f"generating {args.rows:,} rows over {args.clients:,} clients (seed {args.seed})...")
    ledger = make_ledger(args.rows, args.clients, args.seed, args.shuffle)
    after = float((ledger.day > as_of).mean())
    print(
        f"  {'shuffled' if args.shuffle else 'chronological'} rows, "
        f"{float((ledger.amount < 0).mean()):.1%} credit-note lines, {after:.1%} after as_of, "
        f"{len(np.unique(ledger.client)):,} clients with rows; input columns {mb(ledger.nbytes)}"
    )
    bandwidth = copy_bandwidth(ledger.nbytes)
    floor = ledger.nbytes / bandwidth
    print(
        f"  np.copyto bandwidth {bandwidth / 1e9:.1f} GB/s -> floor (copy input once) {floor:.3f} s"
    )
    runners = make_runners(args, ledger, edges, as_of)

    # agreement on a sample: the top clients and a random draw
    reference = runners["pacspec"]()
    if not np.array_equal(runners["pacspec 1 thread"]().code, reference.code):
        print("  DISAGREE: pacspec with 1 and with several threads")
        return 1
    rng = np.random.default_rng(1)
    top = np.argsort(reference.revenue)[-1000:]
    sample = np.unique(np.concatenate([top, rng.integers(0, args.clients, args.sample)]))
    converters = {"polars": polars_outputs, "pandas": pandas_outputs}
    failed = False
    for name, convert in converters.items():
        if name in runners:
            problems = compare(name, reference, convert(runners[name]()), sample)
            status = "agree" if not problems else "DISAGREE: " + "; ".join(problems)
            print(f"  check pacspec vs {name} on {len(sample):,} clients: {status}")
            failed |= bool(problems)
    del reference
    gc.collect()

    # timings, interleaved so that machine noise hits every implementation alike
    times: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(args.repeat):
        for name, run in runners.items():
            times[name] += best_of(run, 1)[1]
    best = {name: min(t) for name, t in times.items()}
    memory: dict[str, tuple[int, int]] = {}
    if not args.no_memory:
        child_argv = [a for a in raw if a != "--parquet"]
        memory = {name: measure_in_subprocess(child_argv, name) for name in runners}

    print(
        f"\n{'implementation':<18}{'best s':>8}{'median s':>10}{'peak RSS +':>12}{'numpy peak':>12}"
    )
    for name in runners:
        rss, traced = memory.get(name, (0, 0))
        rss_s = mb(rss) if name in memory else "-"
        traced_s = mb(traced) if name in memory and name.startswith("pacspec") else "-"
        print(
            f"{name:<18}{best[name]:>8.3f}{statistics.median(times[name]):>10.3f}"
            f"{rss_s:>12}{traced_s:>12}"
        )
    print(f"\npacspec speed-up: {best['polars'] / best['pacspec']:.2f}x vs polars", end="")
    if "pandas" in best:
        print(f", {best['pandas'] / best['pacspec']:.2f}x vs pandas", end="")
    print(f"; {best['pacspec'] / floor:.1f}x the memory-bandwidth floor")
    if "pacspec" in memory:
        rss, traced = memory["pacspec"]
        print(
            f"pacspec peak extra memory: {traced / ledger.nbytes:.2f}x the input columns "
            f"(numpy allocations), {rss / ledger.nbytes:.2f}x (RSS)"
        )

    if args.parquet:
        parquet_section(ledger, args.clients, edges, as_of, args.repeat, args.workers)
    return 1 if failed else 0


def parquet_section(
    ledger: Ledger, n_clients: int, edges: np.ndarray, as_of: int, repeat: int, workers: int | None
) -> None:
    import polars as pl
    import pyarrow as pa
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.parquet"
        table = pa.table(
            {
                "client": ledger.client,
                "day": ledger.day,
                "amount": ledger.amount,
                "order": ledger.order,
            }
        )
        pq.write_table(table, path)
        del table
        print(f"\nParquet: {path.stat().st_size / 2**20:,.0f} MB file, read + evaluate")

        def pacspec_parquet() -> Outputs:
            t = pq.read_table(path, columns=["client", "day", "amount", "order"])
            cols = {name: t.column(name).to_numpy() for name in t.column_names}
            return run_pacspec(
                cols["client"],
                cols["day"],
                cols["amount"],
                cols["order"],
                n_clients,
                edges,
                as_of,
                workers,
            )

        def polars_parquet() -> Any:
            return run_polars(pl.read_parquet(path), n_clients, edges, as_of)

        times: dict[str, list[float]] = {"pacspec": [], "polars": []}
        for _ in range(repeat):
            times["pacspec"] += best_of(pacspec_parquet, 1)[1]
            times["polars"] += best_of(polars_parquet, 1)[1]
        for name, t in times.items():
            print(f"  {name:<14}{min(t):>9.3f} s best, {statistics.median(t):.3f} s median")
        print(f"  pacspec speed-up: {min(times['polars']) / min(times['pacspec']):.2f}x vs polars")


if __name__ == "__main__":
    raise SystemExit(main())
