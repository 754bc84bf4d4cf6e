"""What reading says about rows it keeps: rows dated after as_of counted, day/month dates
that nothing in the file decides, a file aligned with spaces; in the plan's locale."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ingest_helpers import write

from pacspec import evaluate, load_plan_text
from pacspec.diagnostics import LedgerError
from pacspec.ingest import after_as_of_notes, load_ledger

HEADER = ("pacspec: 1\nheader: {company: T, business_unit: U, budget_year: 2026, "
          "plan_start: 2026-01-01}\n")


def plan(tmp_path: Path, locale: str = "fr") -> object:
    return load_plan_text(HEADER + f"locale: {locale}\n", "plan.pac.yaml", tmp_path)


# ----------------------------------------------------------------- rows after as_of


def test_rows_after_as_of_are_counted_whenever_some_are(tmp_path: Path) -> None:
    tx = write(tmp_path / "t.csv", "client;date;amount\n" + "".join(
        f"C{i % 3};{d}/01/2025;1\n" for i, d in enumerate(range(10, 30))))
    ledger = load_ledger(tx)
    (note,) = after_as_of_notes(ledger, dt.date(2025, 1, 24))  # 25..29 are after
    assert (note.severity, note.code, note.file) == ("note", "rows-after-as-of", None)
    assert note.message == ("5 of 20 transaction rows are dated after as_of 2025-01-24 (up to "
                            "2025-01-29) and left out")
    (one,) = after_as_of_notes(ledger, dt.date(2025, 1, 28))
    assert one.message.startswith("1 of 20 transaction rows is dated after")
    assert after_as_of_notes(ledger, dt.date(2025, 1, 29)) == []  # none after
    assert after_as_of_notes(ledger, dt.date(2024, 1, 1)) == []  # all: the analysis says it

    fr = evaluate(plan(tmp_path), transactions=tx, as_of=dt.date(2025, 1, 24))
    (worded,) = [p for p in fr.problems if p.code == "rows-after-as-of"]
    assert worded.message == ("5 lignes de transaction sur 20 sont datées après le 24/01/2025 "
                              "(jusqu'au 29/01/2025) et laissées de côté")
    assert worded.file == "plan.pac.yaml"  # the analysis' as_of leaves them out
    en = evaluate(plan(tmp_path, "en"), transactions=tx, as_of=dt.date(2025, 1, 24))
    assert [p.message for p in en.problems if p.code == "rows-after-as-of"] == [note.message]
    last = evaluate(plan(tmp_path), transactions=tx)  # as_of: the last date
    assert "rows-after-as-of" not in {p.code for p in last.problems}


def test_rows_after_as_of_of_a_frame(tmp_path: Path) -> None:
    ledger = load_ledger({"client": ["A", "B"], "date": ["2025-01-01", "2025-02-01"],
                          "amount": [1.0, 2.0]})
    (note,) = after_as_of_notes(ledger, dt.date(2025, 1, 15))
    assert note.file is None and note.message.startswith("1 of 2 transaction rows is dated")


# ------------------------------------------------------------------ ambiguous dates


AMBIGUOUS = "client;date;amount\nA;03/04/2025;1\nB;05/04/2025;2\nA;04/04/2025;3\nB;;4\n"


def test_day_month_dates_no_day_above_12_decides_are_a_warning(tmp_path: Path) -> None:
    tx = write(tmp_path / "t.csv", AMBIGUOUS)
    ledger = load_ledger(tx, bad_rows="skip")
    notes = [p for p in ledger.reports[0].problems() if p.code == "ambiguous-date"]
    (note,) = notes
    assert (note.severity, note.file, note.path) == (
        "warning", str(tx), ("data", "transactions", "csv", "date_format"))
    assert note.message == (
        "all 3 dates in column 'date' have a day and a month of 12 or less (such as "
        "'03/04/2025'): they are read day first (dd/mm), which nothing in the file confirms")
    assert note.hint == "if the month comes first, set csv.date_format: '%m/%d/%Y'"
    assert ledger.first_date == dt.date(2025, 4, 3)  # read day first
    month_first = load_ledger(tx, csv={"date_format": "%m/%d/%Y"}, bad_rows="skip")
    assert month_first.first_date == dt.date(2025, 3, 4)
    assert not [p for p in month_first.reports[0].problems() if p.code == "ambiguous-date"]

    ev = evaluate(plan(tmp_path), transactions=tx, bad_rows="skip")
    (worded,) = [p for p in ev.problems if p.code == "ambiguous-date"]
    assert worded.message.startswith("les 3 dates de la colonne 'date' ont toutes un jour et "
                                     "un mois inférieurs ou égaux à 12 (par exemple "
                                     "'03/04/2025') : elles sont lues jour en premier")
    assert worded.hint == "si le mois vient en premier, indiquez csv.date_format: '%m/%d/%Y'"


@pytest.mark.parametrize("text", [
    "client;date;amount\nA;03/04/2025;1\nB;13/04/2025;2\n",  # a day above 12 decides
    "client;date;amount\nA;2025-03-04;1\nB;2025-04-05;2\n",  # ISO: no question
    "client;date;amount\nA;03/03/2025;1\nB;04/04/2025;2\n",  # day = month: same reading
])
def test_dates_that_decide_are_not_ambiguous(tmp_path: Path, text: str) -> None:
    ledger = load_ledger(write(tmp_path / "t.csv", text))
    assert "ambiguous-date" not in {p.code for p in ledger.reports[0].problems()}


def test_ambiguous_short_dates_in_a_frame(tmp_path: Path) -> None:
    ledger = load_ledger({"client": ["A", "B"], "date": ["03.04.25", "01.02.25"],
                          "amount": [1.0, 2.0]})
    (note,) = [p for p in ledger.reports[0].problems() if p.code == "ambiguous-date"]
    assert note.file is None and note.hint is not None and "'%m.%d.%y'" in note.hint


# ------------------------------------------------------------- aligned with spaces


def test_a_file_aligned_with_spaces_is_one_clear_error(tmp_path: Path) -> None:
    text = ("client     date          amount\n"
            "C1         15/01/2025     12,50\n"
            "C22        16/01/2025    100,00\n")
    tx = write(tmp_path / "t.txt", text)
    with pytest.raises(LedgerError) as info:
        load_ledger(tx)
    (problem,) = info.value.problems
    assert (problem.code, problem.file, problem.line) == ("aligned-text", str(tx), 1)
    assert problem.message == (
        f"the transactions file {tx} looks aligned with spaces: its header 'client     date"
        "          amount' holds 3 names separated by runs of spaces, not by a delimiter, so "
        "its columns cannot be told apart")
    assert problem.hint is not None and problem.hint.startswith("export the data again as CSV")
    register = write(tmp_path / "c.txt", "client   name\nC1       Un\n")
    good = write(tmp_path / "t.csv", "client;date;amount\nC1;15/01/2025;1\n")
    with pytest.raises(LedgerError) as info:
        load_ledger(good, register)
    assert [p.code for p in info.value.problems] == ["aligned-text"]
    # one name with single spaces is a header, not an aligned file
    with pytest.raises(LedgerError) as info:
        load_ledger(write(tmp_path / "one.csv", "code client\nC1\n"))
    assert {p.code for p in info.value.problems} == {"missing-column"}
