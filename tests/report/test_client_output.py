"""The per-client output (issue 13, item 2): the period table against a plain-Python walk over
the transactions, the register's columns, headers in the plan's locale or as stable ids,
through the writers and ``pacspec evaluate -o``."""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from conftest import EXAMPLE_PLAN
from hypothesis import given
from hypothesis import strategies as st
from report_helpers import AS_OF, example_evaluation

from pacspec.cli import main
from pacspec.report.client_columns import client_columns, headers_of, period_ids
from pacspec.report.tables import write_csv, write_json, write_table

EPOCH = dt.date(1970, 1, 1)


def _reference_periods() -> dict[tuple[str, int], float]:
    """(client id, period index) -> net amount, walking the lines one by one."""
    ev = example_evaluation()
    edges = [int(d) for d in ev.edges]
    ids = list(ev.ledger.client_ids)
    net: dict[tuple[str, int], float] = defaultdict(float)
    for c, day, amount in zip(ev.ledger.client.tolist(), ev.ledger.day.tolist(),
                              ev.ledger.amount.tolist(), strict=True):
        for k in range(len(edges) - 1):
            if edges[k] <= day < edges[k + 1]:
                net[(ids[c], k)] += amount
    return net


def test_the_period_table_against_a_plain_walk_over_the_lines() -> None:
    ev = example_evaluation()
    columns = {c.id: c for c in client_columns(ev, labels=True)}
    net = _reference_periods()
    ids = list(ev.ledger.client_ids)
    codes = ev.codes_as_text()
    for k, pid in enumerate(period_ids(ev)):
        first = EPOCH + dt.timedelta(days=int(ev.edges[k]))
        assert pid == f"p{first:%Y_%m}"
        revenue = columns[f"{pid}_revenue"].values
        digit = columns[f"{pid}_digit"].values
        bought = columns[f"{pid}_bought"].values
        for i, client in enumerate(ids):
            expected = net.get((client, k), 0.0)
            assert revenue[i] == pytest.approx(expected, abs=1e-6), (client, pid)
            assert digit[i] == (1 if expected > 1e-9 else 0), (client, pid)
            assert digit[i] == int(codes[i][k])  # the code's k-th digit, oldest first
            assert bought[i] == ("oui" if digit[i] else "non")
    # the period amounts add up to the window's revenue
    total = sum(columns[f"{pid}_revenue"].values for pid in period_ids(ev))
    assert total == pytest.approx(columns["revenue"].values)


def test_the_register_columns_are_in_the_output() -> None:
    ev = example_evaluation()
    columns = {c.id: c for c in client_columns(ev)}
    with open(EXAMPLE_PLAN.parent / "data" / "clients.csv", encoding="utf-8-sig") as fh:
        register = {r["client"]: r for r in csv.DictReader(fh, delimiter=";")}
    ids = list(ev.ledger.client_ids)
    for name in ("region", "owner"):
        assert columns[name].source == "register"
        for i, client in enumerate(ids):
            if client in register:
                assert columns[name].values[i] == (register[client][name] or None)
    # a criteria note is titled by the plan's criterion label
    assert columns["ipo_size"].title == "Taille du point de vente"


def test_headers_are_unique_titles_or_stable_ids() -> None:
    columns = client_columns(example_evaluation())
    titles, ids = headers_of(columns, "labels"), headers_of(columns, "ids")
    assert len(set(titles)) == len(titles) and len(set(ids)) == len(ids)
    assert titles[:4] == ["Client", "Nom", "Typologie", "CA"]
    assert "T1 2025 CA" in titles and "p2025_01_revenue" in ids
    assert all(i.isascii() and " " not in i for i in ids)
    with pytest.raises(ValueError):
        headers_of(columns, "french")  # type: ignore[arg-type]


