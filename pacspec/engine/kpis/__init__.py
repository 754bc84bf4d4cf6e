"""The KPI registry: one module per metric, named after it; see :mod:`.base`."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pacspec.engine.kpis.base import KpiSpec

__all__ = ["get", "names", "specs"]


@cache
def names() -> tuple[str, ...]:
    """Every metric name (the module names, sorted), found without importing a module."""
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "base"))


@cache
def get(name: str) -> KpiSpec:
    """The KPI of metric ``name`` (a KeyError for an unknown one)."""
    if name not in names():
        raise KeyError(name)
    spec: KpiSpec = importlib.import_module(f"{__name__}.{name}").KPI
    assert spec.metric == name, f"{name}.py declares the metric {spec.metric!r}"
    return spec


def specs() -> list[KpiSpec]:
    """Every KPI, in registry order."""
    return [get(n) for n in names()]
