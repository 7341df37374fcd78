"""Checking a call's arguments and per-call options before anything is sent.

Every client method hands its arguments to its operation's `Signature` (compiled once per operation
from the generated `_get_kwargs`: names, required ones, types) and its options to `check_options`.
A wrong value raises TypeError or ValueError that names the method and the argument; enum arguments
also take their string values (`status="draft"`), and UUID arguments their string form.
"""

from __future__ import annotations

import difflib
import enum
import inspect
import math
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from uuid import UUID

import attrs

from atlas_control_plane_client.types import UNSET, Unset

from ._http import Timeout

__all__ = ["DEFAULT", "OPTION_NAMES", "CheckedOptions", "Signature", "check_options", "check_timeout"]


class _Default(enum.Enum):
    DEFAULT = "DEFAULT"


#: An option the call did not set: the client's setting applies.
DEFAULT: Final = _Default.DEFAULT

OPTION_NAMES = frozenset({"timeout", "deadline", "extra_headers", "request_id", "max_retries"})
#: Bounds of the paging parameters (contract decision 2: limit 1..1000, offset >= 0).
PAGE_BOUNDS: Mapping[str, tuple[int, int | None]] = {"limit": (1, 1000), "offset": (0, None)}

_Check = Callable[[str, Any], Any]  # (where, value) -> the value to send


@dataclass(frozen=True, slots=True)
class Signature:
    """The arguments of one operation: which are required and how each value is checked."""

    method: str
    required: tuple[str, ...]
    checks: dict[str, _Check]

    @classmethod
    def of(cls, method: str, build: Callable[..., Any]) -> Signature:
        """The signature of the generated `build` (`_get_kwargs`) of operation `method`."""
        hints = typing.get_type_hints(build)
        required, checks = [], {}
        for name, parameter in inspect.signature(build).parameters.items():
            if name == "x_request_id":
                continue
            if parameter.default is inspect.Parameter.empty:
                required.append(name)
            checks[name] = _check_for(name, hints[name])
        return cls(method, tuple(required), checks)

    def check(self, arguments: dict[str, Any]) -> dict[str, Any]:
        """The arguments to build the request with (None -> unset); raises for a wrong one."""
        checked: dict[str, Any] = {}
        for name, value in arguments.items():
            if value is None:
                if name in self.required:
                    raise TypeError(f"{self.method}(): {name} is required, got None")
                checked[name] = UNSET
            else:
                checked[name] = self.checks[name](f"{self.method}(): {name}", value)
        return checked

    def names(self) -> frozenset[str]:
        """The names of the parameters the operation takes."""
        return frozenset(self.checks)


@dataclass(frozen=True, slots=True)
class CheckedOptions:
    """Per-call options, checked; DEFAULT where the client's setting applies."""

    timeout: Timeout | _Default | None = DEFAULT
    deadline: float | _Default | None = DEFAULT
    extra_headers: Mapping[str, str] = field(default_factory=dict)
    request_id: str | None = None
    max_retries: int | None = None


_NO_OPTIONS = CheckedOptions(extra_headers={})


def check_options(method: str, options: Mapping[str, Any], known: frozenset[str] = frozenset()) -> CheckedOptions:
    """Check the per-call options of a call of `method`; unknown names are a TypeError."""
    if not options:
        return _NO_OPTIONS
    unknown = options.keys() - OPTION_NAMES
    if unknown:
        name = sorted(unknown)[0]
        close = difflib.get_close_matches(name, [*OPTION_NAMES, *known], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise TypeError(f"{method}() got an unexpected keyword argument {name!r}{hint}")
    where = f"{method}():"
    timeout: Timeout | _Default | None = DEFAULT
    if "timeout" in options:
        timeout = check_timeout(f"{where} timeout", options["timeout"])
    deadline: float | _Default | None = DEFAULT
    if "deadline" in options:
        deadline = check_seconds(f"{where} deadline", options["deadline"])
    max_retries = options.get("max_retries")
    if max_retries is not None:
        max_retries = check_count(f"{where} max_retries", max_retries)
    request_id = options.get("request_id")
    if request_id is not None:
        request_id = check_header_value(f"{where} request_id", request_id)
    extra_headers = check_headers(f"{where} extra_headers", options.get("extra_headers") or {})
    return CheckedOptions(timeout, deadline, extra_headers, request_id, max_retries)


def check_timeout(where: str, value: Any) -> Timeout:
    """A timeout option: seconds (finite, > 0), an `httpx.Timeout`, or None for none (`Timeout(None)`)."""
    if value is None:
        return Timeout(None)
    if isinstance(value, Timeout):
        return value
    return Timeout(check_seconds(where, value))


def check_seconds(where: str, value: Any) -> float | None:
    """Seconds: a finite number > 0, or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{where} must be a number of seconds or None, got {type(value).__name__} {value!r}")
    if not (math.isfinite(value) and value > 0):
        raise ValueError(f"{where} must be a finite number of seconds > 0, got {value!r}")
    return float(value)


def check_count(where: str, value: Any) -> int:
    """A count: an int >= 0."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{where} must be an int, got {type(value).__name__} {value!r}")
    if value < 0:
        raise ValueError(f"{where} must be >= 0, got {value}")
    return value


