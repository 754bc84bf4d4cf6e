"""Built-in rule sets (package data): ``profiles-fr``, ``rfm-segments``, ``recommendations-fr``,
and ``profiles-en``, ``recommendations-en`` (the same rules with English ids).

Each is a ``<name>.rules.yaml`` file; ``plans/rules/`` holds byte-equal copies that the
example plan includes by relative path. :func:`path` and :data:`NAMES` find them.
"""

from __future__ import annotations

import sys
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["NAMES", "SUFFIX", "path"]

SUFFIX = ".rules.yaml"
"""The file name ending of a built-in rule set."""

NAMES: tuple[str, ...] = ("profiles-fr", "rfm-segments", "recommendations-fr", "profiles-en",
                          "recommendations-en")
"""The built-in rule sets, by name."""


def path(name: str) -> Traversable:
    """The file of the built-in rule set ``name`` (``profiles-fr``...)."""
    if name not in NAMES:
        raise ValueError(f"unknown built-in rule set {name!r}; expected one of {', '.join(NAMES)}")
    return resources.files(__name__).joinpath(name + SUFFIX)
