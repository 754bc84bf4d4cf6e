"""Output files: the checks and error handling every writer shares.

Every file pacspec writes (the client table, a report, a snapshot, the JSON Schema, a
starter plan) goes through these helpers, so that the same mistakes get the same problems:

- an existing file is kept unless ``force`` (code ``exists``, hint: pass ``--force``);
- a folder named as the output, a missing or non-folder parent (code ``io``);
- any :class:`OSError` while writing (code ``io``, naming the file and the system's reason).

The helpers raise ``error`` (a :class:`~pacspec.diagnostics.PacspecError` subclass, by
default :class:`OutputError`) so that each caller keeps its own exception type.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pacspec.diagnostics import EvaluationError, PacspecError, Problem

__all__ = [
    "FORCE_HINT",
    "TABLE_FORMATS",
    "OutputError",
    "exists_problem",
    "format_of",
    "io_problem",
    "open_output",
    "output_errors",
    "prepare_output",
    "table_format",
    "write_text_output",
]

FORCE_HINT = "pass --force to replace it"

#: Client table formats by file extension.
TABLE_FORMATS: dict[str, str] = {".csv": "csv", ".json": "json", ".parquet": "parquet",
                                 ".pq": "parquet"}


class OutputError(PacspecError):
    """An output file could not be written (it exists, its folder is missing, an OS error)."""


def exists_problem(path: str | os.PathLike[str], what: str, hint: str | None = FORCE_HINT
                   ) -> Problem:
    """The problem (code ``exists``) of an output file that exists and may not be replaced."""
    return Problem("error", "exists", f"{what} {path} already exists; not replacing it",
                   str(path), hint=hint)


def io_problem(path: str | os.PathLike[str], what: str, reason: str,
               hint: str | None = None) -> Problem:
    """The problem (code ``io``) of an output file that cannot be written, and why."""
    return Problem("error", "io", f"cannot write {what} {path}: {reason}", str(path), hint=hint)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc) or exc.__class__.__name__


def prepare_output(path: str | os.PathLike[str], *, force: bool, what: str = "the file",
                   error: type[PacspecError] = OutputError,
                   exists_hint: str | None = FORCE_HINT) -> Path:
    """Check that ``path`` can be written and return it as a :class:`Path`.

    Raises ``error`` with a problem ``exists`` when the file exists and ``force`` is false,
    or ``io`` when ``path`` is a folder or its folder is missing or is not a folder. ``what``
    names the output in messages (``"the report"``)."""
    out = Path(path)
    if out.is_dir():
        raise error([io_problem(out, what, "it is a folder, not a file",
                                hint="name a file, not a folder")])
    if (out.exists() or out.is_symlink()) and not force:
        raise error([exists_problem(out, what, exists_hint)])
    parent = out.parent
    if not parent.is_dir():
        if parent.exists():
            raise error([io_problem(out, what, f"{parent} is not a folder")])
        raise error([io_problem(out, what, f"folder {parent} does not exist",
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


@contextlib.contextmanager
def open_output(path: str | os.PathLike[str], *, force: bool, what: str = "the file",
                binary: bool = False, newline: str | None = "\n",
                error: type[PacspecError] = OutputError,
                exists_hint: str | None = FORCE_HINT) -> Iterator[IO[Any]]:
    """Open ``path`` for writing after :func:`prepare_output`'s checks, in ``x`` mode unless
    ``force`` (so a file created meanwhile is not replaced either). :class:`OSError` while
    opening or writing becomes ``error`` (code ``io``); a file this call created is removed
    when the block fails, so no half-written output is left behind."""
    out = prepare_output(path, force=force, what=what, error=error, exists_hint=exists_hint)
    mode = ("w" if force else "x") + ("b" if binary else "")
    created = not out.exists()
    with output_errors(out, what=what, error=error, exists_hint=exists_hint):
        fh = (open(out, mode) if binary  # noqa: SIM115 - closed below
              else open(out, mode, encoding="utf-8", newline=newline))  # noqa: SIM115
    try:
        with output_errors(out, what=what, error=error, exists_hint=exists_hint), fh:
            yield fh
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                out.unlink()
        raise


def write_text_output(path: str | os.PathLike[str], text: str, *, force: bool,
                      what: str = "the file", error: type[PacspecError] = OutputError,
                      keep_same: bool = False, exists_hint: str | None = FORCE_HINT) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` with :func:`open_output`'s
    checks, and return the path. With ``keep_same``, an existing file that already holds
    exactly ``text`` is not a conflict (it is left as it is)."""
    out = Path(path)
    if keep_same and not force and out.is_file():
        try:
            with open(out, encoding="utf-8", newline="") as fh:
                if fh.read() == text:
                    return out
        except (OSError, UnicodeDecodeError):
            pass
    with open_output(out, force=force, what=what, error=error, exists_hint=exists_hint) as fh:
        fh.write(text)
    return out


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
            hint=f"use {accepted}")]) from None


def table_format(path: str | os.PathLike[str]) -> str:
    """The client table format of ``path`` (``csv``, ``json`` or ``parquet``) from its
    extension; :class:`~pacspec.diagnostics.EvaluationError` (code ``output-format``) for
    any other."""
    return format_of(path, TABLE_FORMATS, "the client table", EvaluationError)
