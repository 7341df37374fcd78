"""The waiters spell their statuses as wire values: each must be a member of the contract's enum."""

from __future__ import annotations

from enum import StrEnum

import pytest

from atlas_control_plane_client.models import AgentInstanceStatus, DeploymentStatus, PlanStatus, PlanTaskStatus
from atlas_extras import waiters


@pytest.mark.parametrize(
    ("statuses", "enum"),
    [
        (waiters.PLAN_DONE, PlanStatus),
        (waiters.TASK_DONE, PlanTaskStatus),
        (waiters.DEPLOYMENT_ACTIVE, DeploymentStatus),
        (waiters.DEPLOYMENT_ENDED, DeploymentStatus),
        (waiters.INSTANCE_ACTIVE, AgentInstanceStatus),
        (waiters.INSTANCE_ENDED, AgentInstanceStatus),
    ],
)
def test_every_status_a_waiter_awaits_is_in_the_contract_and_matches_the_member(
    statuses: frozenset[str], enum: type[StrEnum]
) -> None:
    for value in statuses:
        member = enum(value)
        assert member in statuses
    assert {member for member in enum if member in statuses} == {enum(value) for value in statuses}
