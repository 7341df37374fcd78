"""Request validation derived from the contract: jsonschema, with errors in FastAPI's 422 shape.

Each body and parameter schema of openapi.yaml is compiled once into a validator. Query, path and header values
arrive as text and are first coerced to the type their schema declares (integer, number, boolean), the way
FastAPI does, so `limit=abc` fails with `int_parsing` and `limit=0` with `greater_than_equal`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from ._spec import JSONObject, Parameter, schema_types

ErrorDetail = dict[str, Any]
Loc = tuple[str | int, ...]

_FORMATS = FormatChecker(formats=("uuid",))
_INTEGER = re.compile(r"[+-]?\d+")
_BOOLEANS = {"true": True, "false": False, "1": True, "0": False}
_PARAM_CACHE_SIZE = 2048


def detail(loc: Loc, msg: str, kind: str, value: Any = None, **ctx: Any) -> ErrorDetail:
    """One entry of a 422 `detail` list, shaped like pydantic's."""
    entry: ErrorDetail = {"type": kind, "loc": list(loc), "msg": msg, "input": value}
    if ctx:
        entry["ctx"] = ctx
    return entry


class SchemaValidator:
    """A compiled JSON Schema that reports pydantic-like error details."""

    def __init__(self, schema: JSONObject) -> None:
        self.schema = schema
        self._validator = Draft202012Validator(schema, format_checker=_FORMATS)

    def errors(self, instance: Any, prefix: Loc) -> list[ErrorDetail]:
        found: list[ErrorDetail] = []
        seen: set[tuple[str, ...]] = set()
        for error in self._validator.iter_errors(instance):
            for entry in _convert(error, prefix):
                key = (entry["type"], repr(entry["loc"]))
                if key not in seen:
                    seen.add(key)
                    found.append(entry)
        # A wrong type for an enum is reported once, as pydantic does: as `enum`.
        enums = {repr(entry["loc"]) for entry in found if entry["type"] == "enum"}
        return [entry for entry in found if not (entry["type"].endswith("_type") and repr(entry["loc"]) in enums)]


class ParameterValidator:
    """Coerces one query, path or header value from text per its schema, then validates it."""

    def __init__(self, param: Parameter) -> None:
        self.param = param
        self.loc: Loc = (param.location, param.name)
        types = [kind for kind in schema_types(param.schema) if kind != "null"]
        self._kind = types[0] if types else "string"
        self._uuid = param.schema.get("format") == "uuid"
        self._schema = SchemaValidator(param.schema)
        self._cache: dict[str, tuple[Any, list[ErrorDetail]]] = {}

    def __call__(self, raw: str) -> tuple[Any, list[ErrorDetail]]:
        cached = self._cache.get(raw)
        if cached is not None:
            return cached
        result = self._check(raw)
        if len(self._cache) >= _PARAM_CACHE_SIZE:
            self._cache.clear()
        self._cache[raw] = result
        return result

    def _check(self, raw: str) -> tuple[Any, list[ErrorDetail]]:
        value: Any = raw
        if self._kind == "integer":
            if not _INTEGER.fullmatch(raw):
                msg = "Input should be a valid integer, unable to parse string as an integer"
                return None, [detail(self.loc, msg, "int_parsing", raw)]
            value = int(raw)
        elif self._kind == "number":
            try:
                value = float(raw)
            except ValueError:
                msg = "Input should be a valid number, unable to parse string as a number"
                return None, [detail(self.loc, msg, "float_parsing", raw)]
        elif self._kind == "boolean":
            lowered = raw.lower()
            if lowered not in _BOOLEANS:
                msg = "Input should be a valid boolean, unable to interpret input"
                return None, [detail(self.loc, msg, "bool_parsing", raw)]
            value = _BOOLEANS[lowered]
        errors = self._schema.errors(value, self.loc)
        if self._uuid and not errors:
            value = value.lower()  # ids are stored in canonical lower case
        return value, errors


_TYPE_ERRORS = {
    "string": ("string_type", "Input should be a valid string"),
    "integer": ("int_type", "Input should be a valid integer"),
    "number": ("float_type", "Input should be a valid number"),
    "boolean": ("bool_type", "Input should be a valid boolean"),
    "array": ("list_type", "Input should be a valid list"),
    "null": ("none_required", "Input should be None"),
}


