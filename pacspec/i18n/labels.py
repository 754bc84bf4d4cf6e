"""Labels from the one table, filled in the locale's formats; :func:`explain` puts the
engine's reason codes and raw values into words through typed placeholders."""

from __future__ import annotations

import datetime as dt
import math
import numbers
import string
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from pacspec.i18n.locale import Locale
from pacspec.i18n.texts import TEXTS

__all__ = ["SPECS", "LabelError", "explain", "fields", "label", "template"]

SPECS: Final = frozenset({
    "money", "money_full", "pct0", "pct1", "num", "num1", "num2", "measure", "paren_pct1",
    "date", "iso", "label", "reason", "subtypes", "list", "cuts",
})
"""The typed format specs templates may use."""

_NUMBER_SPECS: Final[Mapping[str, int]] = {"num": 0, "num1": 1, "num2": 2}
_PERCENT_SPECS: Final[Mapping[str, int]] = {"pct0": 0, "pct1": 1}
_EMPTY_WHEN_NONE: Final = frozenset({"paren_pct1", "reason"})


class LabelError(KeyError):
    """A label key that the table does not hold, or a placeholder without a value."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def template(key: str, locale: str | Locale = "fr") -> str:
    """The raw template of ``key`` in ``locale``; :class:`LabelError` for an unknown key."""
    entry = TEXTS.get(key)
    if entry is None:
        raise LabelError(f"no label {key!r} in pacspec.i18n")
    return entry[Locale.of(locale).code]


def fields(text: str) -> set[tuple[str, str]]:
    """The placeholders of a template, as (name, spec) pairs."""
    return {(name, spec or "") for _, name, spec, _ in string.Formatter().parse(text)
            if name is not None}


def label(key: str, locale: str = "fr", **values: object) -> str:
    """The label ``key`` in ``locale``, its placeholders filled with ``values``.

    A value given as a ``str`` is inserted as is (already formatted); other values are
    formatted by the placeholder's typed spec (amounts in ``EUR``: use :func:`explain` for
    another currency). An unknown key raises :class:`LabelError`."""
    text = template(key, locale)
    if not values:
        return text
    return _Formatter(Locale.of(locale), "EUR", values, codes=False).format_template(key, text)


def explain(code: str, values: Mapping[str, object], locale: str = "fr",
            currency: str = "EUR", *, texts: Mapping[str, Mapping[str, str]] | None = None
            ) -> str:
    """A reason put into words: the label ``code`` filled with raw ``values`` (numbers,
    dates, codes) by the typed specs of its template.

    ``texts`` (code -> locale -> template), when given, is looked up before the table (a
    KPI module's own reason texts). An unknown code raises :class:`LabelError`.

    Templates may give a placeholder a typed spec; the value is then formatted by the locale:

    =================  ==========================================================================
    ``{x:money}``      an amount in thousands (``522 k€`` / ``€522k``)
    ``{x:money_full}`` an amount in full (``1 234 €`` / ``€1,234``)
    ``{x:pct0}``       a fraction as a percent, 0 decimals (``81 %``); ``pct1``: 1 decimal
    ``{x:num}``        a number, 0 decimals (``1 234``); ``num1``, ``num2``: 1, 2 decimals
    ``{x:measure}``    a KPI value in its unit, read from the ``unit`` value beside it
                       (``money``, ``amount``, ``rate``, ``count``, ``per_month``, ``ratio``)
    ``{x:paren_pct1}`` `` (108,0 %)`` after a phrase; ``""`` when the value is None
    ``{x:date}``       a date in the locale's format (``31/12/2025`` / ``2025-12-31``)
    ``{x:iso}``        a date as ISO ``2025-12-31``
    ``{x:label}``      the label of the key ``x`` (``of_year`` -> ``de l'année``)
    ``{x:reason}``     a nested reason: an object with ``code`` and ``values`` (or a
                       ``(code, values)`` pair), explained in the same locale; ``""`` for None
    ``{x:subtypes}``   action subtype codes -> ``prospection / reconquête``
    ``{x:list}``       items joined by ``", "``
    ``{x:cuts}``       numbers (cut points) in the locale, at most one decimal, joined by
                       ``" | "`` (``72,4 | 111,8`` / ``72.4 | 111.8``)
    ``{x}``            ``str(x)``
    =================  ==========================================================================

    None and NaN read ``n/a`` (a None ``paren_pct1`` or ``reason`` reads nothing, a NaN
    ``paren_pct1`` `` (n/a)``). A ``str`` value is taken as already formatted and inserted
    as is, except for ``label`` and ``reason``, where it is a label key (:func:`label`
    inserts every ``str`` as is, so callers passing formatted texts keep their output).
    """
    loc = Locale.of(locale)
    entry = texts.get(code) if texts is not None else None
    text = entry[loc.code] if entry is not None else template(code, loc)
    return _Formatter(loc, currency, values, codes=True, texts=texts).format_template(code, text)


def _missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        return math.isnan(float(value))
    return False


class _Formatter(string.Formatter):
    """Fills one template; typed specs (see :func:`explain`) through the locale."""

    def __init__(self, loc: Locale, currency: str, values: Mapping[str, object], *,
                 codes: bool, texts: Mapping[str, Mapping[str, str]] | None = None) -> None:
        super().__init__()
        self.loc, self.currency, self.values = loc, currency, values
        self.codes, self.texts = codes, texts

    def format_template(self, key: str, text: str) -> str:
        try:
            return self.vformat(text, (), self.values)
        except KeyError as exc:
            if isinstance(exc, LabelError):
                raise
            raise LabelError(f"label {key!r} needs a value for {{{exc.args[0]}}}") from None

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]
                  ) -> Any:
        return kwargs[str(key)]

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec not in SPECS:
            return self.loc.na if _missing(value) else format(value, format_spec)
        if value is None and format_spec in _EMPTY_WHEN_NONE:
            return ""
        if _missing(value):
            return f" ({self.loc.na})" if format_spec == "paren_pct1" else self.loc.na
        if isinstance(value, str) and not (self.codes and format_spec in ("label", "reason")):
            return value
        return self._typed(value, format_spec)

    def _typed(self, value: Any, spec: str) -> str:
        loc = self.loc
        if spec == "money":
            return loc.money(float(value), self.currency)
        if spec == "money_full":
            return loc.money(float(value), self.currency, thousands=False)
        if spec in _PERCENT_SPECS:
            return loc.percent(float(value), _PERCENT_SPECS[spec])
        if spec in _NUMBER_SPECS:
            return loc.number(float(value), _NUMBER_SPECS[spec])
        if spec == "paren_pct1":
            return f" ({loc.percent(float(value), 1)})"
        if spec == "measure":
            unit = self.values.get("unit")
            if unit is None:
                raise LabelError("a {…:measure} placeholder needs a 'unit' value")
            return loc.measure(float(value), str(unit), self.currency)
        if spec == "date":
            return loc.date(_date(value))
        if spec == "iso":
            return _date(value).isoformat()
        if spec == "label":
            return template(str(value), loc) if self.codes else str(value)
        if spec == "reason":
            return self._reason(value)
        if spec == "cuts":
            return " | ".join(loc.number(float(v), 0 if float(v).is_integer() else 1)
                              for v in _items(value))
        if spec == "subtypes":
            return " / ".join(template(f"subtype_{s}", loc).lower() for s in _items(value))
        # list
        return ", ".join(str(item) for item in _items(value))

    def _reason(self, value: Any) -> str:
        if isinstance(value, str):
            code, values = value, {}
        elif isinstance(value, tuple):
            code, values = value
        else:
            code, values = value.code, value.values
        return explain(code, values, self.loc.code, self.currency, texts=self.texts)


def _date(value: Any) -> dt.date:
    if not isinstance(value, dt.date):
        raise TypeError(f"a date placeholder needs a datetime.date, not {value!r}")
    return value


def _items(value: Any) -> Iterable[Any]:
    return [value] if isinstance(value, str) else value
