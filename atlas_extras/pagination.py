"""Iterate over every item of a paginated list, page by page, optionally fetching pages in parallel.

```python
async for definition in paginate(
    lambda limit, offset: client.list_agent_definitions(limit=limit, offset=offset), limit=100
):
    ...
```

- `fetch_page(limit, offset)` returns one page. When it is a `Page` with a known `total` (the clients'
  list methods return one), up to `prefetch` page requests run at once while items are yielded in
  order; at most `prefetch` pages wait in memory besides the one being yielded. Without a total, pages
  are fetched one after another until a short page.
- `paginator.state` is resumable at item granularity: it holds the offset of the next item to yield,
  so stopping mid-page and resuming with `paginate(..., state=state)` continues at the next item.
- Stopping early (break, an exception, `aclose()`/`close()` or leaving `async with`/`with`) cancels the
  page requests still in flight. `paginate_sync` is the blocking twin, with a thread pool for prefetch.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any, Generic, TypeVar

from ._streams import AsyncStream, SyncStream

__all__ = ["AsyncPaginator", "PaginationState", "SyncPaginator", "paginate", "paginate_sync"]

T = TypeVar("T")


@dataclass
class PaginationState:
    """Where an iteration stands: the offset of the next item to yield, and the total once known."""

    offset: int = 0
    total: int | None = None
    exhausted: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy, e.g. for a checkpoint file."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PaginationState:
        """The state saved by `to_dict`."""
        return cls(**data)


class _Planner(Generic[T]):
    """Which pages to request next and when the list is over: the logic both paginators share."""

    def __init__(self, limit: int, prefetch: int, state: PaginationState | None) -> None:
        if limit < 1:
            raise ValueError(f"limit must be >= 1, got {limit}")
        if prefetch < 1:
            raise ValueError(f"prefetch must be >= 1, got {prefetch}")
        self.limit = limit
        self.prefetch = prefetch
        self.state = state if state is not None else PaginationState()
        self._next_offset = self.state.offset
        self._end_seen = self.state.exhausted

    def offsets_to_request(self, in_flight: int) -> list[int]:
        """Offsets of the pages to request now, given how many are already in flight."""
        total = self.state.total
        # Without a total the next offset is only safe to guess one page ahead.
        capacity = (self.prefetch if total is not None else 1) - in_flight
        offsets: list[int] = []
        while capacity > 0 and not self._end_seen and (total is None or self._next_offset < total):
            offsets.append(self._next_offset)
            self._next_offset += self.limit
            capacity -= 1
        return offsets

    def receive(self, page: Sequence[T]) -> Sequence[T]:
        """Record a fetched page (its total, whether it ends the list) and return its items."""
        total = getattr(page, "total", None)
        if isinstance(total, int):
            self.state.total = total
        if len(page) < self.limit:
            self._end_seen = True
        return page

    def finish(self) -> None:
        self.state.exhausted = True


class AsyncPaginator(AsyncStream[T]):
    """Async iterator over every item; also an async context manager that cancels leftover requests."""

    def __init__(self, fetch_page: Callable[[int, int], Awaitable[Sequence[T]]], planner: _Planner[T]) -> None:
        self._planner = planner
        super().__init__(self._iterate(fetch_page))

    @property
    def state(self) -> PaginationState:
        """Resumable position: pass it back as `state=` to continue at the next item."""
        return self._planner.state

    async def _iterate(self, fetch_page: Callable[[int, int], Awaitable[Sequence[T]]]) -> AsyncGenerator[T]:
        planner = self._planner
        pending: deque[asyncio.Future[Sequence[T]]] = deque()

        def request_more() -> None:
            for offset in planner.offsets_to_request(len(pending)):
                pending.append(asyncio.ensure_future(fetch_page(planner.limit, offset)))

        try:
            request_more()
            while pending:
                page = planner.receive(await pending.popleft())
                request_more()
                for item in page:
                    planner.state.offset += 1  # handed over: a resume starts after it
                    yield item
            planner.finish()
        finally:
            for future in pending:
                future.cancel()
            await asyncio.gather(*pending, return_exceptions=True)


class SyncPaginator(SyncStream[T]):
    """Iterator over every item; also a context manager that stops its prefetch threads."""

    def __init__(self, fetch_page: Callable[[int, int], Sequence[T]], planner: _Planner[T]) -> None:
        self._planner = planner
        super().__init__(self._iterate(fetch_page))

    @property
    def state(self) -> PaginationState:
        """Resumable position: pass it back as `state=` to continue at the next item."""
        return self._planner.state

    def _iterate(self, fetch_page: Callable[[int, int], Sequence[T]]) -> Generator[T]:
        planner = self._planner
        pending: deque[Future[Sequence[T]]] = deque()
        # prefetch=1 fetches in the caller's thread, one page when it is needed; more use a pool.
        pool = ThreadPoolExecutor(planner.prefetch, "atlas-paginate") if planner.prefetch > 1 else None

        def request_more() -> None:
            for offset in planner.offsets_to_request(len(pending)):
                pending.append(_submit(pool, fetch_page, planner.limit, offset))

        try:
            request_more()
            while pending:
                page = planner.receive(pending.popleft().result())
                if pool is not None:
                    request_more()
                for item in page:
                    planner.state.offset += 1  # handed over: a resume starts after it
                    yield item
                if pool is None:
                    request_more()
            planner.finish()
        finally:
            for future in pending:
                future.cancel()
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)


def _submit(
    pool: ThreadPoolExecutor | None, fetch_page: Callable[[int, int], Sequence[T]], limit: int, offset: int
) -> Future[Sequence[T]]:
    if pool is not None:
        return pool.submit(fetch_page, limit, offset)
    done: Future[Sequence[T]] = Future()
    done.set_result(fetch_page(limit, offset))
    return done


def paginate(
    fetch_page: Callable[[int, int], Awaitable[Sequence[T]]],
    limit: int = 100,
    *,
    prefetch: int = 1,
    state: PaginationState | None = None,
) -> AsyncPaginator[T]:
    """Every item of a paginated list, in order; `fetch_page(limit, offset)` returns one page."""
    return AsyncPaginator(fetch_page, _Planner(limit, prefetch, state))


def paginate_sync(
    fetch_page: Callable[[int, int], Sequence[T]],
    limit: int = 100,
    *,
    prefetch: int = 1,
    state: PaginationState | None = None,
) -> SyncPaginator[T]:
    """Blocking twin of `paginate`: `prefetch` > 1 fetches pages on that many threads."""
    return SyncPaginator(fetch_page, _Planner(limit, prefetch, state))
