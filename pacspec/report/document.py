"""A renderer-neutral document built from an :class:`~pacspec.engine.result.Evaluation`.

The document is an ordered list of :class:`Section` (stable ids, titles in the plan's
locale), each made of blocks: :class:`Paragraph`, :class:`KeyValues`, :class:`Table` (typed
cells that carry both the raw value and its text in the plan's locale) and chart specs as
plain data (:class:`ParetoChart`, :class:`HeatmapChart`, :class:`ScatterChart`,
:class:`MatrixChart`, :class:`TrendChart`). The Markdown, HTML and XLSX renderers and the
matplotlib figures all read this one model, so they show the same numbers.

Every number comes from the Evaluation's summary methods (or from the plan, or from the
steering result): this module selects and formats, it does not compute.

Steering
--------
``build_document(ev, steering=..., snapshots=...)`` adds the ``steering`` section from a
:class:`pacspec.engine.steering.SteeringResult` (its KPIs, actions and alerts, as the
engine computed them). ``snapshots`` are earlier steering snapshots
(:class:`pacspec.engine.snapshot.Snapshot`, or the dicts ``to_snapshot`` returns), or a
ready :class:`pacspec.engine.snapshot.Trend`; the trend is computed once by
:func:`pacspec.engine.snapshot.trend` (see :func:`trend_of`) and only rendered here: the KPI
table gets a trend column and the section a :class:`TrendChart`.

PAC table
---------
CA actuel, CA cible and the clients come from the resolved actions
(:class:`pacspec.engine.actions.PlanActions`): the steering result's ``plan_actions`` when one
is given, else :func:`pacspec.engine.actions.resolve_actions` on ``ev`` when ``ev`` is the
baseline (``ev.as_of == baseline_as_of(plan)``). At any other date the table shows the
amounts the plan states, with a note saying so.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import numpy as np

from pacspec.engine.portfolio import ZONES
from pacspec.engine.result import TABLE_COLUMNS, Evaluation
from pacspec.i18n import colon, label, money, number, percent
from pacspec.model.actions import Action
from pacspec.model.types import localize
from pacspec.report import summary, words

if TYPE_CHECKING:
    from pacspec.engine.actions import PlanActions
    from pacspec.engine.steering import KpiResult, SteeringResult
    from pacspec.history import Snapshot, Trend

    Snapshots: TypeAlias = "Trend | Sequence[Snapshot | Mapping[str, Any]]"

__all__ = [
    "SECTION_IDS",
    "Block",
    "Cell",
    "CellKind",
    "Column",
    "Document",
    "HeatmapChart",
    "KeyValues",
    "MatrixCell",
    "MatrixChart",
    "Paragraph",
    "ParetoChart",
    "Row",
    "ScatterChart",
    "ScatterPoint",
    "Section",
    "Table",
    "TrendChart",
    "TrendChartSeries",
    "build_document",
    "heatmap_chart",
    "ipo_ipa_chart",
    "pareto_chart",
    "trend_chart",
    "trend_of",
]

#: Section ids, in document order (``steering`` only with a steering result).
SECTION_IDS: tuple[str, ...] = (
    "header", "emoff", "abc", "rfm", "profiles", "segments", "ipo-ipa", "portfolio",
    "pac-table", "steering",
)  # fmt: skip

CellKind = Literal["text", "integer", "number", "money", "percent", "date", "status"]
Status = Literal["green", "orange", "red"]
Align = Literal["left", "right", "center"]


# ---------------------------------------------------------------------------- the model
@dataclass(frozen=True)
class Cell:
    """One table cell: its raw ``value`` (None when empty) and its ``text`` in the plan's
    locale. ``lines`` holds multi-line text (steps, facts); ``text`` then joins them.

    Raw values: ``money`` in the plan's currency units (``scale`` says how the text shows
    it: ``"k"`` thousands, ``"unit"`` plain), ``percent`` as a fraction (0.4 = 40 %),
    ``date`` a ``datetime.date``, ``status`` one of green / orange / red, ``integer`` an int,
    ``number`` a float shown with ``digits`` decimals."""

    kind: CellKind = "text"
    value: Any = None
    text: str = ""
    lines: tuple[str, ...] = ()
    digits: int = 0
    scale: Literal["k", "unit"] = "k"
    strong: bool = False


@dataclass(frozen=True)
class Column:
    """A table column: a stable ``key``, its ``title`` in the plan's locale, its kind."""

    key: str
    title: str
    kind: CellKind = "text"
    align: Align = "left"
    wide: bool = False
    """Holds long text (steps, comments): renderers give it room and wrap it."""


@dataclass(frozen=True)
class Row:
    """A table row. ``kind`` is ``data``, ``group`` (a group header: one cell, spanning
    the table) or ``total``. ``key`` identifies the row's object (action or client id)."""

    cells: tuple[Cell, ...]
    kind: Literal["data", "group", "total"] = "data"
    key: str | None = None


@dataclass(frozen=True)
class Table:
    id: str
    title: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    note: str | None = None
    row_header: bool = False
    """The first column names the row (rendered as a header cell)."""

    @property
    def data_rows(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.kind == "data")


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Literal["text", "note", "warning", "lead"] = "text"


@dataclass(frozen=True)
class KeyValues:
    id: str
    title: str | None
    items: tuple[tuple[str, Cell], ...]


@dataclass(frozen=True)
class ParetoChart:
    """The Pareto curve: ``points`` are (client share, revenue share), 0..1, clients ranked
    by revenue; ``classes`` (label, cumulative client share, cumulative revenue share) say
    where each ABC class ends; ``reference`` (label, cumulative client share) the
    reference split."""

    id: str
    title: str
    x_label: str
    y_label: str
    points: tuple[tuple[float, float], ...]
    classes: tuple[tuple[str, float, float], ...]
    reference: tuple[tuple[str, float], ...]
    reference_label: str
    locale: str


