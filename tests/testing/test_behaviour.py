"""What the fake does with valid requests: store, defaults, derived fields, lists, ids, errors, auth, headers."""

from __future__ import annotations

import httpx
import pytest

from atlas_extras.testing import FakeControlPlane, seed_id

from .conftest import API

CLASS = seed_id("class", "code-reviewer")
DEFINITION = seed_id("definition", 0)
DEPLOYMENT = seed_id("deployment", "review-bot-prod")
UNKNOWN = "00000000-0000-4000-8000-000000000000"


async def test_a_created_class_can_be_read_listed_changed_and_deleted(client: httpx.AsyncClient) -> None:
    created = await client.post(f"{API}/agent-classes", json={"name": "Planner"})
    assert created.status_code == 201
    body = created.json()
    assert body["description"] is None
    assert body["created_at"] == body["updated_at"]
    assert (await client.get(f"{API}/agent-classes/{body['id']}")).json() == body

    listed = (await client.get(f"{API}/agent-classes")).json()
    assert listed[-1] == body  # newest last: creation order

    changed = await client.patch(f"{API}/agent-classes/{body['id']}", json={"description": "Plans."})
    assert changed.json()["name"] == "Planner"
    assert changed.json()["description"] == "Plans."
    assert changed.json()["updated_at"] > body["updated_at"]

    deleted = await client.delete(f"{API}/agent-classes/{body['id']}")
    assert deleted.status_code == 204
    assert deleted.content == b""
    gone = await client.get(f"{API}/agent-classes/{body['id']}")
    assert gone.status_code == 404
    assert gone.json() == {"detail": f"Agent class {body['id']} not found"}


async def test_the_server_applies_the_contract_defaults_and_derives_fields(client: httpx.AsyncClient) -> None:
    definition = await client.post(
        f"{API}/agent-definitions", json={"agent_class_id": CLASS, "name": "Code Critic v2!"}
    )
    assert definition.json() | {"id": "", "created_at": "", "updated_at": ""} == {
        "id": "",
        "agent_class_id": CLASS,
        "name": "Code Critic v2!",
        "slug": "code-critic-v2",
        "status": "draft",
        "execution_mode": "ephemeral",
        "config": {},
        "allow_outbound_a2a": False,
        "description": None,
        "system_prompt_id": None,
        "structured_output_id": None,
        "model_provider_id": None,
        "model_name": None,
        "created_at": "",
        "updated_at": "",
    }
    renamed = await client.patch(f"{API}/agent-definitions/{definition.json()['id']}", json={"name": "Critic"})
    assert renamed.json()["slug"] == "critic"

    prompt = await client.post(f"{API}/system-prompts", json={"name": "p", "content": "c"})
    assert (prompt.json()["status"], prompt.json()["content_storage_type"]) == ("draft", "inline")
    tool = await client.post(f"{API}/tools", json={"name": "t", "json_schema": {}})
    assert tool.json()["risk_level"] == "low"
    deployment = await client.post(f"{API}/deployments", json={"agent_definition_id": DEFINITION, "name": "d"})
    assert (deployment.json()["environment"], deployment.json()["status"]) == ("production", "spawning")


async def test_plans_are_attributed_and_tasks_enriched(client: httpx.AsyncClient) -> None:
    task = {"description": "d", "validation": "v", "assignee_agent_definition_id": DEFINITION}
    draft = await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json={"goal": "nothing yet"})
    assert draft.json()["status"] == "DRAFT"
    assert draft.json()["task_ids"] == []
    plan = await client.post(f"{API}/deployments/{DEPLOYMENT}/plans", json={"goal": "g", "tasks": [task, task]})
    assert plan.json()["status"] == "ACTIVE"
    assert plan.json()["created_by_instance_id"] == seed_id("instance", "review-1")  # the first active instance
    instance = await client.get(f"{API}/instances/{plan.json()['created_by_instance_id']}")
    assert instance.json()["deployment_id"] == DEPLOYMENT

    enriched = (await client.get(f"{API}/tasks/{plan.json()['task_ids'][0]}")).json()
    assert (enriched["assignee_agent_slug"], enriched["assignee_agent_name"]) == ("code-reviewer-1", "Code Reviewer 1")
    plain = (await client.get(f"{API}/tasks/{plan.json()['task_ids'][0]}", params={"enrich": "false"})).json()
    assert plain["assignee_agent_slug"] is None

    with_tasks = (await client.get(f"{API}/plans/{plan.json()['id']}")).json()
    assert [t["id"] for t in with_tasks["tasks"]] == plan.json()["task_ids"]


