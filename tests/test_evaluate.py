"""The evaluation pipeline end to end: small hand-computed ledgers and the bundled example."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from pacspec import EvaluationError, LedgerError, evaluate, load_plan, load_plan_text
from pacspec.engine.table import Categorical
from pacspec.report.tables import write_csv, write_json

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "plans" / "connect-plus.pac.yaml"

PLAN = """\
pacspec: 1
include: [{rules}/profiles-fr.rules.yaml, {rules}/rfm-segments.rules.yaml]
header: {{company: T, business_unit: U, budget_year: 2026, plan_start: 2026-01-01}}
ipo_ipa:
  ipo: [{{id: size, label: Size, weight: 3}}, {{id: growth, label: Growth, weight: 1}}]
  ipa: [{{id: relation, label: Relation}}]
  notes: {{P1: {{relation: 5}}}}
portfolio: {{attribute: potential, thresholds: [100, 10]}}
typologies:
  - {{id: vip, label: VIP}}
  - {{id: other, label: Other, when: {{attributes: {{typology: {{not_in: [vip]}}}}}}}}
"""


def small_plan(extra: str = "") -> object:
    text = PLAN.format(rules=ROOT / "plans" / "rules") + extra
    return load_plan_text(text, "small.pac.yaml", ROOT)


# Quarters of the window at as_of 2025-12-31: 2025 Q1..Q4; history before 2025.
TX = {
    # very regular: one purchase per quarter of 2025, and history
    "VR": [("2024-05-01", 100.0), ("2025-02-01", 100.0), ("2025-05-01", 100.0),
           ("2025-08-01", 100.0), ("2025-11-01", 100.0)],
    # inactive: bought in 2024 only
    "IN": [("2024-03-01", 50.0)],
    # new: first purchase ever in 2025 Q3
    "NW": [("2025-08-15", 40.0), ("2025-12-31", 10.0)],
    # reactivated: history, then the last two quarters only (0011)
    "RA": [("2023-06-01", 80.0), ("2025-07-01", 30.0), ("2025-10-01", 30.0)],
    # slipping: first two quarters only (1100), credit note in Q4 nets nothing positive
    "SL": [("2024-01-10", 20.0), ("2025-01-05", 60.0), ("2025-04-05", 60.0),
           ("2025-11-05", -10.0)],
}
REGISTER = {
    "client": ["VR", "IN", "NW", "RA", "SL", "P1"],
    "typology": ["vip", "x", "x", "vip", "x", "x"],
    "potential": [500.0, 5.0, 50.0, 200.0, 20.0, 150.0],
    "size": [5.0, 1.0, 3.0, 4.0, 2.0, 5.0],
    "growth": [1.0, 1.0, 5.0, 4.0, 2.0, 5.0],
    "relation": [5.0, 1.0, 4.0, 2.0, np.nan, 1.0],
}


def small_data() -> tuple[dict[str, list[object]], dict[str, list[object]]]:
    tx: dict[str, list[object]] = {"client": [], "date": [], "amount": []}
    for client, rows in TX.items():
        for day, amount in rows:
            tx["client"].append(client)
            tx["date"].append(dt.date.fromisoformat(day))
            tx["amount"].append(amount)
    return tx, dict(REGISTER)  # type: ignore[arg-type]


def small_eval() -> object:
    tx, reg = small_data()
    return evaluate(small_plan(), transactions=tx, clients=reg, as_of=dt.date(2025, 12, 31))


def by_client(ev: object, column: str) -> dict[str, object]:
    table = ev.table()  # type: ignore[attr-defined]
    return dict(zip(table["client"], table[column], strict=True))


def test_hand_computed_profiles_codes_and_flags() -> None:
    ev = small_eval()
    assert ev.period_labels == ["T1 2025", "T2 2025", "T3 2025", "T4 2025"]  # type: ignore[attr-defined]
    assert by_client(ev, "code") == {"VR": "1111", "IN": "0000", "NW": "0011", "RA": "0011",
                                     "SL": "1100", "P1": "0000"}
    assert by_client(ev, "profile") == {"VR": "tres-regulier", "IN": "inactif", "NW": "nouveau",
                                        "RA": "reactive", "SL": "a-fideliser", "P1": "prospect"}
    cols = ev.columns  # type: ignore[attr-defined]
    assert cols["new"].tolist() == [False, False, True, False, False, False]
    assert cols["bought_before_window"].tolist() == [True, True, False, True, True, False]
    assert cols["prospect"].tolist() == [False, False, False, False, False, True]
    revenue = by_client(ev, "revenue")
    assert revenue == {"VR": 400.0, "IN": 0.0, "NW": 50.0, "RA": 60.0, "SL": 110.0, "P1": 0.0}
    recency = by_client(ev, "recency")
    assert recency["VR"] == (dt.date(2025, 12, 31) - dt.date(2025, 11, 1)).days
    assert recency["NW"] == 0
    assert np.isnan(recency["P1"])  # type: ignore[call-overload]


def test_abc_on_hand_computed_revenue() -> None:
    ev = small_eval()
    # revenue 400, 110, 60, 50, 0, 0 of 620: VR's share before is 0 -> A; SL 400/620=0.645 -> A;
    # RA (510/620=0.82) -> B; NW (570/620=0.919) -> B; no positive revenue -> no class.
    assert by_client(ev, "abc") == {"VR": "A", "SL": "A", "RA": "B", "NW": "B", "IN": None,
                                    "P1": None}
    summary = ev.abc_summary()
    assert [r.clients for r in summary] == [2, 2, 0]
    # shares over the 4 clients who bought, the 2 others on their own line
    assert [r.client_share for r in summary] == [0.5, 0.5, 0.0]
    assert (summary.total_clients, summary.unranked_clients) == (4, 2)
    assert summary.total_revenue == pytest.approx(620.0)
    assert summary.unranked_revenue == 0.0


def test_abc_none_in_conditions_names_the_clients_without_class() -> None:
    ev = small_eval()
    from pacspec.engine.rules import ConditionContext, condition_mask
    from pacspec.model.conditions import Condition

    ctx = ConditionContext(n=ev.n_clients, columns=ev.columns,  # type: ignore[attr-defined]
                           attributes=ev.attributes, n_periods=4)  # type: ignore[attr-defined]
    mask = condition_mask(Condition.model_validate({"abc": "none"}), ctx)
    clients = np.asarray(ev.table()["client"])  # type: ignore[attr-defined]
    revenue = np.asarray(ev.columns["revenue"])  # type: ignore[attr-defined]
    # plain reference: the clients with no positive revenue in the window
    assert sorted(clients[mask]) == sorted(c for c, r in zip(clients, revenue, strict=True)
                                           if not r > 0) == ["IN", "P1"]
    both = condition_mask(Condition.model_validate({"abc": {"in": ["A", "none"]}}), ctx)
    assert sorted(clients[both]) == ["IN", "P1", "SL", "VR"]


def test_ipo_ipa_weighted_means_overrides_and_quadrants() -> None:
    ev = small_eval()
    ipo = by_client(ev, "ipo")
    assert ipo["VR"] == pytest.approx((3 * 5 + 1) / 4)
    assert ipo["NW"] == pytest.approx((3 * 3 + 5) / 4)
    ipa = by_client(ev, "ipa")
    assert ipa["P1"] == 5.0  # the plan's note overrides the register's 1
    assert np.isnan(ipa["SL"])  # type: ignore[call-overload]
    quadrant = by_client(ev, "quadrant")
    # thresholds default to the midpoint 3: VR (4, 5) -> 1; RA (4, 2) -> 2; IN (1, 1) -> 4
    assert quadrant["VR"] == "1" and quadrant["RA"] == "2" and quadrant["IN"] == "4"
    assert quadrant["SL"] is None
    assert any(p.code == "ipo-ipa-unscored" for p in ev.problems)  # type: ignore[attr-defined]


def test_portfolio_zones() -> None:
    ev = small_eval()
    assert by_client(ev, "potential_class") == {"VR": "A'", "IN": "C'", "NW": "B'", "RA": "A'",
                                                "SL": "B'", "P1": "A'"}
    assert by_client(ev, "zone") == {"VR": "core", "SL": "core", "RA": "development",
                                     "NW": "economic", "IN": "no_visit", "P1": "development"}


def test_typologies_from_register_and_conditions() -> None:
    ev = small_eval()
    assert by_client(ev, "typology") == {"VR": "vip", "RA": "vip", "IN": "other", "NW": "other",
                                         "SL": "other", "P1": "other"}


def test_scores_over_the_active_clients() -> None:
    ev = small_eval()
    segment = by_client(ev, "segment")
    for metric in ("r", "f", "m"):
        score = by_client(ev, metric)
        assert np.isnan(score["P1"])  # type: ignore[call-overload]  # never bought: none
        assert score["IN"] == 0  # lapsed: bought in 2024, not active in 2025
        assert all(1 <= score[c] <= 5 for c in ("VR", "NW", "RA", "SL"))  # type: ignore[operator]
    # the cut points are over the 4 active clients only: M over 400, 50, 60, 110
    cuts = ev.score_cuts  # type: ignore[attr-defined]
    assert cuts.monetary.tolist() == pytest.approx(
        np.quantile([400.0, 50.0, 60.0, 110.0], [0.2, 0.4, 0.6, 0.8]).tolist())
    assert (cuts.scored, cuts.lapsed) == (4, 1)
    assert segment["P1"] is None and segment["IN"] == "lost"


def test_rows_after_as_of_are_ignored() -> None:
    tx, reg = small_data()
    base = small_eval()
    tx["client"].append("IN")
    tx["date"].append(dt.date(2026, 2, 1))
    tx["amount"].append(999.0)
    later = evaluate(small_plan(), transactions=tx, clients=reg, as_of=dt.date(2025, 12, 31))
    assert by_client(later, "revenue") == by_client(base, "revenue")
    assert by_client(later, "profile") == by_client(base, "profile")


def test_missing_criterion_column_is_positioned_in_the_plan() -> None:
    tx, reg = small_data()
    del reg["growth"]
    with pytest.raises(LedgerError) as err:  # the register's header is checked first
        evaluate(small_plan(), transactions=tx, clients=reg, as_of=dt.date(2025, 12, 31))
    problem = err.value.problems[0]
    assert problem.json_path == "$.ipo_ipa.ipo[1]"
    assert problem.line == 5 and "growth" in problem.message


def test_unknown_attribute_in_a_typology_is_positioned() -> None:
    tx, reg = small_data()
    plan = small_plan("  - {id: bzh, label: B, when: {attributes: {regoin: Bretagne}}}\n")
    with pytest.raises(EvaluationError) as err:
        evaluate(plan, transactions=tx, clients=reg, as_of=dt.date(2025, 12, 31))
    problem = err.value.problems[0]
    assert problem.json_path == "$.typologies[2].when.attributes.regoin"
    assert problem.line == 12


def test_no_transactions_needs_as_of() -> None:
    # the register the plan reads from (without one, that is the error, at the header)
    with pytest.raises(EvaluationError, match="as_of"):
        evaluate(small_plan(), transactions={"client": [], "date": [], "amount": []},
                 clients=small_data()[1])


@pytest.mark.parametrize("as_of", ["2025-06-30", "2025-12-31", "2026-03-31", "2026-10-30"])
def test_example_every_client_gets_exactly_one_profile(as_of: str) -> None:
    ev = evaluate(EXAMPLE, as_of=dt.date.fromisoformat(as_of))
    profile = ev.columns["profile"]
    assert isinstance(profile, Categorical)
    assert (profile.codes >= 0).all()
    typology = ev.columns["typology"]
    assert isinstance(typology, Categorical) and (typology.codes >= 0).all()
    counts = [r.clients for r in ev.rule_summary("profile")]
    assert sum(counts) == ev.n_clients


def test_example_exports_agree() -> None:
    ev = evaluate(load_plan(EXAMPLE), as_of=dt.date(2025, 12, 31))
    table = ev.table()
    pd = pytest.importorskip("pandas")
    df = ev.to_pandas()
    assert isinstance(df, pd.DataFrame) and len(df) == ev.n_clients
    assert np.allclose(df["revenue"].to_numpy(), table["revenue"])
    pl = pytest.importorskip("polars")
    assert ev.to_polars()["revenue"].to_list() == pytest.approx(table["revenue"].tolist())
    pytest.importorskip("pyarrow")
    assert ev.to_arrow().column("client").to_pylist() == list(table["client"])
    del pl


def test_csv_and_json_writers(tmp_path: Path) -> None:
    ev = evaluate(EXAMPLE, as_of=dt.date(2025, 12, 31))
    out = tmp_path / "clients.csv"
    write_csv(ev, out, labels=True)
    with open(out, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert len(rows) == ev.n_clients
    first = rows[ev.ledger.index_of(["C0001"])[0]]
    assert first["name"] == "NAUTILUS" and first["profile"] == "Très réguliers"
    assert float(first["revenue"].replace(",", ".")) == pytest.approx(522000.0)
    out_json = tmp_path / "clients.json"
    write_json(ev, out_json)
    records = json.loads(out_json.read_text(encoding="utf-8"))
    assert records[0]["client"] == ev.ledger.client_ids[0]
    assert set(records[0]) >= {"client", "revenue", "code", "abc", "profile", "segment"}


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pacspec.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_cli_evaluate_example(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    res = run_cli("evaluate", str(EXAMPLE), "--as-of", "2025-12-31", "-o", str(out))
    assert res.returncode == 0, res.stderr
    for title in ("Matrice ABC", "Profils clients", "Répartition des cotations RFM",
                  "Matrice IPO / IPA", "Portefeuille client", "Premiers clients par classe"):
        assert title in res.stdout
    assert "NAUTILUS" in res.stdout and out.exists()
    again = run_cli("evaluate", str(EXAMPLE), "-q", "-o", str(out))
    assert again.returncode == 2 and "exists" in again.stderr


def test_cli_evaluate_json_summary() -> None:
    res = run_cli("evaluate", str(EXAMPLE), "--as-of", "2025-12-31", "--format", "json")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["as_of"] == "2025-12-31"
    assert (sum(r["clients"] for r in summary["abc"]["rows"])
            + summary["abc"]["unranked_clients"] == summary["clients"])


def test_cli_evaluate_user_mistakes_have_no_traceback(tmp_path: Path) -> None:
    res = run_cli("evaluate", str(EXAMPLE), "--as-of", "31/12/2025")
    assert res.returncode == 2 and "YYYY-MM-DD" in res.stderr
    res = run_cli("evaluate", str(EXAMPLE), "--transactions", str(tmp_path / "none.csv"))
    assert res.returncode in (1, 2) and "Traceback" not in res.stderr
    assert "none.csv" in res.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("client;date;amount;invoice;quantity;product\n"
                   "A;01/02/2025;12,5;F1;1;GPS\nB;31/02/2025;3;F2;1;GPS\n", encoding="utf-8")
    res = run_cli("evaluate", str(EXAMPLE), "--transactions", str(bad))
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "31/02/2025" in res.stderr


def test_missing_data_file_points_at_the_plan_line(tmp_path: Path) -> None:
    plan = tmp_path / "p.pac.yaml"
    shutil.copytree(ROOT / "plans" / "rules", tmp_path / "rules")  # includes stay inside
    text = EXAMPLE.read_text(encoding="utf-8")
    plan.write_text(text, encoding="utf-8")
    res = run_cli("evaluate", str(plan))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "path: data/transactions.csv" in t)
    assert f"p.pac.yaml:{line}:11: note[io] $.data.transactions.path:" in res.stderr
    assert ("transactions.csv: error[io] $.data.transactions.path: impossible de lire le "
            "fichier des transactions : le fichier n'existe pas") in res.stderr


def test_quiet_evaluate_still_reports_skipped_rows(tmp_path: Path) -> None:
    bad = tmp_path / "t.csv"
    bad.write_text("client;date;amount;invoice;quantity;product\n"
                   "C0001;01/02/2025;12,5;F1;1;GPS\nC0002;31/02/2025;3;F2;1;GPS\n",
                   encoding="utf-8")
    res = run_cli("evaluate", str(EXAMPLE), "--transactions", str(bad), "--skip-bad-rows", "-q")
    assert res.returncode == 0, res.stderr
    assert res.stdout == ""
    assert "warning[bad-rows]" in res.stderr and "31/02/2025" in res.stderr


def test_cent_exact_credit_notes_set_no_purchase_bit() -> None:
    tx = {"client": ["X", "X", "X"],
          "date": [dt.date(2025, 2, 1), dt.date(2025, 2, 2), dt.date(2025, 2, 3)],
          "amount": [10.10, 20.20, -30.30]}
    plan = load_plan_text("pacspec: 1\nheader: {company: T, business_unit: U, budget_year: 2026,"
                          " plan_start: 2026-01-01}\n", "cents.pac.yaml", ROOT)
    ev = evaluate(plan, transactions=tx, as_of=dt.date(2025, 12, 31))
    assert by_client(ev, "code") == {"X": "0000"}
    assert by_client(ev, "revenue") == {"X": 0.0}


def test_typology_mismatch_warns_when_targets_are_mostly_outside() -> None:
    tx, reg = small_data()
    extra = """actions:
  - {id: off, title: O, type: commercial, subtype: win_back, typology: vip, priority: 1,
     owner: SED, due: 2026-06, target: {client: [IN, P1, VR]}}
  - {id: fit, title: F, type: commercial, subtype: retention, typology: vip, priority: 1,
     owner: SED, due: 2026-06, target: {client: [VR, RA, IN]}}