@dataclass(frozen=True)
class HeatmapChart:
    """A matrix of values (RFM code x period revenue): ``values[i][j]`` for row ``i`` and
    column ``j``; ``texts`` the same values formatted; ``row_notes`` one text per row (the
    number of clients)."""

    id: str
    title: str
    row_title: str
    col_title: str
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]
    texts: tuple[tuple[str, ...], ...]
    row_notes: tuple[str, ...]
    row_notes_title: str
    row_counts: tuple[int, ...] = ()
    """The clients of each row (what ``row_notes`` shows)."""


@dataclass(frozen=True)
class ScatterPoint:
    key: str
    label: str
    x: float
    y: float
    group: str
    tooltip: str


@dataclass(frozen=True)
class ScatterChart:
    """Clients placed on the IPO/IPA grid: ``x`` is the IPA (accessibility), ``y`` the IPO
    (potential), both on ``scale``; the grid is cut at ``x_cut`` / ``y_cut``; quadrant
    labels are given for (high x, high y), (low x, high y), (high x, low y), (low x,
    low y); points are coloured by ``group`` (the ABC class), in ``groups`` order."""

    id: str
    title: str
    x_label: str
    y_label: str
    scale: tuple[float, float]
    x_cut: float
    y_cut: float
    quadrants: tuple[tuple[str, str], ...]
    """(quadrant id, label) for top-right, top-left, bottom-right, bottom-left."""
    groups: tuple[str, ...]
    group_title: str
    points: tuple[ScatterPoint, ...]


@dataclass(frozen=True)
class MatrixCell:
    clients: int
    revenue: float
    text: str
    zone: str
    zone_label: str


@dataclass(frozen=True)
class MatrixChart:
    """The portfolio matrix: revenue classes (rows) x potential classes (columns), each cell
    with its clients, revenue and zone; ``zones`` is the legend (id, label)."""

    id: str
    title: str
    row_title: str
    col_title: str
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    cells: tuple[tuple[MatrixCell, ...], ...]
    zones: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class TrendChartSeries:
    """One KPI of a :class:`TrendChart`: its values at the dates it has one."""

    key: str
    label: str
    points: tuple[tuple[dt.date, float], ...]
    texts: tuple[str, ...]
    target: float | None
    target_text: str
    status: str | None
    is_rate: bool = False
    """Values are fractions shown as percentages (retention, reactivation...)."""


@dataclass(frozen=True)
class TrendChart:
    id: str
    title: str
    target_label: str
    series: tuple[TrendChartSeries, ...]
    dates: tuple[dt.date, ...] = ()
    """Every date of the trend, oldest first."""


Block = Paragraph | KeyValues | Table | ParetoChart | HeatmapChart | ScatterChart | MatrixChart | TrendChart


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...]

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def table(self, table_id: str) -> Table:
        for block in self.blocks:
            if isinstance(block, Table) and block.id == table_id:
                return block
        raise KeyError(table_id)


@dataclass(frozen=True)
class Document:
    """The whole report: title, locale, sections in order and the per-client table (an
    appendix the spreadsheet shows; the HTML and Markdown reports leave it out)."""

    title: str
    subtitle: str
    locale: str
    currency: str
    as_of: dt.date
    sections: tuple[Section, ...]
    clients: Table
    meta: dict[str, str] = field(default_factory=dict)

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    @property
    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]


# ------------------------------------------------------------------------- cell helpers
def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def text_cell(value: object, strong: bool = False) -> Cell:
    if _missing(value):
        return Cell()
    return Cell("text", str(value), str(value), strong=strong)


def lines_cell(lines: Iterable[str], sep: str = "; ", strong_first: bool = False) -> Cell:
    items = tuple(str(x) for x in lines)
    if not items:
        return Cell()
    return Cell("text", sep.join(items), sep.join(items), lines=items, strong=strong_first)


def int_cell(value: object, loc: str) -> Cell:
    if _missing(value):
        return Cell("integer")
    v = int(value)  # type: ignore[call-overload]
    return Cell("integer", v, number(v, loc))


def num_cell(value: object, loc: str, digits: int = 1) -> Cell:
    if _missing(value):
        return Cell("number", digits=digits)
    v = float(value)  # type: ignore[arg-type]
    return Cell("number", v, number(v, loc, digits), digits=digits)


def money_cell(value: object, currency: str, loc: str, scale: Literal["k", "unit"] = "k"
               ) -> Cell:
    if _missing(value):
        return Cell("money", scale=scale)
    v = float(value)  # type: ignore[arg-type]
    return Cell("money", v, money(v, currency, loc, thousands=scale == "k"), scale=scale)


def pct_cell(value: object, loc: str, digits: int = 1) -> Cell:
    if _missing(value):
        return Cell("percent", digits=digits)
    v = float(value)  # type: ignore[arg-type]
    return Cell("percent", v, percent(v, loc, digits), digits=digits)


def date_text(value: dt.date, loc: str) -> str:
    """``31/12/2026`` (fr) or ``2026-12-31`` (en)."""
    return value.strftime("%d/%m/%Y") if loc == "fr" else value.isoformat()


def date_cell(value: dt.date | None, loc: str) -> Cell:
    if value is None:
        return Cell("date")
    return Cell("date", value, date_text(value, loc))


def status_cell(status: object, loc: str) -> Cell:
    if status not in ("green", "orange", "red"):
        return Cell("status")
    return Cell("status", status, label(f"rep_status_{status}", loc))


