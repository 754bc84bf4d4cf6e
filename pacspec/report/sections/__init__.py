"""The report's sections: one module per section, each declaring a :class:`SectionSpec` named
``SECTION`` (its id, order, title, builder and its place in every format). The registry
finds the modules with :mod:`pkgutil` and orders them by ``order``; the document builder and
every renderer read it, so a section cannot be left out of one format by accident."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pacspec.engine.actions import PlanActions
    from pacspec.engine.result import Evaluation
    from pacspec.engine.scope import Scope
    from pacspec.engine.steering import SteeringResult
    from pacspec.history import Trend
    from pacspec.report.document import Section

__all__ = ["FORMATS", "Context", "SectionSpec", "Sheet", "get", "ids", "specs"]

Format = Literal["html", "markdown", "xlsx", "terminal"]
FORMATS: tuple[Format, ...] = ("html", "markdown", "xlsx", "terminal")
"""The renderers a section may declare a place in."""


@dataclass(frozen=True)
class Context:
    """What a section builder reads: the evaluation, and for the steering dashboard and the
    PAC table the steering result, the trend and the actions resolved on the baseline."""

    ev: Evaluation
    steering: SteeringResult | None = None
    trend: Trend | None = None
    actions: PlanActions | None = None
    """The PAC table resolved on the baseline (None: the PAC table shows the plan's amounts)."""
    top: int = 5
    """How many clients per class the top-clients table lists."""
    owner: str | None = None
    """A report for one action owner: the PAC table holds only his actions."""
    scope: Scope | None = None
    """A document for one person (:class:`~pacspec.engine.scope.Scope`): his actions and
    clients; each section says in its spec how it reads it (:attr:`SectionSpec.scoped`)."""

    @property
    def locale(self) -> str:
        return self.ev.locale

    @property
    def currency(self) -> str:
        return self.ev.plan.header.currency


@dataclass(frozen=True)
class Sheet:
    """The XLSX sheet a section is written to. Sections with the same sheet name share the
    sheet (in document order); sheets come in ``order``."""

    name: Callable[[str], str]
    """The sheet's name in a locale."""
    order: int


@dataclass(frozen=True)
class SectionSpec:
    """One report section and where it appears."""

    id: str
    """Stable id (the HTML ``<section id>``, the Markdown anchor)."""
    order: int
    """Place in the document (ascending)."""
    title: Callable[[str], str]
    """The section's title in a locale (what the builder puts on the :class:`Section`)."""
    build: Callable[[Context], Section | None]
    """The section from the context; None when it does not apply (steering without a
    steering result)."""
    html: bool = True
    markdown: bool = True
    xlsx: Sheet | None = None
    """The workbook sheet; None: not in the workbook."""
    terminal: bool = False
    """Shown by the terminal summary of ``pacspec evaluate``."""
    scoped: Callable[[Context], Section | None] | None = None
    """The section in a document for one person (``Context.scope``): its builder for the
    scope's actions and clients; None: the section is about the whole plan, and such a
    document says so in one line in its place."""

    def placed_in(self, fmt: str) -> bool:
        """Whether the section appears in renderer ``fmt`` (one of :data:`FORMATS`)."""
        if fmt == "xlsx":
            return self.xlsx is not None
        if fmt not in FORMATS:
            raise ValueError(f"unknown section format {fmt!r}")
        return bool(getattr(self, fmt))


@cache
def _modules() -> tuple[str, ...]:
    return tuple(sorted(m.name for m in pkgutil.iter_modules(__path__)))


@cache
def specs() -> tuple[SectionSpec, ...]:
    """Every section, in document order."""
    found = []
    for name in _modules():
        spec = importlib.import_module(f"{__name__}.{name}").SECTION
        assert isinstance(spec, SectionSpec), f"{name}.py: SECTION is not a SectionSpec"
        found.append(spec)
    found.sort(key=lambda s: s.order)
    seen = [s.id for s in found]
    assert len(set(seen)) == len(seen), f"duplicate section ids: {seen}"
    return tuple(found)


def ids() -> tuple[str, ...]:
    """Every section id, in document order."""
    return tuple(s.id for s in specs())


def get(section_id: str) -> SectionSpec:
    """The section ``section_id`` (KeyError for an unknown one)."""
    for spec in specs():
        if spec.id == section_id:
            return spec
    raise KeyError(section_id)
