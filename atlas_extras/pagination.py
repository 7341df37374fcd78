"""Iterate over every item of a paginated list, page by page, optionally fetching pages in parallel.

```python
async for definition in paginate(
    lambda limit, offset: client.list_agent_definitions(limit=limit, offset=offset), limit=100
):
    ...
```

- `fetch_page(limit, offset)` returns one page: a `Page` (its `total` is `X-Total-Count`) or any sequence.
  Once a page has given a total, up to `prefetch` page requests run at once while items are yielded in
  order; at most `prefetch` pages wait in memory besides the one being yielded. Without a total, pages are
  fetched one after another.
- Nothing is lost or repeated silently when the server serves fewer items than `limit` (a cap) or more:
  the walk advances by what it received, drops what it already has, and requests again what a short page
  left out. The list ends at the total, or at an empty page: without a total (or once it was dropped) a
  short page proves nothing, so such a walk makes one request more than a page count. A total that the
  pages contradict (or that changes, or is negative) is dropped for the rest of the walk, with a warning
  on the `atlas_extras` logger. Pages that contradict each other raise `AtlasPaginationError`.
- `paginator.state` is resumable at item granularity: it holds the offset of the next item to yield,
  so stopping mid-page and resuming with `paginate(..., state=state)` continues at the next item.
- Stopping early (break, an exception, `aclose()`/`close()` or leaving `async with`/`with`) cancels the
  page requests still in flight. `paginate_sync` is the blocking twin, with a thread pool for prefetch.

Offset pagination cannot see changes made to the list during the walk: an item deleted before the
current offset shifts the rest left and the item at the page boundary is skipped; one inserted before it
is yielded twice. See "Pagination guarantees" in the README.
"""

from __future__ import annotations

import asyncio
import bisect
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any, Generic, TypeGuard, TypeVar

from ._streams import AsyncStream, SyncStream
from .errors import AtlasError

__all__ = [
    "AsyncPaginator",
    "AtlasPaginationError",
    "PaginationState",
    "SyncPaginator",
    "paginate",
    "paginate_sync",
]

T = TypeVar("T")

logger: logging.Logger = logging.getLogger("atlas_extras")


