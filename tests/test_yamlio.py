"""Tests for pacspec.yamlio: strict, position-keeping YAML loading and dumping."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pacspec import yamlio
from pacspec.diagnostics import PlanError, Problem
from pacspec.yamlio import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_NODES,
    Mark,
    YamlDocument,
    dump_yaml,
    load_yaml,
    load_yaml_file,
    resolve_plain_scalar,
)

LOADERS = [
    pytest.param(yaml.SafeLoader, id="pure"),
    pytest.param(
        getattr(yaml, "CSafeLoader", None),
        id="libyaml",
        marks=pytest.mark.skipif(not yaml.__with_libyaml__, reason="no libyaml"),
    ),
]


@pytest.fixture(params=LOADERS)
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Run a test with both pyyaml parsers."""
    monkeypatch.setattr(yamlio, "_LOADER", request.param)
    yield request.param


def problems_of(text: str | bytes, **limits: int) -> list[Problem]:
    with pytest.raises(PlanError) as info:
        load_yaml(text, "plan.yaml", **limits)
    problems = info.value.problems
    assert problems
    for p in problems:
        assert p.severity == "error"
        assert p.file == "plan.yaml"
        assert "\n" not in p.format()
    return problems


def only_problem(text: str | bytes, **limits: int) -> Problem:
    problems = problems_of(text, **limits)
    assert len(problems) == 1, problems
    return problems[0]


def where(p: Problem) -> tuple[str, int | None, int | None]:
    return p.code, p.line, p.col


# --------------------------------------------------------------------------- API


def test_public_constants() -> None:
    assert DEFAULT_MAX_BYTES == 5 * 1024 * 1024
    assert DEFAULT_MAX_NODES == 200_000
    assert DEFAULT_MAX_DEPTH == 100


# --------------------------------------------------------------------------- 1. events, marks

NESTED = """\
plan: demo
actions:
  - name: call
    owner:
      id: 7
  - [x, y]
"""


def test_value_and_key_marks_of_nested_document(loader: Any) -> None:
    doc = load_yaml(NESTED, "p.yaml")
    assert isinstance(doc, YamlDocument)
    assert doc.source == "p.yaml"
    assert doc.data == {
        "plan": "demo",
        "actions": [{"name": "call", "owner": {"id": 7}}, ["x", "y"]],
    }
    assert doc.value_marks == {
        (): Mark(1, 1),
        ("plan",): Mark(1, 7),
        ("actions",): Mark(3, 3),
        ("actions", 0): Mark(3, 5),
        ("actions", 0, "name"): Mark(3, 11),
        ("actions", 0, "owner"): Mark(5, 7),
        ("actions", 0, "owner", "id"): Mark(5, 11),
        ("actions", 1): Mark(6, 5),
        ("actions", 1, 0): Mark(6, 6),
        ("actions", 1, 1): Mark(6, 9),
    }
    assert doc.key_marks == {
        ("plan",): Mark(1, 1),
        ("actions",): Mark(2, 1),
        ("actions", 0, "name"): Mark(3, 5),
        ("actions", 0, "owner"): Mark(4, 5),
        ("actions", 0, "owner", "id"): Mark(5, 7),
    }


def test_marks_count_characters_not_bytes() -> None:
    doc = load_yaml("échéance: [été, x]\n")
    assert doc.value_marks[("échéance", 1)] == Mark(1, 17)


def test_mark_for_falls_back_to_longest_prefix() -> None:
    doc = load_yaml(NESTED)
    assert doc.mark_for(("actions", 0, "owner", "id")) == (
        Mark(5, 11),
        ("actions", 0, "owner", "id"),
    )
    assert doc.mark_for(("actions", 0, "owner", "id"), prefer_key=True) == (
        Mark(5, 7),
        ("actions", 0, "owner", "id"),
    )
    # missing entries fall back to the nearest known ancestor's value
    assert doc.mark_for(("actions", 0, "due", 3)) == (Mark(3, 5), ("actions", 0))
    assert doc.mark_for(["actions", 9], prefer_key=True) == (Mark(3, 3), ("actions",))
    # a list item has no key: prefer_key falls back to its value
    assert doc.mark_for(("actions", 1), prefer_key=True) == (Mark(6, 5), ("actions", 1))
    assert doc.mark_for(("nope",)) == (Mark(1, 1), ())
    assert load_yaml("").mark_for(("a",)) == (None, ())


