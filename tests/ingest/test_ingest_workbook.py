"""The workbook source (.xlsx through fastexcel or python-calamine): typed cells, French
text cells, numeric ids as their integer text, sheets by name or index, row numbers, the
install hint; fastexcel and python-calamine give the same ledger and the same bad rows."""

from __future__ import annotations

import builtins
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import assert_same, day

from pacspec.diagnostics import LedgerError
from pacspec.ingest import load_ledger
from pacspec.ingest.sources import workbook as workbook_source
from pacspec.model.data import CsvOptions, TransactionColumns

pytest.importorskip("python_calamine")
openpyxl = pytest.importorskip("openpyxl")

COLUMNS = TransactionColumns(client="Code client", date="Date", amount="Montant HT")


def workbook(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_typed_and_text_cells(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "ventes.xlsx",
        {
            "Ventes": [
                ["Code client", "Date", "Montant HT"],
                [1234, dt.date(2025, 1, 2), 12.5],  # a numeric id, an Excel date, a number
                ["C2", "03/01/2025", "1 234,50"],  # text cells, French
                [" C3 ", dt.datetime(2025, 1, 4, 10, 30), -3],
                [None, None, None],  # a blank row
                [1234.0, "2025-01-05", "(10,00)"],
            ]
        },
    )
    ledger = load_ledger(path, columns=COLUMNS)
    assert ledger.client_ids.tolist() == ["1234", "C2", "C3"]
    assert ledger.client_ids[ledger.client].tolist() == ["1234", "C2", "C3", "1234"]
    assert ledger.amount.tolist() == [12.5, 1234.5, -3.0, -10.0]
    assert ledger.day.tolist() == [
        day("2025-01-02"), day("2025-01-03"), day("2025-01-04"), day("2025-01-05"),
    ]  # fmt: skip
    assert ledger.reports[0].source.endswith("ventes.xlsx[Ventes]")


def test_sheet_by_name_or_index_and_a_wrong_name(tmp_path: Path) -> None:
    rows = [["Code client", "Date", "Montant HT"], ["A", dt.date(2025, 1, 2), 1.0]]
    path = workbook(tmp_path / "v.xlsx", {"Lisez-moi": [["rien"]], "Ventes 2025": rows})
    by_name = load_ledger(path, columns=COLUMNS, csv=CsvOptions(sheet="Ventes 2025"))
    by_index = load_ledger(path, columns=COLUMNS, csv=CsvOptions(sheet=1))
    assert by_name.client_ids.tolist() == by_index.client_ids.tolist() == ["A"]
    with pytest.raises(LedgerError) as info:
        load_ledger(path, columns=COLUMNS, csv=CsvOptions(sheet="Ventes2025"))
    (problem,) = info.value.problems
    assert "no sheet 'Ventes2025'" in problem.message
    assert problem.hint == "did you mean 'Ventes 2025'? — sheet names are case-sensitive"
    assert problem.path == ("data", "transactions", "csv", "sheet")
    with pytest.raises(LedgerError) as info:
        load_ledger(path, columns=COLUMNS, csv=CsvOptions(sheet=2))
    (problem,) = info.value.problems
    assert problem.message == "the workbook has no sheet number 2 (sheets: 0: 'Lisez-moi', 1: 'Ventes 2025')"
    assert problem.reason is not None and problem.reason.code == "problem_no_sheet_number"


def test_bad_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "v.xlsx",
        {
            "S": [
                [],
                ["Code client", "Date", "Montant HT"],  # row 2: the header
                ["A", dt.date(2025, 1, 2), 1.0],
                ["B", "pas une date", 2.0],  # row 4
            ]
        },
    )
    with pytest.raises(LedgerError) as info:
        load_ledger(path, columns=COLUMNS)
    (problem,) = info.value.problems
    assert "(row 4)" in problem.message and problem.line == 4


def test_headers_first_in_a_workbook(tmp_path: Path) -> None:
    path = workbook(tmp_path / "v.xlsx", {"S": [["client", "jour", "montant"], ["A", 1, 2]]})
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    assert [p.path[-1] for p in info.value.problems if p.path] == ["date", "amount"]


def test_missing_reader_is_a_one_line_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = workbook(tmp_path / "v.xlsx", {"S": [["client"]]})
    real_import = builtins.__import__

    def no_calamine(name: str, *args: Any, **kwargs: Any) -> Any:
        if name in ("python_calamine", "fastexcel"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_calamine)
    with pytest.raises(LedgerError) as info:
        load_ledger(path)
    (problem,) = info.value.problems
    assert problem.code == "missing-dependency"
    assert problem.message == "python-calamine is not installed"
    assert problem.hint == "install the xlsx extra: pip install 'pacspec[xlsx]'"


