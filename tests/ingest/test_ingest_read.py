"""The entry points: load_ledger's arguments and load_ledger_for_plan's plan paths."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from ingest_helpers import write

from pacspec.diagnostics import LedgerError
from pacspec.ingest import load_ledger, load_ledger_for_plan
from pacspec.model.data import (
    ClientColumns,
    ClientSource,
    CsvOptions,
    DataSection,
    TransactionColumns,
    TransactionSource,
)


def section() -> DataSection:
    return DataSection(
        transactions=TransactionSource(path="data/tx.csv", columns=TransactionColumns(client="id")),
        clients=ClientSource(path="data/c.csv", columns=ClientColumns(id="id")),
    )


def test_load_ledger_for_plan(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    write(tmp_path / "data" / "tx.csv", "id;date;amount\nC1;01/01/2025;5\n")
    write(tmp_path / "data" / "c.csv", "id;name\nC1;A\nC2;B\n")
    ledger = load_ledger_for_plan(section(), tmp_path)
    assert ledger.client_ids.tolist() == ["C1", "C2"]
    other = write(tmp_path / "other.csv", "id;date;amount\nC9;01/01/2025;5\n")
    assert load_ledger_for_plan(section(), tmp_path, transactions=other).n_clients == 3
    with pytest.raises(LedgerError) as info:
        load_ledger_for_plan(DataSection(), tmp_path)
    assert info.value.problems[0].code == "no-data"
    assert info.value.problems[0].path == ("data", "transactions", "path")


def test_unreadable_plan_files_point_at_the_plan_path(tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as info:
        load_ledger_for_plan(section(), tmp_path)
    assert [(p.code, p.path) for p in info.value.problems] == [
        ("io", ("data", "clients", "path")),
        ("io", ("data", "transactions", "path")),
    ]
    given = tmp_path / "given.csv"
    with pytest.raises(LedgerError) as info:  # a file given by the caller: not the plan's
        load_ledger_for_plan(section(), tmp_path, transactions=given, clients={"id": ["C1"]})
    assert [(p.code, p.path) for p in info.value.problems] == [("io", None)]


def test_plan_policy_and_its_override(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    write(tmp_path / "data" / "tx.csv", "id;date;amount\nC1;01/01/2025;5\nC2;bad;1\n")
    plan = section().model_copy(update={"clients": None})
    with pytest.raises(LedgerError):
        load_ledger_for_plan(plan, tmp_path)
    assert load_ledger_for_plan(plan, tmp_path, bad_rows="skip").n_transactions == 1
    skip = plan.model_copy(update={"bad_rows": "skip"})
    assert load_ledger_for_plan(skip, tmp_path).n_transactions == 1


@pytest.mark.parametrize("policy", ["drop", "", "ERROR"])
def test_unknown_policy(policy: Any) -> None:
    with pytest.raises(ValueError, match="bad_rows must be 'error' or 'skip'"):
        load_ledger({"client": [], "date": [], "amount": []}, bad_rows=policy)


def test_data_section_schema() -> None:
    from pacspec.schema import plan_schema

    schema = plan_schema()["definitions"]["DataSection"]
    assert "rows that cannot be read" in schema["properties"]["bad_rows"]["description"]
    with pytest.raises(ValueError, match="extra"):
        DataSection.model_validate({"transactions": {"pth": "x.csv"}})


def test_plain_mappings_for_columns_and_options(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Code|Jour|Montant\nA|01.02.2025|1 234,5\n", encoding="utf-8")
    ledger = load_ledger(
        path,
        columns={"client": "Code", "date": "Jour", "amount": "Montant"},
        csv={"delimiter": "|", "date_format": "%d.%m.%Y", "decimal": ","},
    )
    same = load_ledger(
        path,
        columns=TransactionColumns(client="Code", date="Jour", amount="Montant"),
        csv=CsvOptions(delimiter="|", date_format="%d.%m.%Y", decimal=","),
    )
    assert ledger.amount.tolist() == same.amount.tolist() == [1234.5]
    with pytest.raises(LedgerError) as info:
        load_ledger(path, columns={"client": "Code", "montant": "Montant"})
    (problem,) = info.value.problems
    assert problem.code == "bad-option" and "columns: montant" in problem.message
    assert "client, date, amount" in (problem.hint or "")


def test_evaluate_takes_a_column_mapping(tmp_path: Path) -> None:
    import pacspec

    plan = Path(__file__).resolve().parents[2] / "plans" / "connect-plus.pac.yaml"
    data = plan.parent / "data" / "transactions.csv"
    text = data.read_text(encoding="utf-8-sig").replace(
        "client;date;invoice;amount", "Code client;Date facture;N° facture;Montant HT", 1
    )
    renamed = write(tmp_path / "ventes.csv", text, encoding="cp1252")
    mapping = {"client": "Code client", "date": "Date facture", "amount": "Montant HT",
               "order": "N° facture", "quantity": "quantity", "product": "product"}  # fmt: skip
    ev = pacspec.evaluate(plan, transactions=renamed, columns=mapping)
    reference = pacspec.evaluate(plan)
    assert ev.ledger.client_ids.tolist() == reference.ledger.client_ids.tolist()
    np.testing.assert_array_equal(ev.period_revenue, reference.period_revenue)
    np.testing.assert_array_equal(ev.last_purchase, reference.last_purchase)
    assert ev.ledger.order is not None and reference.ledger.order is not None
    np.testing.assert_array_equal(ev.ledger.order, reference.ledger.order)
    assert pacspec.TransactionColumns(**mapping).client == "Code client"
