"""The client portfolio (matrice ABC croisée): revenue class crossed with potential class."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pacspec.engine.table import Categorical
from pacspec.model.abc import POTENTIAL_CLASSES, ZONES, Portfolio


def zone_of(revenue_class: int, potential_class: int, prospects: int) -> str:
    """The zone of a portfolio cell: core on the first revenue class whatever the
    potential, development on the first potential class (A') outside the core, no visits
    for prospects (revenue class ``prospects``, the last) with B'/C' potential, economic
    else. The one place the rule is written."""
    if revenue_class == 0:
        return "core"
    if potential_class == 0:
        return "development"
    return "no_visit" if revenue_class == prospects else "economic"


@dataclass
class PortfolioResult:
    potential: np.ndarray          # float64, NaN when unknown
    potential_class: Categorical   # A', B', C'
    revenue_class: Categorical     # the ABC labels plus "P" for the clients not active
    zone: Categorical
    penetration: np.ndarray        # revenue / potential, NaN when the potential is unknown or <= 0
    headroom: np.ndarray           # potential - revenue (reste à gagner), NaN when unknown


def penetration_headroom(revenue: np.ndarray, potential: np.ndarray
                         ) -> tuple[np.ndarray, np.ndarray]:
    """Per client: the penetration rate ``revenue / potential`` (NaN where the potential is
    unknown or not positive) and the *reste à gagner* ``potential - revenue`` (NaN where
    the potential is unknown; negative above the potential)."""
    revenue = np.asarray(revenue, dtype=np.float64)
    potential = np.asarray(potential, dtype=np.float64)
    positive = potential > 0  # NaN compares False
    penetration = np.full(len(potential), np.nan)
    np.divide(revenue, potential, out=penetration, where=positive)
    return penetration, potential - revenue


def evaluate_portfolio(spec: Portfolio, potential: np.ndarray, abc: Categorical,
                       unranked: np.ndarray, revenue: np.ndarray) -> PortfolioResult:
    """Cross the ABC class (P for every client not active in the window, ``unranked``:
    prospects and inactive clients alike) with the potential class.

    Zones follow :func:`zone_of`; clients with an unknown potential get no zone unless
    they are in the core."""
    potential = np.asarray(potential, dtype=np.float64)
    n = len(potential)
    hi, mid = spec.thresholds
    known = ~np.isnan(potential)
    pclass = np.full(n, -1, dtype=np.int32)
    pclass[known & (potential >= hi)] = 0
    pclass[known & (potential < hi) & (potential >= mid)] = 1
    pclass[known & (potential < mid)] = 2

    labels = (*abc.categories, "P")
    rclass = np.where(unranked | (abc.codes < 0), len(abc.categories),
                      abc.codes).astype(np.int32)

    # zone of each (revenue class, potential class) cell; no potential class: no zone
    # except in the core
    k = len(labels)
    table = np.array([[ZONES.index(zone_of(i, j, k - 1)) for j in range(3)] + [-1]
                      for i in range(k)], dtype=np.int32)
    table[0, 3] = ZONES.index("core")
    zone = table[rclass, np.where(pclass < 0, 3, pclass)]
    penetration, headroom = penetration_headroom(revenue, potential)
    return PortfolioResult(potential, Categorical(pclass, POTENTIAL_CLASSES),
                           Categorical(rclass, labels), Categorical(zone, ZONES),
                           penetration, headroom)
