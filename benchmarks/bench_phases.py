"""Where ``pacspec evaluate --engine duckdb`` spends its time, phase by phase: wall and
CPU seconds (user + system of the whole process, every thread: DuckDB's included) of the
imports, the register read, the query, the fetch of its result into Arrow, the keys'
trimming, the bad-line report, the clients' numbering, ``to_aggregates`` and the analysis
after it, with the time each phase started (seconds since the process started).

    python benchmarks/bench_phases.py /work/bench-data/10M/lines.parquet [--threads 1]

The plan is ``bench_scale.py``'s (written beside the lines); the phases are timed by
wrapping pacspec's functions in this process (nothing in pacspec is changed). A phase
nested in another is subtracted from it (each second is counted once). Run it alone on
the machine when the numbers matter: CPU seconds are what a phase costs, wall seconds
also say whether it used both cores (CPU > wall) or one.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import resource
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

T0 = time.perf_counter()

SPLIT = False
_PHASES: list[dict[str, Any]] = []
_STACK: list[dict[str, Any]] = []


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)  # every thread of the process
    return r.ru_utime + r.ru_stime


def _faults() -> int:
    """Minor page faults of the process so far (fresh memory touched: 4 KB each)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


@contextlib.contextmanager
def phase(name: str) -> Iterator[None]:
    entry = {"phase": name, "start": time.perf_counter() - T0, "wall": 0.0, "cpu": 0.0,
             "inner_wall": 0.0, "inner_cpu": 0.0, "faults": 0, "inner_faults": 0}
    _STACK.append(entry)
    w0, c0, f0 = time.perf_counter(), _cpu(), _faults()
    try:
        yield
    finally:
        wall, cpu, faults = time.perf_counter() - w0, _cpu() - c0, _faults() - f0
        _STACK.pop()
        entry["wall"], entry["cpu"] = wall - entry["inner_wall"], cpu - entry["inner_cpu"]
        entry["faults"] = faults - entry["inner_faults"]
        if _STACK:
            _STACK[-1]["inner_wall"] += wall
            _STACK[-1]["inner_cpu"] += cpu
            _STACK[-1]["inner_faults"] += faults
        _PHASES.append(entry)
        print(f"{time.perf_counter() - T0:8.2f} s  {name}: {wall:.2f} s wall, {cpu:.2f} s CPU "
              "(nested phases included)", file=sys.stderr, flush=True)


def _wrap(owner: Any, attr: str, name: str) -> None:
    original: Callable[..., Any] = getattr(owner, attr)

    @functools.wraps(original)
    def timed(*args: Any, **kwargs: Any) -> Any:
        with phase(name):
            return original(*args, **kwargs)

    setattr(owner, attr, timed)


def _instrument() -> None:
    import pacspec.engine.backends.duckdb as duck
    import pacspec.engine.backends.lines as lines
    import pacspec.engine.backends.source as source
    import pacspec.engine.backends.sql as sql
    import pacspec.session as session
    from pacspec.engine.backends.query import DUCKDB

    _wrap(source, "load_ledger_for_plan", "register (load_ledger_for_plan)")
    _wrap(source, "_check_schema", "footers (schema)")
    _wrap(source, "_parquet_stats", "footers (stats)")
    _wrap(sql, "trim_keys", "trim keys")
    _wrap(sql, "bad_row_report", "bad-line report")
    _wrap(sql, "to_aggregates", "to_aggregates")
    _wrap(lines.ScannedLedger, "number", "number clients")
    _wrap(lines.ScannedLedger, "dense", "dense keys")
    _wrap(session, "evaluate_plan", "analysis (pipeline.evaluate, rest)")
    _wrap(sql.SqlEngine, "aggregate", "aggregate (rest)")
    # the second, ungrouped query of the bad-line report: run only when some line is bad
    _wrap(duck.DuckDBEngine, "bad_lines", "bad lines (second query)")

    def query(self: Any, src: Any, build: Callable[[str, Any], str],
              statistics: bool = True, tables: dict[str, Any] | None = None) -> Any:
        import duckdb

        with phase("connect"):
            con = self.connect(statistics)
        try:
            for name, table in (tables or {}).items():
                con.register(name, table)
            if not SPLIT:  # pacspec's own path: the query runs as its result is fetched
                with phase("query + fetch to Arrow"):
                    return con.sql(build(self._from(con, src), DUCKDB)).to_arrow_table()
            with phase("query (execute)"):
                result = con.execute(build(self._from(con, src), DUCKDB))
            with phase("fetch to Arrow (DB-API: one extra copy)"):
                fetch = getattr(result, "to_arrow_table", None) or result.fetch_arrow_table
                return fetch()
        except duckdb.Error as exc:
            raise self.failure(src, exc) from None
        finally:
            con.close()

    duck.DuckDBEngine.query = query  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines", type=Path)
    parser.add_argument("--threads", type=int, default=None,
                        help="DuckDB threads (default: DuckDB's, every core)")
    parser.add_argument("--memory-limit", default="4GB")
    parser.add_argument("--split", action="store_true",
                        help="run the query and fetch its result apart (DuckDB's DB-API "
                             "result: one extra copy of the rows)")
    args = parser.parse_args()
    global SPLIT
    SPLIT = args.split
    sys.path.insert(0, str(Path(__file__).parent))
    from bench_scale import AS_OF, PLAN

    lines = args.lines.resolve()
    plan = lines.with_name("bench.pac.yaml")
    plan.write_text(PLAN.format(lines=lines, clients=lines.with_name("clients.parquet")),
                    encoding="utf-8")
    with phase("imports"):
        import pacspec.engine.pipeline  # noqa: F401
        from pacspec.engine.backends.duckdb import DuckDBEngine
        from pacspec.report.summary import evaluation_summary
        from pacspec.session import Session
    _instrument()
    engine = DuckDBEngine(memory_limit=args.memory_limit, threads=args.threads,
                          temp_directory=tempfile.mkdtemp(prefix="pacspec-duckdb-"))
    with phase("open (rest)"):
        session = Session.open(str(plan), engine=engine, check=False)
    with phase("evaluate (rest)"):
        ev = session.evaluate(AS_OF)
    with phase("summary"):
        summary = evaluation_summary(ev)
    total_wall, total_cpu = time.perf_counter() - T0, _cpu()
    merged: dict[str, dict[str, Any]] = {}
    for p in _PHASES:
        m = merged.setdefault(p["phase"], {"start": p["start"], "wall": 0.0, "cpu": 0.0,
                                            "faults": 0, "n": 0})
        m["start"] = min(m["start"], p["start"])
        m["wall"] += p["wall"]
        m["cpu"] += p["cpu"]
        m["faults"] += p["faults"]
        m["n"] += 1
    print(f"\n{ev.n_clients} clients; process {total_wall:.2f} s wall, {total_cpu:.2f} s CPU, "
          f"{_faults():,} page faults (DuckDB threads: {args.threads or 'default'})\n")
    print("| phase | starts at s | wall s | CPU s | page faults | calls |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, m in sorted(merged.items(), key=lambda kv: kv[1]["start"]):
        print(f"| {name} | {m['start']:.2f} | {m['wall']:.2f} | {m['cpu']:.2f} | "
              f"{m['faults']:,} | {m['n']} |")
    import hashlib

    sha = hashlib.sha256(json.dumps(summary, default=str, sort_keys=True).encode()).hexdigest()
    print(f"\nsummary {sha[:12]}")


if __name__ == "__main__":
    main()
