"""The starter plan that ``pacspec init`` writes: every section, heavily commented.

The text is built from one template per locale (comments in French by default, in English
for ``en``). It validates with no error and no warning, stands alone (its profile rules are
written inline, identical in meaning to ``plans/rules/profiles-fr.rules.yaml``), and avoids
the shorthand forms of the condition language so that editors using the JSON Schema show no
false alarm.
"""

from __future__ import annotations

import datetime as dt
import json

__all__ = ["LOCALES", "SCHEMA_MODELINE", "starter_plan"]

SCHEMA_MODELINE = (
    "# yaml-language-server: $schema=https://pacspec.dev/schemas/pacspec-plan.schema.json"
)
"""First line of every starter plan: tells editors which JSON Schema to use."""

_DEFAULT_COMPANY = {"fr": "Mon entreprise", "en": "My company"}


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
    if locale == "en" and text == _DEFAULT_COMPANY["fr"]:
        return _DEFAULT_COMPANY["en"]  # the command line's default, for an English plan
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
    if locale not in _TEMPLATES:
        raise ValueError(f"unknown locale {locale!r}; expected one of {', '.join(LOCALES)}")
    if year is None:
        year = dt.date.today().year
    if not 1900 <= year <= 2999:
        raise ValueError(f"budget year {year} is outside 1900..2999")
    text = _TEMPLATES[locale]
    text = text.replace("@COMPANY@", _yaml_string(_clean_company(company, locale)))
    return text.replace("@YR@", str(year))


