"""Strict, position-keeping YAML loading, and dumping.

Plan files are read with :func:`load_yaml` / :func:`load_yaml_file`, which build plain
Python values (``dict``/``list``/``str``/``int``/``float``/``bool``/``None``) straight from
the parser's events, with an explicit stack (no recursion), and remember where every value
and every mapping key starts, so that later stages can report ``file:line:col``.

The rules are stricter than ``yaml.safe_load``:

* YAML 1.2 core schema for plain scalars (``yes``/``no``/``on``/``off`` stay strings, no
  implicit timestamps, ``01000`` stays a string);
* mapping keys are always strings, taken from their source text;
* duplicate keys, merge keys (``<<``), complex keys and tags outside the core schema are
  errors;
* anchors and aliases are allowed but the expanded document is bounded in node count and
  depth, and the input is bounded in size;
* one document per file.

Every failure raises :class:`~pacspec.diagnostics.PlanError` carrying
:class:`~pacspec.diagnostics.Problem` records. Problem codes: ``file-too-large``,
``encoding``, ``yaml-syntax``, ``multiple-documents``, ``duplicate-key``, ``merge-key``,
``complex-key``, ``unsupported-tag``, ``bad-tag-value``, ``recursive-alias``,
``too-many-nodes``, ``too-deep``, ``io``.
"""

from __future__ import annotations

import _thread
import datetime as _dt
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pacspec.diagnostics import JsonPath, PlanError, Problem
from pacspec.fsio import UnreadableFile, excerpt, read_bounded
from pacspec.reasons import Reason


class _LazyPattern:
    """A regular expression compiled on its first use (see the ``import yaml`` below)."""

    __slots__ = ("_args", "_compiled")

    def __init__(self, pattern: Any, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[Any] | None = None

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = _re_compile(*self._args)
        return getattr(compiled, name)


def _compile_lazily(pattern: Any, flags: int = 0) -> Any:
    """``re.compile`` while this thread imports PyYAML: a :class:`_LazyPattern`."""
    if _thread.get_ident() != _importer:
        return _re_compile(pattern, flags)
    return _LazyPattern(pattern, flags)


# PyYAML compiles about twenty regular expressions when it is imported, for its pure-Python
# reader, resolver and constructor (the reader's NON_PRINTABLE alone, a class over all of
# Unicode, takes ~8 ms, more than parsing the example plan). Loading uses libyaml's events and
# resolves scalars itself (below), so none of them is needed to validate a plan: they are
# compiled on first use instead. `import yaml` runs with `re.compile` returning lazy patterns,
# in this thread only (tests/test_startup.py).
_re_compile, _importer = re.compile, _thread.get_ident()
setattr(re, "compile", _compile_lazily)  # noqa: B010 (mypy: a module's function)
try:
    import yaml
finally:
    setattr(re, "compile", _re_compile)  # noqa: B010

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_MAX_NODES",
    "Mark",
    "YamlDocument",
    "dump_yaml",
    "load_yaml",
    "load_yaml_file",
    "resolve_plain_scalar",
]

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_NODES = 200_000  # after alias expansion
DEFAULT_MAX_DEPTH = 100

# The parser used for loading; tests may swap it for ``yaml.SafeLoader``.
_LOADER: Any = (
    getattr(yaml, "CSafeLoader", yaml.SafeLoader) if yaml.__with_libyaml__ else yaml.SafeLoader
)

# libyaml refuses documents nested deeper than this, before emitting their events.
_LIBYAML_MAX_NESTING = 1000

_TAG_PREFIX = "tag:yaml.org,2002:"
_STR = _TAG_PREFIX + "str"
_INT = _TAG_PREFIX + "int"
_FLOAT = _TAG_PREFIX + "float"
_BOOL = _TAG_PREFIX + "bool"
_NULL = _TAG_PREFIX + "null"
_MAP = _TAG_PREFIX + "map"
_SEQ = _TAG_PREFIX + "seq"
_MERGE = _TAG_PREFIX + "merge"

_TAB_HINT = "indent with spaces, not tabs"
_MERGE_HINT = "repeat the keys, or move the shared part to a rule set and use 'include:'"

# Line breaks as YAML (and both pyyaml parsers) count them.
_BREAK_RE = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# Characters YAML does not allow in a stream: the complement of pyyaml's Reader.NON_PRINTABLE
# ([^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]), lone surrogates
# included, which cannot be encoded for libyaml. Written as the few ranges it forbids, which
# compiles in a tenth of the time of the negated class (tests/test_startup.py compares both).
_FORBIDDEN_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Mark:
    """A position in a source text. Both numbers are 1-based; ``col`` counts characters."""

    line: int
    col: int


