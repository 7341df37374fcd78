"""Test factories: a valid, deterministic model of every schema of the contract, with validated overrides."""

from __future__ import annotations

import datetime
import functools
import uuid
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import atlas_control_plane_client.models as models
from atlas_control_plane_client.models import (
    AgentClassRead,
    AgentDefinitionStatus,
    PlanReadWithTasks,
    PlanTaskRead,
    PlanTaskStatus,
)
from atlas_control_plane_client.types import UNSET
from atlas_extras.testing import FakeControlPlane, factories
from atlas_extras.testing.factories import Factories

from .conftest import _FORMATS, API, SPEC

SCHEMAS = SPEC["components"]["schemas"]
OBJECT_SCHEMAS = sorted(name for name, schema in SCHEMAS.items() if "properties" in schema)
FACTORY_OF = {name: factories.snake_name(name) for name in OBJECT_SCHEMAS}


@functools.cache
def spec_validator(schema_name: str) -> Draft202012Validator:
    """A validator for one component schema of openapi.yaml, independent of the fake's own."""
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": SPEC["components"]}
    return Draft202012Validator(schema, format_checker=_FORMATS)


def assert_valid(schema_name: str, payload: Any) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in spec_validator(schema_name).iter_errors(payload)]
    assert errors == [], schema_name


def test_every_object_schema_and_every_model_of_it_has_a_factory() -> None:
    made = Factories()
    assert sorted(made.names) == sorted(FACTORY_OF.values())
    for name in OBJECT_SCHEMAS:
        assert getattr(made, FACTORY_OF[name]).model is getattr(models, name)
    kinds = ("Read", "Create", "Update", "Summary", "Response")
    typed = [name for name in models.__all__ if name.endswith(kinds)]
    assert "AgentClassRead" in typed
    assert set(typed) <= set(OBJECT_SCHEMAS)


@pytest.mark.parametrize("schema_name", OBJECT_SCHEMAS)
def test_each_factory_makes_a_model_that_follows_the_contract(schema_name: str, atlas_factories: Factories) -> None:
    factory = getattr(atlas_factories, FACTORY_OF[schema_name])
    made = factory()
    assert isinstance(made, getattr(models, schema_name))
    assert_valid(schema_name, made.to_dict())
    assert_valid(schema_name, factory.wire())


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(min_value=-(2**63), max_value=2**63), skip=st.integers(min_value=0, max_value=10_000))
def test_any_seed_and_any_position_in_the_sequence_stays_valid(seed: int, skip: int) -> None:
    made = Factories(seed)
    for _ in range(skip):
        made.next_number()
    for name in OBJECT_SCHEMAS:
        assert_valid(name, getattr(made, FACTORY_OF[name]).wire())


def test_the_same_seed_makes_the_same_objects_and_each_object_is_new() -> None:
    def run(seed: int) -> list[dict[str, Any]]:
        made = Factories(seed)
        return [made.agent_class_read.wire(), made.agent_class_read.wire(), made.plan_read_with_tasks.wire()]

    first, again, other = run(0), run(0), run(1)
    assert first == again
    assert first[0]["id"] != first[1]["id"]
    assert first[0]["name"] != first[1]["name"]
    assert [item["id"] for item in other] != [item["id"] for item in first]
    assert [item["created_at"] for item in first] == [
        "2025-01-01T00:00:01.000000Z",
        "2025-01-01T00:00:02.000000Z",
        "2025-01-01T00:00:03.000000Z",
    ]


def test_reset_starts_the_sequence_again() -> None:
    made = Factories()
    first = made.deployment_read.wire()
    made.deployment_read.wire()
    made.reset()
    assert made.deployment_read.wire() == first


def test_the_fixture_gives_each_test_a_fresh_sequence(atlas_factories: Factories) -> None:
    assert atlas_factories.agent_class_read.wire() == Factories().agent_class_read.wire()


def test_models_sent_by_a_client_carry_only_required_fields_and_read_models_all() -> None:
    made = Factories()
    assert made.plan_update.wire() == {}
    assert sorted(made.agent_class_create.wire()) == ["name"]
    assert sorted(made.plan_task_create.wire()) == ["description", "validation"]
    read = made.agent_definition_read.wire()
    assert sorted(read) == sorted(SCHEMAS["AgentDefinitionRead"]["properties"])
    assert (read["description"], read["config"], read["status"]) == (None, {}, "draft")


def test_overrides_take_models_enums_uuids_datetimes_and_json() -> None:
    made = Factories()
    class_id = uuid.UUID(int=7)
    when = datetime.datetime(2026, 5, 1, 12, 30, tzinfo=datetime.UTC)
    task = made.plan_task_read(status=PlanTaskStatus.COMPLETED, result="done")
    plan = made.plan_read_with_tasks(tasks=[task, made.plan_task_read.wire()], status="COMPLETED", updated_at=when)
    assert isinstance(plan, PlanReadWithTasks)
    assert [type(t) for t in plan.tasks] == [PlanTaskRead, PlanTaskRead]  # type: ignore[union-attr]
    assert (plan.tasks[0].status, plan.tasks[0].result) == (PlanTaskStatus.COMPLETED, "done")  # type: ignore[index]
    assert plan.updated_at == when
    definition = made.agent_definition_read(agent_class_id=class_id, status=AgentDefinitionStatus.PUBLISHED)
    assert (definition.agent_class_id, definition.status) == (class_id, AgentDefinitionStatus.PUBLISHED)
    typed: AgentClassRead = made.build(AgentClassRead, name="typed")
    assert typed.name == "typed"


def test_unset_leaves_an_optional_field_out() -> None:
    made = Factories()
    assert "description" not in made.agent_class_read.wire(description=UNSET)
    with pytest.raises(ValueError, match="name"):
        made.agent_class_read(name=UNSET)


def test_an_unknown_field_is_a_type_error_naming_it() -> None:
    with pytest.raises(TypeError, match="AgentClassRead has no field 'nmae'"):
        Factories().agent_class_read(nmae="x")
    with pytest.raises(AttributeError, match="no factory named 'agent_klass_read'"):
        _ = Factories().agent_klass_read


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("name", 5, "name: Input should be a valid string"),
        ("id", "not-a-uuid", "id: Input should be a valid UUID"),
        ("name", None, "name"),
    ],
)
def test_a_value_that_breaks_the_contract_is_a_value_error(field: str, value: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        Factories().agent_class_read(**{field: value})


def test_a_value_without_a_json_form_is_a_type_error() -> None:
    with pytest.raises(TypeError, match=r"AgentClassRead\.name: a object has no JSON form"):
        Factories().agent_class_read(name=object())


def test_build_refuses_a_class_that_is_no_schema() -> None:
    with pytest.raises(TypeError, match="not a schema"):
        Factories().build(models.AgentDefinitionReadConfig)


def test_module_level_factories_share_one_sequence() -> None:
    factories.reset()
    first = factories.agent_class_read()
    assert factories.agent_class_read().id != first.id
    factories.reset()
    assert factories.agent_class_read() == first
    assert "agent_class_read" in dir(factories)


async def test_request_models_are_accepted_by_the_fake(atlas_factories: Factories) -> None:
    fake = FakeControlPlane(dataset="empty")
    async with fake.async_client() as client:
        made = await client.post(f"{API}/agent-classes", json=atlas_factories.agent_class_create.wire())
        provider = await client.post(f"{API}/model-providers", json=atlas_factories.model_provider_create.wire())
        tools = await client.post(f"{API}/tools/sync", json=atlas_factories.tool_sync_request.wire())
    assert (made.status_code, provider.status_code, tools.status_code) == (201, 201, 200)
