"""The working workbook (issue 15): the PAC sheet a team edits and ``pacspec sync`` reads
back, reopened with openpyxl. Protection, unlocked input cells, data validation, locked
computed cells, the very hidden ``_pacspec`` sheet (plan path, hash, original values) and
the per-owner workbooks (``--owner``). LibreOffice is not installed where these tests were
written: only openpyxl reads the files here."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE_PLAN, REPO, run_main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_helpers import example_session

from pacspec.loader import load_plan
from pacspec.model.actions import reading_at
from pacspec.report.document import Document, build_document
from pacspec.report.sections.pac_table import EDITABLE
from pacspec.report.xlsx import (
    PAC_HEADER_ROW,
    STATE_HEADER,
    STATE_SHEET,
    WORKBOOK_FORMAT,
    WORKBOOK_VERSION,
    write_xlsx,
)

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")

PLAN = EXAMPLE_PLAN.relative_to(REPO).as_posix()
AS_OF = "2026-06-30"
KEYS = ("format", "version", "plan", "plan_sha256", "as_of", "generated", "locale", "owner",
        "pac_sheet", "pacspec_version")


def report(tmp_path: Path, name: str, *extra: str) -> tuple[int, str, Path]:
    out = tmp_path / name
    code, _, err = run_main(["report", PLAN, "--as-of", AS_OF, "-o", str(out), "-q", *extra],
                            REPO)
    return code, err, out


@lru_cache(maxsize=4)
def _book(owner: str | None) -> tuple[Any, bytes, dt.datetime, dt.datetime]:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="pacspec-workbook-"))
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    code, err, out = report(folder, "pac.xlsx", *(["--owner", owner] if owner else []))
    after = dt.datetime.now(dt.timezone.utc)
    assert code == 0, err
    return openpyxl.load_workbook(out), EXAMPLE_PLAN.read_bytes(), before, after


def state(book: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The hidden sheet: its keys and values, and its table of editable cells."""
    ws = book[STATE_SHEET]
    items = {}
    row = 1
    while ws.cell(row=row, column=1).value is not None:
        items[ws.cell(row=row, column=1).value] = ws.cell(row=row, column=2).value
        row += 1
    row += 1
    header = tuple(ws.cell(row=row, column=c).value for c in range(1, 6))
    assert header == STATE_HEADER
    cells = []
    for r in range(row + 1, ws.max_row + 1):
        values = [ws.cell(row=r, column=c).value for c in range(1, 6)]
        cells.append(dict(zip(STATE_HEADER, values, strict=True)))
    return items, cells


def pac_columns(ws: Any) -> dict[str, int]:
    """PAC sheet header titles -> column number."""
    out = {}
    for col in range(1, ws.max_column + 1):
        title = ws.cell(row=PAC_HEADER_ROW, column=col).value
        if title is not None:
            out[title] = col
    return out


def data_rows(ws: Any) -> dict[str, int]:
    """Action id -> its row on the PAC sheet (the id is the last column)."""
    id_col = max(pac_columns(ws).values())
    rows = {}
    for r in range(PAC_HEADER_ROW + 1, ws.max_row + 1):
        key = ws.cell(row=r, column=id_col).value
        if key is None:
            break
        rows[key] = r
    return rows


TITLES = {"progress": "Avancement", "spent": "Consommé", "comments": "Commentaires",
          "results": "Résultats constatés"}


# ------------------------------------------------------------------- protection, inputs
def test_the_pac_sheet_is_protected_and_only_the_inputs_are_unlocked() -> None:
    book = _book(None)[0]
    ws = book["PAC"]
    assert ws.protection.sheet is True
    assert not ws.protection.password  # no password: a guard against slips, documented
    assert ws.protection.autoFilter is False  # filtering stays allowed (False: not locked)
    assert ws.protection.formatColumns is False  # and resizing
    # rows stay where they were written: sync reads them there
    assert ws.protection.sort and ws.protection.insertRows and ws.protection.deleteRows
    cols = pac_columns(ws)
    rows = data_rows(ws)
    editable = {(r, cols[TITLES[f]]) for r in rows.values() for f in EDITABLE}
    assert len(editable) == 4 * len(load_plan(EXAMPLE_PLAN).plan.actions)
    input_fill = None
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column):
        for cell in row:
            if (cell.row, cell.column) in editable:
                assert cell.protection.locked is False, cell.coordinate
                fill = cell.fill.fgColor.rgb
                input_fill = input_fill or fill
                assert fill == input_fill, cell.coordinate  # one input style
            else:
                assert cell.protection.locked is not False, cell.coordinate
    assert input_fill not in (None, "00000000")
    # the computed cells, every one locked: CA actuel, CA cible and the computed Résultats
    for title in ("CA actuel", "CA cible", "CA réalisé", "Taux de réalisation", "Id"):
        for r in rows.values():
            assert ws.cell(row=r, column=cols[title]).protection.locked, (title, r)


