"""The Ledger: dense ids, the register's order and attributes, the assembled columns."""

from __future__ import annotations

import datetime as dt
import fnmatch
from pathlib import Path

import numpy as np
import pytest
from conftest import REPO
from hypothesis import given
from hypothesis import strategies as st
from ingest_helpers import FULL, day, write

from pacspec.diagnostics import LedgerError
from pacspec.ingest import Ledger, load_ledger
from pacspec.model.data import ClientColumns, TransactionColumns

COLUMNS = TransactionColumns(quantity="quantity")


def test_ids_preserved_and_round_trip(tmp_path: Path) -> None:
    text = "client;date;amount\n00010;01/01/2025;1\n00001;01/01/2025;2\n 0001;01/01/2025;3\n"
    ledger = load_ledger(write(tmp_path / "t.csv", text))
    assert ledger.client_ids.tolist() == ["00001", "0001", "00010"]  # sorted, never numbers
    assert ledger.client.tolist() == [2, 0, 1]
    assert ledger.client_ids[ledger.client].tolist() == ["00010", "00001", "0001"]
    assert ledger.index_of(["00001", "0001", "1", "nope"]).tolist() == [0, 1, -1, -1]
    assert ledger.index_of("00010").tolist() == [2]


def test_index_of_compares_text_across_types() -> None:
    ledger = Ledger(
        client_ids=np.array([12, 7], dtype=np.int64),
        client=np.zeros(0, dtype=np.int64),
        day=np.zeros(0, dtype=np.int64),
        amount=np.zeros(0, dtype=np.float64),
    )
    assert ledger.index_of([7, "12", "7", 99]).tolist() == [1, 0, 1, -1]
    assert (ledger.n_clients, ledger.n_transactions, ledger.first_date) == (2, 0, None)


@given(st.lists(st.one_of(st.integers(-3, 12), st.sampled_from(["1", "01", "7", "a", "12"])),
                max_size=12),
       st.lists(st.one_of(st.integers(-3, 12), st.sampled_from(["1", "01", "7", "a", "x"])),
                max_size=12))
def test_index_of_is_the_first_exact_then_the_first_textual_match(
        known: list[object], asked: list[object]) -> None:
    ids = np.empty(len(known), dtype=object)
    ids[:] = known
    ledger = Ledger(client_ids=ids, client=np.zeros(0, dtype=np.int64),
                    day=np.zeros(0, dtype=np.int64), amount=np.zeros(0, dtype=np.float64))

    def reference(value: object) -> int:
        exact = [i for i, k in enumerate(known) if k == value]
        text = [i for i, k in enumerate(known) if str(k) == str(value)]
        return (exact or text or [-1])[0]

    assert ledger.index_of(asked).tolist() == [reference(v) for v in asked]


REGISTER = (
    "client;name;typology;potential;ipo_size;postcode;note\n"
    "C3;NAUTILUS;vip;1 200 000,50;5;29200;\n"
    "C1;Prospect;chandlery;;2;01000;à voir\n"
    "C9;Dormant;marina;3500;3;17000;\n"
)


def test_register_order_attributes_and_register_only_clients(tmp_path: Path) -> None:
    tx = "client;date;amount\nC3;01/01/2025;5\nC7;01/01/2025;1\nC2;01/01/2025;2\nC3;02/01/2025;1\n"
    ledger = load_ledger(write(tmp_path / "t.csv", tx), write(tmp_path / "c.csv", REGISTER))
    # register ids in register order, then the others sorted
    assert ledger.client_ids.tolist() == ["C3", "C1", "C9", "C2", "C7"]
    assert ledger.client.tolist() == [0, 4, 3, 0]
    attrs = ledger.attributes
    assert list(attrs) == ["typology", "potential", "ipo_size", "postcode", "note", "name"]
    assert attrs["name"].tolist() == ["NAUTILUS", "Prospect", "Dormant", None, None]
    assert attrs["typology"].tolist() == ["vip", "chandlery", "marina", None, None]
    np.testing.assert_array_equal(attrs["potential"], [1200000.5, np.nan, 3500, np.nan, np.nan])
    assert attrs["ipo_size"].dtype == np.float64
    assert attrs["postcode"].tolist() == ["29200", "01000", "17000", None, None]  # codes
    assert attrs["note"].tolist() == [None, "à voir", None, None, None]
    assert ledger.n_clients == 5 and ledger.n_transactions == 4
    assert [r.source for r in ledger.reports] == [str(tmp_path / "t.csv"), str(tmp_path / "c.csv")]


