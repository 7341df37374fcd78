"""Every operation of openapi.yaml is a method of its client(s), async and sync, with the same signature."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import yaml

from atlas_extras import ControlPlaneClient, SyncControlPlaneClient, SyncWorkflowClient, WorkflowClient

SPEC = yaml.safe_load((Path(__file__).parents[2] / "openapi.yaml").read_text())
OPERATIONS = {
    operation["operationId"]: (verb, path, operation["tags"][0])
    for path, item in SPEC["paths"].items()
    for verb, operation in item.items()
}
# The reference's split: Workflow has plans, tasks, instances, read-only definitions and deployments, health.
WORKFLOW_TAGS = {"plans", "tasks", "agent-instances"}
WORKFLOW_READS = {"agent-definitions", "deployments"}


def clients_for(operation_id: str) -> list[tuple[type, type]]:
    verb, _, tag = OPERATIONS[operation_id]
    pairs = []
    if tag not in WORKFLOW_TAGS:
        pairs.append((ControlPlaneClient, SyncControlPlaneClient))
    if tag in WORKFLOW_TAGS or (tag in WORKFLOW_READS and verb == "get") or operation_id == "health":
        pairs.append((WorkflowClient, SyncWorkflowClient))
    return pairs


def test_the_spec_has_every_operation_of_the_reference() -> None:
    assert len(OPERATIONS) == 53


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
def test_operation_is_a_method_of_its_clients_async_and_sync(operation_id: str) -> None:
    for async_client, sync_client in clients_for(operation_id):
        async_method = getattr(async_client, operation_id, None)
        sync_method = getattr(sync_client, operation_id, None)
        assert inspect.iscoroutinefunction(async_method), f"{async_client.__name__}.{operation_id} is missing"
        assert callable(sync_method), f"{sync_client.__name__}.{operation_id} is missing"
        assert not inspect.iscoroutinefunction(sync_method)
        assert inspect.signature(async_method) == inspect.signature(sync_method)


def test_workflow_clients_have_no_admin_operations() -> None:
    for name in ("create_agent_class", "delete_deployment", "update_agent_definition", "sync_tools"):
        assert not hasattr(WorkflowClient, name)
        assert not hasattr(SyncWorkflowClient, name)


PAGINATED = sorted(
    operation["operationId"]
    for item in SPEC["paths"].values()
    for operation in item.values()
    if {"#/components/parameters/Limit", "#/components/parameters/Offset"}
    <= {parameter.get("$ref") for parameter in operation.get("parameters", [])}
)


def test_the_paginated_lists_are_the_expected_ones() -> None:
    assert len(PAGINATED) == 10


@pytest.mark.parametrize("operation_id", PAGINATED)
def test_paginated_lists_have_auto_paginating_iterators(operation_id: str) -> None:
    name = "iter_" + operation_id.removeprefix("list_").removeprefix("query_")
    for async_client, sync_client in clients_for(operation_id):
        assert callable(getattr(async_client, name, None)), f"{async_client.__name__}.{name} is missing"
        assert callable(getattr(sync_client, name, None)), f"{sync_client.__name__}.{name} is missing"
