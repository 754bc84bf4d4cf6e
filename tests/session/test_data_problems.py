"""Problems about the data: placed in the plan when the plan's data section is the cause,
as_of before every transaction, empty and short CSV files; and the condition models they
are evaluated with."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from pacspec import evaluate, load_plan_text
from pacspec.diagnostics import LedgerError, Problem
from pacspec.engine.rules import ConditionContext, condition_mask, numeric_mask
from pacspec.ingest import load_ledger
from pacspec.model.conditions import AttributeTest, Condition, NumericTest
from pacspec.schema import field_description
from pacspec.session import Session

# the package re-exports the function evaluate under the module's name
session_module = importlib.import_module("pacspec.session")
conditions_module = importlib.import_module("pacspec.model.conditions")

HEADER = "pacspec: 1\nheader: {company: T, business_unit: U, budget_year: 2026, " \
         "plan_start: 2026-01-01}\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def plan_in(tmp_path: Path, data: str = "") -> object:
    return load_plan_text(HEADER + data, "plan.pac.yaml", tmp_path)


def ledger_problems(tmp_path: Path, data: str, **kw: object) -> list[Problem]:
    with pytest.raises(LedgerError) as info:
        Session.open(plan_in(tmp_path, data), check=False, **kw)  # type: ignore[arg-type]
    return info.value.problems


def line_of(text: str, needle: str) -> int:
    return next(i for i, t in enumerate((HEADER + text).splitlines(), 1) if needle in t)


# ---- 1. data problems keep the plan position ----------------------------------------


def test_missing_column_gets_a_note_at_the_plan_line_that_maps_it(tmp_path: Path) -> None:
    write(tmp_path / "t.csv", "client;date;amount\nA;01/02/2025;3\n")
    data = "data:\n  transactions:\n    path: t.csv\n    columns: {order: invoice}\n"
    error, note = ledger_problems(tmp_path, data)
    assert error.code == "missing-column" and error.severity == "error"
    assert error.file == str(tmp_path / "t.csv") and error.line == 1  # the data file stays
    assert note.severity == "note" and note.code == "missing-column"
    assert note.json_path == error.json_path == "$.data.transactions.columns.order"
    assert note.file == "plan.pac.yaml" and note.line == line_of(data, "columns:")
    assert "vaut ici 'invoice'" in note.message  # the plan's locale: French


def test_missing_default_column_note_says_the_default_is_used(tmp_path: Path) -> None:
    write(tmp_path / "t.csv", "client;date;montant\nA;01/02/2025;3\n")
    data = "data:\n  transactions:\n    path: t.csv\n"
    error, note = ledger_problems(tmp_path, data)
    assert error.code == "missing-column" and note.json_path == "$.data.transactions.columns.amount"
    assert note.file == "plan.pac.yaml" and note.line == line_of(data, "transactions:") + 1
    assert "n'est pas défini dans le plan : sa valeur par défaut 'amount' s'applique" in note.message


def test_missing_register_column_is_noted_in_the_plan(tmp_path: Path) -> None:
    write(tmp_path / "t.csv", "client;date;amount\nA;01/02/2025;3\n")
    write(tmp_path / "c.csv", "code;name\nA;Alpha\n")
    data = ("data:\n  transactions: {path: t.csv}\n  clients:\n    path: c.csv\n"
            "    columns: {id: client_id}\n")
    error, note = ledger_problems(tmp_path, data)
    assert error.code == "missing-column" and error.file == str(tmp_path / "c.csv")
    assert note.json_path == "$.data.clients.columns.id" and note.line == line_of(data, "id: client")


def test_io_problem_of_a_plan_named_file_carries_the_plan_path(tmp_path: Path) -> None:
    write(tmp_path / "t.csv", "client;date;amount\nA;01/02/2025;3\n")
    data = "data:\n  transactions: {path: t.csv}\n  clients:\n    path: nowhere.csv\n"
    error, note = ledger_problems(tmp_path, data)
    assert error.code == "io" and error.file == str(tmp_path / "nowhere.csv")
    assert error.json_path == "$.data.clients.path"
    assert note.code == "io" and note.json_path == "$.data.clients.path"
    assert note.file == "plan.pac.yaml" and note.line == line_of(data, "nowhere.csv")


def test_note_is_keyed_on_the_path_not_the_message(tmp_path: Path) -> None:
    loaded = plan_in(tmp_path, "data:\n  transactions:\n    path: t.csv\n")
    odd = Problem("error", "io", "some other wording", file="t.csv",
                  path=("data", "transactions", "path"))
    out = session_module._data_problems_in_plan(loaded, [odd])
    assert out[0] == odd and out[1].severity == "note"
    assert out[1].file == "plan.pac.yaml" and out[1].line == 5


def test_a_file_given_explicitly_gets_no_plan_note(tmp_path: Path) -> None:
    (error,) = ledger_problems(tmp_path, "data:\n  transactions: {path: t.csv}\n",
                               transactions=tmp_path / "other.csv")
    assert error.code == "io" and error.path is None and error.file == str(tmp_path / "other.csv")


def test_no_data_names_the_plan_file_and_says_how_to_fix_it(tmp_path: Path) -> None:
    (problem,) = ledger_problems(tmp_path, "")
    assert problem.code == "no-data" and problem.file == "plan.pac.yaml"
    assert problem.line is not None
    assert problem.hint is not None
    assert "data.transactions.path" in problem.hint and "--transactions" in problem.hint
    assert "<input>" not in problem.format()


# ---- 2. as_of before every transaction ------------------------------------------------


TX = {"client": ["A", "A", "B"],
      "date": [dt.date(2025, 2, 1), dt.date(2025, 5, 1), dt.date(2025, 6, 1)],
      "amount": [10.0, 20.0, 5.0]}


def test_as_of_before_all_data_warns_and_counts_the_rows_left_out(tmp_path: Path) -> None:
    ev = evaluate(plan_in(tmp_path), transactions=TX, as_of=dt.date(2000, 1, 1))
    found = {p.code: p for p in ev.problems}
    warning = found["no-data-before-as-of"]
    assert warning.severity == "warning" and warning.file == "plan.pac.yaml"
    assert "01/01/2000" in warning.message and "01/02/2025" in warning.message  # French plan
    note = found["after-as-of"]
    assert note.severity == "note" and "les 3 lignes de transaction" in note.message


def test_the_engine_problems_follow_the_plan_locale(tmp_path: Path) -> None:
    """The engine gives reason codes; the session writes them in the plan's locale, the
    code, position and values unchanged."""
    worded = {}
    for locale in ("fr", "en"):
        plan = load_plan_text(HEADER + f"locale: {locale}\n", "plan.pac.yaml", tmp_path)
        ev = evaluate(plan, transactions=TX, as_of=dt.date(2000, 1, 1))
        worded[locale] = {p.code: p for p in ev.problems}
    fr, en = worded["fr"]["no-data-before-as-of"], worded["en"]["no-data-before-as-of"]
    assert (fr.file, fr.line, fr.reason) == (en.file, en.line, en.reason)
    assert fr.message.startswith("aucune transaction n'est datée du 01/01/2000 ou avant")
    assert en.message.startswith("no transaction is on or before as_of 2000-01-01")
    assert fr.hint == "donnez une date d'analyse au 01/02/2025 ou après (--as-of AAAA-MM-JJ)"
    assert en.hint == "give an as_of on or after 2025-02-01 (--as-of YYYY-MM-DD)"
    assert worded["en"]["after-as-of"].message.startswith("all 3 transaction rows are dated")


def test_as_of_inside_the_data_adds_no_warning(tmp_path: Path) -> None:
    ev = evaluate(plan_in(tmp_path), transactions=TX, as_of=dt.date(2025, 3, 1))
    assert not {p.code for p in ev.problems} & {"no-data-before-as-of", "after-as-of"}


# ---- 3. attribute tests share the numeric checks ------------------------------------


@pytest.mark.parametrize("test", [{"between": [10, 1]}, {"gt": float("nan")},
                                  {"eq": float("nan")}, {"between": [0, float("nan")]}, {}])
def test_attribute_tests_are_checked_like_numeric_tests(test: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Condition.model_validate({"attributes": {"potential": test}})
    if test:
        with pytest.raises(ValidationError):
            Condition.model_validate({"revenue": test})


def test_attribute_nan_in_a_plan_file_is_an_error(tmp_path: Path) -> None:
    text = "segments:\n  - {id: s, label: S, when: {attributes: {potential: {gt: .nan}}}}\n"
    with pytest.raises(Exception, match="NaN"):
        load_plan_text(HEADER + text, "plan.pac.yaml", tmp_path)


def test_attribute_tests_keep_set_keys_and_text_eq() -> None:
    test = AttributeTest.model_validate({"eq": "Bretagne"})
    assert test.eq == "Bretagne"
    assert AttributeTest.model_validate({"in": ["x", 2]}).in_ == ["x", 2]
    values = np.array([1.0, 5.0, np.nan, 20.0])
    both = AttributeTest.model_validate({"gte": 5, "lte": 20})
    assert numeric_mask(values, both).tolist() == [False, True, False, True]
    assert numeric_mask(values, NumericTest(between=(5, 20))).tolist() == [
        False, True, False, True]
    assert numeric_mask(values, test).tolist() == [True, True, False, True]  # text eq ignored


def test_numeric_attribute_condition_still_evaluates() -> None:
    ctx = ConditionContext(n=3, columns={}, attributes={"potential": np.array([1.0, 50.0,
                                                                              np.nan])},
                           n_periods=4)
    cond = Condition.model_validate({"attributes": {"potential": {"between": [10, 100]}}})
    assert condition_mask(cond, ctx).tolist() == [False, True, False]


# ---- 4. r/f/m docs say what the engine does -----------------------------------------


def test_score_docs_say_non_buyers_never_match(tmp_path: Path) -> None:
    for name in ("r", "f", "m"):
        description = field_description(Condition, name) or ""
        assert "0 for" not in description and "never match" in description
    register = {"client": ["A", "P"]}
    plan = plan_in(tmp_path, "segments:\n  - {id: low, label: Low, when: {r: {lte: 5}}}\n")
    ev = evaluate(plan, transactions={"client": ["A"], "date": [dt.date(2025, 5, 1)],
                                      "amount": [1.0]}, clients=register,
                  as_of=dt.date(2025, 12, 31))
    assert np.isnan(ev.columns["r"][1])
    assert ev.columns["segment"].codes.tolist() == [0, -1]


# ---- 5. dead code -------------------------------------------------------------------


def test_dead_code_is_gone() -> None:
    assert not hasattr(Condition, "is_empty")
    assert not hasattr(conditions_module, "RULE_METRICS")
    assert not hasattr(session_module, "as_loaded")


# ---- 6. empty files and short rows --------------------------------------------------


def test_completely_empty_file_is_one_problem(tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "t.csv", ""))
    (problem,) = info.value.problems
    assert problem.code == "empty-file" and problem.file == str(tmp_path / "t.csv")
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "u.csv", "client;date;amount\nA;01/02/2025;1\n"),
                    write(tmp_path / "c.csv", "\n\n"))
    assert [p.code for p in info.value.problems] == ["empty-file"]
    assert load_ledger(write(tmp_path / "h.csv", "client;date;amount\n")).n_transactions == 0


def test_short_row_is_its_own_bad_row_kind(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "client;date;amount\nA;13/02/2025;1\nB;02/02/2025\n")
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    (problem,) = info.value.problems
    assert problem.code == "bad-rows" and problem.line == 3
    assert "fewer fields than the header" in problem.message
    assert "expected 3 fields, found 2" in problem.message
    assert "amount" not in problem.message
    ledger = load_ledger(path, bad_rows="skip")
    (report,) = ledger.reports
    assert report.counts == {"short-row": 1} and ledger.n_transactions == 1


def test_short_row_lacking_only_unmapped_columns_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "client;date;amount;comment\nA;01/02/2025;1\n")
    ledger = load_ledger(path)
    assert ledger.n_transactions == 1 and ledger.amount.tolist() == [1.0]


# ---- ingestion problems in the plan's language (issue 12) --------------------------------

BAD_ROWS = ("client;date;invoice;amount;quantity\n"
            "A;01/02/2025;F1;12,50;1\n"
            ";02/02/2025;F2;3;1\n"            # line 3: no client
            "B;pas une date;F3;4;1\n"          # line 4: a bad date
            "C;03/02/2025;F4;douze;1\n"        # line 5: a bad amount
            "D;04/02/2025;F5;5;un\n"           # line 6: a bad quantity
            "E;05/02/2025\n")                  # line 7: too few fields


def _data(locale: str) -> str:
    return (f"locale: {locale}\ndata:\n  transactions:\n    path: t.csv\n"
            "    columns: {order: invoice, quantity: quantity}\n")


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_bad_rows_are_said_in_the_plan_language(tmp_path: Path, locale: str) -> None:
    write(tmp_path / "t.csv", BAD_ROWS)
    problems = [p for p in ledger_problems(tmp_path, _data(locale)) if p.code == "bad-rows"]
    by_line = {p.line: p for p in problems}
    assert sorted(by_line) == [3, 4, 5, 6, 7]
    assert all(p.severity == "error" and p.code == "bad-rows" for p in problems)  # unchanged
    words = {
        "fr": {3: "1 ligne sans identifiant client dans la colonne 'client' (ligne 3)",
               4: "1 ligne avec une date illisible dans la colonne 'date' (ligne 4) : attendu "
                  "jj/mm/aaaa, jj/mm/aa, aaaa-mm-jj ou aaaammjj (ou indiquez csv.date_format), "
                  "trouvé 'pas une date'",
               5: "1 ligne avec un montant illisible dans la colonne 'amount' (ligne 5) : "
                  "attendu un nombre comme 1 234,50, trouvé 'douze'",
               6: "1 ligne avec une quantité illisible dans la colonne 'quantity' (ligne 6)",
               7: "1 ligne avec moins de champs que l'en-tête (ligne 7) : attendu 5 champs, "
                  "trouvé 2"},
        "en": {3: "1 row with no client id in column 'client' (row 3)",
               4: "1 row with an unparsable date in column 'date' (row 4): expected "
                  "dd/mm/yyyy, dd/mm/yy, yyyy-mm-dd or yyyymmdd (or set csv.date_format), "
                  "found 'pas une date'",
               5: "1 row with an unparsable amount in column 'amount' (row 5): expected a "
                  "number such as 1 234,50, found 'douze'",
               6: "1 row with an unparsable quantity in column 'quantity' (row 6)",
               7: "1 row with fewer fields than the header (row 7): expected 5 fields, "
                  "found 2"},
    }[locale]
    for line, text in words.items():
        assert by_line[line].message.startswith(text), (line, by_line[line].message)
    hint = {"fr": "corrigez ces lignes, ou indiquez data.bad_rows: skip",
            "en": "fix the rows, or set data.bad_rows: skip"}[locale]
    assert all((p.hint or "").startswith(hint) for p in problems)


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_skipped_rows_and_ambiguous_numbers_are_warned_in_the_plan_language(
    tmp_path: Path, locale: str
) -> None:
    write(tmp_path / "t.csv", "client;date;amount\nA;01/02/2025;12.345\nB;13/02/2025;x\n")
    session = Session.open(plan_in(tmp_path, _data(locale).replace(
        "    columns: {order: invoice, quantity: quantity}\n", "")), check=False,
        bad_rows="skip")  # type: ignore[arg-type]
    warnings = {p.code: p for p in session._ledger_problems()}
    dropped, ambiguous = warnings["bad-rows"], warnings["ambiguous-number"]
    if locale == "fr":
        assert dropped.message.startswith("1 ligne avec un montant illisible dans la colonne "
                                          "'amount' (ligne 3)")
        assert dropped.hint == "ces lignes ont été écartées"
        assert ambiguous.message.startswith("1 valeur comme '12.345' dans la colonne 'amount' "
                                            ": '.' y est lu comme séparateur de milliers "
                                            "('12.345' = 12345)")
        assert ambiguous.hint is not None and ambiguous.hint.startswith(
            "si '.' est la marque décimale, indiquez csv.decimal: '.'")
    else:
        assert dropped.message.startswith("1 row with an unparsable amount in column 'amount' "
                                          "(row 3)")
        assert dropped.hint == "these rows were dropped"
        assert ambiguous.message.startswith("1 value such as '12.345' in column 'amount' read "
                                            "as 12345, with '.' as the thousands separator")


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_mixed_encodings_are_said_in_the_plan_language(tmp_path: Path, locale: str) -> None:
    text = "client;date;amount\nSÈTE;01/02/2025;1\nNÎMES;02/02/2025;2\nAGDE;03/02/2025;3\n"
    raw = text.encode("utf-8").replace("NÎMES".encode(), "NÎMES".encode("cp1252"))
    (tmp_path / "t.csv").write_bytes(raw)
    data = _data(locale).replace("    columns: {order: invoice, quantity: quantity}\n", "")
    (problem, *_) = [p for p in ledger_problems(tmp_path, data) if p.code == "encoding"]
    assert problem.line == 3
    assert problem.message == {
        "fr": "encodages mélangés : 1 ligne est en cp1252 alors que le reste du fichier est en "
              "UTF-8 (ligne 3)",
        "en": "mixed encodings: 1 row is in cp1252 while the rest of the file is UTF-8 "
              "(rows 3)"}[locale]
    assert (problem.hint or "").startswith(
        {"fr": "réexportez le fichier", "en": "re-export the file"}[locale])
