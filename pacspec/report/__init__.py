"""Renderers of an evaluation: terminal text, Markdown, HTML, XLSX and matplotlib figures.

:func:`write_report` picks the format from the file extension. Every format renders the
same :class:`~pacspec.report.document.Document` (built by
:func:`~pacspec.report.document.build_document`), so they show the same numbers. openpyxl
(``pacspec[xlsx]``) and matplotlib (``pacspec[plot]``) are imported only when needed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pacspec.diagnostics import PacspecError, Problem

if TYPE_CHECKING:
    from pacspec.engine.result import Evaluation

__all__ = ["REPORT_FORMATS", "ReportError", "report_format", "write_report"]

#: Report formats by file extension.
REPORT_FORMATS: dict[str, str] = {".html": "html", ".htm": "html", ".md": "markdown",
                                  ".xlsx": "xlsx"}


class ReportError(PacspecError):
    """A report could not be written (unknown format, existing file, missing extra)."""


def report_format(path: str | os.PathLike[str]) -> str:
    """The report format of ``path`` (``html``, ``markdown`` or ``xlsx``) from its extension;
    :class:`ReportError` for any other."""
    ext = Path(path).suffix.lower()
    try:
        return REPORT_FORMATS[ext]
    except KeyError:
        shown = ext or "(none)"
        raise ReportError([Problem(
            "error", "output-format",
            f"cannot write the report '{path}': unknown extension {shown}",
            str(path), hint="use .html (or .htm), .md or .xlsx")]) from None


def write_report(ev: Evaluation, path: str | os.PathLike[str], *,
                 steering: object | None = None, snapshots: Sequence[object] | None = None,
                 force: bool = False) -> Path:
    """Write the report of ``ev`` to ``path``; the format follows the extension (``.html`` /
    ``.htm``, ``.md``, ``.xlsx``). ``steering`` (a steering result) and ``snapshots``
    (earlier ones) add the steering dashboard; see :mod:`pacspec.report.document` for the
    attributes they need. An existing file is kept (:class:`ReportError` with code
    ``exists``) unless ``force``. Returns the path written."""
    from pacspec.report.document import build_document

    out = Path(path)
    fmt = report_format(out)
    if out.exists() and not force:
        raise ReportError([Problem(
            "error", "exists", f"{out} already exists; not replacing it", str(out),
            hint="pass --force (force=True) to replace it")])
    if fmt == "xlsx":
        from pacspec.report.xlsx import require_openpyxl

        require_openpyxl()
    doc = build_document(ev, steering=steering, snapshots=snapshots)
    try:
        if fmt == "xlsx":
            from pacspec.report.xlsx import write_xlsx

            write_xlsx(doc, out)
        else:
            if fmt == "html":
                from pacspec.report.html import render_html

                text = render_html(doc)
            else:
                from pacspec.report.markdown import render_markdown

                text = render_markdown(doc)
            with open(out, "w" if force else "x", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
    except FileExistsError:
        raise ReportError([Problem(
            "error", "exists", f"{out} already exists; not replacing it", str(out),
            hint="pass --force (force=True) to replace it")]) from None
    except OSError as exc:
        raise ReportError([Problem("error", "io", f"cannot write {out}: {exc.strerror}",
                                   str(out))]) from None
    return out