# ----------------------------------------------------------------------------- builder
def build_document(ev: Evaluation, *, steering: SteeringResult | None = None,
                   snapshots: Snapshots | None = None, actions: PlanActions | None = None,
                   source: str = "<plan>") -> Document:
    """The report of ``ev`` as a :class:`Document` (sections in :data:`SECTION_IDS` order;
    ``steering`` only when a steering result is given). ``snapshots``: earlier steering
    snapshots, or a :class:`~pacspec.history.Trend` (see :func:`trend_of`). ``actions``: the
    PAC table resolved on the baseline (the steering result's by default); without it the
    PAC table shows the plan's amounts. ``source``: the plan file's name."""
    loc = ev.locale
    h = ev.plan.header
    sections = [
        _header(ev),
        _emoff(ev),
        _abc(ev),
        _rfm(ev),
        _profiles(ev),
        _segments(ev),
        _ipo_ipa(ev),
        _portfolio(ev),
        _pac_table(ev, actions or (steering.plan_actions if steering is not None else None)),
    ]
    if steering is not None:
        sections.append(_steering(ev, steering, trend_of(snapshots, steering, source)))
    return Document(
        title=f"PAC {h.company} — {h.business_unit} — {h.budget_year}",
        subtitle=label("rep_doc_subtitle", loc),
        locale=loc,
        currency=h.currency,
        as_of=ev.as_of,
        sections=tuple(sections),
        clients=_clients_table(ev),
        meta={"as_of": ev.as_of.isoformat(), "company": h.company},
    )


def _rule_table(table_id: str, title: str | None, first: str, rows: list[dict[str, Any]],
                loc: str, cur: str) -> Table:
    return Table(table_id, title, (
        Column("label", first),
        Column("clients", label("clients", loc), "integer", "right"),
        Column("client_share", label("client_share", loc), "percent", "right"),
        Column("revenue", label("revenue", loc), "money", "right"),
        Column("revenue_share", label("revenue_share", loc), "percent", "right"),
    ), tuple(Row((text_cell(r["label"]), int_cell(r["clients"], loc),
                  pct_cell(r["client_share"], loc), money_cell(r["revenue"], cur, loc),
                  pct_cell(r["revenue_share"], loc)), key=r["id"]) for r in rows))


def _metric_cell(metric: str, value: object, loc: str, cur: str) -> Cell:
    if metric in ("retention_rate", "reactivation_rate", "acquisition_rate",
                  "conversion_rate"):
        return pct_cell(value, loc)
    if metric in ("revenue", "budget_consumed"):
        return money_cell(value, cur, loc)
    if metric == "average_order_value":
        return money_cell(value, cur, loc, "unit")
    if metric == "active_clients":
        return int_cell(value, loc)
    if metric == "roi":
        return num_cell(value, loc, 2)
    return num_cell(value, loc, 0 if _missing(value) or float(value).is_integer() else 1)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ header
def _header(ev: Evaluation) -> Section:
    loc, h = ev.locale, ev.plan.header
    s = summary.evaluation_summary(ev)
    items: list[tuple[str, Cell]] = [
        (label("rep_company", loc), text_cell(h.company, strong=True)),
        (label("rep_business_unit", loc), text_cell(h.business_unit)),
        (label("rep_budget_year", loc), text_cell(str(h.budget_year))),
        (label("rep_plan_period", loc),
         text_cell(f"{date_text(h.plan_start, loc)} → {date_text(h.end, loc)}")),
    ]
    if h.vision:
        items.append((label("rep_vision", loc), text_cell(h.vision, strong=True)))
    if h.author:
        items.append((label("rep_author", loc), text_cell(h.author)))
    items += [
        (label("as_of", loc), date_cell(ev.as_of, loc)),
        (label("window", loc), text_cell(
            f"{date_text(ev.window[0], loc)} → {date_text(ev.window[1], loc)}")),
        (label("periods", loc), text_cell(", ".join(s["periods"]))),
        (label("clients", loc), int_cell(s["clients"], loc)),
        (label("rep_transactions", loc), int_cell(s["transactions"], loc)),
    ]
    blocks: list[Block] = [KeyValues("plan", None, tuple(items))]
    cur = h.currency
    if h.objectives:
        blocks.append(Table("objectives", label("rep_objectives", loc), (
            Column("objective", label("rep_objective", loc), wide=True),
            Column("metric", label("rep_metric", loc)),
            Column("target", label("rep_target", loc), "number", "right"),
        ), tuple(Row((text_cell(o.text), text_cell(words.metric_label(o.metric, loc)),
                      _metric_cell(o.metric, o.target, loc, cur)), key=o.id)
                 for o in h.objectives)))
    for p in ev.problems:
        blocks.append(Paragraph(p.message, "warning" if p.severity != "note" else "note"))
    return Section("header", label("rep_title_header", loc), tuple(blocks))


# ------------------------------------------------------------------------------- emoff
_CROSSINGS: tuple[str, ...] = ("so", "st", "wo", "wt")


