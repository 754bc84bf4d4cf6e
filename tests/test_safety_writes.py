"""Atomic, safe writes (:mod:`pacspec.output`): a failed write never damages the existing
file nor leaves a partial one, a symbolic link is never written through, a FIFO or device is
never opened as an output; real failures are injected with a writer that raises and with a
file size limit (``RLIMIT_FSIZE``) in a subprocess."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pacspec.cli import main
from pacspec.output import (
    OutputError,
    open_output,
    output_path,
    write_bytes_output,
    write_text_output,
)
from pacspec.report import ReportError

OLD = "the old content\n"


def leftovers(folder: Path) -> list[str]:
    """Temporary files of pacspec's writers left in ``folder``."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def old(tmp_path: Path) -> Path:
    path = tmp_path / "out.md"
    path.write_text(OLD, encoding="utf-8")
    return path


class Boom(Exception):
    pass


@pytest.mark.parametrize("binary", [False, True])
def test_a_writer_that_fails_leaves_the_old_file_intact(old: Path, binary: bool) -> None:
    with pytest.raises(Boom), open_output(old, force=True, binary=binary) as fh:
        fh.write(b"half" * 1000 if binary else "half" * 1000)
        raise Boom
    assert old.read_text(encoding="utf-8") == OLD
    assert leftovers(old.parent) == []


def test_an_os_error_while_writing_is_a_problem_and_leaves_the_old_file(old: Path) -> None:
    with pytest.raises(OutputError) as info, open_output(old, force=True) as fh:
        fh.write("half")
        raise OSError(28, "No space left on device")
    (problem,) = info.value.problems
    assert (problem.code, problem.message) == (
        "io", f"cannot write the file {old}: No space left on device")
    assert old.read_text(encoding="utf-8") == OLD and leftovers(old.parent) == []


def test_a_new_file_is_not_created_when_the_writer_fails(tmp_path: Path) -> None:
    target = tmp_path / "new.xlsx"
    with pytest.raises(Boom), output_path(target, force=False) as tmp:
        tmp.write_bytes(b"PK partial")
        raise Boom
    assert not target.exists() and leftovers(tmp_path) == []


def test_the_content_appears_only_when_complete(tmp_path: Path, old: Path) -> None:
    with open_output(old, force=True) as fh:
        fh.write("new ")
        assert old.read_text(encoding="utf-8") == OLD  # not yet replaced
        fh.write("content\n")
    assert old.read_text(encoding="utf-8") == "new content\n"
    assert write_bytes_output(tmp_path / "b.bin", b"\x00\x01", force=False).read_bytes() \
        == b"\x00\x01"
    with output_path(tmp_path / "c.xlsx", force=False) as tmp:
        assert tmp.parent == tmp_path and tmp.exists() and tmp.name.startswith(".c.xlsx.")
        tmp.write_bytes(b"PK")
    assert (tmp_path / "c.xlsx").read_bytes() == b"PK" and leftovers(tmp_path) == []


def test_a_file_created_meanwhile_is_not_replaced_without_force(tmp_path: Path) -> None:
    target = tmp_path / "snap.json"
    with pytest.raises(OutputError) as info, open_output(target, force=False) as fh:
        fh.write("mine")
        target.write_text("theirs", encoding="utf-8")  # another process won the race
    assert info.value.problems[0].code == "exists"
    assert target.read_text(encoding="utf-8") == "theirs" and leftovers(tmp_path) == []


def test_permissions_follow_the_umask_or_the_replaced_file(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        new = write_text_output(tmp_path / "new.txt", "x", force=False)
    finally:
        os.umask(mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    new.chmod(0o604)
    write_text_output(new, "y", force=True)
    assert stat.S_IMODE(new.stat().st_mode) == 0o604


def test_a_symlink_is_never_written_through(tmp_path: Path) -> None:
    precious = tmp_path / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(precious)
    with pytest.raises(OutputError) as info:
        write_text_output(link, "x", force=False)
    assert info.value.problems[0].code == "exists"
    with pytest.raises(OutputError) as info:
        write_text_output(link, "x", force=True)
    (problem,) = info.value.problems
    assert problem.code == "symlink" and str(precious) in problem.message
    assert precious.read_text(encoding="utf-8") == "keep me" and link.is_symlink()
    # asked for explicitly: the target is replaced (atomically), the link stays a link
    write_text_output(link, "new", force=True, follow_symlinks=True)
    assert precious.read_text(encoding="utf-8") == "new" and link.is_symlink()
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(OutputError) as info:
        write_text_output(dangling, "x", force=True)
    assert info.value.problems[0].code == "symlink"
    assert not (tmp_path / "nowhere.md").exists() and leftovers(tmp_path) == []


def test_a_fifo_or_a_device_is_not_an_output(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(OutputError) as info:
        write_text_output(fifo, "x", force=True, keep_same=True)
    (problem,) = info.value.problems
    assert problem.code == "io" and "a FIFO (named pipe), not a regular file" in problem.message
    with pytest.raises(OutputError) as info:
        write_text_output("/dev/null", "x", force=True)
    assert "a character device" in info.value.problems[0].message
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("name", ["a\x00b.md", "x" * 300 + ".md"])
def test_an_impossible_name_is_a_problem(tmp_path: Path, name: str) -> None:
    with pytest.raises(ReportError) as info:
        write_text_output(tmp_path / name, "x", force=True, error=ReportError)
    (problem,) = info.value.problems
    assert problem.code == "io" and "\x00" not in problem.format()


def test_the_cli_refuses_a_symlink_with_force(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    precious = tmp_path / "precious.json"
    precious.write_text("keep me", encoding="utf-8")
    (tmp_path / "schema.json").symlink_to(precious)
    assert main(["schema", "-o", str(tmp_path / "schema.json"), "--force"]) == 2
    assert "error[symlink]" in capsys.readouterr().err
    assert precious.read_text(encoding="utf-8") == "keep me"


LIMITED = textwrap.dedent("""
    import resource, sys
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    from pacspec.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def run_limited(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LIMITED, *args], cwd=cwd, text=True,
                          capture_output=True, timeout=120, check=False)


@pytest.mark.parametrize("command", [["schema", "-o", "out.json", "--force"],
                                     ["init", "out.pac.yaml"]])
def test_a_file_size_limit_leaves_no_partial_file(tmp_path: Path, command: list[str]) -> None:
    """``prlimit --fsize=4096 pacspec ...``: the write fails part-way (EFBIG); the old file
    is intact (or no file is created) and no temporary file is left behind."""
    target = tmp_path / command[-2 if command[-1] == "--force" else -1]
    if "--force" in command:
        target.write_text(OLD, encoding="utf-8")
    done = run_limited(*command, cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "error[io]" in done.stderr and "File too large" in done.stderr
    assert "Traceback" not in done.stderr
    if "--force" in command:
        assert target.read_text(encoding="utf-8") == OLD
    else:
        assert not target.exists()
    assert leftovers(tmp_path) == []
