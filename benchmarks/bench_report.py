"""Benchmark of ``pacspec report`` at scale: the example plan on a generated ledger of N clients.

Run by hand (not part of the test suite)::

    python benchmarks/bench_report.py --clients 100_000
    python benchmarks/bench_report.py --clients 10_000 --clients 100_000 --clients 1_000_000
    python benchmarks/bench_report.py --clients 100_000 --formats html,md --keep /tmp/pacrep

The data: every generated client copies one client of the example (``plans/``), drawn at
random: its register row (typology, region, owner, potential, criteria notes) and its
invoice lines, with dates moved by up to ±10 days and amounts scaled by a log-normal
factor, so that the profiles, codes and ABC classes look like the example's (about 25 lines
per client: 2.5 M lines at 100 k clients). The first 381 clients keep the example's ids
(``C0001``...), so the plan's actions still name their clients. Lines and register are
written as Parquet (typed), so the timing is of the analysis and the document, not of
French CSV parsing (``benchmarks/bench_ingest.py`` times that).

For each format, the script runs ``pacspec report PLAN --as-of AS_OF -o pac.EXT`` (for
``json``: ``pacspec evaluate PLAN --as-of AS_OF --format json``; for ``csv``: ``pacspec
evaluate PLAN --as-of AS_OF -o clients.csv``) as a child process (wall time, and that
child's own peak RSS from ``os.wait4``), then prints the output size and the load average
before the run. A first, untimed run (``pacspec evaluate``) warms the caches: the first
child after code changed or after another program's I/O pays for reading Python's
libraries and writing bytecode (1 to 2.5 CPU s at 100 000 clients, measured), which would
land on the first format timed. ``--repeat N`` runs the formats N times, interleaved, and
prints each format's best wall and best CPU time. ``--reuse`` keeps the data already
generated in ``--keep DIR``. With ``--split`` it also
times, in this process, the analysis (session + evaluate + steer) apart from the document
(build + render) for each format; the PDF's document there includes the browser's start-up,
which ``pacspec report -o pac.pdf`` runs beside the analysis (``report/pdf.py``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "plans"
AS_OF = "2026-06-30"
EXTENSIONS = {"html": ".html", "md": ".md", "xlsx": ".xlsx", "pdf": ".pdf", "json": ".json",
              "csv": ".csv"}
"""Formats timed: the four reports (``pacspec report -o pac.EXT``), the evaluation as JSON
(``pacspec evaluate --format json``, on standard output) and the per-client table as CSV
(``pacspec evaluate -o clients.csv``)."""


def _read_example(name: str) -> pa.Table:
    opts = pacsv.ParseOptions(delimiter=";")
    conv = pacsv.ConvertOptions(column_types={"client": pa.string(), "invoice": pa.string()},
                                strings_can_be_null=False)
    table = pacsv.read_csv(EXAMPLE / "data" / name, parse_options=opts, convert_options=conv)
    return table


def _decimal(col: pa.ChunkedArray) -> np.ndarray:
    text = np.asarray(col.to_pylist(), dtype=object)
    return np.array([float(str(v).replace(",", ".")) if v not in (None, "") else np.nan
                     for v in text])


def generate(n: int, out: Path, seed: int = 13) -> tuple[Path, int]:
    """The example plan and a ledger of ``n`` clients in ``out``; (plan path, lines)."""
    rng = np.random.default_rng(seed)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(EXAMPLE, out, ignore=shutil.ignore_patterns("transactions.csv",
                                                                 "clients.csv", "*.py"))
    reg = _read_example("clients.csv")
    tx = _read_example("transactions.csv")
    ex_ids = [str(c) for c in reg.column("client").to_pylist()]
    m = len(ex_ids)
    index = {c: i for i, c in enumerate(ex_ids)}
    # each new client copies an example client (the first m keep the example's own)
    template = np.concatenate([np.arange(min(n, m)), rng.integers(0, m, max(n - m, 0))])
    ids = np.array([f"C{i + 1:04d}" for i in range(n)], dtype=object)
    names = np.array([f"CLIENT {i + 1}" for i in range(n)], dtype=object)
    names[: min(n, m)] = np.asarray(reg.column("name").to_pylist(), dtype=object)[: min(n, m)]
    columns: dict[str, object] = {"client": ids, "name": names}
    for name in reg.column_names:
        if name in ("client", "name"):
            continue
        values = reg.column(name)
        if name == "potential":
            pot = _decimal(values)[template]
            pot[m:] *= rng.lognormal(0.0, 0.3, max(n - m, 0))
            columns[name] = np.round(pot, 2)
        else:
            columns[name] = np.asarray(values.to_pylist(), dtype=object)[template]
    register = pa.table({k: pa.array(v) for k, v in columns.items()})
    # lines: every line of the template, for each client that copies it
    tx_client = np.array([index[str(c)] for c in tx.column("client").to_pylist()])
    order = np.argsort(tx_client, kind="stable")
    starts = np.searchsorted(tx_client[order], np.arange(m + 1))
    counts = np.diff(starts)
    per_client = counts[template]
    line_of = np.concatenate([order[starts[t]:starts[t + 1]] for t in range(m)])
    offsets = np.concatenate([[0], np.cumsum(counts)])
    # for client k, its lines are line_of[offsets[t]:offsets[t+1]] with t = template[k]
    owner = np.repeat(np.arange(n), per_client)
    first = offsets[template]
    pos = np.arange(per_client.sum()) - np.repeat(np.cumsum(per_client) - per_client,
                                                  per_client)
    src = line_of[np.repeat(first, per_client) + pos]
    day = np.array([_day(d) for d in tx.column("date").to_pylist()], dtype=np.int32)[src]
    amount = _decimal(tx.column("amount"))[src]
    jitter = owner >= m
    day = day + np.where(jitter, rng.integers(-10, 11, len(src)), 0).astype(np.int32)
    scale = rng.lognormal(0.0, 0.4, n)
    amount = np.round(amount * np.where(jitter, scale[owner], 1.0), 2)
    invoice = np.asarray(tx.column("invoice").to_pylist(), dtype=object)[src]
    invoice = np.char.add(np.char.add(invoice.astype(str), "-"), owner.astype(str))
    lines = pa.table({
        "client": pa.array(ids[owner]),
        "date": pa.array(day, pa.int32()).cast(pa.date32()),
        "invoice": pa.array(invoice),
        "amount": pa.array(amount),
        "quantity": pa.array(np.asarray(tx.column("quantity").to_pylist())[src]),
        "product": pa.array(np.asarray(tx.column("product").to_pylist(), dtype=object)[src]),
    })
    pq.write_table(lines, out / "data" / "transactions.parquet")
    pq.write_table(register, out / "data" / "clients.parquet")
    plan = out / "connect-plus.pac.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("data/transactions.csv", "data/transactions.parquet")
                    .replace("data/clients.csv", "data/clients.parquet"), encoding="utf-8")
    return plan, len(src)


def _day(text: str) -> int:
    d, mth, y = (int(x) for x in str(text).split("/"))
    import datetime as dt

    return (dt.date(y, mth, d) - dt.date(1970, 1, 1)).days


def run_report(plan: Path, fmt: str, out_dir: Path) -> tuple[float, float, float, int]:
    """(wall seconds, child CPU seconds, child peak RSS in MB, output bytes) of one
    ``pacspec report`` (or ``pacspec evaluate`` for ``json`` and ``csv``). The CPU time
    (user + system) is what the machine's load changes least."""
    target = out_dir / (f"clients{EXTENSIONS[fmt]}" if fmt == "csv" else f"pac{EXTENSIONS[fmt]}")
    target.unlink(missing_ok=True)
    cli = [sys.executable, "-m", "pacspec.cli"]
    if fmt == "json":
        argv = [*cli, "evaluate", str(plan), "--as-of", AS_OF, "--format", "json"]
    elif fmt == "csv":
        argv = [*cli, "evaluate", str(plan), "--as-of", AS_OF, "-o", str(target), "-q"]
    else:
        argv = [*cli, "report", str(plan), "--as-of", AS_OF, "-o", str(target), "-q"]
    with tempfile.TemporaryFile() as err, open(target if fmt == "json" else os.devnull,
                                               "wb") as out:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak RSS
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            err.seek(0)
            raise SystemExit(f"pacspec report failed ({fmt}):\n"
                             f"{err.read().decode('utf-8', 'replace')[-2000:]}")
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024, target.stat().st_size  # ru_maxrss: kB on Linux


