"""Adaptive concurrency: the AIMD controller on its own (deterministic, a fake clock), and adaptive fan-outs
(async and on threads) against the fake Control Plane behind a capacity limit, which answers 429 to every
request beyond 4 in flight: they find the level and get far fewer 429s than a fixed fan-out at the ceiling.
Counts only, never times."""

from __future__ import annotations

import asyncio
import math
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from atlas_extras import (
    AtlasNotFoundError,
    AtlasRateLimitError,
    AtlasRequestTimeoutError,
    AtlasServerError,
    ControlPlaneClient,
    RetryPolicy,
    SyncControlPlaneClient,
)
from atlas_extras.concurrency import AdaptiveConcurrency, ThreadRunner, fan_out, map_in_chunks
from atlas_extras.concurrency._adaptive import AimdController, Signal
from atlas_extras.testing import FakeControlPlane, seed_id
from benchmarks.capacity import CapacityLimit, serve_limited

REQUEST = httpx.Request("GET", "http://control-plane/api/v1/agent-classes")


def rejected(status: int = 429, retry_after: str | None = None) -> Exception:
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    response = httpx.Response(status, headers=headers, request=REQUEST)
    kind = AtlasRateLimitError if status == 429 else AtlasServerError
    return kind(f"{status} from the server", response=response)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def controller(clock: Clock, ceiling: int = 64, **settings: Any) -> AimdController:
    return AimdController(ceiling, AdaptiveConcurrency(**settings), clock=clock)


def succeed(aimd: AimdController, clock: Clock, times: int = 1, *, elapsed: float = 0.02) -> None:
    """`times` calls that succeed in `elapsed` seconds with the limit in full use."""
    for _ in range(times):
        assert aimd.observe(None, started=clock.now, elapsed=elapsed, in_flight=aimd.limit) is Signal.OK
        clock.now += 0.001


def fail(aimd: AimdController, clock: Clock, error: BaseException, *, started: float | None = None) -> Signal:
    signal = aimd.observe(error, started=clock.now if started is None else started, elapsed=0.001, in_flight=1)
    clock.now += 0.001
    return signal


# -- the controller ------------------------------------------------------------------------------------------


def test_it_starts_low_and_adds_one_call_per_window_of_successes(clock: Clock) -> None:
    aimd = controller(clock)
    assert aimd.limit == 4
    succeed(aimd, clock, 3)
    assert aimd.limit == 4  # 1/limit per success: a window of 4 adds just under one
    succeed(aimd, clock, 2)
    assert aimd.limit == 5
    succeed(aimd, clock, 5)
    assert aimd.limit == 6
    assert controller(clock, ceiling=2).limit == 2
    assert controller(clock, initial=10).limit == 10


def test_a_success_that_did_not_use_the_whole_limit_does_not_raise_it(clock: Clock) -> None:
    aimd = controller(clock)
    for _ in range(10):
        aimd.observe(None, started=clock.now, elapsed=0.02, in_flight=2)  # the input, not the limit, held it back
    assert aimd.limit == 4


def test_overload_halves_the_limit(clock: Clock) -> None:
    aimd = controller(clock, initial=16)
    succeed(aimd, clock, 1)
    late = aimd.observe(rejected(429), started=clock.now, elapsed=1.5, in_flight=16)  # after the SDK's retries
    assert late is Signal.REJECTED
    assert aimd.limit == 8
    assert not aimd.recovering
    succeed(aimd, clock, 8)
    assert aimd.limit == 8  # additive again: just under one per window
    succeed(aimd, clock, 1)
    assert aimd.limit == 9


def test_after_a_429_that_came_straight_back_it_recovers_fast_to_just_below_that_level(clock: Clock) -> None:
    aimd = controller(clock, initial=17)
    succeed(aimd, clock, 1)
    assert fail(aimd, clock, rejected(429)) is Signal.REJECTED  # turned away on arrival: 16 was fine
    assert aimd.limit == 8
    assert aimd.recovering
    succeed(aimd, clock, 8)  # one per success: back to 16 within a round trip
    assert aimd.limit == 16
    assert not aimd.recovering
    succeed(aimd, clock, 4)
    assert aimd.limit == 16  # then additive again: a quarter of a window adds a quarter


