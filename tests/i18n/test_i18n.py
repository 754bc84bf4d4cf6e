"""pacspec.i18n: the locales' formats, the one label table, typed templates and explain()."""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import math
from collections.abc import Iterator
from pathlib import Path
from typing import get_args

import pytest

from pacspec import i18n
from pacspec.budget import AXES
from pacspec.engine.result import TABLE_COLUMNS
from pacspec.i18n import (
    EN,
    FR,
    SPECS,
    TEXTS,
    LabelError,
    Locale,
    LocaleError,
    explain,
    fields,
    get_locale,
    label,
    money,
    number,
    percent,
)
from pacspec.model.abc import ZONES
from pacspec.model.actions import SUBTYPES, ActionType, Horizon
from pacspec.model.steering import Metric
from pacspec.report.client_columns import ATTRIBUTE_LABELS
from pacspec.report.sections.pac_table import PAC_COLUMNS, PAC_TITLES

NNBSP = "\u202f"
PACKAGE = Path(__file__).resolve().parents[2] / "pacspec"


# ------------------------------------------------------------------------- the old helpers
# The module-level helpers as they were before the i18n package: outputs must not change.
def _old_percent(value: float, locale: str = "fr", digits: int = 1) -> str:
    if value != value:
        return "n/a"
    text = f"{value * 100:.{digits}f}"
    return text.replace(".", ",") + " %" if locale == "fr" else text + "%"


def _old_number(value: float, locale: str = "fr", digits: int = 0) -> str:
    if value != value:
        return "n/a"
    text = f"{value:,.{digits}f}"
    if locale == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def _old_money(value: float, currency: str = "EUR", locale: str = "fr",
               thousands: bool = True) -> str:
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency, currency)
    if value != value:
        return "n/a"
    if thousands:
        amount = _old_number(value / 1000, locale, 0 if abs(value) >= 10_000 else 1)
        return f"{amount} k{symbol}" if locale == "fr" else f"{symbol}{amount}k"
    amount = _old_number(value, locale, 0)
    return f"{amount} {symbol}" if locale == "fr" else f"{symbol}{amount}"


VALUES = [0.0, -0.0, 0.004, 0.805, 1.0, -0.25, 9.99, 999.5, 1234.5, 9999.0, 9999.99, 10_000.0,
          -12_345.678, 522_000.0, 1_234_567.891, 987_654_321.0, float("nan"), 7, -3]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_module_helpers_keep_their_output(locale: str) -> None:
    for v in VALUES:
        for digits in (0, 1, 2):
            assert percent(v, locale, digits) == _old_percent(v, locale, digits)
            assert number(v, locale, digits) == _old_number(v, locale, digits)
        for cur in ("EUR", "USD", "GBP", "CHF"):
            for k in (True, False):
                assert money(v, cur, locale, k) == _old_money(v, cur, locale, k)
    assert percent(0.805, locale) == _old_percent(0.805, locale)
    assert i18n.colon(locale) == (" : " if locale == "fr" else ": ")


# ------------------------------------------------------------------------------- Locale
def test_locale_lookup() -> None:
    assert Locale.of("fr") is FR and get_locale("en") is EN
    assert Locale.of("fr_FR") is FR and Locale.of("en-GB") is EN and Locale.of("EN") is EN
    assert Locale.of(FR) is FR
    assert set(i18n.LOCALES) == {"fr", "en"}
    with pytest.raises(LocaleError, match=r"unsupported locale 'de' \(expected 'fr' or 'en'\)"):
        Locale.of("de")
    with pytest.raises(ValueError):
        get_locale("")
    with pytest.raises(dataclasses.FrozenInstanceError):
        FR.colon = ": "  # type: ignore[misc]


