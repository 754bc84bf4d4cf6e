"""Reason records: a code and raw values, put into words only by the locale."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Reason:
    """Why a figure is what it is (or n/a): a label code and the raw values it names."""

    code: str
    values: Mapping[str, Any] = field(default_factory=dict)
