"""``pacspec validate`` starts quickly (issue 12 item 6): its path imports neither numpy nor
pyarrow, and the plan models' cached validators (:mod:`pacspec.model.cache`) validate
exactly as pydantic's own.

Each run is a fresh interpreter (what is imported, and the cache, are per process); the
cache is kept in a temporary folder through ``PYTHONPYCACHEPREFIX``, so that these tests
neither read nor write the working tree's."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLE_PLAN, HEADER, REPO, RULE_FILES

FIXTURES = sorted((REPO / "tests" / "lint" / "fixtures").glob("*.yaml"))

_RUN = """
import json, sys
from pacspec.cli import main
from pacspec.lint import validate_file_in
from pacspec.model import cache
code = main(["validate", "-q", *sys.argv[1:]])
problems = {name: [p.to_dict() for p in validate_file_in(name)[0]] for name in sys.argv[1:]}
print(json.dumps({
    "code": code,
    "problems": problems,
    "modules": sorted(m for m in sys.modules if m.split(".")[0] in
                      ("numpy", "pyarrow", "pandas", "importlib", "pydantic", "calendar")),
    "cached": sorted(cache._BLOBS),
}))
"""


def _validate(tmp_path: Path, *files: Path, cache: bool = True) -> dict[str, object]:
    """``pacspec validate`` of ``files`` in a fresh interpreter, and what it imported."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache"),
           "PACSPEC_MODEL_CACHE": "1" if cache else "0"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    done = subprocess.run([sys.executable, "-c", _RUN, *map(str, files)], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


def _cache_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "pycache").rglob("validators.*.pickle"))


def test_validate_imports_neither_numpy_nor_pyarrow(tmp_path: Path) -> None:
    for cached in (False, True):  # without the cache file, then with it
        result = _validate(tmp_path, EXAMPLE_PLAN, *RULE_FILES)
        assert result["code"] == 0
        modules = result["modules"]
        assert isinstance(modules, list)
        assert not [m for m in modules if m.split(".")[0] in ("numpy", "pyarrow", "pandas")]
        if cached:  # (importlib.metadata, for pydantic's plugins, imports it)
            assert "calendar" not in modules  # see pacspec.calendar.days_in_month


def test_the_second_run_builds_no_model(tmp_path: Path) -> None:
    """The first run writes the validators it built; the second takes them from the file and
    builds none (no pydantic plugin machinery, no ``importlib.metadata``)."""
    first = _validate(tmp_path, EXAMPLE_PLAN)
    assert "importlib.metadata" in first["modules"]  # type: ignore[operator]
    assert len(_cache_files(tmp_path)) == 1
    second = _validate(tmp_path, EXAMPLE_PLAN)
    assert "importlib.metadata" not in second["modules"]  # type: ignore[operator]
    assert "pacspec.model.plan:Plan" in second["cached"]  # type: ignore[operator]
    assert second["problems"] == first["problems"]


def test_a_data_command_without_a_register_builds_no_model(tmp_path: Path) -> None:
    """``pacspec evaluate`` of a plan with no client register, on a warm cache: the
    defaults it reads the data with (no register's columns, CSV options) are constructed,
    not validated, so no model validator is built (no plugin machinery loaded)."""
    data = tmp_path / "ventes.csv"
    data.write_text("client;date;amount\nC1;05/01/2026;12,50\nC2;06/01/2026;8\n",
                    encoding="utf-8")
    plan = tmp_path / "p.pac.yaml"
    plan.write_text(HEADER + "data:\n  transactions: {path: ventes.csv}\n", encoding="utf-8")
    run = """
import sys
from pacspec.cli import main
code = main(["evaluate", sys.argv[1], "-q"])
print("importlib.metadata" in sys.modules, code)
"""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    said = [subprocess.run([sys.executable, "-c", run, str(plan)], cwd=REPO, env=env,
                           capture_output=True, text=True, timeout=120) for _ in range(2)]
    assert [s.stdout.splitlines()[-1] for s in said] == ["True 0", "False 0"], said[1].stderr


def test_the_constructed_defaults_are_the_validated_ones() -> None:
    from pacspec.model.data import ClientColumns, CsvOptions

    for model in (ClientColumns, CsvOptions):
        assert model.model_construct().__dict__ == model().__dict__


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_cached_validators_find_the_same_problems(tmp_path: Path, fixture: Path) -> None:
    """Valid, broken and lint-failing plans and rule files: the same problems, positions and
    exit code with the cached validators as with pydantic building them."""
    built = _validate(tmp_path, fixture, cache=False)
    assert not _cache_files(tmp_path)  # PACSPEC_MODEL_CACHE=0 writes nothing
    _validate(tmp_path, fixture)  # writes the cache
    cached = _validate(tmp_path, fixture)
    assert cached["problems"] == built["problems"]
    assert cached["code"] == built["code"]


