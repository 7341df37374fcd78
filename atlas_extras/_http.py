"""The HTTP engine seam: the only hand-written module of the clients that touches httpx and httpcore.

The request pipeline (`_pipeline`) hands an engine an `Outgoing` request and gets back a `Reply` (a
response read to its end) or a `SendFailure` that says whether the request may have reached the server.
Everything engine-specific lives here: building the httpx clients (pool, proxies, TLS, HTTP/2), the
cancellation repair of httpcore's pool, reading bodies against a deadline, and classifying failures.
"""

from __future__ import annotations

import asyncio
import ssl
import sys
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_TIMEOUT",
    "AsyncEngine",
    "AsyncHttpxEngine",
    "CancelSafeAsyncHTTPTransport",
    "Connection",
    "Outgoing",
    "Reply",
    "SendFailure",
    "SyncHttpxEngine",
    "aiohttp_transport",
]

Timeout = httpx.Timeout
Limits = httpx.Limits
Request = httpx.Request
Response = httpx.Response
Headers = httpx.Headers
URL = httpx.URL
InvalidURL = httpx.InvalidURL
ResponseNotRead = httpx.ResponseNotRead

#: 5 s to connect, 30 s for each read/write, 30 s to wait for a pooled connection.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
#: Keep every connection alive: fan-out would otherwise reconnect on most requests.
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100, keepalive_expiry=30.0)

TimeoutTypes = float | httpx.Timeout | None
VerifyTypes = bool | ssl.SSLContext
ProxyTypes = str | httpx.URL | httpx.Proxy | None


@dataclass(frozen=True, slots=True)
class Connection:
    """How a client reaches the server: pool, timeouts, proxy, TLS and HTTP/2 (the httpx meanings)."""

    timeout: httpx.Timeout
    limits: httpx.Limits
    proxy: ProxyTypes = None
    verify: VerifyTypes = True
    http2: bool = False
    trust_env: bool = True

    def httpx_options(self) -> dict[str, Any]:
        """These settings as the keyword arguments of an httpx client."""
        return {
            "timeout": self.timeout,
            "limits": self.limits,
            "proxy": self.proxy,
            "verify": self.verify,
            "http2": self.http2,
            "trust_env": self.trust_env,
        }


@dataclass(slots=True)
class Outgoing:
    """One request as the pipeline sends it; every attempt of a call sends the same one.

    `headers` may change between attempts (hooks, trace context): set `changed` and the engine
    rebuilds what it sends.
    """

    method: str
    url: str
    params: Mapping[str, Any] | None
    json: Any
    headers: dict[str, str]
    prepared: httpx.Request | None = None
    changed: bool = False

    def http_request(self) -> httpx.Request:
        """This request as an `httpx.Request` (the one sent, once there is one)."""
        if self.prepared is None:
            self.prepared = httpx.Request(
                self.method, self.url, params=self.params, json=self.json, headers=self.headers
            )
        return self.prepared

    def body_size(self) -> int | None:
        """Bytes of the request body, or None without one."""
        return None if self.json is None else len(self.http_request().content)


class Reply:
    """A response read to its end, whatever engine read it.

    `response` is the `httpx.Response` (errors and raw responses carry it): an httpx engine hands its
    own; another engine gives none, and one is made from the status, headers and body when first asked.
    """

    __slots__ = ("_response", "content", "elapsed", "headers", "outgoing", "status_code")

    status_code: int
    headers: Mapping[str, str]
    content: bytes
    elapsed: float
    outgoing: Outgoing | None

    def __init__(
        self,
        status_code: int,
        headers: Mapping[str, str],
        content: bytes,
        *,
        response: httpx.Response | None = None,
        outgoing: Outgoing | None = None,
        elapsed: float = 0.0,
    ) -> None:
        self.status_code = status_code
        self.headers = headers
        self.content = content
        self.elapsed = elapsed
        self.outgoing = outgoing
        self._response = response

    @property
    def response(self) -> httpx.Response:
        """The `httpx.Response` of this reply."""
        if self._response is None:
            assert self.outgoing is not None
            self._response = httpx.Response(
                self.status_code, content=self.content, request=self.outgoing.http_request()
            )
            # Set after the body: `content` is already decoded, and httpx would decode it again per its
            # Content-Encoding header (a DecodingError for a gzip reply). As the bytes that came (an engine
            # decodes them as UTF-8, surrogate-escaped), so that httpx reads them as it would have.
            self._response.headers = httpx.Headers(
                [(name.encode("utf-8", "surrogateescape"), value.encode("utf-8", "surrogateescape"))
                 for name, value in self.headers.items()]
            )  # fmt: skip
        return self._response


