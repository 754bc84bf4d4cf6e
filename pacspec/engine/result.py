"""The result of an evaluation: the per-client table and its summaries as frozen dataclasses
(numbers and ids, ``to_dict()`` and ``to_pandas()``; renderers put them into words)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, Generic, TypeVar

import numpy as np

from pacspec.diagnostics import EvaluationError, Problem, did_you_mean
from pacspec.engine.abc import abc_values, pareto_curve
from pacspec.engine.aggregate import NO_DAY, code_to_str
from pacspec.engine.portfolio import zone_of
from pacspec.engine.table import Categorical, Column
from pacspec.ingest import Ledger
from pacspec.model.plan import Plan
from pacspec.model.types import localize
from pacspec.reasons import Reason

RULE_SECTION_OF: dict[str, str] = {"profile": "profiles", "segment": "segments",
                                   "typology": "typologies"}
"""The plan section holding the rules behind each rule-assigned column."""


@dataclass
class ScoreCuts:
    """The quantile cut points behind each RFM score (they reproduce the scores), computed
    over the ``scored`` active clients of the window; ``lapsed`` clients (bought before,
    not active in the window) have the scores 0."""

    bins: int
    recency: np.ndarray
    frequency: np.ndarray
    monetary: np.ndarray
    scored: int = 0
    lapsed: int = 0


# ------------------------------------------------------------------ typed summaries
def _key(name: str) -> str:
    return name[:-1] if name.endswith("_") else name


def _plain(value: object) -> Any:
    if isinstance(value, Summary):
        return value.to_dict()
    if isinstance(value, Reason):
        return {"code": value.code, "values": dict(value.values)}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Summary:
    """Base of the typed summaries: :meth:`to_dict` gives plain data (JSON-ready; a field
    named ``class_`` is written ``class``), :meth:`to_pandas` a DataFrame (needs pandas)."""

    def to_dict(self) -> dict[str, Any]:
        return {_key(f.name): _plain(getattr(self, f.name)) for f in fields(self)}

    def records(self) -> list[dict[str, Any]]:
        """The rows of the summary as plain dicts (what :meth:`to_pandas` shows)."""
        return [self.to_dict()]

    def to_pandas(self) -> Any:
        """The summary's rows as a pandas DataFrame (needs pandas)."""
        pd = _require("pandas", "pandas")
        return pd.DataFrame(self.records())


R = TypeVar("R", bound=Summary)


@dataclass(frozen=True)
class Rows(Summary, Generic[R]):
    """A summary that is a list of rows: iterable, sized, indexable."""

    rows: tuple[R, ...]

    def __iter__(self) -> Iterator[R]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> R:
        return self.rows[index]

    def _short_repr(self) -> str:
        """One line: the first rows and how many more (every ``Rows`` summary uses it; the
        dataclass decorator of each subclass would otherwise print every row)."""
        shown = ", ".join(repr(r) for r in self.rows[:3])
        more = f", ... {len(self.rows) - 3} more" if len(self.rows) > 3 else ""
        return f"{type(self).__name__}({len(self.rows)} rows: {shown}{more})"

    __repr__ = _short_repr

    def records(self) -> list[dict[str, Any]]:
        return [r.to_dict() for r in self.rows]


@dataclass(frozen=True)
class AbcRow(Summary):
    """One ABC class: its clients and revenue, with their shares and the reference share."""

    class_: str
    clients: int
    client_share: float
    reference: float
    revenue: float
    revenue_share: float
    margin: float | None = None
    """The class's gross margin, when the plan ranks on margin (``abc.measure: margin``)."""
    margin_share: float | None = None
    """Its share of the ranked clients' margin (the share the cuts apply to)."""

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if self.margin is None:  # ranked on revenue: the margin fields are not there
            del out["margin"], out["margin_share"]
        return out


