"""`pacspec track`: the PAC table, coverage and dashboard on the CONNECT+ example, JSON
output, snapshots (never overwritten unless asked) and the trend over saved snapshots.

Commands run in-process through :func:`pacspec.cli.main` (one real process checks the
console entry point)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN, HEADER, REPO

from pacspec.cli import main
from pacspec.history import read_snapshots, trend

PLAN = str(EXAMPLE_PLAN)
STEM = "connect-plus"


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


def track(capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    try:
        code = main(["track", *args])
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


@pytest.fixture(scope="module")
def june() -> str:
    """The text dashboard at 2026-06-30 (computed once)."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["track", PLAN, "--as-of", "2026-06-30"]) == 0
    return out.getvalue()


# ------------------------------------------------------------------------ the dashboard


def test_track_shows_the_actions_resolved(june: str) -> None:
    assert june.startswith("Pilotage du PAC CONNECT+ — GPS nautiques — 2026\n")
    assert "Analyse de référence : 31/12/2025 (fenêtre d'analyse 01/01/2025 → 31/12/2025)" in june
    assert "Période : 01/01/2026 → 30/06/2026 : 181 jours, 49,6 % de l'année" in june
    table = june.split("Tableau du PAC\n", 1)[1].split("Clients des actions", 1)[0]
    assert "Clients VIP" in table and "Actions internes" in table
    row = next(line for line in table.splitlines() if "vip-nautilus" in line).split()
    # progress as read on 30/06 (readings 15, 30, 40 on 31/03, 30/06, 30/09), not the last
    assert row == ["vip-nautilus", "1", "522", "k€", "750", "k€", "15", "k€", "MT", "1", "KAM",
                   "31/12/2026", "30", "%"]
    assert "vip-nautilus — Plan grand compte NAUTILUS (1 client) : NAUTILUS (522 k€)" in june


def test_track_shows_budget_workload_and_coverage(june: str) -> None:
    assert "Par type         Commerciale" in june
    assert "Total : 95 k€ / enveloppe 95 k€" in june
    kam = next(line for line in june.splitlines() if line.startswith("KAM   "))
    assert kam.split() == ["KAM", *["7v"] * 12, "84v"]  # 3 + 4 visits a month
    assert ("Profils qu'aucune action commerciale ne cible : Nouveaux (35, 218 k€), "
            "Cycliques (36, 176 k€), Réactivés (20, 91 k€)") in june
    assert "Clients IPO/IPA priorité 1 hors de toute cible : 37 sur 127" in june
    assert "- Classe A à fort potentiel : plan grand compte : 26 clients (1\u202f114 k€)" in june


def test_track_shows_green_orange_and_red(june: str) -> None:
    dashboard = june.split("Tableau de bord au 30/06/2026", 1)[1]
    assert "N−1 à date : du 01/01/2025 au 30/06/2025" in dashboard
    reasons = [line for line in dashboard.splitlines() if " — " in line]
    # phased on its own 2025 profile, NAUTILUS is behind (it made 63 % of its 2025 revenue
    # by 30 June, the target asks for 69 % of 750 k€)
    assert ("vip-nautilus : orange — réalisé 475 k€ pour 520 k€ attendus (69,4 % du CA cible, "
            "phasage saisonnier) (91,2 %) ; en retard — avancement 30 % pour 50 % attendus au "
            "30/06/2026") in reasons
    assert any(r.startswith("prospection-peche : ROUGE — réalisé 23 k€ pour 29 k€") for r in reasons)
    assert any(r.startswith("fidelisation : ROUGE — réalisé 48 k€ pour 302 k€") for r in reasons)
    assert ("supports-commerciaux : en retard — échéance du 30/04/2026 dépassée à 70 % "
            "d'avancement") in reasons
    assert ("Taux de réactivation : ROUGE — 7 clients revenus sur 55 ciblés en reconquête ; "
            "12,7 % pour un objectif de 25,0 % (50,9 %)") in reasons
    assert any(r.startswith("Taux de fidélisation : vert — 231 clients de l'an dernier") for r in reasons)
    assert any(r.startswith("Panier moyen : vert — ") for r in reasons)
    # the only warnings are the analysis's data warnings on the example (potentials below
    # the revenue, actions filed under a typology their targets are mostly outside)
    warnings = {line.split("warning[", 1)[1].split("]", 1)[0]
                for line in june.splitlines() if "warning[" in line}
    assert warnings <= {"over-potential", "typology-mismatch"} and "error[" not in june


