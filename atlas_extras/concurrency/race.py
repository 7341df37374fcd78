"""`first_success`: the first call to succeed wins, the others are cancelled.

```python
health = await first_success([primary.health, secondary.health])           # all at once
page = await first_success(
    [lambda: a.list_deployments(limit=5), lambda: b.list_deployments(limit=5)], hedge_delay=0.2
)                                                                            # hedged
```

Unlike `asyncio.wait(FIRST_COMPLETED)`, a call that fails fast does not end the race: the others keep
going, and only when every call has failed is `AllFailedError` raised, listing each failure. With
`hedge_delay`, the calls start one at a time: the next one when the running ones have not succeeded
within `hedge_delay` seconds, or at once when one fails.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from ._calls import AsyncCall, async_factories, discard
from ._race import Race
from ._tasks import cancel_and_wait

__all__ = ["first_success"]

T = TypeVar("T")


async def _invoke(factory: Callable[[], Awaitable[T]]) -> T:
    return await factory()


async def first_success(calls: Sequence[AsyncCall[T]], *, hedge_delay: float | None = None) -> T:
    """The value of the first call to succeed; cancels the others. Raises `AllFailedError` if all fail.

    `calls` are zero-argument callables (`client.health`) or awaitables; `hedge_delay` (seconds)
    staggers them (see the module docstring). Awaitables never started are closed.
    """
    factories = async_factories(calls)
    try:
        race = Race(len(factories), hedge_delay)
    except ValueError:
        discard(calls)
        raise
    loop = asyncio.get_running_loop()
    tasks: dict[asyncio.Task[T], int] = {}
    try:
        while True:
            for index in race.to_start():
                tasks[loop.create_task(_invoke(factories[index]))] = index
            done, _ = await asyncio.wait(tasks, timeout=race.wait_timeout(), return_when=asyncio.FIRST_COMPLETED)
            winner = race.settle((tasks.pop(task), task) for task in done)
            if winner is not None:
                return winner.result()
    finally:
        try:
            await cancel_and_wait(tasks)
        finally:
            discard(calls[race.started :])
