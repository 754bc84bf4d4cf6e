"""How the PAC table groups its actions, for every renderer (the document and ``pacspec
track``): by typology in the plan's order, then typologies the plan does not define, then
the commercial actions without a typology ("Sans typologie"), then the internal actions
("Actions internes")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol, TypeVar

from pacspec.i18n import label
from pacspec.model.plan import Plan
from pacspec.model.types import localize

__all__ = ["ActionLike", "TypologyGroup", "typology_groups"]


class ActionLike(Protocol):
    """What grouping reads of an action (a plan action or its resolved figures)."""

    @property
    def type(self) -> str: ...

    @property
    def typology(self) -> str | None: ...


A = TypeVar("A", bound=ActionLike)


@dataclass(frozen=True)
class TypologyGroup:
    """One group of the PAC table: ``typology`` (a typology of the plan, ``id`` its id),
    ``unknown`` (a typology id the plan does not define), ``none`` (commercial actions
    without a typology) or ``internal``; ``name`` in the plan's locale."""

    kind: Literal["typology", "unknown", "none", "internal"]
    id: str | None
    name: str


def typology_groups(actions: Sequence[A], plan: Plan, locale: str
                    ) -> list[tuple[TypologyGroup, list[A]]]:
    """The non-empty groups of ``actions`` (each keeps the actions' order), in the order
    of the module docstring."""
    internal = [a for a in actions if a.type == "internal"]
    commercial = [a for a in actions if a.type != "internal"]
    out: list[tuple[TypologyGroup, list[A]]] = []
    known = [t.id for t in plan.typologies]
    for typo in plan.typologies:
        members = [a for a in commercial if a.typology == typo.id]
        if members:
            out.append((TypologyGroup("typology", typo.id,
                                      localize(typo.label, locale, typo.id)), members))
    unknown = list(dict.fromkeys(a.typology for a in commercial
                                 if a.typology is not None and a.typology not in known))
    for ident in unknown:
        assert ident is not None
        out.append((TypologyGroup("unknown", ident, ident),
                    [a for a in commercial if a.typology == ident]))
    none = [a for a in commercial if a.typology is None]
    if none:
        out.append((TypologyGroup("none", None, label("no_typology", locale)), none))
    if internal:
        out.append((TypologyGroup("internal", None, label("internal_actions", locale)),
                    internal))
    return out
