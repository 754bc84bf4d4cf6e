"""The PDF printer (report/pdf.py): Chromium driven on a pipe prints what ``--print-to-pdf``
prints, a browser started ahead of the analysis is the one that prints and ends with the
block (an error in it included), and a program that is no browser, or a browser that never
answers, is a one-line error within the time given, its processes ended."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN
from report_helpers import example_document

from pacspec.cli import main
from pacspec.report import ReportError, formats
from pacspec.report import pdf as pdf_module
from pacspec.report.html import render_html

_CHROMIUM = pdf_module.find_chromium()
_PDFTOTEXT = shutil.which("pdftotext")
needs_chromium = pytest.mark.skipif(_CHROMIUM is None or _PDFTOTEXT is None
                                    or not pdf_module.PIPE,
                                    reason="needs Chromium, pdftotext and os.posix_spawn")


def _text(data: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    done = subprocess.run([str(_PDFTOTEXT), "-layout", str(path), "-"], capture_output=True,
                          check=True, timeout=60)
    return done.stdout.decode("utf-8")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _ends(pid: int) -> bool:
    """Whether ``pid`` is gone within 5 s (a killed browser is reaped by a second thread)."""
    for _ in range(250):
        if not _alive(pid):
            return True
        time.sleep(0.02)
    return False


def _script(tmp_path: Path, body: str) -> str:
    path = tmp_path / "browser.sh"
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


@needs_chromium
def test_the_pipe_prints_what_print_to_pdf_prints(tmp_path: Path) -> None:
    html = render_html(example_document())
    piped = pdf_module.print_pdf(html)
    direct = pdf_module._print_to_pdf(str(_CHROMIUM), html, pdf_module.TIMEOUT)
    assert piped.startswith(b"%PDF") and direct.startswith(b"%PDF")
    # same pages, same text at the same places (A4 landscape, the page's own margins)
    assert _text(piped, tmp_path, "piped.pdf") == _text(direct, tmp_path, "direct.pdf")


@needs_chromium
def test_a_browser_started_ahead_prints_and_ends(tmp_path: Path) -> None:
    html = render_html(example_document())
    with pdf_module.browser_ahead():
        (ahead,) = pdf_module._AHEAD
        profile = Path(ahead.tmp.name)
        assert _alive(ahead.pid) and profile.is_dir()
        data = pdf_module.print_pdf(html)
        assert not pdf_module._AHEAD  # taken by the print, not started again
    assert data.startswith(b"%PDF") and "Tableau du PAC" in _text(data, tmp_path, "a.pdf")
    assert _ends(ahead.pid) and not profile.exists()


@needs_chromium
def test_an_error_in_the_block_ends_the_browser_started_ahead() -> None:
    with pytest.raises(RuntimeError), pdf_module.browser_ahead():
        (ahead,) = pdf_module._AHEAD
        raise RuntimeError("the analysis failed")
    assert not pdf_module._AHEAD
    assert _ends(ahead.pid) and not Path(ahead.tmp.name).exists()


@needs_chromium
def test_the_cli_prints_with_the_browser_it_started_ahead(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    started: list[pdf_module._Browser] = []
    real = pdf_module._Browser

    def spy(exe: str) -> pdf_module._Browser:
        browser = real(exe)
        started.append(browser)
        return browser

    monkeypatch.setattr(pdf_module, "_Browser", spy)
    out = tmp_path / "pac.pdf"
    assert main(["report", str(EXAMPLE_PLAN), "-o", str(out), "-q"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert len(started) == 1 and _ends(started[0].pid)  # one browser, started ahead
    assert formats.get("pdf").ahead is not None and formats.get("html").ahead is None


@needs_chromium
@pytest.mark.parametrize("api", ["session", "function", "cli"])
def test_the_browser_starts_before_the_analysis_once(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     api: str) -> None:
    """Session.report, pacspec.report() and the CLI (which holds it from before the data is
    read) start one browser, before the evaluation, and it prints."""
    import pacspec
    from pacspec.session import Session

    started: list[pdf_module._Browser] = []
    at_evaluation: list[int] = []
    real, evaluate = pdf_module._Browser, Session.evaluate

    def spy(exe: str) -> pdf_module._Browser:
        browser = real(exe)
        started.append(browser)
        return browser

    def watched(self: Session, *args: object, **kwargs: object) -> object:
        at_evaluation.append(len(started))
        return evaluate(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_module, "_Browser", spy)
    monkeypatch.setattr(Session, "evaluate", watched)
    out = tmp_path / "pac.pdf"
    if api == "session":
        Session.open(EXAMPLE_PLAN).report(out)
    elif api == "function":
        pacspec.report(EXAMPLE_PLAN, out)
    else:
        assert main(["report", str(EXAMPLE_PLAN), "-o", str(out), "-q"]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert at_evaluation[:1] == [1] and len(started) == 1
    assert _ends(started[0].pid) and not pdf_module._AHEAD


@needs_chromium
def test_a_block_inside_another_starts_no_second_browser() -> None:
    with pdf_module.browser_ahead():
        (outer,) = pdf_module._AHEAD
        with pdf_module.browser_ahead():
            assert len(pdf_module._AHEAD) == 1 and pdf_module._AHEAD[0] is outer
        assert pdf_module._AHEAD[0] is outer and _alive(outer.pid)
    assert not pdf_module._AHEAD and _ends(outer.pid)


@pytest.mark.skipif(not pdf_module.PIPE or shutil.which("sh") is None,
                    reason="needs os.posix_spawn and sh")
def test_a_program_that_is_no_browser_is_a_one_line_error(tmp_path: Path) -> None:
    exe = _script(tmp_path, "echo 'this is no browser' >&2; exit 3")
    with pytest.raises(ReportError) as info:
        pdf_module.print_pdf("<p>x</p>", browser=exe, timeout=20)
    problem = info.value.problems[0]
    assert problem.code == "io" and "printed no PDF" in problem.message
    assert "this is no browser" in problem.message and "\n" not in problem.message


@pytest.mark.skipif(not pdf_module.PIPE or shutil.which("sh") is None
                    or shutil.which("sleep") is None, reason="needs os.posix_spawn, sh, sleep")
def test_a_browser_that_never_answers_fails_in_time_and_is_killed(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    exe = _script(tmp_path, f"echo $$ > {pids}; sleep 60 & echo $! >> {pids}; wait")
    start = time.monotonic()
    with pytest.raises(ReportError) as info:
        pdf_module.print_pdf("<p>x</p>", browser=exe, timeout=1.0)
    assert time.monotonic() - start < 8
    assert "no answer within 1 s" in info.value.problems[0].message
    # the script and its child (a browser's helpers) are ended with it
    for pid in (int(x) for x in pids.read_text().split()):
        assert _ends(pid)


@needs_chromium
def test_a_browser_that_knows_no_pipe_prints_with_print_to_pdf(tmp_path: Path) -> None:
    exe = _script(tmp_path, 'for a in "$@"; do [ "$a" = --remote-debugging-pipe ] && '
                  f'exit 1; done; exec {_CHROMIUM} "$@"')
    data = pdf_module.print_pdf(render_html(example_document()), browser=exe)
    assert data.startswith(b"%PDF") and "Tableau du PAC" in _text(data, tmp_path, "f.pdf")


@needs_chromium
def test_without_a_pipe_the_browser_prints_with_print_to_pdf(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    monkeypatch.setattr(pdf_module, "PIPE", False)

    def no_pipe(exe: str) -> None:
        raise AssertionError("no pipe: the browser is not driven on one")

    monkeypatch.setattr(pdf_module, "_Browser", no_pipe)
    with pdf_module.browser_ahead():  # nothing to start ahead
        data = pdf_module.print_pdf(render_html(example_document()))
    assert data.startswith(b"%PDF") and "Tableau du PAC" in _text(data, tmp_path, "p.pdf")
