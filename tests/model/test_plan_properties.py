"""Property tests (hypothesis): valid plans survive a YAML round trip; mangled plan files
never crash `pacspec validate`; starter plans validate whatever the company name."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
import string
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLE_PLAN, PLANS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec import Plan, lint, load_plan_text
from pacspec.cli import main
from pacspec.model.actions import SUBTYPES
from pacspec.model.steering import Metric
from pacspec.starter import starter_plan
from pacspec.yamlio import dump_yaml

SETTINGS = settings(
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# ------------------------------------------------------------------------ plan strategies

# Any text, including what YAML must quote or escape (": ", " #", "yes", "01000",
# "2026-01-01", control characters, line separators); never lone surrogates.
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
SOME_TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12)
TRICKY = st.sampled_from(
    ["yes", "NO", "off", "01000", "2026-01-01", "1_000", "0x1F", "~", "null", ": x", "a #b",
     "- a", "[a]", "{a: 1}", "'q'", '"q"', "*x", "&x", "!tag", "%p", "@a", "`b", "\t", "\x85",
     "\u2028", "\ufeff", " lead", "trail ", "", "true", ".inf", "1e3", "+1", ".5"]
)  # fmt: skip
ANY_TEXT = st.one_of(TEXT, TRICKY)
ANY_SOME_TEXT = st.one_of(SOME_TEXT, TRICKY.filter(bool))
SLUG = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,10}", fullmatch=True)
LABEL = st.one_of(
    ANY_TEXT,
    st.dictionaries(st.sampled_from(["fr", "en"]), ANY_TEXT, min_size=1),
)
NUMBER = st.one_of(
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
)
MONEY = st.one_of(st.integers(0, 10**7), st.floats(0, 1e9, allow_nan=False))
DAY = st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31))
METRICS: tuple[str, ...] = Metric.__args__  # type: ignore[attr-defined]


def unique_by_id(items: st.SearchStrategy[dict[str, Any]], max_size: int = 3) -> Any:
    return st.lists(items, max_size=max_size, unique_by=lambda item: item["id"])


def optional(draw: st.DrawFn, out: dict[str, Any], key: str, strategy: Any) -> None:
    """Set ``out[key]`` to a drawn value, or leave the key out."""
    if draw(st.booleans()):
        out[key] = draw(strategy)


@st.composite
def numeric_test(draw: st.DrawFn) -> Any:
    if draw(st.booleans()):
        return draw(NUMBER)  # shorthand for eq
    out: dict[str, Any] = {}
    for key in ("eq", "gt", "gte", "lt", "lte"):
        optional(draw, out, key, NUMBER)
    if draw(st.booleans()) or not out:
        low, high = sorted([draw(NUMBER), draw(NUMBER)])
        out["between"] = [low, high]
    return out


SET_VALUE = st.one_of(ANY_SOME_TEXT, st.integers(-100, 100))


@st.composite
def set_test(draw: st.DrawFn) -> Any:
    kind = draw(st.sampled_from(["bare", "list", "in", "not_in", "both"]))
    if kind == "bare":
        return draw(SET_VALUE)
    values = draw(st.lists(SET_VALUE, min_size=1, max_size=3))
    if kind == "list":
        return values
    if kind == "both":
        return {"in": values, "not_in": draw(st.lists(SET_VALUE, max_size=2))}
    return {kind: values}


def code_pattern(n: int) -> st.SearchStrategy[str]:
    return st.text(st.sampled_from("01?"), min_size=n, max_size=n)


@st.composite
def condition(draw: st.DrawFn, n_periods: int, depth: int = 1) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        patterns = draw(st.lists(code_pattern(n_periods), min_size=1, max_size=3))
        out["code"] = patterns[0] if len(patterns) == 1 and draw(st.booleans()) else patterns
    for flag in ("new", "bought_before_window", "prospect"):
        optional(draw, out, flag, st.booleans())
    for name in draw(st.lists(st.sampled_from(["recency", "revenue", "r", "f", "m", "ipo"]),
                              max_size=2, unique=True)):  # fmt: skip
        out[name] = draw(numeric_test())
    for name in draw(st.lists(st.sampled_from(["abc", "profile", "client", "zone"]),
                              max_size=2, unique=True)):  # fmt: skip
        out[name] = draw(set_test())
    if draw(st.booleans()):
        attr = st.one_of(set_test(), st.fixed_dictionaries({"gte": NUMBER}),
                         st.fixed_dictionaries({"eq": ANY_SOME_TEXT}))  # fmt: skip
        out["attributes"] = draw(st.dictionaries(ANY_SOME_TEXT, attr, min_size=1, max_size=2))
    if depth > 0 and draw(st.booleans()):
        key = draw(st.sampled_from(["any", "all", "not"]))
        sub = condition(n_periods, depth - 1)
        out[key] = draw(sub) if key == "not" else draw(st.lists(sub, min_size=1, max_size=2))
    return out


@st.composite
def rule(draw: st.DrawFn, n_periods: int) -> dict[str, Any]:
    out: dict[str, Any] = {"id": draw(SLUG)}
    optional(draw, out, "label", LABEL)
    optional(draw, out, "description", ANY_TEXT)
    optional(draw, out, "when", condition(n_periods))
    return out


@st.composite
def kpi(draw: st.DrawFn, n_periods: int, objective: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": draw(SLUG),
        "metric": draw(st.sampled_from(METRICS)),
        "target": draw(NUMBER),
    }
    if objective:
        out["text"] = draw(ANY_SOME_TEXT)
    if out["metric"] == "manual":  # a typed value, a number or dated readings
        out["readings"] = draw(st.one_of(NUMBER, st.just([{"on": "2000-03-31", "value": 7.5},
                                                           {"on": "2000-06-30", "value": 8}])))
    optional(draw, out, "label", LABEL)
    optional(draw, out, "direction", st.sampled_from(["higher", "lower"]))
    if draw(st.booleans()):
        orange = draw(st.floats(0.01, 1.0))
        gap = draw(st.floats(0, 1))
        # for a lower-is-better KPI the orange band sits above the green one
        out["bands"] = ({"orange": orange + gap, "green": orange}
                        if out.get("direction") == "lower"
                        else {"orange": orange, "green": orange + gap})
    optional(draw, out, "scope", condition(n_periods, 0))
    return out


@st.composite
def emoff(draw: st.DrawFn) -> dict[str, Any]:
    ids = iter(draw(st.lists(SLUG, min_size=8, max_size=8, unique=True)))
    out: dict[str, Any] = {}
    optional(draw, out, "environment", ANY_TEXT)
    fact_ids: list[str] = []
    for kind in ("threats", "opportunities", "strengths", "weaknesses"):
        facts: list[dict[str, Any]] = []
        for _ in range(draw(st.integers(0, 2))):
            fact: dict[str, Any] = {"id": next(ids), "text": draw(ANY_SOME_TEXT)}
            optional(draw, fact, "weight", st.integers(1, 5))
            optional(draw, fact, "source", ANY_TEXT)
            facts.append(fact)
            fact_ids.append(fact["id"])
        if draw(st.booleans()) or facts:
            out[kind] = facts
    if fact_ids:
        strategies: dict[str, Any] = {}
        for crossing in draw(st.lists(st.sampled_from(["so", "st", "wo", "wt"]), unique=True)):
            strategies[crossing] = [
                {
                    "id": f"{crossing}-{i}",
                    "text": draw(ANY_SOME_TEXT),
                    "uses": draw(st.lists(st.sampled_from(fact_ids), min_size=1, max_size=3)),
                }
                for i in range(draw(st.integers(1, 2)))
            ]
        out["strategies"] = strategies
    return out


@st.composite
def action(draw: st.DrawFn, start: dt.date, n_periods: int, strategies: list[str],
           typologies: list[str]) -> dict[str, Any]:  # fmt: skip
    kind = draw(st.sampled_from(["commercial", "internal"]))
    out: dict[str, Any] = {
        "id": draw(SLUG),
        "title": draw(ANY_SOME_TEXT),
        "type": kind,
        "subtype": draw(st.sampled_from(SUBTYPES[kind])),
        "priority": draw(st.integers(1, 5)),
        "owner": draw(ANY_SOME_TEXT),
    }
    action_start = draw(st.one_of(st.none(), st.dates(start, start + dt.timedelta(days=400))))
    if action_start is not None:
        out["start"] = action_start.isoformat()
    first_due = action_start or start - dt.timedelta(days=60)
    due = draw(st.dates(first_due, first_due + dt.timedelta(days=900)))
    if draw(st.booleans()):
        out["due"] = due.isoformat()
    else:  # YYYY-MM: the end of that month, never before the start
        out["due"] = f"{due.year:04d}-{due.month:02d}"
    if typologies:
        optional(draw, out, "typology", st.sampled_from(typologies))
    optional(draw, out, "target", condition(n_periods))
    if strategies:
        out["strategies"] = draw(st.lists(st.sampled_from(strategies), max_size=2))
    out["steps"] = draw(st.lists(ANY_TEXT, max_size=3))
    optional(draw, out, "participants", st.lists(ANY_TEXT, max_size=3))
    optional(draw, out, "progress", st.one_of(st.integers(0, 100), st.floats(0, 100)))
    optional(draw, out, "budget", MONEY)
    optional(draw, out, "comments", ANY_TEXT)
    optional(draw, out, "current_revenue", MONEY)
    if draw(st.booleans()):
        out["target_revenue"] = draw(MONEY)
    else:
        optional(draw, out, "growth", st.floats(-0.99, 10))
    optional(draw, out, "results", ANY_TEXT)
    optional(draw, out, "spent", MONEY)
    optional(draw, out, "meetings", st.integers(0, 1000))
    if draw(st.booleans()):
        workload: dict[str, Any] = {"visits_per_month": draw(st.floats(0, 30))}
        optional(draw, workload, "days_per_month", st.integers(0, 30))
        if draw(st.booleans()):
            first = draw(DAY)
            workload["from"] = first.isoformat()
            workload["to"] = (first + dt.timedelta(days=draw(st.integers(0, 300)))).isoformat()
        optional(draw, workload, "who", st.lists(ANY_TEXT, max_size=2))
        out["workload"] = workload
    return out


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    """Plan-shaped dicts that the model accepts."""
    start = draw(DAY)
    n_periods = draw(st.integers(1, 6))
    header: dict[str, Any] = {
        "company": draw(ANY_SOME_TEXT),
        "business_unit": draw(ANY_SOME_TEXT),
        "budget_year": draw(st.integers(1900, 2999)),
        "plan_start": start.isoformat(),
    }
    if draw(st.booleans()):
        header["plan_end"] = (start + dt.timedelta(days=draw(st.integers(1, 800)))).isoformat()
    optional(draw, header, "vision", ANY_TEXT)
    optional(draw, header, "currency", st.sampled_from(["EUR", "USD", "CHF"]))
    optional(draw, header, "author", ANY_TEXT)
    optional(draw, header, "objectives", unique_by_id(kpi(n_periods, objective=True), 2))
    plan: dict[str, Any] = {"pacspec": 1, "header": header}
    optional(draw, plan, "locale", st.sampled_from(["fr", "en"]))
    strategies: list[str] = []
    if draw(st.booleans()):
        plan["emoff"] = draw(emoff())
        for items in plan["emoff"].get("strategies", {}).values():
            strategies += [s["id"] for s in items]
    if draw(st.booleans()):
        plan["ipo_ipa"] = {
            "scale": {"min": 0, "max": 10},
            "ipo": [{"id": "size", "label": draw(LABEL), "weight": draw(st.floats(0.1, 5))}],
            "ipa": [{"id": "relation", "label": draw(LABEL)}],
            "thresholds": {"ipo": draw(st.floats(0, 10))},
            "notes": draw(st.dictionaries(ANY_SOME_TEXT, st.fixed_dictionaries(
                {"size": st.floats(0, 10)}), max_size=2)),
        }  # fmt: skip
    if draw(st.booleans()):
        basis = draw(st.sampled_from(["revenue", "clients"]))
        plan["abc"] = {"basis": basis}
        if draw(st.booleans()):
            plan["abc"] |= {"cuts": [0.5, 0.9], "labels": ["X", "Y", "Z"],
                            "reference": [0.25, 0.25, 0.5]}  # fmt: skip
    if draw(st.booleans()):
        high = draw(st.integers(1, 10**6))
        plan["portfolio"] = {"attribute": draw(SOME_TEXT), "thresholds": [high, high - 1]}
    plan["rfm"] = {"periods": {"unit": draw(st.sampled_from(["month", "quarter", "half",
                                                             "year"])),
                               "count": n_periods,
                               "include_current": draw(st.booleans())},
                   "frequency": draw(st.sampled_from(["orders", "days"])),
                   "scores": {"bins": draw(st.integers(2, 10))}}  # fmt: skip
    optional(draw, plan, "profiles", unique_by_id(rule(n_periods), 4))
    optional(draw, plan, "segments", unique_by_id(rule(n_periods), 3))
    typologies = draw(
        unique_by_id(
            st.fixed_dictionaries(
                {"id": SLUG, "label": LABEL}, optional={"when": condition(n_periods, 0)}
            ),
            3,
        )
    )
    if typologies:
        plan["typologies"] = typologies
    plan["actions"] = draw(st.lists(
        action(start, n_periods, strategies, [t["id"] for t in typologies]),
        max_size=4, unique_by=lambda a: a["id"]))  # fmt: skip
    if draw(st.booleans()):
        budget: dict[str, Any] = {}
        optional(draw, budget, "total", MONEY)
        optional(
            draw,
            budget,
            "by_type",
            st.dictionaries(st.sampled_from(["commercial", "internal"]), MONEY, max_size=2),
        )
        optional(
            draw,
            budget,
            "by_horizon",
            st.dictionaries(st.sampled_from(["short", "medium", "long"]), MONEY, max_size=2),
        )
        optional(draw, budget, "by_owner", st.dictionaries(ANY_SOME_TEXT, MONEY, max_size=2))
        optional(draw, budget, "by_priority", st.dictionaries(
            st.integers(1, 5), MONEY, max_size=2))  # fmt: skip
        plan["budget"] = budget
    if draw(st.booleans()):
        plan["steering"] = {
            "kpis": draw(unique_by_id(kpi(n_periods, objective=False), 2)),
            "revenue_tolerance": draw(st.floats(0, 1)),
            "allow_overlap": draw(st.booleans()),
        }
    return plan


def dumped(plan: Plan) -> dict[str, Any]:
    return plan.model_dump(mode="json", by_alias=True)


@settings(SETTINGS, max_examples=40)
@given(plans())
def test_valid_plans_survive_a_yaml_round_trip(data: dict[str, Any]) -> None:
    before = Plan.model_validate(data)
    # the plan as written by hand (shorthands and all)...
    after = load_plan_text(dump_yaml(data), source="generated.pac.yaml").plan
    assert dumped(after) == dumped(before)
    # ...and the model's own dump, every default spelled out
    again = load_plan_text(dump_yaml(dumped(before)), source="dumped.pac.yaml")
    assert dumped(again.plan) == dumped(before)
    # lint has something to say or not, but never fails
    for problem in lint(again):
        assert problem.line is not None or problem.code == "coverage-skipped"


# ------------------------------------------------------------ mangled example plan files

EXAMPLE_TEXT = EXAMPLE_PLAN.read_text(encoding="utf-8")
EXAMPLE_LINES = EXAMPLE_TEXT.splitlines(keepends=True)
# a value of a block mapping ("key: value"), which swapping exchanges with another one
VALUE_RE = re.compile(r"^ *(?:- )?[\w-]+: +([^\s{\[#][^\n#]*?) *$", re.M)


@pytest.fixture(scope="module")
def mangle_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of plans/ (the example plan includes rules/...)."""
    folder = tmp_path_factory.mktemp("mangled")
    shutil.copytree(PLANS / "rules", folder / "rules")
    return folder


