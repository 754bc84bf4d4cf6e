"""Generate the activity log of the CONNECT+ example (visits, calls, meetings, demos,
quotes of the sales force), from the clients and transactions next to this script.

    python plans/data/generate_activities.py

rewrites ``plans/data/activities.csv``; deterministic (fixed seed). Same format as the
other files: ``;`` separator, ``dd/mm/yyyy`` dates, UTF-8 with BOM, kinds in French.

The story: in 2025 and 2026 the KAM visits NAUTILUS (C0001) twice a month where the plan
asks three, and the other VIP clients about three times a month in all where it asks four;
the three sector salespeople (SED1-3) and the sales administration (ADV) call and visit
their clients through the year, more in the season (SED2 visits less in 2026); from March
2026 SED3 meets the fishing-shop prospects of high potential (IPO >= 3) that the
prospecting action targets. The log stops on 2026-09-30.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from pathlib import Path

HERE = Path(__file__).parent
START, END = dt.date(2025, 1, 1), dt.date(2026, 9, 30)
SEASON = {1: 0.6, 2: 0.7, 3: 1.0, 4: 1.3, 5: 1.4, 6: 1.4, 7: 1.2, 8: 0.8, 9: 1.1, 10: 0.9,
          11: 0.7, 12: 0.5}
OUTCOMES = {"visite": ["commande prise", "à relancer", "présentation AIS", ""],
            "appel": ["rappel demandé", "devis à faire", "pas disponible", ""],
            "rendez-vous": ["intéressé", "à revoir en saison", "ouverture de compte", ""],
            "démo": ["kit AIS laissé en test", ""], "devis": ["envoyé", "accepté", ""]}


def months() -> list[dt.date]:
    out, d = [], START
    while d <= END:
        out.append(d)
        d = (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return out


def day_in(month: dt.date, rng: random.Random) -> dt.date:
    nxt = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    last = min(nxt - dt.timedelta(days=1), END)
    return month + dt.timedelta(days=rng.randrange((last - month).days + 1))


def main() -> None:
    rng = random.Random(2026)
    with open(HERE / "clients.csv", encoding="utf-8-sig", newline="") as f:
        clients = list(csv.DictReader(f, delimiter=";"))
    with open(HERE / "transactions.csv", encoding="utf-8-sig", newline="") as f:
        buyers = {row["client"] for row in csv.DictReader(f, delimiter=";")}
    rows: list[tuple[dt.date, str, str, str, str]] = []

    def add(month: dt.date, client: str, owner: str, kind: str) -> None:
        rows.append((day_in(month, rng), client, owner, kind, rng.choice(OUTCOMES[kind])))

    vip = [c["client"] for c in clients if c["typology"] == "vip" and c["client"] != "C0001"]
    by_owner: dict[str, list[str]] = {}
    for c in clients:
        if c["typology"] != "vip" and c["client"] in buyers:
            by_owner.setdefault(c["owner"], []).append(c["client"])
    def ipo(c: dict[str, str]) -> float:  # the plan's IPO: size x2, growth, range
        return (2 * float(c["ipo_size"]) + float(c["ipo_growth"]) + float(c["ipo_range"])) / 4

    prospects = [c["client"] for c in clients if c["typology"] == "fishing"
                 and c["client"] not in buyers and ipo(c) >= 3]
    for month in months():
        season = SEASON[month.month]
        for _ in range(2):  # NAUTILUS: two visits a month, the plan asks three
            add(month, "C0001", "KAM", "visite")
        add(month, "C0001", "KAM", "appel")
        for _ in range(3):  # the other VIP: about three a month in all, the plan asks four
            add(month, rng.choice(vip), "KAM", "visite")
        for owner, mine in sorted(by_owner.items()):
            slack = 0.7 if owner == "SED2" and month.year == 2026 else 1.0  # fewer in 2026
            for _ in range(round(6 * season * slack)):
                add(month, rng.choice(mine), owner, "visite")
            for _ in range(round(14 * season)):
                add(month, rng.choice(mine), owner, "appel")
            if rng.random() < 0.5:
                add(month, rng.choice(mine), owner, rng.choice(["démo", "devis"]))
        if month >= dt.date(2026, 3, 1) and prospects:
            for _ in range(3):  # SED3 meets the fishing prospects
                add(month, rng.choice(prospects), "SED3", "rendez-vous")
    rows.sort()
    with open(HERE / "activities.csv", "w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f, delimiter=";", lineterminator="\n")
        out.writerow(["date", "client", "owner", "kind", "outcome"])
        for day, client, owner, kind, outcome in rows:
            out.writerow([day.strftime("%d/%m/%Y"), client, owner, kind, outcome])


if __name__ == "__main__":
    main()