def test_the_validations_cover_progress_and_spent_exactly() -> None:
    ws = _book(None)[0]["PAC"]
    cols, rows = pac_columns(ws), data_rows(ws)
    first, last = min(rows.values()), max(rows.values())
    letter = {t: openpyxl.utils.get_column_letter(c) for t, c in cols.items()}
    found = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    progress = found.pop(f"{letter['Avancement']}{first}:{letter['Avancement']}{last}")
    assert (progress.type, progress.operator) == ("decimal", "between")
    assert (float(progress.formula1), float(progress.formula2)) == (0.0, 1.0)  # 0-100 %
    spent = found.pop(f"{letter['Consommé']}{first}:{letter['Consommé']}{last}")
    assert (spent.type, spent.operator, float(spent.formula1)) == (
        "decimal", "greaterThanOrEqual", 0.0)
    for dv in (progress, spent):
        assert dv.showErrorMessage and dv.errorStyle == "stop" and dv.allow_blank
        assert dv.error and dv.prompt  # in the plan's language
    assert "entre 0 % et 100 %" in progress.error
    assert found == {}  # comments and results are free text
    for r in rows.values():
        assert ws.cell(row=r, column=cols["Avancement"]).number_format == "0%"


# --------------------------------------------------------------------- the hidden sheet
def test_the_hidden_sheet_records_the_plan_and_every_editable_cell() -> None:
    book, plan_bytes, before, after = _book(None)
    ws = book[STATE_SHEET]
    assert ws.sheet_state == "veryHidden" and ws.protection.sheet
    items, cells = state(book)
    assert tuple(items) == KEYS
    assert items["owner"] is None  # no filter: empty (openpyxl stores "" as no value)
    assert items["format"] == WORKBOOK_FORMAT and items["version"] == WORKBOOK_VERSION == 1
    assert items["plan"] == PLAN
    assert items["plan_sha256"] == hashlib.sha256(plan_bytes).hexdigest()
    assert items["as_of"] == AS_OF and items["locale"] == "fr" and items["pac_sheet"] == "PAC"
    generated = dt.datetime.fromisoformat(items["generated"].replace("Z", "+00:00"))
    assert before <= generated <= after

    pac = book["PAC"]
    cols, rows = pac_columns(pac), data_rows(pac)
    id_col = max(cols.values())
    assert {(c["action"], c["field"]) for c in cells} == {
        (a, f) for a in rows for f in EDITABLE}
    plan = load_plan(EXAMPLE_PLAN).plan
    day = dt.date.fromisoformat(AS_OF)
    for c in cells:
        cell = pac[c["cell"]]
        assert pac.cell(row=cell.row, column=id_col).value == c["action"]
        assert cell.column == cols[TITLES[c["field"]]]
        original = json.loads(c["original"])
        assert cell.value == original  # what the sheet holds, as written
        action = next(a for a in plan.actions if a.id == c["action"])
        if c["field"] == "progress":  # the plan's reading at as_of, as a fraction
            assert c["kind"] == "percent"
            assert original == pytest.approx((reading_at(action.progress, day)[0] or 0) / 100)
        elif c["field"] == "spent":
            assert c["kind"] == "money"
            assert original == reading_at(action.spent, day)[0]
        else:
            assert c["kind"] == "text"
            assert original == getattr(action, c["field"])