class SendFailure(Exception):
    """A request that got no usable response; `maybe_sent` is False only when it surely never left."""

    def __init__(self, cause: BaseException, *, timed_out: bool, maybe_sent: bool, transient: bool) -> None:
        super().__init__(f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__)
        self.cause = cause
        self.timed_out = timed_out
        self.maybe_sent = maybe_sent
        self.transient = transient


# Raised before a byte of the request was written: safe to repeat, whatever the method.
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.UnsupportedProtocol, httpx.ProxyError)
# Failures that a later attempt may not meet (the others, like an unsupported URL scheme, would recur).
_TRANSIENT = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError, httpx.ProxyError, OSError)


def classify(error: Exception) -> SendFailure:
    """What is known about a request that failed with `error` (any exception from the engine)."""
    if isinstance(error, SendFailure):
        return error
    if (origin := _aiohttp_origin(error)) is not None:
        # httpx-aiohttp (`aiohttp_transport()`) relabels aiohttp's errors: a dropped connection as ConnectTimeout.
        from ._aiohttp import classify_aiohttp

        known = classify_aiohttp(origin)
        return SendFailure(error, timed_out=known.timed_out, maybe_sent=known.maybe_sent, transient=known.transient)
    return SendFailure(
        error,
        timed_out=isinstance(error, httpx.TimeoutException | TimeoutError),
        maybe_sent=not isinstance(error, _NEVER_SENT),
        transient=isinstance(error, _TRANSIENT),
    )


def _aiohttp_origin(error: BaseException | None) -> Exception | None:
    """The aiohttp error behind `error` (itself, or what it was raised from), if aiohttp raised one."""
    aiohttp = sys.modules.get("aiohttp")
    if aiohttp is None:
        return None
    client_error: type[Exception] = aiohttp.ClientError
    for _ in range(8):  # a chain is short; this bounds a cyclic one
        if error is None or isinstance(error, client_error):
            return error
        error = error.__cause__ or error.__context__
    return None


class DeadlineExceeded(Exception):
    """The call's deadline passed while a response body was being read."""


def clip(timeout: httpx.Timeout, remaining: float | None) -> httpx.Timeout:
    """`timeout` with every phase shortened to at most `remaining` seconds."""
    if remaining is None:
        return timeout
    remaining = max(remaining, 0.001)

    def phase(value: float | None) -> float:
        return remaining if value is None else min(value, remaining)

    return httpx.Timeout(
        connect=phase(timeout.connect), read=phase(timeout.read), write=phase(timeout.write), pool=phase(timeout.pool)
    )


def _attempt_request(
    client: httpx.Client | httpx.AsyncClient, outgoing: Outgoing, timeout: httpx.Timeout | None, deadline: float | None
) -> httpx.Request:
    """The request an attempt sends: built once (again only when its headers changed), with this attempt's timeouts."""
    request = outgoing.prepared
    if request is None or outgoing.changed:
        # The client's own settings (base headers, a user client's defaults) apply as httpx would apply them.
        request = outgoing.prepared = client.build_request(
            outgoing.method, outgoing.url, params=outgoing.params, json=outgoing.json, headers=outgoing.headers
        )
        outgoing.changed = False
    remaining = None if deadline is None else deadline - time.monotonic()
    request.extensions["timeout"] = clip(timeout or client.timeout, remaining).as_dict()
    return request


class AsyncEngine(Protocol):
    """What the async shell needs of an engine (`AsyncHttpxEngine`, or the aiohttp one of `_aiohttp`)."""

    async def send(self, outgoing: Outgoing, timeout: httpx.Timeout | None, deadline: float | None) -> Reply:
        """Send and read the whole response, or raise `SendFailure`."""
        ...

    async def close(self) -> None:
        """Release the connections."""
        ...


