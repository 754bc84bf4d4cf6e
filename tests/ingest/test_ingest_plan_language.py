"""The ingestion's file problems in the plan's language (issue 12): a file that cannot be
decoded (pyarrow's reader and the stdlib one), an unknown encoding, a workbook named as a
text file, a reader that is not installed; codes unchanged, the API's words English."""

from __future__ import annotations

import builtins
import sys
from pathlib import Path
from typing import Any

import pytest

from pacspec import load_plan_text
from pacspec.diagnostics import LedgerError, Problem
from pacspec.ingest import load_ledger
from pacspec.session import Session

HEADER = ("pacspec: 1\nheader: {company: T, business_unit: U, budget_year: 2026, "
          "plan_start: 2026-01-01}\n")


def problems(tmp_path: Path, locale: str, data: str) -> list[Problem]:
    plan = load_plan_text(f"{HEADER}locale: {locale}\ndata:\n{data}", "plan.pac.yaml", tmp_path)
    with pytest.raises(LedgerError) as info:
        Session.open(plan, check=False)
    return [p for p in info.value.problems if p.severity == "error"]


def transactions(path: str, csv: str = "") -> str:
    return f"  transactions:\n    path: {path}\n" + (f"    csv: {csv}\n" if csv else "")


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_a_byte_neither_utf8_nor_cp1252_is_said_in_the_plans_language(
        tmp_path: Path, locale: str) -> None:
    # 0x81 has no character in cp1252: 'auto' cannot read the line (pyarrow's reader)
    (tmp_path / "t.csv").write_bytes(b"client;date;amount\nA;01/02/2025;1\nB\x81;02/02/2025;2\n")
    (problem,) = problems(tmp_path, locale, transactions("t.csv"))
    assert (problem.code, problem.line) == ("encoding", 3)
    assert (problem.message, problem.hint) == {
        "fr": ("impossible de décoder le fichier en UTF-8 ni en cp1252 (octet 0x81)",
               "indiquez csv.encoding pour ce fichier (par exemple utf-8, cp1252, latin-1)"),
        "en": ("cannot decode the file as UTF-8 or cp1252 (byte 0x81)",
               "set csv.encoding for this file (e.g. utf-8, cp1252, latin-1)")}[locale]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_stdlib_readers_decode_error_is_said_in_the_plans_language(
        tmp_path: Path, locale: str) -> None:
    # a blank record sends the file to the stdlib reader, which decodes it whole
    (tmp_path / "t.csv").write_bytes(b"client;date;amount\nA;01/02/2025;1\n;;\nB\x81;02/02/2025;2\n")
    (problem,) = problems(tmp_path, locale, transactions("t.csv"))
    assert (problem.code, problem.line) == ("encoding", 4)
    assert problem.message == {
        "fr": "impossible de décoder le fichier en UTF-8 ni en cp1252 (octet 0x81)",
        "en": "cannot decode the file as UTF-8 or cp1252 (byte 0x81)"}[locale]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_a_stated_utf8_file_with_a_bad_byte(tmp_path: Path, locale: str) -> None:
    (tmp_path / "t.csv").write_bytes(b"client;date;amount\nA;01/02/2025;1\n\xc8TE;02/02/2025;2\n")
    (problem,) = problems(tmp_path, locale, transactions("t.csv", "{encoding: utf-8}"))
    assert (problem.code, problem.line) == ("encoding", 3)
    assert problem.message == {"fr": "impossible de décoder le fichier en utf-8",
                               "en": "cannot decode the file as utf-8"}[locale]