def test_does_not_use_compose_or_load(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError("must build from events")

    for name in ("load", "safe_load", "compose", "compose_all"):
        monkeypatch.setattr(yaml, name, forbidden)
    assert load_yaml("a: [1]").data == {"a": [1]}


# --------------------------------------------------------------------------- 2. core schema


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("0", 0),
        ("-0", 0),
        ("+12", 12),
        ("-345", -345),
        ("0o17", 15),
        ("0x1F", 31),
        ("0xff", 255),
        ("1.5", 1.5),
        ("-.5", -0.5),
        ("5.", 5.0),
        ("0.5", 0.5),
        ("1e3", 1000.0),
        ("1.5E-2", 0.015),
        ("0e0", 0.0),
        (".inf", math.inf),
        ("+.Inf", math.inf),
        ("-.INF", -math.inf),
        # YAML 1.1 forms and look-alikes stay strings
        ("yes", "yes"),
        ("no", "no"),
        ("NO", "NO"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("n", "n"),
        ("tRue", "tRue"),
        ("nulL", "nulL"),
        ("1_000", "1_000"),
        ("1:30", "1:30"),
        ("0b101", "0b101"),
        ("0O17", "0O17"),
        ("-0x1", "-0x1"),
        ("0o18", "0o18"),
        ("2026-01-01", "2026-01-01"),
        ("2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z"),
        ("1e", "1e"),
        (".", "."),
        ("inf", "inf"),
        ("nan", "nan"),
        ("+.nan", "+.nan"),
        ("=", "="),
        # leading zeros: client ids and postal codes
        ("01000", "01000"),
        ("-007", "-007"),
        ("+01", "+01"),
        ("00.5", "00.5"),
        ("00", "00"),
        ("01e3", "01e3"),
        ("9" * 5000, "9" * 5000),
    ],
)
def test_resolve_plain_scalar(text: str, expected: Any) -> None:
    value = resolve_plain_scalar(text)
    assert type(value) is type(expected)
    assert value == expected


def test_nan() -> None:
    for text in (".nan", ".NaN", ".NAN"):
        assert math.isnan(resolve_plain_scalar(text))


def test_yaml11_values_stay_strings_when_loaded() -> None:
    doc = load_yaml("a: NO\nb: off\nc: yes\nd: 01000\ne: 2026-01-01\nf: y\ng: 12:30\n")
    assert doc.data == {
        "a": "NO",
        "b": "off",
        "c": "yes",
        "d": "01000",
        "e": "2026-01-01",
        "f": "y",
        "g": "12:30",
    }


def test_quoted_and_block_scalars_are_strings() -> None:
    doc = load_yaml("a: '1'\nb: \"true\"\nc: |\n  null\nd: >-\n  5\ne: ''\nf: ! 12\n")
    assert doc.data == {"a": "1", "b": "true", "c": "null\n", "d": "5", "e": "", "f": "12"}


def test_empty_values_are_null() -> None:
    assert load_yaml("a:\nb: ~\n").data == {"a": None, "b": None}


# --------------------------------------------------------------------------- 3. tags


def test_explicit_core_tags() -> None:
    doc = load_yaml(
        'a: !!str 5\nb: !!int "7"\nc: !!float 3\nd: !!bool "true"\ne: !!null ""\n'
        "f: !!int 010\ng: !!map {x: 1}\nh: !!seq [1]\ni: !!str\nj: !!float .inf\n"
    )
    assert doc.data == {
        "a": "5",
        "b": 7,
        "c": 3.0,
        "d": True,
        "e": None,
        "f": 10,
        "g": {"x": 1},
        "h": [1],
        "i": "",
        "j": math.inf,
    }
    assert type(doc.data["c"]) is float


@pytest.mark.parametrize(
    ("text", "col"),
    [
        ("!!python/object:os.system x", 6),
        ("!!python/object/apply:os.system [ls]", 6),
        ("!!timestamp 2026-01-01", 6),
        ("!!binary aGVsbG8=", 6),
        ("!!set {a, b}", 6),
        ("!!omap [a: 1]", 6),
        ("!custom x", 6),
        ("&anchor !custom x", 6),
    ],
)
def test_unsupported_tag(text: str, col: int) -> None:
    p = only_problem(f"ok: 1\nkey: {text}\n")
    assert where(p) == ("unsupported-tag", 2, col)
    assert p.json_path == "$.key"


