"""The plan model's own validation messages: a code each, with its text in every locale.

Validators raise :func:`invalid`: a pydantic custom error whose type is ``pacspec.CODE``,
whose context holds the values (already written as text) and whose message is the English
text, so that an API user catching :class:`pydantic.ValidationError` reads English. The
loader words the same error in the plan's locale from :data:`MESSAGES`
(:func:`pacspec.validation.render`, through the label table's own formatter)."""

from __future__ import annotations

from pydantic_core import PydanticCustomError

__all__ = ["MESSAGES", "PREFIX", "invalid"]

PREFIX = "pacspec."
"""Error types of the model's own checks start with this."""

READING_FORM = "{on: YYYY-MM-DD, value: N}"
"""How one dated reading is written (a value, not template text: braces are literal)."""

MESSAGES: dict[str, dict[str, str]] = {
    # dates, labels, bounds (types.py)
    "date_no_month": {
        "en": "'{value}' is not a valid date (there is no month {month})",
        "fr": "'{value}' n'est pas une date valide (il n'y a pas de mois {month})",
    },
    "date_no_day": {
        "en": "'{value}' is not a valid date (that month has {days} days)",
        "fr": "'{value}' n'est pas une date valide (ce mois a {days} jours)",
    },
    "date_before_calendar": {
        "en": "the date {value} is before {limit}, the first date pacspec computes on",
        "fr": "la date {value} précède le {limit}, la première date que pacspec calcule",
    },
    "date_after_calendar": {
        "en": "the date {value} is after {limit}, the last date pacspec computes on",
        "fr": "la date {value} dépasse le {limit}, la dernière date que pacspec calcule",
    },
    "date_format": {
        "en": "expected a date written YYYY-MM-DD, found {value}",
        "fr": "date attendue sous la forme AAAA-MM-JJ (YYYY-MM-DD) ; trouvé : {value}",
    },
    "month_invalid": {
        "en": "'{value}' is not a valid month",
        "fr": "'{value}' n'est pas un mois valide",
    },
    "due_format": {
        "en": "expected a date written YYYY-MM-DD (or YYYY-MM for the end of a month), found "
              "{value}",
        "fr": "date attendue sous la forme AAAA-MM-JJ (ou AAAA-MM pour la fin d'un mois) "
              "; trouvé : {value}",
    },
    "label_empty": {
        "en": "a label needs at least one locale",
        "fr": "un libellé demande au moins une langue (fr, en)",
    },
    "too_large": {
        "en": "{what} must be at most {limit}, found {value}",
        "fr": "{what} doit valoir au plus {limit} ; trouvé : {value}",
    },
    # dated readings and bounded figures (actions.py)
    "reading_kind": {
        "en": "{what} must be a number or a list of dated readings, found {value}",
        "fr": "{what} doit être un nombre ou une liste de relevés datés ; trouvé : {value}",
    },
    "readings_kind": {
        "en": "{what} must be a number or a list of dated readings [{form}, ...], found {value}",
        "fr": "{what} doit être un nombre ou une liste de relevés datés [{form}, ...] ; trouvé : "
              "{value}",
    },
    "reading_form": {
        "en": "reading {i} of {what} must be {form}, found {value}",
        "fr": "le relevé {i} de {what} doit s'écrire {form} ; trouvé : {value}",
    },
    "reading_date": {
        "en": "reading {i} of {what}: {detail}",
        "fr": "relevé {i} de {what} : {detail}",
    },
    "reading_value": {
        "en": "reading {i} of {what}: 'value' must be a number, found {value}",
        "fr": "relevé {i} de {what} : 'value' doit être un nombre ; trouvé : {value}",
    },
    "reading_order": {
        "en": "reading {i} of {what} ({on}) must come after reading {previous} ({previous_on}): "
              "list the readings in date order",
        "fr": "le relevé {i} de {what} ({on}) doit venir après le relevé {previous} "
              "({previous_on}) : listez les relevés dans l'ordre des dates",
    },
    "readings_empty": {
        "en": "{what} has an empty list of readings: give a number or at least one reading",
        "fr": "{what} a une liste de relevés vide : donnez un nombre ou au moins un relevé",
    },
    "not_finite": {
        "en": "{what} must be a finite number, found {value}",
        "fr": "{what} doit être un nombre fini ; trouvé : {value}",
    },
    "out_of_range": {
        "en": "{what} must be between {low} and {high}, found {value}",
        "fr": "{what} doit être compris entre {low} et {high} ; trouvé : {value}",
    },
    "below_minimum": {
        "en": "{what} must be at least {low}, found {value}",
        "fr": "{what} doit valoir au moins {low} ; trouvé : {value}",
    },
    "workload_rate": {
        "en": "a workload needs visits_per_month or days_per_month",
        "fr": "une charge de travail demande visits_per_month ou days_per_month",
    },
    "workload_dates": {
        "en": "workload 'to' ({to}) is before 'from' ({start})",
        "fr": "la charge de travail finit ('to' : {to}) avant de commencer ('from' : {start})",
    },
    "subtype": {
        "en": "subtype '{subtype}' is not a {type} subtype; expected one of {allowed}",
        "fr": "le sous-type '{subtype}' n'est pas un sous-type de {type} ; valeurs possibles : "
              "{allowed}",
    },
    "target_and_growth": {
        "en": "give target_revenue or growth, not both",
        "fr": "donnez target_revenue ou growth, pas les deux",
    },
    "due_before_start": {
        "en": "due ({due}) is before start ({start})",
        "fr": "l'échéance (due : {due}) précède le début (start : {start})",
    },
    # conditions (conditions.py)
    "code_number": {
        "en": "an RFM code pattern must be quoted text such as \"0011\", found the number {value}",
        "fr": "un code RFM s'écrit entre guillemets, par exemple \"0011\" ; trouvé : le nombre "
              "{value}",
    },
    "numeric_test_empty": {
        "en": "a numeric test needs one of {keys}",
        "fr": "un test numérique demande l'une des clés {keys}",
    },
    "attribute_test_empty": {
        "en": "an attribute test needs one of {keys}",
        "fr": "un test d'attribut demande l'une des clés {keys}",
    },
    "numeric_test_nan": {
        "en": "a numeric test cannot compare with NaN",
        "fr": "un test numérique ne peut pas comparer à NaN",
    },
    "attribute_test_nan": {
        "en": "an attribute test cannot compare with NaN",
        "fr": "un test d'attribut ne peut pas comparer à NaN",
    },
    "between_order": {
        "en": "between needs [low, high] with low <= high, found {value}",
        "fr": "between s'écrit [bas, haut] avec bas <= haut ; trouvé : {value}",
    },
    "set_test_empty": {
        "en": "a set test needs 'in' or 'not_in'",
        "fr": "un test d'appartenance demande 'in' ou 'not_in'",
    },
    # ABC (abc.py)
    "cuts_increase": {
        "en": "cuts must increase strictly, found {value}",
        "fr": "les seuils (cuts) doivent croître strictement ; trouvé : {value}",
    },
    "cuts_range": {
        "en": "cuts must lie strictly between 0 and 1, found {value}",
        "fr": "les seuils (cuts) doivent être strictement compris entre 0 et 1 ; trouvé : {value}",
    },
    "cuts_labels": {
        "en": "{cuts} cuts make {classes} classes, but {labels} labels are given ({given})",
        "fr": "{cuts} seuils font {classes} classes, mais {labels} libellés sont donnés ({given})",
    },
    "label_none": {
        "en": "'none' names the clients with no class (abc: none); choose another class label",
        "fr": "'none' désigne les clients sans classe (abc: none) ; choisissez un autre libellé",
    },
    "labels_distinct": {
        "en": "class labels must be distinct, found {value}",
        "fr": "les libellés de classe doivent être distincts ; trouvé : {value}",
    },
    "reference_count": {
        "en": "reference needs one share per class ({classes}), found {found}",
        "fr": "reference demande une part par classe ({classes}) ; trouvé : {found}",
    },
    "reference_sum": {
        "en": "reference shares must add up to 1, found {value}",
        "fr": "les parts de reference doivent faire 1 au total ; trouvé : {value}",
    },
    "thresholds_decrease": {
        "en": "thresholds must decrease (A' above B'), found {value}",
        "fr": "les seuils doivent décroître (A' au-dessus de B') ; trouvé : {value}",
    },
    # header, IPO/IPA, profiles, RFM
    "plan_dates": {
        "en": "plan_end ({end}) must come after plan_start ({start})",
        "fr": "plan_end ({end}) doit venir après plan_start ({start})",
    },
    "scale_bounds": {
        "en": "the scale must lie within -{limit}..{limit}, found {low}..{high}",
        "fr": "l'échelle doit tenir dans -{limit}..{limit} ; trouvé : {low}..{high}",
    },
    "scale_order": {
        "en": "scale max ({high}) must be above min ({low})",
        "fr": "le max de l'échelle ({high}) doit dépasser le min ({low})",
    },
    "window_dates": {
        "en": "window end ({end}) is before its start ({start})",
        "fr": "la fin de la fenêtre ({end}) précède son début ({start})",
    },
    # steering (steering.py)
    "phasing_negative": {
        "en": "monthly phasing weights must not be negative",
        "fr": "les poids du phasage mensuel ne peuvent pas être négatifs",
    },
    "phasing_zero": {
        "en": "monthly phasing weights must not all be zero",
        "fr": "les poids du phasage mensuel ne peuvent pas être tous nuls",
    },
    "quota_not_finite": {
        "en": "the target of {key} must be a finite number",
        "fr": "l'objectif de {key} doit être un nombre fini",
    },
    "quota_empty": {
        "en": "no target: give one per value, e.g. {example}",
        "fr": "aucun objectif : donnez-en un par valeur, par exemple {example}",
    },
    "manual_no_readings": {
        "en": "a manual KPI needs its readings: readings: [{form}, ...]",
        "fr": "un indicateur manuel demande ses relevés : readings: [{form}, ...]",
    },
    "readings_not_manual": {
        "en": "readings are typed values of a manual KPI; metric {metric} is measured on the "
              "data (remove readings, or set metric: manual)",
        "fr": "readings sont les valeurs saisies d'un indicateur manuel ; la métrique {metric} "
              "se mesure sur les données (retirez readings, ou écrivez metric: manual)",
    },
    "bands_higher": {
        "en": "orange ({orange}) must not exceed green ({green})",
        "fr": "le seuil orange ({orange}) ne peut pas dépasser le vert ({green})",
    },
    "bands_lower": {
        "en": "orange ({orange}) must not be below green ({green}) for a KPI where less is "
              "better (direction: lower)",
        "fr": "le seuil orange ({orange}) ne peut pas être sous le vert ({green}) pour un "
              "indicateur où moins est mieux (direction: lower)",
    },
}
"""Code -> locale -> text; ``{name}`` is a value of the error's context."""


def invalid(code: str, **values: object) -> PydanticCustomError:
    """The error a validator raises for message ``code``: values become its context as text
    (a nested custom error given as ``detail`` keeps its code and context beside it)."""
    context: dict[str, str] = {}
    for key, value in values.items():
        if isinstance(value, PydanticCustomError):
            context[key] = value.message()
            context[f"{key}_code"] = value.type
            for name, inner in (value.context or {}).items():
                context[f"{key}_{name}"] = str(inner)
        else:
            context[key] = str(value)
    return PydanticCustomError(PREFIX + code, MESSAGES[code]["en"], context)
