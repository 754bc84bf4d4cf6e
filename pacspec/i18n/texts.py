"""The one table of user-facing texts, key -> {"fr": …, "en": …} (French terms from the
glossary); typed placeholders such as ``{x:money}`` are described at :func:`.labels.explain`."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

_TEXTS: dict[str, dict[str, str]] = {
    # table columns
    "client": {"fr": "Client", "en": "Client"},
    "name": {"fr": "Nom", "en": "Name"},
    "typology": {"fr": "Typologie", "en": "Typology"},
    "revenue": {"fr": "CA", "en": "Revenue"},
    "orders": {"fr": "Commandes", "en": "Orders"},
    "units": {"fr": "Unités", "en": "Units"},
    "history_revenue": {"fr": "CA historique", "en": "Revenue, all history"},
    "first_purchase": {"fr": "Premier achat", "en": "First purchase"},
    "last_purchase": {"fr": "Dernier achat", "en": "Last purchase"},
    "recency": {"fr": "Récence (j)", "en": "Recency (d)"},
    "code": {"fr": "Cotation RFM", "en": "RFM code"},
    "r": {"fr": "R", "en": "R"},
    "f": {"fr": "F", "en": "F"},
    "m": {"fr": "M", "en": "M"},
    "abc": {"fr": "Classe ABC", "en": "ABC class"},
    "segment": {"fr": "Segment RFM", "en": "RFM segment"},
    "profile": {"fr": "Profil", "en": "Profile"},
    "ipo": {"fr": "IPO", "en": "IPO"},
    "ipa": {"fr": "IPA", "en": "IPA"},
    "quadrant": {"fr": "Priorité IPO/IPA", "en": "IPO/IPA priority"},
    "potential": {"fr": "Potentiel", "en": "Potential"},
    "potential_class": {"fr": "Classe de potentiel", "en": "Potential class"},
    "revenue_class": {"fr": "Classe de CA", "en": "Revenue class"},
    "zone": {"fr": "Zone du portefeuille", "en": "Portfolio zone"},
    "new": {"fr": "Nouveau", "en": "New"},
    "prospect": {"fr": "Prospect", "en": "Prospect"},
    "abc_none": {"fr": "Sans CA", "en": "No revenue"},
    "penetration": {"fr": "Taux de pénétration", "en": "Penetration"},
    "headroom": {"fr": "Reste à gagner", "en": "Headroom"},
    # summary words
    "clients": {"fr": "Clients", "en": "Clients"},
    "client_share": {"fr": "% clients", "en": "% clients"},
    "reference": {"fr": "Référence", "en": "Reference"},
    "revenue_share": {"fr": "% CA", "en": "% revenue"},
    "total": {"fr": "Total", "en": "Total"},
    "none": {"fr": "(aucun)", "en": "(none)"},
    "as_of": {"fr": "Date d'analyse", "en": "As of"},
    "window": {"fr": "Fenêtre d'analyse", "en": "Analysis window"},
    "periods": {"fr": "Périodes", "en": "Periods"},
    "thresholds": {"fr": "Seuils", "en": "Thresholds"},
    "top_clients": {"fr": "Premiers clients", "en": "Top clients"},
    # section titles
    "title_abc": {"fr": "Matrice ABC (loi de Pareto)", "en": "ABC matrix (Pareto)"},
    "title_profiles": {"fr": "Profils clients (cotation RFM)", "en": "Client profiles (RFM code)"},
    "title_codes": {"fr": "Répartition des cotations RFM", "en": "RFM code distribution"},
    "title_segments": {"fr": "Segments RFM", "en": "RFM segments"},
    "title_scores": {"fr": "Seuils des scores RFM", "en": "RFM score thresholds"},
    "title_ipo_ipa": {"fr": "Matrice IPO / IPA", "en": "IPO / IPA matrix"},
    "title_portfolio": {"fr": "Portefeuille client (ABC croisée)",
                        "en": "Client portfolio (crossed ABC)"},
    "title_top": {"fr": "Premiers clients par classe", "en": "Top clients per class"},
    "title_priority": {"fr": "Clients prioritaires (IPO/IPA priorité 1)",
                       "en": "Priority clients (IPO/IPA priority 1)"},
    # quadrants and zones
    "quadrant_1": {"fr": "1 : à travailler en premier", "en": "1: work first"},
    "quadrant_2": {"fr": "2 : investir pour ouvrir l'accès", "en": "2: invest to open access"},
    "quadrant_3": {"fr": "3 : servir à moindre coût", "en": "3: serve at low cost"},
    "quadrant_4": {"fr": "4 : surveiller", "en": "4: watch only"},
    "zone_core": {"fr": "Fonds de commerce", "en": "Core business"},
    "zone_development": {"fr": "Potentiel de développement", "en": "Development potential"},
    "zone_economic": {"fr": "Gestion économique", "en": "Low-cost management"},
    "zone_no_visit": {"fr": "Pas de visite", "en": "No visits"},
    # actions and steering (pacspec track)
    "title_track": {"fr": "Pilotage du PAC", "en": "PAC steering"},
    "title_actions": {"fr": "Tableau du PAC", "en": "PAC table"},
    "title_action_clients": {"fr": "Clients des actions", "en": "Clients of the actions"},
    "title_workload": {"fr": "Charge de travail par mois (v = visites, j = jours)",
                       "en": "Workload per month (v = visits, d = days)"},
    "title_coverage": {"fr": "Couverture de l'analyse", "en": "Coverage of the analysis"},
    "title_suggestions": {"fr": "Suggestions", "en": "Suggestions"},
    "title_dashboard": {"fr": "Tableau de bord au {as_of}", "en": "Dashboard at {as_of}"},
    "title_action_results": {"fr": "Résultats des actions", "en": "Action results"},
    "title_kpis": {"fr": "Objectifs et indicateurs", "en": "Objectives and KPIs"},
    "title_trend": {"fr": "Évolution", "en": "Trend"},
    "action": {"fr": "Action", "en": "Action"},
    "current_revenue": {"fr": "CA actuel", "en": "Current revenue"},
    "target_revenue": {"fr": "CA cible", "en": "Target revenue"},
    "budget": {"fr": "Budget", "en": "Budget"},
    "horizon": {"fr": "Horizon", "en": "Horizon"},
    "priority": {"fr": "Priorité", "en": "Priority"},
    "owner": {"fr": "Responsable", "en": "Owner"},
    "due": {"fr": "Date fin", "en": "Due"},
    "progress": {"fr": "Avancement", "en": "Progress"},
    "progress_vs_expected": {"fr": "Avancement / attendu", "en": "Progress / expected"},
    "realised": {"fr": "Réalisé", "en": "Realised"},
    "expected": {"fr": "Attendu", "en": "Expected"},
    "attainment": {"fr": "Réalisation", "en": "Attainment"},
    "variance": {"fr": "Écart", "en": "Variance"},
    "relative_variance": {"fr": "Écart %", "en": "Variance %"},
    "status": {"fr": "Statut", "en": "Status"},
    "reason": {"fr": "Motif", "en": "Reason"},
    "indicator": {"fr": "Indicateur", "en": "Indicator"},
    "value": {"fr": "Valeur", "en": "Value"},
    "target": {"fr": "Objectif", "en": "Target"},
    "envelope": {"fr": "Enveloppe", "en": "Envelope"},
    "share": {"fr": "Part", "en": "Share"},
    "person": {"fr": "Personne", "en": "Person"},
    "late": {"fr": "en retard", "en": "late"},
    "over": {"fr": "dépassement", "en": "over"},
    "estimated": {"fr": "estimé", "en": "estimated"},
    "internal_actions": {"fr": "Actions internes", "en": "Internal actions"},
    "no_typology": {"fr": "Sans typologie", "en": "No typology"},
    "period": {"fr": "Période", "en": "Period"},
    "baseline": {"fr": "Analyse de référence", "en": "Baseline analysis"},
    "period_line": {
        "fr": "{start} → {end} : {days} jours, {elapsed} {of}",
        "en": "{start} → {end}: {days} days, {elapsed} {of}",
    },
    "status_green": {"fr": "vert", "en": "green"},
    "status_orange": {"fr": "orange", "en": "orange"},
    "status_red": {"fr": "ROUGE", "en": "RED"},
    "status_n/a": {"fr": "n/a", "en": "n/a"},
    "type_commercial": {"fr": "Commerciale", "en": "Commercial"},
    "type_internal": {"fr": "Interne", "en": "Internal"},
    "horizon_short": {"fr": "CT", "en": "short"},
    "horizon_medium": {"fr": "MT", "en": "medium"},
    "horizon_long": {"fr": "LT", "en": "long"},
    "priority_n": {"fr": "Priorité {n}", "en": "Priority {n}"},
    "axis_type": {"fr": "Par type", "en": "By type"},
    "axis_subtype": {"fr": "Par nature", "en": "By subtype"},
    "axis_horizon": {"fr": "Par horizon", "en": "By horizon"},
    "axis_owner": {"fr": "Par responsable", "en": "By owner"},
    "axis_priority": {"fr": "Par priorité", "en": "By priority"},
    "subtype_prospecting": {"fr": "Prospection", "en": "Prospecting"},
    "subtype_win_back": {"fr": "Reconquête", "en": "Win-back"},
    "subtype_cross_selling": {"fr": "Ventes additionnelles", "en": "Cross-selling"},
    "subtype_up_selling": {"fr": "Montée en gamme", "en": "Up-selling"},
    "subtype_retention": {"fr": "Fidélisation", "en": "Retention"},
    "subtype_key_account": {"fr": "Plan grand compte", "en": "Key-account plan"},
    "subtype_event": {"fr": "Événement", "en": "Event"},
    "subtype_promotion": {"fr": "Promotion", "en": "Promotion"},
    "subtype_organisation": {"fr": "Organisation commerciale", "en": "Sales organisation"},
    "subtype_training": {"fr": "Formation", "en": "Training"},
    "subtype_sales_material": {"fr": "Supports commerciaux", "en": "Sales material"},
    "subtype_tooling": {"fr": "Outils", "en": "Tooling"},
    "subtype_recruitment": {"fr": "Recrutement", "en": "Recruitment"},
    "subtype_communication": {"fr": "Communication", "en": "Communication"},
    "metric_orders_per_month": {"fr": "Commandes par mois", "en": "Orders per month"},
    "metric_units_per_month": {"fr": "Unités par mois", "en": "Units per month"},
    "metric_revenue": {"fr": "Chiffre d'affaires", "en": "Revenue"},
    "metric_average_order_value": {"fr": "Panier moyen", "en": "Average order value"},
    "metric_active_clients": {"fr": "Clients actifs", "en": "Active clients"},
    "metric_retention_rate": {"fr": "Taux de fidélisation", "en": "Retention rate"},
    "metric_reactivation_rate": {"fr": "Taux de réactivation", "en": "Reactivation rate"},
    "metric_acquisition_rate": {"fr": "Taux de conquête", "en": "Acquisition rate"},
    "metric_conversion_rate": {"fr": "Taux de transformation", "en": "Conversion rate"},
    "metric_budget_consumed": {"fr": "Budget consommé", "en": "Budget consumed"},
    "metric_roi": {"fr": "ROI", "en": "ROI"},
    "metric_coverage_rate": {"fr": "Taux de couverture", "en": "Coverage rate"},
    "metric_meeting_conversion_rate": {"fr": "Taux de transformation par rendez-vous",
                                       "en": "Conversion per meeting"},
    "of_year": {"fr": "de l'année", "en": "of the year"},
    "of_plan": {"fr": "de la durée du plan", "en": "of the plan"},
    "action_no_target": {"fr": "pas de CA cible", "en": "no target revenue"},
    "late_behind": {
        "fr": "avancement {progress:pct0} pour {expected:pct0} attendus au {as_of:date}",
        "en": "progress {progress:pct0} where {expected:pct0} is expected by {as_of:date}",
    },
    "late_past_due": {
        "fr": "échéance du {due:date} dépassée à {progress:pct0} d'avancement",
        "en": "due {due:date} passed at {progress:pct0} progress",
    },
    "kpi_vs_target": {
        "fr": "{value:measure} pour un objectif de {target:measure}{attainment:paren_pct1}",
        "en": "{value:measure} against a target of {target:measure}{attainment:paren_pct1}",
    },
    "kpi_vs_cap": {
        "fr": "{value:measure} pour un plafond de {target:measure}{attainment:paren_pct1}",
        "en": "{value:measure} against a ceiling of {target:measure}{attainment:paren_pct1}",
    },
    "reason_join": {"fr": "{basis:reason} ; {comparison:reason}",
                    "en": "{basis:reason}; {comparison:reason}"},
    "basis_orders": {"fr": "{orders:num} commandes en {months:num1} mois",
                     "en": "{orders:num} orders in {months:num1} months"},
    "basis_units": {"fr": "{units:num} unités en {months:num1} mois",
                    "en": "{units:num} units in {months:num1} months"},
    "basis_aov": {"fr": "{revenue:money} pour {orders:num} commandes",
                  "en": "{revenue:money} over {orders:num} orders"},
    "basis_retention": {
        "fr": "{kept} clients de l'an dernier ont racheté, sur {base} actifs l'an dernier",
        "en": "{kept} of last year's {base} active clients bought again"},
    "basis_reactivation": {
        "fr": "{back} clients revenus sur {targeted} ciblés en reconquête",
        "en": "{back} of {targeted} win-back targets bought again",
    },
    "basis_acquisition": {"fr": "{new} nouveaux clients sur {active} actifs",
                          "en": "{new} new clients out of {active} active"},
    "basis_conversion": {
        "fr": "{converted} prospects devenus clients sur {targeted} ciblés",
        "en": "{converted} of {targeted} prospects targeted bought"},
    "basis_budget_estimated": {"fr": "dont {estimated:money} estimés d'après l'avancement",
                               "en": "of which {estimated:money} estimated from progress"},
    "basis_roi": {
        "fr": "CA supplémentaire sur N−1 à date {gained:money} pour un coût de {cost:money}",
        "en": "revenue gained on last year to date {gained:money} for a cost of {cost:money}"},
    "na_no_orders": {"fr": "n/a : aucune commande sur la période",
                     "en": "n/a: no orders in the period"},
    "na_no_quantity": {"fr": "n/a : pas de quantités dans les données",
                       "en": "n/a: the data has no quantities"},
    "na_no_base": {
        "fr": "n/a : aucun client actif l'année précédente",
        "en": "n/a: no client was active the year before"},
    "na_no_win_back": {"fr": "n/a : aucun client ciblé par une action de reconquête",
                       "en": "n/a: no client is targeted by a win-back action"},
    "na_no_active": {"fr": "n/a : aucun client actif sur la période",
                     "en": "n/a: no active client in the period"},
    "na_no_prospecting": {"fr": "n/a : aucune action de prospection",
                          "en": "n/a: no prospecting action"},
    "na_no_meetings": {"fr": "n/a : aucun rendez-vous enregistré (meetings)",
                       "en": "n/a: no meetings recorded (meetings)"},
    "na_no_cost": {"fr": "n/a : aucun budget consommé", "en": "n/a: no budget consumed"},
    # steering (DESIGN §5): phasing, N−1, landing, dated facts
    "phasing_no_history": {
        "fr": "phasage linéaire : les données ne remontent pas au {since:date}",
        "en": "linear phasing: the data does not reach back to {since:date}"},
    "phasing_fallback": {
        "fr": "profil saisonnier de tout le CA ({orders} commandes N−1 sur le périmètre, "
              "moins de {min})",
        "en": "the whole ledger's revenue profile ({orders} orders last year in the scope, "
              "fewer than {min})"},
    "phasing_rate_no_history": {
        "fr": "comparé à l'objectif lui-même : pas de trajectoire N−1 (données depuis le "
              "{since:date} nécessaires)",
        "en": "compared with the target itself: no trajectory last year (data since "
              "{since:date} needed)"},
    "phasing_weights_zero": {"fr": "phasage linéaire : poids mensuels nuls sur le plan",
                             "en": "linear phasing: the monthly weights are zero over the plan"},
    "phasing_seasonal": {"fr": "saisonnier", "en": "seasonal"},
    "phasing_linear": {"fr": "linéaire", "en": "linear"},
    "phasing_monthly": {"fr": "mensuel déclaré", "en": "declared monthly"},
    "phasing_target": {"fr": "objectif", "en": "target"},
    "na_not_started": {"fr": "n/a : l'action commence le {start:date}",
                       "en": "n/a: the action starts on {start:date}"},
    "na_n1_zero": {"fr": "n/a : rien en N−1 à date", "en": "n/a: nothing last year to date"},
    "na_n1_no_data": {"fr": "n/a : les données ne couvrent pas N−1 à date",
                      "en": "n/a: the data does not cover last year to date"},
    "na_n1_not_applicable": {"fr": "n/a : sans équivalent N−1 (mesure propre au plan)",
                             "en": "n/a: no last-year equivalent (a measure of the plan)"},
    "na_no_target_revenue": {"fr": "n/a : pas de CA cible", "en": "n/a: no target revenue"},
    "na_no_clients_targeted": {"fr": "n/a : l'action ne cible pas de clients",
                               "en": "n/a: the action targets no clients"},
    "na_target_zero": {"fr": "n/a : objectif nul", "en": "n/a: the target is zero"},
    "na_nothing_expected": {"fr": "n/a : rien n'est encore attendu à cette date",
                            "en": "n/a: nothing is expected yet at this date"},
    "na_not_cumulative": {"fr": "n/a : pas d'atterrissage pour un taux ou une moyenne",
                          "en": "n/a: no landing for a rate or an average"},
    "na_no_product_column": {
        "fr": "n/a : périmètre produit sans colonne produit dans les données",
        "en": "n/a: a product scope but no product column in the data"},
    "warn_underspent_late": {
        "fr": "sous-consommation ({attainment:pct0} de l'attendu) alors que {late} actions "
              "sont en retard",
        "en": "under-spending ({attainment:pct0} of the expected) while {late} actions are "
              "late"},
    "undated": {"fr": "non daté", "en": "undated"},
    "title_by_owner": {"fr": "Tableau de bord par responsable au {as_of}",
                       "en": "Dashboard by owner at {as_of}"},
    "late_count": {"fr": "En retard", "en": "Late"},
    # the views by a client register column (issue 10: --by commercial|region|typology)
    "title_by_commercial": {"fr": "Tableau de bord par commercial au {as_of}",
                            "en": "Dashboard by salesperson at {as_of}"},
    "title_by_region": {"fr": "Tableau de bord par région au {as_of}",
                        "en": "Dashboard by region at {as_of}"},
    "title_by_typology": {"fr": "Tableau de bord par typologie au {as_of}",
                          "en": "Dashboard by typology at {as_of}"},
    "view_commercial": {"fr": "Commercial", "en": "Salesperson"},
    "view_region": {"fr": "Région", "en": "Region"},
    "view_no_value": {"fr": "(non renseigné)", "en": "(not given)"},
    "view_actions_part": {"fr": "Actions (clients du groupe)",
                          "en": "Actions (the group's clients)"},
    "view_kpis": {"fr": "Indicateurs sur les clients du groupe",
                  "en": "Indicators on the group's clients"},
    "view_note": {
        "fr": "Chaque action est répartie selon ses clients et chaque indicateur est mesuré "
              "sur les clients du groupe : les sommes des groupes font le total. Taux de "
              "réalisation seulement là où un objectif individuel existe (targets: {{by: "
              "{by}, …}}).",
        "en": "Each action is split by its clients and each indicator is measured on the "
              "group's clients: the groups add up to the whole. Attainment only where a "
              "per-person target exists (targets: {{by: {by}, …}})."},
    "quota": {"fr": "Objectif individuel", "en": "Quota"},
    "rep_trend_legend": {
        "fr": "Trait plein : réalisé à date ; tirets : attendu à date (l'objectif phasé, "
              "contre lequel le cumul de l'année est jugé) ; pointillés : N−1 à date ; "
              "atterrissage : la projection de fin d'année, pour l'objectif de l'année.",
        "en": "Solid: realised to date; dashed: expected to date (the phased target the "
              "year to date is judged against); dotted: last year to date; landing: the "
              "year-end projection, for the year's target."},
    "rep_trend_legend_table": {
        "fr": "Attendu et N−1 à date : à la dernière date ; atterrissage : projection de fin "
              "d'année / objectif de l'année.",
        "en": "Expected and last year to date: at the last date; landing: year-end "
              "projection / the year's target."},
    "view_budget_note": {
        "fr": "Budget et consommé appartiennent aux actions entières : un groupe compte ceux "
              "des actions dont tous les clients sont dans le groupe ; une action partagée "
              "entre plusieurs groupes n'est pas répartie (n/a quand toutes ses actions le "
              "sont). Visites : celles du journal d'activité à ses clients depuis le début "
              "du plan.",
        "en": "Budget and spending belong to whole actions: a group counts those of the "
              "actions whose clients are all in the group; an action shared by several "
              "groups is not split (n/a when all its actions are). Visits: the activity "
              "log's visits to its clients since the plan start."},
    "view_shared": {"fr": "Actions partagées (budget non réparti) : {ids}",
                    "en": "Shared actions (budget not split): {ids}"},
    "visits_logged": {"fr": "Visites faites (journal)", "en": "Visits made (log)"},
    "view_visits_logged_note": {
        "fr": "Visites faites (journal) : les visites que le journal d'activité attribue à "
              "la personne (sa colonne owner) depuis le début du plan, quel que soit le "
              "client ; visites faites / prévues : celles aux clients de ses actions.",
        "en": "Visits made (log): the visits the activity log credits to the person (its "
              "owner column) since the plan start, whatever the client; visits done / "
              "planned: those to his actions' clients."},
    # the qualitative axis (issue 10: activity log, manual KPIs)
    "metric_visits": {"fr": "Visites clients", "en": "Client visits"},
    "metric_manual": {"fr": "Indicateur saisi", "en": "Manual indicator"},
    "msg_objective_no_product_scope": {
        "fr": "l'objectif '{id}' ({metric}) compte toutes les lignes, quel que soit le "
              "produit : les données ont une colonne produit ('{column}') et l'objectif n'a "
              "pas de périmètre produit",
        "en": "objective '{id}' ({metric}) counts every line, whatever the product: the data "
              "has a product column ('{column}') and the objective has no product scope"},
    "hint_objective_no_product_scope": {
        "fr": "ajoutez product: [\"GPS*\"] à son scope pour ne compter que ces produits, ou "
              "laissez-le ainsi pour un objectif sur tous les produits",
        "en": "add product: [\"GPS*\"] to its scope to count those products only, or leave "
              "it as is for an objective on every product"},
    "title_qualitative": {"fr": "Indicateurs qualitatifs (saisis dans le plan)",
                          "en": "Qualitative indicators (typed in the plan)"},
    "reading_on": {"fr": "Relevé du", "en": "Reading of"},
    "visits_done_planned": {"fr": "Visites faites / prévues", "en": "Visits done / planned"},
    "na_no_visits_planned": {"fr": "n/a : l'action ne prévoit pas de visites "
                                   "(workload.visits_per_month)",
                             "en": "n/a: the action plans no visits (workload.visits_per_month)"},
    "na_no_activity_log": {"fr": "n/a : pas de journal d'activité (data.activities)",
                           "en": "n/a: no activity log (data.activities)"},
    "problem_activity_unknown_client": {
        "fr": "{n:num} entrées du journal d'activité portent sur des clients inconnus des "
              "données ({clients}) : elles ne sont pas comptées",
        "en": "{n:num} entries of the activity log name clients the data does not know "
              "({clients}): they are not counted"},
    "problem_activity_unknown_client_hint": {
        "fr": "vérifiez les codes clients du journal (ils doivent être ceux des transactions "
              "ou du fichier clients)",
        "en": "check the log's client ids (they must be those of the transactions or the "
              "register)"},
    "na_no_quota": {"fr": "n/a : pas d'objectif individuel pour ce groupe (targets: by {by})",
                    "en": "n/a: no per-person target for this group (targets: by {by})"},
    "problem_view_no_commercial": {
        "fr": "la vue par commercial lit la colonne du fichier clients déclarée comme "
              "commercial, et le plan n'en déclare aucune",
        "en": "the view by salesperson reads the client register column mapped as "
              "commercial, and the plan maps none"},
    "problem_view_no_commercial_hint": {
        "fr": "ajoutez data.clients.columns.commercial: <colonne>, par exemple owner",
        "en": "add data.clients.columns.commercial: <column>, for example owner"},
    "problem_view_no_column": {
        "fr": "la vue par {by} lit la colonne '{column}' du fichier clients, absente des "
              "données",
        "en": "the view by {by} reads the client register column '{column}', which the data "
              "does not have"},
    "problem_view_no_column_hint": {
        "fr": "ajoutez la colonne au fichier clients (ou, pour la typologie, déclarez les "
              "typologies du plan)",
        "en": "add the column to the client register (or, for the typology, declare the "
              "plan's typologies)"},
    "problem_quota_unknown": {
        "fr": "objectif individuel pour '{key}' : aucun client n'a cette valeur ({by})",
        "en": "per-person target for '{key}': no client has this value ({by})"},
    "problem_quota_unknown_hint": {
        "fr": "écrivez la valeur telle qu'elle figure dans le fichier clients",
        "en": "write the value as the client register spells it"},
    "kpi_vs_expected": {
        "fr": "{value:measure} pour {expected:measure} attendus à date ({share:pct1} de "
              "{annual:measure}, phasage {phasing:label}){attainment:paren_pct1}",
        "en": "{value:measure} against {expected:measure} expected to date ({share:pct1} of "
              "{annual:measure}, {phasing:label} phasing){attainment:paren_pct1}"},
    "kpi_vs_expected_cap": {
        "fr": "{value:measure} pour un plafond à date de {expected:measure} ({share:pct1} de "
              "{annual:measure}, phasage {phasing:label}){attainment:paren_pct1}",
        "en": "{value:measure} against a ceiling to date of {expected:measure} ({share:pct1} "
              "of {annual:measure}, {phasing:label} phasing){attainment:paren_pct1}"},
    "kpi_vs_trajectory": {
        "fr": "{value:measure} pour {expected:measure} attendus à date (trajectoire N−1 : "
              "{share:pct1} de l'objectif {annual:measure}){attainment:paren_pct1}",
        "en": "{value:measure} against {expected:measure} expected to date (last year's "
              "trajectory: {share:pct1} of the target {annual:measure}){attainment:paren_pct1}"},
    "action_vs_expected": {
        "fr": "réalisé {realised:money} pour {expected:money} attendus ({share:pct1} du CA "
              "cible, phasage {phasing:label}){attainment:paren_pct1}",
        "en": "realised {realised:money} against {expected:money} expected ({share:pct1} of "
              "the target revenue, {phasing:label} phasing){attainment:paren_pct1}"},
    "n1_to_date": {"fr": "N−1 à date", "en": "Last year"},
    "change_n1": {"fr": "Évol. N−1", "en": "vs last year"},
    "projection": {"fr": "Atterrissage", "en": "Landing"},
    "annual_target": {"fr": "Objectif annuel", "en": "Annual target"},
    "phasing": {"fr": "Phasage", "en": "Phasing"},
    "spent": {"fr": "Consommé", "en": "Spent"},
    "points": {"fr": "pts", "en": "pts"},
    "per_month_value": {"fr": "{value:num1} par mois", "en": "{value:num1} a month"},
    "dated_on": {"fr": "au {on:date}", "en": "on {on:date}"},
    "share_expected": {"fr": "{share:pct1} de l'objectif attendus à date",
                       "en": "{share:pct1} of the target expected to date"},
    "n1_period_line": {"fr": "N−1 à date : du {start:date} au {end:date}",
                       "en": "Last year to date: {start:date} to {end:date}"},
    "n1_period_none": {"fr": "N−1 à date : n/a (les données ne remontent pas si loin)",
                       "en": "Last year to date: n/a (the data does not reach back)"},
    "title_action_facts": {"fr": "Avancement et budget des actions",
                           "en": "Progress and budget of the actions"},
    "suggestion": {
        "fr": "{label} : {n} clients ({revenue:money}) sans action {kinds:subtypes}, "
              "dont {names:list}",
        "en": "{label}: {n} clients ({revenue:money}) with no {kinds:subtypes} action, "
              "including {names:list}",
    },
    "cov_strategies": {"fr": "Stratégies EMOFF sans action", "en": "EMOFF strategies with no action"},
    "cov_profiles": {"fr": "Profils qu'aucune action commerciale ne cible",
                     "en": "Profiles no commercial action targets"},
    "cov_abc": {"fr": "Classes ABC qu'aucune action commerciale ne cible",
                "en": "ABC classes no commercial action targets"},
    "cov_priority": {
        "fr": "Clients IPO/IPA priorité 1 hors de toute cible : {n} sur {total}",
        "en": "IPO/IPA priority-1 clients in no target: {n} of {total}",
    },
    "cov_complete": {"fr": "L'analyse est entièrement couverte par les actions.",
                     "en": "The actions cover the whole analysis."},
    "targeted": {"fr": "Ciblés", "en": "Targeted"},
    "date": {"fr": "Date", "en": "Date"},
    # warnings
    "dependence": {
        "fr": "Dépendance : la classe {label} ne compte que {share} des clients",
        "en": "Dependence: class {label} holds only {share} of clients",
    },
    # report labels
    "rep_doc_subtitle": {"fr": "Plan d'Action Commerciale", "en": "Commercial action plan"},
    "rep_contents": {"fr": "Sommaire", "en": "Contents"},
    "rep_generated": {"fr": "Rapport pacspec, analyse au {as_of}",
                      "en": "pacspec report, analysis as of {as_of}"},
    "rep_not_stated": {"fr": "Non renseigné dans le plan.", "en": "Not stated in the plan."},
    # the document's dates, empty tables, workload and budget, coverage (issue 13)
    "rep_dates": {"fr": "Dates du document", "en": "Dates of this document"},
    "rep_date_data": {"fr": "Données lues", "en": "Data read"},
    "rep_date_no_data": {"fr": "aucune ligne de facture", "en": "no invoice line"},
    "rep_date_baseline": {"fr": "Tableau du PAC (CA actuel et cible)",
                          "en": "PAC table (current and target revenue)"},
    "rep_date_baseline_at": {"fr": "au {date} (veille du début du plan)",
                             "en": "as of {date} (the day before the plan starts)"},
    "rep_date_stated": {"fr": "montants saisis dans le plan", "en": "amounts stated in the plan"},
    "rep_date_steering": {"fr": "Pilotage (N à date)", "en": "Steering (year to date)"},
    "rep_date_n1": {"fr": "Comparaison N−1", "en": "Prior-year comparison"},
    "rep_date_generated": {"fr": "Document généré le", "en": "Generated on"},
    "rep_table_empty": {"fr": "{title} : aucune ligne.", "en": "{title}: no rows."},
    "rep_abc_top_empty": {"fr": "Aucun client n'a de CA sur la fenêtre d'analyse.",
                          "en": "No client has revenue in the analysis window."},
    "rep_title_resources": {"fr": "Budget et charge de travail", "en": "Budget and workload"},
    "rep_budget_axes": {"fr": "Budget des actions par axe, face à l'enveloppe",
                        "en": "Action budgets by axis, against the envelope"},
    "rep_budget_total": {"fr": "Total des actions : {total} ; enveloppe : {envelope}",
                         "en": "Actions in total: {total}; envelope: {envelope}"},
    "rep_budget_no_envelope": {"fr": "Total des actions : {total} (pas d'enveloppe totale)",
                               "en": "Actions in total: {total} (no total envelope)"},
    "rep_budget_none": {"fr": "Aucune action n'a de budget.", "en": "No action has a budget."},
    "rep_workload_none": {"fr": "Aucune action ne déclare de charge de travail (workload).",
                          "en": "No action states a workload."},
    "rep_workload_note": {"fr": "En tout : {visits} visites et {days} jours.",
                          "en": "In all: {visits} visits and {days} days."},
    "rep_month_short": {"fr": "{mm}/{yy}", "en": "{mm}/{yy}"},
    "rep_visits": {"fr": "Visites", "en": "Visits"},
    "rep_days": {"fr": "Jours", "en": "Days"},
    "rep_coverage_at": {
        "fr": "Clients de l'analyse au {date} et ceux que ciblent les actions commerciales.",
        "en": "Clients of the analysis as of {date}, and those the commercial actions target."},
    "rep_suggestions_none": {"fr": "Aucune recommandation sans action correspondante.",
                             "en": "No recommendation is left without a matching action."},
    "rep_uncovered": {"fr": "sans action", "en": "no action"},
    "rep_recommendation": {"fr": "Recommandation (règles)", "en": "Recommendation (rules)"},
    "rep_action_kinds": {"fr": "Actions attendues", "en": "Actions expected"},
    "rep_examples": {"fr": "Principaux clients", "en": "Main clients"},
    # the per-client output's period table (issue 13, item 2)
    "rep_period_bought": {"fr": "{period} acheté", "en": "{period} bought"},
    "rep_period_digit": {"fr": "{period} cotation", "en": "{period} digit"},
    "rep_period_revenue": {"fr": "{period} CA", "en": "{period} revenue"},
    "rep_yes": {"fr": "oui", "en": "yes"},
    "rep_no": {"fr": "non", "en": "no"},
    "rep_penetration_title": {"fr": "Taux de pénétration et reste à gagner par zone",
                              "en": "Penetration and headroom by zone"},
    "rep_with_potential": {"fr": "Clients au potentiel renseigné",
                           "en": "Clients with a stated potential"},
    "rep_over_potential": {"fr": "Clients au-dessus du potentiel", "en": "Clients above potential"},
    "rep_penetration_note": {
        "fr": "Pénétration = CA ÷ potentiel et reste à gagner = potentiel − CA (0 au-delà), sur "
              "les clients dont le potentiel est renseigné.",
        "en": "Penetration = revenue ÷ potential and headroom = potential − revenue (0 above "
              "it), over the clients with a stated potential."},
    # reports at scale (issue 13, item 4)
    "rep_ipo_ipa_chart_binned": {
        "fr": "Clients sur la grille IPO / IPA ({n} clients ; un disque par position et "
              "classe ABC, d'aire proportionnelle au nombre de clients)",
        "en": "Clients on the IPO / IPA grid ({n} clients; one disc per place and ABC class, "
              "its area in proportion to the clients)"},
    "rep_no_actions": {"fr": "Le plan ne compte aucune action.", "en": "The plan has no actions."},
    "rep_title_header": {"fr": "Le plan", "en": "The plan"},
    "rep_company": {"fr": "Entreprise", "en": "Company"},
    "rep_business_unit": {"fr": "Domaine d'activité stratégique (DAS)",
                          "en": "Business unit"},
    "rep_budget_year": {"fr": "Année budgétaire", "en": "Budget year"},
    "rep_plan_period": {"fr": "Durée du plan", "en": "Plan period"},
    "rep_vision": {"fr": "Vision", "en": "Vision"},
    "rep_author": {"fr": "Auteur", "en": "Author"},
    "rep_transactions": {"fr": "Lignes de facture", "en": "Invoice lines"},
    "rep_objectives": {"fr": "Objectifs", "en": "Objectives"},
    "rep_objective": {"fr": "Objectif", "en": "Objective"},
    "rep_metric": {"fr": "Indicateur", "en": "Metric"},
    "rep_target": {"fr": "Cible", "en": "Target"},
    "rep_title_emoff": {"fr": "Matrice EMOFF et stratégies", "en": "EMOFF matrix and strategies"},
    "rep_emoff_facts": {"fr": "Menaces, opportunités, forces, faiblesses",
                        "en": "Threats, opportunities, strengths, weaknesses"},
    "rep_threats": {"fr": "Menaces", "en": "Threats"},
    "rep_opportunities": {"fr": "Opportunités", "en": "Opportunities"},
    "rep_strengths": {"fr": "Forces", "en": "Strengths"},
    "rep_weaknesses": {"fr": "Faiblesses", "en": "Weaknesses"},
    "rep_weight": {"fr": "poids", "en": "weight"},
    "rep_weight_title": {"fr": "Poids", "en": "Weight"},
    "rep_emoff_strategies": {"fr": "Croisements (recommandations d'action)",
                             "en": "Crossings (recommended actions)"},
    "rep_crossing": {"fr": "Croisement", "en": "Crossing"},
    "rep_strategy": {"fr": "Recommandation", "en": "Recommendation"},
    "rep_uses": {"fr": "Facteurs croisés", "en": "Factors combined"},
    "rep_actions": {"fr": "Actions du PAC", "en": "PAC actions"},
    "rep_tows_so": {"fr": "SO : forces × opportunités", "en": "SO: strengths × opportunities"},
    "rep_tows_st": {"fr": "ST : forces × menaces", "en": "ST: strengths × threats"},
    "rep_tows_wo": {"fr": "WO : faiblesses × opportunités", "en": "WO: weaknesses × opportunities"},
    "rep_tows_wt": {"fr": "WT : faiblesses × menaces", "en": "WT: weaknesses × threats"},
    "rep_basis_revenue": {"fr": "CA", "en": "revenue"},
    "rep_basis_clients": {"fr": "clients", "en": "clients"},
    "rep_pareto": {"fr": "Courbe de Pareto", "en": "Pareto curve"},
    "rep_pareto_x": {"fr": "Part des clients (classés par CA)",
                     "en": "Share of clients (ranked by revenue)"},
    "rep_pareto_y": {"fr": "Part cumulée du CA", "en": "Cumulative share of revenue"},
    "rep_pareto_line": {"fr": "{clients} des clients font {revenue} du CA",
                        "en": "{clients} of clients make {revenue} of revenue"},
    # ABC on margin (abc.measure: margin)
    "margin": {"fr": "Marge", "en": "Margin"},
    "margin_share": {"fr": "% marge", "en": "% margin"},
    "abc_none_margin": {"fr": "Sans CA ou sans marge", "en": "No revenue or no margin"},
    "rep_basis_margin": {"fr": "marge", "en": "margin"},
    "rep_abc_on_margin": {"fr": "Classes ABC sur la marge brute de la fenêtre d'analyse",
                          "en": "ABC classes on the gross margin in the analysis window"},
    "rep_pareto_x_margin": {"fr": "Part des clients (classés par marge)",
                            "en": "Share of clients (ranked by margin)"},
    "rep_pareto_y_margin": {"fr": "Part cumulée de la marge",
                            "en": "Cumulative share of margin"},
    "problem_abc_margin_no_column": {
        "fr": "abc.measure: margin classe les clients sur leur marge, mais le plan ne lit "
              "aucune colonne de marge (data.transactions.columns.margin)",
        "en": "abc.measure: margin ranks the clients on their margin, but the plan reads no "
              "margin column (data.transactions.columns.margin)"},
    "problem_abc_margin_no_column_hint": {
        "fr": "ajoutez margin: <colonne de marge> à data.transactions.columns, ou revenez à "
              "measure: revenue",
        "en": "add margin: <margin column> to data.transactions.columns, or use "
              "measure: revenue"},
    "rep_title_rfm": {"fr": "Matrice RFM (récence, fréquence, montant)",
                      "en": "RFM matrix (recency, frequency, monetary)"},
    "rep_code_legend": {"fr": "Cotation RFM : un chiffre par période, de la plus ancienne à la "
                              "plus récente ({periods}) ; 1 = achat, 0 = pas d'achat.",
                        "en": "RFM code: one digit per period, oldest first ({periods}); "
                              "1 = bought, 0 = did not."},
    "rep_heatmap": {"fr": "CA par cotation et par période", "en": "Revenue per code and period"},
    "rep_measure": {"fr": "Mesure", "en": "Measure"},
    "rep_better": {"fr": "Meilleur score", "en": "Best score"},
    "rep_better_lower": {"fr": "valeur basse", "en": "low value"},
    "rep_better_higher": {"fr": "valeur haute", "en": "high value"},
    "rep_typologies": {"fr": "Typologies de clients", "en": "Client typologies"},
    "rep_ipo_ipa_lead": {
        "fr": "IPO : indice probable de potentiel ; IPA : indice probable d'accessibilité. "
              "Priorité 1 : potentiel et accès élevés, à travailler en premier.",
        "en": "IPO: probable potential index; IPA: probable accessibility index. "
              "Priority 1: high potential and access, work first."},
    "rep_criteria": {"fr": "Critères", "en": "Criteria"},
    "rep_criterion": {"fr": "Critère", "en": "Criterion"},
    "rep_axis": {"fr": "Indice", "en": "Index"},
    "rep_scale": {"fr": "Échelle des notes", "en": "Note scale"},
    "rep_ipo_cut": {"fr": "Seuil IPO", "en": "IPO cut"},
    "rep_ipa_cut": {"fr": "Seuil IPA", "en": "IPA cut"},
    "rep_ipo_ipa_chart": {"fr": "Clients sur la grille IPO / IPA",
                          "en": "Clients on the IPO / IPA grid"},
    "rep_ipo_axis": {"fr": "IPO (potentiel)", "en": "IPO (potential)"},
    "rep_ipa_axis": {"fr": "IPA (accessibilité)", "en": "IPA (accessibility)"},
    "rep_potential_attribute": {"fr": "Colonne du potentiel", "en": "Potential column"},
    "rep_potential_classes": {"fr": "Classes de potentiel", "en": "Potential classes"},
    "rep_portfolio_matrix": {"fr": "Matrice ABC croisée", "en": "Crossed ABC matrix"},
    "rep_portfolio_counts": {"fr": "Clients par classe de CA et de potentiel",
                             "en": "Clients per revenue and potential class"},
    "rep_typology_group": {"fr": "Typologie n°{n} : {label}", "en": "Typology {n}: {label}"},
    "steps": {"fr": "Étapes", "en": "Steps"},
    "participants": {"fr": "Participants", "en": "Participants"},
    "comments": {"fr": "Commentaires", "en": "Comments"},
    "results": {"fr": "Résultats", "en": "Results"},
    "rep_pac_id": {"fr": "Id", "en": "Id"},
    # the PAC table's columns and the working workbook (issue 15)
    "rep_pac_type": {"fr": "Type", "en": "Type"},
    "rep_pac_results_text": {"fr": "Résultats constatés", "en": "Results noted"},
    "rep_pac_owner_only": {"fr": "Actions de {owner} : {n} sur {total}",
                           "en": "Actions of {owner}: {n} of {total}"},
    # a document for one person (report --owner / --commercial: pacspec.engine.scope)
    "rep_scope_owner": {
        "fr": "Document de {who} (responsable d'actions) : ses actions ({n:num} sur "
              "{total:num}) et les clients qu'elles ciblent ({clients:num})",
        "en": "Document of {who} (action owner): his actions ({n:num} of {total:num}) and "
              "the clients they target ({clients:num})"},
    "rep_scope_commercial": {
        "fr": "Document de {who} (commercial du fichier clients) : ses clients "
              "({clients:num}) et les actions qui en ciblent ({n:num} sur {total:num}) ; les "
              "chiffres des actions sont ceux de ses clients seuls",
        "en": "Document of {who} (salesperson of the client register): his clients "
              "({clients:num}) and the actions that target some of them ({n:num} of "
              "{total:num}); the actions' figures are his clients' only"},
    "rep_scope_plan_wide": {
        "fr": "Cette section porte sur tout le plan, elle n'a pas de sens pour {who} seul : "
              "voir le document du plan.",
        "en": "This section is about the whole plan and means nothing for {who} alone: see "
              "the plan's document."},
    "rep_scope_kpis_plan_wide": {
        "fr": "Les indicateurs et objectifs du plan portent sur tout le plan : aucun n'a "
              "d'objectif individuel pour {who} (targets: by commercial).",
        "en": "The plan's KPIs and objectives are plan-wide: none has a per-person target "
              "for {who} (targets: by commercial)."},
    "rep_scope_kpis_owner": {
        "fr": "Les indicateurs et objectifs du plan portent sur tout le plan (les objectifs "
              "individuels se déclarent par commercial, région ou typologie du fichier "
              "clients, pas par responsable d'action).",
        "en": "The plan's KPIs and objectives are plan-wide (per-person targets are stated "
              "by salesperson, region or typology of the client register, not by action "
              "owner)."},
    "rep_scope_kpis": {"fr": "Objectifs individuels de {who}",
                       "en": "Per-person targets of {who}"},
    "rep_scope_objectives": {
        "fr": "Objectifs de tout le plan ; le pilotage dit lesquels ont un objectif "
              "individuel pour {who}.",
        "en": "Objectives of the whole plan; the steering section says which have a "
              "per-person target for {who}."},
    "rep_scope_budget_owner": {"fr": "Budget des actions de {who}",
                               "en": "Budget of {who}'s actions"},
    "rep_scope_budget_commercial": {"fr": "Budget des actions qui ciblent les clients de {who}",
                                    "en": "Budget of the actions that target {who}'s clients"},
    "rep_scope_budget_actions": {"fr": "Budget de ses actions", "en": "Budget of his actions"},
    "rep_scope_budget_whole": {"fr": "Budget des actions dont tous les clients sont les siens",
                               "en": "Budget of the actions whose clients are all his"},
    "rep_scope_budget_share": {"fr": "Part du budget du plan", "en": "Share of the plan's budget"},
    "rep_scope_envelope": {"fr": "Enveloppe de {who} (budget.by_owner)",
                           "en": "Envelope of {who} (budget.by_owner)"},
    "rep_scope_shared": {
        "fr": "{n:num} actions partagées avec d'autres commerciaux ({ids}) : leur budget et "
              "leur consommé ne se répartissent pas par client",
        "en": "{n:num} actions shared with other salespeople ({ids}): their budget and "
              "spending are not split by client"},
    "rep_pac_commercial_only": {
        "fr": "Actions qui ciblent des clients de {who} : {n} sur {total} ; CA actuel, cible "
              "et réalisé de ses clients seuls",
        "en": "Actions that target clients of {who}: {n} of {total}; current, target and "
              "realised revenue of his clients only"},
    "rep_scope_list_abc": {"fr": "Ses clients par classe ABC", "en": "His clients by ABC class"},
    "rep_scope_list_profile": {"fr": "Ses clients par profil", "en": "His clients by profile"},
    "rep_scope_no_clients": {"fr": "Aucun client dans le document de {who}.",
                             "en": "No client in {who}'s document."},
    "rep_scope_class_note": {
        "fr": "Classes et profils du plan entier ; parts sur ses clients.",
        "en": "The whole plan's classes and profiles; shares over his clients."},
    "na_shared_action": {
        "fr": "n/a : action partagée entre {groups:num} groupes ; budget et consommé ne se "
              "répartissent pas par client",
        "en": "n/a: action shared by {groups:num} groups; budget and spending are not split "
              "by client"},
    "na_target_not_split": {
        "fr": "n/a : CA cible fixé pour toute l'action (partagée entre {groups:num} groupes), "
              "non réparti par client",
        "en": "n/a: the CA cible is stated for the whole action (shared by {groups:num} "
              "groups), not split by client"},
    "na_stated_not_split": {
        "fr": "n/a : CA actuel saisi pour toute l'action, non réparti par client",
        "en": "n/a: the current revenue is stated for the whole action, not split by client"},
    "msg_unknown_commercial": {
        "fr": "aucun client du fichier n'a pour commercial '{name}' ; commerciaux : {names}",
        "en": "no client of the register has the salesperson '{name}'; salespeople: {names}"},
    "hint_unknown_commercial": {
        "fr": "donnez --commercial avec un commercial du fichier clients (colonne {column}), "
              "tel qu'écrit",
        "en": "give --commercial one of the register's salespeople (column {column}), as "
              "written"},
    "msg_scope_both": {
        "fr": "--owner et --commercial ensemble : un document est celui d'une seule personne",
        "en": "--owner and --commercial together: a document is one person's"},
    "hint_scope_both": {
        "fr": "donnez --owner (responsable d'actions du plan) ou --commercial (commercial du "
              "fichier clients), pas les deux",
        "en": "give --owner (an action owner of the plan) or --commercial (a salesperson of "
              "the client register), not both"},
    "rep_wb_inputs": {
        "fr": "■ À remplir : avancement, consommé, commentaires et résultats constatés "
              "(les autres cellules sont protégées ; pacspec sync les reporte dans le plan)",
        "en": "■ To fill in: progress, spent, comments and results noted (the other cells "
              "are protected; pacspec sync writes them back into the plan)"},
    "rep_wb_progress_error": {"fr": "Un avancement entre 0 % et 100 %.",
                              "en": "A progress between 0% and 100%."},
    "rep_wb_spent_error": {"fr": "Un montant positif ou nul, en {currency}.",
                           "en": "An amount of 0 or more, in {currency}."},
    "msg_unknown_owner": {
        "fr": "aucune action du plan n'a pour responsable '{owner}' ; responsables : {owners}",
        "en": "no action of the plan has the owner '{owner}'; owners: {owners}"},
    "hint_unknown_owner": {"fr": "donnez --owner avec un responsable du plan, tel qu'écrit",
                           "en": "give --owner one of the plan's owners, as written"},
    "rep_budget_envelope": {"fr": "Enveloppe budgétaire", "en": "Budget envelope"},
    "rep_type_commercial": {"fr": "commerciales", "en": "commercial"},
    "rep_type_internal": {"fr": "internes", "en": "internal"},
    "rep_title_steering": {"fr": "Pilotage", "en": "Steering"},
    "rep_steering_as_of": {"fr": "Date du pilotage", "en": "Steering date"},
    "rep_snapshots": {"fr": "Relevés dans la tendance", "en": "Snapshots in the trend"},
    "rep_dashboard": {"fr": "Tableau de bord", "en": "Dashboard"},
    "rep_realised_revenue": {"fr": "CA réalisé", "en": "Realised revenue"},
    "rep_target_to_date": {"fr": "Cible à date", "en": "Target to date"},
    "rep_expected": {"fr": "CA attendu", "en": "Expected revenue"},
    "rep_reason": {"fr": "Détail", "en": "Detail"},
    "rep_attainment": {"fr": "Taux de réalisation", "en": "Attainment"},
    "rep_status": {"fr": "Feu", "en": "Light"},
    "rep_status_green": {"fr": "Vert", "en": "Green"},
    "rep_status_orange": {"fr": "Orange", "en": "Orange"},
    "rep_status_red": {"fr": "Rouge", "en": "Red"},
    "rep_trend": {"fr": "Tendance", "en": "Trend"},
    "rep_trend_up": {"fr": "hausse", "en": "up"},
    "rep_trend_down": {"fr": "baisse", "en": "down"},
    "rep_trend_flat": {"fr": "stable", "en": "flat"},
    "rep_trends": {"fr": "Évolution des indicateurs", "en": "KPI trends"},
    "rep_clients_table": {"fr": "Tableau des clients", "en": "Client table"},
    "rep_xlsx_too_many_rows": {
        "fr": "{clients} clients ne tiennent pas dans une feuille Excel (au plus {rows} lignes)",
        "en": "{clients} clients do not fit in an Excel sheet (at most {rows} rows)"},
    "rep_xlsx_too_many_rows_hint": {
        "fr": "exportez le tableau des clients en CSV ou Parquet : pacspec evaluate PLAN -o "
              "clients.parquet, et le rapport en HTML ou PDF",
        "en": "export the client table as CSV or Parquet: pacspec evaluate PLAN -o "
              "clients.parquet, and the report as HTML or PDF"},
    "rep_sheet_plan": {"fr": "Plan", "en": "Plan"},
    "rep_sheet_profiles": {"fr": "Profils", "en": "Profiles"},
    "rep_sheet_portfolio": {"fr": "Portefeuille", "en": "Portfolio"},
    "rep_late": {"fr": "En retard au {as_of} (échéance passée, avancement < 100 %)",
                 "en": "Late at {as_of} (past due, progress < 100%)"},
    "rep_code_legend_short": {"fr": "({periods} ; 1 = achat)", "en": "({periods}; 1 = bought)"},
    "rep_pac_stated_note": {
        "fr": "CA actuel et CA cible tels que le plan les indique : la date d'analyse n'est "
              "pas la veille du début du plan, les cibles ne sont donc pas résolues sur les "
              "données.",
        "en": "Current and target revenue as the plan states them: the analysis date is not "
              "the day before the plan starts, so the targets are not resolved on the data."},
    # pacspec diff
    "diff_title": {"fr": "Plan {old} → {new}", "en": "Plan {old} → {new}"},
    "diff_equal": {"fr": "aucun changement", "en": "no change"},
    "diff_plan_added": {"fr": "Nouveau plan {new}", "en": "New plan {new}"},
    "diff_plan_removed": {"fr": "Plan supprimé {old}", "en": "Plan removed {old}"},
    "diff_header": {"fr": "En-tête", "en": "Header"},
    "diff_actions": {"fr": "Actions", "en": "Actions"},
    "diff_n_added": {"fr": "{n} ajout(s)", "en": "{n} added"},
    "diff_n_removed": {"fr": "{n} suppression(s)", "en": "{n} removed"},
    "diff_n_changed": {"fr": "{n} modification(s)", "en": "{n} changed"},
    "diff_reordered_only": {"fr": "ordre modifié", "en": "order changed"},
    "diff_reordered": {"fr": "ordre des actions modifié", "en": "actions reordered"},
    "diff_budget": {"fr": "Budget alloué aux actions (avant → après)",
                    "en": "Budget allocated to the actions (before → after)"},
    "diff_over": {"fr": "dépasse l'enveloppe de {amount}", "en": "over the envelope by {amount}"},
    "diff_objectives": {"fr": "Objectifs de l'en-tête", "en": "Header objectives"},
    "diff_kpis": {"fr": "Indicateurs de pilotage", "en": "Steering KPIs"},
    "diff_rules": {"fr": "Règles : {section}", "en": "Rules: {section}"},
    "diff_rules_reordered": {"fr": "ordre des règles modifié (la première qui s'applique "
                                   "l'emporte)",
                             "en": "rules reordered (the first that applies wins)"},
    "diff_moves": {"fr": "{count} cas sur {space} changent de règle (énumérés)",
                   "en": "{count} of {space} cases change rule (enumerated)"},
    "diff_no_rule": {"fr": "(aucune règle)", "en": "(no rule)"},
    "diff_impact": {"fr": "Impact sur les clients (mêmes données, au {date} : {n} clients)",
                    "en": "Impact on the clients (same data, at {date}: {n} clients)"},
    "diff_impact_clients": {"fr": "{n} clients ({revenue} de CA)",
                            "en": "{n} clients ({revenue} of revenue)"},
    "diff_impact_action": {"fr": "{id} : {before} → {after} clients ciblés ({entering} "
                                 "entrants, {leaving} sortants)",
                           "en": "{id}: {before} → {after} target clients ({entering} in, "
                                 "{leaving} out)"},
    "diff_impact_none": {"fr": "aucun client ne change de profil, de segment ni d'action",
                         "en": "no client changes profile, segment or action"},
    "diff_no_moves": {"fr": "aucun des {space} cas ne change de règle (énumérés)",
                      "en": "none of the {space} cases changes rule (enumerated)"},
    "diff_enumerated_without": {
        "fr": "pour les clients que ne prennent pas les règles sur d'autres mesures ({rules})",
        "en": "for the clients not taken by the rules on other measures ({rules})"},
    "diff_not_enumerated_metrics": {
        "fr": "les règles testent d'autres mesures que la cotation et les scores RFM : les "
              "changements de règle dépendent des données",
        "en": "the rules test other measures than the RFM code and scores: which clients "
              "change rule depends on the data"},
    "diff_not_enumerated_periods": {
        "fr": "nombre de périodes ou de classes de scores RFM modifié : les cas ne se "
              "comparent pas",
        "en": "the number of RFM periods or score bins changed: the cases do not compare"},
    "diff_not_enumerated_size": {
        "fr": "plus de 200 000 cas à énumérer : comparaison non faite",
        "en": "more than 200,000 cases to enumerate: not compared"},
    "diff_section": {"fr": "Section {section}", "en": "Section {section}"},
    "diff_field_title": {"fr": "Intitulé", "en": "Title"},
    "diff_field_when": {"fr": "Condition", "en": "Condition"},
    "diff_field_include": {"fr": "Règles incluses", "en": "Included rule files"},
    "diff_field_label": {"fr": "Libellé", "en": "Label"},
    "diff_field_growth": {"fr": "Croissance", "en": "Growth"},
    "diff_field_spent": {"fr": "Dépensé", "en": "Spent"},
    "diff_sec_profiles": {"fr": "profils", "en": "profiles"},
    "diff_sec_segments": {"fr": "segments RFM", "en": "RFM segments"},
    "diff_sec_typologies": {"fr": "typologies", "en": "typologies"},
    "diff_sec_recommendations": {"fr": "recommandations", "en": "recommendations"},
    # pacspec sync: workbooks read back into the plan (pacspec/sync)
    "sync_what": {"fr": "{field} de {action}", "en": "{field} of {action}"},
    "sync_empty": {"fr": "(vide)", "en": "(empty)"},
    "sync_quoted": {"fr": "« {text} »", "en": "\"{text}\""},
    "sync_cannot_read": {"fr": "impossible de lire le classeur {name} : {reason}",
                         "en": "cannot read the workbook {name}: {reason}"},
    "sync_not_xlsx": {"fr": "{name} n'est pas un classeur Excel lisible ({reason})",
                      "en": "{name} is not a readable Excel workbook ({reason})"},
    "sync_not_xlsx_hint": {"fr": "donnez le fichier .xlsx écrit par pacspec report, enregistré "
                                 "au format Excel (.xlsx)",
                           "en": "give the .xlsx file pacspec report wrote, saved as Excel "
                                 "(.xlsx)"},
    "sync_no_meta": {"fr": "{name} n'a pas la feuille masquée _pacspec : ce classeur n'a pas "
                           "été écrit par pacspec report",
                     "en": "{name} has no hidden _pacspec sheet: this workbook was not written "
                           "by pacspec report"},
    "sync_no_meta_hint": {"fr": "écrivez le classeur avec pacspec report PLAN -o pac.xlsx et "
                                "faites saisir l'équipe dans celui-ci",
                          "en": "write the workbook with pacspec report PLAN -o pac.xlsx and "
                                "have the team type into that one"},
    "sync_bad_format": {"fr": "la feuille _pacspec de {name} n'est pas celle d'un classeur "
                              "pacspec (format {found})",
                        "en": "the _pacspec sheet of {name} is not a pacspec workbook's "
                              "(format {found})"},
    "sync_unknown_version": {"fr": "{name} est un classeur pacspec de version {found}, cette "
                                   "version de pacspec lit la version {known}",
                             "en": "{name} is a pacspec workbook of version {found}; this "
                                   "pacspec reads version {known}"},
    "sync_unknown_version_hint": {"fr": "mettez pacspec à jour, ou écrivez un nouveau classeur "
                                        "avec cette version",
                                  "en": "upgrade pacspec, or write a new workbook with this "
                                        "version"},
    "sync_no_pac_sheet": {"fr": "{name} n'a plus la feuille {sheet} (renommée ou supprimée)",
                          "en": "{name} no longer has the sheet {sheet} (renamed or deleted)"},
    "sync_no_cells": {"fr": "la feuille _pacspec de {name} ne liste pas les cellules "
                            "modifiables",
                      "en": "the _pacspec sheet of {name} does not list the editable cells"},
    "sync_bad_meta_row": {"fr": "la ligne {row} de la feuille _pacspec est illisible "
                                "(modifiée à la main ?)",
                          "en": "row {row} of the _pacspec sheet cannot be read (edited by "
                                "hand?)"},
    "sync_bad_percent": {"fr": "{what} : un pourcentage est attendu, trouvé {found}",
                         "en": "{what}: a percentage is expected, found {found}"},
    "sync_bad_percent_hint": {"fr": "saisissez un pourcentage entre 0 % et 100 % (par exemple "
                                    "45 %)",
                              "en": "type a percentage between 0% and 100% (e.g. 45%)"},
    "sync_bad_amount": {"fr": "{what} : un montant est attendu, trouvé {found}",
                        "en": "{what}: an amount is expected, found {found}"},
    "sync_bad_amount_hint": {"fr": "saisissez un montant positif ou nul, sans texte",
                             "en": "type an amount of 0 or more, without text"},
    "sync_percent_range": {"fr": "{what} : {found} n'est pas entre 0 % et 100 %",
                           "en": "{what}: {found} is not between 0% and 100%"},
    "sync_negative_amount": {"fr": "{what} : le montant {found} est négatif",
                             "en": "{what}: the amount {found} is negative"},
    "sync_formula": {"fr": "{what} : la cellule contient une formule ({formula})",
                     "en": "{what}: the cell holds a formula ({formula})"},
    "sync_formula_hint": {"fr": "saisissez la valeur elle-même : pacspec sync ne lit que des "
                                "valeurs saisies",
                          "en": "type the value itself: pacspec sync reads typed values only"},
    "sync_typed_id": {"fr": "l'action {id} a été saisie dans le classeur : pacspec sync "
                            "n'ajoute pas d'action",
                      "en": "the action {id} was typed into the workbook: pacspec sync adds "
                            "no action"},
    "sync_typed_id_hint": {"fr": "ajoutez l'action au plan, puis écrivez un nouveau classeur ; "
                                 "ne modifiez pas la colonne des identifiants",
                           "en": "add the action to the plan, then write a new workbook; do "
                                 "not edit the id column"},
    "sync_row_gone": {"fr": "la ligne de l'action {action} a été supprimée ou déplacée (la "
                            "colonne des identifiants est vide ici)",
                      "en": "the row of the action {action} was deleted or moved (the id "
                            "column is empty here)"},
    "sync_row_moved": {"fr": "la ligne de l'action {action} montre maintenant l'action "
                             "{found} : des lignes ont été supprimées, insérées ou triées",
                       "en": "the row of the action {action} now shows the action {found}: "
                             "rows were deleted, inserted or sorted"},
    "sync_row_moved_hint": {"fr": "remettez les lignes dans l'ordre du classeur écrit (filtrez "
                                  "sans trier), ou écrivez un nouveau classeur",
                            "en": "put the rows back in the order written (filter, do not "
                                  "sort), or write a new workbook"},
    "sync_rows_after": {"fr": " ({n} autres lignes décalées en dessous)",
                        "en": " ({n} more rows shifted below)"},
    "sync_id_changed": {"fr": "l'identifiant de l'action {action} a été remplacé par {found}",
                        "en": "the id of the action {action} was replaced with {found}"},
    "sync_action_gone": {"fr": "{what} : l'action n'est plus dans le plan",
                         "en": "{what}: the action is no longer in the plan"},
    "sync_conflict_plan": {"fr": "{what} : le plan a changé depuis l'écriture du classeur "
                                 "(plan {plan}, classeur {value}, à l'écriture {original})",
                           "en": "{what}: the plan changed since the workbook was written "
                                 "(plan {plan}, workbook {value}, when written {original})"},
    "sync_conflict_hint": {"fr": "reportez la valeur dans le plan à la main, ou écrivez un "
                                 "nouveau classeur depuis le plan actuel",
                           "en": "carry the value into the plan by hand, or write a new "
                                 "workbook from the current plan"},
    "sync_conflict_books": {"fr": "{what} : {value} ici, mais une autre valeur dans {others}",
                            "en": "{what}: {value} here, but another value in {others}"},
    "sync_conflict_books_hint": {"fr": "gardez une seule valeur : corrigez l'un des classeurs, "
                                       "ou synchronisez-les l'un après l'autre",
                                 "en": "keep one value: correct one of the workbooks, or sync "
                                       "them one after the other"},
    "sync_emptied": {"fr": "{what} : la cellule a été vidée (elle valait {original})",
                     "en": "{what}: the cell was emptied (it held {original})"},
    "sync_emptied_hint": {"fr": "saisissez la valeur actuelle : les relevés ne sont jamais "
                                "effacés",
                          "en": "type the current value: readings are never removed"},
    "sync_no_date": {"fr": "{name} n'a pas de date d'enregistrement pour dater les relevés",
                     "en": "{name} has no save date to date the readings"},
    "sync_no_date_hint": {"fr": "donnez la date des relevés avec --on AAAA-MM-JJ",
                          "en": "give the readings' date with --on YYYY-MM-DD"},
    "sync_reading_before": {"fr": "{what} : le relevé du {on} précède le dernier relevé du "
                                  "plan ({last})",
                            "en": "{what}: the reading of {on} comes before the plan's last "
                                  "reading ({last})"},
    "sync_reading_before_hint": {"fr": "datez les relevés avec --on {last} ou après",
                                 "en": "date the readings with --on {last} or later"},
    "sync_reading_replaced": {"fr": "{what} : le relevé du {on} ({old}) est remplacé",
                              "en": "{what}: the reading of {on} ({old}) is replaced"},
    "sync_undated_before": {"fr": "{what} : le relevé du {on} précède la date du classeur "
                                  "({as_of}), où la valeur non datée du plan s'appliquait",
                            "en": "{what}: the reading of {on} comes before the workbook's "
                                  "date ({as_of}), when the plan's undated value applied"},
    "sync_undated_before_hint": {"fr": "datez les relevés avec --on, à la date du classeur ou "
                                       "après",
                                 "en": "date the readings with --on, on the workbook's date "
                                       "or later"},
    "sync_undated_kept": {"fr": "{what} : la valeur non datée {old} devient le relevé du "
                                "{as_of} (date du classeur), avant le nouveau",
                          "en": "{what}: the undated value {old} becomes the reading of "
                                "{as_of} (the workbook's date), before the new one"},
    "sync_undated_replaced": {"fr": "{what} : la valeur non datée {old} est remplacée par le "
                                    "relevé du {on}",
                              "en": "{what}: the undated value {old} is replaced by the "
                                    "reading of {on}"},
    "sync_cannot_edit": {"fr": "{what} : modification impossible à cet endroit du plan "
                               "({reason})",
                         "en": "{what}: this part of the plan cannot be edited ({reason})"},
    "sync_cannot_edit_hint": {"fr": "écrivez l'action en style bloc (une clé par ligne)",
                              "en": "write the action in block style (one key per line)"},
    "sync_edit_failed": {"fr": "le plan modifié ne se relit pas comme prévu ({reason}) : rien "
                               "n'est écrit",
                         "en": "the edited plan does not read back as intended ({reason}): "
                               "nothing is written"},
    "sync_plan_missing": {"fr": "le plan {plan} est introuvable",
                          "en": "the plan {plan} cannot be found"},
    "sync_plan_missing_hint": {"fr": "donnez le plan avec --plan PLAN (le classeur nomme le plan "
                                     "relativement au dossier où report a été lancé)",
                               "en": "give the plan with --plan PLAN (the workbook names it "
                                     "relative to the folder report ran in)"},
    "sync_plans_differ": {"fr": "les classeurs viennent de plans différents : {plans}",
                          "en": "the workbooks come from different plans: {plans}"},
    "sync_plans_differ_hint": {"fr": "synchronisez les classeurs de chaque plan séparément, ou "
                                     "donnez le plan avec --plan",
                               "en": "sync each plan's workbooks separately, or give the plan "
                                     "with --plan"},
    "sync_plan_changed": {"fr": "le plan {plan} a été modifié pendant la synchronisation : "
                                "rien n'est écrit",
                          "en": "the plan {plan} was changed during the sync: nothing is "
                                "written"},
    "sync_plan_changed_hint": {"fr": "relancez pacspec sync", "en": "run pacspec sync again"},
    "sync_lint_error": {"fr": "le plan modifié aurait une erreur : {message}",
                        "en": "the edited plan would have an error: {message}"},
    "sync_ask": {"fr": "Écrire ces changements dans {plan} ? [o/N] ",
                 "en": "Write these changes to {plan}? [y/N] "},
    "sync_written": {"fr": "{plan} mis à jour ({n} champ(s))",
                     "en": "{plan} updated ({n} field(s))"},
    "sync_not_written": {"fr": "rien n'est écrit : relancez avec --write pour mettre {plan} à "
                               "jour",
                         "en": "nothing written: run again with --write to update {plan}"},
    "sync_nothing": {"fr": "les classeurs ne changent rien au plan {plan}",
                     "en": "the workbooks change nothing in the plan {plan}"},
    # problem messages and hints (pacspec validate --lang); "msg_" messages, "hint_" hints
    "msg_thousands_point": {"fr": "{text} est lu comme {value} (point décimal), pas {meant}",
                            "en": "{text} is read as {value} (a decimal point), not {meant}"},
    "hint_thousands_point": {
        "fr": "vouliez-vous dire {meant} ? écrivez-le sans séparateur de milliers",
        "en": "did you mean {meant}? write it without a thousands separator"},
    "msg_target_scale": {"fr": "CA cible {target} : {share} du CA actuel {current}",
                         "en": "CA cible {target} is {share} of the CA actuel {current}"},
    "msg_times": {"fr": "{n} fois", "en": "{n} times"},
    "hint_target_scale": {
        "fr": "vérifiez les deux montants : un zéro en trop ou en moins, ou un point des "
              "milliers",
        "en": "check both amounts: a missing or extra zero, or a thousands point"},
    "msg_budget_share": {"fr": "l'action '{id}' prend {amount}, {share} de l'enveloppe de "
                               "{total}",
                         "en": "action '{id}' takes {amount}, {share} of the envelope of "
                               "{total}"},
    "hint_budget_share": {"fr": "vérifiez le montant (un zéro de trop ?), ou scindez l'action",
                          "en": "check the amount (an extra zero?), or split the action"},
    "msg_growth_over_one": {"fr": "une croissance de {value} signifie +{percent}",
                            "en": "growth {value} means +{percent}"},
    "msg_tolerance_over_one": {"fr": "revenue_tolerance {value} tolère un écart de {percent}",
                               "en": "revenue_tolerance {value} allows a difference of "
                                     "{percent}"},
    "hint_fraction_signed": {"fr": "vouliez-vous dire {fraction} (+{value} %) ?",
                             "en": "did you mean {fraction} (+{value} %)?"},
    "hint_fraction": {"fr": "vouliez-vous dire {fraction} ({value} %) ?",
                      "en": "did you mean {fraction} ({value} %)?"},
    "msg_progress_fraction": {
        "fr": "un avancement de {value} vaut {value} % (l'avancement est un pourcentage, de 0 "
              "à 100)",
        "en": "progress {value} is {value} % done (progress is a percent, 0-100)"},
    "hint_did_you_mean_value": {"fr": "vouliez-vous dire {value} ?",
                                "en": "did you mean {value}?"},
    "msg_rate_target": {
        "fr": "l'objectif {value} de {metric} vaut {percent} ; un taux vaut au plus 1 (100 %)",
        "en": "the {metric} target {value} is {percent}; a rate is at most 1 (100 %)"},
    "msg_negative_target": {"fr": "l'objectif {value} de {metric} est négatif ; {metric} vaut "
                                  "au moins 0",
                            "en": "the {metric} target {value} is negative; {metric} is at "
                                  "least 0"},
    "hint_negative_target": {"fr": "écrivez un objectif de 0 ou plus",
                             "en": "write a target of 0 or more"},
    "msg_unknown_key": {"fr": "clé inconnue '{name}'", "en": "unknown key '{name}'"},
    "hint_did_you_mean_quoted": {"fr": "vouliez-vous dire '{value}' ?",
                                 "en": "did you mean '{value}'?"},
    "hint_did_you_mean_required": {"fr": "vouliez-vous dire '{name}' ? ('{name}' est obligatoire)",
                                   "en": "did you mean '{name}'? ('{name}' is required)"},
    "hint_allowed_keys": {"fr": "clés possibles : {keys}", "en": "allowed keys: {keys}"},
    "msg_missing_key": {"fr": "la clé obligatoire '{name}' manque",
                        "en": "required key '{name}' is missing"},
    "hint_add_key": {"fr": "ajoutez '{name}:' à ce bloc", "en": "add '{name}:' to this mapping"},
    "hint_write_fraction": {
        "fr": "écrivez {fraction} : une part s'écrit en fraction ({value} % = {fraction})",
        "en": "write {fraction}: a share is a fraction ({value} % = {fraction})"},
    "hint_write_percent": {
        "fr": "écrivez {value} : {field} est un pourcentage de 0 à 100, sans « % »",
        "en": "write {value}: {field} is a percent from 0 to 100, without '%'"},
    "hint_write_number": {
        "fr": "écrivez {value} (un nombre YAML s'écrit avec un point décimal, sans espace ni "
              "devise)",
        "en": "write {value} (a YAML number has a decimal point, no spaces, no currency)"},
    "hint_write_priority": {
        "fr": "écrivez {value} : la priorité est un nombre de 1 (la plus haute) à 5",
        "en": "write {value}: priority is a number from 1 (highest) to 5"},
    "hint_bool": {"fr": "écrivez true ou false (en YAML 1.2, yes, no, on et off sont du texte)",
                  "en": "write true or false (YAML 1.2: yes, no, on and off are text)"},
    "hint_yaml_indented_more": {
        "fr": "cette ligne est plus indentée que la clé au-dessus, qui a déjà une valeur : "
              "YAML la lit comme la suite de cette valeur. Alignez-la sur les clés du dessus "
              "(l'indentation se fait en espaces, le même nombre à chaque niveau)",
        "en": "this line is indented more than the key above it, which already has a value: "
              "YAML reads it as the rest of that value. Align it with the keys above "
              "(indentation steps are spaces, the same number at each level)"},
    "hint_yaml_colon": {
        "fr": "un « : » suivi d'une espace dans une valeur commence une nouvelle clé : mettez "
              "la valeur entre guillemets, par exemple {example}",
        "en": "a ': ' inside a value starts a new key: put the value in quotes, e.g. "
              "{example}"},
    "hint_yaml_quote_inside": {
        "fr": "une apostrophe dans un texte entre apostrophes le termine : doublez-la "
              "('l''entreprise') ou utilisez des guillemets (\"l'entreprise\")",
        "en": "a quote inside a quoted value ends it: double it inside single quotes "
              "('l''entreprise'), or use double quotes (\"l'entreprise\")"},
    "hint_yaml_key_indent": {
        "fr": "cette ligne n'est pas indentée comme les clés de son bloc : les clés d'un même "
              "bloc commencent à la même colonne{where}",
        "en": "this line is not indented like the keys of its mapping: the keys of one "
              "mapping start in the same column{where}"},
    "hint_yaml_mapping_start": {"fr": " (le bloc commence ligne {line})",
                                "en": " (the mapping starts at line {line})"},
    "hint_yaml_list_indent": {
        "fr": "cette ligne n'est pas indentée comme ses voisines : les éléments d'une liste "
              "commencent par « - » à la même colonne, et les clés d'un élément sont "
              "indentées de même{where}",
        "en": "this line is not indented like its neighbours: the items of a list start "
              "with '- ' in the same column, and the keys of an item are indented alike"
              "{where}"},
    "hint_yaml_block_start": {"fr": " (le bloc commence ligne {line})",
                              "en": " (the block starts at line {line})"},
    "hint_yaml_unclosed": {
        "fr": "le {brackets} ouvert {where}n'est pas fermé : ajoutez « {closing} », ou mettez "
              "entre guillemets une valeur qui contient « , », « {{ », « }} », « [ », « ] » "
              "ou « # »",
        "en": "the {brackets} started {where}is not closed: add '{closing}', or quote a "
              "value that holds ',', '{{', '}}', '[', ']' or ' #'"},
    "hint_yaml_started_at": {"fr": "ligne {line} ", "en": "at line {line} "},
    "hint_yaml_unclosed_quote": {
        "fr": "un guillemet n'est pas fermé : fermez-le à la fin de la valeur, sur la même "
              "ligne",
        "en": "a quote is not closed: close it at the end of the value, on the same line"},
    "hint_yaml_tab": {"fr": "indentez avec des espaces, pas des tabulations",
                      "en": "indent with spaces, not tabs"},
    "hint_yaml_quote_start": {"fr": "une valeur qui commence par « {char} » se met entre "
                                    "guillemets",
                              "en": "a value starting with '{char}' must be in quotes"},
    # problem messages of the other lint families, the loader and the schema (validate --lang)
    "hint_known_ids": {"fr": "identifiants connus : {names}", "en": "known: {names}"},
    "msg_at_line": {"fr": "ligne {line}", "en": "line {line}"},
    "msg_in_all": {"fr": "({n} en tout)", "en": "({n} in all)"},
    "msg_duplicate_id": {"fr": "identifiant '{id}' en double ({what}, première définition "
                               "{where})",
                         "en": "duplicate {what} id '{id}' (first defined at {where})"},
    "hint_duplicate_id": {"fr": "renommez l'un des deux : les identifiants sont uniques",
                          "en": "ids must be unique"},
    "msg_kind_emoff_fact": {"fr": "fait EMOFF", "en": "EMOFF fact"},
    "msg_kind_strategy": {"fr": "stratégie", "en": "strategy"},
    "msg_kind_profile": {"fr": "profil", "en": "profile"},
    "msg_kind_segment": {"fr": "segment", "en": "segment"},
    "msg_kind_typology": {"fr": "typologie", "en": "typology"},
    "msg_kind_recommendation": {"fr": "recommandation", "en": "recommendation"},
    "msg_kind_action": {"fr": "action", "en": "action"},
    "msg_kind_objective_kpi": {"fr": "objectif/KPI", "en": "objective/KPI"},
    "msg_kind_ipo_criterion": {"fr": "critère IPO", "en": "IPO criterion"},
    "msg_kind_ipa_criterion": {"fr": "critère IPA", "en": "IPA criterion"},
    "msg_unknown_emoff_fact": {"fr": "fait EMOFF inconnu '{ref}'",
                               "en": "unknown EMOFF fact '{ref}'"},
    "msg_fact_strength": {"fr": "force", "en": "strength"},
    "msg_fact_weakness": {"fr": "faiblesse", "en": "weakness"},
    "msg_fact_opportunity": {"fr": "opportunité", "en": "opportunity"},
    "msg_fact_threat": {"fr": "menace", "en": "threat"},
    "msg_fact_a_strength": {"fr": "une force", "en": "a strength"},
    "msg_fact_a_weakness": {"fr": "une faiblesse", "en": "a weakness"},
    "msg_fact_a_opportunity": {"fr": "une opportunité", "en": "an opportunity"},
    "msg_fact_a_threat": {"fr": "une menace", "en": "a threat"},
    "msg_facts_strength": {"fr": "forces", "en": "strengths"},
    "msg_facts_weakness": {"fr": "faiblesses", "en": "weaknesses"},
    "msg_facts_opportunity": {"fr": "opportunités", "en": "opportunities"},
    "msg_facts_threat": {"fr": "menaces", "en": "threats"},
    "msg_strategy_wrong_kind": {
        "fr": "le croisement {crossing} associe {first} et {second}, mais '{ref}' est {kind}",
        "en": "{crossing} crosses {first} and {second}, but '{ref}' is {kind}"},
    "msg_strategy_missing_kind": {"fr": "la stratégie {crossing} '{id}' n'utilise aucune {kind}",
                                  "en": "{crossing} strategy '{id}' uses no {kind}"},
    "msg_code_length": {
        "fr": "la cotation RFM '{pattern}' a {digits} chiffres, mais le plan compte {n} "
              "périodes RFM",
        "en": "code pattern '{pattern}' has {digits} digits but the plan has {n} RFM periods"},
    "hint_code_length": {"fr": "écrivez {n} chiffres, la période la plus ancienne en premier",
                         "en": "write {n} digits, oldest period first"},
    "msg_unknown_profile": {"fr": "profil inconnu '{ref}'", "en": "unknown profile '{ref}'"},
    "msg_unknown_segment": {"fr": "segment inconnu '{ref}'", "en": "unknown segment '{ref}'"},
    "msg_unknown_typology": {"fr": "typologie inconnue '{ref}'",
                             "en": "unknown typology '{ref}'"},
    "msg_unknown_abc": {"fr": "classe ABC inconnue '{ref}'", "en": "unknown abc '{ref}'"},
    "msg_unknown_zone": {"fr": "zone inconnue '{ref}'", "en": "unknown zone '{ref}'"},
    "msg_unknown_potential_class": {"fr": "classe de potentiel inconnue '{ref}'",
                                    "en": "unknown potential class '{ref}'"},
    "msg_unknown_quadrant": {"fr": "quadrant inconnu '{ref}'", "en": "unknown quadrant '{ref}'"},
    "msg_unknown_strategy": {"fr": "stratégie inconnue '{ref}'",
                             "en": "unknown strategy '{ref}'"},
    "msg_unknown_criterion": {"fr": "critère inconnu '{ref}'", "en": "unknown criterion '{ref}'"},
    "msg_missing_section": {"fr": "'{metric}' demande la section '{section}' du plan",
                            "en": "'{metric}' needs the plan's '{section}' section"},
    "hint_missing_section": {"fr": "ajoutez la section '{section}', ou retirez ce test",
                             "en": "add the '{section}' section, or remove the test"},
    "msg_rule_order": {
        "fr": "les règles de '{context}' ne peuvent pas tester '{metric}' : la liste "
              "'{plural}' n'est pas calculée avant '{context}'",
        "en": "{context} rules cannot test '{metric}': {plural} are assigned after {context}"},
    "hint_rule_order": {
        "fr": "les segments sont calculés d'abord, puis les profils, puis les typologies",
        "en": "segments come first, then profiles, then typologies"},
    "msg_coverage_skipped": {
        "fr": "couverture des règles non prouvée : {size} combinaisons à vérifier",
        "en": "rule coverage not proven: {size} combinations to check"},
    "msg_shadowed_rule": {"fr": "la règle '{id}' ne s'applique jamais : {reason}",
                          "en": "rule '{id}' can never apply: {reason}"},
    "msg_shadowed_taken": {
        "fr": "tous les cas qu'elle retient sont déjà pris par les règles précédentes {rules}",
        "en": "every case it matches is taken by earlier rules {rules}"},
    "msg_shadowed_empty": {"fr": "elle ne retient aucun cas possible",
                           "en": "it matches no possible case"},
    "hint_shadowed_rule": {
        "fr": "supprimez-la, ou placez-la avant les règles qui prennent ses cas",
        "en": "remove it or move it before the rules that take its cases"},
    "msg_uncovered_codes": {
        "fr": "{n} cotations RFM ne sont couvertes par aucune règle de cotation : {shown}",
        "en": "{n} codes are covered by no code-only rule: {shown}"},
    "msg_uncovered_cases": {"fr": "{n} cas ne sont couverts par aucune règle : {shown}",
                            "en": "{n} cases are covered by no rule: {shown}"},
    "hint_uncovered_partial": {
        "fr": "des règles sur d'autres critères peuvent encore les couvrir ; pour en être sûr, "
              "ajoutez en dernier une règle sans condition ('when' vide)",
        "en": "rules testing other metrics may still cover them; add a catch-all rule "
              "(empty 'when') last to be sure"},
    "hint_uncovered": {
        "fr": "ajoutez des règles qui les couvrent, ou en dernier une règle sans condition "
              "('when' vide)",
        "en": "add rules for them, or a catch-all rule (empty 'when') last"},
    "msg_no_target": {"fr": "l'action commerciale '{id}' ne cible aucun client",
                      "en": "commercial action '{id}' has no target clients"},
    "hint_no_target": {
        "fr": "ajoutez 'target:' avec des identifiants clients, un profil, une classe ABC…",
        "en": "add target: with client ids, a profile, an ABC class..."},
    "msg_due_before_plan": {"fr": "l'échéance {due:date} précède le début du plan ({start:date})",
                            "en": "due date {due:date} is before the plan starts ({start:date})"},
    "msg_due_after_plan": {"fr": "l'échéance {due:date} tombe après la fin du plan ({end:date})",
                           "en": "due date {due:date} is after the plan ends ({end:date})"},
    "hint_due_after_plan": {"fr": "reportez header.plan_end si le plan couvre plusieurs années",
                            "en": "set header.plan_end later if the plan spans several years"},
    "msg_growth_on_prospects": {
        "fr": "l'action '{id}' vise une croissance sur des clients sans CA actuel : son CA "
              "cible vaut 0",
        "en": "action '{id}' aims at growth on clients with no current revenue: its target "
              "revenue is 0"},
    "hint_growth_on_prospects": {
        "fr": "indiquez target_revenue (le CA visé) au lieu de growth",
        "en": "give target_revenue (the revenue aimed for) instead of growth"},
    "msg_reading_outside_plan": {
        "fr": "la lecture de {field} du {date} est hors de la période du plan (du {start} au "
              "{end})",
        "en": "the {field} reading of {date} is outside the plan ({start} to {end})"},
    "msg_reading_decreasing": {
        "fr": "{id} : le relevé de {field} du {date} ({value}) est inférieur au précédent "
              "({before}, le {before_date})",
        "en": "{id}: the {field} reading of {date} ({value}) is below the one before it "
              "({before}, on {before_date})"},
    "hint_reading_decreasing": {
        "fr": "{field} est un total à date : écrivez le relevé précédent plus ce qui a été "
              "fait ou dépensé depuis ; si le chiffre a vraiment baissé (un avoir, un travail "
              "à refaire), dites pourquoi dans comments",
        "en": "{field} is a total to date: write the reading before plus what was done or "
              "spent since; if the figure really went back (a refund, work undone), say why "
              "in comments"},
    "msg_start_outside_plan": {
        "fr": "la date de début {date:date} est hors de la période du plan (du {start:date} "
              "au {end:date})",
        "en": "start date {date:date} is outside the plan ({start:date} to {end:date})"},
    "msg_workload_early": {
        "fr": "la charge de travail commence le {date:date}, avant l'action ({first:date})",
        "en": "workload starts {date:date}, before the action ({first:date})"},
    "msg_workload_late": {
        "fr": "la charge de travail finit le {date:date}, après l'échéance de l'action "
              "({due:date})",
        "en": "workload ends {date:date}, after the action is due ({due:date})"},
    "msg_over_budget": {
        "fr": "les actions engagent {used}, soit {over} de plus que l'enveloppe de {total}",
        "en": "actions allocate {used}, over the envelope of {total} by {over}"},
    "msg_under_budget": {"fr": "les actions engagent {used} sur une enveloppe de {total} "
                               "({share})",
                         "en": "actions allocate {used} of {total} ({share})"},
    "msg_over_envelope": {
        "fr": "{axis} '{name}' : {used} engagés, au-delà de son enveloppe de {limit}",
        "en": "{axis} '{name}' allocates {used}, over its envelope of {limit}"},
    "msg_envelope_sum": {
        "fr": "les enveloppes par {axis} totalisent {declared}, plus que l'enveloppe totale "
              "de {total}",
        "en": "the {axis} envelopes add up to {declared}, more than the total of {total}"},
    "msg_axis_type": {"fr": "type", "en": "type"},
    "msg_axis_horizon": {"fr": "horizon", "en": "horizon"},
    "msg_axis_owner": {"fr": "responsable", "en": "owner"},
    "msg_axis_priority": {"fr": "priorité", "en": "priority"},
    "msg_threshold_scale": {
        "fr": "le seuil {axis} {value} est hors de l'échelle [{lo}, {hi}]",
        "en": "{axis} threshold {value} is outside the scale [{lo}, {hi}]"},
    "msg_note_scale": {"fr": "la note {value} est hors de l'échelle [{lo}, {hi}]",
                       "en": "note {value} is outside the scale [{lo}, {hi}]"},
    # the loader's messages
    "msg_what_plan_file": {"fr": "fichier de plan", "en": "plan file"},
    "msg_what_rule_file": {"fr": "fichier de règles", "en": "rule file"},
    "msg_file_empty": {"fr": "le {what} est vide", "en": "the {what} is empty"},
    "hint_file_empty": {
        "fr": "commencez-le par 'pacspec: {version}' ; `pacspec init` écrit un plan de départ",
        "en": "start it with 'pacspec: {version}'; `pacspec init` writes a starter plan"},
    "msg_file_not_mapping": {"fr": "un {what} doit être un bloc de clés, trouvé : {found}",
                             "en": "a {what} must be a mapping of keys, found {found}"},
    "hint_start_with_version": {"fr": "commencez-le par 'pacspec: {version}'",
                                "en": "start it with 'pacspec: {version}'"},
    "msg_version_missing": {"fr": "la clé obligatoire 'pacspec' (version du format) manque",
                            "en": "required key 'pacspec' (format version) is missing"},
    "hint_version_missing": {"fr": "ajoutez 'pacspec: {version}' en première ligne",
                             "en": "add 'pacspec: {version}' as the first line"},
    "msg_version_type": {
        "fr": "la version du format doit être le nombre entier {version}, trouvé : {found}",
        "en": "the format version must be the whole number {version}, found {found}"},
    "hint_version_unquote": {"fr": "écrivez-la sans guillemets : 'pacspec: {text}'",
                             "en": "write it unquoted: 'pacspec: {text}'"},
    "hint_version_write": {"fr": "écrivez 'pacspec: {version}'",
                           "en": "write 'pacspec: {version}'"},
    "msg_newer_format": {
        "fr": "ce {what} utilise le format {version}, mais cette version de pacspec ne lit "
              "que le format {supported}",
        "en": "this {what} uses format {version}, but this pacspec reads format {supported} "
              "only"},
    "hint_newer_format": {"fr": "mettez pacspec à jour : pip install -U pacspec",
                          "en": "upgrade pacspec: pip install -U pacspec"},
    "msg_found_null": {"fr": "rien (null)", "en": "nothing (null)"},
    "msg_found_text": {"fr": "le texte {text}", "en": "text {text}"},
    "msg_include_unusable": {"fr": "l'inclusion {name} est inutilisable : {reason}",
                             "en": "include {name} cannot be used: {reason}"},
    "msg_include_not_found": {"fr": "fichier inclus {name} introuvable (cherché : {path})",
                              "en": "included file {name} not found (looked for {path})"},
    "hint_include_relative": {"fr": "les chemins sont relatifs au fichier qui inclut",
                              "en": "paths are relative to the including file"},
    "msg_include_unfollowable": {"fr": "l'inclusion {name} ne peut pas être suivie : {reason}",
                                 "en": "include {name} cannot be followed: {reason}"},
    "msg_symlink_loop": {"fr": "une boucle de liens symboliques",
                         "en": "a symbolic link loop"},
    "hint_include_fix_link": {"fr": "corrigez le chemin ou le lien symbolique",
                              "en": "fix the path or the symbolic link"},
    "msg_include_outside": {
        "fr": "l'inclusion {name} mène à {target}, hors de {root}, le dépôt du fichier qui "
              "inclut",
        "en": "include {name} resolves to {target}, outside {root}, the repository of the "
              "including file"},
    "msg_plan_outside": {
        "fr": "le fichier {name} est un lien vers {target}, hors de {root}, son dépôt ; "
              "il n'est pas lu",
        "en": "the file {name} is a link to {target}, outside {root}, its repository; "
              "not read",
    },
    "hint_plan_outside": {
        "fr": "mettez le fichier lui-même dans le dépôt ; passez --allow-outside pour une "
              "exécution locale de confiance",
        "en": "put the file itself in the repository; pass --allow-outside for a trusted "
              "local run",
    },
    "hint_include_outside": {
        "fr": "incluez des fichiers du dépôt, ou un jeu de règles intégré (pacspec:<nom>) ; "
              "passez --allow-outside pour une exécution locale de confiance",
        "en": "include files inside the repository, or a built-in rule set "
              "(pacspec:<name>); pass --allow-outside for a trusted local run"},
    "msg_include_folder": {"fr": "l'inclusion {name} est un dossier",
                           "en": "include {name} is a folder"},
    "msg_include_not_regular": {"fr": "l'inclusion {name} n'est pas un fichier ordinaire",
                                "en": "include {name} is not a regular file"},
    "hint_include_name_rule_file": {"fr": "nommez un fichier de règles",
                                    "en": "name a rule file"},
    "msg_unknown_builtin": {"fr": "jeu de règles intégré inconnu {name}",
                            "en": "unknown built-in rule set {name}"},
    "hint_builtin_sets": {"fr": "jeux de règles intégrés : {names}",
                          "en": "built-in rule sets: {names}"},
    "msg_include_not_list": {"fr": "include doit être une liste de chemins de fichiers",
                             "en": "include must be a list of file paths"},
    "msg_builtin_includes_builtin": {
        "fr": "un jeu de règles intégré n'inclut que des jeux de règles intégrés",
        "en": "a built-in rule set includes built-in rule sets only"},
    "hint_write_builtin": {"fr": "écrivez 'pacspec:<nom>'", "en": "write 'pacspec:<name>'"},
    "msg_include_cycle": {"fr": "inclusions en boucle : {chain}", "en": "include cycle: {chain}"},
    "hint_include_cycle": {"fr": "retirez l'une des inclusions",
                           "en": "remove one of the includes"},
    "msg_duplicate_section": {
        "fr": "la section '{section}' est définie à la fois dans {first} et dans {second}",
        "en": "section '{section}' is defined both in {first} and in {second}"},
    "hint_duplicate_section": {
        "fr": "gardez une seule définition, ou répartissez autrement les fichiers de règles",
        "en": "keep one definition, or split the rule files"},
    "msg_quoted_number": {"fr": "un nombre est écrit entre guillemets : {text}",
                          "en": "a number is written in quotes: {text}"},
    "hint_unquote_number": {"fr": "écrivez-le sans guillemets : {field}: {value}",
                            "en": "write it without quotes: {field}: {value}"},
    "hint_unquote_number_plain": {"fr": "écrivez le nombre sans guillemets",
                                  "en": "write the number without quotes"},
    # the schema's messages, by pydantic error type ("expected ..., found ...")
    "msg_expected_found": {"fr": "attendu : {expected} ; trouvé : {found}",
                           "en": "expected {expected}, found {found}"},
    "msg_expected_key_found": {"fr": "clé attendue : {expected} ; trouvé : {found}",
                               "en": "expected a key that is {expected}, found {found}"},
    "msg_message_found": {"fr": "{message} ; trouvé : {found}", "en": "{message}, found {found}"},
    "msg_or": {"fr": " ; ou ", "en": "; or "},
    "exp_int": {"fr": "un nombre entier", "en": "a whole number"},
    "exp_int_from_float": {"fr": "un nombre entier, sans décimales",
                           "en": "a whole number, without decimals"},
    "exp_number": {"fr": "un nombre", "en": "a number"},
    "exp_finite_number": {"fr": "un nombre fini", "en": "a finite number"},
    "exp_bool": {"fr": "true ou false", "en": "true or false"},
    "exp_text": {"fr": "un texte", "en": "a text"},
    "exp_list": {"fr": "une liste", "en": "a list"},
    "exp_mapping": {"fr": "un bloc de clés", "en": "a mapping"},
    "exp_date": {"fr": "une date AAAA-MM-JJ", "en": "a date YYYY-MM-DD"},
    "exp_datetime": {"fr": "une date et heure", "en": "a date and time"},
    "exp_gt": {"fr": "un nombre supérieur à {limit}", "en": "a number greater than {limit}"},
    "exp_ge": {"fr": "un nombre supérieur ou égal à {limit}",
               "en": "a number greater than or equal to {limit}"},
    "exp_lt": {"fr": "un nombre inférieur à {limit}", "en": "a number less than {limit}"},
    "exp_le": {"fr": "un nombre inférieur ou égal à {limit}",
               "en": "a number less than or equal to {limit}"},
    "exp_text_min": {"fr": "un texte d'au moins {n} caractère(s)",
                     "en": "a text of at least {n} character(s)"},
    "exp_text_max": {"fr": "un texte d'au plus {n} caractère(s)",
                     "en": "a text of at most {n} character(s)"},
    "exp_list_min": {"fr": "une liste d'au moins {n} élément(s)",
                     "en": "a list of at least {n} item(s)"},
    "exp_list_max": {"fr": "une liste d'au plus {n} élément(s)",
                     "en": "a list of at most {n} item(s)"},
    "exp_pattern": {"fr": "un texte de la forme {pattern}", "en": "a text matching {pattern}"},
    "msg_or_word": {"fr": "ou", "en": "or"},
    "hint_lead": {"fr": "conseil : ", "en": "hint: "},
    # pacspec validate's per-file count of problems
    "count_error_one": {"fr": "1 erreur", "en": "1 error"},
    "count_error": {"fr": "{n:num} erreurs", "en": "{n:num} errors"},
    "count_warning_one": {"fr": "1 avertissement", "en": "1 warning"},
    "count_warning": {"fr": "{n:num} avertissements", "en": "{n:num} warnings"},
    "count_note_one": {"fr": "1 note", "en": "1 note"},
    "count_note": {"fr": "{n:num} notes", "en": "{n:num} notes"},
    # the command line's own lines (after "pacspec: "), in the plan's language
    "cli_no_files": {
        "fr": "aucun fichier de plan ni de règles (*.pac.yaml, *.rules.yaml) dans ce dossier",
        "en": "no plan or rule file (*.pac.yaml, *.rules.yaml) under this folder"},
    "cli_rules_footer": {
        "fr": "incluez-en un avec 'include: [pacspec:NOM]' ; copiez-en un pour l'adapter "
              "avec 'pacspec rules show NOM -o rules/NOM.rules.yaml'",
        "en": "include one with 'include: [pacspec:NAME]'; copy one with "
              "'pacspec rules show NAME -o rules/NAME.rules.yaml'"},
    "cli_rules_count_profiles": {"fr": "{n:num} profils", "en": "{n:num} profiles"},
    "cli_rules_count_segments": {"fr": "{n:num} segments", "en": "{n:num} segments"},
    "cli_rules_count_typologies": {"fr": "{n:num} typologies", "en": "{n:num} typologies"},
    "cli_rules_count_recommendations": {"fr": "{n:num} recommandations",
                                        "en": "{n:num} recommendations"},
    "cli_no_ruleset": {"fr": "erreur : aucun jeu de règles fourni ne s'appelle '{name}' ({hint})",
                       "en": "error: no built-in rule set '{name}' ({hint})"},
    "cli_did_you_mean": {"fr": "vouliez-vous dire '{guess}' ?", "en": "did you mean '{guess}'?"},
    "cli_see_rules_list": {"fr": "voir pacspec rules list", "en": "see pacspec rules list"},
    "cli_wrote": {"fr": "écrit : {path}", "en": "wrote {path}"},
    "cli_wrote_rules": {
        "fr": "écrit : {path} ; incluez-le avec 'include: [{ref}]' (un chemin relatif au plan)",
        "en": "wrote {path}; include it with 'include: [{ref}]' (a path relative to the "
              "plan)"},
    "cli_wrote_plan": {"fr": "écrit : {path} ; ensuite : pacspec validate {path}",
                       "en": "wrote {path}; next: pacspec validate {path}"},
    "cli_wrote_clients": {"fr": "écrit : {n:num} clients dans {path}",
                          "en": "wrote {n:num} clients to {path}"},
    "cli_wrote_lines": {"fr": "écrit : {n:num} lignes dans {path}",
                        "en": "wrote {n:num} lines to {path}"},
    "cli_wrote_lines_bad": {
        "fr": "écrit : {n:num} lignes dans {path} ({bad:num} lignes invalides laissées de côté)",
        "en": "wrote {n:num} lines to {path} ({bad:num} bad rows left out)"},
    "cli_plan_name": {"fr": "les fichiers de plan se nomment *.pac.yaml, pas '{name}'",
                      "en": "plan files are named *.pac.yaml, not '{name}'"},
    "cli_no_folder": {
        "fr": "le dossier '{path}' n'existe pas : créez-le d'abord (mkdir -p {path})",
        "en": "the folder '{path}' does not exist: create it first (mkdir -p {path})"},
    "cli_step_evaluate": {"fr": "lecture des données et évaluation du plan",
                          "en": "reading the data and evaluating the plan"},
    "cli_step_track": {"fr": "lecture des données et pilotage du plan",
                       "en": "reading the data and steering the plan"},
    "cli_step_report": {"fr": "lecture des données et construction du rapport",
                        "en": "reading the data and building the report"},
    "cli_step_convert": {"fr": "conversion de {source}", "en": "converting {source}"},
    "cli_step_done": {"fr": "{step} : fait en {seconds:num1} s",
                      "en": "{step}: done in {seconds:num1} s"},
    "cli_interrupted": {"fr": "interrompu", "en": "interrupted"},
    "cli_choose_another_name": {"fr": "choisissez un autre nom", "en": "choose another name"},
    "cli_internal_error": {
        "fr": "erreur interne (signalez-la, avec les lignes ci-dessous, aux auteurs de pacspec)",
        "en": "internal error (please report it with the lines below)"},
    # --- the YAML loader's and the file reader's problems (Problem.reason), worded by
    # validation.in_words; English as the loader writes it
    "yaml_multiple_documents": {"fr": "un fichier de plan contient un seul document YAML",
                                "en": "a plan file must hold a single YAML document"},
    "yaml_multiple_documents_hint": {"fr": "retirez le second « --- », ou coupez le fichier en deux",
                                     "en": "remove the second '---', or split the file"},
    "yaml_too_many_nodes": {
        "fr": "le document se déploie en plus de {n} éléments (chaque alias compte comme une "
              "copie de son ancre)",
        "en": "the document expands to more than {n} nodes (aliases count as copies of their "
              "anchors)"},
    "yaml_too_many_nodes_hint": {"fr": "utilisez moins d'alias (*nom) de grands blocs ancrés",
                                 "en": "use fewer aliases (*name) of large anchored blocks"},
    "yaml_too_deep": {"fr": "le document est imbriqué sur plus de {n} niveaux",
                      "en": "the document is nested deeper than {n} levels"},
    "yaml_bad_tag_value": {"fr": "{value} n'est pas une valeur {tag} valide",
                           "en": "{value} is not a valid {tag} value"},
    "yaml_bad_tag_value_hint": {"fr": "retirez l'étiquette, ou corrigez la valeur",
                                "en": "remove the tag, or fix the value"},
    "yaml_tag_on_scalar": {"fr": "l'étiquette {tag} ne s'applique pas à une valeur simple",
                           "en": "tag {tag} cannot be used on a scalar"},
    "hint_remove_tag": {"fr": "retirez l'étiquette", "en": "remove the tag"},
    "yaml_tag_on_mapping": {"fr": "l'étiquette {tag} ne s'applique pas à un bloc de clés",
                            "en": "tag {tag} cannot be used on a mapping"},
    "yaml_tag_on_sequence": {"fr": "l'étiquette {tag} ne s'applique pas à une liste",
                             "en": "tag {tag} cannot be used on a sequence"},
    "yaml_unsupported_tag": {"fr": "étiquette non prise en charge '{tag}'",
                             "en": "unsupported tag '{tag}'"},
    "yaml_unsupported_tag_hint": {
        "fr": "un plan ne contient que des valeurs simples : retirez l'étiquette",
        "en": "plan files hold plain values only; remove the tag"},
    "yaml_recursive_alias": {"fr": "l'alias '*{name}' renvoie à un bloc qui le contient",
                             "en": "alias '*{name}' refers to a node that contains it"},
    "yaml_recursive_alias_hint": {"fr": "les structures récursives ne sont pas permises",
                                  "en": "recursive structures are not allowed"},
    "yaml_undefined_alias": {"fr": "alias '*{name}' non défini",
                             "en": "found undefined alias '*{name}'"},
    "yaml_undefined_alias_hint": {"fr": "définissez l'ancre '&{name}' avant de l'utiliser",
                                  "en": "define the anchor '&{name}' before using it"},
    "yaml_complex_key": {"fr": "un bloc ou une liste ne peut pas servir de clé",
                         "en": "a mapping or a sequence cannot be used as a mapping key"},
    "yaml_complex_key_hint": {"fr": "une clé est un simple texte", "en": "keys must be plain text"},
    "yaml_merge_key": {"fr": "les clés de fusion ('<<') ne sont pas prises en charge",
                       "en": "merge keys ('<<') are not supported"},
    "yaml_merge_key_hint": {
        "fr": "répétez les clés, ou placez la partie commune dans un jeu de règles chargé par "
              "'include:'",
        "en": "repeat the keys, or move the shared part to a rule set and use 'include:'"},
    "yaml_duplicate_key": {"fr": "clé en double {name} (déjà définie ligne {line}, colonne {col})",
                           "en": "duplicate key {name} (first defined at line {line}, col {col})"},
    "yaml_duplicate_key_hint": {"fr": "supprimez l'une des deux, ou fusionnez leur contenu",
                                "en": "remove one of them, or merge their contents"},
    "yaml_encoding": {"fr": "le fichier est encodé en {encoding}, pas en UTF-8",
                      "en": "the file is {encoding} encoded, not UTF-8"},
    "hint_save_utf8": {"fr": "enregistrez le fichier en UTF-8",
                           "en": "save the file as UTF-8"},
    "yaml_bad_byte": {"fr": "octet {byte} invalide en UTF-8", "en": "invalid UTF-8 byte {byte}"},
    "yaml_invalid_character": {"fr": "le caractère invalide {char} n'est pas permis en YAML",
                               "en": "invalid character {char} is not allowed in YAML"},
    "hint_printable": {
        "fr": "retirez-le : un plan est un texte imprimable",
        "en": "remove it; plan files are printable text"},
    "yaml_control_character": {"fr": "le caractère de contrôle {char} n'est pas permis en YAML",
                               "en": "control character {char} is not allowed in YAML"},
    "yaml_out_of_memory": {"fr": "mémoire épuisée en lisant le document",
                           "en": "out of memory while loading the document"},
    "yaml_syntax": {"fr": "syntaxe YAML : {problem}", "en": "{problem}"},
    "yaml_started_at": {"fr": "{context}, depuis la ligne {line}, colonne {col}",
                        "en": "{context} started at line {line}, col {col}"},
    # PyYAML's words for a syntax error (the problem, then its context); a phrase missing
    # here keeps PyYAML's English
    "yaml_p_mapping_values": {"fr": "une valeur de clé n'est pas permise ici",
                              "en": "mapping values are not allowed here"},
    "yaml_p_mapping_values_context": {"fr": "une valeur de clé n'est pas permise ici",
                                      "en": "mapping values are not allowed in this context"},
    "yaml_p_sequence_entries": {"fr": "un élément de liste « - » n'est pas permis ici",
                                "en": "block sequence entries are not allowed in this context"},
    "yaml_p_bad_character": {"fr": "un caractère ne peut commencer aucun élément",
                             "en": "found character that cannot start any token"},
    "yaml_p_unknown_escape": {"fr": "séquence d'échappement « \\ » inconnue",
                              "en": "found unknown escape character"},
    "yaml_p_expected_document": {"fr": "début de document attendu",
                                 "en": "did not find expected <document start>"},
    "yaml_p_tab": {"fr": "une tabulation casse l'indentation",
                   "en": "found a tab character that violates indentation"},
    "yaml_p_tab_token": {"fr": "une tabulation ne peut commencer aucun élément",
                         "en": "found character '\\t' that cannot start any token"},
    "yaml_p_expected_key": {"fr": "clé attendue introuvable", "en": "did not find expected key"},
    "yaml_p_expected_bracket": {"fr": "« , » ou « ] » attendu",
                                "en": "did not find expected ',' or ']'"},
    "yaml_p_expected_brace": {"fr": "« , » ou « }} » attendu",
                              "en": "did not find expected ',' or '}}'"},
    "yaml_p_expected_colon": {"fr": "« : » attendu", "en": "could not find expected ':'"},
    "yaml_p_expected_dash": {"fr": "« - » attendu", "en": "did not find expected '-' indicator"},
    "yaml_p_end_of_stream": {"fr": "fin de fichier inattendue",
                             "en": "found unexpected end of stream"},
    "yaml_p_expected_node": {"fr": "valeur attendue introuvable",
                             "en": "did not find expected node content"},
    "yaml_c_simple_key": {"fr": "en lisant une clé", "en": "while scanning a simple key"},
    "yaml_c_block_mapping": {"fr": "dans un bloc de clés", "en": "while parsing a block mapping"},
    "yaml_c_block_collection": {"fr": "dans une liste", "en": "while parsing a block collection"},
    "yaml_c_flow_sequence": {"fr": "dans une liste [ ]", "en": "while parsing a flow sequence"},
    "yaml_c_flow_mapping": {"fr": "dans un bloc entre accolades", "en": "while parsing a flow mapping"},
    "yaml_c_quoted": {"fr": "dans un texte entre guillemets",
                      "en": "while scanning a quoted scalar"},
    "yaml_c_plain": {"fr": "dans une valeur", "en": "while scanning a plain scalar"},
    "yaml_c_quoted_parse": {"fr": "dans un texte entre guillemets",
                            "en": "while parsing a quoted scalar"},
    "yaml_c_next_token": {"fr": "en cherchant l'élément suivant",
                          "en": "while scanning for the next token"},
    "yaml_c_block_scalar": {"fr": "dans un texte sur plusieurs lignes",
                            "en": "while scanning a block scalar"},
    "yaml_c_anchor": {"fr": "en lisant une ancre", "en": "while scanning an anchor"},
    "yaml_c_alias": {"fr": "en lisant un alias", "en": "while scanning an alias"},
    "yaml_c_node": {"fr": "dans une valeur", "en": "while parsing a node"},
    "yaml_c_tag": {"fr": "en lisant une étiquette", "en": "while scanning a tag"},
    "yaml_c_block_node": {"fr": "dans une valeur", "en": "while parsing a block node"},
    "yaml_c_flow_node": {"fr": "dans une valeur", "en": "while parsing a flow node"},
    "file_unreadable": {"fr": "impossible de lire le fichier : {reason}",
                        "en": "cannot read the file: {reason}"},
    "file_missing": {"fr": "le fichier n'existe pas", "en": "No such file or directory"},
    "file_symlink_loop": {"fr": "trop de liens symboliques en chaîne (une boucle ?)",
                          "en": "too many levels of symbolic links (a symlink loop?)"},
    "file_symlink_loop_hint": {"fr": "corrigez le lien symbolique",
                               "en": "fix the symbolic link"},
    "file_too_large": {"fr": "le fichier fait {size} octets, plus que la limite de {limit} octets",
                       "en": "the file is {size} bytes, more than the limit of {limit} bytes"},
    "file_too_large_hint": {"fr": "découpez le fichier, ou relevez la limite",
                            "en": "split the file, or raise the size limit"},
    "file_is_folder": {"fr": "c'est un dossier, pas un fichier ordinaire",
                       "en": "it is a folder, not a regular file"},
    "file_is_fifo": {"fr": "c'est un tube nommé (FIFO), pas un fichier ordinaire",
                       "en": "it is a FIFO (named pipe), not a regular file"},
    "file_is_char_device": {"fr": "c'est un périphérique (caractère), pas un fichier ordinaire",
                            "en": "it is a character device, not a regular file"},
    "file_is_block_device": {"fr": "c'est un périphérique (bloc), pas un fichier ordinaire",
                             "en": "it is a block device, not a regular file"},
    "file_is_socket": {"fr": "c'est une socket, pas un fichier ordinaire",
                       "en": "it is a socket, not a regular file"},
    "file_is_other": {"fr": "ce n'est pas un fichier ordinaire",
                      "en": "it is not a regular file"},
    "hint_regular_file": {"fr": "indiquez un fichier ordinaire", "en": "name a regular file"},
    "file_path_not_text": {"fr": "le chemin n'est pas un texte", "en": "the path is not text"},
    "file_path_nul": {"fr": "le chemin contient un octet NUL (\\0)",
                      "en": "the path contains a NUL byte (\\0)"},
    "file_path_nul_hint": {"fr": "retirez le caractère NUL du chemin",
                           "en": "remove the NUL character from the path"},
    "file_path_long": {"fr": "le chemin fait {n} caractères, plus que {limit}",
                       "en": "the path is {n} characters long, more than {limit}"},
    "file_path_long_hint": {"fr": "utilisez un chemin plus court", "en": "use a shorter path"},
    "file_name_long": {"fr": "un nom du chemin fait {n} caractères, plus que {limit}",
                       "en": "a name in the path is {n} characters long, more than {limit}"},
    "file_name_long_hint": {"fr": "raccourcissez les noms des fichiers et des dossiers",
                            "en": "use shorter file and folder names"},
    # --- the output files' problems (pacspec.output), worded by validation.in_words
    "file_what_file": {"fr": "le fichier", "en": "the file"},
    "file_what_report": {"fr": "le rapport", "en": "the report"},
    "file_what_plan": {"fr": "le plan", "en": "the plan"},
    "file_what_rule_set": {"fr": "le jeu de règles", "en": "the rule set"},
    "file_what_schema": {"fr": "le schéma", "en": "the schema"},
    "file_what_snapshot": {"fr": "l'instantané", "en": "the snapshot"},
    "file_what_snapshot_folder": {"fr": "le dossier des instantanés",
                                  "en": "the snapshot folder"},
    "file_what_client_table": {"fr": "la table des clients", "en": "the client table"},
    "file_what_parquet": {"fr": "le fichier Parquet", "en": "the Parquet file"},
    "file_what_lines": {"fr": "les lignes", "en": "the lines"},
    "file_out_exists": {"fr": "impossible d'écrire {what} : {path} existe déjà",
                        "en": "{what} {path} already exists; not replacing it"},
    "file_out_exists_hint": {"fr": "ajoutez --force pour le remplacer",
                             "en": "pass --force to replace it"},
    "file_out_exists_plain": {"fr": "impossible d'écrire {what} : le fichier {path} existe déjà",
                              "en": "{what} {path} already exists, not replacing it"},
    "file_out_cannot_write": {"fr": "impossible d'écrire {what} {path} : {reason}",
                              "en": "cannot write {what} {path}: {reason}"},
    "file_out_symlink": {
        "fr": "{path} est un lien symbolique (vers {target}) : pacspec n'écrit pas {what} à "
              "travers un lien",
        "en": "{what} {path} is a symbolic link (to {target}); pacspec does not write "
              "through links"},
    "file_out_symlink_hint": {"fr": "indiquez la cible du lien, ou supprimez le lien",
                              "en": "name the link's target, or remove the link"},
    "file_out_parent_not_folder": {"fr": "{parent} n'est pas un dossier",
                                   "en": "{parent} is not a folder"},
    "file_out_no_folder": {"fr": "le dossier {parent} n'existe pas",
                           "en": "folder {parent} does not exist"},
    "file_out_no_folder_hint": {"fr": "créez d'abord le dossier",
                                "en": "create the folder first"},
    "file_out_format": {"fr": "impossible d'écrire {what} '{path}' : extension {ext} inconnue",
                        "en": "cannot write {what} '{path}': unknown extension {ext}"},
    "file_out_format_hint": {"fr": "utilisez {accepted}", "en": "use {accepted}"},
    "file_not_installed": {"fr": "{module} n'est pas installé", "en": "{module} is not installed"},
    "file_not_installed_hint": {"fr": "installez l'extra {extra} : pip install 'pacspec[{extra}]'",
                                "en": "install the {extra} extra: pip install 'pacspec[{extra}]'"},
    "file_no_pdf_printer": {"fr": "impossible d'imprimer le rapport en PDF : {why}",
                            "en": "cannot print the PDF report: {why}"},
    "file_no_pdf_printer_hint": {
        "fr": "installez Chromium (apt install chromium) ou faites pointer {env} vers un "
              "Chrome, ou écrivez le rapport en .html et imprimez-le depuis un navigateur",
        "en": "install Chromium (apt install chromium) or set {env} to a Chrome, or write "
              "the report as .html and print it from a browser"},
    "file_no_chromium": {"fr": "ni Chromium ni Chrome dans le PATH",
                         "en": "no Chromium or Chrome on the PATH"},
    "file_chromium_not_executable": {"fr": "{env}={value!r} n'est pas un exécutable",
                                     "en": "{env}={value!r} is not an executable"},
    "file_report_format": {"fr": "format de rapport inconnu '{name}'",
                           "en": "unknown report format '{name}'"},
    "file_report_format_hint": {"fr": "utilisez l'un de : {names}", "en": "use one of: {names}"},
    "file_report_format_guess": {"fr": "'{name}' n'est pas un format de rapport",
                                 "en": "'{name}' is not a report format"},
    "file_report_format_guess_hint": {
        "fr": "vouliez-vous dire '{guess}' ? utilisez l'un de : {names}",
        "en": "did you mean '{guess}'? use one of: {names}"},
    "file_report_extension": {
        "fr": "impossible d'écrire le rapport '{path}' : extension {ext} inconnue",
        "en": "cannot write the report '{path}': unknown extension {ext}"},
    "file_report_extension_hint": {
        "fr": "utilisez {accepted}, ou nommez le format (--format {names})",
        "en": "use {accepted}, or name the format (--format {names})"},
    # --- the engine's data problems (Problem.reason), written by the session -----------
    "problem_no_transactions": {
        "fr": "aucune transaction, donc aucune datée du {as_of:date} ou avant : tous les "
              "clients comptent comme n'ayant jamais acheté",
        "en": "there are no transactions, so none is on or before as_of {as_of:date}: every "
              "client counts as never having bought"},
    "problem_no_data_before_as_of": {
        "fr": "aucune transaction n'est datée du {as_of:date} ou avant : les données vont du "
              "{first:date} au {last:date}, donc tous les clients comptent comme n'ayant "
              "jamais acheté",
        "en": "no transaction is on or before as_of {as_of:date}: the data runs from "
              "{first:date} to {last:date}, so every client counts as never having bought"},
    "problem_no_data_before_as_of_hint": {
        "fr": "donnez une date d'analyse au {first:date} ou après (--as-of AAAA-MM-JJ)",
        "en": "give an as_of on or after {first:date} (--as-of YYYY-MM-DD)"},
    "problem_after_as_of_one": {
        "fr": "la seule ligne de transaction est datée après le {as_of:date} et laissée de "
              "côté (rien après la date d'analyse n'entre dans l'analyse)",
        "en": "the only transaction row is dated after as_of {as_of:date} and left out "
              "(nothing after as_of is used for the analysis)"},
    "problem_after_as_of": {
        "fr": "les {n:num} lignes de transaction sont toutes datées après le {as_of:date} et "
              "laissées de côté (rien après la date d'analyse n'entre dans l'analyse)",
        "en": "all {n:num} transaction rows are dated after as_of {as_of:date} and left out "
              "(nothing after as_of is used for the analysis)"},
    # ingestion (issue 9, issue 12): bad rows, ambiguous numbers, look-alike ids, encodings
    # and the register a plan reads, in the plan's language (pacspec.ingest.report)
    "ingest_row": {"fr": "ligne", "en": "row"},
    "ingest_rows": {"fr": "lignes", "en": "rows"},
    "ingest_at_index": {"fr": "index", "en": "index"},
    "ingest_what_bad_date": {"fr": "une date illisible", "en": "an unparsable date"},
    "ingest_what_bad_amount": {"fr": "un montant illisible", "en": "an unparsable amount"},
    "ingest_what_bad_quantity": {"fr": "une quantité illisible",
                                 "en": "an unparsable quantity"},
    "ingest_what_bad_margin": {"fr": "une marge illisible", "en": "an unparsable margin"},
    "ingest_expected_dates": {
        "fr": "jj/mm/aaaa, jj/mm/aa, aaaa-mm-jj ou aaaammjj (ou indiquez csv.date_format)",
        "en": "dd/mm/yyyy, dd/mm/yy, yyyy-mm-dd or yyyymmdd (or set csv.date_format)"},
    "ingest_expected_format": {"fr": "{format}", "en": "{format}"},
    "ingest_expected_number": {"fr": "un nombre comme {example}",
                               "en": "a number such as {example}"},
    "ingest_expected_fields": {"fr": "{n:num} champs", "en": "{n:num} fields"},
    "ingest_expected_header_width": {"fr": "autant de champs que l'en-tête",
                                     "en": "as many fields as the header"},
    "ingest_fix_or_skip": {
        "fr": "corrigez ces lignes, ou indiquez data.bad_rows: skip pour les écarter en les "
              "signalant",
        "en": "fix the rows, or set data.bad_rows: skip to drop them and report them"},
    "ingest_rows_dropped": {"fr": "ces lignes ont été écartées",
                            "en": "these rows were dropped"},
    "problem_bad_rows_hint": {"fr": "{next:label}", "en": "{next:label}"},
    "problem_duplicate_client": {
        "fr": "le client '{id}' figure plus d'une fois dans le fichier clients ({where:label} "
              "{first} et {second}{more:reason})",
        "en": "client '{id}' appears more than once in the register ({where:label} {first} "
              "and {second}{more:reason})"},
    "problem_duplicate_client_hint": {
        "fr": "gardez une seule ligne par client dans le fichier clients (un identifiant par "
              "client)",
        "en": "keep one row per client in the register (one id per client)"},
    "ingest_duplicate_one_more": {"fr": " et 1 autre", "en": " and 1 more"},
    "ingest_duplicate_more": {"fr": " et {n:num} autres", "en": " and {n:num} more"},
    "problem_duplicate_client_more": {
        "fr": "{n:num} autres identifiants clients en double dans le fichier clients",
        "en": "{n:num} more duplicated client ids in the register"},
    "problem_engine_bad_rows": {
        "fr": "{n:num} {noun:label} de {source} {what:label} dans la colonne '{column}'",
        "en": "{n:num} {noun:label} of {source} with {what:label} in column '{column}'"},
    "problem_engine_bad_rows_hint": {
        "fr": "corrigez la source, ou écartez ces lignes avec --skip-bad-rows (bad_rows: skip)",
        "en": "fix the source, or leave these lines out with --skip-bad-rows (bad_rows: skip)"},
    "problem_engine_bad_rows_left": {
        "fr": "{n:num} {noun:label} de {source} {what:label} dans la colonne '{column}'",
        "en": "{n:num} {noun:label} of {source} with {what:label} in column '{column}' left "
              "out"},
    "engine_line": {"fr": "ligne", "en": "line"},
    "engine_lines": {"fr": "lignes", "en": "lines"},
    "engine_line_left": {"fr": "ligne écartée", "en": "line"},
    "engine_lines_left": {"fr": "lignes écartées", "en": "lines"},
    "engine_what_missing_client": {"fr": "sans identifiant client", "en": "no client id"},
    "engine_what_bad_date": {"fr": "sans date", "en": "no date"},
    "engine_what_bad_amount": {"fr": "sans montant (ou un montant NaN)",
                               "en": "no amount (or NaN)"},
    "engine_what_bad_quantity": {"fr": "sans quantité (ou une quantité NaN ou infinie)",
                                 "en": "no quantity (or NaN, infinite)"},
    "engine_what_bad_margin": {"fr": "sans marge (ou une marge NaN)", "en": "no margin (or NaN)"},
    "problem_bad_rows_quote": {
        "fr": "{n:num} {noun:label} avec un guillemet qui ne se ferme pas sur sa ligne "
              "({where:label} {rows}) : chacune est lue seule, les lignes qui suivent sont "
              "gardées",
        "en": "{n:num} {noun:label} with a quote that does not close on its line ({where:label} "
              "{rows}): read alone, the lines after it are kept"},
    "problem_bad_rows_short": {
        "fr": "{n:num} {noun:label} avec moins de champs que l'en-tête ({where:label} {rows}) "
              ": attendu {expected:reason}, trouvé {value}",
        "en": "{n:num} {noun:label} with fewer fields than the header ({where:label} {rows}): "
              "expected {expected:reason}, found {value}"},
    "problem_bad_rows_long": {
        "fr": "{n:num} {noun:label} avec plus de champs que l'en-tête ({where:label} {rows}) "
              ": attendu {expected:reason}, trouvé {value} (une valeur qui contient le "
              "délimiteur, sans guillemets ?)",
        "en": "{n:num} {noun:label} with more fields than the header ({where:label} {rows}): "
              "expected {expected:reason}, found {value} (a value holding the delimiter, "
              "unquoted?)"},
    "problem_bad_rows_client": {
        "fr": "{n:num} {noun:label} sans identifiant client dans la colonne '{column}' "
              "({where:label} {rows})",
        "en": "{n:num} {noun:label} with no client id in column '{column}' ({where:label} "
              "{rows})"},
    "problem_bad_rows_value": {
        "fr": "{n:num} {noun:label} avec {what:label} dans la colonne '{column}' "
              "({where:label} {rows}) : attendu {expected:reason}, trouvé '{value}'",
        "en": "{n:num} {noun:label} with {what:label} in column '{column}' ({where:label} "
              "{rows}): expected {expected:reason}, found '{value}'"},
    "problem_bad_rows_value_bare": {
        "fr": "{n:num} {noun:label} avec {what:label} dans la colonne '{column}' "
              "({where:label} {rows})",
        "en": "{n:num} {noun:label} with {what:label} in column '{column}' ({where:label} "
              "{rows})"},
    "problem_ambiguous_number": {
        "fr": "{n:num} {values:label} comme '{example}' dans la colonne '{column}' : '{mark}' "
              "y est lu comme séparateur de milliers ('{example}' = {reading}) ; aucune autre "
              "valeur de la colonne ne dit si c'est la marque décimale",
        "en": "{n:num} {values:label} such as '{example}' in column '{column}' read as "
              "{reading}, with '{mark}' as the thousands separator: no other value of the "
              "column tells whether it is a decimal mark"},
    "problem_ambiguous_number_hint": {
        "fr": "si '{mark}' est la marque décimale, indiquez csv.decimal: '{mark}' (et "
              "csv.thousands: '{other}' au besoin)",
        "en": "if '{mark}' is the decimal mark, set csv.decimal: '{mark}' (and "
              "csv.thousands: '{other}' if needed)"},
    "ingest_value": {"fr": "valeur", "en": "value"},
    "ingest_values": {"fr": "valeurs", "en": "values"},
    "problem_look_alike_id": {
        "fr": "les identifiants client '{plain}' et '{shown}' de la colonne '{column}' ne "
              "diffèrent que par des caractères invisibles (largeur nulle ou sens d'écriture) "
              ": ils sont lus comme deux clients",
        "en": "client ids '{plain}' and '{shown}' in column '{column}' differ only by "
              "invisible characters (zero-width or direction marks): they are read as two "
              "clients"},
    "problem_look_alike_id_hint": {
        "fr": "retirez les caractères invisibles des données source",
        "en": "remove the invisible characters from the source data"},
    "problem_mixed_encodings_one": {
        "fr": "encodages mélangés : 1 ligne est en {minor} alors que le reste du fichier est "
              "en {major} (ligne {rows})",
        "en": "mixed encodings: 1 row is in {minor} while the rest of the file is {major} "
              "(rows {rows})"},
    "problem_mixed_encodings": {
        "fr": "encodages mélangés : {n:num} lignes sont en {minor} alors que le reste du "
              "fichier est en {major} (lignes {rows})",
        "en": "mixed encodings: {n:num} rows are in {minor} while the rest of the file is {major} "
              "(rows {rows})"},
    "problem_encoding_hint": {
        "fr": "réexportez le fichier dans un seul encodage, ou indiquez csv.encoding pour ce "
              "fichier",
        "en": "re-export the file in one encoding, or set csv.encoding for this file"},
    "problem_no_register": {
        "fr": "aucun fichier clients où lire la colonne '{column}' ({role:reason}) : "
              "data.clients n'en nomme pas",
        "en": "no client register to read the column '{column}' from, for {role:reason}: "
              "data.clients names none"},
    "ingest_need_notes": {"fr": "les notes du critère {axis} '{criterion}'",
                          "en": "the notes of {axis} criterion '{criterion}'"},
    "ingest_need_potential": {"fr": "les potentiels du portefeuille",
                              "en": "the portfolio's potentials"},
    "ingest_need_typology": {"fr": "la typologie '{typology}', sans condition 'when'",
                             "en": "typology '{typology}' (it has no 'when')"},
    "problem_column_not_found": {
        "fr": "pas de colonne '{name}' pour {field} dans {what:reason} {label} ; colonnes "
              "trouvées : {found}",
        "en": "no column '{name}' for the {field} in the {what:reason} {label}; columns "
              "found: {found}"},
    "problem_column_not_found_hint": {"fr": "{guess:reason}associez-la avec {where}",
                                      "en": "{guess:reason}map it with {where}"},
    "ingest_guess": {"fr": "vouliez-vous dire '{guess}' ? ", "en": "did you mean '{guess}'? "},
    "ingest_file_transactions": {"fr": "le fichier des transactions", "en": "transactions"},
    "ingest_file_clients": {"fr": "le fichier clients", "en": "clients"},
    # a data file that cannot be read, an empty one, a wrong delimiter, a nested column
    # (ingestion's messages in the plan's language, issue 12 item 4)
    "ingest_file_activities": {"fr": "le journal d'activités", "en": "activities"},
    "ingest_of_transactions": {"fr": "du fichier des transactions", "en": "transactions"},
    "ingest_of_clients": {"fr": "du fichier clients", "en": "clients"},
    "ingest_of_activities": {"fr": "du journal d'activités", "en": "activities"},
    "ingest_text": {"fr": "{text}", "en": "{text}"},
    "problem_cannot_read_data": {"fr": "impossible de lire {what:reason} : {why:reason}",
                                 "en": "cannot read the {what:reason} file: {why:reason}"},
    "problem_cannot_read_data_hint": {"fr": "{hint:reason}", "en": "{hint:reason}"},
    "problem_cannot_read_parquet": {
        "fr": "impossible de lire {what:reason} (Parquet) : {why}",
        "en": "cannot read the {what:reason} Parquet file: {why}"},
    "problem_empty_data_file": {
        "fr": "{what:reason} est vide : pas même une ligne d'en-tête qui nomme les colonnes",
        "en": "the {what:reason} file is empty: not even a header line naming the columns"},
    "problem_empty_data_file_hint": {
        "fr": "la première ligne doit nommer les colonnes ; une ligne d'en-tête seule (sans "
              "lignes) convient",
        "en": "the first line must name the columns; a header line alone (no rows) is fine"},
    "problem_wrong_delimiter": {
        "fr": "{n:num} lignes ont plus de champs que les {width:num} de l'en-tête (lignes "
              "{rows}) avec le séparateur {delimiter}",
        "en": "{n:num} rows have more fields than the header's {width:num} (rows {rows}) "
              "with the delimiter {delimiter}"},
    "problem_wrong_delimiter_hint": {
        "fr": "vérifiez csv.delimiter, et que les valeurs qui contiennent le séparateur sont "
              "entre guillemets",
        "en": "check csv.delimiter, and that values containing the delimiter are quoted"},
    "problem_nested_column": {
        "fr": "la colonne '{name}' {of:reason} contient des valeurs {type} (listes ou "
              "enregistrements), pas une valeur par ligne",
        "en": "column '{name}' of the {of:reason} holds {type} values (lists or records), "
              "not one value per row"},
    "problem_nested_column_hint": {
        "fr": "aplatissez la colonne, ou convertissez-la en texte ou en nombres avant de la lire",
        "en": "flatten or convert the column to text or numbers before reading it"},
    "problem_aligned_text": {
        "fr": "{what:reason} {label} semble aligné par des espaces : son en-tête {header} "
              "contient {n:num} noms séparés par des suites d'espaces, pas par un séparateur, "
              "donc ses colonnes ne peuvent pas être distinguées",
        "en": "the {what:reason} file {label} looks aligned with spaces: its header {header} "
              "holds {n:num} names separated by runs of spaces, not by a delimiter, so its "
              "columns cannot be told apart"},
    "problem_aligned_text_hint": {
        "fr": "exportez de nouveau les données en CSV depuis le logiciel (champs séparés par "
              "';', ',' ou une tabulation) ; un état aligné en colonnes ou un fichier à largeur "
              "fixe ne peut pas être lu",
        "en": "export the data again as CSV (fields separated by ';', ',' or a tab) from the "
              "software; a column-aligned report or a fixed-width file cannot be read"},
    "problem_workbook_no_sheets": {"fr": "le classeur n'a aucune feuille",
                                   "en": "the workbook has no sheet"},
    "problem_no_sheet_number": {
        "fr": "le classeur n'a pas de feuille numéro {n} (feuilles : {sheets})",
        "en": "the workbook has no sheet number {n} (sheets: {sheets})"},
    "problem_no_sheet_number_hint": {
        "fr": "numérotez les feuilles à partir de 0 dans csv.sheet, ou nommez-en une",
        "en": "number the sheets from 0 in csv.sheet, or name one"},
    "problem_no_sheet_named": {
        "fr": "le classeur n'a pas de feuille '{sheet}' ; feuilles : {sheets}",
        "en": "the workbook has no sheet '{sheet}'; sheets: {sheets}"},
    "problem_no_sheet_named_hint": {
        "fr": "{hint:reason} — un nom de feuille distingue les majuscules",
        "en": "{hint:reason} — sheet names are case-sensitive"},
    "hint_sheet_name": {"fr": "donnez à csv.sheet le nom de l'une d'elles",
                        "en": "set csv.sheet to one of them"},
    "ingest_sql_transactions": {"fr": "des transactions", "en": "transactions"},
    "ingest_sql_clients": {"fr": "des clients", "en": "clients"},
    "problem_sql_failed": {"fr": "la requête {what:reason} a échoué : {first}",
                           "en": "the {what:reason} query failed: {first}"},
    "problem_sql_failed_hint": {"fr": "vérifiez la requête dans data.*.sql",
                                "en": "check the query in data.*.sql"},
    "problem_sql_env_unset": {
        "fr": "la variable d'environnement {name}, qui doit contenir l'URL de la base de "
              "données, n'est pas définie",
        "en": "the environment variable {name} that should hold the database URL is not set"},
    "problem_sql_env_unset_hint": {
        "fr": "export {name}=sqlite:///chemin/vers/fichier.db (ou duckdb:///...)",
        "en": "export {name}=sqlite:///path/to/file.db (or duckdb:///...)"},
    "problem_sql_bad_url": {
        "fr": "URL de base de données non prise en charge {url} : attendu sqlite:///FICHIER, "
              "duckdb:///FICHIER ou postgresql://..., ou une connexion DB-API passée depuis "
              "Python",
        "en": "unsupported database URL {url}: expected sqlite:///FILE, duckdb:///FILE or "
              "postgresql://..., or pass a DB-API connection from Python"},
    "problem_sql_no_file": {"fr": "impossible d'ouvrir la base de données : pas de fichier {file}",
                            "en": "cannot open the database: no file {file}"},
    "problem_sql_connect": {
        "fr": "impossible de se connecter à la base PostgreSQL {shown} : {first}",
        "en": "cannot connect to the PostgreSQL database {shown}: {first}"},
    "problem_sql_connect_hint": {
        "fr": "vérifiez l'URL (postgresql://UTILISATEUR@HÔTE:PORT/BASE), que le serveur tourne "
              "et accepte cet utilisateur ; gardez le mot de passe dans ~/.pgpass ou "
              "PGPASSWORD, pas dans le plan",
        "en": "check the URL (postgresql://USER@HOST:PORT/DATABASE), that the server runs and "
              "accepts this user; keep a password in ~/.pgpass or PGPASSWORD, not in the plan"},
    # a register column the plan reads, missing from the register's header; a file that
    # cannot be decoded; a workbook named as a text file (ingestion, issue 12)
    "problem_register_column_not_found": {
        "fr": "pas de colonne '{column}' pour {role:reason} dans le fichier clients {label} ; "
              "colonnes trouvées : {found}",
        "en": "no column '{column}' for {role:reason} in the client register {label}; "
              "columns found: {found}"},
    "problem_register_column_not_found_hint": {"fr": "{guess:reason}{fix:reason}",
                                               "en": "{guess:reason}{fix:reason}"},
    "ingest_fix_notes": {
        "fr": "ajoutez la colonne au fichier clients, ou indiquez la colonne des notes dans "
              "ipo_ipa.{axis}[{index}].attribute",
        "en": "add the column to the register, or set ipo_ipa.{axis}[{index}].attribute to "
              "the column of notes"},
    "ingest_fix_potential": {
        "fr": "ajoutez la colonne au fichier clients, ou indiquez la colonne des potentiels "
              "dans portfolio.attribute",
        "en": "add the column to the register, or set portfolio.attribute to the column of "
              "potentials"},
    "ingest_fix_typology": {
        "fr": "ajoutez une colonne typology au fichier clients, ou une condition 'when' à la "
              "typologie",
        "en": "add a typology column to the register, or a 'when' condition to the typology"},
    "problem_cannot_decode": {
        "fr": "impossible de décoder le fichier en {tried}{other:reason}{byte:reason}",
        "en": "cannot decode the file as {tried}{other:reason}{byte:reason}"},
    "problem_cannot_decode_hint": {
        "fr": "indiquez csv.encoding pour ce fichier (par exemple utf-8, cp1252, latin-1)",
        "en": "set csv.encoding for this file (e.g. utf-8, cp1252, latin-1)"},
    "ingest_codec_or": {"fr": " ni en {codec}", "en": " or {codec}"},
    "ingest_codec_bom": {"fr": " (il commence par la marque d'ordre des octets UTF-8)",
                         "en": " (it starts with a UTF-8 BOM)"},
    "ingest_byte": {"fr": " (octet 0x{byte})", "en": " (byte 0x{byte})"},
    "problem_unknown_encoding": {"fr": "encodage inconnu '{encoding}'",
                                 "en": "unknown encoding '{encoding}'"},
    "problem_unknown_encoding_hint": {
        "fr": "indiquez dans csv.encoding un encodage que Python connaît : auto, utf-8, "
              "cp1252, latin-1…",
        "en": "set csv.encoding to an encoding Python knows: auto, utf-8, cp1252, latin-1…"},
    "problem_workbook_as_text": {
        "fr": "{what:reason} est un classeur (Excel ou OpenDocument), pas un fichier texte",
        "en": "the {what:reason} file is a spreadsheet workbook (Excel or OpenDocument), "
              "not text"},
    "problem_workbook_as_text_hint": {
        "fr": "donnez-lui l'extension .xlsx, .xls ou .ods (sa lecture demande pip install "
              "'pacspec[xlsx]'), ou exportez-le en CSV",
        "en": "name it .xlsx/.xls/.ods (reading it needs pip install 'pacspec[xlsx]'), or "
              "export it as CSV"},
    "problem_missing_column_hint": {
        "fr": "indiquez un fichier clients avec la colonne '{column}' dans data.clients.path "
              "(ou --clients FICHIER){instead:reason}",
        "en": "name a client register with the column '{column}' in data.clients.path (or "
              "--clients FILE){instead:reason}"},
    "ingest_instead_notes": {
        "fr": ", ou indiquez les notes de '{criterion}' dans le plan (ipo_ipa.notes)",
        "en": ", or state the notes of '{criterion}' in the plan (ipo_ipa.notes)"},
    "ingest_instead_when": {"fr": ", ou donnez une condition 'when' à la typologie",
                            "en": ", or give the typology a 'when' condition"},
    # the notes that point at the plan line behind a data problem (session)
    "data_note_path": {"fr": "{setting} désigne {file} ici (les chemins sont relatifs au fichier "
                             "du plan)",
                       "en": "{setting} names {file} here (paths are relative to the plan file)"},
    "data_note_set_value": {"fr": "{setting} vaut ici '{value}'",
                            "en": "{setting} is set here to '{value}'"},
    "data_note_set": {"fr": "{setting} est défini ici", "en": "{setting} is set here"},
    "data_note_default_value": {
        "fr": "{setting} n'est pas défini dans le plan : sa valeur par défaut '{value}' s'applique",
        "en": "{setting} is not set in the plan: its default '{value}' is used"},
    "data_note_default": {
        "fr": "{setting} n'est pas défini dans le plan : sa valeur par défaut s'applique",
        "en": "{setting} is not set in the plan: its default is used"},
    # ingestion (issue 9): rows after as_of counted in general, ambiguous day/month dates
    "problem_rows_after_as_of_one": {
        "fr": "1 ligne de transaction sur {total:num} est datée après le {as_of:date} (la "
              "dernière du {last:date}) et laissée de côté",
        "en": "1 of {total:num} transaction rows is dated after as_of {as_of:date} (the "
              "last on {last:date}) and left out"},
    "problem_rows_after_as_of": {
        "fr": "{n:num} lignes de transaction sur {total:num} sont datées après le "
              "{as_of:date} (jusqu'au {last:date}) et laissées de côté",
        "en": "{n:num} of {total:num} transaction rows are dated after as_of {as_of:date} "
              "(up to {last:date}) and left out"},
    "problem_ambiguous_date": {
        "fr": "les {n:num} dates de la colonne '{column}' ont toutes un jour et un mois "
              "inférieurs ou égaux à 12 (par exemple '{example}') : elles sont lues jour en "
              "premier (jj/mm), ce que rien dans le fichier ne confirme",
        "en": "all {n:num} dates in column '{column}' have a day and a month of 12 or less "
              "(such as '{example}'): they are read day first (dd/mm), which nothing in the "
              "file confirms"},
    "problem_ambiguous_date_hint": {
        "fr": "si le mois vient en premier, indiquez csv.date_format: '{month_first}'",
        "en": "if the month comes first, set csv.date_format: '{month_first}'"},
    "problem_frequency_days": {
        "fr": "pas de colonne de commande : la fréquence compte les jours d'achat distincts",
        "en": "no order column: frequency counts distinct purchase days"},
    "problem_unknown_client": {
        "fr": "le client '{client}' n'est pas dans les données",
        "en": "client '{client}' is not in the data"},
    "problem_ipo_ipa_unscored": {
        "fr": "{unscored:num} clients sur {n:num} n'ont ni notes IPO/IPA ni quadrant",
        "en": "{unscored:num} of {n:num} clients have no IPO/IPA notes and no quadrant"},
    "problem_short_history": {
        "fr": "les données commencent le {first:date}, pas avant la fenêtre d'analyse (du "
              "{start:date} au {end:date}) : un premier achat dans la fenêtre ne se distingue "
              "pas d'un retour, donc les {n_new:num} clients comptés comme nouveaux (et aucun "
              "comme réactivé) peuvent être d'anciens clients",
        "en": "the data starts on {first:date}, not before the analysis window ({start:date} "
              "to {end:date}): a first purchase in the window cannot be told from a return, "
              "so the {n_new:num} clients counted as new (and none as reactivated) may be "
              "older clients"},
    "problem_short_history_hint": {
        "fr": "exportez les transactions depuis avant le {start:date} (une année de plus au "
              "moins)",
        "en": "export the transactions from before {start:date} (a year more at least)"},
    "problem_over_potential": {
        "fr": "{over:num} clients sur les {known:num} dont le potentiel est renseigné ont un "
              "CA sur la fenêtre d'analyse supérieur à ce potentiel ({clients}) : leur taux de "
              "pénétration dépasse 100 % et leur reste à gagner est négatif",
        "en": "{over:num} of {known:num} clients with a stated potential have a revenue in "
              "the analysis window above it ({clients}): their penetration is over 100 % and "
              "their reste à gagner negative"},
    "problem_over_potential_hint": {
        "fr": "mettez à jour le potentiel de ces clients dans la colonne '{column}' du fichier "
              "clients",
        "en": "update the potentials of these clients in the register column '{column}'"},
    "problem_typology_mismatch": {
        "fr": "l'action « {title} » est classée dans la typologie « {typology_label} », mais "
              "ses clients cibles de cette typologie ne sont que {inside:num} sur {n:num}",
        "en": "the action \u201c{title}\u201d is filed under the typology \u201c{typology_label}\u201d "
              "but only {inside:num} of its {n:num} target clients are of that typology"},
    "problem_typology_mismatch_hint": {
        "fr": "classez l'action dans la typologie de ses clients, ou restreignez sa cible avec "
              "typology: {typology}",
        "en": "file the action under the typology of its clients, or narrow its target with "
              "typology: {typology}"},
    "problem_score_unreached_one": {
        "fr": "score {score} ({metric:label}) : le niveau {levels} sur 1..{bins} n'est "
              "atteint par aucun client actif ; les seuils sur les {n_active:num} clients "
              "actifs sont {cuts:cuts}, et des valeurs égales ont le même score",
        "en": "{score} ({metric:label}) score {levels} of 1..{bins} reached by no active "
              "client: the cut points over the {n_active:num} active clients are {cuts:cuts}, and "
              "equal values share a score"},
    "problem_score_unreached": {
        "fr": "score {score} ({metric:label}) : les niveaux {levels} sur 1..{bins} ne sont "
              "atteints par aucun client actif ; les seuils sur les {n_active:num} clients "
              "actifs sont {cuts:cuts}, et des valeurs égales ont le même score",
        "en": "{score} ({metric:label}) scores {levels} of 1..{bins} reached by no active "
              "client: the cut points over the {n_active:num} active clients are {cuts:cuts}, and "
              "equal values share a score"},
    "problem_score_unreached_hint": {
        "fr": "les règles de segment sur ces scores ne retiennent personne ; moins de niveaux "
              "(rfm.scores.bins) ou une fenêtre plus longue étalent les valeurs",
        "en": "segment rules on these scores match nobody; fewer rfm.scores.bins or a longer "
              "window spread the values"},
    "problem_segment_empty": {
        "fr": "le segment « {segment_label} » ne compte aucun client à cette date",
        "en": "the segment \u201c{segment_label}\u201d holds no client at this date"},
    "problem_segment_empty_hint": {
        "fr": "voyez les seuils R, F et M (un score qu'aucun client n'atteint vide les "
              "segments construits dessus)",
        "en": "see the R, F and M cut points (a score no client reaches empties the "
              "segments built on it)"},
    "problem_current_revenue_gap": {
        "fr": "l'action '{action}' indique un CA actuel de {stated:money_full}, mais ses clients "
              "ont fait {data:money_full} du {start:date} au {end:date} ({gap:pct1} d'écart, "
              "tolérance {tolerance:pct1})",
        "en": "action '{action}' states a current revenue of {stated:money_full} but its "
              "clients made {data:money_full} from {start:date} to {end:date} ({gap:pct1} "
              "apart, tolerance {tolerance:pct1})"},
    "problem_current_revenue_mismatch": {
        "fr": "l'action '{action}' indique un CA actuel de {stated:money_full}, mais ses clients "
              "ont fait {data:money_full} du {start:date} au {end:date}",
        "en": "action '{action}' states a current revenue of {stated:money_full} but its "
              "clients made {data:money_full} from {start:date} to {end:date}"},
    "problem_current_revenue_mismatch_hint": {
        "fr": "corrigez current_revenue, retirez-le pour prendre les données, ou relevez "
              "steering.revenue_tolerance",
        "en": "correct current_revenue, remove it to use the data, or raise "
              "steering.revenue_tolerance"},
    "problem_empty_target": {
        "fr": "la cible de l'action '{action}' ne retient aucun client au {as_of:date}",
        "en": "the target of action '{action}' matches no client at {as_of:date}"},
    "problem_empty_target_hint": {
        "fr": "vérifiez la condition sur l'analyse de référence (pacspec evaluate --as-of)",
        "en": "check the condition against the baseline analysis (pacspec evaluate --as-of)"},
    "problem_growth_on_no_revenue": {
        "fr": "l'action '{action}' vise une croissance de {growth:pct0} sur des clients dont le "
              "CA actuel est de {current:money_full} : son CA cible vaut 0, rien ne pourrait "
              "être jugé par rapport à lui",
        "en": "action '{action}' aims at growth {growth:pct0} on clients whose current revenue "
              "is {current:money_full}: its target revenue resolves to 0, so nothing could be "
              "judged against it"},
    "problem_growth_on_no_revenue_hint": {
        "fr": "indiquez target_revenue (le CA visé) au lieu de growth, par exemple pour une "
              "action de prospection ou de reconquête sur des clients sans CA actuel",
        "en": "give target_revenue (the revenue aimed for) instead of growth, e.g. for "
              "prospecting or win-back actions on clients with no current revenue"},
    "problem_overlap": {
        "fr": "les actions '{a}' et '{b}' ciblent toutes deux {n:num} clients : {clients}",
        "en": "actions '{a}' and '{b}' both target {n:num} clients: {clients}"},
    "problem_overlap_one": {
        "fr": "les actions '{a}' et '{b}' ciblent toutes deux 1 client : {clients}",
        "en": "actions '{a}' and '{b}' both target 1 client: {clients}"},
    "problem_overlapping_targets_hint": {
        "fr": "restreignez l'une des cibles, ou indiquez steering.allow_overlap: true",
        "en": "narrow one of the targets, or set steering.allow_overlap: true"},
    "problem_before_plan_start": {
        "fr": "rien à piloter au {as_of:date} : le plan commence le {start:date}",
        "en": "nothing to steer at {as_of:date}: the plan starts on {start:date}"},
    "problem_before_plan_start_hint": {
        "fr": "donnez une date d'analyse après le début du plan (le pilotage mesure ce que le "
              "plan a réalisé depuis son début)",
        "en": "give an as_of date after the plan start (steering measures what the plan has "
              "realised since it started)"},
    "rfm_recency": {"fr": "récence", "en": "recency"},
    "rfm_frequency": {"fr": "fréquence", "en": "frequency"},
    "rfm_monetary": {"fr": "montant", "en": "monetary"},
}

TEXTS: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {key: MappingProxyType(entry) for key, entry in _TEXTS.items()})
"""Every label, read-only."""
