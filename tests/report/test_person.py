"""One person's document (issue 10 item 5): ``pacspec report --owner SED1`` and
``--commercial NAME``, one mechanism (:mod:`pacspec.engine.scope`), in every format. The
references are computed here from the plan and the register file by hand (csv, pandas-free
sums), not read back from the code under test."""

from __future__ import annotations

import csv
import datetime as dt
import html
import shutil
from functools import lru_cache
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN, REPO, run_main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from report_helpers import STEERING_AS_OF, example_session

from pacspec.engine.scope import Scope
from pacspec.engine.steering import SteeringResult
from pacspec.report.document import Document, Paragraph, Section, Table, build_document
from pacspec.report.markdown import render_markdown

PLAN = EXAMPLE_PLAN.relative_to(REPO).as_posix()
PERSONAL = {"header", "abc", "profiles", "pac-table", "steering"}
"""The sections a document for one person fills; every other one is one line."""


@lru_cache(maxsize=1)
def register() -> dict[str, str]:
    """client id -> salesperson, read from the register file as the plan maps it."""
    with (REPO / "plans" / "data" / "clients.csv").open(encoding="utf-8-sig") as fh:
        return {row["client"]: row["owner"] for row in csv.DictReader(fh, delimiter=";")}


@lru_cache(maxsize=8)
def steering_at(as_of: dt.date) -> SteeringResult:
    return example_session().steer(as_of)


def document(as_of: dt.date, *, owner: str | None = None, commercial: str | None = None,
             fmt: str | None = None) -> tuple[Document, Scope | None]:
    session = example_session()
    steering = steering_at(as_of)
    scope = (session.scope(owner=owner, commercial=commercial, steering=steering)
             if owner or commercial else None)
    ev = session.evaluate(as_of)
    return build_document(ev, steering=steering, fmt=fmt, scope=scope), scope


def _listed(section: Section, table_id: str) -> set[str]:
    return {r.key for r in section.table(table_id).data_rows if r.key is not None}


def _column(table: Table, key: str) -> dict[str, object]:
    j = [c.key for c in table.columns].index(key)
    return {r.key: r.cells[j].value for r in table.data_rows if r.key is not None}


# ------------------------------------------------------------------------------ owner
def test_an_owner_document_is_his_whole_document() -> None:
    doc, scope = document(STEERING_AS_OF, owner="SED3")
    assert scope is not None
    plan = example_session().plan
    mine = [a.id for a in plan.actions if a.owner == "SED3"]
    targeted = {c for a in example_session().actions().actions if a.owner == "SED3"
                for c in a.client_ids}
    header = doc.section("header")
    lead = header.blocks[0]
    assert isinstance(lead, Paragraph) and lead.style == "lead"
    assert lead.text.startswith("Document de SED3 (responsable d'actions)")
    assert f"({len(mine)} sur {len(plan.actions)})" in lead.text
    assert f"({len(targeted)})" in lead.text
    # his actions only, in the PAC table and in the steering lines
    assert _listed(doc.section("pac-table"), "pac") == set(mine)
    assert _listed(doc.section("steering"), "steering-actions") == set(mine)
    # his clients' lists: exactly the clients his actions target, by class and by profile
    assert _listed(doc.section("abc"), "scope-abc-clients") == targeted
    assert _listed(doc.section("profiles"), "scope-profile-clients") == targeted
    # the budget block is his actions' (and says whose), not the plan's envelope
    budget = next(b for b in doc.section("pac-table").blocks if getattr(b, "id", "") == "budget")
    assert budget.title == "Budget des actions de SED3"  # type: ignore[union-attr]
    items = dict(budget.items)  # type: ignore[union-attr]
    assert items["Budget de ses actions"].value == sum(
        a.budget for a in plan.actions if a.owner == "SED3")
    # no quota by owner: the KPIs are said to be plan-wide, in one line
    steering = doc.section("steering")
    assert not any(isinstance(b, Table) and b.id == "steering-kpis" for b in steering.blocks)
    assert any(isinstance(b, Paragraph) and "portent sur tout le plan" in b.text
               for b in steering.blocks)
    # the other sections say so in one line, never empty
    for section in doc.sections:
        if section.id not in PERSONAL:
            assert len(section.blocks) == 1, section.id
            block = section.blocks[0]
            assert isinstance(block, Paragraph) and "SED3 seul" in block.text


