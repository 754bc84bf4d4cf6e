"""PyYAML imported without compiling its regular expressions (:mod:`pacspec.yamlio`), and the
forbidden-characters class written as the ranges it forbids: the same behaviour, less start-up
work for ``pacspec validate`` (issue 12 item 6)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading

import pytest
from conftest import EXAMPLE_PLAN, REPO

from pacspec import yamlio

# PyYAML's Reader.NON_PRINTABLE, the class YAML allows in a stream, negated.
_NEGATED = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def test_the_forbidden_class_is_pyyamls_non_printable_on_every_code_point() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))  # lone surrogates included
    found = [m.start() for m in yamlio._FORBIDDEN_RE.finditer(every)]
    assert found == [m.start() for m in _NEGATED.finditer(every)]
    assert len(found) == 61 + 0x800 + 2  # controls but tab, LF, CR, NEL; surrogates; FFFE/F


def test_a_forbidden_character_is_still_refused_at_its_position() -> None:
    with pytest.raises(yamlio.PlanError) as caught:
        yamlio.load_yaml("a: 1\nb: x\x07y\n", source="p.yaml")
    problem = caught.value.problems[0]
    assert (problem.code, problem.line, problem.col) == ("yaml-syntax", 2, 5)


_PROBE = """
import json, re, sys
{first}
from pacspec.cli import main
main(["validate", "-q", sys.argv[1]])
pattern = yaml.reader.Reader.NON_PRINTABLE
compiled = getattr(pattern, "_compiled", pattern) is not None
try:
    yaml.safe_load("a: \\x07")
except yaml.YAMLError as exc:
    refused = type(exc).__name__
print(json.dumps({{
    "compile": f"{{re.compile.__module__}}.{{re.compile.__name__}}",
    "type": type(pattern).__name__,
    "compiled": compiled,
    # PyYAML's own loader, through its patterns: resolver, reader and constructor
    "safe_load": repr(yaml.safe_load("a: 2001-12-14\\nb: yes\\nc: 0x1f\\nd: 1_000\\ne: ~\\n")),
    "refused": refused,
}}))
"""


def _probe(first: str) -> dict[str, object]:
    """``pacspec validate`` of the example in a fresh interpreter after ``first``; then
    what PyYAML holds, and how it loads."""
    done = subprocess.run([sys.executable, "-c", _PROBE.format(first=first), str(EXAMPLE_PLAN)],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def test_validate_compiles_none_of_pyyamls_expressions_and_pyyaml_still_works() -> None:
    lazy = _probe("import pacspec.yamlio, yaml")
    assert lazy["compile"] == "re.compile"  # put back after the import
    assert lazy["type"] == "_LazyPattern"
    assert lazy["compiled"] is False  # validate never needed it
    plain = _probe("import yaml")  # imported before pacspec: PyYAML as shipped
    assert (plain["type"], plain["compiled"]) == ("Pattern", True)
    assert lazy["safe_load"] == plain["safe_load"]
    assert lazy["refused"] == plain["refused"] == "ReaderError"
    assert "datetime.date(2001, 12, 14)" in str(lazy["safe_load"])


def test_lazy_patterns_only_in_the_importing_thread() -> None:
    """Another thread compiling an expression while pacspec imports PyYAML gets a real one."""
    yamlio_thread = yamlio._importer
    got: list[object] = []
    worker = threading.Thread(target=lambda: got.append(yamlio._compile_lazily("a+b")))
    worker.start()
    worker.join()
    assert isinstance(got[0], re.Pattern)
    if threading.get_ident() == yamlio_thread:
        lazy = yamlio._compile_lazily("a+b", re.IGNORECASE)
        assert isinstance(lazy, yamlio._LazyPattern)
        assert lazy.fullmatch("AaB") is not None
        assert lazy.pattern == "a+b" and lazy.flags & re.IGNORECASE
