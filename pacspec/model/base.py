"""Shared base for every plan model: strict, frozen-free, English keys.

The modules that define models do not use ``from __future__ import annotations``: pydantic
then reads their fields' annotations as objects, instead of compiling and evaluating each
string when the classes are created (about 2 % of ``pacspec validate``); the few forward
references are quoted (tests/test_startup.py)."""

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Base of all plan-file models: unknown keys are errors, values are validated on assignment."""

    model_config = ConfigDict(
        extra="forbid",
        validate_assignment=True,
        populate_by_name=False,
        str_strip_whitespace=False,
        defer_build=True,  # the core schema is built at the first validation (validate: ~20 ms less)
    )


_FIELD_NAMES: dict[type[BaseModel], dict[str, str]] = {}


def field_name(model: type[BaseModel], key: str) -> str | None:
    """The field of ``model`` that a plan writes as ``key`` (its alias, else its name; the
    first field when two share one), None when there is none; the table is built once per
    class."""
    names = _FIELD_NAMES.get(model)
    if names is None:
        names = {}
        for name, info in model.model_fields.items():
            names.setdefault(info.alias or name, name)
        _FIELD_NAMES[model] = names
    return names.get(key)
