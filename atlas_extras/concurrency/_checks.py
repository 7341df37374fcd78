"""Argument checks shared by the helpers: bad input gets a clear ValueError at the call."""

from __future__ import annotations

__all__ = ["positive_int", "positive_seconds"]


def positive_int(name: str, value: object) -> int:
    """`value` if it is an int >= 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be an int >= 1, got {value!r}")
    return value


def positive_seconds(name: str, value: object) -> float:
    """`value` as float if it is a number of seconds > 0."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{name} must be a number of seconds > 0, got {value!r}")
    return float(value)
