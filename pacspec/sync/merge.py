"""The merge: what the team changed in the workbooks, against the plan as it is now, and
the plan text with those changes made.

A team change is a cell whose value differs from the original recorded in the workbook.
When the plan file has the hash the workbook recorded, every team change applies. When it
has changed since, a team change applies only where the plan did not change that field
(its value at the workbook's ``as_of`` is still the original, and no reading was added
after that date); otherwise it is a conflict. Two workbooks changing the same field of the
same action to different values is a conflict too. Conflicts are problems naming every cell
involved; nothing is written when there is one.

A change of progress or spent becomes a dated reading ``{on: DATE, value: V}`` (DATE: the
``--on`` date, else the workbook's save date): appended after the last reading, replacing
a reading of the same date, an error before it. A plain (undated) number is kept as the
reading of the workbook's ``as_of`` (the date the report showed it) before the new one; when
DATE is that very date the new reading replaces it (said in a note). Comments and results
replace the text (an emptied cell removes it).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pacspec.diagnostics import JsonPath, PlanError, Problem
from pacspec.i18n import Locale, label
from pacspec.model.actions import Readings, reading_at
from pacspec.model.plan import Plan
from pacspec.sync.workbook import CellEdit, Workbook, same_value
from pacspec.sync.yamledit import EditError, PlanEditor, format_number
from pacspec.yamlio import load_yaml

__all__ = ["FieldUpdate", "MergeResult", "apply_updates", "merge_workbooks", "shown_value"]

_READINGS = ("progress", "spent")


@dataclass(frozen=True)
class FieldUpdate:
    """One field of one action to change, and the cells that ask for it."""

    action: str
    index: int
    """The action's position in the plan's ``actions``."""
    field: str
    value: float | str | None
    on: dt.date | None
    """The reading's date (progress, spent)."""
    as_of: dt.date | None
    """The ``as_of`` of the workbook the value comes from."""
    cells: tuple[CellEdit, ...]

    @property
    def path(self) -> JsonPath:
        return ("actions", self.index, self.field)


@dataclass
class MergeResult:
    updates: list[FieldUpdate] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


def shown_value(name: str, value: float | str | None, loc: str, currency: str) -> str:
    """A field's value in words for a message: ``45 %``, ``3 000 €``, ``« text »``."""
    locale = Locale.of(loc)
    if value is None or value == "":
        return label("sync_empty", loc)
    if name == "progress" and isinstance(value, int | float):
        return locale.percent(float(value) / 100, 0 if float(value).is_integer() else 1)
    if name == "spent" and isinstance(value, int | float):
        return locale.money(float(value), currency, thousands=False)
    text = " ".join(str(value).split())
    return label("sync_quoted", loc, text=text if len(text) <= 60 else text[:59] + "…")


def _field_words(name: str, loc: str) -> str:
    labels = {"progress": label("progress", loc), "spent": label("spent", loc),
              "comments": label("comments", loc), "results": label("results", loc)}
    return labels.get(name, name)


def _plan_value(action: Any, name: str, as_of: dt.date | None) -> float | str | None:
    """The plan's value of a field at ``as_of``, as the workbook shows it (progress: 0
    before any reading; spent: empty)."""
    value = getattr(action, name)
    if name not in _READINGS:
        return value if isinstance(value, str) else None
    if value is None:
        return 0.0 if name == "progress" else None
    number, _, _ = reading_at(value, as_of or dt.date.max)
    if number is None:
        return 0.0 if name == "progress" else None
    return float(number)


def _latest(action: Any, name: str) -> float | str | None:
    value = getattr(action, name)
    if isinstance(value, Readings):
        return value.readings[-1][1]
    return value if value is not None else (0.0 if name == "progress" else None)


def _read_after(action: Any, name: str, as_of: dt.date | None) -> bool:
    value = getattr(action, name)
    return (isinstance(value, Readings) and as_of is not None
            and any(on > as_of for on, _ in value.readings))


