"""The PDF report: the HTML report printed by a headless Chromium (or Chrome).

The HTML page carries its own print CSS (A4 landscape, sections on new pages, headings kept
with what follows); Chromium lays it out and prints it, so the PDF is what a user gets by
printing the HTML from a browser. Chromium is looked up when the report is asked for
(``PACSPEC_CHROMIUM`` names one explicitly), before anything is computed; without one the
error says how to get one in one line.

The browser is driven through the DevTools protocol on a pipe (``--remote-debugging-pipe``,
no network port): it can be started before the analysis (:func:`browser_ahead`, what
``pacspec report -o pac.pdf`` does), so that its start-up, about 2 CPU seconds, runs beside
the analysis on another core instead of after it. Where a pipe cannot be handed to the
browser (no ``os.posix_spawn``: Windows), or a browser ends without a word on it, the
browser prints with ``--print-to-pdf``.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from pacspec.diagnostics import Problem
from pacspec.reasons import Reason
from pacspec.report.formats import ReportError

if TYPE_CHECKING:
    from pacspec.report.document import Document

__all__ = ["BROWSERS", "browser_ahead", "find_chromium", "print_pdf", "require_chromium",
           "write_pdf"]

BROWSERS: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome",
                             "google-chrome-stable", "chrome", "msedge")
"""The executables tried, in order, on the PATH."""

ENV = "PACSPEC_CHROMIUM"
"""The environment variable that names the browser to use (a path or a command)."""

TIMEOUT = 180.0
"""Seconds a browser gets to print one report."""

PIPE = hasattr(os, "posix_spawn")
"""Whether the browser is driven on a pipe (else it prints with ``--print-to-pdf``)."""

_FLAGS = ("--headless", "--disable-gpu", "--disable-extensions", "--no-first-run",
          "--no-default-browser-check", "--disable-background-networking")
"""What every browser run is started with (a fresh profile of its own besides)."""

_PRINT = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False,
          "transferMode": "ReturnAsBase64"}
"""``Page.printToPDF``'s parameters: those of ``--print-to-pdf --no-pdf-header-footer``
(backgrounds printed, the page's own ``@page`` size and margins)."""


def find_chromium() -> str | None:
    """The browser that prints the PDF: ``$PACSPEC_CHROMIUM`` when set, else the first of
    :data:`BROWSERS` on the PATH; None when there is none."""
    wanted = os.environ.get(ENV)
    if wanted:
        return shutil.which(wanted) or (wanted if Path(wanted).is_file() else None)
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def require_chromium() -> str:
    """The browser, or a :class:`ReportError` (code ``missing-dependency``) with a one-line hint."""
    found = find_chromium()
    if found is None:
        where = (f"{ENV}={os.environ[ENV]!r} is not an executable" if os.environ.get(ENV)
                 else "no Chromium or Chrome on the PATH")
        reason = (Reason("file_chromium_not_executable", {"env": ENV, "value": os.environ[ENV]})
                  if os.environ.get(ENV) else Reason("file_no_chromium", {"env": ENV}))
        raise ReportError([Problem(
            "error", "missing-dependency", f"cannot print the PDF report: {where}",
            hint=f"install Chromium (apt install chromium) or set {ENV} to a Chrome, "
                 "or write the report as .html and print it from a browser",
            reason=Reason("file_no_pdf_printer", {"why": reason, "env": ENV}))])
    return found


def _no_pdf(exe: str, why: str) -> ReportError:
    return ReportError([Problem(
        "error", "io", f"{exe} printed no PDF" + (f": {why[:200]}" if why else ""),
        hint=f"check that {exe} --headless runs here, or set {ENV} to another browser")])


def _root_flag() -> list[str]:
    # Chromium refuses to run as root with its sandbox
    return ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


class _Browser:
    """A headless browser started now, its DevTools protocol on two pipes (the browser
    reads commands on its fd 3 and writes answers on its fd 4, each message a JSON text
    ended by a NUL byte); :meth:`print` prints one page, :meth:`close` ends it."""

    def __init__(self, exe: str) -> None:
        self.exe = exe
        self.tmp = tempfile.TemporaryDirectory(prefix="pacspec-pdf-")
        self.err = open(Path(self.tmp.name) / "stderr.txt", "wb")  # noqa: SIM115
        to_browser, self.commands = os.pipe()
        self.answers, from_browser = os.pipe()
        devnull = os.open(os.devnull, os.O_RDWR)
        argv = [exe, *_root_flag(), *_FLAGS, "--remote-debugging-pipe",
                f"--user-data-dir={Path(self.tmp.name) / 'profile'}", "about:blank"]
        try:
            # its own process group (its helpers end with it), default signals (Python
            # ignores SIGPIPE, the browser should not inherit that)
            self.pid = os.posix_spawn(exe, argv, os.environ, file_actions=[
                (os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
                (os.POSIX_SPAWN_DUP2, self.err.fileno(), 2),
                (os.POSIX_SPAWN_DUP2, to_browser, 3), (os.POSIX_SPAWN_DUP2, from_browser, 4)],
                setpgroup=0, setsigdef=(signal.SIGPIPE,))
        except OSError as exc:
            self._cleanup()
            raise ReportError([Problem("error", "io", f"cannot print the PDF report with "
                                       f"{exe}: {exc}")]) from exc
        finally:
            for fd in (to_browser, from_browser, devnull):
                os.close(fd)
        self.buffer = b""
        self.answered = False
        """Whether the browser said anything on the pipe (one that ends before it does
        may not know ``--remote-debugging-pipe``)."""
        self.timeout = TIMEOUT
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    # ------------------------------------------------------------------- the protocol
    def _send(self, method: str, params: dict[str, Any] | None = None,
              session: str | None = None) -> int:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method,
                                   "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        data = json.dumps(message).encode("utf-8") + b"\0"
        try:
            while data:
                data = data[os.write(self.commands, data):]
        except OSError as exc:  # the browser ended (a broken pipe)
            raise _no_pdf(self.exe, self._stderr() or str(exc)) from exc
        return self.next_id

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _no_pdf(self.exe, f"no answer within {self.timeout:g} s")
            ready, _, _ = select.select([self.answers], [], [], left)
            if ready:
                chunk = os.read(self.answers, 1 << 20)
                if not chunk:  # the browser ended
                    raise _no_pdf(self.exe, self._stderr() or "the browser ended")
                self.buffer += chunk
        text, self.buffer = self.buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(text)
        self.answered = True
        return message

    def _call(self, method: str, deadline: float, params: dict[str, Any] | None = None,
              session: str | None = None) -> dict[str, Any]:
        wanted = self._send(method, params, session)
        while True:
            message = self._receive(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise _no_pdf(self.exe, f"{method}: "
                                  f"{message['error'].get('message', message['error'])}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self.events.append(message)

    def _wait_event(self, method: str, session: str, deadline: float) -> None:
        while True:
            for i, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    del self.events[i]
                    return
            self.events.append(self._receive(deadline))

    def print(self, html: str, timeout: float = TIMEOUT) -> bytes:
        """``html`` loaded from a file and printed; the PDF's bytes."""
        self.timeout, deadline = timeout, time.monotonic() + timeout
        page = Path(self.tmp.name) / "report.html"
        page.write_text(html, encoding="utf-8")
        target = self._call("Target.createTarget", deadline, {"url": "about:blank"})
        session = self._call("Target.attachToTarget", deadline,
                             {"targetId": target["targetId"], "flatten": True})["sessionId"]
        self._call("Page.enable", deadline, session=session)
        self._call("Page.navigate", deadline, {"url": page.as_uri()}, session)
        self._wait_event("Page.loadEventFired", session, deadline)
        data = base64.b64decode(self._call("Page.printToPDF", deadline, _PRINT,
                                           session)["data"])
        if not data.startswith(b"%PDF"):
            raise _no_pdf(self.exe, self._stderr())
        return data

    # ------------------------------------------------------------------- the end
    def _stderr(self) -> str:
        self.err.flush()
        text = (Path(self.tmp.name) / "stderr.txt").read_text("utf-8", "replace")
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        return lines[-1] if lines else ""

    def close(self) -> None:
        """End the browser at once and remove its profile: its process group is killed
        (the PDF is in hand and the profile thrown away, so there is nothing for it to
        save), and reaped by a second thread, since the kernel's teardown of a browser's
        processes took 0.1-0.7 s that the report need not wait for (a graceful
        ``Browser.close`` took 0.2-0.8 s)."""
        os.close(self.commands)
        try:
            os.killpg(self.pid, signal.SIGKILL)  # its helpers too, and itself
        except (ProcessLookupError, PermissionError):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        threading.Thread(target=_reap, args=(self.pid,), name="pacspec-pdf-reap",
                         daemon=True).start()
        os.close(self.answers)
        self._cleanup()

    def _cleanup(self) -> None:
        self.err.close()
        self.tmp.cleanup()


def _reap(pid: int) -> None:
    """Wait for the killed browser ``pid`` (no zombie left behind)."""
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


_AHEAD: list[_Browser] = []
"""The browser :func:`browser_ahead` started, until :func:`print_pdf` takes it."""


@contextlib.contextmanager
def browser_ahead(browser: str | None = None) -> Iterator[None]:
    """Start the browser now, so that it starts up while the analysis runs; the first
    :func:`print_pdf` inside the block prints with it. The browser ends with the block
    (an error in the analysis included). Without a pipe (:data:`PIPE`) it does nothing;
    inside another such block for the same browser, neither (that one prints)."""
    exe = browser or require_chromium()
    if not PIPE or any(b.exe == exe for b in _AHEAD):
        yield
        return
    started = _Browser(exe)
    _AHEAD.append(started)
    try:
        yield
    finally:
        if started in _AHEAD:
            _AHEAD.remove(started)
            started.close()


def print_pdf(html: str, *, browser: str | None = None, timeout: float = TIMEOUT) -> bytes:
    """``html`` printed to PDF by a headless Chromium (its own print CSS decides the page);
    the PDF's bytes. The browser :func:`browser_ahead` started when there is one."""
    exe = browser or require_chromium()
    if not PIPE:
        return _print_to_pdf(exe, html, timeout)
    ahead = next((b for b in _AHEAD if b.exe == exe), None)
    if ahead is not None:
        _AHEAD.remove(ahead)
    started = ahead or _Browser(exe)
    begun = time.monotonic()
    try:
        data = started.print(html, timeout)
    except ReportError:
        started.close()  # it failed or is stuck
        left = timeout - (time.monotonic() - begun)
        if started.answered or left <= 0:
            raise
        # it ended without a word on the pipe: a browser that may print with a flag
        return _print_to_pdf(exe, html, left)
    except BaseException:
        started.close()
        raise
    started.close()
    return data


def _print_to_pdf(exe: str, html: str, timeout: float) -> bytes:
    """``html`` printed by ``exe --print-to-pdf`` (where no pipe can be handed over)."""
    with tempfile.TemporaryDirectory(prefix="pacspec-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        out = Path(tmp) / "report.pdf"
        argv = [exe, *_root_flag(), *_FLAGS, f"--user-data-dir={Path(tmp) / 'profile'}",
                "--no-pdf-header-footer", f"--print-to-pdf={out}", page.as_uri()]
        try:
            done = subprocess.run(argv, capture_output=True, timeout=timeout, check=False,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReportError([Problem("error", "io", f"cannot print the PDF report with "
                                    f"{exe}: {exc}")]) from exc
        data = out.read_bytes() if out.is_file() else b""
        if not data.startswith(b"%PDF"):
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise _no_pdf(exe, f"exit {done.returncode}" + (f": {tail[0]}" if tail[0] else ""))
        return data


def write_pdf(doc: Document, fh: IO[Any]) -> None:
    """Write the document as a PDF to the binary file ``fh``."""
    from pacspec.report.html import render_html

    fh.write(print_pdf(render_html(doc, generated=dt.date.today())))