def _read_both(path: Path, monkeypatch: pytest.MonkeyPatch, **kw: Any) -> tuple[Any, Any, bool]:
    """The ledger (or the LedgerError's problems) through each reader, and whether
    fastexcel read it (python-calamine when a column mixes cell types)."""
    def outcome() -> Any:
        try:
            return load_ledger(path, columns=COLUMNS_FULL, bad_rows="skip", **kw)
        except LedgerError as exc:
            return [(p.code, p.message, p.line) for p in exc.problems]

    used: list[bool] = []
    fast = workbook_source._fast_table

    def spy(*args: Any) -> Any:
        table = fast(*args)
        used.append(table is not None)
        return table

    with monkeypatch.context() as m:
        m.setattr(workbook_source, "_fast_table", spy)
        through_fast = outcome()
    with monkeypatch.context() as m:
        m.setattr(workbook_source, "read_workbook_fast", lambda *args: None)
        through_calamine = outcome()
    return through_fast, through_calamine, any(used)


COLUMNS_FULL = TransactionColumns(client="Code client", date="Date", amount="Montant HT",
                                  order="Facture")

_ids = st.one_of(st.sampled_from(["C1", " C2 ", "C3", "", "0042"]), st.integers(1, 3),
                 st.sampled_from([1.0, 2.0, 2.5]))
_dates = st.one_of(st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31)),
                   st.sampled_from(["03/02/2025", "2025-02-04", "pas une date"]),
                   st.just(dt.datetime(2025, 3, 1, 10, 30)))
_amounts = st.one_of(st.integers(-500, 5000).map(lambda c: c / 4),
                     st.sampled_from(["1 234,50", "12,5", "(10,00)", "abc"]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.one_of(
            st.tuples(_ids, _dates, _amounts, _ids).map(list),
            st.just([None, None, None, None]),  # a blank row
        ),
        min_size=1,
        max_size=12,
    ),
    uniform=st.booleans(),
    leading=st.integers(0, 2),
)
def test_fastexcel_and_calamine_read_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: list[list[Any]], uniform: bool,
    leading: int,
) -> None:
    """Same ledger, same bad rows at the same spreadsheet rows, whichever reader; fastexcel
    reads every sheet whose columns each hold one type of cell."""
    pytest.importorskip("fastexcel")
    if uniform:  # one type per column: what an ERP export gives
        rows = [r if r[0] is None else [f"C{i % 3}", dt.date(2025, 1, 1 + i), i / 4, f"F{i % 2}"]
                for i, r in enumerate(rows)]
    header = [["Code client", "Date", "Montant HT", "Facture"]]
    path = workbook(tmp_path / f"w-{uniform}-{leading}-{len(rows)}.xlsx",
                    {"Ventes": [*[[] for _ in range(leading)], *header, *rows]})
    through_fast, through_calamine, used_fast = _read_both(path, monkeypatch)
    if isinstance(through_calamine, list):
        assert through_fast == through_calamine
    else:
        assert not isinstance(through_fast, list)
        assert_same(through_fast, through_calamine)
        assert through_fast.reports[0].bad_rows == through_calamine.reports[0].bad_rows
        assert through_fast.reports[0].counts == through_calamine.reports[0].counts
    if uniform:
        assert used_fast


def test_a_mixed_column_is_read_by_calamine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("fastexcel")
    path = workbook(tmp_path / "m.xlsx", {"S": [["Code client", "Date", "Montant HT", "Facture"],
                                                [1234, dt.date(2025, 1, 2), 12.5, "F1"],
                                                ["C2", "03/01/2025", "1 234,50", 7]]})
    through_fast, through_calamine, used_fast = _read_both(path, monkeypatch)
    assert not used_fast
    assert_same(through_fast, through_calamine)
    assert through_fast.amount.tolist() == [12.5, 1234.5]


def shared_strings(path: Path, *, reverse: bool = False, rich: str | None = None) -> Path:
    """The same workbook with its text cells in a shared-string table, as Excel writes them
    (openpyxl writes them inline): ``reverse`` puts the first cells' strings last, ``rich``
    splits that string into two formatted runs."""
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()
    texts: list[str] = []

    def inline(match: re.Match[str]) -> str:
        texts.append(match.group(2))
        return f'<c r="{match.group(1)}" t="s"><v>{len(texts) - 1}</v></c>'

    sheet = re.sub(r'<c r="([A-Z]+\d+)" t="inlineStr"><is><t>(.*?)</t></is></c>', inline, sheet)
    order = list(range(len(texts)))[::-1] if reverse else list(range(len(texts)))
    where = {old: new for new, old in enumerate(order)}
    sheet = re.sub(r'<c r="([A-Z]+\d+)" t="s"><v>(\d+)</v></c>',
                   lambda m: f'<c r="{m.group(1)}" t="s"><v>{where[int(m.group(2))]}</v></c>', sheet)
    items = []
    for old in order:
        text = texts[old]
        if text == rich:
            items.append(f'<si><r><t>{text[:2]}</t></r><r><rPr><b/></rPr><t>{text[2:]}</t></r>'
                         '<rPh sb="0" eb="1"><t>x</t></rPh></si>')
        else:
            items.append(f"<si><t>{text}</t></si>")
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    members["xl/sharedStrings.xml"] = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        f'count="{len(items)}" uniqueCount="{len(items)}">' + "".join(items) + "</sst>"
    ).encode()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdShared" Type="http://schemas.openxmlformats'
        b'.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>")
    out = path.with_name(f"shared-{path.name}")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out