def test_locale_formats() -> None:
    assert FR.decimal == "," and FR.thousands == NNBSP and EN.decimal == "." and EN.thousands == ","
    assert FR.percent(0.805) == "80,5 %" and EN.percent(0.805) == "80.5%"
    assert FR.percent(0.805, 0) == "80 %" and EN.percent(1.5, 0) == "150%"
    assert FR.number(1234567.8) == f"1{NNBSP}234{NNBSP}568" and EN.number(1234567.8) == "1,234,568"
    assert FR.number(1234.56, 2) == f"1{NNBSP}234,56" and EN.number(1234.56, 2) == "1,234.56"
    assert FR.money(522_000) == "522 k€" and EN.money(522_000) == "€522k"
    assert FR.money(1234, thousands=False) == f"1{NNBSP}234 €"
    assert EN.money(1234, thousands=False) == "€1,234"
    assert FR.money(1234) == "1,2 k€" and EN.money(1234, "USD") == "$1.2k"
    assert EN.money(5e6, "GBP") == "£5,000k" and FR.money(20_000, "CHF") == "20 kCHF"
    assert i18n.currency_symbol("EUR") == "€" and i18n.CURRENCY_SYMBOLS["GBP"] == "£"
    for loc in (FR, EN):
        assert loc.number(float("nan")) == loc.percent(None) == loc.money(None) == "n/a"
    day = dt.date(2025, 12, 31)
    assert FR.date(day) == "31/12/2025" and EN.date(day) == "2025-12-31" == day.isoformat()
    assert FR.date(dt.date(2026, 3, 5)) == "05/03/2026"
    assert (FR.colon, EN.colon) == (" : ", ": ")
    assert (FR.list_separator, EN.list_separator) == (" ; ", "; ")
    assert FR.join(["a", "b"]) == "a ; b" and EN.join(["a", "b"]) == "a; b"
    assert (FR.including, EN.including) == ("dont", "including")
    assert (FR.day_unit, EN.day_unit) == ("j", "d")
    assert (FR.csv_delimiter, FR.csv_decimal, EN.csv_delimiter, EN.csv_decimal) == (
        ";", ",", ",", ".")
    assert FR.na == EN.na == "n/a"


def test_period_labels() -> None:
    assert FR.period_label("quarter", 1, 2026) == "T1 2026"
    assert EN.period_label("quarter", 4, 2026) == "Q4 2026"
    assert FR.period_label("half", 2, 2025) == "S2 2025"
    assert EN.period_label("half", 1, 2025) == "H1 2025"
    for loc in (FR, EN):
        assert loc.period_label("month", 3, 2025) == "2025-03"
        assert loc.period_label("year", 1, 2025) == "2025"
    with pytest.raises(ValueError, match="week"):
        FR.period_label("week", 1, 2025)


def test_excel_formats() -> None:
    assert FR.excel_money_format("EUR") == '#,##0," k€"'
    assert EN.excel_money_format("EUR") == '"€"#,##0,"k"'
    assert FR.excel_money_format("USD", thousands=False) == '#,##0" $"'
    assert EN.excel_money_format("GBP", thousands=False) == '"£"#,##0'
    assert (FR.excel_date_format, EN.excel_date_format) == ("dd/mm/yyyy", "yyyy-mm-dd")


def test_measure_follows_the_unit() -> None:
    assert FR.measure(522_000, "money") == "522 k€"
    assert FR.measure(1234, "amount") == f"1{NNBSP}234 €"
    assert EN.measure(0.805, "rate") == "80.5%"
    assert EN.measure(1234.4, "count") == "1,234"
    assert FR.measure(45.25, "per_month") == "45,2"
    assert FR.measure(1.256, "ratio") == "1,26"
    assert EN.measure(None, "money") == "n/a"


# ------------------------------------------------------------------------------- the table
def test_every_entry_has_both_locales_and_the_same_placeholders() -> None:
    for key, entry in TEXTS.items():
        assert set(entry) == {"fr", "en"}, key
        assert all(entry.values()), key
        assert fields(entry["fr"]) == fields(entry["en"]), key
        for _, spec in fields(entry["fr"]):
            assert spec == "" or spec in SPECS, (key, spec)


