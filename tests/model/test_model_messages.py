"""The plan model's own checks speak the plan's language: each message code has a text in
every locale with the same placeholders, every code raised exists, and a French plan reads
them in French (an English one, or ``--lang en``, in English), at the same line and code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import HEADER

from pacspec.lint import validate_file
from pacspec.model import messages
from pacspec.model.messages import MESSAGES, PREFIX, invalid, render

MODEL = Path(messages.__file__).parent


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_every_message_has_both_locales_with_the_same_placeholders() -> None:
    for code, texts in MESSAGES.items():
        assert set(texts) == {"fr", "en"}, code
        assert _placeholders(texts["fr"]) == _placeholders(texts["en"]), code


def _raised_codes() -> set[str]:
    """The codes given to ``invalid(...)`` in the model's source (f-strings expanded by the
    classes' ``_WHAT``)."""
    found: set[str] = set()
    for path in MODEL.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        whats = {node.value.value for node in ast.walk(tree)
                 if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)
                 and node.target.id == "_WHAT" and isinstance(node.value, ast.Constant)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "invalid" and node.args):
                arg = node.args[0]
                if isinstance(arg, ast.IfExp):
                    found |= {b.value for b in (arg.body, arg.orelse)
                              if isinstance(b, ast.Constant)}
                elif isinstance(arg, ast.Constant):
                    found.add(arg.value)
                elif isinstance(arg, ast.JoinedStr):
                    tail = "".join(v.value for v in arg.values if isinstance(v, ast.Constant))
                    found |= {what + tail for what in whats}
    return found


def test_every_code_raised_has_its_texts_and_every_text_is_used() -> None:
    raised = _raised_codes()
    assert raised, "no invalid(...) call found in pacspec/model"
    assert raised <= set(MESSAGES), raised - set(MESSAGES)
    assert set(MESSAGES) <= raised, set(MESSAGES) - raised


def test_english_message_is_the_error_message_and_nesting_renders_in_both() -> None:
    inner = invalid("date_format", value="'2026-13'")
    outer = invalid("reading_date", i=1, what="progress", detail=inner)
    assert outer.message() == ("reading 1 of progress: expected a date written YYYY-MM-DD, "
                               "found '2026-13'")
    assert outer.type == PREFIX + "reading_date"
    assert render(outer.type, outer.context or {}, "fr") == (
        "relevé 1 de progress : date attendue sous la forme AAAA-MM-JJ (YYYY-MM-DD) ; "
        "trouvé : '2026-13'")
    assert render(outer.type, outer.context or {}, "en") == outer.message()
    assert render("value_error", {}, "fr") is None


ACTION = """\
actions:
  - id: a1
    title: Action
    type: commercial
    subtype: win_back
    priority: 1
    owner: DC
    due: 2026-06
"""  # lines 7-14; extra keys on line 15

CASES = [
    (ACTION + "    progress: 120\n", 15, 15,
     "progress doit être compris entre 0 et 100 ; trouvé : 120",
     "progress must be between 0 and 100, found 120"),
    (ACTION + "    start: 2026-09-01\n", 8, 5,
     "l'échéance (due : 2026-06-30) précède le début (start : 2026-09-01)",
     "due (2026-06-30) is before start (2026-09-01)"),
    (ACTION + "    progress: [{on: 2026-06-30, value: 20}, {on: 2026-03-31, value: 30}]\n",
     15, 15,
     "le relevé 1 de progress (2026-03-31) doit venir après le relevé 0 (2026-06-30) : "
     "listez les relevés dans l'ordre des dates",
     "reading 1 of progress (2026-03-31) must come after reading 0 (2026-06-30): list the "
     "readings in date order"),
    (ACTION + "    spent: [{on: 2026-02-30, value: 10}]\n", 15, 12,
     "relevé 0 de spent : '2026-02-30' n'est pas une date valide",
     "reading 0 of spent: '2026-02-30' is not a valid date"),
    (ACTION.replace("subtype: win_back", "subtype: training"), 8, 5,
     "le sous-type 'training' n'est pas un sous-type de commercial ; valeurs possibles :",
     "subtype 'training' is not a commercial subtype; expected one of"),
]


@pytest.mark.parametrize(("body", "line", "col", "fr", "en"), CASES,
                         ids=[str(i) for i in range(len(CASES))])
def test_model_checks_in_both_languages(tmp_path: Path, body: str, line: int, col: int,
                                        fr: str, en: str) -> None:
    plan = tmp_path / "plan.pac.yaml"
    plan.write_text(HEADER + body, encoding="utf-8")
    french = [p for p in validate_file(plan, lang=None) if p.severity == "error"]
    english = [p for p in validate_file(plan, lang="en") if p.severity == "error"]
    assert len(french) == len(english) == 1, [p.format() for p in french]
    (f,), (e,) = french, english
    assert (f.code, f.line, f.col) == (e.code, e.line, e.col) == ("value", line, col)
    assert fr in f.message and en in e.message, (f.message, e.message)