def test_a_503_and_a_request_timeout_are_overload_too_other_errors_are_not(clock: Clock) -> None:
    aimd = controller(clock, initial=32)
    assert fail(aimd, clock, rejected(503)) is Signal.REJECTED
    assert aimd.limit == 16
    timeout = AtlasRequestTimeoutError("read timeout", request=REQUEST)
    assert fail(aimd, clock, timeout) is Signal.SLOW
    assert aimd.limit == 8
    not_found = AtlasNotFoundError("404", response=httpx.Response(404, request=REQUEST))
    for error in (not_found, rejected(500), ValueError("a bug in fn")):
        assert fail(aimd, clock, error) is Signal.NEUTRAL
    assert aimd.limit == 8


def test_calls_already_in_flight_at_a_decrease_do_not_decrease_it_again(clock: Clock) -> None:
    aimd = controller(clock, initial=32)
    burst_started = clock.now
    clock.now += 0.01
    for _ in range(10):  # ten 429s from the same burst
        fail(aimd, clock, rejected(429), started=burst_started)
    assert aimd.limit == 16
    assert aimd.decreases == 1
    assert aimd.threshold == 31 - 9  # each 429 of the burst lowers the level it recovers to
    fail(aimd, clock, rejected(429))  # a call started after the decrease
    assert aimd.limit == 8


def test_the_limit_never_goes_below_one_nor_above_the_ceiling(clock: Clock) -> None:
    aimd = controller(clock, ceiling=5)
    for _ in range(10):
        fail(aimd, clock, rejected(429))
    assert aimd.limit == 1
    succeed(aimd, clock, 200)
    assert aimd.limit == 5


@given(
    ceiling=st.integers(1, 200),
    events=st.lists(st.tuples(st.sampled_from(["ok", "slow", "429", "503", "404"]), st.integers(0, 200)), max_size=300),
)
def test_whatever_happens_the_limit_stays_between_one_and_the_ceiling(
    ceiling: int, events: list[tuple[str, int]]
) -> None:
    clock = Clock()
    aimd = controller(clock, ceiling=ceiling)
    errors = {"429": rejected(429), "503": rejected(503), "404": ValueError("not load")}
    for kind, in_flight in events:
        elapsed = 1.0 if kind == "slow" else 0.02
        aimd.observe(errors.get(kind), started=clock.now - 0.5, elapsed=elapsed, in_flight=in_flight)
        clock.now += 0.01
        assert 1 <= aimd.limit <= ceiling


def test_retry_after_pauses_new_calls_for_that_long_at_most_max_pause(clock: Clock) -> None:
    aimd = controller(clock, max_pause=5.0)
    assert aimd.pause_remaining() == 0.0
    fail(aimd, clock, rejected(429, retry_after="2"))
    assert aimd.pause_remaining() == pytest.approx(2.0 - 0.001)
    clock.now += 1.0
    assert aimd.pause_remaining() == pytest.approx(1.0 - 0.001)
    fail(aimd, clock, rejected(503, retry_after="3600"))
    assert aimd.pause_remaining() == pytest.approx(5.0 - 0.001)


def test_a_success_much_slower_than_the_fastest_counts_as_overload(clock: Clock) -> None:
    aimd = controller(clock, initial=16)
    succeed(aimd, clock, 4, elapsed=0.02)
    signal = aimd.observe(None, started=clock.now, elapsed=0.5, in_flight=16)  # e.g. the SDK retried a 429
    assert signal is Signal.SLOW
    assert aimd.limit == 8
    assert not aimd.recovering
    tolerant = controller(clock, initial=16, latency_tolerance=None)
    succeed(tolerant, clock, 1, elapsed=0.02)
    succeed(tolerant, clock, 1, elapsed=0.5)
    assert (tolerant.limit, tolerant.decreases) == (16, 0)


