"""Ending asyncio tasks a helper started: cancel them and wait until every one has ended."""

from __future__ import annotations

import asyncio
from collections.abc import Collection
from typing import Any

__all__ = ["cancel_and_wait"]


async def cancel_and_wait(tasks: Collection[asyncio.Task[Any]]) -> None:
    """Cancel `tasks` and wait for all of them to end, even if the caller is cancelled again meanwhile
    (then CancelledError is raised once they have ended): a helper never returns with tasks still alive."""
    for task in tasks:
        task.cancel()
    pending = {task for task in tasks if not task.done()}
    interrupted: asyncio.CancelledError | None = None
    while pending:
        try:
            await asyncio.wait(pending)
        except asyncio.CancelledError as exc:
            interrupted = exc
        pending = {task for task in pending if not task.done()}
    for task in tasks:  # retrieve every exception, so that none is logged as "never retrieved"
        if not task.cancelled():
            task.exception()
    if interrupted is not None:
        raise interrupted