@dataclass
class YamlDocument:
    """A loaded YAML document with the source position of every value and key."""

    data: Any
    source: str
    value_marks: dict[JsonPath, Mark] = field(default_factory=dict)
    key_marks: dict[JsonPath, Mark] = field(default_factory=dict)

    def mark_for(
        self, path: Sequence[str | int], prefer_key: bool = False
    ) -> tuple[Mark | None, JsonPath]:
        """Mark of the longest prefix of ``path`` that has one, and that prefix.

        With ``prefer_key``, the mark of the key of the entry at ``path`` is returned when
        there is one (e.g. to point at an unknown key rather than at its value).
        Returns ``(None, ())`` when nothing is known (e.g. an empty document).
        """
        full: JsonPath = tuple(path)
        if prefer_key:
            key_mark = self.key_marks.get(full)
            if key_mark is not None:
                return key_mark, full
        for end in range(len(full), -1, -1):
            prefix = full[:end]
            mark = self.value_marks.get(prefix)
            if mark is not None:
                return mark, prefix
        return None, ()


# --------------------------------------------------------------------------- scalars

_DEC_INT_RE = re.compile(r"[-+]?[0-9]+")
_OCT_INT_RE = re.compile(r"0o[0-7]+")
_HEX_INT_RE = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT_RE = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_INF_RE = re.compile(r"[-+]?\.(?:inf|Inf|INF)")
_NAN_RE = re.compile(r"\.(?:nan|NaN|NAN)")
_LEADING_ZERO_RE = re.compile(r"[-+]?0[0-9]")

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUES = frozenset({"true", "True", "TRUE"})
_FALSES = frozenset({"false", "False", "FALSE"})

_NO_VALUE = object()


def _to_int(text: str, leading_zeros: bool) -> Any:
    """The int ``text`` denotes in the core schema, or ``_NO_VALUE``."""
    if _DEC_INT_RE.fullmatch(text):
        if not leading_zeros and _LEADING_ZERO_RE.match(text):
            return _NO_VALUE
        try:
            return int(text, 10)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            return _NO_VALUE
    if _OCT_INT_RE.fullmatch(text):
        return int(text[2:], 8)
    if _HEX_INT_RE.fullmatch(text):
        return int(text[2:], 16)
    return _NO_VALUE


def _to_float(text: str, leading_zeros: bool) -> Any:
    """The float ``text`` denotes in the core schema, or ``_NO_VALUE``."""
    if _FLOAT_RE.fullmatch(text):
        if not leading_zeros and _LEADING_ZERO_RE.match(text):
            return _NO_VALUE
        return float(text)
    if _INF_RE.fullmatch(text):
        return -math.inf if text.startswith("-") else math.inf
    if _NAN_RE.fullmatch(text):
        return math.nan
    return _NO_VALUE


def resolve_plain_scalar(text: str) -> Any:
    """Resolve an unquoted scalar with the YAML 1.2 core schema, pacspec's way.

    ``null``/``~``/empty -> None; ``true``/``false`` (3 spellings each) -> bool; decimal,
    ``0o`` and ``0x`` integers -> int; decimal/exponent floats and ``.inf``/``.nan`` ->
    float; everything else is the string itself. Decimal numbers with a leading zero
    (``01000``, ``-007``, ``00.5``) stay strings, and so do YAML 1.1 forms (``yes``, ``off``,
    ``1_000``, ``1:30``, ``0b101``, ``2026-01-01``), and so do integers too long for Python
    to convert (over ``sys.get_int_max_str_digits()`` digits).
    """
    if text in _NULLS:
        return None
    if text in _TRUES:
        return True
    if text in _FALSES:
        return False
    first = text[0]
    if first in "0123456789+-.":
        number = _to_int(text, leading_zeros=False)
        if number is _NO_VALUE and not _DEC_INT_RE.fullmatch(text):
            number = _to_float(text, leading_zeros=False)
        if number is not _NO_VALUE:
            return number
    return text


def _tag_name(tag: str) -> str:
    return "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag


# --------------------------------------------------------------------------- positions


def _mark(mark: Any) -> Mark:
    """Convert a pyyaml (0-based) mark."""
    return Mark(int(mark.line) + 1, int(mark.column) + 1)