# No two keys share their texts (the budget envelope's horizons use `horizon_*`).
_KNOWN_DUPLICATES: set[frozenset[str]] = set()


def test_one_key_per_text() -> None:
    seen: dict[tuple[str, str], set[str]] = {}
    for key, entry in TEXTS.items():
        seen.setdefault((entry["fr"], entry["en"]), set()).add(key)
    duplicates = {frozenset(keys) for keys in seen.values() if len(keys) > 1}
    assert duplicates <= _KNOWN_DUPLICATES


def test_unknown_key_is_an_error() -> None:
    with pytest.raises(LabelError, match="no label 'no_such_key'") as info:
        label("no_such_key", "fr")
    assert isinstance(info.value, KeyError)
    assert str(info.value) == "no label 'no_such_key' in pacspec.i18n"
    with pytest.raises(LabelError):
        explain("no_such_key", {})
    with pytest.raises(LabelError, match=r"needs a value for \{n\}"):
        label("priority_n", "fr", m=1)
    with pytest.raises(LocaleError):
        label("client", "de")


def test_label_api() -> None:
    assert label("client") == "Client"
    assert label("title_dashboard", "en", as_of="2026-06-30") == "Dashboard at 2026-06-30"
    assert label("priority_n", "fr", n=2) == "Priorité 2"
    assert label("title_dashboard", "fr") == "Tableau de bord au {as_of}"  # no values: as is
    assert label("client", "fr_FR") == "Client"


