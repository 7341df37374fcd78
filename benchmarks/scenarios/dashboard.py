"""Scenario 1: the five-call dashboard against a 50 ms fake, loaded again and again by one client: wall time
divided by the latency (1.0 is one round trip) of the loads after the first (scenario 8 times the first one, in
a new process), concurrent variants next to the same calls made one after another."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

from atlas_control_plane_client.api.agent_classes import list_agent_classes
from atlas_control_plane_client.api.agent_definitions import list_agent_definitions
from atlas_control_plane_client.api.deployments import list_deployments
from atlas_control_plane_client.api.model_providers import list_model_providers
from atlas_control_plane_client.api.system import health
from atlas_extras import ControlPlaneClient, SyncControlPlaneClient
from atlas_extras.concurrency import ThreadRunner, gather_all
from atlas_extras.dashboard import SECTIONS, DashboardData, fetch_dashboard, fetch_dashboard_sync

from ..ours import Engine, async_client, sync_client
from ..peers import aiohttp_json, aiohttp_session, url_of
from ..report import Row, Target
from ..rows import Comparison
from ..server import ServerConfig
from ..sizes import Sizes
from ..timing import Trial, in_event_loop, interleave
from . import Context, Scenario

TARGET = Target("ours", "<=", 1.10)

GATHER = "ours async (default), fetch_dashboard"
GATHER_AIOHTTP = "ours over aiohttp_transport(), fetch_dashboard"
ALL_OR_NOTHING = "ours async (default), all-or-nothing (gather_all)"
THREADS = "ours threads, fetch_dashboard_sync"
SEQUENTIAL_ASYNC = "sequential async"
SEQUENTIAL_SYNC = "sequential sync"
RAW_AIOHTTP = "raw aiohttp gather"


def _server(sizes: Sizes) -> ServerConfig:
    return ServerConfig(latency=sizes.dashboard_latency)


def _five_calls(client: ControlPlaneClient) -> dict[str, Callable[[], Awaitable[Any]]]:
    """The dashboard's first round (`fetch_dashboard`'s calls), for `gather_all`."""
    return {
        "health": client.health,
        "agent_classes": lambda: client.list_agent_classes(limit=100),
        "agent_definitions": lambda: client.list_agent_definitions(limit=1),
        "model_providers": lambda: client.list_model_providers(limit=1),
        "deployments": lambda: client.list_deployments(limit=100),
    }


def raw_urls(base_url: str) -> list[str]:
    """The same five requests, for the raw aiohttp peer."""
    return [
        url_of(base_url, health),
        url_of(base_url, list_agent_classes, limit=100),
        url_of(base_url, list_agent_definitions, limit=1),
        url_of(base_url, list_model_providers, limit=1),
        url_of(base_url, list_deployments, limit=100),
    ]


def checked(data: DashboardData) -> None:
    if not data.ok or data.round_trips != 1:
        raise AssertionError(f"dashboard: {data.error_messages()}, {data.round_trips} round trip(s)")


class _Loads:
    """Times dashboard loads; a trial's figure is the median load time over the latency."""

    def __init__(self, sizes: Sizes) -> None:
        self.latency = sizes.dashboard_latency
        self.timed = sizes.dashboard_loads
        self.durations: list[float] = []

    def start(self) -> float:
        return time.perf_counter()

    def stop(self, started: float) -> None:
        self.durations.append(time.perf_counter() - started)

    def figure(self) -> float:
        return statistics.median(self.durations[1:]) / self.latency  # the first one opened the connections


def _async_trial(
    sizes: Sizes,
    base_url: str,
    load: Callable[[ControlPlaneClient], Awaitable[object]],
    engine: Engine = "default",
) -> Trial[float]:
    async def trial() -> float:
        loads = _Loads(sizes)
        async with async_client(base_url, engine) as client:
            for _ in range(1 + loads.timed):
                started = loads.start()
                await load(client)
                loads.stop(started)
        return loads.figure()

    return in_event_loop(trial)


def _sync_trial(
    sizes: Sizes, base_url: str, load: Callable[[SyncControlPlaneClient, ThreadRunner], object]
) -> Trial[float]:
    def trial() -> float:
        loads = _Loads(sizes)
        runner = ThreadRunner(max_workers=len(SECTIONS))
        with sync_client(base_url) as client, runner:
            for _ in range(1 + loads.timed):
                started = loads.start()
                load(client, runner)
                loads.stop(started)
        return loads.figure()

    return trial


def _raw_trial(sizes: Sizes, base_url: str) -> Trial[float]:
    """The floor on this machine: `asyncio.gather` of the five GETs over one raw aiohttp session."""
    urls = raw_urls(base_url)

    async def trial() -> float:
        loads = _Loads(sizes)
        async with aiohttp_session() as session:
            for _ in range(1 + loads.timed):
                started = loads.start()
                await asyncio.gather(*(aiohttp_json(session, url) for url in urls))
                loads.stop(started)
        return loads.figure()

    return in_event_loop(trial)


async def _gather(client: ControlPlaneClient) -> None:
    checked(await fetch_dashboard(client))


async def _all_or_nothing(client: ControlPlaneClient) -> None:
    await gather_all(_five_calls(client))


async def _sequential(client: ControlPlaneClient) -> None:
    checked(await fetch_dashboard(client, concurrent=False))


def _threads(client: SyncControlPlaneClient, runner: ThreadRunner) -> None:
    checked(fetch_dashboard_sync(client, runner))


def _sequential_sync(client: SyncControlPlaneClient, runner: ThreadRunner) -> None:
    checked(fetch_dashboard_sync(client, concurrent=False))


def run(context: Context) -> list[Row]:
    sizes, url = context.sizes, context.base_url
    trials = {
        GATHER: _async_trial(sizes, url, _gather),
        GATHER_AIOHTTP: _async_trial(sizes, url, _gather, "aiohttp"),
        ALL_OR_NOTHING: _async_trial(sizes, url, _all_or_nothing),
        THREADS: _sync_trial(sizes, url, _threads),
        SEQUENTIAL_ASYNC: _async_trial(sizes, url, _sequential),
        SEQUENTIAL_SYNC: _sync_trial(sizes, url, _sequential_sync),
        RAW_AIOHTTP: _raw_trial(sizes, url),
    }
    samples = interleave(trials, context.sizes.repeats, context.sizes.deadline)
    comparison = Comparison(
        scenario="1 dashboard",
        unit="x latency",
        peers=(SEQUENTIAL_ASYNC, SEQUENTIAL_SYNC, RAW_AIOHTTP),
        reference=(SEQUENTIAL_ASYNC,),
        ratio_of="of sequential async",
        better="lower",
    )
    ours = (GATHER, GATHER_AIOHTTP, ALL_OR_NOTHING, THREADS)
    return [comparison.row(samples, name, target=TARGET) for name in ours]


SCENARIO = Scenario("dashboard", "Dashboard: five calls in one round trip", _server, run)
