"""Number, money, date and punctuation formats of the supported locales (``fr``, ``en``):
one frozen :class:`Locale` each, so no other module needs ``locale == "fr"``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

__all__ = [
    "CURRENCY_SYMBOLS",
    "EN",
    "FR",
    "LOCALES",
    "Locale",
    "LocaleError",
    "colon",
    "currency_symbol",
    "get_locale",
    "money",
    "number",
    "percent",
]

CURRENCY_SYMBOLS: Final[Mapping[str, str]] = MappingProxyType(
    {"EUR": "€", "USD": "$", "GBP": "£"})
"""Symbols of the currencies a plan may state; any other code is shown as written."""

NA: Final = "n/a"


def currency_symbol(currency: str) -> str:
    """``"EUR"`` -> ``"€"``; an unknown code is its own symbol (``"CHF"``)."""
    return CURRENCY_SYMBOLS.get(currency, currency)


class LocaleError(ValueError):
    """A locale code that pacspec does not support."""


def _missing(value: float | None) -> bool:
    return value is None or value != value  # None or NaN


@dataclass(frozen=True)
class Locale:
    """The formats of one language. Get an instance with :meth:`Locale.of` (or
    :func:`get_locale`); the two instances are :data:`FR` and :data:`EN`."""

    code: str
    """``"fr"`` or ``"en"``."""
    decimal: str
    """Decimal separator: ``,`` / ``.``."""
    thousands: str
    """Thousands separator: a narrow no-break space (U+202F) / ``,``."""
    percent_template: str
    """``{number} %`` / ``{number}%``."""
    money_k_template: str
    """An amount in thousands: ``{amount} k{symbol}`` / ``{symbol}{amount}k``."""
    money_template: str
    """A full amount: ``{amount} {symbol}`` / ``{symbol}{amount}``."""
    date_template: str
    """``31/12/2025`` / ISO ``2025-12-31`` (fields ``day``, ``month``, ``year``)."""
    colon: str
    """Between a label and its value: ``" : "`` / ``": "``."""
    list_separator: str
    """Between the items of a list of phrases: ``" ; "`` / ``"; "``."""
    including: str
    """The word before a few examples: ``dont`` / ``including``."""
    day_unit: str
    """Abbreviation of days in a workload cell: ``j`` / ``d``."""
    csv_delimiter: str
    """Field delimiter of CSV files: ``;`` / ``,`` (what a spreadsheet opens directly)."""
    csv_decimal: str
    """Decimal separator in CSV files: ``,`` / ``.``."""
    quarter_template: str
    """``T{n} {year}`` / ``Q{n} {year}``."""
    half_template: str
    """``S{n} {year}`` / ``H{n} {year}``."""
    excel_money_k_template: str
    """Excel number format of an amount in thousands (``{symbol}`` to fill)."""
    excel_money_template: str
    """Excel number format of a full amount (``{symbol}`` to fill)."""
    excel_date_format: str
    """Excel number format of a date: ``dd/mm/yyyy`` / ``yyyy-mm-dd``."""
    na: str = NA
    """What a missing value reads: ``n/a``."""

    # ------------------------------------------------------------------ lookup
    @classmethod
    def of(cls, code: str | Locale) -> Locale:
        """The locale of ``code``: ``"fr"``, ``"en"``, also with a region (``"fr_FR"``,
        ``"en-GB"``); a :class:`Locale` is returned as is. Anything else raises
        :class:`LocaleError`."""
        if isinstance(code, Locale):
            return code
        language = str(code).replace("-", "_").split("_", 1)[0].lower()
        found = LOCALES.get(language)
        if found is None:
            expected = " or ".join(repr(c) for c in LOCALES)
            raise LocaleError(f"unsupported locale {code!r} (expected {expected})")
        return found

    # ------------------------------------------------------------------ numbers
    def number(self, value: float | None, digits: int = 0) -> str:
        """``1234567.8`` -> ``1 234 568`` (fr, narrow no-break spaces) / ``1,234,568``."""
        if _missing(value):
            return self.na
        text = f"{value:,.{digits}f}"
        if self.thousands != "," or self.decimal != ".":
            text = text.replace(",", "\0").replace(".", self.decimal)
            text = text.replace("\0", self.thousands)
        return text

    def percent(self, value: float | None, digits: int = 1) -> str:
        """``0.805`` -> ``80,5 %`` (fr) / ``80.5%`` (en)."""
        if _missing(value):
            return self.na
        assert value is not None
        text = f"{value * 100:.{digits}f}".replace(".", self.decimal)
        return self.percent_template.format(number=text)

    def money(self, value: float | None, currency: str = "EUR", thousands: bool = True
              ) -> str:
        """An amount, in thousands by default (``522 k€`` / ``€522k``; one decimal under
        10 000), else in full (``1 234 €`` / ``€1,234``)."""
        if _missing(value):
            return self.na
        assert value is not None
        symbol = currency_symbol(currency)
        if thousands:
            amount = self.number(value / 1000, 0 if abs(value) >= 10_000 else 1)
            return self.money_k_template.format(amount=amount, symbol=symbol)
        return self.money_template.format(amount=self.number(value, 0), symbol=symbol)

    def measure(self, value: float | None, unit: str, currency: str = "EUR") -> str:
        """A KPI value as its unit shows it: ``money`` (k), ``amount`` (full), ``rate``
        (percent, 1 decimal), ``count`` (0 decimals), ``per_month`` (1 decimal), anything
        else (``ratio``) 2 decimals."""
        if unit == "money":
            return self.money(value, currency)
        if unit == "amount":
            return self.money(value, currency, thousands=False)
        if unit == "rate":
            return self.percent(value, 1)
        return self.number(value, _MEASURE_DIGITS.get(unit, 2))

    # ------------------------------------------------------------------ dates, periods
    def date(self, value: dt.date) -> str:
        """``31/12/2025`` (fr) / ``2025-12-31`` (en)."""
        return self.date_template.format(day=value.day, month=value.month, year=value.year)

    def period_label(self, unit: str, n: int, year: int) -> str:
        """The name of a period: ``quarter`` ``T1 2026`` / ``Q1 2026``, ``half`` ``S1 2026``
        / ``H1 2026``, ``month`` (``n`` = the month) ``2026-03``, ``year`` ``2026``."""
        if unit == "quarter":
            return self.quarter_template.format(n=n, year=f"{year:04d}")
        if unit == "half":
            return self.half_template.format(n=n, year=f"{year:04d}")
        if unit == "month":
            return f"{year:04d}-{n:02d}"
        if unit == "year":
            return f"{year:04d}"
        raise ValueError(f"unknown period unit {unit!r}")

    # ------------------------------------------------------------------ punctuation
    def join(self, items: Iterable[str]) -> str:
        """Phrases joined by :attr:`list_separator`: ``a ; b`` (fr) / ``a; b`` (en)."""
        return self.list_separator.join(items)

    # ------------------------------------------------------------------ spreadsheets
    def excel_money_format(self, currency: str = "EUR", thousands: bool = True) -> str:
        """Excel number format of an amount: fr ``#,##0," k€"`` / en ``"€"#,##0,"k"`` in
        thousands, fr ``#,##0" €"`` / en ``"€"#,##0`` in full."""
        template = self.excel_money_k_template if thousands else self.excel_money_template
        return template.format(symbol=currency_symbol(currency))


