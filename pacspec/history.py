"""Steering snapshots (small, diff-friendly JSON files, one per date, read back through a
pydantic model) and the trend of every KPI and action across them."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    ValidationError,
)

from pacspec.calendar import check_date
from pacspec.diagnostics import EvaluationError, Problem
from pacspec.engine.actions import round_or_none
from pacspec.engine.steering import ActionSteering, KpiResult, Status, SteeringResult
from pacspec.fsio import UnreadableFile, check_path, excerpt, read_bounded, shown_path
from pacspec.output import output_errors, write_text_output

__all__ = [
    "MAX_SNAPSHOT_BYTES",
    "MAX_SNAPSHOT_DEPTH",
    "SNAPSHOT_FORMAT",
    "SeriesPoint",
    "Snapshot",
    "SnapshotExists",
    "Trend",
    "TrendSeries",
    "check_history_folder",
    "dumps_snapshot",
    "history",
    "plan_stem",
    "read_snapshots",
    "snapshot_name",
    "to_snapshot",
    "trend",
    "with_current",
    "write_snapshot",
]

SNAPSHOT_FORMAT = 1
"""Version of the snapshot format (the ``format`` key)."""

_SUFFIX = ".snapshot.json"
_PLAN_SUFFIXES = (".pac.yaml", ".pac.yml", ".yaml", ".yml")


class SnapshotExists(EvaluationError):
    """A snapshot for this plan and date already exists and replacing it was not asked."""


def plan_stem(source: str | os.PathLike[str]) -> str:
    """The plan's file name without ``.pac.yaml``: ``plans/connect-plus.pac.yaml`` ->
    ``connect-plus``."""
    name = Path(source).name
    for suffix in _PLAN_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def snapshot_name(result: SteeringResult, source: str) -> str:
    """``<plan stem>.<as_of>.snapshot.json`` for the plan file ``source``."""
    return f"{plan_stem(source)}.{result.as_of.isoformat()}{_SUFFIX}"


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def to_snapshot(result: SteeringResult, source: str) -> dict[str, Any]:
    """The snapshot of a steering result of the plan file ``source``, keys in their fixed
    order: for each KPI and action the figures ``pacspec track --format json`` gives (value,
    expected, attainment, status, N−1 and change, landing, phasing profile; dates of the
    readings used), without the words. Snapshots written before the N−1, landing and
    phasing fields existed hold only the first ones and still load."""
    def kpi(k: KpiResult) -> dict[str, Any]:
        digits = 2 if k.unit in ("money", "amount") else 4
        return {
            "id": k.id, "metric": k.metric, "value": round_or_none(k.value, digits),
            "target": round_or_none(k.target, 4), "attainment": round_or_none(k.attainment, 4),
            "status": k.status, "unit": k.unit,
            "annual_target": round_or_none(k.annual_target, digits),
            "expected": round_or_none(k.expected, digits),
            "n1_value": round_or_none(k.n1_value, digits), "change": round_or_none(k.change, 4),
            "change_kind": k.change_kind, "projection": round_or_none(k.projection, digits),
            "phasing": {"kind": k.phasing, "share": round_or_none(k.share, 4),
                        "reason": None if k.phasing_reason is None else k.phasing_reason.code},
            "reading_on": _iso(k.reading_on),
        }

    def action(a: ActionSteering) -> dict[str, Any]:
        return {
            "id": a.id, "clients": a.clients,
            "current_revenue": round_or_none(a.current_revenue, 2),
            "target_revenue": round_or_none(a.target_revenue, 2),
            "realised": round_or_none(a.realised, 2), "expected": round_or_none(a.expected, 2),
            "attainment": round_or_none(a.attainment, 4), "status": a.status,
            "progress": a.progress, "late": a.late,
            "n1_realised": round_or_none(a.n1_realised, 2), "change": round_or_none(a.change, 4),
            "projection": round_or_none(a.projection, 2),
            "phasing": {"kind": a.phasing, "share": round_or_none(a.share, 4),
                        "reason": None if a.phasing_reason is None else a.phasing_reason.code},
            "progress_on": _iso(a.progress_on), "spent": round_or_none(a.spent, 2),
            "spent_on": _iso(a.spent_on), "visits": a.visits,
            "visits_planned": round_or_none(a.visits_planned, 2),
        }

    return {
        "format": SNAPSHOT_FORMAT,
        "plan": Path(source).name,
        "company": result.plan.header.company,
        "as_of": result.as_of.isoformat(),
        "plan_start": result.plan_start.isoformat(),
        "elapsed": round_or_none(result.elapsed, 4),
        "kpis": [kpi(k) for k in result.kpis],
        "actions": [action(a) for a in result.actions],
    }


def dumps_snapshot(snapshot: dict[str, Any]) -> str:
    """The snapshot file's text."""
    return json.dumps(snapshot, indent=2, ensure_ascii=False) + "\n"


