"""pacspec sync on the example plan: round trips, every editable field, layout kept, bad
cells and conflicts named by cell, several workbooks; through the API and through main()."""

from __future__ import annotations

import datetime as dt
import difflib
import io
from pathlib import Path

import openpyxl
import pytest
from conftest import run_main
from sync_helpers import ID_COLUMN, cell_of, copy_example, edit_workbook, make_workbook

from pacspec.loader import load_plan
from pacspec.model.actions import reading_at
from pacspec.session import sync
from pacspec.sync import SyncError

AS_OF = dt.date(2026, 10, 30)  # after the example's last readings (2026-09-30)
ON = dt.date(2026, 10, 31)


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


def _book(plan: Path, name: str = "pac.xlsx", **kwargs: object) -> Path:
    return make_workbook(plan, plan.parent.parent / name, AS_OF, **kwargs)  # type: ignore[arg-type]


def _errors(exc: pytest.ExceptionInfo[SyncError], code: str) -> list[str]:
    found = [p.file or "" for p in exc.value.problems if p.code == code]
    assert found, "\n".join(p.format() for p in exc.value.problems)
    return found


# ------------------------------------------------------------------------- round trips


def test_a_workbook_without_edits_changes_nothing_byte_for_byte(plan: Path) -> None:
    before = plan.read_bytes()
    book = _book(plan)
    code, out, err = run_main(["sync", book.name, "--on", ON.isoformat(), "--write"],
                              plan.parent.parent)
    assert code == 0, err
    assert out == ""
    assert "ne changent rien" in err
    assert plan.read_bytes() == before
    result = sync([book], plan, on=ON)
    assert not result.changed and result.new == before and result.diff.equal


def test_every_editable_field_round_trips(plan: Path) -> None:
    book = _book(plan, edits={
        ("vip-nautilus", "progress"): 0.55, ("vip-nautilus", "spent"): 5250.5,
        ("vip-nautilus", "comments"): "Relance : salon # 2, puis visite",
        ("fidelisation", "results"): "3 comptes relancés\n- 2 commandes\n  * suivi",
        ("supports-commerciaux", "comments"): "- catalogue livré",
        ("vip-comptes-cles", "spent"): 3500,  # the same as the plan: nothing to do
    })
    result = sync([book], plan, on=ON, write=True)
    assert result.written
    new = load_plan(plan).plan
    actions = {a.id: a for a in new.actions}
    assert reading_at(actions["vip-nautilus"].progress, ON) == (55.0, ON, True)
    assert reading_at(actions["vip-nautilus"].spent, ON) == (5250.5, ON, True)
    assert actions["vip-nautilus"].comments == "Relance : salon # 2, puis visite"
    assert actions["fidelisation"].results == "3 comptes relancés\n- 2 commandes\n  * suivi"
    assert actions["supports-commerciaux"].comments == "- catalogue livré"
    assert len(actions["vip-comptes-cles"].spent.readings) == 3  # type: ignore[union-attr]
    # a workbook of the synced plan, unedited, changes nothing more
    again = make_workbook(plan, plan.parent.parent / "again.xlsx", ON)
    assert not sync([again], plan, on=ON).changed


def test_only_the_edited_lines_change_comments_and_blank_lines_survive(plan: Path) -> None:
    old = plan.read_text(encoding="utf-8")
    book = _book(plan, edits={("vip-nautilus", "progress"): 0.5,
                              ("reconquete-inactifs", "comments"): "Rappeler les 20",
                              ("vip-nautilus", "comments"): "une: deux"})
    sync([book], plan, on=ON, write=True)
    new = plan.read_text(encoding="utf-8")
    removed = [line for line in difflib.ndiff(old.splitlines(), new.splitlines())
               if line.startswith("- ")]
    assert removed == [
        "-                {on: 2026-09-30, value: 40}]",
        "-     comments: Prévoir 3 visites par mois sur la période janvier à décembre",
    ]
    kept = [line for line in old.splitlines() if not line.strip() or line.strip().startswith("#")]
    new_lines = new.splitlines()
    assert [line for line in new_lines if not line.strip() or line.strip().startswith("#")] == kept
    assert "               {on: 2026-09-30, value: 40}, {on: 2026-10-31, value: 50}]" in new_lines
    assert "    comments: 'une: deux'" in new_lines
    assert "    comments: Rappeler les 20" in new_lines


