"""The clients: `ControlPlaneClient` and `WorkflowClient` (async), and their blocking twins.

Every operation of the contract is a typed method (see `_operations`, generated from it), each taking
the per-call options of `RequestOptions`. The waiters are the only hand-written methods: deployments (both
clients), plans, tasks and agent instances (the workflow clients).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import cached_property
from typing import TYPE_CHECKING
from uuid import UUID

from ._operations import (
    AsyncControlPlaneOperations,
    AsyncControlPlaneRawOperations,
    AsyncSharedOperations,
    AsyncSharedRawOperations,
    AsyncWorkflowOperations,
    AsyncWorkflowRawOperations,
    SyncControlPlaneOperations,
    SyncControlPlaneRawOperations,
    SyncSharedOperations,
    SyncSharedRawOperations,
    SyncWorkflowOperations,
    SyncWorkflowRawOperations,
)

if TYPE_CHECKING:
    from atlas_control_plane_client.models import (
        AgentInstanceRead,
        DeploymentRead,
        PlanReadWithTasks,
        PlanTaskReadEnriched,
    )

from .waiters import (
    DEPLOYMENT_ACTIVE,
    DEPLOYMENT_ENDED,
    INSTANCE_ACTIVE,
    INSTANCE_ENDED,
    PLAN_DONE,
    TASK_DONE,
    Target,
    poll,
    poll_sync,
)

__all__ = ["ControlPlaneClient", "SyncControlPlaneClient", "SyncWorkflowClient", "WorkflowClient"]


class ControlPlaneRawResponses(AsyncSharedRawOperations, AsyncControlPlaneRawOperations):
    """`ControlPlaneClient.with_raw_response`: each method returns a `RawResponse`."""


class WorkflowRawResponses(AsyncSharedRawOperations, AsyncWorkflowRawOperations):
    """`WorkflowClient.with_raw_response`: each method returns a `RawResponse`."""


class SyncControlPlaneRawResponses(SyncSharedRawOperations, SyncControlPlaneRawOperations):
    """`SyncControlPlaneClient.with_raw_response`: each method returns a `RawResponse`."""


class SyncWorkflowRawResponses(SyncSharedRawOperations, SyncWorkflowRawOperations):
    """`SyncWorkflowClient.with_raw_response`: each method returns a `RawResponse`."""


AsyncProgress = Callable[[object], Awaitable[None] | None] | None
Progress = Callable[[object], None] | None


def _deployment(deployment_id: UUID) -> Target[DeploymentRead]:
    return Target(
        "wait_until_deployment_active",
        f"deployment {deployment_id} to become active",
        DEPLOYMENT_ACTIVE,
        DEPLOYMENT_ENDED,
    )


def _plan(plan_id: UUID) -> Target[PlanReadWithTasks]:
    return Target("wait_for_plan_completion", f"plan {plan_id} to complete", PLAN_DONE)


def _task(task_id: UUID) -> Target[PlanTaskReadEnriched]:
    return Target("wait_for_task_completion", f"task {task_id} to complete", TASK_DONE)


def _instance_active(instance_id: UUID) -> Target[AgentInstanceRead]:
    return Target(
        "wait_until_instance_active",
        f"agent instance {instance_id} to become active",
        INSTANCE_ACTIVE,
        INSTANCE_ENDED,
    )


def _instance_done(instance_id: UUID) -> Target[AgentInstanceRead]:
    return Target("wait_for_instance_completion", f"agent instance {instance_id} to complete", INSTANCE_ENDED)


class _AsyncDeploymentWaiter(AsyncSharedOperations):
    """`wait_until_deployment_active`, shared by both async clients."""

    async def wait_until_deployment_active(
        self,
        deployment_id: UUID,
        *,
        poll_interval: float = 2.0,
        timeout: float | None = 300.0,
        on_progress: Callable[[DeploymentRead], Awaitable[None] | None] | None = None,
    ) -> DeploymentRead:
        """Poll a deployment until it is `active`; raises `AtlasWaitFailedError` if it ends first."""
        return await poll(
            lambda budget: self.get_deployment(deployment_id, **budget),
            _deployment(deployment_id),
            poll_interval=poll_interval,
            timeout=timeout,
            on_progress=on_progress,
        )


class _SyncDeploymentWaiter(SyncSharedOperations):
    """`wait_until_deployment_active`, shared by both sync clients."""

    def wait_until_deployment_active(
        self,
        deployment_id: UUID,
        *,
        poll_interval: float = 2.0,
        timeout: float | None = 300.0,
        on_progress: Callable[[DeploymentRead], None] | None = None,
    ) -> DeploymentRead:
        """Poll a deployment until it is `active`; raises `AtlasWaitFailedError` if it ends first."""
        return poll_sync(
            lambda budget: self.get_deployment(deployment_id, **budget),
            _deployment(deployment_id),
            poll_interval=poll_interval,
            timeout=timeout,
            on_progress=on_progress,
        )


class ControlPlaneClient(_AsyncDeploymentWaiter, AsyncControlPlaneOperations):
    """Async client for administration: agent classes, definitions, providers, prompts, tools, deployments,
    GRASP analyses, health, metrics and logs.

    ```python
    async with ControlPlaneClient(base_url="http://control-plane:8000") as client:
        page = await client.list_agent_classes(limit=100)
        print(page.total, [c.name for c in page])
    ```
    """

    @cached_property
    def with_raw_response(self) -> ControlPlaneRawResponses:
        """The same methods, each returning a `RawResponse` (status, headers, request id, `.parse()`)."""
        return ControlPlaneRawResponses(self)


class WorkflowClient(_AsyncDeploymentWaiter, AsyncWorkflowOperations):
    """Async client for workflow code: plans, tasks, agent instances, and read access to definitions and
    deployments."""

    @cached_property
    def with_raw_response(self) -> WorkflowRawResponses:
        """The same methods, each returning a `RawResponse` (status, headers, request id, `.parse()`)."""
        return WorkflowRawResponses(self)

    async def wait_for_plan_completion(
        self,
        plan_id: UUID,
        *,
        poll_interval: float = 2.0,
        timeout: float | None = None,
        on_progress: Callable[[PlanReadWithTasks], Awaitable[None] | None] | None = None,
    ) -> PlanReadWithTasks:
        """Poll a plan until it is COMPLETED, FAILED or CANCELLED, and return it with its tasks."""
        return await poll(
            lambda budget: self.get_plan(plan_id, **budget),
            _plan(plan_id),
            poll_interval=poll_interval,
            timeout=timeout,
            on_progress=on_progress,
        )

    async def wait_for_task_completion(
        self,
        task_id: UUID,
        *,
        poll_interval: float = 1.0,
        timeout: float | None = None,
        on_progress: Callable[[PlanTaskReadEnriched], Awaitable[None] | None] | None = None,
    ) -> PlanTaskReadEnriched:
        """Poll a task until it is COMPLETED, FAILED or SKIPPED."""
        return await poll(
            lambda budget: self.get_task(task_id, **budget),
            _task(task_id),
            poll_interval=poll_interval,
            timeout=timeout,
            on_progress=on_progress,
        )

    async def wait_until_instance_active(
        self,
        instance_id: UUID,
        *,
        poll_interval: float = 1.0,
        timeout: float | None = 300.0,
        on_progress: Callable[[AgentInstanceRead], Awaitable[None] | None] | None = None,
    ) -> AgentInstanceRead:
        """Poll an agent instance until it is `active`; raises `AtlasWaitFailedError` if it ends first
        (`completed`, `failed` or `cancelled`)."""
        return await poll(
            lambda budget: self.get_agent_instance(instance_id, **budget),
            _instance_active(instance_id),
            poll_interval=poll_interval,
            timeout=timeout,
            on_progress=on_progress,
        )

    async def wait_for_instance_completion(
        self,
        instance_id: UUID,
        *,
        poll_interval: float = 1.0,
        timeout: float | None = None,
        on_progress: Callable[[AgentInstanceRead], Awaitable[None] | None] | None = None,
    ) -> AgentInstanceRead:
        """Poll an agent instance until it is `completed`, `failed` or `cancelled`."""
        return await poll(
            lambda budget: self.get_agent_instance(instance_id, **budget),
            _instance_done(instance_id),
            poll_interval=poll_interval,
            timeout=timeout,
            on_progress=on_progress,
        )


class SyncControlPlaneClient(_SyncDeploymentWaiter, SyncControlPlaneOperations):
    """Blocking twin of `ControlPlaneClient`: same methods and arguments; use it with `with`."""

    @cached_property
    def with_raw_response(self) -> SyncControlPlaneRawResponses:
        """The same methods, each returning a `RawResponse` (status, headers, request id, `.parse()`)."""
        return SyncControlPlaneRawResponses(self)


class SyncWorkflowClient(_SyncDeploymentWaiter, SyncWorkflowOperations):
    """Blocking twin of `WorkflowClient`: same methods and arguments; use it with `with`."""

    @cached_property
    def with_raw_response(self) -> SyncWorkflowRawResponses:
        """The same methods, each returning a `RawResponse` (status, headers, request id, `.parse()`)."""
        return SyncWorkflowRawResponses(self)

    def wait_for_plan_completion(
        self,
        plan_id: UUID,
        *,
        poll_interval: float = 2.0,
        timeout: float | None = None,
        on_progress: Callable[[PlanReadWithTasks], None] | None = None,
    ) -> PlanReadWithTasks:
        """Poll a plan until it is COMPLETED, FAILED or CANCELLED, and return it with its tasks."""
        return poll_sync(
            lambda budget: self.get_plan(plan_id, **budget),
            _plan(plan_id),
            poll_interval=poll_interval,
            timeout=timeout,
            on_progress=on_progress,
        )

    def wait_for_task_completion(
        self,
        task_id: UUID,
        *,
        poll_interval: float = 1.0,
        timeout: float | None = None,
        on_progress: Callable[[PlanTaskReadEnriched], None] | None = None,
    ) -> PlanTaskReadEnriched:
        """Poll a task until it is COMPLETED, FAILED or SKIPPED."""
        return poll_sync(
            lambda budget: self.get_task(task_id, **budget),
            _task(task_id),
            poll_interval=poll_interval,
            timeout=timeout,
            on_progress=on_progress,
        )

    def wait_until_instance_active(
        self,
        instance_id: UUID,
        *,
        poll_interval: float = 1.0,
        timeout: float | None = 300.0,
        on_progress: Callable[[AgentInstanceRead], None] | None = None,
    ) -> AgentInstanceRead:
        """Poll an agent instance until it is `active`; raises `AtlasWaitFailedError` if it ends first
        (`completed`, `failed` or `cancelled`)."""
        return poll_sync(
            lambda budget: self.get_agent_instance(instance_id, **budget),
            _instance_active(instance_id),
            poll_interval=poll_interval,
            timeout=timeout,
            on_progress=on_progress,
        )

    def wait_for_instance_completion(
        self,
        instance_id: UUID,
        *,
        poll_interval: float = 1.0,
        timeout: float | None = None,
        on_progress: Callable[[AgentInstanceRead], None] | None = None,
    ) -> AgentInstanceRead:
        """Poll an agent instance until it is `completed`, `failed` or `cancelled`."""
        return poll_sync(
            lambda budget: self.get_agent_instance(instance_id, **budget),
            _instance_done(instance_id),
            poll_interval=poll_interval,
            timeout=timeout,
            on_progress=on_progress,
        )
