"""What pacspec's DuckDB query costs over the hand-written one of ``bench_scale.py`` (the
split query, the baseline of the 10 % target): the aggregation pacspec sends for the
benchmark plan (``select_sql``, printed on stderr), then with the clients' numbers joined
inside it, as sent (``DuckDBEngine.run_coded``), and, as an alternative, with the numbers
found by a second query joining the grouped rows' keys alone with the register's ids.

    python benchmarks/bench_query_extras.py /work/bench-data/300M/lines.parquet --rounds 1

Wall and CPU seconds (user + system, every thread) of each variant in this process, with
the same DuckDB settings as ``bench_scale.py`` (4 GB ``memory_limit``, DuckDB's threads
unless ``--threads``), interleaved rounds, best kept. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import bench_scale


def _sent(lines: Path) -> tuple[str, Any]:
    """pacspec's aggregation query for the plan, reading ``lines``, and its ids' lookup."""
    import duckdb

    import pacspec.engine.backends.duckdb as duck
    from pacspec.engine.backends.query import select_sql
    from pacspec.session import Session

    plan = lines.with_name("bench.pac.yaml")
    plan.write_text(bench_scale.PLAN.format(lines=lines, clients=lines.with_name(
        "clients.parquet")), encoding="utf-8")
    seen: dict[str, Any] = {}

    def record(self: Any, source: Any, request: Any, lookup: Any) -> Any:
        # text ids are grouped as written first (trimmed only when some id needs it)
        seen["sql"] = select_sql(f"read_parquet(['{lines}'])", source.columns, request,
                                 duck._dialect(duckdb.__version__),
                                 not source.columns.trim_client)
        seen["lookup"] = lookup
        raise _Captured

    run_coded = duck.DuckDBEngine.run_coded
    duck.DuckDBEngine.run_coded = record  # type: ignore[method-assign]
    try:
        Session.open(str(plan), engine=duck.DuckDBEngine(), check=False).evaluate(
            bench_scale.AS_OF)
    except _Captured:
        pass
    finally:
        duck.DuckDBEngine.run_coded = run_coded  # type: ignore[method-assign]
    return seen["sql"], seen["lookup"]


class _Captured(Exception):
    pass


def _cpu() -> float:
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def main() -> None:
    import duckdb
    import numpy as np
    import pyarrow as pa

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines", type=Path)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    lines = args.lines.resolve()
    sent, lookup = _sent(lines)
    print(sent, file=sys.stderr)
    keys = pa.table({"id": lookup, "code": pa.array(np.arange(len(lookup), dtype=np.int64))})

    def connect() -> Any:
        config: dict[str, Any] = {
            "preserve_insertion_order": False, "memory_limit": bench_scale.MEMORY_LIMIT,
            "temp_directory": tempfile.mkdtemp(prefix="extras-")}
        if args.threads is not None:
            config["threads"] = args.threads
        con = duckdb.connect(config=config)
        con.register("pacspec_keys", keys)
        return con

    def query(sql: str) -> Any:
        con = connect()
        try:
            return con.sql(sql).to_arrow_table()
        finally:
            con.close()

    def numbered_after() -> None:  # the alternative: the keys alone, in a second query
        table = query(sent)
        rows = pa.table({"id": table.column("client"),
                         "row": pa.array(np.arange(table.num_rows, dtype=np.int64))})
        con = connect()
        con.register("pacspec_rows", rows)
        con.sql("SELECT pacspec_rows.row, pacspec_keys.code FROM pacspec_rows "
                "JOIN pacspec_keys ON pacspec_rows.id = pacspec_keys.id").to_arrow_table()
        con.close()

    joined = (f"SELECT agg.*, pacspec_keys.code AS code\nFROM ({sent}) AS agg\n"
              "LEFT JOIN pacspec_keys ON agg.client = pacspec_keys.id")
    variants: dict[str, Callable[[], Any]] = {
        "hand-written split query (bench_scale.py)": lambda: query(
            bench_scale.bare_split_sql(str(lines))),
        "pacspec's aggregation (select_sql)": lambda: query(sent),
        "+ the numbers joined inside it, as sent (run_coded)": lambda: query(joined),
        "+ the numbers by a second query on the keys alone": numbered_after,
    }
    took: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for i in range(args.rounds):
        for name, run in variants.items():
            t0, c0 = time.perf_counter(), _cpu()
            run()
            took[name].append((time.perf_counter() - t0, _cpu() - c0))
            print(f"round {i}: {name}: {took[name][-1][0]:.2f} s, cpu {took[name][-1][1]:.2f} s",
                  file=sys.stderr, flush=True)
    base = min(c for _, c in took["hand-written split query (bench_scale.py)"])
    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}, {lines}")
    print("| query | wall s (best) | CPU s (best) | CPU over the hand-written |\n"
          "|---|---:|---:|---:|")
    for name, values in took.items():
        cpu = min(c for _, c in values)
        print(f"| {name} | {min(w for w, _ in values):.2f} | {cpu:.2f} | "
              f"{100 * (cpu / base - 1):+.1f} % |")


if __name__ == "__main__":
    main()
