"""Our side: the SDK's clients as a user builds them, and the fan-out through `fan_out` and `ThreadRunner`."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, Literal, Self
from uuid import UUID

from atlas_extras import ControlPlaneClient, SyncControlPlaneClient
from atlas_extras.concurrency import Outcomes, ThreadRunner, fan_out
from atlas_extras.transports import aiohttp_transport

from .fetchers import Tally

__all__ = ["OursAsync", "OursThreads", "Transport", "async_client", "sync_client"]

Transport = Literal["httpx", "aiohttp"]
_TIMEOUT = 30.0


def async_client(base_url: str, transport: Transport = "httpx") -> ControlPlaneClient:
    """`ControlPlaneClient` with its defaults (pool of 100, 2 retries), over httpx or `aiohttp_transport()`."""
    chosen = aiohttp_transport() if transport == "aiohttp" else None
    return ControlPlaneClient(base_url, timeout=_TIMEOUT, transport=chosen)


def sync_client(base_url: str) -> SyncControlPlaneClient:
    """`SyncControlPlaneClient` with its defaults."""
    return SyncControlPlaneClient(base_url, timeout=_TIMEOUT)


def _tally(items: int, outcomes: Outcomes[Any, Any]) -> Tally:
    """The tally of a fan-out, checking that each item came back exactly once."""
    indexes = sorted(outcome.index for outcome in outcomes)
    if indexes != list(range(len(indexes))):
        raise AssertionError("the fan-out returned an item twice or out of range")
    return Tally(items, sum(outcome.ok for outcome in outcomes), len(outcomes.errors))


class OursAsync:
    """`fan_out(client.get_agent_definition, ids, max_concurrency=c)` on a `ControlPlaneClient`."""

    def __init__(self, base_url: str, transport: Transport = "httpx") -> None:
        self.client = async_client(base_url, transport)

    async def fetch(self, ids: Sequence[UUID], concurrency: int) -> Tally:
        outcomes = await fan_out(self.client.get_agent_definition, ids, max_concurrency=concurrency).collect()
        return _tally(len(ids), outcomes)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.client.close()


class OursThreads:
    """`ThreadRunner(c).fan_out(sync_client.get_agent_definition, ids)`; the blocking fan-out runs in one
    worker thread of the event loop, which waits for it."""

    def __init__(self, base_url: str) -> None:
        self.client = sync_client(base_url)
        self.runner: ThreadRunner | None = None

    def _fetch(self, ids: Sequence[UUID], concurrency: int) -> Tally:
        if self.runner is None or self.runner.max_workers != concurrency:
            self._close_runner()
            self.runner = ThreadRunner(max_workers=concurrency)
        outcomes = self.runner.fan_out(self.client.get_agent_definition, ids, max_concurrency=concurrency).collect()
        return _tally(len(ids), outcomes)

    async def fetch(self, ids: Sequence[UUID], concurrency: int) -> Tally:
        return await asyncio.to_thread(self._fetch, ids, concurrency)

    def _close_runner(self) -> None:
        if self.runner is not None:
            self.runner.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await asyncio.to_thread(self._close_runner)
        self.client.close()
