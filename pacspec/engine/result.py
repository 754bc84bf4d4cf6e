"""The result of an evaluation: the per-client table and its summaries (numbers and ids;
renderers put them into words)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from pacspec.diagnostics import EvaluationError, Problem
from pacspec.engine.abc import pareto_curve
from pacspec.engine.aggregate import NO_DAY, code_to_str
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
    """The quantile cut points behind each RFM score (they reproduce the scores)."""

    bins: int
    recency: np.ndarray
    frequency: np.ndarray
    monetary: np.ndarray


#: Columns of the per-client table, in output order (those the plan computes).
TABLE_COLUMNS: tuple[str, ...] = (
    "client", "name", "typology", "revenue", "orders", "units", "history_revenue",
    "first_purchase", "last_purchase", "recency", "code", "r", "f", "m", "abc", "segment",
    "profile", "ipo", "ipa", "quadrant", "potential", "potential_class", "zone",
)  # fmt: skip


@dataclass
class Evaluation:
    """A plan evaluated against client data at ``as_of``."""

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

    # ------------------------------------------------------------------ basics
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
            raise EvaluationError([Problem(
                "error", "no-column", f"no column '{name}' in this evaluation",
                hint="available: " + ", ".join(self.columns))]) from None

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
    def abc_summary(self) -> dict[str, Any]:
        """Per ABC class: clients, client share beside the reference, revenue and its share."""
        abc = self.columns["abc"]
        assert isinstance(abc, Categorical)
        revenue = np.asarray(self.columns["revenue"], dtype=np.float64)
        counts = np.bincount(abc.codes, minlength=len(abc.categories))
        sums = np.bincount(abc.codes, weights=revenue, minlength=len(abc.categories))
        n = max(int(counts.sum()), 1)
        total = float(sums.sum())
        spec = self.plan.abc
        rows = [
            {"class": c, "clients": int(counts[i]), "client_share": counts[i] / n,
             "reference": spec.reference[i], "revenue": float(sums[i]),
             "revenue_share": (sums[i] / total) if total > 0 else 0.0}
            for i, c in enumerate(abc.categories)
        ]
        warnings = []
        if self.n_clients and rows[0]["client_share"] < spec.dependence_threshold and total > 0:
            warnings.append(Reason("dependence", {"label": rows[0]["class"],
                                                  "share": rows[0]["client_share"]}))
        return {"basis": spec.basis, "cuts": spec.effective_cuts, "rows": rows,
                "total_clients": int(counts.sum()), "total_revenue": total,
                "warnings": warnings}

    def rule_summary(self, name: str) -> list[dict[str, Any]]:
        """Per profile / segment / typology (rule order, then none): clients and revenue."""
        col = self.columns.get(name)
        if not isinstance(col, Categorical):
            return []
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
            rows.append({
                "id": ident,
                "label": self.rule_label(section, ident) if ident else None,
                "clients": int(counts[i]), "client_share": counts[i] / n,
                "revenue": float(sums[i]), "revenue_share": (sums[i] / total) if total else 0.0,
            })
        return rows

    def code_distribution(self) -> list[dict[str, Any]]:
        """Clients and revenue per RFM code, most recent buyers first (1111 ... 0000)."""
        code = np.asarray(self.columns["code"], dtype=np.int64)
        size = 2 ** self.n_periods
        counts = np.bincount(code, minlength=size)
        sums = np.bincount(code, weights=np.asarray(self.columns["revenue"], np.float64),
                           minlength=size)
        rows = []
        for c in range(size - 1, -1, -1):
            if counts[c]:
                rows.append({"code": code_to_str(c, self.n_periods), "clients": int(counts[c]),
                             "client_share": counts[c] / max(self.n_clients, 1),
                             "revenue": float(sums[c])})
        return rows

    def score_thresholds(self) -> list[dict[str, Any]]:
        """The cut points used for every score (a value above the k-th cut gets more)."""
        cuts = self.score_cuts
        return [
            {"score": "r", "metric": "recency", "better": "lower", "cuts": cuts.recency.tolist()},
            {"score": "f", "metric": "frequency", "better": "higher",
             "cuts": cuts.frequency.tolist()},
            {"score": "m", "metric": "monetary", "better": "higher",
             "cuts": cuts.monetary.tolist()},
        ]

    def crosstab(self, rows: str, cols: str) -> dict[str, Any]:
        """Client counts and revenue of one categorical column against another."""
        a, b = self.columns.get(rows), self.columns.get(cols)
        if not isinstance(a, Categorical) or not isinstance(b, Categorical):
            return {"rows": [], "cols": [], "clients": [], "revenue": []}
        ka, kb = len(a.categories), len(b.categories)
        ia = np.where(a.codes < 0, ka, a.codes)
        ib = np.where(b.codes < 0, kb, b.codes)
        flat = ia * (kb + 1) + ib
        size = (ka + 1) * (kb + 1)
        counts = np.bincount(flat, minlength=size).reshape(ka + 1, kb + 1)
        revenue = np.bincount(flat, weights=np.asarray(self.columns["revenue"], np.float64),
                              minlength=size).reshape(ka + 1, kb + 1)
        return {"rows": list(a.categories), "cols": list(b.categories),
                "clients": counts[:ka, :kb].tolist(), "revenue": revenue[:ka, :kb].tolist()}

    def top_clients(self, by: str = "abc", k: int = 5) -> list[dict[str, Any]]:
        """The ``k`` best clients by revenue in each category of ``by``."""
        col = self.columns.get(by)
        if not isinstance(col, Categorical):
            return []
        revenue = np.asarray(self.columns["revenue"], dtype=np.float64)
        order = np.argsort(-revenue, kind="stable")
        names = self.ledger.attributes.get("name")
        out = []
        for i, category in enumerate(col.categories):
            members = order[col.codes[order] == i][:k]
            out.append({"category": category, "clients": [
                {"client": str(self.ledger.client_ids[j]),
                 "name": None if names is None else _text(names[j]),
                 "revenue": float(revenue[j])} for j in members]})
        return out

    def priority_clients(self, k: int = 10) -> list[dict[str, Any]]:
        """IPO/IPA priority-1 clients, highest IPO x IPA first."""
        quadrant = self.columns.get("quadrant")
        if not isinstance(quadrant, Categorical):
            return []
        ipo = np.asarray(self.columns["ipo"], np.float64)
        ipa = np.asarray(self.columns["ipa"], np.float64)
        members = np.flatnonzero(quadrant.codes == 0)
        members = members[np.argsort(-(ipo[members] * ipa[members]), kind="stable")][:k]
        names = self.ledger.attributes.get("name")
        revenue = np.asarray(self.columns["revenue"], np.float64)
        abc = self.columns["abc"]
        profile = self.columns.get("profile")
        return [{
            "client": str(self.ledger.client_ids[j]),
            "name": None if names is None else _text(names[j]),
            "ipo": float(ipo[j]), "ipa": float(ipa[j]), "revenue": float(revenue[j]),
            "abc": abc.categories[abc.codes[j]] if isinstance(abc, Categorical) else None,
            "profile": (self.rule_label("profiles", profile.categories[profile.codes[j]])
                        if isinstance(profile, Categorical) and profile.codes[j] >= 0 else None),
        } for j in members]

    def rule_counts(self, name: str) -> list[dict[str, Any]]:
        col = self.columns[name]
        assert isinstance(col, Categorical)
        counts = col.counts()
        revenue = np.asarray(self.columns["revenue"], np.float64)
        k = len(col.categories)
        sums = np.bincount(np.where(col.codes < 0, k, col.codes), weights=revenue,
                           minlength=k + 1)
        return [{"id": c, "clients": int(counts[i]), "revenue": float(sums[i])}
                for i, c in enumerate(col.categories)] + (
            [{"id": None, "clients": int(counts[k]), "revenue": float(sums[k])}]
            if counts[k] else [])


    # ------------------------------------------------------- report summaries
    def pareto_summary(self, points: int = 101) -> dict[str, Any]:
        """The Pareto (concentration) curve of revenue for charts, where each ABC class ends
        on it (cumulative client and revenue shares) and the cumulative reference split."""
        x, y = pareto_curve(np.asarray(self.columns["revenue"], dtype=np.float64), points)
        abc = self.abc_summary()
        client_ends = np.cumsum([r["client_share"] for r in abc["rows"]])
        revenue_ends = np.cumsum([r["revenue_share"] for r in abc["rows"]])
        reference_ends = np.cumsum([r["reference"] for r in abc["rows"]])
        return {
            "points": [[float(a), float(b)] for a, b in zip(x, y, strict=True)],
            "classes": [{"class": r["class"], "client_share": float(c), "revenue_share": float(v)}
                        for r, c, v in zip(abc["rows"], client_ends, revenue_ends, strict=True)],
            "reference": [{"class": r["class"], "client_share": float(c)}
                          for r, c in zip(abc["rows"], reference_ends, strict=True)],
        }

    def code_period_revenue(self) -> dict[str, Any]:
        """Revenue per RFM code (rows, in the order of :meth:`code_distribution`) and per
        period (columns, oldest first): the code x period matrix behind the RFM heatmap."""
        code = np.asarray(self.columns["code"], dtype=np.int64)
        size = 2 ** self.n_periods
        counts = np.bincount(code, minlength=size)
        rows = []
        for c in range(size - 1, -1, -1):
            if counts[c]:
                members = code == c
                rows.append({"code": code_to_str(c, self.n_periods), "clients": int(counts[c]),
                             "revenue": self.period_revenue[members].sum(axis=0).tolist()})
        return {"periods": list(self.period_labels), "rows": rows}

    def ipo_ipa_points(self) -> dict[str, Any]:
        """Every client with an IPO/IPA score, for the scatter plot (client order), with the
        scale and the grid cuts. Empty when the plan has no IPO/IPA matrix."""
        spec = self.plan.ipo_ipa
        quadrant = self.columns.get("quadrant")
        if spec is None or not isinstance(quadrant, Categorical):
            return {}
        ipo = np.asarray(self.columns["ipo"], np.float64)
        ipa = np.asarray(self.columns["ipa"], np.float64)
        revenue = np.asarray(self.columns["revenue"], np.float64)
        names = self.ledger.attributes.get("name")
        abc = self.columns["abc"]
        assert isinstance(abc, Categorical)
        points = [{
            "client": str(self.ledger.client_ids[j]),
            "name": None if names is None else _text(names[j]),
            "ipo": float(ipo[j]), "ipa": float(ipa[j]),
            "quadrant": quadrant.categories[quadrant.codes[j]],
            "abc": abc.categories[abc.codes[j]], "revenue": float(revenue[j]),
        } for j in np.flatnonzero(quadrant.codes >= 0).tolist()]
        return {"scale": [spec.scale.min, spec.scale.max],
                "thresholds": {"ipo": spec.ipo_threshold, "ipa": spec.ipa_threshold},
                "points": points}

    def portfolio_matrix(self) -> dict[str, Any]:
        """The portfolio crosstab (revenue class x potential class: clients and revenue) with
        the zone of each cell: core on the first revenue class, development on the first
        potential class, no visits for prospects (the last revenue class), economic else.
        Empty when the plan has no portfolio."""
        if "zone" not in self.columns:
            return {}
        matrix = self.crosstab("revenue_class", "potential_class")
        last = len(matrix["rows"]) - 1
        matrix["zones"] = [[
            "core" if i == 0 else "development" if j == 0 else "no_visit" if i == last
            else "economic" for j in range(len(matrix["cols"]))] for i in range(len(matrix["rows"]))]
        return matrix

    def client_names(self, ids: Sequence[object]) -> list[dict[str, Any]]:
        """``{"client", "name", "known"}`` for each client id (the name is None when the
        register has none or the client is not in the data)."""
        index = self.ledger.index_of(list(ids)) if ids else np.empty(0, np.int64)
        names = self.ledger.attributes.get("name")
        return [{"client": str(cid), "known": bool(j >= 0),
                 "name": None if names is None or j < 0 else _text(names[int(j)])}
                for cid, j in zip(ids, index.tolist(), strict=True)]


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
