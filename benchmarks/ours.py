"""Our side: the SDK's clients as a user builds them, and the fan-out through `fan_out` and `ThreadRunner`.

"Default" means no options at all (`ControlPlaneClient(base_url)`), so the bench measures whatever engine
the clients pick by themselves. The other variants force a path: `httpx` gives the client httpx's transport
(our cancel-safe one, with the default pool's size), `aiohttp` the opt-in `aiohttp_transport()`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any, Literal, Self
from uuid import UUID

import httpx

from atlas_extras import ControlPlaneClient, SyncControlPlaneClient
from atlas_extras.concurrency import Outcomes, ThreadRunner, fan_out
from atlas_extras.transports import CancelSafeAsyncHTTPTransport, aiohttp_transport

__all__ = ["ENGINES", "Engine", "OursAsync", "OursThreads", "async_client", "engine_name", "sync_client"]

Engine = Literal["default", "httpx", "aiohttp"]
ENGINES: tuple[Engine, ...] = ("default", "httpx", "aiohttp")
#: The size of the clients' default pool, for the forced-httpx variant (so that only the path differs).
POOL = httpx.Limits(max_connections=100, max_keepalive_connections=100, keepalive_expiry=30.0)


def async_client(
    base_url: str, engine: Engine = "default", *, limits: httpx.Limits | None = None
) -> ControlPlaneClient:
    """`ControlPlaneClient(base_url)`, optionally with a forced transport (and pool limits)."""
    if engine == "httpx":
        return ControlPlaneClient(base_url, transport=CancelSafeAsyncHTTPTransport(limits=limits or POOL))
    if engine == "aiohttp":
        return ControlPlaneClient(base_url, transport=aiohttp_transport(limits or POOL))
    return ControlPlaneClient(base_url) if limits is None else ControlPlaneClient(base_url, limits=limits)


def sync_client(base_url: str) -> SyncControlPlaneClient:
    """`SyncControlPlaneClient(base_url)`, with its defaults."""
    return SyncControlPlaneClient(base_url)


def engine_name(client: ControlPlaneClient | SyncControlPlaneClient) -> str:
    """The class of the engine a client picked (a diagnostic for the report; private, so read defensively)."""
    engine = getattr(client, "_engine", None)
    return type(engine).__name__ if engine is not None else "unknown"


def _results(outcomes: Outcomes[Any, Any]) -> list[object]:
    """Each outcome's value or error, checking that each item came back exactly once."""
    indexes = sorted(outcome.index for outcome in outcomes)
    if indexes != list(range(len(indexes))):
        raise AssertionError("the fan-out returned an item twice or out of range")
    return [outcome.value if outcome.error is None else outcome.error for outcome in outcomes]


class OursAsync:
    """`fan_out(client.get_agent_definition, ids, max_concurrency=c)` on a `ControlPlaneClient`."""

    def __init__(self, base_url: str, engine: Engine = "default") -> None:
        self.client = async_client(base_url, engine)

    async def fetch(self, ids: Iterable[UUID], concurrency: int) -> list[object]:
        return _results(await fan_out(self.client.get_agent_definition, ids, max_concurrency=concurrency).collect())

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

    def _fetch(self, ids: Iterable[UUID], concurrency: int) -> list[object]:
        if self.runner is None or self.runner.max_workers != concurrency:
            self._close_runner()
            self.runner = ThreadRunner(max_workers=concurrency)
        return _results(
            self.runner.fan_out(self.client.get_agent_definition, ids, max_concurrency=concurrency).collect()
        )

    async def fetch(self, ids: Iterable[UUID], concurrency: int) -> list[object]:
        return await asyncio.to_thread(self._fetch, ids, concurrency)

    def _close_runner(self) -> None:
        if self.runner is not None:
            self.runner.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await asyncio.to_thread(self._close_runner)
        self.client.close()