def merge_workbooks(books: Sequence[Workbook], plan: Plan, plan_sha: str,
                    on: dt.date | None) -> MergeResult:
    """The updates the workbooks ask for, and the conflicts (problems naming the cells)."""
    loc, currency = plan.locale, plan.header.currency
    result = MergeResult()
    actions = {a.id: (i, a) for i, a in enumerate(plan.actions)}
    proposals: dict[tuple[str, str], list[tuple[CellEdit, dt.date | None, Workbook]]] = {}
    for book in books:
        same = str(book.meta.get("plan_sha256") or "") == plan_sha
        for cell in book.cells:
            if not cell.changed:
                continue
            what = label("sync_what", loc, field=_field_words(cell.field, loc),
                         action=cell.action)
            found = actions.get(cell.action)
            if found is None:
                result.problems.append(Problem(
                    "error", "sync-conflict", label("sync_action_gone", loc, what=what),
                    cell.where, hint=label("sync_conflict_hint", loc)))
                continue
            index, action = found
            path: JsonPath = ("actions", index, cell.field)
            if cell.value is None and cell.field in _READINGS:
                result.problems.append(Problem(
                    "error", "sync-bad-value", label("sync_emptied", loc, what=what,
                                                     original=shown_value(
                                                         cell.field, cell.original, loc,
                                                         currency)),
                    cell.where, path=path, hint=label("sync_emptied_hint", loc)))
                continue
            current = _plan_value(action, cell.field, book.as_of)
            if not same and (not same_value(current, cell.original)
                             or _read_after(action, cell.field, book.as_of)):
                latest = _latest(action, cell.field)
                if same_value(latest, cell.value):
                    continue  # the plan already says what the team says
                result.problems.append(Problem(
                    "error", "sync-conflict", label(
                        "sync_conflict_plan", loc, what=what,
                        plan=shown_value(cell.field, latest, loc, currency),
                        value=shown_value(cell.field, cell.value, loc, currency),
                        original=shown_value(cell.field, cell.original, loc, currency)),
                    cell.where, path=path, hint=label("sync_conflict_hint", loc)))
                continue
            if same_value(current, cell.value) and not _read_after(action, cell.field,
                                                                    book.as_of):
                continue
            date = on or book.modified
            if date is None and cell.field in _READINGS:
                result.problems.append(Problem(
                    "error", "sync-no-date", label("sync_no_date", loc, name=book.name),
                    cell.where, hint=label("sync_no_date_hint", loc)))
                continue
            proposals.setdefault((cell.action, cell.field), []).append((cell, date, book))
    for (action_id, name), asked in proposals.items():
        index, _ = actions[action_id]
        values = [cell.value for cell, _, _ in asked]
        if any(not same_value(values[0], v) for v in values[1:]):
            what = label("sync_what", loc, field=_field_words(name, loc), action=action_id)
            for cell, _, _ in asked:
                others = ", ".join(
                    f"{c.where} ({shown_value(name, c.value, loc, currency)})"
                    for c, _, _ in asked if c is not cell)
                result.problems.append(Problem(
                    "error", "sync-conflict", label(
                        "sync_conflict_books", loc, what=what,
                        value=shown_value(name, cell.value, loc, currency), others=others),
                    cell.where, path=("actions", index, name),
                    hint=label("sync_conflict_books_hint", loc)))
            continue
        dates = [d for _, d, _ in asked if d is not None]
        latest_book = max(asked, key=lambda item: item[1] or dt.date.min)[2]
        result.updates.append(FieldUpdate(
            action_id, index, name, asked[0][0].value, max(dates) if dates else None,
            latest_book.as_of, tuple(cell for cell, _, _ in asked)))
    result.updates.sort(key=lambda u: (u.index, u.field))
    return result


# ----------------------------------------------------------------------- the plan text


def _reading_list(items: Sequence[tuple[dt.date | str, float]]) -> str:
    return "[" + ", ".join(f"{{on: {d if isinstance(d, str) else d.isoformat()}, "
                           f"value: {format_number(v)}}}" for d, v in items) + "]"


def apply_updates(text: str, source: str, updates: Sequence[FieldUpdate], loc: str,
                  currency: str) -> tuple[str, list[Problem], list[Problem]]:
    """The plan text with ``updates`` made, the problems (a reading dated before the last
    one) and the notes (an undated value replaced). The text is checked to read back as the
    plan's data with exactly these changes."""
    doc = load_yaml(text, source)
    editor = PlanEditor(text)
    expected = copy.deepcopy(doc.data)
    problems: list[Problem] = []
    notes: list[Problem] = []
    for update in updates:
        raw_action = doc.data["actions"][update.index]
        where = update.cells[0].where
        what = label("sync_what", loc, field=_field_words(update.field, loc),
                     action=update.action)
        target = expected["actions"][update.index]
        try:
            if update.field in _READINGS:
                problem, note = _reading(editor, raw_action, target, update, where, what, loc,
                                         currency)
                problems += [problem] if problem else []
                notes += [note] if note else []
            else:
                _text(editor, raw_action, target, update)
        except EditError as exc:
            problems.append(Problem("error", "sync-edit", label(
                "sync_cannot_edit", loc, what=what, reason=str(exc)), where, path=update.path,
                hint=label("sync_cannot_edit_hint", loc)))
    if problems:
        return text, problems, notes
    try:
        new_text = editor.text()
        data = load_yaml(new_text, source).data
    except (EditError, PlanError) as exc:
        return text, [Problem("error", "sync-edit", label(
            "sync_edit_failed", loc, reason=" ".join(str(exc).split())[:200]), source)], notes
    if data != expected:
        return text, [Problem("error", "sync-edit", label(
            "sync_edit_failed", loc, reason="the edited text does not read back as expected"),
            source)], notes
    return new_text, problems, notes


