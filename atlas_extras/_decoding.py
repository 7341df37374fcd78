"""Response bodies to models in one pass: `loads` parses the JSON, `decoder` / `list_decoder` build the models.

`decoder(Model)(data, "body")` returns what `Model.from_dict(data)` returns (same classes, values,
`additional_properties`, unknown enum strings kept as `str`) and checks every value's type on the way, as
`_validation.check_model` would afterwards: a bad body raises `ResponseMismatch` naming the path
(`body[3].config.name: expected str, got int 42`), a missing required field `MissingField`
(`body.name: required field missing`). The work is done by the generated straight-line decoders of
`_decoders.py`, several times faster than `from_dict` plus `check_model`.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from ._decode_support import Located, MissingField
from ._decoders import DECODERS
from ._validation import ResponseMismatch

__all__ = ["BodyDecoder", "MissingField", "ResponseMismatch", "decoder", "list_decoder", "loads"]

M = TypeVar("M")
M_co = TypeVar("M_co", covariant=True)


class BodyDecoder(Protocol[M_co]):
    """Parsed JSON -> result; raises `ResponseMismatch` with `path` (default `body`) in front of the location."""

    def __call__(self, data: Any, path: str = "body", /) -> M_co: ...


def decoder(cls: type[M]) -> BodyDecoder[M]:
    """The decoder of a JSON object that is one `cls`: a generated model, or a subclass of one that adds no
    attrs fields (such as the open-ended models of `atlas_extras.models`, which it builds as `cls`)."""
    decode = _decoder_of(cls)

    def decode_object(data: Any, path: str = "body", /) -> M:
        try:
            result: M = decode(data, cls)
        except Located as error:
            raise error.mismatch(path) from None
        return result

    return decode_object


def list_decoder(cls: type[M]) -> BodyDecoder[list[M]]:
    """The decoder of a JSON array of `cls` objects (see `decoder`); errors name the item: `body[3].name`."""
    decode = _decoder_of(cls)

    def decode_array(data: Any, path: str = "body", /) -> list[M]:
        if data.__class__ is not list and not isinstance(data, list):
            raise ResponseMismatch(path, "array", data)
        result: list[M] = []
        append = result.append
        try:
            for item in data:
                append(decode(item, cls))
        except Located as error:
            raise error.within(f"[{len(result)}]").mismatch(path) from None
        return result

    return decode_array


def _decoder_of(cls: type[Any]) -> Callable[[Any, type[Any]], Any]:
    for base in cls.__mro__:
        found = DECODERS.get(base)
        if found is not None:
            # A subclass with its own attrs fields would need its own decoder: refuse rather than drop them.
            if getattr(cls, "__attrs_attrs__", None) is not getattr(base, "__attrs_attrs__", None):
                break
            return found
    raise TypeError(f"no decoder for {cls.__qualname__}: not a generated model nor a plain subclass of one")


def _orjson_loads() -> Callable[[bytes | str], Any] | None:
    """orjson's `loads` if installed: it parses a page about twice as fast as json."""
    try:
        module = importlib.import_module("orjson")
    except ImportError:
        return None
    parse: Callable[[bytes | str], Any] = module.loads
    return parse


_fast_loads = _orjson_loads()


def loads(content: bytes | str) -> Any:
    """The parsed JSON of a body; raises ValueError (`json.JSONDecodeError`, `UnicodeDecodeError`) if it is not
    JSON. orjson parses when installed; what it refuses (a byte-order mark, UTF-16, NaN, lone surrogates,
    invalid UTF-8, nesting over 1,024 levels) goes to `json`, so that what parses and what fails stay what
    `httpx.Response.json()` gives. One difference remains: orjson reads an integer outside
    [-2**63, 2**64) as a float."""
    if _fast_loads is not None:
        try:
            return _fast_loads(content)
        except ValueError:
            pass
    try:
        return json.loads(content)
    except RecursionError:  # json recurses once per level: a deeply nested body is invalid, not a crash
        raise ValueError("JSON nested too deeply") from None
