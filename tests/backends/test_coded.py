"""The clients' numbers looked up in DuckDB's query (a join of the grouped rows with the
ids) are the numbers Arrow's ``index_in`` gives after the query (the shared path every
SQL engine has): the same code for every client key, the same table otherwise; and a
setting DuckDB refuses at connect time is the engine's clear error."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from backend_helpers import EDGES, request
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec.diagnostics import LedgerError
from pacspec.engine.backends import get_engine
from pacspec.engine.backends.lines import LineSource, key_codes
from pacspec.engine.backends.query import LineColumns
from pacspec.engine.backends.sql import SqlEngine

pytest.importorskip("duckdb")


def _lines(ids: list[Any], kind: Any, n: int = 60, seed: int = 3) -> Any:
    rng = np.random.default_rng(seed)
    return pa.table({
        "client": pa.array([ids[i] for i in rng.integers(0, len(ids), n)], kind),
        "date": pa.array((int(EDGES[0]) + rng.integers(-30, 400, n)).astype(np.int32)
                         ).cast(pa.date32()),
        "amount": pa.array(rng.integers(-500, 2000, n) / 100),
        "invoice": pa.array(rng.integers(0, 12, n)),
    })


def _by_key(table: Any) -> dict[Any, Any]:
    """Each key's row (code included), as Python values; the rows of blank ids (null
    keys: one per blank id as written, lines without a client) as a sorted list."""
    rows = table.to_pylist()
    out: dict[Any, Any] = {row["client"]: row for row in rows if row["client"] is not None}
    assert len(out) == sum(row["client"] is not None for row in rows)  # one row per key
    out[None] = sorted((sorted(row.items(), key=str) for row in rows
                        if row["client"] is None), key=str)
    return out


def _check(table: Any, lookup: Any) -> None:
    engine = get_engine("duckdb")
    text = pa.types.is_string(table.schema.field("client").type)
    source = LineSource(LineColumns("client", "date", "amount", "invoice", trim_client=text),
                        table=table)
    req = request(None)
    joined = engine.run_coded(source, req, lookup)  # the join in DuckDB's query
    arrow = SqlEngine.run_coded(engine, source, req, lookup)  # index_in after the query
    assert joined.column_names == arrow.column_names
    assert _by_key(joined) == _by_key(arrow)
    # and the codes are the positions of the (trimmed) keys in the lookup
    ids = lookup.to_pylist()
    for key, row in _by_key(joined).items():
        if key is None:
            assert all(dict(blank)["code"] is None for blank in row)
            continue
        want = next((i for i, v in enumerate(ids) if str(v) == str(key)), None)
        assert row["code"] == want


@pytest.mark.parametrize(("ids", "register"), [
    (["C1", " C2", "C3 ", "  ", "", None, "C4", "X9"], ["C4", "C1", "C2", "C3", "C5"]),
    (["C1", "C1 ", " C1", "C2", "  "], ["C2", "C1"]),  # ids that trim to one client
    (["a", "b"], []),  # no register
    (["C1", "C2"], ["Z", "Y"]),  # no id in the register
])
def test_text_ids_coded_in_the_query_as_in_arrow(ids: list[str | None],
                                                  register: list[str]) -> None:
    _check(_lines(ids, pa.string()), pa.array(register, pa.string()))


@pytest.mark.parametrize("kind", [pa.int64(), pa.int32()])
def test_integer_ids_coded_in_the_query_as_in_arrow(kind: Any) -> None:
    _check(_lines([5, 7, None, 11, 3], kind), pa.array([7, 3, 4, 5], pa.int64()))


@pytest.mark.parametrize(("ids", "kind", "register"), [
    (["5", "7 ", "x"], pa.string(), pa.array([7, 5], pa.int64())),  # text against numbers
    ([5, 7, 9], pa.int64(), pa.array(["7", "5"], pa.string())),
    ([5, 7, 9], pa.int64(), pa.array([7.0, 5.0], pa.float64())),
])
def test_ids_of_another_kind_than_the_register_are_compared_as_arrow_does(
        ids: list[Any], kind: Any, register: Any) -> None:
    table = _lines(ids, kind)
    engine = get_engine("duckdb")
    source = LineSource(LineColumns("client", "date", "amount", "invoice",
                                    trim_client=pa.types.is_string(kind)), table=table)
    joined = engine.run_coded(source, request(None), register)
    want = key_codes(joined.column("client"), register)
    assert joined.column("code").to_pylist() == want.to_pylist()


_ID = st.sampled_from(["C1", "C2", " C2", "C3 ", "C10", "é", " é ", "", "  ", None])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ID, min_size=1, max_size=8), st.lists(
    st.sampled_from(["C1", "C2", "C3", "C10", "é", "Z"]), unique=True, max_size=5),
    st.integers(0, 2**16))
def test_any_text_ids_coded_in_the_query_as_in_arrow(ids: list[str | None],
                                                      register: list[str], seed: int) -> None:
    _check(_lines(ids, pa.string(), n=30, seed=seed), pa.array(register, pa.string()))


@pytest.mark.parametrize(("options", "words"), [
    ({"memory_limit": "4 XB"}, "memory"),
    ({"threads": 0}, "thread"),
])
def test_a_setting_duckdb_refuses_is_the_engines_error(options: dict[str, Any],
                                                        words: str) -> None:
    engine = get_engine("duckdb", **options)
    source = LineSource(LineColumns("client", "date", "amount", "invoice"),
                        table=_lines(["C1"], pa.string()), label="lines.parquet")
    for call in (lambda: engine.run(source, request(None)),
                 lambda: engine.stats(source),
                 lambda: engine.count_after(source, int(EDGES[0]))):
        with pytest.raises(LedgerError) as caught:
            call()
        (problem,) = caught.value.problems
        assert problem.code == "engine-read"
        assert "duckdb engine could not read lines.parquet" in problem.message
        assert words in problem.message.lower()


def test_the_white_space_trimmed_is_pythons_and_arrows() -> None:
    """:data:`WHITESPACE` is what ``str.strip()`` removes (the register and the product
    texts on the numpy path) and what Arrow's ``utf8_trim_whitespace`` removes (the
    transaction ids on the numpy path, and :func:`trim_keys`)."""
    import pyarrow.compute as pc

    from pacspec.engine.backends.query import WHITESPACE

    every = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    assert "".join(c for c in every if c.isspace()) == WHITESPACE
    trimmed = pc.utf8_trim_whitespace(pa.array([f"x{c}" for c in every])).to_pylist()
    assert "".join(c for c, t in zip(every, trimmed, strict=True) if t == "x") == WHITESPACE


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(
    ["a", "é", "'", " ", "\t", "\n", "\r", "\x0b", "\x1c", "\x85", "\u00a0", "\u2028",
     "\u3000", "\u200b"]), max_size=6), min_size=1, max_size=20))
def test_the_querys_trim_is_str_strip(texts: list[str]) -> None:
    """The query's trim (client keys, product texts) is ``str.strip()``, blank as NULL
    (a zero-width space is not white space, in both)."""
    import duckdb

    from pacspec.engine.backends.query import DUCKDB

    con = duckdb.connect()
    con.register("t", pa.table({"i": pa.array(range(len(texts))),
                                "v": pa.array(texts, pa.string())}))
    got = [v for _, v in con.execute(f"SELECT i, {DUCKDB.trim('v')} FROM t ORDER BY i")
           .fetchall()]
    assert got == [t.strip() or None for t in texts]
    con.close()
