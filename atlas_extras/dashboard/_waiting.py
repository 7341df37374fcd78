"""The line `atlas-dashboard` shows on stderr while a load waits for sections: nothing for a quick load;
after `delay` seconds `waiting for 3 of 5 sections (...)`, redrawn in place every second on a terminal,
repeated every few seconds otherwise."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Sequence
from types import TracebackType
from typing import Self, TextIO

__all__ = ["WaitingLine"]


class WaitingLine:
    """Use as a context manager; pass `update` as the dashboard's `progress=`."""

    def __init__(
        self,
        prog: str,
        timeout: float,
        *,
        stream: TextIO | None = None,
        delay: float = 1.0,
        interval: float = 1.0,
        plain_interval: float = 5.0,
    ) -> None:
        self.prog = prog
        self.timeout = timeout
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.terminal = bool(isatty and isatty())
        self.delay = delay
        self.interval = interval if self.terminal else plain_interval
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._pending: tuple[str, ...] = ()
        self._total = 0
        self._since = 0.0
        self._next_draw = 0.0
        self._drawn = False  # a terminal line is on screen
        self._thread = threading.Thread(target=self._run, name="atlas-dashboard-waiting", daemon=True)

    def update(self, pending: Sequence[str]) -> None:
        """The sections a load still waits for (empty: it has them all)."""
        now = time.monotonic()
        with self._lock:
            if pending and not self._pending:  # a round of requests begins
                self._since, self._total = now, len(pending)
                self._next_draw = now + self.delay
            self._pending = tuple(pending)
            if not pending:
                self._clear()

    def line(self, now: float) -> str:
        """What is shown at monotonic time `now`."""
        names = ", ".join(self._pending)
        return (
            f"{self.prog}: waiting for {len(self._pending)} of {self._total} sections ({names}): "
            f"{now - self._since:.0f} s, timeout {self.timeout:g} s"
        )

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            now = time.monotonic()
            with self._lock:
                if self._pending and now >= self._next_draw:
                    self._draw(self.line(now))
                    self._next_draw = now + self.interval

    def _draw(self, text: str) -> None:
        self._write(f"\r{text}\x1b[K" if self.terminal else f"{text}\n")
        self._drawn = self.terminal

    def _clear(self) -> None:
        if self._drawn:
            self._write("\r\x1b[K")
            self._drawn = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # stderr closed (a pipe whose reader left): stop showing anything
            self._stop.set()

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        self._thread.join()
        with self._lock:
            self._pending = ()
            self._clear()
