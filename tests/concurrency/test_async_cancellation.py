"""Cancelling the task that runs an async helper, mid-flight, against the fake with hanging requests: the
helper's own tasks all end (none left in `asyncio.all_tasks()`), the hanging requests are cancelled, and no
coroutine is left "never awaited". Also when the caller is cancelled a second time during that cleanup."""

from __future__ import annotations

import asyncio
import gc
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from atlas_extras import ControlPlaneClient
from atlas_extras.concurrency import fan_out, first_success, gather_all, gather_settled, with_timeout
from atlas_extras.testing import FakeControlPlane

from .conftest import async_wait_until, other_tasks

BOUND = 10.0


async def _iterate_fan_out(client: ControlPlaneClient, **options: Any) -> None:
    async with fan_out(lambda _: client.health(), range(100), max_concurrency=4, **options) as outcomes:
        async for _ in outcomes:
            pass


HELPERS: dict[str, tuple[int, Callable[[ControlPlaneClient], Awaitable[object]]]] = {
    # name: (requests in flight once it is mid-flight, the helper)
    "fan_out iterated": (4, _iterate_fan_out),
    "fan_out unordered": (4, lambda c: _iterate_fan_out(c, ordered=False)),
    "adaptive fan_out": (4, lambda c: _iterate_fan_out(c, adaptive=True)),
    "fan_out collect": (4, lambda c: fan_out(lambda _: c.health(), range(100), max_concurrency=4).collect()),
    "first_success": (3, lambda c: first_success([c.health, c.health(), lambda: c.health()])),
    "hedged first_success": (1, lambda c: first_success([c.health(), c.health(), c.health()], hedge_delay=60)),
    "gather_all": (2, lambda c: gather_all(a=c.health(), b=c.health)),
    "gather_all positional": (2, lambda c: gather_all(c.health(), c.health)),
    "gather_settled": (2, lambda c: gather_settled(c.health(), c.health())),
    "with_timeout": (1, lambda c: with_timeout(lambda t: c.health(timeout=t), 60.0)),
}


async def _start_mid_flight(fake: FakeControlPlane, helper: str, client: ControlPlaneClient) -> asyncio.Task[object]:
    fake.inject_hang(operation="health")
    in_flight, make = HELPERS[helper]

    async def run() -> object:
        return await make(client)

    task = asyncio.ensure_future(run())
    assert await async_wait_until(lambda: fake.stats.in_flight == in_flight, BOUND)
    return task


@pytest.mark.parametrize("helper", list(HELPERS))
async def test_cancelling_a_helper_mid_flight_leaves_no_task_and_no_request(
    fake: FakeControlPlane, client: ControlPlaneClient, helper: str
) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        task = await _start_mid_flight(fake, helper, client)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await asyncio.wait_for(task, BOUND)
        assert other_tasks() == set()
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]
    assert await async_wait_until(lambda: fake.stats.in_flight == 0)  # the hanging requests were cancelled


class SlowToCancel:
    """A call whose cleanup after cancellation takes a while (as closing a connection can)."""

    def __init__(self) -> None:
        self.cleaning = asyncio.Event()
        self.started = 0

    async def __call__(self, _: object) -> None:
        self.started += 1
        try:
            await asyncio.sleep(BOUND)
        except asyncio.CancelledError:
            self.cleaning.set()
            await asyncio.shield(asyncio.sleep(0.1))
            raise


@pytest.mark.parametrize("kind", ["fan_out", "first_success"])
async def test_cancelled_again_during_its_cleanup_a_helper_still_waits_for_its_tasks(kind: str) -> None:
    slow = SlowToCancel()

    async def run() -> object:
        if kind == "first_success":
            return await first_success([lambda: slow(0), lambda: slow(1)])
        return await fan_out(slow, range(10), max_concurrency=3).collect()

    task = asyncio.ensure_future(run())
    await asyncio.sleep(0.05)
    task.cancel()
    await asyncio.wait_for(slow.cleaning.wait(), BOUND)
    task.cancel()  # again, while the helper waits for its cancelled calls to end
    with pytest.raises(asyncio.CancelledError):
        await asyncio.wait_for(task, BOUND)
    assert other_tasks() == set()
    await asyncio.sleep(0.15)  # the shielded cleanups end
    assert other_tasks() == set()
