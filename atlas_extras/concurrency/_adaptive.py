"""Adaptive concurrency: the AIMD controller behind `fan_out(..., adaptive=True)` and its thread twin.

The controller only decides; the fan-out schedule asks it how many calls may run (`limit`), how long new
calls must wait (`pause_remaining`) and tells it how each call ended (`observe`). It holds no task, thread
or lock: the schedule calls it from the one thread or task that drives the fan-out.

The rules (TCP's congestion control, applied to calls in flight):

- start at `initial` calls in flight and add `increase` per full window of successes (one more call per
  round trip: additive increase), never above the ceiling (`max_concurrency`); a success counts only when
  the limit was in full use;
- on overload, multiply the limit by `decrease` (multiplicative decrease), never below 1, at most once per
  round trip: only a call that started after the last decrease can lower it again;
- overload is a 429 (`AtlasRateLimitError`), a 503 (`AtlasServerError`), a request timeout, or a success
  more than `latency_tolerance` times slower than the fastest seen (the SDK's own retries of a 429 or 503
  show up this way, as a call that took its backoff longer);
- a 429 or 503 that came straight back (not after the SDK's retries) says the level just below was fine:
  the limit then grows back by one per success (doubling per round trip) to one below the level turned
  away, before going on additively ("fast recovery");
- a `Retry-After` on a 429 or 503 pauses every new call for that long (at most `max_pause` seconds).
"""

from __future__ import annotations

import enum
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import AtlasRateLimitError, AtlasServerError, AtlasTimeoutError, parse_retry_after
from ._checks import positive_int

__all__ = ["AdaptiveConcurrency", "AimdController", "Signal", "classify"]

#: Latencies closer than this to the fastest one are noise, whatever the ratio (in-process transports
#: answer in well under a millisecond, and one garbage collection triples that).
LATENCY_RESOLUTION = 0.005
#: A rejection that took at most this many times the fastest success came straight back from the server.
PROMPT_FACTOR = 3.0


@dataclass(frozen=True, slots=True)
class AdaptiveConcurrency:
    """Settings of an adaptive fan-out: `fan_out(..., max_concurrency=64, adaptive=AdaptiveConcurrency(...))`
    (`adaptive=True` takes these defaults). `max_concurrency` is the ceiling.

    - `initial`: calls in flight at the start (default: 4, or the ceiling if lower);
    - `increase`: calls added per window of successes once past slow start (1: one more per round trip);
    - `decrease`: factor applied to the limit on overload (0.5 halves it);
    - `latency_tolerance`: a success this many times slower than the fastest one seen counts as overload
      (None: latency is ignored);
    - `max_pause`: the longest `Retry-After` honoured, in seconds;
    - `reruns`: how many times an item whose call was turned away (429 or 503) is run again, once the
      limit allows. 0 (the default) reports it as the item's error. Only for a `fn` that is safe to repeat
      (a 429 or 503 means that request was not processed, but `fn` may have made other calls before it).
    """

    initial: int | None = None
    increase: float = 1.0
    decrease: float = 0.5
    latency_tolerance: float | None = 3.0
    max_pause: float = 60.0
    reruns: int = 0

    def __post_init__(self) -> None:
        if self.initial is not None:
            positive_int("initial", self.initial)
        if isinstance(self.reruns, bool) or not isinstance(self.reruns, int) or self.reruns < 0:
            raise ValueError(f"reruns must be an int >= 0, got {self.reruns!r}")
        _check_number("increase", self.increase, lambda v: v > 0, "> 0")
        _check_number("decrease", self.decrease, lambda v: 0 < v < 1, "between 0 and 1 (exclusive)")
        _check_number("max_pause", self.max_pause, lambda v: v >= 0, ">= 0 seconds")
        if self.latency_tolerance is not None:
            _check_number("latency_tolerance", self.latency_tolerance, lambda v: v > 1, "> 1 (or None)")