def _text(editor: PlanEditor, raw_action: dict[str, Any], target: dict[str, Any],
          update: FieldUpdate) -> None:
    value = update.value if isinstance(update.value, str) and update.value != "" else None
    mapping: JsonPath = ("actions", update.index)
    if update.field in raw_action:
        editor.set_text(update.path, value)
        if value is None and editor.span(mapping) is not None and not editor.spans[
                mapping].flow and _own_lines(editor, update.path):
            target.pop(update.field, None)
        else:
            target[update.field] = value
    elif value is not None:
        editor.add_text_key(mapping, update.field, value)
        target[update.field] = value


def _own_lines(editor: PlanEditor, path: JsonPath) -> bool:
    span = editor.spans[path]
    if span.key_start is None:
        return False
    src = editor.source
    head = src[src.rfind("\n", 0, span.key_start) + 1: span.key_start]
    end = src.find("\n", span.end)
    rest = src[span.end: len(src) if end < 0 else end]
    return not head.strip() and not rest.strip()


def _reading(editor: PlanEditor, raw_action: dict[str, Any], target: dict[str, Any],
             update: FieldUpdate, where: str, what: str, loc: str, currency: str
             ) -> tuple[Problem | None, Problem | None]:
    """Add the update's reading; (problem, note)."""
    assert isinstance(update.value, int | float) and update.on is not None
    value, on = float(update.value), update.on
    day = on.isoformat()
    raw = raw_action.get(update.field)
    mapping: JsonPath = ("actions", update.index)
    new_item = {"on": day, "value": _number(value)}
    if raw is None:
        if update.field in raw_action:
            editor.replace_node(update.path, _reading_list([(on, value)]))
        else:
            after = ("progress", "budget", "due") if update.field == "spent" else ("due",)
            editor.add_key(mapping, update.field, _reading_list([(on, value)]), after)
        target[update.field] = [new_item]
        return None, None
    if isinstance(raw, list):
        last = raw[-1] if raw and isinstance(raw[-1], dict) else {}
        last_day = str(last.get("on", ""))
        if last_day > day:
            return Problem("error", "sync-reading-date", label(
                "sync_reading_before", loc, what=what, on=day, last=last_day),
                where, path=update.path, hint=label("sync_reading_before_hint", loc,
                                                     last=last_day)), None
        if last_day == day:
            editor.set_number((*update.path, len(raw) - 1, "value"), value)
            target[update.field][-1]["value"] = _number(value)
            old = last.get("value")
            note = Problem("note", "sync-reading-replaced", label(
                "sync_reading_replaced", loc, what=what, on=day,
                old=shown_value(update.field, old if isinstance(old, int | float) else None,
                                loc, currency)), where, path=update.path)
            return None, note
        editor.append_reading(update.path, on, value)
        target[update.field].append(new_item)
        return None, None
    # a plain number, undated: kept as the reading of the workbook's as_of
    old_value = float(raw) if isinstance(raw, int | float) else 0.0
    as_of = update.as_of
    shown_old = shown_value(update.field, old_value, loc, currency)
    if as_of is None or on < as_of:
        return Problem("error", "sync-reading-date", label(
            "sync_undated_before", loc, what=what, on=day,
            as_of=as_of.isoformat() if as_of else "?"), where, path=update.path,
            hint=label("sync_undated_before_hint", loc)), None
    if on == as_of:
        editor.replace_node(update.path, _reading_list([(on, value)]))
        target[update.field] = [new_item]
        return None, Problem("note", "sync-undated-replaced", label(
            "sync_undated_replaced", loc, what=what, old=shown_old, on=day), where,
            path=update.path)
    editor.replace_node(update.path, _reading_list([(as_of, old_value), (on, value)]))
    target[update.field] = [{"on": as_of.isoformat(), "value": _number(old_value)}, new_item]
    return None, Problem("note", "sync-undated-kept", label(
        "sync_undated_kept", loc, what=what, old=shown_old, as_of=as_of.isoformat()), where,
        path=update.path)


def _number(value: float) -> int | float:
    text = format_number(value)
    return int(text) if "." not in text else float(text)
