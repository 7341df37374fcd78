"""What the generated decoders (`_decoders.py`) share: their error, the UUID cache, the slow-path checks.

A decoder reports a bad value by raising `Located`, which collects the path on its way out (each level
appends its key or index), so that no path string is built unless something is wrong. The entry points
(`_decoding.decoder`, `_decoding.list_decoder`) turn it into a `ResponseMismatch` whose path reads
`body[3].config.name`; a missing required field becomes `MissingField` (`body.name: required field missing`).

The checks are those of `_validation.check_model`: a value passes if it is an instance of an allowed
class, except that a bool is never an int or a float unless bool itself is allowed. The generated code
tests the exact class first and calls `check` only for anything else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Any, TypeVar
from uuid import UUID, SafeUUID

from ._validation import ResponseMismatch

__all__ = [
    "INVALID_DATETIME",
    "INVALID_UUID",
    "Allowed",
    "Located",
    "MissingField",
    "check",
    "checked_list",
    "clear_uuid_cache",
    "enum_value",
    "extra_keys",
    "members",
    "missing",
    "model_list",
    "not_an_object",
    "parse_uuid",
    "uuid_list",
    "uuids_get",
]

E = TypeVar("E", bound=Enum)

#: What `UUID(value)` and the UUID cache raise for a value that is no UUID string (unhashable, not a str,
#: not 32 hex digits); and what `datetime.fromisoformat` raises.
INVALID_UUID = (TypeError, ValueError, AttributeError)
INVALID_DATETIME = (TypeError, ValueError)


class MissingField(ResponseMismatch):
    """A required field is absent from the response."""

    def __init__(self, path: str) -> None:
        Exception.__init__(self, f"{path}: required field missing")
        self.path = path


class Located(Exception):
    """A decoding failure on its way out: the path segments (innermost first), what was expected, the value."""

    def __init__(self, segment: str, expected: str, value: object, *, is_missing: bool = False) -> None:
        super().__init__(segment, expected)
        self.segments = [segment] if segment else []
        self.expected = expected
        self.value = value
        self.is_missing = is_missing

    def within(self, segment: str, expected: str = "") -> Located:
        """This failure, one level up under `segment`. `expected` replaces the inner description when the
        failing value is the one at `segment` itself (the field's own type says more, e.g. `null | X`)."""
        if expected and not self.segments:
            self.expected = expected
        self.segments.append(segment)
        return self

    def mismatch(self, path: str) -> ResponseMismatch:
        """The public error, with `path` (e.g. `body`) in front of the collected segments."""
        where = path + "".join(reversed(self.segments))
        return MissingField(where) if self.is_missing else ResponseMismatch(where, self.expected, self.value)


class Allowed:
    """The classes a plain value (string, number, boolean, null) may have, and how an error names them."""

    __slots__ = ("bool_allowed", "description", "exact", "types")

    def __init__(self, types: tuple[type, ...], description: str) -> None:
        self.types = types
        self.exact = frozenset(types)
        self.bool_allowed = bool in types
        self.description = description


def check(value: Any, segment: str, allowed: Allowed) -> None:
    """Raise `Located` unless `value` is an instance of an allowed class (a bool only where bool is)."""
    if not isinstance(value, allowed.types) or (value.__class__ is bool and not allowed.bool_allowed):
        raise Located(segment, allowed.description, value)


def not_an_object(value: Any, model: str) -> None:
    """Raise `Located` unless `value` is a JSON object (a dict)."""
    if not isinstance(value, dict):
        raise Located("", model, value)


def missing(data: Mapping[str, Any], required: Iterable[str]) -> Located:
    """The failure for the first required key (in contract order) that `data` lacks."""
    key = next(key for key in required if key not in data)
    return Located(f".{key}", "a value", None, is_missing=True)


def extra_keys(data: Mapping[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """The keys the contract does not name, in their order: a model's `additional_properties`."""
    return {key: value for key, value in data.items() if key not in known}


def members(enum: type[E]) -> dict[str, E]:
    """Value -> member: the lookup `enum(value)` makes for a string."""
    return {member.value: member for member in enum}


def enum_value(value: Any, known: Mapping[str, Enum], keep_unknown: bool, segment: str, expected: str) -> Any:
    """The slow path of an enum field, for a value that is not exactly a known `str`: its member, the string
    itself where unknown strings are kept, else `Located`."""
    if isinstance(value, str):
        member = known.get(value)
        if member is not None:
            return member
        if keep_unknown:
            return value
    raise Located(segment, expected, value)


# UUIDs are immutable and the same ones come back in every page (a class's id in each of its definitions,
# one provider in many): parsing each distinct string once saves most of the cost of `UUID(text)`.
# Bounded: when full, the cache starts over. dict get and set are atomic, so threads may share it.
UUID_CACHE_SIZE = 4096
_UUIDS: dict[str, UUID] = {}
#: The cached UUID of a string, or None (TypeError if the value is unhashable).
uuids_get: Callable[[Any], UUID | None] = _UUIDS.get
_new = object.__new__
_set = object.__setattr__
_UNKNOWN = SafeUUID.unknown


def parse_uuid(text: Any) -> UUID:
    """`UUID(text)`, remembered; raises what `UUID` raises for anything but a UUID string.

    For a str this is the string branch of `UUID.__init__` itself (same clean-up, same length check, same
    `int(hex, 16)`, the same two slots set), without its checks of the other five ways to make a UUID: a
    third of the cost. `tests/decoding` compares it with `UUID(text)` on arbitrary strings."""
    if text.__class__ is not str:
        value = UUID(text)
    else:
        digits = text.replace("urn:", "").replace("uuid:", "").strip("{}").replace("-", "")
        if len(digits) != 32:
            raise ValueError("badly formed hexadecimal UUID string")
        value = _new(UUID)
        _set(value, "int", int(digits, 16))
        _set(value, "is_safe", _UNKNOWN)
    if len(_UUIDS) >= UUID_CACHE_SIZE:
        _UUIDS.clear()
    _UUIDS[text] = value
    return value


def clear_uuid_cache() -> None:
    """Forget every parsed UUID (the benchmarks measure a cold cache with it)."""
    _UUIDS.clear()


def uuid_list(values: Any) -> list[UUID]:
    """A JSON array of UUID strings."""
    if values.__class__ is not list and not isinstance(values, list):
        raise Located("", "list", values)
    result: list[UUID] = []
    for value in values:
        try:
            result.append(uuids_get(value) or parse_uuid(value))
        except INVALID_UUID:
            raise Located(f"[{len(result)}]", "uuid", value) from None
    return result


def checked_list(values: Any, item: Allowed) -> list[Any]:
    """A JSON array of plain values of the `item` classes (a new list, as `from_dict` makes)."""
    if values.__class__ is not list and not isinstance(values, list):
        raise Located("", "list", values)
    exact = item.exact
    for index, value in enumerate(values):
        if value.__class__ not in exact:
            check(value, f"[{index}]", item)
    return list(values)


def model_list(values: Any, decode: Callable[[Any], Any]) -> list[Any]:
    """A JSON array of objects, each decoded by `decode`."""
    if values.__class__ is not list and not isinstance(values, list):
        raise Located("", "list", values)
    result: list[Any] = []
    append = result.append
    try:
        for value in values:
            append(decode(value))
    except Located as error:
        raise error.within(f"[{len(result)}]") from None
    return result