@dataclass(frozen=True)
class AbcSummary(Rows[AbcRow]):
    """The ABC split of the ranked clients (those with a positive revenue in the window;
    classes in order, shares over them), its totals, basis and cuts, the clients with no
    class on their own ("sans CA": count and net revenue, <= 0 each), and the dependence
    warning when the first class holds too few of the ranked clients."""

    basis: str = "revenue"
    cuts: tuple[float, ...] = ()
    total_clients: int = 0
    """Ranked clients (the rows add up to them)."""
    total_revenue: float = 0.0
    unranked_clients: int = 0
    """Clients with no positive revenue in the window: no class."""
    unranked_revenue: float = 0.0
    """Their net revenue (credit notes make it negative)."""
    warnings: tuple[Reason, ...] = ()
    measure: str = "revenue"
    """What the clients are ranked on: ``revenue`` or ``margin`` (``abc.measure``)."""
    total_margin: float | None = None
    """With ``margin``: the ranked clients' margin."""

    def to_dict(self) -> dict[str, Any]:
        out = {"basis": self.basis, "cuts": list(self.cuts), "rows": self.records(),
               "total_clients": self.total_clients, "total_revenue": self.total_revenue,
               "unranked_clients": self.unranked_clients,
               "unranked_revenue": self.unranked_revenue,
               "warnings": _plain(self.warnings)}
        if self.measure != "revenue":
            out.update(measure=self.measure, total_margin=self.total_margin)
        return out


@dataclass(frozen=True)
class RuleRow(Summary):
    """One rule of a plan section (``id`` None: the clients no rule matched)."""

    id: str | None
    label: str | None
    clients: int
    client_share: float
    revenue: float
    revenue_share: float


@dataclass(frozen=True)
class RuleSummary(Rows[RuleRow]):
    """Clients and revenue per rule of one column (rule order, then none)."""

    column: str = ""


@dataclass(frozen=True)
class CategoryCount(Summary):
    """One category of a column (``id`` None: no category)."""

    id: str | None
    clients: int
    revenue: float


@dataclass(frozen=True)
class CategoryCounts(Rows[CategoryCount]):
    """Clients and revenue per category of one column (category order, then none)."""

    column: str = ""


@dataclass(frozen=True)
class CodeRow(Summary):
    code: str
    clients: int
    client_share: float
    revenue: float


@dataclass(frozen=True)
class CodeDistribution(Rows[CodeRow]):
    """Clients and revenue per RFM code, most recent buyers first (1111 ... 0000)."""


@dataclass(frozen=True)
class ScoreThreshold(Summary):
    score: str
    metric: str
    better: str
    cuts: tuple[float, ...]


@dataclass(frozen=True)
class ScoreThresholds(Rows[ScoreThreshold]):
    """The cut points of the R, F and M scores, over the ``scored`` active clients (the
    ``lapsed`` ones score 0)."""

    scored: int = 0
    lapsed: int = 0


@dataclass(frozen=True)
class Crosstab(Summary):
    """Client counts and revenue of one categorical column (``rows``) against another
    (``cols``); the clients without a category in either are left out."""

    rows: tuple[str, ...]
    cols: tuple[str, ...]
    clients: tuple[tuple[int, ...], ...]
    revenue: tuple[tuple[float, ...], ...]

    def records(self) -> list[dict[str, Any]]:
        return [{"row": r, "col": c, "clients": self.clients[i][j],
                 "revenue": self.revenue[i][j]}
                for i, r in enumerate(self.rows) for j, c in enumerate(self.cols)]


