"""Report formats by name and by extension (``pacspec report --format NAME``), with a
did-you-mean for unknown names; the XLSX workbook is written atomically like the others."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN
from report_helpers import example_evaluation

from pacspec.cli import main
from pacspec.report import REPORT_FORMATS, ReportError, formats, report_format, write_report


def test_every_format_has_a_name_extensions_and_a_writer() -> None:
    assert formats.names() == ("html", "markdown", "xlsx", "pdf")
    for fmt in formats.FORMATS:
        assert fmt.extensions and all(e.startswith(".") for e in fmt.extensions)
        assert formats.get(fmt.name) is fmt
        for ext in fmt.extensions:
            assert formats.by_extension(f"r{ext.upper()}") is fmt
            assert REPORT_FORMATS[ext] == fmt.name


@pytest.mark.parametrize(("name", "expected"), [("html", "html"), ("MD", "markdown"),
                                                ("markdown", "markdown"), ("xlsx", "xlsx")])
def test_a_name_wins_over_the_extension(name: str, expected: str) -> None:
    assert report_format("report.txt", name) == expected


@pytest.mark.parametrize(("name", "guess"), [("htm", "html"), ("xslx", "xlsx"),
                                             ("markdwn", "markdown")])
def test_unknown_name_says_did_you_mean(name: str, guess: str) -> None:
    with pytest.raises(ReportError) as info:
        formats.get(name)
    problem = info.value.problems[0]
    assert problem.code == "output-format"
    assert f"did you mean '{guess}'" in (problem.hint or "")


def test_format_by_name_writes_that_format(tmp_path: Path) -> None:
    out = write_report(example_evaluation(), tmp_path / "pac.txt", fmt="md")
    assert out.read_text(encoding="utf-8").startswith("# PAC ")
    book = write_report(example_evaluation(), tmp_path / "pac.bin", fmt="xlsx")
    assert book.read_bytes()[:2] == b"PK"  # a zip: the workbook
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pac.bin", "pac.txt"]  # no temp


def test_cli_format_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "pac.report"
    assert main(["report", str(EXAMPLE_PLAN), "--as-of", "2025-12-31", "-o", str(out),
                 "--format", "html", "-q"]) == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    capsys.readouterr()
    code = main(["report", str(EXAMPLE_PLAN), "-o", str(tmp_path / "x.html"),
                 "--format", "pfd", "-q"])
    err = capsys.readouterr().err
    assert code != 0 and "'pfd' n'est pas un format de rapport" in err  # the plan's language
    assert "vouliez-vous dire 'pdf' ?" in err
    assert not (tmp_path / "x.html").exists()


def test_top_level_report_takes_a_format_name(tmp_path: Path) -> None:
    import datetime as dt

    import pacspec

    out = pacspec.report(EXAMPLE_PLAN, tmp_path / "pac.out", as_of=dt.date(2025, 12, 31),
                         fmt="markdown")
    assert out.read_text(encoding="utf-8").startswith("# PAC ")