def test_the_change_is_shown_as_a_diff_and_written_only_with_write(plan: Path) -> None:
    before = plan.read_bytes()
    book = _book(plan, edits={("vip-nautilus", "progress"): 0.6})
    code, out, err = run_main(["sync", book.name, "--on", ON.isoformat()], plan.parent.parent)
    assert code == 1, err
    assert "vip-nautilus" in out and "Avancement" in out and "2026-10-31, value: 60" in out
    assert "--write" in err
    assert plan.read_bytes() == before
    code, out, err = run_main(["sync", book.name, "plans/connect-plus.pac.yaml", "--on",
                               ON.isoformat(), "--write", "--format", "markdown"],
                              plan.parent.parent)
    assert code == 1, err
    assert out.startswith("### Plan")
    assert "mis à jour (1 champ(s))" in err
    assert plan.read_bytes() != before
    # once written, the same workbook asks for nothing more (same value, same date)
    code, out, err = run_main(["sync", book.name, "--on", ON.isoformat()], plan.parent.parent)
    assert (code, out) == (0, ""), err


def test_the_readings_date_defaults_to_the_workbook_save_date(plan: Path) -> None:
    book = _book(plan, edits={("vip-nautilus", "progress"): 0.45})
    saved = openpyxl.load_workbook(book).properties.modified.date()
    sync([book], plan, write=True)
    progress = {a.id: a for a in load_plan(plan).plan.actions}["vip-nautilus"].progress
    assert progress.readings[-1] == (saved, 45.0)  # type: ignore[attr-defined]


# ------------------------------------------------------------------------------ readings


def test_a_reading_on_the_last_date_replaces_it_and_an_earlier_one_is_refused(
        plan: Path) -> None:
    book = _book(plan, edits={("vip-nautilus", "progress"): 0.42})
    result = sync([book], plan, on=dt.date(2026, 9, 30), write=True)
    assert [n.code for n in result.notes] == ["sync-reading-replaced"]
    assert "(40 %)" in result.notes[0].message
    progress = {a.id: a for a in load_plan(plan).plan.actions}["vip-nautilus"].progress
    assert progress.readings[-1] == (dt.date(2026, 9, 30), 42.0)  # type: ignore[attr-defined]
    assert len(progress.readings) == 3  # type: ignore[attr-defined]
    before = plan.read_bytes()
    book = _book(plan, "late.xlsx", edits={("vip-nautilus", "spent"): 4500})
    with pytest.raises(SyncError) as info:
        sync([book], plan, on=dt.date(2026, 8, 31), write=True)
    where = _errors(info, "sync-reading-date")
    assert where == [f"{book}!PAC!{cell_of(book, 'vip-nautilus', 'spent')}"]
    assert plan.read_bytes() == before