def test_date_attributes_are_padded_with_nat() -> None:
    register = {"client": ["A"], "since": np.array(["2020-05-01"], dtype="M8[D]")}
    ledger = load_ledger({"client": ["B"], "date": ["2025-01-01"], "amount": [1.0]}, register)
    assert ledger.client_ids.tolist() == ["A", "B"]
    since = ledger.attributes["since"]
    assert since.dtype.kind == "M" and since[0] == np.datetime64("2020-05-01")
    assert np.isnat(since[1])


def test_duplicate_register_ids(tmp_path: Path) -> None:
    register = "client;name\nC1;A\nC2;B\n C1 ;C\n"
    tx = "client;date;amount\nC1;01/01/2025;5\n"
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "t.csv", tx), write(tmp_path / "c.csv", register))
    (problem,) = info.value.problems
    assert problem.code == "duplicate-client"
    assert "'C1'" in problem.message and "rows 2 and 4" in problem.message
    assert problem.line == 4


def test_register_name_column(tmp_path: Path) -> None:
    tx = write(tmp_path / "t.csv", "client;date;amount\nC1;01/01/2025;5\n")
    no_name = write(tmp_path / "c.csv", "client;region\nC1;Corse\n")
    assert "name" not in load_ledger(tx, no_name).attributes  # the default is optional
    with pytest.raises(LedgerError) as info:
        load_ledger(tx, no_name, client_columns=ClientColumns(name="raison_sociale"))
    assert info.value.problems[0].code == "missing-column"
    other = write(tmp_path / "d.csv", "id;raison_sociale\nC1;Nautilus\n")
    ledger = load_ledger(tx, other, client_columns=ClientColumns(id="id", name="raison_sociale"))
    assert ledger.attributes["name"].tolist() == ["Nautilus"]


def test_missing_column_with_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "client;date;montant\nA;01/01/2025;1\n")
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    (problem,) = info.value.problems
    assert problem.code == "missing-column"
    assert problem.file == str(path) and problem.line == 1
    assert "no column 'amount'" in problem.message
    assert "columns found: 'client', 'date', 'montant'" in problem.message
    assert problem.hint is not None and "did you mean 'montant'?" in problem.hint
    assert problem.path == ("data", "transactions", "columns", "amount")


def test_a_mapped_product_column_must_exist(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "client;date;amount\nA;01/01/2025;1\n")
    with pytest.raises(LedgerError) as info:
        load_ledger(path, columns=TransactionColumns(product="produit"))
    assert info.value.problems[0].path == ("data", "transactions", "columns", "product")


def test_errors_from_both_files_are_reported_together(tmp_path: Path) -> None:
    tx = write(tmp_path / "t.csv", "client;date;montant\nA;01/01/2025;1\n")
    with pytest.raises(LedgerError) as info:
        load_ledger(tx, tmp_path / "missing.csv")
    assert [p.code for p in info.value.problems] == ["io", "missing-column"]


def test_empty_file_with_header(tmp_path: Path) -> None:
    tx = write(tmp_path / "t.csv", "client;date;amount;quantity\n", bom=True)
    register = write(tmp_path / "c.csv", "client;name\nC1;Prospect\n")
    ledger = load_ledger(tx, register, columns=COLUMNS)
    assert ledger.n_transactions == 0 and ledger.client_ids.tolist() == ["C1"]
    assert ledger.day.dtype == np.int64 and ledger.amount.dtype == np.float64
    assert ledger.last_date is None
    assert load_ledger(tx, columns=COLUMNS).n_clients == 0


