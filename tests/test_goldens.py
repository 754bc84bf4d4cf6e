"""Goldens that pin what the commands print and write on the example plan: the JSON of
``pacspec evaluate`` and ``pacspec track`` at three dates, the HTML report's sections and
tables, the XLSX report's sheets and cells. Rerun with ``PACSPEC_UPDATE_GOLDEN=1`` to accept
a change on purpose (and say why in the commit)."""

from __future__ import annotations

import difflib
import json
import os
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

from pacspec.cli import main

GOLDEN = Path(__file__).parent / "golden"
PLAN = "plans/connect-plus.pac.yaml"
DATES = ("2026-03-31", "2026-06-30", "2026-09-30")


def check_golden(name: str, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    path = GOLDEN / name
    if os.environ.get("PACSPEC_UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8", newline="\n")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(keepends=True), text.splitlines(keepends=True),
            fromfile=str(path), tofile="now", n=2))
        pytest.fail(f"{name} differs from its golden file (rerun with PACSPEC_UPDATE_GOLDEN=1 "
                    f"to accept the change):\n{diff[:20000]}")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


@pytest.mark.parametrize("as_of", ("2025-12-31", *DATES[1:]))
def test_evaluate_json(capsys: pytest.CaptureFixture[str], as_of: str) -> None:
    out = run(capsys, "evaluate", PLAN, "--as-of", as_of, "--format", "json")
    check_golden(f"evaluate-{as_of}.json", json.loads(out))


@pytest.mark.parametrize("as_of", DATES)
def test_track_json(capsys: pytest.CaptureFixture[str], as_of: str) -> None:
    out = run(capsys, "track", PLAN, "--as-of", as_of, "--format", "json")
    check_golden(f"track-{as_of}.json", json.loads(out))


class _Structure(HTMLParser):
    """Sections (id, headings) and tables (every cell's text) of an HTML report."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[dict[str, Any]] = []
        self.stack: list[str] = []
        self.text: list[str] | None = None
        self.row: list[str] | None = None
        self.table: list[list[str]] | None = None

    def _section(self) -> dict[str, Any]:
        if not self.sections:
            self.sections.append({"id": None, "headings": [], "tables": []})
        return self.sections[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("svg", "style", "script"):
            self.stack.append(tag)
        if self.stack:
            return
        if tag == "section":
            self.sections.append({"id": dict(attrs).get("id"), "headings": [], "tables": []})
        elif tag in ("h1", "h2", "h3", "h4", "th", "td", "caption"):
            self.text = []
        elif tag == "table":
            self.table = []
        elif tag == "tr":
            self.row = []

    def handle_endtag(self, tag: str) -> None:
        if self.stack:
            if tag == self.stack[-1]:
                self.stack.pop()
            return
        if tag in ("h1", "h2", "h3", "h4") and self.text is not None:
            self._section()["headings"].append(f"{tag}: {' '.join(''.join(self.text).split())}")
            self.text = None
        elif tag in ("th", "td") and self.text is not None and self.row is not None:
            self.row.append(" ".join("".join(self.text).split()))
            self.text = None
        elif tag == "caption" and self.text is not None and self.table is not None:
            self.table.append(["caption: " + " ".join("".join(self.text).split())])
            self.text = None
        elif tag == "tr" and self.row is not None and self.table is not None:
            self.table.append(self.row)
            self.row = None
        elif tag == "table" and self.table is not None:
            self._section()["tables"].append(self.table)
            self.table = None

    def handle_data(self, data: str) -> None:
        if self.text is not None and not self.stack:
            self.text.append(data)


@pytest.mark.parametrize("as_of", ("2025-12-31", "2026-06-30"))
def test_html_structure(capsys: pytest.CaptureFixture[str], tmp_path: Path, as_of: str) -> None:
    out = tmp_path / "pac.html"
    run(capsys, "report", PLAN, "--as-of", as_of, "-o", str(out), "-q")
    parser = _Structure()
    parser.feed(out.read_text(encoding="utf-8"))
    check_golden(f"report-{as_of}.html.json", parser.sections)


_VOLATILE = ("generated", "plan_sha256", "pacspec_version")
"""Values of the workbook's hidden sheet that change with the run, the plan file's bytes
(its line endings) or the release: the golden shows their key, tests/report/test_workbook.py
checks them."""


@pytest.mark.parametrize("as_of", ("2025-12-31", "2026-06-30"))
def test_xlsx_cells(capsys: pytest.CaptureFixture[str], tmp_path: Path, as_of: str) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "pac.xlsx"
    run(capsys, "report", PLAN, "--as-of", as_of, "-o", str(out), "-q")
    book = openpyxl.load_workbook(out)
    sheets: dict[str, Any] = {}
    for ws in book.worksheets:
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                value = cell.value.isoformat() if hasattr(cell.value, "isoformat") else cell.value
                if ws.title == "_pacspec" and cell.column == 2 and ws.cell(
                        row=cell.row, column=1).value in _VOLATILE:
                    value = "<" + ws.cell(row=cell.row, column=1).value + ">"
                cells.append([cell.coordinate, value, cell.number_format])
        sheets[ws.title] = cells
    check_golden(f"report-{as_of}.xlsx.json", sheets)
