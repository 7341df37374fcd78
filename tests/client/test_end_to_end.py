"""The clients against the fake Control Plane over real loopback HTTP, sync and async."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from atlas_control_plane_client.models import (
    AgentClassCreate,
    AgentDefinitionCreate,
    AgentDefinitionCreateConfig,
    AgentDefinitionStatus,
    AgentDefinitionUpdate,
    DeploymentCreate,
    ModelProviderCreate,
    PlanCreate,
    PlanStatus,
    PlanTaskCreate,
    SystemPromptCreate,
    TasksAppend,
)
from atlas_extras import (
    AtlasAuthenticationError,
    AtlasConflictError,
    AtlasConnectionError,
    AtlasNotFoundError,
    AtlasResponseValidationError,
    AtlasServerError,
    AtlasValidationError,
)
from atlas_extras.testing import FakeControlPlane

from .conftest import FAST_RETRIES, Caller

API_KEY = "sk-e2e-0123456789"


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeControlPlane]:
    control_plane = FakeControlPlane(api_key=API_KEY, lifecycle_step=0.02)
    with control_plane.serve():
        yield control_plane


@pytest.fixture
def server(fake: FakeControlPlane) -> Iterator[FakeControlPlane]:
    fake.reset()
    yield fake
    fake.reset()


@pytest.fixture
def connect(server: FakeControlPlane, make_caller: Callable[..., Caller]) -> Callable[..., Caller]:
    def connect(**kwargs: Any) -> Caller:
        kwargs.setdefault("api_key", API_KEY)
        return make_caller(base_url=server.base_url, retry_policy=FAST_RETRIES, **kwargs)

    return connect


async def test_platform_engineer_journey(connect: Callable[..., Caller]) -> None:
    admin, workflow = connect(), connect(workflow=True)
    provider = await admin("create_model_provider", ModelProviderCreate(name="e2e-openai"))
    agent_class = await admin("create_agent_class", AgentClassCreate(name="e2e-reviewer"))
    prompt = await admin(
        "create_system_prompt",
        SystemPromptCreate(name="e2e-review", content="Review carefully.", agent_class_id=agent_class.id),
    )
    definition = await admin(
        "create_agent_definition",
        AgentDefinitionCreate(
            agent_class_id=agent_class.id,
            name="E2E Reviewer",
            model_provider_id=provider.id,
            model_name="gpt-4",
            system_prompt_id=prompt.id,
            config=AgentDefinitionCreateConfig.from_dict({"temperature": 0.1}),
        ),
    )
    assert definition.slug == "e2e-reviewer"
    published = await admin(
        "update_agent_definition", definition.id, AgentDefinitionUpdate(status=AgentDefinitionStatus.PUBLISHED)
    )
    assert published.status is AgentDefinitionStatus.PUBLISHED
    config = await workflow("get_agent_definition_config", definition.id)
    assert config.system_prompt == "Review carefully."

    deployment = await admin("create_deployment", DeploymentCreate(agent_definition_id=definition.id, name="e2e"))
    assert deployment.status == "spawning"
    active = await workflow("wait_until_deployment_active", deployment.id, poll_interval=0.01, timeout=5)
    assert active.status == "active"

    tasks = [PlanTaskCreate(sequence=i, description=f"step {i}", validation="done") for i in range(2)]
    plan = await workflow("create_plan", deployment.id, PlanCreate(goal="review the PR", tasks=tasks))
    appended = await workflow(
        "append_tasks", plan.id, TasksAppend(tasks=[PlanTaskCreate(sequence=2, description="merge", validation="ok")])
    )
    assert len(plan.task_ids) == 2 and len(appended.task_ids) == 1  # noqa: PT018
    finished = await workflow("wait_for_plan_completion", plan.id, poll_interval=0.01, timeout=5)
    assert finished.status is PlanStatus.COMPLETED
    listed = await workflow("list_tasks", plan.id)
    assert [t.description for t in listed] == ["step 0", "step 1", "merge"]
    assert listed.total == 3

    # Cleanup in reverse dependency order; a class still in use cannot go first.
    with pytest.raises(AtlasConflictError):
        await admin("delete_agent_class", agent_class.id)
    await admin("delete_deployment", deployment.id)
    await admin("delete_agent_definition", definition.id)
    await admin("delete_system_prompt", prompt.id)
    await admin("delete_agent_class", agent_class.id)
    await admin("delete_model_provider", provider.id)
    with pytest.raises(AtlasNotFoundError):
        await admin("get_agent_class", agent_class.id)


async def test_totals_and_auto_pagination_agree(connect: Callable[..., Caller]) -> None:
    admin = connect()
    first = await admin("list_agent_definitions", limit=5)
    assert first.total is not None
    assert first.total > len(first)
    ids = [d.id for d in await admin.collect("iter_agent_definitions", limit=5, prefetch=3)]
    assert len(ids) == first.total == len(set(ids))
    assert ids[:5] == [d.id for d in first]


async def test_503_with_retry_after_is_retried_and_succeeds(
    connect: Callable[..., Caller], server: FakeControlPlane
) -> None:
    server.inject_status(503, retry_after=0, operation="list_agent_classes", times=2)
    page = await connect()("list_agent_classes")
    assert page.total is not None
    assert server.stats.requests["list_agent_classes"] == 3


async def test_a_post_without_idempotency_key_is_not_retried(
    connect: Callable[..., Caller], server: FakeControlPlane
) -> None:
    server.inject_status(503, retry_after=0, operation="create_agent_class", times=1)
    with pytest.raises(AtlasServerError):
        await connect()("create_agent_class", AgentClassCreate(name="once"), idempotency_key=None)
    assert server.stats.requests["create_agent_class"] == 1


async def test_a_dropped_create_is_replayed_safely_with_its_key(
    connect: Callable[..., Caller], server: FakeControlPlane
) -> None:
    server.inject_drop(operation="create_agent_class", times=1)  # created, but the answer is lost
    created = await connect()("create_agent_class", AgentClassCreate(name="exactly-once"))
    page = await connect()("list_agent_classes", limit=1000)
    assert [c.id for c in page if c.name == "exactly-once"] == [created.id]


@pytest.mark.parametrize("kind", ["non_json", "truncated_json", "html", "wrong_types", "missing_field"])
async def test_every_malformed_response_raises_response_validation_error(
    connect: Callable[..., Caller], server: FakeControlPlane, kind: str
) -> None:
    server.inject_malformed(kind, operation="list_agent_classes")  # type: ignore[arg-type]
    with pytest.raises(AtlasResponseValidationError):
        await connect()("list_agent_classes")


async def test_an_unknown_enum_value_is_kept_and_the_rest_parses(
    connect: Callable[..., Caller], server: FakeControlPlane
) -> None:
    server.inject_malformed("unknown_enum", operation="list_agent_definitions")
    page = await connect()("list_agent_definitions")
    assert len(page) > 1
    assert not isinstance(page[0].status, AgentDefinitionStatus)
    assert all(isinstance(d.status, AgentDefinitionStatus) for d in page[1:])


async def test_server_side_validation_surfaces_field_errors(connect: Callable[..., Caller]) -> None:
    with pytest.raises(AtlasValidationError) as caught:
        await connect()("create_agent_class", AgentClassCreate(name=""))
    assert [problem.loc for problem in caught.value.errors] == [("body", "name")]


async def test_a_wrong_key_is_an_authentication_error_without_the_key_in_it(
    connect: Callable[..., Caller], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with pytest.raises(AtlasAuthenticationError) as caught:
        await connect(api_key="sk-wrong-key-123")("list_agent_classes")
    assert "sk-wrong-key-123" not in str(caught.value) + caplog.text
    assert (await connect(api_key="sk-wrong-key-123")("health")).get("status") == "healthy"


async def test_a_hung_request_times_out_and_is_retried(
    connect: Callable[..., Caller], server: FakeControlPlane
) -> None:
    server.inject_hang(operation="get_agent_definition", times=1)
    some = (await connect()("list_agent_definitions", limit=1))[0]
    found = await connect()("get_agent_definition", some.id, timeout=0.3)
    assert found.id == some.id
    assert server.stats.requests["get_agent_definition"] == 2


async def test_an_unreachable_server_is_a_connection_error(make_caller: Callable[..., Caller]) -> None:
    with pytest.raises(AtlasConnectionError):
        await make_caller(base_url="http://127.0.0.1:9", max_retries=0)("health")


async def test_one_async_client_is_shared_by_many_tasks(server: FakeControlPlane) -> None:
    import asyncio

    from atlas_extras import ControlPlaneClient

    async with ControlPlaneClient(base_url=server.base_url, api_key=API_KEY) as client:
        ids = [d.id for d in await client.list_agent_definitions(limit=12)]
        found = await asyncio.gather(*(client.get_agent_definition(ids[i % len(ids)]) for i in range(200)))
    assert [d.id for d in found] == [ids[i % len(ids)] for i in range(200)]


def test_one_sync_client_is_shared_by_many_threads(server: FakeControlPlane) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from atlas_extras import SyncControlPlaneClient

    with SyncControlPlaneClient(base_url=server.base_url, api_key=API_KEY) as client:
        ids = [d.id for d in client.list_agent_definitions(limit=12)]
        with ThreadPoolExecutor(max_workers=16) as pool:
            found = list(pool.map(lambda i: client.get_agent_definition(ids[i % len(ids)]), range(200)))
    assert [d.id for d in found] == [ids[i % len(ids)] for i in range(200)]