def test_a_utf8_bom_file_that_is_not_utf8(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbfclient;date;amount\nA;01/02/2025;1\n;;\nS\xc8TE;02/02/2025;2\n"
    (tmp_path / "t.csv").write_bytes(raw)
    (problem,) = problems(tmp_path, "fr", transactions("t.csv"))
    assert problem.message == ("impossible de décoder le fichier en UTF-8 (il commence par la "
                               "marque d'ordre des octets UTF-8) (octet 0xc8)")
    with pytest.raises(LedgerError) as info:  # the API's words
        load_ledger(tmp_path / "t.csv")
    assert info.value.problems[0].message == (
        "cannot decode the file as UTF-8 (it starts with a UTF-8 BOM) (byte 0xc8)")


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_an_unknown_encoding_is_said_in_the_plans_language(tmp_path: Path, locale: str) -> None:
    (tmp_path / "t.csv").write_text("client;date;amount\nA;01/02/2025;1\n", encoding="utf-8")
    (problem,) = problems(tmp_path, locale, transactions("t.csv", "{encoding: klingon}"))
    assert problem.code == "encoding"
    assert (problem.message, problem.hint) == {
        "fr": ("encodage inconnu 'klingon'", "indiquez dans csv.encoding un encodage que "
               "Python connaît : auto, utf-8, cp1252, latin-1…"),
        "en": ("unknown encoding 'klingon'", "set csv.encoding to an encoding Python knows: "
               "auto, utf-8, cp1252, latin-1…")}[locale]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_a_workbook_named_csv_is_said_in_the_plans_language(tmp_path: Path, locale: str) -> None:
    (tmp_path / "ventes.csv").write_bytes(b"PK\x03\x04" + b"\0" * 200)
    (problem,) = problems(tmp_path, locale, transactions("ventes.csv"))
    assert problem.code == "bad-input"
    assert (problem.message, problem.hint) == {
        "fr": ("le fichier des transactions est un classeur (Excel ou OpenDocument), pas un "
               "fichier texte", "donnez-lui l'extension .xlsx, .xls ou .ods (sa lecture demande "
               "pip install 'pacspec[xlsx]'), ou exportez-le en CSV"),
        "en": ("the transactions file is a spreadsheet workbook (Excel or OpenDocument), not "
               "text", "name it .xlsx/.xls/.ods (reading it needs pip install 'pacspec[xlsx]'), "
               "or export it as CSV")}[locale]


@pytest.mark.parametrize("locale", ["fr", "en"])
@pytest.mark.parametrize("sheet", ["vente", "Stock", "3"])
def test_a_missing_sheet_is_said_in_the_plans_language(tmp_path: Path, locale: str,
                                                       sheet: str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Ventes"
    book.active.append(["client", "date", "amount"])
    book.save(tmp_path / "ventes.xlsx")
    (problem,) = problems(tmp_path, locale, transactions("ventes.xlsx", f"{{sheet: {sheet}}}"))
    assert (problem.code, problem.path) == ("bad-input", ("data", "transactions", "csv", "sheet"))
    assert (problem.message, problem.hint) == {
        ("fr", "vente"): ("le classeur n'a pas de feuille 'vente' ; feuilles : 'Ventes'",
                          "vouliez-vous dire 'Ventes' ? — un nom de feuille distingue les "
                          "majuscules"),
        ("en", "vente"): ("the workbook has no sheet 'vente'; sheets: 'Ventes'",
                          "did you mean 'Ventes'? — sheet names are case-sensitive"),
        ("fr", "Stock"): ("le classeur n'a pas de feuille 'Stock' ; feuilles : 'Ventes'",
                          "donnez à csv.sheet le nom de l'une d'elles — un nom de feuille "
                          "distingue les majuscules"),
        ("en", "Stock"): ("the workbook has no sheet 'Stock'; sheets: 'Ventes'",
                          "set csv.sheet to one of them — sheet names are case-sensitive"),
        ("fr", "3"): ("le classeur n'a pas de feuille numéro 3 (feuilles : 0: 'Ventes')",
                      "numérotez les feuilles à partir de 0 dans csv.sheet, ou nommez-en une"),
        ("en", "3"): ("the workbook has no sheet number 3 (sheets: 0: 'Ventes')",
                      "number the sheets from 0 in csv.sheet, or name one")}[locale, sheet]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_a_missing_reader_is_said_in_the_plans_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, locale: str) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["client", "date", "amount"])
    book.save(tmp_path / "ventes.xlsx")
    real_import = builtins.__import__

    def no_reader(name: str, *args: Any, **kwargs: Any) -> Any:
        if name in ("python_calamine", "fastexcel"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_reader)
    (problem,) = problems(tmp_path, locale, transactions("ventes.xlsx"))
    assert problem.code == "missing-dependency"
    assert (problem.message, problem.hint) == {
        "fr": ("python-calamine n'est pas installé",
               "installez l'extra xlsx : pip install 'pacspec[xlsx]'"),
        "en": ("python-calamine is not installed",
               "install the xlsx extra: pip install 'pacspec[xlsx]'")}[locale]