"""
    ev = evaluate(small_plan(extra), transactions=tx, clients=reg, as_of=dt.date(2025, 12, 31))
    found = [p for p in ev.problems if p.code == "typology-mismatch"]  # type: ignore[attr-defined]
    # plain count: of IN, P1, VR only VR is vip (1 of 3 < half); VR, RA of 3 are (2 of 3)
    vip = {c for c, t in zip(REGISTER["client"], REGISTER["typology"], strict=True) if t == "vip"}
    assert len({"IN", "P1", "VR"} & vip) == 1 and len({"VR", "RA", "IN"} & vip) == 2
    assert [p.path for p in found] == [("actions", 0, "typology")]
    assert "ne sont que 1 sur 3" in found[0].message  # the plan is French


def test_no_transaction_before_as_of_is_placed_at_the_plans_transactions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A header-only export given on the command line, to a plan without a data section:
    the warning points at the plan (its root, with the path data.transactions), like the
    other data problems (found by the fuzzer: seed 2026, case 78)."""
    from pacspec.cli import main

    (tmp_path / "empty.csv").write_text("client;date;amount\n", encoding="utf-8")
    plan = tmp_path / "p.pac.yaml"
    plan.write_text("pacspec: 1\nlocale: fr\nheader: {company: X, business_unit: Y, "
                    "budget_year: 2026, plan_start: 2026-01-01}\n", encoding="utf-8")
    code = main(["evaluate", str(plan), "--transactions", str(tmp_path / "empty.csv"),
                 "--as-of", "2026-03-31", "-q"])
    assert code == 0
    (line,) = [x for x in capsys.readouterr().err.splitlines()
               if "no-data-before-as-of" in x]
    assert line.startswith(f"{plan}:1:1: warning[no-data-before-as-of] $.data.transactions: "
                           "aucune transaction")
