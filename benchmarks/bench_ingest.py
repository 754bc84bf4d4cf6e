"""Benchmark: ``pacspec evaluate PLAN -q`` end to end against polars, duckdb and pandas doing
the same work from the same file, interleaved in one run.

Run by hand (not part of the test suite), after ``gen_ingest.py``::

    python benchmarks/gen_ingest.py --rows 1_000_000 --out /tmp/pacbench
    python benchmarks/bench_ingest.py --data /tmp/pacbench --size 1m --inputs fr,iso,parquet

Every measurement is a fresh process (``pacspec evaluate`` for pacspec, this script with
``--peer`` for the others), so wall times include the interpreter's start and the imports;
peak RSS is the process's own ``ru_maxrss`` from ``os.wait4``. The implementations are
interleaved (one run of each, then again), so machine noise hits them alike. With several
sizes (``--size 10m,30m``) the sizes are interleaved too, and each one's median wall and
CPU are given against the first's: how the cost grows with the lines, from runs of the
same minutes (separate runs minutes apart can differ by 30 % on a shared machine).

The work, in every implementation: read the file; clean French numbers (space / no-break
space thousands, decimal comma) and dates (``dd/mm/yyyy``); drop the lines after
``as_of`` (2025-12-31); per client: net revenue over the window (the 4 quarters of 2025),
the 4-quarter code (a bit per quarter with net purchases > 0), distinct orders of the
window's purchase lines, first and last purchase day; ABC on revenue (cuts 0.80 / 0.95,
equal revenues together); R, F, M quintile scores over the clients who bought. The peers
print the ABC class counts, which the script checks against pacspec's JSON summary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

AS_OF = dt.date(2025, 12, 31)
EDGES = [
    dt.date(2025, 1, 1),
    dt.date(2025, 4, 1),
    dt.date(2025, 7, 1),
    dt.date(2025, 10, 1),
    dt.date(2026, 1, 1),
]
CUTS = (0.80, 0.95)
N_BINS = 5
EPOCH = dt.date(1970, 1, 1)
FR = {
    "client": "Code client",
    "date": "Date facture",
    "order": "N° facture",
    "amount": "Montant HT",
}
ISO = {"client": "client", "date": "date", "order": "invoice", "amount": "amount"}

PLAN = """pacspec: 1
locale: fr
header:
  company: BENCH
  business_unit: Bench
  budget_year: 2026
  plan_start: 2026-01-01
  plan_end: 2026-12-31
  currency: EUR
data:
  transactions:
    path: {path}
    columns: {{client: "{client}", date: "{date}", amount: "{amount}", order: "{order}"}}
    csv: {{{options}}}
rfm:
  scores: {{bins: 5}}