def test_track_shows_n1_and_the_landing_on_every_line(june: str) -> None:
    kpis = june.split("Objectifs et indicateurs\n", 1)[1]
    header = kpis.splitlines()[1]
    for column in ("Valeur", "Attendu", "Réalisation", "N−1 à date", "Évol. N−1",
                   "Atterrissage", "Objectif annuel", "Phasage"):
        assert column in header
    orders = next(line for line in kpis.splitlines() if line.startswith("45 commandes"))
    # 302 orders to date for 381 expected (540 a year x 70.6 %), 341 a year earlier
    assert orders.split()[-11:] == ["302", "381", "79,2", "%", "ROUGE", "341", "-11,4", "%",
                                    "428", "540", "saisonnier"]
    facts = june.split("Avancement et budget des actions\n", 1)[1]
    nautilus = next(line for line in facts.splitlines() if line.startswith("vip-nautilus"))
    assert "30 % (au 30/06/2026)" in nautilus and "3,0 k€ (au 30/06/2026)" in nautilus
    assert "475 k€ (91,2 %)" in nautilus
    training = next(line for line in facts.splitlines() if line.startswith("formation-produits"))
    assert "5 commerciaux formés, note moyenne 16/20" in training


def test_track_in_english() -> None:
    import datetime as dt

    from pacspec.report.steering import render_dashboard
    from pacspec.session import Session

    session = Session.open(PLAN)
    plan = session.plan.model_copy(update={"locale": "en"})
    english = Session.open(plan, ledger=session.ledger)
    english.activity_source = Path(PLAN).parent / "data" / "activities.csv"  # plan in memory
    text = render_dashboard(english.steer(dt.date(2026, 6, 30)))
    assert "Last year to date: 2025-01-01 to 2025-06-30" in text
    assert "Landing" in text and "vs last year" in text and "seasonal" in text
    assert " : " not in text


def test_track_json(capsys: pytest.CaptureFixture[str]) -> None:
    run = track(capsys, PLAN, "--as-of", "2026-06-30", "--format", "json")
    assert run.code == 0, run.err
    data = json.loads(run.out)
    assert data["as_of"] == "2026-06-30" and data["elapsed"] == pytest.approx(181 / 365, abs=1e-4)
    assert {k["status"] for k in data["steering"]["kpis"]} == {"green", "orange", "red"}
    statuses = {a["id"]: a["status"] for a in data["steering"]["actions"]}
    assert statuses["vip-nautilus"] == "orange" and statuses["fidelisation"] == "red"
    assert statuses["formation-produits"] == "n/a"
    kpi_fields = {"id", "metric", "target", "value", "expected", "attainment", "status",
                  "n1_value", "change", "projection", "phasing"}
    action_fields = {"id", "clients", "target_revenue", "realised", "expected", "attainment",
                     "status", "n1_realised", "projection", "progress", "progress_on", "spent",
                     "spent_on", "late"}
    for kpi in data["steering"]["kpis"]:
        assert kpi_fields <= set(kpi)
        for name in kpi_fields:  # a null comes with its reason code
            if kpi[name] is None:
                assert name in kpi["reasons"] and kpi["reasons"][name]["code"], (kpi["id"], name)
    for action in data["steering"]["actions"]:
        assert action_fields <= set(action)
        for name in action_fields - {"progress_on", "spent_on"}:  # None there: undated
            if action[name] is None:
                assert action["reasons"][name]["code"], (action["id"], name)
    orders = next(k for k in data["steering"]["kpis"] if k["id"] == "commandes-mois")
    assert (orders["value"], orders["annual_target"], orders["n1_value"]) == (302, 540, 341)
    assert orders["phasing"]["kind"] == "seasonal" and 0 < orders["phasing"]["share"] < 1
    aov = next(k for k in data["steering"]["kpis"] if k["id"] == "panier-moyen")
    assert aov["projection"] is None and aov["reasons"]["projection"]["code"] == "na_not_cumulative"
    nautilus = data["steering"]["actions"][0]
    assert (nautilus["progress"], nautilus["progress_on"]) == (30.0, "2026-06-30")
    assert (nautilus["spent"], nautilus["spent_on"]) == (3000.0, "2026-06-30")
    assert data["actions"][0]["client_ids"] == ["C0001"]
    assert data["coverage"]["priority_clients"]["uncovered"] == 37
    assert any(a.startswith("Fidéliser les clients en perte de vitesse : ROUGE")
               for a in data["steering"]["alerts"])
    assert data["trend"] is None
    # besides the note counting the example's lines after as_of, left out
    warnings = [p for p in data["problems"] if p["code"] != "rows-after-as-of"]
    assert {p["code"] for p in warnings} <= {"over-potential", "typology-mismatch"}
    assert all(p["severity"] == "warning" for p in warnings)
    assert data["n1_period"] == ["2025-01-01", "2025-06-30"]


