"""Targeted text edits of a plan file: set a text field, add a dated reading, add a key,
at the positions the YAML parser gives, so that everything else (comments, blank lines,
key order, quoting, flow or block style) stays byte for byte.

:func:`node_spans` maps every path of the document to the character span of its node;
:class:`PlanEditor` collects edits and :meth:`PlanEditor.text` applies them (from the end
of the text to its start, so that earlier offsets stay valid). The caller checks the result
with the loader (see :mod:`pacspec.sync`); nothing here writes a file.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from pacspec.diagnostics import JsonPath, PlanError
from pacspec.yamlio import load_yaml

__all__ = ["EditError", "PlanEditor", "Span", "format_number", "node_spans", "render_text"]

_MAX_LINE = 96
"""A flow list of readings is broken onto a new line beyond this width."""


class EditError(Exception):
    """An edit that cannot be made as asked (the caller turns it into a problem)."""


@dataclass
class Span:
    """Where one node of the document is: ``start``/``end`` character offsets of the node
    itself (``end`` of a block collection: the end of its last value, before any comment
    or blank line after it), its kind and style, and for a mapping entry the key's start."""

    start: int
    end: int
    kind: str
    """``scalar``, ``map`` or ``seq``."""
    flow: bool = False
    style: str | None = None
    key_start: int | None = None
    children: list[Any] = field(default_factory=list)
    """The keys (mapping) or indexes (sequence) in order."""


def _index(mark: Any) -> int:
    return int(mark.index)


def node_spans(text: str) -> dict[JsonPath, Span]:
    """The span of every node of ``text`` (a YAML document the loader accepts), by path.

    The pure-Python parser is used: its marks count characters, as the offsets here do."""
    spans: dict[JsonPath, Span] = {}
    # stack of (path, span, is_map, awaiting_key, pending key, pending key start)
    stack: list[list[Any]] = []

    def slot() -> tuple[JsonPath | None, int | None]:
        if not stack:
            return (), None
        top = stack[-1]
        path, span, is_map = top[0], top[1], top[2]
        if not is_map:
            index = len(span.children)
            span.children.append(index)
            return (*path, index), None
        if top[3]:
            return None, None  # a key
        return (*path, top[4]), top[5]

    def done(end: int) -> None:
        for frame in stack:  # every open collection ends at least here
            frame[1].end = max(frame[1].end, end)

    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.ScalarEvent):
            start, end = _index(event.start_mark), _index(event.end_mark)
            path, key_start = slot()
            if path is None:  # a mapping key
                top = stack[-1]
                top[3], top[4], top[5] = False, event.value, start
                top[1].children.append(event.value)
                continue
            if event.style in ("|", ">"):  # a block scalar ends with its last line's text
                body = text[start:end].rstrip(" \t\r\n")
                end = start + len(body)
                while end < len(text) and text[end] in " \t":
                    end += 1
            spans[path] = Span(start, end, "scalar", style=event.style, key_start=key_start)
            if stack and stack[-1][2]:
                stack[-1][3] = True
            done(end)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            path, key_start = slot()
            if path is None:
                raise EditError("a collection used as a mapping key")
            is_map = isinstance(event, yaml.MappingStartEvent)
            span = Span(_index(event.start_mark), _index(event.start_mark),
                        "map" if is_map else "seq", flow=bool(event.flow_style),
                        key_start=key_start)
            spans[path] = span
            stack.append([path, span, is_map, True, None, None])
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            frame = stack.pop()
            if frame[1].flow:
                frame[1].end = _index(event.end_mark)
            done(frame[1].end)
            if stack and stack[-1][2]:
                stack[-1][3] = True
        elif isinstance(event, yaml.AliasEvent):
            path, key_start = slot()
            if path is None:
                raise EditError("an alias used as a mapping key")
            spans[path] = Span(_index(event.start_mark), _index(event.end_mark), "scalar",
                               key_start=key_start)
            if stack and stack[-1][2]:
                stack[-1][3] = True
            done(_index(event.end_mark))
    return spans


# ------------------------------------------------------------------------- rendering


def format_number(value: float) -> str:
    """A number as the plan writes it: ``45``, ``45.5``, ``1234.56`` (no exponent)."""
    rounded = round(float(value), 6)
    if rounded == int(rounded):
        return str(int(rounded))
    return f"{rounded:.6f}".rstrip("0").rstrip(".")