def _undated(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8")
    text = text.replace("""progress: [{on: 2026-03-31, value: 15}, {on: 2026-06-30, value: 30},
               {on: 2026-09-30, value: 40}]""", "progress: 40  # estimated")
    plan.write_text(text, encoding="utf-8")


def test_an_undated_number_is_kept_as_the_reading_of_the_workbook_date(plan: Path) -> None:
    _undated(plan)
    book = _book(plan, edits={("vip-nautilus", "progress"): 0.5})
    result = sync([book], plan, on=ON, write=True)
    assert [n.code for n in result.notes] == ["sync-undated-kept"]
    assert "40 %" in result.notes[0].message and AS_OF.isoformat() in result.notes[0].message
    text = plan.read_text(encoding="utf-8")
    assert ("progress: [{on: 2026-10-30, value: 40}, {on: 2026-10-31, value: 50}]  # estimated"
            in text)


def test_an_undated_number_on_the_workbook_date_is_replaced_with_a_note(plan: Path) -> None:
    _undated(plan)
    book = _book(plan, edits={("vip-nautilus", "progress"): 0.5})
    result = sync([book], plan, on=AS_OF)
    assert [n.code for n in result.notes] == ["sync-undated-replaced"]
    with pytest.raises(SyncError) as info:
        sync([book], plan, on=AS_OF - dt.timedelta(days=1))
    _errors(info, "sync-reading-date")


def test_a_field_the_plan_does_not_state_is_added(plan: Path) -> None:
    text = plan.read_text(encoding="utf-8").replace(
        "    spent: [{on: 2026-06-30, value: 500}, {on: 2026-09-30, value: 1000}]\n", "")
    plan.write_text(text, encoding="utf-8")
    book = _book(plan, edits={("prospection-peche", "spent"): 1200,
                              ("prospection-peche", "results"): "12 rendez-vous"})
    sync([book], plan, on=ON, write=True)
    action = {a.id: a for a in load_plan(plan).plan.actions}["prospection-peche"]
    assert action.spent.readings == ((ON, 1200.0),)  # type: ignore[union-attr]
    assert action.results == "12 rendez-vous"


def test_an_emptied_text_removes_it(plan: Path) -> None:
    book = _book(plan, edits={("vip-nautilus", "comments"): None})
    sync([book], plan, on=ON, write=True)
    text = plan.read_text(encoding="utf-8")
    assert "Prévoir 3 visites" not in text
    assert {a.id: a for a in load_plan(plan).plan.actions}["vip-nautilus"].comments is None


# ---------------------------------------------------------------------------- bad input


def _pac_edit(book: Path, ref: str, value: object) -> None:
    wb = openpyxl.load_workbook(book)
    wb["PAC"][ref] = value
    wb.save(book)


@pytest.mark.parametrize(("field", "value", "code", "words"), [
    ("progress", "moitié", "sync-bad-value", "un pourcentage est attendu, trouvé moitié"),
    ("progress", 1.5, "sync-bad-value", "150"),
    ("spent", -20, "sync-bad-value", "est négatif"),
    ("spent", "beaucoup", "sync-bad-value", "un montant est attendu"),
    ("progress", "=C3*2", "sync-formula", "formule (=C3*2)"),
    ("progress", None, "sync-bad-value", "vidée"),
])
def test_a_bad_cell_is_named(plan: Path, field: str, value: object, code: str,
                             words: str) -> None:
    before = plan.read_bytes()
    book = _book(plan)
    ref = cell_of(book, "vip-nautilus", field)
    _pac_edit(book, ref, value)
    code_, out, err = run_main(["sync", book.name, "--on", ON.isoformat(), "--write"],
                               plan.parent.parent)
    assert code_ == 2
    assert f"pac.xlsx!PAC!{ref}: error[{code}]" in err, err
    assert words in err
    assert "Traceback" not in err and out == ""
    assert plan.read_bytes() == before


def test_a_deleted_row_a_sorted_table_and_typed_ids_are_named(plan: Path) -> None:
    book = _book(plan)
    row = int(cell_of(book, "vip-comptes-cles", "progress")[1:])
    wb = openpyxl.load_workbook(book)
    wb["PAC"].delete_rows(row)
    wb.save(book)
    with pytest.raises(SyncError) as info:
        sync([book], plan, on=ON)
    moved = _errors(info, "sync-row-moved")
    assert moved[0] == f"{book}!PAC!{ID_COLUMN}{row}"
    assert len(moved) == 1  # one problem, the rows shifted below it counted
    assert "vip-comptes-cles" in info.value.problems[0].message
    assert "autres lignes décalées" in info.value.problems[0].message

    book = _book(plan, "sorted.xlsx")  # two rows swapped (a sort)
    first = int(cell_of(book, "reconquete-inactifs", "progress")[1:])
    second = int(cell_of(book, "fidelisation", "progress")[1:])
    wb = openpyxl.load_workbook(book)
    ws = wb["PAC"]
    for column in "ABCDEFG":
        ws[f"{column}{first}"].value, ws[f"{column}{second}"].value = (
            ws[f"{column}{second}"].value, ws[f"{column}{first}"].value)
    wb.save(book)
    with pytest.raises(SyncError) as info:
        sync([book], plan, on=ON)
    assert _errors(info, "sync-row-moved") == [f"{book}!PAC!{ID_COLUMN}{first}"]
    assert "montre maintenant l'action fidelisation" in info.value.problems[0].message

    book = _book(plan, "typed.xlsx")
    row = int(cell_of(book, "fidelisation", "progress")[1:])
    wb = openpyxl.load_workbook(book)
    ws = wb["PAC"]
    ws[f"{ID_COLUMN}{row}"] = "fidelisation-2"
    ws[f"{ID_COLUMN}{ws.max_row + 1}"] = "nouvelle-action"
    wb.save(book)
    with pytest.raises(SyncError) as info:
        sync([book], plan, on=ON)
    typed = _errors(info, "sync-unknown-id")
    assert f"{book}!PAC!{ID_COLUMN}{row}" in typed
    assert any(w.startswith(f"{book}!PAC!G") and w != f"{book}!PAC!G{row}" for w in typed)


def test_a_workbook_pacspec_did_not_write_or_of_another_version(plan: Path) -> None:
    book = _book(plan)
    wb = openpyxl.load_workbook(book)
    del wb["_pacspec"]
    wb.save(book)
    code, _, err = run_main(["sync", book.name], plan.parent.parent)
    assert code == 2 and "pac.xlsx: error[sync-not-a-workbook]" in err, err
    assert "feuille masquée _pacspec" in err
    book = _book(plan, "v9.xlsx", version=9)
    code, _, err = run_main(["sync", book.name], plan.parent.parent)
    assert code == 2 and "v9.xlsx!_pacspec: error[sync-version]" in err, err
    text = plan.parent.parent / "notes.xlsx"
    text.write_text("pas un classeur", encoding="utf-8")
    code, _, err = run_main(["sync", text.name], plan.parent.parent)
    assert code == 2 and "notes.xlsx: error[io]" in err and "Traceback" not in err, err


def test_a_missing_plan_is_named(plan: Path) -> None:
    book = _book(plan, recorded_plan="ailleurs/plan.pac.yaml")
    code, _, err = run_main(["sync", book.name], plan.parent.parent)
    assert code == 2
    assert "error[sync-plan-missing]" in err and "ailleurs/plan.pac.yaml" in err
    assert "--plan" in err
    code, _, err = run_main(["sync", book.name, "--plan", "plans/connect-plus.pac.yaml",
                             "--on", ON.isoformat()], plan.parent.parent)
    assert code == 0, err
    code, _, err = run_main(["sync", book.name, "a.pac.yaml", "--plan", "b.pac.yaml"],
                            plan.parent.parent)
    assert code == 2 and "one plan" in err


def test_messages_follow_the_plan_locale(plan: Path) -> None:
    plan.write_text(plan.read_text(encoding="utf-8").replace("locale: fr", "locale: en"),
                    encoding="utf-8")
    book = _book(plan)
    _pac_edit(book, cell_of(book, "vip-nautilus", "progress"), "half")
    code, _, err = run_main(["sync", book.name], plan.parent.parent)
    assert code == 2 and "a percentage is expected, found half" in err, err


# ---------------------------------------------------------------------------- conflicts


def test_a_changed_plan_is_merged_field_by_field(plan: Path) -> None:
    book = _book(plan, edits={("vip-nautilus", "progress"): 0.5,
                              ("fidelisation", "comments"): "Point trimestriel fait"})
    text = plan.read_text(encoding="utf-8").replace(
        "    budget: 15000\n", "    budget: 16000\n")  # another field changed meanwhile
    plan.write_text(text, encoding="utf-8")
    result = sync([book], plan, on=ON, write=True)
    assert {(u.action, u.field) for u in result.updates} == {
        ("vip-nautilus", "progress"), ("fidelisation", "comments")}
    actions = {a.id: a for a in load_plan(plan).plan.actions}
    assert actions["vip-nautilus"].budget == 16000
    assert actions["fidelisation"].comments == "Point trimestriel fait"


def test_a_field_changed_in_the_plan_and_the_workbook_is_a_conflict(plan: Path) -> None:
    book = _book(plan, edits={("vip-nautilus", "progress"): 0.5,
                              ("vip-nautilus", "comments"): "Nouveau commentaire",
                              ("fidelisation", "results"): "ok"})
    text = plan.read_text(encoding="utf-8")
    text = text.replace("{on: 2026-09-30, value: 40}]", "{on: 2026-09-30, value: 40},\n"
                        "               {on: 2026-10-31, value: 45}]")
    text = text.replace("Prévoir 3 visites par mois", "Prévoir 4 visites par mois")
    plan.write_text(text, encoding="utf-8")
    before = plan.read_bytes()
    code, out, err = run_main(["sync", book.name, "--on", ON.isoformat(), "--write"],
                              plan.parent.parent)
    assert code == 2 and out == ""
    progress = cell_of(book, "vip-nautilus", "progress")
    comments = cell_of(book, "vip-nautilus", "comments")
    assert (f"pac.xlsx!PAC!{progress}: error[sync-conflict] $.actions[0].progress: "
            "Avancement de vip-nautilus : le plan a changé") in err, err
    assert "plan 45 %, classeur 50 %, à l'écriture 40 %" in err
    assert f"pac.xlsx!PAC!{comments}: error[sync-conflict] $.actions[0].comments" in err
    assert err.count("error[") == 2  # results of fidelisation merges cleanly
    assert plan.read_bytes() == before


def test_several_workbooks_are_merged(plan: Path) -> None:
    sed1 = _book(plan, "sed1.xlsx", owner="SED1",
                 edits={("reconquete-inactifs", "progress"): 0.7})
    sed3 = _book(plan, "sed3.xlsx", owner="SED3",
                 edits={("cross-selling-ais", "spent"): 2000,
                        ("prospection-peche", "comments"): "Salon de la pêche"})
    code, out, err = run_main(["sync", sed1.name, sed3.name, "--on", ON.isoformat(),
                               "--write"], plan.parent.parent)
    assert code == 1, err
    assert "reconquete-inactifs" in out and "cross-selling-ais" in out
    actions = {a.id: a for a in load_plan(plan).plan.actions}
    assert reading_at(actions["reconquete-inactifs"].progress, ON)[0] == 70
    assert reading_at(actions["cross-selling-ais"].spent, ON)[0] == 2000
    assert actions["prospection-peche"].comments == "Salon de la pêche"


def test_two_workbooks_changing_the_same_field_differently_conflict(plan: Path) -> None:
    a = _book(plan, "a.xlsx", edits={("fidelisation", "progress"): 0.7,
                                     ("vip-nautilus", "progress"): 0.5})
    b = _book(plan, "b.xlsx", edits={("fidelisation", "progress"): 0.75,
                                     ("vip-nautilus", "progress"): 0.5})
    before = plan.read_bytes()
    with pytest.raises(SyncError) as info:
        sync([a, b], plan, on=ON, write=True)
    ref = cell_of(a, "fidelisation", "progress")
    assert sorted(_errors(info, "sync-conflict")) == [f"{a}!PAC!{ref}", f"{b}!PAC!{ref}"]
    assert f"{b}!PAC!{ref} (75 %)" in info.value.problems[0].message
    assert plan.read_bytes() == before
    # the same value in both is one change
    edit_workbook(b, {("fidelisation", "progress"): 0.7})
    result = sync([a, b], plan, on=ON)
    assert {(u.action, u.field) for u in result.updates} == {
        ("fidelisation", "progress"), ("vip-nautilus", "progress")}


def test_a_bom_and_crlf_line_ends_are_kept(plan: Path) -> None:
    data = plan.read_bytes().replace(b"\n", b"\r\n")
    plan.write_bytes(b"\xef\xbb\xbf" + data)
    book = _book(plan, edits={("vip-nautilus", "progress"): 0.5,
                              ("fidelisation", "results"): "un\ndeux"})
    sync([book], plan, on=ON, write=True)
    new = plan.read_bytes()
    assert new.startswith(b"\xef\xbb\xbf")
    assert new.count(b"\n") == new.count(b"\r\n") > data.count(b"\r\n")
    action = {a.id: a for a in load_plan(plan).plan.actions}["fidelisation"]
    assert action.results == "un\ndeux"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("answer", "written"), [("o", True), ("", False)])
