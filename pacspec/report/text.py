"""The terminal summary of an evaluation. It renders; it computes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pacspec.engine.result import Evaluation
from pacspec.i18n import colon, label, money, number, percent
from pacspec.report.summary import evaluation_summary


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]],
                 align: str | None = None) -> str:
    """A plain aligned table; ``align`` has one 'l' or 'r' per column (default: first left,
    others right)."""
    align = align or "l" + "r" * (len(headers) - 1)
    widths = [len(h) for h in headers]
    for row in rows:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=False)]

    def fmt(cells: Sequence[str]) -> str:
        parts = [c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(cells, widths, align, strict=False)]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([fmt(headers), rule, *(fmt(r) for r in rows)])


def underlined(text: str, underline: str = "=") -> str:
    """A section title underlined, after a blank line (shared by the terminal renderers)."""
    return f"\n{text}\n{underline * len(text)}"


def render_evaluation(ev: Evaluation, top: int = 3) -> str:
    """The readable summary `pacspec evaluate` prints."""
    loc = ev.locale
    cur = ev.plan.header.currency
    s = evaluation_summary(ev)
    h = ev.plan.header
    out: list[str] = []
    title = f"PAC {h.company} — {h.business_unit} — {h.budget_year}"
    out.append(title)
    out.append("=" * len(title))
    sep = colon(loc)
    if h.vision:
        out.append(f"{label('rep_vision', loc)}{sep}{h.vision}")
    out.append(f"{label('as_of', loc)}{sep}{s['as_of']}   {label('window', loc)}{sep}"
               f"{s['window'][0]} → {s['window'][1]}   {label('periods', loc)}{sep}"
               f"{', '.join(s['periods'])}")
    out.append(f"{label('clients', loc)}{sep}{number(s['clients'], loc)}   "
               f"{label('rep_transactions', loc)}{sep}"
               f"{number(s['transactions'], loc)}")

    abc = s["abc"]
    out.append(underlined(label("title_abc", loc)))
    rows = [[r["class"], number(r["clients"], loc), percent(r["client_share"], loc),
             percent(r["reference"], loc, 0), money(r["revenue"], cur, loc),
             percent(r["revenue_share"], loc)] for r in abc["rows"]]
    rows.append([label("total", loc), number(abc["total_clients"], loc),
                 percent(sum(r["client_share"] for r in abc["rows"]), loc), "",
                 money(abc["total_revenue"], cur, loc),
                 percent(sum(r["revenue_share"] for r in abc["rows"]), loc)])
    out.append(render_table([label("abc", loc), label("clients", loc), label("client_share", loc),
                             label("reference", loc), label("revenue", loc),
                             label("revenue_share", loc)], rows))
    basis = label(f"rep_basis_{abc['basis']}", loc)
    out.append(f"{label('thresholds', loc)} ({basis}){sep}"
               + ", ".join(percent(c, loc, 0) for c in abc["cuts"]))
    out.extend(f"! {w}" for w in abc["warnings"])

    for key, title_key, col in (("profiles", "title_profiles", "profile"),
                                ("segments", "title_segments", "segment"),
                                ("typologies", "title_typology", "typology")):
        rows_data = s[key]
        if not rows_data:
            continue
        heading = label(title_key, loc) if title_key != "title_typology" else label(col, loc)
        out.append(underlined(heading))
        out.append(_rule_table(rows_data, col, loc, cur))

    out.append(underlined(label("title_codes", loc)))
    code_rows = [[r["code"], number(r["clients"], loc), percent(r["client_share"], loc),
                  money(r["revenue"], cur, loc)] for r in s["codes"]]
    out.append(render_table([label("code", loc), label("clients", loc),
                             label("client_share", loc), label("revenue", loc)], code_rows))
    out.append(label("rep_code_legend_short", loc, periods=", ".join(s["periods"])))

    out.append(underlined(label("title_scores", loc)))
    score_rows = [[t["score"].upper(), label(t["metric"] if t["metric"] != "monetary"
                                              else "revenue", loc) if t["metric"] != "frequency"
                   else label("orders", loc),
                   " | ".join(number(c, loc, 1 if t["metric"] != "monetary" else 0)
                              for c in t["cuts"])] for t in s["scores"]]
    out.append(render_table(["Score", label("rep_measure", loc),
                             label("thresholds", loc)], score_rows, "lll"))

    if "ipo_ipa" in s:
        out.append(underlined(label("title_ipo_ipa", loc)))
        out.append(render_table([label("quadrant", loc), label("clients", loc),
                                 label("revenue", loc)],
                                [[q["label"], number(q["clients"], loc),
                                  money(q["revenue"], cur, loc)] for q in s["ipo_ipa"]["quadrants"]]))
        prio = s["ipo_ipa"]["priority_clients"]
        if prio:
            out.append(underlined(label("title_priority", loc)))
            out.append(render_table(
                [label("client", loc), label("name", loc), "IPO", "IPA", label("abc", loc),
                 label("profile", loc), label("revenue", loc)],
                [[p["client"], p["name"] or "", number(p["ipo"], loc, 2),
                  number(p["ipa"], loc, 2), p["abc"] or "", p["profile"] or "",
                  money(p["revenue"], cur, loc)] for p in prio], "lllrrlr"))

    if "portfolio" in s:
        out.append(underlined(label("title_portfolio", loc)))
        m = s["portfolio"]["matrix"]
        rows = [[r, *(number(c, loc) for c in counts)] for r, counts in zip(m["rows"], m["clients"], strict=False)]
        out.append(render_table([f"{label('revenue_class', loc)} \\ {label('potential_class', loc)}",
                                 *m["cols"]], rows))
        out.append(render_table([label("zone", loc), label("clients", loc), label("revenue", loc)],
                                [[z["label"], number(z["clients"], loc),
                                  money(z["revenue"], cur, loc)]
                                 for z in s["portfolio"]["zones"]]))

    out.append(underlined(label("title_top", loc)))
    for group in ev.top_clients("abc", top):
        if not group.clients:
            continue
        out.append(f"{group.category}: " + "; ".join(
            f"{c.name or c.client} ({money(c.revenue, cur, loc)})" for c in group.clients))

    if ev.problems:
        out.append("")
        out.extend(p.format() for p in ev.problems)
    return "\n".join(out) + "\n"


def _rule_table(rows: list[dict[str, Any]], col: str, loc: str, cur: str) -> str:
    return render_table(
        [label(col, loc), label("clients", loc), label("client_share", loc),
         label("revenue", loc), label("revenue_share", loc)],
        [[r["label"], number(r["clients"], loc), percent(r["client_share"], loc),
          money(r["revenue"], cur, loc), percent(r["revenue_share"], loc)] for r in rows])