def _reads_back(candidate: str, value: str, flow: bool) -> bool:
    document = f"k: [{candidate}]\n" if flow else f"k: {candidate}\n"
    try:
        data = load_yaml(document).data
    except PlanError:
        return False
    got = data.get("k") if isinstance(data, dict) else None
    return (got == [value]) if flow else (got == value)


def _double_quoted(value: str) -> str:
    out = json.dumps(value, ensure_ascii=False)
    for char in ("\x85", "\u2028", "\u2029", "\ufeff"):
        out = out.replace(char, f"\\u{ord(char):04x}")
    return out


_SIMPLE_BREAKS = re.compile("[\r\x85\u2028\u2029]")


def render_text(value: str, indent: int, flow: bool = False) -> str:
    """``value`` as a YAML scalar that reads back as exactly that string: plain when it
    can be, else single-quoted, a literal block (``|``, in block context, for several
    lines) or double-quoted. ``indent``: the column (0-based) of the key, for a block."""
    if "\n" not in value:
        for candidate in (value, "'" + value.replace("'", "''") + "'"):
            if _reads_back(candidate, value, flow):
                return candidate
        return _double_quoted(value)
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    # a "keep" block (|+) would take the blank lines after it in the file: quoted instead
    if not flow and not _SIMPLE_BREAKS.search(value) and body and trailing <= 1:
        chomp = "-" if trailing == 0 else ""
        pad = " " * (indent + 2)
        lines = body.split("\n")
        indicator = "2" if lines[0].startswith(" ") else ""
        block = f"|{indicator}{chomp}" + "".join(
            "\n" + (pad + line if line else "") for line in lines)
        if _reads_back_block(block, value, indent):
            return block
    return _double_quoted(value)


def _reads_back_block(block: str, value: str, indent: int) -> bool:
    document = " " * indent + "k: " + block + "\n"
    try:
        data = load_yaml(document).data
    except PlanError:
        return False
    return isinstance(data, dict) and data.get("k") == value


# --------------------------------------------------------------------------- editing


def _at(path: JsonPath, key: str | int) -> JsonPath:
    return (*path, key)


@dataclass
class _Edit:
    start: int
    end: int
    text: str


