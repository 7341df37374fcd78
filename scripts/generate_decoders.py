"""Write atlas_extras/_decoders.py: one straight-line decoder per generated model.

Run by `nox -s generate` after openapi-python-client, and checked by `nox -s check_generated`. It imports
the generated package from GENERATED_PACKAGE_DIR and reads each model's attrs fields and type hints (and the
JSON key of each field from its `from_dict`), so the decoders build exactly what `from_dict` builds, with the
type checks of `atlas_extras._validation.check_model` in the same pass. A type hint it does not know how to
decode stops it with an error instead of producing a decoder that could differ.

Usage: python scripts/generate_decoders.py GENERATED_PACKAGE_DIR OUTPUT_FILE
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import sys
import textwrap
import types
import typing
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Any, Literal
from uuid import UUID

import attrs

PLAIN = (str, int, float, bool)
NONE = type(None)
# Names the generated functions use besides their fields: a field with one of these names gets another local.
RESERVED = {
    "data", "cls", "result", "present", "error", "len", "dict", "UNSET", "Located", "INVALID_UUID",
    "INVALID_DATETIME", "check", "checked_list", "enum_value", "extra_keys", "fromisoformat", "missing",
    "model_list", "not_an_object", "parse_uuid", "uuid_list", "uuids_get",
}  # fmt: skip

Kind = Literal["any", "plain", "uuid", "datetime", "enum", "model", "list"]


class UnsupportedHint(Exception):
    """A field type the generator cannot decode exactly as `from_dict` does."""


@dataclass(frozen=True)
class Field:
    """One field of a model: its JSON key, local variable name, and how its value is decoded."""

    name: str
    key: str
    local: str
    kind: Kind
    unset: type | None  # the `Unset` class when the field may be absent (absent -> UNSET), else None
    nullable: bool  # null -> None
    types: tuple[Any, ...]  # the non-null, non-Unset members of the hint, in order
    description: str  # how an error names the expected type, as check_model does

    @property
    def optional(self) -> bool:
        return self.unset is not None

    @property
    def segment(self) -> str:
        return f".{self.key}"


def type_name(member: Any) -> str:
    """The name `check_model` gives a type in its errors."""
    if typing.get_origin(member) is list:
        return "list"
    return {NONE: "null", UUID: "uuid", datetime: "date-time"}.get(member, getattr(member, "__name__", str(member)))


def json_keys(cls: Any) -> dict[str, str]:
    """Field name -> JSON key, read from the `d.pop("key", ...)` calls of the generated `from_dict`."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls.from_dict)))
    fields = {field.name for field in attrs.fields(cls) if field.init}
    keys: dict[str, str] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign | ast.AnnAssign) or node.value is None:
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        pops = [key for call in ast.walk(node.value) if (key := popped_key(call)) is not None]
        if len(targets) != 1 or not isinstance(targets[0], ast.Name) or len(pops) != 1:
            continue
        target = targets[0].id
        name = target if target in fields else target.removeprefix("_")
        if name not in fields or name in keys:
            raise UnsupportedHint(f"{cls.__name__}.from_dict: cannot tell which field `{target}` is")
        keys[name] = pops[0]
    if set(keys) != fields:
        raise UnsupportedHint(f"{cls.__name__}.from_dict: no JSON key found for {sorted(fields - set(keys))}")
    return keys


