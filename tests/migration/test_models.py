"""atlas_sdk's pydantic models mapped to our generated attrs models: `from_dict` / `to_dict` for
`model_validate` / `model_dump(mode="json")`, free-form objects (`config`, `meta`, ...) as small models readable
by key, optional fields absent as `UNSET` (falsy, like None), enums that still compare equal to their strings."""

from __future__ import annotations

import uuid
from uuid import UUID

from atlas_control_plane_client.models import (
    AgentClassRead,
    AgentDefinitionCreate,
    AgentDefinitionStatus,
    ExecutionMode,
)
from atlas_control_plane_client.types import UNSET, Unset

from .conftest import Clients


async def test_a_body_with_free_form_objects_is_built_from_a_dict_and_read_back_by_key(clients: Clients) -> None:
    agent_class = (await clients.admin("list_agent_classes", limit=1))[0]
    # atlas_sdk: AgentDefinitionCreate(agent_class_id=..., name=..., config={"temperature": 0.2})
    body = AgentDefinitionCreate.from_dict(
        {"agent_class_id": str(agent_class.id), "name": "Reviewer", "config": {"temperature": 0.2, "max_tokens": 512}}
    )
    assert body.to_dict()["config"] == {"temperature": 0.2, "max_tokens": 512}  # model_dump(mode="json")
    definition = await clients.admin("create_agent_definition", body)
    assert definition.config["temperature"] == 0.2  # indexing works
    assert definition.config.to_dict() == {"temperature": 0.2, "max_tokens": 512}  # a plain dict
    assert definition.config.additional_properties == {"temperature": 0.2, "max_tokens": 512}
    assert definition.status == "draft"  # a str enum: equal to its wire value
    assert definition.status is AgentDefinitionStatus.DRAFT
    assert definition.execution_mode is ExecutionMode.EPHEMERAL


def test_from_dict_and_to_dict_round_trip_the_wire_form() -> None:
    wire = {
        "id": str(uuid.uuid4()),
        "name": "reviewer",
        "created_at": "2026-11-27T10:00:00+00:00",
        "updated_at": "2026-11-27T10:00:00+00:00",
    }
    agent_class = AgentClassRead.from_dict(wire)  # model_validate
    assert isinstance(agent_class.id, UUID)
    assert agent_class.to_dict() == wire  # model_dump(mode="json"); an absent optional stays absent
    assert agent_class.description is UNSET
    assert isinstance(agent_class.description, Unset)
    assert not agent_class.description  # falsy, so `if agent_class.description:` reads as before
    assert AgentClassRead.from_dict(wire | {"description": None}).description is None