# ----------------------------------------------------- every key used in pacspec/ exists
# The values a dynamic key can take, by the f-string's shape ("{}" for each field).
_METRICS = get_args(Metric)
_FAMILIES: dict[str, set[str]] = {
    "zone_{}": {f"zone_{z}" for z in ZONES},
    "quadrant_{}": {f"quadrant_{q}" for q in "1234"},
    "metric_{}": {f"metric_{m}" for m in _METRICS},
    "status_{}": {f"status_{s}" for s in ("green", "orange", "red", "n/a")},
    "count_{}": {f"count_{s}" for s in ("error", "warning", "note")},
    "count_{}_one": {f"count_{s}_one" for s in ("error", "warning", "note")},
    "ingest_file_{}": {"ingest_file_transactions", "ingest_file_clients",
                       "ingest_file_activities"},
    "ingest_of_{}": {"ingest_of_transactions", "ingest_of_clients", "ingest_of_activities"},
    "data_note_{}": {f"data_note_{w}" for w in ("set", "default", "set_value", "default_value")},
    "cli_rules_count_{}": {f"cli_rules_count_{s}" for s in (
        "profiles", "segments", "typologies", "recommendations")},
    "phasing_{}": {f"phasing_{s}" for s in ("seasonal", "linear", "monthly", "target")},
    "rep_status_{}": {f"rep_status_{s}" for s in ("green", "orange", "red")},
    "horizon_{}": {f"horizon_{h}" for h in get_args(Horizon)},
    "subtype_{}": {f"subtype_{s}" for subs in SUBTYPES.values() for s in subs},
    "axis_{}": {f"axis_{a}" for a in AXES},
    "rep_trend_{}": {f"rep_trend_{t}" for t in ("up", "down", "flat")},
    "rep_better_{}": {"rep_better_lower", "rep_better_higher"},
    "rep_basis_{}": {"rep_basis_revenue", "rep_basis_clients"},
    "rep_tows_{}": {f"rep_tows_{c}" for c in ("so", "st", "wo", "wt")},
    "rep_{}": {f"rep_{k}" for k in ("threats", "opportunities", "strengths", "weaknesses")},
    # f"{name}_{c}" (quadrant, zone categories) and f"{axis}_{key}" (budget lines)
    "{}_{}": ({f"zone_{z}" for z in ZONES} | {f"quadrant_{q}" for q in "1234"}
              | {f"type_{t}" for t in get_args(ActionType)}
              | {f"horizon_{h}" for h in get_args(Horizon)}
              | {f"subtype_{s}" for subs in SUBTYPES.values() for s in subs}),
    "kpi_vs_{}": {"kpi_vs_cap", "kpi_vs_target"},
    "type_{}": {f"type_{t}" for t in get_args(ActionType)},
    # the file reader's and the YAML loader's reason codes (fsio, yamlio)
    "file_is_{}": {f"file_is_{k}" for k in ("folder", "fifo", "char_device", "block_device",
                                             "socket", "other")},
    "yaml_tag_on_{}": {"yaml_tag_on_mapping", "yaml_tag_on_sequence"},
}
# The values of keys held in a variable, by the expression's text.
_VARIABLES: dict[str, set[str]] = {
    "n": set(TABLE_COLUMNS),  # column names of the client table
    "k": {"rep_company", "rep_business_unit", "rep_budget_year",  # the HTML banner
          "client", "steps", "priority", "owner", "participants", "due", "progress", "budget",
          "comments", "current_revenue", "target_revenue", "results"},  # the PAC columns
    "key": {"cov_profiles", "cov_abc"},
    "PAC_TITLES.get(k, k)": {PAC_TITLES.get(k, k) for k in PAC_COLUMNS},  # the PAC table
    "ATTRIBUTE_LABELS[name]": set(ATTRIBUTE_LABELS.values()),  # register columns
    "column": {"profile", "abc"},
    "col": {"profile", "segment", "typology"},
    "title_key": {"title_profiles", "title_segments"},
    "measure": {"recency", "orders", "revenue"},
    "t['metric']": {"recency"},  # monetary and frequency are mapped before
    "result.span": {"of_year", "of_plan"},  # SteeringResult.span
    # the session words the engine's problems: Problem.reason codes (each also checked where
    # the engine writes Reason("problem_...")) and one hint per problem code
    "reason.code": {k for k in TEXTS if k.startswith(("problem_", "yaml_", "file_"))
                    and not k.endswith("_hint") and not k.startswith(("yaml_p_", "yaml_c_"))},
    "hint_key": {k for k in TEXTS if k.startswith("problem_") and k.endswith("_hint")},
    # validation.in_words: the loader's hints, and PyYAML's phrases by their English
    "hint_of": {k for k in TEXTS if k.startswith(("yaml_", "file_")) and k.endswith("_hint")}
               | {"hint_yaml_tab", "hint_remove_tag", "hint_save_utf8", "hint_printable",
                  "hint_regular_file"},
    "phrases[problem]": {k for k in TEXTS if k.startswith("yaml_p_")},
    "phrases[context]": {k for k in TEXTS if k.startswith("yaml_c_")},
}
_CALLS = {"label", "template", "explain", "Reason"}
_SOURCES = {"pacspec.i18n", "pacspec.i18n.labels", "pacspec.reasons"}


def _calls(tree: ast.AST) -> Iterator[tuple[str, ast.expr]]:
    """(function, first argument) of each call of the i18n functions (and of ``Reason``)
    that the module imports."""
    names: dict[str, str] = {}  # local name -> function
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in _SOURCES:
            for alias in node.names:
                if alias.name in _CALLS:
                    names[alias.asname or alias.name] = alias.name
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in names:
            yield names[func.id], node.args[0]
        elif (isinstance(func, ast.Attribute) and func.attr in _CALLS
              and isinstance(func.value, ast.Name) and func.value.id == "i18n"):
            yield func.attr, node.args[0]


