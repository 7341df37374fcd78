"""`atlas-dashboard`: load the dashboard (async and with threads), compare with sequential calls, then
run the six concurrency patterns.

    atlas-dashboard                                    # embedded fake Control Plane, 50 ms latency
    atlas-dashboard --base-url URL [--timeout 30]      # a real Control Plane (or set ATLAS_BASE_URL)

The API key comes from `--api-key` or, better (a command line is visible to other users), the
`ATLAS_API_KEY` variable; it is never printed.

Exit status: 0 when everything loaded; 1 when a section of the dashboard failed; 2 for bad usage or a
missing `testing` extra; 3 when the Control Plane cannot be reached; 4 when authentication fails; 5 when
a load (or a pattern) did not finish within `--timeout`; 130 on Ctrl-C; 141 when the output was closed
early (`| head`). A failure prints one line, `atlas-dashboard: error: ...`, never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import os
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from .._command import CommandError, CommandParser, run_command, scrub
from .._http import URL, InvalidURL, Timeout
from ..clients import ControlPlaneClient, SyncControlPlaneClient
from ..concurrency import ThreadRunner
from ..errors import AtlasAuthenticationError, AtlasAuthorizationError, AtlasConnectionError, AtlasError
from ._data import DashboardData, describe_error, fetch_dashboard, fetch_dashboard_sync
from ._patterns import FaultInjector, run_patterns
from ._render import format_dashboard
from ._rounds import DashboardTimeoutError
from ._waiting import WaitingLine

__all__ = ["DEFAULT_TIMEOUT", "main"]

PROG = "atlas-dashboard"
EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_UNREACHABLE, EXIT_AUTH, EXIT_TIMEOUT = 0, 1, 2, 3, 4, 5
#: Seconds a dashboard load (or a pattern) may take, requests and retries included.
DEFAULT_TIMEOUT = 30.0
#: "One round trip" is claimed only when the concurrent load took at most this times its slowest section.
ROUND_TRIP_SLACK = 1.5
API_PREFIX = "/api/v1"


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a number of seconds > 0, got {text!r}")
    return value


def _latency(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (value >= 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"must be a number of seconds >= 0, got {text!r}")
    return value


def _parser() -> CommandParser:
    parser = CommandParser(
        prog=PROG,
        description="Load the Atlas dashboard concurrently and run the concurrency patterns. "
        "Without --base-url (or ATLAS_BASE_URL), an embedded fake Control Plane (demo dataset) is started "
        "on loopback. Exit status: 0 ok, 1 a section failed, 2 bad usage, 3 unreachable, "
        "4 authentication failed, 5 timed out.",
    )
    parser.add_argument(
        "--base-url", help="the Control Plane to use (default: ATLAS_BASE_URL, else start the embedded fake)"
    )
    parser.add_argument("--api-key", help="API key (default and safer: the ATLAS_API_KEY variable)")
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="give up on a dashboard load or a pattern after this long, retries included"
        f" (default {DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--latency", type=_latency, default=0.05, help="the embedded fake's latency in seconds (default 0.05)"
    )
    parser.add_argument("--no-patterns", action="store_true", help="only load the dashboard")
    parser.add_argument("-v", "--verbose", action="store_true", help="show the SDK's retry warnings")
    return parser


@dataclass(frozen=True)
class _Target:
    """Where and how to connect; `shown` is the URL as printed (no user info)."""

    base_url: str
    shown: str
    api_key: str | None
    timeout: float

    def _request_timeout(self) -> Timeout:
        """A request may wait as long as a whole load: the load's deadline is what ends it."""
        return Timeout(self.timeout, connect=min(5.0, self.timeout))

    def async_client(self) -> ControlPlaneClient:
        return ControlPlaneClient(self.base_url, api_key=self.api_key, timeout=self._request_timeout())

    def sync_client(self) -> SyncControlPlaneClient:
        return SyncControlPlaneClient(self.base_url, api_key=self.api_key, timeout=self._request_timeout())


@dataclass
class _Timing:
    concurrent: float
    sequential: float
    slowest_alone: float


