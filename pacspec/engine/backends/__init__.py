"""Aggregation engines by name: the per-client table of DESIGN §4 computed by numpy (in
memory), DuckDB (embedded, out of core) or Spark (a cluster), identical client by client
(DESIGN §6). The SQL engines share one query (:mod:`.query`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # imported on first use: the CLI reads ENGINE_NAMES without numpy
    from pacspec.engine.backends.request import AggregateRequest, Aggregator

__all__ = ["ENGINE_NAMES", "AggregateRequest", "Aggregator", "get_engine"]


def _numpy(**options: Any) -> Aggregator:
    from pacspec.engine.backends.numpy import NumpyEngine

    return NumpyEngine(workers=options.get("workers"))


def _duckdb(**options: Any) -> Aggregator:
    from pacspec.engine.backends.duckdb import DuckDBEngine

    return DuckDBEngine(memory_limit=options.get("memory_limit"),
                        temp_directory=options.get("temp_directory"),
                        threads=options.get("threads"))


def _spark(**options: Any) -> Aggregator:
    from pacspec.engine.backends.spark import SparkEngine

    return SparkEngine(session=options.get("spark_session"),
                       master=options.get("spark_master"))


ENGINES: Final[dict[str, Callable[..., Aggregator]]] = {
    "numpy": _numpy, "duckdb": _duckdb, "spark": _spark}
"""The registry: engine name -> factory taking keyword options (unknown ones ignored)."""

ENGINE_NAMES: Final = ("auto", *ENGINES)
"""What ``--engine`` and ``data.engine`` accept; ``auto`` chooses (see :mod:`.source`)."""


def get_engine(name: str, **options: Any) -> Aggregator:
    """The engine registered under ``name`` (``numpy``, ``duckdb``, ``spark``)."""
    try:
        factory = ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown engine {name!r}: expected one of "
                         f"{', '.join(ENGINES)}") from None
    return factory(**options)


def __getattr__(name: str) -> Any:
    if name in ("AggregateRequest", "Aggregator"):
        from pacspec.engine.backends import request

        return getattr(request, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
