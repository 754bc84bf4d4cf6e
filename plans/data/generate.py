"""Generate the bundled example data of CONNECT+ (nautical GPS units sold to dealers).

    python plans/data/generate.py

rewrites ``plans/data/clients.csv`` and ``plans/data/transactions.csv`` next to this
script. The output is deterministic (fixed seed): run it again and git shows no change.

Format: a French spreadsheet export, ``;`` separator, decimal comma, ``dd/mm/yyyy``
dates, UTF-8 with BOM.

The story the data tells (the example plan starts on 2026-01-01):

* 2024 and 2025 are history; the analysis looks at the four quarters of 2025.
* Invoices run from 2024-01-01 to 2026-10-31, so the plan has ten months of 2026 to
  steer on.
* Behaviours the RFM profiles look for are really present in 2025: very regular buyers
  (every quarter), regular (one quarter missed), cyclical (two seasons), slipping (stopped
  in the last one or two quarters), new (first purchase in 2025), reactivated (bought in
  2024, silent, back at the end of 2025), inactive (2024 only), occasional, and prospects
  that never bought.
* In 2026 some actions succeed and others fail: NAUTILUS (C0001, 522 k€ in 2025) grows by
  about 30 %, a quarter of the inactive clients come back, a few prospects convert, most
  slipping clients keep falling, and some key accounts miss their targets.

Only numpy and the standard library are used.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

SEED = 20260101
OUT = Path(__file__).resolve().parent
FIRST_DAY = dt.date(2024, 1, 1)
LAST_DAY = dt.date(2026, 10, 31)
YEARS = (2024, 2025, 2026)
NAUTILUS_2025 = 522_000.00

# Share of a year's purchases by month: spring peak before the boating season,
# boat shows in September, low from November to January.
MONTH_WEIGHTS = np.array(
    [0.04, 0.07, 0.13, 0.15, 0.14, 0.11, 0.09, 0.06, 0.07, 0.06, 0.04, 0.04], dtype=float
)
QUARTER_SHARE = MONTH_WEIGHTS.reshape(4, 3).sum(axis=1)

# (product, list price € per unit)
PRODUCTS: dict[str, float] = {
    "GPS-HANDHELD": 459.0,
    "CARTO-PACK": 449.0,
    "AIS-TRANSPONDER": 749.0,
    "SONAR-CHIRP": 1190.0,
    "GPS-PLOTTER-7": 1090.0,
    "GPS-PLOTTER-9": 1890.0,
    "GPS-PLOTTER-12": 4990.0,
}

# Product mix by typology (weights in PRODUCTS order).
MIX: dict[str, list[float]] = {
    "vip": [0.10, 0.10, 0.15, 0.15, 0.20, 0.20, 0.10],
    "chandlery": [0.20, 0.15, 0.15, 0.15, 0.20, 0.10, 0.05],
    "marina": [0.10, 0.15, 0.30, 0.05, 0.20, 0.15, 0.05],
    "boat-dealer": [0.02, 0.08, 0.10, 0.10, 0.20, 0.30, 0.20],
    "fishing": [0.30, 0.15, 0.05, 0.35, 0.10, 0.05, 0.00],
    "online": [0.40, 0.25, 0.10, 0.10, 0.10, 0.05, 0.00],
}

# Dealer discount off list price.
DISCOUNT = {
    "vip": 0.32,
    "chandlery": 0.25,
    "marina": 0.22,
    "boat-dealer": 0.27,
    "fishing": 0.22,
    "online": 0.28,
}

REGIONS: dict[str, list[str]] = {
    "Bretagne": [
        "Brest",
        "Lorient",
        "Concarneau",
        "Saint-Malo",
        "Vannes",
        "Perros-Guirec",
        "Quiberon",
        "Morlaix",
        "Douarnenez",
        "Bénodet",
        "Trébeurden",
        "La Trinité-sur-Mer",
        "Paimpol",
        "Camaret",
        "Saint-Quay-Portrieux",
        "Le Guilvinec",
    ],
    "Normandie": [
        "Cherbourg",
        "Granville",
        "Honfleur",
        "Le Havre",
        "Dieppe",
        "Fécamp",
        "Ouistreham",
        "Barfleur",
        "Saint-Vaast-la-Hougue",
        "Courseulles",
    ],
    "Nouvelle-Aquitaine": [
        "La Rochelle",
        "Arcachon",
        "Royan",
        "Biarritz",
        "Saint-Jean-de-Luz",
        "Hendaye",
        "Capbreton",
        "Oléron",
        "Anglet",
        "Bordeaux",
    ],
    "Occitanie": [
        "Sète",
        "Port-Camargue",
        "Le Grau-du-Roi",
        "Cap d'Agde",
        "Gruissan",
        "Port-Vendres",
        "Canet-en-Roussillon",
        "Palavas",
        "Leucate",
        "Collioure",
    ],
    "Provence-Alpes-Côte d'Azur": [
        "Marseille",
        "Toulon",
        "Hyères",
        "Saint-Tropez",
        "Cannes",
        "Antibes",
        "Nice",
        "Bandol",
        "La Ciotat",
        "Menton",
        "Sanary",
        "Cavalaire",
        "Fréjus",
        "Cassis",
    ],
    "Pays de la Loire": [
        "Les Sables-d'Olonne",
        "Pornic",
        "La Turballe",
        "Le Croisic",
        "Saint-Nazaire",
        "Noirmoutier",
        "Saint-Gilles-Croix-de-Vie",
        "Nantes",
        "Pornichet",
    ],
    "Hauts-de-France": ["Boulogne-sur-Mer", "Calais", "Dunkerque", "Le Crotoy", "Étaples"],
    "Corse": ["Ajaccio", "Bastia", "Bonifacio", "Calvi", "Porto-Vecchio", "Propriano"],
}
REGION_WEIGHTS = {
    "Bretagne": 0.26,
    "Normandie": 0.10,
    "Nouvelle-Aquitaine": 0.14,
    "Occitanie": 0.11,
    "Provence-Alpes-Côte d'Azur": 0.20,
    "Pays de la Loire": 0.11,
    "Hauts-de-France": 0.04,
    "Corse": 0.04,
}
SECTOR = {  # field sales engineers (SED) by coast; ADV serves the online shops
    "Bretagne": "SED1",
    "Normandie": "SED1",
    "Hauts-de-France": "SED1",
    "Pays de la Loire": "SED2",
    "Nouvelle-Aquitaine": "SED2",
    "Occitanie": "SED3",
    "Provence-Alpes-Côte d'Azur": "SED3",
    "Corse": "SED3",
}
NAME_PATTERNS: dict[str, list[str]] = {
    "chandlery": [
        "ACCASTILLAGE {P}",
        "SHIPCHANDLER {P}",
        "COMPTOIR MARITIME {P}",
        "LE SHIP DE {P}",
        "{P} ACCASTILLAGE",
        "MARINE SERVICE {P}",
        "L'ANCRE {P}",
    ],
    "marina": ["PORT DE {P}", "MARINA DE {P}", "CAPITAINERIE {P}", "PORT DE PLAISANCE {P}"],
    "boat-dealer": [
        "NAUTIC {P}",
        "{P} YACHTING",
        "BATEAUX {P}",
        "{P} BOAT CENTER",
        "CHANTIER NAVAL {P}",
    ],
    "fishing": ["PÊCHE ET MARÉE {P}", "LE PÊCHEUR {P}", "{P} PÊCHE", "ARMEMENT {P}"],
    "online": [],
}
ONLINE_NAMES = [
    "NAVIGSHOP.FR",
    "BORD-ET-MER.COM",
    "GPS-MARINE-DIRECT",
    "NAUTISHOP EN LIGNE",
    "VOILE-PRIX.FR",
    "CAPMARINE.SHOP",
    "ECOMARINE DISTRIBUTION",
    "LEMARIN-ONLINE",
    "HALIOTIS WEB",
    "OCEANBOX.FR",
    "EQUIPMER.COM",
    "NAUTICLIC",
    "TRIBORD-EXPRESS",
    "BABORD-DIRECT",
    "MERIDIEN SHOP",
    "AMARRE.FR",
    "LOCH ET SONDE",
    "ROSE DES VENTS WEB",
    "ECUME-STORE",
    "VENT D'OUEST ONLINE",
    "PLAISANCE-MARKET",
    "BALISE.FR",
    "CALYPSO MARINE WEB",
    "NORDET SHOP",
    "ALIZE-EQUIPEMENT",
    "MISTRAL MARINE WEB",
]
SUFFIXES = ["", " SARL", " & FILS", " SERVICES", " NAUTISME", " DISTRIBUTION", " SAS"]

# Key accounts (VIP): name, region, 2025 revenue €, growth in 2026.
VIPS: list[tuple[str, str, float, float]] = [
    ("NAUTILUS", "Bretagne", NAUTILUS_2025, 1.30),
    ("CAP HORN MARINE", "Nouvelle-Aquitaine", 305_000.0, 1.12),
    ("ACCASTILLAGE DU PONANT", "Bretagne", 262_000.0, 0.97),
    ("ILE DE RE NAUTISME", "Nouvelle-Aquitaine", 228_000.0, 0.78),
    ("GRAND LARGE DISTRIBUTION", "Provence-Alpes-Côte d'Azur", 196_000.0, 1.06),
    ("AZUR NAVIGATION", "Provence-Alpes-Côte d'Azur", 174_000.0, 1.15),
    ("MARINE ATLANTIQUE EQUIPEMENT", "Pays de la Loire", 158_000.0, 0.92),
    ("COMPTOIR NAUTIQUE DU LEVANT", "Occitanie", 141_000.0, 1.04),
    ("ARMOR SHIPCHANDLER", "Bretagne", 126_000.0, 1.10),
    ("COTENTIN MARINE", "Normandie", 114_000.0, 0.85),
    ("RIVIERA YACHT SUPPLY", "Provence-Alpes-Côte d'Azur", 103_000.0, 1.02),
    ("VENDEE GLISSE ET VOILE", "Pays de la Loire", 94_000.0, 1.08),
]

# Segments: how many clients, typical yearly revenue (median €, log-sd), quarters.
SEGMENTS: dict[str, tuple[int, float, float]] = {
    "very_regular": (48, 7_000.0, 1.2),
    "regular": (70, 3_200.0, 1.1),
    "cyclical": (36, 2_200.0, 1.0),
    "slipping": (40, 3_000.0, 1.0),
    "new": (35, 1_800.0, 1.0),
    "reactivated": (20, 2_000.0, 0.9),
    "inactive": (55, 2_000.0, 1.0),
    "occasional": (25, 1_300.0, 0.9),
}
N_PROSPECTS = 40


@dataclass
class Client:
    id: str = ""
    name: str = ""
    typology: str = ""
    region: str = ""
    owner: str = ""
    segment: str = ""
    revenue: float = 0.0  # yearly level in 2025 (run rate)
    # activity per year: 4 digits, one per quarter (2026 Q4 = October only)
    activity: dict[int, str] = field(default_factory=dict)
    level: dict[int, float] = field(default_factory=dict)  # yearly level per year
    renormalise: bool = False  # concentrate the year's revenue on its active quarters
    potential: float = 0.0
    notes: dict[str, int] = field(default_factory=dict)


def pick(rng: np.random.Generator, options: list[str], weights: list[float] | None = None) -> str:
    p = None if weights is None else np.asarray(weights, dtype=float) / sum(weights)
    return str(options[int(rng.choice(len(options), p=p))])


def build_clients(rng: np.random.Generator) -> list[Client]:
    clients: list[Client] = []
    for name, region, revenue, growth in VIPS:
        c = Client(name=name, typology="vip", region=region, owner="KAM", segment="vip")
        c.revenue = revenue
        c.activity = {2024: "1111", 2025: "1111", 2026: "1111"}
        c.level = {2024: revenue * rng.uniform(0.86, 1.02), 2025: revenue, 2026: revenue * growth}
        clients.append(c)

    typologies = ["chandlery", "marina", "boat-dealer", "fishing", "online"]
    typology_weights = [0.40, 0.15, 0.15, 0.20, 0.10]
    regions = list(REGION_WEIGHTS)
    region_weights = list(REGION_WEIGHTS.values())

    def one(segment: str, median: float, sigma: float) -> Client:
        c = Client(segment=segment)
        c.typology = pick(rng, typologies, typology_weights)
        c.region = pick(rng, regions, region_weights)
        c.owner = "ADV" if c.typology == "online" else SECTOR[c.region]
        size = {"boat-dealer": 1.5, "chandlery": 1.2, "marina": 1.0, "fishing": 0.7}
        c.revenue = float(median * size.get(c.typology, 1.1) * rng.lognormal(0.0, sigma))
        return c

    for segment, (count, median, sigma) in SEGMENTS.items():
        for _ in range(count):
            c = one(segment, median, sigma)
            set_behaviour(rng, c)
            clients.append(c)
    for _ in range(N_PROSPECTS):
        c = one("prospect", 3_000.0, 0.8)
        set_behaviour(rng, c)
        clients.append(c)
    return clients


def set_behaviour(rng: np.random.Generator, c: Client) -> None:
    """Quarterly activity and yearly levels for 2024, 2025 and 2026."""
    r = c.revenue
    seg = c.segment
    u = rng.uniform
    if seg == "very_regular":
        c.activity = {2024: "1111", 2025: "1111"}
        c.activity[2026] = "1111" if u() < 0.85 else pick(rng, ["1101", "1011", "1110"])
        c.level = {2024: r * u(0.85, 1.05), 2025: r, 2026: r * u(0.88, 1.15)}
    elif seg == "regular":
        c.activity = {
            2024: pick(rng, ["1111", "0111", "1011", "1101"], [3, 1, 1, 1]),
            2025: pick(rng, ["0111", "1011", "1101"]),
            2026: pick(rng, ["1111", "0111", "1011", "1101", "0110"], [2, 2, 2, 2, 1]),
        }
        c.level = {2024: r * u(0.85, 1.05), 2025: r, 2026: r * u(0.85, 1.15)}
    elif seg == "cyclical":
        code = pick(rng, ["1010", "0101", "1001"], [6, 2, 2])
        c.activity = {2024: code, 2025: code, 2026: code}
        c.renormalise = True
        c.level = {2024: r * u(0.85, 1.05), 2025: r, 2026: r * u(0.85, 1.15)}
    elif seg == "slipping":
        c.activity = {
            2024: pick(rng, ["1111", "1101", "1011"], [4, 1, 1]),
            2025: pick(rng, ["1110", "1100", "1000"], [4, 4, 2]),
        }
        fate = u()
        if fate < 0.60:  # keeps falling: nothing more
            c.activity[2026] = "0000"
        elif fate < 0.85:  # one small order
            c.activity[2026] = pick(rng, ["0100", "1000", "0010"])
        else:  # saved by the retention action
            c.activity[2026] = "1111"
        c.level = {2024: r * u(1.0, 1.15), 2025: r, 2026: r * (0.5 if fate < 0.85 else 1.05)}
    elif seg == "new":
        c.activity = {
            2024: "0000",
            2025: pick(rng, ["0011", "0111", "0001", "0110", "0100"], [3, 2.5, 2, 1, 1.5]),
            2026: "1111" if u() < 0.35 else pick(rng, ["0111", "1010", "0100", "0000"]),
        }
        c.renormalise = True
        c.level = {2024: 0.0, 2025: r, 2026: r * u(1.0, 1.5)}
    elif seg == "reactivated":
        c.activity = {
            2024: pick(rng, ["1100", "1000", "1110", "0100"]),
            2025: pick(rng, ["0001", "0011"]),
            2026: pick(rng, ["1111", "0110", "0000"], [2, 2, 1]),
        }
        c.renormalise = True
        c.level = {2024: r, 2025: r * u(0.6, 1.0), 2026: r * u(0.8, 1.2)}
    elif seg == "inactive":
        back = u() < 0.25  # win-back ("reconquête") succeeds for a quarter of them
        c.activity = {
            2024: pick(rng, ["1100", "1000", "0110", "1110", "1111", "0100"]),
            2025: "0000",
            2026: pick(rng, ["0110", "0100", "0010", "0111"]) if back else "0000",
        }
        c.level = {2024: r, 2025: 0.0, 2026: r * u(0.4, 0.9)}
    elif seg == "occasional":
        c.activity = {
            2024: pick(rng, ["0100", "1010", "0110", "0010", "1100"]),
            2025: pick(rng, ["0100", "0010", "0110"]),
            2026: pick(rng, ["0100", "0010", "0000", "0110"]),
        }
        c.renormalise = True
        c.level = {2024: r * u(0.7, 1.2), 2025: r, 2026: r * u(0.7, 1.2)}
    elif seg == "prospect":
        converts = u() < 0.15
        c.activity = {
            2024: "0000",
            2025: "0000",
            2026: pick(rng, ["0110", "0010", "0111"]) if converts else "0000",
        }
        c.renormalise = True
        c.level = {2024: 0.0, 2025: 0.0, 2026: r * 0.6 if converts else 0.0}


@functools.cache
def business_days(year: int, month: int) -> list[dt.date]:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    days = [first + dt.timedelta(n) for n in range((nxt - first).days)]
    return [d for d in days if d.weekday() < 5 and FIRST_DAY <= d <= LAST_DAY]


@dataclass
class Line:
    client: int  # index into the client list
    date: dt.date
    product: str
    quantity: int
    amount: float
    credit: bool = False
    invoice: str = ""
    key: int = 0  # groups the lines of one invoice


def invoice_lines(rng: np.random.Generator, clients: list[Client]) -> list[Line]:
    names = list(PRODUCTS)
    lines: list[Line] = []
    key = 0
    for index, c in enumerate(clients):
        mix = np.asarray(MIX[c.typology])
        mix = mix / mix.sum()
        unit_price = {p: PRODUCTS[p] * (1 - DISCOUNT[c.typology]) for p in names}
        for year in YEARS:
            code = c.activity[year]
            level = c.level[year]
            if level <= 0 or "1" not in code:
                continue
            active = [q for q in range(4) if code[q] == "1"]
            norm = sum(QUARTER_SHARE[q] for q in active) if c.renormalise else 1.0
            shares = {q: QUARTER_SHARE[q] / norm for q in active}
            if year == 2026 and 3 in shares:
                shares[3] = MONTH_WEIGHTS[9] / norm  # October only
            typical = float(np.clip(900 + 0.02 * c.revenue, 900, 9_000))
            for q, share in shares.items():
                target = level * share
                count = max(1, int(rng.poisson(target / typical)))
                months = [3 * q + m for m in range(3) if year < 2026 or 3 * q + m <= 9]
                weights = MONTH_WEIGHTS[months] / MONTH_WEIGHTS[months].sum()
                for value in target / count * rng.lognormal(-0.06, 0.35, size=count):
                    month = months[int(rng.choice(len(months), p=weights))] + 1
                    day = pick_day(rng, year, month)
                    n_lines = int(rng.choice([1, 2, 3], p=[0.55, 0.30, 0.15]))
                    chosen = rng.choice(len(names), size=n_lines, replace=False, p=mix)
                    parts = rng.dirichlet(np.ones(n_lines) * 2.0) * value
                    key += 1
                    for product_index, part in zip(chosen, parts, strict=True):
                        product = names[int(product_index)]
                        price = unit_price[product] * rng.uniform(0.97, 1.03)
                        quantity = int(np.clip(round(part / price), 1, 20))
                        amount = round(quantity * price, 2)
                        lines.append(Line(index, day, product, quantity, amount, key=key))
    return lines


def pick_day(rng: np.random.Generator, year: int, month: int) -> dt.date:
    days = business_days(year, month)
    return days[int(rng.integers(len(days)))]


def add_credit_notes(rng: np.random.Generator, lines: list[Line]) -> list[Line]:
    """About 4 % of the rows: returns on lines of two units or more, same quarter."""
    eligible = [i for i, line in enumerate(lines) if line.quantity >= 2]
    count = round(0.042 * len(lines))
    notes: list[Line] = []
    for i in sorted(rng.choice(len(eligible), size=count, replace=False).tolist()):
        line = lines[eligible[i]]
        quantity = max(1, round(line.quantity * rng.uniform(0.1, 0.5)))
        quantity = min(quantity, line.quantity // 2)
        quarter_end = quarter_last_day(line.date)
        date = min(line.date + dt.timedelta(int(rng.integers(3, 40))), quarter_end, LAST_DAY)
        while date.weekday() >= 5:
            date -= dt.timedelta(1)
        date = max(date, line.date)
        price = line.amount / line.quantity
        notes.append(
            Line(line.client, date, line.product, -quantity, -round(quantity * price, 2), True)
        )
    return lines + notes


def quarter_last_day(day: dt.date) -> dt.date:
    month = 3 * ((day.month - 1) // 3) + 3
    nxt = dt.date(day.year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(1)


def calibrate_nautilus(lines: list[Line]) -> None:
    """Scale NAUTILUS' prices so that its 2025 net revenue is exactly 522 000 € and its
    January-October 2026 revenue is 30 % above January-October 2025."""
    mine = [ln for ln in lines if ln.client == 0]

    def total(first: dt.date, last: dt.date) -> float:
        return sum(ln.amount for ln in mine if first <= ln.date <= last)

    factor = NAUTILUS_2025 / total(dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    for ln in mine:
        ln.amount = round(ln.amount * factor, 2)
    target_2026 = 1.30 * total(dt.date(2025, 1, 1), dt.date(2025, 10, 31))
    factor_2026 = target_2026 / total(dt.date(2026, 1, 1), LAST_DAY)
    for ln in mine:
        if ln.date.year == 2026:
            ln.amount = round(ln.amount * factor_2026, 2)
    in_2025 = [ln for ln in mine if ln.date.year == 2025]
    gap = round(NAUTILUS_2025 - sum(ln.amount for ln in in_2025), 2)
    biggest = max((ln for ln in in_2025 if not ln.credit), key=lambda ln: ln.amount)
    biggest.amount = round(biggest.amount + gap, 2)


def number_invoices(lines: list[Line]) -> None:
    """F<yy>-<n> for invoices and AV<yy>-<n> for credit notes, in date order."""
    counters: dict[tuple[str, int], int] = {}
    numbers: dict[int, str] = {}
    lines.sort(key=lambda ln: (ln.date, ln.credit, ln.key, ln.client))
    for ln in lines:
        prefix = "AV" if ln.credit else "F"
        if ln.credit or ln.key not in numbers:
            n = counters.get((prefix, ln.date.year), 0) + 1
            counters[(prefix, ln.date.year)] = n
            number = f"{prefix}{ln.date.year % 100:02d}-{n:05d}"
            if ln.credit:
                ln.invoice = number
                continue
            numbers[ln.key] = number
        ln.invoice = numbers[ln.key]


def set_potential_and_notes(rng: np.random.Generator, clients: list[Client]) -> None:
    """Potential (€/year) correlated with size; IPO/IPA criteria notes 1-5."""
    for c in clients:
        base = max(c.level.values()) if max(c.level.values()) > 0 else c.revenue
        factor = rng.lognormal(0.35 if c.segment == "vip" else 0.7, 0.35)
        c.potential = float(max(1_000, round(base * factor / 500) * 500))
    log_potential = np.log([c.potential for c in clients])
    z_potential = (log_potential - log_potential.mean()) / log_potential.std()
    relation = {
        "vip": 1.6,
        "very_regular": 1.0,
        "regular": 0.6,
        "cyclical": 0.2,
        "new": 0.0,
        "reactivated": -0.3,
        "occasional": -0.4,
        "slipping": -0.7,
        "inactive": -1.1,
        "prospect": -1.3,
    }
    distance = {
        "Bretagne": 1.0,
        "Pays de la Loire": 0.9,
        "Normandie": 0.4,
        "Nouvelle-Aquitaine": 0.3,
        "Hauts-de-France": -0.2,
        "Occitanie": -0.3,
        "Provence-Alpes-Côte d'Azur": -0.2,
        "Corse": -1.2,
    }
    range_bonus = {
        "boat-dealer": 0.6,
        "vip": 0.8,
        "chandlery": 0.3,
        "marina": 0.0,
        "fishing": -0.5,
        "online": -0.2,
    }
    n = len(clients)
    noise = rng.normal(0.0, 0.6, size=(n, 6))
    scores = np.column_stack(
        [
            z_potential + noise[:, 0],
            0.4 * z_potential + noise[:, 1] * 1.3,
            0.6 * z_potential + [range_bonus[c.typology] for c in clients] + noise[:, 2],
            [relation[c.segment] for c in clients] + noise[:, 3],
            [-0.6 if c.typology == "online" else 0.2 * relation[c.segment] for c in clients]
            + noise[:, 4] * 1.3,
            [distance[c.region] for c in clients] + noise[:, 5],
        ]
    )
    keys = [
        "ipo_size",
        "ipo_growth",
        "ipo_range",
        "ipa_relation",
        "ipa_competition",
        "ipa_distance",
    ]
    cuts = np.quantile(scores, [0.12, 0.35, 0.65, 0.88], axis=0)
    for j, key in enumerate(keys):
        notes = 1 + np.searchsorted(cuts[:, j], scores[:, j])
        for c, note in zip(clients, notes.tolist(), strict=True):
            c.notes[key] = int(note)


def french_elision(name: str) -> str:
    """``PORT DE LE HAVRE`` -> ``PORT DU HAVRE``, ``MARINA DE OLÉRON`` -> ``MARINA D'OLÉRON``."""
    name = name.replace(" DE LE ", " DU ").replace(" DE LES ", " DES ")
    return re.sub(r"\bDE ([AEIOUYÉÈÊÎ])", r"D'\1", name)


