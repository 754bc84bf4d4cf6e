"""``pacspec sync``: the cells a team edited in working workbooks (``pacspec report PLAN
-o pac.xlsx``) written back into the plan file, as dated readings (progress, spent) and
texts (comments, results), by targeted edits that keep the file's comments and layout.

:mod:`.workbook` reads a workbook (its hidden ``_pacspec`` sheet and the typed cells),
:mod:`.merge` decides what changes and what conflicts, :mod:`.yamledit` edits the text.
:func:`sync_plan` puts them together for one plan text; the session
(:func:`pacspec.session.sync`) finds the files, and :meth:`SyncResult.write` replaces the
plan atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pacspec
from pacspec.diagnostics import PacspecError, PlanError, Problem
from pacspec.diff import PlanDiff, diff_plans
from pacspec.i18n import label
from pacspec.loader import LoadedPlan, load_plan_document
from pacspec.sync.merge import FieldUpdate, apply_updates, merge_workbooks
from pacspec.sync.workbook import CellEdit, Workbook, read_workbook
from pacspec.yamlio import load_yaml

__all__ = [
    "CellEdit",
    "FieldUpdate",
    "SyncError",
    "SyncResult",
    "Workbook",
    "read_workbook",
    "read_workbooks",
    "sync_plan",
]

_BOM = b"\xef\xbb\xbf"

# ``pacspec.sync(workbooks, plan)`` stays the top-level function once this package is imported
sys.modules[__name__].__class__ = pacspec.SyncPackage


class SyncError(PacspecError):
    """Workbooks that cannot be synced: bad cells, conflicts, a missing plan. Nothing was
    written."""


@dataclass
class SyncResult:
    """What a sync changes in a plan file (nothing is written until :meth:`write`)."""

    plan: Path
    source: str
    old: bytes
    new: bytes
    diff: PlanDiff
    locale: str = "fr"
    updates: list[FieldUpdate] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    workbooks: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.new != self.old

    def write(self) -> Path:
        """Replace the plan file with the synced text, atomically; refused (nothing
        written) when the file changed since it was read."""
        from pacspec.fsio import UnreadableFile, read_bounded
        from pacspec.output import write_bytes_output

        if not self.changed:
            return self.plan
        try:
            now = read_bounded(self.plan, max(len(self.old) * 2, 1 << 20))
        except (UnreadableFile, OSError):
            now = b""
        if now != self.old:
            raise SyncError([Problem("error", "sync-plan-changed", label(
                "sync_plan_changed", self.locale, plan=self.source), self.source,
                hint=label("sync_plan_changed_hint", self.locale))])
        write_bytes_output(self.plan, self.new, force=True, what="the plan", error=SyncError)
        self.written = True
        return self.plan


def read_workbooks(paths: Sequence[str | os.PathLike[str]], lang: str = "fr"
                   ) -> list[Workbook]:
    """Every workbook read; :class:`SyncError` with all their problems when one is bad
    (those of a workbook that cannot be opened in ``lang``, see :func:`read_workbook`)."""
    books = [read_workbook(p, os.fspath(p), lang) for p in paths]
    problems = [p for book in books for p in book.problems]
    if problems:
        raise SyncError(problems)
    return books


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load(data: bytes, source: str, base_dir: Path, file: Path | None,
          allow_outside: bool) -> LoadedPlan:
    return load_plan_document(load_yaml(data, source), base_dir, file,
                              allow_outside=allow_outside)


def sync_plan(loaded: LoadedPlan, data: bytes, path: Path, books: Sequence[Workbook], *,
              on: dt.date | None = None, allow_outside: bool = False) -> SyncResult:
    """The sync of ``books`` into the plan whose file holds ``data`` (``loaded``: that file
    loaded): merged, edited, the result loaded and linted again. Raises
    :class:`SyncError` (conflicts, bad readings, a result that would not load)."""
    plan = loaded.plan
    loc, currency = plan.locale, plan.header.currency
    merged = merge_workbooks(books, plan, sha256(data), on)
    if merged.problems:
        raise SyncError(merged.problems)
    bom = data.startswith(_BOM)
    text = data[len(_BOM):].decode("utf-8") if bom else data.decode("utf-8")
    new_text, problems, notes = apply_updates(text, loaded.source, merged.updates, loc,
                                              currency)
    if problems:
        raise SyncError(problems)
    new = (_BOM if bom else b"") + new_text.encode("utf-8")
    after = loaded
    if new != data:
        try:
            after = _load(new, loaded.source, loaded.base_dir, path, allow_outside)
        except PlanError as exc:
            raise SyncError([*exc.problems, Problem("error", "sync-edit", label(
                "sync_edit_failed", loc, reason=exc.problems[0].message if exc.problems
                else "?"), loaded.source)]) from None
        problems, warnings = _new_lint_problems(loaded, after)
        if problems:
            raise SyncError(problems)
        notes = [*notes, *warnings]
    diff = diff_plans(loaded, after, loaded.source, loaded.source)
    return SyncResult(path, loaded.source, data, new, diff, loc, merged.updates,
                      [*merged.notes, *notes], [b.name for b in books])


def _new_lint_problems(before: LoadedPlan, after: LoadedPlan
                       ) -> tuple[list[Problem], list[Problem]]:
    """The lint errors of the synced plan that the plan did not have, and its new warnings
    (a reading below the one before it...), shown with the change."""
    from pacspec.lint import lint

    loc = after.plan.locale
    old = {(p.code, p.path) for p in lint(before, loc)}
    new = [p for p in lint(after, loc) if (p.code, p.path) not in old]
    errors = [Problem("error", p.code, label("sync_lint_error", loc, message=p.message),
                      p.file, p.line, p.col, p.path, p.hint)
              for p in new if p.severity == "error"]
    lead = label("hint_lead", loc)
    return errors, [replace(p, hint_lead=lead) for p in new if p.severity == "warning"]
