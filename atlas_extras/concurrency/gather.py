"""Run operations concurrently: `gather_settled` (keep every outcome) and `gather_all` (all or nothing).

```python
results = await gather_settled(health=client.health(), classes=client.list_agent_classes(limit=100))
results["classes"].value            # the page; raises the operation's error if it failed
results["health"].ok, results.errors, results.value_or("health", None)

values = await gather_all(health=client.health, classes=lambda: client.list_agent_classes(limit=100))

health, classes = await gather_all(client.health(), client.list_agent_classes(limit=100))  # typed
health_outcome, classes_outcome = await gather_settled(client.health(), client.list_agent_classes())
```

An operation is an awaitable (`client.health()`) or a zero-argument callable returning one
(`client.health`). Named operations come as keyword arguments, or as one mapping for names made at run
time, and their results come back by name (typed `Any`: each name holds a different type). Positional
operations come back as a tuple in the same order, each element typed as its operation's result (up to
six operations; more are typed `Any`). Cancelling the caller cancels every operation still running.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar, overload

from ._calls import AsyncCall, Operations, async_factories
from ._outcome import Outcome, Settled, first_error_with_notes

__all__ = ["gather_all", "gather_settled"]

T1 = TypeVar("T1")
T2 = TypeVar("T2")
T3 = TypeVar("T3")
T4 = TypeVar("T4")
T5 = TypeVar("T5")
T6 = TypeVar("T6")


_Factory = Callable[[], Awaitable[Any]]


def _prepare(args: tuple[Any, ...], keywords: Mapping[str, AsyncCall[Any]]) -> tuple[Operations[Any], list[_Factory]]:
    operations: Operations[AsyncCall[Any]] = Operations(args, keywords)
    return operations, async_factories(operations.calls)


async def _settle(factory: _Factory) -> Outcome[Any]:
    try:
        return Outcome.success(await factory())
    except Exception as exc:
        return Outcome.failure(exc)


async def _invoke(factory: _Factory) -> Any:
    return await factory()


# fmt: off
@overload
async def gather_settled(
    operations: Mapping[str, AsyncCall[Any]] | None = None, /, **named_operations: AsyncCall[Any]
) -> Settled: ...
@overload
async def gather_settled(c1: AsyncCall[T1], /) -> tuple[Outcome[T1]]: ...
@overload
async def gather_settled(c1: AsyncCall[T1], c2: AsyncCall[T2], /) -> tuple[Outcome[T1], Outcome[T2]]: ...
@overload
async def gather_settled(
    c1: AsyncCall[T1], c2: AsyncCall[T2], c3: AsyncCall[T3], /
) -> tuple[Outcome[T1], Outcome[T2], Outcome[T3]]: ...
@overload
async def gather_settled(
    c1: AsyncCall[T1], c2: AsyncCall[T2], c3: AsyncCall[T3], c4: AsyncCall[T4], /
) -> tuple[Outcome[T1], Outcome[T2], Outcome[T3], Outcome[T4]]: ...
@overload
async def gather_settled(
    c1: AsyncCall[T1], c2: AsyncCall[T2], c3: AsyncCall[T3], c4: AsyncCall[T4], c5: AsyncCall[T5], /
) -> tuple[Outcome[T1], Outcome[T2], Outcome[T3], Outcome[T4], Outcome[T5]]: ...
@overload
async def gather_settled(
    c1: AsyncCall[T1], c2: AsyncCall[T2], c3: AsyncCall[T3], c4: AsyncCall[T4], c5: AsyncCall[T5],
    c6: AsyncCall[T6], /,
) -> tuple[Outcome[T1], Outcome[T2], Outcome[T3], Outcome[T4], Outcome[T5], Outcome[T6]]: ...
@overload
async def gather_settled(
    c1: AsyncCall[Any], c2: AsyncCall[Any], c3: AsyncCall[Any], c4: AsyncCall[Any], c5: AsyncCall[Any],
    c6: AsyncCall[Any], c7: AsyncCall[Any], /, *more: AsyncCall[Any],
) -> tuple[Outcome[Any], ...]: ...
# fmt: on
async def gather_settled(*operations: Any, **named_operations: AsyncCall[Any]) -> Any:
    """Run every operation concurrently and wait for all; one failing does not stop the others.

    Named operations give a `Settled` mapping each name to its `Outcome` (value or error); positional
    ones a tuple of `Outcome`s, in order.
    """
    given, factories = _prepare(operations, named_operations)
    async with asyncio.TaskGroup() as group:
        tasks = [group.create_task(_settle(factory)) for factory in factories]
    outcomes = [task.result() for task in tasks]
    return tuple(outcomes) if given.names is None else Settled(dict(zip(given.names, outcomes, strict=True)))


# fmt: off
@overload
async def gather_all(
    operations: Mapping[str, AsyncCall[Any]] | None = None, /, **named_operations: AsyncCall[Any]
) -> dict[str, Any]: ...
@overload
async def gather_all(c1: AsyncCall[T1], /) -> tuple[T1]: ...
@overload
async def gather_all(c1: AsyncCall[T1], c2: AsyncCall[T2], /) -> tuple[T1, T2]: ...
@overload
async def gather_all(c1: AsyncCall[T1], c2: AsyncCall[T2], c3: AsyncCall[T3], /) -> tuple[T1, T2, T3]: ...
@overload
async def gather_all(
    c1: AsyncCall[T1], c2: AsyncCall[T2], c3: AsyncCall[T3], c4: AsyncCall[T4], /
) -> tuple[T1, T2, T3, T4]: ...
@overload
async def gather_all(
    c1: AsyncCall[T1], c2: AsyncCall[T2], c3: AsyncCall[T3], c4: AsyncCall[T4], c5: AsyncCall[T5], /
) -> tuple[T1, T2, T3, T4, T5]: ...
@overload
async def gather_all(
    c1: AsyncCall[T1], c2: AsyncCall[T2], c3: AsyncCall[T3], c4: AsyncCall[T4], c5: AsyncCall[T5],
    c6: AsyncCall[T6], /,
) -> tuple[T1, T2, T3, T4, T5, T6]: ...
@overload
async def gather_all(
    c1: AsyncCall[Any], c2: AsyncCall[Any], c3: AsyncCall[Any], c4: AsyncCall[Any], c5: AsyncCall[Any],
    c6: AsyncCall[Any], c7: AsyncCall[Any], /, *more: AsyncCall[Any],
) -> tuple[Any, ...]: ...
# fmt: on
async def gather_all(*operations: Any, **named_operations: AsyncCall[Any]) -> Any:
    """Run every operation concurrently; return their values (by name, or a tuple in order), or fail
    as a whole.

    The first failure cancels the operations still running, waits for them to end, and is raised
    itself (not wrapped in an ExceptionGroup), with a note naming the operation and any others that
    failed meanwhile; its traceback is the one the operation raised.
    """
    given, factories = _prepare(operations, named_operations)
    tasks: list[asyncio.Task[Any]] = []
    failure: BaseException | None = None
    try:
        async with asyncio.TaskGroup() as group:
            for factory in factories:
                tasks.append(group.create_task(_invoke(factory)))
    except BaseExceptionGroup as group_error:
        labels = {
            id(task.exception()): given.label(index)
            for index, task in enumerate(tasks)
            if task.done() and not task.cancelled()
        }
        failure = first_error_with_notes((labels.get(id(error), "?"), error) for error in group_error.exceptions)
    if failure is not None:
        raise failure  # outside the except block: no "during handling of ExceptionGroup" chain
    return given.results([task.result() for task in tasks])
