"""Pydantic validation errors as positioned problems, with "did you mean" hints — also from
the French words and number forms a French user is likely to write (``responsable``,
``0,15``, ``8 000 €``, ``50 %``, ``haute``) — and plain words for YAML syntax errors."""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from pacspec.diagnostics import JsonPath, PathPart, Problem, did_you_mean
from pacspec.fsio import UnreadableFile, read_bounded
from pacspec.i18n import explain, label
from pacspec.model.messages import MESSAGES, PREFIX
from pacspec.reasons import Reason

if TYPE_CHECKING:
    from pacspec.loader import SourceMap

_MAX_BYTES = 5 * 1024 * 1024
"""The most of a file read again to explain a YAML syntax error (the plan size limit)."""

_LANG: ContextVar[str] = ContextVar("pacspec_message_language", default="en")
"""The language of the messages written while validating (see :func:`message_language`)."""


@contextmanager
def message_language(lang: str) -> Iterator[None]:
    """Write the messages and hints of the problems found inside the block (schema and
    loader) in ``lang`` (``fr`` or ``en``); the codes do not change. Outside any block:
    English (``pacspec.lint.validate_file`` opens one in the plan's locale)."""
    token = _LANG.set(lang)
    try:
        yield
    finally:
        _LANG.reset(token)


def current_language() -> str:
    """The language of the messages written now (see :func:`message_language`)."""
    return _LANG.get()


__all__ = [
    "FRENCH_KEYS",
    "FRENCH_VALUES",
    "current_language",
    "explain_yaml_problem",
    "explain_yaml_problems",
    "found_text",
    "french_number",
    "known_keys",
    "message_language",
    "problems_from_validation",
]


# --------------------------------------------------------------------------- model walking