def _keys(expr: ast.expr, where: str) -> Iterator[str]:
    """The label keys ``expr`` can evaluate to."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        yield expr.value
    elif isinstance(expr, ast.IfExp):
        yield from _keys(expr.body, where)
        yield from _keys(expr.orelse, where)
    elif isinstance(expr, ast.JoinedStr):
        shape = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in expr.values)
        assert shape in _FAMILIES, (
            f"{where}: label(f{ast.unparse(expr)[1:]}): register the values of the key "
            f"family {shape!r} in tests/i18n/test_i18n.py")
        yield from _FAMILIES[shape]
    else:
        text = ast.unparse(expr)
        assert text in _VARIABLES, (
            f"{where}: label({text}): register the keys it can hold in tests/i18n/test_i18n.py")
        yield from _VARIABLES[text]


def _used_keys() -> dict[str, str]:
    used: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "i18n" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, arg in _calls(tree):
            where = f"{path.relative_to(PACKAGE.parent)}:{arg.lineno}"
            if name in ("explain", "Reason") and not isinstance(
                    arg, ast.Constant | ast.IfExp | ast.JoinedStr):
                continue  # a code passed along, checked where it is written
            for key in _keys(arg, where):
                used.setdefault(key, where)
    return used


def _kpi_texts() -> dict[str, object]:
    """Reason texts that KPI modules declare themselves (when the registry exists)."""
    try:
        from pacspec.engine import kpis
    except ImportError:
        return {}
    out: dict[str, object] = {}
    for spec in kpis.specs():
        out.update(getattr(spec, "texts", {}))
    return out


def test_every_key_used_in_pacspec_exists() -> None:
    used = _used_keys()
    assert len(used) > 150
    known = set(TEXTS) | set(_kpi_texts())
    missing = {key: where for key, where in used.items() if key not in known}
    assert not missing


def test_kpi_module_texts_agree_with_the_table() -> None:
    """Texts a KPI module declares itself: both locales, the same placeholders, known specs,
    and the table's words where the table has the key too (one text per code)."""
    from pacspec.engine import kpis
    for spec in kpis.specs():
        for code, entry in {**getattr(spec, "texts", {}),
                            f"metric_{spec.metric}": spec.labels}.items():
            assert set(entry) == {"fr", "en"}, (spec.metric, code)
            assert fields(entry["fr"]) == fields(entry["en"]), (spec.metric, code)
            assert all(s == "" or s in SPECS for _, s in fields(entry["fr"])), code
            if code in TEXTS:
                assert dict(entry) == dict(TEXTS[code]), (spec.metric, code)


def test_every_family_value_exists() -> None:
    for keys in (*_FAMILIES.values(), *_VARIABLES.values()):
        assert keys <= set(TEXTS), keys - set(TEXTS)


# ---------------------------------------------------------------- typed templates, explain
# The templates of the converted keys before typed specs: today's callers (formatted
# strings) and explain (raw values) must both give what these gave.
_OLD = {
    "action_reason": (
        "réalisé {realised} pour {expected} attendus à {elapsed} {of}{attainment}",
        "realised {realised} against {expected} expected at {elapsed} {of}{attainment}"),
    "late_behind": ("avancement {progress} pour {expected} attendus au {as_of}",
                    "progress {progress} where {expected} is expected by {as_of}"),
    "late_past_due": ("échéance du {due} dépassée à {progress} d'avancement",
                      "due {due} passed at {progress} progress"),
    "kpi_vs_target": ("{value} pour un objectif de {target}{attainment}",
                      "{value} against a target of {target}{attainment}"),
    "kpi_vs_target_to_date": ("{value} pour {target} attendus à {elapsed} {of}{attainment}",
                              "{value} against {target} expected at {elapsed} {of}{attainment}"),
    "kpi_vs_cap": ("{value} pour un plafond de {target}{attainment}",
                   "{value} against a ceiling of {target}{attainment}"),
    "kpi_vs_cap_to_date": (
        "{value} pour un plafond de {target} à {elapsed} {of}{attainment}",
        "{value} against a ceiling of {target} at {elapsed} {of}{attainment}"),
    "reason_join": ("{basis} ; {comparison}", "{basis}; {comparison}"),
    "basis_orders": ("{orders} commandes en {months} mois", "{orders} orders in {months} months"),
    "basis_units": ("{units} unités en {months} mois", "{units} units in {months} months"),
    "basis_aov": ("{revenue} pour {orders} commandes", "{revenue} over {orders} orders"),
    "basis_budget_estimated": ("dont {estimated} estimés d'après l'avancement",
                               "of which {estimated} estimated from progress"),
    # changed on purpose: the ROI counts revenue gained on last year to date (DESIGN §5)
    "basis_roi": ("CA supplémentaire sur N−1 à date {gained} pour un coût de {cost}",
                  "revenue gained on last year to date {gained} for a cost of {cost}"),
    "suggestion": ("{label} : {n} clients ({revenue}) sans action {kinds}, dont {names}",
                   "{label}: {n} clients ({revenue}) with no {kinds} action, including {names}"),
}


