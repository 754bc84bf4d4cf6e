"""What a report format starts before the analysis (``ReportFormat.ahead``): the workbook
imports openpyxl in a second thread while the block runs, and its check before the
analysis only finds openpyxl (imports nothing)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")

_PROBE = textwrap.dedent("""
    import sys, threading
    from pacspec.report import formats

    threads = []

    class Spy:
        def find_spec(self, name, path=None, target=None):
            if name == "openpyxl":
                threads.append(threading.current_thread().name)
            return None

    sys.meta_path.insert(0, Spy())
    kind = formats.get("xlsx")
    kind.require()  # finds it (a look-up in the main thread), imports nothing
    before = "openpyxl" in sys.modules
    threads.clear()
    with kind.ahead():
        pass
    print(before, "openpyxl" in sys.modules, "pacspec.report.xlsx" in sys.modules, threads)
""")


def test_the_workbook_imports_openpyxl_in_a_thread_beside_the_analysis() -> None:
    done = subprocess.run([sys.executable, "-c", _PROBE], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.strip().split(maxsplit=3) == ["False", "True", "True", "['pacspec-import']"]


def test_a_module_that_fails_in_the_thread_is_left_to_its_user() -> None:
    from pacspec.report.formats import _imported_ahead

    with _imported_ahead("pacspec_no_such_module", "json"):
        pass
    assert "pacspec_no_such_module" not in sys.modules
