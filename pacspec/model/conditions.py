"""The condition language of profiles, segments, typologies and action targets (docs/conditions.md)."""

import math
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar

from pydantic import BeforeValidator, Field, StrictBool, StringConstraints, model_validator

from pacspec.model.base import StrictModel
from pacspec.model.messages import invalid

CodePattern = Annotated[
    str,
    StringConstraints(pattern=r"^[01?]+$", min_length=1, max_length=24),
    Field(
        description="One character per RFM period, oldest first: '1' bought, '0' did not, "
        "'?' either. Quote it in YAML: \"0011\"."
    ),
]


def pattern_mask(pattern: str) -> tuple[int, int]:
    """``(care, value)`` of a code pattern: a code matches when ``code & care == value``.
    The first character is the oldest period, i.e. the highest bit."""
    care = int("".join("0" if c == "?" else "1" for c in pattern), 2)
    value = int(pattern.replace("?", "0"), 2)
    return care, value


def _code_patterns(value: Any) -> Any:
    """Accept one pattern, several separated by spaces, or a list of patterns."""
    if isinstance(value, int) and not isinstance(value, bool):
        raise invalid("code_number", value=value)
    if isinstance(value, str):
        return value.split()
    return value


def _numeric_shorthand(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return {"eq": value}
    return value


def _set_shorthand(value: Any) -> Any:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return {"in": [value]}
    if isinstance(value, list):
        return {"in": value}
    return value


class BoundsTest(StrictModel):
    """The numeric keys shared by :class:`NumericTest` and :class:`AttributeTest`, and their
    checks: no NaN bound, ``between`` as ``[low, high]`` with ``low <= high``."""

    eq: float | None = None
    """Equal to."""
    gt: float | None = None
    """Strictly greater than."""
    gte: float | None = None
    """Greater than or equal to."""
    lt: float | None = None
    """Strictly less than."""
    lte: float | None = None
    """Less than or equal to."""
    between: tuple[float, float] | None = None
    """Inclusive range ``[low, high]``."""

    _KEYS: ClassVar[tuple[str, ...]] = ("eq", "gt", "gte", "lt", "lte", "between")
    """The keys of which at least one must be given (field names)."""
    _WHAT: ClassVar[str] = "numeric_test"

    def numeric_bounds(self) -> list[float]:
        """Every numeric bound given (a text ``eq`` is not one)."""
        eq = self.eq if isinstance(self.eq, (int, float)) else None
        return [b for b in (eq, self.gt, self.gte, self.lt, self.lte, *(self.between or ()))
                if b is not None]

    @model_validator(mode="after")
    def _check_bounds(self) -> "BoundsTest":
        if all(getattr(self, name) is None for name in self._KEYS):
            keys = ", ".join(name.rstrip("_") for name in self._KEYS)
            raise invalid(f"{self._WHAT}_empty", keys=keys)
        if any(math.isnan(b) for b in self.numeric_bounds()):
            raise invalid(f"{self._WHAT}_nan")
        if self.between is not None and self.between[0] > self.between[1]:
            raise invalid("between_order", value=list(self.between))
        return self


class NumericTest(BoundsTest):
    """A numeric test. A bare number means ``eq``. All given bounds must hold."""

    def holds(self, value: float) -> bool:
        """Plain-Python evaluation (the reference for the vectorised engine)."""
        checks = [
            self.eq is None or value == self.eq,
            self.gt is None or value > self.gt,
            self.gte is None or value >= self.gte,
            self.lt is None or value < self.lt,
            self.lte is None or value <= self.lte,
            self.between is None or self.between[0] <= value <= self.between[1],
        ]
        return all(checks)


class SetTest(StrictModel):
    """A membership test. A bare value means ``in: [value]``; a bare list means ``in: list``."""

    in_: list[str | int] | None = Field(default=None, alias="in")
    """The value is one of these."""
    not_in: list[str | int] | None = None
    """The value is none of these."""

    @model_validator(mode="after")
    def _check(self) -> "SetTest":
        if self.in_ is None and self.not_in is None:
            raise invalid("set_test_empty")
        return self

    def holds(self, value: object) -> bool:
        text = str(value)
        if self.in_ is not None and text not in {str(v) for v in self.in_}:
            return False
        return not (self.not_in is not None and text in {str(v) for v in self.not_in})


class AttributeTest(BoundsTest):
    """A test on a client attribute from the register: set keys, numeric keys, or a bare value."""

    in_: list[str | int | float] | None = Field(default=None, alias="in")
    """The value is one of these."""
    not_in: list[str | int | float] | None = None
    """The value is none of these."""
    eq: float | str | None = None  # type: ignore[assignment]
    """Equal to (a number, or a text compared as text)."""

    _KEYS: ClassVar[tuple[str, ...]] = ("in_", "not_in", *BoundsTest._KEYS)
    _WHAT: ClassVar[str] = "attribute_test"


NumCond = Annotated[
    NumericTest, BeforeValidator(_numeric_shorthand, json_schema_input_type=NumericTest | float)
]
SetCond = Annotated[
    SetTest,
    BeforeValidator(_set_shorthand, json_schema_input_type=SetTest | str | int | list[str | int]),
]
AttrCond = Annotated[
    AttributeTest,
    BeforeValidator(
        _set_shorthand,
        json_schema_input_type=AttributeTest | str | float | list[str | int | float],
    ),
]
CodeList = Annotated[
    list[CodePattern],
    BeforeValidator(
        _code_patterns,
        json_schema_input_type=Annotated[
            str, StringConstraints(pattern=r"^ *[01?]+( +[01?]+)* *$")
        ] | list[CodePattern],
    ),
]

#: Metric names of the condition language, in the order of the documentation.
METRICS: tuple[str, ...] = (
    "code", "new", "bought_before_window", "prospect", "recency", "orders", "revenue", "units",
    "history_revenue", "r", "f", "m", "abc", "profile", "segment", "typology", "ipo", "ipa",
    "quadrant", "potential", "potential_class", "zone", "client", "attributes",
)  # fmt: skip


class Condition(StrictModel):
    """Which clients a rule, typology or action applies to. Every given test must hold."""

    code: CodeList | None = None
    """RFM purchase code pattern(s), oldest period first: "0011", ["0111", "1?11"]."""
    new: StrictBool | None = None
    """First purchase ever on or after the start of the analysis window."""
    bought_before_window: StrictBool | None = None
    """At least one purchase before the start of the analysis window."""
    prospect: StrictBool | None = None
    """Never bought up to as_of (a register client with no purchase)."""
    recency: NumCond | None = None
    """Days since the last purchase (clients who never bought never match)."""
    orders: NumCond | None = None
    """Distinct orders in the analysis window (frequency)."""
    revenue: NumCond | None = None
    """Net revenue in the analysis window (monetary)."""
    units: NumCond | None = None
    """Net units in the analysis window."""
    history_revenue: NumCond | None = None
    """Net revenue over all history up to as_of."""
    r: NumCond | None = None
    """Recency score, 1..bins (bins best); clients who never bought have none (never match)."""
    f: NumCond | None = None
    """Frequency score, 1..bins; clients who never bought have none (never match)."""
    m: NumCond | None = None
    """Monetary score, 1..bins; clients who never bought have none (never match)."""
    abc: SetCond | None = None
    """ABC class: A, B, C (or the plan's class labels)."""
    profile: SetCond | None = None
    """Profile id from the profile rules."""
    segment: SetCond | None = None
    """RFM score segment id."""
    typology: SetCond | None = None
    """Client typology id from the plan's typologies."""
    ipo: NumCond | None = None
    """IPO index (probable potential), on the IPO/IPA scale."""
    ipa: NumCond | None = None
    """IPA index (probable accessibility), on the IPO/IPA scale."""
    quadrant: SetCond | None = None
    """IPO/IPA priority quadrant: 1 (work first), 2, 3, 4 (watch only)."""
    potential: NumCond | None = None
    """The portfolio's potential attribute (estimated purchasing potential)."""
    potential_class: SetCond | None = None
    """Potential class of the portfolio: A', B', C'."""
    zone: SetCond | None = None
    """Portfolio zone: core (fonds de commerce), development, economic, no_visit."""
    client: SetCond | None = None
    """Client ids, exactly as in the data."""
    attributes: dict[str, AttrCond] | None = None
    """Tests on client register columns, e.g. {region: [Bretagne, Normandie]}."""
    any: list["Condition"] | None = None
    """At least one of these conditions holds."""
    all: list["Condition"] | None = None
    """Every one of these conditions holds."""
    not_: "Condition | None" = Field(default=None, alias="not")
    """This condition does not hold."""

    def used_metrics(self) -> set[str]:
        """Metric names used by this condition and its sub-conditions."""
        used = {
            name
            for name in METRICS
            if getattr(self, name) is not None
        }
        for sub in [*(self.any or []), *(self.all or []), *([self.not_] if self.not_ else [])]:
            used |= sub.used_metrics()
        return used

    def walk(self, path: tuple[str | int, ...] = ()
             ) -> Iterator[tuple["Condition", tuple[str | int, ...]]]:
        """This condition and every sub-condition (any, all, not), with their paths."""
        yield self, path
        for key in ("any", "all"):
            for i, sub in enumerate(getattr(self, key) or []):
                yield from sub.walk((*path, key, i))
        if self.not_ is not None:
            yield from self.not_.walk((*path, "not"))

    def code_patterns(self) -> list[str] | None:
        """The code patterns, or None when the condition does not test the code."""
        return None if self.code is None else list(self.code)

