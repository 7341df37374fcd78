"""Type checks for parsed responses.

The generated `from_dict` converts what it must (UUIDs, datetimes, enums, nested models) but only
`cast`s the rest, so `{"name": 42}` would come back as a model whose `name` is an int. `check_model`
walks a parsed model against its annotations and raises `ResponseMismatch` at the first value of the
wrong type. The checks are compiled once per model class.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

import attrs

from atlas_control_plane_client import models as _models
from atlas_control_plane_client.types import Unset

__all__ = ["ResponseMismatch", "check_model"]


class ResponseMismatch(Exception):
    """A parsed value does not have the type the contract gives it."""

    def __init__(self, path: str, expected: str, value: object) -> None:
        super().__init__(f"{path}: expected {expected}, got {type(value).__name__} {value!r:.60}")


_Nested = Callable[[Any, str], None]  # (value, path)
_ValueCheck = Callable[[Any, str, "str | int"], None]  # (value, parent path, key)


def check_model(model: Any, path: str = "body") -> None:
    """Raise `ResponseMismatch` if any field of `model` (recursively) has the wrong type."""
    _model_checker(type(model))(model, path)


_MODEL_CHECKERS: dict[type, _Nested] = {}


def _model_checker(cls: type) -> _Nested:
    checker = _MODEL_CHECKERS.get(cls)
    if checker is None:
        checker = _MODEL_CHECKERS[cls] = _compile_model(cls)
    return checker


def _compile_model(cls: type) -> _Nested:
    # Generated models import their nested models only for type checkers: resolve those names here.
    hints = typing.get_type_hints(cls, localns=vars(_models))
    # `additional_properties` (init=False) holds unknown keys: nothing to check there.
    fields = [(field.name, _value_checker(hints[field.name])) for field in attrs.fields(cls) if field.init]

    def check(model: object, path: str) -> None:
        for name, check_value in fields:
            check_value(getattr(model, name), path, name)

    return check


def _value_checker(hint: Any) -> _ValueCheck:
    """A check that a value matches `hint`, recursing into lists and nested models."""
    members = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    if Any in members:
        return _accept
    allowed: list[type] = []
    nested: dict[type, _Nested] = {}
    for member in members:
        origin = typing.get_origin(member) or member
        if origin is list:
            allowed.append(list)
            nested[list] = _list_checker(typing.get_args(member)[0])
        elif attrs.has(origin):
            allowed.append(origin)
            nested[origin] = _model_checker(origin)
        else:
            allowed += [float, int] if origin is float else [origin]
    allowed_types = tuple(allowed)
    bool_allowed = bool in allowed_types
    expected = " | ".join(_name(t) for t in allowed_types if t is not Unset)

    def check(value: Any, parent: str, key: str | int) -> None:
        if not isinstance(value, allowed_types) or (value.__class__ is bool and not bool_allowed):
            raise ResponseMismatch(_join(parent, key), expected, value)
        if nested and (inner := nested.get(type(value))) is not None:
            inner(value, _join(parent, key))

    return check


def _list_checker(item_hint: Any) -> _Nested:
    check_item = _value_checker(item_hint)

    def check(values: list[Any], path: str) -> None:
        for index, value in enumerate(values):
            check_item(value, path, index)

    return check


def _accept(value: Any, parent: str, key: str | int) -> None:
    return None


def _join(parent: str, key: str | int) -> str:
    return f"{parent}[{key}]" if isinstance(key, int) else f"{parent}.{key}"


def _name(cls: type) -> str:
    return {type(None): "null", UUID: "uuid", datetime: "date-time"}.get(cls, cls.__name__)
