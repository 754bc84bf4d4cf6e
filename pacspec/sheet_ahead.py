"""A workbook's sheet parsed ahead by the ``pacspec`` program: fastexcel's parse (3 s for
1 M lines, without Python's lock) starts in a thread while the modules load and the plan
is checked; the workbook source takes it. A leaf: runs before the libraries load."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path
from typing import Any

__all__ = ["SheetAhead", "find", "finish", "sheet_of", "start"]

SUFFIXES = (".xlsx", ".xlsm")
"""The workbooks fastexcel reads (the others go to python-calamine)."""

_PLAN_BYTES = 1 << 20
"""A plan file larger than this is not read ahead (plans are a few kB)."""

_ahead: SheetAhead | None = None


def _identity(path: Path) -> tuple[int, int, int, int] | None:
    """Device, inode, size and modification time of a regular file, else None."""
    import stat

    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def sheet_of(names: list[str], wanted: str | int | None) -> str | None:
    """The sheet ``csv.sheet`` names among a workbook's ``names``: by name, or by 0-based
    index (None: the first); None when there is no such sheet."""
    if wanted is None:
        wanted = 0
    if isinstance(wanted, int):
        return names[wanted] if 0 <= wanted < len(names) else None
    return wanted if wanted in names else None


class SheetAhead:
    """One sheet of one workbook, parsed in a thread of its own: :meth:`sheet_names` once
    the workbook is open, then :meth:`claim` and :meth:`load` by the reader that uses it."""

    def __init__(self, path: Path, sheet: str | int | None) -> None:
        self.path = path
        self.sheet = sheet
        self.identity = _identity(path)
        self._names: list[str] | None = None
        self._sheet_name: str | None = None
        self._claimed = False
        self._select: frozenset[str] | None = None
        self._result: Any = None
        self._error: BaseException | None = None
        self._opened = threading.Event()
        self._chosen = threading.Event()
        self._done = threading.Event()
        self._parsed = threading.Event()
        # a daemon: the program never waits for a parse nobody took (see :func:`finish`)
        self.thread = threading.Thread(target=self._run, name="pacspec-sheet-ahead",
                                       daemon=True)

    def _run(self) -> None:
        try:
            import fastexcel

            reader = fastexcel.read_excel(str(self.path))
            names = [str(n) for n in reader.sheet_names]
            name = sheet_of(names, self.sheet)
            self._names, self._sheet_name = names, name
            self._opened.set()
            if name is not None:
                self._result = reader.load_sheet(name, schema_sample_rows=None,
                                                 dtype_coercion="strict", use_columns=self._use)
        except BaseException as exc:  # fastexcel's: handed to the reader that loads the sheet
            self._error = exc
        finally:
            self._opened.set()
            self._done.set()

    def _use(self, column: Any) -> bool:
        """fastexcel asks, once the sheet is parsed, which columns to keep: the ones
        :meth:`load` names (it waits for them)."""
        self._parsed.set()
        self._chosen.wait()
        return self._select is None or str(column.name) in self._select

    def sheet_names(self) -> list[str] | None:
        """The workbook's sheets (None when fastexcel could not open it)."""
        self._opened.wait()
        return self._names

    def claim(self, sheet_name: str) -> bool:
        """Take the parse for ``sheet_name`` (False: it parses another sheet, or is taken)."""
        self._opened.wait()
        if self._claimed or self._sheet_name != sheet_name:
            return False
        self._claimed = True
        return True

    def release(self) -> None:
        """The parse claimed will not be loaded (python-calamine reads the sheet): it keeps
        no column, so that its thread lets the parsed sheet go as soon as it is done."""
        self._select = frozenset()
        self._chosen.set()

    def load(self, select: list[str] | None) -> Any:
        """fastexcel's sheet of the columns ``select`` (names as the header writes them;
        None: all), once parsed; raises fastexcel's error if it could not parse it."""
        self._select = None if select is None else frozenset(select)
        self._chosen.set()
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._result


def start(plan: str, transactions: str | None) -> SheetAhead | None:
    """In the ``pacspec`` program, before its modules load: when the transactions
    (``--transactions``, else the plan's ``data.transactions.path``, read from its YAML)
    are an ``.xlsx``/``.xlsm`` file and fastexcel is installed, start parsing the sheet the
    plan's ``data.transactions.csv.sheet`` names (default the first). Nothing is started
    for anything else, and nothing is said: the reading proper checks and words it all."""
    global _ahead
    if _ahead is not None:
        return None
    if transactions is not None and Path(transactions).suffix.lower() not in SUFFIXES:
        return None
    options = _plan_transactions(plan, named=transactions is None)
    if options is None:
        return None
    path_text, sheet = options
    if transactions is not None:
        path = Path(transactions)
    elif path_text is not None:
        path = Path(plan).parent / path_text
    else:
        return None
    if path.suffix.lower() not in SUFFIXES or _identity(path) is None:
        return None
    import importlib.util

    if importlib.util.find_spec("fastexcel") is None:
        return None
    _ahead = SheetAhead(path, sheet)
    _ahead.thread.start()
    return _ahead


def _plan_transactions(plan: str, named: bool) -> tuple[str | None, str | int | None] | None:
    """The plan file's ``data.transactions.path`` and ``.csv.sheet`` as its YAML writes
    them (None when the file is not a plain readable plan, or, when the plan must name
    the workbook (``named``), when its text holds no ``.xls``: no YAML parsed then)."""
    if os.path.islink(plan):  # the loader decides whether a link may be followed
        return None
    try:
        with open(plan, "rb") as file:
            text = file.read(_PLAN_BYTES + 1)
    except (OSError, ValueError):
        return None
    if len(text) > _PLAN_BYTES or (named and b".xls" not in text.lower()):
        return None
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, RecursionError):
        return None
    section = data.get("data") if isinstance(data, dict) else None
    source = section.get("transactions") if isinstance(section, dict) else None
    if not isinstance(source, dict):
        return None
    path = source.get("path")
    csv = source.get("csv")
    sheet = csv.get("sheet") if isinstance(csv, dict) else None
    if (path is not None and not isinstance(path, str)) or not (
            sheet is None or isinstance(sheet, str | int)) or isinstance(sheet, bool):
        return None
    return path, sheet


def find(path: Path) -> SheetAhead | None:
    """The sheet parse started for the file ``path`` (the same file, unchanged since),
    if any."""
    ahead = _ahead
    if ahead is None or ahead.identity is None or _identity(path) != ahead.identity:
        return None
    return ahead


def finish(code: int) -> None:
    """At the end of the ``pacspec`` program, when a sheet parse was started and its rows
    never read (an error came first): a parse done is let go (no column kept) and its
    thread joined; a parse still running makes the program leave at once with ``code``,
    after flushing the standard streams, instead of waiting for it (the interpreter's
    shutdown would otherwise meet a thread still inside fastexcel)."""
    ahead = _ahead
    if ahead is None or ahead._done.is_set():
        return
    if ahead._parsed.is_set():  # waiting in _use for columns nobody will name
        ahead.release()
        ahead.thread.join(timeout=5.0)
        if not ahead.thread.is_alive():
            return
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)