"""


def day(d: dt.date) -> int:
    return (d - EPOCH).days


# --------------------------------------------------------------------------------------
# Peers: read and clean, then the same per-client work


def polars_read(path: Path, kind: str) -> Any:
    """client (dense int), day (int), amount (float), order (string)."""
    import polars as pl

    names = FR if kind in ("fr", "xlsx") else ISO
    if kind == "xlsx":  # typed cells: dates and numbers as such (fastexcel's calamine)
        lf = (
            pl.read_excel(path, sheet_name="Ventes", columns=list(names.values()))
            .lazy()
            .select(
                client=pl.col(names["client"]),
                day=pl.col(names["date"]).cast(pl.Date).cast(pl.Int32),
                amount=pl.col(names["amount"]).cast(pl.Float64),
                order=pl.col(names["order"]),
            )
        )
    elif kind == "parquet":
        lf = pl.scan_parquet(path).select(
            client=pl.col("client"),
            day=pl.col("date").cast(pl.Int32),
            amount=pl.col("amount"),
            order=pl.col("invoice"),
        )
    elif kind == "fr":
        lf = (
            pl.read_csv(
                path,
                separator=";",
                encoding="cp1252",
                infer_schema=False,
                columns=list(names.values()),
            )
            .lazy()
            .select(
                client=pl.col(names["client"]),
                day=pl.col(names["date"]).str.to_date("%d/%m/%Y").cast(pl.Int32),
                amount=pl.col(names["amount"])
                .str.replace_all("[ \u00a0]", "")
                .str.replace(",", ".", literal=True)
                .cast(pl.Float64),
                order=pl.col(names["order"]),
            )
        )
    else:
        lf = pl.scan_csv(
            path, schema_overrides={"client": pl.String, "invoice": pl.String}, try_parse_dates=True
        ).select(
            client=pl.col("client"),
            day=pl.col("date").cast(pl.Int32),
            amount=pl.col("amount").cast(pl.Float64),
            order=pl.col("invoice"),
        )
    return lf.with_columns(
        client=pl.col("client").cast(pl.Categorical).to_physical().cast(pl.Int64)
    ).collect()


def polars_work(df: Any) -> dict[str, int]:
    """As bench_engine.run_polars, over the clients present in the data."""
    import polars as pl

    e = [day(x) for x in EDGES]
    as_of = day(AS_OF)
    n_periods = len(e) - 1
    d, amount = pl.col("day"), pl.col("amount")
    ledger = df.lazy().filter(d <= as_of)
    purchases = ledger.filter(amount > 0).group_by("client").agg(first=d.min(), last=d.max())
    window = ledger.filter((d >= e[0]) & (d < e[-1])).with_columns(
        period=pl.sum_horizontal([(d >= x).cast(pl.Int8) for x in e[1:-1]])
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
    clients = df.lazy().select(pl.col("client").unique())
    joined = (
        clients.join(revenue, on="client", how="left")
        .join(orders, on="client", how="left")
        .join(purchases, on="client", how="left")
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
    table = joined.join(ranked, on="client", how="left").collect()
    bought = table.filter(pl.col("last").is_not_null())
    qs = [k / N_BINS for k in range(1, N_BINS)]
    metrics = {"recency": False, "orders": True, "revenue": True}
    cuts = bought.select(
        [
            pl.col(n).quantile(q, interpolation="linear").alias(f"{n}{i}")
            for n in metrics
            for i, q in enumerate(qs)
        ]
    ).row(0, named=True)

    def score(name: str, higher: bool) -> Any:
        below = pl.sum_horizontal(
            [(pl.col(name) > cuts[f"{name}{i}"]).cast(pl.Int8) for i in range(N_BINS - 1)]
        )
        value = (1 + below) if higher else (N_BINS - below)
        return pl.when(pl.col("last").is_not_null()).then(value).otherwise(0).cast(pl.Int8)

    table = table.with_columns(
        r=score("recency", False), f=score("orders", True), m=score("revenue", True)
    )
    counts = table.get_column("abc").value_counts()
    return {str(int(k)): int(v) for k, v in counts.iter_rows() if k is not None}


def pandas_read(path: Path, kind: str) -> Any:
    import pandas as pd

    names = FR if kind in ("fr", "xlsx") else ISO
    if kind == "xlsx":
        raw = pd.read_excel(
            path, sheet_name="Ventes", engine="calamine", usecols=list(names.values())
        )
        days = pd.to_datetime(raw[names["date"]]).astype("datetime64[s]").astype("int64") // 86400
        amount = raw[names["amount"]].astype(float)
    elif kind == "parquet":
        raw = pd.read_parquet(path, columns=["client", "date", "amount", "invoice"])
        days = raw["date"].astype("datetime64[s]").astype("int64") // 86400
        amount = raw["amount"]
    else:
        raw = pd.read_csv(
            path,
            sep=";" if kind == "fr" else ",",
            encoding="cp1252" if kind == "fr" else "utf-8",
            usecols=list(names.values()),
            dtype=str,
            engine="pyarrow",
        )
        fmt = "%d/%m/%Y" if kind == "fr" else "%Y-%m-%d"
        days = (
            pd.to_datetime(raw[names["date"]], format=fmt).astype("datetime64[s]").astype("int64")
            // 86400
        )
        amount = raw[names["amount"]]
        if kind == "fr":
            amount = amount.str.replace("[ \u00a0]", "", regex=True).str.replace(
                ",", ".", regex=False
            )
        amount = amount.astype(float)
    codes, uniques = pd.factorize(raw[names["client"]])
    return pd.DataFrame(
        {
            "client": codes,
            "day": days.to_numpy(),
            "amount": amount.to_numpy(),
            "order": raw[names["order"]].to_numpy(),
        }
    ), len(uniques)


def pandas_work(df: Any, n_clients: int) -> dict[str, int]:
    """As bench_engine.run_pandas."""
    import pandas as pd

    edges = np.array([day(x) for x in EDGES])
    as_of = day(AS_OF)
    n_periods = len(edges) - 1
    ledger = df[df["day"] <= as_of]
    purchases = ledger[ledger["amount"] > 0].groupby("client")["day"].agg(["min", "max"])
    window = ledger[(ledger["day"] >= edges[0]) & (ledger["day"] < edges[-1])]
    period = pd.cut(window["day"], bins=edges, right=False, labels=False)
    net = window.groupby(["client", period])["amount"].sum().unstack(fill_value=0.0)
    weights = 2 ** (n_periods - 1 - net.columns.to_numpy().astype(np.int64))
    orders = window[window["amount"] > 0].groupby("client")["order"].nunique()
    table = pd.DataFrame(
        {
            "revenue": net.sum(axis=1),
            "code": (net > 0).mul(weights, axis=1).sum(axis=1),
            "orders": orders,
            "first": purchases["min"],
            "last": purchases["max"],
        }
    ).reindex(pd.RangeIndex(n_clients, name="client"))
    table[["revenue", "code", "orders"]] = table[["revenue", "code", "orders"]].fillna(0)
    table["recency"] = as_of - table["last"]
    positive = table.loc[table["revenue"] > 0, "revenue"].sort_values(ascending=False)
    before = positive.cumsum().shift(1, fill_value=0.0)
    share = before.groupby(positive).transform("min") / positive.sum()
    abc = sum((share >= c).astype(np.int8) for c in CUTS)
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
    return {str(k): int(v) for k, v in abc.value_counts().items()}


def duckdb_run(path: Path, kind: str) -> dict[str, int]:
    import duckdb

    names = FR if kind == "fr" else ISO
    q = lambda name: '"' + name + '"'  # noqa: E731
    if kind == "parquet":
        source = f"SELECT client, date AS d, amount, invoice AS ord FROM read_parquet('{path}')"
    elif kind == "fr":
        source = (
            f"SELECT {q(names['client'])} AS client, strptime({q(names['date'])}, '%d/%m/%Y')::DATE AS d, "
            f"replace(replace(replace({q(names['amount'])}, chr(160), ''), ' ', ''), ',', '.')::DOUBLE AS amount, "
            f"{q(names['order'])} AS ord FROM raw"
        )
        # duckdb's CSV reader decodes UTF-8, UTF-16 and latin-1 only (cp1252 needs the
        # encodings extension, a download): pyarrow transcodes, duckdb queries the Arrow table
        import pyarrow.csv as pacsv

        raw = pacsv.read_csv(  # noqa: F841 (read by the query)
            path,
            read_options=pacsv.ReadOptions(encoding="cp1252"),
            parse_options=pacsv.ParseOptions(delimiter=";"),
            convert_options=pacsv.ConvertOptions(
                include_columns=list(names.values()),
                column_types=dict.fromkeys(names.values(), pa_string()),
            ),
        )
    else:
        source = (
            f"SELECT client, date::DATE AS d, amount::DOUBLE AS amount, invoice AS ord FROM read_csv('{path}', "
            "header=true, types={'client': 'VARCHAR', 'invoice': 'VARCHAR'})"
        )
    sql = f"""
    WITH t AS ({source}),
    f AS (SELECT * FROM t WHERE d <= DATE '{AS_OF}'),
    purch AS (SELECT client, min(d) AS first, max(d) AS last FROM f WHERE amount > 0 GROUP BY client),
    win AS (SELECT client, amount, ord, quarter(d) AS qt FROM f WHERE d >= DATE '{EDGES[0]}'),
    per AS (SELECT client, qt, sum(amount) AS net FROM win GROUP BY client, qt),
    rev AS (SELECT client, sum(net) AS revenue,
            sum(CASE WHEN net > 0 THEN 1 << (4 - qt) ELSE 0 END) AS code FROM per GROUP BY client),
    ords AS (SELECT client, count(DISTINCT ord) AS orders FROM win WHERE amount > 0 GROUP BY client),
    tab AS (SELECT c.client, coalesce(revenue, 0) AS revenue, coalesce(code, 0) AS code,
            coalesce(orders, 0) AS orders, first, last, DATE '{AS_OF}' - last AS recency
            FROM (SELECT DISTINCT client FROM t) c LEFT JOIN rev USING (client)
            LEFT JOIN ords USING (client) LEFT JOIN purch USING (client)),
    ranked AS (SELECT client, revenue, coalesce(sum(revenue) OVER (ORDER BY revenue DESC
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS before FROM tab WHERE revenue > 0),
    shares AS (SELECT client, min(before) OVER (PARTITION BY revenue) / sum(revenue) OVER () AS share FROM ranked),
    cuts AS (SELECT quantile_cont(recency, [0.2, 0.4, 0.6, 0.8]) AS r,
             quantile_cont(orders, [0.2, 0.4, 0.6, 0.8]) AS f,
             quantile_cont(revenue, [0.2, 0.4, 0.6, 0.8]) AS m FROM tab WHERE last IS NOT NULL),
    scored AS (SELECT tab.*, (share >= 0.8)::INT + (share >= 0.95)::INT AS abc,
               CASE WHEN last IS NULL THEN 0 ELSE 5 - len(list_filter(cuts.r, lambda x: recency > x)) END AS rs,
               CASE WHEN last IS NULL THEN 0 ELSE 1 + len(list_filter(cuts.f, lambda x: orders > x)) END AS fs,
               CASE WHEN last IS NULL THEN 0 ELSE 1 + len(list_filter(cuts.m, lambda x: revenue > x)) END AS ms
               FROM tab LEFT JOIN shares USING (client), cuts)
    SELECT * FROM scored
    """
    con = duckdb.connect()
    table = con.sql(sql).arrow()
    if hasattr(table, "read_all"):
        table = table.read_all()
    abc = table.column("abc").to_numpy(zero_copy_only=False)
    values, counts = np.unique(abc[~np.isnan(abc.astype(float))].astype(int), return_counts=True)
    return {str(v): int(c) for v, c in zip(values, counts, strict=True)}


def pa_string() -> Any:
    import pyarrow as pa

    return pa.string()


def run_peer(name: str, path: Path, kind: str) -> None:
    if name == "polars":
        counts = polars_work(polars_read(path, kind))
    elif name == "pandas":
        counts = pandas_work(*pandas_read(path, kind))
    else:
        counts = duckdb_run(path, kind)
    print(json.dumps(counts, sort_keys=True))


# --------------------------------------------------------------------------------------
# Driver


ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""Byte-code caching on, as in an installed package (the peers' libraries have theirs)."""


CPU: dict[tuple[str, ...], list[float]] = {}
"""CPU seconds (user + system) of each command's runs: what the machine's load changes least."""


def measure(argv: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS bytes and stdout of one fresh process (its CPU seconds are
    added to :data:`CPU`)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=ENV)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        CPU.setdefault(tuple(argv), []).append(usage.ru_utime + usage.ru_stime)
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise SystemExit(f"{argv} failed ({proc.returncode}):\n{errors}{text}")
    return wall, usage.ru_maxrss * 1024, text


def pacspec_counts(json_text: str) -> dict[str, int]:
    rows = json.loads(json_text)["abc"]["rows"]
    return {str(i): int(r["clients"]) for i, r in enumerate(rows[:2])}  # A and B


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("/tmp/pacbench"))
    parser.add_argument("--size", default="1m",
                        help="file size label written by gen_ingest.py; several, comma-separated, "
                             "run interleaved, with each one's cost against the first")
    parser.add_argument("--inputs", default="fr,iso,parquet")
    parser.add_argument("--peers", default="pacspec,polars,duckdb,pandas")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-check", action="store_true", help="skip the ABC count check")
    parser.add_argument("--alternate", action="store_true",
                        help="run the peers in the reverse order every other round (each "
                             "peer first as often), and count the rounds pacspec wins")
    parser.add_argument("--peer", help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--kind", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        run_peer(args.peer, args.input, args.kind)
        return 0

    bindir = Path(sys.executable).parent
    pacspec_cli = str(bindir / "pacspec")
    sizes = args.size.split(",")  # several: their runs interleaved, and the cost ratios

    def file_of(kind: str, size: str) -> Path:
        return {
            "fr": args.data / f"fr-{size}.csv",
            "iso": args.data / f"iso-{size}.csv",
            "parquet": args.data / f"{size}.parquet",
            "xlsx": args.data / f"{size}.xlsx",
        }[kind]

    print(
        f"# {platform.node()} {os.cpu_count()} cpu, python {platform.python_version()}, "
        f"load before: {load_average()}"
    )
    tmp = Path(tempfile.mkdtemp(prefix="pacbench-"))
    results: list[tuple[str, str, str, list[float], list[int], list[float]]] = []
    for kind in args.inputs.split(","):
        names = FR if kind in ("fr", "xlsx") else ISO
        options = "sheet: Ventes" if kind == "xlsx" else ""
        commands: dict[tuple[str, str], list[str]] = {}
        for size in sizes:
            path = file_of(kind, size)
            plan = tmp / f"{kind}-{size}.pac.yaml"
            plan.write_text(PLAN.format(path=path, options=options, **names), encoding="utf-8")
            commands[size, "pacspec"] = [pacspec_cli, "evaluate", str(plan), "--as-of",
                                         str(AS_OF), "-q"]
            for p in ("polars", "duckdb", "pandas"):
                if not (p == "duckdb" and kind == "xlsx"):  # its Excel reader is a download
                    commands[size, p] = [sys.executable, __file__, "--peer", p, "--input",
                                         str(path), "--kind", kind]
        peers = [p for p in args.peers.split(",") if (sizes[0], p) in commands]
        if not args.no_check:
            for size in sizes:
                expected = pacspec_counts(
                    measure([*commands[size, "pacspec"][:-1], "--format", "json"])[2])
                for p in peers:
                    if p != "pacspec":
                        got = json.loads(measure(commands[size, p])[2])
                        got = {k: v for k, v in got.items() if k in ("0", "1")}
                        if got != expected:
                            print(f"!! {kind} {size}: {p} ABC counts {got} differ from "
                                  f"pacspec's {expected}")
        times: dict[tuple[str, str], list[float]] = {(z, p): [] for z in sizes for p in peers}
        rss: dict[tuple[str, str], list[int]] = {(z, p): [] for z in sizes for p in peers}
        CPU.clear()
        for round_ in range(args.repeat):
            for size in sizes:
                for p in peers if not args.alternate or round_ % 2 == 0 else peers[::-1]:
                    wall, peak, _ = measure(commands[size, p])
                    times[size, p].append(wall)
                    rss[size, p].append(peak)
        for size in sizes:
            for p in peers:
                t, cpu = times[size, p], CPU.get(tuple(commands[size, p]), [0.0])
                results.append((kind, size, p, t, rss[size, p], cpu))
                print(
                    f"{kind:8} {size:5} {p:8} best {min(t):6.2f} s  median {statistics.median(t):6.2f} s  "
                    f"cpu {statistics.median(cpu):6.2f} s  "
                    f"peak RSS {statistics.median(rss[size, p]) / 1e6:6.0f} MB  load {load_average()}",
                    flush=True,
                )
        for size in sizes:  # each round's pacspec run against the same round's peer runs
            for p in peers:
                if p != "pacspec" and "pacspec" in peers:
                    won = sum(a < b for a, b in zip(times[size, "pacspec"], times[size, p],
                                                    strict=True))
                    print(f"{kind:8} {size:5} pacspec faster than {p} in {won} of "
                          f"{args.repeat} rounds")
        for size in sizes[1:]:  # the cost of more lines, from runs of the same rounds
            for p in peers:
                base = next(r for r in results if r[:3] == (kind, sizes[0], p))
                more = next(r for r in results if r[:3] == (kind, size, p))
                print(f"{kind:8} {p:8} {size} / {sizes[0]}: median wall "
                      f"{statistics.median(more[3]) / statistics.median(base[3]):.2f}x, "
                      f"median cpu {statistics.median(more[5]) / statistics.median(base[5]):.2f}x")
    print(f"# load after: {load_average()}")
    print()
    print("| input | " + " | ".join(args.peers.split(",")) + " |")
    print("|---|" + "---:|" * len(args.peers.split(",")))
    for kind in args.inputs.split(","):
        for size in sizes:
            cells = []
            for p in args.peers.split(","):
                found = [r for r in results if r[:3] == (kind, size, p)]
                if found:
                    _, _, _, t, m, _ = found[0]
                    cells.append(f"{min(t):.2f} s ({statistics.median(t):.2f}), "
                                 f"{statistics.median(m) / 1e6:.0f} MB")
                else:
                    cells.append("")
            print(f"| {kind} ({size} lines) | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