@pytest.mark.parametrize(
    "text",
    ["!!int abc", "!!int 1.5", "!!float x", "!!bool yes", "!!null 0", "!!str [1]", "!!seq {a: 1}"],
)
def test_bad_tag_value(text: str) -> None:
    p = only_problem(f"- {text}\n")
    assert where(p) == ("bad-tag-value", 1, 3)
    assert p.json_path == "$[0]"


# --------------------------------------------------------------------------- 4. keys


def test_keys_keep_their_source_text() -> None:
    doc = load_yaml("1: a\ntrue: b\n01000: c\n~: d\n1.50: e\n'x y': f\n")
    assert doc.data == {"1": "a", "true": "b", "01000": "c", "~": "d", "1.50": "e", "x y": "f"}
    assert all(type(k) is str for k in doc.data)


def test_alias_as_key_uses_the_anchored_text() -> None:
    assert load_yaml("a: &k 01\n*k : 2\n").data == {"a": "01", "01": 2}


def test_complex_key() -> None:
    p = only_problem("a: 1\n? [x, y]\n: 2\n")
    assert where(p) == ("complex-key", 2, 3)
    assert p.json_path == "$"
    p = only_problem("a:\n  {b: 1}: 2\n")
    assert where(p) == ("complex-key", 2, 3)
    assert p.json_path == "$.a"


def test_complex_key_through_alias() -> None:
    p = only_problem("a: &m {x: 1}\n*m : 2\n")
    assert where(p) == ("complex-key", 2, 1)


