"""The sync and async client shells: construction, sending, closing. Everything else is shared."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

import httpx

from ._call import Operation, RequestOptions, build_request, decode_response, transport_error
from .retries import AsyncRetryTransport, RetryPolicy, RetryTransport
from .transports import CancelSafeAsyncHTTPTransport

__all__ = ["DEFAULT_LIMITS", "DEFAULT_TIMEOUT", "AsyncClientBase", "SyncClientBase"]

T = TypeVar("T")

#: 5 s to connect, 30 s for each read/write, 30 s to wait for a pooled connection.
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=5.0)
#: Keep every connection alive: fan-out would otherwise reconnect on most requests.
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100, keepalive_expiry=30.0)


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """What a client was configured with, resolved once (environment fallbacks included)."""

    base_url: str
    api_key: str | None
    headers: dict[str, str] = field(repr=False)
    retry_policy: RetryPolicy

    @classmethod
    def resolve(
        cls,
        base_url: str | None,
        api_key: str | None,
        headers: Mapping[str, str] | None,
        max_retries: int | None,
        retry_policy: RetryPolicy | None,
    ) -> ClientSettings:
        base_url = base_url or os.environ.get("ATLAS_BASE_URL")
        if not base_url:
            raise ValueError("base_url is required (or set ATLAS_BASE_URL), e.g. 'http://control-plane:8000'")
        url = httpx.URL(base_url)
        if url.scheme not in ("http", "https") or not url.host:
            raise ValueError(f"base_url must be an http(s) URL with a host, got {base_url!r}")
        policy = retry_policy or RetryPolicy()
        if max_retries is not None:
            if max_retries < 0:
                raise ValueError(f"max_retries must be >= 0, got {max_retries}")
            policy = dataclasses.replace(policy, max_retries=max_retries)
        api_key = api_key if api_key is not None else os.environ.get("ATLAS_API_KEY")
        all_headers = {"User-Agent": "atlas-control-plane-sdk/0.1.0", **(headers or {})}
        if api_key:
            all_headers["Authorization"] = f"Bearer {api_key}"
        return cls(base_url.rstrip("/"), api_key, all_headers, policy)


HttpClientT = TypeVar("HttpClientT", httpx.Client, httpx.AsyncClient)
TransportT = TypeVar("TransportT", httpx.BaseTransport, httpx.AsyncBaseTransport)


class _ClientBase(Generic[HttpClientT, TransportT]):
    def __init__(
        self,
        base_url: str | None = None,
        *,
        api_key: str | None = None,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int | None = None,
        limits: httpx.Limits = DEFAULT_LIMITS,
        headers: Mapping[str, str] | None = None,
        transport: TransportT | None = None,
        http_client: HttpClientT | None = None,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        """Connect to the Control Plane at `base_url` (default: the `ATLAS_BASE_URL` variable).

        `api_key` defaults to `ATLAS_API_KEY`. `timeout` (seconds or an `httpx.Timeout`) and
        `max_retries` (default 2, or the `retry_policy`'s) apply to every call unless it overrides
        them. `transport` replaces the network layer (retries still apply); `http_client` replaces
        the whole httpx client: its own timeout and transport apply, and closing this client leaves
        it open.
        """
        self._settings = ClientSettings.resolve(base_url, api_key, headers, max_retries, retry_policy)
        self._owns_http = http_client is None
        self._http: HttpClientT = http_client or self._new_http_client(timeout, limits, transport)

    def _new_http_client(
        self, timeout: float | httpx.Timeout | None, limits: httpx.Limits, transport: TransportT | None
    ) -> HttpClientT:
        raise NotImplementedError

    @property
    def base_url(self) -> str:
        """The Control Plane's base URL."""
        return self._settings.base_url

    def __repr__(self) -> str:
        key = "None" if self._settings.api_key is None else "'***'"
        return f"{type(self).__name__}(base_url={self._settings.base_url!r}, api_key={key})"


class AsyncClientBase(_ClientBase[httpx.AsyncClient, httpx.AsyncBaseTransport]):
    """An async client: share one across tasks; `async with` or `await close()` releases its connections."""

    def _new_http_client(
        self, timeout: float | httpx.Timeout | None, limits: httpx.Limits, transport: httpx.AsyncBaseTransport | None
    ) -> httpx.AsyncClient:
        inner = transport or CancelSafeAsyncHTTPTransport(limits=limits)
        return httpx.AsyncClient(timeout=timeout, transport=AsyncRetryTransport(inner, self._settings.retry_policy))

    async def _request(self, operation: Operation[T], options: RequestOptions, **arguments: Any) -> T:
        request = build_request(self._http, self._settings, operation, options, arguments)
        try:
            response = await self._http.send(request)
        except httpx.HTTPError as exc:
            raise transport_error(request, exc, self._settings.api_key) from exc
        return decode_response(operation, response, self._settings.api_key)

    async def close(self) -> None:
        """Close the connections (a client given `http_client` leaves it open)."""
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


class SyncClientBase(_ClientBase[httpx.Client, httpx.BaseTransport]):
    """A blocking client: share one across threads; `with` or `close()` releases its connections."""

    def _new_http_client(
        self, timeout: float | httpx.Timeout | None, limits: httpx.Limits, transport: httpx.BaseTransport | None
    ) -> httpx.Client:
        inner = transport or httpx.HTTPTransport(limits=limits)
        return httpx.Client(timeout=timeout, transport=RetryTransport(inner, self._settings.retry_policy))

    def _request(self, operation: Operation[T], options: RequestOptions, **arguments: Any) -> T:
        request = build_request(self._http, self._settings, operation, options, arguments)
        try:
            response = self._http.send(request)
        except httpx.HTTPError as exc:
            raise transport_error(request, exc, self._settings.api_key) from exc
        return decode_response(operation, response, self._settings.api_key)

    def close(self) -> None:
        """Close the connections (a client given `http_client` leaves it open)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
