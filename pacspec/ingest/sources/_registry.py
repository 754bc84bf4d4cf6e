"""The source registry: each source module registers a :class:`Source`; the first that
accepts an input reads it into a :class:`~pacspec.ingest.table.Table`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pacspec.ingest.table import Table, input_error
from pacspec.model.data import CsvOptions

__all__ = ["Source", "open_source", "pick", "register", "registered"]

Reader = Callable[[Any, CsvOptions, str], Table]
"""``read(input, csv_options, what)``; ``what`` is ``transactions`` or ``clients``."""


@dataclass(frozen=True)
class Source:
    """One kind of input (a file format, a DataFrame library, a plain mapping)."""

    name: str
    """Short unique name (``text-csv``, ``parquet``, ``pandas``...)."""
    expects: str
    """What it takes, as a message lists it: ``a pandas DataFrame``."""
    accepts: Callable[[Any], bool]
    """Whether it reads this input. It must not import an optional library to tell."""
    read: Reader
    """Read the input; raise :class:`~pacspec.diagnostics.LedgerError` when it cannot."""
    priority: int = 50
    """Sources are tried by ascending priority: catch-alls (any path, any mapping) last."""


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    """Add a source to the registry (its name must be new)."""
    if source.name in _SOURCES:
        raise ValueError(f"a source named {source.name!r} is already registered")
    _SOURCES[source.name] = source
    return source


def registered() -> tuple[Source, ...]:
    """Every source, in the order they are tried."""
    return tuple(sorted(_SOURCES.values(), key=lambda s: (s.priority, s.name)))


def pick(obj: Any) -> Source | None:
    """The first source that accepts ``obj``, None when none does."""
    return next((s for s in registered() if s.accepts(obj)), None)


def open_source(obj: Any, options: CsvOptions, what: str) -> Table:
    """Read ``obj`` with the first source that accepts it."""
    source = pick(obj)
    if source is None:
        kinds = list(dict.fromkeys(s.expects for s in registered()))
        listed = ", ".join(kinds[:-1]) + " or " + kinds[-1] if len(kinds) > 1 else "".join(kinds)
        raise input_error(
            "bad-input",
            f"cannot read the {what} from a {type(obj).__module__}.{type(obj).__name__}: "
            f"expected {listed}",
        )
    return source.read(obj, options, what)