def _is_null_only(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("type") == "null" and len(schema) == 1


def _expected(values: Sequence[Any]) -> str:
    quoted = [repr(value) if isinstance(value, str) else str(value) for value in values]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _convert(error: ValidationError, prefix: Loc) -> Iterator[ErrorDetail]:
    loc: Loc = (*prefix, *error.absolute_path)
    keyword = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    if keyword in ("anyOf", "oneOf"):
        branches: dict[int, list[ValidationError]] = {}
        for sub in error.context or []:
            branches.setdefault(int(sub.relative_schema_path[0]), []).append(sub)
        useful = [errs for index, errs in sorted(branches.items()) if not _is_null_only(value[index])]
        if useful:
            for sub in useful[0]:
                yield from _convert(sub, prefix)
            return
        yield detail(loc, "Input does not match any allowed schema", "union_tag_invalid", instance)
    elif keyword == "required":
        for name in value:
            if isinstance(instance, dict) and name not in instance:
                yield detail((*loc, name), "Field required", "missing", instance)
    elif keyword == "additionalProperties" and value is False and isinstance(instance, dict):
        known = set(schema.get("properties", {}))
        patterns = [re.compile(pattern) for pattern in schema.get("patternProperties", {})]
        for name, extra in instance.items():
            if name not in known and not any(pattern.search(name) for pattern in patterns):
                yield detail((*loc, name), "Extra inputs are not permitted", "extra_forbidden", extra)
    elif keyword == "type":
        wanted = [value] if isinstance(value, str) else [kind for kind in value if kind != "null"] or ["null"]
        if wanted[0] == "object":
            if "properties" in schema:
                msg = "Input should be a valid dictionary or object to extract fields from"
                yield detail(loc, msg, "model_attributes_type", instance)
            else:
                yield detail(loc, "Input should be a valid dictionary", "dict_type", instance)
        else:
            kind, msg = _TYPE_ERRORS.get(wanted[0], ("type_error", error.message))
            yield detail(loc, msg, kind, instance)
    elif keyword == "minLength":
        msg = f"String should have at least {_plural(value, 'character')}"
        yield detail(loc, msg, "string_too_short", instance, min_length=value)
    elif keyword == "maxLength":
        msg = f"String should have at most {_plural(value, 'character')}"
        yield detail(loc, msg, "string_too_long", instance, max_length=value)
    elif keyword == "minimum":
        yield detail(loc, f"Input should be greater than or equal to {value}", "greater_than_equal", instance, ge=value)
    elif keyword == "maximum":
        yield detail(loc, f"Input should be less than or equal to {value}", "less_than_equal", instance, le=value)
    elif keyword == "exclusiveMinimum":
        yield detail(loc, f"Input should be greater than {value}", "greater_than", instance, gt=value)
    elif keyword == "exclusiveMaximum":
        yield detail(loc, f"Input should be less than {value}", "less_than", instance, lt=value)
    elif keyword == "enum":
        expected = _expected(value)
        yield detail(loc, f"Input should be {expected}", "enum", instance, expected=expected)
    elif keyword == "const":
        expected = _expected([value])
        yield detail(loc, f"Input should be {expected}", "literal_error", instance, expected=expected)
    elif keyword == "format" and value == "uuid":
        yield detail(loc, "Input should be a valid UUID", "uuid_parsing", instance)
    elif keyword == "minItems":
        length = len(instance) if isinstance(instance, list) else 0
        msg = f"List should have at least {_plural(value, 'item')} after validation, not {length}"
        yield detail(loc, msg, "too_short", instance, field_type="List", min_length=value, actual_length=length)
    elif keyword == "maxItems":
        length = len(instance) if isinstance(instance, list) else 0
        msg = f"List should have at most {_plural(value, 'item')} after validation, not {length}"
        yield detail(loc, msg, "too_long", instance, field_type="List", max_length=value, actual_length=length)
    elif keyword == "pattern":
        yield detail(loc, f"String should match pattern '{value}'", "string_pattern_mismatch", instance, pattern=value)
    else:
        yield detail(loc, error.message, "value_error", instance)
