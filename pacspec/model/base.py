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
