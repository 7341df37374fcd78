"""The seed data: deterministic, valid against the contract, resettable, and big on demand."""

from __future__ import annotations

import time

import httpx
import pytest

from atlas_extras.testing import FakeControlPlane, seed_id

from .conftest import API, OPERATIONS, assert_conforms

PATH_IDS = {
    "deployment_id": seed_id("deployment", "review-bot-prod"),
    "plan_id": seed_id("plan", "pr-1431"),
    "provider_id": seed_id("provider", "anthropic"),
}


async def test_the_demo_dataset_is_stable(client: httpx.AsyncClient) -> None:
    classes = (await client.get(f"{API}/agent-classes")).json()
    assert [c["id"] for c in classes][:2] == [seed_id("class", "code-reviewer"), seed_id("class", "test-writer")]
    assert classes[0]["created_at"] == "2025-01-01T00:00:04.000000Z"
    other = FakeControlPlane()
    async with other.async_client() as again:
        assert (await again.get(f"{API}/agent-classes")).json() == classes


@pytest.mark.parametrize(
    "operation_id",
    sorted(op for op, (method, _, _) in OPERATIONS.items() if method == "GET" and op.startswith(("list_", "query_"))),
)
async def test_every_seeded_row_conforms_to_the_contract(client: httpx.AsyncClient, operation_id: str) -> None:
    _, template, _ = OPERATIONS[operation_id]
    response = await client.get(template.format(**PATH_IDS), params={"limit": 1000})  # ignored where not a parameter
    assert response.status_code == 200
    assert response.json()
    assert_conforms(operation_id, response.json())


async def test_seeded_plans_tasks_and_analyses_read_back_whole(client: httpx.AsyncClient) -> None:
    for key in ("pr-1423", "pr-1431", "canary-report", "release-notes", "alert-routing"):
        plan = (await client.get(f"{API}/plans/{seed_id('plan', key)}")).json()
        assert_conforms("get_plan", plan)
    statuses = [
        (await client.get(f"{API}/plans/{seed_id('plan', k)}")).json()["status"]
        for k in ("pr-1431", "canary-report", "release-notes", "alert-routing")
    ]
    assert statuses == ["ACTIVE", "FAILED", "DRAFT", "CANCELLED"]
    for key in ("prod-1", "staging-1", "dev-1", "canary-1"):
        assert_conforms(
            "get_grasp_analysis", (await client.get(f"{API}/grasp-analyses/{seed_id('analysis', key)}")).json()
        )
    task = (await client.get(f"{API}/tasks/{seed_id('task', 'pr-1431:1')}")).json()
    assert (task["status"], task["assignee_agent_name"]) == ("IN_PROGRESS", "Code Reviewer 1")


async def test_created_ids_follow_the_seed() -> None:
    async def created_id(seed: int) -> str:
        fake = FakeControlPlane(seed=seed)
        async with fake.async_client() as client:
            return str((await client.post(f"{API}/agent-classes", json={"name": "n"})).json()["id"])

    assert await created_id(5) == await created_id(5)
    assert await created_id(5) != await created_id(6)


async def test_reset_restores_data_faults_statistics_and_clock(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    before = (await client.get(f"{API}/agent-classes")).json()
    await client.post(f"{API}/agent-classes", json={"name": "temporary"})
    await client.delete(f"{API}/system-prompts/{seed_id('prompt', 'reviewer-v1')}")
    fake.inject_status(500, operation="get_system_prompt")
    fake.advance(60)
    fake.reset()
    assert (fake.stats.total, fake.faults) == (0, [])
    assert fake.now() == pytest.approx(time.time(), abs=1)
    assert (await client.get(f"{API}/agent-classes")).json() == before
    assert (await client.get(f"{API}/system-prompts/{seed_id('prompt', 'reviewer-v1')}")).status_code == 200


async def test_the_empty_dataset_and_bad_choices() -> None:
    empty = FakeControlPlane(dataset="empty")
    async with empty.async_client() as client:
        listed = await client.get(f"{API}/agent-definitions")
        assert (listed.json(), listed.headers["X-Total-Count"]) == ([], "0")
    with pytest.raises(ValueError, match="unknown dataset"):
        FakeControlPlane(dataset="huge")
    with pytest.raises(ValueError, match="needs the demo dataset"):
        FakeControlPlane(dataset="empty", definitions=10)


async def test_ten_thousand_definitions_build_fast_and_page_by_a_hundred() -> None:
    started = time.perf_counter()
    fake = FakeControlPlane(definitions=10_000)
    assert time.perf_counter() - started < 1.0
    seen: list[str] = []
    async with fake.async_client() as client:
        started = time.perf_counter()
        for offset in range(0, 10_000, 100):
            page = await client.get(f"{API}/agent-definitions", params={"limit": 100, "offset": offset})
            assert page.headers["X-Total-Count"] == "10000"
            seen += [d["id"] for d in page.json()]
        elapsed = time.perf_counter() - started
        drafts = await client.get(f"{API}/agent-definitions", params={"status": "draft", "limit": 1})
    assert len(seen) == len(set(seen)) == 10_000
    assert seen[0] == seed_id("definition", 0)
    assert elapsed < 5  # 100 pages of 100 (about 0.5 s here)
    assert drafts.headers["X-Total-Count"] == "2000"
