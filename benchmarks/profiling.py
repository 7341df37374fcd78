"""Where a call's time goes: cProfile self time, grouped by who spends it."""

from __future__ import annotations

import cProfile
import pstats
from collections import Counter
from collections.abc import Callable

__all__ = ["breakdown"]

#: (label, test on "file:function") in order: the first that matches takes the function's self time.
_GROUPS: tuple[tuple[str, Callable[[str, str], bool]], ...] = (
    ("response type checks (atlas_extras/_validation.py)", lambda f, n: "_validation" in f or "check_model" in f),
    ("generated from_dict (models)", lambda f, n: "atlas_control_plane_client" in f and "models" in f),
    ("generated client (api, client)", lambda f, n: "atlas_control_plane_client" in f),
    ("our layer (_call, _base, retries, pages)", lambda f, n: "atlas_extras" in f),
    ("httpx / httpcore", lambda f, n: "httpx" in f or "httpcore" in f),
    ("json", lambda f, n: "json" in f),
    ("uuid, datetime, enum (parsing)", lambda f, n: any(m in f for m in ("uuid", "datetime", "enum", "dateutil"))),
)


def _group(filename: str, name: str) -> str:
    for label, matches in _GROUPS:
        if matches(filename, name):
            return label
    return "other (builtins, stdlib)"


def breakdown(call: Callable[[], object], calls: int, top: int = 8) -> str:
    """Profile `calls` calls; self time by group (percent) and the top functions, as text."""
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(calls):
        call()
    profile.disable()
    stats = pstats.Stats(profile)
    entries = stats.stats  # type: ignore[attr-defined]
    by_group: Counter[str] = Counter()
    by_function: Counter[str] = Counter()
    for (filename, line, name), (_, _, self_time, _, _) in entries.items():
        by_group[_group(filename, name)] += self_time
        by_function[f"{filename.rsplit('/', 2)[-1] if '/' in filename else filename}:{line}({name})"] += self_time
    total = sum(by_group.values()) or 1.0
    lines = [f"  {100 * t / total:5.1f} %  {label}" for label, t in by_group.most_common()]
    lines.append("  top functions by self time:")
    lines += [f"  {100 * t / total:5.1f} %  {name}" for name, t in by_function.most_common(top)]
    return "\n".join(lines)
