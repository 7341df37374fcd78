"""`atlas-dashboard`: load the dashboard (async and with threads), compare with sequential calls, then
run the six concurrency patterns.

    atlas-dashboard                                    # embedded fake Control Plane, 50 ms latency
    atlas-dashboard --base-url URL [--api-key KEY]     # a real Control Plane

Exit status: 0 when everything loaded; 1 when a section of the dashboard failed; 2 for bad usage or a
missing `testing` extra; 3 when the Control Plane cannot be reached; 4 when authentication fails.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from ..clients import ControlPlaneClient, SyncControlPlaneClient
from ..concurrency import ThreadRunner
from ..errors import AtlasAuthenticationError, AtlasAuthorizationError, AtlasConnectionError, AtlasError
from ._data import DashboardData, fetch_dashboard, fetch_dashboard_sync
from ._patterns import FaultInjector, run_patterns
from ._render import format_dashboard

__all__ = ["main"]

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_UNREACHABLE, EXIT_AUTH = 0, 1, 2, 3, 4


class _Fatal(Exception):
    """Ends the command with a one-line message and an exit status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class _Timing:
    concurrent: float
    sequential: float


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="atlas-dashboard",
        description="Load the Atlas dashboard concurrently and run the concurrency patterns. "
        "Without --base-url, an embedded fake Control Plane (demo dataset) is started on loopback.",
    )
    parser.add_argument("--base-url", help="the Control Plane to use (default: start the embedded fake)")
    parser.add_argument("--api-key", help="API key (default: the ATLAS_API_KEY variable)")
    parser.add_argument(
        "--latency", type=float, default=0.05, help="the embedded fake's latency in seconds (default 0.05)"
    )
    parser.add_argument("--no-patterns", action="store_true", help="only load the dashboard")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the SDK's retry warnings")
    return parser


def _check_reachable(data: DashboardData, base_url: str) -> None:
    """Turn a dashboard that failed for want of a connection or of credentials into a `_Fatal`."""
    for error in data.errors.values():
        if isinstance(error, AtlasAuthenticationError | AtlasAuthorizationError):
            raise _Fatal(
                f"authentication failed at {base_url} (HTTP {error.status_code}): check --api-key or ATLAS_API_KEY",
                EXIT_AUTH,
            )
    errors = list(data.errors.values())
    if len(errors) == data.requests and all(isinstance(e, AtlasConnectionError) for e in errors):
        raise _Fatal(f"cannot reach the Control Plane at {base_url}: {errors[0]}", EXIT_UNREACHABLE)


async def _load_async(base_url: str, api_key: str | None) -> tuple[DashboardData, _Timing]:
    async with ControlPlaneClient(base_url, api_key=api_key) as client:
        _check_reachable(await fetch_dashboard(client), base_url)  # also a warm-up: opens the connections
        start = time.perf_counter()
        data = await fetch_dashboard(client)
        concurrent = time.perf_counter() - start
        start = time.perf_counter()
        await fetch_dashboard(client, concurrent=False)
        return data, _Timing(concurrent, time.perf_counter() - start)


def _load_sync(base_url: str, api_key: str | None) -> tuple[DashboardData, _Timing]:
    with SyncControlPlaneClient(base_url, api_key=api_key) as client, ThreadRunner(max_workers=8) as runner:
        fetch_dashboard_sync(client, runner)  # warm-up: opens the connections
        start = time.perf_counter()
        data = fetch_dashboard_sync(client, runner)
        concurrent = time.perf_counter() - start
        start = time.perf_counter()
        fetch_dashboard_sync(client, concurrent=False)
        return data, _Timing(concurrent, time.perf_counter() - start)


def _timing_line(label: str, data: DashboardData, timing: _Timing) -> str:
    trips = "round trip" if data.round_trips == 1 else "round trips"
    return (
        f"  {label:<40}{timing.concurrent:.3f} s in {data.round_trips} {trips} ({data.requests} requests);"
        f" one after another: {timing.sequential:.3f} s ({timing.sequential / timing.concurrent:.1f}x)"
    )


async def _run_patterns(base_url: str, api_key: str | None, faults: FaultInjector | None) -> None:
    async with ControlPlaneClient(base_url, api_key=api_key) as client:
        await run_patterns(client, print, faults)


def _run(base_url: str, api_key: str | None, faults: FaultInjector | None, patterns: bool) -> int:
    data, async_timing = asyncio.run(_load_async(base_url, api_key))
    print(format_dashboard(data), end="\n\n")
    print("  Loading time (after a warm-up load):")
    print(_timing_line("ControlPlaneClient (async):", data, async_timing))
    sync_data, sync_timing = _load_sync(base_url, api_key)
    print(_timing_line("SyncControlPlaneClient + ThreadRunner:", sync_data, sync_timing))
    if patterns:
        asyncio.run(_run_patterns(base_url, api_key, faults))
    return EXIT_OK if data.ok and sync_data.ok else EXIT_PARTIAL


def _check_url(base_url: str) -> None:
    try:
        SyncControlPlaneClient(base_url).close()
    except ValueError as exc:
        raise _Fatal(str(exc), EXIT_USAGE) from None


@contextmanager
def _quiet_retries(verbose: bool) -> Iterator[None]:
    """Keep the SDK's retry warnings off stderr unless --verbose: the command reports failures itself."""
    logger = logging.getLogger("atlas_extras")
    level = logger.level
    if not verbose:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


@contextmanager
def _embedded_fake(latency: float) -> Iterator[tuple[str, FaultInjector]]:
    """Serve the fake Control Plane (demo dataset) on loopback."""
    if not latency >= 0:
        raise _Fatal(f"--latency must be >= 0 seconds, got {latency}", EXIT_USAGE)
    try:
        from ..testing import FakeControlPlane
    except ImportError as exc:
        raise _Fatal(
            f"the embedded fake Control Plane needs the 'testing' extra ({exc}): "
            "pip install 'atlas-control-plane-sdk[testing]', or pass --base-url",
            EXIT_USAGE,
        ) from None
    fake = FakeControlPlane(dataset="demo", latency=latency)
    with fake.serve() as base_url:
        ms = f"{latency * 1000:.0f} ms"
        print(f"Atlas dashboard: embedded fake Control Plane at {base_url} (demo dataset, {ms} latency)")
        yield base_url, fake


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        with _quiet_retries(args.verbose):
            if args.base_url:
                _check_url(args.base_url)
                print(f"Atlas dashboard: {args.base_url}")
                return _run(args.base_url, args.api_key, None, not args.no_patterns)
            with _embedded_fake(args.latency) as (base_url, fake):
                return _run(base_url, args.api_key, fake, not args.no_patterns)
    except _Fatal as exc:
        message, status = str(exc), exc.status
    except AtlasError as exc:
        message, status = f"{type(exc).__name__}: {exc}".splitlines()[0], EXIT_PARTIAL
    except KeyboardInterrupt:
        return 130
    print(f"atlas-dashboard: error: {message}", file=sys.stderr)
    return status
