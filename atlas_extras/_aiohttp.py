"""The default async engine: the pipeline's requests sent straight through aiohttp, no httpx object per request.

`AiohttpEngine` keeps httpx's meanings: `httpx.Timeout`/`Limits`, proxies and TLS as httpx applies them,
the requests httpx would send (`_aiohttp_wire`), and failures classified by what is known to have reached the
server. Its pool (aiohttp's `TCPConnector`) costs the same per request at any concurrency and survives
cancelled requests. While an httpx mocking library is active (pytest-httpx's `httpx_mock`, respx), each
request takes an httpx engine instead, so the mock intercepts it as it would any httpx client.

Mapped from `httpx.Timeout`: `pool` bounds the wait for a pool slot (the engine's own, as in httpx),
`connect` opening a connection, TLS and proxy tunnel included (aiohttp's `connect`/`sock_connect`), `read`
each read (`sock_read`); aiohttp has no write timeout, so `write` does not apply (a call's deadline still
bounds the whole attempt). `Limits.max_keepalive_connections` has no aiohttp counterpart: every connection
of the pool may be kept alive, for `keepalive_expiry` seconds. No cookie is stored or sent back.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncGenerator
from urllib.parse import urlsplit

import aiohttp
import httpx
from aiohttp.compression_utils import HAS_BROTLI, HAS_ZSTD
from aiohttp.http_exceptions import ContentEncodingError
from yarl import URL

from . import _aiohttp_wire
from ._http import AsyncEngine, AsyncHttpxEngine, Connection, Outgoing, Reply, SendFailure, classify, clip
from ._mocking import httpx_is_mocked

__all__ = ["AiohttpEngine", "classify_aiohttp", "engine_for"]

#: httpcore's limit on a response's header block (h11's `max_incomplete_event_size`), applied per line.
_MAX_HEADER_BYTES = 100 * 1024
_MAX_HEADERS = 32768
#: httpx logs one line per request here (README, "Logging"); this engine writes the same line.
_REQUEST_LOG = logging.getLogger("httpx")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
_NO_CONTENT_TYPE = ("Content-Type",)
_DECODABLE = {"gzip", "deflate"} | ({"br"} if HAS_BROTLI else set()) | ({"zstd"} if HAS_ZSTD else set())


def engine_for(connection: Connection, base_url: str) -> AsyncEngine | None:
    """The aiohttp engine for a client of `base_url`, or None where only httpx behaves as configured:
    HTTP/2, credentials in the base URL (httpx sends them as Basic auth), an HTTPS or SOCKS proxy."""
    if connection.http2 or httpx.URL(base_url).userinfo:
        return None
    proxy = _aiohttp_wire.proxy_route(base_url, connection.proxy, connection.trust_env)
    if proxy is not None and proxy.url.scheme != "http":
        return None
    return AiohttpEngine(connection, base_url=base_url, proxy=proxy)


def _client_timeout(connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
    # The engine waits for a pool slot itself (`pool`), so aiohttp's `connect` is only the connecting.
    return aiohttp.ClientTimeout(total=None, connect=connect, sock_connect=connect, sock_read=read)


async def _closing_with_loop(session: aiohttp.ClientSession) -> AsyncGenerator[None, None]:
    """Suspended once started; closes `session` when closed: by `AiohttpEngine.close()`, by the event loop
    shutting down (`asyncio.run` closes the async generators still open), or when garbage collected."""
    try:
        yield
    finally:
        await session.close()


class _Origin:
    """Builds the `yarl.URL`s of one origin from their text, without parsing it again (4 us less a request)."""

    __slots__ = ("authority", "prefix", "scheme")

    def __init__(self, scheme: str, authority: str) -> None:
        self.scheme = scheme
        self.authority = authority
        self.prefix = f"{scheme}://{authority}"

    def url(self, text: str) -> URL:
        """`URL(text, encoded=True)`; `text` is already encoded as it is sent."""
        prefix = self.prefix
        if text.startswith(prefix) and text[len(prefix) : len(prefix) + 1] == "/" and "#" not in text:
            path, _, query = text[len(prefix) :].partition("?")
            return URL.build(scheme=self.scheme, authority=self.authority, path=path, query_string=query, encoded=True)
        return URL(text, encoded=True)


class _LoopState:
    """The session of one event loop, its pool slots, and what closes the session with the loop."""

    __slots__ = ("closer", "loop", "session", "slots")

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        session: aiohttp.ClientSession,
        slots: asyncio.Semaphore | None,
        closer: AsyncGenerator[None, None],
    ) -> None:
        self.loop = loop
        self.session = session
        self.slots = slots
        self.closer = closer


class AiohttpEngine:
    """Sends each request through one `aiohttp.ClientSession`, made in the event loop that first uses it.

    A request waits for one of `Limits.max_connections` slots (at most `Timeout.pool` seconds, httpx's
    `PoolTimeout` otherwise) before aiohttp's pool, of the same size, gives it a connection: so the pool
    timeout means what it means in httpx, and a cancelled request holds no slot.
    """

    def __init__(self, connection: Connection, *, base_url: str, proxy: httpx.Proxy | None) -> None:
        self._connection = connection
        split = urlsplit(base_url)
        secure = split.scheme == "https"
        self._origin = _Origin(split.scheme, split.netloc)
        self._timeout = connection.timeout
        self._client_timeout = _client_timeout(connection.timeout.connect, connection.timeout.read)
        self._last_timeout: tuple[httpx.Timeout, aiohttp.ClientTimeout] | None = None
        # As httpx does when a client is made; unused without TLS.
        self._ssl = httpx.create_ssl_context(connection.verify, trust_env=connection.trust_env) if secure else None
        self._headers = {
            "Accept": "*/*",
            "Accept-Encoding": _aiohttp_wire.accept_encoding(_DECODABLE),
            "Connection": "keep-alive",
        }
        self._proxy: URL | None = None
        self._proxy_headers: dict[str, str] | None = None
        if proxy is not None:
            route = _aiohttp_wire.ProxyRoute(proxy)
            self._proxy = URL(route.url)
            if secure:  # sent on the CONNECT that opens the tunnel
                self._proxy_headers = route.headers
            else:  # sent with each request, as httpx does
                self._headers.update(route.headers)
        self._state: _LoopState | None = None
        self._httpx: AsyncHttpxEngine | None = None
        self._closed = False

    async def send(self, outgoing: Outgoing, timeout: httpx.Timeout | None, deadline: float | None) -> Reply:
        """Send and read the whole response; `deadline` (monotonic) clips each phase's timeout."""
        if httpx_is_mocked():
            return await self._mockable().send(outgoing, timeout, deadline)
        timeout = timeout or self._timeout
        try:
            state = self._state
            if state is None or state.loop is not asyncio.get_running_loop():
                state = await self._open()
            if deadline is None:
                client_timeout = self._timeout_for(timeout)
            else:
                timeout = clip(timeout, deadline - time.monotonic())
                client_timeout = _client_timeout(timeout.connect, timeout.read)
            url = self._origin.url(_aiohttp_wire.request_url(outgoing.url, outgoing.params))
            headers = outgoing.headers
            body = skip = None
            if outgoing.json is not None:
                body = _aiohttp_wire.json_body(outgoing.json)
                if "Content-Type" not in headers:
                    headers = {**headers, "Content-Type": "application/json"}
            elif outgoing.method in _BODY_METHODS:
                skip = _NO_CONTENT_TYPE  # aiohttp would add application/octet-stream; httpx sends none
            slots = state.slots
            if slots is not None:
                await _take_slot(slots, timeout.pool)
            try:
                async with state.session.request(
                    outgoing.method,
                    url,
                    data=body,
                    headers=headers,
                    timeout=client_timeout,
                    allow_redirects=False,
                    skip_auto_headers=skip,
                    proxy=self._proxy,
                    proxy_headers=self._proxy_headers,
                ) as response:
                    if _REQUEST_LOG.isEnabledFor(logging.INFO):
                        _log_request(outgoing.method, url, response)
                    content = await response.read()
            finally:
                if slots is not None:
                    slots.release()
        except SendFailure:
            raise
        except Exception as error:
            raise classify_aiohttp(error) from error
        return Reply(response.status, response.headers, content, outgoing=outgoing)

    async def close(self) -> None:
        """Close the connections (in the event loop that opened them), and the httpx engine if mocks used one."""
        self._closed = True
        state, self._state = self._state, None
        if state is not None and state.loop is asyncio.get_running_loop():
            await state.closer.aclose()
        # Otherwise the loop that owns them closes them: when `closer` is collected, or at its shutdown.
        if self._httpx is not None:
            await self._httpx.close()

    def _timeout_for(self, timeout: httpx.Timeout) -> aiohttp.ClientTimeout:
        if timeout is self._timeout:
            return self._client_timeout
        last = self._last_timeout
        if last is None or last[0] is not timeout:
            last = self._last_timeout = (timeout, _client_timeout(timeout.connect, timeout.read))
        return last[1]

    async def _open(self) -> _LoopState:
        """The session for the running loop: made on first use, and again once the loop it was made in closed."""
        if self._closed:
            raise SendFailure(RuntimeError("the client is closed"), timed_out=False, maybe_sent=False, transient=False)
        loop = asyncio.get_running_loop()
        if self._state is not None and not self._state.loop.is_closed():
            raise SendFailure(
                RuntimeError(
                    "this client's connections belong to another event loop, which is still open: "
                    "use one client per event loop"
                ),
                timed_out=False,
                maybe_sent=False,
                transient=False,
            )
        limits = self._connection.limits
        expiry = limits.keepalive_expiry
        connector = aiohttp.TCPConnector(
            limit=limits.max_connections or 0,
            limit_per_host=0,
            keepalive_timeout=None if expiry == 0 else expiry,
            force_close=expiry == 0,
            ssl=self._ssl if self._ssl is not None else True,
        )
        session = aiohttp.ClientSession(
            connector=connector,
            headers=self._headers,
            cookie_jar=aiohttp.DummyCookieJar(),
            timeout=self._client_timeout,
            auto_decompress=True,
            trust_env=False,  # the proxy was chosen once, as httpx chooses it; aiohttp would look per request
            max_line_size=_MAX_HEADER_BYTES,
            max_field_size=_MAX_HEADER_BYTES,
            max_headers=_MAX_HEADERS,
        )
        # aiohttp repeats a GET/PUT/DELETE once, unseen, when the connection drops: attempts are the pipeline's.
        if hasattr(session, "_retry_connection"):
            session._retry_connection = False
        closer = _closing_with_loop(session)
        await closer.__anext__()
        slots = None if limits.max_connections is None else asyncio.Semaphore(limits.max_connections)
        self._state = _LoopState(loop, session, slots, closer)
        return self._state

    def _mockable(self) -> AsyncHttpxEngine:
        if self._httpx is None:
            self._httpx = AsyncHttpxEngine.build(self._connection, None)
        return self._httpx