def test_merge_key() -> None:
    p = only_problem("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert where(p) == ("merge-key", 3, 3)
    assert p.json_path == '$.other["<<"]'
    assert p.hint is not None and "include:" in p.hint
    # a quoted '<<' is an ordinary key
    assert load_yaml("'<<': 1\n").data == {"<<": 1}


# --------------------------------------------------------------------------- 5. duplicates


def test_duplicate_keys_are_all_collected() -> None:
    text = (
        "owner: a\n"  # 1
        "actions:\n"  # 2
        "  - name: x\n"  # 3
        "    owner: b\n"  # 4
        "    name: y\n"  # 5
        "owner: c\n"  # 6
        "1: d\n"  # 7
        "'1': e\n"  # 8
    )
    problems = problems_of(text)
    assert [(*where(p), p.json_path) for p in problems] == [
        ("duplicate-key", 5, 5, "$.actions[0].name"),
        ("duplicate-key", 6, 1, "$.owner"),
        ("duplicate-key", 8, 1, '$["1"]'),
    ]
    assert problems[0].message == "duplicate key 'name' (first defined at line 3, col 5)"
    assert problems[1].message == "duplicate key 'owner' (first defined at line 1, col 1)"


def test_duplicates_inside_a_duplicate_value_are_reported() -> None:
    problems = problems_of("a: 1\na:\n  b: 1\n  b: 2\n")
    assert [where(p) for p in problems] == [("duplicate-key", 2, 1), ("duplicate-key", 4, 3)]


def test_duplicates_and_later_syntax_error_are_reported_together() -> None:
    problems = problems_of("a: 1\na: 2\nb: [\n")
    assert [p.code for p in problems] == ["duplicate-key", "yaml-syntax"]


# --------------------------------------------------------------------------- 6. aliases


def test_alias_reuses_the_anchored_object() -> None:
    doc = load_yaml("base: &b {x: [1, 2]}\nc1: *b\nc2: *b\n")
    assert doc.data["c1"] is doc.data["base"]
    assert doc.data["c2"] is doc.data["base"]
    assert doc.value_marks[("c2",)] == Mark(3, 5)
    # positions inside an alias fall back to the alias itself
    assert doc.mark_for(("c2", "x", 1)) == (Mark(3, 5), ("c2",))


def test_anchor_may_be_redefined() -> None:
    assert load_yaml("a: &x 1\nb: *x\nc: &x 2\nd: *x\n").data == {"a": 1, "b": 1, "c": 2, "d": 2}


BILLION_LAUGHS = (
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
)


def test_billion_laughs_is_refused_quickly() -> None:
    assert len(BILLION_LAUGHS) < 1024
    start = time.perf_counter()
    p = only_problem(BILLION_LAUGHS)
    # refused before expanding: the full expansion (9**9 nodes) would take minutes; the bound
    # is loose so that a loaded CI machine cannot fail it (it takes milliseconds)
    assert time.perf_counter() - start < 5.0
    # f's subtree is 9**6 + ... > 200 000 nodes: the second *e already crosses the limit
    assert where(p) == ("too-many-nodes", 6, 11)
    assert p.json_path == "$.f[1]"


def test_max_nodes_counts_expanded_aliases() -> None:
    text = "a: &a [1, 2, 3]\nb: [*a, *a]\n"
    # root, a, [1, 2, 3] (4 nodes), b, [...], then 4 nodes per alias: 16
    assert load_yaml(text, max_nodes=16).data["b"][1] == [1, 2, 3]
    p = only_problem(text, max_nodes=15)
    assert where(p) == ("too-many-nodes", 2, 9)


def test_unknown_alias() -> None:
    p = only_problem("a: 1\nb: [*nope]\n")
    assert where(p) == ("yaml-syntax", 2, 5)
    assert "nope" in p.message


def test_recursive_alias() -> None:
    p = only_problem("a: &a\n  - 1\n  - *a\n")
    assert where(p) == ("recursive-alias", 3, 5)


def test_deep_flow_nesting_is_refused_without_recursion() -> None:
    start = time.perf_counter()
    p = only_problem("[" * 100_000 + "]" * 100_000)
    assert time.perf_counter() - start < 5.0  # loose: a loaded CI machine; it takes ms
    assert where(p) == ("too-deep", 1, 101)


def test_deep_flow_nesting_beyond_libyaml_limit() -> None:
    p = only_problem("[" * 100_000, max_depth=5000)
    assert p.code == "too-deep"
    assert p.line == 1


def test_deep_block_nesting(loader: Any) -> None:
    text = "".join("  " * i + "-\n" for i in range(120))
    p = only_problem(text)
    assert where(p) == ("too-deep", 101, 201)
    assert load_yaml(text, max_depth=120).data is not None


def test_max_depth_is_inclusive() -> None:
    assert load_yaml("[[[1]]]", max_depth=3).data == [[[1]]]
    assert where(only_problem("[[[1]]]", max_depth=2)) == ("too-deep", 1, 3)


def test_depth_counts_aliased_subtrees() -> None:
    text = "a: &a [[[1]]]\nb: [[*a]]\n"
    assert load_yaml(text, max_depth=6).data["b"] == [[[[[1]]]]]
    assert where(only_problem(text, max_depth=5)) == ("too-deep", 2, 6)


# --------------------------------------------------------------------------- 7. size, encoding


def test_file_too_large_before_parsing() -> None:
    p = only_problem(b"a: [" * 50, max_bytes=100)
    assert p.code == "file-too-large"
    assert p.line is None
    assert load_yaml(b"a: 1", max_bytes=4).data == {"a": 1}
    # str input is measured in UTF-8 bytes
    assert only_problem("é" * 3, max_bytes=5).code == "file-too-large"


def test_file_too_large_is_checked_via_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("a: 1\n" * 100)
    with pytest.raises(PlanError) as info:
        load_yaml_file(path, max_bytes=50)
    assert info.value.problems[0].code == "file-too-large"
    assert info.value.problems[0].file == str(path)


def test_invalid_utf8_position() -> None:
    p = only_problem(b"a: 1\nb: caf\xe9 noir\n")
    assert where(p) == ("encoding", 2, 7)
    assert p.hint == "save the file as UTF-8"
    p = only_problem("ligne: é\nx: ".encode() + b"\xc3(")
    assert where(p) == ("encoding", 2, 4)


def test_utf16_is_refused() -> None:
    p = only_problem("a: 1\n".encode("utf-16"))
    assert where(p) == ("encoding", 1, 1)
    assert "UTF-16" in p.message


def test_bom_is_accepted() -> None:
    doc = load_yaml(b"\xef\xbb\xbfa: 1\nb: [x]\n")
    assert doc.data == {"a": 1, "b": ["x"]}
    assert doc.key_marks[("a",)] == Mark(1, 1)
    assert doc.value_marks[("b", 0)] == Mark(2, 5)
    assert load_yaml("\ufeffa: 1").data == {"a": 1}


@pytest.mark.parametrize(("char", "col"), [("\x00", 5), ("\x07", 5), ("\x1b", 5), ("\ud800", 5)])
def test_control_characters(char: str, col: int) -> None:
    p = only_problem(f"a: 1\nb: x{char}y\n")
    assert where(p) == ("yaml-syntax", 2, col)


def test_nul_byte_in_bytes() -> None:
    assert where(only_problem(b"a: 1\n\x00")) == ("yaml-syntax", 2, 1)


# --------------------------------------------------------------------------- 8. syntax


def test_syntax_error_position_and_message() -> None:
    p = only_problem("a: 1\nb: [1, 2\nc: 3\n")
    assert p.code == "yaml-syntax"
    assert (p.line, p.col) == (3, 2)
    assert "line 2, col 4" in p.message  # the context: where the flow sequence started
    p = only_problem("a: b: c\n")
    assert where(p) == ("yaml-syntax", 1, 5)
    assert p.message.startswith("mapping values are not allowed")
    assert p.hint is None


def test_syntax_error_positions_with_pure_parser(loader: Any) -> None:
    p = only_problem("key: 'unterminated\n")
    assert where(p) == ("yaml-syntax", 2, 1)
    assert "quoted scalar" in p.message


def test_tab_indentation_hint(loader: Any) -> None:
    p = only_problem("plan:\n\towner: a\n")
    assert where(p) == ("yaml-syntax", 2, 1)
    assert p.hint == "indent with spaces, not tabs"


def test_multiple_documents() -> None:
    p = only_problem("a: 1\n---\nb: 2\n")
    assert where(p) == ("multiple-documents", 2, 1)
    p = only_problem("--- \na: 1\n...\n--- \nb: 2\n")
    assert where(p) == ("multiple-documents", 4, 1)
    # one explicit document is fine
    assert load_yaml("---\na: 1\n...\n").data == {"a": 1}


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n", b"", "---\n"])
def test_empty_document_is_none(text: str | bytes) -> None:
    doc = load_yaml(text)
    assert doc.data is None


def test_top_level_scalar_and_list() -> None:
    assert load_yaml("hello").data == "hello"
    assert load_yaml("- 1\n- b\n").data == [1, "b"]


# --------------------------------------------------------------------------- 9. files


def test_missing_file_is_io_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    with pytest.raises(PlanError) as info:
        load_yaml_file(missing)
    (p,) = info.value.problems
    assert p.code == "io"
    assert p.file == str(missing)
    assert p.line is None
    assert "No such file" in p.message


def test_directory_is_io_error(tmp_path: Path) -> None:
    with pytest.raises(PlanError) as info:
        load_yaml_file(str(tmp_path), source="plans/x.yaml")
    assert info.value.problems[0].code == "io"
    assert info.value.problems[0].file == "plans/x.yaml"


def test_load_yaml_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.pac.yaml"
    path.write_bytes("\ufeffnom: Économie\nzip: 01000\n".encode())
    doc = load_yaml_file(path)
    assert doc.data == {"nom": "Économie", "zip": "01000"}
    assert doc.source == str(path)
    assert load_yaml_file(str(path), source="x.yaml").source == "x.yaml"
    path.write_text("a: 1\na: 2\n")
    with pytest.raises(PlanError) as info:
        load_yaml_file(path, source="shown.yaml")
    assert str(info.value).startswith("shown.yaml:2:1: error[duplicate-key] $.a:")


# --------------------------------------------------------------------------- 10. dumping


def test_dump_quotes_strings_that_would_change() -> None:
    values = ["0o17", "1e3", "true", ".inf", "", "yes", "2026-01-01", "01000", "~", "<<", "1_000"]
    out = dump_yaml({"v": values})
    for value in values:
        assert f"- '{value}'" in out or f'- "{value}"' in out
    assert load_yaml(out).data == {"v": values}


def test_dump_layout() -> None:
    long = "mot " * 100
    data = {"zeta": 1, "alpha": {"b": [1, 2.5, None, True]}, "texte": "éà €", "long": long}
    out = dump_yaml(data)
    assert out == (
        f"zeta: 1\nalpha:\n  b:\n  - 1\n  - 2.5\n  - null\n  - true\ntexte: éà €\nlong: '{long}'\n"
    )
    assert load_yaml(out).data == data


def test_dump_dates_as_iso_strings() -> None:
    out = dump_yaml({"due": dt.date(2026, 3, 31), "at": dt.datetime(2026, 1, 2, 3, 4, 5)})
    assert load_yaml(out).data == {"due": "2026-03-31", "at": "2026-01-02T03:04:05"}


def test_dump_repeats_shared_objects_without_anchors() -> None:
    shared = {"x": 1}
    out = dump_yaml({"a": shared, "b": shared})
    assert "&" not in out and "*" not in out


def test_dump_rejects_unsupported_objects() -> None:
    with pytest.raises(TypeError):
        dump_yaml({"a": object()})


# --------------------------------------------------------------------------- properties

TRICKY = st.sampled_from(
    [
        "yes", "no", "on", "off", "NO", "y", "~", "null", "true", "False", "0o17", "0x1F",
        "1e3", ".inf", "-.inf", ".nan", "01000", "-007", "00.5", "1_000", "1:30", "0b101",
        "2026-01-01", "2026-01-01T10:00:00", "<<", "=", "", "- x", ": x", "#c", "a: b",
        "'q'", '"d"', "&a", "*a", "!x", "%x", "@x", "`x", "|", ">", "?", " lead", "trail ",
        "a\nb", "\t", "\r\n", "\x85", "\u2028", "\ufeff", "é", "💥", "0", "-0", "+1", ".5",
        "5.", "1e400", "...", "---",
    ]
)  # fmt: skip
TEXT = st.one_of(st.text(), TRICKY, st.lists(TRICKY, max_size=4).map("".join))
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
)
JSON_LIKE = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(TEXT, children, max_size=4)
    ),
    max_leaves=12,
)

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(JSON_LIKE)
def test_dump_load_round_trip(data: Any) -> None:
    assert load_yaml(dump_yaml(data)).data == data


