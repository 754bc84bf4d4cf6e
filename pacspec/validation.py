"""Pydantic validation errors as positioned problems, with "did you mean" hints."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from pacspec.diagnostics import JsonPath, PathPart, Problem, did_you_mean

if TYPE_CHECKING:
    from pacspec.loader import SourceMap

__all__ = ["found_text", "known_keys", "problems_from_validation"]


# --------------------------------------------------------------------------- model walking


def _unwrap(tp: Any) -> list[Any]:
    """The alternatives of a type: Optional/Union/Annotated are flattened."""
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(tp)[0])
    if origin is typing.Union or origin is types.UnionType:
        out: list[Any] = []
        for arg in typing.get_args(tp):
            out.extend(_unwrap(arg))
        return out
    return [tp]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _field_names(model: type[BaseModel]) -> dict[str, Any]:
    return {(info.alias or name): info.annotation for name, info in model.model_fields.items()}


def _step(tp: Any, part: PathPart) -> Any | None:
    for alt in _unwrap(tp):
        origin = typing.get_origin(alt)
        if isinstance(part, int):
            if origin in (list, tuple, Sequence):
                return typing.get_args(alt)[0]
            continue
        if _is_model(alt):
            names = _field_names(alt)
            if part in names:
                return names[part]
        elif origin is dict:
            return typing.get_args(alt)[1]
    return None


def known_keys(root: type[BaseModel], path: Sequence[PathPart]) -> list[str]:
    """The keys a mapping at ``path`` of ``root`` may have (for "did you mean")."""
    tp: Any = root
    for part in path:
        tp = _step(tp, part)
        if tp is None:
            return []
    keys: list[str] = []
    for alt in _unwrap(tp):
        if _is_model(alt):
            keys.extend(_field_names(alt))
    return keys


# ----------------------------------------------------------------------- error mapping


def _data_path(data: Any, loc: Sequence[PathPart]) -> JsonPath:
    """The path into the user's data that a pydantic ``loc`` designates, skipping pydantic's
    own parts (union member names, validator names)."""
    path: list[PathPart] = []
    node = data
    for part in loc:
        found, child = _child(node, part)
        if found:
            path.append(part)
            node = child
        elif isinstance(node, dict) and isinstance(part, str) and not _looks_internal(part):
            path.append(part)  # a missing key: kept so the message can name it
            break
        else:
            continue
    return tuple(path)


def _child(node: Any, part: PathPart) -> tuple[bool, Any]:
    """(True, node[part]) when ``part`` is a key or index of ``node``."""
    if isinstance(node, dict) and isinstance(part, str) and part in node:
        return True, node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


def _looks_internal(part: str) -> bool:
    return any(ch in part for ch in "[]()") or part in {
        "str", "int", "float", "bool", "list", "dict", "tuple", "none",
    }  # fmt: skip


def found_text(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _clean_message(msg: str) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix) :]
    if msg.startswith("Input should be "):
        msg = "expected " + msg[len("Input should be ") :]
    return msg


def problems_from_validation(
    exc: ValidationError, data: Any, model: type[BaseModel], sources: SourceMap
) -> list[Problem]:
    """Turn a pydantic ValidationError into positioned Problems (one per location)."""
    grouped: dict[JsonPath, list[Any]] = {}
    order: list[JsonPath] = []
    for err in exc.errors(include_url=False):
        kind = err["type"]
        loc = tuple(err["loc"])
        path = _data_path(data, loc)
        if path not in grouped:
            grouped[path] = []
            order.append(path)
        grouped[path].append(err)

    problems: list[Problem] = []
    for path in order:
        errs = grouped[path]
        first = errs[0]
        kind = first["type"]
        if kind == "extra_forbidden":
            key = str(path[-1]) if path else "?"
            candidates = known_keys(model, path[:-1])
            guess = did_you_mean(key, candidates)
            hint = f"did you mean '{guess}'?" if guess else (
                "allowed keys: " + ", ".join(candidates) if candidates else None
            )
            problems.append(
                sources.problem("error", "unknown-key", path, f"unknown key '{key}'", hint, True)
            )
        elif kind == "missing":
            key = str(path[-1]) if path else "?"
            problems.append(
                sources.problem(
                    "error",
                    "missing-key",
                    path,
                    f"required key '{key}' is missing",
                    f"add '{key}:' to this mapping",
                )
            )
        else:
            messages: list[str] = []
            for err in errs:
                msg = _clean_message(str(err["msg"]))
                if msg not in messages:
                    messages.append(msg)
            if kind == "literal_error":
                code = "literal"
            elif kind.endswith(("_type", "_parsing")) or kind in ("model_type", "dict_type"):
                code = "type"
            else:
                code = "value"
            message = messages[0] if len(messages) == 1 else "; or ".join(messages[:3])
            hint = None
            value = first.get("input")
            if kind == "literal_error" and isinstance(value, str):
                expected = first.get("ctx", {}).get("expected", "")
                options = [o.strip(" '\"") for o in str(expected).replace(" or ", ",").split(",")]
                guess = did_you_mean(value, [o for o in options if o])
                if guess:
                    hint = f"did you mean '{guess}'?"
            if kind == "bool_type":
                hint = "write true or false (YAML 1.2: yes, no, on and off are text)"
            if kind not in ("value_error", "assertion_error"):
                message += f", found {found_text(value)}"
            at_key = "[key]" in first["loc"]
            if at_key:
                message = message.replace("expected", "expected a key that is", 1)
            problems.append(sources.problem("error", code, path, message, hint, at_key))
    return problems
