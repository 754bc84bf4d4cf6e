"""What pacspec's DuckDB query costs over the hand-written one of ``bench_scale.py``: the
query pacspec sends for the benchmark plan (printed), without the test that makes a bad
quantity a bad line (before it), and with the clients' numbers joined in the query (as
sent) against the numbering in Arrow after it (before). (The statistics shortcuts were
measured with this script's version of d961ab0.)

    python benchmarks/bench_query_extras.py /work/bench-data/10M/lines.parquet --rounds 3

CPU seconds (user + system, every thread) of each query in this process, interleaved
rounds, best kept (the machine is shared); ``--threads 1`` by default, which varies less
between runs than two threads on two busy cores. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import bench_scale


def _request(lines: Path) -> tuple[str, Any, Any, bool]:
    """The source, columns, request and trim of the query pacspec sends for the plan."""
    import pacspec.engine.backends.duckdb as duck
    from pacspec.session import Session

    plan = lines.with_name("bench.pac.yaml")
    plan.write_text(bench_scale.PLAN.format(lines=lines, clients=lines.with_name(
        "clients.parquet")), encoding="utf-8")
    seen: dict[str, Any] = {}
    select = duck.select_sql

    def record(source: str, cols: Any, req: Any, dialect: Any, trim: bool = True) -> str:
        seen.update(source=source, cols=cols, req=req, trim=trim)
        return select(source, cols, req, dialect, trim)

    duck.select_sql = record  # type: ignore[assignment]
    try:
        Session.open(str(plan), engine=duck.DuckDBEngine(), check=False).evaluate(
            bench_scale.AS_OF)
    finally:
        duck.select_sql = select  # type: ignore[assignment]
    return seen["source"], seen["cols"], seen["req"], seen["trim"]


def _bare(lines: Path) -> str:
    return bench_scale.bare_sql(str(lines))


def _without(sql: str, old: str, new: str) -> str:
    if old not in sql:
        raise SystemExit(f"the query no longer holds {old!r}: update this script")
    return sql.replace(old, new)


def _keys(lines: Path) -> Any:
    """The register's ids as the numbering looks them up (``ScannedLedger.lookup``)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    ids = pq.read_table(lines.with_name("clients.parquet"), columns=["client"]).column(
        "client").combine_chunks()
    return pa.table({"id": ids.cast(pa.string()),
                     "code": pa.array(np.arange(len(ids), dtype=np.int64))})


def variants(lines: Path) -> dict[str, str]:
    from pacspec.engine.backends.query import DUCKDB, select_sql

    source, cols, req, trim = _request(lines)
    now = select_sql(source, cols, req, DUCKDB, trim)
    print(now, file=sys.stderr)
    finite = 'isfinite(CAST("quantity" AS DOUBLE))'
    amount = 'TRY_CAST(CAST("amount" AS DOUBLE) * 100 AS BIGINT)'
    # before the quantity test: a NaN or null quantity did not make the line a bad one
    before = _without(_without(_without(_without(
        now, f"(CASE WHEN {finite} THEN {amount} END)", amount),
        f"    {amount} AS \"a\",\n", ""),
        f"(CASE WHEN {finite} THEN CAST(\"quantity\" AS DOUBLE) END)",
        'CAST("quantity" AS DOUBLE)'),
        'COUNT(*) - COUNT(q) AS "bad_quantity",\n  ', "")
    before = _without(before, 'COUNT(*) - COUNT(a) AS "bad_amount"',
                      'COUNT(*) - COUNT(m) AS "bad_amount"')
    key = DUCKDB.trim("agg.client") if cols.trim_client and not trim else "agg.client"
    joined = (f"SELECT agg.*, pacspec_keys.code AS code\nFROM ({now}) AS agg\n"
              f"LEFT JOIN pacspec_keys ON {key} = pacspec_keys.id")
    return {
        "bare (bench_scale.py)": _bare(lines),
        "pacspec, quantity not tested (before)": before,
        "pacspec, a bad quantity is a bad line (select_sql)": now,
        "pacspec as sent: + the clients' numbers joined (run_coded)": joined,
    }


def main() -> None:
    import duckdb

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    lines = args.lines.resolve()
    queries = variants(lines)
    keys = _keys(lines)
    cpu: dict[str, list[float]] = {k: [] for k in queries}
    cpu["pacspec (select_sql), then Arrow's index_in (the numbering before)"] = []
    for i in range(args.rounds):
        for name in cpu:
            con = duckdb.connect(config={
                "preserve_insertion_order": False, "memory_limit": bench_scale.MEMORY_LIMIT,
                "threads": args.threads, "temp_directory": tempfile.mkdtemp(prefix="extras-")})
            con.register("pacspec_keys", keys)
            c0 = time.process_time()
            if name in queries:
                con.sql(queries[name]).to_arrow_table()
            else:
                import pyarrow.compute as pc

                from pacspec.engine.backends.sql import trim_keys

                table = trim_keys(con.sql(queries[
                    "pacspec, a bad quantity is a bad line (select_sql)"]).to_arrow_table())
                pc.index_in(table.column("client"), value_set=keys.column("id"))
            cpu[name].append(time.process_time() - c0)
            con.close()
            print(f"round {i}: {name} {cpu[name][-1]:.2f}", file=sys.stderr, flush=True)
    bare = min(cpu["bare (bench_scale.py)"])
    print("| query | CPU s (best) | rounds | over bare |\n|---|---:|---|---:|")
    for name, values in cpu.items():
        print(f"| {name} | {min(values):.2f} | {' / '.join(f'{v:.2f}' for v in values)} | "
              f"{100 * (min(values) / bare - 1):+.0f} % |")


if __name__ == "__main__":
    main()