def test_track_defaults_to_the_last_transaction(capsys: pytest.CaptureFixture[str]) -> None:
    run = track(capsys, PLAN, "--format", "json")
    assert run.code == 0
    assert json.loads(run.out)["as_of"] == "2026-10-30"


def test_track_before_the_plan_starts_is_a_plan_problem(
    capsys: pytest.CaptureFixture[str]
) -> None:
    run = track(capsys, PLAN, "--as-of", "2025-12-31")
    assert run.code == 1 and run.out == ""
    assert "error[before-plan-start] $.header.plan_start: rien à piloter au 31/12/2025" in run.err


def test_track_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert track(capsys, PLAN, "--as-of", "30/06/2026").code == 2
    assert track(capsys).code == 2
    missing = track(capsys, PLAN, "--history", str(tmp_path / "nowhere"))
    assert missing.code == 2 and "does not exist" in missing.err
    gone = track(capsys, str(tmp_path / "none.pac.yaml"))
    assert gone.code == 2 and "error[io]" in gone.err


def test_track_a_plan_without_data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "bare.pac.yaml"
    path.write_text(HEADER, encoding="utf-8")
    run = track(capsys, str(path), "--as-of", "2026-03-01")
    assert run.code == 1 and "no-data" in run.err


# ------------------------------------------------------------------------- snapshots


def test_snapshots_and_the_trend_over_three(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    folder = tmp_path / "history" / "connect"  # created on the fly
    outputs = []
    for day in ("2026-03-31", "2026-06-30", "2026-09-30"):
        run = track(capsys, PLAN, "--as-of", day, "--save", str(folder))
        assert run.code == 0, run.err
        assert run.err.strip() == f"écrit : {folder / f'{STEM}.{day}.snapshot.json'}"
        outputs.append(run.out)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"{STEM}.2026-03-31.snapshot.json", f"{STEM}.2026-06-30.snapshot.json",
                     f"{STEM}.2026-09-30.snapshot.json"]
    assert "Évolution" not in outputs[0]  # one snapshot: no trend yet
    assert "Évolution\n=========" in outputs[1]
    trend_text = outputs[2].split("Évolution\n=========", 1)[1]
    header = next(line for line in trend_text.splitlines() if line.startswith("Indicateur"))
    assert header.split() == ["Indicateur", "2026-03-31", "2026-06-30", "2026-09-30"]
    nautilus = next(line for line in trend_text.splitlines() if line.startswith("vip-nautilus"))
    # phased on its 2025 profile, behind all along (orange), and late from June
    assert nautilus.split() == ["vip-nautilus", "92,5", "%", "orange", "91,2", "%", "orange",
                                "(en", "retard)", "90,1", "%", "orange", "(en", "retard)"]
    training = next(line for line in trend_text.splitlines()
                    if line.startswith("supports-commerciaux"))
    # 40 % done at 31 March where 75 % was expected: late from the first review
    assert training.split() == ["supports-commerciaux", *["n/a", "(en", "retard)"] * 3]
    # the snapshots read back give the same trend
    snaps = read_snapshots(folder)
    assert [s.as_of.isoformat() for s in snaps] == ["2026-03-31", "2026-06-30", "2026-09-30"]
    tr = trend(snaps)
    kpi = next(s for s in tr.kpis if s.id == "reactivation")
    assert [p.status for p in kpi.points] == ["red", "red", "orange"]
    budget = next(s for s in tr.kpis if s.id == "budget")
    # under half the budget expected while actions are late: a warning, not a green
    assert [p.status for p in budget.points] == ["orange", "green", "orange"]
    # --history alone (read-only) shows the same trend
    again = track(capsys, PLAN, "--as-of", "2026-09-30", "--history", str(folder))
    assert again.code == 0 and again.err == ""
    assert again.out == outputs[2]
    data = json.loads(track(capsys, PLAN, "--as-of", "2026-10-30", "--history", str(folder),
                            "--format", "json").out)
    assert data["trend"]["dates"] == ["2026-03-31", "2026-06-30", "2026-09-30", "2026-10-30"]