def _emoff(ev: Evaluation) -> Section:
    loc = ev.locale
    title = label("rep_title_emoff", loc)
    emoff = ev.plan.emoff
    if emoff is None:
        return Section("emoff", title, (Paragraph(label("rep_not_stated", loc), "note"),))
    blocks: list[Block] = []
    if emoff.environment:
        blocks.append(Paragraph(emoff.environment, "lead"))
    kinds = (("threats", emoff.threats), ("opportunities", emoff.opportunities),
             ("strengths", emoff.strengths), ("weaknesses", emoff.weaknesses))

    def fact_text(text: str, weight: int | None) -> str:
        return text if weight is None else f"{text} ({label('rep_weight', loc)} {weight})"

    blocks.append(Table(
        "emoff-facts", label("rep_emoff_facts", loc),
        tuple(Column(k, label(f"rep_{k}", loc), wide=True) for k, _ in kinds),
        (Row(tuple(lines_cell(fact_text(f.text, f.weight) for f in facts)
                   for _, facts in kinds)),),
    ))
    facts = emoff.facts()
    rows: list[Row] = []
    for crossing in _CROSSINGS:
        for strategy in getattr(emoff.strategies, crossing):
            actions = [a.title for a in ev.plan.actions if strategy.id in a.strategies]
            rows.append(Row((
                text_cell(label(f"rep_tows_{crossing}", loc), strong=True),
                text_cell(strategy.text),
                lines_cell(facts[u][1].text if u in facts else u for u in strategy.uses),
                lines_cell(actions),
            ), key=strategy.id))
    if rows:
        blocks.append(Table("emoff-strategies", label("rep_emoff_strategies", loc), (
            Column("crossing", label("rep_crossing", loc)),
            Column("strategy", label("rep_strategy", loc), wide=True),
            Column("uses", label("rep_uses", loc), wide=True),
            Column("actions", label("rep_actions", loc), wide=True),
        ), tuple(rows)))
    return Section("emoff", title, tuple(blocks))


# --------------------------------------------------------------------------------- abc
def pareto_chart(ev: Evaluation) -> ParetoChart:
    """The Pareto curve of ``ev`` as chart data."""
    loc = ev.locale
    p = ev.pareto_summary()
    return ParetoChart(
        "abc-pareto", label("rep_pareto", loc), label("rep_pareto_x", loc),
        label("rep_pareto_y", loc),
        p.points,
        tuple((c.class_, c.client_share, c.revenue_share) for c in p.classes),
        tuple((r.class_, r.client_share) for r in p.reference),
        label("reference", loc), loc)


def _abc(ev: Evaluation) -> Section:
    loc, cur = ev.locale, ev.plan.header.currency
    abc = ev.abc_summary()
    rows = [Row((text_cell(r.class_, strong=True), int_cell(r.clients, loc),
                 pct_cell(r.client_share, loc), pct_cell(r.reference, loc, 0),
                 money_cell(r.revenue, cur, loc), pct_cell(r.revenue_share, loc)),
                key=r.class_) for r in abc]
    rows.append(Row((text_cell(label("total", loc)), int_cell(abc.total_clients, loc),
                     pct_cell(sum(r.client_share for r in abc), loc), Cell("percent"),
                     money_cell(abc.total_revenue, cur, loc),
                     pct_cell(sum(r.revenue_share for r in abc), loc)),
                    kind="total"))
    basis = label(f"rep_basis_{abc.basis}", loc)
    note = (f"{label('thresholds', loc)} ({basis}){colon(loc)}"
            + ", ".join(percent(c, loc, 0) for c in abc.cuts))
    blocks: list[Block] = [
        Table("abc-classes", None, (
            Column("class", label("abc", loc)),
            Column("clients", label("clients", loc), "integer", "right"),
            Column("client_share", label("client_share", loc), "percent", "right"),
            Column("reference", label("reference", loc), "percent", "right"),
            Column("revenue", label("revenue", loc), "money", "right"),
            Column("revenue_share", label("revenue_share", loc), "percent", "right"),
        ), tuple(rows), note=note, row_header=True),
    ]
    top_rows: list[Row] = []
    for group in ev.top_clients("abc", 5):
        for c in group.clients:
            top_rows.append(Row((text_cell(group.category, strong=True),
                                 text_cell(c.client), text_cell(c.name),
                                 money_cell(c.revenue, cur, loc)), key=c.client))
    blocks.append(Table("abc-top", label("title_top", loc), (
        Column("class", label("abc", loc)),
        Column("client", label("client", loc)),
        Column("name", label("name", loc)),
        Column("revenue", label("revenue", loc), "money", "right"),
    ), tuple(top_rows)))
    blocks.append(pareto_chart(ev))
    blocks.extend(Paragraph(w, "warning") for w in words.dependence_warnings(ev))
    return Section("abc", label("title_abc", loc), tuple(blocks))


# --------------------------------------------------------------------------------- rfm
def heatmap_chart(ev: Evaluation) -> HeatmapChart:
    """Revenue per RFM code and period of ``ev`` as chart data."""
    loc, cur = ev.locale, ev.plan.header.currency
    m = ev.code_period_revenue()
    return HeatmapChart(
        "rfm-heatmap", label("rep_heatmap", loc), label("code", loc), label("periods", loc),
        tuple(r.code for r in m), m.periods,
        tuple(r.revenue for r in m),
        tuple(tuple(money(v, cur, loc) for v in r.revenue) for r in m),
        tuple(number(r.clients, loc) for r in m), label("clients", loc),
        tuple(r.clients for r in m))


