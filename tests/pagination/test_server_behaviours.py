"""One test per server behaviour: capped pages, extra items, pages that change size mid-walk (gaps to
refill, overlaps to drop), missing, wrong, negative and changing totals, and pages that contradict each
other (AtlasPaginationError). Each runs sync and async."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import pytest

from atlas_extras import Page
from atlas_extras.pagination import AtlasPaginationError, PaginationState, paginate, paginate_sync

from .conftest import FLAVOURS, Flavour, ListServer, walk

pytestmark = pytest.mark.parametrize("flavour", FLAVOURS)


@pytest.mark.parametrize("prefetch", [1, 4, 8])
def test_a_server_capping_pages_at_50_when_asked_for_100_yields_all_1000(flavour: Flavour, prefetch: int) -> None:
    server = ListServer(1000, cap=50)
    items, state = walk(flavour, server, 100, prefetch=prefetch)
    assert items == server.original
    assert (state.total, state.exhausted) == (1000, True)
    # The first page shows the cap: every later request asks for what is missing, none is wasted.
    assert sorted(offset for _, offset in server.calls) == list(range(0, 1000, 50))


@pytest.mark.parametrize("prefetch", [1, 4])
def test_a_server_returning_ten_more_than_asked_yields_each_item_once(flavour: Flavour, prefetch: int) -> None:
    server = ListServer(1000, extra=10)
    items, _ = walk(flavour, server, 100, prefetch=prefetch)
    assert items == server.original
    assert sorted(offset for _, offset in server.calls) == list(range(0, 1000, 110))


def test_pages_planned_before_a_cap_appeared_have_their_gaps_refilled(flavour: Flavour) -> None:
    server = ListServer(1000, cap=50, cap_from_request=1)  # full first page, then 50 at most
    items, _ = walk(flavour, server, 100, prefetch=4)
    assert items == server.original
    offsets = {offset for _, offset in server.calls}
    assert {100, 150, 200, 250} <= offsets  # planned at the first page's size, then the gaps they left


def test_pages_planned_before_extra_items_appeared_drop_what_was_received(flavour: Flavour) -> None:
    server = ListServer(1000, extra=30, cap_from_request=1)  # 100 on the first page, then 130
    items, _ = walk(flavour, server, 100, prefetch=4)
    assert items == server.original


def test_without_a_total_a_capped_server_is_walked_to_the_empty_page(flavour: Flavour) -> None:
    server = ListServer(1000, cap=50, total="missing")
    items, state = walk(flavour, server, 100, prefetch=4)
    assert items == server.original
    assert state.total is None
    assert [offset for _, offset in server.calls] == [*range(0, 1000, 50), 1000]  # one at a time, in order


def test_a_total_larger_than_the_list_ends_at_the_empty_page(
    flavour: Flavour, caplog: pytest.LogCaptureFixture
) -> None:
    server = ListServer(150, total="wrong", total_error=100)
    items, state = walk(flavour, server, 100, prefetch=4)
    assert items == server.original
    assert state.total is None
    assert "empty, short of the total of 250" in caplog.text


def test_a_total_smaller_than_the_list_is_dropped_once_a_page_goes_past_it(
    flavour: Flavour, caplog: pytest.LogCaptureFixture
) -> None:
    server = ListServer(1000, total="wrong", total_error=-450)  # says 550
    items, state = walk(flavour, server, 100, prefetch=4)
    assert items == server.original
    assert state.total is None
    assert "past the total of 550" in caplog.text


def test_a_negative_total_counts_as_none(flavour: Flavour, caplog: pytest.LogCaptureFixture) -> None:
    server = ListServer(250, total="negative")
    items, state = walk(flavour, server, 100, prefetch=4)
    assert items == server.original
    assert state.total is None
    assert "is not a count" in caplog.text


def test_a_total_that_changes_is_not_trusted(flavour: Flavour, caplog: pytest.LogCaptureFixture) -> None:
    pages = Pages({offset: range(offset, min(offset + 100, 350)) for offset in range(0, 400, 100)}, total=350)
    pages.totals[0] = 200  # the first page undercounts; had it been trusted, the walk would stop at 200
    items, state = run(flavour, pages, 100, prefetch=2)
    assert items == list(range(350))
    assert state.total is None
    assert len([r for r in caplog.records if "total changed from 200 to 350" in r.getMessage()]) == 1


def test_a_page_that_contradicts_an_earlier_one_raises(flavour: Flavour) -> None:
    # The page at 100 brought 110 items; the page at 200 disagrees about the item at offset 200.
    pages = Pages({0: range(100), 100: range(100, 210), 200: [-1, *range(201, 300)]}, total=300)
    items: list[int] = []
    with pytest.raises(AtlasPaginationError, match="different item at offset 200") as raised:
        run(flavour, pages, 100, prefetch=4, into=items)
    assert raised.value.offset == 200
    assert items == list(range(210))  # what came before is right, and nothing twice


def test_an_empty_page_where_items_were_received_raises(flavour: Flavour) -> None:
    pages = Pages({0: range(100), 100: range(100, 250), 200: []}, total=300)
    with pytest.raises(AtlasPaginationError, match="is empty, but items up to offset 250"):
        run(flavour, pages, 100, prefetch=4)


def test_a_page_that_is_not_a_sequence_raises(flavour: Flavour) -> None:
    pages = Pages({0: range(100)}, total=300)
    pages.pages[100] = None
    with pytest.raises(AtlasPaginationError, match=r"fetch_page\(limit, 100\) returned NoneType"):
        run(flavour, pages, 100)


def test_overlapping_items_are_matched_by_id_not_by_content(flavour: Flavour) -> None:
    rows = {offset: [{"id": i, "version": 1} for i in range(offset, min(offset + 110, 300))] for offset in (100, 200)}
    rows[200][0]["version"] = 2  # updated between the two requests: still the same item
    pages = Pages({0: [{"id": i, "version": 1} for i in range(100)], **rows}, total=300)
    items = run(flavour, pages, 100, prefetch=4)[0]
    assert [row["id"] for row in items] == list(range(300))


def test_items_without_id_or_equality_are_placed_by_offset(flavour: Flavour) -> None:
    objects = [object() for _ in range(300)]
    other = [object() for _ in range(300)]  # the same items, as a new response would decode them
    pages = Pages({0: objects[:100], 100: objects[100:210], 200: other[200:300]}, total=300)
    items = run(flavour, pages, 100, prefetch=4)[0]
    assert items == objects[:210] + other[210:]


def test_a_saved_total_is_only_a_report_when_resuming(flavour: Flavour) -> None:
    server = ListServer(300)  # the list grew since the checkpoint said 150
    items, state = walk(flavour, server, 100, state=PaginationState(offset=100, total=150), prefetch=4)
    assert items == server.original[100:]
    assert state.total == 300


def test_stopping_with_gap_requests_in_flight_cancels_them(flavour: Flavour) -> None:
    server = ListServer(10_000, cap=50, cap_from_request=1, delay=0.02)
    items, state = walk(flavour, server, 100, prefetch=4, stop_after=180)
    assert items == server.original[:180]
    assert state.offset == 180
    assert server.in_flight == 0


class Pages:
    """A fetcher over fixed pages by offset (`None` for a page that is not a sequence), with one total."""

    def __init__(self, pages: Mapping[int, Sequence[Any] | None], *, total: int) -> None:
        self.pages = {offset: None if page is None else list(page) for offset, page in pages.items()}
        self.totals: dict[int, int] = {}
        self.total = total

    def fetch_sync(self, limit: int, offset: int) -> Sequence[Any]:
        page = self.pages.get(offset, [])
        if page is None:
            return None  # type: ignore[return-value]  # the bad page under test
        return Page(page, total=self.totals.get(offset, self.total), limit=limit, offset=offset)

    async def fetch(self, limit: int, offset: int) -> Sequence[Any]:
        await asyncio.sleep(0)
        return self.fetch_sync(limit, offset)


def run(
    flavour: Flavour, pages: Pages, limit: int, *, prefetch: int = 1, into: list[Any] | None = None
) -> tuple[list[Any], PaginationState]:
    """Every item of a walk over `pages`, collected in `into` as they come (so a failure keeps them)."""
    items = [] if into is None else into
    if flavour == "sync":
        with paginate_sync(pages.fetch_sync, limit, prefetch=prefetch) as paginator:
            items.extend(paginator)
            return items, paginator.state

    async def collect() -> PaginationState:
        async with paginate(pages.fetch, limit, prefetch=prefetch) as paginator:
            async for item in paginator:
                items.append(item)
            return paginator.state

    return items, asyncio.run(collect())


@pytest.fixture(autouse=True)
def _warnings(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="atlas_extras")


def test_an_item_that_comes_back_at_the_next_offset_is_not_yielded_twice(flavour: Flavour) -> None:
    """Deletes while pages are fetched out of order: the pages at offsets 1 and 2 both hold item 3."""
    pages = {0: [{"id": 0}], 1: [{"id": 3}], 2: [{"id": 3}], 3: []}

    def fetch_sync(limit: int, offset: int) -> Sequence[Mapping[str, int]]:
        return pages[offset]

    async def fetch(limit: int, offset: int) -> Sequence[Mapping[str, int]]:
        return pages[offset]

    if flavour == "sync":
        with paginate_sync(fetch_sync, 1, prefetch=3) as paginator:
            items = list(paginator)
    else:

        async def run() -> list[Mapping[str, int]]:
            async with paginate(fetch, 1, prefetch=3) as paginator:
                return [item async for item in paginator]

        items = asyncio.run(run())
    assert [item["id"] for item in items] == [0, 3]