@FAST
@given(TEXT)
def test_plain_scalar_resolution_round_trips_through_dump(text: str) -> None:
    assert load_yaml(dump_yaml([text])).data == [text]


def load_or_plan_error(text: str | bytes) -> None:
    try:
        doc = load_yaml(text, max_nodes=5000)
    except PlanError as exc:
        assert exc.problems
        assert all(isinstance(p, Problem) for p in exc.problems)
        for p in exc.problems:
            p.format()
    else:
        assert isinstance(doc, YamlDocument)


@FAST
@given(st.text())
def test_arbitrary_text_never_crashes(text: str) -> None:
    load_or_plan_error(text)


@FAST
@given(st.binary())
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    load_or_plan_error(data)


BASE_DOC = (
    "pacspec: 1\n"
    "owner: &o Marie\n"
    "actions:\n"
    "  - name: relance\n"
    "    due: 2026-01-01\n"
    "    tags: [a, 'b', {c: 1}]\n"
    "    who: *o\n"
    "notes: |\n"
    "  libre\n"
)
PIECES = st.sampled_from(
    [
        *" :-[]{}&*!|>'\"#\t\n,?%@`\x00\ufeff\r\x85",
        *("*o", "*x", "&o ", "<<: ", "---\n", "? ", "!!int ", "!!x ", "\n  - ", "01", "\xe9"),
    ]
)