class SyncHttpxEngine:
    """Sends through an `httpx.Client`; reads each body in chunks so that a deadline bounds it."""

    def __init__(self, client: httpx.Client, *, owned: bool) -> None:
        self.client = client
        self.owned = owned

    @classmethod
    def build(cls, connection: Connection, transport: httpx.BaseTransport | None) -> SyncHttpxEngine:
        return cls(httpx.Client(transport=transport, **connection.httpx_options()), owned=True)

    def send(self, outgoing: Outgoing, timeout: httpx.Timeout | None, deadline: float | None) -> Reply:
        """Send and read the whole response; `deadline` (monotonic) clips each phase and bounds the body read."""
        try:
            response = self.client.send(_attempt_request(self.client, outgoing, timeout, deadline), stream=True)
            try:
                content = _read(response, deadline)
            finally:
                response.close()
        except DeadlineExceeded:
            raise
        except Exception as error:
            raise classify(error) from error
        return Reply(response.status_code, response.headers, content, response=response)

    def close(self) -> None:
        if self.owned:
            self.client.close()


def _read(response: httpx.Response, deadline: float | None) -> bytes:
    if deadline is None:
        return response.read()
    chunks = []
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise DeadlineExceeded
    content = b"".join(chunks)
    response._content = content  # what `Response.read()` does: `.content`, `.text`, `.json()` now work
    return content


class AsyncHttpxEngine:
    """Sends through an `httpx.AsyncClient` whose default transport survives cancellation."""

    def __init__(self, client: httpx.AsyncClient, *, owned: bool) -> None:
        self.client = client
        self.owned = owned

    @classmethod
    def build(cls, connection: Connection, transport: httpx.AsyncBaseTransport | None) -> AsyncHttpxEngine:
        return cls(_CancelSafeAsyncClient(transport=transport, **connection.httpx_options()), owned=True)

    async def send(self, outgoing: Outgoing, timeout: httpx.Timeout | None, deadline: float | None) -> Reply:
        """Send and read the whole response (the caller also bounds it by its deadline)."""
        try:
            response = await self.client.send(_attempt_request(self.client, outgoing, timeout, deadline))
        except Exception as error:
            raise classify(error) from error
        return Reply(response.status_code, response.headers, response.content, response=response)

    async def close(self) -> None:
        if self.owned:
            await self.client.aclose()


class _CancelSafeAsyncClient(httpx.AsyncClient):
    """`httpx.AsyncClient` whose own transports, proxied ones included, are `CancelSafeAsyncHTTPTransport`."""

    def _init_transport(  # type: ignore[override]
        self, transport: httpx.AsyncBaseTransport | None = None, **options: Any
    ) -> httpx.AsyncBaseTransport:
        return transport if transport is not None else CancelSafeAsyncHTTPTransport(**options)

    def _init_proxy_transport(self, proxy: httpx.Proxy, **options: Any) -> httpx.AsyncBaseTransport:  # type: ignore[override]
        return CancelSafeAsyncHTTPTransport(proxy=proxy, **options)


class CancelSafeAsyncHTTPTransport(httpx.AsyncHTTPTransport):
    """`httpx.AsyncHTTPTransport` whose pool survives cancelled requests.

    httpcore 1.0.x leaks connection-pool slots when a request is cancelled at the wrong moment
    (encode/httpx#1461, encode/httpcore#1093): if the task is cancelled after the pool assigned it a new
    connection but before the request claimed it, the connection stays in the pool for good, in state
    CONNECTING or NEW, never idle and never available. A few hundred cancellations (first-completed
    races, `asyncio.wait_for`, a TaskGroup cancelling its siblings) and every later request fails with
    `PoolTimeout`. On cancellation this transport removes exactly those orphans (connections no request
    holds that are neither idle nor closed), closes them, and hands their slots to queued requests. It
    also closes each response in a task of its own, so that a cancellation landing while a response is
    being closed cannot leave its connection ACTIVE for good (see `_CloseToCompletion`).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._closing: set[asyncio.Task[None]] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send `request`; its response is closed to completion even if the close is cancelled."""
        try:
            response = await super().handle_async_request(request)
        except asyncio.CancelledError:
            self._release_orphaned_connections()
            raise
        if isinstance(response.stream, httpx.AsyncByteStream):
            response.stream = _CloseToCompletion(response.stream, self._closing)
        return response

    async def aclose(self) -> None:
        """Wait for the responses still being closed, then close the pool."""
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
    """An aiohttp-backed httpx transport for `ControlPlaneClient(transport=...)` (retries still apply).

    Requires `pip install 'atlas-control-plane-sdk[aiohttp]'`.
    """
    try:
        from httpx_aiohttp import AiohttpTransport
    except ImportError as exc:
        raise ImportError(
            "aiohttp_transport() needs the aiohttp extra: pip install 'atlas-control-plane-sdk[aiohttp]'"
        ) from exc
    return AiohttpTransport(limits=limits or DEFAULT_LIMITS)