@pytest.mark.parametrize(("url", "module", "extra"), [
    ("duckdb:///{dir}/base.duckdb", "duckdb", "duckdb"),
    ("postgresql://reader@localhost/ventes", "psycopg", "postgres"),
])
def test_a_missing_database_driver_is_said_in_french(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, url: str, module: str,
        extra: str) -> None:
    (tmp_path / "base.duckdb").write_bytes(b"")
    monkeypatch.setitem(sys.modules, module, None)  # as if the extra were missing
    data = (f"  transactions:\n    sql: SELECT 1\n    connection: "
            f"{url.format(dir=tmp_path)}\n")
    (problem,) = problems(tmp_path, "fr", data)
    assert problem.code == "missing-dependency"
    assert problem.message == f"{module} n'est pas installé"
    assert problem.hint == f"installez l'extra {extra} : pip install 'pacspec[{extra}]'"


def _write_inputs(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "delim.csv").write_text(
        "client;date;amount\nA;01/02/2025;1;x;y\nB;02/02/2025;2;z;w\nC;03/02/2025;3\n",
        encoding="utf-8")
    (tmp_path / "bad.parquet").write_bytes(b"garbage\n")
    pq.write_table(pa.table({"client": [["a"], ["b"]], "date": pa.array(
        [1, 2], pa.int32()).cast(pa.date32()), "amount": [1.0, 2.0]}),
        tmp_path / "nested.parquet")


_WORDS: dict[str, dict[str, tuple[str, str, str | None]]] = {
    "missing.csv": {
        "fr": ("io", "impossible de lire le fichier des transactions : le fichier n'existe pas",
               None),
        "en": ("io", "cannot read the transactions file: No such file or directory", None)},
    "empty.csv": {
        "fr": ("empty-file", "le fichier des transactions est vide : pas même une ligne "
               "d'en-tête qui nomme les colonnes", "la première ligne doit nommer les colonnes ; "
               "une ligne d'en-tête seule (sans lignes) convient"),
        "en": ("empty-file", "the transactions file is empty: not even a header line naming "
               "the columns", "the first line must name the columns; a header line alone (no "
               "rows) is fine")},
    "delim.csv": {
        "fr": ("bad-csv", "2 lignes ont plus de champs que les 3 de l'en-tête (lignes 2, 3) "
               "avec le séparateur ';'", "vérifiez csv.delimiter, et que les valeurs qui "
               "contiennent le séparateur sont entre guillemets"),
        "en": ("bad-csv", "2 rows have more fields than the header's 3 (rows 2, 3) with the "
               "delimiter ';'", "check csv.delimiter, and that values containing the "
               "delimiter are quoted")},
    "nested.parquet": {
        "fr": ("bad-type", "la colonne 'client' du fichier des transactions contient des "
               "valeurs list<element: string> (listes ou enregistrements), pas une valeur par "
               "ligne", "aplatissez la colonne, ou convertissez-la en texte ou en nombres "
               "avant de la lire"),
        "en": ("bad-type", "column 'client' of the transactions holds list<element: string> "
               "values (lists or records), not one value per row", "flatten or convert the "
               "column to text or numbers before reading it")},
}


@pytest.mark.parametrize("name", sorted(_WORDS))
@pytest.mark.parametrize("locale", ["fr", "en"])
def test_unreadable_empty_and_badly_split_files_in_the_plans_language(
        tmp_path: Path, locale: str, name: str) -> None:
    _write_inputs(tmp_path)
    (problem,) = problems(tmp_path, locale, transactions(name))
    code, message, hint = _WORDS[name][locale]
    assert (problem.code, problem.message) == (code, message)
    if hint is not None:
        assert problem.hint == hint
    with pytest.raises(LedgerError) as info:  # the API's words: English, as before
        load_ledger(tmp_path / name)
    english = info.value.problems[0]
    assert (english.code, english.message) == _WORDS[name]["en"][:2]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_a_file_that_is_not_parquet_in_the_plans_language(tmp_path: Path, locale: str) -> None:
    _write_inputs(tmp_path)
    (problem,) = problems(tmp_path, locale, transactions("bad.parquet"))
    start = {"fr": "impossible de lire le fichier des transactions (Parquet) : ",
             "en": "cannot read the transactions Parquet file: "}[locale]
    assert problem.code == "io" and problem.message.startswith(start)
    assert "magic bytes" in problem.message  # pyarrow's own words follow


