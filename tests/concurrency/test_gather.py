"""gather_settled and gather_all, async and on threads, against the fake Control Plane."""

from __future__ import annotations

import asyncio
import gc
import traceback
import warnings
from typing import Any

import pytest

from atlas_extras import AtlasNotFoundError, AtlasServerError, ControlPlaneClient, SyncControlPlaneClient
from atlas_extras.concurrency import ThreadRunner, gather_all, gather_settled
from atlas_extras.testing import FakeControlPlane

from .conftest import LATENCY, async_wait_until, other_tasks

# -- gather_settled ------------------------------------------------------------------------------------


async def test_gather_settled_keeps_every_outcome_when_one_fails(
    fake: FakeControlPlane, client: ControlPlaneClient
) -> None:
    fake.inject_latency(LATENCY)
    fake.inject_status(500, operation="list_model_providers")
    results = await gather_settled(
        health=client.health(),  # an awaitable
        classes=lambda: client.list_agent_classes(limit=100),  # a callable
        providers=lambda: client.list_model_providers(limit=1),
    )
    assert list(results) == ["health", "classes", "providers"]
    assert results["health"].value.status == "healthy"
    assert results["classes"].value.total == 4
    assert isinstance(results["providers"].error, AtlasServerError)
    assert list(results.errors) == ["providers"]
    assert results.value_or("providers", "n/a") == "n/a"
    assert fake.stats.peak_in_flight == 3  # all at once
    assert other_tasks() == set()


def test_runner_gather_settled_keeps_every_outcome_when_one_fails(
    fake: FakeControlPlane, sync_client: SyncControlPlaneClient, runner: ThreadRunner
) -> None:
    fake.inject_latency(LATENCY)
    fake.inject_status(500, operation="list_model_providers")
    results = runner.gather_settled(
        health=sync_client.health,
        classes=lambda: sync_client.list_agent_classes(limit=100),
        providers=lambda: sync_client.list_model_providers(limit=1),
    )
    assert results["health"].value.status == "healthy"
    assert results["classes"].value.total == 4
    assert isinstance(results["providers"].error, AtlasServerError)
    assert fake.stats.peak_in_flight == 3


def test_runner_errors_keep_the_traceback_of_the_worker(
    sync_client: SyncControlPlaneClient, runner: ThreadRunner
) -> None:
    def fetch_missing() -> Any:
        return sync_client.get_agent_class("00000000-0000-0000-0000-000000000000")  # type: ignore[arg-type]

    error = runner.gather_settled(missing=fetch_missing).errors["missing"]
    assert isinstance(error, AtlasNotFoundError)
    assert "fetch_missing" in "".join(traceback.format_tb(error.__traceback__))


async def test_gather_settled_takes_names_made_at_run_time_and_nothing() -> None:
    async def value(v: int) -> int:
        return v

    results = await gather_settled({f"item-{i}": value(i) for i in range(3)}, extra=value(9))
    assert results.unwrap() == {"item-0": 0, "item-1": 1, "item-2": 2, "extra": 9}
    assert len(await gather_settled()) == 0
    with ThreadRunner(1) as runner:
        assert len(runner.gather_settled()) == 0


async def test_bad_operations_are_rejected_and_no_coroutine_is_left_unawaited() -> None:
    async def never() -> None:
        raise AssertionError("must not run")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(TypeError, match="expected awaitables or zero-argument callables"):
            await gather_settled(fine=never(), broken=42)  # type: ignore[call-overload]
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]
    with pytest.raises(ValueError, match="named twice: a"):
        await gather_settled({"a": never}, a=never)


def test_runner_rejects_awaitables() -> None:
    async def coroutine() -> None: ...

    with ThreadRunner(1) as runner, pytest.raises(TypeError, match="use the async helper"):
        runner.gather_settled(a=coroutine())  # type: ignore[call-overload]


async def test_cancelling_gather_settled_cancels_every_request(
    fake: FakeControlPlane, client: ControlPlaneClient
) -> None:
    fake.inject_hang(operation="list_deployments")
    task = asyncio.ensure_future(gather_settled(a=client.list_deployments(limit=1), b=client.list_deployments(limit=2)))
    assert await async_wait_until(lambda: fake.stats.in_flight == 2)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert other_tasks() == set()
    assert await async_wait_until(lambda: fake.stats.in_flight == 0)  # the server saw both requests go


