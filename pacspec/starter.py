"""The starter plan that ``pacspec init`` writes: a template of ``pacspec.templates`` with the
company and the budget year filled in.

There is one template per locale (comments in French by default, in English for ``en``),
``pacspec/templates/<locale>.pac.yaml.tmpl``, shipped as package data. A rendered starter plan
validates with no error and no warning, stands alone (its profile rules are written inline,
identical in meaning to the built-in rule set ``profiles-fr``), and avoids the shorthand forms
of the condition language so that editors using the JSON Schema show no false alarm.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

from pacspec.calendar import MAX_DATE, MIN_DATE

__all__ = ["LOCALES", "SCHEMA_MODELINE", "starter_plan", "template"]

SCHEMA_MODELINE = (
    "# yaml-language-server: $schema=https://pacspec.dev/schemas/pacspec-plan.schema.json"
)
"""First line of every starter plan: tells editors which JSON Schema to use."""

LOCALES: tuple[str, ...] = ("fr", "en")
"""The locales a starter plan can be written in."""

COMPANY_MARK = "@COMPANY@"
"""Where a template takes the company name (as a quoted YAML string)."""

YEAR_MARK = "@YR@"
"""Where a template takes the budget year (``@YR@-01-01`` is the first of January)."""

_DEFAULT_COMPANY = {"fr": "Mon entreprise", "en": "My company"}


def template(locale: str) -> str:
    """The raw template of a locale, with its ``@COMPANY@`` and ``@YR@`` marks."""
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}; expected one of {', '.join(LOCALES)}")
    path = resources.files("pacspec.templates").joinpath(f"{locale}.pac.yaml.tmpl")
    return path.read_text(encoding="utf-8")


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as exactly ``text``.

    ``json.dumps`` does most of the work (JSON strings are YAML double-quoted scalars);
    the characters JSON leaves raw but YAML refuses in a stream (DEL, C1 controls,
    non-characters) or reads as line breaks (NEL, LS, PS) are escaped too.
    """
    quoted = json.dumps(text, ensure_ascii=False)
    out = []
    for ch in quoted:
        code = ord(ch)
        if 0x7F <= code <= 0x9F or code in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def _clean_company(company: str, locale: str) -> str:
    # Lone surrogates (undecodable bytes on a command line) cannot be written as UTF-8.
    text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in company)
    if not text.strip():
        return _DEFAULT_COMPANY[locale]
    if text in _DEFAULT_COMPANY.values():
        return _DEFAULT_COMPANY[locale]  # a default name, in the plan's locale
    return text


def starter_plan(
    company: str = "Mon entreprise", locale: str = "fr", *, year: int | None = None
) -> str:
    """The text of a complete, commented starter plan (what ``pacspec init PATH`` writes).

    ``company`` may be any text: it is written as a quoted YAML string. A blank name gives
    the default one. ``locale`` is ``fr`` (French comments and labels) or ``en``. ``year``
    is the budget year (default: the current year); the plan runs from 1 January to
    31 December of it.
    """
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}; expected one of {', '.join(LOCALES)}")
    if year is None:
        year = dt.date.today().year
    if not MIN_DATE.year <= year <= MAX_DATE.year:
        raise ValueError(f"budget year {year} is outside {MIN_DATE.year}..{MAX_DATE.year}")
    text = template(locale)
    text = text.replace(COMPANY_MARK, _yaml_string(_clean_company(company, locale)))
    return text.replace(YEAR_MARK, str(year))
