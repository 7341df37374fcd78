"""Where a call's time goes: cProfile self time, grouped by who spends it. The clock is the profiled thread's
CPU time, so that waiting (for the network, in `epoll`) counts for nothing and other threads' work is not
charged to it."""

from __future__ import annotations

import cProfile
import pstats
import time
from collections import Counter
from collections.abc import Callable

__all__ = ["breakdown"]

#: (label, test on "file:function") in order: the first that matches takes the function's self time (C
#: functions have no file; their name says their module: "<built-in method orjson.loads>").
_GROUPS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("response type checks (atlas_extras/_validation.py)", lambda w: "_validation" in w or "check_model" in w),
    ("generated decoders (atlas_extras/_decod*)", lambda w: "atlas_extras" in w and "_decod" in w),
    ("generated from_dict (models)", lambda w: "atlas_control_plane_client" in w and "models" in w),
    ("generated client (api, client)", lambda w: "atlas_control_plane_client" in w),
    ("our concurrency helpers (fan_out, ThreadRunner)", lambda w: "atlas_extras" in w and "concurrency" in w),
    ("our layer (_call, _pipeline, _base, engines)", lambda w: "atlas_extras" in w),
    ("httpx / httpcore (and httpx2)", lambda w: "httpx" in w or "httpcore" in w),
    ("aiohttp, yarl, multidict", lambda w: any(m in w for m in ("aiohttp", "yarl", "multidict", "aiohappy"))),
    ("anyio, sniffio", lambda w: "anyio" in w or "sniffio" in w),
    ("asyncio (event loop)", lambda w: "asyncio" in w or "selectors" in w or "epoll" in w),
    ("json, orjson", lambda w: "json" in w),
    ("uuid, datetime, enum (parsing)", lambda w: any(m in w for m in ("uuid", "datetime", "enum", "dateutil"))),
)


def _group(filename: str, name: str) -> str:
    where = f"{filename}:{name}"
    for label, matches in _GROUPS:
        if matches(where):
            return label
    return "other (builtins, stdlib)"


def breakdown(call: Callable[[], object], calls: int, top: int = 8) -> str:
    """Profile `calls` calls; self time by group (percent) and the top functions, as text."""
    profile = cProfile.Profile(time.thread_time)
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
