"""Output files and the checks before an evaluation: the shared helpers of
:mod:`pacspec.output`, what every writer does with a missing folder, a folder named as the
file, an existing file, an unknown extension; snapshots that are not numbers; the plan
linted before ``evaluate``, ``track`` and ``report`` run on it.

Commands run in-process through :func:`pacspec.cli.main`."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN, PLANS

from pacspec import EvaluationError, PacspecError, load_plan
from pacspec.cli import main
from pacspec.engine.steering import SteeringResult
from pacspec.history import (
    SnapshotExists,
    check_history_folder,
    history,
    read_snapshots,
    to_snapshot,
    write_snapshot,
)
from pacspec.output import (
    OutputError,
    open_output,
    prepare_output,
    table_format,
    write_text_output,
)
from pacspec.report import ReportError, write_report
from pacspec.report.tables import write_table
from pacspec.session import evaluate, steer

PLAN = str(EXAMPLE_PLAN)
STEM = "connect-plus"
SOURCE = PLAN


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


@pytest.fixture(scope="module")
def ev() -> object:
    return evaluate(load_plan(EXAMPLE_PLAN), as_of=dt.date(2025, 12, 31))


@pytest.fixture(scope="module")
def june() -> SteeringResult:
    return steer(load_plan(EXAMPLE_PLAN), as_of=dt.date(2026, 6, 30))


def only(exc: PacspecError) -> tuple[str, str, str]:
    (problem,) = exc.problems
    return problem.code, problem.file or "", problem.message


# ------------------------------------------------------------------- the shared helpers


def test_prepare_output_refuses_what_cannot_be_written(tmp_path: Path) -> None:
    existing = tmp_path / "a.csv"
    existing.write_text("mine", encoding="utf-8")
    with pytest.raises(OutputError) as info:
        prepare_output(existing, force=False, what="the table")
    (problem,) = info.value.problems
    assert (problem.code, problem.file) == ("exists", str(existing))
    assert problem.hint == "pass --force to replace it"
    assert prepare_output(existing, force=True, what="the table") == existing
    with pytest.raises(OutputError) as info:
        prepare_output(tmp_path / "nodir" / "a.csv", force=True, what="the table")
    code, file, message = only(info.value)
    assert (code, file) == ("io", str(tmp_path / "nodir" / "a.csv"))
    assert message.endswith(f"folder {tmp_path / 'nodir'} does not exist")
    with pytest.raises(OutputError) as info:
        prepare_output(existing / "b.csv", force=True, what="the table")
    assert only(info.value)[0] == "io" and "is not a folder" in only(info.value)[2]
    with pytest.raises(ReportError) as rinfo:  # the caller's exception type
        prepare_output(tmp_path, force=True, what="the report", error=ReportError)
    assert only(rinfo.value)[0] == "io" and "is a folder" in only(rinfo.value)[2]


def test_open_output_turns_os_errors_into_problems(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"

    def fail() -> None:
        with open_output(target, force=False, what="the file") as fh:
            fh.write("half")
            raise OSError(28, "No space left on device")

    with pytest.raises(OutputError) as info:
        fail()
    code, file, message = only(info.value)
    assert (code, file) == ("io", str(target))
    assert message == f"cannot write the file {target}: No space left on device"
    assert not target.exists()  # no half-written file left behind
    assert write_text_output(target, "x\n", force=False) == target
    assert write_text_output(target, "x\n", force=False, keep_same=True) == target
    with pytest.raises(OutputError):
        write_text_output(target, "y\n", force=False, keep_same=True)
    assert target.read_text(encoding="utf-8") == "x\n"


def test_table_format() -> None:
    assert [table_format(n) for n in ("a.csv", "b.JSON", "c.parquet", "d.pq")] == [
        "csv", "json", "parquet", "parquet"]
    with pytest.raises(EvaluationError) as info:
        table_format("out.txt")
    (problem,) = info.value.problems
    assert (problem.code, problem.file) == ("output-format", "out.txt")
    assert all(ext in (problem.hint or "") for ext in (".csv", ".json", ".parquet"))


# ------------------------------------------------------------------- the client table


@pytest.mark.parametrize("name", ["t.csv", "t.json", "t.parquet"])
def test_write_table_problems(ev: object, tmp_path: Path, name: str) -> None:
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    def write(path: Path, **kw: bool) -> None:
        write_table(ev, path, **kw)  # type: ignore[arg-type]

    with pytest.raises(EvaluationError) as info:
        write(tmp_path / "nodir" / name)
    assert only(info.value)[:2] == ("io", str(tmp_path / "nodir" / name))
    folder = tmp_path / name
    folder.mkdir()
    with pytest.raises(EvaluationError) as info:
        write(folder, force=True)
    assert only(info.value)[0] == "io"
    out = tmp_path / f"new-{name}"
    write(out)
    first = out.read_bytes()
    with pytest.raises(EvaluationError) as info:
        write(out)
    assert only(info.value)[0] == "exists" and out.read_bytes() == first
    write(out, force=True)
    assert out.read_bytes() == first


def test_cli_evaluate_output_errors_are_usage_errors(capsys: pytest.CaptureFixture[str],
                                                     tmp_path: Path) -> None:
    missing = cli(capsys, "evaluate", PLAN, "-q", "-o", str(tmp_path / "nodir" / "out.csv"))
    assert missing.code == 2 and "Traceback" not in missing.err
    assert f"{tmp_path / 'nodir' / 'out.csv'}: error[io]" in missing.err
    assert "n'existe pas" in missing.err  # the plan's language (French)
    (tmp_path / "somedir.json").mkdir()
    folder = cli(capsys, "evaluate", PLAN, "-q", "-o", str(tmp_path / "somedir.json"),
                 "--force")
    assert folder.code == 2 and "error[io]" in folder.err and "c'est un dossier" in folder.err
    out = tmp_path / "out.csv"
    assert cli(capsys, "evaluate", PLAN, "-q", "-o", str(out)).code == 0
    again = cli(capsys, "evaluate", PLAN, "-q", "-o", str(out))
    assert again.code == 2 and f"{out}: error[exists]" in again.err
    assert "ajoutez --force pour le remplacer" in again.err


def test_cli_evaluate_checks_the_output_name_first(capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    # the data file does not exist: the output name is refused before anything is read
    run = cli(capsys, "evaluate", PLAN, "-q", "-o", str(out), "--transactions",
              str(tmp_path / "none.csv"))
    assert run.code == 2 and run.out == ""
    assert run.err.startswith(f"{out}: error[output-format]")
    assert ".csv" in run.err and ".json" in run.err and ".parquet" in run.err
    assert not out.exists()


@pytest.mark.parametrize("top", ["-2", "0", "two"])
def test_cli_top_must_be_positive(capsys: pytest.CaptureFixture[str], top: str) -> None:
    run = cli(capsys, "evaluate", PLAN, "--top", top)
    assert run.code == 2 and run.out == ""
    assert f"argument --top: expected a whole number of at least 1, found '{top}'" in run.err


def test_cli_schema_output_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run = cli(capsys, "schema", "-o", str(tmp_path / "nodir" / "s.json"))
    assert run.code == 2 and "error[io]" in run.err and "n'existe pas" in run.err
    run = cli(capsys, "schema", "-o", str(tmp_path), "--force")
    assert run.code == 2 and "error[io]" in run.err


# -------------------------------------------------------------------------- snapshots


def test_save_into_a_file_is_not_an_existing_snapshot(capsys: pytest.CaptureFixture[str],
                                                      tmp_path: Path) -> None:
    plain = tmp_path / "notes.txt"
    plain.write_text("mine\n", encoding="utf-8")
    run = cli(capsys, "track", PLAN, "--as-of", "2026-06-30", "--save", str(plain))
    assert run.code == 2 and run.out == ""
    assert f"{plain}: error[io]" in run.err and "exists and is not a folder" in run.err
    assert "already exists" not in run.err and "snapshot-exists" not in run.err
    assert plain.read_text(encoding="utf-8") == "mine\n"
    for command in ("track", "report"):
        args = ["-o", str(tmp_path / "r.md")] if command == "report" else []
        hist = cli(capsys, command, PLAN, *args, "--history", str(plain))
        assert hist.code == 2 and f"history folder {plain} is not a folder" in hist.err
        assert "does not exist" not in hist.err


def test_write_snapshot_errors(june: SteeringResult, tmp_path: Path) -> None:
    plain = tmp_path / "file"
    plain.write_text("", encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        write_snapshot(june, SOURCE, plain)
    assert not isinstance(info.value, SnapshotExists) and only(info.value)[0] == "io"
    with pytest.raises(EvaluationError) as info:
        write_snapshot(june, SOURCE, plain / "sub")
    assert only(info.value)[0] == "io"
    path = write_snapshot(june, SOURCE, tmp_path / "h")
    with pytest.raises(SnapshotExists) as sinfo:
        write_snapshot(june, SOURCE, tmp_path / "h")
    code, file, message = only(sinfo.value)
    assert (code, file) == ("snapshot-exists", str(path))
    assert message.endswith("already exists; not replacing it")
    assert write_snapshot(june, SOURCE, tmp_path / "h", force=True) == path


def _snapshot(as_of: str, value: object) -> dict[str, object]:
    return {"format": 1, "as_of": as_of,
            "kpis": [{"id": "panier-moyen", "value": 2500.0, "target": 2800,
                      "attainment": 0.9, "status": "orange"},
                     {"id": "retention", "value": value, "target": 0.85, "attainment": None,
                      "status": "red"}],
            "actions": []}


@pytest.mark.parametrize("value", ["12", True, [1], {"v": 1}])
def test_a_snapshot_value_that_is_not_a_number_is_named(tmp_path: Path, value: object) -> None:
    path = tmp_path / f"{STEM}.2026-03-31.snapshot.json"
    path.write_text(json.dumps(_snapshot("2026-03-31", value)), encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        read_snapshots(tmp_path, STEM)
    (problem,) = info.value.problems
    assert (problem.code, problem.file, problem.json_path) == ("bad-snapshot", str(path),
                                                          "$.kpis[1].value")
    assert "input should be a valid number" in problem.message
    path.write_text(json.dumps(_snapshot("2026-03-31", None)), encoding="utf-8")
    assert len(read_snapshots(tmp_path, STEM)) == 1  # null is fine
    bad_action = _snapshot("2026-03-31", 0.8)
    bad_action["actions"] = [{"id": "a", "status": "red", "realised": "beaucoup"}]
    path.write_text(json.dumps(bad_action), encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        read_snapshots(tmp_path, STEM)
    assert info.value.problems[0].json_path == "$.actions[0].realised"


def test_report_with_a_bad_snapshot_is_a_problem_not_a_crash(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "history"
    folder.mkdir()
    bad = folder / f"{STEM}.2026-03-31.snapshot.json"
    bad.write_text(json.dumps(_snapshot("2026-03-31", "n/a")), encoding="utf-8")
    out = tmp_path / "r.md"
    run = cli(capsys, "report", PLAN, "--as-of", "2026-06-30", "-o", str(out), "-q",
              "--history", str(folder))
    assert run.code == 1 and "Traceback" not in run.err
    assert f"{bad}: error[bad-snapshot] $.kpis[1].value:" in run.err
    assert not out.exists()


def test_history_reads_the_plan_snapshots_and_adds_the_current_one(
    june: SteeringResult, tmp_path: Path
) -> None:
    march = steer(SOURCE, as_of=dt.date(2026, 3, 31))
    write_snapshot(march, SOURCE, tmp_path)
    old = write_snapshot(june, SOURCE, tmp_path)
    other = tmp_path / "other.2026-02-28.snapshot.json"
    other.write_text("not read", encoding="utf-8")
    snaps = history(june, SOURCE, tmp_path)
    assert [s["as_of"] if isinstance(s, dict) else s.data["as_of"] for s in snaps] == [
        "2026-03-31", "2026-06-30"]
    assert snaps[-1] == to_snapshot(june, SOURCE) and isinstance(snaps[-1], dict)
    assert old.exists()
    with pytest.raises(EvaluationError) as info:
        history(june, SOURCE, tmp_path / "missing")
    assert only(info.value)[0] == "io" and "does not exist" in only(info.value)[2]
    assert check_history_folder(tmp_path) == tmp_path


def test_write_report_output_errors(ev: object, tmp_path: Path) -> None:
    with pytest.raises(ReportError) as info:
        write_report(ev, tmp_path / "nodir" / "r.md")  # type: ignore[arg-type]
    assert only(info.value)[0] == "io" and "does not exist" in only(info.value)[2]
    (tmp_path / "r.html").mkdir()
    with pytest.raises(ReportError) as info:
        write_report(ev, tmp_path / "r.html", force=True)  # type: ignore[arg-type]
    assert only(info.value)[0] == "io"


# ------------------------------------------------------------- the plan is linted first


def _plan_copy(tmp_path: Path, total: int, by_type: str) -> Path:
    """The example plan under tmp_path, with the built-in rule sets (the same as the
    repository's copies; an absolute include would be outside tmp_path) and absolute data
    paths."""
    text = EXAMPLE_PLAN.read_text(encoding="utf-8")
    text = re.sub(r"  - rules/([\w-]+)\.rules\.yaml", r"  - pacspec:\1", text)
    text = text.replace("path: data/", f"path: {PLANS}/data/")
    text = text.replace("  total: 95000\n  by_type: {commercial: 67000, internal: 28000}\n",
                        f"  total: {total}\n  by_type: {by_type}\n")
    path = tmp_path / f"{STEM}.pac.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["evaluate", "track", "report"])
def test_a_plan_with_errors_is_not_run(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                       command: str) -> None:
    plan = _plan_copy(tmp_path, 90000, "{commercial: 67000, internal: 28000}")
    out = tmp_path / "r.html"
    args = ["-o", str(out)] if command == "report" else []
    run = cli(capsys, command, str(plan), "--as-of", "2026-06-30", *args)
    assert run.code == 1 and run.out == ""
    assert f"{plan}:" in run.err and "error[over-budget] $.budget.total:" in run.err
    assert not out.exists()


def test_a_plan_with_warnings_runs_and_says_so(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    plan = _plan_copy(tmp_path, 95000, "{commercial: 67000, internal: 38000}")
    run = cli(capsys, "evaluate", str(plan), "--as-of", "2025-12-31", "--format", "json")
    assert run.code == 0
    assert json.loads(run.out)["clients"] > 0
    assert "warning[envelope-sum] $.budget.by_type:" in run.err
    clean = cli(capsys, "track", PLAN, "--as-of", "2026-06-30", "--format", "json")
    assert clean.code == 0 and clean.err == ""


def test_a_problem_without_a_file_is_said_by_pacspec() -> None:
    from pacspec.diagnostics import Problem

    text = Problem("error", "missing-dependency", "openpyxl is not installed",
                   hint="pip install 'pacspec[xlsx]'").format()
    assert text == ("pacspec: error[missing-dependency] openpyxl is not installed "
                    "(hint: pip install 'pacspec[xlsx]')")