def mutate(mutations: list[tuple[int, int, str]]) -> str:
    doc = BASE_DOC
    for at, cut, piece in mutations:
        at %= len(doc) + 1
        doc = doc[:at] + piece + doc[at + cut :]
    return doc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 200), st.integers(0, 3), PIECES), max_size=6))
def test_mutated_documents_never_crash(mutations: list[tuple[int, int, str]]) -> None:
    text = mutate(mutations)
    load_or_plan_error(text)
    load_or_plan_error(text.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize(("encoding", "name"), [("utf-32", "UTF-32"), ("utf-32-be", None),
                                                ("utf-16", "UTF-16")])
def test_utf16_and_utf32_are_named(encoding: str, name: str | None) -> None:
    data = "a: 1\n".encode(encoding)
    if name is None:  # no BOM: only the bad byte can be named
        data = b"\x00\x00\xfe\xff" + data
        name = "UTF-32"
    with pytest.raises(PlanError) as info:
        load_yaml(data)
    assert info.value.problems[0].message == f"the file is {name} encoded, not UTF-8"


def test_a_duplicate_key_is_quoted_short() -> None:
    key = "k" * 500
    with pytest.raises(PlanError) as info:
        load_yaml(f"{key}: 1\n{key}: 2\n")
    (problem,) = info.value.problems
    assert problem.code == "duplicate-key" and len(problem.message) < 120
    assert problem.message.startswith("duplicate key 'kkkk") and "…'" in problem.message