# ------------------------------------------------------------------ per-owner workbooks
def test_an_owner_workbook_holds_his_actions_only() -> None:
    plan = load_plan(EXAMPLE_PLAN).plan
    book = _book("SED3")[0]
    rows = data_rows(book["PAC"])
    mine = [a.id for a in plan.actions if a.owner == "SED3"]
    assert mine and sorted(rows) == sorted(mine)
    items, cells = state(book)
    assert items["owner"] == "SED3"
    assert {c["action"] for c in cells} == set(mine)
    assert f"Actions de SED3 : {len(mine)} sur {len(plan.actions)}" in [
        c.value for row in book["PAC"].iter_rows(max_row=3) for c in row]
    # the typology groups keep the whole plan's numbers
    full = _book(None)[0]["PAC"]
    whole = {full.cell(row=r, column=2).value: full.cell(row=r, column=1).value
             for r in data_rows(full).values()}
    for r in rows.values():
        ws = book["PAC"]
        assert ws.cell(row=r, column=1).value == whole[ws.cell(row=r, column=2).value]


def test_the_owner_filter_holds_in_html_and_markdown(tmp_path: Path) -> None:
    plan = load_plan(EXAMPLE_PLAN).plan
    others = [a.title for a in plan.actions if a.owner != "SED1"]
    mine = [a.title for a in plan.actions if a.owner == "SED1"]
    assert mine and others
    for name in ("sed1.html", "sed1.md"):
        code, err, out = report(tmp_path, name, "--owner", "SED1")
        assert code == 0, err
        text = out.read_text(encoding="utf-8")
        marker = "<section id=" if name.endswith(".html") else "<a id="
        start = text.index(f'{marker}"pac-table"')
        end = text.find(marker, start + 1)
        pac = text[start:end if end > 0 else None]
        for title in mine:
            assert title.replace("'", "&#x27;") in pac or title in pac, (name, title)
        for title in others:
            assert title not in pac and title.replace("'", "&#x27;") not in pac, (name, title)
        assert "Actions de SED1 : 1 sur" in text


@pytest.mark.parametrize(("owner", "meant"), [("sed1", "SED1"), ("SED 2", "SED2"),
                                              ("Vendeur", None)])
def test_an_unknown_owner_is_a_usage_error(tmp_path: Path, owner: str, meant: str | None
                                           ) -> None:
    code, err, out = report(tmp_path, "x.xlsx", "--owner", owner)
    assert code == 2
    assert "Traceback" not in err and not out.exists()
    assert "(conseil : " in err  # the hint lead in the plan's language
    assert f"error[unknown-owner] aucune action du plan n'a pour responsable '{owner}'" in err
    assert "KAM, SED1, SED2, SED3" in err
    if meant is not None:
        assert f"vouliez-vous dire '{meant}' ?" in err
    else:
        assert "donnez --owner avec un responsable du plan" in err


# --------------------------------------------------------------- properties (hypothesis)
@lru_cache(maxsize=8)
def _document(as_of: dt.date, owner: str | None) -> Document:
    session = example_session()
    ev = session.evaluate(as_of)
    steering = session.steer(as_of) if as_of > ev.plan.header.plan_start else None
    return build_document(ev, steering=steering, fmt="xlsx", owner=owner)


