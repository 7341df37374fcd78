"""atlas_sdk 0.1.0's public surface, transcribed as data from its reference (tables 1.1 and 1.2, sections 3.5
to 3.8): every client method with its signature, and the other public names the migration guide maps.

Nothing outside this repository is read at run time.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass

# Table 1.1: ControlPlaneClient.
CONTROL_PLANE_METHODS = """
create_agent_class(agent_class, *, idempotency_key=None)
get_agent_class(agent_class_id)
list_agent_classes(limit=100, offset=0)
update_agent_class(agent_class_id, update_data)
delete_agent_class(agent_class_id)
create_agent_definition(agent_definition, *, idempotency_key=None)
get_agent_definition(definition_id)
get_agent_definition_config(definition_id)
list_agent_definitions(status=None, limit=100, offset=0)
update_agent_definition(definition_id, update_data)
delete_agent_definition(definition_id)
add_tools_to_definition(definition_id, tool_ids)
create_model_provider(model_provider, *, idempotency_key=None)
get_model_provider(provider_id)
list_model_providers(limit=100, offset=0)
update_model_provider(provider_id, update_data)
delete_model_provider(provider_id)
verify_model_provider(provider_id)
list_provider_models(provider_id)
create_system_prompt(system_prompt, *, idempotency_key=None)
get_system_prompt(prompt_id)
list_system_prompts(agent_class_id=None, status=None, limit=100, offset=0)
update_system_prompt(prompt_id, update_data)
delete_system_prompt(prompt_id)
create_tool(tool, *, idempotency_key=None)
update_tool(tool_id, update_data)
list_tools(limit=100, offset=0)
get_tool(tool_id)
delete_tool(tool_id)
sync_tools(tools)
discover_tools(source)
create_deployment(deployment, *, idempotency_key=None)
get_deployment(deployment_id)
update_deployment(deployment_id, update_data)
list_deployments(environment=None, active_only=False, limit=100, offset=0)
delete_deployment(deployment_id)
create_grasp_analysis(deployment_id, analysis, *, idempotency_key=None)
get_grasp_analysis(analysis_id)
list_grasp_analyses(deployment_id, status=None)
query_grasp_analyses(deployment_id=None, status=None, limit=100, offset=0)
health()
metrics()
logs(deployment_id=None, level=None, limit=100)
"""

# Table 1.2: WorkflowClient.
WORKFLOW_METHODS = """
create_plan(deployment_id, plan_create, *, idempotency_key=None)
get_plan(plan_id)
list_plans(deployment_id, status=None, limit=100, offset=0)
update_plan(plan_id, update_data)
append_tasks(plan_id, tasks_append, *, idempotency_key=None)
get_task(task_id, enrich=True)
list_tasks(plan_id, status=None, limit=100, offset=0)
update_task(task_id, update_data)
get_agent_definition(definition_id)
list_agent_definitions(status=None, limit=100, offset=0)
get_agent_definition_config(definition_id)
get_deployment(deployment_id)
list_deployments(environment=None, active_only=False, limit=100, offset=0)
get_agent_instance(instance_id)
list_agent_instances(deployment_id=None, status=None, limit=100, offset=0)
health()
wait_for_plan_completion(plan_id, *, poll_interval=2.0, timeout=None, on_progress=None)
wait_for_task_completion(task_id, *, poll_interval=1.0, timeout=None, on_progress=None)
"""

# The resource layer (lazy accessors on the clients), its objects, and the other public names of sections
# 3.5 (errors), 3.6 (pagination), 3.7 (waiter callbacks), 3.8 (instrumentation) and `atlas_sdk.testing`.
OTHER_PUBLIC_NAMES = (
    # resource layer
    "deployments",
    "plans",
    "tasks",
    "agent_instances",
    "DeploymentsResource",
    "PlansResource",
    "TasksResource",
    "AgentInstancesResource",
    "Deployment",
    "Plan",
    "Task",
    "AgentInstance",
    # pagination
    "paginate",
    "PageFetcher",
    "PaginationState",
    "Paginator",
    # waiters
    "PlanProgressCallback",
    "TaskProgressCallback",
    "AtlasTimeoutError",
    # errors
    "AtlasError",
    "AtlasAPIError",
    "AtlasNotFoundError",
    "AtlasValidationError",
    "AtlasConflictError",
    "AtlasAuthenticationError",
    "AtlasAuthorizationError",
    "AtlasRateLimitError",
    "AtlasServerError",
    "AtlasDomainError",
    "AtlasConnectionError",
    "AtlasInputValidationError",
    "ValidationErrorDetail",
    "RequestContext",
    "AtlasHTTPStatusError",
    # instrumentation
    "RequestMetrics",
    "MetricsHandler",
    "NoOpMetricsHandler",
    "InstrumentationConfig",
    "enable_tracing",
    # testing
    "FakeWorkflowClient",
    "FakeNotFoundError",
)


@dataclass(frozen=True)
class SdkMethod:
    """One public method of an atlas_sdk client, with its signature (self left out)."""

    client: str
    name: str
    signature: inspect.Signature


def _parse(client: str, table: str) -> list[SdkMethod]:
    methods = []
    for line in table.strip().splitlines():
        name, _, parameters = line.partition("(")
        namespace: dict[str, object] = {}
        exec(f"def {name}({parameters}: pass", namespace)  # a stand-in with exactly that signature
        methods.append(SdkMethod(client, name, inspect.signature(namespace[name])))  # type: ignore[arg-type]
    return methods


SDK_METHODS: list[SdkMethod] = _parse("ControlPlaneClient", CONTROL_PLANE_METHODS) + _parse(
    "WorkflowClient", WORKFLOW_METHODS
)
