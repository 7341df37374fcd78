"""Injected faults: error statuses, latency, hangs, dropped connections, malformed bodies; seeded and resettable."""

from __future__ import annotations

import asyncio
import json
import time

import httpx
import pytest

from atlas_extras.testing import DroppedConnection, FakeControlPlane, parse_duration, parse_fault, seed_id

from .conftest import API

CLASSES = f"{API}/agent-classes"


async def test_fail_twice_then_succeed(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    fault = fake.inject_status(503, operation="list_agent_classes", times=2)
    answers = [await client.get(CLASSES) for _ in range(3)]
    assert [a.status_code for a in answers] == [503, 503, 200]
    assert answers[0].json() == {"detail": "Service Unavailable"}
    assert answers[0].headers["Retry-After"] == "0"
    assert answers[0].headers["X-Fake-Fault"] == "503"
    assert answers[0].headers["X-Request-ID"]
    assert fault.fired == 2
    assert fake.stats.faults["503"] == 2
    assert fake.stats.statuses["list_agent_classes"] == {503: 2, 200: 1}


@pytest.mark.parametrize(
    ("status", "retry_after", "header"),
    [(429, 7, "7"), (503, 0, "0"), (503, None, None), (500, 7, None), (502, 0, None)],
)
async def test_retry_after_comes_with_429_and_503(
    fake: FakeControlPlane, client: httpx.AsyncClient, status: int, retry_after: int | None, header: str | None
) -> None:
    fake.inject_status(status, retry_after=retry_after)
    response = await client.get(f"{API}/health")
    assert response.status_code == status
    assert response.headers.get("Retry-After") == header


async def test_an_operation_fault_leaves_other_operations_alone(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    fake.inject_status(500, operation="get_tool")
    assert (await client.get(f"{API}/tools/{seed_id('tool', 'shell.run')}")).status_code == 500
    assert (await client.get(f"{API}/tools")).status_code == 200
    fake.inject_status(502, times=1)  # global: the next request of any operation
    assert (await client.get(f"{API}/tools")).status_code == 502
    assert (await client.get(f"{API}/tools")).status_code == 200


async def test_a_faulted_create_changes_nothing(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    fake.inject_status(503, operation="create_agent_class", times=1)
    assert (await client.post(CLASSES, json={"name": "x"})).status_code == 503
    assert (await client.get(CLASSES)).headers["X-Total-Count"] == "4"


async def _pattern(fake: FakeControlPlane, count: int = 40) -> list[int]:
    async with fake.async_client() as client:
        return [(await client.get(f"{API}/health")).status_code for _ in range(count)]


async def test_rates_are_reproducible_from_the_seed() -> None:
    fakes = [FakeControlPlane(seed=seed) for seed in (3, 3, 4)]
    for fake in fakes:
        fake.inject_status(500, rate=0.3)
    first, same, other = [await _pattern(fake) for fake in fakes]
    assert first == same
    assert first != other
    assert 4 <= first.count(500) <= 20
    fakes[0].reset_faults()
    fakes[0].inject_status(500, rate=0.3)
    assert await _pattern(fakes[0]) == first


async def test_latency_is_added_and_an_operation_rule_beats_the_global_one(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    fake.inject_latency(0.3)
    fake.inject_latency(0.0, operation="health")
    started = time.perf_counter()
    await client.get(f"{API}/health")
    assert time.perf_counter() - started < 0.25
    started = time.perf_counter()
    await client.get(f"{API}/metrics")
    assert time.perf_counter() - started >= 0.3


async def test_the_constructor_latency_jitters_and_survives_reset_faults() -> None:
    fake = FakeControlPlane(latency=0.03, jitter=0.02)
    fake.inject_status(500)
    fake.reset_faults()
    async with fake.async_client() as client:
        durations = []
        for _ in range(6):
            started = time.perf_counter()
            assert (await client.get(f"{API}/health")).status_code == 200
            durations.append(time.perf_counter() - started)
    assert min(durations) >= 0.01
    assert max(durations) - min(durations) > 0.002
    assert [fault.kind for fault in fake.faults] == ["latency"]


async def test_a_hang_in_process_lasts_until_the_caller_gives_up_or_it_is_released(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    fake.inject_hang(operation="health", times=2)
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(client.get(f"{API}/health"), 0.1)
    pending = asyncio.ensure_future(client.get(f"{API}/health"))
    for _ in range(200):  # until the request reaches the fake and hangs there
        if fake.stats.in_flight:
            break
        await asyncio.sleep(0.01)
    assert fake.release_hangs() == 1
    released = await pending
    assert (released.status_code, released.headers["X-Fake-Fault"]) == (503, "hang")
    assert (await client.get(f"{API}/health")).status_code == 200


def test_a_hang_over_loopback_times_the_client_out(fake_control_plane: FakeControlPlane) -> None:
    fake_control_plane.inject_hang(operation="get_agent_class", times=1)
    url = f"{fake_control_plane.base_url}{CLASSES}/{seed_id('class', 'test-writer')}"
    with httpx.Client(timeout=0.2) as client:
        with pytest.raises(httpx.ReadTimeout):
            client.get(url)
        assert client.get(url).status_code == 200
    deadline = time.monotonic() + 2
    while fake_control_plane.stats.in_flight and time.monotonic() < deadline:
        time.sleep(0.01)  # the server notices the client went away
    assert fake_control_plane.stats.in_flight == 0


def test_a_dropped_connection_is_a_transport_error_after_the_change_was_made(
    fake_control_plane: FakeControlPlane,
) -> None:
    fake_control_plane.inject_drop(operation="create_agent_class", times=1)
    with httpx.Client(base_url=fake_control_plane.base_url) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            client.post(CLASSES, json={"name": "Lost answer"})
        names = [c["name"] for c in client.get(CLASSES).json()]
        assert "Lost answer" in names
        deleted = client.delete(f"{CLASSES}/{client.get(CLASSES).json()[-1]['id']}")
        assert deleted.status_code == 204


async def test_a_dropped_connection_in_process(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    fake.inject_drop(times=1)
    with pytest.raises(httpx.RemoteProtocolError) as caught:
        await client.get(CLASSES)
    assert isinstance(caught.value, DroppedConnection)
    assert (await client.get(CLASSES)).status_code == 200


@pytest.mark.parametrize("kind", ["non_json", "truncated_json"])
async def test_bodies_that_are_not_json(fake: FakeControlPlane, client: httpx.AsyncClient, kind: str) -> None:
    intact = (await client.get(CLASSES)).content
    fake.inject_malformed(kind, operation="list_agent_classes")  # type: ignore[arg-type]
    response = await client.get(CLASSES)
    assert (response.status_code, response.headers["content-type"]) == (200, "application/json")
    assert int(response.headers["content-length"]) == len(response.content)
    with pytest.raises(json.JSONDecodeError):
        response.json()
    if kind == "truncated_json":
        assert intact.startswith(response.content)


async def test_an_html_error_page_with_status_200(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    fake.inject_malformed("html", operation="create_agent_class")
    response = await client.post(CLASSES, json={"name": "behind a proxy"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "502 Bad Gateway" in response.text


async def test_wrong_types_and_missing_fields_hit_the_first_item(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    intact = (await client.get(CLASSES)).json()
    fake.inject_malformed("wrong_types", operation="list_agent_classes", times=1)
    damaged = (await client.get(CLASSES)).json()
    assert damaged[0]["id"] == 12345
    assert damaged[1:] == intact[1:]
    fake.inject_malformed("missing_field", operation="get_agent_class", times=1)
    one = (await client.get(f"{CLASSES}/{intact[0]['id']}")).json()
    assert "id" not in one
    assert one["name"] == intact[0]["name"]


async def test_an_enum_value_from_a_newer_server(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    fake.inject_malformed("unknown_enum", operation="list_agent_definitions", times=1)
    definitions = (await client.get(f"{API}/agent-definitions")).json()
    assert definitions[0]["status"] == "archived_by_newer_server"
    assert {d["status"] for d in definitions[1:]} <= {"draft", "published", "deprecated"}
    fake.inject_malformed("unknown_enum", operation="get_plan", times=1)
    plan = (await client.get(f"{API}/plans/{seed_id('plan', 'pr-1423')}")).json()
    assert plan["status"] == "ARCHIVED_BY_NEWER_SERVER"  # upper case, like the plan statuses


async def test_malformations_spare_errors_and_bodiless_answers(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    fault = fake.inject_malformed("non_json", times=1)
    missing = await client.get(f"{CLASSES}/00000000-0000-4000-8000-000000000000")
    assert missing.json() == {"detail": "Agent class 00000000-0000-4000-8000-000000000000 not found"}
    assert fault.fired == 0
    with pytest.raises(ValueError, match="no suitable field"):
        fake.inject_malformed("unknown_enum", operation="get_agent_class")
    with pytest.raises(ValueError, match="no suitable field"):
        fake.inject_malformed("wrong_types", operation="delete_tool")


async def test_faults_from_text(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    fake.inject("429:1.0,op=list_tools,times=1,retry_after=2")
    fake.inject("latency=20ms,jitter=5ms,op=health")
    limited = await client.get(f"{API}/tools")
    assert (limited.status_code, limited.headers["Retry-After"]) == (429, "2")
    assert [(f.kind, f.operation, f.latency, f.jitter) for f in fake.faults][1] == ("latency", "health", 0.02, 0.005)
    assert parse_fault("drop:0.25") == {"kind": "drop", "rate": 0.25}
    assert parse_fault("truncated_json,times=3")["malformed"] == "truncated_json"
    assert parse_duration("50ms") == parse_duration("0.05s") == parse_duration("0.05") == 0.05
    for bad in ("teapot", "503,colour=red", "latency=fast"):
        with pytest.raises(ValueError, match=r"fault|duration"):
            fake.inject(bad)


async def test_bad_fault_arguments_are_refused(fake: FakeControlPlane) -> None:
    with pytest.raises(ValueError, match="unknown operation"):
        fake.inject_status(503, operation="list_agents")
    with pytest.raises(ValueError, match="between 0 and 1"):
        fake.inject_hang(rate=1.5)
    with pytest.raises(ValueError, match="error status"):
        fake.inject_status(200)
    with pytest.raises(ValueError, match="unknown malformation"):
        fake.inject_malformed("gibberish")  # type: ignore[arg-type]


async def test_cancel_and_reset_remove_faults(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    fault = fake.inject_status(500)
    assert (await client.get(f"{API}/health")).status_code == 500
    fault.cancel()
    assert (await client.get(f"{API}/health")).status_code == 200
    fake.inject_status(500)
    fake.reset_faults()
    assert fake.faults == []
    assert (await client.get(f"{API}/health")).status_code == 200
