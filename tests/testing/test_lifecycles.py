"""Statuses that move on their own, on the fake's clock (advanced by the tests instead of sleeping)."""

from __future__ import annotations

from typing import Any

import httpx

from atlas_extras.testing import FAKE_OUTCOME_KEY, FakeControlPlane, seed_id

from .conftest import API

DEFINITION = seed_id("definition", 0)
DEPLOYMENT = seed_id("deployment", "review-bot-prod")
STEP = 1.0  # the `fake` fixture's lifecycle_step
TICK = STEP + 0.01


def task(name: str, **extra: Any) -> dict[str, Any]:
    return {"description": name, "validation": f"{name} is done", **extra}


async def statuses(client: httpx.AsyncClient, plan_id: str) -> tuple[str, list[str]]:
    plan = (await client.get(f"{API}/plans/{plan_id}")).json()
    return plan["status"], [t["status"] for t in plan["tasks"]]


async def test_a_deployment_spawns_then_becomes_active(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    created = (await client.post(f"{API}/deployments", json={"agent_definition_id": DEFINITION, "name": "d"})).json()
    url = f"{API}/deployments/{created['id']}"
    assert (await client.get(url)).json()["status"] == "spawning"
    fake.advance(TICK)
    active = (await client.get(url)).json()
    assert active["status"] == "active"
    assert active["updated_at"] > created["updated_at"]
    listed = await client.get(f"{API}/deployments", params={"active_only": "true"})
    assert created["id"] in [d["id"] for d in listed.json()]


async def test_a_marked_deployment_fails(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    body = {"agent_definition_id": DEFINITION, "name": "doomed", "config": {FAKE_OUTCOME_KEY: "failed"}}
    created = (await client.post(f"{API}/deployments", json=body)).json()
    fake.advance(TICK)
    assert (await client.get(f"{API}/deployments/{created['id']}")).json()["status"] == "failed"


async def test_a_patched_status_stays(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    created = (await client.post(f"{API}/deployments", json={"agent_definition_id": DEFINITION, "name": "d"})).json()
    url = f"{API}/deployments/{created['id']}"
    assert (await client.patch(url, json={"status": "completed"})).json()["status"] == "completed"
    fake.advance(10 * STEP)
    assert (await client.get(url)).json()["status"] == "completed"
    renamed = await client.patch(url, json={"name": "renamed"})
    assert renamed.json()["status"] == "completed"


async def test_plan_tasks_run_one_after_another(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    plan = (
        await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json={"goal": "g", "tasks": [task("a"), task("b")]})
    ).json()
    seen = [await statuses(client, plan["id"])]
    for _ in range(3):
        fake.advance(TICK)
        seen.append(await statuses(client, plan["id"]))
    assert seen == [
        ("ACTIVE", ["PENDING", "PENDING"]),
        ("ACTIVE", ["IN_PROGRESS", "PENDING"]),
        ("ACTIVE", ["COMPLETED", "IN_PROGRESS"]),
        ("COMPLETED", ["COMPLETED", "COMPLETED"]),
    ]
    finished = (await client.get(f"{API}/tasks/{plan['task_ids'][1]}")).json()
    assert finished["result"] == "Completed."
    completed = await client.get(f"{API}/deployments/{DEPLOYMENT}/plans", params={"status": "COMPLETED"})
    assert plan["id"] in [p["id"] for p in completed.json()]


async def test_appended_tasks_queue_after_the_running_ones(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    plan = (await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json={"goal": "g", "tasks": [task("a")]})).json()
    appended = await client.post(f"{API}/plans/{plan['id']}/tasks", json={"tasks": [task("b")]})
    assert appended.status_code == 201
    fake.advance(2 * TICK)
    assert await statuses(client, plan["id"]) == ("ACTIVE", ["COMPLETED", "IN_PROGRESS"])
    fake.advance(TICK)
    assert await statuses(client, plan["id"]) == ("COMPLETED", ["COMPLETED", "COMPLETED"])


async def test_a_draft_plan_starts_when_it_gets_tasks(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    plan = (await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json={"goal": "later"})).json()
    fake.advance(5 * STEP)
    assert await statuses(client, plan["id"]) == ("DRAFT", [])
    await client.post(f"{API}/plans/{plan['id']}/tasks", json={"tasks": [task("a")]})
    assert await statuses(client, plan["id"]) == ("ACTIVE", ["PENDING"])
    fake.advance(2 * TICK)
    assert await statuses(client, plan["id"]) == ("COMPLETED", ["COMPLETED"])


async def test_a_failing_task_fails_the_plan_and_skips_the_rest(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    tasks = [task("a"), task("b", meta={FAKE_OUTCOME_KEY: "failed"}), task("c")]
    plan = (await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json={"goal": "g", "tasks": tasks})).json()
    fake.advance(2 * TICK)
    assert await statuses(client, plan["id"]) == ("ACTIVE", ["COMPLETED", "IN_PROGRESS", "PENDING"])
    fake.advance(TICK)
    assert await statuses(client, plan["id"]) == ("FAILED", ["COMPLETED", "FAILED", "SKIPPED"])
    failed = (await client.get(f"{API}/tasks/{plan['task_ids'][1]}")).json()
    assert failed["result"].startswith("Failed")
    again = await client.post(f"{API}/plans/{plan['id']}/tasks", json={"tasks": [task("d")]})
    assert again.status_code == 409


async def test_a_configured_failure_rate_is_reproducible() -> None:
    async def outcomes(seed: int) -> list[str]:
        fake = FakeControlPlane(lifecycle_step=0, failure_rate=0.5, seed=seed)
        async with fake.async_client() as client:
            body = {"goal": "g", "tasks": [task(str(i)) for i in range(1)]}
            found = []
            for _ in range(12):
                plan = (await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json=body)).json()
                found.append((await client.get(f"{API}/plans/{plan['id']}")).json()["status"])
            return found

    first, again, other = await outcomes(1), await outcomes(1), await outcomes(2)
    assert first == again
    assert set(first) == {"COMPLETED", "FAILED"}
    assert other != first


async def test_a_task_moved_by_hand_takes_the_plan_off_autopilot(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    plan = (
        await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json={"goal": "g", "tasks": [task("a"), task("b")]})
    ).json()
    first, second = plan["task_ids"]
    fake.advance(TICK)
    moved = await client.patch(f"{API}/tasks/{second}", json={"status": "IN_PROGRESS"})
    assert moved.json()["status"] == "IN_PROGRESS"
    fake.advance(10 * STEP)
    assert await statuses(client, plan["id"]) == ("ACTIVE", ["IN_PROGRESS", "IN_PROGRESS"])
    for task_id in (first, second):
        await client.patch(f"{API}/tasks/{task_id}", json={"status": "COMPLETED", "result": "by hand"})
    assert await statuses(client, plan["id"]) == ("COMPLETED", ["COMPLETED", "COMPLETED"])


async def test_a_cancelled_plan_skips_what_is_left(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    plan = (
        await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json={"goal": "g", "tasks": [task("a"), task("b")]})
    ).json()
    fake.advance(2 * TICK)
    cancelled = await client.patch(f"{API}/plans/{plan['id']}", json={"status": "CANCELLED"})
    assert cancelled.json()["status"] == "CANCELLED"
    fake.advance(10 * STEP)
    assert await statuses(client, plan["id"]) == ("CANCELLED", ["COMPLETED", "SKIPPED"])


async def test_a_grasp_analysis_runs_to_scores(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    created = (await client.post(f"{API}/deployments/{DEPLOYMENT}/grasp-analyses", json={})).json()
    assert created["status"] == "pending"
    assert created["governance_value"] is None
    url = f"{API}/grasp-analyses/{created['id']}"
    fake.advance(TICK)
    assert (await client.get(url)).json()["status"] == "in_progress"
    fake.advance(TICK)
    done = (await client.get(url)).json()
    assert done["status"] == "completed"
    assert all(
        0 <= done[f"{d}_value"] <= 100 for d in ("governance", "reach", "agency", "safeguards", "potential_damage")
    )
    assert done["completed_at"] is not None
    summaries = await client.get(f"{API}/deployments/{DEPLOYMENT}/grasp-analyses", params={"status": "completed"})
    assert created["id"] in [s["id"] for s in summaries.json()]
    marked = {"analysis_context": {FAKE_OUTCOME_KEY: "failed"}}
    failing = (await client.post(f"{API}/deployments/{DEPLOYMENT}/grasp-analyses", json=marked)).json()
    fake.advance(2 * TICK)
    failed = (await client.get(f"{API}/grasp-analyses/{failing['id']}")).json()
    assert (failed["status"], failed["governance_value"]) == ("failed", None)
    assert failed["error_message"]


async def test_step_zero_finishes_at_once_and_none_never_moves() -> None:
    for step, expected in ((0.0, "COMPLETED"), (None, "ACTIVE")):
        fake = FakeControlPlane(lifecycle_step=step)
        async with fake.async_client() as client:
            plan = (
                await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json={"goal": "g", "tasks": [task("a")]})
            ).json()
            fake.advance(3600)
            assert (await client.get(f"{API}/plans/{plan['id']}")).json()["status"] == expected


# ---- saving whole objects back: a PATCH that repeats the current values moves nothing -------------------------

PLAN_FIELDS = ("goal", "constraints", "state", "status", "spec_reference")  # PlanUpdate
TASK_FIELDS = ("sequence", "description", "validation", "assignee_agent_definition_id", "status", "result", "meta")


async def save_whole(client: httpx.AsyncClient, url: str, fields: tuple[str, ...]) -> dict[str, Any]:
    """What a client that saves whole objects does: read the object, PATCH every updatable field back."""
    current = (await client.get(url)).json()
    saved = await client.patch(url, json={name: current[name] for name in fields})
    assert saved.status_code == 200, saved.text
    body: dict[str, Any] = saved.json()
    return body


async def test_saving_a_whole_plan_back_keeps_it_running_to_completion(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    body = {"goal": "g", "tasks": [task("a"), task("b")]}
    plan = (await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json=body)).json()
    url = f"{API}/plans/{plan['id']}"
    seen = []
    for _ in range(3):
        seen.append((await save_whole(client, url, PLAN_FIELDS))["status"])
        fake.advance(TICK)
    assert seen == ["ACTIVE", "ACTIVE", "ACTIVE"]
    assert await statuses(client, plan["id"]) == ("COMPLETED", ["COMPLETED", "COMPLETED"])
    assert (await save_whole(client, url, PLAN_FIELDS))["status"] == "COMPLETED"


async def test_saving_a_whole_task_back_keeps_its_plan_running(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    body = {"goal": "g", "tasks": [task("a"), task("b")]}
    plan = (await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json=body)).json()
    first, second = (f"{API}/tasks/{task_id}" for task_id in plan["task_ids"])
    assert (await save_whole(client, first, TASK_FIELDS))["status"] == "PENDING"
    fake.advance(TICK)
    assert (await save_whole(client, first, TASK_FIELDS))["status"] == "IN_PROGRESS"
    assert (await save_whole(client, second, TASK_FIELDS))["status"] == "PENDING"
    fake.advance(2 * TICK)
    assert await statuses(client, plan["id"]) == ("COMPLETED", ["COMPLETED", "COMPLETED"])


async def test_a_real_change_of_plan_status_or_task_sequence_still_takes_over(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    body = {"goal": "g", "tasks": [task("a"), task("b")]}
    by_status = (await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json=body)).json()
    assert (await client.patch(f"{API}/plans/{by_status['id']}", json={"status": "FAILED"})).json()[
        "status"
    ] == "FAILED"
    by_sequence = (await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json=body)).json()
    moved = await client.patch(f"{API}/tasks/{by_sequence['task_ids'][0]}", json={"sequence": 5})
    assert moved.json()["sequence"] == 5
    fake.advance(10 * STEP)
    assert await statuses(client, by_status["id"]) == ("FAILED", ["PENDING", "PENDING"])
    assert await statuses(client, by_sequence["id"]) == ("ACTIVE", ["PENDING", "PENDING"])


async def test_saving_a_whole_spawning_deployment_back_lets_it_become_active(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    created = (await client.post(f"{API}/deployments", json={"agent_definition_id": DEFINITION, "name": "d"})).json()
    url = f"{API}/deployments/{created['id']}"
    fields = ("name", "description", "spec_md_path", "environment", "status", "config", "project_context")
    assert (await save_whole(client, url, fields))["status"] == "spawning"
    fake.advance(TICK)
    assert (await client.get(url)).json()["status"] == "active"


# ---- agent instances ------------------------------------------------------------------------------------------

STATEFUL_DEFINITION = seed_id("definition", 2)  # the demo dataset's definitions cycle ephemeral, ephemeral, stateful


async def instances_of(client: httpx.AsyncClient, deployment_id: str, **params: str) -> list[dict[str, Any]]:
    response = await client.get(f"{API}/instances", params={"deployment_id": deployment_id, **params})
    assert int(response.headers["X-Total-Count"]) == len(response.json())
    found: list[dict[str, Any]] = response.json()
    return found


async def test_a_new_deployment_starts_an_instance_that_spawns_runs_and_completes(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    deployment = (await client.post(f"{API}/deployments", json={"agent_definition_id": DEFINITION, "name": "d"})).json()
    (instance,) = await instances_of(client, deployment["id"])
    url = f"{API}/instances/{instance['id']}"
    assert (instance["status"], instance["started_at"], instance["agent_definition_id"]) == (
        "spawning",
        None,
        DEFINITION,
    )
    fake.advance(TICK)
    active = (await client.get(url)).json()
    assert (active["status"], active["completed_at"]) == ("active", None)
    assert active["started_at"] is not None
    assert [i["id"] for i in await instances_of(client, deployment["id"], status="active")] == [instance["id"]]
    assert await instances_of(client, deployment["id"], status="spawning") == []
    fake.advance(TICK)  # an ephemeral definition: its instance finishes its work
    done = (await client.get(url)).json()
    assert (done["status"], done["exit_code"]) == ("completed", 0)
    assert done["completed_at"] > done["started_at"]
    assert done["output"]


async def test_an_instance_of_a_stateful_definition_stays_active(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    body = {"agent_definition_id": STATEFUL_DEFINITION, "name": "resident"}
    deployment = (await client.post(f"{API}/deployments", json=body)).json()
    fake.advance(10 * STEP)
    assert [i["status"] for i in await instances_of(client, deployment["id"])] == ["active"]
    plan = (await client.post(f"{API}/deployments/{deployment['id']}/plans", json={"goal": "g"})).json()
    assert plan["created_by_instance_id"] == (await instances_of(client, deployment["id"]))[0]["id"]


async def test_the_instance_of_a_failing_deployment_fails_with_it(
    fake: FakeControlPlane, client: httpx.AsyncClient
) -> None:
    body = {"agent_definition_id": DEFINITION, "name": "doomed", "config": {FAKE_OUTCOME_KEY: "failed"}}
    deployment = (await client.post(f"{API}/deployments", json=body)).json()
    fake.advance(TICK)
    (instance,) = await instances_of(client, deployment["id"], status="failed")
    assert (instance["exit_code"], instance["started_at"]) == (1, None)
    assert instance["error"]
    assert (await client.get(f"{API}/deployments/{deployment['id']}")).json()["status"] == "failed"


async def test_seeded_instances_keep_their_status(fake: FakeControlPlane, client: httpx.AsyncClient) -> None:
    spawning = seed_id("instance", "tests-dev-1")
    fake.advance(3600)
    assert (await client.get(f"{API}/instances/{spawning}")).json()["status"] == "spawning"