class AtlasPaginationError(AtlasError):
    """The pages of a list contradict each other: continuing would lose or repeat items.

    `offset` is where the page that could not be reconciled starts. Items yielded before it are correct
    and `paginator.state` still points at the next item, so a later walk can resume there.
    """

    def __init__(self, message: str, *, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


@dataclass
class PaginationState:
    """Where an iteration stands: the offset of the next item to yield, and the total once known.

    `total` is the total this walk trusts: None until a page gives one, and None again if the pages
    contradicted it.
    """

    offset: int = 0
    total: int | None = None
    exhausted: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy, e.g. for a checkpoint file."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PaginationState:
        """The state saved by `to_dict`, also from earlier versions; ValueError if `data` is not one.

        The checkpoints of `atlas_sdk`'s `PaginationState` (`offset`, `cursor`, `has_more`,
        `total_fetched`) load as well: `has_more=False` means exhausted.
        """
        if data.keys() & (_LEGACY_KEYS - _KEYS) and not data.keys() & (_KEYS - _LEGACY_KEYS):
            return cls._from_legacy(data)
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise ValueError(f"not a pagination state: unexpected keys {unknown}")
        state = cls(offset=data.get("offset", 0), total=data.get("total"), exhausted=data.get("exhausted", False))
        state._check()
        return state

    @classmethod
    def _from_legacy(cls, data: Mapping[str, Any]) -> PaginationState:
        unknown = sorted(set(data) - _LEGACY_KEYS)
        if unknown:
            raise ValueError(f"not a pagination state: unexpected keys {unknown}")
        if data.get("cursor") is not None:
            raise ValueError("a pagination state with a cursor cannot resume: only offsets are supported")
        has_more = data.get("has_more", True)
        if not isinstance(has_more, bool):
            raise ValueError(f"pagination state: has_more must be a bool, got {has_more!r}")
        state = cls(offset=data.get("offset", 0), exhausted=not has_more)
        state._check()
        return state

    def _check(self) -> None:
        if not _is_count(self.offset):
            raise ValueError(f"pagination state: offset must be an int >= 0, got {self.offset!r}")
        if self.total is not None and not _is_count(self.total):
            raise ValueError(f"pagination state: total must be an int >= 0 or None, got {self.total!r}")
        if not isinstance(self.exhausted, bool):
            raise ValueError(f"pagination state: exhausted must be a bool, got {self.exhausted!r}")


_KEYS = {"offset", "total", "exhausted"}
_LEGACY_KEYS = {"offset", "cursor", "has_more", "total_fetched"}


def _is_count(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


class _Planner(Generic[T]):
    """Which pages to request next, what each received page adds, and when the list is over.

    The logic both paginators share. Offsets are absolute positions in the list. `cursor` is the offset
    after the last item received in order; requests in flight are expected to cover `step` items each
    (the size of the last page served), and any offset at or after the cursor that none covers is a gap
    to request. Pages are received in offset order, never one starting after the cursor.
    """

    limit: int
    prefetch: int
    state: PaginationState
    done: bool

    def __init__(self, limit: int, prefetch: int, state: PaginationState | None) -> None:
        if limit < 1:
            raise ValueError(f"limit must be >= 1, got {limit}")
        if prefetch < 1:
            raise ValueError(f"prefetch must be >= 1, got {prefetch}")
        self.limit = limit
        self.prefetch = prefetch
        self.state = state if state is not None else PaginationState()
        self.done = self.state.exhausted
        self._cursor = self.state.offset
        self._in_flight: list[int] = []  # offsets requested and not received, ascending
        self._step = limit  # how many items a request is expected to bring: the size of the last page
        self._total: int | None = None  # the total this walk trusts (a saved one is only a report)
        self._total_dropped = False
        self._tail: Sequence[T] = ()  # the page that last moved the cursor, to check overlaps against
        self._tail_offset = 0

    def next_offset(self) -> int:
        """The offset of the page to receive next."""
        return self._in_flight[0]

    def offsets_to_request(self) -> list[int]:
        """Offsets of the pages to request now: gaps first, then new pages, within `prefetch`."""
        if self.done:
            return []
        end = self._total
        # Without a total the next offset is only safe to guess one page ahead.
        capacity = (self.prefetch if end is not None else 1) - len(self._in_flight)
        offsets: list[int] = []
        for offset in self._uncovered():
            if end is not None and offset >= end:
                break
            # The page at the cursor is always requested: no item can be yielded without it.
            if capacity <= 0 and offset != self._cursor:
                break
            offsets.append(offset)
            capacity -= 1
        for offset in offsets:
            bisect.insort(self._in_flight, offset)
        return offsets

    def _uncovered(self) -> Iterator[int]:
        position = self._cursor
        for start in self._in_flight:
            while position < start:
                yield position
                position += self._step
            position = max(position, start + self._step)
        while True:
            yield position
            position += self._step

    def receive(self, offset: int, page: object) -> Sequence[T]:
        """Record the page fetched at `offset` and return its items not received before, in order."""
        self._in_flight.remove(offset)
        if not isinstance(page, Sequence) or isinstance(page, str | bytes):
            raise AtlasPaginationError(
                f"fetch_page(limit, {offset}) returned {type(page).__name__}, not a sequence of items", offset=offset
            )
        items: Sequence[T] = page
        size = len(items)
        self._check_total(getattr(page, "total", None), offset, size)
        overlap = self._cursor - offset  # >= 0: pages are received in order
        if size == 0:
            if overlap:
                raise AtlasPaginationError(
                    f"the page at offset {offset} is empty, but items up to offset {self._cursor} were received "
                    "before: the list shrank during the walk or the server is inconsistent",
                    offset=offset,
                )
            self.done = True
            return ()
        self._step = size
        if overlap:
            self._check_overlap(items, offset, min(overlap, size))
            if size <= overlap:
                return ()
            items = items[overlap:]
        if self._total is None:  # a list that kept its total did not change: nothing can repeat (no cost then)
            items = self._not_in_tail(items, offset)
        self._tail, self._tail_offset = page, offset
        self._cursor = offset + size
        # Without a trusted total only an empty page ends the list: a short one may come from a cap.
        self.done = self._total is not None and self._cursor >= self._total
        return items

    def finish(self) -> None:
        """Every item has been yielded."""
        self.state.exhausted = True

    def _check_total(self, reported: object, offset: int, size: int) -> None:
        if self._total_dropped:
            return
        if reported is not None:
            if not _is_count(reported):
                self._drop_total(f"X-Total-Count {reported!r} is not a count")
                return
            if self._total is not None and reported != self._total:
                self._drop_total(f"the total changed from {self._total} to {reported} at offset {offset}")
                return
            self._total = reported
        total = self._total
        if total is None:
            return
        if offset + size > total:
            self._drop_total(f"the page at offset {offset} holds {size} items, past the total of {total}")
        elif size == 0 and offset < total:
            self._drop_total(f"the page at offset {offset} is empty, short of the total of {total}")
        else:
            self.state.total = total

    def _drop_total(self, reason: str) -> None:
        logger.warning(
            "Pagination: %s; not trusting the total for the rest of this walk (the list may have changed "
            "during it: offset pagination can then skip or repeat items)",
            reason,
        )
        self._total = None
        self._total_dropped = True
        self.state.total = None

    def _not_in_tail(self, items: Sequence[T], offset: int) -> Sequence[T]:
        """`items` less those the page before already gave (by id): when the list changes while pages are
        fetched out of order, an item can come back at the next offset, and it must not be yielded twice.

        Such a change always changes the total between the two pages (which drops it), so only a walk without
        a trusted total pays for this check."""
        seen = _ids(self._tail)
        if not seen:
            return items
        fresh = [item for item in items if not _among(item, seen)]
        if len(fresh) == len(items):
            return items
        logger.warning(
            "Pagination: the page at offset %d repeats %d item(s) of the page before (the list changed during "
            "the walk); they are not yielded again",
            offset,
            len(items) - len(fresh),
        )
        return fresh

    def _check_overlap(self, page: Sequence[T], offset: int, count: int) -> None:
        """The items of `page` that were received before must be the same items."""
        start = offset - self._tail_offset
        for index in range(max(0, -start), min(count, len(self._tail) - start)):
            if _differ(self._tail[start + index], page[index]):
                raise AtlasPaginationError(
                    f"the page at offset {offset} holds a different item at offset {offset + index} than the "
                    "page received before: the list changed during the walk or the server is inconsistent",
                    offset=offset,
                )


_NO_ID = object()


def _differ(before: object, after: object) -> bool:
    """Whether two items at the same offset are different items: by `id` (attribute or key), else `==`.

    Items that have neither an id nor their own equality cannot be compared and count as the same.
    """
    first, second = _identity(before), _identity(after)
    if first is second:
        return False
    if type(first).__eq__ is object.__eq__:
        return False
    return bool(first != second)


def _identity(item: object) -> object:
    key = _id_of(item)
    return item if key is _NO_ID else key


def _id_of(item: object) -> object:
    """The item's `id` (attribute or key), or `_NO_ID`."""
    return item.get("id", _NO_ID) if isinstance(item, Mapping) else getattr(item, "id", _NO_ID)


def _among(item: object, ids: set[object]) -> bool:
    try:
        return _id_of(item) in ids
    except TypeError:  # an unhashable id: not one of `ids`
        return False


def _ids(items: Sequence[object]) -> set[object]:
    """The hashable ids of `items` (an item without one, or with an unhashable one, is left out)."""
    ids: set[object] = set()
    for item in items:
        key = _id_of(item)
        if key is not _NO_ID:
            try:
                ids.add(key)
            except TypeError:
                continue
    return ids


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
        pending: dict[int, asyncio.Future[Sequence[T]]] = {}

        def request_more() -> None:
            for offset in planner.offsets_to_request():
                pending[offset] = asyncio.ensure_future(fetch_page(planner.limit, offset))

        try:
            request_more()
            while not planner.done:
                offset = planner.next_offset()
                items = planner.receive(offset, await pending.pop(offset))
                request_more()
                for item in items:
                    planner.state.offset += 1  # handed over: a resume starts after it
                    yield item
            planner.finish()
        finally:
            for future in pending.values():
                future.cancel()
            await asyncio.gather(*pending.values(), return_exceptions=True)


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
        pending: dict[int, Future[Sequence[T]]] = {}
        # prefetch=1 fetches in the caller's thread, one page when it is needed; more use a pool.
        pool = ThreadPoolExecutor(planner.prefetch, "atlas-paginate") if planner.prefetch > 1 else None

        def request_more() -> None:
            for offset in planner.offsets_to_request():
                pending[offset] = _submit(pool, fetch_page, planner.limit, offset)

        try:
            request_more()
            while not planner.done:
                offset = planner.next_offset()
                items = planner.receive(offset, pending.pop(offset).result())
                if pool is not None:
                    request_more()
                for item in items:
                    planner.state.offset += 1  # handed over: a resume starts after it
                    yield item
                if pool is None:
                    request_more()
            planner.finish()
        finally:
            for future in pending.values():
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
