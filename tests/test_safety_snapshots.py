"""Hand-edited and hostile snapshot files (:func:`pacspec.history.read_snapshots`): each is a
problem ``bad-snapshot`` naming the file and the place in it, never an internal error; a
FIFO or a device is refused before it is opened, and every read is bounded."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec import EvaluationError
from pacspec.history import MAX_SNAPSHOT_BYTES, MAX_SNAPSHOT_DEPTH, read_snapshots, trend

NAME = "p.2026-03-31.snapshot.json"


def snapshot(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "format": 1, "plan": "p.pac.yaml", "as_of": "2026-03-31",
        "kpis": [{"id": "ca", "metric": "revenue", "value": 10.0, "target": 12.0,
                  "attainment": 0.8, "status": "orange"}],
        "actions": [{"id": "a1", "clients": 3, "realised": 5.0, "attainment": None,
                     "status": "red", "progress": 50, "late": False}]}
    base.update(changes)
    return base


def problem_of(folder: Path, text: str | bytes) -> Any:
    path = folder / NAME
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        read_snapshots(folder)
    (problem,) = info.value.problems
    assert (problem.code, problem.file) == ("bad-snapshot", str(path))
    assert len(problem.message) < 400
    return problem


CASES: dict[str, tuple[str, str | None, str]] = {
    "deep list": ("[" * 100_000, None, f"nests deeper than {MAX_SNAPSHOT_DEPTH} levels"),
    "deep value": (json.dumps(snapshot(extra=[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]])), None,
                   "nests deeper"),
    "5000 digits": ('{"format": ' + "9" * 5000 + "}", None, "a number with 5000 digits"),
    "null id": (json.dumps(snapshot(actions=[{"id": None, "status": "red"}])),
                "$.actions[0].id", "found null"),
    "as_of number": (json.dumps(snapshot(as_of=20260331)), "$.as_of", "found 20260331"),
    "as_of far": (json.dumps(snapshot(as_of="9999-12-31")), "$.as_of", "after 2199-12-31"),
    "as_of text": (json.dumps(snapshot(as_of="31/03/2026")), "$.as_of", "YYYY-MM-DD"),
    "infinite": (json.dumps(snapshot()).replace("10.0", "1e400"), "$.kpis[0].value",
                 "finite"),
    "NaN": (json.dumps(snapshot()).replace("10.0", "NaN"), None, "NaN is not a JSON number"),
    "late text": (json.dumps(snapshot(actions=[{"id": "a", "status": "red", "late": "no"}])),
                  "$.actions[0].late", "valid boolean"),
    "long text": (json.dumps(snapshot(kpis=[{"id": "k", "status": "red",
                                              "value": "x" * 100_000}])),
                  "$.kpis[0].value", "valid number"),
    "unknown status": (json.dumps(snapshot(actions=[{"id": "a", "status": "50 %"}])),
                       "$.actions[0].status", "found '50 %'"),
    "a list": ("[]", None, "expected a JSON object"),
    "no format": (json.dumps({"as_of": "2026-03-31"}), "$.format", "no 'format' number"),
    "newer": (json.dumps(snapshot(format=99)), "$.format", "upgrade pacspec"),
    "bad JSON": ('{"format": 1,', None, "invalid JSON at line 1"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_hostile_snapshot_is_a_positioned_problem(tmp_path: Path, case: str) -> None:
    text, where, expected = CASES[case]
    problem = problem_of(tmp_path, text)
    assert problem.json_path == (where or ""), problem.format()
    assert expected in problem.message, problem.format()


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    assert "invalid UTF-8 at byte 12" in problem_of(tmp_path, b'{"format": 1\xff}').message


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_snapshot_that_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    path = tmp_path / NAME
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    else:
        path.mkdir()
    with pytest.raises(EvaluationError) as info:
        read_snapshots(tmp_path)
    assert "not a regular file" in info.value.problems[0].message


def test_a_snapshot_over_the_size_limit(tmp_path: Path) -> None:
    with open(tmp_path / NAME, "wb") as fh:
        fh.truncate(MAX_SNAPSHOT_BYTES + 1)  # sparse: no disk used
    assert "more than the limit" in problem_of_existing(tmp_path).message


def problem_of_existing(folder: Path) -> Any:
    with pytest.raises(EvaluationError) as info:
        read_snapshots(folder)
    return info.value.problems[0]


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=12)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["format", "as_of", "kpis", "actions", "plan"]), JSONISH)
def test_any_value_at_any_key_reads_or_is_a_problem(tmp_path: Path, key: str, value: Any
                                                    ) -> None:
    """A snapshot that reads back can be used for a trend; anything else is a problem."""
    (tmp_path / NAME).write_text(json.dumps(snapshot(**{key: value})), encoding="utf-8")
    try:
        snaps = read_snapshots(tmp_path)
    except EvaluationError as exc:
        assert [p.code for p in exc.problems] == ["bad-snapshot"]
        return
    assert trend(snaps).dates == [snaps[0].data["as_of"]]
