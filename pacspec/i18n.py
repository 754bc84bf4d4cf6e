"""User-facing labels in the plan's locale (French by default, English too).

Code and keys are English; what a sales team reads follows ``plan.locale``. This is the one
table of such labels (the French terms come from the project glossary)."""

from __future__ import annotations

_LABELS: dict[str, dict[str, str]] = {
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
    # warnings
    "dependence": {
        "fr": "Dépendance : la classe {label} ne compte que {share} des clients",
        "en": "Dependence: class {label} holds only {share} of clients",
    },
}


def label(key: str, locale: str = "fr", **values: object) -> str:
    """The label ``key`` in ``locale`` (French when the locale has none), formatted."""
    entry = _LABELS.get(key)
    if entry is None:
        return key
    text = entry.get(locale) or entry["fr"]
    return text.format(**values) if values else text


def percent(value: float, locale: str = "fr", digits: int = 1) -> str:
    """``0.805`` -> ``80,5 %`` (fr) or ``80.5%`` (en)."""
    if value != value:  # NaN
        return "n/a"
    text = f"{value * 100:.{digits}f}"
    return text.replace(".", ",") + " %" if locale == "fr" else text + "%"


def number(value: float, locale: str = "fr", digits: int = 0) -> str:
    """``1234567.8`` -> ``1 234 568`` (fr, narrow no-break spaces) or ``1,234,568`` (en)."""
    if value != value:
        return "n/a"
    text = f"{value:,.{digits}f}"
    if locale == "fr":
        text = text.replace(",", "\u202f").replace(".", ",")
    return text


def money(value: float, currency: str = "EUR", locale: str = "fr", thousands: bool = True
          ) -> str:
    """An amount, in k (thousands) by default: ``522 k€`` / ``€522k``."""
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(currency, currency)
    if value != value:
        return "n/a"
    if thousands:
        amount = number(value / 1000, locale, 0 if abs(value) >= 10_000 else 1)
        return f"{amount} k{symbol}" if locale == "fr" else f"{symbol}{amount}k"
    amount = number(value, locale, 0)
    return f"{amount} {symbol}" if locale == "fr" else f"{symbol}{amount}"
