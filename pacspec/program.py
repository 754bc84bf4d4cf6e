"""Settings of a process that is all pacspec (the ``pacspec`` command), made before the
libraries they tune are loaded; calls from Python leave those libraries as they are."""

from __future__ import annotations

from typing import Any

__all__ = ["arrow_system_pool", "arrow_without_pandas", "malloc_keeps_freed_memory",
           "numpy_small_pages"]


def arrow_system_pool() -> None:
    """Arrow's buffers from the C allocator numpy uses, in a process that is all pacspec
    (the ``pacspec`` command): a buffer Arrow frees is then memory numpy's next array can
    reuse, where Arrow's own pool (mimalloc) keeps it apart. Arrow chooses its pool once,
    from ``ARROW_DEFAULT_MEMORY_POOL``, so this sets that variable before pyarrow is
    loaded; a no-op when the variable is set (the user's choice) or pyarrow is loaded."""
    import os
    import sys

    if "pyarrow" not in sys.modules:
        os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")


_M_TRIM_THRESHOLD, _M_MMAP_MAX = -1, -4
"""glibc's ``mallopt`` parameters (``malloc.h``)."""

_KEPT = 2**31 - 1
"""Free memory at the heap's top that glibc keeps rather than gives back (``mallopt``
takes a C ``int``: about 2 GB)."""


def malloc_keeps_freed_memory() -> bool:
    """glibc's malloc keeps the memory a pacspec process frees for its next arrays, in a
    process that is all pacspec (the ``pacspec`` command, once it knows an engine reads
    the lines where they are). By default glibc serves every block over 32 MB (a column of
    4 M numbers) by ``mmap`` and unmaps it when freed, so each such array, however often
    one of its size was freed before, is fresh memory the kernel zeroes page by page as it
    is first touched: the per-client work after a DuckDB query on 5.25 M clients took 170 k
    more page faults and 0.3 s more system time. Here large blocks come from the heap, and
    free memory at its top is kept (up to 2 GB), so freed blocks are reused. A no-op
    (False) off glibc, or when the user set glibc's malloc tunables himself
    (``MALLOC_MMAP_MAX_``, ``MALLOC_TRIM_THRESHOLD_``, ``GLIBC_TUNABLES``)."""
    import os
    import sys

    if not sys.platform.startswith("linux"):
        return False
    if "MALLOC_MMAP_MAX_" in os.environ or "MALLOC_TRIM_THRESHOLD_" in os.environ \
            or "glibc.malloc." in os.environ.get("GLIBC_TUNABLES", ""):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None)  # the C library the interpreter runs on
        libc.gnu_get_libc_version  # noqa: B018 (glibc, not musl: its mallopt does nothing)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    # glibc still maps memory when the heap cannot grow (mmap as the heap's backup)
    return bool(mallopt(_M_MMAP_MAX, 0)) and bool(mallopt(_M_TRIM_THRESHOLD, _KEPT))


def numpy_small_pages() -> None:
    """numpy's large arrays on ordinary 4 KB pages, in a process that is all pacspec (the
    ``pacspec`` command). numpy asks Linux for transparent huge pages on every array of
    4 MB or more; where the kernel answers such a request by compacting memory first
    (``/sys/kernel/mm/transparent_hugepage/defrag`` = ``madvise``, the usual default), each
    fresh array waits for it: on a 10 M-line file 0.3-0.5 s of system time of a 2.5 s
    evaluation, for kernels that scan their arrays in order and gain little from fewer
    TLB entries. numpy reads ``NUMPY_MADVISE_HUGEPAGE`` once, as it loads, so this sets
    that variable before; a no-op when the variable is set (the user's choice) or numpy
    is loaded."""
    import os
    import sys

    if "numpy" not in sys.modules:
        os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")


def arrow_without_pandas() -> None:
    """Keep pyarrow from importing pandas in a process that holds no DataFrame (the
    ``pacspec`` command): pyarrow looks for pandas at its first array or scalar (any
    compute call with a Python scalar) and imports it when installed, 0.15-0.3 s and
    about 130 MB of a 1 M-line evaluation for nothing. Its lazy check is run once here
    with pandas hidden; a later ``to_pandas()`` still imports pandas then. A no-op when
    pandas or pyarrow is already loaded."""
    import sys

    if "pandas" in sys.modules or "pyarrow" in sys.modules:
        return

    class _Hidden:
        @staticmethod
        def find_spec(name: str, *args: Any, **kwargs: Any) -> None:
            if name == "pandas":
                raise ImportError("pandas is hidden from pyarrow's first check")

    hidden = _Hidden()
    sys.meta_path.insert(0, hidden)  # type: ignore[arg-type]
    try:
        import pyarrow as pa

        pa.scalar(0)
    except ImportError:  # pyarrow missing: the sources say so when they need it
        pass
    finally:
        sys.meta_path.remove(hidden)  # type: ignore[arg-type]