def _rfm(ev: Evaluation) -> Section:
    loc, cur = ev.locale, ev.plan.header.currency
    codes = ev.code_distribution()
    legend = label("rep_code_legend", loc, periods=", ".join(ev.period_labels))
    blocks: list[Block] = [
        Paragraph(legend, "note"),
        Table("rfm-codes", label("title_codes", loc), (
            Column("code", label("code", loc)),
            Column("clients", label("clients", loc), "integer", "right"),
            Column("client_share", label("client_share", loc), "percent", "right"),
            Column("revenue", label("revenue", loc), "money", "right"),
        ), tuple(Row((text_cell(r.code), int_cell(r.clients, loc),
                      pct_cell(r.client_share, loc), money_cell(r.revenue, cur, loc)),
                     key=r.code) for r in codes), row_header=True),
        heatmap_chart(ev),
    ]
    score_rows = []
    for t in ev.score_thresholds():
        measure = {"recency": "recency", "frequency": "orders", "monetary": "revenue"}[t.metric]
        digits = 0 if t.metric == "monetary" else 1
        score_rows.append(Row((
            text_cell(t.score.upper(), strong=True), text_cell(label(measure, loc)),
            text_cell(label(f"rep_better_{t.better}", loc)),
            text_cell(" | ".join(number(c, loc, digits) for c in t.cuts)),
        ), key=t.score))
    blocks.append(Table("rfm-scores", label("title_scores", loc), (
        Column("score", "Score"),
        Column("metric", label("rep_measure", loc)),
        Column("better", label("rep_better", loc)),
        Column("cuts", label("thresholds", loc)),
    ), tuple(score_rows)))
    return Section("rfm", label("rep_title_rfm", loc), tuple(blocks))


def _profiles(ev: Evaluation) -> Section:
    loc, cur = ev.locale, ev.plan.header.currency
    blocks: list[Block] = []
    profiles = summary.rules(ev, "profile")
    if profiles:
        blocks.append(_rule_table("profiles", None, label("profile", loc), profiles, loc, cur))
    else:
        blocks.append(Paragraph(label("rep_not_stated", loc), "note"))
    typologies = summary.rules(ev, "typology")
    if typologies:
        blocks.append(_rule_table("typologies", label("rep_typologies", loc),
                                  label("typology", loc), typologies, loc, cur))
    return Section("profiles", label("title_profiles", loc), tuple(blocks))


def _segments(ev: Evaluation) -> Section:
    loc, cur = ev.locale, ev.plan.header.currency
    segments = summary.rules(ev, "segment")
    blocks: tuple[Block, ...] = (
        (_rule_table("segments", None, label("segment", loc), segments, loc, cur),) if segments
        else (Paragraph(label("rep_not_stated", loc), "note"),))
    return Section("segments", label("title_segments", loc), blocks)


# ----------------------------------------------------------------------------- ipo/ipa
def ipo_ipa_chart(ev: Evaluation) -> ScatterChart | None:
    """The clients on the IPO/IPA grid as chart data (None without an IPO/IPA matrix)."""
    loc, cur = ev.locale, ev.plan.header.currency
    data = ev.ipo_ipa_points()
    if data is None:
        return None
    groups = tuple(ev.plan.abc.labels)
    points = []
    for p in data:
        name = p.name or p.client
        tip = (f"{name} ({p.client}) — IPO {number(p.ipo, loc, 2)}, "
               f"IPA {number(p.ipa, loc, 2)}, {label('abc', loc)} {p.abc}, "
               f"{label('revenue', loc)} {money(p.revenue, cur, loc)}")
        points.append(ScatterPoint(p.client, name, p.ipa, p.ipo, p.abc, tip))
    return ScatterChart(
        "ipo-ipa-scatter", label("rep_ipo_ipa_chart", loc), label("rep_ipa_axis", loc),
        label("rep_ipo_axis", loc), data.scale, data.ipa_threshold, data.ipo_threshold,
        tuple((q, label(f"quadrant_{q}", loc)) for q in ("1", "2", "3", "4")),
        groups, label("abc", loc), tuple(points))


def _ipo_ipa(ev: Evaluation) -> Section:
    loc, cur = ev.locale, ev.plan.header.currency
    title = label("title_ipo_ipa", loc)
    spec = ev.plan.ipo_ipa
    if spec is None or "quadrant" not in ev.columns:
        return Section("ipo-ipa", title, (Paragraph(label("rep_not_stated", loc), "note"),))
    crit_rows = [Row((text_cell(axis.upper(), strong=True), text_cell(localize(c.label, loc, c.id)),
                      num_cell(c.weight, loc, 0 if float(c.weight).is_integer() else 2)),
                     key=c.id)
                 for axis, criteria in (("ipo", spec.ipo), ("ipa", spec.ipa)) for c in criteria]
    blocks: list[Block] = [
        Paragraph(label("rep_ipo_ipa_lead", loc), "note"),
        Table("ipo-ipa-criteria", label("rep_criteria", loc), (
            Column("axis", label("rep_axis", loc)),
            Column("criterion", label("rep_criterion", loc), wide=True),
            Column("weight", label("rep_weight_title", loc), "number", "right"),
        ), tuple(crit_rows)),
        KeyValues("ipo-ipa-grid", None, (
            (label("rep_scale", loc), text_cell(
                f"{number(spec.scale.min, loc, 0)} – {number(spec.scale.max, loc, 0)}")),
            (label("rep_ipo_cut", loc), num_cell(spec.ipo_threshold, loc, 2)),
            (label("rep_ipa_cut", loc), num_cell(spec.ipa_threshold, loc, 2)),
        )),
    ]
    quadrants = summary.counts(ev, "quadrant")
    blocks.append(Table("ipo-ipa-quadrants", None, (
        Column("quadrant", label("quadrant", loc)),
        Column("clients", label("clients", loc), "integer", "right"),
        Column("revenue", label("revenue", loc), "money", "right"),
    ), tuple(Row((text_cell(q["label"]), int_cell(q["clients"], loc),
                  money_cell(q["revenue"], cur, loc)), key=q["id"]) for q in quadrants)))
    chart = ipo_ipa_chart(ev)
    if chart is not None:
        blocks.append(chart)
    prio = ev.priority_clients()
    if prio:
        blocks.append(Table("ipo-ipa-priority", label("title_priority", loc), (
            Column("client", label("client", loc)),
            Column("name", label("name", loc)),
            Column("ipo", "IPO", "number", "right"),
            Column("ipa", "IPA", "number", "right"),
            Column("abc", label("abc", loc), "text", "center"),
            Column("profile", label("profile", loc)),
            Column("revenue", label("revenue", loc), "money", "right"),
        ), tuple(Row((text_cell(p.client), text_cell(p.name),
                      num_cell(p.ipo, loc, 2), num_cell(p.ipa, loc, 2),
                      text_cell(p.abc), text_cell(p.profile),
                      money_cell(p.revenue, cur, loc)), key=p.client) for p in prio)))
    return Section("ipo-ipa", title, tuple(blocks))


