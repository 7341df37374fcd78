"""The six patterns of the "Concurrent Operations" guide, run with the concurrency helpers, each printing
what it did. Against the embedded fake, faults are injected to show failures being handled; every
deliberate failure is labelled as such, and every claim printed is one the run measured."""

from __future__ import annotations

import asyncio
import socket
import time
import uuid
from collections.abc import Callable
from typing import Any, Protocol

from atlas_control_plane_client.models import AgentDefinitionRead

from ..clients import ControlPlaneClient
from ..concurrency import (
    AllFailedError,
    RateLimiter,
    fan_out,
    first_success,
    gather_all,
    gather_settled,
    map_in_chunks,
    with_timeout,
)
from ..pagination import paginate
from ._data import describe_error as describe
from ._data import fetch_dashboard

__all__ = ["FaultInjector", "run_patterns"]

Print = Callable[[str], None]


class FaultInjector(Protocol):
    """What the patterns need from the embedded fake to show failures (`FakeControlPlane` has it)."""

    def inject_status(self, status: int, *, operation: str | None = None, times: int | None = None) -> Any: ...
    def inject_hang(self, *, operation: str | None = None, times: int | None = None) -> Any: ...
    def reset_faults(self) -> None: ...


def unused_local_url() -> str:
    """A loopback URL where nothing listens (a port just freed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


class _Stopwatch:
    def __init__(self) -> None:
        self.start = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.start

    def __str__(self) -> str:
        return f"{self.seconds:.3f} s"


class _InFlight:
    """Counts calls in flight and the peak, around an async call."""

    def __init__(self) -> None:
        self.now = 0
        self.peak = 0

    async def run(self, call: Callable[[], Any]) -> Any:
        self.now += 1
        self.peak = max(self.peak, self.now)
        try:
            return await call()
        finally:
            self.now -= 1


async def run_patterns(
    client: ControlPlaneClient, out: Print, faults: FaultInjector | None = None, *, timeout: float | None = None
) -> None:
    """Run the six patterns against `client`; `faults` (the embedded fake) lets them show failures.

    `timeout` bounds each pattern: one still running then is cancelled and `TimeoutError` raised.
    """
    for number, pattern in enumerate(_PATTERNS, start=1):
        scope = asyncio.timeout(timeout)
        try:
            async with scope:
                await pattern(client, out, faults)
        except TimeoutError:
            if not scope.expired():
                raise
            raise TimeoutError(f"pattern {number} did not finish within {timeout:g} s") from None
        finally:
            if faults is not None:
                faults.reset_faults()


async def _gather(client: ControlPlaneClient, out: Print, faults: FaultInjector | None) -> None:
    out("\n=== Pattern 1: gather_settled: everything at once, every outcome kept ===")
    clock = _Stopwatch()
    data = await fetch_dashboard(client)
    out(
        f"  {data.requests} calls in {clock}: health={data.health_status}, classes={data.agent_class_count}, "
        f"definitions={data.definition_count}, providers={data.provider_count}, deployments={data.deployment_count}"
        " (true totals from X-Total-Count)"
    )
    if faults is not None:
        faults.inject_status(500, operation="list_model_providers", times=1)
        results = await gather_settled(health=client.health(), providers=client.list_model_providers(limit=1))
        out(
            f"  with an injected HTTP 500 on list_model_providers: health={results['health'].value.status}, "
            f"providers.ok={results['providers'].ok}, errors={ {k: describe(e) for k, e in results.errors.items()} }"
        )


async def _all_or_nothing(client: ControlPlaneClient, out: Print, faults: FaultInjector | None) -> None:
    out("\n=== Pattern 2: gather_all: all or nothing ===")
    clock = _Stopwatch()
    values = await gather_all(
        health=client.health,
        classes=lambda: client.list_agent_classes(limit=1),
        definitions=lambda: client.list_agent_definitions(limit=1),
    )
    out(f"  {len(values)} calls in {clock}: all succeeded")
    if faults is not None:
        faults.inject_status(500, operation="list_model_providers", times=1)
        faults.inject_hang(operation="list_deployments", times=1)
        clock = _Stopwatch()
        try:
            await gather_all(
                health=client.health,
                providers=lambda: client.list_model_providers(limit=1),
                deployments=lambda: client.list_deployments(limit=5),  # hangs: cancelled by the failure
            )
        except Exception as exc:
            out(
                "  with an injected HTTP 500 on list_model_providers and an injected hang on list_deployments,"
                f" after {clock}: {describe(exc)}"
            )
            notes = " ".join(getattr(exc, "__notes__", []))
            out(f"  raised: the first failure itself {notes}, not an ExceptionGroup; the hanging call was cancelled")


async def _fan_out(client: ControlPlaneClient, out: Print, faults: FaultInjector | None) -> None:
    out("\n=== Pattern 3: fan_out over every definition (paginated), at most 20 in flight ===")
    in_flight = _InFlight()

    async def analyze(definition: AgentDefinitionRead) -> dict[str, Any]:
        config = await in_flight.run(lambda: client.get_agent_definition_config(definition.id))
        return {"name": definition.name, "model": definition.model_name, "tools": len(config.tools or [])}

    clock = _Stopwatch()
    definitions = paginate(lambda limit, offset: client.list_agent_definitions(limit=limit, offset=offset), 100)
    outcomes = await fan_out(analyze, definitions, max_concurrency=20).collect()
    out(
        f"  Processed {len(outcomes)} definitions in {clock}: {len(outcomes.values)} ok, {len(outcomes.errors)} failed,"
        f" peak {in_flight.peak} in flight (bound 20); first: {outcomes.values[0] if outcomes.values else None}"
    )


async def _chunks(client: ControlPlaneClient, out: Print, faults: FaultInjector | None) -> None:
    out("\n=== Pattern 4: map_in_chunks (2 at a time, 0.1 s apart) and a rate limit ===")
    classes = await client.list_agent_classes(limit=100)
    ids = [c.id for c in classes] + [uuid.UUID(int=0)]  # deliberately, the last one does not exist
    clock = _Stopwatch()
    outcomes = await map_in_chunks(client.get_agent_class, ids, chunk_size=2, delay=0.1).collect()
    failed = ", ".join(f"#{o.index} ({o.item}): {describe(o.error)}" for o in outcomes.errors if o.error)
    out(
        f"  {len(outcomes.values)} of {len(ids)} classes fetched in {clock};"
        f" failed (the nil id, a deliberate 404): {failed or 'none'}"
    )
    clock = _Stopwatch()
    limited = await fan_out(
        client.get_agent_class, ids[:-1] * 3, max_concurrency=10, rate_limit=RateLimiter(20)
    ).collect()
    out(f"  {len(limited)} calls with RateLimiter(20 per second) took {clock} (at most one every 0.05 s)")


async def _first_success(client: ControlPlaneClient, out: Print, faults: FaultInjector | None) -> None:
    out("\n=== Pattern 5: first_success over redundant clients ===")
    hedge_delay = 0.2
    async with ControlPlaneClient(unused_local_url(), max_retries=0) as down:
        clock = _Stopwatch()
        health = await first_success([down.health, client.health], hedge_delay=hedge_delay)
        elapsed = clock.seconds
        out(
            f"  primary {down.base_url} is down (deliberately: nothing listens there);"
            f" the backup answered {health.status!r} after {elapsed:.3f} s"
        )
        if elapsed < hedge_delay:
            out(
                "  (the primary's failure did not end the race: it started the backup"
                f" before the {hedge_delay} s hedge delay)"
            )
        try:
            await first_success([down.health, down.health])
        except AllFailedError as exc:
            out(f"  both down (deliberately): {type(exc).__name__}: {' '.join(str(exc).split())}")


async def _timeouts(client: ControlPlaneClient, out: Print, faults: FaultInjector | None) -> None:
    out("\n=== Pattern 6: with_timeout per operation, with defaults ===")
    if faults is not None:
        faults.inject_hang(operation="list_deployments", times=1)
    limits = {"health": 5.0, "classes": 10.0, "deployments": 0.3}
    clock = _Stopwatch()
    results = await gather_all(
        health=with_timeout(lambda t: client.health(timeout=t), limits["health"], default=None),
        classes=with_timeout(
            lambda t: client.list_agent_classes(limit=100, timeout=t), limits["classes"], default=None
        ),
        deployments=with_timeout(
            lambda t: client.list_deployments(limit=5, timeout=t), limits["deployments"], default=None
        ),
    )
    shown = [
        f"{name}=None (the default: no answer within {limits[name]:g} s)"
        if value is None
        else f"{name}={value.status if name == 'health' else len(value)}"
        for name, value in results.items()
    ]
    injected = "; list_deployments hangs because of an injected fault" if faults is not None else ""
    out(f"  in {clock}: {', '.join(shown)}{injected}")


_PATTERNS = (_gather, _all_or_nothing, _fan_out, _chunks, _first_success, _timeouts)
