"""A renderer-neutral document built from an :class:`~pacspec.engine.result.Evaluation`.

The document is an ordered list of :class:`Section` (stable ids, titles in the plan's
locale), each made of blocks: :class:`Paragraph`, :class:`KeyValues`, :class:`Table` (typed
cells that carry both the raw value and its text in the plan's locale) and chart specs as
plain data (:class:`ParetoChart`, :class:`HeatmapChart`, :class:`ScatterChart`,
:class:`MatrixChart`, :class:`TrendChart`). Every renderer (HTML, Markdown, XLSX, the
terminal summary, the matplotlib figures) reads this one model.

The sections are built by the modules of :mod:`pacspec.report.sections` (one per section,
each declaring where it appears); :func:`build_document` runs them in order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from pacspec.i18n import label

if TYPE_CHECKING:
    from pacspec.engine.actions import PlanActions
    from pacspec.engine.result import Evaluation
    from pacspec.engine.scope import Scope
    from pacspec.engine.steering import SteeringResult
    from pacspec.history import Snapshot, Trend
    from pacspec.report.clients import ClientsTable

    Snapshots: TypeAlias = "Trend | Sequence[Snapshot | Mapping[str, Any]]"

__all__ = [
    "Block",
    "Cell",
    "CellKind",
    "Column",
    "Document",
    "HeatmapChart",
    "KeyValues",
    "MatrixCell",
    "MatrixChart",
    "Origin",
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
    "placed_in",
]

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
    editable: bool = False
    """A plan field the team fills in (progress, spent, comments, results): the working
    workbook leaves its cells unlocked, as inputs, with a validation by ``kind``; the
    column's ``key`` is the plan field."""


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
    weight: int = 1
    """The clients this point stands for (more than 1 when a chart of many clients is
    drawn binned: one point per place and group, its area in proportion)."""


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
    expected: tuple[tuple[dt.date, float], ...] = ()
    """What was expected at each date: the target phased to that date (a cumulative
    measure's year to date is drawn against it, not against the annual target)."""
    n1: tuple[tuple[dt.date, float], ...] = ()
    """The same measure one year earlier, to each date (N−1 to date)."""
    landing: float | None = None
    """The year-end landing (*atterrissage*) at the last date, beside ``annual_target``."""
    landing_text: str = ""
    annual_target: float | None = None
    """The target for the year (per month for a per-month KPI), what the landing meets."""
    annual_target_text: str = ""
    cumulative: bool = False
    """A year-to-date measure (revenue, orders...): its target line is the phased
    ``expected``; a rate or an average is compared with ``target`` itself."""
    expected_text: str = ""
    """``expected`` and ``n1`` at the last date, in the KPI's unit."""
    n1_text: str = ""


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

    def table(self, table_id: str) -> Table:
        for block in self.blocks:
            if isinstance(block, Table) and block.id == table_id:
                return block
        raise KeyError(table_id)


@dataclass(frozen=True)
class Origin:
    """Where the report's plan came from, for a workbook that goes back into the plan
    (``pacspec sync``): the plan file as given (posix; empty for a plan built in Python),
    the sha256 of its bytes when it was loaded, when the report was made (UTC) and the
    owner whose actions alone it shows (None: every action)."""

    plan: str
    sha256: str
    generated: dt.datetime
    owner: str | None = None


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
    clients: ClientsTable
    """The per-client appendix, column by column (no cell objects: see
    :mod:`pacspec.report.clients`)."""
    origin: Origin | None = None
    """The plan file behind the report (None: not known, e.g. a document built in Python)."""

    def section(self, section_id: str) -> Section:
        for s in self.sections:
            if s.id == section_id:
                return s
        raise KeyError(section_id)

    @property
    def section_ids(self) -> list[str]:
        return [s.id for s in self.sections]


def placed_in(section: Section, fmt: str) -> bool:
    """Whether ``section`` appears in renderer ``fmt`` (``html``, ``markdown``, ``xlsx``,
    ``terminal``), as its module declares; a section no module declares appears
    everywhere but the terminal."""
    from pacspec.report import sections

    try:
        return sections.get(section.id).placed_in(fmt)
    except KeyError:
        return fmt != "terminal"


# ----------------------------------------------------------------------------- builder
def build_document(ev: Evaluation, *, steering: SteeringResult | None = None,
                   snapshots: Snapshots | None = None, actions: PlanActions | None = None,
                   source: str = "<plan>", top: int = 5, fmt: str | None = None,
                   origin: Origin | None = None, owner: str | None = None,
                   headers: Literal["labels", "ids"] = "labels", scope: Scope | None = None
                   ) -> Document:
    """The report of ``ev`` as a :class:`Document`: the sections of
    :mod:`pacspec.report.sections` in order (``steering`` only with a steering result).
    ``snapshots``: earlier steering snapshots, or a :class:`~pacspec.history.Trend` (see
    :func:`~pacspec.report.sections.steering.trend_of`). ``actions``: the PAC table resolved
    on the baseline (the steering result's by default); without it the PAC table shows the
    plan's amounts. ``source``: the plan file's name. ``top``: clients per class in the
    top-clients table. ``fmt``: build only the sections placed in that renderer (and the
    per-client appendix only for ``xlsx``). ``origin``: the plan file behind the report
    (what a working workbook records). ``owner``: the PAC table holds only that owner's
    actions. ``headers``: the per-client appendix's column titles in the plan's locale, or
    their stable ids (see :mod:`pacspec.report.client_columns`). ``scope``: a document for
    one person (:class:`~pacspec.engine.scope.Scope`, his actions and clients; ``owner``
    alone gives the owner's); each section reads it as its spec says
    (:attr:`~pacspec.report.sections.SectionSpec.scoped`), a plan-wide section is one
    line."""
    from pacspec.report import sections
    from pacspec.report.clients import clients_table
    from pacspec.report.scoped import owner_scope_of, plan_wide
    from pacspec.report.sections.steering import trend_of

    h = ev.plan.header
    if scope is None and owner is not None:
        scope = owner_scope_of(ev, steering, actions, owner)
    ctx = sections.Context(
        ev, steering, trend_of(snapshots, steering, source) if steering is not None else None,
        actions or (steering.plan_actions if steering is not None else None), top,
        owner=scope.key if scope is not None and scope.kind == "owner" else owner,
        scope=scope)
    built = []
    for spec in sections.specs():
        if fmt is not None and not spec.placed_in(fmt):
            continue
        section = (spec.build(ctx) if scope is None else spec.scoped(ctx)
                   if spec.scoped is not None else plan_wide(spec, ctx))
        if section is not None:
            assert section.id == spec.id, f"section {spec.id} built as {section.id}"
            built.append(section)
    clients = clients_table(ev, headers, empty=fmt not in (None, "xlsx"))
    if scope is not None and clients.values:  # one person's document: his clients' rows
        clients = replace(clients, values=tuple(v[scope.clients] for v in clients.values))
    return Document(
        title=f"PAC {h.company} — {h.business_unit} — {h.budget_year}"
        + (f" — {scope.key}" if scope is not None else ""),  # one person's document
        subtitle=label("rep_doc_subtitle", ev.locale),
        locale=ev.locale,
        currency=h.currency,
        as_of=ev.as_of,
        sections=tuple(built),
        clients=clients,
        origin=origin,
    )
