"""The peers: what a user writes by hand without the SDK. Raw `httpx.AsyncClient` or raw `aiohttp` with a
semaphore, each response read and its JSON decoded; no retries, no types."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from types import ModuleType
from typing import Any, Self
from uuid import UUID

import aiohttp
import httpx

from atlas_control_plane_client.api.agent_definitions import get_agent_definition, list_agent_definitions

from .fetchers import Tally

__all__ = [
    "RawAiohttp",
    "RawHttpx",
    "RawHttpxThreads",
    "aiohttp_json",
    "aiohttp_session",
    "definition_url",
    "page_url",
    "url_of",
]

_POOL = 100  # connections, as the SDK's default limits
_TIMEOUT = 30.0


def url_of(base_url: str, operation: ModuleType, *args: Any, **kwargs: Any) -> str:
    """The URL of a generated operation's request (path and query), as the generated client builds it."""
    spec = operation._get_kwargs(*args, **kwargs)
    return str(httpx.URL(base_url + spec["url"], params=spec.get("params")))


def definition_url(base_url: str, definition_id: UUID) -> str:
    """The URL of `GET /agent-definitions/{id}`."""
    return url_of(base_url, get_agent_definition, definition_id)


def page_url(base_url: str, limit: int, offset: int) -> str:
    """The URL of one page of `GET /agent-definitions`."""
    return url_of(base_url, list_agent_definitions, limit=limit, offset=offset)


def aiohttp_session() -> aiohttp.ClientSession:
    """A session as a user would make it for heavy fan-out: connector limit 100, `raise_for_status`."""
    connector = aiohttp.TCPConnector(limit=_POOL)
    timeout = aiohttp.ClientTimeout(total=_TIMEOUT)
    return aiohttp.ClientSession(connector=connector, timeout=timeout, raise_for_status=True)


async def aiohttp_json(session: aiohttp.ClientSession, url: str) -> Any:
    async with session.get(url) as response:
        return await response.json()


async def _bounded(fetch_one: Callable[[str], Awaitable[Any]], urls: Sequence[str], concurrency: int) -> list[Any]:
    semaphore = asyncio.Semaphore(concurrency)

    async def one(url: str) -> Any:
        async with semaphore:
            try:
                return await fetch_one(url)
            except Exception as exc:
                return exc

    return await asyncio.gather(*(one(url) for url in urls))


class RawHttpx:
    """`httpx.AsyncClient` (pool of 100) + `asyncio.Semaphore`, `raise_for_status()` and `.json()`."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        limits = httpx.Limits(max_connections=_POOL, max_keepalive_connections=_POOL)
        self.client = httpx.AsyncClient(limits=limits, timeout=_TIMEOUT)

    async def _get(self, url: str) -> Any:
        response = await self.client.get(url)
        response.raise_for_status()
        return response.json()

    async def fetch(self, ids: Sequence[UUID], concurrency: int) -> Tally:
        urls = [definition_url(self.base_url, definition_id) for definition_id in ids]
        return Tally.of(len(ids), await _bounded(self._get, urls, concurrency))

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.client.aclose()


class RawAiohttp:
    """`aiohttp.ClientSession` (connector limit 100) + `asyncio.Semaphore`, `raise_for_status` and `.json()`."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session: aiohttp.ClientSession | None = None

    async def _get(self, url: str) -> Any:
        assert self.session is not None
        return await aiohttp_json(self.session, url)

    async def fetch(self, ids: Sequence[UUID], concurrency: int) -> Tally:
        urls = [definition_url(self.base_url, definition_id) for definition_id in ids]
        return Tally.of(len(ids), await _bounded(self._get, urls, concurrency))

    async def __aenter__(self) -> Self:
        self.session = aiohttp_session()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self.session is not None:
            await self.session.close()


class RawHttpxThreads:
    """One `httpx.Client` (pool of 100) shared by a `ThreadPoolExecutor` of `concurrency` threads, `.map`."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        limits = httpx.Limits(max_connections=_POOL, max_keepalive_connections=_POOL)
        self.client = httpx.Client(limits=limits, timeout=_TIMEOUT)

    def _get(self, url: str) -> Any:
        try:
            response = self.client.get(url)
            response.raise_for_status()
            return response.json()
        except Exception as exc:
            return exc

    def _fetch(self, urls: list[str], concurrency: int) -> list[Any]:
        with ThreadPoolExecutor(concurrency) as pool:
            return list(pool.map(self._get, urls))

    async def fetch(self, ids: Sequence[UUID], concurrency: int) -> Tally:
        urls = [definition_url(self.base_url, definition_id) for definition_id in ids]
        return Tally.of(len(ids), await asyncio.to_thread(self._fetch, urls, concurrency))

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.client.close()
