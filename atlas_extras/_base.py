"""The sync and async client shells: construction, the attempt loop's sending and sleeping, closing.

Everything a call decides is in `_pipeline.Call`; a shell only sends each attempt through its engine,
sleeps between attempts, and bounds the whole call by its deadline.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import platform
import ssl
import time
from collections.abc import Mapping, Sequence
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from . import _arguments, _http, _redact
from ._call import Operation, new_call
from ._http import DEFAULT_LIMITS, DEFAULT_TIMEOUT, Connection, DeadlineExceeded, SendFailure
from ._pipeline import Call, Settings, hook_methods
from ._raw import RawResponse
from ._redact import Redactor
from ._sync_engine import SyncEngine, SyncSocketEngine
from ._version import __version__
from ._warmup import warm_up
from .hooks import MetricsHandler
from .retries import RetryPolicy

__all__ = ["DEFAULT_LIMITS", "DEFAULT_TIMEOUT", "AsyncClientBase", "AsyncRawBase", "SyncClientBase", "SyncRawBase"]

T = TypeVar("T")

USER_AGENT = f"atlas-control-plane-sdk/{__version__} (Python {platform.python_version()})"


def _settings(
    cls_name: str,
    *,
    base_url: str | None,
    api_key: str | None,
    timeout: Any,
    deadline: Any,
    max_retries: int | None,
    headers: Mapping[str, str] | None,
    retry_policy: RetryPolicy | None,
    hooks: object,
    metrics_handler: MetricsHandler | None,
    enable_tracing: bool,
    proxy: Any,
    own_http: bool,
) -> Settings:
    where = f"{cls_name}():"
    base_url = base_url or os.environ.get("ATLAS_BASE_URL")
    if not base_url:
        raise ValueError(f"{where} base_url is required (or set ATLAS_BASE_URL), e.g. 'http://control-plane:8000'")
    if not isinstance(base_url, str):
        raise TypeError(f"{where} base_url must be a str, got {type(base_url).__name__}")
    try:
        url = _http.URL(base_url)
        port = url.port
    except (_http.InvalidURL, ValueError) as exc:
        raise ValueError(f"{where} base_url is not a valid URL: {Redactor.mask_userinfo(str(exc))}") from None
    if port is not None and not 0 < port < 65536:
        raise ValueError(f"{where} base_url has a port outside 1..65535: {port}")
    if url.scheme not in ("http", "https") or not url.host:
        raise ValueError(
            f"{where} base_url must be an http(s) URL with a host, got {Redactor.mask_userinfo(base_url)!r}"
        )
    if url.query or url.fragment or "?" in base_url or "#" in base_url:
        raise ValueError(
            f"{where} base_url must not have a query or fragment, got {Redactor.mask_userinfo(base_url)!r}"
        )
    policy = retry_policy if retry_policy is not None else RetryPolicy()
    if not isinstance(policy, RetryPolicy):
        raise TypeError(f"{where} retry_policy must be a RetryPolicy, got {type(policy).__name__}")
    if max_retries is not None:
        policy = RetryPolicy(
            _arguments.check_count(f"{where} max_retries", max_retries),
            policy.retry_statuses,
            policy.backoff_base,
            policy.max_backoff,
            policy.max_retry_after,
        )
    api_key = api_key if api_key is not None else os.environ.get("ATLAS_API_KEY")
    if api_key is not None:
        api_key = _arguments.check_header_value(f"{where} api_key", api_key.strip())
    all_headers = {"User-Agent": USER_AGENT, **_arguments.check_headers(f"{where} headers", headers or {})}
    if api_key:
        all_headers["Authorization"] = f"Bearer {api_key}"
    if metrics_handler is not None and not all(
        callable(getattr(metrics_handler, name, None))
        for name in ("on_request_start", "on_request_end", "on_request_error")
    ):
        raise TypeError(f"{where} metrics_handler needs on_request_start, on_request_end and on_request_error methods")
    tracing = None
    if enable_tracing:
        from ._tracing import Tracing

        tracing = Tracing.create()
    redactor = Redactor.for_client(api_key=api_key, headers=all_headers, urls=[base_url, str(proxy or "")])
    _redact.register(redactor)  # log records anywhere mask this client's secrets while it lives
    return Settings(
        base_url=base_url.rstrip("/"),
        headers=all_headers,
        retry_policy=policy,
        timeout=_arguments.check_timeout(f"{where} timeout", timeout) if own_http else None,
        deadline=_arguments.check_seconds(f"{where} deadline", deadline),
        redactor=redactor,
        hooks=hook_methods(hooks),
        metrics=metrics_handler,
        tracing=tracing,
    )


def _connection(cls_name: str, timeout: Any, limits: Any, proxy: Any, verify: Any, http2: Any) -> Connection:
    where = f"{cls_name}():"
    if not isinstance(limits, _http.Limits):
        raise TypeError(f"{where} limits must be an httpx.Limits, got {type(limits).__name__} {limits!r:.60}")
    if not isinstance(verify, bool | str | ssl.SSLContext):
        raise TypeError(
            f"{where} verify must be a bool, a CA bundle path or an ssl.SSLContext, got {type(verify).__name__}"
        )
    if not isinstance(http2, bool):
        raise TypeError(f"{where} http2 must be a bool, got {type(http2).__name__}")
    if http2 and importlib.util.find_spec("h2") is None:
        raise ImportError(f"{where} http2=True needs the h2 extra: pip install 'atlas-control-plane-sdk[h2]'")
    if isinstance(verify, str):  # a CA bundle file or a directory of certificates
        if not os.path.exists(verify):
            raise ValueError(f"{where} verify: no CA bundle at {verify!r}")
        is_dir = os.path.isdir(verify)
        verify = ssl.create_default_context(capath=verify if is_dir else None, cafile=None if is_dir else verify)
    return Connection(
        timeout=_arguments.check_timeout(f"{where} timeout", timeout),
        limits=limits,
        proxy=proxy,
        verify=verify,
        http2=http2,
    )


EngineT = TypeVar("EngineT", SyncEngine, _http.AsyncEngine)


class _ClientBase(Generic[EngineT]):
    """What the sync and async clients share: their settings, their engine, and opening and closing it."""

    _engine: EngineT

    def __init__(
        self,
        base_url: str | None = None,
        *,
        api_key: str | None = None,
        timeout: float | _http.Timeout | None = DEFAULT_TIMEOUT,
        deadline: float | None = None,
        max_retries: int | None = None,
        limits: _http.Limits = DEFAULT_LIMITS,
        headers: Mapping[str, str] | None = None,
        proxy: str | None = None,
        verify: bool | str | ssl.SSLContext = True,
        http2: bool = False,
        transport: Any = None,
        http_client: Any = None,
        retry_policy: RetryPolicy | None = None,
        hooks: object | Sequence[object] | None = None,
        metrics_handler: MetricsHandler | None = None,
        enable_tracing: bool = False,
    ) -> None:
        """Connect to the Control Plane at `base_url` (default: the `ATLAS_BASE_URL` variable).

        `api_key` defaults to `ATLAS_API_KEY`. `timeout` (per attempt and phase: seconds or an
        `httpx.Timeout`), `deadline` (seconds for a whole call, retries included) and `max_retries`
        (default 2, or the `retry_policy`'s) apply to every call unless it overrides them. `proxy`,
        `verify` and `http2` have their httpx meanings; `HTTP(S)_PROXY`/`NO_PROXY` apply without `proxy`.
        `transport` replaces the network layer (retries still apply); `http_client` replaces the whole
        httpx client: its own timeout and transport apply, and closing this client leaves it open.
        `hooks`, `metrics_handler` and `enable_tracing` observe calls (see `atlas_extras.hooks`).
        """
        name = type(self).__name__
        connection = _connection(name, timeout, limits, proxy, verify, http2)
        self._settings = _settings(
            name,
            base_url=base_url,
            api_key=api_key,
            timeout=timeout,
            deadline=deadline,
            max_retries=max_retries,
            headers=headers,
            retry_policy=retry_policy,
            hooks=hooks,
            metrics_handler=metrics_handler,
            enable_tracing=enable_tracing,
            proxy=proxy,
            own_http=http_client is None,
        )
        self._closed = False
        self._engine = self._new_engine(connection, transport, http_client)
        # What the first request would import, loaded now (no I/O): a first call costs what a later one does.
        warm_up(httpx_async=isinstance(self._engine, _http.AsyncHttpxEngine))

    def _new_engine(self, connection: Connection, transport: Any, http_client: Any) -> EngineT:
        raise NotImplementedError

    def _start(self, operation: Operation[T], options: Mapping[str, Any], arguments: dict[str, Any]) -> Call[T]:
        return new_call(self._settings, operation, options, arguments)

    @property
    def base_url(self) -> str:
        """The Control Plane's base URL (credentials masked)."""
        return Redactor.mask_userinfo(self._settings.base_url)

    def __repr__(self) -> str:
        key = "None" if "Authorization" not in self._settings.headers else "'***'"
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key={key})"


