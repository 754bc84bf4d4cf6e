"""Messages in the user's language, family by family: one problem of every lint family (and
of the loader and the schema) with its exact message and hint in French and in English, at
the same position with the same code; the API writes the plan's locale by default.

Texts are built with ``pac.text`` (conftest): the first section given starts on line 7.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import HEADER, PlanKit
from lint_snippets import ACTION, EMOFF, IPO_IPA

import pacspec
from pacspec import Problem
from pacspec.lint import FAMILIES, validate_file

TARGETED = ACTION + "    target: {abc: [A]}\n"

# family, sections, code, line, col, (French message, hint), (English message, hint)
CASES = [
    ("ids", (TARGETED + TARGETED.replace("actions:\n", "")[:-1] + "\n",), "duplicate-id", 16, 9,
     ("identifiant 'a1' en double (action, première définition ligne 8)",
      "renommez l'un des deux : les identifiants sont uniques"),
     ("duplicate action id 'a1' (first defined at line 8)", "ids must be unique")),
    ("emoff", (EMOFF + "        uses: [s1, t1]\n",), "strategy-kind", 18, 20,
     ("le croisement SO associe forces et opportunités, mais 't1' est une menace", None),
     ("SO crosses strengths and opportunities, but 't1' is a threat", None)),
    ("emoff", (EMOFF + "        uses: [s1, o11]\n",), "unresolved-ref", 18, 20,
     ("fait EMOFF inconnu 'o11'", "vouliez-vous dire 'o1' ?"),
     ("unknown EMOFF fact 'o11'", "did you mean 'o1'?")),
    ("conditions", (TARGETED.replace("{abc: [A]}", '{code: ["011"]}'),), "code-length", 15, 21,
     ("la cotation RFM '011' a 3 chiffres, mais le plan compte 4 périodes RFM",
      "écrivez 4 chiffres, la période la plus ancienne en premier"),
     ("code pattern '011' has 3 digits but the plan has 4 RFM periods",
      "write 4 digits, oldest period first")),
    ("conditions", (TARGETED.replace("{abc: [A]}", "{zone: [core]}"),), "missing-section", 15, 20,
     ("'zone' demande la section 'portfolio' du plan",
      "ajoutez la section 'portfolio', ou retirez ce test"),
     ("'zone' needs the plan's 'portfolio' section",
      "add the 'portfolio' section, or remove the test")),
    ("conditions", ("typologies:\n  - {id: t1, label: T, when: {typology: [t1]}}\n",),
     "rule-order", 8, 41,
     ("les règles de 'typologies' ne peuvent pas tester 'typology' : la liste 'typologies' "
      "n'est pas calculée avant 'typologies'",
      "les segments sont calculés d'abord, puis les profils, puis les typologies"),
     ("typologies rules cannot test 'typology': typologies are assigned after typologies",
      "segments come first, then profiles, then typologies")),
    ("conditions", ("profiles:\n  - {id: fidele, when: {code: '1???'}}\n  - {id: rest}\n",
                    TARGETED.replace("{abc: [A]}", "{profile: [fidel]}")),
     "unresolved-ref", 18, 23,
     ("profil inconnu 'fidel'", "vouliez-vous dire 'fidele' ?"),
     ("unknown profile 'fidel'", "did you mean 'fidele'?")),
    ("coverage", ('profiles:\n  - {id: x, when: {code: "1???"}}\n'
                  '  - {id: y, when: {code: "11??"}}\n',), "shadowed-rule", 9, 5,
     ("la règle 'y' ne s'applique jamais : tous les cas qu'elle retient sont déjà pris par "
      "les règles précédentes x",
      "supprimez-la, ou placez-la avant les règles qui prennent ses cas"),
     ("rule 'y' can never apply: every case it matches is taken by earlier rules x",
      "remove it or move it before the rules that take its cases")),
    ("coverage", ('profiles:\n  - {id: x, when: {code: "1111"}}\n',), "uncovered", 8, 3,
     ("15 cotations RFM ne sont couvertes par aucune règle de cotation : 0000, 0001, 0010, "
      "0011, 0100, 0101, 0110, 0111, 1000, 1001, 1010, 1011, ... (15 en tout)",
      "ajoutez des règles qui les couvrent, ou en dernier une règle sans condition "
      "('when' vide)"),
     ("15 codes are covered by no code-only rule: 0000, 0001, 0010, 0011, 0100, 0101, 0110, "
      "0111, 1000, 1001, 1010, 1011, ... (15 in all)",
      "add rules for them, or a catch-all rule (empty 'when') last")),
    ("actions", (ACTION,), "no-target", 8, 5,
     ("l'action commerciale 'a1' ne cible aucun client",
      "ajoutez 'target:' avec des identifiants clients, un profil, une classe ABC…"),
     ("commercial action 'a1' has no target clients",
      "add target: with client ids, a profile, an ABC class...")),
    ("actions", (EMOFF + "        uses: [s1, o1]\n", TARGETED, "    strategies: [so2]\n"),
     "unresolved-ref", 28, 18,
     ("stratégie inconnue 'so2'", "vouliez-vous dire 'so1' ?"),
     ("unknown strategy 'so2'", "did you mean 'so1'?")),
    ("dates", (TARGETED.replace("due: 2026-06", "due: 2027-03"),), "due-outside-plan", 14, 10,
     ("l'échéance 31/03/2027 tombe après la fin du plan (31/12/2026)",
      "reportez header.plan_end si le plan couvre plusieurs années"),
     ("due date 2027-03-31 is after the plan ends (2026-12-31)",
      "set header.plan_end later if the plan spans several years")),
    ("dates", (TARGETED + "    workload: {from: 2025-12-01, visits_per_month: 2}\n",),
     "workload-dates", 16, 22,
     ("la charge de travail commence le 01/12/2025, avant l'action (01/01/2026)", None),
     ("workload starts 2025-12-01, before the action (2026-01-01)", None)),
    ("budget", (TARGETED + "    budget: 1500\n", "budget:\n  total: 1000\n"), "over-budget", 18, 10,
     ("les actions engagent 1 500 EUR, soit 500 EUR de plus que l'enveloppe de 1 000 EUR", None),
     ("actions allocate 1 500 EUR, over the envelope of 1 000 EUR by 500 EUR", None)),
    ("budget", (TARGETED + "    budget: 500\n", "budget:\n  total: 1000\n"), "under-budget", 18, 10,
     ("les actions engagent 500 EUR sur une enveloppe de 1 000 EUR (50 %)", None),
     ("actions allocate 500 EUR of 1 000 EUR (50%)", None)),
    ("budget", (TARGETED + "    budget: 500\n",
                "budget:\n  total: 1000\n  by_owner: {DC: 800, KAM: 800}\n"), "envelope-sum",
     19, 13,
     ("les enveloppes par responsable totalisent 1 600 EUR, plus que l'enveloppe totale de "
      "1 000 EUR", None),
     ("the owner envelopes add up to 1 600 EUR, more than the total of 1 000 EUR", None)),
    ("ipo_ipa", (IPO_IPA, "  thresholds: {ipo: 3, ipa: 6}\n"), "threshold-scale", 10, 29,
     ("le seuil IPA 6 est hors de l'échelle [1, 5]", None),
     ("IPA threshold 6 is outside the scale [1, 5]", None)),
    ("ipo_ipa", (IPO_IPA, "  notes:\n    C1: {size: 3, sise: 2}\n"), "unresolved-ref", 11, 19,
     ("critère inconnu 'sise'", "vouliez-vous dire 'size' ?"),
     ("unknown criterion 'sise'", "did you mean 'size'?")),
    ("amounts", (TARGETED + "    budget: 8.000\n",), "thousands-point", 16, 13,
     ("8.000 est lu comme 8 (point décimal), pas 8000",
      "vouliez-vous dire 8000 ? écrivez-le sans séparateur de milliers"),
     ("8.000 is read as 8 (a decimal point), not 8000",
      "did you mean 8000? write it without a thousands separator")),
    ("steering", (TARGETED.replace("{abc: [A]}", "{prospect: true}") + "    growth: 0.2\n",),
     "growth-on-prospects", 16, 5,
     ("l'action 'a1' vise une croissance sur des clients sans CA actuel : son CA cible vaut 0",
      "indiquez target_revenue (le CA visé) au lieu de growth"),
     ("action 'a1' aims at growth on clients with no current revenue: its target revenue is 0",
      "give target_revenue (the revenue aimed for) instead of growth")),
    ("fractions", (TARGETED + "    growth: 15\n",), "rate-over-one", 16, 13,
     ("une croissance de 15 signifie +1 500 %", "vouliez-vous dire 0.15 (+15 %) ?"),
     ("growth 15 means +1 500 %", "did you mean 0.15 (+15 %)?")),
    ("products", ("  objectives:\n    - {id: g, text: G, metric: units_per_month, target: 200}\n",
                  "data:\n  transactions:\n    columns: {product: product}\n"),
     "objective-no-product-scope", 8, 32,
     ("l'objectif 'g' (units_per_month) compte toutes les lignes, quel que soit le produit : "
      "les données ont une colonne produit ('product') et l'objectif n'a pas de périmètre "
      "produit",
      'ajoutez product: ["GPS*"] à son scope pour ne compter que ces produits, ou laissez-le '
      "ainsi pour un objectif sur tous les produits"),
     ("objective 'g' (units_per_month) counts every line, whatever the product: the data has "
      "a product column ('product') and the objective has no product scope",
      'add product: ["GPS*"] to its scope to count those products only, or leave it as is '
      "for an objective on every product")),
    ("measures", ("abc:\n  measure: margin\n",), "abc-margin-no-column", 8, 12,
     ("abc.measure: margin classe les clients sur leur marge, mais le plan ne lit aucune "
      "colonne de marge (data.transactions.columns.margin)",
      "ajoutez margin: <colonne de marge> à data.transactions.columns, ou revenez à "
      "measure: revenue"),
     ("abc.measure: margin ranks the clients on their margin, but the plan reads no margin "
      "column (data.transactions.columns.margin)",
      "add margin: <margin column> to data.transactions.columns, or use measure: revenue")),
]  # fmt: skip


def _one(problems: list[Problem], code: str, line: int, col: int) -> Problem:
    found = [p for p in problems if (p.code, p.line, p.col) == (code, line, col)]
    assert len(found) == 1, [p.format() for p in problems]
    return found[0]


@pytest.mark.parametrize(("family", "sections", "code", "line", "col", "fr", "en"), CASES,
                         ids=[f"{c[0]}-{c[2]}" for c in CASES])
def test_family_message_in_both_languages(
        tmp_path: Path, pac: PlanKit, family: str, sections: tuple[str, ...], code: str,
        line: int, col: int, fr: tuple[str, str | None], en: tuple[str, str | None]) -> None:
    text = pac.text(*sections)
    path = tmp_path / "plan.pac.yaml"  # a file, for the checks that read the text as written
    path.write_text(text, encoding="utf-8")
    english = tmp_path / "english.pac.yaml"
    english.write_text(text + "locale: en\n", encoding="utf-8")  # last: same positions
    runs = {"fr": validate_file(path, lang="fr"), "en": validate_file(path, lang="en"),
            "default": validate_file(path), "en-plan": validate_file(english)}
    got = {name: _one(problems, code, line, col) for name, problems in runs.items()}
    assert (got["fr"].message, got["fr"].hint) == fr
    assert (got["en"].message, got["en"].hint) == en
    assert got["default"] == got["fr"]  # a plan without a locale is French
    assert (got["en-plan"].message, got["en-plan"].hint) == en  # locale: en
    for problem in got.values():
        assert problem.path == got["fr"].path and problem.severity == got["fr"].severity
    assert any(f.name == family and code in f.codes for f in FAMILIES), family


def test_every_family_has_a_case_in_both_languages() -> None:
    assert {f.name for f in FAMILIES} <= {c[0] for c in CASES}


# ------------------------------------------------------------------ loader and schema

LOADER_CASES = [
    ("header:\n  company: ACME\n", "missing-key", 1, 1,
     ("la clé obligatoire 'pacspec' (version du format) manque",
      "ajoutez 'pacspec: 1' en première ligne"),
     ("required key 'pacspec' (format version) is missing",
      "add 'pacspec: 1' as the first line")),
    ("pacspec: 9\n", "newer-format", 1, 10,
     ("ce fichier de plan utilise le format 9, mais cette version de pacspec ne lit que le "
      "format 1", "mettez pacspec à jour : pip install -U pacspec"),
     ("this plan file uses format 9, but this pacspec reads format 1 only",
      "upgrade pacspec: pip install -U pacspec")),
    ("- a\n", "type", 1, 1,
     ("un fichier de plan doit être un bloc de clés, trouvé : une liste",
      "commencez-le par 'pacspec: 1'"),
     ("a plan file must be a mapping of keys, found a list", "start it with 'pacspec: 1'")),
    (HEADER + "include: [regles/absent.rules.yaml]\n", "include-not-found", 7, 11,
     ("fichier inclus 'regles/absent.rules.yaml' introuvable (cherché : "
      "regles/absent.rules.yaml)", "les chemins sont relatifs au fichier qui inclut"),
     ("included file 'regles/absent.rules.yaml' not found (looked for "
      "regles/absent.rules.yaml)", "paths are relative to the including file")),
    (HEADER + "include: [pacspec:profils-fr]\n", "include-not-found", 7, 11,
     ("jeu de règles intégré inconnu 'pacspec:profils-fr'",
      "vouliez-vous dire 'pacspec:profiles-fr' ?"),
     ("unknown built-in rule set 'pacspec:profils-fr'", "did you mean 'pacspec:profiles-fr'?")),
    (HEADER + "budget:\n  total: '15000'\n", "quoted-number", 8, 10,
     ("un nombre est écrit entre guillemets : '15000'",
      "écrivez-le sans guillemets : total: 15000"),
     ("a number is written in quotes: '15000'", "write it without quotes: total: 15000")),
    (HEADER + ACTION + "    budget: [1]\n", "type", 15, 13,
     ("attendu : un nombre ; trouvé : une liste", None),
     ("expected a number, found a list", None)),
    (HEADER + ACTION.replace("priority: 1", "priority: 9"), "value", 12, 15,
     ("attendu : un nombre inférieur ou égal à 5 ; trouvé : 9", None),
     ("expected a number less than or equal to 5, found 9", None)),
    (HEADER + "locale: de\n", "literal", 7, 9,
     ("attendu : 'fr' ou 'en' ; trouvé : 'de'", None),
     ("expected 'fr' or 'en', found 'de'", None)),
    (HEADER + ACTION + "    participants: {a: 1}\n", "type", 15, 19,
     ("attendu : une liste ; trouvé : un bloc de clés", None),
     ("expected a list, found a mapping", None)),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code", "line", "col", "fr", "en"), LOADER_CASES,
                         ids=[f"{c[1]}{i}" for i, c in enumerate(LOADER_CASES)])
def test_loader_and_schema_messages_in_both_languages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, code: str, line: int,
        col: int, fr: tuple[str, str | None], en: tuple[str, str | None]) -> None:
    monkeypatch.chdir(tmp_path)
    Path("plan.pac.yaml").write_text(text, encoding="utf-8")
    for lang, (message, hint) in (("fr", fr), ("en", en)):
        problem = next(p for p in validate_file("plan.pac.yaml", lang=lang) if p.code == code)
        assert (problem.line, problem.col, problem.message, problem.hint) == (
            line, col, message, hint), lang
    (default,) = [p for p in validate_file("plan.pac.yaml") if p.code == code]
    assert default.message == fr[0]  # French: the plan states no locale, or cannot be read


def test_rule_file_messages_are_french_by_default(tmp_path: Path) -> None:
    path = tmp_path / "profils.rules.yaml"
    path.write_text("pacspec: 1\nprofiles:\n  - {id: a, when: {code: '1???'}}\n"
                    "  - {id: a}\n", encoding="utf-8")
    (problem,) = [p for p in validate_file(path) if p.code == "duplicate-id"]
    assert problem.message == "identifiant 'a' en double (profil, première définition ligne 3)"
    (english,) = [p for p in validate_file(path, lang="en") if p.code == "duplicate-id"]
    assert english.message == "duplicate profile id 'a' (first defined at line 3)"
    assert (problem.line, problem.col) == (english.line, english.col) == (4, 10)


def test_the_api_writes_the_plans_locale(tmp_path: Path, pac: PlanKit) -> None:
    """``pacspec.validate`` and ``pacspec.lint`` default to the plan's locale, like the CLI."""
    for locale, message in (("fr", "l'action commerciale 'a1' ne cible aucun client"),
                            ("en", "commercial action 'a1' has no target clients")):
        text = pac.text(ACTION).replace(HEADER, HEADER + f"locale: {locale}\n", 1)
        path = tmp_path / f"{locale}.pac.yaml"
        path.write_text(text, encoding="utf-8")
        (problem,) = pacspec.validate(path)
        assert problem.message == message
        (linted,) = pacspec.lint(pac.load(text))
        assert linted.message == message
        (forced,) = pacspec.lint(pac.load(text), "en")
        assert forced.message == "commercial action 'a1' has no target clients"


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_data_commands_write_the_plans_problems_in_its_locale(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        pac: PlanKit, locale: str) -> None:
    """``pacspec evaluate`` stops on a plan's errors written like ``validate`` writes them:
    the schema's and the lint's, in the plan's locale."""
    from pacspec.cli import main

    monkeypatch.chdir(tmp_path)
    words = {"fr": ("attendu : un nombre ; trouvé : une liste",
                    "l'échéance 30/06/2025 précède le début du plan (01/01/2026)"),
             "en": ("expected a number, found a list",
                    "due date 2025-06-30 is before the plan starts (2026-01-01)")}[locale]
    bodies = (TARGETED + "    budget: [1]\n", TARGETED.replace("due: 2026-06", "due: 2025-06"))
    for body, message in zip(bodies, words, strict=True):
        Path("plan.pac.yaml").write_text(pac.text(body) + f"locale: {locale}\n",
                                         encoding="utf-8")
        assert main(["evaluate", "plan.pac.yaml"]) == 1
        assert message in capsys.readouterr().err
