"""Type checks for parsed responses.

The generated `from_dict` converts what it must (UUIDs, datetimes, enums, nested models) but only
`cast`s the rest, so `{"name": 42}` would come back as a model whose `name` is an int. `check_model`
walks a parsed model against its annotations and raises `ResponseMismatch` at the first value of the
wrong type.

The checks are compiled once per model class into one straight-line function (like attrs and
dataclasses compile `__init__`): each field is read once and its class looked up in the set of classes
that pass as they are. Only a value whose class is not in that set (a list, a nested model, a subclass,
or a wrong type) takes the general check, which recurses or raises. This keeps validation to about
one attribute read and one set lookup per field (benchmarks/README.md, scenario 4).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

import attrs

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


class _HintCheck(typing.NamedTuple):
    """How a value annotated with one hint is checked: a value of a `passing` class needs nothing more, one
    of a `nested` class (a list, a model) is checked inside, and anything else goes to `general`, the full
    check (isinstance, then recursion), which raises for a wrong type."""

    passing: frozenset[type]
    nested: dict[type, _Nested]
    general: _ValueCheck


def _compile_model(cls: type) -> _Nested:
    from atlas_control_plane_client import models as _models  # loaded with the first model checked

    # Generated models import their nested models only for type checkers: resolve those names here.
    hints = typing.get_type_hints(cls, localns=vars(_models))
    # `additional_properties` (init=False) holds unknown keys: nothing to check there.
    checks = {field.name: _hint_check(hints[field.name]) for field in attrs.fields(cls) if field.init}
    return _straight_line(cls.__name__, {name: check for name, check in checks.items() if check is not None})


def _straight_line(model_name: str, fields: dict[str, _HintCheck]) -> _Nested:
    """`check(model, path)` as one function, each field read once (attrs field names are identifiers)."""
    namespace: dict[str, Any] = {}
    lines = ["def check(model, path):", "    pass"]
    for index, (name, field) in enumerate(fields.items()):
        namespace[f"passing_{index}"], namespace[f"general_{index}"] = field.passing, field.general
        lines += [f"    value = model.{name}", f"    if value.__class__ in passing_{index}:", "        pass"]
        for position, (cls, inner) in enumerate(field.nested.items()):
            namespace[f"class_{index}_{position}"], namespace[f"inner_{index}_{position}"] = cls, inner
            lines += [
                f"    elif value.__class__ is class_{index}_{position}:",
                f"        inner_{index}_{position}(value, path + {'.' + name!r})",
            ]
        lines += ["    else:", f"        general_{index}(value, path, {name!r})"]
    exec(compile("\n".join(lines), f"<check_model {model_name}>", "exec"), namespace)
    check: _Nested = namespace["check"]
    return check


def _hint_check(hint: Any) -> _HintCheck | None:
    """The check of a value annotated `hint`, or None when anything goes (`Any`)."""
    members = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    if Any in members:
        return None
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
    # Exact classes only: a subclass, or a bool where only int is allowed, takes the full check.
    passing = frozenset(t for t in allowed if t not in nested)
    return _HintCheck(passing, nested, _full_check(tuple(allowed), nested))


def _full_check(allowed_types: tuple[type, ...], nested: dict[type, _Nested]) -> _ValueCheck:
    """A check that a value is an instance of `allowed_types` (bool only if allowed), recursing into `nested`."""
    bool_allowed = bool in allowed_types
    expected = " | ".join(_name(t) for t in allowed_types if t is not Unset)

    def check(value: Any, parent: str, key: str | int) -> None:
        if not isinstance(value, allowed_types) or (value.__class__ is bool and not bool_allowed):
            raise ResponseMismatch(_join(parent, key), expected, value)
        if nested and (inner := nested.get(type(value))) is not None:
            inner(value, _join(parent, key))

    return check


def _list_checker(item_hint: Any) -> _Nested:
    item = _hint_check(item_hint)
    if item is None:
        return _accept_all
    passing, check_item = item.passing, item.general

    def check(values: list[Any], path: str) -> None:
        for index, value in enumerate(values):
            if value.__class__ not in passing:
                check_item(value, path, index)

    return check


def _accept_all(values: list[Any], path: str) -> None:
    return None


def _join(parent: str, key: str | int) -> str:
    return f"{parent}[{key}]" if isinstance(key, int) else f"{parent}.{key}"


def _name(cls: type) -> str:
    return {type(None): "null", UUID: "uuid", datetime: "date-time"}.get(cls, cls.__name__)
