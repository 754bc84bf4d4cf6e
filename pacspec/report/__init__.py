"""Renderers of an evaluation: terminal text, Markdown, HTML, XLSX and matplotlib figures.

Every format renders the same :class:`~pacspec.report.document.Document` (built by
:func:`~pacspec.report.document.build_document` from the section modules of
:mod:`pacspec.report.sections`), so they show the same numbers. :func:`write_report` picks
the format by name or from the file extension (:mod:`pacspec.report.formats`). openpyxl
(``pacspec[xlsx]``) and matplotlib (``pacspec[plot]``) are imported only when needed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import pacspec
from pacspec.output import open_output, prepare_output
from pacspec.report.formats import ReportError, resolve

if TYPE_CHECKING:
    from pacspec.engine.actions import PlanActions
    from pacspec.engine.result import Evaluation
    from pacspec.engine.scope import Scope
    from pacspec.engine.steering import SteeringResult
    from pacspec.report.document import Origin, Snapshots

__all__ = ["REPORT_FORMATS", "ReportError", "report_format", "write_report"]

# ``pacspec.report(plan, path)`` stays the top-level function once this package is imported
sys.modules[__name__].__class__ = pacspec.ReportPackage


def _extensions() -> dict[str, str]:
    from pacspec.report.formats import FORMATS

    return {ext: f.name for f in FORMATS for ext in f.extensions}


REPORT_FORMATS: dict[str, str] = _extensions()
"""Report format names by file extension (from :data:`pacspec.report.formats.FORMATS`)."""


def report_format(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The report format of ``path`` (``html``, ``markdown`` or ``xlsx``): ``fmt`` when
    given (a format name, did-you-mean when unknown), else from the extension;
    :class:`ReportError` for an unknown one."""
    return resolve(path, fmt).name


def write_report(ev: Evaluation, path: str | os.PathLike[str], *,
                 steering: SteeringResult | None = None, snapshots: Snapshots | None = None,
                 actions: PlanActions | None = None, source: str = "<plan>",
                 force: bool = False, fmt: str | None = None, origin: Origin | None = None,
                 owner: str | None = None, headers: Literal["labels", "ids"] = "labels",
                 scope: Scope | None = None) -> Path:
    """Write the report of ``ev`` to ``path``; the format is ``fmt`` (``html``,
    ``markdown``/``md``, ``xlsx``) or follows the extension (``.html`` / ``.htm``, ``.md``,
    ``.xlsx``). ``steering`` (a steering result) and ``snapshots`` (earlier ones, e.g.
    :func:`pacspec.history.history`) add the steering dashboard; ``actions`` the PAC table
    resolved on the baseline (see :func:`~pacspec.report.document.build_document`). An
    existing file is kept (:class:`ReportError` with code ``exists``) unless ``force``; a
    folder as ``path``, a missing folder or a write failure is a :class:`ReportError` with
    code ``io``; the file is written atomically (see :mod:`pacspec.output`). ``origin``:
    the plan file behind the report (what a working workbook records for ``pacspec
    sync``); ``owner``: the PAC table holds only that owner's actions; ``scope``: the
    document of one person (:class:`~pacspec.engine.scope.Scope`). Returns the path
    written."""
    from pacspec.report.document import build_document
    from pacspec.report.sections.pac_table import check_owner

    check_owner(ev.plan, owner)
    kind = resolve(path, fmt)
    if kind.require is not None:
        kind.require()
    out = prepare_output(path, force=force, what="the report", error=ReportError)
    doc = build_document(ev, steering=steering, snapshots=snapshots, actions=actions,
                         source=source, fmt=kind.sections_of, origin=origin, owner=owner,
                         headers=headers, scope=scope)
    with open_output(out, force=force, what="the report", binary=kind.binary,
                     error=ReportError) as fh:
        kind.write(doc, fh)
    return out