# --------------------------------------------------------------------------- portfolio
def _portfolio(ev: Evaluation) -> Section:
    loc, cur = ev.locale, ev.plan.header.currency
    title = label("title_portfolio", loc)
    spec = ev.plan.portfolio
    m = ev.portfolio_matrix()
    if spec is None or m is None:
        return Section("portfolio", title, (Paragraph(label("rep_not_stated", loc), "note"),))
    cells = tuple(tuple(
        MatrixCell(m.clients[i][j], m.revenue[i][j], money(m.revenue[i][j], cur, loc),
                   m.zones[i][j], label(f"zone_{m.zones[i][j]}", loc))
        for j in range(len(m.cols))) for i in range(len(m.rows)))
    hi, mid = spec.thresholds
    blocks: list[Block] = [
        KeyValues("portfolio-spec", None, (
            (label("rep_potential_attribute", loc), text_cell(spec.attribute)),
            (label("rep_potential_classes", loc), text_cell(
                f"A' ≥ {money(hi, cur, loc)} ; B' ≥ {money(mid, cur, loc)} ; C' < "
                f"{money(mid, cur, loc)}" if loc == "fr" else
                f"A' ≥ {money(hi, cur, loc)}; B' ≥ {money(mid, cur, loc)}; C' < "
                f"{money(mid, cur, loc)}")),
        )),
        Table("portfolio-crosstab", label("rep_portfolio_counts", loc), (
            Column("class", f"{label('revenue_class', loc)} \\ {label('potential_class', loc)}"),
            *(Column(f"p{j}", c, "integer", "right") for j, c in enumerate(m.cols)),
        ), tuple(Row((text_cell(r, strong=True),
                      *(int_cell(v, loc) for v in m.clients[i])), key=r)
                 for i, r in enumerate(m.rows)), row_header=True),
        Table("portfolio-zones", None, (
            Column("zone", label("zone", loc)),
            Column("clients", label("clients", loc), "integer", "right"),
            Column("revenue", label("revenue", loc), "money", "right"),
        ), tuple(Row((text_cell(z["label"]), int_cell(z["clients"], loc),
                      money_cell(z["revenue"], cur, loc)), key=z["id"])
                 for z in summary.counts(ev, "zone"))),
        MatrixChart("portfolio-matrix", label("rep_portfolio_matrix", loc),
                    label("revenue_class", loc), label("potential_class", loc),
                    m.rows, m.cols, cells, tuple((z, label(f"zone_{z}", loc)) for z in ZONES)),
    ]
    return Section("portfolio", title, tuple(blocks))


# --------------------------------------------------------------------------- PAC table
PAC_COLUMNS: tuple[str, ...] = (
    "client", "steps", "priority", "owner", "participants", "due", "progress", "budget",
    "comments", "current_revenue", "target_revenue", "results",
)  # fmt: skip


def _named_clients(ev: Evaluation, action: Action, resolved: PlanActions | None) -> list[str]:
    """Names of the clients of an action whose target names them (a top-level ``client:``
    test): the resolved clients, else the ids the plan lists."""
    target = action.target
    if target is None or target.client is None or not target.client.in_:
        return []
    if resolved is not None:
        ids: list[str] = resolved.action(action.id).client_ids
        names = resolved.baseline.client_names(ids)
    else:
        names = ev.client_names(list(target.client.in_))
    return [c.name or c.client for c in names]


