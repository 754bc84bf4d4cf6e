"""Headers first for the register: the columns IPO/IPA, the portfolio and the typologies
read are checked in the register's header, before any row is parsed, one error each."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
from conftest import REPO
from ingest_helpers import write

from pacspec import evaluate, load_plan
from pacspec.diagnostics import LedgerError
from pacspec.ingest.needs import register_needs


def example(tmp_path: Path) -> Path:
    for folder in ("data", "rules"):
        shutil.copytree(REPO / "plans" / folder, tmp_path / folder)
    shutil.copy(REPO / "plans" / "connect-plus.pac.yaml", tmp_path / "plan.pac.yaml")
    return tmp_path / "plan.pac.yaml"


def test_the_example_needs_its_notes_potential_and_typology_columns(tmp_path: Path) -> None:
    plan = load_plan(example(tmp_path)).plan
    needs = {n.column: n.path for n in register_needs(plan)}
    assert needs == {"ipo_size": ("ipo_ipa", "ipo", 0),
                     "ipo_growth": ("ipo_ipa", "ipo", 1),
                     "ipo_range": ("ipo_ipa", "ipo", 2),
                     "ipa_relation": ("ipo_ipa", "ipa", 0),
                     "ipa_competition": ("ipo_ipa", "ipa", 1),
                     "ipa_distance": ("ipo_ipa", "ipa", 2),
                     "potential": ("portfolio", "attribute"),
                     "typology": ("typologies", 0)}


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_missing_register_columns_are_errors_at_the_header(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locale: str
) -> None:
    path = example(tmp_path)
    plan_text = path.read_text(encoding="utf-8")
    assert "\nlocale: fr\n" in plan_text
    path.write_text(plan_text.replace("\nlocale: fr\n", f"\nlocale: {locale}\n"), "utf-8")
    register = tmp_path / "data" / "clients.csv"
    text = register.read_text("utf-8-sig")
    header, body = text.split("\n", 1)
    renamed = header.replace("potential", "potentiel").replace(";ipa_distance", ";ipa_dist")
    # the body keeps the typology field: every row would be too long if it were parsed
    write(register, renamed.replace(";typology", "") + "\n" + body)

    register_module = importlib.import_module("pacspec.ingest.register")

    def never(*args: object, **kw: object) -> None:
        raise AssertionError("the register body was read before its header was checked")

    monkeypatch.setattr(register_module, "_attribute", never)
    with pytest.raises(LedgerError) as info:
        evaluate(path, check=False)
    missing = [p for p in info.value.problems if p.code == "missing-column"]
    assert [(p.path, p.line, p.file) for p in missing] == [
        (("ipo_ipa", "ipa", 2), 1, str(register)),
        (("portfolio", "attribute"), 1, str(register)),
        (("typologies", 0), 1, str(register)),
    ]
    # in the plan's language (the API's own words are English)
    if locale == "fr":
        assert missing[0].message.startswith(
            "pas de colonne 'ipa_distance' pour les notes du critère IPA 'ipa_distance' dans "
            f"le fichier clients {register} ; colonnes trouvées : 'client', 'name', 'region'")
        assert missing[0].hint == (
            "vouliez-vous dire 'ipa_dist' ? ajoutez la colonne au fichier clients, ou indiquez "
            "la colonne des notes dans ipo_ipa.ipa[2].attribute")
        assert "vouliez-vous dire 'potentiel' ? " in (missing[1].hint or "")
        assert missing[2].hint == ("ajoutez une colonne typology au fichier clients, ou une "
                                   "condition 'when' à la typologie")
    else:
        assert missing[0].message.startswith(
            "no column 'ipa_distance' for the notes of IPA criterion 'ipa_distance' in the "
            f"client register {register}; columns found: 'client', 'name', 'region'")
        assert missing[0].hint == (
            "did you mean 'ipa_dist'? add the column to the register, or set "
            "ipo_ipa.ipa[2].attribute to the column of notes")
        assert "did you mean 'potentiel'?" in (missing[1].hint or "")
    assert missing[1].hint is not None and "portfolio.attribute" in missing[1].hint


def test_notes_stated_in_the_plan_need_no_column(tmp_path: Path) -> None:
    plan = load_plan(example(tmp_path)).plan
    assert plan.ipo_ipa is not None
    plan.ipo_ipa.notes = {"C0001": {"ipo_size": 3.0}}
    assert "ipo_size" not in {n.column for n in register_needs(plan)}


def test_no_register_at_all_is_said_at_the_header_for_every_need(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without data.clients, each register column the plan reads is an error at the plan key
    that needs it, all at once, before any transaction row is parsed (the analysis used to
    stop at the first one, after reading everything)."""
    path = example(tmp_path)
    plan = load_plan(path).plan
    transactions_module = importlib.import_module("pacspec.ingest.read")

    def never(*args: object, **kw: object) -> None:
        raise AssertionError("the transactions were read before the needs were checked")

    monkeypatch.setattr(transactions_module, "read_transactions", never)
    data = plan.data.model_copy(update={"clients": None})
    from pacspec.ingest import load_ledger_for_plan

    with pytest.raises(LedgerError) as info:
        load_ledger_for_plan(data, tmp_path, needs=register_needs(plan))
    problems = info.value.problems
    assert [p.path for p in problems] == [n.path for n in register_needs(plan)]
    assert all(p.code == "missing-column" and p.severity == "error" for p in problems)
    first = problems[0]
    assert "no client register" in first.message and "'ipo_size'" in first.message
    assert first.hint is not None and "data.clients.path" in first.hint
    assert "ipo_ipa.notes" in first.hint


def test_no_register_problems_are_placed_in_the_plan(tmp_path: Path) -> None:
    path = example(tmp_path)
    lines = path.read_text("utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("  clients: {")),
                    "utf-8")  # the example's data.clients is one line
    plan = load_plan(path).plan
    assert plan.data.clients is None
    with pytest.raises(LedgerError) as info:
        evaluate(path, check=False)
    problems = info.value.problems
    assert len(problems) == len(register_needs(plan))
    assert all(p.file == str(path) and p.line is not None for p in problems)
    # in the plan's language (the example is French); the English is load_ledger's, above
    first = problems[0]
    assert first.message == ("aucun fichier clients où lire la colonne 'ipo_size' (les notes "
                             "du critère IPO 'ipo_size') : data.clients n'en nomme pas")
    assert first.hint == ("indiquez un fichier clients avec la colonne 'ipo_size' dans "
                          "data.clients.path (ou --clients FICHIER), ou indiquez les notes de "
                          "'ipo_size' dans le plan (ipo_ipa.notes)")
