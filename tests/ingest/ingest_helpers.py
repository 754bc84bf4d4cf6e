"""Helpers shared by the ingestion tests (imported as ``from ingest_helpers import ...``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from pacspec.calendar import to_day
from pacspec.ingest import Ledger
from pacspec.model.data import TransactionColumns

BOM = b"\xef\xbb\xbf"
FULL = TransactionColumns(order="invoice", quantity="quantity", product="product")


def write(path: Path, text: str, encoding: str = "utf-8", bom: bool = False) -> Path:
    path.write_bytes((BOM if bom else b"") + text.encode(encoding))
    return path


def day(text: str) -> int:
    return to_day(dt.date.fromisoformat(text))


def assert_same(a: Ledger, b: Ledger) -> None:
    """Two ledgers hold the same data (reports aside)."""
    assert a.client_ids.tolist() == b.client_ids.tolist()
    assert [type(v) for v in a.client_ids.tolist()] == [type(v) for v in b.client_ids.tolist()]
    for name in ("client", "day", "amount", "order", "quantity", "product_codes", "margin"):
        left, right = getattr(a, name), getattr(b, name)
        assert (left is None) == (right is None), name
        if left is not None:
            assert left.dtype == right.dtype, name
            np.testing.assert_array_equal(left, right, err_msg=name)
    assert (a.products is None) == (b.products is None)
    if a.products is not None and b.products is not None:
        assert a.products.tolist() == b.products.tolist()
        assert all(type(v) is str for v in a.products.tolist())
    assert list(a.attributes) == list(b.attributes)
    for key, values in a.attributes.items():
        other = b.attributes[key]
        assert values.dtype == other.dtype, key
        if values.dtype.kind == "f":
            np.testing.assert_array_equal(values, other, err_msg=key)
        else:
            assert values.tolist() == other.tolist(), key
