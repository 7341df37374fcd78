"""`with_timeout`: bound one operation in time and fall back to a default.

```python
health = await with_timeout(lambda t: client.health(timeout=t), 5.0, default={"status": "unknown"})
```

The call receives the timeout and should pass it on as the SDK's `timeout=`, so the HTTP request
itself is bounded (its connection is released, nothing keeps running). The wall-clock deadline is
enforced as well: past it the call is cancelled (the SDK's transport keeps its connection pool whole)
and the default returned. A request timeout (`AtlasTimeoutError`) also gives the default; any other
error is raised.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, overload

from ..errors import AtlasTimeoutError
from ._calls import discard
from ._checks import positive_seconds

__all__ = ["TIMEOUT_ERRORS", "TimedCall", "with_timeout"]

T = TypeVar("T")
D = TypeVar("D")

#: A call that takes its timeout in seconds, e.g. `lambda t: client.health(timeout=t)`.
TimedCall = Callable[[float], T]

#: What counts as "timed out": the wall-clock deadline, or the request's own timeout.
TIMEOUT_ERRORS = (TimeoutError, AtlasTimeoutError)


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
        async with asyncio.timeout(seconds):
            return await (call(seconds) if callable(call) else call)
    except TIMEOUT_ERRORS:
        return default
