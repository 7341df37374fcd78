"""In-memory list servers with the behaviours real ones show (page caps, extra items, missing, wrong,
negative or drifting totals, items deleted mid-walk), and how to walk them sync or async."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

import pytest

from atlas_extras import Page
from atlas_extras.pagination import PaginationState, paginate, paginate_sync

TotalMode = Literal["correct", "missing", "negative", "wrong", "drifting"]
Flavour = Literal["async", "sync"]


class Keyed(int):
    """An item that is its own number and says so as `id`, as the SDK's models carry theirs."""

    @property
    def id(self) -> int:
        return int(self)


@dataclass
class ListServer:
    """A list of `size` items (0, 1, ...) behind `fetch(limit, offset)`, served the way a real server might.

    - `cap`: the most items a page holds, whatever `limit` asks for (None: no cap);
    - `extra`: items served beyond `limit`;
    - `total`: what `X-Total-Count` says: `correct`, `missing` (plain lists), `negative`, `wrong` (the size
      plus `total_error`) or `drifting` (the size plus a different error on every request);
    - `cap_from_request`: the cap and the extra items apply from that request on (0: from the first);
    - `delete_every`: delete the item at offset `delete_at` before every that many requests (0: never).
    """

    size: int
    cap: int | None = None
    extra: int = 0
    total: TotalMode = "correct"
    total_error: int = 0
    cap_from_request: int = 0
    delete_every: int = 0
    delete_at: int = 0
    items: list[Keyed] = field(init=False)
    calls: list[tuple[int, int]] = field(init=False, default_factory=list)
    reported_totals: set[int] = field(init=False, default_factory=set)
    in_flight: int = field(init=False, default=0)
    delay: float = 0.0

    def __post_init__(self) -> None:
        self.items = [Keyed(number) for number in range(self.size)]
        self.original = list(self.items)
        self._lock = threading.Lock()

    def _page(self, limit: int, offset: int) -> Sequence[int]:
        with self._lock:
            number = len(self.calls)
            self.calls.append((limit, offset))
            if self.delete_every and number and number % self.delete_every == 0 and self.delete_at < len(self.items):
                del self.items[self.delete_at]
            served = limit
            if number >= self.cap_from_request:
                served += self.extra
                if self.cap is not None:
                    served = min(served, self.cap)
            items = self.items[offset : offset + served]
            total = self._total(number)
        if total is None:
            return items
        return Page(items, total=total, limit=limit, offset=offset)

    def _total(self, number: int) -> int | None:
        if self.total == "missing":
            return None
        if self.total == "negative":
            return -1 - self.total_error % 5
        value = len(self.items)
        if self.total == "wrong":
            value = max(0, value + self.total_error)
        elif self.total == "drifting":
            value = max(0, value + (number % 3) - 1 + self.total_error)
        self.reported_totals.add(value)
        return value

    def fetch_sync(self, limit: int, offset: int) -> Sequence[int]:
        with self._lock:
            self.in_flight += 1
        try:
            if self.delay:
                threading.Event().wait(self.delay)
            return self._page(limit, offset)
        finally:
            with self._lock:
                self.in_flight -= 1

    async def fetch(self, limit: int, offset: int) -> Sequence[int]:
        with self._lock:
            self.in_flight += 1
        try:
            await asyncio.sleep(self.delay)
            return self._page(limit, offset)
        finally:
            with self._lock:
                self.in_flight -= 1


def walk(
    flavour: Flavour,
    server: ListServer,
    limit: int,
    *,
    prefetch: int = 1,
    state: PaginationState | None = None,
    stop_after: int | None = None,
) -> tuple[list[int], PaginationState]:
    """The items a walk yields (it stops asking after `stop_after`), and its state then."""
    if flavour == "sync":
        with paginate_sync(server.fetch_sync, limit, prefetch=prefetch, state=state) as paginator:
            return _take(paginator, stop_after), paginator.state

    async def run() -> tuple[list[int], PaginationState]:
        async with paginate(server.fetch, limit, prefetch=prefetch, state=state) as paginator:
            items: list[int] = []
            while stop_after is None or len(items) < stop_after:
                try:
                    items.append(await anext(paginator))
                except StopAsyncIteration:
                    break
            return items, paginator.state

    return asyncio.run(run())


def _take(items: Iterator[int], stop_after: int | None) -> list[int]:
    taken: list[int] = []
    while stop_after is None or len(taken) < stop_after:
        try:
            taken.append(next(items))
        except StopIteration:
            break
    return taken


def saved(state: PaginationState) -> PaginationState:
    """The state as a checkpoint file gives it back."""
    return PaginationState.from_dict(json.loads(json.dumps(state.to_dict())))


def assert_exact(items: list[int], server: ListServer) -> None:
    """Every item once, in order; the one shortfall allowed is stopping where an uncontradicted total said."""
    if items == server.original:
        return
    allowed = sorted(t for t in server.reported_totals if t < server.size)
    assert items in [server.original[:t] for t in allowed], (
        f"lost or repeated items: got {len(items)} of {server.size}, reported totals {sorted(server.reported_totals)}"
    )


@pytest.fixture(autouse=True)
def no_leaked_threads() -> Iterator[None]:
    """Every test ends with no pagination thread left alive."""
    yield
    leaked = [t.name for t in threading.enumerate() if t.name.startswith("atlas-paginate")]
    assert not leaked, f"threads left running: {leaked}"


FLAVOURS: list[Flavour] = ["async", "sync"]
