"""``pacspec validate`` starts light: it imports no numpy, pyarrow or pandas (the coverage
proof uses int bitsets, the KPI registry's units need no numpy), in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

SCRIPT = """
import contextlib, io, sys
from pacspec.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["validate", "plans/connect-plus.pac.yaml", "plans/rules/profiles-fr.rules.yaml"])
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"numpy", "pyarrow", "pandas"})
print(code, ",".join(heavy))
"""


def test_validate_imports_no_array_library() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, capture_output=True,
                          text=True, check=True, timeout=120)
    assert done.stdout.split("\n")[0] == "0 ", done.stdout + done.stderr
