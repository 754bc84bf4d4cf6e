"""Shared field types of the plan model: ids, dates, labels, locales."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema

from pacspec.calendar import MAX_DATE, MIN_DATE, days_in_month, in_calendar
from pacspec.model.messages import invalid

Locale = Literal["fr", "en"]

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$", min_length=1, max_length=64),
    Field(description="An identifier: letters, digits, '-', '_' or '.', starting with a letter or digit."),
]
"""Identifier used to reference an entry from elsewhere in the plan."""

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _parse_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = _ISO_DATE.match(value.strip())
        if m:
            year, month, day = int(m[1]), int(m[2]), int(m[3])
            if not 1 <= month <= 12:
                raise invalid("date_no_month", value=value, month=month)
            days = days_in_month(year, month)
            if not 1 <= day <= days:
                raise invalid("date_no_day", value=value, days=days)
            try:
                return dt.date(year, month, day)
            except ValueError:  # year 0
                raise invalid("date_format", value=repr(value)) from None
    raise invalid("date_format", value=repr(value))


def _parse_month_end(value: Any) -> Any:
    """Accept YYYY-MM-DD, or YYYY-MM meaning the last day of that month."""
    if isinstance(value, str):
        m = _ISO_MONTH.match(value.strip())
        if m:
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                raise invalid("month_invalid", value=value)
            return dt.date(year, month, days_in_month(year, month))
    try:
        return _parse_date(value)
    except ValueError:
        raise invalid("due_format", value=repr(value)) from None


def _in_calendar(value: dt.date) -> dt.date:
    """A date pacspec computes on (:func:`pacspec.calendar.in_calendar`)."""
    if not in_calendar(value):
        before = value < MIN_DATE
        raise invalid("date_before_calendar" if before else "date_after_calendar",
                      value=value.isoformat(), limit=(MIN_DATE if before else MAX_DATE))
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_parse_date), AfterValidator(_in_calendar)]
"""A calendar date written ``YYYY-MM-DD``, inside pacspec's calendar (1900..2199)."""

DueDate = Annotated[
    dt.date,
    BeforeValidator(_parse_month_end),
    AfterValidator(_in_calendar),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$",
                    "description": "YYYY-MM-DD, or YYYY-MM for the last day of that month"}),
]
"""A due date: ``YYYY-MM-DD``, or ``YYYY-MM`` for the last day of that month."""


def _check_label(value: str | dict[str, str]) -> str | dict[str, str]:
    if isinstance(value, dict) and not value:
        raise invalid("label_empty")
    return value


Label = Annotated[
    str | dict[Locale, str],
    AfterValidator(_check_label),
    Field(description="A text, or a mapping of locale (fr, en) to text."),
]


def localize(label: str | Mapping[Any, str] | None, locale: str, fallback: str = "") -> str:
    """The text of ``label`` in ``locale``: a plain string is used as is; otherwise the locale's
    entry, then French, then any entry, then ``fallback``."""
    if label is None:
        return fallback
    if isinstance(label, str):
        return label
    for key in (locale, "fr", "en"):
        if key in label:
            return label[key]
    return next(iter(label.values()), fallback)


Share = Annotated[float, Field(ge=0.0, le=1.0)]
"""A fraction between 0 and 1."""

MAX_AMOUNT = 1e15
"""The largest amount a plan may state (a million billion): beyond it sums of amounts
lose their cents, and far beyond (``1.7e308``) they overflow to infinity."""


def _check_at_most(value: float, *, limit: float, what: str) -> float:
    if value > limit:
        raise invalid("too_large", what=what, limit=f"{limit:.0e}", value=f"{value:g}")
    return value


def at_most(limit: float, what: str) -> AfterValidator:
    """A validator refusing values over ``limit`` (``what`` names them in the message), so
    that sums and products of plan numbers stay finite. It leaves the JSON Schema as is.
    (A partial of a module function, not a closure: the core schema can be cached, see
    :mod:`pacspec.model.cache`.)"""
    return AfterValidator(functools.partial(_check_at_most, limit=limit, what=what))


Money = Annotated[float, Field(ge=0.0, allow_inf_nan=False), at_most(MAX_AMOUNT, "an amount")]
"""An amount in the plan's currency, zero or more (at most :data:`MAX_AMOUNT`)."""