def assign_names_and_ids(rng: np.random.Generator, clients: list[Client]) -> None:
    used = {c.name for c in clients if c.name}
    online = list(ONLINE_NAMES)
    rng.shuffle(online)
    for c in clients:
        if c.name:
            continue
        for attempt in range(200):
            if c.typology == "online" and online:
                name = online.pop()
            else:
                typology = "chandlery" if c.typology == "online" else c.typology
                pattern = pick(rng, NAME_PATTERNS[typology])
                place = pick(rng, REGIONS[c.region]).upper()
                name = french_elision(pattern.format(P=place))
                if attempt or name in used:
                    name += pick(rng, SUFFIXES[1:]) if attempt < 100 else f" {attempt}"
            if name not in used:
                break
        used.add(name)
        c.name = name
    order = [0, *(1 + rng.permutation(len(clients) - 1)).tolist()]  # NAUTILUS is C0001
    for number, index in enumerate(order, start=1):
        clients[index].id = f"C{number:04d}"


def euros(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    text = ";".join(header) + "\n" + "".join(";".join(r) + "\n" for r in rows)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def main() -> None:
    rng = np.random.default_rng(SEED)
    clients = build_clients(rng)
    lines = invoice_lines(rng, clients)
    lines = add_credit_notes(rng, lines)
    calibrate_nautilus(lines)
    number_invoices(lines)
    set_potential_and_notes(rng, clients)
    assign_names_and_ids(rng, clients)

    by_id = sorted(clients, key=lambda c: c.id)
    write(
        OUT / "clients.csv",
        [
            "client",
            "name",
            "typology",
            "region",
            "owner",
            "potential",
            "ipo_size",
            "ipo_growth",
            "ipo_range",
            "ipa_relation",
            "ipa_competition",
            "ipa_distance",
        ],
        [
            [
                c.id,
                c.name,
                c.typology,
                c.region,
                c.owner,
                euros(c.potential),
                *(
                    str(c.notes[k])
                    for k in (
                        "ipo_size",
                        "ipo_growth",
                        "ipo_range",
                        "ipa_relation",
                        "ipa_competition",
                        "ipa_distance",
                    )
                ),
            ]
            for c in by_id
        ],
    )
    write(
        OUT / "transactions.csv",
        ["client", "date", "invoice", "amount", "quantity", "product"],
        [
            [
                clients[ln.client].id,
                f"{ln.date:%d/%m/%Y}",
                ln.invoice,
                euros(ln.amount),
                str(ln.quantity),
                ln.product,
            ]
            for ln in lines
        ],
    )
    print(f"wrote {len(by_id)} clients and {len(lines)} transaction rows to {OUT}")


if __name__ == "__main__":
    main()