class AsyncClientBase(_ClientBase[_http.AsyncEngine]):
    """An async client: share one across tasks; `async with` or `await close()` releases its connections."""

    def _new_engine(self, connection: Connection, transport: Any, http_client: Any) -> _http.AsyncEngine:
        if http_client is not None:
            return _http.AsyncHttpxEngine(http_client, owned=False)
        if transport is None:  # the aiohttp engine, unless aiohttp is missing or only httpx serves this configuration
            try:
                from . import _aiohttp
            except ImportError:
                pass
            else:
                engine = _aiohttp.engine_for(connection, self._settings.base_url)
                if engine is not None:
                    return engine
        return _http.AsyncHttpxEngine.build(connection, transport)

    async def _request(self, operation: Operation[T], options: Mapping[str, Any], **arguments: Any) -> T:
        call = await self._run(self._start(operation, options, arguments))
        return call.result()

    async def _request_raw(
        self, operation: Operation[T], options: Mapping[str, Any], **arguments: Any
    ) -> RawResponse[T]:
        call = await self._run(self._start(operation, options, arguments))
        return RawResponse(call, call.raw_reply())

    async def _run(self, call: Call[T]) -> Call[T]:
        deadline = call.remaining()
        if deadline is None:
            await self._attempts(call)
            return call
        try:
            async with asyncio.timeout(deadline):  # a hard bound: the engine survives the cancellation
                await self._attempts(call)
        except TimeoutError:
            call.expired()
        return call

    async def _attempts(self, call: Call[Any]) -> None:
        engine = self._engine
        while True:
            if self._closed:
                call.closed()
                return
            call.begin_attempt()
            for pending in call.take_pending():
                await pending
            try:
                reply = await engine.send(call.outgoing, call.timeout, call.deadline)
            except SendFailure as failure:
                if self._closed:  # closing the pool broke this attempt: no retry on a closed client
                    call.closed()
                    return
                delay = call.failed(failure)
            else:
                delay = call.replied(reply)
            for pending in call.take_pending():
                await pending
            if delay is None:
                return
            await asyncio.sleep(delay)

    async def close(self) -> None:
        """Close the connections (a client given `http_client` leaves it open); later calls raise
        `AtlasClientClosedError`."""
        self._closed = True
        await self._engine.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


