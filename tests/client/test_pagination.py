"""paginate / paginate_sync: order, totals, parallel prefetch bounds, resumption and cleanup; `Page.has_more`;
and `iter_*` through the real clients against servers that cap pages or serve more than asked.

The rules under every server behaviour, as properties, are in tests/pagination/.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Sequence

import httpx
import pytest
from pytest_httpx import HTTPXMock

from atlas_extras import Page, PaginationState, paginate, paginate_sync

from .conftest import Caller, agent_definition


class PageFailed(Exception):
    """What a page fetch raises in these tests."""


class Server:
    """An in-memory list behind a page fetcher that counts requests and how many run at once."""

    def __init__(self, size: int, *, with_total: bool = True, delay: float = 0.0, fail_at: int | None = None):
        self.items = list(range(size))
        self.with_total = with_total
        self.delay = delay
        self.fail_at = fail_at
        self.calls: list[tuple[int, int]] = []
        self.in_flight = 0
        self.peak = 0
        self._lock = threading.Lock()

    def _page(self, limit: int, offset: int) -> Sequence[int]:
        if offset == self.fail_at:
            raise PageFailed(f"page at offset {offset} failed")
        items = self.items[offset : offset + limit]
        if self.with_total:
            return Page(items, total=len(self.items), limit=limit, offset=offset)
        return items

    def _enter(self, limit: int, offset: int) -> None:
        with self._lock:
            self.calls.append((limit, offset))
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)

    def _leave(self) -> None:
        with self._lock:
            self.in_flight -= 1

    async def fetch(self, limit: int, offset: int) -> Sequence[int]:
        self._enter(limit, offset)
        try:
            await asyncio.sleep(self.delay)
            return self._page(limit, offset)
        finally:
            self._leave()

    def fetch_sync(self, limit: int, offset: int) -> Sequence[int]:
        self._enter(limit, offset)
        try:
            time.sleep(self.delay)
            return self._page(limit, offset)
        finally:
            self._leave()


@pytest.mark.parametrize("with_total", [True, False])
@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 250])
async def test_async_yields_every_item_in_order(size: int, with_total: bool) -> None:
    server = Server(size, with_total=with_total)
    assert [item async for item in paginate(server.fetch, limit=100)] == server.items


@pytest.mark.parametrize("with_total", [True, False])
@pytest.mark.parametrize("size", [0, 1, 100, 250])
def test_sync_yields_every_item_in_order(size: int, with_total: bool) -> None:
    server = Server(size, with_total=with_total)
    assert list(paginate_sync(server.fetch_sync, limit=100)) == server.items


async def test_a_known_total_avoids_the_trailing_empty_page() -> None:
    server = Server(200)
    assert len([item async for item in paginate(server.fetch, limit=100)]) == 200
    assert server.calls == [(100, 0), (100, 100)]


async def test_without_a_total_only_an_empty_page_ends_the_list() -> None:
    # A short page may come from a server that caps page sizes: it proves nothing without a total.
    server = Server(150, with_total=False)
    assert len([item async for item in paginate(server.fetch, limit=100)]) == 150
    assert server.calls == [(100, 0), (100, 100), (100, 150)]


@pytest.mark.parametrize("prefetch", [2, 8])
async def test_async_prefetch_keeps_n_pages_in_flight_and_keeps_order(prefetch: int) -> None:
    server = Server(2_000, delay=0.005)
    items = [item async for item in paginate(server.fetch, limit=100, prefetch=prefetch)]
    assert items == server.items
    assert server.peak == prefetch


@pytest.mark.parametrize("prefetch", [1, 4])
def test_sync_prefetch_keeps_n_pages_in_flight_and_keeps_order(prefetch: int) -> None:
    server = Server(1_000, delay=0.005)
    with paginate_sync(server.fetch_sync, limit=50, prefetch=prefetch) as items:
        assert list(items) == server.items
    assert server.peak == prefetch


async def test_prefetch_buffers_at_most_n_pages_ahead_of_a_slow_consumer() -> None:
    server = Server(10_000)
    paginator = paginate(server.fetch, limit=100, prefetch=3)
    async with paginator:
        async for item in paginator:
            if item == 150:  # in the second page
                await asyncio.sleep(0.01)  # let every scheduled fetch finish
                break
    # pages 0 and 1 consumed, and at most 3 ahead of the one being read
    assert len(server.calls) <= 2 + 3


async def test_state_resumes_at_the_next_item_even_mid_page() -> None:
    server = Server(250)
    paginator = paginate(server.fetch, limit=100, prefetch=2)
    seen = []
    async for item in paginator:
        seen.append(item)
        if item == 142:
            break
    await paginator.aclose()
    saved = PaginationState.from_dict(paginator.state.to_dict())
    assert (saved.offset, saved.total, saved.exhausted) == (143, 250, False)
    resumed = [item async for item in paginate(server.fetch, limit=100, state=saved)]
    assert seen + resumed == server.items
    assert saved.exhausted


def test_sync_state_resumes_at_the_next_item() -> None:
    server = Server(120, with_total=False)
    paginator = paginate_sync(server.fetch_sync, limit=50)
    first = [next(paginator) for _ in range(60)]
    paginator.close()
    assert paginator.state.offset == 60
    assert first + list(paginate_sync(server.fetch_sync, limit=50, state=paginator.state)) == server.items


async def test_breaking_out_cancels_the_requests_in_flight() -> None:
    server = Server(10_000, delay=0.05)
    async with paginate(server.fetch, limit=100, prefetch=4) as paginator:
        async for _ in paginator:
            break
    await asyncio.sleep(0)
    assert server.in_flight == 0
    assert not [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]


def test_sync_close_leaves_no_prefetch_threads() -> None:
    before = threading.active_count()
    server = Server(10_000, delay=0.01)
    with paginate_sync(server.fetch_sync, limit=100, prefetch=4) as paginator:
        next(paginator)
    assert threading.active_count() == before
    assert server.in_flight == 0


async def test_a_failing_page_surfaces_and_keeps_the_position() -> None:
    server = Server(300, fail_at=200)
    paginator = paginate(server.fetch, limit=100, prefetch=3)
    seen: list[int] = []

    async def consume() -> None:
        async for item in paginator:
            seen.append(item)

    with pytest.raises(PageFailed, match="offset 200"):
        await consume()
    assert seen == list(range(200))
    assert paginator.state.offset == 200


@pytest.mark.parametrize(("limit", "prefetch"), [(0, 1), (100, 0)])
def test_bad_arguments_are_rejected(limit: int, prefetch: int) -> None:
    with pytest.raises(ValueError, match="must be >= 1"):
        paginate_sync(Server(1).fetch_sync, limit=limit, prefetch=prefetch)


@pytest.mark.parametrize(
    ("items", "total", "has_more"),
    [([1, 2], 7, True), ([1, 2], 2, False), ([1, 2], None, True), ([], None, False)],
)
def test_page_has_more_only_says_no_when_the_page_proves_the_end(
    items: list[int], total: int | None, has_more: bool
) -> None:
    page = Page(items, total=total, limit=100, offset=0)
    assert page.has_more is has_more


def test_page_next_offset_counts_what_was_received() -> None:
    assert Page(range(50), total=1000, limit=100, offset=200).next_offset == 250
    assert Page(range(110), total=1000, limit=100, offset=200).next_offset == 310


class DefinitionsServer:
    """`GET /agent-definitions` over `size` definitions, serving at most `cap` per page or `extra` beyond `limit`."""

    def __init__(self, size: int, *, cap: int | None = None, extra: int = 0) -> None:
        self.rows = [agent_definition(name=f"definition-{number:04}") for number in range(size)]
        self.cap = cap
        self.extra = extra
        self.offsets: list[int] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        limit, offset = int(request.url.params["limit"]), int(request.url.params["offset"])
        self.offsets.append(offset)
        served = limit + self.extra if self.cap is None else min(limit, self.cap)
        page = self.rows[offset : offset + served]
        return httpx.Response(200, json=page, headers={"X-Total-Count": str(len(self.rows))})

    @property
    def names(self) -> list[str]:
        return [row["name"] for row in self.rows]


@pytest.mark.parametrize("prefetch", [1, 4])
@pytest.mark.parametrize(("cap", "extra"), [(50, 0), (None, 10)], ids=["capped-at-50", "ten-more"])
async def test_iter_walks_a_capping_or_over_serving_server_exactly_once(
    call: Caller, httpx_mock: HTTPXMock, cap: int | None, extra: int, prefetch: int
) -> None:
    server = DefinitionsServer(420, cap=cap, extra=extra)
    httpx_mock.add_callback(server, is_reusable=True)
    definitions = await call.collect("iter_agent_definitions", prefetch=prefetch)
    assert [definition.name for definition in definitions] == server.names
    step = cap if cap is not None else 100 + extra
    assert sorted(server.offsets) == list(range(0, 420, step))  # no request wasted or repeated