def _check_url(base_url: str, secrets: Sequence[str | None]) -> str:
    """The URL as shown: without user info, secrets masked; a `CommandError` (usage) when it cannot be used."""
    try:
        url = URL(base_url)
    except InvalidURL as exc:
        raise CommandError(f"invalid base URL: {exc}", EXIT_USAGE) from None
    shown = scrub(str(url.copy_with(userinfo=b"")) if url.userinfo else base_url, [*secrets, url.password])
    if url.scheme not in ("http", "https") or not url.host:
        raise CommandError(f"the base URL must be http(s)://HOST[:PORT], got {shown!r}", EXIT_USAGE)
    if url.port is not None and not 1 <= url.port <= 65535:
        raise CommandError(f"the base URL has port {url.port}, outside 1..65535: {shown!r}", EXIT_USAGE)
    try:
        SyncControlPlaneClient(base_url).close()
    except ValueError as exc:
        raise CommandError(scrub(str(exc), [*secrets, url.password]), EXIT_USAGE) from None
    return shown


def _api_prefix_hint(base_url: str, secrets: Sequence[str | None]) -> None:
    url = URL(base_url)
    path = url.path.rstrip("/")
    if path.endswith(API_PREFIX):
        root = url.copy_with(path=path.removesuffix(API_PREFIX) or "/", query=None, fragment=None, userinfo=b"")
        print(
            f"{PROG}: hint: the base URL ends in {API_PREFIX}, which every request path already starts with;"
            f" if requests fail with HTTP 404, try --base-url {scrub(str(root).rstrip('/'), secrets)}",
            file=sys.stderr,
        )


def _check_loaded(data: DashboardData, target: _Target, what: str) -> None:
    """Turn a load that timed out, or failed for want of a connection or of credentials, into a `CommandError`."""
    late = [section for section, error in data.errors.items() if isinstance(error, DashboardTimeoutError)]
    if late:
        raise CommandError(
            f"timed out after {target.timeout:g} s waiting for {', '.join(late)} from {target.shown} ({what});"
            " a slow Control Plane may need a larger --timeout",
            EXIT_TIMEOUT,
        )
    for error in data.errors.values():
        if isinstance(error, AtlasAuthenticationError | AtlasAuthorizationError):
            raise CommandError(
                f"authentication failed at {target.shown} (HTTP {error.status_code}): check --api-key or ATLAS_API_KEY",
                EXIT_AUTH,
            )
    errors = list(data.errors.values())
    if errors and len(errors) == data.requests and all(isinstance(e, AtlasConnectionError) for e in errors):
        raise CommandError(
            f"cannot reach the Control Plane at {target.shown}: {describe_error(errors[0])}", EXIT_UNREACHABLE
        )


async def _timed(load: Callable[[], Awaitable[DashboardData]]) -> tuple[DashboardData, float]:
    start = time.perf_counter()
    data = await load()
    return data, time.perf_counter() - start


def _timed_sync(load: Callable[[], DashboardData]) -> tuple[DashboardData, float]:
    start = time.perf_counter()
    data = load()
    return data, time.perf_counter() - start


def _timing(concurrent: float, sequential: DashboardData, seconds: float) -> _Timing:
    return _Timing(concurrent, seconds, max(sequential.durations.values(), default=0.0))


async def _load_async(target: _Target, waiting: WaitingLine) -> tuple[DashboardData, _Timing]:
    async with target.async_client() as client:
        load = partial(fetch_dashboard, client, timeout=target.timeout, progress=waiting.update)
        _check_loaded(await load(), target, "async")  # also a warm-up: opens the connections
        data, concurrent = await _timed(load)
        _check_loaded(data, target, "async")
        sequential, seconds = await _timed(partial(load, concurrent=False))
        _check_loaded(sequential, target, "async, one after another")
        return data, _timing(concurrent, sequential, seconds)