def test_a_stale_or_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    _validate(tmp_path, EXAMPLE_PLAN)
    (path,) = _cache_files(tmp_path)
    key, _, body = path.read_bytes().partition(b"\n")
    expected = _validate(tmp_path, EXAMPLE_PLAN)["problems"]
    for damaged in (b"0" * len(key) + b"\n" + body,  # another key: other sources
                    key + b"\n" + body[: len(body) // 2],  # cut short
                    key + b"\n" + pickle.dumps({"pacspec.model.plan:Plan": b"junk"})):
        path.write_bytes(damaged)
        result = _validate(tmp_path, EXAMPLE_PLAN)
        assert result["problems"] == expected
        assert path.read_bytes().startswith(key + b"\n")


def test_every_model_validator_can_be_cached() -> None:
    """No model holds a closure or a lambda in its core schema (it would not pickle and
    would be built by pydantic at every run): each validator pickles, and unpickles as a
    validator of the same model."""
    from pydantic_core import SchemaValidator

    from pacspec.model import cache

    classes = cache.model_classes()
    assert len(classes) > 40
    for cls in classes:
        cls.model_rebuild(force=True)  # built by pydantic, whatever this process did before
        validator = cls.__pydantic_validator__
        assert isinstance(validator, SchemaValidator), cls
        copy = pickle.loads(pickle.dumps(validator))
        assert isinstance(copy, SchemaValidator)
        assert copy.title == validator.title == cls.__name__


def test_model_cache_key_follows_the_sources(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The key changes when a source file of the package changes, appears or goes (by
    size and modification time, as Python checks a ``.pyc``), and not otherwise."""
    from pacspec.model import cache

    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    module = package / "sub" / "a.py"
    module.write_text("x = 1\n")
    (package / "notes.txt").write_text("not a source")
    monkeypatch.setattr(cache, "_PACKAGE", package)

    def key() -> bytes:
        monkeypatch.setattr(cache, "_KEY", [])
        return cache._key()

    first = key()
    assert key() == first
    (package / "notes.txt").write_text("still not a source")
    assert key() == first
    module.write_text("x = 22\n")
    changed = key()
    assert changed != first
    (package / "b.py").write_text("")
    added = key()
    assert added not in (first, changed)
    (package / "b.py").unlink()
    assert key() == changed


def test_month_lengths_without_the_calendar_module() -> None:
    """The model's date checks count a month's days as ``calendar.monthrange`` does (the
    module is no longer imported on the validate path), years 0 to 2399 included."""
    import calendar

    from pacspec.calendar import days_in_month

    for year in range(2400):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


def test_model_modules_leave_annotations_evaluated() -> None:
    """The modules defining plan models do not postpone their annotations (see
    :mod:`pacspec.model.base`): pydantic would evaluate every field's string at import."""
    from pacspec.model import cache

    modules = {cls.__module__ for cls in cache.model_classes()} | {"pacspec.model.base"}
    postponed = [name for name in sorted(modules)
                 if getattr(sys.modules[name], "annotations", None) is not None
                 and "from __future__ import annotations" in Path(
                     sys.modules[name].__file__ or "").read_text(encoding="utf-8")]
    assert len(modules) >= 12
    assert postponed == []


_PROGRAM = """
import atexit, gc, sys
atexit.register(lambda: print("frozen", gc.get_freeze_count()))  # runs after main returns
from pacspec.cli import main
sys.argv = ["pacspec", *sys.argv[1:]]
sys.exit(main())
"""


def _program(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """The ``pacspec`` program (``main()`` reading ``sys.argv``) in a fresh interpreter."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}
    return subprocess.run([sys.executable, "-c", _PROGRAM, *argv], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_program_leaves_its_objects_to_the_exit(tmp_path: Path) -> None:
    """The program freezes the collector's objects before the interpreter exits (its final
    collection would walk them all); a call of ``main`` from Python leaves them alone."""
    from pacspec.cli import main

    done = _program(tmp_path, "validate", "-q", str(EXAMPLE_PLAN))
    assert done.returncode == 0, done.stderr
    frozen = int(done.stdout.split("frozen ")[-1])
    assert frozen > 10_000  # the modules, the models and their schemas
    import gc

    before = gc.get_freeze_count()
    assert main(["validate", "-q", str(EXAMPLE_PLAN)]) == 0
    assert gc.get_freeze_count() == before


def test_what_the_program_writes_is_whole_at_exit(tmp_path: Path) -> None:
    """The client table the program writes just before it exits is the one a call from
    Python writes: nothing is left unflushed by leaving objects to the exit."""
    from pacspec.cli import main

    by_program, by_call = tmp_path / "program.csv", tmp_path / "call.csv"
    done = _program(tmp_path, "evaluate", str(EXAMPLE_PLAN), "-q", "-o", str(by_program))
    assert done.returncode == 0, done.stderr
    assert main(["evaluate", str(EXAMPLE_PLAN), "-q", "-o", str(by_call)]) == 0
    written = by_program.read_bytes()
    assert written == by_call.read_bytes()
    assert written.count(b"\n") > 381  # a header and every client of the example