def popped_key(node: ast.AST) -> str | None:
    """The key if `node` is `d.pop("key", ...)`, the way `from_dict` reads a field; else None."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "pop"):
        return None
    if not (isinstance(node.func.value, ast.Name) and node.func.value.id == "d" and node.args):
        return None
    first = node.args[0]
    return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None


def classify(cls: type, name: str, key: str, hint: Any, unset_class: type) -> Field:
    """How field `name` of `cls` is decoded, from its type hint (`unset_class`: the package's `Unset`)."""
    members = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    unset = [m for m in members if m is unset_class]
    core = tuple(m for m in members if m is not NONE and m not in unset)
    nullable = NONE in members
    named = tuple(m for m in members if m not in unset)
    description = " | ".join(type_name(m) for m in named)
    if float in core:  # check_model lets an int through where a number is expected
        description = description.replace("float", "float | int")
    kind = kind_of(core)
    if kind is None:
        raise UnsupportedHint(f"{cls.__name__}.{name}: no decoder for {hint}")
    local = name if name not in RESERVED else f"{name}_value"
    return Field(name, key, local, kind, unset[0] if unset else None, nullable, core, description)


def kind_of(core: tuple[Any, ...]) -> Kind | None:
    """How a value of one of the `core` types is decoded (None: not exactly as `from_dict` would)."""
    enums = [m for m in core if isinstance(m, type) and issubclass(m, Enum)]
    if Any in core:
        return "any"
    if enums:
        return "enum" if len(enums) == 1 and set(core) - {enums[0]} <= {str} else None
    if all(m in PLAIN for m in core):
        return "plain"
    if len(core) != 1:
        return None
    [only] = core
    if only is UUID:
        return "uuid"
    if only is datetime:
        return "datetime"
    if isinstance(only, type) and attrs.has(only):
        return "model"
    if typing.get_origin(only) is list:
        return "list" if list_item(typing.get_args(only)[0]) is not None else None
    return None


def list_item(hint: Any) -> tuple[Literal["model", "uuid", "plain"], tuple[Any, ...]] | None:
    """How the items of a `list[hint]` are decoded, and their types (None: not supported)."""
    members = typing.get_args(hint) if typing.get_origin(hint) in (typing.Union, types.UnionType) else (hint,)
    if len(members) == 1 and isinstance(members[0], type) and attrs.has(members[0]):
        return "model", members
    if members == (UUID,):
        return "uuid", members
    if all(m in PLAIN for m in members):
        return "plain", members
    return None


class Names:
    """Module-level constants the decoders share (Allowed checks, exact-class sets, enum lookups)."""

    def __init__(self) -> None:
        self.lines: dict[str, str] = {}

    def add(self, name: str, value: str) -> str:
        if self.lines.setdefault(name, value) != value:
            raise UnsupportedHint(f"two constants named {name}: {self.lines[name]} and {value}")
        return name

    def allowed(self, types_: tuple[type, ...], description: str) -> str:
        name = "_ALLOWED_" + re.sub(r"\W+", "_", description).upper()
        return self.add(name, f"Allowed({type_tuple(types_)}, {description!r})")

    def exact(self, types_: tuple[type, ...]) -> str:
        name = "_EXACT_" + "_".join("NULL" if t is NONE else t.__name__.upper() for t in types_)
        return self.add(name, f"frozenset({type_tuple(types_)})")

    def enum(self, enum: type[Enum]) -> str:
        return self.add("_" + snake(enum.__name__).upper(), f"members({enum.__name__})")


def type_tuple(types_: tuple[type, ...]) -> str:
    """Source of a tuple of classes, as the generated module imports them."""
    listed = ["NoneType" if t is NONE else t.__name__ for t in types_]
    return f"({listed[0]},)" if len(listed) == 1 else f"({', '.join(listed)})"


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def function_name(cls: type) -> str:
    return f"_{snake(cls.__name__)}"


def plain_types(field: Field) -> tuple[type, ...]:
    allowed = [t for m in field.types for t in ((float, int) if m is float else (m,))]
    return (*allowed, NONE) if field.nullable else tuple(allowed)


def field_lines(field: Field, names: Names) -> list[str]:
    """The statements that check and convert one field (its raw value is already in `field.local`)."""
    v, segment = field.local, repr(field.segment)
    guards = [f"{v} is not None"] * field.nullable + [f"{v} is not UNSET"] * field.optional
    guarded = " and ".join(guards)
    if field.kind == "any":
        return []
    if field.kind == "plain":
        allowed = plain_types(field)
        check = f"check({v}, {segment}, {names.allowed(allowed, field.description)})"
        if len(allowed) == 1 and not field.optional:
            return [f"if {v}.__class__ is not {allowed[0].__name__}:", f"    {check}"]
        exact = names.exact(allowed + ((field.unset,) if field.unset else ()))
        return [f"if {v}.__class__ not in {exact}:", f"    {check}"]
    if field.kind == "enum":
        [enum] = [m for m in field.types if isinstance(m, type) and issubclass(m, Enum)]
        lookup = names.enum(enum)
        keep = str in field.types
        slow = f"{v} = enum_value({v}, {lookup}, {keep}, {segment}, {field.description!r})"
        if keep:
            first = [f"if {v}.__class__ is str:", f"    {v} = {lookup}.get({v}, {v})"]
        else:
            member = f"{v}_member"
            first = [f"if {v}.__class__ is str and ({member} := {lookup}.get({v})) is not None:", f"    {v} = {member}"]
        return [*first, f"elif {guarded}:" if guarded else "else:", f"    {slow}"]
    if field.kind == "uuid":
        body = [
            "try:",
            f"    {v} = uuids_get({v}) or parse_uuid({v})",
            "except INVALID_UUID:",
            f"    raise Located({segment}, {field.description!r}, {v}) from None",
        ]
    elif field.kind == "datetime":
        body = [
            "try:",
            f"    {v} = fromisoformat({v})",
            "except INVALID_DATETIME:",
            f"    raise Located({segment}, {field.description!r}, {v}) from None",
        ]
    else:
        body = ["try:", f"    {v} = {decode_call(field, names)}"]
        body += ["except Located as error:", f"    raise error.within({segment}, {field.description!r}) from None"]
    return [f"if {guarded}:", *("    " + line for line in body)] if guarded else body


def decode_call(field: Field, names: Names) -> str:
    v = field.local
    if field.kind == "model":
        return f"{function_name(field.types[0])}({v})"
    found = list_item(typing.get_args(field.types[0])[0])
    assert found is not None
    item_kind, item_types = found
    if item_kind == "model":
        return f"model_list({v}, {function_name(item_types[0])})"
    if item_kind == "uuid":
        return f"uuid_list({v})"
    allowed = tuple(t for m in item_types for t in ((float, int) if m is float else (m,)))
    description = " | ".join(type_name(m) for m in item_types).replace("float", "float | int")
    return f"checked_list({v}, {names.allowed(allowed, description)})"


def model_function(cls: type, hints: dict[str, Any], unset_class: type, names: Names) -> str:
    """The source of the decoder of `cls`."""
    keys = json_keys(cls)
    init = [field for field in attrs.fields(cls) if field.init]
    fields = [classify(cls, field.name, keys[field.name], hints[field.name], unset_class) for field in init]
    has_extra = any(field.name == "additional_properties" and not field.init for field in attrs.fields(cls))
    required = [f for f in fields if not f.optional]
    optional = [f for f in fields if f.optional]
    prefix = snake(cls.__name__).upper()
    lines = [
        f"def {function_name(cls)}(data: Any, cls: type[Any] = {cls.__name__}) -> Any:",
        f'    """The `{cls.__name__}` (or subclass `cls`) of a parsed JSON object."""',
        "    if data.__class__ is not dict:",
        f"        not_an_object(data, {cls.__name__!r})",
    ]
    if required:
        names.add(f"_{prefix}_REQUIRED", repr(tuple(f.key for f in required)))
        lines += ["    try:"]
        lines += [f"        {f.local} = data[{f.key!r}]" for f in required]
        lines += ["    except KeyError:", f"        raise missing(data, _{prefix}_REQUIRED) from None"]
    lines += [f"    {f.local} = data.get({f.key!r}, UNSET)" for f in optional]
    for field in fields:
        lines += ["    " + line for line in field_lines(field, names)]
    arguments = ", ".join(f.local for f in fields)
    if not has_extra:  # extra keys are dropped, as `from_dict` drops them
        return "\n".join([*lines, f"    return cls({arguments})"])
    lines.append(f"    result = cls({arguments})")
    if not fields:  # an open object: every key is an additional property
        lines += ["    if data:", "        result.additional_properties = dict(data)"]
    else:
        names.add(f"_{prefix}_KEYS", f"frozenset({tuple(f.key for f in fields)!r})")
        # More keys than the fields found: the others are additional properties.
        if optional:
            counted = " + ".join([str(len(required)), *(f"({f.local} is not UNSET)" for f in optional)])
            lines += [f"    present = {counted}", "    if len(data) != present:"]
        else:
            lines.append(f"    if len(data) != {len(required)}:")
        lines.append(f"        result.additional_properties = extra_keys(data, _{prefix}_KEYS)")
    lines.append("    return result")
    return "\n".join(lines)


HEADER = '''\
"""Straight-line decoders of the generated models: parsed JSON in, the same attrs objects as `from_dict` out,
with the type checks of `_validation.check_model` in the same pass. A bad value raises `Located`, which the
entry points in `_decoding` turn into `ResponseMismatch`.

Generated by scripts/generate_decoders.py from the generated models: do not edit; `nox -s generate`
rewrites it and `nox -s check_generated` fails when it is stale.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from types import NoneType
from typing import Any

from {package}.models import (
{imports}
)
from {package}.types import UNSET, Unset

from ._decode_support import (
    INVALID_DATETIME,
    INVALID_UUID,
    Allowed,
    Located,
    check,
    checked_list,
    enum_value,
    extra_keys,
    members,
    missing,
    model_list,
    not_an_object,
    parse_uuid,
    uuid_list,
    uuids_get,
)

__all__ = ["DECODERS"]

fromisoformat = datetime.fromisoformat
'''


def render(models: types.ModuleType) -> str:
    """The source of `_decoders.py` for the generated `models` module."""
    names = Names()
    unset_class = importlib.import_module(f"{models.__name__.rpartition('.')[0]}.types").Unset
    classes = [getattr(models, name) for name in models.__all__]
    model_classes = [cls for cls in classes if attrs.has(cls)]
    enums = [cls for cls in classes if isinstance(cls, type) and issubclass(cls, Enum)]
    functions = []
    for cls in model_classes:
        hints = typing.get_type_hints(cls, localns=vars(models))
        functions.append(model_function(cls, hints, unset_class, names))
    used_enums = [e for e in enums if f"members({e.__name__})" in names.lines.values()]
    imports = "\n".join(
        f"    {cls.__name__}," for cls in sorted([*model_classes, *used_enums], key=lambda c: c.__name__)
    )
    constants = "\n".join(f"{name} = {value}" for name, value in sorted(names.lines.items()))
    table = "\n".join(f"    {cls.__name__}: {function_name(cls)}," for cls in model_classes)
    return (
        HEADER.replace("{package}", models.__name__.rpartition(".")[0]).replace("{imports}", imports)
        + "\n"
        + constants
        + "\n\n\n"
        + "\n\n\n".join(functions)
        + "\n\n\n#: Generated model class -> its decoder `(data, cls) -> instance of cls`.\n"
        + f"DECODERS: dict[type[Any], Callable[[Any, type[Any]], Any]] = {{\n{table}\n}}\n"
    )


def load_models(package: Path) -> types.ModuleType:
    """Import `package`/models from that directory (not from an installed copy)."""
    sys.path.insert(0, str(package.resolve().parent))
    models = importlib.import_module(f"{package.name}.models")
    if not Path(models.__file__ or "").resolve().is_relative_to(package.resolve()):
        raise SystemExit(f"imported {models.__file__}, not the package in {package}")
    return models


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    package, output = Path(argv[0]), Path(argv[1])
    try:
        source = render(load_models(package))
    except UnsupportedHint as exc:
        print(f"generate_decoders: {exc}", file=sys.stderr)
        return 1
    output.write_text(source)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
