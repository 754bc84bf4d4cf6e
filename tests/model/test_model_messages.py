"""The plan model's own checks speak the plan's language: each message code has a text in
every locale with the same placeholders and every code raised exists (a French plan reading
them in French: tests/lint/test_messages_lang.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from pacspec.model import messages
from pacspec.model.messages import MESSAGES, PREFIX, invalid
from pacspec.validation import render

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