_OWNERS = tuple(dict.fromkeys(a.owner for a in load_plan(EXAMPLE_PLAN).plan.actions))
_DATES = (dt.date(2025, 12, 31), dt.date(2026, 3, 31), dt.date(2026, 5, 15),
          dt.date(2026, 6, 30), dt.date(2026, 9, 30))


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(as_of=st.sampled_from(_DATES), owner=st.sampled_from((None, *_OWNERS)))
def test_every_editable_cell_is_recorded_with_what_the_sheet_holds(
        tmp_path: Path, as_of: dt.date, owner: str | None) -> None:
    """Whatever the date and the owner: the PAC sheet's rows are the owner's actions, the
    state table names exactly their editable cells, each with the value the sheet holds
    and the plan's reading at as_of; every other cell is locked."""
    import io

    doc = _document(as_of, owner)
    buffer = io.BytesIO()
    write_xlsx(doc, buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    plan = load_plan(EXAMPLE_PLAN).plan
    expected = [a for a in plan.actions if owner is None or a.owner == owner]
    pac = book["PAC"]
    rows = data_rows(pac)
    assert sorted(rows) == sorted(a.id for a in expected)
    _, cells = state(book)
    assert len(cells) == 4 * len(expected)
    unlocked = {(c.row, c.column) for row in pac.iter_rows() for c in row
                if c.protection.locked is False}
    assert unlocked == {(pac[c["cell"]].row, pac[c["cell"]].column) for c in cells}
    by_id = {a.id: a for a in expected}
    for c in cells:
        value = pac[c["cell"]].value
        assert value == json.loads(c["original"])
        assert pac[c["cell"]].row == rows[c["action"]]
        if c["field"] == "progress":
            reading = reading_at(by_id[c["action"]].progress, as_of)[0]
            assert value == pytest.approx((reading or 0) / 100)


def test_an_english_plan_gets_an_english_workbook(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "plans"
    shutil.copytree(EXAMPLE_PLAN.parent, folder)
    plan = folder / EXAMPLE_PLAN.name
    plan.write_text(plan.read_text(encoding="utf-8").replace("\nlocale: fr\n", "\nlocale: en\n",
                                                             1), encoding="utf-8")
    code, _, err = run_main(["report", f"plans/{plan.name}", "--as-of", AS_OF, "-o", "en.xlsx",
                             "-q", "--owner", "SED2"], tmp_path)
    assert code == 0, err
    book = openpyxl.load_workbook(tmp_path / "en.xlsx")
    ws = book["PAC"]
    titles = pac_columns(ws)
    for title in ("Progress", "Spent", "Comments", "Results noted", "Type", "Horizon"):
        assert title in titles, title
    items, _ = state(book)
    assert (items["locale"], items["owner"], items["plan"]) == ("en", "SED2",
                                                                f"plans/{plan.name}")
    assert items["plan_sha256"] == hashlib.sha256(plan.read_bytes()).hexdigest()
    errors = {dv.error for dv in ws.data_validations.dataValidation}
    assert errors == {"A progress between 0% and 100%.", "An amount of 0 or more, in EUR."}
    code, _, err = run_main(["report", f"plans/{plan.name}", "-o", "x.xlsx", "-q",
                             "--owner", "sed2"], tmp_path)
    assert code == 2
    assert "no action of the plan has the owner 'sed2'" in err
    assert "did you mean 'SED2'?" in err and "Traceback" not in err


@settings(max_examples=40, deadline=None)
@given(text=st.text(min_size=1, max_size=60)
       | st.sampled_from(["=1+1", "@SUM(A1)", "a\r\nb", "\ufffe", "\x02x", "é\u2028😀"]))
def test_any_text_in_an_editable_cell_reads_back_as_written(text: str) -> None:
    """A comment or result of any text (a formula-looking one, accents, new lines, control
    characters) is written as a text cell, never a formula, and its recorded original is
    what the cell reads back."""
    import dataclasses
    import io

    doc = _document(dt.date(2026, 6, 30), None)
    section = doc.section("pac-table")
    table = section.table("pac")
    col = [c.key for c in table.columns].index("comments")
    first = table.data_rows[0]
    cells = list(first.cells)
    cells[col] = dataclasses.replace(cells[col], kind="text", value=text, text=text)
    rows = tuple(dataclasses.replace(r, cells=tuple(cells)) if r is first else r
                 for r in table.rows)
    blocks = tuple(dataclasses.replace(b, rows=rows) if b is table else b
                   for b in section.blocks)
    sections = tuple(dataclasses.replace(s, blocks=blocks) if s is section else s
                     for s in doc.sections)
    buffer = io.BytesIO()
    write_xlsx(dataclasses.replace(doc, sections=sections), buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    (entry,) = [c for c in state(book)[1]
                if c["action"] == first.key and c["field"] == "comments"]
    cell = book["PAC"][entry["cell"]]
    assert cell.data_type == "s"
    assert cell.value == json.loads(entry["original"])
    # what XML can hold is kept as is; line ends are \n, anything else shows as U+FFFD
    lines = text.replace("\r\n", "\n").replace("\r", "\n")

    def legal(c: str) -> bool:
        o = ord(c)
        return c in "\t\n" or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000

    assert cell.value == "".join(c if legal(c) else "\ufffd" for c in lines)