def _sales(extra: list[Any] | None = None) -> list[list[Any]]:
    rows: list[list[Any]] = [["Code client", "Date", "Montant HT", "Facture", *(extra or [])]]
    rows += [[f"C{i % 3}", dt.date(2025, 1, 1 + i), i / 4, f"F{i % 2}"] for i in range(6)]
    return rows


def test_the_header_is_checked_before_the_sheet_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A missing column is told from the header read at the start of the sheet's XML:
    fastexcel never parses the sheet (a large workbook answers at once)."""
    pytest.importorskip("fastexcel")
    path = workbook(tmp_path / "v.xlsx", {"Ventes": [["client", "jour", "Montant HT"],
                                                     ["A", dt.date(2025, 1, 2), 1.0]]})
    parsed: list[Any] = []
    monkeypatch.setattr(workbook_source, "_fast_table", lambda *args: parsed.append(args))
    with pytest.raises(LedgerError) as info:
        load_ledger(path, columns=COLUMNS)
    assert [p.path[-1] for p in info.value.problems if p.path] == ["client", "date"]
    assert parsed == []


@pytest.mark.parametrize("reverse", [False, True])
def test_a_header_in_the_shared_strings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reverse: bool
) -> None:
    """Excel keeps text cells in a shared-string table: the header is read from it (a
    string split into formatted runs, an escaped character, the header's strings first or
    last), and only the mapped columns are parsed."""
    pytest.importorskip("fastexcel")
    rows = _sales(extra=["Notes &amp; remarques"])
    rows[1].append("à rappeler")
    path = shared_strings(workbook(tmp_path / "v.xlsx", {"Ventes": rows}), reverse=reverse,
                          rich="Montant HT")
    assert workbook_source._sheet_head(path, "Ventes") == (
        1, ["Code client", "Date", "Montant HT", "Facture", "Notes &amp; remarques"])
    selected: list[Any] = []
    fast = workbook_source._fast_table

    def spy(*args: Any) -> Any:
        selected.append(args[2])
        return fast(*args)

    monkeypatch.setattr(workbook_source, "_fast_table", spy)
    ledger = load_ledger(path, columns=COLUMNS_FULL)
    assert [sorted(s) for s in selected] == [["Code client", "Date", "Facture", "Montant HT"]]
    monkeypatch.undo()
    through_fast, through_calamine, used_fast = _read_both(path, monkeypatch)
    assert used_fast
    assert_same(through_fast, through_calamine)
    assert_same(ledger, through_calamine)


def test_a_row_with_a_value_in_an_unmapped_column_only_is_a_bad_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the mapped columns are parsed, yet a row blank in them but holding a comment is
    not skipped as a blank row: it is a bad row at its spreadsheet row, as python-calamine
    reads it; a row blank everywhere is skipped."""
    pytest.importorskip("fastexcel")
    rows = _sales(extra=["Commentaire"])
    rows.insert(3, [None, None, None, None, "appeler le client"])  # row 4
    rows.insert(5, [None, None, None, None, None])  # row 6: blank
    path = workbook(tmp_path / "v.xlsx", {"Ventes": rows})
    through_fast, through_calamine, used_fast = _read_both(path, monkeypatch)
    assert used_fast
    assert_same(through_fast, through_calamine)
    assert through_fast.reports[0].bad_rows == through_calamine.reports[0].bad_rows
    assert {b.row for b in through_fast.reports[0].bad_rows} == {4}
    assert len(through_fast.client) == 6


@pytest.mark.parametrize("header", [
    ["Code client", "Date", "Montant HT", "Facture", 2025],  # a number in the header
    ["Code client", "Date", "Montant HT", "Facture", None, "Note"],  # a blank header cell
    ["Code client", "Date", "Montant HT", "Facture", "Facture"],  # a name twice
])
def test_a_header_not_all_named_text_reads_the_whole_sheet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, header: list[Any]
) -> None:
    pytest.importorskip("fastexcel")
    rows = [header, *[[*r, *["x"] * (len(header) - 4)] for r in _sales()[1:]]]
    path = workbook(tmp_path / "v.xlsx", {"Ventes": rows})
    through_fast, through_calamine, _ = _read_both(path, monkeypatch)
    assert_same(through_fast, through_calamine)
    assert len(through_fast.client) == 6
