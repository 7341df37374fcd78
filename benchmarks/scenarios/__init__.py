"""The benchmark scenarios, in the order of the issue; each is one module with a `SCENARIO`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..report import Row
from ..server import ServerConfig
from ..sizes import Sizes

__all__ = ["Context", "Scenario"]


@dataclass
class Context:
    """What a scenario runs with: the fake's URL ("" when it needs none), the sizes, and a place for notes
    (profiles, counts) that go into the JSON file."""

    base_url: str
    sizes: Sizes
    log: Callable[[str], None]
    notes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    """A scenario: the fake it needs (None: no network) and how it turns into rows."""

    key: str
    title: str
    server: Callable[[Sizes], ServerConfig] | None
    run: Callable[[Context], list[Row]]
