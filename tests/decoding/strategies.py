"""JSON bodies for every generated model, drawn from the models' own type hints (not from the decoders).

A field's JSON key is its name without a trailing underscore (`input_` -> `input`); `test_strategies.py`
checks that against the generated `to_dict`. Valid values come in the forms a server may send and
`from_dict` accepts (UUIDs upper-case, braced or as URNs, datetimes with `Z` or offsets), enums include
unknown strings where the contract keeps them, and every object may carry keys the contract does not name.
"""

from __future__ import annotations

import enum
import types
import typing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from uuid import UUID

import attrs
from hypothesis import strategies as st

from atlas_control_plane_client import models
from atlas_control_plane_client.types import Unset

NONE = type(None)
MODELS: list[type[Any]] = [cls for name in models.__all__ if attrs.has(cls := getattr(models, name))]

json_scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False) | st.text()
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


@dataclass(frozen=True)
class FieldInfo:
    """One field of a model as the tests see it."""

    name: str
    key: str
    members: tuple[Any, ...]  # the hint's members other than Unset and None
    optional: bool
    nullable: bool


def fields_of(cls: type[Any]) -> list[FieldInfo]:
    hints = typing.get_type_hints(cls, localns=vars(models))
    result = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        members = union_members(hints[field.name])
        result.append(
            FieldInfo(
                field.name,
                field.name.removesuffix("_"),
                tuple(m for m in members if m is not NONE and m is not Unset),
                Unset in members,
                NONE in members,
            )
        )
    return result


def union_members(hint: Any) -> tuple[Any, ...]:
    return typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)


def has_additional_properties(cls: type[Any]) -> bool:
    return any(field.name == "additional_properties" for field in attrs.fields(cls))


def is_enum(member: Any) -> bool:
    return isinstance(member, type) and issubclass(member, enum.Enum)


def is_model(member: Any) -> bool:
    return isinstance(member, type) and attrs.has(member)


# --- valid values ------------------------------------------------------------------------------------

uuid_texts = st.builds(
    lambda value, form: form(value),
    st.uuids(),
    st.sampled_from([str, lambda u: str(u).upper(), lambda u: u.hex, lambda u: f"{{{u}}}", lambda u: f"urn:uuid:{u}"]),
)
_offsets: st.SearchStrategy[Any] = st.sampled_from(
    [None, UTC, timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-8))]
)
datetime_texts = st.builds(
    lambda moment, form: form(moment),
    st.datetimes(min_value=datetime(1900, 1, 1), timezones=_offsets),
    st.sampled_from(
        [
            datetime.isoformat,
            lambda d: d.isoformat().replace("+00:00", "Z"),
            lambda d: d.isoformat(sep=" ", timespec="seconds"),
            lambda d: d.isoformat(timespec="milliseconds"),
            lambda d: d.date().isoformat(),
        ]
    ),
)


def valid_value(member: Any, every_field: bool = False) -> st.SearchStrategy[Any]:
    """A JSON value that `from_dict` turns into (or keeps as) `member` (objects with `every_field` set)."""
    if member is Any:
        return json_values
    if member is str:
        return st.text()
    if member is bool:
        return st.booleans()
    if member is int:
        return st.integers(-(2**63), 2**63 - 1)
    if member is float:
        return st.floats(allow_nan=False) | st.integers(-(2**53), 2**53)
    if member is UUID:
        return uuid_texts
    if member is datetime:
        return datetime_texts
    if is_enum(member):
        return st.sampled_from([m.value for m in member])
    if is_model(member):
        return valid_body(member, every_field)
    if typing.get_origin(member) is list:
        [item] = typing.get_args(member)
        return st.lists(st.one_of(*(valid_value(m, every_field) for m in union_members(item))), max_size=3)
    raise AssertionError(f"no strategy for {member!r}")


def valid_field_value(field: FieldInfo, every_field: bool = False) -> st.SearchStrategy[Any]:
    choices = [valid_value(m, every_field) for m in field.members]
    if str in field.members and any(is_enum(m) for m in field.members):
        choices.append(st.text())  # an enum value this client does not know: kept as a str
    if field.nullable:
        choices.append(st.none())
    return st.one_of(*choices)