def _old(key: str, locale: str, **values: object) -> str:
    return _OLD[key][0 if locale == "fr" else 1].format(**values)


def _paren(ratio: float | None, locale: str) -> str:
    return "" if ratio is None else f" ({percent(ratio, locale, 1)})"


def _check(key: str, locale: str, formatted: dict[str, object], raw: dict[str, object],
           currency: str = "EUR") -> str:
    today = label(key, locale, **formatted)
    assert today == _old(key, locale, **formatted)
    assert explain(key, raw, locale, currency) == today
    return today


LOCALES = ["fr", "en"]
CURRENCIES = ["EUR", "USD"]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("currency", CURRENCIES)
@pytest.mark.parametrize(("realised", "expected", "share", "ratio", "phasing"), [
    (12_345.0, 10_000.0, 0.5, 1.2345, "phasing_seasonal"),
    (0.0, 2_500.5, 0.083, 0.0, "phasing_linear"),
    (1_234_567.0, 1_000_000.0, 1.0, None, "phasing_seasonal"),
    (-500.0, 4_000.0, 0.25, float("nan"), "phasing_linear"),
])
def test_action_reason(locale: str, currency: str, realised: float, expected: float,
                       share: float, ratio: float | None, phasing: str) -> None:
    """An action's comparison names the phased share of its CA cible and the phasing."""
    text = label("action_vs_expected", locale,
                 realised=money(realised, currency, locale),
                 expected=money(expected, currency, locale), share=percent(share, locale, 1),
                 phasing=label(phasing, locale), attainment=_paren(ratio, locale))
    assert explain("action_vs_expected", {
        "realised": realised, "expected": expected, "share": share, "phasing": phasing,
        "attainment": ratio}, locale, currency) == text  # raw values, typed by the template
    assert label(phasing, locale) in text and percent(share, locale, 1) in text


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(("progress", "expected"), [(0.2, 0.45), (0.0, 1.0), (0.995, 0.999)])
def test_late_reasons(locale: str, progress: float, expected: float) -> None:
    due, as_of = dt.date(2026, 3, 31), dt.date(2026, 6, 30)
    # dates in the locale's format (the alerts of a French report read 30/06/2026)
    _check("late_past_due", locale,
           {"due": Locale.of(locale).date(due), "progress": percent(progress, locale, 0)},
           {"due": due, "progress": progress})
    _check("late_behind", locale,
           {"progress": percent(progress, locale, 0), "expected": percent(expected, locale, 0),
            "as_of": Locale.of(locale).date(as_of)},
           {"progress": progress, "expected": expected, "as_of": as_of})


_UNIT_CASES = [("money", 125_000.0, 250_000.0), ("amount", 812.4, 900.0), ("rate", 0.61, 0.7),
               ("count", 118.0, 150.0), ("per_month", 41.25, 45.0), ("ratio", 2.345, 1.5)]


def _measure(value: float | None, unit: str, locale: str, currency: str) -> str:
    """How steering formatted a KPI value before (engine.steering.format_measure)."""
    if value is None:
        return "n/a"
    if unit == "money":
        return money(value, currency, locale)
    if unit == "amount":
        return money(value, currency, locale, thousands=False)
    if unit == "rate":
        return percent(value, locale, 1)
    if unit == "count":
        return number(value, locale, 0)
    if unit == "per_month":
        return number(value, locale, 1)
    return number(value, locale, 2)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("currency", CURRENCIES)