def test_owner_classes_add_up_to_his_clients() -> None:
    doc, scope = document(STEERING_AS_OF, owner="SED3")
    assert scope is not None
    ev = example_session().evaluate(STEERING_AS_OF)
    revenue = dict(zip(ev.ledger.client_ids.tolist(), ev.columns["revenue"].tolist(),
                       strict=True))
    table = doc.section("abc").table("scope-abc")
    counts = _column(table, "clients")
    sums = _column(table, "revenue")
    listed = doc.section("abc").table("scope-abc-clients")
    assert sum(counts.values()) == scope.n_clients  # type: ignore[arg-type]
    assert sum(sums.values()) == pytest.approx(  # type: ignore[arg-type]
        sum(revenue[c] for c in _column(listed, "revenue")))


# ------------------------------------------------------------------------- commercial
def test_a_salesperson_document_is_his_clients_and_the_actions_on_them() -> None:
    doc, scope = document(STEERING_AS_OF, commercial="SED1")
    assert scope is not None
    his = {c for c, who in register().items() if who == "SED1"}
    actions = example_session().actions().actions
    touching = [a.id for a in actions if his & set(a.client_ids)]
    assert _listed(doc.section("abc"), "scope-abc-clients") == his
    assert _listed(doc.section("profiles"), "scope-profile-clients") == his
    assert _listed(doc.section("pac-table"), "pac") == set(touching)
    lead = doc.section("header").blocks[0]
    assert isinstance(lead, Paragraph) and "SED1 (commercial du fichier clients)" in lead.text
    # his clients' CA actuel in each action, from the baseline revenue of those clients
    base = example_session().actions().baseline
    revenue = dict(zip(base.ledger.client_ids.tolist(), base.columns["revenue"].tolist(),
                       strict=True))
    pac = doc.section("pac-table").table("pac")
    current = _column(pac, "current_revenue")
    for a in actions:
        if a.id in touching and a.current_revenue_stated is None:
            assert current[a.id] == pytest.approx(
                sum(revenue[c] for c in a.client_ids if c in his))
    # a CA cible stated for a shared action is not split: n/a with the reason
    steering = doc.section("steering").table("steering-actions")
    reasons = _column(steering, "reason")
    for a in actions:
        if a.id in touching and a.target_source == "plan" and scope.parts[a.id].groups > 1:
            assert _column(pac, "target_revenue")[a.id] is None
            assert "non réparti par client" in str(reasons[a.id])
    # his quota (retention, targets: by commercial) with its attainment
    kpis = doc.section("steering").table("steering-kpis")
    assert set(_column(kpis, "target")) == {"retention"}
    assert _column(kpis, "attainment")["retention"] is not None


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dates(dt.date(2026, 1, 15), dt.date(2026, 10, 30)))
def test_salespeople_documents_add_up_to_the_plan(as_of: dt.date) -> None:
    """The register's salesperson partitions the clients: the per-person documents' CA
    actuel and realised of each action add up to the whole plan's document, and a CA cible
    by growth too."""
    whole, _ = document(as_of)
    pac = whole.section("pac-table").table("pac")
    totals = {k: _column(pac, k) for k in ("current_revenue", "realised", "target_revenue")}
    names = sorted(set(register().values()))
    sums: dict[str, dict[str, float]] = {k: {} for k in totals}
    for name in names:
        doc, _ = document(as_of, commercial=name)
        mine = doc.section("pac-table").table("pac")
        for key in totals:
            for action, value in _column(mine, key).items():
                if value is not None:
                    sums[key][action] = sums[key].get(action, 0.0) + float(value)  # type: ignore[arg-type]
    growth = {a.id for a in example_session().actions().actions if a.target_source == "growth"}
    for action, value in totals["current_revenue"].items():
        if value is not None and action in sums["current_revenue"]:
            assert sums["current_revenue"][action] == pytest.approx(value), action
    for action, value in totals["realised"].items():
        if value is not None:
            assert sums["realised"][action] == pytest.approx(value, abs=1e-6), action
    for action in growth:
        assert sums["target_revenue"][action] == pytest.approx(totals["target_revenue"][action])


