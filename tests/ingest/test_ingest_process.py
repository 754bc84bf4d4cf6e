"""The pacspec program reads data without pyarrow importing pandas (arrow_without_pandas),
with Arrow's buffers from the C allocator (arrow_system_pool), numpy's arrays on small
pages (numpy_small_pages) and freed memory kept for the next arrays
(malloc_keeps_freed_memory): the settings of pacspec.program."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLAN = ROOT / "plans" / "connect-plus.pac.yaml"


def _run(code: str, env: dict[str, str] | None = None, unset: str | None = None) -> str:
    """The last line ``code`` prints, run with ``env`` added to this process's variables
    and ``unset`` taken out of them."""
    run_env = {k: v for k, v in {**os.environ, **(env or {})}.items() if k != unset}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=300, check=True, env=run_env)
    return done.stdout.strip().splitlines()[-1]


def test_the_program_evaluates_without_importing_pandas() -> None:
    code = (
        "import sys\n"
        "from pacspec.cli import main\n"
        f"sys.argv = ['pacspec', 'evaluate', {str(PLAN)!r}, '--format', 'json']\n"
        "import io, contextlib\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    code = main()\n"
        "import json\n"
        "rows = json.loads(out.getvalue())['abc']['rows']\n"
        "print(code, 'pandas' in sys.modules, sum(r['clients'] for r in rows) > 0)\n"
    )
    assert _run(code) == "0 False True"


def test_pandas_still_works_after_the_hidden_check() -> None:
    """A later to_pandas() imports pandas and converts: the check only skips the import."""
    code = (
        "import sys\n"
        "from pacspec.program import arrow_without_pandas\n"
        "arrow_without_pandas()\n"
        "import pyarrow as pa, pyarrow.compute as pc\n"
        "pc.equal(pa.array([1, 2]), 0)\n"
        "before = 'pandas' in sys.modules\n"
        "df = pa.table({'a': [1, None]}).to_pandas()\n"
        "print(before, type(df).__name__, int(df['a'].isna().sum()))\n"
    )
    assert _run(code) == "False DataFrame 1"


def test_calls_from_python_keep_pyarrow_as_is() -> None:
    """main(argv) from Python (a notebook, the tests) leaves pyarrow's pandas check alone."""
    code = (
        "import sys\n"
        "from pacspec.cli import main\n"
        f"main(['evaluate', {str(PLAN)!r}, '-q'])\n"
        "print('pandas' in sys.modules)\n"
    )
    assert _run(code) == "True"


def _program_then(setup: str, value: str, *words: str) -> str:
    """Code that runs the pacspec program (``evaluate -q`` on the example, then ``words``),
    then runs ``setup`` and prints the exit code and ``value``."""
    argv = ["pacspec", "evaluate", str(PLAN), "-q", *words]
    return ("import sys\n"
            "from pacspec.cli import main\n"
            f"sys.argv = {argv!r}\n"
            "code = main()\n"
            f"{setup}\n"
            f"print(code, {value})\n")


_POOL = _program_then("import pyarrow as pa", "pa.default_memory_pool().backend_name")


def test_the_program_takes_arrows_buffers_from_the_c_allocator() -> None:
    assert _run(_POOL, unset="ARROW_DEFAULT_MEMORY_POOL") == "0 system"


def test_a_pool_the_user_chose_is_kept() -> None:
    assert _run(_POOL, {"ARROW_DEFAULT_MEMORY_POOL": "jemalloc"}) \
        == "0 jemalloc"


def test_calls_from_python_keep_arrows_pool() -> None:
    code = (
        "import pyarrow as pa\n"
        "before = pa.default_memory_pool().backend_name\n"
        "from pacspec.cli import main\n"
        f"main(['evaluate', {str(PLAN)!r}, '-q'])\n"
        "print(pa.default_memory_pool().backend_name == before)\n"
    )
    assert _run(code) == "True"


_PAGES = _program_then("from numpy._core.multiarray import _get_madvise_hugepage",
                       "_get_madvise_hugepage()")