def write_snapshot(result: SteeringResult, source: str, folder: str | os.PathLike[str], *,
                   force: bool = False) -> Path:
    """Write the snapshot of ``result`` into ``folder`` (created if missing) and return its
    path. An existing file is kept (:class:`SnapshotExists`) unless ``force``; a ``folder``
    that is a file, or a file that cannot be written, is an :class:`EvaluationError` with
    code ``io``."""
    target = Path(folder)
    path = target / snapshot_name(result, source)
    text = dumps_snapshot(to_snapshot(result, source))
    try:
        check_path(path)
        is_file = target.exists() and not target.is_dir()
    except (UnreadableFile, OSError) as exc:
        reason = exc.reason if isinstance(exc, UnreadableFile) else exc.strerror or str(exc)
        raise EvaluationError([Problem(
            "error", "io", f"cannot write the snapshot into {shown_path(target)}: "
            f"{reason}", shown_path(target), hint="name a folder for the snapshots")
                               ]) from None
    if is_file:
        raise EvaluationError([Problem(
            "error", "io", f"cannot write the snapshot into {target}: it exists and is not a "
            "folder", str(target), hint="name a folder for the snapshots")])
    with output_errors(target, what="the snapshot folder", error=EvaluationError):
        target.mkdir(parents=True, exist_ok=True)
    try:
        write_text_output(path, text, force=force, what="the snapshot", error=EvaluationError)
    except EvaluationError as exc:
        if any(p.code == "exists" for p in exc.problems):
            raise SnapshotExists([replace(p, code="snapshot-exists") if p.code == "exists"
                                  else p for p in exc.problems]) from None
        raise
    return path


# ------------------------------------------------------------------------------ reading


@dataclass
class Snapshot:
    """A snapshot read back from a file."""

    path: Path
    data: dict[str, Any]

    @property
    def as_of(self) -> dt.date:
        return dt.date.fromisoformat(self.data["as_of"])


def _malformed(path: Path, why: str, where: tuple[str | int, ...] = ()) -> EvaluationError:
    return EvaluationError([Problem("error", "bad-snapshot", f"{path} is not a pacspec "
                                    f"snapshot: {why}", str(path),
                                    path=tuple(where) if where else None,
                                    hint="fix or remove the file")])


MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024
"""A snapshot file larger than this is refused (a real one is a few kB)."""

MAX_SNAPSHOT_DEPTH = 16
"""Nesting deeper than this is refused (a real snapshot nests three levels)."""

_MAX_DIGITS = 40
"""Integers with more digits are refused (no snapshot number comes near)."""


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("expected a finite number")
    return value


Number = Annotated[float, AfterValidator(_finite)] | None
"""A finite number or null (JSON booleans are refused)."""


def _iso_date(value: str) -> str:
    if not _ISO_DATE.fullmatch(value):
        raise ValueError("expected a date written YYYY-MM-DD")
    check_date(dt.date.fromisoformat(value), "the date")
    return value


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True, defer_build=True)
    id: StrictStr
    status: Status
    """One of the statuses steering gives (``green``, ``orange``, ``red``, ``n/a``)."""


class _Kpi(_Entry):
    value: Number = None
    target: Number = None
    attainment: Number = None
    expected: Number = None
    n1_value: Number = None
    change: Number = None
    projection: Number = None
    """Fields since the N−1, landing and phasing figures (absent from older snapshots)."""


class _Action(_Entry):
    current_revenue: Number = None
    target_revenue: Number = None
    realised: Number = None
    expected: Number = None
    attainment: Number = None
    late: StrictBool | None = None
    n1_realised: Number = None
    change: Number = None
    projection: Number = None


