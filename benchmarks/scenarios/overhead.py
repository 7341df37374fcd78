"""Scenario 4: client overhead with no network (an `httpx.MockTransport` answering canned bodies):
microseconds per call for our client, the bare generated client and raw httpx + `.json()`.

All three run over the same transport, so the ratio is our layer (arguments, attempt loop, decode, checks)
against the generated client's; a client given `transport=` takes the httpx path, whatever its default engine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from uuid import UUID

import httpx

from atlas_control_plane_client import AuthenticatedClient
from atlas_control_plane_client.api.agent_definitions import get_agent_definition, list_agent_definitions
from atlas_control_plane_client.models import AgentDefinitionRead
from atlas_extras import SyncControlPlaneClient

from ..canned import canned_bodies, mock_transport
from ..peers import definition_url, page_url
from ..profiling import breakdown
from ..report import Row, Target
from ..rows import Comparison
from ..timing import Trial, interleave
from . import Context, Scenario

TITLE = "4 overhead"
GET_TARGET = Target("ratio", "<=", 1.15)
LIST_TARGET = Target("ratio", "<=", 0.6)
BASE_URL = "http://control-plane.bench"
API_KEY = "sk-bench"
WARM_UP = 20
OURS, GENERATED, RAW = "ours", "generated sync()", "raw httpx + .json()"


def _per_call(call: Callable[[], object], calls: int) -> Trial[float]:
    """A trial: microseconds per call over `calls` calls (after a few untimed ones)."""

    def trial() -> float:
        for _ in range(WARM_UP):
            call()
        started = time.perf_counter()
        for _ in range(calls):
            call()
        return (time.perf_counter() - started) / calls * 1e6

    return trial


def _expect(value: object, kind: type) -> object:
    if not isinstance(value, kind):
        raise AssertionError(f"expected {kind.__name__}, got {type(value).__name__}")
    return value


def run(context: Context) -> list[Row]:
    sizes = context.sizes
    bodies = canned_bodies(sizes.page_size)
    transport = mock_transport(bodies)
    definition_id = UUID(httpx.Response(200, content=bodies.one).json()["id"])
    auth = {"Authorization": f"Bearer {API_KEY}"}
    ours = SyncControlPlaneClient(BASE_URL, api_key=API_KEY, transport=transport)
    generated = AuthenticatedClient(base_url=BASE_URL, token=API_KEY, httpx_args={"transport": transport})
    raw = httpx.Client(transport=transport, headers=auth)
    size = sizes.page_size
    gets: dict[str, Callable[[], object]] = {
        OURS: lambda: ours.get_agent_definition(definition_id),
        GENERATED: lambda: _expect(get_agent_definition.sync(definition_id, client=generated), AgentDefinitionRead),
        RAW: lambda: raw.get(definition_url(BASE_URL, definition_id)).raise_for_status().json(),
    }
    lists: dict[str, Callable[[], object]] = {
        OURS: lambda: ours.list_agent_definitions(limit=size),
        GENERATED: lambda: _expect(list_agent_definitions.sync(client=generated, limit=size), list),
        RAW: lambda: raw.get(page_url(BASE_URL, size, 0)).raise_for_status().json(),
    }
    comparison = Comparison(
        TITLE, "us/call", peers=(GENERATED, RAW), reference=(GENERATED,), ratio_of="of generated", better="lower"
    )
    rows = []
    with ours, generated.get_httpx_client(), raw:
        for measure, calls, count, target in (
            ("get one object", gets, sizes.overhead_get_calls, GET_TARGET),
            (f"list a {size}-item page", lists, sizes.overhead_list_calls, LIST_TARGET),
        ):
            trials = {name: _per_call(call, count) for name, call in calls.items()}
            samples = interleave(trials, sizes.repeats, sizes.deadline)
            rows.append(comparison.row(samples, OURS, measure=measure, target=target))
            context.notes[f"profile of ours, {measure}"] = breakdown(calls[OURS], count)
    return rows


SCENARIO = Scenario("overhead", "Client overhead, no network", None, run)