def check_header_value(where: str, value: Any) -> str:
    """A header value: a str of printable ASCII (no line breaks)."""
    if not isinstance(value, str):
        raise TypeError(f"{where} must be a str, got {type(value).__name__}")
    if not value.isascii() or any(ch in value for ch in "\r\n\0"):
        raise ValueError(f"{where} must be printable ASCII without line breaks, got {value[:40]!r}")
    return value


def check_headers(where: str, headers: Any) -> dict[str, str]:
    """Extra headers: a mapping of ASCII names to ASCII values."""
    if not isinstance(headers, Mapping):
        raise TypeError(f"{where} must be a mapping of header names to values, got {type(headers).__name__}")
    return {
        check_header_value(f"{where} name", name): check_header_value(f"{where}[{name!r}]", value)
        for name, value in headers.items()
    }


def _check_for(name: str, hint: Any) -> _Check:
    if name == "idempotency_key":
        return _header_check
    target = hint
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        members = [m for m in typing.get_args(hint) if m not in (Unset, type(None))]
        if len(members) != 1:
            return _any
        target = members[0]
    if isinstance(target, type) and issubclass(target, enum.Enum):
        return _enum_check(target)
    if target is UUID:
        return _uuid
    if target is bool:
        return _typed(bool, "a bool")
    if target is int:
        return _bounded_int(PAGE_BOUNDS.get(name))
    if target is str:
        return _typed(str, "a str")
    if isinstance(target, type) and attrs.has(target):
        return _model(target)
    if typing.get_origin(target) is list:
        return _list_of(typing.get_args(target)[0])
    return _any


def _a(name: str) -> str:
    return f"an {name}" if name[0] in "AEIOU" else f"a {name}"


def _any(where: str, value: Any) -> Any:
    return value


def _header_check(where: str, value: Any) -> Any:
    return check_header_value(where, value)


def _typed(cls: type, description: str) -> _Check:
    def check(where: str, value: Any) -> Any:
        if value.__class__ is cls or (isinstance(value, cls) and not (cls is not bool and isinstance(value, bool))):
            return value
        raise TypeError(f"{where} must be {description}, got {type(value).__name__} {value!r:.60}")

    return check


def _model(cls: type) -> _Check:
    """A body model: of the right class, and every field (nested models included) of the right type."""
    from ._validation import ResponseMismatch, check_model  # it loads the generated models: only when needed

    of_class = _typed(cls, _a(cls.__name__))

    def check(where: str, value: Any) -> Any:
        of_class(where, value)
        try:
            check_model(value, where.rsplit(": ", 1)[-1])
        except ResponseMismatch as error:
            raise TypeError(f"{where.rsplit(': ', 1)[0]}: {error}") from None
        return value

    return check


def _bounded_int(bounds: tuple[int, int | None] | None) -> _Check:
    low, high = bounds if bounds is not None else (None, None)

    def check(where: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{where} must be an int, got {type(value).__name__} {value!r:.60}")
        if (low is not None and value < low) or (high is not None and value > high):
            span = f">= {low}" if high is None else f"between {low} and {high}"
            raise ValueError(f"{where} must be {span}, got {value}")
        return value

    return check


def _uuid(where: str, value: Any) -> UUID:
    if isinstance(value, UUID):
        return value
    if isinstance(value, str):
        try:
            return UUID(value)
        except ValueError:
            raise ValueError(f"{where} must be a UUID, got {value!r:.60}") from None
    raise TypeError(f"{where} must be a UUID, got {type(value).__name__} {value!r:.60}")


def _enum_check(cls: type[enum.Enum]) -> _Check:
    by_value = {member.value: member for member in cls}
    allowed = ", ".join(repr(v) for v in by_value)

    def check(where: str, value: Any) -> enum.Enum:
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and value in by_value:
            return by_value[value]
        raise ValueError(f"{where} must be {_a(cls.__name__)} or one of {allowed}, got {value!r:.60}")

    return check


def _list_of(item_hint: Any) -> _Check:
    item = _check_for("item", item_hint)

    def check(where: str, value: Any) -> list[Any]:
        if isinstance(value, str | bytes) or not isinstance(value, list | tuple):
            raise TypeError(f"{where} must be a list, got {type(value).__name__}")
        return [item(f"{where}[{index}]", element) for index, element in enumerate(value)]

    return check