def _pac_table(ev: Evaluation, resolved: PlanActions | None) -> Section:
    """The PAC table; CA actuel and CA cible from ``resolved`` (the engine's), else as the
    plan states them (with a note)."""
    loc, cur = ev.locale, ev.plan.header.currency
    plan = ev.plan
    kinds: dict[str, tuple[CellKind, Align, bool]] = {
        "client": ("text", "left", True), "steps": ("text", "left", True),
        "priority": ("integer", "center", False), "owner": ("text", "left", False),
        "participants": ("text", "left", False), "due": ("date", "right", False),
        "progress": ("percent", "right", False), "budget": ("money", "right", False),
        "comments": ("text", "left", True), "current_revenue": ("money", "right", False),
        "target_revenue": ("money", "right", False), "results": ("text", "left", True),
    }
    columns = tuple(Column(k, label(k, loc), kinds[k][0], kinds[k][1],
                           kinds[k][2]) for k in PAC_COLUMNS)
    groups: list[tuple[str, list[Action]]] = []
    for typo in plan.typologies:
        members = [a for a in plan.actions if a.typology == typo.id]
        if members:
            groups.append((label("rep_typology_group", loc, n=len(groups) + 1,
                                 label=localize(typo.label, loc, typo.id)), members))
    known = {t.id for t in plan.typologies}
    others = [a for a in plan.actions if a.typology is None or a.typology not in known]
    if others:
        groups.append((label("internal_actions", loc), others))
    rows: list[Row] = []
    for title, members in groups:
        rows.append(Row((text_cell(title, strong=True),), kind="group"))
        for a in members:
            if resolved is not None:
                figures = resolved.action(a.id)
                current, target = figures.current_revenue, figures.target_revenue
            else:
                current, target = a.current_revenue, a.target_revenue
            rows.append(Row((
                lines_cell([a.title, *_named_clients(ev, a, resolved)], strong_first=True),
                lines_cell(a.steps),
                int_cell(a.priority, loc),
                text_cell(a.owner),
                text_cell(", ".join(a.participants) or None),
                date_cell(a.due, loc),
                pct_cell(a.progress / 100, loc, 0),
                money_cell(a.budget, cur, loc),
                text_cell(a.comments),
                money_cell(current, cur, loc),
                money_cell(target, cur, loc),
                text_cell(a.results),
            ), key=a.id))
    blocks: list[Block] = []
    b = plan.budget
    items: list[tuple[str, Cell]] = []
    if b.total is not None:
        items.append((label("total", loc), money_cell(b.total, cur, loc)))
    for axis, envelope in (("type", b.by_type), ("horizon", b.by_horizon),
                           ("owner", b.by_owner), ("priority", b.by_priority)):
        if envelope:
            parts = [f"{label(f'rep_{axis}_{k}', loc) if axis in ('type', 'horizon') else k}"
                     f"{colon(loc)}{money(v, cur, loc)}" for k, v in envelope.items()]
            items.append((label(f"axis_{axis}", loc), text_cell(" ; ".join(parts)
                          if loc == "fr" else "; ".join(parts))))
    if items:
        blocks.append(KeyValues("budget", label("rep_budget_envelope", loc), tuple(items)))
    if plan.actions:
        note = None if resolved is not None else label("rep_pac_stated_note", loc)
        blocks.append(Table("pac", None, columns, tuple(rows), note=note))
    else:
        blocks.append(Paragraph(label("rep_no_actions", loc), "note"))
    return Section("pac-table", label("title_actions", loc), tuple(blocks))


# ---------------------------------------------------------------------------- steering
def _kpi_label(ev: Evaluation | None, kid: str, locale: str) -> str:
    """A KPI's label from the plan (objective text, KPI label), else its id."""
    if ev is None:
        return kid
    for o in ev.plan.header.objectives:
        if o.id == kid:
            return o.text
    for k in ev.plan.steering.kpis:
        if k.id == kid:
            return localize(k.label, locale, kid)
    return kid


def trend_of(snapshots: Snapshots | None, steering: SteeringResult | None = None,
             source: str = "<plan>") -> Trend | None:
    """The trend to render: ``snapshots`` itself when it is a
    :class:`~pacspec.engine.snapshot.Trend`, else :func:`pacspec.engine.snapshot.trend` over
    the snapshots followed by the steering result's own (it replaces a snapshot of the same
    date). None without snapshots."""
    from pacspec.history import Trend, to_snapshot, trend

    if snapshots is None or isinstance(snapshots, Trend):
        return snapshots
    items: list[Snapshot | Mapping[str, Any]] = list(snapshots)
    if not items:
        return None
    if steering is not None:
        items.append(to_snapshot(steering, source))
    return trend([s if not isinstance(s, Mapping) else dict(s) for s in items])


def _kpi_values(tr: Trend, kid: str) -> list[tuple[dt.date, float]]:
    """The dated values of one KPI of the trend (dates where it has one)."""
    for s in tr.kpis:
        if s.id == kid:
            return [(dt.date.fromisoformat(d), float(p.value))
                    for d, p in zip(tr.dates, s.points, strict=True) if p.value is not None]
    return []


def _direction(values: list[tuple[dt.date, float]]) -> str | None:
    """``up`` / ``down`` / ``flat`` from the last two values of a series."""
    if len(values) < 2:
        return None
    a, b = values[-2][1], values[-1][1]
    return "up" if b > a else "down" if b < a else "flat"


def trend_chart(tr: Trend, steering: SteeringResult | None = None,
                ev: Evaluation | None = None, locale: str = "fr", currency: str = "EUR"
                ) -> TrendChart:
    """The KPI trend as chart data: one series per KPI of ``steering`` (its label, target and
    status), else per KPI of the trend. ``ev`` supplies the locale, the currency and labels
    from the plan."""
    loc = ev.locale if ev is not None else locale
    cur = ev.plan.header.currency if ev is not None else currency
    kpis: list[KpiResult] = list(steering.kpis) if steering is not None else []
    series = []
    if kpis:
        for k in kpis:
            pts = _kpi_values(tr, k.id)
            series.append(TrendChartSeries(
                k.id, words.kpi_label(k, loc), tuple(pts),
                tuple(_metric_cell(k.metric, v, loc, cur).text for _, v in pts),
                float(k.target), _metric_cell(k.metric, k.target, loc, cur).text, k.status,
                k.metric.endswith("_rate")))
    else:
        for s in tr.kpis:
            pts = _kpi_values(tr, s.id)
            status = next((p.status for p in reversed(s.points) if p.status is not None), None)
            series.append(TrendChartSeries(
                s.id, _kpi_label(ev, s.id, loc), tuple(pts),
                tuple(_metric_cell("", v, loc, cur).text for _, v in pts), None, "", status))
    return TrendChart("steering-trends", label("rep_trends", loc), label("rep_target", loc),
                      tuple(series), tuple(dt.date.fromisoformat(d) for d in tr.dates))


