"""The default blocking engine: HTTP/1.1 over the standard library's sockets and `http.client`, no httpx
object per request.

Chosen by measurement (50 threads sharing one client against the fake on loopback at 20 ms, see
benchmarks/README.md): httpx's `Client` spends most of its time in httpcore's pool, which scans every
waiting request on each change; urllib3 and httpcore2 cost less, and a LIFO pool (`_sync_pool`) under
`http.client` least. It keeps httpx's meanings: `httpx.Timeout` phases (`pool` waiting for a connection,
`connect` for TCP and TLS, `write`, `read` per read), `httpx.Limits`, `verify` and `trust_env` as
`httpx.create_ssl_context` applies them, the request bytes httpx would write (`_aiohttp_wire`, `_http1`), and
failures raised as the httpx exceptions httpx would raise, classified by what is known to have reached
the server.

Some requests take an httpx engine instead, so that they behave exactly as under httpx: every request
while an httpx mocking library is active (pytest-httpx's `httpx_mock`, respx), those through a proxy
(`proxy=`, or the environment's with `trust_env`), and those to a URL httpx would refuse or would send
with credentials (user:password, as Basic auth).
"""

from __future__ import annotations

import http.client
import logging
import ssl
import sys
import threading
import time
from typing import Any, Protocol

import httpx

from . import _aiohttp_wire as _wire  # engine-neutral: the requests httpx would send
from ._http import Connection, DeadlineExceeded, Outgoing, Reply, SendFailure, SyncHttpxEngine, classify, clip
from ._http1 import LocalProtocolError, ReplyHeaders, read_response, request_head
from ._mocking import _Genuine
from ._sync_pool import ConnectionPool, Origin, PoolClosed, PooledConnection, PoolTimeout

__all__ = ["SyncEngine", "SyncSocketEngine", "httpx_is_mocked_sync"]

#: httpx's logger: the same one line per request as httpx writes (`ATLAS_LOG=info` shows it).
_request_log = logging.getLogger("httpx")
_genuine_transport = _Genuine("httpx._transports.default")
_genuine_pool = _Genuine("httpcore._sync.connection_pool")


def httpx_is_mocked_sync() -> bool:
    """True while something has replaced httpx's (or httpcore's) blocking request handling."""
    if _genuine_transport.replaced(httpx.HTTPTransport.handle_request):
        return True
    httpcore = sys.modules.get("httpcore")
    return httpcore is not None and _genuine_pool.replaced(httpcore.ConnectionPool.handle_request)


class SyncEngine(Protocol):
    """What the blocking shell needs of an engine (`SyncHttpxEngine`, or `SyncSocketEngine`)."""

    def send(self, outgoing: Outgoing, timeout: httpx.Timeout | None, deadline: float | None) -> Reply:
        """Send and read the whole response; raise `SendFailure`, or `DeadlineExceeded` past the deadline."""
        ...

    def close(self) -> None:
        """Release the connections."""
        ...


class _Route:
    """How requests to one scheme://authority go: straight to `origin`, or (`origin` None) through httpx."""

    __slots__ = ("origin", "ssl_context")

    def __init__(self, origin: Origin | None, ssl_context: ssl.SSLContext | None) -> None:
        self.origin = origin
        self.ssl_context = ssl_context


