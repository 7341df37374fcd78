"""Attribute-for-attribute sameness of decoded models: classes and values, not just `==`.

`==` alone would pass an enum member for its string (StrEnum) and an int for an equal float; this compares
the class of every value at every depth, and every attrs field including `additional_properties`.
"""

from __future__ import annotations

from typing import Any

import attrs


def differences(ours: Any, theirs: Any, path: str = "body") -> list[str]:
    """Where `ours` and `theirs` differ (empty: the same)."""
    if type(ours) is not type(theirs):
        return [f"{path}: {type(ours).__name__} {ours!r:.80} != {type(theirs).__name__} {theirs!r:.80}"]
    if attrs.has(type(ours)):
        found = []
        for field in attrs.fields(type(ours)):
            found += differences(getattr(ours, field.name), getattr(theirs, field.name), f"{path}.{field.name}")
        return found
    if isinstance(ours, list):
        if len(ours) != len(theirs):
            return [f"{path}: {len(ours)} items != {len(theirs)}"]
        return [
            d
            for index, pair in enumerate(zip(ours, theirs, strict=True))
            for d in differences(*pair, f"{path}[{index}]")
        ]
    if isinstance(ours, dict):
        if list(ours) != list(theirs):
            return [f"{path}: keys {list(ours)} != {list(theirs)}"]
        return [d for key in ours for d in differences(ours[key], theirs[key], f"{path}[{key!r}]")]
    return [] if ours == theirs else [f"{path}: {ours!r:.80} != {theirs!r:.80}"]


def assert_same(ours: Any, theirs: Any) -> None:
    found = differences(ours, theirs)
    assert not found, "\n".join(found)
