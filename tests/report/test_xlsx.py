"""The XLSX report reopened with openpyxl: sheets, headers, values, formats, filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from report_helpers import example_evaluation, example_snapshots, example_steering

from pacspec.report import write_report
from pacspec.report.xlsx import PAC_HEADER_ROW, STATE_SHEET

openpyxl = pytest.importorskip("openpyxl", reason="the xlsx extra (openpyxl) is not installed")
from openpyxl.utils import get_column_letter  # noqa: E402


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    ev = example_evaluation()
    path = tmp_path_factory.mktemp("xlsx") / "connect-plus.xlsx"
    write_report(ev, path, steering=example_steering(ev), snapshots=example_snapshots())
    return openpyxl.load_workbook(path)


def find(ws: Any, first_header: str, *, after: int = 1) -> int:
    """Row of the first header row whose column A is ``first_header``."""
    for row in range(after, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == first_header:
            return row
    raise AssertionError(f"no table starting with {first_header!r} in {ws.title}")


def headers(ws: Any, row: int) -> list[str]:
    out = []
    for col in range(1, ws.max_column + 1):
        value = ws.cell(row=row, column=col).value
        if value is None:
            break
        out.append(value)
    return out


def test_sheet_names(workbook: Any) -> None:
    assert workbook.sheetnames == ["PAC", "Pilotage", "Plan", "EMOFF", "ABC", "RFM", "Profils",
                                   "IPO-IPA", "Portefeuille", "Clients", STATE_SHEET]
    assert [ws.title for ws in workbook.worksheets if ws.sheet_state != "visible"] == [
        STATE_SHEET]


def test_pac_sheet(workbook: Any) -> None:
    ev = example_evaluation()
    ws = workbook["PAC"]
    assert ws["A1"].value == "PAC CONNECT+ — GPS nautiques — 2026"
    titles = headers(ws, PAC_HEADER_ROW)
    assert titles == [
        "Typologie", "Client", "Étapes", "Type", "Horizon", "Priorité", "Responsable",
        "Participants", "Date fin", "Avancement", "Budget", "Consommé", "Commentaires",
        "CA actuel", "CA cible", "CA réalisé", "Taux de réalisation", "Résultats constatés",
        "Id"]
    col = {t: i + 1 for i, t in enumerate(titles)}
    letter = {t: get_column_letter(c) for t, c in col.items()}
    first, last = PAC_HEADER_ROW + 1, PAC_HEADER_ROW + len(ev.plan.actions)
    ids = [ws.cell(row=r, column=col["Id"]).value for r in range(first, last + 1)]
    assert sorted(ids) == sorted(a.id for a in ev.plan.actions)
    assert ws.cell(row=last + 1, column=col["Id"]).value is None
    row = {ws.cell(row=r, column=col["Id"]).value: r
           for r in range(first, last + 1)}["vip-nautilus"]
    value = {t: ws.cell(row=row, column=c).value for t, c in col.items()}
    assert value["Typologie"] == "Typologie n°1 : Clients VIP"
    assert value["Client"] == "Plan grand compte NAUTILUS\nNAUTILUS"
    assert (value["Type"], value["Horizon"], value["Priorité"]) == ("Commerciale", "MT", 1)
    assert value["Date fin"] == dt.datetime(2026, 12, 31)
    assert value["Avancement"] == 0  # at ev.as_of, before the first reading
    assert value["Consommé"] is None
    # CA actuel / cible come from the steering result's resolved actions, the computed
    # Résultats from its measures.
    steering = example_steering(ev)
    figures = steering.plan_actions.action("vip-nautilus")
    assert (value["Budget"], value["CA actuel"], value["CA cible"]) == (
        15000, figures.current_revenue, figures.target_revenue)
    measured = steering.action("vip-nautilus")
    assert value["CA réalisé"] == pytest.approx(measured.realised)
    assert value["Taux de réalisation"] == pytest.approx(measured.attainment)
    assert ws.cell(row=row, column=col["Date fin"]).number_format == "dd/mm/yyyy"
    assert ws.cell(row=row, column=col["Avancement"]).number_format == "0%"
    for title in ("Budget", "CA actuel", "CA cible", "CA réalisé"):
        assert ws.cell(row=row, column=col[title]).number_format == '#,##0," k€"', title
    # the input is typed in full (4000, not 4 for 4 k€)
    assert ws.cell(row=row, column=col["Consommé"]).number_format == '#,##0" €"'
    assert ws.freeze_panes == f"C{PAC_HEADER_ROW + 1}"
    assert ws.auto_filter.ref == f"A{PAC_HEADER_ROW}:{letter['Id']}{last}"
    rules = {str(r.sqref): [x.type for x in r.rules] for r in ws.conditional_formatting}
    progress = letter["Avancement"]
    assert rules[f"{progress}{first}:{progress}{last}"] == ["dataBar"]
    late = rules[f"{letter['Date fin']}{first}:{progress}{last}"]
    assert late == ["expression"]


def test_abc_sheet_matches_the_evaluation(workbook: Any) -> None:
    abc = example_evaluation().abc_summary()
    ws = workbook["ABC"]
    top = find(ws, "Classe ABC")
    assert headers(ws, top) == ["Classe ABC", "Clients", "% clients", "Référence", "CA", "% CA"]
    for i, expected in enumerate(abc, start=1):
        cells = [ws.cell(row=top + i, column=c) for c in range(1, 7)]
        assert cells[0].value == expected.class_
        assert cells[1].value == expected.clients
        assert cells[2].value == pytest.approx(expected.client_share)
        assert cells[4].value == pytest.approx(expected.revenue)
        assert cells[5].value == pytest.approx(expected.revenue_share)
        assert cells[2].number_format == "0.0%"
        assert cells[4].number_format == '#,##0," k€"'
    total = top + len(abc) + 1
    assert ws.cell(row=total, column=1).value == "Total"
    assert ws.cell(row=total, column=5).value == pytest.approx(abc.total_revenue)
    assert ws.cell(row=total, column=5).font.bold
    assert len(ws._charts) == 1  # the Pareto curve


def test_rfm_sheet(workbook: Any) -> None:
    ev = example_evaluation()
    ws = workbook["RFM"]
    top = find(ws, "Cotation RFM")
    codes = ev.code_distribution()
    assert [ws.cell(row=top + 1 + i, column=1).value for i in range(len(codes))] == [
        c.code for c in codes]
    matrix = ev.code_period_revenue()
    heat = find(ws, "Cotation RFM", after=top + 1)
    assert headers(ws, heat) == ["Cotation RFM", *matrix.periods, "Clients"]
    first = matrix[0]
    assert [ws.cell(row=heat + 1, column=2 + j).value for j in range(len(first.revenue))] \
        == pytest.approx(first.revenue)
    kinds = [r.type for cf in ws.conditional_formatting for r in cf.rules]
    assert "colorScale" in kinds
    find(ws, "Segment RFM")


def test_other_analysis_sheets(workbook: Any) -> None:
    ev = example_evaluation()
    profiles = workbook["Profils"]
    top = find(profiles, "Profil")
    rows = ev.rule_summary("profile")
    assert [profiles.cell(row=top + 1 + i, column=2).value for i in range(len(rows))] == [
        r.clients for r in rows]
    ipo = workbook["IPO-IPA"]
    find(ipo, "Priorité IPO/IPA")
    points = find(ipo, "Client")
    assert ipo.auto_filter.ref.startswith(f"A{points}:E")
    port = workbook["Portefeuille"]
    find(port, "Zone du portefeuille")
    emoff = workbook["EMOFF"]
    assert headers(emoff, find(emoff, "Menaces")) == ["Menaces", "Opportunités", "Forces",
                                                      "Faiblesses"]


def test_clients_sheet(workbook: Any) -> None:
    ev = example_evaluation()
    ws = workbook["Clients"]
    assert ws.max_row == ev.n_clients + 1
    head = headers(ws, 1)
    assert head[:3] == ["Client", "Nom", "Typologie"]
    table = ev.table(labels=True)
    revenue = head.index("CA") + 1
    assert ws.cell(row=2, column=1).value == str(table["client"][0])
    assert ws.cell(row=2, column=revenue).value == pytest.approx(float(table["revenue"][0]))
    assert ws.cell(row=2, column=revenue).number_format == '#,##0" €"'
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(head)).column_letter}" \
        f"{ev.n_clients + 1}"


def test_steering_sheet_colours_the_lights(workbook: Any) -> None:
    ws = workbook["Pilotage"]
    top = find(ws, "Indicateur")
    assert headers(ws, top) == ["Indicateur", "Cible", "Cible à date", "Réalisé",
                                "Taux de réalisation", "Feu", "N−1 à date", "Évol. N−1",
                                "Atterrissage", "Phasage", "Tendance", "Détail"]
    kpis = example_steering().kpis
    lights = {"green": "Vert", "orange": "Orange", "red": "Rouge"}
    n = len(kpis)
    assert [ws.cell(row=top + i, column=6).value for i in range(1, n + 1)] == [
        lights[k.status] for k in kpis]
    row = {k.id: top + i for i, k in enumerate(kpis, start=1)}
    assert ws.cell(row=row["panier-moyen"], column=2).number_format == '#,##0" €"'
    assert ws.cell(row=row["retention"], column=2).number_format == "0.0%"
    rules = [(str(cf.sqref), r.formula[0]) for cf in ws.conditional_formatting
             for r in cf.rules if r.type == "cellIs"]
    assert (f"F{top + 1}:F{top + n}", '"Rouge"') in rules
    assert (f"F{top + 1}:F{top + n}", '"Vert"') in rules


def test_missing_openpyxl_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import builtins

    from pacspec.report import ReportError

    real = builtins.__import__

    def no_openpyxl(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "openpyxl" or name.startswith("openpyxl."):
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_openpyxl)
    with pytest.raises(ReportError) as info:
        write_report(example_evaluation(), tmp_path / "r.xlsx")
    assert "pip install 'pacspec[xlsx]'" in (info.value.problems[0].hint or "")
    assert not (tmp_path / "r.xlsx").exists()


class _NoReuse(dict):  # type: ignore[type-arg]
    """A style cache that keeps nothing: every cell is styled from scratch."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def _looks(path: Path) -> dict[tuple[str, str], tuple[Any, ...]]:
    book = openpyxl.load_workbook(path)
    return {(ws.title, c.coordinate): (c.number_format, c.alignment.wrap_text,
                                       c.alignment.vertical, c.font.b, c.font.sz,
                                       c.fill.fgColor.rgb, c.protection.locked)
            for ws in book.worksheets for row in ws.iter_rows() for c in row}


def test_reused_cell_styles_look_as_styled_one_by_one(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    ev = example_evaluation()
    steering = example_steering(ev)
    write_report(ev, tmp_path / "reused.xlsx", steering=steering)
    import pacspec.report.xlsx as xlsx

    init = xlsx._Styles.__init__

    def no_reuse(self: Any) -> None:
        init(self)
        self.cell_styles = _NoReuse()

    monkeypatch.setattr(xlsx._Styles, "__init__", no_reuse)
    write_report(ev, tmp_path / "fresh.xlsx", steering=steering)
    reused, fresh = _looks(tmp_path / "reused.xlsx"), _looks(tmp_path / "fresh.xlsx")
    assert len(reused) > 5000 and reused == fresh
