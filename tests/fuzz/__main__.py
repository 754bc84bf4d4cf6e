"""``python -m tests.fuzz [--cases N] [--seed S] [--case I ...] [--kind K] [--seconds T]``:
run the fuzz harness by hand (from the repository root) and print its summary; the exit code
is 1 when there is any finding. ``--json FILE`` writes the findings."""

from __future__ import annotations

import argparse
import json
import resource
import sys

from .harness import BUILDERS, Summary, run


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz")
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--start", type=int, default=0, help="first case index")
    parser.add_argument("--case", type=int, action="append", help="replay this case index")
    parser.add_argument("--kind", choices=sorted(BUILDERS))
    parser.add_argument("--seconds", type=float, help="stop after this many seconds")
    parser.add_argument("--json", metavar="FILE", help="write the findings as JSON")
    parser.add_argument("--memory-gb", type=float, default=4.0,
                        help="address space limit of the run (a runaway read fails)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each finding")
    args = parser.parse_args()
    limit = int(args.memory_gb * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    def progress(summary: Summary) -> None:
        counts = summary.counts()
        print(f"... {summary.cases} cases, {summary.seconds:.0f} s, "
              f"{sum(counts.values())} findings", file=sys.stderr, flush=True)

    summary = run(args.seed, args.cases, start=args.start, seconds=args.seconds,
                  kind=args.kind, progress=progress, only=args.case)
    print(summary.text())
    if args.verbose:
        for f in summary.findings:
            print(f"\n--- [{f.failure}] seed {f.seed} case {f.index}: {f.description}\n"
                  f"argv: {f.argv!r}\n{f.detail[-1500:]}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump({"seed": args.seed, "cases": summary.cases, "seconds": summary.seconds,
                       "counts": summary.counts(), "by_exit": summary.by_exit,
                       "findings": [f.to_dict() for f in summary.findings]}, fh, indent=1)
    return 1 if summary.findings else 0


if __name__ == "__main__":
    raise SystemExit(main())