def _mark_at(text: str, index: int) -> Mark:
    """The 1-based line and column of character ``index`` of ``text``."""
    line, start = 1, 0
    for brk in _BREAK_RE.finditer(text, 0, index):
        line += 1
        start = brk.end()
    return Mark(line, index - start + 1)


def _line_text(text: str, line0: int) -> str:
    """Line number ``line0`` (0-based) of ``text``, without its break."""
    start = 0
    if line0 > 0:
        for count, brk in enumerate(_BREAK_RE.finditer(text), 1):
            if count == line0:
                start = brk.end()
                break
        else:
            return ""
    found = _BREAK_RE.search(text, start)
    return text[start : found.start() if found else len(text)]


def _offset_of(text: str, line0: int, col0: int) -> int:
    """Character offset of a 0-based (line, column) position in ``text``."""
    if line0 == 0:
        return col0
    for count, brk in enumerate(_BREAK_RE.finditer(text), 1):
        if count == line0:
            return brk.end() + col0
    return len(text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- building


class _Abort(Exception):
    """Stops the builder; the problems are in the builder."""


class _Anchor:
    __slots__ = ("height", "nodes", "text", "value")

    def __init__(self, value: Any, nodes: int, height: int, text: str | None) -> None:
        self.value = value
        self.nodes = nodes  # node count of the subtree, aliases expanded
        self.height = height  # collection nesting below and including the node
        self.text = text  # source text for scalars, None for collections


class _Frame:
    """An open mapping or sequence."""

    __slots__ = (
        "anchor",
        "awaiting_key",
        "discard",
        "height",
        "is_map",
        "key",
        "mark",
        "path",
        "seen",
        "skip",
        "start_nodes",
        "value",
    )

    def __init__(
        self,
        is_map: bool,
        path: JsonPath,
        mark: Mark,
        anchor: str | None,
        start_nodes: int,
        discard: bool,
    ) -> None:
        self.is_map = is_map
        self.value: Any = {} if is_map else []
        self.path = path
        self.mark = mark
        self.anchor = anchor
        self.start_nodes = start_nodes
        self.discard = discard  # positions inside are not recorded (key or dropped value)
        self.height = 1
        # mapping state
        self.awaiting_key = True
        self.key: str | None = None
        self.skip = False  # the pending value is dropped (bad or duplicate key)
        self.seen: dict[str, Mark] = {}


class _Builder:
    """Builds Python values from parser events, iteratively, recording positions."""

    def __init__(self, source: str, max_nodes: int, max_depth: int) -> None:
        self.source = source
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.problems: list[Problem] = []
        self.value_marks: dict[JsonPath, Mark] = {}
        self.key_marks: dict[JsonPath, Mark] = {}
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Anchor] = {}
        self.open_anchors: dict[str, int] = {}
        self.nodes = 0
        self.documents = 0
        self.root: Any = None

    # -- problems

    def add(
        self,
        code: str,
        message: str,
        mark: Mark | None,
        path: JsonPath | None = None,
        hint: str | None = None,
        reason: Reason | None = None,
    ) -> None:
        self.problems.append(
            Problem(
                severity="error",
                code=code,
                message=message,
                file=self.source,
                line=mark.line if mark else None,
                col=mark.col if mark else None,
                path=tuple(path) if path is not None else None,
                hint=hint,
                reason=reason,
            )
        )

    def fail(
        self,
        code: str,
        message: str,
        mark: Mark | None,
        path: JsonPath | None = None,
        hint: str | None = None,
        reason: Reason | None = None,
    ) -> _Abort:
        self.add(code, message, mark, path, hint, reason)
        return _Abort()

    # -- driving

    def run(self, text: str, loader: Any) -> Any:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.ScalarEvent):
                self.on_scalar(event)
            elif isinstance(event, yaml.MappingStartEvent):
                self.on_start(event, is_map=True)
            elif isinstance(event, yaml.SequenceStartEvent):
                self.on_start(event, is_map=False)
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                self.on_end()
            elif isinstance(event, yaml.AliasEvent):
                self.on_alias(event)
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise self.fail(
                        "multiple-documents",
                        "a plan file must hold a single YAML document",
                        _mark(event.start_mark),
                        hint="remove the second '---', or split the file",
                        reason=Reason("yaml_multiple_documents"),
                    )
        return self.root

    def slot(self) -> tuple[JsonPath, bool, bool]:
        """Path of the next node, whether its positions are dropped, whether it is a key."""
        if not self.stack:
            return (), False, False
        parent = self.stack[-1]
        if not parent.is_map:
            return (*parent.path, len(parent.value)), parent.discard, False
        if parent.awaiting_key:
            return parent.path, True, True
        path = parent.path if parent.key is None else (*parent.path, parent.key)
        return path, parent.discard or parent.skip, False

    def count(self, nodes: int, mark: Mark, path: JsonPath) -> None:
        self.nodes += nodes
        if self.nodes > self.max_nodes:
            raise self.fail(
                "too-many-nodes",
                f"the document expands to more than {self.max_nodes} nodes "
                "(aliases count as copies of their anchors)",
                mark,
                path,
                hint="use fewer aliases (*name) of large anchored blocks",
                reason=Reason("yaml_too_many_nodes", {"n": str(self.max_nodes)}),
            )

    def too_deep(self, mark: Mark) -> _Abort:
        return self.fail(
            "too-deep", f"the document is nested deeper than {self.max_depth} levels", mark,
            reason=Reason("yaml_too_deep", {"n": str(self.max_depth)}),
        )

    # -- events

    def scalar_value(self, event: yaml.ScalarEvent, mark: Mark, path: JsonPath) -> Any:
        tag, text = event.tag, event.value
        if tag is None:
            return resolve_plain_scalar(text) if event.implicit[0] else text
        if tag in ("!", _STR):
            return text
        if tag in (_INT, _FLOAT, _BOOL, _NULL):
            if tag == _INT:
                value = _to_int(text, leading_zeros=True)
            elif tag == _FLOAT:
                value = _to_float(text, leading_zeros=True)
                if value is _NO_VALUE:
                    value = _to_int(text, leading_zeros=True)
                    value = float(value) if value is not _NO_VALUE else value
            elif tag == _BOOL:
                value = True if text in _TRUES else False if text in _FALSES else _NO_VALUE
            else:
                value = None if text in _NULLS else _NO_VALUE
            if value is _NO_VALUE:
                self.add(
                    "bad-tag-value",
                    f"{text!r} is not a valid {_tag_name(tag)} value",
                    mark,
                    path,
                    hint="remove the tag, or fix the value",
                    reason=Reason("yaml_bad_tag_value", {"value": repr(text),
                                                         "tag": _tag_name(tag)}),
                )
                return text
            return value
        if tag in (_MAP, _SEQ):
            self.add(
                "bad-tag-value",
                f"tag {_tag_name(tag)} cannot be used on a scalar",
                mark,
                path,
                hint="remove the tag",
                reason=Reason("yaml_tag_on_scalar", {"tag": _tag_name(tag)}),
            )
            return text
        self.unsupported(tag, mark, path)
        return text

    def unsupported(self, tag: str, mark: Mark, path: JsonPath) -> None:
        self.add(
            "unsupported-tag",
            f"unsupported tag '{_tag_name(tag)}'",
            mark,
            path,
            hint="plan files hold plain values only; remove the tag",
            reason=Reason("yaml_unsupported_tag", {"tag": _tag_name(tag)}),
        )

    def on_scalar(self, event: yaml.ScalarEvent) -> None:
        path, discard, is_key = self.slot()
        mark = _mark(event.start_mark)
        self.count(1, mark, path)
        merge = is_key and (
            event.tag == _MERGE or (event.tag is None and event.implicit[0] and event.value == "<<")
        )
        value = None if merge else self.scalar_value(event, mark, path)
        if not discard:
            self.value_marks[path] = mark
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchor(value, 1, 0, event.value)
        self.attach(value, mark, event.value, merge, 0)

    def on_start(self, event: yaml.CollectionStartEvent, is_map: bool) -> None:
        path, discard, _ = self.slot()
        mark = _mark(event.start_mark)
        self.count(1, mark, path)
        if len(self.stack) + 1 > self.max_depth:
            raise self.too_deep(mark)
        tag = event.tag
        if tag is not None and tag != "!":
            if tag in (_MAP, _SEQ, _STR, _INT, _FLOAT, _BOOL, _NULL):
                if tag != (_MAP if is_map else _SEQ):
                    kind = "mapping" if is_map else "sequence"
                    self.add(
                        "bad-tag-value",
                        f"tag {_tag_name(tag)} cannot be used on a {kind}",
                        mark,
                        path,
                        hint="remove the tag",
                        reason=Reason(f"yaml_tag_on_{kind}", {"tag": _tag_name(tag)}),
                    )
            else:
                self.unsupported(tag, mark, path)
        if not discard:
            self.value_marks[path] = mark
        anchor = event.anchor
        if anchor is not None:
            self.open_anchors[anchor] = self.open_anchors.get(anchor, 0) + 1
        self.stack.append(_Frame(is_map, path, mark, anchor, self.nodes - 1, discard))

    def on_end(self) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.open_anchors[frame.anchor] -= 1
            self.anchors[frame.anchor] = _Anchor(
                frame.value, self.nodes - frame.start_nodes, frame.height, None
            )
        self.attach(frame.value, frame.mark, None, False, frame.height)

    def on_alias(self, event: yaml.AliasEvent) -> None:
        path, discard, _ = self.slot()
        mark = _mark(event.start_mark)
        name = event.anchor or ""
        if self.open_anchors.get(name, 0) > 0:
            raise self.fail(
                "recursive-alias",
                f"alias '*{name}' refers to a node that contains it",
                mark,
                path,
                hint="recursive structures are not allowed",
                reason=Reason("yaml_recursive_alias", {"name": name}),
            )
        anchor = self.anchors.get(name)
        if anchor is None:
            raise self.fail(
                "yaml-syntax",
                f"found undefined alias '*{name}'",
                mark,
                path,
                hint=f"define the anchor '&{name}' before using it",
                reason=Reason("yaml_undefined_alias", {"name": name}),
            )
        self.count(anchor.nodes, mark, path)
        if len(self.stack) + anchor.height > self.max_depth:
            raise self.too_deep(mark)
        if not discard:
            self.value_marks[path] = mark
        self.attach(anchor.value, mark, anchor.text, False, anchor.height)

    def attach(self, value: Any, mark: Mark, text: str | None, merge: bool, height: int) -> None:
        """Add a finished node to its parent (as a key or a value), or make it the root."""
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        parent.height = max(parent.height, height + 1)
        if not parent.is_map:
            parent.value.append(value)
            return
        if not parent.awaiting_key:
            if not parent.skip:
                parent.value[parent.key] = value
            parent.awaiting_key, parent.key, parent.skip = True, None, False
            return
        parent.awaiting_key = False
        if text is None:
            self.add(
                "complex-key",
                "a mapping or a sequence cannot be used as a mapping key",
                mark,
                parent.path,
                hint="keys must be plain text",
                reason=Reason("yaml_complex_key"),
            )
            parent.key, parent.skip = None, True
            return
        path = (*parent.path, text)
        parent.key = text
        if merge:
            self.add(
                "merge-key",
                "merge keys ('<<') are not supported",
                mark,
                path,
                hint=_MERGE_HINT,
                reason=Reason("yaml_merge_key"),
            )
            parent.skip = True
            return
        first = parent.seen.get(text)
        if first is not None:
            self.add(
                "duplicate-key",
                f"duplicate key {excerpt(text, 40)} (first defined at line {first.line}, "
                f"col {first.col})",
                mark,
                path,
                hint="remove one of them, or merge their contents",
                reason=Reason("yaml_duplicate_key", {"name": excerpt(text, 40),
                                                     "line": str(first.line),
                                                     "col": str(first.col)}),
            )
            parent.skip = True
            return
        parent.seen[text] = mark
        parent.skip = False
        if not parent.discard:
            self.key_marks[path] = mark