_MEASURE_DIGITS: Final[Mapping[str, int]] = MappingProxyType({"count": 0, "per_month": 1})

FR: Final = Locale(
    code="fr", decimal=",", thousands="\u202f",
    percent_template="{number} %", money_k_template="{amount} k{symbol}",
    money_template="{amount} {symbol}", date_template="{day:02d}/{month:02d}/{year:04d}",
    colon=" : ", list_separator=" ; ", including="dont", day_unit="j",
    csv_delimiter=";", csv_decimal=",",
    quarter_template="T{n} {year}", half_template="S{n} {year}",
    excel_money_k_template='#,##0," k{symbol}"', excel_money_template='#,##0" {symbol}"',
    excel_date_format="dd/mm/yyyy",
)  # fmt: skip
EN: Final = Locale(
    code="en", decimal=".", thousands=",",
    percent_template="{number}%", money_k_template="{symbol}{amount}k",
    money_template="{symbol}{amount}", date_template="{year:04d}-{month:02d}-{day:02d}",
    colon=": ", list_separator="; ", including="including", day_unit="d",
    csv_delimiter=",", csv_decimal=".",
    quarter_template="Q{n} {year}", half_template="H{n} {year}",
    excel_money_k_template='"{symbol}"#,##0,"k"', excel_money_template='"{symbol}"#,##0',
    excel_date_format="yyyy-mm-dd",
)  # fmt: skip
LOCALES: Final[Mapping[str, Locale]] = MappingProxyType({"fr": FR, "en": EN})
"""The supported locales by code."""


def get_locale(code: str | Locale) -> Locale:
    """Same as :meth:`Locale.of`."""
    return Locale.of(code)


# ---------------------------------------------------------------- module-level helpers
def percent(value: float, locale: str = "fr", digits: int = 1) -> str:
    """``0.805`` -> ``80,5 %`` (fr) or ``80.5%`` (en)."""
    return Locale.of(locale).percent(value, digits)


def number(value: float, locale: str = "fr", digits: int = 0) -> str:
    """``1234567.8`` -> ``1 234 568`` (fr, narrow no-break spaces) or ``1,234,568`` (en)."""
    return Locale.of(locale).number(value, digits)


def money(value: float, currency: str = "EUR", locale: str = "fr", thousands: bool = True
          ) -> str:
    """An amount, in k (thousands) by default: ``522 k€`` / ``€522k``."""
    return Locale.of(locale).money(value, currency, thousands)


def colon(locale: str = "fr") -> str:
    """The separator between a label and its value: ``" : "`` (fr) or ``": "`` (en)."""
    return Locale.of(locale).colon