@pytest.mark.parametrize("key", ["kpi_vs_target", "kpi_vs_cap"])
@pytest.mark.parametrize(("unit", "value", "target"), _UNIT_CASES)
def test_kpi_comparisons(locale: str, currency: str, key: str, unit: str, value: float,
                         target: float) -> None:
    for ratio in (value / target, None):
        formatted: dict[str, object] = {
            "value": _measure(value, unit, locale, currency),
            "target": _measure(target, unit, locale, currency),
            "elapsed": percent(0.4167, locale, 0), "of": label("of_plan", locale),
            "attainment": _paren(ratio, locale)}
        raw: dict[str, object] = {"value": value, "target": target, "unit": unit,
                                  "elapsed": 0.4167, "of": "of_plan", "attainment": ratio}
        _check(key, locale, formatted, raw, currency)
        assert FR.measure(value, unit, currency) == _measure(value, unit, "fr", currency)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("currency", CURRENCIES)
def test_kpi_bases(locale: str, currency: str) -> None:
    for orders, units, months, revenue in ((1234, 5678.0, 5.97, 812_345.6), (0, 0.0, 12.0, 0.0)):
        _check("basis_orders", locale,
               {"orders": number(orders, locale), "months": number(months, locale, 1)},
               {"orders": orders, "months": months})
        _check("basis_units", locale,
               {"units": number(units, locale), "months": number(months, locale, 1)},
               {"units": units, "months": months})
        _check("basis_aov", locale,
               {"revenue": money(revenue, currency, locale), "orders": number(orders, locale)},
               {"revenue": revenue, "orders": orders}, currency)
    _check("basis_budget_estimated", locale, {"estimated": money(7_500.0, currency, locale)},
           {"estimated": 7_500.0}, currency)
    for gained, cost in ((45_000.0, 12_000.0), (-3_000.0, 800.0)):
        _check("basis_roi", locale,
               {"gained": money(gained, currency, locale), "cost": money(cost, currency, locale)},
               {"gained": gained, "cost": cost}, currency)
    # the integer bases keep their plain placeholders (str(x), as today)
    for key, values in (("basis_retention", {"kept": 1234, "base": 2000}),
                        ("basis_reactivation", {"back": 3, "targeted": 40}),
                        ("basis_acquisition", {"new": 12, "active": 345}),
                        ("basis_conversion", {"converted": 8, "targeted": 20})):
        assert explain(key, values, locale) == label(key, locale, **values)
    assert "1234 " in explain("basis_retention", {"kept": 1234, "base": 2000}, locale)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("currency", CURRENCIES)
def test_reason_join(locale: str, currency: str) -> None:
    basis_raw = {"orders": 540, "months": 6.0}
    comparison_raw = {"value": 90.0, "target": 45.0, "unit": "per_month", "elapsed": 0.5,
                      "of": "of_year", "attainment": 2.0}
    basis = label("basis_orders", locale, orders=number(540, locale),
                  months=number(6.0, locale, 1))
    comparison = label("kpi_vs_target", locale, value=number(90.0, locale, 1),
                       target=number(45.0, locale, 1), attainment=_paren(2.0, locale))

    @dataclasses.dataclass(frozen=True)
    class Reason:  # what the engine returns (pacspec.reasons.Reason): code and raw values
        code: str
        values: dict[str, object]

    for b, c in ((Reason("basis_orders", basis_raw), Reason("kpi_vs_target", comparison_raw)),
                 (("basis_orders", basis_raw), ("kpi_vs_target", comparison_raw))):
        _check("reason_join", locale, {"basis": basis, "comparison": comparison},
               {"basis": b, "comparison": c}, currency)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("currency", CURRENCIES)