# --------------------------------------------------------------------------- loading


def _error(
    source: str,
    code: str,
    message: str,
    mark: Mark | None = None,
    hint: str | None = None,
    reason: Reason | None = None,
) -> PlanError:
    return PlanError(
        problems=[
            Problem(
                severity="error",
                code=code,
                message=message,
                file=source,
                line=mark.line if mark else None,
                col=mark.col if mark else None,
                hint=hint,
                reason=reason,
            )
        ]
    )


def _too_large(source: str, size: int, max_bytes: int) -> PlanError:
    return _error(
        source,
        "file-too-large",
        f"the file is {size} bytes, more than the limit of {max_bytes} bytes",
        hint="split the file, or raise the size limit",
        reason=Reason("file_too_large", {"size": str(size), "limit": str(max_bytes)}),
    )


def _decode(data: bytes, source: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start].decode("utf-8")
        bad = data[exc.start]
        utf32 = data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"))
        utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
        message = (
            "the file is UTF-32 encoded, not UTF-8" if utf32
            else "the file is UTF-16 encoded, not UTF-8" if utf16
            else f"invalid UTF-8 byte 0x{bad:02x}"
        )
        reason = Reason("yaml_encoding", {"encoding": "UTF-32" if utf32 else "UTF-16"}) \
            if utf32 or utf16 else Reason("yaml_bad_byte", {"byte": f"0x{bad:02x}"})
        raise _error(
            source, "encoding", message, _mark_at(prefix, len(prefix)), "save the file as UTF-8",
            reason,
        ) from None


