"""Generate a large typed Parquet ledger on disk for the scale benchmark.

    python benchmarks/gen_parquet_scale.py --lines 100_000_000 --clients 5_000_000 \
        -o /work/bench-data/lines-100M.parquet

Columns: ``client`` (text ids ``C00000042``, dictionary-encoded), ``date`` (date32,
chronological over three years ending 2025-12-31), ``invoice`` (int64, sequential, 1-4
lines each), ``amount`` (float64 in cents, ~3 % credit notes, ~1 % zero lines),
``quantity`` (float64). Written row group by row group (bounded memory). A small client
register (``clients.parquet`` beside it) holds every id plus 5 % prospects.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

START = dt.date(2023, 1, 1)
END = dt.date(2025, 12, 31)
GROUP = 4_000_000


def client_ids(lo: int, hi: int, digits: int) -> pa.Array:
    return pa.array([f"C{i:0{digits}d}" for i in range(lo, hi)], type=pa.string())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=lambda s: int(s.replace("_", "")), required=True)
    parser.add_argument("--clients", type=lambda s: int(s.replace("_", "")), required=True)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    t0 = time.perf_counter()
    rng = np.random.default_rng(args.seed)
    n_prospects = args.clients // 20
    digits = len(str(args.clients + n_prospects))
    ids = client_ids(0, args.clients, digits)
    start, days = (START - dt.date(1970, 1, 1)).days, (END - START).days + 1
    # client popularity: a few big accounts, a long tail (Zipf-like weights)
    weights = 1.0 / np.arange(1, args.clients + 1) ** 0.6
    cdf = np.cumsum(weights / weights.sum())
    perm = rng.permutation(args.clients)
    schema = pa.schema(
        [
            ("client", pa.dictionary(pa.int32(), pa.string())),
            ("date", pa.date32()),
            ("invoice", pa.int64()),
            ("amount", pa.float64()),
            ("quantity", pa.float64()),
        ]
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    invoice = 0
    with pq.ParquetWriter(args.output, schema, compression="snappy") as writer:
        for lo in range(0, args.lines, GROUP):
            n = min(GROUP, args.lines - lo)
            # invoices of 1-4 lines, one client and one day each, in date order
            per = rng.integers(1, 5, n // 2 + 1)
            inv_of_line = np.repeat(np.arange(len(per)), per)[:n]
            n_inv = int(inv_of_line[-1]) + 1
            inv_client = perm[np.searchsorted(cdf, rng.random(n_inv))].astype(np.int32)
            span = (lo / args.lines, (lo + n) / args.lines)
            inv_day = (
                np.sort(
                    rng.integers(
                        int(span[0] * days),
                        max(int(span[1] * days), int(span[0] * days) + 1),
                        n_inv,
                    )
                )
                + start
            )
            cents = np.round(rng.lognormal(9.5, 1.2, n)).astype(np.int64)
            kind = rng.random(n)
            cents[kind < 0.03] *= -1
            cents[(kind >= 0.03) & (kind < 0.04)] = 0
            qty = rng.integers(1, 6, n).astype(np.float64)
            qty[kind < 0.03] *= -1
            table = pa.table(
                {
                    "client": pa.DictionaryArray.from_arrays(
                        pa.array(inv_client[inv_of_line], type=pa.int32()), ids
                    ),
                    "date": pa.array(inv_day[inv_of_line].astype(np.int32)).cast(pa.date32()),
                    "invoice": pa.array(inv_of_line.astype(np.int64) + invoice),
                    "amount": pa.array(cents / 100.0),
                    "quantity": pa.array(qty),
                },
                schema=schema,
            )
            invoice += n_inv
            writer.write_table(table, row_group_size=1_000_000)
            print(f"{lo + n:>12,} lines  {time.perf_counter() - t0:6.1f} s", flush=True)
    prospects = client_ids(args.clients, args.clients + n_prospects, digits)
    register = pa.table(
        {
            "client": pa.concat_arrays([ids, prospects]),
            "name": pa.nulls(args.clients + n_prospects, pa.string()),
        }
    )
    pq.write_table(register, args.output.with_name("clients.parquet"))
    size = args.output.stat().st_size / 1e9
    print(f"wrote {args.output} ({size:.2f} GB) in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
