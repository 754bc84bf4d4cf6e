"""The client portfolio (matrice ABC croisée): revenue class crossed with potential class."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pacspec.engine.table import Categorical
from pacspec.model.abc import Portfolio

POTENTIAL_CLASSES: tuple[str, ...] = ("A'", "B'", "C'")
#: Zones: fonds de commerce, potentiel de développement, gestion économique, pas de visite.
ZONES: tuple[str, ...] = ("core", "development", "economic", "no_visit")


@dataclass
class PortfolioResult:
    potential: np.ndarray          # float64, NaN when unknown
    potential_class: Categorical   # A', B', C'
    revenue_class: Categorical     # the ABC labels plus "P" for prospects
    zone: Categorical


def evaluate_portfolio(spec: Portfolio, potential: np.ndarray, abc: Categorical,
                       prospect: np.ndarray) -> PortfolioResult:
    """Cross the ABC class (P for prospects who never bought) with the potential class.

    Zones: core = first ABC class whatever the potential; development = top potential class
    (A') outside the core; economic = other classes with B'/C' potential; no_visit =
    prospects with B'/C' potential. Clients with an unknown potential get no zone unless
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
    rclass = np.where(prospect, len(abc.categories), abc.codes).astype(np.int32)

    zone = np.full(n, -1, dtype=np.int32)
    zone[(pclass >= 1) & ~prospect] = 2
    zone[(pclass >= 1) & prospect] = 3
    zone[pclass == 0] = 1
    zone[(rclass == 0)] = 0
    return PortfolioResult(potential, Categorical(pclass, POTENTIAL_CLASSES),
                           Categorical(rclass, labels), Categorical(zone, ZONES))
