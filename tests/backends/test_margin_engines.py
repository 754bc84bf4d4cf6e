"""ABC on margin end to end (``abc.measure: margin``, issue 13): the example with a margin
column, ranked on margin by numpy and by DuckDB on Parquet (identical), against the
plain-Python ABC reference; the document says what it ranks on; ABC on margin without a
margin column is an error placed at ``abc.measure`` before any data is read."""

from __future__ import annotations

import datetime as dt
import importlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from backend_helpers import write_parquet
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pacspec import PlanError, load_plan_text
from pacspec.diagnostics import LedgerError
from pacspec.report.document import build_document
from pacspec.report.markdown import render_markdown
from pacspec.report.summary import evaluation_summary
from pacspec.session import Session

try:
    from tests import reference as ref
except ImportError:  # tests/ is on sys.path, not a package
    ref = importlib.import_module("reference")

REPO = Path(__file__).resolve().parents[2]
PLANS = REPO / "plans"
PLAN = PLANS / "connect-plus.pac.yaml"
AS_OF = dt.date(2025, 12, 31)


def _plan(margin_column: bool = True, measure: str = "margin") -> Any:
    text = PLAN.read_text(encoding="utf-8")
    if margin_column:
        text = text.replace("              product: product}",
                            "              product: product, margin: margin}", 1)
    text = text.replace("abc:\n  basis: revenue", f"abc:\n  measure: {measure}\n  basis: revenue",
                        1)
    return load_plan_text(text, source=str(PLANS / "margin.pac.yaml"), base_dir=PLANS)


@pytest.fixture(scope="module")
def margin_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's lines as Parquet with a margin column: a rate per client (5 % to
    60 %), so that the margin ranking differs from the revenue ranking."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    ledger = Session.open(PLAN, engine="numpy").ledger
    rate = 0.05 + (np.arange(ledger.n_clients) * 7919 % 12) * 0.05
    ledger.margin = np.round(ledger.amount * rate[ledger.client], 2)
    path = write_parquet(ledger, tmp_path_factory.mktemp("pq") / "margin.parquet")
    table = pq.read_table(path)
    pq.write_table(table.append_column("product", pa.array(["GPS"] * table.num_rows)), path)
    return path


def _reference_margin(path: Path, ev: Any) -> dict[str, float]:
    """Margin per client over the analysis window, by a plain loop over the lines."""
    import pyarrow.parquet as pq

    start, end = (dt.date.fromisoformat(str(d)) for d in ev.window)
    out: dict[str, float] = {}
    for line in pq.read_table(path).to_pylist():
        if start <= line["date"] <= min(end, AS_OF):
            out[line["client"]] = out.get(line["client"], 0.0) + line["margin"]
    return out


@pytest.mark.parametrize("engine", ["numpy", "duckdb"])
def test_abc_on_margin_ranks_active_clients_by_their_margin(margin_parquet: Path,
                                                            engine: str) -> None:
    if engine == "duckdb":
        pytest.importorskip("duckdb")
    ev = Session.open(_plan(), transactions=margin_parquet, engine=engine).evaluate(AS_OF)
    ids = [str(c) for c in ev.ledger.client_ids]
    expected = _reference_margin(margin_parquet, ev)
    margin = np.asarray(ev.columns["margin"])
    assert margin.tolist() == pytest.approx([expected.get(c, 0.0) for c in ids], abs=1e-6)
    revenue = np.asarray(ev.columns["revenue"])
    values = [float(m) if r > 0 else 0.0 for r, m in zip(revenue, margin, strict=True)]
    want = ref.ref_abc_classes(values, [0.80, 0.95], "revenue")
    abc = ev.columns["abc"]
    assert abc.codes.tolist() == want
    by_revenue = ref.ref_abc_classes(revenue.tolist(), [0.80, 0.95], "revenue")
    assert want != by_revenue  # the margin ranking is not the revenue one
    summary = ev.abc_summary()
    assert summary.measure == "margin"
    assert sum(r.margin_share or 0.0 for r in summary) == pytest.approx(1.0)
    assert summary.total_margin == pytest.approx(sum(v for v in values if v > 0))
    assert summary.to_dict()["measure"] == "margin"


def test_numpy_and_duckdb_give_the_same_margin_analysis(margin_parquet: Path) -> None:
    pytest.importorskip("duckdb")
    plan = _plan()
    by_numpy = Session.open(plan, transactions=margin_parquet, engine="numpy").evaluate(AS_OF)
    by_duckdb = Session.open(plan, transactions=margin_parquet, engine="duckdb").evaluate(AS_OF)

    def summary(ev: Any) -> str:
        return json.dumps(evaluation_summary(ev), sort_keys=True, default=str)

    assert summary(by_numpy) == summary(by_duckdb)
    for name in ("margin", "abc", "revenue"):
        a, b = by_numpy.columns[name], by_duckdb.columns[name]
        a, b = getattr(a, "codes", a), getattr(b, "codes", b)
        assert np.asarray(a).tolist() == np.asarray(b).tolist(), name


