"""Concurrency helpers for the Atlas clients: the patterns of the "Concurrent Operations" guide, done right.

| Pattern                                  | Async                                   | Threads (`ThreadRunner`)        |
|------------------------------------------|-----------------------------------------|---------------------------------|
| all concurrently, keep every outcome     | `await gather_settled(name=op, ...)`    | `runner.gather_settled(...)`    |
| all or nothing (first failure raised)    | `await gather_all(name=op, ...)`        | `runner.gather_all(...)`        |
| the same, typed per call                 | `a, b = await gather_all(op_a, op_b)`   | `a, b = runner.gather_all(...)` |
| bounded fan-out over (async) iterables   | `fan_out(fn, items, max_concurrency=n)` | `runner.fan_out(...)`           |
| the concurrency the server sustains      | `fan_out(..., adaptive=True)`           | `runner.fan_out(..., adaptive=)`|
| chunks with a pause between them         | `map_in_chunks(fn, items, chunk_size=)` | `runner.map_in_chunks(...)`     |
| client-side request rate                 | `RateLimiter(rate)`: `async with`       | the same object: `with`         |
| first success among redundant calls      | `await first_success([...])`            | `runner.first_success([...])`   |
| per-operation timeout with a default     | `await with_timeout(call, t, default=)` | `runner.with_timeout(...)`      |

Results: `Outcome` (`.ok`, `.value`, `.error`, `.value_or()`), `Settled` (name -> Outcome, `.errors`),
`ItemOutcome` (+ `.index`, `.item`) and `Outcomes` (list, `.values`, `.errors`). Fan-out options:
`FanOutOptions`, `ChunkOptions`, `AdaptiveConcurrency`. Progress: `ProgressUpdate`, `ProgressBar`. Every
helper of the thread column is a method of `ThreadRunner` (`threads` module), with the same names,
arguments and results; closed under a helper, a runner makes it raise `RunnerClosedError`.
"""

from ._adaptive import AdaptiveConcurrency
from ._errors import AllFailedError, RunnerClosedError
from ._outcome import ItemOutcome, Outcome, Outcomes, Settled
from ._progress import ProgressBar, ProgressCallback, ProgressUpdate
from ._ratelimit import RateLimiter
from ._schedule import ChunkOptions, FanOutOptions
from .fanout import FanOut, fan_out, map_in_chunks
from .gather import gather_all, gather_settled
from .race import first_success
from .threads import ThreadFanOut, ThreadRunner
from .timeouts import with_timeout

__all__ = [
    "AdaptiveConcurrency",
    "AllFailedError",
    "ChunkOptions",
    "FanOut",
    "FanOutOptions",
    "ItemOutcome",
    "Outcome",
    "Outcomes",
    "ProgressBar",
    "ProgressCallback",
    "ProgressUpdate",
    "RateLimiter",
    "RunnerClosedError",
    "Settled",
    "ThreadFanOut",
    "ThreadRunner",
    "fan_out",
    "first_success",
    "gather_all",
    "gather_settled",
    "map_in_chunks",
    "with_timeout",
]