class SyncClientBase(_ClientBase[SyncEngine]):
    """A blocking client: share one across threads; `with` or `close()` releases its connections."""

    def _new_engine(self, connection: Connection, transport: Any, http_client: Any) -> SyncEngine:
        if http_client is not None:
            return _http.SyncHttpxEngine(http_client, owned=False)
        if transport is not None or connection.http2:  # the user's httpx transport, or HTTP/2: httpx
            return _http.SyncHttpxEngine.build(connection, transport)
        return SyncSocketEngine.build(connection, self._settings.base_url)

    def _request(self, operation: Operation[T], options: Mapping[str, Any], **arguments: Any) -> T:
        return self._run(self._start(operation, options, arguments)).result()

    def _request_raw(self, operation: Operation[T], options: Mapping[str, Any], **arguments: Any) -> RawResponse[T]:
        call = self._run(self._start(operation, options, arguments))
        return RawResponse(call, call.raw_reply())

    def _run(self, call: Call[T]) -> Call[T]:
        engine = self._engine
        while True:
            if self._closed:
                call.closed()
                break
            call.begin_attempt()
            call.drop_pending()
            try:
                reply = engine.send(call.outgoing, call.timeout, call.deadline)
            except DeadlineExceeded:
                call.expired()
                break
            except SendFailure as failure:
                if self._closed:  # closing the pool broke this attempt: no retry on a closed client
                    call.closed()
                    break
                delay = call.failed(failure)
            else:
                delay = call.replied(reply)
            call.drop_pending()
            if delay is None:
                break
            time.sleep(delay)
        return call

    def close(self) -> None:
        """Close the connections (a client given `http_client` leaves it open); later calls raise
        `AtlasClientClosedError`."""
        self._closed = True
        self._engine.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncRawBase:
    """Base of `client.with_raw_response`: the client's methods, each returning a `RawResponse`."""

    def __init__(self, client: AsyncClientBase) -> None:
        self._client = client


class SyncRawBase:
    """Base of `client.with_raw_response` on a blocking client."""

    def __init__(self, client: SyncClientBase) -> None:
        self._client = client
