"""The YAML editor: texts read back as written (any text), readings appended in the list's
own style, keys added, nothing else in the file touched; and random edits made through a
workbook equal the same edits made to the model."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sync_helpers import copy_example, make_workbook

from pacspec.loader import load_plan, load_plan_text
from pacspec.session import sync
from pacspec.sync.yamledit import PlanEditor, render_text
from pacspec.yamlio import load_yaml

# Text a cell may hold (Excel refuses most control characters; a CR is not typed in a cell)
_PIECES = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                        blacklist_characters="\ufeff\x85") | st.sampled_from(
    [*"\n\t :#-'\"&*!|>%@`[]{},?~", "é", "€", " - ", ": ", " #", "\n\n", "  "])
TEXTS = st.lists(_PIECES, min_size=1, max_size=20).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.integers(0, 8), st.booleans())
def test_any_text_reads_back_as_written(value: str, indent: int, flow: bool) -> None:
    rendered = render_text(value, indent, flow)
    pad = " " * indent
    after = f"\n\n{pad}# a comment\n\n{pad}z: 1\n"  # what follows a value in a plan
    document = f"{pad}k: [{rendered}]{after}" if flow else f"{pad}k: {rendered}{after}"
    assert load_yaml(document).data == {"k": [value] if flow else value, "z": 1}


def _edit(text: str, apply: Any) -> str:
    editor = PlanEditor(text)
    apply(editor)
    return editor.text()


def test_a_block_list_of_readings_gets_an_item_of_its_own_style() -> None:
    text = ("actions:\n  - id: a\n    progress:\n      - on: 2026-01-31\n        value: 10\n"
            "      # next review in March\n    budget: 5\n")
    new = _edit(text, lambda e: e.append_reading(("actions", 0, "progress"),
                                                 dt.date(2026, 2, 28), 20))
    assert new == ("actions:\n  - id: a\n    progress:\n      - on: 2026-01-31\n"
                   "        value: 10\n      - on: 2026-02-28\n        value: 20\n"
                   "      # next review in March\n    budget: 5\n")
    text = "progress:\n  - {on: 2026-01-31, value: 10}  # first\nbudget: 5"
    new = _edit(text, lambda e: e.append_reading(("progress",), dt.date(2026, 2, 28), 12.5))
    assert new == ("progress:\n  - {on: 2026-01-31, value: 10}  # first\n"
                   "  - {on: 2026-02-28, value: 12.5}\nbudget: 5")


def test_a_long_flow_list_breaks_onto_an_aligned_line() -> None:
    text = ("spent: [{on: 2026-01-31, value: 1000}, {on: 2026-02-28, value: 2000},"
            " {on: 2026-03-31, value: 3000}]\n")
    new = _edit(text, lambda e: e.append_reading(("spent",), dt.date(2026, 4, 30), 4000))
    assert new == text[:-2] + ",\n        {on: 2026-04-30, value: 4000}]\n"


def test_keys_are_added_to_block_and_flow_mappings_and_a_text_replaced_in_place() -> None:
    text = ("a: {id: x, title: T}\nb:\n  title: U  # the title\n  due: 2026-05\n\n"
            "c: |\n  one\n  two\nd: 1\n")
    new = _edit(text, lambda e: (
        e.add_text_key(("a",), "comments", "vu: oui"),
        e.add_text_key(("b",), "results", "deux\nlignes", after=("title",)),
        e.set_text(("c",), "un"),
    ))
    assert new == ("a: {id: x, title: T, comments: 'vu: oui'}\nb:\n  title: U  # the title\n"
                   "  results: |-\n    deux\n    lignes\n  due: 2026-05\n\nc: un\nd: 1\n")


def test_crlf_line_ends_and_a_missing_final_break_are_kept() -> None:
    text = "a:\r\n  x: 1\r\n  y: [{on: 2026-01-31, value: 1}]"
    new = _edit(text, lambda e: (e.add_key(("a",), "z", "2"),
                                 e.append_reading(("a", "y"), dt.date(2026, 2, 1), 2)))
    assert new == ("a:\r\n  x: 1\r\n  y: [{on: 2026-01-31, value: 1}, {on: 2026-02-01, "
                   "value: 2}]\r\n  z: 2")


# ------------------------------------------------------------------- through a workbook

AS_OF = dt.date(2026, 10, 30)
ON = dt.date(2026, 11, 30)
_EXAMPLE: dict[str, Any] = {}


def _example() -> tuple[Path, Any]:
    if not _EXAMPLE:
        folder = Path(tempfile.mkdtemp(prefix="pacspec-sync-"))
        path = copy_example(folder)
        _EXAMPLE.update(path=path, loaded=load_plan(path))
    return _EXAMPLE["path"], _EXAMPLE["loaded"]


CELL_TEXTS = TEXTS.filter(lambda t: not t.startswith("="))
"""Texts a user can type as a cell's value: one starting with ``=`` is a formula, in Excel
as through openpyxl, and sync refuses it (``sync-formula``, tested on its own)."""
_FIELD_VALUES = {
    "progress": st.integers(0, 100).map(lambda n: n / 100),
    "spent": st.integers(0, 10_000_000).map(lambda n: n / 100),
    "comments": st.none() | CELL_TEXTS,
    "results": st.none() | CELL_TEXTS,
}
EDITS = st.dictionaries(
    st.tuples(st.sampled_from([a.id for a in _example()[1].plan.actions]),
              st.sampled_from(sorted(_FIELD_VALUES))),
    st.none(), max_size=8).flatmap(lambda keys: st.fixed_dictionaries(
        {key: _FIELD_VALUES[key[1]] for key in keys}))


def _expected(actions: list[Any], edits: dict[tuple[str, str], Any]) -> list[dict[str, Any]]:
    """The plan's actions with the edits made to the model: a reading dated ON for a
    changed progress or spent, the text for comments and results."""
    out = []
    for action in actions:
        data = action.model_dump(mode="json", by_alias=True)
        for (action_id, name), value in edits.items():
            if action_id != action.id:
                continue
            if name in ("progress", "spent"):
                plan_value = round(value * 100, 4) if name == "progress" else value
                readings = data[name] or []
                last = readings[-1]["value"] if readings else (0 if name == "progress" else None)
                if last is None or abs(last - plan_value) > 1e-6:
                    data[name] = [*readings, {"on": ON.isoformat(), "value": plan_value}]
            else:
                data[name] = value if value is not None and value.strip() else None
        out.append(data)
    return out


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
@example({("vip-nautilus", "comments"): None, ("vip-nautilus", "progress"): 0.07})
def test_edits_through_a_workbook_equal_the_same_edits_on_the_model(
        edits: dict[tuple[str, str], Any]) -> None:
    path, loaded = _example()
    with tempfile.TemporaryDirectory() as folder:
        book = make_workbook(path, Path(folder) / "pac.xlsx", AS_OF, edits=edits)
        result = sync([book], path, on=ON)
    new = load_plan_text(result.new.decode("utf-8"), base_dir=path.parent)
    assert [a.model_dump(mode="json", by_alias=True) for a in new.plan.actions] == _expected(
        loaded.plan.actions, edits)
    assert new.plan.model_dump(exclude={"actions"}) == loaded.plan.model_dump(
        exclude={"actions"})
    if not result.changed:
        assert result.new == path.read_bytes()


@pytest.mark.parametrize("value", ["#hashtag", "- tiret", "a: b", "'quoted'", '"dq"',
                                   "multi\nline\n", "  indented", "null", "123", "2026-05-01",
                                   "yes", "[liste]", "{map}", "@at", "`tick`", "x #y",
                                   "%pct", "&anchor", "*alias", "!tag", "|pipe", ">gt"])
def test_tricky_texts_round_trip_through_the_plan(value: str, tmp_path: Path) -> None:
    path = copy_example(tmp_path)
    book = make_workbook(path, tmp_path / "pac.xlsx", AS_OF,
                         edits={("vip-nautilus", "comments"): value,
                                ("fidelisation", "results"): value})
    sync([book], path, on=ON, write=True)
    actions = {a.id: a for a in load_plan(path).plan.actions}
    assert actions["vip-nautilus"].comments == value
    assert actions["fidelisation"].results == value


def test_a_text_of_several_lines_in_a_crlf_file_keeps_crlf() -> None:
    text = "a:\r\n  x: 1\r\n  c: old\r\n"
    new = _edit(text, lambda e: (e.set_text(("a", "c"), "un\ndeux"),
                                 e.add_text_key(("a",), "r", "trois\nquatre")))
    assert new == "a:\r\n  x: 1\r\n  c: |-\r\n    un\r\n    deux\r\n  r: |-\r\n    trois\r\n    quatre\r\n"
    assert load_yaml(new).data == {"a": {"x": 1, "c": "un\ndeux", "r": "trois\nquatre"}}
