"""Numbers rounded to a few decimals as their shortest texts, a column at a time: what
``repr(round(v, digits))`` writes (a whole number as its integer), made by numpy and Arrow
without a Python object per value. The per-client CSV writes its numbers so (6 decimals),
the workbook's Clients sheet its money columns (to the cent)."""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["gather", "number_text", "rounded_texts"]


def number_text(value: float, digits: int, decimal: str = ".") -> str:
    """One number's text: empty for NaN, a whole number as its integer, any other as
    ``repr(round(value, digits))`` (``inf``, ``-inf`` for the infinities), with ``decimal``
    as the decimal mark. The reference :func:`rounded_texts` is held to."""
    if value != value:  # NaN
        return ""
    text = repr(round(value, digits)) if not value.is_integer() else str(int(value))
    return text.replace(".", decimal) if decimal != "." else text


def rounded_texts(values: np.ndarray, digits: int, decimal: str = ".") -> Any:
    """:func:`number_text` of each float of ``values``, as an Arrow string array.

    A whole number below 2**63 is its integer's text. A number ``v`` with at most 15
    digits once rounded (``|v| < 10**(15 - digits)``, and ``|v| >= 1e-4`` when ``digits``
    > 4, below which ``repr`` writes an exponent) is rounded as the integer nearest
    ``v * 10**digits``: that product is the exact one rounded to a float, and a float
    rounding cannot cross a half (``k + 0.5`` is itself a float below 2**52), so away
    from an exact half (the product's fraction checked against its rounding error) the
    nearest integer is the exact product's, the number correctly rounded, as ``round``
    rounds it. With at most 15 digits that decimal is also the shortest text of the
    rounded float, what ``repr`` writes (trailing zeros dropped, one kept). Any other
    number (a tie, an infinity, NaN, a very small or large one) is written by
    :func:`number_text`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = np.asarray(values, dtype=np.float64)
    n, unit = len(values), 10 ** digits
    size = np.abs(values)
    with np.errstate(invalid="ignore", over="ignore"):
        whole = (values == np.trunc(values)) & (size < 2.0**63)
        scaled = values * float(unit)
        half = np.abs(scaled - np.floor(scaled) - 0.5)
        near = ~whole & (size < 10.0 ** (15 - digits)) & (half > np.abs(scaled) * 2.0**-50)
    if digits > 4:
        near &= size >= 1e-4
    rest = ~(whole | near)
    parts, order = [], []
    if whole.any():
        order.append(np.flatnonzero(whole))
        parts.append(pa.array(values[whole].astype(np.int64)).cast(pa.string()))
    if near.any():
        order.append(np.flatnonzero(near))
        units = np.rint(np.abs(scaled[near])).astype(np.int64)
        fraction = pa.array(units % unit).cast(pa.string())
        fraction = pc.utf8_rtrim(pc.utf8_lpad(fraction, width=digits, padding="0"),
                                 characters="0")
        fraction = pc.if_else(pc.equal(fraction, ""), "0", fraction)
        sign = pc.if_else(pa.array(values[near] < 0), "-", "")
        parts.append(pc.binary_join_element_wise(
            sign, pa.array(units // unit).cast(pa.string()), decimal, fraction, ""))
    if rest.any():
        order.append(np.flatnonzero(rest))
        parts.append(pa.array([number_text(v, digits, decimal)
                               for v in values[rest].tolist()], pa.string()))
    if not parts:
        return pa.array([], pa.string())
    if len(parts) == 1:
        return parts[0]
    where = np.empty(n, dtype=np.int64)
    where[np.concatenate(order)] = np.arange(n)
    return pa.concat_arrays(parts).take(pa.array(where))


def gather(where: np.ndarray, these: Any, others: Any) -> Any:
    """One Arrow array of ``these`` where ``where`` is true and ``others`` elsewhere, each
    in its order."""
    import pyarrow as pa

    if not len(others):
        return these
    if not len(these):
        return others
    order = np.concatenate([np.flatnonzero(where), np.flatnonzero(~where)])
    index = np.empty(len(where), dtype=np.int64)
    index[order] = np.arange(len(where))
    return pa.concat_arrays([these, others]).take(pa.array(index))
