"""Output files: the checks, the atomic write and the error handling every writer shares.

Every file pacspec writes (the client table, a report, a snapshot, the JSON Schema, a
starter plan) goes through these helpers, so that the same mistakes get the same problems
and no write ever damages a file:

- an existing file is kept unless ``force`` (code ``exists``, hint: pass ``--force``);
- a folder named as the output, a missing or non-folder parent, an existing FIFO or device
  (code ``io``);
- a **symbolic link** named as the output is refused, with ``force`` too (code ``symlink``):
  pacspec never writes through a link to a file elsewhere. A caller that means it passes
  ``follow_symlinks=True`` (the link's target is then replaced, atomically);
- the content is written to a temporary file in the target folder (``.<name>.<random>.tmp``),
  flushed and ``fsync``-ed, then renamed onto the target (``os.replace`` with ``force``, a
  hard link that fails if the name was taken meanwhile without it). Any failure (a full
  disk, a file size limit, an exception of the writer, Ctrl-C) removes the temporary file
  and leaves the old file as it was; a new file gets the usual permissions
  (``0666 & ~umask``), a replaced one keeps its own;
- any :class:`OSError` while writing (code ``io``, naming the file and the system's reason).

The helpers raise ``error`` (a :class:`~pacspec.diagnostics.PacspecError` subclass, by
default :class:`OutputError`) so that each caller keeps its own exception type.

Writers use :func:`open_output` (a text or binary handle: ``binary=True`` for
``wb.save(fh)``, Parquet...), :func:`write_text_output` / :func:`write_bytes_output` for
content in memory, or :func:`output_path` for a library that insists on a file name.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pacspec.diagnostics import EvaluationError, PacspecError, Problem
from pacspec.fsio import UnreadableFile, check_path, kind_reason, read_bounded
from pacspec.reasons import Reason

__all__ = [
    "FORCE_HINT",
    "SYMLINK_HINT",
    "TABLE_FORMATS",
    "OutputError",
    "exists_problem",
    "format_of",
    "io_problem",
    "open_output",
    "output_errors",
    "output_path",
    "prepare_output",
    "table_format",
    "write_bytes_output",
    "write_text_output",
]

FORCE_HINT = "pass --force to replace it"

SYMLINK_HINT = "name the link's target, or remove the link"

#: Client table formats by file extension.
TABLE_FORMATS: dict[str, str] = {".csv": "csv", ".json": "json", ".parquet": "parquet",
                                 ".pq": "parquet"}

_TMP_SUFFIX = ".tmp"


class OutputError(PacspecError):
    """An output file could not be written (it exists, its folder is missing, an OS error)."""


#: The outputs named in messages (``what=``) as label codes, so the problems below can be
#: worded in the user's language (:func:`pacspec.validation.in_words`); another ``what``
#: stays as written.
_WHAT: dict[str, str] = {
    "the file": "file_what_file", "the report": "file_what_report",
    "the plan": "file_what_plan", "the rule set": "file_what_rule_set",
    "the schema": "file_what_schema", "the snapshot": "file_what_snapshot",
    "the snapshot folder": "file_what_snapshot_folder",
    "the client table": "file_what_client_table", "the Parquet file": "file_what_parquet",
    "the lines": "file_what_lines",
}


def _what(what: str) -> Reason | str:
    code = _WHAT.get(what)
    return Reason(code, {}) if code else what


def exists_problem(path: str | os.PathLike[str], what: str, hint: str | None = FORCE_HINT
                   ) -> Problem:
    """The problem (code ``exists``) of an output file that exists and may not be replaced."""
    code = "file_out_exists" if hint == FORCE_HINT else "file_out_exists_plain"
    return Problem("error", "exists", f"{what} {path} already exists; not replacing it",
                   str(path), hint=hint,
                   reason=Reason(code, {"what": _what(what), "path": str(path)}))


def io_problem(path: str | os.PathLike[str], what: str, reason: str | Reason,
               hint: str | None = None) -> Problem:
    """The problem (code ``io``) of an output file that cannot be written, and why
    (``reason``: the system's words, or a label code of the file reader's)."""
    if isinstance(reason, Reason):
        from pacspec.i18n import label

        text = label(reason.code, "en", **reason.values)
    else:
        text = reason
    return Problem("error", "io", f"cannot write {what} {path}: {text}", str(path), hint=hint,
                   reason=Reason("file_out_cannot_write",
                                 {"what": _what(what), "path": str(path), "reason": reason}))


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or exc.__class__.__name__


def _shown(path: str | os.PathLike[str]) -> str:
    """``path`` for a message: a NUL or an endless name is not printed raw."""
    text = os.fspath(path)
    text = text if isinstance(text, str) else os.fsdecode(text)
    text = text.replace("\x00", "\\0")
    return text if len(text) <= 200 else text[:199] + "…"


def prepare_output(path: str | os.PathLike[str], *, force: bool, what: str = "the file",
                   error: type[PacspecError] = OutputError,
                   exists_hint: str | None = FORCE_HINT,
                   follow_symlinks: bool = False) -> Path:
    """Check that ``path`` can be written and return it as a :class:`Path` (the link's
    target with ``follow_symlinks``).

    Raises ``error`` with a problem ``exists`` when the file exists and ``force`` is false,
    ``symlink`` when it is a symbolic link (unless ``follow_symlinks``), or ``io`` when
    ``path`` is a folder, a FIFO or a device, or its folder is missing or is not a folder.
    ``what`` names the output in messages (``"the report"``)."""
    try:
        check_path(path)
    except UnreadableFile as exc:
        raise error([io_problem(_shown(path), what, exc.words or exc.reason, exc.hint)]
                    ) from None
    out = Path(path)
    try:
        if out.is_symlink():
            if not force:
                raise error([exists_problem(out, what, exists_hint)])
            if not follow_symlinks:
                target = _shown(os.readlink(out))
                raise error([Problem(
                    "error", "symlink", f"{what} {out} is a symbolic link (to "
                    f"{target}); pacspec does not write through links",
                    str(out), hint=SYMLINK_HINT, reason=Reason("file_out_symlink", {
                        "what": _what(what), "path": str(out), "target": target}))])
            out = Path(os.path.realpath(out))
        info = out.stat() if out.exists() else None
    except OSError as exc:
        raise error([io_problem(out, what, _reason(exc))]) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise error([io_problem(out, what, kind_reason(info.st_mode),
                                hint="name a file, not a folder")])
    if info is not None and not force:
        raise error([exists_problem(out, what, exists_hint)])
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise error([io_problem(out, what, kind_reason(info.st_mode),
                                hint="name a regular file")])
    parent = out.parent
    if not parent.is_dir():
        if parent.exists():
            raise error([io_problem(out, what, Reason("file_out_parent_not_folder", {
                "parent": str(parent)}))])
        raise error([io_problem(out, what, Reason("file_out_no_folder", {"parent": str(parent)}),
                                hint="create the folder first")])
    return out


@contextlib.contextmanager
def output_errors(path: str | os.PathLike[str], *, what: str = "the file",
                  error: type[PacspecError] = OutputError,
                  exists_hint: str | None = FORCE_HINT) -> Iterator[None]:
    """Turn an :class:`OSError` raised inside the block into ``error`` with a problem
    ``io`` (``exists`` for :class:`FileExistsError`) naming ``path``."""
    try:
        yield
    except FileExistsError:
        raise error([exists_problem(path, what, exists_hint)]) from None
    except OSError as exc:
        raise error([io_problem(path, what, _reason(exc))]) from None


def _new_file_mode() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (best effort: not every system allows it)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _publish(tmp: Path, out: Path, force: bool) -> None:
    """Move the finished temporary file onto ``out``: replacing it with ``force``, else only
    if the name is still free (:class:`FileExistsError` otherwise)."""
    if force:
        os.replace(tmp, out)
        return
    try:
        os.link(tmp, out)  # atomic and never replaces: a file created meanwhile is kept
    except FileExistsError:
        raise
    except OSError:  # no hard links on this file system: the next best thing
        if os.path.lexists(out):
            raise FileExistsError(out) from None
        os.rename(tmp, out)
        return
    os.unlink(tmp)


@contextlib.contextmanager
def output_path(path: str | os.PathLike[str], *, force: bool, what: str = "the file",
                error: type[PacspecError] = OutputError,
                exists_hint: str | None = FORCE_HINT,
                follow_symlinks: bool = False) -> Iterator[Path]:
    """The atomic write for a writer that wants a file name: yields the path of an empty
    temporary file in the target's folder; when the block ends without an exception it is
    ``fsync``-ed and renamed onto ``path`` (after :func:`prepare_output`'s checks). On any
    failure it is removed and an existing file is left untouched; :class:`OSError` becomes
    ``error`` (code ``io``)."""
    out = prepare_output(path, force=force, what=what, error=error, exists_hint=exists_hint,
                         follow_symlinks=follow_symlinks)
    with output_errors(out, what=what, error=error, exists_hint=exists_hint):
        fd, name = tempfile.mkstemp(prefix=f".{out.name[:100]}.", suffix=_TMP_SUFFIX,
                                    dir=out.parent)
        tmp = Path(name)
        try:
            try:
                mode = stat.S_IMODE(out.stat().st_mode) if force and out.exists() else None
            except OSError:
                mode = None
            os.chmod(fd, mode if mode is not None else _new_file_mode())
        finally:
            os.close(fd)
    try:
        with output_errors(out, what=what, error=error, exists_hint=exists_hint):
            yield tmp
            fd = os.open(tmp, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            _publish(tmp, out, force)
        _fsync_folder(out.parent)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def open_output(path: str | os.PathLike[str], *, force: bool, what: str = "the file",
                binary: bool = False, newline: str | None = "\n",
                error: type[PacspecError] = OutputError,
                exists_hint: str | None = FORCE_HINT,
                follow_symlinks: bool = False) -> Iterator[IO[Any]]:
    """Open ``path`` for writing, atomically (see :func:`output_path`): the handle writes a
    temporary file in the target's folder, renamed onto ``path`` when the block succeeds
    (replacing it only with ``force``). UTF-8 text by default; ``binary=True`` for bytes
    (``wb.save(fh)``, ``pq.write_table(table, fh)``). When the block fails, nothing is left
    behind and an existing file is intact; :class:`OSError` becomes ``error`` (code
    ``io``)."""
    with output_path(path, force=force, what=what, error=error, exists_hint=exists_hint,
                     follow_symlinks=follow_symlinks) as tmp:
        out = Path(path)
        with output_errors(out, what=what, error=error, exists_hint=exists_hint):
            fh = (open(tmp, "wb") if binary  # noqa: SIM115 - closed below
                  else open(tmp, "w", encoding="utf-8", newline=newline))  # noqa: SIM115
        with output_errors(out, what=what, error=error, exists_hint=exists_hint), fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())


def write_text_output(path: str | os.PathLike[str], text: str, *, force: bool,
                      what: str = "the file", error: type[PacspecError] = OutputError,
                      keep_same: bool = False, exists_hint: str | None = FORCE_HINT,
                      follow_symlinks: bool = False) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically with
    :func:`open_output`'s checks, and return the path. With ``keep_same``, an existing
    regular file that already holds exactly ``text`` is not a conflict (it is left as it
    is)."""
    out = Path(path)
    if keep_same and not force:
        data = text.encode("utf-8")
        try:
            if not out.is_symlink() and read_bounded(out, len(data)) == data:
                return out
        except (UnreadableFile, OSError, ValueError):
            pass
    with open_output(out, force=force, what=what, error=error, exists_hint=exists_hint,
                     follow_symlinks=follow_symlinks) as fh:
        fh.write(text)
    return out


def write_bytes_output(path: str | os.PathLike[str], data: bytes, *, force: bool,
                       what: str = "the file", error: type[PacspecError] = OutputError,
                       exists_hint: str | None = FORCE_HINT,
                       follow_symlinks: bool = False) -> Path:
    """Write ``data`` to ``path`` atomically with :func:`open_output`'s checks; returns the
    path."""
    with open_output(path, force=force, what=what, binary=True, error=error,
                     exists_hint=exists_hint, follow_symlinks=follow_symlinks) as fh:
        fh.write(data)
    return Path(path)


def format_of(path: str | os.PathLike[str], formats: dict[str, str], what: str,
              error: type[PacspecError]) -> str:
    """The format ``formats`` maps the extension of ``path`` to; ``error`` (code
    ``output-format``, naming the file and the extensions accepted) for any other."""
    ext = Path(path).suffix.lower()
    try:
        return formats[ext]
    except KeyError:
        accepted = ", ".join(dict.fromkeys(formats))
        raise error([Problem(
            "error", "output-format",
            f"cannot write {what} '{path}': unknown extension {ext or '(none)'}", str(path),
            hint=f"use {accepted}", reason=Reason("file_out_format", {
                "what": _what(what), "path": str(path), "ext": ext or "(none)",
                "accepted": accepted}))]) from None


def table_format(path: str | os.PathLike[str]) -> str:
    """The client table format of ``path`` (``csv``, ``json`` or ``parquet``) from its
    extension; :class:`~pacspec.diagnostics.EvaluationError` (code ``output-format``) for
    any other."""
    return format_of(path, TABLE_FORMATS, "the client table", EvaluationError)
