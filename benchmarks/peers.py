"""The peers: what a user writes by hand without the SDK. Raw `aiohttp`, raw `httpx.AsyncClient` and raw
`httpx2.AsyncClient` (the pydantic-maintained fork, on httpcore2's pool), each with `concurrency` worker tasks
pulling ids from one iterator, and raw `httpx.Client` shared by `concurrency` threads doing the same; each
response status-checked and its JSON decoded; no retries, no types. Pools are raised above the concurrency.
"""

from __future__ import annotations

import asyncio
import importlib
import threading
from collections.abc import Awaitable, Callable, Iterable, Iterator
from types import ModuleType
from typing import Any, Self
from uuid import UUID

import aiohttp
import httpx

from atlas_control_plane_client.api.agent_definitions import get_agent_definition, list_agent_definitions

__all__ = [
    "POOL",
    "RawAiohttp",
    "RawHttpx",
    "RawHttpx2",
    "RawHttpxThreads",
    "aiohttp_json",
    "aiohttp_session",
    "definition_url",
    "httpx2_module",
    "page_url",
    "url_of",
]

POOL = 200  # connections: at least the largest concurrency the bench uses
_TIMEOUT = 30.0
_SAMPLE_ID = UUID(int=0)


def url_of(base_url: str, operation: ModuleType, *args: Any, **kwargs: Any) -> str:
    """The URL of a generated operation's request (path and query), as the generated client builds it."""
    spec = operation._get_kwargs(*args, **kwargs)
    return str(httpx.URL(base_url + spec["url"], params=spec.get("params")))


def _definition_prefix(base_url: str) -> str:
    """`GET /agent-definitions/{id}` up to the id, as a user would hard-code it."""
    return url_of(base_url, get_agent_definition, _SAMPLE_ID).removesuffix(str(_SAMPLE_ID))


def definition_url(base_url: str, definition_id: UUID) -> str:
    """The URL of `GET /agent-definitions/{id}`."""
    return _definition_prefix(base_url) + str(definition_id)


def _definition_urls(base_url: str, ids: Iterable[UUID]) -> Iterator[str]:
    prefix = _definition_prefix(base_url)
    return (prefix + str(definition_id) for definition_id in ids)


def page_url(base_url: str, limit: int, offset: int) -> str:
    """The URL of one page of `GET /agent-definitions`."""
    return url_of(base_url, list_agent_definitions, limit=limit, offset=offset)


def httpx2_module() -> ModuleType | None:
    """`httpx2` when it is installed (the bench group installs it), else None."""
    try:
        return importlib.import_module("httpx2")
    except ImportError:
        return None


def aiohttp_session(pool: int = POOL) -> aiohttp.ClientSession:
    """A session as a user would make it for heavy fan-out: a large connector limit, `raise_for_status`."""
    connector = aiohttp.TCPConnector(limit=pool)
    timeout = aiohttp.ClientTimeout(total=_TIMEOUT)
    return aiohttp.ClientSession(connector=connector, timeout=timeout, raise_for_status=True)


async def aiohttp_json(session: aiohttp.ClientSession, url: str) -> Any:
    async with session.get(url) as response:
        return await response.json()


async def _workers(fetch_one: Callable[[str], Awaitable[Any]], urls: Iterator[str], concurrency: int) -> list[object]:
    """`concurrency` tasks, each fetching the next URL until there is none; values or the errors raised."""
    results: list[object] = []

    async def worker() -> None:
        for url in urls:
            try:
                results.append(await fetch_one(url))
            except Exception as exc:
                results.append(exc)

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return results


class _RawAsyncHttpx:
    """`<library>.AsyncClient` (a large pool), `raise_for_status()` and `.json()`: httpx and httpx2 alike."""

    def __init__(self, base_url: str, library: ModuleType) -> None:
        self.base_url = base_url
        limits = library.Limits(max_connections=POOL, max_keepalive_connections=POOL)
        self.client = library.AsyncClient(limits=limits, timeout=_TIMEOUT)

    async def _get(self, url: str) -> Any:
        response = await self.client.get(url)
        response.raise_for_status()
        return response.json()

    async def fetch(self, ids: Iterable[UUID], concurrency: int) -> list[object]:
        return await _workers(self._get, _definition_urls(self.base_url, ids), concurrency)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.client.aclose()


class RawHttpx(_RawAsyncHttpx):
    """Raw `httpx.AsyncClient`."""

    def __init__(self, base_url: str) -> None:
        super().__init__(base_url, httpx)


class RawHttpx2(_RawAsyncHttpx):
    """Raw `httpx2.AsyncClient` (needs `httpx2`, see `httpx2_module`)."""

    def __init__(self, base_url: str) -> None:
        library = httpx2_module()
        if library is None:
            raise RuntimeError("raw httpx2 needs the httpx2 package (the bench dependency group installs it)")
        super().__init__(base_url, library)


class RawAiohttp:
    """`aiohttp.ClientSession` (a large connector limit), `raise_for_status` and `.json()`."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.session: aiohttp.ClientSession | None = None

    async def _get(self, url: str) -> Any:
        assert self.session is not None
        return await aiohttp_json(self.session, url)

    async def fetch(self, ids: Iterable[UUID], concurrency: int) -> list[object]:
        return await _workers(self._get, _definition_urls(self.base_url, ids), concurrency)

    async def __aenter__(self) -> Self:
        self.session = aiohttp_session()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self.session is not None:
            await self.session.close()


class RawHttpxThreads:
    """One `httpx.Client` (a large pool) shared by `concurrency` threads, each fetching the next URL."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        limits = httpx.Limits(max_connections=POOL, max_keepalive_connections=POOL)
        self.client = httpx.Client(limits=limits, timeout=_TIMEOUT)

    def _get(self, url: str) -> object:
        try:
            response = self.client.get(url)
            response.raise_for_status()
            return response.json()
        except Exception as exc:
            return exc

    def _fetch(self, urls: Iterator[str], concurrency: int) -> list[object]:
        results: list[object] = []
        lock = threading.Lock()

        def worker() -> None:
            while True:
                with lock:
                    url = next(urls, None)
                if url is None:
                    return
                results.append(self._get(url))  # list.append is atomic

        threads = [threading.Thread(target=worker, name=f"raw-httpx-{n}") for n in range(concurrency)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return results

    async def fetch(self, ids: Iterable[UUID], concurrency: int) -> list[object]:
        return await asyncio.to_thread(self._fetch, _definition_urls(self.base_url, ids), concurrency)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.client.close()
