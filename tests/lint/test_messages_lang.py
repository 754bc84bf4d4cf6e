"""Messages in the user's language: every slip of a new user is caught at its line with the
fix in French for a French plan (its `locale`, the default), in English with `--lang en` or
for an English plan; codes and positions never change with the language."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HEADER
from lint_snippets import ACTION  # lines 7-14; extra keys on line 15

from pacspec.lint import file_locale, validate_file

# (the plan's text after the header, code, line, col, French hint part, English hint part)
SLIPS = [
    (ACTION + "    budget: 8.000\n", "thousands-point", 15, 13,
     "vouliez-vous dire 8000 ? écrivez-le sans séparateur de milliers",
     "did you mean 8000? write it without a thousands separator"),
    (ACTION + "    current_revenue: 100000\n    target_revenue: 900\n", "target-scale", 16, 21,
     "vérifiez les deux montants", "check both amounts"),
    (ACTION + "    growth: 15\n", "rate-over-one", 15, 13,
     "vouliez-vous dire 0.15 (+15 %) ?", "did you mean 0.15 (+15 %)?"),
    (ACTION + "    progress: 0.5\n", "progress-fraction", 15, 15,
     "vouliez-vous dire 50 ?", "did you mean 50?"),
    ("steering:\n  kpis:\n    - {id: r, metric: retention_rate, target: 85}\n",
     "kpi-target-range", 9, 47, "vouliez-vous dire 0.85 (85 %) ?", "did you mean 0.85 (85 %)?"),
    (ACTION.replace("    owner: DC\n", "    responsable: DC\n"), "unknown-key", 13, 5,
     "vouliez-vous dire 'owner' ? ('owner' est obligatoire)",
     "did you mean 'owner'? ('owner' is required)"),
    (ACTION + '    growth: "0,15"\n', "type", 15, 13,
     "écrivez 0.15 (un nombre YAML s'écrit avec un point décimal",
     "write 0.15 (a YAML number has a decimal point"),
    (ACTION + '    progress: "50%"\n', "value", 15, 15,
     "écrivez 50 : progress est un pourcentage de 0 à 100",
     "write 50: progress is a percent from 0 to 100"),
    (ACTION + '    budget: "8 000 €"\n', "type", 15, 13, "écrivez 8000 ", "write 8000 "),
    (ACTION.replace("priority: 1", "priority: haute"), "type", 12, 15,
     "écrivez 1 : la priorité est un nombre de 1 (la plus haute) à 5",
     "write 1: priority is a number from 1 (highest) to 5"),
    (ACTION.replace("type: commercial", "type: Commerciale"), "literal", 10, 11,
     "vouliez-vous dire 'commercial' ?", "did you mean 'commercial'?"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "code", "line", "col", "fr", "en"), SLIPS,
                         ids=[s[1] + str(i) for i, s in enumerate(SLIPS)])
def test_slip_in_both_languages(tmp_path: Path, body: str, code: str, line: int, col: int,
                                fr: str, en: str) -> None:
    plan = tmp_path / "plan.pac.yaml"
    plan.write_text(HEADER + body, encoding="utf-8")
    english = tmp_path / "english.pac.yaml"
    english.write_text(HEADER + "locale: en\n" + body, encoding="utf-8")
    runs = {
        "default": validate_file(plan, lang=None),  # the plan's locale: fr by default
        "fr": validate_file(plan, lang="fr"),
        "en": validate_file(plan, lang="en"),
        "en-plan": validate_file(english, lang=None),
    }
    found = {}
    for name, problems in runs.items():
        mine = [p for p in problems if p.code == code]
        assert len(mine) == 1, (name, [p.format() for p in problems])
        found[name] = mine[0]
    shift = {"en-plan": 1}  # one line more: the locale
    for name, problem in found.items():
        assert (problem.line, problem.col) == (line + shift.get(name, 0), col), name
    assert fr in (found["default"].hint or "") and found["default"] == found["fr"]
    assert en in (found["en"].hint or "") and en in (found["en-plan"].hint or "")


def test_yaml_syntax_in_french_by_default(tmp_path: Path) -> None:
    plan = tmp_path / "plan.pac.yaml"
    plan.write_text(HEADER + "vision: Leader: en France\n", encoding="utf-8")
    (fr,) = validate_file(plan, lang=None)  # the locale cannot be read: French
    (en,) = validate_file(plan, lang="en")
    assert (fr.code, fr.line, fr.col) == (en.code, en.line, en.col) == ("yaml-syntax", 7, 15)
    assert fr.hint == ("un « : » suivi d'une espace dans une valeur commence une nouvelle "
                       'clé : mettez la valeur entre guillemets, par exemple vision: '
                       '"Leader: en France"')
    assert en.hint == ("a ': ' inside a value starts a new key: put the value in quotes, "
                       'e.g. vision: "Leader: en France"')


def test_messages_too(tmp_path: Path) -> None:
    plan = tmp_path / "plan.pac.yaml"
    plan.write_text(HEADER + ACTION.replace("    owner: DC\n", "    zzz: DC\n"), encoding="utf-8")
    fr = {p.code: p for p in validate_file(plan, lang=None)}
    en = {p.code: p for p in validate_file(plan, lang="en")}
    assert set(fr) == set(en) == {"unknown-key", "missing-key"}
    assert fr["unknown-key"].message == "clé inconnue 'zzz'"
    assert en["unknown-key"].message == "unknown key 'zzz'"
    assert fr["missing-key"].message == "la clé obligatoire 'owner' manque"
    assert fr["missing-key"].hint == "ajoutez 'owner:' à ce bloc"
    assert en["missing-key"].message == "required key 'owner' is missing"


def test_file_locale(tmp_path: Path) -> None:
    cases = {"a": "locale: en\n", "b": "locale: fr\n", "c": "", "d": "locale: EN\n",
             "e": "[not a mapping\n"}
    for name, text in cases.items():
        (tmp_path / f"{name}.pac.yaml").write_text(text, encoding="utf-8")
    assert {n: file_locale(tmp_path / f"{n}.pac.yaml") for n in cases} == {
        "a": "en", "b": "fr", "c": "fr", "d": "fr", "e": "fr"}
    assert file_locale(tmp_path / "missing.pac.yaml") == "fr"


def test_hint_lead_follows_the_language(tmp_path: Path) -> None:
    plan = tmp_path / "plan.pac.yaml"
    plan.write_text(HEADER + ACTION.replace("    owner: DC\n", "    responsable: DC\n"),
                    encoding="utf-8")
    (fr,) = validate_file(plan, lang=None)
    (en,) = validate_file(plan, lang="en")
    assert fr.format().endswith("(conseil : vouliez-vous dire 'owner' ? ('owner' est "
                                "obligatoire))")
    assert en.format().endswith("(hint: did you mean 'owner'? ('owner' is required))")
    assert "hint_lead" not in fr.to_dict() and fr.to_dict()["hint"] == fr.hint


# The YAML loader's and the file reader's problems: (file bytes, code, line, col, French
# message part, English message part); None bytes: the path is a folder
LOADER_CASES = [
    (b"a: 1\nb:\n\tc: 2\n", "yaml-syntax", 3, 1,
     "un caractère ne peut commencer aucun élément (en cherchant l'élément suivant)",
     "found character that cannot start any token (while scanning for the next token)"),
    (b"a: 1\nb: x\n\ty\n", "yaml-syntax", 3, 1,
     "une tabulation casse l'indentation (dans une valeur, depuis la ligne 2, colonne 4)",
     "found a tab character that violates indentation (while scanning a plain scalar"),
    (b"a: 1\na: 2\n", "duplicate-key", 2, 1,
     "clé en double 'a' (déjà définie ligne 1, colonne 1)",
     "duplicate key 'a' (first defined at line 1, col 1)"),
    (b"a: &x 1\nb: *y\n", "yaml-syntax", 2, 4, "alias '*y' non défini",
     "found undefined alias '*y'"),
    (b"a: [1, 2\n", "yaml-syntax", 2, 1,
     "« , » ou « ] » attendu (dans une liste [ ], depuis la ligne 1, colonne 4)",
     "did not find expected ',' or ']' (while parsing a flow sequence started at line 1, col 4)"),
    (b"a: {b: 1\n", "yaml-syntax", 2, 1, "« , » ou « } » attendu (dans un bloc entre accolades",
     "did not find expected ',' or '}' (while parsing a flow mapping"),
    ("a: 1\n".encode("utf-16"), "encoding", 1, 1, "le fichier est encodé en UTF-16, pas en UTF-8",
     "the file is UTF-16 encoded, not UTF-8"),
    (b"a: 1\x07\n", "yaml-syntax", 1, 5, "le caractère de contrôle U+0007 n'est pas permis",
     "control character U+0007 is not allowed in YAML"),
    (b"a: !!int x\n", "bad-tag-value", 1, 4, "'x' n'est pas une valeur !!int valide",
     "'x' is not a valid !!int value"),
    (None, "io", None, None, "impossible de lire le fichier : c'est un dossier",
     "cannot read the file: it is a folder, not a regular file"),
]


@pytest.mark.parametrize(("data", "code", "line", "col", "fr", "en"), LOADER_CASES,
                         ids=[f"{c[1]}{i}" for i, c in enumerate(LOADER_CASES)])
def test_loader_problems_in_both_languages(tmp_path: Path, data: bytes | None, code: str,
                                           line: int | None, col: int | None, fr: str,
                                           en: str) -> None:
    plan = tmp_path / "plan.pac.yaml"
    if data is None:
        plan.mkdir()
    else:
        plan.write_bytes(data)
    (french,) = validate_file(plan, lang=None)  # the locale cannot be read: French
    (english,) = validate_file(plan, lang="en")
    assert (french.code, french.line, french.col) == (english.code, english.line,
                                                      english.col) == (code, line, col)
    assert fr in french.message, french.format()
    assert en in english.message, english.format()
    if english.hint:  # every hint the loader gives is worded in French too
        assert french.hint and french.hint != english.hint, french.format()


def test_every_pyyaml_phrase_is_one_english_text() -> None:
    from pacspec.i18n import TEXTS
    from pacspec.validation import _pyyaml_phrases

    keys = {k for k in TEXTS if k.startswith(("yaml_p_", "yaml_c_"))}
    assert set(_pyyaml_phrases().values()) == keys  # no two keys share their English


# The plan model's own checks (pacspec.model.messages): (text after the header, line, col,
# French message part, English message part)
MODEL_CASES = [
    (ACTION + "    progress: 120\n", 15, 15,
     "progress doit être compris entre 0 et 100 ; trouvé : 120",
     "progress must be between 0 and 100, found 120"),
    (ACTION + "    start: 2026-09-01\n", 8, 5,
     "l'échéance (due : 2026-06-30) précède le début (start : 2026-09-01)",
     "due (2026-06-30) is before start (2026-09-01)"),
    (ACTION + "    progress: [{on: 2026-06-30, value: 20}, {on: 2026-03-31, value: 30}]\n",
     15, 15,
     "le relevé 1 de progress (2026-03-31) doit venir après le relevé 0 (2026-06-30) : "
     "listez les relevés dans l'ordre des dates",
     "reading 1 of progress (2026-03-31) must come after reading 0 (2026-06-30): list the "
     "readings in date order"),
    (ACTION + "    spent: [{on: 2026-02-30, value: 10}]\n", 15, 12,
     "relevé 0 de spent : '2026-02-30' n'est pas une date valide",
     "reading 0 of spent: '2026-02-30' is not a valid date"),
    (ACTION.replace("subtype: win_back", "subtype: training"), 8, 5,
     "le sous-type 'training' n'est pas un sous-type de commercial ; valeurs possibles :",
     "subtype 'training' is not a commercial subtype; expected one of"),
]


@pytest.mark.parametrize(("body", "line", "col", "fr", "en"), MODEL_CASES,
                         ids=[str(i) for i in range(len(MODEL_CASES))])
def test_model_checks_in_both_languages(tmp_path: Path, body: str, line: int, col: int,
                                        fr: str, en: str) -> None:
    plan = tmp_path / "plan.pac.yaml"
    plan.write_text(HEADER + body, encoding="utf-8")
    french = [p for p in validate_file(plan, lang=None) if p.severity == "error"]
    english = [p for p in validate_file(plan, lang="en") if p.severity == "error"]
    assert len(french) == len(english) == 1, [p.format() for p in french]
    (f,), (e,) = french, english
    assert (f.code, f.line, f.col) == (e.code, e.line, e.col) == ("value", line, col)
    assert fr in f.message and en in e.message, (f.message, e.message)
