"""`with_timeout`: bound one operation in time and fall back to a default.

```python
health = await with_timeout(lambda t: client.health(timeout=t), 5.0, default={"status": "unknown"})
```

The call receives the timeout; every SDK call made inside gets what is left of it as its deadline, so
the HTTP requests themselves are bounded, retries included (their connections are released, nothing
keeps running). The wall-clock deadline is
enforced as well: past it the call is cancelled (the SDK's transport keeps its connection pool whole)
and the default returned. A request timeout (`AtlasTimeoutError`) also gives the default; any other
error is raised.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, overload

from .._pipeline import deadline_scope
from ..errors import AtlasRequestError, AtlasTimeoutError
from ._calls import discard
from ._checks import positive_seconds

__all__ = ["TIMEOUT_ERRORS", "TimedCall", "ran_out_of_time", "with_timeout"]

T = TypeVar("T")
D = TypeVar("D")

#: A call that takes its timeout in seconds, e.g. `lambda t: client.health(timeout=t)`.
TimedCall = Callable[[float], T]

#: What counts as "timed out": the wall-clock deadline, or the request's own timeout.
TIMEOUT_ERRORS = (TimeoutError, AtlasTimeoutError)


def ran_out_of_time(error: Exception) -> bool:
    """Whether `error` means the time ran out: a timeout, or a call whose deadline left no time to retry."""
    return isinstance(error, TIMEOUT_ERRORS) or (isinstance(error, AtlasRequestError) and error.deadline_exceeded)


@overload
async def with_timeout(call: TimedCall[Awaitable[T]] | Awaitable[T], timeout: float) -> T | None: ...
@overload
async def with_timeout(call: TimedCall[Awaitable[T]] | Awaitable[T], timeout: float, *, default: D) -> T | D: ...
async def with_timeout(call: Any, timeout: float, *, default: Any = None) -> Any:
    """The call's result, or `default` when it has not finished within `timeout` seconds.

    `call` takes the timeout (`lambda t: client.health(timeout=t)`), or is an awaitable (then only
    the wall-clock deadline applies).
    """
    try:
        seconds = positive_seconds("timeout", timeout)
    except ValueError:
        discard([call])
        raise
    try:
        with deadline_scope(seconds):  # every SDK call inside ends by then, its retries included
            async with asyncio.timeout(seconds):
                return await (call(seconds) if callable(call) else call)
    except Exception as error:
        if ran_out_of_time(error):
            return default
        raise