def _load_sync(target: _Target, waiting: WaitingLine) -> tuple[DashboardData, _Timing]:
    with (
        target.sync_client() as client,
        ThreadRunner(max_workers=8) as runner,
    ):
        load = partial(fetch_dashboard_sync, client, runner, timeout=target.timeout, progress=waiting.update)
        _check_loaded(load(), target, "threads")  # warm-up: opens the connections
        data, concurrent = _timed_sync(load)
        _check_loaded(data, target, "threads")
        sequential, seconds = _timed_sync(partial(load, concurrent=False))
        _check_loaded(sequential, target, "threads, one after another")
        return data, _timing(concurrent, sequential, seconds)


def _timing_line(label: str, data: DashboardData, timing: _Timing) -> str:
    """How long the concurrent load took, next to its slowest section alone and to the same calls one
    after another; "N round trip(s)" is claimed only when the ratio shows it."""
    rounds = f"{data.round_trips} round trip{'s' if data.round_trips != 1 else ''}"
    ratio = round(timing.concurrent / timing.slowest_alone, 1) if timing.slowest_alone > 0 else math.inf
    verdict = rounds if ratio <= ROUND_TRIP_SLACK else f"more than {rounds}"  # judged on the ratio shown
    return (
        f"  {label:<40}{timing.concurrent:.3f} s = {ratio:.1f}x the slowest section alone: {verdict}"
        f" ({data.requests} requests at once); one after another: {timing.sequential:.3f} s"
        f" ({timing.sequential / timing.concurrent:.1f}x)"
    )


async def _run_patterns(target: _Target, faults: FaultInjector | None) -> None:
    async with target.async_client() as client:
        await run_patterns(client, print, faults, timeout=target.timeout)


def _run(target: _Target, faults: FaultInjector | None, patterns: bool) -> int:
    with WaitingLine(PROG, target.timeout) as waiting:
        data, async_timing = asyncio.run(_load_async(target, waiting))
        print(format_dashboard(data), end="\n\n")
        print("  Loading time (after a warm-up load):")
        print(_timing_line("ControlPlaneClient (async):", data, async_timing))
        sync_data, sync_timing = _load_sync(target, waiting)
        print(_timing_line("SyncControlPlaneClient + ThreadRunner:", sync_data, sync_timing))
    if patterns:
        try:
            asyncio.run(_run_patterns(target, faults))
        except TimeoutError as exc:
            raise CommandError(f"{exc} (--timeout {target.timeout:g})", EXIT_TIMEOUT) from None
    return EXIT_OK if data.ok and sync_data.ok else EXIT_PARTIAL


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
    try:
        from ..testing import FakeControlPlane
    except ImportError as exc:
        raise CommandError(
            f"the embedded fake Control Plane needs the 'testing' extra ({exc}): "
            "pip install 'atlas-control-plane-sdk[testing]', or pass --base-url",
            EXIT_USAGE,
        ) from None
    fake = FakeControlPlane(dataset="demo", latency=latency)
    with fake.serve() as base_url:
        ms = f"{latency * 1000:.0f} ms"
        print(f"Atlas dashboard: embedded fake Control Plane at {base_url} (demo dataset, {ms} latency)", flush=True)
        yield base_url, fake


def _command(args: argparse.Namespace, secrets: Sequence[str | None]) -> int:
    with _quiet_retries(args.verbose):
        base_url = args.base_url or os.environ.get("ATLAS_BASE_URL") or None
        if base_url:
            shown = _check_url(base_url, secrets)
            source = "" if args.base_url else " (from ATLAS_BASE_URL)"
            print(f"Atlas dashboard: connecting to {shown}{source}, timeout {args.timeout:g} s", flush=True)
            _api_prefix_hint(base_url, secrets)
            return _run(_Target(base_url, shown, args.api_key, args.timeout), None, not args.no_patterns)
        with _embedded_fake(args.latency) as (fake_url, fake):
            return _run(_Target(fake_url, fake_url, args.api_key, args.timeout), fake, not args.no_patterns)


def _fail_on_sdk_error(args: argparse.Namespace, secrets: Sequence[str | None]) -> int:
    try:
        return _command(args, secrets)
    except AtlasError as exc:
        raise CommandError(describe_error(exc), EXIT_PARTIAL) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    secrets = [args.api_key, *parser.secrets]
    return run_command(PROG, partial(_fail_on_sdk_error, args, secrets), secrets=secrets)