async def test_a_plan_in_a_deployment_without_an_active_instance_gets_a_planner(client: httpx.AsyncClient) -> None:
    deployment = (await client.post(f"{API}/deployments", json={"agent_definition_id": DEFINITION, "name": "x"})).json()
    plan = (await client.post(f"{API}/deployments/{deployment['id']}/plans", json={"goal": "g"})).json()
    instances = (await client.get(f"{API}/instances", params={"deployment_id": deployment["id"]})).json()
    # The deployment's own instance is still spawning, so the plan is attributed to a planner made for it.
    assert [(i["status"], i["id"] == plan["created_by_instance_id"]) for i in instances] == [
        ("spawning", False),
        ("active", True),
    ]


async def test_definition_config_resolves_prompt_and_tools(client: httpx.AsyncClient) -> None:
    tool = (await client.post(f"{API}/tools", json={"name": "new.tool", "json_schema": {"type": "object"}})).json()
    added = await client.post(
        f"{API}/agent-definitions/{DEFINITION}/tools", json={"tool_ids": [tool["id"], tool["id"]]}
    )
    assert added.status_code == 200
    config = (await client.get(f"{API}/agent-definitions/{DEFINITION}/config")).json()
    assert config["system_prompt"] == "You review code. Be specific and kind."
    assert [t["name"] for t in config["tools"]] == ["github.read_file", "github.create_pull_request", "new.tool"]


async def test_paging_is_stable_and_the_total_ignores_limit_and_offset(client: httpx.AsyncClient) -> None:
    everything = (await client.get(f"{API}/agent-definitions", params={"limit": 1000})).json()
    pages = []
    for offset in range(0, 12, 5):
        page = await client.get(f"{API}/agent-definitions", params={"limit": 5, "offset": offset})
        assert page.headers["X-Total-Count"] == "12"
        pages += page.json()
    assert pages == everything
    assert [d["created_at"] for d in everything] == sorted(d["created_at"] for d in everything)
    beyond = await client.get(f"{API}/agent-definitions", params={"offset": 50})
    assert (beyond.json(), beyond.headers["X-Total-Count"]) == ([], "12")


async def test_filters_narrow_lists_and_their_totals(client: httpx.AsyncClient) -> None:
    published = await client.get(f"{API}/agent-definitions", params={"status": "published", "limit": 2})
    assert published.headers["X-Total-Count"] == "8"
    assert {d["status"] for d in published.json()} == {"published"}
    staging = await client.get(f"{API}/deployments", params={"environment": "staging"})
    assert [d["name"] for d in staging.json()] == ["review-bot-staging", "analyst-canary"]
    active = await client.get(f"{API}/deployments", params={"active_only": True})
    assert {d["status"] for d in active.json()} == {"active"}
    assert active.headers["X-Total-Count"] == "3"
    errors = await client.get(f"{API}/logs", params={"level": "error", "limit": 1})
    assert [line["message"] for line in errors.json()] == ["Deployment failed: 3 consecutive task failures"]


async def test_the_request_id_is_echoed_or_made_on_every_response(client: httpx.AsyncClient) -> None:
    echoed = await client.get(f"{API}/health", headers={"X-Request-ID": "trace-42"})
    assert echoed.headers["X-Request-ID"] == "trace-42"
    made = [(await client.get(f"{API}/nowhere")).headers["X-Request-ID"] for _ in range(2)]
    assert made[0] != made[1]
    assert len(made[0]) == 32


