"""``pacspec sync`` without openpyxl (the ``xlsx`` extra) says so in the given plan's
language, worded like the other missing extras (``pacspec report -o pac.xlsx``): the
workbook cannot be opened, so its own locale is not known; without a plan, French, the
default locale."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN, run_main


def _english_plan(tmp_path: Path) -> Path:
    text = EXAMPLE_PLAN.read_text(encoding="utf-8")
    assert "\nlocale: fr\n" in text
    plan = tmp_path / "plan-en.pac.yaml"
    plan.write_text(text.replace("\nlocale: fr\n", "\nlocale: en\n"), encoding="utf-8")
    return plan


@pytest.mark.parametrize(("lang", "expected"), [
    ("fr", "error[missing-dependency] openpyxl n'est pas installé (conseil : installez "
           "l'extra xlsx : pip install 'pacspec[xlsx]')"),
    ("en", "error[missing-dependency] openpyxl is not installed (hint: install the xlsx "
           "extra: pip install 'pacspec[xlsx]')"),
    (None, "error[missing-dependency] openpyxl n'est pas installé (conseil : installez "
           "l'extra xlsx : pip install 'pacspec[xlsx]')"),
])  # fmt: skip
def test_a_missing_openpyxl_is_said_in_the_plans_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str | None,
        expected: str) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if the xlsx extra were missing
    book = tmp_path / "pac.xlsx"
    book.write_bytes(b"never opened")
    plan = {"fr": [str(EXAMPLE_PLAN)], "en": [str(_english_plan(tmp_path))], None: []}[lang]
    for args in ([str(book), *plan], [str(book), *(["--plan", *plan] if plan else [])]):
        code, out, err = run_main(["sync", *args], tmp_path)
        assert code == 2, (out, err)
        assert f"pac.xlsx: {expected}" in err
        assert out == ""