def _unwrap(tp: Any) -> list[Any]:
    """The alternatives of a type: Optional/Union/Annotated are flattened."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin is typing.Union or origin is types.UnionType:
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    return [tp]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _field_names(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def _step(tp: Any, part: PathPart) -> Any | None:
    for alt in _unwrap(tp):
        origin = typing.get_origin(alt)
        if isinstance(part, int):
            if origin in (list, tuple, Sequence):
                return typing.get_args(alt)[0]
            continue
        if _is_model(alt):
            names = _field_names(alt)
            if part in names:
                return names[part]
        elif origin is dict:
            return typing.get_args(alt)[1]
    return None


def known_keys(root: type[BaseModel], path: Sequence[PathPart]) -> list[str]:
    """The keys a mapping at ``path`` of ``root`` may have (for "did you mean")."""
    tp: Any = root
    for part in path:
        tp = _step(tp, part)
        if tp is None:
            return []
    keys: list[str] = []
    for alt in _unwrap(tp):
        if _is_model(alt):
            keys.extend(_field_names(alt))
    return keys


# ------------------------------------------------------------------------- French words


def _fold(word: str) -> str:
    """A word compared without case, accents, spaces or hyphens: ``Échéance`` -> ``echeance``,
    ``date fin`` -> ``date_fin``."""
    decomposed = unicodedata.normalize("NFKD", word.strip().lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\s\-'’.]+", "_", plain).strip("_")


FRENCH_KEYS: dict[str, tuple[str, ...]] = {
    # (see the GLOSSARY) folded French word -> the keys it may mean, the first that the
    # mapping allows is suggested
    "responsable": ("owner",), "pilote": ("owner",), "porteur": ("owner",),
    "echeance": ("due",), "date_fin": ("due", "plan_end"), "date_de_fin": ("due", "plan_end"),
    "fin": ("due", "plan_end", "to"), "date_limite": ("due",), "deadline": ("due",),
    "priorite": ("priority",), "avancement": ("progress",), "progression": ("progress",),
    "objectifs": ("objectives",), "objectif": ("objectives", "target"),
    "etapes": ("steps",), "resultats": ("results",), "commentaires": ("comments",),
    "commentaire": ("comments",), "remarques": ("comments",),
    "ca_actuel": ("current_revenue",), "ca_cible": ("target_revenue",),
    "objectif_ca": ("target_revenue",), "croissance": ("growth",),
    "titre": ("title", "label"), "intitule": ("title", "label"), "libelle": ("label", "title"),
    "nom": ("label", "title", "company"), "sous_type": ("subtype",), "soustype": ("subtype",),
    "cible": ("target",), "ciblage": ("target",), "cibles": ("target",),
    "debut": ("start", "plan_start", "from"), "date_debut": ("start", "plan_start"),
    "date_de_debut": ("start", "plan_start"), "debut_plan": ("plan_start",),
    "fin_plan": ("plan_end",), "societe": ("company",), "entreprise": ("company",),
    "das": ("business_unit",), "domaine": ("business_unit",),
    "domaine_d_activite": ("business_unit",), "annee": ("budget_year",),
    "annee_budgetaire": ("budget_year",), "exercice": ("budget_year",),
    "devise": ("currency",), "monnaie": ("currency",), "auteur": ("author",),
    "menaces": ("threats",), "opportunites": ("opportunities",), "forces": ("strengths",),
    "faiblesses": ("weaknesses",), "croisements": ("strategies",), "profils": ("profiles",),
    "pilotage": ("steering",), "tableau_de_bord": ("steering",), "indicateurs": ("kpis",),
    "kpi": ("kpis",), "indicateur": ("metric",), "metrique": ("metric",),
    "mesure": ("metric",), "sens": ("direction",), "seuils": ("bands",),
    "alertes": ("bands",), "vert": ("green",), "perimetre": ("scope",),
    "rendez_vous": ("meetings",), "rdv": ("meetings",), "depense": ("spent",),
    "depenses": ("spent",), "consomme": ("spent",), "budget_consomme": ("spent",),
    "charge": ("workload",), "charge_de_travail": ("workload",),
    "visites_par_mois": ("visits_per_month",), "jours_par_mois": ("days_per_month",),
    "qui": ("who",), "langue": ("locale",), "donnees": ("data",), "enveloppe": ("total",),
    "poids": ("weight",), "quand": ("when",),
    "si": ("when",), "recommandations": ("recommendations",), "segments_rfm": ("segments",),
    "typologie": ("typology",), "strategie": ("strategies",),
}
"""French words for keys (folded, see :func:`_fold`) and the keys they may mean."""

FRENCH_VALUES: dict[str, str] = {
    "commerciale": "commercial", "commerciales": "commercial", "interne": "internal",
    "internes": "internal", "court": "short", "court_terme": "short", "ct": "short",
    "moyen": "medium", "moyen_terme": "medium", "mt": "medium", "long_terme": "long",
    "lt": "long", "hausse": "higher", "haut": "higher", "plus": "higher",
    "baisse": "lower", "bas": "lower", "moins": "lower", "francais": "fr", "anglais": "en", "english": "en", "french": "fr",
    "trimestre": "quarter", "mois": "month", "semestre": "half", "annee": "year",
    "commandes": "orders", "jours": "days", "ca": "revenue", "chiffre_d_affaires": "revenue",
    "clients": "clients", "lineaire": "linear", "saisonnier": "seasonal",
    "ignorer": "skip", "erreur": "error",
}
"""French words for allowed values (folded) and the value each means."""

_PRIORITIES = {"haute": 1, "elevee": 1, "forte": 1, "urgente": 1, "maximale": 1,
               "moyenne": 2, "normale": 3, "basse": 3, "faible": 3}
"""French priority words and a priority number (1 is the highest)."""

PERCENT_FIELDS = frozenset({"progress"})
"""Fields written as a percent (0-100); every other share is a fraction (0.15 = 15 %)."""

_CURRENCY = re.compile(r"\s*(?:€|eur|euros?|k€|keur|k)\s*$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_GROUPS = re.compile(r"[-+]?[0-9]{1,3}(?:[\s\u00a0\u202f'][0-9]{3})+(?:,[0-9]+)?")
"""Digits in groups of three separated by spaces (``8 000``, ``1 234,50``)."""


def french_number(text: str) -> tuple[float, bool] | None:
    """``(value, percent)`` of a number written the French way, or None: ``0,15`` -> 0.15,
    ``8 000 €`` -> 8000, ``1.200.000`` -> 1200000, ``15 k€`` -> 15000, ``50 %`` -> (50,
    True). A single point before three digits is a thousands point only with a currency or
    other groups (``8.000 €``); alone it is a decimal point."""
    raw = text.strip()
    percent = raw.endswith("%")
    if percent:
        raw = raw[:-1].rstrip()
    scale = 1.0
    found = _CURRENCY.search(raw) if not percent else None
    money = found is not None
    if found is not None:
        if "k" in found.group().lower():
            scale = 1000.0
        raw = raw[: found.start()]
    raw = raw.strip()
    grouped = bool(_SPACES.search(raw))
    if grouped and not _GROUPS.fullmatch(raw):
        return None
    raw = _SPACES.sub("", raw)
    sign = ""
    if raw and raw[0] in "+-":
        sign, raw = raw[0], raw[1:]
    if not raw or not re.fullmatch(r"[0-9][0-9.,]*", raw) or raw.endswith((".", ",")):
        return None
    if "," in raw:
        if raw.count(",") > 1:
            return None
        whole, decimals = raw.split(",")
        if "." in whole and not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", whole):
            return None
        number = whole.replace(".", "") + "." + decimals
    elif raw.count(".") > 1 or (re.fullmatch(r"[0-9]{1,3}\.[0-9]{3}", raw) and
                                (money or grouped)):
        if not re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", raw):
            return None
        number = raw.replace(".", "")
    else:
        number = raw
    if grouped and not re.fullmatch(r"[0-9]+(\.[0-9]+)?", number):
        return None
    value = float(sign + number) * scale
    return value, percent


def _written(value: float) -> str:
    return f"{value:.10g}"


def _number_hint(value: str, path: JsonPath) -> str | None:
    """The exact number to write for a French number form in a numeric field, or None."""
    parsed = french_number(value)
    if parsed is None:
        return None
    number, percent = parsed
    field = str(path[-1]) if path else ""
    lang = _LANG.get()
    if percent and field not in PERCENT_FIELDS:
        return label("hint_write_fraction", lang, fraction=_written(number / 100),
                     value=_written(number))
    if percent:
        return label("hint_write_percent", lang, value=_written(number), field=field)
    return label("hint_write_number", lang, value=_written(number))


def _value_hint(value: str, options: Sequence[str]) -> str | None:
    """"did you mean" for an enum value: the same word in another case, the French word, or
    the closest spelling."""
    by_case = {o.lower(): o for o in options}
    folded = _fold(value)
    guess = by_case.get(value.lower()) or by_case.get(folded)
    if guess is None and FRENCH_VALUES.get(folded) in options:
        guess = FRENCH_VALUES[folded]
    if guess is None:
        guess = did_you_mean(value.lower(), list(by_case))
        guess = by_case.get(guess) if guess else None
    return label("hint_did_you_mean_quoted", _LANG.get(), value=guess) if guess else None


def key_hint(key: str, candidates: Sequence[str]) -> str | None:
    """The key an unknown ``key`` likely means: its French word, its spelling."""
    folded = _fold(key)
    for meant in FRENCH_KEYS.get(folded, ()):
        if meant in candidates:
            return meant
    if folded in candidates:
        return folded  # 'Owner', 'plan-start'
    return did_you_mean(key, candidates) or did_you_mean(folded, candidates)


# ----------------------------------------------------------------------- error mapping


def _data_path(data: Any, loc: Sequence[PathPart]) -> JsonPath:
    """The path into the user's data that a pydantic ``loc`` designates, skipping pydantic's
    own parts (union member names, validator names)."""
    path: list[PathPart] = []
    node = data
    for part in loc:
        found, child = _child(node, part)
        if found:
            path.append(part)
            node = child
        elif isinstance(node, dict) and isinstance(part, str) and not _looks_internal(part):
            path.append(part)  # a missing key: kept so the message can name it
            break
        else:
            continue
    return tuple(path)


def _child(node: Any, part: PathPart) -> tuple[bool, Any]:
    """(True, node[part]) when ``part`` is a key or index of ``node``."""
    if isinstance(node, dict) and isinstance(part, str) and part in node:
        return True, node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


def _looks_internal(part: str) -> bool:
    return any(ch in part for ch in "[]()") or part in {
        "str", "int", "float", "bool", "list", "dict", "tuple", "none",
    }  # fmt: skip


def found_text(value: Any, lang: str = "en") -> str:
    """What the user wrote, for "found ...": a short repr, or the kind of a collection."""
    if isinstance(value, dict):
        return label("exp_mapping", lang)
    if isinstance(value, list):
        return label("exp_list", lang)
    if value is None:
        return label("msg_found_null", lang)
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_EXPECTED: dict[str, str] = {
    "int_type": "exp_int", "int_parsing": "exp_int", "int_parsing_size": "exp_int",
    "int_from_float": "exp_int_from_float",
    "float_type": "exp_number", "float_parsing": "exp_number",
    "decimal_type": "exp_number", "decimal_parsing": "exp_number",
    "finite_number": "exp_finite_number",
    "bool_type": "exp_bool", "bool_parsing": "exp_bool",
    "string_type": "exp_text", "list_type": "exp_list", "tuple_type": "exp_list",
    "set_type": "exp_list", "dict_type": "exp_mapping", "model_type": "exp_mapping",
    "model_attributes_type": "exp_mapping", "dataclass_type": "exp_mapping",
    "date_type": "exp_date", "date_parsing": "exp_date",
    "date_from_datetime_parsing": "exp_date", "date_from_datetime_inexact": "exp_date",
    "datetime_type": "exp_datetime", "datetime_parsing": "exp_datetime",
    "datetime_from_date_parsing": "exp_datetime",
}
"""pydantic error types -> what the value should have been (label keys)."""

_BOUNDS: dict[str, tuple[str, str]] = {
    "greater_than": ("exp_gt", "gt"), "greater_than_equal": ("exp_ge", "ge"),
    "less_than": ("exp_lt", "lt"), "less_than_equal": ("exp_le", "le"),
    "string_too_short": ("exp_text_min", "min_length"),
    "string_too_long": ("exp_text_max", "max_length"),
    "too_short": ("exp_list_min", "min_length"), "too_long": ("exp_list_max", "max_length"),
    "string_pattern_mismatch": ("exp_pattern", "pattern"),
}
"""pydantic error types with a bound in their ``ctx`` -> (label key, ctx name)."""


def _options(expected: object) -> list[str]:
    """The allowed values of a literal or enum error (its ``ctx.expected``, ``'a', 'b' or
    'c'``), unquoted."""
    parts = str(expected).replace(" or ", ",").split(",")
    return [o for o in (p.strip(" '\"") for p in parts) if o]


def _one_of(options: Sequence[str], lang: str) -> str:
    """``'a', 'b' or 'c'`` (``ou`` in French)."""
    quoted = [f"'{o}'" for o in options]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + f" {label('msg_or_word', lang)} " + quoted[-1]


def _bound(value: object) -> str:
    return f"{value:.10g}" if isinstance(value, float) else str(value)


def render(kind: str, context: Mapping[str, object], lang: str) -> str | None:
    """The message of a plan-model error of type ``kind`` (:mod:`pacspec.model.messages`)
    in ``lang``, its context's values inserted as written (a nested error, given as
    ``KEY`` with ``KEY_code`` and ``KEY_*`` values, worded first); None for another type."""
    code = kind[len(PREFIX):] if kind.startswith(PREFIX) else ""
    if code not in MESSAGES:
        return None
    values = {k: str(v) for k, v in context.items()}
    for key in [k for k in values if f"{k}_code" in values]:
        prefix = f"{key}_"
        inner = {k[len(prefix):]: v for k, v in values.items() if k.startswith(prefix)}
        nested = render(values[f"{key}_code"], inner, lang)
        if nested is not None:
            values[key] = nested
    return explain(code, values, lang, texts=MESSAGES)


def expected_text(err: Any, lang: str) -> str | None:
    """What a pydantic error says the value should be, in ``lang``, from its ``type`` code
    and ``ctx`` (never from pydantic's English); None for the types without a text here
    (the plan model's own validators, whose messages are kept)."""
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind in _EXPECTED:
        key = _EXPECTED[kind]
        return label(key, lang)
    if kind in ("literal_error", "enum") and "expected" in ctx:
        options = _options(ctx["expected"])
        return _one_of(options, lang) if options else None
    if kind in _BOUNDS and _BOUNDS[kind][1] in ctx:
        key, name = _BOUNDS[kind]
        bound = _bound(ctx[name])
        return label(key, lang, limit=bound, n=bound, pattern=bound)
    return None


def _clean_message(msg: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    if msg.startswith("Input should be "):
        msg = "expected " + msg[len("Input should be ") :]
    return msg


def problems_from_validation(
    exc: ValidationError, data: Any, model: type[BaseModel], sources: SourceMap
) -> list[Problem]:
    """Turn a pydantic ValidationError into positioned Problems (one per location)."""
    grouped: dict[JsonPath, list[Any]] = {}
    order: list[JsonPath] = []
    for err in exc.errors(include_url=False):
        kind = err["type"]
        loc = tuple(err["loc"])
        path = _data_path(data, loc)
        if path not in grouped:
            grouped[path] = []
            order.append(path)
        grouped[path].append(err)

    guesses: dict[JsonPath, str] = {}  # unknown key -> the key it likely means
    for path in order:
        if grouped[path][0]["type"] == "extra_forbidden" and path:
            guess = key_hint(str(path[-1]), known_keys(model, path[:-1]))
            if guess is not None:
                guesses[path] = guess
    misspelt = {(*path[:-1], guess) for path, guess in guesses.items()}
    """Required keys reported missing because the user misspelt them."""

    lang = _LANG.get()
    problems: list[Problem] = []
    for path in order:
        errs = grouped[path]
        first = errs[0]
        kind = first["type"]
        if kind == "extra_forbidden":
            key = str(path[-1]) if path else "?"
            candidates = known_keys(model, path[:-1])
            guess = guesses.get(path)
            hint: str | None = None
            if guess is not None:
                hint = label("hint_did_you_mean_quoted", lang, value=guess)
                meant = grouped.get((*path[:-1], guess))
                if meant and meant[0]["type"] == "missing":  # the required key it replaces
                    hint = label("hint_did_you_mean_required", lang, name=guess)
            elif candidates:
                hint = label("hint_allowed_keys", lang, keys=", ".join(candidates))
            problems.append(sources.problem("error", "unknown-key", path,
                                            label("msg_unknown_key", lang, name=key), hint, True))
        elif kind == "missing":
            if path in misspelt:
                continue  # reported once, as the unknown key that was meant for it
            key = str(path[-1]) if path else "?"
            problems.append(
                sources.problem(
                    "error",
                    "missing-key",
                    path,
                    label("msg_missing_key", lang, name=key),
                    label("hint_add_key", lang, name=key),
                )
            )
        else:
            problems.append(_value_problem(errs, path, sources))
    return problems


def _value_message(errs: list[Any], at_key: bool, lang: str) -> str:
    """The message of the errors of one value: what was expected (the alternatives of a
    union joined with "or"), what was found; a model validator's own message from
    :mod:`pacspec.model.messages`, in ``lang``."""
    expected: list[str] = []
    others: list[str] = []
    for err in errs:
        own = render(err["type"], err.get("ctx") or {}, lang)
        if own is not None:  # a check of the plan model's own, worded in ``lang``
            if own not in others:
                others.append(own)
            continue
        text = expected_text(err, lang)
        if text is not None:
            if text not in expected:
                expected.append(text)
            continue
        msg = _clean_message(str(err["msg"]))
        if at_key:
            msg = msg.replace("expected", "expected a key that is", 1)
        if err["type"] not in ("value_error", "assertion_error"):
            msg = label("msg_message_found", lang, message=msg,
                        found=found_text(err.get("input"), lang))
        if msg not in others:
            others.append(msg)
    parts: list[str] = []
    if expected:
        joined = f" {label('msg_or_word', lang)} ".join(expected[:3])
        parts.append(label("msg_expected_key_found" if at_key else "msg_expected_found", lang,
                           expected=joined, found=found_text(errs[0].get("input"), lang)))
    parts += others
    return label("msg_or", lang).join(parts[:3])


def _value_problem(errs: list[Any], path: JsonPath, sources: SourceMap) -> Problem:
    """One problem for the errors of one value: type, literal or value."""
    first = errs[0]
    kind = first["type"]
    lang = _LANG.get()
    at_key = "[key]" in first["loc"]
    message = _value_message(errs, at_key, lang)
    if kind == "literal_error":
        code = "literal"
    elif kind.endswith(("_type", "_parsing")) or kind in ("model_type", "dict_type"):
        code = "type"
    else:
        code = "value"
    hint = None
    value = first.get("input")
    if kind == "literal_error" and isinstance(value, str):
        expected = first.get("ctx", {}).get("expected", "")
        hint = _value_hint(value, _options(expected))
    elif isinstance(value, str):
        hint = _number_hint(value, path)
        field = str(path[-1]) if path else ""
        if hint is None and field == "priority" and _fold(value) in _PRIORITIES:
            number = _PRIORITIES[_fold(value)]
            hint = label("hint_write_priority", lang, value=str(number))
    if kind == "bool_type":
        hint = label("hint_bool", lang)
    return sources.problem("error", code, path, message, hint, at_key)


# --------------------------------------------------------------------- YAML syntax in words

_STARTED = re.compile(r"started at line (\d+)")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _previous(lines: Sequence[str], index: int) -> str | None:
    """The closest line above ``lines[index]`` that is neither blank nor a comment."""
    for line in reversed(lines[:index]):
        if line.strip() and not line.lstrip().startswith("#"):
            return line
    return None


def _yaml_hint(message: str, lines: Sequence[str], line_no: int, lang: str = "en"
               ) -> str | None:
    """Plain words for a YAML syntax error at line ``line_no`` (1-based) of ``lines``."""
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    above = _previous(lines, line_no - 1) if 0 < line_no <= len(lines) else None
    started = _STARTED.search(message)
    if "mapping values are not allowed" in message:
        if above is not None and _indent(line) > _indent(above) and \
                re.search(r":\s+\S", above.split("#", 1)[0]):
            return label("hint_yaml_indented_more", lang)
        key, sep, value = line.strip().lstrip("- ").partition(": ")
        example = f'{key}: "{value.strip()}"' if sep and value.strip() else 'title: "Salon: 2026"'
        return label("hint_yaml_colon", lang, example=example)
    if "did not find expected key" in message:
        if line.count("'") % 2 or line.count('"') % 2 or re.search(r"'\w'\w", line):
            return label("hint_yaml_quote_inside", lang)
        where = label("hint_yaml_mapping_start", lang, line=started.group(1)) if started else ""
        return label("hint_yaml_key_indent", lang, where=where)
    if "expected '-' indicator" in message or "expected <block end>" in message:
        where = label("hint_yaml_block_start", lang, line=started.group(1)) if started else ""
        return label("hint_yaml_list_indent", lang, where=where)
    if "expected ',' or '}'" in message or "expected ',' or ']'" in message:
        closing = "}" if "'}'" in message else "]"
        where = label("hint_yaml_started_at", lang, line=started.group(1)) if started else ""
        return label("hint_yaml_unclosed", lang, brackets="{ }" if closing == "}" else "[ ]",
                     where=where, closing=closing)
    if "end of stream" in message and "quoted scalar" in message:
        return label("hint_yaml_unclosed_quote", lang)
    if "found character '\\t'" in message or "\t" in line[: _indent(line) + 1]:
        return label("hint_yaml_tab", lang)
    for char in "*&@`":
        if f"found character '{char}'" in message or (
                char == "*" and "found undefined alias" in message):
            return label("hint_yaml_quote_start", lang, char=char)
    return None


def explain_yaml_problem(problem: Problem, text: str | None, lang: str = "en") -> Problem:
    """The YAML syntax ``problem`` with a hint in plain words when it has none (an unquoted
    ':', an indentation step, an unclosed quote or bracket...); ``text`` is the file's."""
    if problem.code != "yaml-syntax" or problem.hint or text is None or problem.line is None:
        return problem
    hint = _yaml_hint(problem.message, text.splitlines(), problem.line, lang)
    return dataclasses.replace(problem, hint=hint) if hint else problem


def explain_yaml_problems(problems: Sequence[Problem], lang: str = "en") -> list[Problem]:
    """The problems, with YAML syntax errors explained in plain words (read from the files
    they name; a problem whose file cannot be read is kept as it is), and the loader's
    and the file reader's problems worded in ``lang`` (:func:`in_words`)."""
    texts: dict[str, str | None] = {}
    out = []
    for p in problems:
        if p.code == "yaml-syntax" and p.file is not None and p.file not in texts:
            try:
                texts[p.file] = read_bounded(p.file, _MAX_BYTES).decode("utf-8-sig")
            except (UnreadableFile, OSError, UnicodeDecodeError, ValueError):
                texts[p.file] = None
        explained = explain_yaml_problem(p, texts.get(p.file or ""), lang)
        out.append(in_words(explained, lang, loader_hint=p.hint is not None))
    return out


_SHARED_HINTS = {
    "yaml_syntax": "hint_yaml_tab", "yaml_tag_on_scalar": "hint_remove_tag",
    "yaml_tag_on_mapping": "hint_remove_tag", "yaml_tag_on_sequence": "hint_remove_tag",
    "yaml_encoding": "hint_save_utf8", "yaml_bad_byte": "hint_save_utf8",
    "yaml_invalid_character": "hint_printable", "yaml_control_character": "hint_printable",
    **{f"file_is_{kind}": "hint_regular_file"
       for kind in ("folder", "fifo", "char_device", "block_device", "socket", "other")},
}
"""Reason codes whose hint is a text several of them share (else ``<code>_hint``)."""


def _hint_key(code: str) -> str:
    return _SHARED_HINTS.get(code, f"{code}_hint")


@functools.cache
def _pyyaml_phrases() -> dict[str, str]:
    """PyYAML's English phrases (problems and contexts) -> their label keys."""
    from pacspec.i18n import TEXTS

    return {_unescaped(texts["en"]): key for key, texts in TEXTS.items()
            if key.startswith(("yaml_p_", "yaml_c_"))}


def _unescaped(text: str) -> str:
    """A label without values, its doubled braces made single (PyYAML's ``'}'``)."""
    return text.replace("{{", "{").replace("}}", "}")


def _syntax_words(values: Mapping[str, object], lang: str) -> str | None:
    """A PyYAML syntax error in ``lang``, None when one of its phrases has no label."""
    phrases = _pyyaml_phrases()
    problem, context = str(values.get("problem", "")), str(values.get("context", ""))
    if not problem or problem not in phrases or (context and context not in phrases):
        return None
    text = _unescaped(label(phrases[problem], lang))
    if context:
        where = _unescaped(label(phrases[context], lang))
        if values.get("line"):
            where = label("yaml_started_at", lang, context=where, line=str(values["line"]),
                          col=str(values.get("col", "")))
        text += f" ({where})"
    return text


def in_words(problem: Problem, lang: str, *, loader_hint: bool = True) -> Problem:
    """A problem of the YAML loader or the file reader (``yaml_*``, ``file_*`` reason codes)
    with its message in ``lang``, and its hint when the loader gave one (``loader_hint``)
    and the table has ``<code>_hint``; any other problem unchanged."""
    from pacspec.i18n import TEXTS

    reason = problem.reason
    if reason is None or not reason.code.startswith(("yaml_", "file_")):
        return problem
    values: dict[str, str] = {}
    hint_of = _hint_key(reason.code)
    for name, value in reason.values.items():
        if isinstance(value, Reason):  # a nested reason: worded first; its hint is ours
            values[name] = in_words(Problem("error", "", "", reason=value), lang).message
            if _hint_key(value.code) in TEXTS:  # (a name, such as file_what_report, has none)
                hint_of = _hint_key(value.code)
        else:
            values[name] = str(value)
    message: str | None
    if reason.code == "yaml_syntax":  # PyYAML's own words when it has no label for them
        message = _syntax_words(values, lang) or label("yaml_syntax", lang,
                                                       problem=problem.message)
    else:
        message = label(reason.code, lang, **values) if reason.code in TEXTS else None
    hint = problem.hint
    if loader_hint and hint_of in TEXTS:
        hint = label(hint_of, lang, **values)
    return dataclasses.replace(problem, message=message or problem.message, hint=hint,
                               hint_lead=label("hint_lead", lang))
