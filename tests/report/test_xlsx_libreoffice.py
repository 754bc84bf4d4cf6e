"""The workbook opened by a real spreadsheet program: LibreOffice Calc (Debian's
``libreoffice-calc-nogui``, when installed) converts the example's Clients sheet to CSV, and
every cell must be the one openpyxl reads, in its row and column (the streamed sheet writes
its cells without the optional ``r`` reference). Skipped when LibreOffice is absent."""

from __future__ import annotations

import csv
import dataclasses
import shutil
import subprocess
import zipfile
from pathlib import Path

import numpy as np
import pytest
from report_helpers import example_document

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")
from pacspec.report import xlsx  # noqa: E402

SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                    "apt-get install libreoffice-calc-nogui")
@pytest.mark.parametrize("copies", [1, 3])
def test_libreoffice_reads_every_client_cell_in_place(tmp_path: Path, copies: int) -> None:
    """The example's clients, and three copies of them: 1 143 rows, where the label
    columns (typology, profile, oui / non...) are shared strings."""
    book = tmp_path / "pac.xlsx"
    doc = example_document(fmt="xlsx")
    table = doc.clients
    doc = dataclasses.replace(doc, clients=dataclasses.replace(
        table, values=tuple(np.concatenate([v] * copies) for v in table.values)))
    xlsx.write_xlsx(doc, book)
    with zipfile.ZipFile(book) as parts:
        assert ("xl/sharedStrings.xml" in parts.namelist()) == (copies > 1)
    # CSV filter options: comma, double quote, UTF-8, every sheet to its own file
    options = "44,34,76,1,,0,false,true,false,false,false,-1"
    done = subprocess.run([str(SOFFICE), f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--headless", "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}",
                           "--outdir", str(tmp_path), str(book)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    with (tmp_path / "pac-Clients.csv").open(encoding="utf-8", newline="") as fh:
        seen = list(csv.reader(fh))
    ws = openpyxl.load_workbook(book)["Clients"]
    expected = [[c.value for c in row] for row in ws.iter_rows()]
    assert len(seen) == len(expected) == 1 + copies * len(table) > 300
    assert seen[0] == expected[0]
    compared = 0
    for got, want in zip(seen[1:], expected[1:], strict=True):
        assert len(got) == len(want)
        for text, value in zip(got, want, strict=True):
            if value is None:
                assert text == ""
            elif isinstance(value, str):
                assert text == value
            elif isinstance(value, (int, float)):
                shown = float(text[:-1]) / 100 if text.endswith("%") else float(text)
                assert shown == pytest.approx(value, rel=1e-12, abs=1e-12)
            else:  # a date, shown in LibreOffice's own format: present, in its column
                assert text != ""
            compared += 1
    assert compared == (len(expected) - 1) * len(expected[0])
