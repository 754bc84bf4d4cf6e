"""IPO/IPA: weighted criteria notes per client, and the 2x2 priority grid."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from pacspec.engine.rules import ConditionError
from pacspec.engine.table import Categorical, Column
from pacspec.model.ipo_ipa import QUADRANTS, Criterion, IpoIpa

#: Quadrant ids, in priority order.


@dataclass
class IpoIpaResult:
    ipo: np.ndarray          # float64, NaN where the client has no note at all
    ipa: np.ndarray
    quadrant: Categorical    # "1".."4", -1 where an index is missing
    partial: int             # clients scored on only some of the criteria
    unscored: int            # clients with no index


def _notes(criteria: list[Criterion], axis: str, n: int, attributes: Mapping[str, Column],
           overrides: Mapping[int, Mapping[str, float]]) -> tuple[np.ndarray, np.ndarray]:
    """(weighted sum of notes, sum of weights of the notes present) per client."""
    total = np.zeros(n)
    weights = np.zeros(n)
    for i, crit in enumerate(criteria):
        column = attributes.get(crit.column)
        if column is not None and (isinstance(column, Categorical) or column.dtype.kind not in "fiub"):
            raise ConditionError(("ipo_ipa", axis, i, "attribute"),
                                 f"register column '{crit.column}' must hold numeric notes")
        if column is None and not any(crit.id in notes for notes in overrides.values()):
            raise ConditionError(("ipo_ipa", axis, i),
                                 f"no notes for criterion '{crit.id}': the client register has "
                                 f"no column '{crit.column}' and the plan states none",
                                 "add the column to the register, set 'attribute', or add notes")
        values = (np.asarray(column, dtype=np.float64).copy() if column is not None
                  else np.full(n, np.nan))
        for client, notes in overrides.items():
            if crit.id in notes:
                values[client] = notes[crit.id]
        present = ~np.isnan(values)
        total[present] += crit.weight * values[present]
        weights[present] += crit.weight
    return total, weights


def evaluate_ipo_ipa(spec: IpoIpa, n: int, attributes: Mapping[str, Column],
                     overrides: Mapping[int, Mapping[str, float]]) -> IpoIpaResult:
    """Indices as weighted means of the notes present, and quadrants cut at the thresholds."""
    full = {"ipo": sum(c.weight for c in spec.ipo), "ipa": sum(c.weight for c in spec.ipa)}
    out: dict[str, np.ndarray] = {}
    partial = np.zeros(n, dtype=bool)
    for axis, criteria in (("ipo", spec.ipo), ("ipa", spec.ipa)):
        total, weights = _notes(criteria, axis, n, attributes, overrides)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[axis] = np.where(weights > 0, total / np.where(weights > 0, weights, 1), np.nan)
        partial |= (weights > 0) & (weights < full[axis] - 1e-12)
    ipo, ipa = out["ipo"], out["ipa"]
    known = ~np.isnan(ipo) & ~np.isnan(ipa)
    high_o = ipo >= spec.ipo_threshold
    high_a = ipa >= spec.ipa_threshold
    codes = np.full(n, -1, dtype=np.int32)
    codes[known & high_o & high_a] = 0
    codes[known & high_o & ~high_a] = 1
    codes[known & ~high_o & high_a] = 2
    codes[known & ~high_o & ~high_a] = 3
    return IpoIpaResult(ipo, ipa, Categorical(codes, QUADRANTS), int((partial & known).sum()),
                        int((~known).sum()))