def test_the_abc_section_says_it_ranks_on_margin(margin_parquet: Path) -> None:
    ev = Session.open(_plan(), transactions=margin_parquet, engine="numpy").evaluate(AS_OF)
    text = render_markdown(build_document(ev))
    assert "Classes ABC sur la marge brute de la fenêtre d'analyse" in text
    assert "Seuils (marge)" in text and "% marge" in text
    chart = ev.pareto_summary()
    assert chart.classes[-1].revenue_share == pytest.approx(1.0)  # margin shares, to 100 %
    # ranked on revenue, the same data says nothing of margin
    plain = Session.open(_plan(measure="revenue"), transactions=margin_parquet,
                         engine="numpy").evaluate(AS_OF)
    plain_text = render_markdown(build_document(plain))
    assert "marge brute" not in plain_text and "% marge" not in plain_text
    assert "measure" not in plain.abc_summary().to_dict()


def test_margin_without_a_margin_column_is_an_error_at_abc_measure() -> None:
    with pytest.raises(PlanError) as info:
        Session.open(_plan(margin_column=False))
    (problem,) = [p for p in info.value.problems if p.code == "abc-margin-no-column"]
    assert problem.file is not None and problem.file.endswith("margin.pac.yaml")
    lines = PLAN.read_text(encoding="utf-8").splitlines()
    at = lines.index("abc:") + 2  # the inserted "  measure: margin" line, 1-based
    assert (problem.line, problem.col) == (at, 12)
    assert "data.transactions.columns.margin" in problem.message


def test_margin_without_a_margin_column_unlinted_is_an_evaluation_error() -> None:
    from pacspec.diagnostics import EvaluationError

    session = Session.open(_plan(margin_column=False), check=False)
    with pytest.raises(EvaluationError) as info:
        session.evaluate(AS_OF)
    (problem,) = info.value.problems
    assert problem.code == "abc-margin-no-column" and problem.line is not None
    assert problem.message.startswith("abc.measure: margin classe les clients sur leur marge")


_BAD = [None, float("nan"), float("inf"), float("-inf")]


@settings(max_examples=8, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(["quantity", "margin"]),
                          st.sampled_from(_BAD)), min_size=1, max_size=12))
def test_a_missing_or_nan_quantity_or_margin_is_a_bad_line_on_every_engine(
        margin_parquet: Path, tmp_path: Path, spoilt: list[tuple[int, str, Any]]) -> None:
    """A line whose quantity or margin is missing, NaN or infinite is a bad line for the
    numpy ingestion (left out with its amount, counted by kind); DuckDB leaves out the
    same lines and counts them alike (it used to sum around them: a null margin left out
    of the margin only, a NaN quantity making the client's units NaN)."""
    pytest.importorskip("duckdb")
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(margin_parquet)
    columns = {name: table.column(name).to_pylist() for name in ("quantity", "margin")}
    for row, name, value in spoilt:
        columns[name][row % table.num_rows] = value
    for name, values in columns.items():
        table = table.set_column(table.schema.get_field_index(name), name,
                                 pa.array(values, pa.float64()))
    path = tmp_path / f"spoilt{abs(hash(tuple(map(str, spoilt)))) % 10**9}.parquet"
    pq.write_table(table, path)
    plan = _plan()
    for engine in ("numpy", "duckdb"):  # the default policy stops at them, naming the kind
        with pytest.raises(LedgerError) as stop:
            Session.open(plan, transactions=path, engine=engine).evaluate(AS_OF)
        assert stop.value.problems
    by_numpy = Session.open(plan, transactions=path, engine="numpy", bad_rows="skip")
    by_duckdb = Session.open(plan, transactions=path, engine="duckdb", bad_rows="skip")
    a, b = by_numpy.evaluate(AS_OF), by_duckdb.evaluate(AS_OF)
    assert [str(c) for c in a.ledger.client_ids] == [str(c) for c in b.ledger.client_ids]
    for name in ("revenue", "units", "margin", "orders", "history_revenue", "recency"):
        assert np.asarray(a.columns[name]).tolist() == pytest.approx(
            np.asarray(b.columns[name]).tolist(), abs=1e-9, nan_ok=True), name
    bad = {kind: n for kind, n in by_numpy.ledger.reports[0].counts.items() if n}
    assert bad == {kind: n for kind, n in by_duckdb.ledger.reports[0].counts.items() if n}
    assert set(bad) <= {"bad-quantity", "bad-margin"} and bad