def test_int_register_matches_text_transaction_ids(tmp_path: Path) -> None:
    tx = write(tmp_path / "t.csv", "client;date;amount\n12;01/01/2025;1\n99;01/01/2025;1\n")
    ledger = load_ledger(tx, {"client": [12, 13], "region": ["Corse", "Bretagne"]})
    assert ledger.client_ids.tolist() == [12, 13, "99"]
    assert ledger.client.tolist() == [0, 2]


def test_orders_without_an_id_are_orders_of_their_own() -> None:
    tx = {
        "client": ["A", "A", "B", "B"],
        "date": ["2025-01-01"] * 4,
        "amount": [1.0, 2.0, 3.0, 4.0],
        "invoice": ["F2", None, "F1", None],
    }
    ledger = load_ledger(tx, columns=TransactionColumns(order="invoice"))
    # ids numbered by first appearance (F2, then F1), then one order per line without an id
    assert ledger.order is not None and ledger.order.tolist() == [0, 2, 1, 3]
    assert load_ledger(tx).order is None and load_ledger(tx).quantity is None


def test_bundled_example_data_loads_cleanly() -> None:
    data = REPO / "plans" / "data"
    ledger = load_ledger(data / "transactions.csv", data / "clients.csv", columns=FULL)
    assert all(not r.counts and r.rows_kept == r.rows_read for r in ledger.reports)
    assert 8_000 <= ledger.n_transactions <= 15_000
    assert 350 <= ledger.n_clients <= 420
    assert ledger.client_ids.tolist()[0] == "C0001"
    assert ledger.attributes["name"][0] == "NAUTILUS"
    in_2025 = (ledger.day >= day("2025-01-01")) & (ledger.day <= day("2025-12-31"))
    nautilus = in_2025 & (ledger.client == 0)
    assert abs(ledger.amount[nautilus].sum() - 522_000) < 1_000
    assert ledger.first_date is not None
    assert ledger.last_date is not None and ledger.last_date <= dt.date(2026, 10, 31)
    for key in ("potential", "ipo_size", "ipa_distance"):
        assert ledger.attributes[key].dtype == np.float64
    assert set(ledger.attributes["typology"].tolist()) == {
        "vip", "chandlery", "marina", "boat-dealer", "fishing", "online",
    }  # fmt: skip
    assert 0.03 < float((ledger.amount < 0).mean()) < 0.05


# ------------------------------------------------------------------ the product column


def test_the_product_column_is_kept_dictionary_encoded(tmp_path: Path) -> None:
    text = ("client;date;amount;product\nA;01/01/2025;1;GPS-7\nB;02/01/2025;2; SONAR \n"
            "A;03/01/2025;3;\nC;04/01/2025;4;GPS-7\nC;05/01/2025;x;LOST\n")
    ledger = load_ledger(write(tmp_path / "t.csv", text), columns={"product": "product"},
                         bad_rows="skip")
    assert ledger.products is not None and ledger.product_codes is not None
    assert ledger.products.tolist() == ["GPS-7", "SONAR"]  # trimmed; LOST's line is dropped
    assert ledger.product_codes.dtype == np.int8
    assert ledger.product_codes.tolist() == [0, 1, -1, 0]
    assert ledger.product is not None and ledger.product.tolist() == ["GPS-7", "SONAR", None,
                                                                      "GPS-7"]
    mask = ledger.product_lines(["GPS*", "NOPE"])
    assert mask is not None and mask.tolist() == [True, False, False, True]
    unmapped = load_ledger(write(tmp_path / "t.csv", text), bad_rows="skip")
    assert unmapped.product_codes is None and unmapped.product_lines(["*"]) is None