def split_times(plan: Path, formats: list[str], out_dir: Path) -> None:
    """Analysis apart from document, in this process."""
    import datetime as dt

    from pacspec.report import write_report
    from pacspec.session import Session

    start = time.perf_counter()
    session = Session.open(plan)
    ev = session.evaluate(dt.date.fromisoformat(AS_OF))
    steering = session.steer(ev.as_of)
    analysis = time.perf_counter() - start
    print(f"  in process: open + evaluate + steer {analysis:.2f} s")
    for fmt in formats:
        start = time.perf_counter()
        write_report(ev, out_dir / f"split{EXTENSIONS[fmt]}", steering=steering, force=True,
                     fmt=fmt)
        print(f"  in process: {fmt:5s} document {time.perf_counter() - start:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=lambda s: int(s.replace("_", "")), action="append",
                        help="client count (repeat for several; default 100 000)")
    parser.add_argument("--formats", default="html,md,xlsx,pdf,json,csv",
                        help="comma-separated: html, md, xlsx, pdf, json, csv")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated data in DIR")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: use the data already generated there")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run the formats N times, interleaved; print each one's best")
    parser.add_argument("--split", action="store_true",
                        help="also time analysis and document apart, in process")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} CPUs)")
    for n in args.clients or [100_000]:
        base = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="pacrep-"))
        work = base / f"n{n}"
        start = time.perf_counter()
        plan = work / "connect-plus.pac.yaml"
        if args.reuse and args.keep and (work / "data" / "transactions.parquet").exists():
            lines = pq.ParquetFile(work / "data" / "transactions.parquet").metadata.num_rows
            print(f"{n:,} clients, {lines:,} lines: reused")
        else:
            plan, lines = generate(n, work)
            print(f"{n:,} clients, {lines:,} lines: generated in "
                  f"{time.perf_counter() - start:.1f} s", flush=True)
        wall, cpu, _, _ = run_report(plan, "json", work)
        print(f"  warm-up (evaluate, untimed) {wall:.2f} s  cpu {cpu:.2f} s", flush=True)
        best: dict[str, tuple[float, float]] = {}
        for _ in range(args.repeat):
            for fmt in formats:
                load = os.getloadavg()[0]
                wall, cpu, rss, size = run_report(plan, fmt, work)
                print(f"  {fmt:5s} {wall:6.2f} s  cpu {cpu:6.2f} s  peak RSS {rss:7.0f} MB  "
                      f"output {size / 1e6:7.2f} MB  (load {load:.2f} before)", flush=True)
                was = best.get(fmt, (wall, cpu))
                best[fmt] = (min(was[0], wall), min(was[1], cpu))
        if args.repeat > 1:
            print("  best of " + str(args.repeat) + ": " + " | ".join(
                f"{f} {w:.2f} s (cpu {c:.2f})" for f, (w, c) in best.items()))
        if args.split:
            split_times(plan, [f for f in formats if f not in ("json", "csv")], work)
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