_FR = """\
# yaml-language-server: $schema=https://pacspec.dev/schemas/pacspec-plan.schema.json
#
# Plan d'Action Commerciale (PAC) -- plan de départ écrit par `pacspec init`.
#
# Ce fichier est la source de vérité du plan : gardez-le dans git et vérifiez-le comme du
# code, à chaque modification :
#     pacspec validate CE_FICHIER     schéma, références, dates, couverture des règles, budget
#     pacspec evaluate CE_FICHIER     ABC, RFM, profils, IPO/IPA, portefeuille sur vos données
#
# Règles d'écriture (YAML strict) :
#   - les clés sont en anglais (snake_case), les textes dans votre langue ;
#   - indentez avec des espaces, jamais avec des tabulations ;
#   - une clé en double, une clé inconnue ou un mauvais type sont des erreurs, signalées
#     avec fichier:ligne:colonne (et « did you mean » pour les fautes de frappe) ;
#   - yes / no / on / off restent du texte : écrivez true / false pour oui / non ;
#   - les dates s'écrivent AAAA-MM-JJ ; un texte qui contient « : » ou « # » se met
#     entre guillemets, de même que les codes qui commencent par 0 ("0011", "01000").
#
# Le plan suit les trois temps de la méthode : 1. analyser la situation, 2. identifier et
# choisir les actions, 3. piloter les actions.

pacspec: 1      # version du format de fichier ; ne la changez pas
locale: fr      # langue des libellés affichés : fr ou en

# Des jeux de règles réutilisables peuvent être inclus depuis d'autres fichiers, par
# chemin relatif à ce fichier (les cycles sont détectés), par exemple :
#   include:
#     - rules/profiles-fr.rules.yaml     # à la place de la section profiles ci-dessous
#     - rules/rfm-segments.rules.yaml    # segments RFM nommés (Champions, À risque...)
#     - rules/recommendations-fr.rules.yaml   # actions recommandées par groupe de clients

# ------------------------------------------------------------------------------ En-tête
header:
  company: @COMPANY@
  business_unit: Activité principale    # DAS, domaine d'activité stratégique du plan
  budget_year: @YR@                     # année budgétaire
  plan_start: @YR@-01-01                # premier jour du plan (horizons et pilotage)
  plan_end: @YR@-12-31                  # dernier jour (défaut : un an après le début)
  vision: Être la référence de notre marché en France dans 3 ans
  currency: EUR                         # code ISO 4217 de tous les montants du plan
  author: Direction commerciale
  # Objectifs mesurables, pilotés comme des indicateurs (voir steering plus bas).
  # metric : orders_per_month, units_per_month, revenue, average_order_value,
  # active_clients, retention_rate, reactivation_rate, acquisition_rate,
  # conversion_rate, budget_consumed, roi.
  objectives:
    - id: commandes-mois
      text: 45 commandes par mois
      metric: orders_per_month
      target: 45
    - id: chiffre-affaires
      text: Chiffre d'affaires annuel de 1,2 M€
      metric: revenue
      target: 1200000
      bands: {green: 1.0, orange: 0.9}   # vert dès 100 % de l'objectif, orange dès 90 %

# ------------------------------------------------------------------ Données clients
# Où sont les données et comment s'appellent leurs colonnes. Les chemins sont relatifs à
# ce fichier ; ils peuvent aussi être donnés à `pacspec evaluate` (--transactions,
# --clients). Fichiers CSV ou Parquet.
data:
  transactions:                         # lignes de factures : client, date, montant
    path: data/transactions.csv
    columns:
      client: client        # identifiant client, lu comme du texte ("00042" reste "00042")
      date: date            # date de facture ou de commande
      amount: amount        # montant net HT ; un avoir est un montant négatif
      order: invoice        # n° de commande ou de facture ; sans lui, chaque jour d'achat
                            # d'un client compte pour une commande
      quantity: quantity    # quantités vendues (facultatif)
      product: product      # produit ou famille de produits (facultatif)
    # Lecture du CSV : tout est automatique par défaut et convient aux exports français
    # de tableur. Décommentez une option pour l'imposer.
    csv:
      encoding: auto        # UTF-8 (avec ou sans BOM), sinon cp1252 (exports Excel)
      # delimiter: ";"      # défaut : détecté parmi « ; », « , », tabulation et « | »
      # decimal: ","        # défaut : virgule quand le séparateur est « ; » (12,50)
      # thousands: " "      # défaut : espace, espace insécable, ou « . » avec la virgule
      # date_format: "%d/%m/%Y"   # défaut : JJ/MM/AAAA et AAAA-MM-JJ sont acceptés
  clients:                              # registre : un client par ligne, prospects compris
    path: data/clients.csv
    columns: {id: client, name: name}   # les autres colonnes deviennent des attributs
                                        # (typologie, région, potentiel, notes IPO/IPA...)
  bad_rows: error       # ligne illisible : error (arrêt, avec la liste) ou skip (signalée)

# ====================================================== 1. Analyser la situation
# Matrice EMOFF : Environnement, Menaces, Opportunités, Forces, Faiblesses. Les
# croisements (TOWS) en tirent des stratégies, que les actions mettent en œuvre.
emoff:
  environment: >-
    Décrivez le marché : sa taille, sa saisonnalité, ses circuits de distribution et
    ses tendances.
  threats:                              # menaces (externes, défavorables)
    - id: t-concurrence
      text: Arrivée de concurrents à bas prix
      weight: 4                         # importance, de 1 (mineure) à 5 (majeure)
      source: Remontées du terrain
  opportunities:                        # opportunités (externes, favorables)
    - id: o-renouvellement
      text: Renouvellement des équipements des clients installés
      weight: 4
  strengths:                            # forces (internes)
    - id: s-service
      text: Service après-vente réactif et reconnu
      weight: 5
  weaknesses:                           # faiblesses (internes)
    - id: w-notoriete
      text: Faible notoriété auprès des nouveaux clients
      weight: 3
  strategies:
    # so : s'appuyer sur les forces pour saisir les opportunités ; st : sur les forces
    # pour parer les menaces ; wo : maîtriser les faiblesses pour saisir les
    # opportunités ; wt : maîtriser les faiblesses pour limiter l'exposition aux menaces.
    # Chaque stratégie cite (uses) les faits qu'elle croise.
    so:
      - id: so-reprise
        text: Offre de reprise des anciens équipements, appuyée sur notre service
        uses: [s-service, o-renouvellement]
    st: []
    wo: []
    wt: []

# Matrice IPO / IPA (analyse qualitative) : chaque client reçoit une note par critère ;
# IPO = indice probable de potentiel, IPA = indice probable d'accessibilité (moyennes
# pondérées). La grille 2 x 2 donne la priorité : 1 = fort potentiel et forte
# accessibilité (à travailler d'abord), 2 = potentiel fort mais accès difficile (investir),
# 3 = potentiel faible mais accès facile (servir à moindre coût), 4 = surveiller.
ipo_ipa:
  scale: {min: 1, max: 5}               # échelle des notes
  ipo:                                  # critères de potentiel ; les notes sont lues dans
    - id: ipo_taille                    # la colonne du registre de même nom
      label: Taille du client
      weight: 2
    - id: ipo_croissance
      label: Dynamisme de son marché
      weight: 1
  ipa:                                  # critères d'accessibilité
    - id: ipa_relation
      label: Qualité de la relation
      weight: 2
    - id: ipa_proximite
      label: Proximité géographique
      weight: 1
  thresholds: {ipo: 3, ipa: 3}          # coupures de la grille (défaut : milieu d'échelle)
  # Notes données ici plutôt que dans le registre (client, puis critère) :
  # notes:
  #   C0001: {ipo_taille: 5, ipa_relation: 4}

# Matrice ABC (loi de Pareto) : clients classés par chiffre d'affaires décroissant ;
# A = les premiers 80 % du CA, B = les 15 % suivants, C = les 5 % restants.
abc:
  basis: revenue                        # revenue : coupes en part cumulée du CA ;
                                        # clients : en part cumulée des clients (20 / 70 %)
  cuts: [0.80, 0.95]
  labels: [A, B, C]
  reference: [0.20, 0.50, 0.30]         # répartition de référence des clients (20/50/30)
  dependence_threshold: 0.05            # alerte si A compte moins de 5 % des clients

# Portefeuille client (matrice ABC croisée) : classe de CA (A, B, C ; P pour les
# prospects) croisée avec la classe de potentiel A' / B' / C'. Zones : core (fonds de
# commerce), development (potentiel de développement), economic (gestion économique),
# no_visit (prospects de faible potentiel : pas de visite).
portfolio:
  attribute: potential                  # colonne du registre : potentiel d'achat estimé
  thresholds: [50000, 10000]            # potentiel >= 50 000 : A' ; >= 10 000 : B' ; sinon C'

# Matrice RFM : Récence, Fréquence, Montant.
rfm:
  periods:                              # cotation RFM : un chiffre par période, la plus
    unit: quarter                       # ancienne d'abord ; 1 = a acheté, 0 = n'a pas acheté
    count: 4                            # 4 trimestres : "0011" = achats aux 2 derniers
    include_current: false              # true : la période en cours compte, même incomplète
  frequency: orders                     # orders (commandes distinctes) ou days (jours d'achat)
  scores: {bins: 5}                     # notes R, F, M de 1 à 5 (5 = meilleur)
  # Fenêtre d'analyse, si elle diffère des 4 trimestres :
                                        # window: {start: @YR@-01-01, end: @YR@-12-31}

# Profils clients : la première règle dont la condition (when) est vraie nomme le
# client. Ce sont les profils par défaut de la méthode (ceux de
# rules/profiles-fr.rules.yaml, écrits ici pour que ce fichier se suffise à lui-même) ;
# `pacspec validate` prouve que chacun des 16 codes trouve une règle et qu'aucune règle
# n'est masquée par les précédentes.
profiles:
  - id: inactif
    label: {fr: Inactifs, en: Inactive}
    description: Aucun achat sur les 4 derniers trimestres. Action type, la reconquête.
    when: {code: ["0000"]}
  - id: tres-regulier
    label: {fr: Très réguliers, en: Very regular}
    description: Achète chaque trimestre. Actions types, fidélisation et ventes additionnelles.
    when: {code: ["1111"]}
  - id: nouveau
    label: {fr: Nouveaux, en: New}
    description: Premier achat depuis le début de la fenêtre d'analyse. Action type, l'intégration.
    when: {new: true}
  - id: regulier
    label: {fr: Réguliers, en: Regular}
    description: Trois trimestres d'achat sur quatre, dont le dernier.
    when: {code: ["0111", "1011", "1101"]}
  - id: cyclique
    label: {fr: Cycliques, en: Cyclical}
    description: Achats en alternance, au rythme d'une saison.
    when: {code: ["0101", "1010", "1001"]}
  - id: reactive
    label: {fr: Réactivés, en: Reactivated}
    description: >-
      Reviennent après une absence (achats avant la fenêtre) ; les nouveaux clients ont
      été nommés plus haut, donc ces codes ne restent qu'aux clients déjà connus.
    when: {code: ["0001", "0011"]}
  - id: a-fideliser
    label: {fr: À fidéliser / en perte de vitesse, en: To retain / slipping}
    description: Ont cessé d'acheter sur les derniers trimestres. Action type, la fidélisation.
    when: {code: ["1110", "1100", "0110", "1000", "0100", "0010"]}

# Typologies de clients : le tableau du PAC regroupe les actions par typologie.
typologies:
  - id: grands-comptes
    label: Grands comptes
    when: {abc: {in: [A]}}              # les clients de classe A
  - id: revendeurs
    label: Revendeurs
    # sans when : les clients dont la colonne « typology » du registre vaut « revendeurs »

# ================================================ 2. Identifier et choisir les actions
# Le tableau du PAC, une action par entrée.
#   type : commercial (sous-types prospecting, win_back, cross_selling, up_selling,
#          retention, key_account, event, promotion) ou internal (organisation, training,
#          sales_material, tooling, recruitment, communication).
#   due : date de fin AAAA-MM-JJ ; l'horizon en découle (court terme <= 6 mois, moyen
#         terme <= 24 mois, long terme au-delà).
#   target : les clients visés, avec le même langage de conditions que les règles
#            (client, abc, profile, segment, typology, quadrant, zone, new, prospect,
#            attributes...).
actions:
  - id: reconquete-inactifs
    title: Reconquête des clients inactifs
    type: commercial
    subtype: win_back
    typology: revendeurs
    target:                             # inactifs qui avaient acheté avant la fenêtre
      profile: {in: [inactif]}
      bought_before_window: true
    strategies: [so-reprise]            # stratégies EMOFF mises en œuvre
    steps:                              # étapes
      - Relance téléphonique
      - Offre de reprise de l'ancien équipement
      - Visite des 20 plus gros comptes
    priority: 1                         # priorité, 1 = la plus haute
    owner: DC                           # responsable
    participants: [DC, KAM, MKE]
    due: @YR@-06-30                     # date de fin
    progress: 0                         # avancement, de 0 à 100 %
    budget: 5000
    target_revenue: 60000               # CA cible (ou growth: 0.15 pour +15 % du CA actuel)
    comments: Commencer par les clients de classe A et B
    workload: {visits_per_month: 2, from: @YR@-02-01, to: @YR@-06-30}

  - id: formation-produits
    title: Formation de l'équipe commerciale aux nouveaux produits
    type: internal
    subtype: training
    strategies: [so-reprise]
    steps: [Programme de formation, Deux sessions d'une journée, Quiz de validation]
    priority: 2
    owner: DC
    participants: [DC, KAM]
    due: @YR@-03-31
    budget: 3000
    # results: ce que l'action a produit, mesuré (à remplir en cours d'année)

# Enveloppe budgétaire : dépasser une enveloppe est une erreur. Axes facultatifs :
# by_type, by_horizon (short, medium, long), by_owner, by_priority.
budget:
  total: 8000
  by_type: {commercial: 5000, internal: 3000}

# =============================================================== 3. Piloter les actions
# Indicateurs mesurés à chaque évaluation contre leur cible ; taux de réalisation =
# réalisé / cible, en vert, orange ou rouge selon les seuils (bands).
steering:
  cadence: monthly                      # monthly ou quarterly
  revenue_tolerance: 0.05               # écart toléré entre le CA actuel déclaré et les données
  allow_overlap: false                  # false : alerte si un client est visé par deux actions
  kpis:
    - id: panier-moyen
      label: Panier moyen
      metric: average_order_value
      target: 1500
    - id: fidelisation-a
      label: Taux de fidélisation des clients A
      metric: retention_rate
      target: 0.9
      scope: {abc: {in: [A]}}           # restreint aux clients de classe A
    - id: budget-consomme
      label: Budget consommé
      metric: budget_consumed
      target: 8000
      direction: lower                  # moins vaut mieux
"""

