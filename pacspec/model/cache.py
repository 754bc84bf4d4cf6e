"""Cached validators of the plan models, so that ``pacspec validate`` starts quickly.

The models are built lazily (``defer_build``): pydantic generates a model's core schema at
its first validation, about 20 ms for a plan, and creating the validator loads pydantic's
plugin machinery (``importlib.metadata``, another 20 ms). :func:`prepare` gives each plan
model the validator that pydantic built for it in an earlier run, unpickled from a file
beside the package's bytecode (``pacspec/model/__pycache__/``, the same trust as the
``.pyc`` files there): a pydantic-core ``SchemaValidator`` pickles as its core schema and
config, whose functions and classes are referenced by name. Building one from its schema
takes well under a millisecond.

The file is used only when it was written for the same source files (the path, size and
modification time of every ``.py`` file of pacspec, as Python checks a ``.pyc``), the same
pydantic, pydantic-core and Python. Otherwise, or when it cannot be read, the models build
as usual and :func:`save` writes the validators built so far (nothing when the directory
is read-only). Only the validators come from the file: a model's serializer and JSON Schema
are still built by pydantic when first needed, and pydantic plugins, if any are installed,
do not see the validations the cached validators perform. ``PACSPEC_MODEL_CACHE=0``
disables the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from pathlib import Path

from pydantic import BaseModel

from pacspec.model.base import StrictModel

_PACKAGE = Path(__file__).resolve().parent.parent
_KEY: list[bytes] = []
"""The cache key of this process, once computed."""
_BLOBS: dict[str, bytes] = {}
"""The pickled validators by model name, read from the file or written to it."""
_PREPARED: list[bool] = []
"""Not empty once :func:`prepare` ran."""


def enabled() -> bool:
    """Whether the cache is used (``PACSPEC_MODEL_CACHE=0`` disables it)."""
    return os.environ.get("PACSPEC_MODEL_CACHE", "1") != "0"


def model_classes() -> list[type[BaseModel]]:
    """Every plan model class (the subclasses of the models' base in ``pacspec.model``)."""
    found: set[type[BaseModel]] = set()
    todo: list[type[BaseModel]] = [StrictModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub.__module__.startswith("pacspec.model.") and sub not in found:
                found.add(sub)
                todo.append(sub)
    return sorted(found, key=_name)


def _name(cls: type[BaseModel]) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def cache_file() -> Path:
    """Where the validators are cached: beside this module's bytecode (honouring
    ``PYTHONPYCACHEPREFIX``), named for the interpreter."""
    import importlib.util

    pyc = Path(importlib.util.cache_from_source(__file__))
    return pyc.with_name(f"validators.{sys.implementation.cache_tag}.pickle")


def _key() -> bytes:
    """What the cached validators depend on: the versions, and every source file of the
    package by path, size and modification time."""
    if _KEY:
        return _KEY[0]
    import pydantic_core
    from pydantic.version import VERSION

    parts = [sys.version, VERSION, pydantic_core.__version__]

    def walk(folder: str) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        walk(entry.path)
                elif entry.name.endswith(".py"):
                    stat = entry.stat()
                    parts.append(f"{entry.path}\0{stat.st_size}\0{stat.st_mtime_ns}")

    walk(str(_PACKAGE))
    _KEY.append(hashlib.sha256("\n".join(parts).encode()).hexdigest().encode())
    return _KEY[0]


class _CachedValidator:
    """Stands for a model's validator until its first use, then unpickles it and takes its
    place on the class (a plan validation uses a handful of the models' validators)."""

    __slots__ = ("_blob", "_cls")

    def __init__(self, cls: type[BaseModel], blob: bytes) -> None:
        self._cls = cls
        self._blob = blob

    def __getattr__(self, name: str) -> object:
        cls = self._cls
        try:
            validator = pickle.loads(self._blob)
        except Exception:  # stale despite the key: pydantic builds it as usual
            validator = None
        if cls.__dict__.get("__pydantic_validator__") is self:
            if validator is None:
                del cls.__pydantic_validator__  # back to pydantic's deferred build
                cls.model_rebuild(force=True)
            else:
                cls.__pydantic_validator__ = validator
        return getattr(cls.__pydantic_validator__, name)


def prepare() -> None:
    """Give the plan models their cached validators, once per process (see the module's
    docstring); a model that pydantic already built keeps its own."""
    if _PREPARED:
        return
    _PREPARED.append(True)
    if not enabled():
        return
    try:
        key = _key()
        with cache_file().open("rb") as file:
            if file.readline().rstrip(b"\n") != key:
                return
            blobs = pickle.load(file)
    except Exception:  # any unreadable or stale cache: the models build as usual
        return
    if not isinstance(blobs, dict):
        return
    for cls in model_classes():
        blob = blobs.get(_name(cls))
        if isinstance(blob, bytes) and not cls.__pydantic_complete__:
            cls.__pydantic_validator__ = _CachedValidator(cls, blob)  # type: ignore[assignment]
    _BLOBS.update({k: v for k, v in blobs.items() if isinstance(v, bytes)})


def save() -> None:
    """Write the validators of every plan model built so far, with those the cache held,
    when they are more; silently nothing when the file cannot be written."""
    if not enabled() or not _PREPARED:
        return
    from pydantic_core import SchemaValidator

    blobs = dict(_BLOBS)
    built = [cls for cls in model_classes() if _name(cls) not in blobs
             and isinstance(cls.__pydantic_validator__, SchemaValidator)]  # not a plugin's
    if not built:
        return
    target = cache_file()
    temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        for cls in built:
            blobs[_name(cls)] = pickle.dumps(cls.__pydantic_validator__,
                                             protocol=pickle.HIGHEST_PROTOCOL)
        data = _key() + b"\n" + pickle.dumps(blobs, protocol=pickle.HIGHEST_PROTOCOL)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        os.replace(temporary, target)
    except Exception:  # a cache that cannot be written is only slower
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        return
    _BLOBS.update(blobs)