def test_a_snapshot_is_stable_small_and_ordered(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    assert track(capsys, PLAN, "--as-of", "2026-06-30", "--save", str(tmp_path)).code == 0
    path = tmp_path / f"{STEM}.2026-06-30.snapshot.json"
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == ["format", "plan", "company", "as_of", "plan_start", "elapsed", "kpis",
                          "actions"]
    assert data["plan"] == "connect-plus.pac.yaml" and data["elapsed"] == 0.4959
    assert list(data["kpis"][0]) == ["id", "metric", "value", "target", "attainment", "status",
                                     "unit", "annual_target", "expected", "n1_value", "change",
                                     "change_kind", "projection", "phasing", "reading_on"]
    assert list(data["actions"][0]) == ["id", "clients", "current_revenue", "target_revenue",
                                        "realised", "expected", "attainment", "status",
                                        "progress", "late", "n1_realised", "change",
                                        "projection", "phasing", "progress_on", "spent",
                                        "spent_on", "visits", "visits_planned"]
    nautilus = data["actions"][0]
    assert nautilus["realised"] == round(nautilus["realised"], 2)
    assert nautilus["attainment"] == round(nautilus["attainment"], 4)
    assert text.endswith("}\n") and "\r" not in text and len(text) < 16000
    assert "é" in text or "É" in text or "CONNECT+" in text  # ensure_ascii=False
    # the same evaluation again, forced: byte for byte the same file
    assert track(capsys, PLAN, "--as-of", "2026-06-30", "--save", str(tmp_path), "--force"
                 ).code == 0
    assert path.read_text(encoding="utf-8") == text


def test_a_snapshot_is_never_overwritten_without_force(capsys: pytest.CaptureFixture[str],
                                                       tmp_path: Path) -> None:
    path = tmp_path / f"{STEM}.2026-06-30.snapshot.json"
    path.write_text('{"mine": true}\n', encoding="utf-8")
    refused = track(capsys, PLAN, "--as-of", "2026-06-30", "--save", str(tmp_path))
    assert refused.code == 2 and refused.out == ""
    assert "existe déjà" in refused.err and "ajoutez --force" in refused.err
    assert path.read_text(encoding="utf-8") == '{"mine": true}\n'
    forced = track(capsys, PLAN, "--as-of", "2026-06-30", "--save", str(tmp_path), "--force")
    assert forced.code == 0
    assert json.loads(path.read_text(encoding="utf-8"))["as_of"] == "2026-06-30"


def test_a_malformed_snapshot_is_named(capsys: pytest.CaptureFixture[str],
                                       tmp_path: Path) -> None:
    bad = tmp_path / f"{STEM}.2026-05-31.snapshot.json"
    bad.write_text("{not json", encoding="utf-8")
    run = track(capsys, PLAN, "--as-of", "2026-06-30", "--history", str(tmp_path))
    assert run.code == 1
    assert f"{bad}: error[bad-snapshot]" in run.err and "invalid JSON at line 1" in run.err
    bad.write_text('{"format": 1, "as_of": "2026-05-31", "kpis": {}}', encoding="utf-8")
    run = track(capsys, PLAN, "--as-of", "2026-06-30", "--history", str(tmp_path))
    assert run.code == 1 and "kpis: input should be a valid list" in run.err
    # snapshots of other plans in the same folder are not read
    bad.rename(tmp_path / "other.2026-05-31.snapshot.json")
    assert track(capsys, PLAN, "--as-of", "2026-06-30", "--history", str(tmp_path)).code == 0


def test_the_console_script_runs_track(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONUTF8="1")
    done = subprocess.run(
        [sys.executable, "-m", "pacspec.cli", "track", "plans/connect-plus.pac.yaml",
         "--as-of", "2026-06-30", "--save", str(tmp_path)],
        cwd=REPO, env=env, capture_output=True, encoding="utf-8", timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Tableau de bord au 30/06/2026" in done.stdout
    assert (tmp_path / f"{STEM}.2026-06-30.snapshot.json").is_file()


# ------------------------------------------------------------------ snapshot functions


def _snap(as_of: str, kpis: list[tuple[str, float | None, str]],
          actions: list[tuple[str, float | None, str]] | None = None) -> dict[str, object]:
    return {"format": 1, "as_of": as_of,
            "kpis": [{"id": i, "value": v, "attainment": v, "status": s} for i, v, s in kpis],
            "actions": [{"id": i, "realised": v, "attainment": v, "status": s, "late": False}
                        for i, v, s in actions or []]}


def test_trend_orders_dates_and_aligns_ids() -> None:
    tr = trend([
        _snap("2026-06-30", [("b", 0.5, "red"), ("a", 1.0, "green")]),
        _snap("2026-03-31", [("a", 0.9, "orange"), ("old", 1.0, "green")], [("x", 10.0, "red")]),
        _snap("2026-06-30", [("a", 1.1, "green"), ("b", 0.6, "red")]),  # same date: replaces
    ])
    assert tr.dates == ["2026-03-31", "2026-06-30"]
    # the latest snapshot's order, then ids only found earlier
    assert [s.id for s in tr.kpis] == ["a", "b", "old"]
    assert [(p.value, p.status) for p in tr.kpis[0].points] == [(0.9, "orange"), (1.1, "green")]
    assert [p.status for p in tr.kpis[1].points] == [None, "red"]
    assert [p.status for p in tr.kpis[2].points] == ["green", None]
    assert [(s.id, [p.value for p in s.points]) for s in tr.actions] == [("x", [10.0, None])]
    assert tr.to_dict()["kpis"][0]["points"][1] == {"as_of": "2026-06-30", "value": 1.1,
                                                    "attainment": 1.1, "status": "green"}


def test_read_snapshots_refuses_a_newer_format(tmp_path: Path) -> None:
    from pacspec import EvaluationError
    from pacspec.history import plan_stem

    path = tmp_path / "x.2026-01-31.snapshot.json"
    path.write_text(json.dumps({**_snap("2026-01-31", []), "format": 9}), encoding="utf-8")
    with pytest.raises(EvaluationError) as info:
        read_snapshots(tmp_path)
    (problem,) = info.value.problems
    assert problem.file == str(path) and "upgrade pacspec" in problem.message
    assert read_snapshots(tmp_path / "missing") == []
    assert read_snapshots(tmp_path, "y.pac.yaml") == []
    assert [plan_stem(n) for n in ("plans/a.pac.yaml", "b.pac.yml", "c.yaml", "d")] == [
        "a", "b", "c", "d"]


# ----------------------------------------------------------------------- pacspec report


@pytest.mark.parametrize("ext", ["html", "md", "xlsx"])
def test_report_command_writes_each_format_and_never_overwrites(tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"pac.{ext}"
    args = [sys.executable, "-m", "pacspec.cli", "report", str(PLAN), "--as-of", "2026-06-30",
            "-o", str(out), "-q"]
    res = subprocess.run(args, capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr
    content = out.read_bytes()
    assert len(content) > 1000
    if ext != "xlsx":
        text = content.decode("utf-8")
        assert "NAUTILUS" in text and "Pilotage" in text
    again = subprocess.run(args, capture_output=True, text=True, timeout=180)
    assert again.returncode == 2 and "exists" in again.stderr
    assert out.read_bytes() == content


def test_report_command_rejects_unknown_extension(tmp_path: Path) -> None:
    res = subprocess.run([sys.executable, "-m", "pacspec.cli", "report", str(PLAN), "-o",
                          str(tmp_path / "pac.docx")], capture_output=True, text=True, timeout=60)
    assert res.returncode == 2
    assert "output-format" in res.stderr and ".xlsx" in res.stderr
    assert not (tmp_path / "pac.docx").exists()


def test_with_current_replaces_a_saved_snapshot_of_the_same_date(tmp_path: Path) -> None:
    from pacspec.history import with_current

    for as_of in ("2026-03-31", "2026-06-30"):
        assert main(["track", PLAN, "--as-of", as_of, "--save", str(tmp_path),
                     "--format", "json"]) == 0
    saved = read_snapshots(tmp_path)
    current = dict(saved[-1].data)
    merged = with_current(saved, current)
    assert [str(s["as_of"] if isinstance(s, dict) else s.data["as_of"]) for s in merged] == [
        "2026-03-31", "2026-06-30"]
    assert merged[-1] is current


def test_track_by_owner(capsys: pytest.CaptureFixture[str]) -> None:
    run = track(capsys, PLAN, "--as-of", "2026-06-30", "--by", "owner")
    assert run.code == 0, run.err
    assert run.out.lstrip().startswith("Tableau de bord par responsable au 30/06/2026\n")
    kam = next(line for line in run.out.splitlines() if line.startswith("KAM "))
    assert kam.split()[:2] == ["KAM", "2"]
    assert "\nSED3\n----\n" in run.out
    data = json.loads(track(capsys, PLAN, "--as-of", "2026-06-30", "--by", "owner",
                            "--format", "json").out)
    owners = data["steering"]["by_owner"]
    actions = data["steering"]["actions"]
    assert [o["owner"] for o in owners] == ["KAM", "SED1", "SED2", "SED3", "DC", "MKE"]
    assert sum(o["realised"] for o in owners) == pytest.approx(
        sum(a["realised"] for a in actions if a["expected"] is not None))
    assert sum(o["spent"] for o in owners) == pytest.approx(sum(a["spent"] for a in actions))
    assert sum(len(o["actions"]) for o in owners) == len(actions)


# ------------------------------------------------------------------------ -q (quiet)


def test_quiet_track_saves_the_snapshot_and_prints_no_dashboard(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    loud, quiet = tmp_path / "loud", tmp_path / "quiet"
    full = track(capsys, PLAN, "--as-of", "2026-06-30", "--save", str(loud))
    run = track(capsys, PLAN, "--as-of", "2026-06-30", "--save", str(quiet), "-q")
    assert full.code == run.code == 0 and "Pilotage du PAC" in full.out
    assert run.out == ""
    name = f"{STEM}.2026-06-30.snapshot.json"
    assert run.err.splitlines()[-1] == f"écrit : {quiet / name}"
    assert (quiet / name).read_bytes() == (loud / name).read_bytes()
    # JSON is still printed: -q silences the dashboard, not an asked-for output
    data = json.loads(track(capsys, PLAN, "--as-of", "2026-06-30", "--format", "json", "-q").out)
    assert data["as_of"] == "2026-06-30"


def test_quiet_track_keeps_the_steering_warnings(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    import shutil

    for folder in ("data", "rules"):
        shutil.copytree(EXAMPLE_PLAN.parent / folder, tmp_path / folder)
    text = EXAMPLE_PLAN.read_text(encoding="utf-8")
    text = text.replace("current_revenue: 522000", "current_revenue: 900000", 1)
    plan = tmp_path / "drift.pac.yaml"
    plan.write_text(text, encoding="utf-8")
    full = track(capsys, str(plan), "--as-of", "2026-06-30")
    run = track(capsys, str(plan), "--as-of", "2026-06-30", "-q")
    assert full.code == run.code == 0 and run.out == ""
    warning = next(line for line in full.out.splitlines() if "current-revenue-mismatch" in line)
    assert warning in run.err.splitlines()