def test_product_patterns_on_the_example_match_a_pandas_reference() -> None:
    pd = pytest.importorskip("pandas")
    data = REPO / "plans" / "data" / "transactions.csv"
    ledger = load_ledger(data, columns=FULL)
    frame = pd.read_csv(data, sep=";", encoding="utf-8-sig", dtype=str)
    assert ledger.products is not None and len(ledger.products) == frame["product"].nunique()
    for patterns in (["GPS*"], ["GPS-PLOTTER-?", "SONAR*"], ["*"], ["gps*"]):
        expected = [any(fnmatch.fnmatchcase(p, q) for q in patterns) for p in frame["product"]]
        mask = ledger.product_lines(patterns)
        assert mask is not None and mask.tolist() == expected, patterns


def test_a_product_scope_on_real_data_equals_the_unscoped_kpi_on_the_filtered_lines(
    tmp_path: Path,
) -> None:
    """The example's own CSV: a KPI scoped to GPS* products gives the value the same KPI
    gives, unscoped, on the GPS lines only (filtered by pandas)."""
    pd = pytest.importorskip("pandas")
    import shutil

    from pacspec import steer

    for folder in ("data", "rules"):
        shutil.copytree(REPO / "plans" / folder, tmp_path / folder)
    text = (REPO / "plans" / "connect-plus.pac.yaml").read_text("utf-8")
    kpis = "\n  kpis:\n"
    assert text.count(kpis) == 1
    added = "".join(
        f"    - {{id: {kpi}{suffix}, metric: {metric}, target: 10{scope}}}\n"
        for kpi, metric in (("gps", "revenue"), ("units", "units_per_month"))
        for suffix, scope in (("", ", scope: {product: [GPS*]}"), ("-all", ""))
    )
    path = tmp_path / "plan.pac.yaml"
    path.write_text(text.replace(kpis, kpis + added), "utf-8")
    as_of = dt.date(2026, 6, 30)
    scoped = steer(path, as_of=as_of, check=False)

    frame = pd.read_csv(tmp_path / "data" / "transactions.csv", sep=";", encoding="utf-8-sig",
                        dtype=str)
    gps_lines = tmp_path / "gps.csv"
    frame[frame["product"].str.startswith("GPS")].to_csv(gps_lines, sep=";", index=False)
    filtered = steer(path, as_of=as_of, check=False, transactions=gps_lines)
    for kpi in ("gps", "units"):
        value = scoped.kpi(kpi).value
        assert value is not None and value > 0, kpi
        assert value < scoped.kpi(f"{kpi}-all").value, kpi
        assert value == pytest.approx(filtered.kpi(f"{kpi}-all").value, rel=1e-12), kpi
        assert filtered.kpi(kpi).value == pytest.approx(value, rel=1e-12), kpi


def test_typed_product_columns_give_the_same_codes(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    products = ["GPS-7", " SONAR", None, "GPS-7", "", "12"]
    base = {"client": ["A", "B", "A", "C", "C", "B"], "date": ["2025-01-02"] * 6,
            "amount": [1.0] * 6}
    reference = load_ledger({**base, "product": products}, columns={"product": "product"})
    assert reference.products is not None
    assert reference.products.tolist() == ["12", "GPS-7", "SONAR"]
    chunked = pa.chunked_array([pa.array(products[:2]), pa.array(products[2:])])
    for column in (chunked, chunked.cast(pa.large_string()), chunked.dictionary_encode(),
                   chunked.cast(pa.string_view())):
        table = pa.table({**base, "product": column})
        pq.write_table(table.set_column(3, "product", chunked), tmp_path / "t.parquet")
        for source in (table, tmp_path / "t.parquet"):
            ledger = load_ledger(source, columns={"product": "product"})
            assert ledger.products is not None and ledger.product_codes is not None
            assert ledger.products.tolist() == reference.products.tolist(), column.type
            assert ledger.product_codes.tolist() == [1, 2, -1, 1, -1, 0], column.type