def test_the_program_keeps_numpy_off_huge_pages() -> None:
    assert _run(_PAGES, unset="NUMPY_MADVISE_HUGEPAGE") == "0 False"


def test_huge_pages_the_user_asked_for_are_kept() -> None:
    assert _run(_PAGES, {"NUMPY_MADVISE_HUGEPAGE": "1"}) == "0 True"


def test_calls_from_python_keep_numpys_pages() -> None:
    """main(argv) from Python neither sets the variable nor changes numpy's choice."""
    code = (
        "import os\n"
        "from pacspec.cli import main\n"
        f"main(['evaluate', {str(PLAN)!r}, '-q'])\n"
        "from numpy._core.multiarray import _get_madvise_hugepage\n"
        "print(os.environ.get('NUMPY_MADVISE_HUGEPAGE'), _get_madvise_hugepage())\n"
    )
    default = _run("from numpy._core.multiarray import _get_madvise_hugepage\n"
                   "print(_get_madvise_hugepage())", unset="NUMPY_MADVISE_HUGEPAGE")
    assert _run(code, unset="NUMPY_MADVISE_HUGEPAGE") == f"None {default}"


_REUSE = ("import resource\n"
          "import numpy as np\n"
          "def faults():\n"
          "    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
          "np.ones(8_000_000)  # 64 MB, freed at once\n"
          "before = faults()\n"
          "np.ones(8_000_000)\n"
          "again = faults() - before")
"""A 64 MB array made, freed, made again: ``again`` is the page faults of the second
(about 15 600 when its memory is fresh, on 4 KB pages)."""

_GLIBC = pytest.mark.skipif(not sys.platform.startswith("linux")
                            or not os.confstr("CS_GNU_LIBC_VERSION"),
                            reason="glibc's malloc only")


@_GLIBC
def test_the_program_reuses_the_memory_an_array_freed_when_the_engine_reads_the_lines(
        tmp_path: Path) -> None:
    """The lines in Parquet read by DuckDB (a scanned ledger): after the evaluation a
    second 64 MB array takes the first one's memory, no fresh page; on the numpy path
    malloc is left as it is (the second array is fresh memory again)."""
    lines = tmp_path / "lines.parquet"
    convert = subprocess.run(
        [sys.executable, "-c", "from pacspec.cli import main; raise SystemExit(main())",
         "convert", str(ROOT / "plans" / "data" / "transactions.csv"), "--plan", str(PLAN),
         "-o", str(lines), "-q"], capture_output=True, text=True, cwd=ROOT, check=False)
    assert convert.returncode == 0, convert.stderr
    engine = _program_then(_REUSE, "again", "--engine", "duckdb", "--transactions", str(lines))
    code, again = _run(engine, unset="MALLOC_MMAP_MAX_").split()
    assert code == "0"
    assert int(again) < 1_000
    code, again = _run(_program_then(_REUSE, "again"), unset="MALLOC_MMAP_MAX_").split()
    assert code == "0"
    assert int(again) > 10_000


@_GLIBC
def test_calls_from_python_keep_mallocs_defaults() -> None:
    """main(argv) from Python leaves glibc's malloc as it is: the second array is fresh
    memory again (numpy on small pages, so each page is one fault)."""
    code = ("from pacspec.cli import main\n"
            f"main(['evaluate', {str(PLAN)!r}, '-q'])\n"
            f"{_REUSE}\n"
            "print(again)\n")
    assert int(_run(code, {"NUMPY_MADVISE_HUGEPAGE": "0"})) > 10_000


@_GLIBC
@pytest.mark.parametrize("variable, value", [
    ("MALLOC_MMAP_MAX_", "65536"), ("MALLOC_TRIM_THRESHOLD_", "131072"),
    ("GLIBC_TUNABLES", "glibc.malloc.mmap_threshold=1048576")])
def test_mallocs_tunables_the_user_set_are_kept(variable: str, value: str) -> None:
    code = ("from pacspec.program import malloc_keeps_freed_memory\n"
            "print(malloc_keeps_freed_memory())")
    assert _run(code, {variable: value}) == "False"
    assert _run(code, unset=variable) == "True"