@st.composite
def valid_body(draw: st.DrawFn, cls: type[Any], every_field: bool = False) -> dict[str, Any]:
    """A JSON object that is a valid `cls`: optional fields absent (unless `every_field`), null (where
    allowed) or set; plus keys the contract does not name."""
    body: dict[str, Any] = {}
    for field in fields_of(cls):
        if field.optional and not every_field and draw(st.booleans()):
            continue
        body[field.key] = draw(valid_field_value(field, every_field))
    extra = draw(st.dictionaries(st.text(max_size=8).map(lambda key: f"x-{key}"), json_values, max_size=2))
    return {**body, **extra}


# --- invalid values ----------------------------------------------------------------------------------

_CANDIDATES: list[Any] = [42, 4.5, True, "not a valid value", None, [1], ["x"], "2025-13-45T99:00:00"]


def valid_for(member: Any, value: Any) -> bool:
    """Whether the contract accepts `value` for `member` (objects and lists of models are never candidates)."""
    if member is Any:
        return True
    if member in (str, bool):
        return type(value) is member
    if member is int:
        return type(value) is int
    if member is float:
        return type(value) in (int, float)
    if member is UUID:
        return isinstance(value, str) and _parses(UUID, value)
    if member is datetime:
        return isinstance(value, str) and _parses(datetime.fromisoformat, value)
    if is_enum(member):
        return isinstance(value, str) and value in {m.value for m in member}
    if typing.get_origin(member) is list:
        [item] = typing.get_args(member)
        return isinstance(value, list) and all(any(valid_for(m, v) for m in union_members(item)) for v in value)
    return False  # a model: no candidate is an object


def _parses(parse: Any, value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def invalid_values(field: FieldInfo) -> list[Any]:
    """Values that no member of the field accepts (an unknown string is fine where the enum keeps it)."""
    keeps_strings = str in field.members
    return [
        value
        for value in _CANDIDATES
        if not (value is None and field.nullable)
        and not (keeps_strings and isinstance(value, str))
        and not any(valid_for(m, value) for m in field.members)
    ]


@dataclass(frozen=True)
class Site:
    """A place in a body where a fault can go: `container[key]`, at `path`, holding a value of `field`."""

    path: str
    container: Any
    key: Any
    field: FieldInfo | None  # None: an item of a list of models, or a nested object itself
    model: type[Any] | None  # the model expected at the site (for objects and list items)


def sites(cls: type[Any], body: dict[str, Any], path: str = "body") -> list[Site]:
    """Every field value in `body` (recursively) where a wrong value can be put."""
    found = []
    for field in fields_of(cls):
        if field.key not in body:
            continue
        value, here = body[field.key], f"{path}.{field.key}"
        found.append(Site(here, body, field.key, field, None))
        for member in field.members:
            if is_model(member) and isinstance(value, dict):
                found += sites(member, value, here)
            if typing.get_origin(member) is list and isinstance(value, list):
                [item] = typing.get_args(member)
                for index, element in enumerate(value):
                    at = f"{here}[{index}]"
                    if is_model(item):
                        found.append(Site(at, value, index, None, item))
                        found += sites(item, element, at)
                    else:
                        item_field = FieldInfo("item", "item", union_members(item), False, False)
                        found.append(Site(at, value, index, item_field, None))
    return found


def objects(cls: type[Any], body: dict[str, Any], path: str = "body") -> list[tuple[str, type[Any], dict[str, Any]]]:
    """Every object in `body` (recursively), with its path and model."""
    found = [(path, cls, body)]
    for site in sites(cls, body, path):
        if site.field is None and site.model is not None:
            found.append((site.path, site.model, site.container[site.key]))
        elif site.field is not None:
            value = site.container[site.key]
            for member in site.field.members:
                if is_model(member) and isinstance(value, dict):
                    found.append((site.path, member, value))
    return found