def test_latency_within_a_few_milliseconds_is_noise(clock: Clock) -> None:
    aimd = controller(clock, initial=8)
    succeed(aimd, clock, 1, elapsed=0.0002)
    succeed(aimd, clock, 20, elapsed=0.004)  # 20 times the fastest, but 4 ms: each one counts as a success
    assert aimd.decreases == 0
    assert aimd.limit == 10


def test_slow_calls_at_a_limit_of_one_become_the_new_normal(clock: Clock) -> None:
    aimd = controller(clock, initial=2)
    succeed(aimd, clock, 1, elapsed=0.01)
    aimd.observe(None, started=clock.now, elapsed=0.2, in_flight=2)
    assert aimd.limit == 1
    clock.now += 1
    succeed(aimd, clock, 2, elapsed=0.2)  # the server is just slower now: the limit grows again
    assert aimd.limit == 2


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"initial": 0}, "initial must be an int >= 1"),
        ({"decrease": 1.0}, "decrease must be a finite number between 0 and 1"),
        ({"increase": 0}, "increase must be a finite number > 0"),
        ({"latency_tolerance": 1.0}, "latency_tolerance must be a finite number > 1"),
        ({"max_pause": math.inf}, "max_pause must be a finite number >= 0"),
        ({"reruns": -1}, "reruns must be an int >= 0"),
    ],
)
def test_bad_settings_are_rejected(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        AdaptiveConcurrency(**settings)


async def _noop(item: int) -> int:
    return item


def test_fan_out_rejects_a_bad_adaptive_option_and_chunks() -> None:
    with pytest.raises(TypeError, match="adaptive must be a bool or an AdaptiveConcurrency, got dict"):
        fan_out(_noop, [1], adaptive={"initial": 2})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="map_in_chunks has no adaptive mode"):
        map_in_chunks(_noop, [1], adaptive=True)  # type: ignore[call-arg]


# -- reruns, without a server ----------------------------------------------------------------------------------


async def test_items_turned_away_run_again_up_to_reruns_times_then_report_the_error() -> None:
    attempts: dict[int, int] = {}

    async def flaky(item: int) -> int:
        attempts[item] = attempts.get(item, 0) + 1
        if item == 3 or (item == 5 and attempts[item] <= 2):
            raise rejected(429)
        return item

    settings = AdaptiveConcurrency(reruns=2)
    outcomes = await fan_out(flaky, range(8), max_concurrency=4, adaptive=settings).collect()
    assert [o.index for o in outcomes] == list(range(8))  # still in input order
    assert outcomes.values == [0, 1, 2, 4, 5, 6, 7]
    [failed] = outcomes.errors
    assert (failed.index, type(failed.error)) == (3, AtlasRateLimitError)
    assert attempts[3] == 3  # the first call and two reruns
    assert attempts[5] == 3


@given(
    rejections=st.lists(st.integers(0, 4), min_size=1, max_size=40),
    reruns=st.integers(0, 3),
    ceiling=st.integers(1, 8),
    ordered=st.booleans(),
)
def test_with_reruns_every_item_still_comes_out_exactly_once(
    rejections: list[int], reruns: int, ceiling: int, ordered: bool
) -> None:
    """Item i is turned away `rejections[i]` times: it comes out once, with its value if that is within
    `reruns`, else with the 429; in input order when ordered."""
    attempts = [0] * len(rejections)

    async def call(index: int) -> int:
        attempts[index] += 1
        if attempts[index] <= rejections[index]:
            raise rejected(429)
        return index

    settings = AdaptiveConcurrency(reruns=reruns)
    outcomes = asyncio.run(
        fan_out(call, range(len(rejections)), max_concurrency=ceiling, ordered=ordered, adaptive=settings).collect()
    )
    indexes = [o.index for o in outcomes]
    assert sorted(indexes) == list(range(len(rejections)))
    if ordered:
        assert indexes == sorted(indexes)
    for outcome in outcomes:
        assert outcome.ok == (rejections[outcome.index] <= reruns)
        assert attempts[outcome.index] == min(rejections[outcome.index], reruns) + 1


