"""What each extra of pacspec's DuckDB query costs over the hand-written one of
``bench_scale.py``: the query pacspec sends for the benchmark plan (printed), with and
without each of its shortcuts, and with one remaining extra removed at a time.

    python benchmarks/bench_query_extras.py /work/bench-data/10M/lines.parquet --rounds 3

CPU seconds (user + system, every thread) of each query in this process, interleaved
rounds, best kept (the machine is shared); ``--threads 1`` by default, which varies less
between runs than two threads on two busy cores. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import dataclasses
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


def variants(lines: Path) -> dict[str, str]:
    from pacspec.engine.backends.query import DUCKDB, select_sql

    source, cols, req, trim = _request(lines)
    slow = dataclasses.replace(DUCKDB, cast_rounds_even=False)
    plain = dataclasses.replace(cols, date_nulls=True, last_day=None)
    now = select_sql(source, cols, req, DUCKDB, trim)
    print(now, file=sys.stderr)
    upto = dataclasses.replace(cols, date_nulls=True)
    return {
        "bare (bench_scale.py)": _bare(lines),
        "pacspec before (round_even, no statistics)": select_sql(source, plain, req, slow, trim),
        "+ cast without round_even": select_sql(source, plain, req, DUCKDB, trim),
        "+ no null date (footers)": select_sql(source, dataclasses.replace(
            plain, date_nulls=False), req, slow, trim),
        "+ no line after as_of (footers' last day)": select_sql(source, upto, req, slow,
                                                                trim),
        "pacspec now (all three)": now,
        "now - exact cents (DOUBLE amounts and sums)": _without(_without(
            now, 'TRY_CAST(CAST("amount" AS DOUBLE) * 100 AS BIGINT)', 'CAST("amount" AS DOUBLE)'),
            " AS BIGINT)", " AS DOUBLE)"),
        "now - m IS NOT NULL in units": _without(
            now, ' AND m IS NOT NULL), 0) AS DOUBLE) AS "units"', '), 0) AS DOUBLE) AS "units"'),
        "now - good_rows, bad_amount, rows counts": _without(_without(_without(
            now, 'COUNT(m) AS "good_rows"', '0 AS "good_rows"'),
            'COUNT(*) - COUNT(m) AS "bad_amount"', '0 AS "bad_amount"'),
            'COUNT(*) AS "rows"', '0 AS "rows"'),
    }


def main() -> None:
    import duckdb

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    queries = variants(args.lines.resolve())
    cpu: dict[str, list[float]] = {k: [] for k in queries}
    for i in range(args.rounds):
        for name, sql in queries.items():
            con = duckdb.connect(config={
                "preserve_insertion_order": False, "memory_limit": bench_scale.MEMORY_LIMIT,
                "threads": args.threads, "temp_directory": tempfile.mkdtemp(prefix="extras-")})
            c0 = time.process_time()
            con.sql(sql).to_arrow_table()
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
