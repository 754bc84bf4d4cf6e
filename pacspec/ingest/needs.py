"""The client register columns a plan needs (IPO/IPA notes, the portfolio's potential, the
typology column), so that they are checked in the register's header before any row is
read (DESIGN §6 *headers first*)."""

from __future__ import annotations

from dataclasses import dataclass

from pacspec.diagnostics import JsonPath, Problem
from pacspec.model.plan import Plan
from pacspec.reasons import Reason

__all__ = ["RegisterNeed", "no_register_problems", "register_needs"]


@dataclass(frozen=True)
class RegisterNeed:
    """One register column the plan reads, what for, and where the plan says so."""

    column: str
    role: str
    """What the column holds for the plan, for messages (``the notes of IPO criterion
    'taille'``)."""
    path: JsonPath
    """The plan key that names the column (or implies it)."""
    hint: str
    without_register: str = ""
    """What else the plan can do when there is no register at all (for the hint)."""
    words: Reason | None = None
    """``role`` as a reason, for the plan's locale."""
    instead: Reason | None = None
    """``without_register`` as a reason."""
    fix: Reason | None = None
    """``hint`` as a reason."""


def register_needs(plan: Plan) -> list[RegisterNeed]:
    """The register columns the analysis reads: each IPO/IPA criterion's notes (unless the
    plan states notes for it), the portfolio's potential, and the ``typology`` column when
    a typology has no ``when``. The engine fails on each of them when it is missing."""
    needs: list[RegisterNeed] = []
    if plan.ipo_ipa is not None:
        stated = {crit for notes in plan.ipo_ipa.notes.values() for crit in notes}
        for axis, criteria in (("ipo", plan.ipo_ipa.ipo), ("ipa", plan.ipo_ipa.ipa)):
            for i, crit in enumerate(criteria):
                if crit.id in stated:
                    continue
                where: JsonPath = ("ipo_ipa", axis, i)
                needs.append(RegisterNeed(
                    crit.column, f"the notes of {axis.upper()} criterion '{crit.id}'",
                    (*where, "attribute") if crit.attribute is not None else where,
                    f"add the column to the register, or set ipo_ipa.{axis}[{i}].attribute "
                    "to the column of notes",
                    f"or state the notes of '{crit.id}' in the plan (ipo_ipa.notes)",
                    Reason("ingest_need_notes", {"axis": axis.upper(), "criterion": crit.id}),
                    Reason("ingest_instead_notes", {"criterion": crit.id}),
                    Reason("ingest_fix_notes", {"axis": axis, "index": i})))
    if plan.portfolio is not None:
        needs.append(RegisterNeed(
            plan.portfolio.attribute, "the portfolio's potentials", ("portfolio", "attribute"),
            "add the column to the register, or set portfolio.attribute to the column of "
            "potentials", "", Reason("ingest_need_potential"), None,
            Reason("ingest_fix_potential")))
    for i, typo in enumerate(plan.typologies):
        if typo.when is None:
            needs.append(RegisterNeed(
                "typology", f"typology '{typo.id}' (it has no 'when')", ("typologies", i),
                "add a typology column to the register, or a 'when' condition to the "
                "typology",
                "or give the typology a 'when' condition",
                Reason("ingest_need_typology", {"typology": typo.id}),
                Reason("ingest_instead_when"), Reason("ingest_fix_typology")))
            break
    return needs


def no_register_problems(needs: list[RegisterNeed]) -> list[Problem]:
    """One error per register column the plan reads when there is no register at all
    (``data.clients`` unset and none passed), at the plan key that needs it: said before
    any row is read, all at once, instead of by the analysis, one at a time."""
    return [
        Problem(
            "error",
            "missing-column",
            f"no client register to read the column '{need.column}' from, for {need.role}: "
            "data.clients names none",
            path=need.path,
            hint=f"name a client register with the column '{need.column}' in "
            "data.clients.path (or --clients FILE)"
            + (f", {need.without_register}" if need.without_register else ""),
            reason=Reason("problem_no_register", {"column": need.column, "role": need.words,
                                                  "instead": need.instead})
            if need.words is not None else None,
        )
        for need in needs
    ]
