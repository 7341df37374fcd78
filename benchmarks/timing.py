"""Running trials: interleaved rounds, medians, bounded in count and in time."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable, Coroutine, Mapping
from typing import Any, TypeVar

__all__ = ["Samples", "Trial", "in_event_loop", "interleave", "median"]

T = TypeVar("T")
K = TypeVar("K")

#: One measurement: runs a bounded workload (its set-up untimed) and returns its figure.
Trial = Callable[[], T]
Samples = dict[str, list[float]]


def in_event_loop(trial: Callable[[], Coroutine[Any, Any, T]]) -> Trial[T]:
    """An async trial run in a fresh event loop (its clients are made and closed inside it)."""
    return lambda: asyncio.run(trial())


def interleave(trials: Mapping[K, Trial[T]], repeats: int, deadline: float) -> dict[K, list[T]]:
    """Run every trial once per round, `repeats` rounds (at least one; no new round after `deadline`
    seconds). Interleaving makes a noisy, shared machine's slow spells hit every variant alike."""
    samples: dict[K, list[T]] = {name: [] for name in trials}
    stop = time.monotonic() + deadline
    for _ in range(max(1, repeats)):
        for name, trial in trials.items():
            samples[name].append(trial())
        if time.monotonic() > stop:
            break
    return samples


def median(samples: Samples, name: str) -> float:
    return statistics.median(samples[name])
