"""The report's output formats by name (``pacspec report --format NAME``) and by file
extension: each says how it writes a :class:`~pacspec.report.document.Document` and what
it needs installed."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pacspec.diagnostics import PacspecError, Problem, did_you_mean
from pacspec.reasons import Reason

if TYPE_CHECKING:
    from pacspec.report.document import Document

__all__ = ["FORMATS", "ReportFormat", "ahead", "by_extension", "get", "names", "resolve"]


class ReportError(PacspecError):
    """A report could not be written (unknown format, existing file, missing extra, I/O)."""


@dataclass(frozen=True)
class ReportFormat:
    """One report format: its ``name``, the ``extensions`` that choose it, how it writes a
    document to an open file (text, or bytes when ``binary``), and the check of its extra
    (run before anything is computed)."""

    name: str
    extensions: tuple[str, ...]
    description: str
    write: Callable[[Document, IO[Any]], None]
    binary: bool = False
    aliases: tuple[str, ...] = ()
    require: Callable[[], object] | None = None
    layout: str | None = None
    """The renderer whose sections it shows, when it prints another's output (the PDF
    prints the HTML page); None: its own name."""
    ahead: Callable[[], AbstractContextManager[object]] | None = None
    """What the format can start before the analysis, as a context the caller holds
    around the analysis and the writing (the PDF's browser starts up meanwhile)."""

    @property
    def sections_of(self) -> str:
        """The renderer whose section placement applies (see
        :meth:`~pacspec.report.sections.SectionSpec.placed_in`)."""
        return self.layout or self.name


def _html(doc: Document, fh: IO[Any]) -> None:
    from pacspec.report.html import render_html

    fh.write(render_html(doc, generated=dt.date.today()))


def _markdown(doc: Document, fh: IO[Any]) -> None:
    from pacspec.report.markdown import render_markdown

    fh.write(render_markdown(doc))


def _xlsx(doc: Document, fh: IO[Any]) -> None:
    from pacspec.report.xlsx import write_xlsx

    write_xlsx(doc, fh)


def _require_openpyxl() -> object:
    from pacspec.report.xlsx import require_openpyxl

    return require_openpyxl()


def _pdf(doc: Document, fh: IO[Any]) -> None:
    from pacspec.report.pdf import write_pdf

    write_pdf(doc, fh)


def _require_chromium() -> object:
    from pacspec.report.pdf import require_chromium

    return require_chromium()


def _browser_ahead() -> AbstractContextManager[object]:
    from pacspec.report.pdf import browser_ahead

    return browser_ahead()


FORMATS: tuple[ReportFormat, ...] = (
    ReportFormat("html", (".html", ".htm"), "one self-contained, printable HTML page", _html),
    ReportFormat("markdown", (".md",), "GitHub-flavoured Markdown (for pull requests)",
                 _markdown, aliases=("md",)),
    ReportFormat("xlsx", (".xlsx",), "an Excel workbook, one sheet per part (pacspec[xlsx])",
                 _xlsx, binary=True, require=_require_openpyxl),
    ReportFormat("pdf", (".pdf",), "the HTML page printed to PDF by a headless Chromium",
                 _pdf, binary=True, require=_require_chromium, layout="html",
                 ahead=_browser_ahead),
)
"""Every report format, in the order the help lists them."""


def names() -> tuple[str, ...]:
    """The format names (``--format`` choices)."""
    return tuple(f.name for f in FORMATS)


def get(name: str) -> ReportFormat:
    """The format called ``name`` (or one of its aliases, any case); :class:`ReportError`
    with a did-you-mean for another name."""
    wanted = name.lower()
    for fmt in FORMATS:
        if wanted == fmt.name or wanted in fmt.aliases:
            return fmt
    guess = did_you_mean(wanted, [*names(), *(a for f in FORMATS for a in f.aliases)])
    raise ReportError([Problem(
        "error", "output-format", f"unknown report format '{name}'",
        hint=(f"did you mean '{guess}'? " if guess else "") + "use one of: "
        + ", ".join(names()),
        reason=Reason("file_report_format_guess" if guess else "file_report_format", {
            "name": name, "guess": guess or "", "names": ", ".join(names())}))])


def by_extension(path: str | os.PathLike[str]) -> ReportFormat:
    """The format of ``path`` from its extension; :class:`ReportError` (code
    ``output-format``, naming the extensions accepted) for any other."""
    ext = Path(path).suffix.lower()
    for fmt in FORMATS:
        if ext in fmt.extensions:
            return fmt
    accepted = ", ".join(e for f in FORMATS for e in f.extensions)
    raise ReportError([Problem(
        "error", "output-format",
        f"cannot write the report '{path}': unknown extension {ext or '(none)'}", str(path),
        hint=f"use {accepted}, or name the format (--format {'/'.join(names())})",
        reason=Reason("file_report_extension", {
            "path": str(path), "ext": ext or "(none)", "accepted": accepted,
            "names": "/".join(names())}))])


def resolve(path: str | os.PathLike[str], name: str | None = None) -> ReportFormat:
    """The format called ``name`` when given, else the one of ``path``'s extension."""
    return get(name) if name is not None else by_extension(path)


def ahead(path: str | os.PathLike[str], name: str | None = None
          ) -> AbstractContextManager[object]:
    """What the format of a report to ``path`` (see :func:`resolve`) starts before the
    analysis (:attr:`ReportFormat.ahead`), as a context to hold around the analysis and
    the writing; one that does nothing for a format without."""
    kind = resolve(path, name)
    return kind.ahead() if kind.ahead is not None else nullcontext()
