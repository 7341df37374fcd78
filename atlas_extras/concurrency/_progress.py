"""Progress reporting for fan-outs: a callback type, a tiny stderr progress bar, and the counter behind both."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO, TypeAlias

__all__ = ["ProgressBar", "ProgressCallback", "ProgressUpdate"]


@dataclass(frozen=True, slots=True)
class ProgressUpdate:
    """Where a fan-out stands: items finished (`done`, of which `failed` failed), of `total` if known."""

    done: int
    failed: int
    total: int | None
    elapsed: float
    finished: bool

    @property
    def rate(self) -> float:
        """Items finished per second so far."""
        return self.done / self.elapsed if self.elapsed > 0 else 0.0


#: Called with every `ProgressUpdate`, in the thread or task that iterates the results.
ProgressCallback: TypeAlias = Callable[[ProgressUpdate], None]


class ProgressBar:
    """A one-line progress bar for `fan_out(..., progress=ProgressBar())` (or `progress=True`).

    Draws on `stream` (default stderr) only when it is a terminal, unless `force`; redraws at most
    every `min_interval` seconds and ends its line when the fan-out finishes.
    """

    def __init__(
        self,
        label: str = "",
        *,
        stream: TextIO | None = None,
        width: int = 30,
        min_interval: float = 0.1,
        force: bool = False,
    ) -> None:
        self.label = label
        self.stream: TextIO = stream if stream is not None else sys.stderr
        self.width = width
        self.min_interval = min_interval
        isatty = getattr(self.stream, "isatty", None)
        self.enabled: bool = force or bool(isatty and isatty())
        self._last_draw = float("-inf")

    def __call__(self, update: ProgressUpdate) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not update.finished and now - self._last_draw < self.min_interval:
            return
        self._last_draw = now
        self.stream.write("\r" + self.render(update) + ("\n" if update.finished else ""))
        self.stream.flush()

    def render(self, update: ProgressUpdate) -> str:
        """The bar's text for `update`, e.g. `definitions [######----] 60/100 (2 failed) 120.0/s`."""
        if update.total:
            filled = min(self.width, self.width * update.done // update.total)
            bar = f"[{'#' * filled}{'-' * (self.width - filled)}] {update.done}/{update.total}"
        else:
            bar = f"{update.done} done"
        failed = f" ({update.failed} failed)" if update.failed else ""
        label = f"{self.label} " if self.label else ""
        return f"{label}{bar}{failed} {update.rate:.1f}/s"


class ProgressTracker:
    """Counts finished items and reports them to a callback (or to nothing)."""

    __slots__ = ("_callback", "_started", "done", "failed", "total")

    def __init__(self, callback: ProgressCallback | bool | None, total: int | None) -> None:
        self._callback: ProgressCallback | None
        if callback is True:
            self._callback = ProgressBar()
        elif callback is False or callback is None:
            self._callback = None
        else:
            self._callback = callback
        self.total = total
        self.done = 0
        self.failed = 0
        self._started = time.monotonic()

    def record(self, *, ok: bool) -> None:
        """One more item finished."""
        self.done += 1
        self.failed += not ok
        self._report(finished=False)

    def finish(self) -> None:
        """The fan-out is over (all items done, or stopped early)."""
        self._report(finished=True)

    def _report(self, *, finished: bool) -> None:
        if self._callback is not None:
            elapsed = time.monotonic() - self._started
            self._callback(ProgressUpdate(self.done, self.failed, self.total, elapsed, finished))
