"""Renderers of an evaluation: terminal text, Markdown, HTML, XLSX and matplotlib figures.

:func:`write_report` picks the format from the file extension. Every format renders the
same :class:`~pacspec.report.document.Document` (built by
:func:`~pacspec.report.document.build_document`), so they show the same numbers. openpyxl
(``pacspec[xlsx]``) and matplotlib (``pacspec[plot]``) are imported only when needed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from pacspec.diagnostics import PacspecError
from pacspec.output import format_of, output_errors, prepare_output, write_text_output

if TYPE_CHECKING:
    from pacspec.engine.actions import PlanActions
    from pacspec.engine.result import Evaluation
    from pacspec.engine.steering import SteeringResult
    from pacspec.report.document import Snapshots

__all__ = ["REPORT_FORMATS", "ReportError", "report_format", "write_report"]

#: Report formats by file extension.
REPORT_FORMATS: dict[str, str] = {".html": "html", ".htm": "html", ".md": "markdown",
                                  ".xlsx": "xlsx"}


class ReportError(PacspecError):
    """A report could not be written (unknown format, existing file, missing extra, I/O)."""


def report_format(path: str | os.PathLike[str]) -> str:
    """The report format of ``path`` (``html``, ``markdown`` or ``xlsx``) from its extension;
    :class:`ReportError` for any other."""
    return format_of(path, REPORT_FORMATS, "the report", ReportError)


def write_report(ev: Evaluation, path: str | os.PathLike[str], *,
                 steering: SteeringResult | None = None, snapshots: Snapshots | None = None,
                 actions: PlanActions | None = None, source: str = "<plan>",
                 force: bool = False) -> Path:
    """Write the report of ``ev`` to ``path``; the format follows the extension (``.html`` /
    ``.htm``, ``.md``, ``.xlsx``). ``steering`` (a steering result) and ``snapshots``
    (earlier ones, e.g. :func:`pacspec.history.history`) add the steering
    dashboard; see :mod:`pacspec.report.document`. An existing file is kept (:class:`ReportError` with code
    ``exists``) unless ``force``; a folder as ``path``, a missing folder or a write failure
    is a :class:`ReportError` with code ``io`` (see :mod:`pacspec.output`). Returns the path
    written."""
    from pacspec.report.document import build_document

    fmt = report_format(path)
    out = prepare_output(path, force=force, what="the report", error=ReportError)
    if fmt == "xlsx":
        from pacspec.report.xlsx import require_openpyxl, write_xlsx

        require_openpyxl()
        doc = build_document(ev, steering=steering, snapshots=snapshots, actions=actions,
                             source=source, fmt="xlsx")
        out = prepare_output(out, force=force, what="the report", error=ReportError)
        with output_errors(out, what="the report", error=ReportError):
            write_xlsx(doc, out)
        return out
    doc = build_document(ev, steering=steering, snapshots=snapshots, actions=actions,
                         source=source, fmt=fmt)
    if fmt == "html":
        from pacspec.report.html import render_html

        text = render_html(doc)
    else:
        from pacspec.report.markdown import render_markdown

        text = render_markdown(doc)
    return write_text_output(out, text, force=force, what="the report", error=ReportError)
