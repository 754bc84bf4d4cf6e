"""What the data commands print around their output follows the plan's language: the
hint lead of every problem (``conseil :`` for a French plan, like ``validate``), the notes
that point at the plan line behind a data problem, and the count of rows left out, which
is about the date being steered (the baseline's rows after the plan start are the year
being steered, not data left out)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN, run_main

PROBLEM = re.compile(r"^\S+: (error|warning|note)\[[a-z-]+\]", re.M)


@pytest.mark.parametrize("command", [
    ["evaluate", "-q"],
    ["track", "--as-of", "2026-09-30"],
])  # fmt: skip
def test_problem_hints_are_introduced_in_the_plans_language(
        command: list[str], tmp_path: Path) -> None:
    code, out, err = run_main([command[0], str(EXAMPLE_PLAN), *command[1:]], tmp_path)
    assert code == 0, err
    problems = [line for line in (out + err).splitlines() if PROBLEM.match(line)]
    hinted = [line for line in problems if line.endswith(")") and "(" in line]
    assert hinted, problems  # the example has warnings with hints (typology-mismatch)
    assert not [line for line in problems if "(hint: " in line]
    assert any("(conseil : " in line for line in problems)


def test_track_counts_the_rows_after_the_steering_date_only(tmp_path: Path) -> None:
    code, out, err = run_main(["track", str(EXAMPLE_PLAN), "--as-of", "2026-09-30"], tmp_path)
    assert code == 0, err
    notes = [line for line in (out + err).splitlines() if "note[rows-after-as-of]" in line]
    with (EXAMPLE_PLAN.parent / "data" / "transactions.csv").open(encoding="utf-8-sig") as f:
        dates = [dt.datetime.strptime(row["date"], "%d/%m/%Y").date()
                 for row in csv.DictReader(f, delimiter=";")]
    after = sum(d > dt.date(2026, 9, 30) for d in dates)
    assert 0 < after < sum(d > dt.date(2025, 12, 31) for d in dates)
    # one note, about the steering date; the lines after the baseline (31/12/2025) are
    # what is steered, and nothing says they are left out
    assert len(notes) == 1, notes
    shown = f"{after:,}".replace(",", "\u202f")
    assert f"{shown} lignes de transaction sur {len(dates):,}".replace(",", "\u202f") in notes[0]
    assert "datées après le 30/09/2026" in notes[0]


@pytest.mark.parametrize(("lang", "words"), [
    ([], ["impossible d'écrire le jeu de règles : ", " existe déjà (conseil : ajoutez --force "
          "pour le remplacer)"]),
    (["--lang", "en"], ["error[exists] the rule set ", " already exists; not replacing it "
                        "(hint: pass --force to replace it)"]),
])  # fmt: skip
def test_an_output_that_exists_is_refused_in_the_commands_language(
        lang: list[str], words: list[str], tmp_path: Path) -> None:
    (tmp_path / "mine.rules.yaml").write_text("kept\n", encoding="utf-8")
    code, _, err = run_main(["rules", "show", *lang, "profiles-fr", "-o", "mine.rules.yaml"],
                            tmp_path)
    assert code == 2 and all(w in err for w in words), err
    assert (tmp_path / "mine.rules.yaml").read_text(encoding="utf-8") == "kept\n"


def test_a_missing_folder_and_a_link_are_said_in_the_plans_language(tmp_path: Path) -> None:
    code, _, err = run_main(["report", str(EXAMPLE_PLAN), "-o", "nowhere/pac.md"], tmp_path)
    assert code == 2
    assert "impossible d'écrire le rapport nowhere/pac.md : le dossier nowhere n'existe pas " \
           "(conseil : créez d'abord le dossier)" in err
    (tmp_path / "target.md").write_text("kept\n", encoding="utf-8")
    (tmp_path / "link.md").symlink_to(tmp_path / "target.md")
    code, _, err = run_main(["report", str(EXAMPLE_PLAN), "-o", "link.md", "--force"], tmp_path)
    assert code == 2 and "link.md est un lien symbolique" in err
    assert (tmp_path / "target.md").read_text(encoding="utf-8") == "kept\n"


def test_a_missing_extra_is_said_in_the_plans_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    from pacspec.cli import main

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if the xlsx extra were missing
    assert main(["report", str(EXAMPLE_PLAN), "-o", str(tmp_path / "pac.xlsx"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "openpyxl n'est pas installé (conseil : installez l'extra xlsx : " \
           "pip install 'pacspec[xlsx]')" in err
    assert not list(tmp_path.iterdir())
