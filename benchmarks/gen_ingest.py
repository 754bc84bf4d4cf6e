"""Generate realistic transaction exports for the end-to-end ingestion benchmark.

Run by hand (not part of the test suite)::

    python benchmarks/gen_ingest.py --rows 1_000_000 --out /tmp/pacbench
    python benchmarks/gen_ingest.py --rows 10_000_000 --out /tmp/pacbench --formats fr,iso,parquet

Writes, for the same seeded lines (``N`` = the row count, ``1m``, ``10m``...):

* ``fr-N.csv``: a French ERP export (Sage, EBP): ``;``, decimal comma, space thousands
  (one amount in ten with a no-break space), ``dd/mm/yyyy``, cp1252, French headers with
  accents and an accented product label column;
* ``iso-N.csv``: ``,``, decimal point, ``yyyy-mm-dd``, UTF-8, English headers;
* ``N.parquet``: typed columns (string ids, date32, float64, int32);
* ``N.xlsx`` (``--formats xlsx``, slow to write: openpyxl in write-only mode).

Client ids look like ``C0012345`` (Pareto-distributed activity, ``rows / 10`` clients),
invoice ids ``F25-00001234`` (orders of 1-5 lines, chronological), product codes from a
catalogue of 300; 10 % of the orders are credit notes (negative lines); days run from
2023-11-01 to 2026-01-31 and the benchmark evaluates at ``as_of = 2025-12-31``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

START = dt.date(2023, 11, 1)
END = dt.date(2026, 1, 31)
LABELS = [
    "Câble NMEA 2000 – 5 m",
    "Sonde écho",
    "Traceur GPS 9 pouces",
    "Antenne VHF",
    "Répétiteur",
]
FR_HEADER = [
    "Code client",
    "Date facture",
    "N° facture",
    "Montant HT",
    "Quantité",
    "Code article",
    "Désignation",
]
ISO_HEADER = ["client", "date", "invoice", "amount", "quantity", "product", "label"]


def label_of(rows: int) -> str:
    """``1m``, ``10m``, ``300k``."""
    return f"{rows // 1_000_000}m" if rows % 1_000_000 == 0 else f"{rows // 1000}k"


def make_lines(rows: int, seed: int = 7) -> pa.Table:
    """The typed lines, chronological (ISO header names)."""
    rng = np.random.default_rng(seed)
    n_clients = max(rows // 10, 10)
    sizes = rng.integers(1, 6, rows // 2 + 2)
    n_orders = int(np.searchsorted(np.cumsum(sizes), rows)) + 1
    order = np.repeat(np.arange(n_orders, dtype=np.int64), sizes[:n_orders])[:rows]
    span = (END - START).days + 1
    order_day = np.sort(rng.integers(0, span, n_orders))
    order_client = np.minimum(
        (rng.pareto(1.2, n_orders) * n_clients / 20).astype(np.int64), n_clients - 1
    )
    order_client = rng.permutation(n_clients)[order_client]  # activity unrelated to the id
    credit = rng.random(n_orders) < 0.10
    cents = np.round(rng.lognormal(4.5, 1.2, rows) * 100).astype(np.int64) + 1
    cents = np.where(credit[order], -cents, cents)
    quantity = rng.integers(1, 12, rows).astype(np.int32)
    days = order_day[order]
    base = np.datetime64(START.isoformat(), "D")
    dates = pa.array(base + days.astype("timedelta64[D]"), type=pa.date32())
    year = pc.strftime(pc.cast(dates, pa.timestamp("s")), format="%y")
    clients = pc.binary_join_element_wise(
        "C", pc.utf8_lpad(pc.cast(pa.array(order_client[order]), pa.string()), 7, "0"), ""
    )
    invoices = pc.binary_join_element_wise(
        "F", year, "-", pc.utf8_lpad(pc.cast(pa.array(order), pa.string()), 8, "0"), ""
    )
    product_ix = rng.integers(0, 300, rows)
    products = pa.array([f"ART-{i:04d}" for i in range(300)]).take(pa.array(product_ix))
    labels = pa.array(LABELS).take(pa.array(product_ix % len(LABELS)))
    return pa.table(
        {
            "client": clients,
            "date": dates,
            "invoice": invoices,
            "amount": pa.array(cents / 100.0),
            "quantity": pa.array(quantity),
            "product": products,
            "label": labels,
            "_cents": pa.array(cents),
        }
    )


def french_amounts(cents: np.ndarray, rng: np.random.Generator) -> pa.Array:
    """``-1 234,56`` with a space (one in ten: a no-break space) as thousands separator."""
    negative = cents < 0
    absolute = np.abs(cents)
    units, frac = absolute // 100, absolute % 100
    thousands, rest = units // 1000, units % 1000
    sep = np.where(rng.random(len(cents)) < 0.1, "\u00a0", " ")
    big = pc.binary_join_element_wise(
        pc.cast(pa.array(thousands), pa.string()),
        pc.utf8_lpad(pc.cast(pa.array(rest), pa.string()), 3, "0"),
        pa.array(sep),
    )
    integer = pc.if_else(pa.array(thousands > 0), big, pc.cast(pa.array(rest), pa.string()))
    text = pc.binary_join_element_wise(
        integer, pc.utf8_lpad(pc.cast(pa.array(frac), pa.string()), 2, "0"), ","
    )
    return pc.if_else(pa.array(negative), pc.binary_join_element_wise("-", text, ""), text)


def write_french(lines: pa.Table, path: Path) -> None:
    rng = np.random.default_rng(11)
    dates = pc.strftime(pc.cast(lines["date"], pa.timestamp("s")), format="%d/%m/%Y")
    table = pa.table(
        [
            lines["client"],
            dates,
            lines["invoice"],
            french_amounts(lines["_cents"].to_numpy(), rng),
            pc.cast(lines["quantity"], pa.string()),
            lines["product"],
            lines["label"],
        ],
        names=FR_HEADER,
    )
    tmp = path.with_suffix(".utf8.tmp")
    options = pacsv.WriteOptions(delimiter=";", quoting_style="none")
    pacsv.write_csv(table, tmp, write_options=options)
    with tmp.open("r", encoding="utf-8", newline="") as src, path.open("wb") as dst:
        while chunk := src.read(1 << 24):
            dst.write(chunk.encode("cp1252"))
    tmp.unlink()


def write_iso(lines: pa.Table, path: Path) -> None:
    table = lines.drop_columns(["_cents"])
    pacsv.write_csv(table, path, write_options=pacsv.WriteOptions(quoting_style="none"))


def write_xlsx(lines: pa.Table, path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Ventes")
    sheet.append(FR_HEADER)
    columns = [lines[c].to_pylist() for c in ISO_HEADER]
    for row in zip(*columns, strict=True):
        sheet.append(list(row))
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=lambda s: int(s.replace("_", "")), default=1_000_000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/pacbench"))
    parser.add_argument("--formats", default="fr,iso,parquet")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    lines = make_lines(args.rows)
    name = label_of(args.rows)
    formats = args.formats.split(",")
    if "fr" in formats:
        write_french(lines, args.out / f"fr-{name}.csv")
    if "iso" in formats:
        write_iso(lines, args.out / f"iso-{name}.csv")
    if "parquet" in formats:
        pq.write_table(lines.drop_columns(["_cents"]), args.out / f"{name}.parquet")
    if "xlsx" in formats:
        write_xlsx(lines, args.out / f"{name}.xlsx")
    for f in sorted(args.out.glob(f"*{name}*")):
        print(f"{f}  {f.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