_EN = """\
# yaml-language-server: $schema=https://pacspec.dev/schemas/pacspec-plan.schema.json
#
# Commercial action plan (PAC, Plan d'Action Commerciale) -- starter written by
# `pacspec init`.
#
# This file is the plan's source of truth: keep it in git and check it like code, on
# every change:
#     pacspec validate THIS_FILE     schema, references, dates, rule coverage, budget
#     pacspec evaluate THIS_FILE     ABC, RFM, profiles, IPO/IPA, portfolio on your data
#
# Writing rules (strict YAML):
#   - keys are English (snake_case), texts are in your language;
#   - indent with spaces, never with tabs;
#   - a duplicate key, an unknown key or a wrong type is an error, reported as
#     file:line:col (with "did you mean" for typos);
#   - yes / no / on / off stay text: write true / false for booleans;
#   - dates are written YYYY-MM-DD; quote a text that contains ": " or " #", and codes
#     that start with 0 ("0011", "01000").
#
# The plan follows the three stages of the method: 1. analyse the situation, 2. identify
# and choose the actions, 3. steer the actions.

pacspec: 1      # file format version; do not change it
locale: en      # language of the labels shown to users: fr or en

# Reusable rule sets can be included from other files, by path relative to this file
# (cycles are detected), for example:
#   include:
#     - rules/profiles-fr.rules.yaml     # instead of the profiles section below
#     - rules/rfm-segments.rules.yaml    # named RFM segments (Champions, At risk...)
#     - rules/recommendations-fr.rules.yaml   # recommended actions per group of clients

# ------------------------------------------------------------------------------- Header
header:
  company: @COMPANY@
  business_unit: Main business          # the business area the plan covers (DAS)
  budget_year: @YR@                     # fiscal year
  plan_start: @YR@-01-01                # first day (horizons and steering count from it)
  plan_end: @YR@-12-31                  # last day (default: a year after the start)
  vision: Be the reference of our market in France within 3 years
  currency: EUR                         # ISO 4217 code of every amount in the plan
  author: Sales management
  # Measurable objectives, steered like KPIs (see steering below).
  # metric: orders_per_month, units_per_month, revenue, average_order_value,
  # active_clients, retention_rate, reactivation_rate, acquisition_rate,
  # conversion_rate, budget_consumed, roi.
  objectives:
    - id: orders-per-month
      text: 45 orders per month
      metric: orders_per_month
      target: 45
    - id: yearly-revenue
      text: Yearly revenue of EUR 1.2 million
      metric: revenue
      target: 1200000
      bands: {green: 1.0, orange: 0.9}   # green from 100 % of the target, orange from 90 %

# ---------------------------------------------------------------------------- Client data
# Where the data is and what its columns are called. Paths are relative to this file;
# they can also be given to `pacspec evaluate` (--transactions, --clients). CSV or
# Parquet files.
data:
  transactions:                         # invoice lines: client, date, amount
    path: data/transactions.csv
    columns:
      client: client        # client id, read as text ("00042" stays "00042")
      date: date            # invoice or order date
      amount: amount        # net amount excluding tax; a credit note is negative
      order: invoice        # order or invoice number; without it, each purchase day of a
                            # client counts as one order
      quantity: quantity    # units sold (optional)
      product: product      # product or product family (optional)
    # How the CSV is read: everything is automatic by default and suits French
    # spreadsheet exports. Uncomment an option to force it.
    csv:
      encoding: auto        # UTF-8 (with or without BOM), else cp1252 (Excel exports)
      # delimiter: ";"      # default: sniffed among ";", ",", tab and "|"
      # decimal: ","        # default: a comma when the separator is ";" (12,50)
      # thousands: " "      # default: space, no-break space, or "." with a decimal comma
      # date_format: "%d/%m/%Y"   # default: DD/MM/YYYY and YYYY-MM-DD are accepted
  clients:                              # register: one client per row, prospects included
    path: data/clients.csv
    columns: {id: client, name: name}   # every other column becomes an attribute
                                        # (typology, region, potential, IPO/IPA notes...)
  bad_rows: error       # unreadable row: error (stop, with the list) or skip (reported)

# ========================================================= 1. Analyse the situation
# EMOFF matrix (French SWOT): Environment, threats, opportunities, strengths,
# weaknesses. The TOWS crossings turn them into strategies, which actions implement.
emoff:
  environment: >-
    Describe the market: its size, its seasons, its distribution channels and its
    trends.
  threats:                              # external, against the plan
    - id: t-competition
      text: Low-price competitors entering the market
      weight: 4                         # importance, 1 (minor) to 5 (major)
      source: Field feedback
  opportunities:                        # external, in favour
    - id: o-renewal
      text: Installed clients renewing their equipment
      weight: 4
  strengths:                            # internal assets
    - id: s-service
      text: Responsive, well-known after-sales service
      weight: 5
  weaknesses:                           # internal shortcomings
    - id: w-awareness
      text: Little brand awareness among new clients
      weight: 3
  strategies:
    # so: use strengths to seize opportunities; st: use strengths to ward off threats;
    # wo: master weaknesses to seize opportunities; wt: master weaknesses to limit
    # exposure to threats. Each strategy lists (uses) the facts it crosses.
    so:
      - id: so-trade-in
        text: Trade-in offer for old equipment, backed by our service
        uses: [s-service, o-renewal]
    st: []
    wo: []
    wt: []

# IPO / IPA matrix (qualitative analysis): each client gets a note per criterion;
# IPO = probable potential index, IPA = probable accessibility index (weighted means).
# The 2 x 2 grid gives the priority: 1 = high potential and high access (work first),
# 2 = high potential, low access (invest to open access), 3 = low potential, high access
# (serve at low cost), 4 = watch only.
ipo_ipa:
  scale: {min: 1, max: 5}               # note scale
  ipo:                                  # potential criteria; notes are read from the
    - id: ipo_size                      # register column of the same name
      label: Client size
      weight: 2
    - id: ipo_growth
      label: Growth of its market
      weight: 1
  ipa:                                  # accessibility criteria
    - id: ipa_relationship
      label: Quality of the relationship
      weight: 2
    - id: ipa_distance
      label: Geographic proximity
      weight: 1
  thresholds: {ipo: 3, ipa: 3}          # grid cuts (default: the scale midpoint)
  # Notes given here rather than in the register (by client, then criterion):
  # notes:
  #   C0001: {ipo_size: 5, ipa_relationship: 4}

# ABC matrix (Pareto): clients ranked by revenue, descending; A = the first 80 % of
# revenue, B = the next 15 %, C = the last 5 %.
abc:
  basis: revenue                        # revenue: cut at cumulative revenue shares;
                                        # clients: at cumulative client shares (20 / 70 %)
  cuts: [0.80, 0.95]
  labels: [A, B, C]
  reference: [0.20, 0.50, 0.30]         # reference split of clients (20/50/30)
  dependence_threshold: 0.05            # warn when A holds fewer than 5 % of the clients

# Client portfolio (matrice ABC croisée): revenue class (A, B, C; P for prospects)
# crossed with the potential class A' / B' / C'. Zones: core (fonds de commerce),
# development (potentiel de développement), economic (gestion économique), no_visit
# (low-potential prospects: no visits).
portfolio:
  attribute: potential                  # register column: estimated purchasing potential
  thresholds: [50000, 10000]            # potential >= 50,000: A'; >= 10,000: B'; else C'

# RFM matrix: recency, frequency, monetary value.
rfm:
  periods:                              # RFM code: one digit per period, oldest first;
    unit: quarter                       # 1 = bought, 0 = did not
    count: 4                            # 4 quarters: "0011" = bought in the last two
    include_current: false              # true: the current period counts, even if partial
  frequency: orders                     # orders (distinct orders) or days (purchase days)
  scores: {bins: 5}                     # R, F, M scores from 1 to 5 (5 = best)
  # Analysis window, when it differs from the 4 quarters:
                                        # window: {start: @YR@-01-01, end: @YR@-12-31}

# Client profiles: the first rule whose condition (when) holds names the client. These
# are the method's default profiles (those of rules/profiles-fr.rules.yaml, written here
# so that this file stands alone; the ids are the same, so you can swap this section for
# the include). `pacspec validate` proves that each of the 16 codes reaches a rule and
# that no rule is shadowed by earlier ones.
profiles:
  - id: inactif
    label: {fr: Inactifs, en: Inactive}
    description: No purchase in the last 4 quarters. Typical action, win-back.
    when: {code: ["0000"]}
  - id: tres-regulier
    label: {fr: Très réguliers, en: Very regular}
    description: Buys every quarter. Typical actions, retention and cross-selling.
    when: {code: ["1111"]}
  - id: nouveau
    label: {fr: Nouveaux, en: New}
    description: First purchase ever inside the analysis window. Typical action, onboarding.
    when: {new: true}
  - id: regulier
    label: {fr: Réguliers, en: Regular}
    description: Bought in three quarters out of four, including the last one.
    when: {code: ["0111", "1011", "1101"]}
  - id: cyclique
    label: {fr: Cycliques, en: Cyclical}
    description: Alternating purchases, with the seasons.
    when: {code: ["0101", "1010", "1001"]}
  - id: reactive
    label: {fr: Réactivés, en: Reactivated}
    description: >-
      Back after a pause (purchases before the window); new clients were named above, so
      these codes are left to known clients only.
    when: {code: ["0001", "0011"]}
  - id: a-fideliser
    label: {fr: À fidéliser / en perte de vitesse, en: To retain / slipping}
    description: Stopped buying in the last quarters. Typical action, retention.
    when: {code: ["1110", "1100", "0110", "1000", "0100", "0010"]}

# Client typologies: the PAC table groups actions by typology.
typologies:
  - id: key-accounts
    label: Key accounts
    when: {abc: {in: [A]}}              # the class A clients
  - id: resellers
    label: Resellers
    # no when: the clients whose register column "typology" is "resellers"

# ========================================== 2. Identify and choose the actions
# The PAC table, one entry per action.
#   type: commercial (subtypes prospecting, win_back, cross_selling, up_selling,
#         retention, key_account, event, promotion) or internal (organisation, training,
#         sales_material, tooling, recruitment, communication).
#   due: end date YYYY-MM-DD; the horizon follows (short term <= 6 months, medium term
#        <= 24 months, long term beyond).
#   target: the clients worked on, in the same condition language as the rules (client,
#           abc, profile, segment, typology, quadrant, zone, new, prospect, attributes...).
actions:
  - id: win-back-inactive
    title: Win back inactive clients
    type: commercial
    subtype: win_back
    typology: resellers
    target:                             # inactive clients who bought before the window
      profile: {in: [inactif]}
      bought_before_window: true
    strategies: [so-trade-in]           # EMOFF strategies the action implements
    steps:
      - Phone follow-up
      - Trade-in offer for the old equipment
      - Visit the 20 largest accounts
    priority: 1                         # 1 = highest
    owner: SM                           # who leads
    participants: [SM, KAM, MKT]
    due: @YR@-06-30                     # end date
    progress: 0                         # completion, 0 to 100 %
    budget: 5000
    target_revenue: 60000               # target revenue (or growth: 0.15 for +15 %)
    comments: Start with the class A and B clients
    workload: {visits_per_month: 2, from: @YR@-02-01, to: @YR@-06-30}

  - id: product-training
    title: Train the sales team on the new products
    type: internal
    subtype: training
    strategies: [so-trade-in]
    steps: [Training programme, Two one-day sessions, Validation quiz]
    priority: 2
    owner: SM
    participants: [SM, KAM]
    due: @YR@-03-31
    budget: 3000
    # results: what the action achieved, measured (fill in during the year)

# Budget envelope: going over an envelope is an error. Optional axes: by_type,
# by_horizon (short, medium, long), by_owner, by_priority.
budget:
  total: 8000
  by_type: {commercial: 5000, internal: 3000}

# ================================================================ 3. Steer the actions
# KPIs measured at each evaluation against their target; attainment = realised /
# target, green, orange or red by the bands.
steering:
  cadence: monthly                      # monthly or quarterly
  revenue_tolerance: 0.05               # tolerated gap between stated and measured revenue
  allow_overlap: false                  # false: warn when two actions target one client
  kpis:
    - id: average-order-value
      label: Average order value
      metric: average_order_value
      target: 1500
    - id: retention-a
      label: Retention rate of class A clients
      metric: retention_rate
      target: 0.9
      scope: {abc: {in: [A]}}           # class A clients only
    - id: budget-consumed
      label: Budget consumed
      metric: budget_consumed
      target: 8000
      direction: lower                  # less is better
"""

_TEMPLATES: dict[str, str] = {"fr": _FR, "en": _EN}

LOCALES: tuple[str, ...] = tuple(_TEMPLATES)
"""The locales a starter plan can be written in."""