def _log_request(method: str, url: URL, response: aiohttp.ClientResponse) -> None:
    """httpx's request line, once the response headers came: `HTTP Request: GET <url> "HTTP/1.1 200 OK"`."""
    version = f"HTTP/{response.version.major}.{response.version.minor}" if response.version else "HTTP/1.1"
    _REQUEST_LOG.info('HTTP Request: %s %s "%s %d %s"', method, url, version, response.status, response.reason or "")


async def _take_slot(slots: asyncio.Semaphore, seconds: float | None) -> None:
    """One of the pool's slots, waiting at most `seconds`; httpx's `PoolTimeout` when none came free."""
    if not slots.locked() or seconds is None:
        await slots.acquire()
        return
    try:
        async with asyncio.timeout(seconds):
            await slots.acquire()
    except TimeoutError:
        cause = httpx.PoolTimeout(f"no connection of the pool came free within {seconds:g} s")
        raise SendFailure(cause, timed_out=True, maybe_sent=False, transient=True) from None


def classify_aiohttp(error: Exception) -> SendFailure:
    """What is known about a request that failed with `error` (aiohttp's, or any other exception)."""
    if isinstance(error, SendFailure):
        return error
    if isinstance(error, aiohttp.ConnectionTimeoutError):  # no pool slot came free, or connecting took too long
        return SendFailure(error, timed_out=True, maybe_sent=False, transient=True)
    if isinstance(error, aiohttp.ClientConnectorError | aiohttp.ClientHttpProxyError):
        # refused, unresolvable, the TLS handshake failed, or the proxy would not open a tunnel
        return SendFailure(error, timed_out=False, maybe_sent=False, transient=True)
    if isinstance(error, aiohttp.InvalidURL | aiohttp.NonHttpUrlClientError):
        return SendFailure(error, timed_out=False, maybe_sent=False, transient=False)
    if isinstance(error, TimeoutError):  # a read timed out (sock_read): the request was written
        return SendFailure(error, timed_out=True, maybe_sent=True, transient=True)
    if isinstance(error, aiohttp.ClientPayloadError):  # the body broke off, or is badly framed or encoded
        return SendFailure(error, timed_out=False, maybe_sent=True, transient=not _undecodable(error))
    if isinstance(error, aiohttp.ClientResponseError | aiohttp.ClientConnectionError | OSError):
        # a malformed status line or header block, the server closing or resetting after the request
        return SendFailure(error, timed_out=False, maybe_sent=True, transient=True)
    if isinstance(error, aiohttp.ClientError):  # any other: nothing says whether it left or would recur
        return SendFailure(error, timed_out=False, maybe_sent=True, transient=False)
    return classify(error)


def _undecodable(error: BaseException) -> bool:
    """A body whose Content-Encoding would not decode (httpx's DecodingError: a retry gets the same)."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ContentEncodingError):
            return True
        cause = cause.__cause__
    return False