class SnapshotFile(BaseModel):
    """The shape of a snapshot file, as read back (keys this version does not know are
    kept). Built at the first snapshot read (``defer_build``): a report or a ``track``
    without snapshots imports this module without compiling its validators."""

    model_config = ConfigDict(extra="allow", strict=True, defer_build=True)
    format: int = Field(ge=1)
    as_of: Annotated[StrictStr, AfterValidator(_iso_date)]
    kpis: list[_Kpi]
    actions: list[_Action]


def _depth(data: Any) -> int:
    """How deep ``data`` nests (iteratively: no recursion on hostile input)."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        node, level = todo.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, level)
            if level > MAX_SNAPSHOT_DEPTH:
                break
            todo.extend((child, level + 1) for child in
                        (node.values() if isinstance(node, dict) else node))
    return deepest


def _check(path: Path, data: Any) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise _malformed(path, "expected a JSON object")
    if _depth(data) > MAX_SNAPSHOT_DEPTH:
        raise _malformed(path, f"it nests deeper than {MAX_SNAPSHOT_DEPTH} levels")
    version = data.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _malformed(path, "no 'format' number", ("format",))
    if version > SNAPSHOT_FORMAT:
        raise _malformed(path, f"format {version} is newer than this pacspec reads "
                               f"({SNAPSHOT_FORMAT}); upgrade pacspec", ("format",))
    try:
        SnapshotFile.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = tuple(p for p in error["loc"] if isinstance(p, str | int))
        shown = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in where)
        message = error["msg"].removeprefix("Value error, ")
        message = message[:1].lower() + message[1:]
        found = error.get("input")
        found_text = (excerpt(found, 40) if isinstance(found, str) else
                      "an object" if isinstance(found, dict) else
                      "a list" if isinstance(found, list) else json.dumps(found)[:40])
        raise _malformed(path, f"{shown.replace('.[', '[')}: {message}, found {found_text}",
                         where) from None
    return data


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_DIGITS:
        raise ValueError(f"a number with {len(text.lstrip('-'))} digits")
    return int(text)


def _parse_constant(text: str) -> float:
    raise ValueError(f"{text} is not a JSON number")


def _load(path: Path) -> Any:
    try:
        raw = read_bounded(path, MAX_SNAPSHOT_BYTES)
    except UnreadableFile as exc:
        raise _malformed(path, exc.reason) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _malformed(path, f"invalid UTF-8 at byte {exc.start}") from None
    try:
        return json.loads(text, parse_int=_parse_int, parse_constant=_parse_constant)
    except json.JSONDecodeError as exc:
        raise _malformed(path, f"invalid JSON at line {exc.lineno}, column {exc.colno}"
                         ) from None
    except RecursionError:
        raise _malformed(path, f"it nests deeper than {MAX_SNAPSHOT_DEPTH} levels") from None
    except ValueError as exc:
        raise _malformed(path, str(exc)) from None


def read_snapshots(folder: str | os.PathLike[str], plan: str | None = None) -> list[Snapshot]:
    """The snapshots in ``folder`` (``*.snapshot.json``; only ``<plan>.*`` with ``plan``, a
    plan stem or file name), sorted by ``as_of``. A missing folder has none; a file that is
    not a snapshot (not a regular file, over :data:`MAX_SNAPSHOT_BYTES`, nested deeper than
    :data:`MAX_SNAPSHOT_DEPTH`, or not of the :class:`SnapshotFile` shape) raises
    :class:`EvaluationError` naming it and the place in it."""
    where = Path(folder)
    if not where.is_dir():
        return []
    pattern = f"{plan_stem(plan)}.*{_SUFFIX}" if plan else f"*{_SUFFIX}"
    found = []
    for path in sorted(where.glob(pattern)):
        found.append(Snapshot(path, _check(path, _load(path))))
    found.sort(key=lambda s: (s.as_of, s.path.name))
    return found


def with_current(snapshots: Sequence[Snapshot], current: dict[str, Any]
                 ) -> list[Snapshot | dict[str, Any]]:
    """Saved snapshots followed by the current evaluation's; a saved snapshot of the same
    date is left out (the current one replaces it, so no date counts twice)."""
    date = str(current["as_of"])
    return [*(s for s in snapshots if str(s.data["as_of"]) != date), current]


def check_history_folder(folder: str | os.PathLike[str]) -> Path:
    """``folder`` as a :class:`Path` when it is an existing folder; otherwise an
    :class:`EvaluationError` with code ``io`` (it does not exist, or it is not a folder)."""
    where = Path(folder)
    if not where.is_dir():
        why = "is not a folder" if where.exists() else "does not exist"
        raise EvaluationError([Problem(
            "error", "io", f"history folder {where} {why}", str(where),
            hint="name the folder where pacspec track --save wrote the snapshots")])
    return where


def history(result: SteeringResult, source: str, folder: str | os.PathLike[str]
            ) -> list[Snapshot | dict[str, Any]]:
    """The plan's history: the snapshots of ``result``'s plan saved in ``folder`` (which must
    be a folder, see :func:`check_history_folder`), then ``result``'s own snapshot, which
    replaces a saved one of the same date."""
    where = check_history_folder(folder)
    return with_current(read_snapshots(where, plan_stem(source)), to_snapshot(result, source))


# -------------------------------------------------------------------------------- trend


@dataclass
class SeriesPoint:
    """One KPI or action at one date (None where the snapshot does not have it)."""

    value: float | None
    attainment: float | None
    status: str | None
    late: bool | None = None
    """Actions only: the action was late at that date."""
    expected: float | None = None
    """What was expected by that date (the phased target; None: not in the snapshot)."""
    n1_value: float | None = None
    """The same measure one year earlier, to that date (KPIs: ``n1_value``; actions:
    ``n1_realised``)."""
    projection: float | None = None
    """The year-end landing (*atterrissage*) seen at that date."""
    change: float | None = None
    """The change on N−1 (``change_kind``: ``relative``, or ``points`` for a rate)."""
    change_kind: str | None = None


@dataclass
class TrendSeries:
    id: str
    kind: str
    """``kpi`` or ``action``."""
    points: list[SeriesPoint]
    """One per date of :attr:`Trend.dates`."""


@dataclass
class Trend:
    """Every KPI and action across snapshots, one point per date."""

    dates: list[str]
    kpis: list[TrendSeries] = field(default_factory=list)
    actions: list[TrendSeries] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def series(items: list[TrendSeries]) -> list[dict[str, Any]]:
            return [{"id": s.id, "points": [
                {"as_of": d, "value": p.value, "attainment": p.attainment, "status": p.status,
                 **({} if p.late is None else {"late": p.late})}
                for d, p in zip(self.dates, s.points, strict=True)]} for s in items]

        return {"dates": self.dates, "kpis": series(self.kpis),
                "actions": series(self.actions)}


def trend(snapshots: Sequence[Snapshot | dict[str, Any]]) -> Trend:
    """The trend across snapshots (files read back, or :func:`to_snapshot` dicts). Dates are
    sorted; a later snapshot of the same date replaces an earlier one; ids appear in the
    order of the latest snapshot, then ids found only in earlier ones."""
    by_date: dict[str, dict[str, Any]] = {}
    for snap in snapshots:
        data = snap.data if isinstance(snap, Snapshot) else snap
        by_date[str(data["as_of"])] = data
    dates = sorted(by_date)
    out = Trend(dates=dates)
    for kind, key, value_key in (("kpi", "kpis", "value"), ("action", "actions", "realised")):
        ids: list[str] = []
        for d in reversed(dates):
            for item in by_date[d][key]:
                if item["id"] not in ids:
                    ids.append(item["id"])
        target = out.kpis if kind == "kpi" else out.actions
        for ident in ids:
            points = []
            for d in dates:
                item = next((x for x in by_date[d][key] if x["id"] == ident), None)
                if item is None:
                    points.append(SeriesPoint(None, None, None))
                else:
                    points.append(SeriesPoint(
                        item.get(value_key), item.get("attainment"), item.get("status"),
                        item.get("late"), expected=item.get("expected"),
                        n1_value=item.get("n1_value" if kind == "kpi" else "n1_realised"),
                        projection=item.get("projection"), change=item.get("change"),
                        change_kind=item.get("change_kind", "relative")))
            target.append(TrendSeries(ident, kind, points))
    return out