@dataclass(frozen=True)
class PortfolioMatrix(Crosstab):
    """The portfolio crosstab with the zone of each cell."""

    zones: tuple[tuple[str, ...], ...] = ()

    def records(self) -> list[dict[str, Any]]:
        return [{**r, "zone": self.zones[i // max(len(self.cols), 1)][i % max(len(self.cols), 1)]}
                for i, r in enumerate(super().records())]


@dataclass(frozen=True)
class ClientRevenue(Summary):
    client: str
    name: str | None
    revenue: float


@dataclass(frozen=True)
class TopGroup(Summary):
    category: str
    clients: tuple[ClientRevenue, ...]


@dataclass(frozen=True)
class TopClients(Rows[TopGroup]):
    """The best clients by revenue in each category of ``by``."""

    by: str = ""

    def records(self) -> list[dict[str, Any]]:
        return [{"category": g.category, **c.to_dict()} for g in self.rows for c in g.clients]


@dataclass(frozen=True)
class PriorityClient(Summary):
    client: str
    name: str | None
    ipo: float
    ipa: float
    revenue: float
    abc: str | None
    profile: str | None


@dataclass(frozen=True)
class PriorityClients(Rows[PriorityClient]):
    """IPO/IPA priority-1 clients, highest IPO x IPA first."""


@dataclass(frozen=True)
class ParetoClass(Summary):
    class_: str
    client_share: float
    revenue_share: float


@dataclass(frozen=True)
class ParetoReference(Summary):
    class_: str
    client_share: float


@dataclass(frozen=True)
class ParetoSummary(Summary):
    """The Pareto curve (client share, revenue share), where each ABC class ends on it and
    the cumulative reference split."""

    points: tuple[tuple[float, float], ...]
    classes: tuple[ParetoClass, ...]
    reference: tuple[ParetoReference, ...]

    def records(self) -> list[dict[str, Any]]:
        return [{"client_share": x, "revenue_share": y} for x, y in self.points]


@dataclass(frozen=True)
class CodePeriodRow(Summary):
    code: str
    clients: int
    revenue: tuple[float, ...]


@dataclass(frozen=True)
class CodePeriodRevenue(Rows[CodePeriodRow]):
    """Revenue per RFM code (rows) and per period (columns, oldest first)."""

    periods: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"periods": list(self.periods), "rows": self.records()}

    def to_pandas(self) -> Any:
        pd = _require("pandas", "pandas")
        return pd.DataFrame([r.revenue for r in self.rows], columns=list(self.periods),
                            index=pd.Index([r.code for r in self.rows], name="code"))


@dataclass(frozen=True)
class IpoIpaPoint(Summary):
    client: str
    name: str | None
    ipo: float
    ipa: float
    quadrant: str
    abc: str | None
    """None for a client with no class (no positive revenue in the window)."""
    revenue: float


@dataclass(frozen=True)
class IpoIpaPoints(Rows[IpoIpaPoint]):
    """Every client with an IPO/IPA score (client order), with the scale and the cuts."""

    scale: tuple[float, float] = (0.0, 0.0)
    ipo_threshold: float = 0.0
    ipa_threshold: float = 0.0


@dataclass(frozen=True)
class ClientName(Summary):
    client: str
    known: bool
    name: str | None


@dataclass(frozen=True)
class ClientNames(Rows[ClientName]):
    """The name of each client id asked for (None when unknown or unnamed)."""


#: Categorical columns an evaluation may have (``rule_counts``, ``top_clients`` and
#: ``crosstab`` take their names).
CATEGORY_COLUMNS: tuple[str, ...] = (
    "abc", "segment", "profile", "typology", "quadrant", "revenue_class", "potential_class",
    "zone",
)  # fmt: skip


#: Columns of the per-client table, in output order (those the plan computes).
TABLE_COLUMNS: tuple[str, ...] = (
    "client", "name", "typology", "revenue", "margin", "orders", "units", "history_revenue",
    "first_purchase", "last_purchase", "recency", "code", "r", "f", "m", "abc", "segment",
    "profile", "ipo", "ipa", "quadrant", "potential", "potential_class", "zone", "penetration",
    "headroom",
)  # fmt: skip


@dataclass(frozen=True)
class ZoneRow(Summary):
    """One portfolio zone: its clients and revenue; over its clients with a stated positive
    potential, the potential, the penetration (revenue / potential) and the reste à gagner
    (what is left to win below the potential: clients above theirs add 0)."""

    zone: str
    clients: int
    revenue: float
    with_potential: int
    potential: float
    penetration: float | None
    headroom: float
    over_potential: int


@dataclass(frozen=True)
class PortfolioZones(Rows[ZoneRow]):
    """Penetration and reste à gagner per portfolio zone (zone order), then the whole
    portfolio (``zone`` ``"total"``)."""


@dataclass(repr=False)
class Evaluation:
    """A plan evaluated against client data at ``as_of``. Its ``repr`` is one line, and a
    notebook shows a short HTML summary (:meth:`_repr_html_`)."""

    plan: Plan
    ledger: Ledger
    as_of: dt.date
    window: tuple[dt.date, dt.date]
    """First and last day of the analysis window (both included)."""
    edges: np.ndarray
    period_labels: list[str]
    columns: dict[str, Column]
    attributes: dict[str, Column]
    first_purchase: np.ndarray
    last_purchase: np.ndarray
    period_revenue: np.ndarray
    score_cuts: ScoreCuts
    problems: list[Problem] = field(default_factory=list)
    category_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Display names of each categorical column's categories in the plan's locale, the name
    of "none" last (given by the session; ids are shown where a column has none)."""
    _abc: tuple[tuple[Any, ...], AbcSummary] | None = field(
        default=None, init=False, repr=False, compare=False)
    """:meth:`abc_summary` with what it was computed from (a document asks for it several
    times: one bincount pass over millions of clients each)."""

    # ------------------------------------------------------------------ basics
    def __repr__(self) -> str:
        header = self.plan.header
        revenue = float(np.sum(np.asarray(self.columns["revenue"], dtype=np.float64)))
        abc = self.columns.get("abc")
        ranked = int((abc.codes >= 0).sum()) if isinstance(abc, Categorical) else 0
        problems = len(self.problems)
        return (f"<Evaluation {header.company} / {header.business_unit} {header.budget_year} "
                f"as of {self.as_of}: {self.n_clients} clients ({ranked} active), window "
                f"{self.window[0]}..{self.window[1]} in {self.n_periods} periods, revenue "
                f"{revenue:,.2f}, {problems} problem{'s' if problems != 1 else ''}>")

    def _repr_html_(self) -> str:
        """A short HTML summary for notebooks: the dates, the counts and the ABC table."""
        from html import escape

        header = self.plan.header
        abc = self.abc_summary()
        rows = "".join(
            f"<tr><td>{escape(r.class_)}</td><td>{r.clients}</td><td>{r.client_share:.1%}</td>"
            f"<td>{r.revenue:,.0f}</td><td>{r.revenue_share:.1%}</td></tr>" for r in abc)
        rows += (f"<tr><td>none</td><td>{abc.unranked_clients}</td><td></td>"
                 f"<td>{abc.unranked_revenue:,.0f}</td><td></td></tr>")
        problems = "".join(f"<li>{escape(p.severity)} [{escape(p.code)}]: "
                           f"{escape(p.message[:200])}</li>" for p in self.problems[:10])
        return (f"<div><strong>{escape(header.company)} — {escape(header.business_unit)} "
                f"{header.budget_year}</strong>: evaluation as of {self.as_of}, window "
                f"{self.window[0]} to {self.window[1]}, {self.n_clients} clients"
                "<table><tr><th>abc</th><th>clients</th><th>client share</th>"
                f"<th>revenue</th><th>revenue share</th></tr>{rows}</table>"
                + (f"<ul>{problems}</ul>" if problems else "") + "</div>")

    @property
    def locale(self) -> str:
        return self.plan.locale

    @property
    def n_clients(self) -> int:
        return self.ledger.n_clients

    @property
    def n_periods(self) -> int:
        return len(self.edges) - 1

    def column(self, name: str) -> Column:
        """A column of the client table, by name."""
        try:
            return self.columns[name]
        except KeyError:
            guess = did_you_mean(name, self.columns)
            raise EvaluationError([Problem(
                "error", "no-column", f"no column '{name}' in this evaluation",
                hint=(f"did you mean '{guess}'? " if guess else "") + "available: "
                + ", ".join(self.columns))]) from None

    def codes_as_text(self) -> np.ndarray:
        code = self.columns["code"]
        assert isinstance(code, np.ndarray)
        return np.asarray(code_to_str(code, self.n_periods), dtype=object)

    def rule_label(self, section: str, rule_id: str) -> str:
        for rule in getattr(self.plan, section):
            if rule.id == rule_id:
                return localize(rule.label, self.locale, rule_id)
        return rule_id

    # ------------------------------------------------------------------ table
    def table(self, labels: bool = False) -> dict[str, np.ndarray]:
        """The per-client table as numpy columns (object arrays for text, dates as
        ``datetime64[D]`` with NaT). With ``labels``, categories are shown by their names in
        the plan's locale instead of their ids."""
        out: dict[str, np.ndarray] = {}
        attrs = self.ledger.attributes
        for name in TABLE_COLUMNS:
            if name == "client":
                out[name] = np.asarray(self.ledger.client_ids, dtype=object)
            elif name == "name":
                if "name" in attrs:
                    out[name] = np.asarray(attrs["name"], dtype=object)
            elif name in ("first_purchase", "last_purchase"):
                days = self.first_purchase if name == "first_purchase" else self.last_purchase
                dates = days.astype("datetime64[D]")
                dates[days == NO_DAY] = np.datetime64("NaT")
                out[name] = dates
            elif name == "code":
                out[name] = self.codes_as_text()
            elif name in self.columns:
                col = self.columns[name]
                if isinstance(col, Categorical):
                    out[name] = self._category_labels(name, col) if labels else col.labels(None)  # type: ignore[arg-type]
                elif name in ("orders", "r", "f", "m", "quadrant"):
                    out[name] = col  # float with NaN where not scored
                else:
                    out[name] = col
        return out

    def _category_labels(self, name: str, col: Categorical) -> np.ndarray:
        names = self.category_names.get(name)
        if names is None:
            return col.labels(None)  # type: ignore[arg-type]
        return np.array(names, dtype=object)[col.codes]

    def to_pandas(self, labels: bool = False) -> Any:
        """The client table as a pandas DataFrame (needs pandas)."""
        pd = _require("pandas", "pandas")
        return pd.DataFrame(self.table(labels))

    def to_polars(self, labels: bool = False) -> Any:
        """The client table as a polars DataFrame (needs polars)."""
        pl = _require("polars", "polars")
        return pl.DataFrame({k: (v.tolist() if v.dtype == object else v)
                             for k, v in self.table(labels).items()})

    def to_arrow(self, labels: bool = False) -> Any:
        """The client table as a pyarrow Table (needs the arrow extra)."""
        pa = _require("pyarrow", "pacspec[arrow]")
        return pa.table({k: (v.tolist() if v.dtype == object else v)
                         for k, v in self.table(labels).items()})

    # --------------------------------------------------------------- summaries
    def _categorical(self, name: str, what: str, choices: Sequence[str] = CATEGORY_COLUMNS
                     ) -> Categorical | None:
        """The categorical column ``name`` (None when this plan does not compute it); an
        :class:`EvaluationError` with a did-you-mean for a name that is none of
        ``choices`` nor a categorical column of this evaluation."""
        col = self.columns.get(name)
        if isinstance(col, Categorical) and name != "client":
            return col
        if name in choices:
            return None
        known = [*choices, *(n for n, c in self.columns.items() if isinstance(c, Categorical)
                             and n != "client" and n not in choices)]
        guess = did_you_mean(name, known)
        raise EvaluationError([Problem(
            "error", "unknown-name", f"{what}: no categorical column '{name}'",
            hint=(f"did you mean '{guess}'? " if guess else "") + "expected one of: "
            + ", ".join(known))])

    def abc_summary(self) -> AbcSummary:
        """Per ABC class: clients, client share (over the ranked clients) beside the
        reference, revenue and its share; the unranked clients ("sans CA") apart."""
        inputs = (self.columns["abc"], self.columns["revenue"], self.columns.get("margin"),
                  self.plan.abc, self.ledger)
        if self._abc is not None and all(
                a is b for a, b in zip(self._abc[0], inputs, strict=True)):
            return self._abc[1]
        found = self._abc_summary()
        self._abc = inputs, found
        return found

    def _abc_summary(self) -> AbcSummary:
        abc = self.columns["abc"]
        assert isinstance(abc, Categorical)
        revenue = np.asarray(self.columns["revenue"], dtype=np.float64)
        ranked = abc.codes >= 0
        k = len(abc.categories)
        counts = np.bincount(abc.codes[ranked], minlength=k)
        sums = np.bincount(abc.codes[ranked], weights=revenue[ranked], minlength=k)
        n = max(int(counts.sum()), 1)
        total = float(sums.sum())
        spec = self.plan.abc
        margins: list[float | None] = [None] * k
        margin_shares: list[float | None] = [None] * k
        total_margin: float | None = None
        if spec.measure == "margin":
            margin = np.asarray(self.columns["margin"], dtype=np.float64)
            by_class = np.bincount(abc.codes[ranked], weights=margin[ranked], minlength=k)
            total_margin = float(by_class.sum())
            margins = [float(v) for v in by_class]
            margin_shares = [float(v / total_margin) if total_margin > 0 else 0.0
                             for v in by_class]
        rows = tuple(AbcRow(
            c, int(counts[i]), float(counts[i] / n), float(spec.reference[i]), float(sums[i]),
            float(sums[i] / total) if total > 0 else 0.0, margins[i], margin_shares[i])
            for i, c in enumerate(abc.categories))
        warnings: list[Reason] = []
        if self.n_clients and rows[0].client_share < spec.dependence_threshold and total > 0:
            warnings.append(Reason("dependence", {"label": rows[0].class_,
                                                  "share": rows[0].client_share}))
        return AbcSummary(rows, spec.basis, tuple(spec.effective_cuts), int(counts.sum()),
                          total, int((~ranked).sum()), float(revenue[~ranked].sum()),
                          tuple(warnings), spec.measure, total_margin)

    def rule_summary(self, name: str) -> RuleSummary:
        """Per profile / segment / typology (rule order, then none): clients and revenue.
        ``name`` is ``profile``, ``segment`` or ``typology``."""
        col = self._categorical(name, "rule_summary", tuple(RULE_SECTION_OF))
        if name not in RULE_SECTION_OF:
            guess = did_you_mean(name, RULE_SECTION_OF)
            raise EvaluationError([Problem(
                "error", "unknown-name", f"rule_summary: '{name}' is not a rule column",
                hint=(f"did you mean '{guess}'? " if guess else "") + "expected one of: "
                + ", ".join(RULE_SECTION_OF))])
        if col is None:
            return RuleSummary((), name)
        revenue = np.asarray(self.columns["revenue"], dtype=np.float64)
        k = len(col.categories)
        idx = np.where(col.codes < 0, k, col.codes)
        counts = np.bincount(idx, minlength=k + 1)
        sums = np.bincount(idx, weights=revenue, minlength=k + 1)
        n = max(self.n_clients, 1)
        total = float(revenue.sum())
        section = RULE_SECTION_OF[name]
        rows = []
        for i in range(k + 1):
            if i == k and counts[i] == 0:
                continue
            ident = col.categories[i] if i < k else None
            rows.append(RuleRow(
                ident, self.rule_label(section, ident) if ident else None, int(counts[i]),
                float(counts[i] / n), float(sums[i]), float(sums[i] / total) if total else 0.0))
        return RuleSummary(tuple(rows), name)

    def rule_counts(self, name: str) -> CategoryCounts:
        """Clients and revenue per category of a categorical column (then none, if any)."""
        col = self._categorical(name, "rule_counts")
        if col is None:
            return CategoryCounts((), name)
        counts = col.counts()
        revenue = np.asarray(self.columns["revenue"], np.float64)
        k = len(col.categories)
        sums = np.bincount(np.where(col.codes < 0, k, col.codes), weights=revenue,
                           minlength=k + 1)
        rows = [CategoryCount(c, int(counts[i]), float(sums[i]))
                for i, c in enumerate(col.categories)]
        if counts[k]:
            rows.append(CategoryCount(None, int(counts[k]), float(sums[k])))
        return CategoryCounts(tuple(rows), name)

    def code_distribution(self) -> CodeDistribution:
        """Clients and revenue per RFM code, most recent buyers first (1111 ... 0000)."""
        code = np.asarray(self.columns["code"], dtype=np.int64)
        size = 2 ** self.n_periods
        counts = np.bincount(code, minlength=size)
        sums = np.bincount(code, weights=np.asarray(self.columns["revenue"], np.float64),
                           minlength=size)
        return CodeDistribution(tuple(
            CodeRow(code_to_str(c, self.n_periods), int(counts[c]),
                    float(counts[c] / max(self.n_clients, 1)), float(sums[c]))
            for c in range(size - 1, -1, -1) if counts[c]))

    def score_thresholds(self) -> ScoreThresholds:
        """The cut points used for every score (a value above the k-th cut gets more)."""
        cuts = self.score_cuts
        return ScoreThresholds((
            ScoreThreshold("r", "recency", "lower", tuple(cuts.recency.tolist())),
            ScoreThreshold("f", "frequency", "higher", tuple(cuts.frequency.tolist())),
            ScoreThreshold("m", "monetary", "higher", tuple(cuts.monetary.tolist())),
        ), cuts.scored, cuts.lapsed)

    def crosstab(self, rows: str, cols: str) -> Crosstab:
        """Client counts and revenue of one categorical column against another."""
        a = self._categorical(rows, "crosstab")
        b = self._categorical(cols, "crosstab")
        if a is None or b is None:
            return Crosstab((), (), (), ())
        ka, kb = len(a.categories), len(b.categories)
        ia = np.where(a.codes < 0, ka, a.codes)
        ib = np.where(b.codes < 0, kb, b.codes)
        flat = ia * (kb + 1) + ib
        size = (ka + 1) * (kb + 1)
        counts = np.bincount(flat, minlength=size).reshape(ka + 1, kb + 1)
        revenue = np.bincount(flat, weights=np.asarray(self.columns["revenue"], np.float64),
                              minlength=size).reshape(ka + 1, kb + 1)
        return Crosstab(tuple(a.categories), tuple(b.categories),
                        tuple(tuple(r) for r in counts[:ka, :kb].tolist()),
                        tuple(tuple(r) for r in revenue[:ka, :kb].tolist()))

    def top_clients(self, by: str = "abc", k: int = 5) -> TopClients:
        """The ``k`` best clients by revenue in each category of ``by``."""
        col = self._categorical(by, "top_clients")
        if col is None:
            return TopClients((), by)
        revenue = np.asarray(self.columns["revenue"], dtype=np.float64)
        order = np.argsort(-revenue, kind="stable")
        names = self.ledger.attributes.get("name")
        groups = []
        for i, category in enumerate(col.categories):
            members = order[col.codes[order] == i][:k]
            groups.append(TopGroup(category, tuple(
                ClientRevenue(str(self.ledger.client_ids[j]),
                              None if names is None else _text(names[j]), float(revenue[j]))
                for j in members)))
        return TopClients(tuple(groups), by)

    def priority_clients(self, k: int = 10) -> PriorityClients:
        """IPO/IPA priority-1 clients, highest IPO x IPA first."""
        quadrant = self.columns.get("quadrant")
        if not isinstance(quadrant, Categorical):
            return PriorityClients(())
        ipo = np.asarray(self.columns["ipo"], np.float64)
        ipa = np.asarray(self.columns["ipa"], np.float64)
        members = np.flatnonzero(quadrant.codes == 0)
        members = members[np.argsort(-(ipo[members] * ipa[members]), kind="stable")][:k]
        names = self.ledger.attributes.get("name")
        revenue = np.asarray(self.columns["revenue"], np.float64)
        abc = self.columns["abc"]
        profile = self.columns.get("profile")
        return PriorityClients(tuple(PriorityClient(
            str(self.ledger.client_ids[j]), None if names is None else _text(names[j]),
            float(ipo[j]), float(ipa[j]), float(revenue[j]),
            (abc.categories[abc.codes[j]]
             if isinstance(abc, Categorical) and abc.codes[j] >= 0 else None),
            (self.rule_label("profiles", profile.categories[profile.codes[j]])
             if isinstance(profile, Categorical) and profile.codes[j] >= 0 else None),
        ) for j in members))

    # ------------------------------------------------------- report summaries
    def pareto_summary(self, points: int = 101) -> ParetoSummary:
        """The Pareto (concentration) curve of revenue for charts, where each ABC class ends
        on it (cumulative client and revenue shares) and the cumulative reference split;
        of the margin (of the active clients) when the plan ranks on margin."""
        abc = self.abc_summary()
        margin = abc.measure == "margin"
        values = (abc_values(np.asarray(self.columns["revenue"], dtype=np.float64),
                             np.asarray(self.columns["margin"], dtype=np.float64), "margin")
                  if margin else np.asarray(self.columns["revenue"], dtype=np.float64))
        x, y = pareto_curve(values, points)
        client_ends = np.cumsum([r.client_share for r in abc])
        revenue_ends = np.cumsum([(r.margin_share or 0.0) if margin else r.revenue_share
                                  for r in abc])
        reference_ends = np.cumsum([r.reference for r in abc])
        return ParetoSummary(
            tuple((float(a), float(b)) for a, b in zip(x, y, strict=True)),
            tuple(ParetoClass(r.class_, float(c), float(v))
                  for r, c, v in zip(abc, client_ends, revenue_ends, strict=True)),
            tuple(ParetoReference(r.class_, float(c))
                  for r, c in zip(abc, reference_ends, strict=True)))

    def code_period_revenue(self) -> CodePeriodRevenue:
        """Revenue per RFM code (rows, in the order of :meth:`code_distribution`) and per
        period (columns, oldest first): the code x period matrix behind the RFM heatmap."""
        code = np.asarray(self.columns["code"], dtype=np.int64)
        size = 2 ** self.n_periods
        counts = np.bincount(code, minlength=size)
        rows = []
        for c in range(size - 1, -1, -1):
            if counts[c]:
                members = code == c
                rows.append(CodePeriodRow(
                    code_to_str(c, self.n_periods), int(counts[c]),
                    tuple(self.period_revenue[members].sum(axis=0).tolist())))
        return CodePeriodRevenue(tuple(rows), tuple(self.period_labels))

    def ipo_ipa_points(self) -> IpoIpaPoints | None:
        """Every client with an IPO/IPA score, for the scatter plot (client order), with the
        scale and the grid cuts. None when the plan has no IPO/IPA matrix."""
        spec = self.plan.ipo_ipa
        quadrant = self.columns.get("quadrant")
        if spec is None or not isinstance(quadrant, Categorical):
            return None
        ipo = np.asarray(self.columns["ipo"], np.float64)
        ipa = np.asarray(self.columns["ipa"], np.float64)
        revenue = np.asarray(self.columns["revenue"], np.float64)
        names = self.ledger.attributes.get("name")
        abc = self.columns["abc"]
        assert isinstance(abc, Categorical)
        points = tuple(IpoIpaPoint(
            str(self.ledger.client_ids[j]), None if names is None else _text(names[j]),
            float(ipo[j]), float(ipa[j]), quadrant.categories[quadrant.codes[j]],
            abc.categories[abc.codes[j]] if abc.codes[j] >= 0 else None, float(revenue[j]),
        ) for j in np.flatnonzero(quadrant.codes >= 0).tolist())
        return IpoIpaPoints(points, (float(spec.scale.min), float(spec.scale.max)),
                            float(spec.ipo_threshold), float(spec.ipa_threshold))

    def portfolio_matrix(self) -> PortfolioMatrix | None:
        """The portfolio crosstab (revenue class x potential class: clients and revenue) with
        the zone of each cell (:func:`pacspec.engine.portfolio.zone_of`). None when the plan
        has no portfolio."""
        if "zone" not in self.columns:
            return None
        m = self.crosstab("revenue_class", "potential_class")
        last = len(m.rows) - 1
        zones = tuple(tuple(zone_of(i, j, last) for j in range(len(m.cols)))
                      for i in range(len(m.rows)))
        return PortfolioMatrix(m.rows, m.cols, m.clients, m.revenue, zones)

    def portfolio_zones(self) -> PortfolioZones | None:
        """Per portfolio zone and for the whole portfolio: clients, revenue, and over the
        clients with a stated positive potential, the penetration rate (their revenue /
        their potential), the reste à gagner (sum of ``max(0, potential - revenue)``) and
        the count above their potential. None when the plan has no portfolio."""
        zone = self.columns.get("zone")
        if not isinstance(zone, Categorical):
            return None
        revenue = np.asarray(self.columns["revenue"], np.float64)
        potential = np.asarray(self.columns["potential"], np.float64)
        stated = potential > 0

        def row(name: str, members: np.ndarray) -> ZoneRow:
            known = members & stated
            pot = float(potential[known].sum())
            rev = float(revenue[known].sum())
            return ZoneRow(name, int(members.sum()), float(revenue[members].sum()),
                           int(known.sum()), pot, rev / pot if pot > 0 else None,
                           float(np.maximum(potential[known] - revenue[known], 0.0).sum()),
                           int((known & (revenue > potential)).sum()))

        rows = [row(z, zone.codes == i) for i, z in enumerate(zone.categories)]
        rows.append(row("total", np.ones(self.n_clients, dtype=bool)))
        return PortfolioZones(tuple(rows))

    def client_names(self, ids: Sequence[object]) -> ClientNames:
        """The name of each client id (None when the register has none or the client is
        not in the data), with whether the client is known."""
        index = self.ledger.index_of(list(ids)) if ids else np.empty(0, np.int64)
        names = self.ledger.attributes.get("name")
        return ClientNames(tuple(
            ClientName(str(cid), bool(j >= 0),
                       None if names is None or j < 0 else _text(names[int(j)]))
            for cid, j in zip(ids, index.tolist(), strict=True)))


def _short_reprs() -> None:
    for value in list(globals().values()):
        if isinstance(value, type) and issubclass(value, Rows):
            setattr(value, "__repr__", Rows._short_repr)  # noqa: B010 (after @dataclass)


_short_reprs()


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise EvaluationError([Problem(
            "error", "missing-dependency", f"{module} is not installed",
            hint=f"pip install '{extra}'" if "[" in extra else f"pip install {extra}")]) from None


def _text(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return str(value)