def _delete_line(text: bytes, index: int, _: Any) -> bytes:
    lines = text.splitlines(keepends=True)
    if lines:
        del lines[index % len(lines)]
    return b"".join(lines)


def _duplicate_line(text: bytes, index: int, _: Any) -> bytes:
    lines = text.splitlines(keepends=True)
    if lines:
        i = index % len(lines)
        lines.insert(i, lines[i])
    return b"".join(lines)


def _swap_values(text: bytes, index: int, other: Any) -> bytes:
    source = text.decode("utf-8", "replace")
    spans = [m.span(1) for m in VALUE_RE.finditer(source)]
    if len(spans) < 2:
        return text
    (a0, a1), (b0, b1) = sorted([spans[index % len(spans)], spans[int(other) % len(spans)]])
    if a1 > b0:
        return text
    swapped = source[:a0] + source[b0:b1] + source[a1:b0] + source[a0:a1] + source[b1:]
    return swapped.encode("utf-8")


def _insert_garbage(text: bytes, index: int, garbage: Any) -> bytes:
    i = index % (len(text) + 1)
    return text[:i] + bytes(garbage) + text[i:]


def _truncate(text: bytes, index: int, _: Any) -> bytes:
    return text[: index % (len(text) + 1)]


def _reindent(text: bytes, index: int, delta: Any) -> bytes:
    lines = text.splitlines(keepends=True)
    if not lines:
        return text
    i = index % len(lines)
    line = lines[i]
    if int(delta) > 0:
        lines[i] = b" " * int(delta) + line
    else:
        indent = len(line) - len(line.lstrip(b" "))
        lines[i] = line[min(-int(delta), indent) :]
    return b"".join(lines)