def test_on_a_terminal_sync_asks_before_writing(plan: Path, monkeypatch: pytest.MonkeyPatch,
                                                answer: str, written: bool) -> None:
    from pacspec.cli import main

    before = plan.read_bytes()
    book = _book(plan, edits={("vip-nautilus", "progress"): 0.5})
    asked: list[str] = []
    monkeypatch.chdir(plan.parent.parent)
    monkeypatch.setattr("sys.stdin", _Terminal())
    monkeypatch.setattr("sys.stdout", _Terminal())
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or answer)
    assert main(["sync", book.name, "--on", ON.isoformat()]) == 1
    assert asked == [f"Écrire ces changements dans {plan} ? [o/N] "]
    assert (plan.read_bytes() != before) is written


def test_a_lower_reading_is_written_with_the_lint_warning_shown(plan: Path) -> None:
    book = _book(plan, edits={("vip-nautilus", "spent"): 3500})  # below 4000 on 2026-09-30
    code, _, err = run_main(["sync", book.name, "--on", ON.isoformat(), "--write"],
                            plan.parent.parent)
    assert code == 1, err
    assert "warning[" in err and "spent" in err and "(conseil : " in err
    spent = {a.id: a for a in load_plan(plan).plan.actions}["vip-nautilus"].spent
    assert spent.readings[-1] == (ON, 3500.0)  # type: ignore[union-attr]