def test_suggestion(locale: str, currency: str) -> None:
    subtypes = ["prospecting", "win_back"]
    kinds = " / ".join(label(f"subtype_{s}", locale).lower() for s in subtypes)
    for names, more in ((["Alpha", "Bêta SA", "Gamma"], True), (["Alpha"], False)):
        _check("suggestion", locale,
               {"label": "Inactifs", "n": 12, "revenue": money(48_200.0, currency, locale),
                "kinds": kinds, "names": ", ".join(names) + (", …" if more else "")},
               {"label": "Inactifs", "n": 12, "revenue": 48_200.0, "kinds": subtypes,
                "names": [*names, "…"] if more else names}, currency)


# ------------------------------------------------------------------------------- the specs
def test_typed_specs() -> None:
    def say(spec: str, value: object, locale: str = "fr", **more: object) -> str:
        return explain("x", {"x": value, **more}, locale, "EUR",
                       texts={"x": {"fr": f"[{{x:{spec}}}]", "en": f"[{{x:{spec}}}]"}})

    assert say("money", 522_000) == "[522 k€]" and say("money", 522_000, "en") == "[€522k]"
    assert say("money_full", 1234) == f"[1{NNBSP}234 €]"
    assert say("pct0", 0.805) == "[80 %]" and say("pct1", 0.805, "en") == "[80.5%]"
    assert say("num", 1234.4) == f"[1{NNBSP}234]" and say("num1", 2.25, "en") == "[2.2]"
    assert say("num2", 1.005, "en") == "[1.00]"
    assert say("measure", 0.5, unit="rate") == "[50,0 %]"
    assert say("paren_pct1", 1.08) == "[ (108,0 %)]" and say("paren_pct1", None) == "[]"
    assert say("paren_pct1", float("nan")) == "[ (n/a)]"
    day = dt.date(2025, 12, 31)
    assert say("date", day) == "[31/12/2025]" and say("date", day, "en") == "[2025-12-31]"
    assert say("iso", day) == "[2025-12-31]"
    assert say("label", "of_year") == "[de l'année]" and say("label", "of_plan", "en") == (
        "[of the plan]")
    assert say("subtypes", ["retention"]) == "[fidélisation]"
    assert say("list", ["a", "b"]) == "[a, b]"
    assert say("reason", ("na_no_cost", {}), "en") == "[n/a: no budget consumed]"
    assert say("reason", None) == "[]"
    for spec in ("money", "pct0", "num", "date", "label", "list"):
        assert say(spec, None) == "[n/a]"
    assert say("money", float("nan")) == "[n/a]"
    # a str value is already text (label) ... except for label/reason codes with explain
    assert say("money", "12 k€") == "[12 k€]" and say("subtypes", "x / y") == "[x / y]"
    with pytest.raises(LabelError, match="unit"):
        say("measure", 1.0)
    assert say("date", "31/12/2025") == "[31/12/2025]"
    with pytest.raises(TypeError, match="date"):
        say("date", 20251231)


def test_plain_placeholders() -> None:
    texts = {"x": {"fr": "{a} {b:.2f}", "en": "{a} {b:.2f}"}}
    assert explain("x", {"a": 3, "b": 1.5}, texts=texts) == "3 1.50"
    assert explain("x", {"a": None, "b": math.nan}, texts=texts) == "n/a n/a"


def test_explain_uses_the_currency_and_extra_texts() -> None:
    assert explain("basis_roi", {"gained": 45_000.0, "cost": 12_000.0}, "en", "GBP") == (
        "revenue gained on last year to date £45k for a cost of £12k")
    texts = {"basis_roi": {"fr": "autre {cost:money}", "en": "other {cost:money}"}}
    assert explain("basis_roi", {"gained": 1.0, "cost": 2_000.0}, "fr", texts=texts) == (
        "autre 2,0 k€")
    assert explain("na_no_cost", {}, "fr") == "n/a : aucun budget consommé"


def test_fields() -> None:
    assert fields("a {x:money} b {y}") == {("x", "money"), ("y", "")}
    assert fields("plain") == set()
