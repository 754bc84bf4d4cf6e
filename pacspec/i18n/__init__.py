"""User-facing words and formats in the plan's locale (French by default, English too):
:class:`Locale` (numbers, money, dates, punctuation) and the one label table."""

from __future__ import annotations

from pacspec.i18n.labels import SPECS, LabelError, explain, fields, label, template
from pacspec.i18n.locale import (
    CURRENCY_SYMBOLS,
    EN,
    FR,
    LOCALES,
    Locale,
    LocaleError,
    colon,
    currency_symbol,
    get_locale,
    money,
    number,
    percent,
)
from pacspec.i18n.texts import TEXTS

__all__ = [
    "CURRENCY_SYMBOLS",
    "EN",
    "FR",
    "LOCALES",
    "SPECS",
    "TEXTS",
    "LabelError",
    "Locale",
    "LocaleError",
    "colon",
    "currency_symbol",
    "explain",
    "fields",
    "get_locale",
    "label",
    "money",
    "number",
    "percent",
    "template",
]