# -- against a server with a capacity of 4 ---------------------------------------------------------------------

CAPACITY = 4
CEILING = 32
ITEMS = 200


@pytest.fixture
def limited(fake: FakeControlPlane) -> Iterator[tuple[CapacityLimit, str]]:
    fake.inject_latency(0.02)
    limit = CapacityLimit(fake.app, CAPACITY)
    with serve_limited(limit) as base_url:
        yield limit, base_url


CLASS_KEYS = ("code-reviewer", "test-writer", "incident-responder", "data-analyst")
IDS = [uuid.UUID(seed_id("class", key)) for key in CLASS_KEYS] * (ITEMS // len(CLASS_KEYS))


async def _rejections_async(
    limit: CapacityLimit, base_url: str, ids: list[uuid.UUID], *, adaptive: bool | AdaptiveConcurrency, **client: Any
) -> tuple[int, int, int]:
    limit.stats.rejected = 0
    async with ControlPlaneClient(base_url, **client) as api:
        run = fan_out(api.get_agent_class, ids, max_concurrency=CEILING, adaptive=adaptive)
        outcomes = await run.collect()
    return limit.stats.rejected, len(outcomes.errors), run.limit


async def test_adaptive_fan_out_gets_far_fewer_429s_than_a_fixed_one_at_its_ceiling(
    limited: tuple[CapacityLimit, str],
) -> None:
    limit, base_url = limited
    fixed, fixed_failed, _ = await _rejections_async(limit, base_url, IDS, adaptive=False, max_retries=0)
    adaptive, adaptive_failed, found = await _rejections_async(
        limit, base_url, IDS, adaptive=AdaptiveConcurrency(reruns=10), max_retries=0
    )
    assert fixed >= ITEMS // 2  # the fixed fan-out at 16 is turned away again and again...
    assert fixed_failed == fixed
    assert adaptive_failed == 0  # ...the adaptive one reran the few items turned away
    assert adaptive * 3 <= fixed, (adaptive, fixed)
    assert 1 <= found <= 2 * CAPACITY  # it settled around the capacity


async def test_adaptive_fan_out_also_learns_from_the_sdks_own_retries(limited: tuple[CapacityLimit, str]) -> None:
    limit, base_url = limited
    policy = RetryPolicy(max_retries=3, backoff_base=0.1)  # a retried 429 makes a call 5 times slower
    fixed, _, _ = await _rejections_async(limit, base_url, IDS, adaptive=False, retry_policy=policy)
    adaptive, _, _ = await _rejections_async(limit, base_url, IDS, adaptive=True, retry_policy=policy)
    assert fixed >= ITEMS // 2
    assert adaptive * 3 <= fixed, (adaptive, fixed)


def test_runner_adaptive_fan_out_gets_far_fewer_429s(limited: tuple[CapacityLimit, str]) -> None:
    limit, base_url = limited
    counts: dict[bool, tuple[int, int]] = {}
    settings: tuple[bool | AdaptiveConcurrency, ...] = (False, AdaptiveConcurrency(reruns=10))
    with SyncControlPlaneClient(base_url, max_retries=0) as api, ThreadRunner(CEILING) as runner:
        for setting in settings:
            limit.stats.rejected = 0
            outcomes = runner.fan_out(api.get_agent_class, IDS, adaptive=setting).collect()
            counts[bool(setting)] = (limit.stats.rejected, len(outcomes.errors))
    (fixed, fixed_failed), (adaptive, adaptive_failed) = counts[False], counts[True]
    assert fixed >= ITEMS // 2
    assert adaptive_failed == 0
    assert adaptive * 3 <= fixed, (adaptive, fixed)
    assert fixed_failed == fixed