MUTATIONS = st.one_of(
    st.tuples(st.just(_delete_line), st.integers(0, 10**6), st.none()),
    st.tuples(st.just(_duplicate_line), st.integers(0, 10**6), st.none()),
    st.tuples(st.just(_swap_values), st.integers(0, 10**6), st.integers(0, 10**6)),
    st.tuples(st.just(_insert_garbage), st.integers(0, 10**6),
              st.one_of(st.binary(min_size=1, max_size=6),
                        st.text(string.printable, min_size=1, max_size=6).map(str.encode))),
    st.tuples(st.just(_truncate), st.integers(0, 10**6), st.none()),
    st.tuples(st.just(_reindent), st.integers(0, 10**6), st.sampled_from([-4, -2, -1, 1, 2, 3])),
)  # fmt: skip


@settings(SETTINGS, max_examples=100)
@given(st.lists(MUTATIONS, min_size=1, max_size=3))
def test_mangled_plan_files_never_crash_validate(
    mangle_dir: Path, mutations: list[tuple[Any, int, Any]]
) -> None:
    text = EXAMPLE_TEXT.encode("utf-8")
    for mutate, index, arg in mutations:
        text = mutate(text, index, arg)
    path = mangle_dir / "mangled.pac.yaml"
    path.write_bytes(text)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(path)])
    assert code in (0, 1, 2), (code, err.getvalue())
    assert "internal error" not in err.getvalue()
    said = out.getvalue() + err.getvalue()
    if code == 0:  # clean, or warnings and notes only
        assert "error[" not in said
    else:
        assert "error[" in said


def test_mutations_change_the_text() -> None:
    text = EXAMPLE_TEXT.encode("utf-8")
    assert len(VALUE_RE.findall(EXAMPLE_TEXT)) > 50
    assert _swap_values(text, 0, 1) != text
    assert _reindent(text, 20, 2) != text
    assert _delete_line(text, 3, None) != text


# ------------------------------------------------------------------------- starter plans


@settings(SETTINGS, max_examples=40)
@given(company=st.text(max_size=30), locale=st.sampled_from(["fr", "en"]))
def test_starter_plan_validates_for_any_company_name(company: str, locale: str) -> None:
    loaded = load_plan_text(starter_plan(company, locale, year=2026), source="start.pac.yaml")
    assert lint(loaded) == []
    written = loaded.plan.header.company
    if company.strip():
        expected = "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in company)
        if locale == "en" and company == "Mon entreprise":
            expected = "My company"
        assert written == expected
    else:
        assert written == {"fr": "Mon entreprise", "en": "My company"}[locale]