def test_a_folder_named_as_the_data_file_in_french_with_its_hint(tmp_path: Path) -> None:
    (tmp_path / "t.csv").mkdir()
    (problem,) = problems(tmp_path, "fr", transactions("t.csv"))
    assert (problem.code, problem.message, problem.hint) == (
        "io", "impossible de lire le fichier des transactions : c'est un dossier, pas un "
        "fichier ordinaire", "indiquez un fichier ordinaire")
    (english,) = problems(tmp_path, "en", transactions("t.csv"))
    assert (english.message, english.hint) == (
        "cannot read the transactions file: it is a folder, not a regular file",
        "name a regular file")


def _sql(connection: str, query: str = "SELECT client, date, amount FROM ventes") -> str:
    return f"  transactions:\n    sql: {query}\n    connection: {connection}\n"


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_the_sql_errors_in_the_plans_language(tmp_path: Path, locale: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    monkeypatch.delenv("PAC_NO_SUCH_DB", raising=False)
    con = sqlite3.connect(tmp_path / "ventes.db")
    con.execute("CREATE TABLE ventes (client TEXT, date TEXT, amount REAL)")
    con.commit()
    con.close()
    cases = {
        "env:PAC_NO_SUCH_DB": {
            "fr": ("la variable d'environnement PAC_NO_SUCH_DB, qui doit contenir l'URL de la "
                   "base de données, n'est pas définie",
                   "export PAC_NO_SUCH_DB=sqlite:///chemin/vers/fichier.db (ou duckdb:///...)"),
            "en": ("the environment variable PAC_NO_SUCH_DB that should hold the database URL "
                   "is not set", "export PAC_NO_SUCH_DB=sqlite:///path/to/file.db (or "
                   "duckdb:///...)")},
        "mysql://host/db": {
            "fr": ("URL de base de données non prise en charge 'mysql://host/db' : attendu "
                   "sqlite:///FICHIER, duckdb:///FICHIER ou postgresql://..., ou une connexion "
                   "DB-API passée depuis Python", None),
            "en": ("unsupported database URL 'mysql://host/db': expected sqlite:///FILE, "
                   "duckdb:///FILE or postgresql://..., or pass a DB-API connection from "
                   "Python", None)},
        "sqlite:///nowhere.db": {
            "fr": (f"impossible d'ouvrir la base de données : pas de fichier "
                   f"{tmp_path / 'nowhere.db'}", None),
            "en": (f"cannot open the database: no file {tmp_path / 'nowhere.db'}", None)},
    }
    for connection, words in cases.items():
        (problem,) = problems(tmp_path, locale, _sql(connection))
        message, hint = words[locale]
        assert problem.message == message, connection
        if hint is not None:
            assert problem.hint == hint
    (failed,) = problems(tmp_path, locale, _sql("sqlite:///ventes.db", "SELECT nope FROM ventes"))
    assert failed.code == "sql"
    assert failed.message.startswith({"fr": "la requête des transactions a échoué : ",
                                      "en": "the transactions query failed: "}[locale])
    assert failed.hint == {"fr": "vérifiez la requête dans data.*.sql",
                           "en": "check the query in data.*.sql"}[locale]


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_a_file_aligned_with_spaces_in_the_plans_language(tmp_path: Path, locale: str) -> None:
    (tmp_path / "t.txt").write_text("client     date        amount\nC1         01/02/2025  12\n",
                                    encoding="utf-8")
    (problem,) = problems(tmp_path, locale, transactions("t.txt"))
    assert problem.code == "aligned-text"
    start = {"fr": f"le fichier des transactions {tmp_path / 't.txt'} semble aligné par des "
                   "espaces : son en-tête ",
             "en": f"the transactions file {tmp_path / 't.txt'} looks aligned with spaces: "
                   "its header "}[locale]
    assert problem.message.startswith(start)
    assert problem.hint is not None and problem.hint.startswith(
        {"fr": "exportez de nouveau les données en CSV",
         "en": "export the data again as CSV"}[locale])


@pytest.mark.parametrize("locale", ["fr", "en"])
def test_a_client_twice_in_the_register_is_said_in_the_plans_language(
        tmp_path: Path, locale: str) -> None:
    (tmp_path / "t.csv").write_text("client;date;amount\nA;01/02/2025;1\n", encoding="utf-8")
    (tmp_path / "c.csv").write_text("client;name\nA;Alpha\nB;Beta\nA;Alpha 2\nA;Alpha 3\n"
                                    "B;Beta 2\n", encoding="utf-8")
    found = problems(tmp_path, locale, transactions("t.csv")
                     + "  clients: {path: c.csv, columns: {id: client, name: name}}\n")
    assert [(p.code, p.line) for p in found] == [("duplicate-client", 4),
                                                  ("duplicate-client", 6)]
    assert [p.message for p in found] == {
        "fr": ["le client 'A' figure plus d'une fois dans le fichier clients (lignes 2 et 4 et "
               "1 autre)",
               "le client 'B' figure plus d'une fois dans le fichier clients (lignes 3 et 6)"],
        "en": ["client 'A' appears more than once in the register (rows 2 and 4 and 1 more)",
               "client 'B' appears more than once in the register (rows 3 and 6)"]}[locale]
    assert found[0].hint == {
        "fr": "gardez une seule ligne par client dans le fichier clients (un identifiant par "
              "client)",
        "en": "keep one row per client in the register (one id per client)"}[locale]


@pytest.mark.parametrize("locale", ["fr", "en"])
@pytest.mark.parametrize("skip", [False, True])
def test_an_engines_bad_lines_are_said_in_the_plans_language(
        tmp_path: Path, locale: str, skip: bool) -> None:
    """DuckDB's count of the lines it cannot use (no client id, a NaN amount), as an error
    or, with bad_rows: skip, as warnings; codes unchanged."""
    pytest.importorskip("duckdb")
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"client": ["A", "B", "A", None], "date": [dt.date(2025, 3, 1)] * 4,
                             "amount": [10.0, float("nan"), 5.0, 3.0]}), tmp_path / "t.parquet")
    data = transactions("t.parquet") + "  engine: duckdb\n" + (
        "  bad_rows: skip\n" if skip else "")
    plan = load_plan_text(f"{HEADER}locale: {locale}\ndata:\n{data}", "plan.pac.yaml", tmp_path)
    session = Session.open(plan, check=False)  # the lines are read by the query
    if skip:
        found = [p for p in session.evaluate(dt.date(2025, 12, 31)).problems
                 if p.code.startswith("bad-rows")]
    else:
        with pytest.raises(LedgerError) as info:
            session.evaluate(dt.date(2025, 12, 31))
        found = list(info.value.problems)
    source = str(tmp_path / "t.parquet")
    assert [(p.code, p.severity) for p in found] == [
        ("bad-rows-missing-client", "warning" if skip else "error"),
        ("bad-rows-bad-amount", "warning" if skip else "error")]
    if locale == "fr":
        noun = "ligne écartée" if skip else "ligne"
        assert [p.message for p in found] == [
            f"1 {noun} de {source} sans identifiant client dans la colonne 'client'",
            f"1 {noun} de {source} sans montant (ou un montant NaN) dans la colonne 'amount'"]
    else:
        tail = " left out" if skip else ""
        assert [p.message for p in found] == [
            f"1 line of {source} with no client id in column 'client'{tail}",
            f"1 line of {source} with no amount (or NaN) in column 'amount'{tail}"]
    assert found[0].hint == (None if skip else {
        "fr": "corrigez la source, ou écartez ces lignes avec --skip-bad-rows (bad_rows: skip)",
        "en": "fix the source, or leave these lines out with --skip-bad-rows "
              "(bad_rows: skip)"}[locale])