def _syntax_problem(exc: yaml.YAMLError, text: str, source: str) -> Problem:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Problem("error", "yaml-syntax", _one_line(str(exc)) or "invalid YAML", file=source)
    problem_mark = exc.problem_mark or exc.context_mark
    message = _one_line(exc.problem or exc.context or "invalid YAML")
    started = ("", "")
    if exc.problem and exc.context:
        context = _one_line(exc.context)
        cmark = exc.context_mark
        if cmark is not None and (
            problem_mark is None
            or (cmark.line, cmark.column) != (problem_mark.line, problem_mark.column)
        ):
            context += f" started at line {cmark.line + 1}, col {cmark.column + 1}"
            started = (str(cmark.line + 1), str(cmark.column + 1))
        message += f" ({context})"
    hint = None
    if problem_mark is not None:
        line = _line_text(text, problem_mark.line)
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent or "tab" in (exc.problem or ""):
            hint = _TAB_HINT
    mark = _mark(problem_mark) if problem_mark is not None else None
    words = Reason("yaml_syntax", {
        "problem": _one_line(exc.problem or ""), "context": _one_line(exc.context or ""),
        "line": started[0], "col": started[1], "tab": "yes" if hint == _TAB_HINT else ""})
    return Problem(
        "error",
        "yaml-syntax",
        message,
        file=source,
        line=mark.line if mark else None,
        col=mark.col if mark else None,
        hint=hint,
        reason=words,
    )