async def test_an_idempotency_key_replays_the_first_result_and_creates_nothing(client: httpx.AsyncClient) -> None:
    headers = {"Idempotency-Key": "create-planner-1"}
    first = await client.post(f"{API}/agent-classes", json={"name": "Planner"}, headers=headers)
    again = await client.post(f"{API}/agent-classes", json={"name": "Planner"}, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    listed = await client.get(f"{API}/agent-classes")
    assert listed.headers["X-Total-Count"] == "5"
    # Without the key the same request is a new create: here, a duplicate name.
    assert (await client.post(f"{API}/agent-classes", json={"name": "Planner"})).status_code == 409
    # The key is per operation.
    other = await client.post(f"{API}/model-providers", json={"name": "p"}, headers=headers)
    assert other.status_code == 201
    assert other.json()["id"] != first.json()["id"]


async def test_a_failed_attempt_does_not_use_up_the_idempotency_key(client: httpx.AsyncClient) -> None:
    headers = {"Idempotency-Key": "k-2"}
    assert (await client.post(f"{API}/agent-classes", json={"name": ""}, headers=headers)).status_code == 422
    assert (await client.post(f"{API}/agent-classes", json={"name": "ok"}, headers=headers)).status_code == 201


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", f"/agent-classes/{UNKNOWN}", None),
        ("PATCH", f"/agent-definitions/{UNKNOWN}", {"name": "n"}),
        ("DELETE", f"/tools/{UNKNOWN}", None),
        ("POST", f"/deployments/{UNKNOWN}/plans", {"goal": "g"}),
        ("GET", f"/plans/{UNKNOWN}/tasks", None),
        ("GET", f"/tasks/{UNKNOWN}", None),
        ("POST", f"/agent-definitions/{DEFINITION}/tools", {"tool_ids": [UNKNOWN]}),
    ],
)
async def test_unknown_ids_are_404(client: httpx.AsyncClient, method: str, path: str, body: object) -> None:
    response = await client.request(method, f"{API}{path}", json=body)
    assert response.status_code == 404
    assert UNKNOWN in response.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path", "body", "reason"),
    [
        ("POST", "/agent-classes", {"name": "Code Reviewer"}, "already exists"),
        ("PATCH", f"/agent-classes/{seed_id('class', 'test-writer')}", {"name": "Code Reviewer"}, "already exists"),
        ("POST", "/tools", {"name": "shell.run", "json_schema": {}}, "already exists"),
        ("DELETE", f"/agent-classes/{CLASS}", None, "still used by 3 agent definition(s) and 2 system prompt(s)"),
        ("DELETE", f"/model-providers/{seed_id('provider', 'openai')}", None, "still used"),
        ("DELETE", f"/system-prompts/{seed_id('prompt', 'reviewer-v2')}", None, "still used"),
        ("DELETE", f"/tools/{seed_id('tool', 'shell.run')}", None, "still attached"),
        ("DELETE", f"/agent-definitions/{DEFINITION}", None, "still deployed"),
        ("DELETE", f"/deployments/{DEPLOYMENT}", None, "not finished"),
        (
            "POST",
            f"/plans/{seed_id('plan', 'alert-routing')}/tasks",
            {"tasks": [{"description": "d", "validation": "v"}]},
            "CANCELLED",
        ),
        ("POST", "/agent-definitions", {"agent_class_id": UNKNOWN, "name": "n"}, "does not exist"),
        ("POST", "/deployments", {"agent_definition_id": UNKNOWN, "name": "n"}, "does not exist"),
    ],
)
async def test_conflicts_are_409(client: httpx.AsyncClient, method: str, path: str, body: object, reason: str) -> None:
    response = await client.request(method, f"{API}{path}", json=body)
    assert response.status_code == 409
    assert reason in response.json()["detail"]


async def test_deleting_a_finished_deployment_takes_its_plans_and_analyses_along(client: httpx.AsyncClient) -> None:
    canary = seed_id("deployment", "analyst-canary")
    assert (await client.delete(f"{API}/deployments/{canary}")).status_code == 204
    assert (await client.get(f"{API}/plans/{seed_id('plan', 'canary-report')}")).status_code == 404
    assert (await client.get(f"{API}/grasp-analyses/{seed_id('analysis', 'canary-1')}")).status_code == 404
    assert (await client.get(f"{API}/instances", params={"deployment_id": canary})).json() == []


