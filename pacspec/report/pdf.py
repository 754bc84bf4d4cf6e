"""The PDF report: the HTML report printed by a headless Chromium (or Chrome).

The HTML page carries its own print CSS (A4 landscape, sections on new pages, headings kept
with what follows); Chromium lays it out and prints it, so the PDF is what a user gets by
printing the HTML from a browser. Chromium is looked up when the report is asked for
(``PACSPEC_CHROMIUM`` names one explicitly), before anything is computed; without one the
error says how to get one in one line.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pacspec.diagnostics import Problem
from pacspec.reasons import Reason
from pacspec.report.formats import ReportError

if TYPE_CHECKING:
    from pacspec.report.document import Document

__all__ = ["BROWSERS", "find_chromium", "print_pdf", "require_chromium", "write_pdf"]

BROWSERS: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome",
                             "google-chrome-stable", "chrome", "msedge")
"""The executables tried, in order, on the PATH."""

ENV = "PACSPEC_CHROMIUM"
"""The environment variable that names the browser to use (a path or a command)."""

TIMEOUT = 180.0
"""Seconds a browser gets to print one report."""


def find_chromium() -> str | None:
    """The browser that prints the PDF: ``$PACSPEC_CHROMIUM`` when set, else the first of
    :data:`BROWSERS` on the PATH; None when there is none."""
    wanted = os.environ.get(ENV)
    if wanted:
        return shutil.which(wanted) or (wanted if Path(wanted).is_file() else None)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """The browser, or a :class:`ReportError` (code ``missing-dependency``) with a one-line hint."""
    found = find_chromium()
    if found is None:
        where = (f"{ENV}={os.environ[ENV]!r} is not an executable" if os.environ.get(ENV)
                 else "no Chromium or Chrome on the PATH")
        reason = (Reason("file_chromium_not_executable", {"env": ENV, "value": os.environ[ENV]})
                  if os.environ.get(ENV) else Reason("file_no_chromium", {"env": ENV}))
        raise ReportError([Problem(
            "error", "missing-dependency", f"cannot print the PDF report: {where}",
            hint=f"install Chromium (apt install chromium) or set {ENV} to a Chrome, "
                 "or write the report as .html and print it from a browser",
            reason=Reason("file_no_pdf_printer", {"why": reason, "env": ENV}))])
    return found


def print_pdf(html: str, *, browser: str | None = None, timeout: float = TIMEOUT) -> bytes:
    """``html`` printed to PDF by a headless Chromium (its own print CSS decides the page);
    the PDF's bytes."""
    exe = browser or require_chromium()
    with tempfile.TemporaryDirectory(prefix="pacspec-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        out = Path(tmp) / "report.pdf"
        argv = [exe, "--headless", "--disable-gpu", "--disable-extensions",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                f"--user-data-dir={Path(tmp) / 'profile'}", "--no-pdf-header-footer",
                f"--print-to-pdf={out}", page.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            argv.insert(1, "--no-sandbox")  # Chromium refuses to run as root with it
        try:
            done = subprocess.run(argv, capture_output=True, timeout=timeout, check=False,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportError([Problem("error", "io", f"cannot print the PDF report with "
                                    f"{exe}: {exc}")]) from exc
        data = out.read_bytes() if out.is_file() else b""
        if not data.startswith(b"%PDF"):
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise ReportError([Problem(
                "error", "io", f"{exe} printed no PDF (exit {done.returncode})"
                + (f": {tail[0][:200]}" if tail[0] else ""),
                hint=f"check that {exe} --headless runs here, or set {ENV} to another browser")])
        return data


def write_pdf(doc: Document, fh: IO[Any]) -> None:
    """Write the document as a PDF to the binary file ``fh``."""
    from pacspec.report.html import render_html

    fh.write(print_pdf(render_html(doc, generated=dt.date.today())))
