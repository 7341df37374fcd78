"""HTTP transports the clients use by default.

`CancelSafeAsyncHTTPTransport` is httpx's own async transport with one repair. httpcore 1.0.x leaks
connection-pool slots when a request is cancelled at the wrong moment (encode/httpx#1461,
encode/httpcore#1093): if the task is cancelled after the pool assigned it a new connection but
before the request claimed it, the connection stays in the pool for good, in state CONNECTING or
NEW, never idle and never available. A few hundred cancellations (first-completed races,
`asyncio.wait_for`, a TaskGroup cancelling its siblings) and every later request fails with
`PoolTimeout`. On cancellation this transport removes exactly those orphans (connections no request
holds that are neither idle nor closed), closes them, and hands their slots to queued requests. It also
closes each response in a task of its own, so that a cancellation landing while a response is being
closed cannot leave its connection ACTIVE for good (the second leak, see `_CloseToCompletion`).

`aiohttp_transport()` is the opt-in alternative for heavy async fan-out: httpcore's pool re-scans every
queued request against every connection on each state change, so its CPU cost per request grows with
the concurrency; aiohttp's does not (see the README's benchmark table). It needs the `aiohttp` extra,
and pytest-httpx does not intercept it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import httpx

__all__ = ["CancelSafeAsyncHTTPTransport", "aiohttp_transport"]


class CancelSafeAsyncHTTPTransport(httpx.AsyncHTTPTransport):
    """`httpx.AsyncHTTPTransport` whose pool survives cancelled requests."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._closing: set[asyncio.Task[None]] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            response = await super().handle_async_request(request)
        except asyncio.CancelledError:
            self._release_orphaned_connections()
            raise
        if isinstance(response.stream, httpx.AsyncByteStream):
            response.stream = _CloseToCompletion(response.stream, self._closing)
        return response

    async def aclose(self) -> None:
        if self._closing:
            await asyncio.gather(*self._closing, return_exceptions=True)
        await super().aclose()

    def _release_orphaned_connections(self) -> None:
        pool = self._pool  # httpcore.AsyncConnectionPool: its state is only reachable privately.
        with pool._optional_thread_lock:
            held = {id(queued.connection) for queued in pool._requests if queued.connection is not None}
            orphans = [
                connection
                for connection in pool._connections
                if id(connection) not in held and not connection.is_idle() and not connection.is_closed()
            ]
            for connection in orphans:
                pool._connections.remove(connection)
            closing = [*orphans, *pool._assign_requests_to_connections()]
        loop = asyncio.get_running_loop()
        for connection in closing:
            task = loop.create_task(connection.aclose())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)


class _CloseToCompletion(httpx.AsyncByteStream):
    """A response stream whose closing always completes.

    httpcore's `PoolByteStream.aclose()` marks itself closed, then awaits the connection's clean-up under
    an anyio shield that native asyncio cancellation ignores: a task cancelled at that moment (a
    first-success loser, a timeout, a TaskGroup sibling) leaves the connection ACTIVE and its request in
    the pool for good. Closing in a task of its own lets the clean-up finish whatever happens to the caller.
    """

    def __init__(self, inner: httpx.AsyncByteStream, closing: set[asyncio.Task[None]]) -> None:
        self._inner = inner
        self._closing = closing

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        task = asyncio.ensure_future(self._inner.aclose())
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)
        await asyncio.shield(task)


def aiohttp_transport(limits: httpx.Limits | None = None) -> httpx.AsyncBaseTransport:
    """An aiohttp-backed transport for `ControlPlaneClient(transport=...)` (retries still apply).

    Requires `pip install 'atlas-control-plane-sdk[aiohttp]'`.
    """
    try:
        from httpx_aiohttp import AiohttpTransport
    except ImportError as exc:
        raise ImportError(
            "aiohttp_transport() needs the aiohttp extra: pip install 'atlas-control-plane-sdk[aiohttp]'"
        ) from exc
    from ._base import DEFAULT_LIMITS

    return AiohttpTransport(limits=limits or DEFAULT_LIMITS)