class PlanEditor:
    """Edits of one plan text, applied together by :meth:`text`."""

    def __init__(self, text: str) -> None:
        self.source = text
        self.spans = node_spans(text)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self._edits: list[_Edit] = []

    # ---------------------------------------------------------------- positions
    def _line_start(self, index: int) -> int:
        return self.source.rfind("\n", 0, index) + 1

    def _column(self, index: int) -> int:
        return index - self._line_start(index)

    def _after_line(self, index: int) -> int:
        """The offset just after the line break ending the line of ``index`` (the text's
        end when it is the last line)."""
        found = self.source.find("\n", index)
        return len(self.source) if found < 0 else found + 1

    def _line_rest(self, index: int) -> str:
        found = self.source.find("\n", index)
        return self.source[index: len(self.source) if found < 0 else found]

    def _insert_lines(self, at: int, lines: list[str]) -> None:
        """Insert whole lines at ``at`` (a line start, or the text's end)."""
        nl = self.newline
        text = "".join(line + nl for line in lines)
        if at == len(self.source) and self.source and not self.source.endswith("\n"):
            text = nl + text.removesuffix(nl)
        self._edits.append(_Edit(at, at, text))

    def span(self, path: JsonPath) -> Span | None:
        return self.spans.get(path)

    # ------------------------------------------------------------------ edits
    def set_text(self, path: JsonPath, value: str | None) -> None:
        """Replace the text at ``path`` (a scalar) with ``value``; None removes the entry
        (its key line) when it stands on lines of its own, else writes ``null``."""
        span = self.spans[path]
        if span.kind != "scalar":
            raise EditError("not a text")
        parent = self.spans[path[:-1]]
        if value is None:
            if not parent.flow and span.key_start is not None:
                head = self.source[self._line_start(span.key_start): span.key_start]
                if not head.strip() and not self._line_rest(span.end).strip():
                    start = self._line_start(span.key_start)
                    self._edits.append(_Edit(start, self._after_line(span.end), ""))
                    return
            self._edits.append(_Edit(span.start, span.end, "null"))
            return
        indent = self._column(span.key_start if span.key_start is not None else span.start)
        rendered = render_text(value, indent, flow=parent.flow).replace("\n", self.newline)
        self._edits.append(_Edit(span.start, span.end, rendered))

    def set_number(self, path: JsonPath, value: float) -> None:
        span = self.spans[path]
        self._edits.append(_Edit(span.start, span.end, format_number(value)))

    def replace_node(self, path: JsonPath, text: str) -> None:
        span = self.spans[path]
        self._edits.append(_Edit(span.start, span.end, text))

    def append_reading(self, path: JsonPath, on: dt.date, value: float) -> None:
        """Add ``{on: DATE, value: V}`` at the end of the list of readings at ``path``, in
        the list's own style."""
        span = self.spans[path]
        if span.kind != "seq" or not span.children:
            raise EditError("not a list of readings")
        item = f"{{on: {on.isoformat()}, value: {format_number(value)}}}"
        if span.flow:
            close = span.end - 1  # the ']'
            last = self.spans[_at(path, span.children[-1])]
            line_start = self._line_start(last.end)
            width = (last.end - line_start) + 2 + len(item) + len(
                self.source[last.end: self._after_line(last.end)].rstrip("\r\n"))
            if width > _MAX_LINE:
                first = self.spans[_at(path, 0)]
                pad = " " * self._column(first.start)
                self._edits.append(_Edit(last.end, last.end, f",{self.newline}{pad}{item}"))
            else:
                self._edits.append(_Edit(last.end, last.end, f", {item}"))
            if close < last.end:  # pragma: no cover - a ']' always follows its last item
                raise EditError("unexpected list layout")
            return
        first = self.spans[_at(path, 0)]
        dash = self.source.rfind("-", self._line_start(first.start), first.start)
        if dash < 0:
            raise EditError("unexpected list layout")
        pad = " " * self._column(dash)
        after = self._after_line(span.end)
        if first.kind == "map" and not first.flow:
            keys = [k for k in first.children if k in ("on", "value")] or ["on", "value"]
            inner = " " * (first.start - dash)
            parts = {"on": on.isoformat(), "value": format_number(value)}
            lines = [f"{pad}-{inner[1:]}{keys[0]}: {parts[keys[0]]}",
                     *(f"{pad}{inner}{k}: {parts[k]}" for k in keys[1:])]
            self._insert_lines(after, lines)
        else:
            self._insert_lines(after, [f"{pad}- {item}"])

    def add_key(self, mapping: JsonPath, key: str, value_text: str,
                after: tuple[str, ...] = ()) -> None:
        """Add ``key: value_text`` to the mapping at ``mapping`` (a rendered YAML value):
        after the first of the keys ``after`` the mapping has, else at its end."""
        span = self.spans[mapping]
        if span.kind != "map":
            raise EditError("not a mapping")
        if span.flow:
            close = span.end - 1
            self._edits.append(_Edit(close, close, f", {key}: {value_text}"))
            return
        if not span.children:
            raise EditError("an empty block mapping")
        first_key = self.spans[_at(mapping, span.children[0])].key_start
        assert first_key is not None
        pad = " " * self._column(first_key)
        anchor = next((k for k in after if k in span.children), None)
        end = self.spans[_at(mapping, anchor)].end if anchor is not None else span.end
        self._insert_lines(self._after_line(end), [f"{pad}{key}: {value_text}"])

    def add_text_key(self, mapping: JsonPath, key: str, value: str,
                     after: tuple[str, ...] = ()) -> None:
        """Add ``key: value`` (a text, quoted as needed) to the mapping at ``mapping``."""
        span = self.spans[mapping]
        indent = 0
        if span.kind == "map" and span.children and not span.flow:
            first_key = self.spans[_at(mapping, span.children[0])].key_start
            indent = self._column(first_key) if first_key is not None else 0
        rendered = render_text(value, indent, flow=span.flow).replace("\n", self.newline)
        self.add_key(mapping, key, rendered, after)

    # ------------------------------------------------------------------ result
    def text(self) -> str:
        """The text with every edit applied (edits must not overlap)."""
        out = self.source
        last_start = len(out) + 1
        for edit in sorted(self._edits, key=lambda e: (e.start, e.end), reverse=True):
            if edit.end > last_start:
                raise EditError("overlapping edits")
            out = out[: edit.start] + edit.text + out[edit.end:]
            last_start = edit.start
        return out