def _check_number(name: str, value: object, valid: Callable[[float], bool], expected: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or not valid(value):
        raise ValueError(f"AdaptiveConcurrency(): {name} must be a finite number {expected}, got {value!r}")


class Signal(enum.Enum):
    """What one call's ending says about the server's load."""

    OK = "ok"  # a success at normal speed
    REJECTED = "rejected"  # 429 / 503: turned away, not processed; may carry a Retry-After
    SLOW = "slow"  # a request timeout, or a success far slower than usual
    NEUTRAL = "neutral"  # any other error: says nothing about load


def classify(error: BaseException | None) -> Signal:
    """The signal of an outcome's error (latency aside): REJECTED, SLOW (timeouts), NEUTRAL, or OK."""
    if error is None:
        return Signal.OK
    if isinstance(error, AtlasRateLimitError) or (isinstance(error, AtlasServerError) and error.status_code == 503):
        return Signal.REJECTED
    if isinstance(error, AtlasTimeoutError):
        return Signal.SLOW
    return Signal.NEUTRAL


def retry_after(error: BaseException | None) -> float | None:
    """The server's `Retry-After` hint (seconds) on a 429 or 503, if any."""
    if isinstance(error, AtlasRateLimitError):
        return error.retry_after
    if isinstance(error, AtlasServerError):
        return parse_retry_after(error.response.headers.get("Retry-After"))
    return None


class AimdController:
    """The concurrency limit of one adaptive fan-out, between 1 and `ceiling` (see the module docstring)."""

    ceiling: int
    settings: AdaptiveConcurrency
    window: float
    threshold: float
    fastest: float
    decreases: int

    def __init__(
        self, ceiling: int, settings: AdaptiveConcurrency | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ceiling = positive_int("max_concurrency", ceiling)
        self.settings = settings = settings or AdaptiveConcurrency()
        self._clock = clock
        self.window = float(min(ceiling, settings.initial or 4))
        self.threshold = self.window  # below it, the limit grows by one per success (fast recovery)
        self.fastest = math.inf
        self._last_decrease = -math.inf
        self._paused_until = -math.inf
        self.decreases = 0

    @property
    def recovering(self) -> bool:
        """True while the limit grows back by one per success, to just below the level last turned away."""
        return self.window < self.threshold

    @property
    def limit(self) -> int:
        """How many calls may be in flight now."""
        return max(1, min(self.ceiling, int(self.window)))

    def pause_remaining(self) -> float:
        """Seconds new calls must still wait because of a `Retry-After` (0 when none)."""
        return max(0.0, self._paused_until - self._clock())

    def observe(self, error: BaseException | None, *, started: float, elapsed: float, in_flight: int) -> Signal:
        """Record one call's ending: its error (None: success), when it started (the controller's clock),
        how long it took, and how many calls were in flight with it (itself included). Returns its signal."""
        signal = classify(error)
        if signal is Signal.OK:
            signal = self._timed(elapsed)
        if signal is Signal.OK:
            self._grow(in_flight)
        elif signal is Signal.REJECTED:
            self._shrink(started, retry_after(error), prompt=self._prompt(elapsed))
        elif signal is Signal.SLOW:
            self._shrink(started, None, prompt=False)
        return signal

    def _prompt(self, elapsed: float) -> bool:
        """Whether a rejection came back at once (turned away on arrival, not after the SDK's retries)."""
        return elapsed <= PROMPT_FACTOR * max(self.fastest, LATENCY_RESOLUTION)

    def _timed(self, elapsed: float) -> Signal:
        """OK, or SLOW when this success took far longer than the fastest seen."""
        self.fastest = min(self.fastest, elapsed)
        tolerance = self.settings.latency_tolerance
        if tolerance is None or elapsed <= tolerance * max(self.fastest, LATENCY_RESOLUTION):
            return Signal.OK
        if self.limit == 1:  # as slow with a single call in flight: the server's pace changed, not its load
            self.fastest = elapsed
            return Signal.OK
        return Signal.SLOW

    def _grow(self, in_flight: int) -> None:
        if in_flight < self.limit:  # the limit was not what held the fan-out back: no evidence it can grow
            return
        step = 1.0 if self.recovering else self.settings.increase / self.window
        self.window = min(float(self.ceiling), self.window + step)

    def _shrink(self, started: float, pause: float | None, *, prompt: bool) -> None:
        now = self._clock()
        if pause:
            self._paused_until = max(self._paused_until, now + min(pause, self.settings.max_pause))
        if started < self._last_decrease:  # it was already in flight when the limit last went down
            if prompt:  # one more turned away by the same overshoot: the level to recover to is lower
                self.threshold = max(self.window, self.threshold - 1)
            return
        before = self.window
        self.window = max(1.0, before * self.settings.decrease)
        self.threshold = max(self.window, before - 1) if prompt else self.window
        self._last_decrease = now
        self.decreases += 1

    def __repr__(self) -> str:
        phase = "recovering" if self.recovering else "additive increase"
        return f"AimdController(limit={self.limit}, ceiling={self.ceiling}, {phase}, decreases={self.decreases})"