# ------------------------------------------------------------------------ every format
@pytest.mark.parametrize("name", ["sed1.md", "sed1.html", "sed1.xlsx"])
def test_every_format_is_one_persons_document(tmp_path: Path, name: str) -> None:
    code, _, err = run_main(["report", str(EXAMPLE_PLAN), "--as-of", "2026-06-30",
                             "--commercial", "SED1", "-o", name, "-q"], tmp_path)
    assert code == 0, err
    if name.endswith(".xlsx"):
        openpyxl = pytest.importorskip("openpyxl")
        book = openpyxl.load_workbook(tmp_path / name)
        texts = {str(c.value) for ws in book.worksheets for row in ws.iter_rows()
                 for c in row if c.value is not None}
        assert any(t.startswith("Document de SED1") for t in texts)
        assert any(t.startswith("Actions qui ciblent des clients de SED1") for t in texts)
        assert any("Budget des actions qui ciblent les clients de SED1" in t for t in texts)
        assert "Ses clients par classe ABC" in texts
        # the Clients sheet: his clients' rows only
        sheet = book["Clients"]
        ids = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]}
        assert ids == {c for c, who in register().items() if who == "SED1"}
    else:
        text = html.unescape((tmp_path / name).read_text(encoding="utf-8"))
        assert "Document de SED1 (commercial du fichier clients)" in text
        assert "Ses clients par classe ABC" in text and "Ses clients par profil" in text
        assert "elle n'a pas de sens pour SED1 seul" in text


def test_markdown_of_a_salesperson_names_no_other_salesperson_client() -> None:
    doc, _ = document(STEERING_AS_OF, commercial="KAM")
    text = render_markdown(doc)
    others = [c for c, who in register().items() if who != "KAM"]
    assert not [c for c in others if f"| {c} |" in text]


def test_a_salesperson_workbook_goes_through_sync(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    shutil.copytree(EXAMPLE_PLAN.parent, tmp_path / "plans")
    code, _, err = run_main(["report", PLAN, "--as-of", "2026-06-30", "--commercial", "SED2",
                             "-o", "sed2.xlsx", "-q"], tmp_path)
    assert code == 0, err
    code, out, err = run_main(["sync", "sed2.xlsx", "--on", "2026-07-01"], tmp_path)
    assert (code, out) == (0, ""), err


# ----------------------------------------------------------------------------- errors
@pytest.mark.parametrize(("name", "meant"), [("sed1", "SED1"), ("KAN", "KAM"),
                                             ("Durand", None)])
def test_an_unknown_salesperson_is_a_usage_error(tmp_path: Path, name: str,
                                                  meant: str | None) -> None:
    code, _, err = run_main(["report", str(EXAMPLE_PLAN), "--commercial", name, "-o", "x.md",
                             "-q"], tmp_path)
    assert code == 2, err
    assert f"error[unknown-commercial] aucun client du fichier n'a pour commercial '{name}'" \
        in err
    assert "Traceback" not in err and not (tmp_path / "x.md").exists()
    if meant is not None:
        assert f"vouliez-vous dire '{meant}'" in err
    else:
        assert "colonne owner" in err


def test_owner_and_commercial_together_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run_main(["report", str(EXAMPLE_PLAN), "--owner", "SED1", "--commercial",
                             "SED1", "-o", "x.md", "-q"], tmp_path)
    assert code == 2
    assert "error[scope-both] --owner et --commercial ensemble" in err