# -- gather_all ----------------------------------------------------------------------------------------


async def test_gather_all_returns_values_by_name(fake: FakeControlPlane, client: ControlPlaneClient) -> None:
    values = await gather_all(health=client.health, classes=lambda: client.list_agent_classes(limit=1))
    assert values["health"].status == "healthy"
    assert values["classes"].total == 4


async def test_gather_all_raises_the_first_failure_itself_and_cancels_the_rest(
    fake: FakeControlPlane, client: ControlPlaneClient
) -> None:
    fake.inject_status(500, operation="list_model_providers")
    fake.inject_hang(operation="list_deployments")
    with pytest.raises(AtlasServerError) as raised:  # not an ExceptionGroup
        await gather_all(
            providers=lambda: client.list_model_providers(limit=1), hanging=lambda: client.list_deployments(limit=1)
        )
    assert "(from operation 'providers')" in raised.value.__notes__
    assert other_tasks() == set()
    assert await async_wait_until(lambda: fake.stats.in_flight == 0)  # the hanging request was cancelled


async def test_gather_all_notes_the_other_failures() -> None:
    async def fail(message: str) -> None:
        raise ValueError(message)

    with pytest.raises(ValueError, match="one") as raised:
        await gather_all(a=fail("one"), b=fail("two"))
    assert raised.value.__notes__ == ["(from operation 'a')", "1 other operation(s) also failed: b: ValueError: two"]


def test_runner_gather_all_raises_the_first_failure_and_never_starts_queued_calls(fake: FakeControlPlane) -> None:
    started: list[str] = []

    def fail() -> None:
        started.append("fail")
        raise KeyError("boom")

    def later() -> None:
        started.append("later")

    with ThreadRunner(max_workers=1) as runner, pytest.raises(KeyError, match="boom") as raised:
        runner.gather_all(fail=fail, later=later, last=later)
    assert started == ["fail"]
    assert raised.value.__notes__ == ["(from operation 'fail')"]


def test_runner_gather_all_returns_values(fake: FakeControlPlane, sync_client: SyncControlPlaneClient) -> None:
    with ThreadRunner(2) as runner:
        values = runner.gather_all(health=sync_client.health, classes=lambda: sync_client.list_agent_classes(limit=1))
    assert values["classes"].total == 4


# -- the positional form ---------------------------------------------------------------------------------


async def test_positional_operations_come_back_in_order_and_failures_say_which(
    fake: FakeControlPlane, client: ControlPlaneClient
) -> None:
    fake.inject_status(500, operation="list_model_providers")
    health, providers = await gather_settled(client.health(), lambda: client.list_model_providers(limit=1))
    assert health.value.status == "healthy"
    assert isinstance(providers.error, AtlasServerError)
    with pytest.raises(AtlasServerError) as raised:
        await gather_all(client.health, lambda: client.list_model_providers(limit=1))
    assert "(from operation '#1')" in raised.value.__notes__
    assert other_tasks() == set()


def test_runner_positional_operations_come_back_in_order(
    fake: FakeControlPlane, sync_client: SyncControlPlaneClient, runner: ThreadRunner
) -> None:
    fake.inject_latency(LATENCY, jitter=LATENCY)  # they finish in any order
    values = runner.gather_all(*[lambda i=i: (sync_client.health(), i)[1] for i in range(6)])
    assert values == (0, 1, 2, 3, 4, 5)
    outcomes = runner.gather_settled(lambda: 1, lambda: 1 // 0)
    assert [o.ok for o in outcomes] == [True, False]
    assert isinstance(outcomes[1].error, ZeroDivisionError)


async def test_positional_and_named_operations_cannot_be_mixed(client: ControlPlaneClient) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(TypeError, match="either positionally or by name, not both"):
            await gather_all(client.health(), b=client.health())  # type: ignore[call-overload]
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]
    with ThreadRunner(1) as runner, pytest.raises(TypeError, match="either positionally or by name"):
        runner.gather_settled(lambda: 1, b=lambda: 2)  # type: ignore[call-overload]