def _build(text: str, source: str, max_nodes: int, max_depth: int, loader: Any) -> YamlDocument:
    builder = _Builder(source, max_nodes, max_depth)
    try:
        data = builder.run(text, loader)
    except _Abort:
        raise PlanError(problems=sorted(builder.problems, key=Problem.sort_key)) from None
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in (exc.problem or "") and exc.problem_mark is not None:
            # libyaml refuses deep nesting before emitting the events; find our own limit
            # on the text up to where it stopped, where libyaml's limit is not reached.
            if max_depth < _LIBYAML_MAX_NESTING:
                cut = _offset_of(text, exc.problem_mark.line, exc.problem_mark.column)
                try:
                    _build(text[:cut], source, max_nodes, max_depth, loader)
                except PlanError as inner:
                    if any(p.code == "too-deep" for p in inner.problems):
                        raise inner from None
            depth = min(max_depth, _LIBYAML_MAX_NESTING)
            builder.add(
                "too-deep",
                f"the document is nested deeper than {depth} levels",
                _mark(exc.problem_mark),
                reason=Reason("yaml_too_deep", {"n": str(depth)}),
            )
        else:
            builder.problems.append(_syntax_problem(exc, text, source))
        raise PlanError(problems=sorted(builder.problems, key=Problem.sort_key)) from None
    except yaml.YAMLError as exc:
        builder.problems.append(_syntax_problem(exc, text, source))
        raise PlanError(problems=sorted(builder.problems, key=Problem.sort_key)) from None
    except RecursionError:
        builder.add("too-deep", "the document is nested too deeply", None)
        raise PlanError(problems=builder.problems) from None
    if builder.problems:
        raise PlanError(problems=sorted(builder.problems, key=Problem.sort_key))
    return YamlDocument(data, source, builder.value_marks, builder.key_marks)