def test_csv_json_and_parquet_follow_the_headers(tmp_path: Path) -> None:
    ev = example_evaluation()
    write_csv(ev, tmp_path / "fr.csv", headers="labels", labels=True)
    with open(tmp_path / "fr.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    nautilus = rows[int(ev.ledger.index_of(["C0001"])[0])]
    assert nautilus["Nom"] == "NAUTILUS" and nautilus["Profil"] == "Très réguliers"
    assert nautilus["T1 2025 acheté"] == "oui" and nautilus["T1 2025 cotation"] == "1"
    assert float(nautilus["T1 2025 CA"].replace(",", ".")) == pytest.approx(
        _reference_periods()[("C0001", 0)])
    write_json(ev, tmp_path / "ids.json")
    records = json.loads((tmp_path / "ids.json").read_text(encoding="utf-8"))
    assert records[0]["p2025_01_bought"] in (True, False)
    assert set(records[0]) >= {"client", "region", "owner", "p2025_10_revenue"}
    pq = pytest.importorskip("pyarrow.parquet")
    write_table(ev, tmp_path / "fr.parquet", headers="labels")
    assert "T4 2025 CA" in pq.read_table(tmp_path / "fr.parquet").column_names


def test_evaluate_writes_french_headers_unless_ids_are_asked(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    base = ["evaluate", str(EXAMPLE_PLAN), "--as-of", AS_OF.isoformat(), "-q"]
    assert main([*base, "-o", str(tmp_path / "fr.csv")]) == 0
    assert main([*base, "-o", str(tmp_path / "ids.csv"), "--headers", "ids"]) == 0
    capsys.readouterr()
    fr = (tmp_path / "fr.csv").read_text(encoding="utf-8").splitlines()[0].split(";")
    ids = (tmp_path / "ids.csv").read_text(encoding="utf-8").splitlines()[0].split(";")
    assert fr[:4] == ["Client", "Nom", "Typologie", "CA"] and "Région" in fr
    assert ids[:4] == ["client", "name", "typology", "revenue"]
    assert len(fr) == len(ids)
    with pytest.raises(SystemExit) as info:
        main([*base, "-o", str(tmp_path / "x.csv"), "--headers", "fr"])
    assert info.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_report_headers_ids_names_the_clients_sheet_by_ids(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    base = ["report", str(EXAMPLE_PLAN), "--as-of", AS_OF.isoformat(), "-q"]
    assert main([*base, "-o", str(tmp_path / "fr.xlsx")]) == 0
    assert main([*base, "-o", str(tmp_path / "ids.xlsx"), "--headers", "ids"]) == 0
    capsys.readouterr()

    def first_row(path: Path) -> list[object]:
        ws = openpyxl.load_workbook(path, read_only=True)["Clients"]
        return [c.value for c in next(ws.iter_rows(max_row=1))]

    fr, ids = first_row(tmp_path / "fr.xlsx"), first_row(tmp_path / "ids.xlsx")
    assert fr[:4] == ["Client", "Nom", "Typologie", "CA"] and "T1 2025 CA" in fr
    assert ids[:4] == ["client", "name", "typology", "revenue"] and "p2025_01_revenue" in ids


_floats = st.lists(st.one_of(st.floats(width=64),
                             st.integers(-3, 3).map(float), st.just(-0.0),
                             st.sampled_from([0.1, 1234.5678901, 1e-7, 2.5e15])), max_size=30)
_objects = st.lists(st.one_of(st.none(), st.just(float("nan")), st.text(max_size=4),
                              st.sampled_from(["=1+1", "-x", "a;b", "1", ""]),
                              st.integers(-2, 2), st.booleans(), st.just(-0.0), st.just(0.0)),
                    max_size=30)


@given(_floats, st.sampled_from([",", "."]))
def test_number_columns_are_written_as_each_number_alone(values: list[float],
                                                         decimal: str) -> None:
    from pacspec.report.tables import _number, column_texts

    array = np.array(values, dtype=np.float64)
    assert column_texts(array, decimal) == [_number(v, decimal) for v in values]


@given(_objects)
def test_text_columns_are_written_as_each_value_alone(values: list[object]) -> None:
    from pacspec.report.tables import _cell, column_texts

    array = np.empty(len(values), dtype=object)
    array[:] = values
    assert column_texts(array, ",") == [_cell(v, ",") for v in values]


def test_the_json_records_are_the_columns_values(tmp_path: Path) -> None:
    ev = example_evaluation()
    write_json(ev, tmp_path / "c.json", labels=True, headers="labels")
    records = json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))
    columns = client_columns(ev, labels=True)
    names = headers_of(columns, "labels")
    assert len(records) == ev.n_clients and list(records[0]) == names
    for name, column in zip(names, columns, strict=True):
        for record, value in zip(records, column.values.tolist(), strict=True):
            got = record[name]
            if isinstance(value, float) and value != value:
                assert got is None
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                assert got == pytest.approx(value)
            elif column.values.dtype.kind == "M":
                assert got is None or got.startswith(str(value)[:10])
            else:
                assert got == value