async def test_sync_and_discover_upsert_tools_by_name(client: httpx.AsyncClient) -> None:
    synced = await client.post(
        f"{API}/tools/sync",
        json={"tools": [{"name": "shell.run", "json_schema": {"v": 2}}, {"name": "new.one", "json_schema": {}}]},
    )
    assert [t["name"] for t in synced.json()] == ["shell.run", "new.one"]
    assert synced.json()[0]["id"] == seed_id("tool", "shell.run")
    assert synced.json()[0]["json_schema"] == {"v": 2}
    first = (await client.post(f"{API}/tools/discover", json={"source": "mcp://github.example"})).json()
    again = (await client.post(f"{API}/tools/discover", json={"source": "mcp://github.example"})).json()
    assert [t["name"] for t in first] == ["github-example.search", "github-example.read", "github-example.write"]
    assert again == first
    assert (await client.get(f"{API}/tools")).headers["X-Total-Count"] == "10"


async def test_providers_are_verified_and_list_their_models(client: httpx.AsyncClient) -> None:
    openai = seed_id("provider", "openai")
    assert (await client.post(f"{API}/model-providers/{openai}/verify")).json()["status"] == "ok"
    models = (await client.get(f"{API}/model-providers/{openai}/models")).json()
    assert "gpt-4o" in [m["id"] for m in models]
    bare = (await client.post(f"{API}/model-providers", json={"name": "bare"})).json()
    assert (await client.post(f"{API}/model-providers/{bare['id']}/verify")).json()["status"] != "ok"


async def test_a_trailing_slash_is_the_same_path(client: httpx.AsyncClient) -> None:
    with_slash = await client.get(f"{API}/tools/")
    assert with_slash.status_code == 200
    assert with_slash.json() == (await client.get(f"{API}/tools")).json()
    assert (await client.post(f"{API}/tools/", json={"name": "slash.tool", "json_schema": {}})).status_code == 201


async def test_unknown_paths_and_methods(client: httpx.AsyncClient) -> None:
    missing = await client.get(f"{API}/agent-kennels")
    assert (missing.status_code, missing.json()) == (404, {"detail": "Not Found"})
    wrong = await client.put(f"{API}/tools/sync")
    assert (wrong.status_code, wrong.headers["Allow"]) == (405, "POST")
    head = await client.head(f"{API}/health")
    assert head.status_code == 200


async def test_a_bearer_token_is_required_when_the_fake_has_an_api_key() -> None:
    fake = FakeControlPlane(api_key="sk-test")
    async with httpx.AsyncClient(transport=fake.transport(), base_url="http://fake") as client:
        missing = await client.get(f"{API}/agent-classes")
        assert (missing.status_code, missing.json()) == (401, {"detail": "Not authenticated"})
        assert missing.headers["WWW-Authenticate"] == "Bearer"
        wrong = await client.get(f"{API}/agent-classes", headers={"Authorization": "Bearer sk-nope"})
        assert (wrong.status_code, wrong.json()) == (401, {"detail": "Invalid bearer token"})
        basic = await client.get(f"{API}/agent-classes", headers={"Authorization": "Basic sk-test"})
        assert basic.status_code == 401
        right = await client.get(f"{API}/agent-classes", headers={"Authorization": "Bearer sk-test"})
        assert right.status_code == 200
        assert (await client.get(f"{API}/health")).status_code == 200
    async with fake.async_client() as authorised:  # sends the key itself
        assert (await authorised.get(f"{API}/metrics")).status_code == 200


async def test_metrics_count_what_is_stored(client: httpx.AsyncClient) -> None:
    await client.post(f"{API}/agent-classes", json={"name": "one more"})
    metrics = (await client.get(f"{API}/metrics")).json()
    assert (metrics["agent_classes_count"], metrics["agent_definitions_count"], metrics["deployments_count"]) == (
        5,
        12,
        6,
    )


async def test_ids_are_matched_whatever_their_case(client: httpx.AsyncClient) -> None:
    upper = CLASS.upper()
    assert (await client.get(f"{API}/agent-classes/{upper}")).json()["id"] == CLASS
    created = await client.post(f"{API}/agent-definitions", json={"agent_class_id": upper, "name": "Upper"})
    assert created.json()["agent_class_id"] == CLASS
    prompts = await client.get(f"{API}/system-prompts", params={"agent_class_id": upper})
    assert prompts.headers["X-Total-Count"] == "2"