def load_yaml(
    text: str | bytes,
    source: str = "<input>",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_nodes: int = DEFAULT_MAX_NODES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> YamlDocument:
    """Load one YAML document strictly, keeping the position of every value and key.

    ``text`` may be bytes (decoded as UTF-8, a BOM is skipped) or str. ``source`` names the
    input in problems. Raises :class:`PlanError` on any failure. An empty document (or only
    comments) gives ``data=None``.
    """
    if isinstance(text, bytes | bytearray | memoryview):
        raw = bytes(text)
        if len(raw) > max_bytes:
            raise _too_large(source, len(raw), max_bytes)
        text = _decode(raw, source)
    else:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            raise _too_large(source, size, max_bytes)
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = _FORBIDDEN_RE.search(text)
    if bad is not None:
        char = bad.group()
        what = "invalid character" if "\ud800" <= char <= "\udfff" else "control character"
        raise _error(
            source,
            "yaml-syntax",
            f"{what} U+{ord(char):04X} is not allowed in YAML",
            _mark_at(text, bad.start()),
            hint="remove it; plan files are printable text",
            reason=Reason("yaml_invalid_character" if what == "invalid character"
                          else "yaml_control_character", {"char": f"U+{ord(char):04X}"}),
        )
    try:
        return _build(text, source, max_nodes, max_depth, _LOADER)
    except MemoryError:
        raise _error(source, "too-many-nodes", "out of memory while loading the document",
                     reason=Reason("yaml_out_of_memory")) from None


def load_yaml_file(
    path: str | os.PathLike[str],
    *,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_nodes: int = DEFAULT_MAX_NODES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> YamlDocument:
    """Load a YAML file with :func:`load_yaml`; ``source`` defaults to ``path`` as given.

    Only a regular file is read (a FIFO, a device or a folder is refused before it is
    opened, its kind named), at most ``max_bytes``; failures raise :class:`PlanError` with
    code ``io`` (``file-too-large`` for size).
    """
    name = source if source is not None else os.fspath(path)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    if "\x00" in name or len(name) > 1000:
        name = excerpt(name, 80)
    try:
        data = read_bounded(path, max_bytes)
    except UnreadableFile as exc:
        if exc.code == "file-too-large":
            raise _error(name, exc.code, exc.reason, hint=exc.hint, reason=exc.words) from None
        reason = exc.reason.removeprefix("cannot read the file: ")
        words = Reason("file_unreadable", {"reason": exc.words}) if exc.words else None
        raise _error(name, "io", f"cannot read the file: {reason}", hint=exc.hint,
                     reason=words) from None
    return load_yaml(data, name, max_bytes=max_bytes, max_nodes=max_nodes, max_depth=max_depth)


# --------------------------------------------------------------------------- dumping


class _Dumper(yaml.SafeDumper):
    """Block-style dumper whose plain scalars read back identically with :func:`load_yaml`."""

    def ignore_aliases(self, data: Any) -> bool:
        return True

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        pyyaml_tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        if kind is yaml.ScalarNode and implicit[0]:
            resolved = resolve_plain_scalar(value)
            if resolved is None:
                return _NULL
            if isinstance(resolved, bool):
                return _BOOL
            if isinstance(resolved, int):
                return _INT
            if isinstance(resolved, float):
                return _FLOAT
            # A string: plain only if pyyaml (YAML 1.1) would also read it as a string.
        return pyyaml_tag


_UNICODE_BREAKS = frozenset("\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # pyyaml (allow_unicode) writes NEL/LS/PS raw in plain or single-quoted scalars, where
    # they read back as line breaks; double quotes escape them.
    if not _UNICODE_BREAKS.isdisjoint(data):
        return dumper.represent_scalar(_STR, data, style='"')
    return dumper.represent_str(data)


def _represent_date(dumper: yaml.SafeDumper, data: _dt.date) -> yaml.ScalarNode:
    return _represent_str(dumper, data.isoformat())


def _represent_tuple(dumper: yaml.SafeDumper, data: tuple[Any, ...]) -> yaml.SequenceNode:
    return dumper.represent_list(list(data))


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_dt.date, _represent_date)
_Dumper.add_representer(_dt.datetime, _represent_date)
_Dumper.add_representer(tuple, _represent_tuple)


def dump_yaml(data: Any) -> str:
    """Dump JSON-like data as block-style YAML that :func:`load_yaml` reads back equal.

    Keys keep their order; strings are quoted whenever they would otherwise read back as
    something else; dates become ISO strings. Raises ``TypeError`` for values YAML plan
    files cannot hold, ``ValueError`` for recursive data.
    """
    try:
        return yaml.dump(
            data,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            default_flow_style=False,
            width=1 << 30,
        )
    except yaml.representer.RepresenterError as exc:
        raise TypeError(f"cannot dump {type(data).__name__} data as YAML: {exc}") from None
    except RecursionError:
        raise ValueError("cannot dump recursive or too deeply nested data") from None