def _steering(ev: Evaluation, steering: SteeringResult, tr: Trend | None) -> Section:
    loc, cur = ev.locale, ev.plan.header.currency
    blocks: list[Block] = [KeyValues("steering-meta", None, (
        (label("rep_steering_as_of", loc), date_cell(steering.as_of, loc)),
        (label("rep_snapshots", loc), int_cell(len(tr.dates) if tr is not None else 0, loc)),
    ))]
    arrows = {"up": "↗", "down": "↘", "flat": "→"}
    kpis = steering.kpis
    to_date = any(k.target_to_date is not None for k in kpis)
    reasons = any(words.kpi_reason(k, steering) for k in kpis)
    kpi_rows = []
    for kpi in kpis:
        cells = [text_cell(words.kpi_label(kpi, loc)),
                 _metric_cell(kpi.metric, kpi.target, loc, cur)]
        if to_date:
            cells.append(_metric_cell(kpi.metric, kpi.target_to_date, loc, cur))
        cells += [_metric_cell(kpi.metric, kpi.value, loc, cur),
                  pct_cell(kpi.attainment, loc, 0),
                  status_cell(kpi.status, loc)]
        if tr is not None:
            trend = _direction(_kpi_values(tr, kpi.id))
            cells.append(Cell("text", trend, arrows[trend] + " " + label(f"rep_trend_{trend}", loc))
                         if trend else Cell())
        if reasons:
            cells.append(text_cell(words.kpi_reason(kpi, steering) or None))
        kpi_rows.append(Row(tuple(cells), key=kpi.id))
    kpi_cols = [Column("kpi", label("indicator", loc)),
                Column("target", label("rep_target", loc), "number", "right")]
    if to_date:
        kpi_cols.append(Column("target_to_date", label("rep_target_to_date", loc), "number",
                               "right"))
    kpi_cols += [Column("value", label("realised", loc), "number", "right"),
                 Column("attainment", label("rep_attainment", loc), "percent", "right"),
                 Column("status", label("rep_status", loc), "status", "left")]
    if tr is not None:
        kpi_cols.append(Column("trend", label("rep_trend", loc)))
    if reasons:
        kpi_cols.append(Column("reason", label("rep_reason", loc), wide=True))
    blocks.append(Table("steering-kpis", label("rep_dashboard", loc), tuple(kpi_cols),
                        tuple(kpi_rows)))
    titles = {a.id: a.title for a in ev.plan.actions}
    actions = steering.actions
    expected = any(a.expected is not None for a in actions)
    act_rows = []
    for a in actions:
        cells = [text_cell(titles.get(a.id, a.title)),
                 int_cell(a.clients, loc),
                 money_cell(a.current_revenue, cur, loc),
                 money_cell(a.target_revenue, cur, loc)]
        if expected:
            cells.append(money_cell(a.expected, cur, loc))
        cells += [money_cell(a.realised, cur, loc),
                  pct_cell(a.attainment, loc, 0),
                  money_cell(a.variance, cur, loc),
                  status_cell(a.status, loc)]
        act_rows.append(Row(tuple(cells), key=a.id))
    if act_rows:
        act_cols = [Column("action", label("action", loc), wide=True),
                    Column("clients", label("clients", loc), "integer", "right"),
                    Column("current_revenue", label("current_revenue", loc), "money",
                           "right"),
                    Column("target_revenue", label("target_revenue", loc), "money",
                           "right")]
        if expected:
            act_cols.append(Column("expected", label("rep_expected", loc), "money", "right"))
        act_cols += [
            Column("realised", label("rep_realised_revenue", loc), "money", "right"),
            Column("attainment", label("rep_attainment", loc), "percent", "right"),
            Column("variance", label("variance", loc), "money", "right"),
            Column("status", label("rep_status", loc), "status"),
        ]
        blocks.append(Table("steering-actions", label("title_action_results", loc),
                            tuple(act_cols), tuple(act_rows)))
    blocks.extend(Paragraph(alert, "warning") for alert in words.alerts(steering))
    if tr is not None:
        blocks.append(trend_chart(tr, steering, ev))
    return Section("steering", label("rep_title_steering", loc), tuple(blocks))


# ----------------------------------------------------------------------------- clients
_CLIENT_KINDS: dict[str, tuple[CellKind, int]] = {
    "revenue": ("money", 0), "history_revenue": ("money", 0), "potential": ("money", 0),
    "orders": ("integer", 0), "units": ("number", 0), "recency": ("integer", 0),
    "r": ("integer", 0), "f": ("integer", 0), "m": ("integer", 0),
    "first_purchase": ("date", 0), "last_purchase": ("date", 0),
    "ipo": ("number", 2), "ipa": ("number", 2),
}


def _clients_table(ev: Evaluation) -> Table:
    """The per-client table with labels (the spreadsheet's Clients sheet)."""
    loc, cur = ev.locale, ev.plan.header.currency
    table = ev.table(labels=True)
    names = [n for n in TABLE_COLUMNS if n in table]
    columns = tuple(Column(n, label(n, loc), _CLIENT_KINDS[n][0] if n in _CLIENT_KINDS else "text",
                           "right" if n in _CLIENT_KINDS else "left") for n in names)
    lists = {n: table[n].tolist() if table[n].dtype.kind != "M" else table[n] for n in names}
    rows = []
    for i in range(ev.n_clients):
        cells = []
        for n in names:
            kind, digits = _CLIENT_KINDS.get(n, ("text", 0))
            v = lists[n][i]
            if kind == "money":
                cells.append(money_cell(v, cur, loc, "unit"))
            elif kind == "integer":
                cells.append(int_cell(v, loc))
            elif kind == "number":
                cells.append(num_cell(v, loc, digits))
            elif kind == "date":
                cells.append(date_cell(None if np.isnat(v) else v.astype(dt.date), loc))
            else:
                cells.append(text_cell(None if v == "" else v))
        rows.append(Row(tuple(cells), key=str(lists["client"][i])))
    return Table("clients", label("rep_clients_table", loc), columns, tuple(rows))
