"""Run named operations concurrently: `gather_settled` (keep every outcome) and `gather_all` (all or nothing).

```python
results = await gather_settled(health=client.health(), classes=client.list_agent_classes(limit=100))
results["classes"].value            # the page; raises the operation's error if it failed
results["health"].ok, results.errors, results.value_or("health", None)

values = await gather_all(health=client.health, classes=lambda: client.list_agent_classes(limit=100))
```

An operation is an awaitable (`client.health()`) or a zero-argument callable returning one
(`client.health`). Names come as keyword arguments, or as one mapping for names made at run time.
Cancelling the caller cancels every operation still running.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from ._calls import AsyncCall, async_factories, named
from ._outcome import Outcome, Settled, first_error_with_notes

__all__ = ["gather_all", "gather_settled"]


def _prepare(
    operations: Mapping[str, AsyncCall[Any]] | None, keywords: Mapping[str, AsyncCall[Any]]
) -> dict[str, Callable[[], Awaitable[Any]]]:
    merged = named(operations, keywords)
    return dict(zip(merged, async_factories(merged.values()), strict=True))


async def _settle(factory: Callable[[], Awaitable[Any]]) -> Outcome[Any]:
    try:
        return Outcome.success(await factory())
    except Exception as exc:
        return Outcome.failure(exc)


async def _invoke(factory: Callable[[], Awaitable[Any]]) -> Any:
    return await factory()


async def gather_settled(
    operations: Mapping[str, AsyncCall[Any]] | None = None, /, **named_operations: AsyncCall[Any]
) -> Settled:
    """Run every operation concurrently and wait for all; one failing does not stop the others.

    Returns a `Settled` mapping each name to its `Outcome` (value or error).
    """
    factories = _prepare(operations, named_operations)
    async with asyncio.TaskGroup() as group:
        tasks = {name: group.create_task(_settle(factory)) for name, factory in factories.items()}
    return Settled({name: task.result() for name, task in tasks.items()})


async def gather_all(
    operations: Mapping[str, AsyncCall[Any]] | None = None, /, **named_operations: AsyncCall[Any]
) -> dict[str, Any]:
    """Run every operation concurrently; return their values by name, or fail as a whole.

    The first failure cancels the operations still running, waits for them to end, and is raised
    itself (not wrapped in an ExceptionGroup), with a note naming the operation and any others that
    failed meanwhile; its traceback is the one the operation raised.
    """
    factories = _prepare(operations, named_operations)
    tasks: dict[str, asyncio.Task[Any]] = {}
    failure: BaseException | None = None
    try:
        async with asyncio.TaskGroup() as group:
            for name, factory in factories.items():
                tasks[name] = group.create_task(_invoke(factory))
    except BaseExceptionGroup as group_error:
        names = {id(task.exception()): name for name, task in tasks.items() if task.done() and not task.cancelled()}
        failure = first_error_with_notes((names.get(id(error), "?"), error) for error in group_error.exceptions)
    if failure is not None:
        raise failure  # outside the except block: no "during handling of ExceptionGroup" chain
    return {name: task.result() for name, task in tasks.items()}