class SyncSocketEngine:
    """Sends each request over a pooled HTTP/1.1 connection of its own pool (see the module docstring)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._timeout = connection.timeout
        self._pool = ConnectionPool(connection.limits)
        self._routes: dict[str, _Route] = {}
        self._ssl_context: ssl.SSLContext | None = None
        self._httpx: SyncHttpxEngine | None = None
        self._lock = threading.Lock()
        self._closed = False

    @classmethod
    def build(cls, connection: Connection, base_url: str) -> SyncSocketEngine:
        """An engine for a client of `base_url`, with its route (proxy or not, TLS context) settled now."""
        engine = cls(connection)
        engine._route(_split(_wire.request_url(base_url, None))[0])
        return engine

    def send(self, outgoing: Outgoing, timeout: httpx.Timeout | None, deadline: float | None) -> Reply:
        """Send and read the whole response; `deadline` (monotonic) clips each phase and bounds every read."""
        if httpx_is_mocked_sync():
            return self._via_httpx().send(outgoing, timeout, deadline)
        try:
            prefix, target = _split(_wire.request_url(outgoing.url, outgoing.params))
        except Exception:  # httpx itself says what is wrong with the URL
            return self._via_httpx().send(outgoing, timeout, deadline)
        route = self._routes.get(prefix) or self._route(prefix)
        if route.origin is None:
            return self._via_httpx().send(outgoing, timeout, deadline)
        try:
            body = None if outgoing.json is None else _wire.json_body(outgoing.json)
            head = request_head(outgoing.method, target, route.origin.host_header, outgoing.headers, body)
        except (LocalProtocolError, ValueError, TypeError) as error:  # e.g. NaN in the body: nothing was sent
            raise SendFailure(error, timed_out=False, maybe_sent=False, transient=False) from error
        data = head if body is None else head + body
        phases = clip(timeout or self._timeout, None if deadline is None else deadline - time.monotonic())
        started = time.monotonic()
        connection = self._acquire(route.origin, phases.pool, outgoing)
        reusable = False
        try:
            if connection.sock is None:
                self._open(connection, route, phases.connect, outgoing)
            self._write(connection, data, phases.write, outgoing)
            try:
                response = read_response(connection, outgoing.method, phases.read, deadline)
            except DeadlineExceeded:
                raise
            except Exception as error:
                raise _failure(_read_error(error), outgoing, error) from error
            reusable = response.reusable
        finally:
            self._pool.release(connection, reusable=reusable)
        if _request_log.isEnabledFor(logging.INFO):
            _request_log.info(
                'HTTP Request: %s %s "%s %d %s"',
                outgoing.method,
                prefix + target,
                response.version,
                response.status,
                response.reason,
            )
        return _reply(response.status, response.headers, response.content, outgoing, time.monotonic() - started)

    def close(self) -> None:
        """Close every connection; calls under way in other threads fail at once with a `SendFailure`."""
        with self._lock:
            self._closed = True
            fallback = self._httpx
        self._pool.close()
        if fallback is not None:
            fallback.close()

    # -- the phases -------------------------------------------------------------------------------

    def _acquire(self, origin: Origin, timeout: float | None, outgoing: Outgoing) -> PooledConnection:
        try:
            return self._pool.acquire(origin, timeout)
        except PoolTimeout as error:
            raise _failure(httpx.PoolTimeout(str(error)), outgoing, error) from error
        except PoolClosed as error:
            raise SendFailure(error, timed_out=False, maybe_sent=False, transient=False) from error

    def _open(self, connection: PooledConnection, route: _Route, timeout: float | None, outgoing: Outgoing) -> None:
        try:
            connection.connect(timeout, route.ssl_context)
        except TimeoutError as error:
            raise _failure(httpx.ConnectTimeout(str(error) or "timed out"), outgoing, error) from error
        except OSError as error:  # refused, unreachable, unresolvable, TLS handshake or certificate
            raise _failure(httpx.ConnectError(str(error)), outgoing, error) from error

    def _write(self, connection: PooledConnection, data: bytes, timeout: float | None, outgoing: Outgoing) -> None:
        try:
            connection.set_timeout(timeout)
            assert connection.sock is not None
            connection.sock.sendall(data)
        except TimeoutError as error:
            raise _failure(httpx.WriteTimeout(str(error) or "timed out"), outgoing, error) from error
        except OSError as error:
            raise _failure(httpx.WriteError(str(error)), outgoing, error) from error

    # -- routes -----------------------------------------------------------------------------------

    def _route(self, prefix: str) -> _Route:
        """How requests to `prefix` (scheme://authority) go, settled on first sight as httpx settles it."""
        with self._lock:
            route = self._routes.get(prefix)
            if route is None:
                route = self._routes[prefix] = self._new_route(prefix)
            return route

    def _new_route(self, prefix: str) -> _Route:
        connection = self._connection
        try:
            url = httpx.URL(prefix)
        except httpx.InvalidURL:
            return _Route(None, None)  # httpx reports it
        if (
            url.scheme not in ("http", "https")
            or not url.host
            or url.userinfo  # httpx sends it as Basic auth
            or _wire.proxy_route(prefix, connection.proxy, connection.trust_env) is not None
        ):
            return _Route(None, None)
        context = None
        if url.scheme == "https":
            if self._ssl_context is None:
                self._ssl_context = httpx.create_ssl_context(connection.verify, trust_env=connection.trust_env)
                if not isinstance(connection.verify, ssl.SSLContext):  # a context of its own: say HTTP/1.1
                    self._ssl_context.set_alpn_protocols(["http/1.1"])
            context = self._ssl_context
        return _Route(Origin.of(url), context)

    def _via_httpx(self) -> SyncHttpxEngine:
        """The httpx engine (made on first need) for what this one leaves to httpx."""
        with self._lock:
            if self._closed:
                raise SendFailure(
                    PoolClosed("the client was closed"), timed_out=False, maybe_sent=False, transient=False
                )
            if self._httpx is None:
                self._httpx = SyncHttpxEngine.build(self._connection, None)
            return self._httpx


def _split(url: str) -> tuple[str, str]:
    """An absolute URL as (scheme://authority, origin-form target)."""
    slash = url.find("/", url.find("://") + 3)
    return (url, "/") if slash < 0 else (url[:slash], url[slash:])


def _read_error(error: Exception) -> httpx.TransportError:
    """The httpx exception for a failure while reading a response (the request was written)."""
    if isinstance(error, TimeoutError):
        return httpx.ReadTimeout(str(error) or "timed out")
    if isinstance(error, http.client.RemoteDisconnected):
        return httpx.RemoteProtocolError("Server disconnected without sending a response.")
    if isinstance(error, http.client.HTTPException):  # bad status line, oversized header, broken framing
        return httpx.RemoteProtocolError(f"{type(error).__name__}: {error}")
    if isinstance(error, OSError):  # reset, or shut down by close()
        return httpx.ReadError(str(error) or type(error).__name__)
    return httpx.RemoteProtocolError(f"{type(error).__name__}: {error}")


def _failure(error: httpx.RequestError, outgoing: Outgoing, cause: BaseException) -> SendFailure:
    error.request = outgoing.http_request()
    error.__cause__ = cause
    return classify(error)


class _Reply(Reply):
    """A reply whose `httpx.Response`, made only when asked, keeps every header line as received and
    decodes a `Content-Encoding` body as httpx would."""

    __slots__ = ()

    @property
    def response(self) -> httpx.Response:
        if self._response is None:
            self._response = _response(self.status_code, self.headers, self.content, self.outgoing)
        return self._response


def _response(status: int, headers: Any, content: bytes, outgoing: Outgoing | None) -> httpx.Response:
    raw = headers.raw if isinstance(headers, ReplyHeaders) else list(headers.items())
    return httpx.Response(
        status, headers=raw, content=content, request=None if outgoing is None else outgoing.http_request()
    )


def _reply(status: int, headers: ReplyHeaders, content: bytes, outgoing: Outgoing, elapsed: float) -> Reply:
    encoding = headers.get("Content-Encoding")
    if encoding is None or encoding.strip().lower() == "identity":
        return _Reply(status, headers, content, outgoing=outgoing, elapsed=elapsed)
    try:  # gzip, deflate, br, zstd: httpx decodes the body as its own engine would
        response = _response(status, headers, content, outgoing)
    except httpx.DecodingError as error:
        error.request = outgoing.http_request()
        raise classify(error) from error
    return Reply(status, headers, response.content, response=response, outgoing=outgoing, elapsed=elapsed)
